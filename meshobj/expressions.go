package meshobj

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"exosh/compute/expr"
)

// This file holds the expression methods of area C: calculate_element_field,
// calculate_node_field, calculate_node_set_field, calculate_side_set_field
// and calculate_global_variable. An expression is compiled once with
// package compute/expr and evaluated over whole arrays, once per entity
// and timestep.

// source supplies the value of one name for one entity at timestep index
// t: exactly one of the three functions is set.
type source struct {
	scalar func(t int) float64
	array  func(t int) []float64 // len = entity count
	view   func(t int) expr.View
}

// scope maps the names an expression may use on one entity to their
// values. Later definitions replace earlier ones, in exomerge's order:
// time, global variables, coordinates, node fields, the entity's fields.
type scope map[string]source

func (s scope) names() []string {
	out := make([]string, 0, len(s))
	for n := range s {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// addGlobals adds time and the global variables (a global variable called
// "time" hides the time, as in exomerge).
func (m *Model) addGlobals(s scope) {
	s["time"] = source{scalar: func(t int) float64 { return m.Timesteps[t] }}
	for _, g := range m.GlobalVars {
		s[g.Name] = source{scalar: func(t int) float64 { return g.Values[t] }}
	}
}

// addFields adds fields as contiguous arrays.
func addFields(s scope, fs []*Field) {
	for _, f := range fs {
		s[f.Name] = source{array: func(t int) []float64 { return f.Values[t] }}
	}
}

// addNodeNames adds X, Y, Z and the node fields, at the nodes members (all
// nodes if nil).
func (m *Model) addNodeNames(s scope, members []int32) {
	for d, n := range []string{"X", "Y", "Z"} {
		v := expr.View{Data: m.Coords, Index: members, Start: d, Stride: 3}
		s[n] = source{view: func(int) expr.View { return v }}
	}
	for _, f := range m.NodeFields {
		if members == nil {
			s[f.Name] = source{array: func(t int) []float64 { return f.Values[t] }}
		} else {
			s[f.Name] = source{view: func(t int) expr.View {
				return expr.View{Data: f.Values[t], Index: members, Stride: 1}
			}}
		}
	}
}

// parsedExpression is an expression compiled against the union of the
// scopes of the entities it is evaluated on.
type parsedExpression struct {
	src    string
	target string
	prog   *expr.Program
	kinds  map[string]expr.Kind
}

// targetOf returns the name left of the first "=" of an exomerge
// expression, or exomerge's error if there is no "=".
func targetOf(expression string) (string, error) {
	i := strings.IndexByte(expression, '=')
	if i < 0 {
		return "", newError("Invalid expression",
			"A \"=\" sign must be present in the expression but was not found.\n\nExpression: "+expression)
	}
	return strings.TrimSpace(expression[:i]), nil
}

// compileExpression compiles src with every name of every scope declared:
// as an Array if some scope gives it per-entity values, else as a Scalar.
// The target (the left of "=") is declared as targetKind.
func compileExpression(src, target string, targetKind expr.Kind, scopes []scope) (*parsedExpression, error) {
	kinds := map[string]expr.Kind{}
	for _, s := range scopes {
		for n, v := range s {
			if v.scalar == nil {
				kinds[n] = expr.Array
			} else if _, ok := kinds[n]; !ok {
				kinds[n] = expr.Scalar
			}
		}
	}
	if _, ok := kinds[target]; !ok || targetKind == expr.Array {
		kinds[target] = targetKind
	}
	p, err := expr.Compile(src, kinds)
	if err != nil {
		return nil, fmt.Errorf("meshobj: %w", err)
	}
	if p.Target() != target {
		return nil, newError("Invalid expression",
			"The expression must have the form \"name = expression\".\n\nExpression: "+src)
	}
	return &parsedExpression{src: src, target: target, prog: p, kinds: kinds}, nil
}

// check returns an error if the expression uses a name that scope s (the
// scope of the entity called where) does not define.
func (e *parsedExpression) check(s scope, where string) error {
	for _, n := range e.prog.Names() {
		if _, ok := s[n]; !ok {
			return newError("Invalid expression",
				fmt.Sprintf("The expression %q uses %q, which is not defined on %s.\n\nDefined variables: %s",
					e.src, n, where, strings.Join(s.names(), ", ")))
		}
	}
	return nil
}

// env returns the values of the names the expression uses, from scope s
// at timestep index t.
func (e *parsedExpression) env(s scope, t int) expr.Env {
	env := expr.Env{Arrays: map[string][]float64{}, Views: map[string]expr.View{}, Scalars: map[string]float64{}}
	for _, n := range e.prog.Names() {
		src := s[n]
		switch {
		case src.array != nil:
			env.Arrays[n] = src.array(t)
		case src.view != nil:
			env.Views[n] = src.view(t)
		case e.kinds[n] == expr.Array:
			// A scalar where other entities have per-entity values.
			env.Views[n] = expr.View{Data: []float64{src.scalar(t)}}
		default:
			env.Scalars[n] = src.scalar(t)
		}
	}
	return env
}

// evalInto evaluates the expression at the timesteps steps into vals[t],
// the target's values (a timestep that shares its array with one of steps
// gets its values that way). unset says that vals is a new field whose
// values fieldTarget left unset: if an evaluation fails, the timesteps not
// yet written get the default value, so that the model holds no garbage.
func (e *parsedExpression) evalInto(s scope, vals [][]float64, steps []int, unset bool) error {
	for i, t := range steps {
		if err := e.prog.Eval(vals[t], e.env(s, t)); err != nil {
			if unset {
				for _, u := range steps[i:] {
					fillValues(vals[u], DefaultFieldValue(e.target))
				}
			}
			return fmt.Errorf("meshobj: %w", err)
		}
	}
	return nil
}

// readsTarget reports whether the expression refers to its target (as in
// "t = t + 1"), whose values must then exist before it is evaluated.
func (e *parsedExpression) readsTarget() bool {
	return slices.Contains(e.prog.Names(), e.target)
}

// classes groups the nt timesteps by what the expression reads there in
// scope s, its target aside: timesteps at which every array it reads is
// the same array (see stepClasses) and every scalar (time, a global
// variable) has the same value give the same result, computed once. It
// returns the first timestep of each class and the class of every
// timestep.
func (e *parsedExpression) classes(s scope, nt int) (reps, class []int) {
	return classesByKey(nt, func(key []byte, t int) []byte {
		for _, n := range e.prog.Names() {
			src := s[n]
			switch {
			case n == e.target:
			case src.array != nil:
				key = appendArrayKey(key, src.array(t))
			case src.view != nil:
				key = appendArrayKey(key, src.view(t).Data)
			case src.scalar != nil:
				key = binary.LittleEndian.AppendUint64(key, math.Float64bits(src.scalar(t)))
			}
		}
		return key
	})
}

// fieldTarget returns the values of the target field of e in *fs,
// creating it (n values per timestep) if it does not exist, and the
// timesteps to evaluate. exists reports whether it existed; then every
// timestep gets an array of its own and is evaluated. A new field holds
// its default value if the expression reads it; otherwise its values are
// left unset (unset) for the evaluation to write, saving a pass over them.
// With share (node and element fields), the timesteps of a new field that
// read the same inputs (e.classes in scope s) share one array, evaluated
// once.
func (m *Model) fieldTarget(e *parsedExpression, s scope, fs *[]*Field, n int, share bool) (vals [][]float64, steps []int, exists, unset bool) {
	nt := len(m.Timesteps)
	if f := FindField(*fs, e.target); f != nil {
		ownSteps(f.Values)
		return f.Values, allSteps(nt), true, false
	}
	reads := e.readsTarget()
	if share {
		reps, class := e.classes(s, nt)
		vals = expandClasses(newRows(len(reps), n, reads, DefaultFieldValue(e.target)), class)
		steps = reps
	} else {
		vals = newRows(nt, n, reads, DefaultFieldValue(e.target))
		steps = allSteps(nt)
	}
	*fs = append(*fs, &Field{Name: e.target, Values: vals})
	return vals, steps, false, !reads
}

// fillValues sets every value of v to x, in parallel.
func fillValues(v []float64, x float64) {
	parallelFor(len(v), 1<<15, func(lo, hi int) {
		for i := range v[lo:hi] {
			v[lo+i] = x
		}
	})
}

// CalculateElementField evaluates "name = expression" on each element of
// each selected block at each timestep and stores the result in the
// element field name (exomerge's calculate_element_field). The expression
// may use time, the global variables and the block's element fields (a
// field hides a global variable of the same name); see package
// compute/expr for the syntax and functions. Names are resolved on the
// syntax tree, so "stress_xx*stress_xx" works (exomerge's textual
// substitution fails on it).
//
// If the field exists on a block, a warning is given and, unlike exomerge
// (which resets it to NaN before evaluating), its old values are used
// where the expression refers to it, so "t = t + 1" increments t. Where it
// does not exist, it is created, and refers to its default value
// (DefaultFieldValue). The expression is compiled and every name checked
// on every block before anything changes: an expression that does not
// compile, or uses a name that some selected block lacks, is an error
// naming the names that exist.
func (m *Model) CalculateElementField(expression string, blocks Selector) error {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	target, err := targetOf(expression)
	if err != nil {
		return err
	}
	bs := m.blocksOf(ids)
	scopes := m.elementScopes(bs)
	e, err := compileExpression(expression, target, expr.Array, scopes)
	if err != nil {
		return err
	}
	for i, b := range bs {
		s := scopes[i]
		if _, ok := s[target]; !ok {
			s[target] = source{array: func(int) []float64 { return nil }}
		}
		if err := e.check(s, "element block "+strconv.FormatInt(b.ID, 10)); err != nil {
			return err
		}
	}
	for i, b := range bs {
		m.emptyFieldWarning()
		vals, steps, exists, unset := m.fieldTarget(e, scopes[i], &b.Fields, b.NumElems, true)
		if exists {
			m.existsOnEntityWarning(target, entElementField, strconv.FormatInt(b.ID, 10), entBlock)
		}
		s := scopes[i]
		s[target] = source{array: func(t int) []float64 { return vals[t] }}
		if err := e.evalInto(s, vals, steps, unset); err != nil {
			return err
		}
	}
	return nil
}

// CalculateNodeField evaluates "name = expression" at each node and
// timestep and stores the result in the node field name (exomerge's
// calculate_node_field). The expression may use time, the global
// variables, the model coordinates X, Y and Z (without displacement) and
// the node fields. An existing field warns and its old values are used
// where the expression refers to it (as in exomerge); a new one is created
// with its default value. See CalculateElementField for the syntax and
// the checks.
func (m *Model) CalculateNodeField(expression string) error {
	target, err := targetOf(expression)
	if err != nil {
		return err
	}
	s := scope{}
	m.addGlobals(s)
	m.addNodeNames(s, nil)
	e, err := compileExpression(expression, target, expr.Array, []scope{s})
	if err != nil {
		return err
	}
	if _, ok := s[target]; !ok {
		s[target] = source{array: func(int) []float64 { return nil }}
	}
	if err := e.check(s, "the nodes"); err != nil {
		return err
	}
	m.emptyFieldWarning()
	vals, steps, exists, unset := m.fieldTarget(e, s, &m.NodeFields, m.NumNodes(), true)
	if exists {
		m.existsWarning(target, entNodeField)
	}
	s[target] = source{array: func(t int) []float64 { return vals[t] }}
	return e.evalInto(s, vals, steps, unset)
}

// CalculateNodeSetField evaluates "name = expression" at each member of
// each selected node set and each timestep and stores the result in the
// node set field name (exomerge's calculate_node_set_field). The
// expression may use time, the global variables, X, Y and Z, the node
// fields (at the member nodes) and the set's fields. Existing fields warn
// and are used with their old values; see CalculateElementField.
func (m *Model) CalculateNodeSetField(expression string, sets Selector) error {
	ids, err := m.ResolveNodeSets(sets)
	if err != nil {
		return err
	}
	target, err := targetOf(expression)
	if err != nil {
		return err
	}
	ss := m.nodeSetsOf(ids)
	scopes := make([]scope, len(ss))
	for i, ns := range ss {
		s := scope{}
		m.addGlobals(s)
		m.addNodeNames(s, ns.Members)
		addFields(s, ns.Fields)
		scopes[i] = s
	}
	e, err := compileExpression(expression, target, expr.Array, scopes)
	if err != nil {
		return err
	}
	for i, ns := range ss {
		if _, ok := scopes[i][target]; !ok {
			scopes[i][target] = source{array: func(int) []float64 { return nil }}
		}
		if err := e.check(scopes[i], "node set "+strconv.FormatInt(ns.ID, 10)); err != nil {
			return err
		}
	}
	for i, ns := range ss {
		vals, steps, exists, unset := m.fieldTarget(e, scopes[i], &ns.Fields, len(ns.Members), false)
		if exists {
			m.existsOnEntityWarning(target, entNodeSetField, strconv.FormatInt(ns.ID, 10), entNodeSet)
		}
		s := scopes[i]
		s[target] = source{array: func(t int) []float64 { return vals[t] }}
		if err := e.evalInto(s, vals, steps, unset); err != nil {
			return err
		}
	}
	return nil
}

// CalculateSideSetField evaluates "name = expression" at each member of
// each selected side set and each timestep and stores the result in the
// side set field name (exomerge's calculate_side_set_field). The
// expression may use time, the global variables and the set's fields.
// Existing fields warn and are used with their old values; see
// CalculateElementField.
func (m *Model) CalculateSideSetField(expression string, sets Selector) error {
	ids, err := m.ResolveSideSets(sets)
	if err != nil {
		return err
	}
	target, err := targetOf(expression)
	if err != nil {
		return err
	}
	ss := m.sideSetsOf(ids)
	scopes := make([]scope, len(ss))
	for i, st := range ss {
		s := scope{}
		m.addGlobals(s)
		addFields(s, st.Fields)
		scopes[i] = s
	}
	e, err := compileExpression(expression, target, expr.Array, scopes)
	if err != nil {
		return err
	}
	for i, st := range ss {
		if _, ok := scopes[i][target]; !ok {
			scopes[i][target] = source{array: func(int) []float64 { return nil }}
		}
		if err := e.check(scopes[i], "side set "+strconv.FormatInt(st.ID, 10)); err != nil {
			return err
		}
	}
	for i, st := range ss {
		vals, steps, exists, unset := m.fieldTarget(e, scopes[i], &st.Fields, len(st.BlockIDs), false)
		if exists {
			m.existsOnEntityWarning(target, entSideSetField, strconv.FormatInt(st.ID, 10), entSideSet)
		}
		s := scopes[i]
		s[target] = source{array: func(t int) []float64 { return vals[t] }}
		if err := e.evalInto(s, vals, steps, unset); err != nil {
			return err
		}
	}
	return nil
}

// CalculateGlobalVariable evaluates "name = expression" at each timestep
// and stores the result in the global variable name (exomerge's
// calculate_global_variable). The expression may use time and the global
// variables. An existing variable warns and, unlike exomerge (which resets
// it first), its old values are used where the expression refers to it; a
// new one refers to its default value.
func (m *Model) CalculateGlobalVariable(expression string) error {
	target, err := targetOf(expression)
	if err != nil {
		return err
	}
	s := scope{}
	m.addGlobals(s)
	e, err := compileExpression(expression, target, expr.Scalar, []scope{s})
	if err != nil {
		return err
	}
	if _, ok := s[target]; !ok {
		s[target] = source{scalar: func(int) float64 { return DefaultFieldValue(target) }}
	}
	if err := e.check(s, "the model"); err != nil {
		return err
	}
	g := m.globalVar(target)
	if g != nil {
		m.existsWarning(target, entGlobalVar)
	} else {
		g = &GlobalVar{Name: target, Values: filled(len(m.Timesteps), DefaultFieldValue(target))}
		m.GlobalVars = append(m.GlobalVars, g)
	}
	s[target] = source{scalar: func(t int) float64 { return g.Values[t] }}
	for t := range m.Timesteps {
		v, err := e.prog.EvalScalar(e.env(s, t))
		if err != nil {
			return fmt.Errorf("meshobj: %w", err)
		}
		g.Values[t] = v
	}
	return nil
}

// elementScopes returns, for each block, the names an element expression
// sees there: the global variables and the block's element fields.
func (m *Model) elementScopes(bs []*ElementBlock) []scope {
	scopes := make([]scope, len(bs))
	for i, b := range bs {
		s := scope{}
		m.addGlobals(s)
		addFields(s, b.Fields)
		scopes[i] = s
	}
	return scopes
}
