package builtins

import (
	"fmt"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// valueArg unpacks exomerge's value='auto' parameter of the create_*_field
// methods: 'auto' or a number.
type valueArg struct {
	auto bool
	v    float64
}

// Unpack accepts 'auto' or a number.
func (a *valueArg) Unpack(v starlark.Value) error {
	if s, ok := v.(starlark.String); ok && s == "auto" {
		a.auto = true
		return nil
	}
	f, ok := starlark.AsFloat(v)
	if !ok {
		return fmt.Errorf("got %s, want a number or 'auto'", v.Type())
	}
	a.auto, a.v = false, f
	return nil
}

// forField returns the value to fill field name with: the number given, or
// for 'auto' exomerge's default (0 for a displacement component, else NaN).
func (a valueArg) forField(name string) float64 {
	if a.auto {
		return meshobj.DefaultFieldValue(name)
	}
	return a.v
}

const autoValueDoc = `value='auto' gives 0.0 for a displacement component (disp_x, ...) and nan for
any other field.`

// fieldArea holds the methods of node fields, element fields, node set
// fields and side set fields.
var fieldArea = area{
	title: "Fields",
	intro: "A field holds one value per node, element or set member at every timestep. Field names may be given as '*' patterns or 'auto' where one field is meant; get_*_field_values return a float_array viewing the model.",
	methods: []method{
		{
			name:   "get_node_field_names",
			params: "",
			doc:    `Return the names of the node fields, sorted as exomerge sorts field names (components such as _x, _y, _z in order).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return stringList(c.model.m.GetNodeFieldNames()), nil
			},
		},
		{
			name:   "node_field_exists",
			params: "node_field_name",
			doc:    `Return True if the node field exists.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				if err := c.unpack("node_field_name", &name); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.NodeFieldExists(name)), nil
			},
		},
		{
			name:   "get_node_field_values",
			params: "node_field_name, timestep='last'",
			doc: `Return the values of a node field at one timestep: a float_array with one
value per node that views the model, so writing into it changes the field at
that timestep only. It costs O(1), whatever the size of the field, except
the first time for a timestep that shares its values with others (a field
that does not change in time keeps one array for all timesteps), which
then gets its own copy.

    temp = model.get_node_field_values('temp')           # last timestep
    model.get_node_field_values('disp_x', 0.01)[0] = 0.0`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				t := one("last")
				if err := c.unpack("node_field_name", &name, "timestep?", &t); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetNodeFieldValues(name, t.item())
				if err != nil {
					return nil, err
				}
				return c.model.floatView(v), nil
			},
		},
		{
			name:    "create_node_field",
			params:  "node_field_name, value='auto'",
			mutates: true,
			doc: `Create a node field holding value at every node and timestep. ` + autoValueDoc + `
If the field exists, warn and leave it unchanged.

    model.create_node_field('temperature', 298.15)`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				val := valueArg{auto: true}
				if err := c.unpack("node_field_name", &name, "value?", &val); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateNodeField(name, val.forField(name))
			},
		},
		{
			name:    "delete_node_field",
			params:  "node_field_names",
			mutates: true,
			doc:     `Delete the given node fields (a name, a '*' pattern, 'all', or a list).`,
			fn: func(c *call) (starlark.Value, error) {
				var names selArg
				if err := c.unpack("node_field_names", &names); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteNodeFields(names.sel)
			},
		},
		{
			name:    "rename_node_field",
			params:  "node_field_name, new_node_field_name",
			mutates: true,
			doc:     `Rename a node field. If a field of the new name exists, warn and replace it.`,
			fn: func(c *call) (starlark.Value, error) {
				var name, newName string
				if err := c.unpack("node_field_name", &name, "new_node_field_name", &newName); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameNodeField(name, newName)
			},
		},
		{
			name:   "displacement_field_exists",
			params: "",
			doc:    `Return True if the displacement node fields (disp_x, disp_y and disp_z, or another prefix that abbreviates "displacement") exist.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.DisplacementFieldExists()), nil
			},
		},
		{
			name:    "create_displacement_field",
			params:  "",
			mutates: true,
			doc:     `Create the displacement node fields disp_x, disp_y and disp_z that do not exist yet, with value 0.0.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateDisplacementField()
			},
		},
		{
			name:   "get_element_field_names",
			params: "element_block_ids='all'",
			doc:    `Return the names of the element fields defined on any of the given element blocks, sorted.`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("element_block_ids?", &ids); err != nil {
					return nil, err
				}
				names, err := c.model.m.GetElementFieldNames(ids.sel)
				return stringList(names), err
			},
		},
		{
			name:   "element_field_exists",
			params: "element_field_name, element_block_ids='all'",
			doc:    `Return True if the element field is defined on every one of the given element blocks.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				if err := c.unpack("element_field_name", &name, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				ok, err := c.model.m.ElementFieldExists(name, ids.sel)
				return starlark.Bool(ok), err
			},
		},
		{
			name:   "get_element_field_values",
			params: "element_field_name, element_block_id='auto', timestep='last'",
			doc: `Return the values of an element field on one element block at one timestep:
a float_array with one value per element that views the model, so writing
into it changes the field at that timestep only (a timestep that shares its
values with others gets its own copy first, as for get_node_field_values).

    eqps = model.get_element_field_values('eqps', 1)`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				b, t := one("auto"), one("last")
				if err := c.unpack("element_field_name", &name, "element_block_id?", &b, "timestep?", &t); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetElementFieldValues(name, b.item(), t.item())
				if err != nil {
					return nil, err
				}
				return c.model.floatView(v), nil
			},
		},
		{
			name:    "create_element_field",
			params:  "element_field_name, element_block_ids='all', value='auto'",
			mutates: true,
			doc: `Create an element field holding value on the given element blocks at every
timestep. ` + autoValueDoc + ` Where the field exists, warn and replace it.

    model.create_element_field('material', [1, 2], 3.0)`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				val := valueArg{auto: true}
				if err := c.unpack("element_field_name", &name, "element_block_ids?", &ids, "value?", &val); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateElementField(name, ids.sel, val.forField(name))
			},
		},
		{
			name:    "delete_element_field",
			params:  "element_field_names, element_block_ids='all'",
			mutates: true,
			doc:     `Delete the given element fields from the given element blocks. A field defined on none of them is a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var names selArg
				ids := sel("all")
				if err := c.unpack("element_field_names", &names, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteElementFields(names.sel, ids.sel)
			},
		},
		{
			name:    "rename_element_field",
			params:  "element_field_name, new_element_field_name, element_block_ids='all'",
			mutates: true,
			doc:     `Rename an element field on the given element blocks. A block without the field is a warning; where the new name exists it is replaced, with a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var name, newName string
				ids := sel("all")
				if err := c.unpack("element_field_name", &name, "new_element_field_name", &newName, "element_block_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameElementField(name, newName, ids.sel)
			},
		},
		{
			name:   "get_node_set_field_names",
			params: "node_set_ids='all'",
			doc:    `Return the names of the fields defined on any of the given node sets, sorted.`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("node_set_ids?", &ids); err != nil {
					return nil, err
				}
				names, err := c.model.m.GetNodeSetFieldNames(ids.sel)
				return stringList(names), err
			},
		},
		{
			name:   "node_set_field_exists",
			params: "node_set_field_name, node_set_ids='all'",
			doc:    `Return True if the field is defined on every one of the given node sets.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				if err := c.unpack("node_set_field_name", &name, "node_set_ids?", &ids); err != nil {
					return nil, err
				}
				ok, err := c.model.m.NodeSetFieldExists(name, ids.sel)
				return starlark.Bool(ok), err
			},
		},
		{
			name:   "get_node_set_field_values",
			params: "node_set_field_name, node_set_id='auto', timestep='last'",
			doc:    `Return the values of a node set field on one node set at one timestep: a float_array with one value per member that views the model.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				s, t := one("auto"), one("last")
				if err := c.unpack("node_set_field_name", &name, "node_set_id?", &s, "timestep?", &t); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetNodeSetFieldValues(name, s.item(), t.item())
				if err != nil {
					return nil, err
				}
				return c.model.floatView(v), nil
			},
		},
		{
			name:    "create_node_set_field",
			params:  "node_set_field_name, node_set_ids='all', value='auto'",
			mutates: true,
			doc:     `Create a field holding value on the given node sets at every timestep. ` + autoValueDoc + ` Where the field exists, warn and replace it.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				val := valueArg{auto: true}
				if err := c.unpack("node_set_field_name", &name, "node_set_ids?", &ids, "value?", &val); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateNodeSetField(name, ids.sel, val.forField(name))
			},
		},
		{
			name:    "delete_node_set_field",
			params:  "node_set_field_names, node_set_ids='all'",
			mutates: true,
			doc:     `Delete the given node set fields from the given node sets. A field defined on none of them is a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var names selArg
				ids := sel("all")
				if err := c.unpack("node_set_field_names", &names, "node_set_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteNodeSetFields(names.sel, ids.sel)
			},
		},
		{
			name:    "rename_node_set_field",
			params:  "node_set_field_name, new_node_set_field_name, node_set_ids='all'",
			mutates: true,
			doc:     `Rename a node set field on the given node sets. A set without the field is a warning; where the new name exists it is replaced, with a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var name, newName string
				ids := sel("all")
				if err := c.unpack("node_set_field_name", &name, "new_node_set_field_name", &newName, "node_set_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameNodeSetField(name, newName, ids.sel)
			},
		},
		{
			name:   "get_side_set_field_names",
			params: "side_set_ids='all'",
			doc:    `Return the names of the fields defined on any of the given side sets, sorted.`,
			fn: func(c *call) (starlark.Value, error) {
				ids := sel("all")
				if err := c.unpack("side_set_ids?", &ids); err != nil {
					return nil, err
				}
				names, err := c.model.m.GetSideSetFieldNames(ids.sel)
				return stringList(names), err
			},
		},
		{
			name:   "side_set_field_exists",
			params: "side_set_field_name, side_set_ids='all'",
			doc:    `Return True if the field is defined on every one of the given side sets.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				if err := c.unpack("side_set_field_name", &name, "side_set_ids?", &ids); err != nil {
					return nil, err
				}
				ok, err := c.model.m.SideSetFieldExists(name, ids.sel)
				return starlark.Bool(ok), err
			},
		},
		{
			name:   "get_side_set_field_values",
			params: "side_set_field_name, side_set_id='auto', timestep='last'",
			doc:    `Return the values of a side set field on one side set at one timestep: a float_array with one value per member that views the model.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				s, t := one("auto"), one("last")
				if err := c.unpack("side_set_field_name", &name, "side_set_id?", &s, "timestep?", &t); err != nil {
					return nil, err
				}
				v, err := c.model.m.GetSideSetFieldValues(name, s.item(), t.item())
				if err != nil {
					return nil, err
				}
				return c.model.floatView(v), nil
			},
		},
		{
			name:    "create_side_set_field",
			params:  "side_set_field_name, side_set_ids='all', value='auto'",
			mutates: true,
			doc:     `Create a field holding value on the given side sets at every timestep. ` + autoValueDoc + ` Where the field exists, warn and replace it.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				ids := sel("all")
				val := valueArg{auto: true}
				if err := c.unpack("side_set_field_name", &name, "side_set_ids?", &ids, "value?", &val); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateSideSetField(name, ids.sel, val.forField(name))
			},
		},
		{
			name:    "delete_side_set_field",
			params:  "side_set_field_names, side_set_ids='all'",
			mutates: true,
			doc:     `Delete the given side set fields from the given side sets. A field defined on none of them is a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var names selArg
				ids := sel("all")
				if err := c.unpack("side_set_field_names", &names, "side_set_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteSideSetFields(names.sel, ids.sel)
			},
		},
		{
			name:    "rename_side_set_field",
			params:  "side_set_field_name, new_side_set_field_name, side_set_ids='all'",
			mutates: true,
			doc:     `Rename a side set field on the given side sets. A set without the field is a warning; where the new name exists it is replaced, with a warning.`,
			fn: func(c *call) (starlark.Value, error) {
				var name, newName string
				ids := sel("all")
				if err := c.unpack("side_set_field_name", &name, "new_side_set_field_name", &newName, "side_set_ids?", &ids); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameSideSetField(name, newName, ids.sel)
			},
		},
	},
}

