package pictures

import (
	"testing"

	"exosh/meshobj"
)

// benchCube returns an n^3 hex cube with a node field "temp" = x + y.
func benchCube(b *testing.B, n int) *meshobj.Model {
	m := meshobj.New()
	m.NumDim = 3
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{n, n, n}); err != nil {
		b.Fatal(err)
	}
	m.Timesteps = []float64{0}
	v := make([]float64, m.NumNodes())
	for i := range v {
		v[i] = m.Coords[3*i] + m.Coords[3*i+1]
	}
	m.NodeFields = []*meshobj.Field{{Name: "temp", Values: [][]float64{v}}}
	return m
}

// BenchmarkPNG1M draws a 1M-element cube (steady state; make bench times
// a fresh process).
func BenchmarkPNG1M(b *testing.B) {
	m := benchCube(b, 100)
	r := Defaults()
	r.NodeField = "temp"
	for b.Loop() {
		if _, err := PNG(m, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSurface1M is the surface gathering alone.
func BenchmarkSurface1M(b *testing.B) {
	m := benchCube(b, 100)
	for b.Loop() {
		if _, err := m.PictureSurface(meshobj.Sel("all")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNG8M draws an 8M-element cube.
func BenchmarkPNG8M(b *testing.B) {
	m := benchCube(b, 200)
	r := Defaults()
	r.NodeField = "temp"
	for b.Loop() {
		if _, err := PNG(m, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGIF512k draws 10 frames of a 512k-element cube.
func BenchmarkGIF512k(b *testing.B) {
	m := benchCube(b, 80)
	m.Timesteps = nil
	v := m.NodeFields[0].Values[0]
	m.NodeFields[0].Values = nil
	for i := range 10 {
		m.Timesteps = append(m.Timesteps, float64(i))
		m.NodeFields[0].Values = append(m.NodeFields[0].Values, v)
	}
	r := Defaults()
	r.NodeField = "temp"
	for b.Loop() {
		if _, err := GIF(m, r, meshobj.Sel("all"), 10); err != nil {
			b.Fatal(err)
		}
	}
}
