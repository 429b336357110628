package meshobj

import (
	"fmt"
	"math"
	"runtime"
	"slices"

	"exosh/compute"
)

// This file holds the operations of area C that change the numbering of
// nodes or elements: merge_nodes, delete_duplicate_elements and
// unmerge_element_blocks.

// MergeNodes merges the nodes that lie within tolerance of each other
// (exomerge's merge_nodes; defaults 1e-6, relative, warnings on). With
// relative the tolerance is multiplied by GetLengthScale(). Two nodes are
// close if their distance is at most the tolerance, and a group of nodes
// linked by closeness merges into its lowest-numbered node, even where two
// members of the group are farther apart (exomerge's docstring promises
// this; its code can split such chains, see compute.CloseNodeGroups).
//
// The merged-away nodes are deleted and the others renumbered in their old
// order, everywhere a node index appears (see the package doc); the node
// id map follows. Connectivity refers to the surviving node of each group.
// Where the values of a node field differ between the nodes of a group,
// the surviving node gets their mean, with one warning for the first such
// field (unless suppressWarnings). Node sets: a set holding some nodes of
// a group holds the surviving node afterwards (in the position of the
// first of them), with the mean of their set field values (warning once if
// they differ, or if the set held only some nodes of a group); the other
// members of the group are removed from the set, with their distribution
// factors. Side sets are unaffected. It is an error if the tolerance is
// negative or NaN.
func (m *Model) MergeNodes(tolerance float64, relative, suppressWarnings bool) error {
	if err := m.refuseControlPoints("merge_nodes"); err != nil {
		return err
	}
	tol := tolerance
	if relative {
		tol *= m.GetLengthScale()
	}
	// Find the groups and plan the renumbering without changing the model,
	// so that an interrupt leaves it as it was.
	var (
		rep    []int32
		merged int
		err    error
		plan   mergePlan
	)
	if werr := m.work(func(stop compute.Stop) {
		// Collect first: the search's scratch (about 60 bytes a node)
		// then reuses what earlier methods left behind (the arrays a
		// growth replaced) instead of fresh memory.
		runtime.GC()
		rep = make([]int32, m.NumNodes())
		merged, err = stop.CloseNodeGroups(rep, m.Coords, tol)
		if err == nil && merged > 0 && !stop.Stopped() {
			// The search's scratch (a sorted copy of the coordinates,
			// about 60 bytes a node) is garbage now: collect it so that
			// the plan and the compaction reuse its memory.
			runtime.GC()
			plan = planMerge(stop, rep) // partial if stopped: work reports it
		}
	}); werr != nil {
		return werr
	}
	if err != nil {
		return newError("Invalid tolerance.",
			fmt.Sprintf("The merge tolerance must be a non-negative number, but it is %s.", PyFloat(tol)))
	}
	if merged > 0 {
		m.dropCarried(DepNodes, "merge_nodes")
		m.mergeNodeGroups(rep, plan, suppressWarnings)
	}
	return nil
}

// mergePlan is what a merge computes before it changes the model: the
// groups, the surviving nodes and their new numbers.
type mergePlan struct {
	g      *nodeGroups
	k      *survivorSet
	newIdx []int32
}

// planMerge plans the merge of the groups of rep (rep[i] is the master of
// node i). Once stop is closed it returns an incomplete plan, to be
// discarded.
func planMerge(stop compute.Stop, rep []int32) mergePlan {
	k := survivors(masterFlags(rep))
	if stop.Stopped() {
		return mergePlan{}
	}
	masters, start, slaves, err := stop.Groups(rep)
	if err != nil {
		return mergePlan{}
	}
	g := &nodeGroups{masters: masters, start: start, slaves: slaves}
	return mergePlan{g: g, k: k, newIdx: mergeRenumbering(k, rep)}
}

