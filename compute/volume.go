package compute

import (
	"errors"
	"fmt"
	"math"
)

// ErrNoVolume is returned by Volumes for a topology without a volume
// formula (points, spheres). exomerge warns and skips such blocks.
var ErrNoVolume = errors.New("compute: no volume formula for this element type")

// Volumes stores in dst[i] the "volume" of element i of the block with
// connectivity conn: the length of 1-D elements, the area of 2-D elements
// and shells, and the volume of solids. len(dst) must be
// len(conn)/t.NodesPerElem.
//
// The formulas are exomerge's VOLUME_FORMULA (calculate_element_volumes),
// evaluated in the same order, on the corner nodes only:
//
//	line:   |n1 - n0|
//	tri:    |(n1 - n0) x (n2 - n0)| / 2
//	quad:   |(n2 - n0) x (n3 - n1)| / 2            (also shell)
//	tet:    (n1 - n0) x (n2 - n0) . (n3 - n0) / 6
//	wedge:  a x b . c / 2 with a = m(1,4) - m(0,3), b = m(2,5) - m(0,3),
//	        c = m(3,4,5) - m(0,1,2), m() the mean of those nodes
//	hex:    a x b . c with a = m(1,2,5,6) - m(0,3,4,7),
//	        b = m(2,3,6,7) - m(0,1,4,5), c = m(4,5,6,7) - m(0,1,2,3)
//
// Solid volumes are signed: an inverted element has a negative volume, as
// in exomerge. The hex and wedge formulas are exact for parallelepipeds and
// prisms with parallel faces only, as in exomerge. exomerge has no pyramid
// formula; Volumes uses (n2 - n0) x (n3 - n1) . (n4 - m(0,1,2,3)) / 6,
// which is the exact volume of a pyramid with a bilinear base. Quadratic
// and higher types use their corners (exomerge does this for the types it
// knows: tet10, hex20, wedge15, quad8, tri6, line3).
//
// It returns ErrNoVolume if t.HasVolume() is false. It panics if len(conn)
// is not a multiple of t.NodesPerElem or dst has the wrong length.
func Volumes(dst, coords []float64, conn []int32, t *Topology) error {
	npe := t.NodesPerElem
	ne := checkConn(conn, npe)
	if len(dst) != ne {
		panic(fmt.Sprintf("compute: Volumes: len(dst) = %d, want %d elements", len(dst), ne))
	}
	vol := ruleFunc(t.rule)
	if vol == nil {
		return fmt.Errorf("%w %q", ErrNoVolume, t.Name)
	}
	parallelFor(ne, grainHeavy, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = vol(coords, conn[i*npe:i*npe+npe])
		}
	})
	return nil
}

// ruleFunc returns the kernel of a volume rule, or nil.
func ruleFunc(r volumeRule) func(c []float64, e []int32) float64 {
	switch r {
	case ruleLine:
		return lineLength
	case ruleTri:
		return triArea
	case ruleQuad:
		return quadArea
	case ruleTet:
		return tetVolume
	case ruleWedge:
		return wedgeVolume
	case ruleHex:
		return hexVolume
	case rulePyramid:
		return pyramidVolume
	}
	return nil
}

// The kernels below evaluate exomerge's expressions operation by operation;
// the float64 conversions forbid fused multiply-adds so that every
// architecture rounds as exomerge's Python does.

// crossNorm returns ((x0 x4 - x1 x3)^2 + (x2 x3 - x0 x5)^2 +
// (x1 x5 - x2 x4)^2)^0.5 for a = (x0, x1, x2), b = (x3, x4, x5).
func crossNorm(a0, a1, a2, b0, b1, b2 float64) float64 {
	z := float64(a0*b1) - float64(a1*b0)
	y := float64(a2*b0) - float64(a0*b2)
	x := float64(a1*b2) - float64(a2*b1)
	return math.Sqrt(float64(float64(z*z)+float64(y*y)) + float64(x*x))
}

// triple returns a x b . c in exomerge's order.
func triple(a0, a1, a2, b0, b1, b2, c0, c1, c2 float64) float64 {
	x := float64(a1*b2) - float64(a2*b1)
	y := float64(a2*b0) - float64(a0*b2)
	z := float64(a0*b1) - float64(a1*b0)
	return float64(float64(x*c0)+float64(y*c1)) + float64(z*c2)
}

