package netcdf

/*
#include <stdlib.h>
#include <netcdf.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"unsafe"
)

// xferFunc performs one nc_get_vara_* / nc_put_vara_* call, moving the
// values of its Go buffer from index off on. It is only invoked with off
// inside a non-empty buffer, so it may take &buf[off].
type xferFunc func(ncid, varid C.int, start, count *C.size_t, off int) C.int

// xfer validates a hyperslab access of n values and runs call. For reads
// (write false) start+count must lie within the current shape; for writes
// only fixed dimensions are bounded, so unlimited dimensions may grow.
// Validation happens against a snapshot of the shape taken under the lock:
// dimension lengths only ever grow, so a slab valid for the snapshot stays
// valid when the C call runs.
//
// For a read, raw is the destination as bytes and rawType its element type:
// getRaw may then serve the read straight from the file (see raw.go).
func (v Var) xfer(op string, write bool, start, count []int, n int, raw []byte, rawType Type, call xferFunc) error {
	if err := v.valid(op, true); err != nil {
		return err
	}
	path, name := v.f.path, v.m.name
	if write && !v.f.writable {
		// libnetcdf says so itself for classic files, but only "HDF error"
		// for netCDF-4 ones.
		return argError(op, path, name, C.NC_EPERM, "file opened read-only")
	}
	nd := len(v.m.dimids)
	if len(start) != nd || len(count) != nd {
		return argError(op, path, name, C.NC_EINVAL,
			"len(start)=%d, len(count)=%d, variable has %d dimensions", len(start), len(count), nd)
	}
	var shape []int
	var st C.int
	if v.m.hasUnlimited() {
		st = v.f.call(func(ncid C.int) C.int {
			shape, st = v.shapeLocked(ncid)
			return st
		})
		if st != C.NC_NOERR {
			return newError(op, path, name, st)
		}
	} else {
		shape = v.m.fixedLen // immutable; only read here
	}
	total := 1
	for i := range nd {
		s, c := start[i], count[i]
		if s < 0 || c < 0 {
			return argError(op, path, name, C.NC_EINVAL, "negative start %d or count %d in dimension %d (%s)", s, c, i, v.m.dimNames[i])
		}
		if !write || !v.m.unlim[i] {
			if s > shape[i] || (c > 0 && s == shape[i]) {
				return argError(op, path, name, C.NC_EINVALCOORDS, "start %d in dimension %d (%s) of length %d", s, i, v.m.dimNames[i], shape[i])
			}
			if c > shape[i]-s {
				return argError(op, path, name, C.NC_EEDGE, "start %d + count %d in dimension %d (%s) of length %d", s, c, i, v.m.dimNames[i], shape[i])
			}
		} else if c > math.MaxInt-s {
			return argError(op, path, name, C.NC_EEDGE, "start %d + count %d overflows in dimension %d (%s)", s, c, i, v.m.dimNames[i])
		}
		if c != 0 && total > math.MaxInt/c {
			return argError(op, path, name, C.NC_EINVAL, "count product overflows")
		}
		total *= c
	}
	if total != n {
		return argError(op, path, name, C.NC_EINVAL, "buffer has %d values, count %v selects %d", n, count, total)
	}
	if total == 0 {
		return nil
	}
	if raw != nil && v.f.raw != nil {
		if done, err := v.getRaw(op, start, count, shape, raw, rawType); done {
			return err
		}
	}
	cs := make([]C.size_t, 2*nd+2) // start, count; +2 so scalars get non-nil pointers
	for i := range nd {
		cs[i] = C.size_t(start[i])
		cs[nd+1+i] = C.size_t(count[i])
	}
	return v.xferPieces(op, path, name, start, count, cs, total, call)
}

// stopPiece is the most values one C call of a file with a stop channel
// moves: about 30 ms of reading here, so that a stop is seen soon.
const stopPiece = 1 << 22

// xferPieces is the end of xfer: it moves the hyperslab (cs holding its
// start and count, as xfer lays them out) in one C call, or, for a file
// with a stop channel (SetStop), in pieces of at most about stopPiece
// values, split along its first dimension of more than one index (the
// pieces are then contiguous in the buffer), checking the channel before
// each piece and returning an error that matches ErrStopped once it is
// closed.
func (v Var) xferPieces(op, path, name string, start, count []int, cs []C.size_t, total int, call xferFunc) error {
	stop := v.f.stop
	nd := len(count)
	// The pieces split dimension d, along indices of inner values each;
	// a scalar (no dimension) moves in one piece.
	d, along, inner := -1, 1, total
	if nd > 0 {
		d = 0
		for d < nd-1 && count[d] == 1 {
			d++
		}
		along, inner = count[d], 1
		for _, c := range count[d+1:] {
			inner *= c
		}
	}
	piece := total // a select on a nil stop never fires
	if stop != nil {
		piece = stopPiece
		if v.f.piece > 0 {
			piece = v.f.piece
		}
	}
	step := max(1, piece/max(inner, 1))
	for lo := 0; lo < along; lo += step {
		select {
		case <-stop:
			return fmt.Errorf("netcdf: %s %s in %s: %w", op, name, path, ErrStopped)
		default:
		}
		n := min(step, along-lo)
		if d >= 0 {
			cs[d] = C.size_t(start[d] + lo)
			cs[nd+1+d] = C.size_t(n)
		}
		st := v.f.call(func(ncid C.int) C.int {
			return call(ncid, v.id, &cs[0], &cs[nd+1], lo*inner)
		})
		if st != C.NC_NOERR {
			return newError(op, path, name, st)
		}
		if h := v.f.onXfer; h != nil {
			h(n * inner)
		}
	}
	return nil
}

// asBytes returns the memory of s as bytes (nil for an empty s).
func asBytes[T float32 | float64 | int32 | int64](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// ErrStopped is returned (wrapped) by a transfer on a file whose stop
// channel (File.SetStop) closed.
var ErrStopped = errors.New("transfer stopped")

// GetFloat64s reads the hyperslab start/count into dst, converting from the
// file type (nc_get_vara_double). len(dst) must equal the product of count.
func (v Var) GetFloat64s(start, count []int, dst []float64) error {
	return v.xfer("get", false, start, count, len(dst), asBytes(dst), Double, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_get_vara_double(ncid, id, s, c, (*C.double)(unsafe.Pointer(&dst[off])))
	})
}

// GetFloat32s reads the hyperslab start/count into dst, converting from the
// file type (nc_get_vara_float); doubles beyond float32 range give ErrRange.
func (v Var) GetFloat32s(start, count []int, dst []float32) error {
	return v.xfer("get", false, start, count, len(dst), asBytes(dst), Float, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_get_vara_float(ncid, id, s, c, (*C.float)(unsafe.Pointer(&dst[off])))
	})
}

// GetInt32s reads the hyperslab start/count into dst, converting from the
// file type (nc_get_vara_int); values outside int32 give ErrRange.
func (v Var) GetInt32s(start, count []int, dst []int32) error {
	return v.xfer("get", false, start, count, len(dst), asBytes(dst), Int, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_get_vara_int(ncid, id, s, c, (*C.int)(unsafe.Pointer(&dst[off])))
	})
}

// GetInt64s reads the hyperslab start/count into dst, converting from the
// file type (nc_get_vara_longlong).
func (v Var) GetInt64s(start, count []int, dst []int64) error {
	return v.xfer("get", false, start, count, len(dst), asBytes(dst), Int64, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_get_vara_longlong(ncid, id, s, c, (*C.longlong)(unsafe.Pointer(&dst[off])))
	})
}

// GetBytes reads the hyperslab start/count into dst. For a Char variable the
// bytes are the raw text (nc_get_vara_text); for a numeric variable values
// are converted to unsigned bytes (nc_get_vara_uchar), with ErrRange for
// values outside 0..255 — except that for a Byte variable in a classic-format
// file libnetcdf passes the bit pattern through (-1 reads as 255), while
// netCDF-4 reports ErrRange. Read Byte data with GetInt32s for results that
// do not depend on the format.
func (v Var) GetBytes(start, count []int, dst []byte) error {
	isChar := v.m != nil && v.m.xtype == Char
	return v.xfer("get", false, start, count, len(dst), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		if isChar {
			return C.nc_get_vara_text(ncid, id, s, c, (*C.char)(unsafe.Pointer(&dst[off])))
		}
		return C.nc_get_vara_uchar(ncid, id, s, c, (*C.uchar)(unsafe.Pointer(&dst[off])))
	})
}

// PutFloat64s writes src to the hyperslab start/count, converting to the file
// type (nc_put_vara_double); values that do not fit give ErrRange, and so
// does NaN for an integer file type (which libnetcdf would store as an
// undefined value without complaint). Writes may extend unlimited dimensions.
func (v Var) PutFloat64s(start, count []int, src []float64) error {
	if err := checkNaN(v, "put", src); err != nil {
		return err
	}
	return v.xfer("put", true, start, count, len(src), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_put_vara_double(ncid, id, s, c, (*C.double)(unsafe.Pointer(&src[off])))
	})
}

// PutFloat32s writes src to the hyperslab start/count, converting to the file
// type (nc_put_vara_float), with the same range and NaN rules as PutFloat64s.
func (v Var) PutFloat32s(start, count []int, src []float32) error {
	if err := checkNaN(v, "put", src); err != nil {
		return err
	}
	return v.xfer("put", true, start, count, len(src), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_put_vara_float(ncid, id, s, c, (*C.float)(unsafe.Pointer(&src[off])))
	})
}

// PutInt32s writes src to the hyperslab start/count, converting to the file
// type (nc_put_vara_int).
func (v Var) PutInt32s(start, count []int, src []int32) error {
	return v.xfer("put", true, start, count, len(src), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_put_vara_int(ncid, id, s, c, (*C.int)(unsafe.Pointer(&src[off])))
	})
}

// PutInt64s writes src to the hyperslab start/count, converting to the file
// type (nc_put_vara_longlong); values outside an Int file variable's range
// give ErrRange.
func (v Var) PutInt64s(start, count []int, src []int64) error {
	return v.xfer("put", true, start, count, len(src), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		return C.nc_put_vara_longlong(ncid, id, s, c, (*C.longlong)(unsafe.Pointer(&src[off])))
	})
}

// PutBytes writes src to the hyperslab start/count: raw text for a Char
// variable (nc_put_vara_text), unsigned bytes converted to the file type for
// a numeric one (nc_put_vara_uchar). For a Byte variable, 128..255 are
// stored as -128..-1 in classic formats and give ErrRange in netCDF-4.
func (v Var) PutBytes(start, count []int, src []byte) error {
	isChar := v.m != nil && v.m.xtype == Char
	return v.xfer("put", true, start, count, len(src), nil, 0, func(ncid, id C.int, s, c *C.size_t, off int) C.int {
		if isChar {
			return C.nc_put_vara_text(ncid, id, s, c, (*C.char)(unsafe.Pointer(&src[off])))
		}
		return C.nc_put_vara_uchar(ncid, id, s, c, (*C.uchar)(unsafe.Pointer(&src[off])))
	})
}

// checkNaN fails with NC_ERANGE if v has an integer file type and src holds a
// NaN: C converts NaN to an integer with undefined behaviour and libnetcdf's
// range check does not catch it.
func checkNaN[T float32 | float64](v Var, op string, src []T) error {
	if v.m == nil || !v.m.xtype.Numeric() || v.m.xtype == Float || v.m.xtype == Double {
		return nil
	}
	for i, x := range src {
		if x != x {
			return argError(op, v.f.pathOf(), v.m.name, C.NC_ERANGE, "NaN at index %d cannot be stored as %s", i, v.m.xtype)
		}
	}
	return nil
}

// whole returns start (zeros) and count (current shape) for the whole
// variable.
func (v Var) whole(op string) (start, count []int, err error) {
	if err := v.valid(op, true); err != nil {
		return nil, nil, err
	}
	count, err = v.Shape()
	if err != nil {
		return nil, nil, err
	}
	return make([]int, len(count)), count, nil
}

// ReadFloat64s reads the whole variable (at its current shape) into dst,
// whose length must equal Len.
func (v Var) ReadFloat64s(dst []float64) error {
	start, count, err := v.whole("get")
	if err != nil {
		return err
	}
	return v.GetFloat64s(start, count, dst)
}

// ReadFloat32s reads the whole variable into dst, whose length must equal Len.
func (v Var) ReadFloat32s(dst []float32) error {
	start, count, err := v.whole("get")
	if err != nil {
		return err
	}
	return v.GetFloat32s(start, count, dst)
}

// ReadInt32s reads the whole variable into dst, whose length must equal Len.
func (v Var) ReadInt32s(dst []int32) error {
	start, count, err := v.whole("get")
	if err != nil {
		return err
	}
	return v.GetInt32s(start, count, dst)
}

// ReadInt64s reads the whole variable into dst, whose length must equal Len.
func (v Var) ReadInt64s(dst []int64) error {
	start, count, err := v.whole("get")
	if err != nil {
		return err
	}
	return v.GetInt64s(start, count, dst)
}

// ReadBytes reads the whole variable into dst (see GetBytes), whose length
// must equal Len.
func (v Var) ReadBytes(dst []byte) error {
	start, count, err := v.whole("get")
	if err != nil {
		return err
	}
	return v.GetBytes(start, count, dst)
}

// WriteFloat64s writes src over the whole variable at its current shape
// (for a record variable: the records that exist now).
func (v Var) WriteFloat64s(src []float64) error {
	start, count, err := v.whole("put")
	if err != nil {
		return err
	}
	return v.PutFloat64s(start, count, src)
}

// WriteFloat32s writes src over the whole variable at its current shape.
func (v Var) WriteFloat32s(src []float32) error {
	start, count, err := v.whole("put")
	if err != nil {
		return err
	}
	return v.PutFloat32s(start, count, src)
}

// WriteInt32s writes src over the whole variable at its current shape.
func (v Var) WriteInt32s(src []int32) error {
	start, count, err := v.whole("put")
	if err != nil {
		return err
	}
	return v.PutInt32s(start, count, src)
}

// WriteInt64s writes src over the whole variable at its current shape.
func (v Var) WriteInt64s(src []int64) error {
	start, count, err := v.whole("put")
	if err != nil {
		return err
	}
	return v.PutInt64s(start, count, src)
}

// WriteBytes writes src over the whole variable at its current shape (see
// PutBytes).
func (v Var) WriteBytes(src []byte) error {
	start, count, err := v.whole("put")
	if err != nil {
		return err
	}
	return v.PutBytes(start, count, src)
}
