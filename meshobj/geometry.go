package meshobj

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

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

// stepValues returns one slice of n values per timestep to store a field
// that has the same values at every timestep in: the values of f if f has
// them (so that an overwritten field is rewritten in place and views of it
// stay valid; timesteps that share an array are written twice with the
// same values, which is harmless), else one new array that every timestep
// shares.
func (m *Model) stepValues(f *Field, n int) [][]float64 {
	nt := len(m.Timesteps)
	if fits(f, nt, n) {
		return f.Values
	}
	return sharedRows(nt, n)
}

// fits reports whether f (possibly nil) has nt timesteps of n values each,
// so that new values can be written into its own slices.
func fits(f *Field, nt, n int) bool {
	if f == nil || len(f.Values) != nt {
		return false
	}
	for _, v := range f.Values {
		if len(v) != n {
			return false
		}
	}
	return true
}

// copySteps copies vals[0] into every other vals[t] that does not share
// its array, in parallel.
func copySteps(vals [][]float64) {
	if len(vals) < 2 {
		return
	}
	src := vals[0]
	var dsts [][]float64
	for _, d := range vals[1:] {
		if !sameArray(d, src) {
			dsts = append(dsts, d)
		}
	}
	if len(dsts) == 0 {
		return
	}
	parallelFor(len(src), 1<<15, func(lo, hi int) {
		for _, dst := range dsts {
			copy(dst[lo:hi], src[lo:hi])
		}
	})
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
		vals := m.stepValues(FindField(b.Fields, name), b.NumElems)
		if err := compute.Volumes(vals[0], m.Coords, b.Conn, t); err != nil {
			return fmt.Errorf("meshobj: element block %d: %w", b.ID, err)
		}
		copySteps(vals)
		setField(&b.Fields, name, vals)
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
	if err := m.refuseBezierBlocks("calculate_element_centroids", ids); err != nil {
		return err
	}
	m.ensureTimestep()
	for _, b := range m.blocksOf(ids) {
		for _, n := range names {
			if FindField(b.Fields, n) != nil {
				m.existsOnEntityWarning(n, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
			}
		}
		var vals [3][][]float64
		for d, n := range names {
			vals[d] = m.stepValues(FindField(b.Fields, n), b.NumElems)
		}
		m.centroidsInto(b, vals[0][0], vals[1][0], vals[2][0])
		for d, n := range names {
			copySteps(vals[d])
			setField(&b.Fields, n, vals[d])
		}
	}
	return nil
}

// centroidsInto stores the centroids of the elements of b in x, y and z
// (len b.NumElems each), computed as compute.Centroids computes them (the
// coordinates summed from 0 in connectivity order, divided by the node
// count) but written to three arrays, without an interleaved copy.
func (m *Model) centroidsInto(b *ElementBlock, x, y, z []float64) {
	npe := b.NodesPerElem
	if npe == 0 {
		for i := range x {
			x[i], y[i], z[i] = nan, nan, nan // exomerge divides 0 by 0
		}
		return
	}
	div := float64(npe)
	coords, conn := m.Coords, b.Conn
	if npe == 8 {
		// hex8, written out: the eight nodes' loads are independent, so
		// the processor fetches them all at once where they miss the
		// cache (a large mesh in exomerge's element order). The sums are
		// the same, from 0 in connectivity order.
		parallelFor(b.NumElems, 1<<12, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				e := (*[8]int32)(conn[8*i : 8*i+8])
				p0, p1, p2, p3 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2]), 3*int(e[3])
				p4, p5, p6, p7 := 3*int(e[4]), 3*int(e[5]), 3*int(e[6]), 3*int(e[7])
				c0, c1, c2, c3 := coords[p0:p0+3:p0+3], coords[p1:p1+3:p1+3], coords[p2:p2+3:p2+3], coords[p3:p3+3:p3+3]
				c4, c5, c6, c7 := coords[p4:p4+3:p4+3], coords[p5:p5+3:p5+3], coords[p6:p6+3:p6+3], coords[p7:p7+3:p7+3]
				for d, out := range [3][]float64{x, y, z} {
					s := 0.0
					s += c0[d]
					s += c1[d]
					s += c2[d]
					s += c3[d]
					s += c4[d]
					s += c5[d]
					s += c6[d]
					s += c7[d]
					out[i] = s / div
				}
			}
		})
		return
	}
	parallelFor(b.NumElems, 1<<12, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var sx, sy, sz float64
			for _, n := range conn[i*npe : i*npe+npe] {
				p := 3 * int(n)
				sx += coords[p]
				sy += coords[p+1]
				sz += coords[p+2]
			}
			x[i], y[i], z[i] = sx/div, sy/div, sz/div
		}
	})
}

