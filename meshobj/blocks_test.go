package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestDeleteElementBlocksOrphans(t *testing.T) {
	m := twoCubes(t)
	ss := m.SideSet(20)
	ss.DistFactors = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} // 4 per hex8 side
	// A node no element uses before the deletion is kept.
	mustOK(t, m.CreateNodes([]float64{9, 9, 9}))
	mustOK(t, m.DeleteElementBlocks(Sel("left"), true))
	if len(m.Blocks) != 1 || m.NumNodes() != 9 {
		t.Fatalf("%d blocks, %d nodes; want 1, 9", len(m.Blocks), m.NumNodes())
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"connectivity", m.Block(2).Conn, []int32{0, 1, 3, 2, 4, 5, 7, 6}},
		{"node 0", m.Coords[0:3], []float64{3, 0, 0}},
		{"free node", m.Coords[24:27], []float64{9, 9, 9}},
		{"node ids", m.NodeIDs, []int64{1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021}},
		{"node set members", m.NodeSet(10).Members, []int32{0, 1}},
		{"node set field", m.NodeSet(10).Fields[0].Values[1], []float64{2, 3}},
		{"node set df", m.NodeSet(10).DistFactors, []float64{1, 1.5}},
		{"side set blocks", ss.BlockIDs, []int64{2}},
		{"side set sides", ss.Sides, []int32{1}},
		{"side set field", ss.Fields[0].Values[0], []float64{10}},
		{"side set df", ss.DistFactors, []float64{5, 6, 7, 8}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	temp, _ := m.GetNodeFieldValues("temp", Float(1))
	if temp[0] != 112 || temp[7] != 119 || !math.IsNaN(temp[8]) {
		t.Errorf("temp %v", temp)
	}
	mustOK(t, m.Validate())
	mustOK(t, m.DeleteUnusedNodes())
	if m.NumNodes() != 8 || len(m.NodeIDs) != 8 || len(m.NodeFields[0].Values[1]) != 8 {
		t.Errorf("DeleteUnusedNodes left %d nodes", m.NumNodes())
	}
	mustOK(t, m.Validate())
}

func equalAny(a, b any) bool {
	switch a := a.(type) {
	case []int32:
		return slices.Equal(a, b.([]int32))
	case []int64:
		return slices.Equal(a, b.([]int64))
	case []float64:
		return slices.EqualFunc(a, b.([]float64), func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
	case []string:
		return slices.Equal(a, b.([]string))
	}
	return a == b
}

func TestDeleteElementBlocksKeepNodes(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.DeleteElementBlocks(Sel(2, 7), false))
	if m.NumNodes() != 20 || len(m.Blocks) != 1 || m.NodeSet(10).Members[3] != 13 {
		t.Errorf("nodes deleted: %d", m.NumNodes())
	}
	if !slices.Equal(m.SideSet(20).BlockIDs, []int64{1, 1}) || !slices.Equal(m.SideSet(20).Fields[0].Values[1], []float64{0, 20}) {
		t.Errorf("side set %v %v", m.SideSet(20).BlockIDs, m.SideSet(20).Fields[0].Values[1])
	}
	mustOK(t, m.DeleteElementBlocks(Sel("none"), true))
	mustOK(t, m.Validate())
}

