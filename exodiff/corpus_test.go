package exodiff

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"exosh/exodus"
	"exosh/meshobj"
)

// The corpus: pairs of files made from ../shared/testdata, each with the
// verdict exodiff's rules give (derived from exodiff.C, check.C and
// ED_SystemInterface.C, noted per case). Modified files are made with
// python3-netCDF4 (testdata/mkpair.py) or with the exodus writer.

func shared(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("EXOSH_SHARED")
	if dir == "" {
		dir = "../../shared"
	}
	p := filepath.Join(dir, "testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared test data not found (%v); set EXOSH_SHARED", err)
	}
	return p
}

// python returns a python3 that has netCDF4, or skips.
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import netCDF4").Run() == nil {
			return p
		}
	}
	t.Skip("python3 with netCDF4 not available (apt python3-netcdf4)")
	return ""
}

// mk makes a modified copy of src with mkpair.py.
func mk(t *testing.T, src, op string, args ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), op+".e")
	cmd := exec.Command(python(t), append([]string{"testdata/mkpair.py", src, dst, op}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mkpair %s: %v\n%s", op, err, out)
	}
	return dst
}

// rewrite reads src, applies edit and writes the model with the exodus
// writer.
func rewrite(t *testing.T, src string, edit func(m *meshobj.Model)) string {
	t.Helper()
	m, err := exodus.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(m)
	}
	dst := filepath.Join(t.TempDir(), "rw.e")
	if err := exodus.Write(dst, m, nil); err != nil {
		t.Fatal(err)
	}
	return dst
}

// dropStep removes step k (0-based) from every time-dependent array.
func dropStep(k int) func(m *meshobj.Model) {
	return func(m *meshobj.Model) {
		m.Timesteps = slices.Delete(m.Timesteps, k, k+1)
		for _, g := range m.GlobalVars {
			g.Values = slices.Delete(g.Values, k, k+1)
		}
		fields := slices.Clone(m.NodeFields)
		for _, b := range m.Blocks {
			fields = append(fields, b.Fields...)
			if b.RedValues != nil {
				b.RedValues = slices.Delete(b.RedValues, k, k+1)
			}
		}
		for _, s := range m.NodeSets {
			fields = append(fields, s.Fields...)
			if s.RedValues != nil {
				s.RedValues = slices.Delete(s.RedValues, k, k+1)
			}
		}
		for _, s := range m.SideSets {
			fields = append(fields, s.Fields...)
			if s.RedValues != nil {
				s.RedValues = slices.Delete(s.RedValues, k, k+1)
			}
		}
		for _, f := range fields {
			f.Values = slices.Delete(f.Values, k, k+1)
		}
	}
}

// dropNodeField removes nodal variable name.
func dropNodeField(name string) func(m *meshobj.Model) {
	return func(m *meshobj.Model) {
		m.NodeFields = slices.DeleteFunc(m.NodeFields, func(f *meshobj.Field) bool { return f.Name == name })
	}
}

// reverseBlock reverses the element order of the first block, with its
// ids, attributes and field values (the same elements, stored permuted).
func reverseBlock(m *meshobj.Model) {
	b := m.Blocks[0]
	if b.ElemIDs == nil {
		off := 0
		for _, bb := range m.Blocks {
			if bb.ElemIDs == nil {
				bb.ElemIDs = make([]int64, bb.NumElems)
				for i := range bb.ElemIDs {
					bb.ElemIDs[i] = int64(off + i + 1)
				}
			}
			off += bb.NumElems
		}
	}
	n, npe := b.NumElems, b.NodesPerElem
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		for k := range npe {
			b.Conn[i*npe+k], b.Conn[j*npe+k] = b.Conn[j*npe+k], b.Conn[i*npe+k]
		}
		b.ElemIDs[i], b.ElemIDs[j] = b.ElemIDs[j], b.ElemIDs[i]
		for k := range b.NumAttr {
			b.Attributes[i*b.NumAttr+k], b.Attributes[j*b.NumAttr+k] = b.Attributes[j*b.NumAttr+k], b.Attributes[i*b.NumAttr+k]
		}
		for _, f := range b.Fields {
			for _, v := range f.Values {
				v[i], v[j] = v[j], v[i]
			}
		}
	}
}

// run runs exosh diff in-process.
func run(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	st := Main(args, "", &out, &errOut)
	return st, out.String() + errOut.String()
}

