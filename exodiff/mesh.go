package exodiff

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// buildMaps matches the nodes and elements of file 1 with those of file
// 2: through the id maps (the default), by position (-match_file_order) or
// by coordinates (-map, -partial).
func (c *cmp) buildMaps() error {
	o := c.o
	switch o.Map {
	case MatchIDs:
		if o.IgnoreMaps {
			return nil
		}
		var err error
		if c.nodeMap, err = idMap("node", c.a.nodeIDs, c.b.nodeIDs); err != nil {
			return err
		}
		if c.elemMap, err = idMap("element", c.a.elemIDs, c.b.elemIDs); err != nil {
			return err
		}
	case MatchDistance, MatchPartial:
		return c.geometricMaps()
	}
	return nil
}

// idMap matches entities with equal ids; nil when the match is the
// identity. An id of file 1 missing from file 2 is an error.
func idMap(kind string, ids1, ids2 []int64) ([]int, error) {
	if len(ids1) != len(ids2) {
		return nil, fmt.Errorf("Unable to match %ss: the files have %d and %d", kind, len(ids1), len(ids2))
	}
	s1, s2 := sortedIDs(ids1), sortedIDs(ids2)
	m := make([]int, len(ids1))
	identity := true
	for i := range s1 {
		if ids1[s1[i]] != ids2[s2[i]] {
			return nil, fmt.Errorf("Unable to match %s %d in first file with %s in second file.", kind, ids1[s1[i]], kind)
		}
		m[s1[i]] = s2[i]
		identity = identity && s1[i] == s2[i]
	}
	if identity {
		return nil, nil
	}
	return m, nil
}

// geometricMaps matches elements by centroid and then their nodes by
// coordinates, within the coordinate tolerance (at least 1e-6 of the
// model's size). With -partial unmatched entities are left out (-1);
// with -map an unmatched element is an error.
func (c *cmp) geometricMaps() error {
	a, b := c.a, c.b
	dim := 3
	scale := 0.0
	for _, s := range []*side{a, b} {
		lo, hi := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}, [3]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
		for n := range s.numNodes {
			for d := range dim {
				v := s.m.Coords[3*n+d]
				lo[d], hi[d] = min(lo[d], v), max(hi[d], v)
			}
		}
		for d := range dim {
			if hi[d] > lo[d] {
				scale = max(scale, hi[d]-lo[d])
			}
		}
	}
	tol := max(c.o.Coord.Value, 1e-6*scale)
	centroids := func(s *side) []float64 {
		out := make([]float64, 3*s.numElems)
		for bi, blk := range s.m.Blocks {
			for e := range blk.NumElems {
				g := s.blockOff[bi] + e
				conn := blk.Conn[e*blk.NodesPerElem : (e+1)*blk.NodesPerElem]
				for _, n := range conn {
					for d := range 3 {
						out[3*g+d] += s.m.Coords[3*int(n)+d]
					}
				}
				if k := float64(len(conn)); k > 0 {
					for d := range 3 {
						out[3*g+d] /= k
					}
				}
			}
		}
		return out
	}
	c1, c2 := centroids(a), centroids(b)
	order := make([]int, b.numElems)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool { return c2[3*order[x]] < c2[3*order[y]] })
	xs := make([]float64, len(order))
	for i, e := range order {
		xs[i] = c2[3*e]
	}
	c.elemMap = make([]int, a.numElems)
	used := make([]bool, b.numElems)
	c.nodeMap = make([]int, a.numNodes)
	for i := range c.nodeMap {
		c.nodeMap[i] = -1
	}
	unmatched := 0
	for e := range a.numElems {
		c.elemMap[e] = -1
		x := c1[3*e]
		k := sort.SearchFloat64s(xs, x-tol)
		for ; k < len(xs) && xs[k] <= x+tol; k++ {
			e2 := order[k]
			if used[e2] || math.Abs(c2[3*e2+1]-c1[3*e+1]) > tol || math.Abs(c2[3*e2+2]-c1[3*e+2]) > tol {
				continue
			}
			if c.o.IgnoreDup || !used[e2] {
				c.elemMap[e] = e2
				used[e2] = true
				break
			}
		}
		if c.elemMap[e] < 0 {
			unmatched++
			if c.o.Map == MatchDistance {
				return fmt.Errorf("Unable to match element %d in first file with an element in the second file (by centroid).", a.elemIDs[e])
			}
			if c.o.ShowUnmatched {
				c.printf("exodiff: element %d in the first file has no match in the second\n", a.elemIDs[e])
			}
			continue
		}
		// match the element's nodes by coordinates
		b1, l1 := a.blockOf(e)
		b2, l2 := b.blockOf(c.elemMap[e])
		blk1, blk2 := a.m.Blocks[b1], b.m.Blocks[b2]
		conn1 := blk1.Conn[l1*blk1.NodesPerElem : (l1+1)*blk1.NodesPerElem]
		conn2 := blk2.Conn[l2*blk2.NodesPerElem : (l2+1)*blk2.NodesPerElem]
		for _, n1 := range conn1 {
			if c.nodeMap[n1] >= 0 {
				continue
			}
			for _, n2 := range conn2 {
				p, q := a.m.Coords[3*int(n1):3*int(n1)+3], b.m.Coords[3*int(n2):3*int(n2)+3]
				if math.Abs(p[0]-q[0]) <= tol && math.Abs(p[1]-q[1]) <= tol && math.Abs(p[2]-q[2]) <= tol {
					c.nodeMap[n1] = int(n2)
					break
				}
			}
		}
	}
	if c.o.Map == MatchDistance {
		for n, m := range c.nodeMap {
			if m < 0 && c.nodeInElement(n) {
				return fmt.Errorf("Unable to match node %d in first file with a node in the second file.", a.nodeIDs[n])
			}
		}
	}
	if unmatched > 0 {
		c.printf("exodiff: %d elements of the first file were not matched (partial match).\n", unmatched)
	}
	return nil
}

