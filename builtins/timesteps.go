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
				var t num
				if err := c.unpack("timestep", &t); err != nil {
					return nil, err
				}
				return starlark.Bool(c.model.m.TimestepExists(float64(t))), nil
			},
		},
		{
			name:    "create_timestep",
			params:  "timestep",
			mutates: true,
			doc: `Add a timestep at this time; every field and global variable gets its
default value there (0.0 for displacements, else nan). Times stay sorted. If
the time exists, warn and do nothing.`,
			fn: func(c *call) (starlark.Value, error) {
				var t num
				if err := c.unpack("timestep", &t); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CreateTimestep(float64(t))
			},
		},
		{
			name:    "copy_timestep",
			params:  "timestep, new_timestep",
			mutates: true,
			doc:     `Add a timestep at time new_timestep holding a copy of every value at an existing timestep. If new_timestep exists, warn and do nothing.`,
			fn: func(c *call) (starlark.Value, error) {
				from := one(nil)
				var t num
				if err := c.unpack("timestep", &from, "new_timestep", &t); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.CopyTimestep(from.item(), float64(t))
			},
		},
		{
			name:    "delete_timestep",
			params:  "timesteps",
			mutates: true,
			doc:     `Delete the given timesteps (times, 'first', 'last', 'all', or a list) and every field value and global variable value there.`,
			fn: func(c *call) (starlark.Value, error) {
				var ts selArg
				if err := c.unpack("timesteps", &ts); err != nil {
					return nil, err
				}
				return starlark.None, c.model.m.DeleteTimesteps(ts.sel)
			},
		},
	},
}
