package expr

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

const (
	// chunk is the number of entities each instruction processes at a
	// time: small enough that the chunks of all operands of an instruction
	// stay in the L1 cache (256 measured fastest on the 5-term benchmark,
	// 30% faster than 2048), large enough to amortise the dispatch.
	chunk = 256
	// task is the number of entities a worker claims at a time, a whole
	// number of chunks: large enough that claiming is rare.
	task = 16 * chunk
)

// binding is one array input, resolved for an Eval.
type binding struct {
	data   []float64
	index  []int32
	start  int
	stride int
	view   bool
}

// workspace is the scratch state of one worker, reused through the
// Program's pool.
type workspace struct {
	temps  []float64   // ntemps chunks
	gather []float64   // one chunk per array input, for views
	in     [][]float64 // per array input: the current chunk's values
	regs   []float64   // scalar registers (the first workspace's are shared)
	binds  []binding
}

func (p *Program) workspace() *workspace {
	if w, ok := p.pool.Get().(*workspace); ok {
		return w
	}
	return &workspace{
		temps: make([]float64, p.ntemps*chunk),
		in:    make([][]float64, len(p.arrays)),
		regs:  make([]float64, p.nsregs),
		binds: make([]binding, len(p.arrays)),
	}
}

// EvalScalar evaluates a program whose result is the same for every entity
// (Scalar reports true), such as a global-variable expression. env needs
// only Scalars.
func (p *Program) EvalScalar(env Env) (float64, error) {
	if !p.scalarRes {
		return 0, fmt.Errorf("expr: %q depends on per-entity names %v; use Eval", p.src, p.arrays)
	}
	w := p.workspace()
	defer p.pool.Put(w)
	if err := p.bindScalars(w.regs, env); err != nil {
		return 0, err
	}
	return w.regs[p.result], nil
}

// Eval computes the expression for len(dst) entities into dst. Every
// referenced array name must be supplied with exactly len(dst) values,
// every scalar name with a value (a Scalar program needs no arrays and
// fills dst with its one value). dst may be one of the supplied arrays
// (the same slice, for an in-place update) but must not otherwise overlap
// them. The work is split into tasks of 4096 entities spread over
// runtime.GOMAXPROCS(0) goroutines; the result does not depend on their
// number.
func (p *Program) Eval(dst []float64, env Env) error {
	n := len(dst)
	w := p.workspace()
	defer p.pool.Put(w)
	if err := p.bindScalars(w.regs, env); err != nil {
		return err
	}
	if p.scalarRes {
		v := w.regs[p.result]
		for i := range dst {
			dst[i] = v
		}
		return nil
	}
	if err := p.bindArrays(w.binds, env, n); err != nil {
		return err
	}
	ntasks := (n + task - 1) / task
	workers := min(runtime.GOMAXPROCS(0), ntasks)
	if workers <= 1 {
		p.run(w, w.regs, w.binds, dst, 0, n)
		return nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func(ws *workspace) {
		for {
			k := int(next.Add(1) - 1)
			if k >= ntasks {
				return
			}
			lo := k * task
			p.run(ws, w.regs, w.binds, dst, lo, min(lo+task, n))
		}
	}
	for range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := p.workspace()
			work(ws)
			p.pool.Put(ws)
		}()
	}
	work(w)
	wg.Wait()
	return nil
}

// bindScalars loads the constants and scalar inputs into r and runs the
// scalar prelude.
func (p *Program) bindScalars(r []float64, env Env) error {
	copy(r, p.consts)
	for k, name := range p.scalars {
		v, ok := env.Scalars[name]
		if !ok {
			return p.missing(name, Scalar, env)
		}
		r[p.scalarRegs[k]] = v
	}
	p.runPrelude(r)
	return nil
}

