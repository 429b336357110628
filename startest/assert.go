package startest

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"

	"exosh/builtins"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// Failure is an assertion that did not hold: the test FAILs (an ERROR is
// any other error).
type Failure struct {
	Pos string // file:line of the assertion in the test file
	Msg string
}

func (f *Failure) Error() string { return f.Pos + ": " + f.Msg }

// SkipError is raised by assert.skip: the test is SKIPped.
type SkipError struct{ Reason string }

func (s *SkipError) Error() string { return "skipped: " + s.Reason }

// position returns file:line of the innermost Starlark frame of the call
// stack that lies in file (the test file), else the innermost one.
func position(t *starlark.Thread, file string) string {
	stack := t.CallStack()
	for i := len(stack) - 1; i >= 0; i-- {
		p := stack[i].Pos
		if p.Filename() == file {
			return fmt.Sprintf("%s:%d", p.Filename(), p.Line)
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if p := stack[i].Pos; p.Line > 0 {
			return fmt.Sprintf("%s:%d", p.Filename(), p.Line)
		}
	}
	return file
}

// assertModule returns the assert module for a test in file.
func assertModule(file string) *starlarkstruct.Module {
	fail := func(t *starlark.Thread, format string, args ...any) error {
		return &Failure{Pos: position(t, file), Msg: fmt.Sprintf(format, args...)}
	}
	msgOf := func(msg string) string {
		if msg == "" {
			return ""
		}
		return ": " + msg
	}
	b := func(name string, fn func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)) *starlark.Builtin {
		return starlark.NewBuiltin(name, fn)
	}
	members := starlark.StringDict{
		"eq": b("eq", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var x, y starlark.Value
			var msg string
			if err := starlark.UnpackArgs("eq", args, kwargs, "a", &x, "b", &y, "msg?", &msg); err != nil {
				return nil, err
			}
			ok, err := equal(x, y)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fail(t, "assert.eq: %s != %s%s", repr(x), repr(y), msgOf(msg))
			}
			return starlark.None, nil
		}),
		"ne": b("ne", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var x, y starlark.Value
			var msg string
			if err := starlark.UnpackArgs("ne", args, kwargs, "a", &x, "b", &y, "msg?", &msg); err != nil {
				return nil, err
			}
			ok, err := equal(x, y)
			if err != nil {
				return nil, err
			}
			if ok {
				return nil, fail(t, "assert.ne: %s == %s%s", repr(x), repr(y), msgOf(msg))
			}
			return starlark.None, nil
		}),
		"true": b("true", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var x starlark.Value
			var msg string
			if err := starlark.UnpackArgs("true", args, kwargs, "cond", &x, "msg?", &msg); err != nil {
				return nil, err
			}
			if !x.Truth() {
				return nil, fail(t, "assert.true: %s is not true%s", repr(x), msgOf(msg))
			}
			return starlark.None, nil
		}),
		"false": b("false", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var x starlark.Value
			var msg string
			if err := starlark.UnpackArgs("false", args, kwargs, "cond", &x, "msg?", &msg); err != nil {
				return nil, err
			}
			if x.Truth() {
				return nil, fail(t, "assert.false: %s is not false%s", repr(x), msgOf(msg))
			}
			return starlark.None, nil
		}),
		"near": b("near", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var x, y starlark.Value
			rtol, atol := 1e-9, 0.0
			var msg string
			if err := starlark.UnpackArgs("near", args, kwargs, "a", &x, "b", &y, "rtol?", &rtol, "atol?", &atol, "msg?", &msg); err != nil {
				return nil, err
			}
			xs, err := floats(x)
			if err != nil {
				return nil, fmt.Errorf("assert.near: a: %v", err)
			}
			ys, err := floats(y)
			if err != nil {
				return nil, fmt.Errorf("assert.near: b: %v", err)
			}
			if len(xs) != len(ys) {
				if len(ys) == 1 {
					for len(ys) < len(xs) {
						ys = append(ys, ys[0])
					}
				} else {
					return nil, fail(t, "assert.near: lengths differ: %d != %d (%s vs %s)%s", len(xs), len(ys), short(x), short(y), msgOf(msg))
				}
			}
			for i := range xs {
				a, b := xs[i], ys[i]
				if math.Abs(a-b) <= atol+rtol*math.Abs(b) || a == b {
					continue
				}
				at := ""
				if len(xs) > 1 || isSeq(x) {
					at = fmt.Sprintf(" at index %d", i)
				}
				return nil, fail(t, "assert.near: %v !~ %v%s (|a-b| = %g > atol %g + rtol %g * |b|; got %s, want %s)%s",
					a, b, at, math.Abs(a-b), atol, rtol, short(x), short(y), msgOf(msg))
			}
			return starlark.None, nil
		}),
		"fails": b("fails", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var f starlark.Callable
			pattern := ""
			if err := starlark.UnpackArgs("fails", args, kwargs, "fn", &f, "pattern?", &pattern); err != nil {
				return nil, err
			}
			_, err := starlark.Call(t, f, nil, nil)
			if err == nil {
				return nil, fail(t, "assert.fails: %s did not fail (want an error matching %q)", f.Name(), pattern)
			}
			var sk *SkipError
			if errors.As(err, &sk) {
				return nil, err
			}
			msg := err.Error()
			var ee *starlark.EvalError
			if errors.As(err, &ee) {
				msg = ee.Msg
			}
			re, rerr := regexp.Compile(pattern)
			if rerr != nil {
				return nil, fmt.Errorf("assert.fails: bad pattern %q: %v", pattern, rerr)
			}
			if !re.MatchString(msg) {
				return nil, fail(t, "assert.fails: error %q does not match %q", msg, pattern)
			}
			return starlark.String(msg), nil
		}),
		"same_files": b("same_files", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(args) != 2 {
				return nil, fmt.Errorf("assert.same_files: want 2 positional arguments (a, b), got %d", len(args))
			}
			o, _, err := builtins.CompareOptions(kwargs)
			if err != nil {
				return nil, fmt.Errorf("assert.same_files: %v", err)
			}
			res, err := builtins.CompareValues(args[0], args[1], o, io.Discard, io.Discard)
			if err != nil {
				return nil, fmt.Errorf("assert.same_files: %v", err)
			}
			if res.Error != "" {
				return nil, fmt.Errorf("assert.same_files: %s", res.Error)
			}
			if !res.Same {
				return nil, fail(t, "assert.same_files: %s and %s differ:\n%s", repr(args[0]), repr(args[1]), indent(res.Summary(10)))
			}
			return starlark.None, nil
		}),
		"skip": b("skip", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			reason := ""
			if err := starlark.UnpackArgs("skip", args, kwargs, "reason?", &reason); err != nil {
				return nil, err
			}
			return nil, &SkipError{Reason: reason}
		}),
	}
	return &starlarkstruct.Module{Name: "assert", Members: members}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

func repr(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return s.String()
	}
	return short(v)
}

// short is v's representation, cut to 200 characters.
func short(v starlark.Value) string {
	s := v.String()
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// equal compares two values with Starlark's ==.
func equal(x, y starlark.Value) (bool, error) {
	return starlark.Equal(x, y)
}

func isSeq(v starlark.Value) bool {
	_, ok := v.(starlark.Iterable)
	return ok
}

// floats turns a number, a list or tuple of numbers, or an exosh array
// into float64s.
func floats(v starlark.Value) ([]float64, error) {
	switch x := v.(type) {
	case starlark.Int, starlark.Float:
		f, _ := starlark.AsFloat(x)
		return []float64{f}, nil
	case starlark.Iterable:
		var out []float64
		it := x.Iterate()
		defer it.Done()
		var e starlark.Value
		for it.Next(&e) {
			f, ok := starlark.AsFloat(e)
			if !ok {
				return nil, fmt.Errorf("want numbers, got %s", e.Type())
			}
			out = append(out, f)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a number, a list of numbers or an array, got %s", v.Type())
}
