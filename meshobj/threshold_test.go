package meshobj

import (
	"bytes"
	"encoding/gob"
	"math"
	"slices"
	"testing"
)

// cutSnapshot encodes the whole model (gob skips the Warn function), so that
// two snapshots are equal exactly when the model is unchanged.
func cutSnapshot(t testing.TB, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// thresholdCube returns hexCube(1, 4) (element (i, j, k) has index
// (i*4 + j)*4 + k) with timesteps 0 and 1 and element field "cx" = the
// element's centroid x at time 0 and 1 - centroid x at time 1, and side set
// 3 = side 2 (0-based 1, the +x face) of the 16 elements with i = 3.
func thresholdCube(t *testing.T) *Model {
	m := hexCube(t, 1, 4)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateElementField("cx", Sel(1), 0))
	f := FindField(m.Block(1).Fields, "cx")
	for e := range 64 {
		x := (float64(e/16) + 0.5) / 4
		f.Values[0][e], f.Own(1)[e] = x, 1-x
	}
	var mem SideSetMembers
	for e := 48; e < 64; e++ {
		mem.BlockIDs = append(mem.BlockIDs, 1)
		mem.Elems = append(mem.Elems, int32(e))
		mem.Sides = append(mem.Sides, 1)
	}
	mustOK(t, m.CreateSideSet(3, mem))
	return m
}

// cutElemCoords returns the coordinates of the nodes of each element.
func cutElemCoords(m *Model, b *ElementBlock) [][24]float64 {
	out := make([][24]float64, b.NumElems)
	for e := range out {
		for k := range 8 {
			n := b.Conn[8*e+k]
			copy(out[e][3*k:3*k+3], m.Coords[3*n:3*n+3])
		}
	}
	return out
}

// TestThresholdHalfCube keeps the half x < 1/2 of a 4x4x4 cube: by hand,
// the 32 elements with i < 2 (indices 0-31, in order), and the 3*25 nodes
// on the planes x = 0, 1/4 and 1/2; the side set on x = 1 loses every
// member.
func TestThresholdHalfCube(t *testing.T) {
	for _, procs := range []int{1, 2} {
		withProcs(procs, func() {
			m := thresholdCube(t)
			before := cutElemCoords(m, m.Block(1))
			mustOK(t, m.ThresholdElementBlocks("cx < 0.5", Sel("all"), Str("first"), nil))
			b := m.Block(1)
			if b.NumElems != 32 || m.NumNodes() != 75 {
				t.Fatalf("%d elements and %d nodes, want 32 and 75", b.NumElems, m.NumNodes())
			}
			if got := cutElemCoords(m, b); !slices.Equal(got, before[:32]) {
				t.Errorf("the kept elements are not elements 0-31 with their nodes")
			}
			for n := range m.NumNodes() {
				if x := m.Coords[3*n]; x > 0.5 {
					t.Fatalf("node %d at x = %v survived", n, x)
				}
			}
			f := FindField(b.Fields, "cx")
			for e, v := range f.Values[0] {
				if want := (float64(e/16) + 0.5) / 4; v != want || f.Values[1][e] != 1-want {
					t.Fatalf("cx of element %d = %v, %v", e, v, f.Values[1][e])
				}
			}
			if s := m.SideSet(3); len(s.Elems) != 0 {
				t.Errorf("side set 3 kept %d members", len(s.Elems))
			}
			mustOK(t, m.Validate())
		})
	}
}

// TestThresholdTimestep evaluates at the chosen timestep: at time 1 (the
// default 'last') cx is 1 - x, so "cx < 0.5" keeps the half x > 1/2.
func TestThresholdTimestep(t *testing.T) {
	m := thresholdCube(t)
	before := cutElemCoords(m, m.Block(1))
	mustOK(t, m.ThresholdElementBlocks("cx < 0.5", Sel("all"), Str(KeyLast), nil))
	if got := cutElemCoords(m, m.Block(1)); !slices.Equal(got, before[32:]) {
		t.Errorf("kept %d elements, want elements 32-63", len(got))
	}
	if s := m.SideSet(3); !slices.Equal(s.Elems, []int32{16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}) {
		t.Errorf("side set 3 members %v, want elements 16-31 (renumbered 48-63)", s.Elems)
	}
}

