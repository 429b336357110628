package pyport

import (
	"strings"

	"github.com/go-python/gpython/ast"
)

// This file decides which values Starlark shows exactly as Python does, so
// that print, str(), %s and {} can stay Starlark's own: numbers, bools,
// None, strings, and containers of numbers. A container that may hold
// strings shows ["a"] in Starlark and ['a'] in Python; such values go
// through strfmt. The analysis is deliberately shallow: what it cannot
// prove plain is treated as not plain, which costs only a longer spelling.

// scope is a function body (or the module) for looking up names.
type scope struct {
	body   []ast.Stmt
	params map[string]bool
}

// plain reports whether Starlark's str of e's value equals Python's.
func (t *translator) plain(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Num, *ast.Str, *ast.NameConstant, *ast.Compare:
		return true
	case *ast.Name:
		if strings.HasPrefix(string(x.Id), "__exosh_fstr_") || x.Id == "__doc__" {
			return true
		}
		return t.nameIs(string(x.Id), t.plain, false)
	case *ast.UnaryOp:
		return x.Op == ast.Not || t.plain(x.Operand)
	case *ast.BinOp:
		if _, ok := x.Left.(*ast.Str); ok && x.Op == ast.Modulo {
			return true // a formatted string
		}
		return t.plain(x.Left) && t.plain(x.Right)
	case *ast.BoolOp:
		for _, v := range x.Values {
			if !t.plain(v) {
				return false
			}
		}
		return true
	case *ast.IfExp:
		return t.plain(x.Body) && t.plain(x.Orelse)
	case *ast.List:
		return t.allPlainNoStr(x.Elts)
	case *ast.Tuple:
		return t.allPlainNoStr(x.Elts)
	case *ast.Subscript:
		if _, ok := x.Slice.(*ast.Index); ok {
			return t.elemsPlain(x.Value)
		}
		return t.plain(x.Value)
	case *ast.Call:
		return t.callPlain(x)
	case *ast.Attribute:
		d := t.dotted(x)
		return strings.HasPrefix(d, "exomerge.") || d == "os.sep" || d == "os.path.sep"
	}
	return false
}

// allPlainNoStr reports whether items are plain and none is a string: a
// container of them shows the same.
func (t *translator) allPlainNoStr(items []ast.Expr) bool {
	for _, e := range items {
		if !t.plain(e) || t.maybeStr(e) {
			return false
		}
	}
	return true
}

// maybeStr reports whether e may be a string.
func (t *translator) maybeStr(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Num, *ast.NameConstant, *ast.Compare:
		return false
	case *ast.UnaryOp:
		return false
	case *ast.BinOp:
		if _, ok := x.Left.(*ast.Str); ok {
			return true
		}
		return x.Op == ast.Add && (t.maybeStr(x.Left) || t.maybeStr(x.Right)) || x.Op == ast.Modulo && t.maybeStr(x.Left)
	case *ast.Call:
		if n, ok := x.Func.(*ast.Name); ok {
			switch n.Id {
			case "len", "int", "float", "abs", "bool":
				return false
			}
		}
		if a, ok := x.Func.(*ast.Attribute); ok {
			m := string(a.Attr)
			return !(strings.HasSuffix(m, "_count") || strings.HasSuffix(m, "_exists") || strings.HasSuffix(m, "_dimension"))
		}
	}
	return true
}

// callPlain reports whether a call's result shows the same.
func (t *translator) callPlain(c *ast.Call) bool {
	if n, ok := c.Func.(*ast.Name); ok {
		switch n.Id {
		case "len", "int", "float", "abs", "bool", "str", "chr", "ord", "hex", "oct":
			return true
		case "min", "max":
			if len(c.Args) == 1 {
				return t.elemsPlain(c.Args[0])
			}
			for _, a := range c.Args {
				if !t.plain(a) {
					return false
				}
			}
			return true
		case "sum":
			return true
		case "sorted", "list", "reversed", "tuple":
			return len(c.Args) == 1 && t.plain(c.Args[0])
		case "range":
			return true
		}
		return t.returnsPlain(string(n.Id))
	}
	a, ok := c.Func.(*ast.Attribute)
	if !ok {
		return false
	}
	switch m := string(a.Attr); m {
	case "format", "join", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "title", "capitalize",
		"startswith", "endswith", "find", "rfind", "count", "index", "isdigit", "isalpha", "get_timesteps":
		return true
	default:
		// exomerge's getters of counts, ids, names of one entity,
		// dimensions and tests.
		for _, suf := range []string{"_count", "_ids", "_id", "_name", "_exists", "_dimension", "_per_element"} {
			if strings.HasPrefix(m, "get_") && strings.HasSuffix(m, suf) || strings.HasSuffix(m, "_exists") {
				return true
			}
		}
	}
	return false
}

