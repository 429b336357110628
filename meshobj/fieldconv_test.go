package meshobj

import (
	"exosh/compute"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// gridOf returns the grid position (i, j, k) of node n of hexCube(e, d).
func gridOf(n, d int) [3]int {
	p := d + 1
	return [3]int{n % p, n / p % p, n / (p * p)}
}

func TestConvertElementFieldToNodeField(t *testing.T) {
	const d = 2
	m := hexCube(t, 2, d)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateElementField("e", Sel(1), 0))
	for step := range FindField(m.Block(1).Fields, "e").Values {
		v := FindField(m.Block(1).Fields, "e").Own(step)
		for i := range v {
			v[i] = float64(i) + 10*float64(step)
		}
	}
	mustOK(t, m.ConvertElementFieldToNodeField("e", "auto"))
	// The node at grid (a, b, c) touches the elements (i, j, k) with i in
	// {a-1, a} within [0, d), and so on; element (i, j, k) is number
	// (i*d + j)*d + k.
	want := func(step int) func(n int) float64 {
		return func(n int) float64 {
			g := gridOf(n, d)
			sum, cnt := 0.0, 0
			for i := g[0] - 1; i <= g[0]; i++ {
				for j := g[1] - 1; j <= g[1]; j++ {
					for k := g[2] - 1; k <= g[2]; k++ {
						if i >= 0 && j >= 0 && k >= 0 && i < d && j < d && k < d {
							sum += float64((i*d+j)*d+k) + 10*float64(step)
							cnt++
						}
					}
				}
			}
			return sum / float64(cnt)
		}
	}
	for step := range 2 {
		checkAll(t, "e at nodes", FindField(m.NodeFields, "e").Values[step], 27, want(step))
	}
	// Node 13 is the centre: the mean of all 8 elements.
	checkClose(t, "centre", FindField(m.NodeFields, "e").Values[0][13], 3.5)
}

func TestConvertElementFieldToNodeFieldPartial(t *testing.T) {
	// The field on block 1 only: the nodes of block 2 get the default,
	// NaN for a plain name and 0 for a displacement name.
	for _, c := range []struct {
		name string
		def  float64
	}{{"n", math.NaN()}, {"disp_x", 0}} {
		m := twoBoxes(t)
		mustOK(t, m.CreateTimestep(0))
		mustOK(t, m.CreateElementField("e", Sel(1), 3))
		r := watch(m)
		mustOK(t, m.ConvertElementFieldToNodeField("e", c.name))
		v := FindField(m.NodeFields, c.name).Values[0]
		checkAll(t, c.name, v, m.NumNodes(), func(n int) float64 {
			if n < 125 {
				return 3
			}
			return c.def
		})
		if len(r.ws) != 0 {
			t.Errorf("warnings %v", r.shorts())
		}
		// Converting again overwrites, with exomerge's warning.
		mustOK(t, m.ConvertElementFieldToNodeField("e", c.name))
		if got := r.shorts(); !slices.Equal(got, []string{"Node field already exists."}) {
			t.Errorf("warnings %v", got)
		}
	}
	m := twoBoxes(t)
	wantErr(t, m.ConvertElementFieldToNodeField("nope", "auto"), "No element field specified")
}

func TestConvertNodeFieldToElementField(t *testing.T) {
	const d = 2
	m := hexCube(t, 2, d)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateNodeField("x2", 0))
	v := FindField(m.NodeFields, "x2").Values[0]
	for n := range v {
		v[n] = 2 * m.Coords[3*n]
	}
	mustOK(t, m.ConvertNodeFieldToElementField("x2", "auto", Sel("all")))
	// The mean of 2x over an element's nodes is twice its centroid's x,
	// 2*(i + 0.5).
	checkAll(t, "x2 on elements", elemValues(t, m, 1, "x2", 0), 8, func(e int) float64 { return 2 * (float64(e/(d*d)) + 0.5) })
	mustOK(t, m.ConvertNodeFieldToElementField("x2", "other", Sel(1)))
	checkAll(t, "other", elemValues(t, m, 1, "other", 0), 8, func(e int) float64 { return 2 * (float64(e/(d*d)) + 0.5) })
}

func TestCreateAveragedElementField(t *testing.T) {
	m := twoBoxes(t)
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateElementField("t_1", Sel("all"), 1))
	mustOK(t, m.CreateElementField("t_2", Sel("all"), 2))
	mustOK(t, m.CreateElementField("t_3", Sel(1), 6))
	r := watch(m)
	mustOK(t, m.CreateAveragedElementField(Sel("t_*"), "avg", Sel("all")))
	checkAll(t, "avg", elemValues(t, m, 1, "avg", 0), 64, func(int) float64 { return 3 })
	if FindField(m.Block(2).Fields, "avg") != nil {
		t.Error("averaged field created on a block lacking t_3")
	}
	if got := r.shorts(); !slices.Equal(got, []string{"Fields not defined."}) {
		t.Errorf("warnings %v", got)
	}
	mustOK(t, m.CreateAveragedElementField(Sel("t_1", "t_2"), "avg", Sel("all")))
	checkAll(t, "avg of two", elemValues(t, m, 2, "avg", 0), 1, func(int) float64 { return 1.5 })
	wantErr(t, m.CreateAveragedElementField(Sel("none"), "avg", Sel("all")), "No element fields specified")
}

