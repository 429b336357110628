package exodus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// Reader reads one Exodus II file. Open validates the file's structure
// (every dimension, variable shape and type the model needs) and reads its
// metadata; Read then imports the bulk data. A Reader is not safe for
// concurrent use.
type Reader struct {
	path string
	f    *netcdf.File
	c    Contents
	// progress receives Read's progress (SetProgress).
	progress func(done, total int64)

	dims     map[string]netcdf.Dim
	vars     map[string]netcdf.VarInfo
	varOrder []string // variable names in definition order

	numTimes int
	// coordinates: per-axis variables, or the combined coord variable
	coordSplit bool

	blocks    []blockMeta
	nsets     []setMeta
	ssets     []setMeta
	asms      []asmMeta
	elemOff   []int // cumulative element offsets per block slot, len(blocks)+1
	nodVarOld bool  // nodal variables in the combined vals_nod_var

	// per kind: property names (prop2...) and values [prop][slot]
	blockProps, nsProps, ssProps propTable

	globalAttrs []meshobj.Attr

	// keepBytes makes readStrings keep everything but the NUL padding.
	keepBytes bool
	// used marks the variables the model reads; the others are carried
	// (Model.Carried) by a whole-file read.
	used map[string]bool
	// controlPoints is the number of Bezier control points the blobs
	// describe (bex_dense_cv_info), which BEX connectivity may refer to.
	controlPoints int
	// spare is a buffer a shared timestep was read into, for the next
	// field of the same length (readFieldSteps); Read drops it at the end.
	spare []float64
}

type propTable struct {
	names  []string
	values [][]int64
}

type blockMeta struct {
	BlockInfo
	slot    int  // 1-based
	present bool // has connectivity data (non-NULL block)
	fields  []bool
	red     bool
}

type setMeta struct {
	SetInfo
	slot    int
	present bool
	hasDF   bool
	fields  []bool
	red     bool
}

type asmMeta struct {
	AssemblyInfo
	typeName string
	red      bool
	attrs    []meshobj.Attr
}

// Open opens an Exodus II file, validates its structure and reads its
// metadata (see Contents). The caller must Close the Reader. A missing file,
// a directory, a file that is not netCDF or not Exodus, or one whose
// dimensions and variables do not fit together gives an error naming the
// file (a *FormatError for faults in the file).
func Open(path string) (*Reader, error) {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return nil, &FormatError{Path: path, Msg: msg, Err: err}
	}
	if fi.IsDir() {
		return nil, &FormatError{Path: path, Msg: "is a directory, not an Exodus file", Err: ErrNotExodus}
	}
	if fi.Size() == 0 {
		return nil, &FormatError{Path: path, Msg: "file is empty", Err: ErrNotExodus}
	}
	f, err := netcdf.Open(path)
	if err != nil {
		msg := ncMsg(err)
		var ne *netcdf.Error
		switch {
		case errors.Is(err, netcdf.ErrNotNetCDF):
			msg = "not a netCDF file (" + msg + ")"
		case errors.As(err, &ne) && ne.Code == netcdf.CodeTruncated:
			// libnetcdf would read zeros past the end; the netcdf layer checks
			// the size of classic files against their header.
			return nil, &FormatError{Path: path, Msg: msg, Err: fmt.Errorf("%w: %w", ErrTruncated, err)}
		}
		return nil, &FormatError{Path: path, Msg: msg, Err: err}
	}
	r := &Reader{path: path, f: f}
	if err := r.scan(); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// ReadFile reads the whole Exodus file at path into a new model.
func ReadFile(path string) (*meshobj.Model, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	m, err := r.Read(nil)
	if cerr := r.Close(); err == nil && cerr != nil {
		return nil, cerr
	}
	return m, err
}

// SetProgress makes Read call fn on the reading goroutine as data comes
// in, with the values read so far and an estimate of the total (the
// selected timesteps of every variable); the last call has done == total.
// nil turns it off.
func (r *Reader) SetProgress(fn func(done, total int64)) { r.progress = fn }

// SetStop makes Read give up, with an error matching ErrStopped, soon
// after stop is closed: the file is read in pieces of a few million values
// (about 30 ms each) and stop is checked before each. nil (the default)
// reads each variable in one piece.
func (r *Reader) SetStop(stop <-chan struct{}) { r.f.SetStop(stop) }

// ErrStopped matches the error of a Read stopped by SetStop's channel, or
// of a Write stopped by WriteOptions.Stop.
var ErrStopped = netcdf.ErrStopped

// Contents returns the file's metadata. The Contents belongs to the Reader;
// callers must not modify it.
func (r *Reader) Contents() *Contents { return &r.c }

// Close closes the file. It is safe to call more than once.
func (r *Reader) Close() error {
	if r == nil || r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	if err != nil {
		return &FormatError{Path: r.path, Msg: ncMsg(err), Err: err}
	}
	return nil
}

