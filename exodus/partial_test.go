package exodus

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"exosh/meshobj"
)

// TestPartialImport imports blocks 2 and 4 of exomerge_unit_test.e, two
// timesteps in reverse order and a few fields, and checks the result against
// the full model: only the nodes the blocks use, in file order; sets keep
// the members that were imported; fields only where the file has them.
func TestPartialImport(t *testing.T) {
	path := testFile(t, "exomerge_unit_test.e")
	full, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sel := &Selection{
		Blocks:        []int64{4, 2},
		Timesteps:     []int{4, 1},
		NodeFields:    []string{"disp_y", "mass"},
		ElemFields:    []string{"ln_strain", "pressure"},
		GlobalVars:    []string{"time"},
		NodeSets:      []int64{2, 21, 22},
		SideSets:      []int64{1, 6, 13},
		NodeSetFields: nil, // all
		SideSetFields: []string{},
	}
	m, err := r.Read(sel)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Validate(); err != nil {
		t.Fatalf("partial model is invalid: %v", err)
	}
	// expected node numbering: file nodes used by blocks 2 and 4, ascending
	used := map[int32]bool{}
	for _, b := range []*meshobj.ElementBlock{full.Blocks[1], full.Blocks[3]} {
		for _, n := range b.Conn {
			used[n] = true
		}
	}
	var old []int32 // model node -> file node
	for n := range int32(full.NumNodes()) {
		if used[n] {
			old = append(old, n)
		}
	}
	newOf := map[int32]int32{}
	for i, n := range old {
		newOf[n] = int32(i)
	}
	if m.NumNodes() != len(old) {
		t.Fatalf("%d nodes, want %d", m.NumNodes(), len(old))
	}
	for i, n := range old {
		if !slices.Equal(m.Coords[3*i:3*i+3], full.Coords[3*n:3*n+3]) {
			t.Fatalf("node %d: coordinates %v, want those of file node %d %v", i, m.Coords[3*i:3*i+3], n, full.Coords[3*n:3*n+3])
		}
	}
	if got := []int64{m.Blocks[0].ID, m.Blocks[1].ID}; len(m.Blocks) != 2 || !slices.Equal(got, []int64{2, 4}) {
		t.Fatalf("blocks %v, want [2 4] in file order", got)
	}
	for bi, fb := range []*meshobj.ElementBlock{full.Blocks[1], full.Blocks[3]} {
		b := m.Blocks[bi]
		for k, n := range b.Conn {
			if old[n] != fb.Conn[k] {
				t.Fatalf("block %d: connectivity entry %d maps to file node %d, want %d", b.ID, k, old[n], fb.Conn[k])
			}
		}
		if got := meshobj.FieldNames(b.Fields); !slices.Equal(got, []string{"pressure"}) {
			t.Errorf("block 2 fields %v, want [pressure] (ln_strain is only on block 1)", got)
		}
		for _, f := range b.Fields {
			ff := meshobj.FindField(fb.Fields, f.Name)
			if !slices.Equal(f.Values[0], ff.Values[4]) || !slices.Equal(f.Values[1], ff.Values[1]) {
				t.Errorf("block %d field %s: values differ from steps 4 and 1 of the file", b.ID, f.Name)
			}
		}
	}
	if !slices.Equal(m.Timesteps, []float64{0.04, 0.01}) {
		t.Errorf("timesteps %v, want [0.04 0.01]", m.Timesteps)
	}
	if got := meshobj.FieldNames(m.NodeFields); !slices.Equal(got, []string{"disp_y", "mass"}) {
		t.Errorf("node fields %v", got)
	}
	for _, f := range m.NodeFields {
		ff := meshobj.FindField(full.NodeFields, f.Name)
		for i, n := range old {
			if f.Values[0][i] != ff.Values[4][n] || f.Values[1][i] != ff.Values[1][n] {
				t.Fatalf("node field %s at node %d differs from file node %d", f.Name, i, n)
			}
		}
	}
	if len(m.GlobalVars) != 1 || !slices.Equal(m.GlobalVars[0].Values, []float64{0.04, 0.01}) {
		t.Errorf("global variable time: %v", m.GlobalVars)
	}
	// node sets keep the members that were imported, with their factors and field values
	if len(m.NodeSets) != 3 {
		t.Fatalf("%d node sets, want 3", len(m.NodeSets))
	}
	for _, s := range m.NodeSets {
		fs := full.NodeSet(s.ID)
		var wantMem []int32
		var wantDF, wantF []float64
		for k, n := range fs.Members {
			if nn, ok := newOf[n]; ok {
				wantMem = append(wantMem, nn)
				wantDF = append(wantDF, fs.DistFactors[k])
				if len(fs.Fields) > 0 {
					wantF = append(wantF, fs.Fields[0].Values[4][k])
				}
			}
		}
		if !slices.Equal(s.Members, wantMem) || !slices.Equal(s.DistFactors, wantDF) {
			t.Errorf("node set %d: %d members, want %d", s.ID, len(s.Members), len(wantMem))
		}
		if len(fs.Fields) > 0 && (len(s.Fields) != 1 || !slices.Equal(s.Fields[0].Values[0], wantF)) {
			t.Errorf("node set %d: field values do not follow the kept members", s.ID)
		}
	}
	// side sets keep the members whose element was imported
	for _, s := range m.SideSets {
		fs := full.SideSet(s.ID)
		n := 0
		for k := range fs.Elems {
			if fs.BlockIDs[k] != 2 && fs.BlockIDs[k] != 4 {
				continue
			}
			if s.BlockIDs[n] != fs.BlockIDs[k] || s.Elems[n] != fs.Elems[k] || s.Sides[n] != fs.Sides[k] {
				t.Fatalf("side set %d member %d differs from file member %d", s.ID, n, k)
			}
			n++
		}
		if n != len(s.Elems) || len(s.Fields) != 0 {
			t.Errorf("side set %d: %d members (want %d), %d fields (want none)", s.ID, len(s.Elems), n, len(s.Fields))
		}
	}
}

