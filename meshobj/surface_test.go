package meshobj

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// cubeN returns build_hex8_cube(1, extents=1, divisions=n).
func cubeN(t testing.TB, n int) *Model {
	t.Helper()
	m := New()
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{n, n, n}))
	return m
}

// faceCentre returns the mean of the nodes of side s of element e of
// block b, by exomerge's hex8 FACE_MAPPING.
func faceCentre(m *Model, b *ElementBlock, e, s int32) [3]float64 {
	hexFaces := [6][4]int{{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {0, 3, 2, 1}, {4, 5, 6, 7}}
	var c [3]float64
	for _, l := range hexFaces[s] {
		n := b.Conn[8*int(e)+l]
		for d := range 3 {
			c[d] += m.Coords[3*n+int32(d)] / 4
		}
	}
	return c
}

func TestCreateSideSetFromExpression(t *testing.T) {
	const n = 4
	tol := func(x float64) *float64 { return &x }
	cases := []struct {
		expr  string
		tol   *float64
		count int
		// plane: every selected face centre has coordinate axis == at.
		axis int
		at   float64
	}{
		{"X == 0", nil, n * n, 0, 0},
		{"Y = 1", nil, n * n, 1, 1},
		{"Z <= 0", nil, n * n, 2, 0},
		{"X >= 1", nil, n * n, 0, 1},
		// Faces whose nodes each lie on X = 0 or on Y = 0: both walls.
		{"X == 0 || Y == 0", nil, 2 * n * n, -1, 0},
		// No face has all its nodes on the edge X = Y = 0.
		{"X == 0 && Y == 0", nil, 0, -1, 0},
		// Every external face.
		{"X >= 0", nil, 6 * n * n, -1, 0},
		{"X == 0.001", nil, 0, -1, 0},
		{"X == 0.001", tol(0.01), n * n, 0, 0},
	}
	for _, c := range cases {
		m := cubeN(t, n)
		r := watch(m)
		mustOK(t, m.CreateSideSetFromExpression(7, c.expr, Sel(KeyAll), c.tol, Sel(KeyLastIfAny), true))
		s := m.SideSets[0]
		if len(s.BlockIDs) != c.count {
			t.Errorf("%q: %d faces, want %d", c.expr, len(s.BlockIDs), c.count)
			continue
		}
		if c.count == 0 && !slices.Contains(r.shorts(), "Empty side set.") {
			t.Errorf("%q: warnings %v, want Empty side set.", c.expr, r.shorts())
		}
		for k := range s.BlockIDs {
			if c.axis >= 0 {
				if x := faceCentre(m, m.Blocks[0], s.Elems[k], s.Sides[k])[c.axis]; x != c.at {
					t.Errorf("%q: face %d centre at %v", c.expr, k, x)
				}
			}
			if k > 0 && (s.Elems[k] < s.Elems[k-1] || s.Elems[k] == s.Elems[k-1] && s.Sides[k] <= s.Sides[k-1]) {
				t.Errorf("%q: faces out of element order at %d", c.expr, k)
			}
		}
	}
}

func TestCreateSideSetFromExpressionFields(t *testing.T) {
	m := cubeN(t, 2)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(2))
	mustOK(t, m.CreateNodeField("temp", 0))
	for ti := range m.Timesteps {
		v := m.NodeFields[0].Own(ti)
		for i := range v {
			v[i] = m.Coords[3*i+1] * float64(ti) // Y at time 2, 0 at time 0
		}
	}
	// The last timestep by default: temp == 1 is the plane Y = 1.
	mustOK(t, m.CreateSideSetFromExpression(1, "temp == 1", Sel(KeyAll), nil, Sel(KeyLastIfAny), true))
	if got := len(m.SideSets[0].BlockIDs); got != 4 {
		t.Errorf("temp == 1 at the last timestep: %d faces, want 4", got)
	}
	// At time 0, temp == 0 everywhere.
	mustOK(t, m.CreateSideSetFromExpression(2, "temp == time", Sel(KeyAll), nil, Sel(0.0), true))
	if got := len(m.SideSets[1].BlockIDs); got != 24 {
		t.Errorf("temp == time at time 0: %d faces, want 24", got)
	}
	// Without a timestep there are no node fields.
	err := m.CreateSideSetFromExpression(3, "temp == 1", Sel(KeyAll), nil, Sel(KeyNone), true)
	wantErr(t, err, "Invalid expression", "temp")
	if len(m.SideSets) != 2 {
		t.Errorf("%d side sets after a failed call, want 2", len(m.SideSets))
	}
	// More than two timesteps is refused.
	mustOK(t, m.CreateTimestep(3))
	err = m.CreateSideSetFromExpression(3, "X == 0", Sel(KeyAll), nil, Sel(KeyAll), true)
	wantErr(t, err, "Too many timesteps specified.", "found 3")
}

