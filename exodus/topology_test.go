package exodus

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"exosh/meshobj"
)

// TestSideTables checks the side -> node tables against the Exodus
// documentation and source. Sources, in the SEACAS repository
// (packages/seacas/libraries/exodus):
//   - "doc": include/exodus-element-types.md, as summarised in section 8.2
//     of ../shared/exodus-format.md (the first-order tables);
//   - "list": src/ex_get_side_set_node_list.c, the static tables
//     tri_table, tri3_table, quad_table, shell_table, tetra_table,
//     wedge*_table, pyramid_table, hex_table and hex16_table;
//   - "param": src/ex_int_get_block_param.c, num_sides and
//     num_nodes_per_side per element type and node count.
//
// Side numbers are 1-based; each row lists the side's local nodes.
func TestSideTables(t *testing.T) {
	tests := []struct {
		source string
		typ    string
		npe    int
		dim    int
		sides  [][]int
	}{
		{"doc 8.2 HEX8", "HEX8", 8, 3, [][]int{{1, 2, 6, 5}, {2, 3, 7, 6}, {3, 4, 8, 7}, {1, 5, 8, 4}, {1, 4, 3, 2}, {5, 6, 7, 8}}},
		{"doc 8.2 TET4", "TETRA", 4, 3, [][]int{{1, 2, 4}, {2, 3, 4}, {1, 4, 3}, {1, 3, 2}}},
		{"doc 8.2 WEDGE6", "WEDGE6", 6, 3, [][]int{{1, 2, 5, 4}, {2, 3, 6, 5}, {1, 4, 6, 3}, {1, 3, 2}, {4, 5, 6}}},
		{"doc 8.2 PYRAMID5", "PYRAMID5", 5, 3, [][]int{{1, 2, 5}, {2, 3, 5}, {3, 4, 5}, {1, 5, 4}, {1, 4, 3, 2}}},
		{"doc 8.2 QUAD4 in 2-D", "QUAD4", 4, 2, [][]int{{1, 2}, {2, 3}, {3, 4}, {4, 1}}},
		{"doc 8.2 TRI3 in 2-D", "TRI3", 3, 2, [][]int{{1, 2}, {2, 3}, {3, 1}}},
		{"doc 8.2 TRI3 in 3-D (triangular shell)", "TRI3", 3, 3, [][]int{{1, 2, 3}, {3, 2, 1}, {1, 2}, {2, 3}, {3, 1}}},
		{"doc 8.2 SHELL4", "SHELL4", 4, 3, [][]int{{1, 2, 3, 4}, {1, 4, 3, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 1}}},
		{"doc 8.2 BEAM", "BEAM3", 3, 3, [][]int{{1, 2, 3}, {3, 2, 1}}},
		{"doc 8.2 TRUSS/BAR", "BAR2", 2, 3, [][]int{{1}, {2}}},
		{"doc 8.2 SPHERE", "SPHERE", 1, 3, [][]int{{1}}},
		// shells named as such are shells in any dimension (libMesh)
		{"list tri3_table, TRISHELL3 in a 2-D file", "TRISHELL3", 3, 2, [][]int{{1, 2, 3}, {3, 2, 1}, {1, 2}, {2, 3}, {3, 1}}},
		{"list tri3_table, TRISHELL6", "TRISHELL6", 6, 3, [][]int{{1, 2, 3, 4, 5, 6}, {3, 2, 1, 6, 5, 4}, {1, 2, 4}, {2, 3, 5}, {3, 1, 6}}},
		{"list tri3_table, TRISHELL7", "TRISHELL7", 7, 3, [][]int{{1, 2, 3, 4, 5, 6, 7}, {3, 2, 1, 6, 5, 4, 7}, {1, 2, 4}, {2, 3, 5}, {3, 1, 6}}},
		{"list shell_table, QUADSHELL4 in a 2-D file", "QUADSHELL4", 4, 2, [][]int{{1, 2, 3, 4}, {1, 4, 3, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 1}}},
		{"list shell_table, SHELL8", "SHELL8", 8, 3, [][]int{{1, 2, 3, 4, 5, 6, 7, 8}, {1, 4, 3, 2, 8, 7, 6, 5}, {1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}}},
		{"list shell_table, SHELL9", "SHELL9", 9, 3, [][]int{{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 4, 3, 2, 8, 7, 6, 5, 9}, {1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}}},
		{"list tri_table, TRI6 in 2-D", "TRI6", 6, 2, [][]int{{1, 2, 4}, {2, 3, 5}, {3, 1, 6}}},
		{"list quad_table, QUAD9 in 2-D", "QUAD9", 9, 2, [][]int{{1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}}},
		{"param QUAD4 in 3-D has 4 sides", "QUAD4", 4, 3, [][]int{{1, 2}, {2, 3}, {3, 4}, {4, 1}}},
		{"list tetra_table, TET10", "TET10", 10, 3, [][]int{{1, 2, 4, 5, 9, 8}, {2, 3, 4, 6, 10, 9}, {1, 4, 3, 8, 10, 7}, {1, 3, 2, 7, 6, 5}}},
		{"list tetra_table + param 7 nodes, TET14", "TET14", 14, 3, [][]int{{1, 2, 4, 5, 9, 8, 14}, {2, 3, 4, 6, 10, 9, 12}, {1, 4, 3, 8, 10, 7, 13}, {1, 3, 2, 7, 6, 5, 11}}},
		{"list wedge15_table, WEDGE15", "WEDGE15", 15, 3, [][]int{{1, 2, 5, 4, 7, 11, 13, 10}, {2, 3, 6, 5, 8, 12, 14, 11}, {1, 4, 6, 3, 10, 15, 12, 9}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}}},
		{"list wedge18_table, WEDGE18", "WEDGE18", 18, 3, [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 16}, {2, 3, 6, 5, 8, 12, 14, 11, 17}, {1, 4, 6, 3, 10, 15, 12, 9, 18}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}}},
		{"list wedge20_table, WEDGE20", "WEDGE20", 20, 3, [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 20}, {2, 3, 6, 5, 8, 12, 14, 11, 18}, {1, 4, 6, 3, 10, 15, 12, 9, 19}, {1, 3, 2, 9, 8, 7, 16}, {4, 5, 6, 13, 14, 15, 17}}},
		{"list wedge21_table, WEDGE21", "WEDGE21", 21, 3, [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 21}, {2, 3, 6, 5, 8, 12, 14, 11, 19}, {1, 4, 6, 3, 10, 15, 12, 9, 20}, {1, 3, 2, 9, 8, 7, 17}, {4, 5, 6, 13, 14, 15, 18}}},
		{"list pyramid_table, PYRAMID13", "PYRAMID13", 13, 3, [][]int{{1, 2, 5, 6, 11, 10}, {2, 3, 5, 7, 12, 11}, {3, 4, 5, 8, 13, 12}, {1, 5, 4, 10, 13, 9}, {1, 4, 3, 2, 9, 8, 7, 6}}},
		{"list pyramid_table, PYRAMID14", "PYRAMID14", 14, 3, [][]int{{1, 2, 5, 6, 11, 10}, {2, 3, 5, 7, 12, 11}, {3, 4, 5, 8, 13, 12}, {1, 5, 4, 10, 13, 9}, {1, 4, 3, 2, 9, 8, 7, 6, 14}}},
		{"list pyramid_table, PYRAMID18", "PYRAMID18", 18, 3, [][]int{{1, 2, 5, 6, 11, 10, 15}, {2, 3, 5, 7, 12, 11, 16}, {3, 4, 5, 8, 13, 12, 17}, {1, 5, 4, 10, 13, 9, 18}, {1, 4, 3, 2, 9, 8, 7, 6, 14}}},
		{"list hex_table, HEX20", "HEX20", 20, 3, [][]int{{1, 2, 6, 5, 9, 14, 17, 13}, {2, 3, 7, 6, 10, 15, 18, 14}, {3, 4, 8, 7, 11, 16, 19, 15}, {1, 5, 8, 4, 13, 20, 16, 12}, {1, 4, 3, 2, 12, 11, 10, 9}, {5, 6, 7, 8, 17, 18, 19, 20}}},
		{"list hex_table, HEX27", "HEX27", 27, 3, [][]int{{1, 2, 6, 5, 9, 14, 17, 13, 26}, {2, 3, 7, 6, 10, 15, 18, 14, 25}, {3, 4, 8, 7, 11, 16, 19, 15, 27}, {1, 5, 8, 4, 13, 20, 16, 12, 24}, {1, 4, 3, 2, 12, 11, 10, 9, 22}, {5, 6, 7, 8, 17, 18, 19, 20, 23}}},
		{"unknown types are not checked", "BEX_QUAD", 18, 3, nil},
		{"unknown types are not checked", "POLYGON", 5, 2, nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%d", tc.typ, tc.npe), func(t *testing.T) {
			got := sideTable(tc.typ, tc.npe, tc.dim)
			if !slices.EqualFunc(got, tc.sides, slices.Equal[[]int]) {
				t.Errorf("%s: sides %v, want %v", tc.source, got, tc.sides)
			}
			if n := sideCount(tc.typ, tc.npe, tc.dim); n != len(tc.sides) {
				t.Errorf("%s: %d sides, want %d", tc.source, n, len(tc.sides))
			}
			for k, s := range tc.sides {
				if n := sideNodeCount(tc.typ, tc.npe, tc.dim, k+1); n != len(s) {
					t.Errorf("%s: side %d has %d nodes, want %d", tc.source, k+1, n, len(s))
				}
			}
		})
	}
	// param: node counts libexodus knows without a node table
	for _, c := range []struct {
		typ      string
		npe, n   int
		describe string
	}{{"HEX", 64, 6, "param HEX64"}, {"TETRA", 40, 4, "param TET40"}, {"WEDGE", 52, 5, "param WEDGE52"}} {
		if got := sideCount(c.typ, c.npe, 3); got != c.n {
			t.Errorf("%s: %d sides, want %d", c.describe, got, c.n)
		}
	}
}