// TestThresholdMove moves the failing half into block 7, as exomerge does:
// duplicate, delete the kept elements from the copy, rename it. No node is
// deleted; the side set members follow their elements.
func TestThresholdMove(t *testing.T) {
	m := thresholdCube(t)
	before := cutElemCoords(m, m.Block(1))
	nid := int64(7)
	mustOK(t, m.ThresholdElementBlocks("cx < 0.5", Sel(1), Str("first"), &nid))
	if m.NumNodes() != 125 || m.Block(1).NumElems != 32 || m.Block(7) == nil || m.Block(7).NumElems != 32 {
		t.Fatalf("%d nodes, blocks %v", m.NumNodes(), m.GetElementBlockIDs())
	}
	if !slices.Equal(cutElemCoords(m, m.Block(1)), before[:32]) || !slices.Equal(cutElemCoords(m, m.Block(7)), before[32:]) {
		t.Errorf("elements were not split at i = 2")
	}
	if got := FindField(m.Block(7).Fields, "cx").Values[0]; got[0] != 0.625 || got[31] != 0.875 {
		t.Errorf("cx on block 7: %v", got)
	}
	s := m.SideSet(3)
	if len(s.Elems) != 16 || s.BlockIDs[0] != 7 || s.Elems[0] != 16 || s.Sides[0] != 1 {
		t.Errorf("side set 3: %v %v %v", s.BlockIDs, s.Elems, s.Sides)
	}
	if names := m.elementFieldNames(m.Blocks); !slices.Equal(names, []string{"cx"}) {
		t.Errorf("element fields %v: the temporary field was left", names)
	}
	mustOK(t, m.Validate())
}

// TestThresholdMoveTwoBlocks follows exomerge with two blocks moving into
// one: the second block's failing elements are combined before the
// first's (combine_element_blocks([temporary, new])), a field only the
// first block has is created on the others with a warning, and the side
// set members follow. The expected connectivity and members were derived
// by hand from exomerge's code (and agree with exomerge 8.7.0 run on the
// same calls).
func TestThresholdMoveTwoBlocks(t *testing.T) {
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}))
	mustOK(t, m.BuildHex8Cube(2, [3][2]float64{{2, 3}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}))
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CalculateElementCentroids(CentroidFieldNames("centroid_"), Sel("all")))
	mustOK(t, m.CreateElementField("only1", Sel(1), 5))
	mustOK(t, m.CreateSideSet(4, SideSetMembers{
		BlockIDs: []int64{1, 1, 2, 2, 1}, Elems: []int32{0, 1, 0, 7, 2}, Sides: []int32{0, 0, 0, 1, 0}}))
	rec := watch(m)
	nid := int64(9)
	mustOK(t, m.ThresholdElementBlocks("centroid_y < 0.5", Sel("all"), Str(KeyLast), &nid))
	want := []int32{30, 31, 34, 33, 39, 40, 43, 42, 39, 40, 43, 42, 48, 49, 52, 51, 31, 32, 35, 34, 40, 41, 44, 43, 40, 41, 44, 43, 49, 50, 53, 52,
		3, 4, 7, 6, 12, 13, 16, 15, 12, 13, 16, 15, 21, 22, 25, 24, 4, 5, 8, 7, 13, 14, 17, 16, 13, 14, 17, 16, 22, 23, 26, 25}
	if got := m.Block(9).Conn; !slices.Equal(got, want) {
		t.Errorf("block 9 connectivity %v, want %v", got, want)
	}
	if got := m.Block(1).Conn; !slices.Equal(got, []int32{0, 1, 4, 3, 9, 10, 13, 12, 9, 10, 13, 12, 18, 19, 22, 21, 1, 2, 5, 4, 10, 11, 14, 13, 10, 11, 14, 13, 19, 20, 23, 22}) {
		t.Errorf("block 1 connectivity %v", got)
	}
	only := FindField(m.Block(9).Fields, "only1").Values[0]
	if !math.IsNaN(only[0]) || !math.IsNaN(only[3]) || only[4] != 5 || only[7] != 5 {
		t.Errorf("only1 on block 9: %v", only)
	}
	s := m.SideSet(4)
	if !slices.Equal(s.BlockIDs, []int64{1, 1, 2, 9, 9}) || !slices.Equal(s.Elems, []int32{0, 1, 0, 4, 3}) {
		t.Errorf("side set 4: %v %v", s.BlockIDs, s.Elems)
	}
	if !slices.Contains(rec.shorts(), "Inconsistent element fields.") {
		t.Errorf("warnings %v, want the combine's inconsistent fields warning", rec.shorts())
	}
	if m.NumNodes() != 54 {
		t.Errorf("%d nodes, want 54", m.NumNodes())
	}
}