// nodeInElement reports whether node n of file 1 is used by an element.
func (c *cmp) nodeInElement(n int) bool {
	for _, b := range c.a.m.Blocks {
		if slices.Contains(b.Conn, int32(n)) {
			return true
		}
	}
	return false
}

// dumpMaps prints the node and element maps (-dumpmap).
func (c *cmp) dumpMaps() {
	dump := func(title string, m []int, n int) {
		fmt.Fprintf(c.out, "\n=== %s number map (file1 -> file2) local ids\n", title)
		if m == nil {
			fmt.Fprintf(c.out, " *** %s map is one-to-one\n", strings.ToUpper(title[:1])+title[1:])
			return
		}
		for i := range n {
			fmt.Fprintf(c.out, "%d -> %d\n", i+1, m[i]+1)
		}
	}
	dump("node", c.nodeMap, c.a.numNodes)
	dump("element", c.elemMap, c.a.numElems)
	fmt.Fprintln(c.out)
}

// compareIDMaps warns where matched entities have different global ids;
// it reports whether any did.
func (c *cmp) compareIDMaps() bool {
	check := func(kind string, m []int, ids1, ids2 []int64) bool {
		diff, warned := false, 0
		for i := range ids1 {
			j := i
			if m != nil {
				j = m[i]
			}
			if j < 0 || j >= len(ids2) {
				continue
			}
			if ids1[i] != ids2[j] {
				diff = true
				fmt.Fprintf(c.errOut, "exodiff: WARNING .. The local %s %d with global id %d in file1 has the global id %d in file2.\n", kind, i+1, ids1[i], ids2[j])
				warned++
				if warned >= c.o.MaxWarnings {
					fmt.Fprintf(c.errOut, "exodiff: WARNING .. Too many warnings, skipping remainder...\n")
					break
				}
			}
		}
		return diff
	}
	dn := check("node", c.nodeMap, c.a.nodeIDs, c.b.nodeIDs)
	de := check("element", c.elemMap, c.a.elemIDs, c.b.elemIDs)
	return dn || de
}

// meshDiff records a non-transient difference.
func (c *cmp) meshDiff(name, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.warn("%s\n", msg)
	c.record(Difference{Kind: "mesh", Name: name, Message: msg})
}

