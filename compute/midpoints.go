package compute

import (
	"fmt"
	"sort"
)

// This file finds the distinct node groups (edges, faces, whole elements)
// whose averages become the new nodes of an element conversion, and builds
// the converted connectivity. A group shared by several elements, of one
// block or of several, is found once: every occurrence gets a key from its
// two smallest nodes, the keys are radix-sorted in parallel, and the few
// occurrences with equal keys are told apart by their full sorted node
// lists. No map is kept per node or per group.

// maxGroupNodes bounds the size of one node group.
const maxGroupNodes = 32

// GroupBlock is one block's input to UniqueNodeGroups: its connectivity and
// the groups of local nodes (0-based, into one element's connectivity) of
// every element whose averages are wanted.
type GroupBlock struct {
	Conn         []int32
	NodesPerElem int
	Groups       [][]int32
}

// NodeGroups lists distinct groups of nodes, each as its nodes in
// increasing order (repeats kept).
type NodeGroups struct {
	// Nodes holds the nodes of group u at Nodes[Start[u]:Start[u+1]].
	Nodes []int32
	Start []int32
	// Index[b][e*len(Groups)+g] is the distinct group of group g of
	// element e of block b.
	Index [][]int32
}

// Len returns the number of distinct groups.
func (g *NodeGroups) Len() int { return len(g.Start) - 1 }

// Group returns the sorted nodes of group u.
func (g *NodeGroups) Group(u int) []int32 { return g.Nodes[g.Start[u]:g.Start[u+1]] }

// groupClass gathers the groups of one size: the segments (block, group)
// and the occurrences, numbered segment by segment, element by element.
type groupClass struct {
	width int
	segs  []groupSeg
	n     int
}

type groupSeg struct {
	b, g, base, ne int
}

// UniqueNodeGroups finds the distinct node groups of the given blocks over
// numNodes nodes. Two groups are the same when their sorted node lists are
// equal. The distinct groups are ordered as exomerge orders its sorted
// tuples: lexicographically, a group before the longer groups it starts.
// It panics if a group is empty, holds more than 32 nodes or refers past
// an element, or if a connectivity length is not a multiple of its stride.
func UniqueNodeGroups(numNodes int, blocks []GroupBlock) NodeGroups {
	var classes []*groupClass
	byWidth := map[int]*groupClass{}
	out := NodeGroups{Index: make([][]int32, len(blocks))}
	for b, blk := range blocks {
		ne := checkConn(blk.Conn, blk.NodesPerElem)
		out.Index[b] = make([]int32, ne*len(blk.Groups))
		for g, grp := range blk.Groups {
			if len(grp) == 0 || len(grp) > maxGroupNodes {
				panic(fmt.Sprintf("compute: UniqueNodeGroups: group %d of block %d has %d nodes", g, b, len(grp)))
			}
			for _, l := range grp {
				if l < 0 || int(l) >= blk.NodesPerElem {
					panic(fmt.Sprintf("compute: UniqueNodeGroups: group %d of block %d refers to node %d of %d", g, b, l, blk.NodesPerElem))
				}
			}
			c := byWidth[len(grp)]
			if c == nil {
				c = &groupClass{width: len(grp)}
				byWidth[len(grp)] = c
				classes = append(classes, c)
			}
			c.segs = append(c.segs, groupSeg{b: b, g: g, base: c.n, ne: ne})
			c.n += ne
		}
	}
	sort.Slice(classes, func(i, j int) bool { return classes[i].width < classes[j].width })
	// Each class is sorted and numbered on its own.
	ranks := make([][]int32, len(classes))  // rank at each sorted position
	occs := make([][]int32, len(classes))   // occurrence at each sorted position
	reps := make([][]int32, len(classes))   // one occurrence of each rank
	for k, c := range classes {
		occs[k], ranks[k], reps[k] = c.sortUnique(numNodes, blocks)
	}
	// The classes' sorted lists are merged into one order.
	final := mergeClasses(classes, reps, blocks)
	total := 0
	for _, r := range reps {
		total += len(r)
	}
	// Index of every occurrence, and the nodes of every distinct group.
	for k, c := range classes {
		occ, rank, fin := occs[k], ranks[k], final[k]
		parallelFor(len(occ), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				s, e := c.locate(int(occ[i]))
				seg := c.segs[s]
				out.Index[seg.b][e*len(blocks[seg.b].Groups)+seg.g] = fin[rank[i]]
			}
		})
	}
	out.Start = make([]int32, total+1)
	for k, c := range classes {
		for r := range reps[k] {
			out.Start[final[k][r]+1] = int32(c.width)
		}
	}
	for u := range total {
		out.Start[u+1] += out.Start[u]
	}
	out.Nodes = make([]int32, out.Start[total])
	for k, c := range classes {
		rep, fin := reps[k], final[k]
		parallelFor(len(rep), grainLight, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				u := fin[r]
				c.nodes(out.Nodes[out.Start[u]:out.Start[u+1]], int(rep[r]), blocks)
			}
		})
	}
	return out
}

