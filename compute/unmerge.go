package compute

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
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
	// owner[n] is the first block using node n; mark[n] == b+1 once n has
	// been listed for copying into block b. Blocks are visited in order,
	// each in parallel over chunks of its connectivity; a compare-and-swap
	// decides the one goroutine that sets owner[n] or lists n, so the lists
	// hold each copy once (in an order that the sort below removes).
	type copyOf struct{ owner, block, node int32 }
	owner := make([]int32, numNodes)
	mark := make([]int32, numNodes)
	parallelFor(numNodes, grainLight, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			owner[n] = -1
		}
	})
	var (
		mu     sync.Mutex
		copies []copyOf
		bad    atomic.Bool
	)
	for b, conn := range conns {
		bb := int32(b)
		parallelFor(len(conn), grainLight, func(lo, hi int) {
			var mine []copyOf
			for _, n := range conn[lo:hi] {
				if n < 0 || int(n) >= numNodes {
					bad.Store(true)
					return
				}
				o := atomic.LoadInt32(&owner[n])
				if o < 0 {
					if atomic.CompareAndSwapInt32(&owner[n], -1, bb) {
						continue
					}
					o = atomic.LoadInt32(&owner[n])
				}
				if o == bb {
					continue
				}
				if m := atomic.LoadInt32(&mark[n]); m != bb+1 && atomic.CompareAndSwapInt32(&mark[n], m, bb+1) {
					mine = append(mine, copyOf{o, bb, n})
				}
			}
			if len(mine) > 0 {
				mu.Lock()
				copies = append(copies, mine...)
				mu.Unlock()
			}
		})
		if bad.Load() {
			panic(fmt.Sprintf("compute: UnmergeBlocks: block %d refers to a node outside [0, %d)", b, numNodes))
		}
	}
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
