package netcdf_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"exosh/exodus/internal/netcdf"
)

// Example writes a small Exodus-like file with a record (time) dimension,
// appends two time steps and reads them back.
func Example() {
	dir, err := os.MkdirTemp("", "netcdf-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "mesh.e")

	f, err := netcdf.Create(path, netcdf.Offset64)
	if err != nil {
		log.Fatal(err)
	}
	ts, _ := f.DefUnlimitedDim("time_step")
	nodes, _ := f.DefDim("num_nodes", 3)
	tw, _ := f.DefVar("time_whole", netcdf.Double, []netcdf.Dim{ts})
	vals, _ := f.DefVar("vals_nod_var1", netcdf.Float, []netcdf.Dim{ts, nodes})
	if err := f.Global().PutAttrText("title", "example"); err != nil {
		log.Fatal(err)
	}
	if err := f.EndDef(); err != nil {
		log.Fatal(err)
	}
	for step := range 2 {
		tw.PutFloat64s([]int{step}, []int{1}, []float64{float64(step) * 0.5})
		vals.PutFloat64s([]int{step, 0}, []int{1, 3}, []float64{1, 2, float64(step)})
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}

	g, err := netcdf.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer g.Close()
	v, _, _ := g.Var("vals_nod_var1")
	info, _ := v.Info()
	data := make([]float64, 6)
	if err := v.ReadFloat64s(data); err != nil {
		log.Fatal(err)
	}
	title, _ := g.Global().AttrText("title")
	fmt.Println(g.Format(), title)
	fmt.Println(info.Name, info.Type, info.Shape, data)
	err = v.GetFloat64s([]int{2, 0}, []int{1, 3}, data[:3])
	fmt.Println(err != nil)
	// Output:
	// 64-bit offset example
	// vals_nod_var1 float [2 3] [1 2 0 1 2 1]
	// true
}
