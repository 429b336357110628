package compute

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestUsedIndex checks UsedIndex against a serial reference on small
// hand-made cases and on a random connectivity large enough to run in
// parallel, at 1 and 2 threads.
func TestUsedIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	big := make([]int32, 200000)
	for i := range big {
		big[i] = int32(rng.IntN(300000))
	}
	cases := []struct {
		name  string
		n     int
		conn  []int32
		first int
	}{
		{"empty", 4, nil, 4},
		{"some", 6, []int32{4, 1, 4, 2}, 6},
		{"first zero", 3, []int32{0, 2}, 0},
		{"random", 300000, big, 300000},
	}
	for _, c := range cases {
		// Reference: nodes in increasing order, ranked from first.
		wantRank := make([]int32, c.n)
		for i := range wantRank {
			wantRank[i] = -1
		}
		for _, v := range c.conn {
			wantRank[v] = 0
		}
		var wantUsed []int32
		for v := range c.n {
			if wantRank[v] == 0 {
				wantRank[v] = int32(c.first + len(wantUsed))
				wantUsed = append(wantUsed, int32(v))
			}
		}
		for _, procs := range []int{1, 2} {
			prev := runtime.GOMAXPROCS(procs)
			used, rank := UsedIndex(c.n, c.conn, c.first)
			runtime.GOMAXPROCS(prev)
			if !slices.Equal(used, wantUsed) && !(len(used) == 0 && len(wantUsed) == 0) {
				t.Errorf("%s, %d threads: used %v, want %v", c.name, procs, head(used), head(wantUsed))
			}
			if !slices.Equal(rank, wantRank) {
				t.Errorf("%s, %d threads: rank %v, want %v", c.name, procs, head(rank), head(wantRank))
			}
		}
	}
	used, rank := UsedIndex(6, []int32{4, 1, 4, 2}, 6)
	if !slices.Equal(used, []int32{1, 2, 4}) || !slices.Equal(rank, []int32{-1, 6, 7, -1, 8, -1}) {
		t.Errorf("hand case: used %v rank %v, want [1 2 4] [-1 6 7 -1 8 -1]", used, rank)
	}
}

func head(s []int32) []int32 { return s[:min(len(s), 8)] }

// TestBulkCopies checks the gathers, renumbering, growth, concatenation
// and fill against plain loops, on arrays long enough to run in parallel.
func TestBulkCopies(t *testing.T) {
	const n = 100000
	src := make([]float64, 3*n)
	for i := range src {
		src[i] = float64(i) * 0.5
	}
	idx := make([]int32, n/2)
	for i := range idx {
		idx[i] = int32((i * 7919) % n)
	}
	g := make([]float64, len(idx))
	Gather(g, src, idx)
	g3 := make([]float64, 3*len(idx))
	Gather3(g3, src, idx)
	for i, v := range idx {
		if g[i] != src[v] {
			t.Fatalf("Gather[%d] = %v, want %v", i, g[i], src[v])
		}
		for d := range 3 {
			if g3[3*i+d] != src[3*int(v)+d] {
				t.Fatalf("Gather3[%d][%d] = %v, want %v", i, d, g3[3*i+d], src[3*int(v)+d])
			}
		}
	}
	table := make([]int32, n)
	for i := range table {
		table[i] = int32(n - 1 - i)
	}
	r := make([]int32, len(idx))
	Renumber(r, idx, table)
	for i, v := range idx {
		if r[i] != int32(n-1)-v {
			t.Fatalf("Renumber[%d] = %d, want %d", i, r[i], int32(n-1)-v)
		}
	}
	il := make([]float64, 3*len(g))
	for d := range 3 {
		Interleave(il, g[d:], 3, d) // shifted sources, so the columns differ
	}
	for i := range g {
		for d := range 3 {
			if i+d < len(g) && il[3*i+d] != g[i+d] {
				t.Fatalf("Interleave: [%d][%d] = %v, want %v", i, d, il[3*i+d], g[i+d])
			}
		}
	}
	for _, c := range []struct {
		bad  []int // indices set out of range
		want int
	}{{nil, -1}, {[]int{70000}, 70000}, {[]int{99999, 3}, 3}, {[]int{0}, 0}} {
		one := make([]int32, n)
		for i := range one {
			one[i] = int32(i%n) + 1
		}
		for _, b := range c.bad {
			one[b] = int32(n + 1)
			if b == 3 {
				one[b] = 0
			}
		}
		if got := ToZeroBased(one, int32(n)); got != c.want {
			t.Errorf("ToZeroBased with bad %v: %d, want %d", c.bad, got, c.want)
		}
		if one[5] != 5 || one[n-2] != int32(n-2) {
			t.Errorf("ToZeroBased did not shift: %d %d", one[5], one[n-2])
		}
	}
	grown := GrowFloat64s(src[:n], 5) // capacity suffices: zeros written in place
	if len(grown) != n+5 || &grown[0] != &src[0] || grown[n] != 0 || grown[n+4] != 0 || grown[n-1] != src[n-1] {
		t.Errorf("GrowFloat64s within capacity: len %d, tail %v", len(grown), grown[n-1:])
	}
	full := slices.Clip(src[:n])
	grown = GrowFloat64s(full, 3)
	if len(grown) != n+3 || &grown[0] == &full[0] || !slices.Equal(grown[:n], full) || grown[n+2] != 0 {
		t.Errorf("GrowFloat64s beyond capacity: len %d", len(grown))
	}
	c := ConcatFloat64s(src[:10], src[20:25], nil, src[3*n-2:])
	want := append(append(slices.Clone(src[:10]), src[20:25]...), src[3*n-2:]...)
	if !slices.Equal(c, want) {
		t.Errorf("ConcatFloat64s = %v, want %v", c, want)
	}
	ci := ConcatInt32s(idx, table[:3])
	if !slices.Equal(ci, append(slices.Clone(idx), table[:3]...)) {
		t.Errorf("ConcatInt32s differs")
	}
	if cl := CloneInt32s(idx); !slices.Equal(cl, idx) || CloneInt32s(nil) != nil {
		t.Errorf("CloneInt32s differs")
	}
	if cl := CloneFloat64s(src); !slices.Equal(cl, src) || CloneFloat64s(nil) != nil {
		t.Errorf("CloneFloat64s differs")
	}
	f := Float64s(3 * n)
	Fill(f, 2.5)
	for i, v := range f {
		if v != 2.5 {
			t.Fatalf("Fill: f[%d] = %v", i, v)
		}
	}
	ids := GrowInt64s([]int64{7, 9}, 2)
	if !slices.Equal(ids, []int64{7, 9, 0, 0}) {
		t.Errorf("GrowInt64s = %v", ids)
	}
}

