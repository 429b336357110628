package exodiff

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// interp says which step(s) of file 2 stand for a step of file 1: step1
// and step2 (1-based) and the proportion between them; step1 == -1 means
// before file 2's times, step2 == -1 after them.
type interp struct {
	step1, step2 int
	prop         float64
}

// surrounding finds the steps of s around time t (exodiff's rule).
func (c *cmp) surrounding(t float64, s *side) interp {
	n := s.numSteps
	if n == 0 || t < s.times[0] {
		return interp{step1: -1, step2: 0}
	}
	if t > s.times[n-1] {
		return interp{step1: 0, step2: -1}
	}
	bef := 1
	for i := 2; i <= n; i++ {
		ti := s.times[i-1]
		if ti <= t || (c.o.Time.Mode != Ignore && !c.o.Time.Differ(t, ti)) {
			bef = i
		} else {
			break
		}
	}
	if !c.o.Time.Differ(t, s.times[bef-1]) || bef == n {
		return interp{step1: bef, step2: bef}
	}
	t1, t2 := s.times[bef-1], s.times[bef]
	return interp{step1: bef, step2: bef + 1, prop: (t - t1) / (t2 - t1)}
}

// time1 is the (scaled and offset) time of step (1-based) of file 1.
func (c *cmp) time1(step int) float64 {
	return c.o.TimeScale*c.a.times[step-1] + c.o.TimeOffset
}

// steps compares the timesteps.
func (c *cmp) steps() error {
	o, a, b := c.o, c.a, c.b
	minSteps := min(a.numSteps, b.numSteps)
	if o.Interpolate {
		minSteps = a.numSteps
	}
	if o.StepStop > 0 && o.StepStop < minSteps {
		minSteps = o.StepStop
	}
	c.prepare()
	if o.Explicit[0] != 0 && o.Explicit[1] != 0 {
		ts1, ts2 := o.Explicit[0], o.Explicit[1]
		if ts1 == -1 {
			ts1 = a.numSteps
		}
		if ts2 == -1 {
			ts2 = b.numSteps
		}
		if ts1 < 1 || ts1 > a.numSteps || ts2 < 1 || ts2 > b.numSteps {
			return fmt.Errorf("-explicit %d:%d: the files have %d and %d steps", ts1, ts2, a.numSteps, b.numSteps)
		}
		c.printf("  --------- Explicit Time step File 1: %d, %13.7e ~ File 2: %d, %13.7e ---------\n", ts1, c.time1(ts1), ts2, b.times[ts2-1])
		return c.diffStep(ts1, interp{step1: ts2, step2: ts2})
	}
	offset := o.StepOffset
	if offset == -1 {
		offset = a.numSteps - b.numSteps
		if offset < 0 {
			return fmt.Errorf("Second database must have less timesteps than first database.")
		}
	}
	if offset == -2 {
		if a.numSteps < b.numSteps {
			return fmt.Errorf("Second database must have less timesteps than first database.")
		}
		step := 1
		if b.numSteps > 0 && a.numSteps > 0 {
			t2 := b.times[0]
			best := math.Abs(t2 - c.time1(1))
			for i := 2; i < a.numSteps; i++ {
				if d := math.Abs(t2 - c.time1(i)); d < best {
					step, best = i, d
				}
			}
		}
		offset = step - 1
	}
	c.offset = offset
	start := o.StepStart
	if offset > 0 {
		if start > 1 {
			fmt.Fprintf(c.out, "The first %d timesteps in the first database will be skipped because of time step offset and time step start settings.\n\n", offset+start-1)
		} else {
			fmt.Fprintf(c.out, "The first %d timesteps in the first database will be skipped because of time step offset setting.\n\n", offset)
		}
	}
	switch {
	case start == -1:
		start = b.numSteps
		offset = a.numSteps - b.numSteps
		c.offset = offset
		minSteps = start
		fmt.Fprintf(c.out, "Comparing only the final step (step %d on first, step %d on second) on each database.\n\n", a.numSteps, b.numSteps)
	case start < 0:
		start = minSteps
	case start < 1:
		start = 1
	}
	if start > minSteps && minSteps > 0 {
		c.warn("Time step options resulted in no timesteps being compared.\n")
		c.diff = true
		c.record(Difference{Kind: "steps", Name: "steps", Message: "Time step options resulted in no timesteps being compared."})
	}
	for ts := start; ts <= minSteps; ts += max(o.StepInc, 1) {
		if slices.Contains(o.Exclude, ts) || o.IgnoreSteps {
			continue
		}
		ts1, ts2 := ts+offset, ts
		if ts1 > a.numSteps || ts1 < 1 {
			break
		}
		c.curStep = ts1
		t2 := interp{step1: ts2, step2: ts2}
		if o.Interpolate {
			t2 = c.surrounding(c.time1(ts1), b)
		}
		if err := c.stepHeader(ts, ts1, ts2, t2, minSteps); err != nil {
			return err
		}
		if o.Interpolate && (t2.step1 == -1 || t2.step2 == -1) {
			continue
		}
		if err := c.diffStep(ts1, t2); err != nil {
			return err
		}
	}
	c.curStep = 0
	if !o.IgnoreSteps {
		noVars := len(c.glob)+len(c.node)+len(c.elem)+len(c.attr)+len(c.ns)+len(c.ss) == 0
		if (minSteps == 0 && o.Coord.Mode == Ignore) || (minSteps > 0 && o.Time.Mode == Ignore && noVars) {
			fmt.Fprintf(c.out, "\nWARNING: No comparisons were performed during this execution.\n")
			c.diff = true
			c.record(Difference{Kind: "steps", Name: "comparisons", Message: "No comparisons were performed during this execution."})
		}
	}
	return nil
}

