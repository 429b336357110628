package meshobj

import (
	"slices"
	"testing"
)

// duplicatedCube returns hexCube(1, 2) (27 nodes, 8 elements) with a copy
// of block 1 on its own nodes (block 2, nodes 27..53, node 27+i a copy of
// node i), moved away and back so that the copy coincides again; two
// timesteps; node field "temp" = 100*time + node index of the original
// (the copies carry their original's value); node set 1 = {0, 27, 5} with
// field "nsf" = member index and distribution factors 1, 2, 3; node ids
// 1001...
func duplicatedCube(t testing.TB) *Model {
	t.Helper()
	m := hexCube(t, 1, 2)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateNodeField("temp", 0))
	for step := range FindField(m.NodeFields, "temp").Values {
		v := FindField(m.NodeFields, "temp").Own(step)
		for i := range v {
			v[i] = 100*m.Timesteps[step] + float64(i)
		}
	}
	m.NodeIDs = make([]int64, m.NumNodes())
	for i := range m.NodeIDs {
		m.NodeIDs[i] = 1001 + int64(i)
	}
	mustOK(t, m.DuplicateElementBlock(Int(1), 2, true))
	mustOK(t, m.TranslateElementBlocks(Sel(2), [3]float64{5, 0, 0}, true))
	mustOK(t, m.TranslateElementBlocks(Sel(2), [3]float64{-5, 0, 0}, true))
	mustOK(t, m.CreateNodeSet(1, []int32{0, 27, 5}))
	mustOK(t, m.CreateNodeSetField("nsf", Sel(1), 0))
	for ti := range m.NodeSet(1).Fields[0].Values {
		v := m.NodeSet(1).Fields[0].Own(ti)
		copy(v, []float64{0, 1, 2})
	}
	m.NodeSet(1).DistFactors = []float64{1, 2, 3}
	mustOK(t, m.Validate())
	return m
}

