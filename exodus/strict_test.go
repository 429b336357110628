package exodus

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// This file holds the strict round-trip test at the netCDF level: after an
// import and an export with no change (the path import_model and
// export_model take: Read, ImportModel into an empty model, Subset of
// everything, one more QA record, Write), every variable, dimension and
// Exodus attribute of the input comes back.
//
// The allowed differences, each with its reason:
//   - qa_records / num_qa_rec: the export adds one QA record (as exomerge
//     does); the input's records come back first, unchanged.
//   - len_name, len_string, len_line (and so the last dimension of every text
//     array): the writer uses libexodus's widths (256 for names, stored over
//     len_name even where an old writer used len_string); text is compared
//     row by row with its padding (trailing NULs and blanks) removed.
//   - time_step: a fixed-length time dimension (libMesh writes some) comes
//     back as the unlimited one; its length is the same.
//   - api_version, version: the writer states the library version it
//     follows (9.06). maximum_name_length: recomputed from the names stored.
//     floating_point_word_size and the real arrays' type: written as double
//     (values compare equal). int64_status: written from what the model needs.
//   - Variables the old "normal model" layout has (coord, vals_nod_var) come
//     back in the large-model layout; no shared file uses it.
//   - _FillValue of text arrays: a netCDF fill setting, not Exodus data.

// ncSnapshot is what the test compares of a netCDF file.
type ncSnapshot struct {
	dims  map[string]int
	vars  map[string]*ncVarSnap
	order []string
	gatts map[string]string
}

type ncVarSnap struct {
	typ   netcdf.Type
	dims  []string
	shape []int
	ints  []int64
	reals []float64
	text  []byte
	atts  map[string]string
}

