package tests

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"exosh/exodus"
	"exosh/meshobj"
)

// Area D cuts (threshold_element_blocks, convert_side_set_to_cohesive_zone)
// end to end: scripts run by the exosh binary, the files they export read
// back by exosh's reader and by Python's netCDF4.

// cutNetcdfCounts has /usr/bin/python3 with netCDF4 report a file's counts:
// nodes, elements, and per block (in file order) its id, element count and
// type, and per node set its id and size. The test is skipped when Python
// or netCDF4 is missing, except in CI.
func cutNetcdfCounts(t *testing.T, path string) map[string]any {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import netCDF4").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s with netCDF4 is not available in CI: %v", py, err)
		}
		t.Skipf("%s with netCDF4 is not available: %v", py, err)
	}
	script := `
import json, sys, netCDF4
d = netCDF4.Dataset(sys.argv[1])
dims = d.dimensions
out = {"nodes": len(dims["num_nodes"]), "elems": len(dims["num_elem"]) if "num_elem" in dims else 0, "blocks": [], "nodesets": []}
for i, bid in enumerate(d.variables["eb_prop1"][:]):
    n = len(dims["num_el_in_blk%d" % (i + 1)]) if "num_el_in_blk%d" % (i + 1) in dims else 0
    typ = d.variables["connect%d" % (i + 1)].elem_type if n else ""
    out["blocks"].append([int(bid), n, typ])
if "ns_prop1" in d.variables:
    for i, sid in enumerate(d.variables["ns_prop1"][:]):
        key = "num_nod_ns%d" % (i + 1)
        out["nodesets"].append([int(sid), len(dims[key]) if key in dims else 0])
print(json.dumps(out))
`
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("python3 netCDF4 on %s: %v", path, err)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// cutModelCounts returns what cutNetcdfCounts reports, from a model.
func cutModelCounts(m *meshobj.Model) map[string]any {
	out := map[string]any{"nodes": float64(m.NumNodes()), "elems": float64(m.NumElems())}
	var blocks, sets []any
	for _, b := range m.Blocks {
		typ := ""
		if b.NumElems > 0 {
			typ = b.Type
		}
		blocks = append(blocks, []any{float64(b.ID), float64(b.NumElems), typ})
	}
	for _, s := range m.NodeSets {
		sets = append(sets, []any{float64(s.ID), float64(len(s.Members))})
	}
	out["blocks"], out["nodesets"] = blocks, sets
	if sets == nil {
		out["nodesets"] = []any{}
	}
	return out
}

// cutSameModel reports the first difference between two models in what the
// cut methods change: coordinates, blocks, node fields, element fields,
// node sets and side sets.
func cutSameModel(a, b *meshobj.Model) string {
	switch {
	case !slices.Equal(a.Coords, b.Coords):
		return "coordinates"
	case len(a.Blocks) != len(b.Blocks):
		return "block count"
	case len(a.NodeSets) != len(b.NodeSets) || len(a.SideSets) != len(b.SideSets):
		return "set count"
	}
	fields := func(x, y []*meshobj.Field) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].Name != y[i].Name || len(x[i].Values) != len(y[i].Values) {
				return false
			}
			for t := range x[i].Values {
				if fmt.Sprint(x[i].Values[t]) != fmt.Sprint(y[i].Values[t]) { // NaN == NaN
					return false
				}
			}
		}
		return true
	}
	if !fields(a.NodeFields, b.NodeFields) {
		return "node fields"
	}
	for i, x := range a.Blocks {
		y := b.Blocks[i]
		if x.ID != y.ID || !strings.EqualFold(x.Type, y.Type) || x.NumElems != y.NumElems || !slices.Equal(x.Conn, y.Conn) {
			return fmt.Sprintf("block %d", x.ID)
		}
		if x.NumElems > 0 && !fields(x.Fields, y.Fields) {
			return fmt.Sprintf("block %d fields", x.ID)
		}
	}
	for i, x := range a.NodeSets {
		y := b.NodeSets[i]
		if x.ID != y.ID || !slices.Equal(x.Members, y.Members) || !fields(x.Fields, y.Fields) {
			return fmt.Sprintf("node set %d", x.ID)
		}
	}
	for i, x := range a.SideSets {
		y := b.SideSets[i]
		if x.ID != y.ID || !slices.Equal(x.BlockIDs, y.BlockIDs) || !slices.Equal(x.Elems, y.Elems) || !slices.Equal(x.Sides, y.Sides) {
			return fmt.Sprintf("side set %d", x.ID)
		}
	}
	return ""
}

