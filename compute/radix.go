package compute

import "math/bits"

const (
	radixBits = 11
	radixSize = 1 << radixBits

	// smallBits is the digit width of the passes that sort one bucket of
	// the top digit: buckets are small, so a smaller histogram costs less
	// to clear and to scan than the extra pass it takes.
	smallBits = 8
	smallSize = 1 << smallBits

	// msdMin is the least number of keys sorted top digit first; fewer
	// are sorted by LSD passes over the whole array, which then fits in
	// the caches.
	msdMin = 1 << 16

	// insertionMax is the largest bucket sorted by insertion.
	insertionMax = 48
)

// radixSort sorts keys ascending and permutes vals alongside, stably (equal
// keys keep their relative order). keys2 and vals2 are scratch of the same
// lengths. Only the low keyBits bits of the keys are looked at. It returns
// the sorted slices, which are either the inputs or the scratch. The result
// is unique (a stable sort), so it does not depend on GOMAXPROCS.
//
// Large inputs are split by their top radixBits bits first, in one pass
// over memory, into buckets that then fit in a core's cache and are sorted
// there, in parallel, by the remaining bits. Sorting every digit by a pass
// over the whole array would cost one trip through main memory per digit,
// and more digits as the keys grow with the mesh, so the time per key
// would grow with the mesh too (merge_nodes at 8M elements took 25x its
// time at 512k for 16x the nodes).
func radixSort(stop Stop, keys, keys2 []uint64, vals, vals2 []int32, keyBits int) ([]uint64, []int32) {
	n := len(keys)
	if n < msdMin || keyBits <= radixBits {
		return lsdSort(stop, keys, keys2, vals, vals2, 0, keyBits)
	}
	shift := keyBits - radixBits
	p := workers(n, 1<<16)
	hist := make([][radixSize]int, p)
	if !scatterPass(stop, keys, keys2, vals, vals2, shift, hist) {
		// Every key has the same top digit.
		return radixSort(stop, keys, keys2, vals, vals2, shift)
	}
	// hist[p-1][d] is now the end of bucket d, which starts where bucket
	// d-1 ends. The buckets are in keys2/vals2; sort each into keys/vals.
	var start, end [radixSize]int
	for d := range radixSize {
		end[d] = hist[p-1][d]
		if d > 0 {
			start[d] = end[d-1]
		}
	}
	big := max(msdMin, n/(4*p))
	parallelForStop(stop, radixSize, 1, func(dlo, dhi int) {
		var s bucketSorter
		for d := dlo; d < dhi; d++ {
			a, b := start[d], end[d]
			if b-a <= big {
				s.sort(keys2[a:b], keys[a:b], vals2[a:b], vals[a:b], shift)
			}
		}
	})
	// A bucket holding a large share of the keys is sorted by all the
	// goroutines together.
	for d := range radixSize {
		a, b := start[d], end[d]
		if b-a > big {
			k, v := radixSort(stop, keys2[a:b], keys[a:b], vals2[a:b], vals[a:b], shift)
			if &k[0] != &keys[a] {
				copy(keys[a:b], k)
				copy(vals[a:b], v)
			}
		}
	}
	return keys, vals
}

// lsdSort sorts by bits [lo, keyBits) of the keys with passes of
// radixBits over the whole arrays, least significant digit first.
func lsdSort(stop Stop, keys, keys2 []uint64, vals, vals2 []int32, lo, keyBits int) ([]uint64, []int32) {
	p := workers(len(keys), 1<<16)
	hist := make([][radixSize]int, p)
	for shift := lo; shift < keyBits; shift += radixBits {
		if scatterPass(stop, keys, keys2, vals, vals2, shift, hist) {
			keys, keys2 = keys2, keys
			vals, vals2 = vals2, vals
		}
	}
	return keys, vals
}

// scatterPass moves keys/vals into keys2/vals2 ordered stably by the
// radixBits-bit digit at shift, with len(hist) goroutines, and reports
// true. If every key has the same digit it moves nothing and reports
// false. Afterwards hist[w][d] is the end of worker w's keys of digit d.
func scatterPass(stop Stop, keys, keys2 []uint64, vals, vals2 []int32, shift int, hist [][radixSize]int) bool {
	n := len(keys)
	p := len(hist)
	part := func(w int) (int, int) { return n * w / p, n * (w + 1) / p }
	parallelForStop(stop, p, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			h := &hist[w]
			*h = [radixSize]int{}
			lo, hi := part(w)
			for _, k := range keys[lo:hi] {
				h[(k>>shift)&(radixSize-1)]++
			}
		}
	})
	// Turn counts into start offsets, digit-major then worker, which
	// keeps the sort stable. A digit holding every key means the pass
	// would not move anything.
	off := 0
	for d := range radixSize {
		cnt := 0
		for w := range p {
			c := hist[w][d]
			hist[w][d] = off
			off += c
			cnt += c
		}
		if cnt == n {
			return false
		}
	}
	parallelForStop(stop, p, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			h := &hist[w]
			lo, hi := part(w)
			for i := lo; i < hi; i++ {
				k := keys[i]
				d := (k >> shift) & (radixSize - 1)
				j := h[d]
				h[d]++
				keys2[j] = k
				vals2[j] = vals[i]
			}
		}
	})
	return true
}

// bucketSorter sorts buckets of keys on one goroutine.
type bucketSorter struct {
	hist [smallSize]int
}

// sort sorts src/srcVals stably by their low keyBits bits and leaves the
// result in dst/dstVals, using src/srcVals as scratch.
func (s *bucketSorter) sort(src, dst []uint64, srcVals, dstVals []int32, keyBits int) {
	n := len(src)
	if n <= insertionMax {
		copy(dst, src)
		copy(dstVals, srcVals)
		mask := uint64(1)<<keyBits - 1
		if keyBits >= 64 {
			mask = ^uint64(0)
		}
		for i := 1; i < n; i++ {
			k, v := dst[i], dstVals[i]
			j := i
			for j > 0 && dst[j-1]&mask > k&mask {
				dst[j], dstVals[j] = dst[j-1], dstVals[j-1]
				j--
			}
			dst[j], dstVals[j] = k, v
		}
		return
	}
	// The digits actually in use: bits above the highest bit in which any
	// two keys differ need no pass.
	var or, and uint64 = 0, ^uint64(0)
	for _, k := range src {
		or |= k
		and &= k
	}
	diff := or ^ and
	if keyBits < 64 {
		diff &= uint64(1)<<keyBits - 1
	}
	top := bits.Len64(diff)
	a, b, av, bv := src, dst, srcVals, dstVals
	for shift := bits.TrailingZeros64(diff | 1<<63); shift < top; shift += smallBits {
		h := &s.hist
		*h = [smallSize]int{}
		for _, k := range a {
			h[(k>>shift)&(smallSize-1)]++
		}
		off := 0
		for d := range smallSize {
			c := h[d]
			h[d] = off
			off += c
		}
		for i, k := range a {
			d := (k >> shift) & (smallSize - 1)
			j := h[d]
			h[d]++
			b[j] = k
			bv[j] = av[i]
		}
		a, b = b, a
		av, bv = bv, av
	}
	if &a[0] != &dst[0] {
		copy(dst, a)
		copy(dstVals, av)
	}
}

// keyBitsFor returns the number of significant bits of max.
func keyBitsFor(max uint64) int { return bits.Len64(max) }
