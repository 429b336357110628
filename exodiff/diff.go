package exodiff

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"exosh/meshobj"
)

// stopErr ends a comparison early with an exit status (a mesh difference,
// a fatal mismatch, -quiet's first difference).
type stopErr struct {
	status int
	msg    string
}

func (e *stopErr) Error() string { return e.msg }

// cvar is one variable compared: its name (as in file 1), its indices in
// each file and its tolerance.
type cvar struct {
	name   string
	i1, i2 int
	tol    Tolerance
}

// cmp is one comparison in progress.
type cmp struct {
	o        *Options
	a, b     *side
	out      io.Writer
	errOut   io.Writer
	res      *Result
	diff     bool
	nameLen  int
	nodeMap  []int // file-1 node -> file-2 node (-1 unmatched); nil: identity
	elemMap  []int // file-1 element -> file-2 element; nil: identity
	glob     []cvar
	node     []cvar
	elem     []cvar
	attr     []string
	ns, ss   []cvar
	diffFile *diffWriter
	curStep  int
	offset   int

	w1, w2           want
	d1, d2, d2b, d2i *stepData
}

// CompareFiles compares two Exodus files as exodiff does under o (already
// resolved), writing exodiff's report to out (and its warnings to errOut).
// With diffPath set it writes a file of the differences instead of
// checking the mesh. The returned Result always has Status and Closing set.
func CompareFiles(o *Options, path1, path2, diffPath string, out, errOut io.Writer) *Result {
	res := &Result{File1: path1, File2: path2}
	a, err := openFile(path1)
	if err != nil {
		return fail(res, out, errOut, openMsg(path1, err))
	}
	defer a.close()
	b, err := openFile(path2)
	if err != nil {
		return fail(res, out, errOut, openMsg(path2, err))
	}
	defer b.close()
	c := &cmp{o: o, a: a, b: b, out: out, errOut: errOut, res: res}
	if diffPath != "" {
		c.diffFile = &diffWriter{path: diffPath}
	}
	return c.run()
}

// CompareModels compares two in-memory models as CompareFiles compares
// files; name1 and name2 label them in the report.
func CompareModels(o *Options, m1, m2 *meshobj.Model, name1, name2 string, out, errOut io.Writer) *Result {
	res := &Result{File1: name1, File2: name2}
	c := &cmp{o: o, a: modelSide(name1, m1), b: modelSide(name2, m2), out: out, errOut: errOut, res: res}
	return c.run()
}

// openMsg is exodiff's message for a file it cannot open.
func openMsg(path string, err error) string {
	msg := fmt.Sprintf("Couldn't open file \"%s\".", path)
	if _, serr := os.Stat(path); serr == nil {
		msg += " File exists, but could not be read as Exodus: " + err.Error()
	} else {
		msg += " " + err.Error()
	}
	return msg
}

// fail ends res with an error (exit status 1).
func fail(res *Result, out, errOut io.Writer, msg string) *Result {
	res.Error = msg
	res.Status = 1
	res.Same = false
	res.Closing = "exodiff: ERROR: " + msg
	fmt.Fprintf(errOut, "exodiff: ERROR: %s\n", msg)
	return res
}

func (c *cmp) printf(format string, args ...any) {
	if !c.o.Quiet {
		fmt.Fprintf(c.out, format, args...)
	}
}

// warn prints a warning as exodiff's Warning does: to standard error,
// prefixed "exodiff: WARNING: ", also under -quiet.
func (c *cmp) warn(format string, args ...any) {
	fmt.Fprintf(c.errOut, "exodiff: WARNING: "+format, args...)
}

// record notes a difference; results differences set the diff flag.
func (c *cmp) record(d Difference) {
	if d.Step == 0 && d.Kind != "mesh" && d.Kind != "attribute" && d.Kind != "sideset_df" && d.Kind != "variable" {
		d.Step = c.curStep
	}
	c.res.Differences = append(c.res.Differences, d)
}

// run performs the comparison.
func (c *cmp) run() *Result {
	err := c.compare()
	res := c.res
	var st *stopErr
	switch {
	case errors.As(err, &st):
		res.Status = st.status
		res.Same = false
		if res.Closing == "" {
			res.Closing = st.msg
		}
	case err != nil:
		return fail(res, c.out, c.errOut, err.Error())
	default:
		res.Same = !c.diff
		if c.diff && c.o.Status {
			res.Status = 2
		}
	}
	return res
}

