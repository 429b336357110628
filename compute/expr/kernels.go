package expr

//go:generate go run gen_kernels.go

import "math"

// exec runs one instruction over a chunk of m entities. The common
// operations have dedicated, unrolled loops (kernels_gen.go); the others
// call the instruction's scalar function, which computes the same value.
func (w *workspace) exec(ins *instr, regs []float64, dst []float64, m int) {
	out := w.vec(ins.out, dst, m)
	switch ins.op {
	case opFill:
		v := regs[ins.a.idx]
		for i := range out {
			out[i] = v
		}
		return
	case opCopy:
		copy(out, w.vec(ins.a, dst, m))
		return
	case opCond:
		selectKernel(out, w.vec(ins.a, dst, m), w.vec(ins.b, dst, m), w.vec(ins.c, dst, m))
		return
	case opMulAdd, opMulSub, opSubMul:
		x := w.vec(ins.a, dst, m)
		switch {
		case ins.b.kind != oScalar && ins.c.kind != oScalar:
			fusedAAAKernels[ins.op](out, x, w.vec(ins.b, dst, m), w.vec(ins.c, dst, m))
		case ins.b.kind != oScalar:
			fusedAASKernels[ins.op](out, x, w.vec(ins.b, dst, m), regs[ins.c.idx])
		case ins.c.kind != oScalar:
			fusedASAKernels[ins.op](out, x, regs[ins.b.idx], w.vec(ins.c, dst, m))
		default:
			fusedASSKernels[ins.op](out, x, regs[ins.b.idx], regs[ins.c.idx])
		}
		return
	}
	if ins.op.arity() == 1 {
		a := w.vec(ins.a, dst, m)
		if int(ins.op) < len(unaryKernels) && unaryKernels[ins.op] != nil {
			unaryKernels[ins.op](out, a)
			return
		}
		a = a[:len(out)]
		f := ins.f1
		for i := range out {
			out[i] = f(a[i])
		}
		return
	}
	dedicated := int(ins.op) < len(binaryAAKernels) && binaryAAKernels[ins.op] != nil
	f := ins.f2
	switch {
	case ins.a.kind == oScalar:
		s, b := regs[ins.a.idx], w.vec(ins.b, dst, m)
		if dedicated {
			binarySAKernels[ins.op](out, s, b)
			return
		}
		b = b[:len(out)]
		for i := range out {
			out[i] = f(s, b[i])
		}
	case ins.b.kind == oScalar:
		a, s := w.vec(ins.a, dst, m), regs[ins.b.idx]
		if dedicated {
			binaryASKernels[ins.op](out, a, s)
			return
		}
		a = a[:len(out)]
		for i := range out {
			out[i] = f(a[i], s)
		}
	default:
		a, b := w.vec(ins.a, dst, m), w.vec(ins.b, dst, m)
		if dedicated {
			binaryAAKernels[ins.op](out, a, b)
			return
		}
		a, b = a[:len(out)], b[:len(out)]
		for i := range out {
			out[i] = f(a[i], b[i])
		}
	}
}

// selectKernel is d = t where c is non-zero (NaN included), else f, through
// the bit patterns so that it compiles to conditional moves.
func selectKernel(d, c, t, f []float64) {
	c, t, f = c[:len(d)], t[:len(d)], f[:len(d)]
	for i := range d {
		r := math.Float64bits(t[i])
		if y := math.Float64bits(f[i]); c[i] == 0 {
			r = y
		}
		d[i] = math.Float64frombits(r)
	}
}