func lineLength(c []float64, e []int32) float64 {
	p, q := 3*int(e[0]), 3*int(e[1])
	x0, x1, x2 := c[q]-c[p], c[q+1]-c[p+1], c[q+2]-c[p+2]
	return math.Sqrt(float64(float64(x0*x0)+float64(x1*x1)) + float64(x2*x2))
}

func triArea(c []float64, e []int32) float64 {
	p0, p1, p2 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2])
	return crossNorm(
		c[p1]-c[p0], c[p1+1]-c[p0+1], c[p1+2]-c[p0+2],
		c[p2]-c[p0], c[p2+1]-c[p0+1], c[p2+2]-c[p0+2],
	) * 0.5
}

func quadArea(c []float64, e []int32) float64 {
	p0, p1, p2, p3 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2]), 3*int(e[3])
	return crossNorm(
		c[p2]-c[p0], c[p2+1]-c[p0+1], c[p2+2]-c[p0+2],
		c[p3]-c[p1], c[p3+1]-c[p1+1], c[p3+2]-c[p1+2],
	) * 0.5
}

func tetVolume(c []float64, e []int32) float64 {
	p0, p1, p2, p3 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2]), 3*int(e[3])
	return triple(
		c[p1]-c[p0], c[p1+1]-c[p0+1], c[p1+2]-c[p0+2],
		c[p2]-c[p0], c[p2+1]-c[p0+1], c[p2+2]-c[p0+2],
		c[p3]-c[p0], c[p3+1]-c[p0+1], c[p3+2]-c[p0+2],
	) * (1.0 / 6.0)
}

func wedgeVolume(c []float64, e []int32) float64 {
	e = e[:6]
	p0, p1, p2 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2])
	p3, p4, p5 := 3*int(e[3]), 3*int(e[4]), 3*int(e[5])
	a0, b0, d0 := wedgeAxis(c[p0], c[p1], c[p2], c[p3], c[p4], c[p5])
	a1, b1, d1 := wedgeAxis(c[p0+1], c[p1+1], c[p2+1], c[p3+1], c[p4+1], c[p5+1])
	a2, b2, d2 := wedgeAxis(c[p0+2], c[p1+2], c[p2+2], c[p3+2], c[p4+2], c[p5+2])
	return triple(a0, a1, a2, b0, b1, b2, d0, d1, d2) * 0.5
}

// wedgeAxis returns one coordinate of exomerge's three wedge vectors.
func wedgeAxis(n0, n1, n2, n3, n4, n5 float64) (a, b, d float64) {
	a = (n1+n4)/2.0 - (n0+n3)/2.0
	b = (n2+n5)/2.0 - (n0+n3)/2.0
	d = (n3+n4+n5)/3.0 - (n0+n1+n2)/3.0
	return a, b, d
}

func hexVolume(c []float64, e []int32) float64 {
	e = e[:8]
	p0, p1, p2, p3 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2]), 3*int(e[3])
	p4, p5, p6, p7 := 3*int(e[4]), 3*int(e[5]), 3*int(e[6]), 3*int(e[7])
	a0, b0, d0 := hexAxis(c[p0], c[p1], c[p2], c[p3], c[p4], c[p5], c[p6], c[p7])
	a1, b1, d1 := hexAxis(c[p0+1], c[p1+1], c[p2+1], c[p3+1], c[p4+1], c[p5+1], c[p6+1], c[p7+1])
	a2, b2, d2 := hexAxis(c[p0+2], c[p1+2], c[p2+2], c[p3+2], c[p4+2], c[p5+2], c[p6+2], c[p7+2])
	return triple(a0, a1, a2, b0, b1, b2, d0, d1, d2)
}

// hexAxis returns one coordinate of exomerge's three hex vectors: the
// differences of opposite face centres.
func hexAxis(n0, n1, n2, n3, n4, n5, n6, n7 float64) (a, b, d float64) {
	a = (n1+n2+n5+n6)/4.0 - (n0+n3+n4+n7)/4.0
	b = (n2+n3+n6+n7)/4.0 - (n0+n1+n4+n5)/4.0
	d = (n4+n5+n6+n7)/4.0 - (n0+n1+n2+n3)/4.0
	return a, b, d
}

