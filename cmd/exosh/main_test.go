package main

import (
	"bytes"
	"sort"
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
