package netcdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// This file holds the direct read path for classic-format files (CDF-1,
// CDF-2, CDF-5) opened read-only. libnetcdf moves a classic file's data in
// one thread, through its own I/O buffer: pread into the buffer, then a
// byte-swapping copy into the caller's slice, about 2 GB/s here (0.071 s
// for the 146 MB of a 512k-element Exodus file, measured with a C program
// calling nc_get_var_double and nc_get_var_int on every variable). The data
// of a classic file is plain big-endian arrays at offsets the header gives,
// so for a read whose memory type is the file type, the direct path preads
// the bytes straight into the caller's slice and swaps them in place, in
// chunks spread over all cores: 0.011 s for the same 146 MB on two cores.
// Float read as float64 and Int as int64 go through a scratch piece and
// are widened, exactly.
//
// libnetcdf still opens, vets and describes the file; the direct path only
// moves bytes, and only after checking that the header it parsed itself
// (checkClassic) describes the variable exactly as libnetcdf does: the same
// name, type and dimensions, and no more records than the header holds.
// Anything else (netCDF-4 files, files open for writing, other
// conversions, hyperslabs that are not one contiguous run per record,
// small reads) goes to libnetcdf as before. Direct (direct.go) uses the
// same layout and pieces to write.

// rawMinBytes is the smallest read the direct path takes: below it the
// goroutines cost more than libnetcdf's buffered copy.
const rawMinBytes = 64 << 10

// rawChunk is the bytes one worker reads and swaps at a time: small enough
// that a chunk is still in cache when it is swapped.
const rawChunk = 256 << 10

// rawFile is the state of the direct path of one classic file: the file
// held open, its header and the derived layout. Only its scratch pool and
// its count of reads served change after open; transfers on it may run
// concurrently.
type rawFile struct {
	fh       *os.File
	h        *cdfHeader
	slabs    []cdfSlab
	recsize  int64
	minBytes int       // rawMinBytes; tests lower it
	bufs     sync.Pool // *[]byte of rawChunk bytes (scratch)

	served atomic.Int64 // reads served, for tests
}

// close releases the file handle.
func (r *rawFile) close() {
	if r != nil {
		r.fh.Close()
	}
}

