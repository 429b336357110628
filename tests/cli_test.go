package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandLine checks the command line: modes, argv, exit statuses
// (0 success, 1 script error, 2 bad usage) and where messages go.
func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "args.star")
	if err := os.WriteFile(script, []byte("print(argv)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		stdout     string // expected exactly, unless "*"
		stderrHas  string
		stdoutHas  string
		stderrNone bool
	}{
		{name: "script argv", args: []string{script, "a", "b c"}, code: 0, stdout: `["` + script + `", "a", "b c"]` + "\n", stderrNone: true},
		{name: "-c argv", args: []string{"-c", "print(argv)", "x"}, code: 0, stdout: `["-c", "x"]` + "\n"},
		{name: "-c pass", args: []string{"-c", "pass"}, code: 0, stdout: ""},
		{name: "stdin program", args: []string{"-", "y"}, stdin: "print(argv)\nprint(1 + 1)\n", code: 0, stdout: `["-", "y"]` + "\n2\n"},
		{name: "REPL on a pipe: plain, no prompts", args: nil, stdin: "1 + 2\nx = 5\nfor i in range(2):\n  x += i\n\nx * 2\nprint(undefined_name)\n'after an error'\n", code: 0, stdout: "3\n12\n\"after an error\"\n", stderrHas: "undefined: undefined_name"},
		{name: "version", args: []string{"--version"}, code: 0, stdoutHas: "exosh 0."},
		{name: "help", args: []string{"--help"}, code: 0, stdoutHas: "usage: exosh"},
		{name: "unknown flag", args: []string{"--bogus"}, code: 2, stdout: "", stderrHas: "flag provided but not defined: -bogus"},
		{name: "-c without code", args: []string{"-c"}, code: 2, stdout: "", stderrHas: "flag needs an argument: -c"},
		{name: "version with arguments", args: []string{"--version", "x"}, code: 2, stderrHas: "--version takes no arguments"},
		{name: "missing script", args: []string{filepath.Join(dir, "nothere.star")}, code: 1, stderrHas: "no such file or directory"},
		{name: "syntax error", args: []string{"-c", "x = ("}, code: 1, stderrHas: "<cmdline>:1:6: got end of file, want primary expression"},
		{name: "undefined name", args: []string{"-c", "print(y)"}, code: 1, stderrHas: "<cmdline>:1:7: undefined: y"},
		{name: "runtime error backtrace", args: []string{"-c", "def f():\n  return 1 / 0\nf()"}, code: 1, stderrHas: "Traceback (most recent call last):\n  <cmdline>:3:2: in <toplevel>\n  <cmdline>:2:12: in f\nError: floating-point division by zero"},
		{name: "fail", args: []string{"-c", "fail('stop here')"}, code: 1, stderrHas: "Error in fail: stop here"},
		{name: "method error names method once", args: []string{"-c", "ExodusModel().get_connectivity()"}, code: 1, stderrHas: "Error in get_connectivity: element_block_id=auto: Ambiguous reference."},
		{name: "stdout and stderr apart", args: []string{"-c", "print('out')\nExodusModel().get_element_count(3)"}, code: 0, stdout: "out\n", stderrHas: "WARNING: get_element_count: Reference to undefined element block."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, dir, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exosh %q: exit status %d, want %d\nstderr: %s", tc.args, r.code, tc.code, r.stderr)
			}
			if tc.stdout != "*" && tc.stdoutHas == "" && r.stdout != tc.stdout {
				t.Errorf("exosh %q: stdout %q, want %q", tc.args, r.stdout, tc.stdout)
			}
			if !strings.Contains(r.stdout, tc.stdoutHas) {
				t.Errorf("exosh %q: stdout %q lacks %q", tc.args, r.stdout, tc.stdoutHas)
			}
			if !strings.Contains(r.stderr, tc.stderrHas) {
				t.Errorf("exosh %q: stderr %q lacks %q", tc.args, r.stderr, tc.stderrHas)
			}
			if tc.stderrNone && r.stderr != "" {
				t.Errorf("exosh %q: unexpected stderr %q", tc.args, r.stderr)
			}
		})
	}
}
