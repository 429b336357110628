package builtins

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// FloatArray is a Starlark sequence of floats that is a view over a Go
// []float64, such as one timestep of a field or the x, y, z of one node.
// It never copies the data it views: reading it is O(1), and writing into it
// (a[i] = v) writes into the model the array came from. A view stays valid
// until the model's arrays are reallocated (by a method that adds or removes
// nodes, elements, members or timesteps); take .copy() to keep values.
//
// It supports len, indexing (negative indices count from the end), slicing
// (which returns a copy), iteration, 'in', == and !=, the arithmetic
// operators + - * / with a number or an array of the same length on either
// side (elementwise, IEEE rules: x/0 is ±inf or nan), unary - and +, and the
// methods min, max, sum, mean, tolist and copy. It is unhashable. A frozen
// array (one reachable from a loaded module) refuses writes.
type FloatArray struct {
	data   []float64
	frozen bool
}

// IntArray is a Starlark sequence of ints that is a view over a Go []int32,
// such as the connectivity of an element block (0-based node indices, as in
// exomerge) or the members of a node set. Like FloatArray it never copies,
// and writing into it writes into the model; when the values are node
// indices, a write outside 0..bound-1 is refused. Arithmetic with ints gives
// an IntArray (refusing overflow); with floats, or /, a FloatArray.
type IntArray struct {
	data   []int32
	frozen bool
	// bound, when positive, is the exclusive upper limit of a valid value,
	// which must also be non-negative (the node count for node indices).
	bound int
}

var (
	_ starlark.Sliceable   = (*FloatArray)(nil)
	_ starlark.HasSetIndex = (*FloatArray)(nil)
	_ starlark.Iterable    = (*FloatArray)(nil)
	_ starlark.Sequence    = (*FloatArray)(nil)
	_ starlark.Container   = (*FloatArray)(nil)
	_ starlark.HasBinary   = (*FloatArray)(nil)
	_ starlark.HasUnary    = (*FloatArray)(nil)
	_ starlark.HasAttrs    = (*FloatArray)(nil)
	_ starlark.Comparable  = (*FloatArray)(nil)

	_ starlark.Sliceable   = (*IntArray)(nil)
	_ starlark.HasSetIndex = (*IntArray)(nil)
	_ starlark.Iterable    = (*IntArray)(nil)
	_ starlark.Sequence    = (*IntArray)(nil)
	_ starlark.Container   = (*IntArray)(nil)
	_ starlark.HasBinary   = (*IntArray)(nil)
	_ starlark.HasUnary    = (*IntArray)(nil)
	_ starlark.HasAttrs    = (*IntArray)(nil)
	_ starlark.Comparable  = (*IntArray)(nil)
)

// NewFloatArray returns a FloatArray viewing data (not a copy).
func NewFloatArray(data []float64) *FloatArray { return &FloatArray{data: data} }

// NewIntArray returns an IntArray viewing data (not a copy). If bound is
// positive, writes must be in 0..bound-1.
func NewIntArray(data []int32, bound int) *IntArray { return &IntArray{data: data, bound: bound} }

// Data returns the slice the array views (not a copy).
func (a *FloatArray) Data() []float64 { return a.data }

// Data returns the slice the array views (not a copy).
func (a *IntArray) Data() []int32 { return a.data }

// reprMax is the longest array whose repr lists its values.
const reprMax = 8

// String returns a short summary: the values when there are at most
// reprMax, else the length, minimum and maximum.
func (a *FloatArray) String() string {
	return arrayRepr("float array", a.data, func(x float64) string { return starlark.Float(x).String() })
}

// String returns a short summary, as FloatArray.String does.
func (a *IntArray) String() string {
	return arrayRepr("int array", a.data, func(x int32) string { return fmt.Sprint(x) })
}

func arrayRepr[T cmp.Ordered](kind string, data []T, format func(T) string) string {
	var b strings.Builder
	b.WriteString("<" + kind)
	if len(data) <= reprMax {
		b.WriteString(" [")
		for i, x := range data {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(format(x))
		}
		b.WriteString("]>")
		return b.String()
	}
	lo, hi := minMax(data)
	fmt.Fprintf(&b, " len=%d min=%s max=%s>", len(data), format(lo), format(hi))
	return b.String()
}

