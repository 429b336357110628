package compute

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCentroidsExomerge(t *testing.T) {
	for _, b := range exoGoldenBlocks {
		ne := len(b.conn) / b.npe
		got := make([]float64, 3*ne)
		Centroids(got, exoGoldenCoords, b.conn, b.npe)
		for i := range ne {
			want := [3]float64{b.cx[i], b.cy[i], b.cz[i]}
			if [3]float64(got[3*i:3*i+3]) != want {
				t.Errorf("%s element %d: centroid %v, exomerge %v", b.name, i, got[3*i:3*i+3], want)
			}
		}
	}
}

func TestCentroidsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	coords, conn := randomHexMesh(rng, 30, 30, 30)
	ne := len(conn) / 8
	got := make([]float64, 3*ne)
	Centroids(got, coords, conn, 8)
	for i := range ne {
		for d := range 3 {
			s := 0.0
			for _, n := range conn[8*i : 8*i+8] {
				s += coords[3*int(n)+d]
			}
			if want := s / 8; got[3*i+d] != want {
				t.Fatalf("element %d axis %d: %v, want %v", i, d, got[3*i+d], want)
			}
		}
	}
	checkDeterministic(t, "Centroids", func() []float64 {
		v := make([]float64, 3*ne)
		Centroids(v, coords, conn, 8)
		return v
	})
}

func TestEdgeLengthsExomerge(t *testing.T) {
	for _, b := range exoGoldenBlocks {
		topo, _ := LookupTopology(b.name, b.npe)
		sum, mn, n := EdgeLengths(exoGoldenCoords, b.conn, topo)
		if !b.hasEdge {
			continue
		}
		if mn != b.edgeMin {
			t.Errorf("%s: minimum edge %v, exomerge %v", b.name, mn, b.edgeMin)
		}
		// exomerge sums over a set of edges in hash order: allow rounding.
		if mean := sum / float64(n); !closeRel(mean, b.edgeMean, 1e-14, 0) {
			t.Errorf("%s: mean edge %v, exomerge %v", b.name, mean, b.edgeMean)
		}
	}
}

func TestEdgeLengths(t *testing.T) {
	coords, conn := HexMesh(2, 4, 5)
	hex, _ := LookupTopology("HEX8", 8)
	sum, mn, n := EdgeLengths(coords, conn, hex)
	if n != 12*40 {
		t.Errorf("count %d, want %d", n, 12*40)
	}
	if math.Abs(mn-0.2) > 1e-15 {
		t.Errorf("min %v, want 0.2", mn)
	}
	if want := 40 * 4 * (0.5 + 0.25 + 0.2); math.Abs(sum-want) > 1e-12 {
		t.Errorf("sum %v, want %v", sum, want)
	}
	// A shell's edges are its 4 sides (exomerge fails an assertion here).
	shell, _ := LookupTopology("SHELL4", 4)
	sum, mn, n = EdgeLengths([]float64{0, 0, 0, 2, 0, 0, 2, 1, 0, 0, 1, 0}, []int32{0, 1, 2, 3}, shell)
	if sum != 6 || mn != 1 || n != 4 {
		t.Errorf("shell: sum %v min %v count %d, want 6 1 4", sum, mn, n)
	}
	sph, _ := LookupTopology("SPHERE", 1)
	if sum, mn, n := EdgeLengths([]float64{0, 0, 0}, []int32{0}, sph); sum != 0 || mn != math.MaxFloat64 || n != 0 {
		t.Errorf("sphere: %v %v %d", sum, mn, n)
	}
	rng := rand.New(rand.NewPCG(9, 10))
	rc, rk := randomHexMesh(rng, 40, 40, 40)
	checkDeterministic(t, "EdgeLengths", func() []float64 {
		s, m, _ := EdgeLengths(rc, rk, hex)
		return []float64{s, m}
	})
	// Serial reference.
	s, m := 0.0, math.MaxFloat64
	for e := 0; e < len(rk); e += 8 {
		for _, ed := range hex.Edges {
			a, b := refNode(rc, rk[e+int(ed[0])]), refNode(rc, rk[e+int(ed[1])])
			d := math.Sqrt((b[0]-a[0])*(b[0]-a[0]) + (b[1]-a[1])*(b[1]-a[1]) + (b[2]-a[2])*(b[2]-a[2]))
			s += d
			m = min(m, d)
		}
	}
	gs, gm, _ := EdgeLengths(rc, rk, hex)
	if gm != m || !closeRel(gs, s, 1e-12, 0) {
		t.Errorf("random mesh: sum %v min %v, reference %v %v", gs, gm, s, m)
	}
}

