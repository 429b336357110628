package meshobj

import (
	"errors"
	"fmt"
	"strconv"

	"exosh/compute/expr"
)

// This file holds threshold_element_blocks.

// thresholdFieldName returns exomerge's temporary element field name:
// "temp1", "temp2", ... the first not used on any block.
func (m *Model) thresholdFieldName() string {
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
// moving (exomerge refuses the combine half-way). Selecting no block does
// nothing (exomerge then also warns about its temporary field).
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
	if len(bs) == 0 {
		return nil
	}
	if newBlock != nil {
		for _, b := range bs[min(1, len(bs)):] {
			if b.NodesPerElem != bs[0].NodesPerElem {
				return newError("Incompatible element types.",
					fmt.Sprintf("Elements failing the threshold are moved into element block %d, so the given element blocks must have the same number of nodes per element (an ExodusII file requirement), but block %d has %d and block %d has %d.",
						*newBlock, bs[0].ID, bs[0].NodesPerElem, b.ID, b.NodesPerElem))
			}
		}
	}
	keeps, err := m.thresholdKeep(expression, bs, m.timestepIndex(t))
	if err != nil {
		return err
	}
	for i, b := range bs {
		if keeps[i].kept < b.NumElems {
			if err := m.refuseControlPoints("threshold_element_blocks"); err != nil {
				return err
			}
			m.dropCarried(DepElems, "threshold_element_blocks")
			break
		}
	}
	for i, b := range bs {
		keep, kept := keeps[i].keep, keeps[i].kept
		if newBlock != nil {
			if err := m.moveFailing(b, keep, kept, *newBlock); err != nil {
				return err
			}
		}
		if kept < b.NumElems {
			if err := m.deleteUnkept(b, keep); err != nil {
				return err
			}
		}
	}
	return nil
}

// thresholdBlockKeep holds a threshold's result on one block: keep[e] is whether
// element e passes, kept the number that do.
type thresholdBlockKeep struct {
	keep []bool
	kept int
}

// thresholdChunk is the number of elements evaluated at a time, into a
// buffer reused across chunks, so no array of values is created.
const thresholdChunk = 1 << 16

// thresholdKeep evaluates the threshold expression on each block at
// timestep index ti and returns which elements pass (a value that is not
// zero; NaN passes). An expression that does not compile or uses a name
// some block lacks is an error, before any evaluation.
func (m *Model) thresholdKeep(expression string, bs []*ElementBlock, ti int) ([]thresholdBlockKeep, error) {
	target := m.thresholdFieldName()
	src := target + " = " + expression
	scopes := m.elementScopes(bs)
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
	out := make([]thresholdBlockKeep, len(bs))
	buf := make([]float64, thresholdChunk)
	for i, b := range bs {
		env := e.env(scopes[i], ti)
		keep := make([]bool, b.NumElems)
		kept := 0
		for lo := 0; lo < b.NumElems; lo += thresholdChunk {
			hi := min(lo+thresholdChunk, b.NumElems)
			dst := buf[:hi-lo]
			if err := e.prog.Eval(dst, thresholdEnvSlice(env, lo, hi)); err != nil {
				return nil, fmt.Errorf("meshobj: %w", err)
			}
			for k, v := range dst {
				if v != 0 {
					keep[lo+k] = true
					kept++
				}
			}
		}
		out[i] = thresholdBlockKeep{keep, kept}
	}
	return out, nil
}

// thresholdEnvSlice returns env restricted to the entities [lo, hi).
func thresholdEnvSlice(env expr.Env, lo, hi int) expr.Env {
	out := expr.Env{Arrays: make(map[string][]float64, len(env.Arrays)), Views: make(map[string]expr.View, len(env.Views)), Scalars: env.Scalars}
	for n, a := range env.Arrays {
		out.Arrays[n] = a[lo:hi]
	}
	for n, v := range env.Views {
		if v.Index != nil {
			v.Index = v.Index[lo:hi]
		} else {
			v.Start += lo * v.Stride
		}
		out.Views[n] = v
	}
	return out
}

// moveFailing copies the elements e of b without keep[e] into block newID, as
// exomerge does: duplicate b (sharing nodes) into the smallest unused id,
// delete the kept elements from the copy, then rename the copy to newID or
// combine it with an existing newID.
func (m *Model) moveFailing(b *ElementBlock, keep []bool, kept int, newID int64) error {
	tmp := m.NewElementBlockID()
	if err := m.DuplicateElementBlock(Int(b.ID), tmp, false); err != nil {
		return err
	}
	if kept > 0 {
		fail := make([]bool, len(keep))
		for e, k := range keep {
			fail[e] = !k
		}
		if err := m.deleteUnkept(m.Block(tmp), fail); err != nil {
			return err
		}
	}
	if tmp == newID {
		return nil
	}
	if m.Block(newID) != nil {
		return m.CombineElementBlocks(Selector{Int(tmp), Int(newID)}, Int(newID))
	}
	return m.renameBlock(tmp, Int(newID))
}
