package meshobj

import (
	"fmt"
	"strings"
	"testing"
)

// recorder collects warnings.
type recorder struct{ ws []Warning }

func (r *recorder) warn(w Warning) { r.ws = append(r.ws, w) }

func (r *recorder) shorts() []string {
	var s []string
	for _, w := range r.ws {
		s = append(s, w.Short)
	}
	return s
}

func (r *recorder) reset() { r.ws = nil }

// watch installs a recorder on m.
func watch(m *Model) *recorder {
	r := &recorder{}
	m.Warn = r.warn
	return r
}

// cube returns a model holding build_hex8_cube(1, extents=1, divisions=3).
func cube(t testing.TB) *Model {
	t.Helper()
	m := New()
	if err := m.BuildHex8Cube(1, [3][2]float64{{0, 1}, {0, 1}, {0, 1}}, [3]int{3, 3, 3}); err != nil {
		t.Fatal(err)
	}
	return m
}

// fiveBlocks returns a model of five one-element hex8 blocks (ids 1..5,
// named "b1".."b5" except block 3), with two timesteps (0.0 and 1.5), node
// and element fields, node and side sets.
func fiveBlocks(t testing.TB) *Model {
	t.Helper()
	m := New()
	for i := range 5 {
		ext := [3][2]float64{{float64(2 * i), float64(2*i + 1)}, {0, 1}, {0, 1}}
		if err := m.BuildHex8Cube(int64(i+1), ext, [3]int{1, 1, 1}); err != nil {
			t.Fatal(err)
		}
		if i != 2 {
			m.Blocks[i].Name = fmt.Sprintf("b%d", i+1)
		}
	}
	mustOK(t, m.CreateTimestep(0.0))
	mustOK(t, m.CreateTimestep(1.5))
	return m
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr checks that err is an *Error whose message contains each part.
func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v is %T, want *Error", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(e.Error(), p) {
			t.Errorf("error %q does not contain %q", e.Error(), p)
		}
	}
}