// stepHeader prints the step line and compares the time values.
func (c *cmp) stepHeader(ts, ts1, ts2 int, t2 interp, minSteps int) error {
	o, b := c.o, c.b
	t1 := c.time1(ts1)
	if c.diffFile != nil {
		c.printf("Processing time step %d  (Difference in time values = %g)\n", ts1, t1-b.times[ts2-1])
		return nil
	}
	var line string
	switch {
	case !o.Interpolate:
		tt := b.times[ts2-1]
		line = fmt.Sprintf("  --------- Time step %d, %13.7e ~ %13.7e, %s diff: %12.5e", ts1, t1, tt, o.Time.Mode.Abbrev(), FileDiff(t1, tt, o.Time.Mode))
	case t2.step1 == -1:
		line = fmt.Sprintf("  --------- Time step %d, %13.7e ~ Skipping - Before all times on file2 (INTERPOLATING)", ts1, t1)
	case t2.step2 == -1:
		line = fmt.Sprintf("  --------- Time step %d, %13.7e ~ Skipping - After all times on file2 (INTERPOLATING)", ts1, t1)
	case t2.step1 == t2.step2:
		tt := b.times[t2.step1-1]
		line = fmt.Sprintf("  --------- Time step %d, %13.7e ~ Matches step %d, %13.7e on file2 %s diff: %12.5e", ts1, t1, t2.step1, tt, o.Time.Mode.Abbrev(), FileDiff(t1, tt, o.Time.Mode))
	default:
		line = fmt.Sprintf("  --------- Time step %d, %13.7e ~ Interpolating step %d, %13.7e and step %d, %13.7e, proportion %10.4e on file2",
			ts1, t1, t2.step1, b.times[t2.step1-1], t2.step2, b.times[t2.step2-1], t2.prop)
	}
	c.printf("%s", line)
	if !o.Interpolate && o.Time.Differ(t1, b.times[ts2-1]) {
		c.diff = true
		tt := b.times[ts2-1]
		c.record(Difference{Kind: "time", Name: "time", Step: ts1, MaxDiff: Num(o.Time.Delta(t1, tt)), Value1: Num(t1), Value2: Num(tt),
			Mode: o.Time.Mode.Abbrev(), Location: fmt.Sprintf("step %d", ts1), Message: strings.TrimSpace(line) + " (FAILED)"})
		if o.Quiet {
			return c.die()
		}
		c.printf(" (FAILED) \n")
	} else {
		c.printf(" ---------\n")
	}
	if o.Interpolate && ts == minSteps {
		tf := b.times[b.numSteps-1]
		if o.FinalTime.Differ(t1, tf) {
			c.diff = true
			msg := fmt.Sprintf("\tFinal database times differ by %g  which is not within specified %s tolerance of %g (FAILED)", FileDiff(t1, tf, o.FinalTime.Mode), o.FinalTime.Mode, o.FinalTime.Value)
			fmt.Fprintln(c.out, msg)
			c.record(Difference{Kind: "time", Name: "final time", Step: ts1, Value1: Num(t1), Value2: Num(tf), Message: strings.TrimSpace(msg)})
		}
	}
	return nil
}

