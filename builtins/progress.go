package builtins

import (
	"errors"
	"fmt"
	"io"
	"time"

	"exosh/exodus"
	"exosh/meshobj"
)

// Progress lines appear once an operation has run for progressDelay, and
// are redrawn at most every progressEvery.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

// meter draws one self-overwriting progress line on a terminal.
type meter struct {
	w             io.Writer
	label         string
	start, drawn  time.Time
	shown         bool
	lastPercent   int
	now           func() time.Time
	delay, period time.Duration
}

// progress returns a progress callback for the call's long I/O, and a
// function that ends the line; both do nothing unless the thread shows
// progress.
func (c *call) progress(what string) (update func(done, total int64), end func(error)) {
	s := sessionOf(c.thread)
	if s == nil || !s.progress {
		return nil, func(error) {}
	}
	m := newMeter(s.stderr, c.name+": "+what, time.Now)
	return m.update, m.end
}

func newMeter(w io.Writer, label string, now func() time.Time) *meter {
	return &meter{w: w, label: label, start: now(), now: now, lastPercent: -1, delay: progressDelay, period: progressEvery}
}

// update redraws the line when it is due.
func (m *meter) update(done, total int64) {
	if total <= 0 {
		return
	}
	t := m.now()
	if t.Sub(m.start) < m.delay || (m.shown && t.Sub(m.drawn) < m.period) {
		return
	}
	pct := int(100 * done / total)
	if pct == m.lastPercent {
		return
	}
	m.lastPercent, m.drawn, m.shown = pct, t, true
	fmt.Fprintf(m.w, "\r%s %3d%%", m.label, pct)
}

// end finishes a line that was shown: with the time taken, "stopped"
// when err is an interrupt (exodus.ErrStopped or meshobj.ErrInterrupted),
// or "failed" for another error.
func (m *meter) end(err error) {
	switch {
	case !m.shown:
	case errors.Is(err, exodus.ErrStopped) || errors.Is(err, meshobj.ErrInterrupted):
		fmt.Fprintf(m.w, "\r%s stopped\n", m.label)
	case err != nil:
		fmt.Fprintf(m.w, "\r%s failed\n", m.label)
	default:
		fmt.Fprintf(m.w, "\r%s 100%% (%.1f s)\n", m.label, m.now().Sub(m.start).Seconds())
	}
}
