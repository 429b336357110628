package meshobj

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unsafe"

	"exosh/compute"
)

// This file tests that the sharing of one value array by several timesteps
// of a node or element field (share.go) never leaks a write into another
// timestep, another field or another model. Each operation runs on a model
// whose equal timesteps share their arrays and on the same model with
// every timestep in an array of its own; the two must end equal, bit for
// bit, and a write through every kind of view must then change exactly the
// field and timestep written, in both.

// shareOpts says how buildShareModel builds its model.
type shareOpts struct {
	shared bool      // make equal timesteps of node and element fields share
	idOff  int64     // added to every block id (sets keep theirs)
	xOff   float64   // added to every x coordinate
	times  []float64 // the timesteps (default 0, 0.5, 2)
}

// buildShareModel returns the test model of this file, with shared
// timesteps if shared.
func buildShareModel(t testing.TB, shared bool) *Model {
	t.Helper()
	return buildShareModelOpts(t, shareOpts{shared: shared})
}

// buildShareModelOpts builds, deterministically:
//   - block 10 "left": hex8 cube [0,1]^3, 2x2x2 elements, nodes 0-26
//     (node (i,j,k) = (k*3+j)*3+i; element (i,j,k) = (i*2+j)*2+k);
//   - block 20 "right": hex8 cube [1,2]x[0,1]x[0,1], 1x2x2 elements, nodes
//     27-44 (node (i,j,k) = 27+(k*3+j)*2+i): its nodes on x = 1 coincide
//     with block 10's but are distinct;
//   - block 30: two tet4 elements on block 20's nodes (the two blocks share
//     nodes);
//   - timesteps 0, 0.5, 2;
//   - node fields disp_x (varies in time), disp_y (constant, non-zero),
//     disp_z (zero), Heat (varies), const_n (7.5 everywhere), partial
//     (equal at the first two timesteps, different at the third), alt
//     (equal at the first and third timesteps, not the second);
//   - element fields eqps (varies; all blocks), vol (constant, element
//     dependent; all blocks), dens (constant; blocks 10 and 20), Const_E
//     (constant; block 20), alt_e (like alt; block 20);
//   - node set 1 (x = 1 face of block 10 and node 27) with fields ns_f
//     (varies) and ns_c (constant) and distribution factors;
//   - side set 5 (two interior and two exterior sides) and side set 6 (the
//     interior plane z = 1/2 of block 10) with fields ss_f (varies) and
//     ss_c (constant);
//   - global variables ke (varies) and gc (constant).
//
// With o.shared, every node and element field's equal timesteps hold one
// array (shareEqual); set fields never share.
func buildShareModelOpts(t testing.TB, o shareOpts) *Model {
	t.Helper()
	times := o.times
	if times == nil {
		times = []float64{0, 0.5, 2}
	}
	b10, b20, b30 := 10+o.idOff, 20+o.idOff, 30+o.idOff
	m := New()
	m.Title, m.HasTitle = "sharing", true
	mustOK(t, m.BuildHex8Cube(b10, [3][2]float64{{o.xOff, o.xOff + 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}))
	mustOK(t, m.BuildHex8Cube(b20, [3][2]float64{{o.xOff + 1, o.xOff + 2}, {0, 1}, {0, 1}}, [3]int{1, 2, 2}))
	mustOK(t, m.CreateElementBlock(b30, BlockInfo{Type: "tet4", NumElems: 2, NodesPerElem: 4},
		[]int32{27, 28, 29, 33, 29, 30, 31, 35}))
	m.Block(b10).Name, m.Block(b20).Name = "left", "right"
	for _, tv := range times {
		mustOK(t, m.CreateTimestep(tv))
	}
	for _, n := range []string{"disp_x", "disp_y", "disp_z", "Heat", "const_n", "partial", "alt"} {
		mustOK(t, m.CreateNodeField(n, 0))
	}
	all := Sel(b10, b20, b30)
	mustOK(t, m.CreateElementField("eqps", all, 0))
	mustOK(t, m.CreateElementField("vol", all, 0))
	mustOK(t, m.CreateElementField("dens", Sel(b10, b20), 0))
	mustOK(t, m.CreateElementField("Const_E", Sel(b20), 0))
	mustOK(t, m.CreateElementField("alt_e", Sel(b20), 0))
	mustOK(t, m.CreateGlobalVariable("ke", 0))
	mustOK(t, m.CreateGlobalVariable("gc", 0))
	// CreateNodeField and CreateElementField share one array between all
	// timesteps: give each its own before writing different values.
	eachModelField(m, func(_ string, _ bool, f *Field) { ownSteps(f.Values) })
	for ti, tv := range times {
		for n := range m.NumNodes() {
			x, y, z := m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]
			FindField(m.NodeFields, "disp_x").Values[ti][n] = 0.01 * x * tv
			FindField(m.NodeFields, "disp_y").Values[ti][n] = 0.02*y + 0.001
			FindField(m.NodeFields, "disp_z").Values[ti][n] = 0
			FindField(m.NodeFields, "Heat").Values[ti][n] = x + 10*y + 100*z + tv
			FindField(m.NodeFields, "const_n").Values[ti][n] = 7.5
			FindField(m.NodeFields, "partial").Values[ti][n] = float64(n) + math.Floor(tv)
			FindField(m.NodeFields, "alt").Values[ti][n] = float64(n%5) + float64(ti%2)
		}
		for bi, b := range m.Blocks {
			for e := range b.NumElems {
				FindField(b.Fields, "eqps").Values[ti][e] = float64(e) + 0.25*tv + float64(bi)
				FindField(b.Fields, "vol").Values[ti][e] = 1 + float64(e) + 10*float64(bi)
				if f := FindField(b.Fields, "dens"); f != nil {
					f.Values[ti][e] = 7800 + float64(bi)
				}
				if f := FindField(b.Fields, "Const_E"); f != nil {
					f.Values[ti][e] = -3 - float64(e)
				}
				if f := FindField(b.Fields, "alt_e"); f != nil {
					f.Values[ti][e] = 0.5*float64(e) - float64(ti%2)
				}
			}
		}
		m.GlobalVars[0].Values[ti] = 0.5 * tv * tv
		m.GlobalVars[1].Values[ti] = 42
	}
	ns := []int32{27}
	for k := range 3 {
		for j := range 3 {
			ns = append(ns, int32((k*3+j)*3+2))
		}
	}
	mustOK(t, m.CreateNodeSet(1, ns))
	m.NodeSet(1).Name = "face"
	m.NodeSet(1).DistFactors = make([]float64, len(ns))
	for i := range ns {
		m.NodeSet(1).DistFactors[i] = 0.5 + float64(i)
	}
	mustOK(t, m.CreateNodeSetField("ns_f", Sel(1), 0))
	mustOK(t, m.CreateNodeSetField("ns_c", Sel(1), 0))
	mustOK(t, m.CreateSideSet(5, SideSetMembers{
		BlockIDs: []int64{b10, b10, b20, b10}, Elems: []int32{0, 2, 0, 1}, Sides: []int32{5, 5, 0, 5}}))
	mustOK(t, m.CreateSideSet(6, SideSetMembers{
		BlockIDs: []int64{b10, b10, b10, b10}, Elems: []int32{0, 2, 4, 6}, Sides: []int32{5, 5, 5, 5}}))
	m.SideSet(6).Name = "plane"
	mustOK(t, m.CreateSideSetField("ss_f", Sel(5, 6), 0))
	mustOK(t, m.CreateSideSetField("ss_c", Sel(5, 6), 0))
	for ti, tv := range times {
		for i := range ns {
			FindField(m.NodeSet(1).Fields, "ns_f").Values[ti][i] = float64(i)*2 + tv
			FindField(m.NodeSet(1).Fields, "ns_c").Values[ti][i] = -1
		}
		for _, s := range m.SideSets {
			for i := range s.Elems {
				FindField(s.Fields, "ss_f").Values[ti][i] = 10*float64(i) + tv + float64(s.ID)
				FindField(s.Fields, "ss_c").Values[ti][i] = 0.125
			}
		}
	}
	// CreateNodeField and friends may already share; the unshared model
	// must not, so give every timestep its own array first.
	eachModelField(m, func(_ string, _ bool, f *Field) { ownSteps(f.Values) })
	if o.shared {
		for _, f := range m.NodeFields {
			shareEqual(f.Values)
		}
		for _, b := range m.Blocks {
			for _, f := range b.Fields {
				shareEqual(f.Values)
			}
		}
		// alt and alt_e are equal at timesteps 0 and 2 only: these share
		// one array across the timestep between them, which shareEqual
		// does not do.
		for _, f := range []*Field{FindField(m.NodeFields, "alt"), FindField(m.Block(b20).Fields, "alt_e")} {
			if len(f.Values) == 3 && compute.EqualBits(f.Values[0], f.Values[2]) {
				f.Values[2] = f.Values[0]
			}
		}
	}
	mustOK(t, m.Validate())
	return m
}

