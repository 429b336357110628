package exodus

import (
	"fmt"
	"slices"
	"sort"

	"exosh/compute"
	"exosh/meshobj"
)

// chunkLen is the number of values per bounded transfer buffer: coordinates
// and partially imported node data go through buffers of this length, never
// through file-sized scratch arrays.
const chunkLen = 64 << 10

// colLen is the number of values per piece when every node's coordinates
// are read: large enough for reads spread over all cores.
const colLen = 1 << 20

// plan is a resolved Selection.
type plan struct {
	blocks, nsets, ssets          []bool
	steps                         []int
	nodeF, elemF, globF, nsF, ssF []bool
	allNodes                      bool
	newIdx                        []int32 // file node -> model node, -1 if not imported (nil when allNodes)
	numNew                        int
	elemSlot                      []int // file slot -> model block index, -1 if not imported
}

func (r *Reader) resolve(sel *Selection) (*plan, error) {
	if sel == nil {
		sel = &Selection{}
	}
	c := &r.c
	p := &plan{}
	var err error
	if p.blocks, err = idFilter(r.path, "element block", sel.Blocks, c.BlockIDs()); err != nil {
		return nil, err
	}
	if p.nsets, err = idFilter(r.path, "node set", sel.NodeSets, c.NodeSetIDs()); err != nil {
		return nil, err
	}
	if p.ssets, err = idFilter(r.path, "side set", sel.SideSets, c.SideSetIDs()); err != nil {
		return nil, err
	}
	if sel.Timesteps == nil {
		p.steps = make([]int, r.numTimes)
		for i := range p.steps {
			p.steps[i] = i
		}
	} else {
		seen := map[int]bool{}
		for _, t := range sel.Timesteps {
			if t < 0 || t >= r.numTimes {
				return nil, &FormatError{Path: r.path, Msg: fmt.Sprintf("timestep index %d does not exist (the file has %d)", t, r.numTimes), Err: ErrNotFound}
			}
			if seen[t] {
				return nil, &FormatError{Path: r.path, Msg: fmt.Sprintf("timestep index %d is selected twice", t), Err: ErrNotFound}
			}
			seen[t] = true
		}
		p.steps = append([]int{}, sel.Timesteps...)
	}
	if p.nodeF, err = nameFilter(r.path, "node field", sel.NodeFields, c.NodeFieldNames); err != nil {
		return nil, err
	}
	if p.elemF, err = nameFilter(r.path, "element field", sel.ElemFields, c.ElemFieldNames); err != nil {
		return nil, err
	}
	if p.globF, err = nameFilter(r.path, "global variable", sel.GlobalVars, c.GlobalVarNames); err != nil {
		return nil, err
	}
	if p.nsF, err = nameFilter(r.path, "node set field", sel.NodeSetFields, c.NodeSetFieldNames); err != nil {
		return nil, err
	}
	if p.ssF, err = nameFilter(r.path, "side set field", sel.SideSetFields, c.SideSetFieldNames); err != nil {
		return nil, err
	}
	p.allNodes = true
	for _, b := range p.blocks {
		p.allNodes = p.allNodes && b
	}
	p.elemSlot = make([]int, len(r.blocks))
	k := 0
	for i, b := range p.blocks {
		p.elemSlot[i] = -1
		if b {
			p.elemSlot[i] = k
			k++
		}
	}
	return p, nil
}

