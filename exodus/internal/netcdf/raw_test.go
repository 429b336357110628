package netcdf

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// rawCase is one hyperslab read of TestRawReads: the variable, start and
// count, and whether the direct path must serve it.
type rawCase struct {
	name         string
	v            string
	start, count []int
	direct       bool
	wide         bool // read Float as float64, Int as int64
}

// writeRawFile creates a file of the given format holding record and fixed
// variables of every type the direct path moves, with values that differ
// in every byte position, and returns its path. With lone set, its only
// record variable is a Short one of odd length: classic files store a
// lone record variable unpadded, so records are 2*n bytes apart, not a
// multiple of 4.
func writeRawFile(t *testing.T, format Format, lone bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.nc")
	f, err := Create(path, format)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const n, k, steps = 40001, 3, 4
	rec, err := f.DefUnlimitedDim("time")
	if err != nil {
		t.Fatal(err)
	}
	dn, err := f.DefDim("n", n)
	if err != nil {
		t.Fatal(err)
	}
	dk, err := f.DefDim("k", k)
	if err != nil {
		t.Fatal(err)
	}
	type def struct {
		name string
		t    Type
		dims []Dim
	}
	defs := []def{{"s_rec", Short, []Dim{rec, dn}}}
	if !lone {
		defs = append(defs,
			def{"d_rec", Double, []Dim{rec, dn}},
			def{"i_rec", Int, []Dim{rec, dn}},
			def{"f_rec", Float, []Dim{rec, dn}},
			def{"d_rec2", Double, []Dim{rec, dk, dn}},
			def{"d_fix", Double, []Dim{dk, dn}},
			def{"i_fix", Int, []Dim{dn, dk}},
			def{"f_fix", Float, []Dim{dn}},
		)
		if format == CDF5 {
			defs = append(defs, def{"l_rec", Int64, []Dim{rec, dn}}, def{"l_fix", Int64, []Dim{dn, dk}})
		}
	}
	vars := make([]Var, len(defs))
	for i, d := range defs {
		if vars[i], err = f.DefVar(d.name, d.t, d.dims); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	for i, d := range defs {
		size := 1
		count := make([]int, len(d.dims))
		for j, dim := range d.dims {
			count[j] = dim.Len
			if dim.Unlimited {
				count[j] = steps
			}
			size *= count[j]
		}
		start := make([]int, len(count))
		vals := make([]int64, size)
		for j := range vals {
			// Distinct bytes in every position of the value.
			vals[j] = int64(j)*0x01020305 + int64(i)*0x0f1e2d3c4b5a6978%1000003 - int64(size)/2
		}
		switch d.t {
		case Double:
			x := make([]float64, size)
			for j, v := range vals {
				x[j] = float64(v) * math.Pi / 7
			}
			err = vars[i].PutFloat64s(start, count, x)
		case Float:
			x := make([]float32, size)
			for j, v := range vals {
				x[j] = float32(v%100003) * 1.25
			}
			err = vars[i].PutFloat32s(start, count, x)
		case Int:
			x := make([]int32, size)
			for j, v := range vals {
				x[j] = int32(v)
			}
			err = vars[i].PutInt32s(start, count, x)
		case Short:
			x := make([]int32, size)
			for j, v := range vals {
				x[j] = int32(int16(v))
			}
			err = vars[i].PutInt32s(start, count, x)
		case Int64:
			err = vars[i].PutInt64s(start, count, vals)
		}
		if err != nil {
			t.Fatal(d.name, err)
		}
	}
	return path
}

// readAs reads the hyperslab into a fresh slice of the Go type matching
// v's file type (Short as int32, which the direct path never serves), or,
// with wide set, of Float as float64 and Int as int64, and returns it as
// raw bytes for comparison.
func readAs(t *testing.T, v Var, start, count []int, wide bool) []byte {
	t.Helper()
	n := 1
	for _, c := range count {
		n *= c
	}
	var err error
	var b []byte
	switch typ := v.Type(); {
	case typ == Double || (wide && typ == Float):
		x := make([]float64, n)
		err, b = v.GetFloat64s(start, count, x), asBytes(x)
	case typ == Float:
		x := make([]float32, n)
		err, b = v.GetFloat32s(start, count, x), asBytes(x)
	case typ == Int64 || (wide && typ == Int):
		x := make([]int64, n)
		err, b = v.GetInt64s(start, count, x), asBytes(x)
	case typ == Int || typ == Short:
		x := make([]int32, n)
		err, b = v.GetInt32s(start, count, x), asBytes(x)
	default:
		t.Fatalf("%s: type %v", v.Name(), typ)
	}
	if err != nil {
		t.Fatalf("read %s %v %v: %v", v.Name(), start, count, err)
	}
	return b
}

// TestRawReads checks the direct read path against libnetcdf, bit for bit,
// in the three classic formats: whole variables, single and several
// records, rows, a record's inner slab, and selections that are not one
// run per record (which libnetcdf must serve), and that it serves exactly
// the reads it should.
func TestRawReads(t *testing.T) {
	cases := []rawCase{
		{"whole double records", "d_rec", []int{0, 0}, []int{4, 40001}, true, false},
		{"one record", "d_rec", []int{2, 0}, []int{1, 40001}, true, false},
		{"two records from 1", "i_rec", []int{1, 0}, []int{2, 40001}, true, false},
		{"float records", "f_rec", []int{0, 0}, []int{4, 40001}, true, false},
		{"part of a record", "d_rec", []int{3, 12345}, []int{1, 20000}, true, false},
		{"3-D record slab", "d_rec2", []int{1, 1, 0}, []int{2, 2, 40001}, true, false},
		{"3-D one row of each record", "d_rec2", []int{0, 2, 0}, []int{3, 1, 40001}, true, false},
		{"whole fixed", "d_fix", []int{0, 0}, []int{3, 40001}, true, false},
		{"fixed row", "d_fix", []int{1, 0}, []int{1, 40001}, true, false},
		{"fixed rows of a 2-D int", "i_fix", []int{100, 0}, []int{30000, 3}, true, false},
		{"whole 1-D float", "f_fix", []int{0}, []int{40001}, true, false},
		{"strided column", "i_fix", []int{0, 1}, []int{40001, 1}, false, false},
		{"partial rows", "d_rec2", []int{0, 0, 5}, []int{1, 3, 39000}, false, false},
		{"short is converted", "s_rec", []int{0, 0}, []int{4, 40001}, false, false},
		{"small read", "d_fix", []int{0, 0}, []int{1, 100}, false, false},
	}
	for _, format := range []Format{Classic, Offset64, CDF5} {
		t.Run(format.String(), func(t *testing.T) {
			path := writeRawFile(t, format, false)
			raw, lib := mustOpen(t, path), mustOpen(t, path)
			if raw.raw == nil {
				t.Fatal("a read-only classic file has no direct path")
			}
			lib.raw.close()
			lib.raw = nil
			all := cases
			if format == CDF5 {
				all = append(slices.Clone(cases),
					rawCase{"int64 records", "l_rec", []int{1, 0}, []int{3, 40001}, true, false},
					rawCase{"int64 fixed", "l_fix", []int{0, 0}, []int{40001, 3}, true, false})
			}
			// Float read as float64 and Int as int64 widen exactly.
			all = append(all,
				rawCase{"float records as float64", "f_rec", []int{1, 0}, []int{3, 40001}, true, true},
				rawCase{"float fixed as float64", "f_fix", []int{0}, []int{40001}, true, true},
				rawCase{"int records as int64", "i_rec", []int{0, 0}, []int{4, 40001}, true, true},
				rawCase{"int rows as int64", "i_fix", []int{7, 0}, []int{30000, 3}, true, true},
				rawCase{"int column as int64", "i_fix", []int{0, 2}, []int{40001, 1}, false, true})
			for _, c := range all {
				before := raw.raw.served.Load()
				got := readAs(t, mustVar(t, raw, c.v), c.start, c.count, c.wide)
				want := readAs(t, mustVar(t, lib, c.v), c.start, c.count, c.wide)
				if !slices.Equal(got, want) {
					t.Errorf("%s: direct read differs from libnetcdf's", c.name)
				}
				if served := raw.raw.served.Load() > before; served != c.direct {
					t.Errorf("%s: served directly %v, want %v", c.name, served, c.direct)
				}
			}
		})
	}
	t.Run("lone record variable", func(t *testing.T) {
		path := writeRawFile(t, Offset64, true)
		raw, lib := mustOpen(t, path), mustOpen(t, path)
		lib.raw.close()
		lib.raw = nil
		v, lv := mustVar(t, raw, "s_rec"), mustVar(t, lib, "s_rec")
		// Short reads are converted, so read them as the bytes of the
		// file type through a lowered threshold and a direct call.
		start, count := []int{1, 0}, []int{3, 40001}
		got := make([]byte, 2*3*40001)
		raw.raw.minBytes = 1
		if done, err := v.getRaw("get", start, count, []int{4, 40001}, got, Short); !done || err != nil {
			t.Fatalf("direct read of a lone record variable: done %v, err %v", done, err)
		}
		want := make([]int32, 3*40001)
		if err := lv.GetInt32s(start, count, want); err != nil {
			t.Fatal(err)
		}
		for i, w := range want {
			g := int16(uint16(got[2*i]) | uint16(got[2*i+1])<<8) // host order: little endian here
			if !hostLittleEndian() {
				g = int16(uint16(got[2*i])<<8 | uint16(got[2*i+1]))
			}
			if int32(g) != w {
				t.Fatalf("value %d: %d, want %d", i, g, w)
			}
		}
	})
}

// TestRawSharedFiles reads every numeric variable of the shared SEACAS
// files through the direct path (its threshold lowered to one byte) and
// through libnetcdf, and requires the same bits.
func TestRawSharedFiles(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(sharedDir(t), "testdata", "*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no shared test files (%v)", err)
	}
	checked := 0
	for _, path := range names {
		raw, err := Open(path)
		if err != nil {
			continue // not netCDF
		}
		defer raw.Close()
		if raw.raw == nil {
			continue // netCDF-4
		}
		raw.raw.minBytes = 1
		lib := mustOpen(t, path)
		lib.raw.close()
		lib.raw = nil
		infos, err := raw.Vars()
		if err != nil {
			t.Fatal(err)
		}
		for _, vi := range infos {
			switch vi.Type {
			case Double, Float, Int, Int64:
			default:
				continue
			}
			start := make([]int, len(vi.Shape))
			before := raw.raw.served.Load()
			got := readAs(t, mustVar(t, raw, vi.Name), start, vi.Shape, false)
			want := readAs(t, mustVar(t, lib, vi.Name), start, vi.Shape, false)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s: direct read differs from libnetcdf's", filepath.Base(path), vi.Name)
			}
			if vi.Type == Float || vi.Type == Int {
				got := readAs(t, mustVar(t, raw, vi.Name), start, vi.Shape, true)
				want := readAs(t, mustVar(t, lib, vi.Name), start, vi.Shape, true)
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s: direct widening read differs from libnetcdf's", filepath.Base(path), vi.Name)
				}
			}
			if len(got) > 0 && raw.raw.served.Load() == before {
				t.Errorf("%s: %s: not served directly", filepath.Base(path), vi.Name)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d variables checked", checked)
	}
}

