package meshobj

import (
	"fmt"
	"slices"
	"strconv"

	"exosh/compute"
)

// This file holds node set and side set bookkeeping.

// sideNodes returns the local nodes (0-based, in side-set distribution
// factor order) of side `side` (0-based) of an element of block b.
func sideNodes(b *ElementBlock, side int32) ([]int32, bool) {
	return faceNodes(b.Type, b.NodesPerElem, side)
}

// faceNodes looks a side up in compute's element topology tables
// (exomerge's FACE_MAPPING for the types exomerge knows, the Exodus side
// tables for the others).
func faceNodes(elemType string, nodesPerElem int, side int32) ([]int32, bool) {
	t, ok := compute.LookupTopology(elemType, nodesPerElem)
	if !ok || side < 0 || int(side) >= len(t.Faces) {
		return nil, false
	}
	return t.Faces[side].Nodes, true
}

// dfCounts returns the number of distribution factors of each member of s
// (the node count of its side), or false if a member's element type or side
// is unknown, or if the counts do not add up to len(s.DistFactors).
func (m *Model) dfCounts(s *SideSet) ([]int, bool) {
	counts := make([]int, len(s.BlockIDs))
	total := 0
	var last *ElementBlock
	for k, id := range s.BlockIDs {
		if last == nil || last.ID != id {
			if last = m.Block(id); last == nil {
				return nil, false
			}
		}
		nodes, ok := sideNodes(last, s.Sides[k])
		if !ok {
			return nil, false
		}
		counts[k] = len(nodes)
		total += len(nodes)
	}
	return counts, total == len(s.DistFactors)
}

// keepSideMembers keeps the members k of s with keep(k), with their field
// values and distribution factors. If the distribution factors cannot be
// split per member (an element type without a side table), they are
// dropped. It must run while the members' blocks still exist.
func (m *Model) keepSideMembers(s *SideSet, keep func(k int) bool) {
	n := len(s.BlockIDs)
	flags := make([]bool, n)
	all := true
	for k := range n {
		flags[k] = keep(k)
		all = all && flags[k]
	}
	if all {
		return
	}
	kf := func(k int) bool { return flags[k] }
	if s.DistFactors != nil {
		if counts, ok := m.dfCounts(s); ok {
			j, off := 0, 0
			for k, c := range counts {
				if flags[k] {
					copy(s.DistFactors[j:j+c], s.DistFactors[off:off+c])
					j += c
				}
				off += c
			}
			s.DistFactors = s.DistFactors[:j]
		} else {
			m.dropSideDF(s)
		}
	}
	for _, f := range s.Fields {
		for t := range f.Values {
			f.Values[t] = keepIndices(f.Values[t], kf)
		}
	}
	s.BlockIDs = keepIndices(s.BlockIDs, kf)
	s.Elems = keepIndices(s.Elems, kf)
	s.Sides = keepIndices(s.Sides, kf)
}

// checkNodes verifies that every node index is in range.
func (m *Model) checkNodes(nodes []int32) error {
	nn := m.NumNodes()
	for _, n := range nodes {
		if n < 0 || int(n) >= nn {
			return newError("Invalid node index.",
				fmt.Sprintf("Node index %d is out of range; the model has %d nodes.", n, nn))
		}
	}
	return nil
}

// checkSides verifies that every member refers to an existing element of
// an existing block and to a non-negative side.
func (m *Model) checkSides(mem SideSetMembers) error {
	if len(mem.Elems) != len(mem.BlockIDs) || len(mem.Sides) != len(mem.BlockIDs) {
		return newError("Invalid side set members.", "The block, element and side lists differ in length.")
	}
	var b *ElementBlock
	for k, id := range mem.BlockIDs {
		if b == nil || b.ID != id {
			if b = m.Block(id); b == nil {
				return newError("Invalid side set members.",
					fmt.Sprintf("Member (%d, %d, %d) refers to element block %d, which does not exist.", id, mem.Elems[k], mem.Sides[k], id))
			}
		}
		if e := mem.Elems[k]; e < 0 || int(e) >= b.NumElems {
			return newError("Invalid side set members.",
				fmt.Sprintf("Member (%d, %d, %d) refers to element %d of element block %d, which has %d elements.", id, e, mem.Sides[k], e, id, b.NumElems))
		}
		if mem.Sides[k] < 0 {
			return newError("Invalid side set members.",
				fmt.Sprintf("Member (%d, %d, %d) has a negative side index.", id, mem.Elems[k], mem.Sides[k]))
		}
	}
	return nil
}

