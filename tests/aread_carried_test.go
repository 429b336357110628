package tests

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAreaDDropsCarried runs area D methods on a libMesh file with edge
// blocks (carried opaquely) and checks what happens to them: an operation
// that renumbers nodes drops them with a warning naming the feature and
// the operation, the written file has no edge block left, and one that
// renumbers nothing keeps every edge block.
func TestAreaDDropsCarried(t *testing.T) {
	src := filepath.Join(sharedDir(t), "meshes-libmesh", "mesh_with_low_order_edge_blocks.e")
	cases := []struct {
		name, op  string
		dropped   bool
		warnWords []string
	}{
		// Half the elements fail, so nodes are deleted and renumbered.
		{"threshold", `m.calculate_element_centroids()
x = m.get_element_field_values("centroid_x", 1)
m.threshold_element_blocks("centroid_x > %r" % ((x.min() + x.max()) / 2), 1)`, true,
			[]string{"threshold_element_blocks", "edge blocks", "dropped"}},
		// Every element passes: nothing changes, nothing is dropped.
		{"threshold keeps all", `m.threshold_element_blocks("1 + 0*centroid_x", "all")`, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.e")
			script := "m = import_model(" + quote(src) + ")\n"
			if !strings.Contains(c.op, "calculate_element_centroids") {
				script += "m.calculate_element_centroids()\n"
			}
			script += c.op + "\nm.export_model(" + quote(out) + ")\n"
			r := run(t, t.TempDir(), "", "-c", script)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range c.warnWords {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			hdr, err := exec.Command("ncdump", "-h", out).Output()
			if err != nil {
				t.Fatal(err)
			}
			n := strings.Count(string(hdr), "int ebconn")
			switch {
			case c.dropped && n != 0:
				t.Errorf("%d edge blocks written after they were dropped", n)
			case !c.dropped && n != 24:
				t.Errorf("%d edge blocks written, the file had 24", n)
			}
		})
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
