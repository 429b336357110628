// Package pyport translates a Python exomerge script into Starlark in exosh's
// dialect (exosh port). Python is parsed with gpython's parser after a
// preprocessing pass (see prep.go); the syntax tree is written back as
// Starlark. What has no exact Starlark counterpart is left in the output as
// a comment and listed, with its line and the reason, at the top.
package pyport

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"exosh/builtins"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/parser"
	"github.com/go-python/gpython/py"
	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Problem is one line the translation could not carry over.
type Problem struct {
	Line int    // 1-based line of the Python source
	Code string // the line's text, trimmed
	Why  string
}

// Result is a translation.
type Result struct {
	Star     string    // the Starlark program
	Problems []Problem // sorted by line; empty when everything translated
}

// untranslatable is the error of a construct with no exact Starlark form.
type untranslatable struct {
	line int
	why  string
}

func (u *untranslatable) Error() string { return u.why }

// Port translates the Python program src (named name in messages).
func Port(name string, src []byte) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("pyport: %s: internal error: %v (please report it with the script)", name, r)
		}
	}()
	p, err := prepare(string(src))
	if err != nil {
		return nil, fmt.Errorf("pyport: %s: %w", name, err)
	}
	// Statements the parser (Python 3.4's grammar) cannot read become
	// holes: pass at their indentation, reported as problems, so that the
	// rest of the script is still translated.
	holes := map[int]hole{}
	var mod ast.Ast
	for {
		mod, err = parser.ParseString(p.src, py.ExecMode)
		if err == nil {
			break
		}
		line, msg := syntaxErrorAt(err)
		if line < 1 || len(holes) >= 100 || !p.punch(line, holes, msg) {
			return nil, fmt.Errorf("pyport: %s: cannot parse: %s", name, msg)
		}
	}
	// Translate until the set of names that untranslated statements leave
	// unset stops growing: a function may use a name defined further down.
	missing := map[string]string{}
	var t *translator
	for pass := 0; pass < 5; pass++ {
		t = &translator{prep: p, file: name, alias: map[string]string{}, missing: map[string]string{}, holes: holes, needPath: map[string]bool{}}
		for k, v := range missing {
			t.missing[k] = v
		}
		t.mainReturns = mainReturnsValue(mod.(*ast.Module).Body)
		t.bound = boundNames(mod)
		t.renameArgv = t.bound["argv"] && usesSysArgv(mod)
		body := mod.(*ast.Module).Body
		if len(body) > 0 {
			if e, ok := body[0].(*ast.ExprStmt); ok {
				if d, ok := e.Value.(*ast.Str); ok {
					t.doc = string(d.S)
				}
			}
		}
		t.inProgress = map[string]bool{}
		t.scopes = []scope{{body: body}}
		t.block(body, 0)
		t.flushComments(1<<30, 0)
		if len(t.missing) == len(missing) {
			break
		}
		missing = t.missing
	}
	res = t.result()
	if err := check(res.Star); err != nil {
		// A defect of the translator: say so rather than hide it.
		res.Problems = append(res.Problems, Problem{Line: 1, Code: "", Why: "the translation does not load in exosh (" + err.Error() + "); please report it"})
	}
	return res, nil
}

// syntaxErrorAt returns the line of a gpython syntax error and a message.
func syntaxErrorAt(err error) (int, string) {
	var ex *py.Exception
	if !errors.As(err, &ex) {
		return 0, err.Error()
	}
	msg := "invalid syntax"
	if t, ok := ex.Args.(py.Tuple); ok && len(t) > 0 {
		if s, ok := t[0].(py.String); ok {
			msg = string(s)
		}
	}
	line := 0
	if l, ok := ex.Dict["lineno"].(py.Int); ok {
		line = int(l)
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	return line, msg
}

// holeName finds the name an unreadable statement defines or assigns.
var holeName = regexp.MustCompile(`^\s*(?:(?:def|class)\s+([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*=[^=])`)

// hole is a statement the parser could not read.
type hole struct {
	lines []string // its original lines
	why   string
}

// punch replaces the statement at line (with its body, when it opens a
// block) by pass, keeping the line count; it reports false when the line
// was punched already.
func (p *prepared) punch(line int, holes map[int]hole, msg string) bool {
	first := line
	for f, l := range p.logicalEnd {
		if f <= line && l >= line && f < first {
			first = f
		}
	}
	lines := strings.Split(p.src, "\n")
	if first > len(lines) {
		return false
	}
	last := first
	if e, ok := p.logicalEnd[first]; ok {
		last = e
	}
	// A decorated definition goes with its decorators.
	for first > 1 && strings.HasPrefix(strings.TrimSpace(lines[first-2]), "@") && indentOf(lines[first-2]) == indentOf(lines[first-1]) {
		first--
	}
	if _, done := holes[first]; done {
		// The parser still fails here: take the whole top-level
		// statement around the line.
		first = line
		for first > 1 && (indentOf(lines[first-1]) > 0 || strings.TrimSpace(lines[first-1]) == "" || strings.HasPrefix(strings.TrimSpace(lines[first-1]), "#")) {
			first--
		}
		for first > 1 && strings.HasPrefix(strings.TrimSpace(lines[first-2]), "@") {
			first--
		}
		last = line
		for last < len(lines) && (strings.TrimSpace(lines[last]) == "" || indentOf(lines[last]) > 0 || strings.HasPrefix(strings.TrimSpace(lines[last]), "#")) {
			last++
		}
		for last > first && strings.TrimSpace(lines[last-1]) == "" {
			last--
		}
		if h, done := holes[first]; done && len(h.lines) >= last-first+1 {
			return false
		}
		for k := range holes {
			if k >= first && k <= last {
				delete(holes, k)
			}
		}
		holes[first] = hole{lines: append([]string(nil), p.lines[first-1:last]...), why: "Python syntax exosh port cannot read (" + strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", line)) + ")"}
		lines[first-1] = "pass"
		for i := first; i < last; i++ {
			lines[i] = ""
		}
		p.src = strings.Join(lines, "\n")
		return true
	}
	ind := indentOf(lines[first-1])
	if strings.HasSuffix(strings.TrimSpace(stripComment(lines[last-1])), ":") {
		for last < len(lines) && (strings.TrimSpace(lines[last]) == "" || indentOf(lines[last]) > ind) {
			last++
		}
		for last > first && strings.TrimSpace(lines[last-1]) == "" {
			last--
		}
	}
	holes[first] = hole{lines: append([]string(nil), p.lines[first-1:last]...), why: "Python syntax exosh port cannot read (" + strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", line)) + ")"}
	lines[first-1] = lines[first-1][:ind] + "pass"
	for i := first; i < last; i++ {
		lines[i] = ""
	}
	p.src = strings.Join(lines, "\n")
	return true
}

// stripComment drops a trailing # comment (outside strings, roughly).
func stripComment(s string) string {
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr != 0 && c == '\\':
			i++
		case inStr != 0 && c == inStr:
			inStr = 0
		case inStr == 0 && (c == '\'' || c == '"'):
			inStr = c
		case inStr == 0 && c == '#':
			return s[:i]
		}
	}
	return s
}

// translator holds the state of one translation.
type translator struct {
	prep     *prepared
	file     string
	out      strings.Builder
	problems []Problem
	// alias maps a Python name to its Starlark replacement (em -> exomerge).
	alias map[string]string
	// missing maps names bound by imports exosh lacks to the reason.
	missing     map[string]string
	mainReturns bool // main() returns something other than None or 0
	nextComment int  // comments before this line have been written
	needSum     bool
	needSquare  bool
	renameArgv  bool            // the script binds argv and reads sys.argv
	needPath    map[string]bool // os.path helpers used
	holes       map[int]hole    // unparsable statements, by line
	bound       map[string]bool // names the script binds somewhere
	scopes      []scope         // module, then enclosing functions
	inProgress  map[string]bool // names being looked up (plain.go)
	doc         string          // the module docstring
	lastBlank   bool
}

func (t *translator) result() *Result {
	var head strings.Builder
	fmt.Fprintf(&head, "# Ported from %s by exosh port.\n", t.file)
	sort.SliceStable(t.problems, func(i, j int) bool { return t.problems[i].Line < t.problems[j].Line })
	if len(t.problems) == 0 {
		head.WriteString("# Everything translated.\n")
	} else {
		head.WriteString("# These lines could not be translated; they are left below as comments\n# marked 'exosh port:' and need a person:\n")
		for _, p := range t.problems {
			fmt.Fprintf(&head, "#   line %d: %s -- %s\n", p.Line, p.Code, p.Why)
		}
	}
	if t.needSum {
		head.WriteString("\ndef sum(values, start=0):\n    \"\"\"Python's sum.\"\"\"\n    for v in values:\n        start += v\n    return start\n")
	}
	for _, name := range []string{"basename", "dirname", "join", "splitext"} {
		if t.needPath[name] {
			head.WriteString(pathHelpers[name])
		}
	}
	if t.needSquare {
		head.WriteString("\ndef _square(x):\n    \"\"\"Python's x ** 2.\"\"\"\n    return x * x\n")
	}
	body := strings.TrimLeft(t.out.String(), "\n")
	return &Result{Star: head.String() + "\n" + body, Problems: t.problems}
}

// emit writes one line at the given indentation level.
func (t *translator) emit(level int, s string) {
	t.out.WriteString(strings.Repeat("    ", level) + s + "\n")
	t.lastBlank = false
}

