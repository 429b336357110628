package meshobj

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"runtime"
	"testing"
)

// digest hashes everything a model holds that area C changes, bit for bit.
type digest struct{ h hash.Hash }

func (d digest) floats(v []float64) {
	var b [8]byte
	for _, x := range v {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
		d.h.Write(b[:])
	}
	d.h.Write([]byte{0xff})
}

func (d digest) ints(v []int32) {
	var b [4]byte
	for _, x := range v {
		binary.LittleEndian.PutUint32(b[:], uint32(x))
		d.h.Write(b[:])
	}
	d.h.Write([]byte{0xfe})
}

func (d digest) str(s string) { fmt.Fprintf(d.h, "%q;", s) }

func (d digest) fields(fs []*Field) {
	for _, f := range fs {
		d.str(f.Name)
		for _, v := range f.Values {
			d.floats(v)
		}
	}
}

func (d digest) model(m *Model) {
	d.floats(m.Coords)
	d.floats(m.Timesteps)
	d.fields(m.NodeFields)
	for _, g := range m.GlobalVars {
		d.str(g.Name)
		d.floats(g.Values)
	}
	for _, b := range m.Blocks {
		d.str(fmt.Sprint(b.ID, b.NumElems))
		d.ints(b.Conn)
		d.fields(b.Fields)
	}
	for _, s := range m.NodeSets {
		d.ints(s.Members)
		d.floats(s.DistFactors)
		d.fields(s.Fields)
	}
	for _, s := range m.SideSets {
		d.ints(s.Elems)
		d.ints(s.Sides)
		d.fields(s.Fields)
	}
}

