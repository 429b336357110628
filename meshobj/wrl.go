package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"exosh/compute"
)

// WRLOptions are export_wrl_model's arguments after the file name.
type WRLOptions struct {
	// NodeField names the node field that colours the surface.
	NodeField string
	// Blocks selects the element blocks (exomerge's 'all' by default).
	Blocks Selector
	// Timestep selects the field's timestep (exomerge's 'last').
	Timestep Item
	// FieldRange is the [min, max] the colours span; nil is exomerge's
	// 'auto', the field's range over the surface.
	FieldRange *[2]float64
	// Bounds are the interval bounds; if nil, Intervals equal intervals
	// of FieldRange are used (exomerge's default 9).
	Bounds    []float64
	Intervals int
	// Colors are the colours of the len(bounds)+1 intervals; nil is
	// exomerge's 'rgb', blue to red through the hues.
	Colors [][3]float64
	// DisplacementTimestep selects the displacement added to the points:
	// 'auto' is the field's timestep if the model has a displacement
	// field, else none.
	DisplacementTimestep Item
	// ExodusCopy asks for the companion Exodus model.
	ExodusCopy bool
}

// WRLScene is what export_wrl_model writes: every point (the model's
// nodes, then the nodes the surface's splitting added), the triangles
// (indices into the points, counter-clockwise seen from outside), each
// triangle's colour index and the colours.
type WRLScene struct {
	Coords    []float64
	Tris      []int32
	ColorIdx  []int32
	Colors    [][3]float64
	Companion *Model // the model for the "_wrl.e" file, or nil
}

