package meshobj

import (
	"fmt"
	"slices"
	"strings"

	"exosh/compute"
)

// This file holds the element conversions of exomerge:
// convert_element_blocks, make_elements_linear, make_elements_quadratic and
// convert_hex8_block_to_tet4_block. A conversion replaces each element by
// one or more new elements whose nodes are old nodes or new nodes placed at
// the average of a group of old nodes (an edge, a face, the element). The
// groups are found once over every converted block by
// compute.UniqueNodeGroups, so a midpoint shared by neighbouring elements,
// of one block or of two converted together, is one node.

// conversion is one entry of exomerge's ELEMENT_CONVERSIONS: the groups of
// local nodes whose averages are new nodes, and the new elements, each a
// list of entries: v >= 0 is local node v, v < 0 is group -v-1.
type conversion struct {
	groups [][]int32
	elems  [][]int32
}

// conv builds a one-element conversion from exomerge's formula: each entry
// is a local node (int) or a group of local nodes ([]int32) to average.
func conv(entries ...any) *conversion {
	c := &conversion{}
	var el []int32
	for _, e := range entries {
		switch e := e.(type) {
		case int:
			el = append(el, int32(e))
		case []int32:
			c.groups = append(c.groups, e)
			el = append(el, int32(-len(c.groups)))
		}
	}
	c.elems = [][]int32{el}
	return c
}