// nodeGroups lists the groups of merged nodes: group g has the surviving
// node masters[g] and the merged-away nodes slaves[start[g]:start[g+1]],
// in increasing order; groups are in increasing order of their master.
type nodeGroups struct {
	masters []int32
	start   []int32
	slaves  []int32
}

// groupIndex returns, for each of nn nodes, the group it is the master of,
// or -1.
func (g *nodeGroups) groupIndex(nn int) []int32 {
	group := make([]int32, nn)
	parallelFor(nn, 1<<15, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			group[i] = -1
		}
	})
	parallelFor(len(g.masters), 1<<15, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			group[g.masters[k]] = int32(k)
		}
	})
	return group
}

// survivorSet describes the items (nodes, elements) that survive a
// deletion: keep[i] says whether item i stays; the items are cut into
// chunks of keptChunk, and the survivors of chunk c are numbered from
// before[c] on.
type survivorSet struct {
	keep   []bool
	before []int // len numChunks + 1; before[last] is the survivor count
}

const keptChunk = 1 << 14

// survivors counts the survivors of keep per chunk, in parallel.
func survivors(keep []bool) *survivorSet {
	nc := numChunks(len(keep), keptChunk)
	k := &survivorSet{keep: keep, before: make([]int, nc+1)}
	forChunks(len(keep), keptChunk, func(c, lo, hi int) {
		n := 0
		for _, x := range keep[lo:hi] {
			if x {
				n++
			}
		}
		k.before[c+1] = n
	})
	for c := range nc {
		k.before[c+1] += k.before[c]
	}
	return k
}

// count returns the number of survivors.
func (k *survivorSet) count() int { return k.before[len(k.before)-1] }

// numbering returns, for every item, the number of survivors before it:
// a survivor's new index.
func (k *survivorSet) numbering() []int32 {
	idx := make([]int32, len(k.keep))
	forChunks(len(k.keep), keptChunk, func(c, lo, hi int) {
		j := int32(k.before[c])
		for i := lo; i < hi; i++ {
			idx[i] = j
			if k.keep[i] {
				j++
			}
		}
	})
	return idx
}

// masterFlags returns rep[i] == i for every node: the nodes a merge keeps.
func masterFlags(rep []int32) []bool {
	keep := make([]bool, len(rep))
	parallelFor(len(rep), 1<<15, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keep[i] = int(rep[i]) == i
		}
	})
	return keep
}

// mergeRenumbering returns the new number of every node of a merge: the
// survivors (k, from masterFlags(rep)) are numbered in order, a merged
// node takes its master's number.
func mergeRenumbering(k *survivorSet, rep []int32) []int32 {
	newIdx := k.numbering()
	// Masters come before their merged nodes, possibly in another chunk:
	// a second pass.
	parallelFor(len(rep), 1<<15, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if r := rep[i]; int(r) != i {
				newIdx[i] = newIdx[r]
			}
		}
	})
	return newIdx
}

// compactJob is one item-indexed array to compact: *ptr holds stride
// values per item; dst, if set, is the new array to copy the survivors to.
type compactJob[T int32 | int64 | float64] struct {
	ptr    *[]T
	stride int
	dst    []T
}

// compact keeps the values of the survivors in each array, in order. As
// compactRuns, it copies them into a new array when less than half of the
// old one is kept, so that its memory can be released: the new arrays are
// allocated concurrently and filled in parallel. Otherwise the values are
// moved to the front of the array, on one thread (the moves overlap).
func compact[T int32 | int64 | float64](k *survivorSet, jobs []compactJob[T]) {
	kept := k.count()
	var tasks []sizedTask
	for i := range jobs {
		j := &jobs[i]
		if n := kept * j.stride; 2*n < cap(*j.ptr) {
			tasks = append(tasks, sizedTask{n, func() { j.dst = make([]T, n) }})
		}
	}
	runTasks(tasks)
	keep := k.keep
	for i := range jobs {
		j := &jobs[i]
		xs, st := *j.ptr, j.stride
		if j.dst == nil {
			n := 0
			for c := range len(k.before) - 1 {
				lo, hi := c*keptChunk, min((c+1)*keptChunk, len(keep))
				n = copyKept(xs[:n], xs, keep, lo, hi, st)
			}
			*j.ptr = compute.Shrink(xs, n)
			continue
		}
		dst := j.dst
		forChunks(len(keep), keptChunk, func(c, lo, hi int) {
			copyKept(dst[:k.before[c]*st], xs, keep, lo, hi, st)
		})
		*j.ptr = dst
	}
}

