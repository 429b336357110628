package builtins

import (
	"errors"
	"fmt"
	"time"

	"exosh/exodus"

	"exosh/meshobj"
	"exosh/surface"

	"go.starlark.net/starlark"
)

// This file holds the methods of area D that work on the exterior surface
// of element blocks: create_side_set_from_expression, export_stl_file and
// export_wrl_model.

// ptr returns nil for 'auto', else the number.
func (a *valueArg) ptr() *float64 {
	if a.auto {
		return nil
	}
	return &a.v
}

// surfaceMethods are the exterior-surface methods.
var surfaceMethods = []method{
	{
		name:    "create_side_set_from_expression",
		params:  "side_set_id, expression, element_block_ids='all', tolerance='auto', timesteps='last_if_any', zero_member_warning=True",
		mutates: true,
		doc: `Create a side set of the external faces of the given blocks whose nodes all
satisfy the expression. Each comparison becomes a distance that is zero
where it holds (a == b is |a-b|, a >= b and a > b are d-|d| with d = a-b;
&& and 'and' take the larger, || and 'or' the smaller magnitude), and a node
passes when the result is within tolerance ('auto': 1e-6 times the length
scale). The expression may use X, Y, Z and, at the timestep chosen by
timesteps, time, the global variables and the node fields. An empty set
warns unless zero_member_warning is False; an unknown name is an error and
changes nothing.

    model.create_side_set_from_expression(1, 'Y == 0')
    model.create_side_set_from_expression(2, 'X >= 1 && Z <= 0.5', element_block_ids=[1, 2])`,
		fn: func(c *call) (starlark.Value, error) {
			var id int64
			var expression string
			blocks, ts := sel("all"), sel("last_if_any")
			tol := valueArg{auto: true}
			warnEmpty := true
			if err := c.unpack("side_set_id", &id, "expression", &expression, "element_block_ids?", &blocks,
				"tolerance?", &tol, "timesteps?", &ts, "zero_member_warning?", &warnEmpty); err != nil {
				return nil, err
			}
			return starlark.None, c.model.m.CreateSideSetFromExpression(id, expression, blocks.sel, tol.ptr(), ts.sel, warnEmpty)
		},
	},
	{
		name:   "export_stl_file",
		params: "filename, element_block_ids='all', displacement_timestep='auto'",
		doc: `Write the exterior of the given 3-D blocks to a binary STL file, split into
triangles as exomerge splits faces (a quad4 face into 4 triangles around
its centre). displacement_timestep 'auto' adds the displacement at the last
timestep when the model has one; 'none' writes the undisplaced mesh. Each
triangle's normal is its true outward unit normal (exomerge writes the
cross product of two vertex positions instead). The model is unchanged.

    model.export_stl_file('mesh_surface.stl')`,
		fn: exportSTL,
	},
	{
		name:   "export_wrl_model",
		params: "filename, node_field_name, element_block_ids='all', timestep='last', field_range='auto', intervals=9, colorspace='rgb', displacement_timestep='auto', export_exodus_copy=True",
		doc: `Write the exterior of the given blocks (all 3-D, or all tri3 blocks closing a
volume) to a VRML file coloured by a node field at timestep. The surface is
cut along the interval bounds (intervals equal intervals of field_range,
'auto' being the field's range on the surface, or a list of bounds) and
each piece gets its interval's colour: 'rgb' runs from blue at the minimum
to red at the maximum, or give a list of [r, g, b] colours, one per
interval. displacement_timestep 'auto' displaces by the field's timestep
when the model has a displacement field. With export_exodus_copy the cut
surface, with its element field "interval", is also written to an Exodus
file named as exomerge names it: 'model.wrl' gives 'model_wrl.e'. The
model is unchanged.

    model.export_wrl_model('colored_eqps_model.wrl', 'eqps')
    model.export_wrl_model('t.wrl', 'temp', intervals=4, export_exodus_copy=False)`,
		fn: exportWRL,
	},
}

