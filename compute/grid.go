package compute

import (
	"math"
	"sort"
)

// maxCellsPerAxis bounds the grid resolution so that a cell key
// (iz*ny + iy)*nx + ix fits in 60 bits.
const maxCellsPerAxis = 1 << 20

// cellGrid holds points sorted by the cell of a uniform grid of cubes of
// side h that they fall in, cells numbered x fastest. Points at most
// h/(1+1e-6) apart (see gridSide) lie in the same or in adjacent cells, so
// visiting each cell's own points and those of its 13 "forward" neighbours
// (the lexicographically larger half of the 26) meets every such pair
// exactly once.
type cellGrid struct {
	nx, ny, nz int64
	keys       []uint64  // cell key of each point, ascending
	idx        []int32   // original index of each point, in sorted order
	xyz        []float64 // coordinates of each point, in sorted order
	stop       Stop      // checked before every chunk of sweep
	spare      []int32   // the sort's value scratch, free for the caller
}

// gridSide returns a cell side of at least minSide that keeps the grid over
// extents [lo, hi] within maxCellsPerAxis per axis, with a relative margin
// of 1e-6 so that rounding in the cell computation (relative error about
// 2^20 * 2^-52 of a cell) cannot put two points at most minSide apart two
// cells apart.
func gridSide(lo, hi [3]float64, minSide float64) float64 {
	ext := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	h := max(minSide, ext/(maxCellsPerAxis-2))
	if !(h > 0) || math.IsInf(h, 0) {
		// All points coincide (or the extents are not finite): one cell.
		return math.Inf(1)
	}
	return h * (1 + 1e-6)
}

// sortBufs holds the four arrays of a radix sort of n keys with int32
// values (keys, values and their scratch), so that a second sort of the
// same length can reuse them instead of fresh memory.
type sortBufs struct {
	keys, keys2 []uint64
	idx, idx2   []int32
}

// newSortBufs allocates sortBufs for n items.
func newSortBufs(n int) *sortBufs {
	return &sortBufs{keys: uint64s(n), keys2: uint64s(n), idx: Int32s(n), idx2: Int32s(n)}
}

// newCellGrid sorts the nodes sel of coords (all if sel is nil) into cells
// of side h anchored at lo, where [lo, hi] are the nodes' extents. buf, if
// not nil, holds the arrays to sort in (of the node count's length; the
// grid keeps two of them); otherwise they are allocated.
func newCellGrid(stop Stop, coords []float64, sel []int32, lo, hi [3]float64, h float64, buf *sortBufs) *cellGrid {
	n := len(coords) / 3
	if sel != nil {
		n = len(sel)
	}
	g := &cellGrid{nx: 1, ny: 1, nz: 1, stop: stop}
	if !math.IsInf(h, 1) {
		g.nx = cellCount(hi[0]-lo[0], h)
		g.ny = cellCount(hi[1]-lo[1], h)
		g.nz = cellCount(hi[2]-lo[2], h)
	}
	if buf == nil {
		buf = newSortBufs(n)
	}
	keys, idx := buf.keys, buf.idx
	nx, ny, nz := g.nx, g.ny, g.nz
	inv := 1 / h
	parallelForStop(stop, n, grainLight, func(a, b int) {
		for i := a; i < b; i++ {
			j := int32(i)
			if sel != nil {
				j = sel[i]
			}
			p := 3 * int(j)
			ix := cellOf(coords[p]-lo[0], inv, nx)
			iy := cellOf(coords[p+1]-lo[1], inv, ny)
			iz := cellOf(coords[p+2]-lo[2], inv, nz)
			keys[i] = uint64((iz*ny+iy)*nx + ix)
			idx[i] = j
		}
	})
	g.keys, g.idx = radixSort(stop, keys, buf.keys2, idx, buf.idx2, keyBitsFor(uint64(nx*ny*nz-1)))
	g.spare = buf.idx2
	if n > 0 && &g.idx[0] == &buf.idx2[0] {
		g.spare = buf.idx
	}
	g.xyz = Float64s(3 * n)
	parallelForStop(stop, n, grainLight, func(a, b int) {
		for i := a; i < b; i++ {
			p := 3 * int(g.idx[i])
			g.xyz[3*i], g.xyz[3*i+1], g.xyz[3*i+2] = coords[p], coords[p+1], coords[p+2]
		}
	})
	return g
}

