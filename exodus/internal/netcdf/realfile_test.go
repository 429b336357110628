package netcdf

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestExomergeUnitTestFile checks values of the shared Exodus file
// exomerge_unit_test.e that are known from its producer (and visible with
// ncdump): sizes, a connectivity shape, the time values and attributes.
func TestExomergeUnitTestFile(t *testing.T) {
	path := testdata(t, "exomerge_unit_test.e")
	f := mustOpen(t, path)
	if f.Format() != Offset64 || f.Path() != path {
		t.Errorf("Format, Path = %v, %q; want 64-bit offset, %q", f.Format(), f.Path(), path)
	}
	for _, c := range []struct {
		name  string
		len   int
		unlim bool
	}{
		{"num_nodes", 2185, false},
		{"num_elem", 1300, false},
		{"num_el_blk", 5, false},
		{"num_dim", 3, false},
		{"len_name", 33, false},
		{"time_step", 5, true},
		{"num_elem_var", 79, false},
	} {
		d, ok, err := f.Dim(c.name)
		if err != nil || !ok || d.Name != c.name || d.Len != c.len || d.Unlimited != c.unlim {
			t.Errorf("Dim(%q) = %+v, %v, %v; want len %d unlimited %v", c.name, d, ok, err, c.len, c.unlim)
		}
	}
	if _, ok, err := f.Dim("num_edge"); ok || err != nil {
		t.Errorf("Dim(num_edge) = ok %v, err %v; want absent", ok, err)
	}
	if _, ok, err := f.Var("coord"); ok || err != nil {
		t.Errorf("Var(coord) = ok %v, err %v; want absent", ok, err)
	}

	conn := mustVar(t, f, "connect1")
	info, err := conn.Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.Type != Int || !slices.Equal(info.Shape, []int{200, 8}) ||
		info.Dims[0].Name != "num_el_in_blk1" || info.Dims[1].Name != "num_nod_per_el1" {
		t.Errorf("connect1 info = %+v, want int [200 8] over num_el_in_blk1, num_nod_per_el1", info)
	}
	if n, err := conn.Len(); n != 1600 || err != nil {
		t.Errorf("connect1 Len = %d, %v", n, err)
	}
	c := make([]int32, 1600)
	if err := conn.ReadInt32s(c); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c[:8], []int32{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("connect1 first element = %v", c[:8])
	}
	if lo, hi := slices.Min(c), slices.Max(c); lo < 1 || hi > 2185 {
		t.Errorf("connect1 node indices span %d..%d, want within 1..2185", lo, hi)
	}
	last := make([]int64, 8)
	if err := conn.GetInt64s([]int{199, 0}, []int{1, 8}, last); err != nil {
		t.Fatal(err)
	}
	for i := range last {
		if last[i] != int64(c[199*8+i]) {
			t.Errorf("connect1 last row via int64 = %v, via int32 %v", last, c[199*8:])
			break
		}
	}
	if et, err := conn.AttrText("elem_type"); err != nil || et != "hex8" {
		t.Errorf("connect1:elem_type = %q, %v; want hex8", et, err)
	}

	tw := mustVar(t, f, "time_whole")
	times := make([]float64, 5)
	if err := tw.ReadFloat64s(times); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(times, []float64{0, 0.01, 0.02, 0.03, 0.04}) {
		t.Errorf("time_whole = %v", times)
	}

	g := f.Global()
	if ws, err := g.AttrInt64s("floating_point_word_size"); err != nil || !slices.Equal(ws, []int64{8}) {
		t.Errorf(":floating_point_word_size = %v, %v", ws, err)
	}
	if av, err := g.AttrFloat64s("api_version"); err != nil || len(av) != 1 || float32(av[0]) != float32(5.15) {
		t.Errorf(":api_version = %v, %v; want float 5.15", av, err)
	}
	if a, ok, err := g.Attr("title"); err != nil || !ok || a.Type != Char || a.Len == 0 {
		t.Errorf("Attr(title) = %+v, %v, %v", a, ok, err)
	}
	names := make([]byte, 5*33)
	eb := mustVar(t, f, "eb_names")
	if err := eb.ReadBytes(names); err != nil {
		t.Fatal(err)
	}
	ids := make([]int32, 5)
	if err := mustVar(t, f, "eb_prop1").ReadInt32s(ids); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(ids, 0) {
		t.Errorf("eb_prop1 = %v, ids must be non-zero", ids)
	}

	// Errors on a real file name the file and the variable.
	err = conn.GetInt32s([]int{200, 0}, []int{1, 8}, make([]int32, 8))
	wantCode(t, "read past connect1", err, CodeInvalidCoords)
	want := fmt.Sprintf(`netcdf: get "connect1" in %s: NetCDF: Index exceeds dimension bound`, path)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error text %q, want prefix %q", err, want)
	}
}

