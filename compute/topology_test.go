package compute

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestLookupTopology(t *testing.T) {
	tests := []struct {
		name string
		npe  int
		want string // "" means not found
	}{
		{"HEX8", 8, "hex8"},
		{"hex", 8, "hex8"},
		{"HEX8", 20, "hex20"}, // the node count decides, as in Exodus
		{"HEXAHEDRON", 27, "hex27"},
		{"TETRA", 4, "tet4"},
		{"tetra4", 4, "tet4"},
		{"TETRA10", 10, "tet10"},
		{"tet", 14, "tet14"},
		{"WEDGE", 6, "wedge6"},
		{"wedge15", 15, "wedge15"},
		{"WEDGE12", 12, "wedge12"},
		{"PYRAMID", 5, "pyramid5"},
		{"pyramid13", 13, "pyramid13"},
		{"QUAD", 4, "quad4"},
		{"quad9", 9, "quad9"},
		{"QUAD6", 6, "quad6"},
		{"SHELL", 4, "shell4"},
		{"SHELL8", 8, "shell8"},
		{"TRI", 3, "tri3"},
		{"TRIANGLE", 6, "tri6"},
		{"TRISHELL", 3, "tri3"}, // 3-letter match, like Exodus
		{"TRUSS", 2, "line2"},
		{"BAR2", 2, "line2"},
		{"bar3", 3, "line3"},
		{"EDGE2", 2, "line2"},
		{"line2", 2, "line2"},
		{"BEAM", 3, "beam3"},
		{"SPHERE", 1, "sphere"},
		{"circle", 1, "sphere"},
		{"point", 1, "point"},
		{"  hex8 ", 8, "hex8"},
		{"HEX", 7, ""},
		{"NSIDED", 5, ""},
		{"NFACED", 8, ""},
		{"HE", 8, ""},
		{"", 8, ""},
		{"QUAD", 3, ""},
	}
	for _, tc := range tests {
		topo, ok := LookupTopology(tc.name, tc.npe)
		got := ""
		if ok {
			got = topo.Name
			if topo.NodesPerElem != tc.npe {
				t.Errorf("LookupTopology(%q, %d).NodesPerElem = %d", tc.name, tc.npe, topo.NodesPerElem)
			}
		}
		if got != tc.want {
			t.Errorf("LookupTopology(%q, %d) = %q, want %q", tc.name, tc.npe, got, tc.want)
		}
	}
}

