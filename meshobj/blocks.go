package meshobj

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"exosh/compute"
)

// This file holds element block bookkeeping.

// BlockInfo is exomerge's element block info list [element_type,
// element_count, nodes_per_element, attribute_count].
type BlockInfo struct {
	Type         string
	NumElems     int
	NodesPerElem int
	NumAttr      int
}

// NewElementBlockID returns the smallest positive id no element block uses
// (exomerge's choice for element_block_id='auto').
func (m *Model) NewElementBlockID() int64 {
	return smallestUnused(len(m.Blocks), func(i int) int64 { return m.Blocks[i].ID })
}

// NewNodeSetID returns the smallest positive id no node set uses.
func (m *Model) NewNodeSetID() int64 {
	return smallestUnused(len(m.NodeSets), func(i int) int64 { return m.NodeSets[i].ID })
}

// NewSideSetID returns the smallest positive id no side set uses.
func (m *Model) NewSideSetID() int64 {
	return smallestUnused(len(m.SideSets), func(i int) int64 { return m.SideSets[i].ID })
}

func smallestUnused(n int, id func(i int) int64) int64 {
	used := make(map[int64]bool, n)
	for i := range n {
		used[id(i)] = true
	}
	next := int64(1)
	for used[next] {
		next++
	}
	return next
}

// hasElemIDs reports whether any block carries element ids.
func (m *Model) hasElemIDs() bool {
	for _, b := range m.Blocks {
		if b.ElemIDs != nil {
			return true
		}
	}
	return false
}

// freshElemIDs returns n element ids above every id in use, or nil if no
// block carries element ids.
func (m *Model) freshElemIDs(n int) []int64 {
	if !m.hasElemIDs() {
		return nil
	}
	var top int64
	for _, b := range m.Blocks {
		for _, id := range b.ElemIDs {
			top = max(top, id)
		}
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = top + 1 + int64(i)
	}
	return ids
}

// CreateElementBlock creates element block id from info and the 0-based
// connectivity conn (len NumElems*NodesPerElem; the slice is adopted, not
// copied; nil for an empty block). The block is unnamed, without fields;
// NumAttr attributes per element are created as zeros. If the model keeps
// element ids, the new elements get fresh ids. It is an error if the block
// exists or the connectivity does not fit the info and the nodes.
func (m *Model) CreateElementBlock(id int64, info BlockInfo, conn []int32) error {
	if m.Block(id) != nil {
		return existsError(strconv.FormatInt(id, 10), entBlock)
	}
	if info.NumElems < 0 || info.NodesPerElem < 0 || info.NumAttr < 0 {
		return newError("Invalid element block info.",
			fmt.Sprintf("The element count (%d), nodes per element (%d) and attribute count (%d) must not be negative.", info.NumElems, info.NodesPerElem, info.NumAttr))
	}
	if len(conn) != info.NumElems*info.NodesPerElem {
		return newError("Invalid connectivity.",
			fmt.Sprintf("Element block %d has %d elements of %d nodes, which needs %d connectivity entries, but %d were given.",
				id, info.NumElems, info.NodesPerElem, info.NumElems*info.NodesPerElem, len(conn)))
	}
	if err := m.checkNodes(conn); err != nil {
		return err
	}
	m.Blocks = append(m.Blocks, m.newBlock(id, info, conn))
	return nil
}

func (m *Model) newBlock(id int64, info BlockInfo, conn []int32) *ElementBlock {
	b := &ElementBlock{
		ID:           id,
		Type:         info.Type,
		NodesPerElem: info.NodesPerElem,
		NumElems:     info.NumElems,
		Conn:         conn,
		NumAttr:      info.NumAttr,
		ElemIDs:      m.freshElemIDs(info.NumElems),
	}
	if info.NumAttr > 0 {
		b.Attributes = make([]float64, info.NumElems*info.NumAttr)
		b.AttrNames = make([]string, info.NumAttr)
	}
	return b
}

// RenameElementBlock changes the id (newRef an integer) or the name
// (newRef a string) of one element block; side set members follow a new
// id. A name already in use is a warning. An id already in use is an
// error (exomerge silently replaced the other block, leaving its nodes and
// side set members dangling).
func (m *Model) RenameElementBlock(block, newRef Item) error {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return err
	}
	return m.renameBlock(id, newRef)
}

