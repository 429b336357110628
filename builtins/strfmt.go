package builtins

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"exosh/pyfmt"
)

// This file holds the strfmt module: Python's %-formatting and str.format
// with the whole format-spec mini-language (fill, align, sign, #, 0, width,
// grouping, precision, type), which Starlark's own % and format lack.
// exosh port maps Python's formatting onto it; package pyfmt does the work.

const strfmtDoc = `Python's string formatting and printing, with widths and precisions
(Starlark's own % and format() have neither) and Python's way of showing
values (['a'] where Starlark shows ["a"]). Used by scripts that exosh port
wrote.

    strfmt.percent('%-12s %10.4e', ('temp', 1.5))   # Python's '...' % (...)
    strfmt.format('{0:>8.3f} {name}', 2.0, name='x') # Python's '...'.format(...)
    strfmt.str(['a', 1.5])                           # Python's str(): "['a', 1.5]"
    strfmt.print('names:', names, sep=' ', end='')   # Python's print()

Arrays and the model's list views show as Python lists.`

func strfmtModule() *starlarkstruct.Module {
	return &starlarkstruct.Module{Name: "strfmt", Members: starlark.StringDict{
		"percent": starlark.NewBuiltin("percent", strfmtPercent),
		"format":  starlark.NewBuiltin("format", strfmtFormat),
		"str":     starlark.NewBuiltin("str", strfmtStr),
		"print":   starlark.NewBuiltin("print", strfmtPrint),
	}}
}

func strfmtPercent(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var tmpl string
	var values starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &tmpl, &values); err != nil {
		return nil, err
	}
	s, err := strfmtFormatter().Percent(tmpl, values)
	if err != nil {
		return nil, fmt.Errorf("strfmt.percent: %w", err)
	}
	return starlark.String(s), nil
}

func strfmtStr(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return starlark.String(pyStr(v)), nil
}

func strfmtPrint(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	sep, end := " ", "\n"
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		v, ok := starlark.AsString(kv[1])
		if kv[1] == starlark.None {
			v, ok = map[string]string{"sep": " ", "end": "\n"}[k], true
		}
		switch {
		case !ok:
			return nil, fmt.Errorf("strfmt.print: %s must be a string, got %s", k, kv[1].Type())
		case k == "sep":
			sep = v
		case k == "end":
			end = v
		default:
			return nil, fmt.Errorf("strfmt.print: unexpected keyword argument %q", k)
		}
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = pyStr(a)
	}
	fmt.Fprint(stdoutOf(t), strings.Join(parts, sep)+end)
	return starlark.None, nil
}

func strfmtFormat(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 1 {
		return nil, fmt.Errorf("strfmt.format: missing template")
	}
	tmpl, ok := starlark.AsString(args[0])
	if !ok {
		return nil, fmt.Errorf("strfmt.format: got %s template, want string", args[0].Type())
	}
	s, err := strfmtFormatter().Format(tmpl, args[1:], kwargs)
	if err != nil {
		return nil, fmt.Errorf("strfmt.format: %w", err)
	}
	return starlark.String(s), nil
}

// strfmtFormatter renders values as Python does; the model's mapping
// views keep their own short form rather than listing every entity.
func strfmtFormatter() *pyfmt.Formatter {
	return &pyfmt.Formatter{ReprHook: func(v starlark.Value, _ func(starlark.Value) string) (string, bool) {
		if m, ok := v.(*mapView); ok {
			return m.String(), true
		}
		return "", false
	}}
}

// pyStr is Python's str(v).
func pyStr(v starlark.Value) string { return strfmtFormatter().Str(v) }

// pyRepr is Python's repr(v).
func pyRepr(v starlark.Value) string { return strfmtFormatter().Repr(v) }
