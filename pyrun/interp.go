package pyrun

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/py"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"exosh/pyfmt"
)

// interp is one Python program's interpreter state.
type interp struct {
	thread   *starlark.Thread
	stdout   io.Writer
	stderr   io.Writer
	filename string
	argv     []string
	builtins map[string]starlark.Value
	excs     map[string]*Class
	modules  map[string]starlark.Value
	exomerge *Module
	// exomergeFns are the exomerge module functions: their errors are
	// exomerge errors (SystemExit(1)).
	exomergeFns map[*starlark.Builtin]bool
	warned      bool // a model method warned since the flag was last cleared
	handling    []*pyExc
	main        *env
	open        []*file          // files to flush and close at exit
	depth       int              // Python call depth
	softspace   bool             // a Python 2 print statement ended with a comma
	pyfmt       *pyfmt.Formatter // made by formatter() on first use
}

// maxDepth is Python's default recursion limit.
const maxDepth = 1000

// env is one scope: a module, a function call, a class body or a
// comprehension.
type env struct {
	vars    map[string]starlark.Value
	parent  *env // enclosing scope (nil for the module)
	module  *env
	globals map[string]bool
	nonloc  map[string]bool
	isClass bool
	fn      *Function
	line    int
	ret     starlark.Value
	yields  *[]starlark.Value // the values a generator body yields
}

type flow int

const (
	fNone flow = iota
	fBreak
	fContinue
	fReturn
)

func (e *env) lookup(itp *interp, name string) (starlark.Value, bool) {
	for s := e; s != nil; s = s.parent {
		if s.isClass && s != e {
			continue
		}
		if v, ok := s.vars[name]; ok {
			return v, true
		}
	}
	if v, ok := e.module.vars[name]; ok {
		return v, true
	}
	v, ok := itp.builtins[name]
	return v, ok
}

func (e *env) set(name string, v starlark.Value) {
	if e.globals[name] {
		e.module.vars[name] = v
		return
	}
	if e.nonloc[name] {
		for s := e.parent; s != nil; s = s.parent {
			if _, ok := s.vars[name]; ok {
				s.vars[name] = v
				return
			}
		}
	}
	e.vars[name] = v
}

func (e *env) del(name string) bool {
	m := e.vars
	if e.globals[name] {
		m = e.module.vars
	}
	if _, ok := m[name]; !ok {
		return false
	}
	delete(m, name)
	return true
}

// Function is a Python function or lambda.
type Function struct {
	name     string
	args     *ast.Arguments
	defaults []starlark.Value
	kwdefs   []starlark.Value
	body     []ast.Stmt
	lambda   ast.Expr
	closure  *env
	itp      *interp
	class    *Class
	// gen marks a generator function: exosh runs its body to the end and
	// returns the yielded values as a list.
	gen bool
}

var _ starlark.Callable = (*Function)(nil)

// String implements the starlark.Value interfaces for Function.
func (f *Function) String() string { return fmt.Sprintf("<function %s>", f.name) }

// Type implements the starlark.Value interfaces for Function.
func (f *Function) Type() string { return "function" }

// Freeze implements the starlark.Value interfaces for Function.
func (f *Function) Freeze() {}

// Truth implements the starlark.Value interfaces for Function.
func (f *Function) Truth() starlark.Bool { return true }

// Hash implements the starlark.Value interfaces for Function.
func (f *Function) Hash() (uint32, error) { return uint32(len(f.name)), nil }

// Name returns the function's name.
func (f *Function) Name() string { return f.name }

// CallInternal binds the arguments and runs the body.
func (f *Function) CallInternal(t *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	itp := f.itp
	if itp.depth >= maxDepth {
		return nil, itp.newExc("RecursionError", "maximum recursion depth exceeded")
	}
	itp.depth++
	defer func() { itp.depth-- }()
	e := &env{vars: make(map[string]starlark.Value, 8), parent: f.closure, module: f.closure.module, fn: f}
	if err := f.bind(e, args, kwargs); err != nil {
		return nil, err
	}
	if f.lambda != nil {
		return itp.eval(f.lambda, e)
	}
	var yields []starlark.Value
	if f.gen {
		e.yields = &yields
	}
	fl, err := itp.execBlock(f.body, e)
	if err != nil {
		if x, ok := err.(*pyExc); ok {
			x.tb = append([]string{fmt.Sprintf("  File \"%s\", line %d, in %s", itp.filename, e.line, f.name)}, x.tb...)
		}
		return nil, err
	}
	if f.gen {
		return &iterator{items: yields}, nil
	}
	if fl == fReturn && e.ret != nil {
		return e.ret, nil
	}
	return starlark.None, nil
}

// hasYield reports whether a function body yields (not counting nested
// functions and classes).
func hasYield(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Walk(s, func(n ast.Ast) bool {
			switch n.(type) {
			case *ast.Yield, *ast.YieldFrom:
				found = true
			case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
				return n == ast.Ast(s)
			}
			return !found
		})
	}
	return found
}

func (f *Function) bind(e *env, args starlark.Tuple, kwargs []starlark.Tuple) error {
	a := f.args
	np := len(a.Args)
	for i, v := range args {
		if i < np {
			e.vars[string(a.Args[i].Arg)] = v
		}
	}
	if len(args) > np {
		if a.Vararg == nil {
			return f.itp.newExc("TypeError", fmt.Sprintf("%s() takes %d positional arguments but %d were given", f.name, np, len(args)))
		}
		e.vars[string(a.Vararg.Arg)] = append(starlark.Tuple(nil), args[np:]...)
	} else if a.Vararg != nil {
		e.vars[string(a.Vararg.Arg)] = starlark.Tuple{}
	}
	var extra *starlark.Dict
	if a.Kwarg != nil {
		extra = starlark.NewDict(len(kwargs))
		e.vars[string(a.Kwarg.Arg)] = extra
	}
	for _, kv := range kwargs {
		name := string(kv[0].(starlark.String))
		found := false
		for _, p := range a.Args {
			if string(p.Arg) == name {
				found = true
			}
		}
		for _, p := range a.Kwonlyargs {
			if string(p.Arg) == name {
				found = true
			}
		}
		if !found {
			if extra == nil {
				return f.itp.newExc("TypeError", fmt.Sprintf("%s() got an unexpected keyword argument '%s'", f.name, name))
			}
			extra.SetKey(kv[0], kv[1])
			continue
		}
		if _, dup := e.vars[name]; dup {
			return f.itp.newExc("TypeError", fmt.Sprintf("%s() got multiple values for argument '%s'", f.name, name))
		}
		e.vars[name] = kv[1]
	}
	nd := len(f.defaults)
	for i, p := range a.Args {
		if _, ok := e.vars[string(p.Arg)]; ok {
			continue
		}
		if j := i - (np - nd); j >= 0 {
			e.vars[string(p.Arg)] = f.defaults[j]
			continue
		}
		return f.itp.newExc("TypeError", fmt.Sprintf("%s() missing 1 required positional argument: '%s'", f.name, p.Arg))
	}
	for i, p := range a.Kwonlyargs {
		if _, ok := e.vars[string(p.Arg)]; ok {
			continue
		}
		if i < len(f.kwdefs) && f.kwdefs[i] != nil {
			e.vars[string(p.Arg)] = f.kwdefs[i]
			continue
		}
		return f.itp.newExc("TypeError", fmt.Sprintf("%s() missing 1 required keyword-only argument: '%s'", f.name, p.Arg))
	}
	return nil
}

