package meshobj

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"exosh/compute/expr"
)

// This file holds threshold_element_blocks.

// newElementFieldName returns exomerge's temporary element field name:
// "temp1", "temp2", ... the first not used on any block.
func (m *Model) newElementFieldName() string {
	used := map[string]bool{}
	for _, n := range m.elementFieldNames(m.Blocks) {
		used[n] = true
	}
	for i := 1; ; i++ {
		if n := "temp" + strconv.Itoa(i); !used[n] {
			return n
		}
	}
}

// ThresholdElementBlocks keeps the elements of the selected blocks where
// expression is true (non-zero, or NaN, as Python's "if x") at one
// timestep, and deletes the others (exomerge's threshold_element_blocks).
// The expression may use time, the global variables and the block's
// element fields, as CalculateElementField; it is compiled and checked on
// every selected block first, then evaluated in parallel, once per element
// and only at the chosen timestep.
//
// Deleting follows exomerge's _delete_elements: element field values,
// attributes and element ids of the deleted elements go, side set members
// on them are deleted (the others renumbered), and nodes that only the
// deleted elements used are deleted, renumbering the rest.
//
// With newBlock set, the failing elements move instead into a new block
// newBlock, as exomerge moves them: each selected block in turn is
// duplicated (sharing its nodes, with its element fields and its side set
// members), the copy keeps the failing elements, and it becomes block
// newBlock or is combined with it (the later block's elements first, as
// exomerge's combine_element_blocks([temporary, new]) orders them). A
// newBlock that already exists is an error, and so, before anything
// changes, are selected blocks with differing nodes per element when
// moving (exomerge refuses the combine half-way).
func (m *Model) ThresholdElementBlocks(expression string, blocks Selector, timestep Item, newBlock *int64) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	t, err := m.ResolveTimestep(timestep)
	if err != nil {
		return err
	}
	if newBlock != nil && m.Block(*newBlock) != nil {
		return existsError(strconv.FormatInt(*newBlock, 10), entBlock)
	}
	bs := m.blocksOf(ids)
	if newBlock != nil {
		for _, b := range bs[min(1, len(bs)):] {
			if b.NodesPerElem != bs[0].NodesPerElem {
				return newError("Incompatible element types.",
					fmt.Sprintf("Elements failing the threshold are moved into element block %d, so the given element blocks must have the same number of nodes per element (an ExodusII file requirement), but block %d has %d and block %d has %d.",
						*newBlock, bs[0].ID, bs[0].NodesPerElem, b.ID, b.NodesPerElem))
			}
		}
	}
	pass, err := m.thresholdValues(expression, bs, m.timestepIndex(t))
	if err != nil {
		return err
	}
	for i, b := range bs {
		var keep, fail []int32
		if newBlock != nil {
			keep, fail = splitPass(pass[i])
		} else {
			fail = failing(pass[i])
		}
		if newBlock != nil {
			if err := m.moveFailing(b, keep, *newBlock); err != nil {
				return err
			}
		}
		if err := m.deleteElements(b, fail); err != nil {
			return err
		}
	}
	return nil
}

// thresholdValues evaluates the threshold expression on each block at
// timestep index ti: pass[i][e] is the value on element e of bs[i]. An
// expression that does not compile or uses a name some block lacks is an
// error, before any evaluation.
func (m *Model) thresholdValues(expression string, bs []*ElementBlock, ti int) ([][]float64, error) {
	target := m.newElementFieldName()
	src := target + " = " + expression
	scopes := make([]scope, len(bs))
	for i, b := range bs {
		s := scope{}
		m.addGlobals(s)
		addFields(s, b.Fields)
		scopes[i] = s
	}
	e, err := compileExpression(src, target, expr.Array, scopes)
	if err != nil {
		var me *Error
		if errors.As(err, &me) {
			return nil, err
		}
		return nil, newError("Invalid expression",
			fmt.Sprintf("The threshold expression %q (evaluated as %q) cannot be compiled: %v", expression, src, errors.Unwrap(err)))
	}
	for i, b := range bs {
		if err := e.check(scopes[i], "element block "+strconv.FormatInt(b.ID, 10)); err != nil {
			return nil, err
		}
	}
	pass := make([][]float64, len(bs))
	for i, b := range bs {
		pass[i] = make([]float64, b.NumElems)
		if err := e.prog.Eval(pass[i], e.env(scopes[i], ti)); err != nil {
			return nil, fmt.Errorf("meshobj: %w", err)
		}
	}
	return pass, nil
}

// failing returns, in increasing order, the elements whose value is false
// (zero), in parallel.
func failing(v []float64) []int32 {
	const chunk = 1 << 15
	nc := numChunks(len(v), chunk)
	parts := make([][]int32, nc)
	forChunks(len(v), chunk, func(c, lo, hi int) {
		var out []int32
		for e := lo; e < hi; e++ {
			if v[e] == 0 {
				out = append(out, int32(e))
			}
		}
		parts[c] = out
	})
	return slices.Concat(parts...)
}

// splitPass returns the elements whose value is true (non-zero or NaN)
// and those whose value is false, each in increasing order.
func splitPass(v []float64) (keep, fail []int32) {
	for e, x := range v {
		if x == 0 {
			fail = append(fail, int32(e))
		} else {
			keep = append(keep, int32(e))
		}
	}
	return keep, fail
}

// moveFailing copies the elements of b not in keep into block newID, as
// exomerge does: duplicate b (sharing nodes) into the smallest unused id,
// delete the kept elements from the copy, then rename the copy to newID or
// combine it with an existing newID.
func (m *Model) moveFailing(b *ElementBlock, keep []int32, newID int64) error {
	tmp := m.NewElementBlockID()
	if err := m.DuplicateElementBlock(Int(b.ID), tmp, false); err != nil {
		return err
	}
	if err := m.deleteElements(m.Block(tmp), keep); err != nil {
		return err
	}
	if tmp == newID {
		return nil
	}
	if m.Block(newID) != nil {
		return m.CombineElementBlocks(Selector{Int(tmp), Int(newID)}, Int(newID))
	}
	return m.renameBlock(tmp, Int(newID))
}
