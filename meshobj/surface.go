package meshobj

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"exosh/compute"
	"exosh/compute/expr"
)

// This file holds the exterior-surface methods of area D:
// create_side_set_from_expression and the preparation of export_stl_file
// and export_wrl_model (the files themselves are written by package
// surface). All of them start from the skin of some element blocks,
// compute.ExternalFaces.

// externalFaces returns the external faces of the given blocks (exomerge's
// _get_external_element_faces), the blocks in the skin's block order. A
// block whose element type has no face table is exomerge's "Undefined face
// mapping." error. The skin kernel stops, and ErrInterrupted is returned,
// once m.Interrupt closes.
func (m *Model) externalFaces(ids []int64) (*compute.Skin, []*ElementBlock, error) {
	bs := m.blocksOf(ids)
	sb := make([]compute.SkinBlock, len(bs))
	for i, b := range bs {
		t := topologyOf(b)
		if t == nil {
			return nil, nil, newError("Undefined face mapping.",
				`The mapping defining which nodes belong to a given face has not been defined for the "`+
					StandardElementType(b.Type)+`" element type. This could be because it has not been implemented or because the element type is invalid.`)
		}
		sb[i] = compute.SkinBlock{Topo: t, Conn: b.Conn}
	}
	skin, err := compute.Stop(m.Interrupt).ExternalFaces(m.NumNodes(), sb)
	if err != nil {
		return nil, nil, ErrInterrupted
	}
	return skin, bs, nil
}

// byBlockOrder returns the faces of s grouped by block, the blocks in the
// order they first appear, each block's faces in skin order (exomerge's
// _order_element_faces_by_block).
func byBlockOrder(s *compute.Skin) []int32 {
	rank := map[int32]int{}
	for _, b := range s.Block {
		if _, ok := rank[b]; !ok {
			rank[b] = len(rank)
		}
	}
	order := make([]int32, s.Len())
	for i := range order {
		order[i] = int32(i)
	}
	if len(rank) > 1 {
		slices.SortStableFunc(order, func(x, y int32) int { return rank[s.Block[x]] - rank[s.Block[y]] })
	}
	return order
}

