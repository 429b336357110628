package compute

import (
	"errors"
	"math"
)

// The transforms act on the nodes idx of coords (3 values per node), or on
// every node if idx is nil. idx must not repeat a node: a repeated node would
// be transformed twice, and concurrently. They follow exomerge's
// _translate_nodes, _scale_nodes, _rotate_nodes and reflect_element_blocks
// expression by expression.

// Translate adds offset to the nodes idx (all if nil).
func Translate(coords []float64, idx []int32, offset [3]float64) {
	dx, dy, dz := offset[0], offset[1], offset[2]
	eachNode(coords, idx, func(p int) {
		coords[p] += dx
		coords[p+1] += dy
		coords[p+2] += dz
	})
}

// Scale multiplies the coordinates of the nodes idx (all if nil) by factor.
func Scale(coords []float64, idx []int32, factor float64) {
	eachNode(coords, idx, func(p int) {
		coords[p] *= factor
		coords[p+1] *= factor
		coords[p+2] *= factor
	})
}

// ScaleValues multiplies v[i] by factor for i in idx (every i if idx is nil).
// exomerge's scale operations apply it to each displacement component.
func ScaleValues(v []float64, idx []int32, factor float64) {
	if idx == nil {
		parallelFor(len(v), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				v[i] *= factor
			}
		})
		return
	}
	parallelFor(len(idx), grainLight, func(lo, hi int) {
		for _, i := range idx[lo:hi] {
			v[i] *= factor
		}
	})
}

// Matrix3 is a 3x3 matrix, row-major: M[r][c].
type Matrix3 [3][3]float64

// ErrZeroVector is returned for a zero rotation axis or reflection normal.
var ErrZeroVector = errors.New("compute: zero-length axis or normal")

// RotationMatrix returns exomerge's matrix for a rotation of angleDeg
// degrees about axis through the origin, by the right-hand rule: the axis is
// normalised, and for a multiple of 90 degrees the sine and cosine are
// rounded to exactly -1, 0 or 1. It returns ErrZeroVector for a zero axis,
// where exomerge divides by zero.
func RotationMatrix(axis [3]float64, angleDeg float64) (Matrix3, error) {
	scale := math.Sqrt(float64(float64(axis[0]*axis[0])+float64(axis[1]*axis[1])) + float64(axis[2]*axis[2]))
	if scale == 0 || math.IsNaN(scale) {
		return Matrix3{}, ErrZeroVector
	}
	ux, uy, uz := axis[0]/scale, axis[1]/scale, axis[2]/scale
	theta := angleDeg * math.Pi / 180
	cost, sint := math.Cos(theta), math.Sin(theta)
	if math.Mod(angleDeg, 90) == 0 {
		sint = math.Floor(sint + 0.5)
		cost = math.Floor(cost + 0.5)
	}
	omc := 1 - cost
	return Matrix3{
		{cost + float64(float64(ux*ux)*omc), float64(float64(ux*uy)*omc) - float64(uz*sint), float64(float64(ux*uz)*omc) + float64(uy*sint)},
		{float64(float64(uy*ux)*omc) + float64(uz*sint), cost + float64(float64(uy*uy)*omc), float64(float64(uy*uz)*omc) - float64(ux*sint)},
		{float64(float64(uz*ux)*omc) - float64(uy*sint), float64(float64(uz*uy)*omc) + float64(ux*sint), cost + float64(float64(uz*uz)*omc)},
	}, nil
}

// Apply returns m times (x, y, z), each row's products summed left to
// right as exomerge does.
func (m *Matrix3) Apply(x, y, z float64) (float64, float64, float64) {
	return float64(float64(m[0][0]*x)+float64(m[0][1]*y)) + float64(m[0][2]*z),
		float64(float64(m[1][0]*x)+float64(m[1][1]*y)) + float64(m[1][2]*z),
		float64(float64(m[2][0]*x)+float64(m[2][1]*y)) + float64(m[2][2]*z)
}

