package meshobj

import "strings"

// Warning is a non-fatal diagnostic of an exomerge-style operation: the
// operation went ahead (skipping or overwriting something). Short is a
// one-line summary such as "Reference to undefined element block."; Detail
// explains it and, where useful, lists what exists.
type Warning struct {
	Short, Detail string
}

// String returns "short detail".
func (w Warning) String() string { return joinMessage(w.Short, w.Detail) }

// Error is the error returned by the exomerge-style methods when they refuse
// an operation. Short and Detail carry exomerge's message (e.g. Short
// "Element block already exists.", Detail "The specified element block "1"
// already exists. This operation cannot be completed."). When a method
// returns an *Error the model is unchanged unless the method's doc says
// otherwise.
type Error struct {
	Short, Detail string
}

// Error returns "meshobj: short detail".
func (e *Error) Error() string { return "meshobj: " + joinMessage(e.Short, e.Detail) }

func joinMessage(short, detail string) string {
	if detail == "" {
		return short
	}
	return short + " " + detail
}

func newError(short, detail string) *Error { return &Error{Short: short, Detail: detail} }

// warn reports a warning through m.Warn, if set.
func (m *Model) warn(short, detail string) {
	if m.Warn != nil {
		m.Warn(Warning{Short: short, Detail: detail})
	}
}

// capitalize upper-cases the first letter of an ASCII entity label.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plural returns the plural of an entity label, as exomerge's _plural.
func plural(s string) string {
	if strings.HasSuffix(s, "y") {
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// Entity labels used in messages, as exomerge spells them.
const (
	entBlock        = "element block"
	entNodeSet      = "node set"
	entSideSet      = "side set"
	entTimestep     = "timestep"
	entNodeField    = "node field"
	entElementField = "element field"
	entNodeSetField = "node set field"
	entSideSetField = "side set field"
	entGlobalVar    = "global variable"
)

func existsError(name, entity string) *Error {
	return newError(capitalize(entity)+" already exists.",
		`The specified `+entity+` "`+name+`" already exists. This operation cannot be completed.`)
}

func (m *Model) existsWarning(name, entity string) {
	m.warn(capitalize(entity)+" already exists.",
		`The specified `+entity+` "`+name+`" already exists. Information may be overwritten.`)
}

func (m *Model) existsOnEntityWarning(name, entity, baseName, baseEntity string) {
	m.warn(capitalize(entity)+" already exists.",
		`The specified `+entity+` "`+name+`" already exists on `+baseEntity+` `+baseName+`. Information may be overwritten.`)
}

func missingOnEntityError(name, entity, baseName, baseEntity string) *Error {
	return newError(capitalize(entity)+" does not exist.",
		`The specified `+entity+` "`+name+`" does not exist on `+baseEntity+` `+baseName+`.`)
}
