package builtins

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"

	"exosh/pyfmt"
)

// This file holds what command-line scripts need: exit(), and argparser(),
// a small argument parser with argparse's method names, usage and help
// format, and exit statuses (0 after --help, 2 after a usage error).

// ExitError is the error of exit(code): the program stops and the command
// exits with Code. Message, when set, is printed to stderr first.
type ExitError struct {
	Code    int
	Message string
}

// Error returns a description of the exit.
func (e *ExitError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	return fmt.Sprintf("exit(%d)", e.Code)
}

const exitDoc = `Stop the program. exit() and exit(0) succeed; exit(n) exits with status n;
exit('message') prints the message to standard error and exits with status 1,
as Python's sys.exit does.

    if not argv[1:]:
        exit(2)`

func exitFunc(c *call) (starlark.Value, error) {
	var code starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(c.name, c.args, c.kwargs, 0, &code); err != nil {
		return nil, err
	}
	switch x := code.(type) {
	case starlark.NoneType:
		return nil, &ExitError{}
	case starlark.Int:
		n, ok := x.Int64()
		if !ok {
			return nil, &ExitError{Code: 1}
		}
		return nil, &ExitError{Code: int(n)}
	case starlark.Bool:
		if x {
			return nil, &ExitError{Code: 1}
		}
		return nil, &ExitError{}
	}
	return nil, &ExitError{Code: 1, Message: pyStr(code)}
}

const argparserDoc = `Return a command-line parser that behaves as Python's argparse. Its methods
are argparse's: add_argument(*names, action, nargs, const,
default, type, choices, required, help, metavar, dest, version) and
parse_args(args), which returns a struct of the values. -h/--help prints the
help and exits 0; a usage error prints the usage and the message to standard
error and exits 2. action is 'store', 'store_true', 'store_false', 'append',
'count' or 'version'; nargs is a number, '?', '*' or '+'; type is a function
such as int or float. prog defaults to the script's file name.

    p = argparser(description='Shrink the fields of a results file.')
    p.add_argument('input', help='the Exodus file to read')
    p.add_argument('-o', '--output', default='out.e', help='where to write')
    p.add_argument('-s', '--scale', type=float, default=1.0)
    p.add_argument('-v', '--verbose', action='store_true')
    a = p.parse_args(argv[1:])
    print(a.input, a.output, a.scale, a.verbose)`

func argparserFunc(c *call) (starlark.Value, error) {
	var prog, desc, epilog starlark.Value = starlark.None, starlark.None, starlark.None
	if err := starlark.UnpackArgs(c.name, c.args, c.kwargs, "prog?", &prog, "description?", &desc, "epilog?", &epilog); err != nil {
		return nil, err
	}
	p := &ArgParser{}
	if s, ok := prog.(starlark.String); ok {
		p.prog = string(s)
	} else if n := c.thread.CallStackDepth(); n > 0 {
		p.prog = filepath.Base(c.thread.CallFrame(n - 1).Pos.Filename())
	}
	if s, ok := desc.(starlark.String); ok {
		p.description = string(s)
	}
	if s, ok := epilog.(starlark.String); ok {
		p.epilog = string(s)
	}
	p.actions = []*argAction{{opts: []string{"-h", "--help"}, dest: "help", action: "help", help: "show this help message and exit", nargs: "0"}}
	return p, nil
}

// ArgParser is the Starlark value argparser() returns.
type ArgParser struct {
	prog, description, epilog string
	actions                   []*argAction
}

type argAction struct {
	opts     []string // empty: positional
	dest     string
	action   string // store, store_true, store_false, append, count, version, help
	nargs    string // "": one value; "?", "*", "+", or a count
	constant starlark.Value
	def      starlark.Value
	typ      starlark.Callable
	choices  []starlark.Value
	required bool
	help     string
	metavar  string
	version  string
}

var _ starlark.HasAttrs = (*ArgParser)(nil)

// String returns a short description.
func (p *ArgParser) String() string { return fmt.Sprintf("<argparser %s>", p.prog) }

// Type returns "argparser".
func (p *ArgParser) Type() string { return "argparser" }

// Freeze does nothing: a parser is configured before use.
func (p *ArgParser) Freeze() {}

// Truth returns True.
func (p *ArgParser) Truth() starlark.Bool { return true }

// Hash fails: a parser is mutable.
func (p *ArgParser) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: argparser") }

