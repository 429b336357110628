package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fonts holds the faces a picture uses, sized to its height.
type fonts struct {
	title, label font.Face
}

// newFonts parses Go's regular font and makes the title and label faces.
func newFonts(h int) (*fonts, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("render: parsing the font: %w", err)
	}
	face := func(px float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull})
	}
	title, err := face(math.Max(10, float64(h)*0.032))
	if err != nil {
		return nil, fmt.Errorf("render: font: %w", err)
	}
	label, err := face(math.Max(9, float64(h)*0.022))
	if err != nil {
		return nil, fmt.Errorf("render: font: %w", err)
	}
	return &fonts{title: title, label: label}, nil
}

var ink = image.NewUniform(color.RGBA{20, 20, 20, 255})

// drawText draws s with its left end at x and its vertical centre at y.
func (f *fonts) drawText(img *image.RGBA, face font.Face, s string, x, y int, c image.Image) {
	m := face.Metrics()
	base := y + (m.Ascent.Ceil()-m.Descent.Ceil())/2
	d := &font.Drawer{Dst: img, Src: c, Face: face, Dot: fixed.P(x, base)}
	d.DrawString(s)
}

// drawCentred draws s centred on (x, y).
func (f *fonts) drawCentred(img *image.RGBA, face font.Face, s string, x, y int) {
	w := font.MeasureString(face, s).Ceil()
	f.drawText(img, face, s, x-w/2, y, ink)
}

// FormatTick formats a colour bar tick value: %g with 4 significant
// digits.
func FormatTick(v float64) string {
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// drawColorbar draws the colour bar in the area (x0, y0, w, h), low values
// at the bottom, with 5 labelled ticks, and records it in lay.
func drawColorbar(img *image.RGBA, f *fonts, cm *colormap, lay *Layout, x0, y0, w, h int) {
	bw := max(6, int(float64(w)*0.16))
	bx := x0 + int(float64(w)*0.12)
	top := y0 + int(float64(h)*0.1)
	bot := y0 + h - int(float64(h)*0.1) - 1
	if bot <= top {
		return
	}
	lay.Bar = image.Rect(bx, top, bx+bw, bot+1)
	for y := top; y <= bot; y++ {
		t := float64(bot-y) / float64(bot-top)
		c := cm[int(t*255+0.5)]
		draw.Draw(img, image.Rect(bx, y, bx+bw, y+1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	frame := color.RGBA{40, 40, 40, 255}
	rect(img, image.Rect(bx-1, top-1, bx+bw+1, bot+2), frame)
	lo, hi := lay.Range[0], lay.Range[1]
	for k := range 5 {
		u := float64(k) / 4
		v := lo + u*(hi-lo)
		if k == 4 {
			v = hi
		}
		y := bot - int(math.Round(u*float64(bot-top)))
		lab := FormatTick(v)
		lay.Ticks = append(lay.Ticks, Tick{Value: v, Label: lab, Y: y})
		hline(img, bx+bw, bx+bw+max(3, bw/3), y, frame)
		f.drawText(img, f.label, lab, bx+bw+max(3, bw/3)+3, y, ink)
	}
}

// rect draws the outline of r.
func rect(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	hline(img, r.Min.X, r.Max.X-1, r.Min.Y, c)
	hline(img, r.Min.X, r.Max.X-1, r.Max.Y-1, c)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		img.SetRGBA(r.Min.X, y, c)
		img.SetRGBA(r.Max.X-1, y, c)
	}
}

// hline draws a horizontal line from x0 to x1 on row y.
func hline(img *image.RGBA, x0, x1, y int, c color.RGBA) {
	for x := x0; x <= x1; x++ {
		img.SetRGBA(x, y, c)
	}
}

// line draws a line about 2 pixels wide from (x0, y0) to (x1, y1).
func line(img *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	n := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for i := 0; i <= n; i++ {
		u := float64(i) / float64(n)
		x, y := int(x0+u*(x1-x0)), int(y0+u*(y1-y0))
		for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			img.SetRGBA(x+d[0], y+d[1], c)
		}
	}
}

// drawTriad draws the x (red), y (green) and z (blue) axes as the camera
// sees them in the lower left corner of the plot area.
func drawTriad(img *image.RGBA, f *fonts, cam camera, plot image.Rectangle) {
	s := float64(min(plot.Dx(), plot.Dy()))
	l := 0.07 * s
	ox, oy := float64(plot.Min.X)+0.13*s, float64(plot.Max.Y)-0.12*s
	names := [3]string{"X", "Y", "Z"}
	cols := [3]color.RGBA{{200, 30, 30, 255}, {30, 150, 30, 255}, {30, 60, 210, 255}}
	for a := range 3 {
		var e [3]float64
		e[a] = 1
		dx, dy := dot(e, cam.right), -dot(e, cam.up)
		if math.Hypot(dx, dy) < 0.15 {
			continue // pointing at or away from the viewer
		}
		line(img, ox, oy, ox+l*dx, oy+l*dy, cols[a])
		lx := ox + (l+0.35*l)*dx
		ly := oy + (l+0.35*l)*dy
		w := font.MeasureString(f.label, names[a]).Ceil()
		f.drawText(img, f.label, names[a], int(lx)-w/2, int(ly), image.NewUniform(cols[a]))
	}
}
