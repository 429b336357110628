package meshobj

import (
	"fmt"

	"exosh/compute"
)

// BuildHex8Cube adds a block of hex8 elements filling the box
// extents[axis] = {min, max}, with divisions[axis] elements along each axis
// (exomerge's build_hex8_cube; its shortcuts, a single edge length or one
// max per axis with min 0, and a single division count, are the caller's
// to expand). Nodes are new (none are shared with existing elements) and
// numbered x fastest, then y, then z; elements are numbered x slowest, then
// y, then z fastest, with exomerge's corner order. Use NewElementBlockID
// for exomerge's id='auto'. It is an error if the block exists or a
// division count is below 1.
func (m *Model) BuildHex8Cube(id int64, extents [3][2]float64, divisions [3]int) error {
	if m.Block(id) != nil {
		return existsError(fmt.Sprint(id), entBlock)
	}
	dx, dy, dz := divisions[0], divisions[1], divisions[2]
	if dx < 1 || dy < 1 || dz < 1 {
		return newError("Invalid divisions.",
			fmt.Sprintf("Each of the divisions %v must be at least 1.", divisions))
	}
	nx, ny, nz := dx+1, dy+1, dz+1
	if float64(nx)*float64(ny)*float64(nz)+float64(m.NumNodes()) > MaxIndex ||
		float64(dx)*float64(dy)*float64(dz)*8 > MaxIndex*8 {
		return newError("Too many elements.",
			fmt.Sprintf("A %d x %d x %d cube exceeds the model's limit of %d nodes or elements.", dx, dy, dz, MaxIndex))
	}
	axis := func(a, n int) []float64 {
		lo, hi := extents[a][0], extents[a][1]
		v := make([]float64, n+1)
		for i := range v {
			v[i] = lo + (hi-lo)*float64(i)/float64(n)
		}
		return v
	}
	xs, ys, zs := axis(0, dx), axis(1, dy), axis(2, dz)

	first := m.NumNodes()
	nn := nx * ny * nz
	m.Coords = compute.GrowFloat64s(m.Coords, 3*nn)
	coords := m.Coords[3*first:]
	parallelFor(nz, 8, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			z := zs[k]
			p := 3 * k * ny * nx
			for j := range ny {
				y := ys[j]
				for _, x := range xs {
					coords[p], coords[p+1], coords[p+2] = x, y, z
					p += 3
				}
			}
		}
	})
	m.extendNodeArrays(nn)

	ne := dx * dy * dz
	conn := compute.Int32s(8 * ne)
	off := int32(first)
	sx, sxy := int32(nx), int32(nx*ny)
	parallelFor(dx, 4, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := 8 * i * dy * dz
			for j := range dy {
				for k := range dz {
					n0 := off + int32((k*ny+j)*nx+i)
					c := conn[p : p+8 : p+8]
					c[0], c[1], c[2], c[3] = n0, n0+1, n0+1+sx, n0+sx
					c[4], c[5], c[6], c[7] = n0+sxy, n0+1+sxy, n0+1+sx+sxy, n0+sx+sxy
					p += 8
				}
			}
		}
	})
	m.Blocks = append(m.Blocks, m.newBlock(id, BlockInfo{Type: "hex8", NumElems: ne, NodesPerElem: 8}, conn))
	return nil
}