// exportSTL implements export_stl_file.
func exportSTL(c *call) (starlark.Value, error) {
	var filename string
	blocks, disp := sel("all"), sel("auto")
	if err := c.unpack("filename", &filename, "element_block_ids?", &blocks, "displacement_timestep?", &disp); err != nil {
		return nil, err
	}
	s, err := c.model.m.ExportSTL(blocks.sel, disp.sel)
	if err != nil {
		return nil, err
	}
	data, err := surface.STLBytes(s)
	if err != nil {
		return nil, err
	}
	return starlark.None, c.writeOutput(filename, data)
}

// rangeArg unpacks field_range: 'auto' (nil) or [min, max].
type rangeArg struct{ r *[2]float64 }

// Unpack implements starlark.Unpacker.
func (a *rangeArg) Unpack(v starlark.Value) error {
	if s, ok := v.(starlark.String); ok && s == "auto" {
		a.r = nil
		return nil
	}
	xs, err := floatsOf(v)
	if err != nil || len(xs) != 2 {
		return fmt.Errorf("got %s, want 'auto' or [min, max]", v)
	}
	a.r = &[2]float64{xs[0], xs[1]}
	return nil
}

// intervalsArg unpacks intervals: a count of equal intervals or a list of
// interval bounds.
type intervalsArg struct {
	n      int
	bounds []float64
}

// Unpack implements starlark.Unpacker.
func (a *intervalsArg) Unpack(v starlark.Value) error {
	if i, ok := v.(starlark.Int); ok {
		n, ok := i.Int64()
		if !ok || n < 1 || n > 1<<20 {
			return fmt.Errorf("got %v, want a count from 1 to %d or a list of bounds", i, 1<<20)
		}
		a.n, a.bounds = int(n), nil
		return nil
	}
	xs, err := floatsOf(v)
	if err != nil {
		return fmt.Errorf("got %s, want an int or a list of bounds", v.Type())
	}
	a.bounds = xs
	return nil
}

// colorsArg unpacks colorspace: 'rgb' (nil) or a list of [r, g, b].
type colorsArg struct{ c [][3]float64 }

// Unpack implements starlark.Unpacker.
func (a *colorsArg) Unpack(v starlark.Value) error {
	if s, ok := v.(starlark.String); ok && s == "rgb" {
		a.c = nil
		return nil
	}
	seq, ok := v.(starlark.Indexable)
	if !ok || v.Type() == "string" {
		return fmt.Errorf("got %s, want 'rgb' or a list of [r, g, b] colours", v)
	}
	a.c = make([][3]float64, seq.Len())
	for i := range a.c {
		var rgb vec3
		if err := rgb.Unpack(seq.Index(i)); err != nil {
			return fmt.Errorf("colour %d: %v", i, err)
		}
		a.c[i] = rgb
	}
	return nil
}

// exportWRL implements export_wrl_model.
func exportWRL(c *call) (starlark.Value, error) {
	var filename, field string
	blocks, ts, disp := sel("all"), one("last"), one("auto")
	var fr rangeArg
	iv := intervalsArg{n: 9}
	var colors colorsArg
	copyExo := true
	if err := c.unpack("filename", &filename, "node_field_name", &field, "element_block_ids?", &blocks,
		"timestep?", &ts, "field_range?", &fr, "intervals?", &iv, "colorspace?", &colors,
		"displacement_timestep?", &disp, "export_exodus_copy?", &copyExo); err != nil {
		return nil, err
	}
	sc, err := c.model.m.ExportWRL(meshobj.WRLOptions{
		NodeField: field, Blocks: blocks.sel, Timestep: ts.item(), FieldRange: fr.r,
		Bounds: iv.bounds, Intervals: iv.n, Colors: colors.c,
		DisplacementTimestep: disp.item(), ExodusCopy: copyExo,
	})
	if err != nil {
		return nil, err
	}
	if sc.Companion != nil {
		name := surface.CompanionName(filename)
		sc.Companion.QARecords = append(sc.Companion.QARecords, meshobj.ExosQARecord(Version, time.Now()))
		if err := exodus.Write(name, sc.Companion, &exodus.WriteOptions{Stop: c.model.m.Interrupt}); err != nil {
			if errors.Is(err, exodus.ErrStopped) {
				return nil, meshobj.ErrInterrupted
			}
			return nil, err
		}
	}
	data, err := surface.WRLBytes(sc)
	if err != nil {
		return nil, err
	}
	return starlark.None, c.writeOutput(filename, data)
}
