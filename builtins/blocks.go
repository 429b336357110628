package builtins

import (
	"exosh/meshobj"

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
		{
			name:    "build_hex8_cube",
			params:  "element_block_id='auto', extents=1.0, divisions=3",
			mutates: true,
			doc: `Add a block of hex8 elements filling a box, with new nodes. extents is an
edge length (the box [0, e]^3), three maxima [x, y, z] (minima 0) or three
[min, max] pairs; divisions is the number of elements along every axis, or
three numbers. element_block_id='auto' takes the smallest unused id.

    model.build_hex8_cube(1, extents=[[0, 2], [0, 1], [0, 1]], divisions=[20, 10, 10])`,
			fn: func(c *call) (starlark.Value, error) {
				id := newID{auto: true}
				ext := extentsArg{{0, 1}, {0, 1}, {0, 1}}
				div := divisionsArg{3, 3, 3}
				if err := c.unpack("element_block_id?", &id, "extents?", &ext, "divisions?", &div); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.BuildHex8Cube(id.or(c.model.m.NewElementBlockID()), ext, div)
			},
		},
		{
			name:    "create_element_block",
			params:  "element_block_id, info, connectivity=None",
			mutates: true,
			doc: `Create an element block from info = [element_type, element_count,
nodes_per_element, attribute_count] and a flat connectivity of 0-based node
indices (a list or int_array of element_count * nodes_per_element entries;
None for an empty block). The nodes must exist; the block is unnamed. It is
an error if the block exists.

    model.create_element_block(2, ['tet4', 1, 4, 0], [0, 1, 2, 3])`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				var info blockInfoArg
				conn := nodeList{}
				if err := c.unpack("element_block_id", &id, "info", &info, "connectivity?", &conn); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateElementBlock(id, meshobj.BlockInfo(info), conn.nodes)
			},
		},
		{
			name:    "rename_element_block",
			params:  "element_block_id, new_element_block_id",
			mutates: true,
			doc: `Change the id (new_element_block_id an int) or the name (a string) of an
element block. Side set members follow a new id. A new id already in use is
an error (exomerge silently overwrote the other block); a name in use is a
warning.

    model.rename_element_block(1, 100)
    model.rename_element_block(100, 'steel')`,
			fn: func(c *call) (starlark.Value, error) {
				ref, to := one(nil), one(nil)
				if err := c.unpack("element_block_id", &ref, "new_element_block_id", &to); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameElementBlock(ref.item(), to.item())
			},
		},
		{
			name:    "delete_element_block",
			params:  "element_block_ids, delete_orphaned_nodes=True",
			mutates: true,
			doc: `Delete the given element blocks and the side set members on them. With
delete_orphaned_nodes, nodes no element uses any more are deleted too, and
the remaining nodes are renumbered (keeping their order).`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				orphans := true
				if err := c.unpack("element_block_ids", &ids, "delete_orphaned_nodes?", &orphans); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteElementBlocks(ids.sel, orphans)
			},
		},
		{
			name:    "duplicate_element_block",
			params:  "element_block_id, new_element_block_id, duplicate_nodes=True",
			mutates: true,
			doc: `Create element block new_element_block_id as a copy of an element block,
with its element fields and its side set members. With duplicate_nodes the
copy gets its own copies of the nodes (with their node field values and node
set membership); otherwise it shares the original's nodes.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				var id int64
				dup := true
				if err := c.unpack("element_block_id", &ref, "new_element_block_id", &id, "duplicate_nodes?", &dup); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DuplicateElementBlock(ref.item(), id, dup)
			},
		},
		{
			name:    "combine_element_blocks",
			params:  "element_block_ids, target_element_block_id='auto'",
			mutates: true,
			doc: `Merge the given element blocks (same nodes per element) into one block with
id target_element_block_id ('auto': the smallest of the merged ids).
Element fields missing on some blocks are created there with their default
value, with a warning; side set members follow their elements.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				target := one("auto")
				if err := c.unpack("element_block_ids", &ids, "target_element_block_id?", &target); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CombineElementBlocks(ids.sel, target.item())
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