func TestCreateSideSetFromExpressionErrors(t *testing.T) {
	m := cubeN(t, 2)
	mustOK(t, m.CreateSideSet(5, SideSetMembers{BlockIDs: []int64{1}, Elems: []int32{0}, Sides: []int32{0}}))
	before := len(m.SideSets[0].BlockIDs)
	err := m.CreateSideSetFromExpression(5, "W == 0", Sel(KeyAll), nil, Sel(KeyLastIfAny), true)
	wantErr(t, err, "Invalid expression", `"W"`, "X, Y, Z")
	if len(m.SideSets) != 1 || len(m.SideSets[0].BlockIDs) != before {
		t.Errorf("side sets changed by a failed call")
	}
	// An existing set is replaced, with exomerge's warning (twice).
	r := watch(m)
	mustOK(t, m.CreateSideSetFromExpression(5, "Z == 1", Sel(KeyAll), nil, Sel(KeyLastIfAny), true))
	if got := r.shorts(); len(got) != 2 || got[0] != "Side set already exists." {
		t.Errorf("warnings %v", got)
	}
	if len(m.SideSets[0].BlockIDs) != 4 {
		t.Errorf("replaced set has %d faces, want 4", len(m.SideSets[0].BlockIDs))
	}
}

// triArea returns the area of a triangle of the surface.
func triArea(c []float64, a, b, d int32) float64 {
	p := func(k int32, i int) float64 { return c[3*k+int32(i)] }
	u := [3]float64{p(b, 0) - p(a, 0), p(b, 1) - p(a, 1), p(b, 2) - p(a, 2)}
	v := [3]float64{p(d, 0) - p(a, 0), p(d, 1) - p(a, 1), p(d, 2) - p(a, 2)}
	x := [3]float64{u[1]*v[2] - u[2]*v[1], u[2]*v[0] - u[0]*v[2], u[0]*v[1] - u[1]*v[0]}
	return math.Sqrt(x[0]*x[0]+x[1]*x[1]+x[2]*x[2]) / 2
}

func TestExportSTLSurface(t *testing.T) {
	const n = 3
	m := cubeN(t, n)
	s, err := m.ExportSTL(Sel(KeyAll), Sel(KeyAuto))
	mustOK(t, err)
	// 6n^2 quad faces, 4 triangles each around a new centre point; the
	// points are the (n+1)^3 - (n-1)^3 boundary nodes and the centres.
	if got, want := len(s.Tris)/3, 4*6*n*n; got != want {
		t.Fatalf("%d triangles, want %d", got, want)
	}
	if got, want := len(s.Coords)/3, (n+1)*(n+1)*(n+1)-(n-1)*(n-1)*(n-1)+6*n*n; got != want {
		t.Errorf("%d points, want %d", got, want)
	}
	area := 0.0
	for k := 0; k < len(s.Tris); k += 3 {
		area += triArea(s.Coords, s.Tris[k], s.Tris[k+1], s.Tris[k+2])
	}
	if math.Abs(area-6) > 1e-12 {
		t.Errorf("surface area %v, want 6", area)
	}
	// A displacement at the last timestep moves the surface.
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateDisplacementField())
	for _, f := range m.NodeFields {
		if f.Name == "disp_x" {
			for i := range f.Values[0] {
				f.Own(0)[i] = 10
			}
		}
	}
	s, err = m.ExportSTL(Sel(KeyAll), Sel(KeyAuto))
	mustOK(t, err)
	for k := 0; k < len(s.Coords); k += 3 {
		if s.Coords[k] < 10 || s.Coords[k] > 11 {
			t.Fatalf("point %d x = %v, want in [10, 11]", k/3, s.Coords[k])
		}
	}
	s, err = m.ExportSTL(Sel(KeyAll), Sel(KeyNone))
	mustOK(t, err)
	if s.Coords[0] > 1 {
		t.Errorf("displacement_timestep='none' displaced the points")
	}
	// 2-D elements cannot be exported.
	q := New()
	mustOK(t, q.CreateNodes([]float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}))
	mustOK(t, q.CreateElementBlock(1, BlockInfo{Type: "quad4", NumElems: 1, NodesPerElem: 4}, []int32{0, 1, 2, 3}))
	_, err = q.ExportSTL(Sel(KeyAll), Sel(KeyAuto))
	wantErr(t, err, "Incompatible element dimension.", "element block 1", "quad4")
}

