package exodus

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// WriteOptions chooses the on-disk form of a written file. The zero value
// (or a nil *WriteOptions) gives what current libexodus writes by default.
type WriteOptions struct {
	// Format is the netCDF container; FormatDefault means Offset64 (CDF-2),
	// or NetCDF4 when 64-bit integers are needed.
	Format Format
	// WordSize is the size of real data on disk: 8 (double, the default
	// when 0) or 4 (float).
	WordSize int
	// Int64 stores ids, maps and bulk integer data (connectivity, set
	// members) as 64-bit integers. It needs CDF5 or NetCDF4; with
	// FormatDefault it selects NetCDF4, as libexodus does. Without it,
	// 64-bit integers are still used for ids or maps that do not fit 32 bits.
	Int64 bool
	// Compression is the zlib level 0..9 applied, with the shuffle filter,
	// to bulk data. It needs a netCDF-4 format.
	Compression int
	// NameLength is the longest name the file can hold (len_name is one
	// more): 0 means 255, libexodus's default; 32 gives the classic width.
	// Longer names are cut.
	NameLength int

	// Progress, when set, is called on the writing goroutine as the data
	// goes out, with the values written so far and the total; the last call
	// has done == total.
	Progress func(done, total int64)

	// Stop, when set, makes Write give up soon after it is closed, with an
	// error matching ErrStopped: the data go out in pieces of a few
	// million values and Stop is checked before each. The temporary file
	// is removed and an existing file at path is left untouched, as for
	// any error.
	Stop <-chan struct{}

	// failAfter, for tests, makes Write fail right after writing the data of
	// the named variable.
	failAfter string
	// noDirect, for tests, has libnetcdf write all data of a classic file
	// (see writer.write).
	noDirect bool
}

// writer holds the state of one Write.
type writer struct {
	path string // file being written (the temporary file)
	f    *netcdf.File
	m    *meshobj.Model
	o    WriteOptions
	// total is the number of values to write, for Progress.
	total int64

	realT, idT, mapT, bulkT netcdf.Type
	i64status               int
	nameLen                 int // len_name

	nt, nn    int
	dims      map[string]netcdf.Dim
	elemOff   map[int64]int // block id -> 0-based offset of its first element
	blockByID map[int64]*meshobj.ElementBlock

	elemVars, nsVars, ssVars []string
	puts                     []putOp   // data writes, run after EndDef
	f32                      []float32 // conversion buffer for WordSize 4

	// direct, while the bulk data of a classic file is written, is that
	// file reopened for direct writes (see write); out routes puts to it.
	direct *netcdf.Direct
	onXfer func(n int) // the progress hook of the transfers, if any
}

// Write stores m as an Exodus II file at path, atomically: the data go to a
// temporary file in the same directory, which is synced and renamed over
// path only when complete. On any error the temporary file is removed and an
// existing file at path is left untouched. The model is validated first
// (meshobj's invariants plus what Exodus can store); Write never modifies m.
// QA records are written exactly as m.QARecords holds them.
func Write(path string, m *meshobj.Model, opts *WriteOptions) error {
	if m == nil {
		return &FormatError{Path: path, Msg: "nil model", Err: ErrModel}
	}
	var o WriteOptions
	if opts != nil {
		o = *opts
	}
	w := &writer{m: m, o: o, path: path}
	if err := w.plan(); err != nil {
		return err
	}
	return writeAtomic(path, func(tmp string) error {
		w.path = tmp
		err := w.write(tmp)
		var fe *FormatError
		if errors.As(err, &fe) && fe.Path == tmp {
			fe.Path = path
		}
		return err
	})
}

func (w *writer) errf(v string, format string, args ...any) error {
	return &FormatError{Path: w.path, Var: v, Msg: fmt.Sprintf(format, args...), Err: ErrModel}
}

func (w *writer) ncErr(v string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return err
	}
	return &FormatError{Path: w.path, Var: v, Msg: ncMsg(err), Err: err}
}

func fitsInt32(x int64) bool { return x >= math.MinInt32 && x <= math.MaxInt32 }

