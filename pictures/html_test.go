package pictures

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"exosh/meshobj"
	"exosh/render"
)

// chromium returns the path of Chromium. Without one the test is skipped,
// except in CI (CI=true), where it fails: make setup installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: make setup installs Debian's chromium, which the export_html test needs")
	}
	t.Skip("chromium is not installed (make setup installs it)")
	return ""
}

// runChromium runs headless Chromium on a file:// page with a fresh
// profile and returns its standard output and error.
func runChromium(t *testing.T, bin, page string, args ...string) (string, string) {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
		"--window-size=800,600", "--hide-scrollbars", "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0"}
	cmd := exec.Command(bin, append(append(base, args...), "file://"+page)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	return out.String(), errb.String()
}

// consoleErrors returns the lines of Chromium's log that report errors
// from the page (console messages and uncaught exceptions).
func consoleErrors(log string) []string {
	var bad []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "CONSOLE") && (strings.Contains(l, "ERROR") || strings.Contains(l, "Uncaught") || strings.Contains(l, "rror")) {
			bad = append(bad, l)
		}
	}
	return bad
}

// TestHTMLInChromium opens the viewer of a unit cube coloured by x, seen
// from +z, in headless Chromium at 800x600. The canvas is the window less
// the 40-pixel top bar (800x560) and the 110 pixels kept for the colour
// bar, so the cube is framed at 0.9*min(690, 560) = 504 pixels, centred on
// (345, 320): x in [93, 597), y in [68, 572). Along its middle row the
// colours are viridis' (times the lighting of a face turned to the
// viewer) and rise from left to right.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	m := meshobj.New()
	m.NumDim = 3
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{4, 4, 4}); err != nil {
		t.Fatal(err)
	}
	m.Timesteps = []float64{0, 1}
	x := make([]float64, m.NumNodes())
	for i := range x {
		x[i] = m.Coords[3*i]
	}
	m.NodeFields = []*meshobj.Field{{Name: "x", Values: [][]float64{x, x}}}
	page := filepath.Join(t.TempDir(), "cube.html")
	r := &HTMLRequest{NodeFields: []string{"x"}, Timesteps: meshobj.Sel("all"), Blocks: meshobj.Sel("all"),
		Displacement: meshobj.Sel("auto"), View: "+z", Colormap: "viridis", Title: "cube"}
	if err := WriteHTML(m, r, page); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(page)
	if bytes.Contains(data, []byte("http://")) || bytes.Contains(data, []byte("https://")) {
		t.Error("the page refers to the network")
	}

	dom, log := runChromium(t, bin, page, "--dump-dom")
	if !strings.Contains(dom, `<div id="status">ready</div>`) || !strings.Contains(dom, `<pre id="errors"></pre>`) {
		i := strings.Index(dom, `<div id="status">`)
		t.Errorf("viewer not ready: %.200s", dom[max(i, 0):])
	}
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}

	// A page without fields or timesteps: the plain mesh, no colour bar.
	plain := filepath.Join(t.TempDir(), "plain.html")
	if err := WriteHTML(m, &HTMLRequest{Blocks: meshobj.Sel("all"), Displacement: meshobj.Sel("none"), View: "iso", Colormap: "gray"}, plain); err != nil {
		t.Fatal(err)
	}
	if dom, log := runChromium(t, bin, plain, "--dump-dom"); !strings.Contains(dom, `<div id="status">ready</div>`) || len(consoleErrors(log)) > 0 {
		i := strings.Index(dom, `<div id="status">`)
		t.Errorf("plain viewer not ready: %.200s\n%s", dom[max(i, 0):], strings.Join(consoleErrors(log), "\n"))
	}

	shot := filepath.Join(t.TempDir(), "shot.png")
	_, log = runChromium(t, bin, page, "--screenshot="+shot)
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pic, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(pic.Bounds())
	for y := range pic.Bounds().Dy() {
		for x := range pic.Bounds().Dx() {
			img.Set(x, y, pic.At(x, y))
		}
	}
	box := silhouette(img, image.Rect(0, 41, 690, 600))
	t.Logf("silhouette %v", box)
	if os.Getenv("EXOSH_KEEP_SHOT") != "" { // a path to keep the screenshot at, to look at it
		data, _ := os.ReadFile(shot)
		os.WriteFile(os.Getenv("EXOSH_KEEP_SHOT"), data, 0o644)
	}
	want := image.Rect(93, 68, 597, 572)
	near := func(a, b int) bool { return a-b <= 3 && b-a <= 3 }
	if !near(box.Min.X, want.Min.X) || !near(box.Max.X, want.Max.X) || !near(box.Min.Y, want.Min.Y) || !near(box.Max.Y, want.Max.Y) {
		t.Errorf("silhouette %v, want %v within 3 pixels", box, want)
	}
	tab, _ := render.ColormapTable("viridis")
	l := [3]float64{-0.25, 0.35, 1}
	shade := 0.35 + 0.65*l[2]/math.Sqrt(l[0]*l[0]+l[1]*l[1]+l[2]*l[2])
	prev := -1
	y := 320 + 504/8 // the middle of a row of elements, away from edges
	for px := want.Min.X + 8; px < want.Max.X-8; px += 4 {
		c := img.RGBAAt(px, y)
		best, bd := 0, math.Inf(1)
		for k, e := range tab {
			d := sq(float64(e.R)*shade-float64(c.R)) + sq(float64(e.G)*shade-float64(c.G)) + sq(float64(e.B)*shade-float64(c.B))
			if d < bd {
				best, bd = k, d
			}
		}
		if bd > 15*15 && !isEdge(c) {
			t.Errorf("pixel (%d, %d) %v is no viridis colour (distance %.0f)", px, y, c, math.Sqrt(bd))
			break
		}
		if !isEdge(c) {
			if best < prev-2 {
				t.Errorf("colour index falls from %d to %d at x=%d", prev, best, px)
			}
			prev = max(prev, best)
		}
	}
	if prev < 240 {
		t.Errorf("colours reach index %d, want the high end", prev)
	}
}

