package startest

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

const usage = `usage: exosh test [-run REGEXP] [-v] [-j N] [--junit FILE] [--timeout D] [PATH...]

Runs every top-level test_* function of every *_test.star file under the
PATHs (default "."), each in a fresh module with its own temporary
directory (tmpdir()), and prints each as ok, FAIL, ERROR or SKIP (-v adds
what passing tests printed). Tests use the assert module: eq, ne, true, false,
near(a, b, rtol=, atol=), fails(fn, pattern), same_files(a, b, **options),
skip(reason). The last line is "N passed, N failed" (", N skipped");
the exit status is 0 only when nothing failed (errors count as failures).
`

// Main is `exosh test`; it returns the exit status: 0 when nothing failed,
// 1 when a test failed or erred, 2 for bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("exosh test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := fs.String("run", "", "")
	verbose := fs.Bool("v", false, "")
	jobs := fs.Int("j", 1, "")
	junit := fs.String("junit", "", "")
	timeout := fs.Duration("timeout", 10*time.Minute, "")
	// flags may follow paths: parse repeatedly
	var paths []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if err == flag.ErrHelp {
				fmt.Fprint(stdout, usage)
				return 0
			}
			fmt.Fprintf(stderr, "exosh test: %v\n%s", err, usage)
			return 2
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		paths = append(paths, rest[0])
		rest = rest[1:]
	}
	cfg := Config{Paths: paths, Verbose: *verbose, Jobs: *jobs, JUnit: *junit, Timeout: *timeout}
	if *run != "" {
		re, err := regexp.Compile(*run)
		if err != nil {
			fmt.Fprintf(stderr, "exosh test: -run: %v\n", err)
			return 2
		}
		cfg.Run = re
	}
	if *jobs < 1 {
		fmt.Fprintf(stderr, "exosh test: -j must be at least 1\n")
		return 2
	}
	sum, _, err := Run(cfg, stdout)
	if err != nil {
		fmt.Fprintln(stderr, strings.TrimSpace(err.Error()))
		return 1
	}
	if sum.Failed+sum.Errors > 0 {
		return 1
	}
	return 0
}