// flushComments writes the comments and blank-line gaps of the source
// before line.
func (t *translator) flushComments(line, level int) {
	var lines []int
	for l := range t.prep.comments {
		if l >= t.nextComment && l < line {
			lines = append(lines, l)
		}
	}
	sort.Ints(lines)
	for _, l := range lines {
		c := t.prep.comments[l]
		if l <= 2 && (strings.HasPrefix(c, "#!") || strings.Contains(c, "coding")) {
			continue
		}
		t.gap(l, level)
		t.emit(level, c)
	}
	if line < 1<<30 {
		t.gap(line, level)
		t.nextComment = line
	}
}

// gap writes a blank line when the source has one before line.
func (t *translator) gap(line, level int) {
	if line > 1 && t.prep.blank[line-1] && !t.lastBlank && t.out.Len() > 0 {
		t.out.WriteString("\n")
		t.lastBlank = true
	}
}

// source returns the source lines of statement s.
func (t *translator) source(s ast.Stmt) []string {
	first := s.GetLineno()
	last := first
	ast.Walk(s, func(n ast.Ast) bool {
		if n.GetLineno() > last {
			last = n.GetLineno()
		}
		return true
	})
	if e, ok := t.prep.logicalEnd[last]; ok {
		last = e
	}
	for last+1 < len(t.prep.lines) && !t.prep.blank[last+1] && indentOf(t.prep.lines[last]) > indentOf(t.prep.lines[first-1]) {
		last++ // the rest of a compound statement's body
	}
	return t.prep.lines[first-1 : last]
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// problem records an untranslatable statement and leaves it as comments.
func (t *translator) problem(s ast.Stmt, u *untranslatable, level int) {
	line := u.line
	if line == 0 {
		line = s.GetLineno()
	}
	src := t.source(s)
	code := strings.TrimSpace(t.prep.lines[line-1])
	if len(code) > 60 {
		code = code[:57] + "..."
	}
	t.problems = append(t.problems, Problem{Line: line, Code: code, Why: u.why})
	// Names the statement would have set are now unset: flag their uses.
	var assigned []ast.Expr
	switch x := s.(type) {
	case *ast.FunctionDef:
		if _, known := t.missing[string(x.Name)]; !known {
			t.missing[string(x.Name)] = fmt.Sprintf("%s is defined on line %d, which was not translated", x.Name, line)
		}
	default:
		ast.Walk(s, func(n ast.Ast) bool {
			switch y := n.(type) {
			case *ast.FunctionDef:
				if y != s {
					assigned = append(assigned, &ast.Name{Id: y.Name, Ctx: ast.Store})
				}
				return false
			case *ast.Lambda:
				return false
			case *ast.Name:
				if y.Ctx == ast.Store {
					assigned = append(assigned, y)
				}
			case *ast.ExceptHandler:
				if y.Name != "" {
					assigned = append(assigned, &ast.Name{Id: y.Name, Ctx: ast.Store})
				}
			case *ast.Import:
				for _, a := range y.Names {
					bound := string(a.AsName)
					if bound == "" {
						bound = strings.SplitN(string(a.Name), ".", 2)[0]
					}
					assigned = append(assigned, &ast.Name{Id: ast.Identifier(bound), Ctx: ast.Store})
				}
			}
			return true
		})
	}
	for _, a := range assigned {
		ast.Walk(a, func(n ast.Ast) bool {
			if nm, ok := n.(*ast.Name); ok && nm.Ctx == ast.Store {
				if _, known := t.missing[string(nm.Id)]; !known {
					t.missing[string(nm.Id)] = fmt.Sprintf("%s is set on line %d, which was not translated", nm.Id, line)
				}
			}
			return true
		})
	}
	t.emit(level, "# exosh port: "+u.why+":")
	base := indentOf(src[0])
	for _, l := range src {
		if len(l) >= base {
			l = l[base:]
		}
		t.emit(level, "# "+l)
	}
	// comments inside the statement were written with it
	if end := s.GetLineno() + len(src); end > t.nextComment {
		t.nextComment = end
	}
}

// hole reports an unparsable statement and leaves it as comments.
func (t *translator) hole(s ast.Stmt, h hole, level int) {
	code := strings.TrimSpace(h.lines[0])
	if len(code) > 60 {
		code = code[:57] + "..."
	}
	t.problems = append(t.problems, Problem{Line: s.GetLineno(), Code: code, Why: h.why})
	if m := holeName.FindStringSubmatch(h.lines[0]); m != nil {
		name := m[1] + m[2]
		if _, known := t.missing[name]; !known {
			t.missing[name] = fmt.Sprintf("%s is set on line %d, which could not be read", name, s.GetLineno())
		}
	}
	t.emit(level, "# exosh port: "+h.why+":")
	base := indentOf(h.lines[0])
	for _, l := range h.lines {
		if len(l) >= base {
			l = l[base:]
		}
		t.emit(level, strings.TrimRight("# "+l, " "))
	}
	if end := s.GetLineno() + len(h.lines); end > t.nextComment {
		t.nextComment = end
	}
}

// block translates a list of statements.
func (t *translator) block(body []ast.Stmt, level int) {
	start := t.out.Len()
	for i := 0; i < len(body); i++ {
		s := body[i]
		t.flushComments(s.GetLineno(), level)
		// print(msg, file=sys.stderr) then sys.exit(1) is exit(msg).
		if i+1 < len(body) {
			if msg, ok := t.stderrExit(body[i], body[i+1]); ok {
				t.emit(level, "exit("+msg+")")
				i++
				continue
			}
		}
		if h, ok := t.holes[s.GetLineno()]; ok {
			if _, pass := s.(*ast.Pass); pass {
				t.hole(s, h, level)
				continue
			}
		}
		if err := t.stmt(s, level); err != nil {
			var u *untranslatable
			if errors.As(err, &u) {
				t.problem(s, u, level)
				continue
			}
			t.problem(s, &untranslatable{why: err.Error()}, level)
		}
	}
	if level > 0 && !hasCode(t.out.String()[start:]) {
		t.emit(level, "pass")
	}
}

// stderrExit recognises print(msg, file=sys.stderr) followed by
// sys.exit(1), which exit(msg) does in one step; it returns msg.
func (t *translator) stderrExit(a, b ast.Stmt) (string, bool) {
	pa, ok1 := a.(*ast.ExprStmt)
	pb, ok2 := b.(*ast.ExprStmt)
	if !ok1 || !ok2 {
		return "", false
	}
	pc, ok1 := pa.Value.(*ast.Call)
	ec, ok2 := pb.Value.(*ast.Call)
	if !ok1 || !ok2 || !t.isName(pc.Func, "print") || len(pc.Args) != 1 || len(pc.Keywords) != 1 ||
		pc.Keywords[0].Arg != "file" || t.dotted(pc.Keywords[0].Value) != "sys.stderr" {
		return "", false
	}
	if !(t.isCall(ec.Func, "sys.exit") || t.isName(ec.Func, "exit")) || len(ec.Args) != 1 {
		return "", false
	}
	if n, ok := ec.Args[0].(*ast.Num); !ok || n.N != py.Int(1) {
		return "", false
	}
	msg, err := t.expr(pc.Args[0], precLambda)
	if err != nil {
		return "", false
	}
	if _, ok := pc.Args[0].(*ast.Str); !ok {
		msg = "str(" + msg + ")"
	}
	return msg, true
}

// hasCode reports whether Starlark text s has a line that is not a comment.
func hasCode(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			return true
		}
	}
	return false
}

func fail(n ast.Ast, format string, args ...any) error {
	return &untranslatable{line: n.GetLineno(), why: fmt.Sprintf(format, args...)}
}

// known modules: what exosh offers in their place, or "" when dropped.
var droppedModules = map[string]bool{
	"exomerge": true, "exomerge2": true, "exomerge3": true, "sys": true, "argparse": true,
	"math": true, "json": true, "time": true, "__future__": true,
}

var unavailableWhy = map[string]string{
	"numpy":      "numpy is not available in exosh; use exosh's array values (get_node_field_values(...) and friends have min, max, sum, mean, tolist and + - * /)",
	"scipy":      "scipy is not available in exosh",
	"matplotlib": "matplotlib is not available in exosh; export the model and plot elsewhere",
	"os":         "os is not available in exosh's Starlark (no file system access besides import_model/export_model)",
	"re":         "re (regular expressions) is not available in exosh's Starlark",
	"optparse":   "optparse is not translated; use argparse, which maps onto argparser()",
	"subprocess": "subprocess is not available in exosh",
	"copy":       "copy is not available in exosh's Starlark; use list(x) or dict(x) for a shallow copy",
	"string":     "the string module is not available in exosh's Starlark",
}

func whyUnavailable(mod string) string {
	root := strings.SplitN(mod, ".", 2)[0]
	if w, ok := unavailableWhy[root]; ok {
		return w
	}
	return fmt.Sprintf("module %s is not available in exosh", mod)
}

