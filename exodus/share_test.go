package exodus

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exosh/meshobj"
)

// This file tests the export and import of models whose node and element
// fields share one value array between equal timesteps (see meshobj's
// share.go): the file must hold every timestep's values, exactly as for
// the same model without sharing, and a write through a view of the model
// read back must change that timestep only.

// sharingModel builds two hex8 blocks (block 1: 2x1x1 elements, block 2:
// one element), timesteps 0, 1 and 2.5, node fields disp_x (varies),
// const_n (7.5 everywhere), partial (equal at the first two timesteps),
// element fields eqps (varies) and vol (constant) on both blocks, a node
// set and a side set with fields, and global variables. With shared, each
// node and element field timestep equal to the one before holds that
// timestep's array.
func sharingModel(t *testing.T, shared bool) *meshobj.Model {
	t.Helper()
	m := meshobj.New()
	m.Title, m.HasTitle = "shared timesteps", true
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ok(m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 1}, {0, 1}}, [3]int{2, 1, 1}))
	ok(m.BuildHex8Cube(2, [3][2]float64{{3, 4}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	times := []float64{0, 1, 2.5}
	for _, tv := range times {
		ok(m.CreateTimestep(tv))
	}
	for _, n := range []string{"disp_x", "const_n", "partial"} {
		ok(m.CreateNodeField(n, 0))
	}
	ok(m.CreateElementField("eqps", meshobj.Sel("all"), 0))
	ok(m.CreateElementField("vol", meshobj.Sel("all"), 0))
	ok(m.CreateGlobalVariable("ke", 0))
	ok(m.CreateNodeSet(10, []int32{0, 3, 12, 13}))
	ok(m.CreateNodeSetField("ns_c", meshobj.Sel(10), 0))
	ok(m.CreateSideSet(20, meshobj.SideSetMembers{BlockIDs: []int64{1, 2}, Elems: []int32{0, 0}, Sides: []int32{3, 1}}))
	ok(m.CreateSideSetField("ss_f", meshobj.Sel(20), 0))
	for ti, tv := range times {
		// Fresh arrays, whatever the Create methods did.
		for _, f := range m.NodeFields {
			f.Values[ti] = make([]float64, m.NumNodes())
		}
		for _, b := range m.Blocks {
			for _, f := range b.Fields {
				f.Values[ti] = make([]float64, b.NumElems)
			}
		}
		for n := range m.NumNodes() {
			meshobj.FindField(m.NodeFields, "disp_x").Values[ti][n] = 0.01 * m.Coords[3*n] * tv
			meshobj.FindField(m.NodeFields, "const_n").Values[ti][n] = 7.5
			meshobj.FindField(m.NodeFields, "partial").Values[ti][n] = float64(n) + math.Floor(tv/2)
		}
		for bi, b := range m.Blocks {
			for e := range b.NumElems {
				meshobj.FindField(b.Fields, "eqps").Values[ti][e] = float64(e) + tv + float64(bi)
				meshobj.FindField(b.Fields, "vol").Values[ti][e] = 1 + float64(e) + 10*float64(bi)
			}
		}
		m.GlobalVars[0].Values[ti] = tv * tv
		ns := meshobj.FindField(m.NodeSets[0].Fields, "ns_c").Values[ti]
		for i := range ns {
			ns[i] = -1
		}
		ss := meshobj.FindField(m.SideSets[0].Fields, "ss_f").Values[ti]
		for i := range ss {
			ss[i] = float64(i) + tv
		}
	}
	if shared {
		shareModel(m)
	}
	// CreateTimestep gives the blocks empty reduction rows, which a file
	// read back does not have; the model holds no reduction variables.
	for _, b := range m.Blocks {
		b.RedValues = nil
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

// shareModel makes each node and element field timestep of m whose
// values equal those of the timestep before it hold that timestep's array
// (as meshobj's shareEqual does), and returns how many it changed.
func shareModel(m *meshobj.Model) int {
	n := 0
	share := func(f *meshobj.Field) {
		for ti := 1; ti < len(f.Values); ti++ {
			a, b := f.Values[ti], f.Values[ti-1]
			if len(a) > 0 && &a[0] != &b[0] && equalBits(a, b) {
				f.Values[ti] = b
				n++
			}
		}
	}
	for _, f := range m.NodeFields {
		share(f)
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			share(f)
		}
	}
	return n
}

// equalBits reports whether a and b hold the same bits.
func equalBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// sharedPattern lists, for the fields of sharingModel, which timesteps
// share an array.
func sharedPattern(m *meshobj.Model) map[string][]bool {
	out := map[string][]bool{}
	add := func(label string, f *meshobj.Field) {
		s := make([]bool, len(f.Values))
		for ti := range f.Values {
			s[ti] = f.Shared(ti)
		}
		out[label] = s
	}
	for _, f := range m.NodeFields {
		add("node "+f.Name, f)
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			add(fmt.Sprintf("block %d %s", b.ID, f.Name), f)
		}
	}
	return out
}

// TestShareExportImport exports a model with shared timesteps and reads
// it back: the values read are the model's at every timestep, the file
// equals that of the same model without sharing, and writing through a
// view of the model read back changes one field at one timestep only.
func TestShareExportImport(t *testing.T) {
	dir := t.TempDir()
	sm := sharingModel(t, true)
	um := sharingModel(t, false)
	pat := sharedPattern(sm)
	for label, want := range map[string][]bool{
		"node disp_x":  {false, false, false},
		"node const_n": {true, true, true},
		"node partial": {true, true, false},
		"block 1 eqps": {false, false, false},
		"block 1 vol":  {true, true, true},
		"block 2 vol":  {true, true, true},
		"block 2 eqps": {false, false, false},
	} {
		if fmt.Sprint(pat[label]) != fmt.Sprint(want) {
			t.Fatalf("shared model: %s shares %v, want %v", label, pat[label], want)
		}
	}
	for label, s := range sharedPattern(um) {
		for ti, sh := range s {
			if sh {
				t.Fatalf("unshared model: %s shares at step %d", label, ti)
			}
		}
	}
	requireSameModel(t, "shared against unshared model", um, sm, exactFloats)

	for _, cfg := range []struct {
		name string
		opts *WriteOptions
	}{
		{"default", nil},
		{"classic", &WriteOptions{Format: Classic}},
		{"netcdf4-deflate", &WriteOptions{Format: NetCDF4, Compression: 4}},
	} {
		t.Run(cfg.name, func(t *testing.T) {
			sp := filepath.Join(dir, cfg.name+"-shared.e")
			up := filepath.Join(dir, cfg.name+"-unshared.e")
			if err := Write(sp, sm, cfg.opts); err != nil {
				t.Fatal(err)
			}
			if err := Write(up, um, cfg.opts); err != nil {
				t.Fatal(err)
			}
			// The export left the model as it was.
			requireSameModel(t, "shared model after its export", um, sm, exactFloats)
			if got := fmt.Sprint(sharedPattern(sm)); got != fmt.Sprint(pat) {
				t.Errorf("export changed the sharing of the model: %s, was %s", got, fmt.Sprint(pat))
			}
			sr, err := ReadFile(sp)
			if err != nil {
				t.Fatal(err)
			}
			ur, err := ReadFile(up)
			if err != nil {
				t.Fatal(err)
			}
			requireSameModel(t, "shared model read back", sm, sr, exactFloats)
			requireSameModel(t, "export of the shared model against export of the unshared one", ur, sr, exactFloats)
			if cfg.opts == nil || cfg.opts.Format == Classic {
				// The classic formats hold no time stamp: the two files must be
				// the same bytes.
				sb, err1 := os.ReadFile(sp)
				ub, err2 := os.ReadFile(up)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if !bytes.Equal(sb, ub) {
					t.Errorf("file of the shared model (%d bytes) differs from that of the unshared one (%d bytes)", len(sb), len(ub))
				}
			}
			t.Logf("shared timesteps of the model read back: %v", sharedPattern(sr))
			for _, kind := range []viewKind{viewOwn, viewGet} {
				// The model read from the shared export, against the one
				// read from the unshared export.
				sr, err1 := ReadFile(sp)
				ur, err2 := ReadFile(up)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				checkViewWrites(t, "model read from the shared export", kind, sr, ur)
				// A shared model after its export.
				sm2, um2 := sharingModel(t, true), sharingModel(t, false)
				if err := Write(filepath.Join(t.TempDir(), "again.e"), sm2, cfg.opts); err != nil {
					t.Fatal(err)
				}
				checkViewWrites(t, "shared model after its export", kind, sm2, um2)
			}
		})
	}
}

// viewKind selects the views checkViewWrites writes through.
type viewKind string

const (
	viewOwn viewKind = "Field.Own"
	viewGet viewKind = "Get*FieldValues"
)

// checkViewWrites writes, through each view of the given kind a user gets
// of model m, a marker into one field at one timestep, does the same to ref
// (the same model without sharing), and checks after each write that m
// equals ref: a write that leaks into another timestep or field of m makes
// them differ. It then exports and reads m back again and compares it with
// ref.
func checkViewWrites(t *testing.T, what string, kind viewKind, m, ref *meshobj.Model) {
	t.Helper()
	what += ", writes via " + string(kind)
	type view struct {
		label string
		kind  viewKind
		get   func(m *meshobj.Model, ti int) ([]float64, error)
	}
	var views []view
	for _, f := range m.NodeFields {
		name := f.Name
		views = append(views,
			view{"GetNodeFieldValues " + name, viewGet, func(m *meshobj.Model, ti int) ([]float64, error) {
				return m.GetNodeFieldValues(name, meshobj.Float(m.Timesteps[ti]))
			}},
			view{"node field " + name + " Own", viewOwn, func(m *meshobj.Model, ti int) ([]float64, error) {
				return meshobj.FindField(m.NodeFields, name).Own(ti), nil
			}})
	}
	for _, b := range m.Blocks {
		for _, f := range b.Fields {
			id, name := b.ID, f.Name
			views = append(views,
				view{fmt.Sprintf("GetElementFieldValues %s block %d", name, id), viewGet, func(m *meshobj.Model, ti int) ([]float64, error) {
					return m.GetElementFieldValues(name, meshobj.Int(id), meshobj.Float(m.Timesteps[ti]))
				}},
				view{fmt.Sprintf("block %d element field %s Own", id, name), viewOwn, func(m *meshobj.Model, ti int) ([]float64, error) {
					return meshobj.FindField(m.Block(id).Fields, name).Own(ti), nil
				}})
		}
	}
	for _, s := range m.NodeSets {
		for _, f := range s.Fields {
			id, name := s.ID, f.Name
			views = append(views, view{fmt.Sprintf("GetNodeSetFieldValues %s set %d", name, id), viewGet, func(m *meshobj.Model, ti int) ([]float64, error) {
				return m.GetNodeSetFieldValues(name, meshobj.Int(id), meshobj.Float(m.Timesteps[ti]))
			}})
		}
	}
	for _, s := range m.SideSets {
		for _, f := range s.Fields {
			id, name := s.ID, f.Name
			views = append(views, view{fmt.Sprintf("GetSideSetFieldValues %s set %d", name, id), viewGet, func(m *meshobj.Model, ti int) ([]float64, error) {
				return m.GetSideSetFieldValues(name, meshobj.Int(id), meshobj.Float(m.Timesteps[ti]))
			}})
		}
	}
	seq := 0
	for _, v := range views {
		if v.kind != kind {
			continue
		}
		for ti := range m.Timesteps {
			seq++
			for _, x := range []*meshobj.Model{m, ref} {
				vals, err := v.get(x, ti)
				if err != nil {
					t.Fatalf("%s: %s at step %d: %v", what, v.label, ti, err)
				}
				for i := range vals {
					vals[i] = 1e6 + float64(seq)*100 + float64(i) + 0.5
				}
			}
			if diffs := diffModels(ref, m, exactFloats, 3); len(diffs) > 0 {
				// m has drifted from ref: later writes would only repeat it.
				t.Errorf("%s: write via %s at step %d leaked (the other writes are skipped):\n  %s",
					what, v.label, ti, strings.Join(diffs, "\n  "))
				return
			}
		}
	}
	p := filepath.Join(t.TempDir(), "rewritten.e")
	if err := Write(p, m, nil); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	requireSameModel(t, what+", written through its views, exported and read back", ref, back, exactFloats)
}

// TestShareOpsAcrossExport runs an operation on the shared and the
// unshared model, exports both and reads them back (the two files must
// read the same), makes the equal timesteps of the model read from the
// shared file share again, runs a second operation on both and compares
// them again, then once more after another export and import.
func TestShareOpsAcrossExport(t *testing.T) {
	all := meshobj.Sel("all")
	ops := []struct {
		name string
		fn   func(m *meshobj.Model) error
	}{
		{"CopyTimestep", func(m *meshobj.Model) error { return m.CopyTimestep(meshobj.Float(1), 5) }},
		{"CalculateNodeField", func(m *meshobj.Model) error { return m.CalculateNodeField("const_n = const_n + time") }},
		{"CalculateElementField", func(m *meshobj.Model) error { return m.CalculateElementField("vol = vol * 3", all) }},
		{"ScaleGeometry", func(m *meshobj.Model) error { m.ScaleGeometry(2, meshobj.AdjustYes); return nil }},
		{"DisplaceElementBlocks", func(m *meshobj.Model) error {
			return m.DisplaceElementBlocks(meshobj.Sel(1), [3]float64{1, 2, 3}, meshobj.Sel(1.0), false)
		}},
		{"CalculateElementVolumes", func(m *meshobj.Model) error { return m.CalculateElementVolumes("vol", all) }},
		{"DuplicateElementBlock", func(m *meshobj.Model) error { return m.DuplicateElementBlock(meshobj.Int(1), 3, true) }},
		{"CombineElementBlocks", func(m *meshobj.Model) error { return m.CombineElementBlocks(meshobj.Sel(1, 2), meshobj.Int(1)) }},
		{"DeleteTimesteps", func(m *meshobj.Model) error { return m.DeleteTimesteps(meshobj.Sel(1.0)) }},
		{"CreateInterpolatedTimestep", func(m *meshobj.Model) error {
			return m.CreateInterpolatedTimestep(2, meshobj.InterpolateCubic)
		}},
		{"ConvertElementBlocks", func(m *meshobj.Model) error { return m.ConvertElementBlocks(meshobj.Sel(2), "hex20") }},
		{"MergeNodes after translate", func(m *meshobj.Model) error {
			if err := m.TranslateElementBlocks(meshobj.Sel(2), [3]float64{-1, 0, 0}, true); err != nil {
				return err
			}
			return m.MergeNodes(1e-9, false, true)
		}},
	}
	second := func(m *meshobj.Model) error {
		if err := m.CalculateNodeField("partial = partial + 1"); err != nil {
			return err
		}
		if err := m.CalculateNodeField("const_n = const_n * 2"); err != nil {
			return err
		}
		if err := m.CalculateElementField("vol = vol + 1", all); err != nil {
			return err
		}
		m.ScaleGeometry(0.5, meshobj.AdjustYes)
		return m.CopyTimestep(meshobj.Str("first"), -1)
	}
	errText := func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	roundTrip := func(t *testing.T, m *meshobj.Model, name string) *meshobj.Model {
		t.Helper()
		p := filepath.Join(t.TempDir(), name)
		if err := Write(p, m, nil); err != nil {
			t.Fatal(err)
		}
		back, err := ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			sm, um := sharingModel(t, true), sharingModel(t, false)
			serr, uerr := o.fn(sm), o.fn(um)
			if errText(serr) != errText(uerr) {
				t.Fatalf("%s: shared model error %q, unshared %q", o.name, errText(serr), errText(uerr))
			}
			sr, ur := roundTrip(t, sm, "s.e"), roundTrip(t, um, "u.e")
			if diffs := diffModels(ur, sr, exactFloats, 3); len(diffs) > 0 {
				t.Errorf("%s: exports of the shared and unshared models differ:\n  %s", o.name, strings.Join(diffs, "\n  "))
				return
			}
			if shareModel(sr) == 0 {
				t.Logf("%s: no equal timesteps to share after the import", o.name)
			}
			serr, uerr = second(sr), second(ur)
			if errText(serr) != errText(uerr) {
				t.Fatalf("%s, then the second operations: shared model error %q, unshared %q", o.name, errText(serr), errText(uerr))
			}
			if diffs := diffModels(ur, sr, exactFloats, 3); len(diffs) > 0 {
				t.Errorf("%s, export, import, then the second operations: shared and unshared models differ:\n  %s",
					o.name, strings.Join(diffs, "\n  "))
				return
			}
			requireSameModel(t, o.name+", export, import, second operations, export, import",
				roundTrip(t, ur, "u2.e"), roundTrip(t, sr, "s2.e"), exactFloats)
		})
	}
}
