package compute

import (
	"cmp"
	"math"
	"slices"
)

// SideRef names one side of one element: Block indexes the blocks given to
// the kernel, Elem is the element's index in that block and Side the
// 0-based side (an index into the block topology's Faces).
type SideRef struct {
	Block, Elem, Side int32
}

// Compare orders refs by block, then element, then side (exomerge's order
// of (element_block_id, element_index, face_index) tuples when the blocks
// are given in increasing id order).
func (a SideRef) Compare(b SideRef) int {
	if c := cmp.Compare(a.Block, b.Block); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Elem, b.Elem); c != 0 {
		return c
	}
	return cmp.Compare(a.Side, b.Side)
}

// SidedBlock is an element block as the face kernels see it: its
// connectivity and its topology (nil for a block whose sides are not
// known; such a block has no faces).
type SidedBlock struct {
	Conn []int32
	Topo *Topology
}

// FacePair is an internal face: sides A and B (A before B) list the same
// nodes, of the same face type, with opposite orientations.
type FacePair struct {
	A, B SideRef
}

// InternalFaceSet is the result of InternalFaces.
type InternalFaceSet struct {
	// Pairs holds the internal faces sorted by A.
	Pairs []FacePair
	refs  []SideRef // every A and B, sorted
	pair  []int32   // pair index of refs[i]
}

// Find returns the index in Pairs of the pair holding side r, as A or B.
func (s *InternalFaceSet) Find(r SideRef) (int, bool) {
	i, ok := slices.BinarySearchFunc(s.refs, r, SideRef.Compare)
	if !ok {
		return -1, false
	}
	return int(s.pair[i]), true
}

// ifaceRec is one candidate side: its sorted corner nodes (padded with
// MaxInt32), its face type code and its reference.
type ifaceRec struct {
	corners [4]int32
	typ     int32
	ref     SideRef
}

func (a *ifaceRec) sameFace(b *ifaceRec) bool {
	return a.typ == b.typ && a.corners == b.corners
}

func ifaceCompare(a, b ifaceRec) int {
	if c := cmp.Compare(a.typ, b.typ); c != 0 {
		return c
	}
	for i := range a.corners {
		if c := cmp.Compare(a.corners[i], b.corners[i]); c != 0 {
			return c
		}
	}
	return a.ref.Compare(b.ref)
}

// ifaceSide describes one side of a topology for the matcher.
type ifaceSide struct {
	nodes   []int32
	corners int
	typ     int32
}

// ifaceSides returns the sides of t with their corner counts and face type
// codes (assigned through codes, shared across blocks).
func ifaceSides(t *Topology, codes map[string]int32) []ifaceSide {
	if t == nil {
		return nil
	}
	out := make([]ifaceSide, len(t.Faces))
	for s, f := range t.Faces {
		c, ok := codes[f.Type]
		if !ok {
			c = int32(len(codes))
			codes[f.Type] = c
		}
		corners := len(f.Nodes)
		if ft := lookupName(f.Type); ft != nil {
			corners = ft.Corners
		}
		out[s] = ifaceSide{nodes: f.Nodes, corners: min(corners, 4), typ: c}
	}
	return out
}

