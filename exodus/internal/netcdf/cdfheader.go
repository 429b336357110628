package netcdf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
)

// This file holds a minimal pure-Go reader of the classic (CDF-1, CDF-2,
// CDF-5) header. Open runs it before handing a classic file to libnetcdf, to
// refuse three kinds of damage that libnetcdf does not:
//
//   - names longer than NC_MAX_NAME: libnetcdf reads them and later copies
//     them in full into the caller's NC_MAX_NAME+1 buffer, corrupting memory;
//   - headers that do not follow the format (libnetcdf sometimes accepts a
//     shifted header and then misbehaves);
//   - files shorter than their header requires: libnetcdf opens them and
//     returns zeros for the missing bytes.
//
// The layout follows the netCDF classic format specification.

// CDF header tags.
const (
	cdfTagDimension = 0x0A
	cdfTagVariable  = 0x0B
	cdfTagAttribute = 0x0C
	cdfStreaming    = 0xFFFFFFFF // numrecs value of a file being streamed
)

// cdfMaxName is NC_MAX_NAME, the longest name libnetcdf writes.
const cdfMaxName = 256

var (
	errCDFHeader = errors.New("malformed classic header")
	errCDFName   = errors.New("name longer than NC_MAX_NAME (256 bytes)")
)

type cdfVar struct {
	name   string
	dimids []int64
	typ    Type
	begin  int64
}

type cdfHeader struct {
	version byte    // 1, 2 or 5
	numrecs int64   // -1 when streaming
	dimLens []int64 // 0 marks the unlimited dimension
	vars    []cdfVar
}

// cdfReader decodes big-endian header fields, remembering the first error.
type cdfReader struct {
	r       *bufio.Reader
	version byte
	limit   int64 // file size: no count may promise more bytes than this
	err     error
}

func (c *cdfReader) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func (c *cdfReader) u32() uint32 {
	var b [4]byte
	if c.err != nil {
		return 0
	}
	if _, err := io.ReadFull(c.r, b[:]); err != nil {
		c.fail(err)
		return 0
	}
	return binary.BigEndian.Uint32(b[:])
}

func (c *cdfReader) u64() uint64 {
	var b [8]byte
	if c.err != nil {
		return 0
	}
	if _, err := io.ReadFull(c.r, b[:]); err != nil {
		c.fail(err)
		return 0
	}
	return binary.BigEndian.Uint64(b[:])
}

// count reads a NON_NEG (4 bytes, 8 in CDF-5) and checks it is plausible
// for a file of c.limit bytes, each counted item taking at least unit bytes.
func (c *cdfReader) count(unit int64) int64 {
	var n uint64
	if c.version == 5 {
		n = c.u64()
	} else {
		n = uint64(c.u32())
	}
	if n > math.MaxInt64 || (unit > 0 && int64(n) > c.limit/unit) {
		c.fail(errCDFHeader)
		return 0
	}
	return int64(n)
}

// skip discards n bytes.
func (c *cdfReader) skip(n int64) {
	if c.err != nil {
		return
	}
	if n < 0 || n > c.limit {
		c.fail(errCDFHeader)
		return
	}
	if _, err := c.r.Discard(int(n)); err != nil {
		c.fail(err)
	}
}

func pad4(n int64) int64 { return (n + 3) &^ 3 }

// name reads a padded name.
func (c *cdfReader) name() string {
	n := c.count(1)
	if c.err != nil {
		return ""
	}
	if n > cdfMaxName {
		c.fail(fmt.Errorf("%w: %d bytes", errCDFName, n))
		return ""
	}
	b := make([]byte, pad4(n))
	if _, err := io.ReadFull(c.r, b); err != nil {
		c.fail(err)
		return ""
	}
	if bytes.IndexByte(b[:n], 0) >= 0 {
		c.fail(fmt.Errorf("%w: NUL byte in name %q", errCDFHeader, b[:n]))
		return ""
	}
	return string(b[:n])
}

// listHeader reads a list tag and its element count; ABSENT gives 0.
func (c *cdfReader) listHeader(want uint32, unit int64) int64 {
	tag := c.u32()
	n := c.count(unit)
	if tag == 0 && n == 0 {
		return 0
	}
	if tag != want {
		c.fail(errCDFHeader)
		return 0
	}
	return n
}

// skipAttrs skips an attribute list.
func (c *cdfReader) skipAttrs() {
	n := c.listHeader(cdfTagAttribute, 12)
	for i := int64(0); i < n && c.err == nil; i++ {
		c.name()
		t := Type(c.u32())
		nv := c.count(0)
		size := int64(t.Size())
		if size == 0 || nv > c.limit/size {
			c.fail(errCDFHeader)
			return
		}
		c.skip(pad4(nv * size))
	}
}

// readCDFHeader parses the classic header of the file at path and returns it
// with the open file and its size; the caller closes the file. The header is
// nil (and err nil) if the file is not a regular classic netCDF file.
func readCDFHeader(path string) (*cdfHeader, *os.File, int64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	fi, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		fh.Close()
		return nil, nil, 0, nil
	}
	h, err := parseCDFHeader(io.NewSectionReader(fh, 0, fi.Size()), fi.Size())
	return h, fh, fi.Size(), err
}

