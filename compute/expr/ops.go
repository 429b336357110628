package expr

import (
	"math"
	"sort"
)

// op is an operation of the compiled tree and of the vector code.
type op uint8

const (
	opConst  op = iota // constant value
	opScalar           // scalar name
	opArray            // array name

	// unary
	opNeg
	opNot
	opSqrt
	opAbs
	opSquare // x**2, computed as x*x
	opFloor
	opCeil
	opTrunc
	opRound
	opHinge // x - |x|: exomerge's ">=" distance, without repeating x
	opFn1   // generic: node.f1

	// binary
	opAdd
	opSub
	opMul
	opDiv
	opMod      // Python float %
	opFloorDiv // Python float //
	opPow
	opLT
	opLE
	opGT
	opGE
	opEQ
	opNE
	opAnd // Python "and": a if a is falsy else b
	opOr  // Python "or": a if a is truthy else b
	opMin // Python min(a, b): b if b < a else a
	opMax // Python max(a, b): b if b > a else a
	opFn2 // generic: node.f2

	// ternary
	opCond   // args: condition, if-true, if-false
	opMulAdd // x*y + z (vector code only)
	opMulSub // x*y - z (vector code only)
	opSubMul // z - x*y (vector code only)

	// vector code only
	opFill // broadcast a scalar register
	opCopy // copy an array input
)

// arity returns the number of operands of o.
func (o op) arity() int {
	switch {
	case o >= opNeg && o <= opFn1:
		return 1
	case o >= opAdd && o <= opFn2:
		return 2
	case o >= opCond && o <= opSubMul:
		return 3
	}
	return 0
}

