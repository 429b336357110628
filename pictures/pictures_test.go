package pictures

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"exosh/exodus"
	"exosh/meshobj"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs under testdata/")

// sharedDir returns the shared test data: $EXOSH_SHARED, else ../../shared.
func sharedDir(t testing.TB) string {
	if d := os.Getenv("EXOSH_SHARED"); d != "" {
		return d
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "..", "shared")
}

func readShared(t *testing.T, rel string) *meshobj.Model {
	t.Helper()
	m, err := exodus.ReadFile(filepath.Join(sharedDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func isBackground(c color.RGBA) bool { return c.R == 255 && c.G == 255 && c.B == 255 }

// silhouette returns the box of the non-background pixels in r.
func silhouette(img *image.RGBA, r image.Rectangle) image.Rectangle {
	var box image.Rectangle
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !isBackground(img.RGBAAt(x, y)) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// bare returns a request for a picture with no title and no colour bar.
func bare(view string) *Request {
	r := Defaults()
	r.View = view
	empty := ""
	r.Title = &empty
	r.Colorbar = false
	r.Edges = false
	return r
}

// twoBlockPlan is two unit quads side by side in z=0, blocks 1 and 2,
// with element field "e" = 1 on block 1 and 5 on block 2 at one timestep.
func twoBlockPlan() *meshobj.Model {
	m := meshobj.New()
	m.NumDim = 2
	m.Coords = []float64{0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 1, 1, 0, 2, 1, 0}
	m.Timesteps = []float64{0.5}
	for i, conn := range [][]int32{{0, 1, 4, 3}, {1, 2, 5, 4}} {
		m.Blocks = append(m.Blocks, &meshobj.ElementBlock{ID: int64(i + 1), Type: "QUAD4", NodesPerElem: 4, NumElems: 1, Conn: conn,
			Fields: []*meshobj.Field{{Name: "e", Values: [][]float64{{float64(1 + 4*i)}}}}})
	}
	return m
}

// TestTwoBlockElementField: an element field with one value per block on
// a plan of two blocks gives exactly two face colours. The 2x1 plan in a
// 1200x900 picture is framed at 0.9*1200/2 = 540 pixels a unit, x in
// [60, 1140), y in [180, 720), the blocks meeting at x = 600: sample
// boundaries, so no pixel mixes the two. (The triad, lower left, is left
// out of the count.)
func TestTwoBlockElementField(t *testing.T) {
	r := bare("iso") // flat: drawn from +z
	r.ElementField = "e"
	img, lay, err := Render(twoBlockPlan(), r)
	if err != nil {
		t.Fatal(err)
	}
	if lay.Scale != 540 {
		t.Errorf("scale %g, want 540", lay.Scale)
	}
	if box := silhouette(img, image.Rect(0, 0, 1200, 680)); box != image.Rect(60, 180, 1140, 680) {
		t.Errorf("silhouette %v, want (60,180)-(1140,680)", box)
	}
	colours := map[color.RGBA]int{}
	for y := 180; y < 680; y++ {
		for x := 60; x < 1140; x++ {
			colours[img.RGBAAt(x, y)]++
		}
	}
	if len(colours) != 2 {
		t.Fatalf("%d colours, want 2: %v", len(colours), colours)
	}
	lo, hi := img.RGBAAt(300, 400), img.RGBAAt(900, 400)
	// viridis ends: block 1 (e=1) the low end, block 2 (e=5) the high end.
	if lo != (color.RGBA{0x44, 0x01, 0x54, 255}) || hi != (color.RGBA{0xfd, 0xe7, 0x25, 255}) {
		t.Errorf("block colours %v and %v, want viridis' ends", lo, hi)
	}
}

// TestDisplacementSilhouette: a unit cube stretched by a displacement
// field disp_x = x (to [0,2]x[0,1]x[0,1]) seen from +z: 'auto' draws it
// deformed, framed at 0.9*min(1200/2, 900/1) = 540 pixels a unit, so its
// silhouette is x in [60, 1140), y in [180, 720); 'none' draws the unit
// square at 810 pixels a unit, x in [195, 1005), y in [45, 855).
func TestDisplacementSilhouette(t *testing.T) {
	m := meshobj.New()
	m.NumDim = 3
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}); err != nil {
		t.Fatal(err)
	}
	m.Timesteps = []float64{1}
	n := m.NumNodes()
	dx := make([]float64, n)
	for i := range n {
		dx[i] = m.Coords[3*i]
	}
	m.NodeFields = []*meshobj.Field{{Name: "disp_x", Values: [][]float64{dx}}, {Name: "disp_y", Values: [][]float64{make([]float64, n)}}, {Name: "disp_z", Values: [][]float64{make([]float64, n)}}}
	cases := []struct {
		disp meshobj.Selector
		want image.Rectangle
	}{
		{meshobj.Sel("auto"), image.Rect(60, 180, 1140, 720)},
		{meshobj.Sel("none"), image.Rect(195, 45, 1005, 855)},
		{meshobj.Sel(1.0), image.Rect(60, 180, 1140, 720)},
	}
	for _, c := range cases {
		r := bare("+z")
		r.Displacement = c.disp
		img, _, err := Render(m, r)
		if err != nil {
			t.Fatal(err)
		}
		// Leave out the triad's corner.
		got := silhouette(img, image.Rect(0, 0, 1200, 900)).Intersect(image.Rect(0, 0, 1200, 900))
		top := silhouette(img, image.Rect(0, 0, 1200, 680))
		if top.Min != c.want.Min || top.Max.X != c.want.Max.X {
			t.Errorf("%v: silhouette %v (whole picture %v), want %v", c.disp, top, got, c.want)
		}
	}
}

// TestFieldErrors: bad arguments are refused before anything is written.
func TestFieldErrors(t *testing.T) {
	m := twoBlockPlan()
	dir := t.TempDir()
	for _, mod := range []func(r *Request){
		func(r *Request) { r.NodeField, r.ElementField = "a", "e" },
		func(r *Request) { r.NodeField = "nope" },
		func(r *Request) { r.ElementField = "nope" },
		func(r *Request) { r.Colormap = "rainbow" },
		func(r *Request) { r.View = "top" },
		func(r *Request) { r.Width = 2 },
		func(r *Request) { r.Range = &[2]float64{2, 1} },
		func(r *Request) { r.Blocks = meshobj.Sel(int64(7)) },
	} {
		r := Defaults()
		mod(r)
		path := filepath.Join(dir, "x.png")
		if err := WritePNG(m, r, path); err == nil {
			t.Errorf("%+v: no error", r)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%+v: file written", r)
		}
	}
}

// TestGIF: one frame per timestep of two-block.g, with the delay of fps.
func TestGIF(t *testing.T) {
	m := readShared(t, "testdata/two-block.g")
	r := Defaults()
	r.Width, r.Height = 240, 180
	names := meshobj.FieldNames(m.NodeFields)
	r.NodeField = names[0]
	data, err := GIF(m, r, meshobj.Sel("all"), 4)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != len(m.Timesteps) || len(m.Timesteps) < 2 {
		t.Fatalf("%d frames for %d timesteps", len(g.Image), len(m.Timesteps))
	}
	for i, d := range g.Delay {
		if d != 25 {
			t.Errorf("frame %d: delay %d, want 25 (1/100 s)", i, d)
		}
	}
	if _, err := GIF(m, r, meshobj.Sel("all"), 0); err == nil {
		t.Error("fps 0: no error")
	}
}

// golden compares img with testdata/name (mean absolute channel
// difference below 2%), or rewrites it with -update.
func golden(t *testing.T, img *image.RGBA, name string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pictures -update)", err)
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
	if mean := sum / float64(3*img.Bounds().Dx()*img.Bounds().Dy()) / 255; mean >= 0.02 {
		t.Errorf("%s: mean absolute channel difference %.2f%%, want below 2%%", name, 100*mean)
	}
}

// TestGolden draws real files.
func TestGolden(t *testing.T) {
	cases := []struct {
		name, file string
		mod        func(m *meshobj.Model, r *Request)
	}{
		{"two_block_node.png", "testdata/two-block.g", func(m *meshobj.Model, r *Request) {
			r.NodeField = meshobj.FieldNames(m.NodeFields)[0]
		}},
		{"two_block_elem_plusy.png", "testdata/two-block.g", func(m *meshobj.Model, r *Request) {
			r.ElementField, r.View, r.Colormap = m.Blocks[0].Fields[0].Name, "-y", "coolwarm"
		}},
		{"quadshell4.png", "meshes-libmesh/read_exodus_QUADSHELL4.e", func(m *meshobj.Model, r *Request) {
			r.Colormap = "jet"
		}},
		{"hex20_gray.png", "meshes-libmesh/read_exodus_HEX20.e", func(m *meshobj.Model, r *Request) {
			r.Colormap, r.View, r.Azimuth, r.Elevation = "gray", "", 30, 20
		}},
		{"quad4_plan.png", "meshes-libmesh/read_exodus_QUAD4.e", func(m *meshobj.Model, r *Request) {}},
		{"tet10.png", "meshes-libmesh/read_exodus_TET10.e", func(m *meshobj.Model, r *Request) { r.View = "+x" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := readShared(t, c.file)
			r := Defaults()
			r.Width, r.Height = 480, 360
			c.mod(m, r)
			img, _, err := Render(m, r)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, img, c.name)
		})
	}
}

