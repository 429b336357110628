package compute

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestDeterminism runs every kernel with GOMAXPROCS 1, 2 and 3 on inputs
// large enough to be split, and requires bit-identical results.
func TestDeterminism(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	coords, conn := randomHexMesh(rng, 40, 40, 40)
	nn, ne := len(coords)/3, len(conn)/8
	// Other element types over the same nodes: take sub-lists of each hex.
	sub := func(pick ...int) []int32 {
		out := make([]int32, 0, ne*len(pick))
		for e := 0; e < len(conn); e += 8 {
			for _, k := range pick {
				out = append(out, conn[e+k])
			}
		}
		return out
	}
	types := []struct {
		name string
		conn []int32
	}{
		{"hex8", conn}, {"tet4", sub(0, 1, 3, 4)}, {"wedge6", sub(0, 1, 3, 4, 5, 7)},
		{"pyramid5", sub(0, 1, 2, 3, 6)}, {"quad4", sub(0, 1, 2, 3)}, {"tri3", sub(0, 1, 6)},
		{"line2", sub(0, 6)},
	}
	elemVals := make([]float64, ne)
	for i := range elemVals {
		elemVals[i] = rng.NormFloat64()
	}
	nodeVals := make([]float64, nn)
	for i := range nodeVals {
		nodeVals[i] = rng.NormFloat64()
	}
	var idx []int32
	for i := 0; i < nn; i += 3 {
		idx = append(idx, int32(i))
	}
	dup := duplicatedHexNodes(rng, 30, 30, 30, 1e-9)
	f64 := func(v []int32) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = float64(x)
		}
		return out
	}
	kernels := []struct {
		name string
		run  func() []float64
	}{
		{"Centroids", func() []float64 {
			d := make([]float64, 3*ne)
			Centroids(d, coords, conn, 8)
			return d
		}},
		{"Extents", func() []float64 { lo, hi := Extents(coords, idx); return append(lo[:], hi[:]...) }},
		{"LengthScale", func() []float64 { return []float64{LengthScale(coords)} }},
		{"Transforms", func() []float64 {
			c := slices.Clone(coords)
			Translate(c, idx, [3]float64{1, 2, 3})
			Scale(c, nil, 1.5)
			Rotate(c, nil, [3]float64{1, 1, 0}, 33)
			Reflect(c, idx, [3]float64{0.5, 0, 0}, [3]float64{1, 2, 3})
			x, y, z := slices.Clone(nodeVals), slices.Clone(nodeVals), slices.Clone(nodeVals)
			RotateVectors(x, y, z, idx, [3]float64{0, 1, 1}, 10)
			ReflectVectors(x, y, z, nil, [3]float64{1, 0, 1})
			ScaleValues(x, idx, 3)
			return slices.Concat(c, x, y, z)
		}},
		{"BuildNodeElems+ElemToNode", func() []float64 {
			blocks := []ConnBlock{{conn[:8*20000], 8}, {conn[8*20000:], 8}}
			adj := BuildNodeElems(nn, blocks)
			d := make([]float64, nn)
			ElemToNode(d, adj, [][]float64{elemVals[:20000], elemVals[20000:]}, math.NaN())
			return slices.Concat(d, f64(adj.Elems))
		}},
		{"NodeToElem", func() []float64 {
			d := make([]float64, ne)
			NodeToElem(d, nodeVals, conn, 8)
			return d
		}},
		{"CloseNodeGroups", func() []float64 {
			rep := make([]int32, len(dup)/3)
			CloseNodeGroups(rep, dup, 1e-7)
			return f64(rep)
		}},
		{"ClosestNodeDistance", func() []float64 { return []float64{ClosestNodeDistance(coords)} }},
		{"CountDisconnected", func() []float64 {
			return []float64{float64(CountDisconnected(nn, []ConnBlock{{conn[:8*1000], 8}, {conn[8*30000:], 8}}))}
		}},
		{"CountDegenerate", func() []float64 { return []float64{float64(CountDegenerate(sub(0, 1, 2, 0), 4))} }},
		{"DuplicateElements", func() []float64 {
			return f64(DuplicateElements(slices.Concat(conn, sub(7, 6, 5, 4, 3, 2, 1, 0)), 8))
		}},
		{"UnmergeBlocks", func() []float64 {
			a, b := slices.Clone(conn[:8*30000]), slices.Clone(conn[8*30000:])
			src := UnmergeBlocks(nn, [][]int32{b, a})
			return f64(slices.Concat(src, a, b))
		}},
	}
	for _, ty := range types {
		topo, _ := LookupTopology(ty.name, len(ty.conn)/ne)
		c := ty.conn
		kernels = append(kernels,
			struct {
				name string
				run  func() []float64
			}{"Volumes " + ty.name, func() []float64 {
				d := make([]float64, ne)
				if err := Volumes(d, coords, c, topo); err != nil {
					t.Fatal(err)
				}
				return d
			}},
			struct {
				name string
				run  func() []float64
			}{"EdgeLengths " + ty.name, func() []float64 {
				s, m, n := EdgeLengths(coords, c, topo)
				return []float64{s, m, float64(n)}
			}},
			struct {
				name string
				run  func() []float64
			}{"FaceAreas " + ty.name, func() []float64 {
				nf := int32(len(topo.Faces))
				el, sd := make([]int32, ne), make([]int32, ne)
				for i := range el {
					el[i], sd[i] = int32(i), int32(i)%nf
				}
				d := make([]float64, ne)
				if err := FaceAreas(d, coords, c, topo, el, sd); err != nil {
					t.Fatal(err)
				}
				return d
			}},
		)
	}
	for _, k := range kernels {
		checkDeterministic(t, k.name, k.run)
	}
}
