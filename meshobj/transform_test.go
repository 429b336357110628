package meshobj

import (
	"math"
	"slices"
	"testing"
)

// nodeAt returns the coordinates of node n.
func nodeAt(m *Model, n int32) [3]float64 {
	return [3]float64{m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]}
}

// withDisplacement adds two timesteps and a displacement field (disp_x =
// 1, disp_y = 2, disp_z = 3 at every node).
func withDisplacement(t testing.TB, m *Model) {
	t.Helper()
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	for d, n := range []string{"disp_x", "disp_y", "disp_z"} {
		mustOK(t, m.CreateNodeField(n, float64(d+1)))
	}
}

func disp(m *Model, step int, n int32) [3]float64 {
	var v [3]float64
	for d, name := range []string{"disp_x", "disp_y", "disp_z"} {
		v[d] = FindField(m.NodeFields, name).Values[step][n]
	}
	return v
}

func TestGeometryTransforms(t *testing.T) {
	c30, s30 := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	cases := []struct {
		name    string
		op      func(m *Model) error
		coord   func(p [3]float64) [3]float64 // expected new position of p
		disp    func(v [3]float64) [3]float64 // expected new displacement v
		noDispl bool                          // run without a displacement field
	}{
		{"translate", func(m *Model) error { m.TranslateGeometry([3]float64{1, -2, 3}); return nil },
			func(p [3]float64) [3]float64 { return [3]float64{p[0] + 1, p[1] - 2, p[2] + 3} },
			func(v [3]float64) [3]float64 { return v }, false},
		{"scale adjusts displacement", func(m *Model) error { m.ScaleGeometry(2.5, AdjustAuto); return nil },
			func(p [3]float64) [3]float64 { return [3]float64{2.5 * p[0], 2.5 * p[1], 2.5 * p[2]} },
			func(v [3]float64) [3]float64 { return [3]float64{2.5 * v[0], 2.5 * v[1], 2.5 * v[2]} }, false},
		{"scale without adjusting", func(m *Model) error { m.ScaleGeometry(2.5, AdjustNo); return nil },
			func(p [3]float64) [3]float64 { return [3]float64{2.5 * p[0], 2.5 * p[1], 2.5 * p[2]} },
			func(v [3]float64) [3]float64 { return v }, false},
		{"rotate 90 about z is exact", func(m *Model) error { return m.RotateGeometry([3]float64{0, 0, 2}, 90, AdjustAuto) },
			func(p [3]float64) [3]float64 { return [3]float64{-p[1], p[0], p[2]} },
			func(v [3]float64) [3]float64 { return [3]float64{-v[1], v[0], v[2]} }, false},
		{"rotate -90 about x", func(m *Model) error { return m.RotateGeometry([3]float64{1, 0, 0}, -90, AdjustAuto) },
			func(p [3]float64) [3]float64 { return [3]float64{p[0], p[2], -p[1]} },
			func(v [3]float64) [3]float64 { return [3]float64{v[0], v[2], -v[1]} }, false},
		{"rotate 30 about z", func(m *Model) error { return m.RotateGeometry([3]float64{0, 0, 1}, 30, AdjustNo) },
			func(p [3]float64) [3]float64 { return [3]float64{c30*p[0] - s30*p[1], s30*p[0] + c30*p[1], p[2]} },
			func(v [3]float64) [3]float64 { return v }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := twoBoxes(t)
			withDisplacement(t, m)
			before := New()
			before.Coords = slices.Clone(m.Coords)
			mustOK(t, c.op(m))
			for n := range int32(m.NumNodes()) {
				want := c.coord(nodeAt(before, n))
				got := nodeAt(m, n)
				for d := range 3 {
					if !closeTo(got[d], want[d], 1e-12) {
						t.Fatalf("node %d at %v, want %v", n, got, want)
					}
				}
				for step := range 2 {
					want := c.disp([3]float64{1, 2, 3})
					if got := disp(m, step, n); got != want {
						t.Fatalf("node %d displacement %v at step %d, want %v", n, got, step, want)
					}
				}
			}
		})
	}
	m := twoBoxes(t)
	wantErr(t, m.RotateGeometry([3]float64{0, 0, 0}, 10, AdjustAuto), "rotation axis")
}

func TestAdjustYesCreatesDisplacement(t *testing.T) {
	m := twoBoxes(t)
	mustOK(t, m.CreateTimestep(0))
	m.ScaleGeometry(2, AdjustYes)
	if !m.DisplacementFieldExists() {
		t.Error("adjust_displacement_field=True did not create the displacement field")
	}
	m2 := twoBoxes(t)
	mustOK(t, m2.CreateTimestep(0))
	m2.ScaleGeometry(2, AdjustAuto)
	if m2.DisplacementFieldExists() {
		t.Error("adjust_displacement_field='auto' created a displacement field")
	}
}