// prepare allocates the step buffers of both sides.
func (c *cmp) prepare() {
	w1, w2 := want{glob: len(c.glob) > 0}, want{glob: len(c.glob) > 0}
	for _, v := range c.node {
		w1.node, w2.node = append(w1.node, v.i1), append(w2.node, v.i2)
	}
	for _, v := range c.elem {
		w1.elem, w2.elem = append(w1.elem, v.i1), append(w2.elem, v.i2)
	}
	if c.o.Map != MatchPartial {
		for _, v := range c.ns {
			w1.nodeset, w2.nodeset = append(w1.nodeset, v.i1), append(w2.nodeset, v.i2)
		}
		for _, v := range c.ss {
			w1.sides, w2.sides = append(w1.sides, v.i1), append(w2.sides, v.i2)
		}
	}
	c.w1, c.w2 = w1, w2
	c.d1 = c.a.newStepData(w1)
	c.d2 = c.b.newStepData(w2)
	if c.o.Interpolate {
		c.d2b = c.b.newStepData(w2)
		c.d2i = c.b.newStepData(want{})
	}
}

// finding is one result of comparing one variable at one step.
type finding struct {
	kind, name string
	tol        Tolerance
	d, v1, v2  float64
	id, blk    int64
	loc        string
	nan        string // NaN found: where
	text       string // other difference: the message
	norms      string // norm lines to print
}