// minMax returns the least and greatest values of a non-empty slice,
// ignoring NaNs unless all values are NaN.
func minMax[T cmp.Ordered](data []T) (lo, hi T) {
	lo, hi = data[0], data[0]
	for _, x := range data[1:] {
		if x < lo || lo != lo {
			lo = x
		}
		if x > hi || hi != hi {
			hi = x
		}
	}
	return lo, hi
}

// Type returns "float_array".
func (a *FloatArray) Type() string { return "float_array" }

// Type returns "int_array".
func (a *IntArray) Type() string { return "int_array" }

// Freeze makes the array refuse writes.
func (a *FloatArray) Freeze() { a.frozen = true }

// Freeze makes the array refuse writes.
func (a *IntArray) Freeze() { a.frozen = true }

// Truth reports whether the array is non-empty.
func (a *FloatArray) Truth() starlark.Bool { return len(a.data) > 0 }

// Truth reports whether the array is non-empty.
func (a *IntArray) Truth() starlark.Bool { return len(a.data) > 0 }

// Hash fails: arrays are mutable.
func (a *FloatArray) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: float_array") }

// Hash fails: arrays are mutable.
func (a *IntArray) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: int_array") }

// Len returns the number of values.
func (a *FloatArray) Len() int { return len(a.data) }

// Len returns the number of values.
func (a *IntArray) Len() int { return len(a.data) }

// Index returns value i, 0 <= i < Len().
func (a *FloatArray) Index(i int) starlark.Value { return starlark.Float(a.data[i]) }

// Index returns value i, 0 <= i < Len().
func (a *IntArray) Index(i int) starlark.Value { return starlark.MakeInt(int(a.data[i])) }

// Slice returns a new array holding a copy of the selected values.
func (a *FloatArray) Slice(start, end, step int) starlark.Value {
	return &FloatArray{data: sliceCopy(a.data, start, end, step)}
}

// Slice returns a new array holding a copy of the selected values.
func (a *IntArray) Slice(start, end, step int) starlark.Value {
	return &IntArray{data: sliceCopy(a.data, start, end, step), bound: a.bound}
}

func sliceCopy[T any](data []T, start, end, step int) []T {
	if step == 1 {
		return append([]T(nil), data[start:end]...)
	}
	var out []T
	for i := start; (step > 0 && i < end) || (step < 0 && i > end); i += step {
		out = append(out, data[i])
	}
	return out
}

// SetIndex writes v, a number, into value i of the viewed slice (and so into
// the model).
func (a *FloatArray) SetIndex(i int, v starlark.Value) error {
	if a.frozen {
		return fmt.Errorf("cannot assign to element of frozen float_array")
	}
	x, ok := starlark.AsFloat(v)
	if !ok {
		return fmt.Errorf("float_array: cannot assign %s, want a number", v.Type())
	}
	a.data[i] = x
	return nil
}

// SetIndex writes v, an int, into value i of the viewed slice (and so into
// the model).
func (a *IntArray) SetIndex(i int, v starlark.Value) error {
	if a.frozen {
		return fmt.Errorf("cannot assign to element of frozen int_array")
	}
	x, err := starlark.AsInt32(v)
	if err != nil {
		return fmt.Errorf("int_array: cannot assign %s: %v", v, err)
	}
	if a.bound > 0 && (x < 0 || x >= a.bound) {
		return fmt.Errorf("int_array: cannot assign %d: node indices here must be in 0..%d", x, a.bound-1)
	}
	a.data[i] = int32(x)
	return nil
}

// Iterate returns an iterator over the values.
func (a *FloatArray) Iterate() starlark.Iterator { return &floatIter{a: a} }

// Iterate returns an iterator over the values.
func (a *IntArray) Iterate() starlark.Iterator { return &intIter{a: a} }

type floatIter struct {
	a *FloatArray
	i int
}

func (it *floatIter) Next(p *starlark.Value) bool {
	if it.i >= len(it.a.data) {
		return false
	}
	*p = starlark.Float(it.a.data[it.i])
	it.i++
	return true
}
func (it *floatIter) Done() {}

type intIter struct {
	a *IntArray
	i int
}

func (it *intIter) Next(p *starlark.Value) bool {
	if it.i >= len(it.a.data) {
		return false
	}
	*p = starlark.MakeInt(int(it.a.data[it.i]))
	it.i++
	return true
}
func (it *intIter) Done() {}