// AttrNames lists the methods.
func (p *ArgParser) AttrNames() []string {
	return []string{"add_argument", "error", "format_help", "format_usage", "parse_args", "print_help", "print_usage"}
}

// Attr returns a method.
func (p *ArgParser) Attr(name string) (starlark.Value, error) {
	var fn func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error)
	switch name {
	case "add_argument":
		fn = p.addArgument
	case "parse_args":
		fn = p.parseArgs
	case "format_help", "format_usage", "print_help", "print_usage":
		fn = func(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
				return nil, err
			}
			s := p.formatUsage()
			if strings.HasSuffix(name, "help") {
				s = p.formatHelp()
			}
			if strings.HasPrefix(name, "print") {
				fmt.Fprint(stdoutOf(t), s)
				return starlark.None, nil
			}
			return starlark.String(s), nil
		}
	case "error":
		fn = func(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var msg string
			if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &msg); err != nil {
				return nil, err
			}
			return nil, p.fail(t, msg)
		}
	default:
		return nil, nil
	}
	return starlark.NewBuiltin(name, fn).BindReceiver(p), nil
}

func (p *ArgParser) addArgument(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a := &argAction{action: "store", def: starlark.None, constant: starlark.None}
	for _, v := range args {
		s, ok := v.(starlark.String)
		if !ok || s == "" {
			return nil, fmt.Errorf("add_argument: names are non-empty strings, got %s", v)
		}
		a.opts = append(a.opts, string(s))
	}
	if len(a.opts) == 0 {
		return nil, fmt.Errorf("add_argument: missing a name")
	}
	positional := !strings.HasPrefix(a.opts[0], "-")
	var defGiven bool
	for _, kv := range kwargs {
		k, v := string(kv[0].(starlark.String)), kv[1]
		str := func() (string, error) {
			s, ok := v.(starlark.String)
			if !ok {
				return "", fmt.Errorf("add_argument: %s must be a string, got %s", k, v.Type())
			}
			return string(s), nil
		}
		var err error
		switch k {
		case "action":
			a.action, err = str()
		case "nargs":
			if n, ok := v.(starlark.Int); ok {
				a.nargs = n.String()
			} else {
				a.nargs, err = str()
			}
		case "const":
			a.constant = v
		case "default":
			a.def, defGiven = v, true
		case "type":
			c, ok := v.(starlark.Callable)
			if !ok {
				return nil, fmt.Errorf("add_argument: type must be a function such as int or float, got %s", v.Type())
			}
			a.typ = c
		case "choices":
			it := starlark.Iterate(v)
			if it == nil {
				return nil, fmt.Errorf("add_argument: choices must be a list")
			}
			var x starlark.Value
			for it.Next(&x) {
				a.choices = append(a.choices, x)
			}
			it.Done()
		case "required":
			a.required = bool(v.Truth())
		case "help":
			a.help, err = str()
		case "metavar":
			a.metavar, err = str()
		case "dest":
			a.dest, err = str()
		case "version":
			a.version, err = str()
		default:
			return nil, fmt.Errorf("add_argument: unexpected keyword argument %q", k)
		}
		if err != nil {
			return nil, err
		}
	}
	switch a.action {
	case "store", "append":
	case "store_true", "store_false", "count", "version":
		if a.nargs != "" {
			return nil, fmt.Errorf("add_argument: action %q takes no nargs", a.action)
		}
		a.nargs = "0"
	default:
		return nil, fmt.Errorf("add_argument: unknown action %q", a.action)
	}
	if !defGiven {
		switch a.action {
		case "store_true":
			a.def = starlark.False
		case "store_false":
			a.def = starlark.True
		}
	}
	if a.nargs != "" && a.nargs != "?" && a.nargs != "*" && a.nargs != "+" {
		if n, err := strconv.Atoi(a.nargs); err != nil || n < 0 || (n == 0 && a.action == "store") {
			return nil, fmt.Errorf("add_argument: invalid nargs %q", a.nargs)
		}
	}
	if positional {
		if len(a.opts) > 1 {
			return nil, fmt.Errorf("add_argument: a positional argument has one name")
		}
		if a.dest != "" {
			return nil, fmt.Errorf("add_argument: dest supplied twice for positional argument")
		}
		a.dest, a.opts = a.opts[0], nil
		if a.nargs == "" || a.nargs == "+" || (a.nargs != "?" && a.nargs != "*") {
			a.required = true
		}
	} else if a.dest == "" {
		name := a.opts[0]
		for _, o := range a.opts {
			if strings.HasPrefix(o, "--") {
				name = o
				break
			}
		}
		a.dest = strings.ReplaceAll(strings.TrimLeft(name, "-"), "-", "_")
	}
	p.actions = append(p.actions, a)
	return starlark.None, nil
}

