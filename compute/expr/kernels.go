package expr

import "math"

// exec runs one instruction over a chunk of m entities. The common
// arithmetic has dedicated loops; everything else goes through the
// instruction's scalar function, which computes the same value.
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
	}
	if ins.op.arity() == 1 {
		unaryKernel(ins, out, w.vec(ins.a, dst, m))
		return
	}
	switch {
	case ins.a.kind == oScalar:
		binarySA(ins, out, regs[ins.a.idx], w.vec(ins.b, dst, m))
	case ins.b.kind == oScalar:
		binaryAS(ins, out, w.vec(ins.a, dst, m), regs[ins.b.idx])
	default:
		binaryAA(ins, out, w.vec(ins.a, dst, m), w.vec(ins.b, dst, m))
	}
}

func selectKernel(d, c, t, f []float64) {
	c, t, f = c[:len(d)], t[:len(d)], f[:len(d)]
	for i := range d {
		if c[i] != 0 {
			d[i] = t[i]
		} else {
			d[i] = f[i]
		}
	}
}

func unaryKernel(ins *instr, d, a []float64) {
	a = a[:len(d)]
	switch ins.op {
	case opNeg:
		for i := range d {
			d[i] = -a[i]
		}
	case opSqrt:
		for i := range d {
			d[i] = math.Sqrt(a[i])
		}
	case opAbs:
		for i := range d {
			d[i] = math.Abs(a[i])
		}
	case opSquare:
		for i := range d {
			d[i] = a[i] * a[i]
		}
	default:
		f := ins.f1
		for i := range d {
			d[i] = f(a[i])
		}
	}
}

func binaryAA(ins *instr, d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	switch ins.op {
	case opAdd:
		for i := range d {
			d[i] = a[i] + b[i]
		}
	case opSub:
		for i := range d {
			d[i] = a[i] - b[i]
		}
	case opMul:
		for i := range d {
			d[i] = a[i] * b[i]
		}
	case opDiv:
		for i := range d {
			d[i] = a[i] / b[i]
		}
	default:
		f := ins.f2
		for i := range d {
			d[i] = f(a[i], b[i])
		}
	}
}

func binaryAS(ins *instr, d, a []float64, s float64) {
	a = a[:len(d)]
	switch ins.op {
	case opAdd:
		for i := range d {
			d[i] = a[i] + s
		}
	case opSub:
		for i := range d {
			d[i] = a[i] - s
		}
	case opMul:
		for i := range d {
			d[i] = a[i] * s
		}
	case opDiv:
		for i := range d {
			d[i] = a[i] / s
		}
	default:
		f := ins.f2
		for i := range d {
			d[i] = f(a[i], s)
		}
	}
}

func binarySA(ins *instr, d []float64, s float64, b []float64) {
	b = b[:len(d)]
	switch ins.op {
	case opAdd:
		for i := range d {
			d[i] = s + b[i]
		}
	case opSub:
		for i := range d {
			d[i] = s - b[i]
		}
	case opMul:
		for i := range d {
			d[i] = s * b[i]
		}
	case opDiv:
		for i := range d {
			d[i] = s / b[i]
		}
	default:
		f := ins.f2
		for i := range d {
			d[i] = f(s, b[i])
		}
	}
}