// Read imports the selected parts of the file (sel nil: everything) into a
// new model. Bulk data is read straight into the model's arrays and checked
// as it arrives: connectivity and set members must be valid 1-based indices,
// side numbers must exist on their element's topology. On any error Read
// returns a nil model and an error naming the file and the variable.
func (r *Reader) Read(sel *Selection) (*meshobj.Model, error) {
	if r == nil || r.f == nil {
		return nil, fmt.Errorf("exodus: read from a closed reader")
	}
	p, err := r.resolve(sel)
	if err != nil {
		return nil, err
	}
	finished := func() {}
	if r.progress != nil {
		total := r.estimate(len(p.steps))
		var done int64
		r.f.OnTransfer(func(n int) {
			done += int64(n)
			r.progress(min(done, total), total)
		})
		defer r.f.OnTransfer(nil)
		finished = func() { r.progress(total, total) }
	}
	defer func() { r.spare = nil }()
	c := &r.c
	m := &meshobj.Model{
		Title:    c.Title,
		HasTitle: c.HasTitle,
		NumDim:   c.NumDim,
		Attrs:    r.globalAttrs,
	}
	m.Timesteps = make([]float64, len(p.steps))
	for i, t := range p.steps {
		m.Timesteps[i] = c.Times[t]
	}
	// Blocks come first: they decide which nodes are imported.
	for _, read := range []func(*meshobj.Model, *plan) error{
		r.readBlocks, r.readNodes, r.readElemData, r.readNodeSets,
		r.readSideSets, r.readGlobals, r.readAssemblies,
	} {
		if err := read(m, p); err != nil {
			return nil, err
		}
	}
	if err := r.readRecords(m); err != nil {
		return nil, err
	}
	if p.whole(r) {
		// The whole file: keep its variable order and carry what the
		// model does not represent.
		m.ElemFieldOrder = slices.Clone(c.ElemFieldNames)
		m.NodeSetFieldOrder = slices.Clone(c.NodeSetFieldNames)
		m.SideSetFieldOrder = slices.Clone(c.SideSetFieldNames)
		m.ControlPoints = r.controlPoints
		if m.Carried, err = r.readCarried(); err != nil {
			return nil, err
		}
		if m.VarAttrs, err = r.readVarAttrs(); err != nil {
			return nil, err
		}
	}
	finished()
	return m, nil
}

// whole reports whether the plan reads everything of the file.
func (p *plan) whole(r *Reader) bool {
	all := func(bs ...[]bool) bool {
		for _, b := range bs {
			for _, x := range b {
				if !x {
					return false
				}
			}
		}
		return true
	}
	if len(p.steps) != r.numTimes || !consecutive(p.steps) || (len(p.steps) > 0 && p.steps[0] != 0) {
		return false
	}
	return p.allNodes && all(p.blocks, p.nsets, p.ssets, p.nodeF, p.elemF, p.globF, p.nsF, p.ssF)
}

// estimate returns the number of values a read of steps timesteps moves at
// most: every variable, with time-dependent ones cut to those steps.
func (r *Reader) estimate(steps int) int64 {
	var total int64
	for _, name := range r.varOrder {
		info := r.vars[name]
		n := int64(1)
		for i, d := range info.Dims {
			if d.Unlimited {
				n *= int64(steps)
			} else {
				n *= int64(info.Shape[i])
			}
		}
		total += n
	}
	return total
}

// readBlocks reads connectivity of the selected blocks, checks it, works out
// which nodes are imported and converts connectivity to 0-based model node
// indices in place.
func (r *Reader) readBlocks(m *meshobj.Model, p *plan) error {
	nn := r.c.NumNodes
	var used []bool
	if !p.allNodes {
		used = make([]bool, nn)
	}
	// Bezier-extraction connectivity also refers to the blobs' control
	// points, numbered after the nodes (libexodus reads it as stored).
	bexLim := nn + r.controlPoints
	for i := range r.blocks {
		bm := &r.blocks[i]
		if !p.blocks[i] {
			continue
		}
		b := &meshobj.ElementBlock{
			ID:           bm.ID,
			Name:         bm.Name,
			Type:         bm.Type,
			NodesPerElem: bm.NodesPerElem,
			NumElems:     bm.NumElems,
			NumAttr:      bm.NumAttr,
		}
		b.Conn = compute.Int32s(bm.NumElems * bm.NodesPerElem)
		if bm.present && len(b.Conn) > 0 {
			name := varConnect(bm.slot)
			v, err := r.v(name)
			if err != nil {
				return err
			}
			if err := v.ReadInt32s(b.Conn); err != nil {
				return r.ncErr(name, err)
			}
			lim := nn
			if meshobj.IsBezierType(bm.Type) {
				lim = bexLim
				if used != nil && lim > nn {
					return r.errf(name, ErrUnsupported, "element block %d is a Bezier-extraction block referring to control points; it can only be imported with every block", bm.ID)
				}
			}
			if used == nil {
				// Every node: check and shift to 0-based in one
				// parallel pass.
				if k := compute.ToZeroBased(b.Conn, int32(lim)); k >= 0 {
					return r.errf(name, ErrRange, "element %d of block %d refers to node %d, outside 1..%d", k/bm.NodesPerElem+1, bm.ID, b.Conn[k]+1, lim)
				}
			} else {
				for k, n := range b.Conn {
					if n < 1 || int(n) > lim {
						return r.errf(name, ErrRange, "element %d of block %d refers to node %d, outside 1..%d", k/bm.NodesPerElem+1, bm.ID, n, lim)
					}
					used[n-1] = true
				}
			}
		}
		m.Blocks = append(m.Blocks, b)
	}
	if p.allNodes {
		p.numNew = nn // the connectivity is 0-based already
		return nil
	}
	p.newIdx = make([]int32, nn)
	k := int32(0)
	for i, u := range used {
		if u {
			p.newIdx[i] = k
			k++
		} else {
			p.newIdx[i] = -1
		}
	}
	p.numNew = int(k)
	for _, b := range m.Blocks {
		for j, n := range b.Conn {
			b.Conn[j] = p.newIdx[n-1]
		}
	}
	return nil
}