// Has reports whether a number equal to y is in the array.
func (a *FloatArray) Has(y starlark.Value) (bool, error) {
	x, ok := starlark.AsFloat(y)
	if !ok {
		return false, nil
	}
	for _, v := range a.data {
		if v == x {
			return true, nil
		}
	}
	return false, nil
}

// Has reports whether a number equal to y is in the array.
func (a *IntArray) Has(y starlark.Value) (bool, error) {
	x, ok := starlark.AsFloat(y)
	if !ok {
		return false, nil
	}
	for _, v := range a.data {
		if float64(v) == x {
			return true, nil
		}
	}
	return false, nil
}

// CompareSameType supports == and != (same length and equal values).
func (a *FloatArray) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	return compareArrays(op, a.data, y.(*FloatArray).data, a.Type())
}

// CompareSameType supports == and != (same length and equal values).
func (a *IntArray) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	return compareArrays(op, a.data, y.(*IntArray).data, a.Type())
}

func compareArrays[T comparable](op syntax.Token, x, y []T, typ string) (bool, error) {
	eq := len(x) == len(y)
	for i := 0; eq && i < len(x); i++ {
		eq = x[i] == y[i]
	}
	switch op {
	case syntax.EQL:
		return eq, nil
	case syntax.NEQ:
		return !eq, nil
	}
	return false, fmt.Errorf("%s %s %s not supported (only == and !=)", typ, op, typ)
}

// Unary supports -a and +a, returning new arrays.
func (a *FloatArray) Unary(op syntax.Token) (starlark.Value, error) {
	switch op {
	case syntax.MINUS:
		out := make([]float64, len(a.data))
		for i, x := range a.data {
			out[i] = -x
		}
		return &FloatArray{data: out}, nil
	case syntax.PLUS:
		return &FloatArray{data: append([]float64(nil), a.data...)}, nil
	}
	return nil, nil
}

// Unary supports -a and +a, returning new arrays.
func (a *IntArray) Unary(op syntax.Token) (starlark.Value, error) {
	switch op {
	case syntax.MINUS:
		out := make([]int32, len(a.data))
		for i, x := range a.data {
			if x == math.MinInt32 {
				return nil, fmt.Errorf("int_array: -%d overflows int32", x)
			}
			out[i] = -x
		}
		return &IntArray{data: out}, nil
	case syntax.PLUS:
		return &IntArray{data: append([]int32(nil), a.data...)}, nil
	}
	return nil, nil
}

// operand is one side of an elementwise operation: a scalar or an array.
type operand struct {
	isArray bool
	isInt   bool // all values are ints
	scalar  float64
	floats  []float64
	ints    []int32
	n       int
}

func (o *operand) at(i int) float64 {
	switch {
	case !o.isArray:
		return o.scalar
	case o.ints != nil:
		return float64(o.ints[i])
	default:
		return o.floats[i]
	}
}

func (o *operand) intAt(i int) int64 {
	if o.isArray {
		return int64(o.ints[i])
	}
	return int64(o.scalar)
}

// asOperand classifies v, or reports false for an unsupported operand.
func asOperand(v starlark.Value) (operand, bool) {
	switch v := v.(type) {
	case *FloatArray:
		return operand{isArray: true, floats: v.data, n: len(v.data)}, true
	case *IntArray:
		return operand{isArray: true, isInt: true, ints: v.data, n: len(v.data)}, true
	case starlark.Int:
		i, ok := v.Int64()
		if !ok || i < math.MinInt32 || i > math.MaxInt32 {
			f, _ := starlark.AsFloat(v)
			return operand{scalar: f}, true
		}
		return operand{isInt: true, scalar: float64(i)}, true
	case starlark.Float:
		return operand{scalar: float64(v)}, true
	}
	return operand{}, false
}

// Binary implements elementwise + - * / with a number or an array.
func (a *FloatArray) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	return arrayBinary(a, op, y, side)
}

// Binary implements elementwise + - * / with a number or an array.
func (a *IntArray) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	return arrayBinary(a, op, y, side)
}

