package compute

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFieldsExomerge(t *testing.T) {
	nn := len(exoSharedCoords) / 3
	blocks := []ConnBlock{{exoSharedConn1, 8}, {exoSharedConn2, 8}}
	adj := BuildNodeElems(nn, blocks)
	got := make([]float64, nn)
	ElemToNode(got, adj, [][]float64{exoSharedElemField1, exoSharedElemField2}, math.NaN())
	if !sameBits(got, exoSharedElemToNode) {
		t.Errorf("ElemToNode\n%v\nexomerge\n%v", got, exoSharedElemToNode)
	}
	e1 := make([]float64, len(exoSharedConn1)/8)
	e2 := make([]float64, len(exoSharedConn2)/8)
	NodeToElem(e1, exoSharedNodeField, exoSharedConn1, 8)
	NodeToElem(e2, exoSharedNodeField, exoSharedConn2, 8)
	if !sameBits(e1, exoSharedNodeToElem1) || !sameBits(e2, exoSharedNodeToElem2) {
		t.Errorf("NodeToElem %v %v, exomerge %v %v", e1, e2, exoSharedNodeToElem1, exoSharedNodeToElem2)
	}
}

// elemToNodeRef is exomerge's loop: accumulate per node over blocks,
// elements and local nodes, then divide.
func elemToNodeRef(nn int, blocks []ConnBlock, values [][]float64, def float64) []float64 {
	sum := make([]float64, nn)
	cnt := make([]int, nn)
	for b, blk := range blocks {
		if values[b] == nil {
			continue
		}
		for i, n := range blk.Conn {
			sum[n] += values[b][i/blk.NodesPerElem]
			cnt[n]++
		}
	}
	for n := range sum {
		if cnt[n] == 0 {
			sum[n] = def
		} else {
			sum[n] /= float64(cnt[n])
		}
	}
	return sum
}

func TestNodeElems(t *testing.T) {
	// Two blocks, a degenerate element repeating node 1, and unused node 5.
	blocks := []ConnBlock{{[]int32{0, 1, 2, 1, 1, 3}, 3}, {[]int32{3, 4}, 2}}
	adj := BuildNodeElems(6, blocks)
	if want := []int{0, 1, 4, 5, 7, 8, 8}; !slices.Equal(adj.Start, want) {
		t.Errorf("Start = %v, want %v", adj.Start, want)
	}
	if want := []int32{0, 0, 1, 1, 0, 1, 2, 2}; !slices.Equal(adj.Elems, want) {
		t.Errorf("Elems = %v, want %v", adj.Elems, want)
	}
	if want := []int{0, 2, 3}; !slices.Equal(adj.BlockStart, want) {
		t.Errorf("BlockStart = %v, want %v", adj.BlockStart, want)
	}
	got := make([]float64, 6)
	ElemToNode(got, adj, [][]float64{{1, 4}, {10}}, -1)
	// node 1: elements 0, 1, 1 -> (1+4+4)/3; node 3: (4+10)/2.
	if want := []float64{1, 3, 1, 7, 10, -1}; !slices.Equal(got, want) {
		t.Errorf("ElemToNode = %v, want %v", got, want)
	}
	ElemToNode(got, adj, [][]float64{nil, {10}}, -1)
	if want := []float64{-1, -1, -1, 10, 10, -1}; !slices.Equal(got, want) {
		t.Errorf("ElemToNode without block 0 = %v, want %v", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("out-of-range node: no panic")
		}
	}()
	BuildNodeElems(3, blocks)
}

func TestFieldsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	coords, conn := randomHexMesh(rng, 30, 30, 30)
	nn := len(coords) / 3
	ne := len(conn) / 8
	// Split into three blocks; the middle one has no field.
	blocks := []ConnBlock{{conn[:8*9000], 8}, {conn[8*9000 : 8*20000], 8}, {conn[8*20000:], 8}}
	values := make([][]float64, 3)
	for b, blk := range blocks {
		if b == 1 {
			continue
		}
		values[b] = make([]float64, len(blk.Conn)/8)
		for i := range values[b] {
			values[b][i] = rng.NormFloat64()
		}
	}
	want := elemToNodeRef(nn, blocks, values, math.NaN())
	adj := BuildNodeElems(nn, blocks)
	got := make([]float64, nn)
	ElemToNode(got, adj, values, math.NaN())
	if !sameBits(got, want) {
		t.Error("ElemToNode differs from the serial reference")
	}
	single := []ConnBlock{{conn, 8}}
	sv := [][]float64{slices.Concat(values[0], make([]float64, 11000), values[2])}
	checkDeterministic(t, "BuildNodeElems+ElemToNode", func() []float64 {
		a := BuildNodeElems(nn, single)
		out := make([]float64, nn)
		ElemToNode(out, a, sv, 0)
		ints := make([]float64, len(a.Elems))
		for i, e := range a.Elems {
			ints[i] = float64(e)
		}
		return append(out, ints...)
	})
	nodal := make([]float64, nn)
	for i := range nodal {
		nodal[i] = rng.NormFloat64()
	}
	ge := make([]float64, ne)
	NodeToElem(ge, nodal, conn, 8)
	for i := range ne {
		s := 0.0
		for _, n := range conn[8*i : 8*i+8] {
			s += nodal[n]
		}
		if s/8 != ge[i] {
			t.Fatalf("NodeToElem element %d = %v, want %v", i, ge[i], s/8)
		}
	}
	checkDeterministic(t, "NodeToElem", func() []float64 {
		out := make([]float64, ne)
		NodeToElem(out, nodal, conn, 8)
		return out
	})
}

