package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

// sameBits reports whether x and y are the same float64, telling -0 from
// +0 and treating every NaN as equal.
func sameBits(x, y float64) bool {
	return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
}

// closeULP reports whether x and y agree to within ulps units in the last
// place, with the same sign of zero; libm and Go's math may differ by an ulp.
func closeULP(x, y float64, ulps uint64) bool {
	if sameBits(x, y) {
		return true
	}
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || math.Signbit(x) != math.Signbit(y) {
		return false
	}
	a, b := math.Float64bits(math.Abs(x)), math.Float64bits(math.Abs(y))
	if a < b {
		a, b = b, a
	}
	return a-b <= ulps
}

// testNames declares arrays a, b, c, d and scalars t, g.
var testNames = map[string]Kind{"a": Array, "b": Array, "c": Array, "d": Array, "t": Scalar, "g": Scalar}

// testValues returns n deterministic values mixing special values (zeros
// of both signs, infinities, NaN, tiny and huge) with random ones.
func testValues(n int, seed uint64) []float64 {
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -2.5, 3, 1e-300, 1e300, inf, -inf, nan, 2, 7.5, -7, 0.3}
	r := rand.New(rand.NewPCG(seed, 7))
	v := make([]float64, n)
	for i := range v {
		if r.IntN(4) == 0 {
			v[i] = special[r.IntN(len(special))]
		} else {
			v[i] = (r.Float64() - 0.5) * 20
		}
	}
	return v
}

// testEnv returns an environment of n entities.
func testEnv(n int) Env {
	return Env{
		Arrays: map[string][]float64{
			"a": testValues(n, 1), "b": testValues(n, 2), "c": testValues(n, 3), "d": testValues(n, 4),
		},
		Scalars: map[string]float64{"t": 0.75, "g": -3},
	}
}

// n spans several tasks (so several workers) and ends in a partial chunk.
var testN = 3*task + 123