// diffStep compares step ts1 of file 1 with t2 of file 2.
func (c *cmp) diffStep(ts1 int, t2 interp) error {
	c.curStep = ts1
	c.res.StepsCompared++
	if err := c.a.load(ts1-1, c.w1, c.d1); err != nil {
		return err
	}
	d2 := c.d2
	if err := c.b.load(t2.step1-1, c.w2, c.d2); err != nil {
		return err
	}
	if t2.step2 != t2.step1 {
		if err := c.b.load(t2.step2-1, c.w2, c.d2b); err != nil {
			return err
		}
		blend(c.d2i, c.d2, c.d2b, t2.prop)
		d2 = c.d2i
	}
	if c.diffFile != nil {
		return c.diffFile.step(c, c.d1, d2)
	}
	type task struct {
		header string
		run    func() []finding
	}
	var tasks []task
	if len(c.glob) > 0 {
		tasks = append(tasks, task{"Global variables:\n", func() []finding { return c.globals(c.d1, d2) }})
	}
	for i := range c.node {
		h := ""
		if i == 0 {
			h = "Nodal variables:\n"
		}
		tasks = append(tasks, task{h, func() []finding { return c.nodal(c.node[i], c.d1, d2) }})
	}
	for i := range c.elem {
		h := ""
		if i == 0 {
			h = "Element variables:\n"
		}
		tasks = append(tasks, task{h, func() []finding { return c.element(c.elem[i], c.d1, d2) }})
	}
	if c.o.Map != MatchPartial {
		for i := range c.ns {
			h := ""
			if i == 0 {
				h = "Nodeset variables:\n"
			}
			tasks = append(tasks, task{h, func() []finding { return c.setVar(false, c.ns[i], c.d1, d2) }})
		}
		for i := range c.ss {
			h := ""
			if i == 0 {
				h = "Sideset variables:\n"
			}
			tasks = append(tasks, task{h, func() []finding { return c.setVar(true, c.ss[i], c.d1, d2) }})
		}
	} else if len(c.ns)+len(c.ss) > 0 {
		c.printf("WARNING: nodeset, sideset, edge block and face block variables not (yet) compared for partial map\n")
	}
	results := make([][]finding, len(tasks))
	parallel(len(tasks), func(i int) { results[i] = tasks[i].run() })
	for i, t := range tasks {
		c.printf("%s", t.header)
		for _, f := range results[i] {
			switch {
			case f.nan != "":
				c.nan(f.nan)
			case f.text != "":
				c.diff = true
				c.printf("%s\n", f.text)
				c.record(Difference{Kind: f.kind, Name: f.name, Location: f.loc, Message: strings.TrimSpace(f.text)})
			case f.norms != "":
				c.printf("%s", f.norms)
			default:
				if err := c.valueDiff(f.kind, f.name, f.tol, f.d, f.v1, f.v2, f.id, f.blk, f.loc); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// globals compares the global variables.
func (c *cmp) globals(d1, d2 *stepData) []finding {
	var out []finding
	for _, v := range c.glob {
		x, y := d1.glob[v.i1], d2.glob[v.i2]
		if !c.o.IgnoreNaNs {
			if x != x {
				out = append(out, finding{nan: fmt.Sprintf("global variable '%s' in file 1", v.name)})
			}
			if y != y {
				out = append(out, finding{nan: fmt.Sprintf("global variable '%s' in file 2", v.name)})
			}
		}
		if v.tol.Differ(x, y) {
			out = append(out, finding{kind: "global", name: v.name, tol: v.tol, d: v.tol.Delta(x, y), v1: x, v2: y, loc: "FAILED"})
		}
	}
	return out
}

// nodal compares one nodal variable.
func (c *cmp) nodal(v cvar, d1, d2 *stepData) []finding {
	var out []finding
	x, y := d1.node[v.i1], d2.node[v.i2]
	if x == nil || y == nil {
		return []finding{{kind: "nodal", name: v.name, text: fmt.Sprintf("exodiff: WARNING Could not find nodal variable '%s'.", v.name)}}
	}
	if !c.o.IgnoreNaNs {
		if hasNaN(x) {
			out = append(out, finding{nan: fmt.Sprintf("nodal variable '%s' in file 1", v.name)})
		}
		if hasNaN(y) {
			out = append(out, finding{nan: fmt.Sprintf("nodal variable '%s' in file 2", v.name)})
		}
	}
	var md maxDiff
	var nm norm
	tol := v.tol
	for n := range x {
		n2 := n
		if c.nodeMap != nil {
			if n2 = c.nodeMap[n]; n2 < 0 {
				continue
			}
		}
		a, b := x[n], y[n2]
		d := tol.Delta(a, b)
		if c.o.ShowAllDiffs {
			if d > tol.Value {
				out = append(out, finding{kind: "nodal", name: v.name, tol: tol, d: d, v1: a, v2: b, id: c.nodeID(n), loc: fmt.Sprintf("node %d", c.nodeID(n))})
			}
		} else if d > md.d || !md.set {
			md.add(d, a, b, n, 0)
		}
		if c.o.L1Norm || c.o.L2Norm {
			nm.add(a, b)
		}
	}
	if s := nm.lines(c.o, c.nameLen, v.name); s != "" {
		out = append(out, finding{norms: s})
	}
	if md.set && md.d > tol.Value {
		out = append(out, finding{kind: "nodal", name: v.name, tol: tol, d: md.d, v1: md.v1, v2: md.v2, id: c.nodeID(md.idx), loc: fmt.Sprintf("node %d", c.nodeID(md.idx))})
	}
	return out
}

// element compares one element variable over all blocks.
func (c *cmp) element(v cvar, d1, d2 *stepData) []finding {
	var out []finding
	var md maxDiff
	var nm norm
	tol := v.tol
	a, b := c.a, c.b
	for bi, b1 := range a.m.Blocks {
		x := d1.elem[bi][v.i1]
		if x == nil || b1.NumElems == 0 {
			continue
		}
		var y []float64
		if c.elemMap == nil {
			j := c.block2(bi)
			if j < 0 {
				continue
			}
			y = d2.elem[j][v.i2]
			if y == nil {
				continue
			}
		}
		if !c.o.IgnoreNaNs && hasNaN(x) {
			out = append(out, finding{nan: fmt.Sprintf("element variable '%s' in block %d, file 1", v.name, b1.ID)})
		}
		if y != nil && !c.o.IgnoreNaNs && hasNaN(y) {
			out = append(out, finding{nan: fmt.Sprintf("element variable '%s' in block %d, file 2", v.name, b1.ID)})
		}
		for e := range x {
			g := a.blockOff[bi] + e
			var w float64
			if c.elemMap == nil {
				w = y[e]
			} else {
				g2 := c.elemMap[g]
				if g2 < 0 {
					continue
				}
				bj, l := b.blockOf(g2)
				if vals := d2.elem[bj][v.i2]; vals != nil {
					w = vals[l]
					if !c.o.IgnoreNaNs && w != w {
						out = append(out, finding{nan: fmt.Sprintf("element variable '%s' in block %d, file 2", v.name, b.m.Blocks[bj].ID)})
					}
				} else {
					w = x[e]
				}
			}
			d := tol.Delta(x[e], w)
			if c.o.ShowAllDiffs {
				if d > tol.Value {
					out = append(out, finding{kind: "element", name: v.name, tol: tol, d: d, v1: x[e], v2: w, id: c.elemID(g), blk: b1.ID, loc: fmt.Sprintf("block %d, elmt %d", b1.ID, c.elemID(g))})
				}
			} else if d > md.d || !md.set {
				md.add(d, x[e], w, g, b1.ID)
			}
			if c.o.L1Norm || c.o.L2Norm {
				nm.add(x[e], w)
			}
		}
	}
	if s := nm.lines(c.o, c.nameLen, v.name); s != "" {
		out = append(out, finding{norms: s})
	}
	if md.set && md.d > tol.Value {
		out = append(out, finding{kind: "element", name: v.name, tol: tol, d: md.d, v1: md.v1, v2: md.v2, id: c.elemID(md.idx), blk: md.blk, loc: fmt.Sprintf("block %d, elmt %d", md.blk, c.elemID(md.idx))})
	}
	// keep NaN reports unique per message
	return dedupNaN(out)
}

func dedupNaN(fs []finding) []finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if f.nan != "" {
			if seen[f.nan] {
				continue
			}
			seen[f.nan] = true
		}
		out = append(out, f)
	}
	return out
}

// setOrder returns the order in which the members of a set are compared:
// file order, or sorted by node id (side key) with -nsmap (-ssmap).
func (c *cmp) setOrder(side bool, sd *side, i int) []int {
	if side {
		s := sd.m.SideSets[i]
		idx := make([]int, len(s.Elems))
		for k := range idx {
			idx[k] = k
		}
		if c.o.SSMap {
			keys := make([][2]int64, len(s.Elems))
			for k := range s.Elems {
				keys[k] = [2]int64{-1, int64(s.Sides[k])}
				for j, b := range sd.m.Blocks {
					if b.ID == s.BlockIDs[k] && int(s.Elems[k]) < b.NumElems {
						keys[k][0] = sd.elemIDs[sd.blockOff[j]+int(s.Elems[k])]
					}
				}
			}
			slices.SortStableFunc(idx, func(x, y int) int {
				if keys[x][0] != keys[y][0] {
					return int(keys[x][0] - keys[y][0])
				}
				return int(keys[x][1] - keys[y][1])
			})
		}
		return idx
	}
	s := sd.m.NodeSets[i]
	idx := make([]int, len(s.Members))
	for k := range idx {
		idx[k] = k
	}
	if c.o.NSMap {
		slices.SortStableFunc(idx, func(x, y int) int {
			a, b := sd.nodeIDs[s.Members[x]], sd.nodeIDs[s.Members[y]]
			switch {
			case a < b:
				return -1
			case a > b:
				return 1
			}
			return 0
		})
	}
	return idx
}

// setVar compares one node-set (side false) or side-set variable.
func (c *cmp) setVar(side bool, v cvar, d1, d2 *stepData) []finding {
	var out []finding
	var md maxDiff
	var mdLoc string
	var nm norm
	tol := v.tol
	kind, label, unit := "nodeset", "nodeset", "node"
	sets1, sets2 := d1.ns, d2.ns
	n1 := len(c.a.m.NodeSets)
	if side {
		kind, label, unit = "sideset", "sideset", "side"
		sets1, sets2 = d1.ss, d2.ss
		n1 = len(c.a.m.SideSets)
	}
	for i := range n1 {
		x := sets1[i][v.i1]
		if x == nil {
			continue
		}
		var j int
		var id int64
		if side {
			j, id = c.sideSet2(i), c.a.m.SideSets[i].ID
		} else {
			j, id = c.nodeSet2(i), c.a.m.NodeSets[i].ID
		}
		if j < 0 {
			continue
		}
		y := sets2[j][v.i2]
		if y == nil {
			continue
		}
		if !c.o.IgnoreNaNs {
			if hasNaN(x) {
				out = append(out, finding{nan: fmt.Sprintf("%s variable '%s' in %s %d, file 1", label, v.name, label, id)})
			}
			if hasNaN(y) {
				out = append(out, finding{nan: fmt.Sprintf("%s variable '%s' in %s %d, file 2", label, v.name, label, id)})
			}
		}
		if len(x) != len(y) {
			out = append(out, finding{kind: kind, name: v.name, loc: fmt.Sprintf("set %d", id),
				text: fmt.Sprintf("   %-*s     diff: %s %s counts differ for %s %d", c.nameLen, v.name, label, unit, label, id)})
			continue
		}
		o1, o2 := c.setOrder(side, c.a, i), c.setOrder(side, c.b, j)
		where := func(p int) string {
			// exodiff names the member by its global node id, or by
			// element id and side
			if side {
				s := c.a.m.SideSets[i]
				for bi, b := range c.a.m.Blocks {
					if b.ID == s.BlockIDs[p] && int(s.Elems[p]) < b.NumElems {
						return fmt.Sprintf("set %d, side %d.%d", id, c.elemID(c.a.blockOff[bi]+int(s.Elems[p])), s.Sides[p]+1)
					}
				}
				return fmt.Sprintf("set %d, side %d", id, p+1)
			}
			return fmt.Sprintf("set %d, node %d", id, c.nodeID(int(c.a.m.NodeSets[i].Members[p])))
		}
		for p := range o1 {
			a, b := x[o1[p]], y[o2[p]]
			d := tol.Delta(a, b)
			if c.o.ShowAllDiffs {
				if d > tol.Value {
					out = append(out, finding{kind: kind, name: v.name, tol: tol, d: d, v1: a, v2: b, id: id, loc: where(o1[p])})
				}
			} else if d > md.d || !md.set {
				md.add(d, a, b, o1[p], id)
				mdLoc = where(o1[p])
			}
			if c.o.L1Norm || c.o.L2Norm {
				nm.add(a, b)
			}
		}
	}
	if s := nm.lines(c.o, c.nameLen, v.name); s != "" {
		out = append(out, finding{norms: s})
	}
	if md.set && md.d > tol.Value {
		out = append(out, finding{kind: kind, name: v.name, tol: tol, d: md.d, v1: md.v1, v2: md.v2, id: md.blk, loc: mdLoc})
	}
	return out
}

// closing prints exodiff's closing line and settles step-count rules.
func (c *cmp) closing() {
	o, a, b := c.o, c.a, c.b
	var line string
	switch {
	case c.diff:
		line = "exodiff: Files are different"
	case o.IgnoreSteps && (a.numSteps != 0 || b.numSteps != 0):
		line = "exodiff: Files are the same, but all transient data was ignored due to -ignore_steps option"
	case a.numSteps != b.numSteps:
		if a.numSteps-c.offset == b.numSteps || o.StepStop > 0 || (o.Explicit[0] != 0 && o.Explicit[1] != 0) || o.Interpolate {
			line = "exodiff: Files are the same\n         The number of timesteps are different but the timesteps that were compared are the same."
		} else {
			line = "exodiff: Files are different (# time steps differ)"
			c.diff = true
			c.record(Difference{Kind: "steps", Name: "time steps", Value1: Num(a.numSteps), Value2: Num(b.numSteps),
				Message: fmt.Sprintf("the first file has %d time steps, the second %d", a.numSteps, b.numSteps)})
		}
	case o.Map == MatchPartial:
		line = "exodiff: Files are the same (partial match selected)"
	default:
		line = "exodiff: Files are the same"
	}
	c.res.Closing = strings.SplitN(line, "\n", 2)[0]
	fmt.Fprintf(c.out, "\n%s\n", line)
}
