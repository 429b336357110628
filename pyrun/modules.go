package pyrun

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"exosh/builtins"

	starmath "go.starlark.net/lib/math"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// offers says, for modules exosh does not have, what it offers instead.
var offers = map[string]string{
	"numpy":      "exosh has no numpy; the arrays the model hands out (get_node_field_values, get_element_field_values, ...) are exosh array values with + - * /, min(), max(), sum(), mean(), tolist() and copy(), and plain lists work for the rest",
	"scipy":      "exosh has no scipy; the model's methods and exosh's array values (+ - * /, min, max, sum, mean) cover field arithmetic",
	"matplotlib": "exosh has no plotting; write the values to a file (open(...).write or json.dump) and plot them elsewhere",
	"pandas":     "exosh has no pandas; use lists and dicts, and write CSV with open() and %-formatting",
	"exodus":     "exosh reads and writes Exodus files itself: use exomerge.import_model and model.export_model",
	"exodus2":    "exosh reads and writes Exodus files itself: use exomerge.import_model and model.export_model",
	"exodus3":    "exosh reads and writes Exodus files itself: use exomerge.import_model and model.export_model",
}

// importModule returns the module name, or raises ImportError naming the
// module and line.
func (itp *interp) importModule(name string, line int) (starlark.Value, error) {
	if m, ok := itp.modules[name]; ok {
		return m, nil
	}
	var m *Module
	switch name {
	case "exomerge", "exomerge2", "exomerge3":
		m = itp.exomerge
	case "sys":
		m = itp.sysModule()
	case "os":
		m = itp.osModule()
	case "os.path":
		osm, _ := itp.importModule("os", line)
		return osm.(*Module).members["path"], nil
	case "math":
		m = newModule("math")
		for k, v := range starmath.Module.Members {
			m.members[k] = v
		}
		unary := func(name string, f func(float64) starlark.Value) {
			m.members[name] = itp.builtin(name, func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				if len(args) != 1 {
					return nil, itp.newExc("TypeError", fmt.Sprintf("math.%s() takes exactly one argument (%d given)", name, len(args)))
				}
				x, ok := starlark.AsFloat(args[0])
				if !ok {
					return nil, itp.newExc("TypeError", fmt.Sprintf("must be real number, not %s", pyType(args[0])))
				}
				return f(x), nil
			})
		}
		unary("log10", func(x float64) starlark.Value { return starlark.Float(math.Log10(x)) })
		unary("log2", func(x float64) starlark.Value { return starlark.Float(math.Log2(x)) })
		unary("isnan", func(x float64) starlark.Value { return starlark.Bool(math.IsNaN(x)) })
		unary("isinf", func(x float64) starlark.Value { return starlark.Bool(math.IsInf(x, 0)) })
		unary("isfinite", func(x float64) starlark.Value { return starlark.Bool(!math.IsInf(x, 0) && !math.IsNaN(x)) })
		unary("trunc", func(x float64) starlark.Value { return starlark.MakeInt64(int64(math.Trunc(x))) })
		m.members["inf"] = starlark.Float(math.Inf(1))
		m.members["nan"] = starlark.Float(math.NaN())
		m.members["tau"] = starlark.Float(2 * math.Pi)
		m.members["isclose"] = itp.builtin("isclose", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			a, _ := starlark.AsFloat(args[0])
			b, _ := starlark.AsFloat(args[1])
			rel, abs := 1e-9, 0.0
			if v := kwarg(kwargs, "rel_tol"); v != nil {
				rel, _ = starlark.AsFloat(v)
			}
			if v := kwarg(kwargs, "abs_tol"); v != nil {
				abs, _ = starlark.AsFloat(v)
			}
			return starlark.Bool(a == b || math.Abs(a-b) <= math.Max(rel*math.Max(math.Abs(a), math.Abs(b)), abs)), nil
		})
	case "time":
		m = itp.timeModule()
	case "re":
		m = itp.reModule()
	case "json":
		m = itp.jsonModule()
	case "copy":
		m = newModule("copy")
		m.members["copy"] = itp.builtin("copy", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return itp.copyValue(args[0], false), nil
		})
		m.members["deepcopy"] = itp.builtin("deepcopy", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return itp.copyValue(args[0], true), nil
		})
	case "string":
		m = newModule("string")
		lower, upper, digits := "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
		punct := "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
		for k, v := range map[string]string{
			"ascii_lowercase": lower, "ascii_uppercase": upper, "ascii_letters": lower + upper,
			"digits": digits, "hexdigits": digits + "abcdefABCDEF", "octdigits": "01234567",
			"punctuation": punct, "whitespace": " \t\n\r\x0b\x0c",
			"printable": digits + lower + upper + punct + " \t\n\r\x0b\x0c",
		} {
			m.members[k] = starlark.String(v)
		}
		m.members["letters"] = m.members["ascii_letters"]
		m.members["lowercase"] = m.members["ascii_lowercase"]
		m.members["uppercase"] = m.members["ascii_uppercase"]
		// Python 2's string functions: string.upper(s) is s.upper()
		for _, f := range []string{"upper", "lower", "strip", "lstrip", "rstrip", "split", "replace", "find", "rfind", "count", "ljust", "rjust", "center", "zfill", "capitalize"} {
			f := f
			m.members[f] = itp.builtin(f, func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
				meth, err := itp.getattr(args[0], f)
				if err != nil {
					return nil, err
				}
				return itp.call(meth, args[1:], kwargs)
			})
		}
		m.members["join"] = itp.builtin("join", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			sep := starlark.Value(starlark.String(" "))
			if len(args) > 1 {
				sep = args[1]
			}
			meth, err := itp.getattr(sep, "join")
			if err != nil {
				return nil, err
			}
			return itp.call(meth, args[:1], nil)
		})
		m.members["atoi"] = itp.builtin("atoi", biInt)
		m.members["atof"] = itp.builtin("atof", biFloat)
	case "glob":
		m = itp.globModule()
	case "shutil":
		m = itp.shutilModule()
	case "collections":
		m = itp.collectionsModule()
	case "textwrap":
		m = itp.textwrapModule()
	case "argparse":
		m = itp.argparseModule()
	case "optparse":
		m = itp.optparseModule()
	default:
		if lm, found, err := itp.localModule(name); found {
			return lm, err
		}
		msg := fmt.Sprintf("No module named '%s'", name)
		x := itp.newExc("ModuleNotFoundError", msg)
		x.inst.Attrs["name"] = starlark.String(name)
		x.inst.Attrs["exosh_line"] = starlark.MakeInt(line)
		return nil, x
	}
	itp.modules[name] = m
	return m, nil
}

