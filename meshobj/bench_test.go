package meshobj

import "testing"

// bigModel returns two 50x100x100 hex8 blocks side by side (1M elements,
// 1.02M nodes) with 10 timesteps and 3 node fields.
func bigModel(b *testing.B) *Model {
	m := New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 2}, {0, 2}}, [3]int{50, 100, 100}); err != nil {
		b.Fatal(err)
	}
	if err := m.BuildHex8Cube(2, [3][2]float64{{1, 2}, {0, 2}, {0, 2}}, [3]int{50, 100, 100}); err != nil {
		b.Fatal(err)
	}
	for i := range 10 {
		_ = m.CreateTimestep(float64(i))
	}
	for _, n := range []string{"disp_x", "disp_y", "disp_z"} {
		_ = m.CreateNodeField(n, 0)
	}
	return m
}

// BenchmarkMergeIntoEmpty imports a 1M-element model into an empty one:
// the arrays are adopted, so it costs no bulk copy.
func BenchmarkMergeIntoEmpty(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		src := bigModel(b)
		b.StartTimer()
		m := New()
		if err := m.Merge(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeleteElementBlockOrphans deletes one 500k-element block and its
// nodes from a 1M-element model, renumbering the rest (linear time).
func BenchmarkDeleteElementBlockOrphans(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		m := bigModel(b)
		b.StartTimer()
		if err := m.DeleteElementBlocks(Sel(1), true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCombineElementBlocks merges two 500k-element blocks.
func BenchmarkCombineElementBlocks(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		m := bigModel(b)
		b.StartTimer()
		if err := m.CombineElementBlocks(Sel("all"), Str("auto")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubset selects the last timestep of a 1M-element model for
// export: no bulk data is copied.
func BenchmarkSubset(b *testing.B) {
	m := bigModel(b)
	sel := DefaultExportSelection()
	sel.Timesteps = Sel("last")
	for b.Loop() {
		if _, err := m.Subset(sel); err != nil {
			b.Fatal(err)
		}
	}
}
