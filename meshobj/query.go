package meshobj

import (
	"slices"
	"strconv"
	"strings"
)

// This file holds the read-only queries of the exomerge API.

func sortedIDs[T any](xs []T, id func(T) int64) []int64 {
	ids := make([]int64, len(xs))
	for i, x := range xs {
		ids[i] = id(x)
	}
	slices.Sort(ids)
	return ids
}

// GetElementBlockIDs returns the element block ids in ascending order.
func (m *Model) GetElementBlockIDs() []int64 {
	return sortedIDs(m.Blocks, func(b *ElementBlock) int64 { return b.ID })
}

// GetNodeSetIDs returns the node set ids in ascending order.
func (m *Model) GetNodeSetIDs() []int64 {
	return sortedIDs(m.NodeSets, func(s *NodeSet) int64 { return s.ID })
}

// GetSideSetIDs returns the side set ids in ascending order.
func (m *Model) GetSideSetIDs() []int64 {
	return sortedIDs(m.SideSets, func(s *SideSet) int64 { return s.ID })
}

func sortedNames[T any](xs []T, name func(T) string) []string {
	var names []string
	for _, x := range xs {
		if n := name(x); n != "" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// GetAllElementBlockNames returns the non-empty element block names, sorted.
func (m *Model) GetAllElementBlockNames() []string {
	return sortedNames(m.Blocks, func(b *ElementBlock) string { return b.Name })
}

// GetAllNodeSetNames returns the non-empty node set names, sorted.
func (m *Model) GetAllNodeSetNames() []string {
	return sortedNames(m.NodeSets, func(s *NodeSet) string { return s.Name })
}

// GetAllSideSetNames returns the non-empty side set names, sorted.
func (m *Model) GetAllSideSetNames() []string {
	return sortedNames(m.SideSets, func(s *SideSet) string { return s.Name })
}

// GetTimesteps returns the timesteps in ascending order (a new slice).
func (m *Model) GetTimesteps() []float64 {
	ts := slices.Clone(m.Timesteps)
	slices.Sort(ts)
	return ts
}

// GetNodeFieldNames returns the node field names in SortFieldNames order.
func (m *Model) GetNodeFieldNames() []string {
	return SortFieldNames(FieldNames(m.NodeFields))
}

// GetGlobalVariableNames returns the global variable names in
// SortFieldNames order.
func (m *Model) GetGlobalVariableNames() []string {
	names := make([]string, len(m.GlobalVars))
	for i, g := range m.GlobalVars {
		names[i] = g.Name
	}
	return SortFieldNames(names)
}

// unionFieldNames returns the names of the fields of every entity, each
// once, in SortFieldNames order.
func unionFieldNames[T any](xs []T, fields func(T) []*Field) []string {
	seen := map[string]bool{}
	var names []string
	for _, x := range xs {
		for _, f := range fields(x) {
			if !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, f.Name)
			}
		}
	}
	return SortFieldNames(names)
}

func (m *Model) elementFieldNames(blocks []*ElementBlock) []string {
	return unionFieldNames(blocks, func(b *ElementBlock) []*Field { return b.Fields })
}

func (m *Model) nodeSetFieldNames(sets []*NodeSet) []string {
	return unionFieldNames(sets, func(s *NodeSet) []*Field { return s.Fields })
}

func (m *Model) sideSetFieldNames(sets []*SideSet) []string {
	return unionFieldNames(sets, func(s *SideSet) []*Field { return s.Fields })
}

// blocksOf returns the blocks with the given ids (which must exist).
func (m *Model) blocksOf(ids []int64) []*ElementBlock {
	out := make([]*ElementBlock, len(ids))
	for i, id := range ids {
		out[i] = m.Block(id)
	}
	return out
}

func (m *Model) nodeSetsOf(ids []int64) []*NodeSet {
	out := make([]*NodeSet, len(ids))
	for i, id := range ids {
		out[i] = m.NodeSet(id)
	}
	return out
}