// eachModelField calls fn for every field of m with a label and whether
// the field may share arrays between its timesteps (node and element
// fields).
func eachModelField(m *Model, fn func(label string, shareable bool, f *Field)) {
	for _, f := range m.NodeFields {
		fn(fmt.Sprintf("node field %q", f.Name), true, f)
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			fn(fmt.Sprintf("block %d element field %q", b.ID, f.Name), true, f)
		}
	}
	for _, s := range m.NodeSets {
		for _, f := range s.Fields {
			fn(fmt.Sprintf("node set %d field %q", s.ID, f.Name), false, f)
		}
	}
	for _, s := range m.SideSets {
		for _, f := range s.Fields {
			fn(fmt.Sprintf("side set %d field %q", s.ID, f.Name), false, f)
		}
	}
}

// TestShareModelShares checks that the shared test model really shares
// where its values are constant in time, and the unshared one nowhere, so
// that the tests below cannot pass by testing nothing.
func TestShareModelShares(t *testing.T) {
	sm := buildShareModel(t, true)
	um := buildShareModel(t, false)
	want := map[string][3]bool{
		"node field \"disp_x\"":              {false, false, false},
		"node field \"disp_y\"":              {true, true, true},
		"node field \"disp_z\"":              {true, true, true},
		"node field \"Heat\"":                {false, false, false},
		"node field \"const_n\"":             {true, true, true},
		"node field \"partial\"":             {true, true, false},
		"node field \"alt\"":                 {true, false, true},
		"block 20 element field \"alt_e\"":   {true, false, true},
		"block 10 element field \"eqps\"":    {false, false, false},
		"block 10 element field \"vol\"":     {true, true, true},
		"block 10 element field \"dens\"":    {true, true, true},
		"block 20 element field \"eqps\"":    {false, false, false},
		"block 20 element field \"vol\"":     {true, true, true},
		"block 20 element field \"dens\"":    {true, true, true},
		"block 20 element field \"Const_E\"": {true, true, true},
		"block 30 element field \"eqps\"":    {false, false, false},
		"block 30 element field \"vol\"":     {true, true, true},
		"node set 1 field \"ns_f\"":          {false, false, false},
		"node set 1 field \"ns_c\"":          {false, false, false},
		"side set 5 field \"ss_f\"":          {false, false, false},
		"side set 5 field \"ss_c\"":          {false, false, false},
		"side set 6 field \"ss_f\"":          {false, false, false},
		"side set 6 field \"ss_c\"":          {false, false, false},
	}
	seen := 0
	eachModelField(sm, func(label string, _ bool, f *Field) {
		w, ok := want[label]
		if !ok {
			t.Errorf("unexpected field %s", label)
			return
		}
		seen++
		for ti := range 3 {
			if got := f.Shared(ti); got != w[ti] {
				t.Errorf("shared model: %s: Shared(%d) = %v, want %v", label, ti, got, w[ti])
			}
		}
	})
	if seen != len(want) {
		t.Errorf("shared model has %d of the %d expected fields", seen, len(want))
	}
	eachModelField(um, func(label string, _ bool, f *Field) {
		if anyShared(f.Values) {
			t.Errorf("unshared model: %s shares an array", label)
		}
	})
	if err := diffSnaps(snapWorld([]*Model{sm}), snapWorld([]*Model{um})); err != nil {
		t.Errorf("shared and unshared models differ: %v", err)
	}
	for _, m := range []*Model{sm, um} {
		if err := aliasCheck([]*Model{m}); err != nil {
			t.Error(err)
		}
	}
}

// TestShareCheckersCatchLeaks shows that the checks of this file fail
// when they should: a write into a shared array without Own, arrays
// shared against the rule, a single changed bit.
func TestShareCheckersCatchLeaks(t *testing.T) {
	sm := buildShareModel(t, true)
	first, failed, total := leakCheck([]*Model{sm}, viaRaw)
	if first == nil || failed == 0 {
		t.Errorf("raw writes into the shared model: no leak found (%d writes)", total)
	} else if !strings.Contains(first.Error(), `node field "disp_y" at step 0`) {
		t.Errorf("raw writes into the shared model: first leak %v, want one at disp_y step 0", first)
	}
	um := buildShareModel(t, false)
	if first, _, total := leakCheck([]*Model{um}, viaRaw); first != nil || total < 60 {
		t.Errorf("raw writes into the unshared model: %v (%d writes)", first, total)
	}

	breakers := []struct {
		name  string
		brk   func(a, b *Model)
		want  string
		other bool
	}{
		{"two fields", func(a, _ *Model) { a.NodeFields[4].Values[1] = a.NodeFields[3].Values[1] }, `node field "const_n" step 1`, false},
		{"field and block field", func(a, _ *Model) {
			a.Blocks[0].Fields[1].Values[0] = a.NodeFields[0].Values[0][:a.Blocks[0].NumElems]
		}, "overlap", false},
		{"part of a step", func(a, _ *Model) { a.NodeFields[0].Values[2] = a.NodeFields[0].Values[1][1:] }, `node field "disp_x" step 2`, false},
		{"set field", func(a, _ *Model) { a.NodeSets[0].Fields[0].Values[1] = a.NodeSets[0].Fields[0].Values[0] }, "node set 1", false},
		{"side set field", func(a, _ *Model) { a.SideSets[1].Fields[1].Values[2] = a.SideSets[1].Fields[1].Values[0] }, "side set 6", false},
		{"two models", func(a, b *Model) { b.Blocks[1].Fields[1].Values[0] = a.Blocks[1].Fields[1].Values[0] }, "model 1: block 20", true},
		{"coordinates", func(a, b *Model) { b.Coords = a.Coords }, "coords", true},
	}
	for _, c := range breakers {
		a, b := buildShareModel(t, true), buildShareModel(t, true)
		c.brk(a, b)
		world := []*Model{a}
		if c.other {
			world = append(world, b)
		}
		err := aliasCheck(world)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: aliasCheck = %v, want an error mentioning %s", c.name, err, c.want)
		}
	}
	if err := aliasCheck([]*Model{sm, um}); err != nil {
		t.Errorf("two separate models: %v", err)
	}

	zero, flipped := buildShareModel(t, false), buildShareModel(t, false)
	zero.Blocks[2].Fields[0].Values[1][1] = 0
	flipped.Blocks[2].Fields[0].Values[1][1] = math.Copysign(0, -1)
	err := diffSnaps(snapWorld([]*Model{zero}), snapWorld([]*Model{flipped}))
	if err == nil || !strings.Contains(err.Error(), `block 30 field "eqps" step 1: first difference at index 1`) {
		t.Errorf("-0 against 0: diffSnaps = %v", err)
	}
}

