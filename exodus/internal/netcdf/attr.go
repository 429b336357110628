package netcdf

/*
#include <stdlib.h>
#include <netcdf.h>
*/
import "C"

import (
	"strings"
	"unsafe"
)

// AttrInfo describes an attribute: its name, file type and number of values
// (characters for a Char attribute).
type AttrInfo struct {
	Name string
	Type Type
	Len  int
}

// checkPutAttr is valid plus a read-only check, for attribute writes.
func (v Var) checkPutAttr(op, name string) error {
	if err := v.valid(op, false); err != nil {
		return err
	}
	if !v.f.writable {
		return argError(op, v.f.path, v.attrLabel(name), C.NC_EPERM, "file opened read-only")
	}
	return nil
}

// attrLabel is the Error.Var of an attribute operation: "var:attr" in CDL
// notation, ":attr" for a global attribute.
func (v Var) attrLabel(name string) string {
	if v.m == nil {
		return ":" + name
	}
	return v.m.name + ":" + name
}

// Attrs lists the attributes of v (of the file, for Global) in their stored
// order.
func (v Var) Attrs() ([]AttrInfo, error) {
	const op = "inquire attributes of"
	if err := v.valid(op, false); err != nil {
		return nil, err
	}
	var infos []AttrInfo
	st := v.f.call(func(ncid C.int) C.int {
		var n C.int
		if st := C.nc_inq_varnatts(ncid, v.id, &n); st != C.NC_NOERR {
			return st
		}
		infos = make([]AttrInfo, n)
		for i := range infos {
			var xtype C.nc_type
			var length C.size_t
			p := nameBuf()
			if st := C.nc_inq_attname(ncid, v.id, C.int(i), p); st != C.NC_NOERR {
				return st
			}
			name := nameString(0) // p still holds the name
			if st := C.nc_inq_att(ncid, v.id, p, &xtype, &length); st != C.NC_NOERR {
				return st
			}
			infos[i] = AttrInfo{Name: name, Type: Type(xtype), Len: int(length)}
		}
		return C.NC_NOERR
	})
	if st != C.NC_NOERR {
		return nil, newError(op, v.f.path, v.m.name, st)
	}
	return infos, nil
}

// Attr describes the named attribute. ok is false (and err nil) if v has no
// such attribute.
func (v Var) Attr(name string) (a AttrInfo, ok bool, err error) {
	const op = "inquire attribute"
	if err := v.valid(op, false); err != nil {
		return AttrInfo{}, false, err
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var xtype C.nc_type
	var length C.size_t
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_inq_att(ncid, v.id, cname, &xtype, &length)
	})
	switch st {
	case C.NC_NOERR:
		return AttrInfo{Name: name, Type: Type(xtype), Len: int(length)}, true, nil
	case C.NC_ENOTATT:
		return AttrInfo{}, false, nil
	}
	return AttrInfo{}, false, newError(op, v.f.path, v.attrLabel(name), st)
}

