package meshobj

import (
	"runtime"
	"strconv"
	"strings"

	"exosh/compute"
)

// This file holds the field conversions of area C: element fields to node
// fields and back, averaged element fields, and process_element_fields.

// ConvertElementFieldToNodeField creates (or, with a warning, overwrites)
// the node field nodeField ("auto": the element field's name) holding, at
// each timestep, the average of the element field at the elements around
// each node (exomerge's convert_element_field_to_node_field): every block
// on which the field is defined contributes each element once per
// occurrence of the node in its connectivity, blocks in ascending id
// order; a node in no such element gets DefaultFieldValue(nodeField).
// elemField is resolved as a one-item selector over the element fields of
// all blocks.
func (m *Model) ConvertElementFieldToNodeField(elemField, nodeField string) error {
	names, err := resolve(m, nameDomain(entElementField, m.elementFieldNames(m.Blocks)), One(Str(elemField)), optSingle)
	if err != nil {
		return err
	}
	name := names[0]
	if nodeField == KeyAuto {
		nodeField = name
	}
	// exomerge's create_node_field: warnings, then a field of default
	// values, which every value here replaces.
	m.emptyFieldWarning()
	out := FindField(m.NodeFields, nodeField)
	if out != nil {
		m.existsWarning(nodeField, entNodeField)
	}
	var bs []*ElementBlock
	var fs []*Field
	for _, b := range sortedByID(m.Blocks, func(b *ElementBlock) int64 { return b.ID }) {
		if f := FindField(b.Fields, name); f != nil && b.NodesPerElem > 0 {
			bs = append(bs, b)
			fs = append(fs, f)
		}
	}
	inputs := make([][][]float64, len(fs))
	for k, f := range fs {
		inputs[k] = f.Values
	}
	store, err := m.computeSteps(out, m.NumNodes(), inputs, func(stop compute.Stop, steps []int, rows [][]float64) {
		elemToNodes(stop, rows, steps, bs, fs, DefaultFieldValue(nodeField))
	})
	if err != nil {
		return err
	}
	vals := store()
	if out == nil {
		m.NodeFields = append(m.NodeFields, &Field{Name: nodeField, Values: vals})
	}
	return nil
}

