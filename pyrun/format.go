package pyrun

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// floatRepr is Python 3's repr of a float: the shortest string that reads
// back to the same value, in fixed notation for exponents in [-4, 16) and
// scientific notation otherwise.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	if exp < -4 || exp >= 16 {
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// strOf is str(v) for values that need no interpreter.
func strOf(v starlark.Value) string { return (*interp)(nil).str(v) }

// reprOf is repr(v) for values that need no interpreter.
func reprOf(v starlark.Value) string { return (*interp)(nil).repr(v) }

// str is Python's str(v).
func (itp *interp) str(v starlark.Value) string {
	switch x := v.(type) {
	case starlark.String:
		return string(x)
	case *Instance:
		if itp != nil {
			if f, ok := x.Class.lookup("__str__"); ok {
				if r, err := itp.call(f, starlark.Tuple{x}, nil); err == nil {
					return itp.str(r)
				}
			}
		}
		if x.Class.exc {
			return excMessage(x)
		}
	}
	return itp.repr(v)
}

// repr is Python's repr(v).
func (itp *interp) repr(v starlark.Value) string {
	var b strings.Builder
	itp.writeRepr(&b, v, 0)
	return b.String()
}

func (itp *interp) writeRepr(b *strings.Builder, v starlark.Value, depth int) {
	if depth > 50 {
		b.WriteString("...")
		return
	}
	switch x := v.(type) {
	case starlark.String:
		b.WriteString(pyQuote(string(x)))
	case starlark.Float:
		b.WriteString(floatRepr(float64(x)))
	case starlark.NoneType:
		b.WriteString("None")
	case starlark.Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case starlark.Int:
		b.WriteString(x.String())
	case starlark.Tuple:
		b.WriteByte('(')
		for i, y := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			itp.writeRepr(b, y, depth+1)
		}
		if len(x) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *starlark.Set:
		if x.Len() == 0 {
			b.WriteString("set()")
			return
		}
		b.WriteByte('{')
		it := x.Iterate()
		var y starlark.Value
		for i := 0; it.Next(&y); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			itp.writeRepr(b, y, depth+1)
		}
		it.Done()
		b.WriteByte('}')
	case starlark.IterableMapping:
		b.WriteByte('{')
		for i, kv := range x.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			itp.writeRepr(b, kv[0], depth+1)
			b.WriteString(": ")
			itp.writeRepr(b, kv[1], depth+1)
		}
		b.WriteByte('}')
	case *Instance:
		if itp != nil {
			if f, ok := x.Class.lookup("__repr__"); ok {
				if r, err := itp.call(f, starlark.Tuple{x}, nil); err == nil {
					b.WriteString(itp.str(r))
					return
				}
			}
		}
		if x.Class.exc {
			args, _ := x.Attrs["args"].(starlark.Tuple)
			b.WriteString(x.Class.name)
			if len(args) == 1 {
				b.WriteByte('(')
				itp.writeRepr(b, args[0], depth+1)
				b.WriteByte(')')
			} else {
				itp.writeRepr(b, args, depth+1)
			}
			return
		}
		b.WriteString(x.String())
	case *Class:
		fmt.Fprintf(b, "<class '__main__.%s'>", x.name)
	case *defaultDict:
		b.WriteString("defaultdict(")
		itp.writeRepr(b, x.factory, depth+1)
		b.WriteString(", ")
		itp.writeRepr(b, x.Dict, depth+1)
		b.WriteString(")")
	case *dictView:
		b.WriteString(x.kind + "(")
		itp.writeRepr(b, starlark.NewList(x.items), depth+1)
		b.WriteString(")")
	case *starlark.Builtin:
		if _, isType := typeNames[x.Name()]; isType && x.Receiver() == nil {
			fmt.Fprintf(b, "<class '%s'>", x.Name())
			return
		}
		if r := x.Receiver(); r != nil {
			fmt.Fprintf(b, "<bound method %s of %s>", x.Name(), r.String())
		} else {
			fmt.Fprintf(b, "<built-in function %s>", x.Name())
		}
	case starlark.Indexable:
		if _, isRange := v.(starlark.Sequence); isRange && v.Type() == "range" {
			b.WriteString(v.String())
			return
		}
		b.WriteByte('[')
		for i := 0; i < x.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			itp.writeRepr(b, x.Index(i), depth+1)
		}
		b.WriteByte(']')
	default:
		b.WriteString(v.String())
	}
}

