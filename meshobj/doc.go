// Package meshobj holds exosh's in-memory Exodus II model (Model, in
// model.go) and implements the model side of Sandia exomerge's API on it:
// entity and field bookkeeping, timesteps, queries, import merging and
// export selection. It does no I/O and knows nothing of Starlark; the
// exodus package reads and writes models, the builtins package exposes
// these methods to scripts under exomerge's names.
//
// # Methods and exomerge
//
// Each exomerge method of the model-bookkeeping area (B) and of the
// geometry, merging, field conversion and expression area (C) has a Go
// method named after it: create_node_field is CreateNodeField,
// delete_element_block is DeleteElementBlocks (plural, since it takes a
// selector), get_connectivity is GetConnectivity, merge_nodes is
// MergeNodes. The area C methods run the kernels of package compute and
// the expression engine of package compute/expr over the flat arrays; they
// give the same bits whatever GOMAXPROCS is. Arguments map as follows:
//
//   - an argument exomerge resolves as a list (element_block_ids,
//     node_field_names, timesteps, ...) is a Selector;
//   - an argument exomerge resolves to exactly one entity (element_block_id,
//     side_set_id, timestep) is an Item;
//   - a field name is a string, resolved as a one-item selector where
//     exomerge resolves it (so "auto" and patterns work);
//   - a new id (create_element_block's, create_node_set's) is an int64; a
//     new id-or-name (rename_*) is an Item: an integer changes the id, a
//     string the name;
//   - value='auto' is DefaultFieldValue(name); element_block_id='auto' is
//     NewElementBlockID();
//   - a vector (offset, axis, point, normal) is a [3]float64;
//     adjust_displacement_field is an Adjust; None for a field name is "";
//     a centroid prefix is expanded by CentroidFieldNames.
//
// # Selectors
//
// A Selector is a list of items: keywords ("all", "none", "first", "last",
// "auto", "first_if_any", "last_if_any"), ids, floats (timesteps) and names,
// possibly with '*' wildcards. Keywords expand over the defined entities in
// exomerge's order (ascending ids, ascending times, field names in
// SortFieldNames order). Element blocks, node sets and side sets may be
// named instead of numbered. Duplicates are dropped. A reference to
// something that does not exist is a warning and is skipped. "first" and
// "last" with nothing defined, "auto" without exactly one entity, and a
// method needing one entity (or at least one) and getting another count
// are errors.
//
// # Warnings and errors
//
// Methods never print. A warning (the operation goes ahead, skipping or
// overwriting something) is passed to Model.Warn as a Warning{Short,
// Detail} carrying exomerge's message; a nil Warn discards it. A refusal
// is returned as an *Error{Short, Detail} whose Error() is
// "meshobj: <short> <detail>". Texts name the entity kind and, for an
// undefined reference, list what exists, e.g. Short "Reference to undefined
// element block." and Detail "A reference to element block "7" was
// encountered but is not defined. This element block will not be included
// in the operation.\n\nThere are 5 defined element blocks: 1, 2, 3, 4, 5".
// A method that returns an error leaves the model as it was, except where
// its doc says otherwise; the callers (the builtins layer) prefix the
// method name and print warnings to standard error.
//
// # Views
//
// GetConnectivity, GetNodeSetMembers, GetSideSetMembers and the
// Get*FieldValues methods return the model's own slices, not copies, as
// exomerge returns its own lists: writing through them changes the model,
// and getting them costs O(1). A view stays valid until the next operation
// that changes the size or the numbering of what it describes; after that
// it is stale (it may show old or new values, or a different length):
//
//   - Node numbering changes in DeleteUnusedNodes and in DeleteElementBlocks
//     with deleteOrphans. Both delete nodes and renumber the remaining ones
//     in their old order, everywhere a node index appears: coordinates,
//     NodeIDs, node field values, connectivity (rewritten in place), node
//     set members with their field values and distribution factors.
//   - Nodes are appended (existing indices unchanged, node-indexed slices
//     may be reallocated) by CreateNodes, BuildHex8Cube,
//     DuplicateElementBlock with duplicateNodes, ImportModel and Merge.
//   - Element numbering changes in CombineElementBlocks: the merged blocks'
//     elements are renumbered, in selector order, into one block, and side
//     set members follow. DeleteElementBlocks removes blocks (and side set
//     members on them); the other blocks keep their element numbering.
//   - Set membership changes in AddNodesToNodeSet, AddFacesToSideSet,
//     CreateNodeSet and CreateSideSet on an existing id (which replace the
//     set), DuplicateElementBlock (members are appended) and the node
//     deletions above.
//   - Timestep indices shift in CreateTimestep, CopyTimestep,
//     DeleteTimesteps, CreateInterpolatedTimestep, ImportModel and Merge;
//     the value slices of the remaining timesteps are not reallocated.
//   - MergeNodes deletes the merged-away nodes and renumbers the others in
//     their old order (as node deletion does); connectivity is rewritten
//     in place, node sets lose merged members.
//   - UnmergeElementBlocks appends nodes and rewrites connectivity in place;
//     node sets gain the copies.
//   - DeleteDuplicateElements renumbers the elements of the blocks it
//     shrinks (side set members follow) and deletes the nodes only the
//     deleted elements used.
//   - ReflectElementBlocks permutes connectivity in place and changes the
//     side numbers of side set members on the reflected blocks.
//   - The element conversions (ConvertElementBlocks, MakeElementsLinear,
//     MakeElementsQuadratic, ConvertHex8BlockToTet4Block) append nodes,
//     give the converted blocks a new connectivity slice (and, for
//     hex24tet, new element field, attribute and id slices), rebuild the
//     member slices of side sets on them, append node set members, and
//     delete (as node deletion does) the nodes a conversion to a linear
//     type leaves unused.
//   - The area C methods that store a field (CalculateElementVolumes,
//     CalculateElementCentroids, the conversions, the Calculate*Field
//     expressions) write an existing field's values in place, so views of
//     it stay valid and show the new values; a new field gets new slices.
//     The transforms change Coords (and the displacement field) in place.
//
// Ownership: CreateElementBlock adopts its connectivity slice; ImportModel
// and Merge take ownership of the source model's arrays (the source must
// not be used afterwards); Subset returns a model sharing m's arrays, valid
// until m is next modified and not to be modified itself (its QA and info
// records are copies, so a writer may append its own QA record).
//
// # Interrupts
//
// Model.Interrupt, when set (the builtins layer sets it for each call to
// the channel Ctrl-C closes), stops the long methods that change the
// model: MergeNodes, ConvertElementFieldToNodeField and
// ConvertNodeFieldToElementField compute everything in new arrays first
// (under Model.work, which returns ErrInterrupted as soon as the channel
// closes) and change the model only after that, so an interrupted call
// leaves the model byte-identical. The interrupt reaches the kernels as
// their compute.Stop, checked before every chunk of every parallel loop:
// the abandoned computation stops at its next chunk (within milliseconds),
// writing only into its own arrays; Settle (called by the builtins layer
// before every method) waits for it, so the next method never changes
// what it still reads. With Interrupt set, a
// conversion onto an existing field computes into new arrays and then
// copies them into the field's own slices, so views stay valid as
// documented above. The element conversions (ConvertElementBlocks,
// MakeElementsLinear, MakeElementsQuadratic, ConvertHex8BlockToTet4Block)
// stop while they find their new nodes, most of their time, before they
// change anything; once they write the new nodes and connectivity they run
// to the end. The getters GetClosestNodeDistance, CountDisconnectedBlocks
// and GetElementEdgeLengthInfo, and the exterior faces behind the picture
// and STL exports, change nothing and stop the same way, returning
// ErrInterrupted. Other methods run to the end once started.
//
// # Bulk arrays
//
// Coordinates, connectivity and field values that the methods create come
// from compute.Float64s and compute.Int32s, which advise the kernel to back
// them with huge pages: on a machine where a first touch of fresh memory is
// dear, this is the largest single saving. ArrayBytes counts the model's
// arrays in exomerge's layout (every timestep of every field on its own)
// for benchmarks.
//
// # Shared timesteps
//
// The timesteps of one node field, or of one element field on one block,
// may hold the very same array (Values[t] and Values[u] with the same
// first element and length) when their values are equal; any two
// timesteps' slices are otherwise disjoint. Nothing else is ever shared:
// not two fields, not two blocks, not two models (except as Subset and
// the ownership rules below say), and never the timesteps of a node set
// or side set field; Validate checks this. Sharing arises where values are
// known to be equal without looking:
//
//   - CreateNodeField and CreateElementField (one array of the value);
//   - CalculateElementVolumes and CalculateElementCentroids on a new field;
//   - the expressions (Calculate*Field) on a new node or element field,
//     once per class of timesteps at which every array the expression
//     reads is the same and every scalar (time, a global variable) has the
//     same value;
//   - ConvertElementFieldToNodeField, ConvertNodeFieldToElementField and
//     CreateAveragedElementField on a new field, once per class of
//     timesteps at which their inputs share;
//   - CopyTimestep (the copy shares the original's arrays);
//   - ImportModel, where a timestep's values equal the previous
//     timestep's bit for bit (package exodus compares as it reads);
//
// and it is kept by DuplicateElementBlock, CombineElementBlocks, the
// node and element deletions and renumberings, MergeNodes,
// UnmergeElementBlocks, the element conversions and the cohesive cut,
// which work once per distinct array. A method that writes some timesteps
// of a field in place first gives those timesteps arrays of their own (the
// displacement in DisplaceElementBlocks, an existing target of an
// expression or conversion, the node values that Merge writes), and the
// transforms rotate or reflect the displacement once per class of
// timesteps its three components share.
//
// A view copies when it is made: the Get*FieldValues methods and
// Field.Own return the timestep's own array, copying it first if other
// timesteps held it too, so a write through a view changes exactly one
// field at one timestep, as if nothing had been shared. Code that writes
// into Field.Values directly must do the same (Own, or a fresh slice).
// ArrayBytes counts a shared array once per timestep, as exomerge holds
// it.
//
// # What is kept
//
// exomerge drops the node and element id maps, element attributes and
// set distribution factors on import. meshobj keeps them through every
// operation that keeps the entities they describe:
//
//   - NodeIDs follow node deletion; nodes created by CreateNodes,
//     BuildHex8Cube and DuplicateElementBlock get fresh ids above the
//     largest. ImportModel concatenates the two maps, takes the source's
//     into a model without nodes, and drops the map when only one side has
//     one (no consistent map exists then).
//   - ElemIDs (per block) go with their block; new blocks get fresh ids
//     when any block has ids. CombineElementBlocks keeps them when every
//     merged block has them, else drops them.
//   - Attributes go with their block; CreateElementBlock creates zeros;
//     CombineElementBlocks keeps them when every merged block has the same
//     attribute count, else drops them.
//   - Node set distribution factors follow their members; added members
//     get 1.0, duplicated nodes a copy of the original's.
//   - Side set distribution factors (one per side node) follow their
//     members, split per member with the side tables of package compute.
//     When a member's element type has no side table, or the factors do not
//     add up, an operation that must split them drops them.
//   - Reduction variable values follow timestep operations and imports;
//     CombineElementBlocks drops the merged blocks' values.
//   - Assemblies follow renames and deletions of their member entities.
//   - Carried (what a file had that the model does not represent) stays
//     through every operation that leaves what it refers to alone. Node
//     renumbering (deleteNodes, MergeNodes, UnmergeElementBlocks) drops the
//     features depending on nodes, element renumbering (DeleteElementBlocks,
//     CombineElementBlocks, DeleteDuplicateElements, a Subset of the
//     blocks) those depending on elements, timestep changes those with one
//     record per step, set deletions and member additions (and a Subset
//     of the sets) those per set; each drop warns, naming the features. ImportModel
//     adopts src's Carried and field order lists only into an empty model
//     taking everything, and drops them with a warning otherwise.
//   - ElemFieldOrder, NodeSetFieldOrder and SideSetFieldOrder (the file
//     order of variable names) follow field deletions and renames.
//   - Bezier-extraction blocks (connectivity past the nodes, up to
//     ControlPoints more) are refused by the operations that renumber nodes
//     or need each element's nodes.
//
// # Where exosh differs from exomerge
//
//   - "first_if_any" selects the first item (exomerge selects the last).
//   - Wildcards in element block, node set and side set selectors match
//     entity names (exomerge fails on them); in names, '*' is the only
//     special character (exomerge also interprets other regular expression
//     characters).
//   - RenameElementBlock (and CombineElementBlocks) onto the id of another
//     block is an error; exomerge silently replaced that block, leaving its
//     nodes and side set members dangling.
//   - CombineElementBlocks keeps the target block's name when the target is
//     one of the merged blocks, and puts the merged block where the first
//     merged block was.
//   - CreateElementBlock, CreateNodeSet, CreateSideSet and the add methods
//     check indices and lengths (exomerge let a corrupt model fail at
//     export).
//   - ImportModel maps timesteps by value, so any selector order imports
//     the right data (exomerge could put data at the wrong time when the
//     selected times were not ascending); set fields follow the members
//     actually imported (exomerge could size them wrongly); a repeated time
//     in the source is warned about; block names work in its selectors.
//   - AddNodesToNodeSet and AddFacesToSideSet on a missing set warn and
//     create it (exomerge's warning text is malformed and fails).
//   - Subset (export_model) leaves out side set members on blocks that are
//     not exported (exomerge fails), exports a model without a title under
//     NoTitle (exomerge fails) but keeps an empty title read from a file
//     (exomerge writes NoTitle), and keeps the model's entity and field order
//     instead of sorting it, so a round trip does not reorder a file.
//   - Messages use one space after a full stop.
//
// In area C:
//
//   - GetClosestNodeDistance returns the true minimum (exomerge's divide
//     and conquer misses pairs across its split planes).
//   - UnmergeElementBlocks takes linear time (exomerge's is quadratic).
//   - MergeNodes merges whole chains of close nodes, as exomerge's
//     docstring promises (its code can split them).
//   - The expression methods resolve names on the syntax tree, so
//     "stress_xx*stress_xx" works; they compile and check every name on
//     every entity before changing anything; a target field or variable
//     that exists is read with its old values (exomerge resets element,
//     node set, side set fields and global variables to NaN first, so
//     "t = t + 1" gave NaN).
//   - ReflectElementBlocks checks everything before moving nodes, inverts
//     hex20, wedge15 and wedge16 elements correctly (exomerge scrambles
//     their mid-edge nodes), keeps the top and bottom sides of shells apart
//     and carries side set distribution factors.
//   - Transforms refuse a zero rotation axis or reflection normal
//     (exomerge divides by zero).
//   - GetElementBlockVolume and GetElementBlockCentroid create no
//     temporary timestep or field; a block without a volume formula counts
//     0 after exomerge's warning (exomerge then fails).
//   - The location of a field extreme uses the displacement field only if
//     it exists (exomerge creates it).
//   - Reduction variables are interpolated with the fields by
//     CreateInterpolatedTimestep.
//   - CreateAveragedElementField needs at least one field to average
//     (exomerge creates a field without values).
package meshobj