// TestThresholdNaNKeeps keeps NaN values, as Python's "if x" does, and
// deletes exact zeros only.
func TestThresholdNaNKeeps(t *testing.T) {
	m := hexCube(t, 1, 2)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateElementField("v", Sel(1), 0))
	v := FindField(m.Block(1).Fields, "v").Values[0]
	copy(v, []float64{math.NaN(), 0, -1, 0, 1e-300, 0, math.Inf(1), 0})
	mustOK(t, m.ThresholdElementBlocks("v", Sel("all"), Str(KeyLast), nil))
	got := FindField(m.Block(1).Fields, "v").Values[0]
	if len(got) != 4 || !math.IsNaN(got[0]) || got[1] != -1 || got[2] != 1e-300 || !math.IsInf(got[3], 1) {
		t.Errorf("kept values %v", got)
	}
}

// TestThresholdErrors: each refusal leaves the model as it was.
func TestThresholdErrors(t *testing.T) {
	seven, one := int64(7), int64(1)
	cases := []struct {
		name  string
		setup func(m *Model)
		expr  string
		step  Item
		nb    *int64
		want  []string
	}{
		{"unknown name", nil, "eqps > 1", Str(KeyLast), nil, []string{"Invalid expression", `"eqps"`, "cx"}},
		{"syntax", nil, "cx >", Str(KeyLast), nil, []string{"Invalid expression"}},
		{"assignment", nil, "a = cx", Str(KeyLast), nil, []string{"Invalid expression"}},
		{"block exists", nil, "cx > 0", Str(KeyLast), &one, []string{"Element block already exists."}},
		{"timestep", nil, "cx > 0", Float(5), nil, []string{"timestep"}},
		{"mixed nodes per element", func(m *Model) {
			mustOK(t, m.CreateNodes([]float64{5, 5, 5, 6, 5, 5, 5, 6, 5, 5, 5, 6}))
			mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "tet4", NumElems: 1, NodesPerElem: 4}, []int32{125, 126, 127, 128}))
			mustOK(t, m.CreateElementField("cx", Sel(2), 0))
		}, "cx > 0", Str(KeyLast), &seven, []string{"Incompatible element types."}},
		{"name missing on one block", func(m *Model) {
			mustOK(t, m.CreateNodes([]float64{5, 5, 5, 6, 5, 5, 5, 6, 5, 5, 5, 6}))
			mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "tet4", NumElems: 1, NodesPerElem: 4}, []int32{125, 126, 127, 128}))
		}, "cx > 0", Str(KeyLast), nil, []string{"not defined on element block 2"}},
	}
	for _, c := range cases {
		m := thresholdCube(t)
		if c.setup != nil {
			c.setup(m)
		}
		before := cutSnapshot(t, m)
		err := m.ThresholdElementBlocks(c.expr, Sel("all"), c.step, c.nb)
		wantErr(t, err, c.want...)
		if !bytes.Equal(cutSnapshot(t, m), before) {
			t.Errorf("%s: the model changed", c.name)
		}
	}
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	wantErr(t, m.ThresholdElementBlocks("time > 0", Sel("all"), Str(KeyLast), nil), "timestep")
	// No block selected (block 7 does not exist): a warning, nothing else.
	m = thresholdCube(t)
	rec := watch(m)
	before := cutSnapshot(t, m)
	mustOK(t, m.ThresholdElementBlocks("cx > 0.5", Sel(7), Str(KeyLast), &seven))
	if !bytes.Equal(cutSnapshot(t, m), before) || len(rec.ws) != 1 {
		t.Errorf("no block: warnings %v, or the model changed", rec.shorts())
	}
}
