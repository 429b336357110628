package render

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Scene is what Render draws: triangles over points, with an optional
// scalar per point or per triangle.
type Scene struct {
	// Points holds x, y, z per point.
	Points []float64
	// Tris holds three point indices per triangle.
	Tris []int32
	// Edges has one entry per triangle (or is nil: no edges): bit k set
	// draws the triangle's edge from its vertex k to vertex (k+1)%3, a
	// boundary of the mesh face it comes from.
	Edges []uint8
	// FrontOnly, if not nil, has one entry per triangle: true marks a
	// triangle of a closed surface whose vertices go counter-clockwise
	// seen from outside; it is drawn only when seen from outside (the
	// back faces of a closed surface are hidden anyway, and skipping them
	// halves the work).
	FrontOnly []bool
	// NodeValues holds one value per point, interpolated across the
	// triangles, or is nil.
	NodeValues []float64
	// TriValues holds one value per triangle, colouring it whole, or is
	// nil. NaN values (in either) are drawn grey.
	TriValues []float64
	// Flat draws without lighting (2-D meshes, drawn like a contour plot).
	Flat bool
	// Bounds, if not nil, is the box (xmin, xmax, ymin, ymax, zmin, zmax)
	// that the picture frames; nil frames the points' own bounding box.
	// Animation frames share one box so that the camera stays put.
	Bounds *[6]float64
}

// Options says how to draw a Scene.
type Options struct {
	// Width and Height are the picture's size in pixels.
	Width, Height int
	// Azimuth and Elevation (degrees) place the camera: it looks at the
	// scene from the direction (cos e cos a, cos e sin a, sin e).
	Azimuth, Elevation float64
	// Colormap is one of Colormaps() ("" is viridis).
	Colormap string
	// Range is the value range the colormap spans; nil takes the values'
	// own range.
	Range *[2]float64
	// Edges draws the mesh edges (Scene.Edges) thin and dark.
	Edges bool
	// Title is drawn at the top, if not empty.
	Title string
	// Colorbar draws a colour bar with labelled ticks on the right (only
	// when the scene has values).
	Colorbar bool
	// Triad draws the axis triad in the lower left corner.
	Triad bool
}

// Tick is one labelled tick of the colour bar.
type Tick struct {
	Value float64
	Label string
	// Y is the pixel row of the tick.
	Y int
}

// Layout tells where Render put things.
type Layout struct {
	// Plot is the area the mesh is framed in.
	Plot image.Rectangle
	// Bar is the colour bar's coloured area (empty without one).
	Bar image.Rectangle
	// Ticks are the colour bar's ticks, from the low end to the high end.
	Ticks []Tick
	// Range is the value range the colormap spans.
	Range [2]float64
	// Scale is the number of pixels per model length unit.
	Scale float64
}

// View returns the azimuth and elevation of a named view: "+x" looks at
// the scene from the +x side (so "+z" shows the top, x to the right and y
// up), and "iso" from above, front and right.
func View(name string) (az, el float64, err error) {
	switch name {
	case "+x":
		return 0, 0, nil
	case "-x":
		return 180, 0, nil
	case "+y":
		return 90, 0, nil
	case "-y":
		return -90, 0, nil
	case "+z":
		return -90, 90, nil
	case "-z":
		return -90, -90, nil
	case "iso":
		return -55, 30, nil
	}
	return 0, 0, fmt.Errorf("render: unknown view %q (want '+x', '-x', '+y', '-y', '+z', '-z', 'iso' or (azimuth, elevation))", name)
}

// camera is an orthographic camera: right and up span the screen, dir
// points from the scene to the viewer.
type camera struct{ right, up, dir [3]float64 }

func newCamera(az, el float64) camera {
	a, e := az*math.Pi/180, el*math.Pi/180
	d := [3]float64{math.Cos(e) * math.Cos(a), math.Cos(e) * math.Sin(a), math.Sin(e)}
	r := [3]float64{-math.Sin(a), math.Cos(a), 0}
	return camera{right: r, up: cross(d, r), dir: d}
}

func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// ss is the supersampling factor per axis, and tile the tile side in
// output pixels.
const (
	ss   = 2
	tile = 32
	tss  = tile * ss
)

// background is the picture's background colour.
var background = color.RGBA{255, 255, 255, 255}

// plain is the surface colour when the scene has no values.
var plain = [3]float32{0.78, 0.80, 0.84}

// nanColour is the colour of NaN values.
var nanColour = [3]float32{0.6, 0.6, 0.6}