// span returns 0, 1, ..., n-1 as conversion entries.
func span(n int) []any {
	s := make([]any, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func g(nodes ...int32) []int32 { return nodes }

// elementConversions is exomerge's ELEMENT_CONVERSIONS table.
var elementConversions = map[string]map[string]*conversion{
	"hex8": {"hex20": conv(append(span(8),
		g(0, 1), g(1, 2), g(2, 3), g(0, 3), g(0, 4), g(1, 5), g(2, 6), g(3, 7), g(4, 5), g(5, 6), g(6, 7), g(4, 7))...)},
	"hex20": {"hex8": conv(span(8)...)},
	"tet4": {"tet10": conv(append(span(4),
		g(0, 1), g(1, 2), g(0, 2), g(0, 3), g(1, 3), g(2, 3))...)},
	"tet10": {"tet4": conv(span(4)...)},
	"wedge6": {
		"wedge15": conv(append(span(6),
			g(0, 1), g(1, 2), g(0, 2), g(0, 3), g(1, 4), g(2, 5), g(3, 4), g(4, 5), g(3, 5))...),
		"wedge16": conv(append(span(6),
			g(0, 1), g(1, 2), g(0, 2), g(0, 3), g(1, 4), g(2, 5), g(3, 4), g(4, 5), g(3, 5), g(0, 1, 2, 3, 4, 5))...),
	},
	"wedge12": {
		"wedge6":  conv(span(6)...),
		"wedge15": conv(append(span(9), g(0, 3), g(1, 4), g(2, 5), 9, 10, 11)...),
	},
	"wedge15": {
		"wedge6":  conv(span(6)...),
		"wedge16": conv(append(span(15), g(0, 1, 2, 3, 4, 5))...),
	},
	"wedge16": {
		"wedge6":  conv(span(6)...),
		"wedge15": conv(span(15)...),
	},
}

// elementOrder is exomerge's ELEMENT_ORDER table.
var elementOrder = map[string]int{
	"hex8": 1, "hex20": 2, "tet4": 1, "tet10": 2,
	"wedge6": 1, "wedge12": 1, "wedge15": 2, "wedge16": 2,
	"tri3": 1, "tri6": 2, "quad4": 1, "shell4": 1, "quad6": 1, "quad8": 2,
	"line2": 1, "line3": 2, "point": 1,
}

// nodesPerElement is exomerge's NODES_PER_ELEMENT for the conversion
// targets.
var nodesPerElement = map[string]int{
	"hex8": 8, "hex20": 20, "tet4": 4, "tet10": 10,
	"wedge6": 6, "wedge12": 12, "wedge15": 15, "wedge16": 16,
}

// conversionTargets lists the keys of elementConversions[type] in
// exomerge's order (which its messages show).
var conversionTargets = map[string][]string{
	"hex8": {"hex20"}, "hex20": {"hex8"}, "tet4": {"tet10"}, "tet10": {"tet4"},
	"wedge6": {"wedge15", "wedge16"}, "wedge12": {"wedge6", "wedge15"},
	"wedge15": {"wedge6", "wedge16"}, "wedge16": {"wedge6", "wedge15"},
}

// ConversionTargets returns the element types a block of the given type can
// be converted to by ConvertElementBlocks, in exomerge's order (none for a
// type without a scheme).
func ConversionTargets(elemType string) []string {
	return slices.Clone(conversionTargets[StandardElementType(elemType)])
}

// Hex8ToTet4Schemes lists the schemes ConvertHex8BlockToTet4Block knows.
var Hex8ToTet4Schemes = []string{"hex24tet"}

// blockConversion is one block to convert.
type blockConversion struct {
	id      int64
	newType string
	c       *conversion
}

// ConvertElementBlocks converts the elements of the selected blocks to
// newType with exomerge's conversion table (hex8<->hex20, tet4<->tet10,
// wedge6->wedge15/wedge16, wedge12->wedge6/wedge15, wedge15->wedge6/wedge16,
// wedge16->wedge6/wedge15). New nodes sit at the averages of their node
// groups (edge midpoints, the wedge16 centre), with node field values
// averaged the same way; a new node joins every node set that holds all of
// its group. Element field values, attributes and element ids are kept;
// side set members on the blocks move to the matching sides of the new
// elements, at the end of their side set, as exomerge appends them (their
// distribution factors are dropped, as the sides' node counts change).
// Nodes no element uses any more (the mid-edge nodes of a linearized
// block) are deleted. Each block keeps its id, name and place (exomerge
// deletes it and renames a new one, which loses the name and the
// attributes). A block of a type without a scheme, or without one to
// newType, is an error, and nothing is converted.
func (m *Model) ConvertElementBlocks(blocks Selector, newType string) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	list := make([]blockConversion, 0, len(ids))
	for _, id := range ids {
		list = append(list, blockConversion{id: id, newType: newType})
	}
	return m.translateBlocks(list)
}

// MakeElementsLinear converts the selected blocks to a first-order element
// type with ConvertElementBlocks, choosing the target as exomerge does (see
// ChangeElementOrder).
func (m *Model) MakeElementsLinear(blocks Selector) error { return m.changeElementOrder(blocks, 1) }

// MakeElementsQuadratic converts the selected blocks to a second-order
// element type, choosing the target as exomerge does (see
// MakeElementsLinear).
func (m *Model) MakeElementsQuadratic(blocks Selector) error {
	return m.changeElementOrder(blocks, 2)
}

// changeElementOrder is exomerge's _change_element_order. For each type
// among the blocks, the target is the type of the wanted order among its
// conversions that makes the fewest elements, then the fewest nodes, then
// comes first by name. Types exomerge does not know are skipped, as are
// types of the wanted order without such a conversion; a type of the other
// order without one is an error.
func (m *Model) changeElementOrder(blocks Selector, order int) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	targets := map[string]string{}
	for _, id := range ids {
		t := StandardElementType(m.Block(id).Type)
		if _, done := targets[t]; done {
			continue
		}
		ord, known := elementOrder[t]
		if !known {
			targets[t] = ""
			continue
		}
		best, bestElems, bestNodes := "", 0, 0
		for to, c := range elementConversions[t] {
			if elementOrder[to] != order {
				continue
			}
			ne, nn := len(c.elems), len(c.elems)*len(c.elems[0])
			if best == "" || ne < bestElems || ne == bestElems && (nn < bestNodes || nn == bestNodes && to < best) {
				best, bestElems, bestNodes = to, ne, nn
			}
		}
		if best == "" && ord != order {
			return newError("Unable to convert",
				fmt.Sprintf(`There is no valid scheme to convert elements of type "%s" to an element type of order %d.`, t, order))
		}
		targets[t] = best
	}
	var list []blockConversion
	for _, id := range ids {
		if to := targets[StandardElementType(m.Block(id).Type)]; to != "" {
			list = append(list, blockConversion{id: id, newType: to})
		}
	}
	return m.translateBlocks(list)
}

