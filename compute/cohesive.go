package compute

import (
	"fmt"
	"slices"
)

// CohesiveZone is the result of CutCohesiveZone: how the nodes are
// renumbered and the connectivity of the cohesive elements.
type CohesiveZone struct {
	// NumKept is the number of nodes not on the cut; they keep their order
	// and become nodes 0..NumKept-1.
	NumKept int
	// Kept maps each old node to its new index, or -1 for a node on the
	// cut (which is replaced by its copies).
	Kept []int32
	// Copies holds, for each new node NumKept+k, the old node it copies.
	// The copies of one old node are contiguous, old nodes in increasing
	// order.
	Copies []int32
	// FaceNodes is the number of nodes of the cut faces.
	FaceNodes int
	// Conn holds 2*FaceNodes new node indices per cut pair, in the order
	// of the pairs given: side B's nodes in its face order, then the nodes
	// of side A at the same places (A's copy of each of B's old nodes).
	Conn []int32
}

// CutCohesiveZone opens the internal faces set.Pairs[cut[i]] of the blocks
// (cut sorted and distinct), as exomerge's
// convert_side_set_to_cohesive_zone does before it builds the cohesive
// elements, and rewrites the blocks' connectivity in place.
//
// Every use of a node on a cut face (each connectivity entry holding one,
// over the blocks in order) first gets its own copy; copies are then joined
// again across every internal face of set that is not cut: the entries of
// the two sides holding the same old node become one node. What remains is
// one copy per group of elements around the node that are connected through
// uncut faces, so the two sides of the cut are separated and the rest stays
// whole. The nodes on the cut are deleted and the copies appended after the
// other nodes: ordered by old node, then by the first use (connectivity
// order) of the group, which is the order in which exomerge's merge and
// delete leave them.
//
// set must come from InternalFaces over the same blocks with mark covering
// at least the nodes of the cut faces. It panics if a face of a cut pair
// has a different node count than the first one, or if the copies would
// exceed MaxIndex nodes.
func CutCohesiveZone(numNodes int, blocks []SidedBlock, set *InternalFaceSet, cut []int) *CohesiveZone {
	codes := map[string]int32{}
	infos := make([][]ifaceSide, len(blocks))
	for b, blk := range blocks {
		infos[b] = ifaceSides(blk.Topo, codes)
	}
	// Nodes on the cut and the cut pairs.
	onCut := make([]bool, numNodes)
	isCut := make([]bool, len(set.Pairs))
	var buf [32]int32
	faceNodes := -1
	for _, p := range cut {
		isCut[p] = true
		nodes := ifaceNodes(buf[:0], blocks, infos, set.Pairs[p].A)
		if faceNodes < 0 {
			faceNodes = len(nodes)
		} else if len(nodes) != faceNodes {
			panic(fmt.Sprintf("compute: CutCohesiveZone: cut faces of %d and %d nodes", faceNodes, len(nodes)))
		}
		for _, n := range nodes {
			onCut[n] = true
		}
	}
	faceNodes = max(faceNodes, 0)
	// Global connectivity positions of the blocks.
	offs := make([]int64, len(blocks)+1)
	for b, blk := range blocks {
		offs[b+1] = offs[b] + int64(len(blk.Conn))
	}
	uses, chunkStart := cohUses(blocks, offs, onCut)
	if len(uses) > MaxIndex {
		panic("compute: CutCohesiveZone: more than 2^31-1 node uses on the cut")
	}
	useOf := func(r SideRef, local int32) int32 {
		npe := blocks[r.Block].Topo.NodesPerElem
		pos := offs[r.Block] + int64(r.Elem)*int64(npe) + int64(local)
		i, ok := slices.BinarySearch(uses, pos)
		if !ok {
			panic("compute: CutCohesiveZone: a node use on the cut was not found")
		}
		return int32(i)
	}
	// Join the copies across the uncut internal faces.
	uf := newUnionFind(len(uses))
	parallelFor(len(set.Pairs), grainHeavy, func(lo, hi int) {
		for p := lo; p < hi; p++ {
			if isCut[p] {
				continue
			}
			pr := set.Pairs[p]
			la := infos[pr.A.Block][pr.A.Side].nodes
			lb := infos[pr.B.Block][pr.B.Side].nodes
			ea := cohElemNodes(blocks, pr.A)
			eb := cohElemNodes(blocks, pr.B)
			for _, a := range la {
				n := ea[a]
				if !onCut[n] {
					continue
				}
				for _, b := range lb {
					if eb[b] == n {
						uf.union(useOf(pr.A, a), useOf(pr.B, b))
						break
					}
				}
			}
		}
	})
	// The surviving copy of each group is its first use (the root, the
	// smallest member); order survivors by old node, then first use.
	z := &CohesiveZone{FaceNodes: faceNodes}
	survivorOf := make([]int32, len(uses))
	var skeys []uint64
	var svals []int32
	nodeOfUse := func(u int) int32 {
		pos := uses[u]
		b := cohBlockAt(offs, pos)
		return blocks[b].Conn[pos-offs[b]]
	}
	for u := range uses {
		if uf.find(int32(u)) == int32(u) {
			skeys = append(skeys, uint64(nodeOfUse(u))<<31|uint64(u))
			svals = append(svals, int32(u))
		}
	}
	if numNodes+len(svals) > MaxIndex {
		panic("compute: CutCohesiveZone: more than 2^31-1 nodes")
	}
	skeys, svals = radixSort(nil, skeys, make([]uint64, len(skeys)), svals, make([]int32, len(svals)), keyBitsFor(uint64(numNodes)<<31))
	// Kept nodes.
	z.Kept = cohKeptNumbering(onCut)
	z.NumKept = numNodes - cohCountTrue(onCut)
	k := int32(z.NumKept)
	z.Copies = make([]int32, len(svals))
	for i, u := range svals {
		survivorOf[u] = k + int32(i)
		z.Copies[i] = int32(skeys[i] >> 31)
	}
	// Cohesive connectivity, as connectivity positions, before the rewrite.
	pos := make([]int64, 0, 2*faceNodes*len(cut))
	for _, p := range cut {
		pr := set.Pairs[p]
		la := infos[pr.A.Block][pr.A.Side].nodes
		lb := infos[pr.B.Block][pr.B.Side].nodes
		ea := cohElemNodes(blocks, pr.A)
		eb := cohElemNodes(blocks, pr.B)
		npeA := int64(blocks[pr.A.Block].Topo.NodesPerElem)
		npeB := int64(blocks[pr.B.Block].Topo.NodesPerElem)
		for _, b := range lb {
			pos = append(pos, offs[pr.B.Block]+int64(pr.B.Elem)*npeB+int64(b))
		}
		for _, b := range lb {
			for _, a := range la {
				if ea[a] == eb[b] {
					pos = append(pos, offs[pr.A.Block]+int64(pr.A.Elem)*npeA+int64(a))
					break
				}
			}
		}
	}
	// Rewrite the connectivity: kept nodes renumbered, uses on the cut to
	// their group's surviving copy.
	for b, blk := range blocks {
		conn := blk.Conn
		const chunk = 1 << 14
		forChunks(len(conn), chunk, func(c, lo, hi int) {
			u := chunkStart[b][c]
			for i := lo; i < hi; i++ {
				n := conn[i]
				if onCut[n] {
					conn[i] = survivorOf[uf.find(int32(u))]
					u++
				} else {
					conn[i] = z.Kept[n]
				}
			}
		})
	}
	z.Conn = make([]int32, len(pos))
	for i, q := range pos {
		b := cohBlockAt(offs, q)
		z.Conn[i] = blocks[b].Conn[q-offs[b]]
	}
	return z
}