func (c *cmp) compare() error {
	o, a, b := c.o, c.a, c.b
	c.header()
	// Counts: a difference here ends the comparison as a results
	// difference (exit 2), as exodiff's Check_Global does.
	same := true
	if a.m.NumDim != b.m.NumDim {
		c.countDiff(".. Dimension doesn't agree.\n", "dimension")
		same = false
	}
	if o.Map != MatchPartial {
		if a.numNodes != b.numNodes {
			c.countDiff(".. Number of nodes doesn't agree.\n", "nodes")
			same = false
		}
		if a.numElems != b.numElems {
			c.countDiff(".. Number of elements doesn't agree.\n", "elements")
			same = false
		}
		if len(a.m.Blocks) != len(b.m.Blocks) {
			c.countDiff(".. Number of element blocks doesn't agree.\n", "element blocks")
			same = false
		}
	}
	if a.numSteps != b.numSteps && !o.Quiet && !o.IgnoreSteps {
		c.warn(".. First file has %d result times while the second file has %d.\n", a.numSteps, b.numSteps)
	}
	if !same {
		c.diff = true
		c.res.Closing = "exodiff: Files are different"
		fmt.Fprintf(c.out, "\n%s\n", c.res.Closing)
		return nil
	}
	if err := c.buildMaps(); err != nil {
		return err
	}
	if o.DumpMap {
		c.dumpMaps()
	}
	c.buildVariables()
	if !o.IgnoreMaps && (o.Map == MatchIDs || o.Map == MatchFileOrder) {
		if c.compareIDMaps() && o.Map == MatchFileOrder {
			fmt.Fprintf(c.errOut, "exodiff: Exiting due to node/element mismatch with `-match_file_order` option enabled.\n")
			st := 1
			if o.Status {
				st = 2
			}
			c.res.Closing = "exodiff: Files are different"
			return &stopErr{status: st, msg: c.res.Closing}
		}
	}
	// exodiff checks the mesh also when it writes a diffs file, but then
	// skips the coordinates.
	if err := c.checkMesh(); err != nil {
		return err
	}
	c.truthTables()
	c.tolerancesReport()
	idKind := "global"
	if o.IgnoreMaps {
		idKind = "local"
	}
	c.printf("\n  NOTE: All node and element ids are reported as %s ids.\n\n", idKind)
	if o.Interpolate {
		c.printf("  NOTE: Interpolation mode is enabled.\n\n")
	}
	if !o.IgnoreAttributes && c.elemMap == nil {
		if err := c.diffAttributes(); err != nil {
			return err
		}
	}
	if !o.IgnoreSideSetDF {
		if err := c.diffSideSetDF(); err != nil {
			return err
		}
	}
	if err := c.steps(); err != nil {
		return err
	}
	if c.diffFile != nil {
		return c.diffFile.write(c)
	}
	c.closing()
	return nil
}

// countDiff reports a count mismatch.
func (c *cmp) countDiff(msg, what string) {
	c.warn("%s", msg)
	c.record(Difference{Kind: "mesh", Name: what, Message: strings.TrimSpace(msg)})
}

// header prints the two files' summaries.
func (c *cmp) header() {
	if c.o.Quiet {
		return
	}
	fmt.Fprintf(c.out, "\n  *****************************************************************\n")
	fmt.Fprintf(c.out, "             EXODIFF (exosh diff, version %s)\n", Version)
	fmt.Fprintf(c.out, "  *****************************************************************\n\n")
	if env := c.o.EnvOptions; env != "" {
		fmt.Fprintf(c.out, "\nThe following options were specified via the EXODIFF_OPTIONS environment variable:\n\t\t%s\n\n", env)
	}
	for i, s := range []*side{c.a, c.b} {
		path := s.name
		if abs, err := filepath.Abs(path); err == nil && s.r != nil {
			path = abs
		}
		fmt.Fprintf(c.out, "  FILE %d: %s\n   Title: %s\n          Dim = %d, Nodes = %d, Elements = %d\n"+
			"          Element Blocks = %d, Nodesets = %d, Sidesets = %d\n"+
			"    Vars: Global = %d, Nodal = %d, Element = %d, Nodeset = %d, Sideset = %d, Times = %d\n\n",
			i+1, path, s.title, s.m.NumDim, s.numNodes, s.numElems, len(s.m.Blocks), len(s.m.NodeSets),
			len(s.m.SideSets), len(s.glob), len(s.node), len(s.elem), len(s.nsv), len(s.ssv), s.numSteps)
	}
	if c.o.Pedantic {
		fmt.Fprintf(c.out, "  Pedantic Checking Enabled\n")
	}
	if c.o.CommandFile != "" {
		p := c.o.CommandFile
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		fmt.Fprintf(c.out, "  COMMAND FILE: %s\n\n", p)
	}
}