// plan validates the model and options and works out types and variable
// lists, before any file is touched.
func (w *writer) plan() error {
	m, o := w.m, &w.o
	if err := m.Validate(); err != nil {
		return &FormatError{Path: w.path, Msg: "invalid model: " + err.Error(), Err: ErrModel}
	}
	switch o.WordSize {
	case 0, 8:
		w.realT = netcdf.Double
		o.WordSize = 8
	case 4:
		w.realT = netcdf.Float
	default:
		return w.errf("", "word size %d, want 4 or 8", o.WordSize)
	}
	switch {
	case o.NameLength == 0:
		w.nameLen = defaultNameLen
	case o.NameLength >= 1 && o.NameLength < defaultNameLen:
		w.nameLen = o.NameLength + 1
	default:
		return w.errf("", "name length %d, want 1..%d", o.NameLength, defaultNameLen-1)
	}
	if o.Compression < 0 || o.Compression > 9 {
		return w.errf("", "compression level %d, want 0..9", o.Compression)
	}
	w.nt = len(m.Timesteps)
	w.nn = m.NumNodes()

	// integer widths
	st := 0
	if o.Int64 {
		st = int64All
	}
	ids := []int64{}
	for _, b := range m.Blocks {
		ids = append(ids, b.ID)
		for _, p := range b.Props {
			ids = append(ids, p.Value)
		}
	}
	for _, s := range m.NodeSets {
		ids = append(ids, s.ID)
		for _, p := range s.Props {
			ids = append(ids, p.Value)
		}
	}
	for _, s := range m.SideSets {
		ids = append(ids, s.ID)
		for _, p := range s.Props {
			ids = append(ids, p.Value)
		}
	}
	for _, a := range m.Assemblies {
		ids = append(ids, a.ID)
		ids = append(ids, a.Members...)
	}
	for _, x := range ids {
		if !fitsInt32(x) {
			st |= int64IDs
			break
		}
	}
	maps := [][]int64{m.NodeIDs}
	for _, b := range m.Blocks {
		maps = append(maps, b.ElemIDs)
	}
mapsLoop:
	for _, mp := range maps {
		for _, x := range mp {
			if !fitsInt32(x) {
				st |= int64Maps
				break mapsLoop
			}
		}
	}
	if m.NumElems() > math.MaxInt32 {
		st |= int64Bulk
	}
	w.i64status = st
	if o.Format == FormatDefault {
		o.Format = Offset64
		if st != 0 {
			o.Format = NetCDF4
		}
	}
	switch o.Format {
	case Classic, Offset64, CDF5, NetCDF4, NetCDF4Classic:
	default:
		return w.errf("", "unknown format %d", int(o.Format))
	}
	if st != 0 && !o.Format.int64Capable() {
		what := "ids and maps need"
		if o.Int64 {
			what = "Int64 needs"
		}
		return w.errf("", "%s 64-bit integers, which the %s format cannot store; use CDF5 or NetCDF4", what, o.Format)
	}
	if o.Compression > 0 && !o.Format.isNetCDF4() {
		return w.errf("", "compression needs a netCDF-4 format, not %s", o.Format)
	}
	w.idT, w.mapT, w.bulkT = netcdf.Int, netcdf.Int, netcdf.Int
	if st&int64IDs != 0 {
		w.idT = netcdf.Int64
	}
	if st&int64Maps != 0 {
		w.mapT = netcdf.Int64
	}
	if st&int64Bulk != 0 {
		w.bulkT = netcdf.Int64
	}

	// blocks and side sets
	w.elemOff = map[int64]int{}
	w.blockByID = map[int64]*meshobj.ElementBlock{}
	off := 0
	for _, b := range m.Blocks {
		w.elemOff[b.ID] = off
		w.blockByID[b.ID] = b
		off += b.NumElems
		if b.NumElems > 0 && b.NodesPerElem <= 0 {
			return w.errf("", "element block %d has %d elements of %d nodes", b.ID, b.NumElems, b.NodesPerElem)
		}
		if err := w.checkRed(fmt.Sprintf("element block %d", b.ID), b.RedValues, meshobj.KindBlock); err != nil {
			return err
		}
		if err := checkAttrs(w, fmt.Sprintf("element block %d", b.ID), b.Attrs, attElemType); err != nil {
			return err
		}
	}
	for _, s := range m.SideSets {
		for i, side := range s.Sides {
			b := w.blockByID[s.BlockIDs[i]]
			if n := sideCount(b.Type, b.NodesPerElem, m.NumDim); n > 0 && int(side) >= n {
				return w.errf("", "side set %d: member %d has side index %d, but a %s element has %d sides", s.ID, i, side, b.Type, n)
			}
		}
		if err := w.checkRed(fmt.Sprintf("side set %d", s.ID), s.RedValues, meshobj.KindSideSet); err != nil {
			return err
		}
		if err := checkAttrs(w, fmt.Sprintf("side set %d", s.ID), s.Attrs); err != nil {
			return err
		}
	}
	for _, s := range m.NodeSets {
		if err := w.checkRed(fmt.Sprintf("node set %d", s.ID), s.RedValues, meshobj.KindNodeSet); err != nil {
			return err
		}
		if err := checkAttrs(w, fmt.Sprintf("node set %d", s.ID), s.Attrs); err != nil {
			return err
		}
	}
	seen := map[int64]bool{}
	for _, a := range m.Assemblies {
		if seen[a.ID] {
			return w.errf("", "assembly id %d is used twice", a.ID)
		}
		seen[a.ID] = true
		if len(a.Members) == 0 {
			return w.errf("", "assembly %d has no members; Exodus cannot store an empty assembly", a.ID)
		}
		if err := w.checkRed(fmt.Sprintf("assembly %d", a.ID), a.RedValues, meshobj.KindAssembly); err != nil {
			return err
		}
		if err := checkAttrs(w, fmt.Sprintf("assembly %d", a.ID), a.Attrs, attAssemblyID, attAssemblyName, attAssemblyType, attAssemblyTyName); err != nil {
			return err
		}
	}
	if err := checkAttrs(w, "the model", m.Attrs, exodusGlobalAttrs...); err != nil {
		return err
	}
	for k := range m.RedVarNames {
		switch k {
		case meshobj.KindBlock, meshobj.KindNodeSet, meshobj.KindSideSet, meshobj.KindAssembly:
		default:
			return w.errf("", "reduction variables of unknown entity kind %q", k)
		}
	}

	// variable name lists: each entity's fields keep their order
	var lists [][]string
	for _, b := range m.Blocks {
		lists = append(lists, meshobj.FieldNames(b.Fields))
	}
	w.elemVars = withOrder(m.ElemFieldOrder, mergeOrder(lists))
	lists = lists[:0]
	for _, s := range m.NodeSets {
		lists = append(lists, meshobj.FieldNames(s.Fields))
	}
	w.nsVars = withOrder(m.NodeSetFieldOrder, mergeOrder(lists))
	lists = lists[:0]
	for _, s := range m.SideSets {
		lists = append(lists, meshobj.FieldNames(s.Fields))
	}
	w.ssVars = withOrder(m.SideSetFieldOrder, mergeOrder(lists))
	return nil
}