// fail prints the usage and "prog: error: msg" to stderr and returns the
// exit error with status 2.
func (p *ArgParser) fail(t *starlark.Thread, msg string) error {
	fmt.Fprintf(stderrOf(t), "%s%s: error: %s\n", p.formatUsage(), p.prog, msg)
	return &ExitError{Code: 2}
}

func (a *argAction) name() string {
	if a.opts != nil {
		return strings.Join(a.opts, "/")
	}
	if a.metavar != "" {
		return a.metavar
	}
	return a.dest
}

func (p *ArgParser) parseArgs(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var list starlark.Value
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &list); err != nil {
		return nil, err
	}
	var words []string
	it := starlark.Iterate(list)
	if it == nil {
		return nil, fmt.Errorf("parse_args: got %s, want a list of strings such as argv[1:]", list.Type())
	}
	var x starlark.Value
	for it.Next(&x) {
		s, ok := x.(starlark.String)
		if !ok {
			it.Done()
			return nil, fmt.Errorf("parse_args: got %s in the list, want strings", x.Type())
		}
		words = append(words, string(s))
	}
	it.Done()

	values := map[string]starlark.Value{}
	seen := map[*argAction]bool{}
	for _, a := range p.actions {
		if a.action == "help" || a.action == "version" {
			continue
		}
		v := a.def
		if s, ok := v.(starlark.String); ok && a.typ != nil && (a.action == "store" || a.action == "append") {
			cv, err := p.convert(t, a, string(s))
			if err != nil {
				return nil, err
			}
			v = cv
		}
		values[a.dest] = v
	}
	isOption := func(w string) bool {
		if len(w) < 2 || w[0] != '-' {
			return false
		}
		if _, err := strconv.ParseFloat(w, 64); err == nil {
			return p.findOption(w) != nil
		}
		return true
	}
	// Classify the words as argparse does: 'O' an option, 'A' a value;
	// everything after "--" is a value.
	pattern := make([]byte, len(words))
	for i, w := range words {
		switch {
		case w == "--":
			pattern[i] = '-'
			for j := i + 1; j < len(words); j++ {
				pattern[j] = 'A'
			}
		case isOption(w):
			pattern[i] = 'O'
		default:
			pattern[i] = 'A'
			continue
		}
		if w == "--" {
			break
		}
	}
	var pos []*argAction
	for _, a := range p.actions {
		if a.opts == nil {
			pos = append(pos, a)
		}
	}
	var extras []string
	// consumePositionals hands the run of values at i to as many of the
	// remaining positional arguments as can match it, each taking as many
	// as it can (argparse's greedy match), and returns the next index.
	consumePositionals := func(i int) (int, error) {
		run := 0
		for i+run < len(words) && (pattern[i+run] == 'A' || pattern[i+run] == '-') {
			if pattern[i+run] == '-' && run == 0 {
				i++
				continue
			}
			if pattern[i+run] == '-' {
				break
			}
			run++
		}
		k := len(pos)
		for ; k > 0; k-- {
			if minCount(pos[:k]) <= run {
				break
			}
		}
		left := run
		for j, a := range pos[:k] {
			take := left - minCount(pos[j+1:k])
			switch a.nargs {
			case "", "?":
				take = min(take, 1)
				if a.nargs == "" {
					take = 1
				}
			case "*", "+":
			default:
				take, _ = strconv.Atoi(a.nargs)
			}
			vals := words[i : i+take]
			i, left = i+take, left-take
			seen[a] = true
			if err := p.apply(t, a, vals, values); err != nil {
				return 0, err
			}
		}
		pos = pos[k:]
		return i, nil
	}
	i := 0
	for i < len(words) {
		if pattern[i] != 'O' {
			next, err := consumePositionals(i)
			if err != nil {
				return nil, err
			}
			if next == i {
				next++
				if pattern[i] == 'A' {
					extras = append(extras, words[i])
				}
			}
			i = next
			continue
		}
		w := words[i]
		opt, attached, hasAttached := w, "", false
		if strings.HasPrefix(w, "--") {
			if k := strings.IndexByte(w, '='); k >= 0 {
				opt, attached, hasAttached = w[:k], w[k+1:], true
			}
		} else if len(w) > 2 && p.findOption(w) == nil {
			opt, attached, hasAttached = w[:2], w[2:], true
		}
		a := p.findOption(opt)
		if a == nil && strings.HasPrefix(opt, "--") {
			var names []string
			for _, b := range p.actions {
				for _, o := range b.opts {
					if strings.HasPrefix(o, opt) && strings.HasPrefix(o, "--") {
						a = b
						names = append(names, o)
					}
				}
			}
			if len(names) > 1 {
				return nil, p.fail(t, fmt.Sprintf("ambiguous option: %s could match %s", opt, strings.Join(names, ", ")))
			}
		}
		if a == nil {
			extras = append(extras, w)
			i++
			continue
		}
		seen[a] = true
		// Flags may be clustered: -vv, -vo FILE.
		if a.nargs == "0" && hasAttached && !strings.HasPrefix(w, "--") {
			words[i] = "-" + attached
			if err := p.apply(t, a, nil, values); err != nil {
				return nil, err
			}
			continue
		} else if a.nargs == "0" && hasAttached {
			return nil, p.fail(t, fmt.Sprintf("argument %s: ignored explicit argument '%s'", a.name(), attached))
		}
		var vals []string
		if hasAttached {
			vals = []string{attached}
			i++
		} else if a.nargs != "0" {
			j := i + 1
			for j < len(words) && pattern[j] == 'A' {
				j++
			}
			vals = words[i+1 : j]
			want := len(vals)
			switch a.nargs {
			case "":
				if want < 1 {
					return nil, p.fail(t, fmt.Sprintf("argument %s: expected one argument", a.name()))
				}
				want = 1
			case "?":
				want = min(want, 1)
			case "*":
			case "+":
				if want < 1 {
					return nil, p.fail(t, fmt.Sprintf("argument %s: expected at least one argument", a.name()))
				}
			default:
				n, _ := strconv.Atoi(a.nargs)
				if want < n {
					return nil, p.fail(t, fmt.Sprintf("argument %s: expected %d arguments", a.name(), n))
				}
				want = n
			}
			vals = vals[:want]
			i += 1 + want
		} else {
			i++
		}
		if err := p.apply(t, a, vals, values); err != nil {
			return nil, err
		}
	}
	var missing []string
	for _, a := range p.actions {
		if a.opts == nil && !seen[a] && (a.required || (a.nargs == "*" && a.def == starlark.None)) {
			missing = append(missing, a.name())
		}
	}
	for _, a := range p.actions {
		if a.required && a.opts != nil && !seen[a] {
			missing = append(missing, a.name())
		}
	}
	if len(missing) > 0 {
		return nil, p.fail(t, "the following arguments are required: "+strings.Join(missing, ", "))
	}
	if len(extras) > 0 {
		return nil, p.fail(t, "unrecognized arguments: "+strings.Join(extras, " "))
	}
	d := starlark.StringDict{}
	for k, v := range values {
		d[k] = v
	}
	return starlarkstruct.FromStringDict(starlark.String("Namespace"), d), nil
}

