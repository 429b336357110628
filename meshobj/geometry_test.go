package meshobj

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"exosh/compute"
)

// Expected values in these tests come from exomerge's formulas worked by
// hand on shapes whose measures are known: a cube of edge e divided d
// times has elements of volume (e/d)^3, faces of area e^2, and so on.

func TestCalculateElementVolumes(t *testing.T) {
	cases := []struct {
		name   string
		typ    string
		npe    int
		coords []float64
		conn   []int32
		want   []float64
	}{
		{"unit tet", "tet4", 4, []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, []int32{0, 1, 2, 3}, []float64{1.0 / 6}},
		{"inverted tet is negative", "TETRA", 4, []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, []int32{0, 2, 1, 3}, []float64{-1.0 / 6}},
		{"quad4 2x3", "quad4", 4, []float64{0, 0, 0, 2, 0, 0, 2, 3, 0, 0, 3, 0}, []int32{0, 1, 2, 3}, []float64{6}},
		{"tri3 legs 2 and 3", "tri3", 3, []float64{0, 0, 0, 2, 0, 0, 0, 3, 0}, []int32{0, 1, 2}, []float64{3}},
		{"line2 3-4-5", "line2", 2, []float64{0, 0, 0, 3, 4, 0}, []int32{0, 1}, []float64{5}},
		{"wedge6 prism height 2", "wedge6", 6, []float64{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 1, 0, 2, 0, 1, 2}, []int32{0, 1, 2, 3, 4, 5}, []float64{1}},
		{"sheared hex", "hex8", 8, []float64{
			0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0,
			0.5, 0, 1, 1.5, 0, 1, 1.5, 1, 1, 0.5, 1, 1}, []int32{0, 1, 2, 3, 4, 5, 6, 7}, []float64{1}},
		{"shell4 unit square", "SHELL4", 4, []float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, []int32{0, 1, 2, 3}, []float64{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := blockOf(t, c.typ, c.npe, c.coords, c.conn)
			mustOK(t, m.CalculateElementVolumes("volume", Sel("all")))
			if !slices.Equal(m.Timesteps, []float64{0}) {
				t.Fatalf("timesteps %v, want [0] created", m.Timesteps)
			}
			got := elemValues(t, m, 1, "volume", 0)
			checkAll(t, "volume", got, len(c.want), func(i int) float64 { return c.want[i] })
		})
	}
}

func TestCalculateElementVolumesCube(t *testing.T) {
	m := hexCube(t, 2, 4)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	r := watch(m)
	mustOK(t, m.CalculateElementVolumes("v", Sel("all")))
	for step := range 2 {
		checkAll(t, "v", elemValues(t, m, 1, "v", step), 64, func(int) float64 { return 0.125 })
	}
	// A write through a timestep's own array changes that timestep only.
	FindField(m.Block(1).Fields, "v").Own(0)[0] = 7
	checkClose(t, "v at step 1", elemValues(t, m, 1, "v", 1)[0], 0.125)
	if len(r.ws) != 0 {
		t.Errorf("warnings %v", r.shorts())
	}
	mustOK(t, m.CalculateElementVolumes("v", Sel(1)))
	if got := r.shorts(); !slices.Equal(got, []string{"Element field already exists."}) {
		t.Errorf("warnings %v, want one overwrite warning", got)
	}
}

func TestCalculateElementVolumesUnknownType(t *testing.T) {
	m := blockOf(t, "sphere", 1, []float64{0, 0, 0}, []int32{0})
	r := watch(m)
	mustOK(t, m.CalculateElementVolumes("volume", Sel("all")))
	if got := r.shorts(); !slices.Equal(got, []string{"Unrecognized element type"}) {
		t.Errorf("warnings %v", got)
	}
	if FindField(m.Block(1).Fields, "volume") != nil {
		t.Error("volume field created on a block without a formula")
	}
}

func TestCalculateElementCentroids(t *testing.T) {
	const d = 2
	m := hexCube(t, 2, d)
	mustOK(t, m.CalculateElementCentroids(CentroidFieldNames("centroid_"), Sel("all")))
	// Element (i, j, k) has index (i*d + j)*d + k and centroid
	// (i, j, k) + 0.5 (edge 1).
	ijk := func(e int) [3]int { return [3]int{e / (d * d), e / d % d, e % d} }
	for a, n := range []string{"centroid_x", "centroid_y", "centroid_z"} {
		checkAll(t, n, elemValues(t, m, 1, n, 0), 8, func(e int) float64 { return float64(ijk(e)[a]) + 0.5 })
	}
	// Custom names, a selection of blocks.
	mustOK(t, m.CalculateElementCentroids([3]string{"cx", "cy", "cz"}, Sel(1)))
	checkAll(t, "cz", elemValues(t, m, 1, "cz", 0), 8, func(e int) float64 { return float64(ijk(e)[2]) + 0.5 })
}