// exomergeModule builds the module that import exomerge (2, 3) binds: the
// same functions as exosh's predeclared exomerge module, plus exomerge's
// module-level settings.
func (itp *interp) exomergeModule() *Module {
	m := newModule("exomerge")
	itp.exomergeFns = map[*starlark.Builtin]bool{}
	pre := builtins.Predeclared()
	if em, ok := pre["exomerge"].(*starlarkstruct.Module); ok {
		for k, v := range em.Members {
			m.members[k] = v
			if b, ok := v.(*starlark.Builtin); ok {
				itp.exomergeFns[b] = true
			}
		}
	}
	m.members["CONTACT"] = starlark.String("exosh: see README.md, section \"Running your exomerge scripts\"")
	m.members["SHOW_BANNER"] = starlark.True
	m.members["EXIT_ON_WARNING"] = starlark.False
	m.members["SUPPRESS_EXODUS_OUTPUT"] = starlark.False
	dep := starlark.NewDict(1)
	dep.SetKey(starlark.String("write"), starlark.String("export"))
	m.members["DEPRECATED_FUNCTIONS"] = dep
	return m
}

func (itp *interp) sysModule() *Module {
	m := newModule("sys")
	argv := make([]starlark.Value, len(itp.argv))
	for i, a := range itp.argv {
		argv[i] = starlark.String(a)
	}
	m.members["argv"] = starlark.NewList(argv)
	m.members["exit"] = itp.builtin("exit", biExit)
	m.members["version_info"] = &versionInfo{starlark.Tuple{starlark.MakeInt(3), starlark.MakeInt(11), starlark.MakeInt(0), starlark.String("final"), starlark.MakeInt(0)}}
	m.members["version"] = starlark.String("3.11.0 (exosh " + builtins.Version + ")")
	m.members["platform"] = starlark.String("linux")
	m.members["maxsize"] = starlark.MakeInt64(math.MaxInt64)
	m.members["maxint"] = m.members["maxsize"]
	m.members["executable"] = starlark.String("exosh")
	m.members["path"] = starlark.NewList(nil)
	m.members["stdout"] = &file{name: "<stdout>", mode: "w", w: itp.stdout, itp: itp}
	m.members["stderr"] = &file{name: "<stderr>", mode: "w", w: itp.stderr, itp: itp}
	m.members["modules"] = starlark.NewDict(0)
	return m
}

