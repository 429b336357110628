package compute

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// skinRef is a serial transcription of exomerge's
// _get_external_element_faces: a dictionary from (face type, sorted face
// nodes) to the faces in visiting order, keys in order of first insertion.
func skinRef(blocks []SkinBlock) [][3]int32 {
	type face struct{ b, e, s int32 }
	groups := map[string][]face{}
	var order []string
	for b, blk := range blocks {
		t := blk.Topo
		npe := t.NodesPerElem
		for e := 0; e < len(blk.Conn)/npe; e++ {
			for s, fc := range t.Faces {
				ns := make([]int, len(fc.Nodes))
				for i, l := range fc.Nodes {
					ns[i] = int(blk.Conn[e*npe+int(l)])
				}
				sort.Ints(ns)
				key := fmt.Sprint(fc.Type, ns)
				if _, ok := groups[key]; !ok {
					order = append(order, key)
				}
				groups[key] = append(groups[key], face{int32(b), int32(e), int32(s)})
			}
		}
	}
	var out [][3]int32
	for _, key := range order {
		var shells, others []face
		for _, f := range groups[key] {
			t := blocks[f.b].Topo
			if strings.HasPrefix(t.Name, "shell") && f.s < 2 {
				shells = append(shells, f)
			} else {
				others = append(others, f)
			}
		}
		if len(shells) > 0 {
			if u := len(shells) - len(others); u > 0 {
				for _, f := range shells[:u] {
					out = append(out, [3]int32{f.b, f.e, f.s})
				}
			}
			continue
		}
		if len(others) == 1 {
			f := others[0]
			out = append(out, [3]int32{f.b, f.e, f.s})
		}
	}
	return out
}

// checkSkin compares ExternalFaces with skinRef, node lists included, as
// it is, with the large-mesh path (windows of 8 nodes) at any size and
// with the small-mesh path (node ranges) at any size.
func checkSkin(t *testing.T, name string, numNodes int, blocks []SkinBlock) *Skin {
	t.Helper()
	want := skinRef(blocks)
	var s *Skin
	for _, run := range []struct{ p, windowMin int }{{1, skinWindowMin}, {2, skinWindowMin}, {3, skinWindowMin}, {1, 0}, {2, 0}, {3, 0}, {1, math.MaxInt}, {2, math.MaxInt}, {3, math.MaxInt}} {
		p := run.p
		// Windows of 8 nodes, or fewer than 4096 windows.
		window := uint(max(3, bits.Len(uint(numNodes))-12))
		withProcs(p, func() { s = externalFaces(nil, numNodes, blocks, run.windowMin, window) })
		// A closed stop stops every path.
		closedCh := make(chan struct{})
		close(closedCh)
		closed := Stop(closedCh)
		var stopErr error
		withProcs(p, func() {
			stopErr = closed.run(func() { externalFaces(closed, numNodes, blocks, run.windowMin, window) })
		})
		if len(want) > 0 && !errors.Is(stopErr, ErrStopped) {
			t.Fatalf("%s (GOMAXPROCS=%d, windowMin %d): closed stop: %v, want ErrStopped", name, p, run.windowMin, stopErr)
		}
		if s.Len() != len(want) {
			t.Fatalf("%s (GOMAXPROCS=%d): %d faces, want %d", name, p, s.Len(), len(want))
		}
		for i, w := range want {
			if got := [3]int32{s.Block[i], s.Elem[i], s.Side[i]}; got != w {
				t.Fatalf("%s (GOMAXPROCS=%d): face %d is %v, want %v", name, p, i, got, w)
			}
			blk := blocks[w[0]]
			npe := blk.Topo.NodesPerElem
			fc := blk.Topo.Faces[w[2]]
			got := s.FaceNodes(i)
			if len(got) != len(fc.Nodes) {
				t.Fatalf("%s: face %d has %d nodes, want %d", name, i, len(got), len(fc.Nodes))
			}
			for j, l := range fc.Nodes {
				if got[j] != blk.Conn[int(w[1])*npe+int(l)] {
					t.Fatalf("%s: face %d node %d is %d, want %d", name, i, j, got[j], blk.Conn[int(w[1])*npe+int(l)])
				}
			}
			if s.FaceTopo(i).Name != fc.Type {
				t.Fatalf("%s: face %d topology %s, want %s", name, i, s.FaceTopo(i).Name, fc.Type)
			}
		}
	}
	return s
}

