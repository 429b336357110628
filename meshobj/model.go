package meshobj

import (
	"fmt"
	"math"
)

// MaxIndex is the largest node or element count a model can hold: node and
// element indices are stored as int32.
const MaxIndex = math.MaxInt32

// Model is an in-memory Exodus II model carrying exomerge's data model.
//
// Every bulk array is flat: coordinates are one []float64 of 3 values per
// node (x, y, z; z is 0 in 2-D), connectivity is one []int32 per block with
// NodesPerElem entries per element, and each field holds one []float64 per
// timestep. Node and element indices in memory are 0-based.
//
// Entities are kept in creation (file) order; exomerge's get_*_ids methods
// return sorted ids, which the Sorted* helpers provide.
type Model struct {
	// Title is the database title. HasTitle is false for a model built from
	// scratch that has never been given one.
	Title    string
	HasTitle bool

	// NumDim is the spatial dimension, 1, 2 or 3.
	NumDim int

	// Coords holds x, y, z for each node: len(Coords) == 3*NumNodes().
	Coords []float64
	// CoordNames holds the axis names (coor_names), or nil.
	CoordNames []string
	// NodeIDs is node_num_map (global ids of local nodes), or nil for the
	// implicit map 1..N.
	NodeIDs []int64

	Blocks   []*ElementBlock
	NodeSets []*NodeSet
	SideSets []*SideSet

	// Timesteps holds the time of each step, in model order.
	Timesteps []float64
	// NodeFields holds nodal variables; Values[t] has NumNodes() entries.
	NodeFields []*Field
	// GlobalVars holds global variables, one value per timestep.
	GlobalVars []*GlobalVar

	QARecords   [][4]string
	InfoRecords []string

	// Assemblies carries Exodus assemblies through a round trip.
	Assemblies []*Assembly
	// RedVarNames lists the reduction variable names by entity kind.
	RedVarNames map[EntityKind][]string
	// Attrs holds user attributes on the whole file (NC_GLOBAL) beyond the
	// Exodus ones.
	Attrs []Attr

	// ElemFieldOrder, NodeSetFieldOrder and SideSetFieldOrder hold the
	// file order of element, node-set and side-set variable names (with
	// names no entity carries); the writer lists these first, in this
	// order, then any other names of the entities' fields. nil means the
	// order of the entities' fields.
	ElemFieldOrder, NodeSetFieldOrder, SideSetFieldOrder []string

	// Carried holds what the file had that the model does not represent
	// (edge and face blocks, element/edge/face sets, blobs, nodal
	// attributes, coordinate frames, extra maps, ...); the writer puts it
	// back unless an operation made it invalid. nil when there is none.
	Carried *Carried
	// VarAttrs holds user attributes of the model's own netCDF variables
	// whose names do not depend on entity order (coordx, time_whole,
	// name_nod_var, ...: the names without digits), by variable name; the
	// writer puts them back on the variables it writes.
	VarAttrs map[string][]Attr

	// ControlPoints is the number of control points beyond the nodes that
	// Bezier-extraction (BEX_*) block connectivity may refer to (from the
	// blobs' bex_dense_cv_info); 0 otherwise.
	ControlPoints int

	// Warn receives the warnings of the exomerge-style methods (an
	// undefined reference in a selector, an overwritten entity, ...). It
	// may be nil, in which case warnings are discarded. meshobj never
	// prints.
	Warn func(Warning)

	// Interrupt, when not nil, is closed to stop the method running on the
	// model (see Model.work): the long methods then return ErrInterrupted
	// and leave the model as it was before the call.
	Interrupt <-chan struct{}
	// background is closed when the computation an interrupted method
	// left running finishes (see Settle); nil when there is none.
	background chan struct{}
}

// EntityKind names the kind of an entity, as used for reduction variables.
type EntityKind string

// Entity kinds that carry reduction variables.
const (
	KindBlock    EntityKind = "element block"
	KindNodeSet  EntityKind = "node set"
	KindSideSet  EntityKind = "side set"
	KindAssembly EntityKind = "assembly"
)

