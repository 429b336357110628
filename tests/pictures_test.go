package tests

import (
	"image"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// decodeSize returns the size of a PNG or the frame count of a GIF.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// TestPlotCommand: exosh plot draws a file from the command line.
func TestPlotCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(sharedDir(t), "testdata", "two-block.g")
	out := filepath.Join(dir, "a.png")
	r := run(t, dir, "", "plot", file, "-f", "nodeblock_1", "--step", "2", "--view", "+z", "--size", "320x240", "-o", out)
	if r.code != 0 || strings.TrimSpace(r.stdout) != out {
		t.Fatalf("plot: %s", r.format())
	}
	if b := decodePNG(t, out).Bounds(); b.Dx() != 320 || b.Dy() != 240 {
		t.Errorf("size %v, want 320x240", b)
	}
	gout := filepath.Join(dir, "a.gif")
	r = run(t, dir, "", "plot", "-o", gout, "--size", "160x120", file, "-f", "elementblock_1")
	if r.code != 0 {
		t.Fatalf("plot gif: %s", r.format())
	}
	f, err := os.Open(gout)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil || len(g.Image) != 4 {
		t.Fatalf("gif: %v, %d frames, want 4 (two-block.g has times 0 to 3)", err, len(g.Image))
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"plot"}, 2, "want one Exodus file"},
		{[]string{"plot", file, "--view", "top"}, 1, "unknown view"},
		{[]string{"plot", file, "--size", "big"}, 2, "--size"},
		{[]string{"plot", file, "-f", "nope", "-o", filepath.Join(dir, "b.png")}, 1, "Element field not found"},
		{[]string{"plot", filepath.Join(dir, "missing.e")}, 1, "missing.e"},
	} {
		r := run(t, dir, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%v: %s, want exit %d and %q", c.args, r.format(), c.code, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "b.png")); err == nil {
		t.Error("b.png written despite the error")
	}
}

// TestShowWritesTempFile: outside an image-capable terminal, show writes a
// PNG under the temporary directory and prints its path.
func TestShowWritesTempFile(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "-c", "m = ExodusModel()\nm.build_hex8_cube(1, divisions=2)\nm.show(size=(200, 100))")
	path := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(path, os.TempDir()) || !strings.HasSuffix(path, ".png") {
		t.Fatalf("show: %s", r.format())
	}
	defer os.Remove(path)
	if b := decodePNG(t, path).Bounds(); b.Dx() != 200 || b.Dy() != 100 {
		t.Errorf("size %v, want 200x100", b)
	}
}
