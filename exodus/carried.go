package exodus

import (
	"fmt"
	"slices"
	"strings"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// Carried data: the variables of a file the model does not represent are
// read as they are (Model.Carried) and written back in place by Write.

// attBexCVInfo is the blob attribute of Bezier-extraction meshes: the number
// of dense control-point coefficient vectors and their width.
const attBexCVInfo = "bex_dense_cv_info"

// rawGroups maps name prefixes of carried variables and dimensions to the
// Exodus feature they belong to; a feature is kept or dropped whole. The
// first matching prefix wins, so longer prefixes come first.
var rawGroups = []struct{ prefix, group string }{
	{"num_ed_blk", "edge blocks"}, {"num_ed_in_blk", "edge blocks"}, {"num_nod_per_ed", "edge blocks"},
	{"num_att_in_eblk", "edge blocks"}, {"num_edge_var", "edge blocks"}, {"num_edge_red_var", "edge blocks"},
	{"num_edge_maps", "edge blocks"}, {"num_edge_sets", "edge blocks"}, {"num_edge_es", "edge blocks"},
	{"num_df_es", "edge blocks"}, {"num_eset_var", "edge blocks"}, {"num_edg_per_el", "edge blocks"},
	{"num_edge", "edge blocks"}, {"ed_", "edge blocks"}, {"ebconn", "edge blocks"}, {"eattrb", "edge blocks"},
	{"eattrib_name", "edge blocks"}, {"vals_edge_var", "edge blocks"}, {"name_edge_var", "edge blocks"},
	{"edge_var_tab", "edge blocks"}, {"edge_num_map", "edge blocks"}, {"edge_map", "edge blocks"},
	{"edmap_names", "edge blocks"}, {"edm_prop", "edge blocks"}, {"edgconn", "edge blocks"},
	{"es_", "edge blocks"}, {"edge_es", "edge blocks"}, {"ornt_es", "edge blocks"}, {"dist_fact_es", "edge blocks"},
	{"vals_eset_var", "edge blocks"}, {"name_eset_var", "edge blocks"}, {"eset_var_tab", "edge blocks"},
	{"vals_red_var_edb", "edge blocks"}, {"vals_red_var_eset", "edge blocks"}, {"name_edge_red_var", "edge blocks"},
	{"name_eset_red_var", "edge blocks"}, {"num_eset_red_var", "edge blocks"},

	{"num_fa_blk", "face blocks"}, {"num_fa_in_blk", "face blocks"}, {"num_nod_per_fa", "face blocks"},
	{"num_att_in_fblk", "face blocks"}, {"num_face_var", "face blocks"}, {"num_face_red_var", "face blocks"},
	{"num_face_maps", "face blocks"}, {"num_face_sets", "face blocks"}, {"num_face_fs", "face blocks"},
	{"num_df_fs", "face blocks"}, {"num_fset_var", "face blocks"}, {"num_fac_per_el", "face blocks"},
	{"num_face", "face blocks"}, {"fa_", "face blocks"}, {"fbconn", "face blocks"}, {"fattrb", "face blocks"},
	{"fattrib_name", "face blocks"}, {"vals_face_var", "face blocks"}, {"name_face_var", "face blocks"},
	{"face_var_tab", "face blocks"}, {"face_num_map", "face blocks"}, {"face_map", "face blocks"},
	{"famap_names", "face blocks"}, {"fam_prop", "face blocks"}, {"facconn", "face blocks"},
	{"fs_", "face blocks"}, {"face_fs", "face blocks"}, {"ornt_fs", "face blocks"}, {"dist_fact_fs", "face blocks"},
	{"vals_fset_var", "face blocks"}, {"name_fset_var", "face blocks"}, {"fset_var_tab", "face blocks"},
	{"vals_red_var_fb", "face blocks"}, {"vals_red_var_fset", "face blocks"}, {"name_face_red_var", "face blocks"},
	{"name_fset_red_var", "face blocks"}, {"num_fset_red_var", "face blocks"},

	{"num_elem_sets", "element sets"}, {"num_ele_els", "element sets"}, {"num_df_els", "element sets"},
	{"num_elset_var", "element sets"}, {"num_elset_red_var", "element sets"}, {"els_", "element sets"},
	{"elem_els", "element sets"}, {"dist_fact_els", "element sets"}, {"vals_elset_var", "element sets"},
	{"name_elset_var", "element sets"}, {"elset_var_tab", "element sets"}, {"vals_red_var_elset", "element sets"},
	{"name_elset_red_var", "element sets"}, {"num_att_in_els", "element sets"}, {"elsattrb", "element sets"},

	{"num_att_in_nblk", "nodal attributes"}, {"nattrb", "nodal attributes"}, {"nattrib_name", "nodal attributes"},

	{"num_node_maps", "node maps"}, {"node_map", "node maps"}, {"nm_prop", "node maps"}, {"nmap_names", "node maps"},
	{"num_elem_maps", "element maps"}, {"elem_map", "element maps"}, {"em_prop", "element maps"}, {"emap_names", "element maps"},

	{"num_cframes", "coordinate frames"}, {"frame_", "coordinate frames"},

	{"blob_entity", "blobs"}, {"num_values_blob", "blobs"}, {"num_blob_var", "blobs"}, {"num_blob_red_var", "blobs"},
	{"vals_blob_var", "blobs"}, {"name_blob_var", "blobs"}, {"blob_var_tab", "blobs"}, {"vals_red_var_blob", "blobs"},
	{"name_blob_red_var", "blobs"},

	{"num_assembly_var", "assembly variables"}, {"vals_assembly_var", "assembly variables"},
	{"name_assembly_var", "assembly variables"}, {"assembly_var_tab", "assembly variables"},

	{"num_att_in_ns", "node set attributes"}, {"nsattrb", "node set attributes"}, {"nsattrib_name", "node set attributes"},
	{"num_att_in_ss", "side set attributes"}, {"ssattrb", "side set attributes"}, {"ssattrib_name", "side set attributes"},
}

// rawGroup names the feature a carried variable or dimension belongs to.
func rawGroup(name string) string {
	for _, g := range rawGroups {
		if strings.HasPrefix(name, g.prefix) {
			return g.group
		}
	}
	return "variable " + name
}

// rawDeps works out what a carried variable depends on from its dimensions
// and its name.
func rawDeps(vi netcdf.VarInfo) meshobj.RawDeps {
	var d meshobj.RawDeps
	for _, dim := range vi.Dims {
		switch {
		case dim.Name == dimNumNodes:
			d |= meshobj.DepNodes
		case dim.Name == dimNumElem, strings.HasPrefix(dim.Name, "num_el_in_blk"):
			d |= meshobj.DepElems
		case dim.Name == dimTime || dim.Unlimited:
			d |= meshobj.DepTime
		}
	}
	for _, dim := range vi.Dims {
		for _, p := range []string{"num_nod_ns", "num_side_ss", "num_df_ss", "num_att_in_ns", "num_att_in_ss"} {
			if strings.HasPrefix(dim.Name, p) {
				d |= meshobj.DepSets
			}
		}
	}
	for _, p := range []string{"ebconn", "fbconn", "node_map"} {
		if strings.HasPrefix(vi.Name, p) {
			d |= meshobj.DepNodes
		}
	}
	for _, p := range []string{"elem_els", "elem_map", "edgconn", "facconn"} {
		if strings.HasPrefix(vi.Name, p) {
			d |= meshobj.DepElems
		}
	}
	return d
}

// scanControlPoints adds up the control points the blobs of a
// Bezier-extraction mesh describe (the first value of bex_dense_cv_info).
func (r *Reader) scanControlPoints() error {
	for _, name := range r.varOrder {
		if !strings.HasPrefix(name, "blob_entity") {
			continue
		}
		v, err := r.v(name)
		if err != nil {
			return err
		}
		if _, ok, err := v.Attr(attBexCVInfo); err != nil {
			return r.ncErr(name, err)
		} else if !ok {
			continue
		}
		info, err := v.AttrInt64s(attBexCVInfo)
		if err != nil {
			return r.ncErr(name+":"+attBexCVInfo, err)
		}
		if len(info) < 1 || info[0] < 0 || info[0] > int64(meshobj.MaxIndex) {
			return r.errf(name, ErrRange, "%s is %v, want a control-point count first", attBexCVInfo, info)
		}
		r.controlPoints += int(info[0])
	}
	if r.controlPoints > meshobj.MaxIndex-r.c.NumNodes {
		return r.errf("", ErrUnsupported, "%d nodes and %d control points exceed what a model holds", r.c.NumNodes, r.controlPoints)
	}
	// blob_entity variables are carried, not modelled
	for _, name := range r.varOrder {
		if strings.HasPrefix(name, "blob_entity") {
			delete(r.used, name)
		}
	}
	return nil
}

// modelDims are dimensions the writer defines from the model whenever it
// needs them; an unused one is not carried.
var modelDims = []string{dimTime, dimNumDim, dimLenName, dimLenString, dimLenLine, dimFour, dimNumNodes,
	dimNumElem, dimNumElBlk, dimNumNS, dimNumSS, dimNumQA, dimNumInfo}

// readCarried reads every variable the model did not read, with its
// dimensions and attributes, and the dimensions no variable uses.
func (r *Reader) readCarried() (*meshobj.Carried, error) {
	c := &meshobj.Carried{}
	usedDims := map[string]bool{}
	groupDeps := map[string]meshobj.RawDeps{}
	for _, name := range r.varOrder {
		vi := r.vars[name]
		for _, d := range vi.Dims {
			usedDims[d.Name] = true
		}
		if r.used[name] {
			continue
		}
		rv := &meshobj.RawVar{Name: name, Type: meshobj.AttrType(vi.Type), Group: rawGroup(name)}
		n := 1
		for i, d := range vi.Dims {
			rv.Dims = append(rv.Dims, meshobj.RawDim{Name: d.Name, Len: vi.Shape[i]})
			n *= vi.Shape[i]
		}
		v, err := r.v(name)
		if err != nil {
			return nil, err
		}
		switch {
		case vi.Type == netcdf.Char:
			rv.Text = make([]byte, n)
			if n > 0 {
				err = v.ReadBytes(rv.Text)
			}
		case vi.Type == netcdf.Float || vi.Type == netcdf.Double:
			rv.Floats = make([]float64, n)
			if n > 0 {
				err = v.ReadFloat64s(rv.Floats)
			}
		case vi.Type.Numeric():
			rv.Ints = make([]int64, n)
			if n > 0 {
				err = v.ReadInt64s(rv.Ints)
			}
		default:
			// netCDF-4 strings and user-defined types have no Exodus
			// meaning; they are left out (Contents.Ignored does not list
			// them either)
			continue
		}
		if err != nil {
			return nil, r.ncErr(name, err)
		}
		if rv.Attrs, err = r.readAttrsOpt(name, true); err != nil {
			return nil, err
		}
		groupDeps[rv.Group] |= rawDeps(vi)
		c.Vars = append(c.Vars, rv)
	}
	for _, rv := range c.Vars {
		rv.Deps = groupDeps[rv.Group]
	}
	dims, err := r.f.Dims()
	if err != nil {
		return nil, r.ncErr("", err)
	}
	for _, d := range dims {
		if !usedDims[d.Name] && !d.Unlimited && !slices.Contains(modelDims, d.Name) {
			c.Dims = append(c.Dims, meshobj.RawDim{Name: d.Name, Len: d.Len})
		}
	}
	if c.Empty() {
		return nil, nil
	}
	return c, nil
}

// nameWidthDims are the string-width dimensions whose length may differ
// between the file read and the file written; carried text over them is
// re-padded.
var nameWidthDims = []string{dimLenName, dimLenString, dimLenLine}

// defineCarried defines the carried variables and dimensions after the
// model's own, and schedules their data. A variable that clashes with what
// the model now holds (a dimension of another length, a name the writer
// already used, a type the format cannot store) is dropped with its
// feature, with a warning.
func (w *writer) defineCarried() error {
	c := w.m.Carried
	if c.Empty() {
		return nil
	}
	bad := map[string]string{} // group -> reason
	type plan struct {
		rv    *meshobj.RawVar
		dims  []string
		width [2]int // re-pad rows of width [0] to [1] (text only)
	}
	var plans []plan
	for _, rv := range c.Vars {
		if bad[rv.Group] != "" {
			continue
		}
		why := ""
		p := plan{rv: rv}
		if _, ok, err := w.f.Var(rv.Name); err != nil {
			return w.ncErr(rv.Name, err)
		} else if ok {
			continue // the model's own form of it (time_whole of a file without steps, ...)
		}
		t := netcdf.Type(rv.Type)
		if why == "" && t.Size() == 0 {
			why = fmt.Sprintf("%s has type %s", rv.Name, t)
		}
		if why == "" && (t == netcdf.Int64 || t == netcdf.UInt64 || t >= netcdf.UByte && t <= netcdf.UInt64) && !w.o.Format.int64Capable() {
			why = fmt.Sprintf("%s has type %s, which the %s format cannot store", rv.Name, t, w.o.Format)
		}
		for i, d := range rv.Dims {
			if why != "" {
				break
			}
			last := i == len(rv.Dims)-1
			if t == netcdf.Char && last && isNameArray(rv.Name) && (d.Name == dimLenName || d.Name == dimLenString) {
				// names go over len_name, as libexodus reads them
				p.dims = append(p.dims, dimLenName)
				if have := w.dims[dimLenName].Len; have != d.Len {
					p.width = [2]int{d.Len, have}
				}
				continue
			}
			p.dims = append(p.dims, d.Name)
			if d.Name == dimTime {
				if d.Len != w.nt {
					why = fmt.Sprintf("%s has %d timesteps, the model %d", rv.Name, d.Len, w.nt)
				}
				continue
			}
			have, ok := w.dims[d.Name]
			if !ok || have.Len == d.Len {
				continue
			}
			if t == netcdf.Char && last && slices.Contains(nameWidthDims, d.Name) {
				p.width = [2]int{d.Len, have.Len}
				continue
			}
			why = fmt.Sprintf("%s has %s %d, the model %d", rv.Name, d.Name, d.Len, have.Len)
		}
		if why != "" {
			bad[rv.Group] = why
			continue
		}
		plans = append(plans, p)
	}
	var dropped []string
	for g, why := range bad {
		dropped = append(dropped, g+" ("+why+")")
	}
	slices.Sort(dropped)
	if len(dropped) > 0 && w.m.Warn != nil {
		w.m.Warn(meshobj.Warning{Short: "Carried Exodus data dropped.",
			Detail: "The model no longer matches what the file's " + strings.Join(dropped, ", ") + " refer to; they are not written."})
	}
	for _, p := range plans {
		rv := p.rv
		if bad[rv.Group] != "" {
			continue
		}
		for i, d := range rv.Dims {
			if _, ok := w.dims[p.dims[i]]; !ok {
				if err := w.dim(d.Name, d.Len); err != nil {
					return err
				}
			}
		}
		t := netcdf.Type(rv.Type)
		if t == netcdf.Float || t == netcdf.Double {
			t = w.realT // real data follow the file's word size
		}
		v, err := w.defVar(rv.Name, t, p.dims...)
		if err != nil {
			return err
		}
		attrs := rv.Attrs
		if t != netcdf.Type(rv.Type) {
			// a fill value must have the variable's type
			attrs = slices.Clone(attrs)
			for i := range attrs {
				if attrs[i].Name == attFillValue {
					attrs[i].Type = meshobj.AttrType(t)
				}
			}
		}
		if err := w.userAttrs(v, rv.Name, attrs); err != nil {
			return err
		}
		count := make([]int, len(rv.Dims))
		n := 1
		for i, d := range rv.Dims {
			count[i] = d.Len
			if p.width[1] > 0 && i == len(rv.Dims)-1 {
				count[i] = p.width[1]
			}
			n *= count[i]
		}
		start := make([]int, len(count))
		w.put(rv.Name, func() error {
			if n == 0 {
				return nil
			}
			switch {
			case rv.Text != nil:
				text := rv.Text
				if p.width[1] > 0 && p.width[0] == 0 {
					text = make([]byte, n)
				} else if p.width[1] > 0 {
					text = repad(text, p.width[0], p.width[1])
				}
				return v.PutBytes(start, count, text)
			case rv.Floats != nil && w.realT == netcdf.Float:
				f32 := make([]float32, len(rv.Floats))
				for i, x := range rv.Floats {
					f32[i] = float32(x)
				}
				return v.PutFloat32s(start, count, f32)
			case rv.Floats != nil:
				return v.PutFloat64s(start, count, rv.Floats)
			default:
				return v.PutInt64s(start, count, rv.Ints)
			}
		})
	}
	for _, d := range c.Dims {
		if _, ok := w.dims[d.Name]; !ok {
			if err := w.dim(d.Name, d.Len); err != nil {
				return err
			}
		}
	}
	return nil
}

// isNameArray reports whether a carried text array holds entity or
// variable names (ed_names, name_blob_var, nattrib_name, ...), which
// libexodus reads over len_name.
func isNameArray(name string) bool {
	return strings.HasSuffix(name, "names") || strings.HasPrefix(name, "name_") || strings.Contains(name, "attrib_name")
}

// repad copies rows of width from into rows of width to, cutting or
// padding with NULs.
func repad(text []byte, from, to int) []byte {
	rows := len(text) / from
	out := make([]byte, rows*to)
	k := min(from, to-1) // a cut name keeps a NUL at its end
	for i := range rows {
		copy(out[i*to:i*to+k], text[i*from:i*from+k])
	}
	return out
}

// readVarAttrs reads the user attributes of the variables the model reads
// whose names do not depend on entity order (no digits): coordx:units and
// the like. Entity variables (connect%d, node_ns%d, elem_ss%d, assemblies)
// carry theirs in the model's entities.
func (r *Reader) readVarAttrs() (map[string][]meshobj.Attr, error) {
	var out map[string][]meshobj.Attr
	for _, name := range r.varOrder {
		if !r.used[name] || strings.ContainsAny(name, "0123456789") {
			continue
		}
		attrs, err := r.readAttrs(name)
		if err != nil {
			return nil, err
		}
		if len(attrs) > 0 {
			if out == nil {
				out = map[string][]meshobj.Attr{}
			}
			out[name] = attrs
		}
	}
	return out, nil
}

// defineVarAttrs puts the model's variable attributes back on the variables
// the writer defined; an attribute the writer set itself wins.
func (w *writer) defineVarAttrs() error {
	names := make([]string, 0, len(w.m.VarAttrs))
	for name := range w.m.VarAttrs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		v, ok, err := w.f.Var(name)
		if err != nil {
			return w.ncErr(name, err)
		}
		if !ok {
			continue
		}
		var attrs []meshobj.Attr
		for _, a := range w.m.VarAttrs[name] {
			if _, has, err := v.Attr(a.Name); err != nil {
				return w.ncErr(name, err)
			} else if !has {
				attrs = append(attrs, a)
			}
		}
		if err := w.userAttrs(v, name, attrs); err != nil {
			return err
		}
	}
	return nil
}
