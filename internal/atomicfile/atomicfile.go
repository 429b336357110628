// Package atomicfile writes whole files atomically: a reader of the path
// sees the old file or the complete new one, never a part.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// WriteFile writes data to path atomically: to a temporary file in path's
// directory, synced, then renamed over path (a symbolic link at path is
// followed). On failure the temporary file is removed and path is left as
// it was. A new file gets mode 0666 less the umask; a replaced file keeps
// its permissions.
func WriteFile(path string, data []byte) error {
	return WriteFileStop(path, data, nil)
}

// ErrStopped is returned by WriteFileStop when its stop channel closed
// before the file was put in place.
var ErrStopped = errors.New("stopped before the file was written")

// WriteFileStop is WriteFile that gives up, leaving path as it was and
// returning ErrStopped, if stop is closed before the temporary file is
// renamed over path (a nil stop never closes). A caller abandoned by its
// user (Ctrl-C in the shell) thus leaves no file behind it.
func WriteFileStop(path string, data []byte, stop <-chan struct{}) (err error) {
	if stopped(stop) {
		return ErrStopped
	}
	target := path
	if t, lerr := filepath.EvalSymlinks(path); lerr == nil {
		target = t
	}
	mode := os.FileMode(0o666)
	keep := false
	if fi, serr := os.Stat(target); serr == nil {
		if fi.IsDir() {
			return fmt.Errorf("%s: is a directory", path)
		}
		mode, keep = fi.Mode().Perm(), true
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".exosh-*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot create the temporary file: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if keep {
		err = f.Chmod(mode)
	} else {
		err = f.Chmod(mode &^ umask())
	}
	if err != nil {
		return fmt.Errorf("%s: cannot set permissions: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("%s: cannot sync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if stopped(stop) {
		os.Remove(tmp)
		return ErrStopped
	}
	if err = os.Rename(tmp, target); err != nil {
		return fmt.Errorf("%s: cannot rename the temporary file: %w", path, err)
	}
	return nil
}

// stopped reports whether stop is closed.
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// umask returns the process's file mode creation mask as Linux reports it
// in /proc/self/status (setting and restoring it with umask(2) would race
// with files other goroutines create), or 022 where that is unavailable.
func umask() os.FileMode {
	data, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "Umask:"); ok {
				if u, err := strconv.ParseUint(strings.TrimSpace(rest), 8, 32); err == nil {
					return os.FileMode(u)
				}
			}
		}
	}
	return 0o022
}
