package netcdf

import (
	"path/filepath"
	"testing"
)

// TestOnTransfer checks that the transfer hook sees the values each
// successful Get and Put moved, and nothing for failed or empty calls.
func TestOnTransfer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hook.nc")
	f, err := Create(path, Offset64)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := f.DefDim("n", 10)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.DefVar("x", Double, []Dim{d})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	var calls []int
	f.OnTransfer(func(n int) { calls = append(calls, n) })
	if err := v.PutFloat64s([]int{0}, []int{4}, make([]float64, 4)); err != nil {
		t.Fatal(err)
	}
	if err := v.PutFloat64s([]int{4}, []int{6}, make([]float64, 6)); err != nil {
		t.Fatal(err)
	}
	if err := v.PutFloat64s([]int{8}, []int{6}, make([]float64, 6)); err == nil {
		t.Fatal("a write past the end succeeded")
	}
	if err := v.PutFloat64s([]int{0}, []int{0}, nil); err != nil {
		t.Fatal(err)
	}
	got := make([]int32, 10)
	if err := v.ReadInt32s(got); err != nil {
		t.Fatal(err)
	}
	want := []int{4, 6, 10}
	if len(calls) != len(want) {
		t.Fatalf("hook calls %v, want %v", calls, want)
	}
	for i := range want {
		if calls[i] != want[i] {
			t.Fatalf("hook calls %v, want %v", calls, want)
		}
	}
	f.OnTransfer(nil)
	if err := v.ReadInt32s(got); err != nil {
		t.Fatal(err)
	}
	if len(calls) != len(want) {
		t.Fatalf("a removed hook was still called: %v", calls)
	}
}
