package meshobj

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"
)

// Benchmarks of the area C methods, one per method, each with
// sub-benchmarks for hex8 cubes of 64k, 512k and 1M elements run on 1 and
// 2 threads (GOMAXPROCS):
//
//	go test ./meshobj -run '^$' -bench 'Calculate|Get|Merge|Unmerge' -benchtime 1x
//	go test ./meshobj -run '^$' -bench 'MergeNodes/512k'
//
// TestBenchTable (bench_table_test.go) runs the same cases and prints one
// table.

// benchSize is a model size: a cube of d^3 elements.
type benchSize struct {
	name string
	d    int
}

var benchSizes = []benchSize{{"64k", 40}, {"512k", 80}, {"1M", 100}}

// areaCBench is one benchmarked method.
type areaCBench struct {
	name string // exomerge's method name
	// build returns the model for a cube of d^3 elements; nil means
	// benchBase.
	build func(tb testing.TB, d int) *Model
	// fresh: op changes the model so that it cannot run again on it; each
	// run gets a new model (built outside the timing).
	fresh bool
	op    func(m *Model) error
	// reset, if set, undoes what op created (the fields it adds), outside
	// the timing, so that every run measures op creating them.
	reset func(m *Model)
	// target is the time to beat at 512k elements, or 0.
	target float64 // seconds
}

// benchBase returns a cube of d^3 hex8 elements (block 1) with timesteps
// 0, 1, 2, a global variable ke, element fields s1..s5, node field temp,
// node set 1 (the nodes at z = 0) with field q, and side set 1 (the faces
// at z = 0) with field p.
func benchBase(tb testing.TB, d int) *Model {
	tb.Helper()
	m := New()
	mustOK(tb, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{d, d, d}))
	for _, t := range []float64{0, 1, 2} {
		mustOK(tb, m.CreateTimestep(t))
	}
	mustOK(tb, m.CreateGlobalVariable("ke", 1))
	for k := 1; k <= 5; k++ {
		name := fmt.Sprintf("s%d", k)
		mustOK(tb, m.CreateElementField(name, Sel(1), 0))
		for t := range FindField(m.Blocks[0].Fields, name).Values {
			v := FindField(m.Blocks[0].Fields, name).Own(t)
			parallelFor(len(v), 1<<15, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					v[i] = math.Sin(float64(i*k+t)) + 2
				}
			})
		}
	}
	mustOK(tb, m.CreateNodeField("temp", 0))
	for t := range FindField(m.NodeFields, "temp").Values {
		v := FindField(m.NodeFields, "temp").Own(t)
		for i := range v {
			v[i] = float64(i%1000) + float64(t)
		}
	}
	ns := make([]int32, (d+1)*(d+1))
	for i := range ns {
		ns[i] = int32(i)
	}
	mustOK(tb, m.CreateNodeSet(1, ns))
	mustOK(tb, m.CreateNodeSetField("q", Sel(1), 1))
	var mem SideSetMembers
	for i := range d {
		for j := range d {
			mem.BlockIDs = append(mem.BlockIDs, 1)
			mem.Elems = append(mem.Elems, int32((i*d+j)*d))
			mem.Sides = append(mem.Sides, 4)
		}
	}
	mustOK(tb, m.CreateSideSet(1, mem))
	mustOK(tb, m.CreateSideSetField("p", Sel(1), 1))
	return m
}

// benchHalfDuplicated returns about d^3 elements of which half are a copy,
// on their own nodes, of the other half (for merge_nodes): a cube of
// d^3/2 elements and its duplicate.
func benchHalfDuplicated(tb testing.TB, d int) *Model {
	tb.Helper()
	h := int(math.Round(math.Cbrt(float64(d*d*d) / 2)))
	m := New()
	mustOK(tb, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{h, h, h}))
	mustOK(tb, m.CreateTimestep(0))
	mustOK(tb, m.CreateNodeField("temp", 1))
	mustOK(tb, m.DuplicateElementBlock(Int(1), 2, true))
	return m
}

