package meshobj

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"exosh/compute/expr"
)

// stressModel returns twoBoxes with timesteps 0, 1, 2; element fields
// stress_xx = i + time and stress_yy = 2*i on both blocks, "only1" on
// block 1; global variable ke = 10*time; node field temp = node index;
// node set 1 = nodes {2, 0, 130} with field nsf = 7*member; side set 1 =
// the y=0 faces of block 1 with field ssf = member + time.
func stressModel(t testing.TB) *Model {
	t.Helper()
	m := twoBoxes(t)
	for _, tv := range []float64{0, 1, 2} {
		mustOK(t, m.CreateTimestep(tv))
	}
	mustOK(t, m.CreateElementField("stress_xx", Sel("all"), 0))
	mustOK(t, m.CreateElementField("stress_yy", Sel("all"), 0))
	mustOK(t, m.CreateElementField("only1", Sel(1), 1))
	mustOK(t, m.CreateGlobalVariable("ke", 0))
	mustOK(t, m.CreateNodeField("temp", 0))
	mustOK(t, m.CreateNodeSet(1, []int32{2, 0, 130}))
	mustOK(t, m.CreateNodeSetField("nsf", Sel(1), 0))
	mustOK(t, m.CreateSideSet(1, cubeFaces(4, 0)))
	mustOK(t, m.CreateSideSetField("ssf", Sel(1), 0))
	for k, tv := range m.Timesteps {
		for _, b := range m.Blocks {
			xx, yy := FindField(b.Fields, "stress_xx").Own(k), FindField(b.Fields, "stress_yy").Own(k)
			for i := range xx {
				xx[i], yy[i] = float64(i)+tv, 2*float64(i)
			}
		}
		m.globalVar("ke").Values[k] = 10 * tv
		for i, v := range FindField(m.NodeFields, "temp").Values[k] {
			_ = v
			FindField(m.NodeFields, "temp").Own(k)[i] = float64(i)
		}
		for i := range m.NodeSet(1).Fields[0].Values[k] {
			m.NodeSet(1).Fields[0].Own(k)[i] = 7 * float64(i)
		}
		for i := range m.SideSet(1).Fields[0].Values[k] {
			m.SideSet(1).Fields[0].Own(k)[i] = float64(i) + tv
		}
	}
	return m
}

func TestCalculateElementField(t *testing.T) {
	cases := []struct {
		expr   string
		blocks Selector
		want   func(i int, tv float64) float64
	}{
		{"vm = stress_xx*stress_xx + stress_yy - time", Sel("all"),
			func(i int, tv float64) float64 { x := float64(i) + tv; return x*x + 2*float64(i) - tv }},
		{"p = (stress_xx + stress_yy + ke) / -3", Sel("all"),
			func(i int, tv float64) float64 { return (float64(i) + tv + 2*float64(i) + 10*tv) / -3 }},
		{"s = sqrt(stress_yy) ^ 2 + max(stress_xx, 3) + only1", Sel(1),
			func(i int, tv float64) float64 {
				return math.Pow(math.Sqrt(2*float64(i)), 2) + math.Max(float64(i)+tv, 3) + 1
			}},
		{"c = 2*time", Sel("all"), func(_ int, tv float64) float64 { return 2 * tv }},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			m := stressModel(t)
			mustOK(t, m.CalculateElementField(c.expr, c.blocks))
			name := strings.TrimSpace(c.expr[:strings.Index(c.expr, "=")])
			ids, _ := m.ResolveElementBlocks(c.blocks)
			for _, id := range ids {
				for k, tv := range m.Timesteps {
					v := elemValues(t, m, id, name, k)
					checkAll(t, name, v, m.Block(id).NumElems, func(i int) float64 { return c.want(i, tv) })
				}
			}
		})
	}
}

func TestCalculateElementFieldSelfReference(t *testing.T) {
	// exomerge resets an existing field to NaN before evaluating; exosh
	// uses its old values.
	m := stressModel(t)
	r := watch(m)
	mustOK(t, m.CalculateElementField("stress_xx = stress_xx + 1", Sel(1)))
	checkAll(t, "stress_xx", elemValues(t, m, 1, "stress_xx", 2), 64, func(i int) float64 { return float64(i) + 2 + 1 })
	checkAll(t, "stress_xx on block 2", elemValues(t, m, 2, "stress_xx", 2), 1, func(i int) float64 { return float64(i) + 2 })
	if got := r.shorts(); !slices.Equal(got, []string{"Element field already exists."}) {
		t.Errorf("warnings %v", got)
	}
	// A new field refers to its default value.
	mustOK(t, m.CalculateElementField("fresh = fresh + 1", Sel(2)))
	if v := elemValues(t, m, 2, "fresh", 0)[0]; !math.IsNaN(v) {
		t.Errorf("fresh = %v, want NaN", v)
	}
	mustOK(t, m.CalculateElementField("disp_q = disp_q + 1", Sel(2)))
	checkClose(t, "disp_q", elemValues(t, m, 2, "disp_q", 0)[0], 1)
}

