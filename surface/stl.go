package surface

import (
	"encoding/binary"
	"exosh/internal/atomicfile"
	"fmt"
	"math"

	"exosh/meshobj"
)

// STLBytes encodes s as exomerge's export_stl_file writes it: a binary STL
// file with an 80-byte header of spaces, the triangle count (32-bit, little
// endian), and per triangle the unit normal and the three vertices as
// little-endian float32 triples, then a zero 16-bit attribute.
//
// The normal is (v1-v0) x (v2-v0), scaled to unit length (left as zero for
// a degenerate triangle). exomerge computes v1 x v2 instead, the cross
// product of two position vectors, which is not the triangle's normal
// unless v0 is the origin; exosh writes the true outward normal. Vertices
// and normals are computed in float64 and rounded to float32, as
// Python's struct.pack rounds them.
func STLBytes(s *meshobj.Surface) ([]byte, error) {
	nt := len(s.Tris) / 3
	if len(s.Tris)%3 != 0 {
		return nil, fmt.Errorf("surface: %d triangle indices is not a multiple of 3", len(s.Tris))
	}
	if nt > math.MaxInt32 {
		return nil, fmt.Errorf("surface: %d triangles are too many for an STL file", nt)
	}
	np := len(s.Coords) / 3
	buf := make([]byte, 84+50*nt)
	for i := range 80 {
		buf[i] = ' '
	}
	binary.LittleEndian.PutUint32(buf[80:], uint32(nt))
	put := func(b []byte, x float64) { binary.LittleEndian.PutUint32(b, math.Float32bits(float32(x))) }
	for t := range nt {
		var v [3][3]float64
		for k := range 3 {
			p := int(s.Tris[3*t+k])
			if p < 0 || p >= np {
				return nil, fmt.Errorf("surface: triangle %d refers to point %d of %d", t, p, np)
			}
			copy(v[k][:], s.Coords[3*p:3*p+3])
		}
		u := [3]float64{v[1][0] - v[0][0], v[1][1] - v[0][1], v[1][2] - v[0][2]}
		w := [3]float64{v[2][0] - v[0][0], v[2][1] - v[0][1], v[2][2] - v[0][2]}
		n := [3]float64{u[1]*w[2] - u[2]*w[1], u[2]*w[0] - u[0]*w[2], u[0]*w[1] - u[1]*w[0]}
		if l := math.Sqrt(n[0]*n[0] + n[1]*n[1] + n[2]*n[2]); l > 0 {
			n = [3]float64{n[0] / l, n[1] / l, n[2] / l}
		}
		b := buf[84+50*t:]
		for d := range 3 {
			put(b[4*d:], n[d])
		}
		for k := range 3 {
			for d := range 3 {
				put(b[12+12*k+4*d:], v[k][d])
			}
		}
		// The attribute byte count stays 0.
	}
	return buf, nil
}

// WriteSTL writes s to filename as STLBytes encodes it, atomically.
func WriteSTL(filename string, s *meshobj.Surface) error {
	data, err := STLBytes(s)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filename, data); err != nil {
		return fmt.Errorf("surface: %w", err)
	}
	return nil
}
