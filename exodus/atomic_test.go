package exodus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leftovers returns the temporary files Write may have left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.exosh-*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAtomicWrite checks that a write that fails, early or midway, leaves
// the previous file byte for byte and no temporary file, and that a write
// that succeeds replaces the file with the target's permissions.
func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "model.e")
	if err := Write(target, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	other := smallModel()
	other.Title = "replacement"
	closed := make(chan struct{})
	close(closed)
	cases := []struct {
		name string
		opts *WriteOptions
		want error
	}{
		// fails after the header and some data are on disk
		{"midway, after the coordinates", &WriteOptions{failAfter: "coordy"}, errInjected},
		{"midway, after the nodal data", &WriteOptions{failAfter: "vals_nod_var2"}, errInjected},
		{"at the last array", &WriteOptions{failAfter: "vals_red_var_assembly100"}, errInjected},
		{"netCDF-4, midway", &WriteOptions{Format: NetCDF4, failAfter: "connect1"}, errInjected},
		// Ctrl-C: a closed Stop channel stops the first data write
		{"stopped", &WriteOptions{Stop: closed}, ErrStopped},
		{"netCDF-4, stopped", &WriteOptions{Format: NetCDF4, Stop: closed}, ErrStopped},
	}
	for _, c := range cases {
		err := Write(target, other, c.opts)
		if !errors.Is(err, c.want) || !strings.HasPrefix(err.Error(), "exodus: "+target+": ") {
			t.Errorf("%s: error %v, want %v naming %s", c.name, err, c.want, target)
		}
		after, rerr := os.ReadFile(target)
		if rerr != nil || !bytes.Equal(before, after) {
			t.Errorf("%s: the previous file changed (%v)", c.name, rerr)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("%s: temporary files left: %v", c.name, l)
		}
	}

	// an invalid model fails before any file is created
	bad := smallModel()
	bad.NodeSets[0].Members[0] = 1000
	if err := Write(target, bad, nil); err == nil {
		t.Error("invalid model written")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left after a rejected model: %v", l)
	}

	// success replaces the file, keeps its permissions, leaves nothing else
	if err := Write(target, other, nil); err != nil {
		t.Fatal(err)
	}
	m, err := ReadFile(target)
	if err != nil || m.Title != "replacement" {
		t.Fatalf("replaced file: title %q, error %v", m.Title, err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want 0640 kept", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the target", len(entries))
	}

	// a symbolic link is followed: the file it points to is replaced
	link := filepath.Join(dir, "link.e")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if m, err := ReadFile(target); err != nil || m.Title != "small model" {
		t.Errorf("the link's target was not replaced: %v", err)
	}
}

// TestWriteReadOnlyDirectory checks that a directory without write
// permission gives a clear error and leaves the old file alone.
func TestWriteReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores directory permissions; use a directory that cannot
		// hold files instead
		target := filepath.Join("/proc", "exosh-test.e")
		err := Write(target, smallModel(), nil)
		if err == nil || !strings.Contains(err.Error(), "temporary file") {
			t.Errorf("write into /proc: %v", err)
		}
		return
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "model.e")
	if err := Write(target, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(target)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	err := Write(target, smallModel(), nil)
	if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.HasPrefix(err.Error(), "exodus: "+target) {
		t.Errorf("error %v, want permission denied naming the file", err)
	}
	after, _ := os.ReadFile(target)
	if !bytes.Equal(before, after) {
		t.Error("the previous file changed")
	}
}

// TestWriteOverDirectory refuses to replace a directory.
func TestWriteOverDirectory(t *testing.T) {
	dir := t.TempDir()
	err := Write(dir, smallModel(), nil)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("error %v, want \"is a directory\"", err)
	}
}
