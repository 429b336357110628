package builtins_test

import (
	"fmt"
	"io"
	"testing"

	"exosh/builtins"
	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// benchFunc compiles a Starlark program defining bench(n) with the exosh
// dialect and predeclared names plus extra, and returns a Go benchmark body
// that calls bench(b.N).
func benchFunc(b *testing.B, src string, extra starlark.StringDict) {
	b.Helper()
	thread := builtins.NewThread("bench", io.Discard, io.Discard)
	predeclared := builtins.Predeclared()
	for k, v := range extra {
		predeclared[k] = v
	}
	globals, err := builtins.ExecFile(thread, "bench.star", src, predeclared)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if _, err := starlark.Call(thread, globals["bench"], starlark.Tuple{starlark.MakeInt(b.N)}, nil); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGetNodeFieldValues measures get_node_field_values called from
// Starlark on fields of 1e3 and 1e6 nodes: it returns a view, so the cost
// does not grow with the field (ns per call, not ms).
func BenchmarkGetNodeFieldValues(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			m := meshobj.New()
			m.Coords = make([]float64, 3*n)
			m.Timesteps = []float64{0}
			m.NodeFields = []*meshobj.Field{{Name: "temp", Values: [][]float64{make([]float64, n)}}}
			benchFunc(b, `
def bench(n):
    for _ in range(n):
        model.get_node_field_values("temp")
`, starlark.StringDict{"model": builtins.NewModel(m)})
		})
	}
}

// BenchmarkBuildHex8Cube1M measures build_hex8_cube of 100^3 = 1M elements
// called from Starlark, into a new model each time.
func BenchmarkBuildHex8Cube1M(b *testing.B) {
	b.ReportAllocs()
	benchFunc(b, `
def bench(n):
    for _ in range(n):
        ExodusModel().build_hex8_cube(1, 1.0, 100)
`, nil)
}