func sq(x float64) float64 { return x * x }

// isEdge reports whether c is a darkened edge pixel.
func isEdge(c color.RGBA) bool { return int(c.R)+int(c.G)+int(c.B) < 150 }

// TestHTMLData: the page embeds its data as JSON with empty lists, never
// null, where there are no timesteps or fields (the viewer reads their
// lengths), and the viewer script; it fetches nothing.
func TestHTMLData(t *testing.T) {
	m := readShared(t, "testdata/two-block.g")
	for _, ts := range []meshobj.Selector{meshobj.Sel("none"), meshobj.Sel("all")} {
		r := &HTMLRequest{NodeFields: meshobj.FieldNames(m.NodeFields), Timesteps: ts, Blocks: meshobj.Sel("all"),
			Displacement: meshobj.Sel("auto"), View: "iso", Colormap: "viridis", Title: "<b>&"}
		page, err := HTML(m, r)
		if err != nil {
			t.Fatal(err)
		}
		s := string(page)
		if strings.Contains(s, ":null") || !strings.Contains(s, "<title>&lt;b&gt;&amp;</title>") || strings.Contains(s, "src=") || strings.Contains(s, "http") {
			t.Errorf("%v: a null, an unescaped title or a reference out of the page", ts)
		}
		nf := strings.Count(s, `"kind":"node"`)
		if ts[0].Str == "none" && (!strings.Contains(s, `"times":[]`) || nf != 0) {
			t.Errorf("timesteps none: times or fields present")
		}
		if ts[0].Str == "all" && (!strings.Contains(s, `"times":[0,1,2,3]`) || nf != len(m.NodeFields)) {
			t.Errorf("timesteps all: %d node fields, want %d, and times 0 to 3", nf, len(m.NodeFields))
		}
	}
	if _, err := HTML(m, &HTMLRequest{Blocks: meshobj.Sel("all"), Displacement: meshobj.Sel("auto"), Colormap: "rainbow"}); err == nil {
		t.Error("colormap rainbow: no error")
	}
}

// TestHTMLDisplacementInChromium: with a displacement field the page
// stores each timestep's shape and shows the slider's (the last at first).
// A unit cube stretched to [0,2]x[0,1]x[0,1] at the last step, from +z:
// the framed box is the union of the shapes, 2x1, in 690x560 pixels, so
// 0.9*min(690/2, 560) = 310.5 pixels a unit around (345, 320): x in
// [34.5, 655.5), y in [164.75, 475.25).
func TestHTMLDisplacementInChromium(t *testing.T) {
	bin := chromium(t)
	m := meshobj.New()
	m.NumDim = 3
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}); err != nil {
		t.Fatal(err)
	}
	m.Timesteps = []float64{0, 1}
	n := m.NumNodes()
	x := make([]float64, n)
	for i := range x {
		x[i] = m.Coords[3*i]
	}
	zero := make([]float64, n)
	m.NodeFields = []*meshobj.Field{{Name: "disp_x", Values: [][]float64{zero, x}}, {Name: "disp_y", Values: [][]float64{zero, zero}}, {Name: "disp_z", Values: [][]float64{zero, zero}}}
	page := filepath.Join(t.TempDir(), "stretch.html")
	r := &HTMLRequest{NodeFields: []string{"disp_x"}, Timesteps: meshobj.Sel("all"), Blocks: meshobj.Sel("all"),
		Displacement: meshobj.Sel("auto"), View: "+z", Colormap: "viridis", Title: "stretch"}
	if err := WriteHTML(m, r, page); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(page); !bytes.Contains(data, []byte(`"stepPoints":[`)) {
		t.Fatal("no shapes per timestep in the page")
	}
	shot := filepath.Join(t.TempDir(), "shot.png")
	_, log := runChromium(t, bin, page, "--screenshot="+shot)
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pic, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(pic.Bounds())
	for y := range pic.Bounds().Dy() {
		for x := range pic.Bounds().Dx() {
			img.Set(x, y, pic.At(x, y))
		}
	}
	box := silhouette(img, image.Rect(0, 41, 690, 600))
	want := image.Rect(35, 165, 656, 475)
	near := func(a, b int) bool { return a-b <= 3 && b-a <= 3 }
	if !near(box.Min.X, want.Min.X) || !near(box.Max.X, want.Max.X) || !near(box.Min.Y, want.Min.Y) || !near(box.Max.Y, want.Max.Y) {
		t.Errorf("silhouette %v, want %v within 3 pixels", box, want)
	}
}
