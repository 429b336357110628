package pyrun

import (
	"fmt"

	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

// This file connects the interpreter to package pyfmt, which renders
// values and formats strings as Python does: the hooks below add what only
// the interpreter knows (classes with __str__, __repr__ and __format__,
// exceptions, defaultdict, dict views, type objects) and turn pyfmt's
// errors into Python exceptions.

// strOf is str(v) for values that need no interpreter.
func strOf(v starlark.Value) string { return (*interp)(nil).str(v) }

// reprOf is repr(v) for values that need no interpreter.
func reprOf(v starlark.Value) string { return (*interp)(nil).repr(v) }

// formatter returns the pyfmt.Formatter of itp, which may be nil: then
// instances show without calling their methods.
func (itp *interp) formatter() *pyfmt.Formatter {
	if itp != nil && itp.pyfmt != nil {
		return itp.pyfmt
	}
	f := &pyfmt.Formatter{
		StrHook:  itp.strHook,
		ReprHook: itp.reprHook,
		TypeName: pyType,
	}
	if itp != nil {
		f.FormatHook = itp.formatHook
		f.GetAttr = itp.getattr
		f.GetItem = itp.getitem
		itp.pyfmt = f
	}
	return f
}

// str is Python's str(v).
func (itp *interp) str(v starlark.Value) string { return itp.formatter().Str(v) }

// repr is Python's repr(v).
func (itp *interp) repr(v starlark.Value) string { return itp.formatter().Repr(v) }

// percent is Python's "format % args".
func (itp *interp) percent(format string, args starlark.Value) (string, error) {
	s, err := itp.formatter().Percent(format, args)
	return s, itp.fmtExc(err)
}

// strFormat is Python's str.format.
func (itp *interp) strFormat(format string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	s, err := itp.formatter().Format(format, args, kwargs)
	return s, itp.fmtExc(err)
}

// formatValue is Python's format(v, spec).
func (itp *interp) formatValue(v starlark.Value, spec string) (string, error) {
	s, err := itp.formatter().FormatValue(v, spec)
	return s, itp.fmtExc(err)
}

// fmtExc turns a pyfmt error into the Python exception it stands for.
func (itp *interp) fmtExc(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := pyfmt.AsError(err); ok {
		if e.Key != nil {
			return itp.newExcArgs(e.Type, starlark.Tuple{e.Key})
		}
		return itp.newExc(e.Type, e.Msg)
	}
	return itp.toExc(err)
}

// strHook is str() of instances: their __str__, or an exception's
// message.
func (itp *interp) strHook(v starlark.Value) (string, bool) {
	x, ok := v.(*Instance)
	if !ok {
		return "", false
	}
	if itp != nil {
		if f, ok := x.Class.lookup("__str__"); ok {
			if r, err := itp.call(f, starlark.Tuple{x}, nil); err == nil {
				return itp.str(r), true
			}
		}
	}
	if x.Class.exc {
		return excMessage(x), true
	}
	return "", false
}

// reprHook is repr() of the interpreter's own values.
func (itp *interp) reprHook(v starlark.Value, nested func(starlark.Value) string) (string, bool) {
	switch x := v.(type) {
	case *Instance:
		if itp != nil {
			if f, ok := x.Class.lookup("__repr__"); ok {
				if r, err := itp.call(f, starlark.Tuple{x}, nil); err == nil {
					return itp.str(r), true
				}
			}
		}
		if x.Class.exc {
			args, _ := x.Attrs["args"].(starlark.Tuple)
			if len(args) == 1 {
				return x.Class.name + "(" + nested(args[0]) + ")", true
			}
			return x.Class.name + nested(args), true
		}
		return x.String(), true
	case *Class:
		return fmt.Sprintf("<class '__main__.%s'>", x.name), true
	case *defaultDict:
		return "defaultdict(" + nested(x.factory) + ", " + nested(x.Dict) + ")", true
	case *dictView:
		return x.kind + "(" + nested(starlark.NewList(x.items)) + ")", true
	case *starlark.Builtin:
		if _, isType := typeNames[x.Name()]; isType && x.Receiver() == nil {
			return fmt.Sprintf("<class '%s'>", x.Name()), true
		}
		if r := x.Receiver(); r != nil {
			return fmt.Sprintf("<bound method %s of %s>", x.Name(), r.String()), true
		}
		return fmt.Sprintf("<built-in function %s>", x.Name()), true
	}
	return "", false
}

// formatHook is format() of instances with a __format__ method.
func (itp *interp) formatHook(v starlark.Value, spec string) (string, bool, error) {
	inst, ok := v.(*Instance)
	if !ok {
		return "", false, nil
	}
	f, ok := inst.Class.lookup("__format__")
	if !ok {
		return "", false, nil
	}
	r, err := itp.call(f, starlark.Tuple{inst, starlark.String(spec)}, nil)
	if err != nil {
		return "", true, err
	}
	return itp.str(r), true, nil
}
