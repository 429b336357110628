// Package expr compiles exomerge's field expressions, such as
// "pressure = (stress_xx + stress_yy + stress_zz) / -3", into vectorised
// programs that evaluate them over whole arrays of entities (elements,
// nodes, set members) on all cores.
//
// A Program is compiled once from the text and a declaration of the names
// that exist, then evaluated any number of times (typically once per
// timestep and block) with Eval:
//
//	p, err := expr.Compile("vm = sqrt(a*a + b*b - a*b) + d", map[string]expr.Kind{
//		"a": expr.Array, "b": expr.Array, "d": expr.Array, "time": expr.Scalar,
//	})
//	err = p.Eval(dst, expr.Env{Arrays: ..., Scalars: ...})
//
// The package imports only the standard library and go.starlark.net/syntax.
//
// # Syntax
//
// The text is either "name = expression" (Target returns the name) or a
// bare expression (Target returns ""), as used by threshold_element_blocks.
// The left of "=" must be a single identifier. Expressions use Python
// syntax, parsed by go.starlark.net/syntax with Python's precedence:
//
//	x if c else y                     conditional (lowest)
//	or, and, not                      logical, Python values (see Semantics)
//	< <= > >= == !=                   comparisons: 1.0 or 0.0; not chained
//	+ -                               left associative
//	* / // %                          left associative
//	-x +x                             unary
//	** and ^                          power, right associative: -2**2 == -4
//	f(...), (...), names, numbers     (highest)
//
// "^" means power, as in exomerge (which rewrites it to "**"). Numbers are
// Python literals: 2, 2.5, .5, 5., 1e-6, 1E+3, 0x1F. True and False are 1
// and 0. Chained comparisons (0 < x < 1) are rejected: write
// (0 < x) and (x < 1). Strings, lists, tuples, indexing, attributes other
// than math.NAME, keyword arguments, bit operators (| & ~ << >>), "in",
// lambda and comprehensions are rejected with an *Error naming the
// construct.
//
// # Functions and constants
//
// Python builtins: abs, min, max (2 or more arguments), pow(x, y),
// round(x) (half to even), int(x) (truncates), float(x).
// Math functions, callable bare or as math.NAME: sqrt, exp, expm1, log
// (log(x) or log(x, base)), log10, log2, log1p, sin, cos, tan, asin, acos,
// atan, atan2(y, x), sinh, cosh, tanh, asinh, acosh, atanh, floor, ceil,
// trunc, fabs, fmod, copysign, hypot(x, y), degrees, radians, erf, erfc,
// gamma, pow.
// Constants: pi, e, tau, inf, nan, also as math.pi and so on.
//
// exomerge itself resolves only atan, sinh, cosh, tanh, exp, sqrt, sin,
// cos, tan, Python's builtins and math.NAME. Every expression it evaluates
// means the same here, except chained comparisons, which are rejected; the
// other functions and the bare constants are extensions.
//
// # Names
//
// Compile's map declares every name that exists and its Kind: Array names
// have one value per entity (element fields, node fields, X, Y, Z), Scalar
// names one value for all (global variables, time). A name that is not
// declared is an ErrUndefined error listing the declared names, sorted:
//
//	expr: name "stres_xx" is not defined in "vm = stres_xx*2"; defined names: stress_xx, stress_yy, time; did you mean "stress_xx"?
//
// Resolution order for a bare identifier: declared names, then the
// constants (so a field called "e" hides Euler's number; math.e does not
// change). A name in call position is always a function. Names are
// identifiers: letters, digits and underscores, not starting with a digit.
// A declared name that is a Starlark keyword other than and, or, not, if
// and else (for example "load" or "class") is accepted, as exomerge accepts
// it; "load" is always a name.
//
// Unlike exomerge, which substitutes names textually with a regular
// expression and so fails on "stress_xx*stress_xx", names are resolved on
// the syntax tree: any expression that parses is understood exactly.
//
// # Semantics
//
// Everything is computed in float64, element by element, exactly as Python
// computes with floats, with these documented exceptions:
//
//   - No exceptions. Where Python raises ZeroDivisionError, ValueError
//     ("math domain error") or OverflowError, the result is the IEEE-754
//     value and evaluation goes on: 1/0 = +Inf, 0/0 = NaN, sqrt(-1) = NaN,
//     log(0) = -Inf, exp(1000) = +Inf, (-8)**(1/3) = NaN (Python: a complex
//     number). For a zero divisor x // 0 is x/0 and x % 0 is NaN, as in
//     numpy. A vectorised engine cannot stop at one element; callers that
//     need Python's strictness can scan the result for non-finite values.
//   - Integer arithmetic is done in float64 too, so integers beyond 2**53
//     round; Python ints have no negative zero and exosh keeps that rule
//     for integer constants (-0 is 0) and for floor, ceil, trunc, round and
//     int, which return +0, never -0.
//   - Transcendental functions are Go's math package, which may differ from
//     the C library Python uses in the last bit. x**2 is computed as x*x
//     (correctly rounded, as C's pow is); other powers use math.Pow.
//
// Python semantics kept exactly: % and // follow the sign of the divisor
// (-7 % 3 == 2, -7 // 2 == -4); min and max scan their arguments with < and
// > as Python does, so min(nan, 1) is NaN but min(1, nan) is 1, and
// min(0.0, -0.0) is 0.0; "a and b" is a if a is zero else b; "a or b" is a
// if a is non-zero else b; "not a" is 1 if a is zero else 0; "x if c else
// y" takes x where c is non-zero. NaN counts as true, as in Python, so a
// threshold keeps the entities whose value v satisfies v != 0 (NaN
// included, as exomerge's "if x" does). Both branches of "if"/"and"/"or"
// are evaluated, which is unobservable without exceptions.
//
// # Conditions
//
// CompileCondition accepts the dialect of create_side_set_from_expression,
// where "Y == 0" selects faces on the plane Y = 0 within a tolerance. It
// applies exomerge's transform to the syntax tree: each comparison becomes
// a distance that is zero when it holds (a == b: |a-b|; a >= b or a > b:
// d-|d| with d = a-b; a <= b or a < b: d-|d| with d = b-a), "and"/"&&"
// become max(|x|, |y|) and "or"/"||" min(|x|, |y|), and a single "=" is
// "==". The caller keeps an entity when |result| <= tolerance. "!=",
// "not" and "x if c else y" are rejected there, since exomerge's transform
// gives them no sensible meaning.
//
// # Evaluation
//
// Compile folds constant subtrees. Subtrees that depend only on Scalar
// names run once per Eval (the prelude). The rest becomes a list of
// vector instructions, each an elementwise loop (unrolled, branch-free)
// over a chunk of 256 entities, reading and writing per-worker scratch
// buffers that stay in the L1 cache and are reused across chunks and
// calls; there is no allocation and no interpretation per element. A
// product added to or subtracted from another operand (a*b + c, c - a*a)
// is one fused pass, with the product rounded on its own as Python rounds
// it (never an FMA). Tasks of 16 chunks are handed to
// runtime.GOMAXPROCS(0) goroutines.
// Every operation is elementwise, so results are bit-identical for any
// number of goroutines and equal to a serial, element-by-element
// evaluation.
//
// Env supplies the values: Arrays for contiguous per-entity slices, Views
// for values inside a larger slice (a stride for interleaved X, Y, Z
// coordinates, an index for node-set members), gathered chunk by chunk
// without a full copy, and Scalars. dst may be one of the Arrays (in-place
// update) but must not otherwise overlap an input.
//
// A Program is immutable after Compile and safe for concurrent use.
//
// # Errors
//
// Compile errors are *Error values carrying the source, the offset of the
// offending construct and a message that quotes it; errors.Is classifies
// them as ErrSyntax, ErrUndefined, ErrUnsupported or ErrArgs. Eval reports
// missing or mis-sized inputs with a plain "expr: ..." error.
package expr
