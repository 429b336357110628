package exodiff

import (
	"fmt"

	"exosh/exodus"
	"exosh/meshobj"
)

// side is one of the two things compared: an open Exodus file (read one
// timestep at a time) or an in-memory model (read in place).
type side struct {
	name string
	m    *meshobj.Model // the mesh; for a model side also the data
	r    *exodus.Reader // nil for a model side
	c    *exodus.Contents

	times                        []float64
	glob, node, elem, nsv, ssv   []string
	elemHas, nsHas, ssHas        [][]bool // [entity][variable]
	nodeIDs, elemIDs             []int64  // global ids, 1..n when the file has none
	blockOff                     []int    // first global element index of each block
	numNodes, numElems, numSteps int
	title                        string
}

// openFile opens path and reads its mesh (no timesteps).
func openFile(path string) (*side, error) {
	r, err := exodus.Open(path)
	if err != nil {
		return nil, err
	}
	m, err := r.Read(&exodus.Selection{Timesteps: []int{}})
	if err != nil {
		r.Close()
		return nil, err
	}
	c := r.Contents()
	s := &side{name: path, m: m, r: r, c: c, times: append([]float64(nil), c.Times...)}
	s.glob, s.node, s.elem = c.GlobalVarNames, c.NodeFieldNames, c.ElemFieldNames
	s.nsv, s.ssv = c.NodeSetFieldNames, c.SideSetFieldNames
	s.elemHas = make([][]bool, len(c.Blocks))
	for b := range c.Blocks {
		s.elemHas[b] = make([]bool, len(s.elem))
		for v := range s.elem {
			s.elemHas[b][v] = r.BlockHasField(b, v)
		}
	}
	s.nsHas = make([][]bool, len(c.NodeSets))
	for i := range c.NodeSets {
		s.nsHas[i] = make([]bool, len(s.nsv))
		for v := range s.nsv {
			s.nsHas[i][v] = r.SetHasField(false, i, v)
		}
	}
	s.ssHas = make([][]bool, len(c.SideSets))
	for i := range c.SideSets {
		s.ssHas[i] = make([]bool, len(s.ssv))
		for v := range s.ssv {
			s.ssHas[i][v] = r.SetHasField(true, i, v)
		}
	}
	if len(m.Blocks) != len(c.Blocks) || len(m.NodeSets) != len(c.NodeSets) || len(m.SideSets) != len(c.SideSets) {
		r.Close()
		return nil, fmt.Errorf("exodiff: %s: the mesh read does not match the file's catalog", path)
	}
	s.finish()
	return s, nil
}

// modelSide wraps an in-memory model.
func modelSide(name string, m *meshobj.Model) *side {
	s := &side{name: name, m: m, times: m.Timesteps}
	for _, g := range m.GlobalVars {
		s.glob = append(s.glob, g.Name)
	}
	for _, f := range m.NodeFields {
		s.node = append(s.node, f.Name)
	}
	s.elem = unionNames(len(m.Blocks), func(i int) []*meshobj.Field { return m.Blocks[i].Fields })
	s.nsv = unionNames(len(m.NodeSets), func(i int) []*meshobj.Field { return m.NodeSets[i].Fields })
	s.ssv = unionNames(len(m.SideSets), func(i int) []*meshobj.Field { return m.SideSets[i].Fields })
	has := func(n int, names []string, fields func(int) []*meshobj.Field) [][]bool {
		out := make([][]bool, n)
		for i := range out {
			out[i] = make([]bool, len(names))
			for _, f := range fields(i) {
				out[i][indexOf(names, f.Name, false)] = true
			}
		}
		return out
	}
	s.elemHas = has(len(m.Blocks), s.elem, func(i int) []*meshobj.Field { return m.Blocks[i].Fields })
	s.nsHas = has(len(m.NodeSets), s.nsv, func(i int) []*meshobj.Field { return m.NodeSets[i].Fields })
	s.ssHas = has(len(m.SideSets), s.ssv, func(i int) []*meshobj.Field { return m.SideSets[i].Fields })
	s.finish()
	return s
}

// unionNames lists the field names of n entities in first-seen order.
func unionNames(n int, fields func(int) []*meshobj.Field) []string {
	var names []string
	seen := map[string]bool{}
	for i := range n {
		for _, f := range fields(i) {
			if !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, f.Name)
			}
		}
	}
	return names
}

// finish fills the counts and id maps.
func (s *side) finish() {
	m := s.m
	s.numNodes = m.NumNodes()
	s.numSteps = len(s.times)
	s.title = m.Title
	s.nodeIDs = m.NodeIDs
	if len(s.nodeIDs) != s.numNodes {
		s.nodeIDs = make([]int64, s.numNodes)
		for i := range s.nodeIDs {
			s.nodeIDs[i] = int64(i + 1)
		}
	}
	s.blockOff = make([]int, len(m.Blocks)+1)
	for i, b := range m.Blocks {
		s.blockOff[i+1] = s.blockOff[i] + b.NumElems
	}
	s.numElems = s.blockOff[len(m.Blocks)]
	s.elemIDs = make([]int64, s.numElems)
	for i, b := range m.Blocks {
		for e := range b.NumElems {
			id := int64(s.blockOff[i] + e + 1)
			if len(b.ElemIDs) == b.NumElems {
				id = b.ElemIDs[e]
			}
			s.elemIDs[s.blockOff[i]+e] = id
		}
	}
}

// close releases the file, if any.
func (s *side) close() {
	if s != nil && s.r != nil {
		s.r.Close()
		s.r = nil
	}
}