// elemsPlain reports whether the items of the container e show the same
// (a list of strings qualifies: each string prints as it is).
func (t *translator) elemsPlain(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.List:
		return t.allPlain(x.Elts)
	case *ast.Tuple:
		return t.allPlain(x.Elts)
	case *ast.Name:
		return t.nameIs(string(x.Id), t.elemsPlain, true)
	case *ast.Call:
		if n, ok := x.Func.(*ast.Name); ok {
			switch n.Id {
			case "range":
				return true
			case "sorted", "list", "reversed", "tuple":
				return len(x.Args) == 1 && t.elemsPlain(x.Args[0])
			}
		}
		if a, ok := x.Func.(*ast.Attribute); ok {
			m := string(a.Attr)
			// exomerge's getters return numbers or names (arrays of
			// field values, ids, members, connectivity, timesteps).
			if m == "split" || m == "splitlines" || strings.HasPrefix(m, "get_") || m == "keys" && t.plain(a.Value) {
				return true
			}
		}
	case *ast.Subscript:
		// model.nodes[i] holds three coordinates.
		if a, ok := x.Value.(*ast.Attribute); ok && a.Attr == "nodes" {
			return true
		}
	case *ast.ListComp:
		return t.plain(x.Elt) && len(x.Generators) == 1 && t.compTargetsPlain(x.Generators[0])
	}
	return t.plain(e) // a plain container has plain items
}

func (t *translator) allPlain(items []ast.Expr) bool {
	for _, e := range items {
		if !t.plain(e) {
			return false
		}
	}
	return true
}

// compTargetsPlain reports whether the loop variable of a comprehension
// is bound to plain items (the element may use it).
func (t *translator) compTargetsPlain(g ast.Comprehension) bool {
	return t.elemsPlain(g.Iter)
}

// nameIs reports whether every binding of name in the innermost scope
// that binds it satisfies test (applied to the bound value); loop
// variables count with the items of what they loop over. Parameters and
// anything else are unknown. elems asks about the name's items instead.
func (t *translator) nameIs(name string, test func(ast.Expr) bool, elems bool) bool {
	key := name
	if elems {
		key += "[]"
	}
	if t.inProgress[key] {
		return false
	}
	t.inProgress[key] = true
	defer delete(t.inProgress, key)
	for i := len(t.scopes) - 1; i >= 0; i-- {
		sc := t.scopes[i]
		if sc.params[name] {
			return false
		}
		found, all := false, true
		for _, s := range sc.body {
			walkScope(s, func(n ast.Ast) {
				switch x := n.(type) {
				case *ast.Assign:
					for _, tg := range x.Targets {
						if nm, ok := tg.(*ast.Name); ok && string(nm.Id) == name {
							found = true
							all = all && test(x.Value)
						} else if bindsName(tg, name) {
							found = true
							all = all && t.unpackedIs(tg, x.Value, name, test, elems)
						}
					}
				case *ast.AugAssign:
					if bindsName(x.Target, name) {
						found = true
						all = all && !elems && t.plain(x.Value)
					}
				case *ast.For:
					if nm, ok := x.Target.(*ast.Name); ok && string(nm.Id) == name {
						found = true
						all = all && !elems && t.elemsPlain(x.Iter)
					} else if bindsName(x.Target, name) {
						found = true
						all = all && !elems && t.tupleTargetPlain(x.Target, x.Iter, name)
					}
				case *ast.FunctionDef, *ast.ClassDef, *ast.Import, *ast.ImportFrom, *ast.With, *ast.Try, *ast.Global:
					if bindsName(n, name) {
						found, all = true, false
					}
				}
			})
		}
		if found {
			return all
		}
	}
	return false
}

