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
		{
			name:    "create_node_set",
			params:  "node_set_id, node_set_members=None",
			mutates: true,
			doc: `Create a node set from 0-based node indices (a list or int_array). Repeated
nodes are kept once, with a warning. If the set exists, warn and replace it.

    model.create_node_set(1, [0, 1, 2, 3])`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				var members nodeList
				if err := c.unpack("node_set_id", &id, "node_set_members?", &members); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateNodeSet(id, members.nodes)
			},
		},
		{
			name:    "add_nodes_to_node_set",
			params:  "node_set_id, new_node_set_members",
			mutates: true,
			doc: `Add nodes (0-based indices) to a node set; nodes already in it are skipped
with a warning, and fields get their default value at the new members. If
the set does not exist, warn and create it.`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				var members nodeList
				if err := c.unpack("node_set_id", &id, "new_node_set_members", &members); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.AddNodesToNodeSet(id, members.nodes)
			},
		},
		{
			name:    "create_side_set",
			params:  "side_set_id, side_set_members=None",
			mutates: true,
			doc: `Create a side set from (element_block_id, element_index, side_index)
members, indices 0-based. Repeated members are kept once, with a warning. If
the set exists, warn and replace it.

    model.create_side_set(1, [(1, 0, 4), (1, 1, 4)])`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				var members sidesArg
				if err := c.unpack("side_set_id", &id, "side_set_members?", &members); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateSideSet(id, members.mem)
			},
		},
		{
			name:    "add_faces_to_side_set",
			params:  "side_set_id, new_side_set_members",
			mutates: true,
			doc: `Add (element_block_id, element_index, side_index) members to a side set;
members already in it are skipped with a warning, and fields get their
default value at the new members. If the set does not exist, warn and
create it.`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				var members sidesArg
				if err := c.unpack("side_set_id", &id, "new_side_set_members", &members); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.AddFacesToSideSet(id, members.mem)
			},
		},
		{
			name:    "delete_node_set",
			params:  "node_set_ids",
			mutates: true,
			doc:     `Delete the given node sets.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				if err := c.unpack("node_set_ids", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteNodeSets(ids.sel)
			},
		},
		{
			name:    "delete_side_set",
			params:  "side_set_ids",
			mutates: true,
			doc:     `Delete the given side sets.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				if err := c.unpack("side_set_ids", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteSideSets(ids.sel)
			},
		},
		{
			name:    "delete_empty_node_sets",
			params:  "",
			mutates: true,
			doc:     `Delete the node sets that have no members.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				c.model.m.DeleteEmptyNodeSets()
				return starlark.None, nil
			},
		},
		{
			name:    "delete_empty_side_sets",
			params:  "",
			mutates: true,
			doc:     `Delete the side sets that have no members.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				c.model.m.DeleteEmptySideSets()
				return starlark.None, nil
			},
		},
		{
			name:    "rename_node_set",
			params:  "node_set_id, new_node_set_id",
			mutates: true,
			doc:     `Change the id (new_node_set_id an int) or the name (a string) of a node set. A new id or name already in use is a warning (the other set is replaced, as in exomerge).`,
			fn: func(c *call) (starlark.Value, error) {
				ref, to := one(nil), one(nil)
				if err := c.unpack("node_set_id", &ref, "new_node_set_id", &to); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameNodeSet(ref.item(), to.item())
			},
		},
		{
			name:    "rename_side_set",
			params:  "side_set_id, new_side_set_id",
			mutates: true,
			doc:     `Change the id (new_side_set_id an int) or the name (a string) of a side set. A new id or name already in use is a warning (the other set is replaced, as in exomerge).`,
			fn: func(c *call) (starlark.Value, error) {
				ref, to := one(nil), one(nil)
				if err := c.unpack("side_set_id", &ref, "new_side_set_id", &to); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameSideSet(ref.item(), to.item())
			},
		},
		{
			name:   "get_nodes_in_side_set",
			params: "side_set_id",
			doc:    `Return the sorted, distinct 0-based indices of the nodes on the faces of a side set, as a new int_array.`,
			fn: func(c *call) (starlark.Value, error) {
				ref := one(nil)
				if err := c.unpack("side_set_id", &ref); err != nil {
					return nil, err
				}
				nodes, err := c.model.m.GetNodesInSideSet(ref.item())
				if err != nil {
					return nil, err
				}
				return &IntArray{data: nodes, bound: c.model.m.NumNodes()}, nil
			},
		},
		{
			name:    "create_node_set_from_side_set",
			params:  "node_set_id, side_set_id",
			mutates: true,
			doc:     `Create a node set holding the nodes on the faces of a side set.`,
			fn: func(c *call) (starlark.Value, error) {
				var id int64
				ref := one(nil)
				if err := c.unpack("node_set_id", &id, "side_set_id", &ref); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateNodeSetFromSideSet(id, ref.item())
			},
		},
	},
}
