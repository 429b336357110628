package meshobj

// reduceChunk is the fixed chunk length of the reductions of area C:
// partial results are computed per chunk and combined in chunk order, so
// they do not depend on GOMAXPROCS.
const reduceChunk = 1 << 13

// numChunks returns the number of chunks of the given length covering n
// items.
func numChunks(n, chunk int) int { return (n + chunk - 1) / chunk }

// forChunks calls body(c, lo, hi) for each chunk c = [lo, hi) of [0, n),
// chunks of exactly chunk items but the last, in parallel.
func forChunks(n, chunk int, body func(c, lo, hi int)) {
	parallelFor(numChunks(n, chunk), 1, func(clo, chi int) {
		for c := clo; c < chi; c++ {
			lo := c * chunk
			body(c, lo, min(lo+chunk, n))
		}
	})
}