// execBlock runs statements in order.
func (itp *interp) execBlock(body []ast.Stmt, e *env) (flow, error) {
	for _, s := range body {
		fl, err := itp.exec(s, e)
		if err != nil || fl != fNone {
			return fl, err
		}
	}
	return fNone, nil
}

// exec runs one statement; every error it returns is a *pyExc.
func (itp *interp) exec(s ast.Stmt, e *env) (flow, error) {
	e.line = s.GetLineno()
	fl, err := itp.exec1(s, e)
	if err != nil {
		err = itp.toExc(err)
	}
	return fl, err
}

func (itp *interp) exec1(s ast.Stmt, e *env) (flow, error) {
	switch s := s.(type) {
	case *ast.ExprStmt:
		_, err := itp.eval(s.Value, e)
		return fNone, err
	case *ast.Assign:
		v, err := itp.eval(s.Value, e)
		if err != nil {
			return fNone, err
		}
		for _, t := range s.Targets {
			if err := itp.assign(t, v, e); err != nil {
				return fNone, err
			}
		}
		return fNone, nil
	case *ast.AugAssign:
		return fNone, itp.augAssign(s, e)
	case *ast.If:
		c, err := itp.eval(s.Test, e)
		if err != nil {
			return fNone, err
		}
		if itp.truth(c) {
			return itp.execBlock(s.Body, e)
		}
		return itp.execBlock(s.Orelse, e)
	case *ast.For:
		it, err := itp.eval(s.Iter, e)
		if err != nil {
			return fNone, err
		}
		items, err := itp.iterate(it)
		if err != nil {
			return fNone, err
		}
		for _, x := range items {
			if err := itp.assign(s.Target, x, e); err != nil {
				return fNone, err
			}
			fl, err := itp.execBlock(s.Body, e)
			if err != nil {
				return fNone, err
			}
			if fl == fBreak {
				return fNone, nil
			}
			if fl == fReturn {
				return fl, nil
			}
		}
		return itp.execBlock(s.Orelse, e)
	case *ast.While:
		for {
			c, err := itp.eval(s.Test, e)
			if err != nil {
				return fNone, err
			}
			if !itp.truth(c) {
				break
			}
			fl, err := itp.execBlock(s.Body, e)
			if err != nil {
				return fNone, err
			}
			if fl == fBreak {
				return fNone, nil
			}
			if fl == fReturn {
				return fl, nil
			}
		}
		return itp.execBlock(s.Orelse, e)
	case *ast.Pass:
		return fNone, nil
	case *ast.Break:
		return fBreak, nil
	case *ast.Continue:
		return fContinue, nil
	case *ast.Return:
		e.ret = starlark.None
		if s.Value != nil {
			v, err := itp.eval(s.Value, e)
			if err != nil {
				return fNone, err
			}
			e.ret = v
		}
		return fReturn, nil
	case *ast.FunctionDef:
		f, err := itp.makeFunction(string(s.Name), s.Args, e)
		if err != nil {
			return fNone, err
		}
		f.body = s.Body
		f.gen = hasYield(s.Body)
		var v starlark.Value = f
		for i := len(s.DecoratorList) - 1; i >= 0; i-- {
			d, err := itp.eval(s.DecoratorList[i], e)
			if err != nil {
				return fNone, err
			}
			if v, err = itp.call(d, starlark.Tuple{v}, nil); err != nil {
				return fNone, err
			}
		}
		e.set(string(s.Name), v)
		return fNone, nil
	case *ast.ClassDef:
		return fNone, itp.classDef(s, e)
	case *ast.Try:
		return itp.try(s, e)
	case *ast.Raise:
		return fNone, itp.raise(s, e)
	case *ast.With:
		return itp.with(s.Items, s.Body, e)
	case *ast.Import:
		for _, a := range s.Names {
			name := string(a.Name)
			m, err := itp.importModule(name, e.line)
			if err != nil {
				return fNone, err
			}
			if a.AsName != "" {
				e.set(string(a.AsName), m)
				continue
			}
			// import os.path binds os
			top, _, _ := strings.Cut(name, ".")
			tm, err := itp.importModule(top, e.line)
			if err != nil {
				return fNone, err
			}
			e.set(top, tm)
		}
		return fNone, nil
	case *ast.ImportFrom:
		mod := string(s.Module)
		if mod == "__future__" {
			return fNone, nil
		}
		m, err := itp.importModule(mod, e.line)
		if err != nil {
			return fNone, err
		}
		for _, a := range s.Names {
			name := string(a.Name)
			if name == "*" {
				if mm, ok := m.(*Module); ok {
					for k, v := range mm.members {
						if !strings.HasPrefix(k, "_") {
							e.set(k, v)
						}
					}
				}
				continue
			}
			v, err := itp.getattr(m, name)
			if err != nil {
				if sub, err2 := itp.importModule(mod+"."+name, e.line); err2 == nil {
					v = sub
				} else {
					return fNone, itp.newExc("ImportError", fmt.Sprintf("cannot import name '%s' from '%s'", name, mod))
				}
			}
			as := name
			if a.AsName != "" {
				as = string(a.AsName)
			}
			e.set(as, v)
		}
		return fNone, nil
	case *ast.Global:
		if e.globals == nil {
			e.globals = map[string]bool{}
		}
		for _, n := range s.Names {
			e.globals[string(n)] = true
		}
		return fNone, nil
	case *ast.Nonlocal:
		if e.nonloc == nil {
			e.nonloc = map[string]bool{}
		}
		for _, n := range s.Names {
			e.nonloc[string(n)] = true
		}
		return fNone, nil
	case *ast.Delete:
		for _, t := range s.Targets {
			if err := itp.delete(t, e); err != nil {
				return fNone, err
			}
		}
		return fNone, nil
	case *ast.Assert:
		c, err := itp.eval(s.Test, e)
		if err != nil {
			return fNone, err
		}
		if !itp.truth(c) {
			var args starlark.Tuple
			if s.Msg != nil {
				m, err := itp.eval(s.Msg, e)
				if err != nil {
					return fNone, err
				}
				args = starlark.Tuple{m}
			}
			return fNone, itp.newExcArgs("AssertionError", args)
		}
		return fNone, nil
	}
	return fNone, itp.newExc("SyntaxError", fmt.Sprintf("exosh does not run this kind of Python statement (%s)", ast.Dump(s)))
}