// locate returns the segment and element of occurrence o.
func (c *groupClass) locate(o int) (int, int) {
	s := len(c.segs) - 1
	for c.segs[s].base > o {
		s--
	}
	return s, o - c.segs[s].base
}

// nodes stores in dst (len width) the sorted nodes of occurrence o.
func (c *groupClass) nodes(dst []int32, o int, blocks []GroupBlock) {
	s, e := c.locate(o)
	seg := c.segs[s]
	blk := &blocks[seg.b]
	el := blk.Conn[e*blk.NodesPerElem : (e+1)*blk.NodesPerElem]
	for j, l := range blk.Groups[seg.g] {
		dst[j] = el[l]
	}
	insertionSort(dst)
}

// sortUnique sorts the occurrences of class c by their sorted node lists
// and numbers the distinct lists. It returns the occurrences in sorted
// order, the rank of each sorted position and one occurrence per rank.
func (c *groupClass) sortUnique(numNodes int, blocks []GroupBlock) (occ, rank, rep []int32) {
	n := c.n
	if n > MaxIndex {
		panic("compute: UniqueNodeGroups: more than 2^31-1 groups of one size")
	}
	nn := uint64(max(numNodes, 1))
	var keys, keys2 []uint64
	var occ2 []int32
	alongside(func() {
		keys2 = make([]uint64, n)
		occ2 = make([]int32, n)
	}, func() {
		keys = make([]uint64, n)
		occ = make([]int32, n)
		for _, seg := range c.segs {
			blk := &blocks[seg.b]
			grp := blk.Groups[seg.g]
			npe := blk.NodesPerElem
			parallelFor(seg.ne, grainHeavy, func(lo, hi int) {
				var buf [maxGroupNodes]int32
				d := buf[:len(grp)]
				for e := lo; e < hi; e++ {
					el := blk.Conn[e*npe : (e+1)*npe]
					for j, l := range grp {
						d[j] = el[l]
					}
					insertionSort(d)
					k := uint64(uint32(d[0])) * nn
					if len(d) > 1 {
						k += uint64(uint32(d[1]))
					}
					keys[seg.base+e] = k
					occ[seg.base+e] = int32(seg.base + e)
				}
			})
		}
	})
	keys, occ = radixSort(keys, keys2, occ, occ2, keyBitsFor(nn*nn-1))
	// first[i] is true where a new distinct list starts. Runs of equal
	// keys are settled by the chunk they start in; within a run the full
	// lists are compared (only for groups of more than two nodes).
	first := make([]bool, n)
	w := c.width
	forChunks(n, reduceChunk, func(_, lo, hi int) {
		for lo < hi && lo > 0 && keys[lo] == keys[lo-1] {
			lo++
		}
		var scratch []int32
		for s := lo; s < hi; {
			e := s + 1
			for e < n && keys[e] == keys[s] {
				e++
			}
			if e-s == 1 || w <= 2 {
				first[s] = true
				s = e
				continue
			}
			// Sort the run by full node list, stably (insertion sort
			// over the run, which is short).
			m := e - s
			if cap(scratch) < m*w {
				scratch = make([]int32, m*w)
			}
			lists := scratch[:m*w]
			for i := range m {
				c.nodes(lists[i*w:(i+1)*w], int(occ[s+i]), blocks)
			}
			run := occ[s:e]
			for i := 1; i < m; i++ {
				for j := i; j > 0 && compareLists(lists[(j-1)*w:j*w], lists[j*w:(j+1)*w]) > 0; j-- {
					swapLists(lists, j-1, j, w)
					run[j-1], run[j] = run[j], run[j-1]
				}
			}
			for i := range m {
				if i == 0 || compareLists(lists[(i-1)*w:i*w], lists[i*w:(i+1)*w]) != 0 {
					first[s+i] = true
				}
			}
			s = e
		}
	})
	// Ranks: a prefix count of the starts, chunk by chunk.
	nc := numChunks(n, reduceChunk)
	counts := make([]int, nc)
	forChunks(n, reduceChunk, func(ch, lo, hi int) {
		cnt := 0
		for _, f := range first[lo:hi] {
			if f {
				cnt++
			}
		}
		counts[ch] = cnt
	})
	total := 0
	for ch, cnt := range counts {
		counts[ch] = total
		total += cnt
	}
	rank = make([]int32, n)
	rep = make([]int32, total)
	forChunks(n, reduceChunk, func(ch, lo, hi int) {
		// Positions before the chunk's first start continue the
		// previous chunk's last list.
		r := int32(counts[ch]) - 1
		for i := lo; i < hi; i++ {
			if first[i] {
				r++
				rep[r] = occ[i]
			}
			rank[i] = r
		}
	})
	return occ, rank, rep
}

