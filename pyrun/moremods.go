package pyrun

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.starlark.net/starlark"
)

// globModule is glob: glob(pattern) lists matching paths (sorted).
func (itp *interp) globModule() *Module {
	m := newModule("glob")
	m.members["glob"] = itp.builtin("glob", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) != 1 {
			return nil, itp.newExc("TypeError", "glob() takes one pattern")
		}
		matches, err := filepath.Glob(itp.str(args[0]))
		if err != nil {
			return nil, itp.newExc("ValueError", fmt.Sprintf("glob: %v", err))
		}
		sort.Strings(matches)
		out := make([]starlark.Value, len(matches))
		for i, p := range matches {
			out[i] = starlark.String(p)
		}
		return starlark.NewList(out), nil
	})
	return m
}

// shutilModule is shutil's copy, copyfile, move and rmtree.
func (itp *interp) shutilModule() *Module {
	m := newModule("shutil")
	copyFile := func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) != 2 {
			return nil, itp.newExc("TypeError", "copy() takes a source and a destination")
		}
		src, dst := itp.str(args[0]), itp.str(args[1])
		if st, err := os.Stat(dst); err == nil && st.IsDir() {
			dst = filepath.Join(dst, filepath.Base(src))
		}
		in, err := os.Open(src)
		if err != nil {
			return nil, itp.osError(err, src)
		}
		defer in.Close()
		out, err := os.Create(dst)
		if err != nil {
			return nil, itp.osError(err, dst)
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return nil, itp.osError(err, dst)
		}
		if err := out.Close(); err != nil {
			return nil, itp.osError(err, dst)
		}
		return starlark.String(dst), nil
	}
	for _, n := range []string{"copy", "copyfile", "copy2"} {
		m.members[n] = itp.builtin(n, copyFile)
	}
	m.members["move"] = itp.builtin("move", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) != 2 {
			return nil, itp.newExc("TypeError", "move() takes a source and a destination")
		}
		src, dst := itp.str(args[0]), itp.str(args[1])
		if st, err := os.Stat(dst); err == nil && st.IsDir() {
			dst = filepath.Join(dst, filepath.Base(src))
		}
		if err := os.Rename(src, dst); err != nil {
			return nil, itp.osError(err, src)
		}
		return starlark.String(dst), nil
	})
	m.members["rmtree"] = itp.builtin("rmtree", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) < 1 {
			return nil, itp.newExc("TypeError", "rmtree() takes a path")
		}
		p := itp.str(args[0])
		if _, err := os.Stat(p); err != nil {
			return nil, itp.osError(err, p)
		}
		if err := os.RemoveAll(p); err != nil {
			return nil, itp.osError(err, p)
		}
		return starlark.None, nil
	})
	return m
}

// collectionsModule is collections' OrderedDict (a dict: dicts keep order)
// and defaultdict.
func (itp *interp) collectionsModule() *Module {
	m := newModule("collections")
	m.members["OrderedDict"] = itp.builtins["dict"]
	m.members["namedtuple"] = itp.builtin("namedtuple", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return itp.namedtuple(args, kwargs)
	})
	m.members["defaultdict"] = itp.builtin("defaultdict", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		dd := &defaultDict{Dict: starlark.NewDict(0), factory: starlark.None}
		if len(args) > 0 {
			dd.factory = args[0]
		}
		if len(args) > 1 {
			d, err := biDict(itp, args[1:2], kwargs)
			if err != nil {
				return nil, err
			}
			dd.Dict = d.(*starlark.Dict)
		}
		return dd, nil
	})
	return m
}

// defaultDict is collections.defaultdict: a dict whose missing keys, when
// read with d[key], are set to factory().
type defaultDict struct {
	*starlark.Dict
	factory starlark.Value
}

// String implements the starlark.Value interfaces for defaultDict.
func (d *defaultDict) String() string {
	return fmt.Sprintf("defaultdict(%s, %s)", reprOf(d.factory), reprOf(d.Dict))
}

// Type implements the starlark.Value interfaces for defaultDict.
func (d *defaultDict) Type() string { return "dict" }

// missing returns d[k], creating it with the factory when absent.
func (itp *interp) missing(d *defaultDict, k starlark.Value) (starlark.Value, error) {
	if v, found, err := d.Get(k); err != nil || found {
		return v, err
	}
	if d.factory == starlark.None {
		return nil, itp.newExcArgs("KeyError", starlark.Tuple{k})
	}
	v, err := itp.call(d.factory, nil, nil)
	if err != nil {
		return nil, err
	}
	if err := d.SetKey(k, v); err != nil {
		return nil, itp.toExc(err)
	}
	return v, nil
}

