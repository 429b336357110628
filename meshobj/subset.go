package meshobj

import (
	"maps"
	"slices"
	"time"
)

// ExportSelection selects what export_model writes: exomerge's export_model
// arguments. A field-name selector that is exactly {Str(KeyAuto)} follows
// exomerge's 'auto' rules (see Subset); a nil Selector selects nothing, so
// start from DefaultExportSelection.
type ExportSelection struct {
	ElementBlockIDs     Selector
	Timesteps           Selector
	SideSetIDs          Selector
	NodeSetIDs          Selector
	GlobalVariableNames Selector
	NodeFieldNames      Selector
	ElementFieldNames   Selector
	SideSetFieldNames   Selector
	NodeSetFieldNames   Selector
}

// DefaultExportSelection returns export_model's defaults: all blocks, sets
// and timesteps, and 'auto' field names.
func DefaultExportSelection() ExportSelection {
	all, auto := Sel(KeyAll), Sel(KeyAuto)
	return ExportSelection{
		ElementBlockIDs: all, Timesteps: all, SideSetIDs: all, NodeSetIDs: all,
		GlobalVariableNames: auto, NodeFieldNames: auto, ElementFieldNames: auto,
		SideSetFieldNames: auto, NodeSetFieldNames: auto,
	}
}

func isAuto(s Selector) bool {
	return len(s) == 1 && s[0].Kind == StringItem && s[0].Str == KeyAuto
}

// NoTitle is the title exomerge writes for a model whose title is empty;
// exosh writes it for a model that never had one (built from scratch).
const NoTitle = "<no title supplied>"