func (itp *interp) makeFunction(name string, a *ast.Arguments, e *env) (*Function, error) {
	closure := e
	for closure.isClass {
		closure = closure.parent
	}
	f := &Function{name: name, args: a, closure: closure, itp: itp}
	for _, d := range a.Defaults {
		v, err := itp.eval(d, e)
		if err != nil {
			return nil, err
		}
		f.defaults = append(f.defaults, v)
	}
	for _, d := range a.KwDefaults {
		if d == nil {
			f.kwdefs = append(f.kwdefs, nil)
			continue
		}
		v, err := itp.eval(d, e)
		if err != nil {
			return nil, err
		}
		f.kwdefs = append(f.kwdefs, v)
	}
	return f, nil
}

func (itp *interp) classDef(s *ast.ClassDef, e *env) error {
	c := &Class{name: string(s.Name), Dict: map[string]starlark.Value{}, itp: itp}
	for _, b := range s.Bases {
		bv, err := itp.eval(b, e)
		if err != nil {
			return err
		}
		if bc, ok := bv.(*Class); ok {
			if bc.name != "object" {
				c.Base = bc
				c.exc = bc.exc
			}
			continue
		}
		return itp.newExc("TypeError", "exosh classes derive from classes defined in the script, object or an exception")
	}
	ce := &env{vars: c.Dict, parent: e, module: e.module, isClass: true}
	if _, err := itp.execBlock(s.Body, ce); err != nil {
		return err
	}
	for _, v := range c.Dict {
		switch f := v.(type) {
		case *Function:
			f.class = c
		case *staticMethod:
			if ff, ok := f.fn.(*Function); ok {
				ff.class = c
			}
		}
	}
	e.set(c.name, c)
	return nil
}

func (itp *interp) try(s *ast.Try, e *env) (fl flow, err error) {
	fl, err = itp.execBlock(s.Body, e)
	if err != nil {
		x, ok := err.(*pyExc)
		if ok {
			for _, h := range s.Handlers {
				match := h.ExprType == nil
				if !match {
					tv, err2 := itp.eval(h.ExprType, e)
					if err2 != nil {
						return fNone, err2
					}
					match = itp.excMatches(x, tv)
				}
				if !match {
					continue
				}
				if h.Name != "" {
					e.set(string(h.Name), x.inst)
				}
				itp.handling = append(itp.handling, x)
				fl, err = itp.execBlock(h.Body, e)
				itp.handling = itp.handling[:len(itp.handling)-1]
				break
			}
		}
	} else if fl == fNone {
		fl, err = itp.execBlock(s.Orelse, e)
	}
	if len(s.Finalbody) > 0 {
		saved := e.ret
		ffl, ferr := itp.execBlock(s.Finalbody, e)
		if ferr != nil || ffl != fNone {
			return ffl, ferr
		}
		e.ret = saved
	}
	return fl, err
}

func (itp *interp) excMatches(x *pyExc, tv starlark.Value) bool {
	switch t := tv.(type) {
	case *Class:
		return x.inst.Class.isSub(t)
	case starlark.Tuple:
		for _, c := range t {
			if itp.excMatches(x, c) {
				return true
			}
		}
	}
	return false
}

func (itp *interp) raise(s *ast.Raise, e *env) error {
	if s.Exc == nil {
		if n := len(itp.handling); n > 0 {
			return itp.handling[n-1]
		}
		return itp.newExc("RuntimeError", "No active exception to reraise")
	}
	v, err := itp.eval(s.Exc, e)
	if err != nil {
		return err
	}
	switch x := v.(type) {
	case *Class:
		if !x.exc {
			return itp.newExc("TypeError", "exceptions must derive from BaseException")
		}
		inst, err := itp.call(x, nil, nil)
		if err != nil {
			return err
		}
		return &pyExc{inst: inst.(*Instance)}
	case *Instance:
		if x.Class.exc {
			return &pyExc{inst: x}
		}
	}
	return itp.newExc("TypeError", "exceptions must derive from BaseException")
}

func (itp *interp) with(items []*ast.WithItem, body []ast.Stmt, e *env) (flow, error) {
	if len(items) == 0 {
		return itp.execBlock(body, e)
	}
	it := items[0]
	cm, err := itp.eval(it.ContextExpr, e)
	if err != nil {
		return fNone, err
	}
	enter, err := itp.getattr(cm, "__enter__")
	if err != nil {
		return fNone, err
	}
	v, err := itp.call(enter, nil, nil)
	if err != nil {
		return fNone, err
	}
	if it.OptionalVars != nil {
		if err := itp.assign(it.OptionalVars, v, e); err != nil {
			return fNone, err
		}
	}
	fl, err := itp.with(items[1:], body, e)
	exit, err2 := itp.getattr(cm, "__exit__")
	if err2 != nil {
		return fNone, err2
	}
	args := starlark.Tuple{starlark.None, starlark.None, starlark.None}
	if x, ok := err.(*pyExc); ok {
		args = starlark.Tuple{x.inst.Class, x.inst, starlark.None}
	}
	r, err2 := itp.call(exit, args, nil)
	if err2 != nil {
		return fNone, err2
	}
	if err != nil && itp.truth(r) {
		return fNone, nil
	}
	return fl, err
}