// exodusSides holds the side-node tables of the Exodus library
// (ex_get_side_set_node_list.c, 1-based), for the node counts they cover.
var exodusSides = map[string][][]int32{
	"hex8":      {{1, 2, 6, 5}, {2, 3, 7, 6}, {3, 4, 8, 7}, {1, 5, 8, 4}, {1, 4, 3, 2}, {5, 6, 7, 8}},
	"hex20":     {{1, 2, 6, 5, 9, 14, 17, 13}, {2, 3, 7, 6, 10, 15, 18, 14}, {3, 4, 8, 7, 11, 16, 19, 15}, {1, 5, 8, 4, 13, 20, 16, 12}, {1, 4, 3, 2, 12, 11, 10, 9}, {5, 6, 7, 8, 17, 18, 19, 20}},
	"hex27":     {{1, 2, 6, 5, 9, 14, 17, 13, 26}, {2, 3, 7, 6, 10, 15, 18, 14, 25}, {3, 4, 8, 7, 11, 16, 19, 15, 27}, {1, 5, 8, 4, 13, 20, 16, 12, 24}, {1, 4, 3, 2, 12, 11, 10, 9, 22}, {5, 6, 7, 8, 17, 18, 19, 20, 23}},
	"tet4":      {{1, 2, 4}, {2, 3, 4}, {1, 4, 3}, {1, 3, 2}},
	"tet10":     {{1, 2, 4, 5, 9, 8}, {2, 3, 4, 6, 10, 9}, {1, 4, 3, 8, 10, 7}, {1, 3, 2, 7, 6, 5}},
	"tet14":     {{1, 2, 4, 5, 9, 8, 14}, {2, 3, 4, 6, 10, 9, 12}, {1, 4, 3, 8, 10, 7, 13}, {1, 3, 2, 7, 6, 5, 11}},
	"wedge6":    {{1, 2, 5, 4}, {2, 3, 6, 5}, {1, 4, 6, 3}, {1, 3, 2}, {4, 5, 6}},
	"wedge12":   {{1, 2, 5, 4, 7, 10}, {2, 3, 6, 5, 8, 11}, {1, 4, 6, 3, 9, 12}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 10, 11, 12}},
	"wedge15":   {{1, 2, 5, 4, 7, 11, 13, 10}, {2, 3, 6, 5, 8, 12, 14, 11}, {1, 4, 6, 3, 10, 15, 12, 9}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}},
	"wedge18":   {{1, 2, 5, 4, 7, 11, 13, 10, 16}, {2, 3, 6, 5, 8, 12, 14, 11, 17}, {1, 4, 6, 3, 10, 15, 12, 9, 18}, {1, 3, 2, 9, 8, 7}, {4, 5, 6, 13, 14, 15}},
	"wedge20":   {{1, 2, 5, 4, 7, 11, 13, 10, 20}, {2, 3, 6, 5, 8, 12, 14, 11, 18}, {1, 4, 6, 3, 10, 15, 12, 9, 19}, {1, 3, 2, 9, 8, 7, 16}, {4, 5, 6, 13, 14, 15, 17}},
	"wedge21":   {{1, 2, 5, 4, 7, 11, 13, 10, 21}, {2, 3, 6, 5, 8, 12, 14, 11, 19}, {1, 4, 6, 3, 10, 15, 12, 9, 20}, {1, 3, 2, 9, 8, 7, 17}, {4, 5, 6, 13, 14, 15, 18}},
	"pyramid5":  {{1, 2, 5}, {2, 3, 5}, {3, 4, 5}, {1, 5, 4}, {1, 4, 3, 2}},
	"pyramid13": {{1, 2, 5, 6, 11, 10}, {2, 3, 5, 7, 12, 11}, {3, 4, 5, 8, 13, 12}, {1, 5, 4, 10, 13, 9}, {1, 4, 3, 2, 9, 8, 7, 6}},
	"pyramid14": {{1, 2, 5, 6, 11, 10}, {2, 3, 5, 7, 12, 11}, {3, 4, 5, 8, 13, 12}, {1, 5, 4, 10, 13, 9}, {1, 4, 3, 2, 9, 8, 7, 6, 14}},
	"pyramid18": {{1, 2, 5, 6, 11, 10, 15}, {2, 3, 5, 7, 12, 11, 16}, {3, 4, 5, 8, 13, 12, 17}, {1, 5, 4, 10, 13, 9, 18}, {1, 4, 3, 2, 9, 8, 7, 6, 14}},
	"quad4":     {{1, 2}, {2, 3}, {3, 4}, {4, 1}},
	"quad8":     {{1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}},
	"quad9":     {{1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}},
	"tri3":      {{1, 2}, {2, 3}, {3, 1}},
	"tri6":      {{1, 2, 4}, {2, 3, 5}, {3, 1, 6}},
	"shell4":    {{1, 2, 3, 4}, {1, 4, 3, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 1}},
	"shell8":    {{1, 2, 3, 4, 5, 6, 7, 8}, {1, 4, 3, 2, 8, 7, 6, 5}, {1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}},
	"shell9":    {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 4, 3, 2, 8, 7, 6, 5, 9}, {1, 2, 5}, {2, 3, 6}, {3, 4, 7}, {4, 1, 8}},
}

// rotationOf reports whether face (0-based) is the Exodus side ex (1-based)
// with its corner cycle, and the same for its mid-edge nodes, started at
// another corner; trailing mid-face nodes must match exactly.
func rotationOf(face, ex []int32, corners int) bool {
	if len(face) != len(ex) {
		return false
	}
	k := corners
	if k > len(ex) {
		return false
	}
	mids := min(k, len(ex)-k)
	if k == 2 || mids < k { // an edge, or a face with only some mid-edge nodes (quad6)
		mids = 0
	}
	for r := range k {
		ok := true
		for i := range k {
			if face[i] != ex[(i+r)%k]-1 {
				ok = false
			}
		}
		for i := range mids {
			if face[k+i] != ex[k+(i+r)%k]-1 {
				ok = false
			}
		}
		if mids == 0 && len(ex) > k && k > 2 {
			if ok {
				return true
			}
			continue
		}
		for i := k + mids; i < len(ex); i++ {
			if face[i] != ex[i]-1 {
				ok = false
			}
		}
		if ok {
			return true
		}
		if k == 2 {
			break
		}
	}
	return false
}

