package exodus

import (
	"errors"
	"strconv"
)

// This file holds the Exodus II on-disk vocabulary: every netCDF dimension,
// variable and attribute name the reader and writer use, the name builders
// for per-object names, the int64_status bits, and the package's error
// types. Nothing else in the package spells a netCDF name literally.
//
// Per-object names take the 1-based slot of the object in its id array
// (connect3 is the third block, whatever its id), except assemblies, whose
// names carry the assembly id.

// Global attributes.
const (
	attTitle          = "title"
	attAPIVersion     = "api_version"
	attAPIVersionOld  = "api version"
	attVersion        = "version"
	attWordSize       = "floating_point_word_size"
	attWordSizeOld    = "floating point word size"
	attFileSize       = "file_size"
	attMaxNameLength  = "maximum_name_length"
	attInt64Status    = "int64_status"
	attPropName       = "name"      // on *_prop%d: the property name ("ID" for prop1)
	attElemType       = "elem_type" // on connect%d: the topology string
	attAssemblyID     = "_id"
	attAssemblyName   = "_name"
	attAssemblyType   = "_type"
	attAssemblyTyName = "_typename"
	attFillValue      = "_FillValue"
)

// Fixed dimensions.
const (
	dimLenString  = "len_string"
	dimLenName    = "len_name"
	dimLenLine    = "len_line"
	dimFour       = "four"
	dimTime       = "time_step"
	dimNumDim     = "num_dim"
	dimNumNodes   = "num_nodes"
	dimNumElem    = "num_elem"
	dimNumElBlk   = "num_el_blk"
	dimNumNS      = "num_node_sets"
	dimNumSS      = "num_side_sets"
	dimNumQA      = "num_qa_rec"
	dimNumInfo    = "num_info"
	dimNumGloVar  = "num_glo_var"
	dimNumNodVar  = "num_nod_var"
	dimNumElemVar = "num_elem_var"
	dimNumNSetVar = "num_nset_var"
	dimNumSSetVar = "num_sset_var"
)

// Fixed variables.
const (
	varTime        = "time_whole"
	varCoord       = "coord" // old combined layout (num_dim, num_nodes)
	varCoorNames   = "coor_names"
	varEBStatus    = "eb_status"
	varEBNames     = "eb_names"
	varNSStatus    = "ns_status"
	varNSNames     = "ns_names"
	varSSStatus    = "ss_status"
	varSSNames     = "ss_names"
	varNodeNumMap  = "node_num_map"
	varElemNumMap  = "elem_num_map"
	varQA          = "qa_records"
	varInfo        = "info_records"
	varNameGloVar  = "name_glo_var"
	varValsGloVar  = "vals_glo_var"
	varNameNodVar  = "name_nod_var"
	varValsNodOld  = "vals_nod_var" // old combined layout (time_step, num_nod_var, num_nodes)
	varNameElemVar = "name_elem_var"
	varElemVarTab  = "elem_var_tab"
	varNameNSetVar = "name_nset_var"
	varNSetVarTab  = "nset_var_tab"
	varNameSSetVar = "name_sset_var"
	varSSetVarTab  = "sset_var_tab"
)

// coordVars are the per-axis coordinate variables of the large-model layout.
var coordVars = [3]string{"coordx", "coordy", "coordz"}

// Prefixes of names numbered by assembly id.
const (
	prefixAssemblyEntity = "assembly_entity"
	prefixAssemblyDim    = "num_entity_assembly"
)

// Name builders for per-object dimensions and variables (slot is 1-based).
func num(prefix string, n int) string { return prefix + strconv.Itoa(n) }

func num2(p1 string, n1 int, p2 string, n2 int) string {
	return p1 + strconv.Itoa(n1) + p2 + strconv.Itoa(n2)
}