var opNames = [...]string{
	opNeg: "-", opNot: "not", opSqrt: "sqrt", opAbs: "abs", opSquare: "square",
	opFloor: "floor", opCeil: "ceil", opTrunc: "trunc", opRound: "round", opHinge: "hinge",
	opAdd: "+", opSub: "-", opMul: "*", opDiv: "/", opMod: "%", opFloorDiv: "//",
	opPow: "**", opLT: "<", opLE: "<=", opGT: ">", opGE: ">=", opEQ: "==", opNE: "!=",
	opAnd: "and", opOr: "or", opMin: "min", opMax: "max", opCond: "if",
	opMulAdd: "muladd", opMulSub: "mulsub", opSubMul: "submul",
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// pyMod is Python's float %: the result has the sign of b. A zero divisor,
// where Python raises ZeroDivisionError, gives NaN (as numpy does).
func pyMod(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	m := math.Mod(a, b)
	if m != 0 {
		if (b < 0) != (m < 0) {
			m += b
		}
	} else {
		m = math.Copysign(0, b)
	}
	return m
}

// pyFloorDiv is Python's float //. A zero divisor, where Python raises
// ZeroDivisionError, gives a/b (±Inf or NaN, as numpy does).
func pyFloorDiv(a, b float64) float64 {
	if b == 0 {
		return a / b
	}
	m := math.Mod(a, b)
	div := (a - m) / b
	if m != 0 && (b < 0) != (m < 0) {
		div -= 1
	}
	if div == 0 {
		return math.Copysign(0, a/b)
	}
	f := math.Floor(div)
	if div-f > 0.5 {
		f++
	}
	return f
}

// Python's floor, ceil, trunc, round and int return ints, which have no
// negative zero: adding +0 turns -0 into +0 and changes nothing else.

func pyFloor(a float64) float64 { return math.Floor(a) + 0 }
func pyCeil(a float64) float64  { return math.Ceil(a) + 0 }
func pyTrunc(a float64) float64 { return math.Trunc(a) + 0 }

// pyRound is Python 3's round(x): halves go to the even neighbour.
func pyRound(a float64) float64 { return math.RoundToEven(a) + 0 }

func pyAnd(a, b float64) float64 {
	if a == 0 {
		return a
	}
	return b
}

func pyOr(a, b float64) float64 {
	if a != 0 {
		return a
	}
	return b
}

func pyMin(a, b float64) float64 {
	if b < a {
		return b
	}
	return a
}

func pyMax(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

func pyCond(c, t, f float64) float64 {
	if c != 0 {
		return t
	}
	return f
}

// apply1 is the scalar meaning of a unary operation; the vector kernels
// compute exactly the same expressions.
func apply1(o op, f1 func(float64) float64, a float64) float64 {
	switch o {
	case opNeg:
		return -a
	case opNot:
		return b2f(a == 0)
	case opSqrt:
		return math.Sqrt(a)
	case opAbs:
		return math.Abs(a)
	case opSquare:
		return a * a
	case opFloor:
		return pyFloor(a)
	case opCeil:
		return pyCeil(a)
	case opTrunc:
		return pyTrunc(a)
	case opRound:
		return pyRound(a)
	case opHinge:
		return a - math.Abs(a)
	case opFn1:
		return f1(a)
	}
	panic("expr: internal error: apply1 on " + opNames[o])
}

// apply2 is the scalar meaning of a binary operation.
func apply2(o op, f2 func(float64, float64) float64, a, b float64) float64 {
	switch o {
	case opAdd:
		return a + b
	case opSub:
		return a - b
	case opMul:
		return a * b
	case opDiv:
		return a / b
	case opMod:
		return pyMod(a, b)
	case opFloorDiv:
		return pyFloorDiv(a, b)
	case opPow:
		return math.Pow(a, b)
	case opLT:
		return b2f(a < b)
	case opLE:
		return b2f(a <= b)
	case opGT:
		return b2f(a > b)
	case opGE:
		return b2f(a >= b)
	case opEQ:
		return b2f(a == b)
	case opNE:
		return b2f(a != b)
	case opAnd:
		return pyAnd(a, b)
	case opOr:
		return pyOr(a, b)
	case opMin:
		return pyMin(a, b)
	case opMax:
		return pyMax(a, b)
	case opFn2:
		return f2(a, b)
	}
	panic("expr: internal error: apply2 on " + opNames[o])
}

// binFunc returns a function computing apply2(o, f2, ., .), for the
// generic vector kernels.
func binFunc(o op, f2 func(float64, float64) float64) func(float64, float64) float64 {
	switch o {
	case opAdd:
		return func(a, b float64) float64 { return a + b }
	case opSub:
		return func(a, b float64) float64 { return a - b }
	case opMul:
		return func(a, b float64) float64 { return a * b }
	case opDiv:
		return func(a, b float64) float64 { return a / b }
	case opMod:
		return pyMod
	case opFloorDiv:
		return pyFloorDiv
	case opPow:
		return math.Pow
	case opLT:
		return func(a, b float64) float64 { return b2f(a < b) }
	case opLE:
		return func(a, b float64) float64 { return b2f(a <= b) }
	case opGT:
		return func(a, b float64) float64 { return b2f(a > b) }
	case opGE:
		return func(a, b float64) float64 { return b2f(a >= b) }
	case opEQ:
		return func(a, b float64) float64 { return b2f(a == b) }
	case opNE:
		return func(a, b float64) float64 { return b2f(a != b) }
	case opAnd:
		return pyAnd
	case opOr:
		return pyOr
	case opMin:
		return pyMin
	case opMax:
		return pyMax
	case opFn2:
		return f2
	}
	panic("expr: internal error: binFunc on " + opNames[o])
}

// unFunc returns a function computing apply1(o, f1, .).
func unFunc(o op, f1 func(float64) float64) func(float64) float64 {
	switch o {
	case opNeg:
		return func(a float64) float64 { return -a }
	case opNot:
		return func(a float64) float64 { return b2f(a == 0) }
	case opSqrt:
		return math.Sqrt
	case opAbs:
		return math.Abs
	case opSquare:
		return func(a float64) float64 { return a * a }
	case opFloor:
		return pyFloor
	case opCeil:
		return pyCeil
	case opTrunc:
		return pyTrunc
	case opRound:
		return pyRound
	case opHinge:
		return func(a float64) float64 { return a - math.Abs(a) }
	case opFn1:
		return f1
	}
	panic("expr: internal error: unFunc on " + opNames[o])
}

// function describes a callable name.
type function struct {
	min, max int // number of arguments; max < 0: no limit
	math     bool
	builtin  bool
	// build makes the node for a call with checked arguments.
	build func(args []*node) *node
}

func unary(o op) func([]*node) *node {
	return func(a []*node) *node { return &node{op: o, args: a} }
}

func unaryFn(f func(float64) float64) func([]*node) *node {
	return func(a []*node) *node { return &node{op: opFn1, f1: f, args: a} }
}

func binary(o op) func([]*node) *node {
	return func(a []*node) *node { return &node{op: o, args: a} }
}

func binaryFn(f func(float64, float64) float64) func([]*node) *node {
	return func(a []*node) *node { return &node{op: opFn2, f2: f, args: a} }
}

// chain folds n arguments left to right: min(a, b, c) is min(min(a, b), c),
// as Python's min scans its arguments.
func chain(o op) func([]*node) *node {
	return func(a []*node) *node {
		n := a[0]
		for _, x := range a[1:] {
			n = &node{op: o, args: []*node{n, x}}
		}
		return n
	}
}

const (
	radToDeg = 180.0 / math.Pi
	degToRad = math.Pi / 180.0
)

// functions lists the callable names. "math" functions may also be written
// math.NAME; "builtin" ones are Python builtins. Both may be called bare.
var functions = map[string]function{
	"abs":   {1, 1, false, true, unary(opAbs)},
	"min":   {2, -1, false, true, chain(opMin)},
	"max":   {2, -1, false, true, chain(opMax)},
	"pow":   {2, 2, true, true, binary(opPow)},
	"round": {1, 1, false, true, unary(opRound)},
	"int":   {1, 1, false, true, unary(opTrunc)},
	"float": {1, 1, false, true, func(a []*node) *node { return a[0] }},

	"sqrt":  {1, 1, true, false, unary(opSqrt)},
	"fabs":  {1, 1, true, false, unary(opAbs)},
	"floor": {1, 1, true, false, unary(opFloor)},
	"ceil":  {1, 1, true, false, unary(opCeil)},
	"trunc": {1, 1, true, false, unary(opTrunc)},
	"exp":   {1, 1, true, false, unaryFn(math.Exp)},
	"expm1": {1, 1, true, false, unaryFn(math.Expm1)},
	"log": {1, 2, true, false, func(a []*node) *node {
		l := &node{op: opFn1, f1: math.Log, args: a[:1]}
		if len(a) == 1 {
			return l
		}
		// Python: log(x, base) = log(x) / log(base).
		return &node{op: opDiv, args: []*node{l, {op: opFn1, f1: math.Log, args: a[1:]}}}
	}},
	"log10":    {1, 1, true, false, unaryFn(math.Log10)},
	"log2":     {1, 1, true, false, unaryFn(math.Log2)},
	"log1p":    {1, 1, true, false, unaryFn(math.Log1p)},
	"sin":      {1, 1, true, false, unaryFn(math.Sin)},
	"cos":      {1, 1, true, false, unaryFn(math.Cos)},
	"tan":      {1, 1, true, false, unaryFn(math.Tan)},
	"asin":     {1, 1, true, false, unaryFn(math.Asin)},
	"acos":     {1, 1, true, false, unaryFn(math.Acos)},
	"atan":     {1, 1, true, false, unaryFn(math.Atan)},
	"sinh":     {1, 1, true, false, unaryFn(math.Sinh)},
	"cosh":     {1, 1, true, false, unaryFn(math.Cosh)},
	"tanh":     {1, 1, true, false, unaryFn(math.Tanh)},
	"asinh":    {1, 1, true, false, unaryFn(math.Asinh)},
	"acosh":    {1, 1, true, false, unaryFn(math.Acosh)},
	"atanh":    {1, 1, true, false, unaryFn(math.Atanh)},
	"erf":      {1, 1, true, false, unaryFn(math.Erf)},
	"erfc":     {1, 1, true, false, unaryFn(math.Erfc)},
	"gamma":    {1, 1, true, false, unaryFn(math.Gamma)},
	"degrees":  {1, 1, true, false, unaryFn(func(x float64) float64 { return x * radToDeg })},
	"radians":  {1, 1, true, false, unaryFn(func(x float64) float64 { return x * degToRad })},
	"atan2":    {2, 2, true, false, binaryFn(math.Atan2)},
	"hypot":    {2, 2, true, false, binaryFn(math.Hypot)},
	"fmod":     {2, 2, true, false, binaryFn(math.Mod)},
	"copysign": {2, 2, true, false, binaryFn(math.Copysign)},
}

// constants are the predefined values. Bare names are shadowed by declared
// names; math.NAME always means the constant.
var constants = map[string]float64{
	"pi":  math.Pi,
	"e":   math.E,
	"tau": 2 * math.Pi,
	"inf": math.Inf(1),
	"nan": math.NaN(),
}

// pyConstants are Python's boolean literals, valid bare only.
var pyConstants = map[string]float64{"True": 1, "False": 0}

// functionNames returns the bare function names, sorted.
func functionNames() []string {
	out := make([]string, 0, len(functions))
	for n := range functions {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
