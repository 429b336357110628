package meshobj

import (
	"slices"
	"strconv"
	"strings"

	"exosh/compute"
)

// This file holds field and global variable bookkeeping: create, delete,
// rename.

// filled returns n copies of v.
func filled(n int, v float64) []float64 {
	s := compute.Float64s(n)
	if v != 0 {
		compute.Fill(s, v)
	}
	return s
}

// newFieldValues returns steps slices of n values v.
func newFieldValues(steps, n int, v float64) [][]float64 {
	vals := make([][]float64, steps)
	for t := range vals {
		vals[t] = filled(n, v)
	}
	return vals
}

// setField replaces the values of the field named name in *fs, or appends
// a new field.
func setField(fs *[]*Field, name string, values [][]float64) {
	if f := FindField(*fs, name); f != nil {
		f.Values = values
		return
	}
	*fs = append(*fs, &Field{Name: name, Values: values})
}

// removeField deletes the field named name from *fs and reports whether it
// was there.
func removeField(fs *[]*Field, name string) bool {
	i := slices.IndexFunc(*fs, func(f *Field) bool { return f.Name == name })
	if i < 0 {
		return false
	}
	*fs = slices.Delete(*fs, i, i+1)
	return true
}

// renameField renames a field in *fs; a field already called newName is
// replaced. It reports whether name was found.
func renameField(fs *[]*Field, name, newName string) bool {
	f := FindField(*fs, name)
	if f == nil {
		return false
	}
	if name == newName {
		return true
	}
	removeField(fs, newName)
	f.Name = newName
	return true
}

func (m *Model) emptyFieldWarning() {
	if len(m.Timesteps) == 0 {
		m.warn("Creating an empty field",
			"No timesteps are defined. Because fields are only defined at each timestep, creating a field when no timesteps are defined will let the field have any values. By default, empty fields are not exported.\n\nTo avoid this warning, create a timestep before creating a field.")
	}
}

// CreateNodeField creates a node field with value at every node and
// timestep (pass DefaultFieldValue(name) for exomerge's value='auto'). If
// the field exists it warns and leaves it unchanged; if the model has no
// timesteps it warns that the field is empty.
func (m *Model) CreateNodeField(name string, value float64) error {
	m.emptyFieldWarning()
	if m.NodeFieldExists(name) {
		m.existsWarning(name, entNodeField)
		return nil
	}
	m.NodeFields = append(m.NodeFields, &Field{Name: name, Values: sharedFilled(len(m.Timesteps), m.NumNodes(), value)})
	return nil
}

// CreateElementField creates an element field with value on every selected
// block, replacing it (with a warning) where it exists.
func (m *Model) CreateElementField(name string, blocks Selector, value float64) error {
	m.emptyFieldWarning()
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	for _, b := range m.blocksOf(ids) {
		m.createElementField(b, name, value)
	}
	return nil
}

func (m *Model) createElementField(b *ElementBlock, name string, value float64) {
	if FindField(b.Fields, name) != nil {
		m.existsOnEntityWarning(name, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
	}
	setField(&b.Fields, name, sharedFilled(len(m.Timesteps), b.NumElems, value))
}

// CreateNodeSetField creates a field with value on every selected node set,
// replacing it (with a warning) where it exists.
func (m *Model) CreateNodeSetField(name string, sets Selector, value float64) error {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return err
	}
	for _, s := range m.nodeSetsOf(ids) {
		if FindField(s.Fields, name) != nil {
			m.existsOnEntityWarning(name, entNodeSetField, strconv.FormatInt(s.ID, 10), entNodeSet)
		}
		setField(&s.Fields, name, newFieldValues(len(m.Timesteps), len(s.Members), value))
	}
	return nil
}

// CreateSideSetField creates a field with value on every selected side set,
// replacing it (with a warning) where it exists.
func (m *Model) CreateSideSetField(name string, sets Selector, value float64) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	for _, s := range m.sideSetsOf(ids) {
		if FindField(s.Fields, name) != nil {
			m.existsOnEntityWarning(name, entSideSetField, strconv.FormatInt(s.ID, 10), entSideSet)
		}
		setField(&s.Fields, name, newFieldValues(len(m.Timesteps), len(s.BlockIDs), value))
	}
	return nil
}

// CreateGlobalVariable creates a global variable with value at every
// timestep, replacing it (with a warning) if it exists.
func (m *Model) CreateGlobalVariable(name string, value float64) error {
	vals := filled(len(m.Timesteps), value)
	if g := m.globalVar(name); g != nil {
		m.existsWarning(name, entGlobalVar)
		g.Values = vals
		return nil
	}
	m.GlobalVars = append(m.GlobalVars, &GlobalVar{Name: name, Values: vals})
	return nil
}