// cohElemNodes returns the connectivity of the element of side r.
func cohElemNodes(blocks []SidedBlock, r SideRef) []int32 {
	npe := blocks[r.Block].Topo.NodesPerElem
	return blocks[r.Block].Conn[int(r.Elem)*npe : int(r.Elem)*npe+npe]
}

// cohBlockAt returns the block b with offs[b] <= pos < offs[b+1].
func cohBlockAt(offs []int64, pos int64) int {
	i, _ := slices.BinarySearch(offs, pos+1)
	return i - 1
}

// cohUses returns the global connectivity positions holding a node on the
// cut, in increasing order, and for each block and chunk of 1<<14 entries
// the index of its first use.
func cohUses(blocks []SidedBlock, offs []int64, onCut []bool) ([]int64, [][]int) {
	const chunk = 1 << 14
	starts := make([][]int, len(blocks))
	total := 0
	for b, blk := range blocks {
		conn := blk.Conn
		counts := make([]int, numChunks(len(conn), chunk))
		forChunks(len(conn), chunk, func(c, lo, hi int) {
			m := 0
			for _, n := range conn[lo:hi] {
				if onCut[n] {
					m++
				}
			}
			counts[c] = m
		})
		for c, m := range counts {
			counts[c] = total
			total += m
		}
		starts[b] = counts
	}
	uses := make([]int64, total)
	for b, blk := range blocks {
		conn := blk.Conn
		forChunks(len(conn), chunk, func(c, lo, hi int) {
			u := starts[b][c]
			for i := lo; i < hi; i++ {
				if onCut[conn[i]] {
					uses[u] = offs[b] + int64(i)
					u++
				}
			}
		})
	}
	return uses, starts
}

// cohKeptNumbering returns, for each i, -1 if cut[i], else the number of j < i
// without cut[j], in parallel.
func cohKeptNumbering(cut []bool) []int32 {
	const chunk = 1 << 16
	out := make([]int32, len(cut))
	counts := make([]int, numChunks(len(cut), chunk))
	forChunks(len(cut), chunk, func(c, lo, hi int) {
		m := 0
		for _, x := range cut[lo:hi] {
			if !x {
				m++
			}
		}
		counts[c] = m
	})
	off := 0
	for c, m := range counts {
		counts[c] = off
		off += m
	}
	forChunks(len(cut), chunk, func(c, lo, hi int) {
		k := int32(counts[c])
		for i := lo; i < hi; i++ {
			if cut[i] {
				out[i] = -1
			} else {
				out[i] = k
				k++
			}
		}
	})
	return out
}

// cohCountTrue returns the number of true flags.
func cohCountTrue(flags []bool) int {
	n := 0
	for _, f := range flags {
		if f {
			n++
		}
	}
	return n
}
