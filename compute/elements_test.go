package compute

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCountDisconnected(t *testing.T) {
	_, conn := HexMesh(10, 10, 10)
	nn := 11 * 11 * 11
	if got := CountDisconnected(nn, []ConnBlock{{conn, 8}}); got != 1 {
		t.Errorf("one mesh: %d groups", got)
	}
	// Shift a second copy of the mesh past the first: two groups; plus
	// two isolated spheres and unused nodes.
	conn2 := slices.Clone(conn)
	for i := range conn2 {
		conn2[i] += int32(nn)
	}
	blocks := []ConnBlock{{conn, 8}, {conn2, 8}, {[]int32{int32(2 * nn), int32(2*nn + 2)}, 1}}
	if got := CountDisconnected(2*nn+5, blocks); got != 4 {
		t.Errorf("two meshes and two spheres: %d groups, want 4", got)
	}
	// Random sparse graphs against a serial reference.
	rng := rand.New(rand.NewPCG(27, 28))
	for trial := range 50 {
		nn := 1 + rng.IntN(5000)
		var c []int32
		for range rng.IntN(3000) {
			c = append(c, int32(rng.IntN(nn)), int32(rng.IntN(nn)))
		}
		want := disconnectedRef(nn, c, 2)
		var got int
		withProcs(1+trial%2, func() { got = CountDisconnected(nn, []ConnBlock{{c, 2}}) })
		if got != want {
			t.Fatalf("trial %d: %d groups, reference %d", trial, got, want)
		}
	}
}

// disconnectedRef follows exomerge's count_disconnected_blocks.
func disconnectedRef(nn int, conn []int32, npe int) int {
	master := make([]int32, nn)
	for i := range master {
		master[i] = int32(i)
	}
	root := func(x int32) int32 {
		for master[x] != x {
			x = master[x]
		}
		return x
	}
	used := map[int32]bool{}
	for e := 0; e < len(conn); e += npe {
		el := conn[e : e+npe]
		low := slices.Min(el)
		for _, x := range el {
			used[x] = true
			low = min(low, root(x))
		}
		for _, x := range el {
			master[root(x)] = low
		}
	}
	n := 0
	for x := range used {
		if root(x) == x {
			n++
		}
	}
	return n
}

func TestCountDegenerate(t *testing.T) {
	conn := []int32{0, 1, 2, 3, 0, 1, 1, 3, 4, 4, 4, 4, 5, 6, 7, 5}
	if got := CountDegenerate(conn, 4); got != 3 {
		t.Errorf("CountDegenerate = %d, want 3", got)
	}
	_, hex := HexMesh(30, 30, 30)
	if got := CountDegenerate(hex, 8); got != 0 {
		t.Errorf("structured mesh: %d degenerate", got)
	}
	for i := 0; i < len(hex); i += 8 * 97 {
		hex[i+5] = hex[i+2] // collapse an edge
	}
	want := (len(hex)/8 + 96) / 97
	if got := CountDegenerate(hex, 8); got != want {
		t.Errorf("collapsed: %d degenerate, want %d", got, want)
	}
}

func TestDuplicateElements(t *testing.T) {
	conn := []int32{
		0, 1, 2, // 0
		2, 1, 0, // 1: same set as 0
		0, 1, 3, // 2
		1, 1, 2, // 3: set {1, 2}
		2, 2, 1, // 4: same set as 3
		0, 2, 1, // 5: same as 0
		3, 1, 0, // 6: same as 2
	}
	if got, want := DuplicateElements(conn, 3), []int32{1, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("DuplicateElements = %v, want %v", got, want)
	}
	// With a 1-bit hash nearly everything collides: equality must still
	// be decided on the node sets.
	if got, want := duplicateElements(conn, 3, 1), []int32{1, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("1-bit hash: %v, want %v", got, want)
	}
	if got := DuplicateElements([]int32{0, 1}, 2); got != nil {
		t.Errorf("single element: %v", got)
	}
	// A large block with every element repeated somewhere later, its nodes
	// rotated.
	rng := rand.New(rand.NewPCG(29, 30))
	_, hex := HexMesh(40, 40, 20)
	ne := len(hex) / 8
	var big []int32
	big = append(big, hex...)
	var want []int32
	for i := range ne {
		if rng.IntN(3) == 0 {
			el := slices.Clone(hex[8*i : 8*i+8])
			r := rng.IntN(8)
			el = append(el[r:], el[:r]...)
			want = append(want, int32(len(big)/8))
			big = append(big, el...)
		}
	}
	// Short hashes: many pairs of equal hashes are distinct sets, and
	// runs of three and more mix both.
	for _, bits := range []int{12, 16} {
		if got := duplicateElements(big, 8, bits); !slices.Equal(got, want) {
			t.Fatalf("%d-bit hash: %d duplicates, want %d", bits, len(got), len(want))
		}
	}
	checkDeterministic(t, "DuplicateElements", func() []float64 {
		got := DuplicateElements(big, 8)
		if !slices.Equal(got, want) {
			t.Fatalf("%d duplicates, want %d", len(got), len(want))
		}
		out := make([]float64, len(got))
		for i, g := range got {
			out[i] = float64(g)
		}
		return out
	})
}