func TestCreateElementBlock(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateElementBlock(3, BlockInfo{"quad4", 1, 4, 2}, []int32{0, 1, 4, 3}))
	b := m.Block(3)
	if b.Name != "" || len(b.Attributes) != 2 || len(b.Fields) != 0 || b.ElemIDs != nil {
		t.Errorf("new block %+v", b)
	}
	wantErr(t, m.CreateElementBlock(3, BlockInfo{"quad4", 0, 4, 0}, nil),
		"Element block already exists.", `The specified element block "3" already exists. This operation cannot be completed.`)
	wantErr(t, m.CreateElementBlock(4, BlockInfo{"quad4", 2, 4, 0}, []int32{0, 1, 2, 3}), "Invalid connectivity.")
	wantErr(t, m.CreateElementBlock(4, BlockInfo{"quad4", 1, 4, 0}, []int32{0, 1, 2, 20}), "Invalid node index.")
	mustOK(t, m.CreateElementBlock(4, BlockInfo{"hex8", 0, 8, 0}, nil))
	mustOK(t, m.Validate())
	// With element ids in use, new elements get fresh ones.
	m.Blocks[0].ElemIDs = []int64{5, 9}
	mustOK(t, m.CreateElementBlock(5, BlockInfo{"quad4", 2, 4, 0}, []int32{0, 1, 4, 3, 1, 2, 5, 4}))
	if !slices.Equal(m.Block(5).ElemIDs, []int64{10, 11}) {
		t.Errorf("fresh element ids %v", m.Block(5).ElemIDs)
	}
}

func TestRenameElementBlock(t *testing.T) {
	m := twoCubes(t)
	r := watch(m)
	mustOK(t, m.RenameElementBlock(Int(1), Int(7)))
	if m.Block(7) == nil || m.Block(1) != nil || !slices.Equal(m.SideSet(20).BlockIDs, []int64{7, 2, 7}) {
		t.Errorf("after rename: side set blocks %v", m.SideSet(20).BlockIDs)
	}
	wantErr(t, m.RenameElementBlock(Int(7), Int(2)), "Element block already exists.")
	mustOK(t, m.RenameElementBlock(Str("right"), Str("left")))
	if m.Block(2).Name != "left" || !slices.Equal(r.shorts(), []string{"Element block already exists."}) {
		t.Errorf("name %q, warnings %q", m.Block(2).Name, r.shorts())
	}
	mustOK(t, m.Validate())
}