// ConvertHex8BlockToTet4Block splits every hex8 of one block into 24 tet4
// with the scheme 'hex24tet' (the only one exomerge knows): each face's
// four edges make four tets with the face centre and the body centre, which
// are new nodes (shared by the two hexes that share a face). Node field
// values at new nodes are averages, and a new node joins the node sets that
// hold all of its face (or element); other node set members are kept. Side
// set members on the block become the four tets on each side, at the end
// of their side set; element field values and attributes are copied to the
// 24 tets, which get fresh element ids if the model keeps them.
//
// exomerge also gives the block copies of all its nodes and deletes the
// originals it no longer uses, which disconnects the block from
// neighbouring blocks and renumbers its nodes; exosh keeps the block's
// nodes, so the tets stay joined to the rest of the mesh. exomerge keys a
// face centre by the face's nodes in local order, which makes two centres
// at one point wherever the two hexes on a face list its nodes in
// different orders (on build_hex8_cube's cubes, every interior face normal
// to y), leaving the tets there unconnected; exosh makes one. Apart from
// that, and the order of the new nodes, the tets are exomerge's.
//
// It is an error if the block is not of type hex8 or the scheme is unknown.
func (m *Model) ConvertHex8BlockToTet4Block(block Item, scheme string) error {
	id, err := m.ResolveElementBlock(block)
	if err != nil {
		return err
	}
	if t := StandardElementType(m.Block(id).Type); t != "hex8" {
		return newError("Incompatible element type.",
			fmt.Sprintf(`We were expecting an element block composed of "hex8" element but instead encountered one with "%s" elements.`, t))
	}
	if !slices.Contains(Hex8ToTet4Schemes, scheme) {
		return newError("Unsupported scheme.",
			fmt.Sprintf(`The scheme "%s" was not recognized. Known schemes: "%s".`, scheme, strings.Join(Hex8ToTet4Schemes, `", "`)))
	}
	c := &conversion{groups: compute.Hex24TetGroups(), elems: compute.Hex24TetScheme()}
	return m.translateBlocks([]blockConversion{{id: id, newType: "tet4", c: c}})
}