// benchDuplicateElements returns one block of d^3 elements, the second
// half a copy of the first on the same nodes.
func benchDuplicateElements(tb testing.TB, d int) *Model {
	tb.Helper()
	h := int(math.Round(math.Cbrt(float64(d*d*d) / 2)))
	m := New()
	mustOK(tb, m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{h, h, h}))
	b := m.Blocks[0]
	b.Conn = append(b.Conn, b.Conn...)
	b.NumElems *= 2
	return m
}

// benchSplit returns benchBase split into two blocks (the halves x < 1/2
// and x > 1/2) sharing the nodes at x = 1/2.
func benchSplit(tb testing.TB, d int) *Model {
	tb.Helper()
	m := benchBase(tb, d)
	b := m.Blocks[0]
	half := b.NumElems / 2 // elements are numbered x slowest
	second := slices.Clone(b.Conn[8*half:])
	b.Conn, b.NumElems = b.Conn[:8*half], half
	for _, f := range b.Fields {
		for t := range f.Values {
			f.Values[t] = f.Values[t][:half]
		}
	}
	mustOK(tb, m.CreateElementBlock(2, BlockInfo{Type: "hex8", NumElems: len(second) / 8, NodesPerElem: 8}, second))
	return m
}

var areaCBenches = []areaCBench{
	{name: "calculate_element_centroids", op: func(m *Model) error {
		return m.CalculateElementCentroids(CentroidFieldNames("centroid_"), Sel("all"))
	}, target: 0.030, reset: dropElementFields("centroid_x", "centroid_y", "centroid_z")},
	{name: "calculate_element_volumes", op: func(m *Model) error { return m.CalculateElementVolumes("volume", Sel("all")) }, target: 0.030, reset: dropElementFields("volume")},
	{name: "get_element_block_volume", op: func(m *Model) error {
		_, err := m.GetElementBlockVolume(Sel("all"), "")
		return err
	}, target: 0.030},
	{name: "get_element_block_centroid", op: func(m *Model) error {
		_, err := m.GetElementBlockCentroid(Sel("all"), "", nil)
		return err
	}, target: 0.030},
	{name: "get_element_block_extents", op: func(m *Model) error {
		_, err := m.GetElementBlockExtents(Sel("all"))
		return err
	}},
	{name: "get_length_scale", op: func(m *Model) error { m.GetLengthScale(); return nil }},
	{name: "get_element_edge_length_info", op: func(m *Model) error {
		_, _, err := m.GetElementEdgeLengthInfo(Sel("all"))
		return err
	}},
	{name: "get_side_set_area", op: func(m *Model) error {
		_, err := m.GetSideSetArea(Sel("all"))
		return err
	}},
	{name: "get_closest_node_distance", op: func(m *Model) error { _, err := m.GetClosestNodeDistance(); return err }},
	{name: "merge_nodes", build: benchHalfDuplicated, fresh: true,
		op: func(m *Model) error { return m.MergeNodes(1e-6, true, false) }, target: 0.5},
	{name: "delete_duplicate_elements", build: benchDuplicateElements, fresh: true,
		op: func(m *Model) error { return m.DeleteDuplicateElements(Sel("all")) }},
	{name: "count_degenerate_elements", op: func(m *Model) error {
		_, err := m.CountDegenerateElements(Sel("all"))
		return err
	}},
	{name: "count_disconnected_blocks", op: func(m *Model) error {
		_, err := m.CountDisconnectedBlocks(Sel("all"))
		return err
	}},
	{name: "unmerge_element_blocks", build: benchSplit, fresh: true,
		op: func(m *Model) error { return m.UnmergeElementBlocks(Sel("all")) }},
	{name: "convert_element_field_to_node_field", op: func(m *Model) error {
		return m.ConvertElementFieldToNodeField("s1", "auto")
	}, target: 0.030, reset: dropNodeFields("s1")},
	{name: "convert_node_field_to_element_field", op: func(m *Model) error {
		return m.ConvertNodeFieldToElementField("temp", "auto", Sel("all"))
	}, target: 0.030, reset: dropElementFields("temp")},
	{name: "create_averaged_element_field", op: func(m *Model) error {
		return m.CreateAveragedElementField(Sel("s1", "s2", "s3", "s4", "s5"), "avg", Sel("all"))
	}, reset: dropElementFields("avg")},
	{name: "process_element_fields", fresh: true, op: func(m *Model) error { return m.ProcessElementFields(Sel("all")) }},
	{name: "create_interpolated_timestep", fresh: true, op: func(m *Model) error {
		return m.CreateInterpolatedTimestep(0.5, InterpolateCubic)
	}},
	{name: "calculate_element_field_maximum", op: func(m *Model) error {
		return m.CalculateElementFieldMaximum(Sel("s1"), Sel("all"), true, true)
	}},
	{name: "calculate_element_field_minimum", op: func(m *Model) error {
		return m.CalculateElementFieldMinimum(Sel("s1"), Sel("all"), true, true)
	}},
	{name: "calculate_node_field_maximum", op: func(m *Model) error {
		return m.CalculateNodeFieldMaximum(Sel("temp"), Sel("auto"), true)
	}},
	{name: "calculate_node_field_minimum", op: func(m *Model) error {
		return m.CalculateNodeFieldMinimum(Sel("temp"), Sel("auto"), true)
	}},
	{name: "translate_geometry", op: func(m *Model) error { m.TranslateGeometry([3]float64{1, 2, 3}); return nil }, target: 0.005},
	{name: "scale_geometry", op: func(m *Model) error { m.ScaleGeometry(1.0001, AdjustAuto); return nil }, target: 0.005},
	{name: "rotate_geometry", op: func(m *Model) error { return m.RotateGeometry([3]float64{1, 1, 1}, 10, AdjustAuto) }, target: 0.005},
	{name: "translate_element_blocks", op: func(m *Model) error {
		return m.TranslateElementBlocks(Sel(1), [3]float64{1, 2, 3}, true)
	}, target: 0.005},
	{name: "scale_element_blocks", op: func(m *Model) error {
		return m.ScaleElementBlocks(Sel(1), 1.0001, true, AdjustAuto)
	}, target: 0.005},
	{name: "rotate_element_blocks", op: func(m *Model) error {
		return m.RotateElementBlocks(Sel(1), [3]float64{1, 1, 1}, 10, true, AdjustAuto)
	}, target: 0.005},
	{name: "reflect_element_blocks", op: func(m *Model) error {
		return m.ReflectElementBlocks(Sel(1), [3]float64{0, 0, 0}, [3]float64{1, 0, 0}, true, AdjustAuto)
	}, target: 0.005},
	{name: "displace_element_blocks", op: func(m *Model) error {
		return m.DisplaceElementBlocks(Sel(1), [3]float64{1, 2, 3}, Sel("all"), true)
	}, target: 0.005},
	{name: "calculate_element_field", op: func(m *Model) error {
		return m.CalculateElementField("r = s1 + 2*s2 - s3*s4 + s5/3 - time", Sel("all"))
	}, target: 0.020, reset: dropElementFields("r")},
	{name: "calculate_node_field", op: func(m *Model) error { return m.CalculateNodeField("d = temp*2 + X - Y*Z + ke") }, reset: dropNodeFields("d")},
	{name: "calculate_node_set_field", op: func(m *Model) error { return m.CalculateNodeSetField("f = q + temp*X", Sel("all")) }},
	{name: "calculate_side_set_field", op: func(m *Model) error { return m.CalculateSideSetField("g = p*time + ke", Sel("all")) }},
	{name: "calculate_global_variable", op: func(m *Model) error { return m.CalculateGlobalVariable("h = ke*time^2") }},
}

