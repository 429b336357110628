package exodus_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"exosh/exodus"
	"exosh/meshobj"
)

// Example writes a one-element model, then opens the file, looks at its
// contents and imports only the mesh (no timesteps).
func Example() {
	dir, err := os.MkdirTemp("", "exodus-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "one.e")

	m := meshobj.New()
	m.Title, m.HasTitle = "one hex", true
	for i := range 8 {
		m.Coords = append(m.Coords, float64(i&1), float64(i>>1&1), float64(i>>2&1))
	}
	m.Blocks = []*meshobj.ElementBlock{{ID: 7, Name: "brick", Type: "HEX8", NodesPerElem: 8, NumElems: 1,
		Conn: []int32{0, 1, 3, 2, 4, 5, 7, 6}}}
	m.Timesteps = []float64{0, 1}
	m.GlobalVars = []*meshobj.GlobalVar{{Name: "energy", Values: []float64{0, 2.5}}}
	if err := exodus.Write(path, m, nil); err != nil {
		log.Fatal(err)
	}

	r, err := exodus.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	c := r.Contents()
	fmt.Println(c.Format, c.Title, c.NumNodes, c.BlockIDs(), c.Times, c.GlobalVarNames)

	mesh, err := r.Read(&exodus.Selection{Timesteps: []int{}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(mesh.Timesteps), mesh.Blocks[0].Type, mesh.Blocks[0].Conn)
	// Output:
	// 64-bit offset one hex 8 [7] [0 1] [energy]
	// 0 HEX8 [0 1 3 2 4 5 7 6]
}

// ExampleReadFile shows the error for a file that is not there.
func ExampleReadFile() {
	_, err := exodus.ReadFile("/nonexistent/mesh.e")
	fmt.Println(err)
	// Output:
	// exodus: /nonexistent/mesh.e: no such file or directory
}
