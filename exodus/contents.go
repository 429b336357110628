package exodus

import (
	"fmt"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// Format is the netCDF container flavour of an Exodus file, with the names
// "ncdump -k" prints. The zero value, FormatDefault, is only meaningful in
// WriteOptions, where it means Offset64.
type Format int

// Container formats.
const (
	FormatDefault  Format = 0
	Classic        Format = Format(netcdf.Classic)        // CDF-1, 32-bit offsets
	Offset64       Format = Format(netcdf.Offset64)       // CDF-2, 64-bit offsets: libexodus's default
	CDF5           Format = Format(netcdf.CDF5)           // CDF-5, 64-bit data
	NetCDF4        Format = Format(netcdf.NetCDF4)        // HDF5-based, enhanced model
	NetCDF4Classic Format = Format(netcdf.NetCDF4Classic) // HDF5-based, classic model
)

// String returns the name "ncdump -k" prints ("64-bit offset", ...), or
// "default" for FormatDefault.
func (f Format) String() string {
	if f == FormatDefault {
		return "default"
	}
	return netcdf.Format(f).String()
}

// int64Capable reports whether the format can store 64-bit integers.
func (f Format) int64Capable() bool { return f == CDF5 || f == NetCDF4 }

// isNetCDF4 reports whether the format is HDF5-based.
func (f Format) isNetCDF4() bool { return f == NetCDF4 || f == NetCDF4Classic }

// Contents summarises an Exodus file without reading its bulk data: what a
// caller needs to resolve selections ("all", wildcards, "last") before
// calling Reader.Read. Lists are in file order.
type Contents struct {
	Path string
	// Format is the netCDF flavour; WordSize the size in bytes (4 or 8) of
	// real data on disk; Int64Status the int64_status bit mask (0 when the
	// attribute is absent); LargeModel reports file_size=1 (split coordinate
	// and nodal-variable layout).
	Format      Format
	WordSize    int
	Int64Status int
	LargeModel  bool
	// APIVersion and Version are the api_version and version attributes (0
	// when absent); MaxNameLength is maximum_name_length (0 when absent).
	APIVersion    float64
	Version       float64
	MaxNameLength int

	Title    string
	HasTitle bool
	NumDim   int
	NumNodes int
	NumElems int

	Blocks     []BlockInfo
	NodeSets   []SetInfo
	SideSets   []SetInfo
	Assemblies []AssemblyInfo

	// Times holds the time value of every step (time_whole).
	Times []float64

	// Variable names, in file order.
	GlobalVarNames    []string
	NodeFieldNames    []string
	ElemFieldNames    []string
	NodeSetFieldNames []string
	SideSetFieldNames []string
	// RedVarNames holds the reduction variable names of each entity kind
	// that has any.
	RedVarNames map[meshobj.EntityKind][]string

	HasNodeMap bool
	HasElemMap bool
	NumQA      int
	NumInfo    int

	// Ignored names the Exodus features present in the file that the model
	// does not represent (edge and face blocks, element sets, nodal
	// attributes, blobs, ...). A whole-file Read carries them opaquely
	// (Model.Carried); a partial Read skips them, so callers may warn then.
	Ignored []string
}

// BlockInfo describes one element block of a file.
type BlockInfo struct {
	ID           int64
	Name         string
	Type         string
	NumElems     int
	NodesPerElem int
	NumAttr      int
	// FieldNames lists the element variables defined on the block (truth
	// table entries of 1), in file order.
	FieldNames []string
}

// SetInfo describes one node set or side set of a file.
type SetInfo struct {
	ID             int64
	Name           string
	NumMembers     int
	NumDistFactors int
	// FieldNames lists the set variables defined on the set.
	FieldNames []string
}

// AssemblyInfo describes one assembly of a file.
type AssemblyInfo struct {
	ID         int64
	Name       string
	Type       int32
	NumMembers int
}

// Block returns the index of the block with the given id in Blocks, or -1.
func (c *Contents) Block(id int64) int {
	for i := range c.Blocks {
		if c.Blocks[i].ID == id {
			return i
		}
	}
	return -1
}

// BlockIDs returns the element block ids in file order.
func (c *Contents) BlockIDs() []int64 { return blockIDs(c.Blocks) }

// NodeSetIDs returns the node set ids in file order.
func (c *Contents) NodeSetIDs() []int64 { return setIDs(c.NodeSets) }

// SideSetIDs returns the side set ids in file order.
func (c *Contents) SideSetIDs() []int64 { return setIDs(c.SideSets) }

func blockIDs(bs []BlockInfo) []int64 {
	ids := make([]int64, len(bs))
	for i := range bs {
		ids[i] = bs[i].ID
	}
	return ids
}

func setIDs(ss []SetInfo) []int64 {
	ids := make([]int64, len(ss))
	for i := range ss {
		ids[i] = ss[i].ID
	}
	return ids
}

// Selection says which parts of a file Reader.Read imports. Every list is
// concrete and already resolved (no wildcards, no "last"). For every field,
// nil means "all" and an empty non-nil slice means "none": a zero Selection
// (or a nil *Selection) imports everything, and
// &Selection{Timesteps: []int{}} imports the mesh without any timestep.
//
// Partial imports follow exomerge's import_model:
//   - Blocks: only the listed blocks are imported. Unless every block of the
//     file is listed, only the nodes their connectivity uses are imported, in
//     file order, renumbered densely; node fields, node ids and coordinates
//     follow.
//   - Node sets keep the members that were imported (with their distribution
//     factors and field values); side sets keep the members whose element
//     was imported.
//   - Timesteps are 0-based file step indices; the model gets them in the
//     order listed. Listing a step twice is an error.
//   - Element, node-set and side-set fields are imported only on the
//     entities whose truth table has them.
//
// Names and ids are matched exactly; asking for one the file lacks is an
// error wrapping ErrNotFound. Duplicate ids or names are ignored. Entities
// are imported in file order whatever the order of the lists. Assemblies,
// reduction variables, QA and info records and the title are always read.
type Selection struct {
	Blocks        []int64
	Timesteps     []int
	NodeFields    []string
	ElemFields    []string
	GlobalVars    []string
	NodeSets      []int64
	SideSets      []int64
	NodeSetFields []string
	SideSetFields []string
}

// idFilter turns a selected id list into a per-slot mask (nil sel: all).
func idFilter(path, what string, sel []int64, ids []int64) ([]bool, error) {
	mask := make([]bool, len(ids))
	if sel == nil {
		for i := range mask {
			mask[i] = true
		}
		return mask, nil
	}
	for _, id := range sel {
		found := false
		for i, fid := range ids {
			if fid == id {
				mask[i] = true
				found = true
			}
		}
		if !found {
			return nil, &FormatError{Path: path, Msg: fmt.Sprintf("%s %d does not exist", what, id), Err: ErrNotFound}
		}
	}
	return mask, nil
}

// nameFilter turns a selected name list into a per-index mask (nil: all).
func nameFilter(path, what string, sel []string, names []string) ([]bool, error) {
	mask := make([]bool, len(names))
	if sel == nil {
		for i := range mask {
			mask[i] = true
		}
		return mask, nil
	}
	for _, s := range sel {
		found := false
		for i, n := range names {
			if n == s {
				mask[i] = true
				found = true
			}
		}
		if !found {
			return nil, &FormatError{Path: path, Msg: fmt.Sprintf("%s %q does not exist", what, s), Err: ErrNotFound}
		}
	}
	return mask, nil
}
