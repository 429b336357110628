package netcdf

import (
	"errors"
	"math"
	"path/filepath"
	"slices"
	"testing"
)

// TestUnlimitedAppend appends records one at a time, as an Exodus writer
// does for time steps, and checks the record count grows, records read back
// before and after reopening, and reads beyond the last record fail.
func TestUnlimitedAppend(t *testing.T) {
	const nodes, steps = 3, 6
	rec := func(s int) []float64 { return []float64{float64(s), float64(s) + 0.25, -float64(s) * 1e10} }
	for _, format := range allFormats {
		t.Run(format.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rec.nc")
			f, err := Create(path, format)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ts, err := f.DefUnlimitedDim("time_step")
			if err != nil {
				t.Fatal(err)
			}
			nd, err := f.DefDim("num_nodes", nodes)
			if err != nil {
				t.Fatal(err)
			}
			tw, err := f.DefVar("time_whole", Double, []Dim{ts})
			if err != nil {
				t.Fatal(err)
			}
			vals, err := f.DefVar("vals_nod_var1", Double, []Dim{ts, nd})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.EndDef(); err != nil {
				t.Fatal(err)
			}
			if n, err := vals.Len(); n != 0 || err != nil {
				t.Errorf("Len before any record = %d, %v", n, err)
			}
			if err := vals.ReadFloat64s(nil); err != nil {
				t.Errorf("ReadFloat64s of zero records: %v", err)
			}
			for s := range steps {
				if err := tw.PutFloat64s([]int{s}, []int{1}, []float64{float64(s) * 0.01}); err != nil {
					t.Fatalf("step %d: time: %v", s, err)
				}
				if err := vals.PutFloat64s([]int{s, 0}, []int{1, nodes}, rec(s)); err != nil {
					t.Fatalf("step %d: vals: %v", s, err)
				}
				d, ok, err := f.Dim("time_step")
				if err != nil || !ok || d.Len != s+1 || !d.Unlimited {
					t.Errorf("step %d: Dim(time_step) = %+v, %v, %v", s, d, ok, err)
				}
				shape, err := vals.Shape()
				if err != nil || !slices.Equal(shape, []int{s + 1, nodes}) {
					t.Errorf("step %d: Shape = %v, %v", s, shape, err)
				}
				got := make([]float64, nodes)
				if err := vals.GetFloat64s([]int{s, 0}, []int{1, nodes}, got); err != nil || !slices.Equal(got, rec(s)) {
					t.Errorf("step %d: read back %v, %v; want %v", s, got, err, rec(s))
				}
				err = vals.GetFloat64s([]int{s + 1, 0}, []int{1, nodes}, got)
				wantCode(t, "read past last record", err, CodeInvalidCoords)
			}
			// A fixed dimension does not grow on writes.
			err = vals.PutFloat64s([]int{0, 1}, []int{1, nodes}, rec(0))
			wantCode(t, "write past fixed dim", err, CodeEdge)
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}

			g := mustOpen(t, path)
			dims, err := g.Dims()
			if err != nil || len(dims) != 2 || dims[0] != (Dim{ID: dims[0].ID, Name: "time_step", Len: steps, Unlimited: true}) ||
				dims[1] != (Dim{ID: dims[1].ID, Name: "num_nodes", Len: nodes}) {
				t.Errorf("Dims after reopen = %+v, %v", dims, err)
			}
			v := mustVar(t, g, "vals_nod_var1")
			all := make([]float64, steps*nodes)
			if err := v.ReadFloat64s(all); err != nil {
				t.Fatal(err)
			}
			for s := range steps {
				if !slices.Equal(all[s*nodes:(s+1)*nodes], rec(s)) {
					t.Errorf("record %d after reopen = %v, want %v", s, all[s*nodes:(s+1)*nodes], rec(s))
				}
			}
			times := make([]float64, steps)
			if err := mustVar(t, g, "time_whole").ReadFloat64s(times); err != nil || times[steps-1] != float64(steps-1)*0.01 {
				t.Errorf("time_whole = %v, %v", times, err)
			}
			// A read-only file refuses writes with libnetcdf's error.
			err = v.PutFloat64s([]int{steps, 0}, []int{1, nodes}, rec(0))
			wantCode(t, "write to read-only file", err, CodePermission)
		})
	}
}

