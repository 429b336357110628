package pyrun

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

// argAction is one argument of an argparse (or optparse) parser.
type argAction struct {
	opts     []string // option strings; empty for a positional
	dest     string
	action   string
	nargs    starlark.Value // nil, Int, or "?", "*", "+"
	constant starlark.Value
	deflt    starlark.Value
	typ      starlark.Value
	choices  []starlark.Value
	required bool
	help     string
	hasHelp  bool
	suppress bool
	metavar  string
	version  string
	group    *argGroup
	mutex    *mutexGroup
}

// mutexGroup is a mutually exclusive group: at most one of its actions.
type mutexGroup struct {
	required bool
	actions  []*argAction
}

type argGroup struct {
	title, description string
	actions            []*argAction
}

// argParser is argparse.ArgumentParser (optparse when opt is set).
type argParser struct {
	itp         *interp
	prog        string
	usage       string
	description string
	epilog      string
	actions     []*argAction
	groups      []*argGroup
	defaults    [][2]starlark.Value
	opt         bool // optparse flavour
	addHelp     bool
	formatter   string // formatter_class: RawDescriptionHelpFormatter, ...
}

func (p *argParser) String() string {
	return fmt.Sprintf("ArgumentParser(prog=%s)", pyfmt.Quote(p.prog))
}
func (p *argParser) Type() string          { return "ArgumentParser" }
func (p *argParser) Freeze()               {}
func (p *argParser) Truth() starlark.Bool  { return true }
func (p *argParser) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: ArgumentParser") }
func (p *argParser) AttrNames() []string {
	return []string{"add_argument", "add_argument_group", "add_mutually_exclusive_group", "error", "format_help", "format_usage", "parse_args", "print_help", "print_usage", "set_defaults"}
}

// groupRef adds arguments to one group of a parser.
type groupRef struct {
	p     *argParser
	g     *argGroup
	mutex *mutexGroup
}

func (g *groupRef) String() string        { return "<argument group>" }
func (g *groupRef) Type() string          { return "_ArgumentGroup" }
func (g *groupRef) Freeze()               {}
func (g *groupRef) Truth() starlark.Bool  { return true }
func (g *groupRef) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable") }
func (g *groupRef) AttrNames() []string {
	return []string{"add_argument", "add_mutually_exclusive_group"}
}
func (g *groupRef) Attr(name string) (starlark.Value, error) {
	switch name {
	case "add_argument", "add_option":
		return g.p.itp.builtin(name, func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := g.p.addArgument(args, kwargs, g.g); err != nil {
				return nil, err
			}
			if g.mutex != nil {
				a := g.p.actions[len(g.p.actions)-1]
				a.mutex = g.mutex
				g.mutex.actions = append(g.mutex.actions, a)
			}
			return starlark.None, nil
		}), nil
	case "add_mutually_exclusive_group":
		return g.p.itp.builtin(name, func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			m := &mutexGroup{}
			if v := kwarg(kwargs, "required"); v != nil {
				m.required = itp.truth(v)
			}
			return &groupRef{p: g.p, g: g.g, mutex: m}, nil
		}), nil
	}
	return nil, nil
}

// namespace is argparse.Namespace / optparse's Values.
type namespace struct {
	keys []string
	vals map[string]starlark.Value
	name string
}

func (n *namespace) String() string {
	var parts []string
	for _, k := range n.keys {
		parts = append(parts, k+"="+reprOf(n.vals[k]))
	}
	if n.name == "Values" {
		var d []string
		for _, k := range n.keys {
			d = append(d, pyfmt.Quote(k)+": "+reprOf(n.vals[k]))
		}
		return "{" + strings.Join(d, ", ") + "}"
	}
	return n.name + "(" + strings.Join(parts, ", ") + ")"
}
func (n *namespace) Type() string          { return n.name }
func (n *namespace) Freeze()               {}
func (n *namespace) Truth() starlark.Bool  { return true }
func (n *namespace) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: Namespace") }
func (n *namespace) AttrNames() []string   { return append([]string(nil), n.keys...) }
func (n *namespace) Attr(name string) (starlark.Value, error) {
	if v, ok := n.vals[name]; ok {
		return v, nil
	}
	return nil, nil
}
func (n *namespace) SetField(name string, v starlark.Value) error {
	if _, ok := n.vals[name]; !ok {
		n.keys = append(n.keys, name)
	}
	n.vals[name] = v
	return nil
}

func (itp *interp) argparseModule() *Module {
	m := newModule("argparse")
	m.members["ArgumentParser"] = itp.builtin("ArgumentParser", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		p := &argParser{itp: itp, addHelp: true}
		p.prog = progName(itp.argv)
		names := []string{"prog", "usage", "description", "epilog"}
		for i, a := range args {
			if i < len(names) {
				kwargs = append(kwargs, starlark.Tuple{starlark.String(names[i]), a})
			}
		}
		for _, kv := range kwargs {
			v := kv[1]
			switch string(kv[0].(starlark.String)) {
			case "prog":
				if v != starlark.None {
					p.prog = itp.str(v)
				}
			case "usage":
				if v != starlark.None {
					p.usage = itp.str(v)
				}
			case "description":
				if v != starlark.None {
					p.description = itp.str(v)
				}
			case "epilog":
				if v != starlark.None {
					p.epilog = itp.str(v)
				}
			case "add_help":
				p.addHelp = itp.truth(v)
			case "formatter_class":
				if f, ok := v.(starlark.String); ok {
					p.formatter = string(f)
				}
			}
		}
		p.groups = []*argGroup{{title: "positional arguments"}, {title: "options"}}
		if p.addHelp {
			p.addArgument(starlark.Tuple{starlark.String("-h"), starlark.String("--help")},
				[]starlark.Tuple{{starlark.String("action"), starlark.String("help")}, {starlark.String("help"), starlark.String("show this help message and exit")}}, nil)
		}
		return p, nil
	})
	m.members["Namespace"] = itp.builtin("Namespace", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		n := &namespace{vals: map[string]starlark.Value{}, name: "Namespace"}
		for _, kv := range kwargs {
			n.SetField(string(kv[0].(starlark.String)), kv[1])
		}
		return n, nil
	})
	m.members["SUPPRESS"] = starlark.String("==SUPPRESS==")
	m.members["ArgumentTypeError"] = itp.excs["ValueError"]
	for _, f := range []string{"RawTextHelpFormatter", "RawDescriptionHelpFormatter", "ArgumentDefaultsHelpFormatter", "HelpFormatter"} {
		m.members[f] = starlark.String(f)
	}
	m.members["FileType"] = itp.builtin("FileType", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		mode := starlark.Value(starlark.String("r"))
		if len(args) > 0 {
			mode = args[0]
		}
		return itp.builtin("open", func(itp *interp, a starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			return biOpen(itp, starlark.Tuple{a[0], mode}, nil)
		}), nil
	})
	return m
}

