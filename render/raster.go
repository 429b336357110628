package render

import (
	"image"
	"math"
)

// edgeWidth is the half width of a drawn edge in supersampled pixels, and
// edgeDark how much of the surface colour an edge keeps.
const (
	edgeWidth = 1.1
	edgeDark  = 0.25
)

// tileBuf is one worker's supersampled tile: a depth and a colour per
// sample, reused from tile to tile.
type tileBuf struct {
	depth [tss * tss]float32
	col   [tss * tss][3]float32
}

func newTileBuf() *tileBuf { return new(tileBuf) }

// raster holds what the tile workers share (read only).
type raster struct {
	proj  []float32
	tris  []int32
	edges []uint8
	front []bool
	tnode []float32
	ttri  []float32
	shade []float32
	lut   *[256][3]float32 // the colormap in [0, 1] components
	img   *image.RGBA
}

// colourOf returns the colormap colour of normalised value t (grey for
// NaN).
func (r *raster) colourOf(t float32) [3]float32 {
	if t != t {
		return nanColour
	}
	return r.lut[int(t*255+0.5)]
}

// drawTile draws the triangles tris into tile (tx, ty) and writes the
// tile, averaged down, into the picture.
func (r *raster) drawTile(b *tileBuf, tx, ty int, tris []int32) {
	bg := [3]float32{float32(background.R) / 255, float32(background.G) / 255, float32(background.B) / 255}
	for i := range b.depth {
		b.depth[i] = float32(math.Inf(-1))
		b.col[i] = bg
	}
	ox, oy := tx*tss, ty*tss
	bounds := r.img.Bounds()
	wss, hss := bounds.Dx()*ss, bounds.Dy()*ss
	for _, t := range tris {
		r.drawTri(b, int(t), ox, oy, wss, hss)
	}
	// Average 2x2 samples into the picture.
	for y := 0; y < tile; y++ {
		py := ty*tile + y
		if py >= bounds.Dy() {
			break
		}
		row := r.img.Pix[py*r.img.Stride:]
		for x := 0; x < tile; x++ {
			px := tx*tile + x
			if px >= bounds.Dx() {
				break
			}
			s0 := (2*y)*tss + 2*x
			var c [3]float32
			for _, s := range [4]int{s0, s0 + 1, s0 + tss, s0 + tss + 1} {
				c[0] += b.col[s][0]
				c[1] += b.col[s][1]
				c[2] += b.col[s][2]
			}
			o := 4 * px
			row[o] = uint8(c[0]*63.75 + 0.5)
			row[o+1] = uint8(c[1]*63.75 + 0.5)
			row[o+2] = uint8(c[2]*63.75 + 0.5)
			row[o+3] = 255
		}
	}
}

// drawTri draws triangle t into the tile whose top left sample is (ox,
// oy).
func (r *raster) drawTri(b *tileBuf, t, ox, oy, wss, hss int) {
	ia, ib, ic := 3*int(r.tris[3*t]), 3*int(r.tris[3*t+1]), 3*int(r.tris[3*t+2])
	p := r.proj
	x0, y0, z0 := p[ia], p[ia+1], p[ia+2]
	x1, y1, z1 := p[ib], p[ib+1], p[ib+2]
	x2, y2, z2 := p[ic], p[ic+1], p[ic+2]
	area := (x1-x0)*(y2-y0) - (x2-x0)*(y1-y0)
	if !(area > 1e-12 || area < -1e-12) {
		return
	}
	// Pixel rows go down, so a triangle counter-clockwise on the screen
	// (seen from its front) has a negative area here.
	if area > 0 && r.front != nil && r.front[t] {
		return
	}
	inv := 1 / area
	// Sample range within the tile.
	sx0 := max(ox, int(min(x0, x1, x2)))
	sx1 := min(ox+tss-1, wss-1, int(max(x0, x1, x2)))
	sy0 := max(oy, int(min(y0, y1, y2)))
	sy1 := min(oy+tss-1, hss-1, int(max(y0, y1, y2)))
	if sx0 > sx1 || sy0 > sy1 {
		return
	}
	// Edge k joins vertex k and k+1 and is opposite vertex k+2; the
	// barycentric weight of vertex k+2 times 2*area over the edge length
	// is the distance to it.
	var flags uint8
	if r.edges != nil {
		flags = r.edges[t]
	}
	var d0, d1, d2 float32 // distance per unit weight of vertex 0, 1, 2
	if flags != 0 {
		abs := float32(math.Abs(float64(area)))
		d2 = abs / float32(math.Hypot(float64(x1-x0), float64(y1-y0))) // edge 0: v0-v1, opposite v2
		d0 = abs / float32(math.Hypot(float64(x2-x1), float64(y2-y1))) // edge 1: v1-v2, opposite v0
		d1 = abs / float32(math.Hypot(float64(x0-x2), float64(y0-y2))) // edge 2: v2-v0, opposite v1
	}
	var fixed [3]float32
	node := r.tnode != nil
	var t0, t1, t2 float32
	if node {
		t0, t1, t2 = r.tnode[ia/3], r.tnode[ib/3], r.tnode[ic/3]
	} else if r.ttri != nil {
		fixed = r.colourOf(r.ttri[t])
	} else {
		fixed = plain
	}
	sh := r.shade[t]
	for sy := sy0; sy <= sy1; sy++ {
		py := float32(sy) + 0.5
		row := (sy - oy) * tss
		for sx := sx0; sx <= sx1; sx++ {
			px := float32(sx) + 0.5
			w0 := ((x2-x1)*(py-y1) - (y2-y1)*(px-x1)) * inv
			w1 := ((x0-x2)*(py-y2) - (y0-y2)*(px-x2)) * inv
			w2 := 1 - w0 - w1
			if w0 < 0 || w1 < 0 || w2 < 0 {
				continue
			}
			z := w0*z0 + w1*z1 + w2*z2
			i := row + sx - ox
			if z < b.depth[i] {
				continue
			}
			b.depth[i] = z
			c := fixed
			if node {
				c = r.colourOf(w0*t0 + w1*t1 + w2*t2)
			}
			k := sh
			if flags != 0 && (flags&1 != 0 && w2*d2 < edgeWidth || flags&2 != 0 && w0*d0 < edgeWidth || flags&4 != 0 && w1*d1 < edgeWidth) {
				k *= edgeDark
			}
			b.col[i] = [3]float32{c[0] * k, c[1] * k, c[2] * k}
		}
	}
}