// indexOf finds name in names (case-insensitively with nocase), or -1.
func indexOf(names []string, name string, nocase bool) int {
	for i, n := range names {
		if n == name || (nocase && strings.EqualFold(n, name)) {
			return i
		}
	}
	return -1
}

// buildVariables decides which variables of each kind are compared, and
// reports variables present on one side only (a results difference).
func (c *cmp) buildVariables() {
	o, a, b := c.o, c.a, c.b
	c.glob = c.buildKind("global", &o.Global, a.glob, b.glob)
	c.node = c.buildKind("nodal", &o.Nodal, a.node, b.node)
	c.elem = c.buildKind("element", &o.Element, a.elem, b.elem)
	if !o.IgnoreAttributes {
		n1, n2 := attrNames(a.m), attrNames(b.m)
		for _, v := range c.buildKind("element attribute", &o.Attribute, n1, n2) {
			c.attr = append(c.attr, v.name)
		}
	}
	c.ns = c.buildKind("nodeset", &o.NodeSet, a.nsv, b.nsv)
	c.ss = c.buildKind("sideset", &o.SideSet, a.ssv, b.ssv)
	for _, l := range [][]cvar{c.glob, c.node, c.elem, c.ns, c.ss} {
		for _, v := range l {
			c.nameLen = max(c.nameLen, len(v.name))
		}
	}
	for _, n := range c.attr {
		c.nameLen = max(c.nameLen, len(n))
	}
	c.nameLen++
}

// attrNames lists the attribute names of a model's blocks, first seen
// first.
func attrNames(m *meshobj.Model) []string {
	var names []string
	for _, b := range m.Blocks {
		for _, n := range b.AttrNames {
			if n != "" && indexOf(names, n, false) < 0 {
				names = append(names, n)
			}
		}
	}
	return names
}

func (c *cmp) buildKind(kind string, spec *VarSpec, n1, n2 []string) []cvar {
	o := c.o
	nocase := o.NoCase
	var excl []string
	for _, n := range spec.Names {
		if strings.HasPrefix(n, "!") {
			excl = append(excl, strings.TrimPrefix(n, "!"))
		}
	}
	names := slices.Clone(spec.Names)
	tols := slices.Clone(spec.Tols)
	if spec.All {
		for _, n := range n1 {
			if indexOf(n2, n, nocase) < 0 && indexOf(excl, n, nocase) < 0 {
				if o.AllowNameMismatch {
					excl = append(excl, n)
				} else {
					c.diff = true
					msg := fmt.Sprintf("exodiff: DIFFERENCE .. The %s variable \"%s\" is in the first file but not the second.", kind, n)
					c.printf("%s\n", msg)
					c.record(Difference{Kind: "variable", Name: n, Message: msg})
					continue
				}
			}
			if indexOf(names, n, nocase) < 0 && indexOf(excl, n, nocase) < 0 {
				names = append(names, n)
				tols = append(tols, spec.Default)
			}
		}
		if !o.NoSymmetricNameCheck {
			for _, n := range n2 {
				if indexOf(n1, n, nocase) < 0 && indexOf(excl, n, nocase) < 0 {
					c.diff = true
					msg := fmt.Sprintf("exodiff: DIFFERENCE .. The %s variable \"%s\" is in the second file but not the first.", kind, n)
					c.printf("%s\n", msg)
					c.record(Difference{Kind: "variable", Name: n, Message: msg})
				}
			}
		}
	}
	var out []cvar
	for i, n := range names {
		if strings.HasPrefix(n, "!") {
			continue
		}
		i1 := indexOf(n1, n, nocase)
		if i1 < 0 {
			c.diff = true
			msg := fmt.Sprintf("exodiff: DIFFERENCE .. Specified %s variable \"%s\" is not in the first file.", kind, n)
			c.printf("%s\n", msg)
			c.record(Difference{Kind: "variable", Name: n, Message: msg})
			continue
		}
		i2 := indexOf(n2, n, nocase)
		if i2 < 0 {
			c.diff = true
			msg := fmt.Sprintf("exodiff: DIFFERENCE .. The %s variable \"%s\" is in the first file, but not the second file.", kind, n)
			c.printf("%s\n", msg)
			c.record(Difference{Kind: "variable", Name: n, Message: msg})
			continue
		}
		dup := false
		for _, v := range out {
			if v.i1 == i1 {
				dup = true
			}
		}
		if !dup {
			out = append(out, cvar{name: n1[i1], i1: i1, i2: i2, tol: tols[i]})
		}
	}
	return out
}

