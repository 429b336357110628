package meshobj

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"exosh/compute"
)

// This file holds the coordinate transforms of area C: translate, scale,
// rotate, reflect and displace the whole model or some element blocks.

// Adjust is exomerge's adjust_displacement_field argument: whether a
// transform also transforms the displacement field.
type Adjust uint8

// Adjust values.
const (
	// AdjustAuto ('auto') transforms the displacement field if it exists
	// (DisplacementFieldExists).
	AdjustAuto Adjust = iota
	// AdjustNo (False) leaves node fields alone.
	AdjustNo
	// AdjustYes (True) transforms the displacement field, creating it
	// (with zeros) if it does not exist, as exomerge does.
	AdjustYes
)

// adjusting resolves AdjustAuto.
func (m *Model) adjusting(a Adjust) bool {
	switch a {
	case AdjustAuto:
		return m.DisplacementFieldExists()
	case AdjustYes:
		return true
	}
	return false
}

// displacement returns the x, y and z displacement fields, creating them
// if they do not exist (exomerge's _get_displacement_field_values).
func (m *Model) displacement() (x, y, z *Field) {
	_ = m.CreateDisplacementField()
	p := m.DisplacementFieldPrefix()
	return FindField(m.NodeFields, p+"_x"), FindField(m.NodeFields, p+"_y"), FindField(m.NodeFields, p+"_z")
}

// zeroVectorError reports a zero rotation axis or reflection normal.
func zeroVectorError(what string, v [3]float64) *Error {
	return newError("Invalid "+what+".",
		fmt.Sprintf("The %s [%s, %s, %s] has zero length (or is not finite).", what, PyFloat(v[0]), PyFloat(v[1]), PyFloat(v[2])))
}

// TranslateGeometry adds offset to every node's coordinates (exomerge's
// translate_geometry). The displacement field is not changed.
func (m *Model) TranslateGeometry(offset [3]float64) {
	compute.Translate(m.Coords, nil, offset)
}

// ScaleGeometry multiplies every node's coordinates by factor (exomerge's
// scale_geometry), and the displacement field at every timestep if adjust
// says so.
func (m *Model) ScaleGeometry(factor float64, adjust Adjust) {
	m.scaleNodes(nil, factor, adjust)
}

func (m *Model) scaleNodes(idx []int32, factor float64, adjust Adjust) {
	adj := m.adjusting(adjust)
	compute.Scale(m.Coords, idx, factor)
	if adj {
		dx, dy, dz := m.displacement()
		for _, f := range []*Field{dx, dy, dz} {
			eachDistinct(f.Values, func(v []float64) { compute.ScaleValues(v, idx, factor) })
		}
	}
}

// RotateGeometry rotates every node by angleDeg degrees about axis through
// the origin, by the right-hand rule (exomerge's rotate_geometry; for a
// multiple of 90 degrees the sine and cosine are exact), and the
// displacement vectors at every timestep if adjust says so. A zero axis is
// an error (exomerge divides by zero).
func (m *Model) RotateGeometry(axis [3]float64, angleDeg float64, adjust Adjust) error {
	return m.rotateNodes(nil, axis, angleDeg, adjust)
}

func (m *Model) rotateNodes(idx []int32, axis [3]float64, angleDeg float64, adjust Adjust) error {
	if _, err := compute.RotationMatrix(axis, angleDeg); err != nil {
		return zeroVectorError("rotation axis", axis)
	}
	adj := m.adjusting(adjust)
	if err := compute.Rotate(m.Coords, idx, axis, angleDeg); err != nil {
		return err
	}
	if adj {
		dx, dy, dz := m.displacement()
		for _, t := range alignSteps(dx, dy, dz) {
			if err := compute.RotateVectors(dx.Values[t], dy.Values[t], dz.Values[t], idx, axis, angleDeg); err != nil {
				return err
			}
		}
	}
	return nil
}

// transformedNodes resolves the blocks of a block transform and, with
// check, makes sure they share no node with the other blocks. It returns
// the block ids and their nodes (sorted, distinct), or nil nodes if they
// use every node of the model.
func (m *Model) transformedNodes(blocks Selector, check bool) ([]int64, []int32, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return nil, nil, err
	}
	if err := m.refuseBezierBlocks("Transforming element blocks", ids); err != nil {
		return nil, nil, err
	}
	if check {
		if err := m.ensureNoSharedNodes(ids); err != nil {
			return nil, nil, err
		}
	}
	return ids, m.blockNodesOrAll(m.blocksOf(ids)), nil
}