// gather reads the values of a 1-D stretch of nodes (the last dimension of
// v, with the leading indices in lead) into dst, one value per imported node,
// writing dst[stride*newIndex+off]. It goes through a bounded buffer.
func (r *Reader) gather(name string, lead []int, p *plan, dst []float64, stride, off int, buf []float64) error {
	v, err := r.v(name)
	if err != nil {
		return err
	}
	nn := r.c.NumNodes
	start := append(append([]int{}, lead...), 0)
	count := make([]int, len(start))
	for i := range lead {
		count[i] = 1
	}
	for lo := 0; lo < nn; lo += chunkLen {
		n := min(chunkLen, nn-lo)
		start[len(lead)] = lo
		count[len(lead)] = n
		b := buf[:n]
		if err := v.GetFloat64s(start, count, b); err != nil {
			return r.ncErr(name, err)
		}
		if p.allNodes {
			for i, x := range b {
				dst[stride*(lo+i)+off] = x
			}
			continue
		}
		for i, x := range b {
			if k := p.newIdx[lo+i]; k >= 0 {
				dst[stride*int(k)+off] = x
			}
		}
	}
	return nil
}

// readNodes reads coordinates, the node id map and nodal fields.
func (r *Reader) readNodes(m *meshobj.Model, p *plan) error {
	c := &r.c
	nn := p.numNew
	m.Coords = compute.Float64s(3 * nn)
	var buf []float64 // for partial imports and the old combined nodal variable
	if c.NumNodes > 0 && (!p.allNodes || r.nodVarOld) {
		buf = make([]float64, min(chunkLen, c.NumNodes))
	}
	if nn > 0 && p.allNodes {
		// Every node: each coordinate in pieces of colLen values (read
		// straight from the file and in parallel, for a classic file),
		// spread into place in parallel.
		col := make([]float64, min(colLen, nn))
		for d := range c.NumDim {
			name, lead := varCoord, []int{d}
			if r.coordSplit {
				name, lead = coordVars[d], nil
			}
			v, err := r.v(name)
			if err != nil {
				return err
			}
			start, count := append(slices.Clone(lead), 0), append(slices.Repeat([]int{1}, len(lead)), 0)
			for lo := 0; lo < nn; lo += colLen {
				n := min(colLen, nn-lo)
				start[len(lead)], count[len(lead)] = lo, n
				if err := v.GetFloat64s(start, count, col[:n]); err != nil {
					return r.ncErr(name, err)
				}
				compute.Interleave(m.Coords[3*lo:], col[:n], 3, d)
			}
		}
	} else if nn > 0 {
		for d := range c.NumDim {
			var err error
			if r.coordSplit {
				err = r.gather(coordVars[d], nil, p, m.Coords, 3, d, buf)
			} else {
				err = r.gather(varCoord, []int{d}, p, m.Coords, 3, d, buf)
			}
			if err != nil {
				return err
			}
		}
	}
	if names, ok, err := r.readStrings(varCoorNames, c.NumDim); err != nil {
		return err
	} else if ok {
		for _, n := range names {
			if n != "" {
				m.CoordNames = names
				break
			}
		}
	}
	if c.HasNodeMap {
		m.NodeIDs = make([]int64, nn)
		v, err := r.v(varNodeNumMap)
		if err != nil {
			return err
		}
		if p.allNodes {
			if err := v.ReadInt64s(m.NodeIDs); err != nil {
				return r.ncErr(varNodeNumMap, err)
			}
		} else {
			ibuf := make([]int64, min(chunkLen, c.NumNodes))
			for lo := 0; lo < c.NumNodes; lo += chunkLen {
				n := min(chunkLen, c.NumNodes-lo)
				if err := v.GetInt64s([]int{lo}, []int{n}, ibuf[:n]); err != nil {
					return r.ncErr(varNodeNumMap, err)
				}
				for i, x := range ibuf[:n] {
					if k := p.newIdx[lo+i]; k >= 0 {
						m.NodeIDs[k] = x
					}
				}
			}
		}
	}
	for j, name := range c.NodeFieldNames {
		if !p.nodeF[j] {
			continue
		}
		if p.allNodes && !r.nodVarOld && c.NumNodes > 0 {
			vals, err := r.readFieldSteps(varValsNodVar(j+1), p.steps, nn)
			if err != nil {
				return err
			}
			m.NodeFields = append(m.NodeFields, &meshobj.Field{Name: name, Values: vals})
			continue
		}
		f := &meshobj.Field{Name: name, Values: make([][]float64, len(p.steps))}
		for ti, t := range p.steps {
			vals := compute.Float64s(nn)
			f.Values[ti] = vals
			if c.NumNodes == 0 {
				continue
			}
			var err error
			switch {
			case r.nodVarOld:
				err = r.gather(varValsNodOld, []int{t, j}, p, vals, 1, 0, buf)
			default:
				err = r.gather(varValsNodVar(j+1), []int{t}, p, vals, 1, 0, buf)
			}
			if err != nil {
				return err
			}
		}
		m.NodeFields = append(m.NodeFields, f)
	}
	return nil
}

