package builtins_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"exosh/builtins"

	"go.starlark.net/starlark"
)

// TestInterruptQuery interrupts a loop of get_closest_node_distance calls
// (a method that changes nothing, so it runs on its own goroutine): the
// program stops soon after the interrupt with "interrupted", and after
// ClearInterrupt the same model answers again (the abandoned call released
// its lock when it finished).
func TestInterruptQuery(t *testing.T) {
	var out, errb bytes.Buffer
	thread := builtins.NewThread("test", &out, &errb)
	globals, err := builtins.ExecFile(thread, "setup.star", "m = ExodusModel()\nm.build_hex8_cube(1, divisions=40)\n", builtins.Predeclared())
	if err != nil {
		t.Fatal(err)
	}
	pre := builtins.Predeclared()
	pre["m"] = globals["m"]
	at := make(chan time.Time, 1)
	timer := time.AfterFunc(50*time.Millisecond, func() {
		at <- time.Now()
		builtins.Interrupt(thread)
	})
	defer timer.Stop()
	_, err = builtins.ExecFile(thread, "loop.star", "for i in range(100000):\n    m.get_closest_node_distance()\n", pre)
	end := time.Now()
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("loop ended with %v, want an interrupt", err)
	}
	if stopped := end.Sub(<-at); stopped > time.Second {
		t.Errorf("the loop stopped %v after the interrupt", stopped)
	}
	builtins.ClearInterrupt(thread)
	if _, err := builtins.ExecFile(thread, "after.star", "print(m.get_element_count())\n", pre); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "64000\n") {
		t.Errorf("after the interrupt: output %q, want 64000", out.String())
	}
}

// TestInterruptedExportLeavesNoFile interrupts export_png, export_gif,
// export_stl_file and export_html on a 1M-element cube soon after they start: each call
// ends "interrupted" at once, and once the abandoned method has finished
// in the background (the next call on the model waits for it), neither
// the file nor a temporary file is in the directory.
func TestInterruptedExportLeavesNoFile(t *testing.T) {
	var out, errb bytes.Buffer
	thread := builtins.NewThread("test", &out, &errb)
	globals, err := builtins.ExecFile(thread, "setup.star", "m = ExodusModel()\nm.build_hex8_cube(1, divisions=100)\nm.create_timestep(0.0)\nm.create_timestep(1.0)\n", builtins.Predeclared())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, call string }{
		{"out.png", "m.export_png(path)"},
		{"out.gif", "m.export_gif(path)"},
		{"out.stl", "m.export_stl_file(path)"},
		{"out.html", "m.export_html(path)"},
	} {
		dir := t.TempDir()
		pre := builtins.Predeclared()
		pre["m"] = globals["m"]
		pre["path"] = starlark.String(filepath.Join(dir, c.name))
		timer := time.AfterFunc(3*time.Millisecond, func() { builtins.Interrupt(thread) })
		_, err := builtins.ExecFile(thread, "export.star", c.call+"\n", pre)
		timer.Stop()
		builtins.ClearInterrupt(thread)
		if err == nil {
			t.Logf("%s finished within 3 ms; nothing to check", c.call)
			continue
		}
		if !strings.Contains(err.Error(), "interrupted") {
			t.Fatalf("%s: %v, want an interrupt", c.call, err)
		}
		if _, err := builtins.ExecFile(thread, "after.star", "m.get_element_count()\n", pre); err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s, interrupted: the directory holds %v", c.call, entries)
		}
	}
}
