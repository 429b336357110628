package meshobj

import (
	"math"
	"slices"
	"testing"
)

func TestDefaultFieldValue(t *testing.T) {
	zero := []string{"disp_x", "DISP_Z", "displacement_y", "dis_x", "Displ_q", "dispxy"}
	nan := []string{"di_x", "temp", "x", "", "displacements_x", "disp", "stress_xx"}
	for _, n := range zero {
		if v := DefaultFieldValue(n); v != 0 || math.Signbit(v) {
			t.Errorf("DefaultFieldValue(%q) = %v, want 0", n, v)
		}
	}
	for _, n := range nan {
		if v := DefaultFieldValue(n); !math.IsNaN(v) {
			t.Errorf("DefaultFieldValue(%q) = %v, want NaN", n, v)
		}
	}
}

func TestNodeFields(t *testing.T) {
	m := cube(t)
	r := watch(m)
	mustOK(t, m.CreateNodeField("temp", 3))
	if !slices.Equal(r.shorts(), []string{"Creating an empty field"}) || len(m.NodeFields[0].Values) != 0 {
		t.Errorf("field without timesteps: warnings %q", r.shorts())
	}
	mustOK(t, m.CreateTimestep(0))
	v, err := m.GetNodeFieldValues("temp", Str("last"))
	mustOK(t, err)
	if len(v) != 64 || !math.IsNaN(v[0]) {
		t.Errorf("values at a new timestep: %d values, %v", len(v), v[0])
	}
	v[5] = 7
	if w, _ := m.GetNodeFieldValues("temp", Float(0)); w[5] != 7 {
		t.Errorf("GetNodeFieldValues does not return the model's slice")
	}
	r.reset()
	mustOK(t, m.CreateNodeField("temp", 1))
	if w, _ := m.GetNodeFieldValues("temp", Int(0)); w[5] != 7 || len(r.ws) != 1 ||
		r.ws[0].Detail != `The specified node field "temp" already exists. Information may be overwritten.` {
		t.Errorf("re-creating a node field changed it or did not warn: %q", r.ws)
	}
	mustOK(t, m.CreateNodeField("pressure", 2))
	_, err = m.GetNodeFieldValues("auto", Str("last"))
	wantErr(t, err, "Ambiguous reference.", "There are 2 defined node fields.")
	if v, err := m.GetNodeFieldValues("pres*", Str("first")); err != nil || v[0] != 2 {
		t.Errorf("wildcard lookup: %v, %v", v, err)
	}
	_, err = m.GetNodeFieldValues("temp", Float(2))
	wantErr(t, err, "No timestep specified.")
	mustOK(t, m.RenameNodeField("temp", "Temperature"))
	mustOK(t, m.CreateNodeField("temperature", 9))
	r.reset()
	m.ToLowercase()
	if got := m.GetNodeFieldNames(); !slices.Equal(got, []string{"pressure", "temperature"}) || len(r.ws) != 1 {
		t.Errorf("after ToLowercase: %v, warnings %q", got, r.shorts())
	}
	if w, _ := m.GetNodeFieldValues("temperature", Float(0)); w[5] != 7 {
		t.Errorf("the renamed field did not replace the other")
	}
	mustOK(t, m.DeleteNodeFields(Sel("p*")))
	if !m.NodeFieldExists("temperature") || m.NodeFieldExists("pressure") {
		t.Errorf("node fields %v", m.GetNodeFieldNames())
	}
	mustOK(t, m.Validate())
}

func TestElementFields(t *testing.T) {
	m := twoCubes(t)
	r := watch(m)
	mustOK(t, m.CreateElementField("eqps", Sel("all"), 5))
	if !slices.Equal(r.shorts(), []string{"Element field already exists."}) ||
		r.ws[0].Detail != `The specified element field "eqps" already exists on element block 1. Information may be overwritten.` {
		t.Errorf("warnings %q", r.ws)
	}
	if v, _ := m.GetElementFieldValues("eqps", Int(2), Float(1)); !slices.Equal(v, []float64{5}) {
		t.Errorf("eqps on block 2 = %v", v)
	}
	mustOK(t, m.CreateElementField("vm", Sel("left"), 1))
	ok, err := m.ElementFieldExists("vm", Sel("all"))
	mustOK(t, err)
	ok2, _ := m.ElementFieldExists("vm", Sel(1))
	ok3, _ := m.ElementFieldExists("vm", Sel("none"))
	if ok || !ok2 || !ok3 {
		t.Errorf("ElementFieldExists: all %v, 1 %v, none %v", ok, ok2, ok3)
	}
	_, err = m.GetElementFieldValues("vm", Int(2), Str("last"))
	wantErr(t, err, "Element field does not exist.", `The specified element field "vm" does not exist on element block 2.`)
	if names, _ := m.GetElementFieldNames(Sel(2)); !slices.Equal(names, []string{"eqps"}) {
		t.Errorf("fields of block 2: %v", names)
	}
	r.reset()
	mustOK(t, m.RenameElementField("vm", "von_mises", Sel("all")))
	if len(r.ws) != 1 || r.ws[0].Detail != `The given element field "vm" is not defined on element block 2. It cannot be renamed.` {
		t.Errorf("warnings %q", r.ws)
	}
	r.reset()
	mustOK(t, m.DeleteElementFields(Sel("von_mises"), Sel(2)))
	if len(r.ws) != 1 || r.ws[0] != (Warning{"Element field not defined.", `The element field "von_mises" was not defined on any of the given element blocks. It cannot be deleted.`}) {
		t.Errorf("warnings %q", r.ws)
	}
	mustOK(t, m.DeleteElementFields(Sel("all"), Sel("all")))
	if names, _ := m.GetElementFieldNames(Sel("all")); len(names) != 0 {
		t.Errorf("fields left: %v", names)
	}
	mustOK(t, m.Validate())
}

