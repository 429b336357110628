package exodus

import (
	"errors"
	"testing"
)

// TestReadStop reads exomerge_unit_test.e (five blocks, fields at several
// timesteps) with an open stop channel (the netcdf package tests the
// pieces) and gets the same model as a plain read; with a closed channel
// the read stops with ErrStopped and no model.
func TestReadStop(t *testing.T) {
	path := testFile(t, "exomerge_unit_test.e")
	want, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.SetStop(make(chan struct{}))
	got, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffModels(want, got, exactFloats, 5); len(d) > 0 {
		t.Errorf("read in pieces differs: %v", d)
	}

	r2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	closed := make(chan struct{})
	close(closed)
	r2.SetStop(closed)
	m, err := r2.Read(nil)
	if !errors.Is(err, ErrStopped) || m != nil {
		t.Fatalf("read with a closed stop channel: %v, %v; want ErrStopped and no model", m, err)
	}
}