// assign stores v into target t.
func (itp *interp) assign(t ast.Expr, v starlark.Value, e *env) error {
	switch t := t.(type) {
	case *ast.Name:
		e.set(string(t.Id), v)
		return nil
	case *ast.Attribute:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		return itp.setattr(obj, string(t.Attr), v)
	case *ast.Subscript:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		idx, ok := t.Slice.(*ast.Index)
		if !ok {
			return itp.sliceAssign(obj, t.Slice, v, e)
		}
		k, err := itp.eval(idx.Value, e)
		if err != nil {
			return err
		}
		return itp.setitem(obj, k, v)
	case *ast.Tuple:
		return itp.unpack(t.Elts, v, e)
	case *ast.List:
		return itp.unpack(t.Elts, v, e)
	}
	return itp.newExc("SyntaxError", "cannot assign to this expression")
}

func (itp *interp) unpack(targets []ast.Expr, v starlark.Value, e *env) error {
	items, err := itp.iterate(v)
	if err != nil {
		return err
	}
	star := -1
	for i, t := range targets {
		if _, ok := t.(*ast.Starred); ok {
			star = i
		}
	}
	if star < 0 {
		if len(items) != len(targets) {
			if len(items) > len(targets) {
				return itp.newExc("ValueError", fmt.Sprintf("too many values to unpack (expected %d)", len(targets)))
			}
			return itp.newExc("ValueError", fmt.Sprintf("not enough values to unpack (expected %d, got %d)", len(targets), len(items)))
		}
		for i, t := range targets {
			if err := itp.assign(t, items[i], e); err != nil {
				return err
			}
		}
		return nil
	}
	after := len(targets) - star - 1
	if len(items) < len(targets)-1 {
		return itp.newExc("ValueError", fmt.Sprintf("not enough values to unpack (expected at least %d, got %d)", len(targets)-1, len(items)))
	}
	for i := 0; i < star; i++ {
		if err := itp.assign(targets[i], items[i], e); err != nil {
			return err
		}
	}
	mid := starlark.NewList(append([]starlark.Value(nil), items[star:len(items)-after]...))
	if err := itp.assign(targets[star].(*ast.Starred).Value, mid, e); err != nil {
		return err
	}
	for i := 0; i < after; i++ {
		if err := itp.assign(targets[star+1+i], items[len(items)-after+i], e); err != nil {
			return err
		}
	}
	return nil
}

func (itp *interp) augAssign(s *ast.AugAssign, e *env) error {
	rhs, err := itp.eval(s.Value, e)
	if err != nil {
		return err
	}
	switch t := s.Target.(type) {
	case *ast.Name:
		cur, ok := e.lookup(itp, string(t.Id))
		if !ok {
			return itp.newExc("NameError", fmt.Sprintf("name '%s' is not defined", t.Id))
		}
		// list += iterable extends in place
		if l, ok := cur.(*starlark.List); ok && s.Op == ast.Add {
			return itp.extendList(l, rhs)
		}
		v, err := itp.binop(s.Op, cur, rhs)
		if err != nil {
			return err
		}
		e.set(string(t.Id), v)
		return nil
	case *ast.Attribute:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		cur, err := itp.getattr(obj, string(t.Attr))
		if err != nil {
			return err
		}
		if l, ok := cur.(*starlark.List); ok && s.Op == ast.Add {
			return itp.extendList(l, rhs)
		}
		v, err := itp.binop(s.Op, cur, rhs)
		if err != nil {
			return err
		}
		return itp.setattr(obj, string(t.Attr), v)
	case *ast.Subscript:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		idx, ok := t.Slice.(*ast.Index)
		if !ok {
			return itp.newExc("SyntaxError", "exosh does not support augmented assignment to a slice")
		}
		k, err := itp.eval(idx.Value, e)
		if err != nil {
			return err
		}
		cur, err := itp.getitem(obj, k)
		if err != nil {
			return err
		}
		v, err := itp.binop(s.Op, cur, rhs)
		if err != nil {
			return err
		}
		return itp.setitem(obj, k, v)
	}
	return itp.newExc("SyntaxError", "illegal expression for augmented assignment")
}

func (itp *interp) extendList(l *starlark.List, v starlark.Value) error {
	items, err := itp.iterate(v)
	if err != nil {
		return err
	}
	for _, x := range items {
		if err := l.Append(x); err != nil {
			return err
		}
	}
	return nil
}

func (itp *interp) delete(t ast.Expr, e *env) error {
	switch t := t.(type) {
	case *ast.Name:
		if !e.del(string(t.Id)) {
			return itp.newExc("NameError", fmt.Sprintf("name '%s' is not defined", t.Id))
		}
		return nil
	case *ast.Subscript:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		if sl, ok := t.Slice.(*ast.Slice); ok {
			l, ok := obj.(*starlark.List)
			if !ok {
				return itp.newExc("TypeError", fmt.Sprintf("'%s' object does not support item deletion", pyType(obj)))
			}
			lo, hi, st, err := itp.sliceBounds(sl, l.Len(), e)
			if err != nil {
				return err
			}
			drop := map[int]bool{}
			for _, i := range sliceIndices(lo, hi, st) {
				drop[i] = true
			}
			var keep []starlark.Value
			for i := 0; i < l.Len(); i++ {
				if !drop[i] {
					keep = append(keep, l.Index(i))
				}
			}
			return replaceList(l, keep)
		}
		k, err := itp.eval(t.Slice.(*ast.Index).Value, e)
		if err != nil {
			return err
		}
		if dd, ok := obj.(*defaultDict); ok {
			obj = dd.Dict
		}
		switch c := obj.(type) {
		case *starlark.Dict:
			if _, found, _ := c.Get(k); !found {
				return itp.newExcArgs("KeyError", starlark.Tuple{k})
			}
			_, _, err := c.Delete(k)
			return err
		case *starlark.List:
			i, err := itp.index(k, c.Len(), "list")
			if err != nil {
				return err
			}
			pop, _ := c.Attr("pop")
			_, err = starlark.Call(itp.thread, pop, starlark.Tuple{starlark.MakeInt(i)}, nil)
			return err
		case *Instance:
			f, err := itp.getattr(c, "__delitem__")
			if err != nil {
				return err
			}
			_, err = itp.call(f, starlark.Tuple{k}, nil)
			return err
		}
		return itp.newExc("TypeError", fmt.Sprintf("'%s' object does not support item deletion", pyType(obj)))
	case *ast.Attribute:
		obj, err := itp.eval(t.Value, e)
		if err != nil {
			return err
		}
		if inst, ok := obj.(*Instance); ok {
			delete(inst.Attrs, string(t.Attr))
			return nil
		}
	case *ast.Tuple:
		for _, x := range t.Elts {
			if err := itp.delete(x, e); err != nil {
				return err
			}
		}
		return nil
	}
	return itp.newExc("SyntaxError", "cannot delete this expression")
}

