package compute

import (
	"fmt"
	"runtime"
	"slices"
)

// CountDisconnected returns the number of groups of elements connected
// through shared nodes, over all the given blocks together, as exomerge's
// count_disconnected_blocks does: the number of connected components of the
// graph whose vertices are the nodes used by the blocks and whose edges join
// the nodes of each element. numNodes is the node count; every connectivity
// entry must lie in [0, numNodes).
//
// It runs a concurrent union-find over the nodes (one int32 per node, in
// which a node no element uses stays -1) and then counts the roots. The
// goroutines join the nodes of each element (unionFind.join): about one
// load per node already in the set of the element's first node, as most
// are in a connected mesh, and one compare-and-swap per node no earlier
// element used. They visit the elements in their stored order, which
// needs no memory but the forest and keeps its accesses close together
// when neighbouring elements are stored near each other, as meshers and
// exomerge store them (an 8M-element cube in exomerge's order, z fastest,
// then costs little more per element than a 512k-element one). From 2^18
// nodes on (a forest larger than a core's cache), when fewer than half of
// a sample of elements share a node with the element stored before them
// (elements in random order), they visit the elements in the order of
// their smallest node instead, in windows of nodes (see joinWindows),
// for 4 bytes per element more. The result does not depend on GOMAXPROCS.
func CountDisconnected(numNodes int, blocks []ConnBlock) int {
	n, _ := Stop(nil).CountDisconnected(numNodes, blocks)
	return n
}

// CountDisconnected is the stoppable form of the function
// CountDisconnected: it returns ErrStopped once s is closed.
func (s Stop) CountDisconnected(numNodes int, blocks []ConnBlock) (n int, err error) {
	err = s.run(func() { n = s.countDisconnected(numNodes, blocks, disconnectedWindowMin, disconnectedWindow) })
	return n, err
}

// disconnectedWindowMin is the smallest number of nodes for which
// CountDisconnected may visit the elements in windows of nodes: a forest
// of 1 MiB, a core's second-level cache here.
const disconnectedWindowMin = 1 << 18

// disconnectedWindow is the log2 of the number of nodes of one window of
// joinWindows: 128 KiB of the forest.
const disconnectedWindow = 15

// countDisconnected is CountDisconnected, visiting the elements in
// windows of 2^window nodes from windowMin nodes on when their stored
// order is scattered.
func (s Stop) countDisconnected(numNodes int, blocks []ConnBlock, windowMin int, window uint) int {
	if numNodes > MaxIndex {
		panic("compute: CountDisconnected: more than 2^31-1 nodes")
	}
	ne := 0
	for _, blk := range blocks {
		ne += checkConn(blk.Conn, blk.NodesPerElem)
	}
	uf := emptyForest(numNodes)
	if numNodes >= windowMin && ne <= MaxIndex && scatteredOrder(blocks) {
		s.joinWindows(uf, blocks, window)
	} else {
		for _, blk := range blocks {
			npe := blk.NodesPerElem
			ne := len(blk.Conn) / max(npe, 1)
			conn := blk.Conn
			parallelForStop(s, ne, grainHeavy, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					uf.join(conn[i*npe : i*npe+npe])
				}
			})
		}
	}
	return countRoots(uf)
}

// emptyForest returns a union-find over n items with every item outside
// every set (-1): a node no element uses stays so, and the elements using
// it add it (one pass, no separate marking of used nodes).
func emptyForest(n int) unionFind {
	uf := unionFind(Int32s(n))
	parallelFor(n, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			uf[i] = -1
		}
	})
	return uf
}

// countRoots returns the number of sets of a forest.
func countRoots(uf unionFind) int {
	n := len(uf)
	counts := make([]int, numChunks(n, reduceChunk))
	forChunks(n, reduceChunk, func(c, lo, hi int) {
		m := 0
		for i, p := range uf[lo:hi] {
			if p == int32(lo+i) {
				m++
			}
		}
		counts[c] = m
	})
	groups := 0
	for _, m := range counts {
		groups += m
	}
	return groups
}

// orderSamples is the number of elements per block scatteredOrder
// looks at.
const orderSamples = 1024

