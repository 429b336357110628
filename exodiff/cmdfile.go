package exodiff

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// The command file (-f), as exodiff reads it:
//
//	# a comment
//	DEFAULT TOLERANCE relative 1.E-8 floor 1.E-14
//	COORDINATES absolute 1.E-12
//	TIME STEPS absolute 1.E-14
//	GLOBAL VARIABLES relative 1.E-4 floor 1.E-12
//	NODAL VARIABLES (all) absolute 1.E-8
//	<tab> DISPLX
//	<tab> !VELX
//	<tab> VELY relative 1.E-6 floor 1.e-10
//	ELEMENT VARIABLES
//	<tab> !SIGYY
//
// plus NODESET VARIABLES, SIDESET VARIABLES, ELEMENT ATTRIBUTES, SIDESET
// DISTRIBUTION FACTORS, FINAL TIME TOLERANCE, EXCLUDE TIMES, APPLY MATCHING,
// NODESET MATCH, SIDESET MATCH, SHORT BLOCKS, NO SHORT BLOCKS, CASE
// SENSITIVE, IGNORE CASE, IGNORE MAPS, IGNORE NANS, IGNORE DUPLICATES,
// IGNORE ATTRIBUTES, IGNORE SIDESET DISTRIBUTION, STEP OFFSET
// <n|AUTOMATIC|MATCH>, INTERPOLATE, CALCULATE NORMS (L1NORMS, L2NORMS),
// RETURN STATUS, IGNORE STATUS and PEDANTIC. Keywords are case-insensitive
// and may be abbreviated to their first three letters (four for some).

// abbrev reports whether tok is word or an abbreviation of it at least
// min characters long (tok already lower case).
func abbrev(tok, word string, min int) bool {
	return len(tok) >= min && strings.HasPrefix(word, tok)
}

// cmdTokens splits s at blanks, tabs, '=' and ','.
func cmdTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '=' || r == ','
	})
}

// tolMode maps a tolerance keyword (lower case) to its mode.
func tolMode(tok string) (Mode, bool) {
	switch {
	case abbrev(tok, "relative", 3):
		return Relative, true
	case abbrev(tok, "absolute", 3):
		return Absolute, true
	case abbrev(tok, "combined", 3):
		return Combined, true
	case abbrev(tok, "ulps_float", 6):
		return UlpsFloat, true
	case abbrev(tok, "ulps_double", 6):
		return UlpsDouble, true
	case abbrev(tok, "eigen_relative", 7):
		return EigenRel, true
	case abbrev(tok, "eigen_absolute", 7):
		return EigenAbs, true
	case abbrev(tok, "eigen_combined", 7):
		return EigenCom, true
	case abbrev(tok, "ignore", 3):
		return Ignore, true
	}
	return 0, false
}

// cmdError is a command-file parse error naming the file and line.
func cmdError(path string, line int, text, format string, args ...any) error {
	return fmt.Errorf("exodiff: %s:%d: %s (at %q)", path, line, fmt.Sprintf(format, args...), strings.TrimSpace(text))
}

// tolValue parses a non-negative tolerance value.
func tolValue(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("cannot read %q as a tolerance", s)
	}
	if v < 0 {
		return 0, fmt.Errorf("negative tolerance %q", s)
	}
	return v, nil
}

// parseTol reads "[type] value [floor f]" from toks into t; a type needs a
// value except ignore. It returns the tokens left.
func parseTol(toks []string, t *Tolerance, typeOptional bool) ([]string, error) {
	if len(toks) == 0 {
		return toks, nil
	}
	tok := strings.ToLower(toks[0])
	if m, ok := tolMode(tok); ok {
		t.Mode = m
		toks = toks[1:]
		if m == Ignore {
			t.Value = 0
		} else {
			if len(toks) == 0 || strings.HasPrefix(strings.ToLower(toks[0]), "flo") || strings.HasPrefix(toks[0], "#") {
				return nil, fmt.Errorf("a tolerance type needs a tolerance value")
			}
			v, err := tolValue(toks[0])
			if err != nil {
				return nil, err
			}
			t.Value = v
			toks = toks[1:]
		}
	} else if !typeOptional && !abbrev(tok, "floor", 3) {
		v, err := tolValue(toks[0])
		if err != nil {
			return nil, err
		}
		t.Value = v
		toks = toks[1:]
	}
	if len(toks) > 0 && abbrev(strings.ToLower(toks[0]), "floor", 3) {
		if len(toks) < 2 || strings.HasPrefix(toks[1], "#") {
			return nil, fmt.Errorf("floor given without a value")
		}
		v, err := tolValue(toks[1])
		if err != nil {
			return nil, err
		}
		t.Floor = v
		toks = toks[2:]
	}
	return toks, nil
}

