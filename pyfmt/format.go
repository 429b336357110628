package pyfmt

import (
	"fmt"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
)

// FormatValue is Python's format(v, spec) for strings, ints, bools and
// floats; other values take only the empty spec, which gives str(v).
func (f *Formatter) FormatValue(v starlark.Value, specText string) (string, error) {
	if f != nil && f.FormatHook != nil {
		if s, ok, err := f.FormatHook(v, specText); ok || err != nil {
			return s, err
		}
	}
	if specText == "" {
		return f.Str(v), nil
	}
	sp, err := parseSpec(specText)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case starlark.String:
		return f.formatString(x, sp)
	case starlark.Int, starlark.Bool:
		n, _ := asBigInt(x)
		switch sp.typ {
		case 0, 'd', 'n', 'b', 'o', 'x', 'X', 'c':
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
			fv, _ := asFloat(x)
			return formatFloat(fv, sp), nil
		default:
			return "", f.typeErr(sp.typ, v)
		}
		if sp.prec >= 0 {
			return "", errorf("ValueError", "Precision not allowed in integer format specifier")
		}
		if sp.z {
			return "", errorf("ValueError", "Negative zero coercion (z) not allowed in integer format specifier")
		}
		if err := groupingAllowed(sp); err != nil {
			return "", err
		}
		if sp.typ == 'c' {
			switch {
			case sp.sign != 0:
				return "", errorf("ValueError", "Sign not allowed with integer format specifier 'c'")
			case sp.alt:
				return "", errorf("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'")
			}
			return formatChar(starlark.MakeBigInt(n), sp)
		}
		return formatInt(n, sp), nil
	case starlark.Float:
		switch sp.typ {
		case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
		default:
			return "", f.typeErr(sp.typ, v)
		}
		if err := groupingAllowed(sp); err != nil {
			return "", err
		}
		return formatFloat(float64(x), sp), nil
	}
	return "", errorf("TypeError", fmt.Sprintf("unsupported format string passed to %s.__format__", f.typeName(v)))
}

// groupingAllowed refuses the separators Python refuses: ',' outside
// decimal types, either with 'n'.
func groupingAllowed(sp spec) error {
	if sp.grouping == 0 {
		return nil
	}
	switch sp.typ {
	case 'n', 'c', 's':
	case 'b', 'o', 'x', 'X':
		if sp.grouping == '_' {
			return nil
		}
	default:
		return nil
	}
	return errorf("ValueError", fmt.Sprintf("Cannot specify '%c' with '%c'.", sp.grouping, sp.typ))
}

func (f *Formatter) formatString(s starlark.String, sp spec) (string, error) {
	switch {
	case sp.typ != 0 && sp.typ != 's':
		return "", f.typeErr(sp.typ, s)
	case sp.sign != 0:
		return "", errorf("ValueError", "Sign not allowed in string format specifier")
	case sp.z:
		return "", errorf("ValueError", "Negative zero coercion (z) not allowed in string format specifier")
	case sp.alt:
		return "", errorf("ValueError", "Alternate form (#) not allowed in string format specifier")
	case sp.align == '=':
		return "", errorf("ValueError", "'=' alignment not allowed in string format specifier")
	case sp.grouping != 0:
		return "", errorf("ValueError", fmt.Sprintf("Cannot specify '%c' with 's'.", sp.grouping))
	}
	return formatText(string(s), sp), nil
}

// Format is Python's tmpl.format(*args, **kwargs); kwargs holds (name,
// value) pairs. Replacement fields take automatic or explicit indices,
// keywords, .attr and [key] accessors, !s !r !a conversions and format
// specs with nested replacement fields.
func (f *Formatter) Format(tmpl string, args []starlark.Value, kwargs []starlark.Tuple) (string, error) {
	st := &braceState{f: f, args: args, kwargs: kwargs}
	return st.build(tmpl, 2)
}

// braceState is one str.format call: its arguments and the numbering of
// its automatic fields.
type braceState struct {
	f      *Formatter
	args   []starlark.Value
	kwargs []starlark.Tuple
	auto   int
	mode   byte // 0 until the first field, then 'a' (automatic) or 'm' (manual)
}

