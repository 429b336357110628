package meshobj

import "testing"

// cube80 returns the 512k-element hex8 cube of the area D benchmark.
func cube80(b *testing.B) *Model {
	m := New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{80, 80, 80}); err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkMakeElementsQuadratic converts 512k hex8 to hex20 (1.57M new
// nodes).
func BenchmarkMakeElementsQuadratic(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		m := cube80(b)
		b.StartTimer()
		if err := m.MakeElementsQuadratic(Sel("all")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHex24Tet splits 512k hex8 into 12.3M tet4.
func BenchmarkHex24Tet(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		m := cube80(b)
		b.StartTimer()
		if err := m.ConvertHex8BlockToTet4Block(Int(1), "hex24tet"); err != nil {
			b.Fatal(err)
		}
	}
}