// readCommandFile applies the command file at path to o.
func (o *Options) readCommandFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("exodiff: can't open command file %q: %v", path, err)
	}
	return o.parseCommands(path, strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"))
}

// parseCommands applies command-file lines to o.
func (o *Options) parseCommands(path string, lines []string) error {
	defaultGiven := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		tok1 := strings.ToLower(fields[0])
		tok2 := ""
		if len(fields) > 1 {
			tok2 = strings.ToLower(fields[1])
		}
		rest := func(n int) []string {
			// the tokens after the first n words, up to a comment
			toks := cmdTokens(line)
			if len(toks) < n {
				return nil
			}
			toks = toks[n:]
			for j, t := range toks {
				if strings.HasPrefix(t, "#") {
					return toks[:j]
				}
			}
			return toks
		}
		fail := func(format string, args ...any) error { return cmdError(path, i+1, line, format, args...) }
		var spec *VarSpec
		switch {
		case abbrev(tok1, "default", 3) && abbrev(tok2, "tolerance", 3):
			toks := rest(2)
			if len(toks) == 0 {
				return fail("DEFAULT TOLERANCE needs a value")
			}
			if _, err := parseTol(toks, &o.Default, false); err != nil {
				return fail("%v", err)
			}
			defaultGiven = true
			for _, v := range o.specs() {
				v.Default = o.Default
			}
		case abbrev(tok1, "max", 3) && abbrev(tok2, "names", 3):
			// obsolete; ignored as exodiff does
		case abbrev(tok1, "final", 3) && abbrev(tok2, "time", 3):
			toks := rest(2)
			if len(toks) < 2 || !abbrev(strings.ToLower(toks[0]), "tolerance", 3) {
				return fail("expected TOLERANCE and a value after FINAL TIME")
			}
			v, err := tolValue(toks[1])
			if err != nil {
				return fail("%v", err)
			}
			o.FinalTime.Value = v
		case abbrev(tok1, "return", 3) && abbrev(tok2, "status", 3):
			o.Status = true
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "status", 3):
			o.Status = false
		case abbrev(tok1, "exclude", 3) && abbrev(tok2, "times", 3):
			// the list keeps its commas: split at blanks and '=' only
			toks := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == '=' || r == '\r' })
			if len(toks) > 2 && !strings.HasPrefix(toks[2], "#") {
				ex, err := parseExclude(toks[2])
				if err != nil {
					return fail("%v", err)
				}
				o.Exclude = append(o.Exclude, ex...)
			}
		case abbrev(tok1, "apply", 3) && abbrev(tok2, "matching", 3):
			o.Map = MatchDistance
		case abbrev(tok1, "calculate", 3) && abbrev(tok2, "norms", 3):
			o.L1Norm, o.L2Norm = true, true
		case abbrev(tok1, "calculate", 3) && abbrev(tok2, "l2norms", 3):
			o.L2Norm = true
		case abbrev(tok1, "calculate", 3) && abbrev(tok2, "l1norms", 3):
			o.L1Norm = true
		case tok1 == "nodeset" && abbrev(tok2, "match", 3):
			o.NSMap = true
		case tok1 == "sideset" && abbrev(tok2, "match", 3):
			o.SSMap = true
		case tok1 == "pedantic":
			o.Pedantic = true
		case tok1 == "interpolate":
			o.Interpolate = true
		case abbrev(tok1, "short", 3) && abbrev(tok2, "blocks", 3):
			o.Short = true
		case tok1 == "no" && abbrev(tok2, "short", 3):
			o.Short = false
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "case", 3):
			o.NoCase = true
		case abbrev(tok1, "case", 3) && abbrev(tok2, "sensitive", 3), tok1 == "case_sensitive":
			o.NoCase = false
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "maps", 3):
			o.IgnoreMaps = true
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "nans", 3):
			o.IgnoreNaNs = true
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "dups", 3), abbrev(tok1, "ignore", 3) && abbrev(tok2, "duplicates", 3):
			o.IgnoreDup = true
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "attributes", 3):
			o.IgnoreAttributes = true
		case abbrev(tok1, "ignore", 3) && abbrev(tok2, "sideset", 3):
			if toks := rest(2); len(toks) > 0 && abbrev(strings.ToLower(toks[0]), "distribution", 3) {
				o.IgnoreSideSetDF = true
			}
		case tok1 == "step" && tok2 == "offset":
			toks := rest(2)
			if len(toks) == 0 {
				return fail("STEP OFFSET needs a value")
			}
			t := strings.ToLower(toks[0])
			switch {
			case abbrev(t, "automatic", 4):
				o.StepOffset = -1
			case abbrev(t, "match", 4):
				o.StepOffset = -2
			default:
				n, err := strconv.Atoi(toks[0])
				if err != nil {
					return fail("STEP OFFSET needs an integer, AUTOMATIC or MATCH")
				}
				o.StepOffset = n
			}
		case abbrev(tok1, "coordinates", 4):
			if defaultGiven {
				o.Coord = o.Default
			} else {
				o.Coord = Tolerance{Mode: Absolute, Value: 1e-6}
			}
			if _, err := parseTol(rest(1), &o.Coord, true); err != nil {
				return fail("%v", err)
			}
		case tok1 == "time" && abbrev(tok2, "steps", 4):
			o.Time = o.Default
			if _, err := parseTol(rest(2), &o.Time, true); err != nil {
				return fail("%v", err)
			}
		case abbrev(tok1, "sideset", 4) && abbrev(tok2, "distribution", 4):
			toks := rest(2)
			if len(toks) > 0 && abbrev(strings.ToLower(toks[0]), "factors", 3) {
				toks = toks[1:]
			}
			if _, err := parseTol(toks, &o.SideSetDF, true); err != nil {
				return fail("%v", err)
			}
		case abbrev(tok1, "global", 4) && abbrev(tok2, "variables", 3):
			spec = &o.Global
		case abbrev(tok1, "nodal", 4) && abbrev(tok2, "variables", 3):
			spec = &o.Nodal
		case abbrev(tok1, "element", 4) && abbrev(tok2, "variables", 3):
			spec = &o.Element
		case tok1 == "nodeset" && abbrev(tok2, "variables", 3):
			spec = &o.NodeSet
		case abbrev(tok1, "sideset", 4) && abbrev(tok2, "variables", 3):
			spec = &o.SideSet
		case abbrev(tok1, "element", 4) && abbrev(tok2, "attributes", 3):
			spec = &o.Attribute
		case (abbrev(tok1, "edgeblock", 4) || abbrev(tok1, "faceblock", 4)) && abbrev(tok2, "variables", 3):
			// exosh does not read edge and face blocks; skip their lists
			var dummy VarSpec
			spec = &dummy
		default:
			return fail("unrecognized command")
		}
		if spec == nil {
			continue
		}
		next, err := parseVarSection(spec, rest(2), lines, i+1)
		if err != nil {
			return cmdError(path, i+1, line, "%v", err)
		}
		i = next - 1
	}
	return nil
}