// minCount is the least number of values the positional arguments as take.
func minCount(as []*argAction) int {
	n := 0
	for _, a := range as {
		switch a.nargs {
		case "", "+":
			n++
		case "?", "*":
		default:
			k, _ := strconv.Atoi(a.nargs)
			n += k
		}
	}
	return n
}

func (p *ArgParser) findOption(o string) *argAction {
	for _, a := range p.actions {
		for _, x := range a.opts {
			if x == o {
				return a
			}
		}
	}
	return nil
}

// apply performs action a with its words.
func (p *ArgParser) apply(t *starlark.Thread, a *argAction, words []string, values map[string]starlark.Value) error {
	switch a.action {
	case "help":
		fmt.Fprint(stdoutOf(t), p.formatHelp())
		return &ExitError{}
	case "version":
		fmt.Fprintln(stdoutOf(t), strings.ReplaceAll(a.version, "%(prog)s", p.prog))
		return &ExitError{}
	case "store_true":
		values[a.dest] = starlark.True
		return nil
	case "store_false":
		values[a.dest] = starlark.False
		return nil
	case "count":
		n, _ := values[a.dest].(starlark.Int)
		values[a.dest] = n.Add(starlark.MakeInt(1))
		return nil
	}
	if a.opts == nil && len(words) == 0 && (a.nargs == "?" || (a.nargs == "*" && a.def != starlark.None)) {
		return nil // the default stays
	}
	conv := make([]starlark.Value, len(words))
	for i, w := range words {
		v, err := p.convert(t, a, w)
		if err != nil {
			return err
		}
		for _, c := range a.choices {
			if ok, _ := starlark.Equal(c, v); ok {
				goto found
			}
		}
		if a.choices != nil {
			var cs []string
			for _, c := range a.choices {
				cs = append(cs, pyRepr(c))
			}
			return p.fail(t, fmt.Sprintf("argument %s: invalid choice: %s (choose from %s)", a.name(), pyRepr(v), strings.Join(cs, ", ")))
		}
	found:
		conv[i] = v
	}
	var v starlark.Value
	switch a.nargs {
	case "":
		v = conv[0]
	case "?":
		if len(conv) == 0 {
			v = a.constant
		} else {
			v = conv[0]
		}
	default:
		v = starlark.NewList(conv)
	}
	if a.action == "append" {
		l, ok := values[a.dest].(*starlark.List)
		if !ok {
			l = starlark.NewList(nil)
		} else {
			l = starlark.NewList(listItems(l))
		}
		l.Append(v)
		v = l
	}
	values[a.dest] = v
	return nil
}