// verdict is a case's expected verdict.
type verdict struct {
	status  int
	closing string   // a line the output must contain
	names   []string // variables (or items) the output must name in a difference
	absent  []string // strings that must not appear
}

func check(t *testing.T, w verdict, args ...string) {
	t.Helper()
	st, out := run(t, args...)
	if st != w.status {
		t.Errorf("exit status %d, want %d\n%s", st, w.status, tail(out))
	}
	if w.closing != "" && !strings.Contains(out, w.closing) {
		t.Errorf("output lacks %q\n%s", w.closing, tail(out))
	}
	for _, n := range w.names {
		if !namesDiff(out, n) {
			t.Errorf("output does not name %q as different\n%s", n, tail(out))
		}
	}
	for _, a := range w.absent {
		if namesDiff(out, a) {
			t.Errorf("output names %q, which should not differ\n%s", a, tail(out))
		}
	}
}

// namesDiff reports whether a difference line of out mentions n.
func namesDiff(out, n string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, n) && (strings.Contains(l, "diff:") || strings.Contains(l, "DIFFERENCE") ||
			strings.Contains(l, "NaN") || strings.Contains(l, "WARNING")) {
			return true
		}
	}
	return false
}

func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}

const (
	same      = "exodiff: Files are the same"
	different = "exodiff: Files are different"
	meshDiff  = "Differences found in mesh (non-transient) data"
)

