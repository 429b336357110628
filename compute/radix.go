package compute

import "math/bits"

const (
	radixBits = 11
	radixSize = 1 << radixBits
)

// radixSort sorts keys ascending and permutes vals alongside, stably (equal
// keys keep their relative order). keys2 and vals2 are scratch of the same
// lengths. Only the low keyBits bits of the keys are looked at. It returns
// the sorted slices, which are either the inputs or the scratch. The result
// is unique (a stable sort), so it does not depend on GOMAXPROCS.
func radixSort(stop Stop, keys, keys2 []uint64, vals, vals2 []int32, keyBits int) ([]uint64, []int32) {
	n := len(keys)
	p := workers(n, 1<<16)
	hist := make([][radixSize]int, p)
	part := func(w int) (int, int) { return n * w / p, n * (w + 1) / p }
	for shift := 0; shift < keyBits; shift += radixBits {
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
		skip := false
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
				skip = true
			}
		}
		if skip {
			continue
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
		keys, keys2 = keys2, keys
		vals, vals2 = vals2, vals
	}
	return keys, vals
}

// keyBitsFor returns the number of significant bits of max.
func keyBitsFor(max uint64) int { return bits.Len64(max) }
