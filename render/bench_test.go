package render

import "testing"

// BenchmarkRenderGrid draws a 250x250 grid (125k triangles) coloured by
// a node field at 1200x900.
func BenchmarkRenderGrid(b *testing.B) {
	s := gridScene(250)
	s.Flat = false
	o := &Options{Width: 1200, Height: 900, Azimuth: -55, Elevation: 30, Edges: true, Colorbar: true, Title: "grid", Triad: true}
	for b.Loop() {
		if _, _, err := Render(s, o); err != nil {
			b.Fatal(err)
		}
	}
}
