package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestMergeIntoEmpty(t *testing.T) {
	src := twoCubes(t)
	src.QARecords = [][4]string{{"cubit", "16", "2024/01/01", "00:00:00"}}
	src.InfoRecords = []string{"made by hand"}
	coords := &src.Coords[0]
	temp1 := &src.NodeFields[0].Values[1][0]
	conn := &src.Blocks[1].Conn[0]
	m := New()
	r := watch(m)
	mustOK(t, m.Merge(src))
	if len(r.ws) != 0 {
		t.Errorf("warnings %q", r.ws)
	}
	// The arrays are adopted, not copied.
	if &m.Coords[0] != coords || &m.NodeFields[0].Values[1][0] != temp1 || &m.Block(2).Conn[0] != conn {
		t.Errorf("bulk arrays were copied")
	}
	want := twoCubes(t)
	checks := []struct {
		what      string
		got, want any
	}{
		{"title", m.Title, "two cubes"},
		{"has title", m.HasTitle, true},
		{"nodes", m.NumNodes(), 20},
		{"node ids", m.NodeIDs, want.NodeIDs},
		{"timesteps", m.Timesteps, []float64{0, 1}},
		{"block ids", m.GetElementBlockIDs(), []int64{1, 2}},
		{"block names", m.GetAllElementBlockNames(), []string{"left", "right"}},
		{"eqps", m.Block(1).Fields[0].Values[1], []float64{10, 11}},
		{"node set", m.NodeSet(10).Members, []int32{0, 3, 12, 13}},
		{"node set df", m.NodeSet(10).DistFactors, []float64{0, 0.5, 1, 1.5}},
		{"node set field", m.NodeSet(10).Fields[0].Values[0], []float64{0, 1, 2, 3}},
		{"side set", m.SideSet(20).Elems, []int32{0, 0, 1}},
		{"side set field", m.SideSet(20).Fields[0].Values[1], []float64{0, 10, 20}},
		{"ke", m.GlobalVars[0].Values, []float64{0, 2}},
		{"qa", len(m.QARecords), 1},
		{"info", m.InfoRecords, []string{"made by hand"}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	mustOK(t, m.Validate())
}

func TestMergeBlockClash(t *testing.T) {
	m := New()
	mustOK(t, m.Merge(twoCubes(t)))
	before := m.Summarize()
	err := m.Merge(twoCubes(t))
	wantErr(t, err, "Element block already exists.", `Cannot import element block "1" since it already exists in the model.`)
	if m.Summarize() != before || m.NumNodes() != 20 {
		t.Errorf("failed import changed the model")
	}
}

// otherCubes is twoCubes with blocks 3 and 4, timesteps 1 and 2 (field
// values at 2 are those twoCubes has at 0, plus 1000), and title "other".
func otherCubes(t *testing.T) *Model {
	src := twoCubes(t)
	src.Title = "other"
	mustOK(t, src.RenameElementBlock(Int(2), Int(4)))
	mustOK(t, src.RenameElementBlock(Int(1), Int(3)))
	mustOK(t, src.CopyTimestep(Float(0), 2))
	mustOK(t, src.DeleteTimesteps(Sel(0.0)))
	add := func(v []float64) {
		for i := range v {
			v[i] += 1000
		}
	}
	add(src.NodeFields[0].Values[1])
	add(src.Block(3).Fields[0].Values[1])
	add(src.NodeSet(10).Fields[0].Values[1])
	add(src.SideSet(20).Fields[0].Values[1])
	add(src.GlobalVars[0].Values[1:])
	src.SideSet(20).DistFactors = filled(12, 2)
	return src
}

func TestMergeTwoFiles(t *testing.T) {
	m := twoCubes(t)
	m.SideSet(20).DistFactors = filled(12, 3)
	src := otherCubes(t)
	r := watch(m)
	sel := DefaultImportSelection()
	sel.Filename = "other.e"
	mustOK(t, m.ImportModel(src, sel))
	nan := math.NaN()
	temp := func(ts float64) []float64 { v, _ := m.GetNodeFieldValues("temp", Float(ts)); return v }
	ns, ss := m.NodeSet(10), m.SideSet(20)
	checks := []struct {
		what      string
		got, want any
	}{
		{"timesteps", m.Timesteps, []float64{0, 1, 2}},
		{"nodes", m.NumNodes(), 40},
		{"node ids", m.NodeIDs[18:22], []int64{1019, 1020, 1001, 1002}},
		{"block 3 conn", m.Block(3).Conn[:8], []int32{20, 21, 24, 23, 26, 27, 30, 29}},
		{"temp at 0", temp(0)[18:22], []float64{18, 19, nan, nan}},
		{"temp at 1", temp(1)[18:22], []float64{118, 119, 100, 101}},
		{"temp at 2", temp(2)[18:22], []float64{nan, nan, 1000, 1001}},
		{"eqps on 3", m.Block(3).Fields[0].Values, [][]float64{{nan, nan}, {10, 11}, {1000, 1001}}},
		{"eqps on 1", m.Block(1).Fields[0].Values[2], []float64{nan, nan}},
		{"ke", m.GlobalVars[0].Values, []float64{0, 2, 1000}},
		{"node set", ns.Members, []int32{0, 3, 12, 13, 20, 23, 32, 33}},
		{"node set field at 0", ns.Fields[0].Values[0], []float64{0, 1, 2, 3, nan, nan, nan, nan}},
		{"node set field at 1", ns.Fields[0].Values[1], []float64{0, 1, 2, 3, 0, 1, 2, 3}},
		{"node set field at 2", ns.Fields[0].Values[2], []float64{nan, nan, nan, nan, 1000, 1001, 1002, 1003}},
		{"node set df", ns.DistFactors, []float64{0, 0.5, 1, 1.5, 0, 0.5, 1, 1.5}},
		{"side set blocks", ss.BlockIDs, []int64{1, 2, 1, 3, 4, 3}},
		{"side set field at 1", ss.Fields[0].Values[1], []float64{0, 10, 20, 0, 10, 20}},
		{"side set df", ss.DistFactors, append(filled(12, 3), filled(12, 2)...)},
		{"title", m.Title, "two cubes"},
		{"info", m.InfoRecords, []string{"Discarded title from the following file:", "other.e", "other"}},
		{"warnings", r.shorts(), []string{"Element block already exists.", "Element block already exists.", "Global variable already exists."}},
	}
	for _, c := range checks {
		var ok bool
		if vv, isVV := c.got.([][]float64); isVV {
			ok = len(vv) == len(c.want.([][]float64))
			for i := range vv {
				ok = ok && equalAny(vv[i], c.want.([][]float64)[i])
			}
		} else {
			ok = equalAny(c.got, c.want)
		}
		if !ok {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	mustOK(t, m.Validate())
}

func TestImportSelection(t *testing.T) {
	src := twoCubes(t)
	src.SideSet(20).DistFactors = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	src.Blocks[1].ElemIDs = []int64{7}
	sel := DefaultImportSelection()
	sel.ElementBlockIDs = Sel("right")
	sel.Timesteps = Sel("last")
	sel.NodeFieldNames = Sel("none")
	m := New()
	mustOK(t, m.ImportModel(src, sel))
	checks := []struct {
		what      string
		got, want any
	}{
		{"nodes", m.NumNodes(), 8},
		{"node 0", m.Coords[:3], []float64{3, 0, 0}},
		{"node ids", m.NodeIDs, []int64{1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020}},
		{"conn", m.Block(2).Conn, []int32{0, 1, 3, 2, 4, 5, 7, 6}},
		{"elem ids", m.Block(2).ElemIDs, []int64{7}},
		{"timesteps", m.Timesteps, []float64{1}},
		{"node fields", len(m.NodeFields), 0},
		{"node set", m.NodeSet(10).Members, []int32{0, 1}},
		{"node set field", m.NodeSet(10).Fields[0].Values[0], []float64{2, 3}},
		{"node set df", m.NodeSet(10).DistFactors, []float64{1, 1.5}},
		{"side set", m.SideSet(20).BlockIDs, []int64{2}},
		{"side set field", m.SideSet(20).Fields[0].Values[0], []float64{10}},
		{"side set df", m.SideSet(20).DistFactors, []float64{5, 6, 7, 8}},
		{"ke", m.GlobalVars[0].Values, []float64{2}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	mustOK(t, m.Validate())
}

func TestImportTimestepOrder(t *testing.T) {
	// Importing times in descending order into a model with a time between
	// them: exomerge's index bookkeeping put the data of 1.0 at 0.5.
	m := New()
	mustOK(t, m.CreateTimestep(0.5))
	mustOK(t, m.CreateGlobalVariable("g", 7))
	src := twoCubes(t)
	sel := DefaultImportSelection()
	sel.Timesteps = Sel(1.0, 0.0)
	sel.GlobalVariableNames = Sel("ke")
	mustOK(t, m.ImportModel(src, sel))
	if !slices.Equal(m.Timesteps, []float64{0, 0.5, 1}) {
		t.Fatalf("timesteps %v", m.Timesteps)
	}
	ke := m.globalVar("ke").Values
	if ke[0] != 0 || !math.IsNaN(ke[1]) || ke[2] != 2 {
		t.Errorf("ke %v, want [0 NaN 2]", ke)
	}
	if g := m.globalVar("g").Values; !math.IsNaN(g[0]) || g[1] != 7 || !math.IsNaN(g[2]) {
		t.Errorf("g %v", g)
	}
	mustOK(t, m.Validate())
}

func TestImportWarnings(t *testing.T) {
	src := twoCubes(t)
	src.Timesteps = []float64{1, 1}
	m := New()
	r := watch(m)
	sel := DefaultImportSelection()
	sel.ElementBlockIDs = Sel(1, 9)
	mustOK(t, m.ImportModel(src, sel))
	want := []string{"Duplicate timesteps.", "Reference to undefined element block."}
	if !slices.Equal(r.shorts(), want) {
		t.Errorf("warnings %q, want %q", r.shorts(), want)
	}
	if !slices.Equal(m.Timesteps, []float64{1}) || m.globalVar("ke").Values[0] != 0 {
		t.Errorf("duplicate time: first occurrence not imported: %v %v", m.Timesteps, m.globalVar("ke").Values)
	}
	// A model without a title takes the source's; one with a title keeps it.
	if m.Title != "two cubes" {
		t.Errorf("title %q", m.Title)
	}
}

func TestImportInvalidSource(t *testing.T) {
	src := twoCubes(t)
	src.NodeSet(10).Members[0] = 99
	m := New()
	err := m.Merge(src)
	if err == nil || m.NumNodes() != 0 {
		t.Fatalf("invalid source imported: %v", err)
	}
	if want := "meshobj: cannot import an invalid model: meshobj: node set 10: member node 99 of 20"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