func TestHLSToRGB(t *testing.T) {
	// colorsys.hls_to_rgb(h, 0.5, 1.0) at the hues exomerge uses for 2
	// intervals: 2/3 (blue), 1/3 (green), 0 (red).
	cases := []struct{ h, r, g, b float64 }{
		{2.0 / 3, 0, 0, 1},
		{2.0/3 - 2.0/3*1/2, 0, 1, 0},
		{0, 1, 0, 0},
		// Hue 1/2 and 1/12 (values from python3's colorsys).
		{0.5, 0, 0.9999999999999998, 1},
		{1.0 / 12, 1, 0.5, 0},
	}
	for _, c := range cases {
		r, g, b := hlsToRGB(c.h, 0.5, 1)
		if r != c.r || g != c.g || b != c.b {
			t.Errorf("hls_to_rgb(%v, 0.5, 1) = %v %v %v, want %v %v %v", c.h, r, g, b, c.r, c.g, c.b)
		}
	}
}

func TestExportWRLScene(t *testing.T) {
	const n = 3
	m := cubeN(t, n)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("t", 0))
	v := m.NodeFields[0].Values[0]
	for i := range v {
		v[i] = m.Coords[3*i] // t = X, from 0 to 1
	}
	nn := m.NumNodes()
	o := WRLOptions{NodeField: "t", Blocks: Sel(KeyAll), Timestep: Str(KeyLast), Intervals: 4,
		DisplacementTimestep: Str(KeyAuto), ExodusCopy: true}
	sc, err := m.ExportWRL(o)
	mustOK(t, err)
	if m.NumNodes() != nn || len(m.Blocks) != 1 {
		t.Errorf("the model changed: %d nodes, %d blocks", m.NumNodes(), len(m.Blocks))
	}
	// exomerge's rgb end colours: blue at the minimum, red at the maximum
	// (4 intervals: 3 bounds, 4 colours).
	// The list is python3's
	// [colorsys.hls_to_rgb(2.0/3 - 2.0/3*x/3, 0.5, 1) for x in range(4)].
	wantColors := [][3]float64{{0, 0, 1}, {0, 1, 0.6666666666666666}, {0.6666666666666663, 1, 0}, {1, 0, 0}}
	if !slices.Equal(sc.Colors, wantColors) {
		t.Errorf("colours %v, want %v", sc.Colors, wantColors)
	}
	// Each piece lies in its interval: bounds 0.25, 0.5, 0.75 of t = X.
	// The points' coordinates are undisplaced (no displacement field), so
	// X of each vertex is the field.
	area := 0.0
	for k := range sc.ColorIdx {
		a, b, c := sc.Tris[3*k], sc.Tris[3*k+1], sc.Tris[3*k+2]
		area += triArea(sc.Coords, a, b, c)
		lo, hi := float64(sc.ColorIdx[k])*0.25, float64(sc.ColorIdx[k]+1)*0.25
		for _, p := range []int32{a, b, c} {
			if x := sc.Coords[3*p]; x < lo-1e-12 || x > hi+1e-12 {
				t.Fatalf("piece %d (interval %d) has a vertex at X = %v", k, sc.ColorIdx[k], x)
			}
		}
	}
	if math.Abs(area-6) > 1e-12 {
		t.Errorf("pieces' area %v, want 6", area)
	}
	// The faces at X = 0 are blue (index 0), those at X = 1 red (3).
	for k := range sc.ColorIdx {
		xs := [3]float64{sc.Coords[3*sc.Tris[3*k]], sc.Coords[3*sc.Tris[3*k+1]], sc.Coords[3*sc.Tris[3*k+2]]}
		if xs == [3]float64{0, 0, 0} && sc.ColorIdx[k] != 0 || xs == [3]float64{1, 1, 1} && sc.ColorIdx[k] != 3 {
			t.Errorf("piece %d at X = %v has colour %d", k, xs, sc.ColorIdx[k])
		}
	}
	// The companion: one tri3 block (id 3: 2 is the triangle block) with
	// the interval field, every point.
	c := sc.Companion
	if c == nil || len(c.Blocks) != 1 || c.Blocks[0].ID != 3 || c.Blocks[0].Type != "tri3" ||
		c.NumNodes() != len(sc.Coords)/3 || c.Blocks[0].Fields[0].Name != "interval" {
		t.Fatalf("companion %+v", c)
	}
	// Errors.
	o.FieldRange = &[2]float64{1, 1}
	_, err = m.ExportWRL(o)
	wantErr(t, err, "Invalid field range.", "[1 - 1]")
	o.FieldRange = nil
	o.Colors = [][3]float64{{0, 0, 0}}
	_, err = m.ExportWRL(o)
	wantErr(t, err, "Unrecognized colorspace.", "length 4")
	o.Colors, o.Intervals = nil, 1
	_, err = m.ExportWRL(o)
	wantErr(t, err, "Invalid intervals.")
	// One interval with one colour is fine: every piece gets colour 0.
	o.Colors = [][3]float64{{0.5, 0.5, 0.5}}
	sc, err = m.ExportWRL(o)
	mustOK(t, err)
	if slices.Max(sc.ColorIdx) != 0 || len(sc.ColorIdx) != 4*6*n*n {
		t.Errorf("one interval: %d pieces, largest index %d", len(sc.ColorIdx), slices.Max(sc.ColorIdx))
	}
}

