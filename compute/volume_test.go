package compute

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestVolumesExomerge compares with the volumes exomerge3.py computed for the
// same perturbed elements.
func TestVolumesExomerge(t *testing.T) {
	for _, b := range exoGoldenBlocks {
		topo, ok := LookupTopology(b.name, b.npe)
		if !ok {
			t.Fatalf("%s: no topology", b.name)
		}
		got := make([]float64, len(b.vol))
		if err := Volumes(got, exoGoldenCoords, b.conn, topo); err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		// Same operations in the same order: the bits agree.
		for i := range got {
			if got[i] != b.vol[i] {
				t.Errorf("%s element %d: volume %v, exomerge %v", b.name, i, got[i], b.vol[i])
			}
		}
	}
}

func TestVolumesHand(t *testing.T) {
	cube := []float64{0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1}
	tests := []struct {
		name   string
		npe    int
		coords []float64
		conn   []int32
		want   float64
	}{
		{"hex8", 8, cube, []int32{0, 1, 2, 3, 4, 5, 6, 7}, 1},
		{"hex8 inverted", 8, cube, []int32{4, 5, 6, 7, 0, 1, 2, 3}, -1},
		{"tet4", 4, cube, []int32{0, 1, 3, 4}, 1.0 / 6},
		{"tet4 inverted", 4, cube, []int32{0, 3, 1, 4}, -1.0 / 6},
		{"wedge6", 6, cube, []int32{0, 1, 3, 4, 5, 7}, 0.5},
		{"pyramid5", 5, append(cube[:12:12], 0.5, 0.5, 3), []int32{0, 1, 2, 3, 4}, 1},
		{"quad4", 4, cube, []int32{0, 1, 2, 3}, 1},
		{"shell4", 4, cube, []int32{0, 1, 5, 4}, 1},
		{"tri3", 3, cube, []int32{0, 1, 6}, math.Sqrt2 / 2},
		{"line2", 2, []float64{1, 1, 1, 4, 5, 1}, []int32{0, 1}, 5},
		{"truss", 2, []float64{1, 1, 1, 4, 5, 1}, []int32{0, 1}, 5},
	}
	for _, tc := range tests {
		name, _, _ := strings.Cut(tc.name, " ")
		topo, ok := LookupTopology(name, tc.npe)
		if !ok {
			t.Fatalf("%s: no topology", tc.name)
		}
		got := make([]float64, 1)
		if err := Volumes(got, tc.coords, tc.conn, topo); err != nil {
			t.Fatal(err)
		}
		if math.Abs(got[0]-tc.want) > 1e-15 {
			t.Errorf("%s: volume %v, want %v", tc.name, got[0], tc.want)
		}
	}
	sphere, _ := LookupTopology("SPHERE", 1)
	if err := Volumes(make([]float64, 1), []float64{0, 0, 0}, []int32{0}, sphere); !errors.Is(err, ErrNoVolume) {
		t.Errorf("sphere: error %v, want ErrNoVolume", err)
	}
}

// tetRef is an independent signed tet volume: det[b-a, c-a, d-a]/6.
func tetRef(a, b, c, d [3]float64) float64 {
	u := [3]float64{b[0] - a[0], b[1] - a[1], b[2] - a[2]}
	v := [3]float64{c[0] - a[0], c[1] - a[1], c[2] - a[2]}
	w := [3]float64{d[0] - a[0], d[1] - a[1], d[2] - a[2]}
	return (u[0]*(v[1]*w[2]-v[2]*w[1]) - u[1]*(v[0]*w[2]-v[2]*w[0]) + u[2]*(v[0]*w[1]-v[1]*w[0])) / 6
}

// TestPyramidVolume checks the pyramid formula against the mean of the two
// ways of splitting the pyramid into two tets, which is the exact volume of
// a pyramid over a bilinear base.
func TestPyramidVolume(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	topo, _ := LookupTopology("PYRAMID", 5)
	for trial := range 100 {
		base := [][3]float64{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0.5, 0.5, 1}}
		var coords []float64
		var p [5][3]float64
		for k := range 5 {
			for d := range 3 {
				p[k][d] = base[k][d] + 0.3*(2*rng.Float64()-1)
				coords = append(coords, p[k][d])
			}
		}
		want := (tetRef(p[0], p[1], p[2], p[4]) + tetRef(p[0], p[2], p[3], p[4]) +
			tetRef(p[0], p[1], p[3], p[4]) + tetRef(p[1], p[2], p[3], p[4])) / 2
		got := make([]float64, 1)
		Volumes(got, coords, []int32{0, 1, 2, 3, 4}, topo)
		if !closeRel(got[0], want, 1e-13, 0) {
			t.Errorf("trial %d: pyramid volume %v, two-split mean %v", trial, got[0], want)
		}
	}
}

