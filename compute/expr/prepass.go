package expr

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.starlark.net/syntax"
)

// prepared is the source rewritten so that the Starlark parser accepts
// exomerge's Python spelling, with a map back to the original text.
type prepared struct {
	text  string
	orig  []int             // orig[i]: byte offset in the source of text[i]; len(text)+1 entries
	alias map[string]string // placeholder identifier -> declared name
}

// starlarkKeywords are the words Starlark's scanner does not treat as
// identifiers. Python (and so exomerge) accepts "load" as a name; the others
// are Python keywords too, but exomerge substitutes field names textually
// before Python sees them, so a field called "class" works there.
var starlarkKeywords = map[string]bool{
	"and": true, "break": true, "continue": true, "def": true, "elif": true,
	"else": true, "for": true, "if": true, "in": true, "lambda": true,
	"load": true, "not": true, "or": true, "pass": true, "return": true,
	"while": true, "as": true, "async": true, "await": true, "class": true,
	"del": true, "except": true, "finally": true, "from": true,
	"global": true, "import": true, "is": true, "nonlocal": true,
	"raise": true, "try": true, "with": true, "yield": true,
}

// grammarKeywords are the keywords the expression language itself uses;
// they are never renamed.
var grammarKeywords = map[string]bool{"and": true, "or": true, "not": true, "if": true, "else": true}

// prepass rewrites src for the Starlark parser:
//   - "**" and "^" both mean power (exomerge turns "^" into "**"); both
//     become "^", whose precedence the converter repairs;
//   - "load", and any declared name that is a Starlark keyword, become
//     placeholder identifiers;
//   - in condition mode, "&&" and "||" become "and" and "or", and a lone
//     "=" becomes "==";
//   - leading blanks are dropped.
func prepass(src string, names map[string]Kind, cond bool) prepared {
	words := map[string]bool{}
	forEachWord(src, func(w string, _ int) { words[w] = true })
	p := prepared{alias: map[string]string{}}
	placeholder := map[string]string{}
	next := 0
	var b strings.Builder
	b.Grow(len(src) + 8)
	emit := func(s string, at int) {
		b.WriteString(s)
		for range len(s) {
			p.orig = append(p.orig, at)
		}
	}
	// Leading blanks would be an indentation error to Starlark.
	i := len(src) - len(strings.TrimLeft(src, " \t"))
	for i < len(src) {
		c := src[i]
		switch {
		case isWordStart(src[i:]):
			j := i + wordLen(src[i:])
			w := src[i:j]
			_, declared := names[w]
			if starlarkKeywords[w] && !grammarKeywords[w] && (declared || w == "load") {
				ph, ok := placeholder[w]
				if !ok {
					for {
						ph = "_kw" + strconv.Itoa(next) + "_"
						next++
						if !words[ph] {
							break
						}
					}
					placeholder[w] = ph
					p.alias[ph] = w
				}
				emit(ph, i)
			} else {
				copyBytes(&b, &p.orig, src, i, j)
			}
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i + numberLen(src[i:])
			copyBytes(&b, &p.orig, src, i, j)
			i = j
		case c == '*' && i+1 < len(src) && src[i+1] == '*':
			emit("^ ", i)
			i += 2
		case cond && c == '&' && i+1 < len(src) && src[i+1] == '&':
			emit(" and ", i)
			i += 2
		case cond && c == '|' && i+1 < len(src) && src[i+1] == '|':
			emit(" or ", i)
			i += 2
		case cond && c == '=' && (i == 0 || !strings.ContainsRune("=<>!", rune(src[i-1]))) &&
			(i+1 >= len(src) || src[i+1] != '='):
			emit("==", i)
			i++
		default:
			copyBytes(&b, &p.orig, src, i, i+1)
			i++
		}
	}
	p.orig = append(p.orig, len(src))
	p.text = b.String()
	return p
}

func copyBytes(b *strings.Builder, orig *[]int, src string, i, j int) {
	b.WriteString(src[i:j])
	for k := i; k < j; k++ {
		*orig = append(*orig, k)
	}
}

// isWordStart reports whether s starts an identifier.
func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}

// wordLen returns the length in bytes of the identifier at the start of s.
func wordLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		n += size
	}
	return n
}

// numberLen returns the length of the numeric literal at the start of s,
// including an exponent sign ("1e-6"); letters inside it ("0x1F", "1e5")
// are part of the number, never a word.
func numberLen(s string) int {
	hex := len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
	n := 0
	for n < len(s) {
		c := s[n]
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.':
			n++
		case (c == '+' || c == '-') && !hex && n > 0 && (s[n-1] == 'e' || s[n-1] == 'E'):
			n++
		default:
			return n
		}
	}
	return n
}

// forEachWord calls f for every identifier in s, skipping numbers.
func forEachWord(s string, f func(w string, at int)) {
	for i := 0; i < len(s); {
		switch {
		case isWordStart(s[i:]):
			j := i + wordLen(s[i:])
			f(s[i:j], i)
			i = j
		case s[i] >= '0' && s[i] <= '9':
			i += numberLen(s[i:])
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
}

// offset converts a Starlark position in the rewritten text into a byte
// offset in the original source.
func (p *prepared) offset(pos syntax.Position) int {
	if pos.Line < 1 {
		return -1
	}
	i := 0
	for line := int32(1); line < pos.Line; line++ {
		k := strings.IndexByte(p.text[i:], '\n')
		if k < 0 {
			return p.orig[len(p.text)]
		}
		i += k + 1
	}
	for col := int32(1); col < pos.Col && i < len(p.text); col++ {
		_, size := utf8.DecodeRuneInString(p.text[i:])
		i += size
	}
	return p.orig[i]
}