// TestAgainstReference checks every operator and function, with array and
// scalar operands, against Go's math evaluated element by element.
// Products are converted explicitly (float64(a*b)) so that the Go compiler
// may not fuse them into an FMA on any architecture: Python rounds each
// operation.
func TestAgainstReference(t *testing.T) {
	type ref func(a, b, c, d, t float64) float64
	cases := []struct {
		src string
		ref ref
	}{
		{"v = a + b", func(a, b, c, d, t float64) float64 { return a + b }},
		{"v = a - b", func(a, b, c, d, t float64) float64 { return a - b }},
		{"v = a * b", func(a, b, c, d, t float64) float64 { return a * b }},
		{"v = a / b", func(a, b, c, d, t float64) float64 { return a / b }},
		{"v = a ** b", func(a, b, c, d, t float64) float64 { return math.Pow(a, b) }},
		{"v = a ^ b", func(a, b, c, d, t float64) float64 { return math.Pow(a, b) }},
		{"v = a ** 2", func(a, b, c, d, t float64) float64 { return a * a }},
		{"v = a ** 3", func(a, b, c, d, t float64) float64 { return math.Pow(a, 3) }},
		{"v = a % b", func(a, b, c, d, t float64) float64 { return pyMod(a, b) }},
		{"v = a // b", func(a, b, c, d, t float64) float64 { return pyFloorDiv(a, b) }},
		{"v = -a", func(a, b, c, d, t float64) float64 { return -a }},
		{"v = +a", func(a, b, c, d, t float64) float64 { return a }},
		{"v = a < b", func(a, b, c, d, t float64) float64 { return b2f(a < b) }},
		{"v = a <= b", func(a, b, c, d, t float64) float64 { return b2f(a <= b) }},
		{"v = a > b", func(a, b, c, d, t float64) float64 { return b2f(a > b) }},
		{"v = a >= b", func(a, b, c, d, t float64) float64 { return b2f(a >= b) }},
		{"v = a == b", func(a, b, c, d, t float64) float64 { return b2f(a == b) }},
		{"v = a != b", func(a, b, c, d, t float64) float64 { return b2f(a != b) }},
		{"v = a and b", func(a, b, c, d, t float64) float64 { return pyAnd(a, b) }},
		{"v = a or b", func(a, b, c, d, t float64) float64 { return pyOr(a, b) }},
		{"v = not a", func(a, b, c, d, t float64) float64 { return b2f(a == 0) }},
		{"v = a if c else b", func(a, b, c, d, t float64) float64 { return pyCond(c, a, b) }},
		{"v = sqrt(a)", func(a, b, c, d, t float64) float64 { return math.Sqrt(a) }},
		{"v = abs(a)", func(a, b, c, d, t float64) float64 { return math.Abs(a) }},
		{"v = fabs(a)", func(a, b, c, d, t float64) float64 { return math.Abs(a) }},
		{"v = exp(a)", func(a, b, c, d, t float64) float64 { return math.Exp(a) }},
		{"v = expm1(a)", func(a, b, c, d, t float64) float64 { return math.Expm1(a) }},
		{"v = log(a)", func(a, b, c, d, t float64) float64 { return math.Log(a) }},
		{"v = log(a, b)", func(a, b, c, d, t float64) float64 { return math.Log(a) / math.Log(b) }},
		{"v = log10(a)", func(a, b, c, d, t float64) float64 { return math.Log10(a) }},
		{"v = log2(a)", func(a, b, c, d, t float64) float64 { return math.Log2(a) }},
		{"v = log1p(a)", func(a, b, c, d, t float64) float64 { return math.Log1p(a) }},
		{"v = sin(a)", func(a, b, c, d, t float64) float64 { return math.Sin(a) }},
		{"v = cos(a)", func(a, b, c, d, t float64) float64 { return math.Cos(a) }},
		{"v = tan(a)", func(a, b, c, d, t float64) float64 { return math.Tan(a) }},
		{"v = asin(a)", func(a, b, c, d, t float64) float64 { return math.Asin(a) }},
		{"v = acos(a)", func(a, b, c, d, t float64) float64 { return math.Acos(a) }},
		{"v = atan(a)", func(a, b, c, d, t float64) float64 { return math.Atan(a) }},
		{"v = atan2(a, b)", func(a, b, c, d, t float64) float64 { return math.Atan2(a, b) }},
		{"v = sinh(a)", func(a, b, c, d, t float64) float64 { return math.Sinh(a) }},
		{"v = cosh(a)", func(a, b, c, d, t float64) float64 { return math.Cosh(a) }},
		{"v = tanh(a)", func(a, b, c, d, t float64) float64 { return math.Tanh(a) }},
		{"v = asinh(a)", func(a, b, c, d, t float64) float64 { return math.Asinh(a) }},
		{"v = acosh(a)", func(a, b, c, d, t float64) float64 { return math.Acosh(a) }},
		{"v = atanh(a)", func(a, b, c, d, t float64) float64 { return math.Atanh(a) }},
		{"v = erf(a)", func(a, b, c, d, t float64) float64 { return math.Erf(a) }},
		{"v = erfc(a)", func(a, b, c, d, t float64) float64 { return math.Erfc(a) }},
		{"v = gamma(a)", func(a, b, c, d, t float64) float64 { return math.Gamma(a) }},
		{"v = pow(a, b)", func(a, b, c, d, t float64) float64 { return math.Pow(a, b) }},
		{"v = hypot(a, b)", func(a, b, c, d, t float64) float64 { return math.Hypot(a, b) }},
		{"v = fmod(a, b)", func(a, b, c, d, t float64) float64 { return math.Mod(a, b) }},
		{"v = copysign(a, b)", func(a, b, c, d, t float64) float64 { return math.Copysign(a, b) }},
		{"v = degrees(a)", func(a, b, c, d, t float64) float64 { return a * (180 / math.Pi) }},
		{"v = radians(a)", func(a, b, c, d, t float64) float64 { return a * (math.Pi / 180) }},
		{"v = floor(a)", func(a, b, c, d, t float64) float64 { return math.Floor(a) + 0 }},
		{"v = ceil(a)", func(a, b, c, d, t float64) float64 { return math.Ceil(a) + 0 }},
		{"v = trunc(a)", func(a, b, c, d, t float64) float64 { return math.Trunc(a) + 0 }},
		{"v = int(a)", func(a, b, c, d, t float64) float64 { return math.Trunc(a) + 0 }},
		{"v = round(a)", func(a, b, c, d, t float64) float64 { return math.RoundToEven(a) + 0 }},
		{"v = float(a)", func(a, b, c, d, t float64) float64 { return a }},
		{"v = min(a, b)", func(a, b, c, d, t float64) float64 { return pyMin(a, b) }},
		{"v = max(a, b)", func(a, b, c, d, t float64) float64 { return pyMax(a, b) }},
		{"v = min(a, b, c, d)", func(a, b, c, d, t float64) float64 { return pyMin(pyMin(pyMin(a, b), c), d) }},
		{"v = max(a, b, c, d)", func(a, b, c, d, t float64) float64 { return pyMax(pyMax(pyMax(a, b), c), d) }},
		{"v = math.sqrt(a) + math.pi", func(a, b, c, d, t float64) float64 { return math.Sqrt(a) + math.Pi }},
		{"v = a * e - pi", func(a, b, c, d, t float64) float64 { return float64(a*math.E) - math.Pi }},
		// scalars mixed with arrays, on either side of every kind of kernel
		{"v = a + t", func(a, b, c, d, t float64) float64 { return a + t }},
		{"v = t - a", func(a, b, c, d, t float64) float64 { return t - a }},
		{"v = a - t", func(a, b, c, d, t float64) float64 { return a - t }},
		{"v = t * a", func(a, b, c, d, t float64) float64 { return t * a }},
		{"v = t / a", func(a, b, c, d, t float64) float64 { return t / a }},
		{"v = a / t", func(a, b, c, d, t float64) float64 { return a / t }},
		{"v = t ** a", func(a, b, c, d, t float64) float64 { return math.Pow(t, a) }},
		{"v = a ** t", func(a, b, c, d, t float64) float64 { return math.Pow(a, t) }},
		{"v = atan2(t, a)", func(a, b, c, d, t float64) float64 { return math.Atan2(t, a) }},
		{"v = a % t", func(a, b, c, d, t float64) float64 { return pyMod(a, t) }},
		{"v = a >= t", func(a, b, c, d, t float64) float64 { return b2f(a >= t) }},
		{"v = a if t else b", func(a, b, c, d, t float64) float64 { return a }},
		{"v = t if a else 2", func(a, b, c, d, t float64) float64 { return pyCond(a, t, 2) }},
		{"v = min(t, a, 1)", func(a, b, c, d, t float64) float64 { return pyMin(pyMin(t, a), 1) }},
		{"v = a * (t * 2 + sqrt(t))", func(a, b, c, d, t float64) float64 { return a * (float64(t*2) + math.Sqrt(t)) }},
		{"v = t * 2", func(a, b, c, d, t float64) float64 { return t * 2 }},
		{"v = 3", func(a, b, c, d, t float64) float64 { return 3 }},
		{"v = a", func(a, b, c, d, t float64) float64 { return a }},
		{"v = t", func(a, b, c, d, t float64) float64 { return t }},
		// multiply-add patterns, fused into one pass by the compiler
		{"v = a*b + c", func(a, b, c, d, t float64) float64 { return float64(a*b) + c }},
		{"v = c + a*b", func(a, b, c, d, t float64) float64 { return c + float64(a*b) }},
		{"v = a*b - c", func(a, b, c, d, t float64) float64 { return float64(a*b) - c }},
		{"v = c - a*b", func(a, b, c, d, t float64) float64 { return c - float64(a*b) }},
		{"v = t*a + c", func(a, b, c, d, t float64) float64 { return float64(t*a) + c }},
		{"v = a*t - g", func(a, b, c, d, t float64) float64 { return float64(a*t) - (-3) }},
		{"v = g - a*b", func(a, b, c, d, t float64) float64 { return -3 - float64(a*b) }},
		{"v = a**2 + b", func(a, b, c, d, t float64) float64 { return float64(a*a) + b }},
		{"v = t - a**2", func(a, b, c, d, t float64) float64 { return t - float64(a*a) }},
		{"v = t*g + a", func(a, b, c, d, t float64) float64 { return float64(t*-3) + a }},
		// the 5-term element expression
		{"vm = sqrt(a*a + b*b - a*b + 3*c*c) + d", func(a, b, c, d, t float64) float64 {
			return math.Sqrt(float64(float64(float64(a*a)+float64(b*b))-float64(a*b))+float64(float64(3*c)*c)) + d
		}},
		// deep enough to need several temporaries
		{"v = (a + b) * (c - d) / ((a - c) * (b + d) + (a * d - b * c))", func(a, b, c, d, t float64) float64 {
			return (a + b) * (c - d) / (float64((a-c)*(b+d)) + (float64(a*d) - float64(b*c)))
		}},
	}
	n := testN
	env := testEnv(n)
	A, B, C, D := env.Arrays["a"], env.Arrays["b"], env.Arrays["c"], env.Arrays["d"]
	T := env.Scalars["t"]
	for _, tc := range cases {
		p, err := Compile(tc.src, testNames)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		dst := make([]float64, n)
		if err := p.Eval(dst, env); err != nil {
			t.Errorf("Eval(%q): %v", tc.src, err)
			continue
		}
		bad := 0
		for i := range dst {
			want := tc.ref(A[i], B[i], C[i], D[i], T)
			if !sameBits(dst[i], want) {
				if bad < 3 {
					t.Errorf("%q at %d (a=%v b=%v c=%v d=%v t=%v): got %v, want %v",
						tc.src, i, A[i], B[i], C[i], D[i], T, dst[i], want)
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%q: %d of %d values differ", tc.src, bad, n)
		}
	}
}

// TestPythonSemantics compares expressions with the values CPython 3.11
// gives for them (eval with the math module; "^" replaced by "**" as
// exomerge does), with a=1.5, b=-2, c=3, d=0, t=0.25. Each expression runs
// three ways: every name a scalar (constant prelude), every name but t an
// array (vector kernels), and constants only (compile-time folding).
func TestPythonSemantics(t *testing.T) {
	cases := []struct {
		src  string
		want float64
	}{
		{"-2**2", -4.0},
		{"2**-1", 0.5},
		{"2**3**2", 512.0},
		{"-2**-2", -0.25},
		{"(-2)**2", 4.0},
		{"10 - 4 - 3", 3.0},
		{"2 * 3 % 4", 2.0},
		{"7 // 2 * 2", 6.0},
		{"-7 // 2", -4.0},
		{"1 + 2 * 3 ** 2", 19.0},
		{"not 0 + 1", 0.0},
		{"a - b * c", 7.5},
		{"a / b / c", -0.25},
		{"a ** b ** 2", 5.0625},
		{"-a ** 2", -2.25},
		{"- - a", 1.5},
		{"+-a", -1.5},
		{"a * -b ** 2", -6.0},
		{"a ^ 2 ^ 0.5", 1.774314684182188},
		{"-a ^ 2", -2.25},
		{"a + b < c and c > a", 1.0},
		{"b < a or c", 1.0},
		{"a if b > 0 else c", 3.0},
		{"a if b > 0 else c if c > 0 else d", 3.0},
		{"not a < b", 1.0},
		{"a % b", -0.5},
		{"b % a", 1.0},
		{"b // a", -2.0},
		{"c // b", -2.0},
		{"d and a", 0.0},
		{"a and d", 0.0},
		{"d or b", -2.0},
		{"b or d", -2.0},
		{"not d", 1.0},
		{"not a", 0.0},
		{"(a + b) * c", -1.5},
		{"a + b * c ** 2 / 4 - 1", -4.0},
		{"2 ** a ** 0.5", 2.337141156617404},
		{"a % b * c", -1.5},
		{"-a % c", 1.5},
		{"-(a % c)", -1.5},
		{"1 - -1", 2.0},
		{"1 - - -1", 0.0},
		{"a*a + b*b - a*b + 3*c*c", 36.25},
		{"sqrt(a*a + b*b) + c", 5.5},
		{"abs(b) ** 0.5", 1.4142135623730951},
		{"max(a, b, c) - min(a, b, c)", 5.0},
		{"min(b, a) * max(d, b)", math.Copysign(0, -1)},
		{"pow(c, 2) - c ** 2", 0.0},
		{"a >= 1.5", 1.0},
		{"a > 1.5", 0.0},
		{"a <= b", 0.0},
		{"a != b", 1.0},
		{"a == 1.5", 1.0},
		{"t * 4 + a", 2.5},
		{"(a > 0) + (b > 0) + (c > 0)", 2.0},
		{"floor(b / c)", -1.0},
		{"ceil(a)", 2.0},
		{"round(2.5)", 2.0},
		{"round(a)", 2.0},
		{"round(-0.5)", 0.0},
		{"int(-2.7)", -2.0},
		{"float(3)", 3.0},
		{"1e-6 * 1e6", 1.0},
		{".5 + 5.", 5.5},
		{"1E3 + 0x10", 1016.0},
		{"True + False * 2", 1.0},
		{"log(c, 2)", 1.5849625007211563},
		{"log10(1000)", 3.0},
		{"exp(1) - e", 0.0},
		{"atan2(b, a)", -0.9272952180016122},
		{"hypot(3, 4)", 5.0},
		{"fmod(-7, 3)", -1.0},
		{"copysign(2, b)", -2.0},
		{"degrees(pi)", 180.0},
		{"radians(180)", 3.141592653589793},
		{"7 % -3", -2.0},
		{"-7.5 // 2", -4.0},
		{"0.0 // -3", math.Copysign(0, -1)},
		{"5 % 3.5", 1.5},
		{"-0", 0},
		{"0 * -1", 0},
		{"-0.0", math.Copysign(0, -1)},
		{"ceil(-0.5)", 0},
	}
	vals := map[string]float64{"a": 1.5, "b": -2, "c": 3, "d": 0, "t": 0.25}
	allScalar := map[string]Kind{}
	mostlyArray := map[string]Kind{"t": Scalar}
	scalarEnv := Env{Scalars: map[string]float64{}}
	arrayEnv := Env{Arrays: map[string][]float64{}, Scalars: map[string]float64{"t": vals["t"]}}
	for k, v := range vals {
		allScalar[k] = Scalar
		scalarEnv.Scalars[k] = v
		if k != "t" {
			mostlyArray[k] = Array
			arrayEnv.Arrays[k] = []float64{v, v, v}
		}
	}
	for _, tc := range cases {
		for _, mode := range []struct {
			name  string
			names map[string]Kind
			env   Env
			src   string
		}{
			{"scalars", allScalar, scalarEnv, tc.src},
			{"arrays", mostlyArray, arrayEnv, tc.src},
			{"constants", nil, Env{}, substitute(tc.src, vals)},
		} {
			p, err := Compile("x = "+mode.src, mode.names)
			if err != nil {
				t.Errorf("%s: Compile(%q): %v", mode.name, mode.src, err)
				continue
			}
			dst := make([]float64, 3)
			if err := p.Eval(dst, mode.env); err != nil {
				t.Errorf("%s: Eval(%q): %v", mode.name, mode.src, err)
				continue
			}
			for i, got := range dst {
				// Go's and glibc's transcendental functions may differ by an ulp.
				if !closeULP(got, tc.want, 2) {
					t.Errorf("%s: %q [%d] = %v (signbit %v), Python gives %v (signbit %v)",
						mode.name, mode.src, i, got, math.Signbit(got), tc.want, math.Signbit(tc.want))
					break
				}
			}
		}
	}
}

// substitute replaces each variable by its parenthesised value, so the
// expression is made of constants only.
func substitute(src string, vals map[string]float64) string {
	var b strings.Builder
	forEachWordOrOther(src, func(w string, isWord bool) {
		if v, ok := vals[w]; ok && isWord {
			fmt.Fprintf(&b, "(%v)", v)
		} else {
			b.WriteString(w)
		}
	})
	return b.String()
}

func forEachWordOrOther(s string, f func(string, bool)) {
	last := 0
	forEachWord(s, func(w string, at int) {
		f(s[last:at], false)
		f(w, true)
		last = at + len(w)
	})
	f(s[last:], false)
}

// TestPythonOperators compares %, //, min, max, and, or and ** with CPython
// 3.11 on special values. NaN marks where Python raises (ZeroDivisionError,
// or a complex result): exosh gives the IEEE value instead.
func TestPythonOperators(t *testing.T) {
	z := math.Copysign(0, -1)
	const skip = -12345 // Python raised
	cases := []struct{ a, b, mod, div, mn, mx, and, or, pow float64 }{
		{7.0, 3.0, 1.0, 2.0, 3.0, 7.0, 3.0, 7.0, 343.0},
		{-7.0, 3.0, 2.0, -3.0, -7.0, 3.0, 3.0, -7.0, -343.0},
		{7.0, -3.0, -2.0, -3.0, -3.0, 7.0, -3.0, 7.0, 0.0029154518950437317},
		{-7.0, -3.0, -1.0, 2.0, -7.0, -3.0, -3.0, -7.0, -0.0029154518950437317},
		{7.5, 2.0, 1.5, 3.0, 2.0, 7.5, 2.0, 7.5, 56.25},
		{-7.5, 2.0, 0.5, -4.0, -7.5, 2.0, 2.0, -7.5, 56.25},
		{0.0, -3.0, z, z, -3.0, 0.0, 0.0, -3.0, skip},
		{z, 3.0, 0.0, z, z, 3.0, z, 3.0, z},
		{5.0, inf, 5.0, 0.0, 5.0, inf, inf, 5.0, inf},
		{-5.0, inf, inf, -1.0, -5.0, inf, inf, -5.0, inf},
		{5.0, -inf, -inf, -1.0, -inf, 5.0, -inf, 5.0, 0.0},
		{inf, 3.0, nan, nan, 3.0, inf, 3.0, inf, inf},
		{nan, 1.0, nan, nan, nan, nan, 1.0, nan, nan},
		{1.0, nan, nan, nan, 1.0, 1.0, nan, 1.0, 1.0},
		{0.1, 0.01, 3.469446951953614e-18, 10.0, 0.01, 0.1, 0.01, 0.1, 0.9772372209558107},
		{1e-300, 1e+300, 1e-300, 0.0, 1e-300, 1e+300, 1e+300, 1e-300, 0.0},
		{-1e-300, 1e+300, 1e+300, -1.0, -1e-300, 1e+300, 1e+300, -1e-300, 0.0},
		{3.0, 0.1, 0.09999999999999984, 29.0, 0.1, 3.0, 0.1, 3.0, 1.1161231740339044},
		{z, 0.0, skip, skip, z, z, z, 0.0, 1.0},
		{0.0, z, skip, skip, 0.0, 0.0, 0.0, z, 1.0},
		{1e+308, 1e-308, 3.498445546245627e-309, inf, 1e-308, 1e+308, 1e-308, 1e+308, 1.0},
		{-2.5, -0.5, z, 5.0, -2.5, -0.5, -0.5, -2.5, skip},
	}
	names := map[string]Kind{"a": Array, "b": Array}
	for _, tc := range cases {
		env := Env{Arrays: map[string][]float64{"a": {tc.a}, "b": {tc.b}}}
		for _, o := range []struct {
			src  string
			want float64
		}{
			{"a % b", tc.mod}, {"a // b", tc.div}, {"min(a, b)", tc.mn}, {"max(a, b)", tc.mx},
			{"a and b", tc.and}, {"a or b", tc.or}, {"a ** b", tc.pow},
		} {
			if o.want == skip {
				continue
			}
			p, err := Compile("x = "+o.src, names)
			if err != nil {
				t.Fatal(err)
			}
			dst := []float64{0}
			if err := p.Eval(dst, env); err != nil {
				t.Fatal(err)
			}
			if !closeULP(dst[0], o.want, 1) {
				t.Errorf("a=%v b=%v: %s = %v, Python gives %v", tc.a, tc.b, o.src, dst[0], o.want)
			}
		}
	}
	// round, floor, ceil, trunc, int
	for _, tc := range []struct{ x, round, floor, ceil, trunc float64 }{
		{2.5, 2.0, 2.0, 3.0, 2.0},
		{-0.5, 0.0, -1.0, 0.0, 0.0},
		{0.5, 0.0, 0.0, 1.0, 0.0},
		{1.5, 2.0, 1.0, 2.0, 1.0},
		{-2.5, -2.0, -3.0, -2.0, -2.0},
		{-0.3, 0.0, -1.0, 0.0, 0.0},
		{-1.7, -2.0, -2.0, -1.0, -1.0},
		{3.5, 4.0, 3.0, 4.0, 3.0},
	} {
		env := Env{Arrays: map[string][]float64{"a": {tc.x}}}
		for _, o := range []struct {
			src  string
			want float64
		}{{"round(a)", tc.round}, {"floor(a)", tc.floor}, {"ceil(a)", tc.ceil}, {"trunc(a)", tc.trunc}, {"int(a)", tc.trunc}} {
			p, err := Compile("x = "+o.src, names)
			if err != nil {
				t.Fatal(err)
			}
			dst := []float64{0}
			if err := p.Eval(dst, env); err != nil {
				t.Fatal(err)
			}
			if !sameBits(dst[0], o.want) {
				t.Errorf("a=%v: %s = %v, Python gives %v", tc.x, o.src, dst[0], o.want)
			}
		}
	}
}

// TestIEEE pins the documented choice for what Python reports as an
// exception: the IEEE-754 result.
func TestIEEE(t *testing.T) {
	names := map[string]Kind{"a": Array, "z": Array}
	env := Env{Arrays: map[string][]float64{"a": {1, -1, 0}, "z": {0, 0, 0}}}
	cases := []struct {
		src  string
		want []float64
	}{
		{"a / z", []float64{inf, -inf, nan}},
		{"a // z", []float64{inf, -inf, nan}},
		{"a % z", []float64{nan, nan, nan}},
		{"z ** -1", []float64{inf, inf, inf}},
		{"sqrt(a)", []float64{1, nan, 0}},
		{"log(a)", []float64{0, nan, -inf}},
		{"exp(a * 1000)", []float64{inf, 0, 1}},
		{"(a - 2) ** 0.5", []float64{nan, nan, nan}},
		{"1 / 0 + a", []float64{inf, inf, inf}},
	}
	for _, tc := range cases {
		p, err := Compile(tc.src, names)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.src, err)
		}
		dst := make([]float64, 3)
		if err := p.Eval(dst, env); err != nil {
			t.Fatalf("Eval(%q): %v", tc.src, err)
		}
		for i := range dst {
			if !sameBits(dst[i], tc.want[i]) {
				t.Errorf("%q [%d] = %v, want %v", tc.src, i, dst[i], tc.want[i])
			}
		}
	}
}

