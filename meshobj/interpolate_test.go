package meshobj

import (
	"math"
	"slices"
	"testing"
)

// fieldsOfTime returns twoCubes-like data where every value is y(time):
// a node field, an element field, node set and side set fields, a global
// variable, at the given times.
func fieldsOfTime(t testing.TB, times []float64, y func(float64) float64) *Model {
	t.Helper()
	m := twoBoxes(t)
	for _, tv := range times {
		mustOK(t, m.CreateTimestep(tv))
	}
	mustOK(t, m.CreateNodeField("nf", 0))
	mustOK(t, m.CreateElementField("ef", Sel("all"), 0))
	mustOK(t, m.CreateNodeSet(1, []int32{0, 1}))
	mustOK(t, m.CreateNodeSetField("nsf", Sel(1), 0))
	mustOK(t, m.CreateSideSet(1, cubeFaces(4, 0)))
	mustOK(t, m.CreateSideSetField("ssf", Sel(1), 0))
	mustOK(t, m.CreateGlobalVariable("g", 0))
	for k, tv := range m.Timesteps {
		for _, v := range [][]float64{
			FindField(m.NodeFields, "nf").Own(k),
			FindField(m.Block(1).Fields, "ef").Own(k),
			FindField(m.Block(2).Fields, "ef").Own(k),
			m.NodeSet(1).Fields[0].Own(k),
			m.SideSet(1).Fields[0].Own(k),
		} {
			for i := range v {
				v[i] = y(tv) + float64(i)
			}
		}
		m.globalVar("g").Values[k] = y(tv)
	}
	return m
}

// checkAtTime checks every value at time tv against y(tv).
func checkAtTime(t *testing.T, m *Model, tv float64, want float64) {
	t.Helper()
	k := m.timestepIndex(tv)
	if k < 0 {
		t.Fatalf("timestep %v missing", tv)
	}
	for name, v := range map[string][]float64{
		"nf": FindField(m.NodeFields, "nf").Values[k], "ef1": FindField(m.Block(1).Fields, "ef").Values[k],
		"ef2": FindField(m.Block(2).Fields, "ef").Values[k], "nsf": m.NodeSet(1).Fields[0].Values[k],
		"ssf": m.SideSet(1).Fields[0].Values[k],
	} {
		checkAll(t, name, v, len(v), func(i int) float64 { return want + float64(i) })
	}
	checkClose(t, "g", m.globalVar("g").Values[k], want)
}

func TestCubicCoefficients(t *testing.T) {
	// exomerge's docstring: _cubic_interpolation(1.71, 0, 1, 2, 3) is
	// [-0.0298555, 0.2766165, 0.8263335, -0.0730945] (rounded).
	got := cubicCoefficients(1.71, 0, 1, 2, 3)
	want := [4]float64{-0.0298555, 0.2766165, 0.8263335, -0.0730945}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 5e-8 {
			t.Errorf("coefficient %d = %v, want %v", i, got[i], want[i])
		}
	}
	// The weights are those of a Catmull-Rom spline: they reproduce
	// constants and lines on any spacing, and parabolas on a uniform one.
	for _, xs := range [][4]float64{{-1, 0.5, 2, 2.5}, {0, 1, 2, 3}} {
		c := cubicCoefficients(1.2, xs[0], xs[1], xs[2], xs[3])
		uniform := xs[1]-xs[0] == xs[2]-xs[1] && xs[3]-xs[2] == xs[2]-xs[1]
		for p := range 3 {
			if p == 2 && !uniform {
				continue
			}
			s := 0.0
			for i := range 4 {
				s += c[i] * math.Pow(xs[i], float64(p))
			}
			checkClose(t, "moment", s, math.Pow(1.2, float64(p)))
		}
	}
}

// catmullRom evaluates the uniform Catmull-Rom spline through y0..y3 at
// u in [0, 1] between y1 and y2.
func catmullRom(y0, y1, y2, y3, u float64) float64 {
	return 0.5 * (2*y1 + (-y0+y2)*u + (2*y0-5*y1+4*y2-y3)*u*u + (-y0+3*y1-3*y2+y3)*u*u*u)
}

func TestCreateInterpolatedTimestep(t *testing.T) {
	cube := func(x float64) float64 { return x*x*x - 2*x }
	line := func(x float64) float64 { return 3*x + 1 }
	cases := []struct {
		name   string
		times  []float64
		y      func(float64) float64
		method string
		at     float64
		want   float64
	}{
		{"linear between steps", []float64{0, 1, 3}, cube, InterpolateLinear, 2, (cube(1) + cube(3)) / 2},
		{"linear near the upper step", []float64{0, 1, 3}, cube, InterpolateLinear, 2.5, 0.25*cube(1) + 0.75*cube(3)},
		{"cubic is Catmull-Rom inside", []float64{0, 1, 2, 3}, cube, InterpolateCubic, 1.71, catmullRom(cube(0), cube(1), cube(2), cube(3), 0.71)},
		{"cubic, first segment, mirrored step", []float64{0, 1, 2, 3}, cube, InterpolateCubic, 0.4, catmullRom(2*cube(0)-cube(1), cube(0), cube(1), cube(2), 0.4)},
		{"cubic, first segment, exact for a line", []float64{0, 1, 2, 3}, line, InterpolateCubic, 0.3, line(0.3)},
		{"cubic, last segment, exact for a line", []float64{0, 1, 2, 3}, line, InterpolateCubic, 2.9, line(2.9)},
		{"cubic, two steps, exact for a line", []float64{1, 2}, line, InterpolateCubic, 1.25, line(1.25)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fieldsOfTime(t, c.times, c.y)
			mustOK(t, m.CreateInterpolatedTimestep(c.at, c.method))
			mustOK(t, m.Validate())
			if !slices.IsSorted(m.Timesteps) || len(m.Timesteps) != len(c.times)+1 {
				t.Errorf("timesteps %v", m.Timesteps)
			}
			checkAtTime(t, m, c.at, c.want)
			// The existing steps are untouched.
			checkAtTime(t, m, c.times[1], c.y(c.times[1]))
		})
	}
	m := fieldsOfTime(t, []float64{0, 1}, line)
	wantErr(t, m.CreateInterpolatedTimestep(2, InterpolateLinear), "does not lie within the range")
	wantErr(t, m.CreateInterpolatedTimestep(math.NaN(), InterpolateLinear), "does not lie within the range")
	wantErr(t, m.CreateInterpolatedTimestep(0.5, "quintic"), "Unknown interpolation technique")
	r := watch(m)
	mustOK(t, m.CreateInterpolatedTimestep(1, InterpolateLinear))
	if got := r.shorts(); !slices.Equal(got, []string{"Timestep already exists."}) {
		t.Errorf("warnings %v", got)
	}
	one := fieldsOfTime(t, []float64{0}, line)
	wantErr(t, one.CreateInterpolatedTimestep(0.5, InterpolateCubic), "2 or more timesteps")
}
