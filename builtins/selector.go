package builtins

import (
	"fmt"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// selArg is the one starlark.Unpacker of exomerge's selector arguments: the
// parameters named *_ids, *_names and timesteps, and the single-entity
// parameters named *_id, *_name and timestep. It accepts a keyword ('all',
// 'none', 'first', 'last', 'auto', 'first_if_any', 'last_if_any'), an int
// id, a float timestep, a name (with '*' wildcards; element blocks and sets
// also by name), and, unless single, a list, tuple, set or array of those.
// It converts the Starlark value into a meshobj.Selector; meshobj resolves
// it (expanding keywords and wildcards, warning about references to what
// does not exist, and refusing 'auto' unless exactly one thing exists).
type selArg struct {
	sel    meshobj.Selector
	single bool // the parameter refers to one entity: no lists
}

var _ starlark.Unpacker = (*selArg)(nil)

// sel returns the selArg of a multi-valued parameter with one default item,
// such as sel("all").
func sel(dflt any) selArg { return selArg{sel: meshobj.Sel(dflt)} }

// one returns the selArg of a single-entity parameter with a default item,
// such as one("auto"), or, given nil, of a required one.
func one(dflt any) selArg {
	if dflt == nil {
		return selArg{single: true}
	}
	return selArg{sel: meshobj.Sel(dflt), single: true}
}

// item returns the item of a single-entity parameter.
func (s *selArg) item() meshobj.Item { return s.sel[0] }

// Unpack converts v into the selector.
func (s *selArg) Unpack(v starlark.Value) error {
	s.sel = s.sel[:0]
	switch v := v.(type) {
	case *starlark.List, starlark.Tuple, *IntArray, *FloatArray, *starlark.Set:
		if s.single {
			return fmt.Errorf("got %s %s, want a single id, name or keyword", v.Type(), v)
		}
		it := v.(starlark.Iterable).Iterate()
		defer it.Done()
		var x starlark.Value
		for i := 0; it.Next(&x); i++ {
			item, err := selItem(x)
			if err != nil {
				return fmt.Errorf("item %d: %v", i, err)
			}
			s.sel = append(s.sel, item)
		}
		return nil
	}
	item, err := selItem(v)
	if err != nil {
		return err
	}
	s.sel = append(s.sel, item)
	return nil
}

// selItem converts one selector item.
func selItem(v starlark.Value) (meshobj.Item, error) {
	switch v := v.(type) {
	case starlark.String:
		return meshobj.Str(string(v)), nil
	case starlark.Int:
		i, ok := v.Int64()
		if !ok {
			return meshobj.Item{}, fmt.Errorf("id %v is out of range", v)
		}
		return meshobj.Int(i), nil
	case starlark.Float:
		return meshobj.Float(float64(v)), nil
	}
	return meshobj.Item{}, fmt.Errorf("got %s, want an id, a name, a timestep, a keyword such as 'all', or a list of those", v.Type())
}