func snapshot(t *testing.T, path string) *ncSnapshot {
	t.Helper()
	f, err := netcdf.Open(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	s := &ncSnapshot{dims: map[string]int{}, vars: map[string]*ncVarSnap{}, gatts: map[string]string{}}
	dims, err := f.Dims()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dims {
		s.dims[d.Name] = d.Len
	}
	attrs := func(v netcdf.Var) map[string]string {
		out := map[string]string{}
		infos, err := v.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range infos {
			switch {
			case a.Type == netcdf.Char:
				txt, err := v.AttrText(a.Name)
				if err != nil {
					t.Fatal(err)
				}
				out[a.Name] = strings.TrimRight(txt, "\x00 ")
			case a.Type == netcdf.Float || a.Type == netcdf.Double:
				x, err := v.AttrFloat64s(a.Name)
				if err != nil {
					t.Fatal(err)
				}
				out[a.Name] = fmt.Sprint(x)
			default:
				x, err := v.AttrInt64s(a.Name)
				if err != nil {
					t.Fatal(err)
				}
				out[a.Name] = fmt.Sprint(x)
			}
		}
		return out
	}
	s.gatts = attrs(f.Global())
	vars, err := f.Vars()
	if err != nil {
		t.Fatal(err)
	}
	for _, vi := range vars {
		v, _, err := f.Var(vi.Name)
		if err != nil {
			t.Fatal(err)
		}
		vs := &ncVarSnap{typ: vi.Type, shape: vi.Shape, atts: attrs(v)}
		n := 1
		for _, d := range vi.Dims {
			vs.dims = append(vs.dims, d.Name)
		}
		for _, x := range vi.Shape {
			n *= x
		}
		switch {
		case vi.Type == netcdf.Char:
			vs.text = make([]byte, n)
			if n > 0 {
				err = v.ReadBytes(vs.text)
			}
		case vi.Type == netcdf.Float || vi.Type == netcdf.Double:
			vs.reals = make([]float64, n)
			if n > 0 {
				err = v.ReadFloat64s(vs.reals)
			}
		default:
			vs.ints = make([]int64, n)
			if n > 0 {
				err = v.ReadInt64s(vs.ints)
			}
		}
		if err != nil {
			t.Fatalf("%s: %s: %v", path, vi.Name, err)
		}
		s.vars[vi.Name] = vs
		s.order = append(s.order, vi.Name)
	}
	return s
}

// textRows splits a text array into its rows with padding removed.
func textRows(v *ncVarSnap) []string {
	w := 1
	if len(v.shape) > 0 {
		w = v.shape[len(v.shape)-1]
	}
	if w == 0 {
		return nil
	}
	var out []string
	for i := 0; i+w <= len(v.text); i += w {
		out = append(out, string(bytes.TrimRight(v.text[i:i+w], "\x00 ")))
	}
	return out
}

var (
	// width dimensions whose length may differ (text padding, name length)
	strictWidthDims = []string{"len_name", "len_string", "len_line"}
	// global attributes whose value the writer sets itself
	strictOwnGlobals = []string{"api_version", "version", "maximum_name_length", "floating_point_word_size", "int64_status"}
	// old-layout variables that come back in the large-model layout
	strictOldLayout = []string{"coord", "vals_nod_var"}
)

// compareStrict reports every way out fails to return in; skip names
// variables an operation changed on purpose.
func compareStrict(in, out *ncSnapshot, skip ...string) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for name, n := range in.dims {
		m, ok := out.dims[name]
		switch {
		case slices.Contains(strictWidthDims, name):
		case name == "num_qa_rec":
			if m != n+1 {
				bad("dimension %s: %d, want %d (one more QA record)", name, m, n+1)
			}
		case !ok:
			bad("dimension %s is missing", name)
		case m != n:
			bad("dimension %s: %d, want %d", name, m, n)
		}
	}
	for _, name := range in.order {
		if slices.Contains(strictOldLayout, name) || slices.Contains(skip, name) {
			continue
		}
		a := in.vars[name]
		b, ok := out.vars[name]
		if !ok {
			bad("variable %s is missing", name)
			continue
		}
		if len(a.dims) != len(b.dims) {
			bad("variable %s: dimensions %v, want %v", name, b.dims, a.dims)
			continue
		}
		for i := range a.dims {
			last := i == len(a.dims)-1
			textWidth := a.typ == netcdf.Char && last && slices.Contains(strictWidthDims, a.dims[i]) && slices.Contains(strictWidthDims, b.dims[i])
			if a.dims[i] != b.dims[i] && !textWidth {
				bad("variable %s: dimension %d is %s, want %s", name, i, b.dims[i], a.dims[i])
			}
			if textWidth {
				continue
			}
			if a.dims[i] == "num_qa_rec" {
				continue
			}
			if a.shape[i] != b.shape[i] {
				bad("variable %s: shape %v, want %v", name, b.shape, a.shape)
			}
		}
		switch {
		case a.typ == netcdf.Char:
			ra, rb := textRows(a), textRows(b)
			if name == "qa_records" && len(rb) >= len(ra) {
				rb = rb[:len(ra)]
			}
			if !slices.Equal(ra, rb) {
				bad("variable %s: text %q, want %q", name, clip(rb), clip(ra))
			}
		case a.reals != nil:
			if b.reals == nil || len(a.reals) != len(b.reals) {
				bad("variable %s: %d real values (type %s), want %d", name, len(b.reals), b.typ, len(a.reals))
				continue
			}
			for i := range a.reals {
				x, y := a.reals[i], b.reals[i]
				if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
					bad("variable %s: value %d is %v, want %v", name, i, y, x)
					break
				}
			}
		default:
			if !slices.Equal(a.ints, b.ints) {
				bad("variable %s: values %v, want %v", name, clipI(b.ints), clipI(a.ints))
			}
		}
		for att, val := range a.atts {
			if att == "_FillValue" && a.typ == netcdf.Char {
				continue
			}
			got, ok := b.atts[att]
			if !ok {
				bad("attribute %s:%s is missing", name, att)
			} else if got != val {
				bad("attribute %s:%s is %q, want %q", name, att, got, val)
			}
		}
	}
	for att, val := range in.gatts {
		got, ok := out.gatts[att]
		switch {
		case !ok:
			bad("global attribute %s is missing", att)
		case slices.Contains(strictOwnGlobals, att):
		case got != val:
			bad("global attribute %s is %q, want %q", att, got, val)
		}
	}
	sort.Strings(errs)
	return errs
}

func clip(s []string) []string {
	if len(s) > 6 {
		return append(s[:6:6], "...")
	}
	return s
}

