package netcdf

/*
#cgo pkg-config: netcdf
#cgo LDFLAGS: -ldl
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <dlfcn.h>
#include <netcdf.h>

// HDF5 (thread-safe build) keeps its "print errors automatically" setting per
// OS thread. libnetcdf turns printing off only on the thread that initialised
// it, but Go runs C calls on whichever thread the goroutine happens to use,
// so without this, expected HDF5 failures (a missing attribute probed by
// libnetcdf, a truncated file) spray HDF5-DIAG traces on stderr. Before each
// C call we turn printing off once per thread, through H5Eset_auto2 looked up
// at run time so that no direct link to HDF5 is needed (it is absent when
// libnetcdf is built without netCDF-4). Callers hold ncMu, which also guards
// the static lookup state.
// exosh_name receives every name libnetcdf returns (nc_inq_dim, nc_inq_var,
// nc_inq_attname). libnetcdf copies names without a length limit: netCDF-4
// attribute names can be as long as HDF5 allows (its attribute message
// stores the name size in 2 bytes, so at most 65535 bytes with the NUL), and
// classic headers are vetted in Go for names beyond NC_MAX_NAME. It also
// copies a truncated NC_MAX_NAME-byte name without a terminating NUL. So the
// buffer is 64 KiB and is all zeros before every call: exosh_name_prepare
// clears what the previous name dirtied (the whole buffer if the previous
// fill was not read back), and exosh_name_finish measures the new name.
// Names never contain NUL bytes (HDF5 names are C strings; classic names are
// vetted), so strnlen covers every byte written. Used only under ncMu.
#define EXOSH_NAME_CAP 65536
static char exosh_name[EXOSH_NAME_CAP + 1];
static size_t exosh_name_dirty;
static int exosh_name_pending;

static char *exosh_name_prepare(void) {
	memset(exosh_name, 0, exosh_name_pending ? sizeof exosh_name : exosh_name_dirty);
	exosh_name_dirty = 0;
	exosh_name_pending = 1;
	return exosh_name;
}

static char *exosh_name_ptr(void) { return exosh_name; }

static size_t exosh_name_finish(void) {
	size_t n = strnlen(exosh_name, EXOSH_NAME_CAP);
	exosh_name_dirty = n + 1;
	exosh_name_pending = 0;
	return n;
}

typedef int (*exosh_h5eset_fn)(int64_t, void *, void *);
static __thread int exosh_h5_quiet;
static int exosh_h5_looked;
static exosh_h5eset_fn exosh_h5eset;

static void exosh_quiet_hdf5(void) {
	if (exosh_h5_quiet) {
		return;
	}
	exosh_h5_quiet = 1;
	if (!exosh_h5_looked) {
		exosh_h5_looked = 1;
		exosh_h5eset = (exosh_h5eset_fn)dlsym(RTLD_DEFAULT, "H5Eset_auto2");
	}
	if (exosh_h5eset) {
		exosh_h5eset(0, NULL, NULL); // H5E_DEFAULT, no handler
	}
}
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// ncMu serialises every call into libnetcdf. libnetcdf keeps process-wide
// tables (open files, dimension and variable metadata, HDF5 state) that are not
// protected against concurrent use, so all C calls from all goroutines and all
// files go through this one lock. It is the single piece of package-level
// mutable state in exosh, and it is held only for the duration of C calls
// (plus the closed-file check that must be atomic with them), never while Go
// code allocates, validates or converts.
var ncMu sync.Mutex

// lockNC takes ncMu, wires the goroutine to its OS thread and prepares that
// thread for libnetcdf calls. Every C call of this package happens between
// lockNC and unlockNC: the wiring keeps them on the thread whose HDF5 error
// printing exosh_quiet_hdf5 turned off (a goroutine may otherwise move to
// another thread between two cgo calls).
func lockNC() {
	ncMu.Lock()
	runtime.LockOSThread()
	C.exosh_quiet_hdf5()
}

// unlockNC undoes lockNC.
func unlockNC() {
	runtime.UnlockOSThread()
	ncMu.Unlock()
}

// nameBuf clears and returns the buffer libnetcdf writes names into;
// nameString reads the name back (the buffer still holds it, so it may be
// passed to further C calls as an input name until the next nameBuf). Both
// must be called with ncMu held.
func nameBuf() *C.char { return C.exosh_name_prepare() }

// A name longer than limit bytes (if limit > 0) is cut to limit: libnetcdf
// truncates over-long HDF5 variable and dimension names to NC_MAX_NAME bytes
// without a terminating NUL and then hands back whatever heap bytes follow.
func nameString(limit int) string {
	n := int(C.exosh_name_finish())
	if limit > 0 && n > limit {
		n = limit
	}
	return C.GoStringN(C.exosh_name_ptr(), C.int(n))
}

// Compile-time checks that the Go element types we hand to libnetcdf have the
// sizes of the C types the nc_*_int / nc_*_longlong / nc_*_float functions
// expect.
var (
	_ [unsafe.Sizeof(C.int(0)) - 4]struct{}
	_ [4 - unsafe.Sizeof(C.int(0))]struct{}
	_ [unsafe.Sizeof(C.longlong(0)) - 8]struct{}
	_ [8 - unsafe.Sizeof(C.longlong(0))]struct{}
	_ [unsafe.Sizeof(C.float(0)) - 4]struct{}
	_ [4 - unsafe.Sizeof(C.float(0))]struct{}
	_ [unsafe.Sizeof(C.double(0)) - 8]struct{}
	_ [8 - unsafe.Sizeof(C.double(0))]struct{}
	_ [unsafe.Sizeof(C.size_t(0)) - unsafe.Sizeof(int(0))]struct{}
)

// Format is the on-disk flavour of a netCDF file, as reported by
// "ncdump -k". The zero value means "unknown".
type Format int

// The netCDF container formats exosh can create.
const (
	// Classic is CDF-1, 32-bit offsets.
	Classic Format = iota + 1
	// Offset64 is CDF-2, 64-bit offsets (the Exodus default).
	Offset64
	// CDF5 is CDF-5, 64-bit offsets and 64-bit data (unsigned and 64-bit types).
	CDF5
	// NetCDF4 is HDF5-based netCDF-4 with the enhanced data model.
	NetCDF4
	// NetCDF4Classic is HDF5-based netCDF-4 restricted to the classic model.
	NetCDF4Classic
)

// String returns the name "ncdump -k" prints for f, or "unknown".
func (f Format) String() string {
	switch f {
	case Classic:
		return "classic"
	case Offset64:
		return "64-bit offset"
	case CDF5:
		return "cdf5"
	case NetCDF4:
		return "netCDF-4"
	case NetCDF4Classic:
		return "netCDF-4 classic model"
	}
	return fmt.Sprintf("unknown format %d", int(f))
}

// createMode returns the nc_create mode bits for f.
func (f Format) createMode() (C.int, bool) {
	switch f {
	case Classic:
		return C.NC_CLOBBER, true
	case Offset64:
		return C.NC_CLOBBER | C.NC_64BIT_OFFSET, true
	case CDF5:
		return C.NC_CLOBBER | C.NC_64BIT_DATA, true
	case NetCDF4:
		return C.NC_CLOBBER | C.NC_NETCDF4, true
	case NetCDF4Classic:
		return C.NC_CLOBBER | C.NC_NETCDF4 | C.NC_CLASSIC_MODEL, true
	}
	return 0, false
}

// formatFromNC maps an nc_inq_format code to a Format (0 if unknown).
func formatFromNC(code C.int) Format {
	switch code {
	case C.NC_FORMAT_CLASSIC:
		return Classic
	case C.NC_FORMAT_64BIT_OFFSET:
		return Offset64
	case C.NC_FORMAT_64BIT_DATA:
		return CDF5
	case C.NC_FORMAT_NETCDF4:
		return NetCDF4
	case C.NC_FORMAT_NETCDF4_CLASSIC:
		return NetCDF4Classic
	}
	return 0
}

// Type is a netCDF external (file) type code, numerically equal to the
// NC_BYTE ... NC_STRING constants of netcdf.h. Codes above String denote
// user-defined netCDF-4 types, which this package reports but cannot read.
type Type int

// The netCDF atomic types.
const (
	Byte   Type = 1  // NC_BYTE, signed 8-bit integer
	Char   Type = 2  // NC_CHAR, 8-bit character (text)
	Short  Type = 3  // NC_SHORT, signed 16-bit integer
	Int    Type = 4  // NC_INT, signed 32-bit integer
	Float  Type = 5  // NC_FLOAT, 32-bit IEEE float
	Double Type = 6  // NC_DOUBLE, 64-bit IEEE float
	UByte  Type = 7  // NC_UBYTE, unsigned 8-bit integer (CDF-5 and netCDF-4 only)
	UShort Type = 8  // NC_USHORT, unsigned 16-bit integer (CDF-5 and netCDF-4 only)
	UInt   Type = 9  // NC_UINT, unsigned 32-bit integer (CDF-5 and netCDF-4 only)
	Int64  Type = 10 // NC_INT64, signed 64-bit integer (CDF-5 and netCDF-4 only)
	UInt64 Type = 11 // NC_UINT64, unsigned 64-bit integer (CDF-5 and netCDF-4 only)
	String Type = 12 // NC_STRING, variable-length string (netCDF-4 only)
)

// String returns the CDL name of t ("double", "int64", ...).
func (t Type) String() string {
	switch t {
	case Byte:
		return "byte"
	case Char:
		return "char"
	case Short:
		return "short"
	case Int:
		return "int"
	case Float:
		return "float"
	case Double:
		return "double"
	case UByte:
		return "ubyte"
	case UShort:
		return "ushort"
	case UInt:
		return "uint"
	case Int64:
		return "int64"
	case UInt64:
		return "uint64"
	case String:
		return "string"
	}
	return fmt.Sprintf("type%d", int(t))
}

// Numeric reports whether t is one of the numeric atomic types (every atomic
// type except Char and String).
func (t Type) Numeric() bool {
	return t >= Byte && t <= UInt64 && t != Char
}

// Size returns the size in bytes of one value of t in the file's data model,
// or 0 for String and user-defined types.
func (t Type) Size() int {
	switch t {
	case Byte, Char, UByte:
		return 1
	case Short, UShort:
		return 2
	case Int, UInt, Float:
		return 4
	case Double, Int64, UInt64:
		return 8
	}
	return 0
}

// Error codes of libnetcdf that callers commonly test for; they are the values
// of Error.Code. Positive codes are system errno values (e.g. ENOENT).
const (
	CodeBadID         = int(C.NC_EBADID)       // file closed or invalid id
	CodeInvalidArg    = int(C.NC_EINVAL)       // invalid argument (also bad slice lengths)
	CodeInvalidCoords = int(C.NC_EINVALCOORDS) // start index exceeds dimension bound
	CodeEdge          = int(C.NC_EEDGE)        // start+count exceeds dimension bound
	CodeNotNC         = int(C.NC_ENOTNC)       // not a netCDF file
	CodeNotAttr       = int(C.NC_ENOTATT)      // attribute not found
	CodeNotVar        = int(C.NC_ENOTVAR)      // variable not found
	CodeBadDim        = int(C.NC_EBADDIM)      // dimension not found or invalid
	CodeBadType       = int(C.NC_EBADTYPE)     // type not valid (for this format)
	CodeChar          = int(C.NC_ECHAR)        // attempt to convert between text and numbers
	CodeRange         = int(C.NC_ERANGE)       // value out of range of the destination type
	CodeNotNC4        = int(C.NC_ENOTNC4)      // operation needs a netCDF-4 file
	CodeNotInDefine   = int(C.NC_ENOTINDEFINE) // operation needs define mode
	CodeInDefine      = int(C.NC_EINDEFINE)    // operation not allowed in define mode
	CodeNameInUse     = int(C.NC_ENAMEINUSE)   // name already defined
	CodeUnlimPosition = int(C.NC_EUNLIMPOS)    // unlimited dimension must come first (classic)
	CodePermission    = int(C.NC_EPERM)        // write to a read-only file
	CodeHDF           = int(C.NC_EHDFERR)      // error inside HDF5
	CodeTruncated     = int(C.NC_ETRUNC)       // file shorter than its header requires
	CodeDimSize       = int(C.NC_EDIMSIZE)     // invalid dimension length
	CodeGlobal        = int(C.NC_EGLOBAL)      // data operation on the NC_GLOBAL pseudo-variable
	CodeBadChunk      = int(C.NC_EBADCHUNK)    // invalid chunk sizes
	CodeMaxName       = int(C.NC_EMAXNAME)     // name longer than NC_MAX_NAME
	CodeIO            = int(C.NC_EIO)          // input/output error
)

// Error is the error type of every failing operation in this package. Msg is
// libnetcdf's own message (nc_strerror of Code); for argument errors detected
// in Go before any C call, Code is the netCDF code libnetcdf would use for the
// same fault (CodeInvalidArg, CodeInvalidCoords, CodeEdge, ...) and Msg is its
// nc_strerror text followed by ": " and the detail.
//
// Var names the variable for data operations; for attribute operations it is
// "var:attr" in CDL notation (":attr" for global attributes); it is empty for
// file-level operations.
type Error struct {
	Op   string // operation: "open", "create", "get", "put", "get attribute", ...
	Path string // path of the file
	Var  string // variable (or "var:attr"), if any
	Code int    // libnetcdf status code (negative) or errno (positive)
	Msg  string // libnetcdf's message for Code, plus detail for Go-side checks
}

// Error formats e as `netcdf: OP "VAR" in PATH: MSG` (or `netcdf: OP PATH: MSG`
// when no variable is involved).
func (e *Error) Error() string {
	if e.Var != "" {
		return fmt.Sprintf("netcdf: %s %q in %s: %s", e.Op, e.Var, e.Path, e.Msg)
	}
	return fmt.Sprintf("netcdf: %s %s: %s", e.Op, e.Path, e.Msg)
}

// Is reports whether target is an *Error with the same Code and no Op, Path
// or Var, so errors.Is(err, ErrRange) matches any range error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.Path == "" && t.Var == "" && t.Code == e.Code
}

// Sentinel errors for errors.Is; they carry only a Code. They are never
// returned directly.
var (
	// ErrRange matches errors for values out of the range of the destination type.
	ErrRange = &Error{Code: CodeRange, Msg: strerror(C.NC_ERANGE)}
	// ErrNotNetCDF matches errors for opening something that is not a netCDF file.
	ErrNotNetCDF = &Error{Code: CodeNotNC, Msg: strerror(C.NC_ENOTNC)}
	// ErrClosed matches errors for using a closed file (or an invalid id).
	ErrClosed = &Error{Code: CodeBadID, Msg: strerror(C.NC_EBADID)}
)

// strerror returns libnetcdf's message for code. nc_strerror returns a pointer
// to static storage and is safe without the lock.
func strerror(code C.int) string {
	return C.GoString(C.nc_strerror(code))
}

// Strerror returns libnetcdf's message for a status code (nc_strerror), the
// same text Error.Msg starts with.
func Strerror(code int) string {
	return strerror(C.int(code))
}

// newError builds an *Error from a libnetcdf status.
func newError(op, path, varName string, code C.int) *Error {
	return &Error{Op: op, Path: path, Var: varName, Code: int(code), Msg: strerror(code)}
}

// argError builds an *Error for a fault found in Go before calling C.
func argError(op, path, varName string, code C.int, format string, args ...any) *Error {
	return &Error{Op: op, Path: path, Var: varName, Code: int(code),
		Msg: strerror(code) + ": " + fmt.Sprintf(format, args...)}
}