// scatteredOrder reports whether fewer than half of a sample of elements
// (up to orderSamples per block of elements of two nodes or more, evenly
// spread) share a node with the element stored before them in their
// block, as in a block whose elements are in random order: then the nodes
// of the elements visited one after the other lie far apart, and each
// element costs several cache misses in a forest larger than the caches.
func scatteredOrder(blocks []ConnBlock) bool {
	sampled, shared := 0, 0
	for _, blk := range blocks {
		npe := blk.NodesPerElem
		if npe < 2 {
			continue // spheres share no nodes, in any order
		}
		conn := blk.Conn
		ne := len(conn) / npe
		for e := 1; e < ne; e += max(1, (ne-1)/orderSamples) {
			sampled++
			prev, el := conn[(e-1)*npe:e*npe], conn[e*npe:(e+1)*npe]
			for _, n := range el {
				if slices.Contains(prev, n) {
					shared++
					break
				}
			}
		}
	}
	return 2*shared < sampled
}

// disconnectedGather is the number of elements joinWindows copies at a
// time.
const disconnectedGather = 256

// joinWindows joins the nodes of every element of blocks in uf (an empty
// forest over all the nodes), visiting the elements in the order of their
// smallest node, in windows of 2^window nodes (a counting sort of their
// global numbers, 4 bytes per element), so that the forest is read and
// written in sliding windows that stay in cache whatever the element
// order. The goroutines take runs of windows far apart. Each copies
// disconnectedGather elements of a window at a time to a buffer, in a
// loop short enough for the processor to fetch many at once (they lie
// far apart in memory), and then joins them. The total number of
// elements must be at most MaxIndex.
func (s Stop) joinWindows(uf unionFind, blocks []ConnBlock, window uint) {
	nb := len(blocks)
	base := make([]int, nb+1)
	for b, blk := range blocks {
		base[b+1] = base[b] + len(blk.Conn)/max(blk.NodesPerElem, 1)
	}
	ne := base[nb]
	if ne == 0 {
		return
	}
	nc := len(uf)>>window + 1
	// 1. Count the elements of each window per part.
	q := min(4*runtime.GOMAXPROCS(0), ne)
	hist := make([][]int32, q)
	forElemParts(s, base, q, func(w, b, lo, hi int) {
		if hist[w] == nil {
			hist[w] = make([]int32, nc)
		}
		h := hist[w]
		npe, conn := blocks[b].NodesPerElem, blocks[b].Conn
		for e := lo; e < hi; e++ {
			h[elemMin(conn[e*npe:e*npe+npe])>>window]++
		}
	})
	// 2. Window starts, and each part's first place in each.
	start := make([]int, nc+1)
	off := 0
	for c := range nc {
		start[c] = off
		for _, h := range hist {
			if h != nil {
				x := h[c]
				h[c] = int32(off)
				off += int(x)
			}
		}
	}
	start[nc] = off
	// 3. The global element numbers in window order, increasing within
	// each window.
	ids := Int32s(ne)
	forElemParts(s, base, q, func(w, b, lo, hi int) {
		h := hist[w]
		npe, conn := blocks[b].NodesPerElem, blocks[b].Conn
		g := int32(base[b])
		for e := lo; e < hi; e++ {
			c := elemMin(conn[e*npe:e*npe+npe]) >> window
			ids[h[c]] = g + int32(e)
			h[c]++
		}
	})
	// 4. Join, window by window.
	parallelForStop(s, nc, 1, func(clo, chi int) {
		var buf []int32
		for c := clo; c < chi; c++ {
			list := ids[start[c]:start[c+1]]
			b := 0
			for len(list) > 0 {
				for int(list[0]) >= base[b+1] {
					b++
				}
				end := int32(base[b+1])
				n := 0
				for n < len(list) && n < disconnectedGather && list[n] < end {
					n++
				}
				npe, conn := blocks[b].NodesPerElem, blocks[b].Conn
				eb := int32(base[b])
				if cap(buf) < n*npe {
					buf = make([]int32, disconnectedGather*npe)
				}
				buf = buf[:n*npe]
				if npe == 8 {
					for i, g := range list[:n] {
						e := int(g-eb) * 8
						s, d := conn[e:e+8:e+8], buf[i*8:i*8+8:i*8+8]
						d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
						d[4], d[5], d[6], d[7] = s[4], s[5], s[6], s[7]
					}
				} else {
					for i, g := range list[:n] {
						e := int(g-eb) * npe
						copy(buf[i*npe:i*npe+npe], conn[e:e+npe])
					}
				}
				for i := range n {
					uf.join(buf[i*npe : i*npe+npe])
				}
				list = list[n:]
			}
		}
	})
}