// TestShellSideSets: a side set on each side of each shell type, with one
// distribution factor per side node, round-trips (in a 3-D and, for the
// shells named as such, a 2-D file).
func TestShellSideSets(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		typ string
		npe int
		dim int
	}{
		{"SHELL4", 4, 3}, {"SHELL8", 8, 3}, {"SHELL9", 9, 3},
		{"QUADSHELL4", 4, 2}, {"TRISHELL3", 3, 2},
		{"TRISHELL3", 3, 3}, {"TRISHELL6", 6, 3}, {"TRISHELL7", 7, 3}, {"TRI3", 3, 3},
	} {
		name := fmt.Sprintf("%s-%dd", c.typ, c.dim)
		t.Run(name, func(t *testing.T) {
			m := meshobj.New()
			m.NumDim = c.dim
			for i := range c.npe {
				m.Coords = append(m.Coords, float64(i), float64(i*i%5), 0)
			}
			conn := make([]int32, c.npe)
			for i := range conn {
				conn[i] = int32(i)
			}
			m.Blocks = []*meshobj.ElementBlock{{ID: 1, Type: c.typ, NodesPerElem: c.npe, NumElems: 1, Conn: conn}}
			ns := sideCount(c.typ, c.npe, c.dim)
			want := 5
			if !isTriShell(c.typ) {
				want = 6
			}
			if ns != want {
				t.Fatalf("%d sides, want %d", ns, want)
			}
			for side := range ns {
				s := &meshobj.SideSet{ID: int64(side + 1), BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{int32(side)}}
				for k := range sideNodeCount(c.typ, c.npe, c.dim, side+1) {
					s.DistFactors = append(s.DistFactors, float64(10*side+k))
				}
				m.SideSets = append(m.SideSets, s)
			}
			path := filepath.Join(dir, name+".e")
			if err := Write(path, m, nil); err != nil {
				t.Fatal(err)
			}
			got, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for side, s := range got.SideSets {
				if !slices.Equal(s.Sides, []int32{int32(side)}) || !slices.Equal(s.DistFactors, m.SideSets[side].DistFactors) {
					t.Errorf("side set %d: sides %v, factors %v; want side %d, factors %v", s.ID, s.Sides, s.DistFactors, side, m.SideSets[side].DistFactors)
				}
			}
		})
	}
}

