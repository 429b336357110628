package compute

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// groupsRef is a brute-force reference: union every pair within tol.
func groupsRef(coords []float64, tol float64) []int32 {
	n := len(coords) / 3
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			x = parent[x]
		}
		return x
	}
	for i := range n {
		for j := range i {
			dx := coords[3*i] - coords[3*j]
			dy := coords[3*i+1] - coords[3*j+1]
			dz := coords[3*i+2] - coords[3*j+2]
			if math.Sqrt(dx*dx+dy*dy+dz*dz) <= tol {
				a, b := find(int32(i)), find(int32(j))
				if a != b {
					parent[max(a, b)] = min(a, b)
				}
			}
		}
	}
	rep := make([]int32, n)
	for i := range rep {
		rep[i] = find(int32(i))
	}
	return rep
}

// clusteredCloud returns n points in clusters of up to 4 points spread over
// radius spread around random centres, in random order.
func clusteredCloud(rng *rand.Rand, n int, spread float64) []float64 {
	coords := make([]float64, 0, 3*n)
	for len(coords) < 3*n {
		c := [3]float64{rng.Float64(), rng.Float64(), rng.Float64() * 0.01}
		for k := rng.IntN(4); k >= 0 && len(coords) < 3*n; k-- {
			for d := range 3 {
				coords = append(coords, c[d]+spread*rng.NormFloat64())
			}
		}
	}
	perm := rng.Perm(n)
	out := make([]float64, 3*n)
	for i, p := range perm {
		copy(out[3*p:3*p+3], coords[3*i:3*i+3])
	}
	return out
}

func TestCloseNodeGroupsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for trial, tc := range []struct {
		n      int
		spread float64
		tol    float64
	}{
		{500, 0, 0}, {500, 1e-3, 2e-3}, {1500, 1e-3, 1e-3}, {1500, 0.01, 0.02}, {300, 0.1, 0.05}, {2000, 1e-9, 0},
	} {
		coords := clusteredCloud(rng, tc.n, tc.spread)
		// Exact duplicates as well.
		for i := 0; i+1 < tc.n; i += 7 {
			copy(coords[3*(i+1):3*(i+2)], coords[3*i:3*i+3])
		}
		want := groupsRef(coords, tc.tol)
		rep := make([]int32, tc.n)
		m, err := CloseNodeGroups(rep, coords, tc.tol)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rep, want) {
			for i := range rep {
				if rep[i] != want[i] {
					t.Fatalf("case %d: rep[%d] = %d, reference %d", trial, i, rep[i], want[i])
				}
			}
		}
		wm := 0
		for i, r := range want {
			if r != int32(i) {
				wm++
			}
		}
		if m != wm {
			t.Errorf("case %d: %d merged, reference %d", trial, m, wm)
		}
	}
}

func TestCloseNodeGroupsHand(t *testing.T) {
	tests := []struct {
		name   string
		coords []float64
		tol    float64
		want   []int32
	}{
		// exomerge's _find_close_nodes returns {1: [2]} here and leaves node
		// 0 alone although it is within tol of node 2.
		{"chain", []float64{0, 0, 0, 2, 0, 0, 1, 0, 0}, 1, []int32{0, 0, 0}},
		{"inclusive", []float64{0, 0, 0, 3, 4, 0}, 5, []int32{0, 0}},
		{"just apart", []float64{0, 0, 0, 3, 4, 0}, math.Nextafter(5, 0), []int32{0, 1}},
		{"zero tol", []float64{1, 2, 3, 1, 2, 3, 1, 2, 3.0000001}, 0, []int32{0, 0, 2}},
		{"keep lowest", []float64{5, 5, 5, 0, 0, 0, 5, 5, 5, 0, 0, 0}, 0, []int32{0, 1, 0, 1}},
		{"all same", []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}, 0, []int32{0, 0, 0}},
		{"nan", []float64{math.NaN(), 0, 0, math.NaN(), 0, 0, 1, 1, 1}, 1e9, []int32{0, 1, 2}},
		{"inf", []float64{math.Inf(1), 0, 0, math.Inf(1), 0, 0, 1, 1, 1, 1, 1, 1}, 0, []int32{0, 1, 2, 2}},
		{"empty", nil, 1, []int32{}},
	}
	for _, tc := range tests {
		rep := make([]int32, len(tc.coords)/3)
		if _, err := CloseNodeGroups(rep, tc.coords, tc.tol); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(rep, tc.want) {
			t.Errorf("%s: rep %v, want %v", tc.name, rep, tc.want)
		}
	}
	for _, tol := range []float64{-1, math.NaN()} {
		if _, err := CloseNodeGroups(make([]int32, 1), []float64{0, 0, 0}, tol); err == nil {
			t.Errorf("tolerance %v: no error", tol)
		}
	}
}