// TestSelfReference: exomerge substitutes names textually with a regular
// expression that consumes the separator, so "stress_xx*stress_xx" leaves
// the second name unsubstituted and fails. exosh parses it properly.
func TestSelfReference(t *testing.T) {
	names := map[string]Kind{"stress_xx": Array, "stress_yy": Array, "time": Scalar}
	xx := []float64{1, -2, 3.5, 0}
	yy := []float64{4, 5, 6, 7}
	env := Env{Arrays: map[string][]float64{"stress_xx": xx, "stress_yy": yy}, Scalars: map[string]float64{"time": 2}}
	for _, tc := range []struct {
		src string
		ref func(x, y float64) float64
	}{
		{"sq = stress_xx*stress_xx", func(x, y float64) float64 { return x * x }},
		{"sq=stress_xx*stress_xx*stress_xx", func(x, y float64) float64 { return x * x * x }},
		{"s = stress_xx+stress_xx-stress_yy", func(x, y float64) float64 { return x + x - y }},
		{"s = stress_xx*time*stress_xx", func(x, y float64) float64 { return x * 2 * x }},
	} {
		p, err := Compile(tc.src, names)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.src, err)
		}
		dst := make([]float64, len(xx))
		if err := p.Eval(dst, env); err != nil {
			t.Fatalf("Eval(%q): %v", tc.src, err)
		}
		for i := range dst {
			if want := tc.ref(xx[i], yy[i]); dst[i] != want {
				t.Errorf("%q [%d] = %v, want %v", tc.src, i, dst[i], want)
			}
		}
	}
}