// momentChunk is the fixed number of elements over which the volume sums
// of GetElementBlockVolume and GetElementBlockCentroid are accumulated
// before the chunk sums are added in order.
const momentChunk = 4096

// blockMoments returns the sum over the elements of b of their volume and
// of their volume times each centroid component (when centroids is set).
// vol holds the volumes, or is nil to compute them with topology t;
// cents holds the centroid components, or nil ones to compute them. The
// sums are taken per fixed chunk of elements and the chunk sums added in
// order, so they do not depend on the number of threads; no per-element
// array is allocated.
func (m *Model) blockMoments(b *ElementBlock, vol []float64, t *compute.Topology, centroids bool, cents [3][]float64) (sv float64, sc [3]float64) {
	ne, npe := b.NumElems, b.NodesPerElem
	nc := numChunks(ne, momentChunk)
	parts := make([][4]float64, nc)
	coords, conn := m.Coords, b.Conn
	forChunks(ne, momentChunk, func(c, lo, hi int) {
		var buf [momentChunk]float64
		v := vol
		if v == nil {
			// The chunk is no larger than compute's grain, so this runs
			// on this goroutine.
			_ = compute.Volumes(buf[:hi-lo], coords, conn[lo*npe:hi*npe], t)
			v = buf[:hi-lo]
		} else {
			v = v[lo:hi]
		}
		var p [4]float64
		div := float64(npe)
		for k, x := range v {
			p[0] += x
			if !centroids {
				continue
			}
			i := lo + k
			if cents[0] != nil {
				for d := range 3 {
					p[1+d] += x * cents[d][i]
				}
				continue
			}
			var cx, cy, cz float64
			for _, n := range conn[i*npe : i*npe+npe] {
				q := 3 * int(n)
				cx += coords[q]
				cy += coords[q+1]
				cz += coords[q+2]
			}
			p[1] += x * (cx / div)
			p[2] += x * (cy / div)
			p[3] += x * (cz / div)
		}
		parts[c] = p
	})
	for _, p := range parts {
		sv += p[0]
		for d := range 3 {
			sc[d] += p[1+d]
		}
	}
	return sv, sc
}