// twoBoxes returns block 1 = [0,2]^3 divided 4 (volume 8) and block 2 =
// [3,4]x[0,1]x[0,1] divided 1 (volume 1).
func twoBoxes(t testing.TB) *Model {
	t.Helper()
	m := hexCube(t, 2, 4)
	mustOK(t, m.BuildHex8Cube(2, [3][2]float64{{3, 4}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	return m
}

func TestGetElementBlockVolumeAndCentroid(t *testing.T) {
	cases := []struct {
		sel      Selector
		vol      float64
		centroid [3]float64
	}{
		{Sel("all"), 9, [3]float64{(8 + 3.5) / 9, (8 + 0.5) / 9, (8 + 0.5) / 9}},
		{Sel(1), 8, [3]float64{1, 1, 1}},
		{Sel(2), 1, [3]float64{3.5, 0.5, 0.5}},
		{Sel("none"), 0, [3]float64{math.NaN(), math.NaN(), math.NaN()}},
	}
	for _, c := range cases {
		t.Run(c.sel.String(), func(t *testing.T) {
			m := twoBoxes(t)
			v, err := m.GetElementBlockVolume(c.sel, "")
			mustOK(t, err)
			checkClose(t, "volume", v, c.vol)
			ctr, err := m.GetElementBlockCentroid(c.sel, "", nil)
			mustOK(t, err)
			for d := range 3 {
				checkClose(t, "centroid", ctr[d], c.centroid[d])
			}
			if len(m.Timesteps) != 0 || len(m.Block(1).Fields) != 0 {
				t.Error("temporary timesteps or fields were left behind")
			}
			// From stored fields.
			mustOK(t, m.CalculateElementVolumes("vol", Sel("all")))
			mustOK(t, m.CalculateElementCentroids(CentroidFieldNames("c_"), Sel("all")))
			v, err = m.GetElementBlockVolume(c.sel, "vol")
			mustOK(t, err)
			checkClose(t, "volume from field", v, c.vol)
			ctr, err = m.GetElementBlockCentroid(c.sel, "vol", []string{"c_x", "c_y", "c_z"})
			mustOK(t, err)
			for d := range 3 {
				checkClose(t, "centroid from fields", ctr[d], c.centroid[d])
			}
		})
	}
	m := twoBoxes(t)
	_, err := m.GetElementBlockVolume(Sel("all"), "nope")
	wantErr(t, err, `element field "nope" does not exist on element block`)
	_, err = m.GetElementBlockCentroid(Sel("all"), "", []string{"a"})
	wantErr(t, err, "Three element field names")
}

func TestGetElementBlockExtents(t *testing.T) {
	cases := []struct {
		sel  Selector
		want [3][2]float64
	}{
		{Sel("all"), [3][2]float64{{0, 4}, {0, 2}, {0, 2}}},
		{Sel(2), [3][2]float64{{3, 4}, {0, 1}, {0, 1}}},
		{Sel(1), [3][2]float64{{0, 2}, {0, 2}, {0, 2}}},
	}
	for _, c := range cases {
		m := twoBoxes(t)
		got, err := m.GetElementBlockExtents(c.sel)
		mustOK(t, err)
		if got != c.want {
			t.Errorf("extents(%v) = %v, want %v", c.sel, got, c.want)
		}
	}
	m := twoBoxes(t)
	_, err := m.GetElementBlockExtents(Sel("none"))
	wantErr(t, err, "No element blocks specified")
	mustOK(t, m.CreateElementBlock(3, BlockInfo{Type: "hex8", NodesPerElem: 8}, nil))
	_, err = m.GetElementBlockExtents(Sel(3))
	wantErr(t, err, "contain no nodes")
}

func TestGetLengthScale(t *testing.T) {
	cases := []struct {
		name string
		ext  [3][2]float64
		want float64
	}{
		{"unit", [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, 1},
		{"negative minimum dominates", [3][2]float64{{-5, -3}, {0, 1}, {0, 1}}, 5},
		{"range dominates", [3][2]float64{{-4, 4}, {0, 1}, {0, 1}}, 8},
		{"absolute maximum dominates", [3][2]float64{{10, 30}, {0, 1}, {0, 1}}, 30},
	}
	for _, c := range cases {
		m := New()
		mustOK(t, m.BuildHex8Cube(1, c.ext, [3]int{2, 2, 2}))
		checkClose(t, c.name, m.GetLengthScale(), c.want)
	}
	if got := New().GetLengthScale(); got != 0 {
		t.Errorf("empty model length scale %v, want 0", got)
	}
}

func TestGetElementEdgeLengthInfo(t *testing.T) {
	box := func(t testing.TB) *Model {
		m := New()
		mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 2}, {0, 4}}, [3]int{1, 1, 1}))
		return m
	}
	withTet := func(t testing.TB) *Model {
		m := box(t)
		first := int32(m.NumNodes())
		mustOK(t, m.CreateNodes([]float64{10, 0, 0, 11, 0, 0, 10, 1, 0, 10, 0, 1}))
		mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "tet4", NumElems: 1, NodesPerElem: 4}, []int32{first, first + 1, first + 2, first + 3}))
		return m
	}
	cases := []struct {
		name      string
		model     func(testing.TB) *Model
		sel       Selector
		min, mean float64
	}{
		{"cube 2 divided 4", func(t testing.TB) *Model { return hexCube(t, 2, 4) }, Sel("all"), 0.5, 0.5},
		{"1x2x4 box", box, Sel("all"), 1, 28.0 / 12},
		{"box and tet", withTet, Sel("all"), 1, (28 + 3 + 3*math.Sqrt2) / 18},
		{"tet only", withTet, Sel(2), 1, (3 + 3*math.Sqrt2) / 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mn, mean, err := c.model(t).GetElementEdgeLengthInfo(c.sel)
			mustOK(t, err)
			checkClose(t, "min", mn, c.min)
			checkClose(t, "mean", mean, c.mean)
		})
	}
	m := blockOf(t, "sphere", 1, []float64{0, 0, 0}, []int32{0})
	mn, mean, err := m.GetElementEdgeLengthInfo(Sel("all"))
	mustOK(t, err)
	if !math.IsNaN(mn) || !math.IsNaN(mean) {
		t.Errorf("no edges: %v, %v, want NaN, NaN", mn, mean)
	}
	_, _, err = m.GetElementEdgeLengthInfo(Sel("none"))
	wantErr(t, err, "No element blocks specified")
}