// uniqueNodes returns nodes without repeats (first occurrences, in order),
// leaving out those flagged in skip (indexed by node, may be nil).
func uniqueNodes(nodes []int32, skip map[int32]bool) []int32 {
	seen := make(map[int32]bool, len(nodes))
	out := make([]int32, 0, len(nodes))
	for _, n := range nodes {
		if !seen[n] && !skip[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// CreateNodeSet creates node set id with the given members (0-based node
// indices; the slice is not retained). Repeated members are kept once, with
// a warning. If the set exists it warns and replaces it (name, fields and
// distribution factors included), as exomerge does.
func (m *Model) CreateNodeSet(id int64, members []int32) error {
	if err := m.checkNodes(members); err != nil {
		return err
	}
	unique := uniqueNodes(members, nil)
	if len(unique) != len(members) {
		m.warn("Duplicate nodes in set.",
			"The node set member list contains multiple copies of some nodes. These nodes will only be added once.")
	}
	s := &NodeSet{ID: id, Members: unique}
	if i := slices.IndexFunc(m.NodeSets, func(x *NodeSet) bool { return x.ID == id }); i >= 0 {
		m.existsWarning(strconv.FormatInt(id, 10), entNodeSet)
		m.NodeSets[i] = s
		return nil
	}
	m.NodeSets = append(m.NodeSets, s)
	return nil
}

// AddNodesToNodeSet appends members to node set id, skipping (with a
// warning) nodes already in it; fields get their default value at the new
// members and distribution factors 1.0. If the set does not exist it warns
// and creates it.
func (m *Model) AddNodesToNodeSet(id int64, members []int32) error {
	s := m.NodeSet(id)
	if s == nil {
		m.warn("Node set does not exist.",
			`The specified node set "`+strconv.FormatInt(id, 10)+`" does not exist. It will be created.`)
		return m.CreateNodeSet(id, members)
	}
	if err := m.checkNodes(members); err != nil {
		return err
	}
	have := make(map[int32]bool, len(s.Members))
	for _, n := range s.Members {
		have[n] = true
	}
	add := uniqueNodes(members, have)
	if len(add) != len(members) {
		m.warn("Duplicate nodes in set.",
			"The node set already contains some of the nodes in the list. These members will not be duplicated.")
	}
	m.appendNodeSetMembers(s, add, nil)
	return nil
}

// appendNodeSetMembers appends members; each field gets its default value
// at them, then fill (if not nil) may overwrite dst, the new members'
// values of field f at timestep t. Distribution factors, if the set has
// them, are 1.0.
func (m *Model) appendNodeSetMembers(s *NodeSet, add []int32, fill func(f *Field, t int, dst []float64)) {
	if len(add) > 0 {
		m.dropCarried(DepSets, "Adding node set members")
	}
	if s.DistFactors != nil && len(s.DistFactors) == len(s.Members) {
		s.DistFactors = appendFilled(s.DistFactors, len(add), 1)
	}
	for _, f := range s.Fields {
		def := DefaultFieldValue(f.Name)
		for t := range f.Values {
			n0 := len(f.Values[t])
			f.Values[t] = appendFilled(f.Values[t], len(add), def)
			if fill != nil {
				fill(f, t, f.Values[t][n0:])
			}
		}
	}
	s.Members = append(s.Members, add...)
}

// sideKey identifies a side set member.
type sideKey struct {
	block      int64
	elem, side int32
}

// CreateSideSet creates side set id with the given members (the slices are
// not retained). Repeated members are kept once, with a warning. If the set
// exists it warns and replaces it.
func (m *Model) CreateSideSet(id int64, members SideSetMembers) error {
	if err := m.checkSides(members); err != nil {
		return err
	}
	s := &SideSet{ID: id}
	added := m.appendUniqueSides(s, members, nil)
	if added != members.Len() {
		m.warn("Duplicate faces in set.",
			"The face set member list contains multiple copies of some faces. These faces will only be added once.")
	}
	if i := slices.IndexFunc(m.SideSets, func(x *SideSet) bool { return x.ID == id }); i >= 0 {
		m.existsWarning(strconv.FormatInt(id, 10), entSideSet)
		m.SideSets[i] = s
		return nil
	}
	m.SideSets = append(m.SideSets, s)
	return nil
}

// appendUniqueSides appends to s the members not already in s (nor
// repeated), giving fields their default value, which fill (if not nil) may
// overwrite: dst holds the values of field f at timestep t of the appended
// members, which are mem's members src. It returns the number appended. Distribution factors are extended with 1.0 per side node
// where the side tables allow, else dropped.
func (m *Model) appendUniqueSides(s *SideSet, mem SideSetMembers, fill func(f *Field, t int, src []int, dst []float64)) int {
	if mem.Len() > 0 {
		m.dropCarried(DepSets, "Adding side set members")
	}
	have := make(map[sideKey]bool, len(s.BlockIDs)+mem.Len())
	for k := range s.BlockIDs {
		have[sideKey{s.BlockIDs[k], s.Elems[k], s.Sides[k]}] = true
	}
	var src []int
	for k := range mem.BlockIDs {
		key := sideKey{mem.BlockIDs[k], mem.Elems[k], mem.Sides[k]}
		if !have[key] {
			have[key] = true
			src = append(src, k)
		}
	}
	if s.DistFactors != nil {
		extra := 0
		ok := true
		for _, k := range src {
			nodes, found := sideNodes(m.Block(mem.BlockIDs[k]), mem.Sides[k])
			if !found {
				ok = false
				break
			}
			extra += len(nodes)
		}
		if _, consistent := m.dfCounts(s); ok && consistent {
			s.DistFactors = appendFilled(s.DistFactors, extra, 1)
		} else {
			m.dropSideDF(s)
		}
	}
	for _, f := range s.Fields {
		def := DefaultFieldValue(f.Name)
		for t := range f.Values {
			n0 := len(f.Values[t])
			f.Values[t] = appendFilled(f.Values[t], len(src), def)
			if fill != nil {
				fill(f, t, src, f.Values[t][n0:])
			}
		}
	}
	for _, k := range src {
		s.BlockIDs = append(s.BlockIDs, mem.BlockIDs[k])
		s.Elems = append(s.Elems, mem.Elems[k])
		s.Sides = append(s.Sides, mem.Sides[k])
	}
	return len(src)
}

// AddFacesToSideSet appends members to side set id, skipping (with a
// warning) members already in it; fields get their default value at the
// new members. If the set does not exist it warns and creates it.
func (m *Model) AddFacesToSideSet(id int64, members SideSetMembers) error {
	s := m.SideSet(id)
	if s == nil {
		m.warn("Side set does not exist.",
			`The specified side set "`+strconv.FormatInt(id, 10)+`" does not exist. It will be created.`)
		return m.CreateSideSet(id, members)
	}
	if err := m.checkSides(members); err != nil {
		return err
	}
	if m.appendUniqueSides(s, members, nil) != members.Len() {
		m.warn("Duplicate faces in set.",
			"The side set already contains some of the faces in the list. These members will not be duplicated.")
	}
	return nil
}

// DeleteNodeSets deletes the selected node sets.
func (m *Model) DeleteNodeSets(sets Selector) error {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return err
	}
	del := idSet(ids)
	if len(ids) > 0 {
		m.dropCarried(DepSets, "Deleting node sets")
	}
	m.NodeSets = slices.DeleteFunc(m.NodeSets, func(s *NodeSet) bool { return del[s.ID] })
	m.dropAssemblyMembers(exNodeSet, del)
	return nil
}

// DeleteSideSets deletes the selected side sets.
func (m *Model) DeleteSideSets(sets Selector) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	del := idSet(ids)
	if len(ids) > 0 {
		m.dropCarried(DepSets, "Deleting side sets")
	}
	m.SideSets = slices.DeleteFunc(m.SideSets, func(s *SideSet) bool { return del[s.ID] })
	m.dropAssemblyMembers(exSideSet, del)
	return nil
}

// DeleteEmptyNodeSets deletes the node sets without members.
func (m *Model) DeleteEmptyNodeSets() {
	del := map[int64]bool{}
	for _, s := range m.NodeSets {
		if len(s.Members) == 0 {
			del[s.ID] = true
		}
	}
	m.NodeSets = slices.DeleteFunc(m.NodeSets, func(s *NodeSet) bool { return del[s.ID] })
	m.dropAssemblyMembers(exNodeSet, del)
}

// DeleteEmptySideSets deletes the side sets without members.
func (m *Model) DeleteEmptySideSets() {
	del := map[int64]bool{}
	for _, s := range m.SideSets {
		if len(s.BlockIDs) == 0 {
			del[s.ID] = true
		}
	}
	m.SideSets = slices.DeleteFunc(m.SideSets, func(s *SideSet) bool { return del[s.ID] })
	m.dropAssemblyMembers(exSideSet, del)
}

func idSet(ids []int64) map[int64]bool {
	s := make(map[int64]bool, len(ids))
	for _, id := range ids {
		s[id] = true
	}
	return s
}

// Exodus entity type codes of assembly members.
const (
	exElemBlock = 1
	exNodeSet   = 2
	exSideSet   = 3
)

// dropAssemblyMembers removes deleted entities from assemblies of their
// type.
func (m *Model) dropAssemblyMembers(typ int32, del map[int64]bool) {
	if len(del) == 0 {
		return
	}
	for _, a := range m.Assemblies {
		if a.Type == typ {
			a.Members = slices.DeleteFunc(a.Members, func(id int64) bool { return del[id] })
		}
	}
}

// renameAssemblyMembers changes an entity id in assemblies of its type.
func (m *Model) renameAssemblyMembers(typ int32, old, id int64) {
	for _, a := range m.Assemblies {
		if a.Type == typ {
			for i, x := range a.Members {
				if x == old {
					a.Members[i] = id
				}
			}
		}
	}
}

// renameTarget interprets the new id or name of a rename: a string is a
// name, an integer (or integral float) an id.
func renameTarget(entity string, newRef Item) (id int64, name string, isName bool, err error) {
	if newRef.Kind == StringItem {
		return 0, newRef.Str, true, nil
	}
	id, ok := newRef.asID()
	if !ok {
		return 0, "", false, newError("Invalid "+entity+" id.",
			`The new `+entity+` id "`+newRef.String()+`" is not an integer.`)
	}
	return id, "", false, nil
}

// RenameNodeSet changes the id (newRef an integer) or the name (newRef a
// string) of one node set. A new name already in use, or a new id already
// in use, is a warning; in the latter case the other set is replaced, as in
// exomerge.
func (m *Model) RenameNodeSet(set, newRef Item) error {
	id, err := m.ResolveNodeSet(set)
	if err != nil {
		return err
	}
	newID, name, isName, err := renameTarget(entNodeSet, newRef)
	if err != nil {
		return err
	}
	s := m.NodeSet(id)
	if isName {
		if s.Name == name {
			return nil
		}
		if m.NodeSetExists(newRef) {
			m.existsWarning(name, entNodeSet)
		}
		s.Name = name
		return nil
	}
	if newID == id {
		return nil
	}
	if m.NodeSet(newID) != nil {
		m.existsWarning(strconv.FormatInt(newID, 10), entNodeSet)
		m.NodeSets = slices.DeleteFunc(m.NodeSets, func(x *NodeSet) bool { return x.ID == newID })
		m.dropAssemblyMembers(exNodeSet, map[int64]bool{newID: true})
	}
	s.ID = newID
	m.renameAssemblyMembers(exNodeSet, id, newID)
	return nil
}

// RenameSideSet changes the id (newRef an integer) or the name (newRef a
// string) of one side set, as RenameNodeSet.
func (m *Model) RenameSideSet(set, newRef Item) error {
	id, err := m.ResolveSideSet(set)
	if err != nil {
		return err
	}
	newID, name, isName, err := renameTarget(entSideSet, newRef)
	if err != nil {
		return err
	}
	s := m.SideSet(id)
	if isName {
		if s.Name == name {
			return nil
		}
		if m.SideSetExists(newRef) {
			m.existsWarning(name, entSideSet)
		}
		s.Name = name
		return nil
	}
	if newID == id {
		return nil
	}
	if m.SideSet(newID) != nil {
		m.existsWarning(strconv.FormatInt(newID, 10), entSideSet)
		m.SideSets = slices.DeleteFunc(m.SideSets, func(x *SideSet) bool { return x.ID == newID })
		m.dropAssemblyMembers(exSideSet, map[int64]bool{newID: true})
	}
	s.ID = newID
	m.renameAssemblyMembers(exSideSet, id, newID)
	return nil
}

// GetNodesInSideSet returns the sorted, distinct nodes on the sides of one
// side set (a new slice). It is an error if a member's element type has no
// side table.
func (m *Model) GetNodesInSideSet(set Item) ([]int32, error) {
	id, err := m.ResolveSideSet(set)
	if err != nil {
		return nil, err
	}
	s := m.SideSet(id)
	used := make([]bool, m.NumNodes())
	var b *ElementBlock
	for k, bid := range s.BlockIDs {
		if b == nil || b.ID != bid {
			b = m.Block(bid)
		}
		nodes, ok := sideNodes(b, s.Sides[k])
		if !ok {
			return nil, newError("Undefined face mapping.",
				fmt.Sprintf(`The mapping defining which nodes belong to side %d of a "%s" element with %d nodes (element block %d) is not defined.`,
					s.Sides[k], b.Type, b.NodesPerElem, b.ID))
		}
		base := int(s.Elems[k]) * b.NodesPerElem
		for _, ln := range nodes {
			used[b.Conn[base+int(ln)]] = true
		}
	}
	return trueIndices(used), nil
}

// CreateNodeSetFromSideSet creates node set id holding the nodes of one
// side set (GetNodesInSideSet).
func (m *Model) CreateNodeSetFromSideSet(id int64, sideSet Item) error {
	nodes, err := m.GetNodesInSideSet(sideSet)
	if err != nil {
		return err
	}
	return m.CreateNodeSet(id, nodes)
}
