package expr_test

import (
	"fmt"

	"exosh/compute/expr"
)

// Compile once, then evaluate for each timestep.
func Example() {
	names := map[string]expr.Kind{
		"stress_xx": expr.Array, "stress_yy": expr.Array, "time": expr.Scalar,
	}
	p, err := expr.Compile("pressure = (stress_xx + stress_yy) / -2 * time", names)
	if err != nil {
		fmt.Println(err)
		return
	}
	dst := make([]float64, 3)
	err = p.Eval(dst, expr.Env{
		Arrays: map[string][]float64{
			"stress_xx": {1, 2, 3},
			"stress_yy": {3, 2, 1},
		},
		Scalars: map[string]float64{"time": 0.5},
	})
	fmt.Println(p.Target(), p.Names(), dst, err)

	_, err = expr.Compile("vm = stres_xx*2", names)
	fmt.Println(err)
	// Output:
	// pressure [stress_xx stress_yy time] [-1 -1 -1] <nil>
	// expr: name "stres_xx" is not defined in "vm = stres_xx*2"; defined names: stress_xx, stress_yy, time; did you mean "stress_xx"?
}

// A condition in the dialect of create_side_set_from_expression: an entity
// passes when the result is within the tolerance of zero.
func ExampleCompileCondition() {
	names := map[string]expr.Kind{"X": expr.Array, "Y": expr.Array}
	p, err := expr.CompileCondition("Y = 0 && X >= 1", names)
	if err != nil {
		fmt.Println(err)
		return
	}
	dst := make([]float64, 4)
	err = p.Eval(dst, expr.Env{Views: map[string]expr.View{
		// interleaved x, y, z coordinates of 4 nodes
		"X": {Data: []float64{0, 0, 0, 1, 0, 0, 2, 1e-9, 0, 2, 1, 0}, Start: 0, Stride: 3},
		"Y": {Data: []float64{0, 0, 0, 1, 0, 0, 2, 1e-9, 0, 2, 1, 0}, Start: 1, Stride: 3},
	}})
	for i, v := range dst {
		fmt.Println(i, v <= 1e-6 && v >= -1e-6)
	}
	fmt.Println(err)
	// Output:
	// 0 false
	// 1 true
	// 2 true
	// 3 false
	// <nil>
}
