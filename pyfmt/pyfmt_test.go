package pyfmt

import (
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

// pyCase is one expectation of cases_test.go, written by CPython.
type pyCase struct {
	kind, text, expr, want, exc string
}

func eval(t *testing.T, expr string) starlark.Value {
	t.Helper()
	v, err := starlark.Eval(&starlark.Thread{Name: "test"}, "expr", expr, nil)
	if err != nil {
		t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

// TestCPython checks %-formatting, str.format, format(), str(), repr()
// and ascii() against the results CPython gave for the same values.
func TestCPython(t *testing.T) {
	for _, c := range pyCases {
		v := eval(t, c.expr)
		var got string
		var err error
		switch c.kind {
		case "percent":
			got, err = Percent(c.text, v)
		case "format":
			got, err = Format(c.text, v.(starlark.Tuple), nil)
		case "formatkw":
			var kw []starlark.Tuple
			for _, it := range v.(*starlark.Dict).Items() {
				kw = append(kw, it)
			}
			got, err = Format(c.text, nil, kw)
		case "repr":
			got = Repr(v)
		case "str":
			got = Str(v)
		case "ascii":
			got = ASCII(v)
		case "value":
			got, err = FormatValue(v, c.text)
		default:
			t.Fatalf("unknown kind %q", c.kind)
		}
		if c.exc != "" {
			e, ok := AsError(err)
			if !ok || e.Type != c.exc {
				t.Errorf("%s %q %% %s: got %q, %v; want %s", c.kind, c.text, c.expr, got, err, c.exc)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %q with %s: got %q, %v; want %q", c.kind, c.text, c.expr, got, err, c.want)
		}
	}
}

// TestFloatReprRoundTrip checks that repr reads back as the same float
// over a spread of magnitudes and digit counts.
func TestFloatReprRoundTrip(t *testing.T) {
	x := 1.0 / 3
	for i := 0; i < 2000; i++ {
		for _, f := range []float64{x, -x, math.Nextafter(x, 0), math.Floor(x)} {
			s := FloatRepr(f)
			back, err := strconv.ParseFloat(s, 64)
			if err != nil || back != f {
				t.Fatalf("FloatRepr(%v) = %q reads back as %v, %v", f, s, back, err)
			}
		}
		x *= 1.0371
	}
}

// TestHooks checks that a Formatter's hooks render the caller's own
// values, nested ones included, and resolve fields.
func TestHooks(t *testing.T) {
	type own struct{ starlark.Int }
	f := &Formatter{
		StrHook: func(v starlark.Value) (string, bool) {
			if s, ok := v.(starlark.Int); ok && s == starlark.MakeInt(7) {
				return "seven", true
			}
			return "", false
		},
		ReprHook: func(v starlark.Value, nested func(starlark.Value) string) (string, bool) {
			if d, ok := v.(*starlark.Dict); ok && d.Len() == 0 {
				return "Empty(" + nested(starlark.String("x")) + ")", true
			}
			return "", false
		},
		FormatHook: func(v starlark.Value, spec string) (string, bool, error) {
			if spec == "own" {
				return "<" + Str(v) + ">", true, nil
			}
			return "", false, nil
		},
		GetAttr: func(v starlark.Value, name string) (starlark.Value, error) {
			return starlark.String(name + "!"), nil
		},
		TypeName: func(v starlark.Value) string { return "Thing" },
	}
	empty := starlark.NewDict(0)
	for _, c := range []struct{ got, want string }{
		{f.Str(starlark.MakeInt(7)), "seven"},
		{f.Str(starlark.MakeInt(8)), "8"},
		{f.Repr(starlark.NewList([]starlark.Value{empty})), "[Empty('x')]"},
		{f.Str(empty), "Empty('x')"},
		{must(f.Percent("%s|%r|%5s", starlark.Tuple{starlark.MakeInt(7), empty, starlark.MakeInt(7)})), "seven|Empty('x')|seven"},
		{must(f.Format("{0:own}|{0}|{1.name}|{1!r}", []starlark.Value{starlark.MakeInt(7), empty}, nil)), "<7>|seven|name!|Empty('x')"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	_, err := f.FormatValue(starlark.None, ">3")
	if e, ok := AsError(err); !ok || e.Msg != "unsupported format string passed to Thing.__format__" {
		t.Errorf("FormatValue(None, >3): %v", err)
	}
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

// TestSelfRepr checks that a list or dict inside itself shows as CPython
// shows it: l = [1]; l.append(l); d = {}; d['d'] = d; l.append(d).
func TestSelfRepr(t *testing.T) {
	l := starlark.NewList([]starlark.Value{starlark.MakeInt(1)})
	_ = l.Append(l)
	d := starlark.NewDict(1)
	_ = d.SetKey(starlark.String("d"), d)
	_ = l.Append(d)
	if got, want := Repr(l), "[1, [...], {'d': {...}}]"; got != want {
		t.Errorf("Repr: got %q, want %q", got, want)
	}
}

// TestCasesFresh checks that cases_test.go is what testdata/gencases.py
// writes, so that no expected value was edited by hand. It needs the
// python3 that wrote the file, and skips otherwise.
func TestCasesFresh(t *testing.T) {
	have, err := os.ReadFile("cases_test.go")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "testdata/gencases.py").Output()
	if err != nil {
		t.Skipf("python3 testdata/gencases.py: %v", err)
	}
	haveHead, haveBody, _ := strings.Cut(string(have), "\n")
	outHead, outBody, _ := strings.Cut(string(out), "\n")
	if haveHead != outHead {
		t.Skipf("cases_test.go was written by another python3: %q, not %q", haveHead, outHead)
	}
	if haveBody != outBody {
		t.Errorf("cases_test.go is stale or edited: run python3 testdata/gencases.py > cases_test.go in pyfmt")
	}
}
