package builtins

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

// runCLI runs a program with argv and returns stdout, stderr and the exit
// status (1 for an error that is not exit()).
func runCLI(t *testing.T, src string, argv ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	thread := NewThread("test", &out, &errb)
	pre := Predeclared()
	l := make([]starlark.Value, len(argv))
	for i, a := range argv {
		l[i] = starlark.String(a)
	}
	pre["argv"] = starlark.NewList(l)
	_, err := ExecFile(thread, "/some/dir/t1.star", src, pre)
	var exit *ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errb.String(), exit.Code
	case err != nil:
		return out.String(), errb.String() + err.Error(), 1
	}
	return out.String(), errb.String(), 0
}

// TestStrfmt compares strfmt with Python 3.11: each want was printed by
// python3 for the same template and values.
func TestStrfmt(t *testing.T) {
	for _, tc := range []struct{ call, want string }{
		{`strfmt.percent("%-12s|%10.4e|%5d|%+.2f|%x|%#o|%5.1f%%", ("temp", 12345.678, 42, 3.14159, 255, 8, 99.5))`, `temp        |1.2346e+04|   42|+3.14|ff|0o10| 99.5%`},
		{`strfmt.percent("%r %s %d", ("it's", [1, "a"], 3.9))`, `"it's" [1, 'a'] 3`},
		{`strfmt.percent("%08.3f|%-6d|% d|%g|%g|%G", (-3.14159, 7, 5, 1e-05, 123456789.0, 1.5e-10))`, `-003.142|7     | 5|1e-05|1.23457e+08|1.5E-10`},
		{`strfmt.percent("%(a)s-%(b)05.1f", {"a": "x", "b": 2.25})`, `x-002.2`},
		{`strfmt.percent("%*d|%.*f|%c|%c", (5, 42, 2, 1.005, 65, "z"))`, `   42|1.00|A|z`},
		{`strfmt.percent("%s|%f", (float("inf"), -float("inf")))`, `inf|-inf`},
		{`strfmt.percent("%e|%E", (0.0, -1234.5))`, `0.000000e+00|-1.234500E+03`},
		{`strfmt.percent("%.3f", -0.0)`, `-0.000`},
		{`strfmt.format("{0:>8.3f}|{1:<6}|{name:^9}|{2:,}|{3:08.2f}|{4!r}|", 2.0, "ab", 1234567, -3.5, "x", name="mid")`, `   2.000|ab    |   mid   |1,234,567|-0003.50|'x'|`},
		{`strfmt.format("{} {} {:.3} {:g} {:e} {:.1%}", 1.5, [1, "a"], 2.0, 1e-05, 12.5, 0.256)`, `1.5 [1, 'a'] 2.0 1e-05 1.250000e+01 25.6%`},
		{`strfmt.format("{:*^10}|{:+d}|{:#x}|{:b}|{:_}|{:,.2f}", "mid", 5, 255, 5, 1000000, 1234.5)`, `***mid****|+5|0xff|101|1_000_000|1,234.50`},
		{`strfmt.format("{{}}{0[1]}{1[k]}", [7, 8], {"k": "v"})`, `{}8v`},
		{`strfmt.format("{:10.3e}|{:<10}|{:>5}|{}", 12345.6789, "t", 3, None)`, ` 1.235e+04|t         |    3|None`},
		// Where strfmt differed from CPython before it moved to pyfmt.
		{`strfmt.percent("%#g|%.3d|%s|%a|%05f", (1.0, 5, 1e15, "é", float("inf")))`, `1.00000|005|1000000000000000.0|'\xe9'|00inf`},
		{`strfmt.format("{:.2}|{:05}|{:_b}|{:012,.2f}|{:.0}|{:{}.{}f}", 12.0, "ab", 255, -1234.5, 1.5, 3.14159, 9, 3)`, `1.2e+01|ab000|1111_1111|-0,001,234.50|2e+00|    3.142`},
		{`strfmt.str([range(3), set([1, 2]), "\u200b"])`, `[range(0, 3), {1, 2}, '\u200b']`},
	} {
		out, errs, code := runCLI(t, "print("+tc.call+")")
		if code != 0 || out != tc.want+"\n" {
			t.Errorf("%s:\ngot  %q (exit %d %s)\nwant %q", tc.call, out, code, errs, tc.want)
		}
	}
	// strfmt.print and strfmt.str against python3's print and str.
	out, _, code := runCLI(t, `strfmt.print("a", ["x", (1,), None, True], {"k": "v"}, end="|")
strfmt.print(1.0, 2, sep=",")
print(strfmt.str([("a", 2.5)]))`)
	if want := "a ['x', (1,), None, True] {'k': 'v'}|1.0,2\n[('a', 2.5)]\n"; out != want || code != 0 {
		t.Errorf("strfmt.print: got %q (exit %d), want %q", out, code, want)
	}
	for _, bad := range []string{`strfmt.percent("%d %d", (1,))`, `strfmt.percent("%d", (1, 2))`, `strfmt.percent("%d", "x")`, `strfmt.format("{2}", 1)`, `strfmt.format("{:q}", 1)`,
		// CPython refuses these; strfmt accepted them before pyfmt.
		`strfmt.percent("%x", 3.0)`, `strfmt.format("{:>5}", None)`, `strfmt.format("{:s}", 5)`, `strfmt.format("{0}{}", 1, 2)`} {
		if _, _, code := runCLI(t, "print("+bad+")"); code != 1 {
			t.Errorf("%s: exit %d, want an error", bad, code)
		}
	}
}