func TestMergeNodesDuplicatedCube(t *testing.T) {
	m := duplicatedCube(t)
	if m.NumNodes() != 54 || m.NumElems() != 16 {
		t.Fatalf("setup: %d nodes, %d elements", m.NumNodes(), m.NumElems())
	}
	origConn := slices.Clone(m.Block(1).Conn)
	r := watch(m)
	mustOK(t, m.MergeNodes(1e-6, true, false))
	mustOK(t, m.Validate())
	if m.NumNodes() != 27 {
		t.Errorf("%d nodes after merging, want 27", m.NumNodes())
	}
	if !slices.Equal(m.Block(1).Conn, origConn) || !slices.Equal(m.Block(2).Conn, origConn) {
		t.Errorf("connectivity %v / %v, want both %v", m.Block(1).Conn, m.Block(2).Conn, origConn)
	}
	for i, id := range m.NodeIDs {
		if id != 1001+int64(i) {
			t.Fatalf("node id %d is %d, want %d", i, id, 1001+i)
		}
	}
	for step := range FindField(m.NodeFields, "temp").Values {
		v := FindField(m.NodeFields, "temp").Own(step)
		checkAll(t, "temp", v, 27, func(i int) float64 { return 100*m.Timesteps[step] + float64(i) })
	}
	// Node 27 merged into node 0, which the set held: the set keeps node 0
	// with the mean of the two members' field values.
	ns := m.NodeSet(1)
	if !slices.Equal(ns.Members, []int32{0, 5}) {
		t.Errorf("node set members %v, want [0 5]", ns.Members)
	}
	if !slices.Equal(ns.DistFactors, []float64{1, 3}) {
		t.Errorf("distribution factors %v, want [1 3]", ns.DistFactors)
	}
	for ti := range ns.Fields[0].Values {
		v := ns.Fields[0].Own(ti)
		if !slices.Equal(v, []float64{0.5, 2}) {
			t.Errorf("node set field %v, want [0.5 2]", v)
		}
	}
	// Node 5's copy is not in the set: ambiguous.
	want := []string{"Node set field values do not match.", "Ambiguous merge of nodes."}
	if got := r.shorts(); !slices.Equal(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
}

func TestMergeNodesDifferingValues(t *testing.T) {
	m := duplicatedCube(t)
	// A copy whose value differs from its original's; a set holding only
	// the copy (27+3) of node 3.
	FindField(m.NodeFields, "temp").Own(1)[27+4] = 7
	mustOK(t, m.CreateNodeSet(2, []int32{30}))
	r := watch(m)
	mustOK(t, m.MergeNodes(0, false, false))
	if got := FindField(m.NodeFields, "temp").Values[1][4]; got != (104+7)/2.0 {
		t.Errorf("merged value %v, want the mean %v", got, (104+7)/2.0)
	}
	if got := FindField(m.NodeFields, "temp").Values[0][4]; got != 4 {
		t.Errorf("value where both agree %v, want 4", got)
	}
	if !slices.Equal(m.NodeSet(2).Members, []int32{3}) {
		t.Errorf("set of a copy holds %v, want the surviving node [3]", m.NodeSet(2).Members)
	}
	want := []string{"Node field values do not match.", "Node set field values do not match.", "Ambiguous merge of nodes."}
	if got := r.shorts(); !slices.Equal(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
	// Suppressed.
	m = duplicatedCube(t)
	FindField(m.NodeFields, "temp").Own(1)[27+4] = 7
	r = watch(m)
	mustOK(t, m.MergeNodes(0, false, true))
	if len(r.ws) != 0 {
		t.Errorf("suppressed warnings %v", r.shorts())
	}
}

func TestMergeNodesTolerance(t *testing.T) {
	// Nodes at x = 0, 0.6, 1.2, 5 (length scale 5): a chain 0-0.6-1.2
	// merges at tolerance 0.7 even though its ends are 1.2 apart.
	cases := []struct {
		name     string
		tol      float64
		relative bool
		nodes    int
		want     []float64 // surviving x coordinates
	}{
		{"absolute chain", 0.7, false, 2, []float64{0, 5}},
		{"relative chain", 0.7 / 5, true, 2, []float64{0, 5}},
		{"too small", 0.5, false, 4, []float64{0, 0.6, 1.2, 5}},
		{"everything", 10, false, 1, []float64{0}},
	}
	for _, c := range cases {
		m := New()
		mustOK(t, m.CreateNodes([]float64{0, 0, 0, 0.6, 0, 0, 1.2, 0, 0, 5, 0, 0}))
		mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: "line2", NumElems: 2, NodesPerElem: 2}, []int32{0, 3, 2, 1}))
		mustOK(t, m.MergeNodes(c.tol, c.relative, false))
		var xs []float64
		for n := range int32(m.NumNodes()) {
			xs = append(xs, nodeAt(m, n)[0])
		}
		if !slices.Equal(xs, c.want) {
			t.Errorf("%s: nodes at %v, want %v", c.name, xs, c.want)
		}
	}
	m := duplicatedCube(t)
	wantErr(t, m.MergeNodes(-1, false, false), "Invalid tolerance.")
}

