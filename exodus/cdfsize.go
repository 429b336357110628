package exodus

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// checkClassicLayout validates, in Go and before libnetcdf sees the file,
// the header of a classic-family netCDF file (CDF-1, CDF-2, CDF-5) and checks
// that the file is long enough to hold every byte of data the header
// describes. libnetcdf silently reads zeros past the end of a short classic
// file, so without this check a truncated file would load as a model full of
// zeros.
//
// Files that are not classic-family (HDF5-based netCDF-4, or not netCDF at
// all) are left to libnetcdf and HDF5, which detect truncation themselves; for
// them checkClassicLayout returns nil.
func checkClassicLayout(path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	var magic [4]byte
	if _, err := io.ReadFull(fh, magic[:]); err != nil {
		return nil // too short to tell; libnetcdf reports it
	}
	if magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F' {
		return nil
	}
	ver := magic[3]
	if ver != 1 && ver != 2 && ver != 5 {
		return nil // libnetcdf rejects unknown versions itself
	}
	h := &cdfHeader{r: bufio.NewReaderSize(fh, 64<<10), off: 4, size: size, ver: ver}
	need, err := h.parse()
	if err != nil {
		return &FormatError{Path: path, Msg: "netCDF header: " + err.Error(), Err: ErrTruncated}
	}
	if size < need {
		return &FormatError{Path: path, Msg: fmt.Sprintf("file is truncated: it has %d bytes, its netCDF header describes %d", size, need), Err: ErrTruncated}
	}
	return nil
}

// cdfHeader walks a classic netCDF header (see the netCDF "File Format
// Specification"); every count is bounded by the bytes left in the file, so a
// damaged header cannot make it allocate or loop without bound.
type cdfHeader struct {
	r    *bufio.Reader
	off  int64 // bytes consumed
	size int64 // file size
	ver  byte
}

const (
	cdfTagDim  = 0x0A
	cdfTagVar  = 0x0B
	cdfTagAttr = 0x0C
)

var errHeaderShort = errors.New("header is cut short")

func (h *cdfHeader) read(n int) ([]byte, error) {
	var buf [8]byte
	if _, err := io.ReadFull(h.r, buf[:n]); err != nil {
		return nil, errHeaderShort
	}
	h.off += int64(n)
	return buf[:n], nil
}

func (h *cdfHeader) u32() (uint64, error) {
	b, err := h.read(4)
	if err != nil {
		return 0, err
	}
	return uint64(binary.BigEndian.Uint32(b)), nil
}

func (h *cdfHeader) u64() (uint64, error) {
	b, err := h.read(8)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(b), nil
}

// count reads a NON_NEG count (8 bytes in CDF-5) that must not exceed the
// bytes left in the file divided by unit.
func (h *cdfHeader) count(unit int64) (int64, error) {
	var v uint64
	var err error
	if h.ver == 5 {
		v, err = h.u64()
	} else {
		v, err = h.u32()
	}
	if err != nil {
		return 0, err
	}
	if v > uint64(math.MaxInt64) || int64(v) > (h.size-h.off)/unit {
		return 0, fmt.Errorf("count %d at offset %d exceeds the file", v, h.off)
	}
	return int64(v), nil
}

// length reads a dimension length or vsize (4 bytes, 8 in CDF-5), unbounded.
func (h *cdfHeader) length() (uint64, error) {
	if h.ver == 5 {
		return h.u64()
	}
	return h.u32()
}

func (h *cdfHeader) skip(n int64) error {
	if n > h.size-h.off {
		return errHeaderShort
	}
	if _, err := h.r.Discard(int(n)); err != nil {
		return errHeaderShort
	}
	h.off += n
	return nil
}

func pad4(n int64) int64 { return (n + 3) &^ 3 }

func (h *cdfHeader) name() error {
	n, err := h.count(1)
	if err != nil {
		return err
	}
	return h.skip(pad4(n))
}

func cdfTypeSize(t uint64) int64 {
	switch t {
	case 1, 2, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 5, 9:
		return 4
	case 6, 10, 11:
		return 8
	}
	return 0
}

// list reads a list header: ABSENT (two zeros) or tag and element count.
func (h *cdfHeader) list(tag uint64, unit int64) (int64, error) {
	t, err := h.u32()
	if err != nil {
		return 0, err
	}
	n, err := h.count(unit)
	if err != nil {
		return 0, err
	}
	if t == 0 && n == 0 {
		return 0, nil
	}
	if t != tag {
		return 0, fmt.Errorf("unexpected tag %#x at offset %d", t, h.off-8)
	}
	return n, nil
}

