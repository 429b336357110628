package expr

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"

	"go.starlark.net/syntax"
)

// node is the compiled expression tree, before code generation.
type node struct {
	op    op
	args  []*node
	val   float64 // opConst
	isInt bool    // opConst: a Python int (so never -0)
	name  string  // opScalar, opArray: the declared name
	f1    func(float64) float64
	f2    func(float64, float64) float64
}

// converter turns the Starlark syntax tree into a node tree, resolving
// names and applying Python's operator precedence.
type converter struct {
	src   string
	pre   prepared
	names map[string]Kind
	cond  bool
	used  map[string]bool
}

func (c *converter) errorf(sentinel error, n syntax.Node, hint string, format string, args ...any) *Error {
	off := -1
	if n != nil {
		start, _ := n.Span()
		off = c.pre.offset(start)
	}
	return &Error{Err: sentinel, Src: c.src, Offset: off, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// text returns the original source of a syntax node.
func (c *converter) text(n syntax.Node) string {
	start, end := n.Span()
	s, e := c.pre.offset(start), c.pre.offset(end)
	if s < 0 || e < s || e > len(c.src) {
		return "?"
	}
	// These nodes' spans end at their closing bracket, not after it.
	switch n.(type) {
	case *syntax.IndexExpr, *syntax.SliceExpr, *syntax.TupleExpr:
		if e < len(c.src) && (c.src[e] == ']' || c.src[e] == ')') {
			e++
		}
	}
	return strings.TrimSpace(c.src[s:e])
}

// parse parses the whole source, returning the target name (or "") and
// the expression.
func (c *converter) parse() (string, syntax.Expr, error) {
	f, err := (&syntax.FileOptions{}).Parse("expr", c.pre.text, 0)
	if err != nil {
		var se syntax.Error
		if errors.As(err, &se) {
			return "", nil, &Error{Err: ErrSyntax, Src: c.src, Offset: c.pre.offset(se.Pos),
				Msg: "syntax error", Hint: c.unalias(se.Msg)}
		}
		return "", nil, &Error{Err: ErrSyntax, Src: c.src, Offset: -1, Msg: "syntax error", Hint: err.Error()}
	}
	if len(f.Stmts) == 0 {
		return "", nil, &Error{Err: ErrSyntax, Src: c.src, Offset: -1, Msg: "empty expression"}
	}
	if len(f.Stmts) > 1 {
		return "", nil, c.errorf(ErrSyntax, f.Stmts[1], "", "more than one statement (%q)", c.text(f.Stmts[1]))
	}
	switch s := f.Stmts[0].(type) {
	case *syntax.ExprStmt:
		return "", s.X, nil
	case *syntax.AssignStmt:
		if c.cond {
			// Cannot happen: the condition prepass turns "=" into "==".
			return "", nil, c.errorf(ErrSyntax, s, "", "assignment in a condition")
		}
		if s.Op != syntax.EQ {
			return "", nil, c.errorf(ErrUnsupported, s, "", "augmented assignment %q", s.Op.String())
		}
		id, ok := s.LHS.(*syntax.Ident)
		if !ok {
			return "", nil, c.errorf(ErrSyntax, s.LHS, "",
				"the left of \"=\" must be a single name, not %q", c.text(s.LHS))
		}
		return c.unalias(id.Name), s.RHS, nil
	default:
		return "", nil, c.errorf(ErrUnsupported, s, "", "statement %q is not an expression", c.text(s))
	}
}

// unalias replaces placeholder identifiers in s by the names they stand for.
func (c *converter) unalias(s string) string {
	for ph, name := range c.pre.alias {
		s = strings.ReplaceAll(s, ph, name)
	}
	return s
}

// convert converts one expression.
func (c *converter) convert(e syntax.Expr) (*node, error) {
	switch e := e.(type) {
	case *syntax.Ident:
		return c.ident(e)
	case *syntax.Literal:
		return c.literal(e)
	case *syntax.ParenExpr:
		if _, ok := e.X.(*syntax.TupleExpr); ok {
			return nil, c.errorf(ErrUnsupported, e, "", "tuple %q is not supported", c.text(e))
		}
		return c.convert(e.X)
	case *syntax.UnaryExpr:
		switch e.Op {
		case syntax.MINUS, syntax.PLUS:
			return c.arith(e)
		case syntax.NOT:
			if c.cond {
				return nil, c.errorf(ErrUnsupported, e, "", "\"not\" is not supported in a condition (%q)", c.text(e))
			}
			x, err := c.convert(e.X)
			if err != nil {
				return nil, err
			}
			return &node{op: opNot, args: []*node{x}}, nil
		}
		return nil, c.errorf(ErrUnsupported, e, "", "operator %q is not supported (%q)", e.Op.String(), c.text(e))
	case *syntax.BinaryExpr:
		return c.binary(e)
	case *syntax.CondExpr:
		if c.cond {
			return nil, c.errorf(ErrUnsupported, e, "", "conditional expression %q is not supported in a condition", c.text(e))
		}
		args := make([]*node, 3)
		for i, x := range []syntax.Expr{e.Cond, e.True, e.False} {
			n, err := c.convert(x)
			if err != nil {
				return nil, err
			}
			args[i] = n
		}
		return &node{op: opCond, args: args}, nil
	case *syntax.CallExpr:
		return c.call(e)
	case *syntax.DotExpr:
		if x, ok := e.X.(*syntax.Ident); ok && x.Name == "math" {
			if v, ok := constants[e.Name.Name]; ok {
				return &node{op: opConst, val: v}, nil
			}
			if _, ok := functions[e.Name.Name]; ok {
				return nil, c.errorf(ErrUnsupported, e, "", "function %q must be called", c.text(e))
			}
			return nil, c.errorf(ErrUndefined, e, "constants: math.e, math.inf, math.nan, math.pi, math.tau",
				"%q is not a supported math constant", c.text(e))
		}
		return nil, c.errorf(ErrUnsupported, e, "", "attribute %q is not supported", c.text(e))
	}
	kind := "construct"
	switch e.(type) {
	case *syntax.ListExpr:
		kind = "list"
	case *syntax.DictExpr:
		kind = "dict"
	case *syntax.TupleExpr:
		kind = "tuple"
	case *syntax.IndexExpr:
		kind = "indexing"
	case *syntax.SliceExpr:
		kind = "slicing"
	case *syntax.LambdaExpr:
		kind = "lambda"
	case *syntax.Comprehension:
		kind = "comprehension"
	}
	return nil, c.errorf(ErrUnsupported, e, "", "%s %q is not supported", kind, c.text(e))
}

func (c *converter) ident(e *syntax.Ident) (*node, error) {
	name := e.Name
	if n, ok := c.pre.alias[name]; ok {
		name = n
	}
	if k, ok := c.names[name]; ok {
		c.used[name] = true
		if k == Array {
			return &node{op: opArray, name: name}, nil
		}
		return &node{op: opScalar, name: name}, nil
	}
	if v, ok := constants[name]; ok {
		return &node{op: opConst, val: v}, nil
	}
	if v, ok := pyConstants[name]; ok {
		return &node{op: opConst, val: v, isInt: true}, nil
	}
	if _, ok := functions[name]; ok {
		return nil, c.errorf(ErrUnsupported, e, "", "function %q must be called", name)
	}
	defined := sortedNames(c.names)
	hint := "no names are defined"
	if len(defined) > 0 {
		hint = "defined names: " + strings.Join(defined, ", ")
	}
	if s := suggest(name, defined); s != "" {
		hint += fmt.Sprintf("; did you mean %q?", s)
	}
	return nil, c.errorf(ErrUndefined, e, hint, "name %q is not defined", name)
}

func (c *converter) literal(e *syntax.Literal) (*node, error) {
	switch v := e.Value.(type) {
	case int64:
		return &node{op: opConst, val: float64(v), isInt: true}, nil
	case *big.Int:
		f, _ := new(big.Float).SetInt(v).Float64()
		return &node{op: opConst, val: f, isInt: true}, nil
	case float64:
		return &node{op: opConst, val: v}, nil
	}
	return nil, c.errorf(ErrUnsupported, e, "", "string literal %s is not supported", c.text(e))
}

func isArith(t syntax.Token) bool {
	switch t {
	case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH, syntax.SLASHSLASH,
		syntax.PERCENT, syntax.CIRCUMFLEX:
		return true
	}
	return false
}

func (c *converter) binary(e *syntax.BinaryExpr) (*node, error) {
	if isArith(e.Op) {
		return c.arith(e)
	}
	var o op
	switch e.Op {
	case syntax.LT:
		o = opLT
	case syntax.LE:
		o = opLE
	case syntax.GT:
		o = opGT
	case syntax.GE:
		o = opGE
	case syntax.EQL:
		o = opEQ
	case syntax.NEQ:
		o = opNE
	case syntax.AND:
		o = opAnd
	case syntax.OR:
		o = opOr
	case syntax.EQ:
		// Only inside a call's argument list: name=value.
		return nil, c.errorf(ErrArgs, e, "", "keyword argument %q is not supported", c.text(e))
	default:
		return nil, c.errorf(ErrUnsupported, e, "", "operator %q is not supported (%q)", e.Op.String(), c.text(e))
	}
	if c.cond && o == opNE {
		return nil, c.errorf(ErrUnsupported, e, "", "operator \"!=\" is not supported in a condition (%q)", c.text(e))
	}
	x, err := c.convert(e.X)
	if err != nil {
		return nil, err
	}
	y, err := c.convert(e.Y)
	if err != nil {
		return nil, err
	}
	if c.cond {
		return distance(o, x, y), nil
	}
	return &node{op: o, args: []*node{x, y}}, nil
}

// distance builds exomerge's create_side_set_from_expression transform of
// a comparison or logical operator: an expression that is zero when true.
func distance(o op, x, y *node) *node {
	sub := func(a, b *node) *node { return &node{op: opSub, args: []*node{a, b}} }
	abs := func(a *node) *node { return &node{op: opAbs, args: []*node{a}} }
	switch o {
	case opEQ:
		return abs(sub(x, y))
	case opGE, opGT:
		// ((L) - (R)) - abs((L) - (R)), computing L - R once: repeating
		// the operands would double the tree at every nested comparison.
		return &node{op: opHinge, args: []*node{sub(x, y)}}
	case opLE, opLT:
		// ((R) - (L)) - abs((R) - (L))
		return &node{op: opHinge, args: []*node{sub(y, x)}}
	case opAnd:
		return &node{op: opMax, args: []*node{abs(x), abs(y)}}
	case opOr:
		return &node{op: opMin, args: []*node{abs(x), abs(y)}}
	}
	panic("expr: internal error: distance of " + opNames[o])
}

// item is one token of a flattened arithmetic expression.
type item struct {
	tok   syntax.Token // arithmetic operator, or 0 for an operand
	unary bool
	x     syntax.Expr // operand
}

// arith converts a maximal tree of arithmetic operators. Starlark has no
// "**" and gives unary minus a higher precedence than any binary operator,
// so its tree for "-a ^ b" is wrong for Python. The tree is flattened back
// into its token sequence (parentheses survive as ParenExpr operands) and
// re-parsed with Python's grammar:
//
//	arith  = term {("+"|"-") term}
//	term   = factor {("*"|"/"|"//"|"%") factor}
//	factor = ("+"|"-") factor | power
//	power  = operand ["**" factor]
func (c *converter) arith(e syntax.Expr) (*node, error) {
	var items []item
	var flatten func(e syntax.Expr)
	flatten = func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.BinaryExpr:
			if isArith(e.Op) {
				flatten(e.X)
				items = append(items, item{tok: e.Op})
				flatten(e.Y)
				return
			}
		case *syntax.UnaryExpr:
			if e.Op == syntax.MINUS || e.Op == syntax.PLUS {
				items = append(items, item{tok: e.Op, unary: true})
				flatten(e.X)
				return
			}
		}
		items = append(items, item{x: e})
	}
	flatten(e)

	p := &arithParser{c: c, items: items}
	n, err := p.arith()
	if err == nil && p.i != len(items) {
		err = c.errorf(ErrSyntax, e, "", "cannot parse %q", c.text(e))
	}
	return n, err
}

