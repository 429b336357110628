package pyrun

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"

	"exosh/pyfmt"
)

type pyFunc func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)

// builtin makes a Python built-in function. A Go panic in fn (such as a
// missing argument indexed) becomes a TypeError naming the function.
func (itp *interp) builtin(name string, fn pyFunc) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (v starlark.Value, err error) {
		defer func() {
			if r := recover(); r != nil {
				v, err = nil, itp.newExc("TypeError", fmt.Sprintf("%s(): bad arguments %s (%v)", name, reprOf(args), r))
			}
		}()
		return fn(itp, args, kwargs)
	})
}

func kwarg(kwargs []starlark.Tuple, name string) starlark.Value {
	for _, kv := range kwargs {
		if string(kv[0].(starlark.String)) == name {
			return kv[1]
		}
	}
	return nil
}

// exception hierarchy: name -> base
var excTree = [][2]string{
	{"BaseException", ""}, {"SystemExit", "BaseException"}, {"KeyboardInterrupt", "BaseException"},
	{"Exception", "BaseException"}, {"ArithmeticError", "Exception"}, {"ZeroDivisionError", "ArithmeticError"},
	{"OverflowError", "ArithmeticError"}, {"FloatingPointError", "ArithmeticError"},
	{"AssertionError", "Exception"}, {"AttributeError", "Exception"}, {"EOFError", "Exception"},
	{"ImportError", "Exception"}, {"ModuleNotFoundError", "ImportError"},
	{"LookupError", "Exception"}, {"IndexError", "LookupError"}, {"KeyError", "LookupError"},
	{"NameError", "Exception"}, {"UnboundLocalError", "NameError"},
	{"OSError", "Exception"}, {"FileNotFoundError", "OSError"}, {"FileExistsError", "OSError"},
	{"PermissionError", "OSError"}, {"IsADirectoryError", "OSError"}, {"NotADirectoryError", "OSError"},
	{"RuntimeError", "Exception"}, {"NotImplementedError", "RuntimeError"}, {"RecursionError", "RuntimeError"},
	{"StopIteration", "Exception"}, {"SyntaxError", "Exception"}, {"TypeError", "Exception"},
	{"ValueError", "Exception"}, {"UnicodeError", "ValueError"}, {"Warning", "Exception"},
	{"UserWarning", "Warning"}, {"DeprecationWarning", "Warning"},
}