func TestCalculateElementFieldErrors(t *testing.T) {
	cases := []struct {
		expr   string
		blocks Selector
		want   []string
		is     error
	}{
		{"vm = stres_xx * 2", Sel("all"), []string{`name "stres_xx" is not defined`, "stress_xx", "ke", "time"}, expr.ErrUndefined},
		{"vm = only1 * 2", Sel("all"), []string{`uses "only1", which is not defined on element block 2`, "Defined variables: ke, stress_xx, stress_yy, time, vm"}, nil},
		{"stress_xx * 2", Sel("all"), []string{`"=" sign must be present`}, nil},
		{"stress_xx == stress_yy", Sel("all"), []string{`the form "name = expression"`}, nil},
		{"vm = (stress_xx", Sel("all"), []string{"syntax error"}, expr.ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			m := stressModel(t)
			before := FieldNames(m.Block(1).Fields)
			err := m.CalculateElementField(c.expr, c.blocks)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			if !strings.HasPrefix(err.Error(), "meshobj: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if got := FieldNames(m.Block(1).Fields); !slices.Equal(got, before) {
				t.Errorf("fields %v after a failed calculation, want %v", got, before)
			}
		})
	}
}

func TestCalculateNodeField(t *testing.T) {
	m := stressModel(t)
	mustOK(t, m.CalculateNodeField("d = X + 2*Y - Z*temp + ke"))
	for k, tv := range m.Timesteps {
		checkAll(t, "d", FindField(m.NodeFields, "d").Values[k], m.NumNodes(), func(n int) float64 {
			p := nodeAt(m, int32(n))
			return p[0] + 2*p[1] - p[2]*float64(n) + 10*tv
		})
	}
	// A node field called X hides the coordinate.
	mustOK(t, m.CreateNodeField("X", 5))
	mustOK(t, m.CalculateNodeField("e = X"))
	checkAll(t, "e", FindField(m.NodeFields, "e").Values[0], m.NumNodes(), func(int) float64 { return 5 })
	// As in exomerge, an existing node field keeps its values.
	mustOK(t, m.CalculateNodeField("temp = temp * 2"))
	checkAll(t, "temp", FindField(m.NodeFields, "temp").Values[1], m.NumNodes(), func(n int) float64 { return 2 * float64(n) })
	wantErrText(t, m.CalculateNodeField("q = stress_xx"), `name "stress_xx" is not defined`)
}

func TestCalculateNodeSetField(t *testing.T) {
	m := stressModel(t)
	members := []int32{2, 0, 130}
	mustOK(t, m.CalculateNodeSetField("f = nsf + X + temp + time", Sel("all")))
	for k, tv := range m.Timesteps {
		checkAll(t, "f", m.NodeSet(1).Fields[1].Values[k], 3, func(i int) float64 {
			n := members[i]
			return 7*float64(i) + nodeAt(m, n)[0] + float64(n) + tv
		})
	}
}

func TestCalculateSideSetField(t *testing.T) {
	m := stressModel(t)
	mustOK(t, m.CalculateSideSetField("h = ssf * 2 + ke", Sel(1)))
	for k, tv := range m.Timesteps {
		checkAll(t, "h", FindField(m.SideSet(1).Fields, "h").Values[k], 16, func(i int) float64 { return 2*(float64(i)+tv) + 10*tv })
	}
	wantErrText(t, m.CalculateSideSetField("h = X", Sel(1)), `name "X" is not defined`)
}

func TestCalculateGlobalVariable(t *testing.T) {
	m := stressModel(t)
	mustOK(t, m.CalculateGlobalVariable("time_squared = time ^ 2 + ke"))
	for k, tv := range m.Timesteps {
		checkClose(t, "time_squared", m.globalVar("time_squared").Values[k], tv*tv+10*tv)
	}
	r := watch(m)
	mustOK(t, m.CalculateGlobalVariable("ke = ke / 10"))
	for k, tv := range m.Timesteps {
		checkClose(t, "ke", m.globalVar("ke").Values[k], tv)
	}
	if got := r.shorts(); !slices.Equal(got, []string{"Global variable already exists."}) {
		t.Errorf("warnings %v", got)
	}
	wantErrText(t, m.CalculateGlobalVariable("g = temp"), `name "temp" is not defined`)
}

// wantErrText checks that err is an error whose text contains each part.
func wantErrText(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}

func TestCalculateElementFieldNameShadowing(t *testing.T) {
	// "only1" is an element field on block 1 and a global variable: block
	// 1 uses the field (exomerge sets fields after globals), block 2 the
	// global. A global called "time" hides the time, as in exomerge.
	m := stressModel(t)
	mustOK(t, m.CreateGlobalVariable("only1", 0))
	mustOK(t, m.CreateGlobalVariable("time", 0))
	for k := range m.Timesteps {
		m.globalVar("only1").Values[k] = 100 + float64(k)
		m.globalVar("time").Values[k] = -5
	}
	mustOK(t, m.CalculateElementField("x = only1 * 2 + time", Sel("all")))
	for k := range m.Timesteps {
		checkAll(t, "x on block 1", elemValues(t, m, 1, "x", k), 64, func(int) float64 { return 1*2 - 5 })
		checkAll(t, "x on block 2", elemValues(t, m, 2, "x", k), 1, func(int) float64 { return (100+float64(k))*2 - 5 })
	}
}