// ensureNoSharedNodes returns exomerge's error if a node is used both by
// the blocks ids and by some other block.
func (m *Model) ensureNoSharedNodes(ids []int64) error {
	in := idSet(ids)
	var others []*ElementBlock
	for _, b := range m.Blocks {
		if !in[b.ID] {
			others = append(others, b)
		}
	}
	if len(others) == 0 {
		return nil
	}
	mine := m.nodeFlags(m.blocksOf(ids))
	theirs := m.nodeFlags(others)
	parallelFor(len(mine), 1<<16, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			mine[i] = mine[i] && theirs[i]
		}
	})
	shared := flagIndices(mine)
	if len(shared) == 0 {
		return nil
	}
	const show = 20
	parts := make([]string, 0, show+1)
	for _, n := range shared[:min(show, len(shared))] {
		parts = append(parts, strconv.Itoa(int(n)))
	}
	if len(shared) > show {
		parts = append(parts, "...")
	}
	return newError("Unable to operate on merged nodes.",
		"You are attempting to operate on some element blocks while keeping others unaffected. Because some nodes are shared between the two groups, this cannot be done. Use unmerge_element_blocks() to unmerge the blocks if that is desired.\n\n"+
			fmt.Sprintf("There are %d shared nodes: %s", len(shared), strings.Join(parts, ", ")))
}

// TranslateElementBlocks adds offset to the coordinates of the nodes of the
// selected blocks (exomerge's translate_element_blocks). With check
// (exomerge's check_for_merged_nodes, default true) it is an error if one
// of those nodes is also used by another block; without it, such nodes
// move too.
func (m *Model) TranslateElementBlocks(blocks Selector, offset [3]float64, check bool) error {
	_, nodes, err := m.transformedNodes(blocks, check)
	if err != nil {
		return err
	}
	compute.Translate(m.Coords, nodes, offset)
	return nil
}

// ScaleElementBlocks multiplies the coordinates of the nodes of the
// selected blocks by factor, and the displacement field at those nodes if
// adjust says so (exomerge's scale_element_blocks). check is as in
// TranslateElementBlocks.
func (m *Model) ScaleElementBlocks(blocks Selector, factor float64, check bool, adjust Adjust) error {
	_, nodes, err := m.transformedNodes(blocks, check)
	if err != nil {
		return err
	}
	m.scaleNodes(nodes, factor, adjust)
	return nil
}

// RotateElementBlocks rotates the nodes of the selected blocks as
// RotateGeometry rotates all nodes, and the displacement vectors at those
// nodes if adjust says so (exomerge's rotate_element_blocks). check is as
// in TranslateElementBlocks.
func (m *Model) RotateElementBlocks(blocks Selector, axis [3]float64, angleDeg float64, check bool, adjust Adjust) error {
	if _, err := compute.RotationMatrix(axis, angleDeg); err != nil {
		return zeroVectorError("rotation axis", axis)
	}
	_, nodes, err := m.transformedNodes(blocks, check)
	if err != nil {
		return err
	}
	return m.rotateNodes(nodes, axis, angleDeg, adjust)
}

// ReflectElementBlocks mirrors the nodes of the selected blocks in the
// plane through point with the given normal, and the displacement vectors
// at those nodes if adjust says so, then inverts the blocks' elements so
// that they are not inside out: their connectivity is permuted and the
// side numbers of side set members on them follow (exomerge's
// reflect_element_blocks). check is as in TranslateElementBlocks.
//
// Unlike exomerge, everything is checked before anything moves (a zero
// normal, an element type without an inversion rule), and the 20-node hex
// and the 15- and 16-node wedges are inverted correctly (exomerge's
// permutations scramble their mid-edge nodes). Side set distribution
// factors follow their nodes.
func (m *Model) ReflectElementBlocks(blocks Selector, point, normal [3]float64, check bool, adjust Adjust) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	adj := m.adjusting(adjust)
	// Reflecting no nodes only validates the normal.
	if err := compute.Reflect(nil, nil, point, normal); errors.Is(err, compute.ErrZeroVector) {
		return zeroVectorError("reflection normal", normal)
	}
	if check {
		if err := m.ensureNoSharedNodes(ids); err != nil {
			return err
		}
	}
	bs := m.blocksOf(ids)
	inv := make([]*inversion, len(bs))
	for i, b := range bs {
		if inv[i], err = inversionOf(b); err != nil {
			return err
		}
	}
	nodes := m.blockNodesOrAll(bs)
	if err := compute.Reflect(m.Coords, nodes, point, normal); err != nil {
		return err
	}
	if adj {
		dx, dy, dz := m.displacement()
		for _, t := range alignSteps(dx, dy, dz) {
			if err := compute.ReflectVectors(dx.Values[t], dy.Values[t], dz.Values[t], nodes, normal); err != nil {
				return err
			}
		}
	}
	for i, b := range bs {
		m.invertBlock(b, inv[i])
	}
	return nil
}