// TestCountDisconnectedMeshes checks CountDisconnected against a serial
// union-find (refDisconnected) and against the number of groups each mesh
// is built with, on meshes of several element types and sizes: boxes of
// hexes, tets, bars or quads, far apart in the node numbering with unused
// nodes between them, spheres on unused nodes (a group each) and on used
// ones (none), degenerate elements, the boxes' elements dealt to several
// blocks in shuffled order with their nodes rotated, and the nodes
// optionally renumbered at random. It visits the elements in their stored
// order and in windows of nodes (joinWindows, with small windows and no
// threshold); the larger meshes run the union on several goroutines at
// once with GOMAXPROCS 2 and 3.
func TestCountDisconnectedMeshes(t *testing.T) {
	cases := []struct {
		name       string
		boxes      int // boxes of elements, a group each
		side       int // largest box side, in elements
		kinds      string
		blocks     int  // blocks the elements are dealt to
		spheres    int  // spheres on unused nodes
		shuffle    bool // elements in random order
		renumber   bool // nodes numbered at random
		degenerate bool // some elements repeat a node
	}{
		{"one hex box", 1, 6, "h", 1, 0, false, false, false},
		{"hex boxes in order", 5, 8, "h", 1, 0, false, false, false},
		{"tet and bar boxes", 4, 6, "tb", 2, 3, true, false, false},
		{"quads, shuffled, renumbered", 6, 10, "q", 3, 5, true, true, false},
		{"mixed, degenerate", 7, 9, "htbq", 4, 7, true, true, true},
		{"large hex, shuffled", 3, 40, "h", 2, 2, true, false, false},
		{"large mixed, renumbered", 4, 32, "htq", 5, 9, true, true, true},
		{"many small boxes", 300, 3, "htbq", 3, 40, true, true, false},
	}
	rng := rand.New(rand.NewPCG(31, 32))
	for _, c := range cases {
		nn, blocks, want := groupsMesh(rng, c.boxes, c.side, c.kinds, c.blocks, c.spheres, c.shuffle, c.renumber, c.degenerate)
		if ref := refDisconnected(nn, blocks); ref != want {
			t.Fatalf("%s: reference %d groups, built with %d", c.name, ref, want)
		}
		t.Logf("%s: %d nodes, %d blocks, %d entries", c.name, nn, len(blocks), func() (s int) {
			for _, b := range blocks {
				s += len(b.Conn)
			}
			return s
		}())
		if s := scatteredOrder(blocks); s != c.shuffle {
			t.Errorf("%s: scatteredOrder = %v", c.name, s)
		}
		ways := []struct {
			name  string
			count func() int
		}{
			{"CountDisconnected", func() int { return CountDisconnected(nn, blocks) }},
			// Windows of 2^6 nodes whenever the order is scattered.
			{"windowMin 0", func() int { return Stop(nil).countDisconnected(nn, blocks, 0, 6) }},
			// Windows in any order, of 2^3 and 2^10 nodes.
			{"windows of 8", func() int { return windowsGroups(nn, blocks, 3) }},
			{"windows of 1024", func() int { return windowsGroups(nn, blocks, 10) }},
		}
		for _, w := range ways {
			for _, procs := range []int{1, 2, 3} {
				var got int
				withProcs(procs, func() { got = w.count() })
				if got != want {
					t.Errorf("%s, %s, GOMAXPROCS %d: %d groups, want %d", c.name, w.name, procs, got, want)
				}
			}
		}
	}
}

// windowsGroups is CountDisconnected visiting the elements in windows of
// 2^window nodes whatever their order.
func windowsGroups(nn int, blocks []ConnBlock, window uint) int {
	uf := emptyForest(nn)
	Stop(nil).joinWindows(uf, blocks, window)
	return countRoots(uf)
}

// hexTets splits a hex8 into five tets (their nodes cover the hex's and
// connect them), hexQuads lists its six faces and hexBars its twelve
// edges.
var (
	hexTets  = [][]int{{0, 1, 3, 4}, {1, 2, 3, 6}, {1, 4, 5, 6}, {3, 4, 6, 7}, {1, 3, 4, 6}}
	hexQuads = [][]int{{0, 1, 2, 3}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}}
	hexBars  = [][]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}
)

