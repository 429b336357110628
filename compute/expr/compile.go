package expr

import (
	"fmt"
	"sort"
)

// okind says where a vector operand lives.
type okind uint8

const (
	oScalar okind = iota // scalar register, broadcast
	oInput               // array input slot
	oTemp                // per-worker scratch buffer
	oDst                 // the destination
)

type operand struct {
	kind okind
	idx  int32
}

// instr is one vector operation: out[i] = op(a[i], b[i], c[i]) for every i
// of a chunk. Every instruction reads element i of its operands before it
// writes element i of out, so out may be one of its operands.
type instr struct {
	op      op
	out     operand // oTemp or oDst
	a, b, c operand
	f1      func(float64) float64          // unary ops: the scalar function
	f2      func(float64, float64) float64 // binary ops: the scalar function
}

// sinstr is one scalar operation of the prelude: r[out] = op(r[a], r[b], r[c]).
type sinstr struct {
	op      op
	out     int
	a, b, c int
	f1      func(float64) float64
	f2      func(float64, float64) float64
}

func compile(src string, names map[string]Kind, cond bool) (*Program, error) {
	for n, k := range names {
		if k != Array && k != Scalar {
			return nil, fmt.Errorf("expr: name %q has invalid kind %v", n, k)
		}
	}
	c := &converter{src: src, pre: prepass(src, names, cond), names: names, cond: cond, used: map[string]bool{}}
	target, e, err := c.parse()
	if err != nil {
		return nil, err
	}
	root, err := c.convert(e)
	if err != nil {
		return nil, err
	}
	root = fold(root)

	p := &Program{src: src, target: target, cond: cond}
	for n := range c.used {
		p.names = append(p.names, n)
	}
	sort.Strings(p.names)
	g := &codegen{p: p, scalarReg: map[string]int{}, arraySlot: map[string]int32{}, varying: map[*node]bool{}}
	if !g.isVarying(root) {
		p.scalarRes = true
		p.result = g.scalar(root)
	} else {
		g.vector(root, true)
	}
	p.nsregs = len(p.consts)
	return p, nil
}

// intOps are the operations that give a Python int when all operands are
// ints. floor, ceil, trunc and round give ints for any operand.
func intResult(n *node) bool {
	switch n.op {
	case opFloor, opCeil, opTrunc, opRound, opLT, opLE, opGT, opGE, opEQ, opNE, opNot:
		return true
	case opNeg, opAdd, opSub, opMul, opFloorDiv, opMod, opAbs, opMin, opMax, opAnd, opOr, opCond, opSquare:
	case opPow:
		if n.args[1].val < 0 {
			return false
		}
	default:
		return false
	}
	for i, a := range n.args {
		if n.op == opCond && i == 0 {
			continue
		}
		if !a.isInt {
			return false
		}
	}
	return true
}

// fold evaluates constant subtrees and strength-reduces x**2 to x*x.
func fold(n *node) *node {
	if len(n.args) == 0 {
		return n
	}
	allConst := true
	for i, a := range n.args {
		n.args[i] = fold(a)
		allConst = allConst && n.args[i].op == opConst
	}
	if allConst {
		v := evalConst(n)
		isInt := intResult(n)
		if isInt && v == 0 {
			v = 0 // a Python int has no negative zero
		}
		return &node{op: opConst, val: v, isInt: isInt}
	}
	if n.op == opPow && n.args[1].op == opConst && n.args[1].val == 2 {
		return &node{op: opSquare, args: n.args[:1]}
	}
	return n
}

func evalConst(n *node) float64 {
	switch n.op.arity() {
	case 1:
		return apply1(n.op, n.f1, n.args[0].val)
	case 2:
		return apply2(n.op, n.f2, n.args[0].val, n.args[1].val)
	case 3:
		return pyCond(n.args[0].val, n.args[1].val, n.args[2].val)
	}
	panic("expr: internal error: evalConst on " + opNames[n.op])
}

// codegen emits the scalar prelude and the vector code of a Program.
type codegen struct {
	p         *Program
	scalarReg map[string]int
	arraySlot map[string]int32
	varying   map[*node]bool
	free      []int32 // free temps
}

// isVarying reports whether n depends on an array name.
func (g *codegen) isVarying(n *node) bool {
	if v, ok := g.varying[n]; ok {
		return v
	}
	v := n.op == opArray
	for _, a := range n.args {
		if g.isVarying(a) {
			v = true
		}
	}
	g.varying[n] = v
	return v
}

func (g *codegen) newReg(v float64) int {
	g.p.consts = append(g.p.consts, v)
	return len(g.p.consts) - 1
}

