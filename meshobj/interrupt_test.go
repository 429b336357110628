package meshobj

import (
	"bytes"
	"encoding/gob"
	"errors"
	"testing"
	"time"

	"exosh/compute"
)

// modelBytes encodes everything a model holds (the Warn and Interrupt
// fields aside, which gob skips) so that two states compare byte for byte.
func modelBytes(t *testing.T, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mergeModel returns a cube of d^3 elements whose block 1 is duplicated
// with its own nodes, with two timesteps, a node field, a node set and a
// side set: merge_nodes then merges every copy into its original.
func mergeModel(t *testing.T, d int) *Model {
	t.Helper()
	m := hexCube(t, 1, d)
	for _, ts := range []float64{0, 1} {
		if err := m.CreateTimestep(ts); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.CreateNodeField("temp", 3); err != nil {
		t.Fatal(err)
	}
	if err := m.CreateNodeSet(7, []int32{0, 1, 2, 5}); err != nil {
		t.Fatal(err)
	}
	if err := m.CreateSideSet(8, SideSetMembers{BlockIDs: []int64{1, 1}, Elems: []int32{0, 3}, Sides: []int32{0, 2}}); err != nil {
		t.Fatal(err)
	}
	if err := m.DuplicateElementBlock(Int(1), 2, true); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMergeNodesInterrupted checks that merge_nodes stopped through
// Model.Interrupt, before it starts or while it computes, returns
// ErrInterrupted and leaves the model byte-identical, and that the model
// then merges as one never interrupted.
func TestMergeNodesInterrupted(t *testing.T) {
	ref := mergeModel(t, 30)
	if err := ref.MergeNodes(1e-6, true, false); err != nil {
		t.Fatal(err)
	}
	want := modelBytes(t, ref)
	if n := ref.NumNodes(); n != 31*31*31 {
		t.Fatalf("reference merge left %d nodes, want %d", n, 31*31*31)
	}

	m := mergeModel(t, 30)
	before := modelBytes(t, m)
	if bytes.Equal(before, want) {
		t.Fatal("the encoding does not tell a merged model from an unmerged one")
	}
	stop := make(chan struct{})
	close(stop)
	m.Interrupt = stop
	if err := m.MergeNodes(1e-6, true, false); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("merge with a closed Interrupt: %v, want ErrInterrupted", err)
	}
	m.Interrupt = nil
	if !bytes.Equal(modelBytes(t, m), before) {
		t.Fatal("an interrupted merge changed the model")
	}

	// Interrupts at growing delays: each call either stops, leaving the
	// model as it was, or completes; the first (no delay) must stop.
	stopped := 0
	for _, delay := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond} {
		m := mergeModel(t, 30)
		before := modelBytes(t, m)
		stop := make(chan struct{})
		m.Interrupt = stop
		var timer *time.Timer
		if delay == 0 {
			close(stop)
		} else {
			timer = time.AfterFunc(delay, func() { close(stop) })
		}
		err := m.MergeNodes(1e-6, true, false)
		m.Interrupt = nil
		switch {
		case errors.Is(err, ErrInterrupted):
			stopped++
			if !bytes.Equal(modelBytes(t, m), before) {
				t.Fatalf("merge interrupted after %v changed the model", delay)
			}
		case err != nil:
			t.Fatal(err)
		default:
			if !bytes.Equal(modelBytes(t, m), want) {
				t.Fatalf("merge completed despite an interrupt after %v differs from the reference", delay)
			}
		}
		if delay > 0 {
			timer.Stop()
		}
		if err := m.MergeNodes(1e-6, true, false); err != nil && !errors.Is(err, ErrInterrupted) {
			t.Fatal(err)
		}
		if !bytes.Equal(modelBytes(t, m), want) {
			t.Fatalf("merge after an interrupt (delay %v) differs from the reference", delay)
		}
	}
	if stopped == 0 {
		t.Error("no merge stopped")
	}
}

// TestConversionsInterrupted checks that the field conversions, stopped
// before they start, leave the model byte-identical (a new field and an
// overwritten one), and that with an Interrupt channel that stays open
// they give the same model as without one, overwriting in place.
func TestConversionsInterrupted(t *testing.T) {
	build := func() *Model {
		m := mergeModel(t, 6)
		if err := m.CreateElementField("e", Sel(KeyAll), 2); err != nil {
			t.Fatal(err)
		}
		if err := m.CalculateElementVolumes("e", Sel(KeyAll)); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ops := []struct {
		name string
		op   func(m *Model) error
	}{
		{"element to new node field", func(m *Model) error { return m.ConvertElementFieldToNodeField("e", "en") }},
		{"element onto node field temp", func(m *Model) error { return m.ConvertElementFieldToNodeField("e", "temp") }},
		{"node to new element field", func(m *Model) error { return m.ConvertNodeFieldToElementField("temp", "te", Sel(KeyAll)) }},
		{"node onto element field e", func(m *Model) error { return m.ConvertNodeFieldToElementField("temp", "e", Sel(KeyAll)) }},
	}
	for _, c := range ops {
		plain := build()
		if err := c.op(plain); err != nil {
			t.Fatal(err)
		}
		m := build()
		before := modelBytes(t, m)
		if bytes.Equal(before, modelBytes(t, plain)) {
			t.Fatalf("%s: the conversion changed nothing", c.name)
		}
		stop := make(chan struct{})
		close(stop)
		m.Interrupt = stop
		if err := c.op(m); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("%s: %v, want ErrInterrupted", c.name, err)
		}
		m.Interrupt = nil
		if !bytes.Equal(modelBytes(t, m), before) {
			t.Errorf("%s: an interrupted conversion changed the model", c.name)
		}
		open := build()
		var view []float64
		if f := FindField(open.Blocks[0].Fields, "e"); f != nil {
			view = f.Own(1) // as a view of it is obtained
		}
		open.Interrupt = make(chan struct{})
		if err := c.op(open); err != nil {
			t.Fatal(err)
		}
		open.Interrupt = nil
		if !bytes.Equal(modelBytes(t, open), modelBytes(t, plain)) {
			t.Errorf("%s: with an open Interrupt the result differs", c.name)
		}
		if f := FindField(open.Blocks[0].Fields, "e"); &f.Values[1][0] != &view[0] {
			t.Errorf("%s: element field e was reallocated; views of it went stale", c.name)
		}
	}
}

// TestElementConversionsInterrupted checks that the element conversions,
// stopped while they find their new nodes (here: before they start),
// leave the model byte-identical, and that with an Interrupt channel that
// stays open they give the same model as without one.
func TestElementConversionsInterrupted(t *testing.T) {
	build := func() *Model {
		m := mergeModel(t, 6)
		if err := m.CreateElementField("e", Sel(KeyAll), 2); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ops := []struct {
		name string
		op   func(m *Model) error
	}{
		{"make_elements_quadratic", func(m *Model) error { return m.MakeElementsQuadratic(Sel(KeyAll)) }},
		{"hex24tet", func(m *Model) error { return m.ConvertHex8BlockToTet4Block(Int(m.Blocks[0].ID), "hex24tet") }},
		{"hex8 to hex20", func(m *Model) error { return m.ConvertElementBlocks(Sel(KeyAll), "hex20") }},
	}
	for _, c := range ops {
		plain := build()
		if err := c.op(plain); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		m := build()
		before := modelBytes(t, m)
		if bytes.Equal(before, modelBytes(t, plain)) {
			t.Fatalf("%s: the conversion changed nothing", c.name)
		}
		stop := make(chan struct{})
		close(stop)
		m.Interrupt = stop
		if err := c.op(m); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("%s: %v, want ErrInterrupted", c.name, err)
		}
		m.Interrupt = nil
		m.Settle()
		if !bytes.Equal(modelBytes(t, m), before) {
			t.Errorf("%s: an interrupted conversion changed the model", c.name)
		}
		open := build()
		open.Interrupt = make(chan struct{})
		if err := c.op(open); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		open.Interrupt = nil
		if !bytes.Equal(modelBytes(t, open), modelBytes(t, plain)) {
			t.Errorf("%s: with an open Interrupt the result differs", c.name)
		}
	}
}

// TestWorkStopsKernels checks that work hands m.Interrupt to the kernels
// as their stop: an interrupt that comes while fn runs makes the kernel
// fn runs next return compute.ErrStopped instead of finishing (so an
// abandoned merge or conversion stops its CPU work), and work returns
// ErrInterrupted even when fn has returned by the time it looks.
func TestWorkStopsKernels(t *testing.T) {
	m := mergeModel(t, 12)
	before := modelBytes(t, m)
	ch := make(chan struct{})
	m.Interrupt = ch
	var merged int
	var kerr, cerr error
	nn := m.NumNodes()
	elems := make([][]float64, 1)
	err := m.work(func(stop compute.Stop) {
		close(ch)
		merged, kerr = stop.CloseNodeGroups(make([]int32, nn), m.Coords, 1e-6)
		cerr = stop.NodeToElem(make([]float64, m.Blocks[0].NumElems), m.NodeFields[0].Values[0], m.Blocks[0].Conn, 8)
		elems[0] = make([]float64, nn)
		elemToNodes(stop, elems, []int{0}, m.Blocks[:1], []*Field{{Name: "x", Values: [][]float64{make([]float64, m.Blocks[0].NumElems)}}}, 5)
	})
	m.Settle()
	m.Interrupt = nil
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("work: %v, want ErrInterrupted", err)
	}
	if !errors.Is(kerr, compute.ErrStopped) || merged != 0 {
		t.Errorf("CloseNodeGroups under an interrupt: %d merged, %v; want compute.ErrStopped", merged, kerr)
	}
	if !errors.Is(cerr, compute.ErrStopped) {
		t.Errorf("NodeToElem under an interrupt: %v; want compute.ErrStopped", cerr)
	}
	for n, v := range elems[0] {
		if v == 5 {
			t.Fatalf("elemToNodes under an interrupt finished (node %d got the default)", n)
		}
	}
	if !bytes.Equal(modelBytes(t, m), before) {
		t.Error("the model changed")
	}
	// Without an interrupt the same elemToNodes runs to the end: the
	// block's own nodes average its zeros, the copies get the default.
	elems[0] = make([]float64, nn)
	elemToNodes(nil, elems, []int{0}, m.Blocks[:1], []*Field{{Name: "x", Values: [][]float64{make([]float64, m.Blocks[0].NumElems)}}}, 5)
	if got := elems[0][nn-1]; got != 5 {
		t.Errorf("elemToNodes without an interrupt: last node %v, want the default 5", got)
	}
}