// copyKept appends to dst (in place: dst's capacity is used) the values of
// the survivors among the items [lo, hi) of xs, run by run, and returns the
// new length of dst. When dst is xs's own array (compaction in place), a
// run already where it belongs (all the survivors before the first
// deleted item) is not copied.
func copyKept[T int32 | int64 | float64](dst, xs []T, keep []bool, lo, hi, stride int) int {
	n := len(dst)
	dst = dst[:cap(dst)]
	inPlace := len(dst) > 0 && len(xs) > 0 && &dst[0] == &xs[0]
	for i := lo; i < hi; {
		for i < hi && !keep[i] {
			i++
		}
		s := i
		for i < hi && keep[i] {
			i++
		}
		if inPlace && n == s*stride {
			n = i * stride
			continue
		}
		n += copy(dst[n:], xs[s*stride:i*stride])
	}
	return n
}

// valuesMatch reports whether every value of vs equals v (exomerge's
// _values_match: all NaN when v is NaN).
func valuesMatch(v float64, vs []float64) bool {
	if math.IsNaN(v) {
		for _, x := range vs {
			if !math.IsNaN(x) {
				return false
			}
		}
		return true
	}
	for _, x := range vs {
		if x != v {
			return false
		}
	}
	return true
}

// mergedValue returns exomerge's mean (v + sum(vs)) / (1 + len(vs)), the
// sum taken from 0, left to right.
func mergedValue(v float64, vs []float64) float64 {
	return (v + pySum(vs)) / float64(1+len(vs))
}

// mergeNodeGroups merges every node i into rep[i] (see MergeNodes).
func (m *Model) mergeNodeGroups(rep []int32, plan mergePlan, suppress bool) {
	g, k, newIdx := plan.g, plan.k, plan.newIdx

	// Node fields: average where the values differ, then compact.
	warned := false
	ng := len(g.masters)
	var fieldJobs []compactJob[float64]
	// Each distinct array once: timesteps that share one share the result.
	firsts := make([][]int, len(m.NodeFields))
	for i, f := range m.NodeFields {
		firsts[i] = firstHolders(f.Values)
		for t, v := range f.Values {
			if firsts[i][t] != t {
				continue
			}
			diff := make([]bool, numChunks(ng, reduceChunk))
			forChunks(ng, reduceChunk, func(c, lo, hi int) {
				var buf []float64
				for k := lo; k < hi; k++ {
					buf = buf[:0]
					for _, s := range g.slaves[g.start[k]:g.start[k+1]] {
						buf = append(buf, v[s])
					}
					mst := g.masters[k]
					if !valuesMatch(v[mst], buf) {
						diff[c] = true
						v[mst] = mergedValue(v[mst], buf)
					}
				}
			})
			if !warned && !suppress && slices.Contains(diff, true) {
				warned = true
				m.warn("Node field values do not match.",
					`Nodes are being merged but values at these nodes for node field "`+f.Name+`" do not match. An averaged value will be used.`+"\n\nFuture warnings of this type will be suppressed.")
			}
			fieldJobs = append(fieldJobs, compactJob[float64]{ptr: &f.Values[t], stride: 1})
		}
	}

	// Node sets.
	m.mergeNodeSets(g, rep, newIdx, suppress)

	// Connectivity, coordinates, ids, node fields.
	for _, b := range m.Blocks {
		conn := b.Conn
		parallelFor(len(conn), 1<<15, func(lo, hi int) {
			for k := lo; k < hi; k++ {
				conn[k] = newIdx[conn[k]]
			}
		})
	}
	compact(k, append(fieldJobs, compactJob[float64]{ptr: &m.Coords, stride: 3}))
	for i, f := range m.NodeFields {
		realias(f.Values, firsts[i])
	}
	if m.NodeIDs != nil {
		compact(k, []compactJob[int64]{{ptr: &m.NodeIDs, stride: 1}})
	}
}

