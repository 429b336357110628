package meshobj

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"strconv"

	"exosh/compute"
)

// This file holds the geometric queries and element-wise geometry of area C:
// volumes, centroids, extents, length scales, edge lengths, side set areas,
// closest nodes and connectivity counts. The kernels are package compute's.

// CentroidFieldNames returns exomerge's centroid field names for a prefix:
// prefix+"x", prefix+"y", prefix+"z" (calculate_element_centroids with a
// string argument).
func CentroidFieldNames(prefix string) [3]string {
	return [3]string{prefix + "x", prefix + "y", prefix + "z"}
}

// topologyOf returns the compute topology of a block, or nil if compute
// does not know its type and node count.
func topologyOf(b *ElementBlock) *compute.Topology {
	t, ok := compute.LookupTopology(b.Type, b.NodesPerElem)
	if !ok {
		return nil
	}
	return t
}

// volumeTopology returns the topology of b if it has a volume formula, or
// warns as exomerge does and returns nil.
func (m *Model) volumeTopology(b *ElementBlock) *compute.Topology {
	t := topologyOf(b)
	if t == nil || !t.HasVolume() {
		m.warn("Unrecognized element type",
			`The formula for calculating the volume of element type "`+StandardElementType(b.Type)+`" is not implemented or not known. This block will be skipped.`)
		return nil
	}
	return t
}

// ensureTimestep creates timestep 0.0 if the model has none, as exomerge's
// calculate_element_* methods do so that the new fields have values.
func (m *Model) ensureTimestep() {
	if len(m.Timesteps) == 0 {
		_ = m.CreateTimestep(0)
	}
}

// perStep returns one copy of v for each timestep of the model (v itself
// is used for the first).
func (m *Model) perStep(v []float64) [][]float64 {
	vals := make([][]float64, len(m.Timesteps))
	for t := range vals {
		if t == 0 {
			vals[t] = v
		} else {
			vals[t] = append([]float64(nil), v...)
		}
	}
	return vals
}

// CalculateElementVolumes stores the volume of each element of the
// selected blocks in the element field name (exomerge's
// calculate_element_volumes; default name "volume"): the length of 1-D
// elements, the area of 2-D elements and shells, the signed volume of
// solids, by exomerge's formulas (see compute.Volumes), the same value at
// every timestep. If the model has no timestep, timestep 0.0 is created.
// A block whose element type has no formula is skipped with a warning; an
// existing field is overwritten with a warning.
//
// Beyond exomerge's types, pyramids and the higher-order variants that
// compute.LookupTopology knows (hex27, tet14, ...) are measured on their
// corner nodes.
func (m *Model) CalculateElementVolumes(name string, blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	m.ensureTimestep()
	for _, b := range m.blocksOf(ids) {
		t := m.volumeTopology(b)
		if t == nil {
			continue
		}
		if FindField(b.Fields, name) != nil {
			m.existsOnEntityWarning(name, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
		}
		vol := make([]float64, b.NumElems)
		if err := compute.Volumes(vol, m.Coords, b.Conn, t); err != nil {
			return fmt.Errorf("meshobj: element block %d: %w", b.ID, err)
		}
		setField(&b.Fields, name, m.perStep(vol))
	}
	return nil
}

// CalculateElementCentroids stores the centroid of each element of the
// selected blocks in the three element fields names (exomerge's
// calculate_element_centroids; CentroidFieldNames("centroid_") by
// default): the plain average of the element's nodes in the model
// coordinates (displacements are not applied), the same value at every
// timestep. If the model has no timestep, timestep 0.0 is created. Existing
// fields are overwritten with a warning.
func (m *Model) CalculateElementCentroids(names [3]string, blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	m.ensureTimestep()
	for _, b := range m.blocksOf(ids) {
		for _, n := range names {
			if FindField(b.Fields, n) != nil {
				m.existsOnEntityWarning(n, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
			}
		}
		cx, cy, cz := m.centroids(b)
		for d, v := range [3][]float64{cx, cy, cz} {
			setField(&b.Fields, names[d], m.perStep(v))
		}
	}
	return nil
}

// centroids returns the x, y and z components of the centroids of the
// elements of b.
func (m *Model) centroids(b *ElementBlock) (x, y, z []float64) {
	ne := b.NumElems
	inter := make([]float64, 3*ne)
	if b.NodesPerElem > 0 {
		compute.Centroids(inter, m.Coords, b.Conn, b.NodesPerElem)
	} else {
		for i := range inter {
			inter[i] = nan // exomerge divides 0 by 0
		}
	}
	x, y, z = make([]float64, ne), make([]float64, ne), make([]float64, ne)
	parallelFor(ne, 1<<15, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x[i], y[i], z[i] = inter[3*i], inter[3*i+1], inter[3*i+2]
		}
	})
	return x, y, z
}

