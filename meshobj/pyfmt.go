package meshobj

import (
	"math"
	"strconv"
	"strings"
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
// whitespace characters become spaces, words may break after a hyphen
// between letters, a word longer than the width is cut to fill the line,
// and spaces at line ends (and line starts, except the first) are dropped.
func wrapText(text string, width int) []string {
	rs := []rune(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			return ' '
		}
		return r
	}, text))
	letter := func(i int) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		r := rs[i]
		return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127
	}
	// Split into chunks: runs of spaces, and words cut after hyphens.
	var chunks [][]rune
	start := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] == ' ' {
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if start < i {
				chunks = append(chunks, rs[start:i])
			}
			chunks = append(chunks, rs[i:j])
			start, i = j, j-1
			continue
		}
		if rs[i] == '-' && (letter(i-1) && letter(i-2) || letter(i-1) && i >= 3 && rs[i-2] == '-' && letter(i-3)) &&
			letter(i+1) && (letter(i+2) || i+3 < len(rs) && rs[i+2] == '-' && letter(i+3)) {
			chunks = append(chunks, rs[start:i+1])
			start = i + 1
		}
	}
	if start < len(rs) {
		chunks = append(chunks, rs[start:])
	}
	blank := func(c []rune) bool { return len(c) > 0 && c[0] == ' ' }
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
			room := max(width-len(line), 1)
			line = append(line, chunks[0][:room]...)
			chunks[0] = chunks[0][room:]
		}
		for len(line) > 0 && line[len(line)-1] == ' ' {
			line = line[:len(line)-1]
		}
		if len(line) > 0 {
			lines = append(lines, string(line))
		}
	}
	return lines
}
