package meshobj

import (
	"runtime"
	"sync"
)

// parallelFor runs body over [0, n) split into contiguous ranges, one per
// worker, when n is at least grain; otherwise it runs body(0, n) inline.
func parallelFor(n, grain int, body func(lo, hi int)) {
	w := min(runtime.GOMAXPROCS(0), n/max(grain, 1))
	if w <= 1 {
		body(0, n)
		return
	}
	var wg sync.WaitGroup
	for i := range w {
		lo, hi := i*n/w, (i+1)*n/w
		wg.Add(1)
		go func() {
			defer wg.Done()
			body(lo, hi)
		}()
	}
	wg.Wait()
}