// block2 returns the block of file 2 that matches block b of file 1 (by
// id, or by name with -match_by_name), or -1.
func (c *cmp) block2(b int) int {
	b1 := c.a.m.Blocks[b]
	for j, b2 := range c.b.m.Blocks {
		if (c.o.ByName && b2.Name == b1.Name) || (!c.o.ByName && b2.ID == b1.ID) {
			return j
		}
	}
	return -1
}

func (c *cmp) nodeSet2(i int) int {
	s1 := c.a.m.NodeSets[i]
	for j, s2 := range c.b.m.NodeSets {
		if (c.o.ByName && s2.Name == s1.Name) || (!c.o.ByName && s2.ID == s1.ID) {
			return j
		}
	}
	return -1
}

func (c *cmp) sideSet2(i int) int {
	s1 := c.a.m.SideSets[i]
	for j, s2 := range c.b.m.SideSets {
		if (c.o.ByName && s2.Name == s1.Name) || (!c.o.ByName && s2.ID == s1.ID) {
			return j
		}
	}
	return -1
}

// truthTables reports entities missing from file 2 that carry compared
// variables, and variables stored on one side only.
func (c *cmp) truthTables() {
	if len(c.elem) > 0 {
		for b := range c.a.m.Blocks {
			if c.block2(b) < 0 && c.o.Map != MatchPartial {
				c.diff = true
				msg := fmt.Sprintf("exodiff: DIFFERENCE Element Block id %d exists in first file but not the second...", c.a.m.Blocks[b].ID)
				fmt.Fprintln(c.out, msg)
				c.record(Difference{Kind: "mesh", Name: "element block", Message: msg})
			}
		}
	}
}

// tolerancesReport prints what is compared with which tolerance.
func (c *cmp) tolerancesReport() {
	o := c.o
	if o.Quiet {
		return
	}
	if c.diffFile != nil {
		fmt.Fprintf(c.out, "Differences are written to %s (%s).\n", c.diffFile.path, o.OutputType)
		return
	}
	if o.UseOldFloor {
		fmt.Fprintf(c.out, "INFO: Using old definition of floor tolerance. |a-b|<floor.\n\n")
	}
	if o.Coord.Mode != Ignore {
		fmt.Fprintf(c.out, "\nNodal coordinates will be compared:\n   %-*s tol: %8g (%s), floor: %8g\n", c.nameLen, "...", o.Coord.Value, o.Coord.Mode, o.Coord.Floor)
	} else {
		fmt.Fprintf(c.out, "\nNodal coordinates will not be compared.\n")
	}
	if o.Time.Mode != Ignore {
		fmt.Fprintf(c.out, "Time step values will be compared:\n   %-*s tol: %8g (%s), floor: %8g\n", c.nameLen, "...", o.Time.Value, o.Time.Mode, o.Time.Floor)
	} else {
		fmt.Fprintf(c.out, "Time step time values will not be compared.\n")
	}
	list := func(kind string, vars []cvar, n1, n2 int) {
		switch {
		case len(vars) > 0:
			fmt.Fprintf(c.out, "%s variables to be compared:\n", kind)
			for i, v := range vars {
				if i == 0 {
					fmt.Fprintf(c.out, "   %-*s tol: %8g (%s), floor: %8g\n", c.nameLen, v.name, v.tol.Value, v.tol.Mode, v.tol.Floor)
				} else {
					fmt.Fprintf(c.out, "   %-*s      %8g (%s),        %8g\n", c.nameLen, v.name, v.tol.Value, v.tol.Mode, v.tol.Floor)
				}
			}
		case n1 == 0 && n2 == 0:
			fmt.Fprintf(c.out, "No %s variables on either file.\n", kind)
		default:
			fmt.Fprintf(c.out, "%s variables will not be compared.\n", kind)
		}
	}
	list("Global", c.glob, len(c.a.glob), len(c.b.glob))
	list("Nodal", c.node, len(c.a.node), len(c.b.node))
	list("Element", c.elem, len(c.a.elem), len(c.b.elem))
	var attrs []cvar
	for _, n := range c.attr {
		attrs = append(attrs, cvar{name: n, tol: c.attrTol(n)})
	}
	list("Element Attribute", attrs, len(attrNames(c.a.m)), len(attrNames(c.b.m)))
	list("Nodeset", c.ns, len(c.a.nsv), len(c.b.nsv))
	list("Sideset", c.ss, len(c.a.ssv), len(c.b.ssv))
	switch {
	case o.IgnoreSideSetDF || o.SideSetDF.Mode == Ignore:
		fmt.Fprintf(c.out, "Sideset Distribution Factors will not be compared.\n")
	case len(c.a.m.SideSets) > 0 && len(c.b.m.SideSets) > 0:
		fmt.Fprintf(c.out, "Sideset Distribution Factors will be compared:\n   %-*s tol: %8g (%s), floor: %8g\n", c.nameLen, "...", o.SideSetDF.Value, o.SideSetDF.Mode, o.SideSetDF.Floor)
	default:
		fmt.Fprintf(c.out, "No Sideset Distribution Factors on either file.\n")
	}
}