// TestGettersInterrupted checks the two long getters of the shell's
// chain: with an open Interrupt they give what they give without one, and
// with a closed one they return ErrInterrupted (their kernels stop early:
// compute's TestKernelsStop), so that a getter abandoned with Ctrl-C does
// not hold the model until it finishes.
func TestGettersInterrupted(t *testing.T) {
	m := hexCube(t, 6, 6)
	d, err := m.GetClosestNodeDistance()
	mustOK(t, err)
	n, err := m.CountDisconnectedBlocks(Sel("all"))
	mustOK(t, err)
	emin, emean, err := m.GetElementEdgeLengthInfo(Sel("all"))
	mustOK(t, err)
	if d != 1 || n != 1 || emin != 1 || emean != 1 {
		t.Fatalf("closest %v, groups %d, edges %v %v; want 1, 1, 1 and 1", d, n, emin, emean)
	}
	m.Interrupt = make(chan struct{})
	if a, b, err := m.GetElementEdgeLengthInfo(Sel("all")); err != nil || a != emin || b != emean {
		t.Errorf("open interrupt: edges %v %v, %v", a, b, err)
	}
	if d2, err := m.GetClosestNodeDistance(); err != nil || d2 != d {
		t.Errorf("open interrupt: closest %v, %v", d2, err)
	}
	if n2, err := m.CountDisconnectedBlocks(Sel("all")); err != nil || n2 != n {
		t.Errorf("open interrupt: groups %d, %v", n2, err)
	}
	closed := make(chan struct{})
	close(closed)
	m.Interrupt = closed
	if _, err := m.GetClosestNodeDistance(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("closed interrupt: closest %v, want ErrInterrupted", err)
	}
	if _, err := m.CountDisconnectedBlocks(Sel("all")); !errors.Is(err, ErrInterrupted) {
		t.Errorf("closed interrupt: groups %v, want ErrInterrupted", err)
	}
	if _, _, err := m.GetElementEdgeLengthInfo(Sel("all")); !errors.Is(err, ErrInterrupted) {
		t.Errorf("closed interrupt: edges %v, want ErrInterrupted", err)
	}
}
