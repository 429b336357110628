package meshobj

import "exosh/compute"

// This file holds the sharing of one value array by several timesteps of
// a node or element field (see "Shared timesteps" in the package doc).

// sameArray reports whether a and b are the same array: the same first
// element and the same length. Two timesteps' slices are either the same
// array or do not overlap at all.
func sameArray(a, b []float64) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// sharedRows returns nt timesteps that all hold one new array of n zeros.
func sharedRows(nt, n int) [][]float64 {
	rows := make([][]float64, nt)
	if nt == 0 {
		return rows
	}
	v := compute.Float64s(n)
	for t := range rows {
		rows[t] = v
	}
	return rows
}

// sharedFilled returns nt timesteps that all hold one new array of n
// copies of v.
func sharedFilled(nt, n int, v float64) [][]float64 {
	rows := sharedRows(nt, n)
	if nt > 0 && v != 0 {
		compute.Fill(rows[0], v)
	}
	return rows
}

// isShared reports whether vals[t] is the array of another timestep too.
func isShared(vals [][]float64, t int) bool {
	for j, w := range vals {
		if j != t && sameArray(w, vals[t]) {
			return true
		}
	}
	return false
}

// anyShared reports whether two timesteps of vals hold the same array.
func anyShared(vals [][]float64) bool {
	if len(vals) < 2 {
		return false
	}
	seen := make(map[*float64]bool, len(vals))
	for _, v := range vals {
		if len(v) == 0 {
			continue
		}
		if seen[&v[0]] {
			return true
		}
		seen[&v[0]] = true
	}
	return false
}

// ownStep makes vals[t] an array of its own, copying it if another
// timestep holds it too, and returns it.
func ownStep(vals [][]float64, t int) []float64 {
	if isShared(vals, t) {
		vals[t] = compute.CloneFloat64s(vals[t])
	}
	return vals[t]
}

// ownSteps gives every timestep of vals an array of its own, copying the
// arrays that several hold (the first holder keeps the original).
func ownSteps(vals [][]float64) {
	if !anyShared(vals) {
		return
	}
	seen := make(map[*float64]bool, len(vals))
	for t, v := range vals {
		if len(v) == 0 {
			continue
		}
		if seen[&v[0]] {
			vals[t] = compute.CloneFloat64s(v)
			continue
		}
		seen[&v[0]] = true
	}
}

// mapDistinct replaces each array of vals by fn of it, calling fn once per
// distinct array, so that the timesteps that shared an array share its
// replacement. fn may work in place and return its argument.
func mapDistinct(vals [][]float64, fn func(v []float64) []float64) {
	if !anyShared(vals) {
		for t, v := range vals {
			vals[t] = fn(v)
		}
		return
	}
	done := make(map[*float64][]float64, len(vals))
	for t, v := range vals {
		if len(v) == 0 {
			vals[t] = fn(v)
			continue
		}
		if r, ok := done[&v[0]]; ok {
			vals[t] = r
			continue
		}
		r := fn(v)
		done[&v[0]] = r
		vals[t] = r
	}
}

// eachDistinct calls fn once per distinct array of vals (for the first
// timestep t that holds it), for work in place that does not depend on t.
func eachDistinct(vals [][]float64, fn func(v []float64)) {
	mapDistinct(vals, func(v []float64) []float64 { fn(v); return v })
}

// shareEqual makes the timesteps of vals whose values equal those of the
// timestep before them hold that timestep's array (bit for bit, so -0 and
// NaN payloads are kept), and reports whether any did. The arrays it lets
// go become garbage.
func shareEqual(vals [][]float64) bool {
	any := false
	for t := 1; t < len(vals); t++ {
		if !sameArray(vals[t], vals[t-1]) && compute.EqualBits(vals[t], vals[t-1]) {
			vals[t] = vals[t-1]
			any = true
		}
	}
	return any
}

// Own returns the values of timestep t, after giving that timestep an
// array of its own if it shared one with other timesteps: a write into
// the result then changes this field at this timestep only. The Get*Field
// Values methods return views this way.
func (f *Field) Own(t int) []float64 { return ownStep(f.Values, t) }

// Shared reports whether timestep t shares its array with another
// timestep.
func (f *Field) Shared(t int) bool { return isShared(f.Values, t) }
