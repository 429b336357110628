package compute

import (
	"fmt"
	"math"
)

// Centroids stores in dst[3*i:3*i+3] the centroid of element i of a block
// with connectivity conn and npe nodes per element, defined as exomerge's
// calculate_element_centroids defines it: the plain average of all the
// element's nodes (mid-edge nodes included), summed from 0 in connectivity
// order and divided by npe. len(dst) must be 3*len(conn)/npe.
func Centroids(dst, coords []float64, conn []int32, npe int) {
	ne := checkConn(conn, npe)
	if len(dst) != 3*ne {
		panic(fmt.Sprintf("compute: Centroids: len(dst) = %d, want 3*%d", len(dst), ne))
	}
	div := float64(npe)
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var x, y, z float64
			for _, n := range conn[i*npe : i*npe+npe] {
				p := 3 * int(n)
				x += coords[p]
				y += coords[p+1]
				z += coords[p+2]
			}
			dst[3*i] = x / div
			dst[3*i+1] = y / div
			dst[3*i+2] = z / div
		}
	})
}

// Extents returns the componentwise minimum and maximum of the nodes idx
// (all nodes if idx is nil), as exomerge's get_element_block_extents does for
// the nodes of the chosen blocks. NaN coordinates are skipped. With no nodes
// lo is +Inf and hi is -Inf in every component. Repeated indices are
// harmless.
func Extents(coords []float64, idx []int32) (lo, hi [3]float64) {
	return extents(nil, coords, idx)
}

// extents is Extents checking stop (see parallelForStop).
func extents(stop Stop, coords []float64, idx []int32) (lo, hi [3]float64) {
	n := len(coords) / 3
	if idx != nil {
		n = len(idx)
	}
	nc := numChunks(n, reduceChunk)
	parts := make([][2][3]float64, nc)
	forChunksStop(stop, n, reduceChunk, func(c, a, b int) {
		l := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
		h := [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
		for i := a; i < b; i++ {
			p := 3 * i
			if idx != nil {
				p = 3 * int(idx[i])
			}
			for d := range 3 {
				v := coords[p+d]
				if v < l[d] {
					l[d] = v
				}
				if v > h[d] {
					h[d] = v
				}
			}
		}
		parts[c] = [2][3]float64{l, h}
	})
	lo = [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi = [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, pr := range parts {
		for d := range 3 {
			lo[d] = min(lo[d], pr[0][d])
			hi[d] = max(hi[d], pr[1][d])
		}
	}
	return lo, hi
}

// LengthScale returns exomerge's get_length_scale of all nodes: the largest
// of the coordinate ranges (max - min per axis) and of the absolute values of
// the per-axis minima and maxima. It returns 0 for no nodes.
func LengthScale(coords []float64) float64 {
	if len(coords) < 3 {
		return 0
	}
	lo, hi := Extents(coords, nil)
	rel := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	abs0 := max(math.Abs(lo[0]), math.Abs(lo[1]), math.Abs(lo[2]))
	abs1 := max(math.Abs(hi[0]), math.Abs(hi[1]), math.Abs(hi[2]))
	return max(rel, abs0, abs1)
}

// EdgeLengths returns the sum and minimum of the lengths of the edges
// t.Edges of every element of a block (each element's edges counted
// separately, so an edge shared by two elements counts twice) and the number
// of lengths, as exomerge's get_element_edge_length_info accumulates them
// per block; the caller combines blocks (min of minima, sum of sums over sum
// of counts). As in exomerge the minimum starts at math.MaxFloat64, which is
// what a block without edges (an empty block, or a topology without edges)
// returns, with sum and count 0. The sum is accumulated per fixed chunk of
// elements and the chunk sums are added in order, so it does not depend on
// GOMAXPROCS.
func EdgeLengths(coords []float64, conn []int32, t *Topology) (sum, minLen float64, count int) {
	sum, minLen, count, _ = Stop(nil).EdgeLengths(coords, conn, t)
	return sum, minLen, count
}

// EdgeLengths is the stoppable form of the function EdgeLengths: it returns
// ErrStopped once s is closed.
func (s Stop) EdgeLengths(coords []float64, conn []int32, t *Topology) (sum, minLen float64, count int, err error) {
	npe := t.NodesPerElem
	ne := checkConn(conn, npe)
	if ne == 0 || len(t.Edges) == 0 {
		return 0, math.MaxFloat64, 0, nil
	}
	// The edges as a flat list of local node pairs, walked four edges at a
	// time: the lengths of a group are computed independently and then
	// added in order. One edge per loop iteration gave the same sums 2.2
	// times slower on a 512k-element hex cube and 7 times slower at 8M,
	// where the element order of exomerge's cube misses the cache on
	// every element (measured: 45 and 130-150 ns per element against 20
	// and 20).
	ends := make([]int, 0, 2*len(t.Edges))
	for _, ed := range t.Edges {
		ends = append(ends, int(ed[0]), int(ed[1]))
	}
	grouped := len(t.Edges) / 4 * 8
	nc := numChunks(ne, reduceChunk)
	sums := make([]float64, nc)
	mins := make([]float64, nc)
	err = s.run(func() {
		forChunksStop(s, ne, reduceChunk, func(c, lo, hi int) {
			sum, m := 0.0, math.MaxFloat64
			add := func(d float64) {
				sum += d
				if d < m {
					m = d
				}
			}
			for i := lo; i < hi; i++ {
				el := conn[i*npe : i*npe+npe]
				length := func(a, b int) float64 {
					p, q := 3*int(el[a]), 3*int(el[b])
					dx, dy, dz := coords[q]-coords[p], coords[q+1]-coords[p+1], coords[q+2]-coords[p+2]
					return math.Sqrt(float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz))
				}
				k := 0
				for ; k < grouped; k += 8 {
					g := ends[k : k+8 : k+8]
					d0, d1, d2, d3 := length(g[0], g[1]), length(g[2], g[3]), length(g[4], g[5]), length(g[6], g[7])
					add(d0)
					add(d1)
					add(d2)
					add(d3)
				}
				for ; k < len(ends); k += 2 {
					add(length(ends[k], ends[k+1]))
				}
			}
			sums[c], mins[c] = sum, m
		})
	})
	if err != nil {
		return 0, 0, 0, err
	}
	minLen = math.MaxFloat64
	for c := range nc {
		sum += sums[c]
		if mins[c] < minLen {
			minLen = mins[c]
		}
	}
	return sum, minLen, ne * len(t.Edges), nil
}