// blockVolumes returns, for each block, its element volumes: computed if
// field is "", else the values of that element field at the model's first
// timestep. A block without a volume formula gets nil (after a warning).
func (m *Model) blockVolumes(bs []*ElementBlock, field string) ([][]float64, error) {
	out := make([][]float64, len(bs))
	for i, b := range bs {
		if field != "" {
			v, err := m.firstStepValues(b, field)
			if err != nil {
				return nil, err
			}
			out[i] = v
			continue
		}
		t := m.volumeTopology(b)
		if t == nil {
			continue
		}
		v := make([]float64, b.NumElems)
		if err := compute.Volumes(v, m.Coords, b.Conn, t); err != nil {
			return nil, fmt.Errorf("meshobj: element block %d: %w", b.ID, err)
		}
		out[i] = v
	}
	return out, nil
}

// firstStepValues returns the values of element field name on b at the
// model's first timestep, as exomerge reads a given volume or centroid
// field.
func (m *Model) firstStepValues(b *ElementBlock, name string) ([]float64, error) {
	f := FindField(b.Fields, name)
	if f == nil {
		return nil, missingOnEntityError(name, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
	}
	if len(m.Timesteps) == 0 {
		return nil, newError("No timesteps defined.",
			`The element field "`+name+`" has no values because the model has no timesteps.`)
	}
	return f.Values[0], nil
}

// pySum returns the sum of v from 0, left to right, as Python's sum.
func pySum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// GetElementBlockVolume returns the total volume of the selected blocks
// (exomerge's get_element_block_volume): the sum of their element volumes,
// computed as CalculateElementVolumes computes them when volumeField is
// "" (exomerge's None), or read from the element field volumeField at the
// first timestep. Unlike exomerge it creates no temporary timestep or
// field. A block without a volume formula counts as 0 after a warning
// (exomerge warns, then fails).
func (m *Model) GetElementBlockVolume(blocks Selector, volumeField string) (float64, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return 0, err
	}
	vols, err := m.blockVolumes(m.blocksOf(ids), volumeField)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, v := range vols {
		total += pySum(v)
	}
	return total, nil
}

// GetElementBlockCentroid returns the volume-weighted centroid of the
// selected blocks (exomerge's get_element_block_centroid): the sum over
// elements of volume times element centroid, divided by the total volume;
// NaN in each component if the total volume is 0. Volumes come from
// volumeField at the first timestep, or are computed if it is "";
// centroids come from the three element fields centroidFields at the first
// timestep, or are computed if centroidFields is nil. No temporary fields
// or timesteps are created.
func (m *Model) GetElementBlockCentroid(blocks Selector, volumeField string, centroidFields []string) ([3]float64, error) {
	var c [3]float64
	if centroidFields != nil && len(centroidFields) != 3 {
		return c, newError("Invalid centroid field names.",
			fmt.Sprintf("Three element field names (x, y, z) are required, but %d were given.", len(centroidFields)))
	}
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return c, err
	}
	bs := m.blocksOf(ids)
	vols, err := m.blockVolumes(bs, volumeField)
	if err != nil {
		return c, err
	}
	total := 0.0
	for i, b := range bs {
		var cs [3][]float64
		if centroidFields == nil {
			cs[0], cs[1], cs[2] = m.centroids(b)
		} else {
			for d := range 3 {
				if cs[d], err = m.firstStepValues(b, centroidFields[d]); err != nil {
					return c, err
				}
			}
		}
		v := vols[i]
		if v == nil {
			continue
		}
		for d := range 3 {
			s := 0.0
			for k, x := range v {
				s += x * cs[d][k]
			}
			c[d] += s
		}
		total += pySum(v)
	}
	if total == 0 {
		return [3]float64{nan, nan, nan}, nil
	}
	for d := range c {
		c[d] /= total
	}
	return c, nil
}

