package compute

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// SkinBlock is one element block handed to ExternalFaces: its element type
// and its connectivity (Topo.NodesPerElem 0-based node indices per
// element).
type SkinBlock struct {
	Topo *Topology
	Conn []int32
}

// Skin is the set of external faces (the skin) of some element blocks, as
// found by ExternalFaces. Face i is side Side[i] (0-based, in the order of
// Topos[Block[i]].Faces; the Exodus side number is Side[i]+1) of element
// Elem[i] (0-based, within its block) of block Block[i] (an index into the
// blocks given to ExternalFaces). Its global node indices are
// Nodes[Start[i]:Start[i+1]], in the face's own order: corners first, and
// the corners going counter-clockwise seen from outside the element, so
// that the right-hand rule gives the outward normal (for the edges of 2-D
// elements and the end points of lines, the order of their Face table).
//
// The faces are in exomerge's order (that of _get_external_element_faces):
// in increasing (block, element, side), except that faces sharing one
// node set (the two sides of a free shell) follow the first of them.
//
// A renderer can draw Nodes face by face (FaceTopo gives each face's
// topology; TriangulateFaces splits them into triangles); a side set is
// (Block, Elem, Side).
type Skin struct {
	// Topos[b] is the topology of block b.
	Topos []*Topology
	// Block, Elem and Side name each face; they have one entry per face.
	Block, Elem, Side []int32
	// Start has one entry per face plus one: face i's nodes are
	// Nodes[Start[i]:Start[i+1]].
	Start []int32
	// Nodes holds the faces' global node indices, face after face.
	Nodes []int32
}

// Len returns the number of faces.
func (s *Skin) Len() int { return len(s.Block) }

// FaceNodes returns the global node indices of face i (a view into Nodes).
func (s *Skin) FaceNodes(i int) []int32 { return s.Nodes[s.Start[i]:s.Start[i+1]] }

// FaceTopo returns the topology of face i ("quad4", "tri6", "line2", ...).
func (s *Skin) FaceTopo(i int) *Topology {
	return lookupName(s.Topos[s.Block[i]].Faces[s.Side[i]].Type)
}

