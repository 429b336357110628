package meshobj

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	m := twoCubes(t)
	want := `The model contains the following:
  3 elements
  2 timesteps
  1 global variables
  20 nodes
  1 node fields
  2 element blocks
  1 element fields
  1 node sets
  1 node set fields
  1 side sets
  1 side set fields
`
	if got := m.Summarize(); got != want {
		t.Errorf("Summarize:\n%s\nwant:\n%s", got, want)
	}
}

func TestGetInputDeck(t *testing.T) {
	long := "  solid mechanics region the_region with a name long enough to need a second line\\"
	long = long[:79] + `\`
	m := New()
	m.InfoRecords = []string{
		"preamble", "Begin sierra job", "  title abc", long, "ion continued", "  BEGIN foo", "  end foo", "End sierra job", "after",
	}
	want := "Begin sierra job\n  title abc\n" + long[:79] + "ion continued\n  BEGIN foo\n  end foo\nEnd sierra job"
	if got := m.GetInputDeck(); got != want {
		t.Errorf("GetInputDeck = %q, want %q", got, want)
	}
	if got := New().GetInputDeck(); got != "" {
		t.Errorf("empty deck %q", got)
	}
}

func TestWrapText(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"short.e", 79, []string{"short.e"}},
		{long, 79, []string{long[:79], long[79:]}},
		// Cases checked against Python 3.11's textwrap.fill.
		{"dir with spaces/" + long, 20, []string{"dir with spaces/aaaa", long[:20], long[:20], long[:20], long[:20], long[:16]}},
		{"/home/user/some-project/results/run-2024-01-05/output_with_a_rather_long_name_and_more_stuff_x.e", 79,
			[]string{"/home/user/some-project/results/run-2024-01-", "05/output_with_a_rather_long_name_and_more_stuff_x.e"}},
		{"ab-cd a-b x--y", 4, []string{"ab-", "cd", "a-b", "x--y"}},
		{"  lead", 10, []string{"  lead"}},
		{"a--b c", 3, []string{"a--", "b c"}},
		{"ab--cd", 3, []string{"ab", "--", "cd"}},
		{"foo-bar-baz-qux", 9, []string{"foo-bar-", "baz-qux"}},
		{"aaaaaaaaaa-bbbbbbbbbb", 8, []string{"aaaaaaaa", "aa-bbbbb", "bbbbb"}},
		{"my-long-mesh-name.e", 10, []string{"my-long-", "mesh-", "name.e"}},
	}
	for _, tc := range tests {
		if got := wrapText(tc.in, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

func TestExosQARecord(t *testing.T) {
	now := time.Date(2024, 3, 7, 9, 5, 1, 0, time.UTC)
	if got, want := ExosQARecord("0.1.0", now), [4]string{"exosh", "0.1.0", "2024/03/07", "09:05:01"}; got != want {
		t.Errorf("ExosQARecord = %q, want %q", got, want)
	}
}