// snapKey says where a snapshot entry comes from: model index, entity
// ("" for the model itself, "block", "node set", "side set", "node" for
// node fields, "global"), entity id, what part, field or variable name,
// timestep (-1 when none).
type snapKey struct {
	model int
	ent   string
	id    int64
	what  string
	name  string
	step  int
}

// String formats k for messages.
func (k snapKey) String() string {
	s := fmt.Sprintf("model %d:", k.model)
	switch k.ent {
	case "":
	case "node", "global":
		s += " " + k.ent
	default:
		s += fmt.Sprintf(" %s %d", k.ent, k.id)
	}
	s += " " + k.what
	if k.name != "" {
		s += fmt.Sprintf(" %q", k.name)
	}
	if k.step >= 0 {
		s += fmt.Sprintf(" step %d", k.step)
	}
	return s
}

// fieldKey is the snapshot key of one field at one timestep.
func fieldKey(model int, ent string, id int64, name string, t int) snapKey {
	return snapKey{model: model, ent: ent, id: id, what: "field", name: name, step: t}
}

// snapEntry is one array (or string) of a model snapshot, copied.
type snapEntry struct {
	key snapKey
	f   []float64
	i   []int64
	s   string
}

// snapWorld copies everything the operations of this file may change in
// the models: names, ids, coordinates, connectivity, set members and
// every field value, keyed by where it is.
func snapWorld(ms []*Model) []snapEntry {
	var out []snapEntry
	var k snapKey
	at := func(what string) snapKey { c := k; c.what = what; c.step = -1; return c }
	addF := func(key snapKey, v []float64) {
		out = append(out, snapEntry{key: key, f: append([]float64(nil), v...)})
	}
	addI32 := func(key snapKey, v []int32) {
		c := make([]int64, len(v))
		for i, x := range v {
			c[i] = int64(x)
		}
		out = append(out, snapEntry{key: key, i: c})
	}
	addI := func(key snapKey, v ...int64) {
		out = append(out, snapEntry{key: key, i: append([]int64(nil), v...)})
	}
	addS := func(key snapKey, s string) { out = append(out, snapEntry{key: key, s: s}) }
	fields := func(fs []*Field) {
		addS(at("field names"), strings.Join(FieldNames(fs), ","))
		for _, f := range fs {
			c := at("field step count")
			c.name = f.Name
			addI(c, int64(len(f.Values)))
			for t, v := range f.Values {
				addF(fieldKey(k.model, k.ent, k.id, f.Name, t), v)
			}
		}
	}
	for mi, m := range ms {
		k = snapKey{model: mi}
		addI(at("dim"), int64(m.NumDim))
		addF(at("coords"), m.Coords)
		addI(at("node ids"), m.NodeIDs...)
		addF(at("timesteps"), m.Timesteps)
		for bi, b := range m.Blocks {
			k = snapKey{model: mi}
			addS(at(fmt.Sprintf("block #%d", bi)), fmt.Sprintf("id %d name %q type %s npe %d elems %d attrs %d",
				b.ID, b.Name, b.Type, b.NodesPerElem, b.NumElems, b.NumAttr))
			k = snapKey{model: mi, ent: "block", id: b.ID}
			addI32(at("connectivity"), b.Conn)
			addF(at("attributes"), b.Attributes)
			addI(at("element ids"), b.ElemIDs...)
			fields(b.Fields)
		}
		for si, s := range m.NodeSets {
			k = snapKey{model: mi}
			addS(at(fmt.Sprintf("node set #%d", si)), fmt.Sprintf("id %d name %q", s.ID, s.Name))
			k = snapKey{model: mi, ent: "node set", id: s.ID}
			addI32(at("members"), s.Members)
			addF(at("dist factors"), s.DistFactors)
			fields(s.Fields)
		}
		for si, s := range m.SideSets {
			k = snapKey{model: mi}
			addS(at(fmt.Sprintf("side set #%d", si)), fmt.Sprintf("id %d name %q", s.ID, s.Name))
			k = snapKey{model: mi, ent: "side set", id: s.ID}
			addI(at("member blocks"), s.BlockIDs...)
			addI32(at("member elements"), s.Elems)
			addI32(at("member sides"), s.Sides)
			addF(at("dist factors"), s.DistFactors)
			fields(s.Fields)
		}
		k = snapKey{model: mi, ent: "node"}
		fields(m.NodeFields)
		k = snapKey{model: mi, ent: "global"}
		var gn []string
		for _, g := range m.GlobalVars {
			gn = append(gn, g.Name)
			c := at("variable")
			c.name = g.Name
			addF(c, g.Values)
		}
		addS(at("names"), strings.Join(gn, ","))
	}
	return out
}

// diffSnaps returns the first difference between two snapshots, bit for
// bit, or nil.
func diffSnaps(want, got []snapEntry) error {
	for i := range min(len(want), len(got)) {
		w, g := want[i], got[i]
		if w.key != g.key {
			return fmt.Errorf("entry %d is %s, want %s", i, g.key, w.key)
		}
		if w.s != g.s {
			return fmt.Errorf("%s: %q, want %q", w.key, g.s, w.s)
		}
		if len(w.f) != len(g.f) || len(w.i) != len(g.i) {
			return fmt.Errorf("%s: length %d, want %d", w.key, len(g.f)+len(g.i), len(w.f)+len(w.i))
		}
		for j := range w.f {
			if math.Float64bits(w.f[j]) != math.Float64bits(g.f[j]) {
				return fmt.Errorf("%s: first difference at index %d: %v, want %v", w.key, j, g.f[j], w.f[j])
			}
		}
		for j := range w.i {
			if w.i[j] != g.i[j] {
				return fmt.Errorf("%s: first difference at index %d: %d, want %d", w.key, j, g.i[j], w.i[j])
			}
		}
	}
	if len(want) != len(got) {
		return fmt.Errorf("%d snapshot entries, want %d", len(got), len(want))
	}
	return nil
}

