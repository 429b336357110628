// Command exosh is a Starlark shell for Exodus II finite-element meshes that
// carries Sandia exomerge's Python API.
//
// Usage:
//
//	exosh                      start the interactive shell (REPL)
//	exosh FILE.star [ARGS...]  run a script; it sees argv = [FILE.star, ARGS...]
//	exosh -c CODE [ARGS...]    run CODE; argv = ['-c', ARGS...]
//	exosh - [ARGS...]          run the program read from standard input
//	exosh plot FILE.e [-f FIELD] [--step last] [--view iso] [-o out.png]
//	exosh --help | --version
//
// Exit status: 0 on success, 1 when the program fails (the Starlark
// backtrace and the message go to standard error), 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"exosh/builtins"

	"github.com/chzyer/readline"
	"go.starlark.net/starlark"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: exosh [FILE.star | -c CODE | -] [ARGS...]

  exosh                      start the interactive shell
  exosh FILE.star [ARGS...]  run a script; it sees argv = [FILE.star, ARGS...]
  exosh -c CODE [ARGS...]    run CODE; argv = ['-c', ARGS...]
  exosh - [ARGS...]          run the program read from standard input
  exosh plot FILE.e [-f FIELD] [--step last] [--view iso] [-o OUT.png]
                             draw a file to a PNG (exosh plot --help)
  exosh --help               show this help
  exosh --version            show the version

In the shell or a script, help() describes everything exosh offers.
Exit status: 0 success, 1 script error, 2 bad usage.
`

// run is the whole command; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "plot" {
		return runPlot(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("exosh", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	code := fs.String("c", "", "")
	version := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "exosh: %v\n%s", err, usage)
		return 2
	}
	codeGiven := false
	fs.Visit(func(f *flag.Flag) { codeGiven = codeGiven || f.Name == "c" })
	rest := fs.Args()

	switch {
	case *version:
		if codeGiven || len(rest) > 0 {
			fmt.Fprintf(stderr, "exosh: --version takes no arguments\n%s", usage)
			return 2
		}
		fmt.Fprintf(stdout, "exosh %s\n", builtins.Version)
		return 0
	case codeGiven:
		return runProgram("<cmdline>", *code, append([]string{"-c"}, rest...), stdout, stderr)
	case len(rest) > 0 && rest[0] == "-":
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "exosh: reading standard input: %v\n", err)
			return 1
		}
		return runProgram("<stdin>", src, rest, stdout, stderr)
	case len(rest) > 0:
		return runProgram(rest[0], nil, rest, stdout, stderr)
	}
	return runREPL(stdin, stdout, stderr)
}

// runProgram runs one program (src nil: read the file) with argv.
func runProgram(filename string, src any, argv []string, stdout, stderr io.Writer) int {
	thread := builtins.NewThread("exosh", stdout, stderr)
	builtins.ShowProgress(thread, wantProgress(stderr))
	predeclared := builtins.Predeclared()
	predeclared["argv"] = argvList(argv)
	if _, err := builtins.ExecFile(thread, filename, src, predeclared); err != nil {
		printError(stderr, err)
		return 1
	}
	return 0
}

// wantProgress reports whether long reads and writes show progress lines:
// when stderr is a terminal, unless EXOSH_PROGRESS is 0; EXOSH_PROGRESS=1
// forces them on.
func wantProgress(stderr io.Writer) bool {
	switch os.Getenv("EXOSH_PROGRESS") {
	case "0":
		return false
	case "1":
		return true
	}
	f, ok := stderr.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}

func argvList(argv []string) *starlark.List {
	l := make([]starlark.Value, len(argv))
	for i, a := range argv {
		l[i] = starlark.String(a)
	}
	return starlark.NewList(l)
}

// printError writes a Starlark error to w: the backtrace (file:line:col of
// each call) and the message for an evaluation error, else the message.
func printError(w io.Writer, err error) {
	var evalErr *starlark.EvalError
	if errors.As(err, &evalErr) {
		bt := evalErr.Backtrace()
		// "Error in f: f: msg" says f twice; say it once.
		if stack := evalErr.CallStack; len(stack) > 0 {
			name := stack[len(stack)-1].Name
			bt = strings.Replace(bt, "Error in "+name+": "+name+": ", "Error in "+name+": ", 1)
		}
		fmt.Fprintln(w, bt)
		return
	}
	fmt.Fprintln(w, err)
}

// isTerminal reports whether r is a terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}
