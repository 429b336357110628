package compute

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"syscall"
	"testing"

	"gonum.org/v1/gonum/spatial/kdtree"
)

// Benchmarks run on a structured hex mesh of 80^3 = 512,000 elements
// (531,441 nodes, numbered row by row as a mesher would) with every node
// moved randomly by up to a quarter cell, unless named otherwise. The
// Shuffled variants number the nodes randomly instead, the worst case for
// memory locality. Run with -cpu 1,2 to see the speed-up from a second core.

const benchN = 80

var bench struct {
	once           sync.Once
	coords         []float64
	conn           []int32
	adj            *NodeElems
	shuffledOnce   sync.Once
	shuffledCoords []float64
	shuffledConn   []int32
	dupOnce        sync.Once
	dupCoords      []float64
	exomergeOnce   sync.Once
	exomergeConn   []int32
}

func benchMesh(b *testing.B) ([]float64, []int32) {
	b.Helper()
	bench.once.Do(func() {
		rng := rand.New(rand.NewPCG(1, 1))
		bench.coords, bench.conn = HexMesh(benchN, benchN, benchN)
		for i := range bench.coords {
			bench.coords[i] += 0.25 / benchN * (2*rng.Float64() - 1)
		}
		bench.adj = BuildNodeElems(len(bench.coords)/3, []ConnBlock{{bench.conn, 8}})
	})
	return bench.coords, bench.conn
}

// exomergeMesh returns benchMesh with its elements renumbered in the
// order of exomerge's build_hex8_cube (and meshobj's BuildHex8Cube): x
// slowest, z fastest, so that consecutive elements are a whole xy-plane of
// nodes apart and the nodes of neighbouring elements share few cache lines.
func exomergeMesh(b *testing.B) ([]float64, []int32) {
	b.Helper()
	coords, conn := benchMesh(b)
	bench.exomergeOnce.Do(func() {
		n := benchN
		bench.exomergeConn = make([]int32, len(conn))
		for k := range n {
			for j := range n {
				for i := range n {
					from, to := i+n*(j+n*k), k+n*(j+n*i)
					copy(bench.exomergeConn[8*to:8*to+8], conn[8*from:8*from+8])
				}
			}
		}
	})
	return coords, bench.exomergeConn
}

func shuffledMesh(b *testing.B) ([]float64, []int32) {
	b.Helper()
	bench.shuffledOnce.Do(func() {
		bench.shuffledCoords, bench.shuffledConn = randomHexMesh(rand.New(rand.NewPCG(1, 1)), benchN, benchN, benchN)
	})
	return bench.shuffledCoords, bench.shuffledConn
}

// cpuTime resets the timer, reports allocations and reports the process
// CPU time per operation (cpu-ns/op), which stays meaningful on a loaded
// machine where ns/op (wall time) does not; with -cpu 1 it is the
// single-thread cost. Use it as defer cpuTime(b)() right before the timed
// loop.
//
// The loops count to b.N rather than using b.Loop: with Go 1.26, a b.Loop
// benchmark run with -cpu 1,2 saw GOMAXPROCS 2 in both runs here (b.Loop
// measures in the benchmark's first call, which golang/go#49980 reports is
// made with the wrong GOMAXPROCS), so -cpu 1 did not run serially.
func cpuTime(b *testing.B) func() {
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPU()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// processCPU returns the user and system CPU time of the process in ns.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func hex8() *Topology { t, _ := LookupTopology("HEX8", 8); return t }

func BenchmarkVolumes(b *testing.B) {
	coords, conn := benchMesh(b)
	dst := make([]float64, len(conn)/8)
	t := hex8()
	defer cpuTime(b)()
	for range b.N {
		Volumes(dst, coords, conn, t)
	}
}

func BenchmarkVolumesShuffled(b *testing.B) {
	coords, conn := shuffledMesh(b)
	dst := make([]float64, len(conn)/8)
	t := hex8()
	defer cpuTime(b)()
	for range b.N {
		Volumes(dst, coords, conn, t)
	}
}

func BenchmarkCentroids(b *testing.B) {
	coords, conn := benchMesh(b)
	dst := make([]float64, 3*len(conn)/8)
	defer cpuTime(b)()
	for range b.N {
		Centroids(dst, coords, conn, 8)
	}
}

func BenchmarkFaceAreas(b *testing.B) {
	coords, conn := benchMesh(b)
	ne := len(conn) / 8
	elems, sides := make([]int32, ne), make([]int32, ne)
	for i := range elems {
		elems[i], sides[i] = int32(i), int32(i%6)
	}
	dst := make([]float64, ne)
	t := hex8()
	defer cpuTime(b)()
	for range b.N {
		FaceAreas(dst, coords, conn, t, elems, sides)
	}
}

func BenchmarkEdgeLengths(b *testing.B) {
	coords, conn := benchMesh(b)
	t := hex8()
	defer cpuTime(b)()
	for range b.N {
		EdgeLengths(coords, conn, t)
	}
}

func BenchmarkExtents(b *testing.B) {
	coords, _ := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		Extents(coords, nil)
	}
}

