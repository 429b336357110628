package meshobj

import (
	"math"
	"runtime"
	"testing"
)

// This file holds helpers of the area C tests.

// hexCube returns a model holding build_hex8_cube(1, extents=e,
// divisions=d): block 1 filling [0, e]^3 with d^3 elements. Node (i, j, k)
// is at (i, j, k)*e/d with index (k*(d+1) + j)*(d+1) + i; element (i, j, k)
// has index (i*d + j)*d + k.
func hexCube(t testing.TB, e float64, d int) *Model {
	t.Helper()
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, e}, {0, e}, {0, e}}, [3]int{d, d, d}))
	return m
}

// close reports whether got is within rel (relative, or absolute near 0)
// of want; NaN matches NaN.
func closeTo(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

// checkClose fails with the case name if got is not close to want.
func checkClose(t testing.TB, name string, got, want float64) {
	t.Helper()
	if !closeTo(got, want, 1e-9) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

// checkAll fails if any value of got is not close to want(i).
func checkAll(t testing.TB, name string, got []float64, n int, want func(i int) float64) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%s: %d values, want %d", name, len(got), n)
	}
	bad := 0
	for i, g := range got {
		if w := want(i); !closeTo(g, w, 1e-9) {
			if bad < 5 {
				t.Errorf("%s[%d] = %v, want %v", name, i, g, w)
			}
			bad++
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d values differ", name, bad)
	}
}

// blockOf builds a model with one block of the given type from explicit
// nodes and connectivity.
func blockOf(t testing.TB, typ string, npe int, coords []float64, conn []int32) *Model {
	t.Helper()
	m := New()
	mustOK(t, m.CreateNodes(coords))
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: typ, NumElems: len(conn) / npe, NodesPerElem: npe}, conn))
	return m
}

// elemValues returns the values of an element field at timestep index t.
func elemValues(t testing.TB, m *Model, block int64, name string, step int) []float64 {
	t.Helper()
	f := FindField(m.Block(block).Fields, name)
	if f == nil {
		t.Fatalf("element field %q not on block %d", name, block)
	}
	return f.Values[step]
}

// withProcs runs f with GOMAXPROCS set to n.
func withProcs(n int, f func()) {
	old := runtime.GOMAXPROCS(n)
	defer runtime.GOMAXPROCS(old)
	f()
}