// translateBlocks is exomerge's _translate_element_blocks: it checks every
// conversion first (an error leaves the model unchanged), creates the new
// nodes of all blocks at once, then replaces the blocks one by one.
func (m *Model) translateBlocks(list []blockConversion) error {
	for i := range list {
		bc := &list[i]
		if bc.c != nil {
			continue
		}
		from := StandardElementType(m.Block(bc.id).Type)
		convs, ok := elementConversions[from]
		if !ok {
			return newError("No element conversion schemes",
				fmt.Sprintf(`There are no element conversion schemes to convert elements of type "%s" (element block %d) into any other element type.`, from, bc.id))
		}
		c, ok := convs[bc.newType]
		if !ok {
			return newError("Invalid target element type",
				fmt.Sprintf(`There are no element conversion schemes to convert elements of type "%s" into elements of type "%s" (new_element_type). Conversions are available to the following element types: "%s".`,
					from, bc.newType, strings.Join(ConversionTargets(from), `", "`)))
		}
		bc.c = c
	}
	if len(list) == 0 {
		return nil
	}
	// The blocks must have the node count the conversion reads, and stay
	// within int32 element indices.
	for _, bc := range list {
		b := m.Block(bc.id)
		if b.NodesPerElem != nodesPerElemOf(b.Type, bc) {
			return newError("Invalid element block.",
				fmt.Sprintf(`Element block %d of type "%s" has %d nodes per element; the conversion expects %d.`, b.ID, b.Type, b.NodesPerElem, nodesPerElemOf(b.Type, bc)))
		}
		if b.NumElems*len(bc.c.elems) > MaxIndex {
			return newError("Too many elements.", fmt.Sprintf("A block holds at most %d elements.", MaxIndex))
		}
	}
	// The groups of every block, found together. Where each group is one
	// node of one new element (the order conversions), the group numbers
	// go straight into the new connectivity; where a group is a node of
	// several (hex24tet), they go to an index, which ExpandConnectivity
	// then reads in order while it writes the (much larger) connectivity
	// in order too.
	conns := make([][]int32, len(list))
	gindex := make([]int, len(list))
	var gblocks []compute.GroupBlock
	for i, bc := range list {
		b := m.Block(bc.id)
		conns[i] = compute.Make[int32](b.NumElems * len(bc.c.elems) * len(bc.c.elems[0]))
		gindex[i] = -1
		if len(bc.c.groups) > 0 {
			gb := compute.GroupBlock{Conn: b.Conn, NodesPerElem: b.NodesPerElem, Groups: bc.c.groups}
			if usedOnce(bc.c) {
				gb.Scheme, gb.Out = bc.c.elems, conns[i]
			}
			gindex[i] = len(gblocks)
			gblocks = append(gblocks, gb)
		}
	}
	// The node groups are the bulk of the work and change nothing of the
	// model: an interrupt stops the method here (see Model.Interrupt).
	var groups compute.NodeGroups
	if err := m.work(func(compute.Stop) { groups = compute.UniqueNodeGroups(m.NumNodes(), gblocks) }); err != nil {
		return err
	}
	if m.NumNodes()+groups.Len() > MaxIndex {
		return newError("Too many nodes.", fmt.Sprintf("A model holds at most %d nodes.", MaxIndex))
	}
	// Orphans are looked for only when a conversion drops old nodes.
	var usedBefore []bool
	for _, bc := range list {
		if dropsNodes(bc.c, m.Block(bc.id).NodesPerElem) {
			usedBefore = m.usedNodes()
			break
		}
	}
	if usedBefore != nil {
		if err := m.refuseControlPoints("Converting elements"); err != nil {
			return err
		}
	}
	base := m.addAveragedNodes(&groups)
	for _, bc := range list {
		if len(bc.c.elems) != 1 {
			m.dropCarried(DepElems, "Converting elements")
			break
		}
	}
	for i, bc := range list {
		var index []int32
		if gindex[i] >= 0 {
			index = groups.Index[gindex[i]]
		}
		m.replaceBlock(m.Block(bc.id), bc.newType, bc.c, conns[i], index, int32(base))
	}
	if usedBefore != nil {
		used := m.usedNodes()
		orphan := make([]bool, len(used))
		for i := range used {
			orphan[i] = i < len(usedBefore) && usedBefore[i] && !used[i]
		}
		return m.deleteNodes(orphan)
	}
	return nil
}

// nodesPerElemOf returns the node count a conversion expects of its source
// elements: one more than the largest local node it refers to, or the
// standard count of the type.
func nodesPerElemOf(elemType string, bc blockConversion) int {
	if n, ok := nodesPerElement[StandardElementType(elemType)]; ok {
		return n
	}
	n := 0
	for _, el := range bc.c.elems {
		for _, v := range el {
			n = max(n, int(v)+1)
		}
	}
	return n
}

// usedOnce reports whether each group of c is one entry of one new
// element.
func usedOnce(c *conversion) bool {
	count := make([]int, len(c.groups))
	for _, el := range c.elems {
		for _, v := range el {
			if v < 0 {
				count[-v-1]++
			}
		}
	}
	for _, n := range count {
		if n != 1 {
			return false
		}
	}
	return true
}

// dropsNodes reports whether some local node of an npe-node element is in
// none of the new elements.
func dropsNodes(c *conversion, npe int) bool {
	seen := make([]bool, npe)
	for _, el := range c.elems {
		for _, v := range el {
			if v >= 0 {
				seen[v] = true
			}
		}
	}
	return slices.Contains(seen, false)
}

