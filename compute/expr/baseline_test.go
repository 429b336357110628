package expr

import (
	"math"
	"testing"
)

// BenchmarkBaselineFused is a hand-written single loop for the 5-term
// expression: the floor any engine is measured against.
func BenchmarkBaselineFused(b *testing.B) {
	env := benchEnv(benchN, 0)
	A, B, C, D := env.Arrays["a"], env.Arrays["b"], env.Arrays["c"], env.Arrays["d"]
	dst := make([]float64, benchN)
	for b.Loop() {
		for i := range dst {
			a, bb, c := A[i], B[i], C[i]
			dst[i] = math.Sqrt(a*a+bb*bb-a*bb+3*c*c) + D[i]
		}
	}
}