// ncMsg returns libnetcdf's message for a netcdf error, or err's text.
func ncMsg(err error) string {
	var ne *netcdf.Error
	if errors.As(err, &ne) {
		return ne.Msg
	}
	return err.Error()
}

// errf builds a *FormatError for this file.
func (r *Reader) errf(v string, kind error, format string, args ...any) error {
	return &FormatError{Path: r.path, Var: v, Msg: fmt.Sprintf(format, args...), Err: kind}
}

// ncErr wraps an error of the netcdf layer for variable v.
func (r *Reader) ncErr(v string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return err
	}
	return &FormatError{Path: r.path, Var: v, Msg: ncMsg(err), Err: err}
}

// dimLen returns the length of the named dimension, 0 if absent.
func (r *Reader) dimLen(name string) (int, bool) {
	d, ok := r.dims[name]
	if !ok {
		return 0, false
	}
	return d.Len, true
}

type vkind int

const (
	kReal vkind = iota
	kInt
	kChar
)

func (k vkind) accepts(t netcdf.Type) bool {
	switch k {
	case kChar:
		return t == netcdf.Char
	case kInt:
		return t.Numeric() && t != netcdf.Float && t != netcdf.Double
	}
	return t.Numeric()
}

func (k vkind) String() string {
	switch k {
	case kChar:
		return "text"
	case kInt:
		return "integer"
	}
	return "numeric"
}

// check looks up a variable and verifies its type and shape. It returns
// ok=false (and no error) when the variable is absent.
func (r *Reader) check(name string, k vkind, shape ...int) (bool, error) {
	vi, ok := r.vars[name]
	if !ok {
		return false, nil
	}
	if !k.accepts(vi.Type) {
		return false, r.errf(name, ErrShape, "has type %s, want %s", vi.Type, k)
	}
	if !slices.Equal(vi.Shape, shape) {
		return false, r.errf(name, ErrShape, "has shape %v, want %v", vi.Shape, shape)
	}
	return true, nil
}

// require is check for a variable that must exist.
func (r *Reader) require(name string, k vkind, shape ...int) error {
	ok, err := r.check(name, k, shape...)
	if err == nil && !ok {
		err = r.errf(name, ErrMissing, "variable is missing")
	}
	return err
}

// v returns the handle of a variable known to exist.
func (r *Reader) v(name string) (netcdf.Var, error) {
	if r.used == nil {
		r.used = map[string]bool{}
	}
	r.used[name] = true
	v, ok, err := r.f.Var(name)
	if err != nil {
		return v, r.ncErr(name, err)
	}
	if !ok {
		return v, r.errf(name, ErrMissing, "variable is missing")
	}
	return v, nil
}

// trimName cuts a fixed-width name at its first NUL and strips trailing
// spaces.
func trimName(b []byte) string {
	if i := slices.Index(b, 0); i >= 0 {
		b = b[:i]
	}
	return strings.TrimRight(string(b), " ")
}

// readStrings reads an (n, width) char array (or (n, a, width) flattened)
// into n*a strings. Absent arrays give empty strings.
func (r *Reader) readStrings(name string, lead ...int) ([]string, bool, error) {
	cnt := 1
	for _, l := range lead {
		cnt *= l
	}
	out := make([]string, cnt)
	vi, ok := r.vars[name]
	if !ok || cnt == 0 {
		return out, ok, nil
	}
	if len(vi.Shape) != len(lead)+1 || !slices.Equal(vi.Shape[:len(lead)], lead) || vi.Type != netcdf.Char {
		return nil, false, r.errf(name, ErrShape, "has shape %v of %s, want %v by a string length", vi.Shape, vi.Type, lead)
	}
	w := vi.Shape[len(lead)]
	if w == 0 {
		return out, true, nil
	}
	buf := make([]byte, cnt*w)
	v, err := r.v(name)
	if err != nil {
		return nil, false, err
	}
	if err := v.ReadBytes(buf); err != nil {
		return nil, false, r.ncErr(name, err)
	}
	for i := range out {
		if r.keepBytes {
			out[i] = string(bytes.TrimRight(buf[i*w:(i+1)*w], "\x00"))
			continue
		}
		out[i] = trimName(buf[i*w : (i+1)*w])
	}
	return out, true, nil
}

// readRecordStrings is readStrings for QA and info records, which are kept
// byte for byte: only the NUL padding at the end of each is removed (an
// embedded NUL and what follows it stay, as do trailing blanks).
func (r *Reader) readRecordStrings(name string, lead ...int) ([]string, bool, error) {
	r.keepBytes = true
	defer func() { r.keepBytes = false }()
	return r.readStrings(name, lead...)
}