func listItems(l *starlark.List) []starlark.Value {
	out := make([]starlark.Value, l.Len())
	for i := range out {
		out[i] = l.Index(i)
	}
	return out
}

func (p *ArgParser) convert(t *starlark.Thread, a *argAction, w string) (starlark.Value, error) {
	if a.typ == nil {
		return starlark.String(w), nil
	}
	v, err := starlark.Call(t, a.typ, starlark.Tuple{starlark.String(w)}, nil)
	if err != nil {
		return nil, p.fail(t, fmt.Sprintf("argument %s: invalid %s value: %s", a.name(), a.typ.Name(), pyfmt.Quote(w)))
	}
	return v, nil
}

// metavar returns the placeholder of a's values in usage and help.
func (a *argAction) metavarText() string {
	if a.metavar != "" {
		return a.metavar
	}
	if a.choices != nil {
		cs := make([]string, len(a.choices))
		for i, c := range a.choices {
			cs[i] = pyStr(c)
		}
		return "{" + strings.Join(cs, ",") + "}"
	}
	if a.opts == nil {
		return a.dest
	}
	return strings.ToUpper(a.dest)
}

// formatArgs returns the value placeholders of a, as argparse writes them.
func (a *argAction) formatArgs() string {
	m := a.metavarText()
	switch a.nargs {
	case "0":
		return ""
	case "":
		return m
	case "?":
		return "[" + m + "]"
	case "*":
		return "[" + m + " ...]"
	case "+":
		return m + " [" + m + " ...]"
	}
	n, _ := strconv.Atoi(a.nargs)
	return strings.TrimSpace(strings.Repeat(m+" ", n))
}

// helpWidth is the width argparse wraps to when COLUMNS is unset (80 - 2);
// argparser always uses it, so help text does not depend on the terminal.
const helpWidth = 78

func (p *ArgParser) formatUsage() string {
	var opt, pos []string
	for _, a := range p.actions {
		if a.opts == nil {
			pos = append(pos, a.formatArgs())
			continue
		}
		part := a.opts[0]
		if f := a.formatArgs(); f != "" {
			part += " " + f
		}
		if !a.required {
			part = "[" + part + "]"
		}
		opt = append(opt, part)
	}
	prefix := "usage: "
	all := strings.Join(append(append([]string{p.prog}, opt...), pos...), " ")
	if len(prefix)+len(all) <= helpWidth {
		return prefix + all + "\n"
	}
	// argparse's wrapping: parts on lines indented under the first one.
	lines := func(parts []string, indent string, first bool) []string {
		var out, line []string
		lineLen := len(indent) - 1
		if first {
			lineLen = len(prefix) - 1
		}
		for _, part := range parts {
			if lineLen+1+len(part) > helpWidth && len(line) > 0 {
				out = append(out, indent+strings.Join(line, " "))
				line, lineLen = nil, len(indent)-1
			}
			line = append(line, part)
			lineLen += len(part) + 1
		}
		if len(line) > 0 {
			out = append(out, indent+strings.Join(line, " "))
		}
		if first && len(out) > 0 {
			out[0] = out[0][len(indent):]
		}
		return out
	}
	var ls []string
	if len(prefix)+len(p.prog) <= 3*helpWidth/4 {
		indent := strings.Repeat(" ", len(prefix)+len(p.prog)+1)
		if len(opt) > 0 {
			ls = lines(append([]string{p.prog}, opt...), indent, true)
			ls = append(ls, lines(pos, indent, false)...)
		} else {
			ls = lines(append([]string{p.prog}, pos...), indent, true)
		}
	} else {
		indent := strings.Repeat(" ", len(prefix))
		ls = lines(append(append([]string{}, opt...), pos...), indent, false)
		if len(ls) > 1 {
			ls = append(lines(opt, indent, false), lines(pos, indent, false)...)
		}
		ls = append([]string{p.prog}, ls...)
	}
	return prefix + strings.Join(ls, "\n") + "\n"
}

