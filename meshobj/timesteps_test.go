package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestCreateTimestep(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateNodeField("disp_x", 0))
	mustOK(t, m.CreateTimestep(0.5))
	if !slices.Equal(m.Timesteps, []float64{0, 0.5, 1}) {
		t.Fatalf("timesteps %v", m.Timesteps)
	}
	temp, _ := m.GetNodeFieldValues("temp", Float(0.5))
	disp, _ := m.GetNodeFieldValues("disp_x", Float(0.5))
	eqps, _ := m.GetElementFieldValues("eqps", Int(1), Float(0.5))
	nsf, _ := m.GetNodeSetFieldValues("ns_f", Int(10), Float(0.5))
	ssf, _ := m.GetSideSetFieldValues("ss_f", Int(20), Float(0.5))
	if !math.IsNaN(temp[3]) || disp[3] != 0 || !math.IsNaN(eqps[1]) || !math.IsNaN(nsf[0]) || !math.IsNaN(ssf[2]) ||
		!math.IsNaN(m.globalVar("ke").Values[1]) || m.globalVar("ke").Values[2] != 2 {
		t.Errorf("defaults at the new step: temp %v disp %v eqps %v ns %v ss %v ke %v", temp[3], disp[3], eqps[1], nsf[0], ssf[2], m.globalVar("ke").Values)
	}
	if last, _ := m.GetNodeFieldValues("temp", Str("last")); last[3] != 103 {
		t.Errorf("last step's temp moved: %v", last[3])
	}
	r := watch(m)
	mustOK(t, m.CreateTimestep(1))
	if len(r.ws) != 1 || r.ws[0] != (Warning{"Timestep already exists.", `The specified timestep "1.0" already exists. Information may be overwritten.`}) {
		t.Errorf("warnings %q", r.ws)
	}
	mustOK(t, m.Validate())

	// exomerge inserts before the smallest greater time, even in an
	// unsorted list.
	u := New()
	u.Timesteps = []float64{3, 1}
	mustOK(t, u.CreateTimestep(2))
	mustOK(t, u.CreateTimestep(5))
	if !slices.Equal(u.Timesteps, []float64{2, 3, 1, 5}) {
		t.Errorf("unsorted insert: %v", u.Timesteps)
	}
	if !slices.Equal(u.GetTimesteps(), []float64{1, 2, 3, 5}) {
		t.Errorf("GetTimesteps %v", u.GetTimesteps())
	}
}

func TestCopyAndDeleteTimesteps(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CopyTimestep(Str("last"), 0.25))
	if !slices.Equal(m.Timesteps, []float64{0, 0.25, 1}) {
		t.Fatalf("timesteps %v", m.Timesteps)
	}
	copied, _ := m.GetNodeFieldValues("temp", Float(0.25))
	orig, _ := m.GetNodeFieldValues("temp", Float(1))
	if !slices.Equal(copied, orig) || &copied[0] == &orig[0] {
		t.Errorf("copy is not an independent equal slice")
	}
	if v, _ := m.GetSideSetFieldValues("ss_f", Int(20), Float(0.25)); !slices.Equal(v, []float64{0, 10, 20}) {
		t.Errorf("side set field copy %v", v)
	}
	if m.globalVar("ke").Values[1] != 2 {
		t.Errorf("ke copy %v", m.globalVar("ke").Values)
	}
	r := watch(m)
	mustOK(t, m.CopyTimestep(Float(0), 1))
	if len(r.ws) != 1 || len(m.Timesteps) != 3 {
		t.Errorf("copy onto an existing step: %q", r.shorts())
	}
	wantErr(t, m.CopyTimestep(Float(7), 8), "No timestep specified.")
	mustOK(t, m.DeleteTimesteps(Sel("first", 0.25)))
	if !slices.Equal(m.Timesteps, []float64{1}) {
		t.Fatalf("timesteps %v", m.Timesteps)
	}
	if v, _ := m.GetNodeFieldValues("temp", Str("auto")); v[3] != 103 {
		t.Errorf("temp at the kept step: %v", v[3])
	}
	if !slices.Equal(m.globalVar("ke").Values, []float64{2}) {
		t.Errorf("ke %v", m.globalVar("ke").Values)
	}
	mustOK(t, m.Validate())
	if !m.TimestepExists(1) || m.TimestepExists(0) {
		t.Errorf("TimestepExists")
	}
}