// cutRunScript writes a script to dir and runs it with exosh, failing on a
// non-zero exit.
func cutRunScript(t *testing.T, dir, src string) result {
	t.Helper()
	path := filepath.Join(dir, "script.star")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", path)
	if r.code != 0 {
		t.Fatalf("exosh exited with %d:\n%s", r.code, r.stderr)
	}
	return r
}

// TestThresholdUnitTestFile thresholds exomerge_unit_test.e on vm_stress at
// the last timestep, at its median: the expected kept elements, node count
// (nodes only deleted elements used go) and side set members are computed
// here from the raw arrays, and the exported file is checked by the reader
// and by Python.
func TestThresholdUnitTestFile(t *testing.T) {
	m := unitTest(t)
	last := len(m.Timesteps) - 1
	var all []float64
	for _, b := range m.Blocks {
		all = append(all, meshobj.FindField(b.Fields, "vm_stress").Values[last]...)
	}
	sort.Float64s(all)
	limit := all[len(all)/2]
	usedBefore := make([]bool, m.NumNodes())
	usedAfter := make([]bool, m.NumNodes())
	keep := map[int64][]int{}
	wantElems := 0
	for _, b := range m.Blocks {
		vm := meshobj.FindField(b.Fields, "vm_stress").Values[last]
		for e := range b.NumElems {
			for _, n := range b.Conn[8*e : 8*e+8] {
				usedBefore[n] = true
				if vm[e] > limit {
					usedAfter[n] = true
				}
			}
			if vm[e] > limit {
				keep[b.ID] = append(keep[b.ID], e)
				wantElems++
			}
		}
	}
	wantNodes := 0
	for n := range usedBefore {
		if !usedBefore[n] || usedAfter[n] {
			wantNodes++
		}
	}
	wantSides := map[int64]int{}
	for _, s := range m.SideSets {
		for k, bid := range s.BlockIDs {
			if slices.Contains(keep[bid], int(s.Elems[k])) {
				wantSides[s.ID]++
			}
		}
	}
	if wantElems == 0 || wantElems == m.NumElems() || wantNodes == m.NumNodes() {
		t.Fatalf("the median %v does not split the model (%d of %d elements, %d nodes)", limit, wantElems, m.NumElems(), wantNodes)
	}

	dir := t.TempDir()
	out := filepath.Join(dir, "thresholded.e")
	cutRunScript(t, dir, fmt.Sprintf(`
m = import_model(%q)
m.threshold_element_blocks('vm_stress > %.17g')
m.export(%q)
`, filepath.Join(sharedDir(t), "testdata", "exomerge_unit_test.e"), limit, out))
	got, err := exodus.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got.NumElems() != wantElems || got.NumNodes() != wantNodes {
		t.Fatalf("%d elements and %d nodes, want %d and %d", got.NumElems(), got.NumNodes(), wantElems, wantNodes)
	}
	for _, b := range got.Blocks {
		orig := m.Block(b.ID)
		for _, name := range []string{"vm_stress", "processor_id"} {
			ov := meshobj.FindField(orig.Fields, name).Values
			gv := meshobj.FindField(b.Fields, name).Values
			for step := range gv {
				for i, e := range keep[b.ID] {
					if gv[step][i] != ov[step][e] {
						t.Fatalf("block %d %s at step %d: kept element %d is %v, want element %d's %v", b.ID, name, step, i, gv[step][i], e, ov[step][e])
					}
				}
			}
		}
		// Each kept element still has its original nodes' coordinates.
		for i, e := range keep[b.ID] {
			for k := range 8 {
				gn, on := b.Conn[8*i+k], orig.Conn[8*e+k]
				if !slices.Equal(got.Coords[3*gn:3*gn+3], m.Coords[3*on:3*on+3]) {
					t.Fatalf("block %d element %d node %d moved", b.ID, e, k)
				}
			}
		}
	}
	for _, s := range got.SideSets {
		if len(s.Elems) != wantSides[s.ID] {
			t.Errorf("side set %d has %d members, want %d", s.ID, len(s.Elems), wantSides[s.ID])
		}
	}
	if py, goSide := cutNetcdfCounts(t, out), cutModelCounts(got); fmt.Sprint(py) != fmt.Sprint(goSide) {
		t.Errorf("Python sees %v, exosh %v", py, goSide)
	}
}

