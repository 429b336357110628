package compute

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// refResult is what refGroups computes: the distinct groups flattened in
// number order, and the number of every group of every element.
type refResult struct {
	Nodes, Start []int32
	Index        [][]int32
}

// refGroups is the serial reference of UniqueNodeGroups: every group's
// sorted nodes as a string key in a map, the distinct lists sorted the way
// Python sorts tuples (lexicographically, a prefix first).
func refGroups(blocks []GroupBlock) refResult {
	type key = string
	lists := map[key][]int32{}
	keyOf := func(b GroupBlock, e, g int) []int32 {
		var d []int32
		for _, l := range b.Groups[g] {
			d = append(d, b.Conn[e*b.NodesPerElem+int(l)])
		}
		slices.Sort(d)
		return d
	}
	for _, b := range blocks {
		for e := range len(b.Conn) / b.NodesPerElem {
			for g := range b.Groups {
				d := keyOf(b, e, g)
				lists[fmt.Sprint(d)] = d
			}
		}
	}
	var all [][]int32
	for _, d := range lists {
		all = append(all, d)
	}
	sort.Slice(all, func(i, j int) bool { return slices.Compare(all[i], all[j]) < 0 })
	number := map[key]int32{}
	out := refResult{Start: []int32{0}}
	for u, d := range all {
		number[fmt.Sprint(d)] = int32(u)
		out.Nodes = append(out.Nodes, d...)
		out.Start = append(out.Start, int32(len(out.Nodes)))
	}
	for _, b := range blocks {
		var idx []int32
		for e := range len(b.Conn) / b.NodesPerElem {
			for g := range b.Groups {
				idx = append(idx, number[fmt.Sprint(keyOf(b, e, g))])
			}
		}
		out.Index = append(out.Index, idx)
	}
	return out
}

func gb(conn []int32, npe int, groups [][]int32) GroupBlock {
	return GroupBlock{Conn: conn, NodesPerElem: npe, Groups: groups}
}

func sameGroups(t *testing.T, what string, got NodeGroups, want refResult) {
	t.Helper()
	if got.Len() != len(want.Start)-1 {
		t.Fatalf("%s: %d distinct groups, want %d", what, got.Len(), len(want.Start)-1)
	}
	nodes, start := got.Flatten()
	if !slices.Equal(start, want.Start) || !slices.Equal(nodes, want.Nodes) {
		t.Fatalf("%s: group lists differ from the reference", what)
	}
	for b := range want.Index {
		if !slices.Equal(got.Index[b], want.Index[b]) {
			t.Fatalf("%s: index of block %d differs from the reference", what, b)
		}
	}
}

// hex20Edges and wedge16Groups are exomerge's hex8->hex20 and
// wedge6->wedge16 groups.
var (
	hex20Edges    = [][]int32{{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}, {1, 5}, {2, 6}, {3, 7}, {4, 5}, {5, 6}, {6, 7}, {4, 7}}
	wedge16Groups = [][]int32{{0, 1}, {1, 2}, {0, 2}, {0, 3}, {1, 4}, {2, 5}, {3, 4}, {4, 5}, {3, 5}, {0, 1, 2, 3, 4, 5}}
)

func TestUniqueNodeGroupsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	_, hexConn := randomHexMesh(rng, 6, 5, 4)
	numHex := 7 * 6 * 5
	// Random wedges over a small node range, so that groups repeat, with
	// some repeated nodes in an element (degenerate elements).
	const nn = 40
	wedges := make([]int32, 6*300)
	for i := range wedges {
		wedges[i] = int32(rng.IntN(nn))
	}
	// A duplicate hex (every group shared) and hexes on the wedges' nodes.
	hex2 := append(slices.Clone(hexConn[:8]), hexConn[8:16]...)
	cases := []struct {
		name     string
		numNodes int
		blocks   []GroupBlock
	}{
		{"hex20 edges", numHex, []GroupBlock{gb(hexConn, 8, hex20Edges)}},
		{"hex24tet faces and bodies", numHex, []GroupBlock{gb(hexConn, 8, Hex24TetGroups())}},
		{"two blocks sharing edges", numHex, []GroupBlock{gb(hexConn, 8, hex20Edges), gb(hex2, 8, append(Hex24TetGroups(), hex20Edges...))}},
		{"wedge16 with repeats", nn, []GroupBlock{gb(wedges, 6, wedge16Groups)}},
		{"mixed widths", max(numHex, nn), []GroupBlock{gb(wedges, 6, wedge16Groups), gb(hexConn, 8, Hex24TetGroups()), gb(wedges[:60], 6, [][]int32{{0}, {0, 1, 2}, {5, 4, 3, 2, 1}})}},
		{"empty block", numHex, []GroupBlock{gb(nil, 8, hex20Edges), gb(hexConn, 8, hex20Edges)}},
	}
	// Each case again over many more nodes than it uses, which takes the
	// comparison sort instead of the buckets.
	for _, c := range slices.Clone(cases) {
		c.name += " among many nodes"
		c.numNodes *= 1000
		cases = append(cases, c)
	}
	for _, c := range cases {
		want := refGroups(c.blocks)
		for _, p := range []int{1, 2, 3} {
			withProcs(p, func() {
				sameGroups(t, fmt.Sprintf("%s (GOMAXPROCS=%d)", c.name, p), UniqueNodeGroups(c.numNodes, c.blocks), want)
			})
		}
		// With Out, the numbers go straight into the new connectivity.
		var outBlocks []GroupBlock
		var want2 [][]int32
		for b, blk := range c.blocks {
			scheme := [][]int32{{0}, {1}}
			for g := range blk.Groups {
				scheme[g%2] = append(scheme[g%2], int32(-g-1))
			}
			scheme[0] = scheme[0][:min(len(scheme[0]), len(scheme[1]))]
			scheme[1] = scheme[1][:len(scheme[0])]
			ne := len(blk.Conn) / blk.NodesPerElem
			blk.Scheme, blk.Out = scheme, make([]int32, ne*2*len(scheme[0]))
			outBlocks = append(outBlocks, blk)
			w := make([]int32, len(blk.Out))
			ExpandConnectivity(w, blk.Conn, blk.NodesPerElem, scheme, want.Index[b], len(blk.Groups), int32(c.numNodes))
			want2 = append(want2, w)
		}
		for _, p := range []int{1, 2} {
			withProcs(p, func() {
				for b := range outBlocks {
					clear(outBlocks[b].Out)
				}
				UniqueNodeGroups(c.numNodes, outBlocks)
				for b, blk := range outBlocks {
					ExpandConnectivity(blk.Out, blk.Conn, blk.NodesPerElem, blk.Scheme, nil, 0, 0)
					if !slices.Equal(blk.Out, want2[b]) {
						t.Fatalf("%s (GOMAXPROCS=%d): block %d: Out differs from Index and ExpandConnectivity", c.name, p, b)
					}
				}
			})
		}
	}
}

// TestUniqueNodeGroupsCube checks the counts on a structured cube by hand:
// an n^3 hex mesh has 3n(n+1)^2 edges and 3n^2(n+1) faces.
func TestUniqueNodeGroupsCube(t *testing.T) {
	for _, n := range []int{1, 2, 5, 20} {
		_, conn := HexMesh(n, n, n)
		nn := (n + 1) * (n + 1) * (n + 1)
		if got, want := UniqueNodeGroups(nn, []GroupBlock{gb(conn, 8, hex20Edges)}).Len(), 3*n*(n+1)*(n+1); got != want {
			t.Errorf("n=%d: %d edges, want %d", n, got, want)
		}
		if got, want := UniqueNodeGroups(nn, []GroupBlock{gb(conn, 8, Hex24TetGroups())}).Len(), 3*n*n*(n+1)+n*n*n; got != want {
			t.Errorf("n=%d: %d faces and bodies, want %d", n, got, want)
		}
	}
}