// replaceList sets l's contents to items.
func replaceList(l *starlark.List, items []starlark.Value) error {
	if err := l.Clear(); err != nil {
		return err
	}
	for _, x := range items {
		if err := l.Append(x); err != nil {
			return err
		}
	}
	return nil
}

// eval evaluates an expression.
func (itp *interp) eval(x ast.Expr, e *env) (starlark.Value, error) {
	switch x := x.(type) {
	case *ast.Name:
		v, ok := e.lookup(itp, string(x.Id))
		if !ok {
			return nil, itp.newExc("NameError", fmt.Sprintf("name '%s' is not defined", x.Id))
		}
		return v, nil
	case *ast.Num:
		return fromPyNum(x.N), nil
	case *ast.Str:
		return starlark.String(x.S), nil
	case *ast.Bytes:
		return starlark.String(x.S), nil
	case *ast.NameConstant:
		switch x.Value {
		case py.True:
			return starlark.True, nil
		case py.False:
			return starlark.False, nil
		}
		return starlark.None, nil
	case *ast.Attribute:
		obj, err := itp.eval(x.Value, e)
		if err != nil {
			return nil, err
		}
		return itp.getattr(obj, string(x.Attr))
	case *ast.Call:
		return itp.evalCall(x, e)
	case *ast.BinOp:
		l, err := itp.eval(x.Left, e)
		if err != nil {
			return nil, err
		}
		r, err := itp.eval(x.Right, e)
		if err != nil {
			return nil, err
		}
		return itp.binop(x.Op, l, r)
	case *ast.Compare:
		l, err := itp.eval(x.Left, e)
		if err != nil {
			return nil, err
		}
		for i, op := range x.Ops {
			r, err := itp.eval(x.Comparators[i], e)
			if err != nil {
				return nil, err
			}
			ok, err := itp.compare(op, l, r)
			if err != nil {
				return nil, err
			}
			if !ok {
				return starlark.False, nil
			}
			l = r
		}
		return starlark.True, nil
	case *ast.BoolOp:
		var v starlark.Value
		for _, y := range x.Values {
			var err error
			v, err = itp.eval(y, e)
			if err != nil {
				return nil, err
			}
			t := itp.truth(v)
			if (x.Op == ast.And && !t) || (x.Op == ast.Or && t) {
				return v, nil
			}
		}
		return v, nil
	case *ast.UnaryOp:
		v, err := itp.eval(x.Operand, e)
		if err != nil {
			return nil, err
		}
		switch x.Op {
		case ast.Not:
			return starlark.Bool(!itp.truth(v)), nil
		case ast.USub:
			if b, ok := v.(starlark.Bool); ok {
				v = boolInt(b)
			}
			return starlark.Unary(syntax.MINUS, v)
		case ast.UAdd:
			return starlark.Unary(syntax.PLUS, v)
		case ast.Invert:
			return starlark.Unary(syntax.TILDE, v)
		}
	case *ast.IfExp:
		c, err := itp.eval(x.Test, e)
		if err != nil {
			return nil, err
		}
		if itp.truth(c) {
			return itp.eval(x.Body, e)
		}
		return itp.eval(x.Orelse, e)
	case *ast.List:
		items, err := itp.evalElts(x.Elts, e)
		if err != nil {
			return nil, err
		}
		return starlark.NewList(items), nil
	case *ast.Tuple:
		items, err := itp.evalElts(x.Elts, e)
		if err != nil {
			return nil, err
		}
		return starlark.Tuple(items), nil
	case *ast.Set:
		items, err := itp.evalElts(x.Elts, e)
		if err != nil {
			return nil, err
		}
		s := starlark.NewSet(len(items))
		for _, it := range items {
			if err := s.Insert(it); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *ast.Dict:
		d := starlark.NewDict(len(x.Keys))
		for i := range x.Keys {
			k, err := itp.eval(x.Keys[i], e)
			if err != nil {
				return nil, err
			}
			v, err := itp.eval(x.Values[i], e)
			if err != nil {
				return nil, err
			}
			if err := d.SetKey(k, v); err != nil {
				return nil, err
			}
		}
		return d, nil
	case *ast.Subscript:
		obj, err := itp.eval(x.Value, e)
		if err != nil {
			return nil, err
		}
		switch sl := x.Slice.(type) {
		case *ast.Index:
			k, err := itp.eval(sl.Value, e)
			if err != nil {
				return nil, err
			}
			return itp.getitem(obj, k)
		case *ast.Slice:
			return itp.slice(obj, sl, e)
		}
		return nil, itp.newExc("TypeError", "exosh does not support extended slices")
	case *ast.Lambda:
		f, err := itp.makeFunction("<lambda>", x.Args, e)
		if err != nil {
			return nil, err
		}
		f.lambda = x.Body
		return f, nil
	case *ast.ListComp:
		var out []starlark.Value
		err := itp.comprehend(x.Generators, &env{vars: map[string]starlark.Value{}, parent: e, module: e.module}, func(ce *env) error {
			v, err := itp.eval(x.Elt, ce)
			out = append(out, v)
			return err
		})
		return starlark.NewList(out), err
	case *ast.GeneratorExp:
		var out []starlark.Value
		err := itp.comprehend(x.Generators, &env{vars: map[string]starlark.Value{}, parent: e, module: e.module}, func(ce *env) error {
			v, err := itp.eval(x.Elt, ce)
			out = append(out, v)
			return err
		})
		return starlark.NewList(out), err
	case *ast.SetComp:
		s := starlark.NewSet(0)
		err := itp.comprehend(x.Generators, &env{vars: map[string]starlark.Value{}, parent: e, module: e.module}, func(ce *env) error {
			v, err := itp.eval(x.Elt, ce)
			if err != nil {
				return err
			}
			return s.Insert(v)
		})
		return s, err
	case *ast.DictComp:
		d := starlark.NewDict(0)
		err := itp.comprehend(x.Generators, &env{vars: map[string]starlark.Value{}, parent: e, module: e.module}, func(ce *env) error {
			k, err := itp.eval(x.Key, ce)
			if err != nil {
				return err
			}
			v, err := itp.eval(x.Value, ce)
			if err != nil {
				return err
			}
			return d.SetKey(k, v)
		})
		return d, err
	case *ast.Ellipsis:
		return starlark.None, nil
	case *ast.Starred:
		return nil, itp.newExc("SyntaxError", "can't use starred expression here")
	case *ast.Yield:
		if e.yields == nil {
			return nil, itp.newExc("SyntaxError", "'yield' outside function")
		}
		v := starlark.Value(starlark.None)
		if x.Value != nil {
			var err error
			if v, err = itp.eval(x.Value, e); err != nil {
				return nil, err
			}
		}
		*e.yields = append(*e.yields, v)
		return starlark.None, nil
	case *ast.YieldFrom:
		if e.yields == nil {
			return nil, itp.newExc("SyntaxError", "'yield' outside function")
		}
		v, err := itp.eval(x.Value, e)
		if err != nil {
			return nil, err
		}
		items, err := itp.iterate(v)
		if err != nil {
			return nil, err
		}
		*e.yields = append(*e.yields, items...)
		return starlark.None, nil
	}
	return nil, itp.newExc("SyntaxError", fmt.Sprintf("exosh does not run this kind of Python expression (%s)", ast.Dump(x)))
}

func (itp *interp) evalElts(elts []ast.Expr, e *env) ([]starlark.Value, error) {
	out := make([]starlark.Value, 0, len(elts))
	for _, el := range elts {
		if st, ok := el.(*ast.Starred); ok {
			v, err := itp.eval(st.Value, e)
			if err != nil {
				return nil, err
			}
			items, err := itp.iterate(v)
			if err != nil {
				return nil, err
			}
			out = append(out, items...)
			continue
		}
		v, err := itp.eval(el, e)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (itp *interp) comprehend(gens []ast.Comprehension, ce *env, body func(*env) error) error {
	if len(gens) == 0 {
		return body(ce)
	}
	g := gens[0]
	it, err := itp.eval(g.Iter, ce)
	if err != nil {
		return err
	}
	items, err := itp.iterate(it)
	if err != nil {
		return err
	}
outer:
	for _, v := range items {
		if err := itp.assign(g.Target, v, ce); err != nil {
			return err
		}
		for _, c := range g.Ifs {
			cv, err := itp.eval(c, ce)
			if err != nil {
				return err
			}
			if !itp.truth(cv) {
				continue outer
			}
		}
		if err := itp.comprehend(gens[1:], ce, body); err != nil {
			return err
		}
	}
	return nil
}

func (itp *interp) evalCall(x *ast.Call, e *env) (starlark.Value, error) {
	// super() without arguments
	if n, ok := x.Func.(*ast.Name); ok && n.Id == "super" && len(x.Args) == 0 {
		if _, shadowed := e.vars["super"]; !shadowed {
			return itp.superOf(e)
		}
	}
	fn, err := itp.eval(x.Func, e)
	if err != nil {
		return nil, err
	}
	args, err := itp.evalElts(x.Args, e)
	if err != nil {
		return nil, err
	}
	if n, ok := x.Func.(*ast.Name); ok && n.Id == "super" && len(args) == 2 {
		if c, ok := args[0].(*Class); ok {
			return &superProxy{class: c.Base, self: args[1], itp: itp}, nil
		}
	}
	if x.Starargs != nil {
		v, err := itp.eval(x.Starargs, e)
		if err != nil {
			return nil, err
		}
		items, err := itp.iterate(v)
		if err != nil {
			return nil, err
		}
		args = append(args, items...)
	}
	var kwargs []starlark.Tuple
	for _, k := range x.Keywords {
		v, err := itp.eval(k.Value, e)
		if err != nil {
			return nil, err
		}
		kwargs = append(kwargs, starlark.Tuple{starlark.String(k.Arg), v})
	}
	if x.Kwargs != nil {
		v, err := itp.eval(x.Kwargs, e)
		if err != nil {
			return nil, err
		}
		d, ok := v.(*starlark.Dict)
		if !ok {
			return nil, itp.newExc("TypeError", "argument after ** must be a mapping")
		}
		for _, kv := range d.Items() {
			kwargs = append(kwargs, kv)
		}
	}
	return itp.call(fn, args, kwargs)
}

// superOf returns the proxy of super() inside a method.
func (itp *interp) superOf(e *env) (starlark.Value, error) {
	s := e
	for s != nil && s.fn == nil {
		s = s.parent
	}
	if s == nil || s.fn.class == nil || len(s.fn.args.Args) == 0 {
		return nil, itp.newExc("RuntimeError", "super(): no arguments")
	}
	self := s.vars[string(s.fn.args.Args[0].Arg)]
	return &superProxy{class: s.fn.class.Base, self: self, itp: itp}, nil
}

type superProxy struct {
	class *Class
	self  starlark.Value
	itp   *interp
}

func (p *superProxy) String() string        { return "<super>" }
func (p *superProxy) Type() string          { return "super" }
func (p *superProxy) Freeze()               {}
func (p *superProxy) Truth() starlark.Bool  { return true }
func (p *superProxy) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: super") }
func (p *superProxy) AttrNames() []string   { return nil }
func (p *superProxy) Attr(name string) (starlark.Value, error) {
	if p.class == nil {
		if name == "__init__" {
			return starlark.NewBuiltin("__init__", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
				return starlark.None, nil
			}), nil
		}
		return nil, nil
	}
	v, ok := p.class.lookup(name)
	if !ok {
		return nil, nil
	}
	switch f := v.(type) {
	case *Function:
		return &boundMethod{self: p.self, fn: f}, nil
	case *starlark.Builtin:
		return bindBuiltin(f, p.self), nil
	}
	return v, nil
}

// call calls fn; errors of exomerge methods become SystemExit(1).
func (itp *interp) call(fn starlark.Value, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	switch f := fn.(type) {
	case *Function:
		return f.CallInternal(itp.thread, args, kwargs)
	case *boundMethod:
		return f.fn.CallInternal(itp.thread, append(starlark.Tuple{f.self}, args...), kwargs)
	case *Class:
		return f.CallInternal(itp.thread, args, kwargs)
	case *starlark.Builtin:
		exo := itp.isExomerge(f)
		if exo {
			itp.warned = false
		}
		v, err := starlark.Call(itp.thread, f, args, kwargs)
		if exo {
			if err != nil {
				var x *pyExc
				if errors.As(err, &x) {
					return nil, x
				}
				msg := err.Error()
				var ee *starlark.EvalError
				if errors.As(err, &ee) {
					msg = ee.Msg
				}
				fmt.Fprintf(itp.stderr, "ERROR: %s\n", msg)
				return nil, itp.systemExit(starlark.MakeInt(1))
			}
			if itp.warned && itp.truth(itp.exomerge.members["EXIT_ON_WARNING"]) {
				fmt.Fprintf(itp.stderr, "exomerge.EXIT_ON_WARNING is set: stopping after the warning above\n")
				return nil, itp.systemExit(starlark.MakeInt(1))
			}
		}
		return v, err
	case starlark.Callable:
		return starlark.Call(itp.thread, f, args, kwargs)
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not callable", pyType(fn)))
}

func (itp *interp) isExomerge(b *starlark.Builtin) bool {
	if r := b.Receiver(); r != nil {
		return r.Type() == "ExodusModel"
	}
	return itp.exomergeFns[b]
}

// truth is Python's truth value (instances with __len__ or __bool__ included).
func (itp *interp) truth(v starlark.Value) bool {
	if inst, ok := v.(*Instance); ok {
		for _, m := range []string{"__bool__", "__len__"} {
			if f, ok := inst.Class.lookup(m); ok {
				r, err := itp.call(f, starlark.Tuple{inst}, nil)
				if err == nil {
					return bool(r.Truth())
				}
			}
		}
		return true
	}
	return bool(v.Truth())
}

func boolInt(b starlark.Bool) starlark.Int {
	if b {
		return starlark.MakeInt(1)
	}
	return starlark.MakeInt(0)
}

var binTokens = map[ast.OperatorNumber]syntax.Token{
	ast.Add: syntax.PLUS, ast.Sub: syntax.MINUS, ast.Mult: syntax.STAR, ast.Div: syntax.SLASH,
	ast.Modulo: syntax.PERCENT, ast.LShift: syntax.LTLT, ast.RShift: syntax.GTGT,
	ast.BitOr: syntax.PIPE, ast.BitXor: syntax.CIRCUMFLEX, ast.BitAnd: syntax.AMP, ast.FloorDiv: syntax.SLASHSLASH,
}

var cmpTokens = map[ast.CmpOp]syntax.Token{ast.Eq: syntax.EQL, ast.NotEq: syntax.NEQ, ast.Lt: syntax.LT, ast.LtE: syntax.LE, ast.Gt: syntax.GT, ast.GtE: syntax.GE}

var cmpDunder = map[ast.CmpOp]string{ast.Eq: "__eq__", ast.NotEq: "__ne__", ast.Lt: "__lt__", ast.LtE: "__le__", ast.Gt: "__gt__", ast.GtE: "__ge__"}

var binDunder = map[ast.OperatorNumber]string{
	ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.Div: "__truediv__", ast.Modulo: "__mod__",
}

func (itp *interp) binop(op ast.OperatorNumber, l, r starlark.Value) (starlark.Value, error) {
	if s, ok := l.(starlark.String); ok && op == ast.Modulo {
		out, err := itp.percent(string(s), r)
		if err != nil {
			return nil, err
		}
		return starlark.String(out), nil
	}
	if inst, ok := l.(*Instance); ok {
		if f, ok := inst.Class.lookup(binDunder[op]); ok {
			return itp.call(f, starlark.Tuple{inst, r}, nil)
		}
	}
	if b, ok := l.(starlark.Bool); ok {
		l = boolInt(b)
	}
	if b, ok := r.(starlark.Bool); ok {
		r = boolInt(b)
	}
	if op == ast.Pow {
		return pow(l, r)
	}
	v, err := starlark.Binary(binTokens[op], l, r)
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "by zero"):
			what := "division by zero"
			if op == ast.Modulo {
				what = "modulo by zero"
			}
			if _, isF := l.(starlark.Float); isF || op == ast.Div {
				what = "float " + what
				if op == ast.Div {
					what = "division by zero"
				}
			} else {
				what = "integer " + what
			}
			if _, rf := r.(starlark.Float); rf && op != ast.Div {
				what = "float " + strings.TrimPrefix(strings.TrimPrefix(what, "integer "), "float ")
			}
			return nil, itp.newExc("ZeroDivisionError", what)
		case strings.Contains(msg, "unknown binary op"):
			sym := map[ast.OperatorNumber]string{ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Modulo: "%", ast.FloorDiv: "//", ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}[op]
			if op == ast.Add && isStr(l) != isStr(r) && (isStr(l) || isStr(r)) {
				if isStr(l) {
					return nil, itp.newExc("TypeError", fmt.Sprintf("can only concatenate str (not \"%s\") to str", pyType(r)))
				}
			}
			return nil, itp.newExc("TypeError", fmt.Sprintf("unsupported operand type(s) for %s: '%s' and '%s'", sym, pyType(l), pyType(r)))
		}
		return nil, err
	}
	return v, nil
}

