package builtins

import (
	"go.starlark.net/starlark"
)

// timestepArea holds the timestep methods.
var timestepArea = area{
	title: "Timesteps",
	intro: "Timesteps are referred to by their time (a float) or by 'first', 'last', 'all', ...; every field has one set of values per timestep.",
	methods: []method{
		{
			name:   "get_timesteps",
			params: "",
			doc:    `Return the times of all timesteps, in ascending order (a new list).`,
			fn: func(c *call) (starlark.Value, error) {
				if err := c.unpack(); err != nil {
					return nil, err
				}
				return floatList(c.model.m.GetTimesteps()), nil
			},
		},
		{
			name:   "timestep_exists",
			params: "timestep",
			doc:    `Return True if a timestep with exactly this time exists.`,
			fn: func(c *call) (starlark.Value, error) {
				var t float64
				if err := c.unpack("timestep", &t); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.TimestepExists(t)), nil
			},
		},
	},
}