func TestTargetAndNames(t *testing.T) {
	names := map[string]Kind{"a": Array, "b": Array, "time": Scalar, "unused": Array, "load": Scalar, "class": Array}
	cases := []struct {
		src, target string
		names       []string
		scalar      bool
	}{
		{"vm = a*a + b", "vm", []string{"a", "b"}, false},
		{"  vm=a  ", "vm", []string{"a"}, false},
		{"a = a + 1", "a", []string{"a"}, false},
		{"a > 2", "", []string{"a"}, false},
		{"t2 = time ** 2", "t2", []string{"time"}, true},
		{"c = 3", "c", nil, true},
		{"x = sqrt(pi) + e", "x", nil, true},
		{"x = b + a + b + time", "x", []string{"a", "b", "time"}, false},
		// "load" is a Starlark keyword but a valid Python name; so is
		// "class" once exomerge has substituted it.
		{"load = load * 2", "load", []string{"load"}, true},
		{"x = class + load", "x", []string{"class", "load"}, false},
		{"v_1 = a\n", "v_1", []string{"a"}, false},
	}
	for _, tc := range cases {
		p, err := Compile(tc.src, names)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.src, err)
			continue
		}
		if p.Target() != tc.target || fmt.Sprint(p.Names()) != fmt.Sprint(tc.names) || p.Scalar() != tc.scalar {
			t.Errorf("Compile(%q): target %q names %v scalar %v; want %q %v %v",
				tc.src, p.Target(), p.Names(), p.Scalar(), tc.target, tc.names, tc.scalar)
		}
		if p.Source() != tc.src {
			t.Errorf("Source() = %q, want %q", p.Source(), tc.src)
		}
	}
}

