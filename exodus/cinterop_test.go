package exodus

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"exosh/meshobj"
)

// The C interop test: every file exosh writes is read by the Exodus C
// library users link against (libexodusii, installed by make setup) through
// a small C program (testdata/cexo/dump.c, compiled here with gcc), whose
// canonical dump must equal the one this file builds from exosh's own
// reading of the same file: the model for element blocks, node and side
// sets and their variables, and the carried data for edge and face blocks
// and edge, face and element sets.

// buildCDump compiles the C dump program against libexodusii.
func buildCDump(t *testing.T) string {
	t.Helper()
	gcc := needTool(t, "gcc")
	if _, err := os.Stat("/usr/include/exodusII.h"); err != nil {
		t.Fatalf("libexodusii-dev is not installed (run make setup): %v", err)
	}
	bin := filepath.Join(t.TempDir(), "cexo-dump")
	out, err := exec.Command(gcc, "-O1", "-o", bin, filepath.Join("testdata", "cexo", "dump.c"), "-lexoIIv2c", "-lnetcdf", "-lm").CombinedOutput()
	if err != nil {
		t.Fatalf("compiling dump.c: %v\n%s", err, out)
	}
	return bin
}

// cfmt formats a real as C's %.17g does.
func cfmt(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsNaN(x):
		return "nan"
	}
	return strconv.FormatFloat(x, 'g', 17, 64)
}

type dumper struct{ bytes.Buffer }

func (d *dumper) line(format string, args ...any) { fmt.Fprintf(&d.Buffer, format+"\n", args...) }

func (d *dumper) ints(label string, v []int64) {
	d.WriteString(label)
	for _, x := range v {
		fmt.Fprintf(&d.Buffer, " %d", x)
	}
	d.WriteString("\n")
}

func (d *dumper) reals(label string, v []float64) {
	d.WriteString(label)
	for _, x := range v {
		d.WriteString(" " + cfmt(x))
	}
	d.WriteString("\n")
}

// carriedView looks up carried variables and dimensions by name.
type carriedView struct {
	vars map[string]*meshobj.RawVar
	dims map[string]int
}

func viewCarried(c *meshobj.Carried) *carriedView {
	v := &carriedView{vars: map[string]*meshobj.RawVar{}, dims: map[string]int{}}
	if c == nil {
		return v
	}
	for _, rv := range c.Vars {
		v.vars[rv.Name] = rv
		for _, d := range rv.Dims {
			v.dims[d.Name] = d.Len
		}
	}
	for _, d := range c.Dims {
		v.dims[d.Name] = d.Len
	}
	return v
}

func (v *carriedView) names(name string, n int) []string {
	out := make([]string, n)
	rv := v.vars[name]
	if rv == nil || len(rv.Dims) == 0 {
		return out
	}
	w := rv.Dims[len(rv.Dims)-1].Len
	for i := range out {
		if (i+1)*w <= len(rv.Text) {
			out[i] = trimName(rv.Text[i*w : (i+1)*w])
		}
	}
	return out
}

func (v *carriedView) attrText(name, att string) string {
	if rv := v.vars[name]; rv != nil {
		for _, a := range rv.Attrs {
			if a.Name == att {
				return trimName([]byte(a.Text))
			}
		}
	}
	return ""
}

