package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chainSteps are the row names of scripts/bench/linearity.awk, in the
// order of scripts/bench/chain.star.
var chainSteps = []string{
	"build_hex8_cube", "timesteps + create_node_field", "calculate_node_field",
	"element field + volumes", "centroids", "element -> node field",
	"node -> element field", "translate + rotate + scale", "calculate_element_field",
	"get_closest_node_distance", "count_disconnected_blocks", "duplicate_element_block",
	"merge_nodes", "combine + delete_duplicate", "export_model", "import_model",
}

// TestLinearityTable feeds scripts/bench/linearity.awk step lines whose
// medians and ratios are worked out by hand, and checks every figure of
// the rows it prints.
func TestLinearityTable(t *testing.T) {
	// Step 0 at 512k: 0.04, 0.03, 0.05, 0.02, 0.06 s (median 0.04, under
	// the 0.05 target), user CPU 0.02, 0.02, 0.03, 0.01, 0.03 s (median
	// 0.02). At 8M (200 divisions, 15.625 times the elements) 0.64 s:
	// (0.64/8e6) / (0.04/512000) = 1.024; user CPU 0.4 s: (0.4/8e6) /
	// (0.02/512000) = 1.28. Step 15 (import_model) at 512k: 0.1, 0.05,
	// 0.07 s (median 0.07, over the 0.04 target), user CPU 0.05, 0.03,
	// 0.04 s (median 0.04); at 8M 1.68 s: (1.68/8e6) / (0.07/512000) =
	// 1.536, over 1.3; user CPU 1.0 s: (1.0/8e6) / (0.04/512000) = 1.6.
	in := strings.Join([]string{
		"step\t80\t0\t0.04\t0.05\t0.02",
		"step\t80\t0\t0.03\t0.05\t0.02",
		"step\t80\t0\t0.05\t0.05\t0.03",
		"step\t80\t0\t0.02\t0.05\t0.01",
		"step\t80\t0\t0.06\t0.05\t0.03",
		"step\t200\t0\t0.64\t1.0\t0.4",
		"step\t80\t15\t0.1\t0.2\t0.05",
		"step\t80\t15\t0.05\t0.1\t0.03",
		"step\t80\t15\t0.07\t0.1\t0.04",
		"step\t200\t15\t1.68\t3.0\t1.0",
	}, "\n") + "\n"
	out := runLinearity(t, in)
	for _, want := range []string{
		"| step | 512k target s | 512k s | 8.0M s | per element vs 512k | user CPU per element |",
		"| build_hex8_cube | 0.05 | 0.0400 | 0.640 | 1.02x | 1.28x |",
		"| import_model | 0.04 | 0.0700 (over) | 1.680 | 1.54x over | 1.60x over |",
		"1 step(s) over 1.3x per element (1 in user CPU); 1 step(s) at 512k over their target",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("linearity.awk output lacks the line\n%s\ngot:\n%s", want, out)
		}
	}
}

// runLinearity runs scripts/bench/linearity.awk on the given step lines.
func runLinearity(t *testing.T, steps string) string {
	t.Helper()
	cmd := exec.Command("awk", "-F\t", "-f", filepath.Join(repoRoot(t), "scripts", "bench", "linearity.awk"))
	cmd.Stdin = strings.NewReader(steps)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("linearity.awk: %v\n%s", err, out)
	}
	return string(out)
}

// TestChainBenchSmall runs the user-path benchmark of `make bench` as
// it runs there (scripts/bench/chain.sh and chain.star), at two small
// cubes, and checks that every step ran, that the model at
// the end is the cube again (n^3 elements and (n+1)^3 nodes: the
// duplicate was merged back and deleted), and that the linearity table
// compares the second size against the first.
func TestChainBenchSmall(t *testing.T) {
	root := repoRoot(t)
	tmp := t.TempDir()
	cmd := exec.Command("sh", filepath.Join(root, "scripts", "bench", "chain.sh"), exosh, "6", "12")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "EXOSH_BENCH_REPEAT=2", "TMPDIR="+tmp, "XDG_STATE_HOME="+tmp)
	b, err := cmd.CombinedOutput()
	out := string(b)
	if err != nil {
		t.Fatalf("chain.sh: %v\n%s", err, out)
	}
	for _, want := range []string{
		"## divisions=6: 216 elements, 343 nodes at the end",
		"## divisions=12: 1728 elements, 2197 nodes at the end",
		"run 2 of 2: ",
		"| step | 512k target s | 216 s | 2k s | per element vs 216 | user CPU per element |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chain.sh output lacks %q; got:\n%s", want, out)
		}
	}
	for _, name := range chainSteps {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(name) + ` \| [0-9.-]+ \| [0-9.]+ \| [0-9.]+ \| `)
		if !row.MatchString(out) {
			t.Errorf("no linearity row for %q; got:\n%s", name, out)
		}
	}
	// The exported files are removed, and the temporary directory too.
	left, _ := filepath.Glob(filepath.Join(tmp, "exosh-bench.*"))
	if len(left) > 0 {
		t.Errorf("chain.sh left %v behind", left)
	}
}
