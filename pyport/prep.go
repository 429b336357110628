package pyport

import (
	"fmt"
	"strings"
)

// This file holds the pass that runs before gpython's parser, which reads
// Python 3.4: it rewrites Python 2 print statements, "except E, e", long
// literals (10L) and "<>", replaces f-strings by placeholder names, and
// collects the comments the parser would drop. Line numbers never change.

// prepared is the source after the preprocessing pass.
type prepared struct {
	src      string
	comments map[int]string // full-line comments by line (1-based)
	blank    map[int]bool   // blank lines
	lines    []string       // the original lines
	fstrings []fstring      // f-string i is the name fstrName(i)
	// logicalEnd maps the first line of each logical line to its last.
	logicalEnd map[int]int
}

// fstring is one f-string literal: its body (between the quotes, escapes
// not yet processed) and its line.
type fstring struct {
	body string
	line int
	raw  bool
}

func fstrName(i int) string { return fmt.Sprintf("__exosh_fstr_%d__", i) }

// logical is one logical line: its text with strings and comments
// found.
type logical struct {
	first, last int // lines
	start       int // offset of the first non-blank character
	end         int // offset just past the code (before a trailing comment or newline)
}

// prepare runs the pass over src.
func prepare(src string) (*prepared, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	if !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	p := &prepared{comments: map[int]string{}, blank: map[int]bool{}, logicalEnd: map[int]int{}, lines: strings.Split(src, "\n")}
	for i, l := range p.lines {
		if strings.TrimSpace(l) == "" {
			p.blank[i+1] = true
		}
	}
	var out strings.Builder
	// edits are applied per logical line: inserts at offsets.
	type edit struct {
		at   int
		del  int
		text string
	}
	var edits []edit
	line := 1
	depth := 0
	var cur *logical
	var logicals []logical
	i := 0
	n := len(src)
	for i < n {
		c := src[i]
		if cur == nil && c != ' ' && c != '\t' && c != '\n' && c != '#' && c != '\\' {
			cur = &logical{first: line, start: i, end: -1}
		}
		switch {
		case c == '\n':
			if cur != nil && depth == 0 {
				if cur.end < cur.start {
					cur.end = i
				}
				cur.last = line
				logicals = append(logicals, *cur)
				cur = nil
			}
			line++
			i++
			continue
		case c == '#':
			j := strings.IndexByte(src[i:], '\n') + i
			if cur == nil {
				p.comments[line] = src[i:j]
			} else if depth == 0 {
				cur.end = i
				// trim trailing blanks before the comment
				for cur.end > cur.start && (src[cur.end-1] == ' ' || src[cur.end-1] == '\t') {
					cur.end--
				}
			}
			i = j
			continue
		case c == '\\' && i+1 < n && src[i+1] == '\n':
			line++
			i += 2
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		case c == '<' && i+1 < n && src[i+1] == '>':
			edits = append(edits, edit{at: i, del: 2, text: "!="})
			i += 2
			continue
		case isIdentStart(c):
			j := i
			for j < n && isIdentChar(src[j]) {
				j++
			}
			if j < n && (src[j] == '\'' || src[j] == '"') && j-i <= 2 && strings.Trim(strings.ToLower(src[i:j]), "rbuf") == "" {
				prefix := strings.ToLower(src[i:j])
				end, err := stringEnd(src, j)
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", line, err)
				}
				if strings.Contains(prefix, "f") {
					q := 1
					if end-j >= 6 && src[j:j+3] == src[j:j]+strings.Repeat(string(src[j]), 3) {
						q = 3
					}
					p.fstrings = append(p.fstrings, fstring{body: src[j+q : end-q], line: line, raw: strings.Contains(prefix, "r")})
					edits = append(edits, edit{at: i, del: end - i, text: fstrName(len(p.fstrings) - 1)})
				}
				line += strings.Count(src[i:end], "\n")
				i = end
				continue
			}
			i = j
			continue
		case c == '\'' || c == '"':
			end, err := stringEnd(src, i)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
			line += strings.Count(src[i:end], "\n")
			i = end
			continue
		case c >= '0' && c <= '9':
			j := i
			for j < n && (isIdentChar(src[j]) || src[j] == '.') {
				j++
			}
			if (src[j-1] == 'L' || src[j-1] == 'l') && !strings.ContainsAny(src[i:j], "xX") || (src[j-1] == 'L' || src[j-1] == 'l') && strings.HasPrefix(src[i:j], "0x") {
				edits = append(edits, edit{at: j - 1, del: 1})
			}
			i = j
			continue
		}
		i++
	}
	for _, l := range logicals {
		p.logicalEnd[l.first] = l.last
		code := src[l.start:l.end]
		switch {
		case code == "print":
			edits = append(edits, edit{at: l.end, text: "()"})
		case strings.HasPrefix(code, "print") && len(code) > 5 && (code[5] == ' ' || code[5] == '\t' || code[5] == '"' || code[5] == '\''):
			rest := strings.TrimSpace(code[5:])
			if strings.HasPrefix(rest, "(") && matchingParenEnds(rest) {
				break // print ("x") means the same in both
			}
			if rest != "" && strings.ContainsAny(rest[:1], "=.[") && !strings.HasPrefix(rest, "==") {
				break // print = ..., print.x: not a statement
			}
			edits = append(edits, edit{at: l.start, del: l.end - l.start, text: "print "})
		case strings.HasPrefix(code, "except ") && strings.HasSuffix(code, ":"):
			inner := code[7 : len(code)-1]
			if k := topLevelComma(inner); k >= 0 && !strings.Contains(inner, " as ") {
				at := l.start + 7 + k
				edits = append(edits, edit{at: at, del: 1, text: " as"})
			}
		case strings.HasPrefix(code, "exec ") || strings.HasPrefix(code, "exec\t"):
			edits = append(edits, edit{at: l.start + 4, del: 1, text: "("}, edit{at: l.end, text: ")"})
		}
	}
	// Apply edits in order of offset; edits inside a replaced print body
	// (f-strings in it) are folded into the replacement.
	sortEdits := func() {
		for a := 1; a < len(edits); a++ {
			for b := a; b > 0 && edits[b].at < edits[b-1].at; b-- {
				edits[b], edits[b-1] = edits[b-1], edits[b]
			}
		}
	}
	sortEdits()
	pos := 0
	for k := 0; k < len(edits); k++ {
		e := edits[k]
		if e.at < pos {
			continue
		}
		out.WriteString(src[pos:e.at])
		text := e.text
		if text == "print " {
			// rebuild the statement with the edits inside it (f-strings)
			var b strings.Builder
			from := e.at
			for _, f := range edits[k+1:] {
				if f.at >= e.at+e.del {
					break
				}
				b.WriteString(src[from:f.at])
				b.WriteString(f.text)
				from = f.at + f.del
			}
			b.WriteString(src[from : e.at+e.del])
			text = printCall(strings.TrimSpace(b.String()[5:]))
		}
		out.WriteString(text)
		pos = e.at + e.del
	}
	out.WriteString(src[pos:])
	p.src = out.String()
	return p, nil
}

