package exodus

import (
	"fmt"
	"os"

	"exosh/exodus/internal/netcdf"
	"exosh/meshobj"
)

// errInjected is the failure WriteOptions.failAfter provokes in tests.
var errInjected = fmt.Errorf("injected failure")

type putOp struct {
	name string
	fn   func() error
	bulk bool // bulk data, written directly to a classic file (see write)
}

// write creates the netCDF file, defines everything, then writes the data.
//
// For a classic-format file (the Exodus default is 64-bit offset) the data
// go in two phases: libnetcdf writes the small variables, the time values
// among them (which set the record count), and closes the file; then the
// bulk arrays (coordinates, maps, connectivity, sets, field values) are
// written straight to their places in the file with netcdf.Direct, in
// parallel pieces. libnetcdf moves them in one thread and reads every
// 1 MiB block of the file back before writing it: for the 153 MB file of
// the 512k-element chain of scripts/bench/chain.star its writes took
// 0.20 s, the direct ones 0.10 s (most of it the kernel taking fresh page
// cache pages), and the whole export 0.20-0.29 s before, 0.155-0.17 s
// after. The files are identical byte for byte (TestDirectWriteIdentical).
// netCDF-4 files are written by libnetcdf alone.
func (w *writer) write(tmp string) (err error) {
	f, err := netcdf.Create(tmp, netcdf.Format(w.o.Format))
	if err != nil {
		return w.ncErr("", err)
	}
	w.f = f
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = w.ncErr("", cerr)
		}
	}()
	w.dims = map[string]netcdf.Dim{}
	if err := w.define(); err != nil {
		return err
	}
	if err := f.EndDef(); err != nil {
		return w.ncErr("", err)
	}
	if w.o.Progress != nil {
		w.trackProgress()
	}
	f.SetStop(w.o.Stop)
	kick, stop := w.writeback(tmp)
	defer stop()
	direct := !w.o.Format.isNetCDF4() && !w.o.noDirect
	run := func(bulk bool) error {
		for _, p := range w.puts {
			if p.bulk != bulk {
				continue
			}
			if err := p.fn(); err != nil {
				return w.ncErr(p.name, err)
			}
			kick()
			if w.o.failAfter != "" && p.name == w.o.failAfter {
				return &FormatError{Path: w.path, Var: p.name, Msg: errInjected.Error(), Err: errInjected}
			}
		}
		return nil
	}
	if err := run(false); err != nil {
		return err
	}
	if direct {
		if err := f.Close(); err != nil {
			return w.ncErr("", err)
		}
		d, err := netcdf.OpenDirect(tmp)
		if err != nil {
			return w.ncErr("", err)
		}
		defer func() {
			if cerr := d.Close(); err == nil && cerr != nil {
				err = w.ncErr("", cerr)
			}
		}()
		d.SetStop(w.o.Stop)
		d.OnTransfer(w.onXfer)
		w.direct = d
		defer func() { w.direct = nil }()
	}
	if err := run(true); err != nil {
		return err
	}
	if w.o.Progress != nil {
		w.o.Progress(w.total, w.total)
	}
	return nil
}

// dataOut is where a put sends its values: the libnetcdf variable, or the
// same variable of the Direct file in the bulk phase of a classic file.
type dataOut interface {
	PutFloat64s(start, count []int, src []float64) error
	PutFloat32s(start, count []int, src []float32) error
	PutInt64s(start, count []int, src []int64) error
	WriteInt64s(src []int64) error
}

// out returns where the values of v go now (see write).
func (w *writer) out(v netcdf.Var) dataOut {
	if w.direct == nil {
		return v
	}
	if dv, ok := w.direct.Var(v.Name()); ok {
		return dv
	}
	return missingOut(v.Name())
}

// missingOut is the dataOut of a variable the Direct file does not hold
// (an internal error): every put fails.
type missingOut string

func (m missingOut) err() error {
	return fmt.Errorf("internal error: variable %s is not in the file written directly", string(m))
}

func (m missingOut) PutFloat64s([]int, []int, []float64) error { return m.err() }
func (m missingOut) PutFloat32s([]int, []int, []float32) error { return m.err() }
func (m missingOut) PutInt64s([]int, []int, []int64) error     { return m.err() }
func (m missingOut) WriteInt64s([]int64) error                 { return m.err() }

