package compute

import (
	"fmt"
	"math"
	"slices"
)

// CloseNodeGroups finds the groups of nodes to merge at absolute tolerance
// tol and stores in rep[i] the node that node i merges into: the smallest
// index of its group (rep[i] == i for a node that is kept). It returns the
// number of nodes that merge into another. len(rep) must be len(coords)/3.
//
// Two nodes are close if their distance sqrt(dx^2 + dy^2 + dz^2) is at most
// tol, as in exomerge's _find_close_nodes, and a group is a connected
// component of the "close" relation: if A is close to B and B to C, all
// three merge even if A is not close to C. exomerge's docstring promises
// exactly this, but its code keeps only the last close partner found for
// each node, so such chains can split in exomerge (for example with C close
// to both A and B, and A and B apart, exomerge may merge C into B and keep A
// alone). With coincident nodes (tol = 0) or clusters smaller than tol the
// groups are the same. exomerge's merge_nodes keeps the smallest index of
// each group, as rep does. A node with a NaN or infinite coordinate is
// close to no node, as in exomerge.
//
// Nodes are radix-sorted into a uniform grid of cells no smaller than tol
// (and no more than 2^20 per axis), and only nodes in the same or adjacent
// cells are compared, so the cost is linear in the node count as long as
// few nodes share a neighbourhood of size tol; a tolerance larger than the
// mesh spacing makes it quadratic in the nodes per cell. It returns an error
// for a negative or NaN tol.
func CloseNodeGroups(rep []int32, coords []float64, tol float64) (merged int, err error) {
	return Stop(nil).CloseNodeGroups(rep, coords, tol)
}

// CloseNodeGroups is the stoppable form of the function CloseNodeGroups:
// it returns ErrStopped, with rep partly written, once s is closed.
func (s Stop) CloseNodeGroups(rep []int32, coords []float64, tol float64) (merged int, err error) {
	if serr := s.run(func() { merged, err = s.closeNodeGroups(rep, coords, tol) }); serr != nil {
		return 0, serr
	}
	return merged, err
}

// closeNodeGroups does the work of CloseNodeGroups; its loops panic with
// errStop once s is closed.
func (s Stop) closeNodeGroups(rep []int32, coords []float64, tol float64) (merged int, err error) {
	n := len(coords) / 3
	if len(rep) != n {
		panic(fmt.Sprintf("compute: CloseNodeGroups: len(rep) = %d, want %d nodes", len(rep), n))
	}
	if !(tol >= 0) {
		return 0, fmt.Errorf("compute: merge tolerance %v is not a non-negative number", tol)
	}
	if n > MaxIndex {
		panic("compute: CloseNodeGroups: more than 2^31-1 nodes")
	}
	if n == 0 {
		return 0, nil
	}
	sel := finiteNodes(s, coords)
	lo, hi := extents(s, coords, sel)
	g := s.mergeGrid(coords, sel, lo, hi, tol)
	uf := newUnionFindStop(s, n, g.spare) // the sort's scratch, when of n nodes
	// A cheap filter on the squared distance before exomerge's exact test.
	tol2 := tol * tol * (1 + 1e-9)
	xyz, idx := g.xyz, g.idx
	g.sweep(func(_, s, e int, nb *neighbours) {
		for a := s; a < e; a++ {
			ax, ay, az := xyz[3*a], xyz[3*a+1], xyz[3*a+2]
			closeTo(uf, xyz, idx, a, a+1, e, ax, ay, az, tol2, tol)
			for r := range nb.n {
				closeTo(uf, xyz, idx, a, nb.r[r][0], nb.r[r][1], ax, ay, az, tol2, tol)
			}
		}
	})
	counts := make([]int, numChunks(n, reduceChunk))
	forChunksStop(s, n, reduceChunk, func(c, a, b int) {
		m := 0
		for i := a; i < b; i++ {
			r := uf.find(int32(i))
			rep[i] = r
			if r != int32(i) {
				m++
			}
		}
		counts[c] = m
	})
	for _, m := range counts {
		merged += m
	}
	return merged, nil
}

