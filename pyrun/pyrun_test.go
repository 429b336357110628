package pyrun

import (
	"bytes"
	"strings"
	"testing"

	"exosh/builtins"
)

// runSrc runs Python source and returns its stdout, stderr and status.
func runSrc(t testing.TB, src string, argv ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(Options{Filename: "t.py", Src: []byte(src), Argv: append([]string{"t.py"}, argv...), Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), code
}

// TestPythonSemantics checks where Python differs from Starlark. Each want
// is what /usr/bin/python3 (CPython 3.11) printed for the same source.
func TestPythonSemantics(t *testing.T) {
	tests := []struct {
		name, src, want string
		code            int
	}{
		{"int division", `print(7 / 2, 8 / 4, 7 // 2, -7 // 2, -7 % 3, 7.5 // 2, 2 ** -2, 10 / 5 == 2)`,
			"3.5 2.0 3 -4 2 3.0 0.25 True\n", 0},
		{"float repr", `print(0.1 + 0.2, 1e20, 1e16, 9999999999999998.0, 1e-5, 0.0001, 1.0, -0.0, 3.0 * 1.1, [1.0, 2], {1: 0.5}, 2.5e-320, float("nan"), 1/3)`,
			"0.30000000000000004 1e+20 1e+16 9999999999999998.0 1e-05 0.0001 1.0 -0.0 3.3000000000000003 [1.0, 2] {1: 0.5} 2.5e-320 nan 0.3333333333333333\n", 0},
		{"string formatting", `print("%-12s|%10.4e|%+5d|%05.1f|%x|%r" % ("name", 12345.6789, 42, 3.14159, 255, "s"), "{0:>8.3f}|{1:<4}|{2:^7}|{3:,}|{4:.1%}|{5!r}".format(3.14159, "ab", "c", 1234567, 0.1234, "q"), f"{1.5:08.3f}|{42:#x}|{'s'!r:>5}")`,
			"name        |1.2346e+04|  +42|003.1|ff|'s'    3.142|ab  |   c   |1,234,567|12.3%|'q' 0001.500|0x2a|  's'\n", 0},
		// Where pyrun's formatting differed from CPython before pyfmt.
		{"formatting as CPython", `l = [1]
l.append(l)
print("%a|%05f|%c" % ("é", float("inf"), "z"), "{:#g}|{:05}|{:.2}|{:_b}|{:012,.2f}|{:z.1f}|{:5}|{:,}".format(1.0, "ab", 12.0, 255, -1234.5, -0.01, True, True), repr(range(3)), l)
for f, a in [("%c", ("ab",)), ("{:s}", (5,)), ("{0}{}", (1, 2)), ("{:.3}", (5,)), ("{:=5}", ("ab",))]:
    try:
        print(f % a if "%" in f else f.format(*a))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)`, "'\\xe9'|00inf|z 1.00000|ab000|1.2e+01|1111_1111|-0,001,234.50|0.0|    1|1 range(0, 3) [1, [...]]\nTypeError %c requires int or char\nValueError Unknown format code 's' for object of type 'int'\nValueError cannot switch from manual field specification to automatic field numbering\nValueError Precision not allowed in integer format specifier\nValueError '=' alignment not allowed in string format specifier\n", 0},
		{"exceptions through functions", `def a(x):
    return b(x) + 1
def b(x):
    return [1, 2][x]
def c():
    try:
        return a(5)
    except IndexError as e:
        return "IndexError: %s" % e
print(c())
class E(ValueError):
    pass
def d():
    raise E("custom")
try:
    d()
except ValueError as e:
    print(type(e).__name__, e, isinstance(e, E))`, "IndexError: list index out of range\nE custom True\n", 0},
		{"finally on return", `out = []
def f(n):
    try:
        if n:
            return "early"
        out.append("body")
    finally:
        out.append("finally %d" % n)
    return "late"
print(f(1), f(0), out)
def g():
    try:
        return 1
    finally:
        return 2
print(g())`, "early late ['finally 1', 'body', 'finally 0']\n2\n", 0},
		{"mutable default arguments", `def f(x, acc=[]):
    acc.append(x)
    return acc
f(1)
f(2)
print(f(3))
def g(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
g(1)
print(g(2))`, "[1, 2, 3]\n[2]\n", 0},
		{"dict order", `d = {"z": 1, "a": 2}
d["m"] = 3
d["z"] = 4
del d["a"]
d["a"] = 5
print(d, list(d.keys()), list(d.values()), [k for k in d])
print({k: v for k, v in sorted(d.items())})`, "{'z': 4, 'm': 3, 'a': 5} ['z', 'm', 'a'] [4, 3, 5] ['z', 'm', 'a']\n{'a': 5, 'm': 3, 'z': 4}\n", 0},
		{"sys.exit status", "import sys\nprint(\"before\")\nsys.exit(7)", "before\n", 7},
		{"SystemExit with a message", `raise SystemExit("bye")`, "", 1},
		{"uncaught exception", "print(\"x\")\n{}[\"missing\"]", "x\n", 1},
		// by hand: Python 2 print statements as Python 2 prints them
		{"python 2 print", "import sys\nprint \"a\", 1\nprint\nprint \"b\",\nprint \"c\"\nprint >>sys.stderr, \"err\"\nprint(\"t\"), 2", "a 1\n\nb c\nt 2\n", 0},
		// by hand: exomerge's module settings and errors
		{"exomerge error is SystemExit(1)", `import exomerge
m = exomerge.ExodusModel()
m.create_element_block(1, ["tri3", 0, 3, 0], [])
try:
    m.create_element_block(1, ["tri3", 0, 3, 0], [])
except SystemExit as e:
    print("exit", e.code)
m.create_element_block(1, ["tri3", 0, 3, 0], [])
print("not reached")`, "exit 1\n", 1},
		{"EXIT_ON_WARNING", `import exomerge
exomerge.EXIT_ON_WARNING = True
m = exomerge.ExodusModel()
m.create_timestep(0.0)
m.create_node_field("t", 1.0)
print("before")
m.create_node_field("t", 1.0)
print("not reached")`, "before\n", 1},
		{"warning without EXIT_ON_WARNING", `import exomerge
m = exomerge.ExodusModel()
m.create_timestep(0.0)
m.create_node_field("t", 1.0)
m.create_node_field("t", 1.0)
print("after")`, "after\n", 0},
		{"legacy nodes are live lists", `import exomerge
m = exomerge.ExodusModel()
m.create_nodes([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]])
m.nodes[1][0] = 5.0
print(len(m.nodes), m.nodes[1], m.nodes[1][0] + m.nodes[1][2])`, "2 [5.0, 2.0, 3.0] 8.0\n", 0},
		{"views compare as lists", `import exomerge
m = exomerge.ExodusModel()
m.create_nodes([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]])
print(m.nodes[1] == [1.0, 2.0, 3.0], m.nodes[0] != [0, 0, 0], m.nodes[1] > [1.0, 2.0], list(m.nodes) == [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]], [1] == (1,))`,
			"True False True True False\n", 0},
		{"numpy caught", "try:\n    import numpy\nexcept ImportError as e:\n    print(e)", "No module named 'numpy'\n", 0},
		{"numpy uncaught", "print(1)\nimport numpy as np", "1\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runSrc(t, tc.src)
			if out != tc.want || code != tc.code {
				t.Errorf("got status %d, stdout:\n%s\nwant status %d, stdout:\n%s\nstderr:\n%s", code, out, tc.code, tc.want, errs)
			}
		})
	}
}