// readSteps reads the given steps of a (time_step, n) variable. Each step
// gets its own slice; when the steps are consecutive they are read with one
// call into one allocation, split into per-step slices whose capacity ends at
// their step (so appending to one never overwrites the next).
func (r *Reader) readSteps(name string, steps []int, n int) ([][]float64, error) {
	out := make([][]float64, len(steps))
	v, err := r.v(name)
	if err != nil {
		return nil, err
	}
	if consecutive(steps) && len(steps) > 1 {
		all := compute.Float64s(len(steps) * n)
		if n > 0 {
			if err := v.GetFloat64s([]int{steps[0], 0}, []int{len(steps), n}, all); err != nil {
				return nil, r.ncErr(name, err)
			}
		}
		for i := range out {
			out[i] = all[i*n : (i+1)*n : (i+1)*n]
		}
		return out, nil
	}
	for i, t := range steps {
		out[i] = compute.Float64s(n)
		if n == 0 {
			continue
		}
		if err := v.GetFloat64s([]int{t, 0}, []int{1, n}, out[i]); err != nil {
			return nil, r.ncErr(name, err)
		}
	}
	return out, nil
}

// readFieldSteps is readSteps for a node or element field: one timestep
// at a time, a timestep whose values equal (bit for bit) those of the
// timestep before it shares that timestep's array instead of holding a
// copy (see meshobj's "Shared timesteps"), so a field that is the same at
// every timestep takes the memory of one. The buffer a shared timestep was
// read into serves the next read, of this field or of the next one of the
// same length (r.spare).
func (r *Reader) readFieldSteps(name string, steps []int, n int) ([][]float64, error) {
	if n == 0 || len(steps) < 2 {
		return r.readSteps(name, steps, n)
	}
	out := make([][]float64, len(steps))
	v, err := r.v(name)
	if err != nil {
		return nil, err
	}
	spare := r.spare
	if len(spare) != n {
		spare = nil
	}
	r.spare = nil
	for i, t := range steps {
		buf := spare
		if buf == nil {
			buf = compute.Float64s(n)
		}
		if err := v.GetFloat64s([]int{t, 0}, []int{1, n}, buf); err != nil {
			return nil, r.ncErr(name, err)
		}
		if i > 0 && compute.EqualBits(buf, out[i-1]) {
			out[i], spare = out[i-1], buf
			continue
		}
		out[i], spare = buf, nil
	}
	r.spare = spare
	return out, nil
}

// consecutive reports whether steps are ascending by one.
func consecutive(steps []int) bool {
	for i := 1; i < len(steps); i++ {
		if steps[i] != steps[i-1]+1 {
			return false
		}
	}
	return true
}