// writeback starts a goroutine that has the kernel begin writing the
// temporary file's dirty pages to disk (startWriteback) each time the
// writer finishes a variable, so that the fsync of writeAtomic finds
// little left to wait for. For a 153 MB file that fsync waited ~95 ms, a
// third of the export; with writeback under way the export took 15-25%
// less. It returns kick, which asks for writeback without ever blocking
// the writer, and stop, which ends the goroutine and waits for it. If the
// file cannot be opened a second time both do nothing.
func (w *writer) writeback(tmp string) (kick, stop func()) {
	fh, err := os.Open(tmp)
	if err != nil {
		return func() {}, func() {}
	}
	req := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range req {
			startWriteback(fh)
		}
	}()
	kick = func() {
		select {
		case req <- struct{}{}:
		default: // one is pending, and will cover these pages too
		}
	}
	stop = func() {
		close(req)
		<-done
		fh.Close()
	}
	return kick, stop
}

// trackProgress sums the sizes of the variables still to be written and
// reports each transfer to the Progress option.
func (w *writer) trackProgress() {
	for _, p := range w.puts {
		v, ok, err := w.f.Var(p.name)
		if err != nil || !ok {
			continue
		}
		info, err := v.Info()
		if err != nil {
			continue
		}
		n := int64(1)
		for i, d := range info.Dims {
			if d.Unlimited {
				n *= int64(len(w.m.Timesteps))
			} else {
				n *= int64(info.Shape[i])
			}
		}
		w.total += n
	}
	var done int64
	w.onXfer = func(n int) {
		done += int64(n)
		w.o.Progress(min(done, w.total), w.total)
	}
	w.f.OnTransfer(w.onXfer)
}

// put schedules a write of small data, done by libnetcdf.
func (w *writer) put(name string, fn func() error) {
	w.puts = append(w.puts, putOp{name: name, fn: fn})
}

// putBulk schedules a write of bulk data: fn must send its values through
// w.out, so that for a classic file they go straight to disk.
func (w *writer) putBulk(name string, fn func() error) {
	w.puts = append(w.puts, putOp{name: name, fn: fn, bulk: true})
}

func (w *writer) dim(name string, n int) error {
	d, err := w.f.DefDim(name, n)
	if err != nil {
		return w.ncErr(name, err)
	}
	w.dims[name] = d
	return nil
}

func (w *writer) defVar(name string, t netcdf.Type, dims ...string) (netcdf.Var, error) {
	ds := make([]netcdf.Dim, len(dims))
	for i, d := range dims {
		dd, ok := w.dims[d]
		if !ok {
			return netcdf.Var{}, w.ncErr(name, fmt.Errorf("internal error: dimension %s is not defined", d))
		}
		ds[i] = dd
	}
	v, err := w.f.DefVar(name, t, ds)
	if err != nil {
		return v, w.ncErr(name, err)
	}
	return v, nil
}

// bulk sets compression and, for time-dependent variables, chunking of one
// timestep per chunk, on netCDF-4 files.
func (w *writer) bulk(v netcdf.Var, name string, timeLen int) error {
	if !w.o.Format.isNetCDF4() {
		return nil
	}
	if timeLen > 0 {
		if err := v.SetChunking([]int{1, min(timeLen, 1<<20)}); err != nil {
			return w.ncErr(name, err)
		}
	}
	if w.o.Compression > 0 {
		if err := v.SetDeflate(true, w.o.Compression); err != nil {
			return w.ncErr(name, err)
		}
	}
	return nil
}

func (w *writer) text(v netcdf.Var, vname, att, val string) error {
	if err := v.PutAttrText(att, val); err != nil {
		return w.ncErr(vname+":"+att, err)
	}
	return nil
}

func (w *writer) userAttrs(v netcdf.Var, vname string, attrs []meshobj.Attr) error {
	for _, a := range attrs {
		lbl := vname + ":" + a.Name
		var err error
		switch a.Type {
		case meshobj.AttrChar:
			err = v.PutAttrText(a.Name, a.Text)
		case meshobj.AttrFloat, meshobj.AttrDouble:
			err = v.PutAttrFloat64s(a.Name, netcdf.Type(a.Type), a.Floats)
		default:
			err = v.PutAttrInt64s(a.Name, netcdf.Type(a.Type), a.Ints)
		}
		if err != nil {
			return w.ncErr(lbl, err)
		}
	}
	return nil
}

// names defines a (count, width) char array holding names, cut to fit.
func (w *writer) names(vname, countDim, widthDim string, names []string) error {
	v, err := w.defVar(vname, netcdf.Char, countDim, widthDim)
	if err != nil {
		return err
	}
	width := w.dims[widthDim].Len
	buf := make([]byte, len(names)*width)
	for i, n := range names {
		copy(buf[i*width:], cut(n, width-1))
	}
	w.put(vname, func() error { return v.WriteBytes(buf) })
	return nil
}

