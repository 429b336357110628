package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"exosh/compute"
)

// This file gathers the arrays that export_png, export_gif and show draw
// (package render draws them): the visible surface of some element
// blocks as triangles, its points at a displacement timestep, and a field
// on it.

// Picture is the surface of some element blocks as triangles: the
// exterior faces of their 3-D elements (compute.ExternalFaces, shells
// counting as 3-D as in exomerge) and the 2-D elements (tri, quad)
// themselves. Faces are split into triangles over their corner nodes
// (higher-order nodes are not drawn).
type Picture struct {
	// Nodes holds the model node of each point, in increasing order.
	Nodes []int32
	// Tris holds three point indices per triangle.
	Tris []int32
	// Edges has one entry per triangle: bit k marks the edge from its
	// vertex k to vertex (k+1)%3 as a side of the face it comes from
	// (the diagonals that split quads are not marked).
	Edges []uint8
	// FrontOnly marks the triangles of the skin of solid (not shell)
	// elements: they bound a closed volume and go counter-clockwise seen
	// from outside (the faces of inverted elements are turned round), so
	// a renderer may skip them when seen from behind.
	FrontOnly []bool
	// Blocks are the drawn blocks; triangle t comes from element
	// TriElem[t] of Blocks[TriBlock[t]].
	Blocks            []*ElementBlock
	TriBlock, TriElem []int32
	// Flat is true when nothing is 3-D and every point has one z: the
	// picture is a plan, drawn without lighting.
	Flat bool
}

// corners returns the number of corner nodes of a face or 2-D element
// topology: 3 for triangles, 4 for quadrilaterals.
func corners(t *compute.Topology) int {
	if strings.HasPrefix(t.Name, "tri") {
		return 3
	}
	return 4
}

// PictureSurface returns the surface of the selected blocks. Blocks of
// points, spheres and lines, which have no surface, are left out; a
// selection with nothing to draw is an error.
func (m *Model) PictureSurface(blocks Selector) (*Picture, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return nil, err
	}
	p := &Picture{}
	var solid []int64
	var flat []*ElementBlock
	for _, b := range m.blocksOf(ids) {
		t := topologyOf(b)
		if t == nil {
			return nil, newError("Undefined face mapping.", fmt.Sprintf(`Element block %d has element type "%s", which exosh cannot draw.`, b.ID, StandardElementType(b.Type)))
		}
		switch t.Dim {
		case 3:
			solid = append(solid, b.ID)
		case 2:
			flat = append(flat, b)
		}
	}
	nn := m.NumNodes()
	local := make([]int32, nn) // 1 + point index, or 0
	front := false             // whether the triangles being added are front-only
	addTri := func(blk, el int32, a, b, c int32, edges uint8) {
		for _, v := range [3]int32{a, b, c} {
			local[v] = 1
		}
		p.Tris = append(p.Tris, a, b, c)
		p.Edges = append(p.Edges, edges)
		p.FrontOnly = append(p.FrontOnly, front)
		p.TriBlock = append(p.TriBlock, blk)
		p.TriElem = append(p.TriElem, el)
	}
	// addPoly splits a face with 3 or 4 corners into triangles.
	addPoly := func(blk, el int32, c []int32) {
		if len(c) == 3 {
			addTri(blk, el, c[0], c[1], c[2], 7)
			return
		}
		addTri(blk, el, c[0], c[1], c[2], 1|2)
		addTri(blk, el, c[0], c[2], c[3], 2|4)
	}
	if len(solid) > 0 {
		skin, bs, err := m.externalFaces(solid)
		if err != nil {
			return nil, err
		}
		p.Blocks = append(p.Blocks, bs...)
		n := skin.Len()
		p.Tris = slices.Grow(p.Tris, 6*n)
		p.Edges = slices.Grow(p.Edges, 2*n)
		p.TriBlock = slices.Grow(p.TriBlock, 2*n)
		p.TriElem = slices.Grow(p.TriElem, 2*n)
		p.FrontOnly = slices.Grow(p.FrontOnly, 2*n)
		shell := make([]bool, len(bs))
		for i, b := range bs {
			shell[i] = strings.HasPrefix(topologyOf(b).Name, "shell")
		}
		var poly [4]int32
		for i := range n {
			ft := skin.FaceTopo(i)
			nodes := skin.FaceNodes(i)
			if ft == nil || ft.Dim != 2 || len(nodes) < 3 {
				continue // edges of 2-D elements, points: not surfaces
			}
			c := poly[:corners(ft)]
			copy(c, nodes)
			b := skin.Block[i]
			front = !shell[b]
			if front && m.inward(bs[b], skin.Elem[i], c) {
				slices.Reverse(c[1:])
			}
			addPoly(b, skin.Elem[i], c)
		}
		front = false
	}
	for _, b := range flat {
		bi := int32(len(p.Blocks))
		p.Blocks = append(p.Blocks, b)
		t := topologyOf(b)
		k := corners(t)
		for e := range b.NumElems {
			addPoly(bi, int32(e), b.Conn[e*b.NodesPerElem:e*b.NodesPerElem+k])
		}
	}
	if len(p.Tris) == 0 {
		return nil, newError("Nothing to draw.", "The selected element blocks have no faces to draw (no 2-D or 3-D elements).")
	}
	np := int32(0)
	for n, u := range local {
		if u != 0 {
			local[n] = np + 1
			np++
		}
	}
	p.Nodes = make([]int32, 0, np)
	for n, u := range local {
		if u != 0 {
			p.Nodes = append(p.Nodes, int32(n))
		}
	}
	for i, v := range p.Tris {
		p.Tris[i] = local[v] - 1
	}
	p.Flat = len(solid) == 0
	if p.Flat && len(p.Nodes) > 0 {
		z := m.Coords[3*int(p.Nodes[0])+2]
		for _, n := range p.Nodes {
			if m.Coords[3*int(n)+2] != z {
				p.Flat = false
				break
			}
		}
	}
	return p, nil
}