// globalArea holds the global variable methods.
var globalArea = area{
	title: "Global variables",
	intro: "A global variable holds one value per timestep.",
	methods: []method{
		{
			name:   "get_global_variable_names",
			params: "",
			doc:    `Return the names of the global variables, sorted as exomerge sorts field names.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return stringList(c.model.m.GetGlobalVariableNames()), nil
			},
		},
		{
			name:   "global_variable_exists",
			params: "global_variable_name",
			doc:    `Return True if the global variable exists.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				if err := c.unpack("global_variable_name", &name); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.GlobalVariableExists(name)), nil
			},
		},
		{
			name:    "create_global_variable",
			params:  "global_variable_name, value='auto'",
			mutates: true,
			doc:     `Create a global variable holding value at every timestep. ` + autoValueDoc + ` If it exists, warn and replace it.`,
			fn: func(c *call) (starlark.Value, error) {
				var name string
				val := valueArg{auto: true}
				if err := c.unpack("global_variable_name", &name, "value?", &val); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateGlobalVariable(name, val.forField(name))
			},
		},
		{
			name:    "delete_global_variable",
			params:  "global_variable_names",
			mutates: true,
			doc:     `Delete the given global variables (a name, a '*' pattern, 'all', or a list).`,
			fn: func(c *call) (starlark.Value, error) {
				var names selArg
				if err := c.unpack("global_variable_names", &names); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteGlobalVariables(names.sel)
			},
		},
		{
			name:    "rename_global_variable",
			params:  "global_variable_name, new_global_variable_name",
			mutates: true,
			doc:     `Rename a global variable. If one of the new name exists, warn and replace it.`,
			fn: func(c *call) (starlark.Value, error) {
				var name, newName string
				if err := c.unpack("global_variable_name", &name, "new_global_variable_name", &newName); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.RenameGlobalVariable(name, newName)
			},
		},
	},
}
