package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// Expected values here come from exomerge's ELEMENT_CONVERSIONS table and
// from counting by hand, never from exosh's output.

// modelState renders the bulk content of a model, for "unchanged" checks.
func modelState(m *Model) string {
	var b strings.Builder
	fmt.Fprintln(&b, m.Coords, m.NodeIDs)
	for _, f := range m.NodeFields {
		fmt.Fprintln(&b, f.Name, f.Values)
	}
	for _, k := range m.Blocks {
		fmt.Fprintln(&b, k.ID, k.Name, k.Type, k.NodesPerElem, k.NumElems, k.Conn, k.ElemIDs, k.Attributes)
		for _, f := range k.Fields {
			fmt.Fprintln(&b, f.Name, f.Values)
		}
	}
	for _, s := range m.NodeSets {
		fmt.Fprintln(&b, s.ID, s.Members, s.DistFactors)
		for _, f := range s.Fields {
			fmt.Fprintln(&b, f.Name, f.Values)
		}
	}
	for _, s := range m.SideSets {
		fmt.Fprintln(&b, s.ID, s.BlockIDs, s.Elems, s.Sides, s.DistFactors)
		for _, f := range s.Fields {
			fmt.Fprintln(&b, f.Name, f.Values)
		}
	}
	return b.String()
}

// Unit reference elements and the coordinates exomerge's formulas give
// their new nodes, worked out by hand.
var (
	unitHex = []float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1}
	// hex20 nodes 8..19: (0,1) (1,2) (2,3) (0,3) (0,4) (1,5) (2,6) (3,7)
	// (4,5) (5,6) (6,7) (4,7).
	hex20Mid = []float64{.5, 0, 0, 1, .5, 0, .5, 1, 0, 0, .5, 0, 0, 0, .5, 1, 0, .5, 1, 1, .5, 0, 1, .5,
		.5, 0, 1, 1, .5, 1, .5, 1, 1, 0, .5, 1}
	unitTet = []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}
	// tet10 nodes 4..9: (0,1) (1,2) (0,2) (0,3) (1,3) (2,3).
	tet10Mid  = []float64{.5, 0, 0, .5, .5, 0, 0, .5, 0, 0, 0, .5, .5, 0, .5, 0, .5, .5}
	unitWedge = []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1}
	// wedge15 nodes 6..14: (0,1) (1,2) (0,2) (0,3) (1,4) (2,5) (3,4) (4,5)
	// (3,5); wedge16 node 15: the mean of the six corners.
	wedge15Mid = []float64{.5, 0, 0, .5, .5, 0, 0, .5, 0, 0, 0, .5, 1, 0, .5, 0, 1, .5, .5, 0, 1, .5, .5, 1, 0, .5, 1}
	wedgeMid   = []float64{1.0 / 3, 1.0 / 3, .5}
)

// element builds a one-element model of the given type; extra holds the
// coordinates of nodes past the corners.
func element(t *testing.T, typ string, corners []float64, extra ...float64) *Model {
	t.Helper()
	m := New()
	coords := append(slices.Clone(corners), extra...)
	mustOK(t, m.CreateNodes(coords))
	n := len(coords) / 3
	conn := make([]int32, n)
	for i := range conn {
		conn[i] = int32(i)
	}
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: typ, NumElems: 1, NodesPerElem: n}, conn))
	return m
}

// elementCoords returns the coordinates of the element's nodes in
// connectivity order.
func elementCoords(m *Model) []float64 {
	var out []float64
	for _, n := range m.Blocks[0].Conn {
		out = append(out, m.Coords[3*n:3*n+3]...)
	}
	return out
}