// InternalFaces finds the internal faces of the given blocks, taken
// together: pairs of sides, of the same face type, listing the same nodes
// with opposite orientations, as exomerge's _get_internal_faces matches
// them. Only sides with at least one node flagged in mark are considered
// (every side if mark is nil). Sides are grouped by sorting their corner
// keys (smallest corner node first, with a parallel radix sort, then the
// other corners), not by hashing. Where more than two sides share a key
// (a non-manifold face), each side pairs with the first later side of
// opposite orientation not yet paired, in SideRef order; exomerge's
// dictionary can pair such sides differently. The result does not depend
// on GOMAXPROCS.
func InternalFaces(blocks []SidedBlock, mark []bool) *InternalFaceSet {
	codes := map[string]int32{}
	infos := make([][]ifaceSide, len(blocks))
	for b, blk := range blocks {
		infos[b] = ifaceSides(blk.Topo, codes)
	}
	recs := ifaceCollect(blocks, infos, mark)
	// Group by smallest corner node with the radix sort, then order each
	// group (the sides around one node) exactly.
	keys := make([]uint64, len(recs))
	vals := make([]int32, len(recs))
	var top uint64
	for i := range recs {
		keys[i] = uint64(recs[i].corners[0])
		vals[i] = int32(i)
		top = max(top, keys[i])
	}
	keys, vals = radixSort(nil, keys, make([]uint64, len(keys)), vals, make([]int32, len(vals)), keyBitsFor(top))
	sorted := make([]ifaceRec, len(recs))
	parallelFor(len(recs), grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sorted[i] = recs[vals[i]]
		}
	})
	// Group boundaries; each chunk of groups is ordered and paired on its
	// own.
	var starts []int
	for i := range keys {
		if i == 0 || keys[i] != keys[i-1] {
			starts = append(starts, i)
		}
	}
	starts = append(starts, len(keys))
	ng := len(starts) - 1
	const chunk = 1 << 12
	parts := make([][]FacePair, numChunks(ng, chunk))
	forChunks(ng, chunk, func(c, glo, ghi int) {
		var out []FacePair
		for g := glo; g < ghi; g++ {
			grp := sorted[starts[g]:starts[g+1]]
			slices.SortFunc(grp, ifaceCompare)
			out = ifacePairGroup(out, grp, blocks, infos)
		}
		parts[c] = out
	})
	pairs := slices.Concat(parts...)
	slices.SortFunc(pairs, func(a, b FacePair) int { return a.A.Compare(b.A) })
	// The index of sides: the A sides are in order already; sort the B
	// sides and merge.
	type refPair struct {
		ref  SideRef
		pair int32
	}
	bs := make([]refPair, len(pairs))
	for i, p := range pairs {
		bs[i] = refPair{p.B, int32(i)}
	}
	slices.SortFunc(bs, func(x, y refPair) int { return x.ref.Compare(y.ref) })
	set := &InternalFaceSet{Pairs: pairs, refs: make([]SideRef, 0, 2*len(pairs)), pair: make([]int32, 0, 2*len(pairs))}
	i, j := 0, 0
	for i < len(pairs) || j < len(bs) {
		if j == len(bs) || (i < len(pairs) && pairs[i].A.Compare(bs[j].ref) < 0) {
			set.refs = append(set.refs, pairs[i].A)
			set.pair = append(set.pair, int32(i))
			i++
		} else {
			set.refs = append(set.refs, bs[j].ref)
			set.pair = append(set.pair, bs[j].pair)
			j++
		}
	}
	return set
}

// ifaceCollect returns the candidate sides of every block, in parallel:
// one pass counts them per chunk of elements, a second writes them into
// their place.
func ifaceCollect(blocks []SidedBlock, infos [][]ifaceSide, mark []bool) []ifaceRec {
	const chunk = 1 << 13
	type part struct{ b, c, lo, hi int }
	var counts [][]int
	total := 0
	for b, blk := range blocks {
		sides := infos[b]
		if len(sides) == 0 {
			counts = append(counts, nil)
			continue
		}
		npe := blk.Topo.NodesPerElem
		ne := len(blk.Conn) / max(npe, 1)
		cs := make([]int, numChunks(ne, chunk))
		forChunks(ne, chunk, func(c, lo, hi int) {
			m := 0
			for e := lo; e < hi; e++ {
				el := blk.Conn[e*npe : e*npe+npe]
				if mark != nil && !ifaceAnyNode(mark, el) {
					continue
				}
				for _, si := range sides {
					if mark == nil || ifaceAnyMarked(mark, el, si.nodes) {
						m++
					}
				}
			}
			cs[c] = m
		})
		for c, m := range cs {
			cs[c] = total
			total += m
		}
		counts = append(counts, cs)
	}
	all := make([]ifaceRec, total)
	for b, blk := range blocks {
		sides := infos[b]
		if len(sides) == 0 {
			continue
		}
		npe := blk.Topo.NodesPerElem
		ne := len(blk.Conn) / max(npe, 1)
		forChunks(ne, chunk, func(c, lo, hi int) {
			j := counts[b][c]
			for e := lo; e < hi; e++ {
				el := blk.Conn[e*npe : e*npe+npe]
				if mark != nil && !ifaceAnyNode(mark, el) {
					continue
				}
				for s, si := range sides {
					if mark != nil && !ifaceAnyMarked(mark, el, si.nodes) {
						continue
					}
					r := &all[j]
					j++
					*r = ifaceRec{typ: si.typ, ref: SideRef{int32(b), int32(e), int32(s)}}
					r.corners = [4]int32{math.MaxInt32, math.MaxInt32, math.MaxInt32, math.MaxInt32}
					for i := range si.corners {
						r.corners[i] = el[si.nodes[i]]
					}
					ifaceSort4(&r.corners)
				}
			}
		})
	}
	return all
}

