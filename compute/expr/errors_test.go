package expr

import (
	"errors"
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	names := map[string]Kind{"stress_xx": Array, "stress_yy": Array, "time": Scalar}
	cases := []struct {
		src  string
		cond bool
		err  error
		want string // exact message, or a prefix ending in "..."
	}{
		{src: "vm = stres_xx*2", err: ErrUndefined,
			want: `expr: name "stres_xx" is not defined in "vm = stres_xx*2"; defined names: stress_xx, stress_yy, time; did you mean "stress_xx"?`},
		{src: "vm = zzz", err: ErrUndefined,
			want: `expr: name "zzz" is not defined in "vm = zzz"; defined names: stress_xx, stress_yy, time`},
		{src: "vm = stress_xx +* 2", err: ErrSyntax,
			want: `expr: syntax error in "vm = stress_xx +* 2" at column 17: got '*', want primary expression`},
		{src: "vm = (stress_xx", err: ErrSyntax, want: `expr: syntax error in "vm = (stress_xx" at column 16: ...`},
		{src: "vm = ", err: ErrSyntax, want: `expr: syntax error in "vm = " at column 6: ...`},
		{src: "", err: ErrSyntax, want: `expr: empty expression in ""`},
		{src: "   ", err: ErrSyntax, want: `expr: empty expression in "   "`},
		{src: "a, b = stress_xx", err: ErrSyntax,
			want: `expr: the left of "=" must be a single name, not "a, b" in "a, b = stress_xx" at column 1`},
		{src: "x.y = 1", err: ErrSyntax, want: `expr: the left of "=" must be a single name, not "x.y" in "x.y = 1" at column 1`},
		{src: "2 = time", err: ErrSyntax, want: `expr: the left of "=" must be a single name, not "2" in "2 = time" at column 1`},
		{src: "v += time", err: ErrUnsupported, want: `expr: augmented assignment "+=" in "v += time"`},
		{src: "v = time; w = time", err: ErrSyntax, want: `expr: more than one statement ("w = time") in "v = time; w = time" at column 11`},
		{src: "v = sqr(time)", err: ErrUndefined,
			want: `expr: unknown function "sqr" in "v = sqr(time)"; functions: abs, acos, ...`},
		{src: "v = math.foo(time)", err: ErrUndefined, want: `expr: unknown function "math.foo" in "v = math.foo(time)"; math functions: math.acos, ...`},
		{src: "v = math.abs(time)", err: ErrUndefined, want: `expr: unknown function "math.abs" in "v = math.abs(time)"; ...`},
		{src: "v = math.tau2", err: ErrUndefined, want: `expr: "math.tau2" is not a supported math constant in "v = math.tau2"; ...`},
		{src: "v = stress_xx(2)", err: ErrUnsupported, want: `expr: "stress_xx" is a name, not a function ("stress_xx(2)") in "v = stress_xx(2)"`},
		{src: "v = sqrt", err: ErrUnsupported, want: `expr: function "sqrt" must be called in "v = sqrt"`},
		{src: "v = sqrt(time, 2)", err: ErrArgs, want: `expr: sqrt takes 1 argument, got 2 ("sqrt(time, 2)") in "v = sqrt(time, 2)"`},
		{src: "v = sqrt()", err: ErrArgs, want: `expr: sqrt takes 1 argument, got 0 ("sqrt()") in "v = sqrt()"`},
		{src: "v = atan2(time)", err: ErrArgs, want: `expr: atan2 takes 2 arguments, got 1 ("atan2(time)") in "v = atan2(time)"`},
		{src: "v = log(1, 2, 3)", err: ErrArgs, want: `expr: log takes 1 to 2 arguments, got 3 ("log(1, 2, 3)") in "v = log(1, 2, 3)"`},
		{src: "v = max(time)", err: ErrArgs, want: `expr: max takes at least 2 arguments, got 1 ("max(time)") in "v = max(time)"`},
		{src: "v = pow(time, y=2)", err: ErrArgs, want: `expr: keyword argument "y=2" is not supported in "v = pow(time, y=2)"`},
		{src: "v = max(*time)", err: ErrArgs, want: `expr: * argument "*time" is not supported in "v = max(*time)"`},
		{src: "v = 'abc'", err: ErrUnsupported, want: `expr: string literal 'abc' is not supported in "v = 'abc'"`},
		{src: "v = [1, 2]", err: ErrUnsupported, want: `expr: list "[1, 2]" is not supported in "v = [1, 2]"`},
		{src: "v = (1, 2)", err: ErrUnsupported, want: `expr: tuple "(1, 2)" is not supported in "v = (1, 2)"`},
		{src: "v = stress_xx[0]", err: ErrUnsupported, want: `expr: indexing "stress_xx[0]" is not supported in "v = stress_xx[0]"`},
		{src: "v = lambda: 1", err: ErrUnsupported, want: `expr: lambda "lambda: 1" is not supported in "v = lambda: 1"`},
		{src: "v = stress_xx | 1", err: ErrUnsupported, want: `expr: operator "|" is not supported ("stress_xx | 1") in "v = stress_xx | 1"`},
		{src: "v = stress_xx & 1", err: ErrUnsupported, want: `expr: operator "&" is not supported ("stress_xx & 1") in "v = stress_xx & 1"`},
		{src: "v = 1 << time", err: ErrUnsupported, want: `expr: operator "<<" is not supported ("1 << time") in "v = 1 << time"`},
		{src: "v = ~time", err: ErrUnsupported, want: `expr: operator "~" is not supported ("~time") in "v = ~time"`},
		{src: "v = time in time", err: ErrUnsupported, want: `expr: operator "in" is not supported ("time in time") in "v = time in time"`},
		{src: "v = time.real", err: ErrUnsupported, want: `expr: attribute "time.real" is not supported in "v = time.real"`},
		// Python chains comparisons; Starlark (and so exosh) asks for parentheses.
		{src: "v = 0 < time < 1", err: ErrSyntax, want: `expr: syntax error in "v = 0 < time < 1" at column 15: < does not associate with < (use parens)`},
		{src: "v = time ** ** 2", err: ErrSyntax, want: `expr: syntax error in "v = time ** ** 2" at column 13: ...`},
		{src: "if time: v = 1", err: ErrUnsupported, want: `expr: statement "if time: v = 1" is not an expression in "if time: v = 1"`},
		{src: "v = time\n+ 1", err: ErrSyntax, want: `expr: more than one statement ("+ 1") in "v = time\n+ 1" at line 2 column 1`},
		{src: "v = (time\n+ 1", err: ErrSyntax, want: `expr: syntax error in "v = (time\n+ 1" at line 2 column 4: ...`},
		{src: "v = (time\n+ 1)", err: nil},
		{src: "v = None", err: ErrUndefined, want: `expr: name "None" is not defined in "v = None"; ...`},
		// conditions
		{src: "stress_xx != 0", cond: true, err: ErrUnsupported, want: `expr: operator "!=" is not supported in a condition ("stress_xx != 0") in "stress_xx != 0"`},
		{src: "not stress_xx", cond: true, err: ErrUnsupported, want: `expr: "not" is not supported in a condition ("not stress_xx") in "not stress_xx"`},
		{src: "1 if stress_xx else 0", cond: true, err: ErrUnsupported, want: `expr: conditional expression "1 if stress_xx else 0" is not supported in a condition in "1 if stress_xx else 0"`},
		{src: "Y == 0", cond: true, err: ErrUndefined, want: `expr: name "Y" is not defined in "Y == 0"; defined names: stress_xx, stress_yy, time`},
		{src: "stress_xx & 1", cond: true, err: ErrUnsupported, want: `expr: operator "&" is not supported ("stress_xx & 1") in "stress_xx & 1"`},
	}
	for _, tc := range cases {
		var err error
		if tc.cond {
			_, err = CompileCondition(tc.src, names)
		} else {
			_, err = Compile(tc.src, names)
		}
		if tc.err == nil {
			if err != nil {
				t.Errorf("%q: %v", tc.src, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q: compiled, want error %q", tc.src, tc.want)
			continue
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%q: error %q is not %v", tc.src, err, tc.err)
		}
		var e *Error
		if !errors.As(err, &e) || e.Src != tc.src {
			t.Errorf("%q: error %#v is not an *Error naming the source", tc.src, err)
		}
		got := err.Error()
		if prefix, ok := strings.CutSuffix(tc.want, "..."); ok {
			if !strings.HasPrefix(got, prefix) {
				t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
			}
		} else if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// TestDeepCondition: nested comparisons in a condition must not blow up
// (each used to duplicate its operands).
func TestDeepCondition(t *testing.T) {
	src := strings.Repeat("(", 50) + "a" + strings.Repeat(">=b)", 50)
	p, err := CompileCondition(src, map[string]Kind{"a": Array, "b": Array})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.code) > 101 {
		t.Errorf("%d instructions for 50 nested comparisons", len(p.code))
	}
}

// TestErrorNoNames: with nothing defined, the hint says so.
func TestErrorNoNames(t *testing.T) {
	_, err := Compile("v = x", nil)
	want := `expr: name "x" is not defined in "v = x"; no names are defined`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestShadowing: declared names win over the predefined constants, but
// math.NAME always means the constant, and a call always means a function.
func TestShadowing(t *testing.T) {
	names := map[string]Kind{"e": Scalar, "pi": Array, "exp": Scalar}
	p, err := Compile("v = e + pi + math.e + exp(exp)", names)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Names(), ","); got != "e,exp,pi" {
		t.Errorf("Names() = %s, want e,exp,pi", got)
	}
	dst := make([]float64, 1)
	if err := p.Eval(dst, Env{Arrays: map[string][]float64{"pi": {10}}, Scalars: map[string]float64{"e": 100, "exp": 0}}); err != nil {
		t.Fatal(err)
	}
	if want := 100 + 10 + 2.718281828459045 + 1; dst[0] != want {
		t.Errorf("got %v, want %v", dst[0], want)
	}
}