func TestConvertSingleElements(t *testing.T) {
	wedge12Extra := []float64{.5, 0, 0, .5, .5, 0, 0, .5, 0, .5, 0, 1, .5, .5, 1, 0, .5, 1}
	cases := []struct {
		name, from, to string
		corners, extra []float64
		// want is the coordinates of the converted element's nodes.
		want []float64
	}{
		{"hex8 to hex20", "hex8", "hex20", unitHex, nil, cat(unitHex, hex20Mid)},
		{"hex20 to hex8", "hex20", "hex8", unitHex, hex20Mid, unitHex},
		{"tet4 to tet10", "tet4", "tet10", unitTet, nil, cat(unitTet, tet10Mid)},
		{"tet10 to tet4", "tet10", "tet4", unitTet, tet10Mid, unitTet},
		{"wedge6 to wedge15", "wedge6", "wedge15", unitWedge, nil, cat(unitWedge, wedge15Mid)},
		{"wedge6 to wedge16", "wedge6", "wedge16", unitWedge, nil, cat(unitWedge, wedge15Mid, wedgeMid)},
		{"wedge12 to wedge6", "wedge12", "wedge6", unitWedge, wedge12Extra, unitWedge},
		// wedge15 from wedge12: 0..8, (0,3) (1,4) (2,5), then 9, 10, 11.
		{"wedge12 to wedge15", "wedge12", "wedge15", unitWedge, wedge12Extra,
			cat(unitWedge, wedge12Extra[:9], []float64{0, 0, .5, 1, 0, .5, 0, 1, .5}, wedge12Extra[9:])},
		{"wedge15 to wedge6", "wedge15", "wedge6", unitWedge, wedge15Mid, unitWedge},
		{"wedge15 to wedge16", "wedge15", "wedge16", unitWedge, wedge15Mid, cat(unitWedge, wedge15Mid, wedgeMid)},
		{"wedge16 to wedge6", "wedge16", "wedge6", unitWedge, cat(wedge15Mid, wedgeMid), unitWedge},
		{"wedge16 to wedge15", "wedge16", "wedge15", unitWedge, cat(wedge15Mid, wedgeMid), cat(unitWedge, wedge15Mid)},
	}
	for _, c := range cases {
		m := element(t, c.from, c.corners, c.extra...)
		v0, err := m.GetElementBlockVolume(Sel("all"), "")
		mustOK(t, err)
		mustOK(t, m.ConvertElementBlocks(Sel(1), c.to))
		b := m.Blocks[0]
		if b.Type != c.to || b.NodesPerElem != len(c.want)/3 || b.NumElems != 1 {
			t.Errorf("%s: block is %d %s of %d nodes", c.name, b.NumElems, b.Type, b.NodesPerElem)
			continue
		}
		if m.NumNodes() != len(c.want)/3 {
			t.Errorf("%s: %d nodes, want %d (unused ones deleted)", c.name, m.NumNodes(), len(c.want)/3)
		}
		if got := elementCoords(m); !slices.EqualFunc(got, c.want, func(a, b float64) bool { return math.Abs(a-b) < 1e-15 }) {
			t.Errorf("%s: nodes at\n %v\nwant\n %v", c.name, got, c.want)
		}
		v1, err := m.GetElementBlockVolume(Sel("all"), "")
		mustOK(t, err)
		if math.Abs(v1-v0) > 1e-12*math.Abs(v0) {
			t.Errorf("%s: volume %v, was %v", c.name, v1, v0)
		}
		mustOK(t, m.Validate())
	}
}

func cat(parts ...[]float64) []float64 { return slices.Concat(parts...) }