// elemMin returns the smallest node of an element.
func elemMin(el []int32) int32 {
	m := el[0]
	for _, v := range el[1:] {
		m = min(m, v)
	}
	return m
}

// CountDegenerate returns the number of elements of a block that list some
// node more than once, as exomerge's count_degenerate_elements does.
func CountDegenerate(conn []int32, npe int) int {
	ne := checkConn(conn, npe)
	counts := make([]int, numChunks(ne, reduceChunk))
	forChunks(ne, reduceChunk, func(c, lo, hi int) {
		m := 0
		for i := lo; i < hi; i++ {
			if degenerate(conn[i*npe : i*npe+npe]) {
				m++
			}
		}
		counts[c] = m
	})
	total := 0
	for _, m := range counts {
		total += m
	}
	return total
}

// degenerate reports whether el repeats a node.
func degenerate(el []int32) bool {
	for j := 1; j < len(el); j++ {
		for k := range j {
			if el[j] == el[k] {
				return true
			}
		}
	}
	return false
}

// maxSortedNodes bounds the element size DuplicateElements sorts on the
// stack.
const maxSortedNodes = 64

// DuplicateElements returns, in increasing order, the elements of a block
// whose set of nodes equals that of an earlier element of the block, as
// exomerge's delete_duplicate_elements finds them: node order and repeated
// nodes do not matter, the first element of each set is kept and the others
// are listed (for deletion).
func DuplicateElements(conn []int32, npe int) []int32 {
	ne := checkConn(conn, npe)
	if ne > MaxIndex {
		panic("compute: DuplicateElements: more than 2^31-1 elements")
	}
	if npe > maxSortedNodes {
		panic(fmt.Sprintf("compute: DuplicateElements: %d nodes per element, at most %d supported", npe, maxSortedNodes))
	}
	if ne < 2 {
		return nil
	}
	// About ne/2^14 pairs of distinct sets collide (each costs one more
	// comparison): rare, and 3 radix passes up to a million elements.
	return duplicateElements(conn, npe, min(64, keyBitsFor(uint64(ne))+13))
}

