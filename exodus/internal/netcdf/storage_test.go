package netcdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestDeflate writes the same compressible variable with and without
// compression to netCDF-4 files and checks the compressed file is much
// smaller and reads back identically.
func TestDeflate(t *testing.T) {
	const n = 1 << 20
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = float64(i%100) * 0.5
	}
	for _, format := range []Format{NetCDF4, NetCDF4Classic} {
		sizes := map[string]int64{}
		for _, c := range []struct {
			name    string
			shuffle bool
			level   int
			chunks  []int
		}{
			{"plain", false, 0, nil},
			{"deflate", false, 4, nil},
			{"shuffle+deflate, chunked", true, 6, []int{1 << 16}},
		} {
			path := filepath.Join(t.TempDir(), "z.nc")
			f, err := Create(path, format)
			if err != nil {
				t.Fatal(err)
			}
			d, _ := f.DefDim("n", n)
			v, err := f.DefVar("x", Double, []Dim{d})
			if err != nil {
				t.Fatal(err)
			}
			if c.level > 0 {
				if err := v.SetDeflate(c.shuffle, c.level); err != nil {
					t.Fatalf("%s %s: %v", format, c.name, err)
				}
			}
			if c.chunks != nil {
				if err := v.SetChunking(c.chunks); err != nil {
					t.Fatalf("%s %s: %v", format, c.name, err)
				}
			}
			wantCode(t, "deflate level 10", v.SetDeflate(false, 10), CodeInvalidArg)
			wantCode(t, "chunk rank", v.SetChunking([]int{1, 2}), CodeInvalidArg)
			wantCode(t, "chunk size 0", v.SetChunking([]int{0}), CodeBadChunk)
			if err := f.EndDef(); err != nil {
				t.Fatal(err)
			}
			if err := v.WriteFloat64s(vals); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			sizes[c.name] = fi.Size()
			g := mustOpen(t, path)
			got := make([]float64, n)
			if err := mustVar(t, g, "x").ReadFloat64s(got); err != nil || !slices.Equal(got, vals) {
				t.Errorf("%s %s: data differs after reading back (%v)", format, c.name, err)
			}
		}
		t.Logf("%s sizes: %v", format, sizes)
		if sizes["plain"] < 8*n {
			t.Errorf("%s: uncompressed file %d bytes < raw data %d", format, sizes["plain"], 8*n)
		}
		for _, name := range []string{"deflate", "shuffle+deflate, chunked"} {
			if sizes[name]*10 > sizes["plain"] {
				t.Errorf("%s %s: %d bytes, not under a tenth of %d", format, name, sizes[name], sizes["plain"])
			}
		}
	}
}

