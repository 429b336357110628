package meshobj

import (
	"math"
	"strings"
)

var nan = math.NaN()

// elementTypeAliases maps the short type names some writers use to
// exomerge's standard names.
var elementTypeAliases = map[string]string{
	"hex":      "hex8",
	"tet":      "tet4",
	"tetra":    "tet4",
	"tetra10":  "tet10",
	"tri":      "tri3",
	"triangle": "tri3",
	"truss":    "line2",
	"quad":     "quad4",
	"shell":    "shell4",
	"wedge":    "wedge6",
}

// StandardElementType returns exomerge's standard name for an element type
// string: lower-cased, with the aliases hex, tet, tetra, tetra10, tri,
// triangle, truss, quad, shell and wedge translated (e.g. "HEX" -> "hex8").
// Other strings are returned lower-cased.
func StandardElementType(t string) string {
	t = strings.ToLower(t)
	if s, ok := elementTypeAliases[t]; ok {
		return s
	}
	return t
}

// elementDimension is the topological dimension of each standard element
// type, as exomerge's DIMENSION table (shell4 counts as 3).
var elementDimension = map[string]int{
	"point": 0,
	"line2": 1, "line3": 1,
	"tri3": 2, "tri6": 2, "quad4": 2, "quad6": 2, "quad8": 2,
	"shell4": 3, "hex8": 3, "hex20": 3, "tet4": 3, "tet10": 3,
	"wedge6": 3, "wedge12": 3, "wedge15": 3, "wedge16": 3,
}

// IsStandardElementType reports whether exomerge knows the element type
// (after StandardElementType).
func IsStandardElementType(t string) bool {
	_, ok := elementDimension[StandardElementType(t)]
	return ok
}