// ExternalFaces returns the external faces of the given blocks over
// numNodes nodes, following exomerge's _get_external_element_faces. Two
// faces match when they have the same face type and the same nodes (all of
// them, corners and mid-side nodes, in any order). A face is external when
// no other face of the blocks matches it. Shell surfaces (sides 1 and 2 of
// a shell, which share one node set but face opposite ways) count apart:
// when a group of matching faces holds s shell surfaces and o other faces,
// the first s-o shell surfaces (by block, element, side) are external if
// s > o, and none otherwise. So a free shell gives both its sides, a shell
// on one solid gives one, and a shell between two solids none. exomerge
// applies the shell rule to shell4 only, the one shell it knows; here it
// applies to shell8 and shell9 as well. Faces of 2-D elements are their
// edges, faces of lines their end points; points and spheres have none.
//
// Every connectivity entry must lie in [0, numNodes); it panics otherwise,
// or if the blocks have more than 2^31-1 faces in all.
//
// The matching is a parallel bucket sort of canonical face keys, not a hash
// map: every face is keyed by its smallest node, faces are counted and
// scattered into per-node buckets (each goroutine counting a contiguous
// part of the faces in an array of its own, so the buckets list faces in
// increasing order whatever GOMAXPROCS is), and each bucket is then sorted
// by the rest of the key (node count, sorted nodes, face type). The result
// does not depend on GOMAXPROCS.
func ExternalFaces(numNodes int, blocks []SkinBlock) *Skin {
	nb := len(blocks)
	base := make([]int, nb+1) // global number of each block's first face
	shell := make([]bool, nb)
	for b, blk := range blocks {
		ne := checkConn(blk.Conn, blk.Topo.NodesPerElem)
		base[b+1] = base[b] + ne*len(blk.Topo.Faces)
		shell[b] = strings.HasPrefix(blk.Topo.Name, "shell")
	}
	total := base[nb]
	if total > MaxIndex {
		panic("compute: ExternalFaces: more than 2^31-1 faces")
	}
	s := &Skin{Topos: make([]*Topology, nb)}
	for b, blk := range blocks {
		s.Topos[b] = blk.Topo
	}
	if total == 0 {
		s.Start = []int32{0}
		return s
	}

	// 1. Count each part's faces per smallest node.
	p := privateWorkers(total)
	cnt := make([][]int32, p)
	bad := make([]bool, p)
	forFaceParts(base, p, func(w, b, lo, hi int) {
		if cnt[w] == nil {
			cnt[w] = make([]int32, numNodes)
		}
		c := cnt[w]
		eachFaceMin(blocks[b], lo, hi, func(_ int, m, mx int32) bool {
			if m < 0 || mx >= int32(numNodes) {
				bad[w] = true
				return false
			}
			c[m]++
			return true
		})
	})
	if slices.Contains(bad, true) {
		panic(fmt.Sprintf("compute: ExternalFaces: connectivity refers to a node outside [0, %d)", numNodes))
	}
	for w := range cnt {
		if cnt[w] == nil {
			cnt[w] = make([]int32, numNodes)
		}
	}

	// 2. Bucket starts, and each part's first place in every bucket.
	start := make([]int32, numNodes+1)
	sums := make([]int, numChunks(numNodes, reduceChunk))
	forChunks(numNodes, reduceChunk, func(c, lo, hi int) {
		k := 0
		for n := lo; n < hi; n++ {
			for w := range p {
				x := cnt[w][n]
				cnt[w][n] = int32(k)
				k += int(x)
			}
			start[n+1] = int32(k)
		}
		sums[c] = k
	})
	off := 0
	for c, x := range sums {
		sums[c] = off
		off += x
	}
	forChunks(numNodes, reduceChunk, func(c, lo, hi int) {
		d := int32(sums[c])
		if d == 0 {
			return
		}
		for n := lo; n < hi; n++ {
			start[n+1] += d
			for w := range p {
				cnt[w][n] += d
			}
		}
	})

	// 3. Scatter the global face numbers into the buckets.
	ids := make([]int32, total)
	forFaceParts(base, p, func(w, b, lo, hi int) {
		c := cnt[w]
		g := int32(base[b])
		eachFaceMin(blocks[b], lo, hi, func(f int, m, _ int32) bool {
			ids[c[m]] = g + int32(f)
			c[m]++
			return true
		})
	})
	cnt = nil

	// 4. Sort each bucket by the full key and keep the unmatched faces, as
	// (first face of its group)<<32 | face, which orders them as exomerge
	// does.
	bs := &skinBuckets{blocks: blocks, base: base, shell: shell}
	parts := make([][]uint64, numChunks(numNodes, reduceChunk))
	forChunks(numNodes, reduceChunk, func(c, lo, hi int) {
		var sc skinScratch
		var out []uint64
		for n := lo; n < hi; n++ {
			out = bs.resolve(out, ids[start[n]:start[n+1]], &sc)
		}
		parts[c] = out
	})
	nf := 0
	for _, o := range parts {
		nf += len(o)
	}
	keys := make([]uint64, 0, nf)
	for _, o := range parts {
		keys = append(keys, o...)
	}
	slices.Sort(keys)

	// 5. Fill the result.
	s.Block = make([]int32, nf)
	s.Elem = make([]int32, nf)
	s.Side = make([]int32, nf)
	s.Start = make([]int32, nf+1)
	parallelFor(nf, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			f := int(uint32(keys[i]))
			b := sort.Search(nb, func(b int) bool { return base[b+1] > f }) // first block ending after f
			nfb := len(blocks[b].Topo.Faces)
			s.Block[i] = int32(b)
			s.Elem[i] = int32((f - base[b]) / nfb)
			s.Side[i] = int32((f - base[b]) % nfb)
		}
	})
	k := 0
	for i := range nf {
		s.Start[i] = int32(k)
		k += len(blocks[s.Block[i]].Topo.Faces[s.Side[i]].Nodes)
	}
	s.Start[nf] = int32(k)
	s.Nodes = make([]int32, k)
	parallelFor(nf, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			blk := blocks[s.Block[i]]
			npe := blk.Topo.NodesPerElem
			el := blk.Conn[int(s.Elem[i])*npe : int(s.Elem[i]+1)*npe]
			d := s.Nodes[s.Start[i]:s.Start[i+1]]
			for j, l := range blk.Topo.Faces[s.Side[i]].Nodes {
				d[j] = el[l]
			}
		}
	})
	return s
}

// forFaceParts splits the faces of all blocks (block b's faces being global
// faces base[b] to base[b+1]) into p contiguous parts and calls body(w, b,
// lo, hi) for every block-local face range [lo, hi) of block b in part w:
// the ranges of one part in increasing b on one goroutine, the parts in
// parallel.
func forFaceParts(base []int, p int, body func(w, b, lo, hi int)) {
	total := base[len(base)-1]
	parallelFor(p, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			lo, hi := total*w/p, total*(w+1)/p
			for b := 0; b+1 < len(base); b++ {
				if a, z := max(lo, base[b]), min(hi, base[b+1]); a < z {
					body(w, b, a-base[b], z-base[b])
				}
			}
		}
	})
}