// addAveragedNodes appends one node per group at the group's average, with
// node field values averaged alike and fresh node ids, and adds each new
// node to the node sets holding its whole group (with field values and
// distribution factors averaged from the members'). It returns the index
// of the first new node.
func (m *Model) addAveragedNodes(groups *compute.NodeGroups) int {
	base := m.NumNodes()
	n := groups.Len()
	if n == 0 {
		return base
	}
	m.Coords = growFloats(m.Coords, 3*n)
	compute.AverageGroups(m.Coords[3*base:], m.Coords[:3*base], 3, groups)
	for _, f := range m.NodeFields {
		mapDistinct(f.Values, func(v []float64) []float64 {
			v = growFloats(v, n)
			compute.AverageGroups(v[base:], v[:base], 1, groups)
			return v
		})
	}
	if m.NodeIDs != nil {
		m.NodeIDs = appendFreshIDs(m.NodeIDs, n)
	}
	for _, s := range m.NodeSets {
		m.addAveragedMembers(s, groups, base)
	}
	return base
}

// growFloats returns xs extended by n values, in place if it has room,
// else copied to a new array (from compute.Make).
func growFloats(xs []float64, n int) []float64 {
	if cap(xs)-len(xs) >= n {
		return xs[:len(xs)+n]
	}
	out := compute.Make[float64](len(xs) + n)
	copy(out, xs)
	return out
}

// addAveragedMembers adds to s each new node base+u whose group lies in s.
func (m *Model) addAveragedMembers(s *NodeSet, groups *compute.NodeGroups, base int) {
	if len(s.Members) == 0 {
		return
	}
	pos := make([]int32, base)
	for i := range pos {
		pos[i] = -1
	}
	for k, node := range s.Members {
		if pos[node] < 0 {
			pos[node] = int32(k)
		}
	}
	// The groups inside the set, in number order.
	type member struct {
		u   int
		grp []int32
	}
	var add []member
	for _, c := range groups.Classes {
		for r := range len(c.Nodes) / c.Width {
			grp := c.Nodes[r*c.Width : (r+1)*c.Width]
			in := true
			for _, node := range grp {
				if pos[node] < 0 {
					in = false
					break
				}
			}
			if in {
				u := r
				if c.Number != nil {
					u = int(c.Number[r])
				}
				add = append(add, member{u, grp})
			}
		}
	}
	if len(add) == 0 {
		return
	}
	slices.SortFunc(add, func(a, b member) int { return a.u - b.u })
	avg := func(vals []float64) []float64 {
		for _, a := range add {
			grp := a.grp
			w := 1 / float64(len(grp))
			sum := 0.0
			for _, node := range grp {
				sum += w * vals[pos[node]]
			}
			vals = append(vals, sum)
		}
		return vals
	}
	for _, f := range s.Fields {
		mapDistinct(f.Values, avg)
	}
	if len(s.DistFactors) == len(s.Members) && s.DistFactors != nil {
		s.DistFactors = avg(s.DistFactors)
	}
	for _, a := range add {
		s.Members = append(s.Members, int32(base+a.u))
	}
}

// replaceBlock replaces the elements of b by their conversions, in place
// (id, name, position and properties kept).
// conn receives the new connectivity: it already holds the new nodes if
// index is nil, else they are base plus the group numbers in index.
func (m *Model) replaceBlock(b *ElementBlock, newType string, c *conversion, conn, index []int32, base int32) {
	mult := len(c.elems)
	npe := len(c.elems[0])
	ne := b.NumElems
	compute.ExpandConnectivity(conn, b.Conn, b.NodesPerElem, c.elems, index, len(c.groups), base)
	// Side set members follow (computed while b has its old type).
	oldFaces, newFaces := faceSets(b.Type, b.NodesPerElem), faceLists(newType, npe)
	trans := faceTranslation(oldFaces, newFaces, c)
	for _, s := range m.SideSets {
		translateSides(s, b.ID, trans, mult)
	}
	if mult > 1 {
		for _, f := range b.Fields {
			mapDistinct(f.Values, func(v []float64) []float64 { return repeatEach(v, 1, mult) })
		}
		if b.NumAttr > 0 {
			b.Attributes = repeatEach(b.Attributes, b.NumAttr, mult)
		}
		if b.ElemIDs != nil {
			b.ElemIDs = m.freshElemIDs(ne * mult)
		}
	}
	b.Type = newType
	b.NodesPerElem = npe
	b.NumElems = ne * mult
	b.Conn = conn
}