// readInts reads a whole integer variable of n values (checked shape [n]).
func (r *Reader) readInts(name string, n int) ([]int64, error) {
	if err := r.require(name, kInt, n); err != nil {
		return nil, err
	}
	out := make([]int64, n)
	if n == 0 {
		return out, nil
	}
	v, err := r.v(name)
	if err != nil {
		return nil, err
	}
	if err := v.ReadInt64s(out); err != nil {
		return nil, r.ncErr(name, err)
	}
	return out, nil
}

// readAttrs reads the attributes of a variable ("" for global) into model
// attributes, skipping the names in skip and netCDF's reserved names.
func (r *Reader) readAttrs(name string, skip ...string) ([]meshobj.Attr, error) {
	return r.readAttrsOpt(name, false, skip...)
}

// readAttrsOpt is readAttrs; keepFill keeps _FillValue (for carried
// variables, which are written back as read).
func (r *Reader) readAttrsOpt(name string, keepFill bool, skip ...string) ([]meshobj.Attr, error) {
	var v netcdf.Var
	if name == "" {
		v = r.f.Global()
	} else {
		var err error
		if v, err = r.v(name); err != nil {
			return nil, err
		}
	}
	infos, err := v.Attrs()
	if err != nil {
		return nil, r.ncErr(name, err)
	}
	var out []meshobj.Attr
	for _, a := range infos {
		if slices.Contains(skip, a.Name) || (a.Name == attFillValue && !keepFill) || strings.HasPrefix(a.Name, "_NC") || strings.HasPrefix(a.Name, "_Netcdf") {
			continue
		}
		at := meshobj.Attr{Name: a.Name}
		lbl := name + ":" + a.Name
		switch {
		case a.Type == netcdf.String && a.Len != 1, a.Type > netcdf.String:
			// string arrays and netCDF-4 user-defined types have no model
			// form; they are skipped
			continue
		case a.Type == netcdf.Char || a.Type == netcdf.String:
			at.Type = meshobj.AttrChar
			if at.Text, err = v.AttrText(a.Name); err != nil {
				return nil, r.ncErr(lbl, err)
			}
		case a.Type == netcdf.Float || a.Type == netcdf.Double:
			at.Type = meshobj.AttrType(a.Type)
			if at.Floats, err = v.AttrFloat64s(a.Name); err != nil {
				return nil, r.ncErr(lbl, err)
			}
		case a.Type.Numeric():
			at.Type = meshobj.AttrType(a.Type)
			if at.Ints, err = v.AttrInt64s(a.Name); err != nil {
				return nil, r.ncErr(lbl, err)
			}
		default:
			continue
		}
		out = append(out, at)
	}
	return out, nil
}

// globalNum reads a scalar numeric global attribute (the first of names
// present); ok is false when none is.
func (r *Reader) globalNum(names ...string) (float64, bool, error) {
	g := r.f.Global()
	for _, n := range names {
		_, ok, err := g.Attr(n)
		if err != nil {
			return 0, false, r.ncErr(":"+n, err)
		}
		if !ok {
			continue
		}
		vals, err := g.AttrFloat64s(n)
		if err != nil {
			return 0, false, r.ncErr(":"+n, err)
		}
		if len(vals) != 1 {
			return 0, false, r.errf(":"+n, ErrShape, "attribute has %d values, want 1", len(vals))
		}
		return vals[0], true, nil
	}
	return 0, false, nil
}

// exodusGlobalAttrs are the global attributes the Exodus library owns; all
// others are carried as the model's user attributes.
var exodusGlobalAttrs = []string{attTitle, attAPIVersion, attAPIVersionOld, attVersion, attWordSize,
	attWordSizeOld, attFileSize, attMaxNameLength, attInt64Status}

