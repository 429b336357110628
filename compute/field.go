package compute

import "fmt"

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
// it panics otherwise. The result does not depend on GOMAXPROCS: the work
// is split by node ranges, each worker scanning all connectivity for its
// own nodes.
func BuildNodeElems(numNodes int, blocks []ConnBlock) *NodeElems {
	a := &NodeElems{Start: make([]int, numNodes+1), BlockStart: make([]int, len(blocks)+1)}
	total := 0
	for b, blk := range blocks {
		a.BlockStart[b+1] = a.BlockStart[b] + checkConn(blk.Conn, blk.NodesPerElem)
		total += len(blk.Conn)
	}
	if a.BlockStart[len(blocks)] > MaxIndex {
		panic("compute: BuildNodeElems: more than 2^31-1 elements")
	}
	a.Elems = make([]int32, total)
	// Count occurrences: Start[n+1] counts node n.
	bad := false // set by the range starting at 0 only
	forNodeRanges(numNodes, total, func(lo, hi int32) {
		for _, blk := range blocks {
			for _, n := range blk.Conn {
				if uint32(n-lo) < uint32(hi-lo) {
					a.Start[n+1]++
				} else if (n < 0 || int(n) >= numNodes) && lo == 0 {
					bad = true
				}
			}
		}
	})
	if bad {
		panic(fmt.Sprintf("compute: BuildNodeElems: connectivity refers to a node outside [0, %d)", numNodes))
	}
	for n := range numNodes {
		a.Start[n+1] += a.Start[n]
	}
	// Fill, each range placing its own nodes' entries in element order.
	next := make([]int, numNodes)
	copy(next, a.Start[:numNodes])
	forNodeRanges(numNodes, total, func(lo, hi int32) {
		for b, blk := range blocks {
			npe := blk.NodesPerElem
			e := int32(a.BlockStart[b])
			for j := 0; j < len(blk.Conn); j += npe {
				for _, n := range blk.Conn[j : j+npe] {
					if uint32(n-lo) < uint32(hi-lo) {
						a.Elems[next[n]] = e
						next[n]++
					}
				}
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
		parallelFor(nn, grainHeavy, func(lo, hi int) {
			for n := lo; n < hi; n++ {
				es := adj.Elems[adj.Start[n]:adj.Start[n+1]]
				if len(es) == 0 {
					dst[n] = def
					continue
				}
				s := 0.0
				for _, e := range es {
					s += v[e]
				}
				dst[n] = s / float64(len(es))
			}
		})
		return
	}
	parallelFor(nn, grainHeavy, func(lo, hi int) {
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
	ne := checkConn(conn, npe)
	if len(dst) != ne {
		panic(fmt.Sprintf("compute: NodeToElem: len(dst) = %d, want %d elements", len(dst), ne))
	}
	div := float64(npe)
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s := 0.0
			for _, n := range conn[i*npe : i*npe+npe] {
				s += nodeValues[n]
			}
			dst[i] = s / div
		}
	})
}
