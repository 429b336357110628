package builtins_test

import (
	"fmt"
	"os"

	"exosh/builtins"
)

// Example runs a small exosh program the way the exosh command does: with
// the exosh dialect and predeclared names, on a thread whose print writes
// to standard output and whose warnings go to standard error.
func Example() {
	thread := builtins.NewThread("example", os.Stdout, os.Stderr)
	src := `
model = ExodusModel()
model.build_hex8_cube(1, extents = 2.0, divisions = 2)
model.create_timestep(0.0)
model.create_node_field("temp", 20.0)
temp = model.get_node_field_values("temp")   # a view of the model's array
temp[0] = 100.0
print(model)
print(model.get_element_block_ids(), temp.max(), model.node_fields["temp"][0][0])
`
	if _, err := builtins.ExecFile(thread, "example.star", src, builtins.Predeclared()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <ExodusModel: 27 nodes, 8 elements in 1 block, 0 node sets, 0 side sets, 1 timestep>
	// [1] 100.0 100.0
}
