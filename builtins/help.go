package builtins

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"exosh/meshobj"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// modelDoc is the doc of the ExodusModel type.
const modelDoc = `An Exodus II finite-element model with Sandia exomerge's API: the same
method names, positional order, keyword names and defaults, so legacy
exomerge scripts run unchanged. Bulk data (coordinates, connectivity, field
values) lives in flat Go arrays; methods that return it return zero-copy
float_array / int_array views, and writing into a view writes into the model.
A view stays valid until a method adds or removes nodes, elements, set
members or timesteps; take .copy() to keep values across such a call.
Warnings go to standard error; errors stop the script.`

// arrayDoc is the doc of float_array and int_array.
const arrayDoc = `float_array and int_array are views over the model's own arrays (a field at
one timestep, a node's coordinates, a block's connectivity, a set's members).
Reading is zero-copy and O(1); writing an item (a[i] = v) WRITES INTO THE
MODEL. They support len, indexing (negative too), slicing (a copy), iteration,
'in', == and !=, + - * / with a number or a same-length array on either side
(elementwise; a new array; x/0 gives inf or nan), and unary - and +. An int
array that holds node indices refuses values outside 0..number_of_nodes-1.
Methods that take values accept a list or an array.`

// moduleFuncs returns the table of predeclared functions.
func moduleFuncs() []function {
	return append([]function{
		{
			name:     "import_model",
			params:   importParams,
			exomerge: true,
			doc: `Read an Exodus II file into a new model and return it. The selectors
choose what is read (see ExodusModel.import_model): by default everything.

    model = import_model('mesh.e')
    model = import_model('results.e', timesteps='last', node_field_names=['temp'])`,
			fn: importModelFunc,
		},
		{
			name:     "ExodusModel",
			params:   "",
			exomerge: true,
			doc: `Return a new, empty model (3-D, no nodes, no title). Unlike exomerge, a
model built from scratch can be exported.

    model = ExodusModel()
    model.build_hex8_cube(1, extents=1.0, divisions=4)`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return NewModel(meshobj.New()), nil
			},
		},
		{
			name:   "help",
			params: "x=None",
			doc: `Print help about x, or an overview. help() gives the overview;
help(model) or help(ExodusModel) lists the model's methods and data
attributes; help(model.export_model) or help('export_model') prints one
method's signature and doc; help(a) for a float_array or int_array describes
arrays; help(import_model), help(math), help(json), help(time) and
help(exomerge) describe those.`,
			fn: helpFunc,
		},
		compareFunction(),
		{name: "exit", params: "code=None", doc: exitDoc, fn: exitFunc},
		{name: "argparser", params: "prog=None, description=None, epilog=None", doc: argparserDoc, fn: argparserFunc},
	}, perfFuncs()...)
}

func findFunction(name string) *function {
	for _, f := range moduleFuncs() {
		if f.name == name {
			return &f
		}
	}
	return nil
}

func helpFunc(c *call) (starlark.Value, error) {
	var x starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(c.name, c.args, c.kwargs, 0, &x); err != nil {
		return nil, err
	}
	w := stdoutOf(c.thread)
	if err := writeHelp(w, x); err != nil {
		return nil, err
	}
	return starlark.None, nil
}

// writeHelp writes the help text of x to w.
func writeHelp(w io.Writer, x starlark.Value) error {
	switch x := x.(type) {
	case starlark.NoneType:
		writeOverview(w)
		return nil
	case *Model:
		writeModelHelp(w)
		return nil
	case *FloatArray, *IntArray:
		writeArrayHelp(w)
		return nil
	case starlark.String:
		return writeNamedHelp(w, string(x))
	case *starlark.Builtin:
		switch x.Receiver().(type) {
		case *Model:
			return writeNamedHelp(w, x.Name())
		case *FloatArray, *IntArray:
			m := findArrayMethod(x.Name())
			if m == nil {
				break
			}
			fmt.Fprintf(w, "%s.%s()\n\n%s\n", x.Receiver().Type(), m.name, indent(m.doc))
			return nil
		case nil:
			if f := findFunction(x.Name()); f != nil {
				if f.name == "ExodusModel" {
					writeModelHelp(w)
					return nil
				}
				fmt.Fprintf(w, "%s\n\n%s\n", f.signature(), indent(f.doc))
				return nil
			}
		}
		fmt.Fprintf(w, "%s: a built-in function of Starlark; see https://github.com/google/starlark-go/blob/master/doc/spec.md\n", x.Name())
		return nil
	case *starlarkstruct.Module:
		if x.Name == "exomerge" {
			fmt.Fprintf(w, "module exomerge (exomerge %s API)\n\n", exomergeVersion)
		} else if x.Name == "strfmt" {
			fmt.Fprintf(w, "module strfmt\n\n%s\n\n", indent(strfmtDoc))
		} else {
			fmt.Fprintf(w, "module %s (go.starlark.net/lib/%s; see https://pkg.go.dev/go.starlark.net/lib/%s)\n\n", x.Name, x.Name, x.Name)
		}
		for _, name := range x.AttrNames() {
			fmt.Fprintf(w, "  %s.%s\n", x.Name, name)
		}
		return nil
	}
	return fmt.Errorf("no help for %s value; try help()", x.Type())
}