// aliasCheck checks the sharing rule over all the float arrays of the
// models: two arrays either do not overlap, or are the very same array
// (same first element, same length) held by two timesteps of one node or
// element field.
func aliasCheck(ms []*Model) error {
	type arr struct {
		label     string
		owner     any // the field, or nil for arrays that never share
		lo, hi    uintptr
		shareable bool
	}
	var as []arr
	add := func(label string, owner any, shareable bool, v []float64) {
		if len(v) == 0 {
			return
		}
		lo := uintptr(unsafe.Pointer(&v[0]))
		as = append(as, arr{label, owner, lo, lo + uintptr(len(v))*8, shareable})
	}
	for mi, m := range ms {
		p := fmt.Sprintf("model %d: ", mi)
		add(p+"coords", nil, false, m.Coords)
		for _, b := range m.Blocks {
			add(fmt.Sprintf("%sblock %d attributes", p, b.ID), nil, false, b.Attributes)
		}
		for _, s := range m.NodeSets {
			add(fmt.Sprintf("%snode set %d dist factors", p, s.ID), nil, false, s.DistFactors)
		}
		for _, s := range m.SideSets {
			add(fmt.Sprintf("%sside set %d dist factors", p, s.ID), nil, false, s.DistFactors)
		}
		for _, g := range m.GlobalVars {
			add(fmt.Sprintf("%sglobal %q", p, g.Name), nil, false, g.Values)
		}
		eachModelField(m, func(label string, shareable bool, f *Field) {
			for t, v := range f.Values {
				add(fmt.Sprintf("%s%s step %d", p, label, t), f, shareable, v)
			}
		})
	}
	for i := range as {
		for j := i + 1; j < len(as); j++ {
			a, b := as[i], as[j]
			if a.hi <= b.lo || b.hi <= a.lo {
				continue
			}
			if a.lo == b.lo && a.hi == b.hi && a.shareable && a.owner != nil && a.owner == b.owner {
				continue
			}
			return fmt.Errorf("%s and %s overlap in memory", a.label, b.label)
		}
	}
	return nil
}

// shareOp is one operation of the differential test. run applies it to m
// (built with the given sharing) and returns the models to check
// afterwards: nil means m alone.
type shareOp struct {
	name string
	run  func(t testing.TB, m *Model, shared bool) ([]*Model, error)
	// noWrite marks worlds that must not be written to (a Subset, valid
	// only until its model changes): they are compared only.
	noWrite bool
	// wantErr marks operations that must fail (and leave the model as
	// it was).
	wantErr bool
}

// op wraps an operation on m alone.
func op(name string, fn func(m *Model) error) shareOp {
	return shareOp{name: name, run: func(_ testing.TB, m *Model, _ bool) ([]*Model, error) { return nil, fn(m) }}
}

// failing marks an operation that must fail.
func failing(o shareOp) shareOp { o.wantErr = true; return o }

func i64(v int64) *int64 { return &v }

