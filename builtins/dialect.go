package builtins

import (
	"go.starlark.net/lib/json"
	"go.starlark.net/lib/math"
	"go.starlark.net/lib/time"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"go.starlark.net/syntax"
)

// Version is the exosh version, reported by --version, the REPL banner and
// the QA record that every export appends.
const Version = "0.1.0"

// FileOptions returns the Starlark dialect exosh speaks: the standard
// language plus while loops, recursion, sets, reassignment of globals and
// if/for/while at top level. Every caller (the CLI, the REPL, load(), the
// tests and the benchmarks) gets its dialect here; the result is a new value
// the caller may adjust for its own use.
func FileOptions() *syntax.FileOptions {
	return &syntax.FileOptions{
		Set:             true,
		While:           true,
		TopLevelControl: true,
		GlobalReassign:  true,
		Recursion:       true,
	}
}

// Predeclared returns a new dictionary of the names every exosh program sees
// beside starlark.Universe: import_model, ExodusModel, the module exomerge
// holding both, help, and the math, json and time modules of go.starlark.net.
// The caller owns the result and may add names (the CLI adds argv).
func Predeclared() starlark.StringDict {
	d := starlark.StringDict{
		"math":   math.Module,
		"json":   json.Module,
		"time":   time.Module,
		"strfmt": strfmtModule(),
	}
	exomerge := &starlarkstruct.Module{Name: "exomerge", Members: starlark.StringDict{}}
	for _, f := range moduleFuncs() {
		b := starlark.NewBuiltin(f.name, f.call)
		d[f.name] = b
		if f.exomerge {
			exomerge.Members[f.name] = b
		}
	}
	exomerge.Members["__version__"] = starlark.String(exomergeVersion)
	exomerge.Members["VERSION"] = starlark.String(exomergeVersion)
	d["exomerge"] = exomerge
	return d
}

// exomergeVersion is the exomerge release whose API exosh carries.
const exomergeVersion = "8.7.0"