func ifaceAnyNode(mark []bool, el []int32) bool {
	for _, n := range el {
		if mark[n] {
			return true
		}
	}
	return false
}

func ifaceAnyMarked(mark []bool, el, local []int32) bool {
	for _, l := range local {
		if mark[el[l]] {
			return true
		}
	}
	return false
}

// ifaceSort4 sorts four values ascending (insertion sort).
func ifaceSort4(a *[4]int32) {
	for i := 1; i < 4; i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// ifacePairGroup appends the pairs found among the sides grp (sorted by key,
// then ref): within each run of one key, each side pairs with the first
// later unpaired side of opposite orientation.
func ifacePairGroup(out []FacePair, grp []ifaceRec, blocks []SidedBlock, infos [][]ifaceSide) []FacePair {
	for lo := 0; lo < len(grp); {
		hi := lo + 1
		for hi < len(grp) && grp[hi].sameFace(&grp[lo]) {
			hi++
		}
		if hi-lo == 2 {
			if ifaceOpposite(blocks, infos, grp[lo].ref, grp[lo+1].ref) {
				out = append(out, FacePair{grp[lo].ref, grp[lo+1].ref})
			}
		} else if hi-lo > 2 {
			used := make([]bool, hi-lo)
			for i := lo; i < hi; i++ {
				if used[i-lo] {
					continue
				}
				for j := i + 1; j < hi; j++ {
					if !used[j-lo] && ifaceOpposite(blocks, infos, grp[i].ref, grp[j].ref) {
						used[i-lo], used[j-lo] = true, true
						out = append(out, FacePair{grp[i].ref, grp[j].ref})
						break
					}
				}
			}
		}
		lo = hi
	}
	return out
}

// ifaceNodes returns the global nodes of side r, in face order, into dst.
func ifaceNodes(dst []int32, blocks []SidedBlock, infos [][]ifaceSide, r SideRef) []int32 {
	blk := blocks[r.Block]
	npe := blk.Topo.NodesPerElem
	el := blk.Conn[int(r.Elem)*npe : int(r.Elem)*npe+npe]
	dst = dst[:0]
	for _, l := range infos[r.Block][r.Side].nodes {
		dst = append(dst, el[l])
	}
	return dst
}

// ifaceOpposite reports whether sides a and b list the same nodes with
// opposite orientations: b's corners are a's corners in reverse cyclic
// order (b is a rotation of a inverted, as exomerge tests it) and b's other
// nodes are a's other nodes.
func ifaceOpposite(blocks []SidedBlock, infos [][]ifaceSide, a, b SideRef) bool {
	var bufA, bufB [32]int32
	na := ifaceNodes(bufA[:0], blocks, infos, a)
	nb := ifaceNodes(bufB[:0], blocks, infos, b)
	if len(na) != len(nb) {
		return false
	}
	nc := infos[a.Block][a.Side].corners
	if infos[b.Block][b.Side].corners != nc || nc == 0 {
		return false
	}
	j := slices.Index(na[:nc], nb[0])
	if j < 0 {
		return false
	}
	for i := range nc {
		if nb[i] != na[((j-i)%nc+nc)%nc] {
			return false
		}
	}
	for _, n := range nb[nc:] {
		if !slices.Contains(na[nc:], n) {
			return false
		}
	}
	return true
}
