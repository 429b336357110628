package meshobj

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// PyFloat formats f as Python's str(float) does (the shortest repr that
// round-trips): "1.0", "0.1", "1e-05", "1e+16", "nan", "inf". exomerge's
// messages and output_global_variables print floats this way.
func PyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	i := strings.LastIndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[i+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// wrapText breaks text into lines of at most width characters as Python's
// textwrap.fill does with its defaults (exomerge wraps file names with it):
// tabs are expanded and other whitespace becomes spaces; a word may break
// after a hyphen between letters or around an em-dash ("--"); a word
// longer than the width is cut to fill the line, preferably after a
// hyphen; spaces at line ends (and line starts, except the first) are
// dropped.
func wrapText(text string, width int) []string {
	chunks := splitChunks(expandTabs(text))
	blank := func(c []rune) bool { return len(c) > 0 && isWrapSpace(c[0]) }
	var lines []string
	for len(chunks) > 0 {
		if len(lines) > 0 && blank(chunks[0]) {
			chunks = chunks[1:]
			continue
		}
		var line []rune
		for len(chunks) > 0 && len(line)+len(chunks[0]) <= width {
			line = append(line, chunks[0]...)
			chunks = chunks[1:]
		}
		if len(chunks) > 0 && len(chunks[0]) > width {
			room := 1
			if width >= 1 {
				room = width - len(line)
			}
			c := chunks[0]
			end := room
			if len(c) > room {
				if h := lastHyphen(c[:room]); h > 0 && slices.ContainsFunc(c[:h], func(r rune) bool { return r != '-' }) {
					end = h + 1
				}
			}
			line = append(line, c[:end]...)
			chunks[0] = c[end:]
		}
		if n := len(line); n > 0 && isWrapSpace(line[n-1]) {
			// The last chunk is a run of spaces: drop it.
			for n > 0 && isWrapSpace(line[n-1]) {
				n--
			}
			line = line[:n]
		}
		if len(line) > 0 {
			lines = append(lines, string(line))
		}
	}
	return lines
}

func lastHyphen(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == '-' {
			return i
		}
	}
	return -1
}

func isWrapSpace(r rune) bool { return r == ' ' }

// expandTabs expands tabs to the next multiple of 8 columns and turns the
// other whitespace characters into spaces, as textwrap does first.
func expandTabs(text string) []rune {
	var out []rune
	col := 0
	for _, r := range text {
		switch r {
		case '\t':
			n := 8 - col%8
			for range n {
				out = append(out, ' ')
			}
			col += n
			continue
		case '\n', '\r':
			out = append(out, ' ')
			col = 0
			continue
		case '\v', '\f':
			r = ' '
		}
		out = append(out, r)
		col++
	}
	return out
}

// splitChunks splits text into textwrap's chunks: runs of spaces, and
// words, a word ending after a hyphen that has two letters (or
// letter-hyphen-letter) before it and letter, optional hyphen, letter
// after it, or before an em-dash (two or more hyphens then a word
// character, after a word or punctuation character), which is a chunk
// of its own.
func splitChunks(rs []rune) [][]rune {
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	letter := func(i int) bool { r := at(i); return r == '_' || unicode.IsLetter(r) }
	word := func(i int) bool { r := at(i); return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	wordPunct := func(i int) bool { return word(i) || strings.ContainsRune(`!"'&.,?`, at(i)) && at(i) != 0 }
	// emDash returns the end of a run of 2+ hyphens at i followed by a
	// word character, or -1.
	emDash := func(i int) int {
		j := i
		for j < len(rs) && rs[j] == '-' {
			j++
		}
		if j-i >= 2 && word(j) {
			return j
		}
		return -1
	}
	var chunks [][]rune
	p := 0
	for p < len(rs) {
		if isWrapSpace(rs[p]) {
			q := p
			for q < len(rs) && isWrapSpace(rs[q]) {
				q++
			}
			chunks = append(chunks, rs[p:q])
			p = q
			continue
		}
		if wordPunct(p - 1) {
			if q := emDash(p); q > 0 {
				chunks = append(chunks, rs[p:q])
				p = q
				continue
			}
		}
		end := len(rs)
		for e := p + 1; e <= len(rs); e++ {
			// rs[p:e] are non-space; try the alternatives after it.
			if at(e) == '-' && (letter(e-2) && letter(e-1) || letter(e-3) && at(e-2) == '-' && letter(e-1)) &&
				letter(e+1) && (letter(e+2) || at(e+2) == '-' && letter(e+3)) {
				end = e + 1
				break
			}
			if e == len(rs) || isWrapSpace(rs[e]) {
				end = e
				break
			}
			if wordPunct(e-1) && emDash(e) > 0 {
				end = e
				break
			}
		}
		chunks = append(chunks, rs[p:end])
		p = end
	}
	return chunks
}