// checkRed verifies reduction values against the model's timesteps and the
// kind's variable names.
func (w *writer) checkRed(what string, vals [][]float64, kind meshobj.EntityKind) error {
	if vals == nil {
		return nil
	}
	n := len(w.m.RedVarNames[kind])
	if len(vals) != w.nt {
		return w.errf("", "%s has reduction values for %d timesteps, the model has %d", what, len(vals), w.nt)
	}
	for t, row := range vals {
		if len(row) != n {
			return w.errf("", "%s has %d reduction values at timestep %d, the model has %d %s reduction variables", what, len(row), t, n, kind)
		}
	}
	return nil
}

// checkAttrs verifies user attributes: consistent types and no names the
// Exodus layer owns.
func checkAttrs(w *writer, what string, attrs []meshobj.Attr, reserved ...string) error {
	seen := map[string]bool{}
	for _, a := range attrs {
		if a.Name == "" || a.Name == attFillValue || slices.Contains(reserved, a.Name) {
			return w.errf("", "%s: attribute name %q is reserved", what, a.Name)
		}
		if seen[a.Name] {
			return w.errf("", "%s: attribute %q is defined twice", what, a.Name)
		}
		seen[a.Name] = true
		switch a.Type {
		case meshobj.AttrChar:
		case meshobj.AttrFloat, meshobj.AttrDouble:
		case meshobj.AttrByte, meshobj.AttrShort, meshobj.AttrInt, meshobj.AttrUByte, meshobj.AttrUShort,
			meshobj.AttrUInt, meshobj.AttrInt64, meshobj.AttrUInt64:
			if a.Type >= meshobj.AttrUByte && !w.o.Format.int64Capable() {
				return w.errf("", "%s: attribute %q of type %s needs the CDF5 or NetCDF4 format", what, a.Name, netcdf.Type(a.Type))
			}
		default:
			return w.errf("", "%s: attribute %q has unknown type %d", what, a.Name, a.Type)
		}
	}
	return nil
}

