package meshobj

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestBuildHex8Cube(t *testing.T) {
	m := cube(t) // build_hex8_cube(1, extents=1, divisions=3)
	if m.NumNodes() != 64 || m.NumElems() != 27 {
		t.Fatalf("%d nodes, %d elements; want 64, 27", m.NumNodes(), m.NumElems())
	}
	b := m.Block(1)
	if b.Type != "hex8" || b.NodesPerElem != 8 || b.NumAttr != 0 || b.Name != "" {
		t.Errorf("block info %q %d %d %q", b.Type, b.NodesPerElem, b.NumAttr, b.Name)
	}
	third := 1.0 / 3
	// Node n = (k*4 + j)*4 + i sits at (i/3, j/3, k/3).
	nodes := []struct {
		n       int
		x, y, z float64
	}{
		{0, 0, 0, 0}, {1, third, 0, 0}, {3, 1, 0, 0}, {4, 0, third, 0},
		{16, 0, 0, third}, {21, third, third, third}, {42, 2 * third, 2 * third, 2 * third}, {63, 1, 1, 1},
	}
	for _, tc := range nodes {
		got := m.Coords[3*tc.n : 3*tc.n+3]
		if got[0] != tc.x || got[1] != tc.y || got[2] != tc.z {
			t.Errorf("node %d at %v, want (%v, %v, %v)", tc.n, got, tc.x, tc.y, tc.z)
		}
	}
	// Element e = (i*3 + j)*3 + k, first node (k*4 + j)*4 + i.
	elems := []struct {
		e    int
		conn []int32
	}{
		{0, []int32{0, 1, 5, 4, 16, 17, 21, 20}},
		{1, []int32{16, 17, 21, 20, 32, 33, 37, 36}},
		{3, []int32{4, 5, 9, 8, 20, 21, 25, 24}},
		{9, []int32{1, 2, 6, 5, 17, 18, 22, 21}},
		{26, []int32{42, 43, 47, 46, 58, 59, 63, 62}},
	}
	for _, tc := range elems {
		if got := b.Conn[8*tc.e : 8*tc.e+8]; !slices.Equal(got, tc.conn) {
			t.Errorf("element %d: %v, want %v", tc.e, got, tc.conn)
		}
	}
	mustOK(t, m.Validate())
}

func TestBuildHex8CubeBoxAndOffset(t *testing.T) {
	m := cube(t)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("temp", 5))
	mustOK(t, m.CreateNodeField("disp_x", 2))
	mustOK(t, m.BuildHex8Cube(m.NewElementBlockID(), [3][2]float64{{1, 3}, {0, 1}, {-1, 0}}, [3]int{2, 1, 1}))
	b := m.Block(2)
	if b == nil || b.NumElems != 2 || m.NumNodes() != 64+12 {
		t.Fatalf("second cube: %v, %d nodes", b, m.NumNodes())
	}
	want := [][]int32{{64, 65, 68, 67, 70, 71, 74, 73}, {65, 66, 69, 68, 71, 72, 75, 74}}
	for e, w := range want {
		if got := b.Conn[8*e : 8*e+8]; !slices.Equal(got, w) {
			t.Errorf("element %d: %v, want %v", e, got, w)
		}
	}
	coords := map[int][3]float64{64: {1, 0, -1}, 65: {2, 0, -1}, 66: {3, 0, -1}, 67: {1, 1, -1}, 70: {1, 0, 0}, 75: {3, 1, 0}}
	for n, c := range coords {
		if got := [3]float64(m.Coords[3*n : 3*n+3]); got != c {
			t.Errorf("node %d at %v, want %v", n, got, c)
		}
	}
	// New nodes get default field values: NaN, but 0 for displacements.
	temp, _ := m.GetNodeFieldValues("temp", Str("last"))
	disp, _ := m.GetNodeFieldValues("disp_x", Str("last"))
	if temp[63] != 5 || !math.IsNaN(temp[64]) || disp[63] != 2 || disp[75] != 0 || len(temp) != 76 {
		t.Errorf("field values at old/new nodes: temp %v %v, disp %v %v", temp[63], temp[64], disp[63], disp[75])
	}
	mustOK(t, m.Validate())
}

func TestBuildHex8CubeErrors(t *testing.T) {
	m := cube(t)
	wantErr(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}),
		"Element block already exists.", `The specified element block "1" already exists.`)
	wantErr(t, m.BuildHex8Cube(2, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{1, 0, 1}), "Invalid divisions.")
	if m.NumNodes() != 64 || len(m.Blocks) != 1 {
		t.Errorf("failed builds changed the model")
	}
}

// BenchmarkBuildHex8Cube builds 100^3 = 1M elements (target < 150 ms).
func BenchmarkBuildHex8Cube(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := New()
		if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{100, 100, 100}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetNodeFieldValues shows the lookup is independent of the node
// count: the model's slice is returned, nothing is copied.
func BenchmarkGetNodeFieldValues(b *testing.B) {
	for _, div := range []int{10, 100} {
		m := New()
		if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{div, div, div}); err != nil {
			b.Fatal(err)
		}
		for i := range 10 {
			_ = m.CreateTimestep(float64(i))
		}
		for _, n := range []string{"disp_x", "disp_y", "disp_z", "temp"} {
			_ = m.CreateNodeField(n, 0)
		}
		b.Run(fmt.Sprintf("nodes=%d", m.NumNodes()), func(b *testing.B) {
			for b.Loop() {
				v, err := m.GetNodeFieldValues("temp", Float(5))
				if err != nil || len(v) != m.NumNodes() {
					b.Fatal(err)
				}
			}
		})
	}
}