// Coarse merge grids: coarseCells cells per axis per cube root of the node
// count, and at most coarseCellMax points in a cell. The cap bounds the
// extra pairs a coarse grid can cost (each point meets at most 14 cells of
// at most coarseCellMax points) while still admitting the groups of up to
// 8 coincident nodes that a mesh whose elements each have their own nodes
// gives.
const (
	coarseCells   = 8
	coarseCellMax = 8
)

// mergeGrid returns the cell grid CloseNodeGroups sweeps for tolerance
// tol. Any cells no smaller than tol find every close pair. The finest
// such grid (gridSide's) can need 60-bit cell keys: six radix passes. A
// grid of coarseCells cells per axis per cube root of the node count
// (about 512 cells a node when the nodes are spread evenly) needs about
// 30-bit keys, three passes, and on a mesh of roughly even spacing still
// holds about one group of coincident nodes per cell. When a cell of it
// holds more than coarseCellMax points (a graded mesh, where the pairs
// compared would grow quadratically), mergeGrid uses the finest grid
// instead, sorted in the same arrays.
func (s Stop) mergeGrid(coords []float64, sel []int32, lo, hi [3]float64, tol float64) *cellGrid {
	n := len(coords) / 3
	if sel != nil {
		n = len(sel)
	}
	fine := gridSide(lo, hi, tol)
	ext := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	coarse := gridSide(lo, hi, max(tol, ext/(coarseCells*math.Cbrt(float64(n)))))
	if math.IsInf(fine, 1) || !(coarse > fine) {
		return newCellGrid(s, coords, sel, lo, hi, fine, nil)
	}
	buf := newSortBufs(n)
	if g := newCellGrid(s, coords, sel, lo, hi, coarse, buf); g.maxRun(s) <= coarseCellMax {
		return g
	}
	return newCellGrid(s, coords, sel, lo, hi, fine, buf)
}

// maxRun returns about the largest number of points in one cell of g: the
// longest run of equal keys within a chunk of reduceChunk positions (a
// run across a chunk boundary counts as two).
func (g *cellGrid) maxRun(s Stop) int {
	keys := g.keys
	parts := make([]int, numChunks(len(keys), reduceChunk))
	forChunksStop(s, len(keys), reduceChunk, func(c, lo, hi int) {
		best, run := 0, 0
		for i := lo; i < hi; i++ {
			if i > lo && keys[i] == keys[i-1] {
				run++
			} else {
				run = 1
			}
			best = max(best, run)
		}
		parts[c] = best
	})
	return slices.Max(append(parts, 0))
}

// closeTo unites point a, at (ax, ay, az), with the points at sorted
// positions [b0, b1) within distance tol.
func closeTo(uf unionFind, xyz []float64, idx []int32, a, b0, b1 int, ax, ay, az, tol2, tol float64) {
	for b := b0; b < b1; b++ {
		dx, dy, dz := xyz[3*b]-ax, xyz[3*b+1]-ay, xyz[3*b+2]-az
		d2 := float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz)
		if d2 <= tol2 && math.Sqrt(d2) <= tol {
			uf.union(idx[a], idx[b])
		}
	}
}

// ClosestNodeDistance returns the smallest distance between two distinct
// nodes, sqrt(dx^2 + dy^2 + dz^2), which is 0 if two nodes coincide. Nodes
// with a NaN or infinite coordinate are ignored. With fewer than two nodes
// it returns math.MaxFloat64, as exomerge's get_closest_node_distance does.
//
// Unlike exomerge's, the result is exact: exomerge's divide and conquer
// builds its strip around the split as [mid - d, mid - d] instead of
// [mid - d, mid + d], so it misses pairs straddling a split and can return
// a larger distance. Here an upper bound d0 is taken from neighbours along
// a Morton (Z-order) curve, then every pair of nodes in the same or
// adjacent cells of a grid of side d0 is checked.
func ClosestNodeDistance(coords []float64) float64 {
	d, _ := Stop(nil).ClosestNodeDistance(coords)
	return d
}

