package netcdf

/*
#include <stdlib.h>
#include <netcdf.h>
*/
import "C"

import (
	"os"
	"unsafe"
)

// File is an open netCDF dataset (its root group). A File may be used from
// several goroutines: every operation takes the package lock around its C
// calls. After Close every operation returns an error matching ErrClosed.
type File struct {
	path     string
	format   Format
	ncid     C.int
	writable bool // created or opened with OpenWrite
	closed   bool // guarded by ncMu
	// onXfer, when set, is told the number of values each successful Get
	// or Put moved (see OnTransfer).
	onXfer func(n int)
	// stop, when set, stops transfers (see SetStop).
	stop <-chan struct{}
	// piece overrides stopPiece (for tests).
	piece int
	// raw, for a classic file opened read-only, serves reads straight from
	// the file (see raw.go); nil otherwise.
	raw *rawFile
	// recLen caches unlimited dimension lengths of a read-only file;
	// guarded by ncMu.
	recLen map[C.int]int
}

// OnTransfer makes every successful Get or Put on f call fn, on the calling
// goroutine and after the C call returned, with the number of values it
// moved; nil removes the hook. Set it before any I/O starts and from the
// goroutine that does the I/O: it is not synchronised. Readers and writers
// use it to report progress on long transfers.
func (f *File) OnTransfer(fn func(n int)) { f.onXfer = fn }

// SetStop makes the Gets and Puts on f move their values in pieces of a
// few million values and give up, with an error matching ErrStopped,
// before the first piece after stop is closed; nil (the default) moves
// each in one call. A stopped Get leaves its buffer partly written.
func (f *File) SetStop(stop <-chan struct{}) { f.stop = stop }

// call runs fn with f's ncid while holding ncMu, so that the closed check and
// the C calls in fn are atomic with respect to Close. fn must only make C
// calls and cheap bookkeeping; it returns the first non-zero libnetcdf status.
func (f *File) call(fn func(ncid C.int) C.int) C.int {
	lockNC()
	defer unlockNC()
	if f == nil || f.closed {
		return C.NC_EBADID
	}
	return fn(f.ncid)
}

// isOpen reports whether f has not been closed.
func (f *File) isOpen() bool {
	return f.call(func(C.int) C.int { return C.NC_NOERR }) == C.NC_NOERR
}

// pathOf returns f's path, tolerating a nil f in error messages.
func (f *File) pathOf() string {
	if f == nil {
		return ""
	}
	return f.path
}

// rawChunkHint is the I/O buffer size requested from libnetcdf for a
// classic file opened read-only, whose bulk reads bypass libnetcdf (see
// raw.go): its buffer then serves only small reads, and a 1 MiB one cost
// 2.5-4 ms of fresh memory at every open here.
const rawChunkHint = 64 << 10

// ioChunkHint is the I/O buffer size requested from libnetcdf for classic,
// 64-bit offset and CDF-5 files (nc__create/nc__open chunksizehint; netCDF-4
// ignores it). libnetcdf's default follows the file system block size (a few
// KiB); 1 MiB measured 2-3x faster for bulk reads and writes of large
// variables on this project's machines, at 1 MiB of memory per open file.
const ioChunkHint = 1 << 20