// Subset returns the part of m that export_model writes, as a model that
// shares m's arrays (no bulk data is copied): all nodes, the selected
// blocks, node sets, side sets and timesteps, and the selected fields.
// It is valid until m is next modified, and must not be modified itself.
//
// Field names follow exomerge's 'auto' rules: with no timesteps selected no
// field or global variable is exported; otherwise all global variables,
// all node fields and node set fields (if the model has nodes), and the
// element, node set and side set fields defined on the selected blocks and
// sets. Entities and fields keep m's order (the order read from a file), so
// a round trip does not reorder them.
//
// Unlike exomerge (which fails), side set members on blocks that are not
// exported are left out, with their field values and distribution factors.
// A model without a title (built from scratch, which exomerge cannot
// export) gets NoTitle; an empty title read from a file stays empty
// (exomerge replaces it by NoTitle). The QA and info records are
// copies the caller may append to (e.g. ExosQARecord).
func (m *Model) Subset(sel ExportSelection) (*Model, error) {
	blockIDs, err := m.ResolveElementBlocks(sel.ElementBlockIDs)
	if err != nil {
		return nil, err
	}
	ssIDs, err := m.ResolveSideSets(sel.SideSetIDs)
	if err != nil {
		return nil, err
	}
	nsIDs, err := m.ResolveNodeSets(sel.NodeSetIDs)
	if err != nil {
		return nil, err
	}
	times, err := m.ResolveTimesteps(sel.Timesteps)
	if err != nil {
		return nil, err
	}
	hasT, hasN := len(times) > 0, m.NumNodes() > 0
	pick := func(s Selector, ok bool, names func() []string) Selector {
		if !isAuto(s) {
			return s
		}
		if !ok {
			return nil
		}
		return Sel(names())
	}
	gvSel := pick(sel.GlobalVariableNames, hasT, m.GetGlobalVariableNames)
	nfSel := pick(sel.NodeFieldNames, hasT && hasN, m.GetNodeFieldNames)
	efSel := pick(sel.ElementFieldNames, hasT, func() []string { return m.elementFieldNames(m.blocksOf(blockIDs)) })
	nsfSel := pick(sel.NodeSetFieldNames, hasT && hasN, func() []string { return m.nodeSetFieldNames(m.nodeSetsOf(nsIDs)) })
	ssfSel := pick(sel.SideSetFieldNames, hasT, func() []string { return m.sideSetFieldNames(m.sideSetsOf(ssIDs)) })
	gvNames, err := m.ResolveGlobalVariableNames(gvSel)
	if err != nil {
		return nil, err
	}
	efNames, err := m.ResolveElementFieldNames(efSel)
	if err != nil {
		return nil, err
	}
	nfNames, err := m.ResolveNodeFieldNames(nfSel)
	if err != nil {
		return nil, err
	}
	nsfNames, err := m.ResolveNodeSetFieldNames(nsfSel)
	if err != nil {
		return nil, err
	}
	ssfNames, err := m.ResolveSideSetFieldNames(ssfSel)
	if err != nil {
		return nil, err
	}

	// Timesteps in model order; steps[i] is the model index of the
	// subset's timestep i.
	wantT := map[float64]bool{}
	for _, t := range times {
		wantT[t] = true
	}
	var steps []int
	for i, t := range m.Timesteps {
		if wantT[t] && !slices.Contains(steps, slices.Index(m.Timesteps, t)) {
			steps = append(steps, i)
		}
	}
	allSteps := len(steps) == len(m.Timesteps)
	pickSteps := func(vals [][]float64) [][]float64 {
		if allSteps {
			return vals
		}
		out := make([][]float64, len(steps))
		for i, s := range steps {
			out[i] = vals[s]
		}
		return out
	}
	pickRed := func(vals [][]float64) [][]float64 {
		if len(vals) != len(m.Timesteps) {
			return nil
		}
		return pickSteps(vals)
	}
	pickFields := func(fs []*Field, names []string) []*Field {
		want := map[string]bool{}
		for _, n := range names {
			want[n] = true
		}
		var out []*Field
		for _, f := range fs {
			if want[f.Name] {
				out = append(out, &Field{Name: f.Name, Values: pickSteps(f.Values)})
			}
		}
		return out
	}

	title := m.Title
	if !m.HasTitle {
		title = NoTitle
	}
	sub := &Model{
		Title: title, HasTitle: true, NumDim: m.NumDim,
		Coords: m.Coords, CoordNames: m.CoordNames, NodeIDs: m.NodeIDs,
		QARecords:   slices.Clone(m.QARecords),
		InfoRecords: slices.Clone(m.InfoRecords),
		RedVarNames: maps.Clone(m.RedVarNames),
		Attrs:       m.Attrs,
		Warn:        m.Warn,
	}
	for _, i := range steps {
		sub.Timesteps = append(sub.Timesteps, m.Timesteps[i])
	}
	sub.NodeFields = pickFields(m.NodeFields, nfNames)
	wantG := map[string]bool{}
	for _, n := range gvNames {
		wantG[n] = true
	}
	for _, g := range m.GlobalVars {
		if !wantG[g.Name] {
			continue
		}
		vals := g.Values
		if !allSteps {
			vals = make([]float64, len(steps))
			for i, s := range steps {
				vals[i] = g.Values[s]
			}
		}
		sub.GlobalVars = append(sub.GlobalVars, &GlobalVar{Name: g.Name, Values: vals})
	}
	exported := idSet(blockIDs)
	for _, b := range m.Blocks {
		if !exported[b.ID] {
			continue
		}
		nb := *b
		nb.Fields = pickFields(b.Fields, efNames)
		nb.RedValues = pickRed(b.RedValues)
		sub.Blocks = append(sub.Blocks, &nb)
	}
	wantNS := idSet(nsIDs)
	for _, s := range m.NodeSets {
		if !wantNS[s.ID] {
			continue
		}
		ns := *s
		ns.Fields = pickFields(s.Fields, nsfNames)
		ns.RedValues = pickRed(s.RedValues)
		sub.NodeSets = append(sub.NodeSets, &ns)
	}
	wantSS := idSet(ssIDs)
	for _, s := range m.SideSets {
		if !wantSS[s.ID] {
			continue
		}
		ss := *s
		ss.Fields = pickFields(s.Fields, ssfNames)
		ss.RedValues = pickRed(s.RedValues)
		if slices.ContainsFunc(s.BlockIDs, func(id int64) bool { return !exported[id] }) {
			// Copy before dropping the members on blocks not exported.
			ss.BlockIDs = slices.Clone(s.BlockIDs)
			ss.Elems = slices.Clone(s.Elems)
			ss.Sides = slices.Clone(s.Sides)
			ss.DistFactors = slices.Clone(s.DistFactors)
			for _, f := range ss.Fields {
				vals := make([][]float64, len(f.Values))
				for t, v := range f.Values {
					vals[t] = slices.Clone(v)
				}
				f.Values = vals
			}
			m.keepSideMembers(&ss, func(k int) bool { return exported[ss.BlockIDs[k]] })
		}
		sub.SideSets = append(sub.SideSets, &ss)
	}
	kept := map[int32]map[int64]bool{exElemBlock: exported, exNodeSet: wantNS, exSideSet: wantSS}
	for _, a := range m.Assemblies {
		na := *a
		if want, ok := kept[a.Type]; ok {
			na.Members = slices.DeleteFunc(slices.Clone(a.Members), func(id int64) bool { return !want[id] })
		}
		na.RedValues = pickRed(a.RedValues)
		sub.Assemblies = append(sub.Assemblies, &na)
	}
	sub.ControlPoints = m.ControlPoints
	sub.VarAttrs = m.VarAttrs
	sub.ElemFieldOrder = subsetOrder(m.ElemFieldOrder, efNames, m.elementFieldNames(m.Blocks))
	sub.NodeSetFieldOrder = subsetOrder(m.NodeSetFieldOrder, nsfNames, m.nodeSetFieldNames(m.NodeSets))
	sub.SideSetFieldOrder = subsetOrder(m.SideSetFieldOrder, ssfNames, m.sideSetFieldNames(m.SideSets))
	if !m.Carried.Empty() {
		c := *m.Carried
		c.Vars = slices.Clone(c.Vars)
		sub.Carried = &c
		if len(sub.Blocks) != len(m.Blocks) {
			sub.dropCarried(DepElems, "Exporting part of the element blocks")
		}
		if !allSteps {
			sub.dropCarried(DepTime, "Exporting part of the timesteps")
		}
		if len(sub.NodeSets) != len(m.NodeSets) || len(sub.SideSets) != len(m.SideSets) {
			sub.dropCarried(DepSets, "Exporting part of the sets")
		}
	}
	return sub, nil
}

// ExosQARecord returns the QA record exosh appends to a file it writes:
// code name "exosh", the version, and the date ("2006/01/02") and time
// ("15:04:05") of now, as exomerge's own record.
func ExosQARecord(version string, now time.Time) [4]string {
	return [4]string{"exosh", version, now.Format("2006/01/02"), now.Format("15:04:05")}
}

// subsetOrder keeps the names of a field order list that are exported, and
// the names no entity carries when every carried name is exported.
func subsetOrder(order, exported, carried []string) []string {
	if order == nil {
		return nil
	}
	all := true
	for _, n := range carried {
		all = all && slices.Contains(exported, n)
	}
	var out []string
	for _, n := range order {
		if slices.Contains(exported, n) || (all && !slices.Contains(carried, n)) {
			out = append(out, n)
		}
	}
	return out
}
