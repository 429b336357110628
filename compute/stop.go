package compute

import "errors"

// Stop asks the kernels that take one to stop early. A kernel checks it
// before every chunk of its parallel loops; once the channel is closed, it
// starts no further chunk, waits for those already running and returns
// ErrStopped. Its destination arrays then hold partial results, to be
// discarded. A nil Stop never stops. The methods of Stop are the
// stoppable forms of the kernels of the same name.
type Stop <-chan struct{}

// ErrStopped is returned by a kernel stopped through its Stop.
var ErrStopped = errors.New("compute: stopped")

// errStop is the panic value with which a stopped loop unwinds to
// Stop.run; it never escapes the package.
type errStop struct{}

// Stopped reports whether s is closed.
func (s Stop) Stopped() bool {
	if s == nil {
		return false
	}
	select {
	case <-s:
		return true
	default:
		return false
	}
}

// check panics with errStop if s is closed.
func (s Stop) check() {
	if s.Stopped() {
		panic(errStop{})
	}
}

// run calls fn and returns ErrStopped if a loop in it stopped; any other
// panic goes on.
func (s Stop) run(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errStop); !ok {
				panic(r)
			}
			err = ErrStopped
		}
	}()
	fn()
	return nil
}
