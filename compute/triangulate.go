package compute

import "fmt"

// Triangles is a triangulation of skin faces, made by TriangulateFaces.
// Some face types are split around a new node (the centre of a quad4, for
// instance), which exomerge creates as the average of some of the face's
// nodes.
type Triangles struct {
	// Tris holds three node indices per triangle, going counter-clockwise
	// seen from outside (the face's own orientation). An index below the
	// numNodes given to TriangulateFaces is an existing node; index
	// numNodes+k is new node k.
	Tris []int32
	// Face[t] is the skin face that triangle t comes from.
	Face []int32
	// New node k is the plain average of the nodes
	// AvgNodes[AvgStart[k]:AvgStart[k+1]]; AvgStart has one entry per new
	// node plus one.
	AvgStart []int32
	// AvgNodes holds the averaged nodes of each new node, one after the
	// other.
	AvgNodes []int32
}

// NumNew returns the number of new nodes.
func (t *Triangles) NumNew() int { return len(t.AvgStart) - 1 }

// triRule is how one face type is split into triangles: local face node
// indices, with -1 standing for the new node, the average of avg.
type triRule struct {
	tris [][3]int8
	avg  []int8
}

// triRules are exomerge's TRIANGULATED_FACES, plus quad9 and tri7 (which
// exomerge cannot triangulate: it knows no element with such faces), split
// around their own centre node.
var triRules = map[string]*triRule{
	"tri3": {tris: [][3]int8{{0, 1, 2}}},
	"tri6": {tris: [][3]int8{{0, 3, 5}, {1, 4, 3}, {2, 5, 4}, {3, 4, 5}}},
	"tri7": {tris: [][3]int8{{0, 3, 6}, {3, 1, 6}, {1, 4, 6}, {4, 2, 6}, {2, 5, 6}, {5, 0, 6}}},
	"quad4": {
		tris: [][3]int8{{0, 1, -1}, {1, 2, -1}, {2, 3, -1}, {3, 0, -1}},
		avg:  []int8{0, 1, 2, 3},
	},
	"quad6": {
		tris: [][3]int8{{0, 4, -1}, {4, 1, -1}, {1, 2, -1}, {2, 5, -1}, {5, 3, -1}, {3, 0, -1}},
		avg:  []int8{4, 5},
	},
	"quad8": {
		tris: [][3]int8{{4, 7, 0}, {5, 4, 1}, {6, 5, 2}, {7, 6, 3}, {7, 4, -1}, {4, 5, -1}, {5, 6, -1}, {6, 7, -1}},
		avg:  []int8{4, 5, 6, 7},
	},
	"quad9": {
		tris: [][3]int8{{4, 7, 0}, {5, 4, 1}, {6, 5, 2}, {7, 6, 3}, {7, 4, 8}, {4, 5, 8}, {5, 6, 8}, {6, 7, 8}},
	},
}

// CanTriangulate reports whether TriangulateFaces knows how to split faces
// of the given type (a face topology name: "tri3", "quad4", ...).
func CanTriangulate(faceType string) bool { return triRules[faceType] != nil }

// TriangulationOrder returns the order in which exomerge's
// _convert_side_set_to_triangle_block visits the faces of s: grouped by
// face type, the types in the order they first appear when the faces are
// taken block by block (the blocks in the order they first appear in s),
// and within a type block by block, each block's faces in skin order.
func TriangulationOrder(s *Skin) []int32 {
	n := s.Len()
	nb := len(s.Topos)
	// Rank the blocks by first appearance, then the face types by first
	// appearance in block order; a face's key is its type rank, then its
	// block rank.
	blockRank := make([]int, nb)
	for i := range blockRank {
		blockRank[i] = -1
	}
	var blocks []int32 // in rank order
	for _, b := range s.Block {
		if blockRank[b] < 0 {
			blockRank[b] = len(blocks)
			blocks = append(blocks, b)
		}
	}
	sideTypes := make([][]int, nb) // type rank of each block's sides
	typeRank := map[string]int{}
	if len(blocks) > 1 {
		// The first face of each type in block order: scan the blocks in
		// rank order, each block's faces in skin order.
		perBlock := make([][]int32, nb)
		for i, b := range s.Block {
			perBlock[b] = append(perBlock[b], int32(i))
		}
		for _, b := range blocks {
			for _, i := range perBlock[b] {
				typ := s.Topos[b].Faces[s.Side[i]].Type
				if _, ok := typeRank[typ]; !ok {
					typeRank[typ] = len(typeRank)
				}
			}
		}
	} else {
		for i, b := range s.Block {
			typ := s.Topos[b].Faces[s.Side[i]].Type
			if _, ok := typeRank[typ]; !ok {
				typeRank[typ] = len(typeRank)
			}
		}
	}
	for _, b := range blocks {
		for _, fc := range s.Topos[b].Faces {
			sideTypes[b] = append(sideTypes[b], typeRank[fc.Type])
		}
	}
	// A stable counting sort by key.
	nk := len(typeRank) * len(blocks)
	key := func(i int) int { b := s.Block[i]; return sideTypes[b][s.Side[i]]*len(blocks) + blockRank[b] }
	start := make([]int, nk+1)
	for i := range n {
		start[key(i)+1]++
	}
	for k := range nk {
		start[k+1] += start[k]
	}
	order := make([]int32, n)
	for i := range n {
		k := key(i)
		order[start[k]] = int32(i)
		start[k]++
	}
	return order
}

