package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestExtremeScan(t *testing.T) {
	nan := math.NaN()
	big := make([]float64, 3*reduceChunk)
	for i := range big {
		big[i] = float64(i % 100)
	}
	big[reduceChunk] = nan // first of a chunk
	big[2*reduceChunk+5] = 1000
	cases := []struct {
		name     string
		v        []float64
		max, min int
	}{
		{"plain", []float64{3, 1, 4, 1, 5, 9, 2, 6}, 5, 1},
		{"first of ties", []float64{2, 7, 7, 0, 0}, 1, 3},
		{"NaN first wins", []float64{nan, 5, -5}, 0, 0},
		{"NaN later never", []float64{1, nan, 5, -5}, 2, 3},
		{"signed zeros tie", []float64{0, math.Copysign(0, -1)}, 0, 0},
		{"chunks with a NaN", big, 2*reduceChunk + 5, 0},
	}
	for _, c := range cases {
		if got := extremeMax.scan(c.v); got != c.max {
			t.Errorf("%s: max at %d, want %d", c.name, got, c.max)
		}
		if got := extremeMin.scan(c.v); got != c.min {
			t.Errorf("%s: min at %d, want %d", c.name, got, c.min)
		}
	}
}

func TestCalculateElementFieldExtremes(t *testing.T) {
	m := twoBoxes(t)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateElementField("eqps", Sel("all"), 0))
	// Step 0: the maximum 5 is on block 1 element 3 and block 2 element 0
	// (the later block wins the tie); the minimum -1 on block 1 element 9.
	// Step 1: the maximum 8 on block 1 element 63, the minimum 0 on block
	// 1 element 0 and block 2 element 0 (the later block wins the tie).
	v := FindField(m.Block(1).Fields, "eqps").Values
	ownSteps(v)
	v[0][3], v[0][9], v[1][63] = 5, -1, 8
	FindField(m.Block(2).Fields, "eqps").Own(0)[0] = 5
	// A displacement moves the location at step 1.
	withDisplacementField(t, m, [3]float64{0, 0, 10})
	mustOK(t, m.CalculateElementFieldMaximum(Sel("eqps"), Sel("all"), true, true))
	mustOK(t, m.CalculateElementFieldMinimum(Sel("eqps"), Sel("all"), true, false))
	// Element (i, j, k) = (i*4 + j)*4 + k of block 1 (edge 0.5) has its
	// centroid at ((i, j, k) + 0.5)/2.
	centre := func(e int) [3]float64 {
		return [3]float64{(float64(e/16) + 0.5) / 2, (float64(e/4%4) + 0.5) / 2, (float64(e%4) + 0.5) / 2}
	}
	c63, c9 := centre(63), centre(9)
	want := map[string][2]float64{
		"eqps_max":          {5, 8},
		"eqps_max_x":        {3.5, c63[0]},
		"eqps_max_y":        {0.5, c63[1]},
		"eqps_max_z":        {0.5, c63[2] + 10},
		"eqps_max_block_id": {2, 1},
		"eqps_min":          {-1, 0},
		"eqps_min_x":        {c9[0], 3.5},
		"eqps_min_y":        {c9[1], 0.5},
		"eqps_min_z":        {c9[2], 0.5 + 10},
	}
	for name, w := range want {
		g := m.globalVar(name)
		if g == nil {
			t.Errorf("global variable %s missing", name)
			continue
		}
		for k := range 2 {
			checkClose(t, name, g.Values[k], w[k])
		}
	}
	if m.globalVar("eqps_min_block_id") != nil {
		t.Error("eqps_min_block_id created without calculate_block_id")
	}
	// A field missing on a selected block.
	mustOK(t, m.CreateElementField("only1", Sel(1), 0))
	wantErr(t, m.CalculateElementFieldMaximum(Sel("only1"), Sel("all"), false, false), `"only1" does not exist on element block 2`)
}

// withDisplacementField creates the displacement field, d at the last
// timestep and 0 elsewhere.
func withDisplacementField(t testing.TB, m *Model, d [3]float64) {
	t.Helper()
	mustOK(t, m.CreateDisplacementField())
	last := len(m.Timesteps) - 1
	for c, n := range []string{"disp_x", "disp_y", "disp_z"} {
		v := FindField(m.NodeFields, n).Own(last)
		for i := range v {
			v[i] = d[c]
		}
	}
}

func TestCalculateNodeFieldExtremes(t *testing.T) {
	m := twoBoxes(t)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("temp", 0))
	v := FindField(m.NodeFields, "temp").Values[0]
	for n := range v {
		v[n] = m.Coords[3*n] + m.Coords[3*n+1] // x + y
	}
	// Over all nodes the maximum x + y = 5 is at block 2's node (4, 1, 0)
	// (index 125 + 3); over block 1 it is 4 at (2, 2, 0) (index 24).
	cases := []struct {
		sel   Selector
		max   float64
		at    int32
		min   float64
		minAt int32
	}{
		{Sel("auto"), 5, 125 + 3, 0, 0},
		{Sel(1), 4, 24, 0, 0},
		{Sel(2), 5, 125 + 3, 3, 125},
	}
	for _, c := range cases {
		mustOK(t, m.CalculateNodeFieldMaximum(Sel("temp"), c.sel, true))
		mustOK(t, m.CalculateNodeFieldMinimum(Sel("temp"), c.sel, false))
		checkClose(t, "temp_max", m.globalVar("temp_max").Values[0], c.max)
		checkClose(t, "temp_min", m.globalVar("temp_min").Values[0], c.min)
		p := nodeAt(m, c.at)
		for d, s := range []string{"_x", "_y", "_z"} {
			checkClose(t, "temp_max"+s, m.globalVar("temp_max" + s).Values[0], p[d])
		}
	}
	if m.globalVar("temp_min_x") != nil {
		t.Error("temp_min_x created without calculate_location")
	}
	mustOK(t, m.CreateElementBlock(3, BlockInfo{Type: "hex8", NodesPerElem: 8}, nil))
	wantErr(t, m.CalculateNodeFieldMaximum(Sel("temp"), Sel(3), false), "No node values")
	r := watch(m)
	mustOK(t, m.CalculateNodeFieldMaximum(Sel("temp"), Sel("auto"), false))
	if got := r.shorts(); !slices.Equal(got, []string{"Global variable already exists."}) {
		t.Errorf("warnings %v", got)
	}
}
