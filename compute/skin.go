package compute

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"
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
// Every face node must lie in [0, numNodes); it panics otherwise, or if
// the blocks have more than 2^31-1 faces in all.
//
// The matching is a parallel bucket sort of canonical face keys, not a hash
// map: every face is keyed by its smallest node and the rest of its sorted
// node list, as differences from the smallest packed into 64 bits (for
// faces of up to 4 nodes the packing is exact when the mesh has at most
// 2^21-1 nodes, or, without shells, when no face spans 2^21-1 node numbers
// or more; otherwise it is a hash of the node set, and faces whose hashes
// agree are compared node by node). The faces are counted and scattered
// into per-node buckets, each goroutine counting a contiguous part of the
// faces in an array of its own, so that the buckets list faces in
// increasing order whatever GOMAXPROCS is; each bucket (a handful of
// faces) is then sorted by key.
//
// Without shells, only the buckets that can hold an unmatched face are
// built: a first pass XORs a mix of each face's key into a 64-bit
// accumulator per smallest node, where faces that pair up cancel, and only
// the faces of nodes whose accumulator is not zero are bucketed (for a
// 512k-element hex cube, about 8 bytes per node instead of 16 per face).
// Below 2^20 nodes each goroutine owns a range of nodes and keys the
// elements whose smallest node lies in it, so that the accumulators take
// about 8 bytes per node whatever the element order, and their memory,
// once spent, holds the records bucketed next (see xorRanges). From 2^20
// nodes on that pass visits the elements in the order of their smallest
// nodes, in windows of 2^16 nodes, so that the accumulators it writes
// stay in cache whatever the element order (see xorWindows). A node
// with unmatched faces is missed only if the mixes of three or more
// distinct unmatched keys at it cancel, with probability about 2^-64 (see
// bucketOdd). With shells, whose two sides share a key, every face is
// bucketed. The result does not depend on GOMAXPROCS.
func ExternalFaces(numNodes int, blocks []SkinBlock) *Skin {
	sk, _ := Stop(nil).ExternalFaces(numNodes, blocks)
	return sk
}

// ExternalFaces is the stoppable form of the function ExternalFaces: it
// returns ErrStopped, and no skin, once s is closed.
func (s Stop) ExternalFaces(numNodes int, blocks []SkinBlock) (sk *Skin, err error) {
	if err := s.run(func() { sk = externalFaces(s, numNodes, blocks, skinWindowMin, skinWindow) }); err != nil {
		return nil, err
	}
	return sk, nil
}

// skinWindowMin is the smallest number of nodes for which ExternalFaces
// visits the elements in windows of nodes (see xorWindows): below it the
// accumulators stay in cache in any element order.
const skinWindowMin = 1 << 20

