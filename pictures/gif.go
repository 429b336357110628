package pictures

import (
	"bytes"
	"exosh/internal/atomicfile"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"math"
	"slices"

	"exosh/meshobj"
	"exosh/render"
)

// GIF returns an animated GIF of the request's picture, one frame per
// timestep that timesteps selects, at fps frames a second. The colour
// range (unless the request gives one) is the field's range over all the
// frames, and the camera frames the union of all the frames' shapes, so
// that colours and positions compare across frames. displacement
// 'auto' displaces each frame by its own timestep when the model has a
// displacement field.
func GIF(m *meshobj.Model, r *Request, timesteps meshobj.Selector, fps float64) ([]byte, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	if !(fps > 0 && fps <= 100) {
		return nil, fmt.Errorf("pictures: fps %g is out of range (0 to 100]", fps)
	}
	ts, err := m.ResolveTimesteps(timesteps)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, fmt.Errorf("pictures: no timesteps selected for the animation")
	}
	p, err := m.PictureSurface(r.Blocks)
	if err != nil {
		return nil, err
	}
	auto := len(r.Displacement) == 1 && r.Displacement[0] == meshobj.Str(meshobj.KeyAuto)
	frames := make([]*frame, len(ts))
	var box [6]float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, t := range ts {
		step := slices.Index(m.Timesteps, t)
		disp := r.Displacement
		if auto && m.DisplacementFieldExists() {
			disp = meshobj.Sel(t)
		}
		f, err := frameAt(m, p, r, step, disp)
		if err != nil {
			return nil, err
		}
		frames[i] = f
		b := render.Bounds(f.scene.Points)
		if i == 0 {
			box = b
		} else {
			box = render.Union(box, b)
		}
		for _, vs := range [][]float64{f.scene.NodeValues, f.scene.TriValues} {
			for _, v := range vs {
				if v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
		}
	}
	rng := r.Range
	if rng == nil && lo <= hi {
		rng = &[2]float64{lo, hi}
	}
	pal := palette()
	anim := &gif.GIF{LoopCount: 0}
	delay := int(math.Round(100 / fps))
	for _, f := range frames {
		f.scene.Bounds = &box
		img, _, err := render.Render(f.scene, r.options(p, f, rng))
		if err != nil {
			return nil, err
		}
		anim.Image = append(anim.Image, quantise(img, pal))
		anim.Delay = append(anim.Delay, delay)
		if r.Progress != nil {
			r.Progress(int64(len(anim.Image)), int64(len(frames)))
		}
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, anim); err != nil {
		return nil, fmt.Errorf("pictures: encoding the GIF: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteGIF writes the animation to a GIF file, atomically.
func WriteGIF(m *meshobj.Model, r *Request, timesteps meshobj.Selector, fps float64, filename string) error {
	data, err := GIF(m, r, timesteps, fps)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filename, data); err != nil {
		return fmt.Errorf("pictures: %w", err)
	}
	return nil
}

// The GIF palette is a colour cube of levels[0] x levels[1] x levels[2]
// colours (252 in all, black and white among them), indexed directly.
var levels = [3]int{6, 7, 6}

func palette() color.Palette {
	var p color.Palette
	for r := range levels[0] {
		for g := range levels[1] {
			for b := range levels[2] {
				p = append(p, color.RGBA{uint8(255 * r / (levels[0] - 1)), uint8(255 * g / (levels[1] - 1)), uint8(255 * b / (levels[2] - 1)), 255})
			}
		}
	}
	return p
}

// bayer is the 4x4 ordered dither matrix, in sixteenths.
var bayer = [16]float32{0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5}

// quantise maps img onto the colour cube with ordered dithering.
func quantise(img *image.RGBA, pal color.Palette) *image.Paletted {
	b := img.Bounds()
	out := image.NewPaletted(b, pal)
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride:]
		orow := out.Pix[y*out.Stride:]
		for x := 0; x < b.Dx(); x++ {
			d := (bayer[(y&3)*4+x&3]+0.5)/16 - 0.5
			var idx int
			for c := range 3 {
				n := float32(levels[c] - 1)
				v := float32(row[4*x+c])/255*n + d
				q := int(v + 0.5)
				q = max(0, min(levels[c]-1, q))
				idx = idx*levels[c] + q
			}
			orow[x] = uint8(idx)
		}
	}
	return out
}
