package meshobj

import (
	"fmt"
	"slices"
	"strconv"
)

// ImportSelection selects what ImportModel takes from a source model:
// exomerge's import_model arguments. Each field is a Selector resolved
// against the source (with plain alphabetical order for names, as
// exomerge's import does); a nil Selector selects nothing, so start from
// DefaultImportSelection.
type ImportSelection struct {
	ElementBlockIDs     Selector
	Timesteps           Selector
	NodeFieldNames      Selector
	ElementFieldNames   Selector
	SideSetIDs          Selector
	NodeSetIDs          Selector
	GlobalVariableNames Selector
	NodeSetFieldNames   Selector
	SideSetFieldNames   Selector
	// Filename names the source file; it goes into the info records when
	// the source's title is discarded.
	Filename string
}

// DefaultImportSelection returns import_model's defaults: everything.
func DefaultImportSelection() ImportSelection {
	all := Sel(KeyAll)
	return ImportSelection{
		ElementBlockIDs: all, Timesteps: all, NodeFieldNames: all, ElementFieldNames: all,
		SideSetIDs: all, NodeSetIDs: all, GlobalVariableNames: all,
		NodeSetFieldNames: all, SideSetFieldNames: all,
	}
}

// Merge imports everything from src into m: ImportModel(src,
// DefaultImportSelection()).
func (m *Model) Merge(src *Model) error {
	return m.ImportModel(src, DefaultImportSelection())
}

// importPlan holds the resolved selection of an import.
type importPlan struct {
	blocks, nodeSets, sideSets                     []int64
	times                                          []float64
	nodeFields, elemFields, nsFields, ssFields, gv []string
}

