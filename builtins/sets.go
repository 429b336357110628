package builtins

import (
	"go.starlark.net/starlark"
)

// setArea holds the node set and side set methods.
var setArea = area{
	title: "Node sets and side sets",
	intro: "Sets are referred to by id, by name, or by a selector. Node set members are 0-based node indices; side set members are (element_block_id, element_index, side_index) tuples with 0-based element and side indices.",
	methods: []method{
		{
			name:   "get_node_set_ids",
			params: "",
			doc:    `Return the ids of all node sets, in ascending order.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return intList(c.model.m.GetNodeSetIDs()), nil
			},
		},
		{
			name:   "get_side_set_ids",
			params: "",
			doc:    `Return the ids of all side sets, in ascending order.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return intList(c.model.m.GetSideSetIDs()), nil
			},
		},
		{
			name:   "get_all_node_set_names",
			params: "",
			doc:    `Return the names of the named node sets, sorted (unnamed sets are left out).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return stringList(c.model.m.GetAllNodeSetNames()), nil
			},
		},
		{
			name:   "get_all_side_set_names",
			params: "",
			doc:    `Return the names of the named side sets, sorted (unnamed sets are left out).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return stringList(c.model.m.GetAllSideSetNames()), nil
			},
		},
		{
			name:   "node_set_exists",
			params: "node_set_id",
			doc:    `Return True if a node set with this id (an int) or name (a string) exists.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("node_set_id", &ref); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.NodeSetExists(ref.item())), nil
			},
		},
		{
			name:   "side_set_exists",
			params: "side_set_id",
			doc:    `Return True if a side set with this id (an int) or name (a string) exists.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("side_set_id", &ref); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.SideSetExists(ref.item())), nil
			},
		},
		{
			name:   "get_node_set_name",
			params: "node_set_id",
			doc:    `Return the name of one node set ('' if it has none).`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("node_set_id", &ref); err != nil {
					return nil, err
				}
				name, err := c.model.m.GetNodeSetName(ref.item())
				return starlark.String(name), err
			},
		},
		{
			name:   "get_side_set_name",
			params: "side_set_id",
			doc:    `Return the name of one side set ('' if it has none).`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("side_set_id", &ref); err != nil {
					return nil, err
				}
				name, err := c.model.m.GetSideSetName(ref.item())
				return starlark.String(name), err
			},
		},
		{
			name:   "get_node_set_members",
			params: "node_set_id",
			doc: `Return the members of one node set: an int_array of 0-based node indices
viewing the model (writing into it changes the set).`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("node_set_id", &ref); err != nil {
					return nil, err
				}
				members, err := c.model.m.GetNodeSetMembers(ref.item())
				if err != nil {
					return nil, err
				}
				return c.model.nodeIndexView(members), nil
			},
		},
		{
			name:   "get_side_set_members",
			params: "side_set_id",
			doc: `Return the members of one side set: a frozen list of
(element_block_id, element_index, side_index) tuples, indices 0-based.
Change members with add_faces_to_side_set or create_side_set.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("side_set_id", &ref); err != nil {
					return nil, err
				}
				mem, err := c.model.m.GetSideSetMembers(ref.item())
				if err != nil {
					return nil, err
				}
				l := make([]starlark.Value, mem.Len())
				for i := range l {
					l[i] = starlark.Tuple{starlark.MakeInt64(mem.BlockIDs[i]), starlark.MakeInt(int(mem.Elems[i])), starlark.MakeInt(int(mem.Sides[i]))}
				}
				list := starlark.NewList(l)
				list.Freeze()
				return list, nil
			},
		},
	},
}
