package meshobj

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"exosh/compute"
)

// cutBlockVolumes returns the element volumes of block b by compute.Volumes.
func cutBlockVolumes(t *testing.T, m *Model, b *ElementBlock) []float64 {
	t.Helper()
	topo, ok := compute.LookupTopology(b.Type, b.NodesPerElem)
	if !ok {
		t.Fatalf("no topology for %s", b.Type)
	}
	v := make([]float64, b.NumElems)
	mustOK(t, compute.Volumes(v, m.Coords, b.Conn, topo))
	return v
}

func cutSum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// splitCube returns hexCube(1, 2) (element (i, j, k) has index (i*2+j)*2+k,
// node (i, j, k) index (k*3+j)*3+i) with timesteps 0 and 1, node field "nf"
// = x + 10y + 100z + time, node set 6 = nodes {0, 9, 13, 26} with field
// "w" = 10*member index, and side set 5 = the top sides (side index 5) of
// the four elements with k = 0: the plane z = 1/2.
func splitCube(t *testing.T) *Model {
	m := hexCube(t, 1, 2)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateNodeField("nf", 0))
	for ti, tv := range m.Timesteps {
		v := FindField(m.NodeFields, "nf").Values[ti]
		for n := range v {
			v[n] = m.Coords[3*n] + 10*m.Coords[3*n+1] + 100*m.Coords[3*n+2] + tv
		}
	}
	mustOK(t, m.CreateNodeSet(6, []int32{0, 9, 13, 26}))
	mustOK(t, m.CreateNodeSetField("w", Sel(6), 0))
	for ti := range m.Timesteps {
		copy(FindField(m.NodeSet(6).Fields, "w").Values[ti], []float64{0, 10, 20, 30})
	}
	mustOK(t, m.CreateSideSet(5, SideSetMembers{
		BlockIDs: []int64{1, 1, 1, 1}, Elems: []int32{0, 2, 4, 6}, Sides: []int32{5, 5, 5, 5}}))
	return m
}

// TestCohesivePlane cuts a 2x2x2 cube on z = 1/2. By hand: the 9 nodes of
// the plane (9-17) are deleted and each gets two copies (18+2q for the
// lower elements, which come first, and 19+2q for the upper ones); the
// other 18 nodes keep their order. Each of the 4 cohesive hex8 elements
// takes the upper element's bottom face (side 4, local 0 3 2 1), then the
// lower element's copies of the same nodes; it has no volume, and the
// cube's volume is unchanged.
func TestCohesivePlane(t *testing.T) {
	m := splitCube(t)
	nfBefore := slices.Clone(FindField(m.NodeFields, "nf").Values[1])
	coordsBefore := slices.Clone(m.Coords)
	connBefore := slices.Clone(m.Block(1).Conn)
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(5), 3))
	mustOK(t, m.Validate())
	if m.NumNodes() != 36 {
		t.Fatalf("%d nodes, want 36", m.NumNodes())
	}
	old := func(n int32) int32 { // the original of new node n
		switch {
		case n < 9:
			return n
		case n < 18:
			return n + 9
		}
		return 9 + (n-18)/2
	}
	for n := range int32(36) {
		o := old(n)
		if !slices.Equal(m.Coords[3*n:3*n+3], coordsBefore[3*o:3*o+3]) {
			t.Errorf("node %d is not at node %d's place", n, o)
		}
		if got := FindField(m.NodeFields, "nf").Values[1][n]; got != nfBefore[o] {
			t.Errorf("nf at node %d = %v, want %v", n, got, nfBefore[o])
		}
	}
	b := m.Block(1)
	for i, n := range b.Conn {
		if old(n) != connBefore[i] {
			t.Fatalf("connectivity entry %d is node %d, a copy of %d, want a copy of %d", i, n, old(n), connBefore[i])
		}
		if e := i / 8; n >= 18 && (n-18)%2 != int32(e%2) {
			t.Errorf("element %d (k = %d) uses copy %d", e, e%2, n)
		}
	}
	c := m.Block(3)
	if c == nil || c.Type != "hex8" || c.NumElems != 4 || len(c.Fields) != 0 {
		t.Fatalf("cohesive block: %+v", c)
	}
	for e := range 4 {
		el := c.Conn[8*e : 8*e+8]
		upper := b.Conn[8*(2*e+1) : 8*(2*e+1)+8]
		if want := []int32{upper[0], upper[3], upper[2], upper[1]}; !slices.Equal(el[:4], want) {
			t.Errorf("cohesive element %d bottom %v, want the upper element's side 4 %v", e, el[:4], want)
		}
		for i := range 4 {
			if el[4+i] != el[i]-1 {
				t.Errorf("cohesive element %d: node %d is not the lower copy of %d", e, el[4+i], el[i])
			}
		}
	}
	if v := cutBlockVolumes(t, m, c); cutSum(v) != 0 {
		t.Errorf("cohesive volumes %v", v)
	}
	if v := cutSum(cutBlockVolumes(t, m, b)); math.Abs(v-1) > 1e-12 {
		t.Errorf("cube volume %v, want 1", v)
	}
	// Node set 6: members 0 and 26 (-> 17) stay, 9 and 13 are replaced by
	// their copies (18, 19 and 26, 27), appended in copy order with the
	// field values of the originals.
	ns := m.NodeSet(6)
	if !slices.Equal(ns.Members, []int32{0, 17, 18, 19, 26, 27}) {
		t.Errorf("node set 6 members %v", ns.Members)
	}
	if w := FindField(ns.Fields, "w").Values[0]; !slices.Equal(w, []float64{0, 30, 10, 10, 20, 20}) {
		t.Errorf("node set 6 field %v", w)
	}
	if s := m.SideSet(5); !slices.Equal(s.Elems, []int32{0, 2, 4, 6}) {
		t.Errorf("side set 5 changed: %v", s.Elems)
	}
}

