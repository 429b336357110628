package exodiff

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// MapType is how nodes and elements of the first file are matched with
// those of the second.
type MapType int

// Matching modes.
const (
	MatchIDs       MapType = iota // through the node and element id maps (the default, -match_ids)
	MatchFileOrder                // by position; the ids must agree (-match_file_order)
	MatchDistance                 // by coordinates (-map)
	MatchPartial                  // by coordinates, unmatched entities ignored (-partial)
)

// VarSpec selects the variables of one kind to compare and their
// tolerances: every variable (All) with Default, except the names starting
// with "!", and Names with their own tolerances (Tols, parallel to Names).
type VarSpec struct {
	All     bool
	Default Tolerance
	Names   []string
	Tols    []Tolerance
}

// Options are exodiff's settings. Defaults returns exodiff's defaults;
// Parse and Set change them by option name.
type Options struct {
	Default   Tolerance // variables and attributes: relative 1e-6, floor 0
	Coord     Tolerance // coordinates: absolute 1e-6
	Time      Tolerance // time values: relative 1e-6, floor 1e-15
	FinalTime Tolerance // final time with -interpolate: relative 0
	SideSetDF Tolerance // side-set distribution factors: relative 1e-6

	Global, Nodal, Element, Attribute, NodeSet, SideSet VarSpec

	// OutputType is the difference kind a diffs.e file stores.
	OutputType  Mode
	CommandFile string

	Summary, Quiet, ShowAllDiffs, L1Norm, L2Norm, Pedantic bool
	// Status: a results difference exits 2 (default); false exits 0.
	Status bool

	IgnoreSteps bool
	Exclude     []int // 1-based steps not compared
	// StepStart, StepStop, StepInc select steps (-steps); StepStart -1 is
	// "last", StepStop -1 the last common step.
	StepStart, StepStop, StepInc int
	// Explicit matches step Explicit[0] of file 1 with Explicit[1] of file 2
	// (-1: last); zero when unset.
	Explicit [2]int
	// StepOffset: step x+offset of file 1 matches step x of file 2; -1 is
	// -TA (end at the same step), -2 -TM (closest to file 2's first time).
	StepOffset  int
	Interpolate bool
	TimeScale   float64
	TimeOffset  float64

	Map                                              MapType
	DumpMap, ShowUnmatched, AllowPermuted, IgnoreDup bool
	ByName, NSMap, SSMap, Short                      bool
	NoCase, NoSymmetricNameCheck, AllowNameMismatch  bool
	IgnoreMaps, IgnoreNaNs, IgnoreAttributes         bool
	IgnoreSideSetDF                                  bool
	MaxWarnings                                      int
	UseOldFloor                                      bool

	// JSON prints the result as one JSON document (exosh's addition).
	JSON bool
	// EnvOptions is the EXODIFF_OPTIONS text the options came from, if any
	// (the report names it).
	EnvOptions string
	// Help is the -help topic ("usage", "file", "tolerance", "all"), Version
	// is -version; the CLI prints and exits on either.
	Help    string
	Version bool

	// raw holds the options given, by canonical name, before Resolve.
	raw map[string]string
}

// Defaults returns exodiff's default options.
func Defaults() *Options {
	def := Tolerance{Mode: Relative, Value: 1e-6}
	o := &Options{
		Default:     def,
		Coord:       Tolerance{Mode: Absolute, Value: 1e-6},
		Time:        Tolerance{Mode: Relative, Value: 1e-6, Floor: 1e-15},
		FinalTime:   Tolerance{Mode: Relative},
		SideSetDF:   def,
		OutputType:  Relative,
		Status:      true,
		StepStart:   1,
		StepStop:    -1,
		StepInc:     1,
		Map:         MatchIDs,
		NSMap:       true,
		SSMap:       true,
		Short:       true,
		NoCase:      true,
		MaxWarnings: 100,
		TimeScale:   1,
		raw:         map[string]string{},
	}
	for _, v := range o.specs() {
		v.Default = def
	}
	return o
}

func (o *Options) specs() []*VarSpec {
	return []*VarSpec{&o.Global, &o.Nodal, &o.Element, &o.Attribute, &o.NodeSet, &o.SideSet}
}

// optKind says whether an option takes a value.
type optKind int

const (
	noValue optKind = iota
	mandatory
	optional
)