func TestDeleteDuplicateElements(t *testing.T) {
	m := New()
	mustOK(t, m.CreateNodes(make([]float64, 3*12)))
	e0 := []int32{0, 1, 2, 3, 4, 5, 6, 7}
	e1 := []int32{7, 6, 5, 4, 3, 2, 1, 0} // same nodes as e0
	e2 := []int32{4, 5, 6, 7, 8, 9, 10, 11}
	e3 := []int32{1, 0, 3, 2, 5, 4, 7, 6} // same nodes as e0
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: "hex8", NumElems: 4, NodesPerElem: 8, NumAttr: 1}, slices.Concat(e0, e1, e2, e3)))
	b := m.Block(1)
	b.Attributes = []float64{10, 11, 12, 13}
	b.ElemIDs = []int64{100, 101, 102, 103}
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateElementField("f", Sel(1), 0))
	copy(b.Fields[0].Values[0], []float64{0, 1, 2, 3})
	mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1, 1, 1}, Elems: []int32{1, 2, 0}, Sides: []int32{0, 1, 2}}))
	mustOK(t, m.DeleteDuplicateElements(Sel("all")))
	mustOK(t, m.Validate())
	if b.NumElems != 2 || !slices.Equal(b.Conn, slices.Concat(e0, e2)) {
		t.Errorf("block holds %d elements %v, want e0 and e2", b.NumElems, b.Conn)
	}
	if !slices.Equal(b.Attributes, []float64{10, 12}) || !slices.Equal(b.ElemIDs, []int64{100, 102}) || !slices.Equal(b.Fields[0].Values[0], []float64{0, 2}) {
		t.Errorf("attributes %v, ids %v, field %v", b.Attributes, b.ElemIDs, b.Fields[0].Values[0])
	}
	ss := m.SideSet(1)
	if !slices.Equal(ss.Elems, []int32{1, 0}) || !slices.Equal(ss.Sides, []int32{1, 2}) {
		t.Errorf("side set elements %v sides %v, want [1 0] [1 2]", ss.Elems, ss.Sides)
	}
	if m.NumNodes() != 12 {
		t.Errorf("%d nodes, want 12 (all still used)", m.NumNodes())
	}
	// Two copies of a tet: one is kept.
	m2 := New()
	mustOK(t, m2.CreateNodes(make([]float64, 3*4)))
	mustOK(t, m2.CreateElementBlock(1, BlockInfo{Type: "tet4", NumElems: 2, NodesPerElem: 4}, []int32{0, 1, 2, 3, 3, 2, 1, 0}))
	mustOK(t, m2.DeleteDuplicateElements(Sel(1)))
	if m2.Block(1).NumElems != 1 {
		t.Errorf("%d tets left, want 1", m2.Block(1).NumElems)
	}
}

func TestDeleteElementsOrphans(t *testing.T) {
	m := twoCubes(t)
	b := m.Block(1)
	mustOK(t, m.deleteElements(b, []int32{1}))
	mustOK(t, m.Validate())
	// Element 1 of block 1 (x in [1,2]) used nodes 1, 2, 4, 5, 7, 8, 10,
	// 11; nodes 2, 5, 8, 11 (x = 2) were used by it alone.
	if m.NumNodes() != 16 {
		t.Errorf("%d nodes, want 16", m.NumNodes())
	}
	if len(m.NodeIDs) != 16 || m.NodeIDs[2] != 1004 {
		t.Errorf("node ids %v", m.NodeIDs)
	}
}

func TestUnmergeTwoBlocks(t *testing.T) {
	m := sharedBlocks(t)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("temp", 0))
	v := FindField(m.NodeFields, "temp").Values[0]
	for i := range v {
		v[i] = float64(i)
	}
	mustOK(t, m.CreateNodeSet(1, []int32{4, 0, 10}))
	mustOK(t, m.CreateNodeSetField("nsf", Sel(1), 0))
	copy(m.NodeSet(1).Fields[0].Values[0], []float64{40, 0, 100})
	conn2 := slices.Clone(m.Block(2).Conn)
	mustOK(t, m.UnmergeElementBlocks(Sel("all")))
	mustOK(t, m.Validate())
	if m.NumNodes() != 16 {
		t.Fatalf("%d nodes, want 16", m.NumNodes())
	}
	// The shared nodes 1, 4, 7, 10 are copied, in that order, to 12..15
	// for block 2.
	copyOf := map[int32]int32{1: 12, 4: 13, 7: 14, 10: 15}
	for k, n := range conn2 {
		want := n
		if c, ok := copyOf[n]; ok {
			want = c
		}
		if got := m.Block(2).Conn[k]; got != want {
			t.Errorf("block 2 connectivity[%d] = %d, want %d", k, got, want)
		}
	}
	for from, to := range copyOf {
		v := FindField(m.NodeFields, "temp").Values[0]
		if nodeAt(m, from) != nodeAt(m, to) || v[to] != float64(from) {
			t.Errorf("copy %d of node %d differs", to, from)
		}
	}
	ns := m.NodeSet(1)
	if !slices.Equal(ns.Members, []int32{4, 0, 10, 13, 15}) || !slices.Equal(ns.Fields[0].Values[0], []float64{40, 0, 100, 40, 100}) {
		t.Errorf("node set %v with values %v", ns.Members, ns.Fields[0].Values[0])
	}
}