func TestExportWRLTriangles(t *testing.T) {
	// The surface of a tetrahedron as tri3 elements, outward.
	m := New()
	mustOK(t, m.CreateNodes([]float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}))
	tris := []int32{0, 2, 1, 0, 1, 3, 1, 2, 3, 0, 3, 2}
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: "tri3", NumElems: 3, NodesPerElem: 3}, tris[:9]))
	mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "tri3", NumElems: 1, NodesPerElem: 3}, tris[9:]))
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("f", 0))
	copy(m.NodeFields[0].Values[0], []float64{0, 1, 2, 3})
	o := WRLOptions{NodeField: "f", Blocks: Sel(KeyAll), Timestep: Str(KeyLast), Intervals: 3,
		DisplacementTimestep: Str(KeyAuto), ExodusCopy: true}
	r := watch(m)
	sc, err := m.ExportWRL(o)
	mustOK(t, err)
	if len(r.ws) != 0 {
		t.Errorf("warnings %v for a closed surface", r.shorts())
	}
	// Cuts at f = 1 and f = 2 through nodes 1 and 2 and across edges:
	// every piece's vertices lie in its interval, and the area is kept.
	want := triArea(m.Coords, 0, 2, 1) + triArea(m.Coords, 0, 1, 3) + triArea(m.Coords, 1, 2, 3) + triArea(m.Coords, 0, 3, 2)
	area := 0.0
	f := func(p int32) float64 {
		// f is linear here: f = x + 2y + 3z at the four nodes.
		return sc.Coords[3*p] + 2*sc.Coords[3*p+1] + 3*sc.Coords[3*p+2]
	}
	for k, c := range sc.ColorIdx {
		a, b, d := sc.Tris[3*k], sc.Tris[3*k+1], sc.Tris[3*k+2]
		area += triArea(sc.Coords, a, b, d)
		for _, p := range []int32{a, b, d} {
			if v := f(p); v < float64(c)-1e-12 || v > float64(c)+1+1e-12 {
				t.Errorf("piece %d (interval %d) has a vertex with f = %v", k, c, v)
			}
		}
	}
	if math.Abs(area-want) > 1e-12 {
		t.Errorf("area %v, want %v", area, want)
	}
	// The copies take ids 3 and 4, the triangle block 5; the cut block is
	// then 3.
	if sc.Companion.Blocks[0].ID != 3 {
		t.Errorf("companion block id %d, want 3", sc.Companion.Blocks[0].ID)
	}
	// Without block 2 the surface is open: its three edges are unmatched.
	o.Blocks = Sel(1)
	_, err = m.ExportWRL(o)
	mustOK(t, err)
	if len(r.ws) != 1 || r.ws[0].Short != "Enclosure is not watertight." || !strings.Contains(r.ws[0].Detail, "We found 3 unmatched sides.") {
		t.Errorf("warnings %v", r.ws)
	}
	// Mixed dimensions are refused.
	mustOK(t, m.BuildHex8Cube(9, [3][2]float64{{2, 3}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	o.Blocks = Sel(KeyAll)
	_, err = m.ExportWRL(o)
	wantErr(t, err, "Invalid input.")
}