func (h *cdfHeader) attrs() error {
	n, err := h.list(cdfTagAttr, 12)
	if err != nil {
		return err
	}
	for range n {
		if err := h.name(); err != nil {
			return err
		}
		t, err := h.u32()
		if err != nil {
			return err
		}
		ts := cdfTypeSize(t)
		if ts == 0 {
			return fmt.Errorf("attribute of unknown type %d", t)
		}
		cnt, err := h.count(ts)
		if err != nil {
			return err
		}
		if err := h.skip(pad4(cnt * ts)); err != nil {
			return err
		}
	}
	return nil
}

// parse walks the header and returns the smallest file size that holds all
// data it describes.
func (h *cdfHeader) parse() (int64, error) {
	var numrecs uint64
	var err error
	if h.ver == 5 {
		numrecs, err = h.u64()
	} else {
		numrecs, err = h.u32()
	}
	if err != nil {
		return 0, err
	}
	if numrecs == math.MaxUint32 || numrecs == math.MaxUint64 { // STREAMING
		numrecs = 0
	}
	ndims, err := h.list(cdfTagDim, 8)
	if err != nil {
		return 0, err
	}
	dims := make([]uint64, ndims)
	for i := range dims {
		if err := h.name(); err != nil {
			return 0, err
		}
		if dims[i], err = h.length(); err != nil {
			return 0, err
		}
	}
	if err := h.attrs(); err != nil {
		return 0, err
	}
	nvars, err := h.list(cdfTagVar, 20)
	if err != nil {
		return 0, err
	}
	type varExtent struct {
		begin, perRec int64
		rec           bool
	}
	vars := make([]varExtent, 0, nvars)
	var recsize, nrec int64
	need := h.off
	for range nvars {
		if err := h.name(); err != nil {
			return 0, err
		}
		nd, err := h.count(4)
		if err != nil {
			return 0, err
		}
		n := int64(1)
		rec := false
		for d := range nd {
			id, err := h.length()
			if err != nil {
				return 0, err
			}
			if id >= uint64(len(dims)) {
				return 0, fmt.Errorf("variable refers to dimension %d of %d", id, len(dims))
			}
			l := dims[id]
			if l == 0 {
				if d != 0 {
					return 0, fmt.Errorf("record dimension is not the first dimension of a variable")
				}
				rec = true
				continue
			}
			if l > math.MaxInt64/uint64(max(n, 1)) {
				return 0, fmt.Errorf("variable size overflows")
			}
			n *= int64(l)
		}
		if err := h.attrs(); err != nil {
			return 0, err
		}
		t, err := h.u32()
		if err != nil {
			return 0, err
		}
		ts := cdfTypeSize(t)
		if ts == 0 {
			return 0, fmt.Errorf("variable of unknown type %d", t)
		}
		if _, err := h.length(); err != nil { // vsize, redundant and capped for huge variables
			return 0, err
		}
		var begin uint64
		if h.ver == 1 {
			begin, err = h.u32()
		} else {
			begin, err = h.u64()
		}
		if err != nil {
			return 0, err
		}
		if begin > math.MaxInt64/2 || n > math.MaxInt64/2/ts {
			return 0, fmt.Errorf("variable offset or size out of range")
		}
		v := varExtent{begin: int64(begin), perRec: n * ts, rec: rec}
		if rec {
			nrec++
			recsize += pad4(v.perRec)
			if recsize > math.MaxInt64/4 {
				return 0, fmt.Errorf("record size out of range")
			}
		}
		vars = append(vars, v)
	}
	if h.off > need {
		need = h.off
	}
	if nrec == 1 {
		for _, v := range vars {
			if v.rec {
				recsize = v.perRec
			}
		}
	}
	for _, v := range vars {
		end := v.begin + v.perRec
		if v.rec {
			if numrecs == 0 || v.perRec == 0 {
				continue
			}
			if numrecs > uint64(math.MaxInt64/4)/uint64(max(recsize, 1)) {
				return 0, fmt.Errorf("record count %d out of range", numrecs)
			}
			end = v.begin + int64(numrecs-1)*recsize + v.perRec
		} else if v.perRec == 0 {
			continue
		}
		if end > need {
			need = end
		}
	}
	return need, nil
}