func (t *translator) stmt(s ast.Stmt, level int) error {
	switch s := s.(type) {
	case *ast.Import:
		return t.importStmt(s, level)
	case *ast.ImportFrom:
		return t.importFrom(s, level)
	case *ast.ExprStmt:
		return t.exprStmt(s, level)
	case *ast.Assign:
		return t.assign(s, level)
	case *ast.AugAssign:
		if s.Op == ast.Pow {
			return fail(s, "**= has no Starlark form")
		}
		tg, err := t.expr(s.Target, 0)
		if err != nil {
			return err
		}
		v, err := t.expr(s.Value, 0)
		if err != nil {
			return err
		}
		t.emit(level, fmt.Sprintf("%s %s= %s", tg, binOps[s.Op], v))
	case *ast.FunctionDef:
		return t.funcDef(s, level)
	case *ast.Return:
		if s.Value == nil {
			t.emit(level, "return")
			return nil
		}
		v, err := t.expr(s.Value, 0)
		if err != nil {
			return err
		}
		t.emit(level, "return "+v)
	case *ast.If:
		return t.ifStmt(s, level, "if")
	case *ast.For:
		if len(s.Orelse) > 0 {
			return fail(s, "for/else has no Starlark form")
		}
		tg, err := t.target(s.Target)
		if err != nil {
			return err
		}
		it, err := t.expr(s.Iter, 0)
		if err != nil {
			return err
		}
		t.emit(level, fmt.Sprintf("for %s in %s:", tg, it))
		t.block(s.Body, level+1)
	case *ast.While:
		if len(s.Orelse) > 0 {
			return fail(s, "while/else has no Starlark form")
		}
		c, err := t.expr(s.Test, 0)
		if err != nil {
			return err
		}
		t.emit(level, "while "+c+":")
		t.block(s.Body, level+1)
	case *ast.Pass:
		t.emit(level, "pass")
	case *ast.Break:
		t.emit(level, "break")
	case *ast.Continue:
		t.emit(level, "continue")
	case *ast.Delete:
		for _, tg := range s.Targets {
			sub, ok := tg.(*ast.Subscript)
			if !ok {
				return fail(s, "del of a name has no Starlark form")
			}
			idx, ok := sub.Slice.(*ast.Index)
			if !ok {
				return fail(s, "del of a slice has no Starlark form")
			}
			c, err := t.expr(sub.Value, precPrimary)
			if err != nil {
				return err
			}
			k, err := t.expr(idx.Value, 0)
			if err != nil {
				return err
			}
			t.emit(level, fmt.Sprintf("%s.pop(%s)", c, k))
		}
	case *ast.Assert:
		c, err := t.expr(s.Test, precNot)
		if err != nil {
			return err
		}
		msg := `"AssertionError"`
		if s.Msg != nil {
			if msg, err = t.expr(s.Msg, 0); err != nil {
				return err
			}
		}
		t.emit(level, "if not "+c+":")
		t.emit(level+1, "fail("+msg+")")
	case *ast.Raise:
		return t.raise(s, level)
	case *ast.Global:
		return fail(s, "global: a Starlark function cannot assign a global; return the value instead")
	case *ast.Nonlocal:
		return fail(s, "nonlocal has no Starlark form")
	case *ast.ClassDef:
		t.missing[string(s.Name)] = fmt.Sprintf("%s is a class, which was not translated", s.Name)
		return fail(s, "class %s: Starlark has no classes; use a dict or a struct of functions", s.Name)
	case *ast.With:
		return fail(s, "with: Starlark has no files or context managers")
	case *ast.Try:
		return t.try(s, level)
	default:
		return fail(s, "%T has no Starlark form", s)
	}
	return nil
}

func (t *translator) importStmt(s *ast.Import, level int) error {
	for _, a := range s.Names {
		mod := string(a.Name)
		bound := mod
		if a.AsName != "" {
			bound = string(a.AsName)
		}
		root := strings.SplitN(mod, ".", 2)[0]
		switch {
		case strings.HasPrefix(mod, "exomerge"):
			if bound != "exomerge" {
				t.alias[bound] = "exomerge"
			}
		case droppedModules[root] && root != "__future__":
			if bound != mod {
				t.alias[bound] = mod
			}
		case mod == "os" || mod == "os.path":
			// os.path's string functions become small Starlark helpers;
			// the rest of os is flagged where used.
			if a.AsName != "" {
				t.alias[bound] = mod
			}
		default:
			t.missing[strings.SplitN(bound, ".", 2)[0]] = whyUnavailable(mod)
			return fail(s, "%s", whyUnavailable(mod))
		}
	}
	return nil
}

func (t *translator) importFrom(s *ast.ImportFrom, level int) error {
	mod := string(s.Module)
	root := strings.SplitN(mod, ".", 2)[0]
	switch {
	case strings.HasPrefix(mod, "exomerge"):
		for _, a := range s.Names {
			if a.AsName != "" && a.AsName != a.Name {
				t.emit(level, fmt.Sprintf("%s = %s", a.AsName, a.Name))
			}
		}
	case root == "__future__":
	case root == "math" || root == "json" || root == "time":
		for _, a := range s.Names {
			if a.Name == "*" {
				return fail(s, "from %s import * has no Starlark form; write %s.NAME", mod, mod)
			}
			bound := a.Name
			if a.AsName != "" {
				bound = a.AsName
			}
			t.emit(level, fmt.Sprintf("%s = %s.%s", bound, mod, a.Name))
		}
	case root == "sys" || root == "argparse" || mod == "os" || mod == "os.path":
		for _, a := range s.Names {
			bound := string(a.Name)
			if a.AsName != "" {
				bound = string(a.AsName)
			}
			t.alias[bound] = mod + "." + string(a.Name)
		}
	default:
		for _, a := range s.Names {
			bound := string(a.Name)
			if a.AsName != "" {
				bound = string(a.AsName)
			}
			t.missing[bound] = whyUnavailable(mod)
		}
		return fail(s, "%s", whyUnavailable(mod))
	}
	return nil
}

// try translates the try statements Starlark can express: the exomerge3 /
// exomerge2 import fallback, a fallback for a module exosh lacks (the
// except branch is what runs), and try/finally without early exits.
func (t *translator) try(s *ast.Try, level int) error {
	allImports := func(b []ast.Stmt) bool {
		for _, x := range b {
			switch x.(type) {
			case *ast.Import, *ast.ImportFrom:
			default:
				return false
			}
		}
		return len(b) > 0
	}
	catchesImport := func() bool {
		for _, h := range s.Handlers {
			if h.ExprType == nil {
				return true
			}
			if n, ok := h.ExprType.(*ast.Name); ok && (n.Id == "ImportError" || n.Id == "ModuleNotFoundError" || n.Id == "Exception") {
				return true
			}
		}
		return false
	}
	if allImports(s.Body) && len(s.Handlers) > 0 && catchesImport() && len(s.Finalbody) == 0 {
		// Does the body import only what exosh has?
		saved := t.out.Len()
		probs := len(t.problems)
		ok := true
		for _, x := range s.Body {
			if err := t.stmt(x, level); err != nil {
				ok = false
			}
		}
		if ok {
			// Imports succeed: the handlers never run; else runs.
			t.block(s.Orelse, level)
			return nil
		}
		// An import fails as in exosh: the first handler runs.
		out := t.out.String()[:saved]
		t.out.Reset()
		t.out.WriteString(out)
		t.problems = t.problems[:probs]
		// Names the handler binds are no longer the missing modules.
		ast.Walk(&ast.Module{Body: s.Handlers[0].Body}, func(n ast.Ast) bool {
			if nm, ok := n.(*ast.Name); ok && nm.Ctx == ast.Store {
				delete(t.missing, string(nm.Id))
			}
			return true
		})
		var mods []string
		for _, x := range s.Body {
			switch im := x.(type) {
			case *ast.Import:
				for _, a := range im.Names {
					mods = append(mods, string(a.Name))
				}
			case *ast.ImportFrom:
				mods = append(mods, string(im.Module))
			}
		}
		t.emit(level, "# exosh port: import "+strings.Join(mods, ", ")+" fails in exosh, so the except branch is what runs:")
		if h := s.Handlers[0]; h.Name != "" {
			t.missing[string(h.Name)] = fmt.Sprintf("%s is the exception, which Starlark does not have", h.Name)
		}
		t.block(s.Handlers[0].Body, level)
		return nil
	}
	if len(s.Handlers) == 0 && len(s.Finalbody) > 0 {
		exits := false
		for _, x := range s.Body {
			ast.Walk(x, func(n ast.Ast) bool {
				switch n.(type) {
				case *ast.Return, *ast.Break, *ast.Continue:
					exits = true
				case *ast.FunctionDef:
					return false
				}
				return true
			})
		}
		if !exits {
			t.emit(level, "# exosh port: try/finally: the finally part runs after the body (an error stops the script)")
			t.block(s.Body, level)
			t.block(s.Finalbody, level)
			return nil
		}
	}
	return fail(s, "try/except: Starlark has no exceptions; an error stops the script")
}

func (t *translator) raise(s *ast.Raise, level int) error {
	if s.Exc == nil {
		return fail(s, "raise without an exception has no Starlark form")
	}
	if c, ok := s.Exc.(*ast.Call); ok {
		if n, ok := c.Func.(*ast.Name); ok && n.Id == "SystemExit" {
			return t.exitCall(c, level)
		}
		if len(c.Args) == 1 {
			m, err := t.expr(c.Args[0], 0)
			if err != nil {
				return err
			}
			t.emit(level, "fail("+m+")")
			return nil
		}
	}
	e, err := t.expr(s.Exc, 0)
	if err != nil {
		return err
	}
	t.emit(level, "fail("+e+")")
	return nil
}

