package meshobj

// ArrayBytes returns the bytes of the model's bulk arrays counted in
// exomerge's layout: 8 bytes per coordinate (3 per node), 4 per
// connectivity entry, 8 per field value of every entity at every
// timestep (each timestep and each field counted on its own, whether or
// not arrays are shared), 4 per set member index and side, 8 per block
// id of a side set member and per distribution factor, attribute, global
// variable value and id map entry. It is the size the data has, against
// which the memory a process uses can be judged; it does not count
// names, records or Go headers.
func (m *Model) ArrayBytes() int64 {
	var n int64
	fields := func(fs []*Field) {
		for _, f := range fs {
			for _, v := range f.Values {
				n += 8 * int64(len(v))
			}
		}
	}
	n += 8*int64(len(m.Coords)) + 8*int64(len(m.NodeIDs))
	fields(m.NodeFields)
	for _, g := range m.GlobalVars {
		n += 8 * int64(len(g.Values))
	}
	for _, b := range m.Blocks {
		n += 4*int64(len(b.Conn)) + 8*int64(len(b.Attributes)) + 8*int64(len(b.ElemIDs))
		fields(b.Fields)
	}
	for _, s := range m.NodeSets {
		n += 4*int64(len(s.Members)) + 8*int64(len(s.DistFactors))
		fields(s.Fields)
	}
	for _, s := range m.SideSets {
		n += 8*int64(len(s.BlockIDs)) + 4*int64(len(s.Elems)) + 4*int64(len(s.Sides)) + 8*int64(len(s.DistFactors))
		fields(s.Fields)
	}
	return n
}
