package builtins

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"exosh/meshobj"

	"go.starlark.net/starlark"
)

// A method is one entry of the ExodusModel method table: exomerge's name,
// its parameter list exactly as exomerge spells it (shown by help and in
// docs/api.md), a doc string, and fn, which unpacks the arguments with
// starlark.UnpackArgs under those names and defaults and calls meshobj.
type method struct {
	name   string
	params string
	doc    string
	// mutates is true when the method changes the model; a frozen model
	// refuses such calls.
	mutates bool
	// inline is true for a method that does not change the model but
	// stops by itself soon after an interrupt (export_model): it runs on
	// the calling goroutine, as a method that changes the model does, so
	// that what it prints on stopping comes before the prompt.
	inline bool
	fn     func(c *call) (starlark.Value, error)
}

// A function is one entry of the table of predeclared functions.
type function struct {
	name   string
	params string
	doc    string
	// exomerge is true when the function is also a member of module exomerge.
	exomerge bool
	fn       func(c *call) (starlark.Value, error)
}

// call carries one invocation of a method or function to its fn.
type call struct {
	thread *starlark.Thread
	name   string
	args   starlark.Tuple
	kwargs []starlark.Tuple
	model  *Model // receiver of a method; nil for functions
	// sels records the selector and name parameters, to name the culprit
	// when meshobj refuses one.
	sels []namedSel
}

// namedSel is a selector or name parameter of a call; value shows its
// unpacked value.
type namedSel struct {
	param string
	value func() string
}

// unpack unpacks the call's arguments, as starlark.UnpackArgs, and records
// the selector and string parameters.
func (c *call) unpack(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		param := strings.TrimRight(pairs[i].(string), "?")
		switch p := pairs[i+1].(type) {
		case *selArg:
			c.sels = append(c.sels, namedSel{param, func() string { return p.sel.String() }})
		case *string:
			c.sels = append(c.sels, namedSel{param, func() string { return strconv.Quote(*p) }})
		}
	}
	return starlark.UnpackArgs(c.name, c.args, c.kwargs, pairs...)
}

// culprit returns "param=value: " for the selector parameter an exomerge
// message is about (the one whose entity, such as "element block" for
// element_block_ids, the message names; the longest such name wins), or ""
// if none is.
func (c *call) culprit(msg string) string {
	best, bestLen := "", 0
	for _, s := range c.sels {
		entity := s.param
		for _, suffix := range []string{"_ids", "_id", "_names", "_name", "s"} {
			if e, ok := strings.CutSuffix(entity, suffix); ok {
				entity = e
				break
			}
		}
		entity = strings.ReplaceAll(entity, "_", " ")
		if len(entity) > bestLen && strings.Contains(msg, entity) {
			best, bestLen = fmt.Sprintf("%s=%s: ", s.param, s.value()), len(entity)
		}
	}
	return best
}

// warn prints a warning in exomerge's manner to the thread's standard error:
//
//	WARNING: <method>: <short>
//	  <detail>
func (c *call) warn(short, detail string) {
	w := stderrOf(c.thread)
	fmt.Fprintf(w, "WARNING: %s: %s\n", c.name, short)
	for line := range strings.SplitSeq(strings.TrimRight(detail, "\n"), "\n") {
		if line != "" {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
	if s := sessionOf(c.thread); s != nil && s.onWarning != nil {
		s.onWarning()
	}
}

// guard runs fn for call c. It is the one wrapper around every predeclared
// function and model method: it refuses to start once the thread is
// interrupted, and a change to a frozen model when mutates is set; it
// counts the call, its time and its allocations for profile(); while fn
// runs, the warnings of c's model go to the thread's standard error under
// c's name, and the model's Interrupt channel is the session's, so that a
// long method stops on Ctrl-C (meshobj.ErrInterrupted) before it changes
// anything. A call that does not change a model (mutates false) runs on a
// goroutine of its own: on an interrupt guard returns at once, and the
// call finishes in the background, holding the model's lock until then,
// its result discarded. guard turns a Go panic into an error naming the
// method, writes a meshobj.Error as exomerge's short message and detail,
// and prefixes every error with the method name.
func guard(c *call, mutates, inline bool, fn func(c *call) (starlark.Value, error)) (v starlark.Value, err error) {
	if interrupted(c.thread) {
		return nil, fmt.Errorf("%s: interrupted", c.name)
	}
	s := sessionOf(c.thread)
	if s != nil {
		defer s.prof.begin(c.name)()
		s.adviseHeap()
	}
	x := c.model
	if x != nil && mutates && x.frozen {
		return nil, fmt.Errorf("%s: cannot change a frozen ExodusModel", c.name)
	}
	defer func() {
		if errors.Is(err, meshobj.ErrInterrupted) {
			err = fmt.Errorf("%s: interrupted", c.name)
			return
		}
		var me *meshobj.Error
		if errors.As(err, &me) {
			err = fmt.Errorf("%s: %s%s", c.name, c.culprit(me.Short+" "+me.Detail), joinShortDetail(me.Short, me.Detail))
		}
		if err != nil && !strings.HasPrefix(err.Error(), c.name+": ") {
			err = fmt.Errorf("%s: %w", c.name, err)
		}
	}()
	var stop <-chan struct{}
	if s != nil {
		stop = s.stopChan()
	}
	body := func() (v starlark.Value, err error) {
		defer func() {
			if r := recover(); r != nil {
				v = nil
				err = fmt.Errorf("%s: internal error: %v (please report it with the script that caused it)", c.name, r)
			}
		}()
		if x != nil {
			x.mu.Lock()
			defer x.mu.Unlock()
			x.m.Settle()
			prevWarn, prevStop := x.m.Warn, x.m.Interrupt
			x.m.Warn = func(w meshobj.Warning) { c.warn(w.Short, w.Detail) }
			x.m.Interrupt = stop
			defer func() { x.m.Warn, x.m.Interrupt = prevWarn, prevStop }()
		}
		return fn(c)
	}
	if mutates || inline || stop == nil {
		return body()
	}
	type result struct {
		v   starlark.Value
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := body()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-stop:
		return nil, meshobj.ErrInterrupted
	}
}

// joinShortDetail formats an exomerge message: the short line, then the
// detail indented on the following lines.
func joinShortDetail(short, detail string) string {
	if detail == "" {
		return short
	}
	// Blank lines are dropped, as in warnings.
	var lines []string
	for _, l := range strings.Split(detail, "\n") {
		if l != "" {
			lines = append(lines, "  "+l)
		}
	}
	return short + "\n" + strings.Join(lines, "\n")
}

// call is the starlark.Builtin implementation of a predeclared function.
func (f *function) call(t *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return guard(&call{thread: t, name: f.name, args: args, kwargs: kwargs}, false, false, f.fn)
}

// signature returns "name(params)".
func (f *function) signature() string { return f.name + "(" + f.params + ")" }

// signature returns "name(params)".
func (m *method) signature() string { return m.name + "(" + m.params + ")" }