func TestCorpusValues(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	g := shared(t, "exodus.g")
	// exomerge_unit_test.e: 5 steps; nodal var 1 is disp_x, global 2
	// internal_energy (~1e7), element var 1 of block 1 ln_strain? (checked
	// by name below through the output).
	cases := []struct {
		name string
		f2   func() string
		args []string
		w    verdict
	}{
		// exodiff.C: identical data -> "Files are the same", main returns 0.
		{"identical", func() string { return mk(t, a, "copy") }, nil, verdict{0, same, nil, []string{"(node ", "(block ", "FAILED"}}},
		// A netCDF-4 container holds the same data: same.
		{"netcdf4", func() string {
			dst := filepath.Join(t.TempDir(), "nc4.e")
			if out, err := exec.Command("nccopy", "-k", "nc4", a, dst).CombinedOutput(); err != nil {
				t.Skipf("nccopy: %v %s", err, out)
			}
			return dst
		}, nil, verdict{0, same, nil, nil}},
		// Check_Nodal: absolute 1e-6 coordinate tolerance; 1e-9 is within.
		{"coords 1e-9", func() string { return mk(t, a, "coord", "x", "7", "1e-9") }, nil, verdict{0, same, nil, nil}},
		// 1e-4 is beyond: Check_Compatible_Meshes aborts, exit(1).
		{"coords 1e-4", func() string { return mk(t, a, "coord", "x", "7", "1e-4") }, nil, verdict{1, meshDiff, []string{"x coord"}, nil}},
		// Relative 1e-6 default: a change of 1e-8 relative is within.
		{"nodal small", func() string { return mk(t, a, "nodal", "1", "4", "10", "1e-8") }, nil, verdict{0, same, nil, nil}},
		// 1e-2 relative is beyond: results difference, exit 2, names disp_x.
		{"nodal large", func() string { return mk(t, a, "nodal", "1", "4", "10", "1e-2") }, nil, verdict{2, different, []string{"disp_x"}, nil}},
		{"element small", func() string { return mk(t, a, "elem", "1", "1", "3", "5", "1e-9") }, nil, verdict{0, same, nil, nil}},
		{"element large", func() string { return mk(t, a, "elem", "1", "1", "3", "5", "0.5") }, nil, verdict{2, different, []string{"(block 1, elmt 6)"}, nil}},
		// internal_energy ~1e7 at step 2: relative 1e-8 within, 1e-3 beyond.
		{"global small", func() string { return mk(t, a, "global", "2", "1", "1e-8") }, nil, verdict{0, same, nil, nil}},
		{"global large", func() string { return mk(t, a, "global", "2", "1", "1e-3") }, nil, verdict{2, different, []string{"internal_energy"}, nil}},
		// -t raises the tolerance: 1e-2 relative passes under -t 0.1.
		{"nodal large -t 0.1", func() string { return mk(t, a, "nodal", "1", "4", "10", "1e-2") }, []string{"-t", "0.1"}, verdict{0, same, nil, nil}},
		// -ignore_status: a results difference exits 0.
		{"nodal large -ignore_status", func() string { return mk(t, a, "nodal", "1", "4", "10", "1e-2") }, []string{"-ignore_status"}, verdict{0, different, []string{"disp_x"}, nil}},
		// Node-set variable values: normal_pressure on set 2 (slot 2).
		{"nodeset var", func() string { return mk(t, a, "nsvar", "1", "2", "4", "3", "0.5") }, nil, verdict{2, different, []string{"normal_pressure", "(set 2, node 1834)"}, nil}},
		// Title, QA and info records are never compared.
		{"records only", func() string { return mk(t, g, "records") }, nil, verdict{0, same, nil, nil}},
		// Invalid_Values: a NaN in file 2 is a difference (exit 2).
		{"nan", func() string { return mk(t, a, "nan_nodal", "2", "3", "5") }, nil, verdict{2, different, []string{"disp_y"}, nil}},
		// -ignore_nans: the NaN is not checked; NaN deltas never exceed a
		// tolerance, so the files are the same.
		{"nan -ignore_nans", func() string { return mk(t, a, "nan_nodal", "2", "3", "5") }, []string{"-ignore_nans"}, verdict{0, same, nil, nil}},
		// Renumbered block id: Check_Element_Block finds block 1 missing in
		// file 2 -> mesh difference, exit 1.
		{"block id", func() string { return mk(t, a, "blockid", "0", "77") }, nil, verdict{1, meshDiff, []string{"Block id 1"}, nil}},
		// Node-set member changed in a set WITH variables (slot 2): the
		// node lists are compared -> mesh difference, exit 1.
		{"nodeset member with vars", func() string { return mk(t, a, "nsmember", "2", "0", "1") }, nil, verdict{1, meshDiff, []string{"nodeset id 2"}, nil}},
		// ... in a set WITHOUT variables (slot 1): only counts are checked
		// -> same; -pedantic compares the lists -> exit 1.
		{"nodeset member no vars", func() string { return mk(t, a, "nsmember", "1", "0", "2185") }, nil, verdict{0, same, nil, nil}},
		{"nodeset member no vars -pedantic", func() string { return mk(t, a, "nsmember", "1", "0", "2185") }, []string{"-pedantic"}, verdict{1, meshDiff, []string{"nodeset id 1"}, nil}},
		// Side-set face changed in a set without variables (exodus.g): side
		// lists are compared only with variables or -pedantic.
		{"sideset face", func() string { return mk(t, g, "ssside", "1", "0", "2") }, nil, verdict{0, same, nil, nil}},
		{"sideset face -pedantic", func() string { return mk(t, g, "ssside", "1", "0", "2") }, []string{"-pedantic"}, verdict{1, meshDiff, []string{"sideset id"}, nil}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f1 := a
			if strings.HasPrefix(c.name, "records") || strings.HasPrefix(c.name, "sideset face") {
				f1 = g
			}
			args := append(slices.Clone(c.args), f1, c.f2())
			check(t, c.w, args...)
		})
	}
}

