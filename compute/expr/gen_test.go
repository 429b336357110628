package expr

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestKernelsUpToDate fails when kernels_gen.go differs from what
// gen_kernels.go writes: run go generate ./compute/expr.
func TestKernelsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	out := filepath.Join(t.TempDir(), "kernels_gen.go")
	if msg, err := exec.Command(goTool, "run", "gen_kernels.go", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("gen_kernels: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("kernels_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("kernels_gen.go is stale: run go generate ./compute/expr")
	}
}