// sharedBlocks returns a 2x1x1 cube split into two blocks sharing the four
// nodes at x = 1 (nodes 1, 4, 7, 10).
func sharedBlocks(t testing.TB) *Model {
	t.Helper()
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 1}, {0, 1}}, [3]int{2, 1, 1}))
	b := m.Blocks[0]
	second := slices.Clone(b.Conn[8:])
	b.Conn, b.NumElems = b.Conn[:8], 1
	mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "hex8", NumElems: 1, NodesPerElem: 8}, second))
	return m
}

func TestBlockTransformsMergedNodes(t *testing.T) {
	ops := []struct {
		name string
		op   func(m *Model, check bool) error
	}{
		{"translate", func(m *Model, check bool) error {
			return m.TranslateElementBlocks(Sel(2), [3]float64{1, 0, 0}, check)
		}},
		{"scale", func(m *Model, check bool) error { return m.ScaleElementBlocks(Sel(2), 2, check, AdjustAuto) }},
		{"rotate", func(m *Model, check bool) error {
			return m.RotateElementBlocks(Sel(2), [3]float64{0, 0, 1}, 90, check, AdjustAuto)
		}},
		{"reflect", func(m *Model, check bool) error {
			return m.ReflectElementBlocks(Sel(2), [3]float64{5, 0, 0}, [3]float64{1, 0, 0}, check, AdjustAuto)
		}},
		{"displace", func(m *Model, check bool) error {
			return m.DisplaceElementBlocks(Sel(2), [3]float64{1, 0, 0}, Sel("all"), check)
		}},
	}
	for _, o := range ops {
		t.Run(o.name, func(t *testing.T) {
			m := sharedBlocks(t)
			mustOK(t, m.CreateTimestep(0))
			before := slices.Clone(m.Coords)
			wantErr(t, o.op(m, true), "Unable to operate on merged nodes.", "There are 4 shared nodes: 1, 4, 7, 10")
			if !slices.Equal(m.Coords, before) || m.NodeFieldExists("disp_x") {
				t.Error("the model changed although the operation failed")
			}
			mustOK(t, o.op(m, false))
			// Unmerged, the check passes.
			m = sharedBlocks(t)
			mustOK(t, m.CreateTimestep(0))
			mustOK(t, m.UnmergeElementBlocks(Sel("all")))
			mustOK(t, o.op(m, true))
		})
	}
}

func TestBlockTransformsMoveOnlyTheirNodes(t *testing.T) {
	m := twoBoxes(t)
	withDisplacement(t, m)
	b2 := m.blockNodes([]*ElementBlock{m.Block(2)})
	in2 := map[int32]bool{}
	for _, n := range b2 {
		in2[n] = true
	}
	before := slices.Clone(m.Coords)
	mustOK(t, m.TranslateElementBlocks(Sel(2), [3]float64{10, 0, 0}, true))
	mustOK(t, m.ScaleElementBlocks(Sel(2), 2, true, AdjustAuto))
	mustOK(t, m.RotateElementBlocks(Sel(2), [3]float64{0, 0, 1}, 180, true, AdjustAuto))
	mustOK(t, m.DisplaceElementBlocks(Sel(2), [3]float64{0.5, 0, 0}, Sel(1.0), true))
	for n := range int32(m.NumNodes()) {
		p := [3]float64{before[3*n], before[3*n+1], before[3*n+2]}
		want, wd0, wd1 := p, [3]float64{1, 2, 3}, [3]float64{1, 2, 3}
		if in2[n] {
			// translate, scale by 2, rotate 180 about z.
			want = [3]float64{-2 * (p[0] + 10), -2 * p[1], 2 * p[2]}
			wd0 = [3]float64{-2, -4, 6}
			wd1 = [3]float64{-2 + 0.5, -4, 6}
		}
		if got := nodeAt(m, n); got != want {
			t.Fatalf("node %d at %v, want %v", n, got, want)
		}
		if got := disp(m, 0, n); got != wd0 {
			t.Fatalf("node %d displacement %v at step 0, want %v", n, got, wd0)
		}
		if got := disp(m, 1, n); got != wd1 {
			t.Fatalf("node %d displacement %v at step 1, want %v", n, got, wd1)
		}
	}
	m2 := twoBoxes(t)
	wantErr(t, m2.DisplaceElementBlocks(Sel(2), [3]float64{1, 0, 0}, Sel("all"), true), "No timesteps defined")
}