// externalFaces is ExternalFaces, with windows of 2^window nodes from
// windowMin nodes on; its loops panic with errStop once stop is closed.
func externalFaces(stop Stop, numNodes int, blocks []SkinBlock, windowMin int, window uint) *Skin {
	nb := len(blocks)
	kc := skinKeyer{base: make([]int, nb+1), shell: make([]bool, nb), blocks: blocks, windowMin: windowMin, window: window, stop: stop}
	elemBase := make([]int, nb+1)
	maxNN := 0
	typeOfLen := map[int]string{}
	for b, blk := range blocks {
		ne := checkConn(blk.Conn, blk.Topo.NodesPerElem)
		if len(blk.Topo.Faces) == 0 {
			ne = 0 // nothing to visit
		}
		elemBase[b+1] = elemBase[b] + ne
		kc.base[b+1] = kc.base[b] + ne*len(blk.Topo.Faces)
		kc.shell[b] = strings.HasPrefix(blk.Topo.Name, "shell")
		kc.anyShell = kc.anyShell || kc.shell[b]
		for _, fc := range blk.Topo.Faces {
			maxNN = max(maxNN, len(fc.Nodes))
			if t, ok := typeOfLen[len(fc.Nodes)]; ok && t != fc.Type {
				kc.needType = true
			}
			typeOfLen[len(fc.Nodes)] = fc.Type
		}
	}
	base := kc.base
	total := base[nb]
	if total > MaxIndex {
		panic("compute: ExternalFaces: more than 2^31-1 faces")
	}
	kc.bits = uint(bits.Len(uint(numNodes)))
	// Exact keys need 3 fields of kbits bits: of bits bits, enough for any
	// node difference, or, without shells, of 21 bits, enough for most
	// meshes, which bucketOdd checks face by face.
	kc.kbits = kc.bits
	if 3*kc.bits > 64 {
		kc.kbits = 21
	}
	kc.exact = maxNN <= 4 && (3*kc.bits <= 64 || !kc.anyShell)
	kc.numNodes = int32(numNodes)
	if kc.exact {
		kc.tabs = make([][][4]uint8, nb)
		kc.nns = make([][]uint8, nb)
		kc.hex8 = make([]bool, nb)
		for b, blk := range blocks {
			kc.tabs[b], kc.nns[b] = quadTab(blk.Topo)
			kc.hex8[b] = isHex8Faces(kc.tabs[b], kc.nns[b])
		}
	}
	s := &Skin{Topos: make([]*Topology, nb)}
	for b, blk := range blocks {
		s.Topos[b] = blk.Topo
	}
	if total == 0 {
		s.Start = []int32{0}
		return s
	}
	kc.elemBase = elemBase
	if kc.anyShell {
		kc.checkNodes() // bucketOdd checks the nodes itself
	}
	typeID := map[string]uint64{}
	kc.salts = make([][]uint64, nb)
	for b, blk := range blocks {
		for _, fc := range blk.Topo.Faces {
			if _, ok := typeID[fc.Type]; !ok {
				typeID[fc.Type] = uint64(len(typeID) + 1)
			}
			kc.salts[b] = append(kc.salts[b], mix64(typeID[fc.Type]<<32))
		}
	}
	var parts [][]uint64
	if kc.anyShell {
		parts = kc.bucketAll(total)
	} else {
		parts = kc.bucketOdd()
	}
	nf := 0
	for _, o := range parts {
		nf += len(o)
	}
	found := make([]uint64, 0, nf)
	for _, o := range parts {
		found = append(found, o...)
	}
	slices.Sort(found)

	// Fill the result.
	s.Block = make([]int32, nf)
	s.Elem = make([]int32, nf)
	s.Side = make([]int32, nf)
	s.Start = make([]int32, nf+1)
	parallelForStop(stop, nf, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			b, e, side := kc.decode(int(uint32(found[i])))
			s.Block[i], s.Elem[i], s.Side[i] = int32(b), int32(e), int32(side)
		}
	})
	k := 0
	for i := range nf {
		s.Start[i] = int32(k)
		k += len(blocks[s.Block[i]].Topo.Faces[s.Side[i]].Nodes)
	}
	s.Start[nf] = int32(k)
	s.Nodes = make([]int32, k)
	parallelForStop(stop, nf, grainLight, func(lo, hi int) {
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

// bucketAll finds the unmatched faces of all nodes' buckets: it counts the
// faces per coarse bucket (2^shift nodes, about skinCoarse faces), scatters
// their records there in face order, and resolves each coarse bucket in
// cache. It returns the unmatched faces as (first face of its group)<<32 |
// face, in parts.
func (kc *skinKeyer) bucketAll(total int) [][]uint64 {
	// Coarse buckets of 2^shift nodes hold about skinCoarse faces each.
	shift := uint(0)
	for shift < 16 && total<<(shift+1) <= skinCoarse*int(kc.numNodes) {
		shift++
	}
	kc.shift = shift
	nc := int(kc.numNodes)>>shift + 1

	// 1. Count each part's faces per coarse bucket.
	p := min(4*workers(kc.elemBase[len(kc.blocks)], grainHeavy), max(kc.elemBase[len(kc.blocks)], 1))
	hist := make([][]int32, p)
	var recs []skinRec
	alongside(func() {
		recs = make([]skinRec, total)
	}, func() {
		forElemParts(kc.stop, kc.elemBase, p, func(w, b, lo, hi int) {
			if hist[w] == nil {
				hist[w] = make([]int32, nc)
			}
			kc.count(hist[w], b, lo, hi)
		})
	})
	// 2. Coarse bucket starts, and each part's first place in each.
	cstart := make([]int, nc+1)
	off := 0
	for c := range nc {
		cstart[c] = off
		for w := range p {
			if hist[w] == nil {
				continue
			}
			x := hist[w][c]
			hist[w][c] = int32(off)
			off += int(x)
		}
	}
	cstart[nc] = off
	// 3. Scatter the faces, their keys and the low bits of their smallest
	// nodes into the coarse buckets, in face order within each.
	forElemParts(kc.stop, kc.elemBase, p, func(w, b, lo, hi int) {
		kc.scatter(recs, hist[w], b, lo, hi)
	})
	hist = nil
	// 4. Per coarse bucket: sort by smallest node (a counting sort in
	// cache), then each node's bucket by key, keeping the unmatched faces
	// as (first face of its group)<<32 | face, which orders them as
	// exomerge does.
	parts := make([][]uint64, nc)
	parallelForStop(kc.stop, nc, 1, func(clo, chi int) {
		var sc skinScratch
		fine := make([]int32, 1<<shift+1)
		for c := clo; c < chi; c++ {
			a, z := cstart[c], cstart[c+1]
			if a == z {
				continue
			}
			parts[c] = kc.resolveCoarse(nil, recs[a:z], fine, &sc)
		}
	})
	return parts
}

// skinCoarse is about the number of faces in one coarse bucket of
// ExternalFaces: few enough for the bucket's counting sort to stay in
// cache.
const skinCoarse = 1 << 14

// forElemParts splits the elements of all blocks (block b's elements being
// global elements base[b] to base[b+1]) into p contiguous parts and calls
// body(w, b, lo, hi) for every block-local element range [lo, hi) of block
// b in part w: the ranges of one part in increasing b on one goroutine, the
// parts in parallel. It checks stop before every range.
func forElemParts(stop Stop, base []int, p int, body func(w, b, lo, hi int)) {
	total := base[len(base)-1]
	parallelFor(p, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			lo, hi := total*w/p, total*(w+1)/p
			for b := 0; b+1 < len(base); b++ {
				if a, z := max(lo, base[b]), min(hi, base[b+1]); a < z {
					stop.check()
					body(w, b, a-base[b], z-base[b])
				}
			}
		}
	})
}

// skinKeyer holds what keying, scattering and resolving faces needs.
type skinKeyer struct {
	blocks   []SkinBlock
	base     []int  // global number of each block's first face, and the total
	shell    []bool // whether each block is a shell
	anyShell bool
	needType bool // two face types of one node count: equal keys may differ in type
	exact    bool // keys are the exact node sets
	bits     uint // bits for a node number below numNodes
	kbits    uint // bits per field of an exact key (see exactKey)
	shift    uint // coarse bucket of node n: n >> shift
	numNodes int32
	tabs     [][][4]uint8 // per block, with exact keys: quadTab
	nns      [][]uint8
	hex8     []bool     // per block, with exact keys: its faces are hex8's (xorHex8)
	salts    [][]uint64 // per block and side: a mix of the face type
	elemBase []int      // global number of each block's first element, and the total
	// windowMin is the smallest number of nodes for which bucketOdd
	// visits the elements in windows of nodes (xorWindows).
	windowMin int
	window    uint // log2 of the nodes of one window
	stop      Stop // checked before every chunk of the passes
}

// decode returns the block, element and side of global face f.
func (kc *skinKeyer) decode(f int) (b, e, side int) {
	b = sort.Search(len(kc.blocks), func(b int) bool { return kc.base[b+1] > f })
	nfc := len(kc.blocks[b].Topo.Faces)
	return b, (f - kc.base[b]) / nfc, (f - kc.base[b]) % nfc
}

// quadTab lists the local nodes of each face of a topology whose faces
// have at most 4 nodes; a shorter face repeats its first node.
func quadTab(t *Topology) (tab [][4]uint8, nn []uint8) {
	for _, fc := range t.Faces {
		var q [4]uint8
		for i := range q {
			if i < len(fc.Nodes) {
				q[i] = uint8(fc.Nodes[i])
			} else {
				q[i] = uint8(fc.Nodes[0])
			}
		}
		tab = append(tab, q)
		nn = append(nn, uint8(len(fc.Nodes)))
	}
	return tab, nn
}

// checkElems reports whether every node of elements [lo, hi) of conn
// (npe nodes each) lies in [0, n).
func checkElems(conn []int32, npe, lo, hi int, n int32) bool {
	m, mx := int32(0), int32(0)
	for _, v := range conn[lo*npe : hi*npe] {
		m = min(m, v)
		mx = max(mx, v)
	}
	return m >= 0 && mx < n
}