// randomBlock returns n elements of type t drawing their nodes from a pool
// of pool nodes (distinct within an element when the pool allows), every
// third element a verbatim copy of an earlier one.
func randomBlock(r *rand.Rand, t *Topology, n, pool int) []int32 {
	npe := t.NodesPerElem
	conn := make([]int32, 0, n*npe)
	for e := range n {
		if e%3 == 2 {
			src := r.IntN(e)
			conn = append(conn, conn[src*npe:src*npe+npe]...)
			continue
		}
		perm := r.Perm(max(pool, npe))
		for i := range npe {
			conn = append(conn, int32(perm[i]%pool))
		}
	}
	return conn
}

func TestExternalFacesEveryType(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		topo := byName[name]
		for _, pool := range []int{topo.NodesPerElem, topo.NodesPerElem + 3, 3 * topo.NodesPerElem} {
			conn := randomBlock(r, topo, 200, pool)
			checkSkin(t, fmt.Sprintf("%s pool %d", name, pool), pool, []SkinBlock{{topo, conn}})
		}
	}
}

func TestExternalFacesMixedBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	// Shells mixed with solids whose faces they may cover, and 2-D and
	// quadratic types sharing a small pool of nodes.
	sets := [][]string{
		{"hex8", "shell4", "wedge6", "pyramid5", "tet4"},
		{"shell4", "shell4", "hex8"},
		{"hex20", "shell8", "wedge15", "tet10", "pyramid13"},
		{"quad4", "tri3", "line2", "beam2", "point"},
		{"hex27", "shell9", "wedge18", "tet14", "quad9"},
		// tri3 faces and line3 edges: equal exact keys of two types.
		{"tet4", "quad8", "tri6", "shell4"},
	}
	for _, set := range sets {
		pool := 10
		var blocks []SkinBlock
		for _, n := range set {
			topo := byName[n]
			pool = max(pool, topo.NodesPerElem)
		}
		for _, n := range set {
			topo := byName[n]
			blocks = append(blocks, SkinBlock{topo, randomBlock(r, topo, 150, pool)})
		}
		checkSkin(t, strings.Join(set, "+"), pool, blocks)
	}
	// An empty block, and no blocks at all.
	checkSkin(t, "empty", 5, []SkinBlock{{byName["hex8"], nil}})
	if s := ExternalFaces(5, nil); s.Len() != 0 || len(s.Start) != 1 {
		t.Errorf("no blocks: %d faces, Start %v", s.Len(), s.Start)
	}
}

func TestExternalFacesShells(t *testing.T) {
	// Two hex8 elements stacked in z (nodes 0-11), a shell4 on the top
	// face (nodes 8-11) and one between them (nodes 4-7).
	hex := []int32{0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 8, 9, 10, 11}
	top := []int32{8, 9, 10, 11}
	mid := []int32{4, 5, 6, 7}
	cases := []struct {
		name   string
		blocks []SkinBlock
		want   [][3]int32
	}{
		// Free shell: both sides.
		{"free", []SkinBlock{{byName["shell4"], top}}, [][3]int32{{0, 0, 0}, {0, 0, 1}, {0, 0, 2}, {0, 0, 3}, {0, 0, 4}, {0, 0, 5}}},
		// A shell on the top face covers it and gives one side.
		{"one side", []SkinBlock{{byName["hex8"], hex[8:]}, {byName["shell4"], top}}, [][3]int32{
			{0, 0, 0}, {0, 0, 1}, {0, 0, 2}, {0, 0, 3}, {0, 0, 4}, {1, 0, 0}, {1, 0, 2}, {1, 0, 3}, {1, 0, 4}, {1, 0, 5},
		}},
		// A shell between two hexes: no side of it.
		{"between", []SkinBlock{{byName["hex8"], hex}, {byName["shell4"], mid}}, nil},
	}
	for _, c := range cases {
		s := checkSkin(t, c.name, 12, c.blocks)
		if c.want == nil {
			for i := range s.Len() {
				if s.Block[i] == 1 && s.Side[i] < 2 {
					t.Errorf("%s: shell side %d is external", c.name, s.Side[i])
				}
			}
			continue
		}
		var got [][3]int32
		for i := range s.Len() {
			got = append(got, [3]int32{s.Block[i], s.Elem[i], s.Side[i]})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: faces %v, want %v", c.name, got, c.want)
		}
	}
}

