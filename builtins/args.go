package builtins

import (
	"fmt"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// This file holds the Unpackers of non-selector arguments: new ids, cube
// extents and divisions, block info, node lists, coordinates and side set
// members. Lists and arrays are accepted alike.

// newID unpacks the id of an entity to create: an int, or 'auto' where the
// method allows it.
type newID struct {
	auto bool
	id   int64
}

// Unpack accepts 'auto' or an int.
func (a *newID) Unpack(v starlark.Value) error {
	if s, ok := v.(starlark.String); ok && s == "auto" {
		a.auto = true
		return nil
	}
	i, ok := v.(starlark.Int)
	if !ok {
		return fmt.Errorf("got %s, want an int id or 'auto'", v.Type())
	}
	id, ok := i.Int64()
	if !ok {
		return fmt.Errorf("id %v is out of range", i)
	}
	a.auto, a.id = false, id
	return nil
}

// or returns the id given, or auto for 'auto'.
func (a newID) or(auto int64) int64 {
	if a.auto {
		return auto
	}
	return a.id
}

// extentsArg unpacks build_hex8_cube's extents: an edge length e (the box
// [0, e] on every axis), or three items each a maximum (minimum 0) or a
// [min, max] pair.
type extentsArg [3][2]float64

// Unpack implements starlark.Unpacker.
func (a *extentsArg) Unpack(v starlark.Value) error {
	if e, ok := starlark.AsFloat(v); ok {
		*a = [3][2]float64{{0, e}, {0, e}, {0, e}}
		return nil
	}
	items, err := sequence(v, 3)
	if err != nil {
		return fmt.Errorf("%v (an edge length, [x, y, z] maxima or [[min, max]] * 3)", err)
	}
	for i, item := range items {
		if e, ok := starlark.AsFloat(item); ok {
			a[i] = [2]float64{0, e}
			continue
		}
		pair, err := floatsOf(item)
		if err != nil || len(pair) != 2 {
			return fmt.Errorf("item %d is %s, want a maximum or a [min, max] pair", i, item)
		}
		a[i] = [2]float64{pair[0], pair[1]}
	}
	return nil
}

// divisionsArg unpacks build_hex8_cube's divisions: one count for every
// axis or three counts.
type divisionsArg [3]int

// Unpack implements starlark.Unpacker.
func (a *divisionsArg) Unpack(v starlark.Value) error {
	if _, ok := v.(starlark.Int); ok {
		n, err := starlark.AsInt32(v)
		if err != nil {
			return err
		}
		*a = [3]int{n, n, n}
		return nil
	}
	items, err := sequence(v, 3)
	if err != nil {
		return fmt.Errorf("%v (one count or three)", err)
	}
	for i, item := range items {
		n, err := starlark.AsInt32(item)
		if err != nil {
			return fmt.Errorf("item %d: %v", i, err)
		}
		a[i] = n
	}
	return nil
}

// blockInfoArg unpacks exomerge's block info [element_type, element_count,
// nodes_per_element, attribute_count].
type blockInfoArg meshobj.BlockInfo

// Unpack implements starlark.Unpacker.
func (a *blockInfoArg) Unpack(v starlark.Value) error {
	items, err := sequence(v, 4)
	if err != nil {
		return fmt.Errorf("%v ([element_type, element_count, nodes_per_element, attribute_count])", err)
	}
	typ, ok := starlark.AsString(items[0])
	if !ok {
		return fmt.Errorf("element_type is %s, want a string", items[0].Type())
	}
	var n [3]int
	for i, item := range items[1:] {
		x, err := starlark.AsInt32(item)
		if err != nil {
			return fmt.Errorf("item %d: %v", i+1, err)
		}
		n[i] = x
	}
	*a = blockInfoArg{Type: typ, NumElems: n[0], NodesPerElem: n[1], NumAttr: n[2]}
	return nil
}

// nodeList unpacks a list or int_array of 0-based node indices (None: no
// nodes) into a new []int32.
type nodeList struct{ nodes []int32 }

// Unpack implements starlark.Unpacker.
func (a *nodeList) Unpack(v starlark.Value) error {
	if v == starlark.None {
		a.nodes = nil
		return nil
	}
	nodes, err := intsOf(v)
	if err != nil {
		return err
	}
	a.nodes = nodes
	return nil
}

// coordsArg unpacks create_nodes' new nodes: a list of [x, y, z] triples,
// or a flat float_array or list of numbers holding x, y, z for each node.
type coordsArg struct{ coords []float64 }

// Unpack implements starlark.Unpacker.
func (a *coordsArg) Unpack(v starlark.Value) error {
	if flat, err := floatsOf(v); err == nil {
		if len(flat)%3 != 0 {
			return fmt.Errorf("%d coordinates is not 3 per node", len(flat))
		}
		a.coords = flat
		return nil
	}
	it, ok := v.(starlark.Iterable)
	if _, isMap := v.(starlark.Mapping); !ok || isMap {
		return fmt.Errorf("got %s, want a list of [x, y, z]", v.Type())
	}
	a.coords = a.coords[:0]
	iter := it.Iterate()
	defer iter.Done()
	var node starlark.Value
	for i := 0; iter.Next(&node); i++ {
		xyz, err := floatsOf(node)
		if err != nil || len(xyz) != 3 {
			return fmt.Errorf("node %d is %s, want [x, y, z]", i, node)
		}
		a.coords = append(a.coords, xyz...)
	}
	return nil
}

// sidesArg unpacks side set members: a list of (element_block_id,
// element_index, side_index) triples, indices 0-based (None: no members).
type sidesArg struct{ mem meshobj.SideSetMembers }

// Unpack implements starlark.Unpacker.
func (a *sidesArg) Unpack(v starlark.Value) error {
	a.mem = meshobj.SideSetMembers{}
	if v == starlark.None {
		return nil
	}
	it, ok := v.(starlark.Iterable)
	if _, isMap := v.(starlark.Mapping); !ok || isMap {
		return fmt.Errorf("got %s, want a list of (element_block_id, element_index, side_index)", v.Type())
	}
	iter := it.Iterate()
	defer iter.Done()
	var item starlark.Value
	for i := 0; iter.Next(&item); i++ {
		t, err := sequence(item, 3)
		if err != nil {
			return fmt.Errorf("member %d: %v, want (element_block_id, element_index, side_index)", i, err)
		}
		id, ok := t[0].(starlark.Int)
		bid, inRange := id.Int64()
		if !ok || !inRange {
			return fmt.Errorf("member %d: element_block_id is %s, want an int", i, t[0])
		}
		e, err1 := starlark.AsInt32(t[1])
		s, err2 := starlark.AsInt32(t[2])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("member %d: element and side indices must be ints, got %s", i, item)
		}
		a.mem.BlockIDs = append(a.mem.BlockIDs, bid)
		a.mem.Elems = append(a.mem.Elems, int32(e))
		a.mem.Sides = append(a.mem.Sides, int32(s))
	}
	return nil
}

// sequence returns the n items of v, a list, tuple or array of length n.
func sequence(v starlark.Value, n int) ([]starlark.Value, error) {
	seq, ok := v.(starlark.Indexable)
	if !ok || v.Type() == "string" {
		return nil, fmt.Errorf("got %s, want a list of %d items", v.Type(), n)
	}
	if seq.Len() != n {
		return nil, fmt.Errorf("got %d items, want %d", seq.Len(), n)
	}
	items := make([]starlark.Value, n)
	for i := range items {
		items[i] = seq.Index(i)
	}
	return items, nil
}

// num unpacks a number, int or float, into a float64 (UnpackArgs' own
// float64 refuses ints, which exomerge scripts pass for times, factors and
// angles).
type num float64

// Unpack implements starlark.Unpacker.
func (n *num) Unpack(v starlark.Value) error {
	f, ok := starlark.AsFloat(v)
	if !ok {
		return fmt.Errorf("got %s, want a number", v.Type())
	}
	*n = num(f)
	return nil
}