// checkNodes panics unless every node of every element lies in
// [0, numNodes).
func (kc *skinKeyer) checkNodes() {
	p := min(4*workers(kc.elemBase[len(kc.blocks)], grainLight), max(kc.elemBase[len(kc.blocks)], 1))
	bad := make([]bool, p)
	forElemParts(kc.stop, kc.elemBase, p, func(w, b, lo, hi int) {
		if !checkElems(kc.blocks[b].Conn, kc.blocks[b].Topo.NodesPerElem, lo, hi, kc.numNodes) {
			bad[w] = true
		}
	})
	if slices.Contains(bad, true) {
		panic(fmt.Sprintf("compute: ExternalFaces: connectivity refers to a node outside [0, %d)", kc.numNodes))
	}
}

// count adds the faces of elements [lo, hi) of block b to the coarse
// bucket histogram h.
func (kc *skinKeyer) count(h []int32, b, lo, hi int) {
	blk := kc.blocks[b]
	t := blk.Topo
	npe := t.NodesPerElem
	shift := kc.shift
	if kc.exact {
		tab := kc.tabs[b]
		for e := lo; e < hi; e++ {
			el := blk.Conn[e*npe : e*npe+npe]
			for _, q := range tab {
				m := min(el[q[0]], el[q[1]], el[q[2]], el[q[3]])
				h[m>>shift]++
			}
		}
		return
	}
	for e := lo; e < hi; e++ {
		el := blk.Conn[e*npe : e*npe+npe]
		for _, fc := range t.Faces {
			fn := fc.Nodes
			m := el[fn[0]]
			for _, l := range fn[1:] {
				m = min(m, el[l])
			}
			h[m>>shift]++
		}
	}
}

// skinRec is one face in a coarse bucket: its key, global number and the
// low bits of its smallest node.
type skinRec struct {
	key  uint64
	face int32
	low  uint32
}

// scatter writes the record of each face of elements [lo, hi) of block b
// to recs, at the place h gives for its coarse bucket (advancing it).
func (kc *skinKeyer) scatter(recs []skinRec, h []int32, b, lo, hi int) {
	blk := kc.blocks[b]
	t := blk.Topo
	nfc, npe := len(t.Faces), t.NodesPerElem
	g := int32(kc.base[b])
	kb, shift := kc.kbits, kc.shift
	mask := int32(1)<<shift - 1
	if kc.exact {
		tab, nns := kc.tabs[b], kc.nns[b]
		for e := lo; e < hi; e++ {
			el := blk.Conn[e*npe : e*npe+npe]
			for side, q := range tab {
				v0, key, _ := exactKey(el[q[0]], el[q[1]], el[q[2]], el[q[3]], nns[side], kb)
				c := v0 >> shift
				j := h[c]
				h[c]++
				recs[j] = skinRec{key, g + int32(e*nfc+side), uint32(v0 & mask)}
			}
		}
		return
	}
	for e := lo; e < hi; e++ {
		el := blk.Conn[e*npe : e*npe+npe]
		for side, fc := range t.Faces {
			// A hash of the node set that does not depend on order.
			fn := fc.Nodes
			m := el[fn[0]]
			key := uint64(len(fn)) * 0x9e3779b97f4a7c15
			for _, l := range fn {
				v := el[l]
				m = min(m, v)
				key += mix64(uint64(uint32(v)))
			}
			c := m >> shift
			j := h[c]
			h[c]++
			recs[j] = skinRec{key, g + int32(e*nfc+side), uint32(m & mask)}
		}
	}
}

// resolveCoarse resolves one coarse bucket: it sorts its records by the
// low bits of their smallest node (a stable counting sort, fine being
// scratch of 2^shift+1 entries) and resolves each node's bucket, appending
// the unmatched faces to out.
func (kc *skinKeyer) resolveCoarse(out []uint64, recs []skinRec, fine []int32, sc *skinScratch) []uint64 {
	n := len(recs)
	clear(fine)
	for i := range recs {
		fine[recs[i].low+1]++
	}
	for i := 1; i < len(fine); i++ {
		fine[i] += fine[i-1]
	}
	if cap(sc.ids) < n {
		sc.ids = make([]int32, n)
		sc.keys = make([]uint64, n)
	}
	sid, skey := sc.ids[:n], sc.keys[:n]
	pos := append(sc.pos[:0], fine...)
	sc.pos = pos
	for i := range recs {
		r := &recs[i]
		j := pos[r.low]
		pos[r.low]++
		sid[j] = r.face
		skey[j] = r.key
	}
	for l := 0; l+1 < len(fine); l++ {
		a, z := fine[l], fine[l+1]
		switch z - a {
		case 0:
		case 1:
			out = append(out, uint64(sid[a])<<32|uint64(sid[a]))
		default:
			out = kc.resolve(out, sid[a:z], skey[a:z], sc)
		}
	}
	return out
}

// mix64 is a 64-bit finaliser (splitmix64's).
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// skinScratch is one goroutine's scratch for resolving buckets.
type skinScratch struct {
	ids   []int32
	keys  []uint64
	pos   []int32
	pairs []skinPair
	ent   []skinEntry
	nodes []int32
}

// skinPair is a bucket entry: a face's key and global number.
type skinPair struct {
	key  uint64
	face int32
}

// skinEntry is one face of a group of equal keys, with its full key.
type skinEntry struct {
	face    int32  // global face number
	block   int32  // block index
	side    int32  // local side
	off, nn int32  // its sorted nodes: nodes[off:off+nn] (nn 0 if not needed)
	typ     string // face type
}

// resolve appends the unmatched faces of one bucket (global faces in
// increasing order, all with the same smallest node, and their keys) to
// out.
func (kc *skinKeyer) resolve(out []uint64, ids []int32, keys []uint64, sc *skinScratch) []uint64 {
	switch len(ids) {
	case 0:
		return out
	case 1:
		// A face alone in its group: external, shell surface or not.
		return append(out, uint64(ids[0])<<32|uint64(ids[0]))
	}
	pr := sc.pairs[:0]
	for i, id := range ids {
		pr = append(pr, skinPair{keys[i], id})
	}
	sc.pairs = pr
	return kc.resolvePairs(out, pr, sc)
}

// resolveRecs is resolve for the records of one node's bucket.
func (kc *skinKeyer) resolveRecs(out []uint64, recs []skinRec, sc *skinScratch) []uint64 {
	if len(recs) == 1 {
		return append(out, uint64(recs[0].face)<<32|uint64(recs[0].face))
	}
	pr := sc.pairs[:0]
	for _, r := range recs {
		pr = append(pr, skinPair{r.key, r.face})
	}
	sc.pairs = pr
	return kc.resolvePairs(out, pr, sc)
}