// optionTable lists exodiff's options by name; aliases map to the name
// whose meaning they share.
var optionTable = map[string]optKind{
	"help": optional, "Help": noValue, "file": mandatory, "summary": noValue,
	"tolerance": mandatory, "Floor": mandatory, "absolute": noValue, "relative": noValue,
	"combined": noValue, "ulps_float": noValue, "ulps_double": noValue,
	"eigen_absolute": noValue, "eigen_relative": noValue, "eigen_combined": noValue,
	"ignore": noValue, "coordinate_tolerance": mandatory, "pedantic": noValue,
	"quiet": noValue, "show_all_diffs": noValue, "ignore_steps": noValue,
	"exclude": mandatory, "steps": mandatory, "explicit": mandatory,
	"TimeStepOffset": mandatory, "TA": noValue, "TM": noValue, "interpolate": noValue,
	"final_time_tolerance": mandatory, "time_scale": mandatory, "time_offset": mandatory,
	"map": noValue, "dumpmap": noValue, "partial": noValue, "show_unmatched": noValue,
	"allow_permuted_connectivity": noValue, "ignore_dups": noValue, "match_ids": noValue,
	"match_file_order": noValue, "match_by_name": noValue, "nsmap": noValue,
	"ssmap": noValue, "no_nsmap": noValue, "no_ssmap": noValue, "short": noValue,
	"no_short": noValue, "ignore_case": noValue, "case_sensitive": noValue,
	"nosymmetric_name_check": noValue, "allow_name_mismatch": noValue,
	"ignore_maps": noValue, "ignore_nans": noValue, "ignore_attributes": noValue,
	"ignore_sideset_df": noValue, "norms": noValue, "l2norms": noValue, "l1norms": noValue,
	"status": noValue, "ignore_status": noValue, "max_warnings": mandatory,
	"use_old_floor": noValue, "64-bit": noValue, "min_coordinate_separation": noValue,
	"copyright": noValue, "version": noValue, "maxnames": mandatory, "change_sets": mandatory,
	"t": mandatory, "m": noValue, "p": noValue, "s": noValue, "i": noValue,
	"f": mandatory, "T": mandatory, "x": mandatory,
	// exosh's additions
	"json": noValue,
}

// aliases are exodiff's backward-compatible one-letter options.
var aliases = map[string]string{"t": "tolerance", "m": "map", "p": "partial", "s": "short",
	"i": "ignore_case", "f": "file", "T": "TimeStepOffset", "x": "exclude"}

