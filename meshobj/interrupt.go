package meshobj

import (
	"errors"

	"exosh/compute"
)

// ErrInterrupted is returned by a method stopped through Model.Interrupt.
// The model is then as it was before the call.
var ErrInterrupted = errors.New("meshobj: interrupted")

// work runs fn, the part of a method that computes without changing the
// model (the kernels of package compute, writing only into arrays fn
// allocates), and returns nil when it is done. fn gets m.Interrupt as a
// compute.Stop and hands it to the kernels, which check it before every
// chunk. When m.Interrupt is closed first, work returns ErrInterrupted at
// once, before or while fn runs: fn then stops at the kernels' next chunk
// (its results, partial, unused) in the background, and the caller
// returns the error before it changes anything; Settle waits for it. It
// also returns ErrInterrupted when fn returns but the interrupt came
// meanwhile, since fn's results may then be partial. A panic in fn is
// re-raised on the caller's goroutine.
func (m *Model) work(fn func(stop compute.Stop)) error {
	m.Settle()
	if m.Interrupt == nil {
		fn(nil)
		return nil
	}
	stop := compute.Stop(m.Interrupt)
	select {
	case <-m.Interrupt:
		return ErrInterrupted
	default:
	}
	done := make(chan any, 1)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer func() { done <- recover() }()
		fn(stop)
	}()
	select {
	case r := <-done:
		if r != nil {
			panic(r)
		}
		if stop.Stopped() {
			return ErrInterrupted
		}
		return nil
	case <-m.Interrupt:
		m.background = finished
		return ErrInterrupted
	}
}

// Settle waits until a computation that an interrupted method left
// running in the background (see Model.Interrupt) has finished, so that
// the next method does not change what it still reads. The builtins layer
// calls it before every method; the methods that compute under work call
// it too.
func (m *Model) Settle() {
	if m.background != nil {
		<-m.background
		m.background = nil
	}
}

// computeSteps computes the values of the field f (nil for a new field)
// with n values at each timestep, from the fields whose values inputs
// holds (inputs[k][t]: input k at timestep t), as fill computes them, and
// returns a function that stores them and returns the slices to keep as
// the field's values. fill(stop, steps, rows) computes into rows[i] the
// values at timestep steps[i]: once per class of timesteps at which every
// input holds the same array (stepClasses), so that an input whose
// timesteps share one array is read once, and a new field's timesteps
// share an array per class. fill hands stop to the kernels it runs (see
// work); it is nil without m.Interrupt. When f's own slices fit (n values
// at every timestep), the values are written into them, each timestep
// getting its own, so that views of f stay valid. Without m.Interrupt fill
// writes there directly; with it, fill runs under work into new slices,
// so that an interrupt (the error returned) leaves f untouched, and store
// copies them over. Call every store only once all computations are done.
func (m *Model) computeSteps(f *Field, n int, inputs [][][]float64, fill func(stop compute.Stop, steps []int, rows [][]float64)) (store func() [][]float64, err error) {
	nt := len(m.Timesteps)
	reps, class := stepClasses(nt, inputs...)
	inPlace := fits(f, nt, n)
	// copyOut writes rows (one per class) into f's own slices.
	copyOut := func(rows [][]float64, skipReps bool) [][]float64 {
		own := f.Values
		for t := range own {
			if skipReps && reps[class[t]] == t {
				continue
			}
			compute.CopyFloat64s(own[t], rows[class[t]])
		}
		return own
	}
	if m.Interrupt == nil {
		if inPlace {
			ownSteps(f.Values)
			rows := make([][]float64, len(reps))
			for i, r := range reps {
				rows[i] = f.Values[r]
			}
			fill(nil, reps, rows)
			copyOut(rows, true)
			return func() [][]float64 { return f.Values }, nil
		}
		rows := newRows(len(reps), n, false, 0)
		fill(nil, reps, rows)
		return func() [][]float64 { return expandClasses(rows, class) }, nil
	}
	rows := newRows(len(reps), n, false, 0)
	if err := m.work(func(stop compute.Stop) { fill(stop, reps, rows) }); err != nil {
		return nil, err
	}
	return func() [][]float64 {
		if !inPlace {
			return expandClasses(rows, class)
		}
		ownSteps(f.Values)
		return copyOut(rows, false)
	}, nil
}