// finiteNodes returns nil if every coordinate is finite, and otherwise the
// indices of the nodes whose three coordinates are finite.
func finiteNodes(stop Stop, coords []float64) []int32 {
	n := len(coords) / 3
	bad := make([]int, numChunks(n, reduceChunk))
	forChunksStop(stop, n, reduceChunk, func(c, a, b int) {
		for _, v := range coords[3*a : 3*b] {
			if !finite(v) {
				bad[c]++
			}
		}
	})
	total := 0
	for _, b := range bad {
		total += b
	}
	if total == 0 {
		return nil
	}
	sel := make([]int32, 0, n)
	for i := range n {
		if finite(coords[3*i]) && finite(coords[3*i+1]) && finite(coords[3*i+2]) {
			sel = append(sel, int32(i))
		}
	}
	return sel
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return v-v == 0 }

// cellCount returns the number of cells of side h covering a length ext.
func cellCount(ext, h float64) int64 {
	c := int64(ext/h) + 1
	return min(max(c, 1), maxCellsPerAxis)
}

// cellOf returns the cell index of offset d, clamped to [0, n).
func cellOf(d, inv float64, n int64) int64 {
	c := d * inv
	if !(c >= 0) { // also NaN
		return 0
	}
	if c >= float64(n) {
		return n - 1
	}
	return int64(c)
}

// neighbours holds position ranges [start, end) of points in the forward
// neighbour cells of one cell.
type neighbours struct {
	r [5][2]int
	n int
}

// sweep calls fn for every cell, with the cell's own points at positions
// [s, e) and the points of its forward neighbour cells, in parallel over
// fixed chunks of positions: fn(c, s, e, nb) for cells whose points start in
// chunk c of sweepChunk positions. A caller keeping per-chunk results and
// combining them in chunk order gets results independent of GOMAXPROCS.
func (g *cellGrid) sweep(fn func(c, s, e int, nb *neighbours)) {
	n := len(g.keys)
	keys := g.keys
	nx, ny, nz := g.nx, g.ny, g.nz
	forChunksStop(g.stop, n, sweepChunk, func(c, lo, hi int) {
		// Start at the first cell beginning in [lo, hi).
		for lo < hi && lo > 0 && keys[lo] == keys[lo-1] {
			lo++
		}
		if lo >= hi {
			return
		}
		// Row cursors: (dy, dz) = (1, 0), (-1, 1), (0, 1), (1, 1).
		dys := [4]int64{1, -1, 0, 1}
		dzs := [4]int64{0, 1, 1, 1}
		var cur [4]int
		k0 := int64(keys[lo])
		ix0, iy0, iz0 := k0%nx, (k0/nx)%ny, k0/(nx*ny)
		for r := range 4 {
			t := ((iz0+dzs[r])*ny+iy0+dys[r])*nx + max(ix0-1, 0)
			cur[r] = lo + sort.Search(n-lo, func(i int) bool { return int64(keys[lo+i]) >= t })
		}
		var nb neighbours
		for s := lo; s < hi; {
			k := keys[s]
			e := s + 1
			for e < n && keys[e] == k {
				e++
			}
			ki := int64(k)
			ix, iy, iz := ki%nx, (ki/nx)%ny, ki/(nx*ny)
			nb.n = 0
			// The next cell along x.
			if ix+1 < nx && e < n && keys[e] == k+1 {
				f := e + 1
				for f < n && keys[f] == k+1 {
					f++
				}
				nb.r[nb.n] = [2]int{e, f}
				nb.n++
			}
			for r := range 4 {
				y, z := iy+dys[r], iz+dzs[r]
				if y < 0 || y >= ny || z >= nz {
					continue
				}
				row := (z*ny + y) * nx
				klo, khi := uint64(row+max(ix-1, 0)), uint64(row+min(ix+1, nx-1))
				p := cur[r]
				for p < n && keys[p] < klo {
					p++
				}
				cur[r] = p
				q := p
				for q < n && keys[q] <= khi {
					q++
				}
				if q > p {
					nb.r[nb.n] = [2]int{p, q}
					nb.n++
				}
			}
			fn(c, s, e, &nb)
			s = e
		}
	})
}

// sweepChunk is the number of sorted positions per sweep chunk.
const sweepChunk = 1 << 13
