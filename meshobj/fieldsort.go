package meshobj

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// fieldNamePattern splits a lower-cased field name into a base name, an
// optional component subscript and up to two integration-point numbers,
// each optionally preceded by an underscore (exomerge's _FIELD_NAME_REGEX).
// Go's regexp picks the same submatches as Python's backtracking engine:
// the shortest base name for which the rest matches.
var fieldNamePattern = regexp.MustCompile(
	`^(.*?)_?(xx|yy|zz|xy|yz|zx|yx|zy|xz|x|y|z|s|q)?(?:_?([0-9]+))?(?:_?([0-9]+))?$`)

// componentRank orders the component subscripts as SIERRA expects.
var componentRank = map[string]int{
	"xx": 1, "yy": 2, "zz": 3, "xy": 4, "yz": 5, "zx": 6, "yx": 7, "zy": 8, "xz": 9,
	"x": 10, "y": 11, "z": 12, "s": 13, "q": 14,
}

type fieldSortKey struct {
	base     string
	ip2, ip1 string // decimal digits without leading zeros
	comp     int
}

func trimZeros(s string) string { return strings.TrimLeft(s, "0") }

// cmpDigits compares two non-negative decimal numbers without leading zeros.
func cmpDigits(a, b string) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func newFieldSortKey(name string) fieldSortKey {
	lower := strings.ToLower(name)
	sm := fieldNamePattern.FindStringSubmatch(lower)
	if sm == nil || sm[1] == "" {
		return fieldSortKey{base: lower}
	}
	return fieldSortKey{base: sm[1], ip2: trimZeros(sm[4]), ip1: trimZeros(sm[3]), comp: componentRank[sm[2]]}
}

// SortFieldNames sorts names in place in the SIERRA-friendly order exomerge
// uses for every list of field or global variable names: by base name, then
// second and first integration point, then component (xx, yy, zz, xy, yz,
// zx, yx, zy, xz, x, y, z, s, q), matching names case-insensitively. The
// sort is stable. It returns names.
func SortFieldNames(names []string) []string {
	keys := make(map[string]fieldSortKey, len(names))
	for _, n := range names {
		keys[n] = newFieldSortKey(n)
	}
	slices.SortStableFunc(names, func(a, b string) int {
		ka, kb := keys[a], keys[b]
		if c := strings.Compare(ka.base, kb.base); c != 0 {
			return c
		}
		if c := cmpDigits(ka.ip2, kb.ip2); c != 0 {
			return c
		}
		if c := cmpDigits(ka.ip1, kb.ip1); c != 0 {
			return c
		}
		return cmp.Compare(ka.comp, kb.comp)
	})
	return names
}