// TestCohesiveCrack cuts the one face between the centre elements of the
// two layers of a 3x3x2 cube: every element around each of the face's
// four nodes stays connected through uncut faces, so no node is split
// (exomerge's merge joins every copy back) and the cohesive element's two
// faces share their nodes.
func TestCohesiveCrack(t *testing.T) {
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 3}, {0, 3}, {0, 2}}, [3]int{3, 3, 2}))
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{(1*3 + 1) * 2}, Sides: []int32{5}}))
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(1), 2))
	if m.NumNodes() != 48 {
		t.Fatalf("%d nodes, want 48", m.NumNodes())
	}
	el := m.Block(2).Conn
	if len(el) != 8 || !slices.Equal(el[:4], el[4:]) {
		t.Errorf("cohesive element %v, want both faces on the same nodes", el)
	}
	for _, n := range el {
		if z := m.Coords[3*n+2]; z != 1 {
			t.Errorf("cohesive node %d at z = %v", n, z)
		}
	}
}

// TestCohesiveTet4 cuts the face shared by two tets, worked by hand: tet A
// = (0 1 2 3) and tet B = (0 2 1 4) share A's side 3 (0 2 1) and B's side 3
// (0 1 2). Nodes 3 and 4 become 0 and 1; nodes 0, 1, 2 get copies 2|3,
// 4|5, 6|7 (A first). The wedge6 is B's face (3 5 7), then A's copies of
// the same nodes (2 4 6).
func TestCohesiveTet4(t *testing.T) {
	m := blockOf(t, "TETRA", 4, []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, -1}, []int32{0, 1, 2, 3, 0, 2, 1, 4})
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{3}}))
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(1), 2))
	if got := m.Block(1).Conn; !slices.Equal(got, []int32{2, 4, 6, 0, 3, 7, 5, 1}) {
		t.Errorf("tets %v", got)
	}
	c := m.Block(2)
	if c.Type != "wedge6" || !slices.Equal(c.Conn, []int32{3, 5, 7, 2, 4, 6}) {
		t.Errorf("cohesive %s %v", c.Type, c.Conn)
	}
	if v := cutSum(cutBlockVolumes(t, m, m.Block(1))); math.Abs(v-1.0/3) > 1e-15 {
		t.Errorf("tet volume %v, want 1/3", v)
	}
	if v := cutBlockVolumes(t, m, c); v[0] != 0 {
		t.Errorf("wedge volume %v", v)
	}
}

// TestCohesiveTet10 cuts the face shared by two tet10 (the tets of
// TestCohesiveTet4 with their edge midpoints): the wedge12 takes the tri6
// face of B, then A's copies, in exomerge's formula (0 1 2 6 7 8 3 4 5 9 10
// 11), so its nodes 6-8 sit at the middles of its edges 0-1, 1-2, 2-0 and
// nodes 9-11 at the middles of 3-4, 4-5, 5-3.
func TestCohesiveTet10(t *testing.T) {
	coords := []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, -1}
	var conn []int32
	mid := map[[2]int32]int32{}
	for _, tet := range [][4]int32{{0, 1, 2, 3}, {0, 2, 1, 4}} {
		conn = append(conn, tet[:]...)
		for _, e := range [][2]int{{0, 1}, {1, 2}, {2, 0}, {0, 3}, {1, 3}, {2, 3}} {
			a, b := tet[e[0]], tet[e[1]]
			k := [2]int32{min(a, b), max(a, b)}
			if _, ok := mid[k]; !ok {
				mid[k] = int32(len(coords) / 3)
				for d := range 3 {
					coords = append(coords, (coords[3*a+int32(d)]+coords[3*b+int32(d)])/2)
				}
			}
			conn = append(conn, mid[k])
		}
	}
	m := blockOf(t, "tet10", 10, coords, conn)
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{1}, Sides: []int32{3}}))
	nn := m.NumNodes()
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(1), 2))
	c := m.Block(2)
	if c.Type != "wedge12" || c.NumElems != 1 || m.NumNodes() != nn+6 {
		t.Fatalf("cohesive %s with %d elements, %d nodes (was %d)", c.Type, c.NumElems, m.NumNodes(), nn)
	}
	el := c.Conn
	at := func(i int) [3]float64 { n := el[i]; return [3]float64(m.Coords[3*n : 3*n+3]) }
	for i := range 3 {
		if at(i) != at(3+i) || at(6+i) != at(9+i) || el[i] == el[3+i] {
			t.Errorf("wedge12 %v: node %d and %d are not distinct copies", el, i, 3+i)
		}
		a, b := at(i), at((i+1)%3)
		if want := [3]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2}; at(6+i) != want {
			t.Errorf("wedge12 node %d at %v, want the middle of nodes %d and %d %v", 6+i, at(6+i), i, (i+1)%3, want)
		}
	}
	// The bottom face is B's side 3 in its order (B is the second side in
	// element order), so it belongs to element 1.
	b1 := m.Block(1).Conn[10:20]
	for _, n := range el[:3] {
		if !slices.Contains(b1, n) {
			t.Errorf("wedge12 bottom node %d is not on element 1", n)
		}
	}
}