func (m *Model) sideSetsOf(ids []int64) []*SideSet {
	out := make([]*SideSet, len(ids))
	for i, id := range ids {
		out[i] = m.SideSet(id)
	}
	return out
}

// GetElementFieldNames returns the names of the element fields defined on
// any of the selected blocks, in SortFieldNames order.
func (m *Model) GetElementFieldNames(blocks Selector) ([]string, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return nil, err
	}
	return m.elementFieldNames(m.blocksOf(ids)), nil
}

// GetNodeSetFieldNames returns the names of the fields defined on any of
// the selected node sets, in SortFieldNames order.
func (m *Model) GetNodeSetFieldNames(sets Selector) ([]string, error) {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return nil, err
	}
	return m.nodeSetFieldNames(m.nodeSetsOf(ids)), nil
}

// GetSideSetFieldNames returns the names of the fields defined on any of
// the selected side sets, in SortFieldNames order.
func (m *Model) GetSideSetFieldNames(sets Selector) ([]string, error) {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return nil, err
	}
	return m.sideSetFieldNames(m.sideSetsOf(ids)), nil
}

// ElementBlockExists reports whether an element block with the given id
// (an integer item, or an integral float) or name (a string item) exists.
func (m *Model) ElementBlockExists(ref Item) bool {
	for _, b := range m.Blocks {
		if refMatches(ref, b.ID, b.Name) {
			return true
		}
	}
	return false
}

// NodeSetExists reports whether a node set with the given id or name
// exists.
func (m *Model) NodeSetExists(ref Item) bool {
	for _, s := range m.NodeSets {
		if refMatches(ref, s.ID, s.Name) {
			return true
		}
	}
	return false
}

// SideSetExists reports whether a side set with the given id or name
// exists.
func (m *Model) SideSetExists(ref Item) bool {
	for _, s := range m.SideSets {
		if refMatches(ref, s.ID, s.Name) {
			return true
		}
	}
	return false
}

func refMatches(ref Item, id int64, name string) bool {
	if ref.Kind == StringItem {
		return name != "" && ref.Str == name
	}
	rid, ok := ref.asID()
	return ok && rid == id
}

// TimestepExists reports whether t is a timestep of the model.
func (m *Model) TimestepExists(t float64) bool { return slices.Contains(m.Timesteps, t) }

// NodeFieldExists reports whether the node field exists.
func (m *Model) NodeFieldExists(name string) bool { return FindField(m.NodeFields, name) != nil }

// GlobalVariableExists reports whether the global variable exists.
func (m *Model) GlobalVariableExists(name string) bool { return m.globalVar(name) != nil }

func (m *Model) globalVar(name string) *GlobalVar {
	for _, g := range m.GlobalVars {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// ElementFieldExists reports whether the element field is defined on every
// selected block (true when the selection is empty, as in exomerge).
func (m *Model) ElementFieldExists(name string, blocks Selector) (bool, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return false, err
	}
	for _, b := range m.blocksOf(ids) {
		if FindField(b.Fields, name) == nil {
			return false, nil
		}
	}
	return true, nil
}

// NodeSetFieldExists reports whether the field is defined on every selected
// node set.
func (m *Model) NodeSetFieldExists(name string, sets Selector) (bool, error) {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return false, err
	}
	for _, s := range m.nodeSetsOf(ids) {
		if FindField(s.Fields, name) == nil {
			return false, nil
		}
	}
	return true, nil
}

// SideSetFieldExists reports whether the field is defined on every selected
// side set.
func (m *Model) SideSetFieldExists(name string, sets Selector) (bool, error) {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return false, err
	}
	for _, s := range m.sideSetsOf(ids) {
		if FindField(s.Fields, name) == nil {
			return false, nil
		}
	}
	return true, nil
}

// GetElementBlockName returns the name of one element block ("" if
// unnamed).
func (m *Model) GetElementBlockName(block Item) (string, error) {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return "", err
	}
	return m.Block(id).Name, nil
}

