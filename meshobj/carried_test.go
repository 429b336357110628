package meshobj

import (
	"slices"
	"strings"
	"testing"
)

// withCarried gives twoCubes carried data of four features: edge blocks
// (on the nodes), element sets (on the elements), blob variables (one
// record per timestep), coordinate frames (on nothing) and node set
// attributes (per node set).
func withCarried(t *testing.T) *Model {
	m := twoCubes(t)
	m.Carried = &Carried{Vars: []*RawVar{
		{Name: "ebconn1", Type: AttrInt, Dims: []RawDim{{"num_ed_in_blk1", 1}, {"num_nod_per_ed1", 2}}, Ints: []int64{1, 2}, Group: "edge blocks", Deps: DepNodes},
		{Name: "elem_els1", Type: AttrInt, Dims: []RawDim{{"num_ele_els1", 1}}, Ints: []int64{2}, Group: "element sets", Deps: DepElems},
		{Name: "vals_blob_var1blob1", Type: AttrDouble, Dims: []RawDim{{"time_step", 2}, {"num_values_blob1", 1}}, Floats: []float64{1, 2}, Group: "blobs", Deps: DepTime},
		{Name: "frame_ids", Type: AttrInt, Dims: []RawDim{{"num_cframes", 1}}, Ints: []int64{7}, Group: "coordinate frames"},
		{Name: "nsattrb1", Type: AttrDouble, Dims: []RawDim{{"num_nod_ns1", 4}, {"num_att_in_ns1", 1}}, Floats: []float64{1, 2, 3, 4}, Group: "node set attributes", Deps: DepSets},
	}}
	return m
}

func carriedGroups(m *Model) []string { return m.Carried.Groups() }

// TestCarriedDroppedByOperations: each operation that renumbers what a
// carried feature refers to drops that feature, with a warning naming it;
// the others stay. An operation touching none keeps everything silently.
func TestCarriedDroppedByOperations(t *testing.T) {
	all := []string{"edge blocks", "element sets", "blobs", "coordinate frames", "node set attributes"}
	for _, c := range []struct {
		name string
		op   func(m *Model) error
		gone string
	}{
		{"rename a node field", func(m *Model) error { return m.RenameNodeField("temp", "t") }, ""},
		{"create an element field", func(m *Model) error { return m.CreateElementField("e", Sel(KeyAll), 0) }, ""},
		{"delete unused nodes", func(m *Model) error {
			mustOK(t, m.CreateNodes([]float64{9, 9, 9}))
			return m.DeleteUnusedNodes()
		}, "edge blocks"},
		{"merge nodes", func(m *Model) error {
			mustOK(t, m.CreateNodes([]float64{0, 0, 0}))
			return m.MergeNodes(1e-6, false, true)
		}, "edge blocks"},
		{"delete an element block", func(m *Model) error { return m.DeleteElementBlocks(Sel(2), false) }, "element sets"},
		{"combine element blocks", func(m *Model) error { return m.CombineElementBlocks(Sel(1, 2), Int(1)) }, "element sets"},
		{"delete a timestep", func(m *Model) error { return m.DeleteTimesteps(Sel(1.0)) }, "blobs"},
		{"create a timestep", func(m *Model) error { return m.CreateTimestep(3) }, "blobs"},
		{"delete a node set", func(m *Model) error { return m.DeleteNodeSets(Sel(10)) }, "node set attributes"},
		{"add to a node set", func(m *Model) error { return m.AddNodesToNodeSet(10, []int32{5}) }, "node set attributes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := withCarried(t)
			rec := watch(m)
			mustOK(t, c.op(m))
			want := slices.DeleteFunc(slices.Clone(all), func(g string) bool { return g == c.gone })
			if got := carriedGroups(m); !slices.Equal(got, want) {
				t.Errorf("carried %v, want %v", got, want)
			}
			dropped := 0
			for _, w := range rec.ws {
				if w.Short == "Carried Exodus data dropped." {
					dropped++
					if !strings.Contains(w.Detail, c.gone) || c.gone == "" {
						t.Errorf("warning %q does not name %q", w.Detail, c.gone)
					}
				}
			}
			if (dropped > 0) != (c.gone != "") {
				t.Errorf("%d drop warnings (%v), want them only when %q is dropped", dropped, rec.ws, c.gone)
			}
		})
	}
}

