package meshobj

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"exosh/compute"
)

// This file holds convert_side_set_to_cohesive_zone.

// cohesiveFormula is exomerge's COHESIVE_FORMULA: for each supported face
// type, the cohesive element type and the order in which the element takes
// the nodes of the two faces (the second face's nodes, then the first
// face's copies of them).
var cohesiveFormula = map[string]struct {
	typ   string
	order []int
}{
	"quad4": {"hex8", []int{0, 1, 2, 3, 4, 5, 6, 7}},
	"tri3":  {"wedge6", []int{0, 1, 2, 3, 4, 5}},
	"tri6":  {"wedge12", []int{0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11}},
}

// ConvertSideSetToCohesiveZone turns the faces of the selected side sets
// into a new block newBlock of zero-thickness cohesive elements
// (exomerge's convert_side_set_to_cohesive_zone): quad4 faces give hex8
// elements, tri3 faces wedge6 and tri6 faces wedge12.
//
// Every member must be an internal face (shared by exactly two elements,
// with opposite orientations); the model is then opened along the faces as
// exomerge opens it (see compute.CutCohesiveZone): the nodes on the faces
// are replaced by copies, one per group of elements around the node that
// are connected through faces not in the side sets, so the elements on the
// two sides of each face no longer share nodes, while the edge of a crack
// that ends inside the mesh stays joined. The copies are appended after the
// other nodes (which keep their order), by original node and then first
// use; the first side in element order (the lower block id, then element)
// gets the first copy. Each copy has its original's coordinates and node
// field values, joins the node sets holding the original (with its set
// field values and distribution factor) and gets a fresh node id where the
// model keeps ids; the originals are deleted.
//
// Each face pair gives one element, in the order of the pair's first side
// (exomerge builds them in Python's set order, which this makes
// deterministic): the second side's face nodes, then the first side's
// copies at the same places, arranged by exomerge's COHESIVE_FORMULA. The
// new block has no element fields. Side sets are unchanged.
//
// Errors, before anything changes: faces of several types ("Multiple face
// types"), a face type other than quad4, tri3 and tri6, a member that is
// not an internal face ("Invalid face"), a newBlock that exists (exomerge
// finds that only at the end, after changing the model), and an element
// type whose sides are unknown on a block using the faces' nodes.
// Selecting no side set does nothing; selecting only empty ones is
// exomerge's "Multiple face types" error (it finds no face type).
func (m *Model) ConvertSideSetToCohesiveZone(sets Selector, newBlock int64) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	// Blocks in increasing id order, as exomerge walks them.
	order := slices.Clone(m.Blocks)
	slices.SortFunc(order, func(a, b *ElementBlock) int { return cmp.Compare(a.ID, b.ID) })
	index := make(map[int64]int32, len(order))
	blocks := make([]compute.SidedBlock, len(order))
	for i, b := range order {
		index[b.ID] = int32(i)
		t, _ := compute.LookupTopology(b.Type, b.NodesPerElem)
		blocks[i] = compute.SidedBlock{Conn: b.Conn, Topo: t}
	}
	// The members, their face types and nodes.
	var refs []compute.SideRef
	faceTypes := map[string]bool{}
	onFace := make([]bool, m.NumNodes())
	for _, s := range m.sideSetsOf(ids) {
		for k, bid := range s.BlockIDs {
			bi := index[bid]
			t := blocks[bi].Topo
			side := s.Sides[k]
			if t == nil || int(side) >= len(t.Faces) {
				return newError("Unknown face",
					fmt.Sprintf("Side set %d lists side %d of element %d of element block %d, whose element type %q has no such side.", s.ID, side+1, s.Elems[k], bid, order[bi].Type))
			}
			refs = append(refs, compute.SideRef{Block: bi, Elem: s.Elems[k], Side: side})
			face := t.Faces[side]
			faceTypes[face.Type] = true
			el := order[bi].Conn[int(s.Elems[k])*t.NodesPerElem:]
			for _, l := range face.Nodes {
				onFace[el[l]] = true
			}
		}
	}
	if len(faceTypes) != 1 {
		return newError("Multiple face types",
			"The side set contains multiple types of faces and cannot be converted into a cohesive zone.")
	}
	var faceType string
	for ft := range faceTypes {
		faceType = ft
	}
	formula, ok := cohesiveFormula[faceType]
	if !ok {
		return newError("Unsupported face type",
			fmt.Sprintf("The side set chosen has elements of face type %q. At this time, only the following face types are supported:\n* quad4\n* shell4\n* tri3\n* tri6", faceType))
	}
	if m.Block(newBlock) != nil {
		return existsError(strconv.FormatInt(newBlock, 10), entBlock)
	}
	for i, b := range order {
		if blocks[i].Topo == nil && slices.ContainsFunc(b.Conn, func(n int32) bool { return onFace[n] }) {
			return newError("Unknown element type",
				fmt.Sprintf("Element block %d (element type %q) uses nodes of the side set, but the sides of its elements are not known.", b.ID, b.Type))
		}
	}
	set := compute.InternalFaces(blocks, onFace)
	cut := make([]int, 0, len(refs))
	for _, r := range refs {
		p, ok := set.Find(r)
		if !ok {
			return newError("Invalid face",
				"One or more members of the side set are external faces which cannot be converted to cohesive elements.")
		}
		cut = append(cut, p)
	}
	slices.Sort(cut)
	cut = slices.Compact(cut)
	if used := m.cutNodeUses(onFace); m.NumNodes()+used > MaxIndex {
		return newError("Too many nodes.", fmt.Sprintf("The cohesive zone would need more than %d nodes.", MaxIndex))
	}
	if m.NumElems()+len(cut) > MaxIndex {
		return newError("Too many elements.", fmt.Sprintf("A model holds at most %d elements.", MaxIndex))
	}
	if err := m.refuseControlPoints("convert_side_set_to_cohesive_zone"); err != nil {
		return err
	}
	// Nothing fails from here on.
	z := compute.CutCohesiveZone(m.NumNodes(), blocks, set, cut)
	m.applyCut(z)
	m.dropCarried(DepNodes, "convert_side_set_to_cohesive_zone")
	nf := z.FaceNodes
	npe := len(formula.order)
	conn := make([]int32, len(cut)*npe)
	for c := range cut {
		src := z.Conn[2*nf*c : 2*nf*(c+1)]
		for i, o := range formula.order {
			conn[npe*c+i] = src[o]
		}
	}
	m.Blocks = append(m.Blocks, m.newBlock(newBlock, BlockInfo{Type: formula.typ, NumElems: len(cut), NodesPerElem: npe}, conn))
	return nil
}

