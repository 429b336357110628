package meshobj_test

import (
	"fmt"

	"exosh/meshobj"
)

func Example() {
	m := meshobj.New()
	m.Warn = func(w meshobj.Warning) { fmt.Println("warning:", w.Short) }

	// model.build_hex8_cube(extents=2.0, divisions=2)
	id := m.NewElementBlockID()
	if err := m.BuildHex8Cube(id, [3][2]float64{{0, 2}, {0, 2}, {0, 2}}, [3]int{2, 2, 2}); err != nil {
		fmt.Println(err)
		return
	}
	// model.create_timestep(0.0); model.create_node_field('temp', 300.0)
	_ = m.CreateTimestep(0)
	_ = m.CreateNodeField("temp", 300)

	// temp = model.get_node_field_values('temp'); temp[0] = 350.0
	temp, _ := m.GetNodeFieldValues("temp", meshobj.Str(meshobj.KeyLast))
	temp[0] = 350
	again, _ := m.GetNodeFieldValues("temp", meshobj.Float(0))
	fmt.Println(len(again), again[0], again[1])

	// model.delete_element_block(7) warns and does nothing.
	_ = m.DeleteElementBlocks(meshobj.Sel(7), true)

	// model.get_element_count('auto') fails when there is not one block.
	_ = m.BuildHex8Cube(m.NewElementBlockID(), [3][2]float64{{3, 4}, {0, 1}, {0, 1}}, [3]int{1, 1, 1})
	if _, err := m.GetConnectivity(meshobj.Str(meshobj.KeyAuto)); err != nil {
		fmt.Println(err)
	}
	fmt.Print(m.Summarize())
	// Output:
	// 27 350 300
	// warning: Reference to undefined element block.
	// meshobj: Ambiguous reference. The "auto" identifier was used to refer to a element block but exactly one element block does not exist. There are 2 defined element blocks.
	// The model contains the following:
	//   9 elements
	//   1 timesteps
	//   0 global variables
	//   35 nodes
	//   1 node fields
	//   2 element blocks
	//   0 element fields
	//   0 node sets
	//   0 node set fields
	//   0 side sets
	//   0 side set fields
}