// duplicateElements is DuplicateElements sorting on keyBits bits of hash.
func duplicateElements(conn []int32, npe, keyBits int) []int32 {
	ne := len(conn) / npe
	// Canonical form of each element: its distinct nodes, sorted, padded
	// with -1; and a hash of it, cut to enough bits to make collisions
	// between distinct sets rare (they cost a comparison, never a wrong
	// answer) while keeping the sort short. The canonical forms are not
	// stored (that would be a copy of conn): the few elements whose
	// hashes collide are canonicalized again to be compared.
	mask := uint64(1)<<keyBits - 1
	if keyBits == 64 {
		mask = ^uint64(0)
	}
	// The large arrays are allocated (and zeroed, by the runtime) on two
	// goroutines, and the sort's scratch while the elements are hashed.
	var (
		elems, elems2 []int32
		keys, keys2   []uint64
	)
	alongside(func() { keys = uint64s(ne) }, func() { elems = Int32s(ne) })
	alongside(func() {
		keys2 = uint64s(ne)
		elems2 = Int32s(ne)
	}, func() { canonicalize(keys, elems, conn, npe, mask) })
	sk, se := radixSort(nil, keys, keys2, elems, elems2, keyBits)
	// The value scratch the sort left free holds, for each element, the
	// earlier element of a pair of equal hashes it forms, or -1.
	cand := elems2
	if &se[0] == &elems2[0] {
		cand = elems
	}
	keys, elems = sk, se
	parallelFor(ne, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			cand[i] = -1
		}
	})
	// Elements with equal hashes are adjacent, in increasing index order
	// (the sort is stable). A run of two, almost every run with more than
	// one element, is only noted here, and checked below in element
	// order: checked here, in hash order, each pair would cost two cache
	// misses in conn (the comparisons took 40% of the time of a
	// million-element block). Within a longer run, an element equal to an
	// earlier one is a duplicate.
	dup := make([]bool, ne)
	forChunks(ne, reduceChunk, func(_, lo, hi int) {
		var bufA, bufB [maxSortedNodes]int32
		ca, cb := bufA[:npe], bufB[:npe]
		for lo < hi && lo > 0 && keys[lo] == keys[lo-1] {
			lo++
		}
		for s := lo; s < hi; {
			e := s + 1
			for e < ne && keys[e] == keys[s] {
				e++
			}
			if e-s == 2 {
				cand[elems[s+1]] = elems[s]
				s = e
				continue
			}
			for a := s + 1; a < e; a++ {
				for b := s; b < a; b++ {
					if !dup[elems[b]] && sameSet(conn, npe, int(elems[a]), int(elems[b]), ca, cb) {
						dup[elems[a]] = true
						break
					}
				}
			}
			s = e
		}
	})
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		var bufA, bufB [maxSortedNodes]int32
		ca, cb := bufA[:npe], bufB[:npe]
		for a := lo; a < hi; a++ {
			if b := cand[a]; b >= 0 && sameSet(conn, npe, a, int(b), ca, cb) {
				dup[a] = true
			}
		}
	})
	// The duplicates in increasing order, chunk by chunk of dup.
	nc := numChunks(ne, reduceChunk)
	counts := make([]int, nc+1)
	forChunks(ne, reduceChunk, func(c, lo, hi int) {
		n := 0
		for _, d := range dup[lo:hi] {
			if d {
				n++
			}
		}
		counts[c+1] = n
	})
	for c := range nc {
		counts[c+1] += counts[c]
	}
	if counts[nc] == 0 {
		return nil
	}
	out := make([]int32, counts[nc])
	forChunks(ne, reduceChunk, func(c, lo, hi int) {
		j := counts[c]
		for i, d := range dup[lo:hi] {
			if d {
				out[j] = int32(lo + i)
				j++
			}
		}
	})
	return out
}

// sameSet reports whether elements a and b of conn use the same set of
// nodes; ca and cb are scratch of npe items. The same node list (a copied
// element, as duplicate_element_block and a merge make) is the same set
// without canonicalizing.
func sameSet(conn []int32, npe, a, b int, ca, cb []int32) bool {
	na, nb := conn[a*npe:a*npe+npe], conn[b*npe:b*npe+npe]
	if slices.Equal(na, nb) {
		return true
	}
	canonInto(ca, conn, a)
	canonInto(cb, conn, b)
	return slices.Equal(ca, cb)
}

// canonicalize stores in keys a hash, cut by mask, of the canonical form
// of each element of conn (see canonInto), and in elems the element
// indices, in parallel.
func canonicalize(keys []uint64, elems []int32, conn []int32, npe int, mask uint64) {
	ne := len(keys)
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		var buf [maxSortedNodes]int32
		c := buf[:npe]
		for i := lo; i < hi; i++ {
			u := canonInto(c, conn, i)
			keys[i] = hashNodes(c[:u]) & mask
			elems[i] = int32(i)
		}
	})
}

// canonInto stores in c (of length npe, the nodes per element) the
// canonical form of element i of conn: its distinct nodes, sorted, padded
// with -1. It returns the number of distinct nodes.
func canonInto(c []int32, conn []int32, i int) int {
	npe := len(c)
	copy(c, conn[i*npe:i*npe+npe])
	insertionSort(c)
	u := 0
	for j, n := range c {
		if j == 0 || n != c[u-1] {
			c[u] = n
			u++
		}
	}
	for j := u; j < npe; j++ {
		c[j] = -1
	}
	return u
}

// insertionSort sorts a short slice in place.
func insertionSort(a []int32) {
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

// hashNodes returns a 64-bit hash of a node list, well mixed in every bit.
func hashNodes(ns []int32) uint64 {
	h := uint64(len(ns)) * 0x9e3779b97f4a7c15
	for _, n := range ns {
		h ^= uint64(uint32(n))
		h *= 0xff51afd7ed558ccd
		h ^= h >> 32
	}
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
