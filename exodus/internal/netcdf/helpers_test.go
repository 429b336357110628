package netcdf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// sharedDir returns the shared reference directory: $EXOSH_SHARED, or
// ../shared beside the repository root (the directory holding go.mod).
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("EXOSH_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("repository root (go.mod) not found above the test directory")
		}
		dir = parent
	}
}

// testdata returns the path of a shared test file, failing if it is missing.
func testdata(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(sharedDir(t), "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared test file: %v (set EXOSH_SHARED)", err)
	}
	return p
}

// mustOpen opens path and registers its Close.
func mustOpen(t testing.TB, path string) *File {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// mustVar looks up a variable that must exist.
func mustVar(t testing.TB, f *File, name string) Var {
	t.Helper()
	v, ok, err := f.Var(name)
	if err != nil || !ok {
		t.Fatalf("Var(%q) = ok %v, err %v", name, ok, err)
	}
	return v
}

// wantCode checks that err is an *Error with the given code.
func wantCode(t testing.TB, what string, err error, code int) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: error %v (%T), want *Error with code %d", what, err, err, code)
		return
	}
	if e.Code != code {
		t.Errorf("%s: code %d (%v), want %d (%s)", what, e.Code, err, code, Strerror(code))
	}
}

var allFormats = []Format{Classic, Offset64, CDF5, NetCDF4, NetCDF4Classic}

// extended reports whether f supports the CDF-5 / netCDF-4 types
// (unsigned and 64-bit integers).
func extended(f Format) bool { return f == CDF5 || f == NetCDF4 }

// runPython runs a Python script with args using the given interpreter.
func runPython(python, script string, args ...string) error {
	out, err := exec.Command(python, append([]string{"-c", script}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}