// DisplaceElementBlocks adds offset to the displacement field (not the
// coordinates) at the nodes of the selected blocks, at the selected
// timesteps (exomerge's displace_element_blocks; default 'all'). The
// displacement field is created if it does not exist. check is as in
// TranslateElementBlocks. It is an error if the model has no timesteps.
func (m *Model) DisplaceElementBlocks(blocks Selector, offset [3]float64, timesteps Selector, check bool) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	if err := m.refuseBezierBlocks("displace_element_blocks", ids); err != nil {
		return err
	}
	ts, err := m.ResolveTimesteps(timesteps)
	if err != nil {
		return err
	}
	if check {
		if err := m.ensureNoSharedNodes(ids); err != nil {
			return err
		}
	}
	if len(m.Timesteps) == 0 {
		return newError("No timesteps defined",
			"A displacement field cannot exist if no timesteps are defined. To avoid this error, create a timestep before calling this function.")
	}
	dx, dy, dz := m.displacement()
	nodes := m.blockNodesOrAll(m.blocksOf(ids))
	// Every (timestep, component) array, updated in one parallel pass.
	type target struct {
		v   []float64
		off float64
	}
	var tgts []target
	steps := make([]int, len(ts))
	for i, t := range ts {
		steps[i] = m.timestepIndex(t)
	}
	for d, f := range []*Field{dx, dy, dz} {
		for _, v := range ownOutside(f.Values, steps) {
			tgts = append(tgts, target{v, offset[d]})
		}
	}
	if nodes == nil {
		parallelFor(m.NumNodes(), 1<<15, func(lo, hi int) {
			for _, g := range tgts {
				v, off := g.v[lo:hi], g.off
				for n := range v {
					v[n] += off
				}
			}
		})
		return nil
	}
	parallelFor(len(nodes), 1<<15, func(lo, hi int) {
		for _, g := range tgts {
			v, off := g.v, g.off
			for _, n := range nodes[lo:hi] {
				v[n] += off
			}
		}
	})
	return nil
}

// invertedConnectivity holds, for exomerge's element types, the
// permutation p that turns an element inside out: the inverted element's
// local node j is the original's node p[j]. exomerge's tables are used,
// except for hex20, wedge15 and wedge16, where exomerge moves the vertical
// mid-edge nodes onto the top ones; here the vertical edges stay and the
// bottom and top mid-edge nodes swap, as the corners do.
var invertedConnectivity = map[string][]int32{
	"hex8":    {4, 5, 6, 7, 0, 1, 2, 3},
	"hex20":   {4, 5, 6, 7, 0, 1, 2, 3, 16, 17, 18, 19, 12, 13, 14, 15, 8, 9, 10, 11},
	"tet4":    {0, 2, 1, 3},
	"tet10":   {0, 2, 1, 3, 6, 5, 4, 7, 9, 8},
	"wedge6":  {3, 4, 5, 0, 1, 2},
	"wedge12": {3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8},
	"wedge15": {3, 4, 5, 0, 1, 2, 12, 13, 14, 9, 10, 11, 6, 7, 8},
	"wedge16": {3, 4, 5, 0, 1, 2, 12, 13, 14, 9, 10, 11, 6, 7, 8, 15},
	"tri3":    {0, 2, 1},
	"tri6":    {0, 2, 1, 5, 4, 3},
	"quad4":   {0, 3, 2, 1},
	"shell4":  {0, 3, 2, 1},
	"quad6":   {3, 2, 1, 0, 5, 4},
	"quad8":   {0, 3, 2, 1, 7, 6, 5, 4},
	"line2":   {1, 0},
	"line3":   {1, 0, 2},
	"point":   {0},
}

