package builtins

import (
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"

	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

// perfFuncs returns the predeclared functions that measure the process.
func perfFuncs() []function {
	return []function{
		{
			name:   "profile",
			params: "",
			doc: `Print a table of the methods and functions called since the program (or
the shell) started: for each, the number of calls, their total seconds,
their share of the time since the start, and the bytes they allocated on
the Go heap, the slowest first. The methods worth optimising in a script
are at the top. exosh --profile script.star prints the same table at exit.

    profile()`,
			fn: profileFunc,
		},
		{
			name:   "resource_usage",
			params: "huge_pages=False, reset_peak=False",
			doc: `Return a struct of what this process has used so far:

    max_rss        peak resident memory, bytes (since the start, or since
                   the last call with reset_peak=True)
    rss            resident memory now, bytes
    minor_faults   minor page faults (each first touch of a fresh page)
    major_faults   major page faults (pages read from disk)
    user_seconds   CPU time in user mode, all threads
    system_seconds CPU time in the kernel, all threads
    heap_bytes     bytes of live and not yet collected Go heap objects
    total_alloc    bytes allocated on the Go heap since start, cumulative
    num_gc         completed garbage collections
    huge_pages     with huge_pages=True, the bytes of memory backed by
                   transparent huge pages (reading them takes a few ms on a
                   large process), else -1

With reset_peak=True the peak is read, then reset to the current resident
memory (Linux: /proc/self/clear_refs), so that the next call's max_rss is
the peak of what ran in between.

A benchmark reads it before and after a step:

    r0 = resource_usage()
    model.merge_nodes()
    r1 = resource_usage()
    print(r1.minor_faults - r0.minor_faults, r1.max_rss / 1e6)`,
			fn: func(c *call) (starlark.Value, error) {
				var huge, reset bool
				if err := c.unpack("huge_pages?", &huge, "reset_peak?", &reset); err != nil {
					return nil, err
				}
				v, err := resourceUsage(huge)
				if err == nil && reset {
					if werr := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); werr != nil {
						return nil, fmt.Errorf("cannot reset the peak: %w", werr)
					}
				}
				return v, err
			},
		},
		{
			name:   "array_bytes",
			params: "model",
			doc: `Return the bytes of model's bulk arrays in exomerge's layout: 8 per
coordinate, 4 per connectivity entry, 8 per field value of every entity at
every timestep (each counted even where exosh stores one array for several
timesteps), and the sets' members and factors. Compare it with
resource_usage().max_rss to see what the process costs beyond the data.

    print(array_bytes(model) / 1e6, 'MB')`,
			fn: func(c *call) (starlark.Value, error) {
				var m *Model
				if err := c.unpack("model", &m); err != nil {
					return nil, err
				}
				return starlark.MakeInt64(m.m.ArrayBytes()), nil
			},
		},
	}
}

// resourceUsage reads getrusage, /proc/self/status and the Go runtime
// (and with huge, /proc/self/smaps_rollup).
func resourceUsage(huge bool) (starlark.Value, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return nil, err
	}
	ms := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: heapAllocsMetric},
		{Name: "/gc/cycles/total:gc-cycles"},
	}
	metrics.Read(ms)
	metric := func(i int) starlark.Value {
		if ms[i].Value.Kind() != metrics.KindUint64 {
			return starlark.MakeInt(-1)
		}
		return starlark.MakeUint64(ms[i].Value.Uint64())
	}
	sec := func(tv syscall.Timeval) float64 { return float64(tv.Sec) + float64(tv.Usec)/1e6 }
	maxRSS := int64(ru.Maxrss) * 1024 // kilobytes on Linux
	rss := fileBytes("/proc/self/status", "VmRSS:")
	if hwm := fileBytes("/proc/self/status", "VmHWM:"); hwm > 0 {
		maxRSS = hwm
	}
	hugeBytes := int64(-1)
	if huge {
		hugeBytes = fileBytes("/proc/self/smaps_rollup", "AnonHugePages:")
	}
	return starlarkstruct.FromStringDict(starlark.String("resource_usage"), starlark.StringDict{
		"max_rss":        starlark.MakeInt64(maxRSS),
		"rss":            starlark.MakeInt64(rss),
		"minor_faults":   starlark.MakeInt64(int64(ru.Minflt)),
		"major_faults":   starlark.MakeInt64(int64(ru.Majflt)),
		"user_seconds":   starlark.Float(sec(ru.Utime)),
		"system_seconds": starlark.Float(sec(ru.Stime)),
		"heap_bytes":     metric(0),
		"total_alloc":    metric(1),
		"num_gc":         metric(2),
		"huge_pages":     starlark.MakeInt64(hugeBytes),
	}), nil
}

// fileBytes returns the value of a kB line of a /proc file such as
// /proc/self/status in bytes, or -1 when it cannot be read (not Linux).
func fileBytes(path, key string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return -1
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			return kb * 1024
		}
	}
	return -1
}