// ElementBlock is one element block.
type ElementBlock struct {
	ID   int64
	Name string
	// Type is the topology string as stored (e.g. "hex8", "HEX8", "SHELL4").
	Type string
	// NodesPerElem is the connectivity stride.
	NodesPerElem int
	// NumElems is the element count; len(Conn) == NumElems*NodesPerElem.
	NumElems int
	// Conn holds 0-based node indices.
	Conn []int32
	// NumAttr is the number of attributes per element; Attributes holds
	// NumElems*NumAttr values, element-major, and AttrNames has NumAttr names
	// (possibly empty strings).
	NumAttr    int
	Attributes []float64
	AttrNames  []string
	// ElemIDs holds this block's slice of elem_num_map, or nil.
	ElemIDs []int64
	// Fields holds element variables; Values[t] has NumElems entries.
	Fields []*Field
	// Props holds extra integer properties (eb_prop2, ...).
	Props []Property
	// Attrs holds user netCDF attributes of the block.
	Attrs []Attr
	// RedValues holds reduction variable values: RedValues[t][v].
	RedValues [][]float64
}

// NodeSet is one node set.
type NodeSet struct {
	ID   int64
	Name string
	// Members holds 0-based node indices.
	Members []int32
	// DistFactors holds one factor per member, or nil.
	DistFactors []float64
	Fields      []*Field
	Props       []Property
	Attrs       []Attr
	RedValues   [][]float64
}

// SideSet is one side set. Member i is side Sides[i] (0-based) of element
// Elems[i] (0-based, local to its block) of the block with id BlockIDs[i],
// exactly as exomerge's (block id, element index, side index) tuples.
type SideSet struct {
	ID       int64
	Name     string
	BlockIDs []int64
	Elems    []int32
	Sides    []int32
	// DistFactors holds one factor per node of each side, in member order,
	// or nil.
	DistFactors []float64
	Fields      []*Field
	Props       []Property
	Attrs       []Attr
	RedValues   [][]float64
}

// Assembly is an Exodus assembly: a named group of entities of one type.
type Assembly struct {
	ID       int64
	Name     string
	Type     int32 // ex_entity_type code of the members
	TypeName string
	Members  []int64
	Attrs    []Attr
	// RedValues holds reduction variable values: RedValues[t][v].
	RedValues [][]float64
}

// Field is a named variable with one slice of values per timestep.
type Field struct {
	Name   string
	Values [][]float64
}

// GlobalVar is a global variable: Values[t] is its value at timestep t.
type GlobalVar struct {
	Name   string
	Values []float64
}

// Property is an extra integer property of a block or set.
type Property struct {
	Name  string
	Value int64
}

// AttrType is the netCDF type of a user attribute.
type AttrType int

// Attribute types, with netCDF's numbering.
const (
	AttrByte   AttrType = 1
	AttrChar   AttrType = 2
	AttrShort  AttrType = 3
	AttrInt    AttrType = 4
	AttrFloat  AttrType = 5
	AttrDouble AttrType = 6
	AttrUByte  AttrType = 7
	AttrUShort AttrType = 8
	AttrUInt   AttrType = 9
	AttrInt64  AttrType = 10
	AttrUInt64 AttrType = 11
)

// Attr is a user attribute kept for round trips. Text is set for AttrChar,
// Ints for the integer types and Floats for AttrFloat and AttrDouble.
type Attr struct {
	Name   string
	Type   AttrType
	Text   string
	Ints   []int64
	Floats []float64
}

// New returns an empty 3-D model.
func New() *Model {
	return &Model{NumDim: 3}
}

// NumNodes returns the node count.
func (m *Model) NumNodes() int { return len(m.Coords) / 3 }

// NumElems returns the total element count over all blocks.
func (m *Model) NumElems() int {
	n := 0
	for _, b := range m.Blocks {
		n += b.NumElems
	}
	return n
}