// mergeNodeSets applies the merge of the groups g to the node sets (see
// MergeNodes); rep[n] is the master of node n and newIdx[n] its new
// number.
func (m *Model) mergeNodeSets(g *nodeGroups, rep, newIdx []int32, suppress bool) {
	if len(m.NodeSets) == 0 {
		return
	}
	nn := len(newIdx)
	group := g.groupIndex(nn)
	pos := make([]int32, nn) // first position of a node in the current set, or -1
	parallelFor(nn, 1<<15, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			pos[i] = -1
		}
	})
	memberWarned, valueWarned := false, false
	for _, s := range sortedByID(m.NodeSets, func(s *NodeSet) int64 { return s.ID }) {
		dirty := make([]int32, 0, len(s.Members))
		for k, n := range s.Members {
			if pos[n] < 0 {
				pos[n] = int32(k)
				dirty = append(dirty, n)
			}
		}
		// The groups the set touches, in increasing order.
		var touched []int32
		seen := map[int32]bool{}
		for _, n := range dirty {
			if k := group[rep[n]]; k >= 0 && !seen[k] {
				seen[k] = true
				touched = append(touched, k)
			}
		}
		slices.Sort(touched)
		var del []bool
		var included []int32
		var vals []float64
		for _, k := range touched {
			mst := g.masters[k]
			slaves := g.slaves[g.start[k]:g.start[k+1]]
			included = included[:0]
			for _, sl := range slaves {
				if pos[sl] >= 0 {
					included = append(included, sl)
				}
			}
			masterIn := pos[mst] >= 0
			if (!masterIn || len(included) < len(slaves)) && !memberWarned && !suppress {
				memberWarned = true
				m.warn("Ambiguous merge of nodes.",
					"Node are being merged, but only some of these nodes belong to a given node set. The operation is therefore ambiguous on whether or not to include the merged node in the set. The merged node will be included in the set.\n\nFuture warnings of this type will be suppressed.")
			}
			if !masterIn {
				p := pos[included[0]]
				s.Members[p] = mst
				pos[mst] = p
				dirty = append(dirty, mst)
				included = included[1:]
				if len(included) == 0 {
					continue
				}
			}
			mi := pos[mst]
			if del == nil {
				del = make([]bool, len(s.Members))
			}
			for _, sl := range included {
				del[pos[sl]] = true
			}
			for _, f := range s.Fields {
				for _, v := range f.Values {
					vals = vals[:0]
					for _, sl := range included {
						vals = append(vals, v[pos[sl]])
					}
					if !valuesMatch(v[mi], vals) && !valueWarned && !suppress {
						valueWarned = true
						m.warn("Node set field values do not match.",
							"Nodes are being merged but values at these nodes for node set field "+f.Name+" do not match. An averaged values will be used.\n\nFuture warnings of this type will be suppressed.")
					}
					v[mi] = mergedValue(v[mi], vals)
				}
			}
		}
		for _, n := range dirty {
			pos[n] = -1
		}
		if del != nil {
			s.keepMembers(func(k int) bool { return !del[k] })
		}
		for k, n := range s.Members {
			s.Members[k] = newIdx[n]
		}
	}
}

