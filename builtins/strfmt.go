package builtins

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// This file holds the strfmt module: Python's %-formatting and str.format
// with the whole format-spec mini-language (fill, align, sign, #, 0, width,
// grouping, precision, type), which Starlark's own % and format lack.
// exosh port maps Python's formatting onto it.

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
	s, err := PercentFormat(tmpl, values)
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
	kw := map[string]starlark.Value{}
	for _, p := range kwargs {
		kw[string(p[0].(starlark.String))] = p[1]
	}
	s, err := BraceFormat(tmpl, args[1:], kw)
	if err != nil {
		return nil, fmt.Errorf("strfmt.format: %w", err)
	}
	return starlark.String(s), nil
}

// spec is one parsed conversion: a %-spec or a format-spec.
type spec struct {
	fill     rune
	align    byte // 0, '<', '>', '^', '='
	sign     byte // 0, '+', '-', ' '
	alt      bool
	zero     bool
	width    int
	grouping byte // 0, ',', '_'
	prec     int  // -1: none
	typ      byte // 0 or the type letter
	percent  bool // from %-formatting: d accepts floats, default align right
}

// PercentFormat returns Python's tmpl % values.
func PercentFormat(tmpl string, values starlark.Value) (string, error) {
	var args []starlark.Value
	var mapping starlark.Mapping
	switch v := values.(type) {
	case starlark.Tuple:
		args = v
	case starlark.Mapping:
		mapping = v
		args = []starlark.Value{v}
	default:
		args = []starlark.Value{v}
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(tmpl) {
			return "", fmt.Errorf("incomplete format")
		}
		if tmpl[i] == '%' {
			b.WriteByte('%')
			continue
		}
		var arg starlark.Value
		if tmpl[i] == '(' {
			end := strings.IndexByte(tmpl[i:], ')')
			if end < 0 || mapping == nil {
				return "", fmt.Errorf("format requires a mapping")
			}
			key := tmpl[i+1 : i+end]
			v, found, err := mapping.Get(starlark.String(key))
			if err != nil || !found {
				return "", fmt.Errorf("key %q not found", key)
			}
			arg = v
			i += end + 1
		}
		sp := spec{fill: ' ', prec: -1, percent: true}
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
		takeInt := func() (int, error) {
			if i < len(tmpl) && tmpl[i] == '*' {
				i++
				if next >= len(args) {
					return 0, fmt.Errorf("not enough arguments for format string")
				}
				n, err := starlark.AsInt32(args[next])
				next++
				return n, err
			}
			n := 0
			for ; i < len(tmpl) && tmpl[i] >= '0' && tmpl[i] <= '9'; i++ {
				n = n*10 + int(tmpl[i]-'0')
			}
			return n, nil
		}
		w, err := takeInt()
		if err != nil {
			return "", err
		}
		if w < 0 {
			sp.align, w = '<', -w
		}
		sp.width = w
		if i < len(tmpl) && tmpl[i] == '.' {
			i++
			if sp.prec, err = takeInt(); err != nil {
				return "", err
			}
		}
		for i < len(tmpl) && strings.IndexByte("hlL", tmpl[i]) >= 0 {
			i++
		}
		if i >= len(tmpl) {
			return "", fmt.Errorf("incomplete format")
		}
		sp.typ = tmpl[i]
		if arg == nil {
			if next >= len(args) {
				return "", fmt.Errorf("not enough arguments for format string")
			}
			arg = args[next]
			next++
		}
		if sp.align == '<' {
			sp.zero = false
		}
		if sp.typ == 'i' || sp.typ == 'u' {
			sp.typ = 'd'
		}
		if strings.IndexByte("diouxXeEfFgGcrsa", sp.typ) < 0 {
			return "", fmt.Errorf("unsupported format character %q", sp.typ)
		}
		s, err := render(arg, sp)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if mapping == nil && next < len(args) {
		return "", fmt.Errorf("not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// BraceFormat returns Python's tmpl.format(*args, **kwargs).
func BraceFormat(tmpl string, args []starlark.Value, kwargs map[string]starlark.Value) (string, error) {
	var b strings.Builder
	auto := 0
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		if c == '}' {
			if i+1 < len(tmpl) && tmpl[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", fmt.Errorf("single '}' encountered in format string")
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
		end := strings.IndexByte(tmpl[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("single '{' encountered in format string")
		}
		field := tmpl[i+1 : i+end]
		i += end
		name, conv, fspec := field, "", ""
		if k := strings.IndexByte(name, ':'); k >= 0 {
			name, fspec = name[:k], name[k+1:]
		}
		if k := strings.IndexByte(name, '!'); k >= 0 {
			name, conv = name[:k], name[k+1:]
		}
		v, err := lookupField(name, &auto, args, kwargs)
		if err != nil {
			return "", err
		}
		switch conv {
		case "":
		case "r", "a":
			v = starlark.String(pyRepr(v))
		case "s":
			v = starlark.String(pyStr(v))
		default:
			return "", fmt.Errorf("unknown conversion specifier %s", conv)
		}
		sp, err := parseFormatSpec(fspec)
		if err != nil {
			return "", err
		}
		s, err := render(v, sp)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// lookupField resolves a replacement field's name: ” (automatic
// numbering), an index or a keyword, then .attr and [key] accessors.
func lookupField(name string, auto *int, args []starlark.Value, kwargs map[string]starlark.Value) (starlark.Value, error) {
	first := name
	if k := strings.IndexAny(name, ".["); k >= 0 {
		first = name[:k]
	}
	rest := name[len(first):]
	var v starlark.Value
	switch n, err := strconv.Atoi(first); {
	case first == "":
		if *auto >= len(args) {
			return nil, fmt.Errorf("replacement index %d out of range for positional args tuple", *auto)
		}
		v = args[*auto]
		*auto++
	case err == nil:
		if n >= len(args) {
			return nil, fmt.Errorf("replacement index %d out of range for positional args tuple", n)
		}
		v = args[n]
	default:
		kv, ok := kwargs[first]
		if !ok {
			return nil, fmt.Errorf("missing keyword argument %q", first)
		}
		v = kv
	}
	for rest != "" {
		if rest[0] == '.' {
			k := strings.IndexAny(rest[1:], ".[")
			if k < 0 {
				k = len(rest) - 1
			}
			attr := rest[1 : 1+k]
			rest = rest[1+k:]
			h, ok := v.(starlark.HasAttrs)
			if !ok {
				return nil, fmt.Errorf("%s has no attribute %q", v.Type(), attr)
			}
			a, err := h.Attr(attr)
			if err != nil || a == nil {
				return nil, fmt.Errorf("%s has no attribute %q", v.Type(), attr)
			}
			v = a
			continue
		}
		k := strings.IndexByte(rest, ']')
		if k < 0 {
			return nil, fmt.Errorf("missing ']' in format string")
		}
		key := rest[1:k]
		rest = rest[k+1:]
		var kv starlark.Value = starlark.String(key)
		if n, err := strconv.Atoi(key); err == nil {
			kv = starlark.MakeInt(n)
		}
		switch c := v.(type) {
		case starlark.Mapping:
			x, found, err := c.Get(kv)
			if err != nil || !found {
				return nil, fmt.Errorf("key %s not found", kv)
			}
			v = x
		case starlark.Indexable:
			n, ok := kv.(starlark.Int)
			i, ok2 := n.Int64()
			if !ok || !ok2 || i < 0 || int(i) >= c.Len() {
				return nil, fmt.Errorf("index %s out of range", kv)
			}
			v = c.Index(int(i))
		default:
			return nil, fmt.Errorf("%s is not subscriptable", v.Type())
		}
	}
	return v, nil
}

// parseFormatSpec parses [[fill]align][sign][#][0][width][,|_][.prec][type].
func parseFormatSpec(s string) (spec, error) {
	sp := spec{fill: ' ', prec: -1}
	isAlign := func(c byte) bool { return strings.IndexByte("<>^=", c) >= 0 }
	if r, n := utf8.DecodeRuneInString(s); n > 0 && n < len(s) && isAlign(s[n]) {
		sp.fill, sp.align, s = r, s[n], s[n+1:]
	} else if s != "" && isAlign(s[0]) {
		sp.align, s = s[0], s[1:]
	}
	if s != "" && strings.IndexByte("+- ", s[0]) >= 0 {
		sp.sign, s = s[0], s[1:]
	}
	if s != "" && s[0] == '#' {
		sp.alt, s = true, s[1:]
	}
	if s != "" && s[0] == '0' {
		sp.zero, s = true, s[1:]
	}
	for s != "" && s[0] >= '0' && s[0] <= '9' {
		sp.width, s = sp.width*10+int(s[0]-'0'), s[1:]
	}
	if s != "" && (s[0] == ',' || s[0] == '_') {
		sp.grouping, s = s[0], s[1:]
	}
	if s != "" && s[0] == '.' {
		s = s[1:]
		sp.prec = 0
		if s == "" || s[0] < '0' || s[0] > '9' {
			return sp, fmt.Errorf("format specifier missing precision")
		}
		for s != "" && s[0] >= '0' && s[0] <= '9' {
			sp.prec, s = sp.prec*10+int(s[0]-'0'), s[1:]
		}
	}
	if len(s) == 1 && strings.IndexByte("bcdeEfFgGnosxX%", s[0]) >= 0 {
		sp.typ, s = s[0], ""
	}
	if s != "" {
		return sp, fmt.Errorf("invalid format specifier")
	}
	return sp, nil
}

// render formats one value by one spec.
func render(v starlark.Value, sp spec) (string, error) {
	if b, ok := v.(starlark.Bool); ok && sp.typ != 0 && sp.typ != 's' && sp.typ != 'r' && sp.typ != 'a' {
		v = starlark.MakeInt(0)
		if b {
			v = starlark.MakeInt(1)
		}
	}
	switch sp.typ {
	case 'r', 'a':
		return pad(pyRepr(v), "", sp, '>'), nil
	case 's':
		return pad(truncate(pyStr(v), sp.prec), "", sp, '<'), nil
	case 'c':
		if s, ok := v.(starlark.String); ok && utf8.RuneCountInString(string(s)) == 1 {
			return pad(string(s), "", sp, '<'), nil
		}
		n, err := starlark.AsInt32(v)
		if err != nil {
			return "", fmt.Errorf("%%c requires an int or a single character")
		}
		return pad(string(rune(n)), "", sp, '<'), nil
	case 'd', 'b', 'o', 'x', 'X', 'n':
		if f, ok := v.(starlark.Float); ok && sp.percent {
			if math.IsInf(float64(f), 0) || math.IsNaN(float64(f)) {
				return "", fmt.Errorf("cannot convert float %s to integer", f)
			}
			n, err := starlark.NumberToInt(f)
			if err != nil {
				return "", err
			}
			v = n
		}
		i, ok := v.(starlark.Int)
		if !ok {
			if sp.typ == 'n' {
				break
			}
			return "", fmt.Errorf("format %c needs a number, got %s", sp.typ, v.Type())
		}
		return formatInt(i.BigInt(), sp), nil
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		f, ok := starlark.AsFloat(v)
		if !ok {
			return "", fmt.Errorf("format %c needs a number, got %s", sp.typ, v.Type())
		}
		return formatFloat(f, sp), nil
	case 0:
		switch x := v.(type) {
		case starlark.Int:
			return formatInt(x.BigInt(), sp), nil
		case starlark.Float:
			return formatFloat(float64(x), sp), nil
		}
		return pad(truncate(pyStr(v), sp.prec), "", sp, '<'), nil
	}
	f, _ := starlark.AsFloat(v)
	return formatFloat(f, sp), nil
}

func truncate(s string, prec int) string {
	if prec >= 0 && utf8.RuneCountInString(s) > prec {
		return string([]rune(s)[:prec])
	}
	return s
}

func formatInt(n *big.Int, sp spec) string {
	neg := n.Sign() < 0
	abs := new(big.Int).Abs(n)
	var digits, prefix string
	switch sp.typ {
	case 'b':
		digits, prefix = abs.Text(2), "0b"
	case 'o':
		digits, prefix = abs.Text(8), "0o"
	case 'x':
		digits, prefix = abs.Text(16), "0x"
	case 'X':
		digits, prefix = strings.ToUpper(abs.Text(16)), "0X"
	default:
		digits = abs.Text(10)
	}
	if !sp.alt {
		prefix = ""
	}
	if sp.grouping != 0 {
		digits = group(digits, sp.grouping)
	}
	return pad(digits, signOf(neg, sp)+prefix, sp, '>')
}

func formatFloat(f float64, sp spec) string {
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	typ, prec := sp.typ, sp.prec
	suffix := ""
	var body string
	switch {
	case math.IsInf(a, 0) || math.IsNaN(a):
		body = "inf"
		if math.IsNaN(a) {
			body = "nan"
		}
		if typ == 'E' || typ == 'F' || typ == 'G' {
			body = strings.ToUpper(body)
		}
		if typ == '%' {
			suffix = "%"
		}
		return pad(body+suffix, signOf(neg, sp), sp, '>')
	case typ == 0 && prec < 0:
		body = starlark.Float(a).String()
	case typ == 0 || typ == 'n':
		if prec == 0 {
			prec = 1
		}
		body = strconv.FormatFloat(a, 'g', prec, 64)
		if !strings.ContainsAny(body, ".e") {
			body += ".0"
		}
	case typ == '%':
		if prec < 0 {
			prec = 6
		}
		body, suffix = strconv.FormatFloat(a*100, 'f', prec, 64), "%"
	default:
		if prec < 0 {
			prec = 6
		}
		c := typ | 0x20 // lower case
		if (c == 'g') && prec == 0 {
			prec = 1
		}
		body = strconv.FormatFloat(a, c, prec, 64)
		if sp.alt && (c == 'e' || c == 'f') && !strings.Contains(body, ".") {
			if k := strings.IndexByte(body, 'e'); k >= 0 {
				body = body[:k] + "." + body[k:]
			} else {
				body += "."
			}
		}
		if typ == 'E' || typ == 'G' {
			body = strings.ToUpper(body)
		}
	}
	if sp.grouping != 0 {
		intPart := body
		k := strings.IndexAny(body, ".eE")
		if k >= 0 {
			intPart = body[:k]
		}
		body = group(intPart, sp.grouping) + body[len(intPart):]
	}
	return pad(body+suffix, signOf(neg, sp), sp, '>')
}

func signOf(neg bool, sp spec) string {
	switch {
	case neg:
		return "-"
	case sp.sign == '+':
		return "+"
	case sp.sign == ' ':
		return " "
	}
	return ""
}

// group inserts sep between groups of three digits of a decimal string.
func group(digits string, sep byte) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// pad applies width, fill and alignment; prefix (sign, 0x) goes before the
// padding for '=' alignment and zero padding, before body otherwise.
func pad(body, prefix string, sp spec, defAlign byte) string {
	align, fill := sp.align, sp.fill
	if sp.zero && (align == 0 || align == '=') && sp.typ != 's' && sp.typ != 'r' && sp.typ != 'a' && sp.typ != 'c' {
		align, fill = '=', '0'
	}
	if sp.percent && align == 0 {
		align = '>'
	}
	if align == 0 {
		align = defAlign
	}
	n := sp.width - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(body)
	if n <= 0 {
		return prefix + body
	}
	fillS := strings.Repeat(string(fill), n)
	switch align {
	case '<':
		return prefix + body + fillS
	case '^':
		l := n / 2
		return strings.Repeat(string(fill), l) + prefix + body + strings.Repeat(string(fill), n-l)
	case '=':
		return prefix + fillS + body
	}
	return fillS + prefix + body
}

// pyStr is Python's str(v): strings as they are, containers with the
// items' Python repr.
func pyStr(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return string(s)
	}
	return pyRepr(v)
}

// pyRepr is Python's repr(v): as Starlark's, but strings inside quote as
// Python quotes them and None, True, False as Python spells them.
func pyRepr(v starlark.Value) string {
	switch x := v.(type) {
	case starlark.String:
		return pyQuote(string(x))
	case *starlark.List:
		return "[" + joinRepr(x.Len(), x.Index) + "]"
	case starlark.Tuple:
		if len(x) == 1 {
			return "(" + pyRepr(x[0]) + ",)"
		}
		return "(" + joinRepr(len(x), x.Index) + ")"
	case starlark.Float:
		f := float64(x)
		switch {
		case math.IsNaN(f):
			return "nan"
		case math.IsInf(f, 1):
			return "inf"
		case math.IsInf(f, -1):
			return "-inf"
		}
	case starlark.NoneType, starlark.Bool, starlark.Int:
	case starlark.Indexable:
		// Array views and the model's list views print as Python lists.
		return "[" + joinRepr(x.Len(), x.Index) + "]"
	case *starlark.Dict:
		parts := make([]string, 0, x.Len())
		for _, kv := range x.Items() {
			parts = append(parts, pyRepr(kv[0])+": "+pyRepr(kv[1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return v.String()
}

func joinRepr(n int, at func(int) starlark.Value) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pyRepr(at(i))
	}
	return strings.Join(parts, ", ")
}

// pyQuote quotes s as Python's repr does: single quotes unless s holds a
// single quote and no double quote.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