const parserScript = `
p = argparser(description="Shrink the fields of a results file by a factor and write them out again somewhere else.")
p.add_argument("input", help="the Exodus file to read")
p.add_argument("-o", "--output", default="out.e", help="where to write (default %(default)s)")
p.add_argument("-s", "--scale", type=float, default=1.0)
p.add_argument("-v", "--verbose", action="store_true")
p.add_argument("--mode", choices=["a", "b"], default="a")
p.add_argument("files", nargs="*")
a = p.parse_args(argv[1:])
print(a.input, a.output, a.scale, a.verbose, a.mode, len(a.files))
`

const parserUsage = `usage: t1.star [-h] [-o OUTPUT] [-s SCALE] [-v] [--mode {a,b}]
               input [files ...]
`

// TestArgparser compares argparser with Python 3.11's argparse: every
// want below is what python3 printed for the same parser and command line.
func TestArgparser(t *testing.T) {
	for _, tc := range []struct {
		args         string
		out, errText string
		code         int
	}{
		{args: "in.e x y -v -s 2 --mode b", out: "in.e out.e 2.0 True b 2\n"},
		{args: "in.e --output=o.e -s2", out: "in.e o.e 2.0 False a 0\n"},
		{args: "--help", out: parserUsage + `
Shrink the fields of a results file by a factor and write them out again
somewhere else.

positional arguments:
  input                 the Exodus file to read
  files

options:
  -h, --help            show this help message and exit
  -o OUTPUT, --output OUTPUT
                        where to write (default out.e)
  -s SCALE, --scale SCALE
  -v, --verbose
  --mode {a,b}
`},
		{args: "-s x in", errText: parserUsage + "t1.star: error: argument -s/--scale: invalid float value: 'x'\n", code: 2},
		{args: "", errText: parserUsage + "t1.star: error: the following arguments are required: input, files\n", code: 2},
		{args: "in --mode c", errText: parserUsage + "t1.star: error: argument --mode: invalid choice: 'c' (choose from 'a', 'b')\n", code: 2},
		{args: "in -vv --bogus x", errText: parserUsage + "t1.star: error: unrecognized arguments: --bogus x\n", code: 2},
		{args: "in.e -v a b", errText: parserUsage + "t1.star: error: unrecognized arguments: a b\n", code: 2},
		{args: "in -o", errText: parserUsage + "t1.star: error: argument -o/--output: expected one argument\n", code: 2},
	} {
		out, errs, code := runCLI(t, parserScript, append([]string{"t1.star"}, strings.Fields(tc.args)...)...)
		if out != tc.out || errs != tc.errText || code != tc.code {
			t.Errorf("%q:\ngot  exit %d out %q err %q\nwant exit %d out %q err %q", tc.args, code, out, errs, tc.code, tc.out, tc.errText)
		}
	}
}

// TestArgparserActions covers nargs, append, count, store_false, version
// and required options; the wants were printed by python3.
func TestArgparserActions(t *testing.T) {
	src := `
p = argparser(prog="tool")
p.add_argument("pair", nargs=2, type=int)
p.add_argument("rest", nargs="?", default="none")
p.add_argument("-I", action="append", dest="incs")
p.add_argument("-q", action="count", default=0)
p.add_argument("--no-color", action="store_false", dest="color")
p.add_argument("--need", required=True)
p.add_argument("--version", action="version", version="%(prog)s 1.2")
a = p.parse_args(argv[1:])
print(a.pair, a.rest, strfmt.format("{}", a.incs), a.q, a.color, a.need)
`
	for _, tc := range []struct {
		args, out, errText string
		code               int
	}{
		{args: "1 2 --need x", out: "[1, 2] none None 0 True x\n"},
		{args: "1 2 z -I a -Ib -qq --no-color --need=y", out: "[1, 2] z ['a', 'b'] 2 False y\n"},
		{args: "--version", out: "tool 1.2\n"},
		{args: "1 2", errText: "usage: tool [-h] [-I INCS] [-q] [--no-color] --need NEED [--version]\n            pair pair [rest]\ntool: error: the following arguments are required: --need\n", code: 2},
	} {
		out, errs, code := runCLI(t, src, append([]string{"tool"}, strings.Fields(tc.args)...)...)
		if out != tc.out || errs != tc.errText || code != tc.code {
			t.Errorf("%q:\ngot  exit %d out %q err %q\nwant exit %d out %q err %q", tc.args, code, out, errs, tc.code, tc.out, tc.errText)
		}
	}
}

// TestExit checks exit()'s statuses and message, as Python's sys.exit.
func TestExit(t *testing.T) {
	for _, tc := range []struct {
		src, errText string
		code         int
	}{
		{src: `exit()`, code: 0},
		{src: `exit(0)`, code: 0},
		{src: `exit(4)`, code: 4},
		{src: `exit(True)`, code: 1},
		{src: `exit("bad input")`, code: 1, errText: "bad input"},
		{src: "def f():\n    exit(3)\nf()\nprint('not reached')", code: 3},
	} {
		out, _, code := runCLI(t, tc.src)
		if code != tc.code || out != "" {
			t.Errorf("%s: exit %d out %q, want %d", tc.src, code, out, tc.code)
		}
		var exit *ExitError
		_, err := ExecFile(NewThread("t", &bytes.Buffer{}, &bytes.Buffer{}), "x.star", tc.src, Predeclared())
		if errors.As(err, &exit) && exit.Message != tc.errText {
			t.Errorf("%s: message %q, want %q", tc.src, exit.Message, tc.errText)
		}
	}
}
