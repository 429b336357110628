package exodiff

import (
	"exosh/exodus"
	"exosh/meshobj"
)

// diffWriter builds the diffs.e file: the first file's mesh with, at every
// compared step, each compared variable's difference (FileDiff under the
// output type) in place of its value. The steps are kept in memory until
// the file is written at the end.
type diffWriter struct {
	path  string
	times []float64
	glob  [][]float64        // [var][step]
	node  [][][]float64      // [var][step][node]
	elem  [][][][]float64    // [block][var][step][elem]
	sets  [2][][][][]float64 // [side?][set][var][step][member]
}

// step records the differences of one step.
func (w *diffWriter) step(c *cmp, d1, d2 *stepData) error {
	m := c.o.OutputType
	a := c.a
	if w.glob == nil {
		w.glob = make([][]float64, len(c.glob))
		w.node = make([][][]float64, len(c.node))
		w.elem = make([][][][]float64, len(a.m.Blocks))
		for b := range w.elem {
			w.elem[b] = make([][][]float64, len(c.elem))
		}
		w.sets[0] = make([][][][]float64, len(a.m.NodeSets))
		for i := range w.sets[0] {
			w.sets[0][i] = make([][][]float64, len(c.ns))
		}
		w.sets[1] = make([][][][]float64, len(a.m.SideSets))
		for i := range w.sets[1] {
			w.sets[1][i] = make([][][]float64, len(c.ss))
		}
	}
	w.times = append(w.times, c.time1(c.curStep))
	for k, v := range c.glob {
		w.glob[k] = append(w.glob[k], FileDiff(d1.glob[v.i1], d2.glob[v.i2], m))
	}
	for k, v := range c.node {
		x, y := d1.node[v.i1], d2.node[v.i2]
		out := make([]float64, len(x))
		for n := range x {
			n2 := n
			if c.nodeMap != nil {
				if n2 = c.nodeMap[n]; n2 < 0 {
					continue
				}
			}
			out[n] = FileDiff(x[n], y[n2], m)
		}
		w.node[k] = append(w.node[k], out)
	}
	for bi := range a.m.Blocks {
		for k, v := range c.elem {
			x := d1.elem[bi][v.i1]
			if x == nil {
				continue
			}
			out := make([]float64, len(x))
			for e := range x {
				g := a.blockOff[bi] + e
				var y float64
				if c.elemMap == nil {
					j := c.block2(bi)
					if j < 0 || d2.elem[j][v.i2] == nil {
						continue
					}
					y = d2.elem[j][v.i2][e]
				} else {
					g2 := c.elemMap[g]
					if g2 < 0 {
						continue
					}
					bj, l := c.b.blockOf(g2)
					if d2.elem[bj][v.i2] == nil {
						continue
					}
					y = d2.elem[bj][v.i2][l]
				}
				out[e] = FileDiff(x[e], y, m)
			}
			w.elem[bi][k] = append(w.elem[bi][k], out)
		}
	}
	for si, side := range []bool{false, true} {
		vars, d1s, d2s := c.ns, d1.ns, d2.ns
		if side {
			vars, d1s, d2s = c.ss, d1.ss, d2.ss
		}
		for i := range w.sets[si] {
			var j int
			if side {
				j = c.sideSet2(i)
			} else {
				j = c.nodeSet2(i)
			}
			for k, v := range vars {
				x := d1s[i][v.i1]
				if x == nil || j < 0 || d2s[j][v.i2] == nil || len(d2s[j][v.i2]) != len(x) {
					continue
				}
				y := d2s[j][v.i2]
				out := make([]float64, len(x))
				for p := range x {
					out[p] = FileDiff(x[p], y[p], m)
				}
				w.sets[si][i][k] = append(w.sets[si][i][k], out)
			}
		}
	}
	return nil
}

// write stores the differences file.
func (w *diffWriter) write(c *cmp) error {
	src := c.a.m
	m := &meshobj.Model{
		Title: "exodiff differences: " + c.a.name + " ~ " + c.b.name, HasTitle: true,
		NumDim: src.NumDim, Coords: src.Coords, CoordNames: src.CoordNames, NodeIDs: src.NodeIDs,
		Timesteps: w.times,
	}
	steps := len(w.times)
	for k, v := range c.glob {
		vals := make([]float64, steps)
		if w.glob != nil {
			copy(vals, w.glob[k])
		}
		m.GlobalVars = append(m.GlobalVars, &meshobj.GlobalVar{Name: v.name, Values: vals})
	}
	for k, v := range c.node {
		var vals [][]float64
		if w.node != nil {
			vals = w.node[k]
		}
		m.NodeFields = append(m.NodeFields, &meshobj.Field{Name: v.name, Values: vals})
	}
	for bi, b := range src.Blocks {
		nb := &meshobj.ElementBlock{ID: b.ID, Name: b.Name, Type: b.Type, NodesPerElem: b.NodesPerElem,
			NumElems: b.NumElems, Conn: b.Conn, ElemIDs: b.ElemIDs}
		for k, v := range c.elem {
			if w.elem != nil && len(w.elem[bi][k]) == steps && steps > 0 {
				nb.Fields = append(nb.Fields, &meshobj.Field{Name: v.name, Values: w.elem[bi][k]})
			}
		}
		m.Blocks = append(m.Blocks, nb)
	}
	for i, s := range src.NodeSets {
		ns := &meshobj.NodeSet{ID: s.ID, Name: s.Name, Members: s.Members, DistFactors: s.DistFactors}
		for k, v := range c.ns {
			if w.sets[0] != nil && len(w.sets[0][i][k]) == steps && steps > 0 {
				ns.Fields = append(ns.Fields, &meshobj.Field{Name: v.name, Values: w.sets[0][i][k]})
			}
		}
		m.NodeSets = append(m.NodeSets, ns)
	}
	for i, s := range src.SideSets {
		ss := &meshobj.SideSet{ID: s.ID, Name: s.Name, BlockIDs: s.BlockIDs, Elems: s.Elems, Sides: s.Sides, DistFactors: s.DistFactors}
		for k, v := range c.ss {
			if w.sets[1] != nil && len(w.sets[1][i][k]) == steps && steps > 0 {
				ss.Fields = append(ss.Fields, &meshobj.Field{Name: v.name, Values: w.sets[1][i][k]})
			}
		}
		m.SideSets = append(m.SideSets, ss)
	}
	for _, f := range m.NodeFields {
		if len(f.Values) != steps {
			f.Values = make([][]float64, steps)
			for t := range f.Values {
				f.Values[t] = make([]float64, c.a.numNodes)
			}
		}
	}
	return exodus.Write(w.path, m, nil)
}
