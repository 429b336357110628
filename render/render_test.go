package render

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs under testdata/")

// boxScene returns the six faces of the box [0,sx]x[0,sy]x[0,sz], each
// split into two triangles (edge flags marking the square's sides), with
// 8 corner points.
func boxScene(sx, sy, sz float64) *Scene {
	s := &Scene{}
	for c := range 8 {
		s.Points = append(s.Points, float64(c&1)*sx, float64((c>>1)&1)*sy, float64((c>>2)&1)*sz)
	}
	// Quads counter-clockwise seen from outside.
	quads := [6][4]int32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}}
	for _, q := range quads {
		s.Tris = append(s.Tris, q[0], q[1], q[2], q[0], q[2], q[3])
		s.Edges = append(s.Edges, 1|2, 2|4) // (q0,q1),(q1,q2) and (q2,q3),(q3,q0)
	}
	return s
}

func save(t *testing.T, img image.Image, name string) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, img)
}

// isBackground reports whether a pixel is the white background.
func isBackground(c color.RGBA) bool { return c.R == 255 && c.G == 255 && c.B == 255 }

// silhouette returns the box of the non-background pixels within r.
func silhouette(img *image.RGBA, r image.Rectangle) image.Rectangle {
	box := image.Rectangle{}
	first := true
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if isBackground(img.RGBAAt(x, y)) {
				continue
			}
			p := image.Rect(x, y, x+1, y+1)
			if first {
				box, first = p, false
			} else {
				box = box.Union(p)
			}
		}
	}
	return box
}

// TestUnitCubeAlongZ: a unit cube seen along +z in a 1200x900 picture with
// no title, bar or triad fills 0.9*900 = 810 pixels a side (the framing
// rule: 90% of the limiting side), centred on (600, 450): x in
// [600-405, 600+405) = [195, 1005), y in [45, 855).
func TestUnitCubeAlongZ(t *testing.T) {
	az, el, err := View("+z")
	if err != nil {
		t.Fatal(err)
	}
	img, lay, err := Render(boxScene(1, 1, 1), &Options{Width: 1200, Height: 900, Azimuth: az, Elevation: el, Edges: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := silhouette(img, img.Bounds()); got != image.Rect(195, 45, 1005, 855) {
		t.Errorf("silhouette %v, want (195,45)-(1005,855)", got)
	}
	if lay.Scale != 810 {
		t.Errorf("scale %g, want 810", lay.Scale)
	}
}

// golden compares img with testdata/name (mean absolute channel difference
// below 2% of 255), or rewrites it with -update.
func golden(t *testing.T, img *image.RGBA, name string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, want %v", name, img.Bounds(), want.Bounds())
	}
	sum := 0.0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			a := img.RGBAAt(x, y)
			r, g, b, _ := want.At(x, y).RGBA()
			sum += math.Abs(float64(a.R)-float64(r>>8)) + math.Abs(float64(a.G)-float64(g>>8)) + math.Abs(float64(a.B)-float64(b>>8))
		}
	}
	mean := sum / float64(3*img.Bounds().Dx()*img.Bounds().Dy()) / 255
	if mean >= 0.02 {
		t.Errorf("%s: mean absolute channel difference %.2f%%, want below 2%%", name, 100*mean)
	}
}

// gridScene is an n x n grid of unit-spaced quads in the plane z=0 (n+1
// points a side), each split into two triangles, with a node value of x.
func gridScene(n int) *Scene {
	s := &Scene{Flat: true}
	for j := 0; j <= n; j++ {
		for i := 0; i <= n; i++ {
			s.Points = append(s.Points, float64(i), float64(j), 0)
			s.NodeValues = append(s.NodeValues, float64(i))
		}
	}
	for j := range n {
		for i := range n {
			a := int32(j*(n+1) + i)
			b, c, d := a+1, a+int32(n)+2, a+int32(n)+1
			s.Tris = append(s.Tris, a, b, c, a, c, d)
			s.Edges = append(s.Edges, 1|2, 2|4)
		}
	}
	return s
}

func TestGolden(t *testing.T) {
	iso := boxScene(2, 1, 1)
	for i := 0; i < len(iso.Points); i += 3 {
		iso.NodeValues = append(iso.NodeValues, iso.Points[i]+iso.Points[i+2])
	}
	tri := boxScene(1, 1, 1)
	for k := range len(tri.Tris) / 3 {
		tri.TriValues = append(tri.TriValues, float64(k/2))
	}
	cases := []struct {
		name  string
		scene *Scene
		view  string
		o     Options
	}{
		{"box_iso_viridis.png", iso, "iso", Options{Colormap: "viridis", Title: "X + Z on a 2x1x1 box", Colorbar: true, Triad: true, Edges: true}},
		{"cube_faces_coolwarm.png", tri, "iso", Options{Colormap: "coolwarm", Title: "face number", Colorbar: true, Triad: true, Edges: true}},
		{"grid_flat_jet.png", gridScene(8), "+z", Options{Colormap: "jet", Title: "x on a flat 8x8 grid", Colorbar: true, Triad: true, Edges: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.o
			o.Width, o.Height = 480, 360
			var err error
			if o.Azimuth, o.Elevation, err = View(c.view); err != nil {
				t.Fatal(err)
			}
			img, _, err := Render(c.scene, &o)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, img, c.name)
		})
	}
}