// inversion is the effect of inverting one element type: the connectivity
// permutation, and for each side the new side number and the permutation
// of the side's nodes (dfPerm[s][j] is the position, in old side s, of the
// node at position j of the new side).
type inversion struct {
	perm    []int32
	newSide []int32
	dfPerm  [][]int
}

// inversionOf returns the inversion of b's element type, or exomerge's
// error if there is none.
func inversionOf(b *ElementBlock) (*inversion, error) {
	typ := StandardElementType(b.Type)
	p, ok := invertedConnectivity[typ]
	if !ok || len(p) != b.NodesPerElem {
		return nil, newError("Unknown inversion algorithm.",
			`The required numbering to invert an element of type "`+typ+`" is not defined.`)
	}
	inv := &inversion{perm: p}
	t := topologyOf(b)
	if t == nil {
		return inv, nil
	}
	// pinv[k] is the new local index of old local node k.
	pinv := make([]int32, len(p))
	for j, k := range p {
		pinv[k] = int32(j)
	}
	inv.newSide = make([]int32, len(t.Faces))
	inv.dfPerm = make([][]int, len(t.Faces))
	sorted := make([][]int32, len(t.Faces))
	for s, f := range t.Faces {
		sorted[s] = slices.Sorted(slices.Values(f.Nodes))
	}
	for s, f := range t.Faces {
		moved := make([]int32, len(f.Nodes))
		for i, k := range f.Nodes {
			moved[i] = pinv[k]
		}
		set := slices.Sorted(slices.Values(moved))
		g := -1
		for c := range t.Faces {
			if !slices.Equal(sorted[c], set) {
				continue
			}
			if g < 0 {
				g = c
			}
			// Two sides with the same nodes (a shell's top and bottom):
			// take the one facing the mirrored direction, whose corners
			// run in the reverse order of the moved side's.
			if reversedCycle(t.Faces[c], moved) {
				g = c
				break
			}
		}
		inv.newSide[s] = int32(g)
		dp := make([]int, len(t.Faces[g].Nodes))
		for j, l := range t.Faces[g].Nodes {
			dp[j] = slices.Index(f.Nodes, p[l])
		}
		inv.dfPerm[s] = dp
	}
	return inv, nil
}

// invertBlock permutes the connectivity of b by inv and renumbers the sides
// of side set members on b, permuting their distribution factors.
func (m *Model) invertBlock(b *ElementBlock, inv *inversion) {
	npe := b.NodesPerElem
	p := inv.perm
	conn := b.Conn
	parallelFor(b.NumElems, 1<<13, func(lo, hi int) {
		var tmp [32]int32
		for e := lo; e < hi; e++ {
			el := conn[e*npe : e*npe+npe]
			copy(tmp[:npe], el)
			for j, k := range p {
				el[j] = tmp[k]
			}
		}
	})
	if inv.newSide == nil {
		return
	}
	for _, s := range m.SideSets {
		if !slices.Contains(s.BlockIDs, b.ID) {
			continue
		}
		var offs []int
		if s.DistFactors != nil {
			if counts, ok := m.dfCounts(s); ok {
				offs = make([]int, len(counts)+1)
				for k, c := range counts {
					offs[k+1] = offs[k] + c
				}
			}
		}
		var buf []float64
		for k, id := range s.BlockIDs {
			if id != b.ID || int(s.Sides[k]) >= len(inv.newSide) {
				continue
			}
			old := s.Sides[k]
			s.Sides[k] = inv.newSide[old]
			if offs != nil {
				df := s.DistFactors[offs[k]:offs[k+1]]
				buf = append(buf[:0], df...)
				for j, from := range inv.dfPerm[old] {
					df[j] = buf[from]
				}
			}
		}
	}
}

// reversedCycle reports whether the corners of face f, in order, are a
// cyclic rotation of the reverse of the first corners of seq.
func reversedCycle(f compute.Face, seq []int32) bool {
	n := len(f.Nodes)
	if ft, ok := compute.LookupTopology(f.Type, len(f.Nodes)); ok && ft.Corners > 0 {
		n = ft.Corners
	}
	if n > len(seq) {
		return false
	}
	for r := range n {
		ok := true
		for i := range n {
			if f.Nodes[(r+i)%n] != seq[(n-1-i+n)%n] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
