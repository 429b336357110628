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

// join merges the sets of the items of el, adding those outside every
// set (-1) first, for forests that start empty: one element's nodes in
// CountDisconnected. It costs about one load per item when the items are
// already children of the set's root, as most are once a connected mesh
// has been partly joined: an item whose parent is the running root r is
// skipped, and an item not yet in the forest and larger than r is linked
// straight under r (one compare-and-swap, where add and unionRoot would
// take two and several finds). el must not be empty.
func (u unionFind) join(el []int32) {
	r := el[0]
	u.add(r)
	r = u.find(r)
	for _, n := range el[1:] {
		p := atomic.LoadInt32(&u[n])
		if p == r {
			continue // already in r's set
		}
		if p < 0 {
			// A new item larger than r can hang under r, which keeps
			// parents below their children; a smaller one starts as
			// a set of its own. Either way, another goroutine may
			// add it first.
			if n > r {
				if atomic.CompareAndSwapInt32(&u[n], -1, r) {
					continue
				}
			} else {
				atomic.CompareAndSwapInt32(&u[n], -1, n)
			}
		}
		r = u.unionRoot(r, n)
	}
}

// add makes x a singleton set if it is not in the forest yet (-1), for
// forests that start empty. Items must be added before they are united.
func (u unionFind) add(x int32) {
	if atomic.LoadInt32(&u[x]) < 0 {
		atomic.CompareAndSwapInt32(&u[x], -1, x)
	}
}
