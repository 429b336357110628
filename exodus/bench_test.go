package exodus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"exosh/meshobj"
)

// Environment of the benchmark's child process: when benchChildEnv is set,
// the test binary does one import+export of benchInEnv to benchOutEnv,
// prints a benchResult as JSON and exits, so that its peak RSS measures the
// import and export alone.
const (
	benchChildEnv = "EXOSH_EXODUS_BENCH_CHILD"
	benchInEnv    = "EXOSH_EXODUS_BENCH_IN"
	benchOutEnv   = "EXOSH_EXODUS_BENCH_OUT"
)

type benchResult struct {
	ImportSec  float64 `json:"import_s"`
	ExportSec  float64 `json:"export_s"`
	PeakRSS    int64   `json:"peak_rss"`
	ModelBytes int64   `json:"model_bytes"`
	Err        string  `json:"err,omitempty"`
}

func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) == "1" {
		os.Exit(benchChild())
	}
	os.Exit(m.Run())
}

// benchChild imports and exports one file and reports times and memory.
func benchChild() int {
	var res benchResult
	t0 := time.Now()
	m, err := ReadFile(os.Getenv(benchInEnv))
	t1 := time.Now()
	if err == nil {
		err = Write(os.Getenv(benchOutEnv), m, nil)
	}
	t2 := time.Now()
	if err != nil {
		res.Err = err.Error()
	} else {
		res.ImportSec = t1.Sub(t0).Seconds()
		res.ExportSec = t2.Sub(t1).Seconds()
		res.ModelBytes = modelArrayBytes(m)
		res.PeakRSS = peakRSS()
	}
	runtime.KeepAlive(m)
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		return 1
	}
	return 0
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return -1
}

// modelArrayBytes sums the bytes of the model's bulk arrays.
func modelArrayBytes(m *meshobj.Model) int64 {
	n := int64(8*len(m.Coords) + 8*len(m.NodeIDs) + 8*len(m.Timesteps))
	fields := func(fs []*meshobj.Field) {
		for _, f := range fs {
			for _, v := range f.Values {
				n += int64(8 * len(v))
			}
		}
	}
	fields(m.NodeFields)
	for _, b := range m.Blocks {
		n += int64(4*len(b.Conn) + 8*len(b.Attributes) + 8*len(b.ElemIDs))
		fields(b.Fields)
	}
	for _, s := range m.NodeSets {
		n += int64(4*len(s.Members) + 8*len(s.DistFactors))
		fields(s.Fields)
	}
	for _, s := range m.SideSets {
		n += int64(16*len(s.Elems) + 8*len(s.DistFactors))
		fields(s.Fields)
	}
	return n
}

// hexModel builds an n x n x n block of HEX8 elements with three nodal and
// three element fields over the given number of steps.
func hexModel(n, steps int) *meshobj.Model {
	m := meshobj.New()
	m.Title = fmt.Sprintf("%dx%dx%d hex benchmark", n, n, n)
	np := n + 1
	nn := np * np * np
	m.Coords = make([]float64, 3*nn)
	for k := range np {
		for j := range np {
			for i := range np {
				p := 3 * ((k*np+j)*np + i)
				m.Coords[p], m.Coords[p+1], m.Coords[p+2] = float64(i)/float64(n), float64(j)/float64(n), float64(k)/float64(n)
			}
		}
	}
	ne := n * n * n
	conn := make([]int32, 8*ne)
	node := func(i, j, k int) int32 { return int32((k*np+j)*np + i) }
	e := 0
	for k := range n {
		for j := range n {
			for i := range n {
				copy(conn[8*e:], []int32{node(i, j, k), node(i+1, j, k), node(i+1, j+1, k), node(i, j+1, k),
					node(i, j, k+1), node(i+1, j, k+1), node(i+1, j+1, k+1), node(i, j+1, k+1)})
				e++
			}
		}
	}
	b := &meshobj.ElementBlock{ID: 1, Name: "cube", Type: "HEX8", NodesPerElem: 8, NumElems: ne, Conn: conn}
	m.Blocks = []*meshobj.ElementBlock{b}
	for t := range steps {
		m.Timesteps = append(m.Timesteps, float64(t)*0.1)
	}
	for f, name := range []string{"disp_x", "disp_y", "disp_z"} {
		fd := &meshobj.Field{Name: name, Values: make([][]float64, steps)}
		for t := range steps {
			v := make([]float64, nn)
			for i := range v {
				v[i] = m.Coords[3*i+f] * float64(t)
			}
			fd.Values[t] = v
		}
		m.NodeFields = append(m.NodeFields, fd)
	}
	for f, name := range []string{"stress", "strain", "eqps"} {
		fd := &meshobj.Field{Name: name, Values: make([][]float64, steps)}
		for t := range steps {
			v := make([]float64, ne)
			for i := range v {
				v[i] = float64(i%977)*float64(f+1) + float64(t)
			}
			fd.Values[t] = v
		}
		b.Fields = append(b.Fields, fd)
	}
	return m
}