// compareLists compares two node lists lexicographically.
func compareLists(a, b []int32) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func swapLists(lists []int32, i, j, w int) {
	for k := range w {
		lists[i*w+k], lists[j*w+k] = lists[j*w+k], lists[i*w+k]
	}
}

// mergeClasses returns, for each class, the final number of each of its
// ranks: the classes' sorted lists merged lexicographically.
func mergeClasses(classes []*groupClass, reps [][]int32, blocks []GroupBlock) [][]int32 {
	final := make([][]int32, len(classes))
	for k := range classes {
		final[k] = make([]int32, len(reps[k]))
	}
	if len(classes) == 1 {
		parallelFor(len(final[0]), grainLight, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				final[0][r] = int32(r)
			}
		})
		return final
	}
	pos := make([]int, len(classes))
	cur := make([][]int32, len(classes))
	for k, c := range classes {
		cur[k] = make([]int32, c.width)
		if len(reps[k]) > 0 {
			c.nodes(cur[k], int(reps[k][0]), blocks)
		}
	}
	for u := int32(0); ; u++ {
		best := -1
		for k := range classes {
			if pos[k] < len(reps[k]) && (best < 0 || compareLists(cur[k], cur[best]) < 0) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		final[best][pos[best]] = u
		pos[best]++
		if pos[best] < len(reps[best]) {
			classes[best].nodes(cur[best], int(reps[best][pos[best]]), blocks)
		}
	}
	return final
}

// AverageGroups stores in dst[u*stride+d] the average of src[n*stride+d]
// over the nodes n of group u, for d < stride, in parallel. It sums, in
// the group's order, each value times 1/len(group), as exomerge's
// _create_averaged_nodes does, so a midpoint is exactly (a+b)/2. It panics
// if dst is shorter than groups.Len()*stride.
func AverageGroups(dst, src []float64, stride int, groups *NodeGroups) {
	n := groups.Len()
	if len(dst) < n*stride {
		panic(fmt.Sprintf("compute: AverageGroups: %d destination values for %d groups of stride %d", len(dst), n, stride))
	}
	parallelFor(n, grainLight, func(lo, hi int) {
		for u := lo; u < hi; u++ {
			g := groups.Nodes[groups.Start[u]:groups.Start[u+1]]
			w := 1 / float64(len(g))
			for d := range stride {
				s := 0.0
				for _, node := range g {
					s += w * src[int(node)*stride+d]
				}
				dst[u*stride+d] = s
			}
		}
	})
}

// ExpandConnectivity writes the connectivity of converted elements into
// dst. Each old element (npe nodes in conn) becomes len(scheme) new
// elements; entry j of new element k is scheme[k][j]: a value v >= 0 is
// the element's local node v, a value v < 0 is the new node base+index[e*
// groups+(-v-1)], the element's group -v-1 in a UniqueNodeGroups index.
// Every scheme[k] must have the same length. It panics if dst has not
// exactly ne*len(scheme)*len(scheme[0]) entries.
func ExpandConnectivity(dst, conn []int32, npe int, scheme [][]int32, index []int32, groups int, base int32) {
	ne := checkConn(conn, npe)
	flat := make([]int32, 0, len(scheme)*max(len(scheme), 1))
	for _, s := range scheme {
		flat = append(flat, s...)
	}
	if len(dst) != ne*len(flat) {
		panic(fmt.Sprintf("compute: ExpandConnectivity: %d destination entries for %d elements of %d new entries", len(dst), ne, len(flat)))
	}
	out := len(flat)
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		for e := lo; e < hi; e++ {
			el := conn[e*npe : (e+1)*npe]
			idx := index[e*groups : (e+1)*groups]
			d := dst[e*out : (e+1)*out]
			for j, v := range flat {
				if v >= 0 {
					d[j] = el[v]
				} else {
					d[j] = base + idx[-v-1]
				}
			}
		}
	})
}