// AttrText returns a Char attribute as a string with trailing NUL bytes
// removed (Exodus stores titles and names with their terminator). A
// netCDF-4 String attribute with exactly one value is also accepted. Numeric
// attributes give an error with CodeChar.
func (v Var) AttrText(name string) (string, error) {
	const op = "get attribute"
	if err := v.valid(op, false); err != nil {
		return "", err
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var (
		xtype  C.nc_type
		length C.size_t
		text   string
	)
	st := v.f.call(func(ncid C.int) C.int {
		if st := C.nc_inq_att(ncid, v.id, cname, &xtype, &length); st != C.NC_NOERR {
			return st
		}
		switch {
		case Type(xtype) == Char:
			if length == 0 {
				return C.NC_NOERR
			}
			buf := make([]byte, length)
			if st := C.nc_get_att_text(ncid, v.id, cname, (*C.char)(unsafe.Pointer(&buf[0]))); st != C.NC_NOERR {
				return st
			}
			text = string(buf)
		case Type(xtype) == String && length == 1:
			var p *C.char
			if st := C.nc_get_att_string(ncid, v.id, cname, &p); st != C.NC_NOERR {
				return st
			}
			if p != nil {
				text = C.GoString(p)
			}
			C.nc_free_string(1, &p)
		}
		return C.NC_NOERR
	})
	if st != C.NC_NOERR {
		return "", newError(op, v.f.path, v.attrLabel(name), st)
	}
	if Type(xtype) != Char && !(Type(xtype) == String && length == 1) {
		return "", argError(op, v.f.path, v.attrLabel(name), C.NC_ECHAR, "attribute is %s[%d], not text", Type(xtype), int(length))
	}
	return strings.TrimRight(text, "\x00"), nil
}

// numericAttr reads a numeric attribute through get, which converts into
// the Go element type. It fails with CodeChar for Char/String attributes and
// with CodeRange when a value does not fit.
func numericAttr[T any](v Var, name string, get func(ncid C.int, cname *C.char, p *T) C.int) ([]T, error) {
	const op = "get attribute"
	if err := v.valid(op, false); err != nil {
		return nil, err
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var (
		xtype  C.nc_type
		length C.size_t
		vals   []T
	)
	st := v.f.call(func(ncid C.int) C.int {
		if st := C.nc_inq_att(ncid, v.id, cname, &xtype, &length); st != C.NC_NOERR {
			return st
		}
		if !Type(xtype).Numeric() {
			return C.NC_NOERR // reported below with detail
		}
		vals = make([]T, length)
		if length == 0 {
			return C.NC_NOERR
		}
		return get(ncid, cname, &vals[0])
	})
	if st != C.NC_NOERR {
		return nil, newError(op, v.f.path, v.attrLabel(name), st)
	}
	if !Type(xtype).Numeric() {
		return nil, argError(op, v.f.path, v.attrLabel(name), C.NC_ECHAR, "attribute is %s, not numeric", Type(xtype))
	}
	return vals, nil
}

// AttrInt64s returns a numeric attribute of any type converted to int64.
// Floating-point values are truncated toward zero by libnetcdf; values out of
// int64 range (large uint64, huge floats) give an error matching ErrRange.
func (v Var) AttrInt64s(name string) ([]int64, error) {
	return numericAttr(v, name, func(ncid C.int, cname *C.char, p *int64) C.int {
		return C.nc_get_att_longlong(ncid, v.id, cname, (*C.longlong)(unsafe.Pointer(p)))
	})
}

// AttrFloat64s returns a numeric attribute of any type converted to float64.
func (v Var) AttrFloat64s(name string) ([]float64, error) {
	return numericAttr(v, name, func(ncid C.int, cname *C.char, p *float64) C.int {
		return C.nc_get_att_double(ncid, v.id, cname, (*C.double)(unsafe.Pointer(p)))
	})
}

// PutAttrText stores value as a Char attribute, replacing any attribute of
// that name. The bytes are stored as given (no NUL is added).
func (v Var) PutAttrText(name, value string) error {
	const op = "put attribute"
	if err := v.checkPutAttr(op, name); err != nil {
		return err
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	cval := C.CString(value) // never nil, even for ""
	defer C.free(unsafe.Pointer(cval))
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_put_att_text(ncid, v.id, cname, C.size_t(len(value)), cval)
	})
	if st != C.NC_NOERR {
		return newError(op, v.f.path, v.attrLabel(name), st)
	}
	return nil
}

// PutAttrInt64s stores values as a numeric attribute of type t (Byte ...
// UInt64, except Char; Float and Double are allowed), converting each value;
// a value that does not fit t gives an error matching ErrRange (libnetcdf
// still stores the attribute, with the out-of-range values undefined).
func (v Var) PutAttrInt64s(name string, t Type, values []int64) error {
	const op = "put attribute"
	if err := v.checkPutAttr(op, name); err != nil {
		return err
	}
	if !t.Numeric() {
		return argError(op, v.f.path, v.attrLabel(name), C.NC_EBADTYPE, "%s is not a numeric type", t)
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var dummy C.longlong
	p := &dummy
	if len(values) > 0 {
		p = (*C.longlong)(unsafe.Pointer(&values[0]))
	}
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_put_att_longlong(ncid, v.id, cname, C.nc_type(t), C.size_t(len(values)), p)
	})
	if st != C.NC_NOERR {
		return newError(op, v.f.path, v.attrLabel(name), st)
	}
	return nil
}

// PutAttrFloat64s stores values as a Float or Double attribute (t must be one
// of them); conversion to Float rounds, and magnitudes beyond float32 give an
// error matching ErrRange.
func (v Var) PutAttrFloat64s(name string, t Type, values []float64) error {
	const op = "put attribute"
	if err := v.checkPutAttr(op, name); err != nil {
		return err
	}
	if t != Float && t != Double {
		return argError(op, v.f.path, v.attrLabel(name), C.NC_EBADTYPE, "%s is not float or double", t)
	}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var dummy C.double
	p := &dummy
	if len(values) > 0 {
		p = (*C.double)(unsafe.Pointer(&values[0]))
	}
	st := v.f.call(func(ncid C.int) C.int {
		return C.nc_put_att_double(ncid, v.id, cname, C.nc_type(t), C.size_t(len(values)), p)
	})
	if st != C.NC_NOERR {
		return newError(op, v.f.path, v.attrLabel(name), st)
	}
	return nil
}
