package tests

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"exosh/compute"
	"exosh/exodus"
	"exosh/meshobj"
)

// The exterior-surface methods of area D, checked against a transcription
// of exomerge's _get_external_element_faces over the raw arrays, and
// through the shell on files.

// hexFaceMapping is exomerge's FACE_MAPPING["hex8"].
var hexFaceMapping = [6][4]int{{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {0, 3, 2, 1}, {4, 5, 6, 7}}

// exomergeSkin transcribes exomerge's rule for hex8 blocks: group the
// faces by sorted node tuple (keys in order of first appearance) and keep
// those alone in their group, then order them by block as
// _order_element_faces_by_block does.
func exomergeSkin(m *meshobj.Model) (ids []int64, elems, sides []int32) {
	type face struct {
		id      int64
		el, sd  int32
		nblocks int
	}
	groups := map[string][]face{}
	var order []string
	bs := slices.Clone(m.Blocks)
	sort.Slice(bs, func(i, j int) bool { return bs[i].ID < bs[j].ID })
	for _, b := range bs {
		for e := range b.NumElems {
			for s, fm := range hexFaceMapping {
				ns := make([]int, 4)
				for k, l := range fm {
					ns[k] = int(b.Conn[8*e+l])
				}
				sort.Ints(ns)
				key := fmt.Sprint(ns)
				if _, ok := groups[key]; !ok {
					order = append(order, key)
				}
				groups[key] = append(groups[key], face{b.ID, int32(e), int32(s), 0})
			}
		}
	}
	var ext []face
	for _, k := range order {
		if g := groups[k]; len(g) == 1 {
			ext = append(ext, g[0])
		}
	}
	var blockOrder []int64
	for _, f := range ext {
		if !slices.Contains(blockOrder, f.id) {
			blockOrder = append(blockOrder, f.id)
		}
	}
	for _, id := range blockOrder {
		for _, f := range ext {
			if f.id == id {
				ids, elems, sides = append(ids, f.id), append(elems, f.el), append(sides, f.sd)
			}
		}
	}
	return ids, elems, sides
}

func TestSurfaceUnitTestSkin(t *testing.T) {
	m := unitTest(t)
	for _, b := range m.Blocks {
		if strings.ToLower(b.Type) != "hex8" {
			t.Fatalf("block %d is %s", b.ID, b.Type)
		}
	}
	ids, elems, sides := exomergeSkin(m)
	if len(ids) == 0 {
		t.Fatal("no external faces in the reference")
	}
	zero := 0.0
	// "X == X" holds everywhere: the set is the whole skin, in exomerge's
	// order.
	if err := m.CreateSideSetFromExpression(99, "X == X", meshobj.Sel("all"), &zero, meshobj.Sel("none"), true); err != nil {
		t.Fatal(err)
	}
	s := m.SideSets[len(m.SideSets)-1]
	if !slices.Equal(s.BlockIDs, ids) || !slices.Equal(s.Elems, elems) || !slices.Equal(s.Sides, sides) {
		t.Fatalf("skin of %d faces differs from exomerge's %d faces", len(s.BlockIDs), len(ids))
	}
	// The STL surface: 4 triangles per external quad4 face.
	surf, err := m.ExportSTL(meshobj.Sel("all"), meshobj.Sel("none"))
	if err != nil {
		t.Fatal(err)
	}
	if len(surf.Tris) != 3*4*len(ids) {
		t.Errorf("%d triangles, want %d", len(surf.Tris)/3, 4*len(ids))
	}
}

// readSTL parses a binary STL file into normals and vertices.
func readSTL(t *testing.T, path string) (normals, verts [][3]float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.LittleEndian.Uint32(b[80:]))
	if len(b) != 84+50*n {
		t.Fatalf("%s: %d bytes for %d triangles", path, len(b), n)
	}
	f := func(off int) float64 { return float64(math.Float32frombits(binary.LittleEndian.Uint32(b[off:]))) }
	for i := range n {
		o := 84 + 50*i
		normals = append(normals, [3]float64{f(o), f(o + 4), f(o + 8)})
		for k := range 3 {
			verts = append(verts, [3]float64{f(o + 12 + 12*k), f(o + 16 + 12*k), f(o + 20 + 12*k)})
		}
	}
	return normals, verts
}