func arrayBinary(self starlark.Value, op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	switch op {
	case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH:
	default:
		return nil, nil
	}
	x, _ := asOperand(self)
	o, ok := asOperand(y)
	if !ok {
		return nil, nil // let Starlark report the unsupported operand
	}
	if side == starlark.Right {
		x, o = o, x
	}
	n := max(x.n, o.n)
	if x.isArray && o.isArray && x.n != o.n {
		return nil, fmt.Errorf("%s %s %s: lengths differ (%d and %d)", self.Type(), op, y.Type(), x.n, o.n)
	}
	if x.isInt && o.isInt && op != syntax.SLASH {
		out := make([]int32, n)
		for i := range out {
			var r int64
			switch a, b := x.intAt(i), o.intAt(i); op {
			case syntax.PLUS:
				r = a + b
			case syntax.MINUS:
				r = a - b
			case syntax.STAR:
				r = a * b
			}
			if r < math.MinInt32 || r > math.MaxInt32 {
				return nil, fmt.Errorf("int_array %s: value %d at index %d overflows int32", op, r, i)
			}
			out[i] = int32(r)
		}
		return &IntArray{data: out}, nil
	}
	out := make([]float64, n)
	switch op {
	case syntax.PLUS:
		for i := range out {
			out[i] = x.at(i) + o.at(i)
		}
	case syntax.MINUS:
		for i := range out {
			out[i] = x.at(i) - o.at(i)
		}
	case syntax.STAR:
		for i := range out {
			out[i] = x.at(i) * o.at(i)
		}
	case syntax.SLASH:
		for i := range out {
			out[i] = x.at(i) / o.at(i)
		}
	}
	return &FloatArray{data: out}, nil
}

// arrayMethod is one method of the array types, with its help text.
type arrayMethod struct {
	name, params, doc string
	float             func(a *FloatArray) (starlark.Value, error)
	int               func(a *IntArray) (starlark.Value, error)
}

// extremeMethod returns the min (greatest false) or max method of arrays.
func extremeMethod(name, doc string, greatest bool) arrayMethod {
	pick := func(lo, hi float64) float64 {
		if greatest {
			return hi
		}
		return lo
	}
	return arrayMethod{
		name: name,
		doc:  doc,
		float: func(a *FloatArray) (starlark.Value, error) {
			if len(a.data) == 0 {
				return nil, fmt.Errorf("%s: empty array", name)
			}
			return starlark.Float(pick(minMax(a.data))), nil
		},
		int: func(a *IntArray) (starlark.Value, error) {
			if len(a.data) == 0 {
				return nil, fmt.Errorf("%s: empty array", name)
			}
			lo, hi := minMax(a.data)
			return starlark.MakeInt(int(pick(float64(lo), float64(hi)))), nil
		},
	}
}

// arrayMethods lists the methods of FloatArray and IntArray.
var arrayMethods = []arrayMethod{
	extremeMethod("min", "Return the least value. It is an error on an empty array. NaNs are skipped unless every value is NaN.", false),
	extremeMethod("max", "Return the greatest value. It is an error on an empty array. NaNs are skipped unless every value is NaN.", true),
	{
		name: "sum",
		doc:  "Return the sum of the values (0.0, or 0 for an int array, when empty).",
		float: func(a *FloatArray) (starlark.Value, error) {
			s := 0.0
			for _, x := range a.data {
				s += x
			}
			return starlark.Float(s), nil
		},
		int: func(a *IntArray) (starlark.Value, error) {
			var s int64
			for _, x := range a.data {
				s += int64(x)
			}
			return starlark.MakeInt64(s), nil
		},
	},
	{
		name: "mean",
		doc:  "Return the arithmetic mean of the values as a float. It is an error on an empty array.",
		float: func(a *FloatArray) (starlark.Value, error) {
			if len(a.data) == 0 {
				return nil, fmt.Errorf("mean: empty array")
			}
			s := 0.0
			for _, x := range a.data {
				s += x
			}
			return starlark.Float(s / float64(len(a.data))), nil
		},
		int: func(a *IntArray) (starlark.Value, error) {
			if len(a.data) == 0 {
				return nil, fmt.Errorf("mean: empty array")
			}
			var s int64
			for _, x := range a.data {
				s += int64(x)
			}
			return starlark.Float(float64(s) / float64(len(a.data))), nil
		},
	},
	{
		name: "tolist",
		doc:  "Return a new list holding the values (a copy: changing it does not change the array).",
		float: func(a *FloatArray) (starlark.Value, error) {
			l := make([]starlark.Value, len(a.data))
			for i, x := range a.data {
				l[i] = starlark.Float(x)
			}
			return starlark.NewList(l), nil
		},
		int: func(a *IntArray) (starlark.Value, error) {
			l := make([]starlark.Value, len(a.data))
			for i, x := range a.data {
				l[i] = starlark.MakeInt(int(x))
			}
			return starlark.NewList(l), nil
		},
	},
	{
		name: "copy",
		doc:  "Return a new array holding a copy of the values, detached from the model: writing into it changes nothing else, and it stays valid whatever happens to the model.",
		float: func(a *FloatArray) (starlark.Value, error) {
			return &FloatArray{data: append([]float64(nil), a.data...)}, nil
		},
		int: func(a *IntArray) (starlark.Value, error) {
			return &IntArray{data: append([]int32(nil), a.data...)}, nil
		},
	},
}

