// Package netcdf is exosh's thin cgo layer over the netCDF C library
// (libnetcdf). It exposes exactly what the Exodus II reader and writer need:
// files, dimensions, variables, attributes, and hyperslab data transfer with
// type conversion. It knows nothing about Exodus.
//
// # Files and formats
//
// Create makes a new file in one of five formats (Classic, Offset64, CDF5,
// NetCDF4, NetCDF4Classic), always with NC_CLOBBER and in no-fill mode
// (NC_NOFILL, as libexodus does): values never written are undefined, not
// fill values. A created file starts in define mode; call EndDef before
// writing data, ReDef to add definitions later. Open opens any file libnetcdf
// can read, read-only; OpenWrite opens one for writing (also no-fill).
// Format reports the on-disk format with the names "ncdump -k" prints. Close
// is idempotent; any use of a closed File returns an error matching
// ErrClosed, even if libnetcdf has meanwhile reused its id for another file.
//
// Open never reports success for something that is not an intact netCDF
// file: missing paths, directories, empty and foreign files fail in
// libnetcdf, and because libnetcdf opens a classic-format file whose data
// section is cut short and then silently reads zeros for the missing bytes,
// Open also parses the classic header in Go and compares the file size with
// the end of the last variable's data (CodeTruncated). Truncated netCDF-4
// files are rejected by HDF5 itself.
//
// Classic-format files are created, and opened for writing, with a 1 MiB
// I/O buffer (libnetcdf's default is one file-system block), which doubles
// bulk throughput; read-only ones get 64 KiB, as their bulk reads bypass
// libnetcdf:
//
// Reads of a classic-format file opened read-only (Open) whose memory type
// is the file type (float64 from Double, float32 from Float, int32 from Int,
// int64 from Int64) or exactly wider (float64 from Float, int64 from Int),
// of at least 64 KiB and one contiguous run per record, bypass libnetcdf's
// single-threaded buffered copy: the package preads the
// big-endian bytes straight into the caller's slice and swaps them in
// place, spread over all cores (146 MB of Exodus data: 0.071 s through
// libnetcdf, 0.011 s this way, on two cores). The offsets come from the
// header Open parses in Go, and a read goes this way only when that header
// describes the variable exactly as libnetcdf does. Everything else goes
// through libnetcdf.
//
// Only the root group is visible; netCDF-4 groups and user-defined types are
// out of scope (their variables report a Type above String and cannot be
// read).
//
// # Variables and data
//
// A Var is a small comparable handle (file, variable id, immutable
// metadata). File.Global returns the NC_GLOBAL pseudo-variable, which only
// carries attributes. Data moves between a Go slice and a hyperslab given by
// start and count, one entry per dimension (empty for a scalar). Before any C
// call the package checks, in Go, that len(start) == len(count) == number of
// dimensions, that no start or count is negative, that the product of count
// equals the slice length, and, for reads, that start+count lies within the
// current shape. Writes may extend unlimited (record) dimensions, so records
// can be appended one at a time; fixed dimensions are bounded for writes too.
// A selection of zero values with an empty slice is a no-op. Bulk data is
// never copied: the C library reads from or writes into the Go slice's
// backing array directly for the duration of the call. Whole-variable
// conveniences (ReadFloat64s, WriteInt32s, ...) use start 0 and the current
// shape.
//
// # Conversion rules
//
// The Go element type of a call is the memory type; the variable's Type is
// the file type. libnetcdf converts between them (nc_get_vara_double,
// nc_put_vara_int, nc_get_att_longlong, ...):
//
//   - any numeric file type can be read into or written from float64,
//     float32, int32 and int64 slices; floating-point to integer conversion
//     truncates toward zero;
//   - a value that does not fit the destination (an int64 of 3e9 read into
//     int32, a double of 1e300 written to a Float variable, a negative value
//     written to UInt) makes the call fail with an error matching ErrRange;
//     libnetcdf still transfers the values that fit, so the destination
//     (or the file) holds partial results and must not be trusted;
//   - NaN written from float64 or float32 to an integer file type is
//     rejected with ErrRange by this package (libnetcdf would store an
//     undefined integer silently). NaN in a Float/Double file variable read
//     into an integer slice cannot be detected and gives undefined values;
//     read floating-point data as floating point;
//   - Char (text) data moves only through byte slices (GetBytes, PutBytes),
//     unconverted; numeric calls on a Char variable, and text calls on a
//     numeric attribute, fail with CodeChar. GetBytes/PutBytes on a numeric
//     variable convert to and from unsigned bytes (for Byte variables the
//     result depends on the format; see GetBytes);
//   - attributes are read as int64 or float64 from any numeric type and
//     written as any numeric type from int64, or as Float/Double from
//     float64. AttrText strips trailing NUL bytes and also accepts a
//     netCDF-4 String attribute holding one string.
//
// # Errors
//
// Every failure is an *Error carrying the operation, the file path, the
// variable (or "var:attr" for attributes, the dimension name for dimension
// operations), libnetcdf's status code and its nc_strerror message. Faults
// detected in Go use the code libnetcdf itself would use (CodeInvalidArg,
// CodeInvalidCoords, CodeEdge, ...) and append a detail to the message.
// Lookups by name (File.Dim, File.Var, Var.Attr) report absence with
// ok=false and a nil error.
//
// # Locking
//
// libnetcdf is not thread-safe: it keeps process-wide tables of open files
// and metadata, and HDF5 underneath has its own global state. This package
// therefore serialises every call into libnetcdf, for all files, with one
// package-level sync.Mutex, which is the only global mutable state in exosh.
// The lock is held only around C calls (and the closed-file check that must
// be atomic with them), never while Go code allocates, validates or converts,
// so Files and Vars may be used from any number of goroutines, but their C
// work does not run in parallel. Parallel speed-up must come from the Go
// kernels that consume the data, not from concurrent I/O.
//
// HDF5 keeps its automatic error printing switch per OS thread, and libnetcdf
// turns it off only on the thread that initialised it. Since goroutines move
// between threads, the package turns it off on each thread before its first
// C call; otherwise routine failures (a missing attribute, a damaged file)
// would print HDF5-DIAG traces on stderr.
package netcdf