// TestSharedFilesAgainstNcdump compares, for every shared test file, the
// dimensions, variables and all numeric data read through this package with
// what ncdump (an independent reader of the same library) prints.
func TestSharedFilesAgainstNcdump(t *testing.T) {
	ncdump, err := exec.LookPath("ncdump")
	if err != nil {
		t.Skip("ncdump not installed (Debian netcdf-bin)")
	}
	paths, err := filepath.Glob(filepath.Join(sharedDir(t), "testdata", "*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no shared test files: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := mustOpen(t, path)
			kind, err := exec.Command(ncdump, "-k", path).Output()
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Format().String(); got != strings.TrimSpace(string(kind)) {
				t.Errorf("Format %q, ncdump -k %q", got, strings.TrimSpace(string(kind)))
			}
			header, err := exec.Command(ncdump, "-h", path).Output()
			if err != nil {
				t.Fatal(err)
			}
			wantDims, wantVars := parseCDLHeader(t, header)
			dims, err := f.Dims()
			if err != nil {
				t.Fatal(err)
			}
			var gotDims []string
			for _, d := range dims {
				gotDims = append(gotDims, fmt.Sprintf("%s=%d/%v", d.Name, d.Len, d.Unlimited))
			}
			if !slices.Equal(gotDims, wantDims) {
				t.Errorf("dims\n got %v\nwant %v", gotDims, wantDims)
			}
			vars, err := f.Vars()
			if err != nil {
				t.Fatal(err)
			}
			var gotVars, numeric []string
			for _, v := range vars {
				var dn []string
				for _, d := range v.Dims {
					dn = append(dn, d.Name)
				}
				gotVars = append(gotVars, fmt.Sprintf("%s %s(%s)", v.Type, v.Name, strings.Join(dn, ", ")))
				if v.Type.Numeric() {
					numeric = append(numeric, v.Name)
				}
			}
			if !slices.Equal(gotVars, wantVars) {
				t.Errorf("vars\n got %v\nwant %v", gotVars, wantVars)
			}
			if len(numeric) == 0 {
				return
			}
			out, err := exec.Command(ncdump, "-p", "9,17", "-v", strings.Join(numeric, ","), path).Output()
			if err != nil {
				t.Fatal(err)
			}
			data := parseCDLData(t, out)
			compared := 0
			for _, name := range numeric {
				want, ok := data[name]
				if !ok {
					t.Errorf("%s: not in ncdump output", name)
					continue
				}
				v := mustVar(t, f, name)
				n, err := v.Len()
				if err != nil {
					t.Fatal(err)
				}
				got := make([]float64, n)
				if err := v.ReadFloat64s(got); err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if len(want) != n {
					t.Errorf("%s: %d values, ncdump %d", name, n, len(want))
					continue
				}
				isFloat := v.Type() == Float
				for i, w := range want {
					if w == "_" { // fill value
						continue
					}
					x, err := strconv.ParseFloat(w, 64)
					if err != nil {
						t.Fatalf("%s: ncdump value %q: %v", name, w, err)
					}
					if isFloat {
						x = float64(float32(x))
					}
					if got[i] != x && !(math.IsNaN(got[i]) && math.IsNaN(x)) {
						t.Errorf("%s[%d] = %v, ncdump %s", name, i, got[i], w)
						break
					}
					compared++
				}
			}
			if compared == 0 {
				t.Errorf("no values compared")
			}
		})
	}
}

var (
	cdlDimRe = regexp.MustCompile(`^\t(\S+) = (UNLIMITED ; // \((\d+) currently\)|(\d+) ;)$`)
	cdlVarRe = regexp.MustCompile(`^\t(\w+) (\S+?)(\((.*)\))? ;$`)
)