// shareOps lists every Model method that writes, moves, reorders, copies,
// appends or deletes field values, nodes or elements.
func shareOps() []shareOp {
	all := Sel("all")
	ops := []shareOp{
		op("nothing", func(m *Model) error { return nil }),
		// Field creation.
		op("CreateNodeField new", func(m *Model) error { return m.CreateNodeField("newn", 3) }),
		op("CreateNodeField overwrite const_n", func(m *Model) error { return m.CreateNodeField("const_n", 1) }),
		op("CreateNodeField overwrite Heat", func(m *Model) error { return m.CreateNodeField("Heat", 2) }),
		op("CreateElementField new", func(m *Model) error { return m.CreateElementField("newe", all, 2.5) }),
		op("CreateElementField overwrite vol", func(m *Model) error { return m.CreateElementField("vol", Sel(10), 9) }),
		op("CreateElementField overwrite eqps", func(m *Model) error { return m.CreateElementField("eqps", all, 9) }),
		op("CreateNodeSetField", func(m *Model) error { return m.CreateNodeSetField("ns_new", all, 4) }),
		op("CreateSideSetField", func(m *Model) error { return m.CreateSideSetField("ss_new", all, 4) }),
		op("CreateGlobalVariable", func(m *Model) error { return m.CreateGlobalVariable("gnew", 4) }),
		op("CreateDisplacementField", func(m *Model) error { return m.CreateDisplacementField() }),
		op("CreateDisplacementField fresh", func(m *Model) error {
			if err := m.DeleteNodeFields(Sel("disp_x", "disp_y", "disp_z")); err != nil {
				return err
			}
			return m.CreateDisplacementField()
		}),
		// Expressions.
		op("CalculateNodeField new", func(m *Model) error { return m.CalculateNodeField("n2 = Heat + const_n * X") }),
		op("CalculateNodeField constant in place", func(m *Model) error { return m.CalculateNodeField("const_n = const_n + 1") }),
		op("CalculateNodeField partial in place", func(m *Model) error { return m.CalculateNodeField("partial = partial * time") }),
		op("CalculateNodeField disp_y from time", func(m *Model) error { return m.CalculateNodeField("disp_y = disp_y + time") }),
		op("CalculateNodeField alt in place", func(m *Model) error { return m.CalculateNodeField("alt = alt - time") }),
		op("CalculateElementField alt_e in place", func(m *Model) error { return m.CalculateElementField("alt_e = alt_e * 3", Sel(20)) }),
		op("CalculateElementField new", func(m *Model) error { return m.CalculateElementField("e2 = eqps + vol", all) }),
		op("CalculateElementField constant in place", func(m *Model) error { return m.CalculateElementField("vol = vol * 2", all) }),
		op("CalculateElementField constant in place one block", func(m *Model) error {
			return m.CalculateElementField("dens = dens + time", Sel(20))
		}),
		op("CalculateNodeSetField", func(m *Model) error { return m.CalculateNodeSetField("ns_f = ns_f + const_n", all) }),
		op("CalculateNodeSetField constant", func(m *Model) error { return m.CalculateNodeSetField("ns_c = ns_c * time", all) }),
		op("CalculateSideSetField", func(m *Model) error { return m.CalculateSideSetField("ss_c = ss_c + time", all) }),
		op("CalculateGlobalVariable", func(m *Model) error { return m.CalculateGlobalVariable("gc = gc + ke") }),
		// Field conversions.
		op("ConvertElementFieldToNodeField vol", func(m *Model) error { return m.ConvertElementFieldToNodeField("vol", "auto") }),
		op("ConvertElementFieldToNodeField eqps onto const_n", func(m *Model) error {
			return m.ConvertElementFieldToNodeField("eqps", "const_n")
		}),
		op("ConvertNodeFieldToElementField const_n", func(m *Model) error {
			return m.ConvertNodeFieldToElementField("const_n", "auto", all)
		}),
		op("ConvertNodeFieldToElementField Heat onto vol", func(m *Model) error {
			return m.ConvertNodeFieldToElementField("Heat", "vol", Sel(10))
		}),
		op("CreateAveragedElementField", func(m *Model) error {
			return m.CreateAveragedElementField(Sel("vol", "dens"), "avg", Sel(10, 20))
		}),
		op("CreateAveragedElementField onto eqps", func(m *Model) error {
			return m.CreateAveragedElementField(Sel("vol", "dens"), "eqps", Sel(10, 20))
		}),
		op("ProcessElementFields", func(m *Model) error {
			for i := 1; i <= 8; i++ {
				if err := m.CreateElementField(fmt.Sprintf("s_%d", i), Sel(10), float64(i)); err != nil {
					return err
				}
			}
			return m.ProcessElementFields(all)
		}),
		op("CalculateElementVolumes overwrite vol", func(m *Model) error { return m.CalculateElementVolumes("vol", all) }),
		op("CalculateElementVolumes new", func(m *Model) error { return m.CalculateElementVolumes("volume", all) }),
		op("CalculateElementCentroids", func(m *Model) error {
			return m.CalculateElementCentroids(CentroidFieldNames("c_"), all)
		}),
		op("CalculateElementCentroids overwrite", func(m *Model) error {
			return m.CalculateElementCentroids([3]string{"vol", "eqps", "dens"}, Sel(10))
		}),
		op("CalculateElementFieldMaximum", func(m *Model) error {
			return m.CalculateElementFieldMaximum(Sel("eqps", "vol"), all, true, true)
		}),
		op("CalculateNodeFieldMinimum", func(m *Model) error {
			return m.CalculateNodeFieldMinimum(Sel("Heat", "const_n"), all, true)
		}),
		// Deleting and renaming fields.
		op("DeleteNodeFields", func(m *Model) error { return m.DeleteNodeFields(Sel("Heat", "partial")) }),
		op("DeleteElementFields", func(m *Model) error { return m.DeleteElementFields(Sel("vol"), Sel(10)) }),
		op("DeleteNodeSetFields", func(m *Model) error { return m.DeleteNodeSetFields(Sel("ns_c"), all) }),
		op("DeleteSideSetFields", func(m *Model) error { return m.DeleteSideSetFields(Sel("ss_f"), Sel(5)) }),
		op("DeleteGlobalVariables", func(m *Model) error { return m.DeleteGlobalVariables(Sel("ke")) }),
		op("RenameNodeField", func(m *Model) error { return m.RenameNodeField("const_n", "cn") }),
		op("RenameElementField", func(m *Model) error { return m.RenameElementField("vol", "volume", all) }),
		op("RenameNodeSetField", func(m *Model) error { return m.RenameNodeSetField("ns_c", "nsc", all) }),
		op("RenameSideSetField", func(m *Model) error { return m.RenameSideSetField("ss_c", "ssc", all) }),
		op("RenameGlobalVariable", func(m *Model) error { return m.RenameGlobalVariable("gc", "g2") }),
		op("ToLowercase", func(m *Model) error { m.ToLowercase(); return nil }),
		// Timesteps.
		op("CreateTimestep middle", func(m *Model) error { return m.CreateTimestep(1) }),
		op("CreateTimestep first", func(m *Model) error { return m.CreateTimestep(-1) }),
		op("CreateTimestep last", func(m *Model) error { return m.CreateTimestep(5) }),
		op("CopyTimestep shared step", func(m *Model) error { return m.CopyTimestep(Float(0.5), 3) }),
		op("CopyTimestep to front", func(m *Model) error { return m.CopyTimestep(Float(2), -2) }),
		op("DeleteTimesteps middle", func(m *Model) error { return m.DeleteTimesteps(Sel(0.5)) }),
		op("DeleteTimesteps first", func(m *Model) error { return m.DeleteTimesteps(Sel(0.0)) }),
		op("DeleteTimesteps two", func(m *Model) error { return m.DeleteTimesteps(Sel(0.0, 2.0)) }),
		op("CreateInterpolatedTimestep cubic", func(m *Model) error { return m.CreateInterpolatedTimestep(1, InterpolateCubic) }),
		op("CreateInterpolatedTimestep linear", func(m *Model) error {
			return m.CreateInterpolatedTimestep(0.25, InterpolateLinear)
		}),
		// Geometry with displacement adjustment.
		op("TranslateGeometry", func(m *Model) error { m.TranslateGeometry([3]float64{1, 2, 3}); return nil }),
		op("ScaleGeometry auto", func(m *Model) error { m.ScaleGeometry(2, AdjustAuto); return nil }),
		op("ScaleGeometry yes", func(m *Model) error { m.ScaleGeometry(-0.5, AdjustYes); return nil }),
		op("RotateGeometry", func(m *Model) error { return m.RotateGeometry([3]float64{0, 0, 1}, 30, AdjustAuto) }),
		op("RotateGeometry x", func(m *Model) error { return m.RotateGeometry([3]float64{1, 0, 0}, 90, AdjustYes) }),
		op("TranslateElementBlocks", func(m *Model) error {
			return m.TranslateElementBlocks(Sel(10), [3]float64{0, 0, 5}, true)
		}),
		op("ScaleElementBlocks", func(m *Model) error { return m.ScaleElementBlocks(Sel(10), 1.5, true, AdjustAuto) }),
		op("ScaleElementBlocks shared nodes", func(m *Model) error {
			return m.ScaleElementBlocks(Sel(20, 30), 3, true, AdjustYes)
		}),
		op("RotateElementBlocks", func(m *Model) error {
			return m.RotateElementBlocks(Sel(10), [3]float64{0, 1, 0}, 45, true, AdjustAuto)
		}),
		op("ReflectElementBlocks", func(m *Model) error {
			return m.ReflectElementBlocks(Sel(10), [3]float64{0.5, 0, 0}, [3]float64{1, 1, 0}, true, AdjustAuto)
		}),
		op("DisplaceElementBlocks all steps", func(m *Model) error {
			return m.DisplaceElementBlocks(Sel(10), [3]float64{1, 2, 3}, all, true)
		}),
		op("DisplaceElementBlocks one step", func(m *Model) error {
			return m.DisplaceElementBlocks(Sel(10), [3]float64{1, 2, 3}, Sel(0.5), true)
		}),
		op("DisplaceElementBlocks last step no check", func(m *Model) error {
			return m.DisplaceElementBlocks(Sel(20), [3]float64{-1, 0.5, 0.25}, Sel(2.0), false)
		}),
		// Blocks.
		op("DuplicateElementBlock shared nodes", func(m *Model) error { return m.DuplicateElementBlock(Int(10), 40, false) }),
		op("DuplicateElementBlock duplicate nodes", func(m *Model) error { return m.DuplicateElementBlock(Int(20), 40, true) }),
		op("DuplicateElementBlock tets duplicate nodes", func(m *Model) error { return m.DuplicateElementBlock(Int(30), 40, true) }),
		op("CombineElementBlocks", func(m *Model) error { return m.CombineElementBlocks(Sel(10, 20), Int(10)) }),
		op("CombineElementBlocks reversed", func(m *Model) error { return m.CombineElementBlocks(Sel(20, 10), Int(20)) }),
		failing(op("CombineElementBlocks mismatch", func(m *Model) error { return m.CombineElementBlocks(Sel(10, 30), Int(10)) })),
		failing(op("CreateInterpolatedTimestep extrapolating", func(m *Model) error {
			return m.CreateInterpolatedTimestep(10, InterpolateCubic)
		})),
		failing(op("CalculateNodeField unknown name", func(m *Model) error { return m.CalculateNodeField("const_n = nosuch + 1") })),
		op("CreateElementBlock", func(m *Model) error {
			return m.CreateElementBlock(40, BlockInfo{Type: "tet4", NumElems: 1, NodesPerElem: 4}, []int32{0, 1, 3, 9})
		}),
		op("BuildHex8Cube adds nodes", func(m *Model) error {
			return m.BuildHex8Cube(40, [3][2]float64{{5, 6}, {0, 1}, {0, 1}}, [3]int{1, 1, 1})
		}),
		op("CopyTimestep existing", func(m *Model) error { return m.CopyTimestep(Float(0), 2) }),
		op("CalculateElementFieldMinimum", func(m *Model) error {
			return m.CalculateElementFieldMinimum(Sel("vol"), Sel(10, 20), true, false)
		}),
		op("CalculateNodeFieldMaximum", func(m *Model) error {
			return m.CalculateNodeFieldMaximum(Sel("partial"), Sel(20), true)
		}),
		op("DeleteEmptyNodeSets and SideSets", func(m *Model) error {
			if err := m.CreateNodeSet(2, nil); err != nil {
				return err
			}
			m.DeleteEmptyNodeSets()
			m.DeleteEmptySideSets()
			return nil
		}),
		op("DeleteElementBlocks", func(m *Model) error { return m.DeleteElementBlocks(Sel(20), true) }),
		op("DeleteElementBlocks keep nodes", func(m *Model) error { return m.DeleteElementBlocks(Sel(10), false) }),
		op("DeleteElementBlocks then DeleteUnusedNodes", func(m *Model) error {
			if err := m.DeleteElementBlocks(Sel(10), false); err != nil {
				return err
			}
			return m.DeleteUnusedNodes()
		}),
		op("DeleteDuplicateElements", func(m *Model) error {
			if err := m.DuplicateElementBlock(Int(10), 40, false); err != nil {
				return err
			}
			if err := m.CombineElementBlocks(Sel(10, 40), Int(10)); err != nil {
				return err
			}
			return m.DeleteDuplicateElements(all)
		}),
		op("RenameElementBlock", func(m *Model) error { return m.RenameElementBlock(Int(20), Int(25)) }),
		// Nodes.
		op("MergeNodes", func(m *Model) error { return m.MergeNodes(1e-6, false, true) }),
		op("MergeNodes relative", func(m *Model) error { return m.MergeNodes(1e-6, true, false) }),
		op("UnmergeElementBlocks", func(m *Model) error { return m.UnmergeElementBlocks(all) }),
		op("CreateNodes", func(m *Model) error { return m.CreateNodes([]float64{5, 5, 5, 6, 6, 6}) }),
		op("CreateNodes then DeleteUnusedNodes", func(m *Model) error {
			if err := m.CreateNodes([]float64{5, 5, 5, 6, 6, 6}); err != nil {
				return err
			}
			return m.DeleteUnusedNodes()
		}),
		// Element conversions.
		op("ConvertElementBlocks hex20", func(m *Model) error { return m.ConvertElementBlocks(Sel(10), "hex20") }),
		op("ConvertElementBlocks tet10", func(m *Model) error { return m.ConvertElementBlocks(Sel(30), "tet10") }),
		op("MakeElementsQuadratic", func(m *Model) error { return m.MakeElementsQuadratic(all) }),
		op("MakeElementsQuadratic then Linear", func(m *Model) error {
			if err := m.MakeElementsQuadratic(all); err != nil {
				return err
			}
			return m.MakeElementsLinear(all)
		}),
		op("ConvertHex8BlockToTet4Block", func(m *Model) error { return m.ConvertHex8BlockToTet4Block(Int(10), "hex24tet") }),
		op("ConvertHex8BlockToTet4Block right", func(m *Model) error { return m.ConvertHex8BlockToTet4Block(Int(20), "hex24tet") }),
		op("ThresholdElementBlocks delete", func(m *Model) error {
			return m.ThresholdElementBlocks("eqps < 3", all, Str(KeyFirst), nil)
		}),
		op("ThresholdElementBlocks constant field", func(m *Model) error {
			return m.ThresholdElementBlocks("vol > 3", Sel(10, 20), Float(2), nil)
		}),
		op("ThresholdElementBlocks move", func(m *Model) error {
			return m.ThresholdElementBlocks("eqps < 3", Sel(10, 20), Str(KeyLast), i64(50))
		}),
		op("ConvertSideSetToCohesiveZone", func(m *Model) error { return m.ConvertSideSetToCohesiveZone(Sel(6), 60) }),
		// Sets.
		op("CreateNodeSet", func(m *Model) error { return m.CreateNodeSet(2, []int32{0, 1, 2}) }),
		op("AddNodesToNodeSet", func(m *Model) error { return m.AddNodesToNodeSet(1, []int32{0, 1, 28}) }),
		op("AddFacesToSideSet", func(m *Model) error {
			return m.AddFacesToSideSet(5, SideSetMembers{BlockIDs: []int64{20, 30}, Elems: []int32{1, 0}, Sides: []int32{1, 2}})
		}),
		op("CreateSideSet replace", func(m *Model) error {
			return m.CreateSideSet(5, SideSetMembers{BlockIDs: []int64{20}, Elems: []int32{1}, Sides: []int32{1}})
		}),
		op("CreateNodeSetFromSideSet", func(m *Model) error { return m.CreateNodeSetFromSideSet(3, Int(5)) }),
		op("CreateSideSetFromExpression", func(m *Model) error {
			return m.CreateSideSetFromExpression(7, "X == 0", all, nil, Sel(KeyLastIfAny), false)
		}),
		op("DeleteNodeSets", func(m *Model) error { return m.DeleteNodeSets(Sel(1)) }),
		op("DeleteSideSets", func(m *Model) error { return m.DeleteSideSets(Sel(5)) }),
		op("RenameNodeSet", func(m *Model) error { return m.RenameNodeSet(Int(1), Int(11)) }),
		op("RenameSideSet", func(m *Model) error { return m.RenameSideSet(Int(5), Int(15)) }),
		// Chains.
		op("CopyTimestep then CalculateNodeField", func(m *Model) error {
			if err := m.CopyTimestep(Float(0), 1); err != nil {
				return err
			}
			return m.CalculateNodeField("Heat = Heat + const_n * time")
		}),
		op("CreateTimestep then ScaleGeometry", func(m *Model) error {
			if err := m.CreateTimestep(1); err != nil {
				return err
			}
			m.ScaleGeometry(2, AdjustYes)
			return nil
		}),
		op("DuplicateElementBlock then Displace copy", func(m *Model) error {
			if err := m.DuplicateElementBlock(Int(10), 40, true); err != nil {
				return err
			}
			return m.DisplaceElementBlocks(Sel(40), [3]float64{0, 0, 1}, Sel(0.0), true)
		}),
	}
	// Models merged into m; the source is built with the same sharing.
	ops = append(ops,
		shareOp{name: "Merge", run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			src := buildShareModelOpts(t, shareOpts{shared: shared, idOff: 100, xOff: 3})
			return nil, m.Merge(src)
		}},
		shareOp{name: "Merge other times", run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			src := buildShareModelOpts(t, shareOpts{shared: shared, idOff: 100, xOff: 3, times: []float64{0.5, 1, 3}})
			return nil, m.Merge(src)
		}},
		shareOp{name: "ImportModel selection", run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			src := buildShareModelOpts(t, shareOpts{shared: shared, idOff: 100, xOff: 3})
			sel := DefaultImportSelection()
			sel.ElementBlockIDs = Sel(120, 130)
			sel.Timesteps = Sel(0.5, 2.0)
			sel.NodeFieldNames = Sel("const_n", "disp_*")
			sel.ElementFieldNames = Sel("vol", "Const_E")
			return nil, m.ImportModel(src, sel)
		}},
		shareOp{name: "Merge into empty", run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			dst := New()
			if err := dst.Merge(m); err != nil {
				return nil, err
			}
			return []*Model{dst}, nil
		}},
		shareOp{name: "Merge twice into empty", run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			dst := New()
			if err := dst.Merge(m); err != nil {
				return nil, err
			}
			src := buildShareModelOpts(t, shareOpts{shared: shared, idOff: 100, xOff: 3})
			if err := dst.Merge(src); err != nil {
				return nil, err
			}
			return []*Model{dst}, nil
		}},
		shareOp{name: "Subset", noWrite: true, run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			sub, err := m.Subset(DefaultExportSelection())
			return []*Model{m, sub}, err
		}},
		shareOp{name: "Subset selection", noWrite: true, run: func(t testing.TB, m *Model, shared bool) ([]*Model, error) {
			sel := DefaultExportSelection()
			sel.ElementBlockIDs = Sel(20, 30)
			sel.Timesteps = Sel(0.5, 2.0)
			sub, err := m.Subset(sel)
			return []*Model{m, sub}, err
		}},
	)
	return ops
}

