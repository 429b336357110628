package exodus

import "fmt"

// Step readers: one timestep of one variable at a time, straight into a
// caller's buffer, for consumers that stream through a file (exosh diff)
// instead of importing every step into a model. Steps are 0-based file step
// indices; variable and entity arguments are 0-based indices into the
// Contents lists (GlobalVarNames, NodeFieldNames, Blocks, ...).

// stepCheck validates a step index.
func (r *Reader) stepCheck(step int) error {
	if step < 0 || step >= r.numTimes {
		return &FormatError{Path: r.path, Msg: fmt.Sprintf("timestep %d does not exist (the file has %d)", step+1, r.numTimes), Err: ErrNotFound}
	}
	return nil
}

// GlobalStep reads the global variables of one step into dst, which must
// hold len(Contents().GlobalVarNames) values.
func (r *Reader) GlobalStep(step int, dst []float64) error {
	n := len(r.c.GlobalVarNames)
	if len(dst) != n {
		return fmt.Errorf("exodus: %s: GlobalStep needs %d values, got %d", r.path, n, len(dst))
	}
	if n == 0 {
		return nil
	}
	if err := r.stepCheck(step); err != nil {
		return err
	}
	v, err := r.v(varValsGloVar)
	if err != nil {
		return err
	}
	if err := v.GetFloat64s([]int{step, 0}, []int{1, n}, dst); err != nil {
		return r.ncErr(varValsGloVar, err)
	}
	return nil
}

// NodeFieldStep reads nodal variable field at one step into dst, which
// must hold Contents().NumNodes values.
func (r *Reader) NodeFieldStep(field, step int, dst []float64) error {
	nn := r.c.NumNodes
	if field < 0 || field >= len(r.c.NodeFieldNames) {
		return fmt.Errorf("exodus: %s: nodal variable %d does not exist", r.path, field+1)
	}
	if len(dst) != nn {
		return fmt.Errorf("exodus: %s: NodeFieldStep needs %d values, got %d", r.path, nn, len(dst))
	}
	if nn == 0 {
		return nil
	}
	if err := r.stepCheck(step); err != nil {
		return err
	}
	if r.nodVarOld {
		v, err := r.v(varValsNodOld)
		if err != nil {
			return err
		}
		if err := v.GetFloat64s([]int{step, field, 0}, []int{1, 1, nn}, dst); err != nil {
			return r.ncErr(varValsNodOld, err)
		}
		return nil
	}
	name := varValsNodVar(field + 1)
	v, err := r.v(name)
	if err != nil {
		return err
	}
	if err := v.GetFloat64s([]int{step, 0}, []int{1, nn}, dst); err != nil {
		return r.ncErr(name, err)
	}
	return nil
}

// BlockHasField reports whether block (index into Blocks) stores element
// variable field (index into ElemFieldNames).
func (r *Reader) BlockHasField(block, field int) bool {
	if block < 0 || block >= len(r.blocks) {
		return false
	}
	f := r.blocks[block].fields
	return field >= 0 && field < len(f) && f[field]
}

// BlockFieldStep reads element variable field of block at one step into
// dst, which must hold the block's element count. It is an error when the
// block does not store the field (see BlockHasField).
func (r *Reader) BlockFieldStep(block, field, step int, dst []float64) error {
	if !r.BlockHasField(block, field) {
		return fmt.Errorf("exodus: %s: block index %d has no element variable %d", r.path, block, field+1)
	}
	bm := &r.blocks[block]
	return r.readEntityStep(varValsElemVar(field+1, bm.slot), bm.NumElems, step, dst)
}

// SetHasField reports whether node set (side false) or side set (side
// true) number set (index into NodeSets or SideSets) stores set variable
// field.
func (r *Reader) SetHasField(side bool, set, field int) bool {
	sets := r.nsets
	if side {
		sets = r.ssets
	}
	if set < 0 || set >= len(sets) {
		return false
	}
	f := sets[set].fields
	return field >= 0 && field < len(f) && f[field]
}

// SetFieldStep reads a node-set (side false) or side-set (side true)
// variable at one step into dst, which must hold the set's member count.
func (r *Reader) SetFieldStep(side bool, set, field, step int, dst []float64) error {
	if !r.SetHasField(side, set, field) {
		return fmt.Errorf("exodus: %s: set index %d has no set variable %d", r.path, set, field+1)
	}
	if side {
		sm := &r.ssets[set]
		return r.readEntityStep(varValsSSetVar(field+1, sm.slot), sm.NumMembers, step, dst)
	}
	sm := &r.nsets[set]
	return r.readEntityStep(varValsNSetVar(field+1, sm.slot), sm.NumMembers, step, dst)
}

// readEntityStep reads row step of a (time_step, n) variable into dst.
func (r *Reader) readEntityStep(name string, n, step int, dst []float64) error {
	if len(dst) != n {
		return fmt.Errorf("exodus: %s: %s needs %d values, got %d", r.path, name, n, len(dst))
	}
	if n == 0 {
		return nil
	}
	if err := r.stepCheck(step); err != nil {
		return err
	}
	v, err := r.v(name)
	if err != nil {
		return err
	}
	if err := v.GetFloat64s([]int{step, 0}, []int{1, n}, dst); err != nil {
		return r.ncErr(name, err)
	}
	return nil
}
