package surface

import (
	"bytes"
	"exosh/internal/atomicfile"
	"fmt"
	"strconv"

	"exosh/meshobj"
)

// WRLBytes encodes a scene as exomerge's export_wrl_model writes it: a VRML
// 2.0 IndexedFaceSet with every point (floats as Python prints them), the
// triangles (each ended by -1), the colours and one colour index per
// triangle (colorPerVertex FALSE), line for line as exomerge lays them out.
func WRLBytes(sc *meshobj.WRLScene) ([]byte, error) {
	np := len(sc.Coords) / 3
	if len(sc.Tris) != 3*len(sc.ColorIdx) {
		return nil, fmt.Errorf("surface: %d triangle indices for %d colour indices", len(sc.Tris), len(sc.ColorIdx))
	}
	for _, v := range sc.Tris {
		if v < 0 || int(v) >= np {
			return nil, fmt.Errorf("surface: a triangle refers to point %d of %d", v, np)
		}
	}
	for _, c := range sc.ColorIdx {
		if c < 0 || int(c) >= len(sc.Colors) {
			return nil, fmt.Errorf("surface: colour index %d of %d colours", c, len(sc.Colors))
		}
	}
	var b bytes.Buffer
	b.Grow(60*np + 16*len(sc.Tris) + 1024)
	b.WriteString("#VRML V2.0 utf8\n")
	b.WriteString("Transform {\n")
	b.WriteString("  translation 0.0 0.0 0.0\n")
	b.WriteString("  children Shape {\n")
	b.WriteString("    appearance Appearance {material Material {} }\n")
	b.WriteString("    geometry IndexedFaceSet {\n")
	b.WriteString("      coord Coordinate {\n")
	b.WriteString("        point [\n")
	for p := range np {
		for d := range 3 {
			if d > 0 {
				b.WriteByte(',')
			}
			b.WriteString(meshobj.PyFloat(sc.Coords[3*p+d]))
		}
		b.WriteByte(',')
	}
	b.WriteString("\n        ]\n")
	b.WriteString("      }\n")
	b.WriteString("      coordIndex [\n")
	var num []byte
	for t := 0; t < len(sc.Tris); t += 3 {
		for k := range 3 {
			num = strconv.AppendInt(num[:0], int64(sc.Tris[t+k]), 10)
			b.Write(num)
			b.WriteByte(',')
		}
		b.WriteString("-1,")
	}
	b.WriteString("\n      ]\n")
	b.WriteString("      color Color {\n")
	b.WriteString("        color [\n")
	for _, c := range sc.Colors {
		fmt.Fprintf(&b, "          %s %s %s,\n", meshobj.PyFloat(c[0]), meshobj.PyFloat(c[1]), meshobj.PyFloat(c[2]))
	}
	b.WriteString("        ]\n")
	b.WriteString("      }\n")
	b.WriteString("      colorIndex [\n")
	b.WriteString("        ")
	for i, c := range sc.ColorIdx {
		if i > 0 {
			b.WriteByte(',')
		}
		num = strconv.AppendInt(num[:0], int64(c), 10)
		b.Write(num)
	}
	b.WriteString("\n")
	b.WriteString("      ]\n")
	b.WriteString("      colorPerVertex FALSE\n")
	b.WriteString("    }\n")
	b.WriteString("  }\n")
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// WriteWRL writes a scene to filename as WRLBytes encodes it, atomically.
func WriteWRL(filename string, sc *meshobj.WRLScene) error {
	data, err := WRLBytes(sc)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filename, data); err != nil {
		return fmt.Errorf("surface: %w", err)
	}
	return nil
}

// CompanionName returns the name exomerge gives the Exodus copy of a WRL
// file: the name up to its last ".", then "_wrl.e".
func CompanionName(filename string) string {
	for i := len(filename) - 1; i >= 0; i-- {
		if filename[i] == '.' {
			return filename[:i] + "_wrl.e"
		}
	}
	return filename + "_wrl.e"
}