// matches reports whether the direct path may serve reads for f: the file
// libnetcdf opened at f's path is the one r holds, in the format of r's
// header.
func (r *rawFile) matches(path string, format Format) bool {
	want := map[byte]Format{1: Classic, 2: Offset64, 5: CDF5}[r.h.version]
	if format != want {
		return false
	}
	a, err := r.fh.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// rawSeg is one contiguous run of a hyperslab: n bytes at file offset off,
// going to (or coming from) byte dst of the caller's slice.
type rawSeg struct {
	off, n, dst int64
}

// segments returns the file runs of the hyperslab start/count of v
// (libnetcdf's current shape being shape), or ok false if the direct path
// cannot serve it: v does not match the parsed header, or the selection is
// not contiguous within a record.
func (r *rawFile) segments(v Var, start, count, shape []int) (segs []rawSeg, ok bool) {
	id := int(v.id)
	if id < 0 || id >= len(r.h.vars) {
		return nil, false
	}
	cv, m := r.h.vars[id], v.m
	if cv.name != m.name || cv.typ != m.xtype || len(cv.dimids) != len(m.dimids) {
		return nil, false
	}
	rec := r.slabs[id].rec
	for i, did := range cv.dimids {
		if did != int64(m.dimids[i]) || m.unlim[i] != (rec && i == 0) {
			return nil, false
		}
		if !m.unlim[i] && r.h.dimLens[did] != int64(m.fixedLen[i]) {
			return nil, false
		}
	}
	if rec && shape[0] > int(r.h.numrecs) {
		return nil, false
	}
	return r.runs(id, start, count)
}

// runs returns the file runs of the hyperslab start/count of variable id
// of the header, or ok false if the selection reaches past the header's
// dimensions (and records) or is not one contiguous run per record: its
// indices fixed (count 1) down to some dimension, whole dimensions after it.
func (r *rawFile) runs(id int, start, count []int) (segs []rawSeg, ok bool) {
	cv := r.h.vars[id]
	if len(start) != len(cv.dimids) || len(count) != len(cv.dimids) {
		return nil, false
	}
	rec := r.slabs[id].rec
	lo := 0
	if rec {
		if start[0] < 0 || count[0] < 0 || int64(start[0])+int64(count[0]) > r.h.numrecs {
			return nil, false
		}
		lo = 1
	}
	size := int64(cv.typ.Size())
	run, off, stride := size, int64(0), size
	whole := true // the dimensions after the current one are whole
	for i := len(count) - 1; i >= lo; i-- {
		n := r.h.dimLens[cv.dimids[i]]
		if start[i] < 0 || count[i] < 0 || int64(start[i])+int64(count[i]) > n {
			return nil, false
		}
		if !whole && count[i] != 1 {
			return nil, false
		}
		off += int64(start[i]) * stride
		run *= int64(count[i])
		stride *= n
		whole = whole && start[i] == 0 && int64(count[i]) == n
	}
	if !rec {
		return []rawSeg{{off: cv.begin + off, n: run}}, true
	}
	segs = make([]rawSeg, count[0])
	for k := range segs {
		segs[k] = rawSeg{off: cv.begin + int64(start[0]+k)*r.recsize + off, n: run, dst: int64(k) * run}
	}
	return segs, true
}

// errRawShort reports a file that ended before the data its header
// promised (it shrank after it was opened).
var errRawShort = errors.New("file ends before the variable's data")

// transfer runs work on the runs segs cut into pieces of at most rawChunk
// bytes, handed to min(GOMAXPROCS, pieces) goroutines, in batches of about
// batchValues values of size bytes (at least one piece): between batches
// it checks stop (returning ErrStopped) and calls progress, when set, with
// the values the batch moved. It returns the first error of work.
func transfer(segs []rawSeg, size, batchValues int, stop <-chan struct{}, progress func(n int), work func(p rawSeg) error) error {
	var pieces []rawSeg
	for _, s := range segs {
		for o := int64(0); o < s.n; o += rawChunk {
			pieces = append(pieces, rawSeg{s.off + o, min(rawChunk, s.n-o), s.dst + o})
		}
	}
	batch := max(1, int(int64(batchValues)*int64(size)/rawChunk))
	workers := runtime.GOMAXPROCS(0)
	for b := 0; b < len(pieces); b += batch {
		select {
		case <-stop:
			return ErrStopped
		default:
		}
		todo := pieces[b:min(b+batch, len(pieces))]
		if len(todo) == 1 { // one piece: no goroutine
			if err := work(todo[0]); err != nil {
				return err
			}
			if progress != nil {
				progress(int(todo[0].n) / size)
			}
			continue
		}
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			first error
			next  = make(chan rawSeg, len(todo))
		)
		for _, p := range todo {
			next <- p
		}
		close(next)
		for range min(workers, len(todo)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range next {
					if err := work(p); err != nil {
						mu.Lock()
						if first == nil {
							first = err
						}
						mu.Unlock()
						return
					}
				}
			}()
		}
		wg.Wait()
		if first != nil {
			return first
		}
		if progress != nil {
			var moved int64
			for _, p := range todo {
				moved += p.n
			}
			progress(int(moved) / size)
		}
	}
	return nil
}

// read fills dst with the runs segs, swapping values of size bytes from big
// endian to the host's order (see transfer for the pieces, stop and
// progress). With widen set the file holds 4-byte values (Float or Int)
// that dst takes as 8-byte ones (float64 or int64): each piece is read
// into a scratch buffer and converted, exactly.
func (r *rawFile) read(segs []rawSeg, dst []byte, size int, widen Type, batchValues int, stop <-chan struct{}, progress func(n int)) error {
	readAt := func(buf []byte, off int64) error {
		if _, err := r.fh.ReadAt(buf, off); err != nil {
			if errors.Is(err, io.EOF) {
				return errRawShort
			}
			return err
		}
		return nil
	}
	if widen == 0 {
		return transfer(segs, size, batchValues, stop, progress, func(p rawSeg) error {
			buf := dst[p.dst : p.dst+p.n]
			if err := readAt(buf, p.off); err != nil {
				return err
			}
			swapToHost(buf, size)
			return nil
		})
	}
	return transfer(segs, 4, batchValues, stop, progress, func(p rawSeg) error {
		bp := r.scratch()
		defer r.bufs.Put(bp)
		buf := (*bp)[:p.n]
		if err := readAt(buf, p.off); err != nil {
			return err
		}
		swapToHost(buf, 4)
		in := unsafe.Slice((*uint32)(unsafe.Pointer(&buf[0])), len(buf)/4)
		lo := p.dst / 4 // first value of the piece
		switch widen {
		case Float:
			out := unsafe.Slice((*float64)(unsafe.Pointer(&dst[8*lo])), len(in))
			for i, x := range in {
				out[i] = float64(math.Float32frombits(x))
			}
		case Int:
			out := unsafe.Slice((*int64)(unsafe.Pointer(&dst[8*lo])), len(in))
			for i, x := range in {
				out[i] = int64(int32(x))
			}
		}
		return nil
	})
}

