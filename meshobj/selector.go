package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ItemKind is the type of one selector item.
type ItemKind uint8

// Item kinds: the three kinds of value exomerge accepts in an id, name or
// timestep list.
const (
	StringItem ItemKind = iota // a keyword, a name or a pattern with '*'
	IntItem                    // an entity id (or a timestep, compared as a float)
	FloatItem                  // a timestep (or an id, when it is integral)
)

// Item is one value of a selector: a string (a keyword such as "all", an
// entity or field name, a name pattern with '*' wildcards), an integer or a
// float. The zero Item is the empty string.
type Item struct {
	Kind  ItemKind
	Str   string
	Int   int64
	Float float64
}

// Str returns a string item.
func Str(s string) Item { return Item{Kind: StringItem, Str: s} }

// Int returns an integer item.
func Int(i int64) Item { return Item{Kind: IntItem, Int: i} }

// Float returns a float item.
func Float(f float64) Item { return Item{Kind: FloatItem, Float: f} }

// String formats the item as Python's str() would (used in messages).
func (it Item) String() string {
	switch it.Kind {
	case IntItem:
		return strconv.FormatInt(it.Int, 10)
	case FloatItem:
		return PyFloat(it.Float)
	}
	return it.Str
}

// asFloat returns the numeric value of a numeric item.
func (it Item) asFloat() (float64, bool) {
	switch it.Kind {
	case IntItem:
		return float64(it.Int), true
	case FloatItem:
		return it.Float, true
	}
	return 0, false
}

// asID returns the integer value of an integer item or an integral float.
func (it Item) asID() (int64, bool) {
	switch it.Kind {
	case IntItem:
		return it.Int, true
	case FloatItem:
		f := it.Float
		if f == math.Trunc(f) && f >= -(1<<63) && f < 1<<63 {
			return int64(f), true
		}
	}
	return 0, false
}

// undefinedKey identifies an item that matched nothing, so that a repeated
// undefined reference is reported once (Python treats 1 and 1.0 as equal).
func (it Item) undefinedKey() string {
	if f, ok := it.asFloat(); ok {
		if id, ok := it.asID(); ok {
			return "n" + strconv.FormatInt(id, 10)
		}
		return "n" + strconv.FormatFloat(f, 'g', -1, 64)
	}
	return "s" + it.Str
}

// Selector keywords, as exomerge spells them.
const (
	KeyAll        = "all"          // every entity, in sorted order
	KeyNone       = "none"         // nothing
	KeyFirst      = "first"        // the first (smallest) one; an error if there is none
	KeyLast       = "last"         // the last (largest) one; an error if there is none
	KeyAuto       = "auto"         // the only one; an error unless exactly one exists
	KeyFirstIfAny = "first_if_any" // the first one, or nothing
	KeyLastIfAny  = "last_if_any"  // the last one, or nothing
)

// Selector is exomerge's reference to a list of entities, field names or
// timesteps: a list of items, each a keyword (KeyAll, KeyNone, KeyFirst,
// KeyLast, KeyAuto, KeyFirstIfAny, KeyLastIfAny), an id, a float (a
// timestep) or a name, possibly with '*' wildcards. Element blocks, node
// sets and side sets may also be referred to by name.
//
// Resolving a selector (ResolveElementBlocks, ResolveNodeFieldNames, ...)
// expands the keywords over the defined entities in sorted order, translates
// names to ids, expands wildcards (in sorted order), drops duplicates and
// skips references to entities that do not exist with a warning, as
// exomerge's _format_id_list does. KeyFirst and KeyLast on an empty list and
// KeyAuto without exactly one entity are errors.
//
// A nil or empty Selector selects nothing.
type Selector []Item

// Sel builds a selector from Go values: string, int, int32, int64, float64,
// Item, or slices of those. It panics on any other type (a programmer
// error).
func Sel(values ...any) Selector {
	s := make(Selector, 0, len(values))
	for _, v := range values {
		switch v := v.(type) {
		case string:
			s = append(s, Str(v))
		case int:
			s = append(s, Int(int64(v)))
		case int32:
			s = append(s, Int(int64(v)))
		case int64:
			s = append(s, Int(v))
		case float64:
			s = append(s, Float(v))
		case Item:
			s = append(s, v)
		case []string:
			for _, x := range v {
				s = append(s, Str(x))
			}
		case []int:
			for _, x := range v {
				s = append(s, Int(int64(x)))
			}
		case []int64:
			for _, x := range v {
				s = append(s, Int(x))
			}
		case []float64:
			for _, x := range v {
				s = append(s, Float(x))
			}
		case []Item:
			s = append(s, v...)
		case Selector:
			s = append(s, v...)
		default:
			panic(fmt.Sprintf("meshobj.Sel: unsupported selector value of type %T", v))
		}
	}
	return s
}

