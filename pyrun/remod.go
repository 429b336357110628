package pyrun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

const (
	reIgnoreCase = 2
	reMultiline  = 8
	reDotall     = 16
)

func (itp *interp) reModule() *Module {
	m := newModule("re")
	for k, v := range map[string]int{"I": reIgnoreCase, "IGNORECASE": reIgnoreCase, "M": reMultiline, "MULTILINE": reMultiline, "S": reDotall, "DOTALL": reDotall, "X": 64, "VERBOSE": 64} {
		m.members[k] = starlark.MakeInt(v)
	}
	compile := func(args starlark.Tuple, kwargs []starlark.Tuple, flagPos int) (*regexp.Regexp, string, error) {
		if p, ok := args[0].(*Module); ok && p.name == "re.Pattern" {
			return p.members["_re"].(*reValue).re, "", nil
		}
		pat := itp.str(args[0])
		flags := 0
		if len(args) > flagPos {
			flags, _ = starlark.AsInt32(args[flagPos])
		}
		if v := kwarg(kwargs, "flags"); v != nil {
			flags, _ = starlark.AsInt32(v)
		}
		prefix := ""
		if flags&reIgnoreCase != 0 {
			prefix += "i"
		}
		if flags&reMultiline != 0 {
			prefix += "m"
		}
		if flags&reDotall != 0 {
			prefix += "s"
		}
		goPat := pat
		if prefix != "" {
			goPat = "(?" + prefix + ")" + pat
		}
		re, err := regexp.Compile(goPat)
		if err != nil {
			return nil, "", itp.newExc("ValueError", fmt.Sprintf("re: exosh's regular expressions (Go's RE2 syntax) cannot compile %s: %v", pyfmt.Quote(pat), err))
		}
		return re, pat, nil
	}
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	fn("compile", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		re, pat, err := compile(args, kwargs, 1)
		if err != nil {
			return nil, err
		}
		return itp.pattern(re, pat), nil
	})
	for _, name := range []string{"match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"} {
		name := name
		fn(name, func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			fp := 2
			if name == "sub" || name == "subn" {
				fp = 4
			}
			if len(args) < 2 {
				return nil, itp.newExc("TypeError", name+"() missing required arguments")
			}
			re, pat, err := compile(args, kwargs, fp)
			if err != nil {
				return nil, err
			}
			p := itp.pattern(re, pat)
			f, _ := p.Attr(name)
			rest := args[1:]
			if len(rest) > fp-1 {
				rest = rest[:fp-1]
			}
			var kw []starlark.Tuple
			for _, kv := range kwargs {
				if string(kv[0].(starlark.String)) != "flags" {
					kw = append(kw, kv)
				}
			}
			return itp.call(f, rest, kw)
		})
	}
	fn("escape", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.String(regexp.QuoteMeta(itp.str(args[0]))), nil
	})
	m.members["error"] = itp.excs["ValueError"]
	return m
}

// reValue carries a compiled expression inside a pattern object.
type reValue struct{ re *regexp.Regexp }

func (r *reValue) String() string        { return r.re.String() }
func (r *reValue) Type() string          { return "regexp" }
func (r *reValue) Freeze()               {}
func (r *reValue) Truth() starlark.Bool  { return true }
func (r *reValue) Hash() (uint32, error) { return 0, nil }

func (itp *interp) pattern(re *regexp.Regexp, pat string) *Module {
	p := &Module{name: "re.Pattern", members: map[string]starlark.Value{}, repr: fmt.Sprintf("re.compile(%s)", pyfmt.Quote(pat))}
	p.members["_re"] = &reValue{re}
	p.members["pattern"] = starlark.String(pat)
	anchored := regexp.MustCompile(`\A(?:` + re.String() + `)`)
	full := regexp.MustCompile(`\A(?:` + re.String() + `)\z`)
	fn := func(name string, f pyFunc) { p.members[name] = itp.builtin(name, f) }
	one := func(r *regexp.Regexp) pyFunc {
		return func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			s := itp.str(args[0])
			loc := r.FindStringSubmatchIndex(s)
			if loc == nil {
				return starlark.None, nil
			}
			return itp.match(re, s, loc), nil
		}
	}
	fn("match", one(anchored))
	fn("search", one(re))
	fn("fullmatch", one(full))
	fn("findall", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		s := itp.str(args[0])
		var out []starlark.Value
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			ng := re.NumSubexp()
			grp := func(i int) starlark.Value {
				if loc[2*i] < 0 {
					return starlark.String("")
				}
				return starlark.String(s[loc[2*i]:loc[2*i+1]])
			}
			switch ng {
			case 0:
				out = append(out, grp(0))
			case 1:
				out = append(out, grp(1))
			default:
				t := make(starlark.Tuple, ng)
				for i := range t {
					t[i] = grp(i + 1)
				}
				out = append(out, t)
			}
		}
		return starlark.NewList(out), nil
	})
	fn("finditer", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		s := itp.str(args[0])
		var out []starlark.Value
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, itp.match(re, s, loc))
		}
		return starlark.NewList(out), nil
	})
	sub := func(subn bool) pyFunc {
		return func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			repl, s := args[0], itp.str(args[1])
			count := 0
			if len(args) > 2 {
				count, _ = starlark.AsInt32(args[2])
			}
			if v := kwarg(kwargs, "count"); v != nil {
				count, _ = starlark.AsInt32(v)
			}
			var b strings.Builder
			last, n := 0, 0
			for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
				if count > 0 && n >= count {
					break
				}
				b.WriteString(s[last:loc[0]])
				if rs, ok := repl.(starlark.String); ok {
					b.Write(re.ExpandString(nil, pyTemplate(string(rs)), s, loc))
				} else {
					r, err := itp.call(repl, starlark.Tuple{itp.match(re, s, loc)}, nil)
					if err != nil {
						return nil, err
					}
					b.WriteString(itp.str(r))
				}
				last = loc[1]
				n++
			}
			b.WriteString(s[last:])
			if subn {
				return starlark.Tuple{starlark.String(b.String()), starlark.MakeInt(n)}, nil
			}
			return starlark.String(b.String()), nil
		}
	}
	fn("sub", sub(false))
	fn("subn", sub(true))
	fn("split", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		s := itp.str(args[0])
		max := -1
		if len(args) > 1 {
			if n, _ := starlark.AsInt32(args[1]); n > 0 {
				max = n + 1
			}
		}
		var out []starlark.Value
		for _, part := range re.Split(s, max) {
			out = append(out, starlark.String(part))
		}
		return starlark.NewList(out), nil
	})
	return p
}

