package exodus

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"exosh/meshobj"
)

// sharedDir returns the shared reference directory: $EXOSH_SHARED, else
// ../shared beside the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("EXOSH_SHARED"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(file)) // exodus/ -> repository root
	return filepath.Join(root, "..", "shared")
}

// testFiles returns the Exodus files of the shared testdata directory.
func testFiles(t testing.TB) []string {
	t.Helper()
	dir := filepath.Join(sharedDir(t), "testdata")
	var files []string
	for _, pat := range []string{"*.g", "*.e", "*.exo"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no Exodus files in %s (set EXOSH_SHARED)", dir)
	}
	return files
}

// testFile returns the path of one shared test file.
func testFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(sharedDir(t), "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared test file: %v", err)
	}
	return p
}

// needTool returns the path of a command-line tool, failing the test when it
// is missing (the Makefile's setup target installs them).
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (run make setup): %v", name, err)
	}
	return p
}

// smallModel builds, from scratch, a model that uses every feature the
// writer carries: two hex8 elements and a shell on top of them, an empty
// block, node and side sets with distribution factors, fields on every kind
// of entity over three steps, maps, properties, user attributes, an assembly
// with reduction variables, QA and info records.
func smallModel() *meshobj.Model {
	m := meshobj.New()
	m.Title = "small model"
	m.HasTitle = true
	// 3 x 2 x 2 nodes: x = 0,1,2; y = 0,1; z = 0,1
	for z := range 2 {
		for y := range 2 {
			for x := range 3 {
				m.Coords = append(m.Coords, float64(x)*1.5, float64(y)+0.25, float64(z)*math.Pi)
			}
		}
	}
	n := func(x, y, z int) int32 { return int32(z*6 + y*3 + x) }
	hex := func(x int) []int32 {
		return []int32{n(x, 0, 0), n(x+1, 0, 0), n(x+1, 1, 0), n(x, 1, 0), n(x, 0, 1), n(x+1, 0, 1), n(x+1, 1, 1), n(x, 1, 1)}
	}
	m.CoordNames = []string{"x", "y", "z"}
	m.NodeIDs = make([]int64, 12)
	for i := range m.NodeIDs {
		m.NodeIDs[i] = int64(100 + 2*i)
	}
	m.Timesteps = []float64{0, 0.5, 1.25}
	b1 := &meshobj.ElementBlock{ID: 10, Name: "solid", Type: "HEX8", NodesPerElem: 8, NumElems: 2,
		Conn: append(hex(0), hex(1)...), ElemIDs: []int64{7, 9},
		Props: []meshobj.Property{{Name: "MATERIAL", Value: 3}},
		Attrs: []meshobj.Attr{{Name: "Units", Type: meshobj.AttrInt, Ints: []int64{1, 0, -1}}},
		Fields: []*meshobj.Field{
			{Name: "stress", Values: [][]float64{{1, 2}, {3, 4}, {5, 6}}},
			{Name: "strain", Values: [][]float64{{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}},
		},
		RedValues: [][]float64{{1}, {2}, {3}},
	}
	b2 := &meshobj.ElementBlock{ID: 20, Name: "skin", Type: "SHELL4", NodesPerElem: 4, NumElems: 1,
		Conn: []int32{n(0, 0, 1), n(1, 0, 1), n(1, 1, 1), n(0, 1, 1)}, ElemIDs: []int64{11},
		NumAttr: 2, Attributes: []float64{0.01, 0.02}, AttrNames: []string{"thickness", ""},
		Props: []meshobj.Property{{Name: "MATERIAL", Value: 5}},
		Fields: []*meshobj.Field{
			{Name: "strain", Values: [][]float64{{-1}, {-2}, {-3}}},
			{Name: "thinning", Values: [][]float64{{0}, {1e-300}, {math.Inf(1)}}},
		},
	}
	b3 := &meshobj.ElementBlock{ID: 30, Name: "empty", Type: "NULL", ElemIDs: nil,
		Props: []meshobj.Property{{Name: "MATERIAL", Value: 0}}}
	m.Blocks = []*meshobj.ElementBlock{b1, b2, b3}
	m.NodeSets = []*meshobj.NodeSet{
		{ID: 1, Name: "left", Members: []int32{n(0, 0, 0), n(0, 1, 0), n(0, 0, 1), n(0, 1, 1)},
			DistFactors: []float64{1, 1, 0.5, 0.5},
			Fields:      []*meshobj.Field{{Name: "pressure", Values: [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}}}},
			Attrs:       []meshobj.Attr{{Name: "Label", Type: meshobj.AttrChar, Text: "inlet"}}},
		{ID: 2, Name: "", Members: []int32{n(2, 1, 1)}},
		{ID: 3, Name: "none"},
	}
	m.SideSets = []*meshobj.SideSet{
		{ID: 5, Name: "bottom", BlockIDs: []int64{10, 10, 20}, Elems: []int32{0, 1, 0}, Sides: []int32{4, 4, 0},
			DistFactors: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
			Fields:      []*meshobj.Field{{Name: "flux", Values: [][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}},
			Props:       []meshobj.Property{{Name: "COLOR", Value: 2}},
			Attrs:       []meshobj.Attr{{Name: "Scale", Type: meshobj.AttrDouble, Floats: []float64{1.5}}}},
		{ID: 6, Name: "empty side set", Props: []meshobj.Property{{Name: "COLOR", Value: 0}}},
	}
	m.NodeFields = []*meshobj.Field{
		{Name: "temp", Values: make([][]float64, 3)},
		{Name: "disp_x", Values: make([][]float64, 3)},
	}
	for t := range 3 {
		for _, f := range m.NodeFields {
			f.Values[t] = make([]float64, 12)
			for i := range f.Values[t] {
				f.Values[t][i] = float64(t*100+i) + float64(len(f.Name))/7
			}
		}
	}
	m.GlobalVars = []*meshobj.GlobalVar{{Name: "energy", Values: []float64{0, 1, 4}}, {Name: "dt", Values: []float64{0.5, 0.5, 0.75}}}
	m.QARecords = [][4]string{{"exosh", "0.1", "2026-01-02", "03:04:05"}}
	m.InfoRecords = []string{"made by the exodus tests", ""}
	m.Assemblies = []*meshobj.Assembly{
		{ID: 100, Name: "all", Type: 1, TypeName: "element block", Members: []int64{10, 20},
			Attrs:     []meshobj.Attr{{Name: "Offset", Type: meshobj.AttrDouble, Floats: []float64{1.1, 2.2}}},
			RedValues: [][]float64{{1, 2}, {3, 4}, {5, 6}}},
	}
	m.RedVarNames = map[meshobj.EntityKind][]string{
		meshobj.KindBlock:    {"mass"},
		meshobj.KindAssembly: {"kinetic", "potential"},
	}
	m.Attrs = []meshobj.Attr{{Name: "SOLID_MODEL", Type: meshobj.AttrChar, Text: "part-7"}}
	return m
}
