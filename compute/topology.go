package compute

import (
	"slices"
	"strings"
)

// Topology describes one element type: its dimension, node count, faces
// (sides) and edges, plus the rule Volumes uses for it.
//
// A Topology returned by LookupTopology is shared and must not be modified.
type Topology struct {
	// Name is the canonical lower-case name: exomerge's name where exomerge
	// knows the type ("hex8", "tet10", "wedge12", "quad6", "shell4",
	// "line2", "point"), otherwise the Exodus family and node count
	// ("hex27", "pyramid13", "tri7", "beam2", "sphere").
	Name string
	// Dim is the dimension exomerge gives the type: 0 for points and
	// spheres, 1 for lines (bar, truss, beam), 2 for tri and quad, and 3
	// for solids and for shells (exomerge counts shell4 as 3-D).
	Dim int
	// NodesPerElem is the connectivity stride.
	NodesPerElem int
	// Corners is the number of corner (vertex) nodes; they come first in
	// the connectivity.
	Corners int
	// Faces lists the sides in side-set order: Faces[s] is side s+1 of the
	// Exodus numbering. For the types exomerge knows the lists are its
	// FACE_MAPPING, except for two mid-node orders fixed (quad6 side 3 and
	// wedge12 side 5, see topologyTable); for the others they are the
	// Exodus side-node tables, with each cycle started where exomerge
	// starts the matching face. A face's corner nodes come first and give
	// an outward normal by the right-hand rule. As in exomerge, a TRI or
	// QUAD element has its edges as sides even in a 3-D mesh, where the
	// Exodus library would treat a TRI as a 5-sided triangular shell.
	Faces []Face
	// Edges lists the unique element edges as pairs of local corner nodes
	// (smaller first), sorted. They are derived as exomerge's
	// _get_element_edge_indices derives them: faces of faces down to
	// dimension 1, then the first two nodes of each line.
	Edges [][2]int32

	rule volumeRule
}

// Face is one side of an element.
type Face struct {
	// Type is the canonical name of the face's own topology ("quad4",
	// "tri6", "line2", "point", ...); LookupTopology(Type, len(Nodes))
	// resolves it.
	Type string
	// Nodes are local node indices (0-based) into the element's
	// connectivity, corners first.
	Nodes []int32
}

// HasVolume reports whether Volumes knows a formula for t.
func (t *Topology) HasVolume() bool { return t.rule != ruleNone }

// volumeRule selects the length/area/volume formula of a topology.
type volumeRule uint8

const (
	ruleNone    volumeRule = iota
	ruleLine               // |n1 - n0|
	ruleTri                // |(n1-n0) x (n2-n0)| / 2
	ruleQuad               // |(n2-n0) x (n3-n1)| / 2
	ruleTet                // (n1-n0) x (n2-n0) . (n3-n0) / 6
	ruleWedge              // exomerge's wedge triple product / 2
	ruleHex                // exomerge's hex triple product
	rulePyramid            // (n2-n0) x (n3-n1) . (n4 - mean(n0..n3)) / 6
)

// LookupTopology resolves an element type string and node count the way the
// Exodus library does: case-insensitively, by the first three letters of the
// name, with the node count choosing among the family's members. So "HEX",
// "hex8" and "HEXAHEDRON" with 8 nodes are all hex8, "TETRA" with 10 nodes
// is tet10 and "HEX8" with 20 nodes is hex20. Families: HEX, TET, WED(ge),
// PYR(amid), QUA(d), TRI(angle), SHE(ll), BEA(m), BAR, TRU(ss), EDG(e),
// LIN(e), SPH(ere), CIR(cle), POI(nt). It reports false for an unknown
// family or a node count the family does not have.
//
// Unlike exomerge (which matches whole names and maps "HEX" to hex8 whatever
// the node count, and does not know "TETRA4" at all), the node count always
// decides.
func LookupTopology(elemType string, nodesPerElem int) (*Topology, bool) {
	name := strings.TrimSpace(elemType)
	if len(name) < 3 {
		return nil, false
	}
	fam, ok := families[strings.ToUpper(name[:3])]
	if !ok {
		return nil, false
	}
	for _, t := range fam {
		if t.NodesPerElem == nodesPerElem {
			return t, true
		}
	}
	return nil, false
}

// lookupName returns the topology with the given canonical name.
func lookupName(name string) *Topology {
	return byName[name]
}

var (
	byName   map[string]*Topology
	families map[string][]*Topology
)

