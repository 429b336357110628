// Package startest runs regression suites written in Starlark: every
// top-level test_* function of every *_test.star file, each in a fresh
// module with its own temporary directory, reporting ok, FAIL, ERROR or
// SKIP, a closing "N passed, N failed" line and JUnit XML.
package startest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"exosh/builtins"

	"go.starlark.net/starlark"
)

// Config says what to run and how.
type Config struct {
	Paths   []string       // files or directories; none means "."
	Run     *regexp.Regexp // only tests whose name matches; nil for all
	Verbose bool           // also print what passing tests printed
	Jobs    int            // files run in parallel (at least 1)
	JUnit   string         // write JUnit XML here when set
	Timeout time.Duration  // per test; 0 for none
}

// Outcome of one test.
type Outcome string

// Outcomes.
const (
	Pass    Outcome = "ok"
	Fail    Outcome = "FAIL"
	Error   Outcome = "ERROR"
	Skipped Outcome = "SKIP"
)

// TestResult is one test's result.
type TestResult struct {
	File     string
	Name     string
	Outcome  Outcome
	Message  string // failure, error or skip message (with file:line)
	Output   string // what the test printed
	Duration time.Duration
}

// FileResult holds the results of one file. A file that cannot be read
// or executed gives one ERROR result named "<load>".
type FileResult struct {
	File     string
	Tests    []TestResult
	Duration time.Duration
}

// Summary counts results.
type Summary struct {
	Passed, Failed, Errors, Skipped int
}

// Line is the closing line: "N passed, N failed" and ", N skipped" when
// any were; errors count as failed.
func (s Summary) Line() string {
	l := fmt.Sprintf("%d passed, %d failed", s.Passed, s.Failed+s.Errors)
	if s.Skipped > 0 {
		l += fmt.Sprintf(", %d skipped", s.Skipped)
	}
	return l
}

// Find returns the *_test.star files under paths, sorted.
func Find(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var files []string
	seen := map[string]bool{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("exosh test: %v", err)
		}
		if !fi.IsDir() {
			if !seen[p] {
				files = append(files, p)
				seen[p] = true
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), "_test.star") && !seen[path] {
				files = append(files, path)
				seen[path] = true
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("exosh test: %v", err)
		}
	}
	sort.Strings(files)
	return files, nil
}

// Run runs the suites of cfg, printing the report to out, and returns the
// summary and the results of every file.
func Run(cfg Config, out io.Writer) (Summary, []FileResult, error) {
	files, err := Find(cfg.Paths)
	if err != nil {
		return Summary{}, nil, err
	}
	jobs := max(cfg.Jobs, 1)
	results := make([]FileResult, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, jobs)
	// Files finish in any order; reports are printed in file order as soon
	// as every earlier file is done.
	done := make([]chan struct{}, len(files))
	for i := range done {
		done[i] = make(chan struct{})
	}
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			results[i] = runFile(cfg, f)
			<-sem
			close(done[i])
		}()
	}
	var sum Summary
	for i := range files {
		<-done[i]
		report(out, cfg, &results[i])
		for _, t := range results[i].Tests {
			switch t.Outcome {
			case Pass:
				sum.Passed++
			case Fail:
				sum.Failed++
			case Error:
				sum.Errors++
			case Skipped:
				sum.Skipped++
			}
		}
	}
	wg.Wait()
	if cfg.JUnit != "" {
		if err := writeJUnit(cfg.JUnit, results); err != nil {
			return sum, results, err
		}
	}
	fmt.Fprintln(out, sum.Line())
	return sum, results, nil
}

// report prints one file's results.
func report(out io.Writer, cfg Config, fr *FileResult) {
	bad := false
	for _, t := range fr.Tests {
		if t.Outcome != Pass && t.Outcome != Skipped {
			bad = true
		}
		label := string(t.Outcome)
		fmt.Fprintf(out, "%-5s %s: %s (%.2fs)\n", label, fr.File, t.Name, t.Duration.Seconds())
		if t.Message != "" {
			fmt.Fprintf(out, "      %s\n", strings.ReplaceAll(strings.TrimRight(t.Message, "\n"), "\n", "\n      "))
		}
		if t.Output != "" && (cfg.Verbose || t.Outcome != Pass) {
			fmt.Fprintf(out, "      output:\n        %s\n", strings.ReplaceAll(strings.TrimRight(t.Output, "\n"), "\n", "\n        "))
		}
	}
	status := "ok"
	if bad {
		status = "FAIL"
	}
	plural := "s"
	if len(fr.Tests) == 1 {
		plural = ""
	}
	fmt.Fprintf(out, "%-5s %s (%d test%s, %.2fs)\n", status, fr.File, len(fr.Tests), plural, fr.Duration.Seconds())
}