func BenchmarkTranslate(b *testing.B) {
	coords, _ := benchMesh(b)
	c := slices.Clone(coords)
	defer cpuTime(b)()
	for range b.N {
		Translate(c, nil, [3]float64{1, 2, 3})
	}
}

func BenchmarkScale(b *testing.B) {
	coords, _ := benchMesh(b)
	c := slices.Clone(coords)
	defer cpuTime(b)()
	for range b.N {
		Scale(c, nil, 1.0000001)
	}
}

func BenchmarkRotate(b *testing.B) {
	coords, _ := benchMesh(b)
	c := slices.Clone(coords)
	defer cpuTime(b)()
	for range b.N {
		Rotate(c, nil, [3]float64{1, 2, 3}, 10)
	}
}

func BenchmarkRotateSubset(b *testing.B) {
	coords, _ := benchMesh(b)
	c := slices.Clone(coords)
	idx := make([]int32, 0, len(c)/6)
	for i := 0; i < len(c)/3; i += 2 {
		idx = append(idx, int32(i))
	}
	defer cpuTime(b)()
	for range b.N {
		Rotate(c, idx, [3]float64{1, 2, 3}, 10)
	}
}

func BenchmarkReflect(b *testing.B) {
	coords, _ := benchMesh(b)
	c := slices.Clone(coords)
	defer cpuTime(b)()
	for range b.N {
		Reflect(c, nil, [3]float64{0.5, 0, 0}, [3]float64{1, 1, 0})
	}
}

func BenchmarkBuildNodeElems(b *testing.B) {
	coords, conn := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		BuildNodeElems(len(coords)/3, []ConnBlock{{conn, 8}})
	}
}

func BenchmarkElemToNode(b *testing.B) {
	coords, conn := benchMesh(b)
	vals := make([]float64, len(conn)/8)
	for i := range vals {
		vals[i] = float64(i % 17)
	}
	dst := make([]float64, len(coords)/3)
	defer cpuTime(b)()
	for range b.N {
		ElemToNode(dst, bench.adj, [][]float64{vals}, math.NaN())
	}
}

// BenchmarkElemToNodeOnce is a whole one-timestep conversion: build the
// adjacency, then average.
func BenchmarkElemToNodeOnce(b *testing.B) {
	coords, conn := benchMesh(b)
	vals := make([]float64, len(conn)/8)
	dst := make([]float64, len(coords)/3)
	defer cpuTime(b)()
	for range b.N {
		adj := BuildNodeElems(len(coords)/3, []ConnBlock{{conn, 8}})
		ElemToNode(dst, adj, [][]float64{vals}, math.NaN())
	}
}

func BenchmarkElemToNodeOnceShuffled(b *testing.B) {
	coords, conn := shuffledMesh(b)
	vals := make([]float64, len(conn)/8)
	dst := make([]float64, len(coords)/3)
	defer cpuTime(b)()
	for range b.N {
		adj := BuildNodeElems(len(coords)/3, []ConnBlock{{conn, 8}})
		ElemToNode(dst, adj, [][]float64{vals}, math.NaN())
	}
}