func TestCorpusSteps(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	base := rewrite(t, a, nil)
	// The rewritten file matches the original.
	check(t, verdict{0, same, nil, nil}, a, base)
	// A variable on one side only (Build_Variable_Names): exit 2, named.
	noDisp := rewrite(t, a, dropNodeField("disp_y"))
	check(t, verdict{2, different, []string{`"disp_y"`}, nil}, base, noDisp)
	check(t, verdict{2, different, []string{`"disp_y"`}, nil}, noDisp, base)
	// -allow_name_mismatch lets file 1 have more variables, and
	// -nosymmetric_name_check lets file 2 have more.
	check(t, verdict{0, same, nil, nil}, "-allow_name_mismatch", base, noDisp)
	check(t, verdict{0, same, nil, nil}, "-nosymmetric_name_check", noDisp, base)
	// Last step missing: the compared steps agree but the counts differ ->
	// "Files are different (# time steps differ)", exit 2.
	noLast := rewrite(t, a, dropStep(4))
	check(t, verdict{2, "exodiff: Files are different (# time steps differ)", nil, nil}, base, noLast)
	// -steps 1:4 stops at 4: "the timesteps that were compared are the same".
	check(t, verdict{0, "The number of timesteps are different but the timesteps that were compared are the same", nil, nil}, "-steps", "1:4", base, noLast)
	// A middle step missing: step 3 of file 1 meets step 3 (old 4) of
	// file 2; the time values differ -> exit 2.
	noMid := rewrite(t, a, dropStep(2))
	check(t, verdict{2, different, []string{"Time step 3"}, nil}, base, noMid)
	// The first step missing: -TimeStepOffset 1 aligns the files (step
	// x+1 of file 1 with x of file 2), -TA finds the same offset.
	noFirst := rewrite(t, a, dropStep(0))
	check(t, verdict{2, different, nil, nil}, base, noFirst)
	check(t, verdict{0, same, nil, nil}, "-TimeStepOffset", "1", base, noFirst)
	check(t, verdict{0, same, nil, nil}, "-TA", base, noFirst)
	check(t, verdict{0, same, nil, nil}, "-T", "1", base, noFirst)
	// Shifted times: all time values off -> different; -time_offset
	// undoes the shift of file 2 on file 1's side.
	shifted := mk(t, base, "shift_times", "0.5")
	check(t, verdict{2, different, nil, nil}, base, shifted)
	check(t, verdict{0, same, nil, nil}, "-time_offset", "0.5", base, shifted)
	// -interpolate: file 1's step 2 made the average of steps 1 and 3;
	// file 2 lacks step 2 -> interpolated, same. Without it, different.
	mid := mk(t, base, "midstep")
	midLess := rewrite(t, mid, dropStep(1))
	check(t, verdict{0, same, nil, nil}, "-interpolate", mid, midLess)
	check(t, verdict{2, different, nil, nil}, mid, midLess)
	// -exclude skips steps; -steps last compares only the last.
	bad3 := mk(t, base, "nodal", "1", "2", "10", "0.5")
	check(t, verdict{2, different, []string{"disp_x"}, nil}, base, bad3)
	check(t, verdict{0, same, nil, nil}, "-exclude", "3", base, bad3)
	check(t, verdict{0, same, nil, nil}, "-steps", "last", base, bad3)
	check(t, verdict{0, same, nil, nil}, "-explicit", "5:5", base, bad3)
	check(t, verdict{2, different, nil, nil}, "-explicit", "3:3", base, bad3)
	// -show_all_diffs lists every value beyond tolerance; -norms adds the
	// L1 and L2 norms of the differences.
	bad2 := mk(t, bad3, "nodal", "1", "2", "11", "0.5")
	st0, out0 := run(t, "-show_all_diffs", "-norms", base, bad2)
	if st0 != 2 || !strings.Contains(out0, "(node 11)") || !strings.Contains(out0, "(node 12)") ||
		!strings.Contains(out0, "L1 norm of diff") || !strings.Contains(out0, "L2 norm of diff") {
		t.Errorf("-show_all_diffs -norms: status %d\n%s", st0, tail(out0))
	}
	// The same NaN in both files is still a difference (Invalid_Values
	// checks each file on its own).
	nanF := mk(t, base, "nan_nodal", "3", "1", "7")
	check(t, verdict{2, different, []string{"disp_z"}, nil}, nanF, nanF)
	// -ignore_steps compares the mesh only.
	check(t, verdict{0, "all transient data was ignored", nil, nil}, "-ignore_steps", base, bad3)
	// -quiet stops at the first difference with exodiff's message.
	st, out := run(t, "-quiet", base, bad3)
	if st != 2 || !strings.Contains(out, "exodiff: Files are different (time step 3)") || strings.Contains(out, "Nodal variables") {
		t.Errorf("-quiet: status %d, output\n%s", st, out)
	}
}