// TestChangeElementOrder checks exomerge's choice of target type: the
// fewest elements, then the fewest nodes, among the conversions to the
// wanted order.
func TestChangeElementOrder(t *testing.T) {
	cases := []struct {
		from        string
		npe         int
		order       int
		want        string // "" for unchanged
		errContains string
	}{
		{"hex8", 8, 2, "hex20", ""},
		{"hex20", 20, 2, "", ""},
		{"hex20", 20, 1, "hex8", ""},
		{"hex8", 8, 1, "", ""},
		{"tet4", 4, 2, "tet10", ""},
		{"tet10", 10, 1, "tet4", ""},
		{"wedge6", 6, 2, "wedge15", ""},
		{"wedge12", 12, 2, "wedge15", ""},
		{"wedge12", 12, 1, "wedge6", ""}, // already linear, but it has a linear target
		{"wedge15", 15, 2, "wedge16", ""},
		{"wedge15", 15, 1, "wedge6", ""},
		{"wedge16", 16, 1, "wedge6", ""},
		{"wedge16", 16, 2, "wedge15", ""}, // exomerge's rule: wedge15 is of order 2
		{"tet10", 10, 2, "", ""},
		{"wedge6", 6, 1, "", ""},
		{"point", 1, 2, "", `"point" to an element type of order 2`},
		{"tri3", 3, 1, "", ""},
		{"tri3", 3, 2, "", `convert elements of type "tri3" to an element type of order 2`},
		{"quad8", 8, 1, "", `"quad8" to an element type of order 1`},
		{"hex27", 27, 2, "", ""}, // not a type exomerge knows: skipped
	}
	for _, c := range cases {
		coords := make([]float64, 3*c.npe)
		for i := range coords {
			coords[i] = float64(i%7) * 0.1
		}
		m := element(t, c.from, coords)
		before := modelState(m)
		var err error
		if c.order == 1 {
			err = m.MakeElementsLinear(Sel("all"))
		} else {
			err = m.MakeElementsQuadratic(Sel("all"))
		}
		name := fmt.Sprintf("%s to order %d", c.from, c.order)
		if c.errContains != "" {
			wantErr(t, err, c.errContains)
			if modelState(m) != before {
				t.Errorf("%s: model changed by a refused call", name)
			}
			continue
		}
		mustOK(t, err)
		want := c.want
		if want == "" {
			want = c.from
			if modelState(m) != before {
				t.Errorf("%s: model changed", name)
			}
		}
		if m.Blocks[0].Type != want {
			t.Errorf("%s: type %s, want %s", name, m.Blocks[0].Type, want)
		}
	}
}

// decorated returns the 3x3x3 unit cube with, on its x=0 face, node set 1
// (16 nodes) and side set 1 (9 faces, side 3 0-based), a node field
// f = x + 2y + 3z, an element field, a side set field and a node set field
// over two timesteps.
func decorated(t *testing.T) *Model {
	t.Helper()
	m := cube(t)
	var ns []int32
	for n := range m.NumNodes() {
		if m.Coords[3*n] == 0 {
			ns = append(ns, int32(n))
		}
	}
	mustOK(t, m.CreateNodeSet(1, ns))
	var mem SideSetMembers
	b := m.Blocks[0]
	for e := range b.NumElems {
		if m.Coords[3*b.Conn[8*e]] == 0 {
			mem.BlockIDs = append(mem.BlockIDs, 1)
			mem.Elems = append(mem.Elems, int32(e))
			mem.Sides = append(mem.Sides, 3)
		}
	}
	mustOK(t, m.CreateSideSet(1, mem))
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateNodeField("f", 0))
	f := m.NodeFields[0]
	for ts := range 2 {
		for n := range m.NumNodes() {
			f.Own(ts)[n] = m.Coords[3*n] + 2*m.Coords[3*n+1] + 3*m.Coords[3*n+2] + float64(ts)
		}
	}
	mustOK(t, m.CreateElementField("e", Sel("all"), 0))
	for ts := range 2 {
		for e := range b.NumElems {
			b.Fields[0].Own(ts)[e] = float64(100*ts + e)
		}
	}
	mustOK(t, m.CreateSideSetField("s", Sel("all"), 0))
	for k := range 9 {
		m.SideSets[0].Fields[0].Own(1)[k] = float64(k)
	}
	mustOK(t, m.CreateNodeSetField("g", Sel("all"), 0))
	for k, n := range m.NodeSets[0].Members {
		m.NodeSets[0].Fields[0].Own(0)[k] = m.Coords[3*n+1]
	}
	return m
}

// checkNoDuplicateNodes fails if two nodes share their coordinates.
func checkNoDuplicateNodes(t *testing.T, what string, m *Model) {
	t.Helper()
	seen := map[[3]float64]int{}
	for n := range m.NumNodes() {
		p := [3]float64{m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]}
		if o, ok := seen[p]; ok {
			t.Fatalf("%s: nodes %d and %d both at %v", what, o, n, p)
		}
		seen[p] = n
	}
}

