package render

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
)

// A colormap is 256 colours from the low end of the range to the high end,
// built once by linear interpolation between control points.
type colormap [256]color.RGBA

// stop is one control point of a colormap: a position in [0, 1] and a
// colour with components in [0, 1].
type stop struct{ t, r, g, b float64 }

// viridisStops are matplotlib's viridis (van der Walt and Smith) sampled
// at ten equal steps, as published in its 8-bit form (#440154 ... #fde725).
var viridisStops = hexStops("440154 482878 3e4a89 31688e 26828e 1f9e89 35b779 6dcd59 b4de2c fde725")

// coolwarmStops is Moreland's "Diverging Color Maps for Scientific
// Visualization" cool-to-warm map, in his published 33-entry 8-bit table.
var coolwarmStops = byteStops([][3]float64{
	{59, 76, 192}, {68, 90, 204}, {77, 104, 215}, {87, 117, 225}, {98, 130, 234}, {108, 142, 241},
	{119, 154, 247}, {130, 165, 251}, {141, 176, 254}, {152, 185, 255}, {163, 194, 255}, {174, 201, 253},
	{184, 208, 249}, {194, 213, 244}, {204, 217, 238}, {213, 219, 230}, {221, 221, 221}, {229, 216, 209},
	{236, 211, 197}, {241, 204, 185}, {245, 196, 173}, {247, 187, 160}, {247, 177, 148}, {247, 166, 135},
	{244, 154, 123}, {241, 141, 111}, {236, 127, 99}, {229, 112, 88}, {222, 96, 77}, {213, 80, 66},
	{203, 62, 56}, {192, 40, 47}, {180, 4, 38},
})

// hexStops makes equally spaced stops from space-separated rrggbb colours.
func hexStops(s string) []stop {
	var cs [][3]float64
	for _, h := range strings.Fields(s) {
		var r, g, b uint8
		fmt.Sscanf(h, "%02x%02x%02x", &r, &g, &b)
		cs = append(cs, [3]float64{float64(r), float64(g), float64(b)})
	}
	return byteStops(cs)
}

// byteStops makes equally spaced stops from 8-bit colours.
func byteStops(cs [][3]float64) []stop {
	st := make([]stop, len(cs))
	for i, c := range cs {
		st[i] = stop{float64(i) / float64(len(cs)-1), c[0] / 255, c[1] / 255, c[2] / 255}
	}
	return st
}

// fromStops builds a colormap by linear interpolation between stops.
func fromStops(st []stop) *colormap {
	return fromFunc(func(t float64) (r, g, b float64) {
		k := sort.Search(len(st), func(i int) bool { return st[i].t >= t })
		if k == 0 {
			return st[0].r, st[0].g, st[0].b
		}
		a, c := st[k-1], st[k]
		u := (t - a.t) / (c.t - a.t)
		return a.r + u*(c.r-a.r), a.g + u*(c.g-a.g), a.b + u*(c.b-a.b)
	})
}

// fromFunc builds a colormap from a function of t in [0, 1].
func fromFunc(f func(t float64) (r, g, b float64)) *colormap {
	var cm colormap
	for i := range cm {
		r, g, b := f(float64(i) / 255)
		cm[i] = color.RGBA{to8(r), to8(g), to8(b), 255}
	}
	return &cm
}

// to8 converts a component in [0, 1] to 8 bits, rounding.
func to8(x float64) uint8 {
	return uint8(math.Round(255 * math.Max(0, math.Min(1, x))))
}

// jet is MATLAB's jet: blue through cyan, yellow to red, each component
// a clipped tent 1.5 - |4t - c|.
func jet(t float64) (r, g, b float64) {
	tent := func(c float64) float64 { return math.Max(0, math.Min(1, 1.5-math.Abs(4*t-c))) }
	return tent(3), tent(2), tent(1)
}

// Colormaps returns the colormap names Render accepts.
func Colormaps() []string { return []string{"viridis", "coolwarm", "jet", "gray"} }

// lookupColormap returns the named colormap.
func lookupColormap(name string) (*colormap, error) {
	switch strings.ToLower(name) {
	case "viridis", "":
		return fromStops(viridisStops), nil
	case "coolwarm":
		return fromStops(coolwarmStops), nil
	case "jet":
		return fromFunc(jet), nil
	case "gray", "grey":
		return fromFunc(func(t float64) (float64, float64, float64) { return t, t, t }), nil
	}
	return nil, fmt.Errorf("render: unknown colormap %q (want one of %s)", name, strings.Join(Colormaps(), ", "))
}

// ColormapEnds returns the colours of the low and high ends of the named
// colormap.
func ColormapEnds(name string) (lo, hi color.RGBA, err error) {
	cm, err := lookupColormap(name)
	if err != nil {
		return lo, hi, err
	}
	return cm[0], cm[255], nil
}

// ColormapTable returns the 256 colours of the named colormap, from the
// low end to the high end.
func ColormapTable(name string) ([256]color.RGBA, error) {
	cm, err := lookupColormap(name)
	if err != nil {
		return [256]color.RGBA{}, err
	}
	return *cm, nil
}
