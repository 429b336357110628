package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestResolveElementBlocks(t *testing.T) {
	m := fiveBlocks(t)
	// Model order differs from id order, to check sorting.
	m.Blocks[0], m.Blocks[4] = m.Blocks[4], m.Blocks[0]
	tests := []struct {
		sel    Selector
		want   []int64
		warned []string
	}{
		{Sel("all"), []int64{1, 2, 3, 4, 5}, nil},
		{Sel("none"), nil, nil},
		{Sel("first"), []int64{1}, nil},
		{Sel("last"), []int64{5}, nil},
		{Sel("first_if_any"), []int64{1}, nil}, // exomerge gives 5
		{Sel("last_if_any"), []int64{5}, nil},
		{Sel(3, 1, 3, 1.0), []int64{3, 1}, nil},
		{Sel("b4", 2), []int64{4, 2}, nil},
		{Sel("b*"), []int64{1, 2, 4, 5}, nil},
		{Sel("b[1]"), nil, []string{"Reference to undefined element block."}},
		{Sel(7, 7, "x", 2), []int64{2}, []string{"Reference to undefined element block.", "Reference to undefined element block."}},
		{Sel(2.5), nil, []string{"Reference to undefined element block."}},
		{Sel("all", "first"), []int64{1, 2, 3, 4, 5}, nil},
		{nil, nil, nil},
	}
	for _, tc := range tests {
		r := watch(m)
		got, err := m.ResolveElementBlocks(tc.sel)
		if err != nil {
			t.Errorf("%v: %v", tc.sel, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: got %v, want %v", tc.sel, got, tc.want)
		}
		if !slices.Equal(r.shorts(), tc.warned) {
			t.Errorf("%v: warnings %q, want %q", tc.sel, r.shorts(), tc.warned)
		}
	}
}

func TestUndefinedWarningText(t *testing.T) {
	m := fiveBlocks(t)
	r := watch(m)
	if _, err := m.ResolveElementBlocks(Sel(7)); err != nil {
		t.Fatal(err)
	}
	want := Warning{
		Short:  "Reference to undefined element block.",
		Detail: "A reference to element block \"7\" was encountered but is not defined. This element block will not be included in the operation.\n\nThere are 5 defined element blocks: 1, 2, 3, 4, 5",
	}
	if len(r.ws) != 1 || r.ws[0] != want {
		t.Errorf("warnings %q, want %q", r.ws, want)
	}
	r.reset()
	if _, err := m.ResolveTimesteps(Sel(0.25)); err != nil {
		t.Fatal(err)
	}
	want = Warning{
		Short:  "Reference to undefined timestep.",
		Detail: "A reference to timestep \"0.25\" was encountered but is not defined. This timestep will not be included in the operation.\n\nThere are 2 defined timesteps: 0.0, 1.5",
	}
	if len(r.ws) != 1 || r.ws[0] != want {
		t.Errorf("warnings %q, want %q", r.ws, want)
	}
}

func TestResolveErrors(t *testing.T) {
	empty := New()
	m := fiveBlocks(t)
	tests := []struct {
		name string
		run  func() error
		want []string
	}{
		{"first on empty", func() error { _, err := empty.ResolveElementBlocks(Sel("first")); return err },
			[]string{"Empty entity list.", `The "first" identifier was used to refer to a element block but no element blocks exist.`}},
		{"last on empty", func() error { _, err := empty.ResolveTimesteps(Sel("last")); return err },
			[]string{"Empty entity list.", `"last" identifier`, "no timesteps exist"}},
		{"auto of five", func() error { _, err := m.ResolveElementBlocks(Sel("auto")); return err },
			[]string{"Ambiguous reference.", "There are 5 defined element blocks."}},
		{"auto of none", func() error { _, err := empty.ResolveNodeSets(Sel("auto")); return err },
			[]string{"Ambiguous reference.", "There are 0 defined node sets."}},
		{"single of none", func() error { _, err := m.ResolveElementBlock(Str("none")); return err },
			[]string{"No element block specified.", "A single element block is required but none were specified."}},
		{"single of many", func() error { _, err := m.ResolveElementBlock(Str("b*")); return err },
			[]string{"Multiple element blocks specified.", "A single element block is required but 4 element blocks were specified: 1, 2, 4, 5"}},
		{"non-empty", func() error { return m.CombineElementBlocks(Sel("none"), Str("auto")) },
			[]string{"No element blocks specified.", "We require at least one element block to be specified for this operation but none were specified.\n\nThere are 5 defined element blocks: 1, 2, 3, 4, 5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), tc.want...) })
	}
	if got := (&Error{Short: "A.", Detail: "B."}).Error(); got != "meshobj: A. B." {
		t.Errorf("Error() = %q", got)
	}
}

func TestAutoSingle(t *testing.T) {
	m := cube(t)
	id, err := m.ResolveElementBlock(Str("auto"))
	if err != nil || id != 1 {
		t.Errorf("auto = %d, %v; want 1", id, err)
	}
}

func TestResolveTimesteps(t *testing.T) {
	m := New()
	for _, ts := range []float64{2, 0.5, 1} {
		mustOK(t, m.CreateTimestep(ts))
	}
	tests := []struct {
		sel  Selector
		want []float64
	}{
		{Sel("all"), []float64{0.5, 1, 2}},
		{Sel("last"), []float64{2}},
		{Sel("first"), []float64{0.5}},
		{Sel("first_if_any"), []float64{0.5}},
		{Sel("last_if_any"), []float64{2}},
		{Sel(1), []float64{1}},
		{Sel(1, 1.0, 2.0), []float64{1, 2}},
	}
	for _, tc := range tests {
		got, err := m.ResolveTimesteps(tc.sel)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%v: got %v, %v; want %v", tc.sel, got, err, tc.want)
		}
	}
	if got, _ := New().ResolveTimesteps(Sel("last_if_any", "first_if_any")); len(got) != 0 {
		t.Errorf("if_any on empty = %v", got)
	}
}

func TestResolveNames(t *testing.T) {
	m := cube(t)
	for _, n := range []string{"temp", "stress_yy", "disp_z", "stress_xx", "disp_x", "disp_y"} {
		mustOK(t, m.CreateNodeField(n, 0))
	}
	tests := []struct {
		sel    Selector
		want   []string
		warned int
	}{
		{Sel("all"), []string{"disp_x", "disp_y", "disp_z", "stress_xx", "stress_yy", "temp"}, 0},
		{Sel("disp_*"), []string{"disp_x", "disp_y", "disp_z"}, 0},
		{Sel("*_y*"), []string{"disp_y", "stress_yy"}, 0},
		{Sel("s*s_?x"), nil, 0}, // '?' is literal, and a pattern matching nothing is silent
		{Sel("temp", "nope", 3), []string{"temp"}, 2},
		{Sel("last"), []string{"temp"}, 0},
		{Sel("first"), []string{"disp_x"}, 0},
	}
	for _, tc := range tests {
		r := watch(m)
		got, err := m.ResolveNodeFieldNames(tc.sel)
		if err != nil || !slices.Equal(got, tc.want) || len(r.ws) != tc.warned {
			t.Errorf("%v: got %v, %v, %d warnings; want %v, %d", tc.sel, got, err, len(r.ws), tc.want, tc.warned)
		}
	}
}

func TestDuplicateNamesWarning(t *testing.T) {
	m := fiveBlocks(t)
	m.Blocks[1].Name = "b1"
	r := watch(m)
	got, err := m.ResolveElementBlocks(Sel("b1"))
	if err != nil {
		t.Fatal(err)
	}
	// As in exomerge, the last block of a name wins.
	if !slices.Equal(got, []int64{2}) {
		t.Errorf("got %v, want [2]", got)
	}
	if !slices.Equal(r.shorts(), []string{"Duplicate element block names"}) {
		t.Errorf("warnings %q", r.shorts())
	}
}

func TestPyFloat(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {0.1, "0.1"}, {1.5, "1.5"}, {-2, "-2.0"},
		{1e16, "1e+16"}, {1.5e16, "1.5e+16"}, {1e15, "1000000000000000.0"},
		{1e-5, "1e-05"}, {0.0001, "0.0001"}, {1.0 / 3, "0.3333333333333333"},
		{math.NaN(), "nan"}, {math.Inf(-1), "-inf"}, {123456789.125, "123456789.125"},
	}
	for _, tc := range tests {
		if got := PyFloat(tc.f); got != tc.want {
			t.Errorf("PyFloat(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestSortFieldNames(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"disp_z", "disp_x", "disp_y"}, []string{"disp_x", "disp_y", "disp_z"}},
		{[]string{"stress_xy", "stress_zz", "stress_xx", "stress_yy"}, []string{"stress_xx", "stress_yy", "stress_zz", "stress_xy"}},
		// Integration points order before components.
		{[]string{"s_xx_2", "s_yy_1", "s_xx_1", "s_yy_2"}, []string{"s_xx_1", "s_yy_1", "s_xx_2", "s_yy_2"}},
		{[]string{"eqps_10", "eqps_9", "eqps_1"}, []string{"eqps_1", "eqps_9", "eqps_10"}},
		{[]string{"Temp", "alpha", "DisplacementX"}, []string{"alpha", "DisplacementX", "Temp"}},
		// The base name is the shortest that matches: "mass" is "mas" + "s".
		{[]string{"mass", "mas_x"}, []string{"mas_x", "mass"}},
	}
	for _, tc := range tests {
		got := SortFieldNames(slices.Clone(tc.in))
		if !slices.Equal(got, tc.want) {
			t.Errorf("SortFieldNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMatchWildcard(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"f*x", "fox", true}, {"f*x", "faux", true}, {"f*x", "fx", true}, {"f*x", "foxes", false},
		{"f*x", "far", false}, {"*", "", true}, {"a.b", "axb", false}, {"a*b*c", "abc", true},
		{"a*b*c", "acb", false}, {"*ab", "ab", true}, {"ab*ab", "ab", false},
	}
	for _, tc := range tests {
		if got := matchWildcard(tc.p, tc.s); got != tc.want {
			t.Errorf("matchWildcard(%q, %q) = %v", tc.p, tc.s, got)
		}
	}
}