// CreateDisplacementField creates whichever of the node fields prefix_x,
// prefix_y and prefix_z (prefix = DisplacementFieldPrefix()) do not exist,
// with value 0.
func (m *Model) CreateDisplacementField() error {
	p := m.DisplacementFieldPrefix()
	for _, c := range []string{"_x", "_y", "_z"} {
		if !m.NodeFieldExists(p + c) {
			if err := m.CreateNodeField(p+c, DefaultFieldValue(p+c)); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteNodeFields deletes the selected node fields.
func (m *Model) DeleteNodeFields(names Selector) error {
	ns, err := m.ResolveNodeFieldNames(names)
	if err != nil {
		return err
	}
	for _, n := range ns {
		removeField(&m.NodeFields, n)
	}
	return nil
}

// DeleteGlobalVariables deletes the selected global variables.
func (m *Model) DeleteGlobalVariables(names Selector) error {
	ns, err := m.ResolveGlobalVariableNames(names)
	if err != nil {
		return err
	}
	for _, n := range ns {
		m.GlobalVars = slices.DeleteFunc(m.GlobalVars, func(g *GlobalVar) bool { return g.Name == n })
	}
	return nil
}

// DeleteElementFields deletes the selected element fields from the
// selected blocks, warning for a field defined on none of them.
func (m *Model) DeleteElementFields(names, blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	ns, err := m.ResolveElementFieldNames(names)
	if err != nil {
		return err
	}
	bs := m.blocksOf(ids)
	for _, n := range ns {
		found := false
		for _, b := range bs {
			found = removeField(&b.Fields, n) || found
		}
		m.ElemFieldOrder = m.pruneOrder(m.ElemFieldOrder, n, m.elementFieldNames(m.Blocks))
		if !found {
			m.warn("Element field not defined.",
				`The element field "`+n+`" was not defined on any of the given element blocks. It cannot be deleted.`)
		}
	}
	return nil
}

// DeleteNodeSetFields deletes the selected node set fields from the
// selected node sets, warning for a field defined on none of them.
func (m *Model) DeleteNodeSetFields(names, sets Selector) error {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return err
	}
	ns, err := m.ResolveNodeSetFieldNames(names)
	if err != nil {
		return err
	}
	ss := m.nodeSetsOf(ids)
	for _, n := range ns {
		found := false
		for _, s := range ss {
			found = removeField(&s.Fields, n) || found
		}
		m.NodeSetFieldOrder = m.pruneOrder(m.NodeSetFieldOrder, n, m.nodeSetFieldNames(m.NodeSets))
		if !found {
			m.warn("Node set field not defined.",
				`The node set field "`+n+`" was not defined on any of the given node sets. It cannot be deleted.`)
		}
	}
	return nil
}

// DeleteSideSetFields deletes the selected side set fields from the
// selected side sets, warning for a field defined on none of them.
func (m *Model) DeleteSideSetFields(names, sets Selector) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	ns, err := m.ResolveSideSetFieldNames(names)
	if err != nil {
		return err
	}
	ss := m.sideSetsOf(ids)
	for _, n := range ns {
		found := false
		for _, s := range ss {
			found = removeField(&s.Fields, n) || found
		}
		m.SideSetFieldOrder = m.pruneOrder(m.SideSetFieldOrder, n, m.sideSetFieldNames(m.SideSets))
		if !found {
			m.warn("Side set field not defined.",
				`The side set field "`+n+`" was not defined on any of the given side sets. It cannot be deleted.`)
		}
	}
	return nil
}

// RenameNodeField renames a node field (name is resolved as a one-item
// selector). Renaming onto an existing field warns and replaces it.
func (m *Model) RenameNodeField(name, newName string) error {
	ns, err := resolve(m, nameDomain(entNodeField, m.GetNodeFieldNames()), One(Str(name)), optSingle)
	if err != nil {
		return err
	}
	if ns[0] == newName {
		return nil
	}
	if m.NodeFieldExists(newName) {
		m.existsWarning(newName, entNodeField)
	}
	renameField(&m.NodeFields, ns[0], newName)
	return nil
}

// RenameGlobalVariable renames a global variable. Renaming onto an existing
// variable warns and replaces it.
func (m *Model) RenameGlobalVariable(name, newName string) error {
	ns, err := resolve(m, nameDomain(entGlobalVar, m.GetGlobalVariableNames()), One(Str(name)), optSingle)
	if err != nil {
		return err
	}
	if ns[0] == newName {
		return nil
	}
	if m.GlobalVariableExists(newName) {
		m.existsWarning(newName, entGlobalVar)
	}
	m.renameGlobal(ns[0], newName)
	return nil
}

func (m *Model) renameGlobal(name, newName string) {
	g := m.globalVar(name)
	m.GlobalVars = slices.DeleteFunc(m.GlobalVars, func(x *GlobalVar) bool { return x.Name == newName })
	g.Name = newName
}

// renameOnEntities renames a field on each entity of a list, warning where
// it is not defined or where the new name exists.
func (m *Model) renameOnEntities(fieldEnt, baseEnt, name, newName string, ids []int64, fields func(int64) *[]*Field, names []string) error {
	ns, err := resolve(m, nameDomain(fieldEnt, names), One(Str(name)), optSingle)
	if err != nil {
		return err
	}
	name = ns[0]
	for _, id := range ids {
		fs := fields(id)
		sid := strconv.FormatInt(id, 10)
		if FindField(*fs, name) == nil {
			m.warn(capitalize(fieldEnt)+" not defined.",
				`The given `+fieldEnt+` "`+name+`" is not defined on `+baseEnt+` `+sid+`. It cannot be renamed.`)
			continue
		}
		if name == newName {
			continue
		}
		if FindField(*fs, newName) != nil {
			m.existsOnEntityWarning(newName, fieldEnt, sid, baseEnt)
		}
		renameField(fs, name, newName)
	}
	if name != newName {
		for _, order := range []*[]string{&m.ElemFieldOrder, &m.NodeSetFieldOrder, &m.SideSetFieldOrder} {
			renameInOrder(order, name, newName)
		}
	}
	return nil
}

// RenameElementField renames an element field on the selected blocks.
func (m *Model) RenameElementField(name, newName string, blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	return m.renameOnEntities(entElementField, entBlock, name, newName, ids,
		func(id int64) *[]*Field { return &m.Block(id).Fields }, m.elementFieldNames(m.blocksOf(ids)))
}

// RenameNodeSetField renames a node set field on the selected node sets.
func (m *Model) RenameNodeSetField(name, newName string, sets Selector) error {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return err
	}
	return m.renameOnEntities(entNodeSetField, entNodeSet, name, newName, ids,
		func(id int64) *[]*Field { return &m.NodeSet(id).Fields }, m.nodeSetFieldNames(m.nodeSetsOf(ids)))
}