func (t *translator) ifStmt(s *ast.If, level int, kw string) error {
	if py3, ok := t.versionTest(s.Test); ok {
		// A test of the Python version: exosh port writes Python 3's branch.
		t.emit(level, "# exosh port: "+strings.TrimSpace(stripComment(t.prep.lines[s.Lineno-1]))+" (exosh speaks Python 3; this is that branch)")
		if py3 {
			t.block(s.Body, level)
		} else {
			t.block(s.Orelse, level)
		}
		return nil
	}
	if isMainGuard(s.Test) {
		if len(s.Orelse) > 0 {
			return fail(s, "else of if __name__ == '__main__' never runs")
		}
		t.block(s.Body, level)
		return nil
	}
	c, err := t.expr(s.Test, 0)
	if err != nil {
		return err
	}
	t.emit(level, kw+" "+c+":")
	t.block(s.Body, level+1)
	if len(s.Orelse) == 0 {
		return nil
	}
	if e, ok := s.Orelse[0].(*ast.If); ok && len(s.Orelse) == 1 && e.Lineno != s.Lineno && isElif(t.prep.lines[e.Lineno-1]) {
		t.flushComments(e.Lineno, level)
		if err := t.ifStmt(e, level, "elif"); err != nil {
			var u *untranslatable
			if errors.As(err, &u) {
				t.emit(level, "else:")
				t.problem(e, u, level+1)
				return nil
			}
			return err
		}
		return nil
	}
	t.emit(level, "else:")
	t.block(s.Orelse, level+1)
	return nil
}

func isElif(line string) bool { return strings.HasPrefix(strings.TrimSpace(line), "elif") }

func isMainGuard(e ast.Expr) bool {
	c, ok := e.(*ast.Compare)
	if !ok || len(c.Ops) != 1 || c.Ops[0] != ast.Eq {
		return false
	}
	n, ok1 := c.Left.(*ast.Name)
	s, ok2 := c.Comparators[0].(*ast.Str)
	if !ok1 || !ok2 {
		n, ok1 = c.Comparators[0].(*ast.Name)
		s, ok2 = c.Left.(*ast.Str)
	}
	return ok1 && ok2 && n.Id == "__name__" && s.S == "__main__"
}

// mainReturnsValue reports whether a top-level def main returns something
// other than None or 0.
func mainReturnsValue(body []ast.Stmt) bool {
	for _, s := range body {
		f, ok := s.(*ast.FunctionDef)
		if !ok || f.Name != "main" {
			continue
		}
		found := false
		for _, b := range f.Body {
			ast.Walk(b, func(n ast.Ast) bool {
				switch r := n.(type) {
				case *ast.FunctionDef, *ast.Lambda:
					return false
				case *ast.Return:
					if r.Value == nil {
						return true
					}
					if c, ok := r.Value.(*ast.NameConstant); ok && c.Value == py.None {
						return true
					}
					if num, ok := r.Value.(*ast.Num); ok {
						if i, ok := num.N.(py.Int); ok && i == 0 {
							return true
						}
					}
					found = true
				}
				return true
			})
		}
		return found
	}
	return false
}

func (t *translator) funcDef(s *ast.FunctionDef, level int) error {
	if len(s.DecoratorList) > 0 {
		return fail(s, "decorators have no Starlark form")
	}
	for _, b := range s.Body {
		bad := false
		ast.Walk(b, func(n ast.Ast) bool {
			switch n.(type) {
			case *ast.Yield, *ast.YieldFrom:
				bad = true
			case *ast.FunctionDef, *ast.Lambda:
				return false
			}
			return true
		})
		if bad {
			return fail(s, "def %s is a generator; Starlark has no yield", s.Name)
		}
	}
	// A global statement is harmless when the function never assigns the
	// name.
	var globals []string
	for _, b := range s.Body {
		if g, ok := b.(*ast.Global); ok {
			for _, n := range g.Names {
				globals = append(globals, string(n))
			}
		}
	}
	for _, g := range globals {
		assigned := false
		for _, b := range s.Body {
			ast.Walk(b, func(n ast.Ast) bool {
				if nm, ok := n.(*ast.Name); ok && string(nm.Id) == g && nm.Ctx == ast.Store {
					assigned = true
				}
				return true
			})
		}
		if assigned {
			return fail(s, "def %s assigns the global %s; a Starlark function cannot, so return the value instead", s.Name, g)
		}
	}
	params, err := t.params(s.Args)
	if err != nil {
		return err
	}
	t.emit(level, fmt.Sprintf("def %s(%s):", t.ident(string(s.Name)), params))
	var body []ast.Stmt
	for _, b := range s.Body {
		if _, ok := b.(*ast.Global); !ok {
			body = append(body, b)
		}
	}
	// Names left unset inside the function are its own.
	saved := make(map[string]string, len(t.missing))
	for k, v := range t.missing {
		saved[k] = v
	}
	paramSet := map[string]bool{}
	for _, a := range append(append(append([]*ast.Arg{}, s.Args.Args...), s.Args.Kwonlyargs...), s.Args.Vararg, s.Args.Kwarg) {
		if a != nil {
			paramSet[string(a.Arg)] = true
		}
	}
	t.scopes = append(t.scopes, scope{body: s.Body, params: paramSet})
	t.block(body, level+1)
	t.scopes = t.scopes[:len(t.scopes)-1]
	t.missing = saved
	return nil
}

func (t *translator) params(a *ast.Arguments) (string, error) {
	var ps []string
	nd := len(a.Defaults)
	for i, p := range a.Args {
		s := t.ident(string(p.Arg))
		if k := i - (len(a.Args) - nd); k >= 0 {
			d, err := t.expr(a.Defaults[k], 0)
			if err != nil {
				return "", err
			}
			s += "=" + d
		}
		ps = append(ps, s)
	}
	if a.Vararg != nil {
		ps = append(ps, "*"+t.ident(string(a.Vararg.Arg)))
	} else if len(a.Kwonlyargs) > 0 {
		ps = append(ps, "*")
	}
	for i, p := range a.Kwonlyargs {
		s := t.ident(string(p.Arg))
		if i < len(a.KwDefaults) && a.KwDefaults[i] != nil {
			d, err := t.expr(a.KwDefaults[i], 0)
			if err != nil {
				return "", err
			}
			s += "=" + d
		}
		ps = append(ps, s)
	}
	if a.Kwarg != nil {
		ps = append(ps, "**"+t.ident(string(a.Kwarg.Arg)))
	}
	return strings.Join(ps, ", "), nil
}

func (t *translator) assign(s *ast.Assign, level int) error {
	if len(s.Targets) == 1 {
		switch t.dotted(s.Targets[0]) {
		case "exomerge.SHOW_BANNER", "exomerge.SUPPRESS_EXODUS_OUTPUT":
			t.emit(level, "# exosh port: "+t.prep.lines[s.Lineno-1][indentOf(t.prep.lines[s.Lineno-1]):]+" (exosh prints no banner and no Exodus library output)")
			return nil
		case "exomerge.EXIT_ON_WARNING":
			return fail(s, "exomerge.EXIT_ON_WARNING: exosh prints warnings to standard error and goes on")
		}
	}
	v, err := t.expr(s.Value, 0)
	if err != nil {
		return err
	}
	first, err := t.target(s.Targets[0])
	if err != nil {
		return err
	}
	t.emit(level, first+" = "+v)
	for _, tg := range s.Targets[1:] {
		x, err := t.target(tg)
		if err != nil {
			return err
		}
		t.emit(level, x+" = "+first)
	}
	return nil
}

