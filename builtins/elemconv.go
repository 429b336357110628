package builtins

import (
	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// elemConvMethods are convert_element_blocks, make_elements_linear,
// make_elements_quadratic and convert_hex8_block_to_tet4_block.
var elemConvMethods = []method{
	{
		name: "convert_element_blocks", params: "element_block_ids, new_element_type", mutates: true,
		doc: `Convert the elements of the given blocks to new_element_type, with
exomerge's conversion table: hex8 <-> hex20, tet4 <-> tet10,
wedge6 -> wedge15 or wedge16, wedge12 -> wedge6 or wedge15,
wedge15 -> wedge6 or wedge16, wedge16 -> wedge6 or wedge15.

New nodes sit at the mean of their edge's end nodes (the wedge16 centre at
the mean of the six corners) and are created once for all the elements and
blocks that share them; node fields are averaged the same way, and a new
node joins each node set holding all of its end nodes. Element fields are
kept; side set members move to the new elements' matching sides (appended
at the end of their set, as in exomerge; their distribution factors are
dropped). Nodes no element uses any more are deleted. Each block keeps its
id, name and attributes (exomerge loses the name and attributes). A block
with no conversion to new_element_type is an error and nothing changes.

    model.convert_element_blocks('all', 'hex20')`,
		fn: func(c *call) (starlark.Value, error) {
			var ids selArg
			var to string
			if err := c.unpack("element_block_ids", &ids, "new_element_type", &to); err != nil {
				return nil, err
			}
			return starlark.None, c.model.m.ConvertElementBlocks(ids.sel, to)
		},
	},
	{
		name: "make_elements_linear", params: "element_block_ids='all'", mutates: true,
		doc: `Convert the elements of the given blocks to a first-order type, as
convert_element_blocks does. For each element type the target is, among its
conversions to order 1, the one making the fewest elements, then the fewest
nodes (hex20 -> hex8, tet10 -> tet4, wedge12/15/16 -> wedge6). Blocks already
linear without such a conversion are left alone; a quadratic type without
one (tri6, quad8, line3) is an error.`,
		fn: blocksChange(func(m *meshobj.Model, ids meshobj.Selector) error { return m.MakeElementsLinear(ids) }),
	},
	{
		name: "make_elements_quadratic", params: "element_block_ids='all'", mutates: true,
		doc: `Convert the elements of the given blocks to a second-order type, as
convert_element_blocks does, choosing the target as make_elements_linear
does: hex8 -> hex20, tet4 -> tet10, wedge6 and wedge12 -> wedge15, and, as
exomerge's rule has it for types already quadratic, wedge15 -> wedge16 and
wedge16 -> wedge15. A linear type without such a conversion (tri3, quad4,
quad6, shell4, line2, point) is an error.`,
		fn: blocksChange(func(m *meshobj.Model, ids meshobj.Selector) error { return m.MakeElementsQuadratic(ids) }),
	},
	{
		name: "convert_hex8_block_to_tet4_block", params: "element_block_id, scheme='hex24tet'", mutates: true,
		doc: `Split every hex8 of one block into tet4 elements. The scheme 'hex24tet' (the
only one) makes 24 tets per hex: one per edge of each face, with a new node
at the face centre (shared by the two hexes on the face) and one at the body
centre. Node fields are averaged at the new nodes; node sets keep their
members (and gain the centres of faces they hold entirely); side set
members become the four tets on each side; element fields are copied to
the 24 tets. Unlike exomerge, which gives the block copies of its nodes,
the tets keep the hexes' nodes and stay joined to neighbouring blocks; and
where exomerge makes two centre nodes on one face (when the hexes on it list
its nodes in different orders, as on every interior y face of
build_hex8_cube's cubes), exosh makes one.

    model.convert_hex8_block_to_tet4_block(1)`,
		fn: func(c *call) (starlark.Value, error) {
			ref := one(nil)
			scheme := "hex24tet"
			if err := c.unpack("element_block_id", &ref, "scheme?", &scheme); err != nil {
				return nil, err
			}
			return starlark.None, c.model.m.ConvertHex8BlockToTet4Block(ref.item(), scheme)
		},
	},
}
