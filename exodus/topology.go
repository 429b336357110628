package exodus

import "strings"

// family returns the topology family of an element type string the way
// libexodus matches it: upper-cased, first three characters.
func family(typ string) string {
	t := strings.ToUpper(strings.TrimSpace(typ))
	if len(t) > 3 {
		t = t[:3]
	}
	return t
}

// sideCount returns the number of sides of an element of the given type,
// nodes per element and spatial dimension, or 0 when the type is unknown
// (side numbers are then not checked).
func sideCount(typ string, npe, numDim int) int {
	switch family(typ) {
	case "HEX":
		return 6
	case "TET":
		return 4
	case "WED":
		return 5
	case "PYR":
		return 5
	case "QUA":
		if numDim == 3 {
			return 6 // a quad in 3-D is a shell
		}
		return 4
	case "TRI":
		if numDim == 3 {
			return 5 // triangular shell: 2 faces and 3 edges
		}
		return 3
	case "SHE":
		if npe == 2 {
			return 2
		}
		return 6
	case "BEA", "TRU", "BAR", "EDG":
		return 2
	case "SPH", "CIR":
		return 1
	}
	return 0
}

// sideNodeCount returns the number of nodes on a 1-based side of an element
// (the number of distribution factors libexodus stores for that side), or 0
// when it is not known.
func sideNodeCount(typ string, npe, numDim, side int) int {
	// edge returns the node count of an element edge: 3 for quadratic
	// elements (npe at least quadNPE), else 2.
	edge := func(quadNPE int) int {
		if npe >= quadNPE {
			return 3
		}
		return 2
	}
	switch family(typ) {
	case "HEX":
		switch {
		case npe >= 27:
			return 9
		case npe >= 20:
			return 8
		}
		return 4
	case "TET":
		if npe >= 10 {
			return 6
		}
		return 3
	case "WED":
		if side <= 3 {
			switch {
			case npe >= 18:
				return 9
			case npe >= 15:
				return 8
			}
			return 4
		}
		if npe >= 15 {
			return 6
		}
		return 3
	case "PYR":
		if npe >= 13 {
			if side <= 4 {
				return 6
			}
			return 8
		}
		if side <= 4 {
			return 3
		}
		return 4
	case "QUA":
		if numDim == 3 && side <= 2 {
			return npe
		}
		return edge(8)
	case "TRI":
		if numDim == 3 && side <= 2 {
			return npe
		}
		return edge(6)
	case "SHE":
		if npe == 2 {
			return 1
		}
		if side <= 2 {
			return npe
		}
		return edge(8)
	case "BEA":
		return npe
	case "TRU", "BAR", "EDG", "SPH", "CIR":
		return 1
	}
	return 0
}