// resolvePairs resolves one node's bucket of (key, face) pairs, given in
// increasing face order.
func (kc *skinKeyer) resolvePairs(out []uint64, pr []skinPair, sc *skinScratch) []uint64 {
	// Sort by (key, face); the faces arrive in increasing order.
	if len(pr) <= 32 {
		for i := 1; i < len(pr); i++ {
			x := pr[i]
			j := i
			for j > 0 && pr[j-1].key > x.key {
				pr[j] = pr[j-1]
				j--
			}
			pr[j] = x
		}
	} else {
		slices.SortStableFunc(pr, func(x, y skinPair) int {
			if x.key < y.key {
				return -1
			}
			if x.key > y.key {
				return 1
			}
			return 0
		})
	}
	simple := kc.exact && !kc.needType && !kc.anyShell
	for i := 0; i < len(pr); {
		j := i + 1
		for j < len(pr) && pr[j].key == pr[i].key {
			j++
		}
		switch {
		case j == i+1:
			out = append(out, uint64(pr[i].face)<<32|uint64(pr[i].face))
		case !simple:
			out = kc.split(out, pr[i:j], sc)
		}
		i = j
	}
	return out
}

// split sorts a group of faces with equal keys by their full keys (type,
// and, unless the keys are exact, sorted nodes) and applies exomerge's rule
// to each group of matching faces.
func (kc *skinKeyer) split(out []uint64, pr []skinPair, sc *skinScratch) []uint64 {
	sc.ent = sc.ent[:0]
	sc.nodes = sc.nodes[:0]
	for _, p := range pr {
		b, e, side := kc.decode(int(p.face))
		blk := kc.blocks[b]
		fc := blk.Topo.Faces[side]
		off, nn := len(sc.nodes), 0
		if !kc.exact {
			npe := blk.Topo.NodesPerElem
			el := blk.Conn[e*npe : e*npe+npe]
			for _, l := range fc.Nodes {
				sc.nodes = append(sc.nodes, el[l])
			}
			insertionSort(sc.nodes[off:])
			nn = len(fc.Nodes)
		}
		sc.ent = append(sc.ent, skinEntry{face: p.face, block: int32(b), side: int32(side), off: int32(off), nn: int32(nn), typ: fc.Type})
	}
	ent, nodes := sc.ent, sc.nodes
	slices.SortFunc(ent, func(x, y skinEntry) int {
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
	})
	for i := 0; i < len(ent); {
		j := i + 1
		for j < len(ent) && sameKey(&ent[i], &ent[j], nodes) {
			j++
		}
		out = kc.group(out, ent[i:j])
		i = j
	}
	return out
}

// sameKey reports whether two entries have the same full face key.
func sameKey(x, y *skinEntry, nodes []int32) bool {
	return x.nn == y.nn && x.typ == y.typ &&
		slices.Equal(nodes[x.off:x.off+x.nn], nodes[y.off:y.off+y.nn])
}

