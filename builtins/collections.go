package builtins

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
)

// listView is a live, read-mostly Starlark sequence whose items are computed
// at each access by at (so it always reflects the model); set, if not nil,
// implements item assignment. Slicing returns a list of the items.
type listView struct {
	typ    string
	frozen bool
	n      func() int
	at     func(i int) starlark.Value
	set    func(i int, v starlark.Value) error
}

var (
	_ starlark.Sliceable   = (*listView)(nil)
	_ starlark.HasSetIndex = (*listView)(nil)
	_ starlark.Sequence    = (*listView)(nil)
)

func (v *listView) String() string {
	n := v.n()
	if n > reprMax {
		return fmt.Sprintf("<%s len=%d>", v.typ, n)
	}
	items := make([]string, n)
	for i := range items {
		items[i] = v.at(i).String()
	}
	return fmt.Sprintf("<%s [%s]>", v.typ, strings.Join(items, ", "))
}
func (v *listView) Type() string          { return v.typ }
func (v *listView) Freeze()               { v.frozen = true }
func (v *listView) Truth() starlark.Bool  { return v.n() > 0 }
func (v *listView) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: %s", v.typ) }
func (v *listView) Len() int              { return v.n() }
func (v *listView) Index(i int) starlark.Value {
	x := v.at(i)
	if v.frozen {
		x.Freeze()
	}
	return x
}
func (v *listView) Slice(start, end, step int) starlark.Value {
	var items []starlark.Value
	for i := start; (step > 0 && i < end) || (step < 0 && i > end); i += step {
		items = append(items, v.Index(i))
	}
	return starlark.NewList(items)
}
func (v *listView) Iterate() starlark.Iterator { return &viewIter{v: v} }
func (v *listView) SetIndex(i int, x starlark.Value) error {
	if v.set == nil {
		return fmt.Errorf("%s does not support item assignment", v.typ)
	}
	if v.frozen {
		return fmt.Errorf("cannot assign to element of frozen %s", v.typ)
	}
	return v.set(i, x)
}

type viewIter struct {
	v *listView
	i int
}

func (it *viewIter) Next(p *starlark.Value) bool {
	if it.i >= it.v.n() {
		return false
	}
	*p = it.v.Index(it.i)
	it.i++
	return true
}
func (it *viewIter) Done() {}

// mapView is a live Starlark mapping over entities of the model, keyed by
// id or name in model order. keys and get are evaluated at each access. It
// offers the read-only dict methods keys, values, items and get.
type mapView struct {
	typ    string
	frozen bool
	keys   func() []starlark.Value
	get    func(k starlark.Value) (starlark.Value, bool)
}

var (
	_ starlark.IterableMapping = (*mapView)(nil)
	_ starlark.Sequence        = (*mapView)(nil)
	_ starlark.HasAttrs        = (*mapView)(nil)
)

func (v *mapView) String() string {
	ks := v.keys()
	if len(ks) > 2*reprMax {
		return fmt.Sprintf("<%s len=%d>", v.typ, len(ks))
	}
	return fmt.Sprintf("<%s %s>", v.typ, starlark.NewList(ks))
}
func (v *mapView) Type() string          { return v.typ }
func (v *mapView) Freeze()               { v.frozen = true }
func (v *mapView) Truth() starlark.Bool  { return v.Len() > 0 }
func (v *mapView) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: %s", v.typ) }
func (v *mapView) Len() int              { return len(v.keys()) }
func (v *mapView) Get(k starlark.Value) (starlark.Value, bool, error) {
	x, ok := v.get(k)
	if ok && v.frozen {
		x.Freeze()
	}
	return x, ok, nil
}
func (v *mapView) Iterate() starlark.Iterator {
	return starlark.NewList(v.keys()).Iterate()
}
func (v *mapView) Items() []starlark.Tuple {
	ks := v.keys()
	items := make([]starlark.Tuple, len(ks))
	for i, k := range ks {
		x, _, _ := v.Get(k)
		items[i] = starlark.Tuple{k, x}
	}
	return items
}

var mapViewMethods = []string{"get", "items", "keys", "values"}

func (v *mapView) AttrNames() []string { return mapViewMethods }
func (v *mapView) Attr(name string) (starlark.Value, error) {
	var fn func(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)
	switch name {
	case "keys":
		fn = func(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
				return nil, err
			}
			return starlark.NewList(v.keys()), nil
		}
	case "values":
		fn = func(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
				return nil, err
			}
			items := v.Items()
			vals := make([]starlark.Value, len(items))
			for i, it := range items {
				vals[i] = it[1]
			}
			return starlark.NewList(vals), nil
		}
	case "items":
		fn = func(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 0); err != nil {
				return nil, err
			}
			items := v.Items()
			vals := make([]starlark.Value, len(items))
			for i, it := range items {
				vals[i] = it
			}
			return starlark.NewList(vals), nil
		}
	case "get":
		fn = func(args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var k starlark.Value
			var dflt starlark.Value = starlark.None
			if err := starlark.UnpackPositionalArgs(name, args, kwargs, 1, &k, &dflt); err != nil {
				return nil, err
			}
			if x, ok, _ := v.Get(k); ok {
				return x, nil
			}
			return dflt, nil
		}
	default:
		return nil, nil
	}
	return starlark.NewBuiltin(name, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return fn(args, kwargs)
	}).BindReceiver(v), nil
}