// checkMesh compares coordinates, blocks and set membership; a difference
// aborts with exit status 1, as exodiff's Check_Compatible_Meshes does.
func (c *cmp) checkMesh() error {
	bad := false
	if !c.checkCoords() {
		c.warn(".. Differences found in mesh nodal coordinates.\n")
		bad = true
	}
	if !c.checkBlocks() {
		c.warn(".. Differences found in element block metadata or connectivity.\n")
		bad = true
	}
	if !c.checkNodeSets() {
		c.warn(".. Differences found in node set metadata or node lists.\n")
		bad = true
	}
	if !c.checkSideSets() {
		c.warn(".. Differences found in side set metadata or side lists.\n")
		bad = true
	}
	if !c.checkAssemblies() {
		ign := "[ignored]"
		if c.o.Pedantic {
			ign = ""
			bad = true
		}
		c.warn(".. Differences found in assembly metadata or assembly entity lists. %s\n", ign)
	}
	if bad {
		c.warn(".. Differences found in mesh (non-transient) data.  Aborting...\n")
		c.res.MeshDifferent = true
		c.res.Closing = "exodiff: Differences found in mesh (non-transient) data"
		return &stopErr{status: 1, msg: c.res.Closing}
	}
	return nil
}

// checkCoords compares coordinates under the coordinate tolerance.
func (c *cmp) checkCoords() bool {
	tol := c.o.Coord
	if tol.Mode == Ignore || c.diffFile != nil {
		return true
	}
	a, b := c.a, c.b
	dim := min(a.m.NumDim, b.m.NumDim)
	same := true
	maxSq := 0.0
	axes := "xyz"
	for n := 0; n < a.numNodes && (same || c.o.ShowAllDiffs); n++ {
		n2 := n
		if c.nodeMap != nil {
			n2 = c.nodeMap[n]
			if n2 < 0 {
				continue
			}
		}
		if n2 >= b.numNodes {
			continue
		}
		sq := 0.0
		for d := range dim {
			v1, v2 := a.m.Coords[3*n+d], b.m.Coords[3*n2+d]
			if dd := tol.Delta(v1, v2); dd > tol.Value {
				msg := fmt.Sprintf("   %c coord %s diff: %14.7e ~ %14.7e =%12.5e (node %d)", axes[d], tol.Mode.Abbrev(), v1, v2, dd, a.nodeIDs[n])
				c.printf("%s\n", msg)
				c.record(Difference{Kind: "coordinates", Name: string(axes[d]), MaxDiff: Num(dd), Value1: Num(v1), Value2: Num(v2),
					Mode: tol.Mode.Abbrev(), Location: fmt.Sprintf("node %d", a.nodeIDs[n]), ID: a.nodeIDs[n], Message: strings.TrimSpace(msg)})
				same = false
			}
			sq += (v1 - v2) * (v1 - v2)
		}
		maxSq = max(maxSq, sq)
	}
	if same && maxSq > 0 {
		c.printf("Maximum difference between nodal coordinates = %g\n", math.Sqrt(maxSq))
	}
	return same
}

// closeTypes reports whether two topology names match under the short
// block-type rule: trailing digits, where both have them, must agree; the
// letters must agree up to the shorter name ("HEX" = "HEX8", "tri" =
// "triangle6", but not "tri3" and "tri6").
func closeTypes(t1, t2 string) bool {
	t1, t2 = strings.ToLower(t1), strings.ToLower(t2)
	isDigit := func(s string) bool { return s != "" && unicode.IsDigit(rune(s[len(s)-1])) }
	for isDigit(t1) && isDigit(t2) {
		if t1[len(t1)-1] != t2[len(t2)-1] {
			return false
		}
		t1, t2 = t1[:len(t1)-1], t2[:len(t2)-1]
	}
	t1 = strings.TrimRightFunc(t1, unicode.IsDigit)
	t2 = strings.TrimRightFunc(t2, unicode.IsDigit)
	n := min(len(t1), len(t2))
	return t1[:n] == t2[:n]
}

