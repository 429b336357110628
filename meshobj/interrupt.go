package meshobj

import "errors"

// ErrInterrupted is returned by a method stopped through Model.Interrupt.
// The model is then as it was before the call.
var ErrInterrupted = errors.New("meshobj: interrupted")

// work runs fn, the part of a method that computes without changing the
// model (the kernels of package compute, writing only into arrays fn
// allocates), and returns nil when it is done. When m.Interrupt is closed
// first, work returns ErrInterrupted at once, before or while fn runs: fn
// then finishes in the background, its results unused, and the caller
// returns the error before it changes anything. A panic in fn is re-raised
// on the caller's goroutine.
func (m *Model) work(fn func()) error {
	if m.Interrupt == nil {
		fn()
		return nil
	}
	select {
	case <-m.Interrupt:
		return ErrInterrupted
	default:
	}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	select {
	case r := <-done:
		if r != nil {
			panic(r)
		}
		return nil
	case <-m.Interrupt:
		return ErrInterrupted
	}
}
