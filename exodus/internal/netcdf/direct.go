package netcdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"unsafe"
)

// Direct writes variable data straight into the data section of a
// classic-format file (CDF-1, CDF-2, CDF-5) that libnetcdf created, defined
// and closed: values are converted to the file type and big-endian order in
// pieces spread over all cores and written with pwrite, where libnetcdf
// moves them in one thread through its I/O buffer, reading every 1 MiB
// block back before it writes it. libnetcdf keeps the header: Direct never
// changes a dimension, a variable or the record count, so it writes only
// within the records the header already holds (write the record variable
// that sets them, such as a time variable, through libnetcdf first).
//
// A Direct is for one goroutine; its writes run in parallel inside.
type Direct struct {
	path   string
	raw    *rawFile
	vars   map[string]int
	stop   <-chan struct{}
	onXfer func(n int)
}

// OpenDirect opens the classic-format file at path, which libnetcdf has
// closed, for direct writes. It fails for other formats.
func OpenDirect(path string) (*Direct, error) {
	fail := func(code int, err error) (*Direct, error) {
		return nil, &Error{Op: "open for direct writes", Path: path, Code: code, Msg: Strerror(code) + ": " + err.Error()}
	}
	fh, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, &Error{Op: "open for direct writes", Path: path, Code: CodeIO, Msg: errText(err)}
	}
	fi, err := fh.Stat()
	if err != nil {
		fh.Close()
		return fail(CodeIO, err)
	}
	h, err := parseCDFHeader(io.NewSectionReader(fh, 0, math.MaxInt64), math.MaxInt64)
	if err == nil && h == nil {
		err = errors.New("not a classic-format file")
	}
	var slabs []cdfSlab
	var recsize int64
	if err == nil {
		var ok bool
		if slabs, recsize, ok = h.layout(); !ok || h.numrecs < 0 {
			err = errors.New("inconsistent variable layout")
		}
	}
	if err != nil {
		fh.Close()
		return fail(CodeNotNC, fmt.Errorf("%v (%d bytes)", err, fi.Size()))
	}
	d := &Direct{path: path, raw: &rawFile{fh: fh, h: h, slabs: slabs, recsize: recsize}, vars: map[string]int{}}
	for i, v := range h.vars {
		d.vars[v.name] = i
	}
	return d, nil
}

// errText returns the innermost message of an os error.
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// SetStop makes the writes give up, with an error matching ErrStopped,
// before the first piece after stop is closed (see File.SetStop).
func (d *Direct) SetStop(stop <-chan struct{}) { d.stop = stop }

// OnTransfer makes every write call fn, on the calling goroutine, with the
// number of values each of its pieces moved (see File.OnTransfer).
func (d *Direct) OnTransfer(fn func(n int)) { d.onXfer = fn }

// Close closes the file. Data written is in the page cache; the caller
// syncs the file if it must be durable.
func (d *Direct) Close() error {
	if d == nil || d.raw == nil {
		return nil
	}
	err := d.raw.fh.Close()
	d.raw = nil
	if err != nil {
		return &Error{Op: "close", Path: d.path, Code: CodeIO, Msg: errText(err)}
	}
	return nil
}

// DirectVar is a variable of a Direct file.
type DirectVar struct {
	d    *Direct
	id   int
	name string
}

// Var returns the variable called name, or false if the header has none.
func (d *Direct) Var(name string) (DirectVar, bool) {
	id, ok := d.vars[name]
	return DirectVar{d: d, id: id, name: name}, ok
}

// Name returns the variable's name.
func (v DirectVar) Name() string { return v.name }

// Type returns the variable's file type (0 once the file is closed).
func (v DirectVar) Type() Type {
	if v.d == nil || v.d.raw == nil {
		return 0
	}
	return v.d.raw.h.vars[v.id].typ
}

// closedError returns the error of a write to a closed (or zero) Direct,
// nil while it is open.
func (v DirectVar) closedError() error {
	if v.d != nil && v.d.raw != nil {
		return nil
	}
	path := ""
	if v.d != nil {
		path = v.d.path
	}
	return &Error{Op: "put", Path: path, Var: v.name, Code: CodeBadID, Msg: Strerror(CodeBadID)}
}

// put validates the hyperslab start/count for n values and writes it,
// conv filling each piece's bytes (in file order and type) from the
// values at index lo on.
func (v DirectVar) put(start, count []int, n int, conv func(dst []byte, lo int) error) error {
	d := v.d
	bad := func(code int, format string, args ...any) error {
		return &Error{Op: "put", Path: d.path, Var: v.name, Code: code, Msg: Strerror(code) + ": " + fmt.Sprintf(format, args...)}
	}
	total := 1
	for _, c := range count {
		if c < 0 || (c != 0 && total > math.MaxInt/c) {
			return bad(CodeInvalidArg, "count %v", count)
		}
		total *= c
	}
	if total != n || len(start) != len(count) {
		return bad(CodeInvalidArg, "buffer has %d values, start %v and count %v select %d", n, start, count, total)
	}
	if total == 0 {
		return nil
	}
	r := d.raw
	segs, ok := r.runs(v.id, start, count)
	if !ok {
		return bad(CodeEdge, "start %v + count %v is outside the variable (records: %d) or not one run per record", start, count, r.h.numrecs)
	}
	size := v.Type().Size()
	err := transfer(segs, size, stopPiece, d.stop, d.onXfer, func(p rawSeg) error {
		bp := r.scratch()
		defer r.bufs.Put(bp)
		buf := (*bp)[:p.n]
		if err := conv(buf, int(p.dst)/size); err != nil {
			return err
		}
		_, err := r.fh.WriteAt(buf, p.off)
		return err
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrStopped):
		return fmt.Errorf("netcdf: put %s in %s: %w", v.name, d.path, ErrStopped)
	case errors.Is(err, ErrRange):
		return bad(CodeRange, "%v", err)
	}
	return &Error{Op: "put", Path: d.path, Var: v.name, Code: CodeIO, Msg: Strerror(CodeIO) + ": " + errText(err)}
}