// checkBlocks compares block ids, types, sizes and connectivity (not under
// -map or -partial, as exodiff).
func (c *cmp) checkBlocks() bool {
	if c.o.Map == MatchDistance || c.o.Map == MatchPartial {
		return true
	}
	a, b := c.a, c.b
	same := true
	for bi, b1 := range a.m.Blocks {
		j := c.block2(bi)
		if j < 0 {
			c.meshDiff("element block", ".. Block id %d with name %s exists in first file but not the second.", b1.ID, b1.Name)
			same = false
			continue
		}
		b2 := b.m.Blocks[j]
		ok := true
		if c.o.ByName && b1.ID != b2.ID {
			c.warn(".. Block '%s' ids don't agree (%d != %d).\n", b1.Name, b1.ID, b2.ID)
			ok = ok && !c.o.Pedantic
		}
		if !c.o.ByName && b1.Name != b2.Name && b1.Name != "" && b2.Name != "" {
			c.warn(".. Block %d names don't agree (%s != %s).\n", b1.ID, b1.Name, b2.Name)
			ok = ok && !c.o.Pedantic
		}
		if !strings.EqualFold(b1.Type, b2.Type) && (!c.o.Short || !closeTypes(b1.Type, b2.Type)) {
			c.meshDiff("element block", ".. Block %s: element types don't agree (%s != %s).", blockLabel(b1.Name, b1.ID), b1.Type, b2.Type)
			ok = false
		}
		if b1.NumElems != b2.NumElems {
			c.meshDiff("element block", ".. Block %s: number of elements doesn't agree (%d != %d).", blockLabel(b1.Name, b1.ID), b1.NumElems, b2.NumElems)
			ok = false
		}
		if b1.NodesPerElem != b2.NodesPerElem {
			c.meshDiff("element block", ".. Block %s: number of nodes per element doesn't agree (%d != %d).", blockLabel(b1.Name, b1.ID), b1.NodesPerElem, b2.NodesPerElem)
			ok = false
		}
		if ok && !c.checkConnectivity(bi, j) {
			ok = false
		}
		same = same && ok
	}
	return same
}

func blockLabel(name string, id int64) string {
	if name != "" {
		return name
	}
	return fmt.Sprintf("block_%d", id)
}

// checkConnectivity compares the connectivity of block b1 of file 1 with
// block b2 of file 2 through the node and element maps.
func (c *cmp) checkConnectivity(bi, bj int) bool {
	a, b := c.a, c.b
	b1, b2 := a.m.Blocks[bi], b.m.Blocks[bj]
	npe := b1.NodesPerElem
	node2 := func(n int32) int32 {
		if c.nodeMap == nil {
			return n
		}
		return int32(c.nodeMap[n])
	}
	row := make([]int32, npe)
	for e := range b1.NumElems {
		e2 := e
		if c.elemMap != nil {
			g2 := c.elemMap[a.blockOff[bi]+e]
			if g2 < 0 {
				continue
			}
			e2 = g2 - b.blockOff[bj]
			if e2 < 0 || e2 >= b2.NumElems {
				c.meshDiff("connectivity", ".. Element %d of block id %d in the first file is in another block of the second file.", a.elemIDs[a.blockOff[bi]+e], b1.ID)
				return false
			}
		}
		r1 := b1.Conn[e*npe : (e+1)*npe]
		r2 := b2.Conn[e2*npe : (e2+1)*npe]
		for k, n := range r1 {
			row[k] = node2(n)
		}
		if slices.Equal(row, r2) {
			continue
		}
		if c.o.AllowPermuted {
			s1, s2 := slices.Clone(row), slices.Clone(r2)
			slices.Sort(s1)
			slices.Sort(s2)
			if slices.Equal(s1, s2) {
				continue
			}
		}
		k := 0
		for k < npe && row[k] == r2[k] {
			k++
		}
		perm := ""
		if c.o.AllowPermuted {
			perm = " (or permuted)"
		}
		c.meshDiff("connectivity", ".. Connectivities in block id %d are not the same%s. First difference is node %d of local element %d", b1.ID, perm, k+1, e+1)
		return false
	}
	return true
}

// setHasVars reports whether set i of file 1 stores any variable.
func setHasVars(has [][]bool, i int) bool {
	return i < len(has) && slices.Contains(has[i], true)
}

// nodeSetIDs returns the global node ids (mapped into file 2's numbering
// when a node map applies) of node set s of side sd; sorted with -nsmap.
func (c *cmp) nodeSetKeys(sd *side, members []int32, first bool) []int64 {
	out := make([]int64, len(members))
	for i, n := range members {
		k := int(n)
		if first && c.nodeMap != nil {
			k = c.nodeMap[k]
		}
		if first && c.nodeMap != nil {
			if k < 0 {
				out[i] = -1
				continue
			}
			out[i] = c.b.nodeIDs[k]
		} else {
			out[i] = sd.nodeIDs[k]
		}
	}
	if c.o.NSMap {
		slices.Sort(out)
	}
	return out
}

