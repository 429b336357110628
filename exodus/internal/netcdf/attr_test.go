package netcdf

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// attrInts are values that fit every integer type.
var attrInts = []int64{0, 1, 100, 7}

// TestAttributes writes attributes of every type on a variable and on
// NC_GLOBAL in every format, reopens the file and reads them back through
// every accessor.
func TestAttributes(t *testing.T) {
	for _, format := range allFormats {
		t.Run(format.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "attr.nc")
			f, err := Create(path, format)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, _ := f.DefDim("n", 2)
			v, err := f.DefVar("connect1", Int, []Dim{d})
			if err != nil {
				t.Fatal(err)
			}
			var want []AttrInfo
			for _, target := range []Var{v, f.Global()} {
				want = want[:0]
				put := func(name string, typ Type, n int, err error) {
					t.Helper()
					if err != nil {
						t.Fatalf("put %s %s: %v", name, typ, err)
					}
					want = append(want, AttrInfo{Name: name, Type: typ, Len: n})
				}
				put("title", Char, 11, target.PutAttrText("title", "mesh title\x00"))
				put("empty_text", Char, 0, target.PutAttrText("empty_text", ""))
				for _, tc := range numericCases {
					if !extended(format) && tc.t >= UByte {
						err := target.PutAttrInt64s("a_"+tc.t.String(), tc.t, attrInts)
						if err == nil {
							t.Errorf("%s attribute in %s: no error", tc.t, format)
						}
						wantErrorFields(t, "bad attr type", err, "put attribute", path, target.Name()+":a_"+tc.t.String())
						continue
					}
					put("a_"+tc.t.String(), tc.t, len(attrInts), target.PutAttrInt64s("a_"+tc.t.String(), tc.t, attrInts))
				}
				put("api_version", Float, 1, target.PutAttrFloat64s("api_version", Float, []float64{9.06}))
				put("last_written_time", Double, 2, target.PutAttrFloat64s("last_written_time", Double, []float64{0.1, -3e300}))
				put("empty_ints", Int, 0, target.PutAttrInt64s("empty_ints", Int, nil))
				// Replacing keeps the position and takes the new type and length.
				put("replaced", Short, 1, target.PutAttrInt64s("replaced", Int, []int64{1, 2, 3}))
				want = want[:len(want)-1]
				put("replaced", Short, 1, target.PutAttrInt64s("replaced", Short, []int64{-4}))

				// Bad puts.
				err := target.PutAttrInt64s("toobig", Byte, []int64{300})
				if !errors.Is(err, ErrRange) {
					t.Errorf("300 as byte attribute: %v, want ErrRange", err)
				}
				want = append(want, AttrInfo{Name: "toobig", Type: Byte, Len: 1}) // libnetcdf stores it anyway
				wantCode(t, "int attr as Char", target.PutAttrInt64s("x", Char, []int64{1}), CodeBadType)
				wantCode(t, "float attr as Int", target.PutAttrFloat64s("x", Int, []float64{1}), CodeBadType)
				if !errors.Is(target.PutAttrFloat64s("x", Float, []float64{1e300}), ErrRange) {
					t.Error("1e300 as float attribute: want ErrRange")
				}
				want = append(want, AttrInfo{Name: "x", Type: Float, Len: 1})
			}
			if err := f.EndDef(); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}

			g := mustOpen(t, path)
			for _, target := range []Var{mustVar(t, g, "connect1"), g.Global()} {
				label := "var " + target.Name()
				if target.Name() == "" {
					label = "global"
				}
				got, err := target.Attrs()
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: Attrs\n got %v\nwant %v", label, got, want)
				}
				for _, a := range want {
					info, ok, err := target.Attr(a.Name)
					if err != nil || !ok || info != a {
						t.Errorf("%s: Attr(%s) = %+v %v %v, want %+v", label, a.Name, info, ok, err, a)
					}
				}
				if text, err := target.AttrText("title"); err != nil || text != "mesh title" {
					t.Errorf("%s: title = %q, %v; want NULs stripped", label, text, err)
				}
				if text, err := target.AttrText("empty_text"); err != nil || text != "" {
					t.Errorf("%s: empty_text = %q, %v", label, text, err)
				}
				for _, tc := range numericCases {
					if !extended(format) && tc.t >= UByte {
						continue
					}
					name := "a_" + tc.t.String()
					i64, err := target.AttrInt64s(name)
					if err != nil || !slices.Equal(i64, attrInts) {
						t.Errorf("%s: %s as int64 = %v, %v", label, name, i64, err)
					}
					f64, err := target.AttrFloat64s(name)
					if err != nil || fmt.Sprint(f64) != fmt.Sprint(attrInts) {
						t.Errorf("%s: %s as float64 = %v, %v", label, name, f64, err)
					}
				}
				if av, err := target.AttrFloat64s("api_version"); err != nil || len(av) != 1 || av[0] != float64(float32(9.06)) {
					t.Errorf("%s: api_version = %v, %v", label, av, err)
				}
				if lw, err := target.AttrFloat64s("last_written_time"); err != nil || !slices.Equal(lw, []float64{0.1, -3e300}) {
					t.Errorf("%s: last_written_time = %v, %v", label, lw, err)
				}
				if lw, err := target.AttrInt64s("last_written_time"); !errors.Is(err, ErrRange) {
					t.Errorf("%s: -3e300 as int64 = %v, %v; want ErrRange", label, lw, err)
				}
				if e, err := target.AttrInt64s("empty_ints"); err != nil || e == nil || len(e) != 0 {
					t.Errorf("%s: empty_ints = %#v, %v; want empty non-nil", label, e, err)
				}
				if r, err := target.AttrInt64s("replaced"); err != nil || !slices.Equal(r, []int64{-4}) {
					t.Errorf("%s: replaced = %v, %v", label, r, err)
				}
				// Absent and mistyped.
				if _, ok, err := target.Attr("nope"); ok || err != nil {
					t.Errorf("%s: Attr(nope) = %v, %v; want absent", label, ok, err)
				}
				_, err = target.AttrText("nope")
				wantCode(t, label+" AttrText(nope)", err, CodeNotAttr)
				wantErrorFields(t, label+" AttrText(nope)", err, "get attribute", path, target.Name()+":nope")
				_, err = target.AttrText("a_int")
				wantCode(t, label+" AttrText(a_int)", err, CodeChar)
				_, err = target.AttrInt64s("title")
				wantCode(t, label+" AttrInt64s(title)", err, CodeChar)
				_, err = target.AttrFloat64s("title")
				wantCode(t, label+" AttrFloat64s(title)", err, CodeChar)
				// The file is read-only now.
				wantCode(t, label+" put on read-only", target.PutAttrText("title", "x"), CodePermission)
			}
		})
	}
}

// TestStringAttribute checks that a netCDF-4 single-string attribute reads
// as text. Such attributes are written by other tools (python netCDF4 writes
// str attributes as NC_STRING in netCDF-4 files).
func TestStringAttribute(t *testing.T) {
	python := "/usr/bin/python3"
	path := filepath.Join(t.TempDir(), "str.nc")
	script := `import sys, netCDF4
d = netCDF4.Dataset(sys.argv[1], "w", format="NETCDF4")
d.setncattr_string("units", "meters")
d.setncattr_string("multi", ["a", "b"])
d.close()`
	if err := runPython(python, script, path); err != nil {
		t.Skipf("python3-netcdf4 unavailable: %v", err)
	}
	f := mustOpen(t, path)
	g := f.Global()
	if a, ok, err := g.Attr("units"); err != nil || !ok || a.Type != String || a.Len != 1 {
		t.Errorf("Attr(units) = %+v, %v, %v", a, ok, err)
	}
	if s, err := g.AttrText("units"); err != nil || s != "meters" {
		t.Errorf("AttrText(units) = %q, %v", s, err)
	}
	_, err := g.AttrText("multi")
	wantCode(t, "two strings as text", err, CodeChar)
}