func TestExternalFacesHexCube(t *testing.T) {
	const n = 7
	coords, conn := HexMesh(n, n, n)
	s := checkSkin(t, "cube", len(coords)/3, []SkinBlock{{byName["hex8"], conn}})
	if s.Len() != 6*n*n {
		t.Fatalf("%d faces, want %d", s.Len(), 6*n*n)
	}
	// Every face lies on the boundary and its corners turn
	// counter-clockwise seen from outside.
	for i := range s.Len() {
		ns := s.FaceNodes(i)
		p := func(k int) [3]float64 {
			j := 3 * int(ns[k])
			return [3]float64{coords[j], coords[j+1], coords[j+2]}
		}
		a, b, c := p(0), p(1), p(2)
		u := [3]float64{b[0] - a[0], b[1] - a[1], b[2] - a[2]}
		v := [3]float64{c[0] - a[0], c[1] - a[1], c[2] - a[2]}
		nrm := [3]float64{u[1]*v[2] - u[2]*v[1], u[2]*v[0] - u[0]*v[2], u[0]*v[1] - u[1]*v[0]}
		var ctr [3]float64
		for k := range 4 {
			q := p(k)
			for d := range 3 {
				ctr[d] += q[d] / 4
			}
		}
		onBoundary := false
		for d := range 3 {
			if ctr[d] == 0 || ctr[d] == 1 {
				onBoundary = true
			}
		}
		if !onBoundary {
			t.Fatalf("face %d centre %v is inside the cube", i, ctr)
		}
		if dot := nrm[0]*(ctr[0]-0.5) + nrm[1]*(ctr[1]-0.5) + nrm[2]*(ctr[2]-0.5); dot <= 0 {
			t.Fatalf("face %d normal %v points inwards", i, nrm)
		}
	}
}

// TestExternalFacesHoles covers meshes large enough for several
// goroutines (and so several node ranges or windows): a 24^3 hex cube
// with a random fifth of its elements removed, in its own element order
// and shuffled, so that external faces lie at every range boundary.
func TestExternalFacesHoles(t *testing.T) {
	const n = 24
	_, hex := HexMesh(n, n, n)
	r := rand.New(rand.NewPCG(3, 11))
	var kept []int32
	for e := range n * n * n {
		if r.IntN(5) != 0 {
			kept = append(kept, hex[8*e:8*e+8]...)
		}
	}
	nn := (n + 1) * (n + 1) * (n + 1)
	checkSkin(t, "cube with holes", nn, []SkinBlock{{byName["hex8"], kept}})
	shuffled := slices.Clone(kept)
	ne := len(shuffled) / 8
	for i := ne - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		for l := range 8 {
			shuffled[8*i+l], shuffled[8*j+l] = shuffled[8*j+l], shuffled[8*i+l]
		}
	}
	checkSkin(t, "shuffled cube with holes", nn, []SkinBlock{{byName["hex8"], shuffled}})
	// 12,000 separate hexes, every face external, in a shuffled order:
	// one element missed or keyed twice at a range boundary loses faces.
	sep := make([]int32, 8*12000)
	for e := range 12000 {
		for l := range 8 {
			sep[8*e+l] = int32(8*e + l)
		}
	}
	for i := 12000 - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		for l := range 8 {
			sep[8*i+l], sep[8*j+l] = sep[8*j+l], sep[8*i+l]
		}
	}
	if s := checkSkin(t, "separate hexes", len(sep), []SkinBlock{{byName["hex8"], sep}}); s.Len() != 6*12000 {
		t.Errorf("separate hexes: %d faces, want %d", s.Len(), 6*12000)
	}
}

