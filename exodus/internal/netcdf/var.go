package netcdf

/*
#include <stdlib.h>
#include <netcdf.h>
*/
import "C"

import (
	"unsafe"
)

// Dim describes a dimension. Len is the length when the Dim was obtained; for
// an unlimited dimension it is the current number of records.
type Dim struct {
	ID        int    // netCDF dimension id
	Name      string // dimension name
	Len       int    // length (current records if Unlimited)
	Unlimited bool   // record dimension
}

func sizePtr(s []C.size_t) *C.size_t { return &s[0] }

// unlimIDs returns the ids of the unlimited dimensions visible in ncid.
// The caller holds ncMu.
func unlimIDs(ncid C.int) (map[C.int]bool, C.int) {
	var n C.int
	if st := C.nc_inq_unlimdims(ncid, &n, nil); st != C.NC_NOERR {
		return nil, st
	}
	m := make(map[C.int]bool, n)
	if n == 0 {
		return m, C.NC_NOERR
	}
	ids := make([]C.int, n)
	if st := C.nc_inq_unlimdims(ncid, &n, &ids[0]); st != C.NC_NOERR {
		return nil, st
	}
	for _, id := range ids {
		m[id] = true
	}
	return m, C.NC_NOERR
}

// inqDim fills a Dim for id. The caller holds ncMu.
func inqDim(ncid, id C.int, unlim map[C.int]bool) (Dim, C.int) {
	var n C.size_t
	if st := C.nc_inq_dim(ncid, id, nameBuf(), &n); st != C.NC_NOERR {
		return Dim{}, st
	}
	return Dim{ID: int(id), Name: nameString(C.NC_MAX_NAME), Len: int(n), Unlimited: unlim[id]}, C.NC_NOERR
}

// DefDim defines a fixed dimension of the given length, which must be > 0
// (use DefUnlimitedDim for a record dimension). The file must be in define
// mode.
func (f *File) DefDim(name string, length int) (Dim, error) {
	if length <= 0 {
		return Dim{}, argError("define dimension", f.pathOf(), name, C.NC_EDIMSIZE, "length %d, want > 0", length)
	}
	return f.defDim(name, length)
}

// DefUnlimitedDim defines an unlimited (record) dimension. Classic-model
// files allow only one.
func (f *File) DefUnlimitedDim(name string) (Dim, error) {
	return f.defDim(name, 0)
}

func (f *File) defDim(name string, length int) (Dim, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var id C.int
	st := f.call(func(ncid C.int) C.int {
		return C.nc_def_dim(ncid, cname, C.size_t(length), &id)
	})
	if st != C.NC_NOERR {
		return Dim{}, newError("define dimension", f.pathOf(), name, st)
	}
	return Dim{ID: int(id), Name: name, Len: length, Unlimited: length == 0}, nil
}

// Dims returns all dimensions of the root group in id order, with their
// current lengths (for unlimited dimensions, the current number of records).
func (f *File) Dims() ([]Dim, error) {
	var dims []Dim
	st := f.call(func(ncid C.int) C.int {
		var n C.int
		if st := C.nc_inq_dimids(ncid, &n, nil, 0); st != C.NC_NOERR || n == 0 {
			return st
		}
		ids := make([]C.int, n)
		if st := C.nc_inq_dimids(ncid, &n, &ids[0], 0); st != C.NC_NOERR {
			return st
		}
		unlim, st := unlimIDs(ncid)
		if st != C.NC_NOERR {
			return st
		}
		dims = make([]Dim, n)
		for i, id := range ids {
			if dims[i], st = inqDim(ncid, id, unlim); st != C.NC_NOERR {
				return st
			}
		}
		return C.NC_NOERR
	})
	if st != C.NC_NOERR {
		return nil, newError("inquire dimensions of", f.pathOf(), "", st)
	}
	return dims, nil
}

// Dim looks a dimension up by name. ok is false (and err nil) if the file has
// no such dimension.
func (f *File) Dim(name string) (d Dim, ok bool, err error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	st := f.call(func(ncid C.int) C.int {
		var id C.int
		if st := C.nc_inq_dimid(ncid, cname, &id); st != C.NC_NOERR {
			return st
		}
		unlim, st := unlimIDs(ncid)
		if st != C.NC_NOERR {
			return st
		}
		d, st = inqDim(ncid, id, unlim)
		return st
	})
	switch st {
	case C.NC_NOERR:
		return d, true, nil
	case C.NC_EBADDIM:
		return Dim{}, false, nil
	}
	return Dim{}, false, newError("inquire dimension", f.pathOf(), name, st)
}

// varMeta holds what never changes about a variable once defined.
type varMeta struct {
	name     string
	xtype    Type
	dimids   []C.int
	dimNames []string
	unlim    []bool
	fixedLen []int // length of each non-unlimited dimension (0 for unlimited)
}

// Var is a handle on a variable of a File, or on the NC_GLOBAL
// pseudo-variable (see File.Global), which only carries attributes. It is a
// small comparable value; copying it is cheap. The zero Var is invalid: every
// method returns an error for it.
type Var struct {
	f  *File
	id C.int
	m  *varMeta
}

