package pyrun

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"exosh/builtins"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/parser"
	"github.com/go-python/gpython/py"
	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

// Options describe one Python program run.
type Options struct {
	// Filename is shown in tracebacks and is sys.argv[0]'s usual value.
	Filename string
	// Src is the program; nil reads Filename.
	Src []byte
	// Argv is sys.argv.
	Argv []string
	// Stdout and Stderr receive print output and diagnostics.
	Stdout, Stderr io.Writer
	// Progress turns on progress lines for long reads and writes.
	Progress bool
}

func newInterp(thread *starlark.Thread, filename string, argv []string, stdout, stderr io.Writer) *interp {
	itp := &interp{
		thread:   thread,
		stdout:   stdout,
		stderr:   stderr,
		filename: filename,
		argv:     argv,
		modules:  map[string]starlark.Value{},
	}
	itp.initBuiltins()
	itp.exomerge = itp.exomergeModule()
	builtins.OnWarning(thread, func() { itp.warned = true })
	main := &env{vars: map[string]starlark.Value{}}
	main.module = main
	main.vars["__name__"] = starlark.String("__main__")
	main.vars["__file__"] = starlark.String(filename)
	main.vars["__doc__"] = starlark.None
	itp.main = main
	return itp
}

// Run runs a Python program and returns its exit status: 0, the status
// given to sys.exit or SystemExit, 1 for an uncaught exception (the
// traceback goes to Stderr) and 1 for a syntax error.
func Run(o Options) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(o.Stderr, "exosh: internal error running %s: %v (please report it with the script)\n", o.Filename, r)
			status = 1
		}
	}()
	src := o.Src
	if src == nil {
		b, err := os.ReadFile(o.Filename)
		if err != nil {
			fmt.Fprintf(o.Stderr, "exosh: can't open file %s: %v\n", pyfmt.Quote(o.Filename), err)
			return 2
		}
		src = b
	}
	// Like Python, buffer standard output when it is not a terminal.
	stdout := o.Stdout
	if f, ok := o.Stdout.(*os.File); ok && !isTerminal(f) {
		bw := bufio.NewWriterSize(f, 64<<10)
		defer bw.Flush()
		stdout = bw
	}
	thread := builtins.NewThread("exosh", stdout, o.Stderr)
	builtins.ShowProgress(thread, o.Progress)
	itp := newInterp(thread, o.Filename, o.Argv, stdout, o.Stderr)
	mod, err := parse(string(src), o.Filename)
	if err != nil {
		fmt.Fprintln(o.Stderr, err)
		return 1
	}
	if len(mod.Body) > 0 {
		if es, ok := mod.Body[0].(*ast.ExprStmt); ok {
			if doc, ok := es.Value.(*ast.Str); ok {
				itp.main.vars["__doc__"] = starlark.String(doc.S)
			}
		}
	}
	_, err = itp.execBlock(mod.Body, itp.main)
	itp.closeFiles()
	return itp.exitStatus(err, itp.main.line)
}

// parse parses Python source after preprocessing.
func parse(src, filename string) (*ast.Module, error) {
	m, err := parser.Parse(strings.NewReader(preprocess(src)), filename, py.ExecMode)
	if err != nil {
		return nil, syntaxError(err, filename)
	}
	mod, ok := m.(*ast.Module)
	if !ok {
		return nil, fmt.Errorf("pyrun: %s: not a module", filename)
	}
	return mod, nil
}

// syntaxError formats a parser error as Python prints it.
func syntaxError(err error, filename string) error {
	var exc *py.Exception
	if errors.As(err, &exc) {
		line, msg := 0, ""
		if v, ok := exc.Dict["lineno"].(py.Int); ok {
			line = int(v)
		}
		if v, ok := exc.Dict["msg"].(py.String); ok {
			msg = string(v)
		}
		if msg == "" && len(exc.Args.(py.Tuple)) > 0 {
			msg = fmt.Sprint(exc.Args.(py.Tuple)[0])
		}
		text := ""
		if v, ok := exc.Dict["line"].(py.String); ok {
			text = "\n    " + strings.TrimSpace(string(v))
		}
		return fmt.Errorf("  File \"%s\", line %d%s\nSyntaxError: %s", filename, line, text, msg)
	}
	return fmt.Errorf("  File \"%s\"\nSyntaxError: %v", filename, err)
}

func (itp *interp) closeFiles() {
	for _, f := range itp.open {
		f.close()
	}
	itp.open = nil
}