// checkLinearField checks f = x + 2y + 3z + t at every node.
func checkLinearField(t *testing.T, what string, m *Model) {
	t.Helper()
	f := FindField(m.NodeFields, "f")
	for ts := range 2 {
		for n := range m.NumNodes() {
			want := m.Coords[3*n] + 2*m.Coords[3*n+1] + 3*m.Coords[3*n+2] + float64(ts)
			if math.Abs(f.Values[ts][n]-want) > 1e-12 {
				t.Fatalf("%s: node field at node %d is %v, want %v", what, n, f.Values[ts][n], want)
			}
		}
	}
}

func TestMakeElementsQuadraticCube(t *testing.T) {
	m := decorated(t)
	mustOK(t, m.MakeElementsQuadratic(Sel("all")))
	mustOK(t, m.Validate())
	b := m.Blocks[0]
	// 64 corners and 3*3*4*4 = 144 edges.
	if b.Type != "hex20" || b.NumElems != 27 || m.NumNodes() != 64+144 {
		t.Fatalf("%d %s, %d nodes; want 27 hex20, 208 nodes", b.NumElems, b.Type, m.NumNodes())
	}
	checkNoDuplicateNodes(t, "hex20 cube", m)
	checkLinearField(t, "hex20 cube", m)
	edges := [12][2]int{{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}, {1, 5}, {2, 6}, {3, 7}, {4, 5}, {5, 6}, {6, 7}, {4, 7}}
	for e := range 27 {
		el := b.Conn[20*e : 20*e+20]
		for k, ed := range edges {
			for d := range 3 {
				mid := (m.Coords[3*el[ed[0]]+int32(d)] + m.Coords[3*el[ed[1]]+int32(d)]) / 2
				if m.Coords[3*el[8+k]+int32(d)] != mid {
					t.Fatalf("element %d node %d is not the mean of nodes %d and %d", e, 8+k, ed[0], ed[1])
				}
			}
		}
	}
	// exomerge numbers the new nodes in the order of their sorted (a, b)
	// edge tuples (its averaged_nodes = sorted(set(...))). Checked against
	// exomerge3.py itself on a 2x2x2 cube: same nodes, connectivity, sets
	// and fields.
	edgeOf := map[int32][2]int32{}
	for e := range 27 {
		el := b.Conn[20*e : 20*e+20]
		for k, ed := range edges {
			a, c := el[ed[0]], el[ed[1]]
			edgeOf[el[8+k]] = [2]int32{min(a, c), max(a, c)}
		}
	}
	for n := int32(65); n < 208; n++ {
		p, q := edgeOf[n-1], edgeOf[n]
		if p[0] > q[0] || p[0] == q[0] && p[1] >= q[1] {
			t.Fatalf("new nodes %d and %d are the middles of %v and %v, out of exomerge's order", n-1, n, p, q)
		}
	}
	// The node set gains the 2*3*4 = 24 edges of the x=0 face, with the
	// field averaged (it is y at the old members).
	ns := m.NodeSets[0]
	if len(ns.Members) != 16+24 {
		t.Fatalf("node set has %d members, want 40", len(ns.Members))
	}
	for k, n := range ns.Members {
		if m.Coords[3*n] != 0 || ns.Fields[0].Values[0][k] != m.Coords[3*n+1] {
			t.Fatalf("node set member %d: node %d at x=%v, field %v", k, n, m.Coords[3*n], ns.Fields[0].Values[0][k])
		}
	}
	// Side set and fields unchanged.
	ss := m.SideSets[0]
	if len(ss.Sides) != 9 || slices.ContainsFunc(ss.Sides, func(s int32) bool { return s != 3 }) {
		t.Fatalf("side set sides %v", ss.Sides)
	}
	if area, _ := m.GetSideSetArea(Sel(1)); math.Abs(area-1) > 1e-12 {
		t.Errorf("side set area %v, want 1", area)
	}
	if b.Fields[0].Values[1][26] != 126 {
		t.Errorf("element field not kept: %v", b.Fields[0].Values[1])
	}
	// And back: the 144 mid-edge nodes are deleted.
	mustOK(t, m.MakeElementsLinear(Sel("all")))
	mustOK(t, m.Validate())
	if m.NumNodes() != 64 || len(m.NodeSets[0].Members) != 16 {
		t.Errorf("after make_elements_linear: %d nodes, node set of %d; want 64 and 16", m.NumNodes(), len(m.NodeSets[0].Members))
	}
	if !modelsEqualGeometry(m, cube(t)) {
		t.Error("hex20 back to hex8 does not give the original cube")
	}
}