func (itp *interp) initBuiltins() {
	itp.excs = map[string]*Class{}
	b := map[string]starlark.Value{}
	object := &Class{name: "object", Dict: map[string]starlark.Value{}, itp: itp}
	b["object"] = object
	for _, e := range excTree {
		c := &Class{name: e[0], Base: itp.excs[e[1]], Dict: map[string]starlark.Value{}, exc: true, itp: itp}
		itp.excs[e[0]] = c
		b[e[0]] = c
	}
	b["IOError"] = itp.excs["OSError"]
	b["EnvironmentError"] = itp.excs["OSError"]
	itp.excs["BaseException"].Dict["__init__"] = itp.builtin("__init__", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if inst, ok := args[0].(*Instance); ok {
			inst.Attrs["args"] = append(starlark.Tuple(nil), args[1:]...)
			if inst.Class.isSub(itp.excs["SystemExit"]) {
				code := starlark.Value(starlark.None)
				if len(args) > 1 {
					code = args[1]
				}
				inst.Attrs["code"] = code
			}
		}
		return starlark.None, nil
	})
	itp.excs["BaseException"].Dict["__str__"] = itp.builtin("__str__", func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return starlark.String(excMessage(args[0].(*Instance))), nil
	})
	for _, name := range []string{"range", "hash", "dir"} {
		b[name] = starlark.Universe[name]
	}
	b["True"], b["False"], b["None"] = starlark.True, starlark.False, starlark.None
	fns := map[string]pyFunc{
		"print": biPrint, "str": biStr, "repr": biRepr, "int": biInt, "float": biFloat, "bool": biBool,
		"abs": biAbs, "round": biRound, "min": biMinMax(-1), "max": biMinMax(1), "sum": biSum,
		"sorted": biSorted, "reversed": biReversed, "enumerate": biEnumerate, "zip": biZip,
		"map": biMap, "filter": biFilter, "list": biList, "tuple": biTuple, "dict": biDict, "set": biSet,
		"frozenset": biSet, "isinstance": biIsinstance, "getattr": biGetattr, "setattr": biSetattr,
		"hasattr": biHasattr, "open": biOpen, "any": biAny, "all": biAll, "ord": biOrd, "chr": biChr,
		"hex": biBase(16, "0x"), "oct": biBase(8, "0o"), "bin": biBase(2, "0b"), "divmod": biDivmod,
		"pow": biPow, "exit": biExit, "quit": biExit, "format": biFormat, "staticmethod": biStatic,
		"classmethod": biStatic, "type": biType, "callable": biCallable, "id": biID, "iter": biIter,
		"next": biNext, "input": biInput, "issubclass": biIssubclass, "vars": biVars,
	}
	fns["__print2__"] = biPrint2
	fns["len"] = func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) != 1 {
			return nil, itp.newExc("TypeError", fmt.Sprintf("len() takes exactly one argument (%d given)", len(args)))
		}
		switch x := args[0].(type) {
		case starlark.String:
			return starlark.MakeInt(utf8.RuneCountInString(string(x))), nil
		case *Instance:
			f, ok := x.Class.lookup("__len__")
			if !ok {
				return nil, itp.newExc("TypeError", fmt.Sprintf("object of type '%s' has no len()", x.Class.name))
			}
			return itp.call(f, starlark.Tuple{x}, nil)
		}
		n := starlark.Len(args[0])
		if n < 0 {
			return nil, itp.newExc("TypeError", fmt.Sprintf("object of type '%s' has no len()", pyType(args[0])))
		}
		return starlark.MakeInt(n), nil
	}
	fns["property"] = func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		return &property{fget: args[0]}, nil
	}
	fns["super"] = func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		if len(args) == 2 {
			if c, ok := args[0].(*Class); ok {
				return &superProxy{class: c.Base, self: args[1], itp: itp}, nil
			}
		}
		return nil, itp.newExc("RuntimeError", "super(): use super() inside a method, or super(Class, self)")
	}
	for name, fn := range fns {
		b[name] = itp.builtin(name, fn)
	}
	b["xrange"] = b["range"]
	b["unicode"] = b["str"]
	b["long"] = b["int"]
	b["raw_input"] = b["input"]
	itp.builtins = b
}

func biPrint(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	itp.softspace = false
	sep, end := " ", "\n"
	var w io.Writer = itp.stdout
	if v := kwarg(kwargs, "sep"); v != nil && v != starlark.None {
		sep = itp.str(v)
	}
	if v := kwarg(kwargs, "end"); v != nil && v != starlark.None {
		end = itp.str(v)
	}
	if v := kwarg(kwargs, "file"); v != nil && v != starlark.None {
		f, ok := v.(*file)
		if !ok {
			return nil, itp.newExc("TypeError", "print(file=...) needs a file opened with open() or sys.stdout/sys.stderr")
		}
		var b strings.Builder
		for i, a := range args {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(itp.str(a))
		}
		b.WriteString(end)
		return starlark.None, f.write(b.String())
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(itp.str(a))
	}
	b.WriteString(end)
	_, err := io.WriteString(w, b.String())
	if v := kwarg(kwargs, "flush"); v != nil && itp.truth(v) {
		if bw, ok := w.(*bufio.Writer); ok {
			bw.Flush()
		}
	}
	return starlark.None, err
}