func TestSetFields(t *testing.T) {
	m := twoCubes(t)
	mustOK(t, m.CreateNodeSet(11, []int32{1, 2}))
	mustOK(t, m.CreateNodeSetField("ns_g", Sel("all"), 4))
	if v, _ := m.GetNodeSetFieldValues("ns_g", Int(11), Float(0)); !slices.Equal(v, []float64{4, 4}) {
		t.Errorf("ns_g on 11: %v", v)
	}
	if v, _ := m.GetNodeSetFieldValues("ns_f", Int(10), Str("last")); !slices.Equal(v, []float64{0, 1, 2, 3}) {
		t.Errorf("ns_f on 10: %v", v)
	}
	_, err := m.GetNodeSetFieldValues("ns_f", Int(11), Str("last"))
	wantErr(t, err, "Node set field does not exist.", `"ns_f" does not exist on node set 11`)
	_, err = m.GetNodeSetFieldValues("ns_f", Str("auto"), Str("last"))
	wantErr(t, err, "Ambiguous reference.")
	if ok, _ := m.NodeSetFieldExists("ns_f", Sel("all")); ok {
		t.Errorf("ns_f is not on every node set")
	}
	if names, _ := m.GetNodeSetFieldNames(Sel(11)); !slices.Equal(names, []string{"ns_g"}) {
		t.Errorf("fields of 11: %v", names)
	}
	mustOK(t, m.RenameNodeSetField("ns_g", "g", Sel(11)))
	mustOK(t, m.DeleteNodeSetFields(Sel("g", "ns_f"), Sel("all")))
	if names, _ := m.GetNodeSetFieldNames(Sel("all")); !slices.Equal(names, []string{"ns_g"}) {
		t.Errorf("node set fields left: %v", names)
	}

	mustOK(t, m.CreateSideSetField("ss_g", Sel(20), math.NaN()))
	if v, _ := m.GetSideSetFieldValues("ss_f", Str("auto"), Float(1)); !slices.Equal(v, []float64{0, 10, 20}) {
		t.Errorf("ss_f: %v", v)
	}
	if ok, _ := m.SideSetFieldExists("ss_g", Sel(20)); !ok {
		t.Errorf("ss_g missing")
	}
	mustOK(t, m.RenameSideSetField("ss_g", "SS_G", Sel("all")))
	m.ToLowercase()
	if names, _ := m.GetSideSetFieldNames(Sel("all")); !slices.Equal(names, []string{"ss_f", "ss_g"}) {
		t.Errorf("side set fields: %v", names)
	}
	mustOK(t, m.DeleteSideSetFields(Sel("ss_*"), Sel("all")))
	if names, _ := m.GetSideSetFieldNames(Sel("all")); len(names) != 0 {
		t.Errorf("side set fields left: %v", names)
	}
	mustOK(t, m.Validate())
}

func TestGlobalVariables(t *testing.T) {
	m := twoCubes(t)
	r := watch(m)
	mustOK(t, m.CreateGlobalVariable("alpha", 0.1))
	mustOK(t, m.CreateGlobalVariable("ke", 3))
	if len(r.ws) != 1 || !slices.Equal(m.globalVar("ke").Values, []float64{3, 3}) {
		t.Errorf("re-created ke: %v, warnings %q", m.globalVar("ke").Values, r.shorts())
	}
	m.globalVar("ke").Values[1] = 2
	text, err := m.OutputGlobalVariables(Sel("all"), Sel("all"))
	mustOK(t, err)
	if want := "time, alpha, ke\n0.0, 0.1, 3.0\n1.0, 0.1, 2.0\n"; text != want {
		t.Errorf("OutputGlobalVariables = %q, want %q", text, want)
	}
	text, _ = m.OutputGlobalVariables(Sel("ke"), Sel("last"))
	if want := "time, ke\n1.0, 2.0\n"; text != want {
		t.Errorf("OutputGlobalVariables(ke, last) = %q, want %q", text, want)
	}
	mustOK(t, m.RenameGlobalVariable("alpha", "Beta"))
	m.ToLowercase()
	if got := m.GetGlobalVariableNames(); !slices.Equal(got, []string{"beta", "ke"}) || !m.GlobalVariableExists("beta") {
		t.Errorf("names %v", got)
	}
	mustOK(t, m.DeleteGlobalVariables(Sel("all")))
	if len(m.GlobalVars) != 0 {
		t.Errorf("globals left %v", m.GetGlobalVariableNames())
	}
	mustOK(t, m.Validate())
}

func TestDisplacementField(t *testing.T) {
	m := cube(t)
	mustOK(t, m.CreateTimestep(0))
	if m.DisplacementFieldExists() || m.DisplacementFieldPrefix() != "disp" {
		t.Errorf("empty model has a displacement field")
	}
	mustOK(t, m.CreateNodeField("Displacement_x", 1))
	mustOK(t, m.CreateDisplacementField())
	if got := m.GetNodeFieldNames(); !slices.Equal(got, []string{"Displacement_x", "Displacement_y", "Displacement_z"}) {
		t.Errorf("node fields %v", got)
	}
	if !m.DisplacementFieldExists() {
		t.Errorf("displacement field not found")
	}
	if v, _ := m.GetNodeFieldValues("Displacement_z", Str("last")); v[0] != 0 {
		t.Errorf("new component = %v, want 0", v[0])
	}
	if v, _ := m.GetNodeFieldValues("Displacement_x", Str("last")); v[0] != 1 {
		t.Errorf("existing component changed")
	}
}
