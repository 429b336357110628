package exodus

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"exosh/meshobj"
)

// floatMode says how diffModels compares floating-point values.
type floatMode int

const (
	exactFloats   floatMode = iota // bit-for-bit (any NaN equals any NaN)
	float32Floats                  // equal after rounding both to float32
)

// diffModels compares two models field by field, walking every exported
// field of every entity by reflection (so fields added to meshobj later are
// compared too), and returns up to max differences as "path: a != b".
// A nil slice equals an empty one, and a nil []string equals one holding
// only empty strings (absent names versus blank names).
func diffModels(a, b *meshobj.Model, mode floatMode, max int) []string {
	d := &differ{mode: mode, max: max}
	d.walk("model", reflect.ValueOf(a), reflect.ValueOf(b))
	return d.out
}

type differ struct {
	mode floatMode
	max  int
	out  []string
}

func (d *differ) add(path string, format string, args ...any) {
	if len(d.out) < d.max {
		d.out = append(d.out, path+": "+fmt.Sprintf(format, args...))
	}
}

func (d *differ) floatEq(x, y float64) bool {
	if math.IsNaN(x) && math.IsNaN(y) {
		return true
	}
	if d.mode == float32Floats {
		return math.Float32bits(float32(x)) == math.Float32bits(float32(y))
	}
	return math.Float64bits(x) == math.Float64bits(y)
}

func allEmptyStrings(v reflect.Value) bool {
	for i := range v.Len() {
		if v.Index(i).String() != "" {
			return false
		}
	}
	return true
}

func (d *differ) walk(path string, a, b reflect.Value) {
	if len(d.out) >= d.max {
		return
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				d.add(path, "nil %v vs %v", a.IsNil(), b.IsNil())
			}
			return
		}
		d.walk(path, a.Elem(), b.Elem())
	case reflect.Struct:
		t := a.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			// A nil field order list means the entities' own order; a
			// model built in Go has none.
			if strings.HasSuffix(t.Field(i).Name, "FieldOrder") && (a.Field(i).Len() == 0 || b.Field(i).Len() == 0) {
				continue
			}
			d.walk(path+"."+t.Field(i).Name, a.Field(i), b.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.Type().Elem().Kind() == reflect.String && a.Len() != b.Len() {
			if (a.Len() == 0 && allEmptyStrings(b)) || (b.Len() == 0 && allEmptyStrings(a)) {
				return
			}
		}
		if a.Len() != b.Len() {
			d.add(path, "length %d != %d", a.Len(), b.Len())
			return
		}
		for i := range a.Len() {
			d.walk(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))
			if len(d.out) >= d.max {
				return
			}
		}
	case reflect.Map:
		keys := map[string]reflect.Value{}
		for _, k := range a.MapKeys() {
			keys[fmt.Sprint(k)] = k
		}
		for _, k := range b.MapKeys() {
			keys[fmt.Sprint(k)] = k
		}
		for ks, k := range keys {
			av, bv := a.MapIndex(k), b.MapIndex(k)
			if !av.IsValid() || !bv.IsValid() {
				// a missing key equals an empty value
				v := av
				if !v.IsValid() {
					v = bv
				}
				if v.Len() != 0 {
					d.add(fmt.Sprintf("%s[%s]", path, ks), "present in one model only")
				}
				continue
			}
			d.walk(fmt.Sprintf("%s[%s]", path, ks), av, bv)
		}
	case reflect.Float32, reflect.Float64:
		if !d.floatEq(a.Float(), b.Float()) {
			d.add(path, "%v != %v", a.Float(), b.Float())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			d.add(path, "%d != %d", a.Int(), b.Int())
		}
	case reflect.String:
		if a.String() != b.String() {
			d.add(path, "%q != %q", a.String(), b.String())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			d.add(path, "%v != %v", a.Bool(), b.Bool())
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			d.add(path, "%v != %v", a.Interface(), b.Interface())
		}
	}
}

// requireSameModel fails the test with the differences between two models.
func requireSameModel(t *testing.T, what string, want, got *meshobj.Model, mode floatMode) {
	t.Helper()
	if diffs := diffModels(want, got, mode, 20); len(diffs) > 0 {
		t.Fatalf("%s: models differ:\n  %s", what, strings.Join(diffs, "\n  "))
	}
}

// TestDiffModelsDetects makes sure the comparison helper notices a change in
// every kind of field it walks, so that a passing round trip means something.
func TestDiffModelsDetects(t *testing.T) {
	base := func() *meshobj.Model {
		m := smallModel()
		return m
	}
	cases := []struct {
		name   string
		both   func(m *meshobj.Model) // applied to both models first, if set
		mutate func(m *meshobj.Model)
		mode   floatMode
		want   bool // a difference is expected
	}{
		{"identical", nil, func(m *meshobj.Model) {}, exactFloats, false},
		{"title", nil, func(m *meshobj.Model) { m.Title += "x" }, exactFloats, true},
		{"coordinate", nil, func(m *meshobj.Model) { m.Coords[4] = math.Nextafter(m.Coords[4], 10) }, exactFloats, true},
		{"coordinate below float32 precision", nil, func(m *meshobj.Model) { m.Coords[4] = math.Nextafter(m.Coords[4], 10) }, float32Floats, false},
		{"connectivity", nil, func(m *meshobj.Model) { m.Blocks[0].Conn[3]++ }, exactFloats, true},
		{"block field value", nil, func(m *meshobj.Model) { m.Blocks[0].Fields[0].Values[1][0] += 1 }, exactFloats, true},
		{"side", nil, func(m *meshobj.Model) { m.SideSets[0].Sides[0]++ }, exactFloats, true},
		{"node set df", nil, func(m *meshobj.Model) { m.NodeSets[0].DistFactors[0] = 7 }, exactFloats, true},
		{"property", nil, func(m *meshobj.Model) { m.Blocks[0].Props[0].Value++ }, exactFloats, true},
		{"user attribute", nil, func(m *meshobj.Model) { m.Blocks[0].Attrs[0].Ints[0]++ }, exactFloats, true},
		{"assembly member", nil, func(m *meshobj.Model) { m.Assemblies[0].Members[0]++ }, exactFloats, true},
		{"reduction name", nil, func(m *meshobj.Model) { m.RedVarNames[meshobj.KindAssembly][0] = "z" }, exactFloats, true},
		{"qa", nil, func(m *meshobj.Model) { m.QARecords[0][2] = "x" }, exactFloats, true},
		{"nil vs empty coord names", func(m *meshobj.Model) { m.CoordNames = nil }, func(m *meshobj.Model) { m.CoordNames = []string{"", "", ""} }, exactFloats, false},
		{"nil vs named coord names", func(m *meshobj.Model) { m.CoordNames = nil }, func(m *meshobj.Model) { m.CoordNames = []string{"", "y", ""} }, exactFloats, true},
		{"missing field", nil, func(m *meshobj.Model) { m.NodeFields = m.NodeFields[:0] }, exactFloats, true},
		{"NaN equals NaN", func(m *meshobj.Model) { m.GlobalVars[0].Values[0] = math.NaN() }, func(m *meshobj.Model) {}, exactFloats, false},
	}
	for _, c := range cases {
		a, b := base(), base()
		if c.both != nil {
			c.both(a)
			c.both(b)
		}
		c.mutate(b)
		diffs := diffModels(a, b, c.mode, 5)
		if (len(diffs) > 0) != c.want {
			t.Errorf("%s: differences %v, want differences: %v", c.name, diffs, c.want)
		}
	}
}
