package builtins_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"exosh/builtins"
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
