package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"exosh/builtins"
	"exosh/pyrun"

	"github.com/chzyer/readline"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// lineReader yields input lines (without the newline) for the REPL.
// readLine returns io.EOF at the end of input and readline.ErrInterrupt
// when the user typed Ctrl-C at the prompt.
type lineReader interface {
	readLine(prompt string) (string, error)
	close()
}

// terminalReader reads lines with readline: editing, persistent history and
// TAB completion.
type terminalReader struct{ rl *readline.Instance }

func (r *terminalReader) readLine(prompt string) (string, error) {
	r.rl.SetPrompt(prompt)
	return r.rl.Readline()
}

func (r *terminalReader) close() { r.rl.Close() }

// plainReader reads lines from a non-terminal: no prompts, no escape codes.
type plainReader struct{ sc *bufio.Scanner }

func (r *plainReader) readLine(string) (string, error) {
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	return r.sc.Text(), nil
}

func (r *plainReader) close() {}

// historyPath returns $XDG_STATE_HOME/exosh/history, or
// ~/.local/state/exosh/history, creating the directory; "" if neither can
// be made.
func historyPath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	dir = filepath.Join(dir, "exosh")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ""
	}
	return filepath.Join(dir, "history")
}

// runREPL runs the read-eval-print loop until end of input; it returns 0.
// With profile it prints the profile table to stderr at the end.
func runREPL(stdin io.Reader, profile bool, stdout, stderr io.Writer) int {
	thread := builtins.NewThread("REPL", stdout, stderr)
	if profile {
		defer builtins.WriteProfile(thread, stderr)
	}
	builtins.ShowProgress(thread, wantProgress(stderr))
	predeclared := builtins.Predeclared()
	predeclared["argv"] = argvList([]string{""})
	globals := starlark.StringDict{}
	for k, v := range predeclared {
		globals[k] = v
	}

	var in lineReader
	interactive := isTerminal(stdin)
	if interactive {
		rl, err := readline.NewEx(&readline.Config{
			Prompt:          ">>> ",
			HistoryFile:     historyPath(),
			AutoComplete:    &completer{globals: globals},
			InterruptPrompt: "^C",
			Stdin:           io.NopCloser(stdin),
			Stdout:          stdout,
			Stderr:          stderr,
		})
		if err != nil {
			fmt.Fprintf(stderr, "exosh: %v\n", err)
			return 1
		}
		in = &terminalReader{rl}
		fmt.Fprintf(stdout, "exosh %s (exomerge API) - help() for help, Ctrl-D to exit.\n", builtins.Version)
	} else {
		sc := bufio.NewScanner(stdin)
		sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
		in = &plainReader{sc}
	}
	defer in.close()

	// While a statement runs, Ctrl-C (SIGINT) interrupts it; at the prompt
	// readline sees Ctrl-C as a key instead.
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)

	opts := builtins.FileOptions()
	opts.LoadBindsGlobally = true
	py := &pyREPL{thread: thread, stdout: stdout, stderr: stderr, exit: -1}
	for {
		err := rep(opts, in, thread, globals, sigint, stdout, stderr, py)
		if py.exit >= 0 {
			return py.exit
		}
		if err == io.EOF {
			break
		}
		if errors.Is(err, readline.ErrInterrupt) {
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "exosh: %v\n", err)
			return 1
		}
	}
	if interactive {
		fmt.Fprintln(stdout)
	}
	return 0
}

