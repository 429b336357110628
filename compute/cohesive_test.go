package compute

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// cohRefInternalFaces transliterates exomerge's _get_internal_faces for
// quad4 and tri3 sides: each side is keyed by the smallest rotation of its
// node tuple and waits under the smallest rotation of its inversion until
// a side with that key comes.
func cohRefInternalFaces(blocks []SidedBlock, mark []bool) []FacePair {
	type key struct {
		typ   string
		nodes [4]int32
	}
	rotate := func(f []int32) []int32 { // exomerge's ROTATED_CONNECTIVITY
		n := len(f)
		out := make([]int32, n)
		for i := range n {
			out[i] = f[(i-1+n)%n]
		}
		return out
	}
	invert := func(f []int32) []int32 { // (0, 3, 2, 1) and (0, 2, 1)
		out := []int32{f[0]}
		for i := len(f) - 1; i >= 1; i-- {
			out = append(out, f[i])
		}
		return out
	}
	minimum := func(f []int32) [4]int32 {
		best := slices.Clone(f)
		g := rotate(f)
		for !slices.Equal(g, f) {
			if slices.Compare(g, best) < 0 {
				best = g
			}
			g = rotate(g)
		}
		var k [4]int32
		copy(k[:], best)
		return k
	}
	waiting := map[key]SideRef{}
	var pairs []FacePair
	for b, blk := range blocks {
		npe := blk.Topo.NodesPerElem
		for e := range len(blk.Conn) / npe {
			el := blk.Conn[e*npe : e*npe+npe]
			for s, f := range blk.Topo.Faces {
				face := make([]int32, len(f.Nodes))
				touched := false
				for i, l := range f.Nodes {
					face[i] = el[l]
					touched = touched || mark[el[l]]
				}
				if !touched {
					continue
				}
				me := SideRef{int32(b), int32(e), int32(s)}
				k := key{f.Type, minimum(face)}
				if other, ok := waiting[k]; ok {
					delete(waiting, k)
					pairs = append(pairs, FacePair{other, me})
					continue
				}
				waiting[key{f.Type, minimum(invert(face))}] = me
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].A.Compare(pairs[j].A) < 0 })
	return pairs
}

