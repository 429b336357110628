package builtins

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestImageProtocol(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TERM": "xterm-kitty"}, "kitty"},
		{map[string]string{"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty"},
		{map[string]string{"TERM_PROGRAM": "iTerm.app"}, "iterm2"},
		{map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, ""},
		{map[string]string{}, ""},
	}
	for _, c := range cases {
		if got := imageProtocol(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
}

// TestWriteInline: kitty's protocol splits the base64 into chunks of 4096
// with m=1 on all but the last; iTerm2's carries the size and the data.
func TestWriteInline(t *testing.T) {
	data := bytes.Repeat([]byte{1, 2, 3, 4, 5}, 2000) // 10000 bytes: 13336 base64 characters
	var b bytes.Buffer
	if err := writeInline(&b, data, "kitty"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	parts := strings.Split(strings.TrimSuffix(s, "\n"), "\x1b\\")
	parts = parts[:len(parts)-1]
	if len(parts) != 4 || !strings.HasPrefix(parts[0], "\x1b_Gf=100,a=T,m=1;") || !strings.HasPrefix(parts[1], "\x1b_Gm=1;") || !strings.HasPrefix(parts[3], "\x1b_Gm=0;") {
		t.Fatalf("kitty chunks: %d, %q...", len(parts), s[:40])
	}
	var joined strings.Builder
	for _, p := range parts {
		joined.WriteString(p[strings.Index(p, ";")+1:])
	}
	if got, err := base64.StdEncoding.DecodeString(joined.String()); err != nil || !bytes.Equal(got, data) {
		t.Errorf("kitty payload does not decode to the data: %v", err)
	}
	b.Reset()
	writeInline(&b, data, "iterm2")
	if !strings.HasPrefix(b.String(), "\x1b]1337;File=inline=1;size=10000;") || !strings.Contains(b.String(), base64.StdEncoding.EncodeToString(data)+"\a") {
		t.Errorf("iterm2: %q...", b.String()[:40])
	}
}