// checkNodeSets compares node sets: counts and names are only warnings
// (errors with -pedantic); member lists are compared for sets that store
// variables, or for all sets with -pedantic.
func (c *cmp) checkNodeSets() bool {
	a, b := c.a, c.b
	same := true
	ped := c.o.Pedantic
	if len(a.m.NodeSets) != len(b.m.NodeSets) && c.o.Map != MatchPartial {
		c.warn(".. Number of nodesets doesn't agree...\n")
		same = same && !ped
	}
	for i, s1 := range a.m.NodeSets {
		j := c.nodeSet2(i)
		if j < 0 {
			c.warn(".. Nodeset id %d exists in first file but not the second.\n", s1.ID)
			same = same && !ped
			continue
		}
		s2 := b.m.NodeSets[j]
		if len(s1.Members) != len(s2.Members) {
			c.warn(".. The node count for nodeset id %d is not the same in the two files (%d != %d).\n", s1.ID, len(s1.Members), len(s2.Members))
			same = same && !ped
		}
		if !c.o.ByName && s1.Name != s2.Name && s1.Name != "" && s2.Name != "" {
			c.warn(".. Nodeset %d names don't agree (%s != %s).\n", s1.ID, s1.Name, s2.Name)
			same = same && !ped
		}
		if (ped || (len(c.ns) > 0 && setHasVars(a.nsHas, i))) && len(s1.Members) == len(s2.Members) {
			k1, k2 := c.nodeSetKeys(a, s1.Members, true), c.nodeSetKeys(b, s2.Members, false)
			for p := range k1 {
				if k1[p] != k2[p] {
					msg := fmt.Sprintf(".. The nodelists for nodeset id %d are not the same in the two files. The first difference is at position %d: Node %d vs. Node %d.", s1.ID, p+1, k1[p], k2[p])
					if c.o.Map != MatchPartial {
						c.meshDiff("nodeset", "%s", msg)
						same = false
					} else {
						c.warn("%s\n.. The nodelist differences are ignored for the partial_map case.\n", msg)
					}
					break
				}
			}
		}
	}
	return same
}

// sideKeys returns (global element id, side) keys of a side set, mapped
// into file 2's numbering for file 1 when an element map applies.
func (c *cmp) sideKeys(sd *side, blockIDs []int64, elems, sides []int32, first bool) [][2]int64 {
	out := make([][2]int64, len(elems))
	for i := range elems {
		bi := -1
		for k, b := range sd.m.Blocks {
			if b.ID == blockIDs[i] {
				bi = k
				break
			}
		}
		if bi < 0 || int(elems[i]) >= sd.m.Blocks[bi].NumElems {
			out[i] = [2]int64{-1, int64(sides[i]) + 1}
			continue
		}
		g := sd.blockOff[bi] + int(elems[i])
		id := sd.elemIDs[g]
		if first && c.elemMap != nil {
			if g2 := c.elemMap[g]; g2 >= 0 {
				id = c.b.elemIDs[g2]
			} else {
				id = -1
			}
		}
		out[i] = [2]int64{id, int64(sides[i]) + 1}
	}
	if c.o.SSMap {
		slices.SortFunc(out, func(x, y [2]int64) int {
			if x[0] != y[0] {
				return int(x[0] - y[0])
			}
			return int(x[1] - y[1])
		})
	}
	return out
}