// TestInvertedElements: a cube whose elements are all inverted (top and
// bottom faces swapped in the connectivity, so that their faces point
// inwards) draws exactly as the cube itself: the front-only skin is turned
// round where it faces in, and nothing goes missing.
func TestInvertedElements(t *testing.T) {
	build := func(invert bool) *meshobj.Model {
		m := meshobj.New()
		m.NumDim = 3
		if err := m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 1}, {0, 1}}, [3]int{4, 2, 2}); err != nil {
			t.Fatal(err)
		}
		if invert {
			c := m.Blocks[0].Conn
			for e := 0; e < len(c); e += 8 {
				for k := range 4 {
					c[e+k], c[e+4+k] = c[e+4+k], c[e+k]
				}
			}
		}
		return m
	}
	r := Defaults()
	r.Width, r.Height = 300, 200
	want, _, err := Render(build(false), r)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Render(build(true), r)
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%d bytes differ between the cube and its inverted copy", diff)
	}
}

// TestGIFFixedRange: a node field equal to the time (one value over the
// plan at each step) coloured with one range over all frames: the first
// frame is viridis' low end, the last its high end (each frame on its own
// would have one value, drawn mid-range). The mean colour of the plan's
// middle is compared, the palette being dithered.
func TestGIFFixedRange(t *testing.T) {
	m := twoBlockPlan()
	m.Timesteps = []float64{0, 1, 2, 3}
	var vals [][]float64
	for _, tm := range m.Timesteps {
		v := make([]float64, m.NumNodes())
		for i := range v {
			v[i] = tm
		}
		vals = append(vals, v)
	}
	m.NodeFields = []*meshobj.Field{{Name: "t", Values: vals}}
	r := bare("iso")
	r.NodeField = "t"
	r.Width, r.Height = 240, 180
	data, err := GIF(m, r, meshobj.Sel("all"), 10)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	mean := func(img *image.Paletted) [3]float64 {
		var s [3]float64
		n := 0
		for y := 60; y < 120; y++ {
			for x := 40; x < 200; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				s[0], s[1], s[2] = s[0]+float64(r>>8), s[1]+float64(g>>8), s[2]+float64(b>>8)
				n++
			}
		}
		return [3]float64{s[0] / float64(n), s[1] / float64(n), s[2] / float64(n)}
	}
	for _, c := range []struct {
		frame int
		want  [3]float64
	}{{0, [3]float64{0x44, 0x01, 0x54}}, {3, [3]float64{0xfd, 0xe7, 0x25}}} {
		got := mean(g.Image[c.frame])
		if math.Abs(got[0]-c.want[0]) > 12 || math.Abs(got[1]-c.want[1]) > 12 || math.Abs(got[2]-c.want[2]) > 12 {
			t.Errorf("frame %d: mean colour %.0f, want about %v", c.frame, got, c.want)
		}
	}
}

