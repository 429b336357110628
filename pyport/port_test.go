package pyport

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .star files")

// wantProblems lists, per corpus script, the Python lines the port must
// flag (none: everything translates). Read off the scripts by hand.
var wantProblems = map[string][]int{
	"csv_report.py":  nil,
	"cube_build.py":  nil,
	"edit_nodes.py":  nil,
	"fields_time.py": nil,
	"names.py":       nil,
	"old_cli.py":     nil,
	"paths.py":       nil,
	"helpers.py":     nil,
	"py2_print.py":   nil,
	"shrink_cli.py":  nil,
	"try_except.py":  {15, 19},        // try/except KeyError; value is set in it
	"uses_numpy.py":  {2, 7, 8},       // import numpy; np.array; its result
	"with_class.py":  {4, 18, 19, 20}, // the class and every use of it
}

// TestCorpus ports every script of testdata/ and compares the Starlark
// with the golden file NAME.star (go test -update rewrites them) and the
// flagged lines with wantProblems.
func TestCorpus(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.py")
	if err != nil || len(scripts) < 8 {
		t.Fatalf("corpus: %v scripts, %v", len(scripts), err)
	}
	for _, path := range scripts {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := wantProblems[name]
			if !ok {
				t.Fatalf("no wantProblems entry for %s", name)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Port(name, src)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, p := range res.Problems {
				got = append(got, p.Line)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("flagged lines %v, want %v\n%s", got, want, res.Star)
			}
			golden := strings.TrimSuffix(path, ".py") + ".star"
			if *update {
				if err := os.WriteFile(golden, []byte(res.Star), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			g, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pyport -update)", err)
			}
			if string(g) != res.Star {
				t.Errorf("%s is stale or the port changed; got:\n%s", golden, res.Star)
			}
		})
	}
}

