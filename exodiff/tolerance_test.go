package exodiff

import (
	"math"
	"testing"
)

// Expected values worked by hand from exodiff's definitions (Tolerance.C,
// Tolerance.h).
func TestTolerance(t *testing.T) {
	cases := []struct {
		tol    Tolerance
		a, b   float64
		delta  float64
		differ bool
	}{
		{Tolerance{Mode: Relative, Value: 1e-6}, 100, 100.00001, 1e-5 / 100.00001, false},
		{Tolerance{Mode: Relative, Value: 1e-6}, 100, 100.001, 0.001 / 100.001, true},
		{Tolerance{Mode: Relative, Value: 1e-6}, 0, 0, 0, false},
		{Tolerance{Mode: Relative, Value: 1e-6}, 0, 1e-30, 1, true},
		// the floor: both magnitudes below it are equal
		{Tolerance{Mode: Relative, Value: 1e-6, Floor: 1e-20}, 0, 1e-30, 0, false},
		// the old floor: |a-b| below it
		{Tolerance{Mode: Relative, Value: 1e-6, Floor: 0.5, OldFloor: true}, 10, 10.4, 0, false},
		{Tolerance{Mode: Absolute, Value: 1e-6}, 1, 1 + 2e-6, 2e-6, true},
		{Tolerance{Mode: Absolute, Value: 1e-6}, -3, -3, 0, false},
		// combined: absolute below 1, relative above
		{Tolerance{Mode: Combined, Value: 1e-3}, 0.5, 0.5009, 0.0009, false},
		{Tolerance{Mode: Combined, Value: 1e-3}, 1000, 1000.9, 0.9 / 1000.9, false},
		{Tolerance{Mode: Combined, Value: 1e-3}, 1000, 1002, 2.0 / 1002, true},
		// eigen kinds ignore the sign
		{Tolerance{Mode: EigenAbs, Value: 1e-6}, 2, -2, 0, false},
		{Tolerance{Mode: EigenRel, Value: 1e-6}, 2, -2.5, 0.5 / 2.5, true},
		{Tolerance{Mode: EigenCom, Value: 1e-6}, 0.5, -0.5, 0, false},
		// ulps: 1 and the next double are 1 ulp apart
		{Tolerance{Mode: UlpsDouble, Value: 1}, 1, math.Nextafter(1, 2), 1, false},
		{Tolerance{Mode: UlpsDouble, Value: 1}, 1, math.Nextafter(math.Nextafter(1, 2), 2), 2, true},
		{Tolerance{Mode: UlpsFloat, Value: 0}, 1, 1 + 1e-12, 0, false},
		{Tolerance{Mode: UlpsDouble, Value: 4}, 1, -1, ulpFar, true},
		{Tolerance{Mode: Ignore, Value: 0}, 1, 100, 0, false},
	}
	for _, c := range cases {
		if d := c.tol.Delta(c.a, c.b); math.Abs(d-c.delta) > 1e-15*math.Max(1, c.delta) {
			t.Errorf("%v Delta(%v, %v) = %v, want %v", c.tol, c.a, c.b, d, c.delta)
		}
		if got := c.tol.Differ(c.a, c.b); got != c.differ {
			t.Errorf("%v Differ(%v, %v) = %v, want %v", c.tol, c.a, c.b, got, c.differ)
		}
	}
	// NaN never differs by value (NaNs are reported on their own).
	if (Tolerance{Mode: Relative, Value: 1e-6}).Differ(math.NaN(), 1) {
		t.Error("NaN differs by value")
	}
	if got := FileDiff(3, 1, Absolute); got != 2 {
		t.Errorf("FileDiff absolute = %v", got)
	}
	if got := FileDiff(3, 1, Relative); got != 2.0/3 {
		t.Errorf("FileDiff relative = %v", got)
	}
}

