package exodus

import (
	"errors"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// edits describe how rewriteNC alters a netCDF file while copying it.
type edits struct {
	dropVars  []string                               // variables left out
	addDims   map[string]int                         // extra dimensions
	addVars   []extraVar                             // extra variables
	dropAttrs []string                               // global attributes left out
	dimLen    map[string]int                         // new lengths of fixed dimensions
	varDims   map[string][]string                    // new dimensions of variables
	varType   map[string]netcdf.Type                 // new types of variables
	data      map[string]func(v []float64) []float64 // new numeric data (given the old, resized)
	globalNum map[string]float64                     // global numeric attributes to set (as int)
	attrInt   map[string]map[string]int64            // variable attributes to set (as int)
}

// extraVar is a variable rewriteNC adds, with its data.
type extraVar struct {
	name string
	typ  netcdf.Type
	dims []string
	data []float64
}

// rewriteNC copies the netCDF file src to dst with edits applied, using the
// netcdf layer directly (not the Exodus writer), so tests can make files
// that are valid netCDF but inconsistent Exodus.
func rewriteNC(t *testing.T, src, dst string, e edits) {
	t.Helper()
	in, err := netcdf.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := netcdf.Create(dst, netcdf.Offset64)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	dims, err := in.Dims()
	if err != nil {
		t.Fatal(err)
	}
	nd := map[string]netcdf.Dim{}
	for _, d := range dims {
		var dd netcdf.Dim
		if d.Unlimited {
			dd, err = out.DefUnlimitedDim(d.Name)
		} else {
			n := d.Len
			if l, ok := e.dimLen[d.Name]; ok {
				n = l
			}
			dd, err = out.DefDim(d.Name, n)
		}
		if err != nil {
			t.Fatal(err)
		}
		nd[d.Name] = dd
	}
	for name, n := range e.addDims {
		if _, err := out.DefDim(name, n); err != nil {
			t.Fatal(err)
		}
	}
	copyAttrs := func(from, to netcdf.Var, extra map[string]int64) {
		infos, err := from.Attrs()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range infos {
			if _, ok := extra[a.Name]; ok {
				continue
			}
			if from.Name() == "" && contains(e.dropAttrs, a.Name) {
				continue
			}
			switch {
			case a.Type == netcdf.Char:
				s, _ := from.AttrText(a.Name)
				err = to.PutAttrText(a.Name, s)
			case a.Type == netcdf.Float || a.Type == netcdf.Double:
				f, _ := from.AttrFloat64s(a.Name)
				err = to.PutAttrFloat64s(a.Name, a.Type, f)
			default:
				i, _ := from.AttrInt64s(a.Name)
				err = to.PutAttrInt64s(a.Name, a.Type, i)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		for k, v := range extra {
			if err := to.PutAttrInt64s(k, netcdf.Int, []int64{v}); err != nil {
				t.Fatal(err)
			}
		}
	}
	gextra := map[string]int64{}
	for k, v := range e.globalNum {
		gextra[k] = int64(v)
	}
	copyAttrs(in.Global(), out.Global(), gextra)
	vars, err := in.Vars()
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		info    netcdf.VarInfo
		from    netcdf.Var
		to      netcdf.Var
		shape   []int
		oldType netcdf.Type
	}
	var pairs []pair
	numrecs := 0
	if d, ok, _ := in.Dim(dimTime); ok {
		numrecs = d.Len
	}
	for _, vi := range vars {
		if contains(e.dropVars, vi.Name) {
			continue
		}
		var ds []netcdf.Dim
		names := e.varDims[vi.Name]
		if names == nil {
			for _, d := range vi.Dims {
				names = append(names, d.Name)
			}
		}
		shape := []int{}
		for _, n := range names {
			d, ok := nd[n]
			if !ok {
				t.Fatalf("rewrite: no dimension %s", n)
			}
			ds = append(ds, d)
			if d.Unlimited {
				shape = append(shape, numrecs)
			} else {
				shape = append(shape, d.Len)
			}
		}
		typ := vi.Type
		if nt, ok := e.varType[vi.Name]; ok {
			typ = nt
		}
		to, err := out.DefVar(vi.Name, typ, ds)
		if err != nil {
			t.Fatal(err)
		}
		from, _, _ := in.Var(vi.Name)
		copyAttrs(from, to, e.attrInt[vi.Name])
		pairs = append(pairs, pair{vi, from, to, shape, vi.Type})
	}
	var added []netcdf.Var
	for _, x := range e.addVars {
		var ds []netcdf.Dim
		for _, n := range x.dims {
			ds = append(ds, nd[n])
		}
		v, err := out.DefVar(x.name, x.typ, ds)
		if err != nil {
			t.Fatal(err)
		}
		added = append(added, v)
	}
	if err := out.EndDef(); err != nil {
		t.Fatal(err)
	}
	for i, x := range e.addVars {
		start, count := make([]int, len(x.dims)), make([]int, len(x.dims))
		for k, n := range x.dims {
			count[k] = nd[n].Len
			if nd[n].Unlimited {
				count[k] = numrecs
			}
		}
		if err := added[i].PutFloat64s(start, count, x.data); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pairs {
		n := 1
		for _, s := range p.shape {
			n *= s
		}
		if n == 0 {
			continue
		}
		start := make([]int, len(p.shape))
		oldN := 1
		for _, s := range p.info.Shape {
			oldN *= s
		}
		if p.oldType == netcdf.Char || p.to.Type() == netcdf.Char {
			old := make([]byte, oldN)
			if err := p.from.ReadBytes(old); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, n)
			copy(buf, old)
			if err := p.to.PutBytes(start, p.shape, buf); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old := make([]float64, oldN)
		if err := p.from.ReadFloat64s(old); err != nil {
			t.Fatal(err)
		}
		buf := make([]float64, n)
		copy(buf, old)
		if f, ok := e.data[p.info.Name]; ok {
			buf = f(buf)
		}
		if err := p.to.PutFloat64s(start, p.shape, buf); err != nil {
			t.Fatal(err)
		}
	}
}

func set(i int, x float64) func([]float64) []float64 {
	return func(v []float64) []float64 { v[i] = x; return v }
}

// TestDamagedFiles feeds the reader files that are valid netCDF but
// inconsistent Exodus, made from the scratch model by rewriting it with the
// netcdf layer. Each must give a *FormatError naming the file, the variable
// and the problem, and no model.
func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(good); err != nil {
		t.Fatalf("the undamaged file does not read: %v", err)
	}
	cases := []struct {
		name    string
		e       edits
		varName string
		want    string
		kind    error
	}{
		{"connectivity past num_nodes", edits{data: map[string]func([]float64) []float64{"connect1": set(5, 13)}}, "connect1", "refers to node 13, outside 1..12", ErrRange},
		{"connectivity zero", edits{data: map[string]func([]float64) []float64{"connect2": set(0, 0)}}, "connect2", "refers to node 0", ErrRange},
		{"side past the hex's 6 sides", edits{data: map[string]func([]float64) []float64{"side_ss1": set(1, 7)}}, "side_ss1", "side 7 of element 2 (block 10), want 1..6 for HEX8", ErrRange},
		{"side past the shell's 6 sides", edits{data: map[string]func([]float64) []float64{"side_ss1": set(2, 9)}}, "side_ss1", "want 1..6 for SHELL4", ErrRange},
		{"side zero", edits{data: map[string]func([]float64) []float64{"side_ss1": set(0, 0)}}, "side_ss1", "has side 0", ErrRange},
		{"side-set element out of range", edits{data: map[string]func([]float64) []float64{"elem_ss1": set(0, 4)}}, "elem_ss1", "element 4, outside 1..3", ErrRange},
		{"node-set member out of range", edits{data: map[string]func([]float64) []float64{"node_ns2": set(0, 13)}}, "node_ns2", "node 13, outside 1..12", ErrRange},
		{"node-set member negative", edits{data: map[string]func([]float64) []float64{"node_ns1": set(3, -2)}}, "node_ns1", "node -2", ErrRange},
		{"element truth table of the wrong shape", edits{varDims: map[string][]string{"elem_var_tab": {"num_el_blk", "num_glo_var"}}}, "elem_var_tab", "truth table has shape [3 2], want [3 3]", ErrShape},
		{"node-set truth table of the wrong shape", edits{varDims: map[string][]string{"nset_var_tab": {"num_glo_var", "num_nset_var"}}}, "nset_var_tab", "want [3 1]", ErrShape},
		{"truth table names a missing variable", edits{dropVars: []string{"vals_elem_var2eb2"}}, "vals_elem_var2eb2", "variable is missing", ErrMissing},
		{"element count disagrees with the blocks", edits{dimLen: map[string]int{"num_elem": 4}}, "num_elem", "the blocks hold 3 elements, num_elem says 4", ErrRange},
		{"connectivity of the wrong shape", edits{varDims: map[string][]string{"connect1": {"num_el_in_blk1", "num_nod_per_el2"}}}, "connect1", "has shape [2 4], want [2 8]", ErrShape},
		{"connectivity stored as text", edits{varType: map[string]netcdf.Type{"connect2": netcdf.Char}}, "connect2", "has type char, want integer", ErrShape},
		{"coordinates missing", edits{dropVars: []string{"coordx", "coordy", "coordz"}}, "coordx", "no coordinates", ErrMissing},
		{"nodal variable missing", edits{dropVars: []string{"vals_nod_var2"}}, "vals_nod_var2", "variable is missing", ErrMissing},
		{"element variable over the wrong block", edits{varDims: map[string][]string{"vals_elem_var1eb1": {"time_step", "num_el_in_blk2"}}}, "vals_elem_var1eb1", "has shape [3 1], want [3 2]", ErrShape},
		{"node factors of the wrong length", edits{varDims: map[string][]string{"dist_fact_ns1": {"num_nod_ns2"}}}, "dist_fact_ns1", "has shape [1], want [4]", ErrShape},
		{"duplicate block ids", edits{data: map[string]func([]float64) []float64{"eb_prop1": set(1, 10)}}, "eb_prop1", "element block id 10 is used twice", ErrRange},
		{"time values missing", edits{dropVars: []string{"time_whole"}}, "time_whole", "variable is missing", ErrMissing},
		{"four-dimensional space", edits{dimLen: map[string]int{"num_dim": 4}, varDims: map[string][]string{"coor_names": {"num_dim", "len_name"}}}, "num_dim", "spatial dimension is 4", ErrRange},
		{"bad word size", edits{globalNum: map[string]float64{"floating_point_word_size": 3}}, ":floating_point_word_size", "word size is 3", ErrRange},
		{"assembly id does not match its name", edits{attrInt: map[string]map[string]int64{"assembly_entity100": {"_id": 7}}}, "assembly_entity100", "assembly id 7 does not match", ErrRange},
		{"global values of the wrong shape", edits{varDims: map[string][]string{"vals_glo_var": {"time_step", "num_elem_var"}}}, "vals_glo_var", "has shape", ErrShape},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := filepath.Join(dir, "bad"+string(rune('a'+i))+".e")
			rewriteNC(t, good, bad, c.e)
			m, err := ReadFile(bad)
			if m != nil || err == nil {
				t.Fatalf("got a model (%v) and error %v", m != nil, err)
			}
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Path != bad || fe.Var != c.varName {
				t.Fatalf("error %v: want a FormatError for %s, variable %s", err, bad, c.varName)
			}
			if !strings.Contains(err.Error(), c.want) || !errors.Is(err, c.kind) {
				t.Errorf("error %q: want it to contain %q and wrap %v", err, c.want, c.kind)
			}
			if !strings.HasPrefix(err.Error(), "exodus: "+bad+": "+c.varName+": ") {
				t.Errorf("error %q is not \"exodus: <path>: <var>: <msg>\"", err)
			}
		})
	}
}