// TestConversions checks libnetcdf's conversions between memory and file
// types, and that out-of-range values surface as ErrRange.
func TestConversions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conv.nc")
	f, err := Create(path, NetCDF4)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, _ := f.DefDim("n", 3)
	def := func(name string, typ Type) Var {
		v, err := f.DefVar(name, typ, []Dim{d})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	fl, i64, in, by, ub, ch, u64 := def("f", Float), def("i64", Int64), def("i", Int), def("b", Byte), def("ub", UByte), def("c", Char), def("u64", UInt64)
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	all := []int{0}
	three := []int{3}

	// Float file values read into float64 are the float32 values, widened.
	if err := fl.PutFloat64s(all, three, []float64{0.1, -2.5, 1e30}); err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 3)
	if err := fl.ReadFloat64s(got); err != nil {
		t.Fatal(err)
	}
	if want := []float64{float64(float32(0.1)), -2.5, float64(float32(1e30))}; !slices.Equal(got, want) {
		t.Errorf("float var as float64 = %v, want %v", got, want)
	}
	if got[0] == 0.1 {
		t.Errorf("float var kept float64 precision: %v", got[0])
	}
	// Float read into int32 truncates toward zero and 1e30 is out of range.
	i32 := make([]int32, 3)
	err = fl.ReadInt32s(i32)
	if !errors.Is(err, ErrRange) {
		t.Errorf("1e30 into int32: %v, want ErrRange", err)
	}
	if i32[0] != 0 || i32[1] != -2 {
		t.Errorf("float to int32 conversion gave %v, want [0 -2 ...]", i32)
	}

	// Int64 values that fit int32 convert; 3e9 does not.
	if err := i64.PutInt64s(all, three, []int64{-5, 1 << 31, 7}); err != nil {
		t.Fatal(err)
	}
	err = i64.ReadInt32s(i32)
	if !errors.Is(err, ErrRange) {
		t.Errorf("2^31 into int32: %v, want ErrRange", err)
	}
	wantErrorFields(t, "range error", err, "get", path, "i64")
	if err := i64.GetInt32s([]int{2}, []int{1}, i32[:1]); err != nil || i32[0] != 7 {
		t.Errorf("fitting int64 into int32 = %v, %v", i32[0], err)
	}

	// Writes that do not fit the file type fail with ErrRange.
	for _, c := range []struct {
		name string
		err  error
	}{
		{"int64 2^40 into int", in.PutInt64s(all, three, []int64{1, 1 << 40, 2})},
		{"float64 1e300 into float", fl.PutFloat64s(all, three, []float64{1, 1e300, 2})},
		{"int32 300 into byte", by.PutInt32s(all, three, []int32{1, 300, 2})},
		{"int32 -1 into ubyte", ub.PutInt32s(all, three, []int32{1, -1, 2})},
		{"int64 -1 into uint64", u64.PutInt64s(all, three, []int64{1, -1, 2})},
		{"nan into int", in.PutFloat64s(all, three, []float64{1, math.NaN(), 2})},
	} {
		if !errors.Is(c.err, ErrRange) {
			t.Errorf("%s: %v, want ErrRange", c.name, c.err)
		}
	}
	// Byte values pass through bytes unchanged for UByte.
	if err := ub.PutBytes(all, three, []byte{0, 128, 255}); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 3)
	if err := ub.ReadBytes(b); err != nil || !slices.Equal(b, []byte{0, 128, 255}) {
		t.Errorf("ubyte bytes = %v, %v", b, err)
	}
	// Text and numbers do not mix.
	if err := ch.PutBytes(all, three, []byte("abc")); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "char as int32", ch.ReadInt32s(i32), CodeChar)
	wantCode(t, "int32 into char", ch.PutInt32s(all, three, []int32{1, 2, 3}), CodeChar)
}

// TestEmptyAndScalar checks zero-size selections and scalar variables.
func TestEmptyAndScalar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.nc")
	f, err := Create(path, Offset64)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ts, _ := f.DefUnlimitedDim("t")
	n, _ := f.DefDim("n", 4)
	rv, err := f.DefVar("rv", Double, []Dim{ts, n})
	if err != nil {
		t.Fatal(err)
	}
	fv, err := f.DefVar("fv", Int, []Dim{n})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := f.DefVar("scalar", Double, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		err  error
	}{
		{"read 0 records", rv.GetFloat64s([]int{0, 0}, []int{0, 4}, nil)},
		{"read 0 records, empty non-nil", rv.GetFloat64s([]int{0, 0}, []int{0, 4}, []float64{})},
		{"whole var with 0 records", rv.ReadFloat64s(nil)},
		{"zero count on fixed var", fv.GetInt32s([]int{4}, []int{0}, nil)},
		{"zero-count write", rv.PutFloat64s([]int{3, 0}, []int{0, 4}, nil)},
		{"zero-count int64 put", fv.PutInt64s([]int{2}, []int{0}, nil)},
		{"zero-count bytes", fv.GetBytes([]int{0}, []int{0}, nil)},
	} {
		if c.err != nil {
			t.Errorf("%s: %v, want nil", c.name, c.err)
		}
	}
	// The zero-count write did not create records.
	if shape, _ := rv.Shape(); shape[0] != 0 {
		t.Errorf("records after zero-count write = %d", shape[0])
	}
	// An empty slice with a non-empty selection is an error.
	wantCode(t, "nil dst for 4 values", fv.GetInt32s([]int{0}, []int{4}, nil), CodeInvalidArg)
	// Scalars: no start/count, one value.
	if err := sc.PutFloat64s(nil, nil, []float64{42.5}); err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 1)
	if err := sc.ReadFloat64s(got); err != nil || got[0] != 42.5 {
		t.Errorf("scalar = %v, %v", got, err)
	}
	if n, err := sc.Len(); n != 1 || err != nil {
		t.Errorf("scalar Len = %d, %v", n, err)
	}
	wantCode(t, "scalar with 2 values", sc.ReadFloat64s(make([]float64, 2)), CodeInvalidArg)
	wantCode(t, "scalar with a start", sc.GetFloat64s([]int{0}, []int{1}, got), CodeInvalidArg)
}

