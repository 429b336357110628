package compute

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// UnmergeBlocks gives every block its own copy of each node it shares with
// an earlier block, as exomerge's unmerge_element_blocks does, in time
// linear in the connectivity (plus sorting the shared nodes). conns are the
// blocks' connectivity arrays, in the order exomerge would take the block
// ids; they are rewritten in place. numNodes is the current node count.
//
// A node keeps its index in the first block (in conns order) that uses it.
// Each later block using it gets a new node. New node k has index
// numNodes+k and copies node src[k]. The new nodes are numbered as exomerge
// creates them: exomerge visits the pairs of blocks (i, j), i < j, in order
// and duplicates the nodes the two still share in increasing index order, so
// the copies are ordered by (first block using the node, block receiving
// the copy, node index). The caller must append the copied coordinates and
// node field values and extend node sets (exomerge adds the copy to every
// node set holding the original).
func UnmergeBlocks(numNodes int, conns [][]int32) (src []int32) {
	// The per-node arrays hold block numbers: the smallest type that
	// holds them keeps them small (fewer pages to fault in, more of them
	// in cache).
	switch {
	case len(conns) < math.MaxInt8:
		return unmergeBlocks[int8](numNodes, conns)
	case len(conns) < math.MaxInt16:
		return unmergeBlocks[int16](numNodes, conns)
	case len(conns) < MaxIndex:
		return unmergeBlocks[int32](numNodes, conns)
	}
	panic("compute: UnmergeBlocks: too many blocks")
}

// unmergeBlocks is UnmergeBlocks with per-node block numbers of type T,
// which must hold len(conns).
func unmergeBlocks[T int8 | int16 | int32](numNodes int, conns [][]int32) (src []int32) {
	// The connectivity, blocks one after the other, is split into parts,
	// one per goroutine, each with private node arrays, so that no two
	// goroutines write the same node's entry (nodes of neighbouring
	// elements share cache lines, which writes from two cores would pass
	// back and forth).
	total := 0
	for _, c := range conns {
		total += len(c)
	}
	p := privateWorkers(total)
	// Pass 1: first[w][n] is 1 + the first block using node n in part w,
	// or 0. Parts hold increasing stretches of the blocks, so owner[n], 1 +
	// the first block using n, is the first nonzero first[w][n]. Part 0's
	// array becomes owner; part 0 of pass 2 needs a new one, allocated
	// meanwhile.
	first := make([][]T, p)
	badBlock := make([]int, p) // 1 + the first block with a bad entry, per part
	var mark0 []T
	alongside(func() { mark0 = make([]T, numNodes) }, func() {
		forParts(conns, p, func(w, b, lo, hi int) {
			if first[w] == nil {
				first[w] = make([]T, numNodes)
			}
			f, bb := first[w], T(b+1)
			for _, n := range conns[b][lo:hi] {
				if uint32(n) >= uint32(numNodes) {
					if badBlock[w] == 0 {
						badBlock[w] = b + 1
					}
					return
				}
				if f[n] == 0 {
					f[n] = bb
				}
			}
		})
	})
	for _, b := range badBlock {
		if b > 0 {
			panic(fmt.Sprintf("compute: UnmergeBlocks: block %d refers to a node outside [0, %d)", b-1, numNodes))
		}
	}
	for w := range first {
		if first[w] == nil { // a part without entries
			first[w] = make([]T, numNodes)
		}
	}
	owner := first[0]
	if p > 1 {
		parallelFor(numNodes, grainLight, func(lo, hi int) {
			for w := 1; w < p; w++ {
				f := first[w][lo:hi]
				for i, o := range owner[lo:hi] {
					if o == 0 {
						owner[lo+i] = f[i]
					}
				}
			}
		})
	}
	// Pass 2 lists the copies, (owner, block, node) for every block using a
	// node it does not own (never the first block), once per part:
	// marks[w][n] becomes -(block+1) once listed (it held a value >= 0
	// before). The copies are packed into sortable keys: (owner*nb +
	// block)*numNodes + node.
	marks := append([][]T{mark0}, first[1:]...)
	nb := uint64(len(conns))
	packed := bits.Len64(nb*nb)+bits.Len64(uint64(numNodes)) <= 64
	type copyOf struct{ owner, block, node int32 }
	lists := make([][]copyOf, p)
	if len(conns) > 1 {
		forParts(conns[1:], p, func(w, b, lo, hi int) {
			b++
			mark, bb := marks[w], T(b+1)
			mine := lists[w]
			for _, n := range conns[b][lo:hi] {
				if o := owner[n]; o != bb && mark[n] != -bb {
					mark[n] = -bb
					mine = append(mine, copyOf{int32(o) - 1, int32(b), n})
				}
			}
			lists[w] = mine
		})
	}
	var copies []copyOf
	for _, l := range lists {
		copies = append(copies, l...)
	}
	if len(copies) == 0 {
		return nil
	}
	if packed {
		// Radix sort the packed keys (faster than a comparison sort of
		// the triples, and parallel).
		keys := make([]uint64, len(copies))
		nn := uint64(numNodes)
		parallelFor(len(copies), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				c := copies[i]
				keys[i] = (uint64(c.owner)*nb+uint64(c.block))*nn + uint64(c.node)
			}
		})
		keys, _ = radixSort(nil, keys, make([]uint64, len(keys)), make([]int32, len(keys)), make([]int32, len(keys)), keyBitsFor(nb*nb*nn))
		parallelFor(len(copies), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				k := keys[i]
				ob := k / nn
				copies[i] = copyOf{int32(ob / nb), int32(ob % nb), int32(k % nn)}
			}
		})
	} else {
		slices.SortFunc(copies, func(x, y copyOf) int {
			if c := cmp.Compare(x.owner, y.owner); c != 0 {
				return c
			}
			if c := cmp.Compare(x.block, y.block); c != 0 {
				return c
			}
			return cmp.Compare(x.node, y.node)
		})
	}
	copies = slices.Compact(copies) // two parts may list the same copy
	if numNodes+len(copies) > MaxIndex {
		panic("compute: UnmergeBlocks: more than 2^31-1 nodes after unmerging")
	}
	src = make([]int32, len(copies))
	// Group the copies by receiving block, keeping their new indices.
	start := make([]int, len(conns)+1)
	for _, c := range copies {
		start[c.block+1]++
	}
	for b := range conns {
		start[b+1] += start[b]
	}
	byBlock := make([]int32, len(copies)) // new node indices, grouped by block
	fill := slices.Clone(start[:len(conns)])
	for k, c := range copies {
		src[k] = c.node
		byBlock[fill[c.block]] = int32(k)
		fill[c.block]++
	}
	newIdx := make([]int32, numNodes) // node n's copy in the current block
	for b, conn := range conns {
		ks := byBlock[start[b]:start[b+1]]
		if len(ks) == 0 {
			continue
		}
		for _, k := range ks {
			newIdx[src[k]] = int32(numNodes) + k
		}
		bb := T(b + 1)
		parallelFor(len(conn), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if n := conn[i]; owner[n] != bb {
					conn[i] = newIdx[n]
				}
			}
		})
	}
	return src
}