// CreateSideSetFromExpression creates side set id from the external faces
// of the selected blocks whose every node satisfies expression (exomerge's
// create_side_set_from_expression). The expression is a condition such as
// "Y == 0" or "X >= 1 && Z < 0.5": each comparison becomes a distance that
// is zero where it holds (see expr.CompileCondition), and a node passes when
// the absolute value of the result is at most tolerance (nil: exomerge's
// 'auto', GetLengthScale()*1e-6). The expression may use X, Y and Z (the
// undisplaced coordinates) and, when timesteps selects a timestep
// (exomerge's default 'last_if_any' selects the last one, if any), time,
// the global variables and the node fields at that timestep (a node field
// hides a coordinate of the same name). More than two timesteps is an
// error; with two, the first is used, as in exomerge.
//
// The faces are tested block by block (the blocks in id order), each
// block's faces in element and side order, and added in that order. An
// existing side set is replaced, with exomerge's warning (given twice, as
// exomerge does). An empty result warns if zeroMemberWarning. The
// expression is compiled and its names checked before anything changes:
// an unknown name is an error listing the names that exist, and the model
// is left as it was.
func (m *Model) CreateSideSetFromExpression(id int64, expression string, blocks Selector, tolerance *float64, timesteps Selector, zeroMemberWarning bool) error {
	ts, err := m.ResolveTimesteps(timesteps)
	if err != nil {
		return err
	}
	if len(ts) > 2 {
		return newError("Too many timesteps specified.",
			fmt.Sprintf("We were expecting zero or one timesteps but instead found %d specified.", len(ts)))
	}
	tol := 0.0
	if tolerance == nil {
		tol = m.GetLengthScale() * 1e-6
	} else {
		tol = *tolerance
	}
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return err
	}
	// The names, as exomerge's variable_names: X, Y, Z, and with a
	// timestep time, the global variables and the node fields.
	s := scope{}
	ti := -1
	if len(ts) > 0 {
		ti = slices.Index(m.Timesteps, ts[0])
		m.addGlobals(s)
	}
	for d, n := range []string{"X", "Y", "Z"} {
		s[n] = source{view: func(int) expr.View { return expr.View{Data: m.Coords, Start: d, Stride: 3} }}
	}
	if ti >= 0 {
		for _, f := range m.NodeFields {
			s[f.Name] = source{array: func(t int) []float64 { return f.Values[t] }}
		}
	}
	kinds := map[string]expr.Kind{}
	for n, src := range s {
		if src.scalar != nil {
			kinds[n] = expr.Scalar
		} else {
			kinds[n] = expr.Array
		}
	}
	prog, err := expr.CompileCondition(expression, kinds)
	if err != nil {
		return newError("Invalid expression", fmt.Sprintf("The expression %q could not be evaluated: %v", expression, err))
	}
	if m.SideSetExists(Int(id)) {
		m.existsWarning(strconv.FormatInt(id, 10), entSideSet)
	}
	skin, bs, err := m.externalFaces(ids)
	if err != nil {
		return err
	}
	// Evaluate at every node of every external face (a node shared by
	// faces is evaluated once per face: the skin is small).
	vals := make([]float64, len(skin.Nodes))
	if len(vals) > 0 {
		env := expr.Env{Arrays: map[string][]float64{}, Views: map[string]expr.View{}, Scalars: map[string]float64{}}
		t := max(ti, 0)
		for _, n := range prog.Names() {
			src := s[n]
			switch {
			case src.scalar != nil:
				env.Scalars[n] = src.scalar(t)
			case src.view != nil:
				v := src.view(t)
				v.Index = skin.Nodes
				env.Views[n] = v
			default:
				env.Views[n] = expr.View{Data: src.array(t), Index: skin.Nodes, Stride: 1}
			}
		}
		if err := prog.Eval(vals, env); err != nil {
			return fmt.Errorf("meshobj: %w", err)
		}
	}
	var mem SideSetMembers
	for _, i := range byBlockOrder(skin) {
		ok := true
		for _, v := range vals[skin.Start[i]:skin.Start[i+1]] {
			if !(math.Abs(v) <= tol) {
				ok = false
				break
			}
		}
		if ok {
			mem.BlockIDs = append(mem.BlockIDs, bs[skin.Block[i]].ID)
			mem.Elems = append(mem.Elems, skin.Elem[i])
			mem.Sides = append(mem.Sides, skin.Side[i])
		}
	}
	if err := m.CreateSideSet(id, mem); err != nil {
		return err
	}
	if zeroMemberWarning && mem.Len() == 0 {
		m.warn("Empty side set.",
			"No external element faces satisfied the given expression. An empty side set was created.")
	}
	return nil
}

// Surface is a triangulated exterior surface, ready to be written as an
// STL or VRML file: Tris holds three indices into the points per triangle,
// counter-clockwise seen from outside. Point k is at Coords[3k:3k+3].
type Surface struct {
	Coords []float64
	Tris   []int32
}

// dimensionOf returns the dimension exomerge gives a block's element type
// (its DIMENSION table, or the topology's for the types it lacks), or -1.
func dimensionOf(b *ElementBlock) int {
	if d, ok := elementDimension[StandardElementType(b.Type)]; ok {
		return d
	}
	if t := topologyOf(b); t != nil {
		return t.Dim
	}
	return -1
}

// exteriorTriangles returns the skin of the selected blocks split into
// triangles, in exomerge's order (_convert_side_set_to_triangle_block on
// the side set of the external faces). Only faces of 3-D elements can be
// split; a face of another block is exomerge's "Incompatible element
// dimension." error.
func (m *Model) exteriorTriangles(ids []int64) (*compute.Triangles, error) {
	skin, bs, err := m.externalFaces(ids)
	if err != nil {
		return nil, err
	}
	seen := map[int32]bool{}
	for _, b := range skin.Block {
		if seen[b] {
			continue
		}
		seen[b] = true
		if d := dimensionOf(bs[b]); d != 3 {
			return nil, newError("Incompatible element dimension.",
				fmt.Sprintf(`We expect the side set to contain faces of 3D elements. However, the side set contains at least one face from element block %d which contains %dD elements of type "%s".`,
					bs[b].ID, d, StandardElementType(bs[b].Type)))
		}
	}
	tr, err := compute.TriangulateFaces(skin, compute.TriangulationOrder(skin), m.NumNodes())
	if err != nil {
		return nil, newError("Invalid element type.", strings.TrimPrefix(err.Error(), "compute: "))
	}
	return tr, nil
}

// averaged returns the values of an averaged point (compute.Triangles'
// new nodes): the sum, from 0 and in order, of each value times 1/n, as
// exomerge's _create_averaged_nodes computes it.
func averaged(v []float64, stride, d int, nodes []int32) float64 {
	w := 1 / float64(len(nodes))
	s := 0.0
	for _, n := range nodes {
		s += w * v[stride*int(n)+d]
	}
	return s
}