func dimNumElInBlk(slot int) string   { return num("num_el_in_blk", slot) }
func dimNumNodPerEl(slot int) string  { return num("num_nod_per_el", slot) }
func dimNumAttInBlk(slot int) string  { return num("num_att_in_blk", slot) }
func varConnect(slot int) string      { return num("connect", slot) }
func varAttrib(slot int) string       { return num("attrib", slot) }
func varAttribName(slot int) string   { return num("attrib_name", slot) }
func varEBProp(n int) string          { return num("eb_prop", n) }
func varNSProp(n int) string          { return num("ns_prop", n) }
func varSSProp(n int) string          { return num("ss_prop", n) }
func dimNumNodNS(slot int) string     { return num("num_nod_ns", slot) }
func varNodeNS(slot int) string       { return num("node_ns", slot) }
func varDistFactNS(slot int) string   { return num("dist_fact_ns", slot) }
func dimNumSideSS(slot int) string    { return num("num_side_ss", slot) }
func dimNumDFSS(slot int) string      { return num("num_df_ss", slot) }
func varElemSS(slot int) string       { return num("elem_ss", slot) }
func varSideSS(slot int) string       { return num("side_ss", slot) }
func varDistFactSS(slot int) string   { return num("dist_fact_ss", slot) }
func varValsNodVar(v int) string      { return num("vals_nod_var", v) }
func dimNumEntityAsm(id int64) string { return prefixAssemblyDim + strconv.FormatInt(id, 10) }
func varAssemblyEntity(id int64) string {
	return prefixAssemblyEntity + strconv.FormatInt(id, 10)
}
func varValsElemVar(v, slot int) string { return num2("vals_elem_var", v, "eb", slot) }
func varValsNSetVar(v, slot int) string { return num2("vals_nset_var", v, "ns", slot) }
func varValsSSetVar(v, slot int) string { return num2("vals_sset_var", v, "ss", slot) }

// Reduction variables: the count dimension and name array per entity kind,
// and the per-object value arrays (slot for blocks and sets, id for
// assemblies).
type redKind struct {
	dim, names string
	vals       func(n int64) string
}

var (
	redBlock    = redKind{"num_elem_red_var", "name_elem_red_var", func(n int64) string { return "vals_red_var_eb" + strconv.FormatInt(n, 10) }}
	redNodeSet  = redKind{"num_nset_red_var", "name_nset_red_var", func(n int64) string { return "vals_red_var_nset" + strconv.FormatInt(n, 10) }}
	redSideSet  = redKind{"num_sset_red_var", "name_sset_red_var", func(n int64) string { return "vals_red_var_sset" + strconv.FormatInt(n, 10) }}
	redAssembly = redKind{"num_assembly_red_var", "name_assembly_red_var", func(n int64) string { return "vals_red_var_assembly" + strconv.FormatInt(n, 10) }}
)

// ignoredFeatures lists Exodus features exosh's model does not carry: the
// dimension or variable that reveals each (a trailing "*" matches a prefix)
// and how Contents.Ignored names it.
var ignoredFeatures = []struct{ name, what string }{
	{"num_ed_blk", "edge blocks"},
	{"num_fa_blk", "face blocks"},
	{"num_edge_sets", "edge sets"},
	{"num_face_sets", "face sets"},
	{"num_elem_sets", "element sets"},
	{"num_node_maps", "extra node maps"},
	{"num_elem_maps", "extra element maps"},
	{"num_edge_maps", "edge maps"},
	{"num_face_maps", "face maps"},
	{"elem_map", "the old element order map"},
	{"num_att_in_nblk", "nodal attributes"},
	{"num_att_in_ns*", "node set attributes"},
	{"num_att_in_ss*", "side set attributes"},
	{"num_cframes", "coordinate frames"},
	{"blob_entity*", "blobs"},
	{"num_edge_var", "edge block variables"},
	{"num_face_var", "face block variables"},
	{"num_eset_var", "edge set variables"},
	{"num_fset_var", "face set variables"},
	{"num_elset_var", "element set variables"},
	{"num_assembly_var", "assembly variables"},
	{"num_blob_var", "blob variables"},
	{"num_edge_red_var", "edge block reduction variables"},
	{"num_face_red_var", "face block reduction variables"},
	{"num_eset_red_var", "edge set reduction variables"},
	{"num_fset_red_var", "face set reduction variables"},
	{"num_elset_red_var", "element set reduction variables"},
	{"num_blob_red_var", "blob reduction variables"},
	{"el_blk_ids_global", "Nemesis decomposition data"},
}