func init() {
	ts := topologyTable()
	byName = make(map[string]*Topology, len(ts))
	for _, t := range ts {
		byName[t.Name] = t
	}
	for _, t := range ts {
		t.Edges = deriveEdges(t)
	}
	fam := func(names ...string) []*Topology {
		out := make([]*Topology, len(names))
		for i, n := range names {
			out[i] = byName[n]
		}
		return out
	}
	line := fam("line2", "line3")
	families = map[string][]*Topology{
		"HEX": fam("hex8", "hex9", "hex20", "hex27"),
		"TET": fam("tet4", "tet5", "tet10", "tet11", "tet14", "tet15"),
		"WED": fam("wedge6", "wedge12", "wedge15", "wedge16", "wedge18", "wedge20", "wedge21"),
		"PYR": fam("pyramid5", "pyramid13", "pyramid14", "pyramid18", "pyramid19"),
		"QUA": fam("quad4", "quad5", "quad6", "quad8", "quad9"),
		"TRI": fam("tri3", "tri4", "tri6", "tri7"),
		"SHE": fam("tri3", "shell4", "shell8", "shell9"),
		"BEA": fam("beam2", "beam3"),
		"BAR": line, "TRU": line, "EDG": line, "LIN": line,
		"SPH": fam("sphere"), "CIR": fam("sphere"),
		"POI": fam("point"),
	}
}

// f builds a Face.
func f(typ string, nodes ...int32) Face { return Face{Type: typ, Nodes: nodes} }

