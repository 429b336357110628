// Package compute holds exosh's numerical kernels: element geometry
// (volumes, centroids, face areas, edge lengths, extents), coordinate
// transforms, field conversion between nodes and elements, node merging and
// closest-node search, and connectivity checks. Each kernel reproduces the
// semantics of the exomerge method it replaces (named in its doc comment),
// except where exomerge is wrong; those places are documented.
//
// The package imports nothing from exosh. It works on plain slices and
// spreads work over runtime.GOMAXPROCS(0) goroutines.
//
// # Layout
//
// Coordinates are one []float64 with x, y, z interleaved per node: node n is
// coords[3*n : 3*n+3], and z is 0 in 2-D. Connectivity is one []int32 per
// element block, 0-based node indices, NodesPerElem entries per element:
// element i is conn[i*npe : (i+1)*npe]. Element and node fields are one
// []float64 per field and timestep, indexed by element or node. Node and
// element indices are int32, so counts are limited to 2^31-1. An optional
// index subset (idx []int32) selects nodes; nil means all nodes.
//
// Element types are resolved once with LookupTopology, which gives the face
// (side) and edge tables every kernel and caller share.
//
// # Conventions
//
// As in gonum, the destination comes first and is supplied by the caller:
// kernels allocate only O(1) scratch, per-chunk partials, or the result
// they return. A wrong slice length or an out-of-range index is a
// programmer error and panics, on the caller's goroutine (panics in worker
// goroutines are re-raised there, so a caller can recover them). Bad user
// input that the caller cannot cheaply pre-check (a zero rotation axis, a
// side index beyond an element's faces, a negative tolerance) is returned
// as an error prefixed "compute:".
//
// # Determinism
//
// Every result is independent of GOMAXPROCS, bit for bit. Element-wise and
// node-wise kernels compute each output from its inputs alone, in a fixed
// order. Reductions (sums, minima, extents) are computed over chunks of a
// fixed length that does not depend on the number of goroutines, and the
// chunk partials are combined in chunk order. Grouping results (merged node
// groups, connected components, duplicate elements) are defined
// independently of evaluation order: a group is represented by its smallest
// index, and lists are returned in increasing order. Floating-point
// expressions are written with explicit conversions where exomerge's
// evaluation order matters, so that no fused multiply-add changes the
// rounding on any architecture.
//
// # Bulk arrays
//
// Float64s, Int32s and Int64s allocate the large arrays (model data and
// the kernels' own scratch) and advise the kernel to back them with huge
// pages (MADV_HUGEPAGE on Linux; AdviseHeapHuge does the same for the
// heap's existing arenas). Where a first touch of fresh memory is dear, as
// on a virtual machine faulting through to its host, this makes fresh
// arrays several times cheaper; elsewhere it costs one system call per
// array. Grow, Clone, Concat, Gather, Renumber and Fill build and fill
// bulk arrays in parallel, and Shrink gives back the memory an in-place
// compaction frees without copying. The bytes an operation creates are
// its cost floor: kernels allocate only what they return and the scratch
// they cannot avoid.
//
// # Stopping
//
// The long kernels a user may want to interrupt have a stoppable form, a
// method of Stop (a channel closed to stop): CloseNodeGroups, Groups,
// BuildNodeElems, ElemToNode, NodeToElem, ClosestNodeDistance,
// CountDisconnected, ExternalFaces and EdgeLengths. Their parallel loops check the Stop before every
// chunk (parallelForStop, forChunksStop, forPartsStop in parallel.go; the
// loops of one goroutine check it every grainLight items), so once it is
// closed no new chunk starts and the kernel returns
// ErrStopped as soon as the chunks running finish, its destination partly
// written. The plain functions are the same kernels with a nil Stop.
//
// # Aliasing
//
// Unless a kernel's documentation says otherwise, a destination must not
// overlap any input. Transforms (Translate, Scale, Rotate, Reflect,
// ScaleValues, RotateVectors, ReflectVectors) work in place on their slice
// and require idx to hold each index at most once: a repeated index would
// be transformed twice, concurrently. UnmergeBlocks rewrites its
// connectivity arrays in place. Inputs are never modified otherwise, and
// results never alias inputs.
package compute
