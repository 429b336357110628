package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileStop writes to a new path, over an existing file, and with
// a closed stop: the last leaves the target as it was and no temporary
// file in the directory.
func TestWriteFileStop(t *testing.T) {
	closed := make(chan struct{})
	close(closed)
	for _, c := range []struct {
		name     string
		existing []byte // nil: no file before
		stop     <-chan struct{}
		want     []byte // the target's contents after
		wantErr  error
	}{
		{"new file", nil, nil, []byte("new"), nil},
		{"replace", []byte("old"), make(chan struct{}), []byte("new"), nil},
		{"stopped, no file", nil, closed, nil, ErrStopped},
		{"stopped, existing file", []byte("old"), closed, []byte("old"), ErrStopped},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.png")
			if c.existing != nil {
				if err := os.WriteFile(path, c.existing, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteFileStop(path, []byte("new"), c.stop)
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil && err != nil) {
				t.Fatalf("WriteFileStop: %v, want %v", err, c.wantErr)
			}
			got, rerr := os.ReadFile(path)
			switch {
			case c.want == nil && !os.IsNotExist(rerr):
				t.Errorf("the file exists (%q, %v)", got, rerr)
			case c.want != nil && string(got) != string(c.want):
				t.Errorf("contents %q (%v), want %q", got, rerr, c.want)
			}
			if c.existing != nil && c.wantErr == nil {
				if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("replaced file's mode: %v, %v; want 0600 kept", fi.Mode().Perm(), err)
				}
			}
			// Only the target, if any: no temporary file is left.
			entries, _ := os.ReadDir(dir)
			want := 0
			if c.want != nil {
				want = 1
			}
			if len(entries) != want {
				t.Errorf("%d entries in the directory, want %d", len(entries), want)
			}
		})
	}
}
