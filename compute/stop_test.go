package compute

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
)

// TestParallelForStop checks that a loop whose stop closes while it runs
// starts no further range: with the stop closed in the first range, at
// most one range per goroutine runs (those already claimed), the loop
// unwinds to Stop.run, which returns ErrStopped, and the same holds for
// forChunksStop and forPartsStop. With an open stop every range runs.
func TestParallelForStop(t *testing.T) {
	const n = 1 << 20
	for _, procs := range []int{1, 2, 4} {
		withProcs(procs, func() {
			cases := []struct {
				name string
				loop func(s Stop, body func())
			}{
				{"parallelFor", func(s Stop, body func()) {
					parallelForStop(s, n, 1, func(lo, hi int) { body() })
				}},
				{"forChunks", func(s Stop, body func()) {
					forChunksStop(s, n, 64, func(c, lo, hi int) { body() })
				}},
				{"forParts", func(s Stop, body func()) {
					conns := [][]int32{make([]int32, n/2), make([]int32, n/2)}
					forPartsStop(s, conns, 64, func(w, b, lo, hi int) { body() })
				}},
			}
			for _, c := range cases {
				stop := make(chan struct{})
				var calls atomic.Int64
				err := Stop(stop).run(func() {
					c.loop(stop, func() {
						if calls.Add(1) == 1 {
							close(stop)
						}
					})
				})
				if !errors.Is(err, ErrStopped) {
					t.Errorf("%s, %d procs: err %v, want ErrStopped", c.name, procs, err)
				}
				if k := calls.Load(); k < 1 || k > int64(procs) {
					t.Errorf("%s, %d procs: %d ranges ran after the stop closed in the first, want 1 to %d", c.name, procs, k, procs)
				}
				open := make(chan struct{})
				calls.Store(0)
				var total atomic.Int64
				err = Stop(open).run(func() { c.loop(open, func() { total.Add(1) }) })
				if err != nil || total.Load() < 2 {
					t.Errorf("%s, %d procs, open stop: err %v after %d ranges", c.name, procs, err, total.Load())
				}
			}
		})
	}
}

// TestStopRunOtherPanic checks that Stop.run passes on a panic that is
// not a stop.
func TestStopRunOtherPanic(t *testing.T) {
	defer func() {
		if r := recover(); r != "other" {
			t.Fatalf("recovered %v, want the panic \"other\"", r)
		}
	}()
	_ = Stop(nil).run(func() { panic("other") })
	t.Fatal("no panic")
}