// cohRefCut transliterates exomerge's node duplication, merge and deletion:
// every use of a cut node gets copy base+k, copies across uncut internal
// faces are merged into the smallest, the cut originals are deleted. It
// returns the new connectivity, the old node of each copy and the
// cohesive connectivity (B's face, then A's copies aligned to it).
func cohRefCut(numNodes int, blocks []SidedBlock, pairs []FacePair, cut []int) (conns [][]int32, copies []int32, coh []int32) {
	onCut := map[int32]bool{}
	isCut := map[int]bool{}
	faceOf := func(r SideRef) []int32 {
		blk := blocks[r.Block]
		npe := blk.Topo.NodesPerElem
		var out []int32
		for _, l := range blk.Topo.Faces[r.Side].Nodes {
			out = append(out, blk.Conn[int(r.Elem)*npe+int(l)])
		}
		return out
	}
	for _, p := range cut {
		isCut[p] = true
		for _, n := range faceOf(pairs[p].A) {
			onCut[n] = true
		}
	}
	useCount := map[int32]int{}
	for _, blk := range blocks {
		for _, n := range blk.Conn {
			if onCut[n] {
				useCount[n]++
			}
		}
	}
	var surface []int32
	for n := range onCut {
		surface = append(surface, n)
	}
	slices.Sort(surface)
	base := map[int32]int{}
	next := numNodes
	for _, s := range surface {
		base[s] = next
		next += useCount[s]
	}
	// Copy of each use, connectivity rewritten to copy indices.
	conns = make([][]int32, len(blocks))
	k := map[int32]int{}
	for b, blk := range blocks {
		conns[b] = slices.Clone(blk.Conn)
		for i, n := range conns[b] {
			if onCut[n] {
				conns[b][i] = int32(base[n] + k[n])
				k[n]++
			}
		}
	}
	parent := map[int32]int32{}
	var find func(x int32) int32
	find = func(x int32) int32 {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		return x
	}
	nodesAt := func(r SideRef) (old, cur []int32) {
		npe := blocks[r.Block].Topo.NodesPerElem
		for _, l := range blocks[r.Block].Topo.Faces[r.Side].Nodes {
			old = append(old, blocks[r.Block].Conn[int(r.Elem)*npe+int(l)])
			cur = append(cur, conns[r.Block][int(r.Elem)*npe+int(l)])
		}
		return old, cur
	}
	for p, pr := range pairs {
		if isCut[p] {
			continue
		}
		oa, ca := nodesAt(pr.A)
		ob, cb := nodesAt(pr.B)
		for i, n := range oa {
			for j, m := range ob {
				if n == m && onCut[n] {
					x, y := find(ca[i]), find(cb[j])
					if x > y {
						x, y = y, x
					}
					parent[y] = x
				}
			}
		}
	}
	// Final numbering: kept nodes in order, then surviving copies in copy
	// index order.
	newIdx := map[int32]int32{}
	c := int32(0)
	for n := range int32(numNodes) {
		if !onCut[n] {
			newIdx[n] = c
			c++
		}
	}
	for _, s := range surface {
		for i := range useCount[s] {
			x := int32(base[s] + i)
			if find(x) == x {
				newIdx[x] = c
				copies = append(copies, s)
				c++
			}
		}
	}
	for b := range conns {
		for i, n := range conns[b] {
			conns[b][i] = newIdx[find(n)]
		}
	}
	for _, p := range cut {
		oa, ca := nodesAt(pairs[p].A)
		ob, cb := nodesAt(pairs[p].B)
		// conns are final node indices by now.
		coh = append(coh, cb...)
		for _, m := range ob {
			coh = append(coh, ca[slices.Index(oa, m)])
		}
	}
	return conns, copies, coh
}

// cohSplitBlocks splits a hex connectivity into two blocks, the elements
// with even and odd index.
func cohSplitBlocks(conn []int32) []SidedBlock {
	hex8 := lookupName("hex8")
	var a, b []int32
	for e := range len(conn) / 8 {
		if e%2 == 0 {
			a = append(a, conn[8*e:8*e+8]...)
		} else {
			b = append(b, conn[8*e:8*e+8]...)
		}
	}
	return []SidedBlock{{a, hex8}, {b, hex8}}
}

func cohCloneBlocks(bs []SidedBlock) []SidedBlock {
	out := make([]SidedBlock, len(bs))
	for i, b := range bs {
		out[i] = SidedBlock{slices.Clone(b.Conn), b.Topo}
	}
	return out
}

func TestInternalFacesMatchesExomerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	_, conn := randomHexMesh(rng, 4, 3, 5)
	nn := 5 * 4 * 6
	cases := map[string][]SidedBlock{
		"one block":  {{conn, lookupName("hex8")}},
		"two blocks": cohSplitBlocks(conn),
	}
	for name, blocks := range cases {
		mark := make([]bool, nn)
		for i := range mark {
			mark[i] = rng.IntN(3) == 0
		}
		want := cohRefInternalFaces(blocks, mark)
		for _, p := range []int{1, 2, 3} {
			var got *InternalFaceSet
			withProcs(p, func() { got = InternalFaces(blocks, mark) })
			if !slices.Equal(got.Pairs, want) {
				t.Fatalf("%s, GOMAXPROCS=%d: %d pairs, want %d (first %v / %v)", name, p, len(got.Pairs), len(want), got.Pairs[:min(3, len(got.Pairs))], want[:min(3, len(want))])
			}
		}
		// Every interior face of a 4x3x5 grid, when all nodes are marked:
		// 3*3*5 + 4*2*5 + 4*3*4.
		all := make([]bool, nn)
		for i := range all {
			all[i] = true
		}
		if got := len(InternalFaces(blocks, all).Pairs); got != 45+40+48 {
			t.Errorf("%s: %d internal faces, want 133", name, got)
		}
	}
}