// readElemData reads element attributes, ids, properties, user attributes,
// fields and reduction values of the imported blocks.
func (r *Reader) readElemData(m *meshobj.Model, p *plan) error {
	c := &r.c
	redNames := c.RedVarNames[meshobj.KindBlock]
	for i := range r.blocks {
		bm := &r.blocks[i]
		k := p.elemSlot[i]
		if k < 0 {
			continue
		}
		b := m.Blocks[k]
		if bm.NumAttr > 0 {
			name := varAttrib(bm.slot)
			b.Attributes = make([]float64, bm.NumElems*bm.NumAttr)
			v, err := r.v(name)
			if err != nil {
				return err
			}
			if err := v.ReadFloat64s(b.Attributes); err != nil {
				return r.ncErr(name, err)
			}
			names, _, err := r.readStrings(varAttribName(bm.slot), bm.NumAttr)
			if err != nil {
				return err
			}
			b.AttrNames = names
		}
		if c.HasElemMap && bm.NumElems > 0 {
			b.ElemIDs = make([]int64, bm.NumElems)
			v, err := r.v(varElemNumMap)
			if err != nil {
				return err
			}
			if err := v.GetInt64s([]int{r.elemOff[i]}, []int{bm.NumElems}, b.ElemIDs); err != nil {
				return r.ncErr(varElemNumMap, err)
			}
		}
		for j, pn := range r.blockProps.names {
			b.Props = append(b.Props, meshobj.Property{Name: pn, Value: r.blockProps.values[j][i]})
		}
		if bm.present {
			attrs, err := r.readAttrs(varConnect(bm.slot), attElemType)
			if err != nil {
				return err
			}
			b.Attrs = attrs
		}
		for j, name := range c.ElemFieldNames {
			if !p.elemF[j] || bm.fields == nil || !bm.fields[j] {
				continue
			}
			vals, err := r.readFieldSteps(varValsElemVar(j+1, bm.slot), p.steps, bm.NumElems)
			if err != nil {
				return err
			}
			b.Fields = append(b.Fields, &meshobj.Field{Name: name, Values: vals})
		}
		if bm.red {
			vals, err := r.readSteps(redBlock.vals(int64(bm.slot)), p.steps, len(redNames))
			if err != nil {
				return err
			}
			b.RedValues = vals
		}
	}
	return nil
}

// compactFloats keeps the entries of vals whose keep flag is set.
func compactFloats(vals []float64, keep []bool) []float64 {
	k := 0
	for i, x := range vals {
		if keep[i] {
			vals[k] = x
			k++
		}
	}
	return vals[:k]
}

func (r *Reader) readNodeSets(m *meshobj.Model, p *plan) error {
	c := &r.c
	nn := c.NumNodes
	redNames := c.RedVarNames[meshobj.KindNodeSet]
	for i := range r.nsets {
		sm := &r.nsets[i]
		if !p.nsets[i] {
			continue
		}
		s := &meshobj.NodeSet{ID: sm.ID, Name: sm.Name}
		s.Members = make([]int32, sm.NumMembers)
		var keep []bool
		if sm.present {
			name := varNodeNS(sm.slot)
			v, err := r.v(name)
			if err != nil {
				return err
			}
			if err := v.ReadInt32s(s.Members); err != nil {
				return r.ncErr(name, err)
			}
			for j, n := range s.Members {
				if n < 1 || int(n) > nn {
					return r.errf(name, ErrRange, "member %d of node set %d is node %d, outside 1..%d", j+1, sm.ID, n, nn)
				}
			}
			if p.allNodes {
				for j := range s.Members {
					s.Members[j]--
				}
			} else {
				keep = make([]bool, len(s.Members))
				k := 0
				for j, n := range s.Members {
					if x := p.newIdx[n-1]; x >= 0 {
						keep[j] = true
						s.Members[k] = x
						k++
					}
				}
				s.Members = s.Members[:k]
			}
			if sm.hasDF {
				name := varDistFactNS(sm.slot)
				s.DistFactors = make([]float64, sm.NumMembers)
				v, err := r.v(name)
				if err != nil {
					return err
				}
				if err := v.ReadFloat64s(s.DistFactors); err != nil {
					return r.ncErr(name, err)
				}
				if keep != nil {
					s.DistFactors = compactFloats(s.DistFactors, keep)
				}
			}
			if s.Attrs, err = r.readAttrs(varNodeNS(sm.slot)); err != nil {
				return err
			}
		}
		for j, pn := range r.nsProps.names {
			s.Props = append(s.Props, meshobj.Property{Name: pn, Value: r.nsProps.values[j][i]})
		}
		var err error
		if s.Fields, s.RedValues, err = r.readSetData(sm, c.NodeSetFieldNames, p.nsF, varValsNSetVar, redNodeSet, len(redNames), sm.NumMembers, keep, p.steps); err != nil {
			return err
		}
		m.NodeSets = append(m.NodeSets, s)
	}
	return nil
}