// TestKernelsStop checks the stoppable kernels: with an open stop they
// give exactly what the plain ones give; with a closed one they return
// ErrStopped before writing anything.
func TestKernelsStop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	coords := duplicatedHexNodes(rng, 20, 20, 20, 1e-9)
	nn := len(coords) / 3
	_, conn := HexMesh(20, 20, 20)
	ne := len(conn) / 8
	open := Stop(make(chan struct{}))
	closedCh := make(chan struct{})
	close(closedCh)
	closed := Stop(closedCh)

	// CloseNodeGroups and Groups.
	want := make([]int32, nn)
	wm, err := CloseNodeGroups(want, coords, 1e-6)
	if err != nil || wm != nn/2 {
		t.Fatalf("CloseNodeGroups: %d merged, %v; want %d", wm, err, nn/2)
	}
	got := make([]int32, nn)
	if m, err := open.CloseNodeGroups(got, coords, 1e-6); err != nil || m != wm || !slices.Equal(got, want) {
		t.Errorf("open stop CloseNodeGroups: %d merged, %v, same rep %v", m, err, slices.Equal(got, want))
	}
	clear(got)
	if m, err := closed.CloseNodeGroups(got, coords, 1e-6); !errors.Is(err, ErrStopped) || m != 0 || slices.ContainsFunc(got, func(r int32) bool { return r != 0 }) {
		t.Errorf("closed stop CloseNodeGroups: %d merged, %v, rep written %v", m, err, slices.ContainsFunc(got, func(r int32) bool { return r != 0 }))
	}
	if _, err := closed.CloseNodeGroups(got, coords, -1); err == nil || errors.Is(err, ErrStopped) {
		t.Errorf("closed stop, bad tolerance: %v, want the tolerance error", err)
	}
	m0, s0, g0 := Groups(want)
	m1, s1, g1, err := open.Groups(want)
	if err != nil || !slices.Equal(m0, m1) || !slices.Equal(s0, s1) || !slices.Equal(g0, g1) {
		t.Errorf("open stop Groups differs (%v)", err)
	}
	if m, s, g, err := closed.Groups(want); !errors.Is(err, ErrStopped) || m != nil || s != nil || g != nil {
		t.Errorf("closed stop Groups: %v", err)
	}

	// BuildNodeElems, ElemToNode and NodeToElem on the first half of the
	// nodes (the mesh's own).
	nodes := nn / 2
	blocks := []ConnBlock{{Conn: conn, NodesPerElem: 8}}
	adj := BuildNodeElems(nodes, blocks)
	adj2, err := open.BuildNodeElems(nodes, blocks)
	if err != nil || !slices.Equal(adj.Start, adj2.Start) || !slices.Equal(adj.Elems, adj2.Elems) {
		t.Errorf("open stop BuildNodeElems differs (%v)", err)
	}
	if a, err := closed.BuildNodeElems(nodes, blocks); !errors.Is(err, ErrStopped) || a != nil {
		t.Errorf("closed stop BuildNodeElems: %v", err)
	}
	ev := make([]float64, ne)
	for i := range ev {
		ev[i] = rng.Float64()
	}
	nv := make([]float64, nodes)
	ElemToNode(nv, adj, [][]float64{ev}, 0)
	nv2 := make([]float64, nodes)
	if err := open.ElemToNode(nv2, adj, [][]float64{ev}, 0); err != nil || !sameBits(nv, nv2) {
		t.Errorf("open stop ElemToNode differs (%v)", err)
	}
	clear(nv2)
	if err := closed.ElemToNode(nv2, adj, [][]float64{ev}, 0); !errors.Is(err, ErrStopped) || slices.ContainsFunc(nv2, func(v float64) bool { return v != 0 }) {
		t.Errorf("closed stop ElemToNode: %v", err)
	}
	e2 := make([]float64, ne)
	NodeToElem(e2, nv, conn, 8)
	e3 := make([]float64, ne)
	if err := open.NodeToElem(e3, nv, conn, 8); err != nil || !sameBits(e2, e3) {
		t.Errorf("open stop NodeToElem differs (%v)", err)
	}
	clear(e3)
	if err := closed.NodeToElem(e3, nv, conn, 8); !errors.Is(err, ErrStopped) || slices.ContainsFunc(e3, func(v float64) bool { return v != 0 }) {
		t.Errorf("closed stop NodeToElem: %v", err)
	}

	// ClosestNodeDistance and CountDisconnected, the latter in its plain
	// and its windowed form (elements shuffled, from 0 nodes on).
	scattered := slices.Clone(conn)
	for i, j := range rng.Perm(ne) {
		copy(scattered[8*i:8*i+8], conn[8*j:8*j+8])
	}
	perturbed := slices.Clone(coords[:3*nodes])
	for i := range perturbed {
		perturbed[i] += 1e-3 * rng.Float64()
	}
	d := ClosestNodeDistance(perturbed)
	if d2, err := open.ClosestNodeDistance(perturbed); err != nil || d2 != d {
		t.Errorf("open stop ClosestNodeDistance: %v, %v; want %v", d2, err, d)
	}
	if _, err := closed.ClosestNodeDistance(perturbed); !errors.Is(err, ErrStopped) {
		t.Errorf("closed stop ClosestNodeDistance: %v", err)
	}
	for _, c := range [][]int32{conn, scattered} {
		blocks := []ConnBlock{{Conn: c, NodesPerElem: 8}}
		want := CountDisconnected(nodes, blocks)
		if n, err := open.CountDisconnected(nodes, blocks); err != nil || n != want || want != 1 {
			t.Errorf("open stop CountDisconnected: %d, %v; want %d, 1", n, err, want)
		}
		for _, windowMin := range []int{0, disconnectedWindowMin} {
			var err error
			if stopErr := closed.run(func() { closed.countDisconnected(nodes, blocks, windowMin, 6) }); stopErr != nil {
				err = stopErr
			}
			if !errors.Is(err, ErrStopped) {
				t.Errorf("closed stop CountDisconnected (windowMin %d): %v", windowMin, err)
			}
		}
	}

	// EdgeLengths.
	hex, _ := LookupTopology("HEX8", 8)
	es, em, en := EdgeLengths(coords, conn, hex)
	if s, m, n, err := open.EdgeLengths(coords, conn, hex); err != nil || s != es || m != em || n != en {
		t.Errorf("open stop EdgeLengths: %v %v %d %v, want %v %v %d", s, m, n, err, es, em, en)
	}
	if s, m, n, err := closed.EdgeLengths(coords, conn, hex); !errors.Is(err, ErrStopped) || s != 0 || m != 0 || n != 0 {
		t.Errorf("closed stop EdgeLengths: %v %v %d %v", s, m, n, err)
	}

	// ExternalFaces: an open stop gives the plain skin.
	hex8, _ := LookupTopology("hex8", 8)
	sb := []SkinBlock{{Topo: hex8, Conn: conn}}
	sk := ExternalFaces(nodes, sb)
	sk2, err := open.ExternalFaces(nodes, sb)
	if err != nil || !slices.Equal(sk.Block, sk2.Block) || !slices.Equal(sk.Elem, sk2.Elem) || !slices.Equal(sk.Side, sk2.Side) || !slices.Equal(sk.Nodes, sk2.Nodes) {
		t.Errorf("open stop ExternalFaces differs (%v)", err)
	}
	if sk3, err := closed.ExternalFaces(nodes, sb); !errors.Is(err, ErrStopped) || sk3 != nil {
		t.Errorf("closed stop ExternalFaces: %v", err)
	}
}