func TestInternalFacesFind(t *testing.T) {
	_, conn := HexMesh(2, 1, 1)
	set := InternalFaces([]SidedBlock{{conn, lookupName("hex8")}}, nil)
	// Element 0's side 1 (x = 1/2) meets element 1's side 3.
	want := FacePair{SideRef{0, 0, 1}, SideRef{0, 1, 3}}
	if !slices.Equal(set.Pairs, []FacePair{want}) {
		t.Fatalf("pairs %v, want [%v]", set.Pairs, want)
	}
	for _, r := range []SideRef{want.A, want.B} {
		if i, ok := set.Find(r); !ok || i != 0 {
			t.Errorf("Find(%v) = %d, %v", r, i, ok)
		}
	}
	if _, ok := set.Find(SideRef{0, 0, 0}); ok {
		t.Errorf("an external side was found")
	}
}

// TestCutCohesiveZoneMatchesExomerge compares the kernel with the
// transliteration of exomerge's algorithm on whole planes, a crack that
// ends inside the mesh, and random cuts, over one and two blocks.
func TestCutCohesiveZoneMatchesExomerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	_, conn := randomHexMesh(rng, 4, 4, 4)
	nn := 125
	type tc struct {
		name   string
		blocks []SidedBlock
		pick   func(set *InternalFaceSet) []int
	}
	plane := func(set *InternalFaceSet) []int { // the first 16 pairs by A
		var out []int
		for i := range set.Pairs {
			if len(out) < 16 {
				out = append(out, i)
			}
		}
		return out
	}
	random := func(set *InternalFaceSet) []int {
		var out []int
		for i := range set.Pairs {
			if rng.IntN(4) == 0 {
				out = append(out, i)
			}
		}
		return out
	}
	one := func(set *InternalFaceSet) []int { return []int{len(set.Pairs) / 2} }
	var cases []tc
	for _, bs := range [][]SidedBlock{{{conn, lookupName("hex8")}}, cohSplitBlocks(conn)} {
		cases = append(cases, tc{"first pairs", bs, plane}, tc{"random", bs, random}, tc{"one face", bs, one})
	}
	for _, c := range cases {
		all := make([]bool, nn)
		for i := range all {
			all[i] = true
		}
		set := InternalFaces(c.blocks, all)
		cut := c.pick(set)
		wantConns, wantCopies, wantCoh := cohRefCut(nn, c.blocks, set.Pairs, cut)
		var ref *CohesiveZone
		for _, p := range []int{1, 2, 3} {
			bs := cohCloneBlocks(c.blocks)
			var z *CohesiveZone
			withProcs(p, func() { z = CutCohesiveZone(nn, bs, set, cut) })
			for b := range bs {
				if !slices.Equal(bs[b].Conn, wantConns[b]) {
					t.Fatalf("%s, GOMAXPROCS=%d: block %d connectivity differs from exomerge's", c.name, p, b)
				}
			}
			if !slices.Equal(z.Copies, wantCopies) || !slices.Equal(z.Conn, wantCoh) {
				t.Fatalf("%s, GOMAXPROCS=%d: copies %v / %v, cohesive %v / %v", c.name, p, z.Copies, wantCopies, z.Conn, wantCoh)
			}
			if z.NumKept+len(z.Copies) != nn-cohCountCut(z.Kept)+len(z.Copies) || z.FaceNodes != 4 || len(z.Conn) != 8*len(cut) {
				t.Fatalf("%s: counts %d kept, %d copies, %d face nodes", c.name, z.NumKept, len(z.Copies), z.FaceNodes)
			}
			if ref == nil {
				ref = z
			}
		}
	}
}

func cohCountCut(kept []int32) int {
	n := 0
	for _, k := range kept {
		if k < 0 {
			n++
		}
	}
	return n
}

