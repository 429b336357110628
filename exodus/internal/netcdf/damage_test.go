package netcdf

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cdfBuilder writes a CDF-1 header by hand, to craft files libnetcdf would
// never write.
type cdfBuilder struct{ b []byte }

func (c *cdfBuilder) u32(v uint32) { c.b = binary.BigEndian.AppendUint32(c.b, v) }

func (c *cdfBuilder) name(s string) {
	c.u32(uint32(len(s)))
	c.b = append(c.b, s...)
	for len(c.b)%4 != 0 {
		c.b = append(c.b, 0)
	}
}

// craftCDF1 returns a CDF-1 file with one dimension dim (length 2), a global
// int attribute gatt, and one int variable v over dim with data 1, 2.
func craftCDF1(dim, gatt, v string) []byte {
	c := &cdfBuilder{b: []byte("CDF\x01")}
	c.u32(0)                    // numrecs
	c.u32(cdfTagDimension)      // dim_list
	c.u32(1)                    // one dimension
	c.name(dim)                 //
	c.u32(2)                    // its length
	c.u32(cdfTagAttribute)      // gatt_list
	c.u32(1)                    // one attribute
	c.name(gatt)                //
	c.u32(uint32(Int))          // nc_type
	c.u32(1)                    // one value
	c.u32(42)                   //
	c.u32(cdfTagVariable)       // var_list
	c.u32(1)                    // one variable
	c.name(v)                   //
	c.u32(1)                    // rank 1
	c.u32(0)                    // dimid 0
	c.u32(0)                    // no attributes (ABSENT)
	c.u32(0)                    //
	c.u32(uint32(Int))          // nc_type
	c.u32(8)                    // vsize
	c.u32(uint32(len(c.b)) + 4) // begin: right after this field
	c.u32(1)                    // data
	c.u32(2)                    //
	return c.b
}

// TestCraftedClassicHeaders checks that classic files with names longer
// than NC_MAX_NAME or a shifted header are refused before libnetcdf reads
// them (libnetcdf accepts both and then overruns name buffers or misreads),
// while the same layout with legal names opens and reads correctly.
func TestCraftedClassicHeaders(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 5000)
	max := strings.Repeat("m", 256)
	two, err := os.ReadFile(testdata(t, "2block1.g"))
	if err != nil {
		t.Fatal(err)
	}
	shifted := append(append([]byte{}, two[:42]...), two[44:]...) // two header bytes lost
	for _, c := range []struct {
		name string
		data []byte
		code int // 0: must open
	}{
		{"legal names", craftCDF1("n", "att", "v"), 0},
		{"names of exactly NC_MAX_NAME", craftCDF1(max, max, max), 0},
		{"long dimension name", craftCDF1(long, "att", "v"), CodeMaxName},
		{"long attribute name", craftCDF1("n", long, "v"), CodeMaxName},
		{"long variable name", craftCDF1("n", "att", "x"+max), CodeMaxName},
		{"shifted header", shifted, CodeNotNC},
		{"NUL in a name", craftCDF1("n\x00x", "att", "v"), CodeNotNC},
		{"data cut", craftCDF1("n", "att", "v")[:len(craftCDF1("n", "att", "v"))-4], CodeTruncated},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".nc")
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if c.code != 0 {
			if err == nil {
				f.Close()
				t.Errorf("%s: opened", c.name)
				continue
			}
			wantCode(t, c.name, err, c.code)
			wantErrorFields(t, c.name, err, "open", path, "")
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		dims, err := f.Dims()
		if err != nil || len(dims) != 1 || dims[0].Len != 2 {
			t.Errorf("%s: Dims = %+v, %v", c.name, dims, err)
		}
		vars, err := f.Vars()
		if err != nil || len(vars) != 1 {
			t.Fatalf("%s: Vars = %+v, %v", c.name, vars, err)
		}
		v := mustVar(t, f, vars[0].Name)
		got := make([]int32, 2)
		if err := v.ReadInt32s(got); err != nil || got[0] != 1 || got[1] != 2 {
			t.Errorf("%s: data = %v, %v", c.name, got, err)
		}
		attrs, err := f.Global().Attrs()
		if err != nil || len(attrs) != 1 {
			t.Fatalf("%s: Attrs = %+v, %v", c.name, attrs, err)
		}
		if a, err := f.Global().AttrInt64s(attrs[0].Name); err != nil || a[0] != 42 {
			t.Errorf("%s: attribute = %v, %v", c.name, a, err)
		}
		f.Close()
	}
}

