package tests

import (
	"os/exec"
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
