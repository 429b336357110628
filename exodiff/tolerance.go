package exodiff

import (
	"math"
	"strconv"
)

// Mode is how two values are compared: exodiff's tolerance kinds.
type Mode int

// Tolerance kinds, as exodiff names them.
const (
	Relative   Mode = iota // |a-b| / max(|a|,|b|)
	Absolute               // |a-b|
	Combined               // |a-b| / max(1, |a|, |b|)
	UlpsFloat              // representable floats between a and b
	UlpsDouble             // representable doubles between a and b
	EigenRel               // ||a|-|b|| / max(|a|,|b|)
	EigenAbs               // ||a|-|b||
	EigenCom               // ||a|-|b|| / max(1, |a|, |b|)
	Ignore                 // never different
)

// String returns the long name exodiff prints ("relative", ...).
func (m Mode) String() string {
	return [...]string{"relative", "absolute", "combined", "ulps_float", "ulps_double",
		"eigenrel", "eigenabs", "eigencom", "ignore"}[m]
}

// Abbrev returns the three-letter tag exodiff prints in difference lines.
func (m Mode) Abbrev() string {
	return [...]string{"rel", "abs", "com", "upf", "upd", "ere", "eab", "eco", "ign"}[m]
}

// Tolerance is one comparison rule: a kind, a value and a floor. Values
// whose magnitudes are both below the floor are equal (with OldFloor: when
// |a-b| is below the floor).
type Tolerance struct {
	Mode     Mode
	Value    float64
	Floor    float64
	OldFloor bool
}

// String describes t as a command file would ("relative 1e-06 floor 0").
func (t Tolerance) String() string {
	return t.Mode.String() + " " + strconv.FormatFloat(t.Value, 'g', -1, 64) + " floor " + strconv.FormatFloat(t.Floor, 'g', -1, 64)
}

// floored reports whether the floor makes a and b equal.
func (t Tolerance) floored(a, b float64) bool {
	if t.OldFloor {
		return math.Abs(a-b) < t.Floor
	}
	return math.Abs(a) < t.Floor && math.Abs(b) < t.Floor
}

// Delta is the difference measure of a and b under t (0 when the floor
// applies). A value pair differs when Delta exceeds Value.
func (t Tolerance) Delta(a, b float64) float64 {
	if t.Mode == Ignore || t.floored(a, b) {
		return 0
	}
	fa, fb := math.Abs(a), math.Abs(b)
	mx := math.Max(fa, fb)
	switch t.Mode {
	case Relative:
		if a == 0 && b == 0 {
			return 0
		}
		return math.Abs(a-b) / mx
	case Absolute:
		return math.Abs(a - b)
	case Combined:
		if mx > 1 {
			return math.Abs(a-b) / mx
		}
		return math.Abs(a - b)
	case UlpsFloat:
		return ulps32(float32(a), float32(b))
	case UlpsDouble:
		return ulps64(a, b)
	case EigenRel:
		if a == 0 && b == 0 {
			return 0
		}
		return math.Abs(fa-fb) / mx
	case EigenAbs:
		return math.Abs(fa - fb)
	case EigenCom:
		if mx > 1 {
			return math.Abs(fa-fb) / mx
		}
		return math.Abs(fa - fb)
	}
	return 0
}

// Differ reports whether a and b differ beyond t, as exodiff decides for
// global variables and times (its per-value test). NaN never differs here;
// NaNs are reported separately.
func (t Tolerance) Differ(a, b float64) bool {
	if t.Mode == Ignore {
		return false
	}
	if t.OldFloor {
		if math.Abs(a-b) < t.Floor {
			return false
		}
	} else if math.Abs(a) <= t.Floor && math.Abs(b) <= t.Floor {
		return false
	}
	fa, fb := math.Abs(a), math.Abs(b)
	mx := math.Max(fa, fb)
	switch t.Mode {
	case Relative:
		return !(a == 0 && b == 0) && math.Abs(a-b) > t.Value*mx
	case Absolute:
		return math.Abs(a-b) > t.Value
	case Combined:
		return math.Abs(a-b) >= math.Max(1, mx)*t.Value
	case UlpsFloat:
		return ulps32(float32(a), float32(b)) > float64(int64(t.Value))
	case UlpsDouble:
		return ulps64(a, b) > float64(int64(t.Value))
	case EigenRel:
		return !(a == 0 && b == 0) && math.Abs(fa-fb) > t.Value*mx
	case EigenAbs:
		return math.Abs(fa-fb) > t.Value
	case EigenCom:
		return math.Abs(fa-fb) >= math.Max(1, mx)*t.Value
	}
	return true
}

// ulpFar is the ulp distance of two values of opposite sign (unless both
// are zero).
const ulpFar = 2 << 28

func ulps32(a, b float32) float64 {
	ia, ib := int64(int32(math.Float32bits(a))), int64(int32(math.Float32bits(b)))
	if (ia < 0) != (ib < 0) {
		if a == b {
			return 0
		}
		return ulpFar
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return float64(d)
}

func ulps64(a, b float64) float64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if (ia < 0) != (ib < 0) {
		if a == b {
			return 0
		}
		return ulpFar
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return float64(d)
}

// FileDiff is the signed difference a diffs.e file stores for a and b
// under mode m.
func FileDiff(a, b float64, m Mode) float64 {
	fa, fb := math.Abs(a), math.Abs(b)
	mx := math.Max(fa, fb)
	switch m {
	case Relative:
		if a == 0 && b == 0 {
			return 0
		}
		return (a - b) / mx
	case Combined:
		return math.Abs(a-b) / math.Max(1, mx)
	case Absolute:
		return a - b
	case EigenRel:
		if a == 0 && b == 0 {
			return 0
		}
		return (fa - fb) / mx
	case EigenCom:
		return math.Abs(fa-fb) / math.Max(1, mx)
	case EigenAbs:
		return fa - fb
	}
	return 0
}