// dropElementFields returns a reset deleting element fields.
func dropElementFields(names ...string) func(m *Model) {
	return func(m *Model) { _ = m.DeleteElementFields(Sel(names), Sel("all")) }
}

// dropNodeFields returns a reset deleting node fields.
func dropNodeFields(names ...string) func(m *Model) {
	return func(m *Model) { _ = m.DeleteNodeFields(Sel(names)) }
}

// areaCCase returns the benchmark case of a method.
func areaCCase(tb testing.TB, name string) *areaCBench {
	for i := range areaCBenches {
		if areaCBenches[i].name == name {
			return &areaCBenches[i]
		}
	}
	tb.Fatalf("no benchmark case %q", name)
	return nil
}

// buildFor returns the model of a case at size d.
func (c *areaCBench) buildFor(tb testing.TB, d int) *Model {
	if c.build != nil {
		return c.build(tb, d)
	}
	return benchBase(tb, d)
}

// benchAreaC runs the sub-benchmarks size/threads=p of one method.
func benchAreaC(b *testing.B, name string) {
	c := areaCCase(b, name)
	for _, sz := range benchSizes {
		var shared *Model
		for _, p := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", sz.name, p), func(b *testing.B) {
				prev := runtime.GOMAXPROCS(p)
				defer runtime.GOMAXPROCS(prev)
				if !c.fresh && shared == nil {
					shared = c.buildFor(b, sz.d)
				}
				b.ReportAllocs()
				for b.Loop() {
					m := shared
					if c.fresh {
						b.StopTimer()
						m = c.buildFor(b, sz.d)
						b.StartTimer()
					}
					if err := c.op(m); err != nil {
						b.Fatal(err)
					}
					if c.reset != nil {
						b.StopTimer()
						c.reset(m)
						b.StartTimer()
					}
				}
				b.ReportMetric(float64(sz.d*sz.d*sz.d), "elements")
			})
		}
	}
}

