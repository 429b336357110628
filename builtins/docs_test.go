package builtins_test

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"exosh/builtins"

	"go.starlark.net/starlark"
)

// TestAPIDoc fails when docs/api.md differs from the text generated from
// the doc strings; go test ./builtins -update rewrites it.
func TestAPIDoc(t *testing.T) {
	path := filepath.Join("..", "docs", "api.md")
	want := builtins.APIDoc()
	if *update {
		if err := writeFile(path, want); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./builtins -update)", err)
	}
	if string(got) != want {
		t.Errorf("docs/api.md is stale: run go test ./builtins -update")
	}
}

// apiSignatures reads the method signatures listed in exomerge-api.md,
// by area letter: "name(params)" for each "- `name(params)`" line.
func apiSignatures(t *testing.T) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), "exomerge-api.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heading := regexp.MustCompile(`^## ([A-Z])\. `)
	item := regexp.MustCompile("^- `([a-z_0-9]+)\\((.*)\\)`$")
	areas := map[string]map[string]string{}
	area := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := heading.FindStringSubmatch(sc.Text()); m != nil {
			area = m[1]
			areas[area] = map[string]string{}
		} else if m := item.FindStringSubmatch(sc.Text()); m != nil && area != "" {
			areas[area][m[1]] = m[2]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(areas["I"]) != 3 || len(areas["B"]) != 80 {
		t.Fatalf("read %d methods of area I and %d of area B from exomerge-api.md, want 3 and 80", len(areas["I"]), len(areas["B"]))
	}
	return areas
}

// exoshOnly are the methods exosh adds to exomerge's API.
var exoshOnly = map[string]bool{"write": true, "export_png": true, "export_gif": true, "show": true, "export_html": true}

// TestSignaturesMatchExomerge checks that every registered method that
// exomerge has shows exomerge's parameter list in help and docs.
func TestSignaturesMatchExomerge(t *testing.T) {
	all := map[string]string{}
	for _, methods := range apiSignatures(t) {
		for name, params := range methods {
			all[name] = params
		}
	}
	for _, s := range builtins.Signatures() {
		name, params, _ := strings.Cut(strings.TrimSuffix(s, ")"), "(")
		want, ok := all[name]
		if !ok {
			if !exoshOnly[name] {
				t.Errorf("%s is registered but not in exomerge's API", name)
			}
			continue
		}
		if params != want {
			t.Errorf("%s: help shows (%s), exomerge has (%s)", name, params, want)
		}
	}
}

// TestUnpackMatchesSignature checks that each method's argument unpacking
// uses the parameter names its signature shows: every name is accepted as
// a keyword, and a call without arguments reports the first parameter
// without a default as missing. The argument value is an empty dict, which
// no parameter accepts, so no call does any work.
func TestUnpackMatchesSignature(t *testing.T) {
	// Methods with only defaults (export_model) run: keep their files out
	// of the source tree.
	t.Chdir(t.TempDir())
	thread := builtins.NewThread("test", io.Discard, io.Discard)
	model, err := starlark.Call(thread, builtins.Predeclared()["ExodusModel"], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range builtins.Signatures() {
		name, params, _ := strings.Cut(strings.TrimSuffix(s, ")"), "(")
		fn, err := model.(starlark.HasAttrs).Attr(name)
		if err != nil || fn == nil {
			t.Errorf("%s: no such attribute (%v)", name, err)
			continue
		}
		firstRequired := ""
		for _, p := range splitParams(params) {
			pname, _, hasDefault := strings.Cut(p, "=")
			if firstRequired == "" && !hasDefault {
				firstRequired = pname
			}
			_, err := starlark.Call(thread, fn, nil, []starlark.Tuple{{starlark.String(pname), starlark.NewDict(0)}})
			if err == nil || strings.Contains(err.Error(), "unexpected keyword argument") {
				t.Errorf("%s(%s={}): got error %v, want a rejected value", name, pname, err)
			}
		}
		_, err = starlark.Call(thread, fn, nil, nil)
		switch {
		case firstRequired != "" && (err == nil || !strings.Contains(err.Error(), "missing argument for "+firstRequired)):
			t.Errorf("%s(): got error %v, want missing argument for %s", name, err, firstRequired)
		case firstRequired == "" && err != nil && strings.Contains(err.Error(), "missing argument"):
			t.Errorf("%s(): got error %v, but every parameter has a default", name, err)
		}
	}
}

// splitParams splits a parameter list at top-level commas.
func splitParams(params string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range params {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(params[start:i]))
				start = i + 1
			}
		}
	}
	if s := strings.TrimSpace(params[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