// One returns the single-item selector {it}.
func One(it Item) Selector { return Selector{it} }

// String formats the selector like a Python list (or the lone item).
func (s Selector) String() string {
	if len(s) == 1 {
		return s[0].String()
	}
	parts := make([]string, len(s))
	for i, it := range s {
		if it.Kind == StringItem {
			parts[i] = strconv.Quote(it.Str)
		} else {
			parts[i] = it.String()
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// resolveOpts are exomerge's single= and empty_list_okay= options.
type resolveOpts struct {
	single   bool // exactly one result is required
	nonEmpty bool // at least one result is required
}

var (
	optAny    = resolveOpts{}
	optSingle = resolveOpts{single: true}
	optSome   = resolveOpts{nonEmpty: true}
)

// domain describes what a selector is resolved against.
type domain[K comparable] struct {
	entity     string // "element block", "timestep", ...
	acceptable []K    // defined values, in exomerge's (sorted) order
	format     func(K) string
	// fromItem converts a non-keyword item to a key; ok is false if the
	// item cannot denote a key at all (a string for a timestep, ...).
	fromItem func(Item) (K, bool)
	// translate maps an entity name to its key (element blocks and sets).
	translate func(string) (K, bool)
	// match returns the keys whose name matches a '*' pattern, in order.
	match func(pattern string) []K
}

// pending is one reference after keyword expansion: either a key or an
// item that denotes nothing.
type pending[K comparable] struct {
	key   K
	item  Item
	isKey bool
}

func (d *domain[K]) list() string {
	parts := make([]string, len(d.acceptable))
	for i, k := range d.acceptable {
		parts[i] = d.format(k)
	}
	return strings.Join(parts, ", ")
}

// resolve implements exomerge's _format_id_list over d.
func resolve[K comparable](m *Model, d *domain[K], sel Selector, o resolveOpts) ([]K, error) {
	ent := d.entity
	var refs []pending[K]
	for _, it := range sel {
		if it.Kind == StringItem {
			switch it.Str {
			case KeyNone:
				continue
			case KeyAll:
				for _, k := range d.acceptable {
					refs = append(refs, pending[K]{key: k, isKey: true})
				}
				continue
			case KeyFirst, KeyLast:
				if len(d.acceptable) == 0 {
					return nil, newError("Empty entity list.",
						fmt.Sprintf(`The "%s" identifier was used to refer to a %s but no %s exist.`, it.Str, ent, plural(ent)))
				}
				k := d.acceptable[0]
				if it.Str == KeyLast {
					k = d.acceptable[len(d.acceptable)-1]
				}
				refs = append(refs, pending[K]{key: k, isKey: true})
				continue
			case KeyAuto:
				if len(d.acceptable) != 1 {
					return nil, newError("Ambiguous reference.",
						fmt.Sprintf(`The "auto" identifier was used to refer to a %s but exactly one %s does not exist. There are %d defined %s.`,
							ent, ent, len(d.acceptable), plural(ent)))
				}
				refs = append(refs, pending[K]{key: d.acceptable[0], isKey: true})
				continue
			case KeyFirstIfAny:
				// exomerge returns the last item here; exosh returns the first.
				if len(d.acceptable) > 0 {
					refs = append(refs, pending[K]{key: d.acceptable[0], isKey: true})
				}
				continue
			case KeyLastIfAny:
				if len(d.acceptable) > 0 {
					refs = append(refs, pending[K]{key: d.acceptable[len(d.acceptable)-1], isKey: true})
				}
				continue
			}
			if d.translate != nil {
				if k, ok := d.translate(it.Str); ok {
					refs = append(refs, pending[K]{key: k, isKey: true})
					continue
				}
			}
			if strings.Contains(it.Str, "*") && d.match != nil {
				for _, k := range d.match(it.Str) {
					refs = append(refs, pending[K]{key: k, isKey: true})
				}
				continue
			}
		}
		if k, ok := d.fromItem(it); ok {
			refs = append(refs, pending[K]{key: k, isKey: true})
		} else {
			refs = append(refs, pending[K]{item: it})
		}
	}
	defined := make(map[K]bool, len(d.acceptable))
	for _, k := range d.acceptable {
		defined[k] = true
	}
	found := map[K]bool{}
	foundUndef := map[string]bool{}
	var out []K
	for _, r := range refs {
		var shown string
		if r.isKey {
			if found[r.key] {
				continue
			}
			found[r.key] = true
			if defined[r.key] {
				out = append(out, r.key)
				continue
			}
			shown = d.format(r.key)
		} else {
			u := r.item.undefinedKey()
			if foundUndef[u] {
				continue
			}
			foundUndef[u] = true
			shown = r.item.String()
		}
		m.warn("Reference to undefined "+ent+".",
			fmt.Sprintf("A reference to %s \"%s\" was encountered but is not defined. This %s will not be included in the operation.\n\nThere are %d defined %s: %s",
				ent, shown, ent, len(d.acceptable), plural(ent), d.list()))
	}
	if o.single && len(out) != 1 {
		if len(out) == 0 {
			return nil, newError("No "+ent+" specified.",
				fmt.Sprintf("A single %s is required but none were specified.\n\nThere are %d defined %s: %s",
					ent, len(d.acceptable), plural(ent), d.list()))
		}
		parts := make([]string, len(out))
		for i, k := range out {
			parts[i] = d.format(k)
		}
		return nil, newError("Multiple "+plural(ent)+" specified.",
			fmt.Sprintf("A single %s is required but %d %s were specified: %s", ent, len(out), plural(ent), strings.Join(parts, ", ")))
	}
	if o.nonEmpty && len(out) == 0 {
		return nil, newError("No "+plural(ent)+" specified.",
			fmt.Sprintf("We require at least one %s to be specified for this operation but none were specified.\n\nThere are %d defined %s: %s",
				ent, len(d.acceptable), plural(ent), d.list()))
	}
	return out, nil
}

// matchWildcard reports whether name matches pattern, in which '*' stands
// for any run of characters and every other character stands for itself.
func matchWildcard(pattern, name string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == name
	}
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	return len(name) >= len(last) && strings.HasSuffix(name, last)
}

// nameDomain is the domain of a list of names (fields, global variables).
func nameDomain(entity string, names []string) *domain[string] {
	return &domain[string]{
		entity:     entity,
		acceptable: names,
		format:     func(s string) string { return s },
		fromItem: func(it Item) (string, bool) {
			if it.Kind == StringItem {
				return it.Str, true
			}
			return "", false
		},
		match: func(p string) []string {
			var out []string
			for _, n := range names {
				if matchWildcard(p, n) {
					out = append(out, n)
				}
			}
			return out
		},
	}
}

// idDomain is the domain of entity ids; names translates names to ids in
// entity order (the last of equal names wins, as in exomerge).
func idDomain(entity string, ids []int64, idNames []string) *domain[int64] {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	byName := map[string]int64{}
	for i, n := range idNames {
		if n != "" {
			byName[n] = ids[i]
		}
	}
	nameOf := map[int64]string{}
	for i, id := range ids {
		nameOf[id] = idNames[i]
	}
	return &domain[int64]{
		entity:     entity,
		acceptable: sorted,
		format:     func(id int64) string { return strconv.FormatInt(id, 10) },
		fromItem:   Item.asID,
		translate: func(s string) (int64, bool) {
			id, ok := byName[s]
			return id, ok
		},
		match: func(p string) []int64 {
			var out []int64
			for _, id := range sorted {
				if n := nameOf[id]; n != "" && matchWildcard(p, n) {
					out = append(out, id)
				}
			}
			return out
		},
	}
}

func timestepDomain(times []float64) *domain[float64] {
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	return &domain[float64]{
		entity:     entTimestep,
		acceptable: sorted,
		format:     PyFloat,
		fromItem:   Item.asFloat,
	}
}

// duplicateNameWarning warns, as exomerge does on every block or set
// lookup, when two entities of a kind share a name.
func (m *Model) duplicateNameWarning(entity string, names []string) {
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" {
			continue
		}
		if seen[n] {
			m.warn("Duplicate "+entity+" names",
				"At least two "+plural(entity)+" have the same name. This may cause problems.")
			return
		}
		seen[n] = true
	}
}