// TriangulateFaces splits the given faces of s (indices into s, in the
// order given; nil means every face in skin order) into triangles as
// exomerge's _convert_side_set_to_triangle_block does, for a mesh of
// numNodes nodes: tri3 faces stay, tri6 faces give 4 triangles, quad4 faces
// 4 triangles around a new centre node (the average of the corners), quad6
// faces 6 around the middle of their two mid-edge nodes, quad8 faces 4
// corner triangles and 4 around the average of the mid-edge nodes. quad9
// and tri7 faces (unknown to exomerge) give 8 and 6 triangles around their
// centre node. As in exomerge, a new node repeats the previous new node
// instead of making another when it averages the same nodes in the same
// order. Other face types (the edges of 2-D elements, the points of lines)
// are an error. The faces of TriangulationOrder give exomerge's triangle
// order.
func TriangulateFaces(s *Skin, faces []int32, numNodes int) (*Triangles, error) {
	if faces == nil {
		faces = make([]int32, s.Len())
		for i := range faces {
			faces[i] = int32(i)
		}
	}
	// The rule of each side of each block, looked up once.
	rules := make([][]*triRule, len(s.Topos))
	for b, t := range s.Topos {
		for _, fc := range t.Faces {
			rules[b] = append(rules[b], triRules[fc.Type])
		}
	}
	rule := func(i int32) (*triRule, error) {
		b, side := s.Block[i], s.Side[i]
		r := rules[b][side]
		if r == nil {
			t := s.Topos[b]
			return nil, fmt.Errorf("compute: cannot split %s faces (of %s elements) into triangles", t.Faces[side].Type, t.Name)
		}
		return r, nil
	}
	// Serial pass: where each face's triangles and new node go.
	triStart := make([]int32, len(faces)+1)
	newOf := make([]int32, len(faces)) // new node of each face, or -1
	out := &Triangles{AvgStart: []int32{0}}
	nt := 0
	prev := -1 // position in faces of the face that made the last new node
	for k, i := range faces {
		r, err := rule(i)
		if err != nil {
			return nil, err
		}
		triStart[k] = int32(nt)
		nt += len(r.tris)
		newOf[k] = -1
		if r.avg == nil {
			continue
		}
		fn := s.FaceNodes(int(i))
		if prev >= 0 {
			pn := s.FaceNodes(int(faces[prev]))
			pr, _ := rule(faces[prev])
			if len(pr.avg) == len(r.avg) && sameAvg(pn, pr.avg, fn, r.avg) {
				newOf[k] = newOf[prev]
				prev = k
				continue
			}
		}
		for _, l := range r.avg {
			out.AvgNodes = append(out.AvgNodes, fn[l])
		}
		out.AvgStart = append(out.AvgStart, int32(len(out.AvgNodes)))
		newOf[k] = int32(out.NumNew() - 1)
		prev = k
	}
	triStart[len(faces)] = int32(nt)
	if int64(numNodes)+int64(out.NumNew()) > MaxIndex || nt > MaxIndex/3 {
		return nil, fmt.Errorf("compute: %d triangles and %d new nodes are too many", nt, out.NumNew())
	}
	out.Tris = make([]int32, 3*nt)
	out.Face = make([]int32, nt)
	parallelFor(len(faces), grainHeavy, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			i := faces[k]
			r, _ := rule(i)
			fn := s.FaceNodes(int(i))
			t0 := int(triStart[k])
			for j, tri := range r.tris {
				for v, l := range tri {
					x := int32(numNodes) + newOf[k]
					if l >= 0 {
						x = fn[l]
					}
					out.Tris[3*(t0+j)+v] = x
				}
				out.Face[t0+j] = i
			}
		}
	})
	return out, nil
}

// sameAvg reports whether a's nodes at ai are b's nodes at bi, in order.
func sameAvg(a []int32, ai []int8, b []int32, bi []int8) bool {
	for j := range ai {
		if a[ai[j]] != b[bi[j]] {
			return false
		}
	}
	return true
}
