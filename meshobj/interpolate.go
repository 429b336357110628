package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"exosh/compute"
)

// Interpolation methods of CreateInterpolatedTimestep.
const (
	InterpolateLinear = "linear"
	InterpolateCubic  = "cubic"
)

// stepWeight is one term of an interpolation formula: the values at the
// existing time t, weighted by w.
type stepWeight struct {
	t, w float64
}

// CreateInterpolatedTimestep creates the timestep t with every value
// interpolated in time from the existing timesteps (exomerge's
// create_interpolated_timestep): node, element, node set and side set
// fields, global variables, and (beyond exomerge) reduction variables.
// interpolation is InterpolateCubic (exomerge's default: a cubic
// Catmull-Rom spline between the two neighbouring steps, its slopes taken
// from the next step on each side, or from an imaginary step mirrored
// beyond the first or last) or InterpolateLinear.
// It warns and does nothing if t exists; it is an error to extrapolate
// (t outside the existing range, or fewer than two timesteps) or to name
// another method.
func (m *Model) CreateInterpolatedTimestep(t float64, interpolation string) error {
	if m.TimestepExists(t) {
		m.existsWarning(PyFloat(t), entTimestep)
		return nil
	}
	steps := m.GetTimesteps()
	if len(steps) < 2 {
		parts := make([]string, len(steps))
		for i, s := range steps {
			parts[i] = PyFloat(s)
		}
		return newError("Invalid interpolation.",
			fmt.Sprintf("A timestep cannot be interpolated unless 2 or more timesteps already exist. There are %d defined timesteps: %s", len(steps), strings.Join(parts, ", ")))
	}
	if !(steps[0] <= t && t <= steps[len(steps)-1]) {
		return newError("Invalid interpolation.",
			fmt.Sprintf("The specified timestep %s does not lie within the range of timesteps already defined: [%s, %s].", PyFloat(t), PyFloat(steps[0]), PyFloat(steps[len(steps)-1])))
	}
	var formula []stepWeight
	switch interpolation {
	case InterpolateLinear:
		formula = linearFormula(steps, t)
	case InterpolateCubic:
		formula = cubicFormula(steps, t)
	default:
		return newError("Unknown interpolation technique",
			`The specified interpolation technique "`+interpolation+`" is not recognized.`)
	}
	// As CreateTimestep(t), but each new row is computed directly instead
	// of being filled with default values first: the rows are allocated
	// concurrently, computed in parallel from the existing steps, then
	// inserted.
	at := m.newTimestepIndex(t)
	src := make([]int, len(formula))
	w := make([]float64, len(formula))
	for k, f := range formula {
		src[k] = m.timestepIndex(f.t)
		w[k] = f.w
	}
	var all []series
	m.eachSeries(func(s series) { all = append(all, s) })
	rows := make([][]float64, len(all))
	tasks := make([]sizedTask, len(all))
	for i, s := range all {
		tasks[i] = sizedTask{s.n, func() { rows[i] = compute.Float64s(s.n) }}
	}
	runTasks(tasks)
	for i, s := range all {
		vals := *s.vals
		terms := make([][]float64, len(src))
		for k, j := range src {
			terms[k] = vals[j]
		}
		interpolateRow(rows[i], terms, w)
	}
	for i, s := range all {
		*s.vals = slices.Insert(*s.vals, at, rows[i])
	}
	for _, g := range m.GlobalVars {
		v := 0.0
		for k, j := range src {
			v += float64(g.Values[j] * w[k])
		}
		g.Values = slices.Insert(g.Values, at, v)
	}
	m.Timesteps = slices.Insert(m.Timesteps, at, t)
	return nil
}

