package compute

import (
	"fmt"
	"slices"
	"sort"
)

// This file finds the distinct node groups (edges, faces, whole elements)
// whose averages become the new nodes of an element conversion, and builds
// the converted connectivity. A group shared by several elements, of one
// block or of several, is found once: the occurrences are sorted by their
// sorted node lists (a parallel counting sort on the smallest node, then a
// small sort of each bucket on the next nodes), so equal groups end up
// side by side. No map is kept per node or per group.

// maxGroupNodes bounds the size of one node group.
const maxGroupNodes = 32

// GroupBlock is one block's input to UniqueNodeGroups: its connectivity and
// the groups of local nodes (0-based, into one element's connectivity) of
// every element whose averages are wanted.
//
// If Out is set, the group numbers go straight into the converted
// connectivity instead of NodeGroups.Index: Scheme is the conversion (as
// for ExpandConnectivity; each new element the same length) and Out has
// room for len(Scheme)*len(Scheme[0]) entries per element, of which
// UniqueNodeGroups fills those naming a group (-g-1 stands for group g),
// with numNodes plus the group's number: the index of the new node when the
// new nodes are appended to the numNodes old ones in group order.
// ExpandConnectivity with a nil index fills the others.
type GroupBlock struct {
	Conn         []int32
	NodesPerElem int
	Groups       [][]int32
	Scheme       [][]int32
	Out          []int32
}

// NodeGroups lists distinct groups of nodes, each as its nodes in
// increasing order (repeats kept), numbered from 0 in exomerge's order
// (see UniqueNodeGroups).
type NodeGroups struct {
	// Classes holds the distinct groups of each size, by increasing
	// size.
	Classes []GroupList
	// Index[b][e*len(Groups)+g] is the number of group g of element e of
	// block b (nil for a block with Out).
	Index [][]int32
}

// GroupList holds the distinct groups of one size.
type GroupList struct {
	Width int
	// Nodes holds Width sorted nodes per group.
	Nodes []int32
	// Number[r] is the number of group r of the list; nil when the list is
	// the only one, whose group r is number r.
	Number []int32
}

// Len returns the number of distinct groups.
func (g NodeGroups) Len() int {
	n := 0
	for _, c := range g.Classes {
		n += len(c.Nodes) / c.Width
	}
	return n
}

// Flatten returns the nodes of every group in number order: group u is
// nodes[start[u]:start[u+1]].
func (g NodeGroups) Flatten() (nodes, start []int32) {
	n := g.Len()
	start = make([]int32, n+1)
	for _, c := range g.Classes {
		for r := range len(c.Nodes) / c.Width {
			start[c.number(r)+1] = int32(c.Width)
		}
	}
	for u := range n {
		start[u+1] += start[u]
	}
	nodes = make([]int32, start[n])
	for _, c := range g.Classes {
		for r := range len(c.Nodes) / c.Width {
			copy(nodes[start[c.number(r)]:], c.Nodes[r*c.Width:(r+1)*c.Width])
		}
	}
	return nodes, start
}

func (c *GroupList) number(r int) int {
	if c.Number == nil {
		return r
	}
	return int(c.Number[r])
}

// groupClass gathers the groups of one size: the segments (block, group)
// and the occurrences, numbered segment by segment, element by element.
type groupClass struct {
	width int
	segs  []groupSeg
	n     int
	// ne is the element count of every segment when they all have the
	// same (one block), else 0.
	ne int
}

// groupSeg is the occurrences of group g of block b: occurrence base+e is
// element e's. uses lists the entries of an element's Out that get it.
type groupSeg struct {
	b, g, base, ne int
	uses           []int32
	outStride      int
}

// UniqueNodeGroups finds the distinct node groups of the given blocks over
// numNodes nodes. Two groups are the same when their sorted node lists are
// equal. The distinct groups are numbered as exomerge orders its sorted
// tuples: lexicographically, a group before the longer groups it starts.
// It panics if a group is empty, holds more than 32 nodes or refers past
// an element, or if a connectivity or Out length does not fit.
func UniqueNodeGroups(numNodes int, blocks []GroupBlock) NodeGroups {
	var classes []*groupClass
	byWidth := map[int]*groupClass{}
	out := NodeGroups{Index: make([][]int32, len(blocks))}
	for b, blk := range blocks {
		ne := checkConn(blk.Conn, blk.NodesPerElem)
		stride := 0
		if blk.Out != nil {
			if len(blk.Scheme) > 0 {
				stride = len(blk.Scheme) * len(blk.Scheme[0])
			}
			if len(blk.Out) != ne*stride {
				panic(fmt.Sprintf("compute: UniqueNodeGroups: block %d: %d output entries for %d elements of %d", b, len(blk.Out), ne, stride))
			}
		} else {
			out.Index[b] = Make[int32](ne * len(blk.Groups))
		}
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
			seg := groupSeg{b: b, g: g, base: c.n, ne: ne, outStride: stride}
			if blk.Out != nil {
				j := 0
				for _, el := range blk.Scheme {
					for _, v := range el {
						if v == int32(-g-1) {
							seg.uses = append(seg.uses, int32(j))
						}
						j++
					}
				}
			}
			c.segs = append(c.segs, seg)
			c.n += ne
		}
	}
	sort.Slice(classes, func(i, j int) bool { return classes[i].width < classes[j].width })
	for _, c := range classes {
		c.ne = c.segs[0].ne
		for _, seg := range c.segs {
			if seg.ne != c.ne {
				c.ne = 0
			}
		}
	}
	// Each class is sorted and numbered on its own; Index and Out get the
	// class-local numbers, renumbered below if there are several classes.
	for _, c := range classes {
		out.Classes = append(out.Classes, GroupList{Width: c.width, Nodes: c.sortUnique(numNodes, blocks, out.Index)})
	}
	if len(classes) < 2 {
		return out
	}
	final := mergeClasses(out.Classes)
	for k, c := range classes {
		fin := final[k]
		out.Classes[k].Number = fin
		for _, seg := range c.segs {
			if seg.uses != nil {
				o, stride := blocks[seg.b].Out, seg.outStride
				parallelFor(seg.ne, grainLight, func(lo, hi int) {
					for e := lo; e < hi; e++ {
						for _, p := range seg.uses {
							o[e*stride+int(p)] = int32(numNodes) + fin[o[e*stride+int(p)]-int32(numNodes)]
						}
					}
				})
				continue
			}
			if out.Index[seg.b] == nil {
				continue
			}
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
	if c.ne > 0 {
		return o / c.ne, o % c.ne
	}
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
	if n < nn/8 {
		// Few groups among many nodes: buckets for every node would
		// cost more than a plain sort.
		return c.sortUniqueSmall(numNodes, blocks, index)
	}
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
				c.emit(o, r, numNodes, blocks, index)
			}
		}
	})
	return lists
}