// cutNodeUses counts the connectivity entries holding a flagged node (an
// upper bound of the copies a cut creates).
func (m *Model) cutNodeUses(flags []bool) int {
	n := 0
	for _, b := range m.Blocks {
		for _, x := range b.Conn {
			if flags[x] {
				n++
			}
		}
	}
	return n
}

// applyCut renumbers the node arrays after compute.CutCohesiveZone (which
// has rewritten the connectivity): kept nodes in order, then the copies.
func (m *Model) applyCut(z *compute.CohesiveZone) {
	nn := m.NumNodes()
	runs := keptRuns(nn, func(i int) bool { return z.Kept[i] >= 0 })
	remap := func(xs []float64, stride int) []float64 {
		out := make([]float64, (z.NumKept+len(z.Copies))*stride)
		parallelFor(len(runs), 1<<10, func(lo, hi int) {
			for _, r := range runs[lo:hi] {
				copy(out[int(z.Kept[r[0]])*stride:], xs[r[0]*stride:r[1]*stride])
			}
		})
		tail := out[z.NumKept*stride:]
		for k, c := range z.Copies {
			copy(tail[k*stride:(k+1)*stride], xs[int(c)*stride:(int(c)+1)*stride])
		}
		return out
	}
	m.Coords = remap(m.Coords, 3)
	for _, f := range m.NodeFields {
		mapDistinct(f.Values, func(v []float64) []float64 { return remap(v, 1) })
	}
	if m.NodeIDs != nil {
		var top int64
		for _, id := range m.NodeIDs {
			top = max(top, id)
		}
		m.NodeIDs = compactRuns(m.NodeIDs, runs, 1)
		for k := range z.Copies {
			m.NodeIDs = append(m.NodeIDs, top+1+int64(k))
		}
	}
	for _, s := range m.NodeSets {
		cutNodeSetMembers(s, z)
	}
}

// cutNodeSetMembers renumbers the members of s after a cut: members on the
// cut are replaced by the copies of their node, appended in copy order with
// the field values and distribution factor of the node's first member.
func cutNodeSetMembers(s *NodeSet, z *compute.CohesiveZone) {
	type member struct {
		node int32
		pos  int
	}
	var onCut []member
	for k, n := range s.Members {
		if z.Kept[n] < 0 {
			onCut = append(onCut, member{n, k})
		}
	}
	if len(onCut) == 0 {
		for k, n := range s.Members {
			s.Members[k] = z.Kept[n]
		}
		return
	}
	slices.SortStableFunc(onCut, func(a, b member) int { return cmp.Compare(a.node, b.node) })
	onCut = slices.CompactFunc(onCut, func(a, b member) bool { return a.node == b.node })
	var add []int32
	var src []int
	for k, c := range z.Copies {
		if i, ok := slices.BinarySearchFunc(onCut, c, func(x member, n int32) int { return cmp.Compare(x.node, n) }); ok {
			add = append(add, int32(z.NumKept+k))
			src = append(src, onCut[i].pos)
		}
	}
	gather := func(v []float64) []float64 {
		out := make([]float64, len(src))
		for i, p := range src {
			out[i] = v[p]
		}
		return out
	}
	hasDF := s.DistFactors != nil && len(s.DistFactors) == len(s.Members)
	var df []float64
	if hasDF {
		df = gather(s.DistFactors)
	}
	vals := make([][][]float64, len(s.Fields))
	for i, f := range s.Fields {
		vals[i] = make([][]float64, len(f.Values))
		for t, v := range f.Values {
			vals[i][t] = gather(v)
		}
	}
	s.keepMembers(func(k int) bool { return z.Kept[s.Members[k]] >= 0 })
	for k, n := range s.Members {
		s.Members[k] = z.Kept[n]
	}
	s.Members = append(s.Members, add...)
	if hasDF {
		s.DistFactors = append(s.DistFactors, df...)
	}
	for i, f := range s.Fields {
		for t := range f.Values {
			f.Values[t] = append(f.Values[t], vals[i][t]...)
		}
	}
}
