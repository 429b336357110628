package pyfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/starlark"
)

// maxReprDepth bounds the nesting repr follows, so that values nested
// through the caller's own types end in "..." rather than running forever.
const maxReprDepth = 50

// Str is Python's str(v): strings as they are, everything else as repr.
func (f *Formatter) Str(v starlark.Value) string {
	if s, ok := v.(starlark.String); ok {
		return string(s)
	}
	if f != nil && f.StrHook != nil {
		if s, ok := f.StrHook(v); ok {
			return s
		}
	}
	return f.Repr(v)
}

// Repr is Python's repr(v).
func (f *Formatter) Repr(v starlark.Value) string {
	var b strings.Builder
	f.writeRepr(&b, v, nil)
	return b.String()
}

// ASCII is Python's ascii(v): repr(v) with every non-ASCII character
// escaped.
func (f *Formatter) ASCII(v starlark.Value) string {
	return escapeNonASCII(f.Repr(v))
}

func escapeNonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		default:
			writeEscape(&b, r)
		}
	}
	return b.String()
}

// writeEscape writes r as Python's shortest escape: \xXX, \uXXXX or
// \UXXXXXXXX.
func writeEscape(b *strings.Builder, r rune) {
	switch {
	case r <= 0xff:
		fmt.Fprintf(b, `\x%02x`, r)
	case r <= 0xffff:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}

// writeRepr writes repr(v); outer holds the values being written around
// v, so that a list or dict inside itself shows as [...] or {...}.
func (f *Formatter) writeRepr(b *strings.Builder, v starlark.Value, outer []starlark.Value) {
	if len(outer) > maxReprDepth {
		b.WriteString("...")
		return
	}
	// Strings, numbers, None and bools render alike for every caller.
	switch x := v.(type) {
	case starlark.String:
		b.WriteString(Quote(string(x)))
		return
	case starlark.Float:
		b.WriteString(FloatRepr(float64(x)))
		return
	case starlark.NoneType:
		b.WriteString("None")
		return
	case starlark.Bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
		return
	case starlark.Int:
		b.WriteString(x.String())
		return
	case *starlark.List, *starlark.Dict:
		for _, o := range outer {
			if o == v {
				if _, ok := v.(*starlark.List); ok {
					b.WriteString("[...]")
				} else {
					b.WriteString("{...}")
				}
				return
			}
		}
	}
	inner := append(outer[:len(outer):len(outer)], v)
	if f != nil && f.ReprHook != nil {
		nested := func(x starlark.Value) string {
			var nb strings.Builder
			f.writeRepr(&nb, x, inner)
			return nb.String()
		}
		if s, ok := f.ReprHook(v, nested); ok {
			b.WriteString(s)
			return
		}
	}
	items := func(n int, at func(int) starlark.Value) {
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			f.writeRepr(b, at(i), inner)
		}
	}
	switch x := v.(type) {
	case starlark.Tuple:
		b.WriteByte('(')
		items(len(x), x.Index)
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
			f.writeRepr(b, y, inner)
		}
		it.Done()
		b.WriteByte('}')
	case starlark.IterableMapping:
		b.WriteByte('{')
		for i, kv := range x.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			f.writeRepr(b, kv[0], inner)
			b.WriteString(": ")
			f.writeRepr(b, kv[1], inner)
		}
		b.WriteByte('}')
	case starlark.Indexable:
		if v.Type() == "range" {
			// Starlark writes range(0, n) as range(n); Python does not.
			s := v.String()
			if !strings.Contains(s, ",") {
				s = "range(0, " + strings.TrimPrefix(s, "range(")
			}
			b.WriteString(s)
			return
		}
		// Lists, and array views and other sequences, as Python lists.
		b.WriteByte('[')
		items(x.Len(), x.Index)
		b.WriteByte(']')
	default:
		b.WriteString(v.String())
	}
}

// Quote quotes s as Python's repr does: single quotes unless s holds a
// single quote and no double quote; backslash escapes for the quote,
// backslash, control and other unprintable characters. A byte that is not
// UTF-8 shows as the surrogate escape \udcXX, as Python decodes it.
func Quote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\udc%02x`, s[i])
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r > 0x7f && !unicode.IsPrint(r)):
			writeEscape(&b, r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	b.WriteByte(q)
	return b.String()
}

// FloatRepr is Python 3's repr of a float: the shortest string that reads
// back as the same value, in fixed notation when its decimal exponent is
// in [-4, 16) and in scientific notation otherwise; inf, -inf, nan.
func FloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // [-]d.ddde±XX
	mant, exps, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(exps)
	if exp < -4 || exp >= 16 {
		return mant + "e" + expString(exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// expString writes a decimal exponent as C does: sign and at least two
// digits.
func expString(exp int) string {
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	if exp < 10 {
		return sign + "0" + strconv.Itoa(exp)
	}
	return sign + strconv.Itoa(exp)
}