// runFile runs every test of one file.
func runFile(cfg Config, file string) FileResult {
	start := time.Now()
	fr := FileResult{File: file}
	src, err := os.ReadFile(file)
	if err != nil {
		fr.Tests = []TestResult{{File: file, Name: "<load>", Outcome: Error, Message: err.Error()}}
		return fr
	}
	// A first execution lists the test functions.
	var buf bytes.Buffer
	globals, err := execModule(file, src, &buf, "")
	if err != nil {
		fr.Tests = []TestResult{{File: file, Name: "<load>", Outcome: Error, Message: errMessage(err), Output: buf.String()}}
		fr.Duration = time.Since(start)
		return fr
	}
	var names []string
	for name, v := range globals {
		if _, ok := v.(*starlark.Function); ok && strings.HasPrefix(name, "test_") {
			if cfg.Run == nil || cfg.Run.MatchString(name) {
				names = append(names, name)
			}
		}
	}
	// in source order
	sort.Slice(names, func(i, j int) bool {
		pi := globals[names[i]].(*starlark.Function).Position()
		pj := globals[names[j]].(*starlark.Function).Position()
		return pi.Line < pj.Line
	})
	for _, name := range names {
		fr.Tests = append(fr.Tests, runTest(cfg, file, src, name))
	}
	fr.Duration = time.Since(start)
	return fr
}

// execModule executes the file in a fresh module with the test
// predeclared names; tmp is what tmpdir() returns.
func execModule(file string, src []byte, out io.Writer, tmp string) (starlark.StringDict, error) {
	thread := builtins.NewThread("exosh test", out, out)
	pre := predeclared(file, tmp)
	builtins.SetLoadPredeclared(thread, pre)
	return builtins.ExecFile(thread, file, src, pre)
}

func predeclared(file, tmp string) starlark.StringDict {
	d := builtins.Predeclared()
	d["assert"] = assertModule(file)
	d["tmpdir"] = starlark.NewBuiltin("tmpdir", func(t *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackArgs("tmpdir", args, kwargs); err != nil {
			return nil, err
		}
		if tmp == "" {
			return nil, fmt.Errorf("tmpdir: only available inside a test function")
		}
		return starlark.String(tmp), nil
	})
	return d
}

// runTest runs one test function in a fresh module and temporary
// directory.
func runTest(cfg Config, file string, src []byte, name string) (res TestResult) {
	start := time.Now()
	res = TestResult{File: file, Name: name}
	defer func() { res.Duration = time.Since(start) }()
	tmp, err := os.MkdirTemp("", "exosh-test-*")
	if err != nil {
		res.Outcome, res.Message = Error, err.Error()
		return res
	}
	defer os.RemoveAll(tmp)
	var buf bytes.Buffer
	thread := builtins.NewThread("exosh test", &buf, &buf)
	pre := predeclared(file, tmp)
	builtins.SetLoadPredeclared(thread, pre)
	globals, err := builtins.ExecFile(thread, file, src, pre)
	if err == nil {
		fn, _ := globals[name].(*starlark.Function)
		if fn == nil {
			err = fmt.Errorf("%s is no longer a function", name)
		} else {
			var timer *time.Timer
			if cfg.Timeout > 0 {
				timer = time.AfterFunc(cfg.Timeout, func() { builtins.Interrupt(thread) })
			}
			_, err = starlark.Call(thread, fn, nil, nil)
			if timer != nil && !timer.Stop() {
				err = fmt.Errorf("test timed out after %v", cfg.Timeout)
			}
		}
	}
	res.Output = buf.String()
	var fail *Failure
	var skip *SkipError
	switch {
	case err == nil:
		res.Outcome = Pass
	case errors.As(err, &skip):
		res.Outcome, res.Message = Skipped, skip.Reason
	case errors.As(err, &fail):
		res.Outcome, res.Message = Fail, fail.Error()
	default:
		res.Outcome, res.Message = Error, errMessage(err)
	}
	return res
}

// errMessage renders an error with its innermost Starlark position.
func errMessage(err error) string {
	var ee *starlark.EvalError
	if errors.As(err, &ee) {
		pos := ""
		if n := len(ee.CallStack); n > 0 {
			for i := n - 1; i >= 0; i-- {
				if p := ee.CallStack[i].Pos; p.Line > 0 {
					pos = fmt.Sprintf("%s:%d: ", p.Filename(), p.Line)
					break
				}
			}
		}
		return pos + ee.Msg
	}
	return err.Error()
}