func progName(argv []string) string {
	if len(argv) == 0 {
		return "exosh"
	}
	p := argv[0]
	return p[strings.LastIndex(p, "/")+1:]
}

func (p *argParser) Attr(name string) (starlark.Value, error) {
	itp := p.itp
	m := func(f pyFunc) starlark.Value { return itp.builtin(name, f) }
	switch name {
	case "add_argument", "add_option":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return starlark.None, p.addArgument(args, kwargs, nil)
		}), nil
	case "add_argument_group", "add_option_group":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			g := &argGroup{}
			if len(args) > 0 {
				g.title = itp.str(args[0])
			}
			if v := kwarg(kwargs, "title"); v != nil {
				g.title = itp.str(v)
			}
			if len(args) > 1 {
				g.description = itp.str(args[1])
			}
			if v := kwarg(kwargs, "description"); v != nil {
				g.description = itp.str(v)
			}
			p.groups = append(p.groups, g)
			return &groupRef{p: p, g: g}, nil
		}), nil
	case "add_mutually_exclusive_group":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			mg := &mutexGroup{}
			if v := kwarg(kwargs, "required"); v != nil {
				mg.required = itp.truth(v)
			}
			return &groupRef{p: p, mutex: mg}, nil
		}), nil
	case "set_defaults":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			for _, kv := range kwargs {
				p.defaults = append(p.defaults, [2]starlark.Value{kv[0], kv[1]})
				for _, a := range p.actions {
					if a.dest == string(kv[0].(starlark.String)) {
						a.deflt = kv[1]
					}
				}
			}
			return starlark.None, nil
		}), nil
	case "parse_args", "parse_known_args":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			argv := itp.argv
			if len(argv) > 0 {
				argv = argv[1:]
			}
			a := kwarg(kwargs, "args")
			if len(args) > 0 {
				a = args[0]
			}
			if a != nil && a != starlark.None {
				items, err := itp.iterate(a)
				if err != nil {
					return nil, err
				}
				argv = nil
				for _, it := range items {
					argv = append(argv, itp.str(it))
				}
			}
			ns, rest, err := p.parse(argv)
			if err != nil {
				return nil, err
			}
			if p.opt || name == "parse_known_args" {
				l := make([]starlark.Value, len(rest))
				for i, r := range rest {
					l[i] = starlark.String(r)
				}
				return starlark.Tuple{ns, starlark.NewList(l)}, nil
			}
			return ns, nil
		}), nil
	case "print_help":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			fmt.Fprint(itp.stdout, p.formatHelp())
			return starlark.None, nil
		}), nil
	case "print_usage":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			fmt.Fprint(itp.stdout, p.formatUsage()+"\n")
			return starlark.None, nil
		}), nil
	case "format_help":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return starlark.String(p.formatHelp()), nil
		}), nil
	case "format_usage":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return starlark.String(p.formatUsage() + "\n"), nil
		}), nil
	case "error":
		return m(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return nil, p.fail(itp.str(args[0]))
		}), nil
	case "prog":
		return starlark.String(p.prog), nil
	case "description":
		return starlark.String(p.description), nil
	}
	return nil, nil
}

func (p *argParser) addArgument(args starlark.Tuple, kwargs []starlark.Tuple, g *argGroup) error {
	itp := p.itp
	a := &argAction{action: "store", deflt: starlark.None}
	for _, x := range args {
		a.opts = append(a.opts, itp.str(x))
	}
	positional := len(a.opts) == 1 && !strings.HasPrefix(a.opts[0], "-")
	if positional {
		a.dest = a.opts[0]
		a.opts = nil
		a.required = true
	}
	for _, kv := range kwargs {
		v := kv[1]
		switch k := string(kv[0].(starlark.String)); k {
		case "action":
			a.action = itp.str(v)
		case "dest":
			a.dest = itp.str(v)
		case "nargs":
			a.nargs = v
		case "const":
			a.constant = v
		case "default":
			a.deflt = v
		case "type":
			a.typ = v
			if s, ok := v.(starlark.String); ok && p.opt {
				a.typ = itp.builtins[map[string]string{"int": "int", "float": "float", "string": "str", "str": "str", "long": "int"}[string(s)]]
			}
		case "choices":
			items, err := itp.iterate(v)
			if err != nil {
				return err
			}
			a.choices = items
		case "required":
			a.required = itp.truth(v)
		case "help":
			a.help = itp.str(v)
			a.hasHelp = v != starlark.None
			a.suppress = a.help == "==SUPPRESS=="
		case "metavar":
			a.metavar = itp.str(v)
		case "version":
			a.version = itp.str(v)
		default:
			return itp.newExc("TypeError", fmt.Sprintf("add_argument() got an unexpected keyword argument '%s'", k))
		}
	}
	if a.dest == "" {
		long := ""
		for _, o := range a.opts {
			if strings.HasPrefix(o, "--") && long == "" {
				long = o
			}
		}
		if long == "" && len(a.opts) > 0 {
			long = a.opts[0]
		}
		a.dest = strings.ReplaceAll(strings.TrimLeft(long, "-"), "-", "_")
	}
	switch a.action {
	case "store_true":
		a.nargs = starlark.MakeInt(0)
		if a.deflt == starlark.None && kwarg(kwargs, "default") == nil {
			a.deflt = starlark.False
		}
		a.constant = starlark.True
	case "store_false":
		a.nargs = starlark.MakeInt(0)
		if kwarg(kwargs, "default") == nil {
			a.deflt = starlark.True
		}
		a.constant = starlark.False
	case "store_const", "append_const", "count", "help", "version":
		a.nargs = starlark.MakeInt(0)
	case "store", "append":
	default:
		return itp.newExc("ValueError", fmt.Sprintf("unknown action %s", pyfmt.Quote(a.action)))
	}
	if a.action == "version" && !a.hasHelp {
		a.help, a.hasHelp = "show program's version number and exit", true
	}
	if p.opt && a.typ == nil && a.action == "store" {
		a.typ = nil
	}
	p.actions = append(p.actions, a)
	if g == nil {
		g = p.groups[1]
		if len(a.opts) == 0 {
			g = p.groups[0]
		}
	}
	a.group = g
	g.actions = append(g.actions, a)
	return nil
}