// TestCutRoundTrip runs both methods in a script (a threshold moving half
// of a cube into block 2, then a cohesive zone on a plane of the other
// half), exports the result, and checks that it imports back unchanged
// and that Python reads the same counts: 4^3 hex8 in the cube, the 16
// faces of the plane x = 1/4 become 16 hex8 in block 3, and the 25 nodes
// of that plane get a second copy.
func TestCutRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "cut.e")
	cutRunScript(t, dir, fmt.Sprintf(`
m = ExodusModel()
m.build_hex8_cube(1, 1.0, 4)
m.create_timestep(0.0)
m.create_timestep(1.0)
m.calculate_element_centroids()
m.create_node_field('nf', 0.0)
m.calculate_node_field('nf = X + 2*Y + 3*Z + time')
m.create_node_set(4, [0, 1, 2, 3, 4])
m.threshold_element_blocks('centroid_x < 0.5', new_element_block_id=2)
members = [(1, e, 1) for e in range(m.get_element_count(1)) if m.get_element_field_values('centroid_x', 1)[e] < 0.25]
m.create_side_set(7, members)
m.convert_side_set_to_cohesive_zone(7, 3)
m.export(%q)
`, out))
	got, err := exodus.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[int64]int{}
	for _, b := range got.Blocks {
		counts[b.ID] = b.NumElems
	}
	if counts[1] != 32 || counts[2] != 32 || counts[3] != 16 || got.NumNodes() != 125+25 {
		t.Fatalf("blocks %v, %d nodes; want 32, 32, 16 elements and 150 nodes", counts, got.NumNodes())
	}
	again := filepath.Join(dir, "again.e")
	if err := exodus.Write(again, got, nil); err != nil {
		t.Fatal(err)
	}
	back, err := exodus.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if d := cutSameModel(got, back); d != "" {
		t.Errorf("the export does not import back unchanged: %s differs", d)
	}
	if py, goSide := cutNetcdfCounts(t, out), cutModelCounts(got); fmt.Sprint(py) != fmt.Sprint(goSide) {
		t.Errorf("Python sees %v, exosh %v", py, goSide)
	}
}

// TestCutErrorsName: the refusals name the method and the argument (the
// meshobj tests check that the model is unchanged after them).
func TestCutErrorsName(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		call string
		want []string
	}{
		{"m.threshold_element_blocks('no_such_field > 1')", []string{"threshold_element_blocks", "expression=", "no_such_field"}},
		{"m.convert_side_set_to_cohesive_zone(7, 3)", []string{"convert_side_set_to_cohesive_zone", "side_set_ids=7", "Invalid face"}},
	} {
		path := filepath.Join(dir, "bad.star")
		src := "m = ExodusModel()\nm.build_hex8_cube(1, 1.0, 2)\nm.create_timestep(0.0)\nm.create_side_set(7, [(1, 0, 0)])\n" + c.call + "\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		res := run(t, dir, "", path)
		if res.code == 0 {
			t.Fatalf("%s: no error", c.call)
		}
		for _, w := range c.want {
			if !strings.Contains(res.stderr, w) {
				t.Errorf("%s: error %q does not name %q", c.call, res.stderr, w)
			}
		}
	}
}