func (r *Reader) readSideSets(m *meshobj.Model, p *plan) error {
	c := &r.c
	ne := c.NumElems
	redNames := c.RedVarNames[meshobj.KindSideSet]
	for i := range r.ssets {
		sm := &r.ssets[i]
		if !p.ssets[i] {
			continue
		}
		s := &meshobj.SideSet{ID: sm.ID, Name: sm.Name}
		n := sm.NumMembers
		s.Elems = make([]int32, n)
		s.Sides = make([]int32, n)
		s.BlockIDs = make([]int64, n)
		var keep []bool
		if sm.present {
			en, sn := varElemSS(sm.slot), varSideSS(sm.slot)
			v, err := r.v(en)
			if err != nil {
				return err
			}
			if err := v.ReadInt32s(s.Elems); err != nil {
				return r.ncErr(en, err)
			}
			if v, err = r.v(sn); err != nil {
				return err
			}
			if err := v.ReadInt32s(s.Sides); err != nil {
				return r.ncErr(sn, err)
			}
			slots := make([]int, n) // block slot index (0-based) per member
			for j, e := range s.Elems {
				if e < 1 || int(e) > ne {
					return r.errf(en, ErrRange, "member %d of side set %d is element %d, outside 1..%d", j+1, sm.ID, e, ne)
				}
				// block containing element e-1
				bi := sort.Search(len(r.blocks), func(k int) bool { return r.elemOff[k+1] > int(e-1) })
				bm := &r.blocks[bi]
				side := s.Sides[j]
				ns := sideCount(bm.Type, bm.NodesPerElem, c.NumDim)
				if side < 1 || (ns > 0 && int(side) > ns) {
					lim := "at least 1"
					if ns > 0 {
						lim = fmt.Sprintf("1..%d for %s", ns, bm.Type)
					}
					return r.errf(sn, ErrRange, "member %d of side set %d has side %d of element %d (block %d), want %s", j+1, sm.ID, side, e, bm.ID, lim)
				}
				slots[j] = bi
				s.BlockIDs[j] = bm.ID
				s.Elems[j] = e - 1 - int32(r.elemOff[bi])
				s.Sides[j] = side - 1
			}
			if !p.allNodes {
				keep = make([]bool, n)
				all := true
				for j, bi := range slots {
					keep[j] = p.blocks[bi]
					all = all && keep[j]
				}
				if all {
					keep = nil
				}
			}
			if sm.hasDF {
				name := varDistFactSS(sm.slot)
				s.DistFactors = make([]float64, sm.NumDistFactors)
				v, err := r.v(name)
				if err != nil {
					return err
				}
				if err := v.ReadFloat64s(s.DistFactors); err != nil {
					return r.ncErr(name, err)
				}
				if keep != nil {
					s.DistFactors = r.compactSideDF(s, slots, keep)
				}
			}
			if keep != nil {
				k := 0
				for j := range n {
					if keep[j] {
						s.Elems[k], s.Sides[k], s.BlockIDs[k] = s.Elems[j], s.Sides[j], s.BlockIDs[j]
						k++
					}
				}
				s.Elems, s.Sides, s.BlockIDs = s.Elems[:k], s.Sides[:k], s.BlockIDs[:k]
			}
			if s.Attrs, err = r.readAttrs(en); err != nil {
				return err
			}
		}
		for j, pn := range r.ssProps.names {
			s.Props = append(s.Props, meshobj.Property{Name: pn, Value: r.ssProps.values[j][i]})
		}
		var err error
		if s.Fields, s.RedValues, err = r.readSetData(sm, c.SideSetFieldNames, p.ssF, varValsSSetVar, redSideSet, len(redNames), n, keep, p.steps); err != nil {
			return err
		}
		m.SideSets = append(m.SideSets, s)
	}
	return nil
}

