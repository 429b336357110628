package exodiff

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"exosh/exodus"
	"exosh/meshobj"
)

// benchCube builds an n x n x n HEX8 cube with three nodal and three
// element fields over steps steps (the model of exodus's import/export
// benchmark), and returns it with its array bytes.
func benchCube(n, steps int) (*meshobj.Model, int64) {
	m := meshobj.New()
	np := n + 1
	nn, ne := np*np*np, n*n*n
	m.Coords = make([]float64, 3*nn)
	for k := range np {
		for j := range np {
			for i := range np {
				p := 3 * ((k*np+j)*np + i)
				m.Coords[p], m.Coords[p+1], m.Coords[p+2] = float64(i)/float64(n), float64(j)/float64(n), float64(k)/float64(n)
			}
		}
	}
	conn := make([]int32, 0, 8*ne)
	id := func(i, j, k int) int32 { return int32((k*np+j)*np + i) }
	for k := range n {
		for j := range n {
			for i := range n {
				conn = append(conn, id(i, j, k), id(i+1, j, k), id(i+1, j+1, k), id(i, j+1, k),
					id(i, j, k+1), id(i+1, j, k+1), id(i+1, j+1, k+1), id(i, j+1, k+1))
			}
		}
	}
	b := &meshobj.ElementBlock{ID: 1, Name: "cube", Type: "HEX8", NodesPerElem: 8, NumElems: ne, Conn: conn}
	m.Blocks = []*meshobj.ElementBlock{b}
	bytes := int64(8*len(m.Coords) + 4*len(conn))
	for t := range steps {
		m.Timesteps = append(m.Timesteps, float64(t)*0.1)
	}
	for f, name := range []string{"disp_x", "disp_y", "disp_z"} {
		fd := &meshobj.Field{Name: name}
		for t := range steps {
			v := make([]float64, nn)
			for i := range v {
				v[i] = m.Coords[3*i+f] * float64(t)
			}
			fd.Values = append(fd.Values, v)
			bytes += int64(8 * nn)
		}
		m.NodeFields = append(m.NodeFields, fd)
	}
	for f, name := range []string{"stress", "strain", "eqps"} {
		fd := &meshobj.Field{Name: name}
		for t := range steps {
			v := make([]float64, ne)
			for i := range v {
				v[i] = float64(i%977)*float64(f+1) + float64(t)
			}
			fd.Values = append(fd.Values, v)
			bytes += int64(8 * ne)
		}
		b.Fields = append(b.Fields, fd)
	}
	return m, bytes
}

var (
	elapsedRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([0-9.]+)`)
	rssRE     = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
)

// timed runs a command under /usr/bin/time -v and returns its wall time
// (s), peak RSS (bytes) and exit status.
func timed(b *testing.B, args ...string) (float64, int64, int) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v"}, args...)...)
	out, err := cmd.CombinedOutput()
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		b.Fatalf("%v: %v", args, err)
	}
	e := elapsedRE.FindStringSubmatch(string(out))
	r := rssRE.FindStringSubmatch(string(out))
	if e == nil || r == nil {
		b.Fatalf("cannot read /usr/bin/time output:\n%s", out)
	}
	h, _ := strconv.ParseFloat(e[1]+"0", 64)
	mnt, _ := strconv.ParseFloat(e[2], 64)
	s, _ := strconv.ParseFloat(e[3], 64)
	kb, _ := strconv.ParseInt(r[1], 10, 64)
	return h/10*3600 + mnt*60 + s, kb << 10, status
}

// BenchmarkDiff1M compares two 1M-element files (3 nodal and 3 element
// fields over 10 steps, ~540 MB each; one value changed in the last step)
// with a fresh exosh process, and the import of both files by a .star
// script, each timed by /usr/bin/time -v. It reports diff-s, import-s,
// x-import (diff time over import time; target <= 1.5) and
// rss/model-bytes (the diff's peak RSS over one model's array bytes;
// target <= 1.5). Set EXOSH_BENCH_N to change the cube's edge (100).
func BenchmarkDiff1M(b *testing.B) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Skip("needs /usr/bin/time")
	}
	n := 100
	if s := os.Getenv("EXOSH_BENCH_N"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "exosh")
	if out, err := exec.Command("go", "build", "-o", bin, "exosh/cmd/exosh").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	f1, f2 := filepath.Join(dir, "a.e"), filepath.Join(dir, "b.e")
	m, modelBytes := benchCube(n, 10)
	if err := exodus.Write(f1, m, nil); err != nil {
		b.Fatal(err)
	}
	last := m.Blocks[0].Fields[1].Values[9]
	last[len(last)/2] *= 1.5
	if err := exodus.Write(f2, m, nil); err != nil {
		b.Fatal(err)
	}
	m = nil
	script := filepath.Join(dir, "import.star")
	os.WriteFile(script, []byte(fmt.Sprintf("a = import_model(%q)\nb = import_model(%q)\n", f1, f2)), 0o644)
	b.ResetTimer()
	var diffS, impS float64
	var diffRSS, impRSS int64
	diffS, impS = 1e9, 1e9
	for range b.N {
		// best of three, interleaved: the machine may be shared
		for range 3 {
			t, rss, st := timed(b, bin, "diff", f1, f2)
			if st != 2 {
				b.Fatalf("exosh diff exited %d, want 2", st)
			}
			diffS, diffRSS = min(diffS, t), max(diffRSS, rss)
			t, rss, st = timed(b, bin, script)
			if st != 0 {
				b.Fatalf("import script exited %d", st)
			}
			impS, impRSS = min(impS, t), max(impRSS, rss)
		}
	}
	b.StopTimer()
	b.ReportMetric(diffS, "diff-s")
	b.ReportMetric(impS, "import-s")
	b.ReportMetric(diffS/impS, "x-import")
	b.ReportMetric(float64(diffRSS)/(1<<20), "diff-peakRSS-MB")
	b.ReportMetric(float64(impRSS)/(1<<20), "import-peakRSS-MB")
	b.ReportMetric(float64(diffRSS)/float64(modelBytes), "rss/model-bytes")
}