func TestEvalScalar(t *testing.T) {
	names := map[string]Kind{"time": Scalar, "ke": Scalar, "pe": Scalar, "a": Array}
	p, err := Compile("total = (ke + pe) * time ^ 2", names)
	if err != nil {
		t.Fatal(err)
	}
	v, err := p.EvalScalar(Env{Scalars: map[string]float64{"time": 3, "ke": 1.5, "pe": 2}})
	if err != nil || v != 31.5 {
		t.Errorf("EvalScalar = %v, %v; want 31.5", v, err)
	}
	if _, err := p.EvalScalar(Env{Scalars: map[string]float64{"time": 3}}); err == nil || !strings.Contains(err.Error(), `"ke"`) {
		t.Errorf("EvalScalar without ke: %v", err)
	}
	q, err := Compile("x = a * time", names)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.EvalScalar(Env{Scalars: map[string]float64{"time": 3}}); err == nil {
		t.Error("EvalScalar of a per-entity program succeeded")
	}
}

// TestCondition checks the create_side_set_from_expression dialect
// against exomerge's textual transform, evaluated by hand.
func TestCondition(t *testing.T) {
	names := map[string]Kind{"X": Array, "Y": Array, "time": Scalar}
	X := []float64{0, 1, 2, -1, 1e-9, 0.5}
	Y := []float64{0, 0, 3, 1, -1e-9, 2}
	dist := func(l, r float64) float64 { d := l - r; return d - math.Abs(d) } // exomerge's ">="
	cases := []struct {
		src string
		ref func(x, y float64) float64
	}{
		{"Y == 0", func(x, y float64) float64 { return math.Abs(y - 0) }},
		{"Y = 0", func(x, y float64) float64 { return math.Abs(y - 0) }},
		{"X >= 1", func(x, y float64) float64 { return dist(x, 1) }},
		{"X > 1", func(x, y float64) float64 { return dist(x, 1) }},
		{"X <= 1", func(x, y float64) float64 { return dist(1, x) }},
		{"X < 1", func(x, y float64) float64 { return dist(1, x) }},
		{"X = 1 && Y >= 0", func(x, y float64) float64 { return pyMax(math.Abs(math.Abs(x-1)), math.Abs(dist(y, 0))) }},
		{"X = 1 and Y >= 0", func(x, y float64) float64 { return pyMax(math.Abs(math.Abs(x-1)), math.Abs(dist(y, 0))) }},
		{"X < 0 || Y > 2", func(x, y float64) float64 { return pyMin(math.Abs(dist(0, x)), math.Abs(dist(y, 2))) }},
		{"X < 0 || Y > 2 && X > 0", func(x, y float64) float64 {
			return pyMin(math.Abs(dist(0, x)), math.Abs(pyMax(math.Abs(dist(y, 2)), math.Abs(dist(x, 0)))))
		}},
		{"X*X + Y*Y = time", func(x, y float64) float64 { return math.Abs(x*x + y*y - 4) }},
		{"X - 1", func(x, y float64) float64 { return x - 1 }},
	}
	env := Env{Arrays: map[string][]float64{"X": X, "Y": Y}, Scalars: map[string]float64{"time": 4}}
	for _, tc := range cases {
		p, err := CompileCondition(tc.src, names)
		if err != nil {
			t.Errorf("CompileCondition(%q): %v", tc.src, err)
			continue
		}
		if p.Target() != "" || !p.IsCondition() {
			t.Errorf("CompileCondition(%q): target %q, IsCondition %v", tc.src, p.Target(), p.IsCondition())
		}
		dst := make([]float64, len(X))
		if err := p.Eval(dst, env); err != nil {
			t.Errorf("Eval(%q): %v", tc.src, err)
			continue
		}
		for i := range dst {
			if want := tc.ref(X[i], Y[i]); !sameBits(dst[i], want) {
				t.Errorf("%q [%d] (X=%v Y=%v) = %v, want %v", tc.src, i, X[i], Y[i], dst[i], want)
			}
		}
	}
	// With exomerge's tolerance test |v| <= tol, "Y == 0" selects the
	// entities whose Y is within tol of 0.
	p, err := CompileCondition("Y == 0", names)
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float64, len(X))
	if err := p.Eval(dst, env); err != nil {
		t.Fatal(err)
	}
	var sel []int
	for i, v := range dst {
		if math.Abs(v) <= 1e-6 {
			sel = append(sel, i)
		}
	}
	if fmt.Sprint(sel) != "[0 1 4]" {
		t.Errorf("Y == 0 within 1e-6 selects %v, want [0 1 4]", sel)
	}
}

