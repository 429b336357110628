package pyrun

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

// file is a Python text file from open(), or sys.stdout/sys.stderr.
type file struct {
	name   string
	mode   string
	f      *os.File // nil for the standard streams
	w      io.Writer
	r      *bufio.Reader
	closed bool
	itp    *interp
}

var _ starlark.HasAttrs = (*file)(nil)

func (f *file) String() string {
	return fmt.Sprintf("<_io.TextIOWrapper name=%s mode=%s encoding='UTF-8'>", pyfmt.Quote(f.name), pyfmt.Quote(f.mode))
}
func (f *file) Type() string          { return "file" }
func (f *file) Freeze()               {}
func (f *file) Truth() starlark.Bool  { return true }
func (f *file) Hash() (uint32, error) { return uint32(len(f.name)), nil }
func (f *file) AttrNames() []string {
	return []string{"close", "closed", "flush", "name", "mode", "read", "readline", "readlines", "write", "writelines"}
}

func (f *file) check() error {
	if f.closed {
		return f.itp.newExc("ValueError", "I/O operation on closed file.")
	}
	return nil
}

func (f *file) write(s string) error {
	if err := f.check(); err != nil {
		return err
	}
	if f.w == nil {
		return f.itp.newExc("OSError", "not writable")
	}
	_, err := io.WriteString(f.w, s)
	return err
}

func (f *file) readAll() (string, error) {
	if err := f.check(); err != nil {
		return "", err
	}
	if f.r == nil {
		return "", f.itp.newExc("OSError", "not readable")
	}
	b, err := io.ReadAll(f.r)
	return string(b), err
}

func (f *file) readline() (string, error) {
	if err := f.check(); err != nil {
		return "", err
	}
	if f.r == nil {
		return "", f.itp.newExc("OSError", "not readable")
	}
	s, err := f.r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return s, nil
}

func (f *file) lines() ([]starlark.Value, error) {
	var out []starlark.Value
	for {
		s, err := f.readline()
		if err != nil {
			return nil, err
		}
		if s == "" {
			return out, nil
		}
		out = append(out, starlark.String(s))
	}
}

func (f *file) close() {
	if !f.closed && f.f != nil {
		if bw, ok := f.w.(*bufio.Writer); ok {
			bw.Flush()
		}
		f.f.Close()
	}
	if f.f != nil {
		f.closed = true
	}
}

func (f *file) Attr(name string) (starlark.Value, error) {
	itp := f.itp
	m := func(fn pyFunc) starlark.Value { return itp.builtin(name, fn) }
	switch name {
	case "name":
		return starlark.String(f.name), nil
	case "mode":
		return starlark.String(f.mode), nil
	case "closed":
		return starlark.Bool(f.closed), nil
	case "read":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			s, err := f.readAll()
			return starlark.String(s), err
		}), nil
	case "readline":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			s, err := f.readline()
			return starlark.String(s), err
		}), nil
	case "readlines":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			l, err := f.lines()
			return starlark.NewList(l), err
		}), nil
	case "write":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			s, ok := args[0].(starlark.String)
			if !ok {
				return nil, itp.newExc("TypeError", fmt.Sprintf("write() argument must be str, not %s", pyType(args[0])))
			}
			return starlark.MakeInt(len([]rune(string(s)))), f.write(string(s))
		}), nil
	case "writelines":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			items, err := itp.iterate(args[0])
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				if err := f.write(itp.str(it)); err != nil {
					return nil, err
				}
			}
			return starlark.None, nil
		}), nil
	case "flush":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			if bw, ok := f.w.(*bufio.Writer); ok {
				bw.Flush()
			}
			return starlark.None, nil
		}), nil
	case "close":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			f.close()
			return starlark.None, nil
		}), nil
	case "__enter__":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) { return f, nil }), nil
	case "__exit__":
		return m(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			f.close()
			return starlark.False, nil
		}), nil
	}
	return nil, nil
}

// osError converts a Go file-system error to Python's OSError subclass.
func (itp *interp) osError(err error, path string) error {
	class, errno, msg := "OSError", 5, err.Error()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		class, errno, msg = "FileNotFoundError", 2, "No such file or directory"
	case errors.Is(err, fs.ErrExist):
		class, errno, msg = "FileExistsError", 17, "File exists"
	case errors.Is(err, fs.ErrPermission):
		class, errno, msg = "PermissionError", 13, "Permission denied"
	case strings.Contains(msg, "is a directory"):
		class, errno, msg = "IsADirectoryError", 21, "Is a directory"
	case strings.Contains(msg, "not a directory"):
		class, errno, msg = "NotADirectoryError", 20, "Not a directory"
	case strings.Contains(msg, "directory not empty"):
		errno, msg = 39, "Directory not empty"
	}
	x := itp.newExcArgs(class, starlark.Tuple{starlark.MakeInt(errno), starlark.String(msg)})
	x.inst.Attrs["errno"] = starlark.MakeInt(errno)
	x.inst.Attrs["strerror"] = starlark.String(msg)
	x.inst.Attrs["filename"] = starlark.String(path)
	return x
}

func biOpen(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, itp.newExc("TypeError", "open() missing required argument 'file' (pos 1)")
	}
	path := itp.str(args[0])
	mode := "r"
	if len(args) > 1 {
		mode = itp.str(args[1])
	}
	if v := kwarg(kwargs, "mode"); v != nil {
		mode = itp.str(v)
	}
	flag := os.O_RDONLY
	switch strings.Trim(mode, "bt") {
	case "r":
	case "w":
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case "a":
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	case "r+":
		flag = os.O_RDWR
	case "w+":
		flag = os.O_RDWR | os.O_CREATE | os.O_TRUNC
	case "x":
		flag = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	default:
		return nil, itp.newExc("ValueError", "invalid mode: "+pyfmt.Quote(mode))
	}
	osf, err := os.OpenFile(path, flag, 0o666)
	if err != nil {
		return nil, itp.osError(err, path)
	}
	if st, err := osf.Stat(); err == nil && st.IsDir() {
		osf.Close()
		return nil, itp.osError(errors.New("is a directory"), path)
	}
	f := &file{name: path, mode: mode, f: osf, itp: itp}
	if flag == os.O_RDONLY || flag&os.O_RDWR != 0 {
		f.r = bufio.NewReader(osf)
	}
	if flag != os.O_RDONLY {
		f.w = bufio.NewWriter(osf)
	}
	itp.open = append(itp.open, f)
	return f, nil
}