func (p *Program) missing(name string, k Kind, env Env) error {
	where := ""
	if _, ok := env.Arrays[name]; ok {
		where = " (it was supplied as an array)"
	} else if _, ok := env.Views[name]; ok {
		where = " (it was supplied as a view)"
	} else if _, ok := env.Scalars[name]; ok {
		where = " (it was supplied as a scalar)"
	}
	return fmt.Errorf("expr: %s %q used by %q is not supplied%s", k, name, p.src, where)
}

// bindArrays resolves and checks the array inputs for n entities.
func (p *Program) bindArrays(b []binding, env Env, n int) error {
	for k, name := range p.arrays {
		if a, ok := env.Arrays[name]; ok {
			if len(a) != n {
				return fmt.Errorf("expr: array %q has %d values, want %d (len(dst)) for %q", name, len(a), n, p.src)
			}
			b[k] = binding{data: a}
			continue
		}
		v, ok := env.Views[name]
		if !ok {
			return p.missing(name, Array, env)
		}
		if err := checkView(v, n); err != nil {
			return fmt.Errorf("expr: view %q for %q: %v", name, p.src, err)
		}
		if v.Index == nil && v.Stride == 1 {
			b[k] = binding{data: v.Data[v.Start : v.Start+n]} // contiguous: no gather
			continue
		}
		b[k] = binding{data: v.Data, index: v.Index, start: v.Start, stride: v.Stride, view: true}
	}
	return nil
}

// checkView verifies that every element a view addresses for n entities
// lies inside its Data.
func checkView(v View, n int) error {
	if v.Start < 0 || v.Stride < 0 {
		return fmt.Errorf("negative start %d or stride %d", v.Start, v.Stride)
	}
	maxJ := n - 1
	if v.Index != nil {
		if len(v.Index) != n {
			return fmt.Errorf("index has %d entries, want %d", len(v.Index), n)
		}
		maxJ = -1
		for _, j := range v.Index {
			if j < 0 {
				return fmt.Errorf("negative index %d", j)
			}
			maxJ = max(maxJ, int(j))
		}
	}
	if maxJ < 0 {
		return nil
	}
	// Start + Stride*maxJ < len(Data), without overflow.
	if v.Start >= len(v.Data) || v.Stride > 0 && maxJ > (len(v.Data)-1-v.Start)/v.Stride {
		return fmt.Errorf("entity %d is past the end of %d values (start %d, stride %d)", maxJ, len(v.Data), v.Start, v.Stride)
	}
	return nil
}

// run evaluates entities [lo, hi), chunk by chunk.
func (p *Program) run(w *workspace, regs []float64, binds []binding, dst []float64, lo, hi int) {
	for ; lo < hi; lo += chunk {
		p.runChunk(w, regs, binds, dst, lo, min(lo+chunk, hi))
	}
}

// runChunk evaluates entities [lo, hi), at most one chunk.
func (p *Program) runChunk(w *workspace, regs []float64, binds []binding, dst []float64, lo, hi int) {
	m := hi - lo
	for k := range binds {
		b := &binds[k]
		if !b.view {
			w.in[k] = b.data[lo:hi]
			continue
		}
		if w.gather == nil {
			w.gather = make([]float64, len(p.arrays)*chunk)
		}
		g := w.gather[k*chunk : k*chunk+m]
		if b.index == nil {
			s := b.start + b.stride*lo
			for i := range g {
				g[i] = b.data[s]
				s += b.stride
			}
		} else {
			for i, j := range b.index[lo:hi] {
				g[i] = b.data[b.start+b.stride*int(j)]
			}
		}
		w.in[k] = g
	}
	d := dst[lo:hi]
	for i := range p.code {
		w.exec(&p.code[i], regs, d, m)
	}
}

// vec returns the chunk of values of an array operand.
func (w *workspace) vec(o operand, d []float64, m int) []float64 {
	switch o.kind {
	case oTemp:
		s := int(o.idx) * chunk
		return w.temps[s : s+m]
	case oInput:
		return w.in[o.idx]
	case oDst:
		return d
	}
	panic("expr: internal error: vec of a scalar operand")
}
