package meshobj_test

import (
	"fmt"

	"exosh/meshobj"
)

// Area C: geometry, expressions and node merging.
func Example_geometry() {
	m := meshobj.New()
	// model.build_hex8_cube(1, extents=2.0, divisions=4)
	_ = m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 2}, {0, 2}}, [3]int{4, 4, 4})
	v, _ := m.GetElementBlockVolume(meshobj.Sel("all"), "")
	fmt.Println("volume", v)

	// model.calculate_element_volumes(); model.calculate_element_field('v2 = volume * volume')
	_ = m.CalculateElementVolumes("volume", meshobj.Sel("all"))
	_ = m.CalculateElementField("v2 = volume * volume", meshobj.Sel("all"))
	v2, _ := m.GetElementFieldValues("v2", meshobj.Int(1), meshobj.Str("last"))
	fmt.Println("v2", v2[0])

	// A copy of the block on nodes of its own, moved away and back, then
	// merged with the original: model.merge_nodes().
	_ = m.DuplicateElementBlock(meshobj.Int(1), 2, true)
	_ = m.TranslateElementBlocks(meshobj.Sel(2), [3]float64{5, 0, 0}, true)
	_ = m.TranslateElementBlocks(meshobj.Sel(2), [3]float64{-5, 0, 0}, true)
	fmt.Println("nodes", m.NumNodes())
	_ = m.MergeNodes(1e-6, true, false)
	fmt.Println("nodes after merge_nodes", m.NumNodes())
	// Output:
	// volume 8
	// v2 0.015625
	// nodes 250
	// nodes after merge_nodes 125
}