// TestCutCohesiveZonePlane checks a hand-counted case: a 2x2x2 cube cut on
// the plane z = 1/2 gets a second copy of each of the 9 nodes of the plane,
// the lower elements keep the first copies, and each of the 4 cohesive
// elements joins an upper element's bottom face to the lower one's top.
func TestCutCohesiveZonePlane(t *testing.T) {
	_, conn := HexMesh(2, 2, 2)
	blocks := []SidedBlock{{conn, lookupName("hex8")}}
	set := InternalFaces(blocks, nil)
	var cut []int
	for i, p := range set.Pairs {
		if p.A.Elem < 4 && p.A.Side == 5 { // top sides of the lower layer
			cut = append(cut, i)
		}
	}
	if len(cut) != 4 {
		t.Fatalf("%d cut pairs, want 4", len(cut))
	}
	z := CutCohesiveZone(27, blocks, set, cut)
	if z.NumKept != 18 || len(z.Copies) != 18 {
		t.Fatalf("%d kept and %d copies, want 18 and 18", z.NumKept, len(z.Copies))
	}
	for i, n := range z.Copies {
		if want := int32(9 + i/2); n != want {
			t.Fatalf("copy %d is of node %d, want %d", i, n, want)
		}
	}
	// Lower elements (k = 0) use the first copy (18 + 2*(n-9)), upper ones
	// the second.
	for e := range 8 {
		for _, n := range conn[8*e : 8*e+8] {
			if n < 18 {
				continue
			}
			if second := (n-18)%2 == 1; second != (e >= 4) {
				t.Errorf("element %d uses copy %d", e, n)
			}
		}
	}
	for c := range 4 {
		el := z.Conn[8*c : 8*c+8]
		for i := range 4 {
			if el[i]-1 != el[4+i] {
				t.Errorf("cohesive element %d: nodes %d and %d are not copies of one node", c, el[i], el[4+i])
			}
			if (el[i]-18)%2 != 1 || (el[4+i]-18)%2 != 0 {
				t.Errorf("cohesive element %d: bottom %v should be the upper side's copies, top the lower side's", c, el)
			}
		}
	}
}

func TestKeptNumbering(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	cut := make([]bool, 200000)
	for i := range cut {
		cut[i] = rng.IntN(3) == 0
	}
	got := cohKeptNumbering(cut)
	k := int32(0)
	for i, c := range cut {
		want := int32(-1)
		if !c {
			want = k
			k++
		}
		if got[i] != want {
			t.Fatalf("entry %d = %d, want %d", i, got[i], want)
		}
	}
}

// cohBenchMesh returns an 80^3 hex cube as one block and the internal faces on
// the plane x = 1/80 (6400 faces).
func cohBenchMesh(b *testing.B) (int, []SidedBlock, []bool) {
	_, conn := HexMesh(80, 80, 80)
	nn := 81 * 81 * 81
	mark := make([]bool, nn)
	for n := range nn {
		mark[n] = n%81 == 1
	}
	return nn, []SidedBlock{{conn, lookupName("hex8")}}, mark
}

func BenchmarkInternalFaces(b *testing.B) {
	_, blocks, mark := cohBenchMesh(b)
	for b.Loop() {
		InternalFaces(blocks, mark)
	}
}

func BenchmarkCutCohesiveZone(b *testing.B) {
	nn, blocks, mark := cohBenchMesh(b)
	set := InternalFaces(blocks, mark)
	var cut []int
	for i, p := range set.Pairs {
		if p.A.Side == 1 && p.A.Elem%80 == 0 {
			cut = append(cut, i)
		}
	}
	if len(cut) != 6400 {
		b.Fatalf("%d cut faces, want 6400", len(cut))
	}
	orig := blocks[0].Conn
	for b.Loop() {
		b.StopTimer()
		bs := []SidedBlock{{slices.Clone(orig), blocks[0].Topo}}
		b.StartTimer()
		CutCohesiveZone(nn, bs, set, cut)
	}
}
