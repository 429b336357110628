package meshobj

import (
	"strconv"
)

// This file holds calculate_element_field_maximum/minimum and
// calculate_node_field_maximum/minimum, which store field extremes in
// global variables.

// extreme is Python's max or min over a list: the first value not beaten
// by a strict comparison (so NaN first wins, NaN later is skipped).
type extreme struct {
	suffix string                  // "max" or "min"
	better func(a, b float64) bool // a beats b
}

var (
	extremeMax = extreme{"max", func(a, b float64) bool { return a > b }}
	extremeMin = extreme{"min", func(a, b float64) bool { return a < b }}
)

// scan returns the position of Python's max (or min) of v: scanning from
// the first element, a later element replaces the current one only if it
// beats it strictly. So a NaN first element wins, later NaNs never do, and
// otherwise the result is the first occurrence of the extreme of the
// non-NaN values. v must not be empty.
func (x extreme) scan(v []float64) int {
	if v[0] != v[0] {
		return 0
	}
	// Chunked, so that large fields are scanned in parallel: each chunk
	// finds its first best non-NaN value (-1 if it has none) and the
	// chunk winners are combined in order by the same rule.
	nc := numChunks(len(v), reduceChunk)
	best := make([]int, nc)
	forChunks(len(v), reduceChunk, func(c, lo, hi int) {
		b := -1
		for i := lo; i < hi; i++ {
			if v[i] != v[i] {
				continue
			}
			if b < 0 || x.better(v[i], v[b]) {
				b = i
			}
		}
		best[c] = b
	})
	b := best[0]
	for _, i := range best[1:] {
		if i >= 0 && x.better(v[i], v[b]) {
			b = i
		}
	}
	return b
}

// locationNames returns the global variable names exomerge creates for an
// extreme: name, name_x, name_y, name_z (with location) and name_block_id
// (with blockID).
func locationNames(name string, location, blockID bool) []string {
	names := []string{name}
	if location {
		names = append(names, name+"_x", name+"_y", name+"_z")
	}
	if blockID {
		names = append(names, name+"_block_id")
	}
	return names
}

// createGlobals creates (or, with a warning, resets) the given global
// variables with their default value.
func (m *Model) createGlobals(names []string) []*GlobalVar {
	gs := make([]*GlobalVar, len(names))
	for i, n := range names {
		_ = m.CreateGlobalVariable(n, DefaultFieldValue(n))
		gs[i] = m.globalVar(n)
	}
	return gs
}

// displacedNode returns the coordinates of node n at timestep index t,
// with the displacement field added if it exists.
func (m *Model) displacedNode(n int32, t int, disp [3]*Field) [3]float64 {
	p := 3 * int(n)
	c := [3]float64{m.Coords[p], m.Coords[p+1], m.Coords[p+2]}
	if disp[0] != nil {
		for d := range 3 {
			c[d] += disp[d].Values[t][n]
		}
	}
	return c
}

// displacementFields returns the displacement fields if all three exist.
func (m *Model) displacementFields() [3]*Field {
	if !m.DisplacementFieldExists() {
		return [3]*Field{}
	}
	p := m.DisplacementFieldPrefix()
	return [3]*Field{FindField(m.NodeFields, p+"_x"), FindField(m.NodeFields, p+"_y"), FindField(m.NodeFields, p+"_z")}
}

// CalculateElementFieldMaximum stores, for each selected element field and
// at each timestep, its largest value over the selected blocks in the
// global variable NAME_max (exomerge's calculate_element_field_maximum).
// With location it also stores the centroid of the element holding that
// value (the mean of its nodes' displaced coordinates at that timestep) in
// NAME_max_x, NAME_max_y and NAME_max_z; with blockID, that element's
// block id in NAME_max_block_id. Ties go to the first element of a block
// and, between blocks, to the later block (in selector order), as in
// exomerge. Every selected field must exist on every selected block. The
// variables are created (or reset, with a warning) with their default
// value, which stays where no block has elements (with a warning).
//
// Unlike exomerge, the location does not create a displacement field when
// there is none; the model coordinates are used.
func (m *Model) CalculateElementFieldMaximum(names, blocks Selector, location, blockID bool) error {
	return m.elementFieldExtreme(names, blocks, extremeMax, location, blockID)
}

// CalculateElementFieldMinimum is CalculateElementFieldMaximum for the
// smallest value, stored in NAME_min, NAME_min_x, ... (exomerge's
// calculate_element_field_minimum).
func (m *Model) CalculateElementFieldMinimum(names, blocks Selector, location, blockID bool) error {
	return m.elementFieldExtreme(names, blocks, extremeMin, location, blockID)
}