// duplicatedHexNodes returns a HexMesh's nodes twice over, the second copy
// shuffled and moved by less than jitter, as a mesh whose blocks each own
// their nodes looks before merging.
func duplicatedHexNodes(rng *rand.Rand, nx, ny, nz int, jitter float64) []float64 {
	coords, _ := HexMesh(nx, ny, nz)
	n := len(coords) / 3
	out := make([]float64, 6*n)
	copy(out, coords)
	perm := rng.Perm(n)
	for i, p := range perm {
		for d := range 3 {
			out[3*(n+p)+d] = coords[3*i+d] + jitter*(2*rng.Float64()-1)
		}
	}
	return out
}

func TestCloseNodeGroupsMesh(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	coords := duplicatedHexNodes(rng, 30, 20, 10, 1e-9)
	n := len(coords) / 3
	var ref []int32
	for _, p := range []int{1, 2, 3} {
		rep := make([]int32, n)
		var m int
		withProcs(p, func() { m, _ = CloseNodeGroups(rep, coords, 1e-7) })
		if m != n/2 {
			t.Errorf("GOMAXPROCS=%d: %d merged, want %d", p, m, n/2)
		}
		for i := n / 2; i < n; i++ {
			if rep[i] >= int32(n/2) {
				t.Fatalf("node %d kept", i)
			}
		}
		if ref == nil {
			ref = rep
		} else if !slices.Equal(rep, ref) {
			t.Errorf("GOMAXPROCS=%d: groups differ from GOMAXPROCS=1", p)
		}
	}
}

func closestRef(coords []float64) float64 {
	n := len(coords) / 3
	best := math.MaxFloat64
	for i := range n {
		for j := range i {
			dx := coords[3*i] - coords[3*j]
			dy := coords[3*i+1] - coords[3*j+1]
			dz := coords[3*i+2] - coords[3*j+2]
			if d := math.Sqrt(dx*dx + dy*dy + dz*dz); d < best {
				best = d
			}
		}
	}
	return best
}

func TestClosestNodeDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for trial := range 40 {
		n := 2 + rng.IntN(1500)
		var coords []float64
		switch trial % 4 {
		case 0: // uniform cloud
			for range 3 * n {
				coords = append(coords, rng.Float64())
			}
		case 1: // flat, graded: x spans 1e-6 .. 1 logarithmically
			for range n {
				coords = append(coords, math.Pow(10, -6*rng.Float64()), rng.Float64(), 0)
			}
		case 2: // clusters
			coords = clusteredCloud(rng, n, 1e-4)
		case 3: // a line with one tight pair
			for i := range n {
				coords = append(coords, float64(i), 0, 0)
			}
			k := rng.IntN(n)
			coords[3*k+1] = 1e-3 * rng.Float64()
			coords[3*k] = coords[3*((k+1)%n)] + 1e-7
		}
		want := closestRef(coords)
		got := ClosestNodeDistance(coords)
		if got != want {
			t.Errorf("trial %d (%d nodes): %v, brute force %v", trial, n, got, want)
		}
	}
	// exomerge's get_closest_node_distance returns 0.01920408678485356
	// for 300 points made with Python's random.seed(5) as
	// [0.1*random(), random(), random()]; the true minimum is
	// 0.00559660249978897. The same failure shape: two close points either
	// side of the first split.
	split := []float64{0, 0, 0, 0.4999, 10, 0, 0.5001, 10, 0, 1, 0, 0, 1, 20, 0}
	if got := ClosestNodeDistance(split); math.Abs(got-0.0002) > 1e-12 {
		t.Errorf("straddling pair: %v, want 0.0002", got)
	}
	for _, tc := range []struct {
		coords []float64
		want   float64
	}{
		{nil, math.MaxFloat64},
		{[]float64{1, 2, 3}, math.MaxFloat64},
		{[]float64{1, 2, 3, 1, 2, 3}, 0},
		{[]float64{0, 0, 0, 3, 4, 0}, 5},
		{[]float64{0, 0, 0, math.NaN(), 0, 0, 0, 0, 2}, 2},
		{[]float64{0, 0, 0, math.Inf(1), 0, 0}, math.MaxFloat64},
	} {
		if got := ClosestNodeDistance(tc.coords); got != tc.want {
			t.Errorf("ClosestNodeDistance(%v) = %v, want %v", tc.coords, got, tc.want)
		}
	}
	coords, _ := randomHexMesh(rng, 40, 40, 40)
	checkDeterministic(t, "ClosestNodeDistance", func() []float64 {
		return []float64{ClosestNodeDistance(coords)}
	})
}

