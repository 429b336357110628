package exodus

import "strings"

// This file holds the Exodus side numbering the reader validates side sets
// against and counts side-set distribution factors with. It follows
// libexodus (ex_get_side_set_node_list.c for the node order of each side,
// ex_int_get_block_param.c for the number of sides and of nodes per side);
// the meshobj and compute packages keep exomerge's own face tables for the
// geometry methods.

// family returns the topology family of an element type string the way
// libexodus matches it: upper-cased, first three characters.
func family(typ string) string {
	t := strings.ToUpper(strings.TrimSpace(typ))
	if len(t) > 3 {
		t = t[:3]
	}
	return t
}

// isShellName reports whether a type string names a shell explicitly
// (SHELL4, TRISHELL3, QUADSHELL8): such elements have two faces and their
// edges as sides whatever the spatial dimension (libMesh writes TRISHELL3
// into 2-D files with edge sides 3..5).
func isShellName(typ string) bool {
	return strings.Contains(strings.ToUpper(typ), "SHELL")
}

// firstN returns the first n entries of each row.
func firstN(rows [][]int, n ...int) [][]int {
	out := make([][]int, len(rows))
	for i, r := range rows {
		k := n[0]
		if i < len(n) {
			k = n[i]
		}
		out[i] = r[:k]
	}
	return out
}

// Node tables of libexodus (ex_get_side_set_node_list.c), 1-based local
// node numbers, corner nodes first, then mid-edge and mid-face nodes.
var (
	triEdges    = [][]int{{1, 2, 4}, {2, 3, 5}, {3, 1, 6}}
	triFaces    = [][]int{{1, 2, 3, 4, 5, 6, 7}, {3, 2, 1, 6, 5, 4, 7}}
	quadEdges   = [][]int{{1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}}
	shellFaces  = [][]int{{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 4, 3, 2, 8, 7, 6, 5, 9}}
	tetSides    = [][]int{{1, 2, 4, 5, 9, 8, 14}, {2, 3, 4, 6, 10, 9, 12}, {1, 4, 3, 8, 10, 7, 13}, {1, 3, 2, 7, 6, 5, 11}}
	wedge6      = [][]int{{1, 2, 5, 4}, {2, 3, 6, 5}, {1, 4, 6, 3}, {1, 3, 2}, {4, 5, 6}}
	wedge12     = [][]int{{1, 2, 5, 4, 7, 10}, {2, 3, 6, 5, 8, 11}, {1, 4, 6, 3, 9, 12}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 10, 11, 12}}
	wedge15     = [][]int{{1, 2, 5, 4, 7, 11, 13, 10}, {2, 3, 6, 5, 8, 12, 14, 11}, {1, 4, 6, 3, 10, 15, 12, 9}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}}
	wedge18     = [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 16}, {2, 3, 6, 5, 8, 12, 14, 11, 17}, {1, 4, 6, 3, 10, 15, 12, 9, 18}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}}
	wedge20     = [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 20}, {2, 3, 6, 5, 8, 12, 14, 11, 18}, {1, 4, 6, 3, 10, 15, 12, 9, 19}, {1, 3, 2, 9, 8, 7, 16}, {4, 5, 6, 13, 14, 15, 17}}
	wedge21     = [][]int{{1, 2, 5, 4, 7, 11, 13, 10, 21}, {2, 3, 6, 5, 8, 12, 14, 11, 19}, {1, 4, 6, 3, 10, 15, 12, 9, 20}, {1, 3, 2, 9, 8, 7, 17}, {4, 5, 6, 13, 14, 15, 18}}
	pyramidTris = [][]int{{1, 2, 5, 6, 11, 10, 15}, {2, 3, 5, 7, 12, 11, 16}, {3, 4, 5, 8, 13, 12, 17}, {1, 5, 4, 10, 13, 9, 18}}
	pyramidQuad = []int{1, 4, 3, 2, 9, 8, 7, 6, 14}
	hexSides    = [][]int{{1, 2, 6, 5, 9, 14, 17, 13, 26}, {2, 3, 7, 6, 10, 15, 18, 14, 25}, {3, 4, 8, 7, 11, 16, 19, 15, 27}, {1, 5, 8, 4, 13, 20, 16, 12, 24}, {1, 4, 3, 2, 12, 11, 10, 9, 22}, {5, 6, 7, 8, 17, 18, 19, 20, 23}}
	hex16Sides  = [][]int{{1, 2, 6, 5, 9, 13}, {2, 3, 7, 6, 10, 14}, {3, 4, 8, 7, 11, 15}, {4, 1, 5, 8, 12, 16}, {1, 4, 3, 2, 12, 11, 10, 9}, {5, 6, 7, 8, 13, 14, 15, 16}}
)