// TestBadShapes checks the Go-side validation of start, count and buffer
// length: each bad request gives the right code and never reaches C.
func TestBadShapes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shape.nc")
	f, err := Create(path, Classic)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, _ := f.DefDim("r", 4)
	c, _ := f.DefDim("c", 5)
	v, err := f.DefVar("v", Double, []Dim{r, c})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	if err := v.WriteFloat64s(make([]float64, 20)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name         string
		start, count []int
		n            int
		code         int
	}{
		{"too few dims", []int{0}, []int{4}, 4, CodeInvalidArg},
		{"too many dims", []int{0, 0, 0}, []int{1, 1, 1}, 1, CodeInvalidArg},
		{"start/count lengths differ", []int{0, 0}, []int{1}, 1, CodeInvalidArg},
		{"nil start", nil, []int{1, 1}, 1, CodeInvalidArg},
		{"negative start", []int{-1, 0}, []int{1, 1}, 1, CodeInvalidArg},
		{"negative count", []int{0, 0}, []int{1, -1}, 1, CodeInvalidArg},
		{"short buffer", []int{0, 0}, []int{2, 5}, 9, CodeInvalidArg},
		{"long buffer", []int{0, 0}, []int{2, 5}, 11, CodeInvalidArg},
		{"start past end", []int{4, 0}, []int{1, 5}, 5, CodeInvalidCoords},
		{"start far past end", []int{0, 99}, []int{1, 1}, 1, CodeInvalidCoords},
		{"start+count past end", []int{2, 0}, []int{3, 5}, 15, CodeEdge},
		{"count too large", []int{0, 1}, []int{1, 5}, 5, CodeEdge},
		{"overflowing count", []int{0, 0}, []int{math.MaxInt, 2}, 2, CodeEdge},
	} {
		for _, op := range []struct {
			name string
			run  func() error
		}{
			{"GetFloat64s", func() error { return v.GetFloat64s(tc.start, tc.count, make([]float64, tc.n)) }},
			{"GetFloat32s", func() error { return v.GetFloat32s(tc.start, tc.count, make([]float32, tc.n)) }},
			{"GetInt32s", func() error { return v.GetInt32s(tc.start, tc.count, make([]int32, tc.n)) }},
			{"GetInt64s", func() error { return v.GetInt64s(tc.start, tc.count, make([]int64, tc.n)) }},
			{"GetBytes", func() error { return v.GetBytes(tc.start, tc.count, make([]byte, tc.n)) }},
			{"PutFloat64s", func() error { return v.PutFloat64s(tc.start, tc.count, make([]float64, tc.n)) }},
			{"PutFloat32s", func() error { return v.PutFloat32s(tc.start, tc.count, make([]float32, tc.n)) }},
			{"PutInt32s", func() error { return v.PutInt32s(tc.start, tc.count, make([]int32, tc.n)) }},
			{"PutInt64s", func() error { return v.PutInt64s(tc.start, tc.count, make([]int64, tc.n)) }},
			{"PutBytes", func() error { return v.PutBytes(tc.start, tc.count, make([]byte, tc.n)) }},
		} {
			err := op.run()
			wantCode(t, tc.name+" "+op.name, err, tc.code)
			op0 := "get"
			if op.name[:3] == "Put" {
				op0 = "put"
			}
			wantErrorFields(t, tc.name+" "+op.name, err, op0, path, "v")
		}
	}
	// Whole-variable helpers check the length too.
	wantCode(t, "ReadFloat64s short", v.ReadFloat64s(make([]float64, 19)), CodeInvalidArg)
	wantCode(t, "ReadInt64s long", v.ReadInt64s(make([]int64, 21)), CodeInvalidArg)
	wantCode(t, "WriteInt32s short", v.WriteInt32s(make([]int32, 3)), CodeInvalidArg)
	// Bad definitions.
	_, err = f.DefDim("zero", 0)
	wantCode(t, "zero-length dim", err, CodeDimSize)
	_, err = f.DefDim("neg", -3)
	wantCode(t, "negative dim", err, CodeDimSize)
}