// errDirectRange is the error of a value that does not fit the file type.
var errDirectRange = &Error{Code: CodeRange, Msg: "value out of range of the file type"}

// PutFloat64s writes src to the hyperslab start/count, which must be one
// contiguous run per record, converting to the file type: Double, or Float
// (values beyond float32's range give ErrRange, as libnetcdf does).
func (v DirectVar) PutFloat64s(start, count []int, src []float64) error {
	switch v.Type() {
	case Double:
		return v.put(start, count, len(src), func(dst []byte, lo int) error {
			u := unsafe.Slice((*uint64)(unsafe.Pointer(&dst[0])), len(dst)/8)
			for i, x := range src[lo : lo+len(u)] {
				u[i] = toBig64(math.Float64bits(x))
			}
			return nil
		})
	case Float:
		return v.put(start, count, len(src), func(dst []byte, lo int) error {
			u := unsafe.Slice((*uint32)(unsafe.Pointer(&dst[0])), len(dst)/4)
			for i, x := range src[lo : lo+len(u)] {
				if math.Abs(x) > math.MaxFloat32 { // infinities too, as libnetcdf
					return errDirectRange
				}
				u[i] = toBig32(math.Float32bits(float32(x)))
			}
			return nil
		})
	}
	return v.typeError("float64")
}

// PutFloat32s writes src to the hyperslab start/count of a Float variable.
func (v DirectVar) PutFloat32s(start, count []int, src []float32) error {
	if v.Type() != Float { // also when closed
		return v.typeError("float32")
	}
	return v.put(start, count, len(src), func(dst []byte, lo int) error {
		u := unsafe.Slice((*uint32)(unsafe.Pointer(&dst[0])), len(dst)/4)
		for i, x := range src[lo : lo+len(u)] {
			u[i] = toBig32(math.Float32bits(x))
		}
		return nil
	})
}

// PutInt64s writes src to the hyperslab start/count of an Int64 or Int
// variable (values outside int32 give ErrRange for Int).
func (v DirectVar) PutInt64s(start, count []int, src []int64) error {
	switch v.Type() {
	case Int64:
		return v.put(start, count, len(src), func(dst []byte, lo int) error {
			u := unsafe.Slice((*uint64)(unsafe.Pointer(&dst[0])), len(dst)/8)
			for i, x := range src[lo : lo+len(u)] {
				u[i] = toBig64(uint64(x))
			}
			return nil
		})
	case Int:
		return v.put(start, count, len(src), func(dst []byte, lo int) error {
			u := unsafe.Slice((*uint32)(unsafe.Pointer(&dst[0])), len(dst)/4)
			for i, x := range src[lo : lo+len(u)] {
				if x != int64(int32(x)) {
					return errDirectRange
				}
				u[i] = toBig32(uint32(int32(x)))
			}
			return nil
		})
	}
	return v.typeError("int64")
}

// WriteInt64s writes src over the whole variable (for a record variable:
// the records the header holds).
func (v DirectVar) WriteInt64s(src []int64) error {
	if err := v.closedError(); err != nil {
		return err
	}
	start, count := v.whole()
	return v.PutInt64s(start, count, src)
}

// whole returns the hyperslab of the whole variable.
func (v DirectVar) whole() (start, count []int) {
	h := v.d.raw.h
	cv := h.vars[v.id]
	count = make([]int, len(cv.dimids))
	for i, did := range cv.dimids {
		count[i] = int(h.dimLens[did])
		if i == 0 && v.d.raw.slabs[v.id].rec {
			count[i] = int(h.numrecs)
		}
	}
	return make([]int, len(count)), count
}

// typeError reports a memory type the direct path does not convert to the
// variable's file type.
func (v DirectVar) typeError(mem string) error {
	if err := v.closedError(); err != nil {
		return err
	}
	return &Error{Op: "put", Path: v.d.path, Var: v.name, Code: CodeBadType,
		Msg: Strerror(CodeBadType) + fmt.Sprintf(": direct writes of %s values to a %v variable are not supported", mem, v.Type())}
}

// toBig64 returns x in big-endian byte order as the host stores it.
func toBig64(x uint64) uint64 {
	if hostLittleEndian() {
		return bits.ReverseBytes64(x)
	}
	return x
}

// toBig32 is toBig64 for 32-bit values.
func toBig32(x uint32) uint32 {
	if hostLittleEndian() {
		return bits.ReverseBytes32(x)
	}
	return x
}