func (m *Model) blockDomain() *domain[int64] {
	ids := make([]int64, len(m.Blocks))
	names := make([]string, len(m.Blocks))
	for i, b := range m.Blocks {
		ids[i], names[i] = b.ID, b.Name
	}
	m.duplicateNameWarning(entBlock, names)
	return idDomain(entBlock, ids, names)
}

func (m *Model) nodeSetDomain() *domain[int64] {
	ids := make([]int64, len(m.NodeSets))
	names := make([]string, len(m.NodeSets))
	for i, s := range m.NodeSets {
		ids[i], names[i] = s.ID, s.Name
	}
	m.duplicateNameWarning(entNodeSet, names)
	return idDomain(entNodeSet, ids, names)
}

func (m *Model) sideSetDomain() *domain[int64] {
	ids := make([]int64, len(m.SideSets))
	names := make([]string, len(m.SideSets))
	for i, s := range m.SideSets {
		ids[i], names[i] = s.ID, s.Name
	}
	m.duplicateNameWarning(entSideSet, names)
	return idDomain(entSideSet, ids, names)
}

// ResolveElementBlocks resolves a selector to element block ids, in the
// selector's order (KeyAll expands in ascending id order).
func (m *Model) ResolveElementBlocks(sel Selector) ([]int64, error) {
	return resolve(m, m.blockDomain(), sel, optAny)
}

