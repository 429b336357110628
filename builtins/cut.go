package builtins

import (
	"fmt"

	"go.starlark.net/starlark"
)

// optNewBlockID unpacks an entity id parameter that may be None.
type optNewBlockID struct {
	id    int64
	isSet bool
}

// Unpack accepts an int or None.
func (o *optNewBlockID) Unpack(v starlark.Value) error {
	if v == starlark.None {
		o.id, o.isSet = 0, false
		return nil
	}
	i, ok := v.(starlark.Int)
	if !ok {
		return fmt.Errorf("got %s, want an integer id or None", v.Type())
	}
	id, ok := i.Int64()
	if !ok {
		return fmt.Errorf("id %s is out of range", i)
	}
	o.id, o.isSet = id, true
	return nil
}

// ptr returns the id, or nil if None was given.
func (o *optNewBlockID) ptr() *int64 {
	if !o.isSet {
		return nil
	}
	return &o.id
}

// cutMethods holds the area D methods that cut a model: thresholds and
// cohesive zones.
var cutMethods = []method{
	{
		name: "threshold_element_blocks", params: "expression, element_block_ids='all', timestep='last', new_element_block_id=None", mutates: true,
		doc: `Delete the elements of the given blocks where the expression is false
(zero) at the given timestep, keeping those where it is true (non-zero or
NaN, as Python's "if x"). The expression is a formula without "name =", in
exomerge's Python syntax, over time, global variables and the block's element
fields; it is compiled once and evaluated in parallel, once per element, at
that timestep only. Side set members on deleted elements are deleted, and so
are nodes that only deleted elements used (the others are renumbered).

With new_element_block_id, the failing elements move into that new block
(it must not exist) instead of being deleted; moving from several blocks
needs the same nodes per element on all of them. An expression that does not
compile, or names something a block lacks, is an error naming the names
that exist, and the model is unchanged.

    model.threshold_element_blocks('eqps >= 0.01')
    model.threshold_element_blocks('temp > 300', 'all', 'last', 99)`,
		fn: func(c *call) (starlark.Value, error) {
			var expression string
			ids, ts := sel("all"), one("last")
			var newID optNewBlockID
			if err := c.unpack("expression", &expression, "element_block_ids?", &ids, "timestep?", &ts, "new_element_block_id?", &newID); err != nil {
				return nil, err
			}
			return starlark.None, c.model.m.ThresholdElementBlocks(expression, ids.sel, ts.item(), newID.ptr())
		},
	},
	{
		name: "convert_side_set_to_cohesive_zone", params: "side_set_ids, new_element_block_id", mutates: true,
		doc: `Turn the faces of the given side sets into a new element block of
zero-thickness cohesive elements: quad4 faces give hex8, tri3 give wedge6 and
tri6 give wedge12. Every face must be internal (shared by two elements), else
it is an error and the model is unchanged. The mesh is opened along the
faces: their nodes are replaced by copies (coordinates, node field values and
node set membership copied), one per group of elements that stay connected
through faces not in the side sets, so the two sides no longer share nodes;
the copies follow the other nodes, which keep their order. Each cohesive
element joins the two sides of one face, in exomerge's node order.

    model.convert_side_set_to_cohesive_zone(5, 99)`,
		fn: func(c *call) (starlark.Value, error) {
			var ids selArg
			var id int64
			if err := c.unpack("side_set_ids", &ids, "new_element_block_id", &id); err != nil {
				return nil, err
			}
			return starlark.None, c.model.m.ConvertSideSetToCohesiveZone(ids.sel, id)
		},
	},
}
