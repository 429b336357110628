package exodiff

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// Version is the exodiff-compatible version exosh diff reports.
const Version = "1.0"

// Main is `exosh diff`: it parses exodiff's arguments (and the
// EXODIFF_OPTIONS value env), runs the comparison and returns the exit
// status exodiff would.
func Main(args []string, env string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "exodiff: ERROR: internal error: %v (please report it with the files that caused it)\n", r)
			status = 1
		}
	}()
	o := Defaults()
	files, err := o.parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n\n", err)
		fmt.Fprint(stderr, usageText)
		return 1
	}
	if h, ok := o.raw["help"]; ok {
		printHelp(stdout, h)
		return 0
	}
	if o.has("Help") {
		printHelp(stdout, "usage")
		return 0
	}
	if o.has("version") {
		fmt.Fprintf(stdout, "EXODIFF\t(Version: %s)\n", Version)
		return 0
	}
	if o.has("copyright") {
		fmt.Fprintln(stdout, "exosh diff is part of exosh; it follows the behaviour of SEACAS exodiff (BSD licence, NTESS).")
		return 0
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "exodiff: ERROR: no files specified\n\n")
		return 1
	}
	if env != "" {
		if _, err := o.parseArgs(splitEnv(env)); err != nil {
			fmt.Fprintf(stderr, "exodiff: ERROR: EXODIFF_OPTIONS: %v\n", err)
			return 1
		}
		o.EnvOptions = env
	}
	summary := o.has("summary")
	if len(files) > 3 || (len(files) > 1 && summary && len(files) > 2) {
		fmt.Fprintf(stderr, "\nexodiff: ERROR: Too many file arguments specified.\n         Unknown options are: '%s'\n\n", strings.Join(files[min(3, len(files)):], "' '"))
		return 1
	}
	if c, ok := o.raw["file"]; ok && !summary && !fileExists(c) {
		fmt.Fprintf(stderr, "exodiff: ERROR: Can't open file \"%s\".\n", c)
		return 1
	}
	if err := o.Resolve(); err != nil {
		fmt.Fprintf(stderr, "exodiff: ERROR: %v\n", strings.TrimPrefix(err.Error(), "exodiff: "))
		return 1
	}
	if o.Summary {
		return Summarize(o, files[0], stdout, stderr)
	}
	if len(files) < 2 {
		fmt.Fprintf(stderr, "exodiff: ERROR: two files are needed to compare (or -summary with one)\n")
		return 1
	}
	diffPath := ""
	if len(files) == 3 {
		diffPath = files[2]
	}
	out := stdout
	if o.JSON {
		out = io.Discard
	}
	res := CompareFiles(o, files[0], files[1], diffPath, out, stderr)
	if o.JSON {
		stdout.Write(res.JSON())
	}
	return res.Status
}

const usageText = `usage: exosh diff [options] file1.exo file2.exo [diffile.exo]
   or: exosh diff -summary <file.exo>   (variable summary as a command file)
   or: exosh diff -help [usage|file|tolerance|all]
   or: exosh diff -version
`

