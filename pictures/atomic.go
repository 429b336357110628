package pictures

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFile writes data to path atomically: to a temporary file in the
// same directory, synced, then renamed over path. On failure the
// temporary file is removed and path is left as it was.
func writeFile(path string, data []byte) (err error) {
	target := path
	if t, lerr := filepath.EvalSymlinks(path); lerr == nil {
		target = t
	}
	if fi, serr := os.Stat(target); serr == nil && fi.IsDir() {
		return fmt.Errorf("pictures: %s: is a directory", path)
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".exosh-*.tmp")
	if err != nil {
		return fmt.Errorf("pictures: %s: cannot create the temporary file: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("pictures: %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("pictures: %s: cannot set permissions: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("pictures: %s: cannot sync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("pictures: %s: %w", path, err)
	}
	if err = os.Rename(tmp, target); err != nil {
		return fmt.Errorf("pictures: %s: cannot rename the temporary file: %w", path, err)
	}
	return nil
}