func (t *translator) target(e ast.Expr) (string, error) {
	if sub, ok := e.(*ast.Subscript); ok {
		if _, ok := sub.Slice.(*ast.Index); !ok {
			return "", fail(e, "assignment to a slice has no Starlark form")
		}
	}
	if tu, ok := e.(*ast.Tuple); ok {
		var parts []string
		for _, x := range tu.Elts {
			s, err := t.target(x)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		if len(parts) == 1 {
			return parts[0] + ",", nil
		}
		return strings.Join(parts, ", "), nil
	}
	return t.expr(e, 0)
}

func (t *translator) exprStmt(s *ast.ExprStmt, level int) error {
	if c, ok := s.Value.(*ast.Call); ok {
		switch {
		case t.isCall(c.Func, "sys.exit") || t.isName(c.Func, "exit") || t.isName(c.Func, "quit"):
			return t.exitCall(c, level)
		case t.isName(c.Func, "print"):
			return t.print(c, level)
		case t.isCall(c.Func, "sys.stdout.write") && len(c.Args) == 1:
			arg, ok := withoutNewline(c.Args[0])
			if !ok {
				return fail(s, "sys.stdout.write of text that does not end the line: Starlark's print always ends it")
			}
			v, err := t.expr(arg, precLambda)
			if err != nil {
				return err
			}
			t.emit(level, "print("+v+")")
			return nil
		}
		// x.sort() -> x = sorted(x)
		if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "sort" && len(c.Args) == 0 {
			if n, ok := a.Value.(*ast.Name); ok {
				kw, err := t.keywords(c.Keywords)
				if err != nil {
					return err
				}
				x := t.name(string(n.Id))
				t.emit(level, fmt.Sprintf("%s = sorted(%s)", x, strings.Join(append([]string{x}, kw...), ", ")))
				return nil
			}
		}
	}
	v, err := t.expr(s.Value, 0)
	if err != nil {
		return err
	}
	t.emit(level, v)
	return nil
}

// withoutNewline returns e without its final newline, when e visibly
// ends with one: "text\n", "fmt\n" % x, "fmt\n".format(...), x + "\n".
func withoutNewline(e ast.Expr) (ast.Expr, bool) {
	strip := func(x *ast.Str) (*ast.Str, bool) {
		if !strings.HasSuffix(string(x.S), "\n") {
			return nil, false
		}
		c := *x
		c.S = py.String(strings.TrimSuffix(string(x.S), "\n"))
		return &c, true
	}
	switch x := e.(type) {
	case *ast.Str:
		return strip(x)
	case *ast.BinOp:
		if l, ok := x.Left.(*ast.Str); ok && x.Op == ast.Modulo {
			if ns, ok := strip(l); ok {
				c := *x
				c.Left = ns
				return &c, true
			}
		}
		if r, ok := x.Right.(*ast.Str); ok && x.Op == ast.Add {
			if ns, ok := strip(r); ok {
				if ns.S == "" {
					return x.Left, true
				}
				c := *x
				c.Right = ns
				return &c, true
			}
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
			if l, ok := a.Value.(*ast.Str); ok {
				if ns, ok := strip(l); ok {
					na := *a
					na.Value = ns
					c := *x
					c.Func = &na
					return &c, true
				}
			}
		}
	}
	return nil, false
}

// exitCall translates sys.exit(x), exit(x) and raise SystemExit(x).
func (t *translator) exitCall(c *ast.Call, level int) error {
	if len(c.Args) == 0 {
		t.emit(level, "exit()")
		return nil
	}
	if inner, ok := c.Args[0].(*ast.Call); ok && t.isName(inner.Func, "main") && !t.mainReturns {
		call, err := t.expr(inner, 0)
		if err != nil {
			return err
		}
		t.emit(level, call)
		return nil
	}
	v, err := t.expr(c.Args[0], 0)
	if err != nil {
		return err
	}
	t.emit(level, "exit("+v+")")
	return nil
}

// print translates Python's print: Starlark's print when every value
// shows the same in both, else strfmt.print, which also takes end.
func (t *translator) print(c *ast.Call, level int) error {
	var args []string
	native := c.Starargs == nil
	for _, a := range c.Args {
		s, err := t.expr(a, precLambda)
		if err != nil {
			return err
		}
		args = append(args, s)
		native = native && t.plain(a)
	}
	if c.Starargs != nil {
		s, err := t.expr(c.Starargs, precPrimary)
		if err != nil {
			return err
		}
		args = append(args, "*"+s)
	}
	for _, k := range c.Keywords {
		switch k.Arg {
		case "sep", "end":
			if s, ok := k.Value.(*ast.Str); ok && k.Arg == "end" && s.S == "\n" {
				continue
			}
			v, err := t.expr(k.Value, precLambda)
			if err != nil {
				return err
			}
			args = append(args, string(k.Arg)+"="+v)
			if k.Arg == "end" {
				native = false
			}
		case "file":
			if t.isCall(k.Value, "sys.stdout") {
				continue
			}
			return fail(c, "print(..., file=...): Starlark prints to standard output only")
		case "flush":
		default:
			return fail(c, "print(%s=...) has no Starlark form", k.Arg)
		}
	}
	fn := "print"
	if !native {
		fn = "strfmt.print"
	}
	t.emit(level, fn+"("+strings.Join(args, ", ")+")")
	return nil
}

// isName reports whether e is the plain name n (not rebound by an import).
func (t *translator) isName(e ast.Expr, n string) bool {
	x, ok := e.(*ast.Name)
	return ok && string(x.Id) == n && t.alias[n] == ""
}

// isCall reports whether e names the dotted path (sys.exit, argparse.X),
// through aliases.
func (t *translator) isCall(e ast.Expr, path string) bool {
	return t.dotted(e) == path
}

// dotted returns the dotted name of e with import aliases resolved, or "".
func (t *translator) dotted(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		if a, ok := t.alias[string(x.Id)]; ok {
			return a
		}
		return string(x.Id)
	case *ast.Attribute:
		d := t.dotted(x.Value)
		if d == "" {
			return ""
		}
		return d + "." + string(x.Attr)
	}
	return ""
}

func (t *translator) name(n string) string {
	if a, ok := t.alias[n]; ok {
		return a
	}
	return n
}

// Operator precedences, lowest first, as Python and Starlark share them.
const (
	precLambda = iota + 1
	precIf
	precOr
	precAnd
	precNot
	precCmp
	precBitOr
	precBitXor
	precBitAnd
	precShift
	precAdd
	precMul
	precUnary
	precPrimary
)

var binOps = map[ast.OperatorNumber]string{
	ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Modulo: "%",
	ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.FloorDiv: "//",
}

var binPrec = map[ast.OperatorNumber]int{
	ast.Add: precAdd, ast.Sub: precAdd, ast.Mult: precMul, ast.Div: precMul, ast.Modulo: precMul, ast.FloorDiv: precMul,
	ast.LShift: precShift, ast.RShift: precShift, ast.BitOr: precBitOr, ast.BitXor: precBitXor, ast.BitAnd: precBitAnd,
}

var cmpOps = map[ast.CmpOp]string{
	ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
	ast.In: "in", ast.NotIn: "not in", ast.Is: "==", ast.IsNot: "!=",
}

// Python built-in functions Starlark lacks, and why.
var missingBuiltins = map[string]string{
	"open":       "open(): Starlark has no files; exosh reads and writes Exodus files with import_model and export_model",
	"isinstance": "isinstance(): compare type(x) with a type name string instead",
	"map":        "map(): write a list comprehension",
	"filter":     "filter(): write a list comprehension with if",
	"round":      "round(): Starlark has no round; format with strfmt or use int(x + 0.5) if that is what you mean",
	"input":      "input(): exosh scripts read no standard input",
	"raw_input":  "raw_input(): exosh scripts read no standard input",
	"eval":       "eval() has no Starlark form",
	"exec":       "exec() has no Starlark form",
	"globals":    "globals() has no Starlark form",
	"locals":     "locals() has no Starlark form",
	"iter":       "iter() has no Starlark form",
	"next":       "next() has no Starlark form",
	"divmod":     "divmod(): write (a // b, a % b)",
	"pow":        "pow(): Starlark has no **",
	"format":     "format(): use strfmt.format('{:spec}', x)",
	"super":      "super(): Starlark has no classes",
	"object":     "object: Starlark has no classes",
	"callable":   "callable() has no Starlark form",
	"id":         "id() has no Starlark form",
	"vars":       "vars() has no Starlark form",
}

// simple reports whether e may be evaluated twice (a chained comparison's
// middle operand).
func simple(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Name, *ast.Num, *ast.Str, *ast.NameConstant:
		return true
	case *ast.Attribute:
		return simple(x.Value)
	case *ast.Subscript:
		idx, ok := x.Slice.(*ast.Index)
		return ok && simple(x.Value) && simple(idx.Value)
	case *ast.UnaryOp:
		return simple(x.Operand)
	case *ast.Call:
		// len(x) has no side effects
		n, ok := x.Func.(*ast.Name)
		return ok && n.Id == "len" && len(x.Args) == 1 && simple(x.Args[0])
	}
	return false
}

// expr translates an expression; the result is parenthesised when its
// precedence is below prec.
func (t *translator) expr(e ast.Expr, prec int) (string, error) {
	s, p, err := t.expr1(e)
	if err != nil {
		return "", err
	}
	if p < prec {
		s = "(" + s + ")"
	}
	return s, nil
}