func TestReflectElementBlocks(t *testing.T) {
	const d = 2
	m := hexCube(t, 2, d)
	withDisplacement(t, m)
	// One member on each side of the corner element 0, with distribution
	// factors equal to the node index of each side node.
	var mem SideSetMembers
	for s := range int32(6) {
		mem.BlockIDs = append(mem.BlockIDs, 1)
		mem.Elems = append(mem.Elems, 0)
		mem.Sides = append(mem.Sides, s)
	}
	mustOK(t, m.CreateSideSet(1, mem))
	ss := m.SideSet(1)
	faceNodes := func(k int) []int32 {
		nodes, _ := sideNodes(m.Block(1), ss.Sides[k])
		el := m.Block(1).Conn[8*int(ss.Elems[k]):]
		out := make([]int32, len(nodes))
		for i, l := range nodes {
			out[i] = el[l]
		}
		return out
	}
	for k := range 6 {
		for _, n := range faceNodes(k) {
			ss.DistFactors = append(ss.DistFactors, float64(n))
		}
	}
	sets := func() [][]int32 {
		var out [][]int32
		for k := range 6 {
			out = append(out, slices.Sorted(slices.Values(faceNodes(k))))
		}
		return out
	}
	facesBefore := sets()
	before := slices.Clone(m.Coords)
	mustOK(t, m.ReflectElementBlocks(Sel(1), [3]float64{-1, 0, 0}, [3]float64{-3, 0, 0}, true, AdjustAuto))
	for n := range int32(m.NumNodes()) {
		want := [3]float64{-2 - before[3*n], before[3*n+1], before[3*n+2]}
		if got := nodeAt(m, n); got != want {
			t.Fatalf("node %d at %v, want %v", n, got, want)
		}
		if got, want := disp(m, 1, n), [3]float64{-1, 2, 3}; got != want {
			t.Fatalf("node %d displacement %v, want %v", n, got, want)
		}
	}
	// Elements are not inside out.
	mustOK(t, m.CalculateElementVolumes("v", Sel(1)))
	checkAll(t, "volume after reflection", elemValues(t, m, 1, "v", 0), 8, func(int) float64 { return 1 })
	// Each member is the same physical face; its distribution factors
	// follow its nodes.
	if got := sets(); !slices.EqualFunc(got, facesBefore, slices.Equal) {
		t.Errorf("side faces %v, want %v", got, facesBefore)
	}
	if want := []int32{0, 1, 2, 3, 5, 4}; !slices.Equal(ss.Sides, want) {
		t.Errorf("sides %v, want %v (top and bottom swap)", ss.Sides, want)
	}
	off := 0
	for k := range 6 {
		for _, n := range faceNodes(k) {
			if ss.DistFactors[off] != float64(n) {
				t.Errorf("member %d: distribution factor %v at node %d", k, ss.DistFactors[off], n)
			}
			off++
		}
	}
	wantErr(t, m.ReflectElementBlocks(Sel(1), [3]float64{}, [3]float64{}, true, AdjustAuto), "reflection normal")
	s := blockOf(t, "sphere", 1, []float64{1, 2, 3}, []int32{0})
	wantErr(t, s.ReflectElementBlocks(Sel(1), [3]float64{}, [3]float64{1, 0, 0}, true, AdjustAuto), "Unknown inversion algorithm.")
	if s.Coords[0] != 1 {
		t.Error("a refused reflection moved nodes")
	}
}

func TestReflectInversions(t *testing.T) {
	// Every inversion keeps each side's node set (so it maps sides to
	// sides), and reflecting twice restores the connectivity.
	for typ, p := range invertedConnectivity {
		b := &ElementBlock{Type: typ, NodesPerElem: len(p), NumElems: 1}
		inv, err := inversionOf(b)
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		tp := topologyOf(b)
		if tp == nil {
			t.Errorf("%s: no topology", typ)
			continue
		}
		q := slices.Clone(p)
		for j := range q {
			q[j] = p[p[j]]
		}
		for j := range q {
			if q[j] != int32(j) {
				t.Errorf("%s: inverting twice is not the identity: %v", typ, q)
				break
			}
		}
		for s, f := range tp.Faces {
			g := tp.Faces[inv.newSide[s]]
			want := map[int32]bool{}
			for _, l := range f.Nodes {
				want[l] = true
			}
			for _, l := range g.Nodes {
				if !want[p[l]] {
					t.Errorf("%s: side %d maps to side %d, which holds other nodes", typ, s, inv.newSide[s])
				}
			}
		}
	}
	// A shell keeps its top and bottom (exomerge maps both to side 1).
	inv, err := inversionOf(&ElementBlock{Type: "shell4", NodesPerElem: 4})
	mustOK(t, err)
	if inv.newSide[0] != 0 || inv.newSide[1] != 1 {
		t.Errorf("shell sides map to %v, want top to top and bottom to bottom", inv.newSide[:2])
	}
}
