package meshobj

import (
	"fmt"
	"slices"
	"strings"
)

// RawDeps says what the values or the shape of a carried variable depend
// on, so that an operation changing that drops it.
type RawDeps uint8

// Dependencies of carried data.
const (
	// DepNodes: indexed by node or holding node indices (nodal attributes,
	// edge and face block connectivity, extra node maps).
	DepNodes RawDeps = 1 << iota
	// DepElems: indexed by element or holding element numbers (element
	// sets, extra element maps, the old element order map, per-block
	// element-to-edge connectivity).
	DepElems
	// DepTime: one record per timestep (edge, face, set and blob
	// variables).
	DepTime
	// DepSets: per node or side set, in set order (set attributes).
	DepSets
)

// RawDim is a netCDF dimension of carried data: its name and length (for
// the unlimited time_step dimension, the number of records).
type RawDim struct {
	Name string
	Len  int
}

// RawVar is a netCDF variable of the file the model does not represent
// (edge and face blocks, element, edge and face sets, nodal attributes,
// blobs, coordinate frames, extra maps, their variables, ...). The writer
// puts it back as read, with its dimensions and attributes, unless an
// operation made it invalid. Exactly one of Text (char data), Ints
// (integer types) and Floats (float and double) holds the values, flat in
// netCDF order.
type RawVar struct {
	Name   string
	Type   AttrType
	Dims   []RawDim
	Attrs  []Attr
	Text   []byte
	Ints   []int64
	Floats []float64
	// Group names the Exodus feature the variable belongs to ("edge
	// blocks", "blobs", ...): a feature is kept or dropped whole.
	Group string
	// Deps is the union of what the variables of its group depend on.
	Deps RawDeps
}

// Carried holds what a file had that the model does not represent,
// carried opaquely through a round trip.
type Carried struct {
	// Vars are the carried variables, in file order.
	Vars []*RawVar
	// Dims are dimensions no variable uses (num_edge in a file without an
	// edge map, ...), in file order.
	Dims []RawDim
}

// Empty reports whether nothing is carried.
func (c *Carried) Empty() bool { return c == nil || (len(c.Vars) == 0 && len(c.Dims) == 0) }

// Groups lists the features carried, in file order.
func (c *Carried) Groups() []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, v := range c.Vars {
		if !slices.Contains(out, v.Group) {
			out = append(out, v.Group)
		}
	}
	return out
}

// dropCarried drops the carried features that depend on any of deps, with a
// warning naming them and the operation (op) that made them invalid.
func (m *Model) dropCarried(deps RawDeps, op string) {
	c := m.Carried
	if c == nil || len(c.Vars) == 0 {
		return
	}
	var dropped []string
	kept := c.Vars[:0]
	for _, v := range c.Vars {
		if v.Deps&deps != 0 {
			if !slices.Contains(dropped, v.Group) {
				dropped = append(dropped, v.Group)
			}
			continue
		}
		kept = append(kept, v)
	}
	clear(c.Vars[len(kept):])
	c.Vars = kept
	if len(dropped) > 0 {
		m.warn("Carried Exodus data dropped.",
			op+" changes what the file's "+strings.Join(dropped, ", ")+" refer to; exosh does not model them, so they are dropped.")
	}
}

// DropCarried drops everything carried, with a warning naming it and the
// reason; callers outside meshobj use it when they cannot keep carried data
// valid (a partial import, a merge of two files).
func (m *Model) DropCarried(reason string) {
	if m.Carried.Empty() {
		return
	}
	groups := m.Carried.Groups()
	m.Carried = nil
	if len(groups) > 0 {
		m.warn("Carried Exodus data dropped.", reason+": the file's "+strings.Join(groups, ", ")+" are dropped.")
	}
}

// hasControlPoints reports whether a block's connectivity may refer past
// the nodes (Bezier extraction blocks referring to the control points of a
// blob).
func (m *Model) hasControlPoints() bool {
	if m.ControlPoints == 0 {
		return false
	}
	for _, b := range m.Blocks {
		if IsBezierType(b.Type) {
			return true
		}
	}
	return false
}

// IsBezierType reports whether an element type is a Bezier-extraction
// (BEX_*) type, whose connectivity also refers to control points.
func IsBezierType(typ string) bool {
	return strings.HasPrefix(strings.ToUpper(strings.TrimSpace(typ)), "BEX")
}

// refuseControlPoints refuses an operation that renumbers nodes on a model
// with Bezier-extraction blocks, whose connectivity exosh cannot renumber.
func (m *Model) refuseControlPoints(op string) error {
	if !m.hasControlPoints() {
		return nil
	}
	return newError("Unsupported element type.",
		op+" renumbers nodes, but the model has Bezier-extraction (BEX) element blocks whose connectivity also refers to control points; exosh cannot renumber them.")
}

// pruneOrder removes name from a field order list once no entity carries
// it (still lists the names some entity carries).
func (m *Model) pruneOrder(order []string, name string, still []string) []string {
	if slices.Contains(still, name) {
		return order
	}
	return slices.DeleteFunc(order, func(s string) bool { return s == name })
}

// renameInOrder renames a field in an order list, keeping its place; an
// entry of the new name elsewhere goes.
func renameInOrder(order *[]string, name, newName string) {
	i := slices.Index(*order, name)
	if i < 0 {
		return
	}
	*order = slices.DeleteFunc(*order, func(s string) bool { return s == newName })
	if i = slices.Index(*order, name); i >= 0 {
		(*order)[i] = newName
	}
}

// refuseBezierBlocks refuses an operation that needs the nodes of each
// element (op names it) on Bezier-extraction blocks, whose connectivity
// also refers to control points exosh does not model.
func (m *Model) refuseBezierBlocks(op string, ids []int64) error {
	if m.ControlPoints == 0 {
		return nil
	}
	for _, b := range m.blocksOf(ids) {
		if IsBezierType(b.Type) {
			return newError("Unsupported element type.",
				fmt.Sprintf("%s needs the nodes of each element, but element block %d has the Bezier-extraction type %q, whose connectivity also refers to control points; exosh cannot take its nodes apart.", op, b.ID, b.Type))
		}
	}
	return nil
}

// dropSideDF drops the distribution factors of a side set that an
// operation cannot split per member (an element type without a side table,
// or a factor count that does not add up), with a warning.
func (m *Model) dropSideDF(s *SideSet) {
	if s.DistFactors == nil {
		return
	}
	s.DistFactors = nil
	m.warn("Distribution factors dropped.",
		fmt.Sprintf("The distribution factors of side set %d cannot be split per member (an element type without a side table, or a count that does not match the sides' nodes), so they are dropped.", s.ID))
}
