package pyrun

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-python/gpython/ast"
	"go.starlark.net/starlark"
)

// pyExc is a raised Python exception.
type pyExc struct {
	inst *Instance
	tb   []string
}

func (x *pyExc) Error() string {
	return x.inst.Class.name + ": " + excMessage(x.inst)
}

// excMessage is str(exception).
func excMessage(inst *Instance) string {
	args, _ := inst.Attrs["args"].(starlark.Tuple)
	if fn, ok := inst.Attrs["filename"]; ok && len(args) == 2 {
		return fmt.Sprintf("[Errno %s] %s: %s", args[0], strOf(args[1]), reprOf(fn))
	}
	switch len(args) {
	case 0:
		return ""
	case 1:
		if inst.Class.name == "KeyError" {
			return reprOf(args[0])
		}
		return strOf(args[0])
	}
	return reprOf(args)
}

func (itp *interp) newExc(class, msg string) *pyExc {
	return itp.newExcArgs(class, starlark.Tuple{starlark.String(msg)})
}

func (itp *interp) newExcArgs(class string, args starlark.Tuple) *pyExc {
	c := itp.excs[class]
	inst := &Instance{Class: c, Attrs: map[string]starlark.Value{"args": args}}
	if class == "SystemExit" {
		code := starlark.Value(starlark.None)
		if len(args) > 0 {
			code = args[0]
		}
		inst.Attrs["code"] = code
	}
	return &pyExc{inst: inst}
}

func (itp *interp) systemExit(code starlark.Value) *pyExc {
	return itp.newExcArgs("SystemExit", starlark.Tuple{code})
}

// toExc turns any error into a Python exception, classifying Starlark's
// messages by Python's exception types.
func (itp *interp) toExc(err error) error {
	var x *pyExc
	if errors.As(err, &x) {
		return x
	}
	var zd *zeroDiv
	if errors.As(err, &zd) {
		return itp.newExc("ZeroDivisionError", zd.msg)
	}
	msg := err.Error()
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		msg = ee.Msg
	}
	class := "RuntimeError"
	switch {
	case strings.Contains(msg, "by zero"):
		class = "ZeroDivisionError"
	case strings.Contains(msg, "out of range"):
		class = "IndexError"
	case strings.Contains(msg, "missing key"), strings.Contains(msg, "key not found"):
		class = "KeyError"
	case strings.Contains(msg, "invalid literal"), strings.Contains(msg, "not in list"), strings.Contains(msg, "empty"),
		strings.Contains(msg, "could not convert"), strings.Contains(msg, "invalid"), strings.Contains(msg, "not found"):
		class = "ValueError"
	case strings.Contains(msg, "has no ."), strings.Contains(msg, "no attribute"):
		class = "AttributeError"
	case strings.Contains(msg, "unhashable"), strings.Contains(msg, "got "), strings.Contains(msg, "want "),
		strings.Contains(msg, "unsupported"), strings.Contains(msg, "unknown"), strings.Contains(msg, "not callable"),
		strings.Contains(msg, "missing argument"), strings.Contains(msg, "unexpected keyword"), strings.Contains(msg, "not iterable"):
		class = "TypeError"
	}
	return itp.newExc(class, msg)
}

// pyType returns Python's name of v's type.
func pyType(v starlark.Value) string {
	switch v := v.(type) {
	case starlark.String:
		return "str"
	case starlark.NoneType:
		return "NoneType"
	case *starlark.List:
		return "list"
	case *starlark.Builtin:
		return "builtin_function_or_method"
	case *Instance:
		return v.Class.name
	}
	return v.Type()
}

// getattr is getattr(obj, name), with the Python methods Starlark's
// strings, lists and dicts lack.
func (itp *interp) getattr(obj starlark.Value, name string) (starlark.Value, error) {
	if f := itp.extraMethod(obj, name); f != nil {
		return f, nil
	}
	if b, ok := obj.(*starlark.Builtin); ok {
		if name == "__name__" {
			return starlark.String(b.Name()), nil
		}
		if b.Name() == "dict" && name == "fromkeys" && b.Receiver() == nil {
			return itp.builtin("fromkeys", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				if len(args) == 0 {
					return nil, itp.newExc("TypeError", "fromkeys expected at least 1 argument, got 0")
				}
				keys, err := itp.iterate(args[0])
				if err != nil {
					return nil, err
				}
				v := starlark.Value(starlark.None)
				if len(args) > 1 {
					v = args[1]
				}
				d := starlark.NewDict(len(keys))
				for _, k := range keys {
					if err := d.SetKey(k, v); err != nil {
						return nil, itp.toExc(err)
					}
				}
				return d, nil
			}), nil
		}
		if _, isType := typeNames[b.Name()]; isType && b.Receiver() == nil {
			// str.lower and the like: unbound methods
			return itp.builtin(b.Name()+"."+name, func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
				if len(args) == 0 {
					return nil, itp.newExc("TypeError", fmt.Sprintf("unbound method %s.%s() needs an argument", b.Name(), name))
				}
				m, err := itp.getattr(args[0], name)
				if err != nil {
					return nil, err
				}
				return itp.call(m, args[1:], kwargs)
			}), nil
		}
	}
	if ha, ok := obj.(starlark.HasAttrs); ok {
		v, err := ha.Attr(name)
		if err != nil {
			return nil, itp.toExc(err)
		}
		if v != nil {
			return v, nil
		}
	}
	if inst, ok := obj.(*Instance); ok {
		if f, ok := inst.Class.lookup("__getattr__"); ok {
			return itp.call(f, starlark.Tuple{inst, starlark.String(name)}, nil)
		}
		return nil, itp.newExc("AttributeError", fmt.Sprintf("'%s' object has no attribute '%s'", inst.Class.name, name))
	}
	if m, ok := obj.(*Module); ok {
		return nil, itp.newExc("AttributeError", fmt.Sprintf("module '%s' has no attribute '%s'", m.name, name))
	}
	return nil, itp.newExc("AttributeError", fmt.Sprintf("'%s' object has no attribute '%s'", pyType(obj), name))
}