// ClosestNodeDistance is the stoppable form of the function
// ClosestNodeDistance: it returns ErrStopped once s is closed.
func (s Stop) ClosestNodeDistance(coords []float64) (d float64, err error) {
	if len(coords)/3 > MaxIndex {
		panic("compute: ClosestNodeDistance: more than 2^31-1 nodes")
	}
	err = s.run(func() { d = s.closestNodeDistance(coords) })
	return d, err
}

// closestNodeDistance does the work of ClosestNodeDistance; its loops
// panic with errStop once s is closed.
func (s Stop) closestNodeDistance(coords []float64) float64 {
	sel := finiteNodes(s, coords)
	n := len(coords) / 3
	if sel != nil {
		n = len(sel)
	}
	if n < 2 {
		return math.MaxFloat64
	}
	node := func(i int) int32 {
		if sel != nil {
			return sel[i]
		}
		return int32(i)
	}
	lo, hi := Extents(coords, sel)
	ext := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	if ext == 0 {
		return 0
	}
	// Upper bound from Morton-order neighbours.
	// The grid below sorts in the same four arrays.
	buf := newSortBufs(n)
	keys, idx := buf.keys, buf.idx
	scale := float64(1<<21-1) / ext
	if !finite(scale) {
		scale = 0
	}
	parallelForStop(s, n, grainLight, func(a, b int) {
		for i := a; i < b; i++ {
			j := node(i)
			var q [3]uint64
			for d := range 3 {
				if v := (coords[3*int(j)+d] - lo[d]) * scale; v > 0 {
					q[d] = uint64(min(v, 1<<21-1))
				}
			}
			keys[i] = spread3(q[0]) | spread3(q[1])<<1 | spread3(q[2])<<2
			idx[i] = j
		}
	})
	keys, idx = radixSort(s, keys, buf.keys2, idx, buf.idx2, 63)
	parts := make([]float64, numChunks(n-1, reduceChunk))
	forChunksStop(s, n-1, reduceChunk, func(c, a, b int) {
		m := math.Inf(1)
		for i := a; i < b; i++ {
			if d := dist2(coords, idx[i], idx[i+1]); d < m {
				m = d
			}
		}
		parts[c] = m
	})
	best := math.Inf(1)
	for _, m := range parts {
		best = min(best, m)
	}
	if best == 0 {
		return 0
	}
	// Exact minimum over pairs in adjacent cells of side sqrt(best).
	g := newCellGrid(s, coords, sel, lo, hi, gridSide(lo, hi, math.Sqrt(best)), buf)
	xyz := g.xyz
	mins := make([]float64, numChunks(n, sweepChunk))
	for c := range mins {
		mins[c] = math.Inf(1)
	}
	g.sweep(func(c, s, e int, nb *neighbours) {
		m := mins[c]
		for a := s; a < e; a++ {
			ax, ay, az := xyz[3*a], xyz[3*a+1], xyz[3*a+2]
			m = nearest(xyz, a+1, e, ax, ay, az, m)
			for r := range nb.n {
				m = nearest(xyz, nb.r[r][0], nb.r[r][1], ax, ay, az, m)
			}
		}
		mins[c] = m
	})
	for _, m := range mins {
		best = min(best, m)
	}
	return math.Sqrt(best)
}

// nearest returns the smallest of m and the squared distances from
// (ax, ay, az) to the points at sorted positions [b0, b1).
func nearest(xyz []float64, b0, b1 int, ax, ay, az, m float64) float64 {
	for b := b0; b < b1; b++ {
		dx, dy, dz := xyz[3*b]-ax, xyz[3*b+1]-ay, xyz[3*b+2]-az
		if d := float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz); d < m {
			m = d
		}
	}
	return m
}

// dist2 returns the squared distance between nodes a and b.
func dist2(coords []float64, a, b int32) float64 {
	p, q := 3*int(a), 3*int(b)
	dx, dy, dz := coords[q]-coords[p], coords[q+1]-coords[p+1], coords[q+2]-coords[p+2]
	return float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz)
}

// spread3 spreads the low 21 bits of v so that bit i moves to bit 3i.
func spread3(v uint64) uint64 {
	v &= 1<<21 - 1
	v = (v | v<<32) & 0x1f00000000ffff
	v = (v | v<<16) & 0x1f0000ff0000ff
	v = (v | v<<8) & 0x100f00f00f00f00f
	v = (v | v<<4) & 0x10c30c30c30c30c3
	v = (v | v<<2) & 0x1249249249249249
	return v
}