// TestInvalidHandles checks the zero Var, the global pseudo-variable's data
// methods, and every use of a closed file.
func TestInvalidHandles(t *testing.T) {
	var zero Var
	if zero.Name() != "" || zero.Type() != 0 {
		t.Errorf("zero Var name/type = %q/%v", zero.Name(), zero.Type())
	}
	for name, err := range map[string]error{
		"zero ReadFloat64s": zero.ReadFloat64s(nil),
		"zero Put":          zero.PutInt32s(nil, nil, nil),
		"zero AttrText":     func() error { _, err := zero.AttrText("x"); return err }(),
		"zero PutAttrText":  zero.PutAttrText("x", "y"),
		"zero SetDeflate":   zero.SetDeflate(true, 1),
	} {
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v, want *Error", name, err)
		}
	}

	path := filepath.Join(t.TempDir(), "closed.nc")
	makeSmallFile(t, path, Classic, 10)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v := mustVar(t, f, "x")
	g := f.Global()
	wantCode(t, "global data", g.ReadFloat64s(make([]float64, 1)), CodeGlobal)
	if _, err := g.Info(); err == nil {
		t.Error("Global().Info: no error")
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	var nilFile *File
	if err := nilFile.Close(); err != nil {
		t.Errorf("nil Close: %v", err)
	}
	for name, err := range map[string]error{
		"read":   v.ReadFloat64s(make([]float64, 10)),
		"attr":   func() error { _, err := g.Attrs(); return err }(),
		"dims":   func() error { _, err := f.Dims(); return err }(),
		"var":    func() error { _, _, err := f.Var("x"); return err }(),
		"sync":   f.Sync(),
		"redef":  f.ReDef(),
		"enddef": f.EndDef(),
		"shape":  func() error { _, err := v.Shape(); return err }(),
	} {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close: %v, want ErrClosed", name, err)
		}
	}
	// A new file that may reuse the closed file's ncid must not be reachable
	// through the old handles.
	h := mustOpen(t, testdata(t, "cube.g"))
	if err := v.ReadFloat64s(make([]float64, 10)); !errors.Is(err, ErrClosed) {
		t.Errorf("stale Var after another Open: %v", err)
	}
	if _, ok, err := h.Var("x"); ok || err != nil {
		t.Errorf("cube.g has no x: ok %v err %v", ok, err)
	}
}

// TestCreateErrors checks create failures and define-mode rules.
func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Create(filepath.Join(dir, "x.nc"), Format(99))
	wantCode(t, "unknown format", err, CodeInvalidArg)
	_, err = Create(filepath.Join(dir, "no", "such", "dir.nc"), Classic)
	wantCode(t, "missing directory", err, 2) // ENOENT

	path := filepath.Join(dir, "modes.nc")
	f, err := Create(path, Classic)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Format() != Classic || f.Path() != path {
		t.Errorf("Format/Path = %v %q", f.Format(), f.Path())
	}
	ts, _ := f.DefUnlimitedDim("t")
	if _, err := f.DefUnlimitedDim("t2"); err == nil {
		t.Error("second unlimited dim in classic: no error")
	}
	n, _ := f.DefDim("n", 2)
	_, err = f.DefVar("bad", Double, []Dim{n, ts})
	wantCode(t, "unlimited not first", err, CodeUnlimPosition)
	_, err = f.DefDim("n", 3)
	wantCode(t, "duplicate dim", err, CodeNameInUse)
	v, err := f.DefVar("v", Double, []Dim{ts, n})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, "write in define mode", v.PutFloat64s([]int{0, 0}, []int{1, 2}, []float64{1, 2}), CodeInDefine)
	wantCode(t, "deflate on classic", v.SetDeflate(true, 4), CodeNotNC4)
	wantCode(t, "chunking on classic", v.SetChunking([]int{1, 2}), CodeNotNC4)
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	_, err = f.DefDim("late", 2)
	wantCode(t, "define in data mode", err, CodeNotInDefine)
	if err := f.ReDef(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DefDim("late", 2); err != nil {
		t.Errorf("DefDim after ReDef: %v", err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Errorf("Sync: %v", err)
	}
}