// RenameSideSetField renames a side set field on the selected side sets.
func (m *Model) RenameSideSetField(name, newName string, sets Selector) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	return m.renameOnEntities(entSideSetField, entSideSet, name, newName, ids,
		func(id int64) *[]*Field { return &m.SideSet(id).Fields }, m.sideSetFieldNames(m.sideSetsOf(ids)))
}

// ToLowercase lower-cases the names of all global variables, node fields,
// element fields, node set fields and side set fields. Where two names
// collide, it warns and the renamed field replaces the other, as
// exomerge's to_lowercase.
func (m *Model) ToLowercase() {
	for _, n := range m.GetGlobalVariableNames() {
		if l := strings.ToLower(n); l != n {
			if m.GlobalVariableExists(l) {
				m.existsWarning(l, entGlobalVar)
			}
			m.renameGlobal(n, l)
		}
	}
	for _, n := range m.GetNodeFieldNames() {
		if l := strings.ToLower(n); l != n {
			if m.NodeFieldExists(l) {
				m.existsWarning(l, entNodeField)
			}
			renameField(&m.NodeFields, n, l)
		}
	}
	lowerOn := func(fs *[]*Field, fieldEnt, baseEnt string, id int64) {
		for _, n := range SortFieldNames(FieldNames(*fs)) {
			if l := strings.ToLower(n); l != n {
				if FindField(*fs, l) != nil {
					m.existsOnEntityWarning(l, fieldEnt, strconv.FormatInt(id, 10), baseEnt)
				}
				renameField(fs, n, l)
			}
		}
	}
	for _, b := range sortedByID(m.Blocks, func(b *ElementBlock) int64 { return b.ID }) {
		lowerOn(&b.Fields, entElementField, entBlock, b.ID)
	}
	for _, s := range sortedByID(m.SideSets, func(s *SideSet) int64 { return s.ID }) {
		lowerOn(&s.Fields, entSideSetField, entSideSet, s.ID)
	}
	for _, s := range sortedByID(m.NodeSets, func(s *NodeSet) int64 { return s.ID }) {
		lowerOn(&s.Fields, entNodeSetField, entNodeSet, s.ID)
	}
}

// sortedByID returns a copy of xs in ascending id order.
func sortedByID[T any](xs []T, id func(T) int64) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int {
		ia, ib := id(a), id(b)
		switch {
		case ia < ib:
			return -1
		case ia > ib:
			return 1
		}
		return 0
	})
	return out
}
