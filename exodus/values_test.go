package exodus

import (
	"slices"
	"testing"

	"exosh/meshobj"
)

// The expected values below were read from the files with ncdump and with
// Python's netCDF4, independently of this package.

func TestExomergeUnitTestValues(t *testing.T) {
	path := testFile(t, "exomerge_unit_test.e")
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c := r.Contents()
	checks := []struct {
		name      string
		got, want any
	}{
		{"format", c.Format, Offset64},
		{"word size", c.WordSize, 8},
		{"int64 status", c.Int64Status, 0},
		{"large model", c.LargeModel, true},
		{"title", c.Title, "Default Sierra Title"},
		{"dimension", c.NumDim, 3},
		{"nodes", c.NumNodes, 2185},
		{"elements", c.NumElems, 1300},
		{"block ids", c.BlockIDs(), []int64{1, 2, 3, 4, 5}},
		{"node set ids", c.NodeSetIDs(), []int64{1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 22, 23}},
		{"side set ids", c.SideSetIDs(), []int64{1, 2, 3, 6, 10, 11, 12, 13}},
		{"times", c.Times, []float64{0, 0.01, 0.02, 0.03, 0.04}},
		{"global names", c.GlobalVarNames, []string{"external_energy", "internal_energy", "kinetic_energy", "momentum_x", "momentum_y", "momentum_z", "time", "timestep"}},
		{"node field names", c.NodeFieldNames, []string{"disp_x", "disp_y", "disp_z", "contact_status", "mass", "residual_x", "residual_y", "residual_z"}},
		{"element field count", len(c.ElemFieldNames), 79},
		{"first element field", c.ElemFieldNames[0], "ln_strain"},
		{"last element field", c.ElemFieldNames[78], "processor_id"},
		{"node set fields", c.NodeSetFieldNames, []string{"normal_pressure"}},
		{"qa count", c.NumQA, 2},
		{"info count", c.NumInfo, 239},
		{"has node map", c.HasNodeMap, false},
	}
	for _, ch := range checks {
		if !equalAny(ch.got, ch.want) {
			t.Errorf("%s: got %v, want %v", ch.name, ch.got, ch.want)
		}
	}
	var perBlock []int
	var sizes []int
	for _, b := range c.Blocks {
		perBlock = append(perBlock, len(b.FieldNames))
		sizes = append(sizes, b.NumElems)
		if b.Type != "hex8" || b.NodesPerElem != 8 {
			t.Errorf("block %d: type %q with %d nodes, want hex8 with 8", b.ID, b.Type, b.NodesPerElem)
		}
	}
	if want := []int{16, 65, 65, 65, 72}; !slices.Equal(perBlock, want) {
		t.Errorf("element fields per block %v, want %v", perBlock, want)
	}
	if want := []int{200, 675, 200, 25, 200}; !slices.Equal(sizes, want) {
		t.Errorf("block sizes %v, want %v", sizes, want)
	}
	var nsWithField []int64
	for _, s := range c.NodeSets {
		if len(s.FieldNames) > 0 {
			nsWithField = append(nsWithField, s.ID)
		}
		if s.NumDistFactors != s.NumMembers {
			t.Errorf("node set %d: %d distribution factors for %d members", s.ID, s.NumDistFactors, s.NumMembers)
		}
	}
	// node-set slots 2, 5, 10, 11 carry ids 2, 5, 21, 22
	if want := []int64{2, 5, 21, 22}; !slices.Equal(nsWithField, want) {
		t.Errorf("node sets with normal_pressure %v, want %v", nsWithField, want)
	}

	m, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	node := func(i int) [3]float64 { return [3]float64{m.Coords[3*i], m.Coords[3*i+1], m.Coords[3*i+2]} }
	values := []struct {
		name      string
		got, want any
	}{
		// coordx[4..7] = 0.09999999999999998, 0.09999999999999987, ...
		{"coordx[5]", m.Coords[3*5], 0.09999999999999987},
		{"node 1000", node(1000), [3]float64{0.6, 1.0, 0.4}},
		{"coordinate names", m.CoordNames, []string{"x", "y", "z"}},
		// connect2 row 0 = 364..371 (1-based); row 674 = 1318 1319 1323 1322 1382 1383 1387 1386
		{"block 2 element 0", m.Blocks[1].Conn[0:8], []int32{363, 364, 365, 366, 367, 368, 369, 370}},
		{"block 2 element 674", m.Blocks[1].Conn[674*8 : 675*8], []int32{1317, 1318, 1322, 1321, 1381, 1382, 1386, 1385}},
		{"block 5 element 199", m.Blocks[4].Conn[199*8 : 200*8], []int32{2146, 2148, 2151, 2149, 2179, 2181, 2184, 2182}},
		{"block names", []string{m.Blocks[0].Name, m.Blocks[4].Name}, []string{"block_1", "block_5"}},
		{"node set 3 members", m.NodeSets[2].Members[:5], []int32{1750, 1753, 1754, 1757, 1759}},
		{"node set 3 factors", m.NodeSets[2].DistFactors[:5], []float64{1, 1, 1, 1, 1}},
		{"node set names", []string{m.NodeSets[1].Name, m.NodeSets[11].Name}, []string{"surface_10_n", "nodelist_23"}},
		// elem_ss4 starts 1289 1287 ..., side 4: global element 1289 is block 5, local 188
		{"side set 6 blocks", m.SideSets[3].BlockIDs[:2], []int64{5, 5}},
		{"side set 6 elements", m.SideSets[3].Elems[:5], []int32{188, 186, 184, 182, 180}},
		{"side set 6 sides", m.SideSets[3].Sides[:5], []int32{3, 3, 3, 3, 3}},
		// the last member of elem_ss8 is element 886 (block 3, local 10), side 4
		{"side set 13 last member", [3]int64{m.SideSets[7].BlockIDs[99], int64(m.SideSets[7].Elems[99]), int64(m.SideSets[7].Sides[99])}, [3]int64{3, 10, 3}},
		{"side set without factors", m.SideSets[0].DistFactors == nil, true},
		{"internal energy at step 3", m.GlobalVars[1].Values[3], 22774357.365306374},
		{"external energy at step 3", m.GlobalVars[0].Values[3], -0.6731343590072356},
		{"disp_x at step 4, node 2000", m.NodeFields[0].Values[4][2000], 0.0030438958765490335},
		{"ln_strain on block 1 at step 4, element 7", meshobj.FindField(m.Blocks[0].Fields, "ln_strain").Values[4][7], 0.017541307638563517},
		{"ln_strain_1 not on block 1", meshobj.FindField(m.Blocks[0].Fields, "ln_strain_1") == nil, true},
		{"ln_strain_1 on block 5", meshobj.FindField(m.Blocks[4].Fields, "ln_strain_1") != nil, true},
		{"normal_pressure on node set 21 at step 4", m.NodeSets[9].Fields[0].Values[4][35], -4090492452.1038046},
		{"no normal_pressure on node set 20", len(m.NodeSets[8].Fields), 0},
		{"qa record 2", m.QARecords[1], [4]string{"epu --  E Pluribus Unum", "3.37", "2012/07/24", "15:30:31"}},
		{"info record 11 keeps leading blanks", m.InfoRecords[10], "    End"},
		{"timesteps", m.Timesteps, []float64{0, 0.01, 0.02, 0.03, 0.04}},
	}
	for _, v := range values {
		if !equalAny(v.got, v.want) {
			t.Errorf("%s: got %v, want %v", v.name, v.got, v.want)
		}
	}
}