// TestViews reads strided and indexed data the way callers pass
// interleaved coordinates and node-set members.
func TestViews(t *testing.T) {
	n := 2*task + 77
	coords := testValues(3*n, 9)
	members := make([]int32, n/2)
	for i := range members {
		members[i] = int32((i * 7919) % n)
	}
	temp := testValues(n, 10)
	names := map[string]Kind{"X": Array, "Y": Array, "Z": Array, "temp": Array}
	p, err := Compile("r = X*X + Y*Y - Z + temp", names)
	if err != nil {
		t.Fatal(err)
	}
	// all nodes
	dst := make([]float64, n)
	err = p.Eval(dst, Env{
		Views:  map[string]View{"X": {Data: coords, Stride: 3}, "Y": {Data: coords, Start: 1, Stride: 3}, "Z": {Data: coords, Start: 2, Stride: 3}},
		Arrays: map[string][]float64{"temp": temp},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range dst {
		x, y, z := coords[3*i], coords[3*i+1], coords[3*i+2]
		if want := float64(float64(x*x)+float64(y*y)) - z + temp[i]; !sameBits(dst[i], want) {
			t.Fatalf("node %d: got %v, want %v", i, dst[i], want)
		}
	}
	// a contiguous view (Stride 1, no Index) is used in place
	dst = make([]float64, n-10)
	err = p.Eval(dst, Env{Views: map[string]View{
		"X": {Data: temp, Start: 10, Stride: 1}, "Y": {Data: temp, Stride: 1},
		"Z": {Data: temp, Start: 3, Stride: 1}, "temp": {Data: temp, Start: 7, Stride: 1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range dst {
		x, y, z := temp[i+10], temp[i], temp[i+3]
		if want := float64(x*x) + float64(y*y) - z + temp[i+7]; !sameBits(dst[i], want) {
			t.Fatalf("contiguous view %d: got %v, want %v", i, dst[i], want)
		}
	}
	// node-set members
	dst = make([]float64, len(members))
	err = p.Eval(dst, Env{Views: map[string]View{
		"X":    {Data: coords, Stride: 3, Index: members},
		"Y":    {Data: coords, Start: 1, Stride: 3, Index: members},
		"Z":    {Data: coords, Start: 2, Stride: 3, Index: members},
		"temp": {Data: temp, Stride: 1, Index: members},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range members {
		x, y, z := coords[3*m], coords[3*m+1], coords[3*m+2]
		if want := float64(float64(x*x)+float64(y*y)) - z + temp[m]; !sameBits(dst[i], want) {
			t.Fatalf("member %d (node %d): got %v, want %v", i, m, dst[i], want)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	names := map[string]Kind{"a": Array, "b": Array, "time": Scalar}
	p, err := Compile("v = a + b * time", names)
	if err != nil {
		t.Fatal(err)
	}
	three := []float64{1, 2, 3}
	cases := []struct {
		name string
		env  Env
		want string
	}{
		{"missing array", Env{Arrays: map[string][]float64{"a": three}, Scalars: map[string]float64{"time": 1}}, `array "b" used by "v = a + b * time" is not supplied`},
		{"short array", Env{Arrays: map[string][]float64{"a": three, "b": {1}}, Scalars: map[string]float64{"time": 1}}, `array "b" has 1 values, want 3`},
		{"missing scalar", Env{Arrays: map[string][]float64{"a": three, "b": three}}, `scalar "time" used by "v = a + b * time" is not supplied`},
		{"scalar as array", Env{Arrays: map[string][]float64{"a": three, "b": three, "time": three}}, `(it was supplied as an array)`},
		{"view past end", Env{Arrays: map[string][]float64{"a": three}, Views: map[string]View{"b": {Data: three, Start: 1, Stride: 1}}, Scalars: map[string]float64{"time": 1}}, `view "b"`},
		{"negative index", Env{Arrays: map[string][]float64{"a": three}, Views: map[string]View{"b": {Data: three, Stride: 1, Index: []int32{0, -1, 2}}}, Scalars: map[string]float64{"time": 1}}, `negative index -1`},
		{"index past end", Env{Arrays: map[string][]float64{"a": three}, Views: map[string]View{"b": {Data: three, Stride: 1, Index: []int32{0, 3, 2}}}, Scalars: map[string]float64{"time": 1}}, `past the end`},
		{"short index", Env{Arrays: map[string][]float64{"a": three}, Views: map[string]View{"b": {Data: three, Stride: 1, Index: []int32{0}}}, Scalars: map[string]float64{"time": 1}}, `index has 1 entries, want 3`},
		{"huge stride", Env{Arrays: map[string][]float64{"a": three}, Views: map[string]View{"b": {Data: three, Stride: math.MaxInt / 2}}, Scalars: map[string]float64{"time": 1}}, `past the end`},
	}
	for _, tc := range cases {
		err := p.Eval(make([]float64, 3), tc.env)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "expr: ") {
			t.Errorf("%s: Eval error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Compile("x = a", map[string]Kind{"a": 0}); err == nil {
		t.Error("Compile accepted a name of Kind 0")
	}
}

// TestInPlace updates an array from itself: dst may be an input.
func TestInPlace(t *testing.T) {
	n := 2*task + 5
	a := testValues(n, 11)
	b := testValues(n, 12)
	want := make([]float64, n)
	for i := range want {
		want[i] = math.Sqrt(a[i]*a[i]+1) + b[i]*a[i]
	}
	p, err := Compile("a = sqrt(a*a + 1) + b*a", map[string]Kind{"a": Array, "b": Array})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Eval(a, Env{Arrays: map[string][]float64{"a": a, "b": b}}); err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !sameBits(a[i], want[i]) {
			t.Fatalf("[%d] = %v, want %v", i, a[i], want[i])
		}
	}
}

// TestGOMAXPROCS checks that results are bit-identical whatever the number
// of workers, and that they equal one serial pass.
func TestGOMAXPROCS(t *testing.T) {
	srcs := []string{
		"vm = sqrt(a*a + b*b - a*b + 3*c*c) + d",
		"v = exp(-abs(a)) * sin(b) + t",
		"v = a if b > c else d ** 2",
		"v = min(a, b, t) % (c + g)",
	}
	n := 9*task + 1
	env := testEnv(n)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, src := range srcs {
		p, err := Compile(src, testNames)
		if err != nil {
			t.Fatal(err)
		}
		var results [][]float64
		for _, procs := range []int{1, 2, 3, 8} {
			runtime.GOMAXPROCS(procs)
			dst := make([]float64, n)
			if err := p.Eval(dst, env); err != nil {
				t.Fatal(err)
			}
			results = append(results, dst)
		}
		for k, r := range results[1:] {
			for i := range r {
				if !sameBits(r[i], results[0][i]) {
					t.Fatalf("%q: [%d] with GOMAXPROCS #%d = %v, with 1 = %v", src, i, k+1, r[i], results[0][i])
				}
			}
		}
	}
}

// TestConcurrentEval runs one Program from many goroutines (meaningful
// under -race).
func TestConcurrentEval(t *testing.T) {
	p, err := Compile("v = a * t + b", testNames)
	if err != nil {
		t.Fatal(err)
	}
	n := 3*task + 9
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for k := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := testEnv(n)
			env.Scalars["t"] = float64(k)
			dst := make([]float64, n)
			if err := p.Eval(dst, env); err != nil {
				errs <- err
				return
			}
			a, b := env.Arrays["a"], env.Arrays["b"]
			for i := range dst {
				if want := a[i]*float64(k) + b[i]; !sameBits(dst[i], want) {
					errs <- fmt.Errorf("goroutine %d: [%d] = %v, want %v", k, i, dst[i], want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestEmpty evaluates for zero entities.
func TestEmpty(t *testing.T) {
	p, err := Compile("v = a + 1", testNames)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Eval(nil, Env{Arrays: map[string][]float64{"a": {}}}); err != nil {
		t.Error(err)
	}
}