// topologyTable returns every topology with its faces; edges are derived
// afterwards.
func topologyTable() []*Topology {
	hex8 := []Face{
		f("quad4", 0, 1, 5, 4), f("quad4", 1, 2, 6, 5), f("quad4", 2, 3, 7, 6),
		f("quad4", 3, 0, 4, 7), f("quad4", 0, 3, 2, 1), f("quad4", 4, 5, 6, 7),
	}
	hex20 := []Face{
		f("quad8", 0, 1, 5, 4, 8, 13, 16, 12), f("quad8", 1, 2, 6, 5, 9, 14, 17, 13),
		f("quad8", 2, 3, 7, 6, 10, 15, 18, 14), f("quad8", 3, 0, 4, 7, 11, 12, 19, 15),
		f("quad8", 0, 3, 2, 1, 11, 10, 9, 8), f("quad8", 4, 5, 6, 7, 16, 17, 18, 19),
	}
	hex27 := []Face{
		f("quad9", 0, 1, 5, 4, 8, 13, 16, 12, 25), f("quad9", 1, 2, 6, 5, 9, 14, 17, 13, 24),
		f("quad9", 2, 3, 7, 6, 10, 15, 18, 14, 26), f("quad9", 3, 0, 4, 7, 11, 12, 19, 15, 23),
		f("quad9", 0, 3, 2, 1, 11, 10, 9, 8, 21), f("quad9", 4, 5, 6, 7, 16, 17, 18, 19, 22),
	}
	tet4 := []Face{f("tri3", 0, 1, 3), f("tri3", 1, 2, 3), f("tri3", 2, 0, 3), f("tri3", 0, 2, 1)}
	tet10 := []Face{
		f("tri6", 0, 1, 3, 4, 8, 7), f("tri6", 1, 2, 3, 5, 9, 8),
		f("tri6", 2, 0, 3, 6, 7, 9), f("tri6", 0, 2, 1, 6, 5, 4),
	}
	tet14 := []Face{
		f("tri7", 0, 1, 3, 4, 8, 7, 13), f("tri7", 1, 2, 3, 5, 9, 8, 11),
		f("tri7", 2, 0, 3, 6, 7, 9, 12), f("tri7", 0, 2, 1, 6, 5, 4, 10),
	}
	wedge6 := []Face{
		f("quad4", 0, 1, 4, 3), f("quad4", 1, 2, 5, 4), f("quad4", 2, 0, 3, 5),
		f("tri3", 0, 2, 1), f("tri3", 3, 4, 5),
	}
	wedge12 := []Face{
		f("quad6", 0, 1, 4, 3, 6, 9), f("quad6", 1, 2, 5, 4, 7, 10), f("quad6", 2, 0, 3, 5, 8, 11),
		// exomerge lists side 5 as (3, 4, 5, 11, 10, 9), pairing edge 3-4
		// with node 11, the middle of edge 5-3; Exodus and exomerge's own
		// tri6-to-wedge12 formula put the middle of 3-4 at node 9.
		f("tri6", 0, 2, 1, 8, 7, 6), f("tri6", 3, 4, 5, 9, 10, 11),
	}
	wedge15 := []Face{
		f("quad8", 0, 1, 4, 3, 6, 10, 12, 9), f("quad8", 1, 2, 5, 4, 7, 11, 13, 10),
		f("quad8", 2, 0, 3, 5, 8, 9, 14, 11),
		f("tri6", 0, 2, 1, 8, 7, 6), f("tri6", 3, 4, 5, 12, 13, 14),
	}
	wedge18 := []Face{
		f("quad9", 0, 1, 4, 3, 6, 10, 12, 9, 15), f("quad9", 1, 2, 5, 4, 7, 11, 13, 10, 16),
		f("quad9", 2, 0, 3, 5, 8, 9, 14, 11, 17),
		f("tri6", 0, 2, 1, 8, 7, 6), f("tri6", 3, 4, 5, 12, 13, 14),
	}
	wedge20 := []Face{
		f("quad9", 0, 1, 4, 3, 6, 10, 12, 9, 19), f("quad9", 1, 2, 5, 4, 7, 11, 13, 10, 17),
		f("quad9", 2, 0, 3, 5, 8, 9, 14, 11, 18),
		f("tri7", 0, 2, 1, 8, 7, 6, 15), f("tri7", 3, 4, 5, 12, 13, 14, 16),
	}
	wedge21 := []Face{
		f("quad9", 0, 1, 4, 3, 6, 10, 12, 9, 20), f("quad9", 1, 2, 5, 4, 7, 11, 13, 10, 18),
		f("quad9", 2, 0, 3, 5, 8, 9, 14, 11, 19),
		f("tri7", 0, 2, 1, 8, 7, 6, 16), f("tri7", 3, 4, 5, 12, 13, 14, 17),
	}
	pyr5 := []Face{
		f("tri3", 0, 1, 4), f("tri3", 1, 2, 4), f("tri3", 2, 3, 4), f("tri3", 0, 4, 3),
		f("quad4", 0, 3, 2, 1),
	}
	pyr13 := []Face{
		f("tri6", 0, 1, 4, 5, 10, 9), f("tri6", 1, 2, 4, 6, 11, 10), f("tri6", 2, 3, 4, 7, 12, 11),
		f("tri6", 0, 4, 3, 9, 12, 8), f("quad8", 0, 3, 2, 1, 8, 7, 6, 5),
	}
	pyr14 := slices.Clone(pyr13)
	pyr14[4] = f("quad9", 0, 3, 2, 1, 8, 7, 6, 5, 13)
	pyr18 := []Face{
		f("tri7", 0, 1, 4, 5, 10, 9, 14), f("tri7", 1, 2, 4, 6, 11, 10, 15),
		f("tri7", 2, 3, 4, 7, 12, 11, 16), f("tri7", 0, 4, 3, 9, 12, 8, 17),
		f("quad9", 0, 3, 2, 1, 8, 7, 6, 5, 13),
	}
	tri3 := []Face{f("line2", 0, 1), f("line2", 1, 2), f("line2", 2, 0)}
	tri6 := []Face{f("line3", 0, 1, 3), f("line3", 1, 2, 4), f("line3", 2, 0, 5)}
	quad4 := []Face{f("line2", 0, 1), f("line2", 1, 2), f("line2", 2, 3), f("line2", 3, 0)}
	quad8 := []Face{f("line3", 0, 1, 4), f("line3", 1, 2, 5), f("line3", 2, 3, 6), f("line3", 3, 0, 7)}
	// exomerge lists quad6 side 3 as line3 (2, 5, 3), which makes the
	// mid-edge node 5 an end node; the line3 order is end, end, middle.
	quad6 := []Face{f("line3", 0, 1, 4), f("line2", 1, 2), f("line3", 2, 3, 5), f("line2", 3, 0)}
	shell4 := []Face{
		f("quad4", 0, 1, 2, 3), f("quad4", 0, 3, 2, 1),
		f("line2", 0, 1), f("line2", 1, 2), f("line2", 2, 3), f("line2", 3, 0),
	}
	shell8 := []Face{
		f("quad8", 0, 1, 2, 3, 4, 5, 6, 7), f("quad8", 0, 3, 2, 1, 7, 6, 5, 4),
		f("line3", 0, 1, 4), f("line3", 1, 2, 5), f("line3", 2, 3, 6), f("line3", 3, 0, 7),
	}
	shell9 := slices.Clone(shell8)
	shell9[0] = f("quad9", 0, 1, 2, 3, 4, 5, 6, 7, 8)
	shell9[1] = f("quad9", 0, 3, 2, 1, 7, 6, 5, 4, 8)
	points := []Face{f("point", 0), f("point", 1)}

	t := func(name string, dim, npe, corners int, rule volumeRule, faces []Face) *Topology {
		return &Topology{Name: name, Dim: dim, NodesPerElem: npe, Corners: corners, Faces: faces, rule: rule}
	}
	return []*Topology{
		t("point", 0, 1, 1, ruleNone, nil),
		t("sphere", 0, 1, 1, ruleNone, nil),
		t("line2", 1, 2, 2, ruleLine, points),
		t("line3", 1, 3, 2, ruleLine, points),
		t("beam2", 1, 2, 2, ruleLine, []Face{f("line2", 0, 1), f("line2", 1, 0)}),
		t("beam3", 1, 3, 2, ruleLine, []Face{f("line3", 0, 1, 2), f("line3", 1, 0, 2)}),
		t("tri3", 2, 3, 3, ruleTri, tri3),
		t("tri4", 2, 4, 3, ruleTri, tri3),
		t("tri6", 2, 6, 3, ruleTri, tri6),
		t("tri7", 2, 7, 3, ruleTri, tri6),
		t("quad4", 2, 4, 4, ruleQuad, quad4),
		t("quad5", 2, 5, 4, ruleQuad, quad4),
		t("quad6", 2, 6, 4, ruleQuad, quad6),
		t("quad8", 2, 8, 4, ruleQuad, quad8),
		t("quad9", 2, 9, 4, ruleQuad, quad8),
		t("shell4", 3, 4, 4, ruleQuad, shell4),
		t("shell8", 3, 8, 4, ruleQuad, shell8),
		t("shell9", 3, 9, 4, ruleQuad, shell9),
		t("tet4", 3, 4, 4, ruleTet, tet4),
		t("tet5", 3, 5, 4, ruleTet, tet4),
		t("tet10", 3, 10, 4, ruleTet, tet10),
		t("tet11", 3, 11, 4, ruleTet, tet10),
		t("tet14", 3, 14, 4, ruleTet, tet14),
		t("tet15", 3, 15, 4, ruleTet, tet14),
		t("wedge6", 3, 6, 6, ruleWedge, wedge6),
		t("wedge12", 3, 12, 6, ruleWedge, wedge12),
		t("wedge15", 3, 15, 6, ruleWedge, wedge15),
		t("wedge16", 3, 16, 6, ruleWedge, wedge15),
		t("wedge18", 3, 18, 6, ruleWedge, wedge18),
		t("wedge20", 3, 20, 6, ruleWedge, wedge20),
		t("wedge21", 3, 21, 6, ruleWedge, wedge21),
		t("pyramid5", 3, 5, 5, rulePyramid, pyr5),
		t("pyramid13", 3, 13, 5, rulePyramid, pyr13),
		t("pyramid14", 3, 14, 5, rulePyramid, pyr14),
		t("pyramid18", 3, 18, 5, rulePyramid, pyr18),
		t("pyramid19", 3, 19, 5, rulePyramid, pyr18),
		t("hex8", 3, 8, 8, ruleHex, hex8),
		t("hex9", 3, 9, 8, ruleHex, hex8),
		t("hex20", 3, 20, 8, ruleHex, hex20),
		t("hex27", 3, 27, 8, ruleHex, hex27),
	}
}

