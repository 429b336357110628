package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffCommand runs exosh diff as a harness would: exit statuses, the
// closing line and EXODIFF_OPTIONS.
func TestDiffCommand(t *testing.T) {
	f := filepath.Join(sharedDir(t), "testdata", "exodus.g")
	if _, err := os.Stat(f); err != nil {
		t.Skip("shared test data not found")
	}
	r := run(t, ".", "", "diff", f, f)
	if r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), "exodiff: Files are the same") {
		t.Errorf("same file: %s", r.format())
	}
	// A different file (a copy with a changed coordinate) through the CLI.
	tmp := t.TempDir()
	cp := filepath.Join(tmp, "moved.e")
	r = run(t, ".", "", "-c", `m = import_model(argv[1])
m.translate_geometry([0.5, 0.0, 0.0])
m.export_model(argv[2])`, f, cp)
	if r.code != 0 {
		t.Fatalf("making the copy: %s", r.format())
	}
	r = run(t, ".", "", "diff", "-quiet", f, cp)
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, "Differences found in mesh") {
		t.Errorf("moved mesh: %s", r.format())
	}
	// Options from EXODIFF_OPTIONS: -coordinate_tolerance 1 accepts the move.
	t.Setenv("EXODIFF_OPTIONS", "-coordinate_tolerance 1")
	r = run(t, ".", "", "diff", f, cp)
	if r.code != 0 || !strings.Contains(r.stdout, "EXODIFF_OPTIONS") {
		t.Errorf("EXODIFF_OPTIONS: %s", r.format())
	}
	t.Setenv("EXODIFF_OPTIONS", "")
	if r = run(t, ".", "", "diff", f); r.code != 1 {
		t.Errorf("one file: %s", r.format())
	}
	if r = run(t, ".", "", "diff", "-version"); r.code != 0 || !strings.Contains(r.stdout, "EXODIFF") {
		t.Errorf("-version: %s", r.format())
	}
}

// TestTestCommand runs exosh test on the example suite (it passes) and on
// a failing one.
func TestTestCommand(t *testing.T) {
	root := repoRoot(t)
	r := run(t, root, "", "test", "scripts/examples")
	if r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), " passed, 0 failed") {
		t.Errorf("examples suite: %s", r.format())
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x_test.star"), []byte("def test_a():\n    assert.eq(1, 2)\n"), 0o644)
	r = run(t, dir, "", "test")
	if r.code != 1 || !strings.Contains(r.stdout, "x_test.star:2: assert.eq: 1 != 2") || !strings.HasSuffix(r.stdout, "0 passed, 1 failed\n") {
		t.Errorf("failing suite: %s", r.format())
	}
}
