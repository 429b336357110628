package builtins

import (
	"bytes"
	"strings"
	"testing"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// TestGuard checks the one wrapper around every method: panics become
// errors naming the method, errors get the method name once, meshobj
// errors are shown in exomerge's form, warnings go to the thread's
// standard error, and an interrupted thread starts nothing.
func TestGuard(t *testing.T) {
	var stderr bytes.Buffer
	thread := NewThread("test", &bytes.Buffer{}, &stderr)
	x := NewModel(meshobj.New())
	tests := []struct {
		name    string
		fn      func(c *call) (starlark.Value, error)
		wantErr string
		wantLog string
	}{
		{
			name:    "panic",
			fn:      func(c *call) (starlark.Value, error) { panic("index out of range") },
			wantErr: "frob: internal error: index out of range (please report it with the script that caused it)",
		},
		{
			name:    "plain error gets the name",
			fn:      func(c *call) (starlark.Value, error) { return nil, errorString("bad") },
			wantErr: "frob: bad",
		},
		{
			name: "meshobj error in exomerge form",
			fn: func(c *call) (starlark.Value, error) {
				return nil, &meshobj.Error{Short: "Thing does not exist.", Detail: "Line one.\nLine two."}
			},
			wantErr: "frob: Thing does not exist.\n  Line one.\n  Line two.",
		},
		{
			name: "warning",
			fn: func(c *call) (starlark.Value, error) {
				c.model.m.Warn(meshobj.Warning{Short: "Careful.", Detail: "Because.\n\nThere are 2."})
				return starlark.None, nil
			},
			wantLog: "WARNING: frob: Careful.\n  Because.\n  There are 2.\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stderr.Reset()
			_, err := guard(&call{thread: thread, name: "frob", model: x}, false, false, tc.fn)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Errorf("error %q, want %q", got, tc.wantErr)
			}
			if stderr.String() != tc.wantLog {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.wantLog)
			}
			if x.m.Warn != nil {
				t.Error("guard left its warning hook on the model")
			}
		})
	}

	Interrupt(thread)
	ran := false
	_, err := guard(&call{thread: thread, name: "frob"}, false, false, func(c *call) (starlark.Value, error) {
		ran = true
		return starlark.None, nil
	})
	if ran || err == nil || !strings.Contains(err.Error(), "frob: interrupted") {
		t.Errorf("interrupted thread: ran=%v err=%v, want no run and an interrupted error", ran, err)
	}
	ClearInterrupt(thread)
	if _, err := guard(&call{thread: thread, name: "frob"}, false, false, func(c *call) (starlark.Value, error) { return starlark.None, nil }); err != nil {
		t.Errorf("after ClearInterrupt: %v", err)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestHelp checks help's text for each kind of value.
func TestHelp(t *testing.T) {
	x := NewModel(meshobj.New())
	method, _ := x.Attr("get_element_count")
	arrayMethod, _ := NewFloatArray(nil).Attr("mean")
	tests := []struct {
		name string
		x    starlark.Value
		want []string
	}{
		{"overview", starlark.None, []string{"exosh " + Version, "import_model(filename, element_block_ids='all'", "help(ExodusModel) lists them"}},
		{"method", method, []string{"ExodusModel.get_element_count(element_block_ids='all')", "Return the number of elements"}},
		{"method by name", starlark.String("get_element_count"), []string{"ExodusModel.get_element_count(element_block_ids='all')"}},
		{"function", Predeclared()["import_model"], []string{"import_model(filename, element_block_ids='all', timesteps='all'", "Read an Exodus II file"}},
		{"model", x, []string{"ExodusModel\n", "Data attributes:", "node_fields", "Files in and out:", "export_model(filename='output_exomerge.e'"}},
		{"ExodusModel", Predeclared()["ExodusModel"], []string{"Data attributes:"}},
		{"array", NewIntArray(nil, 0), []string{"WRITES INTO THE", "mean()"}},
		{"array method", arrayMethod, []string{"float_array.mean()", "arithmetic mean"}},
		{"data attribute", starlark.String("nodes"), []string{"ExodusModel.nodes (data attribute)"}},
		{"module", Predeclared()["math"], []string{"module math", "math.sqrt"}},
		{"universe", starlark.Universe["len"], []string{"len: a built-in function of Starlark"}},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := writeHelp(&b, tc.x); err != nil {
			t.Errorf("help(%s): %v", tc.name, err)
			continue
		}
		for _, want := range tc.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("help(%s) lacks %q:\n%s", tc.name, want, b.String())
			}
		}
	}
	var b bytes.Buffer
	if err := writeHelp(&b, starlark.String("get_elemnt_count")); err == nil || !strings.Contains(err.Error(), `did you mean "get_element_count"?`) {
		t.Errorf("help of a misspelt name: %v, want a suggestion", err)
	}
}

// TestDocs checks that every method, function and array method has a
// signature and a doc whose first sentence is a summary.
func TestDocs(t *testing.T) {
	for _, a := range areas() {
		if a.title == "" {
			t.Error("an area has no title")
		}
		for _, m := range a.methods {
			if m.doc == "" || m.fn == nil || !strings.HasSuffix(summary(m.doc), ".") {
				t.Errorf("%s: doc %q, want one starting with a sentence", m.name, m.doc)
			}
		}
	}
	for _, f := range moduleFuncs() {
		if f.doc == "" || f.fn == nil {
			t.Errorf("function %s has no doc", f.name)
		}
	}
	for _, d := range dataAttrs {
		if d.doc == "" {
			t.Errorf("data attribute %s has no doc", d.name)
		}
	}
}

// TestSharedFrozenModel checks that threads sharing a frozen model each get
// their own warnings, even when they call methods at the same time.
func TestSharedFrozenModel(t *testing.T) {
	x := NewModel(meshobj.New())
	if err := x.m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{2, 2, 2}); err != nil {
		t.Fatal(err)
	}
	x.Freeze()
	const calls = 200
	var bufs [4]bytes.Buffer
	done := make(chan error)
	for i := range bufs {
		go func() {
			thread := NewThread("t", &bytes.Buffer{}, &bufs[i])
			fn, _ := x.Attr("get_element_count")
			var err error
			for range calls {
				if _, err = starlark.Call(thread, fn, starlark.Tuple{starlark.NewList([]starlark.Value{starlark.MakeInt(1), starlark.MakeInt(9)})}, nil); err != nil {
					break
				}
			}
			done <- err
		}()
	}
	for range bufs {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for i := range bufs {
		if n := strings.Count(bufs[i].String(), "WARNING: get_element_count: Reference to undefined element block."); n != calls {
			t.Errorf("thread %d got %d warnings, want %d", i, n, calls)
		}
	}
}
