package meshobj

import (
	"fmt"
	"strings"
	"testing"
)

// recorder collects warnings.
type recorder struct{ ws []Warning }

func (r *recorder) warn(w Warning) { r.ws = append(r.ws, w) }

func (r *recorder) shorts() []string {
	var s []string
	for _, w := range r.ws {
		s = append(s, w.Short)
	}
	return s
}

func (r *recorder) reset() { r.ws = nil }

// watch installs a recorder on m.
func watch(m *Model) *recorder {
	r := &recorder{}
	m.Warn = r.warn
	return r
}

// cube returns a model holding build_hex8_cube(1, extents=1, divisions=3).
func cube(t testing.TB) *Model {
	t.Helper()
	m := New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{3, 3, 3}); err != nil {
		t.Fatal(err)
	}
	return m
}

// fiveBlocks returns a model of five one-element hex8 blocks (ids 1..5,
// named "b1".."b5" except block 3), with two timesteps (0.0 and 1.5), node
// and element fields, node and side sets.
func fiveBlocks(t testing.TB) *Model {
	t.Helper()
	m := New()
	for i := range 5 {
		ext := [3][2]float64{{float64(2 * i), float64(2*i + 1)}, {0, 1}, {0, 1}}
		if err := m.BuildHex8Cube(int64(i+1), ext, [3]int{1, 1, 1}); err != nil {
			t.Fatal(err)
		}
		if i != 2 {
			m.Blocks[i].Name = fmt.Sprintf("b%d", i+1)
		}
	}
	mustOK(t, m.CreateTimestep(0.0))
	mustOK(t, m.CreateTimestep(1.5))
	return m
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr checks that err is an *Error whose message contains each part.
func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v is %T, want *Error", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(e.Error(), p) {
			t.Errorf("error %q does not contain %q", e.Error(), p)
		}
	}
}

// twoCubes returns a model of two separate hex8 blocks: block 1, 2x1x1
// elements over [0,2]x[0,1]x[0,1] (nodes 0-11, node (k*2+j)*3+i at
// (i, j, k)), and block 2, one element over [3,4]x[0,1]x[0,1] (nodes
// 12-19), named "left" and "right"; timesteps 0 and 1; node field "temp"
// = node index + 100*time; element field "eqps" on block 1 = element
// index + 10*time; node set 10 = nodes {0, 3, 12, 13} with field "ns_f" =
// member index and distribution factors 0.5*member; side set 20 =
// {(1,0,3), (2,0,1), (1,1,5)} with field "ss_f" = 10*member; global
// variable "ke" = 2*time; node id map 1001..1020.
func twoCubes(t testing.TB) *Model {
	t.Helper()
	m := New()
	m.Title, m.HasTitle = "two cubes", true
	mustOK(t, m.BuildHex8Cube(1, [3][2]float64{{0, 2}, {0, 1}, {0, 1}}, [3]int{2, 1, 1}))
	mustOK(t, m.BuildHex8Cube(2, [3][2]float64{{3, 4}, {0, 1}, {0, 1}}, [3]int{1, 1, 1}))
	m.Blocks[0].Name, m.Blocks[1].Name = "left", "right"
	mustOK(t, m.CreateTimestep(0))
	mustOK(t, m.CreateTimestep(1))
	mustOK(t, m.CreateNodeField("temp", 0))
	mustOK(t, m.CreateElementField("eqps", Sel(1), 0))
	mustOK(t, m.CreateGlobalVariable("ke", 0))
	for ti, tv := range m.Timesteps {
		v, _ := m.GetNodeFieldValues("temp", Float(tv))
		for i := range v {
			v[i] = float64(i) + 100*tv
		}
		e, _ := m.GetElementFieldValues("eqps", Int(1), Float(tv))
		for i := range e {
			e[i] = float64(i) + 10*tv
		}
		m.GlobalVars[0].Values[ti] = 2 * tv
	}
	mustOK(t, m.CreateNodeSet(10, []int32{0, 3, 12, 13}))
	mustOK(t, m.CreateNodeSetField("ns_f", Sel(10), 0))
	ns := m.NodeSet(10)
	ns.DistFactors = []float64{0, 0.5, 1, 1.5}
	for ti := range ns.Fields[0].Values {
		v := ns.Fields[0].Own(ti)
		for i := range v {
			v[i] = float64(i)
		}
	}
	mustOK(t, m.CreateSideSet(20, SideSetMembers{BlockIDs: []int64{1, 2, 1}, Elems: []int32{0, 0, 1}, Sides: []int32{3, 1, 5}}))
	mustOK(t, m.CreateSideSetField("ss_f", Sel(20), 0))
	for ti := range m.SideSet(20).Fields[0].Values {
		v := m.SideSet(20).Fields[0].Own(ti)
		for i := range v {
			v[i] = 10 * float64(i)
		}
	}
	m.NodeIDs = make([]int64, m.NumNodes())
	for i := range m.NodeIDs {
		m.NodeIDs[i] = 1001 + int64(i)
	}
	mustOK(t, m.Validate())
	return m
}
