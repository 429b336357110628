package exodus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"exosh/meshobj"
)

// bigModel builds a hex8 cube of 40 x 30 x 20 elements with three
// timesteps, node and element fields that change in every step (one that
// does not), scattered node and element ids, a node set with distribution
// factors and a side set: every bulk array the writer sends straight to a
// classic file, large enough to take many pieces.
func bigModel(t *testing.T) *meshobj.Model {
	t.Helper()
	m := meshobj.New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 4}, {0, 3}, {-1, 1}}, [3]int{40, 30, 20}); err != nil {
		t.Fatal(err)
	}
	nn, b := m.NumNodes(), m.Blocks[0]
	m.Timesteps = []float64{0, 0.5, 2}
	m.NodeIDs = make([]int64, nn)
	for i := range m.NodeIDs {
		m.NodeIDs[i] = int64(3*i + 7)
	}
	b.ElemIDs = make([]int64, b.NumElems)
	for i := range b.ElemIDs {
		b.ElemIDs[i] = int64(b.NumElems - i)
	}
	field := func(n int, seed float64, constant bool) *meshobj.Field {
		f := &meshobj.Field{Name: fmt.Sprintf("f%v", seed), Values: make([][]float64, 3)}
		for s := range f.Values {
			f.Values[s] = make([]float64, n)
			for i := range f.Values[s] {
				f.Values[s][i] = seed*float64(i)/7 - float64(s)*1e-3
				if constant {
					f.Values[s][i] = seed / float64(i+1)
				}
			}
		}
		return f
	}
	m.NodeFields = []*meshobj.Field{field(nn, 1.5, false), field(nn, 2.5, true)}
	b.Fields = []*meshobj.Field{field(b.NumElems, 3.5, false)}
	var members []int32
	var df []float64
	for i := range int32(nn) {
		if m.Coords[3*i] == 0 {
			members = append(members, i)
			df = append(df, float64(i)/3)
		}
	}
	side := &meshobj.SideSet{ID: 4, Name: "sides"}
	for e := int32(0); e < int32(b.NumElems); e += 3 {
		side.BlockIDs = append(side.BlockIDs, 1)
		side.Elems = append(side.Elems, e)
		side.Sides = append(side.Sides, e%6)
	}
	m.NodeSets = []*meshobj.NodeSet{{ID: 2, Name: "x0", Members: members, DistFactors: df}}
	m.SideSets = []*meshobj.SideSet{side}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDirectWriteIdentical checks that a classic file whose bulk data went
// straight to disk (netcdf.Direct) is byte for byte the file libnetcdf
// writes alone, for the shared files, the feature-complete small model and
// a large cube, in every classic format (CDF-5 also with 64-bit integers)
// and both word sizes.
func TestDirectWriteIdentical(t *testing.T) {
	models := map[string]*meshobj.Model{"small": smallModel(), "big": bigModel(t)}
	for _, path := range testFiles(t) {
		m, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		models[filepath.Base(path)] = m
	}
	dir := t.TempDir()
	for name, m := range models {
		for _, opts := range []WriteOptions{{Format: Classic}, {Format: Offset64}, {Format: CDF5}, {Format: CDF5, Int64: true}} {
			format := opts.Format
			for _, word := range []int{8, 4} {
				o := opts
				o.WordSize = word
				lib, direct := filepath.Join(dir, "lib.e"), filepath.Join(dir, "direct.e")
				o.noDirect = true
				errLib := Write(lib, m, &o)
				o.noDirect = false
				errDirect := Write(direct, m, &o)
				if (errLib == nil) != (errDirect == nil) {
					t.Fatalf("%s %v (int64 %v) word %d: libnetcdf alone: %v; direct: %v", name, format, o.Int64, word, errLib, errDirect)
				}
				if errLib != nil {
					continue // the format cannot hold this model
				}
				a, err := os.ReadFile(lib)
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(direct)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					i := 0
					for i < min(len(a), len(b)) && a[i] == b[i] {
						i++
					}
					t.Errorf("%s %v (int64 %v) word %d: files differ (sizes %d and %d, first at byte %d)", name, format, o.Int64, word, len(a), len(b), i)
				}
			}
		}
	}
}

// TestDirectWriteStops checks that Ctrl-C (a Stop channel closed while the
// bulk data goes straight to disk) fails the write with ErrStopped and
// leaves the earlier file and no temporary file.
func TestDirectWriteStops(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "model.e")
	if err := Write(target, smallModel(), nil); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var closed bool
	o := &WriteOptions{Stop: stop, Progress: func(done, total int64) {
		// The small data go first: stop once the bulk data has begun.
		if !closed && done > total/4 {
			close(stop)
			closed = true
		}
	}}
	err = Write(target, bigModel(t), o)
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("write stopped midway: %v, want ErrStopped", err)
	}
	after, err := os.ReadFile(target)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the earlier file changed (%v)", err)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
