package meshobj

import (
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
	if err := m.CreateNodeField(nodeField, DefaultFieldValue(nodeField)); err != nil {
		return err
	}
	var cbs []compute.ConnBlock
	var fs []*Field
	for _, b := range sortedByID(m.Blocks, func(b *ElementBlock) int64 { return b.ID }) {
		if f := FindField(b.Fields, name); f != nil && b.NodesPerElem > 0 {
			cbs = append(cbs, compute.ConnBlock{Conn: b.Conn, NodesPerElem: b.NodesPerElem})
			fs = append(fs, f)
		}
	}
	nn := m.NumNodes()
	def := DefaultFieldValue(nodeField)
	adj := compute.BuildNodeElems(nn, cbs)
	out := FindField(m.NodeFields, nodeField)
	values := make([][]float64, len(fs))
	for t := range m.Timesteps {
		for i, f := range fs {
			values[i] = f.Values[t]
		}
		dst := make([]float64, nn)
		compute.ElemToNode(dst, adj, values, def)
		out.Values[t] = dst
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
	for _, b := range m.blocksOf(ids) {
		m.emptyFieldWarning()
		if FindField(b.Fields, elemField) != nil {
			m.existsOnEntityWarning(elemField, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
		}
		vals := make([][]float64, len(m.Timesteps))
		for t := range vals {
			dst := make([]float64, b.NumElems)
			if b.NodesPerElem > 0 {
				compute.NodeToElem(dst, nf.Values[t], b.Conn, b.NodesPerElem)
			} else {
				for i := range dst {
					dst[i] = nan // exomerge divides by zero
				}
			}
			vals[t] = dst
		}
		setField(&b.Fields, elemField, vals)
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
		vals := make([][]float64, len(m.Timesteps))
		for t := range vals {
			dst := make([]float64, b.NumElems)
			parallelFor(len(dst), 1<<14, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					s := 0.0
					for _, f := range fs {
						s += f.Values[t][i]
					}
					dst[i] = s / count
				}
			})
			vals[t] = dst
		}
		setField(&b.Fields, newName, vals)
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