// helpOptions describes every option, in exodiff's groups.
var helpOptions = [][2]string{
	{"-help [usage|file|tolerance|all]", "Print this summary, the command-file syntax or the tolerance kinds, and exit."},
	{"-file <file> (-f)", "Read the variables to compare and their tolerances from a command file (-help file)."},
	{"-summary", "Print min/max statistics of one file's variables as a command file."},
	{"-tolerance <tol> (-t)", "Default tolerance (1.0E-6)."},
	{"-Floor <floor>", "Default floor (0.0): values both below it in magnitude are equal."},
	{"-absolute, -relative, -combined", "Kind of the default tolerance (relative by default)."},
	{"-ulps_float, -ulps_double", "Default tolerance counts units in the last place (as floats or doubles)."},
	{"-eigen_absolute, -eigen_relative, -eigen_combined", "As above, on absolute values (eigenvectors may flip sign)."},
	{"-ignore", "Ignore values by default (turn off checking)."},
	{"-coordinate_tolerance <tol>", "Coordinate tolerance (absolute 1.0E-6)."},
	{"-use_old_floor", "Floor test |a-b| < floor instead of |a| < floor and |b| < floor."},
	{"-pedantic", "Be picky: set counts, names and member lists are differences."},
	{"-quiet", "Print only the closing line (stop at the first difference)."},
	{"-show_all_diffs", "Show every value beyond tolerance, not just each variable's largest."},
	{"-norms, -l1norms, -l2norms", "Print L1 and/or L2 norms of the differences when non-zero."},
	{"-status", "Exit 2 when the files differ (default)."},
	{"-ignore_status", "Exit 0 even when the files differ (1 still means an error)."},
	{"-ignore_steps", "Compare the mesh only, no transient data."},
	{"-exclude <list> (-x)", "Skip steps, e.g. \"1,5-9,28\" (1-based)."},
	{"-steps <beg:end:inc|last>", "Compare a subset of steps."},
	{"-explicit <s1:s2>", "Compare step s1 of file 1 with step s2 of file 2 (a number or 'last')."},
	{"-TimeStepOffset <n> (-T)", "Step x+n of file 1 matches step x of file 2."},
	{"-TA", "Choose the offset so both files end at the same step."},
	{"-TM", "Choose the offset by the time closest to file 2's first time."},
	{"-interpolate", "Interpolate file 2 in time to file 1's times."},
	{"-final_time_tolerance <tol>", "With -interpolate, how close the final times must be."},
	{"-time_scale <s>, -time_offset <t>", "Use s*time+t for file 1's times."},
	{"-map (-m)", "Match nodes and elements by coordinates."},
	{"-partial (-p)", "As -map, ignoring nodes and elements without a match."},
	{"-dumpmap", "Print the node and element maps."},
	{"-show_unmatched", "With -partial, print the elements without a match."},
	{"-allow_permuted_connectivity", "Connectivity may be a permutation of the other file's."},
	{"-ignore_dups", "With -map/-partial, take the first of coincident matches."},
	{"-match_ids", "Match nodes and elements through their id maps (default)."},
	{"-match_file_order", "Match by position; the ids must agree."},
	{"-match_by_name", "Match blocks and sets by name instead of id."},
	{"-nsmap, -no_nsmap", "Compare node-set nodes by node id (default) or file order."},
	{"-ssmap, -no_ssmap", "Compare side-set sides by element and side (default) or file order."},
	{"-short (-s), -no_short", "Block types compare up to the shorter name (HEX = HEX8; default) or fully."},
	{"-ignore_case (-i), -case_sensitive", "Variable names compare case-insensitively (default) or not."},
	{"-nosymmetric_name_check", "Do not report variables of file 2 missing from file 1."},
	{"-allow_name_mismatch", "A variable of file 1 may be missing from file 2."},
	{"-ignore_maps", "Report local (1..n) instead of global ids; match by position."},
	{"-ignore_nans", "Do not check for NaNs."},
	{"-ignore_attributes", "Do not compare element attributes."},
	{"-ignore_sideset_df", "Do not compare side-set distribution factors."},
	{"-max_warnings <n>", "At most n id-mismatch warnings (100)."},
	{"-json", "Print the whole result as one JSON document (exosh)."},
	{"-version", "Print the version."},
}

// printHelp prints the help topic.
func printHelp(w io.Writer, topic string) {
	t := strings.ToLower(topic)
	if t == "" || t == "usage" || t == "all" {
		fmt.Fprint(w, usageText+"\nOptions (single or double dash; unique abbreviations accepted):\n")
		for _, h := range helpOptions {
			fmt.Fprintf(w, "  %-40s %s\n", h[0], h[1])
		}
	}
	if t == "file" || t == "all" {
		fmt.Fprint(w, fileHelp)
	}
	if t == "tolerance" || t == "all" {
		fmt.Fprint(w, toleranceHelp)
	}
	fmt.Fprint(w, "\n  Options can also be given in the EXODIFF_OPTIONS environment variable.\n"+
		"  Exit status: 0 same, 2 different, 1 error or mesh difference.\n")
}

