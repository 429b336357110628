//go:build linux

package main

import "testing"

func TestTouchRate(t *testing.T) {
	r, err := touchRate(8)
	if err != nil {
		t.Fatal(err)
	}
	// One write per page of 8 MiB: any machine does it faster than
	// 1 MB/s and slower than 10 TB/s.
	if r < 0.001 || r > 10000 {
		t.Errorf("touchRate(8) = %v GB/s, outside any plausible rate", r)
	}
}
