package pyport

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Exit statuses of exosh port.
const (
	ExitOK      = 0 // everything translated
	ExitFailed  = 1 // the script could not be read, parsed or written
	ExitUsage   = 2 // bad command line
	ExitPartial = 3 // written, but some lines need a person
)

// Usage is the help text of exosh port.
const Usage = `usage: exosh port SCRIPT.py [-o OUT.star]

Translate a Python exomerge script into exosh's Starlark. The output goes to
OUT.star (default: SCRIPT.star beside the script; '-o -' writes standard
output). Lines with no Starlark form stay in the output as comments and are
listed at its top.
Exit status: 0 everything translated, 3 some lines need a person,
1 the script could not be read or parsed, 2 bad usage.
`

// Main runs exosh port with its arguments (after "port") and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	var in, out string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, Usage)
			return ExitOK
		case a == "-o" || a == "--output":
			if i+1 >= len(args) || out != "" {
				fmt.Fprintf(stderr, "exosh port: -o needs one file name\n%s", Usage)
				return ExitUsage
			}
			out = args[i+1]
			i++
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			out = a[2:]
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(stderr, "exosh port: unknown option %s\n%s", a, Usage)
			return ExitUsage
		case in == "":
			in = a
		default:
			fmt.Fprintf(stderr, "exosh port: one script at a time (got %s and %s)\n%s", in, a, Usage)
			return ExitUsage
		}
	}
	if in == "" {
		fmt.Fprintf(stderr, "exosh port: missing the script\n%s", Usage)
		return ExitUsage
	}
	src, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(stderr, "exosh port: %v\n", err)
		return ExitFailed
	}
	res, err := Port(filepath.Base(in), src)
	if err != nil {
		fmt.Fprintf(stderr, "exosh port: %v\n", err)
		return ExitFailed
	}
	if out == "" {
		out = strings.TrimSuffix(in, filepath.Ext(in)) + ".star"
	}
	if out != "-" && sameFile(in, out) {
		fmt.Fprintf(stderr, "exosh port: %s would overwrite the script; choose another -o\n", out)
		return ExitUsage
	}
	if out == "-" {
		fmt.Fprint(stdout, res.Star)
	} else if err := writeAtomic(out, []byte(res.Star)); err != nil {
		fmt.Fprintf(stderr, "exosh port: %v\n", err)
		return ExitFailed
	}
	if len(res.Problems) == 0 {
		return ExitOK
	}
	fmt.Fprintf(stderr, "exosh port: %d line(s) of %s need a person:\n", len(res.Problems), in)
	for _, p := range res.Problems {
		fmt.Fprintf(stderr, "  %s:%d: %s\n", in, p.Line, p.Why)
	}
	return ExitPartial
}

// writeAtomic writes data to path through a temporary file in the same
// directory, so a failure never leaves a half-written file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".exosh-port-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// sameFile reports whether paths a and b name the same file.
func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}