// TestStatements checks the translation of single constructs, expected
// output written by hand.
func TestStatements(t *testing.T) {
	for _, tc := range []struct {
		py, star string
		problem  bool
	}{
		{py: "print 'a', 1\n", star: `print("a", 1)`},
		{py: "print\n", star: `print()`},
		{py: "print 'x' % y\n", star: `print("x" % y)`},
		{py: "print '%5.2f' % y\n", star: `print(strfmt.percent("%5.2f", y))`},
		{py: "print ('a')\n", star: `print("a")`},
		{py: "print >>sys.stderr, 'x'\n", problem: true},
		{py: "print 'x',\n", star: `strfmt.print("x", end=" ")`},
		{py: "print('a', end='')\n", star: `strfmt.print("a", end="")`},
		{py: "print('a', ['b'])\n", star: `strfmt.print("a", ["b"])`},
		{py: "print('a', [1.5, 2], len(s), s.upper(), 'x' if s else None)\n", star: `print("a", [1.5, 2], len(s), s.upper(), "x" if s else None)`},
		{py: "names = ['u', 'v']\nfor i, nm in enumerate(names):\n    print(i, nm, str(names), '%s' % nm, '{}'.format(names))\n", star: "names = [\"u\", \"v\"]\nfor i, nm in enumerate(names):\n    print(i, nm, strfmt.str(names), \"%s\" % nm, strfmt.format(\"{}\", names))"},
		{py: "def f(q):\n    print(q, repr('a'), repr(2))\n", star: "def f(q):\n    strfmt.print(q, strfmt.format(\"{!r}\", \"a\"), repr(2))"},
		{py: "print('a', sep='-')\n", star: `print("a", sep="-")`},
		{py: "x = f'{a} and {b:>4}'\n", star: `x = strfmt.format("{} and {:>4}", a, b)`},
		{py: "x = f'{a}-{b}'\n", star: `x = "{}-{}".format(a, b)`},
		{py: "x = '{0:.3e}'.format(v)\n", star: `x = strfmt.format("{0:.3e}", v)`},
		{py: "x = '{0} {name}'.format(v, name=n)\n", star: `x = "{0} {name}".format(v, name=n)`},
		{py: "x = 10L\n", star: `x = 10`},
		{py: "if a <> b: pass\n", star: "if a != b:\n    pass"},
		{py: "if x is None and y is not None: pass\n", star: "if x == None and y != None:\n    pass"},
		{py: "ok = 0 <= i < n\n", star: `ok = 0 <= i and i < n`},
		{py: "ok = 0 <= f(i) < n\n", problem: true},
		{py: "y = x ** 2 + v[0] ** 2\n", star: `y = x * x + v[0] * v[0]`},
		{py: "y = x ** 3\n", problem: true},
		{py: "y = (a + b) ** 2\n", star: "y = _square(a + b)"},
		{py: "y = x ** 4\n", problem: true},
		{py: "r = (x * x + y * y) ** 0.5\n", star: `r = math.sqrt(x * x + y * y)`},
		{py: "import sys\nif bad:\n    print('no input', file=sys.stderr)\n    sys.exit(1)\n", star: "if bad:\n    exit(\"no input\")"},
		{py: "import sys\nprint('x', file=sys.stderr)\nsys.exit(2)\n", problem: true},
		{py: "import sys\nsys.stdout.write('%d items\\n' % n)\n", star: `print(strfmt.percent("%d items", n))`},
		{py: "import sys\nsys.stdout.write(s + '\\n')\n", star: `print(s)`},
		{py: "import sys\nsys.stdout.write(s)\n", problem: true},
		{py: "\"\"\"Usage: tool FILE\"\"\"\nprint(__doc__)\n", star: "\"Usage: tool FILE\"\nprint(\"Usage: tool FILE\")"},
		{py: "\"\"\"Usage: tool FILE\n\nMore.\"\"\"\nprint(__doc__)\n", star: "\"\"\"Usage: tool FILE\n\nMore.\"\"\"\nprint(\"\"\"Usage: tool FILE\n\nMore.\"\"\")"},
		{py: "def main(args):\n    return 0\nmain(sys.argv) if 0 else None\nimport sys\nsys.exit(main(sys.argv))\n", star: "def main(args):\n    return 0\nmain(argv) if 0 else None\nmain(argv)"},
		{py: "import exomerge\nexomerge.SHOW_BANNER = False\n", star: "# exosh port: exomerge.SHOW_BANNER = False (exosh prints no banner and no Exodus library output)"},
		{py: "import exomerge\nexomerge.EXIT_ON_WARNING = True\n", problem: true},
		{py: "import exomerge\nprint(exomerge.VERSION)\n", star: `print(exomerge.VERSION)`},
		{py: "import exomerge\nprint(exomerge.NO_SUCH_THING)\n", problem: true},
		{py: "x.sort()\n", star: `x = sorted(x)`},
		{py: "ok = d.has_key(k)\n", star: `ok = k in d`},
		{py: "for k, v in d.iteritems(): pass\n", star: "for k, v in d.items():\n    pass"},
		{py: "s = {1, 2}\n", star: `s = set([1, 2])`},
		{py: "a = b = 0\n", star: "a = 0\nb = a"},
		{py: "del d['k']\n", star: `d.pop("k")`},
		{py: "assert n > 0, 'positive'\n", star: "if not n > 0:\n    fail(\"positive\")"},
		{py: "raise ValueError('bad')\n", star: `fail("bad")`},
		{py: "import sys\nsys.exit(3)\n", star: `exit(3)`},
		{py: "import sys\nn = len(sys.argv)\n", star: `n = len(argv)`},
		{py: "import os\nos.remove(p)\n", problem: true},
		{py: "import sys\nif sys.version_info[0] >= 3:\n    import exomerge3 as exomerge\nelse:\n    import exomerge2 as exomerge\nm = exomerge.ExodusModel()\n", star: "# exosh port: if sys.version_info[0] >= 3: (exosh speaks Python 3; this is that branch)\nm = exomerge.ExodusModel()"},
		{py: "import sys\nif sys.version_info < (3, 0):\n    x = 2\nelse:\n    x = 3\n", star: "# exosh port: if sys.version_info < (3, 0): (exosh speaks Python 3; this is that branch)\nx = 3"},
		{py: "import sys\nif sys.version_info.major == 2:\n    x = 2\n", star: "# exosh port: if sys.version_info.major == 2: (exosh speaks Python 3; this is that branch)"},
		{py: "import sys\nif sys.version_info > 3:\n    x = 2\n", problem: true},
		{py: "import sys\ndef main(argv=None):\n    if argv is None:\n        argv = sys.argv[1:]\n    return len(argv)\n", star: "def main(argv_=None):\n    if argv_ == None:\n        argv_ = argv[1:]\n    return len(argv_)"},
		{py: "def load(argv):\n    return argv\n", star: "def load_(argv):\n    return argv"},
		{py: "import os\nx = os\n", problem: true},
		{py: "import os\nx = os.path.splitext(p)[0] + '.e'\n", star: "x = os_path_splitext(p)[0] + \".e\""},
		{py: "with open(p) as f: pass\n", problem: true},
		{py: "def f():\n    global n\n    n = 1\n", problem: true},
		{py: "def f():\n    global n\n    return n\n", star: "def f():\n    return n"},
		{py: "def f(a, b=[], *args, **kw): return a\n", star: "def f(a, b=[], *args, **kw):\n    return a"},
		{py: "x = [i * 2 for i in range(3) if i]\n", star: `x = [i * 2 for i in range(3) if i]`},
		{py: "x = max(i for i in y)\n", star: `x = max([i for i in y])`},
		{py: "x = (a + b) * c - -d\n", star: `x = (a + b) * c - -d`},
		{py: "x = not (a or b)\n", star: `x = not (a or b)`},
		{py: "import exomerge as em\nm = em.ExodusModel()\n", star: `m = exomerge.ExodusModel()`},
		{py: "from exomerge import ExodusModel\nm = ExodusModel()\n", star: `m = ExodusModel()`},
		{py: "def main():\n    return 1\nif __name__ == '__main__':\n    sys.exit(main())\n", star: "def main():\n    return 1\nexit(main())"},
		{py: "def main():\n    pass\nif __name__ == '__main__':\n    main()\n", star: "def main():\n    pass\nmain()"},
		{py: "try:\n    x = 1\nexcept Exception, e:\n    x = 2\n", problem: true},
	} {
		// The snippets use these names freely; bind them first.
		prelude := "a, b, c, d, i, n, x, y, v, s, bad, k, p = range(13)\n"
		if strings.HasPrefix(tc.py, `"""`) {
			prelude = "" // a docstring must come first
		}
		res, err := Port("t.py", []byte(prelude+tc.py))
		if err != nil {
			t.Errorf("%q: %v", tc.py, err)
			continue
		}
		if tc.problem {
			if len(res.Problems) == 0 {
				t.Errorf("%q: translated, want a problem:\n%s", tc.py, res.Star)
			}
			continue
		}
		if len(res.Problems) > 0 {
			t.Errorf("%q: problems %v", tc.py, res.Problems)
			continue
		}
		body := res.Star[strings.Index(res.Star, "\n\n")+2:]
		if prelude != "" {
			k := strings.Index(res.Star, "= range(13)\n")
			body = res.Star[k+len("= range(13)\n"):]
		}
		if got := strings.TrimSpace(body); got != tc.star {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.py, got, tc.star)
		}
	}
}