// ConvertNodeFieldToElementField creates (or, with a warning, overwrites)
// on each selected block the element field elemField ("auto": the node
// field's name) holding, at each timestep, the average of the node field
// over each element's nodes (exomerge's
// convert_node_field_to_element_field; a repeated node counts each time).
// nodeField is resolved as a one-item selector.
func (m *Model) ConvertNodeFieldToElementField(nodeField, elemField string, blocks Selector) error {
	names, err := resolve(m, nameDomain(entNodeField, m.GetNodeFieldNames()), One(Str(nodeField)), optSingle)
	if err != nil {
		return err
	}
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	nf := FindField(m.NodeFields, names[0])
	if elemField == KeyAuto {
		elemField = names[0]
	}
	bs := m.blocksOf(ids)
	stores := make([]func() [][]float64, len(bs))
	for _, b := range bs {
		m.emptyFieldWarning()
		if FindField(b.Fields, elemField) != nil {
			m.existsOnEntityWarning(elemField, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
		}
	}
	// Compute every block's values, then store them: an interrupt stops
	// the computation before any block changes.
	for i, b := range bs {
		store, err := m.computeSteps(FindField(b.Fields, elemField), b.NumElems, [][][]float64{nf.Values}, func(stop compute.Stop, steps []int, rows [][]float64) {
			for i, dst := range rows {
				if b.NodesPerElem > 0 {
					if stop.NodeToElem(dst, nf.Values[steps[i]], b.Conn, b.NodesPerElem) != nil {
						return // interrupted: work reports it
					}
				} else {
					for i := range dst {
						dst[i] = nan // exomerge divides by zero
					}
				}
			}
		})
		if err != nil {
			return err
		}
		stores[i] = store
	}
	for i, b := range bs {
		setField(&b.Fields, elemField, stores[i]())
	}
	return nil
}

// CreateAveragedElementField creates on each selected block the element
// field newName holding, at each timestep, the mean of the element fields
// from (a selector over the element field names of all blocks; at least
// one), summed in order from 0 (exomerge's create_averaged_element_field).
// A block lacking one of the fields is skipped with a warning; an existing
// newName is overwritten with a warning.
func (m *Model) CreateAveragedElementField(from Selector, newName string, blocks Selector) error {
	names, err := resolve(m, nameDomain(entElementField, m.elementFieldNames(m.Blocks)), from, optSome)
	if err != nil {
		return err
	}
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	count := float64(len(names))
	for _, b := range m.blocksOf(ids) {
		fs := make([]*Field, len(names))
		ok := true
		for i, n := range names {
			if fs[i] = FindField(b.Fields, n); fs[i] == nil {
				ok = false
				break
			}
		}
		if !ok {
			m.warn("Fields not defined.",
				"Not all of the requested element fields are defined on element block "+strconv.FormatInt(b.ID, 10)+". The averaged field will not be created.")
			continue
		}
		if FindField(b.Fields, newName) != nil {
			m.existsOnEntityWarning(newName, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
		} else {
			m.emptyFieldWarning()
		}
		inputs := make([][][]float64, len(fs))
		for k, f := range fs {
			inputs[k] = f.Values
		}
		store, err := m.computeSteps(FindField(b.Fields, newName), b.NumElems, inputs, func(stop compute.Stop, steps []int, rows [][]float64) {
			for i, dst := range rows {
				t := steps[i]
				parallelFor(len(dst), 1<<14, func(lo, hi int) {
					for i := lo; i < hi; i++ {
						s := 0.0
						for _, f := range fs {
							s += f.Values[t][i]
						}
						dst[i] = s / count
					}
				})
			}
		})
		if err != nil {
			return err
		}
		setField(&b.Fields, newName, store())
	}
	return nil
}

// ProcessElementFields post-processes integration-point element fields
// (exomerge's process_element_fields): on each selected block, a family of
// fields prefix_1 ... prefix_8 is replaced by its mean, named prefix, and a
// family prefix_1 ... prefix_9 by prefix_1 renamed to prefix. Then every
// element field (on all blocks) is converted to a node field of the same
// name (ConvertElementFieldToNodeField) and all element fields are
// deleted.
func (m *Model) ProcessElementFields(blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	for _, id := range ids {
		b := m.Block(id)
		for _, name := range m.elementFieldNames([]*ElementBlock{b}) {
			if !strings.HasSuffix(name, "_1") || FindField(b.Fields, name) == nil {
				continue
			}
			prefix := name[:len(name)-1]
			points := 1
			for FindField(b.Fields, prefix+strconv.Itoa(points+1)) != nil {
				points++
			}
			var family []string
			for i := 1; i <= points; i++ {
				family = append(family, prefix+strconv.Itoa(i))
			}
			sel := Sel(id)
			switch points {
			case 9:
				if err := m.RenameElementField(prefix+"1", prefix[:len(prefix)-1], sel); err != nil {
					return err
				}
				if err := m.DeleteElementFields(Sel(family[1:]), sel); err != nil {
					return err
				}
			case 8:
				if err := m.CreateAveragedElementField(Sel(family), prefix[:len(prefix)-1], sel); err != nil {
					return err
				}
				if err := m.DeleteElementFields(Sel(family), sel); err != nil {
					return err
				}
			}
		}
	}
	for _, name := range m.elementFieldNames(m.Blocks) {
		if err := m.ConvertElementFieldToNodeField(name, KeyAuto); err != nil {
			return err
		}
	}
	for _, b := range m.Blocks {
		b.Fields = nil
	}
	return nil
}

// elemToNodes stores in dst[i][n] the mean of fs[b].Values[steps[i]] over the
// elements of the blocks bs holding node n (once per occurrence), or def
// for a node in none. For each node the values are summed from 0 in
// exomerge's order (blocks in the given order, elements in increasing
// order), so the result is exomerge's, bit for bit, and the same as
// compute.ElemToNode over compute.BuildNodeElems. Rather than building
// the node-to-element adjacency, it scatters in element order, which
// follows the memory layout of the element arrays: the nodes are split
// into one range per worker, each worker scans all the connectivity and
// accumulates the entries of its own nodes, for all timesteps in one
// pass.
func elemToNodes(stop compute.Stop, dst [][]float64, steps []int, bs []*ElementBlock, fs []*Field, def float64) {
	if len(dst) == 0 {
		return
	}
	nn := len(dst[0])
	total := 0
	for _, b := range bs {
		total += len(b.Conn)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), nn/4096, total/(1<<16)))
	cnt := make([]int32, nn)
	parallelFor(workers, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			lo, hi := int32(nn*w/workers), int32(nn*(w+1)/workers)
			for _, d := range dst {
				clear(d[lo:hi])
			}
			var ev [8]float64
			for k, b := range bs {
				npe := b.NodesPerElem
				vs := fs[k].Values
				conn := b.Conn
				if len(dst) <= len(ev) {
					// The element's values at every step, loaded once.
					nt := len(dst)
					for e := range len(conn) / npe {
						if e&stopMask == 0 && stop.Stopped() {
							return // interrupted: work reports it
						}
						loaded := false
						for _, n := range conn[e*npe : e*npe+npe] {
							if n < lo || n >= hi {
								continue
							}
							if !loaded {
								for t := range nt {
									ev[t] = vs[steps[t]][e]
								}
								loaded = true
							}
							cnt[n]++
							for t := range nt {
								dst[t][n] += ev[t]
							}
						}
					}
					continue
				}
				for e := range len(conn) / npe {
					if e&stopMask == 0 && stop.Stopped() {
						return // interrupted: work reports it
					}
					for _, n := range conn[e*npe : e*npe+npe] {
						if n < lo || n >= hi {
							continue
						}
						cnt[n]++
						for t, d := range dst {
							d[n] += vs[steps[t]][e]
						}
					}
				}
			}
			for n := lo; n < hi; n++ {
				c := cnt[n]
				for _, d := range dst {
					if c == 0 {
						d[n] = def
					} else {
						d[n] /= float64(c)
					}
				}
			}
		}
	})
}

// stopMask sets how often elemToNodes checks its stop: every stopMask+1
// elements.
const stopMask = 1<<14 - 1