// pyTemplate converts Python's \1 and \g<name> to Go's ${1} and ${name}.
func pyTemplate(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '$':
			b.WriteString("$$")
		case c == '\\' && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9':
			j := i + 1
			for j < len(t) && t[j] >= '0' && t[j] <= '9' && j < i+3 {
				j++
			}
			b.WriteString("${" + t[i+1:j] + "}")
			i = j - 1
		case c == '\\' && strings.HasPrefix(t[i:], `\g<`):
			end := strings.IndexByte(t[i:], '>')
			b.WriteString("${" + t[i+3:i+end] + "}")
			i += end
		case c == '\\' && i+1 < len(t) && t[i+1] == 'n':
			b.WriteByte('\n')
			i++
		case c == '\\' && i+1 < len(t) && t[i+1] == '\\':
			b.WriteByte('\\')
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (itp *interp) match(re *regexp.Regexp, s string, loc []int) *Module {
	m := &Module{name: "re.Match", members: map[string]starlark.Value{}}
	m.repr = fmt.Sprintf("<re.Match object; span=(%d, %d), match=%s>", loc[0], loc[1], pyfmt.Quote(s[loc[0]:loc[1]]))
	names := re.SubexpNames()
	gi := func(v starlark.Value) (int, error) {
		if n, ok := v.(starlark.String); ok {
			for i, name := range names {
				if name == string(n) && name != "" {
					return i, nil
				}
			}
			return 0, itp.newExc("IndexError", "no such group")
		}
		i, err := starlark.AsInt32(v)
		if err != nil || i < 0 || i > re.NumSubexp() {
			return 0, itp.newExc("IndexError", "no such group")
		}
		return i, nil
	}
	grp := func(i int) starlark.Value {
		if loc[2*i] < 0 {
			return starlark.None
		}
		return starlark.String(s[loc[2*i]:loc[2*i+1]])
	}
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	fn("group", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) == 0 {
			return grp(0), nil
		}
		var out starlark.Tuple
		for _, a := range args {
			i, err := gi(a)
			if err != nil {
				return nil, err
			}
			out = append(out, grp(i))
		}
		if len(out) == 1 {
			return out[0], nil
		}
		return out, nil
	})
	fn("groups", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		out := make(starlark.Tuple, re.NumSubexp())
		for i := range out {
			out[i] = grp(i + 1)
			if out[i] == starlark.None && len(args) > 0 {
				out[i] = args[0]
			}
		}
		return out, nil
	})
	fn("groupdict", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		d := starlark.NewDict(0)
		for i, name := range names {
			if name != "" {
				d.SetKey(starlark.String(name), grp(i))
			}
		}
		return d, nil
	})
	pos := func(end int) pyFunc {
		return func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			i := 0
			if len(args) > 0 {
				var err error
				if i, err = gi(args[0]); err != nil {
					return nil, err
				}
			}
			if end < 0 {
				return starlark.Tuple{starlark.MakeInt(loc[2*i]), starlark.MakeInt(loc[2*i+1])}, nil
			}
			return starlark.MakeInt(loc[2*i+end]), nil
		}
	}
	fn("start", pos(0))
	fn("end", pos(1))
	fn("span", pos(-1))
	m.members["string"] = starlark.String(s)
	return m
}

