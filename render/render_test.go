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

// nearestIndex returns the index of the colormap colour nearest to c.
func nearestIndex(tab *[256]color.RGBA, c color.RGBA) int {
	best, bd := 0, math.Inf(1)
	for i, e := range tab {
		d := sq(float64(e.R)-float64(c.R)) + sq(float64(e.G)-float64(c.G)) + sq(float64(e.B)-float64(c.B))
		if d < bd {
			best, bd = i, d
		}
	}
	return best
}

func sq(x float64) float64 { return x * x }

// TestLinearXRisesLeftToRight: a flat grid coloured by x (no lighting, no
// edges) seen from +z: along the middle row the colours, mapped back to
// colormap positions, never fall from left to right and run from the low
// end to the high end.
func TestLinearXRisesLeftToRight(t *testing.T) {
	for _, name := range Colormaps() {
		{
			tab, _ := ColormapTable(name)
			az, el, _ := View("+z")
			img, _, err := Render(gridScene(8), &Options{Width: 400, Height: 300, Azimuth: az, Elevation: el, Colormap: name})
			if err != nil {
				t.Fatal(err)
			}
			box := silhouette(img, img.Bounds())
			if name == "gray" {
				box.Max.X++ // its high end is the white of the background
			}
			// Framing: 0.9*300 = 270 pixels for 8 units, centred: x in [65, 335).
			if box.Min.X != 65 || box.Max.X != 335 {
				t.Errorf("%s: silhouette x range [%d, %d), want [65, 335)", name, box.Min.X, box.Max.X)
			}
			y := (box.Min.Y + box.Max.Y) / 2
			prev := -1
			first, last := -1, -1
			for x := box.Min.X; x < box.Max.X; x++ {
				k := nearestIndex(&tab, img.RGBAAt(x, y))
				if k < prev {
					t.Errorf("%s: colour index falls from %d to %d at x=%d", name, prev, k, x)
					break
				}
				prev = k
				if first < 0 {
					first = k
				}
				last = k
			}
			if first > 2 || last < 253 {
				t.Errorf("%s: colour indices run from %d to %d, want about 0 to 255", name, first, last)
			}
		}
	}
}

// TestColorbarEnds: the colour bar's top row is the colormap's high end,
// its bottom row the low end, and the end ticks are labelled with the
// range.
func TestColorbarEnds(t *testing.T) {
	for _, name := range Colormaps() {
		lo, hi, err := ColormapEnds(name)
		if err != nil {
			t.Fatal(err)
		}
		s := boxScene(1, 1, 1)
		s.NodeValues = []float64{-2.5, 0, 0, 0, 0, 0, 0, 7.25}
		img, lay, err := Render(s, &Options{Width: 600, Height: 400, Colormap: name, Colorbar: true, Title: "t"})
		if err != nil {
			t.Fatal(err)
		}
		bar := lay.Bar
		if bar.Empty() || bar.Min.X < 500 {
			t.Fatalf("%s: bar %v, want one at the right", name, bar)
		}
		mid := (bar.Min.X + bar.Max.X) / 2
		if got := img.RGBAAt(mid, bar.Min.Y); got != hi {
			t.Errorf("%s: top of the bar %v, want %v", name, got, hi)
		}
		if got := img.RGBAAt(mid, bar.Max.Y-1); got != lo {
			t.Errorf("%s: bottom of the bar %v, want %v", name, got, lo)
		}
		tk := lay.Ticks
		if len(tk) != 5 || tk[0].Label != "-2.5" || tk[4].Label != "7.25" || tk[0].Y != bar.Max.Y-1 || tk[4].Y != bar.Min.Y {
			t.Errorf("%s: ticks %+v, want -2.5 at the bottom row %d to 7.25 at the top row %d", name, tk, bar.Max.Y-1, bar.Min.Y)
		}
		// The labels are drawn: dark pixels right of each end tick.
		for _, k := range []Tick{tk[0], tk[4]} {
			dark := 0
			for x := bar.Max.X + 4; x < 600; x++ {
				for y := k.Y - 4; y <= k.Y+4; y++ {
					if c := img.RGBAAt(x, y); c.R < 100 && c.G < 100 && c.B < 100 {
						dark++
					}
				}
			}
			if dark < 10 {
				t.Errorf("%s: no label drawn at the tick %q", name, k.Label)
			}
		}
	}
	// Known end colours: viridis #440154 to #fde725; jet dark blue
	// (0, 0, 128) to dark red (128, 0, 0); coolwarm Moreland's (59, 76, 192)
	// to (180, 4, 38).
	want := map[string][2]color.RGBA{
		"viridis":  {{0x44, 0x01, 0x54, 255}, {0xfd, 0xe7, 0x25, 255}},
		"jet":      {{0, 0, 128, 255}, {128, 0, 0, 255}},
		"coolwarm": {{59, 76, 192, 255}, {180, 4, 38, 255}},
		"gray":     {{0, 0, 0, 255}, {255, 255, 255, 255}},
	}
	for name, w := range want {
		lo, hi, _ := ColormapEnds(name)
		if lo != w[0] || hi != w[1] {
			t.Errorf("%s: ends %v %v, want %v %v", name, lo, hi, w[0], w[1])
		}
	}
}

func TestErrors(t *testing.T) {
	s := boxScene(1, 1, 1)
	for _, o := range []Options{{Width: 4, Height: 100}, {Width: 100, Height: 100, Colormap: "rainbow"}} {
		if _, _, err := Render(s, &o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	bad := boxScene(1, 1, 1)
	bad.Tris[0] = 99
	if _, _, err := Render(bad, &Options{Width: 100, Height: 100}); err == nil {
		t.Error("bad vertex: no error")
	}
	if _, _, err := View("top"); err == nil {
		t.Error("view top: no error")
	}
}

// TestFrontOnly: marking the box's triangles front-only changes nothing
// in the picture (the back faces were hidden), and marking them with the
// wrong winding (reversed triangles) leaves only the inside: the far
// faces, whose colours differ.
func TestFrontOnly(t *testing.T) {
	s := boxScene(1, 1, 1)
	for k := range len(s.Tris) / 3 {
		s.TriValues = append(s.TriValues, float64(k/2))
	}
	o := &Options{Width: 200, Height: 150, Azimuth: -55, Elevation: 30, Colormap: "jet"}
	want, _, err := Render(s, o)
	if err != nil {
		t.Fatal(err)
	}
	s.FrontOnly = make([]bool, len(s.Tris)/3)
	for i := range s.FrontOnly {
		s.FrontOnly[i] = true
	}
	got, _, err := Render(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Pix) != string(want.Pix) {
		t.Error("front-only triangles of a closed box change the picture")
	}
	for i := 0; i < len(s.Tris); i += 3 {
		s.Tris[i+1], s.Tris[i+2] = s.Tris[i+2], s.Tris[i+1]
	}
	inside, _, err := Render(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if string(inside.Pix) == string(want.Pix) {
		t.Error("reversed front-only triangles drew the outside")
	}
}
