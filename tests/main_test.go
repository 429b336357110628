package tests

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// exosh is the path of the binary built by TestMain.
var exosh string

// TestMain builds the exosh binary once for all tests.
func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "exosh-tests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	exosh = filepath.Join(dir, "exosh")
	build := exec.Command("go", "build", "-o", exosh, "exosh/cmd/exosh")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building exosh:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot returns the repository root (the parent of tests/).
func repoRoot(t testing.TB) string {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// sharedDir returns $EXOSH_SHARED, else ../shared beside the repository root.
func sharedDir(t testing.TB) string {
	if d := os.Getenv("EXOSH_SHARED"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(t), "..", "shared")
}

// result is what one run of exosh did.
type result struct {
	stdout, stderr string
	code           int
}

// run runs exosh with args in dir, with stdin as input.
func run(t testing.TB, dir, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(exosh, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// format renders a result as a golden file: the exit status, then the
// standard output and standard error, with the given paths replaced by
// placeholders so that the file does not depend on the machine.
func (r result) format(replace ...string) string {
	s := fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
	return strings.NewReplacer(replace...).Replace(s)
}

// checkGolden compares got with the golden file, or rewrites it under
// -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./tests -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./tests -update rewrites it):\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// TestScripts runs each testdata/*.star script as
// exosh SCRIPT SHARED_TESTDATA TMPDIR and compares its exit status and
// output with testdata/NAME.golden.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.star")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scripts in testdata")
	}
	data := filepath.Join(sharedDir(t), "testdata")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".star")
		if strings.HasPrefix(name, "_") {
			continue // loaded by others
		}
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			r := run(t, ".", "", f, data, tmp)
			checkGolden(t, filepath.Join("testdata", name+".golden"), r.format(tmp, "$TMP", data, "$SHARED"))
		})
	}
}

// TestExamples runs each scripts/examples/*.star from the repository root,
// as make demo does but with a temporary directory as argv[1] for the files
// it writes, and compares its exit status and output with the .out file
// beside it.
func TestExamples(t *testing.T) {
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "scripts", "examples", "*.star"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(filepath.Base(f), func(t *testing.T) {
			tmp := t.TempDir()
			r := run(t, root, "", rel, tmp)
			if r.code != 0 {
				t.Errorf("%s exited with status %d:\n%s", rel, r.code, r.stderr)
			}
			checkGolden(t, strings.TrimSuffix(f, ".star")+".out", r.format(tmp, "$TMP"))
		})
	}
}