// readSetData reads the fields of one set that are both selected and on the
// set (n values a step on disk, compacted to the members keep marks when
// keep is not nil), and its reduction values (nRed a step).
func (r *Reader) readSetData(sm *setMeta, names []string, selected []bool, varName func(v, slot int) string, rk redKind, nRed, n int, keep []bool, steps []int) ([]*meshobj.Field, [][]float64, error) {
	var fields []*meshobj.Field
	for j, name := range names {
		if !selected[j] || sm.fields == nil || !sm.fields[j] {
			continue
		}
		vals, err := r.readSteps(varName(j+1, sm.slot), steps, n)
		if err != nil {
			return nil, nil, err
		}
		if keep != nil {
			for t := range vals {
				vals[t] = compactFloats(vals[t], keep)
			}
		}
		fields = append(fields, &meshobj.Field{Name: name, Values: vals})
	}
	if !sm.red {
		return fields, nil, nil
	}
	red, err := r.readSteps(rk.vals(int64(sm.slot)), steps, nRed)
	if err != nil {
		return nil, nil, err
	}
	return fields, red, nil
}

// compactSideDF keeps the distribution factors of the kept members of a side
// set (members still in file order, Sides 0-based). Factors are split per
// member by the node count of each side; when that does not account for all
// factors but they divide evenly, an equal share per member is assumed;
// otherwise the factors cannot be attributed and are dropped (nil).
func (r *Reader) compactSideDF(s *meshobj.SideSet, slots []int, keep []bool) []float64 {
	df := s.DistFactors
	per := make([]int, len(keep))
	total := 0
	for j, bi := range slots {
		bm := &r.blocks[bi]
		per[j] = sideNodeCount(bm.Type, bm.NodesPerElem, r.c.NumDim, int(s.Sides[j])+1)
		if per[j] <= 0 {
			total = -1
			break
		}
		total += per[j]
	}
	if total != len(df) {
		if len(keep) == 0 || len(df)%len(keep) != 0 {
			return nil
		}
		for j := range per {
			per[j] = len(df) / len(keep)
		}
	}
	out := df[:0]
	pos := 0
	for j, k := range per {
		if keep[j] {
			out = append(out, df[pos:pos+k]...)
		}
		pos += k
	}
	return out
}

func (r *Reader) readGlobals(m *meshobj.Model, p *plan) error {
	c := &r.c
	ng := len(c.GlobalVarNames)
	if ng == 0 {
		return nil
	}
	wanted := false
	for _, s := range p.globF {
		wanted = wanted || s
	}
	if !wanted {
		return nil
	}
	rows, err := r.readSteps(varValsGloVar, p.steps, ng)
	if err != nil {
		return err
	}
	for j, name := range c.GlobalVarNames {
		if !p.globF[j] {
			continue
		}
		g := &meshobj.GlobalVar{Name: name, Values: make([]float64, len(p.steps))}
		for t := range rows {
			g.Values[t] = rows[t][j]
		}
		m.GlobalVars = append(m.GlobalVars, g)
	}
	return nil
}

func (r *Reader) readAssemblies(m *meshobj.Model, p *plan) error {
	c := &r.c
	if len(c.RedVarNames) > 0 {
		m.RedVarNames = map[meshobj.EntityKind][]string{}
		for k, v := range c.RedVarNames {
			m.RedVarNames[k] = append([]string(nil), v...)
		}
	}
	nred := len(c.RedVarNames[meshobj.KindAssembly])
	for i := range r.asms {
		am := &r.asms[i]
		a := &meshobj.Assembly{ID: am.ID, Name: am.Name, Type: am.Type, TypeName: am.typeName, Attrs: am.attrs}
		name := varAssemblyEntity(am.ID)
		var err error
		if a.Members, err = r.readInts(name, am.NumMembers); err != nil {
			return err
		}
		if am.red {
			if a.RedValues, err = r.readSteps(redAssembly.vals(am.ID), p.steps, nred); err != nil {
				return err
			}
		}
		m.Assemblies = append(m.Assemblies, a)
	}
	return nil
}

func (r *Reader) readRecords(m *meshobj.Model) error {
	c := &r.c
	if c.NumQA > 0 {
		qa, _, err := r.readRecordStrings(varQA, c.NumQA, 4)
		if err != nil {
			return err
		}
		m.QARecords = make([][4]string, c.NumQA)
		for i := range m.QARecords {
			copy(m.QARecords[i][:], qa[4*i:4*i+4])
		}
	}
	if c.NumInfo > 0 {
		info, _, err := r.readRecordStrings(varInfo, c.NumInfo)
		if err != nil {
			return err
		}
		m.InfoRecords = info
	}
	return nil
}