func (m *Model) renameBlock(id int64, newRef Item) error {
	newID, name, isName, err := renameTarget(entBlock, newRef)
	if err != nil {
		return err
	}
	b := m.Block(id)
	if isName {
		if b.Name == name {
			return nil
		}
		if m.ElementBlockExists(newRef) {
			m.existsWarning(name, entBlock)
		}
		b.Name = name
		return nil
	}
	if newID == id {
		return nil
	}
	if m.Block(newID) != nil {
		return existsError(strconv.FormatInt(newID, 10), entBlock)
	}
	b.ID = newID
	for _, s := range m.SideSets {
		for k, bid := range s.BlockIDs {
			if bid == id {
				s.BlockIDs[k] = newID
			}
		}
	}
	m.renameAssemblyMembers(exElemBlock, id, newID)
	return nil
}

// DeleteElementBlocks deletes the selected blocks and the side set members
// on them (with their field values and distribution factors). With
// deleteOrphans, nodes that no element uses any more (but that were used
// before) are deleted too, renumbering the remaining nodes.
func (m *Model) DeleteElementBlocks(blocks Selector, deleteOrphans bool) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	var usedBefore []bool
	if deleteOrphans {
		if err := m.refuseControlPoints("delete_element_block with delete_orphaned_nodes"); err != nil {
			return err
		}
		usedBefore = m.usedNodes()
	}
	m.dropCarried(DepElems, "Deleting element blocks")
	del := idSet(ids)
	for _, s := range m.SideSets {
		m.keepSideMembers(s, func(k int) bool { return !del[s.BlockIDs[k]] })
	}
	m.Blocks = slices.DeleteFunc(m.Blocks, func(b *ElementBlock) bool { return del[b.ID] })
	m.dropAssemblyMembers(exElemBlock, del)
	if deleteOrphans {
		used := m.usedNodes()
		orphan := make([]bool, len(used))
		for i := range used {
			orphan[i] = usedBefore[i] && !used[i]
		}
		return m.deleteNodes(orphan)
	}
	return nil
}

// DuplicateElementBlock creates block newID as a copy of one block: same
// type, attributes and element fields (copied), and the copies of the side
// set members on the source block (with their field values). With
// duplicateNodes the copy gets its own copies of the source's nodes
// (coordinates, node field values, node set membership with node set field
// values and distribution factors); otherwise it shares them. New nodes
// and elements get fresh ids where the model keeps id maps.
func (m *Model) DuplicateElementBlock(block Item, newID int64, duplicateNodes bool) error {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return err
	}
	if m.Block(newID) != nil {
		return existsError(strconv.FormatInt(newID, 10), entBlock)
	}
	src := m.Block(id)
	if duplicateNodes && IsBezierType(src.Type) && m.ControlPoints > 0 {
		return m.refuseControlPoints("duplicate_element_block with duplicate_nodes")
	}
	var conn []int32
	if duplicateNodes {
		nodes, rank := compute.UsedIndex(m.NumNodes(), src.Conn, m.NumNodes())
		m.duplicateNodes(nodes)
		conn = compute.Int32s(len(src.Conn))
		compute.Renumber(conn, src.Conn, rank)
	} else {
		conn = compute.CloneInt32s(src.Conn)
	}
	nb := m.newBlock(newID, BlockInfo{Type: src.Type, NumElems: src.NumElems, NodesPerElem: src.NodesPerElem, NumAttr: src.NumAttr}, conn)
	nb.Attributes = slices.Clone(src.Attributes)
	nb.AttrNames = slices.Clone(src.AttrNames)
	nb.Props = slices.Clone(src.Props)
	nb.Attrs = slices.Clone(src.Attrs)
	for _, f := range src.Fields {
		nb.Fields = append(nb.Fields, cloneField(f))
	}
	m.Blocks = append(m.Blocks, nb)
	for _, s := range m.SideSets {
		var from []int
		for k, bid := range s.BlockIDs {
			if bid == id {
				from = append(from, k)
			}
		}
		if len(from) == 0 {
			continue
		}
		m.appendCopiedSides(s, from, newID)
	}
	return nil
}

// appendCopiedSides appends copies of the members from (indices into s),
// moved to block newID, with their field values and distribution factors.
func (m *Model) appendCopiedSides(s *SideSet, from []int, newID int64) {
	if s.DistFactors != nil {
		if counts, ok := m.dfCounts(s); ok {
			offs := make([]int, len(counts)+1)
			for k, c := range counts {
				offs[k+1] = offs[k] + c
			}
			for _, k := range from {
				s.DistFactors = append(s.DistFactors, s.DistFactors[offs[k]:offs[k+1]]...)
			}
		} else {
			m.dropSideDF(s)
		}
	}
	for _, f := range s.Fields {
		for t, v := range f.Values {
			for _, k := range from {
				v = append(v, v[k])
			}
			f.Values[t] = v
		}
	}
	for _, k := range from {
		s.BlockIDs = append(s.BlockIDs, newID)
		s.Elems = append(s.Elems, s.Elems[k])
		s.Sides = append(s.Sides, s.Sides[k])
	}
}

