package compute

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// unmergeRef follows exomerge's unmerge_element_blocks literally: for each
// pair of blocks (i, j), i < j, duplicate the nodes they share (in sorted
// order) and give the copies to block j.
func unmergeRef(numNodes int, conns [][]int32) (src []int32) {
	nodesOf := func(c []int32) map[int32]bool {
		m := map[int32]bool{}
		for _, n := range c {
			m[n] = true
		}
		return m
	}
	next := int32(numNodes)
	for i := range conns {
		for j := i + 1; j < len(conns); j++ {
			a, b := nodesOf(conns[i]), nodesOf(conns[j])
			var shared []int32
			for n := range a {
				if b[n] {
					shared = append(shared, n)
				}
			}
			slices.Sort(shared)
			repl := map[int32]int32{}
			for _, n := range shared {
				repl[n] = next
				next++
				// a copy of a copy still copies the original node
				orig := n
				if int(n) >= numNodes {
					orig = src[int(n)-numNodes]
				}
				src = append(src, orig)
			}
			for k, n := range conns[j] {
				if r, ok := repl[n]; ok {
					conns[j][k] = r
				}
			}
		}
	}
	return src
}

func TestUnmergeExomerge(t *testing.T) {
	c1, c2 := slices.Clone(exoSharedConn1), slices.Clone(exoSharedConn2)
	n := len(exoSharedCoords) / 3
	src := UnmergeBlocks(n, [][]int32{c1, c2})
	if !slices.Equal(c1, exoSharedUnmergedConn1) || !slices.Equal(c2, exoSharedUnmergedConn2) {
		t.Errorf("unmerged connectivity\n%v\n%v\nexomerge\n%v\n%v", c1, c2, exoSharedUnmergedConn1, exoSharedUnmergedConn2)
	}
	if want := []int32{2, 6, 10, 14, 18, 22, 26, 30, 34}; !slices.Equal(src, want) {
		t.Errorf("copied nodes %v, want %v", src, want)
	}
}

func TestUnmergeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := range 200 {
		nn := 1 + rng.IntN(40)
		nb := 1 + rng.IntN(5)
		conns := make([][]int32, nb)
		for b := range conns {
			npe := 1 + rng.IntN(4)
			ne := rng.IntN(6)
			for range ne * npe {
				conns[b] = append(conns[b], int32(rng.IntN(nn)))
			}
		}
		want := make([][]int32, nb)
		for b := range conns {
			want[b] = slices.Clone(conns[b])
		}
		wsrc := unmergeRef(nn, want)
		gsrc := UnmergeBlocks(nn, conns)
		if !slices.Equal(gsrc, wsrc) {
			t.Fatalf("trial %d: src %v, reference %v", trial, gsrc, wsrc)
		}
		for b := range conns {
			if !slices.Equal(conns[b], want[b]) {
				t.Fatalf("trial %d block %d: %v, reference %v", trial, b, conns[b], want[b])
			}
		}
	}
}

func TestUnmergeLarge(t *testing.T) {
	_, conn := HexMesh(40, 40, 40)
	// Three blocks: slabs in z sharing their interface nodes.
	cut1, cut2 := 8*1600*13, 8*1600*27 // whole layers of 40x40 elements
	run := func() []int32 {
		a, b, c := slices.Clone(conn[:cut1]), slices.Clone(conn[cut1:cut2]), slices.Clone(conn[cut2:])
		src := UnmergeBlocks(41*41*41, [][]int32{a, b, c})
		return slices.Concat(src, a, b, c)
	}
	var ref []int32
	withProcs(1, func() { ref = run() })
	withProcs(2, func() {
		if got := run(); !slices.Equal(got, ref) {
			t.Error("GOMAXPROCS=2 result differs")
		}
	})
	if nsrc := len(ref) - len(conn); nsrc != 2*41*41 {
		t.Errorf("%d copies, want %d", nsrc, 2*41*41)
	}
}

// TestUnmergeRandomSplit checks against the reference inputs large enough
// to be split into parts (so a block's entries, and the copies of one node,
// are spread over several goroutines), with nodes shared by many blocks.
func TestUnmergeRandomSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for trial := range 6 {
		nn := 500 + rng.IntN(3000)
		nb := 2 + rng.IntN(5)
		conns := make([][]int32, nb)
		for b := range conns {
			npe := 1 + rng.IntN(8)
			for range (2000 + rng.IntN(20000)) * npe {
				conns[b] = append(conns[b], int32(rng.IntN(nn)))
			}
		}
		want := make([][]int32, nb)
		for b := range conns {
			want[b] = slices.Clone(conns[b])
		}
		wsrc := unmergeRef(nn, want)
		for _, procs := range []int{1, 3} {
			got := make([][]int32, nb)
			for b := range conns {
				got[b] = slices.Clone(conns[b])
			}
			var gsrc []int32
			withProcs(procs, func() { gsrc = UnmergeBlocks(nn, got) })
			if !slices.Equal(gsrc, wsrc) {
				t.Fatalf("trial %d, %d threads: %d copies, reference %d", trial, procs, len(gsrc), len(wsrc))
			}
			for b := range got {
				if !slices.Equal(got[b], want[b]) {
					t.Fatalf("trial %d, %d threads, block %d differs from the reference", trial, procs, b)
				}
			}
		}
	}
}