// GetNodeSetName returns the name of one node set.
func (m *Model) GetNodeSetName(set Item) (string, error) {
	id, err := m.ResolveNodeSet(set)
	if err != nil {
		return "", err
	}
	return m.NodeSet(id).Name, nil
}

// GetSideSetName returns the name of one side set.
func (m *Model) GetSideSetName(set Item) (string, error) {
	id, err := m.ResolveSideSet(set)
	if err != nil {
		return "", err
	}
	return m.SideSet(id).Name, nil
}

// GetConnectivity returns the connectivity of one element block: the
// block's own []int32 of 0-based node indices, NodesPerElem per element.
// Writes through it change the model; see the package doc for how long it
// stays valid.
func (m *Model) GetConnectivity(block Item) ([]int32, error) {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return nil, err
	}
	return m.Block(id).Conn, nil
}

// GetNodesPerElement returns the nodes per element of one block.
func (m *Model) GetNodesPerElement(block Item) (int, error) {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return 0, err
	}
	return m.Block(id).NodesPerElem, nil
}

// GetElementBlockDimension returns the topological dimension of the
// elements of one block (0 point, 1 line, 2 tri/quad, 3 solid and shell
// elements), or -1 for an element type exomerge does not know.
func (m *Model) GetElementBlockDimension(block Item) (int, error) {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return 0, err
	}
	if d, ok := elementDimension[StandardElementType(m.Block(id).Type)]; ok {
		return d, nil
	}
	return -1, nil
}

// GetElementCount returns the number of elements in the selected blocks.
func (m *Model) GetElementCount(blocks Selector) (int, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range m.blocksOf(ids) {
		n += b.NumElems
	}
	return n, nil
}

// GetNodesInElementBlock returns the sorted, distinct node indices used by
// the selected blocks (a new slice).
func (m *Model) GetNodesInElementBlock(blocks Selector) ([]int32, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return nil, err
	}
	nn := m.NumNodes()
	used := make([]bool, nn)
	for _, b := range m.blocksOf(ids) {
		for _, n := range b.Conn {
			if int(n) < nn { // BEX blocks also refer to control points
				used[n] = true
			}
		}
	}
	return trueIndices(used), nil
}

// trueIndices returns the indices of the true entries.
func trueIndices(flags []bool) []int32 {
	n := 0
	for _, f := range flags {
		if f {
			n++
		}
	}
	out := make([]int32, 0, n)
	for i, f := range flags {
		if f {
			out = append(out, int32(i))
		}
	}
	return out
}

// GetNodeSetMembers returns the members (0-based node indices) of one node
// set: the set's own slice.
func (m *Model) GetNodeSetMembers(set Item) ([]int32, error) {
	id, err := m.ResolveNodeSet(set)
	if err != nil {
		return nil, err
	}
	return m.NodeSet(id).Members, nil
}

// SideSetMembers is a list of element sides: member i is side Sides[i]
// (0-based) of element Elems[i] (0-based within its block) of the block
// with id BlockIDs[i]; exomerge's (block id, element index, side index)
// tuples. The three slices have equal lengths.
type SideSetMembers struct {
	BlockIDs []int64
	Elems    []int32
	Sides    []int32
}

// Len returns the number of members.
func (s SideSetMembers) Len() int { return len(s.BlockIDs) }

// GetSideSetMembers returns the members of one side set: views of the
// set's own slices.
func (m *Model) GetSideSetMembers(set Item) (SideSetMembers, error) {
	id, err := m.ResolveSideSet(set)
	if err != nil {
		return SideSetMembers{}, err
	}
	s := m.SideSet(id)
	return SideSetMembers{BlockIDs: s.BlockIDs, Elems: s.Elems, Sides: s.Sides}, nil
}

// timestepIndex returns the model index of a resolved timestep.
func (m *Model) timestepIndex(t float64) int { return slices.Index(m.Timesteps, t) }