// groupsMesh builds a mesh for TestCountDisconnectedMeshes and returns
// its node count, its blocks and its number of groups: one per box plus
// one per sphere on an unused node.
func groupsMesh(rng *rand.Rand, boxes, side int, kinds string, nblocks, spheres int, shuffle, renumber, degenerate bool) (int, []ConnBlock, int) {
	type elem struct {
		nodes []int32
		npe   int
	}
	var elems []elem
	var unused []int32
	base := 0
	for b := range boxes {
		nx, ny, nz := (side+1)/2+rng.IntN(side/2+1), (side+1)/2+rng.IntN(side/2+1), (side+1)/2+rng.IntN(side/2+1)
		_, hex := HexMesh(nx, ny, nz)
		kind := kinds[b%len(kinds)]
		for e := 0; e < len(hex); e += 8 {
			h := hex[e : e+8]
			var parts [][]int
			switch kind {
			case 'h':
				parts = [][]int{{0, 1, 2, 3, 4, 5, 6, 7}}
			case 't':
				parts = hexTets
			case 'q':
				parts = hexQuads
			case 'b':
				parts = hexBars
			}
			for _, p := range parts {
				el := make([]int32, len(p))
				for i, k := range p {
					el[i] = h[k] + int32(base)
				}
				if degenerate && rng.IntN(10) == 0 {
					el[rng.IntN(len(el))] = el[rng.IntN(len(el))]
				}
				r := rng.IntN(len(el))
				el = append(el[r:], el[:r]...)
				elems = append(elems, elem{el, len(el)})
			}
		}
		base += (nx + 1) * (ny + 1) * (nz + 1)
		// Unused nodes between the boxes.
		for range rng.IntN(20) {
			unused = append(unused, int32(base))
			base++
		}
	}
	nn := base
	// Spheres: on distinct unused nodes (a group each) and on used nodes
	// (no new group).
	rng.Shuffle(len(unused), func(i, j int) { unused[i], unused[j] = unused[j], unused[i] })
	spheres = min(spheres, len(unused))
	for _, n := range unused[:spheres] {
		elems = append(elems, elem{[]int32{n}, 1})
	}
	for range spheres {
		el := elems[rng.IntN(len(elems))]
		elems = append(elems, elem{[]int32{el.nodes[rng.IntN(el.npe)]}, 1})
	}
	if shuffle {
		rng.Shuffle(len(elems), func(i, j int) { elems[i], elems[j] = elems[j], elems[i] })
	}
	var perm []int
	if renumber {
		perm = rng.Perm(nn)
	}
	// Deal the elements to blocks by kind (nodes per element) and at
	// random.
	byKey := map[[2]int][]int32{}
	var keys [][2]int
	for _, el := range elems {
		k := [2]int{el.npe, rng.IntN(nblocks)}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		for _, n := range el.nodes {
			if perm != nil {
				n = int32(perm[n])
			}
			byKey[k] = append(byKey[k], n)
		}
	}
	var blocks []ConnBlock
	for _, k := range keys {
		blocks = append(blocks, ConnBlock{byKey[k], k[0]})
	}
	return nn, blocks, boxes + spheres
}

// refDisconnected counts the groups of CountDisconnected with a serial
// union-find, element by element, and a count of the distinct roots of
// the used nodes.
func refDisconnected(nn int, blocks []ConnBlock) int {
	parent := make([]int, nn)
	used := make([]bool, nn)
	for i := range parent {
		parent[i] = i
	}
	root := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, b := range blocks {
		for e := 0; e < len(b.Conn); e += b.NodesPerElem {
			el := b.Conn[e : e+b.NodesPerElem]
			for _, n := range el {
				used[n] = true
				parent[root(int(n))] = root(int(el[0]))
			}
		}
	}
	roots := map[int]bool{}
	for i, u := range used {
		if u {
			roots[root(i)] = true
		}
	}
	return len(roots)
}

func TestScatteredOrder(t *testing.T) {
	_, hex := HexMesh(12, 10, 8)
	ne := len(hex) / 8
	// exomerge's order: z fastest.
	exo := make([]int32, 0, len(hex))
	for i := range 12 {
		for j := range 10 {
			for k := range 8 {
				e := i + 12*(j+10*k)
				exo = append(exo, hex[8*e:8*e+8]...)
			}
		}
	}
	shuffled := make([]int32, len(hex))
	for i, e := range rand.New(rand.NewPCG(35, 36)).Perm(ne) {
		copy(shuffled[8*e:8*e+8], hex[8*i:8*i+8])
	}
	spheres := make([]int32, 500)
	for i := range spheres {
		spheres[i] = int32(i)
	}
	cases := []struct {
		name   string
		blocks []ConnBlock
		want   bool
	}{
		{"none", nil, false},
		{"mesher's order", []ConnBlock{{hex, 8}}, false},
		{"exomerge's order", []ConnBlock{{exo, 8}}, false},
		{"random order", []ConnBlock{{shuffled, 8}}, true},
		{"spheres", []ConnBlock{{spheres, 1}}, false},
		{"random order and spheres", []ConnBlock{{spheres, 1}, {shuffled, 8}}, true},
		{"one element per block", []ConnBlock{{hex[:8], 8}, {hex[8:16], 8}}, false},
		{"mostly in order", []ConnBlock{{hex, 8}, {shuffled[:8*ne/3], 8}}, false},
		{"mostly random", []ConnBlock{{hex[:8*ne/3], 8}, {shuffled, 8}}, true},
	}
	for _, c := range cases {
		if got := scatteredOrder(c.blocks); got != c.want {
			t.Errorf("%s: scatteredOrder = %v, want %v", c.name, got, c.want)
		}
	}
}