// group applies exomerge's rule to one group of matching faces (in
// increasing face order) and appends its external faces to out.
func (kc *skinKeyer) group(out []uint64, g []skinEntry) []uint64 {
	first := uint64(g[0].face) << 32
	if len(g) == 1 {
		return append(out, first|uint64(g[0].face))
	}
	shells := 0
	for i := range g {
		if kc.shell[g[i].block] && g[i].side < 2 {
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
		if kc.shell[g[i].block] && g[i].side < 2 {
			out = append(out, first|uint64(g[i].face))
			unc--
		}
	}
	return out
}

// faceMin returns the smallest node of side side of element el of block b.
func (kc *skinKeyer) faceMin(b int, el []int32, side int) int32 {
	if kc.exact {
		q := kc.tabs[b][side]
		return min(el[q[0]], el[q[1]], el[q[2]], el[q[3]])
	}
	fn := kc.blocks[b].Topo.Faces[side].Nodes
	m := el[fn[0]]
	for _, l := range fn[1:] {
		m = min(m, el[l])
	}
	return m
}

// faceKey returns the smallest node and the key of side side of element el
// of block b (see scatter).
func (kc *skinKeyer) faceKey(b int, el []int32, side int) (int32, uint64) {
	if kc.exact {
		q := kc.tabs[b][side]
		m, key, _ := exactKey(el[q[0]], el[q[1]], el[q[2]], el[q[3]], kc.nns[b][side], kc.kbits)
		return m, key
	}
	fn := kc.blocks[b].Topo.Faces[side].Nodes
	m := el[fn[0]]
	key := uint64(len(fn)) * 0x9e3779b97f4a7c15
	for _, l := range fn {
		v := el[l]
		m = min(m, v)
		key += mix64(uint64(uint32(v)))
	}
	return m, key
}

// bucketOdd finds the unmatched faces without storing every face: a first
// pass XORs a 64-bit mix of each face's key (and type) into an
// accumulator at its smallest node. Faces that pair up cancel, so a node
// whose accumulator is zero has no face that occurs an odd number of
// times and, without shells, no unmatched face. A second pass keeps the
// faces of the other nodes, sorts them by smallest node (a stable counting
// sort) and resolves those buckets as bucketAll does. A node with
// unmatched faces is skipped only if the mixes of three or more distinct
// odd keys at it XOR to zero, an event of probability about 2^-64 per such
// node (mix64 is a bijection, so one or two keys never cancel).
//
// Each goroutine XORs a contiguous part of the elements into an
// accumulator of its own that spans only the node range of its elements
// (found by a first read of the connectivity, which also checks the
// nodes), so that for a mesh whose element and node numbers run alike the
// accumulators take about 8 bytes per node in all, not per node and
// goroutine; they are huge-page arrays, fresh memory being dear.
//
// Exact keys relative to the smallest node (see exactKey) with 21-bit
// fields serve beyond 2^21 nodes as long as no face spans 2^21-1 node
// numbers or more; the first face that does switches to hashed keys.
func (kc *skinKeyer) bucketOdd() [][]uint64 {
	nn := int(kc.numNodes)
	nb := len(kc.blocks)
	ne := kc.elemBase[nb]
	p := min(workers(ne, grainHeavy), maxPrivate)
	var nlo, nhi []int32
	var accs [][]uint64
	var all []uint64 // the memory of accs, when one array holds them
	if nn >= kc.windowMin {
		nlo, nhi, accs = kc.xorWindows(p)
	} else {
		nlo, nhi, accs, all = kc.xorRanges(p)
	}
	// A bitmap of the nodes left (small enough to stay in cache), from
	// the XOR of the accumulators over each run of 4096 nodes.
	odd := make([]uint64, (nn+63)/64)
	const run = 4096
	parallelForStop(kc.stop, (nn+run-1)/run, 1, func(rlo, rhi int) {
		var buf [run]uint64
		for r := rlo; r < rhi; r++ {
			a, z := r*run, min(r*run+run, nn)
			clear(buf[:])
			for w, acc := range accs {
				x, y := max(a, int(nlo[w])), min(z, int(nhi[w]))
				for n := x; n < y; n++ {
					buf[n-a] ^= acc[n-int(nlo[w])]
				}
			}
			for i := a / 64; i < (z+63)/64; i++ {
				var bw uint64
				for j, v := range buf[64*i-a : min(64*i+64, z)-a] {
					if v != 0 {
						bw |= 1 << j
					}
				}
				odd[i] = bw
			}
		}
	})
	accs = nil
	// The records below reuse the accumulators' memory, already touched.
	var arena recArena
	arena.give(all)
	all = nil
	// Number the nodes left (rank r: the r-th node of the bitmap), and
	// collect each part's faces at them, with their ranks, in face order.
	words := len(odd)
	rankBase := make([]int32, words+1)
	for i, w := range odd {
		rankBase[i+1] = rankBase[i] + int32(bits.OnesCount64(w))
	}
	nr := int(rankBase[words])
	q := min(4*p, max(ne, 1))
	// Each part's records go to chunks, which need no copy as they grow.
	got := make([][][]skinRec, q)
	forElemParts(kc.stop, kc.elemBase, q, func(w, b, lo, hi int) {
		blk := kc.blocks[b]
		npe, nfc := blk.Topo.NodesPerElem, len(blk.Topo.Faces)
		g := int32(kc.base[b])
		chunks := got[w]
		kc.eachOdd(odd, rankBase, b, lo, hi, func(r int32, f int) {
			e := f / nfc
			_, key := kc.faceKey(b, blk.Conn[e*npe:e*npe+npe], f%nfc)
			n := len(chunks) - 1
			if n < 0 || len(chunks[n]) == cap(chunks[n]) {
				prev := 0
				if n >= 0 {
					prev = cap(chunks[n])
				}
				chunks = append(chunks, arena.chunk(prev)[:0])
				n++
			}
			chunks[n] = append(chunks[n], skinRec{key, g + int32(f), uint32(r)})
		})
		got[w] = chunks
	})
	// Sort them by rank, stably (a counting sort).
	rstart := make([]int, nr+1)
	off := 0
	for _, chunks := range got {
		for _, o := range chunks {
			for i := range o {
				rstart[o[i].low+1]++
			}
			off += len(o)
		}
	}
	for r := range nr {
		rstart[r+1] += rstart[r]
	}
	pos := slices.Clone(rstart[:nr])
	recs := arena.take(off)
	for _, chunks := range got {
		for _, o := range chunks {
			for _, x := range o {
				recs[pos[x.low]] = x
				pos[x.low]++
			}
		}
	}
	got, pos = nil, nil
	// Resolve in chunks of whole ranks.
	starts := []int{0}
	for r := 0; r < nr; {
		z := r + 1
		for z < nr && rstart[z]-rstart[starts[len(starts)-1]] < skinCoarse {
			z++
		}
		starts = append(starts, z)
		r = z
	}
	parts := make([][]uint64, len(starts)-1)
	parallelForStop(kc.stop, len(parts), 1, func(clo, chi int) {
		var sc skinScratch
		for c := clo; c < chi; c++ {
			var out []uint64
			for r := starts[c]; r < starts[c+1]; r++ {
				if a, z := rstart[r], rstart[r+1]; a < z {
					out = kc.resolveRecs(out, recs[a:z], &sc)
				}
			}
			parts[c] = out
		}
	})
	return parts
}

// windowCounts splits the elements into q parts (forElemParts) and
// returns, per part and per window of 2^sh nodes, the number of elements
// whose smallest node lies in the window and the largest and smallest
// node of those elements (nil for a part with no elements). It panics
// for a node outside [0, numNodes).
func (kc *skinKeyer) windowCounts(q int, sh uint) (hist, top, bot [][]int32) {
	nc := int(kc.numNodes)>>sh + 1
	hist, top, bot = make([][]int32, q), make([][]int32, q), make([][]int32, q)
	bad := make([]bool, q)
	forElemParts(kc.stop, kc.elemBase, q, func(w, b, lo, hi int) {
		if hist[w] == nil {
			hist[w], top[w], bot[w] = make([]int32, nc), make([]int32, nc), make([]int32, nc)
			for c := range nc {
				bot[w][c] = kc.numNodes
			}
		}
		h, t, bt := hist[w], top[w], bot[w]
		npe := kc.blocks[b].Topo.NodesPerElem
		conn := kc.blocks[b].Conn
		for e := lo; e < hi; e++ {
			el := conn[e*npe : e*npe+npe]
			m, mx := el[0], el[0]
			for _, v := range el[1:] {
				m = min(m, v)
				mx = max(mx, v)
			}
			if m < 0 || mx >= kc.numNodes {
				bad[w] = true
				return
			}
			c := m >> sh
			h[c]++
			t[c] = max(t[c], mx)
			bt[c] = min(bt[c], m)
		}
	})
	if slices.Contains(bad, true) {
		kc.panicNodes()
	}
	return hist, top, bot
}

// xorRanges XORs the faces' mixes (see bucketOdd) into accumulators
// for p node ranges, acc[w][n-nlo[w]] for the nodes n of [nlo[w],
// nhi[w]). Worker w owns the elements whose smallest node lies in its
// range [own[w], own[w+1]), the ranges chosen so that each owns about as
// many elements; its accumulator runs from own[w] to the largest node of
// those elements, so the accumulators overlap only by the reach of the
// elements at each range's end, and together they take about 8 bytes per
// node whatever the element order. They are slices of one array, which
// bucketOdd reuses once they are spent.
func (kc *skinKeyer) xorRanges(p int) (nlo, nhi []int32, accs [][]uint64, all []uint64) {
	nb := len(kc.blocks)
	ne := kc.elemBase[nb]
	// 1. Count the elements by their smallest node, in windows of
	// 2^sh nodes, and find the largest node of each window's elements
	// (checking the nodes).
	sh := uint(0)
	for int(kc.numNodes)>>sh > 256 {
		sh++
	}
	nc := int(kc.numNodes)>>sh + 1
	q := min(4*p, max(ne, 1))
	hist, top, _ := kc.windowCounts(q, sh)
	bad := make([]bool, p)
	count, wtop := make([]int, nc), make([]int32, nc)
	for w := range q {
		if hist[w] == nil {
			continue
		}
		for c := range nc {
			count[c] += int(hist[w][c])
			wtop[c] = max(wtop[c], top[w][c])
		}
	}
	// 2. The owned ranges, whole windows each, and the accumulators.
	own := make([]int32, p+1)
	nlo, nhi = make([]int32, p), make([]int32, p)
	c, seen := 0, 0
	for w := range p {
		own[w] = int32(min(c<<sh, int(kc.numNodes)))
		for c < nc && (w == p-1 || seen < ne*(w+1)/p) {
			seen += count[c]
			nhi[w] = max(nhi[w], wtop[c]+1)
			c++
		}
		nlo[w] = own[w]
		nhi[w] = max(nhi[w], nlo[w])
	}
	own[p] = kc.numNodes
	size := 0
	for w := range p {
		size += int(nhi[w] - nlo[w])
	}
	all = Make[uint64](size)
	accs = make([][]uint64, p)
	for w, off := 0, 0; w < p; w++ {
		n := int(nhi[w] - nlo[w])
		accs[w] = all[off : off+n : off+n]
		off += n
	}
	// 3. XOR: each worker visits every element and keys those it owns.
	for {
		parallelForStop(kc.stop, p, 1, func(wlo, whi int) {
			for w := wlo; w < whi; w++ {
				for b := range nb {
					if !kc.xorOwned(accs[w], own[w], own[w+1], b) {
						bad[w] = true
					}
				}
			}
		})
		if !slices.Contains(bad, true) {
			return nlo, nhi, accs, all
		}
		// A face too wide for exact keys: hash them all.
		kc.exact = false
		clear(bad)
		clear(all)
	}
}

// xorOwned XORs the salted mix of the key of each face of the elements
// of block b whose smallest node lies in [lo, hi) into acc, from node lo
// on (see xorElem), and reports false if xorElem does.
func (kc *skinKeyer) xorOwned(acc []uint64, lo, hi int32, b int) bool {
	npe := kc.blocks[b].Topo.NodesPerElem
	conn := kc.blocks[b].Conn
	ok := true
	if kc.exact && kc.hex8[b] {
		salt := (*[6]uint64)(kc.salts[b])
		kb := kc.kbits
		lim := int32(min(1<<kb-1, MaxIndex))
		for e := 0; e+8 <= len(conn); e += 8 {
			el := (*[8]int32)(conn[e : e+8])
			m := min(el[0], el[1], el[2], el[3], el[4], el[5], el[6], el[7])
			if m >= lo && m < hi {
				ok = xorHex8(acc, lo, el, salt, kb, lim) && ok
			}
		}
		return ok
	}
	for e := 0; e+npe <= len(conn); e += npe {
		el := conn[e : e+npe]
		m := el[0]
		for _, v := range el[1:] {
			m = min(m, v)
		}
		if m >= lo && m < hi {
			ok = kc.xorElem(acc, lo, b, el) && ok
		}
	}
	return ok
}

// xorWindows is xorRanges for large meshes: it visits the elements in the
// order of their smallest node, in windows of 2^skinWindow nodes (a
// counting sort of their numbers), so that the accumulators are written
// in a sliding window that stays in cache, whatever the element order.
// Part w takes a contiguous run of windows, about as many elements as the
// others, and its accumulator spans from the run's first node to the
// largest node of its elements.
func (kc *skinKeyer) xorWindows(p int) (nlo, nhi []int32, accs [][]uint64) {
	nb := len(kc.blocks)
	ne := kc.elemBase[nb]
	nc := int(kc.numNodes)>>kc.window + 1
	// 1. Count the elements of each window per part, and find the
	// largest node of each window's elements (checking the nodes).
	q := min(4*p, max(ne, 1))
	hist, top, bot := kc.windowCounts(q, kc.window)
	// 2. Window starts, each part's first place in each, and the largest
	// node of each window.
	start := make([]int, nc+1)
	wtop, wbot := make([]int32, nc), make([]int32, nc)
	off := 0
	for c := range nc {
		wbot[c] = kc.numNodes
		start[c] = off
		for w := range q {
			if hist[w] == nil {
				continue
			}
			x := hist[w][c]
			hist[w][c] = int32(off)
			off += int(x)
			wtop[c] = max(wtop[c], top[w][c])
			wbot[c] = min(wbot[c], bot[w][c])
		}
	}
	start[nc] = off
	for c := range nc {
		if start[c] == start[c+1] {
			wbot[c] = kc.numNodes
		}
	}
	// 3. The global element numbers in window order.
	ids := Make[int32](ne)
	forElemParts(kc.stop, kc.elemBase, q, func(w, b, lo, hi int) {
		h := hist[w]
		npe := kc.blocks[b].Topo.NodesPerElem
		conn := kc.blocks[b].Conn
		g := int32(kc.elemBase[b])
		for e := lo; e < hi; e++ {
			el := conn[e*npe : e*npe+npe]
			m := el[0]
			for _, v := range el[1:] {
				m = min(m, v)
			}
			c := m >> kc.window
			ids[h[c]] = g + int32(e)
			h[c]++
		}
	})
	hist, top, bot = nil, nil, nil
	// 4. Runs of windows per part, and their node ranges.
	runs := make([]int, p+1)
	for w := 1; w < p; w++ {
		runs[w] = sort.SearchInts(start[:nc], ne*w/p)
	}
	runs[p] = nc
	nlo, nhi = make([]int32, p), make([]int32, p)
	for w := range p {
		nlo[w], nhi[w] = kc.numNodes, 0
		for c := runs[w]; c < runs[w+1]; c++ {
			if start[c] < start[c+1] {
				nlo[w] = min(nlo[w], wbot[c])
				nhi[w] = max(nhi[w], wtop[c]+1)
			}
		}
		nlo[w] = min(nlo[w], nhi[w])
	}
	// 5. XOR, window by window.
	accs = make([][]uint64, p)
	bad := make([]bool, p)
	for {
		parallelForStop(kc.stop, p, 1, func(wlo, whi int) {
			var buf []int32
			for w := wlo; w < whi; w++ {
				if accs[w] == nil {
					accs[w] = Make[uint64](int(nhi[w] - nlo[w]))
				}
				var ok bool
				buf, ok = kc.xorRun(accs[w], nlo[w], ids, start[runs[w]:runs[w+1]+1], buf)
				if !ok {
					bad[w] = true
				}
			}
		})
		if !slices.Contains(bad, true) {
			return nlo, nhi, accs
		}
		// A face too wide for exact keys: hash them all.
		kc.exact = false
		clear(bad)
		for _, a := range accs {
			clear(a)
		}
	}
}

// xorRun XORs the faces' mixes of the elements of a run of windows (ids
// holding global element numbers, window c being ids[start[c]:start[c+1]],
// each in increasing order) into acc, from node first on. It copies
// skinGather elements at a time to buf, in a loop short enough for the
// processor to fetch many at once (they lie far apart in memory), and
// then keys them. It returns buf, for reuse, and false if xorElem does.
func (kc *skinKeyer) xorRun(acc []uint64, first int32, ids []int32, start []int, buf []int32) ([]int32, bool) {
	for c := 0; c+1 < len(start); c++ {
		list := ids[start[c]:start[c+1]]
		b := 0
		for len(list) > 0 {
			for int(list[0]) >= kc.elemBase[b+1] {
				b++
			}
			end := int32(kc.elemBase[b+1])
			n := 0
			for n < len(list) && n < skinGather && list[n] < end {
				n++
			}
			npe := kc.blocks[b].Topo.NodesPerElem
			conn := kc.blocks[b].Conn
			eb := int32(kc.elemBase[b])
			if cap(buf) < n*npe {
				buf = make([]int32, skinGather*npe)
			}
			buf = buf[:n*npe]
			if npe == 8 {
				for i, g := range list[:n] {
					e := int(g-eb) * 8
					c, d := conn[e:e+8:e+8], buf[i*8:i*8+8:i*8+8]
					d[0], d[1], d[2], d[3] = c[0], c[1], c[2], c[3]
					d[4], d[5], d[6], d[7] = c[4], c[5], c[6], c[7]
				}
			} else {
				for i, g := range list[:n] {
					e := int(g-eb) * npe
					copy(buf[i*npe:i*npe+npe], conn[e:e+npe])
				}
			}
			for i := range n {
				if !kc.xorElem(acc, first, b, buf[i*npe:i*npe+npe]) {
					return buf, false
				}
			}
			list = list[n:]
		}
	}
	return buf, true
}

// skinChunk is the largest number of records in one chunk of bucketOdd's
// faces at the nodes left (1 MiB, the size from which skinRecs takes huge
// pages).
const skinChunk = 1 << 16

// skinRecs returns a new slice of n records, advised as huge pages as
// Make advises a large one.
func skinRecs(n int) []skinRec {
	s := make([]skinRec, n)
	if n > 0 {
		AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), n*int(unsafe.Sizeof(s[0])))
	}
	return s
}

