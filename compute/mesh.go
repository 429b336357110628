package compute

// MaxIndex is the largest node or element count the kernels accept: indices
// are int32.
const MaxIndex = 1<<31 - 1

// HexMesh returns a structured mesh of nx*ny*nz hex8 elements filling the
// unit cube, for tests and benchmarks. Node (i, j, k), 0 <= i <= nx and so
// on, has index i + (nx+1)*(j + (ny+1)*k) and coordinates (i/nx, j/ny,
// k/nz). Element (i, j, k) has index i + nx*(j + ny*k) and the standard
// Exodus hex8 node order (counter-clockwise bottom face seen from below the
// top face, then the top face), so every element has volume 1/(nx*ny*nz).
func HexMesh(nx, ny, nz int) (coords []float64, conn []int32) {
	px, py, pz := nx+1, ny+1, nz+1
	coords = make([]float64, 3*px*py*pz)
	parallelFor(pz, 1, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			for j := range py {
				for i := range px {
					p := 3 * (i + px*(j+py*k))
					coords[p] = float64(i) / float64(nx)
					coords[p+1] = float64(j) / float64(ny)
					coords[p+2] = float64(k) / float64(nz)
				}
			}
		}
	})
	conn = make([]int32, 8*nx*ny*nz)
	parallelFor(nz, 1, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			for j := range ny {
				for i := range nx {
					e := 8 * (i + nx*(j+ny*k))
					n0 := int32(i + px*(j+py*k))
					dy, dz := int32(px), int32(px*py)
					conn[e+0] = n0
					conn[e+1] = n0 + 1
					conn[e+2] = n0 + 1 + dy
					conn[e+3] = n0 + dy
					conn[e+4] = n0 + dz
					conn[e+5] = n0 + 1 + dz
					conn[e+6] = n0 + 1 + dy + dz
					conn[e+7] = n0 + dy + dz
				}
			}
		}
	})
	return coords, conn
}