func writeNamedHelp(w io.Writer, name string) error {
	if m := lookupMethod(name); m != nil {
		fmt.Fprintf(w, "ExodusModel.%s\n\n%s\n", m.signature(), indent(m.doc))
		return nil
	}
	if f := findFunction(name); f != nil {
		return writeHelp(w, starlark.NewBuiltin(f.name, f.call))
	}
	if a := findDataAttr(name); a != nil {
		fmt.Fprintf(w, "ExodusModel.%s (data attribute)\n\n%s\n", a.name, indent(wrap(a.doc, 76)))
		return nil
	}
	if m := findArrayMethod(name); m != nil {
		fmt.Fprintf(w, "float_array.%s(), int_array.%s()\n\n%s\n", m.name, m.name, indent(m.doc))
		return nil
	}
	names := append(methodNames(), "import_model", "ExodusModel", "help")
	msg := fmt.Sprintf("no help for %q", name)
	if near := nearest(name, names); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return fmt.Errorf("%s", msg)
}

func writeOverview(w io.Writer) {
	fmt.Fprintf(w, "exosh %s: a Starlark shell for Exodus II meshes with exomerge's API.\n\n", Version)
	fmt.Fprintln(w, "Functions:")
	for _, f := range moduleFuncs() {
		fmt.Fprintf(w, "  %s\n      %s\n", f.signature(), summary(f.doc))
	}
	fmt.Fprintln(w, "\nModules: exomerge (import_model, ExodusModel), math, json, time, strfmt.")
	fmt.Fprintf(w, "The model has %d methods: help(ExodusModel) lists them, help(model.NAME) describes one.\n", len(methodNames()))
	fmt.Fprintln(w, "Scripts see argv (the script path, then its arguments) and may load() other .star files.")
}

func writeModelHelp(w io.Writer) {
	fmt.Fprintf(w, "ExodusModel\n\n%s\n\nData attributes:\n", indent(modelDoc))
	for _, a := range dataAttrs {
		fmt.Fprintf(w, "  %-17s %s\n", a.name, summary(a.doc))
	}
	for _, a := range areas() {
		if len(a.methods) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", a.title)
		for _, m := range a.methods {
			fmt.Fprintf(w, "  %s\n      %s\n", m.signature(), summary(m.doc))
		}
	}
	fmt.Fprintln(w, "\nhelp(model.NAME) prints a method's full doc.")
}

func writeArrayHelp(w io.Writer) {
	fmt.Fprintf(w, "float_array, int_array\n\n%s\n\nMethods:\n", indent(arrayDoc))
	for _, m := range arrayMethods {
		fmt.Fprintf(w, "  %s()\n      %s\n", m.name, summary(m.doc))
	}
}

// summary returns the first sentence of doc.
func summary(doc string) string {
	doc = strings.Join(strings.Fields(doc), " ")
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1]
	}
	return doc
}

// indent indents every non-empty line of s by four spaces.
func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}

// wrap fills the words of s into lines of at most width characters.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		if n > 0 && n+1+len(word) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}

// nearest returns the name in names closest to s (by edit distance), if it
// is close enough to be a likely typo.
func nearest(s string, names []string) string {
	best, bestD := "", len(s)/2+2
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// APIDoc returns the Markdown reference of everything exosh predeclares,
// generated from the same doc strings that help() prints. docs/api.md is
// this text; a test fails when it is stale.
func APIDoc() string {
	var b strings.Builder
	b.WriteString("# exosh API reference\n\n")
	b.WriteString("<!-- Generated from the doc strings in builtins/ by `go test ./builtins -update`. Do not edit. -->\n\n")
	fmt.Fprintf(&b, "exosh %s carries the API of exomerge %s. Every name below is predeclared in\n", Version, exomergeVersion)
	b.WriteString("scripts and the REPL; `help(x)` prints the same text.\n\n")
	b.WriteString("## Functions\n\n")
	for _, f := range moduleFuncs() {
		fmt.Fprintf(&b, "### `%s`\n\n%s\n\n", f.signature(), mdDoc(f.doc))
	}
	b.WriteString("Modules: `exomerge` (holding `import_model` and `ExodusModel`), `math`, `json`, `time` (from go.starlark.net/lib).\n\n")
	b.WriteString("### `strfmt`\n\n" + mdDoc(strfmtDoc) + "\n\n")
	b.WriteString("## ExodusModel\n\n" + mdDoc(modelDoc) + "\n\n### Data attributes\n\n")
	for _, a := range dataAttrs {
		fmt.Fprintf(&b, "- `%s`: %s\n", a.name, a.doc)
	}
	b.WriteString("\n")
	for _, a := range areas() {
		if len(a.methods) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s\n\n", a.title)
		if a.intro != "" {
			b.WriteString(a.intro + "\n\n")
		}
		ms := append([]method(nil), a.methods...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
		for _, m := range ms {
			fmt.Fprintf(&b, "#### `%s`\n\n%s\n\n", m.signature(), mdDoc(m.doc))
		}
	}
	b.WriteString("## Arrays: float_array, int_array\n\n" + mdDoc(arrayDoc) + "\n\n")
	for _, m := range arrayMethods {
		fmt.Fprintf(&b, "- `%s()`: %s\n", m.name, m.doc)
	}
	return b.String()
}

// mdDoc turns a doc string into Markdown: indented lines (examples) become a
// code block, the rest is joined into paragraphs.
func mdDoc(doc string) string {
	var out []string
	var para []string
	var code []string
	flushPara := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	flushCode := func() {
		if len(code) > 0 {
			out = append(out, "```python\n"+strings.Join(code, "\n")+"\n```")
			code = nil
		}
	}
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "    "):
			flushPara()
			code = append(code, line[4:])
		case strings.TrimSpace(line) == "":
			flushPara()
			flushCode()
		default:
			flushCode()
			para = append(para, strings.TrimSpace(line))
		}
	}
	flushPara()
	flushCode()
	return strings.Join(out, "\n\n")
}

// Signatures returns "name(params)" of every ExodusModel method, sorted by
// name, as help prints them.
func Signatures() []string {
	var out []string
	for _, name := range methodNames() {
		out = append(out, methodIndex()[name].signature())
	}
	return out
}