// recArena hands out slices of records, from memory already touched
// (bucketOdd's spent accumulators) while it lasts and then new.
type recArena struct {
	mu   sync.Mutex
	free []skinRec
}

// give adds the memory of s to the arena: s must not be used after.
func (a *recArena) give(s []uint64) {
	if len(s) >= 2 {
		a.free = unsafe.Slice((*skinRec)(unsafe.Pointer(unsafe.SliceData(s))), len(s)/2)
	}
}

// chunk returns the records of a part's next chunk, after one of prev
// records (0 for the first): arenaChunk from the arena while it lasts,
// and then new chunks that double up to skinChunk records.
func (a *recArena) chunk(prev int) []skinRec {
	if r := a.cut(arenaChunk); r != nil {
		return r
	}
	return skinRecs(min(max(2*prev, 256), skinChunk))
}

// arenaChunk is the number of records of a chunk from the arena: small,
// to waste little of it.
const arenaChunk = 2048

// take returns n records, from the arena's memory while it lasts and new
// (zeroed) otherwise. Several goroutines may call it at once.
func (a *recArena) take(n int) []skinRec {
	if r := a.cut(n); r != nil {
		return r
	}
	return skinRecs(n)
}

// cut returns the next n records of the arena's memory, or nil if fewer
// are left.
func (a *recArena) cut(n int) []skinRec {
	a.mu.Lock()
	defer a.mu.Unlock()
	if n == 0 || len(a.free) < n {
		return nil
	}
	r := a.free[:n:n]
	a.free = a.free[n:]
	return r
}

