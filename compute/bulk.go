package compute

import (
	"math"
	"sync/atomic"
	"unsafe"
)

// hugeMin is the smallest allocation, in bytes, that the bulk allocators
// back with huge pages. Below it the 4 KiB pages of the Go heap serve.
const hugeMin = 1 << 20

// Float64s returns a new zeroed slice of n float64s for a bulk array
// (coordinates, field values). A large one is advised to the kernel as
// huge pages before it is first touched: on Linux with transparent huge
// pages in madvise mode the first write then faults in 2 MiB at a time
// instead of 4 KiB, which where a page fault is dear (a virtual machine
// faulting through to its host) makes fresh memory many times cheaper.
func Float64s(n int) []float64 {
	s := make([]float64, n)
	AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), 8*n)
	return s
}

// Int32s is Float64s for int32s (connectivity, set members).
func Int32s(n int) []int32 {
	s := make([]int32, n)
	AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), 4*n)
	return s
}

// Int64s is Float64s for int64s (id maps).
func Int64s(n int) []int64 {
	s := make([]int64, n)
	AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), 8*n)
	return s
}

// CloneFloat64s returns a copy of s in a new bulk array, copied in
// parallel. It returns nil for nil.
func CloneFloat64s(s []float64) []float64 {
	if s == nil {
		return nil
	}
	d := Float64s(len(s))
	CopyFloat64s(d, s)
	return d
}

// CloneInt32s is CloneFloat64s for int32s.
func CloneInt32s(s []int32) []int32 {
	if s == nil {
		return nil
	}
	d := Int32s(len(s))
	parallelFor(len(s), grainLight*4, func(lo, hi int) { copy(d[lo:hi], s[lo:hi]) })
	return d
}

// CopyFloat64s copies src into dst (min of the lengths), in parallel.
func CopyFloat64s(dst, src []float64) {
	n := min(len(dst), len(src))
	parallelFor(n, grainLight*4, func(lo, hi int) { copy(dst[lo:hi], src[lo:hi]) })
}

// GrowFloat64s returns s extended by n zeros, in a new bulk array when
// its capacity does not suffice (then with no room to spare: bulk arrays
// grow rarely and by large steps).
func GrowFloat64s(s []float64, n int) []float64 {
	if len(s)+n <= cap(s) {
		t := s[:len(s)+n]
		clear(t[len(s):])
		return t
	}
	d := Float64s(len(s) + n)
	CopyFloat64s(d, s)
	return d
}

// GrowInt64s is GrowFloat64s for int64s.
func GrowInt64s(s []int64, n int) []int64 {
	if len(s)+n <= cap(s) {
		t := s[:len(s)+n]
		clear(t[len(s):])
		return t
	}
	d := Int64s(len(s) + n)
	parallelFor(len(s), grainLight*4, func(lo, hi int) { copy(d[lo:hi], s[lo:hi]) })
	return d
}

// Gather sets dst[i] = src[idx[i]] for every i of idx, in parallel. dst
// and src may be the same slice when no dst[i] written is an src[idx[j]]
// read (copies appended after the originals).
func Gather(dst, src []float64, idx []int32) {
	parallelFor(len(idx), grainLight, func(lo, hi int) {
		d := dst[lo:hi]
		for i, n := range idx[lo:hi] {
			d[i] = src[n]
		}
	})
}

// Gather3 sets the triple dst[3i:3i+3] = src[3n:3n+3] for n = idx[i]
// (coordinates), in parallel, with Gather's rule on overlap.
func Gather3(dst, src []float64, idx []int32) {
	parallelFor(len(idx), grainLight, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			n := 3 * int(idx[i])
			d := dst[3*i : 3*i+3 : 3*i+3]
			d[0], d[1], d[2] = src[n], src[n+1], src[n+2]
		}
	})
}

// Interleave sets dst[stride*i+off] = src[i] for every i of src, in
// parallel: one coordinate of every node into a node-major array.
func Interleave(dst, src []float64, stride, off int) {
	parallelFor(len(src), grainLight, func(lo, hi int) {
		d := dst[stride*lo+off:]
		for i, x := range src[lo:hi] {
			d[stride*i] = x
		}
	})
}

// ToZeroBased subtracts 1 from every element of s (1-based node numbers
// to 0-based indices), in parallel, and returns the lowest index whose
// number was outside 1..lim, or -1 if all were inside. Every element is
// shifted either way.
func ToZeroBased(s []int32, lim int32) int {
	const chunk = 1 << 16
	nc := numChunks(len(s), chunk)
	bad := make([]int, nc)
	forChunks(len(s), chunk, func(c, lo, hi int) {
		bad[c] = -1
		p := s[lo:hi]
		for i, n := range p {
			if n < 1 || n > lim {
				if bad[c] < 0 {
					bad[c] = lo + i
				}
			}
			p[i] = n - 1
		}
	})
	for _, b := range bad {
		if b >= 0 {
			return b
		}
	}
	return -1
}