// inward reports whether the face with corners c of element e of block b
// faces into the element (an inverted element): its normal (Newell's, the
// sum of the cross products of its corners) points against the vector from
// the element's centroid to the face's (both the means of corner nodes).
func (m *Model) inward(b *ElementBlock, e int32, c []int32) bool {
	x := m.Coords
	var ec, fc, n [3]float64
	k := topologyOf(b).Corners
	for _, v := range b.Conn[int(e)*b.NodesPerElem : int(e)*b.NodesPerElem+k] {
		for d := range 3 {
			ec[d] += x[3*int(v)+d] / float64(k)
		}
	}
	for i, v := range c {
		w := c[(i+1)%len(c)]
		p, q := x[3*int(v):3*int(v)+3], x[3*int(w):3*int(w)+3]
		n[0] += p[1]*q[2] - p[2]*q[1]
		n[1] += p[2]*q[0] - p[0]*q[2]
		n[2] += p[0]*q[1] - p[1]*q[0]
		for d := range 3 {
			fc[d] += p[d] / float64(len(c))
		}
	}
	return n[0]*(fc[0]-ec[0])+n[1]*(fc[1]-ec[1])+n[2]*(fc[2]-ec[2]) < 0
}

// PicturePoints returns the coordinates (x, y, z per point) of the
// picture's points, displaced at the timestep displacementTimestep
// selects, with export_stl_file's rule: 'auto' is the last timestep if the
// model has timesteps and a displacement field, else none. The second
// result is the undisplaced coordinates.
func (m *Model) PicturePoints(p *Picture, displacementTimestep Selector) (displaced, undisplaced []float64, err error) {
	disp, err := m.displacedAt(m.autoDisplacement(displacementTimestep))
	if err != nil {
		return nil, nil, err
	}
	undisplaced = make([]float64, 3*len(p.Nodes))
	for i, n := range p.Nodes {
		copy(undisplaced[3*i:3*i+3], m.Coords[3*int(n):3*int(n)+3])
	}
	if disp[0] == nil {
		return undisplaced, undisplaced, nil
	}
	displaced = make([]float64, len(undisplaced))
	for i, n := range p.Nodes {
		for d := range 3 {
			displaced[3*i+d] = undisplaced[3*i+d] + disp[d][n]
		}
	}
	return displaced, undisplaced, nil
}

// PictureTimestep returns the index of the timestep ref names.
func (m *Model) PictureTimestep(ref Item) (int, error) {
	t, err := m.ResolveTimestep(ref)
	if err != nil {
		return 0, err
	}
	return slices.Index(m.Timesteps, t), nil
}

// PictureNodeValues returns node field name at timestep index step on the
// picture's points.
func (m *Model) PictureNodeValues(p *Picture, name string, step int) ([]float64, error) {
	f := FindField(m.NodeFields, name)
	if f == nil {
		return nil, newError("Node field not found.", fmt.Sprintf(`The node field "%s" does not exist. Node fields: %s.`, name, nameList(FieldNames(m.NodeFields))))
	}
	if step < 0 || step >= len(f.Values) {
		return nil, newError("Timestep not found.", fmt.Sprintf("Timestep index %d is out of range.", step))
	}
	v := make([]float64, len(p.Nodes))
	for i, n := range p.Nodes {
		v[i] = f.Values[step][n]
	}
	return v, nil
}

// PictureElementValues returns element field name at timestep index step
// on the picture's triangles (the value of the element each comes from);
// NaN on blocks without the field. A field that none of the drawn blocks
// has is an error.
func (m *Model) PictureElementValues(p *Picture, name string, step int) ([]float64, error) {
	fs := make([][]float64, len(p.Blocks))
	found := false
	for i, b := range p.Blocks {
		if f := FindField(b.Fields, name); f != nil && step >= 0 && step < len(f.Values) {
			fs[i], found = f.Values[step], true
		}
	}
	if !found {
		return nil, newError("Element field not found.", fmt.Sprintf(`The element field "%s" is not defined on the drawn element blocks. Element fields: %s.`, name, nameList(m.elementFieldNames(p.Blocks))))
	}
	v := make([]float64, len(p.TriBlock))
	for t, b := range p.TriBlock {
		if fs[b] == nil {
			v[t] = math.NaN()
		} else {
			v[t] = fs[b][p.TriElem[t]]
		}
	}
	return v, nil
}

// nameList quotes names for a message ("none" if there are none).
func nameList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return `"` + strings.Join(names, `", "`) + `"`
}