// eachFaceMin calls fn(f, m, mx) for the block-local faces f in [lo, hi)
// of blk, in order, with m and mx the face's smallest and largest node,
// until fn returns false.
func eachFaceMin(blk SkinBlock, lo, hi int, fn func(f int, m, mx int32) bool) {
	t := blk.Topo
	nfc, npe := len(t.Faces), t.NodesPerElem
	e, side := lo/nfc, lo%nfc
	for f := lo; f < hi; f++ {
		el := blk.Conn[e*npe : e*npe+npe]
		fn2 := t.Faces[side].Nodes
		m := el[fn2[0]]
		mx := m
		for _, l := range fn2[1:] {
			m = min(m, el[l])
			mx = max(mx, el[l])
		}
		if !fn(f, m, mx) {
			return
		}
		if side++; side == nfc {
			side = 0
			e++
		}
	}
}

// skinBuckets holds what resolving a bucket needs.
type skinBuckets struct {
	blocks []SkinBlock
	base   []int
	shell  []bool
}

// skinScratch is one goroutine's scratch for resolving buckets.
type skinScratch struct {
	ent   []skinEntry
	nodes []int32
	order []int32
}

// skinEntry is one face of a bucket, with its key.
type skinEntry struct {
	face    int32  // global face number
	block   int32  // block index
	side    int32  // local side
	off, nn int32  // its sorted nodes: nodes[off:off+nn]
	typ     string // face type
}

// resolve appends the unmatched faces of one bucket (global faces in
// increasing order, all with the same smallest node) to out.
func (bs *skinBuckets) resolve(out []uint64, ids []int32, sc *skinScratch) []uint64 {
	switch len(ids) {
	case 0:
		return out
	case 1:
		// A face alone in its group: external, shell surface or not.
		return append(out, uint64(ids[0])<<32|uint64(ids[0]))
	}
	sc.ent = sc.ent[:0]
	sc.nodes = sc.nodes[:0]
	b := 0
	for _, id := range ids {
		f := int(id)
		for f >= bs.base[b+1] {
			b++
		}
		for f < bs.base[b] { // ids increase, but restart safely
			b--
		}
		blk := bs.blocks[b]
		t := blk.Topo
		nfc, npe := len(t.Faces), t.NodesPerElem
		e, side := (f-bs.base[b])/nfc, (f-bs.base[b])%nfc
		el := blk.Conn[e*npe : e*npe+npe]
		fc := t.Faces[side]
		off := len(sc.nodes)
		for _, l := range fc.Nodes {
			sc.nodes = append(sc.nodes, el[l])
		}
		insertionSort(sc.nodes[off:])
		sc.ent = append(sc.ent, skinEntry{face: id, block: int32(b), side: int32(side), off: int32(off), nn: int32(len(fc.Nodes)), typ: fc.Type})
	}
	ent, nodes := sc.ent, sc.nodes
	cmp := func(x, y *skinEntry) int {
		if x.nn != y.nn {
			return int(x.nn - y.nn)
		}
		if c := slices.Compare(nodes[x.off:x.off+x.nn], nodes[y.off:y.off+y.nn]); c != 0 {
			return c
		}
		if c := strings.Compare(x.typ, y.typ); c != 0 {
			return c
		}
		return int(x.face - y.face)
	}
	// The entries arrive in increasing face order; sort them by key
	// (stable on the face number, which is the last criterion).
	if len(ent) <= 32 {
		for i := 1; i < len(ent); i++ {
			for j := i; j > 0 && cmp(&ent[j-1], &ent[j]) > 0; j-- {
				ent[j-1], ent[j] = ent[j], ent[j-1]
			}
		}
	} else {
		slices.SortFunc(ent, func(x, y skinEntry) int { return cmp(&x, &y) })
	}
	for i := 0; i < len(ent); {
		j := i + 1
		for j < len(ent) && sameKey(&ent[i], &ent[j], nodes) {
			j++
		}
		out = bs.group(out, ent[i:j])
		i = j
	}
	return out
}

// sameKey reports whether two bucket entries have the same face key.
func sameKey(x, y *skinEntry, nodes []int32) bool {
	return x.nn == y.nn && x.typ == y.typ &&
		slices.Equal(nodes[x.off:x.off+x.nn], nodes[y.off:y.off+y.nn])
}

// group applies exomerge's rule to one group of matching faces (in
// increasing face order) and appends its external faces to out.
func (bs *skinBuckets) group(out []uint64, g []skinEntry) []uint64 {
	first := uint64(g[0].face) << 32
	if len(g) == 1 {
		return append(out, first|uint64(g[0].face))
	}
	shells := 0
	for i := range g {
		if bs.shell[g[i].block] && g[i].side < 2 {
			shells++
		}
	}
	if shells == 0 {
		return out // two or more faces cover each other
	}
	unc := shells - (len(g) - shells)
	for i := range g {
		if unc <= 0 {
			break
		}
		if bs.shell[g[i].block] && g[i].side < 2 {
			out = append(out, first|uint64(g[i].face))
			unc--
		}
	}
	return out
}