// scalar emits prelude code for a non-varying subtree and returns the
// register holding its value.
func (g *codegen) scalar(n *node) int {
	switch n.op {
	case opConst:
		return g.newReg(n.val)
	case opScalar:
		r, ok := g.scalarReg[n.name]
		if !ok {
			r = g.newReg(0)
			g.scalarReg[n.name] = r
			g.p.scalars = append(g.p.scalars, n.name)
			g.p.scalarRegs = append(g.p.scalarRegs, r)
		}
		return r
	}
	s := sinstr{op: n.op, f1: n.f1, f2: n.f2}
	regs := [3]int{}
	for i, a := range n.args {
		regs[i] = g.scalar(a)
	}
	s.a, s.b, s.c = regs[0], regs[1], regs[2]
	s.out = g.newReg(0)
	g.p.prelude = append(g.p.prelude, s)
	return s.out
}

func (g *codegen) temp() operand {
	if k := len(g.free); k > 0 {
		t := g.free[k-1]
		g.free = g.free[:k-1]
		return operand{kind: oTemp, idx: t}
	}
	g.p.ntemps++
	return operand{kind: oTemp, idx: int32(g.p.ntemps - 1)}
}

func (g *codegen) release(o operand) {
	if o.kind == oTemp {
		g.free = append(g.free, o.idx)
	}
}

// vector emits code computing n for a chunk and returns its operand; with
// toDst the value is written to the destination.
func (g *codegen) vector(n *node, toDst bool) operand {
	out := operand{kind: oDst}
	if !g.isVarying(n) {
		r := operand{kind: oScalar, idx: int32(g.scalar(n))}
		if !toDst {
			return r
		}
		g.p.code = append(g.p.code, instr{op: opFill, out: out, a: r})
		return out
	}
	if n.op == opArray {
		slot, ok := g.arraySlot[n.name]
		if !ok {
			slot = int32(len(g.p.arrays))
			g.arraySlot[n.name] = slot
			g.p.arrays = append(g.p.arrays, n.name)
		}
		in := operand{kind: oInput, idx: slot}
		if !toDst {
			return in
		}
		g.p.code = append(g.p.code, instr{op: opCopy, out: out, a: in})
		return out
	}
	if f := g.fuse(n); f != nil {
		n = f
	}
	var ops [3]operand
	for i, a := range n.args {
		ops[i] = g.vector(a, false)
	}
	if n.op >= opMulAdd && n.op <= opSubMul && ops[0].kind == oScalar {
		// The kernels take the array factor first.
		ops[0], ops[1] = ops[1], ops[0]
	}
	if n.op == opCond {
		// The select kernel takes arrays only: broadcast scalar operands.
		for i := range ops {
			if ops[i].kind == oScalar {
				t := g.temp()
				g.p.code = append(g.p.code, instr{op: opFill, out: t, a: ops[i]})
				ops[i] = t
			}
		}
	}
	for i := range n.args {
		g.release(ops[i])
	}
	if !toDst {
		out = g.temp()
	}
	ins := instr{op: n.op, out: out, a: ops[0], b: ops[1], c: ops[2]}
	switch n.op.arity() {
	case 1:
		ins.f1 = unFunc(n.op, n.f1)
	case 2:
		ins.f2 = binFunc(n.op, n.f2)
	}
	g.p.code = append(g.p.code, ins)
	return out
}

// fuse returns the multiply-add node that computes n = x*y ± z with one
// pass instead of two, or nil. The product must depend on an array (a
// scalar product is computed once in the prelude instead). x*y + z and
// z + x*y are the same IEEE value, so either operand may be the product.
func (g *codegen) fuse(n *node) *node {
	if n.op != opAdd && n.op != opSub {
		return nil
	}
	factors := func(m *node) []*node {
		if !g.isVarying(m) {
			return nil
		}
		switch m.op {
		case opMul:
			return m.args
		case opSquare:
			return []*node{m.args[0], m.args[0]}
		}
		return nil
	}
	p, q := n.args[0], n.args[1]
	if f := factors(p); f != nil {
		o := opMulAdd
		if n.op == opSub {
			o = opMulSub
		}
		return &node{op: o, args: []*node{f[0], f[1], q}}
	}
	if f := factors(q); f != nil {
		o := opMulAdd
		if n.op == opSub {
			o = opSubMul
		}
		return &node{op: o, args: []*node{f[0], f[1], p}}
	}
	return nil
}

// runPrelude fills r (len p.nsregs) with the constants, the scalar inputs
// and the prelude results.
func (p *Program) runPrelude(r []float64) {
	for _, s := range p.prelude {
		switch s.op.arity() {
		case 1:
			r[s.out] = apply1(s.op, s.f1, r[s.a])
		case 2:
			r[s.out] = apply2(s.op, s.f2, r[s.a], r[s.b])
		case 3:
			r[s.out] = pyCond(r[s.a], r[s.b], r[s.c])
		}
	}
}
