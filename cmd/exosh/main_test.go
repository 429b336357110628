package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"exosh/builtins"

	"go.starlark.net/starlark"
)

// TestRun checks run's exit statuses and output without a subprocess.
func TestRun(t *testing.T) {
	tests := []struct {
		args      []string
		stdin     string
		code      int
		stdout    string
		stderrHas string
	}{
		{args: []string{"-c", "print(len(argv), argv[0])"}, code: 0, stdout: "1 -c\n"},
		{args: []string{"-", "a"}, stdin: "print(argv)", code: 0, stdout: "[\"-\", \"a\"]\n"},
		{args: []string{"-c", "fail('x')"}, code: 1, stderrHas: "Error in fail: x"},
		{args: []string{"-c", "ExodusModel().get_element_block_name(1)"}, code: 1, stderrHas: "Error in get_element_block_name: element_block_id=1: No element block specified."},
		{args: []string{"-x"}, code: 2, stderrHas: "usage: exosh"},
		{args: []string{"-help"}, code: 0, stdout: usage},
		{args: nil, stdin: "2 * 21\n", code: 0, stdout: "42\n"},
	}
	for _, tc := range tests {
		var out, errb bytes.Buffer
		code := run(tc.args, strings.NewReader(tc.stdin), &out, &errb)
		if code != tc.code {
			t.Errorf("run(%q): status %d, want %d (stderr %q)", tc.args, code, tc.code, errb.String())
		}
		if tc.stdout != "" && out.String() != tc.stdout {
			t.Errorf("run(%q): stdout %q, want %q", tc.args, out.String(), tc.stdout)
		}
		if !strings.Contains(errb.String(), tc.stderrHas) {
			t.Errorf("run(%q): stderr %q lacks %q", tc.args, errb.String(), tc.stderrHas)
		}
	}
}

// TestCompleter checks TAB completion of globals and of attributes after a
// dotted name, without calling anything.
func TestCompleter(t *testing.T) {
	globals := builtins.Predeclared()
	thread := builtins.NewThread("test", &bytes.Buffer{}, &bytes.Buffer{})
	model, err := starlark.Call(thread, globals["ExodusModel"], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	globals["model"] = model
	globals["modulus"] = starlark.MakeInt(3)
	c := &completer{globals: globals}
	tests := []struct {
		line string
		want []string // completed names
	}{
		{"mod", []string{"model", "modulus"}},
		{"x = model.rename_n", []string{"model.rename_node_field", "model.rename_node_set", "model.rename_node_set_field"}},
		{"exomerge.import", []string{"exomerge.import_model"}},
		{"model.nodes.", nil}, // a view has no attributes
		{"math.sq", []string{"math.sqrt"}},
		{"len(model.timesteps.me", []string{"model.timesteps.mean"}},
		{"nosuch.x", nil},
		{"prin", []string{"print"}},
	}
	for _, tc := range tests {
		line := []rune(tc.line)
		suffixes, _ := c.Do(line, len(line))
		typed := tc.line[strings.LastIndexAny(tc.line, " (=")+1:]
		var got []string
		for _, s := range suffixes {
			got = append(got, typed+string(s))
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("complete %q: got %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestProfile checks that --profile prints, at exit and even after an
// error, one row per method called with its call count, and that profile()
// prints the same table from a program.
func TestProfile(t *testing.T) {
	exported := filepath.Join(t.TempDir(), "cubes.e")
	code := "m = ExodusModel()\nm.build_hex8_cube(1, divisions=2)\nm.build_hex8_cube(2, divisions=2)\nm.get_element_count()\n"
	tests := []struct {
		args   []string
		status int
		rows   map[string]string // method -> calls column
	}{
		{[]string{"--profile", "-c", code}, 0, map[string]string{"build_hex8_cube": "2", "get_element_count": "1", "ExodusModel": "1"}},
		{[]string{"--profile", "-c", code + "m.get_element_block_name(9)\n"}, 1, map[string]string{"build_hex8_cube": "2", "get_element_block_name": "1"}},
		// The predeclared import_model runs the method of the same name:
		// one call each, not two.
		{[]string{"--profile", "-c", code + "m.export_model(" + strconv.Quote(exported) + ")\nn = import_model(" + strconv.Quote(exported) + ")\nn.import_model(" + strconv.Quote(exported) + ", element_block_ids='none', timesteps='none')\n"}, 0, map[string]string{"import_model": "2", "export_model": "1"}},
	}
	for _, tc := range tests {
		var out, errb bytes.Buffer
		if st := run(tc.args, strings.NewReader(""), &out, &errb); st != tc.status {
			t.Fatalf("run(%q): status %d, want %d (stderr %q)", tc.args, st, tc.status, errb.String())
		}
		rows := profileRows(t, errb.String())
		for name, calls := range tc.rows {
			if got := rows[name]; len(got) < 4 || got[0] != calls || !strings.HasSuffix(got[2], "%") {
				t.Errorf("run(%q): profile row %s = %q, want %s calls and a share", tc.args, name, got, calls)
			}
		}
	}
	var out, errb bytes.Buffer
	if st := run([]string{"-c", code + "profile()\n"}, strings.NewReader(""), &out, &errb); st != 0 {
		t.Fatalf("profile(): status %d (stderr %q)", st, errb.String())
	}
	if rows := profileRows(t, out.String()); rows["build_hex8_cube"] == nil || rows["build_hex8_cube"][0] != "2" {
		t.Errorf("profile() printed %q, want build_hex8_cube called twice", out.String())
	}
	if errb.Len() != 0 {
		t.Errorf("profile() without --profile wrote %q to stderr", errb.String())
	}
}

// profileRows parses a profile table: method -> [calls, seconds, share,
// allocated...].
func profileRows(t *testing.T, text string) map[string][]string {
	t.Helper()
	if !strings.HasPrefix(text, "exosh profile: ") && !strings.Contains(text, "\nexosh profile: ") {
		t.Fatalf("no profile table in %q", text)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) >= 5 && f[0] != "method" && f[0] != "exosh" {
			rows[f[0]] = f[1:]
		}
	}
	return rows
}

// TestCPUProfile checks that --cpuprofile writes a profile (gzip-framed,
// as pprof writes them) of the run, and that an unwritable path is a usage
// error before anything runs.
func TestCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	var out, errb bytes.Buffer
	if st := run([]string{"--cpuprofile", path, "-c", "m = ExodusModel()\nm.build_hex8_cube(1, divisions=20)\nprint(m.get_element_count())\n"}, strings.NewReader(""), &out, &errb); st != 0 {
		t.Fatalf("status %d (stderr %q)", st, errb.String())
	}
	if out.String() != "8000\n" {
		t.Errorf("output %q, want 8000", out.String())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("profile of %d bytes does not start as a gzip stream", len(b))
	}
	out.Reset()
	errb.Reset()
	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof")
	if st := run([]string{"--cpuprofile", bad, "-c", "print('ran')"}, strings.NewReader(""), &out, &errb); st != 2 || out.Len() != 0 || !strings.Contains(errb.String(), "--cpuprofile") {
		t.Errorf("unwritable profile: status %d, stdout %q, stderr %q; want 2, nothing run, a --cpuprofile error", st, out.String(), errb.String())
	}
}