func TestCorpusMatching(t *testing.T) {
	t.Parallel()
	src := shared(t, "8-block.g")
	base := rewrite(t, src, nil)
	perm := rewrite(t, src, reverseBlock)
	cases := []struct {
		args []string
		w    verdict
	}{
		// Default: matched through the id maps -> same.
		{nil, verdict{0, same, nil, nil}},
		{[]string{"-match_ids"}, verdict{0, same, nil, nil}},
		// -map matches by coordinates -> same.
		{[]string{"-map"}, verdict{0, same, nil, nil}},
		// -partial: same, with its own closing line.
		{[]string{"-partial"}, verdict{0, "exodiff: Files are the same (partial match selected)", nil, nil}},
		// -match_file_order: the ids differ by position -> exodiff exits 2.
		{[]string{"-match_file_order"}, verdict{2, "", nil, nil}},
		// -ignore_maps: elements compared by position -> connectivity
		// differs -> mesh difference, exit 1.
		{[]string{"-ignore_maps"}, verdict{1, meshDiff, []string{"Connectivities in block id"}, nil}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			check(t, c.w, append(slices.Clone(c.args), base, perm)...)
		})
	}
	// A file holding only part of the mesh (the last block and its nodes
	// removed): Check_Global rejects the counts (exit 2) unless -partial,
	// which compares what matches.
	sub := rewrite(t, src, func(m *meshobj.Model) {
		last := m.Blocks[len(m.Blocks)-1].ID
		if err := m.DeleteElementBlocks(meshobj.Sel(last), true); err != nil {
			t.Fatal(err)
		}
	})
	check(t, verdict{2, different, []string{"Number of nodes"}, nil}, base, sub)
	check(t, verdict{0, "exodiff: Files are the same (partial match selected)", nil, nil}, "-partial", base, sub)
}

func TestCommandFile(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	// disp_x changed by 1e-4 relative, mass by 1e-2 relative at step 5.
	f2 := mk(t, a, "nodal", "1", "4", "10", "1e-4")
	f2 = mk(t, f2, "nodal", "5", "4", "10", "1e-2")
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Without a command file both differ.
	check(t, verdict{2, different, []string{"disp_x", "mass"}, nil}, a, f2)
	// Per-variable tolerances: disp_x within 1e-3, mass within 0.1.
	loose := write("loose.cmd", "# per-variable tolerances\nNODAL VARIABLES relative 1.e-6\n\tdisp_x relative 1.e-3\n\tmass rel 0.1 floor 0.0\n\tdisp_y\n")
	check(t, verdict{0, same, nil, nil}, "-f", loose, a, f2)
	// Only disp_x loosened: mass still differs and is the one named.
	part := write("part.cmd", "NODAL VARIABLES (all)\n\tdisp_x  absolute 1.0\n")
	check(t, verdict{2, different, []string{"mass"}, []string{"disp_x  "}}, "-f", part, a, f2)
	// Exclusions: !mass with (all) and a loose default for the rest.
	excl := write("excl.cmd", "DEFAULT TOLERANCE relative 1e-3\nNODAL VARIABLES (all)\n\t!mass\nGLOBAL VARIABLES\nELEMENT VARIABLES\nNODESET VARIABLES\n")
	check(t, verdict{0, same, nil, nil}, "--file", excl, a, f2)
	// Only exclusions (no (all)) mean all the others; abbreviations work.
	abbr := write("abbr.cmd", "NODA VARI\n\t!mass\n\t!disp_x\nGLOB VAR\n")
	check(t, verdict{0, same, nil, nil}, "-file", abbr, a, f2)
	// A kind not mentioned is not compared: listing only globals passes.
	globs := write("globs.cmd", "GLOBAL VARIABLES\n")
	check(t, verdict{0, same, nil, nil}, "-f", globs, a, f2)
	// Mixing names and !names without (all) is an error (exit 1).
	mixed := write("mixed.cmd", "NODAL VARIABLES\n\tdisp_x\n\t!mass\n")
	check(t, verdict{1, "", nil, nil}, "-f", mixed, a, f2)
	// An unknown keyword is an error; a missing command file too.
	check(t, verdict{1, "", nil, nil}, "-f", write("bad.cmd", "FROBNICATE ALL\n"), a, f2)
	check(t, verdict{1, "Can't open file", nil, nil}, "-f", filepath.Join(dir, "nope.cmd"), a, f2)
	// Keywords: IGNORE STATUS makes the difference exit 0.
	st := write("status.cmd", "IGNORE STATUS\nNODAL VARIABLES\n")
	check(t, verdict{0, different, nil, nil}, "-f", st, a, f2)
}

