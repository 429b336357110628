// Package pyrun runs Python exomerge scripts unchanged: `exosh script.py`,
// and Python given to `exosh -c`, on standard input or typed in the REPL.
//
// # Design
//
// The script is parsed by the parser of github.com/go-python/gpython
// (Python 3.4 grammar) after a small source rewrite (preprocess.go):
// f-strings become str.format calls, and Python 2's print statement,
// "except E, e:" and "raise E, msg" become their Python 3 forms, keeping
// line numbers. The syntax tree is then evaluated by this package's own
// interpreter (interp.go) whose values ARE Starlark values: ints, floats,
// strings, lists, dicts and tuples are go.starlark.net's, so the model's
// methods are called exactly as a .star script calls them: Model.Attr
// returns the *starlark.Builtin bound method and the interpreter calls it
// with starlark.Call. There is no conversion of arguments or results and
// no second binding of any method; the legacy data attributes
// (model.nodes, node_fields, element_blocks, ...) are the zero-copy views
// of package builtins. What Starlark lacks the interpreter adds: exceptions
// (Python's hierarchy, try/except/else/finally, raise), classes with single
// inheritance and super(), with, global/nonlocal, del, while/else,
// chained comparisons, Python's repr of floats and strings, %-formatting
// and the str.format mini-language (package pyfmt, which the strfmt module
// of package builtins shares; format.go holds the hooks for this
// interpreter's own values), the Python methods Starlark's str,
// list and dict lack, and the modules sys, os, os.path, math, time, re,
// json, copy, string, glob, shutil, collections, textwrap, argparse,
// optparse and exomerge (modules.go, moremods.go, argparse.go, remod.go),
// plus the script's own NAME.py modules.
//
// # Why not the alternatives
//
// Both candidates of the issue were measured on the corpus of
// tests/legacy and on snippets:
//
//   - gpython v0.2.0 as the runtime (with a bridge to the builtins): none
//     of the corpus's eight pure-Python scripts (semantics, formatting,
//     exceptions, builtins_tour, idioms, argparse_full, stdlib_modules,
//     optparse_cli) runs to its end on gpython's own runtime; they stop
//     at str.format, f-strings, property, type(e).__name__ and the missing
//     argparse, optparse and copy modules. Snippets showed more gaps: no
//     str.upper/lower or most other str methods, print ignores __str__,
//     files do not iterate, no os.path, and 1e16 prints as
//     10000000000000000.0 (Python: 1e+16). Every gap would need patching
//     inside gpython's runtime, and each model call would cross a value
//     bridge. Its parser is good, and is what this package uses.
//   - Translating Python to Starlark text plus a runtime: Starlark has no
//     exceptions, classes or with, so try/except, raise through functions
//     and finally-on-return cannot be expressed in the generated Starlark
//     without an interpreter of their own.
//
// Parsing with gpython and evaluating over Starlark values keeps every
// model call native and gets Python's semantics where they differ from
// Starlark's (see the tests).
//
// # Measured
//
// On this 2-core machine shared with other builds (load average 7-12, so
// every figure is noisy), in process: the 10,000 get_element_count calls
// of BenchmarkCallsPython took 34-69 ms per run against 25-49 ms for the
// same loop in Starlark (BenchmarkCallsStarlark), between 1.1x and 1.4x
// in the same session; a CPU profile of the Python run spends 62% of its
// time inside the shared method path (builtins.(*Model).invoke), not in
// this package. Parsing and starting a script that imports sys and
// exomerge takes 0.03-0.16 ms (BenchmarkStartup) and gpython's packages
// initialise in under 1 ms (GODEBUG=inittrace=1), so `exosh script.py`
// starts as fast as `exosh script.star`: as fresh processes both took
// ~48 ms of CPU (user+sys, 20 runs) under that load, and 75-120 ms of
// wall time, as did `exosh -c pass`; the under-50 ms start-up needs an
// idle machine to show. `make bench` prints the in-process figures and
// the fresh-process ones (tests/bench_test.go: StartupPython,
// StartupStarlark, CallsPython, CallsStarlark).
//
// # Not supported
//
// Generators run to completion when called and hand back their values as
// a list (an endless generator never returns). Decorators other than
// staticmethod, classmethod and property, metaclasses, multiple inheritance, operator overloading
// beyond + - * / % and comparisons, numeric literals with underscores,
// bytes as distinct from str, and modules other than those listed (their
// import raises ImportError naming the module and line; uncaught, the
// message says what exosh offers instead). exomerge's banner and its boxed
// warning and error messages are not printed on standard output: warnings
// and errors go to standard error in exosh's format.
package pyrun