// ExportWRL prepares export_wrl_model. The exterior of the selected blocks
// (all 3-D; or all tri3 blocks, which should close a volume: a warning
// counts their unmatched edges) is split into triangles as ExportSTL does;
// then, as exomerge's _partition_triangle_block_from_node_field does, the
// triangles are cut along each interval bound of the node field (new
// points on the cut edges, interpolated linearly, shared by the two
// triangles of an edge), and each piece gets the index of its interval.
// The colours are exomerge's: for 'rgb', colour x of n+1 is the HLS colour
// of hue 2/3 - (2/3)x/n, lightness 0.5, saturation 1 (blue at the field's
// minimum, red at its maximum). With ExodusCopy, Companion is the model
// exomerge exports to the "_wrl.e" file: every point, at the displaced
// coordinates, and one tri3 block of the pieces with the element field
// "interval" at the field's timestep. A field range whose minimum is not
// below its maximum, a colour list of the wrong length and blocks of other
// dimensions are exomerge's errors. The model is not changed (exomerge
// adds and deletes blocks and nodes on the way).
func (m *Model) ExportWRL(o WRLOptions) (*WRLScene, error) {
	ids, err := m.ResolveElementBlocks(o.Blocks)
	if err != nil {
		return nil, err
	}
	fieldNames, err := resolve(m, nameDomain(entNodeField, m.GetNodeFieldNames()), Selector{Str(o.NodeField)}, optSingle)
	if err != nil {
		return nil, err
	}
	field := FindField(m.NodeFields, fieldNames[0])
	ts, err := m.ResolveTimestep(o.Timestep)
	if err != nil {
		return nil, err
	}
	ti := slices.Index(m.Timesteps, ts)
	dispSel := Selector{o.DisplacementTimestep}
	if o.DisplacementTimestep == Str(KeyAuto) {
		if m.DisplacementFieldExists() {
			dispSel = Selector{Float(ts)}
		} else {
			dispSel = Sel(KeyNone)
		}
	} else {
		dt, err := m.ResolveTimestep(o.DisplacementTimestep)
		if err != nil {
			return nil, err
		}
		dispSel = Selector{Float(dt)}
	}
	disp, err := m.displacedAt(dispSel)
	if err != nil {
		return nil, err
	}

	// The triangles, and the averaged points of the 3-D case.
	bs := m.blocksOf(ids)
	dims := map[int]bool{}
	allTri3 := true
	for _, b := range bs {
		dims[dimensionOf(b)] = true
		allTri3 = allTri3 && StandardElementType(b.Type) == "tri3"
	}
	used := map[int64]bool{}
	for _, b := range m.Blocks {
		used[b.ID] = true
	}
	newID := func() int64 {
		id := int64(1)
		for used[id] {
			id++
		}
		used[id] = true
		return id
	}
	var tris []int32
	var avgStart, avgNodes []int32
	switch {
	case len(dims) == 1 && dims[3]:
		newID() // the triangle block
		tr, err := m.exteriorTriangles(ids)
		if err != nil {
			return nil, err
		}
		tris, avgStart, avgNodes = tr.Tris, tr.AvgStart, tr.AvgNodes
	case len(dims) == 1 && dims[2] && allTri3:
		var dups []int64
		for range bs {
			dups = append(dups, newID())
		}
		newID() // the triangle block; combining frees the copies' ids
		for _, id := range dups {
			delete(used, id)
		}
		sb := make([]compute.SkinBlock, 0, len(bs))
		for _, b := range bs {
			tris = append(tris, b.Conn...)
		}
		sb = append(sb, compute.SkinBlock{Topo: topologyOf(bs[0]), Conn: tris})
		if n := compute.ExternalFaces(m.NumNodes(), sb).Len(); n > 0 {
			m.warn("Enclosure is not watertight.",
				fmt.Sprintf(`The "tri3" element blocks passed to this function do not form a watertight enclosure. An output file will still be created, but it is unlikely to be useful as a WRL model. We found %d unmatched sides.`, n))
		}
	default:
		return nil, newError("Invalid input.",
			"We expect a list of 3D element blocks or a list of 2D element blocks composed of triangles.")
	}
	subID := newID()

	// Point values: coordinates, the field and the displacement, for the
	// model's nodes and then the averaged points.
	pts := &wrlPoints{coords: slices.Clone(m.Coords), values: slices.Clone(field.Values[ti])}
	for d := range 3 {
		if disp[d] != nil {
			pts.disp[d] = slices.Clone(disp[d])
		}
	}
	for k := 0; k+1 < len(avgStart); k++ {
		nodes := avgStart[k:]
		ns := avgNodes[nodes[0]:nodes[1]]
		w := make([]float64, len(ns))
		for i := range w {
			w[i] = 1 / float64(len(ns))
		}
		pts.add(ns, w)
	}

	// Field range and bounds.
	var lo, hi float64
	if o.FieldRange == nil {
		// Over the points the triangles use, in increasing order, as
		// exomerge's get_nodes_in_element_block lists them.
		first := true
		seen := make([]bool, len(pts.values))
		for _, v := range tris {
			seen[v] = true
		}
		for v, ok := range seen {
			if !ok {
				continue
			}
			x := pts.values[v]
			if first {
				lo, hi, first = x, x, false
				continue
			}
			// Python's min and max keep the first of equal or
			// unordered values.
			if x < lo {
				lo = x
			}
			if x > hi {
				hi = x
			}
		}
	} else {
		lo, hi = o.FieldRange[0], o.FieldRange[1]
	}
	if !(lo < hi) {
		return nil, newError("Invalid field range.", fmt.Sprintf("The given field range [%s - %s] was not valid.", pyG(lo), pyG(hi)))
	}
	bounds := o.Bounds
	if bounds == nil {
		for x := 1; x < o.Intervals; x++ {
			phi := float64(x) / float64(o.Intervals)
			bounds = append(bounds, (1-phi)*lo+phi*hi)
		}
	}
	colors := o.Colors
	if colors == nil && len(bounds) == 0 {
		// exomerge divides by the number of bounds here (ZeroDivisionError).
		return nil, newError("Invalid intervals.",
			`The "rgb" colorspace needs at least two intervals (one interval bound); give more intervals or a list of colours.`)
	}
	if colors == nil {
		for x := range len(bounds) + 1 {
			r, g, b := hlsToRGB(2.0/3-2.0/3*float64(x)/float64(len(bounds)), 0.5, 1)
			colors = append(colors, [3]float64{r, g, b})
		}
	}
	if len(colors) != len(bounds)+1 {
		return nil, newError("Unrecognized colorspace.",
			fmt.Sprintf(`The given colorspace was not recognized. We expected a string such as "rgb" or a list of length %d with RGB triplets. Instead, we found a list of length %d.`, len(bounds)+1, len(colors)))
	}

	sub, idx := pts.partition(tris, bounds)
	sc := &WRLScene{Tris: sub, ColorIdx: idx, Colors: colors, Coords: pts.coords}
	for d := range 3 {
		if pts.disp[d] != nil {
			for n := range len(pts.coords) / 3 {
				pts.coords[3*n+d] += pts.disp[d][n]
			}
		}
	}
	if o.ExodusCopy {
		vals := make([]float64, len(idx))
		for i, x := range idx {
			vals[i] = float64(x)
		}
		sc.Companion = &Model{
			Title: m.Title, HasTitle: m.HasTitle, NumDim: m.NumDim,
			Coords:      sc.Coords,
			CoordNames:  slices.Clone(m.CoordNames),
			Timesteps:   []float64{ts},
			QARecords:   slices.Clone(m.QARecords),
			InfoRecords: slices.Clone(m.InfoRecords),
			Blocks: []*ElementBlock{{
				ID: subID, Type: "tri3", NodesPerElem: 3, NumElems: len(idx), Conn: sub,
				Fields: []*Field{{Name: "interval", Values: [][]float64{vals}}},
			}},
		}
	}
	return sc, nil
}

// wrlPoints holds the values export_wrl_model needs at each point, the
// model's nodes first.
type wrlPoints struct {
	coords []float64
	values []float64
	disp   [3][]float64
}

