package builtins

import (
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"exosh/meshobj"
	"exosh/pictures"

	"go.starlark.net/starlark"
)

// This file holds the Pictures area: export_png, export_gif and show,
// which draw the model with package render (through package pictures).

// viewArg unpacks a view: a name ('iso', '+x', ...) or (azimuth,
// elevation) in degrees.
type viewArg struct {
	name   string
	az, el float64
}

// Unpack implements starlark.Unpacker.
func (a *viewArg) Unpack(v starlark.Value) error {
	if s, ok := starlark.AsString(v); ok {
		a.name = s
		return nil
	}
	xs, err := floatsOf(v)
	if err != nil || len(xs) != 2 {
		return fmt.Errorf("got %s, want a view name such as 'iso' or '+z', or (azimuth, elevation)", v)
	}
	a.name, a.az, a.el = "", xs[0], xs[1]
	return nil
}

// sizeArg unpacks (width, height) in pixels.
type sizeArg struct{ w, h int }

// Unpack implements starlark.Unpacker.
func (a *sizeArg) Unpack(v starlark.Value) error {
	xs, err := floatsOf(v)
	if err != nil || len(xs) != 2 || xs[0] != float64(int(xs[0])) || xs[1] != float64(int(xs[1])) {
		return fmt.Errorf("got %s, want (width, height) in pixels", v)
	}
	a.w, a.h = int(xs[0]), int(xs[1])
	return nil
}

// pictureParams are the parameters export_png, export_gif and show share,
// after the filename (and export_gif's timesteps and fps).
const pictureParams = "node_field_name=None, element_field_name=None, timestep='last', element_block_ids='all', view='iso', size=(1200, 900), colormap='viridis', field_range='auto', edges=True, displacement_timestep='auto', title=None, colorbar=True"

// pictureArgs holds the shared parameters while they are unpacked.
type pictureArgs struct {
	node, elem, title optString
	timestep, blocks  selArg
	disp              selArg
	view              viewArg
	size              sizeArg
	colormap          string
	rng               rangeArg
	edges, colorbar   bool
}

func newPictureArgs() *pictureArgs {
	return &pictureArgs{timestep: one("last"), blocks: sel("all"), disp: sel("auto"),
		view: viewArg{name: "iso"}, size: sizeArg{1200, 900}, colormap: "viridis", edges: true, colorbar: true}
}

// pairs returns the UnpackArgs pairs of the shared parameters.
func (a *pictureArgs) pairs() []any {
	return []any{"node_field_name?", &a.node, "element_field_name?", &a.elem, "timestep?", &a.timestep,
		"element_block_ids?", &a.blocks, "view?", &a.view, "size?", &a.size, "colormap?", &a.colormap,
		"field_range?", &a.rng, "edges?", &a.edges, "displacement_timestep?", &a.disp, "title?", &a.title,
		"colorbar?", &a.colorbar}
}

// request converts the arguments into a pictures.Request.
func (a *pictureArgs) request() *pictures.Request {
	r := pictures.Defaults()
	r.NodeField, r.ElementField = a.node.s, a.elem.s
	if len(a.timestep.sel) == 1 {
		r.Timestep = a.timestep.sel[0]
	}
	r.Blocks, r.Displacement = a.blocks.sel, a.disp.sel
	r.View, r.Azimuth, r.Elevation = a.view.name, a.view.az, a.view.el
	r.Width, r.Height = a.size.w, a.size.h
	r.Colormap, r.Range, r.Edges, r.Colorbar = a.colormap, a.rng.r, a.edges, a.colorbar
	if a.title.isSet {
		r.Title = &a.title.s
	}
	return r
}

// picturesArea holds the picture methods.
var picturesArea = area{
	title:   "Pictures",
	intro:   "Pictures of the model coloured by a field, drawn by exosh's own renderer: the exterior surface of 3-D blocks (lit, with a z-buffer and 2x2 supersampling) and 2-D blocks drawn flat like a contour plot, with a title, a colour bar and an axis triad.",
	methods: pictureMethods,
}

