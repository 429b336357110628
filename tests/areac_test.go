package tests

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"exosh/exodus"
	"exosh/meshobj"
)

// Area C on exomerge_unit_test.e: every expected value is computed here
// from the raw arrays of the file with a plain reference formula (hex
// volumes by a six-tetrahedron split, face areas by two triangles, brute
// force over node pairs, ...), independently of package compute.

// unitTest reads exomerge_unit_test.e.
func unitTest(t *testing.T) *meshobj.Model {
	t.Helper()
	m, err := exodus.ReadFile(filepath.Join(sharedDir(t), "testdata", "exomerge_unit_test.e"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type vec [3]float64

func (a vec) sub(b vec) vec { return vec{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func (a vec) dot(b vec) float64 {
	return a[0]*b[0] + a[1]*b[1] + a[2]*b[2]
}
func (a vec) cross(b vec) vec {
	return vec{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
func (a vec) norm() float64 { return math.Sqrt(a.dot(a)) }

func node(m *meshobj.Model, n int32) vec {
	return vec{m.Coords[3*n], m.Coords[3*n+1], m.Coords[3*n+2]}
}

// hexVolume splits a hex8 into six tetrahedra around the diagonal 0-6
// (exact for hexes with planar faces).
func hexVolume(p [8]vec) float64 {
	tet := func(a, b, c, d vec) float64 { return b.sub(a).cross(c.sub(a)).dot(d.sub(a)) / 6 }
	return tet(p[0], p[1], p[2], p[6]) + tet(p[0], p[2], p[3], p[6]) + tet(p[0], p[3], p[7], p[6]) +
		tet(p[0], p[7], p[4], p[6]) + tet(p[0], p[4], p[5], p[6]) + tet(p[0], p[5], p[1], p[6])
}

func corners(m *meshobj.Model, b *meshobj.ElementBlock, e int) [8]vec {
	var p [8]vec
	for k := range 8 {
		p[k] = node(m, b.Conn[8*e+k])
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestAreaCUnitTestGeometry(t *testing.T) {
	m := unitTest(t)
	if len(m.Blocks) != 5 || m.NumNodes() != 2185 {
		t.Fatalf("%d blocks, %d nodes", len(m.Blocks), m.NumNodes())
	}
	total := 0.0
	for _, b := range m.Blocks {
		want := 0.0
		var cw vec
		lo, hi := vec{math.Inf(1), math.Inf(1), math.Inf(1)}, vec{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
		for e := range b.NumElems {
			p := corners(m, b, e)
			v := hexVolume(p)
			want += v
			for d := range 3 {
				c := 0.0
				for k := range 8 {
					c += p[k][d]
					lo[d], hi[d] = min(lo[d], p[k][d]), max(hi[d], p[k][d])
				}
				cw[d] += v * c / 8
			}
		}
		total += want
		got, err := m.GetElementBlockVolume(meshobj.Sel(b.ID), "")
		if err != nil {
			t.Fatal(err)
		}
		if !near(got, want) {
			t.Errorf("block %d volume %v, reference %v", b.ID, got, want)
		}
		c, err := m.GetElementBlockCentroid(meshobj.Sel(b.ID), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		for d := range 3 {
			if !near(c[d], cw[d]/want) {
				t.Errorf("block %d centroid %v, reference %v", b.ID, c, cw[d]/want)
			}
		}
		ext, err := m.GetElementBlockExtents(meshobj.Sel(b.ID))
		if err != nil {
			t.Fatal(err)
		}
		for d := range 3 {
			if ext[d] != [2]float64{lo[d], hi[d]} {
				t.Errorf("block %d extents %v, reference [%v %v] on axis %d", b.ID, ext, lo[d], hi[d], d)
			}
		}
	}
	got, err := m.GetElementBlockVolume(meshobj.Sel("all"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !near(got, total) || !near(total, 1) {
		t.Errorf("total volume %v, reference %v (the unit cube)", got, total)
	}
	// Per element, through the stored field.
	if err := m.CalculateElementVolumes("volume", meshobj.Sel("all")); err != nil {
		t.Fatal(err)
	}
	for _, b := range m.Blocks {
		v := meshobj.FindField(b.Fields, "volume").Values[len(m.Timesteps)-1]
		for e := range b.NumElems {
			if want := hexVolume(corners(m, b, e)); !near(v[e], want) {
				t.Fatalf("block %d element %d volume %v, reference %v", b.ID, e, v[e], want)
			}
		}
	}
	// Length scale from the raw coordinates.
	ls := 0.0
	for d := range 3 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for n := range m.NumNodes() {
			lo, hi = min(lo, m.Coords[3*n+d]), max(hi, m.Coords[3*n+d])
		}
		ls = max(ls, hi-lo, math.Abs(lo), math.Abs(hi))
	}
	if got := m.GetLengthScale(); got != ls {
		t.Errorf("length scale %v, reference %v", got, ls)
	}
}

func TestAreaCUnitTestEdgesAreasDistances(t *testing.T) {
	m := unitTest(t)
	// The 12 edges of a hex8.
	edges := [12][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}}
	mn, sum, cnt := math.MaxFloat64, 0.0, 0
	for _, b := range m.Blocks {
		for e := range b.NumElems {
			p := corners(m, b, e)
			for _, ed := range edges {
				l := p[ed[1]].sub(p[ed[0]]).norm()
				mn, sum, cnt = min(mn, l), sum+l, cnt+1
			}
		}
	}
	gmin, gmean, err := m.GetElementEdgeLengthInfo(meshobj.Sel("all"))
	if err != nil {
		t.Fatal(err)
	}
	if !near(gmin, mn) || !near(gmean, sum/float64(cnt)) {
		t.Errorf("edge lengths min %v mean %v, reference %v %v", gmin, gmean, mn, sum/float64(cnt))
	}
	// Side set areas: Exodus hex8 sides (1-based numbering in the file,
	// 0-based here), each quad split into two triangles.
	sides := [6][4]int{{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {0, 4, 7, 3}, {0, 3, 2, 1}, {4, 5, 6, 7}}
	for _, s := range m.SideSets {
		want := 0.0
		for k := range s.BlockIDs {
			p := corners(m, m.Block(s.BlockIDs[k]), int(s.Elems[k]))
			f := sides[s.Sides[k]]
			a, b, c, d := p[f[0]], p[f[1]], p[f[2]], p[f[3]]
			want += b.sub(a).cross(c.sub(a)).norm()/2 + c.sub(a).cross(d.sub(a)).norm()/2
		}
		got, err := m.GetSideSetArea(meshobj.Sel(s.ID))
		if err != nil {
			t.Fatal(err)
		}
		if !near(got, want) {
			t.Errorf("side set %d (%s) area %v, reference %v", s.ID, s.Name, got, want)
		}
	}
	// Closest nodes, by brute force.
	best := math.MaxFloat64
	for i := range int32(m.NumNodes()) {
		for j := range i {
			best = min(best, node(m, i).sub(node(m, j)).norm())
		}
	}
	if got, _ := m.GetClosestNodeDistance(); got != best {
		t.Errorf("closest node distance %v, brute force %v", got, best)
	}
}

// components returns the number of groups of the nodes used by the blocks
// (or of all nodes when closeTol >= 0, joining nodes within closeTol), by
// a plain union-find.
func components(m *meshobj.Model, closeTol float64) int {
	nn := m.NumNodes()
	parent := make([]int, nn)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	used := make([]bool, nn)
	if closeTol >= 0 {
		for i := range nn {
			used[i] = true
			for j := range i {
				if node(m, int32(i)).sub(node(m, int32(j))).norm() <= closeTol {
					parent[find(i)] = find(j)
				}
			}
		}
	} else {
		for _, b := range m.Blocks {
			for e := range b.NumElems {
				el := b.Conn[e*b.NodesPerElem : (e+1)*b.NodesPerElem]
				for _, n := range el {
					used[n] = true
					parent[find(int(n))] = find(int(el[0]))
				}
			}
		}
	}
	c := 0
	for i := range nn {
		if used[i] && find(i) == i {
			c++
		}
	}
	return c
}

func TestAreaCUnitTestMergeAndCounts(t *testing.T) {
	m := unitTest(t)
	groups, err := m.CountDisconnectedBlocks(meshobj.Sel("all"))
	if err != nil {
		t.Fatal(err)
	}
	if want := components(m, -1); groups != want {
		t.Errorf("disconnected blocks %d, reference %d", groups, want)
	}
	deg, err := m.CountDegenerateElements(meshobj.Sel("all"))
	if err != nil {
		t.Fatal(err)
	}
	if deg != 0 {
		t.Errorf("%d degenerate elements, want 0", deg)
	}
	// The blocks have nodes of their own; merge_nodes joins the ones that
	// coincide at the interfaces.
	tol := 1e-6 * m.GetLengthScale()
	want := components(m, tol)
	if want == m.NumNodes() {
		t.Fatalf("reference: no coincident nodes, the test would prove nothing")
	}
	t.Logf("%d nodes, %d after merging", m.NumNodes(), want)
	before := cornerPositions(m)
	if err := m.MergeNodes(1e-6, true, true); err != nil {
		t.Fatal(err)
	}
	if m.NumNodes() != want {
		t.Errorf("%d nodes after merge_nodes, reference %d", m.NumNodes(), want)
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, p := range cornerPositions(m) {
		if p.sub(before[i]).norm() > tol {
			t.Fatalf("element corner %d moved from %v to %v", i, before[i], p)
		}
	}
	groups, err = m.CountDisconnectedBlocks(meshobj.Sel("all"))
	if err != nil {
		t.Fatal(err)
	}
	if wantG := components(m, -1); groups != wantG {
		t.Errorf("after merging: %d groups, reference %d", groups, wantG)
	}
	// Unmerging gives every block its own nodes again: 2185.
	if err := m.UnmergeElementBlocks(meshobj.Sel("all")); err != nil {
		t.Fatal(err)
	}
	if m.NumNodes() != 2185 {
		t.Errorf("%d nodes after unmerging, want 2185", m.NumNodes())
	}
	for i, p := range cornerPositions(m) {
		if p.sub(before[i]).norm() > tol {
			t.Fatalf("element corner %d moved from %v to %v after unmerging", i, before[i], p)
		}
	}
}

func cornerPositions(m *meshobj.Model) []vec {
	var out []vec
	for _, b := range m.Blocks {
		for _, n := range b.Conn {
			out = append(out, node(m, n))
		}
	}
	return out
}

func TestAreaCUnitTestFieldsAndExpressions(t *testing.T) {
	m := unitTest(t)
	last := len(m.Timesteps) - 1
	// Element to node: the mean over the elements around each node.
	sums := make([]float64, m.NumNodes())
	counts := make([]int, m.NumNodes())
	for _, b := range m.Blocks {
		v := meshobj.FindField(b.Fields, "stress_xx").Values[last]
		for k, n := range b.Conn {
			sums[n] += v[k/b.NodesPerElem]
			counts[n]++
		}
	}
	if err := m.ConvertElementFieldToNodeField("stress_xx", "sxx_nodal"); err != nil {
		t.Fatal(err)
	}
	got := meshobj.FindField(m.NodeFields, "sxx_nodal").Values[last]
	for n := range sums {
		if !near(got[n], sums[n]/float64(counts[n])) {
			t.Fatalf("node %d: %v, reference %v", n, got[n], sums[n]/float64(counts[n]))
		}
	}
	// Node to element.
	if err := m.ConvertNodeFieldToElementField("mass", "auto", meshobj.Sel("all")); err != nil {
		t.Fatal(err)
	}
	mass := meshobj.FindField(m.NodeFields, "mass").Values[last]
	for _, b := range m.Blocks {
		v := meshobj.FindField(b.Fields, "mass").Values[last]
		for e := range b.NumElems {
			s := 0.0
			for _, n := range b.Conn[8*e : 8*e+8] {
				s += mass[n]
			}
			if !near(v[e], s/8) {
				t.Fatalf("block %d element %d mass %v, reference %v", b.ID, e, v[e], s/8)
			}
		}
	}
	// Expressions: the file's global variable "time" hides the time, as
	// in exomerge.
	if err := m.CalculateElementField("q = stress_xx*stress_xx + stress_yy - time", meshobj.Sel("all")); err != nil {
		t.Fatal(err)
	}
	gtime := globalValues(t, m, "time")
	for _, b := range m.Blocks {
		xx, yy := meshobj.FindField(b.Fields, "stress_xx"), meshobj.FindField(b.Fields, "stress_yy")
		q := meshobj.FindField(b.Fields, "q")
		for k := range m.Timesteps {
			for e := range b.NumElems {
				x := xx.Values[k][e]
				if want := x*x + yy.Values[k][e] - gtime[k]; !near(q.Values[k][e], want) {
					t.Fatalf("block %d step %d element %d: q = %v, reference %v", b.ID, k, e, q.Values[k][e], want)
				}
			}
		}
	}
	if err := m.CalculateNodeField("r = mass*2 + X - Z*disp_z"); err != nil {
		t.Fatal(err)
	}
	r := meshobj.FindField(m.NodeFields, "r").Values[last]
	dz := meshobj.FindField(m.NodeFields, "disp_z").Values[last]
	for n := range r {
		p := node(m, int32(n))
		if want := mass[n]*2 + p[0] - p[2]*dz[n]; !near(r[n], want) {
			t.Fatalf("node %d: r = %v, reference %v", n, r[n], want)
		}
	}
	if err := m.CalculateGlobalVariable("e = kinetic_energy + internal_energy"); err != nil {
		t.Fatal(err)
	}
	ke, ie, e := globalValues(t, m, "kinetic_energy"), globalValues(t, m, "internal_energy"), globalValues(t, m, "e")
	for k := range e {
		if !near(e[k], ke[k]+ie[k]) {
			t.Errorf("step %d: e = %v, reference %v", k, e[k], ke[k]+ie[k])
		}
	}
	// Extremes against a plain scan.
	if err := m.CalculateElementFieldMaximum(meshobj.Sel("vm_stress"), meshobj.Sel("all"), false, true); err != nil {
		t.Fatal(err)
	}
	for k := range m.Timesteps {
		best, bestID := math.Inf(-1), int64(0)
		for _, b := range slices.SortedFunc(slices.Values(m.Blocks), func(a, b *meshobj.ElementBlock) int { return int(a.ID - b.ID) }) {
			for _, v := range meshobj.FindField(b.Fields, "vm_stress").Values[k] {
				if v > best || v == best && b.ID != bestID {
					best, bestID = v, b.ID
				}
			}
		}
		if got := globalValues(t, m, "vm_stress_max")[k]; got != best {
			t.Errorf("step %d: vm_stress_max %v, reference %v", k, got, best)
		}
		if got := globalValues(t, m, "vm_stress_max_block_id")[k]; got != float64(bestID) {
			t.Errorf("step %d: vm_stress_max_block_id %v, reference %v", k, got, bestID)
		}
	}
}

func globalValues(t *testing.T, m *meshobj.Model, name string) []float64 {
	t.Helper()
	for _, g := range m.GlobalVars {
		if g.Name == name {
			return g.Values
		}
	}
	t.Fatalf("no global variable %q", name)
	return nil
}