// ResolveElementBlock resolves a reference to exactly one element block.
func (m *Model) ResolveElementBlock(ref Item) (int64, error) {
	ids, err := resolve(m, m.blockDomain(), One(ref), optSingle)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// ResolveNodeSets resolves a selector to node set ids.
func (m *Model) ResolveNodeSets(sel Selector) ([]int64, error) {
	return resolve(m, m.nodeSetDomain(), sel, optAny)
}

// ResolveNodeSet resolves a reference to exactly one node set.
func (m *Model) ResolveNodeSet(ref Item) (int64, error) {
	ids, err := resolve(m, m.nodeSetDomain(), One(ref), optSingle)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// ResolveSideSets resolves a selector to side set ids.
func (m *Model) ResolveSideSets(sel Selector) ([]int64, error) {
	return resolve(m, m.sideSetDomain(), sel, optAny)
}

// ResolveSideSet resolves a reference to exactly one side set.
func (m *Model) ResolveSideSet(ref Item) (int64, error) {
	ids, err := resolve(m, m.sideSetDomain(), One(ref), optSingle)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// ResolveTimesteps resolves a selector to timestep values (KeyAll expands
// in ascending time order; KeyLast is the largest time).
func (m *Model) ResolveTimesteps(sel Selector) ([]float64, error) {
	return resolve(m, timestepDomain(m.Timesteps), sel, optAny)
}

// ResolveTimestep resolves a reference to exactly one timestep.
func (m *Model) ResolveTimestep(ref Item) (float64, error) {
	ts, err := resolve(m, timestepDomain(m.Timesteps), One(ref), optSingle)
	if err != nil {
		return 0, err
	}
	return ts[0], nil
}

// ResolveNodeFieldNames resolves a selector to node field names.
func (m *Model) ResolveNodeFieldNames(sel Selector) ([]string, error) {
	return resolve(m, nameDomain(entNodeField, m.GetNodeFieldNames()), sel, optAny)
}

// ResolveElementFieldNames resolves a selector to element field names
// (defined on any block).
func (m *Model) ResolveElementFieldNames(sel Selector) ([]string, error) {
	return resolve(m, nameDomain(entElementField, m.elementFieldNames(m.Blocks)), sel, optAny)
}

// ResolveNodeSetFieldNames resolves a selector to node set field names
// (defined on any node set).
func (m *Model) ResolveNodeSetFieldNames(sel Selector) ([]string, error) {
	return resolve(m, nameDomain(entNodeSetField, m.nodeSetFieldNames(m.NodeSets)), sel, optAny)
}

// ResolveSideSetFieldNames resolves a selector to side set field names
// (defined on any side set).
func (m *Model) ResolveSideSetFieldNames(sel Selector) ([]string, error) {
	return resolve(m, nameDomain(entSideSetField, m.sideSetFieldNames(m.SideSets)), sel, optAny)
}

// ResolveGlobalVariableNames resolves a selector to global variable names.
func (m *Model) ResolveGlobalVariableNames(sel Selector) ([]string, error) {
	return resolve(m, nameDomain(entGlobalVar, m.GetGlobalVariableNames()), sel, optAny)
}