// BenchmarkImportExport measures reading and writing a 100x100x100 hex model
// (about 1M elements, 3 nodal and 3 element fields over 10 steps, ~540 MB as
// 64-bit offset) in a child process, and reports, besides MB/s of the file:
//
//	import-s, export-s   the two halves
//	x-nccopy             import+export time over nccopy's time to copy the file
//	peakRSS-MB           the child's peak resident set (VmHWM)
//	rss/model-bytes      peak RSS over the bytes of the model's arrays
//
// x-nccopy compares with nccopy followed by an fsync of its output, since
// Write syncs by contract; x-nccopy-nosync with nccopy alone. The ratios and
// phase times are the best of three interleaved runs of each, to be robust
// on a shared machine; ns/op and MB/s time the child process as usual.
//
// Targets: x-nccopy <= 1.5, rss/model-bytes <= 1.3. Generating the file is
// not timed. Set EXOSH_BENCH_N to change the cube's edge (default 100).
func BenchmarkImportExport(b *testing.B) {
	n := 100
	if s := os.Getenv("EXOSH_BENCH_N"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	nccopy := needTool(b, "nccopy")
	dir := b.TempDir()
	in := filepath.Join(dir, "hex.e")
	b.StopTimer()
	if err := Write(in, hexModel(n, 10), nil); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	fi, err := os.Stat(in)
	if err != nil {
		b.Fatal(err)
	}
	size := fi.Size()

	// Flush the freshly written file so that writeback does not disturb
	// the measurements; every run then reads it from the page cache.
	syncAll()
	out := filepath.Join(dir, "out.e")
	b.SetBytes(size)
	b.ResetTimer()
	b.StartTimer()
	runs := []benchResult{}
	for range b.N {
		runs = append(runs, runChild(b, in, out))
	}
	b.StopTimer()

	// The machine may be shared, so compare best against best: a few more
	// runs of ours, interleaved with nccopy copying the same file. nccopy's
	// time is taken with and without an fsync of its copy, since Write syncs
	// its output by contract (see doc.go) and nccopy does not.
	nc, ncSync := math.Inf(1), math.Inf(1)
	copyOut := filepath.Join(dir, "nccopy.e")
	for i := range 3 {
		syncAll()
		t0 := time.Now()
		if msg, err := exec.Command(nccopy, in, copyOut).CombinedOutput(); err != nil {
			b.Fatalf("nccopy: %v\n%s", err, msg)
		}
		nc = min(nc, time.Since(t0).Seconds())
		if fh, err := os.OpenFile(copyOut, os.O_RDWR, 0); err == nil {
			fh.Sync()
			fh.Close()
		}
		ncSync = min(ncSync, time.Since(t0).Seconds())
		os.Remove(copyOut)
		if i > 0 {
			syncAll()
			runs = append(runs, runChild(b, in, out))
		}
	}
	best := runs[0]
	for _, r := range runs {
		if r.ImportSec+r.ExportSec < best.ImportSec+best.ExportSec {
			best = r
		}
	}
	total := best.ImportSec + best.ExportSec
	b.ReportMetric(best.ImportSec, "import-s")
	b.ReportMetric(best.ExportSec, "export-s")
	b.ReportMetric(total/ncSync, "x-nccopy")
	b.ReportMetric(total/nc, "x-nccopy-nosync")
	b.ReportMetric(float64(best.PeakRSS)/(1<<20), "peakRSS-MB")
	b.ReportMetric(float64(best.PeakRSS)/float64(best.ModelBytes), "rss/model-bytes")
	b.Logf("file %d MB, model arrays %d MB; best of %d: import %.2fs, export %.2fs (with fsync); best nccopy %.2fs (%.2fs with fsync)",
		size>>20, best.ModelBytes>>20, len(runs), best.ImportSec, best.ExportSec, nc, ncSync)
}

// runChild runs one import+export in a fresh process and returns its report.
// The output path is removed first, so that, like nccopy's, the write
// creates a new file rather than replacing (and freeing) a large one.
func runChild(b *testing.B, in, out string) benchResult {
	var res benchResult
	os.Remove(out)
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), benchChildEnv+"=1", benchInEnv+"="+in, benchOutEnv+"="+out)
	cmd.Stderr = os.Stderr
	msg, err := cmd.Output()
	if err != nil {
		b.Fatalf("child: %v", err)
	}
	if err := json.Unmarshal(msg, &res); err != nil || res.Err != "" {
		b.Fatalf("child: %v %s", err, res.Err)
	}
	return res
}

// syncAll flushes dirty pages to disk (sync(1)); errors are irrelevant here.
func syncAll() { exec.Command("sync").Run() }