// Create creates (or truncates: NC_CLOBBER) the file at path in the given
// format, switches it to no-fill mode (NC_NOFILL, as libexodus does) and
// leaves it in define mode. Call EndDef before writing data.
func Create(path string, format Format) (*File, error) {
	mode, ok := format.createMode()
	if !ok {
		return nil, argError("create", path, "", C.NC_EINVAL, "unknown format %d", int(format))
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var ncid, old C.int
	lockNC()
	hint := C.size_t(ioChunkHint)
	st := C.nc__create(cpath, mode, 0, &hint, &ncid)
	op := "create"
	if st == C.NC_NOERR {
		if st = C.nc_set_fill(ncid, C.NC_NOFILL, &old); st != C.NC_NOERR {
			op = "set fill mode of"
			C.nc_abort(ncid)
		}
	}
	unlockNC()
	if st != C.NC_NOERR {
		return nil, newError(op, path, "", st)
	}
	return &File{path: path, format: format, ncid: ncid, writable: true}, nil
}

// Open opens an existing netCDF file of any format libnetcdf reads, read-only
// (NC_NOWRITE). Missing files, directories, empty, truncated and non-netCDF
// files all yield an *Error. Before libnetcdf sees a classic, 64-bit offset
// or CDF-5 file, Open parses its header in Go and refuses names longer than
// NC_MAX_NAME (CodeMaxName; libnetcdf would overrun its caller's buffers),
// malformed headers (CodeNotNC) and files shorter than their header requires
// (CodeTruncated; libnetcdf would read zeros for the missing bytes).
func Open(path string) (*File, error) {
	return open(path, C.NC_NOWRITE)
}

// OpenWrite opens an existing netCDF file for reading and writing (NC_WRITE),
// in data mode; use ReDef to add definitions. Fill mode is set to NC_NOFILL.
func OpenWrite(path string) (*File, error) {
	return open(path, C.NC_WRITE)
}

func open(path string, mode C.int) (*File, error) {
	// libnetcdf reports a directory inconsistently (with NCZarr support it may
	// try to interpret it as a Zarr store); answer plainly here. A plain path
	// to a directory is never a netCDF file.
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, argError("open", path, "", C.NC_ENOTNC, "is a directory")
	}
	raw, code, detail := checkClassic(path, mode&C.NC_WRITE == 0)
	if code != 0 {
		return nil, argError("open", path, "", C.int(code), "%s", detail)
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var ncid, fmtCode, old C.int
	lockNC()
	op := "open"
	hint := C.size_t(ioChunkHint)
	if raw != nil {
		hint = rawChunkHint
	}
	st := C.nc__open(cpath, mode, &hint, &ncid)
	if st == C.NC_NOERR {
		if st = C.nc_inq_format(ncid, &fmtCode); st != C.NC_NOERR {
			op = "inquire format of"
		} else if mode&C.NC_WRITE != 0 {
			if st = C.nc_set_fill(ncid, C.NC_NOFILL, &old); st != C.NC_NOERR {
				op = "set fill mode of"
			}
		}
		if st != C.NC_NOERR {
			C.nc_close(ncid)
		}
	}
	unlockNC()
	if st != C.NC_NOERR {
		raw.close()
		return nil, newError(op, path, "", st)
	}
	format := formatFromNC(fmtCode)
	if raw != nil && !raw.matches(path, format) {
		raw.close()
		raw = nil
	}
	return &File{path: path, format: format, ncid: ncid, writable: mode&C.NC_WRITE != 0, raw: raw}, nil
}

// Path returns the path the file was created or opened with.
func (f *File) Path() string { return f.path }

// Format returns the on-disk format of the file (0 if libnetcdf reports a
// format this package does not name).
func (f *File) Format() Format { return f.format }

// EndDef leaves define mode (nc_enddef).
func (f *File) EndDef() error {
	if st := f.call(func(ncid C.int) C.int { return C.nc_enddef(ncid) }); st != C.NC_NOERR {
		return newError("end define mode of", f.pathOf(), "", st)
	}
	return nil
}

// ReDef re-enters define mode (nc_redef).
func (f *File) ReDef() error {
	if st := f.call(func(ncid C.int) C.int { return C.nc_redef(ncid) }); st != C.NC_NOERR {
		return newError("enter define mode of", f.pathOf(), "", st)
	}
	return nil
}

// Sync flushes buffered data and metadata to disk (nc_sync). It fails in
// define mode.
func (f *File) Sync() error {
	if st := f.call(func(ncid C.int) C.int { return C.nc_sync(ncid) }); st != C.NC_NOERR {
		return newError("sync", f.pathOf(), "", st)
	}
	return nil
}

// Close closes the file, leaving define mode first if needed. It is
// idempotent: closing a closed (or nil) File returns nil. The File is marked
// closed even when nc_close reports an error.
func (f *File) Close() error {
	if f == nil {
		return nil
	}
	lockNC()
	if f.closed {
		unlockNC()
		return nil
	}
	st := C.nc_close(f.ncid)
	f.closed = true
	unlockNC()
	f.raw.close()
	if st != C.NC_NOERR {
		return newError("close", f.path, "", st)
	}
	return nil
}