// VarInfo describes a variable. Shape holds the current length of each
// dimension (records for an unlimited one).
type VarInfo struct {
	Name  string
	Type  Type
	Dims  []Dim
	Shape []int
}

// loadMeta reads the immutable description of variable id. unlim holds the
// unlimited dimension ids (nil: look them up). The caller holds ncMu.
func loadMeta(ncid, id C.int, unlim map[C.int]bool) (*varMeta, C.int) {
	var xtype C.nc_type
	var ndims C.int
	if st := C.nc_inq_var(ncid, id, nameBuf(), &xtype, &ndims, nil, nil); st != C.NC_NOERR {
		return nil, st
	}
	m := &varMeta{name: nameString(C.NC_MAX_NAME), xtype: Type(xtype)}
	if ndims == 0 {
		return m, C.NC_NOERR
	}
	m.dimids = make([]C.int, ndims)
	if st := C.nc_inq_vardimid(ncid, id, &m.dimids[0]); st != C.NC_NOERR {
		return nil, st
	}
	if unlim == nil {
		var st C.int
		if unlim, st = unlimIDs(ncid); st != C.NC_NOERR {
			return nil, st
		}
	}
	m.dimNames = make([]string, ndims)
	m.unlim = make([]bool, ndims)
	m.fixedLen = make([]int, ndims)
	for i, did := range m.dimids {
		d, st := inqDim(ncid, did, unlim)
		if st != C.NC_NOERR {
			return nil, st
		}
		m.dimNames[i] = d.Name
		m.unlim[i] = d.Unlimited
		if !d.Unlimited {
			m.fixedLen[i] = d.Len
		}
	}
	return m, C.NC_NOERR
}

// hasUnlimited reports whether any of v's dimensions is unlimited, i.e.
// whether its shape can change.
func (m *varMeta) hasUnlimited() bool {
	for _, u := range m.unlim {
		if u {
			return true
		}
	}
	return false
}

// shapeLocked returns the current shape of v. The caller holds ncMu.
func (v Var) shapeLocked(ncid C.int) ([]int, C.int) {
	shape := make([]int, len(v.m.dimids))
	for i, did := range v.m.dimids {
		if !v.m.unlim[i] {
			shape[i] = v.m.fixedLen[i]
			continue
		}
		if n, ok := v.f.recLen[did]; ok {
			shape[i] = n
			continue
		}
		var n C.size_t
		if st := C.nc_inq_dimlen(ncid, did, &n); st != C.NC_NOERR {
			return nil, st
		}
		shape[i] = int(n)
		if !v.f.writable {
			// A read-only file's record count never changes; on
			// netCDF-4 asking for it scans every variable.
			if v.f.recLen == nil {
				v.f.recLen = map[C.int]int{}
			}
			v.f.recLen[did] = int(n)
		}
	}
	return shape, C.NC_NOERR
}

// DefVar defines a variable of type t over dims (outermost first; none for a
// scalar). The file must be in define mode.
func (f *File) DefVar(name string, t Type, dims []Dim) (Var, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	ids := make([]C.int, len(dims)+1) // +1: never hand C a nil pointer
	for i, d := range dims {
		ids[i] = C.int(d.ID)
	}
	var id C.int
	var m *varMeta
	st := f.call(func(ncid C.int) C.int {
		if st := C.nc_def_var(ncid, cname, C.nc_type(t), C.int(len(dims)), &ids[0], &id); st != C.NC_NOERR {
			return st
		}
		var st C.int
		m, st = loadMeta(ncid, id, nil)
		return st
	})
	if st != C.NC_NOERR {
		return Var{}, newError("define variable", f.pathOf(), name, st)
	}
	return Var{f: f, id: id, m: m}, nil
}

// Var looks a variable up by name. ok is false (and err nil) if the file has
// no such variable.
func (f *File) Var(name string) (v Var, ok bool, err error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var id C.int
	var m *varMeta
	st := f.call(func(ncid C.int) C.int {
		if st := C.nc_inq_varid(ncid, cname, &id); st != C.NC_NOERR {
			return st
		}
		var st C.int
		m, st = loadMeta(ncid, id, nil)
		return st
	})
	switch st {
	case C.NC_NOERR:
		return Var{f: f, id: id, m: m}, true, nil
	case C.NC_ENOTVAR:
		return Var{}, false, nil
	}
	return Var{}, false, newError("inquire variable", f.pathOf(), name, st)
}

// Vars describes all variables of the root group in definition order.
func (f *File) Vars() ([]VarInfo, error) {
	var infos []VarInfo
	st := f.call(func(ncid C.int) C.int {
		var n C.int
		if st := C.nc_inq_varids(ncid, &n, nil); st != C.NC_NOERR || n == 0 {
			return st
		}
		ids := make([]C.int, n)
		if st := C.nc_inq_varids(ncid, &n, &ids[0]); st != C.NC_NOERR {
			return st
		}
		unlim, st := unlimIDs(ncid)
		if st != C.NC_NOERR {
			return st
		}
		infos = make([]VarInfo, n)
		for i, id := range ids {
			m, st := loadMeta(ncid, id, unlim)
			if st != C.NC_NOERR {
				return st
			}
			v := Var{f: f, id: id, m: m}
			shape, st := v.shapeLocked(ncid)
			if st != C.NC_NOERR {
				return st
			}
			infos[i] = v.info(shape)
		}
		return C.NC_NOERR
	})
	if st != C.NC_NOERR {
		return nil, newError("inquire variables of", f.pathOf(), "", st)
	}
	return infos, nil
}