func modelsEqualGeometry(a, b *Model) bool {
	return slices.Equal(a.Coords, b.Coords) && slices.Equal(a.Blocks[0].Conn, b.Blocks[0].Conn)
}

func TestHex24TetCube(t *testing.T) {
	m := decorated(t)
	v0, _ := m.GetElementBlockVolume(Sel("all"), "")
	mustOK(t, m.ConvertHex8BlockToTet4Block(Int(1), "hex24tet"))
	mustOK(t, m.Validate())
	b := m.Blocks[0]
	// 64 corners, 3*3*3*4 = 108 face centres and 27 body centres.
	if b.Type != "tet4" || b.NumElems != 27*24 || m.NumNodes() != 64+108+27 {
		t.Fatalf("%d %s, %d nodes; want 648 tet4, 199 nodes", b.NumElems, b.Type, m.NumNodes())
	}
	checkNoDuplicateNodes(t, "hex24tet cube", m)
	checkLinearField(t, "hex24tet cube", m)
	v1, _ := m.GetElementBlockVolume(Sel("all"), "")
	if math.Abs(v1-v0) > 1e-12*v0 || math.Abs(v0-1) > 1e-12 {
		t.Errorf("volume %v, was %v", v1, v0)
	}
	mustOK(t, m.CalculateElementVolumes("vol", Sel("all")))
	for k, v := range FindField(b.Fields, "vol").Values[0] {
		if math.Abs(v-1.0/27/24) > 1e-15 {
			t.Fatalf("tet %d has volume %v, want 1/648", k, v)
		}
	}
	// Element field copied to the 24 tets of each hex.
	for k, v := range b.Fields[0].Values[1] {
		if v != float64(100+k/24) {
			t.Fatalf("element field at tet %d is %v, want %d", k, v, 100+k/24)
		}
	}
	// Node set: 16 corners plus the 9 face centres of x=0.
	if n := len(m.NodeSets[0].Members); n != 25 {
		t.Errorf("node set has %d members, want 25", n)
	}
	// Side set: each of the 9 faces becomes 4 tets, on tet side 3
	// (0-based), area unchanged; field values follow their face.
	ss := m.SideSets[0]
	if len(ss.Sides) != 36 {
		t.Fatalf("side set has %d members, want 36", len(ss.Sides))
	}
	for k := range 36 {
		if ss.Sides[k] != 3 || ss.Elems[k]/24 != ss.Elems[4*(k/4)]/24 || ss.Fields[0].Values[1][k] != float64(k/4) {
			t.Fatalf("side set member %d: element %d side %d value %v", k, ss.Elems[k], ss.Sides[k], ss.Fields[0].Values[1][k])
		}
	}
	if area, _ := m.GetSideSetArea(Sel(1)); math.Abs(area-1) > 1e-12 {
		t.Errorf("side set area %v, want 1", area)
	}
	for k := range 36 {
		el := b.Conn[4*ss.Elems[k] : 4*ss.Elems[k]+4]
		for _, l := range []int{0, 1, 2} { // tet side 3 is nodes 0, 2, 1
			if m.Coords[3*el[l]] != 0 {
				t.Fatalf("side set member %d: node %d of its side is off x=0", k, l)
			}
		}
	}
}