func TestProcessElementFields(t *testing.T) {
	m := twoBoxes(t)
	mustOK(t, m.CreateTimestep(0))
	for i := 1; i <= 8; i++ {
		mustOK(t, m.CreateElementField("s_"+string(rune('0'+i)), Sel(1), float64(i)))
	}
	for i := 1; i <= 9; i++ {
		mustOK(t, m.CreateElementField("q_"+string(rune('0'+i)), Sel(1), float64(10*i)))
	}
	mustOK(t, m.CreateElementField("plain", Sel(2), 7))
	mustOK(t, m.ProcessElementFields(Sel("all")))
	for _, b := range m.Blocks {
		if len(b.Fields) != 0 {
			t.Errorf("block %d keeps element fields %v", b.ID, FieldNames(b.Fields))
		}
	}
	if got := m.GetNodeFieldNames(); !slices.Equal(got, []string{"plain", "q", "s"}) {
		t.Fatalf("node fields %v, want [plain q s]", got)
	}
	in1 := func(n int) bool { return n < 125 }
	checkAll(t, "s", FindField(m.NodeFields, "s").Values[0], m.NumNodes(), func(n int) float64 {
		if in1(n) {
			return 4.5 // mean of 1..8
		}
		return math.NaN()
	})
	checkAll(t, "q", FindField(m.NodeFields, "q").Values[0], m.NumNodes(), func(n int) float64 {
		if in1(n) {
			return 10 // q_1
		}
		return math.NaN()
	})
	checkAll(t, "plain", FindField(m.NodeFields, "plain").Values[0], m.NumNodes(), func(n int) float64 {
		if in1(n) {
			return math.NaN()
		}
		return 7
	})
}

// TestElemToNodesWorkers checks elemToNodes, with one to three workers,
// against compute.ElemToNode over the node-to-element adjacency, bit for
// bit: on a cube numbered in order (each worker's nodes come from a band
// of elements) and on the same cube with its elements shuffled and its
// nodes renumbered at random (they come from everywhere); with blocks of 8
// and 4 nodes per element, unused nodes, a block without the field (the
// reference skips it; elemToNodes is not given it, as its caller does),
// and one step and nine (the loop that loads each element's values once,
// and the other).
func TestElemToNodesWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	coords, conn := compute.HexMesh(40, 40, 30)
	nn := len(coords)/3 + 500 // some nodes in no element
	ne := len(conn) / 8
	shuffled := slices.Clone(conn)
	perm := rng.Perm(nn)
	order := rng.Perm(ne)
	for e, f := range order {
		for i := range 8 {
			shuffled[8*e+i] = int32(perm[conn[8*f+i]])
		}
	}
	quads := make([]int32, 4*20000)
	for i := range quads {
		quads[i] = int32(rng.IntN(nn))
	}
	for _, c := range []struct {
		name string
		conn []int32
	}{{"ordered", conn}, {"shuffled", shuffled}} {
		bs := []*ElementBlock{
			{ID: 1, NodesPerElem: 8, Conn: c.conn},
			{ID: 2, NodesPerElem: 4, Conn: quads},
			{ID: 3, NodesPerElem: 4, Conn: quads[:400]},
		}
		for _, nt := range []int{1, 9} {
			fs := make([]*Field, len(bs))
			values := make([][][]float64, nt)
			for k, b := range bs {
				fs[k] = &Field{Name: "f", Values: make([][]float64, nt)}
				for s := range nt {
					v := make([]float64, len(b.Conn)/b.NodesPerElem)
					for i := range v {
						v[i] = rng.NormFloat64() * 1e3
					}
					fs[k].Values[s] = v
					if k < 2 { // block 3 does not have the field
						values[s] = append(values[s], v)
					} else {
						values[s] = append(values[s], nil)
					}
				}
			}
			adj := compute.BuildNodeElems(nn, []compute.ConnBlock{{Conn: bs[0].Conn, NodesPerElem: 8}, {Conn: bs[1].Conn, NodesPerElem: 4}, {Conn: bs[2].Conn, NodesPerElem: 4}})
			want := make([][]float64, nt)
			for s := range nt {
				want[s] = make([]float64, nn)
				compute.ElemToNode(want[s], adj, values[s], -7)
			}
			steps := make([]int, nt)
			for s := range steps {
				steps[s] = s
			}
			for _, procs := range []int{1, 2, 3} {
				got := make([][]float64, nt)
				for s := range got {
					got[s] = make([]float64, nn)
				}
				withProcs(procs, func() { elemToNodes(nil, got, steps, bs[:2], fs[:2], -7) })
				for s := range nt {
					for n := range nn {
						if math.Float64bits(got[s][n]) != math.Float64bits(want[s][n]) {
							t.Fatalf("%s, %d steps, %d procs: step %d node %d = %v, want %v", c.name, nt, procs, s, n, got[s][n], want[s][n])
						}
					}
				}
			}
		}
	}
}