// repeatEach returns xs with each run of stride values repeated n times.
func repeatEach[T any](xs []T, stride, n int) []T {
	out := make([]T, 0, len(xs)*n)
	for i := 0; i < len(xs); i += stride {
		for range n {
			out = append(out, xs[i:i+stride]...)
		}
	}
	return out
}

// faceLists returns the local nodes of each side of a type, or nil.
func faceLists(elemType string, npe int) [][]int32 {
	t, ok := compute.LookupTopology(elemType, npe)
	if !ok {
		return nil
	}
	out := make([][]int32, len(t.Faces))
	for i, f := range t.Faces {
		out[i] = f.Nodes
	}
	return out
}

// faceSets is faceLists as sets.
func faceSets(elemType string, npe int) []map[int32]bool {
	lists := faceLists(elemType, npe)
	out := make([]map[int32]bool, len(lists))
	for i, l := range lists {
		out[i] = map[int32]bool{}
		for _, n := range l {
			out[i][n] = true
		}
	}
	return out
}

// faceTranslation is exomerge's face_translation: for each old side, the
// (new element, new side) pairs whose nodes (groups expanded to their old
// nodes) all lie on it.
func faceTranslation(oldFaces []map[int32]bool, newFaces [][]int32, c *conversion) [][][2]int32 {
	trans := make([][][2]int32, len(oldFaces))
	for k, el := range c.elems {
		for nf, members := range newFaces {
			used := map[int32]bool{}
			for _, mbr := range members {
				if v := el[mbr]; v >= 0 {
					used[v] = true
				} else {
					for _, n := range c.groups[-v-1] {
						used[n] = true
					}
				}
			}
			for of, old := range oldFaces {
				sub := true
				for n := range used {
					if !old[n] {
						sub = false
						break
					}
				}
				if sub {
					trans[of] = append(trans[of], [2]int32{int32(k), int32(nf)})
				}
			}
		}
	}
	return trans
}

// translateSides moves the members of s on block id to their translated
// sides, appended at the end in member order, with their field values
// (exomerge appends the new members, then deletes the old block's).
// Distribution factors are dropped if some member moves.
func translateSides(s *SideSet, id int64, trans [][][2]int32, mult int) {
	if !slices.Contains(s.BlockIDs, id) {
		return
	}
	var keep, moved []int
	for k, bid := range s.BlockIDs {
		if bid == id {
			moved = append(moved, k)
		} else {
			keep = append(keep, k)
		}
	}
	var blockIDs []int64
	var elems, sides []int32
	var src []int // source member of each new member
	for _, k := range keep {
		blockIDs = append(blockIDs, s.BlockIDs[k])
		elems = append(elems, s.Elems[k])
		sides = append(sides, s.Sides[k])
		src = append(src, k)
	}
	for _, k := range moved {
		side := int(s.Sides[k])
		if side >= len(trans) {
			continue
		}
		for _, t := range trans[side] {
			blockIDs = append(blockIDs, id)
			elems = append(elems, s.Elems[k]*int32(mult)+t[0])
			sides = append(sides, t[1])
			src = append(src, k)
		}
	}
	for _, f := range s.Fields {
		for t, v := range f.Values {
			nv := make([]float64, len(src))
			for i, k := range src {
				nv[i] = v[k]
			}
			f.Values[t] = nv
		}
	}
	s.BlockIDs, s.Elems, s.Sides = blockIDs, elems, sides
	s.DistFactors = nil
}
