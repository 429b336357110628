package exodus

import (
	"errors"
	"slices"
	"testing"
)

// TestStepReaders checks every step reader against the full import of each
// shared file: the same values at every step, for every variable and
// entity that stores it.
func TestStepReaders(t *testing.T) {
	for _, path := range testFiles(t) {
		t.Run(path, func(t *testing.T) {
			m, err := ReadFile(path)
			if err != nil {
				t.Skipf("not readable: %v", err)
			}
			r, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			c := r.Contents()
			for step := range c.Times {
				g := make([]float64, len(c.GlobalVarNames))
				if err := r.GlobalStep(step, g); err != nil {
					t.Fatal(err)
				}
				for i, gv := range m.GlobalVars {
					if !same(g[i], gv.Values[step]) {
						t.Errorf("global %s step %d: %v, want %v", gv.Name, step, g[i], gv.Values[step])
					}
				}
				for i, f := range m.NodeFields {
					v := make([]float64, c.NumNodes)
					if err := r.NodeFieldStep(i, step, v); err != nil {
						t.Fatal(err)
					}
					if !sameSlice(v, f.Values[step]) {
						t.Errorf("nodal %s step %d differs", f.Name, step)
					}
				}
				for b, blk := range m.Blocks {
					for _, f := range blk.Fields {
						k := slices.Index(c.ElemFieldNames, f.Name)
						if !r.BlockHasField(b, k) {
							t.Fatalf("block %d: BlockHasField(%s) is false", blk.ID, f.Name)
						}
						v := make([]float64, blk.NumElems)
						if err := r.BlockFieldStep(b, k, step, v); err != nil {
							t.Fatal(err)
						}
						if !sameSlice(v, f.Values[step]) {
							t.Errorf("block %d %s step %d differs", blk.ID, f.Name, step)
						}
					}
				}
				for i, s := range m.NodeSets {
					for _, f := range s.Fields {
						k := slices.Index(c.NodeSetFieldNames, f.Name)
						v := make([]float64, len(s.Members))
						if err := r.SetFieldStep(false, i, k, step, v); err != nil {
							t.Fatal(err)
						}
						if !sameSlice(v, f.Values[step]) {
							t.Errorf("node set %d %s step %d differs", s.ID, f.Name, step)
						}
					}
				}
				for i, s := range m.SideSets {
					for _, f := range s.Fields {
						k := slices.Index(c.SideSetFieldNames, f.Name)
						v := make([]float64, len(s.Elems))
						if err := r.SetFieldStep(true, i, k, step, v); err != nil {
							t.Fatal(err)
						}
						if !sameSlice(v, f.Values[step]) {
							t.Errorf("side set %d %s step %d differs", s.ID, f.Name, step)
						}
					}
				}
			}
			// Out of range steps and wrong buffer sizes are errors, not panics.
			if len(c.NodeFieldNames) > 0 {
				if err := r.NodeFieldStep(0, len(c.Times), make([]float64, c.NumNodes)); !errors.Is(err, ErrNotFound) {
					t.Errorf("step past the end: %v", err)
				}
				if err := r.NodeFieldStep(0, 0, make([]float64, c.NumNodes+1)); err == nil {
					t.Errorf("wrong buffer size accepted")
				}
			}
			if err := r.BlockFieldStep(0, len(c.ElemFieldNames), 0, nil); err == nil {
				t.Errorf("a field the block lacks was read")
			}
		})
	}
}

func same(a, b float64) bool { return a == b || (a != a && b != b) }

func sameSlice(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !same(a[i], b[i]) {
			return false
		}
	}
	return true
}