// metavarOf returns the name shown for a's values.
func (a *argAction) metavarOf() string {
	if a.metavar != "" {
		return a.metavar
	}
	if len(a.choices) > 0 {
		var c []string
		for _, x := range a.choices {
			c = append(c, strOf(x))
		}
		return "{" + strings.Join(c, ",") + "}"
	}
	if len(a.opts) == 0 {
		return a.dest
	}
	return strings.ToUpper(a.dest)
}

// argsFormat formats the values part for nargs.
func (a *argAction) argsFormat() string {
	m := a.metavarOf()
	switch n := a.nargs.(type) {
	case nil:
		return m
	case starlark.String:
		switch n {
		case "?":
			return "[" + m + "]"
		case "*":
			return "[" + m + " ...]"
		case "+":
			return m + " [" + m + " ...]"
		}
	case starlark.Int:
		k, _ := n.Int64()
		parts := make([]string, k)
		for i := range parts {
			parts[i] = m
		}
		return strings.Join(parts, " ")
	}
	return m
}

func (a *argAction) takesArgs() bool {
	if n, ok := a.nargs.(starlark.Int); ok {
		return n.Sign() != 0
	}
	return true
}

func (a *argAction) name() string {
	if len(a.opts) > 0 {
		return strings.Join(a.opts, "/")
	}
	if a.metavar != "" {
		return a.metavar
	}
	return a.dest
}

func (p *argParser) width() int {
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 2 {
		return c - 2
	}
	return 78
}

func (p *argParser) formatUsage() string {
	if p.usage != "" && p.opt {
		return "Usage: " + p.usage
	}
	if p.usage != "" {
		return "usage: " + strings.ReplaceAll(p.usage, "%(prog)s", p.prog)
	}
	if p.opt {
		return "Usage: " + p.prog + " [options]"
	}
	var opt, pos []string
	done := map[*mutexGroup]bool{}
	for _, a := range p.actions {
		if a.suppress {
			continue
		}
		if a.mutex != nil && len(a.opts) > 0 {
			if done[a.mutex] {
				continue
			}
			done[a.mutex] = true
			var alts []string
			for _, b := range a.mutex.actions {
				s := b.opts[0]
				if b.takesArgs() {
					s += " " + b.argsFormat()
				}
				alts = append(alts, s)
			}
			if a.mutex.required {
				opt = append(opt, "("+strings.Join(alts, " | ")+")")
			} else {
				opt = append(opt, "["+strings.Join(alts, " | ")+"]")
			}
			continue
		}
		if len(a.opts) > 0 {
			s := a.opts[0]
			if a.takesArgs() {
				s += " " + a.argsFormat()
			}
			if !a.required {
				s = "[" + s + "]"
			}
			opt = append(opt, s)
			continue
		}
		f := a.argsFormat()
		if s, ok := a.nargs.(starlark.String); ok && s == "+" {
			m := a.metavarOf()
			pos = append(pos, m, "["+m+" ...]")
			continue
		}
		if n, ok := a.nargs.(starlark.Int); ok && n.Sign() > 0 {
			pos = append(pos, strings.Fields(f)...)
			continue
		}
		pos = append(pos, f)
	}
	prefix := "usage: "
	usage := strings.Join(append(append([]string{p.prog}, opt...), pos...), " ")
	textWidth := p.width()
	if len(prefix)+len(usage) <= textWidth {
		return prefix + usage
	}
	getLines := func(parts []string, indent string, withPrefix bool) []string {
		var lines, line []string
		lineLen := len(indent) - 1
		if withPrefix {
			lineLen = len(prefix) - 1
		}
		for _, part := range parts {
			if lineLen+1+len(part) > textWidth && len(line) > 0 {
				lines = append(lines, indent+strings.Join(line, " "))
				line = nil
				lineLen = len(indent) - 1
			}
			line = append(line, part)
			lineLen += len(part) + 1
		}
		if len(line) > 0 {
			lines = append(lines, indent+strings.Join(line, " "))
		}
		if withPrefix && len(lines) > 0 {
			lines[0] = lines[0][len(indent):]
		}
		return lines
	}
	var lines []string
	if float64(len(prefix)+len(p.prog)) <= 0.75*float64(textWidth) {
		indent := strings.Repeat(" ", len(prefix)+len(p.prog)+1)
		if len(opt) > 0 {
			lines = getLines(append([]string{p.prog}, opt...), indent, true)
			lines = append(lines, getLines(pos, indent, false)...)
		} else if len(pos) > 0 {
			lines = getLines(append([]string{p.prog}, pos...), indent, true)
		} else {
			lines = []string{p.prog}
		}
	} else {
		indent := strings.Repeat(" ", len(prefix))
		lines = getLines(append(opt, pos...), indent, false)
		lines = append([]string{p.prog}, lines...)
	}
	return prefix + strings.Join(lines, "\n")
}