func (st *braceState) build(tmpl string, depth int) (string, error) {
	if depth <= 0 {
		return "", errorf("ValueError", "Max string recursion exceeded")
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c == '}' {
			if i+1 < len(tmpl) && tmpl[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", errorf("ValueError", "Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(tmpl) && tmpl[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		level, j := 1, i+1
		for ; j < len(tmpl) && level > 0; j++ {
			switch tmpl[j] {
			case '{':
				level++
			case '}':
				level--
			}
		}
		if level != 0 {
			if strings.IndexByte(tmpl[i:], '}') < 0 {
				return "", errorf("ValueError", "Single '{' encountered in format string")
			}
			return "", errorf("ValueError", "expected '}' before end of string")
		}
		s, err := st.field(tmpl[i+1:j-1], depth)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
		i = j - 1
	}
	return b.String(), nil
}

// field renders one replacement field: name[!conv][:spec].
func (st *braceState) field(field string, depth int) (string, error) {
	end := len(field)
	for k, bracket := 0, false; k < len(field); k++ {
		if c := field[k]; c == '[' {
			bracket = true
		} else if c == ']' {
			bracket = false
		} else if !bracket && (c == ':' || c == '!') {
			end = k
			break
		}
	}
	name, rest := field[:end], field[end:]
	conv := byte(0)
	if strings.HasPrefix(rest, "!") {
		if len(rest) < 2 {
			return "", errorf("ValueError", "end of string while looking for conversion specifier")
		}
		conv, rest = rest[1], rest[2:]
		if rest != "" && rest[0] != ':' {
			return "", errorf("ValueError", "expected ':' after conversion specifier")
		}
	}
	specText := strings.TrimPrefix(rest, ":")
	v, err := st.lookup(name)
	if err != nil {
		return "", err
	}
	if strings.IndexByte(specText, '{') >= 0 {
		if specText, err = st.build(specText, depth-1); err != nil {
			return "", err
		}
	}
	switch conv {
	case 0:
	case 's':
		v = starlark.String(st.f.Str(v))
	case 'r':
		v = starlark.String(st.f.Repr(v))
	case 'a':
		v = starlark.String(st.f.ASCII(v))
	default:
		return "", errorf("ValueError", fmt.Sprintf("Unknown conversion specifier %c", conv))
	}
	return st.f.FormatValue(v, specText)
}

// lookup resolves a field name: empty (automatic numbering), an index or
// a keyword, then .attr and [key] accessors.
func (st *braceState) lookup(name string) (starlark.Value, error) {
	first := name
	if k := strings.IndexAny(name, ".["); k >= 0 {
		first = name[:k]
	}
	rest := name[len(first):]
	var v starlark.Value
	index, err := strconv.Atoi(first)
	switch {
	case first == "":
		if st.mode == 'm' {
			return nil, errorf("ValueError", "cannot switch from manual field specification to automatic field numbering")
		}
		st.mode, index = 'a', st.auto
		st.auto++
		fallthrough
	case err == nil && index >= 0:
		if first != "" {
			if st.mode == 'a' {
				return nil, errorf("ValueError", "cannot switch from automatic field numbering to manual field specification")
			}
			st.mode = 'm'
		}
		if index >= len(st.args) {
			return nil, errorf("IndexError", fmt.Sprintf("Replacement index %d out of range for positional args tuple", index))
		}
		v = st.args[index]
	default:
		for _, kv := range st.kwargs {
			if k, _ := starlark.AsString(kv[0]); k == first {
				v = kv[1]
			}
		}
		if v == nil {
			return nil, &Error{Type: "KeyError", Msg: "missing keyword argument " + Quote(first), Key: starlark.String(first)}
		}
	}
	for rest != "" {
		if rest[0] == '.' {
			k := strings.IndexAny(rest[1:], ".[")
			if k < 0 {
				k = len(rest) - 1
			}
			attr := rest[1 : 1+k]
			rest = rest[1+k:]
			if attr == "" {
				return nil, errorf("ValueError", "Empty attribute in format string")
			}
			if v, err = st.f.getAttr(v, attr); err != nil {
				return nil, err
			}
			continue
		}
		k := strings.IndexByte(rest, ']')
		if rest[0] != '[' || k < 0 {
			return nil, errorf("ValueError", "Missing ']' in format string")
		}
		key := rest[1:k]
		rest = rest[k+1:]
		if rest != "" && rest[0] != '.' && rest[0] != '[' {
			return nil, errorf("ValueError", "Only '.' or '[' may follow ']' in format field specifier")
		}
		var kv starlark.Value = starlark.String(key)
		if n, err := strconv.Atoi(key); err == nil && n >= 0 {
			kv = starlark.MakeInt(n)
		}
		if v, err = st.f.getItem(v, kv); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (f *Formatter) getAttr(v starlark.Value, name string) (starlark.Value, error) {
	if f != nil && f.GetAttr != nil {
		return f.GetAttr(v, name)
	}
	if h, ok := v.(starlark.HasAttrs); ok {
		if a, err := h.Attr(name); err == nil && a != nil {
			return a, nil
		}
	}
	return nil, errorf("AttributeError", fmt.Sprintf("'%s' object has no attribute '%s'", f.typeName(v), name))
}

func (f *Formatter) getItem(v, key starlark.Value) (starlark.Value, error) {
	if f != nil && f.GetItem != nil {
		return f.GetItem(v, key)
	}
	switch c := v.(type) {
	case starlark.Mapping:
		x, found, err := c.Get(key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, &Error{Type: "KeyError", Msg: "key " + f.Repr(key) + " not found", Key: key}
		}
		return x, nil
	case starlark.Indexable:
		n, ok := key.(starlark.Int)
		if !ok {
			return nil, errorf("TypeError", fmt.Sprintf("%s indices must be integers, not %s", f.typeName(v), f.typeName(key)))
		}
		i, ok := n.Int64()
		if !ok || i >= int64(c.Len()) {
			return nil, errorf("IndexError", fmt.Sprintf("%s index out of range", f.typeName(v)))
		}
		return c.Index(int(i)), nil
	}
	return nil, errorf("TypeError", fmt.Sprintf("'%s' object is not subscriptable", f.typeName(v)))
}