// scan reads and validates the file's metadata.
func (r *Reader) scan() error {
	c := &r.c
	c.Path = r.path
	c.Format = Format(r.f.Format())
	dims, err := r.f.Dims()
	if err != nil {
		return r.ncErr("", err)
	}
	r.dims = make(map[string]netcdf.Dim, len(dims))
	for _, d := range dims {
		r.dims[d.Name] = d
	}
	vars, err := r.f.Vars()
	if err != nil {
		return r.ncErr("", err)
	}
	r.vars = make(map[string]netcdf.VarInfo, len(vars))
	for _, v := range vars {
		r.vars[v.Name] = v
		r.varOrder = append(r.varOrder, v.Name)
	}

	nd, ok := r.dimLen(dimNumDim)
	if !ok {
		return r.errf("", ErrNotExodus, "not an Exodus II file: it has no %s dimension", dimNumDim)
	}
	if nd < 1 || nd > 3 {
		return r.errf(dimNumDim, ErrRange, "spatial dimension is %d, want 1, 2 or 3", nd)
	}
	c.NumDim = nd
	if err := r.scanGlobals(); err != nil {
		return err
	}
	if err := r.guardSize(); err != nil {
		return err
	}
	c.NumNodes, _ = r.dimLen(dimNumNodes)
	c.NumElems, _ = r.dimLen(dimNumElem)
	if c.NumNodes > meshobj.MaxIndex {
		return r.errf(dimNumNodes, ErrUnsupported, "%d nodes exceed the %d a model can hold", c.NumNodes, meshobj.MaxIndex)
	}
	r.numTimes, _ = r.dimLen(dimTime)
	if err := r.scanCoords(); err != nil {
		return err
	}
	if err := r.scanTimes(); err != nil {
		return err
	}
	if err := r.scanBlocks(); err != nil {
		return err
	}
	if r.nsets, r.nsProps, err = r.scanSets(false); err != nil {
		return err
	}
	if r.ssets, r.ssProps, err = r.scanSets(true); err != nil {
		return err
	}
	c.NodeSets = setInfos(r.nsets)
	c.SideSets = setInfos(r.ssets)
	if err := r.scanMaps(); err != nil {
		return err
	}
	if err := r.scanVariables(); err != nil {
		return err
	}
	if err := r.scanAssemblies(); err != nil {
		return err
	}
	if err := r.scanRecords(); err != nil {
		return err
	}
	if err := r.scanControlPoints(); err != nil {
		return err
	}
	for i := range r.blocks {
		c.Blocks = append(c.Blocks, r.blocks[i].BlockInfo)
	}
	c.Ignored = r.ignored()
	c.NodeSets = setInfos(r.nsets)
	c.SideSets = setInfos(r.ssets)
	for i := range r.asms {
		c.Assemblies = append(c.Assemblies, r.asms[i].AssemblyInfo)
	}
	return nil
}

// ignored lists the features of the file the model does not carry.
func (r *Reader) ignored() []string {
	var out []string
	present := func(name string) bool {
		if prefix, ok := strings.CutSuffix(name, "*"); ok {
			for n := range r.dims {
				if strings.HasPrefix(n, prefix) {
					return true
				}
			}
			for n := range r.vars {
				if strings.HasPrefix(n, prefix) {
					return true
				}
			}
			return false
		}
		if d, ok := r.dims[name]; ok {
			return d.Len > 0
		}
		_, ok := r.vars[name]
		return ok
	}
	for _, f := range ignoredFeatures {
		if present(f.name) {
			out = append(out, f.what)
		}
	}
	return out
}

func setInfos(ms []setMeta) []SetInfo {
	out := make([]SetInfo, len(ms))
	for i := range ms {
		out[i] = ms[i].SetInfo
	}
	return out
}

func (r *Reader) scanGlobals() error {
	c := &r.c
	g := r.f.Global()
	_, ok, err := g.Attr(attTitle)
	if err != nil {
		return r.ncErr(":"+attTitle, err)
	}
	if ok {
		t, err := g.AttrText(attTitle)
		if err != nil {
			return r.ncErr(":"+attTitle, err)
		}
		c.Title = trimName([]byte(t))
		// The file has a title, even an empty one, which a round trip
		// keeps (exomerge writes "<no title supplied>" for it). Importing
		// into a model still treats an empty title as none.
		c.HasTitle = true
	}
	if v, ok, err := r.globalNum(attAPIVersion, attAPIVersionOld); err != nil {
		return err
	} else if ok {
		c.APIVersion = v
	}
	if v, ok, err := r.globalNum(attVersion); err != nil {
		return err
	} else if ok {
		c.Version = v
	}
	c.WordSize = 8
	if v, ok, err := r.globalNum(attWordSize, attWordSizeOld); err != nil {
		return err
	} else if ok {
		if v != 4 && v != 8 {
			return r.errf(":"+attWordSize, ErrRange, "floating-point word size is %v, want 4 or 8", v)
		}
		c.WordSize = int(v)
	}
	if v, ok, err := r.globalNum(attFileSize); err != nil {
		return err
	} else if ok {
		c.LargeModel = v != 0
	}
	if v, ok, err := r.globalNum(attMaxNameLength); err != nil {
		return err
	} else if ok {
		c.MaxNameLength = int(v)
	}
	if v, ok, err := r.globalNum(attInt64Status); err != nil {
		return err
	} else if ok {
		c.Int64Status = int(v)
	}
	r.globalAttrs, err = r.readAttrs("", exodusGlobalAttrs...)
	return err
}

// guardSize rejects a netCDF-4 file that declares vastly more data than it
// could plausibly hold, before any allocation sized by its dimensions.
// (Classic files were checked against their size by checkClassicLayout.)
func (r *Reader) guardSize() error {
	if !r.c.Format.isNetCDF4() {
		return nil
	}
	fi, err := os.Stat(r.path)
	if err != nil {
		return r.errf("", err, "%v", err)
	}
	limit := float64(fi.Size())*4096 + (1 << 30)
	total := 0.0
	for _, v := range r.vars {
		n := 8.0
		for _, s := range v.Shape {
			n *= float64(s)
		}
		total += n
	}
	if total > limit {
		return r.errf("", ErrRange, "declares %.0f bytes of data in a %d-byte file", total, fi.Size())
	}
	return nil
}