// TestEdgeLengthsEveryTable checks EdgeLengths bit for bit against a plain
// one-edge-at-a-time loop in the documented order (edges in table order,
// elements in order, per chunk of reduceChunk elements, chunk sums added
// in order) for every edge count the topologies have, so that the
// grouping of edges by four and the remainder both count: 1, 3, 4, 6, 8,
// 9 and 12 edges, with nodes per element beyond the corners.
func TestEdgeLengthsEveryTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const nn = 5000
	coords := make([]float64, 3*nn)
	for i := range coords {
		coords[i] = rng.Float64()
	}
	for _, ty := range []struct {
		name  string
		npe   int
		edges int
	}{
		{"BAR2", 2, 1}, {"TRI3", 3, 3}, {"TRI6", 6, 3}, {"QUAD4", 4, 4}, {"SHELL4", 4, 4},
		{"TETRA4", 4, 6}, {"TETRA10", 10, 6}, {"PYRAMID5", 5, 8}, {"WEDGE6", 6, 9},
		{"WEDGE15", 15, 9}, {"HEX8", 8, 12}, {"HEX20", 20, 12}, {"HEX27", 27, 12},
	} {
		topo, ok := LookupTopology(ty.name, ty.npe)
		if !ok || len(topo.Edges) != ty.edges {
			t.Fatalf("%s: topology %v with %d edges, want %d", ty.name, ok, len(topo.Edges), ty.edges)
		}
		ne := 2*reduceChunk + 77
		conn := make([]int32, ne*ty.npe)
		for i := range conn {
			conn[i] = int32(rng.IntN(nn))
		}
		wantSum, wantMin := 0.0, math.MaxFloat64
		for lo := 0; lo < ne; lo += reduceChunk {
			cs, cm := 0.0, math.MaxFloat64
			for e := lo; e < min(lo+reduceChunk, ne); e++ {
				for _, ed := range topo.Edges {
					p, q := 3*int(conn[e*ty.npe+int(ed[0])]), 3*int(conn[e*ty.npe+int(ed[1])])
					dx, dy, dz := coords[q]-coords[p], coords[q+1]-coords[p+1], coords[q+2]-coords[p+2]
					d := math.Sqrt(float64(float64(dx*dx)+float64(dy*dy)) + float64(dz*dz))
					cs += d
					if d < cm {
						cm = d
					}
				}
			}
			wantSum += cs
			wantMin = min(wantMin, cm)
		}
		sum, mn, n := EdgeLengths(coords, conn, topo)
		if sum != wantSum || mn != wantMin || n != ne*ty.edges {
			t.Errorf("%s: sum %v min %v count %d, want %v %v %d", ty.name, sum, mn, n, wantSum, wantMin, ne*ty.edges)
		}
	}
}

func TestLengthScale(t *testing.T) {
	if got := LengthScale(exoGoldenCoords); got != exoGoldenLengthScale {
		t.Errorf("LengthScale = %v, exomerge %v", got, exoGoldenLengthScale)
	}
	tests := []struct {
		coords []float64
		want   float64
	}{
		{nil, 0},
		{[]float64{1, 2, 3}, 3},
		{[]float64{10, 0, 0, 10.5, 0, 0}, 10.5},       // absolute value wins
		{[]float64{-1, 0, 0, 1, 0, 0, 0, -0.5, 0}, 2}, // range wins
		{[]float64{0, 0, -7, 0, 0, 1}, 8},
	}
	for _, tc := range tests {
		if got := LengthScale(tc.coords); got != tc.want {
			t.Errorf("LengthScale(%v) = %v, want %v", tc.coords, got, tc.want)
		}
	}
}

func TestExtents(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	coords := make([]float64, 3*100000)
	for i := range coords {
		coords[i] = rng.NormFloat64()
	}
	idx := make([]int32, 0, 5000)
	for i := 0; i < 100000; i += 20 {
		idx = append(idx, int32(i))
	}
	for _, sub := range [][]int32{nil, idx} {
		lo, hi := Extents(coords, sub)
		wl := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
		wh := [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
		n := len(coords) / 3
		if sub != nil {
			n = len(sub)
		}
		for i := range n {
			p := i
			if sub != nil {
				p = int(sub[i])
			}
			for d := range 3 {
				wl[d] = min(wl[d], coords[3*p+d])
				wh[d] = max(wh[d], coords[3*p+d])
			}
		}
		if lo != wl || hi != wh {
			t.Errorf("Extents(subset %v) = %v %v, want %v %v", sub != nil, lo, hi, wl, wh)
		}
	}
	lo, hi := Extents(nil, nil)
	if !math.IsInf(lo[0], 1) || !math.IsInf(hi[2], -1) {
		t.Errorf("empty extents %v %v", lo, hi)
	}
	checkDeterministic(t, "Extents", func() []float64 {
		lo, hi := Extents(coords, nil)
		return append(lo[:], hi[:]...)
	})
}