// mergeOrder merges name lists into one list in which every input list
// keeps its relative order (a stable topological merge: among names free to
// come next, the one seen earliest wins). Inconsistent orders are resolved
// by first appearance.
func mergeOrder(lists [][]string) []string {
	rank := map[string]int{}
	var names []string
	for _, l := range lists {
		for _, n := range l {
			if _, ok := rank[n]; !ok {
				rank[n] = len(names)
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	succ := make([][]int, len(names))
	indeg := make([]int, len(names))
	edge := map[[2]int]bool{}
	for _, l := range lists {
		for i := 1; i < len(l); i++ {
			a, b := rank[l[i-1]], rank[l[i]]
			if a == b || edge[[2]int{a, b}] {
				continue
			}
			edge[[2]int{a, b}] = true
			succ[a] = append(succ[a], b)
			indeg[b]++
		}
	}
	out := make([]string, 0, len(names))
	done := make([]bool, len(names))
	for len(out) < len(names) {
		pick := -1
		for i := range names {
			if !done[i] && indeg[i] == 0 {
				pick = i
				break
			}
		}
		if pick < 0 { // cycle: take the earliest remaining
			for i := range names {
				if !done[i] {
					pick = i
					break
				}
			}
		}
		done[pick] = true
		out = append(out, names[pick])
		for _, s := range succ[pick] {
			indeg[s]--
		}
	}
	return out
}

// withOrder lists the names of order (the file's order, including names
// no entity carries), then the other names of rest in their order.
func withOrder(order, rest []string) []string {
	if len(order) == 0 {
		return rest
	}
	out := slices.Clone(order)
	for _, n := range rest {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s[max(0, len(s)-utf8.UTFMax):]) {
		s = s[:len(s)-1]
	}
	return s
}

// maxNameLen returns the longest name the model stores, after cutting.
func (w *writer) maxNameLen() int {
	m := w.m
	lim := w.nameLen - 1
	best := 0
	see := func(names ...string) {
		for _, n := range names {
			best = max(best, len(cut(n, lim)))
		}
	}
	see(m.CoordNames...)
	for _, b := range m.Blocks {
		see(b.Name)
		see(b.AttrNames...)
		for _, p := range b.Props {
			see(p.Name)
		}
	}
	for _, s := range m.NodeSets {
		see(s.Name)
		for _, p := range s.Props {
			see(p.Name)
		}
	}
	for _, s := range m.SideSets {
		see(s.Name)
		for _, p := range s.Props {
			see(p.Name)
		}
	}
	for _, a := range m.Assemblies {
		see(a.Name)
	}
	for _, f := range m.NodeFields {
		see(f.Name)
	}
	for _, g := range m.GlobalVars {
		see(g.Name)
	}
	see(w.elemVars...)
	see(w.nsVars...)
	see(w.ssVars...)
	for _, names := range m.RedVarNames {
		see(names...)
	}
	return best
}