func (itp *interp) osModule() *Module {
	m := newModule("os")
	env := starlark.NewDict(0)
	vars := os.Environ()
	sort.Strings(vars)
	for _, kv := range vars {
		k, v, _ := strings.Cut(kv, "=")
		env.SetKey(starlark.String(k), starlark.String(v))
	}
	m.members["environ"] = env
	m.members["sep"] = starlark.String("/")
	m.members["linesep"] = starlark.String("\n")
	m.members["curdir"] = starlark.String(".")
	m.members["name"] = starlark.String("posix")
	str := func(args starlark.Tuple, i int) string {
		if i < len(args) {
			return itp.str(args[i])
		}
		return ""
	}
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	fn("getenv", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		v, found, _ := env.Get(starlark.String(str(args, 0)))
		if found {
			return v, nil
		}
		if len(args) > 1 {
			return args[1], nil
		}
		if d := kwarg(kwargs, "default"); d != nil {
			return d, nil
		}
		return starlark.None, nil
	})
	fn("getcwd", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		d, err := os.Getwd()
		return starlark.String(d), err
	})
	fn("chdir", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if err := os.Chdir(str(args, 0)); err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.None, nil
	})
	rm := func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return nil, itp.osError(fmt.Errorf("is a directory"), p)
		}
		if err := os.Remove(p); err != nil {
			return nil, itp.osError(err, p)
		}
		return starlark.None, nil
	}
	fn("remove", rm)
	fn("unlink", rm)
	fn("rmdir", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if err := os.Remove(str(args, 0)); err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.None, nil
	})
	fn("rename", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if err := os.Rename(str(args, 0), str(args, 1)); err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.None, nil
	})
	fn("mkdir", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if err := os.Mkdir(str(args, 0), 0o777); err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.None, nil
	})
	fn("makedirs", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		exist := false
		if v := kwarg(kwargs, "exist_ok"); v != nil {
			exist = itp.truth(v)
		}
		if _, err := os.Stat(p); err == nil && !exist {
			return nil, itp.osError(os.ErrExist, p)
		}
		if err := os.MkdirAll(p, 0o777); err != nil {
			return nil, itp.osError(err, p)
		}
		return starlark.None, nil
	})
	fn("listdir", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		if p == "" {
			p = "."
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, itp.osError(err, p)
		}
		out := make([]starlark.Value, len(ents))
		for i, e := range ents {
			out[i] = starlark.String(e.Name())
		}
		return starlark.NewList(out), nil
	})
	m.members["path"] = itp.osPathModule()
	return m
}

func (itp *interp) osPathModule() *Module {
	m := newModule("posixpath")
	str := func(args starlark.Tuple, i int) string {
		if i < len(args) {
			return itp.str(args[i])
		}
		return ""
	}
	s := func(v string) starlark.Value { return starlark.String(v) }
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	fn("join", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		out := ""
		for i := range args {
			p := str(args, i)
			switch {
			case strings.HasPrefix(p, "/"):
				out = p
			case out == "" || strings.HasSuffix(out, "/"):
				out += p
			default:
				out += "/" + p
			}
		}
		return s(out), nil
	})
	fn("exists", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		_, err := os.Stat(str(args, 0))
		return starlark.Bool(err == nil), nil
	})
	fn("isfile", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		st, err := os.Stat(str(args, 0))
		return starlark.Bool(err == nil && st.Mode().IsRegular()), nil
	})
	fn("isdir", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		st, err := os.Stat(str(args, 0))
		return starlark.Bool(err == nil && st.IsDir()), nil
	})
	fn("isabs", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.Bool(strings.HasPrefix(str(args, 0), "/")), nil
	})
	fn("basename", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		return s(p[strings.LastIndex(p, "/")+1:]), nil
	})
	fn("dirname", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		d := p[:strings.LastIndex(p, "/")+1]
		if strings.Trim(d, "/") != "" {
			d = strings.TrimRight(d, "/")
		}
		return s(d), nil
	})
	fn("split", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		i := strings.LastIndex(p, "/") + 1
		d := p[:i]
		if strings.Trim(d, "/") != "" {
			d = strings.TrimRight(d, "/")
		}
		return starlark.Tuple{s(d), s(p[i:])}, nil
	})
	fn("splitext", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		base := p[strings.LastIndex(p, "/")+1:]
		dot := strings.LastIndex(base, ".")
		if dot <= 0 || strings.Trim(base[:dot], ".") == "" {
			return starlark.Tuple{s(p), s("")}, nil
		}
		cut := len(p) - len(base) + dot
		return starlark.Tuple{s(p[:cut]), s(p[cut:])}, nil
	})
	fn("abspath", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		a, err := filepath.Abs(str(args, 0))
		return s(a), err
	})
	fn("realpath", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		a, _ := filepath.Abs(str(args, 0))
		if r, err := filepath.EvalSymlinks(a); err == nil {
			a = r
		}
		return s(a), nil
	})
	fn("normpath", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return s(filepath.Clean(str(args, 0))), nil
	})
	fn("expanduser", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		p := str(args, 0)
		if h, err := os.UserHomeDir(); err == nil && (p == "~" || strings.HasPrefix(p, "~/")) {
			p = h + p[1:]
		}
		return s(p), nil
	})
	fn("getsize", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		st, err := os.Stat(str(args, 0))
		if err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.MakeInt64(st.Size()), nil
	})
	fn("getmtime", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		st, err := os.Stat(str(args, 0))
		if err != nil {
			return nil, itp.osError(err, str(args, 0))
		}
		return starlark.Float(float64(st.ModTime().UnixNano()) / 1e9), nil
	})
	m.members["sep"] = s("/")
	return m
}

