package builtins

import (
	"fmt"

	"go.starlark.net/starlark"
)

// This file converts meshobj results into Starlark values. Small results
// (ids, names, timesteps) become lists; bulk arrays become array views.

func intList(xs []int64) *starlark.List {
	l := make([]starlark.Value, len(xs))
	for i, x := range xs {
		l[i] = starlark.MakeInt64(x)
	}
	return starlark.NewList(l)
}

func stringList(xs []string) *starlark.List {
	l := make([]starlark.Value, len(xs))
	for i, x := range xs {
		l[i] = starlark.String(x)
	}
	return starlark.NewList(l)
}

func floatList(xs []float64) *starlark.List {
	l := make([]starlark.Value, len(xs))
	for i, x := range xs {
		l[i] = starlark.Float(x)
	}
	return starlark.NewList(l)
}

// floatView returns a FloatArray viewing data of model x (frozen with it).
func (x *Model) floatView(data []float64) *FloatArray {
	return &FloatArray{data: data, frozen: x.frozen}
}

// nodeIndexView returns an IntArray viewing node indices of model x.
func (x *Model) nodeIndexView(data []int32) *IntArray {
	return &IntArray{data: data, frozen: x.frozen, bound: x.m.NumNodes()}
}

// optString unpacks a parameter that is a string or None.
type optString struct {
	s     string
	isSet bool
}

// Unpack accepts a string or None.
func (o *optString) Unpack(v starlark.Value) error {
	if v == starlark.None {
		o.s, o.isSet = "", false
		return nil
	}
	s, ok := starlark.AsString(v)
	if !ok {
		return fmt.Errorf("got %s, want a string or None", v.Type())
	}
	o.s, o.isSet = s, true
	return nil
}
