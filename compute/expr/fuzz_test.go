package expr

import (
	"errors"
	"math"
	"testing"
)

// FuzzCompile compiles arbitrary text in both dialects and, when it
// compiles, evaluates it. It must never panic, every compile error must be
// an *Error, and the vector result must equal the scalar prelude's.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"vm = sqrt(a*a + b*b - a*b + 3*c*c) + d",
		"v = -a ** -b ^ 2 % t // g",
		"v = a if b > c else d if not t else min(a, b, 3)",
		"v = math.log(a, 2) + math.pi + e",
		"a >= 1 && b = 2 || c < 0",
		"load = class + 1",
		"v = (((a)))",
		"v = 1e-6 + .5 + 0x1F + 5.",
		"v = max(*a)",
		"v = [x for x in a]",
		"v = 'a' * 3",
		"v = a***b",
		"v =",
		"\tv = a",
		"v = a\n+ b",
	} {
		f.Add(s)
	}
	names := map[string]Kind{"a": Array, "b": Array, "c": Array, "d": Array, "t": Scalar, "g": Scalar, "class": Array, "load": Scalar}
	env := Env{
		Arrays:  map[string][]float64{"a": {1, -2, 0, nan}, "b": {0.5, 3, -0.0, inf}, "c": {2, 2, 2, 2}, "d": {-1, 0, 1, 1e300}, "class": {1, 2, 3, 4}},
		Scalars: map[string]float64{"t": 0.5, "g": -3, "load": 7},
	}
	scalarNames := map[string]Kind{}
	for n := range names {
		scalarNames[n] = Scalar
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, cond := range []bool{false, true} {
			compile := Compile
			if cond {
				compile = CompileCondition
			}
			p, err := compile(src, names)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("%q: error %v is not an *Error", src, err)
				}
				_ = err.Error()
				continue
			}
			dst := make([]float64, 4)
			if err := p.Eval(dst, env); err != nil {
				t.Fatalf("%q: Eval: %v", src, err)
			}
			// The same expression with every name a scalar runs entirely in
			// the prelude; each element must match.
			q, err := compile(src, scalarNames)
			if err != nil {
				t.Fatalf("%q compiles with arrays but not with scalars: %v", src, err)
			}
			for i := range dst {
				se := Env{Scalars: map[string]float64{}}
				for k, v := range env.Scalars {
					se.Scalars[k] = v
				}
				for k, v := range env.Arrays {
					se.Scalars[k] = v[i]
				}
				v, err := q.EvalScalar(se)
				if err != nil {
					t.Fatalf("%q: EvalScalar: %v", src, err)
				}
				if !sameBits(v, dst[i]) && !(math.IsNaN(v) && math.IsNaN(dst[i])) {
					t.Fatalf("%q [%d]: vector %v, scalar %v", src, i, dst[i], v)
				}
			}
		}
	})
}
