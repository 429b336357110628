package compute

import (
	"fmt"
	"slices"
)

// ConnBlock is the connectivity of one element block: NodesPerElem 0-based
// node indices per element.
type ConnBlock struct {
	Conn         []int32
	NodesPerElem int
}

// NodeElems is a node-to-element adjacency in compressed sparse row form,
// built by BuildNodeElems. The elements are numbered across blocks: block
// b's element i is element BlockStart[b]+i.
type NodeElems struct {
	// Start has one entry per node plus one: the elements touching node n
	// are Elems[Start[n]:Start[n+1]].
	Start []int
	// Elems lists, for each node, the elements whose connectivity holds
	// it, once per occurrence (an element repeating a node lists it
	// twice), in increasing element number: the order in which exomerge's
	// convert_element_field_to_node_field visits them.
	Elems []int32
	// BlockStart holds the number of each block's first element, plus the
	// total element count at the end.
	BlockStart []int
}

// NumNodes returns the number of nodes the adjacency was built for.
func (a *NodeElems) NumNodes() int { return len(a.Start) - 1 }

// BuildNodeElems builds the node-to-element adjacency of the given blocks
// over numNodes nodes. Every connectivity entry must lie in [0, numNodes);
// it panics otherwise. The result does not depend on GOMAXPROCS: the
// connectivity is split into contiguous parts, one per goroutine; each
// counts its nodes' occurrences in an array of its own, and the counts give
// every part the place of its entries in each node's list, which it then
// fills, in element order.
func BuildNodeElems(numNodes int, blocks []ConnBlock) *NodeElems {
	a, _ := Stop(nil).BuildNodeElems(numNodes, blocks)
	return a
}

// BuildNodeElems is the stoppable form of the function BuildNodeElems: it
// returns ErrStopped, and no adjacency, once s is closed.
func (s Stop) BuildNodeElems(numNodes int, blocks []ConnBlock) (a *NodeElems, err error) {
	if err := s.run(func() { a = s.buildNodeElems(numNodes, blocks) }); err != nil {
		return nil, err
	}
	return a, nil
}

// buildNodeElems does the work of BuildNodeElems; its loops panic with errStop
// once s is closed.
func (s Stop) buildNodeElems(numNodes int, blocks []ConnBlock) *NodeElems {
	a := &NodeElems{BlockStart: make([]int, len(blocks)+1)}
	conns := make([][]int32, len(blocks))
	total := 0
	for b, blk := range blocks {
		a.BlockStart[b+1] = a.BlockStart[b] + checkConn(blk.Conn, blk.NodesPerElem)
		conns[b] = blk.Conn
		total += len(blk.Conn)
	}
	if a.BlockStart[len(blocks)] > MaxIndex {
		panic("compute: BuildNodeElems: more than 2^31-1 elements")
	}
	// Count occurrences per part (cnt[w][n] counts node n in part w),
	// while the result arrays are allocated.
	p := privateWorkers(total)
	cnt := make([][]int32, p)
	bad := make([]bool, p)
	alongside(func() {
		a.Start = make([]int, numNodes+1)
		a.Elems = Int32s(total)
	}, func() {
		forPartsStop(s, conns, p, func(w, b, lo, hi int) {
			if cnt[w] == nil {
				cnt[w] = Int32s(numNodes)
			}
			c := cnt[w]
			for _, n := range conns[b][lo:hi] {
				if uint32(n) >= uint32(numNodes) {
					bad[w] = true
					return
				}
				c[n]++
			}
		})
	})
	for w := range cnt {
		if cnt[w] == nil { // a part without entries
			cnt[w] = Int32s(numNodes)
		}
	}
	if slices.Contains(bad, true) {
		panic(fmt.Sprintf("compute: BuildNodeElems: connectivity refers to a node outside [0, %d)", numNodes))
	}
	// Turn the counts into each part's first position within the node's
	// list, and the node totals into Start.
	sums := make([]int, numChunks(numNodes, reduceChunk))
	tooMany := make([]bool, len(sums))
	forChunksStop(s, numNodes, reduceChunk, func(c, lo, hi int) {
		s := 0
		for n := lo; n < hi; n++ {
			k := 0
			for w := range p {
				x := int(cnt[w][n])
				cnt[w][n] = int32(k)
				k += x
			}
			if k > MaxIndex {
				tooMany[c] = true
			}
			s += k
			a.Start[n+1] = s
		}
		sums[c] = s
	})
	if slices.Contains(tooMany, true) {
		panic("compute: BuildNodeElems: a node is used more than 2^31-1 times")
	}
	prefixChunksStop(s, a.Start[1:], sums, reduceChunk)
	// Fill, each part placing its entries in element order.
	forPartsStop(s, conns, p, func(w, b, lo, hi int) {
		c := cnt[w]
		npe := blocks[b].NodesPerElem
		e, k := int32(a.BlockStart[b]+lo/npe), lo%npe
		for _, n := range conns[b][lo:hi] {
			a.Elems[a.Start[n]+int(c[n])] = e
			c[n]++
			if k++; k == npe {
				k = 0
				e++
			}
		}
	})
	return a
}

