package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPortRuns ports the scripts of pyport/testdata with `exosh port`,
// runs the .star with `exosh`, and compares stdout and the exit status with
// what Python 3 and exomerge print for the .py (NAME.out, recorded from
// python3 running exomerge3.py with its banner removed; never from exosh).
// Scripts that need a person must make port exit 3.
func TestPortRuns(t *testing.T) {
	corpus := filepath.Join(repoRoot(t), "pyport", "testdata")
	for _, tc := range []struct {
		script   string
		args     []string
		out      string // expected stdout file
		portCode int
		runCode  int
		stderr   string // expected stderr file, from Python with .py for .star
	}{
		{script: "csv_report.py", out: "csv_report.out"},
		{script: "cube_build.py", out: "cube_build.out"},
		{script: "fields_time.py", out: "fields_time.out"},
		{script: "edit_nodes.py", out: "edit_nodes.out"},
		{script: "paths.py", out: "paths.out"},
		{script: "names.py", out: "names.out"},
		{script: "old_cli.py", args: []string{"3"}, out: "old_cli.3.out"},
		{script: "old_cli.py", out: "old_cli.none.out"},
		{script: "old_cli.py", args: []string{"x"}, out: "old_cli.bad.out", runCode: 1, stderr: "old_cli.bad.err"},
		{script: "helpers.py", out: "helpers.out"},
		{script: "py2_print.py", out: "py2_print.out"},
		{script: "shrink_cli.py", args: []string{"box", "-v", "-s", "2", "-d", "3"}, out: "shrink_cli.box.out"},
		{script: "shrink_cli.py", args: []string{"neg", "t1", "t2", "-s", "-1"}, out: "shrink_cli.neg.out", runCode: 4},
		{script: "shrink_cli.py", out: "shrink_cli.none.out", runCode: 2, stderr: "shrink_cli.none.err"},
		{script: "try_except.py", portCode: 3},
		{script: "uses_numpy.py", portCode: 3},
		{script: "with_class.py", portCode: 3},
	} {
		t.Run(strings.Join(append([]string{tc.script}, tc.args...), " "), func(t *testing.T) {
			dir := t.TempDir()
			star := filepath.Join(dir, strings.TrimSuffix(tc.script, ".py")+".star")
			r := run(t, dir, "", "port", filepath.Join(corpus, tc.script), "-o", star)
			if r.code != tc.portCode {
				t.Fatalf("exosh port exited %d, want %d\n%s", r.code, tc.portCode, r.stderr)
			}
			if tc.portCode != 0 {
				if !strings.Contains(r.stderr, "need a person") {
					t.Errorf("exosh port stderr does not list the lines:\n%s", r.stderr)
				}
				if _, err := os.Stat(star); err != nil {
					t.Errorf("exosh port wrote no output: %v", err)
				}
				return
			}
			want, err := os.ReadFile(filepath.Join(corpus, tc.out))
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, dir, "", append([]string{star}, tc.args...)...)
			if got.code != tc.runCode {
				t.Errorf("exosh %s exited %d, want %d\n%s", tc.script, got.code, tc.runCode, got.stderr)
			}
			if got.stdout != string(want) {
				t.Errorf("stdout differs from Python's:\ngot:\n%s\nwant:\n%s", got.stdout, want)
			}
			if tc.stderr != "" {
				w, err := os.ReadFile(filepath.Join(corpus, tc.stderr))
				if err != nil {
					t.Fatal(err)
				}
				if g := strings.ReplaceAll(got.stderr, ".star", ".py"); g != string(w) {
					t.Errorf("stderr differs from Python's:\ngot:\n%s\nwant:\n%s", g, w)
				}
			}
		})
	}
}

// TestPortUsage checks exosh port's own command line.
func TestPortUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{args: []string{"port"}, code: 2, want: "missing the script"},
		{args: []string{"port", "--help"}, code: 0, want: "usage: exosh port"},
		{args: []string{"port", "a.py", "b.py"}, code: 2, want: "one script at a time"},
		{args: []string{"port", "nothere.py"}, code: 1, want: "nothere.py"},
		{args: []string{"port", "-o"}, code: 2, want: "-o needs one file name"},
	} {
		r := run(t, dir, "", tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
			t.Errorf("exosh %v: exit %d, output %q; want exit %d and %q", tc.args, r.code, r.stdout+r.stderr, tc.code, tc.want)
		}
	}
	// The default output is SCRIPT.star beside the script; a script that
	// does not parse writes nothing.
	if err := os.WriteFile(filepath.Join(dir, "ok.py"), []byte("print('hi')\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "", "port", "ok.py"); r.code != 0 {
		t.Fatalf("port ok.py: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, dir, "", "ok.star"); r.stdout != "hi\n" {
		t.Errorf("ok.star printed %q, want \"hi\\n\"", r.stdout)
	}
	if r := run(t, dir, "", "port", "ok.py", "-o", "./ok.py"); r.code != 2 || !strings.Contains(r.stderr, "overwrite") {
		t.Errorf("port ok.py -o ok.py: exit %d %q, want a refusal", r.code, r.stderr)
	}
	if r := run(t, dir, "", "port", "ok.py", "-o", "-"); r.code != 0 || !strings.Contains(r.stdout, "print(\"hi\")") {
		t.Errorf("port ok.py -o -: exit %d, stdout %q", r.code, r.stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.py"), []byte("x = 'unterminated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "", "port", "bad.py"); r.code != 1 {
		t.Errorf("port bad.py: exit %d, want 1", r.code)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.star")); err == nil {
		t.Errorf("port bad.py wrote bad.star")
	}
}