// exitStatus reports an uncaught exception and returns the exit status.
func (itp *interp) exitStatus(err error, line int) int {
	if err == nil {
		return 0
	}
	x, ok := err.(*pyExc)
	if !ok {
		fmt.Fprintf(itp.stderr, "exosh: %v\n", err)
		return 1
	}
	if x.inst.Class.isSub(itp.excs["SystemExit"]) {
		code := x.inst.Attrs["code"]
		switch c := code.(type) {
		case nil, starlark.NoneType:
			return 0
		case starlark.Int:
			n, _ := c.Int64()
			return int(n & 0xff)
		case starlark.Bool:
			if c {
				return 1
			}
			return 0
		}
		fmt.Fprintln(itp.stderr, itp.str(code))
		return 1
	}
	fmt.Fprintln(itp.stderr, "Traceback (most recent call last):")
	fmt.Fprintf(itp.stderr, "  File \"%s\", line %d, in <module>\n", itp.filename, line)
	for _, l := range x.tb {
		fmt.Fprintln(itp.stderr, l)
	}
	msg := itp.str(x.inst)
	if msg == "" {
		fmt.Fprintln(itp.stderr, x.inst.Class.name)
	} else {
		fmt.Fprintf(itp.stderr, "%s: %s\n", x.inst.Class.name, msg)
	}
	if x.inst.Class.isSub(itp.excs["ImportError"]) {
		if name, ok := x.inst.Attrs["name"].(starlark.String); ok {
			top, _, _ := strings.Cut(string(name), ".")
			offer := offers[top]
			if offer == "" {
				offer = "exosh runs exomerge scripts with the modules exomerge, sys, os, os.path, math, argparse, optparse, time, re, json, copy, string, glob, shutil, collections (OrderedDict, defaultdict, namedtuple) and textwrap, and the script's own NAME.py modules beside it"
			}
			fmt.Fprintf(itp.stderr, "exosh: line %d imports %s, which exosh does not have: %s\n", int(intOf(x.inst.Attrs["exosh_line"])), string(name), offer)
		}
	}
	return 1
}

func intOf(v starlark.Value) int64 {
	if i, ok := v.(starlark.Int); ok {
		n, _ := i.Int64()
		return n
	}
	return 0
}

// IsPython reports whether src is a Python program that is not Starlark:
// callers try Starlark first and use this when Starlark's parser refuses
// the source.
func IsPython(src string) bool {
	_, err := parse(src, "<input>")
	return err == nil
}

// Session runs Python chunks in the REPL, sharing the REPL's globals.
type Session struct {
	itp *interp
}

// NewSession returns a Python session on thread (made by
// builtins.NewThread).
func NewSession(thread *starlark.Thread, argv []string, stdout, stderr io.Writer) *Session {
	return &Session{itp: newInterp(thread, "<stdin>", argv, stdout, stderr)}
}

// Exec runs one chunk of Python. globals are the REPL's: they are visible
// to the chunk, and the names it binds are copied back. A sole expression's
// value is printed unless it is None. Errors are printed; the result is
// the exit status a SystemExit asked for, or -1.
func (s *Session) Exec(src string, globals starlark.StringDict) int {
	itp := s.itp
	mod, err := parse(src, "<stdin>")
	if err != nil {
		fmt.Fprintln(itp.stderr, err)
		return -1
	}
	for k, v := range globals {
		itp.main.vars[k] = v
	}
	if len(mod.Body) == 1 {
		if es, ok := mod.Body[0].(*ast.ExprStmt); ok {
			v, err := itp.eval(es.Value, itp.main)
			if err == nil {
				if v != starlark.None {
					fmt.Fprintln(itp.stdout, itp.repr(v))
				}
				return -1
			}
			return s.report(itp.toExc(err))
		}
	}
	_, err = itp.execBlock(mod.Body, itp.main)
	for k, v := range itp.main.vars {
		if !strings.HasPrefix(k, "__") {
			globals[k] = v
		}
	}
	return s.report(err)
}

func (s *Session) report(err error) int {
	if err == nil {
		return -1
	}
	if x, ok := err.(*pyExc); ok && x.inst.Class.isSub(s.itp.excs["SystemExit"]) {
		return s.itp.exitStatus(err, s.itp.main.line)
	}
	s.itp.exitStatus(err, s.itp.main.line)
	return -1
}

// SystemExitStatus reports whether err is (or wraps) a Python SystemExit,
// as when the REPL's Starlark calls sys.exit, and the exit status it asks
// for.
func SystemExitStatus(err error) (int, bool) {
	var x *pyExc
	if !errors.As(err, &x) || x.inst.Class.name != "SystemExit" {
		return 0, false
	}
	switch c := x.inst.Attrs["code"].(type) {
	case starlark.Int:
		n, _ := c.Int64()
		return int(n & 0xff), true
	case starlark.NoneType:
		return 0, true
	}
	return 1, true
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
