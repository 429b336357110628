package pyfmt

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"go.starlark.net/starlark"
)

// Percent is Python's tmpl % values: a tuple gives the arguments in turn,
// a mapping (other than a string) supplies %(key)s conversions, any other
// value is the one argument.
func (f *Formatter) Percent(tmpl string, values starlark.Value) (string, error) {
	var args []starlark.Value
	var mapping starlark.Mapping
	switch v := values.(type) {
	case starlark.Tuple:
		args = v
	case starlark.String:
		args = []starlark.Value{v}
	case starlark.Mapping:
		mapping = v
		args = []starlark.Value{v}
	default:
		args = []starlark.Value{v}
	}
	next := 0
	take := func() (starlark.Value, error) {
		if next >= len(args) {
			return nil, errorf("TypeError", "not enough arguments for format string")
		}
		next++
		return args[next-1], nil
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(tmpl) {
			return "", errorf("ValueError", "incomplete format")
		}
		if tmpl[i] == '%' {
			b.WriteByte('%')
			continue
		}
		var arg starlark.Value
		if tmpl[i] == '(' {
			if mapping == nil {
				return "", errorf("TypeError", "format requires a mapping")
			}
			end, level := 1, 1 // the key may hold balanced parentheses
			for ; end < len(tmpl)-i && level > 0; end++ {
				switch tmpl[i+end] {
				case '(':
					level++
				case ')':
					level--
				}
			}
			if level > 0 {
				return "", errorf("ValueError", "incomplete format key")
			}
			end-- // at the closing parenthesis
			key := starlark.String(tmpl[i+1 : i+end])
			v, found, err := mapping.Get(key)
			if err != nil {
				return "", err
			}
			if !found {
				return "", &Error{Type: "KeyError", Msg: "key " + Quote(string(key)) + " not found", Key: key}
			}
			arg = v
			i += end + 1
			// As in CPython, the mapping no longer serves a plain %s.
			next = len(args)
		}
		sp := spec{prec: -1, percent: true}
		for ; i < len(tmpl) && strings.IndexByte("-+ #0", tmpl[i]) >= 0; i++ {
			switch tmpl[i] {
			case '-':
				sp.align = '<'
			case '+':
				sp.sign = '+'
			case ' ':
				if sp.sign != '+' {
					sp.sign = ' '
				}
			case '#':
				sp.alt = true
			case '0':
				sp.zero = true
			}
		}
		number := func() (int, error) {
			if i < len(tmpl) && tmpl[i] == '*' {
				i++
				v, err := take()
				if err != nil {
					return 0, err
				}
				n, err := starlark.AsInt32(v)
				if _, isInt := v.(starlark.Int); err != nil || !isInt {
					return 0, errorf("TypeError", "* wants int")
				}
				return n, nil
			}
			n := 0
			for ; i < len(tmpl) && tmpl[i] >= '0' && tmpl[i] <= '9'; i++ {
				n = n*10 + int(tmpl[i]-'0')
				if n > 1<<30 {
					return 0, errorf("ValueError", "width too big")
				}
			}
			return n, nil
		}
		w, err := number()
		if err != nil {
			return "", err
		}
		if w < 0 {
			sp.align, w = '<', -w
		}
		sp.width = w
		if i < len(tmpl) && tmpl[i] == '.' {
			i++
			if sp.prec, err = number(); err != nil {
				return "", err
			}
			if sp.prec < 0 {
				sp.prec = 0
			}
		}
		for i < len(tmpl) && strings.IndexByte("hlL", tmpl[i]) >= 0 {
			i++
		}
		if i >= len(tmpl) {
			return "", errorf("ValueError", "incomplete format")
		}
		sp.typ = tmpl[i]
		if sp.align == '<' {
			sp.zero = false
		}
		if arg == nil {
			if arg, err = take(); err != nil {
				return "", err
			}
		}
		s, err := f.percentOne(arg, sp, i)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if mapping == nil && next < len(args) {
		return "", errorf("TypeError", "not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// percentOne renders one %-conversion; at is its index in the template.
func (f *Formatter) percentOne(v starlark.Value, sp spec, at int) (string, error) {
	switch sp.typ {
	case 's':
		return formatText(f.Str(v), sp), nil
	case 'r':
		return formatText(f.Repr(v), sp), nil
	case 'a':
		return formatText(f.ASCII(v), sp), nil
	case 'c':
		return formatChar(v, sp)
	case 'd', 'i', 'u':
		conv := sp.typ
		sp.typ = 'd'
		if x, ok := v.(starlark.Float); ok {
			n, err := truncate(float64(x))
			if err != nil {
				return "", err
			}
			return formatInt(n, sp), nil
		}
		n, ok := asBigInt(v)
		if !ok {
			return "", errorf("TypeError", fmt.Sprintf("%%%c format: a real number is required, not %s", conv, f.typeName(v)))
		}
		return formatInt(n, sp), nil
	case 'o', 'x', 'X':
		n, ok := asBigInt(v)
		if !ok {
			return "", errorf("TypeError", fmt.Sprintf("%%%c format: an integer is required, not %s", sp.typ, f.typeName(v)))
		}
		return formatInt(n, sp), nil
	case 'e', 'E', 'f', 'F', 'g', 'G':
		x, ok := asFloat(v)
		if !ok {
			return "", errorf("TypeError", "must be real number, not "+f.typeName(v))
		}
		return formatFloat(x, sp), nil
	}
	return "", errorf("ValueError", fmt.Sprintf("unsupported format character '%c' (0x%x) at index %d", sp.typ, sp.typ, at))
}

// truncate is Python's int(x) of a float.
func truncate(x float64) (*big.Int, error) {
	switch {
	case math.IsInf(x, 0):
		return nil, errorf("OverflowError", "cannot convert float infinity to integer")
	case math.IsNaN(x):
		return nil, errorf("ValueError", "cannot convert float NaN to integer")
	}
	n, _ := big.NewFloat(math.Trunc(x)).Int(nil)
	return n, nil
}

// asFloat converts a float, int or bool to float64.
func asFloat(v starlark.Value) (float64, bool) {
	switch x := v.(type) {
	case starlark.Float:
		return float64(x), true
	case starlark.Int:
		return float64(x.Float()), true
	case starlark.Bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}