// TestRealMesh checks the kernels on a real mesh, 8-block.g deformed by its
// last displacement, against exomerge's results on it.
func TestRealMesh(t *testing.T) {
	coords := exoRealCoords
	nn := len(coords) / 3
	hex := hex8Topology(t)
	var blocks []ConnBlock
	var sum, mn, cnt = 0.0, math.MaxFloat64, 0
	for b, conn := range exoRealConn {
		ne := len(conn) / 8
		vol := make([]float64, ne)
		if err := Volumes(vol, coords, conn, hex); err != nil {
			t.Fatal(err)
		}
		if !sameBits(vol, exoRealVolume[b]) {
			t.Errorf("block %d volumes %v, exomerge %v", b+1, vol, exoRealVolume[b])
		}
		ctr := make([]float64, 3*ne)
		Centroids(ctr, coords, conn, 8)
		for i := range ne {
			if ctr[3*i] != exoRealCentroidX[b][i] || ctr[3*i+1] != exoRealCentroidY[b][i] || ctr[3*i+2] != exoRealCentroidZ[b][i] {
				t.Errorf("block %d element %d centroid %v, exomerge %v %v %v", b+1, i, ctr[3*i:3*i+3],
					exoRealCentroidX[b][i], exoRealCentroidY[b][i], exoRealCentroidZ[b][i])
			}
		}
		fe := make([]float64, ne)
		NodeToElem(fe, exoRealForceX, conn, 8)
		if !sameBits(fe, exoRealForceElem[b]) {
			t.Errorf("block %d force_x per element %v, exomerge %v", b+1, fe, exoRealForceElem[b])
		}
		s, m, c := EdgeLengths(coords, conn, hex)
		sum, cnt = sum+s, cnt+c
		mn = min(mn, m)
		blocks = append(blocks, ConnBlock{conn, 8})
	}
	if mn != exoRealEdgeMin || !closeRel(sum/float64(cnt), exoRealEdgeMean, 1e-14, 0) {
		t.Errorf("edge lengths min %v mean %v, exomerge %v %v", mn, sum/float64(cnt), exoRealEdgeMin, exoRealEdgeMean)
	}
	if got := LengthScale(coords); got != exoRealLengthScale {
		t.Errorf("length scale %v, exomerge %v", got, exoRealLengthScale)
	}
	if got := CountDisconnected(nn, blocks); got != exoRealDisconnected {
		t.Errorf("disconnected groups %d, exomerge %d", got, exoRealDisconnected)
	}
	nodal := make([]float64, nn)
	ElemToNode(nodal, BuildNodeElems(nn, blocks), exoRealMises, math.NaN())
	if !sameBits(nodal, exoRealMisesNodal) {
		t.Errorf("mises per node %v, exomerge %v", nodal, exoRealMisesNodal)
	}

	// Unmerge, then find the groups that merge back.
	conns := make([][]int32, len(exoRealConn))
	for b := range conns {
		conns[b] = slices.Clone(exoRealConn[b])
	}
	src := UnmergeBlocks(nn, conns)
	for b := range conns {
		if !slices.Equal(conns[b], exoRealUnmergedConn[b]) {
			t.Errorf("unmerged block %d: %v, exomerge %v", b+1, conns[b], exoRealUnmergedConn[b])
		}
	}
	if nn+len(src) != exoRealUnmergedNodes {
		t.Fatalf("%d nodes after unmerging, exomerge %d", nn+len(src), exoRealUnmergedNodes)
	}
	all := slices.Clone(coords)
	for _, n := range src {
		all = append(all, coords[3*n:3*n+3]...)
	}
	rep := make([]int32, len(all)/3)
	merged, err := CloseNodeGroups(rep, all, 1e-6*LengthScale(all))
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int32][]int32{}
	for i, r := range rep {
		if r != int32(i) {
			groups[r] = append(groups[r], int32(i))
		}
	}
	if len(groups) != len(exoRealCloseGroups) || merged != len(src) {
		t.Errorf("%d groups, %d merged; exomerge %d groups, %d copies", len(groups), merged, len(exoRealCloseGroups), len(src))
	}
	for k, v := range exoRealCloseGroups {
		if !slices.Equal(groups[k], v) {
			t.Errorf("group of %d: %v, exomerge %v", k, groups[k], v)
		}
	}
}

func hex8Topology(t *testing.T) *Topology {
	t.Helper()
	topo, ok := LookupTopology("hex8", 8)
	if !ok {
		t.Fatal("no hex8")
	}
	return topo
}

// TestNodeElemsSplit compares BuildNodeElems with a serial construction on
// blocks large enough to be split between goroutines, with node counts
// per element (3, 5, 1) that make the parts begin inside elements.
func TestNodeElemsSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	const nn = 5000
	var blocks []ConnBlock
	for _, npe := range []int{3, 5, 1} {
		c := make([]int32, npe*(10000+rng.IntN(10000)))
		for i := range c {
			c[i] = int32(rng.IntN(nn))
		}
		blocks = append(blocks, ConnBlock{c, npe})
	}
	// Serial reference: each node's elements in increasing order, once per
	// occurrence.
	lists := make([][]int32, nn)
	e := int32(0)
	for _, blk := range blocks {
		for j := 0; j < len(blk.Conn); j += blk.NodesPerElem {
			for _, n := range blk.Conn[j : j+blk.NodesPerElem] {
				lists[n] = append(lists[n], e)
			}
			e++
		}
	}
	for _, procs := range []int{1, 2, 3} {
		var adj *NodeElems
		withProcs(procs, func() { adj = BuildNodeElems(nn, blocks) })
		for n := range nn {
			if got := adj.Elems[adj.Start[n]:adj.Start[n+1]]; !slices.Equal(got, lists[n]) {
				t.Fatalf("%d threads: node %d has elements %v, want %v", procs, n, got, lists[n])
			}
		}
	}
}