func TestUnmergeManyBlocks(t *testing.T) {
	// A 2x2x1 cube (18 nodes) split into blocks A = element 0, B = element
	// 1 and C = elements 2, 3: every block gets its own nodes, 8 + 8 + 12.
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 2}, {0, 1}}, [3]int{2, 2, 1}))
	all := m.Blocks[0].Conn
	m.Blocks[0].Conn, m.Blocks[0].NumElems = slices.Clone(all[:8]), 1
	mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "hex8", NumElems: 1, NodesPerElem: 8}, slices.Clone(all[8:16])))
	mustOK(t, m.CreateElementBlock(3, BlockInfo{Type: "hex8", NumElems: 2, NodesPerElem: 8}, slices.Clone(all[16:])))
	pos := func() [][3]float64 {
		var out [][3]float64
		for _, b := range m.Blocks {
			for _, n := range b.Conn {
				out = append(out, nodeAt(m, n))
			}
		}
		return out
	}
	before := pos()
	mustOK(t, m.UnmergeElementBlocks(Sel("all")))
	if m.NumNodes() != 28 {
		t.Errorf("%d nodes, want 28", m.NumNodes())
	}
	if !slices.Equal(pos(), before) {
		t.Error("element corners moved")
	}
	owner := map[int32]int64{}
	for _, b := range m.Blocks {
		for _, n := range b.Conn {
			if o, ok := owner[n]; ok && o != b.ID {
				t.Fatalf("node %d still shared by blocks %d and %d", n, o, b.ID)
			}
			owner[n] = b.ID
		}
	}
	// One block, or none shared: nothing to do.
	n := m.NumNodes()
	mustOK(t, m.UnmergeElementBlocks(Sel(1)))
	mustOK(t, m.UnmergeElementBlocks(Sel("all")))
	if m.NumNodes() != n {
		t.Error("unmerging unmerged blocks created nodes")
	}
}

func TestDuplicateElementsLarge(t *testing.T) {
	// Elements beyond compute's sorting limit take the map path.
	const npe = maxSortedNodes + 2
	a := make([]int32, npe)
	for i := range a {
		a[i] = int32(i)
	}
	b := slices.Clone(a)
	slices.Reverse(b)
	c := slices.Clone(a)
	c[0] = npe // a different node set
	d := slices.Clone(a)
	d[1] = 0 // a repeated node: the set {0, 2, ...} is new
	conn := slices.Concat(a, b, c, d, slices.Clone(d))
	if got := duplicateElements(conn, npe); !slices.Equal(got, []int32{1, 4}) {
		t.Errorf("duplicates %v, want [1 4]", got)
	}
	small := []int32{0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 4}
	if got := duplicateElements(small, 4); !slices.Equal(got, []int32{1}) {
		t.Errorf("duplicates %v, want [1]", got)
	}
}

// TestMergeCompaction checks the parallel renumbering and compaction of
// node arrays against keptRuns and compactRuns, on arrays of several
// chunks, for both the copying (most nodes merged) and the in-place (few
// merged) paths, on 1 and 3 threads.
func TestMergeCompaction(t *testing.T) {
	const nn = 5*keptChunk + 123
	for _, merged := range []int{3, 10} {
		// merged 3: only every 3rd node survives (the copying path);
		// merged 10: every 10th node merges (in place).
		mergesAway := func(i int) bool { return merged == 3 && i%3 != 0 || merged == 10 && i%10 == 1 }
		rep := make([]int32, nn)
		for i := range rep {
			rep[i] = int32(i)
			if mergesAway(i) { // into a surviving node before it
				r := i / 3
				for mergesAway(r) {
					r--
				}
				rep[i] = int32(r)
			}
		}
		keep := func(i int) bool { return int(rep[i]) == i }
		runs := keptRuns(nn, keep)
		coords := make([]float64, 3*nn)
		ids := make([]int64, nn)
		for i := range coords {
			coords[i] = float64(i) + 0.5
		}
		for i := range ids {
			ids[i] = int64(1000 + i)
		}
		wantCoords := compactRuns(slices.Clone(coords), runs, 3)
		wantIDs := compactRuns(slices.Clone(ids), runs, 1)
		wantIdx := make([]int32, nn)
		n := int32(0)
		for i, r := range rep {
			if int(r) == i {
				wantIdx[i] = n
				n++
			} else {
				wantIdx[i] = wantIdx[r]
			}
		}
		for _, procs := range []int{1, 3} {
			withProcs(procs, func() {
				c, d := slices.Clone(coords), slices.Clone(ids)
				k := survivors(masterFlags(rep))
				if got := mergeRenumbering(k, rep); !slices.Equal(got, wantIdx) {
					t.Errorf("case %d, %d threads: renumbering differs", merged, procs)
				}
				compact(k, []compactJob[float64]{{ptr: &c, stride: 3}})
				compact(k, []compactJob[int64]{{ptr: &d, stride: 1}})
				if !slices.Equal(c, wantCoords) || !slices.Equal(d, wantIDs) {
					t.Errorf("case %d, %d threads: compacted arrays differ (%d, %d values, want %d, %d)", merged, procs, len(c), len(d), len(wantCoords), len(wantIDs))
				}
			})
		}
	}
}