// skinGather is the number of elements xorRun copies at a time.
const skinGather = 1024

// skinWindow is the log2 of the number of nodes of one window of
// xorWindows: 2^16 accumulators take 512 KiB.
const skinWindow = 16

// panicNodes panics for a node outside [0, numNodes).
func (kc *skinKeyer) panicNodes() {
	panic(fmt.Sprintf("compute: ExternalFaces: connectivity refers to a node outside [0, %d)", kc.numNodes))
}

// xorKeys XORs the salted mix of the key of each face of elements [lo, hi)
// of block b into acc at the face's smallest node less first (see
// xorElem).
func (kc *skinKeyer) xorKeys(acc []uint64, first int32, b, lo, hi int) bool {
	npe := kc.blocks[b].Topo.NodesPerElem
	conn := kc.blocks[b].Conn
	for e := lo; e < hi; e++ {
		if !kc.xorElem(acc, first, b, conn[e*npe:e*npe+npe]) {
			return false
		}
	}
	return true
}

// xorElem XORs the salted mix of the key of each face of the element el
// of block b into acc at the face's smallest node less first. With exact
// keys it reports false if a face spans too many node numbers for them
// (see exactKey).
func (kc *skinKeyer) xorElem(acc []uint64, first int32, b int, el []int32) bool {
	salt := kc.salts[b]
	if !kc.exact {
		for side := range salt {
			m, key := kc.faceKey(b, el, side)
			acc[m-first] ^= mix64(key ^ salt[side])
		}
		return true
	}
	tab, nns := kc.tabs[b], kc.nns[b]
	kb := kc.kbits
	lim := int32(min(1<<kb-1, MaxIndex))
	if kc.hex8[b] {
		return xorHex8(acc, first, (*[8]int32)(el), (*[6]uint64)(salt), kb, lim)
	}
	ok := true
	for side, q := range tab {
		// exactKey, written out: this is the hot loop of large meshes.
		v0, v1, v2, v3 := el[q[0]], el[q[1]], el[q[2]], el[q[3]]
		var key uint64
		var span int32
		switch nns[side] {
		case 4:
			v0, v1 = min(v0, v1), max(v0, v1)
			v2, v3 = min(v2, v3), max(v2, v3)
			v0, v2 = min(v0, v2), max(v0, v2)
			v1, v3 = min(v1, v3), max(v1, v3)
			v1, v2 = min(v1, v2), max(v1, v2)
			key = uint64(v1-v0+1) | uint64(v2-v0+1)<<kb | uint64(v3-v0+1)<<(2*kb)
			span = v3 - v0
		default:
			m, k, sp := exactKey(v0, v1, v2, v3, nns[side], kb)
			v0, key, span = m, k, sp
		}
		ok = ok && span < lim
		acc[v0-first] ^= mix64(key ^ salt[side])
	}
	return ok
}

