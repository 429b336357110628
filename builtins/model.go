package builtins

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// Model is the Starlark value of an exomerge ExodusModel: it wraps a
// *meshobj.Model and offers exomerge's methods (by their exomerge names,
// parameter names and defaults) and data attributes (title, info_records,
// qa_records, and live views nodes, timesteps, node_fields,
// global_variables, element_blocks, node_sets, side_sets).
//
// A Model is mutable and unhashable. Once frozen (for example when it is a
// global of a loaded module) it refuses methods that change it.
type Model struct {
	m      *meshobj.Model
	frozen bool
	// mu serialises method calls: a frozen model may be shared by threads,
	// and each call routes the model's warnings to its own thread.
	mu sync.Mutex
}

var (
	_ starlark.HasAttrs    = (*Model)(nil)
	_ starlark.HasSetField = (*Model)(nil)
)

// NewModel returns the Starlark value wrapping m (not a copy).
func NewModel(m *meshobj.Model) *Model { return &Model{m: m} }

// Mesh returns the wrapped model.
func (x *Model) Mesh() *meshobj.Model { return x.m }

// String returns a one-line summary such as
// <ExodusModel: 2185 nodes, 1300 elements in 5 blocks, 12 node sets, 8 side sets, 5 timesteps>.
func (x *Model) String() string {
	m := x.m
	return fmt.Sprintf("<ExodusModel: %s, %s in %s, %s, %s, %s>",
		count(m.NumNodes(), "node"), count(m.NumElems(), "element"), count(len(m.Blocks), "block"),
		count(len(m.NodeSets), "node set"), count(len(m.SideSets), "side set"), count(len(m.Timesteps), "timestep"))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Type returns "ExodusModel".
func (x *Model) Type() string { return "ExodusModel" }

// Freeze makes the model refuse changes.
func (x *Model) Freeze() { x.frozen = true }

// Truth returns True.
func (x *Model) Truth() starlark.Bool { return true }

// Hash fails: a model is mutable.
func (x *Model) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: ExodusModel") }

// An area is one group of methods, as exomerge-api.md groups them; help and
// docs/api.md present the methods by area.
type area struct {
	title   string
	intro   string
	methods []method
}

// areas returns the method tables in presentation order.
func areas() []*area {
	return []*area{&ioArea, &blockArea, &setArea, &fieldArea, &globalArea, &timestepArea, &infoArea, &geometryArea, &topologyArea, &picturesArea}
}

// methodIndex maps each method name to its table entry.
var methodIndex = sync.OnceValue(func() map[string]*method {
	idx := map[string]*method{}
	for _, a := range areas() {
		for i := range a.methods {
			m := &a.methods[i]
			if idx[m.name] != nil {
				panic("builtins: method " + m.name + " registered twice")
			}
			idx[m.name] = m
		}
	}
	return idx
})

// methodNames returns the sorted names of all registered methods.
var methodNames = sync.OnceValue(func() []string {
	var names []string
	for name := range methodIndex() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
})

// lookupMethod finds a method by name; like exomerge it also accepts the
// singular form of a plural method name and vice versa
// (delete_node_sets for delete_node_set).
func lookupMethod(name string) *method {
	idx := methodIndex()
	if m := idx[name]; m != nil {
		return m
	}
	if m := idx[name+"s"]; m != nil {
		return m
	}
	if trimmed, ok := strings.CutSuffix(name, "s"); ok && !strings.HasSuffix(trimmed, "s") {
		return idx[trimmed]
	}
	return nil
}

// Attr returns a data attribute or a bound method.
func (x *Model) Attr(name string) (starlark.Value, error) {
	if a := findDataAttr(name); a != nil {
		return a.get(x)
	}
	mt := lookupMethod(name)
	if mt == nil {
		return nil, nil
	}
	return starlark.NewBuiltin(mt.name, func(t *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return x.invoke(t, mt, args, kwargs)
	}).BindReceiver(x), nil
}

// AttrNames lists the data attributes and methods.
func (x *Model) AttrNames() []string {
	names := append([]string(nil), methodNames()...)
	for _, a := range dataAttrs {
		names = append(names, a.name)
	}
	sort.Strings(names)
	return names
}

// SetField assigns title, info_records or qa_records.
func (x *Model) SetField(name string, v starlark.Value) error {
	a := findDataAttr(name)
	if a == nil {
		if lookupMethod(name) != nil {
			return fmt.Errorf("cannot assign to method ExodusModel.%s", name)
		}
		return starlark.NoSuchAttrError(fmt.Sprintf("ExodusModel has no .%s field", name))
	}
	if a.set == nil {
		return fmt.Errorf("ExodusModel.%s cannot be assigned; change it through its items or the model's methods", name)
	}
	if x.frozen {
		return fmt.Errorf("cannot assign to .%s of a frozen ExodusModel", name)
	}
	return a.set(x, v)
}

// invoke runs method mt on x through guard.
func (x *Model) invoke(t *starlark.Thread, mt *method, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return guard(&call{thread: t, name: mt.name, args: args, kwargs: kwargs, model: x}, mt.mutates, mt.inline, mt.fn)
}
