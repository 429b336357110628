package meshobj

import (
	"math"
	"testing"
)

// TestPictureSurface: a 3x3x3 cube has 6*9 skin quads, 108 triangles, all
// front-only, over its 4^3 - 2^3 = 56 surface nodes, each triangle's
// corners counter-clockwise seen from outside (its normal points away from
// the cube's centre).
func TestPictureSurface(t *testing.T) {
	m := cubeN(t, 3)
	p, err := m.PictureSurface(Sel("all"))
	mustOK(t, err)
	if nt := len(p.Tris) / 3; nt != 108 || len(p.Edges) != nt || len(p.FrontOnly) != nt || len(p.TriElem) != nt {
		t.Fatalf("%d triangles (edges %d, front %d, elems %d), want 108", nt, len(p.Edges), len(p.FrontOnly), len(p.TriElem))
	}
	if len(p.Nodes) != 56 || p.Flat {
		t.Errorf("%d points (flat %v), want 56 and not flat", len(p.Nodes), p.Flat)
	}
	pt := func(i int32) [3]float64 {
		n := p.Nodes[i]
		return [3]float64{m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]}
	}
	for k := 0; k < len(p.Tris); k += 3 {
		a, b, c := pt(p.Tris[k]), pt(p.Tris[k+1]), pt(p.Tris[k+2])
		u := [3]float64{b[0] - a[0], b[1] - a[1], b[2] - a[2]}
		v := [3]float64{c[0] - a[0], c[1] - a[1], c[2] - a[2]}
		n := [3]float64{u[1]*v[2] - u[2]*v[1], u[2]*v[0] - u[0]*v[2], u[0]*v[1] - u[1]*v[0]}
		out := 0.0
		for d := range 3 {
			out += n[d] * ((a[d]+b[d]+c[d])/3 - 0.5)
		}
		if out <= 0 || !p.FrontOnly[k/3] {
			t.Fatalf("triangle %d faces inwards or is not front-only", k/3)
		}
		// Two triangles per quad: the first has its sides 0-1 and 1-2,
		// the second 1-2 and 2-0.
		if want := []uint8{3, 6}[(k/3)%2]; p.Edges[k/3] != want {
			t.Fatalf("triangle %d: edges %b, want %b", k/3, p.Edges[k/3], want)
		}
	}
}

// TestPicturePlan: quad4 elements in z = 0 are drawn themselves (two
// triangles each), flat; a bar block is left out; an element field
// missing on one block is NaN there.
func TestPicturePlan(t *testing.T) {
	m := New()
	m.NumDim = 2
	mustOK(t, m.CreateNodes([]float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0, 2, 1, 0}))
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: "quad4", NumElems: 1, NodesPerElem: 4}, []int32{0, 1, 2, 3}))
	mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "quad4", NumElems: 1, NodesPerElem: 4}, []int32{1, 4, 5, 2}))
	mustOK(t, m.CreateElementBlock(3, BlockInfo{Type: "bar2", NumElems: 1, NodesPerElem: 2}, []int32{0, 4}))
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateElementField("e", Sel(int64(1)), 7))
	p, err := m.PictureSurface(Sel("all"))
	mustOK(t, err)
	if len(p.Tris) != 12 || !p.Flat || len(p.Nodes) != 6 {
		t.Fatalf("%d triangle corners, flat %v, %d points; want 12, true, 6", len(p.Tris), p.Flat, len(p.Nodes))
	}
	for _, f := range p.FrontOnly {
		if f {
			t.Fatal("a 2-D element is front-only")
		}
	}
	v, err := m.PictureElementValues(p, "e", 0)
	mustOK(t, err)
	if v[0] != 7 || v[1] != 7 || !math.IsNaN(v[2]) || !math.IsNaN(v[3]) {
		t.Errorf("element values %v, want 7 7 NaN NaN", v)
	}
	if _, err := m.PictureElementValues(p, "nope", 0); err == nil {
		t.Error("unknown element field: no error")
	}
	if _, err := m.PictureSurface(Sel(int64(3))); err == nil {
		t.Error("a bar block alone: no error")
	}
}