// parseCDFHeader parses a classic header from r, the start of a file of size
// bytes. It returns (nil, nil) if r does not start with a classic magic
// number.
func parseCDFHeader(r io.Reader, size int64) (*cdfHeader, error) {
	var magic [4]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, nil
	}
	if string(magic[:3]) != "CDF" || (magic[3] != 1 && magic[3] != 2 && magic[3] != 5) {
		return nil, nil
	}
	c := &cdfReader{r: bufio.NewReaderSize(r, 16<<10), limit: size}
	h := &cdfHeader{version: magic[3]}
	c.version = h.version
	if h.version == 5 {
		h.numrecs = int64(c.u64())
	} else {
		n := c.u32()
		h.numrecs = int64(n)
		if n == cdfStreaming {
			h.numrecs = -1
		}
	}
	if h.numrecs < -1 {
		c.fail(errCDFHeader)
	}
	nd := c.listHeader(cdfTagDimension, 8)
	h.dimLens = make([]int64, 0, nd)
	for i := int64(0); i < nd && c.err == nil; i++ {
		c.name()
		h.dimLens = append(h.dimLens, c.count(0))
	}
	c.skipAttrs()
	nv := c.listHeader(cdfTagVariable, 24)
	h.vars = make([]cdfVar, 0, nv)
	for i := int64(0); i < nv && c.err == nil; i++ {
		v := cdfVar{name: c.name()}
		n := c.count(4)
		v.dimids = make([]int64, 0, n)
		for j := int64(0); j < n && c.err == nil; j++ {
			v.dimids = append(v.dimids, c.count(0))
		}
		c.skipAttrs()
		v.typ = Type(c.u32())
		c.count(0) // vsize: recomputed below, as libnetcdf does (it saturates for huge variables)
		if h.version == 1 {
			v.begin = int64(c.u32())
		} else if b := c.u64(); b > math.MaxInt64 {
			c.fail(errCDFHeader)
		} else {
			v.begin = int64(b)
		}
		h.vars = append(h.vars, v)
	}
	if c.err != nil {
		if errors.Is(c.err, errCDFName) || errors.Is(c.err, errCDFHeader) {
			return nil, c.err
		}
		return nil, fmt.Errorf("%w: %v", errCDFHeader, c.err) // short read
	}
	return h, nil
}

// mul64 multiplies non-negative a and b, reporting overflow.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}

// cdfSlab is the data layout of one variable of a classic file.
type cdfSlab struct {
	rec  bool  // a record variable (its first dimension is the unlimited one)
	size int64 // bytes of the variable (of one record, for record variables)
}

// layout returns the byte size of every variable's data (of one record for
// record variables) and the record size, the distance between two records
// of a variable. ok is false if the header is inconsistent.
func (h *cdfHeader) layout() (slabs []cdfSlab, recsize int64, ok bool) {
	slabs = make([]cdfSlab, len(h.vars))
	nrec := 0
	for i, v := range h.vars {
		size := int64(v.typ.Size())
		if size == 0 || v.begin < 0 {
			return nil, 0, false
		}
		for j, id := range v.dimids {
			if id < 0 || id >= int64(len(h.dimLens)) {
				return nil, 0, false
			}
			n := h.dimLens[id]
			if n == 0 {
				if j != 0 {
					return nil, 0, false
				}
				slabs[i].rec = true
				continue
			}
			var okm bool
			if size, okm = mul64(size, n); !okm {
				return nil, 0, false
			}
		}
		slabs[i].size = size
		if slabs[i].rec {
			nrec++
			recsize += pad4(size)
			if recsize < 0 {
				return nil, 0, false
			}
		}
	}
	if nrec == 1 { // a lone record variable is stored unpadded
		for _, s := range slabs {
			if s.rec {
				recsize = s.size
			}
		}
	}
	return slabs, recsize, true
}

// extent returns the smallest file size that holds all data the header
// describes, and the variable whose data ends there. Final padding is not
// required. ok is false if the header is inconsistent or numrecs unknown.
func (h *cdfHeader) extent() (need int64, varName string, ok bool) {
	slabs, recsize, ok := h.layout()
	if !ok || h.numrecs < 0 {
		return 0, "", false
	}
	for i, v := range h.vars {
		end := v.begin + slabs[i].size
		if slabs[i].rec {
			if h.numrecs == 0 {
				continue
			}
			off, okm := mul64(h.numrecs-1, recsize)
			if !okm {
				return 0, "", false
			}
			end += off
		}
		if end < 0 {
			return 0, "", false
		}
		if end > need {
			need, varName = end, v.name
		}
	}
	return need, varName, true
}

// checkClassic vets the classic header of the file at path before libnetcdf
// sees it. It returns code 0 if the file is acceptable, not a classic file,
// or unreadable (libnetcdf then reports the problem); otherwise the netCDF
// code to report (CodeMaxName, CodeNotNC or CodeTruncated) and a detail.
// With keep set, an acceptable classic file also comes back as a rawFile
// holding the file open, for direct reads (see raw.go); the caller closes it.
func checkClassic(path string, keep bool) (raw *rawFile, code int, detail string) {
	h, fh, size, err := readCDFHeader(path)
	if fh != nil {
		defer func() {
			if raw == nil {
				fh.Close()
			}
		}()
	}
	switch {
	case errors.Is(err, errCDFName):
		return nil, CodeMaxName, err.Error()
	case errors.Is(err, errCDFHeader):
		return nil, CodeNotNC, err.Error()
	case err != nil || h == nil:
		return nil, 0, ""
	}
	need, name, ok := h.extent()
	if !ok {
		return nil, CodeNotNC, errCDFHeader.Error() + ": inconsistent variable layout"
	}
	if size < need {
		return nil, CodeTruncated, fmt.Sprintf("file has %d bytes, data of variable %q ends at byte %d", size, name, need)
	}
	if keep {
		slabs, recsize, _ := h.layout() // ok: extent succeeded
		return &rawFile{fh: fh, h: h, slabs: slabs, recsize: recsize, minBytes: rawMinBytes}, 0, ""
	}
	return nil, 0, ""
}
