package pyrun

import (
	"regexp"
	"strings"
)

// preprocess rewrites what gpython's Python 3.4 parser does not read:
// f-strings become str.format calls, and Python 2's print statement,
// "except E, e:" and "raise E, msg" become their Python 3 forms. Line
// numbers are kept.
func preprocess(src string) string {
	src = strings.TrimPrefix(src, "\ufeff")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = rewriteFStrings(src)
	lines := strings.Split(src, "\n")
	depth := 0 // open brackets carried from previous lines
	cont := false
	inTriple := ""
	for i, line := range lines {
		if depth == 0 && !cont && inTriple == "" {
			lines[i] = rewritePy2Line(rewriteAnnotation(line), lines, i)
		}
		depth, cont, inTriple = scanLine(lines[i], depth, inTriple)
	}
	return strings.Join(lines, "\n")
}

// scanLine tracks bracket depth, continuation and open triple-quoted
// strings across a line.
func scanLine(line string, depth int, inTriple string) (int, bool, string) {
	i := 0
	for i < len(line) {
		if inTriple != "" {
			k := strings.Index(line[i:], inTriple)
			if k < 0 {
				return depth, false, inTriple
			}
			i += k + 3
			inTriple = ""
			continue
		}
		c := line[i]
		switch {
		case c == '#':
			return depth, false, ""
		case c == '\'' || c == '"':
			q := string(c)
			if strings.HasPrefix(line[i:], q+q+q) {
				inTriple = q + q + q
				i += 3
				continue
			}
			i++
			for i < len(line) && line[i] != c {
				if line[i] == '\\' {
					i++
				}
				i++
			}
			i++
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		i++
	}
	return depth, strings.HasSuffix(strings.TrimRight(line, " \t"), "\\"), inTriple
}

// rewritePy2Line rewrites one logical line's start if it is a Python 2
// statement; continuation lines of a print statement are left as they are
// (the parenthesis added spans them).
func rewritePy2Line(line string, lines []string, i int) string {
	trimmed := strings.TrimLeft(line, " \t")
	indent := line[:len(line)-len(trimmed)]
	if strings.HasPrefix(trimmed, "except ") && strings.HasSuffix(strings.TrimRight(stripComment(trimmed), " "), ":") {
		body := strings.TrimSuffix(strings.TrimRight(stripComment(trimmed), " "), ":")
		body = strings.TrimPrefix(body, "except ")
		if k := topLevelComma(body); k >= 0 && !strings.Contains(body, " as ") {
			return indent + "except " + strings.TrimSpace(body[:k]) + " as " + strings.TrimSpace(body[k+1:]) + ":"
		}
	}
	if strings.HasPrefix(trimmed, "raise ") {
		body := strings.TrimPrefix(stripComment(trimmed), "raise ")
		if k := topLevelComma(body); k >= 0 {
			return indent + "raise " + strings.TrimSpace(body[:k]) + "(" + strings.TrimSpace(body[k+1:]) + ")"
		}
	}
	// if x: print "y" -- a print statement after a compound header
	for _, kw := range []string{"if ", "elif ", "else:", "for ", "while ", "try:", "except", "finally:", "with "} {
		if !strings.HasPrefix(trimmed, kw) {
			continue
		}
		if k := headerColon(trimmed); k >= 0 {
			rest := strings.TrimLeft(trimmed[k+1:], " \t")
			if strings.HasPrefix(rest, "print ") || strings.HasPrefix(rest, "print\"") || strings.HasPrefix(rest, "print'") {
				sub := []string{rest}
				return indent + trimmed[:k+1] + " " + rewritePy2Line(rest, sub, 0)
			}
		}
		break
	}
	if strings.HasPrefix(trimmed, "print(") {
		// print("a"), 1 is a Python 2 print statement of a tuple's items;
		// print(a,\n b) is a call spanning lines
		if d, _, _ := scanLine(stripComment(trimmed), 0, ""); d > 0 || closesAtEnd(trimmed[len("print"):]) {
			return line
		}
	} else if trimmed != "print" && !strings.HasPrefix(trimmed, "print ") && !strings.HasPrefix(trimmed, "print\t") && !strings.HasPrefix(trimmed, "print>>") {
		return line
	}
	rest := strings.TrimLeft(strings.TrimPrefix(trimmed, "print"), " \t")
	if strings.HasPrefix(rest, "(") && closesAtEnd(rest) {
		return line // print(...) call, Python 3 style
	}
	if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") {
		return line // print = ...
	}
	// the statement may continue on following lines (open brackets)
	body := rest
	comment := ""
	if k := commentStart(body); k >= 0 {
		body, comment = body[:k], body[k:]
	}
	body = strings.TrimRight(body, " \t")
	depth, _, _ := scanLine(body, 0, "")
	file := ""
	if strings.HasPrefix(body, ">>") {
		body = strings.TrimLeft(body[2:], " ")
		if k := topLevelComma(body); k >= 0 {
			file, body = strings.TrimSpace(body[:k]), strings.TrimSpace(body[k+1:])
		} else {
			file, body = strings.TrimSpace(body), ""
		}
	}
	comma := "False"
	if depth == 0 && strings.HasSuffix(body, ",") {
		body = strings.TrimSuffix(body, ",")
		comma = "True"
	}
	if file == "" {
		file = "None"
	}
	args := comma + ", " + file
	if strings.TrimSpace(body) != "" {
		args += ", " + body
	}
	if depth > 0 {
		// close the call on the line where the brackets close
		d := depth
		for j := i + 1; j < len(lines); j++ {
			c := lines[j]
			cc := ""
			if k := commentStart(c); k >= 0 {
				c, cc = c[:k], c[k:]
			}
			d, _, _ = scanLine(c, d, "")
			if d == 0 {
				lines[j] = strings.TrimRight(c, " \t") + ")" + cc
				break
			}
		}
		return indent + "__print2__(" + args + comment
	}
	return indent + "__print2__(" + args + ")" + comment
}

