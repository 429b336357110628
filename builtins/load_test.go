package builtins_test

import (
	"io"
	"strings"
	"testing"

	"exosh/builtins"
)

// TestLoadCycle checks that a cycle of loads is an error naming the cycle.
func TestLoadCycle(t *testing.T) {
	thread := builtins.NewThread("test", io.Discard, io.Discard)
	_, err := builtins.ExecFile(thread, "testdata/lib/_cycle_a.star", nil, builtins.Predeclared())
	if err == nil {
		t.Fatal("loading a cycle succeeded")
	}
	if want := "cycle in load graph: _cycle_b.star -> _cycle_a.star"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain %q", err, want)
	}
}

// TestLoadOnce checks that a module loaded twice is executed once (the
// cache), and that a missing module is an error naming it.
func TestLoadOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := writeFile(dir+"/"+name, src); err != nil {
			t.Fatal(err)
		}
	}
	write("counted.star", "print('executing counted')\nv = 1\n")
	write("a.star", "load('counted.star', 'v')\nu = v\n")
	write("main.star", "load('a.star', 'u')\nload('counted.star', 'v')\nload('sub/missing.star', 'w')\n")
	var out strings.Builder
	thread := builtins.NewThread("test", &out, io.Discard)
	_, err := builtins.ExecFile(thread, dir+"/main.star", nil, builtins.Predeclared())
	if got := strings.Count(out.String(), "executing counted"); got != 1 {
		t.Errorf("counted.star executed %d times, want 1", got)
	}
	if err == nil || !strings.Contains(err.Error(), "cannot load sub/missing.star") {
		t.Errorf("loading a missing file: got error %v, want one naming sub/missing.star", err)
	}
}

// TestDialect checks the options every caller gets.
func TestDialect(t *testing.T) {
	o := builtins.FileOptions()
	if !o.Set || !o.While || !o.TopLevelControl || !o.GlobalReassign || !o.Recursion {
		t.Errorf("FileOptions() = %+v, want Set, While, TopLevelControl, GlobalReassign and Recursion", *o)
	}
	o.While = false
	if !builtins.FileOptions().While {
		t.Error("FileOptions returns a shared value: changing one result changed the next")
	}
	p := builtins.Predeclared()
	for _, name := range []string{"ExodusModel", "exomerge", "help", "math", "json", "time"} {
		if _, ok := p[name]; !ok {
			t.Errorf("Predeclared() lacks %s", name)
		}
	}
	p["x"] = nil
	if _, ok := builtins.Predeclared()["x"]; ok {
		t.Error("Predeclared returns a shared dictionary")
	}
}