// TestImportKeepsOrder: importing into an empty model keeps the source's
// order of sets and variables and adopts what it carries; a partial import
// drops the carried data with a warning.
func TestImportKeepsOrder(t *testing.T) {
	src := withCarried(t)
	mustOK(t, src.CreateSideSet(3, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{0}}))
	mustOK(t, src.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{2}, Elems: []int32{0}, Sides: []int32{1}}))
	mustOK(t, src.CreateElementField("zeta", Sel(1), 1))
	mustOK(t, src.CreateElementField("alpha", Sel(1), 2))
	src.ElemFieldOrder = []string{"zeta", "eqps", "alpha", "unused"}
	var ssIDs []int64
	for _, s := range src.SideSets {
		ssIDs = append(ssIDs, s.ID)
	}
	m := New()
	rec := watch(m)
	mustOK(t, m.ImportModel(src, DefaultImportSelection()))
	var got []int64
	for _, s := range m.SideSets {
		got = append(got, s.ID)
	}
	if !slices.Equal(got, ssIDs) {
		t.Errorf("side sets %v, want the source's order %v", got, ssIDs)
	}
	// fields come in the source's file order of names, not sorted
	if names := FieldNames(m.Blocks[0].Fields); !slices.Equal(names, []string{"zeta", "eqps", "alpha"}) {
		t.Errorf("block 1 fields %v, want the source's order [zeta eqps alpha]", names)
	}
	// (creating the side sets on src dropped its node set attributes)
	if !slices.Equal(m.ElemFieldOrder, []string{"zeta", "eqps", "alpha", "unused"}) || len(carriedGroups(m)) != 4 || len(rec.ws) != 0 {
		t.Errorf("order %v, carried %v, warnings %v", m.ElemFieldOrder, carriedGroups(m), rec.ws)
	}
	// field order follows deletions and renames
	mustOK(t, m.DeleteElementFields(Sel("zeta"), Sel(KeyAll)))
	mustOK(t, m.RenameElementField("alpha", "beta", Sel(KeyAll)))
	if !slices.Equal(m.ElemFieldOrder, []string{"eqps", "beta", "unused"}) {
		t.Errorf("order after delete and rename %v", m.ElemFieldOrder)
	}

	part := New()
	rec = watch(part)
	sel := DefaultImportSelection()
	sel.ElementBlockIDs = Sel(1)
	mustOK(t, part.ImportModel(withCarried(t), sel))
	if !part.Carried.Empty() || !slices.Contains(rec.shorts(), "Carried Exodus data dropped.") {
		t.Errorf("partial import: carried %v, warnings %v", carriedGroups(part), rec.shorts())
	}
}

// TestBezierBlocks: a Bezier-extraction block may refer past the nodes to
// the control points; operations that renumber nodes or need each
// element's nodes refuse it, leaving the model as it was.
func TestBezierBlocks(t *testing.T) {
	m := New()
	mustOK(t, m.CreateNodes([]float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 5, 5, 5}))
	m.Blocks = []*ElementBlock{{ID: 1, Type: "BEX_QUAD", NodesPerElem: 6, NumElems: 1, Conn: []int32{0, 1, 2, 3, 5, 7}}}
	if err := m.Validate(); err == nil {
		t.Fatal("connectivity past the nodes accepted without control points")
	}
	m.ControlPoints = 3
	mustOK(t, m.Validate())
	coords := slices.Clone(m.Coords)
	wantErr(t, m.DeleteUnusedNodes(), "Bezier-extraction")
	wantErr(t, m.MergeNodes(1e-3, false, true), "Bezier-extraction")
	wantErr(t, m.TranslateElementBlocks(Sel(1), [3]float64{1, 0, 0}, false), "element block 1", "BEX_QUAD")
	wantErr(t, m.CalculateElementCentroids([3]string{"x", "y", "z"}, Sel(KeyAll)), "BEX_QUAD")
	if !slices.Equal(m.Coords, coords) || m.NumNodes() != 5 || !slices.Equal(m.Blocks[0].Conn, []int32{0, 1, 2, 3, 5, 7}) {
		t.Error("a refused operation changed the model")
	}
	nodes, err := m.GetNodesInElementBlock(Sel(1))
	mustOK(t, err)
	if !slices.Equal(nodes, []int32{0, 1, 2, 3}) {
		t.Errorf("nodes of the BEX block %v, want [0 1 2 3] (control points are not nodes)", nodes)
	}
}

// TestOddDistributionFactors: side set factors of any count are kept as
// they are until an operation must split them per member; then they are
// dropped with a warning.
func TestOddDistributionFactors(t *testing.T) {
	src := twoCubes(t)
	s := src.SideSet(20)
	s.DistFactors = []float64{1, 2, 3} // 3 factors for 3 four-node faces
	m := New()
	rec := watch(m)
	mustOK(t, m.ImportModel(src, DefaultImportSelection()))
	if got := m.SideSet(20).DistFactors; !slices.Equal(got, []float64{1, 2, 3}) || len(rec.ws) != 0 {
		t.Fatalf("imported factors %v, warnings %v; want them as they were", got, rec.ws)
	}
	mustOK(t, m.DeleteElementBlocks(Sel(2), false)) // drops the member on block 2
	if got := m.SideSet(20).DistFactors; got != nil || !slices.Contains(rec.shorts(), "Distribution factors dropped.") {
		t.Errorf("factors %v, warnings %v; want them dropped with a warning", got, rec.shorts())
	}
}