func pyramidVolume(c []float64, e []int32) float64 {
	e = e[:5]
	p0, p1, p2, p3, p4 := 3*int(e[0]), 3*int(e[1]), 3*int(e[2]), 3*int(e[3]), 3*int(e[4])
	a0, b0, d0 := pyramidAxis(c[p0], c[p1], c[p2], c[p3], c[p4])
	a1, b1, d1 := pyramidAxis(c[p0+1], c[p1+1], c[p2+1], c[p3+1], c[p4+1])
	a2, b2, d2 := pyramidAxis(c[p0+2], c[p1+2], c[p2+2], c[p3+2], c[p4+2])
	return triple(a0, a1, a2, b0, b1, b2, d0, d1, d2) * (1.0 / 6.0)
}

// pyramidAxis returns one coordinate of the pyramid's three vectors: the
// base diagonals and the apex minus the base centre.
func pyramidAxis(n0, n1, n2, n3, n4 float64) (a, b, d float64) {
	return n2 - n0, n3 - n1, n4 - (n0+n1+n2+n3)/4.0
}

// FaceAreas stores in dst[i] the area of side sides[i] (0-based) of element
// elems[i] (0-based) of a block of topology t with connectivity conn: the
// "volume" (see Volumes) of the face's own topology applied to the face's
// nodes. This is what exomerge's get_side_set_area sums: it builds blocks of
// the face types and takes their volumes, so a quad4 face's area is
// |(n2 - n0) x (n3 - n1)| / 2, a tri6 face's uses its corners, and a side of
// a 2-D element is an edge whose "area" is its length. Faces without a
// formula (the point sides of a line element) get 0, as exomerge skips
// them.
//
// It returns an error naming the member if an element or side index is out
// of range, and panics if len(elems) != len(sides) or len(dst) differs.
func FaceAreas(dst, coords []float64, conn []int32, t *Topology, elems, sides []int32) error {
	npe := t.NodesPerElem
	ne := checkConn(conn, npe)
	if len(elems) != len(sides) || len(dst) != len(elems) {
		panic(fmt.Sprintf("compute: FaceAreas: %d destinations, %d elements, %d sides", len(dst), len(elems), len(sides)))
	}
	for i, e := range elems {
		if e < 0 || int(e) >= ne {
			return fmt.Errorf("compute: side set member %d: element index %d out of range [0, %d)", i, e, ne)
		}
		if s := sides[i]; s < 0 || int(s) >= len(t.Faces) {
			return fmt.Errorf("compute: side set member %d: side index %d out of range [0, %d) for %s", i, s, len(t.Faces), t.Name)
		}
	}
	// Resolve each face's kernel once.
	kern := make([]func([]float64, []int32) float64, len(t.Faces))
	for s, fc := range t.Faces {
		if ft := lookupName(fc.Type); ft != nil {
			kern[s] = ruleFunc(ft.rule)
		}
	}
	parallelFor(len(elems), grainHeavy, func(lo, hi int) {
		var nodes [32]int32
		for i := lo; i < hi; i++ {
			s := sides[i]
			k := kern[s]
			if k == nil {
				dst[i] = 0
				continue
			}
			el := conn[int(elems[i])*npe:]
			fn := t.Faces[s].Nodes
			for j, l := range fn {
				nodes[j] = el[l]
			}
			dst[i] = k(coords, nodes[:len(fn)])
		}
	})
	return nil
}

// checkConn returns the element count of a connectivity array with stride
// npe, panicking if the length is not a multiple of it.
func checkConn(conn []int32, npe int) int {
	if npe <= 0 {
		if len(conn) != 0 {
			panic(fmt.Sprintf("compute: %d connectivity entries with %d nodes per element", len(conn), npe))
		}
		return 0
	}
	if len(conn)%npe != 0 {
		panic(fmt.Sprintf("compute: %d connectivity entries is not a multiple of %d nodes per element", len(conn), npe))
	}
	return len(conn) / npe
}