// interpolateRow sets dst[i] to the sum, from 0 and in order, of
// terms[k][i]*w[k], in parallel.
func interpolateRow(dst []float64, terms [][]float64, w []float64) {
	parallelFor(len(dst), 1<<14, func(lo, hi int) {
		d := dst[lo:hi]
		switch len(terms) {
		case 2:
			a, b := terms[0][lo:hi], terms[1][lo:hi]
			a, b = a[:len(d)], b[:len(d)]
			for i := range d {
				v := 0.0
				v += float64(a[i] * w[0])
				v += float64(b[i] * w[1])
				d[i] = v
			}
		case 3:
			a, b, c := terms[0][lo:hi], terms[1][lo:hi], terms[2][lo:hi]
			a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
			for i := range d {
				v := 0.0
				v += float64(a[i] * w[0])
				v += float64(b[i] * w[1])
				v += float64(c[i] * w[2])
				d[i] = v
			}
		case 4:
			a, b, c, e := terms[0][lo:hi], terms[1][lo:hi], terms[2][lo:hi], terms[3][lo:hi]
			a, b, c, e = a[:len(d)], b[:len(d)], c[:len(d)], e[:len(d)]
			for i := range d {
				v := 0.0
				v += float64(a[i] * w[0])
				v += float64(b[i] * w[1])
				v += float64(c[i] * w[2])
				v += float64(e[i] * w[3])
				d[i] = v
			}
		default:
			for i := range d {
				v := 0.0
				for k, t := range terms {
					v += float64(t[lo+i] * w[k])
				}
				d[i] = v
			}
		}
	})
}

// nearest returns the first of steps closest to t (Python's min with a
// key).
func nearest(steps []float64, t float64) int {
	best := 0
	for i, s := range steps {
		if math.Abs(s-t) < math.Abs(steps[best]-t) {
			best = i
		}
	}
	return best
}

// linearFormula is exomerge's linear interpolation between the two steps
// around t (t is within the range and not a step).
func linearFormula(steps []float64, t float64) []stepWeight {
	i := nearest(steps, t)
	a, b := steps[i], 0.0
	if a < t {
		b = steps[i+1]
	} else {
		a, b = steps[i-1], a
	}
	phi := (t - a) / (b - a)
	return []stepWeight{{a, 1 - phi}, {b, phi}}
}

// cubicFormula is exomerge's cubic interpolation: the steps x1 <= t <= x2
// with their neighbours x0 and x3, where a missing neighbour is the mirror
// image of the other side (2*x1 - x2, 2*x2 - x1, with the value extended
// linearly) and its weight is folded into the two steps it was built from.
func cubicFormula(steps []float64, t float64) []stepWeight {
	i := nearest(steps, t)
	if steps[i] > t {
		i--
	}
	x1, x2 := steps[i], steps[i+1]
	x0, x3 := 2*x1-x2, 2*x2-x1
	if i > 0 {
		x0 = steps[i-1]
	}
	if i+2 < len(steps) {
		x3 = steps[i+2]
	}
	c := cubicCoefficients(t, x0, x1, x2, x3)
	f := []stepWeight{{x1, c[1]}, {x2, c[2]}}
	if i == 0 {
		f[0].w += 2 * c[0]
		f[1].w -= c[0]
	} else {
		f = append(f, stepWeight{x0, c[0]})
	}
	if i+2 == len(steps) {
		f[0].w -= c[3]
		f[1].w += 2 * c[3]
	} else {
		f = append(f, stepWeight{x3, c[3]})
	}
	return f
}

// cubicCoefficients returns the weights of y0..y3 in exomerge's cubic
// interpolation at x, x1 <= x <= x2, written as its _cubic_interpolation
// writes them: a Catmull-Rom spline, which reproduces lines on any spacing
// and parabolas on a uniform one (it is not the cubic through the four
// points).
func cubicCoefficients(x, x0, x1, x2, x3 float64) [4]float64 {
	sq := func(v float64) float64 { return math.Pow(v, 2) }
	cu := func(v float64) float64 { return math.Pow(v, 3) }
	return [4]float64{
		((x - x1) * sq(x-x2)) / ((x0 - x2) * sq(x1-x2)),
		-(((x - x2) * (-(x * x1 * (x1 + 3*x2)) -
			x1*(sq(x1)-4*x1*x2+sq(x2)) +
			sq(x)*(x1+x2-2*x3) +
			x2*(-3*x1+x2)*x3 +
			x*(3*x1+x2)*x3)) /
			(cu(x1-x2) * (x1 - x3))),
		((x - x1) * (x0*x1*(x1-3*x2) +
			sq(x)*(-2*x0+x1+x2) -
			x2*(sq(x1)-4*x1*x2+sq(x2)) +
			x*(-(x2*(3*x1+x2))+x0*(x1+3*x2)))) /
			((x0 - x2) * cu(-x1+x2)),
		(sq(x-x1) * (x - x2)) / (sq(x1-x2) * (x3 - x1)),
	}
}
