package compute

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTransformsExomerge replays the sequence of transforms of the golden
// file on the shared mesh and compares every intermediate result with
// exomerge's.
func TestTransformsExomerge(t *testing.T) {
	c := slices.Clone(exoSharedCoords)
	check := func(step string, want []float64, rel float64) {
		t.Helper()
		if len(c) != len(want) {
			t.Fatalf("%s: %d coordinates, exomerge %d", step, len(c), len(want))
		}
		for i := range c {
			if !closeRel(c[i], want[i], rel, 1) {
				t.Errorf("%s: coordinate %d = %v, exomerge %v", step, i, c[i], want[i])
			}
		}
	}
	// Go's math.Sin/Cos may differ from the C library's in the last bit.
	if err := Rotate(c, nil, [3]float64{1, 2, 3}, 37.5); err != nil {
		t.Fatal(err)
	}
	check("rotate 37.5", exoShared_rot37, 1e-15)
	copy(c, exoShared_rot37)
	Rotate(c, nil, [3]float64{0, 0, -2}, 270)
	check("rotate 270", exoShared_rot270, 0) // exact sine and cosine
	Translate(c, nil, [3]float64{0.25, -1.5, 3.125})
	check("translate", exoShared_translate, 0)
	Scale(c, nil, 0.0254)
	check("scale", exoShared_scale, 0)
	// unmerge_element_blocks appends copies of the shared nodes; reflect
	// block 2, whose nodes after unmerging are its connectivity's.
	src := UnmergeBlocks(len(c)/3, [][]int32{slices.Clone(exoSharedConn1), slices.Clone(exoSharedConn2)})
	for _, n := range src {
		c = append(c, c[3*n:3*n+3]...)
	}
	var idx []int32
	for _, n := range exoSharedUnmergedConn2 {
		if !slices.Contains(idx, n) {
			idx = append(idx, n)
		}
	}
	if err := Reflect(c, idx, [3]float64{0.1, 0.2, 0.3}, [3]float64{1, -1, 0.5}); err != nil {
		t.Fatal(err)
	}
	check("reflect", exoShared_reflect, 0)
}

func TestRotateHand(t *testing.T) {
	tests := []struct {
		axis  [3]float64
		angle float64
		in    [3]float64
		want  [3]float64
	}{
		{[3]float64{0, 0, 1}, 90, [3]float64{1, 0, 0}, [3]float64{0, 1, 0}},
		{[3]float64{0, 0, 5}, -90, [3]float64{1, 0, 0}, [3]float64{0, -1, 0}},
		{[3]float64{1, 0, 0}, 90, [3]float64{0, 1, 0}, [3]float64{0, 0, 1}},
		{[3]float64{0, 1, 0}, 180, [3]float64{1, 2, 3}, [3]float64{-1, 2, -3}},
		{[3]float64{1, 1, 1}, 120, [3]float64{1, 0, 0}, [3]float64{0, 1, 0}},
		{[3]float64{0, 0, 1}, 45, [3]float64{1, 0, 0}, [3]float64{math.Sqrt2 / 2, math.Sqrt2 / 2, 0}},
		{[3]float64{0, 0, 1}, 0, [3]float64{1, 2, 3}, [3]float64{1, 2, 3}},
	}
	for _, tc := range tests {
		c := tc.in[:]
		c = slices.Clone(c)
		if err := Rotate(c, nil, tc.axis, tc.angle); err != nil {
			t.Fatal(err)
		}
		for d := range 3 {
			if math.Abs(c[d]-tc.want[d]) > 1e-15 {
				t.Errorf("rotate %v about %v by %v = %v, want %v", tc.in, tc.axis, tc.angle, c, tc.want)
				break
			}
		}
		x, y, z := []float64{tc.in[0]}, []float64{tc.in[1]}, []float64{tc.in[2]}
		RotateVectors(x, y, z, nil, tc.axis, tc.angle)
		if [3]float64{x[0], y[0], z[0]} != [3]float64(c) {
			t.Errorf("RotateVectors %v differs from Rotate %v", []float64{x[0], y[0], z[0]}, c)
		}
	}
	if err := Rotate([]float64{1, 2, 3}, nil, [3]float64{}, 30); !errors.Is(err, ErrZeroVector) {
		t.Errorf("zero axis: %v", err)
	}
	if err := Reflect([]float64{1, 2, 3}, nil, [3]float64{}, [3]float64{}); !errors.Is(err, ErrZeroVector) {
		t.Errorf("zero normal: %v", err)
	}
}

func TestReflectHand(t *testing.T) {
	c := []float64{1, 2, 3, 5, 5, 5}
	Reflect(c, []int32{1}, [3]float64{2, 0, 0}, [3]float64{-3, 0, 0})
	if want := []float64{1, 2, 3, -1, 5, 5}; !slices.Equal(c, want) {
		t.Errorf("reflect in x=2: %v, want %v", c, want)
	}
	x, y, z := []float64{1, 1}, []float64{2, 2}, []float64{3, 3}
	ReflectVectors(x, y, z, []int32{0}, [3]float64{0, 0, 2})
	if x[0] != 1 || y[0] != 2 || z[0] != -3 || z[1] != 3 {
		t.Errorf("ReflectVectors: %v %v %v", x, y, z)
	}
}

// TestTransformsSubset checks the index-subset forms against whole-array
// forms applied to a copy, and determinism over thread counts.
func TestTransformsSubset(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	n := 200000
	coords := make([]float64, 3*n)
	for i := range coords {
		coords[i] = 100 * rng.NormFloat64()
	}
	var idx []int32
	for i := range n {
		if rng.IntN(3) == 0 {
			idx = append(idx, int32(i))
		}
	}
	ops := []struct {
		name string
		f    func(c []float64, idx []int32)
	}{
		{"Translate", func(c []float64, idx []int32) { Translate(c, idx, [3]float64{1.5, -2, 1e-3}) }},
		{"Scale", func(c []float64, idx []int32) { Scale(c, idx, 0.0254) }},
		{"Rotate", func(c []float64, idx []int32) { Rotate(c, idx, [3]float64{0.3, -1, 2}, 33) }},
		{"Reflect", func(c []float64, idx []int32) {
			Reflect(c, idx, [3]float64{1, 2, 3}, [3]float64{1, 1, 0})
		}},
		{"ScaleValues", func(c []float64, idx []int32) {
			if idx == nil {
				ScaleValues(c, nil, 3.5)
				return
			}
			var e []int32
			for _, i := range idx {
				e = append(e, 3*i, 3*i+1, 3*i+2)
			}
			ScaleValues(c, e, 3.5)
		}},
	}
	for _, op := range ops {
		got := slices.Clone(coords)
		op.f(got, idx)
		inIdx := make([]bool, n)
		for _, i := range idx {
			inIdx[i] = true
		}
		for i := range n {
			one := slices.Clone(coords[3*i : 3*i+3])
			if inIdx[i] {
				op.f(one, nil)
			}
			if !slices.Equal(one, got[3*i:3*i+3]) {
				t.Fatalf("%s: node %d = %v, want %v", op.name, i, got[3*i:3*i+3], one)
			}
		}
		checkDeterministic(t, op.name, func() []float64 {
			c := slices.Clone(coords)
			op.f(c, nil)
			op.f(c, idx)
			return c
		})
	}
}
