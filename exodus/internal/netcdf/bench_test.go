package netcdf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// benchValues is the number of doubles in the 64 MiB benchmark variable.
const benchValues = 64 << 20 / 8

func benchData() []float64 {
	vals := make([]float64, benchValues)
	for i := range vals {
		vals[i] = float64(i) * 1.000001
	}
	return vals
}

// writeBench creates path with one double variable and writes vals to it.
func writeBench(b *testing.B, path string, format Format, vals []float64) {
	f, err := Create(path, format)
	if err != nil {
		b.Fatal(err)
	}
	d, err := f.DefDim("n", len(vals))
	if err != nil {
		b.Fatal(err)
	}
	v, err := f.DefVar("x", Double, []Dim{d})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		b.Fatal(err)
	}
	if err := v.WriteFloat64s(vals); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

var benchFormats = []Format{Offset64, CDF5, NetCDF4}

// BenchmarkWriteFloat64s measures bulk write throughput of a 64 MiB double
// variable, including create and close (which flushes the data).
func BenchmarkWriteFloat64s(b *testing.B) {
	vals := benchData()
	for _, format := range benchFormats {
		b.Run(format.String(), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "w.nc")
			b.SetBytes(benchValues * 8)
			b.ReportAllocs()
			for b.Loop() {
				writeBench(b, path, format, vals)
			}
		})
	}
}

// BenchmarkReadFloat64s measures bulk read throughput of a 64 MiB double
// variable (from the page cache), including open and close.
func BenchmarkReadFloat64s(b *testing.B) {
	vals := benchData()
	dst := make([]float64, benchValues)
	for _, format := range benchFormats {
		b.Run(format.String(), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "r.nc")
			writeBench(b, path, format, vals)
			b.SetBytes(benchValues * 8)
			b.ReportAllocs()
			for b.Loop() {
				f, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				v, _, err := f.Var("x")
				if err != nil {
					b.Fatal(err)
				}
				if err := v.ReadFloat64s(dst); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
			if dst[benchValues-1] != vals[benchValues-1] {
				b.Fatal("read back wrong data")
			}
		})
	}
}

// BenchmarkSmallGet measures the fixed cost of one hyperslab read (lock,
// shape check, cgo call): one 8-node connectivity row of a real file.
func BenchmarkSmallGet(b *testing.B) {
	f := mustOpen(b, testdata(b, "exomerge_unit_test.e"))
	v := mustVar(b, f, "connect1")
	row := make([]int32, 8)
	b.ReportAllocs()
	start, count := []int{0, 0}, []int{1, 8}
	for i := 0; b.Loop(); i++ {
		start[0] = i % 200
		if err := v.GetInt32s(start, count, row); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCDFHeader feeds arbitrary bytes to the classic header parser used for
// truncation checks; it must never panic or claim an extent for garbage.
func FuzzCDFHeader(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(sharedDir(f), "testdata", "*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 2<<10 {
			data = data[:2<<10]
		}
		f.Add(data)
	}
	f.Add([]byte("CDF\x05\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := parseCDFHeader(bytes.NewReader(data), int64(len(data)))
		if h == nil {
			return
		}
		if err != nil {
			t.Fatalf("header and error both returned: %v", err)
		}
		if need, _, ok := h.extent(); ok && need < 0 {
			t.Fatalf("negative extent %d", need)
		}
	})
}
