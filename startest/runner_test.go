package startest

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The suite in testdata/suite has, by construction: math_test.star 3
// passing, 1 failing, 1 erroring, 1 skipped test (and a non-test
// function); sub/mesh_test.star 2 passing and 1 failing test.
const wantLine = "5 passed, 3 failed, 1 skipped"

func runMain(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	st := Main(args, &out, &errOut)
	return st, out.String() + errOut.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestSuiteSummary(t *testing.T) {
	st, out := runMain(t, "testdata/suite")
	if st != 1 {
		t.Errorf("exit status %d, want 1\n%s", st, out)
	}
	if got := lastLine(out); got != wantLine {
		t.Errorf("closing line %q, want %q\n%s", got, wantLine, out)
	}
	for _, w := range []string{
		"FAIL  testdata/suite/math_test.star: test_wrong_square",
		"testdata/suite/math_test.star:16: assert.eq: 4 != 5: square of 2",
		"ERROR testdata/suite/math_test.star: test_divide_by_zero",
		"testdata/suite/math_test.star:19: floored division by zero",
		"testdata/suite/sub/mesh_test.star:23: assert.near: 2 !~ 2.5 at index 2",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q\n%s", w, out)
		}
	}
}

func TestRunFilterAndPass(t *testing.T) {
	st, out := runMain(t, "-run", "square$|fresh_dir", "testdata/suite")
	if st != 1 || lastLine(out) != "3 passed, 1 failed" {
		t.Errorf("-run: status %d, last line %q", st, lastLine(out))
	}
	st, out = runMain(t, "-run", "^test_square$|fresh_dir_a$", "testdata/suite")
	if st != 0 || lastLine(out) != "2 passed, 0 failed" {
		t.Errorf("passing run: status %d, last line %q\n%s", st, lastLine(out), out)
	}
	st, out = runMain(t, "-v", "-run", "later", "testdata/suite")
	if st != 0 || lastLine(out) != "0 passed, 0 failed, 1 skipped" || !strings.Contains(out, "needs a bigger mesh") {
		t.Errorf("skip only: status %d\n%s", st, out)
	}
}

func TestJUnit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junit.xml")
	if st, out := runMain(t, "--junit", path, "testdata/suite"); st != 1 {
		t.Fatalf("status %d\n%s", st, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("junit does not parse: %v\n%s", err, data)
	}
	if doc.Tests != 9 || doc.Failures != 2 || doc.Errors != 1 || doc.Skipped != 1 {
		t.Errorf("junit counts tests=%d failures=%d errors=%d skipped=%d, want 9 2 1 1", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	if len(doc.Suites) != 2 || doc.Suites[0].Tests != 6 || doc.Suites[1].Tests != 3 {
		t.Fatalf("junit suites: %+v", doc.Suites)
	}
	c := doc.Suites[0].Cases
	if c[3].Name != "test_wrong_square" || c[3].Failure == nil || c[4].Error == nil || c[5].Skipped == nil || c[0].Failure != nil {
		t.Errorf("junit cases: %+v", c)
	}
}

// durations strips timings, which vary between runs.
var durations = regexp.MustCompile(`\(\d+ tests?, [0-9.]+s\)|\([0-9.]+s\)`)

func TestParallelSameAsSerial(t *testing.T) {
	st1, out1 := runMain(t, "-v", "-j", "1", "testdata/suite")
	st2, out2 := runMain(t, "-v", "-j", "2", "testdata/suite")
	a, b := durations.ReplaceAllString(out1, ""), durations.ReplaceAllString(out2, "")
	if st1 != st2 || a != b {
		t.Errorf("-j 2 differs from -j 1:\n--- -j 1 (%d)\n%s\n--- -j 2 (%d)\n%s", st1, a, st2, b)
	}
}

func TestTimeoutAndUsage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "slow_test.star"), []byte("def test_spin():\n    while True:\n        pass\n"), 0o644)
	st, out := runMain(t, "--timeout", "200ms", dir)
	if st != 1 || !strings.Contains(out, "timed out") || lastLine(out) != "0 passed, 1 failed" {
		t.Errorf("timeout: status %d\n%s", st, out)
	}
	if st, _ := runMain(t, "-j", "0", dir); st != 2 {
		t.Errorf("-j 0: status %d, want 2", st)
	}
	if st, out := runMain(t, filepath.Join(dir, "missing")); st != 1 || !strings.Contains(out, "no such file") {
		t.Errorf("missing path: status %d %s", st, out)
	}
}
