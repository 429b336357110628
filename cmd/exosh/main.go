// Command exosh is a Starlark shell for Exodus II finite-element meshes that
// carries Sandia exomerge's Python API.
//
// Usage:
//
//	exosh                      start the interactive shell (REPL)
//	exosh FILE.star [ARGS...]  run a script; it sees argv = [FILE.star, ARGS...]
//	exosh FILE.py [ARGS...]    run a Python exomerge script (package pyrun)
//	exosh -c CODE [ARGS...]    run CODE; argv = ['-c', ARGS...]
//	exosh - [ARGS...]          run the program read from standard input
//	exosh diff [OPTIONS] F1 F2 compare two Exodus files as SEACAS exodiff does
//	exosh test [OPTIONS] [PATH...] run a regression suite of *_test.star files
//	exosh port FILE.py [-o F]  translate a Python exomerge script to Starlark
//	exosh plot FILE.e [-f FIELD] [--step last] [--view iso] [-o out.png]
//	exosh --help | --version
//
// --profile before any of the forms above prints, at exit, a table of the
// methods called (calls, seconds, share of the run, bytes allocated) to
// standard error; --cpuprofile FILE writes a Go CPU profile of the run to
// FILE, for `go tool pprof`.
//
// Exit status: 0 on success, 1 when the program fails (the Starlark
// backtrace and the message go to standard error), 2 for bad usage, 130
// when Ctrl-C interrupted it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync/atomic"

	"exosh/builtins"
	"exosh/exodiff"
	"exosh/pyport"
	"exosh/pyrun"
	"exosh/startest"

	"github.com/chzyer/readline"
	"go.starlark.net/starlark"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// The bulk arrays hold no pointers, so a collection costs little
		// whatever their size; collecting at 25% growth instead of 100%
		// lets freed arrays be reused before fresh memory is touched
		// (peak RSS of the 512k-element chain of scripts/bench/chain.star: 478 ->
		// 426 MB).
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// gcPercent is exosh's garbage collection target (GOGC overrides it).
const gcPercent = 25

const usage = `usage: exosh [FILE.star | FILE.py | -c CODE | -] [ARGS...]

  exosh                      start the interactive shell
  exosh FILE.star [ARGS...]  run a script; it sees argv = [FILE.star, ARGS...]
  exosh FILE.py [ARGS...]    run a Python exomerge script; it sees sys.argv
  exosh -c CODE [ARGS...]    run CODE; argv = ['-c', ARGS...]
  exosh - [ARGS...]          run the program read from standard input
  exosh diff [options] file1.e file2.e [diffs.e]
                             compare two Exodus files as exodiff does
                             (exosh diff -help lists the options)
  exosh test [-run RE] [-v] [-j N] [--junit F] [--timeout D] [PATH...]
                             run the test_* functions of *_test.star files
  exosh port FILE.py [-o OUT.star]
                             translate a Python exomerge script to Starlark
                             (exit 0: all translated, 3: some lines need a person)
  exosh plot FILE.e [-f FIELD] [--step last] [--view iso] [-o OUT.png]
                             draw a file to a PNG (exosh plot --help)
  exosh --help               show this help
  exosh --version            show the version
  exosh --profile ...        at exit, print the methods called: count,
                             seconds, share of the run, bytes allocated
  exosh --cpuprofile F ...   write a CPU profile of the run to F (go tool pprof)

In the shell or a script, help() describes everything exosh offers.
Exit status: 0 success, 1 script error, 2 bad usage, 130 interrupted (Ctrl-C).
`

// run is the whole command; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "diff":
			return exodiff.Main(args[1:], os.Getenv("EXODIFF_OPTIONS"), stdout, stderr)
		case "test":
			return startest.Main(args[1:], stdout, stderr)
		case "port":
			return pyport.Main(args[1:], stdout, stderr)
		case "plot":
			return runPlot(args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("exosh", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	code := fs.String("c", "", "")
	version := fs.Bool("version", false, "")
	profile := fs.Bool("profile", false, "")
	cpuprofile := fs.String("cpuprofile", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "exosh: %v\n%s", err, usage)
		return 2
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "exosh: --cpuprofile: %v\n", err)
			return 2
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			fmt.Fprintf(stderr, "exosh: --cpuprofile: %v\n", err)
			return 2
		}
		defer func() {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				fmt.Fprintf(stderr, "exosh: --cpuprofile: %v\n", err)
			}
		}()
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
		return runProgram("<cmdline>", *code, append([]string{"-c"}, rest...), *profile, stdout, stderr)
	case len(rest) > 0 && rest[0] == "-":
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "exosh: reading standard input: %v\n", err)
			return 1
		}
		return runProgram("<stdin>", src, rest, *profile, stdout, stderr)
	case len(rest) > 0:
		return runProgram(rest[0], nil, rest, *profile, stdout, stderr)
	}
	return runREPL(stdin, *profile, stdout, stderr)
}

// runProgram runs one program (src nil: read the file) with argv: a .py
// file, or source that Starlark refuses and Python reads, runs as Python.
// With profile it prints the profile table to stderr at the end. Ctrl-C
// (SIGINT) interrupts the program (the running method stops or completes,
// see builtins.Interrupt) and the status is then 130; a second Ctrl-C
// exits at once with 130.
func runProgram(filename string, src any, argv []string, profile bool, stdout, stderr io.Writer) int {
	if py, isPy := pythonSource(filename, src); isPy {
		return pyrun.Run(pyrun.Options{Filename: filename, Src: py, Argv: argv, Stdout: stdout, Stderr: stderr, Progress: wantProgress(stderr)})
	}
	thread := builtins.NewThread("exosh", stdout, stderr)
	if profile {
		defer builtins.WriteProfile(thread, stderr)
	}
	builtins.ShowProgress(thread, wantProgress(stderr))
	predeclared := builtins.Predeclared()
	predeclared["argv"] = argvList(argv)

	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)
	var gotSIGINT atomic.Bool
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigint:
			gotSIGINT.Store(true)
			builtins.Interrupt(thread)
		case <-done:
			return
		}
		select {
		case <-sigint:
			fmt.Fprintln(stderr, "exosh: interrupted")
			os.Exit(statusInterrupted)
		case <-done:
		}
	}()

	if _, err := builtins.ExecFile(thread, filename, src, predeclared); err != nil {
		var exit *builtins.ExitError
		if errors.As(err, &exit) {
			if exit.Message != "" {
				fmt.Fprintln(stderr, exit.Message)
			}
			return exit.Code
		}
		printError(stderr, err)
		if gotSIGINT.Load() {
			return statusInterrupted
		}
		return 1
	}
	return 0
}

// pythonSource reports whether the program is Python: a file named *.py,
// or source given with -c or on standard input that Starlark's parser
// refuses and Python's reads. It returns the source (nil: read the file).
func pythonSource(filename string, src any) ([]byte, bool) {
	if src == nil {
		return nil, strings.HasSuffix(filename, ".py")
	}
	var b []byte
	switch s := src.(type) {
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return nil, false
	}
	if _, err := builtins.FileOptions().Parse(filename, b, 0); err == nil {
		return nil, false
	}
	return b, pyrun.IsPython(string(b))
}

// statusInterrupted is the exit status of a program stopped by Ctrl-C, as
// a shell reports a command killed by SIGINT.
const statusInterrupted = 130

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
