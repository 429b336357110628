package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestSelAndStrings(t *testing.T) {
	s := Sel("all", 3, int64(4), int32(5), 1.5, []int64{6}, []string{"a"}, []float64{2}, []int{7}, Int(8), Selector{Str("b")})
	want := Selector{Str("all"), Int(3), Int(4), Int(5), Float(1.5), Int(6), Str("a"), Float(2), Int(7), Int(8), Str("b")}
	if !slices.Equal(s, want) {
		t.Errorf("Sel = %v", s)
	}
	if got := s.String(); got != `["all", 3, 4, 5, 1.5, 6, "a", 2.0, 7, 8, "b"]` {
		t.Errorf("String = %s", got)
	}
	if got := One(Float(1)).String(); got != "1.0" {
		t.Errorf("single String = %s", got)
	}
	if got := (Warning{"A.", "B."}).String(); got != "A. B." {
		t.Errorf("Warning.String = %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Sel accepted a bool")
		}
	}()
	Sel(true)
}

func TestStandardElementType(t *testing.T) {
	tests := []struct {
		in, want string
		std      bool
	}{
		{"HEX", "hex8", true}, {"hex8", "hex8", true}, {"TETRA", "tet4", true}, {"tetra10", "tet10", true},
		{"TRIANGLE", "tri3", true}, {"truss", "line2", true}, {"SHELL", "shell4", true}, {"QUAD8", "quad8", true},
		{"TETRA4", "tetra4", false}, {"HEX27", "hex27", false}, {"sphere", "sphere", false},
	}
	for _, tc := range tests {
		if got := StandardElementType(tc.in); got != tc.want || IsStandardElementType(tc.in) != tc.std {
			t.Errorf("StandardElementType(%q) = %q, standard %v", tc.in, got, IsStandardElementType(tc.in))
		}
	}
}

func TestSetQueriesByName(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.RenameNodeSet(Int(10), Str("corners")))
	mustOK(t, m.RenameSideSet(Int(20), Str("faces")))
	if n, _ := m.GetNodeSetName(Str("auto")); n != "corners" {
		t.Errorf("node set name %q", n)
	}
	if ids, _ := m.ResolveNodeSets(Sel("c*")); !slices.Equal(ids, []int64{10}) {
		t.Errorf("node sets c*: %v", ids)
	}
	if ids, _ := m.ResolveSideSets(Sel("faces", 20)); !slices.Equal(ids, []int64{20}) {
		t.Errorf("side sets: %v", ids)
	}
	if !m.SideSetExists(Str("faces")) || !m.SideSetExists(Int(20)) || m.SideSetExists(Int(10)) || !m.NodeSetExists(Float(10)) {
		t.Errorf("exists")
	}
	if c, _ := m.GetElementBlockConnectivity(Int(2)); c[0] != 12 {
		t.Errorf("connectivity alias %v", c)
	}
	if v, _ := m.GetSideSetFieldValues("ss_f", Str("faces"), Str("first")); !slices.Equal(v, []float64{0, 10, 20}) {
		t.Errorf("ss_f by set name: %v", v)
	}
	if v, _ := m.GetElementFieldValues("eq*", Str("left"), Int(1)); !slices.Equal(v, []float64{10, 11}) {
		t.Errorf("eqps by pattern and block name: %v", v)
	}
}

func TestImportReductionsAndAssemblies(t *testing.T) {
	src := twoCubes(t)
	src.RedVarNames = map[EntityKind][]string{KindBlock: {"mass"}, KindAssembly: {"energy"}}
	src.Block(1).RedValues = [][]float64{{1}, {2}}
	src.Assemblies = []*Assembly{{ID: 100, Name: "all", Type: exElemBlock, Members: []int64{1, 2}, RedValues: [][]float64{{5}, {6}}}}
	m := New()
	mustOK(t, m.CreateTimestep(0.5))
	sel := DefaultImportSelection()
	sel.ElementBlockIDs = Sel(1)
	mustOK(t, m.ImportModel(src, sel))
	if !slices.Equal(m.RedVarNames[KindBlock], []string{"mass"}) {
		t.Fatalf("names %v", m.RedVarNames)
	}
	red := m.Block(1).RedValues
	if len(red) != 3 || red[0][0] != 1 || !math.IsNaN(red[1][0]) || red[2][0] != 2 {
		t.Errorf("block reduction values %v", red)
	}
	a := m.Assemblies[0]
	if !slices.Equal(a.Members, []int64{1}) || len(a.RedValues) != 3 || a.RedValues[2][0] != 6 {
		t.Errorf("assembly %+v", a)
	}
	mustOK(t, m.CreateTimestep(3))
	mustOK(t, m.DeleteTimesteps(Sel(0.5)))
	if red := m.Block(1).RedValues; len(red) != 3 || red[0][0] != 1 || !math.IsNaN(red[2][0]) {
		t.Errorf("reduction values after timestep edits %v", red)
	}
	// A second import adds the members of an assembly with the same id.
	src2 := otherCubes(t)
	src2.Assemblies = []*Assembly{{ID: 100, Type: exElemBlock, Members: []int64{3}}, {ID: 101, Type: exNodeSet, Members: []int64{10}}}
	mustOK(t, m.Merge(src2))
	if !slices.Equal(m.Assemblies[0].Members, []int64{1, 3}) || len(m.Assemblies) != 2 {
		t.Errorf("assemblies %+v", m.Assemblies)
	}
	mustOK(t, m.Validate())
}

func TestImportDistributionFactorsIntoSetsWithout(t *testing.T) {
	m := twoCubes(t)
	m.NodeSet(10).DistFactors = nil
	src := otherCubes(t) // side set 20 has factors 2, node set 10 has factors
	mustOK(t, m.Merge(src))
	if got := m.SideSet(20).DistFactors; !slices.Equal(got, append(filled(12, 1), filled(12, 2)...)) {
		t.Errorf("side set factors %v", got)
	}
	if got := m.NodeSet(10).DistFactors; !slices.Equal(got, []float64{1, 1, 1, 1, 0, 0.5, 1, 1.5}) {
		t.Errorf("node set factors %v", got)
	}
	// Importing into a set with factors from one without gives unit factors.
	m2 := otherCubes(t)
	src2 := twoCubes(t)
	src2.NodeSet(10).DistFactors = nil
	mustOK(t, m2.Merge(src2))
	if got := m2.SideSet(20).DistFactors; !slices.Equal(got, append(filled(12, 2), filled(12, 1)...)) {
		t.Errorf("side set factors %v", got)
	}
	if got := m2.NodeSet(10).DistFactors; !slices.Equal(got, []float64{0, 0.5, 1, 1.5, 1, 1, 1, 1}) {
		t.Errorf("node set factors %v", got)
	}
}