func BenchmarkCalculateElementCentroids(b *testing.B) { benchAreaC(b, "calculate_element_centroids") }
func BenchmarkCalculateElementVolumes(b *testing.B)   { benchAreaC(b, "calculate_element_volumes") }
func BenchmarkGetElementBlockVolume(b *testing.B)     { benchAreaC(b, "get_element_block_volume") }
func BenchmarkGetElementBlockCentroid(b *testing.B)   { benchAreaC(b, "get_element_block_centroid") }
func BenchmarkGetElementBlockExtents(b *testing.B)    { benchAreaC(b, "get_element_block_extents") }
func BenchmarkGetLengthScale(b *testing.B)            { benchAreaC(b, "get_length_scale") }
func BenchmarkGetElementEdgeLengthInfo(b *testing.B)  { benchAreaC(b, "get_element_edge_length_info") }
func BenchmarkGetSideSetArea(b *testing.B)            { benchAreaC(b, "get_side_set_area") }
func BenchmarkGetClosestNodeDistance(b *testing.B)    { benchAreaC(b, "get_closest_node_distance") }
func BenchmarkMergeNodes(b *testing.B)                { benchAreaC(b, "merge_nodes") }
func BenchmarkDeleteDuplicateElements(b *testing.B)   { benchAreaC(b, "delete_duplicate_elements") }
func BenchmarkCountDegenerateElements(b *testing.B)   { benchAreaC(b, "count_degenerate_elements") }
func BenchmarkCountDisconnectedBlocks(b *testing.B)   { benchAreaC(b, "count_disconnected_blocks") }
func BenchmarkUnmergeElementBlocks(b *testing.B)      { benchAreaC(b, "unmerge_element_blocks") }
func BenchmarkConvertElementFieldToNodeField(b *testing.B) {
	benchAreaC(b, "convert_element_field_to_node_field")
}
func BenchmarkConvertNodeFieldToElementField(b *testing.B) {
	benchAreaC(b, "convert_node_field_to_element_field")
}
func BenchmarkCreateAveragedElementField(b *testing.B) {
	benchAreaC(b, "create_averaged_element_field")
}
func BenchmarkProcessElementFields(b *testing.B)       { benchAreaC(b, "process_element_fields") }
func BenchmarkCreateInterpolatedTimestep(b *testing.B) { benchAreaC(b, "create_interpolated_timestep") }
func BenchmarkCalculateElementFieldMaximum(b *testing.B) {
	benchAreaC(b, "calculate_element_field_maximum")
}
func BenchmarkCalculateElementFieldMinimum(b *testing.B) {
	benchAreaC(b, "calculate_element_field_minimum")
}
func BenchmarkCalculateNodeFieldMaximum(b *testing.B) { benchAreaC(b, "calculate_node_field_maximum") }
func BenchmarkCalculateNodeFieldMinimum(b *testing.B) { benchAreaC(b, "calculate_node_field_minimum") }
func BenchmarkTranslateGeometry(b *testing.B)         { benchAreaC(b, "translate_geometry") }
func BenchmarkScaleGeometry(b *testing.B)             { benchAreaC(b, "scale_geometry") }
func BenchmarkRotateGeometry(b *testing.B)            { benchAreaC(b, "rotate_geometry") }
func BenchmarkTranslateElementBlocks(b *testing.B)    { benchAreaC(b, "translate_element_blocks") }
func BenchmarkScaleElementBlocks(b *testing.B)        { benchAreaC(b, "scale_element_blocks") }
func BenchmarkRotateElementBlocks(b *testing.B)       { benchAreaC(b, "rotate_element_blocks") }
func BenchmarkReflectElementBlocks(b *testing.B)      { benchAreaC(b, "reflect_element_blocks") }
func BenchmarkDisplaceElementBlocks(b *testing.B)     { benchAreaC(b, "displace_element_blocks") }
func BenchmarkCalculateElementField(b *testing.B)     { benchAreaC(b, "calculate_element_field") }
func BenchmarkCalculateNodeField(b *testing.B)        { benchAreaC(b, "calculate_node_field") }
func BenchmarkCalculateNodeSetField(b *testing.B)     { benchAreaC(b, "calculate_node_set_field") }
func BenchmarkCalculateSideSetField(b *testing.B)     { benchAreaC(b, "calculate_side_set_field") }
func BenchmarkCalculateGlobalVariable(b *testing.B)   { benchAreaC(b, "calculate_global_variable") }

