package builtins

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// TestMeter drives a progress meter with a fake clock: nothing for quick
// operations, then at most one redraw per period, and a closing line.
func TestMeter(t *testing.T) {
	base := time.Unix(0, 0)
	cases := []struct {
		name  string
		steps []struct {
			at          time.Duration
			done, total int64
		}
		err  error
		want string
	}{
		{
			name: "quick operation shows nothing",
			steps: []struct {
				at          time.Duration
				done, total int64
			}{{10 * time.Millisecond, 50, 100}, {400 * time.Millisecond, 100, 100}},
			want: "",
		},
		{
			name: "long operation",
			steps: []struct {
				at          time.Duration
				done, total int64
			}{
				{100 * time.Millisecond, 10, 100},
				{600 * time.Millisecond, 25, 100},
				{650 * time.Millisecond, 30, 100}, // within the period: skipped
				{800 * time.Millisecond, 60, 100},
				{950 * time.Millisecond, 60, 100}, // same percentage: skipped
				{1200 * time.Millisecond, 100, 100},
			},
			want: "\rop  25%\rop  60%\rop 100%\rop 100% (1.5 s)\n",
		},
		{
			name: "failure",
			steps: []struct {
				at          time.Duration
				done, total int64
			}{{700 * time.Millisecond, 5, 10}},
			err:  errors.New("disk full"),
			want: "\rop  50%\rop failed\n",
		},
	}
	for _, tc := range cases {
		now := base
		var out bytes.Buffer
		m := newMeter(&out, "op", func() time.Time { return now })
		for _, s := range tc.steps {
			now = base.Add(s.at)
			m.update(s.done, s.total)
		}
		now = base.Add(1500 * time.Millisecond)
		m.end(tc.err)
		if got := out.String(); got != tc.want {
			t.Errorf("%s: wrote %q, want %q", tc.name, got, tc.want)
		}
	}
}