// ElemToNode averages an element field onto the nodes, as exomerge's
// convert_element_field_to_node_field does: dst[n] is the sum, from 0 and in
// the adjacency's order, of the values of the elements holding node n
// (counted once per occurrence), divided by the number of those values; a
// node touched by no element gets def (exomerge uses NaN, or 0 for a
// displacement field). values[b] holds the field on block b of the
// adjacency; a nil values[b] means the field does not exist on block b, whose
// elements are then ignored. exomerge walks all blocks in increasing id
// order, so build the adjacency with the blocks in that order to reproduce
// its sums bit for bit.
func ElemToNode(dst []float64, adj *NodeElems, values [][]float64, def float64) {
	_ = Stop(nil).ElemToNode(dst, adj, values, def)
}

// ElemToNode is the stoppable form of the function ElemToNode: it returns
// ErrStopped, with dst partly written, once s is closed.
func (s Stop) ElemToNode(dst []float64, adj *NodeElems, values [][]float64, def float64) error {
	return s.run(func() { s.elemToNode(dst, adj, values, def) })
}

// elemToNode does the work of ElemToNode; its loops panic with errStop
// once s is closed.
func (s Stop) elemToNode(dst []float64, adj *NodeElems, values [][]float64, def float64) {
	nn := adj.NumNodes()
	if len(dst) != nn {
		panic(fmt.Sprintf("compute: ElemToNode: len(dst) = %d, want %d nodes", len(dst), nn))
	}
	nb := len(adj.BlockStart) - 1
	if len(values) != nb {
		panic(fmt.Sprintf("compute: ElemToNode: %d value slices for %d blocks", len(values), nb))
	}
	for b, v := range values {
		if v != nil && len(v) != adj.BlockStart[b+1]-adj.BlockStart[b] {
			panic(fmt.Sprintf("compute: ElemToNode: block %d has %d values for %d elements", b, len(v), adj.BlockStart[b+1]-adj.BlockStart[b]))
		}
	}
	bs := adj.BlockStart
	if nb == 1 && values[0] != nil {
		v := values[0]
		parallelForStop(s, nn, grainHeavy, func(lo, hi int) {
			start := adj.Start[lo : hi+1]
			d := dst[lo:hi]
			for n := range d {
				es := adj.Elems[start[n]:start[n+1]]
				if len(es) == 0 {
					d[n] = def
					continue
				}
				s := 0.0
				if len(es) == 8 {
					// The common case in hex meshes, unrolled (as in
					// NodeToElem).
					es := es[:8:8]
					s += v[es[0]]
					s += v[es[1]]
					s += v[es[2]]
					s += v[es[3]]
					s += v[es[4]]
					s += v[es[5]]
					s += v[es[6]]
					s += v[es[7]]
				} else {
					for _, e := range es {
						s += v[e]
					}
				}
				d[n] = s / float64(len(es))
			}
		})
		return
	}
	parallelForStop(s, nn, grainHeavy, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			s, cnt, b := 0.0, 0, 0
			for _, e := range adj.Elems[adj.Start[n]:adj.Start[n+1]] {
				for int(e) >= bs[b+1] {
					b++
				}
				if v := values[b]; v != nil {
					s += v[int(e)-bs[b]]
					cnt++
				}
			}
			if cnt == 0 {
				dst[n] = def
			} else {
				dst[n] = s / float64(cnt)
			}
		}
	})
}

// NodeToElem averages a node field onto the elements of one block, as
// exomerge's convert_node_field_to_element_field does: dst[i] is the sum,
// from 0 and in connectivity order, of the values at element i's nodes,
// divided by npe (repeated nodes count each time). len(dst) must be
// len(conn)/npe.
func NodeToElem(dst, nodeValues []float64, conn []int32, npe int) {
	_ = Stop(nil).NodeToElem(dst, nodeValues, conn, npe)
}

// NodeToElem is the stoppable form of the function NodeToElem: it returns
// ErrStopped, with dst partly written, once s is closed.
func (s Stop) NodeToElem(dst, nodeValues []float64, conn []int32, npe int) error {
	return s.run(func() { s.nodeToElem(dst, nodeValues, conn, npe) })
}

// nodeToElem does the work of NodeToElem; its loops panic with errStop
// once s is closed.
func (s Stop) nodeToElem(dst, nodeValues []float64, conn []int32, npe int) {
	ne := checkConn(conn, npe)
	if len(dst) != ne {
		panic(fmt.Sprintf("compute: NodeToElem: len(dst) = %d, want %d elements", len(dst), ne))
	}
	div := float64(npe)
	if npe == 8 {
		// Hex8, unrolled: the same sums, but a loop without inner branches
		// runs faster and, on 2 cores, scales better (1.8x rather than
		// 1.3x).
		v := nodeValues
		parallelForStop(s, ne, grainHeavy, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				c := conn[8*i : 8*i+8 : 8*i+8]
				s := 0.0
				s += v[c[0]]
				s += v[c[1]]
				s += v[c[2]]
				s += v[c[3]]
				s += v[c[4]]
				s += v[c[5]]
				s += v[c[6]]
				s += v[c[7]]
				dst[i] = s / 8
			}
		})
		return
	}
	parallelForStop(s, ne, grainHeavy, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s := 0.0
			for _, n := range conn[i*npe : i*npe+npe] {
				s += nodeValues[n]
			}
			dst[i] = s / div
		}
	})
}