// GetNodeFieldValues returns the values of a node field at one timestep
// (default KeyLast): the model's own slice, one value per node (the
// timestep's own: if it shared its array with other timesteps, it gets a
// copy first, so a write into the slice changes this timestep only). name is
// resolved like a one-item selector (it may be KeyAuto or a pattern
// matching exactly one field).
func (m *Model) GetNodeFieldValues(name string, timestep Item) ([]float64, error) {
	f := m.plainField(m.NodeFields, name)
	if f == nil {
		names, err := resolve(m, nameDomain(entNodeField, m.GetNodeFieldNames()), One(Str(name)), optSingle)
		if err != nil {
			return nil, err
		}
		f = FindField(m.NodeFields, names[0])
	}
	ti, err := m.stepIndex(timestep)
	if err != nil {
		return nil, err
	}
	return f.Own(ti), nil
}

// plainField returns the field called name if name is a plain name (no
// keyword, no wildcard) of an existing field: the common case, resolved
// without building the selector domain.
func (m *Model) plainField(fs []*Field, name string) *Field {
	switch name {
	case KeyAll, KeyNone, KeyFirst, KeyLast, KeyAuto, KeyFirstIfAny, KeyLastIfAny:
		return nil
	}
	if strings.Contains(name, "*") {
		return nil
	}
	return FindField(fs, name)
}

// stepIndex resolves a single timestep reference to its model index,
// looking a numeric time or KeyLast up directly.
func (m *Model) stepIndex(ref Item) (int, error) {
	if i, ok := m.quickStep(ref); ok {
		return i, nil
	}
	t, err := m.ResolveTimestep(ref)
	if err != nil {
		return 0, err
	}
	return m.timestepIndex(t), nil
}

// quickStep finds the index of an existing numeric time or of KeyLast
// without building the selector domain.
func (m *Model) quickStep(ref Item) (int, bool) {
	if t, ok := ref.asFloat(); ok {
		if i := m.timestepIndex(t); i >= 0 {
			return i, true
		}
	}
	if ref.Kind == StringItem && ref.Str == KeyLast && len(m.Timesteps) > 0 {
		last := 0
		for i, t := range m.Timesteps {
			if t > m.Timesteps[last] {
				last = i
			}
		}
		return last, true
	}
	return 0, false
}

// quickValues is the fast path of the Get*FieldValues methods: a plain
// field name of a field defined on the entity, and a numeric or KeyLast
// timestep, need no selector resolution.
func (m *Model) quickValues(fs []*Field, name string, timestep Item) ([]float64, bool) {
	f := m.plainField(fs, name)
	if f == nil {
		return nil, false
	}
	ti, ok := m.quickStep(timestep)
	if !ok {
		return nil, false
	}
	return f.Own(ti), true
}

// GetElementFieldValues returns the values of an element field on one
// block at one timestep: the model's own slice, one value per element
// (the timestep's own, as GetNodeFieldValues gives it). It
// is an error if the field is not defined on that block.
func (m *Model) GetElementFieldValues(name string, block, timestep Item) ([]float64, error) {
	if block.Kind == IntItem {
		if b := m.Block(block.Int); b != nil {
			if v, ok := m.quickValues(b.Fields, name, timestep); ok {
				return v, nil
			}
		}
	}
	names, err := resolve(m, nameDomain(entElementField, m.elementFieldNames(m.Blocks)), One(Str(name)), optSingle)
	if err != nil {
		return nil, err
	}
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return nil, err
	}
	t, err := m.ResolveTimestep(timestep)
	if err != nil {
		return nil, err
	}
	f := FindField(m.Block(id).Fields, names[0])
	if f == nil {
		return nil, missingOnEntityError(names[0], entElementField, strconv.FormatInt(id, 10), entBlock)
	}
	return f.Own(m.timestepIndex(t)), nil
}