func (t *translator) exprs(es []ast.Expr) ([]string, error) {
	out := make([]string, len(es))
	for i, e := range es {
		s, err := t.expr(e, precIf)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

func (t *translator) expr1(e ast.Expr) (string, int, error) {
	switch x := e.(type) {
	case *ast.Num:
		switch n := x.N.(type) {
		case py.Int:
			return strconv.FormatInt(int64(n), 10), precPrimary, nil
		case *py.BigInt:
			return (*big.Int)(n).String(), precPrimary, nil
		case py.Float:
			return starlark.Float(n).String(), precPrimary, nil
		}
		return "", 0, fail(e, "complex numbers have no Starlark form")
	case *ast.Str:
		return quote(string(x.S)), precPrimary, nil
	case *ast.Bytes:
		return "", 0, fail(e, "bytes literals have no exact Starlark form")
	case *ast.NameConstant:
		switch x.Value {
		case py.True:
			return "True", precPrimary, nil
		case py.False:
			return "False", precPrimary, nil
		}
		return "None", precPrimary, nil
	case *ast.Name:
		return t.nameExpr(x)
	case *ast.Attribute:
		return t.attribute(x)
	case *ast.Call:
		return t.call(x)
	case *ast.BinOp:
		return t.binop(x)
	case *ast.UnaryOp:
		switch x.Op {
		case ast.Not:
			s, err := t.expr(x.Operand, precNot)
			return "not " + s, precNot, err
		case ast.USub, ast.UAdd, ast.Invert:
			op := map[ast.UnaryOpNumber]string{ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}[x.Op]
			s, err := t.expr(x.Operand, precUnary)
			return op + s, precUnary, err
		}
	case *ast.BoolOp:
		op, p := "and", precAnd
		if x.Op == ast.Or {
			op, p = "or", precOr
		}
		parts := make([]string, len(x.Values))
		for i, v := range x.Values {
			s, err := t.expr(v, p+1)
			if err != nil {
				return "", 0, err
			}
			parts[i] = s
		}
		return strings.Join(parts, " "+op+" "), p, nil
	case *ast.Compare:
		return t.compare(x)
	case *ast.IfExp:
		b, err := t.expr(x.Body, precOr)
		if err != nil {
			return "", 0, err
		}
		c, err := t.expr(x.Test, precOr)
		if err != nil {
			return "", 0, err
		}
		o, err := t.expr(x.Orelse, precIf)
		if err != nil {
			return "", 0, err
		}
		return b + " if " + c + " else " + o, precIf, nil
	case *ast.Lambda:
		ps, err := t.params(x.Args)
		if err != nil {
			return "", 0, err
		}
		b, err := t.expr(x.Body, precIf)
		if err != nil {
			return "", 0, err
		}
		if ps != "" {
			ps = " " + ps
		}
		return "lambda" + ps + ": " + b, precLambda, nil
	case *ast.List:
		items, err := t.exprs(x.Elts)
		return "[" + strings.Join(items, ", ") + "]", precPrimary, err
	case *ast.Tuple:
		items, err := t.exprs(x.Elts)
		if len(items) == 1 {
			return "(" + items[0] + ",)", precPrimary, err
		}
		return "(" + strings.Join(items, ", ") + ")", precPrimary, err
	case *ast.Set:
		items, err := t.exprs(x.Elts)
		return "set([" + strings.Join(items, ", ") + "])", precPrimary, err
	case *ast.Dict:
		parts := make([]string, len(x.Keys))
		for i := range x.Keys {
			k, err := t.expr(x.Keys[i], precIf)
			if err != nil {
				return "", 0, err
			}
			v, err := t.expr(x.Values[i], precIf)
			if err != nil {
				return "", 0, err
			}
			parts[i] = k + ": " + v
		}
		return "{" + strings.Join(parts, ", ") + "}", precPrimary, nil
	case *ast.ListComp:
		s, err := t.comp(x.Elt, nil, x.Generators)
		return "[" + s + "]", precPrimary, err
	case *ast.GeneratorExp:
		s, err := t.comp(x.Elt, nil, x.Generators)
		return "[" + s + "]", precPrimary, err
	case *ast.SetComp:
		s, err := t.comp(x.Elt, nil, x.Generators)
		return "set([" + s + "])", precPrimary, err
	case *ast.DictComp:
		s, err := t.comp(x.Key, x.Value, x.Generators)
		return "{" + s + "}", precPrimary, err
	case *ast.Subscript:
		v, err := t.expr(x.Value, precPrimary)
		if err != nil {
			return "", 0, err
		}
		switch sl := x.Slice.(type) {
		case *ast.Index:
			i, err := t.expr(sl.Value, 0)
			return v + "[" + i + "]", precPrimary, err
		case *ast.Slice:
			part := func(e ast.Expr) (string, error) {
				if e == nil {
					return "", nil
				}
				return t.expr(e, precIf)
			}
			lo, err := part(sl.Lower)
			if err != nil {
				return "", 0, err
			}
			hi, err := part(sl.Upper)
			if err != nil {
				return "", 0, err
			}
			s := v + "[" + lo + ":" + hi
			if sl.Step != nil {
				st, err := part(sl.Step)
				if err != nil {
					return "", 0, err
				}
				s += ":" + st
			}
			return s + "]", precPrimary, nil
		}
		return "", 0, fail(e, "extended slices have no Starlark form")
	case *ast.Starred:
		return "", 0, fail(e, "*%s unpacking outside a call has no Starlark form", strings.TrimPrefix(fmt.Sprintf("%T", x.Value), "*ast."))
	}
	return "", 0, fail(e, "%s has no Starlark form", strings.TrimPrefix(fmt.Sprintf("%T", e), "*ast."))
}

func (t *translator) nameExpr(x *ast.Name) (string, int, error) {
	id := string(x.Id)
	if strings.HasPrefix(id, "__exosh_fstr_") {
		var i int
		fmt.Sscanf(id, "__exosh_fstr_%d__", &i)
		return t.fstring(x, t.prep.fstrings[i])
	}
	if why, ok := t.missing[id]; ok {
		return "", 0, fail(x, "%s", why)
	}
	if d := t.dotted(x); d == "os" || strings.HasPrefix(d, "os.") {
		return t.osRef(x, d)
	}
	if a, ok := t.alias[id]; ok {
		if a == "sys.argv" {
			return "argv", precPrimary, nil
		}
		if strings.HasPrefix(a, "sys.") || strings.HasPrefix(a, "argparse.") {
			if a == "argparse.ArgumentParser" {
				return "argparser", precPrimary, nil
			}
			return "", 0, fail(x, "%s has no Starlark form", a)
		}
		return a, precPrimary, nil
	}
	switch id {
	case "xrange":
		return "range", precPrimary, nil
	case "unicode", "basestring":
		return "str", precPrimary, nil
	case "long":
		return "int", precPrimary, nil
	case "sum":
		t.needSum = true
	case "__doc__":
		if t.doc != "" {
			return quote(t.doc), precPrimary, nil
		}
		return "", 0, fail(x, "the script has no docstring")
	case "__file__", "__name__":
		return "", 0, fail(x, "%s has no Starlark form", id)
	}
	if why, ok := missingBuiltins[id]; ok {
		return "", 0, fail(x, "%s", why)
	}
	if !t.bound[id] && !exoshHas(id) && id != "sum" {
		return "", 0, fail(x, "%s is not defined in exosh's Starlark", id)
	}
	if (id == "sys" || id == "argparse") && t.alias[id] == "" {
		return "", 0, fail(x, "the %s module itself has no Starlark form", id)
	}
	return t.ident(id), precPrimary, nil
}

// argparseLacks lists the methods of Python's ArgumentParser that exosh's
// argparser does not have; a call of one is left to a person.
var argparseLacks = map[string]bool{
	"add_argument_group": true, "add_mutually_exclusive_group": true, "add_subparsers": true,
	"set_defaults": true, "get_default": true, "parse_known_args": true,
	"parse_intermixed_args": true, "parse_known_intermixed_args": true, "convert_arg_line_to_args": true,
}

func (t *translator) attribute(x *ast.Attribute) (string, int, error) {
	d := t.dotted(x)
	if argparseLacks[string(x.Attr)] {
		return "", 0, fail(x, "%s: exosh's argparser has no %s", d, x.Attr)
	}
	switch {
	case d == "sys.argv":
		return "argv", precPrimary, nil
	case d == "os" || strings.HasPrefix(d, "os."):
		return t.osRef(x, d)
	case strings.HasPrefix(d, "sys."):
		return "", 0, fail(x, "%s has no Starlark form", d)
	case d == "argparse.ArgumentParser":
		return "argparser", precPrimary, nil
	case strings.HasPrefix(d, "argparse."):
		return "", 0, fail(x, "%s has no counterpart in exosh's argparser", d)
	case strings.HasPrefix(d, "exomerge."):
		if x.Ctx == ast.Store {
			return "", 0, fail(x, "%s cannot be assigned in exosh", d)
		}
		if !exomergeHas(strings.TrimPrefix(d, "exomerge.")) {
			return "", 0, fail(x, "%s is not in exosh's exomerge module", d)
		}
		return d, precPrimary, nil
	case d == "__doc__":
		if t.doc == "" {
			return "", 0, fail(x, "the script has no docstring")
		}
		return quote(t.doc), precPrimary, nil
	}
	v, err := t.expr(x.Value, precPrimary)
	if err != nil {
		return "", 0, err
	}
	switch x.Attr {
	case "iteritems", "iterkeys", "itervalues":
		return v + "." + strings.TrimPrefix(string(x.Attr), "iter"), precPrimary, nil
	case "ljust", "rjust", "center", "zfill", "expandtabs", "swapcase", "translate", "encode", "decode", "sort", "copy", "setdefault", "has_key":
		if x.Attr == "setdefault" {
			break
		}
		return "", 0, fail(x, ".%s() has no Starlark form", x.Attr)
	}
	return v + "." + string(x.Attr), precPrimary, nil
}

func (t *translator) keywords(kws []*ast.Keyword) ([]string, error) {
	var out []string
	for _, k := range kws {
		v, err := t.expr(k.Value, precLambda)
		if err != nil {
			return nil, err
		}
		out = append(out, string(k.Arg)+"="+v)
	}
	return out, nil
}

func (t *translator) call(c *ast.Call) (string, int, error) {
	// str.format and %-formatting of literals are handled where they occur.
	if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "format" {
		return t.formatCall(c, a)
	}
	if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "has_key" && len(c.Args) == 1 {
		k, err := t.expr(c.Args[0], precCmp+1)
		if err != nil {
			return "", 0, err
		}
		v, err := t.expr(a.Value, precCmp+1)
		return k + " in " + v, precCmp, err
	}
	if t.isCall(c.Func, "sys.exit") {
		return "", 0, fail(c, "sys.exit() inside an expression has no Starlark form")
	}
	// str(x) and repr(x) of values Starlark shows differently go through
	// strfmt.
	if (t.isName(c.Func, "str") || t.isName(c.Func, "repr")) && len(c.Args) == 1 && len(c.Keywords) == 0 {
		v, err := t.expr(c.Args[0], precLambda)
		if err != nil {
			return "", 0, err
		}
		_, isNum := c.Args[0].(*ast.Num)
		switch {
		case t.isName(c.Func, "str") && t.plain(c.Args[0]):
			return "str(" + v + ")", precPrimary, nil
		case t.isName(c.Func, "str"):
			return "strfmt.str(" + v + ")", precPrimary, nil
		case isNum || t.plain(c.Args[0]) && !t.maybeStr(c.Args[0]):
			return "repr(" + v + ")", precPrimary, nil
		}
		return `strfmt.format("{!r}", ` + v + ")", precPrimary, nil
	}
	f, err := t.expr(c.Func, precPrimary)
	if err != nil {
		return "", 0, err
	}
	args, err := t.exprs(c.Args)
	if err != nil {
		return "", 0, err
	}
	// parser.parse_args() reads the command line: give it argv[1:].
	if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "parse_args" && len(c.Args) == 0 {
		args = []string{"argv[1:]"}
	}
	if t.isCall(c.Func, "argparse.ArgumentParser") {
		var kept []*ast.Keyword
		for _, k := range c.Keywords {
			switch k.Arg {
			case "prog", "description", "epilog":
				kept = append(kept, k)
			case "formatter_class":
				return "", 0, fail(c, "argparse formatter_class has no counterpart in exosh's argparser")
			default:
				return "", 0, fail(c, "argparse.ArgumentParser(%s=...) has no counterpart in exosh's argparser", k.Arg)
			}
		}
		c = &ast.Call{Keywords: kept}
	}
	kw, err := t.keywords(c.Keywords)
	if err != nil {
		return "", 0, err
	}
	args = append(args, kw...)
	if c.Starargs != nil {
		s, err := t.expr(c.Starargs, precPrimary)
		if err != nil {
			return "", 0, err
		}
		args = append(args, "*"+s)
	}
	if c.Kwargs != nil {
		s, err := t.expr(c.Kwargs, precPrimary)
		if err != nil {
			return "", 0, err
		}
		args = append(args, "**"+s)
	}
	return f + "(" + strings.Join(args, ", ") + ")", precPrimary, nil
}

func (t *translator) binop(x *ast.BinOp) (string, int, error) {
	if x.Op == ast.Pow {
		if n, ok := x.Right.(*ast.Num); ok {
			switch n.N {
			case py.Int(2):
				// x * x is what Python's x ** 2 gives, for ints and
				// floats alike (one rounding).
				if simple(x.Left) {
					b, err := t.expr(x.Left, precMul+1)
					if err != nil {
						return "", 0, err
					}
					return b + " * " + b, precMul, nil
				}
				b, err := t.expr(x.Left, precLambda)
				if err != nil {
					return "", 0, err
				}
				t.needSquare = true
				return "_square(" + b + ")", precPrimary, nil
			case py.Float(0.5):
				b, err := t.expr(x.Left, precLambda)
				if err != nil {
					return "", 0, err
				}
				return "math.sqrt(" + b + ")", precPrimary, nil
			}
		}
		return "", 0, fail(x, "** has no Starlark form; write x * x, or math.pow(x, y) for floats")
	}
	if x.Op == ast.Modulo {
		if s, ok := x.Left.(*ast.Str); ok {
			return t.percent(x, string(s.S))
		}
	}
	p := binPrec[x.Op]
	l, err := t.expr(x.Left, p)
	if err != nil {
		return "", 0, err
	}
	r, err := t.expr(x.Right, p+1)
	if err != nil {
		return "", 0, err
	}
	return l + " " + binOps[x.Op] + " " + r, p, nil
}

// percent translates 'literal' % values: Starlark's % when every
// conversion is a bare %s or %d, else strfmt.percent.
func (t *translator) percent(x *ast.BinOp, tmpl string) (string, int, error) {
	plain := true
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' {
			continue
		}
		if i+1 < len(tmpl) && (tmpl[i+1] == 's' || tmpl[i+1] == '%') {
			i++
			continue
		}
		plain = false
	}
	r, err := t.expr(x.Right, precMul+1)
	if err != nil {
		return "", 0, err
	}
	lit := quote(tmpl)
	if tu, ok := x.Right.(*ast.Tuple); ok {
		plain = plain && t.allPlain(tu.Elts)
	} else {
		plain = plain && t.plain(x.Right)
	}
	if plain {
		return lit + " % " + r, precMul, nil
	}
	r, err = t.expr(x.Right, precIf)
	if err != nil {
		return "", 0, err
	}
	return "strfmt.percent(" + lit + ", " + r + ")", precPrimary, nil
}