// cubeFaces returns the side set members of the faces of hexCube(e, d) on
// one boundary side (0-based hex8 side index): side 0 y=0, 1 x=e, 2 y=e,
// 3 x=0, 4 z=0, 5 z=e.
func cubeFaces(d int, side int32) SideSetMembers {
	var mem SideSetMembers
	for i := range d {
		for j := range d {
			for k := range d {
				on := map[int32]bool{0: j == 0, 1: i == d-1, 2: j == d-1, 3: i == 0, 4: k == 0, 5: k == d-1}[side]
				if on {
					mem.BlockIDs = append(mem.BlockIDs, 1)
					mem.Elems = append(mem.Elems, int32((i*d+j)*d+k))
					mem.Sides = append(mem.Sides, side)
				}
			}
		}
	}
	return mem
}

func TestGetSideSetArea(t *testing.T) {
	const e, d = 2.0, 4
	m := hexCube(t, e, d)
	for s := range int32(6) {
		mustOK(t, m.CreateSideSet(int64(s+1), cubeFaces(d, s)))
	}
	cases := []struct {
		sel  Selector
		want float64
	}{
		{Sel(1), e * e},
		{Sel(4), e * e},
		{Sel(6), e * e},
		{Sel("all"), 6 * e * e},
		{Sel(1, 2), 2 * e * e},
		{Sel("none"), 0},
	}
	for _, c := range cases {
		got, err := m.GetSideSetArea(c.sel)
		mustOK(t, err)
		checkClose(t, "area of "+c.sel.String(), got, c.want)
	}
	// The sides of a 2-D element are edges: their "area" is their length.
	q := blockOf(t, "quad4", 4, []float64{0, 0, 0, 2, 0, 0, 2, 3, 0, 0, 3, 0}, []int32{0, 1, 2, 3})
	mustOK(t, q.CreateSideSet(1, SideSetMembers{BlockIDs: []int64{1, 1}, Elems: []int32{0, 0}, Sides: []int32{0, 1}}))
	got, err := q.GetSideSetArea(Sel(1))
	mustOK(t, err)
	checkClose(t, "quad edges", got, 2+3)
}