func (itp *interp) jsonModule() *Module {
	m := newModule("json")
	fn := func(name string, f pyFunc) { m.members[name] = itp.builtin(name, f) }
	dumps := func(args starlark.Tuple, kwargs []starlark.Tuple) (string, error) {
		indent := -1
		if v := kwarg(kwargs, "indent"); v != nil && v != starlark.None {
			indent, _ = starlark.AsInt32(v)
		}
		sortKeys := false
		if v := kwarg(kwargs, "sort_keys"); v != nil {
			sortKeys = itp.truth(v)
		}
		var b strings.Builder
		err := itp.jsonEncode(&b, args[0], indent, 0, sortKeys)
		return b.String(), err
	}
	fn("dumps", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		s, err := dumps(args, kwargs)
		return starlark.String(s), err
	})
	fn("dump", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		s, err := dumps(args, kwargs)
		if err != nil {
			return nil, err
		}
		f, ok := args[1].(*file)
		if !ok {
			return nil, itp.newExc("TypeError", "json.dump needs a file opened for writing")
		}
		return starlark.None, f.write(s)
	})
	fn("loads", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return itp.jsonDecode(itp.str(args[0]))
	})
	fn("load", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		f, ok := args[0].(*file)
		if !ok {
			return nil, itp.newExc("TypeError", "json.load needs a file opened for reading")
		}
		s, err := f.readAll()
		if err != nil {
			return nil, err
		}
		return itp.jsonDecode(s)
	})
	return m
}

func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r > 0x7e {
				if r > 0xffff {
					r -= 0x10000
					fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
				} else {
					fmt.Fprintf(&b, `\u%04x`, r)
				}
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (itp *interp) jsonEncode(b *strings.Builder, v starlark.Value, indent, level int, sortKeys bool) error {
	nl := func(l int) {
		if indent >= 0 {
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(" ", indent*l))
		}
	}
	sep := ", "
	if indent >= 0 {
		sep = ","
	}
	switch x := v.(type) {
	case starlark.NoneType:
		b.WriteString("null")
	case starlark.Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case starlark.Int:
		b.WriteString(x.String())
	case starlark.Float:
		s := pyfmt.FloatRepr(float64(x))
		switch s {
		case "inf":
			s = "Infinity"
		case "-inf":
			s = "-Infinity"
		case "nan":
			s = "NaN"
		}
		b.WriteString(s)
	case starlark.String:
		b.WriteString(jsonQuote(string(x)))
	case starlark.IterableMapping:
		items := x.Items()
		if len(items) == 0 {
			b.WriteString("{}")
			return nil
		}
		keys := make([]string, len(items))
		for i, kv := range items {
			switch k := kv[0].(type) {
			case starlark.String:
				keys[i] = string(k)
			case starlark.Bool:
				keys[i] = map[bool]string{true: "true", false: "false"}[bool(k)]
			case starlark.NoneType:
				keys[i] = "null"
			case starlark.Int, starlark.Float:
				keys[i] = itp.str(k)
			default:
				return itp.newExc("TypeError", fmt.Sprintf("keys must be str, int, float, bool or None, not %s", pyType(kv[0])))
			}
		}
		order := make([]int, len(items))
		for i := range order {
			order[i] = i
		}
		if sortKeys {
			sort.SliceStable(order, func(a, c int) bool { return keys[order[a]] < keys[order[c]] })
		}
		b.WriteByte('{')
		for n, i := range order {
			if n > 0 {
				b.WriteString(sep)
			}
			nl(level + 1)
			b.WriteString(jsonQuote(keys[i]))
			b.WriteString(": ")
			if err := itp.jsonEncode(b, items[i][1], indent, level+1, sortKeys); err != nil {
				return err
			}
		}
		nl(level)
		b.WriteByte('}')
	case starlark.Indexable:
		if x.Len() == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteByte('[')
		for i := 0; i < x.Len(); i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			nl(level + 1)
			if err := itp.jsonEncode(b, x.Index(i), indent, level+1, sortKeys); err != nil {
				return err
			}
		}
		nl(level)
		b.WriteByte(']')
	default:
		return itp.newExc("TypeError", fmt.Sprintf("Object of type %s is not JSON serializable", pyType(v)))
	}
	return nil
}

func (itp *interp) jsonDecode(s string) (starlark.Value, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = fmt.Errorf("extra data")
		}
	}
	if err != nil {
		return nil, itp.newExc("ValueError", "json: "+err.Error())
	}
	return v, nil
}

func jsonValue(dec *json.Decoder) (starlark.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			var items []starlark.Value
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				items = append(items, v)
			}
			_, err := dec.Token()
			return starlark.NewList(items), err
		case '{':
			d := starlark.NewDict(0)
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := jsonValue(dec)
				if err != nil {
					return nil, err
				}
				d.SetKey(starlark.String(k.(string)), v)
			}
			_, err := dec.Token()
			return d, err
		}
	case string:
		return starlark.String(t), nil
	case json.Number:
		if !strings.ContainsAny(string(t), ".eE") {
			if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
				return starlark.MakeInt64(i), nil
			}
		}
		f, err := strconv.ParseFloat(string(t), 64)
		return starlark.Float(f), err
	case bool:
		return starlark.Bool(t), nil
	case nil:
		return starlark.None, nil
	}
	return nil, fmt.Errorf("unexpected %v", bytes.TrimSpace([]byte(fmt.Sprint(tok))))
}