// scratch returns a buffer of rawChunk bytes from r's pool, for one piece
// of a transfer that converts; the caller puts it back in r.bufs.
func (r *rawFile) scratch() *[]byte {
	if bp, _ := r.bufs.Get().(*[]byte); bp != nil {
		return bp
	}
	b := make([]byte, rawChunk)
	return &b
}

// hostLittleEndian reports whether this machine stores integers least
// significant byte first.
func hostLittleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// swapToHost turns big-endian values of size bytes (2, 4 or 8) in b into
// the host's order, in place. b's length is a multiple of size and, as it
// is a window of a slice of values that size, suitably aligned.
func swapToHost(b []byte, size int) {
	if !hostLittleEndian() || len(b) == 0 {
		return
	}
	switch size {
	case 8:
		u := unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8)
		i := 0
		for ; i+4 <= len(u); i += 4 {
			u[i] = bits.ReverseBytes64(u[i])
			u[i+1] = bits.ReverseBytes64(u[i+1])
			u[i+2] = bits.ReverseBytes64(u[i+2])
			u[i+3] = bits.ReverseBytes64(u[i+3])
		}
		for ; i < len(u); i++ {
			u[i] = bits.ReverseBytes64(u[i])
		}
	case 4:
		u := unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4)
		for i := range u {
			u[i] = bits.ReverseBytes32(u[i])
		}
	case 2:
		u := unsafe.Slice((*uint16)(unsafe.Pointer(&b[0])), len(b)/2)
		for i := range u {
			u[i] = bits.ReverseBytes16(u[i])
		}
	}
}

// getRaw serves the read of the hyperslab start/count of v (libnetcdf's
// current shape being shape) into dst, whose values have type t, straight
// from the file when it can: when t is the file type (and not a 1-byte
// one), or when the file holds Float values read as Double or Int values
// read as Int64 (both exact). done is false when the read is left to
// libnetcdf.
func (v Var) getRaw(op string, start, count, shape []int, dst []byte, t Type) (done bool, err error) {
	r := v.f.raw
	if r == nil || len(dst) < r.minBytes {
		return false, nil
	}
	ft := v.m.xtype
	var widen Type
	switch {
	case ft == t && t.Size() >= 2:
	case ft == Float && t == Double, ft == Int && t == Int64:
		widen = ft
	default:
		return false, nil
	}
	segs, ok := r.segments(v, start, count, shape)
	if !ok || !v.f.isOpen() { // libnetcdf reports a closed file
		return false, nil
	}
	piece := stopPiece
	if v.f.piece > 0 {
		piece = v.f.piece
	}
	r.served.Add(1)
	if err := r.read(segs, dst, ft.Size(), widen, piece, v.f.stop, v.f.onXfer); err != nil {
		name := v.m.name
		code := CodeIO
		switch {
		case errors.Is(err, ErrStopped):
			return true, fmt.Errorf("netcdf: %s %s in %s: %w", op, name, v.f.path, ErrStopped)
		case errors.Is(err, errRawShort):
			code = CodeTruncated
		case errors.Is(err, os.ErrClosed):
			code = CodeBadID // closed while reading
		}
		return true, &Error{Op: op, Path: v.f.path, Var: name, Code: code, Msg: Strerror(code) + ": " + err.Error()}
	}
	return true, nil
}