func closesAtEnd(s string) bool {
	s = strings.TrimRight(stripComment(s), " \t")
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'', '"':
			i++
			for i < len(s) && s[i] != c {
				if s[i] == '\\' {
					i++
				}
				i++
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0
}

func commentStart(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '#':
			return i
		case '\'', '"':
			i++
			for i < len(s) && s[i] != c {
				if s[i] == '\\' {
					i++
				}
				i++
			}
		}
	}
	return -1
}

func stripComment(s string) string {
	if k := commentStart(s); k >= 0 {
		return s[:k]
	}
	return s
}

func topLevelComma(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'', '"':
			i++
			for i < len(s) && s[i] != c {
				if s[i] == '\\' {
					i++
				}
				i++
			}
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

// rewriteFStrings turns f"a{x:>8.3f}b{y!r}" into ("a{:>8.3f}b{!r}".format(x, y)).
func rewriteFStrings(src string) string {
	var out strings.Builder
	i := 0
	for i < len(src) {
		c := src[i]
		if c == '#' {
			k := strings.IndexByte(src[i:], '\n')
			if k < 0 {
				k = len(src) - i
			}
			out.WriteString(src[i : i+k])
			i += k
			continue
		}
		if c != '\'' && c != '"' {
			out.WriteByte(c)
			i++
			continue
		}
		// string prefix letters already written
		p := i
		for p > 0 && strings.IndexByte("rRbBuUfF", src[p-1]) >= 0 {
			p--
		}
		if p > 0 && isIdentChar(src[p-1]) {
			p = i
		}
		prefix := src[p:i]
		q := string(c)
		if strings.HasPrefix(src[i:], q+q+q) {
			q = q + q + q
		}
		raw := strings.ContainsAny(prefix, "rR")
		j := i + len(q)
		for j < len(src) && !strings.HasPrefix(src[j:], q) {
			if src[j] == '\\' && !raw {
				j++
			} else if src[j] == '\\' && raw {
				j++
			}
			if len(q) == 1 && j < len(src) && src[j] == '\n' {
				break
			}
			j++
		}
		if j > len(src) {
			j = len(src)
		}
		body := src[i+len(q) : j]
		endQ := min(j+len(q), len(src))
		if !strings.ContainsAny(prefix, "fF") {
			out.WriteString(src[i:endQ])
			i = endQ
			continue
		}
		// drop the f from the prefix already written
		written := out.String()
		newPrefix := strings.NewReplacer("f", "", "F", "").Replace(prefix)
		out.Reset()
		out.WriteString(written[:len(written)-len(prefix)])
		fmtStr, exprs := splitFString(body)
		if len(exprs) == 0 {
			out.WriteString(newPrefix + q + strings.NewReplacer("{{", "{", "}}", "}").Replace(fmtStr) + q)
		} else {
			out.WriteString("(" + newPrefix + q + fmtStr + q + ".format(" + strings.Join(exprs, ", ") + "))")
		}
		i = endQ
	}
	return out.String()
}

func isIdentChar(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// splitFString separates an f-string body into a format string with
// automatic fields and the expressions.
func splitFString(body string) (string, []string) {
	var f strings.Builder
	var exprs []string
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '{' && i+1 < len(body) && body[i+1] == '{' {
			f.WriteString("{{")
			i++
			continue
		}
		if c == '}' && i+1 < len(body) && body[i+1] == '}' {
			f.WriteString("}}")
			i++
			continue
		}
		if c != '{' {
			f.WriteByte(c)
			continue
		}
		// expression up to a top-level !, : or }
		depth := 0
		j := i + 1
		for ; j < len(body); j++ {
			d := body[j]
			if d == '\'' || d == '"' {
				k := strings.IndexByte(body[j+1:], d)
				if k >= 0 {
					j += k + 1
				}
				continue
			}
			if d == '(' || d == '[' || d == '{' {
				depth++
			} else if (d == ')' || d == ']' || d == '}') && depth > 0 {
				depth--
			} else if depth == 0 && (d == '}' || d == ':' || (d == '!' && j+1 < len(body) && body[j+1] != '=')) {
				break
			}
		}
		expr := strings.TrimSpace(body[i+1 : j])
		if strings.HasSuffix(expr, "=") && !strings.HasSuffix(expr, "==") {
			expr = strings.TrimSuffix(expr, "=")
			f.WriteString(strings.ReplaceAll(body[i+1:j], "{", "{{"))
			if j < len(body) && body[j] == '}' {
				exprs = append(exprs, expr)
				f.WriteString("{!r}")
				i = j
				continue
			}
		}
		exprs = append(exprs, expr)
		f.WriteByte('{')
		// conversion and spec, with nested {expr}
		k := j
		for k < len(body) && body[k] != '}' {
			if body[k] == '{' {
				e := strings.IndexByte(body[k:], '}')
				if e < 0 {
					break
				}
				exprs = append(exprs, strings.TrimSpace(body[k+1:k+e]))
				f.WriteString("{}")
				k += e + 1
				continue
			}
			f.WriteByte(body[k])
			k++
		}
		f.WriteByte('}')
		i = k
	}
	return f.String(), exprs
}

// headerColon returns the index of the colon that ends a compound
// statement's header (outside brackets and strings), or -1.
func headerColon(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'', '"':
			i++
			for i < len(s) && s[i] != c {
				if s[i] == '\\' {
					i++
				}
				i++
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '#':
			return -1
		case ':':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// annotated matches a variable annotation at the start of a statement:
// "name: type = value" or "name: type".
var annotated = regexp.MustCompile(`^(\s*)([A-Za-z_][A-Za-z0-9_.]*)\s*:\s*([^=#]+?)\s*(?:=\s*(.*))?$`)

// rewriteAnnotation drops a variable annotation (Python 3.6), which the
// 3.4 grammar lacks: "x: int = 3" becomes "x = 3", "x: int" becomes "pass".
func rewriteAnnotation(line string) string {
	m := annotated.FindStringSubmatch(line)
	if m == nil {
		return line
	}
	switch m[2] {
	case "else", "try", "finally", "lambda", "except", "class", "def", "if", "elif", "while", "for", "with":
		return line
	}
	if strings.ContainsAny(m[3], "()[]{}'\"") && !strings.Contains(m[3], "[") {
		return line
	}
	if m[4] == "" {
		return m[1] + "pass"
	}
	return m[1] + m[2] + " = " + m[4]
}