// BenchmarkMemoryStream streams, with plain loops split over the threads,
// the bytes that some area C methods move at 512k elements, to show how
// far memory bandwidth lets them scale from 1 to 2 threads:
//
//	go test ./meshobj -run '^$' -bench MemoryStream
//
// read5write1x3: calculate_element_field's expression reads 5 element
// fields and writes 1, at 3 timesteps; read3write1x6:
// create_interpolated_timestep reads 3 steps and writes 1 for 6 series;
// copy25MB: unmerge_element_blocks grows the coordinates and the node
// field (append copies them).
func BenchmarkMemoryStream(b *testing.B) {
	const n = 512000
	rows := make([][]float64, 24)
	for i := range rows {
		rows[i] = make([]float64, n)
		for j := range rows[i] {
			rows[i][j] = float64(i + j%7)
		}
	}
	cases := []struct {
		name string
		run  func()
	}{
		{"read5write1x3", func() {
			for t := range 3 {
				a, c, d, e, f, dst := rows[5*t], rows[5*t+1], rows[5*t+2], rows[5*t+3], rows[5*t+4], rows[15+t]
				parallelFor(n, 1<<14, func(lo, hi int) {
					for i := lo; i < hi; i++ {
						dst[i] = a[i] + c[i] + d[i] + e[i] + f[i]
					}
				})
			}
		}},
		{"read3write1x6", func() {
			for s := range 6 {
				a, c, d, dst := rows[3*s], rows[3*s+1], rows[3*s+2], rows[18+s]
				parallelFor(n, 1<<14, func(lo, hi int) {
					for i := lo; i < hi; i++ {
						dst[i] = a[i]*0.5 + c[i]*0.25 + d[i]*0.25
					}
				})
			}
		}},
		{"copy25MB", func() {
			// 6 rows of 4 MB: as 12.7 MB of coordinates and 3 x 4.25 MB
			// of node field.
			parallelFor(6, 1, func(lo, hi int) {
				for k := lo; k < hi; k++ {
					copy(rows[18+k], rows[k])
				}
			})
		}},
	}
	for _, c := range cases {
		for _, p := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", c.name, p), func(b *testing.B) {
				prev := runtime.GOMAXPROCS(p)
				defer runtime.GOMAXPROCS(prev)
				for b.Loop() {
					c.run()
				}
			})
		}
	}
}
