package meshobj

import (
	"fmt"
	"strings"
)

// Summarize returns the summary exomerge's summarize prints: one line per
// count, each ending in a newline.
func (m *Model) Summarize() string {
	var b strings.Builder
	line := func(n int, what string) { fmt.Fprintf(&b, "  %d %s\n", n, what) }
	b.WriteString("The model contains the following:\n")
	line(m.NumElems(), "elements")
	line(len(m.Timesteps), "timesteps")
	line(len(m.GlobalVars), "global variables")
	line(m.NumNodes(), "nodes")
	line(len(m.NodeFields), "node fields")
	line(len(m.Blocks), "element blocks")
	line(len(m.elementFieldNames(m.Blocks)), "element fields")
	line(len(m.NodeSets), "node sets")
	line(len(m.nodeSetFieldNames(m.NodeSets)), "node set fields")
	line(len(m.SideSets), "side sets")
	line(len(m.sideSetFieldNames(m.SideSets)), "side set fields")
	return b.String()
}

// OutputGlobalVariables returns the CSV text exomerge's
// output_global_variables writes: a header "time, name1, name2" and one
// row per selected timestep (in selector order) of the time and the
// selected variables' values, separated by ", ", numbers formatted as
// Python's str(float), each line ending in a newline. (exomerge prints it
// to standard output when no file name is given; the trailing newline is
// then print's own.)
func (m *Model) OutputGlobalVariables(names, timesteps Selector) (string, error) {
	ns, err := m.ResolveGlobalVariableNames(names)
	if err != nil {
		return "", err
	}
	ts, err := m.ResolveTimesteps(timesteps)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("time")
	for _, n := range ns {
		b.WriteString(", " + n)
	}
	b.WriteByte('\n')
	gs := make([]*GlobalVar, len(ns))
	for i, n := range ns {
		gs[i] = m.globalVar(n)
	}
	for _, t := range ts {
		idx := m.timestepIndex(t)
		b.WriteString(PyFloat(t))
		for _, g := range gs {
			b.WriteString(", " + PyFloat(g.Values[idx]))
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// GetInputDeck returns the input deck that SIERRA codes store in the info
// records, as exomerge's get_input_deck: the records from a line whose
// first word is "begin" (case-insensitive) through the matching "end",
// joined with newlines; an 80-character record ending in a backslash
// continues on the next record (the backslash is dropped).
func (m *Model) GetInputDeck() string {
	var deck []string
	continuation := false
	depth := 0
	first := ""
	for _, line := range m.InfoRecords {
		if !continuation {
			w := strings.TrimSpace(line)
			if i := strings.IndexByte(w, ' '); i >= 0 {
				w = w[:i]
			}
			first = strings.ToLower(w)
		}
		if !continuation && first == "begin" {
			depth++
		}
		if depth > 0 {
			if continuation {
				last := deck[len(deck)-1]
				deck[len(deck)-1] = last[:len(last)-1] + line
			} else {
				deck = append(deck, line)
			}
		}
		continuation = depth > 0 && len([]rune(line)) == 80 && strings.HasSuffix(line, `\`)
		if !continuation && first == "end" {
			depth--
		}
	}
	return strings.Join(deck, "\n")
}
