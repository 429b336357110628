package compute_test

import (
	"fmt"
	"math"

	"exosh/compute"
)

// Volumes, centroids and the node average of an element field on a 2x1x1
// block of unit-spaced hexes.
func Example() {
	coords, conn := compute.HexMesh(2, 1, 1)
	compute.Scale(coords, nil, 2) // the unit cube becomes 2 x 2 x 2

	hex, ok := compute.LookupTopology("HEX8", 8)
	if !ok {
		panic("no hex8")
	}
	vol := make([]float64, len(conn)/hex.NodesPerElem)
	if err := compute.Volumes(vol, coords, conn, hex); err != nil {
		panic(err)
	}
	ctr := make([]float64, 3*len(vol))
	compute.Centroids(ctr, coords, conn, hex.NodesPerElem)
	fmt.Println("volumes:", vol)
	fmt.Println("centroids:", ctr)

	adj := compute.BuildNodeElems(len(coords)/3, []compute.ConnBlock{{Conn: conn, NodesPerElem: 8}})
	nodal := make([]float64, len(coords)/3)
	compute.ElemToNode(nodal, adj, [][]float64{{10, 20}}, math.NaN())
	fmt.Println("first row of nodes:", nodal[:3])
	// Output:
	// volumes: [4 4]
	// centroids: [0.5 1 1 1.5 1 1]
	// first row of nodes: [10 15 20]
}

// Merging two copies of the same nodes keeps the lower index of each pair.
func ExampleCloseNodeGroups() {
	coords := []float64{
		0, 0, 0,
		1, 0, 0,
		1, 0, 1e-9, // within tolerance of node 1
		0, 0, 0, // same place as node 0
	}
	rep := make([]int32, 4)
	merged, err := compute.CloseNodeGroups(rep, coords, 1e-6)
	if err != nil {
		panic(err)
	}
	fmt.Println(merged, rep)
	fmt.Println(compute.ClosestNodeDistance(coords))
	// Output:
	// 2 [0 1 1 0]
	// 0
}

// The skin of a 2x1x1 block of hexes: the 10 faces that the two elements
// do not share, then split into triangles as exomerge splits them.
func ExampleExternalFaces() {
	coords, conn := compute.HexMesh(2, 1, 1)
	hex, _ := compute.LookupTopology("HEX8", 8)
	skin := compute.ExternalFaces(len(coords)/3, []compute.SkinBlock{{Topo: hex, Conn: conn}})
	for i := range skin.Len() {
		fmt.Printf("element %d side %d (%s): nodes %v\n", skin.Elem[i], skin.Side[i]+1, skin.FaceTopo(i).Name, skin.FaceNodes(i))
	}
	tr, err := compute.TriangulateFaces(skin, compute.TriangulationOrder(skin), len(coords)/3)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(tr.Tris)/3, "triangles,", tr.NumNew(), "face centres; the first:", tr.Tris[:3])
	// Output:
	// element 0 side 1 (quad4): nodes [0 1 7 6]
	// element 0 side 3 (quad4): nodes [4 3 9 10]
	// element 0 side 4 (quad4): nodes [3 0 6 9]
	// element 0 side 5 (quad4): nodes [0 3 4 1]
	// element 0 side 6 (quad4): nodes [6 7 10 9]
	// element 1 side 1 (quad4): nodes [1 2 8 7]
	// element 1 side 2 (quad4): nodes [2 5 11 8]
	// element 1 side 3 (quad4): nodes [5 4 10 11]
	// element 1 side 5 (quad4): nodes [1 4 5 2]
	// element 1 side 6 (quad4): nodes [7 8 11 10]
	// 40 triangles, 10 face centres; the first: [0 1 12]
}