func isStr(v starlark.Value) bool { _, ok := v.(starlark.String); return ok }

func pow(l, r starlark.Value) (starlark.Value, error) {
	li, lok := l.(starlark.Int)
	ri, rok := r.(starlark.Int)
	if lok && rok && ri.Sign() >= 0 {
		z := new(big.Int).Exp(li.BigInt(), ri.BigInt(), nil)
		return starlark.MakeBigInt(z), nil
	}
	lf, ok1 := starlark.AsFloat(l)
	rf, ok2 := starlark.AsFloat(r)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("unsupported operand type(s) for ** or pow(): '%s' and '%s'", pyType(l), pyType(r))
	}
	if lf == 0 && rf < 0 {
		return nil, &zeroDiv{"0.0 cannot be raised to a negative power"}
	}
	return starlark.Float(math.Pow(lf, rf)), nil
}

type zeroDiv struct{ msg string }

func (z *zeroDiv) Error() string { return z.msg }

func (itp *interp) compare(op ast.CmpOp, l, r starlark.Value) (bool, error) {
	switch op {
	case ast.Is:
		return identical(l, r), nil
	case ast.IsNot:
		return !identical(l, r), nil
	case ast.In, ast.NotIn:
		in, err := itp.contains(r, l)
		if err != nil {
			return false, err
		}
		return in == (op == ast.In), nil
	}
	l, r = listLike(l), listLike(r)
	if v, ok := l.(*versionInfo); ok {
		l = v.t
	}
	if v, ok := r.(*versionInfo); ok {
		r = v.t
	}
	tok := cmpTokens[op]
	if inst, ok := l.(*Instance); ok {
		if f, ok := inst.Class.lookup(cmpDunder[op]); ok {
			v, err := itp.call(f, starlark.Tuple{inst, r}, nil)
			if err != nil {
				return false, err
			}
			return itp.truth(v), nil
		}
	}
	if b, ok := l.(starlark.Bool); ok {
		if _, isB := r.(starlark.Bool); !isB {
			l = boolInt(b)
		}
	}
	if b, ok := r.(starlark.Bool); ok {
		if _, isB := l.(starlark.Bool); !isB {
			r = boolInt(b)
		}
	}
	if tok == syntax.EQL || tok == syntax.NEQ {
		if eq, done, err := itp.seqEqual(l, r); done {
			return eq == (tok == syntax.EQL), err
		}
	}
	ok, err := starlark.Compare(tok, l, r)
	if err != nil {
		if tok == syntax.EQL || tok == syntax.NEQ {
			return (tok == syntax.NEQ) != identical(l, r), nil
		}
		sym := map[syntax.Token]string{syntax.LT: "<", syntax.LE: "<=", syntax.GT: ">", syntax.GE: ">="}[tok]
		return false, itp.newExc("TypeError", fmt.Sprintf("'%s' not supported between instances of '%s' and '%s'", sym, pyType(l), pyType(r)))
	}
	return ok, nil
}