func BenchmarkNodeToElem(b *testing.B) {
	coords, conn := benchMesh(b)
	vals := make([]float64, len(coords)/3)
	for i := range vals {
		vals[i] = float64(i % 13)
	}
	dst := make([]float64, len(conn)/8)
	defer cpuTime(b)()
	for range b.N {
		NodeToElem(dst, vals, conn, 8)
	}
}

func BenchmarkCountDisconnected(b *testing.B) {
	coords, conn := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		CountDisconnected(len(coords)/3, []ConnBlock{{conn, 8}})
	}
}

func BenchmarkCountDisconnectedExomergeOrder(b *testing.B) {
	coords, conn := exomergeMesh(b)
	defer cpuTime(b)()
	for range b.N {
		CountDisconnected(len(coords)/3, []ConnBlock{{conn, 8}})
	}
}

// BenchmarkCountDisconnectedRandomOrder counts the groups of benchMesh
// with its elements in random order (and its nodes numbered row by row),
// which CountDisconnected visits in windows of nodes.
func BenchmarkCountDisconnectedRandomOrder(b *testing.B) {
	coords, conn := benchMesh(b)
	ne := len(conn) / 8
	shuffled := make([]int32, len(conn))
	for i, e := range rand.New(rand.NewPCG(2, 2)).Perm(ne) {
		copy(shuffled[8*e:8*e+8], conn[8*i:8*i+8])
	}
	defer cpuTime(b)()
	for range b.N {
		CountDisconnected(len(coords)/3, []ConnBlock{{shuffled, 8}})
	}
}

// BenchmarkCountDisconnected8M counts the groups of an 8M-element hex
// cube (200^3 elements, 8.1M nodes) with its elements in exomerge's order,
// as count_disconnected_blocks does in issue 10. It needs about 600 MiB
// and runs only with -bench.
func BenchmarkCountDisconnected8M(b *testing.B) {
	const n = 200
	conn := exomergeCube(n)
	nn := (n + 1) * (n + 1) * (n + 1)
	defer cpuTime(b)()
	for range b.N {
		if g := CountDisconnected(nn, []ConnBlock{{conn, 8}}); g != 1 {
			b.Fatalf("%d groups", g)
		}
	}
}

func BenchmarkCountDegenerate(b *testing.B) {
	_, conn := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		CountDegenerate(conn, 8)
	}
}

func BenchmarkDuplicateElements(b *testing.B) {
	_, conn := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		DuplicateElements(conn, 8)
	}
}

func BenchmarkUnmergeBlocks(b *testing.B) {
	coords, conn := benchMesh(b)
	// Two halves of the element list: they share the nodes of the cut.
	benchUnmergeHalves(b, coords, conn)
}

// BenchmarkUnmergeBlocksExomergeOrder splits exomergeMesh into the halves
// x < 1/2 and x > 1/2, as the meshobj benchmark does.
func BenchmarkUnmergeBlocksExomergeOrder(b *testing.B) {
	coords, conn := exomergeMesh(b)
	benchUnmergeHalves(b, coords, conn)
}

// benchUnmergeHalves unmerges the two halves of the element list. The
// second half, which UnmergeBlocks rewrites, is restored with the timer
// stopped (cpu-ns/op includes the restoring copy).
func benchUnmergeHalves(b *testing.B, coords []float64, conn []int32) {
	half := 8 * (len(conn) / 16)
	a, c := slices.Clone(conn[:half]), slices.Clone(conn[half:])
	defer cpuTime(b)()
	for range b.N {
		b.StopTimer()
		copy(c, conn[half:])
		b.StartTimer()
		UnmergeBlocks(len(coords)/3, [][]int32{a, c})
	}
}

// BenchmarkCloseNodeGroups merges a mesh of 100^3 = 1,000,000 hex elements
// whose 1,030,301 nodes all appear twice (2,060,602 coordinates, the copies
// shuffled and moved by up to 1e-9) at exomerge's default tolerance, 1e-6
// times the length scale.
func BenchmarkCloseNodeGroups(b *testing.B) {
	bench.dupOnce.Do(func() {
		bench.dupCoords = duplicatedHexNodes(rand.New(rand.NewPCG(2, 2)), 100, 100, 100, 1e-9)
	})
	coords := bench.dupCoords
	rep := make([]int32, len(coords)/3)
	tol := 1e-6 * LengthScale(coords)
	defer cpuTime(b)()
	for range b.N {
		if m, _ := CloseNodeGroups(rep, coords, tol); m != len(rep)/2 {
			b.Fatalf("%d merged", m)
		}
	}
}