// biPrint2 is Python 2's print statement, which the preprocessor turns
// into __print2__(trailing_comma, file_or_None, items...): items are
// separated by spaces, and a trailing comma leaves a pending space that the
// next item (not a newline) writes, as Python 2's softspace did.
func biPrint2(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	comma := itp.truth(args[0])
	var b strings.Builder
	for _, a := range args[2:] {
		if itp.softspace {
			b.WriteByte(' ')
		}
		s := itp.str(a)
		b.WriteString(s)
		itp.softspace = !strings.HasSuffix(s, "\n")
	}
	if !comma {
		b.WriteByte('\n')
		itp.softspace = false
	}
	if f, ok := args[1].(*file); ok {
		return starlark.None, f.write(b.String())
	}
	_, err := io.WriteString(itp.stdout, b.String())
	return starlark.None, err
}

func biStr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.String(""), nil
	}
	return starlark.String(itp.str(args[0])), nil
}

func biRepr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 {
		return nil, itp.newExc("TypeError", "repr() takes exactly one argument")
	}
	return starlark.String(itp.repr(args[0])), nil
}

func biInt(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.MakeInt(0), nil
	}
	base := 10
	if len(args) > 1 {
		base, _ = starlark.AsInt32(args[1])
	}
	if v := kwarg(kwargs, "base"); v != nil {
		base, _ = starlark.AsInt32(v)
	}
	switch x := args[0].(type) {
	case starlark.Int:
		return x, nil
	case starlark.Bool:
		return boolInt(x), nil
	case starlark.Float:
		f := float64(x)
		if math.IsInf(f, 0) {
			return nil, itp.newExc("OverflowError", "cannot convert float infinity to integer")
		}
		if math.IsNaN(f) {
			return nil, itp.newExc("ValueError", "cannot convert float NaN to integer")
		}
		z, _ := big.NewFloat(math.Trunc(f)).Int(nil)
		return starlark.MakeBigInt(z), nil
	case starlark.String:
		s := strings.ReplaceAll(strings.TrimSpace(string(x)), "_", "")
		z, ok := new(big.Int).SetString(s, base)
		if !ok || s == "" {
			return nil, itp.newExc("ValueError", fmt.Sprintf("invalid literal for int() with base %d: %s", base, pyfmt.Quote(string(x))))
		}
		return starlark.MakeBigInt(z), nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("int() argument must be a string, a bytes-like object or a real number, not '%s'", pyType(args[0])))
}

func biFloat(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.Float(0), nil
	}
	switch x := args[0].(type) {
	case starlark.Float:
		return x, nil
	case starlark.Int:
		return starlark.Float(x.Float()), nil
	case starlark.Bool:
		return starlark.Float(boolInt(x).Float()), nil
	case starlark.String:
		s := strings.ToLower(strings.TrimSpace(string(x)))
		switch strings.TrimLeft(s, "+-") {
		case "inf", "infinity":
			if strings.HasPrefix(s, "-") {
				return starlark.Float(math.Inf(-1)), nil
			}
			return starlark.Float(math.Inf(1)), nil
		case "nan":
			return starlark.Float(math.NaN()), nil
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return nil, itp.newExc("ValueError", fmt.Sprintf("could not convert string to float: %s", pyfmt.Quote(string(x))))
		}
		return starlark.Float(f), nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("float() argument must be a string or a real number, not '%s'", pyType(args[0])))
}

func biBool(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.False, nil
	}
	return starlark.Bool(itp.truth(args[0])), nil
}

func biAbs(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	switch x := args[0].(type) {
	case starlark.Int:
		if x.Sign() < 0 {
			return starlark.Unary(syntaxMinus, x)
		}
		return x, nil
	case starlark.Float:
		return starlark.Float(math.Abs(float64(x))), nil
	case starlark.Bool:
		return boolInt(x), nil
	}
	return nil, itp.newExc("TypeError", fmt.Sprintf("bad operand type for abs(): '%s'", pyType(args[0])))
}