// TestDeleteElementsLarge deletes every third element of a 32^3 cube
// (large enough for the parallel paths), with a field, attributes, element
// ids and a side set, on 1 and 3 threads, and checks the survivors, their
// data and the nodes left without elements.
func TestDeleteElementsLarge(t *testing.T) {
	const d = 32
	for _, procs := range []int{1, 3} {
		withProcs(procs, func() {
			m := hexCube(t, 1, d)
			b := m.Block(1)
			ne := b.NumElems
			mustOK(t, m.CreateTimestep(0))
			mustOK(t, m.CreateElementField("f", Sel(1), 0))
			b.NumAttr = 2
			b.Attributes = make([]float64, 2*ne)
			b.ElemIDs = make([]int64, ne)
			f := b.Fields[0].Values[0]
			for e := range ne {
				f[e] = float64(e)
				b.Attributes[2*e], b.Attributes[2*e+1] = float64(e), -float64(e)
				b.ElemIDs[e] = int64(10 * e)
			}
			mustOK(t, m.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1, 1, 1}, Elems: []int32{3, 4, 5}, Sides: []int32{0, 1, 2}}))
			var dels []int32
			for e := 0; e < ne; e += 3 {
				dels = append(dels, int32(e))
			}
			want := slices.Clone(b.Conn)
			oldConn := slices.Clone(b.Conn)
			mustOK(t, m.deleteElements(b, dels))
			mustOK(t, m.Validate())
			var kept []int
			for e := range ne {
				if e%3 != 0 {
					kept = append(kept, e)
				}
			}
			if b.NumElems != len(kept) {
				t.Fatalf("%d threads: %d elements, want %d", procs, b.NumElems, len(kept))
			}
			// Node renumbering: the nodes only deleted elements used are
			// gone; the others keep their order.
			used := make([]bool, m.NumNodes()+ne)
			for _, e := range kept {
				for _, n := range oldConn[8*e : 8*e+8] {
					used[n] = true
				}
			}
			newNode := make([]int32, len(used))
			nn := int32(0)
			for n, u := range used {
				newNode[n] = nn
				if u {
					nn++
				}
			}
			if m.NumNodes() != int(nn) {
				t.Errorf("%d threads: %d nodes, want %d", procs, m.NumNodes(), nn)
			}
			want = want[:0]
			for _, e := range kept {
				for _, n := range oldConn[8*e : 8*e+8] {
					want = append(want, newNode[n])
				}
			}
			if !slices.Equal(b.Conn, want) {
				t.Errorf("%d threads: connectivity differs", procs)
			}
			for i, e := range kept {
				if f := b.Fields[0].Values[0][i]; f != float64(e) || b.Attributes[2*i+1] != -float64(e) || b.ElemIDs[i] != int64(10*e) {
					t.Fatalf("%d threads: element %d (was %d) has field %v, attribute %v, id %d", procs, i, e, f, b.Attributes[2*i+1], b.ElemIDs[i])
				}
			}
			ss := m.SideSet(1)
			if !slices.Equal(ss.Elems, []int32{2, 3}) || !slices.Equal(ss.Sides, []int32{1, 2}) {
				t.Errorf("%d threads: side set elements %v sides %v, want [2 3] [1 2]", procs, ss.Elems, ss.Sides)
			}
		})
	}
}