func (m *Model) elementFieldExtreme(names, blocks Selector, x extreme, location, blockID bool) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	bs := m.blocksOf(ids)
	fields, err := resolve(m, nameDomain(entElementField, m.elementFieldNames(bs)), names, optAny)
	if err != nil {
		return err
	}
	for _, f := range fields {
		for _, b := range bs {
			if FindField(b.Fields, f) == nil {
				return missingOnEntityError(f, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
			}
		}
	}
	disp := m.displacementFields()
	for _, f := range fields {
		name := f + "_" + x.suffix
		gs := m.createGlobals(locationNames(name, location, blockID))
		for t := range m.Timesteps {
			var (
				have   bool
				best   float64
				bestB  *ElementBlock
				bestEl int
			)
			for _, b := range bs {
				v := FindField(b.Fields, f).Values[t]
				if len(v) == 0 {
					continue
				}
				i := x.scan(v)
				// exomerge: function([extreme, this]) == this.
				if !have || pyPair(x, best, v[i]) == v[i] {
					have, best, bestB, bestEl = true, v[i], b, i
				}
			}
			if !have {
				m.warn("No values encountered", "The element field extreme cannot be calculated because no values are present.")
				continue
			}
			gs[0].Values[t] = best
			k := 1
			if location {
				npe := bestB.NodesPerElem
				var sum [3]float64
				for _, n := range bestB.Conn[bestEl*npe : bestEl*npe+npe] {
					c := m.displacedNode(n, t, disp)
					for d := range 3 {
						sum[d] += c[d]
					}
				}
				for d := range 3 {
					gs[k+d].Values[t] = sum[d] / float64(npe)
				}
				k += 3
			}
			if blockID {
				gs[k].Values[t] = float64(bestB.ID)
			}
		}
	}
	return nil
}

// pyPair returns Python's max([a, b]) (or min): b if b beats a, else a.
func pyPair(x extreme, a, b float64) float64 {
	if x.better(b, a) {
		return b
	}
	return a
}

// CalculateNodeFieldMaximum stores, for each selected node field and at
// each timestep, its largest value in the global variable NAME_max
// (exomerge's calculate_node_field_maximum): over all nodes when blocks is
// 'auto' (exomerge's default), else over the nodes of the selected blocks.
// With location it also stores the node's displaced coordinates at that
// timestep in NAME_max_x, NAME_max_y and NAME_max_z. Ties go to the lowest
// node. It is an error if no node is selected. The variables are created
// (or reset, with a warning) with their default value. Unlike exomerge,
// the location does not create a displacement field when there is none.
func (m *Model) CalculateNodeFieldMaximum(names, blocks Selector, location bool) error {
	return m.nodeFieldExtreme(names, blocks, extremeMax, location)
}

// CalculateNodeFieldMinimum is CalculateNodeFieldMaximum for the smallest
// value, stored in NAME_min, NAME_min_x, ... (exomerge's
// calculate_node_field_minimum).
func (m *Model) CalculateNodeFieldMinimum(names, blocks Selector, location bool) error {
	return m.nodeFieldExtreme(names, blocks, extremeMin, location)
}

func (m *Model) nodeFieldExtreme(names, blocks Selector, x extreme, location bool) error {
	fields, err := m.ResolveNodeFieldNames(names)
	if err != nil {
		return err
	}
	var nodes []int32 // nil: all nodes
	if !(len(blocks) == 1 && blocks[0].Kind == StringItem && blocks[0].Str == KeyAuto) {
		ids, err := m.ResolveElementBlocks(blocks)
		if err != nil {
			return err
		}
		nodes = m.blockNodes(m.blocksOf(ids))
		if len(nodes) == 0 {
			return newError("No node values", "No nodes were specified, so we cannot calculate the extreme value.")
		}
	} else if m.NumNodes() == 0 {
		return newError("No node values", "No nodes were specified, so we cannot calculate the extreme value.")
	}
	disp := m.displacementFields()
	var sub []float64
	for _, f := range fields {
		name := f + "_" + x.suffix
		gs := m.createGlobals(locationNames(name, location, false))
		nf := FindField(m.NodeFields, f)
		for t := range m.Timesteps {
			v := nf.Values[t]
			var node int32
			if nodes == nil {
				node = int32(x.scan(v))
			} else {
				if sub == nil {
					sub = make([]float64, len(nodes))
				}
				parallelFor(len(nodes), 1<<15, func(lo, hi int) {
					for i := lo; i < hi; i++ {
						sub[i] = v[nodes[i]]
					}
				})
				node = nodes[x.scan(sub)]
			}
			gs[0].Values[t] = v[node]
			if location {
				c := m.displacedNode(node, t, disp)
				for d := range 3 {
					gs[1+d].Values[t] = c[d]
				}
			}
		}
	}
	return nil
}