// GetElementBlockExtents returns [[xmin, xmax], [ymin, ymax], [zmin,
// zmax]] over the nodes of the selected blocks (exomerge's
// get_element_block_extents; at least one block must be selected). NaN
// coordinates are ignored. It is an error if the blocks use no nodes.
func (m *Model) GetElementBlockExtents(blocks Selector) ([3][2]float64, error) {
	var ext [3][2]float64
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return ext, err
	}
	idx := m.blockNodes(m.blocksOf(ids))
	if len(idx) == 0 {
		return ext, newError("No nodes.", "The given element blocks contain no nodes, so they have no extents.")
	}
	lo, hi := compute.Extents(m.Coords, idx)
	for d := range 3 {
		ext[d] = [2]float64{lo[d], hi[d]}
	}
	return ext, nil
}

// blockNodes returns the sorted, distinct nodes used by the blocks bs.
func (m *Model) blockNodes(bs []*ElementBlock) []int32 {
	return bitIndices(m.nodeBits(bs))
}

// nodeBits returns a bitset of the nodes used by the blocks bs. The
// connectivity is scanned in parallel, each worker marking a bitset of its
// own, and the bitsets are combined, so the result is the same for any
// number of workers.
func (m *Model) nodeBits(bs []*ElementBlock) []uint64 {
	words := (m.NumNodes() + 63) / 64
	total := 0
	for _, b := range bs {
		total += len(b.Conn)
	}
	const grain = 1 << 17
	workers := max(1, min(runtime.GOMAXPROCS(0), total/grain))
	sets := make([][]uint64, workers)
	parallelFor(workers, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			mine := make([]uint64, words)
			// Worker w marks its share [lo, hi) of the concatenated
			// connectivity.
			lo, hi := w*total/workers, (w+1)*total/workers
			off := 0
			for _, b := range bs {
				n := len(b.Conn)
				if a, z := max(lo-off, 0), min(hi-off, n); a < z {
					for _, x := range b.Conn[a:z] {
						mine[x>>6] |= 1 << (uint(x) & 63)
					}
				}
				off += n
			}
			sets[w] = mine
		}
	})
	all := sets[0]
	for _, o := range sets[1:] {
		parallelFor(words, 1<<14, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				all[i] |= o[i]
			}
		})
	}
	return all
}

// bitIndices returns the indices of the set bits, in increasing order.
func bitIndices(set []uint64) []int32 {
	const chunk = 1 << 12 // words per chunk
	nc := (len(set) + chunk - 1) / chunk
	counts := make([]int, nc+1)
	parallelFor(nc, 4, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			n := 0
			for _, w := range set[c*chunk : min((c+1)*chunk, len(set))] {
				n += bits.OnesCount64(w)
			}
			counts[c+1] = n
		}
	})
	for c := range nc {
		counts[c+1] += counts[c]
	}
	out := make([]int32, counts[nc])
	parallelFor(nc, 4, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			j := counts[c]
			for i := c * chunk; i < min((c+1)*chunk, len(set)); i++ {
				for w := set[i]; w != 0; w &= w - 1 {
					out[j] = int32(i*64 + bits.TrailingZeros64(w))
					j++
				}
			}
		}
	})
	return out
}

// GetLengthScale returns the model's length scale (exomerge's
// get_length_scale): the largest of the coordinate ranges and of the
// absolute values of the coordinates' minima and maxima; 0 without nodes.
func (m *Model) GetLengthScale() float64 {
	return compute.LengthScale(m.Coords)
}

