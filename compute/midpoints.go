package compute

import (
	"fmt"
	"slices"
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
func (g NodeGroups) Len() int { return len(g.Start) - 1 }

// Group returns the sorted nodes of group u.
func (g NodeGroups) Group(u int) []int32 { return g.Nodes[g.Start[u]:g.Start[u+1]] }

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
		out.Index[b] = Make[int32](ne * len(blk.Groups))
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
	// Each class is sorted and numbered on its own; Index gets the
	// class-local numbers, renumbered below if there are several classes.
	lists := make([][]int32, len(classes))
	for k, c := range classes {
		lists[k] = c.sortUnique(numNodes, blocks, out.Index)
	}
	total := 0
	for k, c := range classes {
		total += len(lists[k]) / c.width
	}
	out.Start = Make[int32](total + 1)
	if len(classes) == 1 {
		w := int32(classes[0].width)
		out.Nodes = lists[0]
		parallelFor(total+1, grainLight, func(lo, hi int) {
			for u := lo; u < hi; u++ {
				out.Start[u] = int32(u) * w
			}
		})
		return out
	}
	// The classes' sorted lists are merged into one order, and the
	// class-local numbers in Index renumbered.
	final := mergeClasses(classes, lists)
	for k, c := range classes {
		for r := range final[k] {
			out.Start[final[k][r]+1] = int32(c.width)
		}
	}
	for u := range total {
		out.Start[u+1] += out.Start[u]
	}
	out.Nodes = Make[int32](int(out.Start[total]))
	for k, c := range classes {
		fin, w := final[k], c.width
		parallelFor(len(fin), grainLight, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				copy(out.Nodes[out.Start[fin[r]]:], lists[k][r*w:(r+1)*w])
			}
		})
		for _, seg := range c.segs {
			idx, stride := out.Index[seg.b], len(blocks[seg.b].Groups)
			parallelFor(seg.ne, grainLight, func(lo, hi int) {
				for e := lo; e < hi; e++ {
					idx[e*stride+seg.g] = fin[idx[e*stride+seg.g]]
				}
			})
		}
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