// volumeSource returns how to get the volumes of b: the element field
// field at the first timestep, or (field "") the topology to compute them
// with. ok is false for a block without a volume formula (after a
// warning).
func (m *Model) volumeSource(b *ElementBlock, field string) (vol []float64, t *compute.Topology, ok bool, err error) {
	if field != "" {
		vol, err = m.firstStepValues(b, field)
		return vol, nil, err == nil, err
	}
	if t = m.volumeTopology(b); t == nil {
		return nil, nil, false, nil
	}
	return nil, t, true, nil
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
	total := 0.0
	for _, b := range m.blocksOf(ids) {
		vol, t, ok, err := m.volumeSource(b, volumeField)
		if err != nil {
			return 0, err
		}
		if ok {
			sv, _ := m.blockMoments(b, vol, t, false, [3][]float64{})
			total += sv
		}
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
	total := 0.0
	for _, b := range m.blocksOf(ids) {
		vol, t, ok, err := m.volumeSource(b, volumeField)
		if err != nil {
			return c, err
		}
		var cents [3][]float64
		if centroidFields != nil {
			for d := range 3 {
				if cents[d], err = m.firstStepValues(b, centroidFields[d]); err != nil {
					return c, err
				}
			}
		}
		if !ok || b.NodesPerElem == 0 {
			continue
		}
		sv, sc := m.blockMoments(b, vol, t, true, cents)
		for d := range 3 {
			c[d] += sc[d]
		}
		total += sv
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
	if err := m.refuseBezierBlocks("get_element_block_extents", ids); err != nil {
		return ext, err
	}
	idx := m.blockNodesOrAll(m.blocksOf(ids))
	if idx != nil && len(idx) == 0 || m.NumNodes() == 0 {
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
	return flagIndices(m.nodeFlags(bs))
}

// blockNodesOrAll returns the nodes used by the blocks bs, or nil if they
// use every node of the model (the compute kernels' nil: all nodes).
func (m *Model) blockNodesOrAll(bs []*ElementBlock) []int32 {
	flags, n := m.nodeFlagsCount(bs)
	if n == len(flags) {
		return nil
	}
	return flagIndices(flags)
}

// nodeFlags flags the nodes used by the blocks bs (see markNodes).
func (m *Model) nodeFlags(bs []*ElementBlock) []bool {
	flags, _ := m.nodeFlagsCount(bs)
	return flags
}

// nodeFlagsCount is nodeFlags, also returning the number of nodes used.
func (m *Model) nodeFlagsCount(bs []*ElementBlock) ([]bool, int) {
	total := 0
	for _, b := range bs {
		total += len(b.Conn)
	}
	return markNodes(m.NumNodes(), total, func(lo, hi int, mark []bool) {
		// [lo, hi) of the blocks' connectivity, one after the other.
		off := 0
		for _, b := range bs {
			n := len(b.Conn)
			if a, z := max(lo-off, 0), min(hi-off, n); a < z {
				markAll(mark, b.Conn[a:z])
			}
			off += n
		}
	})
}

// markAll sets mark[n] for every n in ns, 8 at a time (an unrolled loop
// runs faster and scales better on two cores than a loop per entry).
func markAll(mark []bool, ns []int32) {
	i := 0
	for ; i+8 <= len(ns); i += 8 {
		c := ns[i : i+8 : i+8]
		mark[c[0]] = true
		mark[c[1]] = true
		mark[c[2]] = true
		mark[c[3]] = true
		mark[c[4]] = true
		mark[c[5]] = true
		mark[c[6]] = true
		mark[c[7]] = true
	}
	for _, n := range ns[i:] {
		mark[n] = true
	}
}

// markNodes returns flags of nn nodes set by mark(lo, hi, flags), which
// sets the flags of the nodes of items [lo, hi) of some work of n items
// (connectivity entries, elements), and the number of flags set. The work
// is split between the workers, each marking an array of its own (plain
// stores, no read-modify-write on shared memory), and the arrays are
// combined (and counted in the same pass), so the result is the same for
// any number of workers.
func markNodes(nn, n int, mark func(lo, hi int, flags []bool)) ([]bool, int) {
	// Each worker costs an array of nn flags: at least 16384 items, and a
	// quarter of nn, per worker.
	workers := max(1, min(runtime.GOMAXPROCS(0), n/max(1<<14, nn/4)))
	sets := make([][]bool, workers)
	parallelFor(workers, 1, func(wlo, whi int) {
		for w := wlo; w < whi; w++ {
			mine := make([]bool, nn)
			mark(w*n/workers, (w+1)*n/workers, mine)
			sets[w] = mine
		}
	})
	all := sets[0]
	if len(sets) == 1 {
		return all, countFlags(all)
	}
	counts := make([]int, numChunks(nn, 1<<16))
	forChunks(nn, 1<<16, func(c, lo, hi int) {
		a := all[lo:hi]
		for _, o := range sets[1:] {
			for i, x := range o[lo:hi] {
				if x {
					a[i] = true
				}
			}
		}
		k := 0
		for _, x := range a {
			if x {
				k++
			}
		}
		counts[c] = k
	})
	total := 0
	for _, k := range counts {
		total += k
	}
	return all, total
}

// countFlags returns the number of true flags.
func countFlags(flags []bool) int {
	counts := make([]int, numChunks(len(flags), 1<<16))
	forChunks(len(flags), 1<<16, func(c, lo, hi int) {
		n := 0
		for _, f := range flags[lo:hi] {
			if f {
				n++
			}
		}
		counts[c] = n
	})
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// flagIndices returns the indices of the true flags, in increasing order.
func flagIndices(flags []bool) []int32 {
	const chunk = 1 << 16
	nc := numChunks(len(flags), chunk)
	starts := make([]int, nc+1)
	forChunks(len(flags), chunk, func(c, lo, hi int) {
		n := 0
		for _, f := range flags[lo:hi] {
			if f {
				n++
			}
		}
		starts[c+1] = n
	})
	for c := range nc {
		starts[c+1] += starts[c]
	}
	out := make([]int32, starts[nc])
	forChunks(len(flags), chunk, func(c, lo, hi int) {
		j := starts[c]
		for i := lo; i < hi; i++ {
			if flags[i] {
				out[j] = int32(i)
				j++
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
// edge tables. It returns ErrInterrupted if m.Interrupt closes first.
func (m *Model) GetElementEdgeLengthInfo(blocks Selector) (minLen, meanLen float64, err error) {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return 0, 0, err
	}
	minLen, total, count := math.MaxFloat64, 0.0, 0
	sel := m.blocksOf(ids)
	err = m.work(func(stop compute.Stop) {
		for _, b := range sel {
			t := topologyOf(b)
			if t == nil || t.Dim == 0 {
				continue
			}
			s, mn, n, err := stop.EdgeLengths(m.Coords, b.Conn, t)
			if err != nil {
				return // interrupted: work reports it
			}
			total += s
			count += n
			minLen = min(minLen, mn)
		}
	})
	if err != nil {
		return 0, 0, err
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
// compute.ClosestNodeDistance). It returns ErrInterrupted if m.Interrupt
// closes first.
func (m *Model) GetClosestNodeDistance() (float64, error) {
	var d float64
	err := m.work(func(stop compute.Stop) { d, _ = stop.ClosestNodeDistance(m.Coords) })
	return d, err
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
// nodes (exomerge's count_disconnected_blocks). It returns ErrInterrupted
// if m.Interrupt closes first.
func (m *Model) CountDisconnectedBlocks(blocks Selector) (int, error) {
	ids, err := resolve(m, m.blockDomain(), blocks, optSome)
	if err != nil {
		return 0, err
	}
	if err := m.refuseBezierBlocks("count_disconnected_blocks", ids); err != nil {
		return 0, err
	}
	var cbs []compute.ConnBlock
	for _, b := range m.blocksOf(ids) {
		if b.NodesPerElem > 0 {
			cbs = append(cbs, compute.ConnBlock{Conn: b.Conn, NodesPerElem: b.NodesPerElem})
		}
	}
	var n int
	if err := m.work(func(stop compute.Stop) { n, _ = stop.CountDisconnected(m.NumNodes(), cbs) }); err != nil {
		return 0, err
	}
	return n, nil
}

// pySum returns the sum of v from 0, left to right, as Python's sum.
func pySum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// sizedTask is a piece of work and its size, for runTasks.
type sizedTask struct {
	size int
	run  func()
}

// runTasks runs the tasks concurrently on up to GOMAXPROCS goroutines,
// largest first, each goroutine taking the next task when it is done. It
// suits independent whole-array operations (allocations, copies) that
// cannot be split themselves.
func runTasks(tasks []sizedTask) {
	w := min(runtime.GOMAXPROCS(0), len(tasks))
	if w <= 1 {
		for _, t := range tasks {
			t.run()
		}
		return
	}
	slices.SortStableFunc(tasks, func(a, b sizedTask) int { return cmp.Compare(b.size, a.size) })
	var next atomic.Int64
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(tasks) {
					return
				}
				tasks[i].run()
			}
		}()
	}
	wg.Wait()
}

// newRows returns k slices of n values each, allocated concurrently if
// they are large (the runtime zeroes a large allocation on the goroutine
// that makes it, so making them one after the other would be a serial
// step). With fill they
// hold v, written in parallel; otherwise they are zero.
func newRows(k, n int, fill bool, v float64) [][]float64 {
	rows := make([][]float64, k)
	if n < 1<<15 {
		for i := range rows {
			rows[i] = compute.Float64s(n)
		}
	} else {
		tasks := make([]sizedTask, k)
		for i := range rows {
			tasks[i] = sizedTask{n, func() { rows[i] = compute.Float64s(n) }}
		}
		runTasks(tasks)
	}
	if fill && v != 0 {
		parallelFor(n, 1<<15, func(lo, hi int) {
			for _, r := range rows {
				r := r[lo:hi]
				for i := range r {
					r[i] = v
				}
			}
		})
	}
	return rows
}
