package exodus

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"exosh/meshobj"
)

// systemPython is the interpreter with netCDF4 and meshio (the first python3
// on PATH may be another one).
const systemPython = "/usr/bin/python3"

// pythonChecks runs testdata/exocheck.py on the files and returns its JSON
// per path. Outside CI the test is skipped when the system Python or its
// netCDF4 module is missing; in CI (CI set, where make setup installed
// them) that is a failure.
func pythonChecks(t *testing.T, withMeshio bool, paths ...string) map[string]map[string]any {
	t.Helper()
	if err := exec.Command(systemPython, "-c", "import netCDF4").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s with netCDF4 is not available in CI (make setup installs python3-netcdf4): %v", systemPython, err)
		}
		t.Skipf("%s with netCDF4 is not available: %v", systemPython, err)
	}
	args := []string{filepath.Join("testdata", "exocheck.py")}
	if withMeshio {
		args = append(args, "--meshio")
	}
	cmd := exec.Command(systemPython, append(args, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("exocheck.py: %v\n%s", err, stderr.String())
	}
	var res map[string]map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("exocheck.py output: %v\n%s", err, out)
	}
	return res
}

func digestFloats(vals ...[]float64) string {
	h := sha256.New()
	var b [8]byte
	for _, vs := range vals {
		for _, x := range vs {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func digestInts(n int, at func(i int) int64) string {
	h := sha256.New()
	var b [8]byte
	for i := range n {
		binary.LittleEndian.PutUint64(b[:], uint64(at(i)))
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// modelChecks computes from a model what exocheck.py computes from the file
// the model was written to.
func modelChecks(m *meshobj.Model) map[string]any {
	out := map[string]any{
		"title":     m.Title,
		"num_dim":   float64(m.NumDim),
		"num_nodes": float64(m.NumNodes()),
		"num_elem":  float64(m.NumElems()),
		"times":     digestFloats(m.Timesteps),
	}
	nn := m.NumNodes()
	if nn > 0 {
		for d := range m.NumDim {
			axis := make([]float64, nn)
			for i := range axis {
				axis[i] = m.Coords[3*i+d]
			}
			out["coord/"+string("xyz"[d])] = digestFloats(axis)
		}
	}
	off := map[int64]int{}
	n := 0
	for _, b := range m.Blocks {
		off[b.ID] = n
		n += b.NumElems
		if b.NumElems == 0 {
			continue
		}
		key := fmt.Sprintf("block/%d/", b.ID)
		out[key+"type"] = b.Type
		out[key+"conn"] = digestInts(len(b.Conn), func(i int) int64 { return int64(b.Conn[i]) + 1 })
		if b.NumAttr > 0 {
			out[key+"attrib"] = digestFloats(b.Attributes)
		}
		for _, f := range b.Fields {
			out[key+"field/"+f.Name] = digestFloats(f.Values...)
		}
	}
	for _, s := range m.NodeSets {
		if len(s.Members) == 0 {
			continue
		}
		key := fmt.Sprintf("nodeset/%d/", s.ID)
		out[key+"members"] = digestInts(len(s.Members), func(i int) int64 { return int64(s.Members[i]) + 1 })
		if len(s.DistFactors) > 0 {
			out[key+"df"] = digestFloats(s.DistFactors)
		}
		for _, f := range s.Fields {
			out[key+"field/"+f.Name] = digestFloats(f.Values...)
		}
	}
	for _, s := range m.SideSets {
		if len(s.Elems) == 0 {
			continue
		}
		key := fmt.Sprintf("sideset/%d/", s.ID)
		out[key+"elems"] = digestInts(len(s.Elems), func(i int) int64 { return int64(off[s.BlockIDs[i]]) + int64(s.Elems[i]) + 1 })
		out[key+"sides"] = digestInts(len(s.Sides), func(i int) int64 { return int64(s.Sides[i]) + 1 })
		if len(s.DistFactors) > 0 {
			out[key+"df"] = digestFloats(s.DistFactors)
		}
		for _, f := range s.Fields {
			out[key+"field/"+f.Name] = digestFloats(f.Values...)
		}
	}
	if nn > 0 {
		for _, f := range m.NodeFields {
			out["node/"+f.Name] = digestFloats(f.Values...)
		}
	}
	for _, g := range m.GlobalVars {
		out["global/"+g.Name] = digestFloats(g.Values)
	}
	if m.NodeIDs != nil && nn > 0 {
		out["node_num_map"] = digestInts(nn, func(i int) int64 { return m.NodeIDs[i] })
	}
	var eids []int64
	has := false
	for _, b := range m.Blocks {
		has = has || b.ElemIDs != nil
	}
	if has {
		for _, b := range m.Blocks {
			for i := range b.NumElems {
				if b.ElemIDs != nil {
					eids = append(eids, b.ElemIDs[i])
				} else {
					eids = append(eids, int64(len(eids)+1))
				}
			}
		}
		if len(eids) > 0 {
			out["elem_num_map"] = digestInts(len(eids), func(i int) int64 { return eids[i] })
		}
	}
	return out
}

// compareChecks reports keys whose values differ or that only one side has.
func compareChecks(py, goSide map[string]any) []string {
	keys := map[string]bool{}
	for k := range py {
		keys[k] = true
	}
	for k := range goSide {
		keys[k] = true
	}
	var diffs []string
	for k := range keys {
		if k == "meshio" || k == "meshio_error" {
			continue
		}
		pv, pok := py[k]
		gv, gok := goSide[k]
		switch {
		case !pok:
			diffs = append(diffs, k+": missing in Python's view")
		case !gok:
			diffs = append(diffs, k+": missing in Go's view")
		case fmt.Sprint(pv) != fmt.Sprint(gv):
			diffs = append(diffs, fmt.Sprintf("%s: python %v, go %v", k, pv, gv))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// TestPythonReadsWrittenFiles writes every shared file, testdata and
// meshes-libmesh with what they carry beyond the model (and the scratch
// model, in several forms) and has Python's netCDF4 read them: it must find
// the same coordinates, connectivity, set members, factors, maps and field
// values as the model that was written. Every written file also passes
// ncdump -h.
func TestPythonReadsWrittenFiles(t *testing.T) {
	dir := t.TempDir()
	models := map[string]*meshobj.Model{}
	var paths []string
	add := func(name string, m *meshobj.Model, opts *WriteOptions) {
		out := filepath.Join(dir, name)
		if err := Write(out, m, opts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ncdumpHeader(t, out)
		models[out] = m
		paths = append(paths, out)
	}
	for _, path := range strictFiles(t) {
		m, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(path)
		add(base, m, nil)
		add("nc4-"+base, m, &WriteOptions{Format: NetCDF4, Compression: 1})
		if filepath.Base(filepath.Dir(path)) == "testdata" {
			add("float-"+base, m, &WriteOptions{Format: CDF5, WordSize: 4, Int64: true})
		}
	}
	small := smallModel()
	add("small.e", small, nil)
	add("small-nc4.e", small, &WriteOptions{Format: NetCDF4, Int64: true, Compression: 2})
	add("small-float.e", small, &WriteOptions{WordSize: 4, Format: CDF5})
	two := smallModel()
	two.NumDim = 2
	for i := range two.NumNodes() {
		two.Coords[3*i+2] = 0
	}
	two.Blocks = two.Blocks[2:] // keep only the empty block
	two.SideSets, two.Assemblies = nil, nil
	for _, s := range two.NodeSets {
		s.Fields = nil
	}
	add("two-d.e", two, &WriteOptions{Format: Classic})

	res := pythonChecks(t, true, paths...)
	for _, p := range paths {
		py, ok := res[p]
		if !ok {
			t.Errorf("%s: no result from Python", p)
			continue
		}
		want := models[p]
		if strings.HasSuffix(p, "-float.e") || strings.HasPrefix(filepath.Base(p), "float-") { // Python sees the float32 values
			want = roundTo32(want)
		}
		if diffs := compareChecks(py, modelChecks(want)); len(diffs) > 0 {
			t.Errorf("%s: Python and Go disagree:\n  %s", filepath.Base(p), strings.Join(diffs, "\n  "))
		}
		if strings.HasSuffix(p, "small.e") {
			// the comparison must notice a single changed value
			changed := smallModel()
			changed.Blocks[0].Fields[1].Values[2][1] += 1e-9
			if diffs := compareChecks(py, modelChecks(changed)); len(diffs) != 1 {
				t.Errorf("a changed field value gives differences %v, want exactly one", diffs)
			}
		}
		if mi, ok := py["meshio"].(map[string]any); ok {
			if got := mi["points"].(float64); int(got) != want.NumNodes() {
				t.Errorf("%s: meshio sees %v points, want %d", filepath.Base(p), got, want.NumNodes())
			}
		} else {
			t.Logf("%s: meshio could not read it (optional): %v", filepath.Base(p), py["meshio_error"])
		}
	}
}

// roundTo32 returns a copy of the model's real data rounded to float32, as
// a 4-byte file stores it (only what modelChecks looks at).
func roundTo32(m *meshobj.Model) *meshobj.Model {
	r := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = float64(float32(x))
		}
		return out
	}
	fields := func(fs []*meshobj.Field) []*meshobj.Field {
		var out []*meshobj.Field
		for _, f := range fs {
			g := &meshobj.Field{Name: f.Name}
			for _, v := range f.Values {
				g.Values = append(g.Values, r(v))
			}
			out = append(out, g)
		}
		return out
	}
	c := *m
	c.Coords = r(m.Coords)
	c.Timesteps = r(m.Timesteps)
	c.NodeFields = fields(m.NodeFields)
	c.GlobalVars = nil
	for _, g := range m.GlobalVars {
		c.GlobalVars = append(c.GlobalVars, &meshobj.GlobalVar{Name: g.Name, Values: r(g.Values)})
	}
	c.Blocks = nil
	for _, b := range m.Blocks {
		bb := *b
		bb.Attributes = r(b.Attributes)
		bb.Fields = fields(b.Fields)
		c.Blocks = append(c.Blocks, &bb)
	}
	c.NodeSets = nil
	for _, s := range m.NodeSets {
		ss := *s
		ss.DistFactors = r(s.DistFactors)
		ss.Fields = fields(s.Fields)
		c.NodeSets = append(c.NodeSets, &ss)
	}
	c.SideSets = nil
	for _, s := range m.SideSets {
		ss := *s
		ss.DistFactors = r(s.DistFactors)
		ss.Fields = fields(s.Fields)
		c.SideSets = append(c.SideSets, &ss)
	}
	return &c
}

// TestPythonAgreesOnTestdata checks the reader against Python on the
// original shared files: both must see the same data.
func TestPythonAgreesOnTestdata(t *testing.T) {
	paths := testFiles(t)
	res := pythonChecks(t, false, paths...)
	for _, p := range paths {
		m, err := ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if diffs := compareChecks(res[p], modelChecks(m)); len(diffs) > 0 {
			t.Errorf("%s: Python and Go disagree:\n  %s", filepath.Base(p), strings.Join(diffs, "\n  "))
		}
	}
}