func TestErrors(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.e")
	os.WriteFile(empty, nil, 0o644)
	plain := filepath.Join(dir, "plain.nc")
	if out, err := exec.Command("ncgen", "-o", plain, "-k", "classic", writeCDL(t, dir)).CombinedOutput(); err != nil {
		t.Skipf("ncgen: %v %s", err, out)
	}
	check(t, verdict{1, "Couldn't open file", nil, nil}, a, filepath.Join(dir, "missing.e"))
	check(t, verdict{1, "Couldn't open file", nil, nil}, empty, a)
	check(t, verdict{1, "Couldn't open file", nil, nil}, a, plain)
	// A bad option is an error, exit 1; so is no file at all.
	check(t, verdict{1, "unrecognized option", nil, nil}, "-frobnicate", a, a)
	check(t, verdict{1, "no files specified", nil, nil})
	// -help and -version exit 0.
	check(t, verdict{0, "Command file", nil, nil}, "-help", "file")
	check(t, verdict{0, "Tolerance kinds", nil, nil}, "-help", "tolerance")
	check(t, verdict{0, "EXODIFF", nil, nil}, "-version")
	// Different node, element and block counts: Check_Global fails, the
	// files are different, exit 2 (not an error).
	check(t, verdict{2, different, []string{"Number of nodes"}, nil}, a, shared(t, "exodus.g"))
}

func writeCDL(t *testing.T, dir string) string {
	p := filepath.Join(dir, "plain.cdl")
	os.WriteFile(p, []byte("netcdf plain {\ndimensions:\n  x = 3 ;\nvariables:\n  double v(x) ;\ndata:\n  v = 1, 2, 3 ;\n}\n"), 0o644)
	return p
}

func TestEnvOptionsAndJSON(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	f2 := mk(t, a, "nodal", "1", "4", "10", "1e-2")
	var out, errOut bytes.Buffer
	if st := Main([]string{a, f2}, "-ignore_status", &out, &errOut); st != 0 {
		t.Errorf("EXODIFF_OPTIONS=-ignore_status: status %d, want 0", st)
	}
	if !strings.Contains(out.String(), "EXODIFF_OPTIONS") {
		t.Errorf("the options from the environment are not reported")
	}
	out.Reset()
	if st := Main([]string{"--json", a, f2}, "", &out, &errOut); st != 2 {
		t.Errorf("--json: status %d", st)
	}
	s := out.String()
	for _, w := range []string{`"same": false`, `"status": 2`, `"kind": "nodal"`, `"name": "disp_x"`, `"step": 5`, `"location": "node 11"`} {
		if !strings.Contains(s, w) {
			t.Errorf("--json lacks %s\n%s", w, s)
		}
	}
}

func TestSummary(t *testing.T) {
	t.Parallel()
	g := shared(t, "exodus.g")
	st, out := run(t, "-summary", g)
	if st != 0 {
		t.Fatalf("status %d\n%s", st, out)
	}
	for _, w := range []string{"GLOBAL VARIABLES relative 1.e-6 floor 0.0", "NODAL VARIABLES relative 1.e-6 floor 0.0", "TIME STEPS", "# min:"} {
		if !strings.Contains(out, w) {
			t.Errorf("summary lacks %q\n%s", w, out)
		}
	}
	// The summary is a valid command file: comparing the file with itself
	// under it gives "same".
	cmd := filepath.Join(t.TempDir(), "sum.cmd")
	os.WriteFile(cmd, []byte(out), 0o644)
	check(t, verdict{0, same, nil, nil}, "-f", cmd, g, g)
}

func TestDiffFile(t *testing.T) {
	t.Parallel()
	a := shared(t, "exomerge_unit_test.e")
	f2 := mk(t, a, "nodal", "1", "4", "10", "1e-2")
	out := filepath.Join(t.TempDir(), "d.e")
	// With a diffs file exodiff only writes the differences: the values
	// are not judged, so the exit status is 0 (exodiff.C's diff_nodals
	// returns before comparing when an output file is open).
	st, text := run(t, "-absolute", a, f2, out)
	if st != 0 {
		t.Fatalf("status %d\n%s", st, tail(text))
	}
	m, err := exodus.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := exodus.ReadFile(a)
	var f *meshobj.Field
	for _, x := range m.NodeFields {
		if x.Name == "disp_x" {
			f = x
		}
	}
	if f == nil || len(f.Values) != 5 {
		t.Fatalf("diff file lacks disp_x over 5 steps")
	}
	v := orig.NodeFields[0].Values[4][10]
	want := v - v*(1+1e-2) // absolute FileDiff: a - b
	if got := f.Values[4][10]; got != want {
		t.Errorf("disp_x diff at node 11, step 5 = %g, want %g", got, want)
	}
	if got := f.Values[4][11]; got != 0 {
		t.Errorf("unchanged node has diff %g", got)
	}
}