// Renumber sets dst[i] = table[src[i]] for every i, in parallel (node
// indices through an old-to-new table). dst and src may be the same.
func Renumber(dst, src, table []int32) {
	parallelFor(len(src), grainLight, func(lo, hi int) {
		d := dst[lo:hi]
		for i, n := range src[lo:hi] {
			d[i] = table[n]
		}
	})
}

// UsedIndex returns, for n nodes and the connectivity conn, the nodes
// conn uses in increasing order (used) and a table rank with rank[v] =
// first + the position of v in used for a used node v (and -1 for the
// others): the new index of v when the used nodes are copied, in order,
// to first, first+1, ... It runs in parallel, with no map.
func UsedIndex(n int, conn []int32, first int) (used, rank []int32) {
	rank = Int32s(n)
	parallelFor(n, grainLight, func(lo, hi int) {
		r := rank[lo:hi]
		for i := range r {
			r[i] = -1
		}
	})
	// Flag the used nodes with 0, serially: a node of several elements
	// would be written by several goroutines.
	for _, v := range conn {
		rank[v] = 0
	}
	nc := numChunks(n, reduceChunk)
	counts := make([]int, nc)
	forChunks(n, reduceChunk, func(c, lo, hi int) {
		k := 0
		for _, r := range rank[lo:hi] {
			if r == 0 {
				k++
			}
		}
		counts[c] = k
	})
	total := 0
	for c, k := range counts {
		counts[c] = total
		total += k
	}
	used = make([]int32, total)
	forChunks(n, reduceChunk, func(c, lo, hi int) {
		k := counts[c]
		for v := lo; v < hi; v++ {
			if rank[v] == 0 {
				used[k] = int32(v)
				rank[v] = int32(first + k)
				k++
			}
		}
	})
	return used, rank
}

// Fill sets every value of dst to v, in parallel.
func Fill(dst []float64, v float64) {
	parallelFor(len(dst), grainLight*4, func(lo, hi int) {
		d := dst[lo:hi]
		for i := range d {
			d[i] = v
		}
	})
}

// ConcatFloat64s returns the parts one after the other in a new bulk
// array, copied in parallel.
func ConcatFloat64s(parts ...[]float64) []float64 {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	d := Float64s(n)
	off := 0
	for _, p := range parts {
		CopyFloat64s(d[off:], p)
		off += len(p)
	}
	return d
}

// ConcatInt32s is ConcatFloat64s for int32s.
func ConcatInt32s(parts ...[]int32) []int32 {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	d := Int32s(n)
	off := 0
	for _, p := range parts {
		dst := d[off:]
		parallelFor(len(p), grainLight*4, func(lo, hi int) { copy(dst[lo:hi], p[lo:hi]) })
		off += len(p)
	}
	return d
}

// releaseMin is the smallest unused tail, in bytes, that Shrink returns to
// the operating system.
const releaseMin = 1 << 20

// Shrink returns s[:n:n] for a bulk array compacted in place to its first
// n values, and gives the memory of the whole pages of s[n:len(s)] back to
// the operating system (on Linux; elsewhere it only reslices), so that the
// array costs what it holds, without a copy. Those values read as zero
// afterwards: s[:len(s)] must be the only live use of that memory, as it
// is after an in-place compaction (a stale view of the old length may show
// zeros there). Memory beyond len(s), which another slice of the same
// array may use, is left alone.
func Shrink[T int32 | int64 | float64](s []T, n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if tail := (len(s) - n) * size; tail >= releaseMin {
		base := unsafe.Pointer(unsafe.SliceData(s))
		release(unsafe.Add(base, n*size), tail)
	}
	return s[:n:n]
}

// uint64s is Float64s for the kernels' uint64 sort keys.
func uint64s(n int) []uint64 {
	s := make([]uint64, n)
	AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), 8*n)
	return s
}

// Make returns a new zeroed slice of n items for a bulk array of any of
// the kernels' element types, advised as huge pages as Float64s advises.
func Make[T int32 | int64 | uint64 | float64](n int) []T {
	s := make([]T, n)
	if n > 0 {
		AdviseHuge(unsafe.Pointer(unsafe.SliceData(s)), n*int(unsafe.Sizeof(s[0])))
	}
	return s
}

// EqualBits reports whether a and b have the same length and the same
// bits at every place (so NaNs with equal payloads compare equal, and 0
// and -0 do not), comparing in parallel.
func EqualBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	var differ atomic.Bool
	parallelFor(len(a), grainLight*4, func(lo, hi int) {
		if differ.Load() {
			return
		}
		for i := lo; i < hi; i++ {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				differ.Store(true)
				return
			}
		}
	})
	return !differ.Load()
}