// TestNotExodusFiles opens things that are not Exodus files.
func TestNotExodusFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain := filepath.Join(dir, "plain.nc")
	f, err := netcdf.Create(plain, netcdf.Classic)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := f.DefDim("x", 3)
	if _, err := f.DefVar("temperature", netcdf.Double, []netcdf.Dim{x}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 5000)
	rng.Read(random)
	cdfHead := append([]byte("CDF\x02"), random[:200]...)
	cases := []struct {
		name string
		path string
		want string
		kind error
	}{
		{"missing path", filepath.Join(dir, "nope.e"), "no such file or directory", fs.ErrNotExist},
		{"directory", dir, "is a directory", ErrNotExodus},
		{"empty file", write("empty.e", nil), "file is empty", ErrNotExodus},
		{"random bytes", write("random.e", random), "not a netCDF file", nil},
		{"a netCDF magic then garbage", write("cdf.e", cdfHead), "", nil},
		{"text file", write("text.e", []byte("netcdf x {\ndimensions:\n}\n")), "not a netCDF file", nil},
		{"netCDF that is not Exodus", plain, "not an Exodus II file: it has no num_dim dimension", ErrNotExodus},
	}
	for _, c := range cases {
		m, err := ReadFile(c.path)
		if m != nil || err == nil {
			t.Errorf("%s: got a model and error %v", c.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "exodus: "+c.path+": ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q, want \"exodus: %s: ...%s...\"", c.name, err, c.path, c.want)
		}
		if c.kind != nil && !errors.Is(err, c.kind) {
			t.Errorf("%s: error %v does not wrap %v", c.name, err, c.kind)
		}
	}
}