func (itp *interp) setattr(obj starlark.Value, name string, v starlark.Value) error {
	if hs, ok := obj.(starlark.HasSetField); ok {
		if err := hs.SetField(name, v); err != nil {
			return itp.newExc("AttributeError", err.Error())
		}
		return nil
	}
	return itp.newExc("AttributeError", fmt.Sprintf("'%s' object has no attribute '%s'", pyType(obj), name))
}

// index normalises a Python index into [0, n).
func (itp *interp) index(k starlark.Value, n int, what string) (int, error) {
	if b, ok := k.(starlark.Bool); ok {
		k = boolInt(b)
	}
	ki, ok := k.(starlark.Int)
	if !ok {
		return 0, itp.newExc("TypeError", fmt.Sprintf("%s indices must be integers or slices, not %s", what, pyType(k)))
	}
	i, ok := ki.Int64()
	if !ok || i >= int64(n) || i < -int64(n) {
		return 0, itp.newExc("IndexError", what+" index out of range")
	}
	if i < 0 {
		i += int64(n)
	}
	return int(i), nil
}

func (itp *interp) getitem(obj, k starlark.Value) (starlark.Value, error) {
	switch c := obj.(type) {
	case *Instance:
		f, ok := c.Class.lookup("__getitem__")
		if !ok {
			return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not subscriptable", c.Class.name))
		}
		return itp.call(f, starlark.Tuple{c, k}, nil)
	case *defaultDict:
		return itp.missing(c, k)
	case starlark.Mapping:
		v, found, err := c.Get(k)
		if err != nil {
			return nil, itp.toExc(err)
		}
		if !found {
			return nil, itp.newExcArgs("KeyError", starlark.Tuple{k})
		}
		return v, nil
	case starlark.String:
		if !isASCII(string(c)) {
			r := []rune(string(c))
			i, err := itp.index(k, len(r), "string")
			if err != nil {
				return nil, err
			}
			return starlark.String(string(r[i])), nil
		}
		i, err := itp.index(k, len(c), "string")
		if err != nil {
			return nil, err
		}
		return c[i : i+1], nil
	case starlark.Indexable:
		what := pyType(obj)
		i, err := itp.index(k, c.Len(), what)
		if err != nil {
			return nil, err
		}
		return c.Index(i), nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not subscriptable", pyType(obj)))
}

func (itp *interp) setitem(obj, k, v starlark.Value) error {
	switch c := obj.(type) {
	case *Instance:
		f, ok := c.Class.lookup("__setitem__")
		if !ok {
			return itp.newExc("TypeError", fmt.Sprintf("'%s' object does not support item assignment", c.Class.name))
		}
		_, err := itp.call(f, starlark.Tuple{c, k, v}, nil)
		return err
	case starlark.HasSetKey:
		if err := c.SetKey(k, v); err != nil {
			return itp.toExc(err)
		}
		return nil
	case starlark.HasSetIndex:
		i, err := itp.index(k, c.Len(), pyType(obj)+" assignment")
		if err != nil {
			return err
		}
		if err := c.SetIndex(i, v); err != nil {
			return itp.toExc(err)
		}
		return nil
	}
	return itp.newExc("TypeError", fmt.Sprintf("'%s' object does not support item assignment", pyType(obj)))
}

// sliceBounds evaluates a slice against a sequence of length n, as
// Python's slice.indices.
func (itp *interp) sliceBounds(sl *ast.Slice, n int, e *env) (lo, hi, step int, err error) {
	get := func(x ast.Expr) (starlark.Value, error) {
		if x == nil {
			return starlark.None, nil
		}
		return itp.eval(x, e)
	}
	lv, err := get(sl.Lower)
	if err != nil {
		return
	}
	hv, err := get(sl.Upper)
	if err != nil {
		return
	}
	sv, err := get(sl.Step)
	if err != nil {
		return
	}
	step = 1
	if sv != starlark.None {
		s, e2 := starlark.AsInt32(sv)
		if e2 != nil || s == 0 {
			err = itp.newExc("ValueError", "slice step cannot be zero")
			return
		}
		step = s
	}
	norm := func(v starlark.Value, def int) (int, error) {
		if v == starlark.None {
			return def, nil
		}
		i, err := starlark.AsInt32(v)
		if err != nil {
			return 0, itp.newExc("TypeError", "slice indices must be integers or None")
		}
		if i < 0 {
			i += n
			if i < 0 {
				if step < 0 {
					return -1, nil
				}
				return 0, nil
			}
		}
		if i >= n {
			if step < 0 {
				return n - 1, nil
			}
			return n, nil
		}
		return i, nil
	}
	if step > 0 {
		lo, err = norm(lv, 0)
		if err == nil {
			hi, err = norm(hv, n)
		}
	} else {
		lo, err = norm(lv, n-1)
		if err == nil {
			hi, err = norm(hv, -1)
		}
	}
	return
}

func sliceIndices(lo, hi, step int) []int {
	var out []int
	for i := lo; (step > 0 && i < hi) || (step < 0 && i > hi); i += step {
		out = append(out, i)
	}
	return out
}

func (itp *interp) slice(obj starlark.Value, sl *ast.Slice, e *env) (starlark.Value, error) {
	if str, ok := obj.(starlark.String); ok && !isASCII(string(str)) {
		r := []rune(string(str))
		lo, hi, step, err := itp.sliceBounds(sl, len(r), e)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		for _, i := range sliceIndices(lo, hi, step) {
			b.WriteRune(r[i])
		}
		return starlark.String(b.String()), nil
	}
	s, ok := obj.(starlark.Sliceable)
	if !ok {
		return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not subscriptable", pyType(obj)))
	}
	lo, hi, step, err := itp.sliceBounds(sl, s.Len(), e)
	if err != nil {
		return nil, err
	}
	if step > 0 && hi < lo {
		hi = lo
	}
	if step < 0 && hi > lo {
		hi = lo
	}
	return s.Slice(lo, hi, step), nil
}

func (itp *interp) sliceAssign(obj starlark.Value, slr ast.Slicer, v starlark.Value, e *env) error {
	l, ok := obj.(*starlark.List)
	sl, ok2 := slr.(*ast.Slice)
	if !ok || !ok2 {
		return itp.newExc("TypeError", "exosh supports slice assignment on lists only")
	}
	lo, hi, step, err := itp.sliceBounds(sl, l.Len(), e)
	if err != nil {
		return err
	}
	items, err := itp.iterate(v)
	if err != nil {
		return err
	}
	if step != 1 {
		idx := sliceIndices(lo, hi, step)
		if len(idx) != len(items) {
			return itp.newExc("ValueError", fmt.Sprintf("attempt to assign sequence of size %d to extended slice of size %d", len(items), len(idx)))
		}
		for j, i := range idx {
			if err := l.SetIndex(i, items[j]); err != nil {
				return err
			}
		}
		return nil
	}
	if hi < lo {
		hi = lo
	}
	var out []starlark.Value
	for i := 0; i < lo; i++ {
		out = append(out, l.Index(i))
	}
	out = append(out, items...)
	for i := hi; i < l.Len(); i++ {
		out = append(out, l.Index(i))
	}
	return replaceList(l, out)
}

// iterate returns the items of an iterable (strings give characters,
// dicts their keys, files their lines).
func (itp *interp) iterate(v starlark.Value) ([]starlark.Value, error) {
	switch x := v.(type) {
	case *starlark.List:
		out := make([]starlark.Value, x.Len())
		for i := range out {
			out[i] = x.Index(i)
		}
		return out, nil
	case starlark.Tuple:
		return x, nil
	case starlark.String:
		out := make([]starlark.Value, 0, len(x))
		for _, r := range string(x) {
			out = append(out, starlark.String(string(r)))
		}
		return out, nil
	case *file:
		return x.lines()
	case *dictView:
		return x.items, nil
	case *iterator:
		rest := x.items[x.pos:]
		x.pos = len(x.items)
		return rest, nil
	case *versionInfo:
		return x.t, nil
	case *Instance:
		f, ok := x.Class.lookup("__iter__")
		if !ok {
			return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not iterable", x.Class.name))
		}
		it, err := itp.call(f, starlark.Tuple{x}, nil)
		if err != nil {
			return nil, err
		}
		if it == starlark.Value(x) {
			return nil, itp.newExc("TypeError", "exosh iterates classes whose __iter__ returns a list or other sequence")
		}
		return itp.iterate(it)
	case starlark.Iterable:
		it := x.Iterate()
		defer it.Done()
		var out []starlark.Value
		if s, ok := v.(starlark.Sequence); ok {
			out = make([]starlark.Value, 0, s.Len())
		}
		var item starlark.Value
		for it.Next(&item) {
			out = append(out, item)
		}
		return out, nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not iterable", pyType(v)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
