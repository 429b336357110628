package meshobj

import (
	"encoding/binary"
	"unsafe"

	"exosh/compute"
)

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

// Own returns the values of timestep t, after giving that timestep an
// array of its own if it shared one with other timesteps: a write into
// the result then changes this field at this timestep only. The Get*Field
// Values methods return views this way.
func (f *Field) Own(t int) []float64 { return ownStep(f.Values, t) }

// Shared reports whether timestep t shares its array with another
// timestep.
func (f *Field) Shared(t int) bool { return isShared(f.Values, t) }

// stepClasses groups the nt timesteps by the arrays the inputs hold at
// them (inputs[k][t] being input k at timestep t): timesteps at which every
// input holds the same array fall in one class, whose values a
// computation from the inputs need only compute once. It returns the first
// timestep of each class, in increasing order, and the class of every
// timestep. With no inputs every timestep is its own class.
func stepClasses(nt int, inputs ...[][]float64) (reps, class []int) {
	if len(inputs) == 0 {
		return allSteps(nt), allSteps(nt)
	}
	return classesByKey(nt, func(key []byte, t int) []byte {
		for _, in := range inputs {
			key = appendArrayKey(key, in[t])
		}
		return key
	})
}

// classesByKey groups the nt timesteps by the key appendKey appends for
// each (timesteps with equal keys fall in one class) and returns the first
// timestep of each class, in increasing order, and the class of every
// timestep.
func classesByKey(nt int, appendKey func(key []byte, t int) []byte) (reps, class []int) {
	class = make([]int, nt)
	seen := make(map[string]int, nt)
	var key []byte
	for t := range nt {
		key = appendKey(key[:0], t)
		c, ok := seen[string(key)]
		if !ok {
			c = len(reps)
			seen[string(key)] = c
			reps = append(reps, t)
		}
		class[t] = c
	}
	return reps, class
}

// appendArrayKey appends to key what identifies the array v (its first
// element's address; 0 for an empty one), for classesByKey.
func appendArrayKey(key []byte, v []float64) []byte {
	var p uintptr
	if len(v) > 0 {
		p = uintptr(unsafe.Pointer(&v[0]))
	}
	return binary.LittleEndian.AppendUint64(key, uint64(p))
}

// allSteps returns the timestep indices 0 to nt-1.
func allSteps(nt int) []int {
	steps := make([]int, nt)
	for t := range steps {
		steps[t] = t
	}
	return steps
}

// expandClasses returns the values of every timestep from those of the
// classes (rows[c] for class c): the timesteps of one class share its
// array.
func expandClasses(rows [][]float64, class []int) [][]float64 {
	vals := make([][]float64, len(class))
	for t, c := range class {
		vals[t] = rows[c]
	}
	return vals
}

// alignSteps makes the fields fs (of as many timesteps each) share arrays
// only between timesteps at which all of them do, giving the timesteps of
// a field that does not follow that pattern arrays of their own, and
// returns the first timestep of each class of timesteps that still share
// (see stepClasses). Work in place on the fields together (a rotation of
// vector components) is then done once per class.
func alignSteps(fs ...*Field) []int {
	nt := len(fs[0].Values)
	ins := make([][][]float64, len(fs))
	for k, f := range fs {
		ins[k] = f.Values
	}
	reps, _ := stepClasses(nt, ins...)
	changed := false
	for _, f := range fs {
		if own, _ := stepClasses(nt, f.Values); len(own) != len(reps) {
			ownSteps(f.Values)
			changed = true
		}
	}
	if changed {
		reps, _ = stepClasses(nt, ins...)
	}
	return reps
}

// ownOutside gives the timesteps steps of vals arrays that no timestep
// outside steps holds, copying where one does, and returns the distinct
// arrays of steps: work in place on them then changes those timesteps,
// each once, and no other.
func ownOutside(vals [][]float64, steps []int) [][]float64 {
	in := make(map[int]bool, len(steps))
	for _, t := range steps {
		in[t] = true
	}
	var out [][]float64
	for _, t := range steps {
		v := vals[t]
		for u, w := range vals {
			if !in[u] && sameArray(v, w) {
				v = compute.CloneFloat64s(v)
				// The other timesteps of steps that held it take the
				// copy too.
				for _, s := range steps {
					if sameArray(vals[s], vals[t]) && s != t {
						vals[s] = v
					}
				}
				vals[t] = v
				break
			}
		}
		dup := false
		for _, o := range out {
			if sameArray(o, v) || len(v) == 0 {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// firstHolders returns, for every timestep of vals, the first timestep
// holding the same array (itself if none before it does). Work done once
// per array, on the timesteps t with first[t] == t, is then handed to the
// others by realias.
func firstHolders(vals [][]float64) []int {
	first := make([]int, len(vals))
	if !anyShared(vals) {
		for t := range first {
			first[t] = t
		}
		return first
	}
	at := make(map[*float64]int, len(vals))
	for t, v := range vals {
		first[t] = t
		if len(v) == 0 {
			continue
		}
		if u, ok := at[&v[0]]; ok {
			first[t] = u
		} else {
			at[&v[0]] = t
		}
	}
	return first
}

// realias makes every timestep t of vals hold the array of first[t] (see
// firstHolders), after work that replaced the arrays of the first holders.
func realias(vals [][]float64, first []int) {
	for t, u := range first {
		if u != t {
			vals[t] = vals[u]
		}
	}
}