type arithParser struct {
	c     *converter
	items []item
	i     int
}

func (p *arithParser) peekBinary(toks ...syntax.Token) (syntax.Token, bool) {
	if p.i >= len(p.items) || p.items[p.i].unary || p.items[p.i].tok == 0 {
		return 0, false
	}
	for _, t := range toks {
		if p.items[p.i].tok == t {
			return t, true
		}
	}
	return 0, false
}

var arithOps = map[syntax.Token]op{
	syntax.PLUS: opAdd, syntax.MINUS: opSub, syntax.STAR: opMul, syntax.SLASH: opDiv,
	syntax.SLASHSLASH: opFloorDiv, syntax.PERCENT: opMod, syntax.CIRCUMFLEX: opPow,
}

func (p *arithParser) arith() (*node, error) {
	x, err := p.term()
	for err == nil {
		t, ok := p.peekBinary(syntax.PLUS, syntax.MINUS)
		if !ok {
			break
		}
		p.i++
		var y *node
		if y, err = p.term(); err == nil {
			x = &node{op: arithOps[t], args: []*node{x, y}}
		}
	}
	return x, err
}

func (p *arithParser) term() (*node, error) {
	x, err := p.factor()
	for err == nil {
		t, ok := p.peekBinary(syntax.STAR, syntax.SLASH, syntax.SLASHSLASH, syntax.PERCENT)
		if !ok {
			break
		}
		p.i++
		var y *node
		if y, err = p.factor(); err == nil {
			x = &node{op: arithOps[t], args: []*node{x, y}}
		}
	}
	return x, err
}

