package compute

import (
	"sync/atomic"
	"testing"
)

func TestParallelForCovers(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 7, 1000, 100003} {
			for _, grain := range []int{1, 64, 1 << 20} {
				hits := make([]int32, n)
				withProcs(procs, func() {
					parallelFor(n, grain, func(lo, hi int) {
						if lo >= hi && n > 0 {
							t.Errorf("empty range [%d, %d)", lo, hi)
						}
						for i := lo; i < hi; i++ {
							atomic.AddInt32(&hits[i], 1)
						}
					})
				})
				for i, h := range hits {
					if h != 1 {
						t.Fatalf("procs %d n %d grain %d: item %d visited %d times", procs, n, grain, i, h)
					}
				}
			}
		}
	}
}

func TestParallelForPanics(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("procs %d: recovered %v, want boom", procs, r)
				}
			}()
			withProcs(procs, func() {
				parallelFor(1<<20, 1, func(lo, hi int) {
					if lo <= 777777 && 777777 < hi {
						panic("boom")
					}
				})
			})
		}()
	}
}

func TestForChunks(t *testing.T) {
	n, chunk := 100001, 1000
	seen := make([][2]int, numChunks(n, chunk))
	withProcs(3, func() {
		forChunks(n, chunk, func(c, lo, hi int) { seen[c] = [2]int{lo, hi} })
	})
	for c, r := range seen {
		if r != [2]int{c * chunk, min(c*chunk+chunk, n)} {
			t.Fatalf("chunk %d = %v", c, r)
		}
	}
}