func (p *ArgParser) formatHelp() string {
	var b strings.Builder
	b.WriteString(p.formatUsage())
	if p.description != "" {
		b.WriteString("\n" + strings.Join(wrapWords(p.description, helpWidth), "\n") + "\n")
	}
	invocation := func(a *argAction) string {
		if a.opts == nil {
			return a.metavarText()
		}
		f := a.formatArgs()
		parts := make([]string, len(a.opts))
		for i, o := range a.opts {
			parts[i] = o
			if f != "" {
				parts[i] += " " + f
			}
		}
		return strings.Join(parts, ", ")
	}
	maxLen := 0
	for _, a := range p.actions {
		maxLen = max(maxLen, len(invocation(a))+2)
	}
	helpPos := min(maxLen+2, 24)
	section := func(title string, positional bool) {
		var as []*argAction
		for _, a := range p.actions {
			if (a.opts == nil) == positional {
				as = append(as, a)
			}
		}
		if len(as) == 0 {
			return
		}
		b.WriteString("\n" + title + ":\n")
		for _, a := range as {
			inv := invocation(a)
			help := p.expandHelp(a)
			width := helpPos - 4
			if help == "" {
				b.WriteString("  " + inv + "\n")
				continue
			}
			hl := wrapWords(help, max(helpWidth-helpPos, 11))
			if len(inv) <= width {
				fmt.Fprintf(&b, "  %-*s  %s\n", width, inv, hl[0])
			} else {
				fmt.Fprintf(&b, "  %s\n%s%s\n", inv, strings.Repeat(" ", helpPos), hl[0])
			}
			for _, l := range hl[1:] {
				b.WriteString(strings.Repeat(" ", helpPos) + l + "\n")
			}
		}
	}
	section("positional arguments", true)
	section("options", false)
	if p.epilog != "" {
		b.WriteString("\n" + strings.Join(wrapWords(p.epilog, helpWidth), "\n") + "\n")
	}
	return b.String()
}

// expandHelp substitutes %(default)s, %(prog)s and the like in a's help.
func (p *ArgParser) expandHelp(a *argAction) string {
	if !strings.Contains(a.help, "%") {
		return a.help
	}
	d := starlark.NewDict(4)
	d.SetKey(starlark.String("prog"), starlark.String(p.prog))
	d.SetKey(starlark.String("default"), a.def)
	d.SetKey(starlark.String("dest"), starlark.String(a.dest))
	d.SetKey(starlark.String("metavar"), starlark.String(a.metavarText()))
	if a.typ != nil {
		d.SetKey(starlark.String("type"), starlark.String(a.typ.Name()))
	}
	if a.choices != nil {
		d.SetKey(starlark.String("choices"), starlark.NewList(a.choices))
	}
	s, err := strfmtFormatter().Percent(a.help, d)
	if err != nil {
		return a.help
	}
	return s
}

// wrapWords fills text into lines of at most width, collapsing white
// space, as Python's textwrap.wrap does.
func wrapWords(text string, width int) []string {
	words := strings.FieldsFunc(text, unicode.IsSpace)
	var out []string
	line := ""
	for _, w := range words {
		for len(w) > width {
			if line != "" {
				out = append(out, line)
				line = ""
			}
			out, w = append(out, w[:width]), w[width:]
		}
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			out = append(out, line)
			line = w
		}
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}