// formatCall translates x.format(...): Starlark's own format when x is a
// literal whose fields have no format spec, else strfmt.format.
func (t *translator) formatCall(c *ast.Call, a *ast.Attribute) (string, int, error) {
	recv, err := t.expr(a.Value, precIf)
	if err != nil {
		return "", 0, err
	}
	args, err := t.exprs(c.Args)
	if err != nil {
		return "", 0, err
	}
	kw, err := t.keywords(c.Keywords)
	if err != nil {
		return "", 0, err
	}
	args = append(args, kw...)
	if c.Starargs != nil || c.Kwargs != nil {
		return "", 0, fail(c, "format(*args, **kwargs) is not translated")
	}
	if s, ok := a.Value.(*ast.Str); ok && plainFields(string(s.S)) && t.allPlain(c.Args) && t.allPlain(keywordValues(c.Keywords)) {
		r, _ := t.expr(a.Value, precPrimary)
		return r + ".format(" + strings.Join(args, ", ") + ")", precPrimary, nil
	}
	return "strfmt.format(" + strings.Join(append([]string{recv}, args...), ", ") + ")", precPrimary, nil
}

// plainFields reports whether a format string's fields are all {}, {0}
// or {name}: what Starlark's format does as Python does.
func plainFields(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return false
		}
		if strings.ContainsAny(s[i+1:i+end], ":!.[") {
			return false
		}
		i += end
	}
	return true
}

func (t *translator) compare(x *ast.Compare) (string, int, error) {
	var parts []string
	left := x.Left
	for i, op := range x.Ops {
		right := x.Comparators[i]
		if op == ast.Is || op == ast.IsNot {
			if !isNone(left) && !isNone(right) && !isBool(right) {
				return "", 0, fail(x, "'is' between values that are not None has no Starlark form; use ==")
			}
		}
		if i > 0 && !simple(left) {
			return "", 0, fail(x, "a chained comparison with a computed middle operand has no Starlark form")
		}
		l, err := t.expr(left, precCmp+1)
		if err != nil {
			return "", 0, err
		}
		r, err := t.expr(right, precCmp+1)
		if err != nil {
			return "", 0, err
		}
		parts = append(parts, l+" "+cmpOps[op]+" "+r)
		left = right
	}
	if len(parts) == 1 {
		return parts[0], precCmp, nil
	}
	return strings.Join(parts, " and "), precAnd, nil
}

func isNone(e ast.Expr) bool {
	c, ok := e.(*ast.NameConstant)
	return ok && c.Value == py.None
}

func isBool(e ast.Expr) bool {
	c, ok := e.(*ast.NameConstant)
	return ok && (c.Value == py.True || c.Value == py.False)
}

func (t *translator) comp(elt, val ast.Expr, gens []ast.Comprehension) (string, error) {
	s, err := t.expr(elt, precIf)
	if err != nil {
		return "", err
	}
	if val != nil {
		v, err := t.expr(val, precIf)
		if err != nil {
			return "", err
		}
		s += ": " + v
	}
	for _, g := range gens {
		tg, err := t.target(g.Target)
		if err != nil {
			return "", err
		}
		it, err := t.expr(g.Iter, precOr)
		if err != nil {
			return "", err
		}
		s += " for " + tg + " in " + it
		for _, c := range g.Ifs {
			cs, err := t.expr(c, precOr)
			if err != nil {
				return "", err
			}
			s += " if " + cs
		}
	}
	return s, nil
}

// fstring translates an f-string into a format call: Starlark's format
// when no field has a conversion or spec, else strfmt.format.
func (t *translator) fstring(at ast.Expr, f fstring) (string, int, error) {
	body := f.body
	var tmpl strings.Builder
	var args []string
	plain := true
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '{' && i+1 < len(body) && body[i+1] == '{':
			tmpl.WriteString("{{")
			i++
		case c == '}' && i+1 < len(body) && body[i+1] == '}':
			tmpl.WriteString("}}")
			i++
		case c == '{':
			depth, j := 0, i+1
			for ; j < len(body); j++ {
				if strings.IndexByte("([{", body[j]) >= 0 {
					depth++
				} else if strings.IndexByte(")]", body[j]) >= 0 || (body[j] == '}' && depth > 0) {
					depth--
				} else if depth == 0 && (body[j] == '}' || body[j] == ':' || body[j] == '!') && !(body[j] == '!' && j+1 < len(body) && body[j+1] == '=') {
					break
				}
			}
			exprSrc := body[i+1 : j]
			k := strings.IndexByte(body[j:], '}')
			if k < 0 {
				return "", 0, fail(at, "malformed f-string")
			}
			rest := body[j : j+k]
			if rest != "" {
				plain = false
			}
			e, err := parser.ParseString(strings.TrimSpace(exprSrc), py.EvalMode)
			if err != nil {
				return "", 0, fail(at, "cannot parse the f-string field %q", exprSrc)
			}
			expr := e.(*ast.Expression).Body
			setLine(expr, f.line)
			s, err := t.expr(expr, precIf)
			if err != nil {
				return "", 0, err
			}
			plain = plain && t.plain(expr)
			args = append(args, s)
			tmpl.WriteString("{" + rest + "}")
			i = j + k
		default:
			tmpl.WriteByte(c)
		}
	}
	var text string
	if f.raw {
		text = tmpl.String()
	} else {
		v, err := unescape(tmpl.String())
		if err != nil {
			return "", 0, fail(at, "f-string: %v", err)
		}
		text = v
	}
	lit := quote(text)
	if len(args) == 0 {
		return lit, precPrimary, nil
	}
	if plain {
		return lit + ".format(" + strings.Join(args, ", ") + ")", precPrimary, nil
	}
	return "strfmt.format(" + strings.Join(append([]string{lit}, args...), ", ") + ")", precPrimary, nil
}