// int64_status bits (EX_MAPS_INT64_DB, EX_IDS_INT64_DB, EX_BULK_INT64_DB).
const (
	int64Maps = 0x0400
	int64IDs  = 0x0800
	int64Bulk = 0x1000
	int64All  = int64Maps | int64IDs | int64Bulk
)

// Exodus entity-type codes (ex_entity_type) used for assembly members.
const (
	entityElemBlock = 1
	entityNodeSet   = 2
	entitySideSet   = 3
	entityAssembly  = 16
)

// entityTypeName returns libexodus's ex_name_of_object text for an entity
// type code, or "" for codes exosh does not name.
func entityTypeName(code int32) string {
	switch code {
	case entityElemBlock:
		return "element block"
	case entityNodeSet:
		return "node set"
	case entitySideSet:
		return "side set"
	case 4:
		return "element map"
	case 5:
		return "node map"
	case 6:
		return "edge block"
	case 7:
		return "edge set"
	case 8:
		return "face block"
	case 9:
		return "face set"
	case 10:
		return "element set"
	case 11:
		return "edge map"
	case 12:
		return "face map"
	case 13:
		return "global"
	case 14:
		return "nodal"
	case entityAssembly:
		return "assembly"
	case 17:
		return "blob"
	}
	return ""
}

// String widths of current libexodus.
const (
	defaultNameLen = 256 // len_name: 255 characters plus NUL
	qaStringLen    = 33  // len_string: 32 characters plus NUL
	lineLen        = 81  // len_line: 80 characters plus NUL
	maxTitleLen    = 80
	apiVersion     = 9.06 // written as api_version and version
)

// Sentinel errors. Every *FormatError wraps one of them, so callers can test
// the kind of fault with errors.Is.
var (
	// ErrNotExodus: the file is netCDF (or not even that) but not Exodus II.
	ErrNotExodus = errors.New("not an Exodus II file")
	// ErrTruncated: the file is shorter than its header says.
	ErrTruncated = errors.New("file is truncated")
	// ErrMissing: a dimension, variable or attribute the file needs is absent.
	ErrMissing = errors.New("missing dimension or variable")
	// ErrShape: a variable's shape or type does not match the dimensions it
	// must have.
	ErrShape = errors.New("variable has the wrong shape or type")
	// ErrRange: an index, id or count stored in the file is out of range.
	ErrRange = errors.New("value out of range")
	// ErrUnsupported: the file uses an Exodus feature exosh cannot carry.
	ErrUnsupported = errors.New("unsupported Exodus feature")
	// ErrNotFound: a Selection names a block, set, timestep or variable the
	// file does not have.
	ErrNotFound = errors.New("not found in file")
	// ErrModel: the model given to Write cannot be stored.
	ErrModel = errors.New("model cannot be written")
)

// FormatError reports a fault in an Exodus file, or in a model being
// written: Path is the file, Var the netCDF variable (or dimension or
// attribute) concerned, possibly empty, and Msg the problem. Err is the
// sentinel (ErrShape, ErrRange, ...) or underlying error it wraps.
type FormatError struct {
	Path string
	Var  string
	Msg  string
	Err  error
}

// Error formats the error as "exodus: <path>: <var>: <msg>", leaving out an
// empty Var.
func (e *FormatError) Error() string {
	s := "exodus: " + e.Path + ": "
	if e.Var != "" {
		s += e.Var + ": "
	}
	return s + e.Msg
}

// Unwrap returns the wrapped sentinel or cause.
func (e *FormatError) Unwrap() error { return e.Err }