func (r *Reader) scanCoords() error {
	c := &r.c
	nn := c.NumNodes
	if nn == 0 {
		return nil
	}
	split := true
	for d := range c.NumDim {
		ok, err := r.check(coordVars[d], kReal, nn)
		if err != nil {
			return err
		}
		split = split && ok
	}
	if split {
		r.coordSplit = true
		return nil
	}
	ok, err := r.check(varCoord, kReal, c.NumDim, nn)
	if err != nil {
		return err
	}
	if !ok {
		return r.errf(coordVars[0], ErrMissing, "the file has %d nodes but no coordinates", nn)
	}
	return nil
}

func (r *Reader) scanTimes() error {
	nt := r.numTimes
	if nt == 0 {
		if _, ok := r.vars[varTime]; ok {
			if _, err := r.check(varTime, kReal, 0); err != nil {
				return err
			}
		}
		return nil
	}
	if err := r.require(varTime, kReal, nt); err != nil {
		return err
	}
	r.c.Times = make([]float64, nt)
	v, err := r.v(varTime)
	if err != nil {
		return err
	}
	return r.ncErr(varTime, v.ReadFloat64s(r.c.Times))
}

// readProps reads the id array and extra properties of an entity kind.
func (r *Reader) readProps(n int, propName func(int) string) ([]int64, propTable, error) {
	var pt propTable
	ids, err := r.readInts(propName(1), n)
	if err != nil {
		return nil, pt, err
	}
	for k := 2; ; k++ {
		name := propName(k)
		if _, ok := r.vars[name]; !ok {
			break
		}
		vals, err := r.readInts(name, n)
		if err != nil {
			return nil, pt, err
		}
		pname := ""
		if v, err := r.v(name); err != nil {
			return nil, pt, err
		} else if _, ok, err := v.Attr(attPropName); err != nil {
			return nil, pt, r.ncErr(name, err)
		} else if ok {
			t, err := v.AttrText(attPropName)
			if err != nil {
				return nil, pt, r.ncErr(name+":"+attPropName, err)
			}
			pname = trimName([]byte(t))
		}
		pt.names = append(pt.names, pname)
		pt.values = append(pt.values, vals)
	}
	return ids, pt, nil
}

// readStatus reads a status array; absent means all present.
func (r *Reader) readStatus(name string, n int) ([]int64, error) {
	if _, ok := r.vars[name]; !ok {
		st := make([]int64, n)
		for i := range st {
			st[i] = 1
		}
		return st, nil
	}
	return r.readInts(name, n)
}

func checkUniqueIDs(r *Reader, v, what string, ids []int64) error {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return r.errf(v, ErrRange, "%s id %d is used twice", what, id)
		}
		seen[id] = true
	}
	return nil
}

func (r *Reader) scanBlocks() error {
	c := &r.c
	nb, _ := r.dimLen(dimNumElBlk)
	if nb == 0 {
		if c.NumElems != 0 {
			return r.errf(dimNumElem, ErrRange, "the file has %d elements but no element blocks", c.NumElems)
		}
		r.elemOff = []int{0}
		return nil
	}
	ids, props, err := r.readProps(nb, varEBProp)
	if err != nil {
		return err
	}
	if err := checkUniqueIDs(r, varEBProp(1), "element block", ids); err != nil {
		return err
	}
	r.blockProps = props
	status, err := r.readStatus(varEBStatus, nb)
	if err != nil {
		return err
	}
	names, _, err := r.readStrings(varEBNames, nb)
	if err != nil {
		return err
	}
	r.blocks = make([]blockMeta, nb)
	r.elemOff = make([]int, nb+1)
	for i := range r.blocks {
		slot := i + 1
		b := &r.blocks[i]
		b.slot = slot
		b.ID = ids[i]
		b.Name = names[i]
		ne, hasNE := r.dimLen(dimNumElInBlk(slot))
		conn := varConnect(slot)
		if status[i] != 0 && hasNE && ne > 0 {
			if _, ok := r.vars[num("ebepecnt", slot)]; ok {
				return r.errf(conn, ErrUnsupported, "element block %d is an nsided/nfaced block, which exosh does not support", b.ID)
			}
			npe, ok := r.dimLen(dimNumNodPerEl(slot))
			if !ok {
				return r.errf(dimNumNodPerEl(slot), ErrMissing, "element block %d has no nodes-per-element dimension", b.ID)
			}
			if ne > meshobj.MaxIndex {
				return r.errf(dimNumElInBlk(slot), ErrUnsupported, "element block %d has %d elements, more than a model holds", b.ID, ne)
			}
			if err := r.require(conn, kInt, ne, npe); err != nil {
				return err
			}
			v, err := r.v(conn)
			if err != nil {
				return err
			}
			if _, ok, err := v.Attr(attElemType); err != nil {
				return r.ncErr(conn, err)
			} else if ok {
				t, err := v.AttrText(attElemType)
				if err != nil {
					return r.ncErr(conn+":"+attElemType, err)
				}
				b.Type = trimName([]byte(t))
			}
			b.present = true
			b.NumElems = ne
			b.NodesPerElem = npe
			if na, ok := r.dimLen(dimNumAttInBlk(slot)); ok && na > 0 {
				if err := r.require(varAttrib(slot), kReal, ne, na); err != nil {
					return err
				}
				b.NumAttr = na
			}
		} else {
			// A NULL block: libexodus reports its topology as "NULL".
			b.Type = "NULL"
		}
		r.elemOff[slot] = r.elemOff[i] + b.NumElems
	}
	if total := r.elemOff[nb]; total != c.NumElems {
		return r.errf(dimNumElem, ErrRange, "the blocks hold %d elements, %s says %d", total, dimNumElem, c.NumElems)
	}
	return nil
}

