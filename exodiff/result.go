package exodiff

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Difference is one thing found different. Kind is one of "global",
// "nodal", "element", "nodeset", "sideset" (a variable beyond tolerance),
// "attribute", "sideset_df", "time", "coordinates", "mesh" (a
// non-transient difference), "variable" (a variable on one side only),
// "nan" and "steps" (step counts or selections).
type Difference struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Step is the 1-based step of the first file, 0 when not transient.
	Step int `json:"step"`
	// MaxDiff is the largest difference under the variable's tolerance,
	// between Value1 (first file) and Value2.
	MaxDiff Num `json:"max_diff"`
	Value1  Num `json:"value1"`
	Value2  Num `json:"value2"`
	// Mode is the tolerance kind's tag ("rel", "abs", ...).
	Mode string `json:"mode,omitempty"`
	// Location says where: "node 12", "block 1, elmt 7", "set 3, node 2".
	Location string `json:"location,omitempty"`
	// ID is the global node or element id (or set id) at Location; Block
	// the block id for element values.
	ID    int64 `json:"id,omitempty"`
	Block int64 `json:"block,omitempty"`
	// Message is the line exodiff prints for it.
	Message string `json:"message"`
}

// Result is the outcome of a comparison.
type Result struct {
	File1 string `json:"file1"`
	File2 string `json:"file2"`
	// Same is true when no difference was found.
	Same bool `json:"same"`
	// Status is exodiff's exit status: 0 same (or -ignore_status), 2
	// results differ, 1 an error or a mesh difference.
	Status int `json:"status"`
	// MeshDifferent is true when the comparison stopped at a mesh
	// (non-transient) difference.
	MeshDifferent bool `json:"mesh_different"`
	// Error holds the error that stopped the comparison, if any.
	Error string `json:"error,omitempty"`
	// Closing is the closing line ("exodiff: Files are the same", ...).
	Closing       string       `json:"closing"`
	StepsCompared int          `json:"steps_compared"`
	Differences   []Difference `json:"differences"`
}

// Num is a float64 that marshals NaN and infinities as JSON strings.
type Num float64

// MarshalJSON writes finite values as numbers, others as "NaN", "Inf" or
// "-Inf".
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	switch {
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	case math.IsInf(f, 1):
		return []byte(`"Inf"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Inf"`), nil
	}
	return []byte(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

// JSON returns the result as an indented JSON document.
func (r *Result) JSON() []byte {
	if r.Differences == nil {
		r.Differences = []Difference{}
	}
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

// Summary returns a short human-readable account: the closing line, then
// one line per difference (at most limit; 0 for all).
func (r *Result) Summary(limit int) string {
	var sb strings.Builder
	if r.Error != "" {
		sb.WriteString("exodiff: ERROR: " + r.Error + "\n")
	}
	for i, d := range r.Differences {
		if limit > 0 && i == limit {
			sb.WriteString("   ... " + strconv.Itoa(len(r.Differences)-limit) + " more\n")
			break
		}
		msg := strings.TrimSpace(d.Message)
		if d.Step > 0 && d.Kind != "time" {
			msg = "step " + strconv.Itoa(d.Step) + ": " + msg
		}
		sb.WriteString("   " + msg + "\n")
	}
	sb.WriteString(r.Closing)
	return sb.String()
}