// TestTruncatedFiles cuts every shared test file (and a netCDF-4 copy) at
// many offsets, from inside the header to the last byte: every cut must be
// reported as an error naming the file, never read as a model.
func TestTruncatedFiles(t *testing.T) {
	dir := t.TempDir()
	srcs := testFiles(t)
	nc4 := filepath.Join(dir, "cube.nc4")
	toNetCDF4(t, testFile(t, "cube.g"), nc4)
	srcs = append(srcs, nc4)
	for _, src := range srcs {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		offsets := []int{1, 3, 4, 8, 16, 100, 1000, len(data) / 2, len(data) - 1}
		for k := 1; k < 24; k++ {
			offsets = append(offsets, len(data)*k/24)
		}
		for _, off := range offsets {
			if off <= 0 || off >= len(data) {
				continue
			}
			p := filepath.Join(dir, "cut-"+filepath.Base(src))
			if err := os.WriteFile(p, data[:off], 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := ReadFile(p)
			if err == nil || m != nil {
				t.Errorf("%s cut at %d of %d bytes: read without error", filepath.Base(src), off, len(data))
				continue
			}
			if !strings.HasPrefix(err.Error(), "exodus: "+p+": ") {
				t.Errorf("%s cut at %d: error %q does not name the file", filepath.Base(src), off, err)
			}
			if strings.HasSuffix(src, ".g") && off > 8<<10 && !errors.Is(err, ErrTruncated) {
				t.Errorf("%s cut at %d: error %v is not ErrTruncated", filepath.Base(src), off, err)
			}
		}
	}
}

// TestReadNeverHalfFills makes sure a failure late in Read (after blocks and
// nodes were read) still returns no model.
func TestReadNeverHalfFills(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.e")
	rewriteNC(t, good, bad, edits{data: map[string]func([]float64) []float64{"side_ss1": set(2, 40)}})
	r, err := Open(bad)
	if err != nil {
		t.Fatal(err) // the structure is fine; the fault is in the data
	}
	defer r.Close()
	m, err := r.Read(nil)
	if m != nil || err == nil {
		t.Fatalf("model %v, error %v", m != nil, err)
	}
	// the same reader still reads what is valid
	m, err = r.Read(&Selection{SideSets: []int64{}})
	if err != nil || len(m.Blocks) != 3 {
		t.Fatalf("selective read after a failure: %v", err)
	}
}

// TestIgnoredFeatures checks that features the model does not carry are
// listed in Contents.Ignored, and that the rest of the file still reads.
func TestIgnoredFeatures(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range append(testFiles(t), good) {
		r, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if ig := r.Contents().Ignored; len(ig) != 0 {
			t.Errorf("%s: ignored %v, want nothing", filepath.Base(p), ig)
		}
		r.Close()
	}
	extra := filepath.Join(dir, "extra.e")
	rewriteNC(t, good, extra, edits{addDims: map[string]int{"num_elem_sets": 1, "num_att_in_nblk": 2, "num_att_in_ss1": 1}})
	r, err := Open(extra)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := []string{"element sets", "nodal attributes", "side set attributes"}
	if got := r.Contents().Ignored; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("ignored %v, want %v", got, want)
	}
	m, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	// the added dimensions are carried as read
	if m.Carried == nil || len(m.Carried.Dims) != 3 || !slices.ContainsFunc(m.Carried.Dims, func(d meshobj.RawDim) bool { return d == meshobj.RawDim{Name: "num_att_in_nblk", Len: 2} }) {
		t.Errorf("carried %+v, want the 3 added dimensions", m.Carried)
	}
	m.Carried = nil
	requireSameModel(t, "file with ignored features", smallModel(), m, exactFloats)
}