// TestTwoBlockElementField3D: two unit hex blocks side by side, an element
// field of 1 on one and 5 on the other, seen from +z without edges: the
// top faces, all lit alike, give exactly two colours, viridis' ends times
// the light on a face turned to the viewer (0.35 + 0.65 n.l, l the
// direction (-0.25, 0.35, 1) of the head light: 0.35 + 0.65/1.0887).
// Framing as in TestTwoBlockElementField: x in [60, 1140), the blocks
// meeting at x = 600.
func TestTwoBlockElementField3D(t *testing.T) {
	m := meshobj.New()
	m.NumDim = 3
	for i := range 2 {
		x := float64(i)
		if err := m.BuildHex8Cube(int64(i+1), [3][2]float64{{x, x + 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}); err != nil {
			t.Fatal(err)
		}
	}
	m.Timesteps = []float64{0}
	for i, b := range m.Blocks {
		v := make([]float64, b.NumElems)
		for e := range v {
			v[e] = float64(1 + 4*i)
		}
		b.Fields = []*meshobj.Field{{Name: "e", Values: [][]float64{v}}}
	}
	r := bare("+z")
	r.ElementField = "e"
	img, _, err := Render(m, r)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[color.RGBA]int{}
	for y := 180; y < 680; y++ {
		for x := 60; x < 1140; x++ {
			colours[img.RGBAAt(x, y)]++
		}
	}
	if len(colours) != 2 {
		t.Fatalf("%d colours, want 2: %v", len(colours), colours)
	}
	shade := 0.35 + 0.65/math.Sqrt(0.25*0.25+0.35*0.35+1)
	for _, c := range []struct {
		x    int
		want [3]float64
	}{{300, [3]float64{0x44, 0x01, 0x54}}, {900, [3]float64{0xfd, 0xe7, 0x25}}} {
		got := img.RGBAAt(c.x, 400)
		for k, g := range []uint8{got.R, got.G, got.B} {
			if math.Abs(float64(g)-c.want[k]*shade) > 1 {
				t.Errorf("x=%d: colour %v, want viridis' end %v times %.3f", c.x, got, c.want, shade)
				break
			}
		}
	}
}