func TestSelectionNoneAndErrors(t *testing.T) {
	path := testFile(t, "exomerge_unit_test.e")
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m, err := r.Read(&Selection{Timesteps: []int{}, Blocks: []int64{}, NodeSets: []int64{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Timesteps) != 0 || len(m.Blocks) != 0 || m.NumNodes() != 0 || len(m.NodeSets) != 0 || len(m.SideSets) != 8 {
		t.Errorf("none selections: %d steps, %d blocks, %d nodes, %d node sets, %d side sets; want 0 0 0 0 8",
			len(m.Timesteps), len(m.Blocks), m.NumNodes(), len(m.NodeSets), len(m.SideSets))
	}
	for _, s := range m.SideSets {
		if len(s.Elems) != 0 {
			t.Errorf("side set %d kept %d members of unimported blocks", s.ID, len(s.Elems))
		}
	}
	if len(m.NodeFields) != 8 || len(m.NodeFields[0].Values) != 0 {
		t.Errorf("node fields should exist without timesteps: %d fields", len(m.NodeFields))
	}
	bad := []struct {
		sel  Selection
		want string
	}{
		{Selection{Blocks: []int64{9}}, "element block 9 does not exist"},
		{Selection{Timesteps: []int{5}}, "timestep index 5 does not exist"},
		{Selection{Timesteps: []int{1, 1}}, "selected twice"},
		{Selection{NodeFields: []string{"disp_w"}}, `node field "disp_w" does not exist`},
		{Selection{ElemFields: []string{"nope"}}, `element field "nope"`},
		{Selection{GlobalVars: []string{"nope"}}, `global variable "nope"`},
		{Selection{NodeSets: []int64{9}}, "node set 9"},
		{Selection{SideSets: []int64{4}}, "side set 4"},
		{Selection{NodeSetFields: []string{"x"}}, `node set field "x"`},
		{Selection{SideSetFields: []string{"x"}}, `side set field "x"`},
	}
	for _, b := range bad {
		m, err := r.Read(&b.sel)
		if m != nil || !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), b.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%+v: model %v, error %v; want %q naming the file", b.sel, m != nil, err, b.want)
		}
	}
}

// TestPartialSideSetFactors checks that side-set distribution factors
// follow the kept members when only some blocks are imported.
func TestPartialSideSetFactors(t *testing.T) {
	dir := t.TempDir()
	full := smallModel()
	path := dir + "/small.e"
	if err := Write(path, full, nil); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m, err := r.Read(&Selection{Blocks: []int64{20}})
	if err != nil {
		t.Fatal(err)
	}
	s := m.SideSet(5)
	// members: hex 0 side 4, hex 1 side 4, shell 0 side 0; factors 4+4+4
	if !slices.Equal(s.Elems, []int32{0}) || !slices.Equal(s.DistFactors, []float64{9, 10, 11, 12}) || !slices.Equal(s.Fields[0].Values[2], []float64{9}) {
		t.Errorf("side set 5: elems %v, factors %v, flux %v; want [0], [9 10 11 12], [9]", s.Elems, s.DistFactors, s.Fields[0].Values[2])
	}
	if m.NumNodes() != 4 || !slices.Equal(m.Blocks[0].Conn, []int32{0, 1, 3, 2}) {
		t.Errorf("shell block: %d nodes, connectivity %v", m.NumNodes(), m.Blocks[0].Conn)
	}
	if !slices.Equal(m.NodeSet(1).Members, []int32{0, 2}) || !slices.Equal(m.NodeSet(1).DistFactors, []float64{0.5, 0.5}) {
		t.Errorf("node set 1: members %v factors %v", m.NodeSet(1).Members, m.NodeSet(1).DistFactors)
	}
	if !slices.Equal(m.NodeIDs, []int64{112, 114, 118, 120}) {
		t.Errorf("node ids %v, want [112 114 118 120]", m.NodeIDs)
	}
}