// goDump builds the canonical dump of a file from exosh's reading of it.
func goDump(t *testing.T, path string) string {
	t.Helper()
	m, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cv := viewCarried(m.Carried)
	var d dumper
	d.line("title %s", m.Title)
	d.line("dim %d nodes %d elems %d edges %d faces %d", m.NumDim, m.NumNodes(), m.NumElems(), cv.dims["num_edge"], cv.dims["num_face"])
	d.line("blocks %d %d %d sets %d %d %d %d %d", len(m.Blocks), cv.dims["num_ed_blk"], cv.dims["num_fa_blk"],
		len(m.NodeSets), cv.dims["num_edge_sets"], cv.dims["num_face_sets"], len(m.SideSets), cv.dims["num_elem_sets"])
	elemOff := map[int64]int64{}
	off := int64(0)
	for _, b := range m.Blocks {
		elemOff[b.ID] = off
		off += int64(b.NumElems)
		npe := b.NodesPerElem
		if b.NumElems == 0 {
			npe = 0
		}
		d.line("element block %d name '%s' type '%s' entries %d nodes %d attributes %d", b.ID, b.Name, b.Type, b.NumElems, npe, b.NumAttr)
		if b.NumElems > 0 && npe > 0 {
			conn := make([]int64, len(b.Conn))
			for i, n := range b.Conn {
				conn[i] = int64(n) + 1
			}
			d.ints("  conn", conn)
		}
	}
	// carried edge and face blocks
	type carriedKind struct {
		label, count, ids, names, conn, attDim string
	}
	for _, k := range []carriedKind{
		{"edge block", "num_ed_blk", "ed_prop1", "ed_names", "ebconn", "num_att_in_eblk"},
		{"face block", "num_fa_blk", "fa_prop1", "fa_names", "fbconn", "num_att_in_fblk"},
	} {
		n := cv.dims[k.count]
		var ids []int64
		if rv := cv.vars[k.ids]; rv != nil {
			ids = rv.Ints
		}
		names := cv.names(k.names, n)
		for i := range n {
			slot := i + 1
			conn := cv.vars[fmt.Sprintf("%s%d", k.conn, slot)]
			ne, npe := 0, 0
			typ := "NULL"
			if conn != nil {
				ne, npe = conn.Dims[0].Len, conn.Dims[1].Len
				typ = cv.attrText(conn.Name, "elem_type")
			}
			d.line("%s %d name '%s' type '%s' entries %d nodes %d attributes %d", k.label, ids[i], names[i], typ, ne, npe, cv.dims[fmt.Sprintf("%s%d", k.attDim, slot)])
			if ne > 0 && npe > 0 {
				d.ints("  conn", conn.Ints)
			}
		}
	}
	// sets, in the C dump's order: node, edge, face, side, element
	for _, s := range m.NodeSets {
		d.line("node set %d name '%s' entries %d factors %d", s.ID, s.Name, len(s.Members), len(s.DistFactors))
		if len(s.Members) > 0 {
			mem := make([]int64, len(s.Members))
			for i, n := range s.Members {
				mem[i] = int64(n) + 1
			}
			d.ints("  entries", mem)
		}
		if len(s.DistFactors) > 0 {
			d.reals("  factors", s.DistFactors)
		}
	}
	// dfDim, when set, names the dimension libexodus takes the factor count
	// from (num_df_es%d, num_df_fs%d, num_df_els%d: the C library reports
	// no factors for an edge, face or element set without it, even one it
	// wrote itself)
	carriedSets := func(label, count, ids, names, entries, extra, dfs, dfDim string) {
		n := cv.dims[count]
		var idv []int64
		if rv := cv.vars[ids]; rv != nil {
			idv = rv.Ints
		}
		nm := cv.names(names, n)
		for i := range n {
			slot := i + 1
			ent := cv.vars[fmt.Sprintf("%s%d", entries, slot)]
			df := cv.vars[fmt.Sprintf("%s%d", dfs, slot)]
			ne, ndf := 0, 0
			if ent != nil {
				ne = len(ent.Ints)
			}
			if df != nil {
				ndf = len(df.Floats)
			}
			if dfDim != "" {
				ndf = cv.dims[fmt.Sprintf("%s%d", dfDim, slot)]
			}
			d.line("%s %d name '%s' entries %d factors %d", label, idv[i], nm[i], ne, ndf)
			if ne > 0 {
				d.ints("  entries", ent.Ints)
				if extra != "" {
					if x := cv.vars[fmt.Sprintf("%s%d", extra, slot)]; x != nil {
						d.ints("  extra", x.Ints)
					} else {
						d.ints("  extra", make([]int64, ne))
					}
				}
			}
			if ndf > 0 {
				d.reals("  factors", df.Floats)
			}
		}
	}
	carriedSets("edge set", "num_edge_sets", "es_prop1", "es_names", "edge_es", "ornt_es", "dist_fact_es", "num_df_es")
	carriedSets("face set", "num_face_sets", "fs_prop1", "fs_names", "face_fs", "ornt_fs", "dist_fact_fs", "num_df_fs")
	for _, s := range m.SideSets {
		d.line("side set %d name '%s' entries %d factors %d", s.ID, s.Name, len(s.Elems), len(s.DistFactors))
		if len(s.Elems) > 0 {
			el, sd := make([]int64, len(s.Elems)), make([]int64, len(s.Elems))
			for i := range s.Elems {
				el[i] = elemOff[s.BlockIDs[i]] + int64(s.Elems[i]) + 1
				sd[i] = int64(s.Sides[i]) + 1
			}
			d.ints("  entries", el)
			d.ints("  extra", sd)
		}
		if len(s.DistFactors) > 0 {
			d.reals("  factors", s.DistFactors)
		}
	}
	carriedSets("element set", "num_elem_sets", "els_prop1", "els_names", "elem_els", "", "dist_fact_els", "num_df_els")

	// variables
	nt := len(m.Timesteps)
	d.line("steps %d", nt)
	quoted := func(names []string) string {
		var b strings.Builder
		for _, n := range names {
			b.WriteString(" '" + n + "'")
		}
		return b.String()
	}
	if len(m.GlobalVars) > 0 {
		var names []string
		for _, g := range m.GlobalVars {
			names = append(names, g.Name)
		}
		d.line("global variables%s", quoted(names))
		for t := range nt {
			row := make([]float64, len(m.GlobalVars))
			for j, g := range m.GlobalVars {
				row[j] = g.Values[t]
			}
			d.reals(fmt.Sprintf("  step %d", t+1), row)
		}
	}
	if len(m.NodeFields) > 0 {
		d.line("nodal variables%s", quoted(meshobj.FieldNames(m.NodeFields)))
		for t := range nt {
			for j, f := range m.NodeFields {
				d.reals(fmt.Sprintf("  step %d var %d", t+1, j+1), f.Values[t])
			}
		}
	}
	type ent struct {
		id     int64
		n      int
		fields []*meshobj.Field
	}
	modelVars := func(label string, order []string, ents []ent) {
		if len(order) == 0 {
			return
		}
		d.line("%s variables%s", label, quoted(order))
		for _, e := range ents {
			row := make([]int64, len(order))
			for j, n := range order {
				if e.n > 0 && meshobj.FindField(e.fields, n) != nil {
					row[j] = 1
				}
			}
			d.ints("  truth", row)
		}
		for _, e := range ents {
			if e.n == 0 {
				continue
			}
			for j, n := range order {
				f := meshobj.FindField(e.fields, n)
				if f == nil {
					continue
				}
				for t := range nt {
					d.reals(fmt.Sprintf("  entity %d var %d step %d", e.id, j+1, t+1), f.Values[t])
				}
			}
		}
	}
	carriedVars := func(label, names, count, tab, vals, tag, entCount string, sizeOf func(slot int) int, ids []int64) {
		nv := cv.dims[count]
		if nv == 0 {
			return
		}
		d.line("%s variables%s", label, quoted(cv.names(names, nv)))
		ne := cv.dims[entCount]
		tv := cv.vars[tab]
		for i := range ne {
			row := make([]int64, nv)
			for j := range nv {
				if tv != nil {
					row[j] = tv.Ints[i*nv+j]
				} else if cv.vars[fmt.Sprintf("%s%d%s%d", vals, j+1, tag, i+1)] != nil {
					row[j] = 1
				}
			}
			d.ints("  truth", row)
		}
		for i := range ne {
			n := sizeOf(i + 1)
			for j := range nv {
				rv := cv.vars[fmt.Sprintf("%s%d%s%d", vals, j+1, tag, i+1)]
				if rv == nil || n == 0 {
					continue
				}
				for t := range nt {
					d.reals(fmt.Sprintf("  entity %d var %d step %d", ids[i], j+1, t+1), rv.Floats[t*n:(t+1)*n])
				}
			}
		}
	}
	idsOf := func(name string) []int64 {
		if rv := cv.vars[name]; rv != nil {
			return rv.Ints
		}
		return nil
	}
	dimOf := func(format string) func(int) int {
		return func(slot int) int { return cv.dims[fmt.Sprintf(format, slot)] }
	}
	var ents []ent
	for _, b := range m.Blocks {
		ents = append(ents, ent{b.ID, b.NumElems, b.Fields})
	}
	modelVars("element", m.ElemFieldOrder, ents)
	carriedVars("edge", "name_edge_var", "num_edge_var", "edge_var_tab", "vals_edge_var", "eb", "num_ed_blk", dimOf("num_ed_in_blk%d"), idsOf("ed_prop1"))
	carriedVars("face", "name_face_var", "num_face_var", "face_var_tab", "vals_face_var", "fb", "num_fa_blk", dimOf("num_fa_in_blk%d"), idsOf("fa_prop1"))
	ents = ents[:0]
	for _, s := range m.NodeSets {
		ents = append(ents, ent{s.ID, len(s.Members), s.Fields})
	}
	modelVars("node set", m.NodeSetFieldOrder, ents)
	carriedVars("edge set", "name_eset_var", "num_eset_var", "eset_var_tab", "vals_eset_var", "es", "num_edge_sets", dimOf("num_edge_es%d"), idsOf("es_prop1"))
	carriedVars("face set", "name_fset_var", "num_fset_var", "fset_var_tab", "vals_fset_var", "fs", "num_face_sets", dimOf("num_face_fs%d"), idsOf("fs_prop1"))
	ents = ents[:0]
	for _, s := range m.SideSets {
		ents = append(ents, ent{s.ID, len(s.Elems), s.Fields})
	}
	modelVars("side set", m.SideSetFieldOrder, ents)
	carriedVars("element set", "name_elset_var", "num_elset_var", "elset_var_tab", "vals_elset_var", "es", "num_elem_sets", dimOf("num_ele_els%d"), idsOf("els_prop1"))
	return d.String()
}

