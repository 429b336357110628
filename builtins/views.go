package builtins

import (
	"fmt"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// A dataAttr is one of exomerge's data attributes of ExodusModel.
type dataAttr struct {
	name string
	doc  string
	get  func(x *Model) (starlark.Value, error)
	set  func(x *Model, v starlark.Value) error // nil: read-only
}

// dataAttrs lists the data attributes, as exomerge names them.
var dataAttrs = []dataAttr{
	{
		name: "title",
		doc:  "The database title, a string, or None for a model that has none yet. Assignable (a string, or None).",
		get: func(x *Model) (starlark.Value, error) {
			if !x.m.HasTitle {
				return starlark.None, nil
			}
			return starlark.String(x.m.Title), nil
		},
		set: func(x *Model, v starlark.Value) error {
			if v == starlark.None {
				x.m.Title, x.m.HasTitle = "", false
				return nil
			}
			s, ok := starlark.AsString(v)
			if !ok {
				return fmt.Errorf("ExodusModel.title: got %s, want a string or None", v.Type())
			}
			x.m.Title, x.m.HasTitle = s, true
			return nil
		},
	},
	{
		name: "info_records",
		doc:  "The information records, a list of strings. Reading gives a frozen copy; assign a new list to change them: model.info_records = model.info_records + ['note'].",
		get: func(x *Model) (starlark.Value, error) {
			l := make([]starlark.Value, len(x.m.InfoRecords))
			for i, s := range x.m.InfoRecords {
				l[i] = starlark.String(s)
			}
			list := starlark.NewList(l)
			list.Freeze()
			return list, nil
		},
		set: func(x *Model, v starlark.Value) error {
			recs, err := stringsOf(v)
			if err != nil {
				return fmt.Errorf("ExodusModel.info_records: %v", err)
			}
			x.m.InfoRecords = recs
			return nil
		},
	},
	{
		name: "qa_records",
		doc:  "The QA records, a list of (code, version, date, time) tuples of strings. Reading gives a frozen copy; assign a new list to change them. Every export appends one record for exosh.",
		get: func(x *Model) (starlark.Value, error) {
			l := make([]starlark.Value, len(x.m.QARecords))
			for i, r := range x.m.QARecords {
				l[i] = starlark.Tuple{starlark.String(r[0]), starlark.String(r[1]), starlark.String(r[2]), starlark.String(r[3])}
			}
			list := starlark.NewList(l)
			list.Freeze()
			return list, nil
		},
		set: func(x *Model, v starlark.Value) error {
			it, ok := v.(starlark.Iterable)
			if !ok {
				return fmt.Errorf("ExodusModel.qa_records: got %s, want a list of 4-tuples of strings", v.Type())
			}
			var recs [][4]string
			var item starlark.Value
			iter := it.Iterate()
			defer iter.Done()
			for i := 0; iter.Next(&item); i++ {
				fs, err := stringsOf(item)
				if err != nil || len(fs) != 4 {
					return fmt.Errorf("ExodusModel.qa_records: item %d is %s, want 4 strings (code, version, date, time)", i, item)
				}
				recs = append(recs, [4]string{fs[0], fs[1], fs[2], fs[3]})
			}
			x.m.QARecords = recs
			return nil
		},
	},
	{
		name: "num_dimension",
		doc:  "The spatial dimension, 1, 2 or 3 (read-only).",
		get: func(x *Model) (starlark.Value, error) {
			return starlark.MakeInt(x.m.NumDim), nil
		},
	},
	{
		name: "nodes",
		doc:  "The nodes, a live view. model.nodes[i] is [x, y, z] of node i (0-based) as a float array viewing the model's coordinates, so model.nodes[i][0] = 1.5 moves the node, and model.nodes[i] = [x, y, z] sets all three.",
		get: func(x *Model) (starlark.Value, error) {
			m := x.m
			return &listView{
				typ:    "nodes",
				frozen: x.frozen,
				n:      m.NumNodes,
				at: func(i int) starlark.Value {
					return &FloatArray{data: m.Coords[3*i : 3*i+3 : 3*i+3], frozen: x.frozen}
				},
				set: func(i int, v starlark.Value) error {
					return copyFloats(m.Coords[3*i:3*i+3], v, "node")
				},
			}, nil
		},
	},
	{
		name: "timesteps",
		doc:  "The times of the timesteps in model order, a float array. It views the model's own array (writing into it changes the times); get_timesteps() returns them sorted.",
		get: func(x *Model) (starlark.Value, error) {
			return &FloatArray{data: x.m.Timesteps, frozen: x.frozen}, nil
		},
	},
	{
		name: "node_fields",
		doc:  "The node fields, a live mapping view. model.node_fields[name][timestep_index] is that timestep's values, a float array viewing the model (one value per node).",
		get: func(x *Model) (starlark.Value, error) {
			return fieldsView(x, "node_fields", func() []*meshobj.Field { return x.m.NodeFields }), nil
		},
	},
	{
		name: "global_variables",
		doc:  "The global variables, a live mapping view. model.global_variables[name] is a float array viewing its values, one per timestep.",
		get: func(x *Model) (starlark.Value, error) {
			m := x.m
			return &mapView{
				typ:    "global_variables",
				frozen: x.frozen,
				keys: func() []starlark.Value {
					ks := make([]starlark.Value, len(m.GlobalVars))
					for i, g := range m.GlobalVars {
						ks[i] = starlark.String(g.Name)
					}
					return ks
				},
				get: func(k starlark.Value) (starlark.Value, bool) {
					name, _ := starlark.AsString(k)
					for _, g := range m.GlobalVars {
						if g.Name == name {
							return &FloatArray{data: g.Values, frozen: x.frozen}, true
						}
					}
					return nil, false
				},
			}, nil
		},
	},
	{
		name: "element_blocks",
		doc:  "The element blocks, a live mapping view by id. model.element_blocks[id] is [name, info, connectivity, fields] with info = [element_type, element_count, nodes_per_element, attribute_count], connectivity a flat int array of 0-based node indices viewing the model, and fields a mapping view name -> per-timestep float arrays. Assigning item 0 renames the block.",
		get: func(x *Model) (starlark.Value, error) {
			return idView(x, "element_blocks", func() []*meshobj.ElementBlock { return x.m.Blocks },
				func(e *meshobj.ElementBlock) int64 { return e.ID },
				func(e *meshobj.ElementBlock) starlark.Value { return blockRecord(x, e) }), nil
		},
	},
	{
		name: "node_sets",
		doc:  "The node sets, a live mapping view by id. model.node_sets[id] is [name, members, fields] with members an int array of 0-based node indices viewing the model and fields a mapping view name -> per-timestep float arrays. Assigning item 0 renames the set.",
		get: func(x *Model) (starlark.Value, error) {
			return idView(x, "node_sets", func() []*meshobj.NodeSet { return x.m.NodeSets },
				func(e *meshobj.NodeSet) int64 { return e.ID },
				func(e *meshobj.NodeSet) starlark.Value { return nodeSetRecord(x, e) }), nil
		},
	},
	{
		name: "side_sets",
		doc:  "The side sets, a live mapping view by id. model.side_sets[id] is [name, members, fields] with members a sequence of (element_block_id, element_index, side_index) tuples (0-based indices) and fields a mapping view name -> per-timestep float arrays. Assigning item 0 renames the set.",
		get: func(x *Model) (starlark.Value, error) {
			return idView(x, "side_sets", func() []*meshobj.SideSet { return x.m.SideSets },
				func(e *meshobj.SideSet) int64 { return e.ID },
				func(e *meshobj.SideSet) starlark.Value { return sideSetRecord(x, e) }), nil
		},
	},
}

// idView returns a live mapping view, by id, over the entities list returns;
// record makes the value of one entity.
func idView[T any](x *Model, typ string, list func() []T, id func(T) int64, record func(T) starlark.Value) *mapView {
	return &mapView{
		typ:    typ,
		frozen: x.frozen,
		keys: func() []starlark.Value {
			l := list()
			ks := make([]starlark.Value, len(l))
			for i, e := range l {
				ks[i] = starlark.MakeInt64(id(e))
			}
			return ks
		},
		get: func(k starlark.Value) (starlark.Value, bool) {
			want, ok := intKey(k)
			if !ok {
				return nil, false
			}
			for _, e := range list() {
				if id(e) == want {
					return record(e), true
				}
			}
			return nil, false
		},
	}
}

func findDataAttr(name string) *dataAttr {
	for i := range dataAttrs {
		if dataAttrs[i].name == name {
			return &dataAttrs[i]
		}
	}
	return nil
}

func intKey(k starlark.Value) (int64, bool) {
	i, ok := k.(starlark.Int)
	if !ok {
		return 0, false
	}
	return i.Int64()
}

// fieldsView returns a mapping view name -> field values over the fields
// that list() returns at each access.
func fieldsView(x *Model, typ string, list func() []*meshobj.Field) *mapView {
	return &mapView{
		typ:    typ,
		frozen: x.frozen,
		keys: func() []starlark.Value {
			fs := list()
			ks := make([]starlark.Value, len(fs))
			for i, f := range fs {
				ks[i] = starlark.String(f.Name)
			}
			return ks
		},
		get: func(k starlark.Value) (starlark.Value, bool) {
			name, _ := starlark.AsString(k)
			f := meshobj.FindField(list(), name)
			if f == nil {
				return nil, false
			}
			return &listView{
				typ:    "field_values",
				frozen: x.frozen,
				n:      func() int { return len(f.Values) },
				// A timestep that shares its array with others gets its
				// own before a view of it is handed out or written.
				at: func(t int) starlark.Value { return &FloatArray{data: f.Own(t), frozen: x.frozen} },
				set: func(t int, v starlark.Value) error {
					return copyFloats(f.Own(t), v, "field "+f.Name+" at a timestep")
				},
			}, true
		},
	}
}

// renameItem implements assignment to item 0 (the name) of an entity record.
func renameItem(name *string) func(i int, v starlark.Value) error {
	return func(i int, v starlark.Value) error {
		if i != 0 {
			return fmt.Errorf("only item 0 (the name) can be assigned; change the others through their items or the model's methods")
		}
		s, ok := starlark.AsString(v)
		if !ok {
			return fmt.Errorf("name: got %s, want a string", v.Type())
		}
		*name = s
		return nil
	}
}

// blockRecord returns exomerge's [name, info, connectivity, fields] of b.
func blockRecord(x *Model, b *meshobj.ElementBlock) *listView {
	return &listView{
		typ:    "element_block",
		frozen: x.frozen,
		n:      func() int { return 4 },
		at: func(i int) starlark.Value {
			switch i {
			case 0:
				return starlark.String(b.Name)
			case 1:
				info := starlark.NewList([]starlark.Value{starlark.String(b.Type), starlark.MakeInt(b.NumElems), starlark.MakeInt(b.NodesPerElem), starlark.MakeInt(b.NumAttr)})
				info.Freeze()
				return info
			case 2:
				return &IntArray{data: b.Conn, frozen: x.frozen, bound: x.m.NumNodes()}
			default:
				return fieldsView(x, "element_fields", func() []*meshobj.Field { return b.Fields })
			}
		},
		set: renameItem(&b.Name),
	}
}

// nodeSetRecord returns exomerge's [name, members, fields] of s.
func nodeSetRecord(x *Model, s *meshobj.NodeSet) *listView {
	return &listView{
		typ:    "node_set",
		frozen: x.frozen,
		n:      func() int { return 3 },
		at: func(i int) starlark.Value {
			switch i {
			case 0:
				return starlark.String(s.Name)
			case 1:
				return &IntArray{data: s.Members, frozen: x.frozen, bound: x.m.NumNodes()}
			default:
				return fieldsView(x, "node_set_fields", func() []*meshobj.Field { return s.Fields })
			}
		},
		set: renameItem(&s.Name),
	}
}

// sideSetRecord returns exomerge's [name, members, fields] of s.
func sideSetRecord(x *Model, s *meshobj.SideSet) *listView {
	return &listView{
		typ:    "side_set",
		frozen: x.frozen,
		n:      func() int { return 3 },
		at: func(i int) starlark.Value {
			switch i {
			case 0:
				return starlark.String(s.Name)
			case 1:
				return sideMembers(x, s)
			default:
				return fieldsView(x, "side_set_fields", func() []*meshobj.Field { return s.Fields })
			}
		},
		set: renameItem(&s.Name),
	}
}

// sideMembers returns a read-only view of the (block id, element index,
// side index) tuples of s.
func sideMembers(x *Model, s *meshobj.SideSet) *listView {
	return &listView{
		typ:    "side_set_members",
		frozen: true,
		n:      func() int { return len(s.Elems) },
		at: func(i int) starlark.Value {
			return starlark.Tuple{starlark.MakeInt64(s.BlockIDs[i]), starlark.MakeInt(int(s.Elems[i])), starlark.MakeInt(int(s.Sides[i]))}
		},
	}
}

// copyFloats writes the numbers of v into dst, which v must match in length.
func copyFloats(dst []float64, v starlark.Value, what string) error {
	src, err := floatsOf(v)
	if err != nil {
		return fmt.Errorf("%s: %v", what, err)
	}
	if len(src) != len(dst) {
		return fmt.Errorf("%s: got %d values, want %d", what, len(src), len(dst))
	}
	copy(dst, src)
	return nil
}

// stringsOf converts an iterable of strings into a []string.
func stringsOf(v starlark.Value) ([]string, error) {
	it, ok := v.(starlark.Iterable)
	if !ok || v.Type() == "string" {
		return nil, fmt.Errorf("got %s, want a list of strings", v.Type())
	}
	var out []string
	iter := it.Iterate()
	defer iter.Done()
	var item starlark.Value
	for i := 0; iter.Next(&item); i++ {
		s, ok := starlark.AsString(item)
		if !ok {
			return nil, fmt.Errorf("item %d is %s, want a string", i, item.Type())
		}
		out = append(out, s)
	}
	return out, nil
}