// cloneField returns a copy of f whose timesteps share arrays as f's do.
func cloneField(f *Field) *Field {
	c := &Field{Name: f.Name, Values: slices.Clone(f.Values)}
	mapDistinct(c.Values, compute.CloneFloat64s)
	return c
}

// blockNodeFlags flags the nodes used by block b.
func (m *Model) blockNodeFlags(b *ElementBlock) []bool {
	nn := m.NumNodes()
	used := make([]bool, nn)
	for _, n := range b.Conn {
		if int(n) < nn { // BEX blocks also refer to control points
			used[n] = true
		}
	}
	return used
}

// duplicateNodes appends copies of nodes (coordinates and node field
// values) and adds each copy to every node set holding its original (with
// the original's field values and distribution factor). It returns the
// index of the first copy; copy i is of nodes[i].
func (m *Model) duplicateNodes(nodes []int32) int {
	first := m.NumNodes()
	k := len(nodes)
	coords := compute.GrowFloat64s(m.Coords, 3*k)
	compute.Gather3(coords[3*first:], coords, nodes)
	m.Coords = coords
	for _, f := range m.NodeFields {
		mapDistinct(f.Values, func(v []float64) []float64 {
			v = compute.GrowFloat64s(v, k)
			compute.Gather(v[first:], v, nodes)
			return v
		})
	}
	if m.NodeIDs != nil {
		m.NodeIDs = appendFreshIDs(m.NodeIDs, k)
	}
	var pos []int32 // pos[n]: first position of node n in the set, or -1
	for _, s := range m.NodeSets {
		if len(s.Members) == 0 {
			continue
		}
		if pos == nil {
			pos = make([]int32, first)
			for i := range pos {
				pos[i] = -1
			}
		}
		for j, n := range s.Members {
			if pos[n] < 0 {
				pos[n] = int32(j)
			}
		}
		var add []int32
		var srcPos []int32
		for i, n := range nodes {
			if j := pos[n]; j >= 0 {
				add = append(add, int32(first+i))
				srcPos = append(srcPos, j)
			}
		}
		for _, n := range s.Members {
			pos[n] = -1
		}
		if len(add) == 0 {
			continue
		}
		hasDF := s.DistFactors != nil && len(s.DistFactors) == len(s.Members)
		m.appendNodeSetMembers(s, add, func(f *Field, t int, dst []float64) {
			for k, p := range srcPos {
				dst[k] = f.Values[t][p]
			}
		})
		if hasDF {
			n0 := len(s.DistFactors) - len(add)
			for k := range add {
				s.DistFactors[n0+k] = s.DistFactors[srcPos[k]]
			}
		}
	}
	return first
}

// releaseEvery is how many bytes CombineElementBlocks copies between two
// collections of the memory the merged blocks gave up.
const releaseEvery = 16 << 20

