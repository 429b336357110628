package surface

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exosh/meshobj"
)

func TestSTLBytes(t *testing.T) {
	// Two triangles of the plane z = 2 (so that exomerge's v1 x v2 would
	// not be the normal), counter-clockwise seen from +z, and one seen
	// from -z.
	s := &meshobj.Surface{
		Coords: []float64{1, 1, 2, 3, 1, 2, 1, 4, 2},
		Tris:   []int32{0, 1, 2, 0, 2, 1},
	}
	b, err := STLBytes(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 84+2*50 {
		t.Fatalf("%d bytes, want %d", len(b), 84+2*50)
	}
	if strings.Trim(string(b[:80]), " ") != "" {
		t.Errorf("header %q, want 80 spaces", b[:80])
	}
	if n := binary.LittleEndian.Uint32(b[80:]); n != 2 {
		t.Errorf("count %d, want 2", n)
	}
	f := func(off int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[off:])) }
	want := [2][12]float32{
		{0, 0, 1, 1, 1, 2, 3, 1, 2, 1, 4, 2},
		{0, 0, -1, 1, 1, 2, 1, 4, 2, 3, 1, 2},
	}
	for tri := range 2 {
		for k := range 12 {
			if got := f(84 + 50*tri + 4*k); got != want[tri][k] {
				t.Errorf("triangle %d value %d = %v, want %v", tri, k, got, want[tri][k])
			}
		}
		if a := binary.LittleEndian.Uint16(b[84+50*tri+48:]); a != 0 {
			t.Errorf("triangle %d attribute %d", tri, a)
		}
	}
	if _, err := STLBytes(&meshobj.Surface{Coords: s.Coords, Tris: []int32{0, 1, 3}}); err == nil {
		t.Errorf("no error for a point out of range")
	}
}

func TestWRLBytes(t *testing.T) {
	sc := &meshobj.WRLScene{
		Coords:   []float64{0, 0, 0, 1, 0, 0, 0, 1e-05, 0.1},
		Tris:     []int32{0, 1, 2, 2, 1, 0},
		ColorIdx: []int32{0, 1},
		Colors:   [][3]float64{{0, 0, 1}, {0.6666666666666663, 1, 0}},
	}
	b, err := WRLBytes(sc)
	if err != nil {
		t.Fatal(err)
	}
	// Laid out as exomerge's export_wrl_model writes it.
	want := `#VRML V2.0 utf8
Transform {
  translation 0.0 0.0 0.0
  children Shape {
    appearance Appearance {material Material {} }
    geometry IndexedFaceSet {
      coord Coordinate {
        point [
0.0,0.0,0.0,1.0,0.0,0.0,0.0,1e-05,0.1,
        ]
      }
      coordIndex [
0,1,2,-1,2,1,0,-1,
      ]
      color Color {
        color [
          0.0 0.0 1.0,
          0.6666666666666663 1.0 0.0,
        ]
      }
      colorIndex [
        0,1
      ]
      colorPerVertex FALSE
    }
  }
}
`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	sc.ColorIdx[1] = 2
	if _, err := WRLBytes(sc); err == nil {
		t.Errorf("no error for a colour index out of range")
	}
}

func TestCompanionName(t *testing.T) {
	for in, want := range map[string]string{
		"model.wrl":       "model_wrl.e",
		"a.b/model.x.wrl": "a.b/model.x_wrl.e",
		"model":           "model_wrl.e",
	} {
		if got := CompanionName(in); got != want {
			t.Errorf("CompanionName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	s := &meshobj.Surface{Coords: []float64{0, 0, 0, 1, 0, 0, 0, 1, 0}, Tris: []int32{0, 1, 2}}
	path := filepath.Join(dir, "a.stl")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteSTL(path, s); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() != 134 || fi.Mode().Perm() != 0o600 {
		t.Errorf("after WriteSTL: %v, %v", fi, err)
	}
	// A bad surface leaves the old file and no temporary file behind.
	bad := &meshobj.Surface{Coords: s.Coords, Tris: []int32{0, 1, 9}}
	if err := WriteSTL(path, bad); err == nil {
		t.Errorf("no error for a bad surface")
	}
	if fi, _ := os.Stat(path); fi.Size() != 134 {
		t.Errorf("the old file changed")
	}
	// A missing directory is an error naming the file.
	if err := WriteSTL(filepath.Join(dir, "no", "b.stl"), s); err == nil || !strings.Contains(err.Error(), "b.stl") {
		t.Errorf("error %v, want one naming b.stl", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries, want 1", len(ents))
	}
}