// TestImportErrorNamesModuleAndLine checks the message of an uncaught
// import of a module exosh lacks: the module, its line and what exosh
// offers instead.
func TestImportErrorNamesModuleAndLine(t *testing.T) {
	_, errs, code := runSrc(t, "import sys\n\nimport numpy as np\n")
	for _, want := range []string{"line 3", "No module named 'numpy'", "exosh array values", "get_node_field_values"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if code != 1 {
		t.Errorf("status %d, want 1", code)
	}
}

// TestArgparseErrors checks argparse's usage errors and help (wants from
// CPython 3.11's argparse).
func TestArgparseErrors(t *testing.T) {
	src := `import argparse
p = argparse.ArgumentParser(prog="tool")
p.add_argument("n", type=int)
p.add_argument("--mode", choices=["a", "b"])
print(p.parse_args())`
	tests := []struct {
		args             []string
		code             int
		stdout, inStderr string
	}{
		{[]string{"3", "--mode", "b"}, 0, "Namespace(n=3, mode='b')\n", ""},
		{[]string{"x"}, 2, "", "usage: tool [-h] [--mode {a,b}] n\ntool: error: argument n: invalid int value: 'x'\n"},
		{[]string{"3", "--mode", "c"}, 2, "", "tool: error: argument --mode: invalid choice: 'c' (choose from 'a', 'b')\n"},
		{nil, 2, "", "tool: error: the following arguments are required: n\n"},
		{[]string{"-h"}, 0, "usage: tool [-h] [--mode {a,b}] n\n\npositional arguments:\n  n\n\noptions:\n  -h, --help    show this help message and exit\n  --mode {a,b}\n", ""},
	}
	for _, tc := range tests {
		out, errs, code := runSrc(t, src, tc.args...)
		if code != tc.code || out != tc.stdout || !strings.Contains(errs, tc.inStderr) {
			t.Errorf("%v: got %d %q %q, want %d %q and stderr with %q", tc.args, code, out, errs, tc.code, tc.stdout, tc.inStderr)
		}
	}
}

// TestSyntaxError checks that a syntax error names the file and line.
func TestSyntaxError(t *testing.T) {
	_, errs, code := runSrc(t, "x = 1\nif x\n    pass\n")
	if code != 1 || !strings.Contains(errs, "line 2") || !strings.Contains(errs, "SyntaxError") {
		t.Errorf("got %d, %q", code, errs)
	}
}

const callsPy = `import exomerge
model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=2)
n = 0
for i in range(10000):
    n += model.get_element_count()
`

const callsStar = `model = exomerge.ExodusModel()
model.build_hex8_cube(1, extents=1.0, divisions=2)
n = 0
for i in range(10000):
    n += model.get_element_count()
`

// BenchmarkCallsPython and BenchmarkCallsStarlark run the same 10,000
// get_element_count calls in process, from Python and from Starlark.
func BenchmarkCallsPython(b *testing.B) {
	for b.Loop() {
		if _, errs, code := runSrc(b, callsPy); code != 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkCallsStarlark(b *testing.B) {
	for b.Loop() {
		var out bytes.Buffer
		th := builtins.NewThread("bench", &out, &out)
		if _, err := builtins.ExecFile(th, "calls.star", callsStar, builtins.Predeclared()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartup measures parsing and running a script that imports
// sys and exomerge, in process.
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		if _, errs, code := runSrc(b, "import sys\nimport exomerge\n"); code != 0 {
			b.Fatal(errs)
		}
	}
}