// rep reads, evaluates and prints one statement. It returns io.EOF at the
// end of input, readline.ErrInterrupt when the input was abandoned with
// Ctrl-C, and nil otherwise; Starlark errors are printed, not returned.
func rep(opts *syntax.FileOptions, in lineReader, thread *starlark.Thread, globals starlark.StringDict, sigint chan os.Signal, stdout, stderr io.Writer, py *pyREPL) error {
	prompt := ">>> "
	eof := false
	var readErr error
	var text strings.Builder
	read := func() ([]byte, error) {
		line, err := in.readLine(prompt)
		prompt = "... "
		if err != nil {
			readErr = err
			if err == io.EOF {
				eof = true
			}
			return nil, err
		}
		text.WriteString(line + "\n")
		return []byte(line + "\n"), nil
	}
	f, err := opts.ParseCompoundStmt("<stdin>", read)
	if err != nil {
		if eof && text.Len() == 0 {
			return io.EOF
		}
		if errors.Is(readErr, readline.ErrInterrupt) {
			return readErr
		}
		if readErr != nil && !eof {
			return readErr
		}
		// Python input (import, try, class, print "x", ...): read the rest
		// of an open block up to a blank line and run it as Python.
		src := text.String()
		for !eof && pyBlockOpen(src) {
			if _, err := read(); err != nil {
				break
			}
			src = text.String()
		}
		if pyrun.IsPython(src) {
			py.run(src, globals)
			return nil
		}
		printError(stderr, err)
		if eof {
			return io.EOF
		}
		return nil
	}

	// Ctrl-C from here on interrupts the statement.
	builtins.ClearInterrupt(thread)
	for len(sigint) > 0 {
		<-sigint
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-sigint:
			builtins.Interrupt(thread)
		case <-done:
		}
	}()
	defer close(done)

	if expr := soleExpr(f); expr != nil {
		v, err := starlark.EvalExprOptions(f.Options, thread, expr, globals)
		if code, ok := pyrun.SystemExitStatus(err); ok {
			py.exit = code
			return nil
		}
		if err != nil {
			printError(stderr, err)
			return nil
		}
		globals["_"] = v
		if v != starlark.None {
			fmt.Fprintln(stdout, v)
		}
		return nil
	}
	if err := starlark.ExecREPLChunk(f, thread, globals); err != nil {
		if code, ok := pyrun.SystemExitStatus(err); ok {
			py.exit = code
			return nil
		}
		printError(stderr, err)
	}
	return nil
}

// pyREPL runs the REPL's Python input, sharing the REPL's globals.
type pyREPL struct {
	thread         *starlark.Thread
	stdout, stderr io.Writer
	session        *pyrun.Session
	exit           int // the status a SystemExit asked for; -1 none
}

func (p *pyREPL) run(src string, globals starlark.StringDict) {
	if p.session == nil {
		p.session = pyrun.NewSession(p.thread, []string{""}, p.stdout, p.stderr)
	}
	p.exit = p.session.Exec(src, globals)
}

// pyBlockOpen reports whether Python input src continues: its last line
// opens a block (ends with ":") or is indented, so a blank line ends it.
func pyBlockOpen(src string) bool {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	last := lines[len(lines)-1]
	if strings.HasSuffix(src, "\n\n") || strings.TrimSpace(last) == "" {
		return false
	}
	return strings.HasSuffix(strings.TrimSpace(last), ":") || last[0] == ' ' || last[0] == '\t'
}

func soleExpr(f *syntax.File) syntax.Expr {
	if len(f.Stmts) == 1 {
		if stmt, ok := f.Stmts[0].(*syntax.ExprStmt); ok {
			return stmt.X
		}
	}
	return nil
}

// completer completes global names, and attribute names after "name." or
// "name.attr.": it looks attributes up, never calls anything.
type completer struct{ globals starlark.StringDict }

// Do implements readline.AutoCompleter.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	// The dotted name that ends at the cursor.
	start := pos
	for start > 0 && (isIdentRune(line[start-1]) || line[start-1] == '.') {
		start--
	}
	word := string(line[start:pos])
	parts := strings.Split(word, ".")
	partial := parts[len(parts)-1]

	var names []string
	if len(parts) == 1 {
		for name := range c.globals {
			names = append(names, name)
		}
		for name := range starlark.Universe {
			names = append(names, name)
		}
	} else {
		v, ok := c.globals[parts[0]]
		if !ok {
			v, ok = starlark.Universe[parts[0]]
		}
		for _, p := range parts[1 : len(parts)-1] {
			if !ok {
				break
			}
			h, isAttrs := v.(starlark.HasAttrs)
			if !isAttrs {
				ok = false
				break
			}
			x, err := h.Attr(p)
			v, ok = x, err == nil && x != nil
		}
		if h, isAttrs := v.(starlark.HasAttrs); ok && isAttrs {
			names = h.AttrNames()
		}
	}
	sort.Strings(names)
	var out [][]rune
	seen := map[string]bool{}
	for _, n := range names {
		if strings.HasPrefix(n, partial) && !seen[n] && (partial != "" || !strings.HasPrefix(n, "_")) {
			seen[n] = true
			out = append(out, []rune(n[len(partial):]))
		}
	}
	return out, len([]rune(partial))
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