// cutHexSides is the Exodus hex8 side table (0-based local nodes).
var cutHexSides = [6][4]int{{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {0, 4, 7, 3}, {0, 3, 2, 1}, {4, 5, 6, 7}}

// TestCohesiveUnitTestFile inserts cohesive elements on the internal faces
// of block 2 of exomerge_unit_test.e on the plane x = const that holds most
// of them (one cutting the whole slab). The faces are found here with a plain map of sorted corner
// nodes; the test checks one
// hex8 per face, the two faces of each cohesive element at the same places
// but on different nodes, each side's element using its own face, the
// volume of every block unchanged (by a six-tetrahedron split), and that
// the export reads back the same and Python counts the same.
func TestCohesiveUnitTestFile(t *testing.T) {
	m := unitTest(t)
	type side struct {
		block int64
		elem  int32
		side  int32
	}
	faces := map[[4]int32][]side{}
	for _, b := range m.Blocks {
		for e := range b.NumElems {
			for s, loc := range cutHexSides {
				var k [4]int32
				for i, l := range loc {
					k[i] = b.Conn[8*e+l]
				}
				slices.Sort(k[:])
				faces[k] = append(faces[k], side{b.ID, int32(e), int32(s)})
			}
		}
	}
	// The internal faces of block 2 that lie in a plane x = const; the
	// plane holding most of them is cut.
	onPlane := map[float64][]side{}
	for k, sides := range faces {
		if len(sides) != 2 || sides[0].block != 2 || sides[1].block != 2 {
			continue
		}
		x := math.Round(m.Coords[3*k[0]] * 1e9)
		flat := true
		for _, n := range k[1:] {
			flat = flat && math.Round(m.Coords[3*n]*1e9) == x
		}
		if flat {
			onPlane[x] = append(onPlane[x], sides[0])
		}
	}
	best := math.Inf(1)
	for x, sides := range onPlane {
		if n, bn := len(sides), len(onPlane[best]); n > bn || (n == bn && x < best) {
			best = x
		}
	}
	var mem meshobj.SideSetMembers
	for _, sd := range onPlane[best] {
		mem.BlockIDs = append(mem.BlockIDs, sd.block)
		mem.Elems = append(mem.Elems, sd.elem)
		mem.Sides = append(mem.Sides, sd.side)
	}
	// Block 2 is a slab of 15 x 15 x 3 hex8 over [0, 1] x [0, 1] x [0.2,
	// 0.4]: an interior plane x = const holds 15 * 3 faces and 16 * 4
	// nodes, each of which the cut splits in two.
	if mem.Len() != 45 {
		t.Fatalf("%d internal faces of block 2 on the plane x = %v, want 45", mem.Len(), best/1e9)
	}
	volumes := func(m *meshobj.Model) map[int64]float64 {
		out := map[int64]float64{}
		for _, b := range m.Blocks {
			for e := range b.NumElems {
				out[b.ID] += hexVolume(corners(m, b, e))
			}
		}
		return out
	}
	before := volumes(m)
	nodesBefore := m.NumNodes()
	if err := m.CreateSideSet(99, mem); err != nil {
		t.Fatal(err)
	}
	if err := m.ConvertSideSetToCohesiveZone(meshobj.Sel(99), 100); err != nil {
		t.Fatal(err)
	}
	c := m.Block(100)
	if c == nil || c.Type != "hex8" || c.NumElems != mem.Len() {
		t.Fatalf("cohesive block %+v, want %d hex8", c, mem.Len())
	}
	after := volumes(m)
	for id, v := range before {
		if math.Abs(after[id]-v) > 1e-12*math.Abs(v) {
			t.Errorf("block %d volume %v, was %v", id, after[id], v)
		}
	}
	if math.Abs(after[100]) > 1e-15 {
		t.Errorf("cohesive volume %v", after[100])
	}
	for e := range c.NumElems {
		el := c.Conn[8*e : 8*e+8]
		for i := range 4 {
			if el[i] == el[4+i] || !slices.Equal(m.Coords[3*el[i]:3*el[i]+3], m.Coords[3*el[4+i]:3*el[4+i]+3]) {
				t.Fatalf("cohesive element %d: nodes %d and %d are not two copies of one node", e, el[i], el[4+i])
			}
		}
	}
	if m.NumNodes() != nodesBefore+64 {
		t.Errorf("%d nodes, was %d, want 64 more", m.NumNodes(), nodesBefore)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "cohesive.e")
	if err := exodus.Write(out, m, nil); err != nil {
		t.Fatal(err)
	}
	back, err := exodus.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := cutSameModel(m, back); d != "" {
		t.Errorf("the export does not import back unchanged: %s differs", d)
	}
	if py, goSide := cutNetcdfCounts(t, out), cutModelCounts(m); fmt.Sprint(py) != fmt.Sprint(goSide) {
		t.Errorf("Python sees %v, exosh %v", py, goSide)
	}
}
