package meshobj

// Catalog describes what a source holds without its bulk data: the ids,
// names, times and field names that import_model's selectors are resolved
// against. A reader fills it from a file's header, so that a selective
// import reads only what it selects.
type Catalog struct {
	Timesteps  []float64
	Blocks     []CatalogEntity
	NodeSets   []CatalogEntity
	SideSets   []CatalogEntity
	NodeFields []string
	GlobalVars []string
}

// CatalogEntity is one block or set of a Catalog, with the names of the
// fields defined on it.
type CatalogEntity struct {
	ID     int64
	Name   string
	Fields []string
}

// ResolvedImport is an ImportSelection resolved against a Catalog into
// concrete lists, in the order exomerge resolves them.
type ResolvedImport struct {
	Timesteps                          []float64
	Blocks, NodeSets, SideSets         []int64
	NodeFields, ElemFields, GlobalVars []string
	NodeSetFields, SideSetFields       []string
}

// ResolveImport resolves sel against c exactly as ImportModel resolves it
// against a whole source model, with the same warnings (sent to warn, which
// may be nil) and errors.
func (c *Catalog) ResolveImport(sel ImportSelection, warn func(Warning)) (*ResolvedImport, error) {
	sk := &Model{NumDim: 3, Timesteps: c.Timesteps, Warn: warn}
	fields := func(names []string) []*Field {
		fs := make([]*Field, len(names))
		for i, n := range names {
			fs[i] = &Field{Name: n}
		}
		return fs
	}
	for _, b := range c.Blocks {
		sk.Blocks = append(sk.Blocks, &ElementBlock{ID: b.ID, Name: b.Name, Fields: fields(b.Fields)})
	}
	for _, s := range c.NodeSets {
		sk.NodeSets = append(sk.NodeSets, &NodeSet{ID: s.ID, Name: s.Name, Fields: fields(s.Fields)})
	}
	for _, s := range c.SideSets {
		sk.SideSets = append(sk.SideSets, &SideSet{ID: s.ID, Name: s.Name, Fields: fields(s.Fields)})
	}
	sk.NodeFields = fields(c.NodeFields)
	for _, g := range c.GlobalVars {
		sk.GlobalVars = append(sk.GlobalVars, &GlobalVar{Name: g})
	}
	p, err := sk.resolveImport(sel)
	if err != nil {
		return nil, err
	}
	return &ResolvedImport{
		Timesteps: p.times, Blocks: p.blocks, NodeSets: p.nodeSets, SideSets: p.sideSets,
		NodeFields: p.nodeFields, ElemFields: p.elemFields, GlobalVars: p.gv,
		NodeSetFields: p.nsFields, SideSetFields: p.ssFields,
	}, nil
}