const toleranceHelp = `
 Tolerance kinds (d is compared with the tolerance; the files differ when d > tol):
   relative        |a - b| / max(|a|, |b|)
   absolute        |a - b|
   combined        |a - b| / max(1, |a|, |b|)  (absolute below 1, relative above)
   eigen_relative  ||a| - |b|| / max(|a|, |b|)
   eigen_absolute  ||a| - |b||
   eigen_combined  ||a| - |b|| / max(1, |a|, |b|)
   ulps_float      representable floats between a and b
   ulps_double     representable doubles between a and b

 a and b are equal when |a| and |b| are both below the floor (-Floor).
 Defaults: variables and attributes relative 1e-6, floor 0; coordinates
 absolute 1e-6; time values relative 1e-6, floor 1e-15.
`

const fileHelp = `
 Command file (-f FILE):
   # a comment (anything after # is ignored)
   DEFAULT TOLERANCE relative 1.E-8 floor 1.E-14
   COORDINATES absolute 1.E-12
   TIME STEPS absolute 1.E-14
   GLOBAL VARIABLES relative 1.E-4 floor 1.E-12
   NODAL VARIABLES absolute 1.E-8
   <tab> DISPLX
   <tab> VELX absolute 1.E-6
   <tab> VELY relative 1.E-6 floor 1.e-10
   ELEMENT VARIABLES
   <tab> !SIGYY
   NODESET VARIABLES / SIDESET VARIABLES / ELEMENT ATTRIBUTES  (same form)

 - Keywords and (unless CASE SENSITIVE) variable names are case-insensitive;
   keywords may be abbreviated (three letters).
 - A VARIABLES line sets the tolerance of its kind; a variable line starts
   with a tab (or blank) and may give its own tolerance.
 - Only listed variables are compared, unless "(all)" follows VARIABLES;
   "!NAME" excludes a variable. Mixing names and !names needs "(all)".
   A section with no names (or only !names) compares all the others.
 - A kind not mentioned is not compared at all.

 Other keywords:
   EXCLUDE TIMES <list>        as -exclude
   APPLY MATCHING              as -map
   NODESET MATCH, SIDESET MATCH as -nsmap, -ssmap
   SHORT BLOCKS, NO SHORT BLOCKS
   CASE SENSITIVE, IGNORE CASE
   IGNORE MAPS, IGNORE NANS, IGNORE DUPLICATES, IGNORE ATTRIBUTES
   IGNORE SIDESET DISTRIBUTION FACTORS
   SIDESET DISTRIBUTION FACTORS <kind> <tol> [floor <f>]
   STEP OFFSET <n> | AUTOMATIC | MATCH   as -T, -TA, -TM
   INTERPOLATE, FINAL TIME TOLERANCE <tol>
   CALCULATE NORMS (L1NORMS, L2NORMS)
   RETURN STATUS, IGNORE STATUS, PEDANTIC
`

// minMax tracks the extreme absolute values of one variable.
type minMax struct {
	min, max         float64
	minStep, maxStep int
	minAt, maxAt     string
	set              bool
}

func (m *minMax) add(v float64, step int, at string) {
	a := math.Abs(v)
	if !m.set || a < m.min {
		m.min, m.minStep, m.minAt = a, step, at
	}
	if !m.set || a > m.max {
		m.max, m.maxStep, m.maxAt = a, step, at
	}
	m.set = true
}