// TestNoFillUnwrittenOpens checks that files whose trailing variables or
// records were never written (legal in no-fill mode) are not mistaken for
// truncated files.
func TestNoFillUnwrittenOpens(t *testing.T) {
	for _, format := range []Format{Classic, Offset64, CDF5} {
		// records: 0 none, 1 a Short and an unwritten Double record variable,
		// 2 a lone Short record variable of odd length (records unpadded).
		for records := range 3 {
			withRecords := records > 0
			name := fmt.Sprintf("%s records=%d", format, records)
			path := filepath.Join(t.TempDir(), "nofill.nc")
			f, err := Create(path, format)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := f.DefDim("n", 1000)
			a, _ := f.DefVar("a", Double, []Dim{n})
			if _, err := f.DefVar("b_unwritten", Double, []Dim{n}); err != nil {
				t.Fatal(err)
			}
			var r1 Var
			if withRecords {
				ts, _ := f.DefUnlimitedDim("t")
				rn := n
				if records == 2 {
					rn, _ = f.DefDim("odd", 1001)
				}
				r1, _ = f.DefVar("r1", Short, []Dim{ts, rn})
				if records == 1 {
					if _, err := f.DefVar("r2_unwritten", Double, []Dim{ts, n}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := f.EndDef(); err != nil {
				t.Fatal(err)
			}
			if err := a.WriteFloat64s(make([]float64, 1000)); err != nil {
				t.Fatal(err)
			}
			if withRecords {
				for s := range 3 {
					shape, _ := r1.Shape()
					if err := r1.PutInt32s([]int{s, 0}, []int{1, shape[1]}, make([]int32, shape[1])); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			g, err := Open(path)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			// No-fill mode: libnetcdf wrote no fill values (9.969e36) for the
			// variable nobody wrote.
			unwritten := make([]float64, 1000)
			if err := mustVar(t, g, "b_unwritten").ReadFloat64s(unwritten); err != nil {
				t.Fatal(err)
			}
			if slices.Contains(unwritten, defaultFillDouble) {
				t.Errorf("%s: unwritten variable holds fill values; file not in no-fill mode", name)
			}
			g.Close()
			// And the header-based extent is really what bounds the file:
			// one byte less is reported as truncated.
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			h, err := parseCDFHeader(bytes.NewReader(data), int64(len(data)))
			if err != nil || h == nil {
				t.Fatalf("%s: parse header: %v", name, err)
			}
			need, _, ok := h.extent()
			if !ok || need > int64(len(data)) || need < int64(len(data))-8 {
				t.Errorf("%s: extent %d (ok %v) for a file of %d bytes", name, need, ok, len(data))
			}
			cut := filepath.Join(t.TempDir(), "cut.nc")
			if err := os.WriteFile(cut, data[:need-1], 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = Open(cut)
			wantCode(t, name+" cut by one byte", err, CodeTruncated)
		}
	}
}

// defaultFillDouble is NC_FILL_DOUBLE, the value fill mode writes.
const defaultFillDouble = 9.9692099683868690e+36

// TestOpenWriteAppend reopens existing files for writing, adds a variable in
// define mode and appends records, as a writer resuming a results file does.
func TestOpenWriteAppend(t *testing.T) {
	for _, format := range allFormats {
		path := filepath.Join(t.TempDir(), "append.nc")
		f, err := Create(path, format)
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := f.DefUnlimitedDim("time_step")
		tw, _ := f.DefVar("time_whole", Double, []Dim{ts})
		if err := f.EndDef(); err != nil {
			t.Fatal(err)
		}
		if err := tw.PutFloat64s([]int{0}, []int{1}, []float64{0.5}); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}

		g, err := OpenWrite(path)
		if err != nil {
			t.Fatal(err)
		}
		if g.Format() != format {
			t.Errorf("OpenWrite format %v, want %v", g.Format(), format)
		}
		tw = mustVar(t, g, "time_whole")
		if err := tw.PutFloat64s([]int{1}, []int{1}, []float64{1.5}); err != nil {
			t.Errorf("%s: append after OpenWrite: %v", format, err)
		}
		if err := g.ReDef(); err != nil {
			t.Fatal(err)
		}
		ts2, ok, err := g.Dim("time_step")
		if err != nil || !ok || ts2.Len != 2 {
			t.Fatalf("%s: time_step = %+v %v %v", format, ts2, ok, err)
		}
		gv, err := g.DefVar("vals_glo_var", Float, []Dim{ts2})
		if err != nil {
			t.Fatal(err)
		}
		if err := g.Global().PutAttrText("title", "resumed"); err != nil {
			t.Fatal(err)
		}
		if err := g.EndDef(); err != nil {
			t.Fatal(err)
		}
		if err := gv.WriteFloat64s([]float64{7, 8}); err != nil {
			t.Errorf("%s: write new record var: %v", format, err)
		}
		if err := g.Close(); err != nil {
			t.Fatal(err)
		}

		h := mustOpen(t, path)
		times := make([]float64, 2)
		if err := mustVar(t, h, "time_whole").ReadFloat64s(times); err != nil || !slices.Equal(times, []float64{0.5, 1.5}) {
			t.Errorf("%s: time_whole = %v, %v", format, times, err)
		}
		if title, err := h.Global().AttrText("title"); err != nil || title != "resumed" {
			t.Errorf("%s: title = %q, %v", format, title, err)
		}
		glo := make([]float64, 2)
		if err := mustVar(t, h, "vals_glo_var").ReadFloat64s(glo); err != nil || !slices.Equal(glo, []float64{7, 8}) {
			t.Errorf("%s: vals_glo_var = %v, %v", format, glo, err)
		}
	}
}

// TestConcurrentUse reads and writes several files from many goroutines on
// distinct OS threads (run with -race to check the locking), and checks that
// no HDF5 diagnostics reach stderr from any thread.
func TestConcurrentUse(t *testing.T) {
	exo := testdata(t, "exomerge_unit_test.e")
	dir := t.TempDir()
	stderr := captureStderr(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Go(func() {
			runtime.LockOSThread() // force distinct OS threads
			defer runtime.UnlockOSThread()
			if err := concurrentWork(w, exo, dir); err != nil {
				errs <- fmt.Errorf("worker %d: %w", w, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if out := stderr(); strings.Contains(out, "HDF5") {
		t.Errorf("HDF5 diagnostics on stderr:\n%.2000s", out)
	}
}

// concurrentWork is one worker of TestConcurrentUse: read a shared file,
// write, reopen and verify a netCDF-4 file of its own, and provoke expected
// HDF5 failures (missing attribute, truncated netCDF-4 file).
func concurrentWork(w int, exo, dir string) error {
	f, err := Open(exo)
	if err != nil {
		return err
	}
	defer f.Close()
	v, ok, err := f.Var("vals_nod_var1")
	if err != nil || !ok {
		return fmt.Errorf("vals_nod_var1: %v %v", ok, err)
	}
	n, err := v.Len()
	if err != nil {
		return err
	}
	buf := make([]float64, n)
	for range 5 {
		if err := v.ReadFloat64s(buf); err != nil {
			return err
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("w%d.nc", w))
	g, err := Create(path, NetCDF4)
	if err != nil {
		return err
	}
	d, _ := g.DefDim("n", n)
	x, err := g.DefVar("x", Double, []Dim{d})
	if err != nil {
		return err
	}
	if err := x.SetDeflate(true, 1); err != nil {
		return err
	}
	if err := g.EndDef(); err != nil {
		return err
	}
	if err := x.WriteFloat64s(buf); err != nil {
		return err
	}
	if _, err := x.AttrText("missing"); !errors.As(err, new(*Error)) {
		return fmt.Errorf("missing attribute: %v", err)
	}
	if err := g.Close(); err != nil {
		return err
	}
	h, err := Open(path)
	if err != nil {
		return err
	}
	defer h.Close()
	got := make([]float64, n)
	xv, _, _ := h.Var("x")
	if err := xv.ReadFloat64s(got); err != nil {
		return err
	}
	if !slices.Equal(got, buf) {
		return errors.New("netCDF-4 copy differs")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	cut := path + ".cut"
	if err := os.WriteFile(cut, data[:len(data)/3], 0o644); err != nil {
		return err
	}
	if _, err := Open(cut); !errors.As(err, new(*Error)) {
		return fmt.Errorf("truncated netCDF-4 file: %v", err)
	}
	return nil
}

// captureStderr redirects file descriptor 2 to a pipe until the returned
// function is called, which restores it and returns what was written.
func captureStderr(t *testing.T) func() string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := syscall.Dup(2)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Dup2(int(w.Fd()), 2); err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	restored := false
	restore := func() string {
		if restored {
			return ""
		}
		restored = true
		syscall.Dup2(saved, 2)
		syscall.Close(saved)
		w.Close()
		out := <-done
		r.Close()
		return out
	}
	t.Cleanup(func() { restore() })
	return restore
}
