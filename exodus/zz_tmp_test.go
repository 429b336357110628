package exodus

import (
	"testing"
	"time"
)

func TestZZImport(t *testing.T) {
	t0 := time.Now()
	m, err := ReadFile("/tmp/cb/exosh-bench-chain-80.e")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(t0), m.NumNodes())
}