func (itp *interp) timeModule() *Module {
	m := newModule("time")
	start := time.Now()
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	fn("time", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.Float(float64(time.Now().UnixNano()) / 1e9), nil
	})
	for _, name := range []string{"perf_counter", "process_time", "clock", "monotonic"} {
		fn(name, func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return starlark.Float(time.Since(start).Seconds()), nil
		})
	}
	fn("sleep", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		f, _ := starlark.AsFloat(args[0])
		time.Sleep(time.Duration(f * float64(time.Second)))
		return starlark.None, nil
	})
	fn("ctime", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.String(time.Now().Format("Mon Jan _2 15:04:05 2006")), nil
	})
	fn("strftime", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		r := strings.NewReplacer("%Y", "2006", "%m", "01", "%d", "02", "%H", "15", "%M", "04", "%S", "05",
			"%y", "06", "%b", "Jan", "%B", "January", "%a", "Mon", "%A", "Monday", "%p", "PM", "%I", "03", "%%", "%")
		return starlark.String(time.Now().Format(r.Replace(itp.str(args[0])))), nil
	})
	return m
}

// copyValue is copy.copy (deep=false) or copy.deepcopy.
func (itp *interp) copyValue(v starlark.Value, deep bool) starlark.Value {
	c := func(x starlark.Value) starlark.Value {
		if deep {
			return itp.copyValue(x, true)
		}
		return x
	}
	switch x := v.(type) {
	case *starlark.List:
		out := make([]starlark.Value, x.Len())
		for i := range out {
			out[i] = c(x.Index(i))
		}
		return starlark.NewList(out)
	case starlark.Tuple:
		out := make(starlark.Tuple, len(x))
		for i := range out {
			out[i] = c(x[i])
		}
		return out
	case *starlark.Dict:
		d := starlark.NewDict(x.Len())
		for _, kv := range x.Items() {
			d.SetKey(kv[0], c(kv[1]))
		}
		return d
	case *starlark.Set:
		s := starlark.NewSet(x.Len())
		items, _ := itp.iterate(x)
		for _, it := range items {
			s.Insert(it)
		}
		return s
	case *Instance:
		n := &Instance{Class: x.Class, Attrs: map[string]starlark.Value{}}
		for k, a := range x.Attrs {
			n.Attrs[k] = c(a)
		}
		return n
	case starlark.Indexable:
		if _, isStr := v.(starlark.String); isStr {
			return v
		}
		// views of the model copy to plain lists
		out := make([]starlark.Value, x.Len())
		for i := range out {
			out[i] = c(x.Index(i))
		}
		return starlark.NewList(out)
	}
	return v
}

// localModule imports NAME.py from the script's directory (a script's own
// helper module), running it once; found is false when there is no such
// file.
func (itp *interp) localModule(name string) (starlark.Value, bool, error) {
	dir := "."
	if !strings.HasPrefix(itp.filename, "<") {
		dir = filepath.Dir(itp.filename)
	}
	path := filepath.Join(dir, strings.ReplaceAll(name, ".", "/")+".py")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, false, nil
	}
	mod, err := parse(string(src), path)
	if err != nil {
		return nil, true, itp.newExc("SyntaxError", err.Error())
	}
	m := newModule(name)
	e := &env{vars: m.members}
	e.module = e
	m.members["__name__"] = starlark.String(name)
	m.members["__file__"] = starlark.String(path)
	itp.modules[name] = m // a cycle sees the module being run, as in Python
	if _, err := itp.execBlock(mod.Body, e); err != nil {
		delete(itp.modules, name)
		return nil, true, err
	}
	return m, true, nil
}
