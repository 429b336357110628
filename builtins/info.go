package builtins

import (
	"fmt"
	"os"

	"go.starlark.net/starlark"
)

// infoArea holds the methods on nodes and on the model as a whole.
var infoArea = area{
	title: "Nodes and the whole model",
	intro: "Nodes are 0-based indices into model.nodes. Deleting nodes renumbers the others, keeping their order.",
	methods: []method{
		{
			name:    "create_nodes",
			params:  "new_nodes",
			mutates: true,
			doc: `Append nodes: a list of [x, y, z], or a flat list or float_array of x, y, z
per node. Node fields get their default value at the new nodes.

    model.create_nodes([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]])`,
			fn: func(c *call) (starlark.Value, error) {
				var coords coordsArg
				if err := c.unpack("new_nodes", &coords); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateNodes(coords.coords)
			},
		},
		{
			name:    "delete_unused_nodes",
			params:  "",
			mutates: true,
			doc:     `Delete the nodes that no element uses, renumbering the others (keeping their order) everywhere.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteUnusedNodes()
			},
		},
		{
			name:   "summarize",
			params: "",
			doc:    `Print how many elements, timesteps, global variables, nodes, node fields, element blocks, element fields, node sets, node set fields, side sets and side set fields the model has.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				fmt.Fprint(stdoutOf(c.thread), c.model.m.Summarize())
				return starlark.None, nil
			},
		},
		{
			name:   "get_input_deck",
			params: "",
			doc:    `Return the input deck that SIERRA codes store in the information records (from a "begin" line to its "end"), as one string; '' if there is none.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return starlark.String(c.model.m.GetInputDeck()), nil
			},
		},
		{
			name:   "output_global_variables",
			params: "filename=None, global_variable_names='all', timesteps='all'",
			doc: `Write the given global variables at the given timesteps as CSV (a header
"time, name, ...", then one row per timestep) to filename, or print it when
filename is None.

    model.output_global_variables('globals.csv')`,
			fn: func(c *call) (starlark.Value, error) {
				var filename optString
				names, ts := sel("all"), sel("all")
				if err := c.unpack("filename?", &filename, "global_variable_names?", &names, "timesteps?", &ts); err != nil {
					return nil, err
				}
				text, err := c.model.m.OutputGlobalVariables(names.sel, ts.sel)
				if err != nil {
					return nil, err
				}
				if !filename.isSet {
					fmt.Fprint(stdoutOf(c.thread), text)
					return starlark.None, nil
				}
				return starlark.None, os.WriteFile(filename.s, []byte(text), 0o644)
			},
		},
		{
			name:    "to_lowercase",
			params:  "",
			mutates: true,
			doc: `Convert the names of all global variables, node fields, element fields,
node set fields and side set fields to lower case. Where two names collide,
warn and keep the renamed one.`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				c.model.m.ToLowercase()
				return starlark.None, nil
			},
		},
	},
}
