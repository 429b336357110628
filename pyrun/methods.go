package pyrun

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-python/gpython/ast"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

const syntaxMinus = syntax.MINUS

const (
	ltOp       = ast.Lt
	gtOp       = ast.Gt
	addOp      = ast.Add
	floorDivOp = ast.FloorDiv
	modOp      = ast.Modulo
	powOp      = ast.Pow
	eqOp       = ast.Eq
	plusTok    = syntax.PLUS
)

// extraMethod returns the Python methods of str, list and dict that
// Starlark lacks or defines differently, bound to obj; nil otherwise.
func (itp *interp) extraMethod(obj starlark.Value, name string) starlark.Value {
	bind := func(fn pyFunc) starlark.Value { return itp.builtin(name, fn) }
	switch x := obj.(type) {
	case starlark.String:
		s := string(x)
		switch name {
		case "format":
			return bind(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
				out, err := itp.strFormat(s, args, kwargs)
				return starlark.String(out), err
			})
		case "ljust", "rjust", "center":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				if len(args) == 0 {
					return nil, itp.newExc("TypeError", name+"() takes at least 1 argument (0 given)")
				}
				w, err := starlark.AsInt32(args[0])
				if err != nil {
					return nil, itp.newExc("TypeError", "'"+pyType(args[0])+"' object cannot be interpreted as an integer")
				}
				fill := ' '
				if len(args) > 1 {
					fill, _ = utf8.DecodeRuneInString(itp.str(args[1]))
				}
				n := utf8.RuneCountInString(s)
				if w <= n {
					return x, nil
				}
				p := strings.Repeat(string(fill), w-n)
				switch name {
				case "ljust":
					return starlark.String(s + p), nil
				case "rjust":
					return starlark.String(p + s), nil
				}
				// Python's center puts the extra fill on the left when the
				// string length is odd and the width even... as str.center does
				left := (w - n) / 2
				if (w-n)%2 == 1 && n%2 == 1 {
					left++
				}
				return starlark.String(strings.Repeat(string(fill), left) + s + strings.Repeat(string(fill), w-n-left)), nil
			})
		case "zfill":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				w, _ := starlark.AsInt32(args[0])
				sign := ""
				body := s
				if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
					sign, body = s[:1], s[1:]
				}
				if n := utf8.RuneCountInString(s); w > n {
					body = strings.Repeat("0", w-n) + body
				}
				return starlark.String(sign + body), nil
			})
		case "swapcase":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				var b strings.Builder
				for _, r := range s {
					switch {
					case unicode.IsUpper(r):
						b.WriteRune(unicode.ToLower(r))
					case unicode.IsLower(r):
						b.WriteRune(unicode.ToUpper(r))
					default:
						b.WriteRune(r)
					}
				}
				return starlark.String(b.String()), nil
			})
		case "expandtabs":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				size := 8
				if len(args) > 0 {
					size, _ = starlark.AsInt32(args[0])
				}
				var b strings.Builder
				col := 0
				for _, r := range s {
					switch r {
					case '\t':
						if size > 0 {
							n := size - col%size
							b.WriteString(strings.Repeat(" ", n))
							col += n
						}
					case '\n', '\r':
						b.WriteRune(r)
						col = 0
					default:
						b.WriteRune(r)
						col++
					}
				}
				return starlark.String(b.String()), nil
			})
		case "encode", "decode":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) { return x, nil })
		case "isnumeric", "isdecimal":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				ok := s != ""
				for _, r := range s {
					if r < '0' || r > '9' {
						ok = false
					}
				}
				return starlark.Bool(ok), nil
			})
		case "split", "rsplit":
			// Starlark's split rejects keyword maxsplit; Python's accepts it
			return bind(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
				f, _ := x.Attr(name)
				if sep := kwarg(kwargs, "sep"); sep != nil {
					args = append(starlark.Tuple{sep}, args...)
				}
				if m := kwarg(kwargs, "maxsplit"); m != nil {
					if len(args) == 0 {
						args = starlark.Tuple{starlark.None}
					}
					args = append(args, m)
				}
				return starlark.Call(itp.thread, f, args, nil)
			})
		}
	case *starlark.List:
		switch name {
		case "sort":
			return bind(func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
				items, _ := itp.iterate(x)
				items = append([]starlark.Value(nil), items...)
				if err := itp.sortValues(items, kwargs); err != nil {
					return nil, err
				}
				return starlark.None, replaceList(x, items)
			})
		case "reverse":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				items, _ := itp.iterate(x)
				out := make([]starlark.Value, len(items))
				for i, v := range items {
					out[len(items)-1-i] = v
				}
				return starlark.None, replaceList(x, out)
			})
		case "count":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				n := 0
				for i := 0; i < x.Len(); i++ {
					if eq, _ := itp.compare(ast.Eq, x.Index(i), args[0]); eq {
						n++
					}
				}
				return starlark.MakeInt(n), nil
			})
		case "copy":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				items, _ := itp.iterate(x)
				return starlark.NewList(append([]starlark.Value(nil), items...)), nil
			})
		case "extend":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				return starlark.None, itp.extendList(x, args[0])
			})
		}
	case *defaultDict:
		return itp.extraMethod(x.Dict, name)
	case *starlark.Dict:
		switch name {
		case "copy":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				d := starlark.NewDict(x.Len())
				for _, kv := range x.Items() {
					d.SetKey(kv[0], kv[1])
				}
				return d, nil
			})
		case "has_key":
			return bind(func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
				_, found, _ := x.Get(args[0])
				return starlark.Bool(found), nil
			})
		case "keys", "values", "items":
			return dictViewMethod(itp, x, name)
		case "iteritems", "iterkeys", "itervalues":
			f, _ := x.Attr(strings.TrimPrefix(name, "iter"))
			return f
		}
	case starlark.IterableMapping:
		// the model's live maps (node_fields, element_blocks, ...)
		switch name {
		case "keys", "values", "items":
			return dictViewMethod(itp, x, name)
		}
	}
	return nil
}

// dictViewMethod returns m.keys, m.values or m.items giving a dictView.
func dictViewMethod(itp *interp, x starlark.IterableMapping, name string) starlark.Value {
	return itp.builtin(name, func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		items := x.Items()
		out := make([]starlark.Value, len(items))
		for i, kv := range items {
			switch name {
			case "keys":
				out[i] = kv[0]
			case "values":
				out[i] = kv[1]
			default:
				out[i] = kv
			}
		}
		return &dictView{kind: "dict_" + name, items: out}, nil
	})
}

// dictView is the value of dict.keys(), values() and items(): it prints
// as Python 3's dict_keys([...]) and iterates, measures and tests
// membership like them (and, leniently, indexes like a list).
type dictView struct {
	kind  string
	items []starlark.Value
}

func (v *dictView) String() string {
	return v.kind + "(" + reprOf(starlark.NewList(v.items)) + ")"
}
func (v *dictView) Type() string               { return v.kind }
func (v *dictView) Freeze()                    {}
func (v *dictView) Truth() starlark.Bool       { return len(v.items) > 0 }
func (v *dictView) Hash() (uint32, error)      { return 0, errUnhashable(v.kind) }
func (v *dictView) Len() int                   { return len(v.items) }
func (v *dictView) Index(i int) starlark.Value { return v.items[i] }
func (v *dictView) Iterate() starlark.Iterator { return starlark.Tuple(v.items).Iterate() }
func (v *dictView) Slice(a, b, s int) starlark.Value {
	return starlark.NewList(v.items).Slice(a, b, s)
}

func errUnhashable(t string) error { return fmt.Errorf("unhashable type: '%s'", t) }