func biRound(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, itp.newExc("TypeError", "round() missing required argument 'number' (pos 1)")
	}
	nd := starlark.Value(starlark.None)
	if len(args) > 1 {
		nd = args[1]
	}
	if v := kwarg(kwargs, "ndigits"); v != nil {
		nd = v
	}
	if i, ok := args[0].(starlark.Int); ok {
		if nd == starlark.None {
			return i, nil
		}
		n, _ := starlark.AsInt32(nd)
		if n >= 0 {
			return i, nil
		}
		f := float64(i.Float())
		p := math.Pow(10, float64(-n))
		return starlark.MakeInt64(int64(math.RoundToEven(f/p) * p)), nil
	}
	f, ok := starlark.AsFloat(args[0])
	if !ok {
		return nil, itp.newExc("TypeError", fmt.Sprintf("type %s doesn't define __round__ method", pyType(args[0])))
	}
	if nd == starlark.None {
		r := math.RoundToEven(f)
		if math.IsInf(r, 0) || math.IsNaN(r) {
			return nil, itp.newExc("OverflowError", "cannot convert float infinity to integer")
		}
		z, _ := big.NewFloat(r).Int(nil)
		return starlark.MakeBigInt(z), nil
	}
	n, _ := starlark.AsInt32(nd)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return starlark.Float(f), nil
	}
	if n >= 0 {
		// correctly rounded decimal conversion, as Python's round
		r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', n, 64), 64)
		return starlark.Float(r), nil
	}
	p := math.Pow(10, float64(-n))
	return starlark.Float(math.RoundToEven(f/p) * p), nil
}

func (itp *interp) keyFunc(kwargs []starlark.Tuple) (func(starlark.Value) (starlark.Value, error), error) {
	k := kwarg(kwargs, "key")
	if k == nil || k == starlark.None {
		return func(v starlark.Value) (starlark.Value, error) { return v, nil }, nil
	}
	return func(v starlark.Value) (starlark.Value, error) { return itp.call(k, starlark.Tuple{v}, nil) }, nil
}

func biMinMax(sign int) pyFunc {
	name := "max"
	if sign < 0 {
		name = "min"
	}
	return func(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		items := []starlark.Value(args)
		if len(args) == 1 {
			var err error
			if items, err = itp.iterate(args[0]); err != nil {
				return nil, err
			}
		}
		if len(items) == 0 {
			if d := kwarg(kwargs, "default"); d != nil {
				return d, nil
			}
			return nil, itp.newExc("ValueError", name+"() arg is an empty sequence")
		}
		key, _ := itp.keyFunc(kwargs)
		best := items[0]
		bk, err := key(best)
		if err != nil {
			return nil, err
		}
		for _, v := range items[1:] {
			k, err := key(v)
			if err != nil {
				return nil, err
			}
			op := ltOp
			if sign > 0 {
				op = gtOp
			}
			better, err := itp.compare(op, k, bk)
			if err != nil {
				return nil, err
			}
			if better {
				best, bk = v, k
			}
		}
		return best, nil
	}
}