// TestCohesiveErrors: each refusal names the problem and leaves the model
// as it was.
func TestCohesiveErrors(t *testing.T) {
	mixed := func(m *Model) {
		mustOK(t, m.CreateNodes([]float64{5, 5, 5, 6, 5, 5, 5, 6, 5, 5, 5, 6, 5, 5, 4}))
		mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "tet4", NumElems: 2, NodesPerElem: 4}, []int32{27, 28, 29, 30, 27, 29, 28, 31}))
		mustOK(t, m.CreateSideSet(8, SideSetMembers{BlockIDs: []int64{1, 2}, Elems: []int32{0, 0}, Sides: []int32{5, 3}}))
	}
	cases := []struct {
		name  string
		setup func(m *Model)
		sets  Selector
		id    int64
		want  []string
	}{
		{"external face", func(m *Model) {
			mustOK(t, m.CreateSideSet(7, SideSetMembers{BlockIDs: []int64{1, 1}, Elems: []int32{0, 1}, Sides: []int32{5, 5}}))
		}, Sel(7), 3, []string{"Invalid face", "external faces"}},
		{"multiple face types", mixed, Sel(8), 3, []string{"Multiple face types"}},
		{"block exists", nil, Sel(5), 1, []string{"Element block already exists."}},
		{"empty side set", func(m *Model) { mustOK(t, m.CreateSideSet(9, SideSetMembers{})) }, Sel(9), 3, []string{"Multiple face types"}},
	}
	for _, c := range cases {
		m := splitCube(t)
		if c.setup != nil {
			c.setup(m)
		}
		before := cutSnapshot(t, m)
		wantErr(t, m.ConvertSideSetToCohesiveZone(c.sets, c.id), c.want...)
		if !bytes.Equal(cutSnapshot(t, m), before) {
			t.Errorf("%s: the model changed", c.name)
		}
	}
	// 2-D quads have line faces, which exomerge does not support.
	m := blockOf(t, "quad4", 4, []float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0, 2, 1, 0}, []int32{0, 1, 2, 3, 1, 4, 5, 2})
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{1}}))
	before := cutSnapshot(t, m)
	wantErr(t, m.ConvertSideSetToCohesiveZone(Sel(1), 2), "Unsupported face type", `"line2"`, "quad4", "tri6")
	if !bytes.Equal(cutSnapshot(t, m), before) {
		t.Errorf("unsupported: the model changed")
	}
	// No side set: nothing happens.
	m = splitCube(t)
	before = cutSnapshot(t, m)
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(KeyNone), 3))
	if !bytes.Equal(cutSnapshot(t, m), before) {
		t.Errorf("no side set: the model changed")
	}
}

// TestCohesiveOtherBlocks: blocks the cut does not touch are renumbered
// with the kept nodes (nodes 0 and 26 become 0 and 17), and a block of an
// element type without known sides that uses a node of the cut is refused.
func TestCohesiveOtherBlocks(t *testing.T) {
	m := splitCube(t)
	mustOK(t, m.CreateElementBlock(9, BlockInfo{Type: "SPHERE", NumElems: 2, NodesPerElem: 1}, []int32{0, 26}))
	mustOK(t, m.ConvertSideSetToCohesiveZone(Sel(5), 3))
	if got := m.Block(9).Conn; !slices.Equal(got, []int32{0, 17}) {
		t.Errorf("sphere block %v, want [0 17]", got)
	}
	m = splitCube(t)
	mustOK(t, m.CreateElementBlock(9, BlockInfo{Type: "weird", NumElems: 1, NodesPerElem: 1}, []int32{13}))
	before := cutSnapshot(t, m)
	wantErr(t, m.ConvertSideSetToCohesiveZone(Sel(5), 3), "Unknown element type", "block 9")
	if !bytes.Equal(cutSnapshot(t, m), before) {
		t.Errorf("the model changed")
	}
}
