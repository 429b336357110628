package meshobj

import (
	"fmt"
	"strconv"
	"sync/atomic"

	"exosh/compute"
)

// This file holds node creation and deletion. Deleting nodes renumbers the
// remaining ones (their order is kept) everywhere a node index appears.

// CreateNodes appends nodes: coords holds x, y, z for each new node. Node
// fields get their default value (DefaultFieldValue) at the new nodes; if
// the model has a node id map the new nodes get fresh ids above its
// largest.
func (m *Model) CreateNodes(coords []float64) error {
	if len(coords)%3 != 0 {
		return newError("Invalid node coordinates.",
			fmt.Sprintf("Each node needs 3 coordinates (x, y, z), but %d values were given.", len(coords)))
	}
	if m.NumNodes()+len(coords)/3 > MaxIndex {
		return newError("Too many nodes.", fmt.Sprintf("A model holds at most %d nodes.", MaxIndex))
	}
	m.appendNodes(coords)
	return nil
}

// appendNodes appends nodes and extends every node-indexed array; it
// returns the index of the first new node.
func (m *Model) appendNodes(coords []float64) int {
	first := m.NumNodes()
	if len(m.Coords) == 0 {
		m.Coords = coords[:len(coords):len(coords)]
	} else {
		m.Coords = append(m.Coords, coords...)
	}
	m.extendNodeArrays(len(coords) / 3)
	return first
}

// extendNodeArrays extends the node fields and node id map for n nodes
// just appended to Coords.
func (m *Model) extendNodeArrays(n int) {
	for _, f := range m.NodeFields {
		v := DefaultFieldValue(f.Name)
		mapDistinct(f.Values, func(x []float64) []float64 { return appendFilled(x, n, v) })
	}
	if m.NodeIDs != nil {
		m.NodeIDs = appendFreshIDs(m.NodeIDs, n)
	}
}

// appendFilled appends n copies of v to s.
func appendFilled(s []float64, n int, v float64) []float64 {
	s = append(s, make([]float64, n)...)
	if v != 0 {
		tail := s[len(s)-n:]
		for i := range tail {
			tail[i] = v
		}
	}
	return s
}

// appendFreshIDs appends n ids above the largest of ids.
func appendFreshIDs(ids []int64, n int) []int64 {
	var top int64
	for _, id := range ids {
		top = max(top, id)
	}
	for i := range n {
		ids = append(ids, top+1+int64(i))
	}
	return ids
}

// usedNodes flags the nodes referenced by some element.
func (m *Model) usedNodes() []bool {
	nn := m.NumNodes()
	used := make([]bool, nn)
	for _, b := range m.Blocks {
		for _, n := range b.Conn {
			if int(n) < nn { // BEX blocks also refer to control points
				used[n] = true
			}
		}
	}
	return used
}

// DeleteUnusedNodes deletes the nodes no element uses, renumbering the
// others (see the package doc).
func (m *Model) DeleteUnusedNodes() error {
	if err := m.refuseControlPoints("delete_unused_nodes"); err != nil {
		return err
	}
	used := m.usedNodes()
	for i := range used {
		used[i] = !used[i]
	}
	return m.deleteNodes(used)
}

// deleteNodes deletes the nodes i with del[i], keeping the order of the
// others: coordinates, node id map, node fields, connectivity, node set
// members with their fields and distribution factors. Nodes still used by
// an element cannot be deleted.
func (m *Model) deleteNodes(del []bool) error {
	nn := m.NumNodes()
	newIdx := make([]int32, nn)
	kept := 0
	for i := range nn {
		if del[i] {
			newIdx[i] = -1
		} else {
			newIdx[i] = int32(kept)
			kept++
		}
	}
	if kept == nn {
		return nil
	}
	if err := m.refuseControlPoints("Deleting nodes"); err != nil {
		return err
	}
	for _, b := range m.Blocks {
		var stillUsed atomic.Bool
		parallelFor(len(b.Conn), 1<<16, func(lo, hi int) {
			for _, n := range b.Conn[lo:hi] {
				if newIdx[n] < 0 {
					stillUsed.Store(true)
					return
				}
			}
		})
		if stillUsed.Load() {
			return newError("Node still used.",
				"A node in the list of nodes to delete is still used by elements in element block "+strconv.FormatInt(b.ID, 10)+" and cannot be deleted.")
		}
	}
	m.dropCarried(DepNodes, "Deleting nodes")
	runs := keptRuns(nn, func(i int) bool { return newIdx[i] >= 0 })
	m.Coords = compactRuns(m.Coords, runs, 3)
	if m.NodeIDs != nil {
		m.NodeIDs = compactRuns(m.NodeIDs, runs, 1)
	}
	for _, f := range m.NodeFields {
		mapDistinct(f.Values, func(v []float64) []float64 { return compactRuns(v, runs, 1) })
	}
	for _, b := range m.Blocks {
		conn := b.Conn
		parallelFor(len(conn), 1<<16, func(lo, hi int) {
			for k := lo; k < hi; k++ {
				conn[k] = newIdx[conn[k]]
			}
		})
	}
	for _, s := range m.NodeSets {
		keepMember := func(k int) bool { return newIdx[s.Members[k]] >= 0 }
		s.keepMembers(keepMember)
		for k, n := range s.Members {
			s.Members[k] = newIdx[n]
		}
	}
	return nil
}

// keepMembers keeps the members k of the node set with keep(k), with their
// field values and distribution factors.
func (s *NodeSet) keepMembers(keep func(k int) bool) {
	n := len(s.Members)
	flags := make([]bool, n)
	all := true
	for k := range n {
		flags[k] = keep(k)
		all = all && flags[k]
	}
	if all {
		return
	}
	kf := func(k int) bool { return flags[k] }
	for _, f := range s.Fields {
		for t := range f.Values {
			f.Values[t] = keepIndices(f.Values[t], kf)
		}
	}
	if len(s.DistFactors) == n {
		s.DistFactors = keepIndices(s.DistFactors, kf)
	}
	s.Members = keepIndices(s.Members, kf)
}

// keptRuns returns the maximal ranges [lo, hi) of indices i < n with
// keep(i).
func keptRuns(n int, keep func(i int) bool) [][2]int {
	var runs [][2]int
	for i := 0; i < n; {
		for i < n && !keep(i) {
			i++
		}
		lo := i
		for i < n && keep(i) {
			i++
		}
		if lo < i {
			runs = append(runs, [2]int{lo, i})
		}
	}
	return runs
}

// compactRuns returns the items of the kept runs (of stride values each)
// of xs, in order: moved to the front of xs, or copied into a new slice
// when less than half of xs is kept (so the memory can be released); in
// place, the pages beyond the kept items are released (compute.Shrink).
func compactRuns[T int32 | int64 | float64](xs []T, runs [][2]int, stride int) []T {
	n := 0
	for _, r := range runs {
		n += (r[1] - r[0]) * stride
	}
	dst := xs
	inPlace := 2*n >= cap(xs)
	if !inPlace {
		dst = make([]T, n)
	}
	j := 0
	for _, r := range runs {
		j += copy(dst[j:], xs[r[0]*stride:r[1]*stride])
	}
	if inPlace {
		// The memory beyond the kept items goes back to the system.
		return compute.Shrink(dst, j)
	}
	return dst[:j]
}