// TestShrink checks that Shrink keeps the first n values, clips the
// capacity, and leaves memory beyond the slice's length alone (another
// slice of the same array keeps its values).
func TestShrink(t *testing.T) {
	const n = 1 << 20 // 8 MiB of float64s: the tail is released
	all := Float64s(2 * n)
	for i := range all {
		all[i] = float64(i) + 0.5
	}
	first, second := all[:n:n], all[n:]
	s := Shrink(first, 1000)
	if len(s) != 1000 || cap(s) != 1000 {
		t.Fatalf("Shrink: len %d cap %d, want 1000 1000", len(s), cap(s))
	}
	for i, v := range s {
		if v != float64(i)+0.5 {
			t.Fatalf("Shrink changed value %d: %v", i, v)
		}
	}
	for i, v := range second {
		if v != float64(n+i)+0.5 {
			t.Fatalf("Shrink touched the next slice at %d: %v", i, v)
		}
	}
	if got := Shrink([]int32{1, 2, 3}, 0); len(got) != 0 || cap(got) != 0 {
		t.Errorf("Shrink to 0: len %d cap %d", len(got), cap(got))
	}
}

func TestEqualBits(t *testing.T) {
	big := make([]float64, 1<<16)
	for i := range big {
		big[i] = float64(i) / 3
	}
	other := slices.Clone(big)
	late := slices.Clone(big)
	late[len(late)-1] = math.Nextafter(late[len(late)-1], 0)
	nan1, nan2 := math.Float64frombits(0x7ff8000000000001), math.Float64frombits(0x7ff8000000000002)
	cases := []struct {
		name string
		a, b []float64
		want bool
	}{
		{"both empty", nil, []float64{}, true},
		{"lengths differ", []float64{1}, []float64{1, 2}, false},
		{"the same array", big, big, true},
		{"equal copies", big, other, true},
		{"last value one ulp apart", big, late, false},
		{"0 and -0", []float64{0}, []float64{math.Copysign(0, -1)}, false},
		{"one NaN payload", []float64{nan1}, []float64{nan1}, true},
		{"two NaN payloads", []float64{nan1}, []float64{nan2}, false},
	}
	for _, c := range cases {
		if got := EqualBits(c.a, c.b); got != c.want {
			t.Errorf("%s: EqualBits = %v, want %v", c.name, got, c.want)
		}
	}
}