func clipI(s []int64) []int64 {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// strictFiles returns every shared Exodus file: testdata and
// meshes-libmesh.
func strictFiles(t *testing.T) []string {
	files := testFiles(t)
	lm, _ := filepath.Glob(filepath.Join(sharedDir(t), "meshes-libmesh", "*.e"))
	if len(lm) != 32 {
		t.Fatalf("found %d files in meshes-libmesh, want 32", len(lm))
	}
	return append(files, lm...)
}

// exportUnchanged imports path as import_model does, applies op (if any)
// and exports as export_model does, to out. Warnings fail the test unless
// allowWarn.
func exportUnchanged(t *testing.T, path, out string, op func(*meshobj.Model) error) {
	t.Helper()
	src, err := ReadFile(path)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	m := meshobj.New()
	m.Warn = func(w meshobj.Warning) { t.Errorf("warning: %s", w) }
	all := meshobj.DefaultImportSelection()
	all.Filename = path
	if err := m.ImportModel(src, all); err != nil {
		t.Fatalf("import: %v", err)
	}
	if op != nil {
		if err := op(m); err != nil {
			t.Fatalf("operation: %v", err)
		}
	}
	sub, err := m.Subset(meshobj.DefaultExportSelection())
	if err != nil {
		t.Fatal(err)
	}
	sub.QARecords = append(sub.QARecords, meshobj.ExosQARecord("test", time.Unix(0, 0)))
	if err := Write(out, sub, nil); err != nil {
		t.Fatalf("export: %v", err)
	}
}

// TestStrictRoundTrip: every shared file, and its netCDF-4 copy, comes back
// at the netCDF level after an import and an export with no change.
func TestStrictRoundTrip(t *testing.T) {
	nccopy := needTool(t, "nccopy")
	dir := t.TempDir()
	for _, path := range strictFiles(t) {
		base := filepath.Base(path)
		nc4 := filepath.Join(dir, "nc4-"+base)
		if out, err := exec.Command(nccopy, "-k", "nc4", path, nc4).CombinedOutput(); err != nil {
			t.Fatalf("nccopy %s: %v\n%s", base, err, out)
		}
		for _, in := range []string{path, nc4} {
			name := filepath.Base(in)
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(dir, "out-"+name)
				exportUnchanged(t, in, out, nil)
				for _, e := range compareStrict(snapshot(t, in), snapshot(t, out)) {
					t.Error(e)
				}
			})
		}
	}
}

// TestStrictUntouchedFeature: an operation that touches nothing of the
// carried features (renaming an element block) leaves them, and everything
// else but the renamed name, as they were.
func TestStrictUntouchedFeature(t *testing.T) {
	dir := t.TempDir()
	for _, base := range []string{"mesh_with_low_order_edge_blocks.e", "two_quads_two_blocks.e", "PlateWithHole_Patch8.e"} {
		t.Run(base, func(t *testing.T) {
			in := filepath.Join(sharedDir(t), "meshes-libmesh", base)
			out := filepath.Join(dir, base)
			exportUnchanged(t, in, out, func(m *meshobj.Model) error {
				if m.Carried.Empty() {
					return fmt.Errorf("nothing carried")
				}
				if len(m.NodeFields) > 0 {
					return m.RenameNodeField(m.NodeFields[0].Name, "renamed_field")
				}
				return m.RenameElementBlock(meshobj.Int(m.Blocks[0].ID), meshobj.Str("renamed_block"))
			})
			a, b := snapshot(t, in), snapshot(t, out)
			for _, e := range compareStrict(a, b, "eb_names", "name_nod_var") {
				t.Error(e)
			}
			for _, v := range []string{"ebconn1", "blob_entity1", "nattrb", "vals_blob_var1blob1"} {
				if _, ok := a.vars[v]; ok {
					if _, ok := b.vars[v]; !ok {
						t.Errorf("%s is missing", v)
					}
				}
			}
		})
	}
}

// TestVariableAttributes: user attributes on the model's own variables
// (coordx:units, time_whole:units, name_nod_var:...) come back.
func TestVariableAttributes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "attrs.e")
	rewriteNC(t, good, in, edits{attrInt: map[string]map[string]int64{
		"coordx":       {"units_code": 7},
		"time_whole":   {"seconds": 1},
		"name_nod_var": {"version": 3},
	}})
	out := filepath.Join(dir, "out.e")
	exportUnchanged(t, in, out, nil)
	a, b := snapshot(t, in), snapshot(t, out)
	for _, e := range compareStrict(a, b) {
		t.Error(e)
	}
	if got := b.vars["coordx"].atts["units_code"]; got != "[7]" {
		t.Errorf("coordx:units_code is %q, want [7]", got)
	}
}
