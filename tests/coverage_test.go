package tests

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// apiMethods reads the method names of each area from exomerge-api.md.
func apiMethods(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), "exomerge-api.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile(`^## ([A-Z])\. `)
	item := regexp.MustCompile("^- `([a-z_0-9]+)\\(")
	areas := map[string][]string{}
	area := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := heading.FindStringSubmatch(sc.Text()); m != nil {
			area = m[1]
		} else if m := item.FindStringSubmatch(sc.Text()); m != nil && area != "" {
			areas[area] = append(areas[area], m[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return areas
}

// TestCoverage fails unless dir(ExodusModel()) holds every method of areas
// I (files), B (bookkeeping), C (geometry and expressions) and D (topology
// changes, other exports) of exomerge's API: all 128 methods.
func TestCoverage(t *testing.T) {
	areas := apiMethods(t)
	if len(areas["I"]) != 3 || len(areas["B"]) != 80 || len(areas["C"]) != 36 || len(areas["D"]) != 9 {
		t.Fatalf("exomerge-api.md lists %d, %d, %d and %d methods in areas I, B, C and D, want 3, 80, 36 and 9",
			len(areas["I"]), len(areas["B"]), len(areas["C"]), len(areas["D"]))
	}
	r := run(t, ".", "", "-c", "print(json.encode(dir(ExodusModel())))")
	if r.code != 0 {
		t.Fatalf("exosh: %s", r.stderr)
	}
	var names []string
	if err := json.Unmarshal([]byte(r.stdout), &names); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	for _, area := range []string{"I", "B", "C", "D"} {
		var missing []string
		for _, n := range areas[area] {
			if !have[n] {
				missing = append(missing, n)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("area %s: %d of %d methods missing from dir(ExodusModel()): %v", area, len(missing), len(areas[area]), missing)
		}
	}
}
