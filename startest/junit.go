package startest

import (
	"encoding/xml"
	"fmt"
	"os"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func secs(d float64) string { return fmt.Sprintf("%.3f", d) }

// writeJUnit writes the results as JUnit XML (as Jenkins and GitLab read
// it): one testsuite per file, one testcase per test.
func writeJUnit(path string, files []FileResult) error {
	var all junitSuites
	total := 0.0
	for _, f := range files {
		s := junitSuite{Name: f.File, Time: secs(f.Duration.Seconds())}
		for _, t := range f.Tests {
			c := junitCase{Name: t.Name, Classname: f.File, Time: secs(t.Duration.Seconds()), SystemOut: t.Output}
			m := &junitMessage{Message: firstLine(t.Message), Text: t.Message}
			switch t.Outcome {
			case Fail:
				c.Failure = m
				s.Failures++
			case Error:
				c.Error = m
				s.Errors++
			case Skipped:
				c.Skipped = m
				s.Skipped++
			}
			s.Tests++
			s.Cases = append(s.Cases, c)
		}
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
		total += f.Duration.Seconds()
		all.Suites = append(all.Suites, s)
	}
	all.Time = secs(total)
	b, err := xml.MarshalIndent(all, "", "  ")
	if err != nil {
		return fmt.Errorf("exosh test: junit: %v", err)
	}
	b = append([]byte(xml.Header), b...)
	b = append(b, '\n')
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("exosh test: junit: %v", err)
	}
	return nil
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