// runShareOp builds a model with the given sharing and applies o to it,
// turning a panic into an error.
func runShareOp(t testing.TB, o shareOp, shared bool) (world []*Model, err error) {
	m := buildShareModel(t, shared)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
			world = []*Model{m}
		}
	}()
	w, err := o.run(t, m, shared)
	if w == nil {
		w = []*Model{m}
	}
	return w, err
}

// errText returns err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestShareOpsDifferential applies every operation to the shared and the
// unshared model and compares them, bit for bit; it also checks the
// sharing rule and Validate on the result.
func TestShareOpsDifferential(t *testing.T) {
	for _, o := range shareOps() {
		t.Run(o.name, func(t *testing.T) {
			sw, serr := runShareOp(t, o, true)
			uw, uerr := runShareOp(t, o, false)
			if errText(serr) != errText(uerr) {
				t.Fatalf("%s: shared model error %q, unshared %q", o.name, errText(serr), errText(uerr))
			}
			if o.wantErr != (uerr != nil) {
				t.Errorf("%s: error %v, want an error: %v", o.name, uerr, o.wantErr)
			}
			if err := diffSnaps(snapWorld(uw), snapWorld(sw)); err != nil {
				t.Errorf("%s: shared model differs from unshared: %v", o.name, err)
			}
			for _, c := range []struct {
				what  string
				world []*Model
			}{{"shared", sw}, {"unshared", uw}} {
				if !o.noWrite {
					if err := aliasCheck(c.world); err != nil {
						t.Errorf("%s: %s model breaks the sharing rule: %v", o.name, c.what, err)
					}
				}
				for mi, m := range c.world {
					if err := m.Validate(); err != nil {
						t.Errorf("%s: %s model %d invalid: %v", o.name, c.what, mi, err)
					}
				}
			}
		})
	}
}

