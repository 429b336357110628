package builtins

import (
	"fmt"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// vec3 unpacks a 3-vector (an offset, axis, point or normal): a list, tuple
// or array of three numbers.
type vec3 [3]float64

// Unpack implements starlark.Unpacker.
func (v *vec3) Unpack(x starlark.Value) error {
	items, err := sequence(x, 3)
	if err != nil {
		return fmt.Errorf("%v ([x, y, z])", err)
	}
	for i, item := range items {
		f, ok := starlark.AsFloat(item)
		if !ok {
			return fmt.Errorf("item %d is %s, want a number", i, item.Type())
		}
		v[i] = f
	}
	return nil
}

// adjustArg unpacks adjust_displacement_field: 'auto', True or False.
type adjustArg meshobj.Adjust

// Unpack implements starlark.Unpacker.
func (a *adjustArg) Unpack(v starlark.Value) error {
	switch v {
	case starlark.String("auto"):
		*a = adjustArg(meshobj.AdjustAuto)
	case starlark.True:
		*a = adjustArg(meshobj.AdjustYes)
	case starlark.False:
		*a = adjustArg(meshobj.AdjustNo)
	default:
		return fmt.Errorf("got %s, want 'auto', True or False", v)
	}
	return nil
}

// centroidNames unpacks calculate_element_centroids' prefix (names
// prefix+"x", prefix+"y", prefix+"z") or list of three names.
type centroidNames [3]string

// Unpack implements starlark.Unpacker.
func (n *centroidNames) Unpack(v starlark.Value) error {
	if s, ok := starlark.AsString(v); ok {
		*n = meshobj.CentroidFieldNames(s)
		return nil
	}
	names, err := stringsOf(v)
	if err != nil || len(names) != 3 {
		return fmt.Errorf("got %s, want a prefix or a list of three field names", v)
	}
	*n = centroidNames(names)
	return nil
}

// optNames unpacks a list of field names or None.
type optNames struct{ names []string }

// Unpack implements starlark.Unpacker.
func (o *optNames) Unpack(v starlark.Value) error {
	if v == starlark.None {
		o.names = nil
		return nil
	}
	names, err := stringsOf(v)
	if err != nil || len(names) != 3 {
		return fmt.Errorf("got %s, want None or a list of three field names", v)
	}
	o.names = names
	return nil
}

// blocksCount returns the fn of a method whose only parameter is
// element_block_ids='all' and whose result is an int.
func blocksCount(f func(m *meshobj.Model, blocks meshobj.Selector) (int, error)) func(c *call) (starlark.Value, error) {
	return func(c *call) (starlark.Value, error) {
		ids := sel("all")
		if err := c.unpack("element_block_ids?", &ids); err != nil {
			return nil, err
		}
		n, err := f(c.model.m, ids.sel)
		return starlark.MakeInt(n), err
	}
}

// blocksChange returns the fn of a changing method whose only parameter is
// element_block_ids='all'.
func blocksChange(f func(m *meshobj.Model, blocks meshobj.Selector) error) func(c *call) (starlark.Value, error) {
	return func(c *call) (starlark.Value, error) {
		ids := sel("all")
		if err := c.unpack("element_block_ids?", &ids); err != nil {
			return nil, err
		}
		return starlark.None, f(c.model.m, ids.sel)
	}
}

// expression returns the fn of a calculate_*_field method over entities
// named param (none for "").
func expression(param string, f func(m *meshobj.Model, expr string, ids meshobj.Selector) error) func(c *call) (starlark.Value, error) {
	return func(c *call) (starlark.Value, error) {
		var expr string
		ids := sel("all")
		pairs := []any{"expression", &expr}
		if param != "" {
			pairs = append(pairs, param+"?", &ids)
		}
		if err := c.unpack(pairs...); err != nil {
			return nil, err
		}
		return starlark.None, f(c.model.m, expr, ids.sel)
	}
}

const expressionDoc = `The expression is "name = formula" in exomerge's Python syntax (+ - * / **
%, comparisons, and/or, math functions such as sqrt, sin, abs, min, max);
it is compiled once and evaluated in parallel over flat arrays. An
existing field is overwritten with a warning, and its old values are used
where the formula names it. An expression that does not compile, or names
something that does not exist, is an error listing the names that exist.`

// geometryArea holds the methods of exomerge's area C: geometry, transforms,
// node merging, field conversion, extremes and expressions.
var geometryArea = area{
	title: "Geometry, merging, field conversion and expressions",
	intro: "These methods run parallel kernels over the flat arrays. Transforms of some blocks refuse, by default, to move nodes that other blocks share (check_for_merged_nodes).",
	methods: []method{
		{
			name: "calculate_element_volumes", params: "element_field_name='volume', element_block_ids='all'", mutates: true,
			doc: `Store the volume (area in 2-D, length for lines) of each element of the
given blocks in an element field, the same at every timestep (a timestep
0.0 is created if there is none).`,
			fn: func(c *call) (starlark.Value, error) {
				name, ids := "volume", sel("all")
				if err := c.unpack("element_field_name?", &name, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CalculateElementVolumes(name, ids.sel)
			},
		},
		{
			name: "calculate_element_centroids", params: "element_field_name_prefix='centroid_', element_block_ids='all'", mutates: true,
			doc: `Store the centroid (the mean of its nodes) of each element of the given
blocks in three element fields: the prefix followed by x, y and z, or the
three names given as a list.`,
			fn: func(c *call) (starlark.Value, error) {
				names, ids := centroidNames(meshobj.CentroidFieldNames("centroid_")), sel("all")
				if err := c.unpack("element_field_name_prefix?", &names, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CalculateElementCentroids(names, ids.sel)
			},
		},
		{
			name: "get_element_block_volume", params: "element_block_ids, element_volume_field_name=None",
			doc: `Return the total volume of the given element blocks, computed, or read from
an element volume field (at the first timestep) if one is named.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var field optString
				if err := c.unpack("element_block_ids", &ids, "element_volume_field_name?", &field); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetElementBlockVolume(ids.sel, field.s)
				return starlark.Float(v), err
			},
		},
		{
			name: "get_element_block_centroid", params: "element_block_ids, element_volume_field_name=None, element_centroid_field_names=None",
			doc: `Return the volume-weighted centroid [x, y, z] of the given element blocks.
Volumes and element centroids are computed, or read from the named element
fields at the first timestep.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var field optString
				var centroids optNames
				if err := c.unpack("element_block_ids", &ids, "element_volume_field_name?", &field, "element_centroid_field_names?", &centroids); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetElementBlockCentroid(ids.sel, field.s, centroids.names)
				return floatList(v[:]), err
			},
		},
		{
			name: "get_element_block_extents", params: "element_block_ids='all'",
			doc: `Return [[xmin, xmax], [ymin, ymax], [zmin, zmax]] over the nodes of the given element blocks.`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("element_block_ids?", &ids); err != nil {
					return nil, err
				}
				e, err := c.model.m.GetElementBlockExtents(ids.sel)
				if err != nil {
					return nil, err
				}
				return starlark.NewList([]starlark.Value{floatList(e[0][:]), floatList(e[1][:]), floatList(e[2][:])}), nil
			},
		},
		{
			name: "get_length_scale", params: "",
			doc: `Return the model's length scale: the largest coordinate range or coordinate
magnitude (0.0 without nodes).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return starlark.Float(c.model.m.GetLengthScale()), nil
			},
		},
		{
			name: "get_element_edge_length_info", params: "element_block_ids='all'",
			doc: `Return [minimum, mean] of the lengths of the element edges of the given blocks (an edge shared by n elements counts n times).`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("element_block_ids?", &ids); err != nil {
					return nil, err
				}
				lo, mean, err := c.model.m.GetElementEdgeLengthInfo(ids.sel)
				return floatList([]float64{lo, mean}), err
			},
		},
		{
			name: "get_side_set_area", params: "side_set_ids",
			doc: `Return the total area of the faces of the given side sets.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				if err := c.unpack("side_set_ids", &ids); err != nil {
					return nil, err
				}
				a, err := c.model.m.GetSideSetArea(ids.sel)
				return starlark.Float(a), err
			},
		},
		{
			name: "get_closest_node_distance", params: "",
			doc: `Return the smallest distance between two distinct nodes. Unlike exomerge,
which misses pairs near its split planes, this is the true minimum.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				d, err := c.model.m.GetClosestNodeDistance()
				if err != nil {
					return nil, err
				}
				return starlark.Float(d), nil
			},
		},
		{
			name: "count_degenerate_elements", params: "element_block_ids='all'",
			doc: `Return the number of elements of the given blocks that use a node more than once.`,
			fn:  blocksCount((*meshobj.Model).CountDegenerateElements),
		},
		{
			name: "count_disconnected_blocks", params: "element_block_ids='all'",
			doc: `Return the number of groups of elements of the given blocks that are connected to each other through shared nodes.`,
			fn:  blocksCount((*meshobj.Model).CountDisconnectedBlocks),
		},
		{
			name: "merge_nodes", params: "tolerance=1e-06, relative_tolerance=True, suppress_warnings=False", mutates: true,
			doc: `Merge nodes closer than tolerance (times the length scale when
relative_tolerance) into one, renumbering the others. Where node field
values differ within a group the survivor gets their mean, with a warning
unless suppress_warnings.

    model.merge_nodes()
    model.merge_nodes(1e-3, relative_tolerance=False)`,
			fn: func(c *call) (starlark.Value, error) {
				tol, rel, quiet := num(1e-6), true, false
				if err := c.unpack("tolerance?", &tol, "relative_tolerance?", &rel, "suppress_warnings?", &quiet); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.MergeNodes(float64(tol), rel, quiet)
			},
		},
		{
			name: "delete_duplicate_elements", params: "element_block_ids='all'", mutates: true,
			doc: `Delete, in each given block, the elements that use the same set of nodes as an earlier element of the block; nodes left unused are deleted.`,
			fn:  blocksChange((*meshobj.Model).DeleteDuplicateElements),
		},
		{
			name: "unmerge_element_blocks", params: "element_block_ids='all'", mutates: true,
			doc: `Give each of the given blocks its own copies of the nodes it shares with the
others (the first block keeps the originals). Linear time, where exomerge is
quadratic.`,
			fn: blocksChange((*meshobj.Model).UnmergeElementBlocks),
		},
		{
			name: "translate_geometry", params: "offset", mutates: true,
			doc: `Move every node by offset [dx, dy, dz].`,
			fn: func(c *call) (starlark.Value, error) {
				var off vec3
				if err := c.unpack("offset", &off); err != nil {
					return nil, err
				}
				c.model.m.TranslateGeometry(off)
				return starlark.None, nil
			},
		},
		{
			name: "scale_geometry", params: "scale_factor, adjust_displacement_field='auto'", mutates: true,
			doc: `Multiply every coordinate by scale_factor, and the displacement field too
when adjust_displacement_field is True, or 'auto' and the field exists.`,
			fn: func(c *call) (starlark.Value, error) {
				var f num
				adj := adjustArg(meshobj.AdjustAuto)
				if err := c.unpack("scale_factor", &f, "adjust_displacement_field?", &adj); err != nil {
					return nil, err
				}
				c.model.m.ScaleGeometry(float64(f), meshobj.Adjust(adj))
				return starlark.None, nil
			},
		},
		{
			name: "rotate_geometry", params: "axis, angle_in_degrees, adjust_displacement_field='auto'", mutates: true,
			doc: `Rotate every node about axis [x, y, z] through the origin by angle_in_degrees (right-hand rule), and the displacement field as scale_geometry does.`,
			fn: func(c *call) (starlark.Value, error) {
				var axis vec3
				var angle num
				adj := adjustArg(meshobj.AdjustAuto)
				if err := c.unpack("axis", &axis, "angle_in_degrees", &angle, "adjust_displacement_field?", &adj); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RotateGeometry(axis, float64(angle), meshobj.Adjust(adj))
			},
		},
		{
			name: "translate_element_blocks", params: "element_block_ids, offset, check_for_merged_nodes=True", mutates: true,
			doc: `Move the nodes of the given blocks by offset. With check_for_merged_nodes it
is an error if another block shares one of those nodes.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var off vec3
				check := true
				if err := c.unpack("element_block_ids", &ids, "offset", &off, "check_for_merged_nodes?", &check); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.TranslateElementBlocks(ids.sel, off, check)
			},
		},
		{
			name: "scale_element_blocks", params: "element_block_ids, scale_factor, check_for_merged_nodes=True, adjust_displacement_field='auto'", mutates: true,
			doc: `Multiply the coordinates of the nodes of the given blocks by scale_factor (and their displacements, as scale_geometry). check_for_merged_nodes as in translate_element_blocks.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var f num
				check, adj := true, adjustArg(meshobj.AdjustAuto)
				if err := c.unpack("element_block_ids", &ids, "scale_factor", &f, "check_for_merged_nodes?", &check, "adjust_displacement_field?", &adj); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.ScaleElementBlocks(ids.sel, float64(f), check, meshobj.Adjust(adj))
			},
		},
		{
			name: "rotate_element_blocks", params: "element_block_ids, axis, angle_in_degrees, check_for_merged_nodes=True, adjust_displacement_field='auto'", mutates: true,
			doc: `Rotate the nodes of the given blocks as rotate_geometry rotates all nodes. check_for_merged_nodes as in translate_element_blocks.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var axis vec3
				var angle num
				check, adj := true, adjustArg(meshobj.AdjustAuto)
				if err := c.unpack("element_block_ids", &ids, "axis", &axis, "angle_in_degrees", &angle, "check_for_merged_nodes?", &check, "adjust_displacement_field?", &adj); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RotateElementBlocks(ids.sel, axis, float64(angle), check, meshobj.Adjust(adj))
			},
		},
		{
			name: "reflect_element_blocks", params: "element_block_ids, point, normal, check_for_merged_nodes=True, adjust_displacement_field='auto'", mutates: true,
			doc: `Mirror the nodes of the given blocks in the plane through point with normal,
turning the elements inside out back the right way. check_for_merged_nodes
as in translate_element_blocks.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var point, normal vec3
				check, adj := true, adjustArg(meshobj.AdjustAuto)
				if err := c.unpack("element_block_ids", &ids, "point", &point, "normal", &normal, "check_for_merged_nodes?", &check, "adjust_displacement_field?", &adj); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.ReflectElementBlocks(ids.sel, point, normal, check, meshobj.Adjust(adj))
			},
		},
		{
			name: "displace_element_blocks", params: "element_block_ids, offset, timesteps='all', check_for_merged_nodes=True", mutates: true,
			doc: `Add offset to the displacement field (created if needed) at the nodes of the
given blocks and timesteps; the coordinates do not change.`,
			fn: func(c *call) (starlark.Value, error) {
				var ids selArg
				var off vec3
				ts, check := sel("all"), true
				if err := c.unpack("element_block_ids", &ids, "offset", &off, "timesteps?", &ts, "check_for_merged_nodes?", &check); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DisplaceElementBlocks(ids.sel, off, ts.sel, check)
			},
		},
		{
			name: "convert_element_field_to_node_field", params: "element_field_name, node_field_name='auto'", mutates: true,
			doc: `Create a node field holding, at each node, the average of an element field over the elements around it ('auto': the element field's name).`,
			fn: func(c *call) (starlark.Value, error) {
				var from string
				to := "auto"
				if err := c.unpack("element_field_name", &from, "node_field_name?", &to); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.ConvertElementFieldToNodeField(from, to)
			},
		},
		{
			name: "convert_node_field_to_element_field", params: "node_field_name, element_field_name='auto', element_block_ids='all'", mutates: true,
			doc: `Create on the given blocks an element field holding the average of a node field over each element's nodes ('auto': the node field's name).`,
			fn: func(c *call) (starlark.Value, error) {
				var from string
				to, ids := "auto", sel("all")
				if err := c.unpack("node_field_name", &from, "element_field_name?", &to, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.ConvertNodeFieldToElementField(from, to, ids.sel)
			},
		},
		{
			name: "create_averaged_element_field", params: "from_element_field_names, new_element_field_name, element_block_ids='all'", mutates: true,
			doc: `Create on the given blocks an element field holding the mean of the given element fields.`,
			fn: func(c *call) (starlark.Value, error) {
				var from selArg
				var to string
				ids := sel("all")
				if err := c.unpack("from_element_field_names", &from, "new_element_field_name", &to, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateAveragedElementField(from.sel, to, ids.sel)
			},
		},
		{
			name: "process_element_fields", params: "element_block_ids='all'", mutates: true,
			doc: `Post-process integration-point element fields: NAME_1..NAME_8 become their
mean NAME, NAME_1..NAME_9 become NAME_1 renamed NAME; then every element
field is converted to a node field and the element fields are deleted.`,
			fn: blocksChange((*meshobj.Model).ProcessElementFields),
		},
		{
			name: "create_interpolated_timestep", params: "timestep, interpolation='cubic'", mutates: true,
			doc: `Create a timestep at this time with every field and global variable
interpolated from the existing timesteps ('cubic' or 'linear'); it is an
error to extrapolate.`,
			fn: func(c *call) (starlark.Value, error) {
				var t num
				how := meshobj.InterpolateCubic
				if err := c.unpack("timestep", &t, "interpolation?", &how); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateInterpolatedTimestep(float64(t), how)
			},
		},
		{
			name: "calculate_element_field_maximum", params: "element_field_names, element_block_ids='all', calculate_location=False, calculate_block_id=False", mutates: true,
			doc: `Store, at each timestep, the largest value of each given element field over
the given blocks in the global variable NAME_max; with calculate_location
also the element's centroid in NAME_max_x, _y, _z, and with
calculate_block_id its block in NAME_max_block_id.`,
			fn: fieldExtreme((*meshobj.Model).CalculateElementFieldMaximum),
		},
		{
			name: "calculate_element_field_minimum", params: "element_field_names, element_block_ids='all', calculate_location=False, calculate_block_id=False", mutates: true,
			doc: `As calculate_element_field_maximum, for the smallest value, in NAME_min.`,
			fn:  fieldExtreme((*meshobj.Model).CalculateElementFieldMinimum),
		},
		{
			name: "calculate_node_field_maximum", params: "node_field_names, element_block_ids='auto', calculate_location=False", mutates: true,
			doc: `Store, at each timestep, the largest value of each given node field (over
all nodes for 'auto', else over the nodes of the given blocks) in the global
variable NAME_max; with calculate_location also the node's displaced
position in NAME_max_x, _y, _z.`,
			fn: nodeExtreme((*meshobj.Model).CalculateNodeFieldMaximum),
		},
		{
			name: "calculate_node_field_minimum", params: "node_field_names, element_block_ids='auto', calculate_location=False", mutates: true,
			doc: `As calculate_node_field_maximum, for the smallest value, in NAME_min.`,
			fn:  nodeExtreme((*meshobj.Model).CalculateNodeFieldMinimum),
		},
		{
			name: "calculate_element_field", params: "expression, element_block_ids='all'", mutates: true,
			doc: `Evaluate "name = formula" on each element of the given blocks at every
timestep; the formula may use time, global variables and the block's element
fields. ` + expressionDoc + `

    model.calculate_element_field('stress_sum = stress_xx + stress_yy + stress_zz')`,
			fn: expression("element_block_ids", (*meshobj.Model).CalculateElementField),
		},
		{
			name: "calculate_node_field", params: "expression", mutates: true,
			doc: `Evaluate "name = formula" at each node and timestep; the formula may use
time, global variables, the coordinates X, Y, Z and the node fields. ` + expressionDoc + `

    model.calculate_node_field('disp_mag = sqrt(disp_x ** 2 + disp_y ** 2 + disp_z ** 2)')`,
			fn: expression("", func(m *meshobj.Model, e string, _ meshobj.Selector) error { return m.CalculateNodeField(e) }),
		},
		{
			name: "calculate_node_set_field", params: "expression, node_set_ids='all'", mutates: true,
			doc: `Evaluate "name = formula" at each member of the given node sets and each timestep; the formula may use time, global variables, X, Y, Z, node fields and the set's fields. ` + expressionDoc,
			fn:  expression("node_set_ids", (*meshobj.Model).CalculateNodeSetField),
		},
		{
			name: "calculate_side_set_field", params: "expression, side_set_ids='all'", mutates: true,
			doc: `Evaluate "name = formula" at each member of the given side sets and each timestep; the formula may use time, global variables and the set's fields. ` + expressionDoc,
			fn:  expression("side_set_ids", (*meshobj.Model).CalculateSideSetField),
		},
		{
			name: "calculate_global_variable", params: "expression", mutates: true,
			doc: `Evaluate "name = formula" at each timestep; the formula may use time and the
global variables. ` + expressionDoc,
			fn: expression("", func(m *meshobj.Model, e string, _ meshobj.Selector) error { return m.CalculateGlobalVariable(e) }),
		},
	},
}

// fieldExtreme returns the fn of calculate_element_field_maximum/minimum.
func fieldExtreme(f func(m *meshobj.Model, names, blocks meshobj.Selector, location, blockID bool) error) func(c *call) (starlark.Value, error) {
	return func(c *call) (starlark.Value, error) {
		var names selArg
		ids := sel("all")
		var loc, bid bool
		if err := c.unpack("element_field_names", &names, "element_block_ids?", &ids, "calculate_location?", &loc, "calculate_block_id?", &bid); err != nil {
			return nil, err
		}
		return starlark.None, f(c.model.m, names.sel, ids.sel, loc, bid)
	}
}

// nodeExtreme returns the fn of calculate_node_field_maximum/minimum.
func nodeExtreme(f func(m *meshobj.Model, names, blocks meshobj.Selector, location bool) error) func(c *call) (starlark.Value, error) {
	return func(c *call) (starlark.Value, error) {
		var names selArg
		ids := sel("auto")
		var loc bool
		if err := c.unpack("node_field_names", &names, "element_block_ids?", &ids, "calculate_location?", &loc); err != nil {
			return nil, err
		}
		return starlark.None, f(c.model.m, names.sel, ids.sel, loc)
	}
}