// Summarize prints exodiff's -summary of one file: a command file listing
// every variable with its min and max absolute values in comments.
func Summarize(o *Options, path string, stdout, stderr io.Writer) int {
	s, err := openFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "exodiff: ERROR: %s\n", openMsg(path, err))
		return 1
	}
	defer s.close()
	w := want{glob: true}
	for i := range s.node {
		w.node = append(w.node, i)
	}
	for i := range s.elem {
		w.elem = append(w.elem, i)
	}
	for i := range s.nsv {
		w.nodeset = append(w.nodeset, i)
	}
	for i := range s.ssv {
		w.sides = append(w.sides, i)
	}
	d := s.newStepData(w)
	gl := make([]minMax, len(s.glob))
	nd := make([]minMax, len(s.node))
	el := make([]minMax, len(s.elem))
	ns := make([]minMax, len(s.nsv))
	ss := make([]minMax, len(s.ssv))
	var tm minMax
	for t := range s.numSteps {
		step := t + 1
		tm.add(s.times[t], step, "")
		if err := s.load(t, w, d); err != nil {
			fmt.Fprintf(stderr, "exodiff: ERROR: %v\n", err)
			return 1
		}
		for i, v := range d.glob {
			gl[i].add(v, step, "")
		}
		for i := range s.node {
			for n, v := range d.node[i] {
				nd[i].add(v, step, fmt.Sprintf(",n%d", s.nodeIDs[n]))
			}
		}
		for b, blk := range s.m.Blocks {
			for i := range s.elem {
				for e, v := range d.elem[b][i] {
					el[i].add(v, step, fmt.Sprintf(",b%d,e%d", blk.ID, s.elemIDs[s.blockOff[b]+e]))
				}
			}
		}
		for k, set := range s.m.NodeSets {
			for i := range s.nsv {
				for p, v := range d.ns[k][i] {
					ns[i].add(v, step, fmt.Sprintf(",s%d,n%d", set.ID, p+1))
				}
			}
		}
		for k, set := range s.m.SideSets {
			for i := range s.ssv {
				for p, v := range d.ss[k][i] {
					ss[i].add(v, step, fmt.Sprintf(",s%d,f%d", set.ID, p+1))
				}
			}
		}
	}
	nl := 0
	for _, l := range [][]string{s.glob, s.node, s.elem, s.nsv, s.ssv} {
		for _, n := range l {
			nl = max(nl, len(n))
		}
	}
	fmt.Fprintf(stdout, "# exodiff summary of %s (exosh %s)\n", path, Version)
	fmt.Fprintf(stdout, "# NOTES:  - The min/max values are reporting the min/max in absolute value.\n")
	fmt.Fprintf(stdout, "#         - Time values (t) are 1-offset time step numbers.\n")
	fmt.Fprintf(stdout, "#         - Element block numbers are the block ids.\n")
	fmt.Fprintf(stdout, "#         - Node(n) and element(e) numbers are 1-offset global ids.\n\n")
	fmt.Fprintf(stdout, "COORDINATES absolute 1.e-6    # min separation not calculated\n\n")
	if s.numSteps > 0 {
		fmt.Fprintf(stdout, "TIME STEPS relative 1.e-6 floor 0.0     # min: %15.8g @ t%d max: %15.8g @ t%d\n", tm.min, tm.minStep, tm.max, tm.maxStep)
	} else {
		fmt.Fprintf(stdout, "# No TIME STEPS\n")
	}
	section := func(title string, names []string, mm []minMax) {
		if len(names) == 0 {
			fmt.Fprintf(stdout, "\n# No %s\n", title)
			return
		}
		fmt.Fprintf(stdout, "\n%s relative 1.e-6 floor 0.0\n", title)
		for i, n := range names {
			m := mm[i]
			fmt.Fprintf(stdout, "\t%-*s  # min: %15.8g @ t%d%s\tmax: %15.8g @ t%d%s\n", nl, n, m.min, m.minStep, m.minAt, m.max, m.maxStep, m.maxAt)
		}
	}
	section("GLOBAL VARIABLES", s.glob, gl)
	section("NODAL VARIABLES", s.node, nd)
	section("ELEMENT VARIABLES", s.elem, el)
	section("NODESET VARIABLES", s.nsv, ns)
	section("SIDESET VARIABLES", s.ssv, ss)
	fmt.Fprintln(stdout)
	return 0
}