func findArrayMethod(name string) *arrayMethod {
	for i := range arrayMethods {
		if arrayMethods[i].name == name {
			return &arrayMethods[i]
		}
	}
	return nil
}

// Attr returns the bound method name, or nil.
func (a *FloatArray) Attr(name string) (starlark.Value, error) {
	m := findArrayMethod(name)
	if m == nil {
		return nil, nil
	}
	return starlark.NewBuiltin(name, func(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
			return nil, err
		}
		return m.float(a)
	}).BindReceiver(a), nil
}

// Attr returns the bound method name, or nil.
func (a *IntArray) Attr(name string) (starlark.Value, error) {
	m := findArrayMethod(name)
	if m == nil {
		return nil, nil
	}
	return starlark.NewBuiltin(name, func(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
			return nil, err
		}
		return m.int(a)
	}).BindReceiver(a), nil
}

// AttrNames lists the array methods.
func (a *FloatArray) AttrNames() []string { return arrayMethodNames() }

// AttrNames lists the array methods.
func (a *IntArray) AttrNames() []string { return arrayMethodNames() }

func arrayMethodNames() []string {
	names := make([]string, len(arrayMethods))
	for i, m := range arrayMethods {
		names[i] = m.name
	}
	return names
}

// floatsOf converts v, a FloatArray, an IntArray or an iterable of numbers,
// into a new []float64 (always a copy, so the result never aliases the model).
func floatsOf(v starlark.Value) ([]float64, error) {
	switch v := v.(type) {
	case *FloatArray:
		return append([]float64(nil), v.data...), nil
	case *IntArray:
		out := make([]float64, len(v.data))
		for i, x := range v.data {
			out[i] = float64(x)
		}
		return out, nil
	case starlark.Mapping:
		return nil, fmt.Errorf("got %s, want a list or array of numbers", v.Type())
	case starlark.Iterable:
		var out []float64
		if s, ok := v.(starlark.Sequence); ok {
			out = make([]float64, 0, s.Len())
		}
		it := v.Iterate()
		defer it.Done()
		var x starlark.Value
		for i := 0; it.Next(&x); i++ {
			f, ok := starlark.AsFloat(x)
			if !ok {
				return nil, fmt.Errorf("item %d is %s, want a number", i, x.Type())
			}
			out = append(out, f)
		}
		return out, nil
	}
	return nil, fmt.Errorf("got %s, want a list or array of numbers", v.Type())
}

// intsOf converts v, an IntArray or an iterable of ints, into a new []int32.
func intsOf(v starlark.Value) ([]int32, error) {
	switch v := v.(type) {
	case *IntArray:
		return append([]int32(nil), v.data...), nil
	case starlark.Mapping:
		return nil, fmt.Errorf("got %s, want a list or array of ints", v.Type())
	case starlark.Iterable:
		var out []int32
		if s, ok := v.(starlark.Sequence); ok {
			out = make([]int32, 0, s.Len())
		}
		it := v.Iterate()
		defer it.Done()
		var x starlark.Value
		for i := 0; it.Next(&x); i++ {
			n, err := starlark.AsInt32(x)
			if err != nil {
				return nil, fmt.Errorf("item %d: %v", i, err)
			}
			out = append(out, int32(n))
		}
		return out, nil
	}
	return nil, fmt.Errorf("got %s, want a list or array of ints", v.Type())
}
