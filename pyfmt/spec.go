package pyfmt

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// spec is one parsed conversion: a %-conversion or a format-spec.
type spec struct {
	fill     rune // fill character; 0 when none was given
	align    byte // 0, '<', '>', '^', '='
	sign     byte // 0, '+', '-', ' '
	z        bool // 'z': negative zero shows as zero
	alt      bool // '#'
	zero     bool // the '0' flag
	width    int
	grouping byte // 0, ',', '_'
	prec     int  // -1: none
	typ      byte // 0 or the type letter
	percent  bool // from %-formatting
}

// parseSpec parses a format-spec:
// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type].
func parseSpec(s string) (spec, error) {
	sp := spec{prec: -1}
	bad := errorf("ValueError", "Invalid format specifier '"+s+"'")
	isAlign := func(c byte) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	if r, n := utf8.DecodeRuneInString(s); n > 0 && n < len(s) && isAlign(s[n]) {
		sp.fill, sp.align, s = r, s[n], s[n+1:]
	} else if s != "" && isAlign(s[0]) {
		sp.align, s = s[0], s[1:]
	}
	if s != "" && (s[0] == '+' || s[0] == '-' || s[0] == ' ') {
		sp.sign, s = s[0], s[1:]
	}
	if s != "" && s[0] == 'z' {
		sp.z, s = true, s[1:]
	}
	if s != "" && s[0] == '#' {
		sp.alt, s = true, s[1:]
	}
	if s != "" && s[0] == '0' && sp.fill == 0 {
		sp.zero, s = true, s[1:]
	}
	tooBig := false
	digits := func() (int, bool) {
		n, k := 0, 0
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			n = n*10 + int(s[k]-'0')
			tooBig = tooBig || n > 1<<30
			k++
		}
		s = s[k:]
		return n, k > 0
	}
	sp.width, _ = digits()
	if s != "" && (s[0] == ',' || s[0] == '_') {
		sp.grouping, s = s[0], s[1:]
	}
	if s != "" && s[0] == '.' {
		s = s[1:]
		var ok bool
		if sp.prec, ok = digits(); !ok {
			return sp, errorf("ValueError", "Format specifier missing precision")
		}
	}
	if tooBig {
		return sp, errorf("ValueError", "Too many decimal digits in format string")
	}
	if len(s) > 1 {
		return sp, bad
	}
	if s != "" {
		sp.typ = s[0]
	}
	return sp, nil
}

// numeric resolves the fill and alignment of a number: the '0' flag pads
// with zeros after the sign unless an alignment was given.
func (sp spec) numeric() spec {
	if sp.zero {
		if sp.fill == 0 {
			sp.fill = '0'
		}
		if sp.align == 0 {
			sp.align = '='
		}
	}
	if sp.fill == 0 {
		sp.fill = ' '
	}
	if sp.align == 0 {
		sp.align = '>'
	}
	return sp
}

// text resolves the fill and alignment of a string: the '0' flag of a
// format-spec fills with zeros, left-aligned by default; %-formatting
// ignores it and aligns right unless '-' was given.
func (sp spec) text() spec {
	if sp.zero && !sp.percent && sp.fill == 0 {
		sp.fill = '0'
	}
	if sp.fill == 0 {
		sp.fill = ' '
	}
	if sp.align == 0 {
		sp.align = '<'
		if sp.percent {
			sp.align = '>'
		}
	}
	return sp
}

// pad aligns prefix+body in the spec's width. Alignment '=' puts the fill
// between prefix (sign, 0x) and body.
func pad(prefix, body string, sp spec) string {
	n := sp.width - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(body)
	if n <= 0 {
		return prefix + body
	}
	fill := string(sp.fill)
	switch sp.align {
	case '<':
		return prefix + body + strings.Repeat(fill, n)
	case '^':
		l := n / 2
		return strings.Repeat(fill, l) + prefix + body + strings.Repeat(fill, n-l)
	case '=':
		return prefix + strings.Repeat(fill, n) + body
	}
	return strings.Repeat(fill, n) + prefix + body
}

// formatText renders a string by a spec: precision truncates.
func formatText(s string, sp spec) string {
	if sp.prec >= 0 && utf8.RuneCountInString(s) > sp.prec {
		s = string([]rune(s)[:sp.prec])
	}
	return pad("", s, sp.text())
}

// formatChar renders %c / {:c} of an int or, for %c, a one-character
// string.
func formatChar(v starlark.Value, sp spec) (string, error) {
	if s, ok := v.(starlark.String); ok && sp.percent && utf8.RuneCountInString(string(s)) == 1 {
		return pad("", string(s), sp.text()), nil
	}
	n, ok := asBigInt(v)
	if !ok {
		return "", errorf("TypeError", "%c requires int or char")
	}
	if n.Sign() < 0 || n.Cmp(big.NewInt(0x10ffff)) > 0 {
		return "", errorf("OverflowError", "%c arg not in range(0x110000)")
	}
	if sp.percent {
		return pad("", string(rune(n.Int64())), sp.text()), nil
	}
	return pad("", string(rune(n.Int64())), sp.numeric()), nil
}