func identical(l, r starlark.Value) bool {
	switch l.(type) {
	case starlark.NoneType, starlark.Bool, starlark.Int, starlark.String:
		eq, err := starlark.Equal(l, r)
		return err == nil && eq && l.Type() == r.Type()
	case starlark.Float:
		return false
	}
	return l == r
}

func (itp *interp) contains(container, x starlark.Value) (bool, error) {
	switch c := container.(type) {
	case starlark.String:
		s, ok := x.(starlark.String)
		if !ok {
			return false, itp.newExc("TypeError", fmt.Sprintf("'in <string>' requires string as left operand, not %s", pyType(x)))
		}
		return strings.Contains(string(c), string(s)), nil
	case *Instance:
		if f, ok := c.Class.lookup("__contains__"); ok {
			v, err := itp.call(f, starlark.Tuple{c, x}, nil)
			if err != nil {
				return false, err
			}
			return itp.truth(v), nil
		}
	case starlark.Mapping:
		_, found, err := c.Get(x)
		if err != nil {
			return false, nil
		}
		return found, nil
	}
	items, err := itp.iterate(container)
	if err != nil {
		return false, err
	}
	for _, it := range items {
		if eq, _ := itp.compare(ast.Eq, it, x); eq {
			return true, nil
		}
	}
	return false, nil
}