// Render draws s as o says and returns the picture and its layout.
func Render(s *Scene, o *Options) (*image.RGBA, *Layout, error) {
	if o.Width < 16 || o.Height < 16 || o.Width > 8192 || o.Height > 8192 {
		return nil, nil, fmt.Errorf("render: size %dx%d is out of range (16 to 8192 pixels a side)", o.Width, o.Height)
	}
	if len(s.Points)%3 != 0 || len(s.Tris)%3 != 0 {
		return nil, nil, errors.New("render: points and triangles must come in threes")
	}
	np, nt := len(s.Points)/3, len(s.Tris)/3
	if s.NodeValues != nil && len(s.NodeValues) != np {
		return nil, nil, fmt.Errorf("render: %d node values for %d points", len(s.NodeValues), np)
	}
	if s.TriValues != nil && len(s.TriValues) != nt {
		return nil, nil, fmt.Errorf("render: %d triangle values for %d triangles", len(s.TriValues), nt)
	}
	if s.Edges != nil && len(s.Edges) != nt {
		return nil, nil, fmt.Errorf("render: %d edge flags for %d triangles", len(s.Edges), nt)
	}
	if s.FrontOnly != nil && len(s.FrontOnly) != nt {
		return nil, nil, fmt.Errorf("render: %d front-only flags for %d triangles", len(s.FrontOnly), nt)
	}
	for _, v := range s.Tris {
		if v < 0 || int(v) >= np {
			return nil, nil, fmt.Errorf("render: triangle vertex %d is not a point (0 to %d)", v, np-1)
		}
	}
	cm, err := lookupColormap(o.Colormap)
	if err != nil {
		return nil, nil, err
	}
	W, H := o.Width, o.Height
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	lay := &Layout{}
	values := s.NodeValues
	if values == nil {
		values = s.TriValues
	}
	hasValues := values != nil
	if hasValues {
		if o.Range != nil {
			lay.Range = *o.Range
		} else {
			lay.Range = valueRange(values)
		}
	}
	fonts, err := newFonts(H)
	if err != nil {
		return nil, nil, err
	}
	titleH, barW := 0, 0
	if o.Title != "" {
		titleH = int(math.Round(float64(H) * 0.07))
	}
	if o.Colorbar && hasValues {
		barW = int(math.Round(float64(W) * 0.15))
	}
	lay.Plot = image.Rect(0, titleH, W-barW, H)

	cam := newCamera(o.Azimuth, o.Elevation)
	box := s.Bounds
	if box == nil {
		b := pointBounds(s.Points)
		box = &b
	}
	umin, umax, vmin, vmax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for c := range 8 {
		p := [3]float64{box[c&1], box[2+(c>>1)&1], box[4+(c>>2)&1]}
		u, v := dot(p, cam.right), dot(p, cam.up)
		umin, umax, vmin, vmax = min(umin, u), max(umax, u), min(vmin, v), max(vmax, v)
	}
	pw, ph := float64(lay.Plot.Dx()), float64(lay.Plot.Dy())
	eu, ev := umax-umin, vmax-vmin
	scale := 0.9 * math.Min(pw/math.Max(eu, 1e-300), ph/math.Max(ev, 1e-300))
	if eu <= 0 && ev <= 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		scale = 1
	}
	lay.Scale = scale
	cx := float64(lay.Plot.Min.X) + pw/2
	cy := float64(lay.Plot.Min.Y) + ph/2
	uc, vc := (umin+umax)/2, (vmin+vmax)/2

	// Project the points into supersampled pixel space.
	proj := make([]float32, 3*np)
	parallel(np, 1<<14, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := [3]float64{s.Points[3*i], s.Points[3*i+1], s.Points[3*i+2]}
			proj[3*i] = float32(ss * (cx + (dot(p, cam.right)-uc)*scale))
			proj[3*i+1] = float32(ss * (cy - (dot(p, cam.up)-vc)*scale))
			proj[3*i+2] = float32(dot(p, cam.dir))
		}
	})
	// Normalised values.
	var tnode, ttri []float32
	norm := func(dst []float32, src []float64) {
		lo, hi := lay.Range[0], lay.Range[1]
		parallel(len(src), 1<<14, func(a, b int) {
			for i := a; i < b; i++ {
				v := src[i]
				switch {
				case math.IsNaN(v):
					dst[i] = float32(math.NaN())
				case hi > lo:
					dst[i] = float32(math.Max(0, math.Min(1, (v-lo)/(hi-lo))))
				default:
					dst[i] = 0.5
				}
			}
		})
	}
	if s.NodeValues != nil {
		tnode = make([]float32, np)
		norm(tnode, s.NodeValues)
	} else if s.TriValues != nil {
		ttri = make([]float32, nt)
		norm(ttri, s.TriValues)
	}
	// Shading per triangle: a head light a little above and left of the
	// viewer.
	shade := make([]float32, nt)
	light := [3]float64{cam.dir[0] + 0.35*cam.up[0] - 0.25*cam.right[0], cam.dir[1] + 0.35*cam.up[1] - 0.25*cam.right[1], cam.dir[2] + 0.35*cam.up[2] - 0.25*cam.right[2]}
	ln := math.Sqrt(dot(light, light))
	parallel(nt, 1<<13, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			if s.Flat {
				shade[t] = 1
				continue
			}
			a, b, c := 3*int(s.Tris[3*t]), 3*int(s.Tris[3*t+1]), 3*int(s.Tris[3*t+2])
			e1 := [3]float64{s.Points[b] - s.Points[a], s.Points[b+1] - s.Points[a+1], s.Points[b+2] - s.Points[a+2]}
			e2 := [3]float64{s.Points[c] - s.Points[a], s.Points[c+1] - s.Points[a+1], s.Points[c+2] - s.Points[a+2]}
			n := cross(e1, e2)
			nn := math.Sqrt(dot(n, n))
			f := 1.0
			if nn > 0 {
				f = math.Abs(dot(n, light)) / (nn * ln)
			}
			shade[t] = float32(0.35 + 0.65*f)
		}
	})

	// Bin the triangles to tiles.
	tw, th := (W+tile-1)/tile, (H+tile-1)/tile
	count := make([]int32, tw*th+1)
	forTiles := func(t int, fn func(k int)) {
		x0, y0, x1, y1, ok := triBox(proj, s.Tris, t, W*ss, H*ss)
		if !ok {
			return
		}
		for ty := y0 / tss; ty <= y1/tss; ty++ {
			for tx := x0 / tss; tx <= x1/tss; tx++ {
				fn(ty*tw + tx)
			}
		}
	}
	for t := range nt {
		forTiles(t, func(k int) { count[k+1]++ })
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	bins := make([]int32, count[len(count)-1])
	fill := make([]int32, tw*th)
	copy(fill, count)
	for t := range nt {
		forTiles(t, func(k int) { bins[fill[k]] = int32(t); fill[k]++ })
	}

	edges := s.Edges
	if !o.Edges {
		edges = nil
	}
	var lut [256][3]float32
	for i, c := range cm {
		lut[i] = [3]float32{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255}
	}
	r := &raster{proj: proj, tris: s.Tris, edges: edges, front: s.FrontOnly, tnode: tnode, ttri: ttri, shade: shade, lut: &lut, img: img}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), tw*th) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := newTileBuf()
			for {
				k := int(next.Add(1) - 1)
				if k >= tw*th {
					return
				}
				r.drawTile(buf, k%tw, k/tw, bins[count[k]:count[k+1]])
			}
		}()
	}
	wg.Wait()

	if o.Title != "" {
		fonts.drawCentred(img, fonts.title, o.Title, W/2, titleH/2)
	}
	if barW > 0 {
		drawColorbar(img, fonts, cm, lay, W-barW, titleH, barW, H-titleH)
	}
	if o.Triad {
		drawTriad(img, fonts, cam, lay.Plot)
	}
	return img, lay, nil
}