func TestAverageGroupsAndExpand(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	coords, conn := randomHexMesh(rng, 4, 3, 2)
	nn := len(coords) / 3
	g := UniqueNodeGroups(nn, []GroupBlock{gb(conn, 8, Hex24TetGroups())})
	dst := make([]float64, 3*g.Len())
	AverageGroups(dst, coords, 3, &g)
	gn, gs := g.Flatten()
	for u := range g.Len() {
		nodes := gn[gs[u]:gs[u+1]]
		for d := range 3 {
			s := 0.0
			for _, n := range nodes {
				s += coords[3*int(n)+d] / float64(len(nodes))
			}
			if !closeRel(dst[3*u+d], s, 1e-15, 1) {
				t.Fatalf("group %d axis %d: %v, want %v", u, d, dst[3*u+d], s)
			}
		}
	}
	// A midpoint is exactly (a+b)/2.
	ge := UniqueNodeGroups(nn, []GroupBlock{gb(conn, 8, hex20Edges)})
	mid := make([]float64, 3*ge.Len())
	AverageGroups(mid, coords, 3, &ge)
	en, _ := ge.Flatten()
	for u := range ge.Len() {
		a, b := en[2*u], en[2*u+1]
		for d := range 3 {
			if mid[3*u+d] != (coords[3*a+int32(d)]+coords[3*b+int32(d)])/2 {
				t.Fatalf("edge %d: midpoint not the mean of its ends", u)
			}
		}
	}
	// ExpandConnectivity against a serial loop.
	scheme := Hex24TetScheme()
	base := int32(nn)
	got := make([]int32, len(conn)/8*24*4)
	ExpandConnectivity(got, conn, 8, scheme, g.Index[0], 7, base)
	var want []int32
	for e := range len(conn) / 8 {
		for _, tet := range scheme {
			for _, v := range tet {
				if v >= 0 {
					want = append(want, conn[8*e+int(v)])
				} else {
					want = append(want, base+g.Index[0][7*e+int(-v-1)])
				}
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatal("ExpandConnectivity differs from the serial loop")
	}
}

// TestHex24TetVolume splits sheared and stretched hexes (an affine map of
// a cube mesh, so their faces are planar and the split is exact): the 24
// tets are all positive and their volumes add up to the hex's (exomerge's
// formula).
func TestHex24TetVolume(t *testing.T) {
	coords, conn := HexMesh(3, 3, 3)
	a := [3][3]float64{{1.3, 0.2, -0.1}, {0.3, 0.9, 0.25}, {-0.2, 0.1, 1.7}}
	for i := 0; i < len(coords); i += 3 {
		x, y, z := coords[i], coords[i+1], coords[i+2]
		for d := range 3 {
			coords[i+d] = a[d][0]*x + a[d][1]*y + a[d][2]*z + float64(d)
		}
	}
	nn := len(coords) / 3
	g := UniqueNodeGroups(nn, []GroupBlock{gb(conn, 8, Hex24TetGroups())})
	all := append(slices.Clone(coords), make([]float64, 3*g.Len())...)
	AverageGroups(all[3*nn:], coords, 3, &g)
	tets := make([]int32, len(conn)*12)
	ExpandConnectivity(tets, conn, 8, Hex24TetScheme(), g.Index[0], 7, int32(nn))
	hexT, _ := LookupTopology("hex8", 8)
	tetT, _ := LookupTopology("tet4", 4)
	hv := make([]float64, len(conn)/8)
	tv := make([]float64, len(tets)/4)
	if err := Volumes(hv, coords, conn, hexT); err != nil {
		t.Fatal(err)
	}
	if err := Volumes(tv, all, tets, tetT); err != nil {
		t.Fatal(err)
	}
	for e := range hv {
		s := 0.0
		for k := range 24 {
			if tv[24*e+k] <= 0 {
				t.Fatalf("hex %d tet %d has volume %v", e, k, tv[24*e+k])
			}
			s += tv[24*e+k]
		}
		if !closeRel(s, hv[e], 1e-12, 0) {
			t.Errorf("hex %d: tets add up to %v, hex volume %v", e, s, hv[e])
		}
	}
}

// BenchmarkUniqueNodeGroupsHex20 finds the 1.57M edges of the 512k-element
// benchmark mesh (make_elements_quadratic's dedup), writing them into a
// hex20 connectivity.
func BenchmarkUniqueNodeGroupsHex20(b *testing.B) {
	coords, conn := benchMesh(b)
	scheme := [][]int32{{0, 1, 2, 3, 4, 5, 6, 7}}
	for g := range hex20Edges {
		scheme[0] = append(scheme[0], int32(-g-1))
	}
	out := make([]int32, len(conn)/8*20)
	for b.Loop() {
		UniqueNodeGroups(len(coords)/3, []GroupBlock{{Conn: conn, NodesPerElem: 8, Groups: hex20Edges, Scheme: scheme, Out: out}})
	}
}

// BenchmarkUniqueNodeGroupsHex24Tet finds the 1.56M faces and 512k bodies
// of the benchmark mesh (convert_hex8_block_to_tet4_block's dedup).
func BenchmarkUniqueNodeGroupsHex24Tet(b *testing.B) {
	coords, conn := benchMesh(b)
	scheme := Hex24TetScheme()
	out := make([]int32, len(conn)/8*96)
	for b.Loop() {
		UniqueNodeGroups(len(coords)/3, []GroupBlock{{Conn: conn, NodesPerElem: 8, Groups: Hex24TetGroups(), Scheme: scheme, Out: out}})
	}
}
