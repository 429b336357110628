package tests

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"exosh/exodus"
)

// TestBadInputExitsOne feeds import_model files that are not Exodus and
// checks that exosh exits 1 with a message naming the file, never a panic or
// a crash.
func TestBadInputExitsOne(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(sharedDir(t), "testdata", "exomerge_unit_test.e"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	files := map[string][]byte{
		"empty.e":          {},
		"random.e":         random,
		"header-only.e":    good[:512],
		"truncated-half.e": good[:len(good)/2],
		"truncated-end.e":  good[:len(good)-1],
		"text.e":           []byte("this is not a netCDF file\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "adir.e"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []string{"missing.e", "adir.e", "empty.e", "random.e", "header-only.e", "truncated-half.e", "truncated-end.e", "text.e"}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			r := run(t, dir, "", "-c", fmt.Sprintf("model = import_model(%q)", name))
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\nstderr: %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, name) || !strings.Contains(r.stderr, "exodus:") {
				t.Errorf("stderr does not name the file and the exodus reader:\n%s", r.stderr)
			}
			for _, bad := range []string{"panic", "goroutine ", "SIGSEGV"} {
				if strings.Contains(r.stderr, bad) {
					t.Errorf("stderr shows a crash (%q):\n%s", bad, r.stderr)
				}
			}
		})
	}
}

// TestKilledExport kills exosh with SIGKILL while it exports over an
// existing file, at several moments of the write, and checks that the file
// afterwards is either the old one, byte for byte, or a complete new one.
func TestKilledExport(t *testing.T) {
	if testing.Short() {
		t.Skip("writes ~100 MB several times")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "out.e")
	// The old file: a small cube.
	if r := run(t, dir, "", "-c", `m = ExodusModel(); m.build_hex8_cube(1, divisions=2); m.export_model("out.e")`); r.code != 0 {
		t.Fatalf("writing the old file: exit %d: %s", r.code, r.stderr)
	}
	old, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	// The new file: a 50^3 cube with fields over 8 steps (~60 MB).
	const script = `
m = ExodusModel()
m.build_hex8_cube(1, divisions=50)
for t in range(8):
    m.create_timestep(float(t))
for name in ["a", "b", "c"]:
    m.create_node_field(name, 1.5)
    m.create_element_field("e" + name, 1, 2.5)
m.export_model("out.e")
print("done")
`
	const newNodes = 51 * 51 * 51
	check := func(label string) (isNew bool) {
		t.Helper()
		data, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("%s: the target is gone: %v", label, err)
		}
		if bytes.Equal(data, old) {
			return false
		}
		m, err := exodus.ReadFile(target)
		if err != nil {
			t.Fatalf("%s: the target is neither the old file (sha %x) nor a readable new one: %v", label, sha256.Sum256(old), err)
		}
		if m.NumNodes() != newNodes || len(m.Timesteps) != 8 || len(m.NodeFields) != 3 {
			t.Fatalf("%s: the new file is incomplete: %d nodes, %d steps, %d node fields", label, m.NumNodes(), len(m.Timesteps), len(m.NodeFields))
		}
		if v := m.NodeFields[2].Values[7][newNodes-1]; v != 1.5 {
			t.Fatalf("%s: last value of the last node field is %g, want 1.5", label, v)
		}
		return true
	}
	sawOld, sawNew := false, false
	for i, delay := range []time.Duration{0, 5, 20, 50, 100, 200, 400} {
		// Restore the old file between rounds.
		if err := os.WriteFile(target, old, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exosh, "-c", script)
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the temporary file to appear, then let the write run a
		// little before the kill.
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.e.exosh-*.tmp")); len(tmps) > 0 {
				break
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if check(fmt.Sprintf("round %d (kill %dms into the write)", i, delay)) {
			sawNew = true
			t.Logf("kill %3dms into the write: the complete new file", delay)
		} else {
			sawOld = true
			t.Logf("kill %3dms into the write: the old file", delay)
		}
		tmps, _ := filepath.Glob(filepath.Join(dir, ".out.e.exosh-*.tmp"))
		for _, tmp := range tmps {
			os.Remove(tmp)
		}
	}
	if !sawOld {
		t.Errorf("no kill landed during the write; the test did not test anything")
	}
	// A run that is not killed replaces the file.
	if r := run(t, dir, "", "-c", script); r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	if !check("uninterrupted run") {
		t.Errorf("an uninterrupted export left the old file in place")
	}
	t.Logf("kills that left the old file: %v; that left the new one: %v", sawOld, sawNew)
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.e.exosh-*.tmp")); len(tmps) > 0 {
		t.Errorf("a finished export left temporary files: %v", tmps)
	}
}

// TestNoHDF5Diagnostics reads a netCDF-4 copy of a results file several
// times: libnetcdf probes attributes that do not exist, and HDF5 must not
// print its error traces for them, whichever OS thread runs the calls.
func TestNoHDF5Diagnostics(t *testing.T) {
	dir := t.TempDir()
	nc4 := filepath.Join(dir, "unit4.e")
	src := filepath.Join(sharedDir(t), "testdata", "exomerge_unit_test.e")
	if out, err := exec.Command("nccopy", "-k", "nc4", "-d", "1", src, nc4).CombinedOutput(); err != nil {
		t.Fatalf("nccopy: %v\n%s", err, out)
	}
	for i := range 8 {
		r := run(t, dir, "", "-c", `m = import_model("unit4.e"); m.export_model("again.e")`)
		if r.code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "HDF5-DIAG") {
			t.Fatalf("run %d printed HDF5 diagnostics:\n%.2000s", i, r.stderr)
		}
	}
}