// emit stores the number r of occurrence o in its block's Out (plus
// numNodes) or index.
func (c *groupClass) emit(o int, r int32, numNodes int, blocks []GroupBlock, index [][]int32) {
	s, el := c.locate(o)
	seg := &c.segs[s]
	if seg.uses != nil {
		dst := blocks[seg.b].Out[el*seg.outStride:]
		for _, p := range seg.uses {
			dst[p] = int32(numNodes) + r
		}
	} else if index[seg.b] != nil {
		index[seg.b][el*len(blocks[seg.b].Groups)+seg.g] = r
	}
}

// sortUniqueSmall is sortUnique by a serial comparison sort, for classes
// with few occurrences.
func (c *groupClass) sortUniqueSmall(numNodes int, blocks []GroupBlock, index [][]int32) []int32 {
	w, n := c.width, c.n
	keys := make([]int32, n*w)
	for _, seg := range c.segs {
		blk := &blocks[seg.b]
		for e := range seg.ne {
			o := seg.base + e
			sortedNodes(keys[o*w:(o+1)*w], blk.Conn[e*blk.NodesPerElem:], blk.Groups[seg.g])
		}
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	key := func(o int32) []int32 { return keys[int(o)*w : int(o+1)*w] }
	slices.SortStableFunc(order, func(a, b int32) int { return compareLists(key(a), key(b)) })
	var lists []int32
	r := int32(-1)
	for i, o := range order {
		if i == 0 || compareLists(key(order[i-1]), key(o)) != 0 {
			r++
			lists = append(lists, key(o)...)
		}
		c.emit(int(o), r, numNodes, blocks, index)
	}
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

// mergeClasses returns, for each list, the number of each of its groups:
// the lists merged lexicographically.
func mergeClasses(lists []GroupList) [][]int32 {
	final := make([][]int32, len(lists))
	for k, c := range lists {
		final[k] = make([]int32, len(c.Nodes)/c.Width)
	}
	pos := make([]int, len(lists))
	list := func(k int) []int32 {
		w := lists[k].Width
		return lists[k].Nodes[pos[k]*w : (pos[k]+1)*w]
	}
	for u := int32(0); ; u++ {
		best := -1
		for k := range lists {
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
	if n := groups.Len(); len(dst) < n*stride {
		panic(fmt.Sprintf("compute: AverageGroups: %d destination values for %d groups of stride %d", len(dst), n, stride))
	}
	for _, c := range groups.Classes {
		w := c.Width
		scale := 1 / float64(w)
		parallelFor(len(c.Nodes)/w, grainLight, func(lo, hi int) {
			for r := lo; r < hi; r++ {
				g := c.Nodes[r*w : (r+1)*w]
				u := c.number(r)
				for d := range stride {
					s := 0.0
					for _, node := range g {
						s += scale * src[int(node)*stride+d]
					}
					dst[u*stride+d] = s
				}
			}
		})
	}
}

// ExpandConnectivity writes the connectivity of converted elements into
// dst. Each old element (npe nodes in conn) becomes len(scheme) new
// elements; entry j of new element k is scheme[k][j]: a value v >= 0 is
// the element's local node v, a value v < 0 is the new node base+index[e*
// groups+(-v-1)], the element's group -v-1 in a UniqueNodeGroups index.
// With a nil index the entries naming a group are left as they are (see
// GroupBlock.Out). Every scheme[k] must have the same length. It panics if
// dst has not exactly ne*len(scheme)*len(scheme[0]) entries.
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
			d := dst[e*out : (e+1)*out]
			var idx []int32
			if index != nil {
				idx = index[e*groups : (e+1)*groups]
			}
			if index == nil {
				for j, v := range flat {
					if v >= 0 {
						d[j] = el[v]
					}
				}
				continue
			}
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