// TestOldLayout reads a file in the old "normal model" layout (file_size 0:
// coordinates in one coord(num_dim, num_nodes) array and nodal variables in
// one vals_nod_var(time_step, num_nod_var, num_nodes) array), made from the
// scratch model by rewriting; wholly and partially.
func TestOldLayout(t *testing.T) {
	dir := t.TempDir()
	want := smallModel()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, want, nil); err != nil {
		t.Fatal(err)
	}
	nn := want.NumNodes()
	var coord, vals []float64
	for d := range 3 {
		for i := range nn {
			coord = append(coord, want.Coords[3*i+d])
		}
	}
	for ts := range want.Timesteps {
		for _, f := range want.NodeFields {
			vals = append(vals, f.Values[ts]...)
		}
	}
	old := filepath.Join(dir, "old.e")
	rewriteNC(t, good, old, edits{
		dropVars:  []string{"coordx", "coordy", "coordz", "vals_nod_var1", "vals_nod_var2"},
		globalNum: map[string]float64{"file_size": 0},
		addVars: []extraVar{
			{"coord", netcdf.Double, []string{"num_dim", "num_nodes"}, coord},
			{"vals_nod_var", netcdf.Double, []string{"time_step", "num_nod_var", "num_nodes"}, vals},
		},
	})
	r, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Contents().LargeModel {
		t.Error("file_size 0 reported as large model")
	}
	got, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	requireSameModel(t, "old layout", want, got, exactFloats)
	part, err := r.Read(&Selection{Blocks: []int64{20}, Timesteps: []int{2}, NodeFields: []string{"disp_x"}})
	if err != nil {
		t.Fatal(err)
	}
	// the shell uses nodes 6, 7, 9, 10
	for i, n := range []int{6, 7, 9, 10} {
		if part.Coords[3*i+2] != want.Coords[3*n+2] || part.NodeFields[0].Values[0][i] != want.NodeFields[1].Values[2][n] {
			t.Errorf("node %d (file node %d): z %v, disp_x %v; want %v, %v", i, n, part.Coords[3*i+2], part.NodeFields[0].Values[0][i], want.Coords[3*n+2], want.NodeFields[1].Values[2][n])
		}
	}
}