// putReals writes src over the hyperslab made of the leading indices lead
// (count 1 each) and the trailing shape tail, whole rows at a time;
// for WordSize 4 it converts through a bounded float32 buffer (values beyond
// float range become infinities, as a C cast would make them).
func (w *writer) putReals(v netcdf.Var, lead, tail []int, src []float64) error {
	if len(src) == 0 {
		return nil
	}
	o := w.out(v)
	start := make([]int, len(lead)+len(tail))
	count := make([]int, len(start))
	copy(start, lead)
	for i := range lead {
		count[i] = 1
	}
	copy(count[len(lead):], tail)
	if w.realT == netcdf.Double {
		return o.PutFloat64s(start, count, src)
	}
	rowLen := 1
	for _, t := range tail[1:] {
		rowLen *= t
	}
	per := max(1, chunkLen/max(rowLen, 1))
	if cap(w.f32) < per*rowLen {
		w.f32 = make([]float32, per*rowLen)
	}
	k := len(lead)
	for r0 := 0; r0 < tail[0]; r0 += per {
		nr := min(per, tail[0]-r0)
		seg := src[r0*rowLen : (r0+nr)*rowLen]
		buf := w.f32[:len(seg)]
		for i, x := range seg {
			buf[i] = float32(x)
		}
		start[k], count[k] = r0, nr
		if err := o.PutFloat32s(start, count, buf); err != nil {
			return err
		}
	}
	return nil
}