// setLine gives every node of e the line of the f-string it came from.
func setLine(e ast.Ast, line int) {
	ast.Walk(e, func(n ast.Ast) bool {
		switch x := n.(type) {
		case *ast.Name:
			x.Lineno = line
		case *ast.Call:
			x.Lineno = line
		case *ast.Attribute:
			x.Lineno = line
		case *ast.BinOp:
			x.Lineno = line
		}
		return true
	})
}

// unescape processes the backslash escapes of a Python string body.
func unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	v, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		return "", fmt.Errorf("unsupported escape in %q", s)
	}
	return v, nil
}

// exomergeHas reports whether exosh's exomerge module has member name.
func exomergeHas(name string) bool {
	m, ok := builtins.Predeclared()["exomerge"].(starlark.HasAttrs)
	if !ok {
		return false
	}
	v, err := m.Attr(name)
	return err == nil && v != nil
}

// boundNames returns every name the module binds anywhere: assignment and
// loop targets, parameters, functions, classes, imports, except names.
func boundNames(mod ast.Ast) map[string]bool {
	b := map[string]bool{}
	ast.Walk(mod, func(n ast.Ast) bool {
		switch x := n.(type) {
		case *ast.Name:
			if x.Ctx == ast.Store || x.Ctx == ast.Param || x.Ctx == ast.Del {
				b[string(x.Id)] = true
			}
		case *ast.Arg:
			b[string(x.Arg)] = true
		case *ast.FunctionDef:
			b[string(x.Name)] = true
			for _, a := range append(append(append([]*ast.Arg{}, x.Args.Args...), x.Args.Kwonlyargs...), x.Args.Vararg, x.Args.Kwarg) {
				if a != nil {
					b[string(a.Arg)] = true
				}
			}
		case *ast.Lambda:
			for _, a := range append(append(append([]*ast.Arg{}, x.Args.Args...), x.Args.Kwonlyargs...), x.Args.Vararg, x.Args.Kwarg) {
				if a != nil {
					b[string(a.Arg)] = true
				}
			}
		case *ast.ClassDef:
			b[string(x.Name)] = true
		case *ast.ExceptHandler:
			if x.Name != "" {
				b[string(x.Name)] = true
			}
		case *ast.Import:
			for _, a := range x.Names {
				if a.AsName != "" {
					b[string(a.AsName)] = true
				} else {
					b[strings.SplitN(string(a.Name), ".", 2)[0]] = true
				}
			}
		case *ast.ImportFrom:
			for _, a := range x.Names {
				if a.AsName != "" {
					b[string(a.AsName)] = true
				} else {
					b[string(a.Name)] = true
				}
			}
		}
		return true
	})
	return b
}

// exoshHas reports whether name is predeclared in exosh scripts or a
// Starlark built-in.
func exoshHas(name string) bool {
	return exoshNames()[name]
}

// exoshNames is the set of names exosh scripts see without defining them,
// computed once.
var exoshNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"argv": true}
	for n := range starlark.Universe {
		m[n] = true
	}
	for n := range builtins.Predeclared() {
		m[n] = true
	}
	return m
})

// check parses and resolves the Starlark program as exosh loads it, and
// returns the first error.
func check(star string) error {
	f, err := builtins.FileOptions().Parse("out.star", star, 0)
	if err != nil {
		return err
	}
	return resolve.File(f, func(n string) bool { return exoshHas(n) }, func(string) bool { return false })
}

// ident returns a Python identifier as a Starlark one: load is a Starlark
// keyword, so it becomes load_; a script's own argv becomes argv_ when
// the script also reads sys.argv, which is exosh's argv.
func (t *translator) ident(id string) string {
	switch {
	case id == "load":
		return "load_"
	case id == "argv" && t.renameArgv:
		return "argv_"
	}
	return id
}

// usesSysArgv reports whether the module reads sys.argv (through any
// name of the sys module).
func usesSysArgv(mod ast.Ast) bool {
	found := false
	ast.Walk(mod, func(n ast.Ast) bool {
		if a, ok := n.(*ast.Attribute); ok && a.Attr == "argv" {
			if _, ok := a.Value.(*ast.Name); ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// quote returns a Starlark string literal for s: triple-quoted when s
// spans lines and needs no escapes, else a one-line literal.
func quote(s string) string {
	if strings.Contains(s, "\n") && !strings.Contains(s, `"""`) && !strings.ContainsAny(s, "\\\r") && !strings.HasSuffix(s, `"`) {
		plain := true
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
				plain = false
			}
		}
		if plain {
			return `"""` + s + `"""`
		}
	}
	return syntax.Quote(s, false)
}

// osRef translates a use of os or os.path: the string functions of
// os.path become helpers with posixpath's semantics, os.sep is "/", and
// the rest is flagged.
func (t *translator) osRef(at ast.Expr, d string) (string, int, error) {
	name := strings.TrimPrefix(d, "os.path.")
	if _, ok := pathHelpers[name]; ok && strings.HasPrefix(d, "os.path.") {
		t.needPath[name] = true
		return "os_path_" + name, precPrimary, nil
	}
	if d == "os.sep" || d == "os.path.sep" {
		return `"/"`, precPrimary, nil
	}
	return "", 0, fail(at, "%s: os is not available in exosh's Starlark (no file system access besides import_model and export_model)", d)
}

// pathHelpers are Starlark versions of posixpath's string functions.
var pathHelpers = map[string]string{
	"basename": `
def os_path_basename(p):
    """Python's os.path.basename."""
    return p[p.rfind("/") + 1:]
`,
	"dirname": `
def os_path_dirname(p):
    """Python's os.path.dirname."""
    head = p[:p.rfind("/") + 1]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head
`,
	"join": `
def os_path_join(a, *rest):
    """Python's os.path.join."""
    path = a
    for b in rest:
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path
`,
	"splitext": `
def os_path_splitext(p):
    """Python's os.path.splitext."""
    sep = p.rfind("/")
    dot = p.rfind(".")
    if dot > sep:
        for i in range(sep + 1, dot):
            if p[i] != ".":
                return (p[:dot], p[dot:])
    return (p, "")
`,
}

// pythonVersion is the version a ported script is taken to run under.
var pythonVersion = []int{3, 11, 0}

// versionTest evaluates a comparison of sys.version_info (whole, indexed,
// or .major/.minor) with numbers or a tuple of numbers.
func (t *translator) versionTest(e ast.Expr) (result, ok bool) {
	c, isCmp := e.(*ast.Compare)
	if !isCmp || len(c.Ops) != 1 {
		return false, false
	}
	left := func(x ast.Expr) ([]int, bool) {
		switch v := x.(type) {
		case *ast.Attribute:
			switch {
			case t.dotted(v) == "sys.version_info":
				return pythonVersion, true
			case t.dotted(v) == "sys.version_info.major":
				return pythonVersion[:1], true
			case t.dotted(v) == "sys.version_info.minor":
				return pythonVersion[1:2], true
			}
		case *ast.Subscript:
			idx, ok := v.Slice.(*ast.Index)
			if !ok || t.dotted(v.Value) != "sys.version_info" {
				return nil, false
			}
			if n, ok := idx.Value.(*ast.Num); ok {
				if i, ok := n.N.(py.Int); ok && i >= 0 && int(i) < len(pythonVersion) {
					return pythonVersion[i : i+1], true
				}
			}
		}
		return nil, false
	}
	right := func(x ast.Expr) ([]int, bool) {
		var elts []ast.Expr
		switch v := x.(type) {
		case *ast.Num:
			elts = []ast.Expr{v}
		case *ast.Tuple:
			elts = v.Elts
		default:
			return nil, false
		}
		var out []int
		for _, el := range elts {
			n, ok := el.(*ast.Num)
			if !ok {
				return nil, false
			}
			i, ok := n.N.(py.Int)
			if !ok {
				return nil, false
			}
			out = append(out, int(i))
		}
		return out, true
	}
	l, ok1 := left(c.Left)
	r, ok2 := right(c.Comparators[0])
	if !ok1 || !ok2 {
		return false, false
	}
	if _, isTuple := c.Comparators[0].(*ast.Tuple); !isTuple && len(l) != 1 {
		return false, false // version_info compared with a number
	}
	cmp := 0 // Python's tuple comparison
	for i := 0; i < len(l) && i < len(r) && cmp == 0; i++ {
		switch {
		case l[i] < r[i]:
			cmp = -1
		case l[i] > r[i]:
			cmp = 1
		}
	}
	if cmp == 0 {
		switch {
		case len(l) < len(r):
			cmp = -1
		case len(l) > len(r):
			cmp = 1
		}
	}
	switch c.Ops[0] {
	case ast.Lt:
		return cmp < 0, true
	case ast.LtE:
		return cmp <= 0, true
	case ast.Gt:
		return cmp > 0, true
	case ast.GtE:
		return cmp >= 0, true
	case ast.Eq:
		return cmp == 0, true
	case ast.NotEq:
		return cmp != 0, true
	}
	return false, false
}

func keywordValues(kws []*ast.Keyword) []ast.Expr {
	out := make([]ast.Expr, len(kws))
	for i, k := range kws {
		out[i] = k.Value
	}
	return out
}