// add appends a point that is the weighted sum of the given points, each
// value summed from 0 in order (exomerge's _create_averaged_nodes).
func (p *wrlPoints) add(ns []int32, w []float64) int32 {
	sum := func(v []float64, stride, d int) float64 {
		s := 0.0
		for i, n := range ns {
			s += w[i] * v[stride*int(n)+d]
		}
		return s
	}
	k := int32(len(p.values))
	for d := range 3 {
		p.coords = append(p.coords, sum(p.coords, 3, d))
	}
	p.values = append(p.values, sum(p.values, 1, 0))
	for d := range 3 {
		if p.disp[d] != nil {
			p.disp[d] = append(p.disp[d], sum(p.disp[d], 1, 0))
		}
	}
	return k
}

// sign is exomerge's _sign: 1, -1 or 0 (also for NaN).
func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// partition cuts the triangles along each bound in turn, as exomerge's
// _partition_triangle_block_from_node_field does, and returns the pieces
// and each piece's interval index.
func (p *wrlPoints) partition(tris []int32, bounds []float64) (out, idx []int32) {
	type edge [2]int32
	cur := slices.Clone(tris)
	for index, ub := range bounds {
		mid := map[edge]int32{}
		v := p.values
		for t := 0; t < len(cur); t += 3 {
			tri := cur[t : t+3]
			for d := range 3 {
				a, b := tri[d], tri[(d+1)%3]
				if sign(v[a]-ub)*sign(v[b]-ub) == -1 {
					if _, ok := mid[edge{a, b}]; !ok {
						phi := (ub - v[a]) / (v[b] - v[a])
						k := p.add([]int32{a, b}, []float64{1 - phi, phi})
						v = p.values
						mid[edge{a, b}], mid[edge{b, a}] = k, k
					}
				}
			}
		}
		var above []int32
		below := func(ts ...int32) {
			out = append(out, ts...)
			for range len(ts) / 3 {
				idx = append(idx, int32(index))
			}
		}
		for t := 0; t < len(cur); t += 3 {
			tri := [3]int32{cur[t], cur[t+1], cur[t+2]}
			switch {
			case v[tri[0]] <= ub && v[tri[1]] <= ub && v[tri[2]] <= ub:
				below(tri[:]...)
			case v[tri[0]] >= ub && v[tri[1]] >= ub && v[tri[2]] >= ub:
				above = append(above, tri[:]...)
			default:
				// Rotate so that vertex 0 is below the bound and vertex 1
				// is not.
				d := 0
				for v[tri[d]] >= ub || v[tri[(d+1)%3]] < ub {
					d++
				}
				tri = [3]int32{tri[d], tri[(d+1)%3], tri[(d+2)%3]}
				c := [3]int{sign(v[tri[0]] - ub), sign(v[tri[1]] - ub), sign(v[tri[2]] - ub)}
				switch c {
				case [3]int{-1, 1, -1}:
					m1, m2 := mid[edge{tri[0], tri[1]}], mid[edge{tri[1], tri[2]}]
					below(tri[0], m1, tri[2], m1, m2, tri[2])
					above = append(above, m1, tri[1], m2)
				case [3]int{-1, 1, 1}:
					m1, m2 := mid[edge{tri[0], tri[1]}], mid[edge{tri[2], tri[0]}]
					below(tri[0], m1, m2)
					above = append(above, m1, tri[1], m2, tri[1], tri[2], m2)
				case [3]int{-1, 0, 1}:
					m1 := mid[edge{tri[2], tri[0]}]
					below(tri[0], tri[1], m1)
					above = append(above, tri[1], tri[2], m1)
				case [3]int{-1, 1, 0}:
					m1 := mid[edge{tri[0], tri[1]}]
					below(tri[0], m1, tri[2])
					above = append(above, m1, tri[1], tri[2])
				default:
					// exomerge's "Unknown case" bug; not reachable with
					// finite values. Keep the triangle above.
					above = append(above, tri[:]...)
				}
			}
		}
		cur = above
	}
	out = append(out, cur...)
	for range len(cur) / 3 {
		idx = append(idx, int32(len(bounds)))
	}
	return out, idx
}

// hlsToRGB is Python's colorsys.hls_to_rgb.
func hlsToRGB(h, l, s float64) (r, g, b float64) {
	if s == 0 {
		return l, l, l
	}
	var m2 float64
	if l <= 0.5 {
		m2 = l * (1.0 + s)
	} else {
		m2 = l + s - (l * s)
	}
	m1 := 2.0*l - m2
	return hlsV(m1, m2, h+1.0/3.0), hlsV(m1, m2, h), hlsV(m1, m2, h-1.0/3.0)
}

// hlsV is colorsys's _v, with Python's float modulo.
func hlsV(m1, m2, hue float64) float64 {
	hue = math.Mod(hue, 1.0)
	if hue < 0 {
		hue += 1.0
	}
	switch {
	case hue < 1.0/6.0:
		return m1 + (m2-m1)*hue*6.0
	case hue < 0.5:
		return m2
	case hue < 2.0/3.0:
		return m1 + (m2-m1)*(2.0/3.0-hue)*6.0
	}
	return m1
}

// pyG formats x as Python's "%g" does.
func pyG(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}