// deriveEdges follows exomerge's _get_element_edge_indices: take faces of
// faces until dimension 1 is reached, then the first two nodes of each line
// (the line volume formula's end points). Faces of dimension 0 met on the
// way (a shell's edge sides, whose own faces are points) are dropped;
// exomerge fails an assertion there instead.
func deriveEdges(t *Topology) [][2]int32 {
	if t.Dim == 0 || t.rule == ruleNone {
		return nil
	}
	type piece struct {
		topo  *Topology
		nodes []int32
	}
	all := make([]int32, t.NodesPerElem)
	for i := range all {
		all[i] = int32(i)
	}
	cur := []piece{{t, all}}
	for range t.Dim - 1 {
		var next []piece
		for _, p := range cur {
			for _, fc := range p.topo.Faces {
				ft := byName[fc.Type]
				nodes := make([]int32, len(fc.Nodes))
				for i, k := range fc.Nodes {
					nodes[i] = p.nodes[k]
				}
				next = append(next, piece{ft, nodes})
			}
		}
		cur = next
	}
	var edges [][2]int32
	for _, p := range cur {
		if p.topo.Dim != 1 {
			continue
		}
		a, b := p.nodes[0], p.nodes[1]
		if a > b {
			a, b = b, a
		}
		e := [2]int32{a, b}
		if !slices.Contains(edges, e) {
			edges = append(edges, e)
		}
	}
	slices.SortFunc(edges, func(x, y [2]int32) int {
		if x[0] != y[0] {
			return int(x[0] - y[0])
		}
		return int(x[1] - y[1])
	})
	return edges
}