func (r *Reader) scanSets(side bool) ([]setMeta, propTable, error) {
	var pt propTable
	dimN, statusV, namesV, prop := dimNumNS, varNSStatus, varNSNames, varNSProp
	what := "node set"
	if side {
		dimN, statusV, namesV, prop = dimNumSS, varSSStatus, varSSNames, varSSProp
		what = "side set"
	}
	n, _ := r.dimLen(dimN)
	if n == 0 {
		return nil, pt, nil
	}
	ids, pt, err := r.readProps(n, prop)
	if err != nil {
		return nil, pt, err
	}
	if err := checkUniqueIDs(r, prop(1), what, ids); err != nil {
		return nil, pt, err
	}
	status, err := r.readStatus(statusV, n)
	if err != nil {
		return nil, pt, err
	}
	names, _, err := r.readStrings(namesV, n)
	if err != nil {
		return nil, pt, err
	}
	sets := make([]setMeta, n)
	for i := range sets {
		slot := i + 1
		s := &sets[i]
		s.slot = slot
		s.ID = ids[i]
		s.Name = names[i]
		var cnt int
		var ok bool
		if side {
			cnt, ok = r.dimLen(dimNumSideSS(slot))
		} else {
			cnt, ok = r.dimLen(dimNumNodNS(slot))
		}
		if status[i] == 0 || !ok || cnt == 0 {
			continue
		}
		if cnt > meshobj.MaxIndex {
			return nil, pt, r.errf("", ErrUnsupported, "%s %d has %d members, more than a model holds", what, s.ID, cnt)
		}
		s.present = true
		s.NumMembers = cnt
		if side {
			if err := r.require(varElemSS(slot), kInt, cnt); err != nil {
				return nil, pt, err
			}
			if err := r.require(varSideSS(slot), kInt, cnt); err != nil {
				return nil, pt, err
			}
			if vi, ok := r.vars[varDistFactSS(slot)]; ok {
				if len(vi.Shape) != 1 || !kReal.accepts(vi.Type) {
					return nil, pt, r.errf(varDistFactSS(slot), ErrShape, "has shape %v of %s, want one real dimension", vi.Shape, vi.Type)
				}
				s.hasDF = true
				s.NumDistFactors = vi.Shape[0]
			}
		} else {
			if err := r.require(varNodeNS(slot), kInt, cnt); err != nil {
				return nil, pt, err
			}
			ok, err := r.check(varDistFactNS(slot), kReal, cnt)
			if err != nil {
				return nil, pt, err
			}
			if ok {
				s.hasDF = true
				s.NumDistFactors = cnt
			}
		}
	}
	return sets, pt, nil
}

func (r *Reader) scanMaps() error {
	c := &r.c
	if c.NumNodes > 0 {
		ok, err := r.check(varNodeNumMap, kInt, c.NumNodes)
		if err != nil {
			return err
		}
		c.HasNodeMap = ok
	}
	if c.NumElems > 0 {
		ok, err := r.check(varElemNumMap, kInt, c.NumElems)
		if err != nil {
			return err
		}
		c.HasElemMap = ok
	}
	return nil
}

// readTruth reads a truth table (rows entities, columns variables), or
// derives it from which value arrays exist when the table is absent.
func (r *Reader) readTruth(tab string, rows, cols int, exists func(row, col int) bool) ([][]bool, error) {
	out := make([][]bool, rows)
	for i := range out {
		out[i] = make([]bool, cols)
	}
	if rows == 0 || cols == 0 {
		return out, nil
	}
	if vi, ok := r.vars[tab]; ok {
		if !kInt.accepts(vi.Type) {
			return nil, r.errf(tab, ErrShape, "truth table has type %s, want integer", vi.Type)
		}
		if !slices.Equal(vi.Shape, []int{rows, cols}) {
			return nil, r.errf(tab, ErrShape, "truth table has shape %v, want [%d %d] (entities x variables)", vi.Shape, rows, cols)
		}
		flat := make([]int32, rows*cols)
		v, err := r.v(tab)
		if err != nil {
			return nil, err
		}
		if err := v.ReadInt32s(flat); err != nil {
			return nil, r.ncErr(tab, err)
		}
		for i := range rows {
			for j := range cols {
				out[i][j] = flat[i*cols+j] != 0
			}
		}
		return out, nil
	}
	for i := range rows {
		for j := range cols {
			out[i][j] = exists(i, j)
		}
	}
	return out, nil
}

