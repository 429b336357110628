package builtins

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.starlark.net/starlark"
)

// Thread-local keys. Only this package reads them.
const (
	localSession = "exosh.session"
)

// session is the per-thread state of an exosh program: where output goes,
// the load() cache and the interrupt flag.
type session struct {
	stdout, stderr io.Writer
	interrupted    atomic.Bool
	// stop is closed by Interrupt and replaced by ClearInterrupt; model
	// methods watch it (meshobj.Model.Interrupt).
	stopMu sync.Mutex
	stop   chan struct{}
	// progress turns on progress lines for long reads and writes.
	progress bool

	predeclared starlark.StringDict // for loaded modules, built on first load
	modules     map[string]*loadEntry
	loading     []string // stack of modules being loaded, for cycle messages
	// onWarning, if set, runs after each warning a method prints.
	onWarning func()

	prof profiler // the calls made on the thread, for profile()
	// advised is the memory the Go runtime had mapped when the heap was
	// last advised as huge pages (see adviseHeap).
	advised uint64
}

type loadEntry struct {
	globals starlark.StringDict
	err     error
}

// NewThread returns a thread ready to run exosh programs: print() writes to
// stdout, warnings of model methods to stderr, and load() reads .star files
// relative to the directory of the file that loads them (the working
// directory for -c, stdin and the REPL), executing each file once per thread
// and reporting cycles. Pass the thread to ExecFile, or to the REPL.
func NewThread(name string, stdout, stderr io.Writer) *starlark.Thread {
	s := &session{stdout: stdout, stderr: stderr, modules: map[string]*loadEntry{}, prof: profiler{start: time.Now()}}
	t := &starlark.Thread{
		Name: name,
		Print: func(_ *starlark.Thread, msg string) {
			fmt.Fprintln(s.stdout, msg)
		},
		Load: s.load,
	}
	t.SetLocal(localSession, s)
	return t
}

// ShowProgress turns progress lines on or off for long file reads and
// writes on thread t (made by NewThread). They go to the thread's stderr;
// the command line turns them on when stderr is a terminal.
func ShowProgress(t *starlark.Thread, on bool) {
	if s := sessionOf(t); s != nil {
		s.progress = on
	}
}

// OnWarning makes thread t (made by NewThread) call f after every warning
// a model method or function prints; the Python runner uses it for
// exomerge's EXIT_ON_WARNING.
func OnWarning(t *starlark.Thread, f func()) {
	if s := sessionOf(t); s != nil {
		s.onWarning = f
	}
}

// SetLoadPredeclared makes modules that load() reads on thread t (made by
// NewThread) see d as their predeclared names instead of Predeclared();
// the test runner uses it so that helper modules see its assert module.
func SetLoadPredeclared(t *starlark.Thread, d starlark.StringDict) {
	if s := sessionOf(t); s != nil {
		s.predeclared = d
	}
}

func sessionOf(t *starlark.Thread) *session {
	if s, ok := t.Local(localSession).(*session); ok {
		return s
	}
	return nil
}

// stderrOf returns where warnings of thread t go: the writer given to
// NewThread, or os.Stderr for a thread made elsewhere.
func stderrOf(t *starlark.Thread) io.Writer {
	if s := sessionOf(t); s != nil {
		return s.stderr
	}
	return os.Stderr
}

// stdoutOf returns where output of thread t goes (summarize, help).
func stdoutOf(t *starlark.Thread) io.Writer {
	if s := sessionOf(t); s != nil {
		return s.stdout
	}
	return os.Stdout
}

// ExecFile parses and runs an exosh program in the exosh dialect with the
// given predeclared names (usually Predeclared(), plus argv), and returns
// its globals. src is as for starlark.ExecFile: nil reads filename.
func ExecFile(thread *starlark.Thread, filename string, src any, predeclared starlark.StringDict) (starlark.StringDict, error) {
	return starlark.ExecFileOptions(FileOptions(), thread, filename, src, predeclared)
}

// Interrupt stops the program running on thread t: Starlark code stops at
// its next step, and model methods refuse to start. A running method that
// does not change its model returns at once (it finishes in the background,
// holding the model's lock, its result dropped); one that changes it stops
// if it is still computing (merge_nodes, ...), leaving the model as it was,
// and otherwise completes, so the model is always as the last completed
// call left it. Interrupt may be called from any goroutine; call
// ClearInterrupt before running the next statement on t.
func Interrupt(t *starlark.Thread) {
	if s := sessionOf(t); s != nil {
		s.interrupted.Store(true)
		s.stopMu.Lock()
		if s.stop == nil {
			s.stop = make(chan struct{})
		}
		select {
		case <-s.stop:
		default:
			close(s.stop)
		}
		s.stopMu.Unlock()
	}
	t.Cancel("interrupted")
}

// ClearInterrupt undoes Interrupt so that t can run again.
func ClearInterrupt(t *starlark.Thread) {
	if s := sessionOf(t); s != nil {
		s.interrupted.Store(false)
		s.stopMu.Lock()
		select {
		case <-s.stop:
			s.stop = make(chan struct{})
		default:
		}
		s.stopMu.Unlock()
	}
	t.Uncancel()
}

// stopChan returns the channel Interrupt closes.
func (s *session) stopChan() <-chan struct{} {
	s.stopMu.Lock()
	defer s.stopMu.Unlock()
	if s.stop == nil {
		s.stop = make(chan struct{})
	}
	return s.stop
}

func interrupted(t *starlark.Thread) bool {
	s := sessionOf(t)
	return s != nil && s.interrupted.Load()
}

// load implements the load statement: module names are paths of .star files,
// relative to the directory of the loading file.
func (s *session) load(t *starlark.Thread, module string) (starlark.StringDict, error) {
	path := module
	if !filepath.IsAbs(path) {
		dir := "."
		if t.CallStackDepth() > 0 {
			if from := t.CallFrame(0).Pos.Filename(); from != "" && !strings.HasPrefix(from, "<") {
				dir = filepath.Dir(from)
			}
		}
		path = filepath.Join(dir, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	e, seen := s.modules[abs]
	if seen && e == nil {
		return nil, fmt.Errorf("cycle in load graph: %s -> %s", strings.Join(s.loading, " -> "), module)
	}
	if e == nil {
		if s.predeclared == nil {
			s.predeclared = Predeclared()
		}
		s.modules[abs] = nil // loading
		s.loading = append(s.loading, module)
		globals, err := ExecFile(t, path, nil, s.predeclared)
		s.loading = s.loading[:len(s.loading)-1]
		e = &loadEntry{globals, err}
		s.modules[abs] = e
	}
	return e.globals, e.err
}
