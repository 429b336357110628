package builtins

import (
	"go.starlark.net/starlark"
)

// blockArea holds the element block methods.
var blockArea = area{
	title: "Element blocks",
	intro: "Element blocks are referred to by id, by name, or by a selector such as 'all' or 'auto' (the only block). Connectivity is 0-based, flat, nodes_per_element entries per element.",
	methods: []method{
		{
			name:   "get_element_block_ids",
			params: "",
			doc: `Return the ids of all element blocks, in ascending order.

    model.get_element_block_ids()    # e.g. [1, 2, 3]`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return intList(c.model.m.GetElementBlockIDs()), nil
			},
		},
		{
			name:   "get_all_element_block_names",
			params: "",
			doc:    `Return the names of the named element blocks, sorted (unnamed blocks are left out).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return stringList(c.model.m.GetAllElementBlockNames()), nil
			},
		},
		{
			name:   "element_block_exists",
			params: "element_block_id",
			doc: `Return True if an element block with this id (an int) or name (a string)
exists.

    model.element_block_exists(1)
    model.element_block_exists('block_1')`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("element_block_id", &ref); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.ElementBlockExists(ref.item())), nil
			},
		},
		{
			name:   "get_element_block_name",
			params: "element_block_id",
			doc:    `Return the name of one element block ('' if it has none).`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("element_block_id", &ref); err != nil {
					return nil, err
				}
				name, err := c.model.m.GetElementBlockName(ref.item())
				return starlark.String(name), err
			},
		},
		{
			name:   "get_connectivity",
			params: "element_block_id='auto'",
			doc: `Return the connectivity of one element block: an int_array of 0-based node
indices, nodes_per_element per element, viewing the model (writing into it
changes the block).

    conn = model.get_connectivity(1)
    first_element = conn[0:model.get_nodes_per_element(1)]`,
			fn: getConnectivity,
		},
		{
			name:   "get_element_block_connectivity",
			params: "element_block_id='auto'",
			doc:    `Alias of get_connectivity.`,
			fn:     getConnectivity,
		},
		{
			name:   "get_nodes_per_element",
			params: "element_block_id",
			doc:    `Return the number of nodes of each element of one element block.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("element_block_id", &ref); err != nil {
					return nil, err
				}
				n, err := c.model.m.GetNodesPerElement(ref.item())
				return starlark.MakeInt(n), err
			},
		},
		{
			name:   "get_element_block_dimension",
			params: "element_block_id",
			doc: `Return the dimension of the elements of one element block: 3 for solids and
shells, 2 for triangles and quadrilaterals, 1 for lines, 0 for points, and
-1 for an element type exomerge does not know.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("element_block_id", &ref); err != nil {
					return nil, err
				}
				d, err := c.model.m.GetElementBlockDimension(ref.item())
				return starlark.MakeInt(d), err
			},
		},
		{
			name:   "get_element_count",
			params: "element_block_ids='all'",
			doc: `Return the number of elements in the given element blocks (all by default).

    model.get_element_count()
    model.get_element_count([1, 3])`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("element_block_ids?", &ids); err != nil {
					return nil, err
				}
				n, err := c.model.m.GetElementCount(ids.sel)
				return starlark.MakeInt(n), err
			},
		},
		{
			name:   "get_nodes_in_element_block",
			params: "element_block_ids",
			doc: `Return the sorted, distinct 0-based indices of the nodes used by the given
element blocks, as a new int_array.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				if err := c.unpack("element_block_ids", &ids); err != nil {
					return nil, err
				}
				nodes, err := c.model.m.GetNodesInElementBlock(ids.sel)
				if err != nil {
					return nil, err
				}
				return &IntArray{data: nodes, bound: c.model.m.NumNodes()}, nil
			},
		},
	},
}

func getConnectivity(c *call) (starlark.Value, error) {
	ref := one("auto")
	if err := c.unpack("element_block_id?", &ref); err != nil {
		return nil, err
	}
	conn, err := c.model.m.GetConnectivity(ref.item())
	if err != nil {
		return nil, err
	}
	return c.model.nodeIndexView(conn), nil
}
