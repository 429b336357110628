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
	npe := t.NodesPerElem
	ne := checkConn(conn, npe)
	edges := t.Edges
	if ne == 0 || len(edges) == 0 {
		return 0, math.MaxFloat64, 0
	}
	nc := numChunks(ne, reduceChunk)
	sums := make([]float64, nc)
	mins := make([]float64, nc)
	forChunks(ne, reduceChunk, func(c, lo, hi int) {
		s, m := 0.0, math.MaxFloat64
		for i := lo; i < hi; i++ {
			el := conn[i*npe : i*npe+npe]
			for _, ed := range edges {
				p, q := 3*int(el[ed[0]]), 3*int(el[ed[1]])
				dx, dy, dz := coords[q]-coords[p], coords[q+1]-coords[p+1], coords[q+2]-coords[p+2]
				d := math.Sqrt(float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz))
				s += d
				if d < m {
					m = d
				}
			}
		}
		sums[c], mins[c] = s, m
	})
	minLen = math.MaxFloat64
	for c := range nc {
		sum += sums[c]
		if mins[c] < minLen {
			minLen = mins[c]
		}
	}
	return sum, minLen, ne * len(edges)
}
