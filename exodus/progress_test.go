package exodus

import (
	"path/filepath"
	"testing"
)

// TestProgress checks that Read and Write report progress that only grows
// and ends at its total, and that the totals match the data moved.
func TestProgress(t *testing.T) {
	path := filepath.Join(sharedDir(t), "testdata", "exomerge_unit_test.e")
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	type call struct{ done, total int64 }
	record := func(calls *[]call) func(done, total int64) {
		return func(done, total int64) { *calls = append(*calls, call{done, total}) }
	}
	check := func(what string, calls []call, wantTotal int64) {
		t.Helper()
		if len(calls) < 10 {
			t.Fatalf("%s: %d progress calls, want many", what, len(calls))
		}
		for i := 1; i < len(calls); i++ {
			if calls[i].done < calls[i-1].done || calls[i].total != calls[0].total {
				t.Fatalf("%s: progress went from %v to %v", what, calls[i-1], calls[i])
			}
		}
		last := calls[len(calls)-1]
		if last.done != last.total {
			t.Fatalf("%s: last progress call %v does not reach the total", what, last)
		}
		if wantTotal >= 0 && last.total != wantTotal {
			t.Fatalf("%s: total %d, want %d", what, last.total, wantTotal)
		}
	}
	var reads []call
	r.SetProgress(record(&reads))
	m, err := r.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	check("read", reads, -1)
	// The values a whole read moves: at least the coordinates, the
	// connectivity and every field value at every step.
	least := int64(3*m.NumNodes() + 8*m.NumElems())
	for _, f := range m.NodeFields {
		least += int64(len(f.Values) * m.NumNodes())
	}
	if reads[len(reads)-1].total < least {
		t.Fatalf("read total %d is below the %d values of coordinates, connectivity and node fields", reads[len(reads)-1].total, least)
	}

	var writes []call
	out := filepath.Join(t.TempDir(), "out.e")
	if err := Write(out, m, &WriteOptions{NameLength: 32, Progress: record(&writes)}); err != nil {
		t.Fatal(err)
	}
	// Writing back every variable moves what the whole read moved, less
	// what the writer adds or leaves out (status arrays, version
	// attributes); with names as wide as the file's (len_name 33) the
	// sums must agree to within a few percent.
	check("write", writes, -1)
	rt, wt := reads[len(reads)-1].total, writes[len(writes)-1].total
	if wt < rt*95/100 || wt > rt*105/100 {
		t.Fatalf("write total %d differs from read total %d by more than 5%%", wt, rt)
	}
}