// parseVarSection reads a VARIABLES header's tokens and the indented
// variable lines that follow from lines[start:]; it returns the index of
// the first line after the section.
func parseVarSection(spec *VarSpec, head []string, lines []string, start int) (int, error) {
	spec.Names, spec.Tols = nil, nil
	if len(head) > 0 {
		tok := strings.ToLower(head[0])
		_, isMode := tolMode(tok)
		if tok != "(all)" && tok != "all" && !isMode && !abbrev(tok, "floor", 3) {
			return 0, fmt.Errorf("unrecognized keyword %q", head[0])
		}
		if tok == "(all)" || tok == "all" {
			spec.All = true
			head = head[1:]
		}
		if _, err := parseTol(head, &spec.Default, true); err != nil {
			return 0, err
		}
	}
	i := start
	for ; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r")
		trimmed := strings.TrimSpace(l)
		if l == "" {
			break
		}
		if strings.HasPrefix(trimmed, "#") {
			continue
		}
		if l[0] != '\t' && l[0] != ' ' {
			break
		}
		if trimmed == "" {
			continue
		}
		toks := strings.Fields(trimmed)
		name := toks[0]
		if strings.HasPrefix(name, "!") {
			if len(name) > 1 {
				spec.Names = append(spec.Names, name)
				spec.Tols = append(spec.Tols, spec.Default)
			}
			continue
		}
		t := spec.Default
		var rest []string
		for _, tk := range cmdTokens(strings.Join(toks[1:], " ")) {
			if strings.HasPrefix(tk, "#") {
				break
			}
			rest = append(rest, tk)
		}
		if len(rest) > 0 {
			if _, err := parseTol(rest, &t, false); err != nil {
				// a bare "floor f" keeps the section's value
				if abbrev(strings.ToLower(rest[0]), "floor", 3) {
					return 0, err
				}
				return 0, fmt.Errorf("variable %s: %v", name, err)
			}
		}
		spec.Names = append(spec.Names, name)
		spec.Tols = append(spec.Tols, t)
	}
	inc, exc := 0, 0
	for _, n := range spec.Names {
		if strings.HasPrefix(n, "!") {
			exc++
		} else {
			inc++
		}
	}
	if !spec.All && inc > 0 && exc > 0 {
		return 0, fmt.Errorf("cannot list variables to include and to exclude without '(all)'")
	}
	if inc == 0 {
		spec.All = true
	}
	return i, nil
}