// printCall returns the Python 3 call for the body of a Python 2 print
// statement: "x, y" -> print(x, y); "x," -> end=" "; ">>f, x" -> file=f.
func printCall(body string) string {
	tail := ""
	if strings.HasPrefix(body, ">>") {
		k := topLevelComma(body)
		if k < 0 {
			return "print(file=" + strings.TrimSpace(body[2:]) + ")"
		}
		tail = ", file=" + strings.TrimSpace(body[2:k])
		body = strings.TrimSpace(body[k+1:])
	}
	if strings.HasSuffix(body, ",") {
		body = strings.TrimSpace(strings.TrimSuffix(body, ","))
		tail += `, end=" "`
	}
	if body == "" {
		tail = strings.TrimPrefix(tail, ", ")
	}
	return "print(" + body + tail + ")"
}

// stringEnd returns the offset just past the string literal whose opening
// quote is at i.
func stringEnd(src string, i int) (int, error) {
	q := src[i]
	triple := strings.HasPrefix(src[i:], strings.Repeat(string(q), 3))
	j := i + 1
	if triple {
		j = i + 3
	}
	for j < len(src) {
		c := src[j]
		switch {
		case c == '\\':
			j += 2
			continue
		case c == '\n' && !triple:
			return 0, fmt.Errorf("unterminated string")
		case c == q:
			if !triple {
				return j + 1, nil
			}
			if strings.HasPrefix(src[j:], strings.Repeat(string(q), 3)) {
				return j + 3, nil
			}
		}
		j++
	}
	return 0, fmt.Errorf("unterminated string")
}

// matchingParenEnds reports whether s, which starts with '(', is one
// parenthesised group spanning all of s.
func matchingParenEnds(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i == len(s)-1
			}
		case '\'', '"':
			end, err := stringEnd(s, i)
			if err != nil {
				return false
			}
			i = end - 1
		}
	}
	return false
}

// topLevelComma returns the offset of the first comma outside brackets.
func topLevelComma(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