// pictureMethods are the picture methods.
var pictureMethods = []method{
	{
		name:   "export_png",
		params: "filename, " + pictureParams,
		doc: `Draw the model to a PNG file. The picture shows the exterior surface of the
given 3-D blocks and the 2-D (tri, quad) blocks themselves, coloured by a
node field (interpolated across faces) or an element field (one colour per
face) at timestep, or plain grey without a field. view is '+x', '-x', '+y',
'-y', '+z', '-z' (the side the camera looks from; '+z' has x to the right
and y up), 'iso', or (azimuth, elevation) in degrees; 'iso' on a flat 2-D
mesh draws it from '+z', without lighting. colormap is 'viridis',
'coolwarm', 'jet' or 'gray'; field_range 'auto' spans the field's values on
the surface, or give [min, max]. edges draws the element edges thin.
displacement_timestep follows export_stl_file: 'auto' draws the deformed
shape at the last timestep when the model has a displacement field. The
default title names the field and time. The file is written atomically.

    model.export_png('temp.png', node_field_name='temp')
    model.export_png('top.png', element_field_name='stress', view='+z', colormap='coolwarm', field_range=[0, 100])`,
		fn: func(c *call) (starlark.Value, error) {
			var filename string
			a := newPictureArgs()
			if err := c.unpack(append([]any{"filename", &filename}, a.pairs()...)...); err != nil {
				return nil, err
			}
			data, err := pictures.PNG(c.model.m, a.request())
			if err != nil {
				return nil, err
			}
			return starlark.None, c.writeOutput(filename, data)
		},
	},
	{
		name:   "export_gif",
		params: "filename, timesteps='all', fps=10, " + pictureParams,
		doc: `Draw an animated GIF with one frame per selected timestep, at fps frames a
second, looping. It takes export_png's arguments (timestep is unused). The
colour range is fixed across the frames (the field's range over all of
them unless field_range is given) and so is the camera, which frames every
frame's shape; displacement_timestep 'auto' deforms each frame by its own
timestep when the model has a displacement field. Colours are reduced to a
252-colour palette with ordered dithering.

    model.export_gif('temp.gif', node_field_name='temp', fps=5)`,
		fn: func(c *call) (starlark.Value, error) {
			var filename string
			ts := sel("all")
			fps := num(10)
			a := newPictureArgs()
			if err := c.unpack(append([]any{"filename", &filename, "timesteps?", &ts, "fps?", &fps}, a.pairs()...)...); err != nil {
				return nil, err
			}
			r := a.request()
			update, end := c.progress("drawing " + filename)
			r.Progress = update
			data, err := pictures.GIF(c.model.m, r, ts.sel, float64(fps))
			if err == nil {
				err = c.writeOutput(filename, data)
			}
			end(err)
			return starlark.None, err
		},
	},
	{
		name:   "show",
		params: pictureParams,
		doc: `Draw the model as export_png does and show it: inline in a terminal that
says it speaks an image protocol (kitty: TERM=xterm-kitty or
KITTY_WINDOW_ID set; iTerm2: TERM_PROGRAM=iTerm.app), when output goes to
that terminal. Anywhere else the picture is written to a PNG file in the
temporary directory and its path is printed.

    model.show(node_field_name='temp')`,
		fn: func(c *call) (starlark.Value, error) {
			a := newPictureArgs()
			if err := c.unpack(a.pairs()...); err != nil {
				return nil, err
			}
			data, err := pictures.PNG(c.model.m, a.request())
			if err != nil {
				return nil, err
			}
			return starlark.None, showPNG(stdoutOf(c.thread), data, os.Getenv)
		},
	},
	{
		name:   "export_html",
		params: "filename, node_field_names='all', element_field_names='all', timesteps='all', element_block_ids='all', view='iso', colormap='viridis', displacement_timestep='auto', title=None",
		doc: `Write one self-contained HTML file (no network access, nothing fetched when
it is opened) with a WebGL viewer of the exterior surface of the given
blocks, displaced as export_png does, and the given node and element fields
at the given timesteps, stored as base64 float32. In the browser: drag to
rotate, shift-drag or right-drag to pan, the wheel to zoom; the top bar has
a field chooser, a timestep slider, an edges switch and a reset button,
and a colour bar shows each field's range over the stored timesteps.
element_field_names 'all' takes the fields of the drawn blocks. With a
displacement field, displacement_timestep 'auto' stores the displaced shape
of every stored timestep, and the shape follows the slider; otherwise the
shape is displaced as export_png displaces it. view and colormap are as for
export_png; title defaults to the file name.

    model.export_html('result.html', node_field_names=['temp'], element_field_names=[])`,
		fn: exportHTML,
	},
}

