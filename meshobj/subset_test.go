package meshobj

import (
	"slices"
	"testing"
)

func TestSubsetSharesArrays(t *testing.T) {
	m := twoCubes(t)
	m.QARecords = [][4]string{{"a", "b", "c", "d"}}
	sub, err := m.Subset(DefaultExportSelection())
	mustOK(t, err)
	shared := []struct {
		what string
		a, b *float64
	}{
		{"coordinates", &sub.Coords[0], &m.Coords[0]},
		{"node field", &sub.NodeFields[0].Values[1][0], &m.NodeFields[0].Values[1][0]},
		{"element field", &sub.Block(1).Fields[0].Values[0][0], &m.Block(1).Fields[0].Values[0][0]},
		{"node set field", &sub.NodeSet(10).Fields[0].Values[0][0], &m.NodeSet(10).Fields[0].Values[0][0]},
		{"node set df", &sub.NodeSet(10).DistFactors[0], &m.NodeSet(10).DistFactors[0]},
		{"global", &sub.GlobalVars[0].Values[0], &m.GlobalVars[0].Values[0]},
	}
	for _, s := range shared {
		if s.a != s.b {
			t.Errorf("%s copied", s.what)
		}
	}
	if &sub.Block(2).Conn[0] != &m.Block(2).Conn[0] || &sub.SideSet(20).Elems[0] != &m.SideSet(20).Elems[0] || &sub.NodeIDs[0] != &m.NodeIDs[0] {
		t.Errorf("index arrays copied")
	}
	if sub.Title != "two cubes" || len(sub.Timesteps) != 2 || len(sub.Blocks) != 2 {
		t.Errorf("subset %q %v %d", sub.Title, sub.Timesteps, len(sub.Blocks))
	}
	sub.QARecords = append(sub.QARecords, [4]string{"exosh"})
	sub.Blocks[0].Name = "renamed"
	if len(m.QARecords) != 1 || m.Block(1).Name != "left" {
		t.Errorf("changing the subset's records or block headers changed the model")
	}
	mustOK(t, sub.Validate())
}

func TestSubsetSelections(t *testing.T) {
	m := twoCubes(t)
	m.SideSet(20).DistFactors = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	m.Assemblies = []*Assembly{{ID: 1, Type: exElemBlock, Members: []int64{1, 2}}}
	sel := DefaultExportSelection()
	sel.ElementBlockIDs = Sel("right")
	sel.Timesteps = Sel("last")
	sub, err := m.Subset(sel)
	mustOK(t, err)
	ss := sub.SideSet(20)
	checks := []struct {
		what      string
		got, want any
	}{
		{"blocks", sub.GetElementBlockIDs(), []int64{2}},
		{"nodes", sub.NumNodes(), 20},
		{"timesteps", sub.Timesteps, []float64{1}},
		{"temp", sub.NodeFields[0].Values[0][:2], []float64{100, 101}},
		{"element fields", len(sub.Block(2).Fields), 0},
		{"ke", sub.GlobalVars[0].Values, []float64{2}},
		{"side set blocks", ss.BlockIDs, []int64{2}},
		{"side set sides", ss.Sides, []int32{1}},
		{"side set field", ss.Fields[0].Values[0], []float64{10}},
		{"side set df", ss.DistFactors, []float64{5, 6, 7, 8}},
		{"model side set", m.SideSet(20).BlockIDs, []int64{1, 2, 1}},
		{"model side set df", len(m.SideSet(20).DistFactors), 12},
		{"model side set field", m.SideSet(20).Fields[0].Values[1], []float64{0, 10, 20}},
		{"assembly", sub.Assemblies[0].Members, []int64{2}},
		{"model assembly", m.Assemblies[0].Members, []int64{1, 2}},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	if &sub.NodeFields[0].Values[0][0] != &m.NodeFields[0].Values[1][0] {
		t.Errorf("values of the selected timestep copied")
	}
	mustOK(t, sub.Validate())
	mustOK(t, m.Validate())
}

func TestSubsetAutoRules(t *testing.T) {
	m := twoCubes(t)
	sel := DefaultExportSelection()
	sel.Timesteps = Sel("none")
	sub, err := m.Subset(sel)
	mustOK(t, err)
	if len(sub.Timesteps) != 0 || len(sub.NodeFields) != 0 || len(sub.GlobalVars) != 0 ||
		len(sub.Block(1).Fields) != 0 || len(sub.NodeSet(10).Fields) != 0 || len(sub.SideSet(20).Fields) != 0 {
		t.Errorf("fields exported without timesteps")
	}
	mustOK(t, sub.Validate())

	// Explicit names are resolved against the whole model, with warnings.
	sel = DefaultExportSelection()
	sel.NodeFieldNames = Sel("none")
	sel.ElementFieldNames = Sel("eqps", "nope")
	sel.NodeSetIDs = Sel("none")
	r := watch(m)
	sub, err = m.Subset(sel)
	mustOK(t, err)
	if len(sub.NodeFields) != 0 || len(sub.Block(1).Fields) != 1 || len(sub.NodeSets) != 0 ||
		!slices.Equal(r.shorts(), []string{"Reference to undefined element field."}) {
		t.Errorf("explicit names: %d node fields, warnings %q", len(sub.NodeFields), r.shorts())
	}

	// A model built from scratch has no title; exosh exports it anyway.
	c := cube(t)
	sub, err = c.Subset(DefaultExportSelection())
	mustOK(t, err)
	if sub.Title != NoTitle || !sub.HasTitle {
		t.Errorf("title %q", sub.Title)
	}
	_, err = c.Subset(ExportSelection{Timesteps: Sel("first")})
	wantErr(t, err, "Empty entity list.")
}
