package exodus

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead writes arbitrary bytes to a file and reads it as Exodus: the
// reader must return a model or an error, never panic. The corpus is seeded
// with the small shared test files, a netCDF-4 one and a few cut copies.
//
//	go test -run '^$' -fuzz FuzzRead -fuzztime 60s ./exodus
func FuzzRead(f *testing.F) {
	for _, p := range testFiles(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 64<<10 {
			continue // large seeds only slow the mutator down
		}
		f.Add(data)
		f.Add(data[:len(data)/3])
	}
	small := filepath.Join(f.TempDir(), "small.e")
	if err := Write(small, smallModel(), &WriteOptions{Format: Classic}); err != nil {
		f.Fatal(err)
	}
	if data, err := os.ReadFile(small); err == nil {
		f.Add(data)
	}
	f.Add([]byte("CDF\x01\x00\x00\x00\x00"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.e")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(p)
		if err != nil {
			return
		}
		defer r.Close()
		m, err := r.Read(nil)
		if err == nil {
			if verr := m.Validate(); verr != nil {
				t.Errorf("Read returned an invalid model without error: %v", verr)
			}
		} else if m != nil {
			t.Errorf("Read returned a model together with error %v", err)
		}
	})
}