func isTriShell(typ string) bool { return family(typ) == "TRI" }

// TestBezierConnectivity: a BEX block may refer past the nodes to the
// control points of the blob (bex_dense_cv_info: 31 in
// PlateWithHole_Patch8.e, which has 17 nodes), but not past those.
func TestBezierConnectivity(t *testing.T) {
	in := filepath.Join(sharedDir(t), "meshes-libmesh", "PlateWithHole_Patch8.e")
	m, err := ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if m.ControlPoints != 31 || m.NumNodes() != 17 || slices.Max(m.Blocks[0].Conn) != 30 {
		t.Errorf("control points %d, nodes %d, largest entry %d; want 31, 17, 30 (node 31 1-based)", m.ControlPoints, m.NumNodes(), slices.Max(m.Blocks[0].Conn))
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.e")
	rewriteNC(t, in, bad, edits{data: map[string]func([]float64) []float64{"connect1": func(v []float64) []float64 {
		v[3] = 49 // 17 nodes + 31 control points = 48
		return v
	}}})
	_, err = ReadFile(bad)
	if err == nil || !strings.Contains(err.Error(), "refers to node 49, outside 1..48") {
		t.Errorf("entry 49: error %v, want one naming 1..48", err)
	}
	// a partial read cannot keep the control points
	r, err := Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Read(&Selection{Timesteps: []int{}}); err != nil {
		t.Errorf("a read of every block: %v", err)
	}
}