// pyQuote quotes s as Python's repr does.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, "\"") {
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
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case r > 0x7f && !unicode.IsPrint(r):
			if r <= 0xff {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else if r <= 0xffff {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// percent is Python's "format % args".
func (itp *interp) percent(format string, args starlark.Value) (string, error) {
	var list []starlark.Value
	var mapping starlark.Mapping
	switch a := args.(type) {
	case starlark.Tuple:
		list = a
	case starlark.Mapping:
		mapping = a
		list = []starlark.Value{a}
	default:
		list = []starlark.Value{a}
	}
	next := 0
	take := func() (starlark.Value, error) {
		if next >= len(list) {
			return nil, itp.newExc("TypeError", "not enough arguments for format string")
		}
		v := list[next]
		next++
		return v, nil
	}
	var b strings.Builder
	usedMap := false
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(format) {
			return "", itp.newExc("ValueError", "incomplete format")
		}
		var arg starlark.Value
		if format[i] == '(' {
			end := strings.IndexByte(format[i:], ')')
			if end < 0 || mapping == nil {
				return "", itp.newExc("TypeError", "format requires a mapping")
			}
			key := format[i+1 : i+end]
			i += end + 1
			v, found, _ := mapping.Get(starlark.String(key))
			if !found {
				return "", itp.newExcArgs("KeyError", starlark.Tuple{starlark.String(key)})
			}
			arg = v
			usedMap = true
		}
		flags := ""
		for i < len(format) && strings.IndexByte("-+ #0", format[i]) >= 0 {
			flags += string(format[i])
			i++
		}
		width, prec := -1, -1
		if i < len(format) && format[i] == '*' {
			v, err := take()
			if err != nil {
				return "", err
			}
			w, _ := starlark.AsInt32(v)
			width = w
			i++
		} else {
			start := i
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
			if i > start {
				width, _ = strconv.Atoi(format[start:i])
			}
		}
		if i < len(format) && format[i] == '.' {
			i++
			if i < len(format) && format[i] == '*' {
				v, err := take()
				if err != nil {
					return "", err
				}
				prec, _ = starlark.AsInt32(v)
				i++
			} else {
				start := i
				for i < len(format) && format[i] >= '0' && format[i] <= '9' {
					i++
				}
				prec, _ = strconv.Atoi(format[start:i])
			}
		}
		for i < len(format) && strings.IndexByte("hlL", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			return "", itp.newExc("ValueError", "incomplete format")
		}
		conv := format[i]
		if conv == '%' {
			b.WriteByte('%')
			continue
		}
		if arg == nil {
			v, err := take()
			if err != nil {
				return "", err
			}
			arg = v
		}
		goSpec := "%" + flags
		if width >= 0 {
			goSpec += strconv.Itoa(width)
		}
		if prec >= 0 {
			goSpec += "." + strconv.Itoa(prec)
		}
		switch conv {
		case 's', 'r', 'a':
			s := itp.str(arg)
			if conv != 's' {
				s = itp.repr(arg)
			}
			sspec := "%"
			if strings.Contains(flags, "-") {
				sspec += "-"
			}
			if width >= 0 {
				sspec += strconv.Itoa(width)
			}
			if prec >= 0 {
				sspec += "." + strconv.Itoa(prec)
			}
			b.WriteString(fmt.Sprintf(sspec+"s", s))
		case 'd', 'i', 'u', 'x', 'X', 'o', 'c':
			if conv == 'c' {
				if s, ok := arg.(starlark.String); ok {
					b.WriteString(fmt.Sprintf(goSpec+"s", string(s)))
					continue
				}
				n, err := starlark.AsInt32(arg)
				if err != nil {
					return "", itp.newExc("TypeError", "%c requires int or char")
				}
				b.WriteString(fmt.Sprintf(goSpec+"c", rune(n)))
				continue
			}
			n, err := itp.toBigInt(arg, conv)
			if err != nil {
				return "", err
			}
			verb := string(conv)
			if conv == 'i' || conv == 'u' {
				verb = "d"
			}
			if conv == 'o' && strings.Contains(flags, "#") {
				goSpec = strings.Replace(goSpec, "#", "", 1)
				s := fmt.Sprintf("%o", new(big.Int).Abs(n))
				if n.Sign() < 0 {
					s = "-0o" + s
				} else {
					s = "0o" + s
				}
				b.WriteString(fmt.Sprintf(strings.Replace(goSpec, "0", "", 1)+"s", s))
				continue
			}
			b.WriteString(fmt.Sprintf(goSpec+verb, n))
		case 'e', 'E', 'f', 'F', 'g', 'G':
			f, ok := starlark.AsFloat(arg)
			if !ok {
				if bv, isB := arg.(starlark.Bool); isB {
					f = float64(boolInt(bv).Float())
				} else {
					return "", itp.newExc("TypeError", fmt.Sprintf("must be real number, not %s", pyType(arg)))
				}
			}
			if prec < 0 {
				goSpec += ".6"
			}
			b.WriteString(formatFloatGo(goSpec, conv, f))
		default:
			return "", itp.newExc("ValueError", fmt.Sprintf("unsupported format character '%c' (0x%x) at index %d", conv, conv, i))
		}
	}
	if next < len(list) && !usedMap && mapping == nil {
		return "", itp.newExc("TypeError", "not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// formatFloatGo formats f with a Go verb spec, writing inf and nan as
// Python does.
func formatFloatGo(spec string, conv byte, f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		if math.IsNaN(f) {
			s = "nan"
		} else if f < 0 {
			s = "-inf"
		} else if strings.Contains(spec, "+") {
			s = "+inf"
		}
		if conv >= 'A' && conv <= 'Z' {
			s = strings.ToUpper(s)
		}
		spec = strings.NewReplacer("0", "", "#", "").Replace(spec[:strings.IndexAny(spec+".", ".123456789")])
		return fmt.Sprintf(spec+"s", s)
	}
	if conv == 'F' {
		conv = 'f'
	}
	return fmt.Sprintf(spec+string(conv), f)
}

func (itp *interp) toBigInt(arg starlark.Value, conv byte) (*big.Int, error) {
	switch a := arg.(type) {
	case starlark.Int:
		return a.BigInt(), nil
	case starlark.Bool:
		return boolInt(a).BigInt(), nil
	case starlark.Float:
		if conv == 'x' || conv == 'X' || conv == 'o' {
			return nil, itp.newExc("TypeError", fmt.Sprintf("%%%c format: an integer is required, not float", conv))
		}
		f := math.Trunc(float64(a))
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, itp.newExc("OverflowError", "cannot convert float infinity to integer")
		}
		z, _ := big.NewFloat(f).Int(nil)
		return z, nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("%%%c format: a real number is required, not %s", conv, pyType(arg)))
}

// formatSpec is a parsed format-spec of the mini-language.
type formatSpec struct {
	fill      rune
	align     byte
	sign      byte
	alt       bool
	zero      bool
	width     int
	grouping  byte
	prec      int
	typ       byte
	precGiven bool
}

func parseSpec(spec string) (formatSpec, bool) {
	fs := formatSpec{fill: ' ', width: -1, prec: -1}
	r := []rune(spec)
	i := 0
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	if len(r) >= 2 && isAlign(r[1]) {
		fs.fill, fs.align = r[0], byte(r[1])
		i = 2
	} else if len(r) >= 1 && isAlign(r[0]) {
		fs.align = byte(r[0])
		i = 1
	}
	if i < len(r) && (r[i] == '+' || r[i] == '-' || r[i] == ' ') {
		fs.sign = byte(r[i])
		i++
	}
	if i < len(r) && r[i] == '#' {
		fs.alt = true
		i++
	}
	if i < len(r) && r[i] == '0' {
		fs.zero = true
		i++
	}
	start := i
	for i < len(r) && r[i] >= '0' && r[i] <= '9' {
		i++
	}
	if i > start {
		fs.width, _ = strconv.Atoi(string(r[start:i]))
	}
	if i < len(r) && (r[i] == ',' || r[i] == '_') {
		fs.grouping = byte(r[i])
		i++
	}
	if i < len(r) && r[i] == '.' {
		i++
		start = i
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
		if i == start {
			return fs, false
		}
		fs.prec, _ = strconv.Atoi(string(r[start:i]))
		fs.precGiven = true
	}
	if i < len(r) {
		if r[i] > 127 {
			return fs, false
		}
		fs.typ = byte(r[i])
		i++
	}
	if i != len(r) {
		return fs, false
	}
	if fs.zero && fs.align == 0 {
		fs.fill, fs.align = '0', '='
	}
	return fs, true
}

// formatValue is Python's format(v, spec).
func (itp *interp) formatValue(v starlark.Value, spec string) (string, error) {
	if inst, ok := v.(*Instance); ok {
		if f, ok := inst.Class.lookup("__format__"); ok {
			r, err := itp.call(f, starlark.Tuple{inst, starlark.String(spec)}, nil)
			if err != nil {
				return "", err
			}
			return itp.str(r), nil
		}
	}
	if spec == "" {
		return itp.str(v), nil
	}
	fs, ok := parseSpec(spec)
	if !ok {
		return "", itp.newExc("ValueError", "Invalid format specifier")
	}
	if b, ok := v.(starlark.Bool); ok && fs.typ != 0 && fs.typ != 's' {
		v = boolInt(b)
	}
	switch x := v.(type) {
	case starlark.String:
		if fs.typ != 0 && fs.typ != 's' {
			return "", itp.newExc("ValueError", fmt.Sprintf("Unknown format code '%c' for object of type 'str'", fs.typ))
		}
		s := string(x)
		if fs.precGiven && utf8.RuneCountInString(s) > fs.prec {
			s = string([]rune(s)[:fs.prec])
		}
		return pad(s, "", fs, '<'), nil
	case starlark.Int:
		switch fs.typ {
		case 0, 'd', 'n', 'b', 'o', 'x', 'X', 'c':
			n := x.BigInt()
			sign := ""
			if n.Sign() < 0 {
				sign = "-"
				n = new(big.Int).Neg(n)
			} else if fs.sign == '+' {
				sign = "+"
			} else if fs.sign == ' ' {
				sign = " "
			}
			var digits string
			switch fs.typ {
			case 'b':
				digits = n.Text(2)
				if fs.alt {
					sign += "0b"
				}
			case 'o':
				digits = n.Text(8)
				if fs.alt {
					sign += "0o"
				}
			case 'x':
				digits = n.Text(16)
				if fs.alt {
					sign += "0x"
				}
			case 'X':
				digits = strings.ToUpper(n.Text(16))
				if fs.alt {
					sign += "0X"
				}
			case 'c':
				digits = string(rune(n.Int64()))
			default:
				digits = n.Text(10)
				if fs.grouping != 0 {
					digits = group(digits, fs.grouping)
				}
			}
			return pad(digits, sign, fs, '>'), nil
		}
		v = starlark.Float(x.Float())
		return itp.formatValue(v, spec)
	case starlark.Float:
		return formatFloatSpec(float64(x), fs)
	}
	return "", itp.newExc("TypeError", fmt.Sprintf("unsupported format string passed to %s.__format__", pyType(v)))
}

func formatFloatSpec(f float64, fs formatSpec) (string, error) {
	sign := ""
	if math.Signbit(f) && !math.IsNaN(f) {
		sign = "-"
		f = -f
	} else if fs.sign == '+' {
		sign = "+"
	} else if fs.sign == ' ' {
		sign = " "
	}
	prec := fs.prec
	var body string
	switch {
	case math.IsInf(f, 0):
		body = "inf"
	case math.IsNaN(f):
		body = "nan"
	default:
		switch fs.typ {
		case 'f', 'F', '%':
			if prec < 0 {
				prec = 6
			}
			if fs.typ == '%' {
				f *= 100
			}
			body = strconv.FormatFloat(f, 'f', prec, 64)
		case 'e', 'E':
			if prec < 0 {
				prec = 6
			}
			body = fmt.Sprintf("%.*e", prec, f)
		case 'g', 'G', 'n':
			if prec < 0 {
				prec = 6
			}
			if prec == 0 {
				prec = 1
			}
			body = fmt.Sprintf("%.*g", prec, f)
			if fs.alt && !strings.Contains(body, ".") {
				body += "."
			}
		case 0:
			if prec < 0 {
				body = floatRepr(f)
			} else {
				if prec == 0 {
					prec = 1
				}
				body = fmt.Sprintf("%.*g", prec, f)
				if !strings.ContainsAny(body, ".e") {
					body += ".0"
				}
			}
		default:
			return "", fmt.Errorf("Unknown format code '%c' for object of type 'float'", fs.typ)
		}
	}
	if fs.grouping != 0 && !strings.Contains(body, "e") {
		ip, frac, hasFrac := strings.Cut(body, ".")
		body = group(ip, fs.grouping)
		if hasFrac {
			body += "." + frac
		}
	}
	if fs.typ >= 'A' && fs.typ <= 'Z' {
		body = strings.ToUpper(body)
	}
	if fs.typ == '%' {
		body += "%"
	}
	return pad(body, sign, fs, '>'), nil
}

func group(digits string, sep byte) string {
	n := len(digits)
	if n <= 3 {
		return digits
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (n-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// pad aligns sign+body in the spec's width.
func pad(body, sign string, fs formatSpec, defAlign byte) string {
	align := fs.align
	if align == 0 {
		align = defAlign
	}
	n := utf8.RuneCountInString(body) + utf8.RuneCountInString(sign)
	if fs.width <= n {
		return sign + body
	}
	fill := strings.Repeat(string(fs.fill), fs.width-n)
	switch align {
	case '<':
		return sign + body + fill
	case '^':
		k := (fs.width - n) / 2
		return strings.Repeat(string(fs.fill), k) + sign + body + strings.Repeat(string(fs.fill), fs.width-n-k)
	case '=':
		return sign + fill + body
	}
	return fill + sign + body
}

// strFormat is Python's str.format.
func (itp *interp) strFormat(format string, args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
	auto := 0
	var b strings.Builder
	lookupField := func(name string) (starlark.Value, error) {
		// split first part and the accessors
		end := strings.IndexAny(name, ".[")
		first, rest := name, ""
		if end >= 0 {
			first, rest = name[:end], name[end:]
		}
		var v starlark.Value
		if first == "" {
			if auto < 0 {
				return nil, itp.newExc("ValueError", "cannot switch from manual field specification to automatic field numbering")
			}
			if auto >= len(args) {
				return nil, itp.newExc("IndexError", fmt.Sprintf("Replacement index %d out of range for positional args tuple", auto))
			}
			v = args[auto]
			auto++
		} else if n, err := strconv.Atoi(first); err == nil {
			if n >= len(args) {
				return nil, itp.newExc("IndexError", fmt.Sprintf("Replacement index %d out of range for positional args tuple", n))
			}
			v = args[n]
		} else {
			for _, kv := range kwargs {
				if string(kv[0].(starlark.String)) == first {
					v = kv[1]
				}
			}
			if v == nil {
				return nil, itp.newExcArgs("KeyError", starlark.Tuple{starlark.String(first)})
			}
		}
		for rest != "" {
			if rest[0] == '.' {
				end := strings.IndexAny(rest[1:], ".[")
				attr := rest[1:]
				if end >= 0 {
					attr, rest = rest[1:1+end], rest[1+end:]
				} else {
					rest = ""
				}
				var err error
				if v, err = itp.getattr(v, attr); err != nil {
					return nil, err
				}
				continue
			}
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, itp.newExc("ValueError", "Missing ']' in format string")
			}
			key := rest[1:end]
			rest = rest[end+1:]
			var k starlark.Value = starlark.String(key)
			if n, err := strconv.Atoi(key); err == nil {
				k = starlark.MakeInt(n)
			}
			var err error
			if v, err = itp.getitem(v, k); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '}' {
			if i+1 < len(format) && format[i+1] == '}' {
				i++
				b.WriteByte('}')
				continue
			}
			return "", itp.newExc("ValueError", "Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '{' {
			i++
			b.WriteByte('{')
			continue
		}
		// find the matching close brace (specs may nest one level)
		depth, j := 1, i+1
		for ; j < len(format) && depth > 0; j++ {
			switch format[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth != 0 {
			return "", itp.newExc("ValueError", "expected '}' before end of string")
		}
		field := format[i+1 : j-1]
		i = j - 1
		name, spec, _ := strings.Cut(field, ":")
		conv := ""
		if k := strings.IndexByte(name, '!'); k >= 0 {
			name, conv = name[:k], name[k+1:]
		}
		if name != "" && auto > 0 {
			if _, err := strconv.Atoi(strings.SplitN(strings.SplitN(name, ".", 2)[0], "[", 2)[0]); err == nil {
				return "", itp.newExc("ValueError", "cannot switch from automatic field numbering to manual field specification")
			}
		}
		v, err := lookupField(name)
		if err != nil {
			return "", err
		}
		if strings.Contains(spec, "{") {
			spec, err = itp.strFormatNested(spec, lookupField)
			if err != nil {
				return "", err
			}
		}
		switch conv {
		case "r", "a":
			v = starlark.String(itp.repr(v))
		case "s":
			v = starlark.String(itp.str(v))
		case "":
		default:
			return "", itp.newExc("ValueError", fmt.Sprintf("Unknown conversion specifier %s", conv))
		}
		s, err := itp.formatValue(v, spec)
		if err != nil {
			return "", itp.toExc(err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func (itp *interp) strFormatNested(spec string, lookup func(string) (starlark.Value, error)) (string, error) {
	var b strings.Builder
	for i := 0; i < len(spec); i++ {
		if spec[i] != '{' {
			b.WriteByte(spec[i])
			continue
		}
		end := strings.IndexByte(spec[i:], '}')
		if end < 0 {
			return "", itp.newExc("ValueError", "unmatched '{' in format spec")
		}
		v, err := lookup(spec[i+1 : i+end])
		if err != nil {
			return "", err
		}
		b.WriteString(itp.str(v))
		i += end
	}
	return b.String(), nil
}