// valueRange returns the smallest and largest of the values that are not
// NaN ([0, 1] if there are none).
func valueRange(v []float64) [2]float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	if lo > hi {
		return [2]float64{0, 1}
	}
	return [2]float64{lo, hi}
}

// pointBounds returns the bounding box of points (x, y, z per point).
func pointBounds(p []float64) [6]float64 {
	b := [6]float64{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
	for i := 0; i+2 < len(p); i += 3 {
		for d := range 3 {
			b[2*d] = math.Min(b[2*d], p[i+d])
			b[2*d+1] = math.Max(b[2*d+1], p[i+d])
		}
	}
	if len(p) == 0 {
		return [6]float64{}
	}
	return b
}

// Bounds returns the bounding box (xmin, xmax, ymin, ymax, zmin, zmax) of
// points, for Scene.Bounds; Union widens one box by another.
func Bounds(points []float64) [6]float64 { return pointBounds(points) }

// Union returns the smallest box holding a and b.
func Union(a, b [6]float64) [6]float64 {
	for d := range 3 {
		a[2*d] = math.Min(a[2*d], b[2*d])
		a[2*d+1] = math.Max(a[2*d+1], b[2*d+1])
	}
	return a
}

// triBox returns the supersampled pixel box of triangle t clipped to the
// picture, or false if it lies outside or is not finite.
func triBox(proj []float32, tris []int32, t, w, h int) (x0, y0, x1, y1 int, ok bool) {
	a, b, c := 3*tris[3*t], 3*tris[3*t+1], 3*tris[3*t+2]
	xa, xb, xc := proj[a], proj[b], proj[c]
	ya, yb, yc := proj[a+1], proj[b+1], proj[c+1]
	fx0, fx1 := min(xa, xb, xc), max(xa, xb, xc)
	fy0, fy1 := min(ya, yb, yc), max(ya, yb, yc)
	if !(fx1 >= 0 && fy1 >= 0 && fx0 < float32(w) && fy0 < float32(h)) {
		return 0, 0, 0, 0, false
	}
	x0, x1 = max(0, int(fx0)), min(w-1, int(fx1))
	y0, y1 = max(0, int(fy0)), min(h-1, int(fy1))
	return x0, y0, x1, y1, true
}

// parallel calls body on contiguous ranges covering [0, n), in up to
// GOMAXPROCS goroutines, each range at least grain long.
func parallel(n, grain int, body func(lo, hi int)) {
	p := min(runtime.GOMAXPROCS(0), (n+grain-1)/grain)
	if p <= 1 {
		body(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range p {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body(w*n/p, (w+1)*n/p)
		}()
	}
	wg.Wait()
}