// sideTable returns the local nodes (1-based) of every side of an element
// of the given type, nodes per element and spatial dimension: sides[k-1]
// lists side k. It returns nil when the topology or its node count is not
// one exosh knows (an unknown type, BEX, NSIDED, NULL): such blocks are
// carried, but their side numbers are not checked and their side-set
// distribution factors cannot be split per side.
func sideTable(typ string, npe, numDim int) [][]int {
	switch family(typ) {
	case "SPH", "CIR":
		return [][]int{{1}}
	case "TRU", "BAR", "EDG":
		if npe < 2 {
			return nil
		}
		return [][]int{{1}, {2}}
	case "BEA":
		if npe < 2 {
			return nil
		}
		fwd := make([]int, npe)
		rev := make([]int, npe)
		for i := range npe {
			fwd[i] = i + 1
			rev[i] = npe - i
		}
		return [][]int{fwd, rev}
	case "TRI":
		edge := 2
		switch npe {
		case 3, 4:
		case 6, 7:
			edge = 3
		default:
			return nil
		}
		if numDim == 3 || isShellName(typ) {
			// triangular shell: 2 faces, then 3 edges
			faceN := npe
			if npe == 4 {
				// a TRI4 face is its corners and its centre (node 4)
				return append([][]int{{1, 2, 3, 4}, {3, 2, 1, 4}}, firstN(triEdges, edge)...)
			}
			return append(firstN(triFaces, faceN), firstN(triEdges, edge)...)
		}
		return firstN(triEdges, edge)
	case "QUA":
		if isShellName(typ) {
			return shellTable(npe)
		}
		switch npe {
		case 4, 5:
			return firstN(quadEdges, 2)
		case 8, 9:
			return firstN(quadEdges, 3)
		}
		return nil
	case "SHE":
		return shellTable(npe)
	case "TET":
		switch npe {
		case 4, 5:
			return firstN(tetSides, 3)
		case 8:
			return firstN(tetSides, 4)
		case 10, 11:
			return firstN(tetSides, 6)
		case 14, 15:
			return firstN(tetSides, 7)
		}
		return nil
	case "WED":
		switch npe {
		case 6, 7:
			return wedge6
		case 12:
			return wedge12
		case 15, 16:
			return wedge15
		case 18:
			return wedge18
		case 20:
			return wedge20
		case 21:
			return wedge21
		}
		return nil
	case "PYR":
		var tri, quad int
		switch npe {
		case 5:
			tri, quad = 3, 4
		case 13:
			tri, quad = 6, 8
		case 14:
			tri, quad = 6, 9
		case 18, 19:
			tri, quad = 7, 9
		default:
			return nil
		}
		out := make([][]int, 0, 5)
		for _, s := range pyramidTris {
			if tri == 3 {
				out = append(out, s[:3])
				continue
			}
			// corners, then the three mid-edge nodes, then the face centre
			row := append(append([]int{}, s[:3]...), s[3:tri]...)
			out = append(out, row)
		}
		return append(out, pyramidQuad[:quad])
	case "HEX":
		switch npe {
		case 8, 9:
			return firstN(hexSides, 4)
		case 16:
			return hex16Sides
		case 20:
			return firstN(hexSides, 8)
		case 27:
			return firstN(hexSides, 9)
		}
		return nil
	}
	return nil
}

// shellTable returns the sides of a quadrilateral shell: the two faces,
// then the four edges; a 2-node (2-D) shell has its two orientations.
func shellTable(npe int) [][]int {
	switch npe {
	case 2:
		return [][]int{{1, 2}, {2, 1}}
	case 4:
		return append(firstN(shellFaces, 4), firstN(quadEdges, 2)...)
	case 8, 9:
		return append(firstN(shellFaces, npe), firstN(quadEdges, 3)...)
	}
	return nil
}

// sideCount returns the number of sides of an element of the given type,
// nodes per element and spatial dimension, or 0 when the topology is not
// known (side numbers are then not checked).
func sideCount(typ string, npe, numDim int) int {
	if t := sideTable(typ, npe, numDim); t != nil {
		return len(t)
	}
	// Node counts libexodus knows without a node table here.
	switch family(typ) {
	case "HEX":
		if npe == 12 || npe == 32 || npe == 64 {
			return 6
		}
	case "TET":
		if npe == 16 || npe == 40 {
			return 4
		}
	case "WED":
		if npe == 24 || npe == 52 {
			return 5
		}
	}
	return 0
}

// sideNodeCount returns the number of nodes on a 1-based side of an element
// (the number of distribution factors libexodus stores for that side), or 0
// when it is not known.
func sideNodeCount(typ string, npe, numDim, side int) int {
	t := sideTable(typ, npe, numDim)
	if side < 1 || side > len(t) {
		return 0
	}
	return len(t[side-1])
}