// tupleTargetPlain handles for i, x in enumerate(X) and for a, b in zip(A, B).
func (t *translator) tupleTargetPlain(target, iter ast.Expr, name string) bool {
	tu, ok := target.(*ast.Tuple)
	c, ok2 := iter.(*ast.Call)
	if !ok || !ok2 {
		return false
	}
	fn, ok := c.Func.(*ast.Name)
	if !ok {
		return false
	}
	for i, el := range tu.Elts {
		nm, ok := el.(*ast.Name)
		if !ok || string(nm.Id) != name {
			continue
		}
		switch {
		case fn.Id == "enumerate" && len(tu.Elts) == 2 && len(c.Args) == 1:
			return i == 0 || t.elemsPlain(c.Args[0])
		case fn.Id == "zip" && len(c.Args) == len(tu.Elts):
			return t.elemsPlain(c.Args[i])
		}
	}
	return false
}

// walkScope visits the statements of one scope, not entering nested
// functions, classes or lambdas (it visits the def itself).
func walkScope(s ast.Ast, visit func(ast.Ast)) {
	ast.Walk(s, func(n ast.Ast) bool {
		visit(n)
		switch n.(type) {
		case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
			return false
		}
		return true
	})
}

// bindsName reports whether n binds name anywhere inside it.
func bindsName(n ast.Ast, name string) bool {
	found := false
	ast.Walk(n, func(x ast.Ast) bool {
		switch y := x.(type) {
		case *ast.Name:
			if string(y.Id) == name && y.Ctx == ast.Store {
				found = true
			}
		case *ast.FunctionDef:
			if string(y.Name) == name {
				found = true
			}
			return false
		case *ast.ClassDef:
			if string(y.Name) == name {
				found = true
			}
			return false
		case *ast.Alias:
			bound := string(y.AsName)
			if bound == "" {
				bound = strings.SplitN(string(y.Name), ".", 2)[0]
			}
			if bound == name {
				found = true
			}
		case *ast.ExceptHandler:
			if string(y.Name) == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// unpackedIs handles a, b = value: name is one item of value.
func (t *translator) unpackedIs(target, value ast.Expr, name string, test func(ast.Expr) bool, elems bool) bool {
	tu, ok := target.(*ast.Tuple)
	if !ok {
		return false
	}
	for i, el := range tu.Elts {
		nm, ok := el.(*ast.Name)
		if !ok || string(nm.Id) != name {
			continue
		}
		if vt, ok := value.(*ast.Tuple); ok && len(vt.Elts) == len(tu.Elts) {
			return test(vt.Elts[i])
		}
		return !elems && t.elemsPlain(value)
	}
	return false
}

// returnsPlain reports whether the module's function name returns only
// values that show the same (judged with its own scope).
func (t *translator) returnsPlain(name string) bool {
	key := "def " + name
	if t.inProgress[key] || len(t.scopes) == 0 {
		return false
	}
	var def *ast.FunctionDef
	for _, s := range t.scopes[0].body {
		if f, ok := s.(*ast.FunctionDef); ok && string(f.Name) == name {
			if def != nil {
				return false // defined twice
			}
			def = f
		}
	}
	if def == nil {
		return false
	}
	t.inProgress[key] = true
	defer delete(t.inProgress, key)
	params := map[string]bool{}
	for _, a := range append(append(append([]*ast.Arg{}, def.Args.Args...), def.Args.Kwonlyargs...), def.Args.Vararg, def.Args.Kwarg) {
		if a != nil {
			params[string(a.Arg)] = true
		}
	}
	saved := t.scopes
	t.scopes = []scope{saved[0], {body: def.Body, params: params}}
	defer func() { t.scopes = saved }()
	ok, any := true, false
	for _, s := range def.Body {
		walkScope(s, func(n ast.Ast) {
			if r, isRet := n.(*ast.Return); isRet {
				any = true
				ok = ok && r.Value != nil && t.plain(r.Value)
			}
		})
	}
	return ok && any
}
