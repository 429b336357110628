package exodus

import "exosh/meshobj"

// Catalog returns what import_model's selectors are resolved against: the
// file's times, blocks, sets and field names, without bulk data.
func (c *Contents) Catalog() *meshobj.Catalog {
	cat := &meshobj.Catalog{
		Timesteps:  c.Times,
		NodeFields: c.NodeFieldNames,
		GlobalVars: c.GlobalVarNames,
	}
	for _, b := range c.Blocks {
		cat.Blocks = append(cat.Blocks, meshobj.CatalogEntity{ID: b.ID, Name: b.Name, Fields: b.FieldNames})
	}
	for _, s := range c.NodeSets {
		cat.NodeSets = append(cat.NodeSets, meshobj.CatalogEntity{ID: s.ID, Name: s.Name, Fields: s.FieldNames})
	}
	for _, s := range c.SideSets {
		cat.SideSets = append(cat.SideSets, meshobj.CatalogEntity{ID: s.ID, Name: s.Name, Fields: s.FieldNames})
	}
	return cat
}

// Selection turns an import resolved against c's Catalog into the Selection
// that reads just that: each time becomes the index of its first step in
// the file, and an empty list selects nothing.
func (c *Contents) Selection(r *meshobj.ResolvedImport) *Selection {
	steps := []int{}
	for _, t := range r.Timesteps {
		for i, ft := range c.Times {
			if ft == t {
				steps = append(steps, i)
				break
			}
		}
	}
	return &Selection{
		Blocks:        orNone(r.Blocks),
		Timesteps:     steps,
		NodeFields:    orNone(r.NodeFields),
		ElemFields:    orNone(r.ElemFields),
		GlobalVars:    orNone(r.GlobalVars),
		NodeSets:      orNone(r.NodeSets),
		SideSets:      orNone(r.SideSets),
		NodeSetFields: orNone(r.NodeSetFields),
		SideSetFields: orNone(r.SideSetFields),
	}
}

// orNone returns s, or an empty non-nil slice (none) when s is nil.
func orNone[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