func TestFacesMatchExodus(t *testing.T) {
	for name, sides := range exodusSides {
		topo := lookupName(name)
		if topo == nil {
			t.Errorf("%s: missing", name)
			continue
		}
		if len(topo.Faces) != len(sides) {
			t.Errorf("%s: %d faces, Exodus has %d", name, len(topo.Faces), len(sides))
			continue
		}
		for s, ex := range sides {
			fc := topo.Faces[s]
			ft := lookupName(fc.Type)
			if ft == nil || ft.NodesPerElem != len(fc.Nodes) {
				t.Errorf("%s side %d: face type %q does not resolve with %d nodes", name, s+1, fc.Type, len(fc.Nodes))
				continue
			}
			corners := ft.Corners
			if !rotationOf(fc.Nodes, ex, corners) {
				t.Errorf("%s side %d: nodes %v are not a rotation of Exodus %v", name, s+1, fc.Nodes, ex)
			}
		}
	}
}

// exomergeFaces is exomerge3.py's FACE_MAPPING for the types whose face
// node order we keep (quad6 is left out: see topologyTable).
var exomergeFaces = map[string][][]int32{
	"hex8":   {{0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}, {0, 3, 2, 1}, {4, 5, 6, 7}},
	"hex20":  {{0, 1, 5, 4, 8, 13, 16, 12}, {1, 2, 6, 5, 9, 14, 17, 13}, {2, 3, 7, 6, 10, 15, 18, 14}, {3, 0, 4, 7, 11, 12, 19, 15}, {0, 3, 2, 1, 11, 10, 9, 8}, {4, 5, 6, 7, 16, 17, 18, 19}},
	"tet4":   {{0, 1, 3}, {1, 2, 3}, {2, 0, 3}, {0, 2, 1}},
	"tet10":  {{0, 1, 3, 4, 8, 7}, {1, 2, 3, 5, 9, 8}, {2, 0, 3, 6, 7, 9}, {0, 2, 1, 6, 5, 4}},
	"wedge6": {{0, 1, 4, 3}, {1, 2, 5, 4}, {2, 0, 3, 5}, {0, 2, 1}, {3, 4, 5}},
	// exomerge has side 5 of wedge12 as (3, 4, 5, 11, 10, 9): a mid-node
	// order bug, fixed here (see topologyTable).
	"wedge12": {{0, 1, 4, 3, 6, 9}, {1, 2, 5, 4, 7, 10}, {2, 0, 3, 5, 8, 11}, {0, 2, 1, 8, 7, 6}, {3, 4, 5, 9, 10, 11}},
	"wedge15": {{0, 1, 4, 3, 6, 10, 12, 9}, {1, 2, 5, 4, 7, 11, 13, 10}, {2, 0, 3, 5, 8, 9, 14, 11}, {0, 2, 1, 8, 7, 6}, {3, 4, 5, 12, 13, 14}},
	"wedge16": {{0, 1, 4, 3, 6, 10, 12, 9}, {1, 2, 5, 4, 7, 11, 13, 10}, {2, 0, 3, 5, 8, 9, 14, 11}, {0, 2, 1, 8, 7, 6}, {3, 4, 5, 12, 13, 14}},
	"tri3":    {{0, 1}, {1, 2}, {2, 0}},
	"tri6":    {{0, 1, 3}, {1, 2, 4}, {2, 0, 5}},
	"quad4":   {{0, 1}, {1, 2}, {2, 3}, {3, 0}},
	"quad8":   {{0, 1, 4}, {1, 2, 5}, {2, 3, 6}, {3, 0, 7}},
	"shell4":  {{0, 1, 2, 3}, {0, 3, 2, 1}, {0, 1}, {1, 2}, {2, 3}, {3, 0}},
	"line2":   {{0}, {1}},
	"line3":   {{0}, {1}},
}

func TestFacesMatchExomerge(t *testing.T) {
	for name, want := range exomergeFaces {
		topo := lookupName(name)
		var got [][]int32
		for _, fc := range topo.Faces {
			got = append(got, fc.Nodes)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s faces = %v, exomerge has %v", name, got, want)
		}
	}
}

// refCorners gives reference corner coordinates of the solid families.
var refCorners = map[string][][3]float64{
	"hex":     {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}},
	"tet":     {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"wedge":   {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {0, 1, 1}},
	"pyramid": {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0.5, 0.5, 1}},
}