// Global returns the NC_GLOBAL pseudo-variable, whose only use is attributes.
// Its Name is "" and its data methods fail.
func (f *File) Global() Var {
	return Var{f: f, id: C.NC_GLOBAL, m: &varMeta{}}
}

// isGlobal reports whether v is the NC_GLOBAL pseudo-variable.
func (v Var) isGlobal() bool { return v.id == C.NC_GLOBAL }

// valid returns an error for the zero Var or the global pseudo-variable when
// a real variable is needed.
func (v Var) valid(op string, needData bool) error {
	if v.f == nil || v.m == nil {
		return argError(op, "", "", C.NC_ENOTVAR, "zero Var")
	}
	if needData && v.isGlobal() {
		return argError(op, v.f.path, "", C.NC_EGLOBAL, "the global pseudo-variable has no data")
	}
	return nil
}

func (v Var) info(shape []int) VarInfo {
	vi := VarInfo{Name: v.m.name, Type: v.m.xtype, Dims: make([]Dim, len(shape)), Shape: shape}
	for i := range shape {
		vi.Dims[i] = Dim{ID: int(v.m.dimids[i]), Name: v.m.dimNames[i], Len: shape[i], Unlimited: v.m.unlim[i]}
	}
	return vi
}

// Name returns the variable's name ("" for the global pseudo-variable or the
// zero Var).
func (v Var) Name() string {
	if v.m == nil {
		return ""
	}
	return v.m.name
}

// Type returns the variable's file type (0 for the global pseudo-variable or
// the zero Var).
func (v Var) Type() Type {
	if v.m == nil {
		return 0
	}
	return v.m.xtype
}

// Shape returns the variable's current shape (empty for a scalar).
func (v Var) Shape() ([]int, error) {
	if err := v.valid("inquire shape of", true); err != nil {
		return nil, err
	}
	var shape []int
	st := v.f.call(func(ncid C.int) C.int {
		var st C.int
		shape, st = v.shapeLocked(ncid)
		return st
	})
	if st != C.NC_NOERR {
		return nil, newError("inquire shape of", v.f.path, v.m.name, st)
	}
	return shape, nil
}

// Info describes the variable with its current shape.
func (v Var) Info() (VarInfo, error) {
	shape, err := v.Shape()
	if err != nil {
		return VarInfo{}, err
	}
	return v.info(shape), nil
}

// Len returns the number of values the variable currently holds: the product
// of its shape (1 for a scalar).
func (v Var) Len() (int, error) {
	shape, err := v.Shape()
	if err != nil {
		return 0, err
	}
	n := 1
	for _, s := range shape {
		n *= s
	}
	return n, nil
}

// SetDeflate turns on zlib compression at level 0..9 (0: no compression),
// with the HDF5 shuffle filter if shuffle is set. netCDF-4 files only, in
// define mode, before any data is written; libnetcdf refuses other formats.
func (v Var) SetDeflate(shuffle bool, level int) error {
	const op = "set deflate on"
	if err := v.valid(op, true); err != nil {
		return err
	}
	if level < 0 || level > 9 {
		return argError(op, v.f.path, v.m.name, C.NC_EINVAL, "deflate level %d, want 0..9", level)
	}
	var sh, def C.int
	if shuffle {
		sh = 1
	}
	if level > 0 {
		def = 1
	}
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_def_var_deflate(ncid, v.id, sh, def, C.int(level))
	})
	if st != C.NC_NOERR {
		return newError(op, v.f.path, v.m.name, st)
	}
	return nil
}

// SetChunking makes the variable chunked with the given chunk length per
// dimension (each > 0). netCDF-4 files only, in define mode.
func (v Var) SetChunking(chunks []int) error {
	const op = "set chunking on"
	if err := v.valid(op, true); err != nil {
		return err
	}
	nd := len(v.m.dimids)
	if nd == 0 {
		return argError(op, v.f.path, v.m.name, C.NC_EINVAL, "scalar variable cannot be chunked")
	}
	if len(chunks) != nd {
		return argError(op, v.f.path, v.m.name, C.NC_EINVAL, "%d chunk sizes for %d dimensions", len(chunks), nd)
	}
	cs := make([]C.size_t, nd)
	for i, c := range chunks {
		if c <= 0 {
			return argError(op, v.f.path, v.m.name, C.NC_EBADCHUNK, "chunk size %d for dimension %d, want > 0", c, i)
		}
		cs[i] = C.size_t(c)
	}
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_def_var_chunking(ncid, v.id, C.NC_CHUNKED, sizePtr(cs))
	})
	if st != C.NC_NOERR {
		return newError(op, v.f.path, v.m.name, st)
	}
	return nil
}