func TestConvertErrorsLeaveModel(t *testing.T) {
	m := decorated(t)
	before := modelState(m)
	wantErr(t, m.ConvertHex8BlockToTet4Block(Int(1), "hex6tet"), "Unsupported scheme", `"hex6tet"`, `"hex24tet"`)
	wantErr(t, m.ConvertElementBlocks(Sel("all"), "hex27"), "Invalid target element type", "new_element_type", `"hex20"`)
	if modelState(m) != before {
		t.Fatal("a refused conversion changed the model")
	}
	mustOK(t, m.MakeElementsQuadratic(Sel("all")))
	before = modelState(m)
	wantErr(t, m.ConvertHex8BlockToTet4Block(Int(1), "hex24tet"), "Incompatible element type", `"hex20"`)
	if modelState(m) != before {
		t.Fatal("a refused conversion changed the model")
	}
	// A missing block is a warning and nothing happens.
	r := watch(m)
	mustOK(t, m.ConvertElementBlocks(Sel(7), "hex8"))
	if modelState(m) != before || len(r.ws) != 1 {
		t.Fatalf("missing block: warnings %v", r.shorts())
	}
}

// TestConvertSharedAcrossBlocks converts two blocks that share a face
// together: the face's midpoints are created once.
func TestConvertSharedAcrossBlocks(t *testing.T) {
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	mustOK(t, m.BuildHex8Cube(2, [3][2]float64{{1, 2}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	// build_hex8_cube gives each block its own nodes; merge the four
	// coincident ones so the blocks share the x=1 face.
	mustOK(t, m.MergeNodes(0, false, false))
	if m.NumNodes() != 12 {
		t.Fatalf("%d nodes after merging, want 12", m.NumNodes())
	}
	mustOK(t, m.ConvertElementBlocks(Sel("all"), "hex20"))
	// 2*1*2*2 + 3*1*2 + 3*2*1 = 20 edges.
	if m.NumNodes() != 12+20 {
		t.Fatalf("%d nodes, want 32", m.NumNodes())
	}
	checkNoDuplicateNodes(t, "two hex20", m)
}

// TestConvertKeepsIDsAndAttributes: a converted block keeps its name, its
// attributes (copied to each new element) and, when it makes one element
// per old one, its element ids; new elements and nodes get fresh ids.
func TestConvertKeepsIDsAndAttributes(t *testing.T) {
	setup := func() *Model {
		m := cube(t)
		b := m.Blocks[0]
		b.Name = "steel"
		b.NumAttr, b.AttrNames = 1, []string{"thickness"}
		b.Attributes = make([]float64, 27)
		b.ElemIDs = make([]int64, 27)
		for e := range 27 {
			b.Attributes[e] = float64(e) / 10
			b.ElemIDs[e] = int64(101 + e)
		}
		m.NodeIDs = make([]int64, 64)
		for n := range 64 {
			m.NodeIDs[n] = int64(1001 + n)
		}
		return m
	}
	m := setup()
	mustOK(t, m.MakeElementsQuadratic(Sel("steel")))
	mustOK(t, m.Validate())
	b := m.Blocks[0]
	if b.Name != "steel" || b.ElemIDs[26] != 127 || b.Attributes[26] != 2.6 {
		t.Errorf("hex20 block: name %q, last id %d, last attribute %v", b.Name, b.ElemIDs[26], b.Attributes[26])
	}
	if len(m.NodeIDs) != 208 || m.NodeIDs[63] != 1064 || m.NodeIDs[64] != 1065 || m.NodeIDs[207] != 1208 {
		t.Errorf("node ids %v", m.NodeIDs)
	}
	m = setup()
	mustOK(t, m.ConvertHex8BlockToTet4Block(Str("steel"), "hex24tet"))
	mustOK(t, m.Validate())
	b = m.Blocks[0]
	if b.Name != "steel" || len(b.ElemIDs) != 648 || b.ElemIDs[0] != 128 || b.ElemIDs[647] != 128+647 {
		t.Errorf("tet block: name %q, ids %d..%d of %d", b.Name, b.ElemIDs[0], b.ElemIDs[len(b.ElemIDs)-1], len(b.ElemIDs))
	}
	for k, a := range b.Attributes {
		if a != float64(k/24)/10 {
			t.Fatalf("tet %d has attribute %v, want %v", k, a, float64(k/24)/10)
		}
	}
}
