package netcdf

import (
	"errors"
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

// TestSetStop checks that a file with a stop channel moves its values in
// pieces (the same values as in one call, for reads and writes of 1-D and
// 2-D hyperslabs, split along their first dimension of more than one
// index), and that a closed channel stops the next transfer with
// ErrStopped.
func TestSetStop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stop.nc")
	f, err := Create(path, Offset64)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := f.DefUnlimitedDim("time")
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.DefDim("n", 23)
	if err != nil {
		t.Fatal(err)
	}
	k, err := f.DefDim("k", 3)
	if err != nil {
		t.Fatal(err)
	}
	grid, err := f.DefVar("grid", Int, []Dim{n, k})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := f.DefVar("steps", Double, []Dim{rec, n})
	if err != nil {
		t.Fatal(err)
	}
	scalar, err := f.DefVar("scalar", Double, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	g := make([]int32, 23*3)
	for i := range g {
		g[i] = int32(7*i + 1)
	}
	s := make([]float64, 2*23)
	for i := range s {
		s[i] = float64(i) / 4
	}
	open := make(chan struct{})
	f.SetStop(open)
	f.piece = 5 // 1 row of grid, 5 values of a step
	var calls []int
	f.OnTransfer(func(n int) { calls = append(calls, n) })
	if err := grid.PutInt32s([]int{0, 0}, []int{23, 3}, g); err != nil {
		t.Fatal(err)
	}
	if err := steps.PutFloat64s([]int{0, 0}, []int{2, 23}, s); err != nil {
		t.Fatal(err)
	}
	if err := scalar.PutFloat64s(nil, nil, []float64{2.5}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 23+2+1 { // rows of grid; steps split along time; the scalar
		t.Errorf("%d transfers %v, want 26", len(calls), calls)
	}
	one := make([]float64, 1)
	if err := scalar.GetFloat64s(nil, nil, one); err != nil || one[0] != 2.5 {
		t.Errorf("scalar read %v (%v), want 2.5", one[0], err)
	}
	gotG := make([]int32, 23*3)
	if err := grid.GetInt32s([]int{0, 0}, []int{23, 3}, gotG); err != nil {
		t.Fatal(err)
	}
	gotS := make([]float64, 23)
	if err := steps.GetFloat64s([]int{1, 0}, []int{1, 23}, gotS); err != nil {
		t.Fatal(err)
	}
	f.SetStop(nil)
	wantG := make([]int32, 23*3)
	if err := grid.GetInt32s([]int{0, 0}, []int{23, 3}, wantG); err != nil {
		t.Fatal(err)
	}
	for i := range g {
		if gotG[i] != g[i] || wantG[i] != g[i] {
			t.Fatalf("grid[%d] read %d in pieces, %d whole, wrote %d", i, gotG[i], wantG[i], g[i])
		}
	}
	for i, x := range gotS {
		if x != s[23+i] {
			t.Fatalf("step 1 value %d read %v in pieces, wrote %v", i, x, s[23+i])
		}
	}
	close(open)
	f.SetStop(open)
	err = grid.GetInt32s([]int{0, 0}, []int{23, 3}, gotG)
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("read after the stop: %v, want ErrStopped", err)
	}
}