// uniqueNames rejects a variable-name list that names one variable twice:
// the model identifies variables by name.
func (r *Reader) uniqueNames(v string, names []string) error {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if seen[n] {
			return r.errf(v, ErrRange, "variable name %q is used twice", n)
		}
		seen[n] = true
	}
	return nil
}

func (r *Reader) scanVariables() error {
	c := &r.c
	nt := r.numTimes
	var err error
	// global
	if n, _ := r.dimLen(dimNumGloVar); n > 0 {
		if c.GlobalVarNames, _, err = r.readStrings(varNameGloVar, n); err != nil {
			return err
		}
		if err := r.uniqueNames(varNameGloVar, c.GlobalVarNames); err != nil {
			return err
		}
		if err := r.require(varValsGloVar, kReal, nt, n); err != nil {
			return err
		}
	}
	// nodal
	if n, _ := r.dimLen(dimNumNodVar); n > 0 {
		if c.NodeFieldNames, _, err = r.readStrings(varNameNodVar, n); err != nil {
			return err
		}
		if err := r.uniqueNames(varNameNodVar, c.NodeFieldNames); err != nil {
			return err
		}
		if nn := c.NumNodes; nn > 0 {
			if _, ok := r.vars[varValsNodOld]; ok {
				if err := r.require(varValsNodOld, kReal, nt, n, nn); err != nil {
					return err
				}
				r.nodVarOld = true
			} else {
				for k := 1; k <= n; k++ {
					if err := r.require(varValsNodVar(k), kReal, nt, nn); err != nil {
						return err
					}
				}
			}
		}
	}
	// element
	if n, _ := r.dimLen(dimNumElemVar); n > 0 {
		if c.ElemFieldNames, _, err = r.readStrings(varNameElemVar, n); err != nil {
			return err
		}
		if err := r.uniqueNames(varNameElemVar, c.ElemFieldNames); err != nil {
			return err
		}
		tab, err := r.readTruth(varElemVarTab, len(r.blocks), n, func(i, j int) bool {
			_, ok := r.vars[varValsElemVar(j+1, i+1)]
			return ok
		})
		if err != nil {
			return err
		}
		for i := range r.blocks {
			b := &r.blocks[i]
			b.fields = make([]bool, n)
			for j := range n {
				if !tab[i][j] || !b.present {
					continue
				}
				if err := r.require(varValsElemVar(j+1, b.slot), kReal, nt, b.NumElems); err != nil {
					return err
				}
				b.fields[j] = true
				b.FieldNames = append(b.FieldNames, c.ElemFieldNames[j])
			}
		}
	}
	// node-set and side-set variables
	for _, side := range []bool{false, true} {
		dimN, nameV, tabV, sets, vals := dimNumNSetVar, varNameNSetVar, varNSetVarTab, r.nsets, varValsNSetVar
		names := &c.NodeSetFieldNames
		if side {
			dimN, nameV, tabV, sets, vals = dimNumSSetVar, varNameSSetVar, varSSetVarTab, r.ssets, varValsSSetVar
			names = &c.SideSetFieldNames
		}
		n, _ := r.dimLen(dimN)
		if n == 0 {
			continue
		}
		if *names, _, err = r.readStrings(nameV, n); err != nil {
			return err
		}
		if err := r.uniqueNames(nameV, *names); err != nil {
			return err
		}
		tab, err := r.readTruth(tabV, len(sets), n, func(i, j int) bool {
			_, ok := r.vars[vals(j+1, i+1)]
			return ok
		})
		if err != nil {
			return err
		}
		for i := range sets {
			s := &sets[i]
			s.fields = make([]bool, n)
			for j := range n {
				if !tab[i][j] || !s.present {
					continue
				}
				if err := r.require(vals(j+1, s.slot), kReal, nt, s.NumMembers); err != nil {
					return err
				}
				s.fields[j] = true
				s.FieldNames = append(s.FieldNames, (*names)[j])
			}
		}
	}
	// reduction variables
	c.RedVarNames = map[meshobj.EntityKind][]string{}
	type redEnt struct {
		kind  meshobj.EntityKind
		rk    redKind
		count int
		mark  func(i int)
	}
	ents := []redEnt{
		{meshobj.KindBlock, redBlock, len(r.blocks), func(i int) { r.blocks[i].red = true }},
		{meshobj.KindNodeSet, redNodeSet, len(r.nsets), func(i int) { r.nsets[i].red = true }},
		{meshobj.KindSideSet, redSideSet, len(r.ssets), func(i int) { r.ssets[i].red = true }},
	}
	for _, e := range ents {
		n, _ := r.dimLen(e.rk.dim)
		if n == 0 {
			continue
		}
		names, _, err := r.readStrings(e.rk.names, n)
		if err != nil {
			return err
		}
		c.RedVarNames[e.kind] = names
		for i := range e.count {
			ok, err := r.check(e.rk.vals(int64(i+1)), kReal, nt, n)
			if err != nil {
				return err
			}
			if ok {
				e.mark(i)
			}
		}
	}
	if n, _ := r.dimLen(redAssembly.dim); n > 0 {
		names, _, err := r.readStrings(redAssembly.names, n)
		if err != nil {
			return err
		}
		c.RedVarNames[meshobj.KindAssembly] = names
	}
	return nil
}

