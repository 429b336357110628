package expr

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind says how a name is bound when a Program is evaluated.
type Kind uint8

const (
	// Array names have one value per entity: Env.Arrays or Env.Views
	// supply them, with exactly len(dst) values.
	Array Kind = iota + 1
	// Scalar names have one value for all entities (a global variable,
	// time): Env.Scalars supplies them.
	Scalar
)

// String returns "array" or "scalar".
func (k Kind) String() string {
	switch k {
	case Array:
		return "array"
	case Scalar:
		return "scalar"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Sentinel errors classify every *Error that Compile and CompileCondition
// return; test for them with errors.Is.
var (
	// ErrSyntax: the text is not a well-formed expression.
	ErrSyntax = errors.New("syntax error")
	// ErrUndefined: a name or function does not exist.
	ErrUndefined = errors.New("undefined name")
	// ErrUnsupported: the construct is valid Python/Starlark syntax but has
	// no meaning in an exomerge expression (strings, lists, bit operators...).
	ErrUnsupported = errors.New("unsupported construct")
	// ErrArgs: a function was called with the wrong number or form of
	// arguments.
	ErrArgs = errors.New("bad arguments")
)

// Error describes why an expression was rejected. It names the expression,
// the offending construct and, for undefined names, the names that exist.
type Error struct {
	Err    error  // one of ErrSyntax, ErrUndefined, ErrUnsupported, ErrArgs
	Src    string // the expression as given to Compile
	Offset int    // byte offset in Src of the offending construct, -1 if unknown
	Msg    string // what is wrong, quoting the construct
	Hint   string // optional help: the defined names, the known functions
}

// Error formats the error as
// `expr: <Msg> in "<Src>"[; <Hint>]`, or for syntax errors
// `expr: syntax error in "<Src>" at column N: <parser message>`.
// The column (1-based, in characters) is given for syntax errors only; the
// other messages quote the construct.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("expr: ")
	b.WriteString(e.Msg)
	b.WriteString(" in ")
	b.WriteString(strconv.Quote(e.Src))
	if errors.Is(e.Err, ErrSyntax) && e.Offset >= 0 && e.Offset <= len(e.Src) {
		before := e.Src[:e.Offset]
		line := strings.Count(before, "\n") + 1
		col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		if line > 1 {
			fmt.Fprintf(&b, " at line %d column %d", line, col)
		} else {
			fmt.Fprintf(&b, " at column %d", col)
		}
	}
	if e.Hint != "" {
		if errors.Is(e.Err, ErrSyntax) {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the sentinel category, so errors.Is(err, ErrUndefined) works.
func (e *Error) Unwrap() error { return e.Err }

// Env supplies the values of the names a Program references. Each array
// name must be in Arrays or Views, each scalar name in Scalars. Entries for
// names the program does not reference are ignored.
type Env struct {
	Arrays  map[string][]float64 // contiguous per-entity values, len(dst) each
	Views   map[string]View      // strided or indexed per-entity values
	Scalars map[string]float64   // one value for all entities
}

// View is a per-entity array stored inside a larger slice: entity i has the
// value Data[Start+Stride*j], where j is i, or Index[i] when Index is not
// nil. With Stride 3 and Start 0, 1 or 2 it reads X, Y or Z out of
// interleaved coordinates; with Index it reads node values at the members
// of a node set. Views are gathered chunk by chunk into scratch buffers, so
// they cost no full-length copy.
type View struct {
	Data   []float64
	Index  []int32 // optional; every entry must be >= 0
	Start  int
	Stride int // >= 0
}

// Program is a compiled expression. It is immutable and safe for
// concurrent use by multiple goroutines.
type Program struct {
	src        string
	target     string
	cond       bool
	names      []string // sorted referenced names
	arrays     []string // array input slots
	scalars    []string // scalar input slots
	scalarRegs []int    // register of each scalar input
	consts     []float64
	prelude    []sinstr // scalar instructions, run once per Eval
	nsregs     int      // scalar registers: consts, scalar inputs, prelude results
	code       []instr  // vector instructions, run per chunk
	ntemps     int
	result     int  // scalar register holding the result when scalarRes
	scalarRes  bool // the result is the same for every entity
	pool       sync.Pool
}

// Target returns the assigned name for "name = expression", or "" for a
// bare expression and for every CompileCondition program.
func (p *Program) Target() string { return p.target }

// Source returns the expression text that was compiled.
func (p *Program) Source() string { return p.src }

// Names returns the defined names the expression references, sorted and
// without duplicates. The caller owns the returned slice.
func (p *Program) Names() []string { return append([]string(nil), p.names...) }

// Scalar reports whether the result depends on no Array name, so it is the
// same for every entity (for example "t2 = time*2"). EvalScalar computes
// such a result without a destination array.
func (p *Program) Scalar() bool { return p.scalarRes }

// IsCondition reports whether p came from CompileCondition, i.e. its result
// is a distance to truth, not a value.
func (p *Program) IsCondition() bool { return p.cond }

// Compile parses and compiles src, an exomerge expression: either
// "name = expression" or a bare expression. names declares every name that
// exists, with its Kind; the expression may use any subset of them. See
// the package documentation for the accepted syntax and its semantics.
// Errors in src are *Error values; a name declared with a Kind other than
// Array or Scalar is a plain error.
func Compile(src string, names map[string]Kind) (*Program, error) {
	return compile(src, names, false)
}

// CompileCondition compiles a condition in the dialect of exomerge's
// create_side_set_from_expression, for example "Y == 0", "X = 1 && Y > 0"
// or "Z <= 0 || Z >= 1". The program evaluates to exomerge's "distance
// from truth": an entity satisfies the condition when the absolute value of
// the result is at most the caller's tolerance. Comparisons become
// distances (a == b: |a-b|; a >= b and a > b: d-|d| with d = a-b; a <= b
// and a < b: d-|d| with d = b-a); "and"/"&&" take the larger and "or"/"||"
// the smaller of the operands' absolute values; a single "=" means "==";
// a non-comparison expression is itself the distance. "!=", "not" and
// conditional expressions are rejected. The result has no Target.
func CompileCondition(src string, names map[string]Kind) (*Program, error) {
	return compile(src, names, true)
}

// sortedNames returns the declared names in sorted order.
func sortedNames(names map[string]Kind) []string {
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