// viaKind is a way to get a writable view of one field at one timestep.
type viaKind string

const (
	viaGet      viaKind = "Get*FieldValues"         // the query methods' views, by id and time
	viaGetNamed viaKind = "Get*FieldValues by name" // the same, by entity name and timestep keyword
	viaOwn      viaKind = "Field.Own"               // (*Field).Own
	viaRaw      viaKind = "Field.Values"            // f.Values[t] itself: leaks when shared (self-test only)
)

// entityRef refers to an entity by name if it has one no other entity of
// its kind has (names counts them), else by its id as a float: either way
// the query methods take their general path rather than the one for an
// integer id.
func entityRef(id int64, name string, names map[string]int) Item {
	if name != "" && names[name] == 1 {
		return Str(name)
	}
	return Float(float64(id))
}

// nameCounts counts the entities of each name.
func nameCounts(n int, name func(i int) string) map[string]int {
	c := map[string]int{}
	for i := range n {
		c[name(i)]++
	}
	return c
}

// writeTarget is one field at one timestep of one model of a world.
type writeTarget struct {
	label string  // for messages
	key   snapKey // snapshot key of the values
	view  func() ([]float64, error)
}

// writeTargets lists every field and timestep of the world's models
// (node, element, node set and side set fields, global variables), with
// the view via returns for each.
func writeTargets(world []*Model, via viaKind) []writeTarget {
	var out []writeTarget
	for mi, m := range world {
		p := fmt.Sprintf("model %d:", mi)
		for ti, tv := range m.Timesteps {
			step := Float(tv)
			if via == viaGetNamed {
				switch ti {
				case 0:
					step = Str(KeyFirst)
				case len(m.Timesteps) - 1:
					step = Str(KeyLast)
				}
			}
			fieldTargets := func(ent string, id int64, label string, fs []*Field, get func(name string) ([]float64, error)) {
				for _, f := range fs {
					f, ti := f, ti
					view := func() ([]float64, error) { return f.Own(ti), nil }
					switch via {
					case viaRaw:
						view = func() ([]float64, error) { return f.Values[ti], nil }
					case viaGet, viaGetNamed:
						name := f.Name
						view = func() ([]float64, error) { return get(name) }
					}
					out = append(out, writeTarget{
						label: fmt.Sprintf("%s %s %q at step %d (time %v)", p, label, f.Name, ti, tv),
						key:   fieldKey(mi, ent, id, f.Name, ti),
						view:  view,
					})
				}
			}
			fieldTargets("node", 0, "node field", m.NodeFields, func(name string) ([]float64, error) {
				return m.GetNodeFieldValues(name, step)
			})
			for _, b := range m.Blocks {
				id, ref := b.ID, Int(b.ID)
				if via == viaGetNamed {
					ref = entityRef(b.ID, b.Name, nameCounts(len(m.Blocks), func(i int) string { return m.Blocks[i].Name }))
				}
				fieldTargets("block", id, fmt.Sprintf("block %d element field", id), b.Fields,
					func(name string) ([]float64, error) { return m.GetElementFieldValues(name, ref, step) })
			}
			for _, s := range m.NodeSets {
				id, ref := s.ID, Int(s.ID)
				if via == viaGetNamed {
					ref = entityRef(s.ID, s.Name, nameCounts(len(m.NodeSets), func(i int) string { return m.NodeSets[i].Name }))
				}
				fieldTargets("node set", id, fmt.Sprintf("node set %d field", id), s.Fields,
					func(name string) ([]float64, error) { return m.GetNodeSetFieldValues(name, ref, step) })
			}
			for _, s := range m.SideSets {
				id, ref := s.ID, Int(s.ID)
				if via == viaGetNamed {
					ref = entityRef(s.ID, s.Name, nameCounts(len(m.SideSets), func(i int) string { return m.SideSets[i].Name }))
				}
				fieldTargets("side set", id, fmt.Sprintf("side set %d field", id), s.Fields,
					func(name string) ([]float64, error) { return m.GetSideSetFieldValues(name, ref, step) })
			}
		}
	}
	return out
}

