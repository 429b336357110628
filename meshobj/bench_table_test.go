package meshobj

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestBenchTable prints one table of the area C benchmarks (the cases of
// bench_areac_test.go): for each method, the time per call on cubes of
// 64k, 512k and 1M elements with all threads, the speed-up from 1 to 2
// threads and the allocations per call at 512k, and the target time at
// 512k where there is one. Each time is the fastest of a few runs, which
// filters out the noise of a shared machine. It runs only when
// EXOSH_BENCH_TABLE is set ("1" prints to standard output, anything else
// is also taken as a file to write the table to):
//
//	EXOSH_BENCH_TABLE=1 go test ./meshobj -run TestBenchTable -v -timeout 30m
//
// EXOSH_BENCH_ONLY, if set, is a substring selecting the methods.
func TestBenchTable(t *testing.T) {
	dest := os.Getenv("EXOSH_BENCH_TABLE")
	if dest == "" {
		t.Skip("set EXOSH_BENCH_TABLE=1 to print the area C benchmark table")
	}
	only := os.Getenv("EXOSH_BENCH_ONLY")
	var b strings.Builder
	procs := max(2, runtime.NumCPU())
	fmt.Fprintf(&b, "Area C methods on hex8 cubes: best of several runs, %d threads unless noted (%s, %d CPUs).\n\n", procs, runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintln(&b, "| method | 64k | 512k | 1M | 1→2 threads (512k) | allocs/call (512k) | target (512k) |")
	fmt.Fprintln(&b, "|---|---:|---:|---:|---:|---:|---:|")
	for i := range areaCBenches {
		c := &areaCBenches[i]
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		row := []string{c.name}
		var speedup, allocs string
		var at512 time.Duration
		for _, sz := range benchSizes {
			tAll, a := c.measure(t, sz.d, procs)
			row = append(row, fmtDuration(tAll))
			if sz.name == "512k" {
				at512 = tAll
				t1, _ := c.measure(t, sz.d, 1)
				t2, _ := c.measure(t, sz.d, 2)
				speedup = fmt.Sprintf("%.2fx", float64(t1)/float64(t2))
				allocs = fmt.Sprint(a)
			}
		}
		target := ""
		if c.target > 0 {
			ok := "met"
			if at512.Seconds() > c.target {
				ok = "MISSED"
			}
			target = fmt.Sprintf("%s (%s)", fmtDuration(time.Duration(c.target*float64(time.Second))), ok)
		}
		row = append(row, speedup, allocs, target)
		fmt.Fprintf(&b, "| %s |\n", strings.Join(row, " | "))
	}
	out := b.String()
	fmt.Print(out)
	if dest != "1" && dest != "-" {
		if err := os.WriteFile(dest, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// measure runs the case on a cube of d^3 elements with the given number of
// threads and returns the fastest time and the allocations per call.
func (c *areaCBench) measure(t *testing.T, d, procs int) (time.Duration, uint64) {
	prev := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(prev)
	var shared *Model
	if !c.fresh {
		shared = c.buildFor(t, d)
	}
	best := time.Duration(1<<63 - 1)
	var mallocs uint64
	runs := 0
	var ms runtime.MemStats
	for start := time.Now(); runs < 5 || (runs < 30 && time.Since(start) < 600*time.Millisecond); runs++ {
		m := shared
		if c.fresh {
			m = c.buildFor(t, d)
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.Mallocs
		t0 := time.Now()
		if err := c.op(m); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		el := time.Since(t0)
		runtime.ReadMemStats(&ms)
		mallocs += ms.Mallocs - before
		best = min(best, el)
		if c.reset != nil {
			c.reset(m)
		}
	}
	return best, mallocs / uint64(runs)
}

// fmtDuration formats a duration in ms with three significant digits.
func fmtDuration(d time.Duration) string {
	ms := d.Seconds() * 1000
	switch {
	case ms >= 100:
		return fmt.Sprintf("%.0f ms", ms)
	case ms >= 10:
		return fmt.Sprintf("%.1f ms", ms)
	case ms >= 1:
		return fmt.Sprintf("%.2f ms", ms)
	}
	return fmt.Sprintf("%.3f ms", ms)
}