// plainNames returns the distinct names of fs over xs, sorted
// alphabetically (the order exomerge's import resolves names in).
func plainNames(lists ...[]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, n := range l {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (src *Model) resolveImport(sel ImportSelection) (*importPlan, error) {
	p := &importPlan{}
	var err error
	seen := map[float64]bool{}
	for _, t := range src.Timesteps {
		if seen[t] {
			src.warn("Duplicate timesteps.",
				"The source holds the time "+PyFloat(t)+" more than once. Only its first occurrence is imported.")
		}
		seen[t] = true
	}
	if p.times, err = resolve(src, timestepDomain(src.Timesteps), sel.Timesteps, optAny); err != nil {
		return nil, err
	}
	if p.blocks, err = resolve(src, src.blockDomain(), sel.ElementBlockIDs, optAny); err != nil {
		return nil, err
	}
	names := func(ent string, s Selector, lists ...[]string) ([]string, error) {
		return resolve(src, nameDomain(ent, plainNames(lists...)), s, optAny)
	}
	if p.nodeFields, err = names(entNodeField, sel.NodeFieldNames, FieldNames(src.NodeFields)); err != nil {
		return nil, err
	}
	var lists [][]string
	for _, b := range src.Blocks {
		lists = append(lists, FieldNames(b.Fields))
	}
	if p.elemFields, err = names(entElementField, sel.ElementFieldNames, lists...); err != nil {
		return nil, err
	}
	if p.sideSets, err = resolve(src, src.sideSetDomain(), sel.SideSetIDs, optAny); err != nil {
		return nil, err
	}
	if p.nodeSets, err = resolve(src, src.nodeSetDomain(), sel.NodeSetIDs, optAny); err != nil {
		return nil, err
	}
	gnames := make([]string, len(src.GlobalVars))
	for i, g := range src.GlobalVars {
		gnames[i] = g.Name
	}
	if p.gv, err = names(entGlobalVar, sel.GlobalVariableNames, gnames); err != nil {
		return nil, err
	}
	lists = lists[:0]
	for _, s := range src.NodeSets {
		lists = append(lists, FieldNames(s.Fields))
	}
	if p.nsFields, err = names(entNodeSetField, sel.NodeSetFieldNames, lists...); err != nil {
		return nil, err
	}
	lists = lists[:0]
	for _, s := range src.SideSets {
		lists = append(lists, FieldNames(s.Fields))
	}
	if p.ssFields, err = names(entSideSetField, sel.SideSetFieldNames, lists...); err != nil {
		return nil, err
	}
	return p, nil
}

// ImportModel adds the selected parts of src to m, as exomerge's
// import_model adds a file to a model; import_model(filename) is
// ImportModel of the file's model into an empty one.
//
// It is an error if src is not valid (Validate) or an imported element
// block exists in m; m is then unchanged. Otherwise:
//   - Nodes are appended: all of src's when all its blocks are imported,
//     else only those the imported blocks use (in src order).
//   - Blocks are appended with their names, attributes and element ids.
//   - Each imported time missing from m is created (CreateTimestep, so
//     times stay sorted). Values at m's other timesteps, and at m's
//     existing nodes, are the fields' default values (DefaultFieldValue).
//   - Node sets and side sets are created, or added to if they exist
//     (AddNodesToNodeSet and AddFacesToSideSet semantics: repeated
//     members are skipped with a warning); members on nodes or blocks not
//     imported are dropped. Distribution factors follow their members.
//   - Fields and global variables are created where missing and filled at
//     the imported timesteps; a global variable that exists when some
//     imported time also exists is overwritten there, with a warning.
//   - Info and QA records are appended. m takes src's title if it has
//     none; otherwise the info records get "Discarded title from the
//     following file:", the file name (sel.Filename, wrapped at 79
//     characters with a backslash ending each continued line) and the
//     discarded title.
//
// ImportModel takes ownership of src's arrays (they may become m's):
// src must not be used afterwards. Warnings go to m.Warn.
func (m *Model) ImportModel(src *Model, sel ImportSelection) error {
	if err := src.Validate(); err != nil {
		return fmt.Errorf("meshobj: cannot import an invalid model: %w", err)
	}
	saved := src.Warn
	src.Warn = m.Warn
	defer func() { src.Warn = saved }()
	p, err := src.resolveImport(sel)
	if err != nil {
		return err
	}
	// The selection resolves in exomerge's sorted order; entities and
	// fields are added in the source's order, so that a file's order
	// survives a round trip.
	p.inSourceOrder(src)
	// An empty model adopting everything of src keeps src's file order of
	// variable names and what src carries beyond the model; otherwise
	// the carried data cannot stay valid.
	adopt := m.isEmpty() && p.selectsAll(src)
	if src.ControlPoints > 0 && !adopt {
		for _, id := range p.blocks {
			if IsBezierType(src.Block(id).Type) {
				return newError("Unsupported element type.",
					fmt.Sprintf("Element block %d is a Bezier-extraction (BEX) block whose connectivity refers to control points; it can only be imported whole into an empty model.", id))
			}
		}
	}
	for _, id := range p.blocks {
		if m.Block(id) != nil {
			return newError("Element block already exists.",
				fmt.Sprintf(`Cannot import element block "%d" since it already exists in the model.`, id))
		}
	}
	allBlocks := slices.Equal(p.blocks, src.GetElementBlockIDs())
	srcNN := src.NumNodes()
	var useNode []bool // nil: every node
	if !allBlocks {
		useNode = make([]bool, srcNN)
		for _, id := range p.blocks {
			for _, n := range src.Block(id).Conn {
				useNode[n] = true
			}
		}
	}
	nImport := srcNN
	if useNode != nil {
		nImport = len(trueIndices(useNode))
	}
	if m.NumNodes()+nImport > MaxIndex {
		return newError("Too many nodes.", fmt.Sprintf("A model holds at most %d nodes.", MaxIndex))
	}

	// Nodes.
	m0 := m.NumNodes()
	hadNodes := m0 > 0
	nodeMap := make([]int32, srcNN) // -1: not imported
	identity := useNode == nil && m0 == 0
	k := 0
	for i := range srcNN {
		if useNode == nil || useNode[i] {
			nodeMap[i] = int32(m0 + k)
			k++
		} else {
			nodeMap[i] = -1
		}
	}
	if m0 == 0 {
		m.NumDim = src.NumDim
	} else {
		m.NumDim = max(m.NumDim, src.NumDim)
	}
	var coords []float64
	var ids []int64
	if identity {
		coords = src.Coords
		ids = src.NodeIDs
	} else {
		coords = make([]float64, 0, 3*nImport)
		if src.NodeIDs != nil {
			ids = make([]int64, 0, nImport)
		}
		for i := range srcNN {
			if nodeMap[i] >= 0 {
				coords = append(coords, src.Coords[3*i:3*i+3]...)
				if src.NodeIDs != nil {
					ids = append(ids, src.NodeIDs[i])
				}
			}
		}
	}
	oldIDs := m.NodeIDs
	m.NodeIDs = nil
	m.appendNodes(coords)
	switch {
	case !hadNodes:
		m.NodeIDs = ids
	case oldIDs != nil && ids != nil:
		m.NodeIDs = append(oldIDs, ids...)
	default:
		// One side has an explicit map and the other the implicit one:
		// no consistent map exists; drop it (documented).
		m.NodeIDs = nil
	}
	if len(m.CoordNames) == 0 {
		m.CoordNames = src.CoordNames
	}

	// Blocks.
	for _, id := range p.blocks {
		sb := src.Block(id)
		conn := sb.Conn
		if !identity {
			conn = make([]int32, len(sb.Conn))
			for i, n := range sb.Conn {
				conn[i] = nodeMap[n]
			}
		}
		b := &ElementBlock{
			ID: id, Type: sb.Type, NodesPerElem: sb.NodesPerElem, NumElems: sb.NumElems, Conn: conn,
			NumAttr: sb.NumAttr, Attributes: sb.Attributes, AttrNames: sb.AttrNames,
			ElemIDs: sb.ElemIDs, Props: sb.Props, Attrs: sb.Attrs,
		}
		if b.ElemIDs == nil && m.hasElemIDs() {
			b.ElemIDs = m.freshElemIDs(b.NumElems)
		}
		m.Blocks = append(m.Blocks, b)
		if sb.Name != "" {
			if m.ElementBlockExists(Str(sb.Name)) {
				m.existsWarning(sb.Name, entBlock)
			}
			b.Name = sb.Name
		}
	}

	// Timesteps.
	dupTimes := false
	for _, t := range p.times {
		if m.TimestepExists(t) {
			dupTimes = true
		} else {
			mustNil(m.CreateTimestep(t))
		}
	}
	nt := len(m.Timesteps)
	// fromSrc[tm] is the src timestep index imported at m's index tm, or -1.
	fromSrc := make([]int, nt)
	for i := range fromSrc {
		fromSrc[i] = -1
	}
	for _, t := range p.times {
		fromSrc[m.timestepIndex(t)] = slices.Index(src.Timesteps, t)
	}

	// Node fields.
	nn := m.NumNodes()
	for _, name := range p.nodeFields {
		mf, sf := FindField(m.NodeFields, name), FindField(src.NodeFields, name)
		if mf == nil {
			// As CreateNodeField, but without filling the values about to
			// be adopted from src.
			m.emptyFieldWarning()
			def := DefaultFieldValue(name)
			mf = &Field{Name: name, Values: make([][]float64, nt)}
			for tm, ts := range fromSrc {
				if ts >= 0 && identity {
					mf.Values[tm] = sf.Values[ts]
				} else {
					mf.Values[tm] = filled(nn, def)
				}
			}
			m.NodeFields = append(m.NodeFields, mf)
			if identity {
				continue
			}
		}
		if !identity {
			ownSteps(mf.Values) // written one timestep at a time below
		}
		for tm, ts := range fromSrc {
			if ts < 0 {
				continue
			}
			sv := sf.Values[ts]
			if identity {
				mf.Values[tm] = sv
				continue
			}
			mv := mf.Values[tm]
			for i, v := range sv {
				if j := nodeMap[i]; j >= 0 {
					mv[j] = v
				}
			}
		}
	}

	// Node sets.
	for _, id := range p.nodeSets {
		m.importNodeSet(src, src.NodeSet(id), nodeMap, p.nsFields, fromSrc)
	}
	// Side sets.
	importedBlock := idSet(p.blocks)
	for _, id := range p.sideSets {
		m.importSideSet(src, src.SideSet(id), importedBlock, p.ssFields, fromSrc)
	}

	// Element fields.
	for _, id := range p.blocks {
		sb, b := src.Block(id), m.Block(id)
		for _, name := range p.elemFields {
			sf := FindField(sb.Fields, name)
			if sf == nil {
				continue
			}
			b.Fields = append(b.Fields, &Field{Name: name, Values: remapSteps(sf.Values, fromSrc, b.NumElems, DefaultFieldValue(name))})
		}
		b.RedValues = m.importRed(src, KindBlock, sb.RedValues, fromSrc)
	}

	// Global variables.
	for _, name := range p.gv {
		g := m.globalVar(name)
		if g == nil {
			mustNil(m.CreateGlobalVariable(name, DefaultFieldValue(name)))
			g = m.globalVar(name)
		} else if dupTimes {
			m.existsWarning(name, entGlobalVar)
		}
		sg := src.globalVar(name)
		for tm, ts := range fromSrc {
			if ts >= 0 {
				g.Values[tm] = sg.Values[ts]
			}
		}
	}

	m.importAssemblies(src, p, fromSrc)
	if adopt {
		m.ElemFieldOrder = src.ElemFieldOrder
		m.NodeSetFieldOrder = src.NodeSetFieldOrder
		m.SideSetFieldOrder = src.SideSetFieldOrder
		m.Carried = src.Carried
		m.ControlPoints = src.ControlPoints
		m.VarAttrs = src.VarAttrs
	} else if !src.Carried.Empty() {
		src.Warn = m.Warn
		src.DropCarried("Importing part of a file, or into a model that has entities, changes what they refer to")
	}
	for _, a := range src.Attrs {
		if !slices.ContainsFunc(m.Attrs, func(x Attr) bool { return x.Name == a.Name }) {
			m.Attrs = append(m.Attrs, a)
		}
	}
	m.InfoRecords = append(m.InfoRecords, src.InfoRecords...)
	m.QARecords = append(m.QARecords, src.QARecords...)
	if !m.HasTitle || m.Title == "" {
		m.Title, m.HasTitle = src.Title, src.HasTitle
	} else {
		m.InfoRecords = append(m.InfoRecords, "Discarded title from the following file:")
		lines := wrapText(sel.Filename, 79)
		for i := range len(lines) - 1 {
			lines[i] += `\`
		}
		m.InfoRecords = append(m.InfoRecords, lines...)
		m.InfoRecords = append(m.InfoRecords, src.Title)
	}
	return nil
}

// mustNil panics on an error that cannot happen (an internal invariant).
func mustNil(err error) {
	if err != nil {
		panic("meshobj: internal error: " + err.Error())
	}
}

// remapSteps returns one slice per m timestep: src's values where fromSrc
// names a src timestep (shared, not copied), else n default values.
func remapSteps(src [][]float64, fromSrc []int, n int, def float64) [][]float64 {
	out := make([][]float64, len(fromSrc))
	for tm, ts := range fromSrc {
		if ts >= 0 {
			out[tm] = src[ts]
		} else {
			out[tm] = filled(n, def)
		}
	}
	return out
}

// importRed maps an imported entity's reduction values onto m's timesteps,
// adopting src's reduction variable names for the kind if m has none; it
// returns nil when the names differ or the values are not carried.
func (m *Model) importRed(src *Model, kind EntityKind, red [][]float64, fromSrc []int) [][]float64 {
	names := src.RedVarNames[kind]
	if len(names) == 0 || len(red) != len(src.Timesteps) {
		return nil
	}
	have := m.RedVarNames[kind]
	if len(have) == 0 {
		if m.RedVarNames == nil {
			m.RedVarNames = map[EntityKind][]string{}
		}
		m.RedVarNames[kind] = names
	} else if !slices.Equal(have, names) {
		return nil
	}
	out := make([][]float64, len(fromSrc))
	for tm, ts := range fromSrc {
		if ts >= 0 {
			out[tm] = red[ts]
		} else {
			row := make([]float64, len(names))
			for i, n := range names {
				row[i] = DefaultFieldValue(n)
			}
			out[tm] = row
		}
	}
	return out
}

// importNodeSet creates or extends m's node set from src set ss.
func (m *Model) importNodeSet(src *Model, ss *NodeSet, nodeMap []int32, fieldNames []string, fromSrc []int) {
	// Members on imported nodes, with their position in ss.
	var members []int32
	var pos []int
	for k, n := range ss.Members {
		if j := nodeMap[n]; j >= 0 {
			members = append(members, j)
			pos = append(pos, k)
		}
	}
	s := m.NodeSet(ss.ID)
	existed := s != nil
	if !existed {
		s = &NodeSet{ID: ss.ID, Props: ss.Props, Attrs: ss.Attrs}
		m.NodeSets = append(m.NodeSets, s)
		if len(uniqueNodes(members, nil)) != len(members) {
			m.warn("Duplicate nodes in set.",
				"The node set member list contains multiple copies of some nodes. These nodes will only be added once.")
		}
		s.RedValues = m.importRed(src, KindNodeSet, ss.RedValues, fromSrc)
	} else if len(s.DistFactors) != len(s.Members) && ss.DistFactors != nil {
		s.DistFactors = filled(len(s.Members), 1)
	}
	// Keep the first occurrence of each new member.
	have := make(map[int32]bool, len(s.Members)+len(members))
	for _, n := range s.Members {
		have[n] = true
	}
	var add []int32
	var from []int
	for i, n := range members {
		if !have[n] {
			have[n] = true
			add = append(add, n)
			from = append(from, pos[i])
		}
	}
	if existed && len(add) != len(members) {
		m.warn("Duplicate nodes in set.",
			"The node set already contains some of the nodes in the list. These members will not be duplicated.")
	}
	n0 := len(s.Members)
	srcFields := map[string]*Field{}
	for _, name := range fieldNames {
		sf := FindField(ss.Fields, name)
		if sf == nil {
			continue
		}
		srcFields[name] = sf
		if FindField(s.Fields, name) == nil {
			s.Fields = append(s.Fields, &Field{Name: name, Values: newFieldValues(len(m.Timesteps), n0, DefaultFieldValue(name))})
		}
	}
	hadDF := s.DistFactors != nil && len(s.DistFactors) == n0
	m.appendNodeSetMembers(s, add, func(f *Field, tm int, dst []float64) {
		sf := srcFields[f.Name]
		if sf == nil || fromSrc[tm] < 0 {
			return
		}
		sv := sf.Values[fromSrc[tm]]
		for i, k := range from {
			dst[i] = sv[k]
		}
	})
	switch {
	case n0 == 0 && ss.DistFactors != nil:
		s.DistFactors = make([]float64, len(add))
		for i, k := range from {
			s.DistFactors[i] = ss.DistFactors[k]
		}
	case hadDF && ss.DistFactors != nil:
		for i, k := range from {
			s.DistFactors[n0+i] = ss.DistFactors[k]
		}
	}
	if ss.Name != "" && s.Name != ss.Name {
		if m.NodeSetExists(Str(ss.Name)) {
			m.existsWarning(ss.Name, entNodeSet)
		}
		s.Name = ss.Name
	}
}

// importSideSet creates or extends m's side set from src set ss.
func (m *Model) importSideSet(src *Model, ss *SideSet, imported map[int64]bool, fieldNames []string, fromSrc []int) {
	var from []int
	for k, id := range ss.BlockIDs {
		if imported[id] {
			from = append(from, k)
		}
	}
	mem := SideSetMembers{
		BlockIDs: make([]int64, len(from)), Elems: make([]int32, len(from)), Sides: make([]int32, len(from)),
	}
	for i, k := range from {
		mem.BlockIDs[i], mem.Elems[i], mem.Sides[i] = ss.BlockIDs[k], ss.Elems[k], ss.Sides[k]
	}
	// Distribution factors of the kept members, if they can be split.
	var df []float64
	if ss.DistFactors != nil && len(from) == len(ss.BlockIDs) {
		// every member is kept: the factors stay as read, whatever their
		// count
		df = ss.DistFactors
	} else if ss.DistFactors != nil {
		if counts, ok := src.dfCounts(ss); ok {
			offs := make([]int, len(counts)+1)
			for k, c := range counts {
				offs[k+1] = offs[k] + c
			}
			df = []float64{}
			for _, k := range from {
				df = append(df, ss.DistFactors[offs[k]:offs[k+1]]...)
			}
		}
	}
	s := m.SideSet(ss.ID)
	isNew := s == nil
	if isNew {
		s = &SideSet{ID: ss.ID, Props: ss.Props, Attrs: ss.Attrs}
		m.SideSets = append(m.SideSets, s)
		s.RedValues = m.importRed(src, KindSideSet, ss.RedValues, fromSrc)
	}
	n0 := len(s.BlockIDs)
	srcFields := map[string]*Field{}
	for _, name := range fieldNames {
		sf := FindField(ss.Fields, name)
		if sf == nil {
			continue
		}
		srcFields[name] = sf
		if FindField(s.Fields, name) == nil {
			s.Fields = append(s.Fields, &Field{Name: name, Values: newFieldValues(len(m.Timesteps), n0, DefaultFieldValue(name))})
		}
	}
	// Which members of mem are appended (the first of repeats, those not
	// already in s), to pick their field values and factors.
	have := make(map[sideKey]bool, n0+len(from))
	for k := range s.BlockIDs {
		have[sideKey{s.BlockIDs[k], s.Elems[k], s.Sides[k]}] = true
	}
	var added []int
	for i := range from {
		key := sideKey{mem.BlockIDs[i], mem.Elems[i], mem.Sides[i]}
		if !have[key] {
			have[key] = true
			added = append(added, i)
		}
	}
	oldDF := s.DistFactors
	s.DistFactors = nil
	got := m.appendUniqueSides(s, mem, func(f *Field, tm int, idx []int, dst []float64) {
		sf := srcFields[f.Name]
		if sf == nil || fromSrc[tm] < 0 {
			return
		}
		sv := sf.Values[fromSrc[tm]]
		for i, k := range idx {
			dst[i] = sv[from[k]]
		}
	})
	if got != len(from) {
		if isNew {
			m.warn("Duplicate faces in set.",
				"The face set member list contains multiple copies of some faces. These faces will only be added once.")
		} else {
			m.warn("Duplicate faces in set.",
				"The side set already contains some of the faces in the list. These members will not be duplicated.")
		}
	}
	s.DistFactors = m.mergeSideDF(s, n0, oldDF, df, mem, added)
	if s.DistFactors == nil && (oldDF != nil || ss.DistFactors != nil) {
		s.DistFactors = []float64{} // dropSideDF warns only for factors
		m.dropSideDF(s)
	}
	if ss.Name != "" && s.Name != ss.Name {
		if m.SideSetExists(Str(ss.Name)) {
			m.existsWarning(ss.Name, entSideSet)
		}
		s.Name = ss.Name
	}
}

// sideCounts returns the node count of each side (blockIDs[k], sides[k])
// of m, or false if a side table is missing.
func (m *Model) sideCounts(blockIDs []int64, sides []int32) ([]int, bool) {
	counts := make([]int, len(blockIDs))
	for k, id := range blockIDs {
		b := m.Block(id)
		if b == nil {
			return nil, false
		}
		nodes, ok := sideNodes(b, sides[k])
		if !ok {
			return nil, false
		}
		counts[k] = len(nodes)
	}
	return counts, true
}

// mergeSideDF returns the distribution factors of side set s after the
// members mem[added[i]] were appended to its first n0 members: old holds
// the factors of those n0 (or nil), df those of every member of mem (or
// nil). Members without factors get 1.0 per side node when the other side
// has factors; if the side tables do not allow that, the factors are
// dropped.
func (m *Model) mergeSideDF(s *SideSet, n0 int, old, df []float64, mem SideSetMembers, added []int) []float64 {
	if df == nil && (old == nil || len(added) == 0) {
		return old
	}
	if n0 == 0 && old == nil && len(added) == len(mem.BlockIDs) {
		// a new set taking every member: its factors stay as they were,
		// whatever their count
		return df
	}
	var out []float64
	if old != nil || n0 == 0 {
		out = old
	} else {
		counts, ok := m.sideCounts(s.BlockIDs[:n0], s.Sides[:n0])
		if !ok {
			return nil
		}
		total := 0
		for _, c := range counts {
			total += c
		}
		out = filled(total, 1)
	}
	counts, ok := m.sideCounts(mem.BlockIDs, mem.Sides)
	if !ok {
		return nil
	}
	offs := make([]int, len(counts)+1)
	for i, c := range counts {
		offs[i+1] = offs[i] + c
	}
	if df != nil && offs[len(counts)] != len(df) {
		return nil // the factors do not follow the side tables
	}
	for _, i := range added {
		if df != nil {
			out = append(out, df[offs[i]:offs[i+1]]...)
		} else {
			out = appendFilled(out, counts[i], 1)
		}
	}
	if out == nil {
		out = []float64{}
	}
	return out
}

// importAssemblies appends src's assemblies, keeping only members that
// were imported; an assembly whose id exists in m with the same member
// type adds its members to it.
func (m *Model) importAssemblies(src *Model, p *importPlan, fromSrc []int) {
	kept := map[int32]map[int64]bool{
		exElemBlock: idSet(p.blocks),
		exNodeSet:   idSet(p.nodeSets),
		exSideSet:   idSet(p.sideSets),
	}
	for _, sa := range src.Assemblies {
		var members []int64
		for _, id := range sa.Members {
			if ok, known := kept[sa.Type]; !known || ok[id] {
				members = append(members, id)
			}
		}
		i := slices.IndexFunc(m.Assemblies, func(a *Assembly) bool { return a.ID == sa.ID })
		if i >= 0 {
			a := m.Assemblies[i]
			if a.Type == sa.Type {
				for _, id := range members {
					if !slices.Contains(a.Members, id) {
						a.Members = append(a.Members, id)
					}
				}
			} else {
				m.warn("Assembly already exists.",
					`The assembly "`+strconv.FormatInt(sa.ID, 10)+`" exists with members of another type. The imported one is discarded.`)
			}
			continue
		}
		m.Assemblies = append(m.Assemblies, &Assembly{
			ID: sa.ID, Name: sa.Name, Type: sa.Type, TypeName: sa.TypeName, Members: members, Attrs: sa.Attrs,
			RedValues: m.importRed(src, KindAssembly, sa.RedValues, fromSrc),
		})
	}
}

// isEmpty reports whether m has no nodes, entities, timesteps or variables.
func (m *Model) isEmpty() bool {
	return m.NumNodes() == 0 && len(m.Blocks) == 0 && len(m.NodeSets) == 0 && len(m.SideSets) == 0 &&
		len(m.Timesteps) == 0 && len(m.NodeFields) == 0 && len(m.GlobalVars) == 0 && len(m.Assemblies) == 0
}

// selectsAll reports whether the plan takes every entity, timestep and
// variable of src.
func (p *importPlan) selectsAll(src *Model) bool {
	var ef, nf, sf [][]string
	for _, b := range src.Blocks {
		ef = append(ef, FieldNames(b.Fields))
	}
	for _, s := range src.NodeSets {
		nf = append(nf, FieldNames(s.Fields))
	}
	for _, s := range src.SideSets {
		sf = append(sf, FieldNames(s.Fields))
	}
	return len(p.blocks) == len(src.Blocks) && len(p.nodeSets) == len(src.NodeSets) &&
		len(p.sideSets) == len(src.SideSets) && len(p.times) == len(src.Timesteps) &&
		len(p.nodeFields) == len(src.NodeFields) && len(p.gv) == len(src.GlobalVars) &&
		len(p.elemFields) == len(plainNames(ef...)) && len(p.nsFields) == len(plainNames(nf...)) &&
		len(p.ssFields) == len(plainNames(sf...))
}

// inSourceOrder reorders the plan's entity and name lists into src's order.
func (p *importPlan) inSourceOrder(src *Model) {
	byOrder := func(sel []int64, ids []int64) []int64 {
		want := idSet(sel)
		out := make([]int64, 0, len(sel))
		for _, id := range ids {
			if want[id] {
				out = append(out, id)
			}
		}
		return out
	}
	var ids []int64
	for _, b := range src.Blocks {
		ids = append(ids, b.ID)
	}
	p.blocks = byOrder(p.blocks, ids)
	ids = ids[:0]
	for _, s := range src.NodeSets {
		ids = append(ids, s.ID)
	}
	p.nodeSets = byOrder(p.nodeSets, ids)
	ids = ids[:0]
	for _, s := range src.SideSets {
		ids = append(ids, s.ID)
	}
	p.sideSets = byOrder(p.sideSets, ids)
	names := func(sel []string, order ...[]string) []string {
		want := map[string]bool{}
		for _, n := range sel {
			want[n] = true
		}
		out := make([]string, 0, len(sel))
		for _, l := range order {
			for _, n := range l {
				if want[n] {
					out = append(out, n)
					want[n] = false
				}
			}
		}
		return out
	}
	p.nodeFields = names(p.nodeFields, FieldNames(src.NodeFields))
	gn := make([]string, len(src.GlobalVars))
	for i, g := range src.GlobalVars {
		gn[i] = g.Name
	}
	p.gv = names(p.gv, gn)
	lists := [][]string{src.ElemFieldOrder}
	for _, b := range src.Blocks {
		lists = append(lists, FieldNames(b.Fields))
	}
	p.elemFields = names(p.elemFields, lists...)
	lists = [][]string{src.NodeSetFieldOrder}
	for _, s := range src.NodeSets {
		lists = append(lists, FieldNames(s.Fields))
	}
	p.nsFields = names(p.nsFields, lists...)
	lists = [][]string{src.SideSetFieldOrder}
	for _, s := range src.SideSets {
		lists = append(lists, FieldNames(s.Fields))
	}
	p.ssFields = names(p.ssFields, lists...)
}