// TestExternalFacesManyNodes covers meshes of more than 2^21 nodes, whose
// exact keys hold node differences (exactKey with 21-bit fields), and the
// fall-back to hashed keys when a face spans 2^21-1 node numbers or more.
func TestExternalFacesManyNodes(t *testing.T) {
	// A 24^3 hex cube (enough elements for 3 goroutines) in exomerge's
	// element order (z fastest), its nodes numbered from 2^22 on.
	const n = 24
	_, hex := HexMesh(n, n, n)
	conn := make([]int32, len(hex))
	for k := range n {
		for j := range n {
			for i := range n {
				from, to := i+n*(j+n*k), k+n*(j+n*i)
				for l := range 8 {
					conn[8*to+l] = hex[8*from+l] + 1<<22
				}
			}
		}
	}
	s := checkSkin(t, "cube from node 2^22", 1<<22+(n+1)*(n+1)*(n+1), []SkinBlock{{byName["hex8"], conn}})
	if s.Len() != 6*n*n {
		t.Errorf("cube: %d faces, want %d", s.Len(), 6*n*n)
	}
	// Random tets and quads over 10 nodes, the last of them numbered
	// 2^21+5: faces with it span more than 2^21-1 node numbers.
	r := rand.New(rand.NewPCG(5, 8))
	var blocks []SkinBlock
	for _, name := range []string{"tet4", "quad4"} {
		c := randomBlock(r, byName[name], 300, 10)
		for i, v := range c {
			if v == 9 {
				c[i] = 1<<21 + 5
			}
		}
		blocks = append(blocks, SkinBlock{byName[name], c})
	}
	checkSkin(t, "wide faces", 1<<21+6, blocks)
	// Two hexes whose first sides have the nodes 0 1 2 3 and 0 1 2 2^22+3:
	// 21-bit fields would take both for one node set.
	far := int32(1<<22 + 3)
	two := []int32{0, 1, 10, 11, 3, 2, 12, 13, 0, 1, 20, 21, far, 2, 22, 23}
	if s := checkSkin(t, "far node", int(far)+1, []SkinBlock{{byName["hex8"], two}}); s.Len() != 12 {
		t.Errorf("far node: %d faces, want 12", s.Len())
	}
}

func TestExternalFacesBadNode(t *testing.T) {
	// One case per path: exact keys, hashed keys (8-node faces), shells.
	cases := []struct {
		typ  string
		conn []int32
	}{
		{"tri3", []int32{0, 1, 3}},
		{"tri3", []int32{0, -1, 2}},
		{"hex20", append(make([]int32, 19), 20)},
		{"shell4", []int32{0, 1, 2, 3}},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "outside [0, 3)") {
					t.Errorf("%s %v: panic %v, want an out-of-range message", c.typ, c.conn, r)
				}
			}()
			ExternalFaces(3, []SkinBlock{{byName[c.typ], c.conn}})
		}()
	}
}