func (p *argParser) invocation(a *argAction) string {
	if len(a.opts) == 0 {
		return a.metavarOf()
	}
	if !a.takesArgs() {
		return strings.Join(a.opts, ", ")
	}
	f := a.argsFormat()
	var parts []string
	for _, o := range a.opts {
		if p.opt && strings.HasPrefix(o, "--") {
			parts = append(parts, o+"="+f)
		} else {
			parts = append(parts, o+" "+f)
		}
	}
	return strings.Join(parts, ", ")
}

// wrapText is textwrap.wrap with whitespace collapsed.
func wrapText(text string, width int) []string {
	words := strings.Fields(text)
	var lines []string
	cur := ""
	for _, w := range words {
		switch {
		case cur == "":
			cur = w
		case len(cur)+1+len(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func (p *argParser) expandHelp(a *argAction) string {
	help := a.help
	if p.formatter == "ArgumentDefaultsHelpFormatter" && !strings.Contains(help, "%(default)") && a.action != "help" && a.action != "version" {
		n, isStr := a.nargs.(starlark.String)
		if len(a.opts) > 0 || (isStr && (n == "?" || n == "*")) {
			help += " (default: %(default)s)"
		}
	}
	if !strings.Contains(help, "%") {
		return help
	}
	d := starlark.NewDict(8)
	d.SetKey(starlark.String("prog"), starlark.String(p.prog))
	d.SetKey(starlark.String("default"), a.deflt)
	d.SetKey(starlark.String("dest"), starlark.String(a.dest))
	if a.metavar != "" {
		d.SetKey(starlark.String("metavar"), starlark.String(a.metavar))
	} else {
		d.SetKey(starlark.String("metavar"), starlark.None)
	}
	if a.typ != nil {
		if b, ok := a.typ.(starlark.Callable); ok {
			d.SetKey(starlark.String("type"), starlark.String(b.Name()))
		}
	}
	if len(a.choices) > 0 {
		var c []string
		for _, x := range a.choices {
			c = append(c, strOf(x))
		}
		d.SetKey(starlark.String("choices"), starlark.String(strings.Join(c, ", ")))
	}
	d.SetKey(starlark.String("required"), starlark.Bool(a.required))
	s, err := p.itp.percent(help, d)
	if err != nil {
		return help
	}
	return s
}

func (p *argParser) formatHelp() string {
	width := p.width()
	var b strings.Builder
	b.WriteString(p.formatUsage())
	b.WriteString("\n\n")
	raw := p.formatter == "RawDescriptionHelpFormatter" || p.formatter == "RawTextHelpFormatter"
	fill := func(text string) string {
		if raw {
			return strings.TrimRight(text, "\n")
		}
		return strings.Join(wrapText(text, width), "\n")
	}
	if p.description != "" {
		b.WriteString(fill(p.description))
		b.WriteString("\n\n")
	}
	maxLen := 0
	for _, a := range p.actions {
		if !a.suppress {
			maxLen = max(maxLen, len(p.invocation(a))+2)
		}
	}
	helpPos := min(maxLen+2, 24)
	if p.opt {
		helpPos = min(maxLen+2, 24)
	}
	helpWidth := max(width-helpPos, 11)
	actionWidth := helpPos - 2 - 2
	for gi, g := range p.groups {
		var visible []*argAction
		for _, a := range g.actions {
			if !a.suppress {
				visible = append(visible, a)
			}
		}
		if len(visible) == 0 && (gi < 2 || g.description == "") {
			continue
		}
		title := g.title
		if p.opt && gi == 1 {
			title = "Options"
		}
		b.WriteString(title + ":\n")
		if g.description != "" {
			b.WriteString("  " + strings.Join(wrapText(g.description, width-2), "\n  ") + "\n\n")
		}
		for _, a := range visible {
			inv := p.invocation(a)
			help := ""
			if a.hasHelp {
				help = strings.TrimSpace(p.expandHelp(a))
			}
			var lines []string
			if help != "" && p.formatter == "RawTextHelpFormatter" {
				lines = strings.Split(help, "\n")
			} else if help != "" {
				lines = wrapText(help, helpWidth)
			}
			switch {
			case help == "":
				b.WriteString("  " + inv + "\n")
				continue
			case len(inv) <= actionWidth:
				fmt.Fprintf(&b, "  %-*s  %s\n", actionWidth, inv, lines[0])
			default:
				fmt.Fprintf(&b, "  %s\n%s%s\n", inv, strings.Repeat(" ", helpPos), lines[0])
			}
			for _, l := range lines[1:] {
				b.WriteString(strings.Repeat(" ", helpPos) + l + "\n")
			}
		}
		b.WriteString("\n")
	}
	if p.epilog != "" {
		b.WriteString(fill(p.epilog))
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// fail prints the usage and message to stderr and exits with status 2.
func (p *argParser) fail(msg string) error {
	if p.opt {
		fmt.Fprintf(p.itp.stderr, "%s\n\n%s: error: %s\n", p.formatUsage(), p.prog, msg)
	} else {
		fmt.Fprintf(p.itp.stderr, "%s\n%s: error: %s\n", p.formatUsage(), p.prog, msg)
	}
	return p.itp.systemExit(starlark.MakeInt(2))
}

func (p *argParser) convert(a *argAction, s string) (starlark.Value, error) {
	var v starlark.Value = starlark.String(s)
	if a.typ != nil {
		r, err := p.itp.call(a.typ, starlark.Tuple{v}, nil)
		if err != nil {
			tn := "value"
			if c, ok := a.typ.(starlark.Callable); ok {
				tn = c.Name()
			}
			if p.opt {
				return nil, p.fail(fmt.Sprintf("option %s: invalid %s value: %s", a.opts[0], map[string]string{"int": "integer", "float": "floating-point"}[tn], pyfmt.Quote(s)))
			}
			if x, ok := err.(*pyExc); ok && x.inst.Class.name != "ValueError" && x.inst.Class.name != "TypeError" {
				return nil, err
			}
			return nil, p.fail(fmt.Sprintf("argument %s: invalid %s value: %s", a.name(), tn, pyfmt.Quote(s)))
		}
		v = r
	}
	if len(a.choices) > 0 {
		ok := false
		for _, c := range a.choices {
			if eq, _ := p.itp.compare(eqOp, v, c); eq {
				ok = true
			}
		}
		if !ok {
			var c []string
			for _, x := range a.choices {
				c = append(c, reprOf(x))
			}
			return nil, p.fail(fmt.Sprintf("argument %s: invalid choice: %s (choose from %s)", a.name(), reprOf(v), strings.Join(c, ", ")))
		}
	}
	return v, nil
}

// parse parses argv (without the program name).
func (p *argParser) parse(argv []string) (*namespace, []string, error) {
	if !p.opt {
		return p.parseArgparse(argv)
	}
	ns := &namespace{vals: map[string]starlark.Value{}, name: "Namespace"}
	if p.opt {
		ns.name = "Values"
	}
	for _, a := range p.actions {
		if a.action == "help" || a.action == "version" {
			continue
		}
		if _, seen := ns.vals[a.dest]; !seen {
			ns.SetField(a.dest, a.deflt)
		}
	}
	for _, d := range p.defaults {
		ns.SetField(string(d[0].(starlark.String)), d[1])
	}
	seen := map[*argAction]bool{}
	isOpt := func(s string) bool {
		if len(s) < 2 || s[0] != '-' {
			return false
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return false
		}
		return true
	}
	find := func(s string) (*argAction, string, bool, error) {
		name, val, hasVal := strings.Cut(s, "=")
		if !strings.HasPrefix(s, "--") {
			name, hasVal = s, false
		}
		var matches []*argAction
		var names []string
		for _, a := range p.actions {
			for _, o := range a.opts {
				if o == name {
					return a, val, hasVal, nil
				}
			}
		}
		if !strings.HasPrefix(s, "--") && len(s) > 2 {
			// -ovalue or -vq
			for _, a := range p.actions {
				for _, o := range a.opts {
					if o == s[:2] {
						return a, s[2:], true, nil
					}
				}
			}
			return nil, "", false, nil
		}
		if strings.HasPrefix(name, "--") {
			for _, a := range p.actions {
				for _, o := range a.opts {
					if strings.HasPrefix(o, name) {
						matches = append(matches, a)
						names = append(names, o)
					}
				}
			}
		}
		if len(matches) == 1 {
			return matches[0], val, hasVal, nil
		}
		if len(matches) > 1 {
			if p.opt {
				return nil, "", false, p.fail(fmt.Sprintf("ambiguous option: %s (%s?)", name, strings.Join(names, ", ")))
			}
			return nil, "", false, p.fail(fmt.Sprintf("ambiguous option: %s could match %s", name, strings.Join(names, ", ")))
		}
		return nil, "", false, nil
	}
	var positionals, unknown []string
	for i := 0; i < len(argv); i++ {
		s := argv[i]
		if s == "--" {
			positionals = append(positionals, argv[i+1:]...)
			break
		}
		if !isOpt(s) {
			positionals = append(positionals, s)
			continue
		}
		a, val, hasVal, err := find(s)
		if err != nil {
			return nil, nil, err
		}
		if a == nil {
			if p.opt {
				return nil, nil, p.fail("no such option: " + strings.SplitN(s, "=", 2)[0])
			}
			unknown = append(unknown, s)
			continue
		}
		seen[a] = true
		if !a.takesArgs() {
			if hasVal {
				if strings.HasPrefix(s, "--") || p.opt {
					return nil, nil, p.fail(fmt.Sprintf("argument %s: ignored explicit argument %s", a.name(), pyfmt.Quote(val)))
				}
				// combined short flags: -vq
				argv = append(argv[:i+1], append([]string{"-" + val}, argv[i+1:]...)...)
			}
			switch a.action {
			case "help":
				fmt.Fprint(p.itp.stdout, p.formatHelp())
				return nil, nil, p.itp.systemExit(starlark.MakeInt(0))
			case "version":
				fmt.Fprintln(p.itp.stdout, strings.ReplaceAll(a.version, "%(prog)s", p.prog))
				return nil, nil, p.itp.systemExit(starlark.MakeInt(0))
			case "count":
				cur := ns.vals[a.dest]
				if cur == starlark.None {
					cur = starlark.MakeInt(0)
				}
				v, _ := starlark.Binary(plusTok, cur, starlark.MakeInt(1))
				ns.SetField(a.dest, v)
			case "append_const":
				p.appendTo(ns, a, a.constant)
			default:
				c := a.constant
				if c == nil {
					c = starlark.None
				}
				ns.SetField(a.dest, c)
			}
			continue
		}
		// collect values
		var vals []string
		if hasVal {
			vals = []string{val}
		} else {
			j := i + 1
			for j < len(argv) && !isOpt(argv[j]) && argv[j] != "--" {
				j++
			}
			avail := argv[i+1 : j]
			switch n := a.nargs.(type) {
			case nil:
				if len(avail) < 1 {
					if p.opt {
						return nil, nil, p.fail(fmt.Sprintf("%s option requires 1 argument", s))
					}
					return nil, nil, p.fail(fmt.Sprintf("argument %s: expected one argument", a.name()))
				}
				vals = avail[:1]
			case starlark.String:
				switch n {
				case "?":
					vals = avail[:min(1, len(avail))]
				case "*":
					vals = avail
				case "+":
					if len(avail) < 1 {
						return nil, nil, p.fail(fmt.Sprintf("argument %s: expected at least one argument", a.name()))
					}
					vals = avail
				}
			case starlark.Int:
				k, _ := n.Int64()
				if int64(len(avail)) < k {
					return nil, nil, p.fail(fmt.Sprintf("argument %s: expected %d arguments", a.name(), k))
				}
				vals = avail[:k]
			}
			i += len(vals)
		}
		v, err := p.values(a, vals)
		if err != nil {
			return nil, nil, err
		}
		if a.action == "append" {
			p.appendTo(ns, a, v)
		} else {
			ns.SetField(a.dest, v)
		}
	}
	// positionals
	var pos []*argAction
	for _, a := range p.actions {
		if len(a.opts) == 0 {
			pos = append(pos, a)
		}
	}
	minOf := func(a *argAction) int {
		switch n := a.nargs.(type) {
		case nil:
			return 1
		case starlark.String:
			if n == "+" {
				return 1
			}
			return 0
		case starlark.Int:
			k, _ := n.Int64()
			return int(k)
		}
		return 1
	}
	rest := positionals
	var missing []string
	for i, a := range pos {
		need := 0
		for _, b := range pos[i+1:] {
			need += minOf(b)
		}
		var take []string
		switch n := a.nargs.(type) {
		case nil:
			if len(rest) >= 1 {
				take = rest[:1]
			}
		case starlark.Int:
			k, _ := n.Int64()
			if int64(len(rest)) >= k {
				take = rest[:k]
			}
		case starlark.String:
			avail := max(len(rest)-need, 0)
			switch n {
			case "?":
				take = rest[:min(1, avail)]
			case "*", "+":
				take = rest[:avail]
			}
		}
		if len(take) < minOf(a) {
			missing = append(missing, a.name())
			continue
		}
		rest = rest[len(take):]
		seen[a] = true
		if s, ok := a.nargs.(starlark.String); ok && len(take) == 0 && s == "?" {
			d := a.deflt
			if str, isStr := d.(starlark.String); isStr {
				v, err := p.convert(a, string(str))
				if err != nil {
					return nil, nil, err
				}
				d = v
			}
			ns.SetField(a.dest, d)
			continue
		}
		if s, ok := a.nargs.(starlark.String); ok && len(take) == 0 && s == "*" {
			if a.deflt != starlark.None {
				ns.SetField(a.dest, a.deflt)
			} else {
				ns.SetField(a.dest, starlark.NewList(nil))
			}
			continue
		}
		v, err := p.values(a, take)
		if err != nil {
			return nil, nil, err
		}
		ns.SetField(a.dest, v)
	}
	for _, a := range p.actions {
		if len(a.opts) > 0 && a.required && !seen[a] {
			missing = append(missing, a.name())
		}
	}
	if len(missing) > 0 && !p.opt {
		return nil, nil, p.fail("the following arguments are required: " + strings.Join(missing, ", "))
	}
	if p.opt {
		return ns, append(rest, unknown...), nil
	}
	rest = append(unknown, rest...)
	if len(rest) > 0 {
		return nil, nil, p.fail("unrecognized arguments: " + strings.Join(rest, " "))
	}
	// string defaults of unseen options go through type
	for _, a := range p.actions {
		if !seen[a] && a.typ != nil {
			if s, ok := a.deflt.(starlark.String); ok && ns.vals[a.dest] == a.deflt {
				v, err := p.convert(a, string(s))
				if err != nil {
					return nil, nil, err
				}
				ns.SetField(a.dest, v)
			}
		}
	}
	return ns, nil, nil
}

func (p *argParser) appendTo(ns *namespace, a *argAction, v starlark.Value) {
	cur, ok := ns.vals[a.dest].(*starlark.List)
	if !ok {
		cur = starlark.NewList(nil)
		if d, isList := a.deflt.(*starlark.List); isList {
			items, _ := p.itp.iterate(d)
			cur = starlark.NewList(append([]starlark.Value(nil), items...))
		}
	} else if cur == a.deflt {
		items, _ := p.itp.iterate(cur)
		cur = starlark.NewList(append([]starlark.Value(nil), items...))
	}
	cur.Append(v)
	ns.SetField(a.dest, cur)
}

// values converts the strings given for a.
func (p *argParser) values(a *argAction, vals []string) (starlark.Value, error) {
	conv := make([]starlark.Value, len(vals))
	for i, s := range vals {
		v, err := p.convert(a, s)
		if err != nil {
			return nil, err
		}
		conv[i] = v
	}
	switch n := a.nargs.(type) {
	case nil:
		return conv[0], nil
	case starlark.String:
		if n == "?" {
			if len(conv) == 0 {
				if a.constant != nil {
					return a.constant, nil
				}
				return starlark.None, nil
			}
			return conv[0], nil
		}
	}
	return starlark.NewList(conv), nil
}

func (itp *interp) optparseModule() *Module {
	m := newModule("optparse")
	m.members["OptionParser"] = itp.builtin("OptionParser", func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		p := &argParser{itp: itp, opt: true, addHelp: true}
		p.prog = progName(itp.argv)
		if len(args) > 0 {
			kwargs = append(kwargs, starlark.Tuple{starlark.String("usage"), args[0]})
		}
		version := ""
		for _, kv := range kwargs {
			v := kv[1]
			switch string(kv[0].(starlark.String)) {
			case "usage":
				if v != starlark.None {
					p.usage = strings.TrimPrefix(itp.str(v), "usage: ")
				}
			case "description":
				p.description = itp.str(v)
			case "prog":
				p.prog = itp.str(v)
			case "version":
				version = itp.str(v)
			case "epilog":
				p.epilog = itp.str(v)
			}
		}
		p.groups = []*argGroup{{title: "positional arguments"}, {title: "Options"}}
		if version != "" {
			p.addArgument(starlark.Tuple{starlark.String("--version")},
				[]starlark.Tuple{{starlark.String("action"), starlark.String("version")}, {starlark.String("version"), starlark.String(strings.ReplaceAll(version, "%prog", p.prog))}}, nil)
		}
		p.addArgument(starlark.Tuple{starlark.String("-h"), starlark.String("--help")},
			[]starlark.Tuple{{starlark.String("action"), starlark.String("help")}, {starlark.String("help"), starlark.String("show this help message and exit")}}, nil)
		if p.usage != "" {
			p.usage = strings.ReplaceAll(p.usage, "%prog", p.prog)
		}
		return p, nil
	})
	return m
}

// parseArgparse follows argparse's algorithm: option strings and runs of
// positional strings alternate; each run of positionals is matched against
// as many positional arguments as their nargs patterns allow, an option
// takes the longest run of values its nargs allows, and what is left over
// is an error.
func (p *argParser) parseArgparse(argv []string) (*namespace, []string, error) {
	itp := p.itp
	ns := &namespace{vals: map[string]starlark.Value{}, name: "Namespace"}
	for _, a := range p.actions {
		if a.action == "help" || a.action == "version" {
			continue
		}
		if _, ok := ns.vals[a.dest]; !ok {
			ns.SetField(a.dest, a.deflt)
		}
	}
	for _, d := range p.defaults {
		ns.SetField(string(d[0].(starlark.String)), d[1])
	}
	// classify: O option, A argument, - the "--" marker
	type optAt struct {
		a      *argAction
		val    string
		hasVal bool
		str    string
	}
	opts := map[int]*optAt{}
	var pattern []byte
	afterDD := false
	for i, s := range argv {
		switch {
		case afterDD:
			pattern = append(pattern, 'A')
		case s == "--":
			pattern = append(pattern, '-')
			afterDD = true
		case p.looksLikeOption(s):
			a, val, hasVal, err := p.findOption(s)
			if err != nil {
				return nil, nil, err
			}
			opts[i] = &optAt{a, val, hasVal, s}
			pattern = append(pattern, 'O')
		default:
			pattern = append(pattern, 'A')
		}
	}
	seen := map[*argAction]bool{}
	var extras []string
	var positionals []*argAction
	for _, a := range p.actions {
		if len(a.opts) == 0 {
			positionals = append(positionals, a)
		}
	}
	take := func(a *argAction, strs []string) error {
		// drop the first "--"
		for i, s := range strs {
			if s == "--" {
				strs = append(append([]string(nil), strs[:i]...), strs[i+1:]...)
				break
			}
		}
		if err := p.checkMutex(a, seen); err != nil {
			return err
		}
		seen[a] = true
		var v starlark.Value
		var err error
		n, isStr := a.nargs.(starlark.String)
		switch {
		case len(strs) == 0 && len(a.opts) == 0 && isStr && n == "*":
			v = a.deflt
			if v == starlark.None {
				v = starlark.NewList(nil)
			}
		case len(strs) == 0 && len(a.opts) == 0 && isStr && n == "?":
			v = a.deflt
			if s, ok := v.(starlark.String); ok {
				if v, err = p.convert(a, string(s)); err != nil {
					return err
				}
			}
		default:
			if v, err = p.values(a, strs); err != nil {
				return err
			}
		}
		if a.action == "append" {
			p.appendTo(ns, a, v)
		} else {
			ns.SetField(a.dest, v)
		}
		return nil
	}
	consumePositionals := func(start int) (int, error) {
		rest := string(pattern[start:])
		for k := len(positionals); k > 0; k-- {
			var re strings.Builder
			re.WriteString("^")
			for _, a := range positionals[:k] {
				re.WriteString(nargsPattern(a, false))
			}
			m := compilePattern(re.String()).FindStringSubmatch(rest)
			if m == nil {
				continue
			}
			pos := start
			for j, a := range positionals[:k] {
				n := len(m[j+1])
				if err := take(a, argv[pos:pos+n]); err != nil {
					return 0, err
				}
				pos += n
			}
			positionals = positionals[k:]
			return pos, nil
		}
		return start, nil
	}
	consumeOptional := func(i int) (int, error) {
		o := opts[i]
		if o.a == nil {
			extras = append(extras, o.str)
			return i + 1, nil
		}
		a := o.a
		if !a.takesArgs() {
			if o.hasVal {
				if strings.HasPrefix(o.str, "--") {
					return 0, p.fail(fmt.Sprintf("argument %s: ignored explicit argument %s", a.name(), pyfmt.Quote(o.val)))
				}
				// -vq: the rest are more single-dash flags
				if err := p.flag(ns, a, seen); err != nil {
					return 0, err
				}
				next, _, _, err := p.findOption("-" + o.val)
				if err != nil {
					return 0, err
				}
				if next == nil {
					return 0, p.fail(fmt.Sprintf("argument %s: ignored explicit argument %s", a.name(), pyfmt.Quote(o.val)))
				}
				opts[i] = &optAt{next, o.val[1:], len(o.val) > 1, "-" + o.val}
				if !next.takesArgs() || len(o.val) > 1 {
					return i, nil
				}
				opts[i].hasVal = false
				o = opts[i]
				a = next
			} else {
				return i + 1, p.flag(ns, a, seen)
			}
		}
		if o.hasVal {
			return i + 1, take(a, []string{o.val})
		}
		rest := string(pattern[i+1:])
		m := compilePattern("^" + nargsPattern(a, true)).FindStringSubmatch(rest)
		if m == nil {
			msg := "expected one argument"
			switch n := a.nargs.(type) {
			case starlark.String:
				if n == "+" {
					msg = "expected at least one argument"
				} else if n == "?" {
					msg = "expected at most one argument"
				}
			case starlark.Int:
				msg = fmt.Sprintf("expected %s arguments", n)
				if k, _ := n.Int64(); k == 1 {
					msg = "expected 1 argument"
				}
			}
			return 0, p.fail(fmt.Sprintf("argument %s: %s", a.name(), msg))
		}
		n := len(m[1])
		return i + 1 + n, take(a, argv[i+1:i+1+n])
	}
	maxOpt := -1
	for i := range opts {
		maxOpt = max(maxOpt, i)
	}
	start := 0
	for start <= maxOpt {
		next := len(argv)
		for i := range opts {
			if i >= start && i < next {
				next = i
			}
		}
		if start != next {
			end, err := consumePositionals(start)
			if err != nil {
				return nil, nil, err
			}
			if end > start {
				start = end
				continue
			}
			start = end
		}
		if _, ok := opts[start]; !ok {
			extras = append(extras, argv[start:next]...)
			start = next
		}
		var err error
		if start, err = consumeOptional(start); err != nil {
			return nil, nil, err
		}
	}
	stop, err := consumePositionals(start)
	if err != nil {
		return nil, nil, err
	}
	extras = append(extras, argv[stop:]...)
	var missing []string
	for _, a := range p.actions {
		if seen[a] {
			continue
		}
		if a.required {
			missing = append(missing, a.name())
			continue
		}
		if s, ok := a.deflt.(starlark.String); ok && a.typ != nil && ns.vals[a.dest] == a.deflt {
			v, err := p.convert(a, string(s))
			if err != nil {
				return nil, nil, err
			}
			ns.SetField(a.dest, v)
		}
	}
	if len(missing) > 0 {
		return nil, nil, p.fail("the following arguments are required: " + strings.Join(missing, ", "))
	}
	checked := map[*mutexGroup]bool{}
	for _, a := range p.actions {
		if g := a.mutex; g != nil && g.required && !checked[g] {
			checked[g] = true
			any := false
			var names []string
			for _, b := range g.actions {
				any = any || seen[b]
				names = append(names, b.name())
			}
			if !any {
				return nil, nil, p.fail("one of the arguments " + strings.Join(names, " ") + " is required")
			}
		}
	}
	if len(extras) > 0 {
		return nil, nil, p.fail("unrecognized arguments: " + strings.Join(extras, " "))
	}
	_ = itp
	return ns, nil, nil
}

// checkMutex refuses a second action of a mutually exclusive group.
func (p *argParser) checkMutex(a *argAction, seen map[*argAction]bool) error {
	if a.mutex == nil {
		return nil
	}
	for _, b := range a.mutex.actions {
		if b != a && seen[b] {
			return p.fail(fmt.Sprintf("argument %s: not allowed with argument %s", a.name(), b.name()))
		}
	}
	return nil
}

// flag runs an action that takes no values.
func (p *argParser) flag(ns *namespace, a *argAction, seen map[*argAction]bool) error {
	if err := p.checkMutex(a, seen); err != nil {
		return err
	}
	seen[a] = true
	switch a.action {
	case "help":
		fmt.Fprint(p.itp.stdout, p.formatHelp())
		return p.itp.systemExit(starlark.MakeInt(0))
	case "version":
		fmt.Fprintln(p.itp.stdout, strings.ReplaceAll(a.version, "%(prog)s", p.prog))
		return p.itp.systemExit(starlark.MakeInt(0))
	case "count":
		cur := ns.vals[a.dest]
		if cur == starlark.None {
			cur = starlark.MakeInt(0)
		}
		v, _ := starlark.Binary(plusTok, cur, starlark.MakeInt(1))
		ns.SetField(a.dest, v)
	case "append_const":
		p.appendTo(ns, a, a.constant)
	default:
		c := a.constant
		if c == nil {
			c = starlark.None
		}
		ns.SetField(a.dest, c)
	}
	return nil
}

// looksLikeOption is argparse's test for an option string: it starts with
// "-", is not a negative number (when no option looks like one) and has no
// space.
func (p *argParser) looksLikeOption(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	if strings.Contains(s, " ") && !strings.HasPrefix(s, "--") {
		return false
	}
	return true
}

// findOption finds the action of an option string: exact, --name=value,
// a unique prefix of a long option, or -xVALUE; nil if none.
func (p *argParser) findOption(s string) (*argAction, string, bool, error) {
	for _, a := range p.actions {
		for _, o := range a.opts {
			if o == s {
				return a, "", false, nil
			}
		}
	}
	if name, val, ok := strings.Cut(s, "="); ok {
		for _, a := range p.actions {
			for _, o := range a.opts {
				if o == name {
					return a, val, true, nil
				}
			}
		}
	}
	if strings.HasPrefix(s, "--") {
		name, val, hasVal := strings.Cut(s, "=")
		var matches []*argAction
		var names []string
		for _, a := range p.actions {
			for _, o := range a.opts {
				if strings.HasPrefix(o, name) {
					matches = append(matches, a)
					names = append(names, o)
				}
			}
		}
		switch len(matches) {
		case 0:
			return nil, "", false, nil
		case 1:
			return matches[0], val, hasVal, nil
		}
		return nil, "", false, p.fail(fmt.Sprintf("ambiguous option: %s could match %s", name, strings.Join(names, ", ")))
	}
	if len(s) > 2 {
		for _, a := range p.actions {
			for _, o := range a.opts {
				if o == s[:2] {
					return a, s[2:], true, nil
				}
			}
		}
	}
	return nil, "", false, nil
}

// nargsPattern is argparse's regular expression for an action's values
// over the pattern string (A argument, O option, - the "--" marker).
func nargsPattern(a *argAction, optional bool) string {
	var pat string
	switch n := a.nargs.(type) {
	case nil:
		pat = "(-*A-*)"
	case starlark.String:
		switch n {
		case "?":
			pat = "(-*A?-*)"
		case "*":
			pat = "(-*[A-]*)"
		case "+":
			pat = "(-*A[A-]*)"
		}
	case starlark.Int:
		k, _ := n.Int64()
		pat = "(-*" + strings.Repeat("A-*", int(k)) + ")"
		if k == 0 {
			pat = "()"
		}
	}
	if optional {
		pat = strings.ReplaceAll(strings.ReplaceAll(pat, "-*", ""), "-", "")
	}
	return pat
}

// compilePattern compiles one of nargsPattern's expressions.
func compilePattern(pat string) *regexp.Regexp { return regexp.MustCompile(pat) }