// sortUnique numbers the distinct sorted node lists of the occurrences of
// class c in lexicographic order, stores the number of each occurrence in
// index and returns the lists (width nodes each) in that order.
//
// The occurrences are bucketed by their smallest node with a parallel
// counting sort (each goroutine counts, then places, a contiguous range of
// occurrences), holding (second node, occurrence) pairs; each bucket, a few
// occurrences, is then sorted on its own, the full lists breaking ties of
// the second node.
func (c *groupClass) sortUnique(numNodes int, blocks []GroupBlock, index [][]int32) []int32 {
	n := c.n
	if n > MaxIndex {
		panic("compute: UniqueNodeGroups: more than 2^31-1 groups of one size")
	}
	nn := max(numNodes, 1)
	w := c.width
	p := privateWorkers(n)
	part := func(k int) (int, int) { return n * k / p, n * (k + 1) / p }
	// Pass 1: count the occurrences of each bucket, per goroutine.
	counts := make([][]int32, p)
	parallelFor(p, 1, func(klo, khi int) {
		for k := klo; k < khi; k++ {
			cnt := make([]int32, nn)
			lo, hi := part(k)
			for _, seg := range c.segs {
				a, z := max(lo, seg.base), min(hi, seg.base+seg.ne)
				blk := &blocks[seg.b]
				grp, npe := blk.Groups[seg.g], blk.NodesPerElem
				for o := a; o < z; o++ {
					cnt[minNode(blk.Conn[(o-seg.base)*npe:], grp)]++
				}
			}
			counts[k] = cnt
		}
	})
	// Bucket starts, and each goroutine's place in each bucket (in
	// goroutine order, so that a bucket lists its occurrences in order).
	start := make([]int32, nn+1)
	off := int32(0)
	for a := range nn {
		start[a] = off
		for k := range p {
			cnt := counts[k][a]
			counts[k][a] = off
			off += cnt
		}
	}
	start[nn] = off
	// Pass 2: place the entries: for lists of up to two nodes one word,
	// (second node, occurrence); for longer ones two words, (second,
	// third node) and (fourth node, occurrence). The words sort like the
	// lists, and lists of up to four nodes that tie on them are equal.
	ew := 1
	if w > 2 {
		ew = 2
	}
	entries := Make[uint64](n * ew)
	parallelFor(p, 1, func(klo, khi int) {
		for k := klo; k < khi; k++ {
			pos := counts[k]
			lo, hi := part(k)
			var buf [maxGroupNodes]int32
			d := buf[:w]
			for _, seg := range c.segs {
				a, z := max(lo, seg.base), min(hi, seg.base+seg.ne)
				blk := &blocks[seg.b]
				grp, npe := blk.Groups[seg.g], blk.NodesPerElem
				for o := a; o < z; o++ {
					sortedNodes(d, blk.Conn[(o-seg.base)*npe:], grp)
					at := int(pos[d[0]]) * ew
					pos[d[0]]++
					switch {
					case w == 1:
						entries[at] = uint64(o)
					case w == 2:
						entries[at] = uint64(uint32(d[1]))<<32 | uint64(o)
					default:
						var fourth uint64
						if w > 3 {
							fourth = uint64(uint32(d[3]))
						}
						entries[at] = uint64(uint32(d[1]))<<32 | uint64(uint32(d[2]))
						entries[at+1] = fourth<<32 | uint64(o)
					}
				}
			}
		}
	})
	counts = nil
	// Pass 3: sort each bucket and flag (bit 31 of the occurrence word)
	// where a new distinct list starts; count the starts per chunk of
	// buckets.
	const flag = 1 << 31
	nc := numChunks(nn, reduceChunk)
	starts := make([]int, nc+1)
	forChunks(nn, reduceChunk, func(ch, alo, ahi int) {
		var scratch []int32
		cnt := 0
		for a := alo; a < ahi; a++ {
			bkt := entries[int(start[a])*ew : int(start[a+1])*ew]
			if len(bkt) == 0 {
				continue
			}
			if ew == 1 {
				if len(bkt) <= 16 {
					insertionSort64(bkt)
				} else {
					slices.Sort(bkt)
				}
			} else {
				sortPairs(bkt)
			}
			if ew == 1 {
				// Lists of up to two nodes: equal second nodes, equal lists.
				prev := uint64(1) << 63
				for i, e := range bkt {
					if e>>32 != prev {
						bkt[i] |= flag
						cnt++
					}
					prev = e >> 32
				}
				continue
			}
			m := len(bkt) / 2
			for i := 0; i < m; {
				j := i + 1
				for j < m && bkt[2*i] == bkt[2*j] && bkt[2*i+1]>>32 == bkt[2*j+1]>>32 {
					j++
				}
				if j-i == 1 || w <= 4 {
					bkt[2*i+1] |= flag
					cnt++
					i = j
					continue
				}
				// Lists of more than four nodes tying on four: sort
				// the run by full list, stably (insertion sort; such
				// runs are duplicates or degenerate elements).
				r := j - i
				if cap(scratch) < r*w {
					scratch = make([]int32, r*w)
				}
				lists := scratch[:r*w]
				run := bkt[i*2 : j*2]
				for q := range r {
					c.nodes(lists[q*w:(q+1)*w], int(uint32(run[2*q+1])), blocks)
				}
				for x := 1; x < r; x++ {
					for q := x; q > 0 && compareLists(lists[(q-1)*w:q*w], lists[q*w:(q+1)*w]) > 0; q-- {
						swapLists(lists, q-1, q, w)
						run[2*q-2], run[2*q] = run[2*q], run[2*q-2]
						run[2*q-1], run[2*q+1] = run[2*q+1], run[2*q-1]
					}
				}
				for q := range r {
					if q == 0 || compareLists(lists[(q-1)*w:q*w], lists[q*w:(q+1)*w]) != 0 {
						run[2*q+1] |= flag
						cnt++
					}
				}
				i = j
			}
		}
		starts[ch+1] = cnt
	})
	for ch := range nc {
		starts[ch+1] += starts[ch]
	}
	// Pass 4: number the lists, store each occurrence's number and each
	// list's nodes (read off the entry, or, past four nodes, gathered).
	lists := Make[int32](starts[nc] * w)
	forChunks(nn, reduceChunk, func(ch, alo, ahi int) {
		r := int32(starts[ch]) - 1
		for a := alo; a < ahi; a++ {
			for i := int(start[a]); i < int(start[a+1]); i++ {
				e := entries[i*ew+ew-1]
				o := int(uint32(e) &^ flag)
				if e&flag != 0 {
					r++
					d := lists[int(r)*w : int(r+1)*w]
					switch {
					case w > 4:
						c.nodes(d, o, blocks)
					case w > 2:
						d[0], d[1], d[2] = int32(a), int32(entries[i*2]>>32), int32(uint32(entries[i*2]))
						if w > 3 {
							d[3] = int32(e >> 32)
						}
					case w == 2:
						d[0], d[1] = int32(a), int32(e>>32)
					default:
						d[0] = int32(a)
					}
				}
				s, el := c.locate(o)
				seg := c.segs[s]
				index[seg.b][el*len(blocks[seg.b].Groups)+seg.g] = r
			}
		}
	})
	return lists
}

// sortedNodes stores in d the nodes grp of the element whose connectivity
// starts el, sorted.
func sortedNodes(d []int32, el []int32, grp []int32) {
	for j, l := range grp {
		d[j] = el[l]
	}
	if len(d) == 2 {
		if d[0] > d[1] {
			d[0], d[1] = d[1], d[0]
		}
		return
	}
	insertionSort(d)
}

// minNode returns the smallest of the nodes grp of the element whose
// connectivity starts el.
func minNode(el []int32, grp []int32) int32 {
	m := el[grp[0]]
	for _, l := range grp[1:] {
		m = min(m, el[l])
	}
	return m
}

// sortPairs sorts a short slice of (word, word) pairs by insertion.
func sortPairs(a []uint64) {
	for i := 2; i < len(a); i += 2 {
		x, y := a[i], a[i+1]
		j := i
		for j > 0 && (a[j-2] > x || a[j-2] == x && a[j-1] > y) {
			a[j], a[j+1] = a[j-2], a[j-1]
			j -= 2
		}
		a[j], a[j+1] = x, y
	}
}

// insertionSort64 sorts a short slice in place.
func insertionSort64(a []uint64) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for j > 0 && a[j-1] > v {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
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
// lists: the classes' sorted lists merged lexicographically.
func mergeClasses(classes []*groupClass, lists [][]int32) [][]int32 {
	final := make([][]int32, len(classes))
	for k, c := range classes {
		final[k] = make([]int32, len(lists[k])/c.width)
	}
	pos := make([]int, len(classes))
	list := func(k int) []int32 {
		w := classes[k].width
		return lists[k][pos[k]*w : (pos[k]+1)*w]
	}
	for u := int32(0); ; u++ {
		best := -1
		for k := range classes {
			if pos[k] < len(final[k]) && (best < 0 || compareLists(list(k), list(best)) < 0) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		final[best][pos[best]] = u
		pos[best]++
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