// TestRawStopProgressAndErrors checks that the direct path reports
// progress in pieces that add up, stops on a closed channel, reports a
// file cut short after it was opened, and a closed file.
func TestRawStopProgressAndErrors(t *testing.T) {
	path := writeRawFile(t, Offset64, false)
	f := mustOpen(t, path)
	v := mustVar(t, f, "d_rec")
	f.piece = 10000
	var calls []int
	f.OnTransfer(func(n int) { calls = append(calls, n) })
	got := make([]float64, 4*40001)
	if err := v.ReadFloat64s(got); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, c := range calls {
		sum += c
	}
	if len(calls) < 2 || sum != len(got) {
		t.Errorf("progress %v (sum %d), want several pieces adding up to %d", calls, sum, len(got))
	}
	stop := make(chan struct{})
	close(stop)
	f.SetStop(stop)
	if err := v.ReadFloat64s(got); !errors.Is(err, ErrStopped) {
		t.Errorf("read with a closed stop channel: %v, want ErrStopped", err)
	}
	f.SetStop(nil)

	if err := os.Truncate(path, 20000); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "read of a file cut short", v.ReadFloat64s(got), CodeTruncated)

	g := mustOpen(t, writeRawFile(t, Offset64, false))
	w := mustVar(t, g, "d_fix")
	g.Close()
	if err := w.ReadFloat64s(make([]float64, 3*40001)); !errors.Is(err, ErrClosed) {
		t.Errorf("read of a closed file: %v, want ErrClosed", err)
	}
}