func TestAssemblyFileValues(t *testing.T) {
	m, err := ReadFile(testFile(t, "test-assembly.exo"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Assemblies) != 6 {
		t.Fatalf("%d assemblies, want 6", len(m.Assemblies))
	}
	a := m.Assemblies[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"id", a.ID, int64(100)},
		{"name", a.Name, "Root"},
		{"type", a.Type, int32(16)},
		{"type name", a.TypeName, "assembly"},
		{"members", a.Members, []int64{200, 300, 400}},
		{"attr count", len(a.Attrs), 2},
		{"Scale", a.Attrs[0], meshobj.Attr{Name: "Scale", Type: meshobj.AttrDouble, Floats: []float64{1.5}}},
		{"Units", a.Attrs[1], meshobj.Attr{Name: "Units", Type: meshobj.AttrInt, Ints: []int64{1, 0, 0, -1}}},
		{"child 3 dimension", m.Assemblies[2].Attrs[0], meshobj.Attr{Name: "Dimension", Type: meshobj.AttrChar, Text: "length"}},
		{"reduction names", len(m.RedVarNames[meshobj.KindAssembly]), 4},
		{"reduction steps", len(a.RedValues), 10},
		{"assembly 222 has no reduction values", m.Assemblies[4].RedValues == nil, true},
		{"global attribute", m.Attrs, []meshobj.Attr{{Name: "SOLID_MODEL", Type: meshobj.AttrChar, Text: "STEP-X-43-1547836-Rev 0"}}},
		{"block user attribute", m.Blocks[1].Attrs, []meshobj.Attr{{Name: "Units", Type: meshobj.AttrInt, Ints: []int64{1, 0, 0, -1}}}},
		{"block type", m.Blocks[0].Type, "sphere"},
		{"title", m.Title, "This is a test"},
	}
	for _, c := range checks {
		if !equalAny(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestShellAttributesAndMaps(t *testing.T) {
	m, err := ReadFile(testFile(t, "2block1.g"))
	if err != nil {
		t.Fatal(err)
	}
	b := m.Blocks[1]
	if b.Type != "shell4" || b.NumAttr != 1 || len(b.Attributes) != 16 || len(b.AttrNames) != 1 {
		t.Fatalf("block 2: type %q, %d attributes (%d values, names %q)", b.Type, b.NumAttr, len(b.Attributes), b.AttrNames)
	}
	if len(m.SideSets[0].DistFactors) != 64 || len(m.SideSets[0].Fields) != 4 || len(m.NodeSets[0].Fields) != 3 {
		t.Errorf("side set 1: %d factors, %d fields; node set 1: %d fields; want 64, 4, 3",
			len(m.SideSets[0].DistFactors), len(m.SideSets[0].Fields), len(m.NodeSets[0].Fields))
	}
	if m.NodeIDs == nil || m.Blocks[0].ElemIDs == nil || len(m.Blocks[2].ElemIDs) != 16 {
		t.Errorf("maps not read: node ids %v, block 1 element ids %v", m.NodeIDs == nil, m.Blocks[0].ElemIDs == nil)
	}
}

// equalAny compares the values used in the tables above.
func equalAny(a, b any) bool {
	switch x := a.(type) {
	case []float64:
		return slices.Equal(x, b.([]float64))
	case []int64:
		return slices.Equal(x, b.([]int64))
	case []int32:
		return slices.Equal(x, b.([]int32))
	case []string:
		return slices.Equal(x, b.([]string))
	case meshobj.Attr:
		y := b.(meshobj.Attr)
		return x.Name == y.Name && x.Type == y.Type && x.Text == y.Text && slices.Equal(x.Ints, y.Ints) && slices.Equal(x.Floats, y.Floats)
	case []meshobj.Attr:
		y := b.([]meshobj.Attr)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalAny(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}