// displacedAt returns the displacement fields at the timestep chosen by
// sel (exomerge's _get_coordinates_at_time): none if sel selects no
// timestep, the three fields' values at it otherwise (zero where the model
// has no displacement field: exomerge would create it). More than one
// timestep is exomerge's "Ambiguous timestep." error.
func (m *Model) displacedAt(sel Selector) (disp [3][]float64, err error) {
	ts, err := m.ResolveTimesteps(sel)
	if err != nil {
		return disp, err
	}
	if len(ts) > 1 {
		return disp, newError("Ambiguous timestep.", "More than one timestep was specified. We expected one or zero timesteps.")
	}
	if len(ts) == 0 {
		return disp, nil
	}
	t := slices.Index(m.Timesteps, ts[0])
	f := m.displacementFields()
	for d := range 3 {
		if f[d] == nil {
			disp[d] = make([]float64, m.NumNodes())
		} else {
			disp[d] = f[d].Values[t]
		}
	}
	return disp, nil
}

// ExportSTL returns the exterior of the selected blocks as triangles for
// export_stl_file: the external faces split as exomerge splits them
// (quad4 faces into 4 triangles around their centre, and so on; see
// compute.TriangulateFaces), in exomerge's order, at the coordinates of
// displacementTimestep. That selector's 'auto' is the last timestep if the
// model has timesteps and a displacement field, else none; a timestep
// there adds the displacement at it (zero if the model has no
// displacement field, which exomerge would create). The points are the
// nodes the triangles use, in increasing node order, then the face
// centres. Unlike exomerge, which adds and then deletes a side set, a
// block and nodes (deleting every node no block uses on the way), the
// model is not changed.
func (m *Model) ExportSTL(blocks Selector, displacementTimestep Selector) (*Surface, error) {
	ids, err := m.ResolveElementBlocks(blocks)
	if err != nil {
		return nil, err
	}
	displacementTimestep = m.autoDisplacement(displacementTimestep)
	tr, err := m.exteriorTriangles(ids)
	if err != nil {
		return nil, err
	}
	disp, err := m.displacedAt(displacementTimestep)
	if err != nil {
		return nil, err
	}
	return m.surfaceOf(tr, disp), nil
}

// autoDisplacement resolves the 'auto' of a displacement_timestep
// selector: the last timestep if the model has timesteps and a
// displacement field, else none. Other selectors are returned as they are.
func (m *Model) autoDisplacement(sel Selector) Selector {
	if len(sel) == 1 && sel[0] == Str(KeyAuto) {
		if len(m.Timesteps) > 0 && m.DisplacementFieldExists() {
			return Sel(KeyLast)
		}
		return Sel(KeyNone)
	}
	return sel
}

// surfaceOf gathers the points that the triangles use (displaced by disp
// where it is set) and renumbers the triangles onto them.
func (m *Model) surfaceOf(tr *compute.Triangles, disp [3][]float64) *Surface {
	nn := m.NumNodes()
	local := make([]int32, nn) // 1 + point index of each node used, or 0
	for _, v := range tr.Tris {
		if int(v) < nn {
			local[v] = 1
		}
	}
	np := int32(0)
	for n, u := range local {
		if u != 0 {
			np++
			local[n] = np
		}
	}
	s := &Surface{Coords: make([]float64, 3*(int(np)+tr.NumNew())), Tris: make([]int32, len(tr.Tris))}
	for n, u := range local {
		if u == 0 {
			continue
		}
		for d := range 3 {
			x := m.Coords[3*n+d]
			if disp[d] != nil {
				x += disp[d][n]
			}
			s.Coords[3*int(u-1)+d] = x
		}
	}
	for k := range tr.NumNew() {
		nodes := tr.AvgNodes[tr.AvgStart[k]:tr.AvgStart[k+1]]
		for d := range 3 {
			x := averaged(m.Coords, 3, d, nodes)
			if disp[d] != nil {
				x += averaged(disp[d], 1, 0, nodes)
			}
			s.Coords[3*(int(np)+k)+d] = x
		}
	}
	for i, v := range tr.Tris {
		if int(v) < nn {
			s.Tris[i] = local[v] - 1
		} else {
			s.Tris[i] = np + v - int32(nn)
		}
	}
	return s
}
