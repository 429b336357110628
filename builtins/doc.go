// Package builtins is the bridge between Starlark and exosh's Go packages:
// the dialect, the predeclared names, the ExodusModel value with exomerge's
// methods, the array values, the selector unpacker and the help texts.
//
// # Dialect and predeclared names
//
// FileOptions and Predeclared define, once, what every exosh program sees:
// the CLI, the REPL, load(), the tests and the benchmarks all use them.
// starlark.Universe is never changed. NewThread makes a thread whose print
// and warnings go to the given writers and whose load() resolves .star files
// relative to the loading file, executing each once.
//
// # Methods
//
// Each ExodusModel method is an entry of a table (one file per area of the
// exomerge API: io.go, blocks.go, sets.go, fields.go, timesteps.go, ...): its
// exomerge name, its parameter list as exomerge spells it, a doc string, and
// a function that unpacks the arguments with starlark.UnpackArgs under those
// names and defaults and calls meshobj or exodus. No exomerge semantics live
// here: a method only converts arguments and wraps results. Selector
// arguments go through one Unpacker, selArg, which builds a
// meshobj.Selector. One wrapper, guard, runs every method: it refuses to
// start once the thread is interrupted, prints the model's warnings to
// standard error ("WARNING: <method>: <short>" then the indented detail),
// turns panics into errors, and prefixes errors with the method name.
//
// # Arrays and views
//
// FloatArray and IntArray view the model's own slices: reading is O(1) and
// writing an item writes into the model. The data attributes (nodes,
// node_fields, element_blocks, ...) are live views in exomerge's shapes,
// re-read from the model at each access. An array obtained from a view or a
// method stays valid until a method reallocates what it views (adding or
// removing nodes, elements, members or timesteps).
//
// # Help
//
// help() prints the doc strings of the tables; APIDoc renders the same text
// as docs/api.md, which a test keeps in step.
package builtins