// GetElementEdgeLengthInfo returns the minimum and the mean length of the
// element edges of the selected blocks (exomerge's
// get_element_edge_length_info; at least one block must be selected). Each
// element's edges count separately, so an edge shared by n elements counts
// n times. With no edges at all both are NaN. Element types without an
// edge table contribute nothing, as in exomerge; the types compute knows
// beyond exomerge's (and shell4, on which exomerge fails) use compute's
// edge tables.
func (m *Model) GetElementEdgeLengthInfo(blocks Selector) (minLen, meanLen float64, err error) {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return 0, 0, err
	}
	minLen, total, count := math.MaxFloat64, 0.0, 0
	for _, b := range m.blocksOf(ids) {
		t := topologyOf(b)
		if t == nil || t.Dim == 0 {
			continue
		}
		s, mn, n := compute.EdgeLengths(m.Coords, b.Conn, t)
		total += s
		count += n
		minLen = min(minLen, mn)
	}
	if count == 0 {
		return nan, nan, nil
	}
	return minLen, total / float64(count), nil
}

// GetSideSetArea returns the total area of the members of the selected side
// sets (exomerge's get_side_set_area): each face measured with the
// "volume" formula of its own type (so the sides of 2-D elements count
// their length, and the point sides of line elements 0). A member listed
// in two selected sets counts twice, as in exomerge. It is an error if a
// member's element type has no face table or its side index is out of
// range.
func (m *Model) GetSideSetArea(sets Selector) (float64, error) {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, s := range m.sideSetsOf(ids) {
		for _, g := range groupByBlock(s.BlockIDs) {
			b := m.Block(g.id)
			t := topologyOf(b)
			if t == nil {
				return 0, newError("Unknown face mapping.",
					fmt.Sprintf(`Side set %d has members on element block %d, whose element type "%s" with %d nodes has no known faces.`, s.ID, b.ID, b.Type, b.NodesPerElem))
			}
			elems, sides := make([]int32, len(g.members)), make([]int32, len(g.members))
			for i, k := range g.members {
				elems[i], sides[i] = s.Elems[k], s.Sides[k]
			}
			area := make([]float64, len(elems))
			if err := compute.FaceAreas(area, m.Coords, b.Conn, t, elems, sides); err != nil {
				return 0, fmt.Errorf("meshobj: side set %d on element block %d: %w", s.ID, b.ID, err)
			}
			total += pySum(area)
		}
	}
	return total, nil
}

// blockGroup lists the members (indices) of a side set on one block.
type blockGroup struct {
	id      int64
	members []int
}

// groupByBlock groups member indices by block id, blocks in order of first
// appearance, members in order.
func groupByBlock(blockIDs []int64) []blockGroup {
	var gs []blockGroup
	at := map[int64]int{}
	for k, id := range blockIDs {
		i, ok := at[id]
		if !ok {
			i = len(gs)
			at[id] = i
			gs = append(gs, blockGroup{id: id})
		}
		gs[i].members = append(gs[i].members, k)
	}
	return gs
}

// GetClosestNodeDistance returns the smallest distance between two
// distinct nodes (0 if two coincide; math.MaxFloat64 with fewer than two
// nodes). Unlike exomerge's, whose divide and conquer misses pairs across
// its split planes, the result is the true minimum (see
// compute.ClosestNodeDistance).
func (m *Model) GetClosestNodeDistance() float64 {
	return compute.ClosestNodeDistance(m.Coords)
}

// CountDegenerateElements returns the number of elements of the selected
// blocks (at least one) that list a node more than once.
func (m *Model) CountDegenerateElements(blocks Selector) (int, error) {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, b := range m.blocksOf(ids) {
		if b.NodesPerElem > 0 {
			n += compute.CountDegenerate(b.Conn, b.NodesPerElem)
		}
	}
	return n, nil
}

// CountDisconnectedBlocks returns the number of groups of elements of the
// selected blocks (at least one) connected to each other through shared
// nodes (exomerge's count_disconnected_blocks).
func (m *Model) CountDisconnectedBlocks(blocks Selector) (int, error) {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return 0, err
	}
	var cbs []compute.ConnBlock
	for _, b := range m.blocksOf(ids) {
		if b.NodesPerElem > 0 {
			cbs = append(cbs, compute.ConnBlock{Conn: b.Conn, NodesPerElem: b.NodesPerElem})
		}
	}
	return compute.CountDisconnected(m.NumNodes(), cbs), nil
}