// CombineElementBlocks merges the selected blocks (at least one) into one
// block with id target (an integer, or KeyAuto for the smallest selected
// id; a string names the merged block instead, as in exomerge). The
// blocks must have the same nodes per element; differing types are a
// warning. Elements keep their order (blocks in selector order), element
// fields missing on some blocks are created there with their default
// value (with one warning), side set members are renumbered into the new
// block. Attributes are kept if all blocks have the same count, and
// element ids if all blocks have them; otherwise they are dropped. The
// merged block takes the place of the first merged block in the model's
// block order and keeps the target block's name if the target is one of
// the merged blocks.
func (m *Model) CombineElementBlocks(blocks Selector, target Item) error {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return err
	}
	if target.Kind == StringItem && target.Str == KeyAuto {
		target = Int(slices.Min(ids))
	}
	if len(ids) == 1 {
		return m.renameBlock(ids[0], target)
	}
	bs := m.blocksOf(ids)
	npe := bs[0].NodesPerElem
	for _, b := range bs[1:] {
		if b.NodesPerElem != npe {
			return newError("Incompatible element types.",
				"The number of nodes per element on each element block to be merged must be the same. This is an ExodusII file requirement.")
		}
	}
	total := 0
	for _, b := range bs {
		total += b.NumElems
	}
	if total > MaxIndex {
		return newError("Too many elements.", fmt.Sprintf("A block holds at most %d elements.", MaxIndex))
	}
	merged := idSet(ids)
	newID, newName, isName, err := renameTarget(entBlock, target)
	if err != nil {
		return err
	}
	if isName {
		newID = m.NewElementBlockID()
	} else if m.Block(newID) != nil && !merged[newID] {
		return existsError(strconv.FormatInt(newID, 10), entBlock)
	}
	m.dropCarried(DepElems, "combine_element_blocks")
	for _, b := range bs[1:] {
		if StandardElementType(b.Type) != StandardElementType(bs[0].Type) {
			m.warn("Element types vary.", "The element types of the merged blocks differ. This may cause issues.")
			break
		}
	}
	names := m.elementFieldNames(bs)
	warned := false
	for _, n := range names {
		for _, b := range bs {
			if FindField(b.Fields, n) == nil {
				if !warned {
					m.warn("Inconsistent element fields.",
						`The element field "`+n+`" is not defined on all element blocks included in the merging operation. It will be created. Future warnings of this type will be suppressed.`)
					warned = true
				}
				m.emptyFieldWarning()
				m.createElementField(b, n, DefaultFieldValue(n))
			}
		}
	}
	nb := &ElementBlock{ID: newID, Type: bs[0].Type, NodesPerElem: npe,
		Props: bs[0].Props, Attrs: bs[0].Attrs}
	if isName {
		nb.Name = newName
	} else if merged[newID] {
		nb.Name = m.Block(newID).Name
	}
	offset := make(map[int64]int32, len(bs))
	sameAttr, allIDs := true, true
	for _, b := range bs {
		offset[b.ID] = int32(nb.NumElems)
		nb.NumElems += b.NumElems
		sameAttr = sameAttr && b.NumAttr == bs[0].NumAttr
		allIDs = allIDs && b.ElemIDs != nil
	}
	conns := make([][]int32, len(bs))
	for i, b := range bs {
		conns[i] = b.Conn
	}
	nb.Conn = compute.ConcatInt32s(conns...)
	if sameAttr && bs[0].NumAttr > 0 {
		nb.NumAttr = bs[0].NumAttr
		nb.AttrNames = bs[0].AttrNames
		nb.Attributes = make([]float64, 0, nb.NumElems*nb.NumAttr)
		for _, b := range bs {
			nb.Attributes = append(nb.Attributes, b.Attributes...)
		}
	}
	if allIDs {
		nb.ElemIDs = make([]int64, 0, nb.NumElems)
		for _, b := range bs {
			nb.ElemIDs = append(nb.ElemIDs, b.ElemIDs...)
		}
	}
	// Nothing below can fail: the merged blocks give up each field's
	// values as soon as they are copied, and a collection every so often
	// lets the next copies reuse that memory, so that the merge needs
	// little more than one copy of the data (a stale view keeps its array
	// alive).
	var copied int
	for _, n := range names {
		// Timesteps at which every block's field holds the same arrays
		// share one merged array.
		fs := make([]*Field, len(bs))
		inputs := make([][][]float64, len(bs))
		for i, b := range bs {
			fs[i] = FindField(b.Fields, n)
			inputs[i] = fs[i].Values
		}
		reps, class := stepClasses(len(m.Timesteps), inputs...)
		members := make([][]int, len(reps))
		for t, c := range class {
			members[c] = append(members[c], t)
		}
		rows := make([][]float64, len(reps))
		parts := make([][]float64, len(bs))
		for c, t := range reps {
			for i, f := range fs {
				parts[i] = f.Values[t]
				for _, u := range members[c] {
					f.Values[u] = nil
				}
			}
			rows[c] = compute.ConcatFloat64s(parts...)
			copied += 8 * len(rows[c])
			clear(parts)
			if copied >= releaseEvery {
				runtime.GC()
				copied = 0
			}
		}
		nb.Fields = append(nb.Fields, &Field{Name: n, Values: expandClasses(rows, class)})
	}
	if copied+4*len(nb.Conn) >= releaseEvery {
		for _, b := range bs {
			b.Conn = nil
		}
		runtime.GC()
	}
	for _, s := range m.SideSets {
		for k, bid := range s.BlockIDs {
			if merged[bid] {
				s.BlockIDs[k] = newID
				s.Elems[k] += offset[bid]
			}
		}
	}
	pos := slices.IndexFunc(m.Blocks, func(b *ElementBlock) bool { return merged[b.ID] })
	m.Blocks = slices.DeleteFunc(m.Blocks, func(b *ElementBlock) bool { return merged[b.ID] })
	m.Blocks = slices.Insert(m.Blocks, pos, nb)
	for _, a := range m.Assemblies {
		if a.Type == exElemBlock {
			had := false
			a.Members = slices.DeleteFunc(a.Members, func(id int64) bool {
				if merged[id] {
					had = true
					return true
				}
				return false
			})
			if had {
				a.Members = append(a.Members, newID)
			}
		}
	}
	return nil
}