// GetNodeSetFieldValues returns the values of a node set field on one node
// set at one timestep: the model's own slice, one value per member.
func (m *Model) GetNodeSetFieldValues(name string, set, timestep Item) ([]float64, error) {
	if set.Kind == IntItem {
		if s := m.NodeSet(set.Int); s != nil {
			if v, ok := m.quickValues(s.Fields, name, timestep); ok {
				return v, nil
			}
		}
	}
	id, err := m.ResolveNodeSet(set)
	if err != nil {
		return nil, err
	}
	names, err := resolve(m, nameDomain(entNodeSetField, m.nodeSetFieldNames(m.NodeSets)), One(Str(name)), optSingle)
	if err != nil {
		return nil, err
	}
	t, err := m.ResolveTimestep(timestep)
	if err != nil {
		return nil, err
	}
	f := FindField(m.NodeSet(id).Fields, names[0])
	if f == nil {
		return nil, missingOnEntityError(names[0], entNodeSetField, strconv.FormatInt(id, 10), entNodeSet)
	}
	return f.Own(m.timestepIndex(t)), nil
}

// GetSideSetFieldValues returns the values of a side set field on one side
// set at one timestep: the model's own slice, one value per member.
func (m *Model) GetSideSetFieldValues(name string, set, timestep Item) ([]float64, error) {
	if set.Kind == IntItem {
		if s := m.SideSet(set.Int); s != nil {
			if v, ok := m.quickValues(s.Fields, name, timestep); ok {
				return v, nil
			}
		}
	}
	id, err := m.ResolveSideSet(set)
	if err != nil {
		return nil, err
	}
	names, err := resolve(m, nameDomain(entSideSetField, m.sideSetFieldNames(m.SideSets)), One(Str(name)), optSingle)
	if err != nil {
		return nil, err
	}
	t, err := m.ResolveTimestep(timestep)
	if err != nil {
		return nil, err
	}
	f := FindField(m.SideSet(id).Fields, names[0])
	if f == nil {
		return nil, missingOnEntityError(names[0], entSideSetField, strconv.FormatInt(id, 10), entSideSet)
	}
	return f.Own(m.timestepIndex(t)), nil
}

// DisplacementFieldPrefix returns the prefix of the displacement field: the
// last node field name (in SortFieldNames order) of the form prefix + "_?"
// whose prefix is a case-insensitive abbreviation of "displacement" of at
// least 3 letters, or "disp" if there is none.
func (m *Model) DisplacementFieldPrefix() string {
	prefix := "disp"
	for _, n := range m.GetNodeFieldNames() {
		r := []rune(n)
		if len(r) < 3 || r[len(r)-2] != '_' {
			continue
		}
		if p := string(r[:len(r)-2]); isDisplacementPrefix(p) {
			prefix = p
		}
	}
	return prefix
}

func isDisplacementPrefix(p string) bool {
	return len(p) >= 3 && len(p) <= len("displacement") && strings.ToLower(p) == "displacement"[:len(p)]
}

// DisplacementFieldExists reports whether the node fields prefix_x,
// prefix_y and prefix_z exist, prefix being DisplacementFieldPrefix().
func (m *Model) DisplacementFieldExists() bool {
	p := m.DisplacementFieldPrefix()
	return m.NodeFieldExists(p+"_x") && m.NodeFieldExists(p+"_y") && m.NodeFieldExists(p+"_z")
}

// DefaultFieldValue returns the value exomerge gives a field where it has
// none (value='auto'): 0 for a displacement component (a name whose part
// before the last two characters abbreviates "displacement", e.g. "disp_x")
// and NaN for any other field.
func DefaultFieldValue(name string) float64 {
	if r := []rune(name); len(r) >= 2 && isDisplacementPrefix(string(r[:len(r)-2])) {
		return 0
	}
	return nan
}

// GetElementBlockConnectivity is exomerge's alias of GetConnectivity.
func (m *Model) GetElementBlockConnectivity(block Item) ([]int32, error) {
	return m.GetConnectivity(block)
}