// leakCheck writes a distinct marker into every value of every target of
// the world, one target at a time, and checks after each write that
// exactly that field at that timestep changed. It returns the first
// failure and how many writes failed.
func leakCheck(world []*Model, via viaKind) (first error, failed, total int) {
	seq := 0
	cur := snapWorld(world)
	fail := func(err error) {
		if first == nil {
			first = err
		}
		failed++
	}
	// check compares the world with cur changed at entry idx to vals, and
	// makes cur the world's snapshot.
	check := func(idx int, vals []float64, what string) {
		want := append([]snapEntry(nil), cur...)
		want[idx].f = vals
		cur = snapWorld(world)
		if err := diffSnaps(want, cur); err != nil {
			fail(fmt.Errorf("%s leaked: %v", what, err))
		}
	}
	find := func(key snapKey) int {
		for i, e := range cur {
			if e.key == key {
				return i
			}
		}
		return -1
	}
	for _, tg := range writeTargets(world, via) {
		idx := find(tg.key)
		if idx < 0 {
			fail(fmt.Errorf("%s: not in the snapshot", tg.label))
			continue
		}
		n := len(cur[idx].f)
		if n == 0 {
			continue
		}
		total++
		seq++
		v, err := tg.view()
		if err == nil && len(v) != n {
			err = fmt.Errorf("view has %d values, want %d", len(v), n)
		}
		if err != nil {
			fail(fmt.Errorf("%s: %v", tg.label, err))
			continue
		}
		marker := make([]float64, n)
		for i := range v {
			marker[i] = 1e6 + float64(seq)*1000 + float64(i) + 0.25
			v[i] = marker[i]
		}
		check(idx, marker, fmt.Sprintf("write via %s to %s", via, tg.label))
	}
	// Global variables: their values are plain slices, written directly.
	for mi, m := range world {
		for _, g := range m.GlobalVars {
			key := snapKey{model: mi, ent: "global", what: "variable", name: g.Name, step: -1}
			for ti := range g.Values {
				idx := find(key)
				if idx < 0 {
					fail(fmt.Errorf("model %d global %q: not in the snapshot", mi, g.Name))
					break
				}
				total++
				seq++
				g.Values[ti] = -1e6 - float64(seq)
				vals := append([]float64(nil), cur[idx].f...)
				vals[ti] = g.Values[ti]
				check(idx, vals, fmt.Sprintf("write to model %d global %q at step %d", mi, g.Name, ti))
			}
		}
	}
	return first, failed, total
}

// byNameOps are the operations after which the views are also taken by
// entity name and timestep keyword (a different path through the query
// methods; all operations would make the test slow): those that rename,
// reorder or add entities and timesteps.
var byNameOps = map[string]bool{
	"nothing": true, "CopyTimestep shared step": true, "CopyTimestep to front": true,
	"DeleteTimesteps middle": true, "CreateTimestep first": true, "DuplicateElementBlock shared nodes": true,
	"CombineElementBlocks": true, "RenameElementBlock": true, "RenameNodeSet": true, "ToLowercase": true,
	"Merge": true, "ConvertHex8BlockToTet4Block": true,
}

// TestShareOpsNoLeak applies every operation to the shared and the
// unshared model, then writes through every view of every field at every
// timestep (through the Get*FieldValues methods, and through Field.Own),
// checking that each write changes exactly what it wrote, and finally
// that the two models are still equal.
func TestShareOpsNoLeak(t *testing.T) {
	for _, o := range shareOps() {
		if o.noWrite {
			continue
		}
		vias := []viaKind{viaOwn, viaGet}
		if byNameOps[o.name] {
			vias = append(vias, viaGetNamed)
		}
		for _, via := range vias {
			t.Run(o.name+"/"+string(via), func(t *testing.T) {
				sw, serr := runShareOp(t, o, true)
				uw, uerr := runShareOp(t, o, false)
				if errText(serr) != errText(uerr) {
					t.Fatalf("%s: shared model error %q, unshared %q", o.name, errText(serr), errText(uerr))
				}
				if via == viaOwn {
					t.Logf("%s: %d field timesteps of the shared model still share an array", o.name, sharedSteps(sw))
				}
				for _, c := range []struct {
					what  string
					world []*Model
				}{{"shared", sw}, {"unshared", uw}} {
					first, failed, total := leakCheck(c.world, via)
					if first != nil {
						t.Errorf("%s, %s model: %d of %d writes via %s failed; first: %v",
							o.name, c.what, failed, total, via, first)
					}
					if err := aliasCheck(c.world); err != nil {
						t.Errorf("%s: %s model breaks the sharing rule after the writes: %v", o.name, c.what, err)
					}
				}
				if err := diffSnaps(snapWorld(uw), snapWorld(sw)); err != nil {
					t.Errorf("%s: after the writes via %s, shared model differs from unshared: %v", o.name, via, err)
				}
			})
		}
	}
}

// sharedSteps counts the field timesteps of the world that share their
// array with another timestep.
func sharedSteps(world []*Model) int {
	n := 0
	for _, m := range world {
		eachModelField(m, func(_ string, _ bool, f *Field) {
			for t := range f.Values {
				if f.Shared(t) {
					n++
				}
			}
		})
	}
	return n
}

// shareEqual (for building shared models in tests) makes the timesteps of vals whose values equal those of the
// timestep before them hold that timestep's array (bit for bit, so -0 and
// NaN payloads are kept), and reports whether any did. The arrays it lets
// go become garbage.
func shareEqual(vals [][]float64) bool {
	any := false
	for t := 1; t < len(vals); t++ {
		if !sameArray(vals[t], vals[t-1]) && compute.EqualBits(vals[t], vals[t-1]) {
			vals[t] = vals[t-1]
			any = true
		}
	}
	return any
}