// exportHTML implements export_html.
func exportHTML(c *call) (starlark.Value, error) {
	var filename string
	nodes, elems, ts, blocks, disp := sel("all"), sel("all"), sel("all"), sel("all"), sel("auto")
	view := viewArg{name: "iso"}
	colormap := "viridis"
	var title optString
	if err := c.unpack("filename", &filename, "node_field_names?", &nodes, "element_field_names?", &elems, "timesteps?", &ts,
		"element_block_ids?", &blocks, "view?", &view, "colormap?", &colormap, "displacement_timestep?", &disp, "title?", &title); err != nil {
		return nil, err
	}
	m := c.model.m
	r := &pictures.HTMLRequest{Timesteps: ts.sel, Blocks: blocks.sel, Displacement: disp.sel, View: view.name,
		Azimuth: view.az, Elevation: view.el, Colormap: colormap, Title: title.s}
	if !title.isSet {
		r.Title = filepath.Base(filename)
	}
	var err error
	if r.NodeFields, err = m.ResolveNodeFieldNames(nodes.sel); err != nil {
		return nil, err
	}
	if len(elems.sel) == 1 && elems.sel[0] == meshobj.Str(meshobj.KeyAll) {
		r.ElementFields, err = m.GetElementFieldNames(blocks.sel)
	} else {
		r.ElementFields, err = m.ResolveElementFieldNames(elems.sel)
	}
	if err != nil {
		return nil, err
	}
	data, err := pictures.HTML(m, r)
	if err != nil {
		return nil, err
	}
	return starlark.None, c.writeOutput(filename, data)
}

// imageProtocol returns the inline image protocol the terminal announces
// in its environment ("kitty", "iterm2") or "".
func imageProtocol(getenv func(string) string) string {
	switch {
	case getenv("TERM") == "xterm-kitty" || getenv("KITTY_WINDOW_ID") != "":
		return "kitty"
	case getenv("TERM_PROGRAM") == "iTerm.app":
		return "iterm2"
	}
	return ""
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// showPNG shows a PNG inline when w is a terminal with an image protocol,
// or writes it under the temporary directory and prints the path.
func showPNG(w io.Writer, data []byte, getenv func(string) string) error {
	proto := ""
	if isTerminal(w) {
		proto = imageProtocol(getenv)
	}
	if proto != "" {
		return writeInline(w, data, proto)
	}
	name := filepath.Join(os.TempDir(), fmt.Sprintf("exosh-show-%d-%d.png", os.Getpid(), time.Now().UnixNano()))
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("show: %w", err)
	}
	_, err := fmt.Fprintln(w, name)
	return err
}

// writeInline writes the escape sequences that show a PNG inline: kitty's
// graphics protocol (base64 in chunks of 4096 bytes, m=1 on all but the
// last) or iTerm2's inline file.
func writeInline(w io.Writer, data []byte, proto string) error {
	enc := base64.StdEncoding.EncodeToString(data)
	if proto == "iterm2" {
		_, err := fmt.Fprintf(w, "\x1b]1337;File=inline=1;size=%d;preserveAspectRatio=1:%s\a\n", len(data), enc)
		return err
	}
	for i := 0; i < len(enc); i += 4096 {
		chunk := enc[i:min(i+4096, len(enc))]
		more := 0
		if i+4096 < len(enc) {
			more = 1
		}
		var err error
		if i == 0 {
			_, err = fmt.Fprintf(w, "\x1b_Gf=100,a=T,m=%d;%s\x1b\\", more, chunk)
		} else {
			_, err = fmt.Fprintf(w, "\x1b_Gm=%d;%s\x1b\\", more, chunk)
		}
		if err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