func TestCommandFileSyntax(t *testing.T) {
	o := Defaults()
	lines := []string{
		"# comment",
		"DEFAULT TOLERANCE relative 1.E-8 floor 1.E-14",
		"COORDINATES absolute 1.E-12",
		"TIME STEPS absolute 1.E-14",
		"GLOBAL VARIABLES relative 1.E-4 floor 1.E-12",
		"NODAL VARIABLES absolute 1.E-8",
		"\tDISPLX",
		"\tVELX absolute 1.E-6",
		"\tVELY relative 1.E-6 floor 1.e-10",
		"\t# a comment inside the list",
		"\tVELZ floor 1e-3",
		"ELEMENT VARIABLES",
		"\t!SIGYY",
		"ELEM ATTR comb 0.5",
		"EXCLUDE TIMES 1,3-4",
		"STEP OFFSET automatic",
		"NO SHORT BLOCKS",
		"CASE SENSITIVE",
		"IGN NANS",
		"IGNORE STATUS",
		"CALC NORMS",
		"PEDANTIC",
		"INTERPOLATE",
		"FINAL TIME TOLERANCE 0.25",
		"APPLY MATCHING",
	}
	if err := o.parseCommands("t.cmd", lines); err != nil {
		t.Fatal(err)
	}
	if o.Default != (Tolerance{Mode: Relative, Value: 1e-8, Floor: 1e-14}) {
		t.Errorf("default %v", o.Default)
	}
	if o.Coord != (Tolerance{Mode: Absolute, Value: 1e-12, Floor: 1e-14}) {
		t.Errorf("coordinates %v", o.Coord)
	}
	if o.Time.Mode != Absolute || o.Time.Value != 1e-14 {
		t.Errorf("time %v", o.Time)
	}
	if o.Global.Default != (Tolerance{Mode: Relative, Value: 1e-4, Floor: 1e-12}) || !o.Global.All {
		t.Errorf("global %+v", o.Global)
	}
	n := o.Nodal
	if n.All || len(n.Names) != 4 || n.Names[0] != "DISPLX" {
		t.Fatalf("nodal %+v", n)
	}
	wantTols := []Tolerance{
		{Mode: Absolute, Value: 1e-8, Floor: 1e-14},
		{Mode: Absolute, Value: 1e-6, Floor: 1e-14},
		{Mode: Relative, Value: 1e-6, Floor: 1e-10},
		{Mode: Absolute, Value: 1e-8, Floor: 1e-3},
	}
	for i, w := range wantTols {
		if n.Tols[i] != w {
			t.Errorf("nodal %s: %v, want %v", n.Names[i], n.Tols[i], w)
		}
	}
	if !o.Element.All || len(o.Element.Names) != 1 || o.Element.Names[0] != "!SIGYY" {
		t.Errorf("element %+v", o.Element)
	}
	if o.Attribute.Default.Mode != Combined || o.Attribute.Default.Value != 0.5 {
		t.Errorf("attributes %+v", o.Attribute)
	}
	if len(o.Exclude) != 3 || o.Exclude[2] != 4 || o.StepOffset != -1 || o.Short || o.NoCase || !o.IgnoreNaNs ||
		o.Status || !o.L1Norm || !o.L2Norm || !o.Pedantic || !o.Interpolate || o.FinalTime.Value != 0.25 || o.Map != MatchDistance {
		t.Errorf("keywords not applied: %+v", o)
	}
	for _, bad := range [][]string{
		{"FROB NICATE"},
		{"NODAL VARIABLES", "\tA", "\t!B"},
		{"DEFAULT TOLERANCE relative"},
		{"NODAL VARIABLES relative -1"},
		{"NODAL VARIABLES", "\tA relative floor 1"},
	} {
		if err := Defaults().parseCommands("bad.cmd", bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestOptionParsing(t *testing.T) {
	o := Defaults()
	files, err := o.parseArgs([]string{"--tol", "1e-3", "-Floor=1e-9", "-absolute", "-x", "2,4-5", "-steps", "2:8:2", "-m", "a.e", "b.e"})
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Resolve(); err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || o.Default != (Tolerance{Mode: Absolute, Value: 1e-3, Floor: 1e-9}) || o.Nodal.Default != o.Default ||
		len(o.Exclude) != 3 || o.StepStart != 2 || o.StepStop != 8 || o.StepInc != 2 || o.Map != MatchDistance {
		t.Errorf("options: files %v, %+v", files, o)
	}
	// -map wins over -match_ids and -partial, as in exodiff.
	o = Defaults()
	o.parseArgs([]string{"-partial", "-map", "-match_ids"})
	o.Resolve()
	if o.Map != MatchDistance {
		t.Errorf("map type %v", o.Map)
	}
	if _, err := Defaults().parseArgs([]string{"-ig"}); err == nil {
		t.Error("ambiguous abbreviation accepted")
	}
	if _, err := Defaults().parseArgs([]string{"-tolerance"}); err == nil {
		t.Error("missing value accepted")
	}
	if got := splitEnv(`-t 1e-3  -f "my cmd.txt"`); len(got) != 4 || got[3] != "my cmd.txt" {
		t.Errorf("splitEnv: %q", got)
	}
}

func TestCloseTypes(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"HEX", "HEX8", true}, {"hex8", "HEX8", true}, {"tri", "triangle6", true},
		{"tri3", "tri6", false}, {"quad9", "tri9", false}, {"SHELL4", "SHELL", true}, {"TET4", "HEX8", false},
	} {
		if got := closeTypes(c.a, c.b); got != c.want {
			t.Errorf("closeTypes(%s, %s) = %v", c.a, c.b, got)
		}
	}
}

// TestIssueOptionList checks that every option the issue lists (exodiff's
// spelling) is accepted with a single and a double dash.
func TestIssueOptionList(t *testing.T) {
	opts := []string{"tolerance", "t", "Floor", "absolute", "relative", "combined", "ulps_float", "ulps_double",
		"eigen_absolute", "eigen_relative", "eigen_combined", "ignore", "coordinate_tolerance", "use_old_floor",
		"file", "f", "summary", "quiet", "show_all_diffs", "norms", "l1norms", "l2norms", "status", "ignore_status",
		"pedantic", "ignore_steps", "exclude", "steps", "explicit", "TimeStepOffset", "TA", "TM", "interpolate",
		"final_time_tolerance", "time_scale", "time_offset", "map", "dumpmap", "partial", "show_unmatched",
		"allow_permuted_connectivity", "ignore_dups", "match_ids", "match_file_order", "match_by_name", "nsmap",
		"ssmap", "no_nsmap", "no_ssmap", "short", "no_short", "ignore_case", "case_sensitive",
		"nosymmetric_name_check", "allow_name_mismatch", "ignore_maps", "ignore_nans", "ignore_attributes",
		"ignore_sideset_df", "max_warnings", "help", "version"}
	values := map[string]string{"tolerance": "1e-3", "t": "1e-3", "Floor": "0", "coordinate_tolerance": "1e-3",
		"exclude": "1", "steps": "1:2", "explicit": "1:1", "TimeStepOffset": "1", "final_time_tolerance": "0",
		"time_scale": "1", "time_offset": "0", "max_warnings": "5", "file": "x.cmd", "f": "x.cmd"}
	for _, n := range opts {
		for _, dash := range []string{"-", "--"} {
			args := []string{dash + n}
			if v, ok := values[n]; ok {
				args = append(args, v)
			}
			if _, err := Defaults().parseArgs(append(args, "a.e", "b.e")); err != nil {
				t.Errorf("%s: %v", args, err)
			}
		}
	}
}