// blockOf returns the block index and local element of global element g.
func (s *side) blockOf(g int) (int, int) {
	lo, hi := 0, len(s.m.Blocks)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.blockOff[mid] <= g {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, g - s.blockOff[lo]
}

// stepData holds the values of one timestep of one side, indexed by the
// side's own variable indices; entries not loaded are nil.
type stepData struct {
	glob []float64
	node [][]float64
	elem [][][]float64 // [block][variable]
	ns   [][][]float64
	ss   [][][]float64
}

// want says which variables (by the side's indices) to load.
type want struct {
	glob           bool
	node, elem     []int
	nodeset, sides []int
}

// newStepData allocates the buffers a side needs for w (file sides only;
// model sides point into the model).
func (s *side) newStepData(w want) *stepData {
	d := &stepData{
		node: make([][]float64, len(s.node)),
		elem: make([][][]float64, len(s.m.Blocks)),
		ns:   make([][][]float64, len(s.m.NodeSets)),
		ss:   make([][][]float64, len(s.m.SideSets)),
	}
	if s.r == nil {
		return d
	}
	if w.glob {
		d.glob = make([]float64, len(s.glob))
	}
	for _, v := range w.node {
		d.node[v] = make([]float64, s.numNodes)
	}
	for b, blk := range s.m.Blocks {
		d.elem[b] = make([][]float64, len(s.elem))
		for _, v := range w.elem {
			if s.elemHas[b][v] {
				d.elem[b][v] = make([]float64, blk.NumElems)
			}
		}
	}
	for i, set := range s.m.NodeSets {
		d.ns[i] = make([][]float64, len(s.nsv))
		for _, v := range w.nodeset {
			if s.nsHas[i][v] {
				d.ns[i][v] = make([]float64, len(set.Members))
			}
		}
	}
	for i, set := range s.m.SideSets {
		d.ss[i] = make([][]float64, len(s.ssv))
		for _, v := range w.sides {
			if s.ssHas[i][v] {
				d.ss[i][v] = make([]float64, len(set.Elems))
			}
		}
	}
	return d
}

// load fills d with step (0-based) of the variables in w.
func (s *side) load(step int, w want, d *stepData) error {
	if s.r == nil {
		return s.loadModel(step, w, d)
	}
	r := s.r
	if w.glob && len(s.glob) > 0 {
		if err := r.GlobalStep(step, d.glob); err != nil {
			return err
		}
	}
	for _, v := range w.node {
		if err := r.NodeFieldStep(v, step, d.node[v]); err != nil {
			return err
		}
	}
	for b := range s.m.Blocks {
		for _, v := range w.elem {
			if d.elem[b][v] != nil {
				if err := r.BlockFieldStep(b, v, step, d.elem[b][v]); err != nil {
					return err
				}
			}
		}
	}
	for i := range s.m.NodeSets {
		for _, v := range w.nodeset {
			if d.ns[i][v] != nil {
				if err := r.SetFieldStep(false, i, v, step, d.ns[i][v]); err != nil {
					return err
				}
			}
		}
	}
	for i := range s.m.SideSets {
		for _, v := range w.sides {
			if d.ss[i][v] != nil {
				if err := r.SetFieldStep(true, i, v, step, d.ss[i][v]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// loadModel points d at step of an in-memory model.
func (s *side) loadModel(step int, w want, d *stepData) error {
	m := s.m
	if w.glob {
		d.glob = make([]float64, len(m.GlobalVars))
		for i, g := range m.GlobalVars {
			if step < len(g.Values) {
				d.glob[i] = g.Values[step]
			}
		}
	}
	pick := func(f *meshobj.Field) []float64 {
		if step < len(f.Values) {
			return f.Values[step]
		}
		return nil
	}
	for _, v := range w.node {
		d.node[v] = pick(m.NodeFields[v])
	}
	fill := func(dst [][][]float64, names []string, idx []int, fields func(int) []*meshobj.Field) {
		for i := range dst {
			dst[i] = make([][]float64, len(names))
			for _, f := range fields(i) {
				v := indexOf(names, f.Name, false)
				for _, want := range idx {
					if want == v {
						dst[i][v] = pick(f)
					}
				}
			}
		}
	}
	fill(d.elem, s.elem, w.elem, func(i int) []*meshobj.Field { return m.Blocks[i].Fields })
	fill(d.ns, s.nsv, w.nodeset, func(i int) []*meshobj.Field { return m.NodeSets[i].Fields })
	fill(d.ss, s.ssv, w.sides, func(i int) []*meshobj.Field { return m.SideSets[i].Fields })
	return nil
}

// blend sets dst = (1-p)*a + p*b for every loaded array (interpolation in
// time); dst must have a's shape.
func blend(dst, a, b *stepData, p float64) {
	mix := func(d, x, y []float64) []float64 {
		if x == nil || y == nil {
			return nil
		}
		if cap(d) < len(x) {
			d = make([]float64, len(x))
		}
		d = d[:len(x)]
		for i := range x {
			d[i] = (1-p)*x[i] + p*y[i]
		}
		return d
	}
	dst.glob = mix(dst.glob, a.glob, b.glob)
	for v := range a.node {
		dst.node[v] = mix(dst.node[v], a.node[v], b.node[v])
	}
	for _, pair := range [][3][][][]float64{{dst.elem, a.elem, b.elem}, {dst.ns, a.ns, b.ns}, {dst.ss, a.ss, b.ss}} {
		for e := range pair[1] {
			if pair[0][e] == nil {
				pair[0][e] = make([][]float64, len(pair[1][e]))
			}
			for v := range pair[1][e] {
				pair[0][e][v] = mix(pair[0][e][v], pair[1][e][v], pair[2][e][v])
			}
		}
	}
}
