package pyrun

import (
	"fmt"
	"sort"
	"unsafe"

	"go.starlark.net/starlark"
)

// Class is a Python class: user classes and the built-in exception
// classes. Calling it makes an Instance and runs __init__.
type Class struct {
	name  string
	Base  *Class
	Dict  map[string]starlark.Value
	exc   bool // an exception class (derives from BaseException)
	itp   *interp
	order []string
}

// Instance is an object of a Class.
type Instance struct {
	Class *Class
	Attrs map[string]starlark.Value
}

var (
	_ starlark.Callable    = (*Class)(nil)
	_ starlark.HasAttrs    = (*Instance)(nil)
	_ starlark.HasSetField = (*Instance)(nil)
)

// String returns "<class 'Name'>".
func (c *Class) String() string { return fmt.Sprintf("<class '%s'>", c.name) }

// Type returns "type".
func (c *Class) Type() string { return "type" }

// Freeze does nothing: classes stay mutable.
func (c *Class) Freeze() {}

// Truth returns True.
func (c *Class) Truth() starlark.Bool { return true }

// Hash hashes by identity.
func (c *Class) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(c))), nil }

// lookup finds name in c or its bases.
func (c *Class) lookup(name string) (starlark.Value, bool) {
	for k := c; k != nil; k = k.Base {
		if v, ok := k.Dict[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// isSub reports whether c is base or derives from it.
func (c *Class) isSub(base *Class) bool {
	for k := c; k != nil; k = k.Base {
		if k == base {
			return true
		}
	}
	return false
}

// Attr returns a class attribute (functions unbound).
func (c *Class) Attr(name string) (starlark.Value, error) {
	if name == "__name__" {
		return starlark.String(c.name), nil
	}
	v, ok := c.lookup(name)
	if !ok {
		return nil, nil
	}
	return v, nil
}

// AttrNames lists the class attributes.
func (c *Class) AttrNames() []string {
	var names []string
	for k := range c.Dict {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SetField sets a class attribute.
func (c *Class) SetField(name string, v starlark.Value) error {
	c.Dict[name] = v
	return nil
}

// Name returns the class name (starlark.Callable).
func (c *Class) Name() string { return c.name }

// CallInternal instantiates the class.
func (c *Class) CallInternal(t *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	inst := &Instance{Class: c, Attrs: map[string]starlark.Value{}}
	if c.exc {
		inst.Attrs["args"] = args
	}
	if init, ok := c.lookup("__init__"); ok {
		if _, err := c.itp.call(init, append(starlark.Tuple{inst}, args...), kwargs); err != nil {
			return nil, err
		}
	}
	return inst, nil
}

// String returns the default repr; str() and repr() call __str__/__repr__.
func (x *Instance) String() string {
	return fmt.Sprintf("<__main__.%s object at %p>", x.Class.name, x)
}

// Type returns the class name.
func (x *Instance) Type() string { return x.Class.name }

// Freeze does nothing.
func (x *Instance) Freeze() {}

// Truth returns True unless __bool__ or __len__ say otherwise (not consulted).
func (x *Instance) Truth() starlark.Bool { return true }

// Hash hashes by identity.
func (x *Instance) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(x))), nil }

// Attr returns an instance attribute, or a class attribute (methods bound).
func (x *Instance) Attr(name string) (starlark.Value, error) {
	if v, ok := x.Attrs[name]; ok {
		return v, nil
	}
	if name == "__class__" {
		return x.Class, nil
	}
	v, ok := x.Class.lookup(name)
	if !ok {
		return nil, nil
	}
	switch f := v.(type) {
	case *Function:
		return &boundMethod{self: x, fn: f}, nil
	case *starlark.Builtin:
		return bindBuiltin(f, x), nil
	case *staticMethod:
		return f.fn, nil
	case *property:
		return x.Class.itp.call(f.fget, starlark.Tuple{x}, nil)
	}
	return v, nil
}

// property is the value of @property: reading the attribute calls fget.
type property struct{ fget starlark.Value }

func (p *property) String() string        { return "<property>" }
func (p *property) Type() string          { return "property" }
func (p *property) Freeze()               {}
func (p *property) Truth() starlark.Bool  { return true }
func (p *property) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: property") }

// versionInfo is sys.version_info: a tuple with major, minor and micro.
type versionInfo struct{ t starlark.Tuple }

func (v *versionInfo) String() string {
	return fmt.Sprintf("sys.version_info(major=%s, minor=%s, micro=%s, releaselevel='final', serial=0)", v.t[0], v.t[1], v.t[2])
}
func (v *versionInfo) Type() string                     { return "tuple" }
func (v *versionInfo) Freeze()                          {}
func (v *versionInfo) Truth() starlark.Bool             { return true }
func (v *versionInfo) Hash() (uint32, error)            { return v.t.Hash() }
func (v *versionInfo) Len() int                         { return len(v.t) }
func (v *versionInfo) Index(i int) starlark.Value       { return v.t[i] }
func (v *versionInfo) Iterate() starlark.Iterator       { return v.t.Iterate() }
func (v *versionInfo) Slice(a, b, s int) starlark.Value { return v.t.Slice(a, b, s) }
func (v *versionInfo) AttrNames() []string              { return []string{"major", "micro", "minor"} }
func (v *versionInfo) Attr(name string) (starlark.Value, error) {
	switch name {
	case "major":
		return v.t[0], nil
	case "minor":
		return v.t[1], nil
	case "micro":
		return v.t[2], nil
	case "releaselevel":
		return v.t[3], nil
	}
	return nil, nil
}

// AttrNames lists the instance attributes.
func (x *Instance) AttrNames() []string {
	var names []string
	for k := range x.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SetField sets an instance attribute.
func (x *Instance) SetField(name string, v starlark.Value) error {
	x.Attrs[name] = v
	return nil
}

type staticMethod struct{ fn starlark.Value }

func (s *staticMethod) String() string        { return "<staticmethod>" }
func (s *staticMethod) Type() string          { return "staticmethod" }
func (s *staticMethod) Freeze()               {}
func (s *staticMethod) Truth() starlark.Bool  { return true }
func (s *staticMethod) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: staticmethod") }

// boundMethod is a Function bound to an instance.
type boundMethod struct {
	self starlark.Value
	fn   *Function
}

func (b *boundMethod) String() string {
	return fmt.Sprintf("<bound method %s of %s>", b.fn.name, b.self.String())
}
func (b *boundMethod) Type() string          { return "method" }
func (b *boundMethod) Freeze()               {}
func (b *boundMethod) Truth() starlark.Bool  { return true }
func (b *boundMethod) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: method") }
func (b *boundMethod) Name() string          { return b.fn.name }

// CallInternal calls the function with self first.
func (b *boundMethod) CallInternal(t *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return b.fn.CallInternal(t, append(starlark.Tuple{b.self}, args...), kwargs)
}

// Module is an imported Python module: a mutable namespace.
type Module struct {
	name    string
	members map[string]starlark.Value
	repr    string // for objects made as modules (re patterns and matches)
}

func newModule(name string) *Module { return &Module{name: name, members: map[string]starlark.Value{}} }

// String implements the starlark.Value interfaces for Module.
func (m *Module) String() string {
	if m.repr != "" {
		return m.repr
	}
	return fmt.Sprintf("<module '%s'>", m.name)
}

// Type implements the starlark.Value interfaces for Module.
func (m *Module) Type() string {
	if m.repr != "" {
		return m.name
	}
	return "module"
}

// Freeze implements the starlark.Value interfaces for Module.
func (m *Module) Freeze() {}

// Truth implements the starlark.Value interfaces for Module.
func (m *Module) Truth() starlark.Bool { return true }

// Hash implements the starlark.Value interfaces for Module.
func (m *Module) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(m))), nil }

// Attr returns a module member.
func (m *Module) Attr(name string) (starlark.Value, error) {
	if name == "__name__" {
		return starlark.String(m.name), nil
	}
	v, ok := m.members[name]
	if !ok {
		return nil, nil
	}
	return v, nil
}

// AttrNames lists the members.
func (m *Module) AttrNames() []string {
	var names []string
	for k := range m.members {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SetField sets a member (exomerge.EXIT_ON_WARNING = True).
func (m *Module) SetField(name string, v starlark.Value) error {
	m.members[name] = v
	return nil
}

// bindBuiltin binds a built-in method of a class (such as
// BaseException.__init__, which takes the instance first) to self.
func bindBuiltin(b *starlark.Builtin, self starlark.Value) *starlark.Builtin {
	return starlark.NewBuiltin(b.Name(), func(t *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		return starlark.Call(t, b, append(starlark.Tuple{self}, args...), kwargs)
	})
}
