package compute

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Grain sizes: the smallest number of items worth handing to one goroutine.
// Below about twice the grain a kernel runs serially on the caller's
// goroutine.
const (
	grainLight = 1 << 14 // cheap per-item work (copies, transforms)
	grainHeavy = 1 << 12 // per-element geometry (gathers, a few dozen flops)
)

// reduceChunk is the fixed chunk length of every reduction. Partial results
// are computed per chunk and combined in chunk order, so a reduction gives
// the same bits whatever GOMAXPROCS is.
const reduceChunk = 1 << 13

// parallelFor calls body on contiguous, disjoint ranges covering [0, n),
// using up to runtime.GOMAXPROCS(0) goroutines. The ranges are about a
// quarter of a goroutine's share, but at least grain long, and are handed
// out on demand, so a goroutine slowed down (by other processes, or by a
// costlier part of the input) does not hold the others back. They are
// handed out so that goroutines working at the same time work far apart
// (see below). It returns when every call has returned. A panic in any call is re-raised on the caller's
// goroutine (the first one, if several panic), so a caller can recover it.
// body must be safe to call concurrently on disjoint ranges. The ranges
// depend on GOMAXPROCS, so body must not accumulate floating-point results
// across items; use forChunks for reductions.
func parallelFor(n, grain int, body func(lo, hi int)) {
	parallelForStop(nil, n, grain, body)
}

// parallelForStop is parallelFor checking stop before every range it
// hands out: once stop is closed, no range starts, and when the ranges
// already running have returned it panics with errStop (which
// Stop.run turns into ErrStopped), leaving the rest of [0, n) undone.
func parallelForStop(stop Stop, n, grain int, body func(lo, hi int)) {
	if n <= 0 {
		return
	}
	p := workers(n, grain)
	if p <= 1 {
		if stop == nil {
			body(0, n)
			return
		}
		// One goroutine: ranges of at least grain (and of grainLight)
		// items, so that the stop is still checked now and then.
		step := max(grain, grainLight)
		for lo := 0; lo < n; lo += step {
			stop.check()
			body(lo, min(lo+step, n))
		}
		return
	}
	chunk := max(grain, n/(4*p), 1)
	nc := (n + chunk - 1) / chunk
	p = min(p, nc)
	// Claim k is chunk (k%p)*q + k/p: the first claims are p chunks far
	// apart, and each goroutine then tends to carry on where it is. Work
	// done at the same time is thus far apart in the input, where
	// neighbouring chunks would often write the same cache lines (nodes of
	// neighbouring elements).
	q := (nc + p - 1) / p
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	work := func() {
		for {
			k := int(next.Add(1) - 1)
			if k >= p*q {
				return
			}
			c := k%p*q + k/p
			if c >= nc {
				continue
			}
			stop.check()
			lo := c * chunk
			body(lo, min(lo+chunk, n))
		}
	}
	wg.Add(p - 1)
	for range p - 1 {
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if panicked == nil {
						panicked = r
					}
					mu.Unlock()
					next.Store(int64(p * q)) // stop handing out work
				}
			}()
			work()
		}()
	}
	func() {
		// Wait for the workers even if the caller's share panics, so
		// that none outlives the call.
		defer wg.Wait()
		work()
	}()
	if panicked != nil {
		panic(panicked)
	}
}

// workers returns how many goroutines parallelFor uses for n items.
func workers(n, grain int) int {
	p := runtime.GOMAXPROCS(0)
	if grain < 1 {
		grain = 1
	}
	if m := n / grain; p > m {
		p = m
	}
	return max(p, 1)
}

// numChunks returns the number of fixed-size chunks forChunks uses for n
// items of the given chunk length.
func numChunks(n, chunk int) int {
	return (n + chunk - 1) / chunk
}

// forChunks splits [0, n) into numChunks(n, chunk) chunks of exactly chunk
// items (the last one shorter) and calls body(c, lo, hi) once per chunk c,
// in parallel. Chunk boundaries do not depend on GOMAXPROCS: a reduction
// that stores a partial per chunk and combines the partials in increasing c
// is deterministic.
func forChunks(n, chunk int, body func(c, lo, hi int)) {
	forChunksStop(nil, n, chunk, body)
}

// forChunksStop is forChunks checking stop before every chunk (see
// parallelForStop).
func forChunksStop(stop Stop, n, chunk int, body func(c, lo, hi int)) {
	nc := numChunks(n, chunk)
	parallelFor(nc, 1, func(clo, chi int) {
		for c := clo; c < chi; c++ {
			stop.check()
			lo := c * chunk
			body(c, lo, min(lo+chunk, n))
		}
	})
}

// maxPrivate bounds the number of goroutines of the kernels that give each
// goroutine a private node-indexed array (BuildNodeElems, UnmergeBlocks),
// so that their scratch memory stays a small multiple of the node count on
// machines with many cores.
const maxPrivate = 8

// privateWorkers returns how many goroutines, each with a private
// node-indexed array, pay off for work connectivity entries.
func privateWorkers(work int) int {
	return min(workers(work, grainLight), maxPrivate)
}

// forParts splits the entries of the given connectivity arrays, taken one
// after the other, into p contiguous parts of nearly equal length, and calls
// body(w, b, lo, hi) for every piece [lo, hi) of array b that lies in part
// w: the pieces of one part in increasing b on one goroutine, the parts in
// parallel. Each part thus scans a contiguous stretch of the connectivity
// (no goroutine scans it all), and a part w < v holds only entries that
// come before those of part v.
func forParts(conns [][]int32, p int, body func(w, b, lo, hi int)) {
	forPartsStop(nil, conns, p, body)
}

// forPartsStop is forParts checking stop before every piece (see
// parallelForStop).
func forPartsStop(stop Stop, conns [][]int32, p int, body func(w, b, lo, hi int)) {
	total := 0
	for _, c := range conns {
		total += len(c)
	}
	parallelFor(p, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			lo, hi := total*w/p, total*(w+1)/p
			off := 0
			for b, c := range conns {
				if a, z := max(lo-off, 0), min(hi-off, len(c)); a < z {
					stop.check()
					body(w, b, a, z)
				}
				off += len(c)
				if off >= hi {
					break
				}
			}
		}
	})
}

// prefixChunks turns xs, whose chunks of the given length each hold a
// running sum starting from 0 (chunk c ending in sums[c]), into the
// running sum of the whole slice, in parallel.
func prefixChunks(xs []int, sums []int, chunk int) {
	prefixChunksStop(nil, xs, sums, chunk)
}

// prefixChunksStop is prefixChunks checking stop before every chunk (see
// parallelForStop).
func prefixChunksStop(stop Stop, xs []int, sums []int, chunk int) {
	off := 0
	for c, s := range sums {
		sums[c] = off
		off += s
	}
	forChunksStop(stop, len(xs), chunk, func(c, lo, hi int) {
		if d := sums[c]; d != 0 {
			for i := lo; i < hi; i++ {
				xs[i] += d
			}
		}
	})
}

// alongside runs side on a goroutine of its own while main runs on the
// caller's, and returns when both have returned. It suits allocating the
// large result arrays a later pass needs while a first pass runs: the
// runtime zeroes a large allocation on the allocating goroutine, which
// would otherwise be a serial step between parallel passes. A panic in side
// is re-raised on the caller's goroutine.
func alongside(side, main func()) {
	if runtime.GOMAXPROCS(0) == 1 {
		side()
		main()
		return
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		side()
	}()
	func() {
		defer func() {
			if r := <-done; r != nil {
				panic(r)
			}
		}()
		main()
	}()
}