func biSum(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return nil, itp.newExc("TypeError", "sum() takes at least 1 positional argument (0 given)")
	}
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	var acc starlark.Value = starlark.MakeInt(0)
	if len(args) > 1 {
		acc = args[1]
	}
	if v := kwarg(kwargs, "start"); v != nil {
		acc = v
	}
	for _, x := range items {
		if acc, err = itp.binop(addOp, acc, x); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

func biSorted(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 {
		return nil, itp.newExc("TypeError", "sorted expected 1 argument")
	}
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	items = append([]starlark.Value(nil), items...)
	if err := itp.sortValues(items, kwargs); err != nil {
		return nil, err
	}
	return starlark.NewList(items), nil
}

func (itp *interp) sortValues(items []starlark.Value, kwargs []starlark.Tuple) error {
	key, _ := itp.keyFunc(kwargs)
	keys := make([]starlark.Value, len(items))
	for i, v := range items {
		k, err := key(v)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	rev := false
	if v := kwarg(kwargs, "reverse"); v != nil {
		rev = itp.truth(v)
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if rev {
			x, y = y, x
		}
		lt, err := itp.compare(ltOp, x, y)
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		return lt
	})
	if cmpErr != nil {
		return cmpErr
	}
	out := make([]starlark.Value, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	copy(items, out)
	return nil
}

func biReversed(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	out := make([]starlark.Value, len(items))
	for i, v := range items {
		out[len(items)-1-i] = v
	}
	return starlark.NewList(out), nil
}

func biEnumerate(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	start := 0
	if len(args) > 1 {
		start, _ = starlark.AsInt32(args[1])
	}
	if v := kwarg(kwargs, "start"); v != nil {
		start, _ = starlark.AsInt32(v)
	}
	out := make([]starlark.Value, len(items))
	for i, v := range items {
		out[i] = starlark.Tuple{starlark.MakeInt(start + i), v}
	}
	return starlark.NewList(out), nil
}

func biZip(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	var lists [][]starlark.Value
	n := -1
	for _, a := range args {
		items, err := itp.iterate(a)
		if err != nil {
			return nil, err
		}
		lists = append(lists, items)
		if n < 0 || len(items) < n {
			n = len(items)
		}
	}
	out := make([]starlark.Value, max(n, 0))
	for i := range out {
		t := make(starlark.Tuple, len(lists))
		for j := range lists {
			t[j] = lists[j][i]
		}
		out[i] = t
	}
	return starlark.NewList(out), nil
}

func biMap(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 {
		return nil, itp.newExc("TypeError", "map() must have at least two arguments.")
	}
	z, err := biZip(itp, args[1:], nil)
	if err != nil {
		return nil, err
	}
	var out []starlark.Value
	zl := z.(*starlark.List)
	for i := 0; i < zl.Len(); i++ {
		v, err := itp.call(args[0], zl.Index(i).(starlark.Tuple), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return starlark.NewList(out), nil
}

func biFilter(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	items, err := itp.iterate(args[1])
	if err != nil {
		return nil, err
	}
	var out []starlark.Value
	for _, v := range items {
		keep := itp.truth(v)
		if args[0] != starlark.None {
			r, err := itp.call(args[0], starlark.Tuple{v}, nil)
			if err != nil {
				return nil, err
			}
			keep = itp.truth(r)
		}
		if keep {
			out = append(out, v)
		}
	}
	return starlark.NewList(out), nil
}

func biList(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.NewList(nil), nil
	}
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	return starlark.NewList(append([]starlark.Value(nil), items...)), nil
}

func biTuple(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.Tuple{}, nil
	}
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	return starlark.Tuple(append([]starlark.Value(nil), items...)), nil
}

func biDict(itp *interp, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	d := starlark.NewDict(len(kwargs))
	if len(args) > 0 {
		if m, ok := args[0].(starlark.IterableMapping); ok {
			for _, kv := range m.Items() {
				d.SetKey(kv[0], kv[1])
			}
		} else {
			items, err := itp.iterate(args[0])
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				kv, err := itp.iterate(it)
				if err != nil || len(kv) != 2 {
					return nil, itp.newExc("ValueError", "dictionary update sequence element has wrong length")
				}
				if err := d.SetKey(kv[0], kv[1]); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, kv := range kwargs {
		d.SetKey(kv[0], kv[1])
	}
	return d, nil
}

func biSet(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	s := starlark.NewSet(0)
	if len(args) > 0 {
		items, err := itp.iterate(args[0])
		if err != nil {
			return nil, err
		}
		for _, v := range items {
			if err := s.Insert(v); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// typeNames maps the builtin type functions to the Starlark types they
// stand for in isinstance.
var typeNames = map[string][]string{
	"int": {"int"}, "float": {"float"}, "str": {"string"}, "list": {"list"}, "dict": {"dict"},
	"tuple": {"tuple"}, "bool": {"bool"}, "set": {"set"}, "unicode": {"string"}, "long": {"int"},
}

func (itp *interp) isInstance(v, t starlark.Value) bool {
	switch c := t.(type) {
	case starlark.Tuple:
		for _, x := range c {
			if itp.isInstance(v, x) {
				return true
			}
		}
	case *Class:
		if c.name == "object" {
			return true
		}
		inst, ok := v.(*Instance)
		return ok && inst.Class.isSub(c)
	case *starlark.Builtin:
		if c.Name() == v.Type() {
			return true // exomerge.ExodusModel and the like
		}
		for _, tn := range typeNames[c.Name()] {
			if v.Type() == tn {
				return true
			}
			if c.Name() == "int" && v.Type() == "bool" {
				return true
			}
			if tn == "list" {
				if _, isSeq := v.(starlark.Indexable); isSeq && v.Type() != "string" && v.Type() != "tuple" {
					return true
				}
			}
		}
	}
	return false
}

func biIsinstance(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 {
		return nil, itp.newExc("TypeError", "isinstance expected 2 arguments")
	}
	return starlark.Bool(itp.isInstance(args[0], args[1])), nil
}

func biIssubclass(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	c, ok1 := args[0].(*Class)
	b, ok2 := args[1].(*Class)
	return starlark.Bool(ok1 && ok2 && c.isSub(b)), nil
}

func biGetattr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) < 2 {
		return nil, itp.newExc("TypeError", "getattr expected at least 2 arguments")
	}
	v, err := itp.getattr(args[0], itp.str(args[1]))
	if err != nil && len(args) > 2 {
		return args[2], nil
	}
	return v, err
}

func biSetattr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	return starlark.None, itp.setattr(args[0], itp.str(args[1]), args[2])
}

func biHasattr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	_, err := itp.getattr(args[0], itp.str(args[1]))
	return starlark.Bool(err == nil), nil
}

func biAny(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	for _, v := range items {
		if itp.truth(v) {
			return starlark.True, nil
		}
	}
	return starlark.False, nil
}

func biAll(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	for _, v := range items {
		if !itp.truth(v) {
			return starlark.False, nil
		}
	}
	return starlark.True, nil
}

func biOrd(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	s, ok := args[0].(starlark.String)
	r := []rune(string(s))
	if !ok || len(r) != 1 {
		return nil, itp.newExc("TypeError", "ord() expected a character")
	}
	return starlark.MakeInt(int(r[0])), nil
}

func biChr(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	n, err := starlark.AsInt32(args[0])
	if err != nil {
		return nil, itp.newExc("TypeError", "an integer is required")
	}
	return starlark.String(string(rune(n))), nil
}

func biBase(base int, prefix string) pyFunc {
	return func(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		i, ok := args[0].(starlark.Int)
		if !ok {
			return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object cannot be interpreted as an integer", pyType(args[0])))
		}
		z := i.BigInt()
		if z.Sign() < 0 {
			return starlark.String("-" + prefix + new(big.Int).Neg(z).Text(base)), nil
		}
		return starlark.String(prefix + z.Text(base)), nil
	}
}

func biDivmod(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	q, err := itp.binop(floorDivOp, args[0], args[1])
	if err != nil {
		return nil, err
	}
	r, err := itp.binop(modOp, args[0], args[1])
	if err != nil {
		return nil, err
	}
	return starlark.Tuple{q, r}, nil
}

func biPow(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 3 {
		a, _ := args[0].(starlark.Int)
		b, _ := args[1].(starlark.Int)
		m, _ := args[2].(starlark.Int)
		return starlark.MakeBigInt(new(big.Int).Exp(a.BigInt(), b.BigInt(), m.BigInt())), nil
	}
	return itp.binop(powOp, args[0], args[1])
}

func biExit(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	code := starlark.Value(starlark.None)
	if len(args) > 0 {
		code = args[0]
	}
	return nil, itp.systemExit(code)
}

func biFormat(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	spec := ""
	if len(args) > 1 {
		spec = itp.str(args[1])
	}
	s, err := itp.formatValue(args[0], spec)
	if err != nil {
		return nil, itp.toExc(err)
	}
	return starlark.String(s), nil
}

func biStatic(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	return &staticMethod{fn: args[0]}, nil
}

func biType(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	switch x := args[0].(type) {
	case *Instance:
		return x.Class, nil
	}
	for name, tns := range typeNames {
		if tns[0] == args[0].Type() && name != "unicode" && name != "long" {
			return itp.builtins[name], nil
		}
	}
	return starlark.String(pyType(args[0])), nil
}

func biCallable(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	_, ok := args[0].(starlark.Callable)
	return starlark.Bool(ok), nil
}

// biID is id(x): the address of a reference value, or the hash of a
// plain value (equal small values share an id, as cached ones do in
// CPython).
func biID(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 1 {
		return nil, itp.newExc("TypeError", "id() takes exactly one argument")
	}
	if p, err := strconv.ParseUint(strings.TrimPrefix(fmt.Sprintf("%p", args[0]), "0x"), 16, 64); err == nil && p != 0 {
		return starlark.MakeUint64(p), nil
	}
	h, err := args[0].Hash()
	if err != nil {
		return nil, itp.toExc(err)
	}
	return starlark.MakeUint64(uint64(h)), nil
}

// iterator is the value of iter(x): next() takes its items in turn.
type iterator struct {
	items []starlark.Value
	pos   int
}

func (it *iterator) String() string        { return "<iterator>" }
func (it *iterator) Type() string          { return "iterator" }
func (it *iterator) Freeze()               {}
func (it *iterator) Truth() starlark.Bool  { return true }
func (it *iterator) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: iterator") }
func (it *iterator) Iterate() starlark.Iterator {
	rest := it.items[it.pos:]
	it.pos = len(it.items)
	return starlark.Tuple(rest).Iterate()
}

func biIter(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if it, ok := args[0].(*iterator); ok {
		return it, nil
	}
	items, err := itp.iterate(args[0])
	if err != nil {
		return nil, err
	}
	return &iterator{items: items}, nil
}

func biNext(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	it, ok := args[0].(*iterator)
	if !ok {
		if f, isF := args[0].(*file); isF {
			line, err := f.readline()
			if err != nil {
				return nil, err
			}
			if line == "" {
				return nil, itp.newExcArgs("StopIteration", nil)
			}
			return starlark.String(line), nil
		}
		return nil, itp.newExc("TypeError", fmt.Sprintf("'%s' object is not an iterator", pyType(args[0])))
	}
	if it.pos >= len(it.items) {
		if len(args) > 1 {
			return args[1], nil
		}
		return nil, itp.newExcArgs("StopIteration", nil)
	}
	it.pos++
	return it.items[it.pos-1], nil
}

func biInput(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 0 {
		fmt.Fprint(itp.stdout, itp.str(args[0]))
	}
	if bw, ok := itp.stdout.(*bufio.Writer); ok {
		bw.Flush()
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if line == "" && err != nil {
		return nil, itp.newExc("EOFError", "EOF when reading a line")
	}
	return starlark.String(strings.TrimRight(line, "\r\n")), nil
}

func biVars(itp *interp, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
	d := starlark.NewDict(0)
	if len(args) == 1 {
		if ns, ok := args[0].(*namespace); ok {
			for _, k := range ns.keys {
				d.SetKey(starlark.String(k), ns.vals[k])
			}
		}
		if inst, ok := args[0].(*Instance); ok {
			keys := inst.AttrNames()
			for _, k := range keys {
				d.SetKey(starlark.String(k), inst.Attrs[k])
			}
		}
	}
	return d, nil
}
