package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// benchN is the element count: 512k elements.
const benchN = 512 * 1024

// benchEval evaluates src over benchN entities with GOMAXPROCS set to
// procs, steps times per iteration (one Eval per timestep, each on its
// own input arrays as a real multi-step field calculation would be).
func benchEval(b *testing.B, src string, procs, steps int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	p, err := Compile(src, testNames)
	if err != nil {
		b.Fatal(err)
	}
	envs := make([]Env, steps)
	for s := range envs {
		envs[s] = benchEnv(benchN, uint64(s))
	}
	dst := make([]float64, benchN)
	b.ReportAllocs()
	b.SetBytes(int64(8 * benchN * steps * (len(p.arrays) + 1)))
	b.ResetTimer()
	for b.Loop() {
		for s := range envs {
			if err := p.Eval(dst, envs[s]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(steps)/1e6, "ms/step")
}

// benchEnv returns arrays a, b, c, d of ordinary values in [-10, 10): the
// special values of testEnv (subnormal products, 1e300 % 3) would measure
// the FPU's slow paths, not the engine.
func benchEnv(n int, seed uint64) Env {
	r := rand.New(rand.NewPCG(seed, 99))
	env := Env{Arrays: map[string][]float64{}, Scalars: map[string]float64{"t": 0.75, "g": -3}}
	for _, name := range []string{"a", "b", "c", "d"} {
		v := make([]float64, n)
		for i := range v {
			v[i] = (r.Float64() - 0.5) * 20
		}
		env.Arrays[name] = v
	}
	return env
}

// BenchmarkEval5Term is the target: a 5-term element expression
// over 512k elements, < 7 ms per step on 2 cores (3 steps < 20 ms).
func BenchmarkEval5Term(b *testing.B) {
	for _, procs := range []int{1, 2} {
		for _, steps := range []int{1, 3} {
			b.Run(fmt.Sprintf("procs=%d/steps=%d", procs, steps), func(b *testing.B) {
				benchEval(b, "vm = sqrt(a*a + b*b - a*b + 3*c*c) + d", procs, steps)
			})
		}
	}
}

// BenchmarkEvalKinds covers the other kernel families: a threshold
// comparison, transcendental functions, a conditional with scalars and
// Python's % (generic kernels).
func BenchmarkEvalKinds(b *testing.B) {
	for _, src := range []string{
		"keep = a >= 0.01",
		"v = exp(-abs(a)) * sin(b) + t",
		"v = a if b > c else 0",
		"v = a % 3 + b // 2",
	} {
		for _, procs := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/procs=%d", src, procs), func(b *testing.B) {
				benchEval(b, src, procs, 1)
			})
		}
	}
}

// BenchmarkEvalViews gathers interleaved coordinates (node fields with
// X, Y, Z).
func BenchmarkEvalViews(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			names := map[string]Kind{"X": Array, "Y": Array, "Z": Array}
			p, err := Compile("r = sqrt(X*X + Y*Y + Z*Z)", names)
			if err != nil {
				b.Fatal(err)
			}
			coords := make([]float64, 3*benchN)
			copy(coords, benchEnv(3*benchN, 5).Arrays["a"])
			env := Env{Views: map[string]View{
				"X": {Data: coords, Stride: 3}, "Y": {Data: coords, Start: 1, Stride: 3}, "Z": {Data: coords, Start: 2, Stride: 3},
			}}
			dst := make([]float64, benchN)
			b.ReportAllocs()
			for b.Loop() {
				if err := p.Eval(dst, env); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvalSmall is the per-call overhead: many small blocks or
// timesteps, 100 entities each.
func BenchmarkEvalSmall(b *testing.B) {
	p, err := Compile("vm = sqrt(a*a + b*b - a*b + 3*c*c) + d", testNames)
	if err != nil {
		b.Fatal(err)
	}
	env := benchEnv(100, 1)
	dst := make([]float64, 100)
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Eval(dst, env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile("vm = sqrt(a*a + b*b - a*b + 3*c*c) + d", testNames); err != nil {
			b.Fatal(err)
		}
	}
}

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