// checkSideSets compares side sets as checkNodeSets does node sets.
func (c *cmp) checkSideSets() bool {
	a, b := c.a, c.b
	same := true
	ped := c.o.Pedantic
	if len(a.m.SideSets) != len(b.m.SideSets) && c.o.Map != MatchPartial {
		c.warn(".. Number of sidesets doesn't agree...\n")
		same = same && !ped
	}
	for i, s1 := range a.m.SideSets {
		j := c.sideSet2(i)
		if j < 0 {
			c.warn(".. Sideset id %d exists in first file but not the second.\n", s1.ID)
			same = same && !ped
			continue
		}
		s2 := b.m.SideSets[j]
		if len(s1.Elems) != len(s2.Elems) {
			c.warn(".. The side count for sideset id %d is not the same in the two files (%d != %d).\n", s1.ID, len(s1.Elems), len(s2.Elems))
			same = same && !ped
		}
		if !c.o.ByName && s1.Name != s2.Name && s1.Name != "" && s2.Name != "" {
			c.warn(".. Sideset %d names don't agree (%s != %s).\n", s1.ID, s1.Name, s2.Name)
			same = same && !ped
		}
		if (ped || (len(c.ss) > 0 && setHasVars(a.ssHas, i))) && len(s1.Elems) == len(s2.Elems) {
			k1 := c.sideKeys(a, s1.BlockIDs, s1.Elems, s1.Sides, true)
			k2 := c.sideKeys(b, s2.BlockIDs, s2.Elems, s2.Sides, false)
			for p := range k1 {
				if k1[p] != k2[p] {
					msg := fmt.Sprintf(".. The sidelists for sideset id %d are not the same in the two files. The first difference is at position %d: Side %d.%d .vs. Side %d.%d.", s1.ID, p+1, k1[p][0], k1[p][1], k2[p][0], k2[p][1])
					if c.o.Map != MatchPartial {
						c.meshDiff("sideset", "%s", msg)
						same = false
					} else {
						c.warn("%s\n.. The sidelist differences are ignored for the partial_map case.\n", msg)
					}
					break
				}
			}
		}
	}
	return same
}

// checkAssemblies compares assemblies by name: type, size and members.
func (c *cmp) checkAssemblies() bool {
	a, b := c.a.m.Assemblies, c.b.m.Assemblies
	same := len(a) == len(b)
	if !same {
		c.warn(".. The number of assemblies (%d) in the first file does not match the number (%d) in the second file.\n", len(a), len(b))
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Name != y.Name {
				continue
			}
			found = true
			s1, s2 := slices.Clone(x.Members), slices.Clone(y.Members)
			slices.Sort(s1)
			slices.Sort(s2)
			if x.Type != y.Type || !slices.Equal(s1, s2) {
				c.warn(".. Assembly '%s': entity type or entity list differs.\n", x.Name)
				same = false
			}
		}
		if !found {
			c.warn(".. Assembly '%s' with id %d exists in first file but not the second.\n", x.Name, x.ID)
			same = false
		}
	}
	return same
}

// diffAttributes compares element attributes block by block, by name.
func (c *cmp) diffAttributes() error {
	if len(c.attr) == 0 {
		return nil
	}
	c.printf("Element attributes:\n")
	for _, name := range c.attr {
		tol := c.attrTol(name)
		var md maxDiff
		for bi, b1 := range c.a.m.Blocks {
			j := c.block2(bi)
			if j < 0 {
				continue
			}
			b2 := c.b.m.Blocks[j]
			k1, k2 := indexOf(b1.AttrNames, name, c.o.NoCase), indexOf(b2.AttrNames, name, c.o.NoCase)
			if k1 < 0 || k2 < 0 || b1.NumElems != b2.NumElems {
				continue
			}
			for e := range b1.NumElems {
				v1, v2 := b1.Attributes[e*b1.NumAttr+k1], b2.Attributes[e*b2.NumAttr+k2]
				if !c.o.IgnoreNaNs && (v1 != v1 || v2 != v2) {
					c.nan(fmt.Sprintf("element attribute '%s' in block %d", name, b1.ID))
				}
				d := tol.Delta(v1, v2)
				g := c.a.blockOff[bi] + e
				if c.o.ShowAllDiffs && d > tol.Value {
					c.valueDiff("attribute", name, tol, d, v1, v2, c.a.elemIDs[g], b1.ID, fmt.Sprintf("block %d, elmt %d", b1.ID, c.elemID(g)))
				} else {
					md.add(d, v1, v2, g, b1.ID)
				}
			}
		}
		if md.set && md.d > tol.Value {
			if err := c.valueDiff("attribute", name, tol, md.d, md.v1, md.v2, c.a.elemIDs[md.idx], md.blk, fmt.Sprintf("block %d, elmt %d", md.blk, c.elemID(md.idx))); err != nil {
				return err
			}
		}
	}
	return nil
}

// elemID is the reported id of global element g of file 1.
func (c *cmp) elemID(g int) int64 {
	if c.o.IgnoreMaps {
		return int64(g + 1)
	}
	return c.a.elemIDs[g]
}