func TestDuplicateElementBlock(t *testing.T) {
	m := twoCubes(t)
	ss := m.SideSet(20)
	ss.DistFactors = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	mustOK(t, m.DuplicateElementBlock(Str("right"), 5, true))
	b := m.Block(5)
	if m.NumNodes() != 28 || b.Name != "" || b.Type != "hex8" {
		t.Fatalf("%d nodes, block %+v", m.NumNodes(), b)
	}
	temp, _ := m.GetNodeFieldValues("temp", Float(1))
	ns := m.NodeSet(10)
	checks := []struct {
		what      string
		got, want any
	}{
		{"connectivity", b.Conn, []int32{20, 21, 23, 22, 24, 25, 27, 26}},
		{"copied coordinates", m.Coords[60:63], []float64{3, 0, 0}},
		{"copied temp", temp[20:28], []float64{112, 113, 114, 115, 116, 117, 118, 119}},
		{"node ids", m.NodeIDs[20:], []int64{1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028}},
		{"node set", ns.Members, []int32{0, 3, 12, 13, 20, 21}},
		{"node set field", ns.Fields[0].Values[0], []float64{0, 1, 2, 3, 2, 3}},
		{"node set df", ns.DistFactors, []float64{0, 0.5, 1, 1.5, 1, 1.5}},
		{"side set blocks", ss.BlockIDs, []int64{1, 2, 1, 5}},
		{"side set sides", ss.Sides, []int32{3, 1, 5, 1}},
		{"side set field", ss.Fields[0].Values[1], []float64{0, 10, 20, 10}},
		{"side set df", ss.DistFactors, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 5, 6, 7, 8}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	mustOK(t, m.Validate())

	// Copies are independent of the original.
	mustOK(t, m.DuplicateElementBlock(Int(1), 6, false))
	if !slices.Equal(m.Block(6).Conn, m.Block(1).Conn) || &m.Block(6).Conn[0] == &m.Block(1).Conn[0] || m.NumNodes() != 28 {
		t.Errorf("shared-node duplicate: %v", m.Block(6).Conn)
	}
	m.Block(6).Fields[0].Own(0)[0] = -1
	if m.Block(1).Fields[0].Values[0][0] != 0 {
		t.Errorf("duplicate shares its field values with the original")
	}
	wantErr(t, m.DuplicateElementBlock(Int(1), 2, true), "Element block already exists.")
	mustOK(t, m.Validate())
}

func TestCombineElementBlocks(t *testing.T) {
	m := twoCubes(t)
	r := watch(m)
	mustOK(t, m.CombineElementBlocks(Sel("all"), Str("auto")))
	if len(m.Blocks) != 1 {
		t.Fatalf("%d blocks", len(m.Blocks))
	}
	b := m.Block(1)
	eqps, _ := m.GetElementFieldValues("eqps", Int(1), Float(1))
	checks := []struct {
		what      string
		got, want any
	}{
		{"connectivity", b.Conn, []int32{0, 1, 4, 3, 6, 7, 10, 9, 1, 2, 5, 4, 7, 8, 11, 10, 12, 13, 15, 14, 16, 17, 19, 18}},
		{"name", b.Name, "left"},
		{"elements", b.NumElems, 3},
		{"eqps", eqps, []float64{10, 11, math.NaN()}},
		{"side set blocks", m.SideSet(20).BlockIDs, []int64{1, 1, 1}},
		{"side set elems", m.SideSet(20).Elems, []int32{0, 2, 1}},
		{"warnings", r.shorts(), []string{"Inconsistent element fields."}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	mustOK(t, m.Validate())
}

func TestCombineElementBlocksTarget(t *testing.T) {
	m := twoCubes(t)
	m.Blocks[0].ElemIDs, m.Blocks[1].ElemIDs = []int64{1, 2}, []int64{3}
	m.Blocks[0].NumAttr, m.Blocks[0].Attributes = 1, []float64{0.5, 0.25}
	m.Blocks[1].NumAttr, m.Blocks[1].Attributes = 1, []float64{2}
	mustOK(t, m.CombineElementBlocks(Sel(2, 1), Int(7)))
	b := m.Block(7)
	if b == nil || b.Name != "" {
		t.Fatalf("block 7: %+v", b)
	}
	if !slices.Equal(b.Conn[:8], []int32{12, 13, 15, 14, 16, 17, 19, 18}) ||
		!slices.Equal(b.ElemIDs, []int64{3, 1, 2}) || !slices.Equal(b.Attributes, []float64{2, 0.5, 0.25}) ||
		!slices.Equal(m.SideSet(20).Elems, []int32{1, 0, 2}) || !slices.Equal(m.SideSet(20).BlockIDs, []int64{7, 7, 7}) {
		t.Errorf("combined: conn %v ids %v attrs %v side elems %v", b.Conn[:8], b.ElemIDs, b.Attributes, m.SideSet(20).Elems)
	}
	mustOK(t, m.Validate())

	m = twoCubes(t)
	mustOK(t, m.CreateElementBlock(3, BlockInfo{"quad4", 1, 4, 0}, []int32{0, 1, 4, 3}))
	wantErr(t, m.CombineElementBlocks(Sel(1, 3), Str("auto")), "Incompatible element types.")
	wantErr(t, m.CombineElementBlocks(Sel(1), Int(2)), "Element block already exists.")
	wantErr(t, m.CombineElementBlocks(Sel(1, 2), Int(3)), "Element block already exists.")
	mustOK(t, m.CreateElementBlock(4, BlockInfo{"HEXAHEDRON", 1, 8, 0}, slices.Clone(m.Block(2).Conn)))
	r := watch(m)
	mustOK(t, m.CombineElementBlocks(Sel(2, 4), Str("merged")))
	if !slices.Contains(r.shorts(), "Element types vary.") || !m.ElementBlockExists(Str("merged")) {
		t.Errorf("warnings %q, names %q", r.shorts(), m.GetAllElementBlockNames())
	}
	// A single block is just renamed.
	mustOK(t, m.CombineElementBlocks(Sel(1), Int(9)))
	if m.Block(9) == nil {
		t.Errorf("block 1 not renamed to 9")
	}
	mustOK(t, m.Validate())
}

func TestBlockQueries(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateElementBlock(3, BlockInfo{"QUAD", 1, 4, 0}, []int32{0, 1, 4, 3}))
	mustOK(t, m.CreateElementBlock(4, BlockInfo{"SHELL4", 0, 4, 0}, nil))
	mustOK(t, m.CreateElementBlock(5, BlockInfo{"SPHERE", 0, 1, 0}, nil))
	dims := map[int64]int{1: 3, 3: 2, 4: 3, 5: -1}
	for id, want := range dims {
		if got, err := m.GetElementBlockDimension(Int(id)); got != want || err != nil {
			t.Errorf("dimension of block %d = %d, %v; want %d", id, got, err, want)
		}
	}
	if n, _ := m.GetElementCount(Sel("all")); n != 4 {
		t.Errorf("element count %d", n)
	}
	if n, _ := m.GetElementCount(Sel("left", 3)); n != 3 {
		t.Errorf("element count of left, 3 = %d", n)
	}
	if got, _ := m.GetNodesInElementBlock(Sel(2)); !slices.Equal(got, []int32{12, 13, 14, 15, 16, 17, 18, 19}) {
		t.Errorf("nodes in block 2: %v", got)
	}
	if got, _ := m.GetNodesInElementBlock(Sel(1, 3)); len(got) != 12 {
		t.Errorf("nodes in blocks 1, 3: %v", got)
	}
	if npe, _ := m.GetNodesPerElement(Int(3)); npe != 4 {
		t.Errorf("nodes per element %d", npe)
	}
	conn, _ := m.GetConnectivity(Str("right"))
	conn[0] = 19
	if m.Block(2).Conn[0] != 19 {
		t.Errorf("GetConnectivity does not return the block's slice")
	}
	if got := m.GetElementBlockIDs(); !slices.Equal(got, []int64{1, 2, 3, 4, 5}) {
		t.Errorf("ids %v", got)
	}
	if got := m.GetAllElementBlockNames(); !slices.Equal(got, []string{"left", "right"}) {
		t.Errorf("names %v", got)
	}
	if n, _ := m.GetElementBlockName(Int(2)); n != "right" {
		t.Errorf("name of 2: %q", n)
	}
	r := watch(m)
	_, err := m.GetElementBlockName(Int(8))
	wantErr(t, err, "No element block specified.")
	if !slices.Equal(r.shorts(), []string{"Reference to undefined element block."}) {
		t.Errorf("warnings %q", r.shorts())
	}
	exists := []struct {
		ref  Item
		want bool
	}{{Int(2), true}, {Float(2), true}, {Int(8), false}, {Str("left"), true}, {Str("2"), false}, {Str(""), false}}
	for _, e := range exists {
		if got := m.ElementBlockExists(e.ref); got != e.want {
			t.Errorf("ElementBlockExists(%v) = %v", e.ref, got)
		}
	}
	if m.NewElementBlockID() != 6 || m.NewNodeSetID() != 1 || m.NewSideSetID() != 1 {
		t.Errorf("new ids %d %d %d", m.NewElementBlockID(), m.NewNodeSetID(), m.NewSideSetID())
	}
}

func TestCreateNodes(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateNodes([]float64{1, 2, 3, 4, 5, 6}))
	if m.NumNodes() != 22 || !slices.Equal(m.NodeIDs[20:], []int64{1021, 1022}) {
		t.Errorf("%d nodes, ids %v", m.NumNodes(), m.NodeIDs[20:])
	}
	if v := m.NodeFields[0].Values[0]; len(v) != 22 || !math.IsNaN(v[21]) {
		t.Errorf("temp at new nodes %v", v[20:])
	}
	wantErr(t, m.CreateNodes([]float64{1, 2}), "Invalid node coordinates.")
	mustOK(t, m.Validate())
}
