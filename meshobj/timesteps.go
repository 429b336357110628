package meshobj

import (
	"slices"

	"exosh/compute"
)

// This file holds timestep bookkeeping: every per-timestep array of the
// model (fields, global variables, reduction variables) gains or loses an
// entry together with Timesteps.

// series is one per-timestep array of the model: vals[t] holds the values
// at timestep t; def returns the default value of entry i.
type series struct {
	vals *[][]float64
	n    int
	// fill sets a new row to the default values.
	fill func(row []float64)
	// share says the rows are a node or element field's, which timesteps
	// may share (a copied timestep shares the original's array).
	share bool
}

// eachSeries calls fn for every per-timestep array of the model other than
// the global variables.
func (m *Model) eachSeries(fn func(s series)) {
	field := func(f *Field, n int, share bool) {
		v := DefaultFieldValue(f.Name)
		fn(series{vals: &f.Values, n: n, fill: func(row []float64) {
			for i := range row {
				row[i] = v
			}
		}, share: share})
	}
	red := func(vals *[][]float64, kind EntityKind) {
		if len(*vals) != len(m.Timesteps) {
			return // not carried consistently; leave alone
		}
		names := m.RedVarNames[kind]
		fn(series{vals: vals, n: len(names), fill: func(row []float64) {
			for i := range row {
				row[i] = DefaultFieldValue(names[i])
			}
		}})
	}
	nn := m.NumNodes()
	for _, f := range m.NodeFields {
		field(f, nn, true)
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			field(f, b.NumElems, true)
		}
		red(&b.RedValues, KindBlock)
	}
	for _, s := range m.NodeSets {
		for _, f := range s.Fields {
			field(f, len(s.Members), false)
		}
		red(&s.RedValues, KindNodeSet)
	}
	for _, s := range m.SideSets {
		for _, f := range s.Fields {
			field(f, len(s.BlockIDs), false)
		}
		red(&s.RedValues, KindSideSet)
	}
	for _, a := range m.Assemblies {
		red(&a.RedValues, KindAssembly)
	}
}

// newTimestepIndex returns where exomerge inserts a new time t: before the
// smallest existing time greater than t, or at the end.
func (m *Model) newTimestepIndex(t float64) int {
	idx := len(m.Timesteps)
	for i, x := range m.Timesteps {
		if x > t && (idx == len(m.Timesteps) || x < m.Timesteps[idx]) {
			idx = i
		}
	}
	return idx
}

// CreateTimestep adds the time t, giving every field and global variable
// its default value (DefaultFieldValue) there. Times are kept in ascending
// order: t goes before the smallest greater time. If t exists it warns and
// does nothing.
func (m *Model) CreateTimestep(t float64) error {
	if m.TimestepExists(t) {
		m.existsWarning(PyFloat(t), entTimestep)
		return nil
	}
	m.dropCarried(DepTime, "Creating a timestep")
	idx := m.newTimestepIndex(t)
	m.eachSeries(func(s series) {
		row := compute.Float64s(s.n)
		s.fill(row)
		*s.vals = slices.Insert(*s.vals, idx, row)
	})
	for _, g := range m.GlobalVars {
		g.Values = slices.Insert(g.Values, idx, DefaultFieldValue(g.Name))
	}
	m.Timesteps = slices.Insert(m.Timesteps, idx, t)
	return nil
}

// CopyTimestep adds the time newTime holding a copy of every value at the
// existing timestep ts (node and element fields share the original's
// array, copied on the first write). If newTime exists it warns and does
// nothing.
func (m *Model) CopyTimestep(ts Item, newTime float64) error {
	t, err := m.ResolveTimestep(ts)
	if err != nil {
		return err
	}
	if m.TimestepExists(newTime) {
		m.existsWarning(PyFloat(newTime), entTimestep)
		return nil
	}
	m.dropCarried(DepTime, "copy_timestep")
	idx := m.newTimestepIndex(newTime)
	old := m.timestepIndex(t)
	m.eachSeries(func(s series) {
		row := (*s.vals)[old]
		if !s.share {
			row = slices.Clone(row)
		}
		*s.vals = slices.Insert(*s.vals, idx, row)
	})
	for _, g := range m.GlobalVars {
		g.Values = slices.Insert(g.Values, idx, g.Values[old])
	}
	m.Timesteps = slices.Insert(m.Timesteps, idx, newTime)
	return nil
}

// DeleteTimesteps deletes the selected timesteps and the values of every
// field and global variable there.
func (m *Model) DeleteTimesteps(timesteps Selector) error {
	ts, err := m.ResolveTimesteps(timesteps)
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		return nil
	}
	del := make([]bool, len(m.Timesteps))
	for _, t := range ts {
		del[m.timestepIndex(t)] = true
	}
	m.keepTimesteps(func(i int) bool { return !del[i] })
	return nil
}

// keepTimesteps keeps the timesteps i for which keep(i) holds, in order.
func (m *Model) keepTimesteps(keep func(i int) bool) {
	m.dropCarried(DepTime, "Deleting timesteps")
	m.eachSeries(func(s series) {
		*s.vals = keepIndices(*s.vals, keep)
	})
	for _, g := range m.GlobalVars {
		g.Values = keepIndices(g.Values, keep)
	}
	m.Timesteps = keepIndices(m.Timesteps, keep)
}

// keepIndices compacts xs in place, keeping xs[i] where keep(i).
func keepIndices[T any](xs []T, keep func(i int) bool) []T {
	j := 0
	for i, x := range xs {
		if keep(i) {
			xs[j] = x
			j++
		}
	}
	clear(xs[j:])
	return xs[:j]
}