// fromPyNum converts a literal of gpython's parser.
func fromPyNum(n ast.Object) starlark.Value {
	switch n := n.(type) {
	case py.Int:
		return starlark.MakeInt64(int64(n))
	case *py.BigInt:
		return starlark.MakeBigInt((*big.Int)(n))
	case py.Float:
		return starlark.Float(n)
	}
	return starlark.None
}

// listLike turns the model's list views (model.nodes[i], field values)
// into lists, so that they compare with lists as exomerge's lists do.
func listLike(v starlark.Value) starlark.Value {
	switch v.(type) {
	case *starlark.List, starlark.Tuple, starlark.String, *Instance, *versionInfo, *dictView:
		return v
	}
	if x, ok := v.(starlark.Indexable); ok && v.Type() != "range" {
		items := make([]starlark.Value, x.Len())
		for i := range items {
			items[i] = x.Index(i)
		}
		return starlark.NewList(items)
	}
	return v
}

// seqEqual compares lists, tuples and dicts item by item with Python's ==
// (so that lists holding the model's views equal lists of lists); done is
// false for other values.
func (itp *interp) seqEqual(l, r starlark.Value) (eq, done bool, err error) {
	switch a := l.(type) {
	case *starlark.List:
		b, ok := r.(*starlark.List)
		if !ok {
			return false, false, nil
		}
		if a.Len() != b.Len() {
			return false, true, nil
		}
		for i := 0; i < a.Len(); i++ {
			e, err := itp.compare(ast.Eq, a.Index(i), b.Index(i))
			if err != nil || !e {
				return false, true, err
			}
		}
		return true, true, nil
	case starlark.Tuple:
		b, ok := r.(starlark.Tuple)
		if !ok {
			return false, false, nil
		}
		if len(a) != len(b) {
			return false, true, nil
		}
		for i := range a {
			e, err := itp.compare(ast.Eq, a[i], b[i])
			if err != nil || !e {
				return false, true, err
			}
		}
		return true, true, nil
	case *starlark.Dict:
		b, ok := r.(*starlark.Dict)
		if !ok {
			return false, false, nil
		}
		if a.Len() != b.Len() {
			return false, true, nil
		}
		for _, kv := range a.Items() {
			v, found, _ := b.Get(kv[0])
			if !found {
				return false, true, nil
			}
			e, err := itp.compare(ast.Eq, kv[1], v)
			if err != nil || !e {
				return false, true, err
			}
		}
		return true, true, nil
	}
	return false, false, nil
}