// putIndices writes rows*cols integers produced by gen (called with the
// flat index of a chunk's first value and its destination) to v, a 1-D
// variable when cols is 0 or a (rows, cols) one, through a bounded buffer.
func putIndices(v dataOut, rows, cols int, gen func(lo int, dst []int64)) error {
	oneD := cols == 0
	cols = max(cols, 1)
	if rows == 0 {
		return nil
	}
	per := max(1, chunkLen/cols)
	buf := make([]int64, min(per, rows)*cols)
	for r0 := 0; r0 < rows; r0 += per {
		nr := min(per, rows-r0)
		b := buf[:nr*cols]
		gen(r0*cols, b)
		var err error
		if oneD {
			err = v.PutInt64s([]int{r0}, []int{nr}, b)
		} else {
			err = v.PutInt64s([]int{r0, 0}, []int{nr, cols}, b)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) define() error {
	m := w.m
	g := w.f.Global()
	// global attributes, in libexodus's order
	if err := g.PutAttrFloat64s(attAPIVersion, netcdf.Float, []float64{apiVersion}); err != nil {
		return w.ncErr(":"+attAPIVersion, err)
	}
	if err := g.PutAttrFloat64s(attVersion, netcdf.Float, []float64{apiVersion}); err != nil {
		return w.ncErr(":"+attVersion, err)
	}
	ints := []struct {
		name string
		v    int64
	}{
		{attWordSize, int64(w.o.WordSize)},
		{attFileSize, 1},
		{attMaxNameLength, int64(w.maxNameLen())},
		{attInt64Status, int64(w.i64status)},
	}
	for _, a := range ints {
		if err := g.PutAttrInt64s(a.name, netcdf.Int, []int64{a.v}); err != nil {
			return w.ncErr(":"+a.name, err)
		}
	}
	if err := w.text(g, "", attTitle, cut(m.Title, maxTitleLen)+"\x00"); err != nil {
		return err
	}
	if err := w.userAttrs(g, "", m.Attrs); err != nil {
		return err
	}

	// dimensions
	if err := w.dim(dimLenName, w.nameLen); err != nil {
		return err
	}
	td, err := w.f.DefUnlimitedDim(dimTime)
	if err != nil {
		return w.ncErr(dimTime, err)
	}
	w.dims[dimTime] = td
	if err := w.dim(dimNumDim, m.NumDim); err != nil {
		return err
	}
	counts := []struct {
		name string
		n    int
	}{
		{dimNumNodes, w.nn}, {dimNumElem, m.NumElems()}, {dimNumElBlk, len(m.Blocks)},
		{dimNumNS, len(m.NodeSets)}, {dimNumSS, len(m.SideSets)},
		{dimNumQA, len(m.QARecords)}, {dimNumInfo, len(m.InfoRecords)},
	}
	for _, c := range counts {
		if c.n > 0 {
			if err := w.dim(c.name, c.n); err != nil {
				return err
			}
		}
	}
	if len(m.QARecords) > 0 {
		if err := w.dim(dimFour, 4); err != nil {
			return err
		}
		if err := w.dim(dimLenString, qaStringLen); err != nil {
			return err
		}
	}
	if len(m.InfoRecords) > 0 {
		if err := w.dim(dimLenLine, lineLen); err != nil {
			return err
		}
	}

	// time
	tv, err := w.defVar(varTime, w.realT, dimTime)
	if err != nil {
		return err
	}
	w.put(varTime, func() error { return w.putReals(tv, nil, []int{w.nt}, m.Timesteps) })

	if err := w.defineObjects(); err != nil {
		return err
	}
	if err := w.defineCoords(); err != nil {
		return err
	}
	if err := w.defineBlocks(); err != nil {
		return err
	}
	if err := w.defineNodeSets(); err != nil {
		return err
	}
	if err := w.defineSideSets(); err != nil {
		return err
	}
	if err := w.defineAssemblies(); err != nil {
		return err
	}
	if err := w.defineRecords(); err != nil {
		return err
	}
	if err := w.defineResults(); err != nil {
		return err
	}
	if err := w.defineCarried(); err != nil {
		return err
	}
	return w.defineVarAttrs()
}

// defineObjects defines the status and id arrays and the name arrays of
// blocks and sets.
func (w *writer) defineObjects() error {
	m := w.m
	type obj struct {
		dim, status, ids, names string
		idv                     []int64
		stat                    []int64
		nm                      []string
	}
	var objs []obj
	if n := len(m.Blocks); n > 0 {
		o := obj{dim: dimNumElBlk, status: varEBStatus, ids: varEBProp(1), names: varEBNames}
		for _, b := range m.Blocks {
			o.idv = append(o.idv, b.ID)
			o.stat = append(o.stat, boolInt(b.NumElems > 0))
			o.nm = append(o.nm, b.Name)
		}
		objs = append(objs, o)
	}
	if n := len(m.NodeSets); n > 0 {
		o := obj{dim: dimNumNS, status: varNSStatus, ids: varNSProp(1), names: varNSNames}
		for _, s := range m.NodeSets {
			o.idv = append(o.idv, s.ID)
			o.stat = append(o.stat, boolInt(len(s.Members) > 0))
			o.nm = append(o.nm, s.Name)
		}
		objs = append(objs, o)
	}
	if n := len(m.SideSets); n > 0 {
		o := obj{dim: dimNumSS, status: varSSStatus, ids: varSSProp(1), names: varSSNames}
		for _, s := range m.SideSets {
			o.idv = append(o.idv, s.ID)
			o.stat = append(o.stat, boolInt(len(s.Elems) > 0))
			o.nm = append(o.nm, s.Name)
		}
		objs = append(objs, o)
	}
	for _, o := range objs {
		sv, err := w.defVar(o.status, netcdf.Int, o.dim)
		if err != nil {
			return err
		}
		stat := o.stat
		w.put(o.status, func() error { return sv.WriteInt64s(stat) })
		iv, err := w.defVar(o.ids, w.idT, o.dim)
		if err != nil {
			return err
		}
		if err := w.text(iv, o.ids, attPropName, "ID\x00"); err != nil {
			return err
		}
		ids := o.idv
		w.put(o.ids, func() error { return iv.WriteInt64s(ids) })
	}
	for _, o := range objs {
		if err := w.names(o.names, o.dim, dimLenName, o.nm); err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (w *writer) defineCoords() error {
	m := w.m
	if w.nn > 0 {
		for d := range m.NumDim {
			name := coordVars[d]
			v, err := w.defVar(name, w.realT, dimNumNodes)
			if err != nil {
				return err
			}
			if err := w.bulk(v, name, 0); err != nil {
				return err
			}
			w.putBulk(name, func() error { return w.putCoord(v, d) })
		}
	}
	names := make([]string, m.NumDim)
	copy(names, m.CoordNames)
	if err := w.names(varCoorNames, dimNumDim, dimLenName, names); err != nil {
		return err
	}
	if m.NodeIDs != nil && w.nn > 0 {
		v, err := w.defVar(varNodeNumMap, w.mapT, dimNumNodes)
		if err != nil {
			return err
		}
		if err := w.bulk(v, varNodeNumMap, 0); err != nil {
			return err
		}
		w.putBulk(varNodeNumMap, func() error { return w.out(v).WriteInt64s(m.NodeIDs) })
	}
	hasElemIDs := false
	for _, b := range m.Blocks {
		hasElemIDs = hasElemIDs || b.ElemIDs != nil
	}
	if hasElemIDs && m.NumElems() > 0 {
		v, err := w.defVar(varElemNumMap, w.mapT, dimNumElem)
		if err != nil {
			return err
		}
		if err := w.bulk(v, varElemNumMap, 0); err != nil {
			return err
		}
		w.putBulk(varElemNumMap, func() error {
			o := w.out(v)
			off := 0
			for _, b := range m.Blocks {
				if b.NumElems == 0 {
					continue
				}
				ids := b.ElemIDs
				if ids == nil { // implicit ids for this block
					ids = make([]int64, b.NumElems)
					for i := range ids {
						ids[i] = int64(off + i + 1)
					}
				}
				if err := o.PutInt64s([]int{off}, []int{b.NumElems}, ids); err != nil {
					return err
				}
				off += b.NumElems
			}
			return nil
		})
	}
	return nil
}

// putCoord writes axis d of the interleaved coordinates through a bounded
// buffer.
func (w *writer) putCoord(v netcdf.Var, d int) error {
	o := w.out(v)
	xyz := w.m.Coords
	n := w.nn
	if w.realT == netcdf.Float {
		buf := make([]float32, min(chunkLen, n))
		for lo := 0; lo < n; lo += chunkLen {
			b := buf[:min(chunkLen, n-lo)]
			for i := range b {
				b[i] = float32(xyz[3*(lo+i)+d])
			}
			if err := o.PutFloat32s([]int{lo}, []int{len(b)}, b); err != nil {
				return err
			}
		}
		return nil
	}
	buf := make([]float64, min(chunkLen, n))
	for lo := 0; lo < n; lo += chunkLen {
		b := buf[:min(chunkLen, n-lo)]
		for i := range b {
			b[i] = xyz[3*(lo+i)+d]
		}
		if err := o.PutFloat64s([]int{lo}, []int{len(b)}, b); err != nil {
			return err
		}
	}
	return nil
}

// props defines the extra property arrays (prop2, ...) of a kind: the union
// of property names in first-seen order, 0 where an entity lacks one.
func (w *writer) props(dim string, propName func(int) string, lists [][]meshobj.Property) error {
	var names []string
	for _, l := range lists {
		for _, p := range l {
			if p.Name != "ID" && !contains(names, p.Name) {
				names = append(names, p.Name)
			}
		}
	}
	for k, pn := range names {
		vals := make([]int64, len(lists))
		for i, l := range lists {
			for _, p := range l {
				if p.Name == pn {
					vals[i] = p.Value
				}
			}
		}
		name := propName(k + 2)
		v, err := w.defVar(name, w.idT, dim)
		if err != nil {
			return err
		}
		if err := v.PutAttrInt64s(attFillValue, w.idT, []int64{0}); err != nil {
			return w.ncErr(name+":"+attFillValue, err)
		}
		if err := w.text(v, name, attPropName, cut(pn, w.nameLen-1)+"\x00"); err != nil {
			return err
		}
		w.put(name, func() error { return v.WriteInt64s(vals) })
	}
	return nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func (w *writer) defineBlocks() error {
	m := w.m
	var props [][]meshobj.Property
	for i, b := range m.Blocks {
		props = append(props, b.Props)
		if b.NumElems == 0 {
			continue
		}
		slot := i + 1
		if err := w.dim(dimNumElInBlk(slot), b.NumElems); err != nil {
			return err
		}
		if err := w.dim(dimNumNodPerEl(slot), b.NodesPerElem); err != nil {
			return err
		}
		cname := varConnect(slot)
		cv, err := w.defVar(cname, w.bulkT, dimNumElInBlk(slot), dimNumNodPerEl(slot))
		if err != nil {
			return err
		}
		if err := w.bulk(cv, cname, 0); err != nil {
			return err
		}
		if err := w.text(cv, cname, attElemType, b.Type+"\x00"); err != nil {
			return err
		}
		if err := w.userAttrs(cv, cname, b.Attrs); err != nil {
			return err
		}
		conn, npe := b.Conn, b.NodesPerElem
		w.putBulk(cname, func() error {
			return putIndices(w.out(cv), b.NumElems, npe, func(lo int, dst []int64) {
				for i := range dst {
					dst[i] = int64(conn[lo+i]) + 1
				}
			})
		})
		if b.NumAttr > 0 {
			if err := w.dim(dimNumAttInBlk(slot), b.NumAttr); err != nil {
				return err
			}
			aname := varAttrib(slot)
			av, err := w.defVar(aname, w.realT, dimNumElInBlk(slot), dimNumAttInBlk(slot))
			if err != nil {
				return err
			}
			if err := w.bulk(av, aname, 0); err != nil {
				return err
			}
			w.putBulk(aname, func() error { return w.putReals(av, nil, []int{b.NumElems, b.NumAttr}, b.Attributes) })
			names := make([]string, b.NumAttr)
			copy(names, b.AttrNames)
			if err := w.names(varAttribName(slot), dimNumAttInBlk(slot), dimLenName, names); err != nil {
				return err
			}
		}
	}
	if len(m.Blocks) > 0 {
		return w.props(dimNumElBlk, varEBProp, props)
	}
	return nil
}

func (w *writer) defineNodeSets() error {
	m := w.m
	var props [][]meshobj.Property
	for i, s := range m.NodeSets {
		props = append(props, s.Props)
		n := len(s.Members)
		if n == 0 {
			continue
		}
		slot := i + 1
		if err := w.dim(dimNumNodNS(slot), n); err != nil {
			return err
		}
		name := varNodeNS(slot)
		v, err := w.defVar(name, w.bulkT, dimNumNodNS(slot))
		if err != nil {
			return err
		}
		if err := w.bulk(v, name, 0); err != nil {
			return err
		}
		if err := w.userAttrs(v, name, s.Attrs); err != nil {
			return err
		}
		mem := s.Members
		w.putBulk(name, func() error {
			return putIndices(w.out(v), n, 0, func(lo int, dst []int64) {
				for i := range dst {
					dst[i] = int64(mem[lo+i]) + 1
				}
			})
		})
		if len(s.DistFactors) > 0 {
			dname := varDistFactNS(slot)
			dv, err := w.defVar(dname, w.realT, dimNumNodNS(slot))
			if err != nil {
				return err
			}
			if err := w.bulk(dv, dname, 0); err != nil {
				return err
			}
			w.putBulk(dname, func() error { return w.putReals(dv, nil, []int{n}, s.DistFactors) })
		}
	}
	if len(m.NodeSets) > 0 {
		return w.props(dimNumNS, varNSProp, props)
	}
	return nil
}

func (w *writer) defineSideSets() error {
	m := w.m
	var props [][]meshobj.Property
	for i, s := range m.SideSets {
		props = append(props, s.Props)
		n := len(s.Elems)
		if n == 0 {
			continue
		}
		slot := i + 1
		if err := w.dim(dimNumSideSS(slot), n); err != nil {
			return err
		}
		ename, sname := varElemSS(slot), varSideSS(slot)
		ev, err := w.defVar(ename, w.bulkT, dimNumSideSS(slot))
		if err != nil {
			return err
		}
		sv, err := w.defVar(sname, w.bulkT, dimNumSideSS(slot))
		if err != nil {
			return err
		}
		for _, vv := range []struct {
			v netcdf.Var
			n string
		}{{ev, ename}, {sv, sname}} {
			if err := w.bulk(vv.v, vv.n, 0); err != nil {
				return err
			}
		}
		if err := w.userAttrs(ev, ename, s.Attrs); err != nil {
			return err
		}
		w.putBulk(ename, func() error {
			return putIndices(w.out(ev), n, 0, func(lo int, dst []int64) {
				for i := range dst {
					dst[i] = int64(w.elemOff[s.BlockIDs[lo+i]]) + int64(s.Elems[lo+i]) + 1
				}
			})
		})
		w.putBulk(sname, func() error {
			return putIndices(w.out(sv), n, 0, func(lo int, dst []int64) {
				for i := range dst {
					dst[i] = int64(s.Sides[lo+i]) + 1
				}
			})
		})
		if nd := len(s.DistFactors); nd > 0 {
			if err := w.dim(dimNumDFSS(slot), nd); err != nil {
				return err
			}
			dname := varDistFactSS(slot)
			dv, err := w.defVar(dname, w.realT, dimNumDFSS(slot))
			if err != nil {
				return err
			}
			if err := w.bulk(dv, dname, 0); err != nil {
				return err
			}
			w.putBulk(dname, func() error { return w.putReals(dv, nil, []int{nd}, s.DistFactors) })
		}
	}
	if len(m.SideSets) > 0 {
		return w.props(dimNumSS, varSSProp, props)
	}
	return nil
}

func (w *writer) defineAssemblies() error {
	for _, a := range w.m.Assemblies {
		dname, vname := dimNumEntityAsm(a.ID), varAssemblyEntity(a.ID)
		if err := w.dim(dname, len(a.Members)); err != nil {
			return err
		}
		v, err := w.defVar(vname, w.idT, dname)
		if err != nil {
			return err
		}
		if err := v.PutAttrInt64s(attAssemblyID, w.idT, []int64{a.ID}); err != nil {
			return w.ncErr(vname+":"+attAssemblyID, err)
		}
		if err := v.PutAttrInt64s(attAssemblyType, netcdf.Int, []int64{int64(a.Type)}); err != nil {
			return w.ncErr(vname+":"+attAssemblyType, err)
		}
		if err := w.text(v, vname, attAssemblyName, cut(a.Name, w.nameLen-1)+"\x00"); err != nil {
			return err
		}
		tn := a.TypeName
		if tn == "" {
			tn = entityTypeName(a.Type)
		}
		if err := w.text(v, vname, attAssemblyTyName, tn+"\x00"); err != nil {
			return err
		}
		if err := w.userAttrs(v, vname, a.Attrs); err != nil {
			return err
		}
		mem := a.Members
		w.put(vname, func() error { return v.WriteInt64s(mem) })
	}
	return nil
}

func (w *writer) defineRecords() error {
	m := w.m
	if n := len(m.QARecords); n > 0 {
		v, err := w.defVar(varQA, netcdf.Char, dimNumQA, dimFour, dimLenString)
		if err != nil {
			return err
		}
		buf := make([]byte, n*4*qaStringLen)
		for i, rec := range m.QARecords {
			for j, s := range rec {
				copy(buf[(4*i+j)*qaStringLen:], cut(s, qaStringLen-1))
			}
		}
		w.put(varQA, func() error { return v.WriteBytes(buf) })
	}
	if n := len(m.InfoRecords); n > 0 {
		v, err := w.defVar(varInfo, netcdf.Char, dimNumInfo, dimLenLine)
		if err != nil {
			return err
		}
		buf := make([]byte, n*lineLen)
		for i, s := range m.InfoRecords {
			copy(buf[i*lineLen:], cut(s, lineLen-1))
		}
		w.put(varInfo, func() error { return v.WriteBytes(buf) })
	}
	return nil
}

// defineResults defines and schedules the transient data: global, nodal,
// element, node-set and side-set variables with their truth tables, and
// reduction variables.
func (w *writer) defineResults() error {
	m := w.m
	nt := w.nt
	// global variables
	if ng := len(m.GlobalVars); ng > 0 {
		if err := w.dim(dimNumGloVar, ng); err != nil {
			return err
		}
		if err := w.names(varNameGloVar, dimNumGloVar, dimLenName, varNames(m.GlobalVars)); err != nil {
			return err
		}
		v, err := w.defVar(varValsGloVar, w.realT, dimTime, dimNumGloVar)
		if err != nil {
			return err
		}
		w.put(varValsGloVar, func() error {
			row := make([]float64, ng)
			for t := range nt {
				for j, g := range m.GlobalVars {
					row[j] = g.Values[t]
				}
				if err := w.putReals(v, []int{t}, []int{ng}, row); err != nil {
					return err
				}
			}
			return nil
		})
	}
	// nodal variables
	if nv := len(m.NodeFields); nv > 0 {
		if err := w.dim(dimNumNodVar, nv); err != nil {
			return err
		}
		if err := w.names(varNameNodVar, dimNumNodVar, dimLenName, meshobj.FieldNames(m.NodeFields)); err != nil {
			return err
		}
		if w.nn > 0 {
			for j, f := range m.NodeFields {
				if err := w.fieldVar(varValsNodVar(j+1), dimNumNodes, w.nn, f); err != nil {
					return err
				}
			}
		}
	}
	// element, node-set and side-set variables
	type ent struct {
		n      int // entity count
		fields func(i int) []*meshobj.Field
		size   func(i int) int
		cdim   func(i int) string
		vals   func(v, slot int) string
	}
	groups := []struct {
		names            []string
		dim, nameV, tabV string
		entDim           string
		e                ent
	}{
		{w.elemVars, dimNumElemVar, varNameElemVar, varElemVarTab, dimNumElBlk, ent{len(m.Blocks),
			func(i int) []*meshobj.Field { return m.Blocks[i].Fields },
			func(i int) int { return m.Blocks[i].NumElems }, dimNumElInBlk, varValsElemVar}},
		{w.nsVars, dimNumNSetVar, varNameNSetVar, varNSetVarTab, dimNumNS, ent{len(m.NodeSets),
			func(i int) []*meshobj.Field { return m.NodeSets[i].Fields },
			func(i int) int { return len(m.NodeSets[i].Members) }, dimNumNodNS, varValsNSetVar}},
		{w.ssVars, dimNumSSetVar, varNameSSetVar, varSSetVarTab, dimNumSS, ent{len(m.SideSets),
			func(i int) []*meshobj.Field { return m.SideSets[i].Fields },
			func(i int) int { return len(m.SideSets[i].Elems) }, dimNumSideSS, varValsSSetVar}},
	}
	for _, g := range groups {
		nv := len(g.names)
		if nv == 0 {
			continue
		}
		if err := w.dim(g.dim, nv); err != nil {
			return err
		}
		if err := w.names(g.nameV, g.dim, dimLenName, g.names); err != nil {
			return err
		}
		tab := make([]int64, g.e.n*nv)
		type fv struct {
			name string
			f    *meshobj.Field
			dim  string
			n    int
		}
		var defs []fv
		for i := range g.e.n {
			size := g.e.size(i)
			for _, f := range g.e.fields(i) {
				if size == 0 {
					continue // no variable can exist on an empty entity
				}
				j := indexOf(g.names, f.Name)
				tab[i*nv+j] = 1
				defs = append(defs, fv{g.e.vals(j+1, i+1), f, g.e.cdim(i + 1), size})
			}
		}
		tv, err := w.defVar(g.tabV, netcdf.Int, g.entDim, g.dim)
		if err != nil {
			return err
		}
		w.put(g.tabV, func() error { return tv.WriteInt64s(tab) })
		for _, d := range defs {
			if err := w.fieldVar(d.name, d.dim, d.n, d.f); err != nil {
				return err
			}
		}
	}
	return w.defineReduction()
}

func indexOf(l []string, s string) int {
	for i, x := range l {
		if x == s {
			return i
		}
	}
	return -1
}

func varNames(gs []*meshobj.GlobalVar) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
	}
	return out
}

// fieldVar defines a (time_step, dim) variable and schedules one row per
// timestep.
func (w *writer) fieldVar(name, dim string, n int, f *meshobj.Field) error {
	v, err := w.defVar(name, w.realT, dimTime, dim)
	if err != nil {
		return err
	}
	if err := w.bulk(v, name, n); err != nil {
		return err
	}
	w.putBulk(name, func() error {
		for t, vals := range f.Values {
			if err := w.putReals(v, []int{t}, []int{n}, vals); err != nil {
				return err
			}
		}
		return nil
	})
	return nil
}

func (w *writer) defineReduction() error {
	m := w.m
	type red struct {
		kind meshobj.EntityKind
		rk   redKind
		ents [][][]float64 // RedValues per entity
		num  []int64       // slot or id per entity
		live []bool        // entity can carry values (non-empty)
	}
	var reds []red
	{
		r := red{kind: meshobj.KindBlock, rk: redBlock}
		for i, b := range m.Blocks {
			r.ents = append(r.ents, b.RedValues)
			r.num = append(r.num, int64(i+1))
			r.live = append(r.live, b.NumElems > 0)
		}
		reds = append(reds, r)
	}
	{
		r := red{kind: meshobj.KindNodeSet, rk: redNodeSet}
		for i, s := range m.NodeSets {
			r.ents = append(r.ents, s.RedValues)
			r.num = append(r.num, int64(i+1))
			r.live = append(r.live, len(s.Members) > 0)
		}
		reds = append(reds, r)
	}
	{
		r := red{kind: meshobj.KindSideSet, rk: redSideSet}
		for i, s := range m.SideSets {
			r.ents = append(r.ents, s.RedValues)
			r.num = append(r.num, int64(i+1))
			r.live = append(r.live, len(s.Elems) > 0)
		}
		reds = append(reds, r)
	}
	{
		r := red{kind: meshobj.KindAssembly, rk: redAssembly}
		for _, a := range m.Assemblies {
			r.ents = append(r.ents, a.RedValues)
			r.num = append(r.num, a.ID)
			r.live = append(r.live, true)
		}
		reds = append(reds, r)
	}
	for _, r := range reds {
		names := m.RedVarNames[r.kind]
		n := len(names)
		if n == 0 {
			continue
		}
		if err := w.dim(r.rk.dim, n); err != nil {
			return err
		}
		if err := w.names(r.rk.names, r.rk.dim, dimLenName, names); err != nil {
			return err
		}
		for i, vals := range r.ents {
			if vals == nil || !r.live[i] {
				continue
			}
			name := r.rk.vals(r.num[i])
			v, err := w.defVar(name, w.realT, dimTime, r.rk.dim)
			if err != nil {
				return err
			}
			w.put(name, func() error {
				for t, row := range vals {
					if err := w.putReals(v, []int{t}, []int{n}, row); err != nil {
						return err
					}
				}
				return nil
			})
		}
	}
	return nil
}
