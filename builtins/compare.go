package builtins

import (
	"fmt"
	"io"
	"strconv"

	"exosh/exodiff"
	"exosh/exodus"
	"exosh/meshobj"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// compareDoc is compare's help text.
const compareDoc = `Compare two results as exosh diff (and SEACAS exodiff) does and return
the verdict. a and b are models or Exodus file paths; files are streamed one
timestep at a time. Keywords are exodiff's options without the dash:
tolerance=1e-8, Floor=1e-12, absolute=True, relative=True, combined=True,
coordinate_tolerance=1e-9, file='cmd.txt' (a command file), map=True,
partial=True, match_file_order=True, TimeStepOffset=1, interpolate=True,
exclude='1,3-4', steps='last', ignore_nans=True, pedantic=True, ... (see
exosh diff -help). verbose=True prints exodiff's report.

The result has .same (True when nothing differs), .status (exodiff's exit
status: 0 same, 2 different, 1 error or mesh difference), .closing
(exodiff's closing line), .mesh_different, .error and .differences, a list
of records with kind ('nodal', 'element', 'global', 'nodeset', 'sideset',
'time', 'coordinates', 'mesh', 'variable', 'nan', 'steps', ...), name,
step (1-based, 0 when not transient), max_diff, value1, value2, location
('node 12', 'block 1, elmt 7') and message. str(result) is a summary.

    r = compare('run.e', 'gold.e', tolerance=1e-8)
    if not r.same:
        print(r)
    r = compare(model, 'gold.e', absolute=True, tolerance=1e-6)`

// compareFunction returns the compare builtin's table entry.
func compareFunction() function {
	return function{
		name:   "compare",
		params: "a, b, **options",
		doc:    compareDoc,
		fn:     compareFunc,
	}
}

// CompareOptions turns keyword arguments into resolved exodiff options; it
// is shared by compare and the assert module's same_files. verbose is
// returned separately.
func CompareOptions(kwargs []starlark.Tuple) (*exodiff.Options, bool, error) {
	o := exodiff.Defaults()
	verbose := false
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		v := kv[1]
		if k == "verbose" {
			verbose = bool(v.Truth())
			continue
		}
		var s string
		switch x := v.(type) {
		case starlark.Bool:
			if !x {
				continue
			}
		case starlark.String:
			s = string(x)
		case starlark.Int:
			s = x.String()
		case starlark.Float:
			s = strconv.FormatFloat(float64(x), 'g', -1, 64)
		default:
			return nil, false, fmt.Errorf("option %s: want a bool, number or string, got %s", k, v.Type())
		}
		if err := o.Set(k, s); err != nil {
			return nil, false, err
		}
	}
	if err := o.Resolve(); err != nil {
		return nil, false, err
	}
	return o, verbose, nil
}

// CompareValues compares a and b (models or file paths) under o, writing
// exodiff's report to out and its warnings to errOut. Two paths are
// streamed from disk; a path compared with a model is imported first.
func CompareValues(a, b starlark.Value, o *exodiff.Options, out, errOut io.Writer) (*exodiff.Result, error) {
	pa, aIsPath := a.(starlark.String)
	pb, bIsPath := b.(starlark.String)
	if aIsPath && bIsPath {
		return exodiff.CompareFiles(o, string(pa), string(pb), "", out, errOut), nil
	}
	load := func(v starlark.Value, what string) (*meshobj.Model, string, error) {
		switch x := v.(type) {
		case *Model:
			return x.m, "<model>", nil
		case starlark.String:
			m, err := exodus.ReadFile(string(x))
			if err != nil {
				return nil, "", err
			}
			return m, string(x), nil
		}
		return nil, "", fmt.Errorf("%s: want an ExodusModel or a file path, got %s", what, v.Type())
	}
	ma, na, err := load(a, "a")
	if err != nil {
		return nil, err
	}
	mb, nb, err := load(b, "b")
	if err != nil {
		return nil, err
	}
	return exodiff.CompareModels(o, ma, mb, na, nb, out, errOut), nil
}

func compareFunc(c *call) (starlark.Value, error) {
	if len(c.args) != 2 {
		return nil, fmt.Errorf("want 2 positional arguments (a, b), got %d", len(c.args))
	}
	o, verbose, err := CompareOptions(c.kwargs)
	if err != nil {
		return nil, err
	}
	out := io.Discard
	if verbose {
		out = stdoutOf(c.thread)
	}
	res, err := CompareValues(c.args[0], c.args[1], o, out, out)
	if err != nil {
		return nil, err
	}
	return NewCompareResult(res), nil
}

// CompareResult is the value compare returns.
type CompareResult struct {
	r     *exodiff.Result
	diffs *starlark.List
}

var _ starlark.HasAttrs = (*CompareResult)(nil)

// NewCompareResult wraps r.
func NewCompareResult(r *exodiff.Result) *CompareResult {
	l := make([]starlark.Value, len(r.Differences))
	for i, d := range r.Differences {
		l[i] = starlarkstruct.FromStringDict(starlark.String("difference"), starlark.StringDict{
			"kind":     starlark.String(d.Kind),
			"name":     starlark.String(d.Name),
			"step":     starlark.MakeInt(d.Step),
			"max_diff": starlark.Float(d.MaxDiff),
			"value1":   starlark.Float(d.Value1),
			"value2":   starlark.Float(d.Value2),
			"location": starlark.String(d.Location),
			"message":  starlark.String(d.Message),
		})
	}
	list := starlark.NewList(l)
	list.Freeze()
	return &CompareResult{r: r, diffs: list}
}

// Result returns the wrapped result.
func (x *CompareResult) Result() *exodiff.Result { return x.r }

// String returns the summary: each difference, then the closing line.
func (x *CompareResult) String() string { return x.r.Summary(20) }

// Type returns "compare_result".
func (x *CompareResult) Type() string { return "compare_result" }

// Freeze does nothing: the value is immutable.
func (x *CompareResult) Freeze() {}

// Truth is always true.
func (x *CompareResult) Truth() starlark.Bool { return true }

// Hash refuses: the value is unhashable.
func (x *CompareResult) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable: compare_result") }

// Attr returns the result's fields.
func (x *CompareResult) Attr(name string) (starlark.Value, error) {
	r := x.r
	switch name {
	case "same":
		return starlark.Bool(r.Same), nil
	case "status":
		return starlark.MakeInt(r.Status), nil
	case "closing":
		return starlark.String(r.Closing), nil
	case "error":
		return starlark.String(r.Error), nil
	case "mesh_different":
		return starlark.Bool(r.MeshDifferent), nil
	case "differences":
		return x.diffs, nil
	case "summary":
		return starlark.String(r.Summary(0)), nil
	case "json":
		return starlark.String(r.JSON()), nil
	}
	return nil, nil
}

// AttrNames lists the fields.
func (x *CompareResult) AttrNames() []string {
	return []string{"closing", "differences", "error", "json", "mesh_different", "same", "status", "summary"}
}
