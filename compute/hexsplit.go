package compute

// Hex24TetScheme returns exomerge's 'hex24tet' split of a hex8 as an
// ExpandConnectivity scheme over the groups Hex24TetGroups: for each of the
// six faces of the hex8 face table and each of its four edges (a, b) taken
// in face order, the tet4 (b, a, face centre, body centre). The tets keep
// the hex's orientation: side 4 (0-based 3) of each tet lies on the hex
// face it was cut from.
func Hex24TetScheme() [][]int32 {
	faces := hex8Faces()
	scheme := make([][]int32, 0, 24)
	for f, face := range faces {
		for i := range 4 {
			scheme = append(scheme, []int32{face[(i+1)%4], face[i], int32(-1 - f), -7})
		}
	}
	return scheme
}

// Hex24TetGroups returns the node groups of the 'hex24tet' split: the six
// faces of the hex8 (group f is face f) and the whole element (group 6),
// whose averages are the face and body centres.
func Hex24TetGroups() [][]int32 {
	groups := make([][]int32, 0, 7)
	for _, face := range hex8Faces() {
		groups = append(groups, face)
	}
	return append(groups, []int32{0, 1, 2, 3, 4, 5, 6, 7})
}

// hex8Faces returns the corner lists of the hex8 sides.
func hex8Faces() [][]int32 {
	t := lookupName("hex8")
	faces := make([][]int32, len(t.Faces))
	for i, f := range t.Faces {
		faces[i] = append([]int32(nil), f.Nodes...)
	}
	return faces
}