// TestFacesPointOutward checks every solid face's corner cycle against the
// geometry of a reference element: its Newell normal must point away from
// the element's centre.
func TestFacesPointOutward(t *testing.T) {
	for _, topo := range topologyTable() {
		if topo.Dim != 3 || topo.Corners < 4 || strings.HasPrefix(topo.Name, "shell") {
			continue
		}
		var fam string
		for k := range refCorners {
			if len(topo.Name) > len(k) && topo.Name[:len(k)] == k {
				fam = k
			}
		}
		pts := refCorners[fam]
		var ctr [3]float64
		for _, p := range pts {
			for d := range 3 {
				ctr[d] += p[d] / float64(len(pts))
			}
		}
		for s, fc := range topo.Faces {
			ft := lookupName(fc.Type)
			cs := fc.Nodes[:ft.Corners]
			var nrm, fctr [3]float64
			for i := range cs {
				a, b := pts[cs[i]], pts[cs[(i+1)%len(cs)]]
				nrm[0] += (a[1] - b[1]) * (a[2] + b[2])
				nrm[1] += (a[2] - b[2]) * (a[0] + b[0])
				nrm[2] += (a[0] - b[0]) * (a[1] + b[1])
				for d := range 3 {
					fctr[d] += a[d] / float64(len(cs))
				}
			}
			dot := 0.0
			for d := range 3 {
				dot += nrm[d] * (fctr[d] - ctr[d])
			}
			if dot <= 0 {
				t.Errorf("%s side %d (%v): normal %v points inward", topo.Name, s+1, cs, nrm)
			}
		}
	}
}

// midEdge lists exomerge's ELEMENT_CONVERSIONS from linear to quadratic
// types: the corner pair whose midpoint each higher node is.
var midEdge = map[string][][2]int32{
	"hex":   {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}, {1, 5}, {2, 6}, {3, 7}, {4, 5}, {5, 6}, {6, 7}, {4, 7}},
	"tet":   {{0, 1}, {1, 2}, {0, 2}, {0, 3}, {1, 3}, {2, 3}},
	"wedge": {{0, 1}, {1, 2}, {0, 2}, {0, 3}, {1, 4}, {2, 5}, {3, 4}, {4, 5}, {3, 5}},
	// Exodus pyramid13: 5..8 base edges, 9..12 edges to the apex.
	"pyramid": {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {0, 4}, {1, 4}, {2, 4}, {3, 4}},
}

// TestFaceMidNodes checks that the mid-edge nodes of every quadratic solid
// face sit on the edge between the consecutive corners they follow.
func TestFaceMidNodes(t *testing.T) {
	for _, topo := range topologyTable() {
		var edges [][2]int32
		for k, v := range midEdge {
			if len(topo.Name) > len(k) && topo.Name[:len(k)] == k {
				edges = v
			}
		}
		if edges == nil || topo.NodesPerElem < topo.Corners+len(edges) {
			continue
		}
		for s, fc := range topo.Faces {
			ft := lookupName(fc.Type)
			k := ft.Corners
			if len(fc.Nodes) < 2*k {
				continue
			}
			for i := range k {
				a, b := fc.Nodes[i], fc.Nodes[(i+1)%k]
				m := fc.Nodes[k+i]
				e := edges[m-int32(topo.Corners)]
				if !(e == [2]int32{a, b} || e == [2]int32{b, a}) {
					t.Errorf("%s side %d: node %d is the middle of %v, not of %d-%d", topo.Name, s+1, m, e, a, b)
				}
			}
		}
	}
}

func TestEdges(t *testing.T) {
	want := map[string]int{
		"hex8": 12, "hex20": 12, "hex27": 12, "tet4": 6, "tet10": 6, "wedge6": 9, "wedge15": 9,
		"pyramid5": 8, "pyramid13": 8, "quad4": 4, "quad8": 4, "tri3": 3, "tri6": 3,
		"shell4": 4, "shell9": 4, "line2": 1, "line3": 1, "beam2": 1, "point": 0, "sphere": 0,
	}
	for name, n := range want {
		topo := lookupName(name)
		if len(topo.Edges) != n {
			t.Errorf("%s: %d edges %v, want %d", name, len(topo.Edges), topo.Edges, n)
		}
		for _, e := range topo.Edges {
			if e[0] >= e[1] || int(e[1]) >= topo.Corners {
				t.Errorf("%s: bad edge %v", name, e)
			}
		}
		if !slices.IsSortedFunc(topo.Edges, func(a, b [2]int32) int {
			return int(a[0]-b[0])*100 + int(a[1]-b[1])
		}) {
			t.Errorf("%s: edges not sorted: %v", name, topo.Edges)
		}
	}
	// hex8's edges are exactly the 12 cube edges.
	got := lookupName("hex8").Edges
	cube := refCorners["hex"]
	for _, e := range got {
		a, b := cube[e[0]], cube[e[1]]
		d := math.Abs(a[0]-b[0]) + math.Abs(a[1]-b[1]) + math.Abs(a[2]-b[2])
		if d != 1 {
			t.Errorf("hex8 edge %v is not a cube edge", e)
		}
	}
}
