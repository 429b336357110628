package compute

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
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
	if len(conns) > MaxIndex {
		panic("compute: UnmergeBlocks: too many blocks")
	}
	total := 0
	for _, conn := range conns {
		total += len(conn)
		for _, n := range conn {
			if n < 0 || int(n) >= numNodes {
				panic(fmt.Sprintf("compute: UnmergeBlocks: node %d out of range [0, %d)", n, numNodes))
			}
		}
	}
	// owner[n] is the first block using node n; mark[n] == b+1 once n has
	// been listed for copying into block b. Both are written per node
	// range, so the ranges' lists can simply be concatenated.
	type copyOf struct{ owner, block, node int32 }
	owner := make([]int32, numNodes)
	mark := make([]int32, numNodes)
	var (
		mu     sync.Mutex
		copies []copyOf
	)
	forNodeRanges(numNodes, total, func(lo, hi int32) {
		for n := lo; n < hi; n++ {
			owner[n] = -1
		}
		var mine []copyOf
		for b, conn := range conns {
			bb := int32(b)
			for _, n := range conn {
				if uint32(n-lo) >= uint32(hi-lo) {
					continue
				}
				if owner[n] < 0 {
					owner[n] = bb
				} else if owner[n] != bb && mark[n] != bb+1 {
					mark[n] = bb + 1
					mine = append(mine, copyOf{owner[n], bb, n})
				}
			}
		}
		mu.Lock()
		copies = append(copies, mine...)
		mu.Unlock()
	})
	if len(copies) == 0 {
		return nil
	}
	if numNodes+len(copies) > MaxIndex {
		panic("compute: UnmergeBlocks: more than 2^31-1 nodes after unmerging")
	}
	slices.SortFunc(copies, func(x, y copyOf) int {
		if c := cmp.Compare(x.owner, y.owner); c != 0 {
			return c
		}
		if c := cmp.Compare(x.block, y.block); c != 0 {
			return c
		}
		return cmp.Compare(x.node, y.node)
	})
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
	newIdx := mark // reuse: newIdx[n] is node n's copy in the current block
	for b, conn := range conns {
		ks := byBlock[start[b]:start[b+1]]
		if len(ks) == 0 {
			continue
		}
		for _, k := range ks {
			newIdx[src[k]] = int32(numNodes) + k
		}
		bb := int32(b)
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
