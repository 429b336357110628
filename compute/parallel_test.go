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

func TestForParts(t *testing.T) {
	conns := [][]int32{make([]int32, 5), nil, make([]int32, 1000), make([]int32, 3), make([]int32, 77)}
	for _, p := range []int{1, 2, 3, 7} {
		hits := make([][]int32, len(conns))
		for b := range conns {
			hits[b] = make([]int32, len(conns[b]))
		}
		last := make([]int, p) // last global position seen per part
		for w := range last {
			last[w] = -1
		}
		offs := []int{0, 5, 5, 1005, 1008}
		withProcs(3, func() {
			forParts(conns, p, func(w, b, lo, hi int) {
				if lo >= hi {
					t.Errorf("p %d: empty piece of block %d", p, b)
				}
				if g := offs[b] + lo; g <= last[w] {
					t.Errorf("p %d: part %d goes back to %d after %d", p, w, g, last[w])
				}
				last[w] = offs[b] + hi - 1
				for i := lo; i < hi; i++ {
					atomic.AddInt32(&hits[b][i], int32(w+1))
				}
			})
		})
		// Every entry once, parts in increasing order along the blocks.
		prev := int32(1)
		for b := range hits {
			for i, h := range hits[b] {
				if h < prev || h > prev+1 {
					t.Fatalf("p %d: block %d entry %d in part %d after part %d", p, b, i, h-1, prev-1)
				}
				prev = h
			}
		}
		if int(prev) != p {
			t.Errorf("p %d: last entry in part %d", p, prev-1)
		}
	}
}

func TestPrefixChunks(t *testing.T) {
	const n, chunk = 1000, 64
	xs := make([]int, n)
	sums := make([]int, numChunks(n, chunk))
	for c := range sums {
		s := 0
		for i := c * chunk; i < min(c*chunk+chunk, n); i++ {
			s += i % 7
			xs[i] = s
		}
		sums[c] = s
	}
	withProcs(3, func() { prefixChunks(xs, sums, chunk) })
	s := 0
	for i, x := range xs {
		s += i % 7
		if x != s {
			t.Fatalf("xs[%d] = %d, want %d", i, x, s)
		}
	}
}

func TestAlongside(t *testing.T) {
	for _, procs := range []int{1, 2} {
		var a, b int
		withProcs(procs, func() { alongside(func() { a = 1 }, func() { b = 2 }) })
		if a != 1 || b != 2 {
			t.Errorf("procs %d: side %d, main %d", procs, a, b)
		}
		func() {
			defer func() {
				if r := recover(); r != "side" {
					t.Errorf("procs %d: recovered %v, want side", procs, r)
				}
			}()
			withProcs(procs, func() { alongside(func() { panic("side") }, func() {}) })
		}()
	}
}