// TestRawNotForWriting checks that a file open for writing has no direct
// path (libnetcdf's buffers may hold data not yet on disk).
func TestRawNotForWriting(t *testing.T) {
	path := writeRawFile(t, Offset64, false)
	f, err := OpenWrite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.raw != nil {
		t.Error("a file open for writing has a direct read path")
	}
}

// TestDirectPuts writes through Direct into a file libnetcdf defined and
// closed, reads the values back through libnetcdf, and checks the refused
// writes: values out of the file type's range, records the header does
// not hold, a selection that is not one run per record, a type Direct does
// not convert to, and a file that is not classic.
func TestDirectPuts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "direct.nc")
	f, err := Create(path, Offset64)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := f.DefUnlimitedDim("time")
	n, _ := f.DefDim("n", 5)
	k, _ := f.DefDim("k", 2)
	tv, _ := f.DefVar("time", Double, []Dim{rec})
	defs := map[string]Type{"d": Double, "fl": Float, "i": Int, "s": Short}
	for name, typ := range defs {
		if _, err := f.DefVar(name, typ, []Dim{rec, n}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.DefVar("grid", Int, []Dim{n, k}); err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	if err := tv.PutFloat64s([]int{0}, []int{2}, []float64{0, 1}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDirect(path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(name string) DirectVar {
		v, ok := d.Var(name)
		if !ok {
			t.Fatalf("Direct has no variable %s", name)
		}
		return v
	}
	dv, fv, iv, sv, gv := must("d"), must("fl"), must("i"), must("s"), must("grid")
	if err := dv.PutFloat64s([]int{1, 0}, []int{1, 5}, []float64{1.5, -2, math.Pi, 1e300, math.Copysign(0, -1)}); err != nil {
		t.Fatal(err)
	}
	if err := fv.PutFloat64s([]int{0, 1}, []int{1, 3}, []float64{0.25, -8, 3e38}); err != nil {
		t.Fatal(err)
	}
	if err := iv.WriteInt64s([]int64{1, 2, 3, 4, 5, -1, -2, -3, -4, math.MinInt32}); err != nil {
		t.Fatal(err)
	}
	if err := gv.PutInt64s([]int{1, 0}, []int{2, 2}, []int64{10, 11, 12, 13}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "int beyond int32", iv.PutInt64s([]int{0, 0}, []int{1, 1}, []int64{1 << 40}), CodeRange)
	wantCode(t, "float beyond float32", fv.PutFloat64s([]int{0, 0}, []int{1, 1}, []float64{1e39}), CodeRange)
	wantCode(t, "a record past the header's", dv.PutFloat64s([]int{2, 0}, []int{1, 5}, make([]float64, 5)), CodeEdge)
	wantCode(t, "a column", gv.PutInt64s([]int{0, 1}, []int{5, 1}, make([]int64, 5)), CodeEdge)
	wantCode(t, "short from float64", sv.PutFloat64s([]int{0, 0}, []int{1, 5}, make([]float64, 5)), CodeBadType)
	wantCode(t, "wrong length", dv.PutFloat64s([]int{0, 0}, []int{1, 5}, make([]float64, 4)), CodeInvalidArg)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "after Close", dv.PutFloat64s([]int{0, 0}, []int{1, 5}, make([]float64, 5)), CodeBadID)

	r := mustOpen(t, path)
	gotD := make([]float64, 5)
	if err := mustVar(t, r, "d").GetFloat64s([]int{1, 0}, []int{1, 5}, gotD); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotD[:4], []float64{1.5, -2, math.Pi, 1e300}) || !math.Signbit(gotD[4]) {
		t.Errorf("d read back %v", gotD)
	}
	gotF := make([]float32, 3)
	if err := mustVar(t, r, "fl").GetFloat32s([]int{0, 1}, []int{1, 3}, gotF); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotF, []float32{0.25, -8, 3e38}) {
		t.Errorf("fl read back %v", gotF)
	}
	gotI := make([]int32, 10)
	if err := mustVar(t, r, "i").ReadInt32s(gotI); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotI, []int32{1, 2, 3, 4, 5, -1, -2, -3, -4, math.MinInt32}) {
		t.Errorf("i read back %v", gotI)
	}
	gotG := make([]int32, 4)
	if err := mustVar(t, r, "grid").GetInt32s([]int{1, 0}, []int{2, 2}, gotG); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotG, []int32{10, 11, 12, 13}) {
		t.Errorf("grid read back %v", gotG)
	}

	nc4 := filepath.Join(t.TempDir(), "nc4.nc")
	g, err := Create(nc4, NetCDF4)
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	if _, err := OpenDirect(nc4); !errors.Is(err, ErrNotNetCDF) {
		t.Errorf("OpenDirect of a netCDF-4 file: %v, want ErrNotNetCDF", err)
	}
}