// BenchmarkGroups lists the groups of BenchmarkCloseNodeGroups's merge:
// 1,030,301 pairs of nodes.
func BenchmarkGroups(b *testing.B) {
	bench.dupOnce.Do(func() {
		bench.dupCoords = duplicatedHexNodes(rand.New(rand.NewPCG(2, 2)), 100, 100, 100, 1e-9)
	})
	coords := bench.dupCoords
	rep := make([]int32, len(coords)/3)
	if _, err := CloseNodeGroups(rep, coords, 1e-6*LengthScale(coords)); err != nil {
		b.Fatal(err)
	}
	defer cpuTime(b)()
	for range b.N {
		if m, _, _ := Groups(rep); len(m) != len(rep)/2 {
			b.Fatalf("%d groups", len(m))
		}
	}
}

func BenchmarkClosestNodeDistance(b *testing.B) {
	coords, _ := benchMesh(b)
	defer cpuTime(b)()
	for range b.N {
		ClosestNodeDistance(coords)
	}
}

// BenchmarkClosestNodeDistanceKDTree finds the same distance with gonum's
// k-d tree: build the tree, then query each node's nearest other node.
func BenchmarkClosestNodeDistanceKDTree(b *testing.B) {
	coords, _ := benchMesh(b)
	want := ClosestNodeDistance(coords)
	n := len(coords) / 3
	defer cpuTime(b)()
	for range b.N {
		pts := make(kdtree.Points, n)
		for i := range pts {
			pts[i] = kdtree.Point(coords[3*i : 3*i+3 : 3*i+3])
		}
		tree := kdtree.New(slices.Clone(pts), false)
		best := math.Inf(1)
		for _, p := range pts {
			k := kdtree.NewNKeeper(2)
			tree.NearestSet(k, p)
			// The heap is now sorted by distance: p itself, then its
			// nearest neighbour.
			if d := k.Heap[1].Dist; d < best {
				best = d
			}
		}
		if got := math.Sqrt(best); got != want {
			b.Fatalf("k-d tree %v, grid %v", got, want)
		}
	}
}

// BenchmarkExternalFaces finds the skin of the 512k-element cube (38,400
// quad4 faces) in exomerge's element order; target 30 ms.
func BenchmarkExternalFaces(b *testing.B) {
	coords, conn := exomergeMesh(b)
	blocks := []SkinBlock{{byName["hex8"], conn}}
	nn := len(coords) / 3
	b.ResetTimer()
	for range b.N {
		if s := ExternalFaces(nn, blocks); s.Len() != 6*benchN*benchN {
			b.Fatalf("%d faces", s.Len())
		}
	}
}

// exomergeCube returns the connectivity of HexMesh(n, n, n) with its
// elements in exomerge's order (see exomergeMesh).
func exomergeCube(n int) []int32 {
	_, hex := HexMesh(n, n, n)
	conn := Make[int32](len(hex))
	parallelFor(n, 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for j := range n {
				for k := range n {
					from, to := i+n*(j+n*k), k+n*(j+n*i)
					copy(conn[8*to:8*to+8], hex[8*from:8*from+8])
				}
			}
		}
	})
	return conn
}

// BenchmarkExternalFaces8M finds the skin of an 8M-element hex cube
// (200^3 elements, 240,000 quad4 faces; its 8.1M nodes need more than 21
// bits), with its elements in exomerge's order as exomergeMesh has them,
// as export_png of issue 11 does. It needs about 1 GiB and runs only with
// -bench.
func BenchmarkExternalFaces8M(b *testing.B) {
	const n = 200
	conn := exomergeCube(n)
	blocks := []SkinBlock{{byName["hex8"], conn}}
	nn := (n + 1) * (n + 1) * (n + 1)
	b.ResetTimer()
	for range b.N {
		if s := ExternalFaces(nn, blocks); s.Len() != 6*n*n {
			b.Fatalf("%d faces", s.Len())
		}
	}
}