func TestGetClosestNodeDistance(t *testing.T) {
	brute := func(c []float64) float64 {
		best := math.MaxFloat64
		for i := 0; i < len(c)/3; i++ {
			for j := range i {
				dx, dy, dz := c[3*i]-c[3*j], c[3*i+1]-c[3*j+1], c[3*i+2]-c[3*j+2]
				best = min(best, math.Sqrt(dx*dx+dy*dy+dz*dz))
			}
		}
		return best
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		n := 50 + rng.IntN(1500)
		c := make([]float64, 3*n)
		for i := range c {
			c[i] = rng.Float64() * 10
		}
		if trial%3 == 0 { // a flat cloud
			for i := 2; i < len(c); i += 3 {
				c[i] = 1
			}
		}
		m := New()
		mustOK(t, m.CreateNodes(c))
		got, err := m.GetClosestNodeDistance()
		mustOK(t, err)
		if want := brute(c); got != want {
			t.Errorf("trial %d (%d nodes): %v, brute force %v", trial, n, got, want)
		}
	}
	if got, _ := hexCube(t, 2, 4).GetClosestNodeDistance(); got != 0.5 {
		t.Errorf("cube 2 divided 4: %v, want 0.5", got)
	}
	one := New()
	mustOK(t, one.CreateNodes([]float64{1, 2, 3}))
	if got, _ := one.GetClosestNodeDistance(); got != math.MaxFloat64 {
		t.Errorf("one node: %v, want MaxFloat64", got)
	}
}

func TestCountDegenerateAndDisconnected(t *testing.T) {
	m := New()
	mustOK(t, m.CreateNodes(make([]float64, 3*20)))
	ok := []int32{0, 1, 2, 3, 4, 5, 6, 7}
	deg1 := []int32{0, 0, 2, 3, 4, 5, 6, 7}
	deg2 := []int32{8, 9, 10, 11, 12, 13, 14, 14}
	far := []int32{12, 13, 14, 15, 16, 17, 18, 19}
	mustOK(t, m.CreateElementBlock(1, BlockInfo{Type: "hex8", NumElems: 3, NodesPerElem: 8}, slices.Concat(ok, deg1, deg2)))
	mustOK(t, m.CreateElementBlock(2, BlockInfo{Type: "hex8", NumElems: 1, NodesPerElem: 8}, slices.Clone(far)))
	cases := []struct {
		sel                Selector
		degenerate, groups int
	}{
		{Sel(1), 2, 2}, // {elements 0, 1} and {element 2}
		{Sel(2), 0, 1},
		{Sel("all"), 2, 2}, // block 2 joins element 2 through nodes 12-14
	}
	for _, c := range cases {
		n, err := m.CountDegenerateElements(c.sel)
		mustOK(t, err)
		if n != c.degenerate {
			t.Errorf("degenerate(%v) = %d, want %d", c.sel, n, c.degenerate)
		}
		g, err := m.CountDisconnectedBlocks(c.sel)
		mustOK(t, err)
		if g != c.groups {
			t.Errorf("disconnected(%v) = %d, want %d", c.sel, g, c.groups)
		}
	}
	g, err := twoBoxes(t).CountDisconnectedBlocks(Sel("all"))
	mustOK(t, err)
	if g != 2 {
		t.Errorf("two boxes: %d groups, want 2", g)
	}
	_, err = m.CountDegenerateElements(Sel("none"))
	wantErr(t, err, "No element blocks specified")
}

// TestCentroidsIntoMatchesCompute checks that the element centroids
// CalculateElementCentroids stores (centroidsInto, with its written-out
// hex8 path) equal compute.Centroids bit for bit, on a hex8 and a tet4
// block over random coordinates, some of them -0.
func TestCentroidsIntoMatchesCompute(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	m := New()
	const nn = 500
	m.Coords = make([]float64, 3*nn)
	for i := range m.Coords {
		switch r.IntN(10) {
		case 0:
			m.Coords[i] = math.Copysign(0, -1)
		default:
			m.Coords[i] = (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(12)-6))
		}
	}
	for _, c := range []struct {
		typ string
		npe int
	}{{"hex8", 8}, {"tet4", 4}} {
		conn := make([]int32, 3000*c.npe)
		for i := range conn[c.npe:] {
			conn[c.npe+i] = int32(r.IntN(nn))
		}
		// Element 0 has every node at node 0, whose coordinates are all
		// -0: the sum from 0 (+0 + -0 = +0) gives +0, as exomerge's.
		for d := range 3 {
			m.Coords[d] = math.Copysign(0, -1)
		}
		b := &ElementBlock{Type: c.typ, NodesPerElem: c.npe, NumElems: 3000, Conn: conn}
		x, y, z := make([]float64, 3000), make([]float64, 3000), make([]float64, 3000)
		m.centroidsInto(b, x, y, z)
		want := make([]float64, 3*3000)
		compute.Centroids(want, m.Coords, conn, c.npe)
		for i := range 3000 {
			for d, got := range []float64{x[i], y[i], z[i]} {
				if math.Float64bits(got) != math.Float64bits(want[3*i+d]) {
					t.Fatalf("%s element %d axis %d: %v, want %v", c.typ, i, d, got, want[3*i+d])
				}
			}
		}
	}
}