// attrTol is the tolerance of attribute name.
func (c *cmp) attrTol(name string) Tolerance {
	s := &c.o.Attribute
	for i, n := range s.Names {
		if n == name || (c.o.NoCase && strings.EqualFold(n, name)) {
			return s.Tols[i]
		}
	}
	return s.Default
}

// maxDiff tracks the largest difference of one variable.
type maxDiff struct {
	d, v1, v2 float64
	idx       int
	blk       int64
	set       bool
}

func (m *maxDiff) add(d, v1, v2 float64, idx int, blk int64) {
	if !m.set || d > m.d {
		*m = maxDiff{d: d, v1: v1, v2: v2, idx: idx, blk: blk, set: true}
	}
}

// norm accumulates exodiff's L1 and L2 norms of differences.
type norm struct {
	l1, l2, l1a, l2a, l1b, l2b float64
}

func (n *norm) add(a, b float64) {
	d := math.Abs(a - b)
	n.l1 += d
	n.l2 += d * d
	n.l1a += math.Abs(a)
	n.l2a += a * a
	n.l1b += math.Abs(b)
	n.l2b += b * b
}

// lines renders the norms exodiff prints when they are non-zero.
func (n *norm) lines(o *Options, nameLen int, name string) string {
	var sb strings.Builder
	rel := func(d, a, b float64) float64 {
		if m := math.Max(a, b); m > 0 {
			return d / m
		}
		return 0
	}
	if o.L1Norm && n.l1 > 0 {
		fmt.Fprintf(&sb, "   %-*s L1 norm of diff=%14.7e (%11.5e ~ %11.5e) rel=%14.7e\n", nameLen, name, n.l1, n.l1a, n.l1b, rel(n.l1, n.l1a, n.l1b))
	}
	if o.L2Norm && n.l2 > 0 {
		d, a, b := math.Sqrt(n.l2), math.Sqrt(n.l2a), math.Sqrt(n.l2b)
		fmt.Fprintf(&sb, "   %-*s L2 norm of diff=%14.7e (%11.5e ~ %11.5e) rel=%14.7e\n", nameLen, name, d, a, b, rel(d, a, b))
	}
	return sb.String()
}

// hasNaN reports whether vals holds a NaN.
func hasNaN(vals []float64) bool {
	for _, v := range vals {
		if v != v {
			return true
		}
	}
	return false
}

// parallel runs n tasks over GOMAXPROCS workers.
func parallel(n int, task func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			task(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				task(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sortedIDs returns the positions of ids in increasing id order.
func sortedIDs(ids []int64) []int {
	idx := make([]int, len(ids))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return ids[idx[x]] < ids[idx[y]] })
	return idx
}