func TestSurfaceShell(t *testing.T) {
	dir := t.TempDir()
	script := `
model = ExodusModel()
model.build_hex8_cube(1, extents=2.0, divisions=5)
model.create_side_set_from_expression(3, 'Z == 2')
print(len(model.get_side_set_members(3)))
model.export_stl_file('cube.stl')
model.export('cube2.STL')
model.create_timestep(0.0)
model.calculate_node_field('f = X')
model.export('cube.wrl', 'f', intervals=3)
model.export_model('cube.e')
`
	if err := os.WriteFile(filepath.Join(dir, "s.star"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "", "s.star")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "25" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// STL: 6*25 faces of 4 triangles, each normal the outward axis.
	for _, name := range []string{"cube.stl", "cube2.STL"} {
		normals, verts := readSTL(t, filepath.Join(dir, name))
		if len(normals) != 600 {
			t.Fatalf("%s: %d triangles, want 600", name, len(normals))
		}
		for i, nv := range normals {
			var c [3]float64
			for k := range 3 {
				for d := range 3 {
					c[d] += verts[3*i+k][d] / 3
				}
			}
			dot := 0.0
			for d := range 3 {
				dot += nv[d] * (c[d] - 1)
			}
			if dot <= 0 || math.Abs(nv[0]*nv[0]+nv[1]*nv[1]+nv[2]*nv[2]-1) > 1e-6 {
				t.Fatalf("%s: triangle %d normal %v points inwards or is not a unit vector (centroid %v)", name, i, nv, c)
			}
		}
	}
	// WRL: exomerge's colours for 3 intervals (hues 2/3, 1/3, 0), one
	// colour index per triangle.
	w, err := os.ReadFile(filepath.Join(dir, "cube.wrl"))
	if err != nil {
		t.Fatal(err)
	}
	ws := string(w)
	if !strings.Contains(ws, "        color [\n          0.0 0.0 1.0,\n          0.0 1.0 0.0,\n          1.0 0.0 0.0,\n        ]") {
		t.Errorf("WRL colours are not blue, green, red:\n%s", ws[strings.Index(ws, "color Color"):])
	}
	tris := strings.Count(ws, ",-1,")
	ci := ws[strings.Index(ws, "colorIndex [\n")+len("colorIndex [\n"):]
	ci = strings.TrimSpace(ci[:strings.Index(ci, "]")])
	if n := len(strings.Split(ci, ",")); n != tris || tris < 600 {
		t.Errorf("%d colour indices for %d triangles", n, tris)
	}
	// The companion file holds the pieces with their interval.
	c, err := exodus.ReadFile(filepath.Join(dir, "cube_wrl.e"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Blocks) != 1 || c.Blocks[0].NumElems != tris || len(c.Blocks[0].Fields) != 1 || c.Blocks[0].Fields[0].Name != "interval" {
		t.Errorf("companion: %d blocks", len(c.Blocks))
	}
	// Round trip: the new side set comes back unchanged.
	e, err := exodus.ReadFile(filepath.Join(dir, "cube.e"))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.SideSets) != 1 || e.SideSets[0].ID != 3 || len(e.SideSets[0].Elems) != 25 {
		t.Fatalf("side sets after the round trip: %+v", e.SideSets)
	}
	m := meshobj.New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 2}, {0, 2}}, [3]int{5, 5, 5}); err != nil {
		t.Fatal(err)
	}
	if err := m.CreateSideSetFromExpression(3, "Z == 2", meshobj.Sel("all"), nil, meshobj.Sel("last_if_any"), true); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(e.SideSets[0].Elems, m.SideSets[0].Elems) || !slices.Equal(e.SideSets[0].Sides, m.SideSets[0].Sides) {
		t.Errorf("side set changed in the round trip")
	}
	// Errors name the method and the argument, and change nothing.
	bad := `
model = ExodusModel()
model.build_hex8_cube(1)
model.create_side_set_from_expression(1, 'Q == 0')
`
	if err := os.WriteFile(filepath.Join(dir, "bad.star"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, dir, "", "bad.star")
	if r.code == 0 || !strings.Contains(r.stderr, "create_side_set_from_expression") || !strings.Contains(r.stderr, `expression="Q == 0"`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// refSkinMembers transcribes exomerge's _get_external_element_faces on any
// blocks, with the face tables of compute.LookupTopology (exomerge's
// FACE_MAPPING for the types it knows), then orders the faces by block.
func refSkinMembers(t *testing.T, m *meshobj.Model) (ids []int64, elems, sides []int32, faceTypes []string) {
	t.Helper()
	type face struct {
		id     int64
		el, sd int32
		shell  bool
		typ    string
	}
	groups := map[string][]face{}
	var order []string
	bs := slices.Clone(m.Blocks)
	sort.Slice(bs, func(i, j int) bool { return bs[i].ID < bs[j].ID })
	for _, b := range bs {
		topo, ok := compute.LookupTopology(b.Type, b.NodesPerElem)
		if !ok {
			t.Fatalf("block %d: unknown type %s", b.ID, b.Type)
		}
		for e := range b.NumElems {
			for s, fc := range topo.Faces {
				ns := make([]int, len(fc.Nodes))
				for k, l := range fc.Nodes {
					ns[k] = int(b.Conn[e*b.NodesPerElem+int(l)])
				}
				sort.Ints(ns)
				key := fc.Type + fmt.Sprint(ns)
				if _, ok := groups[key]; !ok {
					order = append(order, key)
				}
				groups[key] = append(groups[key], face{b.ID, int32(e), int32(s), strings.HasPrefix(topo.Name, "shell") && s < 2, fc.Type})
			}
		}
	}
	var ext []face
	for _, k := range order {
		var sh, other []face
		for _, f := range groups[k] {
			if f.shell {
				sh = append(sh, f)
			} else {
				other = append(other, f)
			}
		}
		if len(sh) > 0 {
			if u := len(sh) - len(other); u > 0 {
				ext = append(ext, sh[:u]...)
			}
		} else if len(other) == 1 {
			ext = append(ext, other[0])
		}
	}
	var blockOrder []int64
	for _, f := range ext {
		if !slices.Contains(blockOrder, f.id) {
			blockOrder = append(blockOrder, f.id)
		}
	}
	for _, id := range blockOrder {
		for _, f := range ext {
			if f.id == id {
				ids, elems, sides = append(ids, f.id), append(elems, f.el), append(sides, f.sd)
				faceTypes = append(faceTypes, f.typ)
			}
		}
	}
	return ids, elems, sides, faceTypes
}

func TestSurfaceLibmeshSkins(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedDir(t), "meshes-libmesh", "*.e"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no meshes-libmesh files: %v", err)
	}
	// Triangles exomerge makes of each face type (quad9 and tri7 are
	// exosh's extension).
	triCount := map[string]int{"tri3": 1, "tri6": 4, "tri7": 6, "quad4": 4, "quad6": 6, "quad8": 8, "quad9": 8}
	checked := 0
	for _, f := range files {
		m, err := exodus.ReadFile(f)
		if err != nil {
			continue // a file exosh refuses (tested elsewhere)
		}
		known := true
		solid := true
		for _, b := range m.Blocks {
			topo, ok := compute.LookupTopology(b.Type, b.NodesPerElem)
			known = known && ok
			solid = solid && ok && topo.Dim == 3 && !strings.HasPrefix(topo.Name, "shell")
		}
		if !known || len(m.Blocks) == 0 {
			continue
		}
		ids, elems, sides, types := refSkinMembers(t, m)
		zero := 0.0
		if err := m.CreateSideSetFromExpression(999, "X == X", meshobj.Sel("all"), &zero, meshobj.Sel("none"), false); err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		s := m.SideSets[len(m.SideSets)-1]
		if !slices.Equal(s.BlockIDs, ids) || !slices.Equal(s.Elems, elems) || !slices.Equal(s.Sides, sides) {
			t.Errorf("%s: skin of %d faces differs from exomerge's %d", filepath.Base(f), len(s.BlockIDs), len(ids))
			continue
		}
		checked++
		if !solid {
			continue
		}
		want := 0
		for _, typ := range types {
			want += triCount[typ]
		}
		surf, err := m.ExportSTL(meshobj.Sel("all"), meshobj.Sel("none"))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		if len(surf.Tris)/3 != want {
			t.Errorf("%s: %d triangles, want %d", filepath.Base(f), len(surf.Tris)/3, want)
		}
	}
	if checked < 20 {
		t.Errorf("only %d files checked", checked)
	}
}