// Rotate rotates the nodes idx (all if nil) by angleDeg degrees about axis
// through the origin (RotationMatrix). It returns ErrZeroVector for a zero
// axis, leaving coords unchanged.
func Rotate(coords []float64, idx []int32, axis [3]float64, angleDeg float64) error {
	m, err := RotationMatrix(axis, angleDeg)
	if err != nil {
		return err
	}
	eachNode(coords, idx, func(p int) {
		coords[p], coords[p+1], coords[p+2] = m.Apply(coords[p], coords[p+1], coords[p+2])
	})
	return nil
}

// RotateVectors rotates the vectors (x[i], y[i], z[i]) for i in idx (every i
// if nil) as Rotate rotates nodes; exomerge applies it to the displacement
// field at every timestep. x, y and z must have equal lengths.
func RotateVectors(x, y, z []float64, idx []int32, axis [3]float64, angleDeg float64) error {
	m, err := RotationMatrix(axis, angleDeg)
	if err != nil {
		return err
	}
	eachVector(x, y, z, idx, func(i int) {
		x[i], y[i], z[i] = m.Apply(x[i], y[i], z[i])
	})
	return nil
}

// unit returns v normalised as exomerge normalises normals.
func unit(v [3]float64) ([3]float64, error) {
	scale := math.Sqrt(float64(float64(v[0]*v[0])+float64(v[1]*v[1])) + float64(v[2]*v[2]))
	if scale == 0 || math.IsNaN(scale) {
		return v, ErrZeroVector
	}
	return [3]float64{v[0] / scale, v[1] / scale, v[2] / scale}, nil
}

// Reflect mirrors the nodes idx (all if nil) in the plane through point with
// the given normal (normalised here), as reflect_element_blocks does:
// a -= 2 d n with d = (a - point) . n. It only moves nodes; reversing the
// element orientation is the caller's job. It returns ErrZeroVector for a
// zero normal.
func Reflect(coords []float64, idx []int32, point, normal [3]float64) error {
	n, err := unit(normal)
	if err != nil {
		return err
	}
	eachNode(coords, idx, func(p int) {
		d := 0.0
		d += float64((coords[p] - point[0]) * n[0])
		d += float64((coords[p+1] - point[1]) * n[1])
		d += float64((coords[p+2] - point[2]) * n[2])
		d2 := 2 * d
		coords[p] -= float64(d2 * n[0])
		coords[p+1] -= float64(d2 * n[1])
		coords[p+2] -= float64(d2 * n[2])
	})
	return nil
}

// ReflectVectors mirrors the vectors (x[i], y[i], z[i]) for i in idx (every
// i if nil) in a plane with the given normal: v -= 2 (v . n) n, as
// reflect_element_blocks does to the displacement field.
func ReflectVectors(x, y, z []float64, idx []int32, normal [3]float64) error {
	n, err := unit(normal)
	if err != nil {
		return err
	}
	eachVector(x, y, z, idx, func(i int) {
		d := float64(float64(x[i]*n[0])+float64(y[i]*n[1])) + float64(z[i]*n[2])
		d2 := 2 * d
		x[i] -= float64(d2 * n[0])
		y[i] -= float64(d2 * n[1])
		z[i] -= float64(d2 * n[2])
	})
	return nil
}

// eachNode calls fn(3*node) for every node in idx, or every node of coords
// if idx is nil, in parallel.
func eachNode(coords []float64, idx []int32, fn func(p int)) {
	if idx == nil {
		parallelFor(len(coords)/3, grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				fn(3 * i)
			}
		})
		return
	}
	parallelFor(len(idx), grainLight, func(lo, hi int) {
		for _, i := range idx[lo:hi] {
			fn(3 * int(i))
		}
	})
}

// eachVector calls fn(i) for every i in idx, or every index of x if idx is
// nil, in parallel, after checking that x, y and z have equal lengths.
func eachVector(x, y, z []float64, idx []int32, fn func(i int)) {
	if len(x) != len(y) || len(x) != len(z) {
		panic("compute: vector component slices differ in length")
	}
	if idx == nil {
		parallelFor(len(x), grainLight, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				fn(i)
			}
		})
		return
	}
	parallelFor(len(idx), grainLight, func(lo, hi int) {
		for _, i := range idx[lo:hi] {
			fn(int(i))
		}
	})
}