// nodeID is the reported id of node n of file 1.
func (c *cmp) nodeID(n int) int64 {
	if c.o.IgnoreMaps {
		return int64(n + 1)
	}
	return c.a.nodeIDs[n]
}

// nan records a NaN found (a results difference).
func (c *cmp) nan(where string) {
	c.diff = true
	msg := "NaN found for " + where
	c.warn("%s\n", msg)
	c.record(Difference{Kind: "nan", Name: where, MaxDiff: Num(math.NaN()), Message: msg})
}

// valueDiff records a value beyond tolerance and prints exodiff's line;
// with -quiet it ends the comparison (exodiff's first-difference exit).
func (c *cmp) valueDiff(kind, name string, tol Tolerance, d, v1, v2 float64, id, blk int64, loc string) error {
	c.diff = true
	msg := fmt.Sprintf("   %-*s %s diff: %14.7e ~ %14.7e =%12.5e (%s)", c.nameLen, name, tol.Mode.Abbrev(), v1, v2, d, loc)
	c.printf("%s\n", msg)
	c.record(Difference{Kind: kind, Name: name, MaxDiff: Num(d), Value1: Num(v1), Value2: Num(v2), Mode: tol.Mode.Abbrev(),
		Location: loc, ID: id, Block: blk, Message: strings.TrimSpace(msg)})
	if c.o.Quiet {
		return c.die()
	}
	return nil
}

// die is exodiff's quiet-mode exit at the first difference.
func (c *cmp) die() error {
	st := 1
	if c.o.Status {
		st = 2
	}
	c.res.Closing = fmt.Sprintf("exodiff: Files are different (time step %d)", c.curStep)
	fmt.Fprintln(c.out, c.res.Closing)
	return &stopErr{status: st, msg: c.res.Closing}
}

// diffSideSetDF compares side-set distribution factors.
func (c *cmp) diffSideSetDF() error {
	a, b := c.a, c.b
	if len(a.m.SideSets) == 0 {
		return nil
	}
	c.printf("Sideset Distribution Factors:\n")
	tol := c.o.SideSetDF
	name := "Distribution Factors"
	var md maxDiff
	var mdSet int64
	for i, s1 := range a.m.SideSets {
		j := c.sideSet2(i)
		if j < 0 {
			continue
		}
		s2 := b.m.SideSets[j]
		if len(s1.DistFactors) == 0 || len(s2.DistFactors) == 0 {
			continue
		}
		if !c.o.IgnoreNaNs {
			if hasNaN(s1.DistFactors) {
				c.nan(fmt.Sprintf("distribution factors in sideset %d, file 1", s1.ID))
			}
			if hasNaN(s2.DistFactors) {
				c.nan(fmt.Sprintf("distribution factors in sideset %d, file 2", s2.ID))
			}
		}
		if allEqual(s1.DistFactors) && allEqual(s2.DistFactors) && s1.DistFactors[0] == s2.DistFactors[0] {
			continue
		}
		if len(s1.Elems) != len(s2.Elems) || len(s1.DistFactors) != len(s2.DistFactors) {
			c.diff = true
			msg := fmt.Sprintf("   %s     diff: sideset side counts differ for sideset %d", name, s1.ID)
			c.printf("%s\n", msg)
			c.record(Difference{Kind: "sideset_df", Name: name, Location: fmt.Sprintf("set %d", s1.ID), ID: s1.ID, Message: strings.TrimSpace(msg)})
			continue
		}
		for k := range s1.DistFactors {
			v1, v2 := s1.DistFactors[k], s2.DistFactors[k]
			d := tol.Delta(v1, v2)
			if c.o.ShowAllDiffs && d > tol.Value {
				if err := c.valueDiff("sideset_df", name, tol, d, v1, v2, s1.ID, 0, fmt.Sprintf("set %d, df %d", s1.ID, k+1)); err != nil {
					return err
				}
			} else if !md.set || d > md.d {
				md.add(d, v1, v2, k, 0)
				mdSet = s1.ID
			}
		}
	}
	if md.set && md.d > tol.Value {
		return c.valueDiff("sideset_df", name, tol, md.d, md.v1, md.v2, mdSet, 0, fmt.Sprintf("set %d, df %d", mdSet, md.idx+1))
	}
	return nil
}

func allEqual(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}