// TestRawRandomSlabs reads 300 random hyperslabs of a 3-D record variable
// and a 2-D fixed one through the direct path (its threshold lowered to
// one byte) and through libnetcdf, and requires the same bits; the direct
// path must serve every slab that is one run per record.
func TestRawRandomSlabs(t *testing.T) {
	path := writeRawFile(t, Offset64, false)
	raw, lib := mustOpen(t, path), mustOpen(t, path)
	lib.raw.close()
	lib.raw = nil
	raw.raw.minBytes = 1
	rng := rand.New(rand.NewPCG(3, 4))
	shapes := map[string][]int{"d_rec2": {4, 3, 40001}, "i_fix": {40001, 3}}
	served := 0
	for i := range 300 {
		name := "d_rec2"
		if i%2 == 1 {
			name = "i_fix"
		}
		shape := shapes[name]
		start, count := make([]int, len(shape)), make([]int, len(shape))
		for d, n := range shape {
			switch rng.IntN(3) {
			case 0: // whole
				start[d], count[d] = 0, n
			case 1: // one index
				start[d], count[d] = rng.IntN(n), 1
			default:
				start[d] = rng.IntN(n)
				count[d] = 1 + rng.IntN(min(n-start[d], 5000))
			}
		}
		before := raw.raw.served.Load()
		got := readAs(t, mustVar(t, raw, name), start, count, false)
		want := readAs(t, mustVar(t, lib, name), start, count, false)
		if !slices.Equal(got, want) {
			t.Fatalf("%s %v %v: direct read differs from libnetcdf's", name, start, count)
		}
		if raw.raw.served.Load() > before {
			served++
		}
	}
	if served < 100 {
		t.Errorf("the direct path served only %d of 300 slabs", served)
	}
}