// TestTolerantReading drops what libexodus treats as optional: truth tables
// (variables are then found by name), status arrays (all present), entity
// names, and the maximum_name_length, int64_status and version attributes.
func TestTolerantReading(t *testing.T) {
	dir := t.TempDir()
	want := smallModel()
	good := filepath.Join(dir, "good.e")
	if err := Write(good, want, nil); err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(dir, "bare.e")
	rewriteNC(t, good, bare, edits{
		dropVars:  []string{"elem_var_tab", "nset_var_tab", "sset_var_tab", "eb_status", "ns_status", "ss_status", "ns_names", "coor_names"},
		dropAttrs: []string{"maximum_name_length", "int64_status", "api_version", "version", "title"},
	})
	r, err := Open(bare)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c := r.Contents()
	if c.Int64Status != 0 || c.MaxNameLength != 0 || c.APIVersion != 0 || c.HasTitle {
		t.Errorf("absent attributes read as %d, %d, %v, %v", c.Int64Status, c.MaxNameLength, c.APIVersion, c.HasTitle)
	}
	got, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	want.Title, want.HasTitle = "", false
	want.CoordNames = nil
	for _, s := range want.NodeSets {
		s.Name = ""
	}
	requireSameModel(t, "file without optional parts", want, got, exactFloats)
}