func TestTriangulateFaces(t *testing.T) {
	// One element of each type whose faces exomerge triangulates; the
	// triangle counts come from exomerge's TRIANGULATED_FACES.
	cases := []struct {
		typ           string
		tris, newNode int
	}{
		{"hex8", 6 * 4, 6},
		{"hex20", 6 * 8, 6},
		{"hex27", 6 * 8, 0},
		{"tet4", 4, 0},
		{"tet10", 4 * 4, 0},
		{"tet14", 4 * 6, 0},
		{"wedge6", 3*4 + 2, 3},
		{"wedge12", 3*6 + 2*4, 3},
		{"wedge15", 3*8 + 2*4, 3},
		{"pyramid5", 4 + 4, 1},
		{"shell4", 2 * 4, 2},
	}
	for _, c := range cases {
		topo := byName[c.typ]
		conn := make([]int32, topo.NodesPerElem)
		for i := range conn {
			conn[i] = int32(i)
		}
		blocks := []SkinBlock{{topo, conn}}
		if c.typ == "shell4" {
			// A free shell's skin holds its two surfaces and its four
			// edges, which cannot be triangulated.
			s := ExternalFaces(4, blocks)
			if _, err := TriangulateFaces(s, nil, 4); err == nil || !strings.Contains(err.Error(), "line2") {
				t.Errorf("shell4: error %v, want one about line2 faces", err)
			}
			sel := []int32{0, 1}
			tr, err := TriangulateFaces(s, sel, 4)
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Tris) != 3*c.tris || tr.NumNew() != c.newNode {
				t.Errorf("shell4: %d triangles, %d new nodes; want %d, %d", len(tr.Tris)/3, tr.NumNew(), c.tris, c.newNode)
			}
			continue
		}
		s := ExternalFaces(topo.NodesPerElem, blocks)
		tr, err := TriangulateFaces(s, TriangulationOrder(s), topo.NodesPerElem)
		if err != nil {
			t.Fatalf("%s: %v", c.typ, err)
		}
		if len(tr.Tris) != 3*c.tris || tr.NumNew() != c.newNode || len(tr.Face) != c.tris {
			t.Errorf("%s: %d triangles, %d new nodes; want %d, %d", c.typ, len(tr.Tris)/3, tr.NumNew(), c.tris, c.newNode)
		}
		// Every edge of a closed surface is used once in each direction.
		edges := map[[2]int32]int{}
		for k := 0; k < len(tr.Tris); k += 3 {
			for v := range 3 {
				edges[[2]int32{tr.Tris[k+v], tr.Tris[k+(v+1)%3]}]++
			}
		}
		for e, n := range edges {
			if n != 1 || edges[[2]int32{e[1], e[0]}] != 1 {
				t.Errorf("%s: edge %v used %d times, reverse %d", c.typ, e, n, edges[[2]int32{e[1], e[0]}])
				break
			}
		}
	}
}

func TestTriangulationOrder(t *testing.T) {
	// A wedge6 visits its quad faces first (sides 0-2), then the two
	// triangles, as exomerge's dictionary keyed by face type does.
	topo := byName["wedge6"]
	conn := []int32{0, 1, 2, 3, 4, 5}
	s := ExternalFaces(6, []SkinBlock{{topo, conn}})
	if got := TriangulationOrder(s); !slices.Equal(got, []int32{0, 1, 2, 3, 4}) {
		t.Errorf("wedge order %v", got)
	}
	// A pyramid's tri3 sides come first, then its quad4 base.
	s = ExternalFaces(6, []SkinBlock{{byName["pyramid5"], []int32{0, 1, 2, 3, 4}}, {byName["wedge6"], []int32{0, 1, 2, 3, 4, 5}}})
	// No face is shared: skin faces 0-4 are the pyramid's, 5-9 the
	// wedge's (quads 5-7, triangles 8-9).
	if got, want := TriangulationOrder(s), []int32{0, 1, 2, 3, 8, 9, 4, 5, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("pyramid+wedge order %v, want %v", got, want)
	}
}

// triangulationOrderRef is exomerge's _convert_side_set_to_triangle_block
// visiting order, transcribed: faces grouped by block (first appearance),
// then appended to a list per face type (types in order of first
// insertion), the lists concatenated.
func triangulationOrderRef(s *Skin) []int32 {
	var blocks []int32
	byBlock := map[int32][]int32{}
	for i, b := range s.Block {
		if _, ok := byBlock[b]; !ok {
			blocks = append(blocks, b)
		}
		byBlock[b] = append(byBlock[b], int32(i))
	}
	var types []string
	byType := map[string][]int32{}
	for _, b := range blocks {
		for _, i := range byBlock[b] {
			typ := s.Topos[b].Faces[s.Side[i]].Type
			if _, ok := byType[typ]; !ok {
				types = append(types, typ)
			}
			byType[typ] = append(byType[typ], i)
		}
	}
	var out []int32
	for _, typ := range types {
		out = append(out, byType[typ]...)
	}
	return out
}

func TestTriangulationOrderRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, set := range [][]string{
		{"wedge6", "pyramid5", "hex8", "tet4"},
		{"tet10", "wedge15", "hex20", "pyramid13"},
		{"shell4", "hex8", "wedge6"},
	} {
		var blocks []SkinBlock
		for _, n := range set {
			blocks = append(blocks, SkinBlock{byName[n], randomBlock(r, byName[n], 60, 24)})
		}
		s := ExternalFaces(24, blocks)
		if got, want := TriangulationOrder(s), triangulationOrderRef(s); !slices.Equal(got, want) {
			t.Errorf("%v: order differs from exomerge's", set)
		}
	}
}

// triangulateRef transcribes exomerge's triangle loop: for each face (in
// the given order) and each entry of TRIANGULATED_FACES, an int is a face
// node and a tuple a new node averaging those face nodes, made unless it
// averages the same nodes as the last new node.
func triangulateRef(s *Skin, order []int32, numNodes int) (tris []int32, avg [][]int32) {
	rules := map[string][][3][]int{
		"tri3":  {{{0}, {1}, {2}}},
		"tri6":  {{{0}, {3}, {5}}, {{1}, {4}, {3}}, {{2}, {5}, {4}}, {{3}, {4}, {5}}},
		"quad4": {{{0}, {1}, {0, 1, 2, 3}}, {{1}, {2}, {0, 1, 2, 3}}, {{2}, {3}, {0, 1, 2, 3}}, {{3}, {0}, {0, 1, 2, 3}}},
		"quad6": {{{0}, {4}, {4, 5}}, {{4}, {1}, {4, 5}}, {{1}, {2}, {4, 5}}, {{2}, {5}, {4, 5}}, {{5}, {3}, {4, 5}}, {{3}, {0}, {4, 5}}},
		"quad8": {{{4}, {7}, {0}}, {{5}, {4}, {1}}, {{6}, {5}, {2}}, {{7}, {6}, {3}}, {{7}, {4}, {4, 5, 6, 7}}, {{4}, {5}, {4, 5, 6, 7}}, {{5}, {6}, {4, 5, 6, 7}}, {{6}, {7}, {4, 5, 6, 7}}},
	}
	for _, i := range order {
		fn := s.FaceNodes(int(i))
		for _, tri := range rules[s.FaceTopo(int(i)).Name] {
			for _, v := range tri {
				if len(v) == 1 {
					tris = append(tris, fn[v[0]])
					continue
				}
				nodes := make([]int32, len(v))
				for k, l := range v {
					nodes[k] = fn[l]
				}
				if len(avg) == 0 || !slices.Equal(avg[len(avg)-1], nodes) {
					avg = append(avg, nodes)
				}
				tris = append(tris, int32(numNodes+len(avg)-1))
			}
		}
	}
	return tris, avg
}

func TestTriangulateFacesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 1))
	for _, set := range [][]string{
		{"hex8", "wedge6", "pyramid5", "tet4"},
		{"hex20", "tet10", "wedge12", "wedge15"},
		{"hex8"},
	} {
		var blocks []SkinBlock
		for _, n := range set {
			blocks = append(blocks, SkinBlock{byName[n], randomBlock(r, byName[n], 80, 30)})
		}
		s := ExternalFaces(30, blocks)
		order := TriangulationOrder(s)
		wantTris, wantAvg := triangulateRef(s, order, 30)
		if len(wantTris) == 0 || len(wantAvg) == 0 && set[0] != "tet4" {
			t.Fatalf("%v: %d triangles, %d new nodes in the reference", set, len(wantTris)/3, len(wantAvg))
		}
		var tr *Triangles
		for _, p := range []int{1, 2, 3} {
			var err error
			withProcs(p, func() { tr, err = TriangulateFaces(s, order, 30) })
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(tr.Tris, wantTris) || tr.NumNew() != len(wantAvg) {
				t.Fatalf("%v (GOMAXPROCS=%d): triangles differ from exomerge's loop", set, p)
			}
			for k, a := range wantAvg {
				if !slices.Equal(tr.AvgNodes[tr.AvgStart[k]:tr.AvgStart[k+1]], a) {
					t.Fatalf("%v: new node %d averages %v, want %v", set, k, tr.AvgNodes[tr.AvgStart[k]:tr.AvgStart[k+1]], a)
				}
			}
		}
	}
}