// Block returns the block with the given id, or nil.
func (m *Model) Block(id int64) *ElementBlock {
	for _, b := range m.Blocks {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// NodeSet returns the node set with the given id, or nil.
func (m *Model) NodeSet(id int64) *NodeSet {
	for _, s := range m.NodeSets {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// SideSet returns the side set with the given id, or nil.
func (m *Model) SideSet(id int64) *SideSet {
	for _, s := range m.SideSets {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// FindField returns the field with the given name in fs, or nil.
func FindField(fs []*Field, name string) *Field {
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// FieldNames returns the names of fs in order.
func FieldNames(fs []*Field) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// Validate checks the model's invariants: array lengths against counts,
// indices in range, and one value slice per timestep in every field. It
// returns the first violation found.
func (m *Model) Validate() error {
	if m.NumDim < 1 || m.NumDim > 3 {
		return fmt.Errorf("meshobj: dimension %d is not 1, 2 or 3", m.NumDim)
	}
	if len(m.Coords)%3 != 0 {
		return fmt.Errorf("meshobj: %d coordinate values is not a multiple of 3", len(m.Coords))
	}
	nn := m.NumNodes()
	nt := len(m.Timesteps)
	if m.NodeIDs != nil && len(m.NodeIDs) != nn {
		return fmt.Errorf("meshobj: node id map has %d entries for %d nodes", len(m.NodeIDs), nn)
	}
	if err := m.checkSharing(); err != nil {
		return err
	}
	if err := checkFields("node field", m.NodeFields, nt, nn); err != nil {
		return err
	}
	gseen := map[string]bool{}
	for _, g := range m.GlobalVars {
		if gseen[g.Name] {
			return fmt.Errorf("meshobj: global variable %q is defined twice", g.Name)
		}
		gseen[g.Name] = true
		if len(g.Values) != nt {
			return fmt.Errorf("meshobj: global variable %q has %d values, the model has %d timesteps", g.Name, len(g.Values), nt)
		}
	}
	seen := map[int64]bool{}
	for _, b := range m.Blocks {
		if seen[b.ID] {
			return fmt.Errorf("meshobj: element block id %d is used twice", b.ID)
		}
		seen[b.ID] = true
		if b.NodesPerElem < 0 || b.NumElems < 0 || len(b.Conn) != b.NumElems*b.NodesPerElem {
			return fmt.Errorf("meshobj: element block %d: connectivity has %d entries for %d elements of %d nodes", b.ID, len(b.Conn), b.NumElems, b.NodesPerElem)
		}
		lim := nn
		if IsBezierType(b.Type) {
			lim += m.ControlPoints
		}
		for i, n := range b.Conn {
			if n < 0 || int(n) >= lim {
				return fmt.Errorf("meshobj: element block %d: element %d refers to node %d of %d", b.ID, i/max(b.NodesPerElem, 1), n, nn)
			}
		}
		if len(b.Attributes) != b.NumElems*b.NumAttr {
			return fmt.Errorf("meshobj: element block %d: %d attribute values for %d elements of %d attributes", b.ID, len(b.Attributes), b.NumElems, b.NumAttr)
		}
		if b.AttrNames != nil && len(b.AttrNames) != b.NumAttr {
			return fmt.Errorf("meshobj: element block %d: %d attribute names for %d attributes", b.ID, len(b.AttrNames), b.NumAttr)
		}
		if b.ElemIDs != nil && len(b.ElemIDs) != b.NumElems {
			return fmt.Errorf("meshobj: element block %d: element id map has %d entries for %d elements", b.ID, len(b.ElemIDs), b.NumElems)
		}
		if err := checkFields(fmt.Sprintf("element block %d: element field", b.ID), b.Fields, nt, b.NumElems); err != nil {
			return err
		}
	}
	clear(seen)
	for _, s := range m.NodeSets {
		if seen[s.ID] {
			return fmt.Errorf("meshobj: node set id %d is used twice", s.ID)
		}
		seen[s.ID] = true
		for _, n := range s.Members {
			if n < 0 || int(n) >= nn {
				return fmt.Errorf("meshobj: node set %d: member node %d of %d", s.ID, n, nn)
			}
		}
		if s.DistFactors != nil && len(s.DistFactors) != len(s.Members) {
			return fmt.Errorf("meshobj: node set %d: %d distribution factors for %d members", s.ID, len(s.DistFactors), len(s.Members))
		}
		if err := checkFields(fmt.Sprintf("node set %d: field", s.ID), s.Fields, nt, len(s.Members)); err != nil {
			return err
		}
	}
	clear(seen)
	for _, s := range m.SideSets {
		if seen[s.ID] {
			return fmt.Errorf("meshobj: side set id %d is used twice", s.ID)
		}
		seen[s.ID] = true
		if len(s.Elems) != len(s.BlockIDs) || len(s.Sides) != len(s.BlockIDs) {
			return fmt.Errorf("meshobj: side set %d: member arrays differ in length", s.ID)
		}
		for i := range s.Elems {
			b := m.Block(s.BlockIDs[i])
			if b == nil {
				return fmt.Errorf("meshobj: side set %d: member %d refers to element block %d, which does not exist", s.ID, i, s.BlockIDs[i])
			}
			if s.Elems[i] < 0 || int(s.Elems[i]) >= b.NumElems {
				return fmt.Errorf("meshobj: side set %d: member %d refers to element %d of block %d, which has %d", s.ID, i, s.Elems[i], b.ID, b.NumElems)
			}
			if s.Sides[i] < 0 {
				return fmt.Errorf("meshobj: side set %d: member %d has side index %d", s.ID, i, s.Sides[i])
			}
		}
		if err := checkFields(fmt.Sprintf("side set %d: field", s.ID), s.Fields, nt, len(s.Elems)); err != nil {
			return err
		}
	}
	return nil
}

// checkSharing checks the rule of shared timesteps (see the package doc):
// an array is held by the timesteps of one node or element field only,
// and by no set field.
func (m *Model) checkSharing() error {
	owner := map[*float64]*Field{}
	check := func(what string, f *Field, sets bool) error {
		for t, v := range f.Values {
			if len(v) == 0 {
				continue
			}
			o, ok := owner[&v[0]]
			switch {
			case ok && o != f:
				return fmt.Errorf("meshobj: %s %q at timestep %d holds the array of field %q", what, f.Name, t, o.Name)
			case ok && sets:
				return fmt.Errorf("meshobj: %s %q shares an array between timesteps", what, f.Name)
			}
			owner[&v[0]] = f
		}
		return nil
	}
	for _, f := range m.NodeFields {
		if err := check("node field", f, false); err != nil {
			return err
		}
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			if err := check(fmt.Sprintf("element block %d: element field", b.ID), f, false); err != nil {
				return err
			}
		}
	}
	for _, s := range m.NodeSets {
		for _, f := range s.Fields {
			if err := check(fmt.Sprintf("node set %d: field", s.ID), f, true); err != nil {
				return err
			}
		}
	}
	for _, s := range m.SideSets {
		for _, f := range s.Fields {
			if err := check(fmt.Sprintf("side set %d: field", s.ID), f, true); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkFields(what string, fs []*Field, steps, n int) error {
	names := map[string]bool{}
	for _, f := range fs {
		if names[f.Name] {
			return fmt.Errorf("meshobj: %s %q is defined twice", what, f.Name)
		}
		names[f.Name] = true
		if len(f.Values) != steps {
			return fmt.Errorf("meshobj: %s %q has %d timesteps, the model has %d", what, f.Name, len(f.Values), steps)
		}
		for t, v := range f.Values {
			if len(v) != n {
				return fmt.Errorf("meshobj: %s %q has %d values at timestep %d, expected %d", what, f.Name, len(v), t, n)
			}
		}
	}
	return nil
}