// parseCDLHeader extracts dimensions ("name=len/unlimited") and variables
// ("type name(dim, dim)") from ncdump -h output.
func parseCDLHeader(t *testing.T, out []byte) (dims, vars []string) {
	t.Helper()
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch line {
		case "dimensions:", "variables:":
			section = line
			continue
		}
		if strings.HasPrefix(line, "// global attributes") || line == "}" {
			section = ""
		}
		if line == "" {
			continue
		}
		switch section {
		case "dimensions:":
			m := cdlDimRe.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("dimension line %q", line)
			}
			if m[3] != "" {
				dims = append(dims, fmt.Sprintf("%s=%s/true", m[1], m[3]))
			} else {
				dims = append(dims, fmt.Sprintf("%s=%s/false", m[1], m[4]))
			}
		case "variables:":
			if strings.HasPrefix(line, "\t\t") {
				continue // attribute
			}
			m := cdlVarRe.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("variable line %q", line)
			}
			vars = append(vars, fmt.Sprintf("%s %s(%s)", m[1], m[2], m[4]))
		}
	}
	return dims, vars
}

// parseCDLData splits the data section of ncdump output (numeric variables
// only) into the value tokens of each variable.
func parseCDLData(t *testing.T, out []byte) map[string][]string {
	t.Helper()
	i := bytes.Index(out, []byte("\ndata:\n"))
	if i < 0 {
		t.Fatal("no data section in ncdump output")
	}
	data := map[string][]string{}
	for _, entry := range strings.Split(string(out[i+7:]), ";") {
		name, vals, ok := strings.Cut(entry, "=")
		if !ok {
			continue
		}
		var toks []string
		for _, tok := range strings.Split(vals, ",") {
			if tok = strings.TrimSpace(tok); tok != "" {
				toks = append(toks, tok)
			}
		}
		data[strings.TrimSpace(name)] = toks
	}
	return data
}

// TestOpenErrors checks that everything that is not a readable netCDF file
// gives an *Error naming the path, never a crash or a silent success.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	src, err := os.ReadFile(testdata(t, "exomerge_unit_test.e"))
	if err != nil {
		t.Fatal(err)
	}
	nc4 := filepath.Join(dir, "good4.nc")
	makeSmallFile(t, nc4, NetCDF4, 10000)
	nc4data, err := os.ReadFile(nc4)
	if err != nil {
		t.Fatal(err)
	}
	cdf5 := filepath.Join(dir, "good5.nc")
	makeSmallFile(t, cdf5, CDF5, 10000)
	cdf5data, err := os.ReadFile(cdf5)
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "subdir")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		path string
		code int // 0: any *Error
	}{
		{"missing", filepath.Join(dir, "nope.e"), 2 /* ENOENT */},
		{"directory", sub, CodeNotNC},
		{"empty", write("empty.e", nil), CodeNotNC},
		{"text", write("text.e", []byte("this is not a netCDF file\n")), CodeNotNC},
		{"magic only", write("magic.e", []byte("CDF\x02")), 0},
		{"header cut", write("hdr.e", src[:2000]), 0},
		{"data cut (classic CDF-2)", write("data.e", src[:len(src)/2]), CodeTruncated},
		{"last byte cut", write("last.e", src[:len(src)-1]), CodeTruncated},
		{"cdf5 data cut", write("cut5.nc", cdf5data[:len(cdf5data)-100]), CodeTruncated},
		{"hdf5 cut", write("cut4.nc", nc4data[:len(nc4data)/2]), 0},
		{"hdf5 signature only", write("sig4.nc", nc4data[:8]), 0},
	} {
		f, err := Open(c.path)
		if err == nil {
			f.Close()
			t.Errorf("%s: Open succeeded", c.name)
			continue
		}
		wantErrorFields(t, c.name, err, "open", c.path, "")
		if c.code != 0 {
			wantCode(t, c.name, err, c.code)
		}
		if !strings.HasPrefix(err.Error(), "netcdf: open "+c.path+": ") {
			t.Errorf("%s: error text %q", c.name, err)
		}
	}
	// The untruncated originals open fine.
	for _, p := range []string{nc4, cdf5} {
		f, err := Open(p)
		if err != nil {
			t.Errorf("open %s: %v", p, err)
			continue
		}
		f.Close()
	}
}

// makeSmallFile writes a file with one double variable of n values i*0.5.
func makeSmallFile(t testing.TB, path string, format Format, n int) {
	t.Helper()
	f, err := Create(path, format)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.DefDim("n", n)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.DefVar("x", Double, []Dim{d})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		t.Fatal(err)
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = float64(i) * 0.5
	}
	if err := v.WriteFloat64s(vals); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