// hexRef is a serial reference for exomerge's hex formula, written with
// vector helpers instead of the kernel's unrolled arithmetic.
func hexRef(coords []float64, e []int32) float64 {
	mean := func(ks ...int) [3]float64 {
		var m [3]float64
		for d := range 3 {
			s := coords[3*e[ks[0]]+int32(d)]
			for _, k := range ks[1:] {
				s += coords[3*e[k]+int32(d)]
			}
			m[d] = s / float64(len(ks))
		}
		return m
	}
	sub := func(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
	a := sub(mean(1, 2, 5, 6), mean(0, 3, 4, 7))
	b := sub(mean(2, 3, 6, 7), mean(0, 1, 4, 5))
	c := sub(mean(4, 5, 6, 7), mean(0, 1, 2, 3))
	return (a[1]*b[2]-a[2]*b[1])*c[0] + (a[2]*b[0]-a[0]*b[2])*c[1] + (a[0]*b[1]-a[1]*b[0])*c[2]
}

func TestVolumesRandomHex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	coords, conn := randomHexMesh(rng, 30, 20, 25)
	topo, _ := LookupTopology("HEX8", 8)
	ne := len(conn) / 8
	got := make([]float64, ne)
	Volumes(got, coords, conn, topo)
	sum := 0.0
	for i := range ne {
		want := hexRef(coords, conn[8*i:8*i+8])
		if !closeRel(got[i], want, 1e-13, 0) {
			t.Fatalf("element %d: volume %v, reference %v", i, got[i], want)
		}
		sum += got[i]
	}
	// The perturbed cells still tile the unit cube up to the hex formula's
	// approximation of warped faces.
	if math.Abs(sum-1) > 1e-2 {
		t.Errorf("total volume %v, want about 1", sum)
	}
	checkDeterministic(t, "Volumes", func() []float64 {
		v := make([]float64, ne)
		Volumes(v, coords, conn, topo)
		return v
	})
}

func TestFaceAreasExomerge(t *testing.T) {
	for _, b := range exoGoldenBlocks {
		if len(b.areas) == 0 {
			continue
		}
		topo, _ := LookupTopology(b.name, b.npe)
		nf := len(topo.Faces)
		ne := len(b.conn) / b.npe
		var elems, sides []int32
		for e := range ne {
			for s := range nf {
				elems = append(elems, int32(e))
				sides = append(sides, int32(s))
			}
		}
		got := make([]float64, len(elems))
		if err := FaceAreas(got, exoGoldenCoords, b.conn, topo, elems, sides); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(b.areas) {
			t.Fatalf("%s: %d faces, exomerge %d", b.name, len(got), len(b.areas))
		}
		for i := range got {
			if got[i] != b.areas[i] {
				t.Errorf("%s element %d side %d: area %v, exomerge %v", b.name, elems[i], sides[i], got[i], b.areas[i])
			}
		}
	}
}

func TestFaceAreas(t *testing.T) {
	coords, conn := HexMesh(2, 3, 4)
	hex, _ := LookupTopology("HEX8", 8)
	ne := len(conn) / 8
	var elems, sides []int32
	for e := range ne {
		for s := range 6 {
			elems = append(elems, int32(e))
			sides = append(sides, int32(s))
		}
	}
	got := make([]float64, len(elems))
	if err := FaceAreas(got, coords, conn, hex, elems, sides); err != nil {
		t.Fatal(err)
	}
	// Sides 1 and 3 face -y/+y (area dx*dz), 2 and 4 +x/-x (dy*dz), 5 and
	// 6 -z/+z (dx*dy).
	dx, dy, dz := 1.0/2, 1.0/3, 1.0/4
	want := []float64{dx * dz, dy * dz, dx * dz, dy * dz, dx * dy, dx * dy}
	for i := range got {
		if math.Abs(got[i]-want[sides[i]]) > 1e-15 {
			t.Fatalf("element %d side %d: area %v, want %v", elems[i], sides[i]+1, got[i], want[sides[i]])
		}
	}
	for _, bad := range []struct{ e, s int32 }{{0, 6}, {0, -1}, {int32(ne), 0}, {-1, 0}} {
		err := FaceAreas(make([]float64, 1), coords, conn, hex, []int32{bad.e}, []int32{bad.s})
		if err == nil {
			t.Errorf("element %d side %d: no error", bad.e, bad.s)
		}
	}
	line, _ := LookupTopology("BAR", 2)
	a := []float64{7}
	if err := FaceAreas(a, []float64{0, 0, 0, 1, 0, 0}, []int32{0, 1}, line, []int32{0}, []int32{1}); err != nil || a[0] != 0 {
		t.Errorf("line end: area %v, err %v; want 0, nil", a[0], err)
	}
	checkDeterministic(t, "FaceAreas", func() []float64 {
		c, k := randomHexMesh(rand.New(rand.NewPCG(5, 6)), 20, 20, 20)
		n := len(k) / 8
		el, sd := make([]int32, 6*n), make([]int32, 6*n)
		for i := range el {
			el[i], sd[i] = int32(i/6), int32(i%6)
		}
		v := make([]float64, len(el))
		FaceAreas(v, c, k, hex, el, sd)
		return v
	})
}