func (r *Reader) scanAssemblies() error {
	var names []string // in definition order
	for _, name := range r.varOrder {
		if strings.HasPrefix(name, prefixAssemblyEntity) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	nred, _ := r.dimLen(redAssembly.dim)
	seen := map[int64]bool{}
	for _, name := range names {
		vi := r.vars[name]
		if len(vi.Shape) != 1 || !kInt.accepts(vi.Type) {
			return r.errf(name, ErrShape, "assembly has shape %v of %s, want one integer dimension", vi.Shape, vi.Type)
		}
		v, err := r.v(name)
		if err != nil {
			return err
		}
		a := asmMeta{}
		a.NumMembers = vi.Shape[0]
		ids, err := v.AttrInt64s(attAssemblyID)
		if err != nil || len(ids) != 1 {
			return r.errf(name, ErrMissing, "assembly has no valid %s attribute", attAssemblyID)
		}
		a.ID = ids[0]
		if varAssemblyEntity(a.ID) != name {
			return r.errf(name, ErrRange, "assembly id %d does not match the variable name", a.ID)
		}
		if seen[a.ID] {
			return r.errf(name, ErrRange, "assembly id %d is used twice", a.ID)
		}
		seen[a.ID] = true
		if ty, err := v.AttrInt64s(attAssemblyType); err == nil && len(ty) == 1 && ty[0] >= math.MinInt32 && ty[0] <= math.MaxInt32 {
			a.Type = int32(ty[0])
		} else {
			return r.errf(name, ErrMissing, "assembly has no valid %s attribute", attAssemblyType)
		}
		if _, ok, _ := v.Attr(attAssemblyName); ok {
			t, err := v.AttrText(attAssemblyName)
			if err != nil {
				return r.ncErr(name+":"+attAssemblyName, err)
			}
			a.Name = trimName([]byte(t))
		}
		if _, ok, _ := v.Attr(attAssemblyTyName); ok {
			t, err := v.AttrText(attAssemblyTyName)
			if err != nil {
				return r.ncErr(name+":"+attAssemblyTyName, err)
			}
			a.typeName = trimName([]byte(t))
		}
		if a.attrs, err = r.readAttrs(name, attAssemblyID, attAssemblyName, attAssemblyType, attAssemblyTyName); err != nil {
			return err
		}
		if nred > 0 {
			ok, err := r.check(redAssembly.vals(a.ID), kReal, r.numTimes, nred)
			if err != nil {
				return err
			}
			a.red = ok
		}
		r.asms = append(r.asms, a)
	}
	return nil
}

func (r *Reader) scanRecords() error {
	c := &r.c
	if n, _ := r.dimLen(dimNumQA); n > 0 {
		vi, ok := r.vars[varQA]
		if ok && (len(vi.Shape) != 3 || vi.Shape[0] != n || vi.Shape[1] != 4 || vi.Type != netcdf.Char) {
			return r.errf(varQA, ErrShape, "has shape %v of %s, want [%d 4 len_string] text", vi.Shape, vi.Type, n)
		}
		if ok {
			c.NumQA = n
		}
	}
	if n, _ := r.dimLen(dimNumInfo); n > 0 {
		vi, ok := r.vars[varInfo]
		if ok && (len(vi.Shape) != 2 || vi.Shape[0] != n || vi.Type != netcdf.Char) {
			return r.errf(varInfo, ErrShape, "has shape %v of %s, want [%d len_line] text", vi.Shape, vi.Type, n)
		}
		if ok {
			c.NumInfo = n
		}
	}
	if _, ok := r.vars[varCoorNames]; ok {
		vi := r.vars[varCoorNames]
		if len(vi.Shape) != 2 || vi.Shape[0] != c.NumDim || vi.Type != netcdf.Char {
			return r.errf(varCoorNames, ErrShape, "has shape %v of %s, want [%d name-length] text", vi.Shape, vi.Type, c.NumDim)
		}
	}
	return nil
}