// runAreaC runs every area C operation on a 64k-element model, large
// enough for every kernel to split its work, and returns a hash of every
// result, warning and intermediate model.
func runAreaC(t testing.TB) [32]byte {
	const d = 40
	m := New()
	d0 := digest{sha256.New()}
	m.Warn = func(w Warning) { d0.str(w.Short) }
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 2}, {0, 3}}, [3]int{d, d, d}))
	// Perturb the nodes so that sums depend on their order.
	for i := range m.Coords {
		m.Coords[i] += 1e-3 * math.Sin(float64(i)*0.7)
	}
	for _, tv := range []float64{0, 0.5, 1.5} {
		mustOK(t, m.CreateTimestep(tv))
	}
	mustOK(t, m.CreateGlobalVariable("ke", 1))
	mustOK(t, m.CalculateNodeField("temp = sin(X*7) + Y*Y + time"))
	mustOK(t, m.CreateSideSet(1, cubeFaces(d, 0)))
	mustOK(t, m.CreateSideSetField("p", Sel(1), 2))
	mustOK(t, m.CreateNodeSet(1, m.blockNodes(m.Blocks)[:5000]))
	mustOK(t, m.CreateNodeSetField("q", Sel(1), 3))
	res := func(vals ...float64) { d0.floats(vals) }

	mustOK(t, m.CalculateElementVolumes("volume", Sel("all")))
	mustOK(t, m.CalculateElementCentroids(CentroidFieldNames("c_"), Sel("all")))
	v, err := m.GetElementBlockVolume(Sel("all"), "")
	mustOK(t, err)
	c, err := m.GetElementBlockCentroid(Sel("all"), "", nil)
	mustOK(t, err)
	ext, err := m.GetElementBlockExtents(Sel("all"))
	mustOK(t, err)
	mn, mean, err := m.GetElementEdgeLengthInfo(Sel("all"))
	mustOK(t, err)
	area, err := m.GetSideSetArea(Sel("all"))
	mustOK(t, err)
	deg, err := m.CountDegenerateElements(Sel("all"))
	mustOK(t, err)
	groups, err := m.CountDisconnectedBlocks(Sel("all"))
	mustOK(t, err)
	closest, err := m.GetClosestNodeDistance()
	mustOK(t, err)
	res(v, c[0], c[1], c[2], ext[0][0], ext[2][1], mn, mean, area, m.GetLengthScale(), closest, float64(deg), float64(groups))

	mustOK(t, m.ConvertNodeFieldToElementField("temp", "auto", Sel("all")))
	mustOK(t, m.ConvertElementFieldToNodeField("volume", "auto"))
	mustOK(t, m.CreateAveragedElementField(Sel("c_*"), "c_mean", Sel("all")))
	mustOK(t, m.CalculateElementField("s = temp*temp + volume - c_x/3 + ke", Sel("all")))
	mustOK(t, m.CalculateNodeSetField("q = q + X*temp", Sel("all")))
	mustOK(t, m.CalculateSideSetField("p = p * time", Sel("all")))
	mustOK(t, m.CalculateGlobalVariable("g = ke + time ^ 2"))
	mustOK(t, m.CalculateElementFieldMaximum(Sel("s", "temp"), Sel("all"), true, true))
	mustOK(t, m.CalculateElementFieldMinimum(Sel("s"), Sel("all"), true, false))
	mustOK(t, m.CalculateNodeFieldMaximum(Sel("temp"), Sel("auto"), true))
	mustOK(t, m.CalculateNodeFieldMinimum(Sel("volume"), Sel(1), true))
	mustOK(t, m.CreateInterpolatedTimestep(0.25, InterpolateCubic))
	mustOK(t, m.CreateInterpolatedTimestep(1.0, InterpolateLinear))
	d0.model(m)

	m.TranslateGeometry([3]float64{1, 2, 3})
	m.ScaleGeometry(1.5, AdjustAuto)
	mustOK(t, m.RotateGeometry([3]float64{1, 2, 3}, 33, AdjustYes))
	mustOK(t, m.DuplicateElementBlock(Int(1), 2, true))
	mustOK(t, m.ReflectElementBlocks(Sel(2), [3]float64{0, 0, 1}, [3]float64{0.2, 0.1, 1}, true, AdjustAuto))
	mustOK(t, m.ReflectElementBlocks(Sel(2), [3]float64{0, 0, 1}, [3]float64{0.2, 0.1, 1}, true, AdjustAuto))
	mustOK(t, m.RotateElementBlocks(Sel(2), [3]float64{0, 0, 1}, 90, true, AdjustAuto))
	mustOK(t, m.RotateElementBlocks(Sel(2), [3]float64{0, 0, 1}, -90, true, AdjustAuto))
	mustOK(t, m.TranslateElementBlocks(Sel(2), [3]float64{0.5, 0, 0}, true))
	mustOK(t, m.TranslateElementBlocks(Sel(2), [3]float64{-0.5, 0, 0}, true))
	mustOK(t, m.ScaleElementBlocks(Sel(2), 1, true, AdjustAuto))
	mustOK(t, m.DisplaceElementBlocks(Sel(2), [3]float64{0, 0, 1e-3}, Sel("last"), true))
	d0.model(m)
	const nodes = (d + 1) * (d + 1) * (d + 1)
	mustOK(t, m.MergeNodes(1e-6, true, false))
	if m.NumNodes() != nodes {
		t.Fatalf("%d nodes after merging the copy back, want %d", m.NumNodes(), nodes)
	}
	d0.model(m)
	mustOK(t, m.UnmergeElementBlocks(Sel("all")))
	if m.NumNodes() != 2*nodes {
		t.Fatalf("%d nodes after unmerging, want %d", m.NumNodes(), 2*nodes)
	}
	d0.model(m)
	mustOK(t, m.CombineElementBlocks(Sel("all"), Int(1)))
	mustOK(t, m.MergeNodes(1e-6, true, true))
	mustOK(t, m.DeleteDuplicateElements(Sel("all")))
	if m.NumElems() != d*d*d {
		t.Fatalf("%d elements after deleting duplicates, want %d", m.NumElems(), d*d*d)
	}
	d0.model(m)
	mustOK(t, m.ProcessElementFields(Sel("all")))
	d0.model(m)
	var sum [32]byte
	copy(sum[:], d0.h.Sum(nil))
	return sum
}

// TestAreaCDeterminism runs every area C operation with 1, 2 and 3
// threads: the results must be identical, bit for bit.
func TestAreaCDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("64k-element model")
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	want := runAreaC(t)
	for _, p := range []int{2, 3} {
		runtime.GOMAXPROCS(p)
		if got := runAreaC(t); got != want {
			t.Errorf("GOMAXPROCS(%d) gives different results from GOMAXPROCS(1)", p)
		}
	}
}
