package compute

import "sync/atomic"

// unionFind is a disjoint-set forest over int32 items that goroutines may
// update concurrently; an item may also be outside every set (-1) until
// added. Every link makes a root point to a smaller root and
// path halving only shortens paths towards ancestors, so parent[x] <= x
// always holds and the root of a set is its smallest member, whatever order
// the unions come in.
type unionFind []int32

// newUnionFind returns n singleton sets.
func newUnionFind(n int) unionFind { return newUnionFindStop(nil, n, nil) }

// newUnionFindStop is newUnionFind checking stop (see parallelForStop),
// in buf when it has length n (otherwise in a new array).
func newUnionFindStop(stop Stop, n int, buf []int32) unionFind {
	u := unionFind(buf)
	if len(buf) != n {
		u = unionFind(Int32s(n))
	}
	parallelForStop(stop, n, grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			u[i] = int32(i)
		}
	})
	return u
}

// find returns the root (smallest member) of x's set.
func (u unionFind) find(x int32) int32 {
	for {
		p := atomic.LoadInt32(&u[x])
		if p == x {
			return x
		}
		gp := atomic.LoadInt32(&u[p])
		if gp == p {
			return p
		}
		atomic.CompareAndSwapInt32(&u[x], p, gp)
		x = gp
	}
}

// union merges the sets of a and b.
func (u unionFind) union(a, b int32) { u.unionRoot(a, b) }

// unionRoot merges the sets of a and b and returns a member of the merged
// set (its root when the call returned, unless another goroutine linked it
// since), so that a caller joining many items to a can pass the result as
// the next a and save most finds.
func (u unionFind) unionRoot(a, b int32) int32 {
	for {
		a, b = u.find(a), u.find(b)
		if a == b {
			return a
		}
		if a < b {
			a, b = b, a
		}
		// Link the larger root under the smaller; retry if a stopped
		// being a root meanwhile.
		if atomic.CompareAndSwapInt32(&u[a], a, b) {
			return b
		}
	}
}

// add makes x a singleton set if it is not in the forest yet (-1), for
// forests that start empty. Items must be added before they are united.
func (u unionFind) add(x int32) {
	if atomic.LoadInt32(&u[x]) < 0 {
		atomic.CompareAndSwapInt32(&u[x], -1, x)
	}
}
