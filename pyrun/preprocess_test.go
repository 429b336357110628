package pyrun

import "testing"

// TestPreprocess checks the source rewrites (wants by hand).
func TestPreprocess(t *testing.T) {
	tests := []struct{ in, want string }{
		{`print "a", x`, `__print2__(False, None, "a", x)`},
		{`print "a",`, `__print2__(True, None, "a")`},
		{`print`, `__print2__(False, None)`},
		{`print >>sys.stderr, "e"`, `__print2__(False, sys.stderr, "e")`},
		{`print("a")`, `print("a")`},
		{`print("a", end="")`, `print("a", end="")`},
		{`print("a"), 1`, `__print2__(False, None, ("a"), 1)`},
		{"print(a,\n      b)", "print(a,\n      b)"},
		{"print \"a\", (1,\n  2)", "__print2__(False, None, \"a\", (1,\n  2))"},
		{`  print "x" # note`, `  __print2__(False, None, "x")# note`},
		{`if x: print "y"`, `if x: __print2__(False, None, "y")`},
		{`except ValueError, e:`, `except ValueError as e:`},
		{`except (KeyError, IndexError), e:`, `except (KeyError, IndexError) as e:`},
		{`raise ValueError, "bad"`, `raise ValueError("bad")`},
		{`f"{x:>8.3f} and {y!r}"`, `("{:>8.3f} and {!r}".format(x, y))`},
		{`f'{a["k"]} {{lit}}'`, `('{} {{lit}}'.format(a["k"]))`},
		{`f"{v:{w}.{p}f}"`, `("{:{}.{}f}".format(v, w, p))`},
		{`f"plain {{x}}"`, `"plain {x}"`},
		{`rf"\d{n}"`, `(r"\d{}".format(n))`},
		{`x = "f{not}"`, `x = "f{not}"`},
		{`x: int = 3`, `x = 3`},
		{`names: list`, `pass`},
		{"s = '''\nprint x\n'''", "s = '''\nprint x\n'''"},
		{"# print x", "# print x"},
	}
	for _, tc := range tests {
		if got := preprocess(tc.in); got != tc.want {
			t.Errorf("preprocess(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