func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	// Uniform keys, and skewed ones: most keys in one bucket of the top
	// digit (sorted by all goroutines together), or all of them (no top
	// pass), with equal runs and buckets of every size.
	type dist int
	const (
		uniform dist = iota
		skewed
		oneTop
		fewValues
	)
	for _, n := range []int{0, 1, 10, 1000, 70000, 300000} {
		for _, bitsN := range []int{5, 23, 40, 64} {
			for _, dd := range []dist{uniform, skewed, oneTop, fewValues} {
				if dd != uniform && n < 70000 {
					continue
				}
				keys := make([]uint64, n)
				vals := make([]int32, n)
				for i := range keys {
					k := rng.Uint64() >> (64 - bitsN)
					switch dd {
					case skewed:
						if rng.IntN(4) > 0 {
							k &= 1<<max(bitsN-radixBits, 0) - 1
						}
					case oneTop:
						k = k&(1<<max(bitsN-radixBits, 0)-1) | 1<<(bitsN-1)
					case fewValues:
						k = uint64(rng.IntN(300)) << max(bitsN-12, 0)
					}
					keys[i] = k
					vals[i] = int32(i)
				}
				checkRadixSort(t, keys, vals, bitsN)
			}
		}
	}
}

// checkRadixSort compares radixSort of keys/vals (with two goroutines)
// with a stable sort.
func checkRadixSort(t *testing.T, keys []uint64, vals []int32, bitsN int) {
	t.Helper()
	n := len(keys)
	{
		{
			type kv struct {
				k uint64
				v int32
			}
			want := make([]kv, n)
			for i := range want {
				want[i] = kv{keys[i], vals[i]}
			}
			slices.SortStableFunc(want, func(a, b kv) int {
				switch {
				case a.k < b.k:
					return -1
				case a.k > b.k:
					return 1
				}
				return 0
			})
			var gk []uint64
			var gv []int32
			withProcs(2, func() {
				gk, gv = radixSort(nil, slices.Clone(keys), make([]uint64, n), slices.Clone(vals), make([]int32, n), bitsN)
			})
			for i := range want {
				if gk[i] != want[i].k || gv[i] != want[i].v {
					t.Fatalf("n=%d bits=%d: position %d = (%d, %d), want %v", n, bitsN, i, gk[i], gv[i], want[i])
				}
			}
		}
	}
}

func TestGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range []int{0, 1, 7, 1000, 100000} {
		// Random groups: each node joins an earlier node's group, or not.
		rep := make([]int32, n)
		for i := range rep {
			rep[i] = int32(i)
			if i > 0 && rng.IntN(3) > 0 {
				rep[i] = rep[rng.IntN(i)]
			}
		}
		// Reference: walk the nodes in order.
		var wantM, wantMembers []int32
		byRep := map[int32][]int32{}
		for i, r := range rep {
			if int(r) != i {
				byRep[r] = append(byRep[r], int32(i))
			}
		}
		wantStart := []int32{0}
		for i := range rep {
			if ms := byRep[int32(i)]; len(ms) > 0 {
				wantM = append(wantM, int32(i))
				wantMembers = append(wantMembers, ms...)
				wantStart = append(wantStart, int32(len(wantMembers)))
			}
		}
		for _, procs := range []int{1, 3} {
			var m, s, mem []int32
			withProcs(procs, func() { m, s, mem = Groups(rep) })
			if !slices.Equal(m, wantM) || !slices.Equal(s, wantStart) || !slices.Equal(mem, wantMembers) {
				t.Fatalf("n %d, %d threads: %d groups, %d members; want %d, %d", n, procs, len(m), len(mem), len(wantM), len(wantMembers))
			}
		}
	}
	for _, rep := range [][]int32{{1, 1}, {0, -1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Groups(%v): no panic", rep)
				}
			}()
			Groups(rep)
		}()
	}
}

// TestMergeGrid checks both grids CloseNodeGroups may sweep against the
// brute-force groups: an evenly spread cloud of clusters takes the coarse
// grid (fewer cells per axis than the finest), a cloud with one dense
// blob (more than coarseCellMax points in a coarse cell) the finest.
func TestMergeGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	even := clusteredCloud(rng, 3000, 1e-4)
	graded := clusteredCloud(rng, 3000, 1e-4)
	for i := range 400 { // a blob of 400 points within 1e-3
		for d := range 3 {
			graded[3*i+d] = 0.5 + 1e-3*rng.Float64()
		}
	}
	for _, c := range []struct {
		name   string
		coords []float64
		coarse bool
	}{{"even", even, true}, {"graded", graded, false}} {
		for _, tol := range []float64{0, 1e-4, 3e-4} {
			lo, hi := Extents(c.coords, nil)
			g := Stop(nil).mergeGrid(c.coords, nil, lo, hi, tol)
			fine := gridSide(lo, hi, tol)
			if isCoarse := g.nx < cellCount(hi[0]-lo[0], fine); isCoarse != c.coarse {
				t.Errorf("%s, tol %g: coarse grid %v (nx %d), want %v", c.name, tol, isCoarse, g.nx, c.coarse)
			}
			rep := make([]int32, len(c.coords)/3)
			if _, err := CloseNodeGroups(rep, c.coords, tol); err != nil {
				t.Fatal(err)
			}
			if want := groupsRef(c.coords, tol); !slices.Equal(rep, want) {
				t.Errorf("%s, tol %g: groups differ from brute force", c.name, tol)
			}
		}
	}
}