func (p *arithParser) factor() (*node, error) {
	if p.i < len(p.items) && p.items[p.i].unary {
		t := p.items[p.i].tok
		p.i++
		x, err := p.factor()
		if err != nil || t == syntax.PLUS {
			return x, err
		}
		return &node{op: opNeg, args: []*node{x}}, nil
	}
	return p.power()
}

func (p *arithParser) power() (*node, error) {
	if p.i >= len(p.items) || p.items[p.i].tok != 0 {
		return nil, &Error{Err: ErrSyntax, Src: p.c.src, Offset: -1, Msg: "malformed arithmetic"}
	}
	x, err := p.c.convert(p.items[p.i].x)
	p.i++
	if err != nil {
		return nil, err
	}
	if _, ok := p.peekBinary(syntax.CIRCUMFLEX); ok {
		p.i++
		y, err := p.factor()
		if err != nil {
			return nil, err
		}
		return &node{op: opPow, args: []*node{x, y}}, nil
	}
	return x, nil
}

func (c *converter) call(e *syntax.CallExpr) (*node, error) {
	var name string
	var fn function
	var ok bool
	switch f := e.Fn.(type) {
	case *syntax.Ident:
		name = f.Name
		if n, isAlias := c.pre.alias[name]; isAlias {
			name = n
		}
		fn, ok = functions[name]
	case *syntax.DotExpr:
		if x, isIdent := f.X.(*syntax.Ident); isIdent && x.Name == "math" {
			name = "math." + f.Name.Name
			fn, ok = functions[f.Name.Name]
			ok = ok && fn.math
			if !ok {
				return nil, c.errorf(ErrUndefined, e.Fn, mathHint(), "unknown function %q", name)
			}
		}
	}
	if name == "" {
		return nil, c.errorf(ErrUnsupported, e, "", "call of %q is not supported", c.text(e.Fn))
	}
	if !ok {
		if _, isName := c.names[name]; isName {
			return nil, c.errorf(ErrUnsupported, e, "", "%q is a name, not a function (%q)", name, c.text(e))
		}
		hint := "functions: " + strings.Join(functionNames(), ", ")
		if s := suggest(name, functionNames()); s != "" {
			hint += fmt.Sprintf("; did you mean %q?", s)
		}
		return nil, c.errorf(ErrUndefined, e.Fn, hint, "unknown function %q", name)
	}
	for _, a := range e.Args {
		if u, isUnary := a.(*syntax.UnaryExpr); isUnary && (u.Op == syntax.STAR || u.Op == syntax.STARSTAR) {
			return nil, c.errorf(ErrArgs, a, "", "%s argument %q is not supported", u.Op.String(), c.text(a))
		}
	}
	if len(e.Args) < fn.min || fn.max >= 0 && len(e.Args) > fn.max {
		want := fmt.Sprintf("%d", fn.min)
		switch {
		case fn.max < 0:
			want = fmt.Sprintf("at least %d", fn.min)
		case fn.max != fn.min:
			want = fmt.Sprintf("%d to %d", fn.min, fn.max)
		}
		plural := "s"
		if fn.min == 1 && fn.max == 1 {
			plural = ""
		}
		return nil, c.errorf(ErrArgs, e, "", "%s takes %s argument%s, got %d (%q)", name, want, plural, len(e.Args), c.text(e))
	}
	args := make([]*node, len(e.Args))
	for i, a := range e.Args {
		n, err := c.convert(a)
		if err != nil {
			return nil, err
		}
		args[i] = n
	}
	return fn.build(args), nil
}

func mathHint() string {
	var names []string
	for _, n := range functionNames() {
		if functions[n].math {
			names = append(names, "math."+n)
		}
	}
	return "math functions: " + strings.Join(names, ", ")
}

// suggest returns the candidate closest to name when it is a plausible
// misspelling (edit distance at most 2 and less than half the name), or "".
func suggest(name string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD && 2*d < len(name) {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	if math.Abs(float64(len(a)-len(b))) > 2 {
		return 3
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
