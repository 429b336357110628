package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestNodeSets(t *testing.T) {
	m := twoCubes(t)
	r := watch(m)
	mustOK(t, m.CreateNodeSet(11, []int32{1, 2, 2, 1}))
	if got := m.NodeSet(11).Members; !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("members %v", got)
	}
	mustOK(t, m.AddNodesToNodeSet(10, []int32{3, 4, 4, 5}))
	ns := m.NodeSet(10)
	checks := []struct {
		what      string
		got, want any
	}{
		{"members", ns.Members, []int32{0, 3, 12, 13, 4, 5}},
		{"field", ns.Fields[0].Values[1], []float64{0, 1, 2, 3, math.NaN(), math.NaN()}},
		{"df", ns.DistFactors, []float64{0, 0.5, 1, 1.5, 1, 1}},
		{"warnings", r.shorts(), []string{"Duplicate nodes in set.", "Duplicate nodes in set."}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	r.reset()
	mustOK(t, m.AddNodesToNodeSet(99, []int32{7}))
	if m.NodeSet(99) == nil || r.ws[0] != (Warning{"Node set does not exist.", `The specified node set "99" does not exist. It will be created.`}) {
		t.Errorf("add to missing set: %q", r.ws)
	}
	wantErr(t, m.AddNodesToNodeSet(10, []int32{20}), "Invalid node index.", "Node index 20 is out of range; the model has 20 nodes.")
	r.reset()
	mustOK(t, m.CreateNodeSet(10, []int32{5}))
	if ns := m.NodeSet(10); len(ns.Fields) != 0 || ns.DistFactors != nil || !slices.Equal(ns.Members, []int32{5}) {
		t.Errorf("replaced set %+v", ns)
	}
	if len(r.ws) != 1 || r.ws[0].Detail != `The specified node set "10" already exists. Information may be overwritten.` {
		t.Errorf("warnings %q", r.ws)
	}
	mustOK(t, m.CreateNodeSet(12, nil))
	m.DeleteEmptyNodeSets()
	if got := m.GetNodeSetIDs(); !slices.Equal(got, []int64{10, 11, 99}) {
		t.Errorf("ids after deleting empty sets %v", got)
	}
	mustOK(t, m.RenameNodeSet(Int(11), Str("pair")))
	if !m.NodeSetExists(Str("pair")) || !slices.Equal(m.GetAllNodeSetNames(), []string{"pair"}) {
		t.Errorf("names %v", m.GetAllNodeSetNames())
	}
	if got, _ := m.GetNodeSetMembers(Str("pair")); !slices.Equal(got, []int32{1, 2}) {
		t.Errorf("members of pair %v", got)
	}
	r.reset()
	mustOK(t, m.RenameNodeSet(Str("pair"), Int(99)))
	if got := m.GetNodeSetIDs(); !slices.Equal(got, []int64{10, 99}) || m.NodeSet(99).Name != "pair" || len(r.ws) != 1 {
		t.Errorf("ids %v, warnings %q", got, r.shorts())
	}
	mustOK(t, m.DeleteNodeSets(Sel("pair")))
	if got := m.GetNodeSetIDs(); !slices.Equal(got, []int64{10}) {
		t.Errorf("ids %v", got)
	}
	mustOK(t, m.Validate())
}

func TestSideSets(t *testing.T) {
	m := twoCubes(t)
	ss := m.SideSet(20)
	ss.DistFactors = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	r := watch(m)
	add := SideSetMembers{BlockIDs: []int64{1, 2, 1}, Elems: []int32{1, 0, 1}, Sides: []int32{0, 1, 0}}
	mustOK(t, m.AddFacesToSideSet(20, add))
	checks := []struct {
		what      string
		got, want any
	}{
		{"blocks", ss.BlockIDs, []int64{1, 2, 1, 1}},
		{"elems", ss.Elems, []int32{0, 0, 1, 1}},
		{"sides", ss.Sides, []int32{3, 1, 5, 0}},
		{"field", ss.Fields[0].Values[0], []float64{0, 10, 20, math.NaN()}},
		{"df", ss.DistFactors, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 1, 1, 1}},
		{"warnings", r.shorts(), []string{"Duplicate faces in set."}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	wantErr(t, m.AddFacesToSideSet(20, SideSetMembers{BlockIDs: []int64{2}, Elems: []int32{1}, Sides: []int32{0}}),
		"Invalid side set members.", "refers to element 1 of element block 2, which has 1 elements")
	wantErr(t, m.CreateSideSet(21, SideSetMembers{BlockIDs: []int64{3}, Elems: []int32{0}, Sides: []int32{0}}),
		"Invalid side set members.", "element block 3, which does not exist")
	r.reset()
	mustOK(t, m.AddFacesToSideSet(21, SideSetMembers{BlockIDs: []int64{2, 2}, Elems: []int32{0, 0}, Sides: []int32{4, 4}}))
	if !slices.Equal(r.shorts(), []string{"Side set does not exist.", "Duplicate faces in set."}) || len(m.SideSet(21).BlockIDs) != 1 {
		t.Errorf("warnings %q", r.shorts())
	}
	got, err := m.GetNodesInSideSet(Int(20))
	mustOK(t, err)
	// Sides 3 and 0 of element 0 of block 1, side 1 of block 2, sides 5 and
	// 0 of element 1 of block 1.
	want := []int32{0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19}
	if !slices.Equal(got, want) {
		t.Errorf("nodes in side set 20: %v, want %v", got, want)
	}
	mustOK(t, m.CreateNodeSetFromSideSet(5, Int(21)))
	// Side 4 of block 2's element is its z=0 face: nodes 12, 13, 14, 15.
	if got := m.NodeSet(5).Members; !slices.Equal(got, []int32{12, 13, 14, 15}) {
		t.Errorf("node set from side set 21: %v", got)
	}
	mustOK(t, m.CreateSideSet(22, SideSetMembers{}))
	m.DeleteEmptySideSets()
	if got := m.GetSideSetIDs(); !slices.Equal(got, []int64{20, 21}) {
		t.Errorf("side set ids %v", got)
	}
	mustOK(t, m.RenameSideSet(Int(21), Str("bottom")))
	mustOK(t, m.RenameSideSet(Str("bottom"), Int(30)))
	if name, _ := m.GetSideSetName(Int(30)); name != "bottom" || !slices.Equal(m.GetAllSideSetNames(), []string{"bottom"}) {
		t.Errorf("side set 30 name %q", name)
	}
	mem, _ := m.GetSideSetMembers(Str("bottom"))
	if mem.Len() != 1 || mem.Sides[0] != 4 {
		t.Errorf("members %+v", mem)
	}
	mustOK(t, m.DeleteSideSets(Sel(30)))
	mustOK(t, m.Validate())
}

func TestGetNodesInSideSetUnknownType(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateElementBlock(3, BlockInfo{"blob", 1, 4, 0}, []int32{0, 1, 2, 3}))
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{3}, Elems: []int32{0}, Sides: []int32{0}}))
	_, err := m.GetNodesInSideSet(Int(1))
	wantErr(t, err, "Undefined face mapping.", `"blob"`)
}

func TestSetFieldsAndAssemblies(t *testing.T) {
	m := twoCubes(t)
	m.Assemblies = []*Assembly{{ID: 1, Type: exNodeSet, Members: []int64{10, 11}}, {ID: 2, Type: exElemBlock, Members: []int64{1, 2}}}
	mustOK(t, m.CreateNodeSet(11, []int32{1}))
	mustOK(t, m.RenameNodeSet(Int(11), Int(12)))
	mustOK(t, m.DeleteElementBlocks(Sel(2), false))
	if !slices.Equal(m.Assemblies[0].Members, []int64{10, 12}) || !slices.Equal(m.Assemblies[1].Members, []int64{1}) {
		t.Errorf("assembly members %v %v", m.Assemblies[0].Members, m.Assemblies[1].Members)
	}
	mustOK(t, m.DeleteNodeSets(Sel(10)))
	if !slices.Equal(m.Assemblies[0].Members, []int64{12}) {
		t.Errorf("assembly members %v", m.Assemblies[0].Members)
	}
}
