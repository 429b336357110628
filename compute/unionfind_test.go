package compute

import (
	"math/rand/v2"
	"testing"
)

// TestUnionFindJoin joins random elements (of 1 to 8 items, some
// repeating an item, over a few clusters of items with unused items
// between them) into an empty forest, serially and on several
// goroutines, and checks the forest's invariants against a serial
// reference: items of no element stay outside (-1), every parent is at
// most its child, and every item's root is the smallest item of its
// group.
func TestUnionFindJoin(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	for trial := range 12 {
		n := 1000 + rng.IntN(50000)
		ne := rng.IntN(3 * n / 2)
		var flat []int32
		var starts []int
		for range ne {
			starts = append(starts, len(flat))
			size := 1 + rng.IntN(8)
			// Items of an element lie near each other, in one of a
			// few clusters, as in a mesh.
			c := rng.IntN(n)
			for range size {
				flat = append(flat, int32(min(n-1, c+rng.IntN(40))))
			}
		}
		starts = append(starts, len(flat))
		// Reference: the smallest item of each group.
		ref := make([]int32, n)
		for i := range ref {
			ref[i] = -1
		}
		var rootOf func(x int32) int32
		rootOf = func(x int32) int32 {
			for ref[x] != x {
				ref[x] = ref[ref[x]]
				x = ref[x]
			}
			return x
		}
		for e := range ne {
			el := flat[starts[e]:starts[e+1]]
			for _, x := range el {
				if ref[x] < 0 {
					ref[x] = x
				}
			}
			for _, x := range el[1:] {
				a, b := rootOf(el[0]), rootOf(x)
				ref[max(a, b)] = min(a, b)
			}
		}
		procs := 1 + trial%3
		uf := unionFind(make([]int32, n))
		for i := range uf {
			uf[i] = -1
		}
		withProcs(procs, func() {
			parallelFor(ne, 64, func(lo, hi int) {
				for e := lo; e < hi; e++ {
					uf.join(flat[starts[e]:starts[e+1]])
				}
			})
		})
		for i := range n {
			x := int32(i)
			switch {
			case ref[x] < 0:
				if uf[x] != -1 {
					t.Fatalf("trial %d (GOMAXPROCS %d): unused item %d has parent %d", trial, procs, x, uf[x])
				}
			case uf[x] < 0 || uf[x] > x:
				t.Fatalf("trial %d (GOMAXPROCS %d): item %d has parent %d", trial, procs, x, uf[x])
			case uf.find(x) != rootOf(x):
				t.Fatalf("trial %d (GOMAXPROCS %d): item %d has root %d, want %d", trial, procs, x, uf.find(x), rootOf(x))
			}
		}
	}
}