func asBigInt(v starlark.Value) (*big.Int, bool) {
	switch x := v.(type) {
	case starlark.Int:
		return x.BigInt(), true
	case starlark.Bool:
		if x {
			return big.NewInt(1), true
		}
		return big.NewInt(0), true
	}
	return nil, false
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

// formatInt renders an integer by a spec of type 0, d, n, b, o, x or X.
// For %-formatting a precision is a minimum number of digits.
func formatInt(n *big.Int, sp spec) string {
	abs := new(big.Int).Abs(n)
	var digits, prefix string
	every := 3
	switch sp.typ {
	case 'b':
		digits, prefix, every = abs.Text(2), "0b", 4
	case 'o':
		digits, prefix, every = abs.Text(8), "0o", 4
	case 'x':
		digits, prefix, every = abs.Text(16), "0x", 4
	case 'X':
		digits, prefix, every = strings.ToUpper(abs.Text(16)), "0X", 4
	default:
		digits = abs.Text(10)
	}
	if !sp.alt {
		prefix = ""
	}
	if sp.percent && sp.prec > len(digits) {
		digits = strings.Repeat("0", sp.prec-len(digits)) + digits
	}
	return padNumber(signOf(n.Sign() < 0, sp)+prefix, digits, "", every, sp.numeric())
}

// padNumber groups the integer digits and pads prefix+digits+rest. With
// zero fill after the sign ('0' flag or "0="), the zeros are grouped too,
// as CPython does.
func padNumber(prefix, digits, rest string, every int, sp spec) string {
	if sp.grouping != 0 {
		if sp.fill == '0' && sp.align == '=' {
			min := sp.width - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(rest)
			k := len(digits)
			for k+(k-1)/every < min {
				k++
			}
			digits = strings.Repeat("0", k-len(digits)) + digits
		}
		digits = group(digits, sp.grouping, every)
	}
	return pad(prefix, digits+rest, sp)
}

// group inserts sep between groups of every digits, counted from the right.
func group(digits string, sep byte, every int) string {
	if len(digits) <= every {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % every
	b.WriteString(digits[:lead])
	for i := lead; i < len(digits); i += every {
		if i > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(digits[i : i+every])
	}
	return b.String()
}

// formatFloat renders f by a spec of type 0, e, E, f, F, g, G, n or %.
func formatFloat(f float64, sp spec) string {
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	typ, prec := sp.typ, sp.prec
	var body, rest string
	switch {
	case math.IsInf(a, 0), math.IsNaN(a):
		body = "inf"
		if math.IsNaN(a) {
			body = "nan"
		}
		if typ == '%' {
			rest = "%"
		}
	case typ == 0 && prec < 0:
		body = FloatRepr(a)
		if sp.alt && !strings.Contains(body, ".") {
			k := strings.IndexByte(body, 'e')
			body = body[:k] + "." + body[k:]
		}
	case typ == 0:
		body = formatG(a, prec, sp.alt, true)
	case typ == 'g' || typ == 'G' || typ == 'n':
		if prec < 0 {
			prec = 6
		}
		body = formatG(a, prec, sp.alt, false)
	case typ == 'e' || typ == 'E':
		if prec < 0 {
			prec = 6
		}
		body = strconv.FormatFloat(a, 'e', prec, 64)
		if sp.alt && prec == 0 {
			body = body[:1] + "." + body[1:]
		}
	default: // f, F, %
		if prec < 0 {
			prec = 6
		}
		if typ == '%' {
			a *= 100
			rest = "%"
		}
		body = strconv.FormatFloat(a, 'f', prec, 64)
		if sp.alt && prec == 0 {
			body += "."
		}
	}
	if typ == 'E' || typ == 'F' || typ == 'G' {
		body = strings.ToUpper(body)
	}
	if neg && sp.z && strings.Trim(body, "0.e+-E") == "" {
		neg = false
	}
	digits := body
	if k := strings.IndexAny(body, ".eE"); k >= 0 {
		digits, rest = body[:k], body[k:]+rest
	}
	if digits == "inf" || digits == "nan" || digits == "INF" || digits == "NAN" {
		sp.grouping = 0
	}
	return padNumber(signOf(neg, sp), digits, rest, 3, sp.numeric())
}

// formatG is C's %g of a non-negative finite a with precision prec (0
// counts as 1): scientific notation when the exponent is below -4 or not
// below prec, trailing zeros removed unless alt. With addDot0 (Python's
// format-spec without a type) the switch to scientific notation comes one
// digit earlier and fixed notation keeps at least one decimal.
func formatG(a float64, prec int, alt, addDot0 bool) string {
	if prec == 0 {
		prec = 1
	}
	e := strconv.FormatFloat(a, 'e', prec-1, 64)
	k := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[k+1:])
	limit := prec
	if addDot0 {
		limit = prec - 1
	}
	trim := func(s string) string {
		if alt {
			if !strings.Contains(s, ".") {
				s += "."
			}
			return s
		}
		if strings.Contains(s, ".") {
			s = strings.TrimRight(s, "0")
			s = strings.TrimSuffix(s, ".")
		}
		return s
	}
	if exp < -4 || exp+1 > limit {
		return trim(e[:k]) + "e" + expString(exp)
	}
	s := trim(strconv.FormatFloat(a, 'f', prec-1-exp, 64))
	if addDot0 && !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// typeErr is the ValueError for a type letter a value's type lacks.
func (f *Formatter) typeErr(typ byte, v starlark.Value) error {
	return errorf("ValueError", fmt.Sprintf("Unknown format code '%c' for object of type '%s'", typ, f.typeName(v)))
}