// namedtuple makes a class whose instances hold the given fields in order:
// they print as Name(a=1, b=2), index, unpack, compare and measure like
// tuples, and read their fields as attributes.
func (itp *interp) namedtuple(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 {
		return nil, itp.newExc("TypeError", "namedtuple() takes a type name and field names")
	}
	name := itp.str(args[0])
	var fields []string
	if s, ok := args[1].(starlark.String); ok {
		fields = strings.Fields(strings.ReplaceAll(string(s), ",", " "))
	} else {
		items, err := itp.iterate(args[1])
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			fields = append(fields, itp.str(it))
		}
	}
	c := &Class{name: name, Dict: map[string]starlark.Value{}, itp: itp}
	values := func(self starlark.Value) starlark.Tuple {
		inst := self.(*Instance)
		t := make(starlark.Tuple, len(fields))
		for i, f := range fields {
			t[i] = inst.Attrs[f]
		}
		return t
	}
	method := func(n string, fn pyFunc) { c.Dict[n] = itp.builtin(n, fn) }
	method("__init__", func(itp *interp, a starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		inst := a[0].(*Instance)
		a = a[1:]
		if len(a) > len(fields) {
			return nil, itp.newExc("TypeError", fmt.Sprintf("%s() takes %d positional arguments but %d were given", name, len(fields), len(a)))
		}
		for i, v := range a {
			inst.Attrs[fields[i]] = v
		}
		for _, kv := range kw {
			inst.Attrs[string(kv[0].(starlark.String))] = kv[1]
		}
		for _, f := range fields {
			if _, ok := inst.Attrs[f]; !ok {
				return nil, itp.newExc("TypeError", fmt.Sprintf("%s() missing required argument: '%s'", name, f))
			}
		}
		return starlark.None, nil
	})
	method("__repr__", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		var parts []string
		for i, v := range values(a[0]) {
			parts = append(parts, fields[i]+"="+itp.repr(v))
		}
		return starlark.String(name + "(" + strings.Join(parts, ", ") + ")"), nil
	})
	method("__getitem__", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return itp.getitem(values(a[0]), a[1])
	})
	method("__iter__", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return values(a[0]), nil
	})
	method("__len__", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.MakeInt(len(fields)), nil
	})
	method("__eq__", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		other, ok := a[1].(*Instance)
		if !ok || other.Class != c {
			return starlark.False, nil
		}
		eq, err := starlark.Equal(values(a[0]), values(other))
		return starlark.Bool(eq), err
	})
	method("_asdict", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		d := starlark.NewDict(len(fields))
		for i, v := range values(a[0]) {
			d.SetKey(starlark.String(fields[i]), v)
		}
		return d, nil
	})
	c.Dict["_fields"] = func() starlark.Tuple {
		t := make(starlark.Tuple, len(fields))
		for i, f := range fields {
			t[i] = starlark.String(f)
		}
		return t
	}()
	return c, nil
}

// textwrapModule is textwrap's wrap, fill, dedent and indent. wrap and fill
// collapse runs of whitespace and break only at spaces (no hyphen breaks).
func (itp *interp) textwrapModule() *Module {
	m := newModule("textwrap")
	width := func(args starlark.Tuple, kwargs []starlark.Tuple) int {
		w := 70
		if len(args) > 1 {
			w, _ = starlark.AsInt32(args[1])
		}
		if v := kwarg(kwargs, "width"); v != nil {
			w, _ = starlark.AsInt32(v)
		}
		return w
	}
	m.members["wrap"] = itp.builtin("wrap", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		lines := wrapText(itp.str(args[0]), width(args, kwargs))
		out := make([]starlark.Value, len(lines))
		for i, l := range lines {
			out[i] = starlark.String(l)
		}
		return starlark.NewList(out), nil
	})
	m.members["fill"] = itp.builtin("fill", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return starlark.String(strings.Join(wrapText(itp.str(args[0]), width(args, kwargs)), "\n")), nil
	})
	m.members["dedent"] = itp.builtin("dedent", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.String(dedent(itp.str(args[0]))), nil
	})
	m.members["indent"] = itp.builtin("indent", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		prefix := itp.str(args[1])
		lines := strings.SplitAfter(itp.str(args[0]), "\n")
		var b strings.Builder
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				b.WriteString(prefix)
			}
			b.WriteString(l)
		}
		return starlark.String(b.String()), nil
	})
	return m
}

// dedent removes the whitespace prefix common to all non-blank lines, and
// empties whitespace-only lines, as textwrap.dedent.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ws := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ws, false
			continue
		}
		for !strings.HasPrefix(ws, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ""
		} else {
			lines[i] = strings.TrimPrefix(l, prefix)
		}
	}
	return strings.Join(lines, "\n")
}