// OptionNames returns every option name Set accepts, sorted.
func OptionNames() []string {
	var names []string
	for n := range optionTable {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// lookup resolves an option name: an exact name, else an unambiguous
// prefix of one (exodiff accepts unique abbreviations).
func lookup(name string) (string, optKind, error) {
	if k, ok := optionTable[name]; ok {
		return name, k, nil
	}
	var found []string
	for n := range optionTable {
		if len(n) > 1 && strings.HasPrefix(n, name) {
			found = append(found, n)
		}
	}
	switch len(found) {
	case 1:
		return found[0], optionTable[found[0]], nil
	case 0:
		return "", 0, fmt.Errorf("exodiff: unrecognized option -%s", name)
	}
	sort.Strings(found)
	return "", 0, fmt.Errorf("exodiff: option -%s is ambiguous (%s)", name, strings.Join(found, ", "))
}

// Set records one option by its exodiff name (or an unambiguous prefix);
// value is "" for options without one. Resolve applies what was set.
func (o *Options) Set(name, value string) error {
	n, k, err := lookup(strings.TrimLeft(name, "-"))
	if err != nil {
		return err
	}
	if k == mandatory && value == "" {
		return fmt.Errorf("exodiff: option -%s needs a value", n)
	}
	if a, ok := aliases[n]; ok {
		n = a
	}
	o.raw[n] = value
	return nil
}

// parseArgs records the options in args and returns the other arguments
// (file names). Options come before the files; "-x=v" and "-x v" both work;
// a double dash works as a single one.
func (o *Options) parseArgs(args []string) ([]string, error) {
	var files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			files = append(files, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if j := strings.IndexByte(name, '='); j >= 0 {
			name, value, hasValue = name[:j], name[j+1:], true
		}
		n, k, err := lookup(name)
		if err != nil {
			return nil, err
		}
		switch k {
		case mandatory:
			if !hasValue {
				if i+1 >= len(args) {
					return nil, fmt.Errorf("exodiff: option -%s needs a value", n)
				}
				i++
				value = args[i]
			}
		case optional:
			if !hasValue && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && n == "help" {
				switch strings.ToLower(args[i+1]) {
				case "usage", "file", "tolerance", "all":
					i++
					value = args[i]
				}
			}
		case noValue:
			if hasValue {
				return nil, fmt.Errorf("exodiff: option -%s takes no value", n)
			}
		}
		if n == "help" && value == "" {
			value = "usage"
		}
		if a, ok := aliases[n]; ok {
			n = a
		}
		o.raw[n] = value
	}
	return files, nil
}

// splitEnv splits EXODIFF_OPTIONS into words (blank separated, with
// simple single or double quotes).
func splitEnv(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	in := false
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// has reports whether option n was given.
func (o *Options) has(n string) bool { _, ok := o.raw[n]; return ok }

func parseFloat(opt, s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("exodiff: option -%s: %q is not a number", opt, s)
	}
	return v, nil
}

func parseInt(opt, s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("exodiff: option -%s: %q is not an integer", opt, s)
	}
	return v, nil
}

// Resolve applies the options given with Set or on the command line in
// exodiff's order, then reads the command file, if any. It is called once.
func (o *Options) Resolve() error {
	r := o.raw
	var err error
	if v, ok := r["help"]; ok {
		o.Help = v
	}
	if o.has("Help") {
		o.Help = "usage"
	}
	o.Version = o.has("version")
	o.Summary = o.has("summary")
	o.JSON = o.has("json")
	if v, ok := r["exclude"]; ok {
		if o.Exclude, err = parseExclude(v); err != nil {
			return err
		}
	}
	if v, ok := r["tolerance"]; ok {
		if o.Default.Value, err = parseFloat("tolerance", v); err != nil {
			return err
		}
	}
	if v, ok := r["coordinate_tolerance"]; ok {
		if o.Coord.Value, err = parseFloat("coordinate_tolerance", v); err != nil {
			return err
		}
	}
	if v, ok := r["Floor"]; ok {
		if o.Default.Floor, err = parseFloat("Floor", v); err != nil {
			return err
		}
	}
	if v, ok := r["final_time_tolerance"]; ok {
		if o.FinalTime.Value, err = parseFloat("final_time_tolerance", v); err != nil {
			return err
		}
	}
	if v, ok := r["time_offset"]; ok {
		if o.TimeOffset, err = parseFloat("time_offset", v); err != nil {
			return err
		}
	}
	if v, ok := r["time_scale"]; ok {
		if o.TimeScale, err = parseFloat("time_scale", v); err != nil {
			return err
		}
	}
	if v, ok := r["TimeStepOffset"]; ok {
		if o.StepOffset, err = parseInt("TimeStepOffset", v); err != nil {
			return err
		}
	}
	if o.has("TA") {
		o.StepOffset = -1
	}
	if o.has("TM") {
		o.StepOffset = -2
	}
	if v, ok := r["steps"]; ok {
		if err := o.parseSteps(v); err != nil {
			return err
		}
	}
	if v, ok := r["explicit"]; ok {
		parts := strings.Split(v, ":")
		if len(parts) != 2 {
			return fmt.Errorf("exodiff: parse error for -explicit: expected '<int|last>:<int|last>', found %q", v)
		}
		for i, p := range parts {
			if strings.EqualFold(p, "last") {
				o.Explicit[i] = -1
			} else if o.Explicit[i], err = parseInt("explicit", p); err != nil {
				return err
			}
		}
	}
	flags := []struct {
		name string
		set  func()
	}{
		{"quiet", func() { o.Quiet = true }},
		{"show_all_diffs", func() { o.ShowAllDiffs = true }},
		{"partial", func() { o.Map = MatchPartial }},
		{"match_ids", func() { o.Map = MatchIDs }},
		{"match_file_order", func() { o.Map = MatchFileOrder }},
		{"match_by_name", func() { o.ByName = true }},
		{"map", func() { o.Map = MatchDistance }},
		{"nsmap", func() { o.NSMap = true }},
		{"no_nsmap", func() { o.NSMap = false }},
		{"ssmap", func() { o.SSMap = true }},
		{"no_ssmap", func() { o.SSMap = false }},
		{"short", func() { o.Short = true }},
		{"no_short", func() { o.Short = false }},
		{"nosymmetric_name_check", func() { o.NoSymmetricNameCheck = true }},
		{"norms", func() { o.L1Norm, o.L2Norm = true, true }},
		{"l2norms", func() { o.L2Norm = true }},
		{"l1norms", func() { o.L1Norm = true }},
		{"pedantic", func() { o.Pedantic = true }},
		{"interpolate", func() { o.Interpolate = true }},
		{"allow_name_mismatch", func() { o.AllowNameMismatch = true }},
		{"ignore_case", func() { o.NoCase = true }},
		{"case_sensitive", func() { o.NoCase = false }},
		{"ignore_maps", func() { o.IgnoreMaps = true }},
		{"ignore_nans", func() { o.IgnoreNaNs = true }},
		{"ignore_dups", func() { o.IgnoreDup = true }},
		{"allow_permuted_connectivity", func() { o.AllowPermuted = true }},
		{"ignore_steps", func() { o.IgnoreSteps = true }},
		{"ignore_attributes", func() { o.IgnoreAttributes = true }},
		{"ignore_sideset_df", func() { o.IgnoreSideSetDF = true }},
		{"relative", func() { o.OutputType, o.Default.Mode = Relative, Relative }},
		{"ignore", func() { o.OutputType, o.Default.Mode = Ignore, Ignore }},
		{"absolute", func() { o.OutputType, o.Default.Mode = Absolute, Absolute }},
		{"combined", func() { o.OutputType, o.Default.Mode = Combined, Combined }},
		{"ulps_float", func() { o.OutputType, o.Default.Mode = UlpsFloat, UlpsFloat }},
		{"ulps_double", func() { o.OutputType, o.Default.Mode = UlpsDouble, UlpsDouble }},
		{"eigen_relative", func() { o.OutputType, o.Default.Mode = EigenRel, EigenRel }},
		{"eigen_absolute", func() { o.OutputType, o.Default.Mode = EigenAbs, EigenAbs }},
		{"eigen_combined", func() { o.OutputType, o.Default.Mode = EigenCom, EigenCom }},
		{"dumpmap", func() { o.DumpMap = true }},
		{"show_unmatched", func() { o.ShowUnmatched = true }},
		{"status", func() { o.Status = true }},
		{"ignore_status", func() { o.Status = false }},
		{"use_old_floor", func() { o.UseOldFloor = true }},
	}
	for _, f := range flags {
		if o.has(f.name) {
			f.set()
		}
	}
	if v, ok := r["max_warnings"]; ok {
		if o.MaxWarnings, err = parseInt("max_warnings", v); err != nil {
			return err
		}
	}
	// The default tolerance (with -t, -Floor and the type options applied)
	// becomes every kind's default and the time tolerance, as in exodiff;
	// times keep their documented floor of 1e-15 unless -Floor is given.
	o.Time = o.Default
	if !o.has("Floor") {
		o.Time.Floor = 1e-15
	}
	for _, v := range o.specs() {
		v.Default = o.Default
	}
	if v, ok := r["file"]; ok {
		o.CommandFile = v
		if err := o.readCommandFile(v); err != nil {
			return err
		}
	} else {
		for _, v := range o.specs() {
			v.All = true
		}
	}
	if o.UseOldFloor {
		for _, t := range o.tolerances() {
			t.OldFloor = true
		}
	}
	return nil
}

// tolerances returns every tolerance o holds, for global adjustments.
func (o *Options) tolerances() []*Tolerance {
	ts := []*Tolerance{&o.Default, &o.Coord, &o.Time, &o.FinalTime, &o.SideSetDF}
	for _, v := range o.specs() {
		ts = append(ts, &v.Default)
		for i := range v.Tols {
			ts = append(ts, &v.Tols[i])
		}
	}
	return ts
}

// parseSteps reads -steps: "last", "X", "X:Y", "X:", ":Y", "::Z", "X:Y:Z".
func (o *Options) parseSteps(v string) error {
	if v == "last" || v == "LAST" {
		o.StepStart = -1
		return nil
	}
	if !strings.Contains(v, ":") {
		n, err := parseInt("steps", v)
		if err != nil {
			return err
		}
		o.StepStart, o.StepStop = n, n
		return nil
	}
	vals := []*int{&o.StepStart, &o.StepStop, &o.StepInc}
	for i, p := range strings.SplitN(v, ":", 3) {
		if p == "" {
			continue
		}
		n, err := parseInt("steps", p)
		if err != nil {
			return err
		}
		*vals[i] = n
	}
	if o.StepInc < 1 {
		return fmt.Errorf("exodiff: option -steps: the increment must be positive, got %d", o.StepInc)
	}
	return nil
}

// parseExclude reads a step list such as "1,5-9,28" (1-based).
func parseExclude(v string) ([]int, error) {
	var out []int
	for _, tok := range strings.Split(v, ",") {
		if tok == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(tok, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 {
			return nil, fmt.Errorf("exodiff: parsing exclusion times: %q is not a step number of 1 or more", tok)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < 1 {
				return nil, fmt.Errorf("exodiff: parsing exclusion times: %q is not a step number of 1 or more", tok)
			}
			if b < a {
				return nil, fmt.Errorf("exodiff: parsing exclusion times: the first value in range %q is greater than the second", tok)
			}
		}
		for s := a; s <= b; s++ {
			out = append(out, s)
		}
	}
	return out, nil
}

// fileExists reports whether path names a readable file.
func fileExists(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
