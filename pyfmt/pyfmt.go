// Package pyfmt renders Starlark values the way Python 3 (CPython) does:
// str() and repr() (floats as their shortest round-trip form, strings
// quoted as Python quotes them), the % operator on strings, str.format and
// format() with the whole format-spec mini-language (fill, align, sign, z,
// #, 0, width, grouping, precision, type).
//
// Both exosh's strfmt module (for scripts that exosh port wrote) and the
// Python interpreter pyrun use it. A caller with value types of its own
// (class instances, exceptions) passes a Formatter whose hooks render them;
// the zero Formatter, and a nil *Formatter, render plain Starlark values.
package pyfmt

import (
	"errors"

	"go.starlark.net/starlark"
)

// Formatter renders values as Python does. Every hook may be nil; a hook
// that reports ok false leaves the value to the default rendering.
type Formatter struct {
	// StrHook returns str(v) for values of the caller's own types.
	StrHook func(v starlark.Value) (s string, ok bool)
	// ReprHook returns repr(v) for values of the caller's own types (it is
	// not asked about strings, numbers, None and bools); nested renders the
	// values inside v with the same Formatter.
	ReprHook func(v starlark.Value, nested func(starlark.Value) string) (s string, ok bool)
	// FormatHook returns format(v, spec) for values with a __format__ of
	// their own.
	FormatHook func(v starlark.Value, spec string) (s string, ok bool, err error)
	// GetAttr resolves a replacement field's .name in str.format; nil uses
	// starlark.HasAttrs.
	GetAttr func(v starlark.Value, name string) (starlark.Value, error)
	// GetItem resolves a replacement field's [key] in str.format; nil uses
	// starlark.Mapping and starlark.Indexable.
	GetItem func(v, key starlark.Value) (starlark.Value, error)
	// TypeName names v's type in error messages; nil uses v.Type().
	TypeName func(v starlark.Value) string
}

// Error is a formatting error that Python raises as an exception of type
// Type (TypeError, ValueError, KeyError, IndexError, OverflowError).
type Error struct {
	// Type is the Python exception class.
	Type string
	// Msg is the exception's message.
	Msg string
	// Key is the missing key of a KeyError, nil otherwise.
	Key starlark.Value
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// AsError reports whether err is or wraps an *Error, and returns it.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func errorf(typ, msg string) error { return &Error{Type: typ, Msg: msg} }

func (f *Formatter) typeName(v starlark.Value) string {
	if f != nil && f.TypeName != nil {
		return f.TypeName(v)
	}
	return v.Type()
}

// Str is Python's str(v) for plain Starlark values.
func Str(v starlark.Value) string { return (*Formatter)(nil).Str(v) }

// Repr is Python's repr(v) for plain Starlark values.
func Repr(v starlark.Value) string { return (*Formatter)(nil).Repr(v) }

// ASCII is Python's ascii(v) for plain Starlark values.
func ASCII(v starlark.Value) string { return (*Formatter)(nil).ASCII(v) }

// Percent is Python's tmpl % values for plain Starlark values.
func Percent(tmpl string, values starlark.Value) (string, error) {
	return (*Formatter)(nil).Percent(tmpl, values)
}

// Format is Python's tmpl.format(*args, **kwargs) for plain Starlark
// values; kwargs holds (name, value) pairs.
func Format(tmpl string, args []starlark.Value, kwargs []starlark.Tuple) (string, error) {
	return (*Formatter)(nil).Format(tmpl, args, kwargs)
}

// FormatValue is Python's format(v, spec) for plain Starlark values.
func FormatValue(v starlark.Value, spec string) (string, error) {
	return (*Formatter)(nil).FormatValue(v, spec)
}