// TestCInterop: the C library reads every file exosh writes (the round trip
// of every shared file and the scratch model) as exosh does, and reads the
// round trip of each shared file as it reads the original.
func TestCInterop(t *testing.T) {
	bin := buildCDump(t)
	dir := t.TempDir()
	scratch := filepath.Join(dir, "scratch.e")
	if err := Write(scratch, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	outs := []string{scratch}
	source := map[string]string{}
	for _, in := range strictFiles(t) {
		out := filepath.Join(dir, filepath.Base(in))
		exportUnchanged(t, in, out, nil)
		outs = append(outs, out)
		source[out] = in
	}
	for _, out := range outs {
		t.Run(filepath.Base(out), func(t *testing.T) {
			c, err := exec.Command(bin, out).Output()
			if err != nil {
				t.Fatalf("C dump: %v", err)
			}
			if in := source[out]; in != "" {
				orig, err := exec.Command(bin, in).Output()
				if err != nil {
					t.Fatalf("C dump of the original: %v", err)
				}
				if string(orig) != string(c) {
					t.Errorf("the C library reads the written file differently from the original")
				}
			}
			g := goDump(t, out)
			if string(c) != g {
				cl, gl := strings.Split(string(c), "\n"), strings.Split(g, "\n")
				for i := range min(len(cl), len(gl)) {
					if cl[i] != gl[i] {
						t.Fatalf("dumps differ at line %d:\n  C:  %.300s\n  Go: %.300s", i+1, cl[i], gl[i])
					}
				}
				t.Fatalf("dumps differ in length: C %d lines, Go %d", len(cl), len(gl))
			}
		})
	}
}

// makeEveryKind writes, with the C library (testdata/cexo/make.c), a file
// holding every entity kind Exodus has, and returns its path.
func makeEveryKind(t *testing.T) string {
	t.Helper()
	gcc := needTool(t, "gcc")
	dir := t.TempDir()
	bin := filepath.Join(dir, "cexo-make")
	out, err := exec.Command(gcc, "-O1", "-o", bin, filepath.Join("testdata", "cexo", "make.c"), "-lexoIIv2c", "-lnetcdf", "-lm").CombinedOutput()
	if err != nil {
		t.Fatalf("compiling make.c: %v\n%s", err, out)
	}
	path := filepath.Join(dir, "every-kind.e")
	if out, err := exec.Command(bin, path).CombinedOutput(); err != nil {
		t.Fatalf("make: %v\n%s", err, out)
	}
	return path
}

// TestEveryEntityKind: a file the C library wrote with edge and face
// blocks, every set kind, extra maps, a coordinate frame, a nodal attribute
// and variables on every entity kind comes back from a round trip at the
// netCDF level (and as a netCDF-4 copy), and the C library reads the
// written file as it read the original and as exosh does; an operation
// touching none of it (renaming the node field) keeps it.
func TestEveryEntityKind(t *testing.T) {
	in := makeEveryKind(t)
	dump := buildCDump(t)
	nc4 := filepath.Join(t.TempDir(), "every-kind-nc4.e")
	if out, err := exec.Command(needTool(t, "nccopy"), "-k", "nc4", in, nc4).CombinedOutput(); err != nil {
		t.Fatalf("nccopy: %v\n%s", err, out)
	}
	cdump := func(path string) string {
		out, err := exec.Command(dump, path).Output()
		if err != nil {
			t.Fatalf("C dump of %s: %v", path, err)
		}
		return string(out)
	}
	want := cdump(in)
	for _, c := range []string{"edge block 100", "face block 200", "edge set 2", "face set 3", "element set 5", "edge variables 'flow'", "element set variables 'els_v'"} {
		if !strings.Contains(want, c) {
			t.Fatalf("the C-made file lacks %q:\n%s", c, want)
		}
	}
	for _, src := range []string{in, nc4} {
		out := filepath.Join(t.TempDir(), "out.e")
		exportUnchanged(t, src, out, nil)
		for _, e := range compareStrict(snapshot(t, src), snapshot(t, out)) {
			t.Errorf("%s: %s", filepath.Base(src), e)
		}
		if got := cdump(out); got != want {
			t.Errorf("%s: the C library reads the written file differently:\n%s\nwant\n%s", filepath.Base(src), got, want)
		}
		if g := goDump(t, out); g != want {
			t.Errorf("%s: exosh's dump differs from the C library's:\n%s\nwant\n%s", filepath.Base(src), g, want)
		}
	}
	// with 4-byte reals, carried real data follow the word size
	m, err := ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	float := filepath.Join(t.TempDir(), "float.e")
	if err := Write(float, m, &WriteOptions{WordSize: 4, Format: NetCDF4}); err != nil {
		t.Fatal(err)
	}
	if got := cdump(float); got != want {
		t.Errorf("4-byte reals: the C library reads the written file differently:\n%s\nwant\n%s", got, want)
	}
	out := filepath.Join(t.TempDir(), "renamed.e")
	exportUnchanged(t, in, out, func(m *meshobj.Model) error { return m.RenameNodeField("temp", "temperature") })
	for _, e := range compareStrict(snapshot(t, in), snapshot(t, out), "name_nod_var") {
		t.Errorf("after renaming the node field: %s", e)
	}
}