// Groups lists the groups of rep, a representative array as CloseNodeGroups
// fills it: rep[i] is the smallest member of node i's group, so rep[i] <= i
// (it panics otherwise). masters holds the representatives of the groups
// of more than one node, in increasing order; the other members of group g
// are members[start[g]:start[g+1]], in increasing order; len(start) is
// len(masters)+1. The nodes with rep[i] != i are sorted by representative
// with a parallel radix sort (unless they are in order already), so the
// result does not depend on GOMAXPROCS.
func Groups(rep []int32) (masters, start, members []int32) {
	masters, start, members, _ = Stop(nil).Groups(rep)
	return masters, start, members
}

// Groups is the stoppable form of the function Groups: it returns
// ErrStopped, and no groups, once s is closed.
func (s Stop) Groups(rep []int32) (masters, start, members []int32, err error) {
	if err := s.run(func() { masters, start, members = s.groups(rep) }); err != nil {
		return nil, nil, nil, err
	}
	return masters, start, members, nil
}

// groups does the work of Groups; its loops panic with errStop once s is
// closed.
func (s Stop) groups(rep []int32) (masters, start, members []int32) {
	n := len(rep)
	if n > MaxIndex {
		panic("compute: Groups: more than 2^31-1 nodes")
	}
	// The members, in increasing order, with their representatives.
	nc := numChunks(n, reduceChunk)
	offs := make([]int, nc+1)
	bad := make([]bool, nc)
	forChunksStop(s, n, reduceChunk, func(c, lo, hi int) {
		k := 0
		for i, r := range rep[lo:hi] {
			if uint32(r) > uint32(lo+i) {
				bad[c] = true
			}
			if int(r) != lo+i {
				k++
			}
		}
		offs[c+1] = k
	})
	if slices.Contains(bad, true) {
		panic("compute: Groups: a representative is negative or above its node")
	}
	for c := range nc {
		offs[c+1] += offs[c]
	}
	m := offs[nc]
	keys := uint64s(m)
	members = Int32s(m)
	maxRep := make([]int32, nc)
	forChunksStop(s, n, reduceChunk, func(c, lo, hi int) {
		k := offs[c]
		top := int32(0)
		for i, r := range rep[lo:hi] {
			if int(r) != lo+i {
				keys[k] = uint64(r)
				members[k] = int32(lo + i)
				k++
				top = max(top, r)
			}
		}
		maxRep[c] = top
	})
	// Often (copies made in order, as DuplicateElementBlock makes them)
	// the representatives already increase with the member: no sort.
	unsorted := make([]bool, numChunks(m, reduceChunk))
	forChunksStop(s, m, reduceChunk, func(c, lo, hi int) {
		for i := max(lo, 1); i < hi; i++ {
			if keys[i] < keys[i-1] {
				unsorted[c] = true
				return
			}
		}
	})
	if slices.Contains(unsorted, true) {
		keys, members = radixSort(s, keys, uint64s(m), members, Int32s(m), keyBitsFor(uint64(slices.Max(append(maxRep, 0)))))
	}
	// Group starts: where the representative changes.
	nc = numChunks(m, reduceChunk)
	goffs := make([]int, nc+1)
	forChunksStop(s, m, reduceChunk, func(c, lo, hi int) {
		k := 0
		for i := lo; i < hi; i++ {
			if i == 0 || keys[i] != keys[i-1] {
				k++
			}
		}
		goffs[c+1] = k
	})
	for c := range nc {
		goffs[c+1] += goffs[c]
	}
	ng := goffs[nc]
	masters = make([]int32, ng)
	start = make([]int32, ng+1)
	start[ng] = int32(m)
	forChunksStop(s, m, reduceChunk, func(c, lo, hi int) {
		g := goffs[c]
		for i := lo; i < hi; i++ {
			if i == 0 || keys[i] != keys[i-1] {
				masters[g] = int32(keys[i])
				start[g] = int32(i)
				g++
			}
		}
	})
	return masters, start, members
}
