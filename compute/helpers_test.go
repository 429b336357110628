package compute

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

func nan() float64 { return math.NaN() }

// withProcs runs f with GOMAXPROCS set to n.
func withProcs(n int, f func()) {
	old := runtime.GOMAXPROCS(n)
	defer runtime.GOMAXPROCS(old)
	f()
}

// sameBits reports whether a and b hold the same float64 bit patterns.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// checkDeterministic runs f with GOMAXPROCS 1 and 2 (and 3, to get uneven
// partitions) and fails unless every run returns the same bits.
func checkDeterministic(t *testing.T, name string, f func() []float64) {
	t.Helper()
	var ref []float64
	withProcs(1, func() { ref = f() })
	for _, p := range []int{2, 3} {
		var got []float64
		withProcs(p, func() { got = f() })
		if !sameBits(ref, got) {
			t.Errorf("%s: GOMAXPROCS=%d result differs from GOMAXPROCS=1", name, p)
		}
	}
}

// closeRel reports whether a and b agree to rel relative to scale.
func closeRel(a, b, rel, scale float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= rel*math.Max(scale, math.Max(math.Abs(a), math.Abs(b)))
}

// randomHexMesh returns a HexMesh with every node moved randomly by up to
// a quarter cell and the node numbering shuffled, so that connectivity
// jumps around memory as in a real mesh.
func randomHexMesh(rng *rand.Rand, nx, ny, nz int) ([]float64, []int32) {
	coords, conn := HexMesh(nx, ny, nz)
	h := 0.25 / float64(max(nx, ny, nz))
	for i := range coords {
		coords[i] += h * (2*rng.Float64() - 1)
	}
	nn := len(coords) / 3
	perm := rng.Perm(nn)
	out := make([]float64, len(coords))
	for old, nw := range perm {
		copy(out[3*nw:3*nw+3], coords[3*old:3*old+3])
	}
	for i, n := range conn {
		conn[i] = int32(perm[n])
	}
	return out, conn
}

// refGather returns the coordinates of node n.
func refNode(coords []float64, n int32) [3]float64 {
	return [3]float64{coords[3*n], coords[3*n+1], coords[3*n+2]}
}
