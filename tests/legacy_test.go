package tests

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// legacyCase is one command line of a legacy/NAME.py script: the lines
// "# case CASE: ARGS..." of the script, with $SHARED and $TMP in ARGS.
type legacyCase struct {
	script, name string
	args         []string
}

func legacyCases(t *testing.T) []legacyCase {
	t.Helper()
	scripts, err := filepath.Glob("legacy/*.py")
	if err != nil {
		t.Fatal(err)
	}
	var cases []legacyCase
	for _, s := range scripts {
		f, err := os.Open(s)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			rest, ok := strings.CutPrefix(sc.Text(), "# case ")
			if !ok {
				continue
			}
			name, args, _ := strings.Cut(rest, ":")
			cases = append(cases, legacyCase{script: s, name: strings.TrimSpace(name), args: strings.Fields(args)})
		}
		f.Close()
	}
	if len(scripts) < 12 || len(cases) < 12 {
		t.Fatalf("the legacy corpus has %d scripts and %d cases, want at least 12 of each", len(scripts), len(cases))
	}
	return cases
}

// legacyRunners are the ways a legacy script runs; each must give the
// expected output: exosh SCRIPT.py ARGS, and exosh port SCRIPT.py -o
// TMP/x.star followed by exosh TMP/x.star ARGS.
var legacyRunners = []struct {
	name string
	run  func(t *testing.T, script string, args []string) result
}{
	{"py", func(t *testing.T, script string, args []string) result {
		return run(t, ".", "", append([]string{script}, args...)...)
	}},
	{"port", runPorted},
}

// portedFully lists the corpus scripts exosh port translates completely
// (exit 0). The others use what Starlark cannot express (classes, try,
// with, files, ...): port must exit 3 and list those lines at the top of
// its output, and the ported script is not run.
var portedFully = map[string]bool{
	"edit_nodes.py":   true,
	"from_scratch.py": true,
	"legacy_attrs.py": true,
}

// runPorted ports script with exosh port and runs the result; for a script
// port cannot translate completely it checks the exit status 3 and the
// list of untranslated lines, and skips the run.
func runPorted(t *testing.T, script string, args []string) result {
	star := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(script), ".py")+".star")
	p := run(t, ".", "", "port", script, "-o", star)
	if !portedFully[filepath.Base(script)] {
		if p.code != 3 {
			t.Fatalf("exosh port %s: exit %d, want 3 (it uses what Starlark lacks); stderr:\n%s", script, p.code, p.stderr)
		}
		src, err := os.ReadFile(star)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "could not be translated") || !strings.Contains(string(src), "#   line ") {
			t.Fatalf("exosh port %s exited 3 without listing the lines it could not translate:\n%s", script, src)
		}
		t.Skip("exosh port leaves lines to a person (exit 3), as it should; the ported script is not run")
	}
	if p.code != 0 {
		t.Fatalf("exosh port %s: exit %d, want 0; stderr:\n%s", script, p.code, p.stderr)
	}
	return run(t, ".", "", append([]string{star}, args...)...)
}

// TestLegacyScripts runs each Python script of tests/legacy with each of
// legacyRunners and compares its exit status and standard output with
// legacy/NAME.CASE.expected, which reference/derive.py wrote from CPython 3
// with a reference exomerge (never from exosh). Standard error is not
// compared: exomerge's banner and boxed warnings have no exosh equivalent.
func TestLegacyScripts(t *testing.T) {
	data := filepath.Join(sharedDir(t), "testdata")
	for _, c := range legacyCases(t) {
		base := strings.TrimSuffix(filepath.Base(c.script), ".py")
		want, err := os.ReadFile(filepath.Join("legacy", base+"."+c.name+".expected"))
		if err != nil {
			t.Fatalf("%v (run /usr/bin/python3 tests/legacy/reference/derive.py %s)", err, base)
		}
		for _, r := range legacyRunners {
			t.Run(base+"."+c.name+"/"+r.name, func(t *testing.T) {
				tmp := t.TempDir()
				args := make([]string, len(c.args))
				for i, a := range c.args {
					args[i] = strings.NewReplacer("$SHARED", data, "$TMP", tmp).Replace(a)
				}
				res := r.run(t, c.script, args)
				got := "exit: " + itoa(res.code) + "\n--- stdout\n" + strings.NewReplacer(tmp, "$TMP", data, "$SHARED").Replace(res.stdout)
				if got != string(want) {
					t.Errorf("%s %s:\n--- got\n%s\n--- want\n%s\n--- stderr\n%s", c.script, strings.Join(c.args, " "), got, want, res.stderr)
				}
			})
		}
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestPythonInput checks that -c, standard input and the REPL run Python
// when the input is Python (outputs by hand, as CPython prints them).
func TestPythonInput(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		stdout      string
	}{
		{"-c", "", []string{"-c", "import sys; print(sys.argv); sys.exit(3)", "a"}, 3, "['-c', 'a']\n"},
		{"-c starlark", "", []string{"-c", "print(argv)", "a"}, 0, "[\"-c\", \"a\"]\n"},
		{"stdin", "print \"py2\", 1 / 2\n", []string{"-"}, 0, "py2 0.5\n"},
		{"repl", "x = 2\nimport math\ntry:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught', e, x)\n\nclass A:\n    pass\n\nprint(A.__name__, 7 / 2)\nimport sys\nsys.exit(4)\nprint('not reached')\n",
			nil, 4, "caught division by zero 2\nA 3.5\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, ".", tc.stdin, tc.args...)
			if r.code != tc.code || r.stdout != tc.stdout {
				t.Errorf("got %d %q, want %d %q; stderr:\n%s", r.code, r.stdout, tc.code, tc.stdout, r.stderr)
			}
		})
	}
}
