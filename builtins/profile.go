package builtins

import (
	"cmp"
	"fmt"
	"io"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	"exosh/compute"

	"go.starlark.net/starlark"
)

// profiler counts, per method or function name, the calls that went
// through guard on one session: how many, their total wall-clock time and
// the bytes they allocated on the Go heap. A call nested in another of a
// different name counts in both; one nested in a call of the same name
// (the predeclared import_model runs the method import_model) counts once,
// so that no row's share passes 100%.
type profiler struct {
	start  time.Time
	mu     sync.Mutex
	stats  map[string]*callStat
	active map[string]int // calls of each name now running
}

// callStat is one row of a profile.
type callStat struct {
	name    string
	count   int
	elapsed time.Duration
	bytes   uint64
}

// heapAllocsMetric is the runtime's cumulative count of bytes allocated
// on the Go heap; reading it does not stop the world.
const heapAllocsMetric = "/gc/heap/allocs:bytes"

// allocatedBytes returns the bytes allocated on the Go heap so far.
func allocatedBytes() uint64 {
	s := []metrics.Sample{{Name: heapAllocsMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// begin starts timing a call named name; the returned function ends it.
func (p *profiler) begin(name string) func() {
	p.mu.Lock()
	if p.active == nil {
		p.active = map[string]int{}
	}
	p.active[name]++
	outer := p.active[name] == 1
	p.mu.Unlock()
	t0, a0 := time.Now(), allocatedBytes()
	return func() {
		d, a := time.Since(t0), allocatedBytes()-a0
		p.mu.Lock()
		defer p.mu.Unlock()
		p.active[name]--
		if !outer {
			return
		}
		if p.stats == nil {
			p.stats = map[string]*callStat{}
		}
		s := p.stats[name]
		if s == nil {
			s = &callStat{name: name}
			p.stats[name] = s
		}
		s.count++
		s.elapsed += d
		s.bytes += a
	}
}

// write prints the profile as a table, the slowest first.
func (p *profiler) write(w io.Writer) {
	p.mu.Lock()
	rows := make([]callStat, 0, len(p.stats))
	for _, s := range p.stats {
		rows = append(rows, *s)
	}
	p.mu.Unlock()
	slices.SortFunc(rows, func(a, b callStat) int {
		return cmp.Or(cmp.Compare(b.elapsed, a.elapsed), cmp.Compare(a.name, b.name))
	})
	run := time.Since(p.start)
	fmt.Fprintf(w, "exosh profile: %d methods and functions called in %.3f s\n", len(rows), run.Seconds())
	fmt.Fprintf(w, "%-40s %8s %10s %7s %12s\n", "method", "calls", "seconds", "share", "allocated")
	for _, r := range rows {
		share := 0.0
		if run > 0 {
			share = 100 * r.elapsed.Seconds() / run.Seconds()
		}
		fmt.Fprintf(w, "%-40s %8d %10.3f %6.1f%% %12s\n", r.name, r.count, r.elapsed.Seconds(), share, formatBytes(r.bytes))
	}
}

// formatBytes writes n as B, kB, MB or GB (powers of 1000).
func formatBytes(n uint64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// WriteProfile writes the table of the methods and functions called on
// thread t (made by NewThread) since it was made: for each, the number of
// calls, their total seconds, their share of the time since the thread was
// made, and the bytes they allocated on the Go heap (memory the netCDF
// library allocates is not counted). The slowest come first. exosh
// --profile prints it at exit; profile() prints it from a program.
func WriteProfile(t *starlark.Thread, w io.Writer) {
	if s := sessionOf(t); s != nil {
		s.prof.write(w)
	}
}

// profileFunc implements profile().
func profileFunc(c *call) (starlark.Value, error) {
	if err := c.unpack(); err != nil {
		return nil, err
	}
	WriteProfile(c.thread, stdoutOf(c.thread))
	return starlark.None, nil
}

// heapMappedMetric is the memory the Go runtime has mapped.
const heapMappedMetric = "/memory/classes/total:bytes"

// adviseHeap advises the Go heap's arenas as huge pages (see
// compute.AdviseHeapHuge) when the runtime has mapped 64 MiB or more since
// the last time, so that a call costs a metric read, not a read of
// /proc/self/maps.
func (s *session) adviseHeap() {
	m := []metrics.Sample{{Name: heapMappedMetric}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if mapped := m[0].Value.Uint64(); mapped >= s.advised+64<<20 {
		compute.AdviseHeapHuge()
		s.advised = mapped
	}
}
