package builtins_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exosh/builtins"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarktest"
)

var update = flag.Bool("update", false, "rewrite docs/api.md and golden files")

// sharedDir returns the shared test data directory: $EXOSH_SHARED, else
// ../shared beside the repository root.
func sharedDir(t testing.TB) string {
	if d := os.Getenv("EXOSH_SHARED"); d != "" {
		return d
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "..", "shared")
}

// testPredeclared returns Predeclared() plus the test helpers: assert (from
// starlarktest), shared (the shared test data directory), tmpdir, and
// float_array/int_array, which build detached arrays from lists.
func testPredeclared(t *testing.T) starlark.StringDict {
	t.Helper()
	assert, err := starlarktest.LoadAssertModule()
	if err != nil {
		t.Fatal(err)
	}
	d := builtins.Predeclared()
	d["assert"] = assert["assert"]
	d["freeze"] = assert["freeze"]
	d["shared"] = starlark.String(filepath.Join(sharedDir(t), "testdata"))
	d["tmpdir"] = starlark.String(t.TempDir())
	d["float_array"] = starlark.NewBuiltin("float_array", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var l *starlark.List
		if err := starlark.UnpackPositionalArgs("float_array", args, kwargs, 1, &l); err != nil {
			return nil, err
		}
		data := make([]float64, l.Len())
		for i := range data {
			data[i], _ = starlark.AsFloat(l.Index(i))
		}
		return builtins.NewFloatArray(data), nil
	})
	d["int_array"] = starlark.NewBuiltin("int_array", func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var l *starlark.List
		var bound int
		if err := starlark.UnpackArgs("int_array", args, kwargs, "values", &l, "bound?", &bound); err != nil {
			return nil, err
		}
		data := make([]int32, l.Len())
		for i := range data {
			n, _ := starlark.AsInt32(l.Index(i))
			data[i] = int32(n)
		}
		return builtins.NewIntArray(data, bound), nil
	})
	return d
}

// runScript runs a Starlark test file with the test helpers predeclared;
// assertion failures are test errors. It returns what the script printed
// and what it wrote to standard error (warnings).
func runScript(t *testing.T, path string) (stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	thread := builtins.NewThread(path, &out, &errb)
	starlarktest.SetReporter(thread, t)
	if _, err := builtins.ExecFile(thread, path, nil, testPredeclared(t)); err != nil {
		if ee, ok := err.(*starlark.EvalError); ok {
			t.Fatalf("%s", ee.Backtrace())
		}
		t.Fatal(err)
	}
	return out.String(), errb.String()
}

// TestScripts runs every testdata/*.star file; each asserts its own
// expectations with the assert module.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.star")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "_") {
			continue // loaded by others
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".star"), func(t *testing.T) {
			runScript(t, f)
		})
	}
}

func writeFile(path, src string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(src), 0o644)
}