// TestParseError checks that a script that cannot be read is an error
// naming the file, and that a statement the parser cannot read is left as
// a comment while the rest translates.
func TestParseError(t *testing.T) {
	_, err := Port("bad.py", []byte("x = 'abc\n"))
	if err == nil || !strings.Contains(err.Error(), "bad.py") {
		t.Fatalf("got %v, want an error naming bad.py", err)
	}
	res, err := Port("hole.py", []byte("x = 1\nif (n := 2) > 1:\n    print(n)\nprint(x)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 2 {
		t.Fatalf("problems %v, want line 2", res.Problems)
	}
	for _, want := range []string{"# if (n := 2) > 1:\n#     print(n)\n", "\nprint(x)\n"} {
		if !strings.Contains(res.Star, want) {
			t.Errorf("output lacks %q:\n%s", want, res.Star)
		}
	}
}

// TestOutputLoads checks that every translation of the corpus parses and
// resolves as exosh loads it, and that names Starlark lacks are flagged.
func TestOutputLoads(t *testing.T) {
	scripts, _ := filepath.Glob("testdata/*.py")
	for _, path := range scripts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Port(filepath.Base(path), src)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(res.Star); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	res, err := Port("t.py", []byte("print(reduce(f, [1]))\n"))
	if err != nil || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Why, "reduce") {
		t.Errorf("reduce: %v %v", err, res)
	}
}

// TestArgparseLacks checks that a call of an ArgumentParser method exosh's
// argparser lacks is flagged with the method's name, and so is every line
// that uses what it returned.
func TestArgparseLacks(t *testing.T) {
	src := "import argparse\np = argparse.ArgumentParser()\ng = p.add_mutually_exclusive_group()\ng.add_argument('-a')\np.set_defaults(x=1)\n"
	res, err := Port("t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, p := range res.Problems {
		lines = append(lines, p.Line)
	}
	if len(res.Problems) != 3 || !strings.Contains(res.Problems[0].Why, "add_mutually_exclusive_group") || !strings.Contains(res.Problems[2].Why, "set_defaults") {
		t.Errorf("problems on lines %v: %+v", lines, res.Problems)
	}
}
