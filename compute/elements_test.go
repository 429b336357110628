package compute

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCountDisconnected(t *testing.T) {
	_, conn := HexMesh(10, 10, 10)
	nn := 11 * 11 * 11
	if got := CountDisconnected(nn, []ConnBlock{{conn, 8}}); got != 1 {
		t.Errorf("one mesh: %d groups", got)
	}
	// Shift a second copy of the mesh past the first: two groups; plus
	// two isolated spheres and unused nodes.
	conn2 := slices.Clone(conn)
	for i := range conn2 {
		conn2[i] += int32(nn)
	}
	blocks := []ConnBlock{{conn, 8}, {conn2, 8}, {[]int32{int32(2 * nn), int32(2*nn + 2)}, 1}}
	if got := CountDisconnected(2*nn+5, blocks); got != 4 {
		t.Errorf("two meshes and two spheres: %d groups, want 4", got)
	}
	// Random sparse graphs against a serial reference.
	rng := rand.New(rand.NewPCG(27, 28))
	for trial := range 50 {
		nn := 1 + rng.IntN(5000)
		var c []int32
		for range rng.IntN(3000) {
			c = append(c, int32(rng.IntN(nn)), int32(rng.IntN(nn)))
		}
		want := disconnectedRef(nn, c, 2)
		var got int
		withProcs(1+trial%2, func() { got = CountDisconnected(nn, []ConnBlock{{c, 2}}) })
		if got != want {
			t.Fatalf("trial %d: %d groups, reference %d", trial, got, want)
		}
	}
}

// disconnectedRef follows exomerge's count_disconnected_blocks.
func disconnectedRef(nn int, conn []int32, npe int) int {
	master := make([]int32, nn)
	for i := range master {
		master[i] = int32(i)
	}
	root := func(x int32) int32 {
		for master[x] != x {
			x = master[x]
		}
		return x
	}
	used := map[int32]bool{}
	for e := 0; e < len(conn); e += npe {
		el := conn[e : e+npe]
		low := slices.Min(el)
		for _, x := range el {
			used[x] = true
			low = min(low, root(x))
		}
		for _, x := range el {
			master[root(x)] = low
		}
	}
	n := 0
	for x := range used {
		if root(x) == x {
			n++
		}
	}
	return n
}

func TestCountDegenerate(t *testing.T) {
	conn := []int32{0, 1, 2, 3, 0, 1, 1, 3, 4, 4, 4, 4, 5, 6, 7, 5}
	if got := CountDegenerate(conn, 4); got != 3 {
		t.Errorf("CountDegenerate = %d, want 3", got)
	}
	_, hex := HexMesh(30, 30, 30)
	if got := CountDegenerate(hex, 8); got != 0 {
		t.Errorf("structured mesh: %d degenerate", got)
	}
	for i := 0; i < len(hex); i += 8 * 97 {
		hex[i+5] = hex[i+2] // collapse an edge
	}
	want := (len(hex)/8 + 96) / 97
	if got := CountDegenerate(hex, 8); got != want {
		t.Errorf("collapsed: %d degenerate, want %d", got, want)
	}
}

func TestDuplicateElements(t *testing.T) {
	conn := []int32{
		0, 1, 2, // 0
		2, 1, 0, // 1: same set as 0
		0, 1, 3, // 2
		1, 1, 2, // 3: set {1, 2}
		2, 2, 1, // 4: same set as 3
		0, 2, 1, // 5: same as 0
		3, 1, 0, // 6: same as 2
	}
	if got, want := DuplicateElements(conn, 3), []int32{1, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("DuplicateElements = %v, want %v", got, want)
	}
	// With a 1-bit hash nearly everything collides: equality must still
	// be decided on the node sets.
	if got, want := duplicateElements(conn, 3, 1), []int32{1, 4, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("1-bit hash: %v, want %v", got, want)
	}
	if got := DuplicateElements([]int32{0, 1}, 2); got != nil {
		t.Errorf("single element: %v", got)
	}
	// A large block with every element repeated somewhere later, its nodes
	// rotated.
	rng := rand.New(rand.NewPCG(29, 30))
	_, hex := HexMesh(40, 40, 20)
	ne := len(hex) / 8
	var big []int32
	big = append(big, hex...)
	var want []int32
	for i := range ne {
		if rng.IntN(3) == 0 {
			el := slices.Clone(hex[8*i : 8*i+8])
			r := rng.IntN(8)
			el = append(el[r:], el[:r]...)
			want = append(want, int32(len(big)/8))
			big = append(big, el...)
		}
	}
	checkDeterministic(t, "DuplicateElements", func() []float64 {
		got := DuplicateElements(big, 8)
		if !slices.Equal(got, want) {
			t.Fatalf("%d duplicates, want %d", len(got), len(want))
		}
		out := make([]float64, len(got))
		for i, g := range got {
			out[i] = float64(g)
		}
		return out
	})
}