// hex8SkinTab is the face table of hex8 (and of hex9, whose extra node
// lies on no face), as quadTab gives it.
var hex8SkinTab = [6][4]uint8{{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {0, 3, 2, 1}, {4, 5, 6, 7}}

// isHex8Faces reports whether a face table (quadTab) is hex8's.
func isHex8Faces(tab [][4]uint8, nns []uint8) bool {
	if len(tab) != len(hex8SkinTab) {
		return false
	}
	for i, q := range tab {
		if q != hex8SkinTab[i] || nns[i] != 4 {
			return false
		}
	}
	return true
}

// quadKey returns the smallest of the nodes a, b, c, d, the exact key of
// the quad face they make relative to it (exactKey with 4 nodes) and its
// span.
func quadKey(a, b, c, d int32, kb uint) (int32, uint64, int32) {
	a, b = min(a, b), max(a, b)
	c, d = min(c, d), max(c, d)
	a, c = min(a, c), max(a, c)
	b, d = min(b, d), max(b, d)
	b, c = min(b, c), max(b, c)
	return a, uint64(b-a+1) | uint64(c-a+1)<<kb | uint64(d-a+1)<<(2*kb), d - a
}

// xorHex8 is xorElem for a hex8 element, its six faces written out with
// constant node places (the hot loop of hex meshes: no table lookups and
// no bounds checks on the element).
func xorHex8(acc []uint64, first int32, el *[8]int32, salt *[6]uint64, kb uint, lim int32) bool {
	n0, n1, n2, n3, n4, n5, n6, n7 := el[0], el[1], el[2], el[3], el[4], el[5], el[6], el[7]
	m0, k0, s0 := quadKey(n0, n1, n5, n4, kb)
	m1, k1, s1 := quadKey(n1, n2, n6, n5, kb)
	m2, k2, s2 := quadKey(n2, n3, n7, n6, kb)
	m3, k3, s3 := quadKey(n3, n0, n4, n7, kb)
	m4, k4, s4 := quadKey(n0, n3, n2, n1, kb)
	m5, k5, s5 := quadKey(n4, n5, n6, n7, kb)
	acc[m0-first] ^= mix64(k0 ^ salt[0])
	acc[m1-first] ^= mix64(k1 ^ salt[1])
	acc[m2-first] ^= mix64(k2 ^ salt[2])
	acc[m3-first] ^= mix64(k3 ^ salt[3])
	acc[m4-first] ^= mix64(k4 ^ salt[4])
	acc[m5-first] ^= mix64(k5 ^ salt[5])
	return max(s0, s1, s2, s3, s4, s5) < lim
}

// eachOdd calls fn(r, f) for each block-local face f of elements [lo, hi)
// of block b whose smallest node is set in the bitmap odd, in order, r
// being that node's rank (its place among the nodes set).
func (kc *skinKeyer) eachOdd(odd []uint64, rankBase []int32, b, lo, hi int, fn func(r int32, f int)) {
	blk := kc.blocks[b]
	npe, nfc := blk.Topo.NodesPerElem, len(blk.Topo.Faces)
	rank := func(m int32) int32 {
		w := m >> 6
		return rankBase[w] + int32(bits.OnesCount64(odd[w]&(1<<(m&63)-1)))
	}
	set := func(m int32) bool { return odd[m>>6]&(1<<(m&63)) != 0 }
	if kc.exact {
		tab := kc.tabs[b]
		for e := lo; e < hi; e++ {
			el := blk.Conn[e*npe : e*npe+npe]
			// Most elements have no node left: test the nodes first.
			if npe == 8 {
				el := (*[8]int32)(el)
				if !(set(el[0]) || set(el[1]) || set(el[2]) || set(el[3]) || set(el[4]) || set(el[5]) || set(el[6]) || set(el[7])) {
					continue
				}
			}
			for side, q := range tab {
				if m := min(el[q[0]], el[q[1]], el[q[2]], el[q[3]]); odd[m>>6]&(1<<(m&63)) != 0 {
					fn(rank(m), e*nfc+side)
				}
			}
		}
		return
	}
	for e := lo; e < hi; e++ {
		el := blk.Conn[e*npe : e*npe+npe]
		for side := range nfc {
			if m := kc.faceMin(b, el, side); odd[m>>6]&(1<<(m&63)) != 0 {
				fn(rank(m), e*nfc+side)
			}
		}
	}
}

// exactKey returns the smallest node of a face of nn (2 to 4) nodes
// v0..v3, its exact key relative to that node (each further node, in
// increasing order, as its difference from the smallest plus one, in a
// field of kb bits, with 0 for the nodes a shorter face lacks), and the
// largest difference. The key is exact when that difference is below
// 2^kb-1.
func exactKey(v0, v1, v2, v3 int32, nn uint8, kb uint) (int32, uint64, int32) {
	switch nn {
	case 4:
		v0, v1 = min(v0, v1), max(v0, v1)
		v2, v3 = min(v2, v3), max(v2, v3)
		v0, v2 = min(v0, v2), max(v0, v2)
		v1, v3 = min(v1, v3), max(v1, v3)
		v1, v2 = min(v1, v2), max(v1, v2)
		return v0, uint64(v1-v0+1) | uint64(v2-v0+1)<<kb | uint64(v3-v0+1)<<(2*kb), v3 - v0
	case 3:
		v0, v1 = min(v0, v1), max(v0, v1)
		v1, v2 = min(v1, v2), max(v1, v2)
		v0, v1 = min(v0, v1), max(v0, v1)
		return v0, uint64(v1-v0+1) | uint64(v2-v0+1)<<kb, v2 - v0
	}
	v0, v1 = min(v0, v1), max(v0, v1)
	return v0, uint64(v1 - v0 + 1), v1 - v0
}
