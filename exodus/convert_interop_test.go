package exodus

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"exosh/meshobj"
)

// TestConversionsRoundTrip applies the element conversions to
// exomerge_unit_test.e (five layers of box-shaped hex8: 10x10x2, 15x15x3,
// 10x10x2, 5x5x1 and 10x10x2 elements, each on nodes of its own; 2185
// nodes, 1300 elements), checks the counts worked out by hand, writes the
// result, reads it back unchanged, and has Python's netCDF4 find the same
// content.
//
// Counts: an a x b x c block of hexes has a(b+1)(c+1) + (a+1)b(c+1) +
// (a+1)(b+1)c edges (902, 2688, 902, 156, 902: 5550 new nodes for hex20).
// Block 2 has 15*15*4 + 2*15*16*3 = 2340 faces and 675 hexes, so hex24tet
// adds 3015 nodes and makes 16200 tets.
// The tets' edges follow from Euler's formula V - E + F - T = 1 with
// V = 1024 + 3015, T = 16200 and F = (4T + 4*630)/2 (630 boundary quads):
// E = 21498.
func TestConversionsRoundTrip(t *testing.T) {
	src := testFile(t, "exomerge_unit_test.e")
	cases := []struct {
		name         string
		apply        func(m *meshobj.Model) error
		nodes, elems int
		types        []string
	}{
		{"quadratic", func(m *meshobj.Model) error { return m.MakeElementsQuadratic(meshobj.Sel("all")) },
			2185 + 5550, 1300, []string{"hex20", "hex20", "hex20", "hex20", "hex20"}},
		{"hex24tet", func(m *meshobj.Model) error { return m.ConvertHex8BlockToTet4Block(meshobj.Int(2), "hex24tet") },
			2185 + 3015, 1300 - 675 + 16200, []string{"hex8", "tet4", "hex8", "hex8", "hex8"}},
		{"hex24tet then tet10", func(m *meshobj.Model) error {
			if err := m.ConvertHex8BlockToTet4Block(meshobj.Int(2), "hex24tet"); err != nil {
				return err
			}
			return m.ConvertElementBlocks(meshobj.Sel(2), "tet10")
		}, 2185 + 3015 + 21498, 1300 - 675 + 16200, []string{"hex8", "tet10", "hex8", "hex8", "hex8"}},
		{"quadratic and back", func(m *meshobj.Model) error {
			if err := m.MakeElementsQuadratic(meshobj.Sel("all")); err != nil {
				return err
			}
			return m.MakeElementsLinear(meshobj.Sel("all"))
		}, 2185, 1300, []string{"hex8", "hex8", "hex8", "hex8", "hex8"}},
	}
	dir := t.TempDir()
	models := map[string]*meshobj.Model{}
	var paths []string
	for _, c := range cases {
		m, err := ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		// Two of the five timesteps keep the element fields (79 per block,
		// copied to 24 tets each) small enough to compare quickly.
		if err := m.DeleteTimesteps(meshobj.Sel(m.Timesteps[2:])); err != nil {
			t.Fatal(err)
		}
		orig := slices.Clone(m.Coords)
		if err := c.apply(m); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var types []string
		for _, b := range m.Blocks {
			types = append(types, b.Type)
		}
		if m.NumNodes() != c.nodes || m.NumElems() != c.elems || !slices.Equal(types, c.types) {
			t.Errorf("%s: %d nodes, %d elements, types %v; want %d, %d, %v", c.name, m.NumNodes(), m.NumElems(), types, c.nodes, c.elems, c.types)
		}
		// Within a block no two nodes coincide (the layers' nodes at the
		// interfaces are separate nodes, and so are their midpoints).
		for _, b := range m.Blocks {
			seen := map[[3]float64]int32{}
			for _, n := range b.Conn {
				p := [3]float64{m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]}
				if o, ok := seen[p]; ok && o != n {
					t.Fatalf("%s: block %d: nodes %d and %d both at %v", c.name, b.ID, o, n, p)
				}
				seen[p] = n
			}
		}
		// The eight side sets each cover a unit square (area C's script);
		// the conversions move their members onto the new elements.
		if area, err := m.GetSideSetArea(meshobj.Sel("all")); err != nil || math.Abs(area-8) > 1e-9 {
			t.Errorf("%s: side sets cover %v (%v), want 8", c.name, area, err)
		}
		if !slices.Equal(m.Coords[:len(orig)], orig) {
			t.Errorf("%s: the original nodes moved", c.name)
		}
		if c.name == "quadratic and back" && !slices.Equal(m.Coords, orig) {
			t.Errorf("%s: not the original nodes", c.name)
		}
		out := filepath.Join(dir, c.name+".e")
		if err := Write(out, m, nil); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		back, err := ReadFile(out)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		requireSameModel(t, c.name, m, back, exactFloats)
		models[out] = m
		paths = append(paths, out)
	}
	res := pythonChecks(t, false, paths...)
	for _, p := range paths {
		if diffs := compareChecks(res[p], modelChecks(models[p])); len(diffs) > 0 {
			t.Errorf("%s: Python and Go disagree: %v", filepath.Base(p), diffs)
		}
	}
}
