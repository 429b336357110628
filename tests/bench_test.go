package tests

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkStartup measures running exosh -c 'pass': process start-up with
// nothing built at init (the target is under 30 ms).
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		if out, err := exec.Command(exosh, "-c", "pass").CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}

// benchScript runs exosh on a script of scripts/bench once per iteration.
func benchScript(b *testing.B, script string) {
	path := filepath.Join(repoRoot(b), "scripts", "bench", script)
	for b.Loop() {
		if out, err := exec.Command(exosh, path).CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}

// BenchmarkStartupPython measures exosh empty.py: parsing a Python script
// and importing sys and exomerge (target: under 50 ms);
// BenchmarkStartupStarlark is the same for an empty .star script.
func BenchmarkStartupPython(b *testing.B)   { benchScript(b, "empty.py") }
func BenchmarkStartupStarlark(b *testing.B) { benchScript(b, "empty.star") }

// BenchmarkCallsPython and BenchmarkCallsStarlark run the same 10,000
// get_element_count calls from calls.py and calls.star; minus the start-up
// benchmarks above, the Python figure must stay within 2x of Starlark's.
func BenchmarkCallsPython(b *testing.B)   { benchScript(b, "calls.py") }
func BenchmarkCallsStarlark(b *testing.B) { benchScript(b, "calls.star") }
