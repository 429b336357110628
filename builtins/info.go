package builtins

import (
	"go.starlark.net/starlark"
)

// infoArea holds the methods on the model as a whole.
var infoArea = area{
	title: "The whole model",
	methods: []method{
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