// DeleteDuplicateElements deletes, in each selected block, every element
// whose set of nodes equals that of an earlier element of the block
// (exomerge's delete_duplicate_elements; node order and repeated nodes do
// not matter, the first element of each set is kept). The remaining
// elements are renumbered in order; element fields, attributes, element
// ids and side set members follow (members on deleted elements are
// removed). Nodes used only by deleted elements are deleted, renumbering
// the nodes (see the package doc).
func (m *Model) DeleteDuplicateElements(blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	for _, b := range m.blocksOf(ids) {
		if b.NodesPerElem == 0 {
			continue
		}
		if dups := duplicateElements(b.Conn, b.NodesPerElem); len(dups) > 0 {
			if err := m.deleteElements(b, dups); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxSortedNodes is the element size up to which compute.DuplicateElements
// works (it sorts each element's nodes on the stack).
const maxSortedNodes = 64

// duplicateElements returns the elements of a block whose node set equals
// that of an earlier element, in increasing order: compute's kernel, or
// for elements of more than maxSortedNodes nodes a map of the sorted node
// lists.
func duplicateElements(conn []int32, npe int) []int32 {
	if npe <= maxSortedNodes {
		return compute.DuplicateElements(conn, npe)
	}
	seen := map[string]bool{}
	var dups []int32
	key := make([]byte, 0, 4*npe)
	nodes := make([]int32, npe)
	for e := range len(conn) / npe {
		copy(nodes, conn[e*npe:e*npe+npe])
		slices.Sort(nodes)
		key = key[:0]
		for i, n := range nodes {
			if i > 0 && n == nodes[i-1] {
				continue
			}
			key = append(key, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
		}
		if seen[string(key)] {
			dups = append(dups, int32(e))
		} else {
			seen[string(key)] = true
		}
	}
	return dups
}

// deleteElements deletes the elements elems (sorted, distinct, 0-based) of
// block b, as exomerge's _delete_elements: element fields, attributes and
// ids, connectivity, side set members on them (others on b are
// renumbered), and the nodes that only the deleted elements used.
func (m *Model) deleteElements(b *ElementBlock, elems []int32) error {
	if len(elems) == 0 {
		return nil
	}
	if err := m.refuseControlPoints("Deleting duplicate elements"); err != nil {
		return err
	}
	m.dropCarried(DepElems, "Deleting duplicate elements")
	ne := b.NumElems
	keep := make([]bool, ne)
	parallelFor(ne, 1<<15, func(lo, hi int) {
		for e := lo; e < hi; e++ {
			keep[e] = true
		}
	})
	parallelFor(len(elems), 1<<15, func(lo, hi int) {
		for _, e := range elems[lo:hi] {
			keep[e] = false
		}
	})
	return m.deleteUnkept(b, keep)
}

// deleteUnkept deletes the elements e of block b without keep[e] (at
// least one), as deleteElements.
func (m *Model) deleteUnkept(b *ElementBlock, keep []bool) error {
	ne, npe := b.NumElems, b.NodesPerElem
	conn := b.Conn
	touched, _ := markNodes(m.NumNodes(), ne, func(lo, hi int, mark []bool) {
		for e := lo; e < hi; e++ {
			if !keep[e] {
				markAll(mark, conn[e*npe:e*npe+npe])
			}
		}
	})
	k := survivors(keep)
	var newElem []int32
	for _, s := range m.SideSets {
		if !slices.Contains(s.BlockIDs, b.ID) {
			continue
		}
		if newElem == nil {
			newElem = k.numbering()
		}
		m.keepSideMembers(s, func(i int) bool { return s.BlockIDs[i] != b.ID || keep[s.Elems[i]] })
		for i, id := range s.BlockIDs {
			if id == b.ID {
				s.Elems[i] = newElem[s.Elems[i]]
			}
		}
	}
	var fjobs []compactJob[float64]
	firsts := make([][]int, len(b.Fields))
	for i, f := range b.Fields {
		firsts[i] = firstHolders(f.Values)
		for t := range f.Values {
			if firsts[i][t] == t { // each distinct array once
				fjobs = append(fjobs, compactJob[float64]{ptr: &f.Values[t], stride: 1})
			}
		}
	}
	if b.NumAttr > 0 {
		fjobs = append(fjobs, compactJob[float64]{ptr: &b.Attributes, stride: b.NumAttr})
	}
	compact(k, fjobs)
	for i, f := range b.Fields {
		realias(f.Values, firsts[i])
	}
	if b.ElemIDs != nil {
		compact(k, []compactJob[int64]{{ptr: &b.ElemIDs, stride: 1}})
	}
	compact(k, []compactJob[int32]{{ptr: &b.Conn, stride: npe}})
	b.NumElems = k.count()
	// The nodes only the deleted elements used.
	used := m.nodeFlags(m.Blocks)
	parallelFor(len(touched), 1<<16, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			touched[n] = touched[n] && !used[n]
		}
	})
	if countFlags(touched) == 0 {
		return nil
	}
	return m.deleteNodes(touched)
}

// UnmergeElementBlocks gives each selected block its own copies of the
// nodes it shares with the other selected blocks (exomerge's
// unmerge_element_blocks): a shared node stays with the first block (in
// the selector's order; ascending ids for 'all') and every later block
// using it gets a new node, with the original's coordinates and node field
// values, added to every node set holding the original (with its set field
// values and distribution factor), and a fresh id if the model keeps node
// ids. New nodes are numbered as exomerge creates them. Unlike exomerge,
// whose pairwise search is quadratic, this takes time linear in the
// connectivity.
func (m *Model) UnmergeElementBlocks(blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	if len(ids) <= 1 {
		return nil
	}
	if err := m.refuseControlPoints("unmerge_element_blocks"); err != nil {
		return err
	}
	bs := m.blocksOf(ids)
	conns := make([][]int32, len(bs))
	for i, b := range bs {
		conns[i] = b.Conn
	}
	src, err := unmergeBlocks(m.NumNodes(), conns)
	if err != nil {
		return err
	}
	if len(src) > 0 {
		m.dropCarried(DepNodes, "unmerge_element_blocks")
		m.growNodeArrays(len(src))
		m.duplicateNodes(src)
	}
	return nil
}

// growNodeArrays makes room for extra more nodes at the end of the
// coordinates, the node field values and the node id map, growing the
// arrays concurrently, so that the appends adding the nodes do not each
// reallocate and copy their array in turn on one thread. Each array grows
// as append would grow it.
func (m *Model) growNodeArrays(extra int) {
	var tasks []sizedTask
	tasks = append(tasks, sizedTask{len(m.Coords), func() { m.Coords = slices.Grow(m.Coords, 3*extra) }})
	firsts := make([][]int, len(m.NodeFields))
	for i, f := range m.NodeFields {
		firsts[i] = firstHolders(f.Values)
		for t := range f.Values {
			if firsts[i][t] == t { // each distinct array once
				tasks = append(tasks, sizedTask{len(f.Values[t]), func() { f.Values[t] = slices.Grow(f.Values[t], extra) }})
			}
		}
	}
	if m.NodeIDs != nil {
		tasks = append(tasks, sizedTask{len(m.NodeIDs), func() { m.NodeIDs = slices.Grow(m.NodeIDs, extra) }})
	}
	defer func() {
		for i, f := range m.NodeFields {
			realias(f.Values, firsts[i])
		}
	}()
	runTasks(tasks)
}

// unmergeBlocks calls compute.UnmergeBlocks, turning its refusal to create
// more than MaxIndex nodes (raised before any connectivity is rewritten)
// into an error.
func unmergeBlocks(nn int, conns [][]int32) (src []int32, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = newError("Too many nodes.", fmt.Sprintf("Unmerging would create more than %d nodes. (%v)", MaxIndex, r))
		}
	}()
	return compute.UnmergeBlocks(nn, conns), nil
}