// TestLongHDF5AttributeNames reads testdata/long-attr-names.h5, a plain HDF5
// file (made with the HDF5 C API, not libnetcdf) whose dataset has a
// 399-character name and which carries a 399-character attribute name on the
// dataset and on the root group. libnetcdf keeps only 256 bytes of the
// variable name, without a terminating NUL, so nc_inq_varname returns them
// followed by heap garbage; the package cuts variable and dimension names at
// NC_MAX_NAME. nc_inq_attname returns the attribute names whole, longer than
// an NC_MAX_NAME+1 buffer (hence the package's 64 KiB name buffer), and
// libnetcdf then refuses to look them up by name, so listing attributes must
// fail cleanly with CodeMaxName.
func TestLongHDF5AttributeNames(t *testing.T) {
	// First leave a long name in the package's name buffer, so that stale
	// bytes would show if the buffer were not cleared between calls.
	polluter := filepath.Join(t.TempDir(), "polluter.nc")
	if err := os.WriteFile(polluter, craftCDF1(strings.Repeat("m", 256), "a", "v"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := mustOpen(t, polluter).Dims(); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join("testdata", "long-attr-names.h5")
	f := mustOpen(t, path)
	if f.Format() != NetCDF4 {
		t.Errorf("Format = %v", f.Format())
	}
	for range 3 {
		vars, err := f.Vars()
		if err != nil || len(vars) != 1 {
			t.Fatalf("Vars = %v, %v", vars, err)
		}
		if vars[0].Name != strings.Repeat("y", 256) || vars[0].Type != Double || vars[0].Shape[0] != 3 {
			t.Errorf("variable = %q %v %v", vars[0].Name, vars[0].Type, vars[0].Shape)
		}
	}
	g := f.Global()
	_, err := g.Attrs()
	wantCode(t, "global Attrs", err, CodeMaxName)
	wantErrorFields(t, "global Attrs", err, "inquire attributes of", path, "")
	_, err = g.AttrInt64s(strings.Repeat("a", 399))
	wantCode(t, "long attribute by name", err, CodeMaxName)
}

// TestDamagedFilesNeverCrash flips, increments and deletes bytes throughout
// the header region of real classic files and throughout a netCDF-4 file,
// then opens and fully reads each result: every outcome must be success or
// an *Error, never a crash, and no HDF5 diagnostics may reach stderr.
func TestDamagedFilesNeverCrash(t *testing.T) {
	dir := t.TempDir()
	stderr := captureStderr(t)
	sources := []string{testdata(t, "2block1.g"), testdata(t, "exodus.g"), testdata(t, "test-assembly.exo")}
	for _, format := range []Format{CDF5, NetCDF4} {
		p := filepath.Join(dir, format.String()+".nc")
		makeSmallFile(t, p, format, 1000)
		sources = append(sources, p)
	}
	for _, source := range sources {
		name := filepath.Base(source)
		src, err := os.ReadFile(source)
		if err != nil {
			t.Fatal(err)
		}
		opened, refused := 0, 0
		step, limit := 7, min(2000, len(src)) // classic: the header region
		if strings.HasSuffix(name, "netCDF-4.nc") {
			step, limit = 23, len(src) // HDF5 metadata is spread over the file
		}
		for i := 4; i < limit; i += step {
			for _, mut := range []func([]byte) []byte{
				func(b []byte) []byte { b[i] ^= 0xff; return b },
				func(b []byte) []byte { b[i]++; return b },
				func(b []byte) []byte { return append(b[:i:i], b[i+1:]...) },
			} {
				data := mut(append([]byte{}, src...))
				path := filepath.Join(dir, "damaged.nc")
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				f, err := Open(path)
				if err != nil {
					var e *Error
					if !errors.As(err, &e) {
						t.Fatalf("%s byte %d: %v is not *Error", name, i, err)
					}
					refused++
					continue
				}
				opened++
				readEverything(t, f)
				f.Close()
			}
		}
		t.Logf("%s: %d damaged copies opened, %d refused", name, opened, refused)
	}
	if out := stderr(); strings.Contains(out, "HDF5") {
		t.Errorf("HDF5 diagnostics on stderr:\n%.2000s", out)
	}
}

// readEverything reads all dimensions, variables, attributes and data of f,
// failing only on errors that are not *Error.
func readEverything(t *testing.T, f *File) {
	t.Helper()
	check := func(err error) {
		t.Helper()
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("%v is not *Error", err)
		}
	}
	_, err := f.Dims()
	check(err)
	vars, err := f.Vars()
	check(err)
	_, err = f.Global().Attrs()
	check(err)
	for _, vi := range vars {
		v, ok, err := f.Var(vi.Name)
		check(err)
		if !ok {
			continue
		}
		attrs, err := v.Attrs()
		check(err)
		for _, a := range attrs {
			if a.Type == Char {
				_, err = v.AttrText(a.Name)
			} else {
				_, err = v.AttrFloat64s(a.Name)
			}
			check(err)
		}
		n, err := v.Len()
		check(err)
		if err != nil || n > 1<<24 {
			continue
		}
		if vi.Type == Char {
			check(v.ReadBytes(make([]byte, n)))
		} else {
			check(v.ReadFloat64s(make([]float64, n)))
		}
	}
}
