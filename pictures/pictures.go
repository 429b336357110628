// Package pictures turns a model into pictures: it gathers the surface and
// a field from meshobj, has package render draw them, and writes PNG and
// animated GIF files (atomically). It is what export_png, export_gif,
// show and `exosh plot` share.
package pictures

import (
	"bytes"
	"exosh/internal/atomicfile"
	"fmt"
	"image"
	"image/png"
	"math"
	"strconv"

	"exosh/meshobj"
	"exosh/render"
)

// Request is one picture's arguments, as export_png takes them.
type Request struct {
	// NodeField or ElementField names the field to colour by (at most
	// one; neither draws the plain mesh).
	NodeField, ElementField string
	// Timestep selects the field's timestep (export_png's 'last').
	Timestep meshobj.Item
	// Blocks selects the element blocks drawn.
	Blocks meshobj.Selector
	// View is a named view ("iso", "+z", ...) or, if empty, Azimuth and
	// Elevation in degrees. "iso" on a flat (2-D) mesh is taken as "+z".
	View               string
	Azimuth, Elevation float64
	// Width and Height are the picture's size in pixels.
	Width, Height int
	// Colormap names the colormap (render.Colormaps()).
	Colormap string
	// Range is the colour range, or nil for the field's own.
	Range *[2]float64
	// Edges draws the element edges.
	Edges bool
	// Displacement selects the displacement timestep ('auto': the last
	// one, if the model has a displacement field; see
	// meshobj.Model.PicturePoints).
	Displacement meshobj.Selector
	// Title is the title, or nil for the default (the field and time).
	Title *string
	// Colorbar draws the colour bar.
	Colorbar bool
	// Progress, if not nil, is told of each animation frame drawn.
	Progress func(done, total int64)
}

// Defaults returns a Request with export_png's defaults.
func Defaults() *Request {
	return &Request{
		Timestep: meshobj.Str(meshobj.KeyLast), Blocks: meshobj.Sel(meshobj.KeyAll), View: "iso",
		Width: 1200, Height: 900, Colormap: "viridis", Edges: true,
		Displacement: meshobj.Sel(meshobj.KeyAuto), Colorbar: true,
	}
}

// frame is what one picture needs from the model.
type frame struct {
	scene *render.Scene
	time  float64
	step  int
}

// check refuses impossible combinations of arguments.
func (r *Request) check() error {
	if r.NodeField != "" && r.ElementField != "" {
		return fmt.Errorf("pictures: give node_field_name or element_field_name, not both")
	}
	if r.Width < 16 || r.Height < 16 || r.Width > 8192 || r.Height > 8192 {
		return fmt.Errorf("pictures: size (%d, %d) is out of range (16 to 8192 pixels a side)", r.Width, r.Height)
	}
	if r.Range != nil && !(r.Range[0] <= r.Range[1]) {
		return fmt.Errorf("pictures: field_range [%g, %g] is not [min, max]", r.Range[0], r.Range[1])
	}
	if _, _, err := render.ColormapEnds(r.Colormap); err != nil {
		return err
	}
	if r.View != "" {
		if _, _, err := render.View(r.View); err != nil {
			return err
		}
	}
	return nil
}

// field reports whether the request colours by a field.
func (r *Request) field() bool { return r.NodeField != "" || r.ElementField != "" }

// frameAt gathers the scene at timestep index step (-1: no timestep) with
// displacement selector disp.
func frameAt(m *meshobj.Model, p *meshobj.Picture, r *Request, step int, disp meshobj.Selector) (*frame, error) {
	pts, _, err := m.PicturePoints(p, disp)
	if err != nil {
		return nil, err
	}
	s := &render.Scene{Points: pts, Tris: p.Tris, Flat: p.Flat, FrontOnly: p.FrontOnly}
	if r.Edges {
		s.Edges = p.Edges
	}
	f := &frame{scene: s, step: step, time: math.NaN()}
	if step >= 0 {
		f.time = m.Timesteps[step]
	}
	switch {
	case r.NodeField != "":
		s.NodeValues, err = m.PictureNodeValues(p, r.NodeField, step)
	case r.ElementField != "":
		s.TriValues, err = m.PictureElementValues(p, r.ElementField, step)
	}
	return f, err
}

// options returns the render options for a frame.
func (r *Request) options(p *meshobj.Picture, f *frame, rng *[2]float64) *render.Options {
	o := &render.Options{Width: r.Width, Height: r.Height, Colormap: r.Colormap, Range: rng,
		Edges: r.Edges, Colorbar: r.Colorbar, Triad: true}
	view := r.View
	if view == "iso" && p.Flat {
		view = "+z"
	}
	if view != "" {
		o.Azimuth, o.Elevation, _ = render.View(view)
	} else {
		o.Azimuth, o.Elevation = r.Azimuth, r.Elevation
	}
	if r.Title != nil {
		o.Title = *r.Title
	} else {
		o.Title = defaultTitle(r, f)
	}
	return o
}

// defaultTitle names the field and the time.
func defaultTitle(r *Request, f *frame) string {
	name := r.NodeField
	if name == "" {
		name = r.ElementField
	}
	if name == "" {
		name = "mesh"
	}
	if !math.IsNaN(f.time) {
		name += ", time " + strconv.FormatFloat(f.time, 'g', 6, 64)
	}
	return name
}

// Render draws the picture a request describes.
func Render(m *meshobj.Model, r *Request) (*image.RGBA, *render.Layout, error) {
	if err := r.check(); err != nil {
		return nil, nil, err
	}
	p, err := m.PictureSurface(r.Blocks)
	if err != nil {
		return nil, nil, err
	}
	step := -1
	if r.field() {
		if step, err = m.PictureTimestep(r.Timestep); err != nil {
			return nil, nil, err
		}
	}
	f, err := frameAt(m, p, r, step, r.Displacement)
	if err != nil {
		return nil, nil, err
	}
	return render.Render(f.scene, r.options(p, f, r.Range))
}

// PNG returns the picture as PNG bytes.
func PNG(m *meshobj.Model, r *Request) ([]byte, error) {
	img, _, err := Render(m, r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("pictures: encoding the PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// WritePNG writes the picture to a PNG file, atomically.
func WritePNG(m *meshobj.Model, r *Request, filename string) error {
	data, err := PNG(m, r)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filename, data); err != nil {
		return fmt.Errorf("pictures: %w", err)
	}
	return nil
}
