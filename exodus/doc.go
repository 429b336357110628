// Package exodus reads and writes Exodus II files, translating between the
// on-disk netCDF schema and the in-memory meshobj.Model. It sits on exosh's
// own cgo layer over libnetcdf (exodus/internal/netcdf) and knows nothing of
// Starlark.
//
// # Reading
//
// Open validates a file's structure and reads its metadata into a Contents
// (title, dimension, counts, block, set and assembly ids, names and types,
// times, every variable-name list, netCDF format, word size, int64 status),
// which is what a caller needs to resolve exomerge-style selectors. Read then
// imports the selected parts (a Selection; nil means everything) into a new
// model; ReadFile does both for the whole file.
//
// Read carries: the title (HasTitle whenever the file has the attribute,
// so an empty title is written back empty); coordinates in either layout (coordx/y/z, or the
// old combined coord) and coor_names; element blocks (id, name, topology
// string, connectivity converted to 0-based int32 in place, attributes and
// their names, extra eb_prop properties, user attributes on connect%d, NULL
// blocks with type "NULL"); node sets and side sets (ids, names, members,
// distribution factors, properties, user attributes), with side-set members
// converted from 1-based global element numbers and 1-based sides to (block
// id, 0-based element in block, 0-based side); times; global, nodal (split
// vals_nod_var%d or old combined vals_nod_var), element, node-set and
// side-set variables, placed only where the truth table has them (when a
// table is absent, where the value arrays exist); node_num_map, and
// elem_num_map split per block into ElementBlock.ElemIDs; QA and info
// records; assemblies (assembly_entity<ID> with _id, _name, _type, _typename
// and user attributes); reduction variables of blocks, sets and assemblies;
// and the global attributes other than the Exodus ones (e.g. SOLID_MODEL,
// last_written_time). Real data of either word size is read into float64;
// integers of either width into the model's types. String widths come from
// each array's actual dimension (len_name, len_string or anything else);
// names are cut at their first NUL and stripped of trailing spaces. Any
// netCDF flavour libnetcdf reads is accepted (classic, 64-bit offset, CDF-5,
// netCDF-4, netCDF-4 classic).
//
// Bulk data goes straight into the model's final arrays: connectivity, set
// members, element fields and whole-node reads use no temporaries;
// coordinates (separate on disk, interleaved in memory) pass through a
// buffer of 1Mi values, partially imported node data through one of 64Ki
// values. For a classic-format file the netcdf layer reads these arrays
// straight from disk, in parallel (see its package documentation).
//
// # Writing
//
// Write defines the file through libnetcdf. For a classic-format file
// libnetcdf writes the small variables and closes the file, and the bulk
// arrays (coordinates, maps, connectivity, sets, field values) then go
// straight to their places in it, in parallel pieces (netcdf.Direct); the
// file is the one libnetcdf alone would write, byte for byte. The file is
// written to a temporary name, synced and renamed over the target.
//
// Partial imports follow exomerge's import_model; see Selection.
//
// Streaming readers (GlobalStep, NodeFieldStep, BlockFieldStep,
// SetFieldStep) read one timestep of one variable into a caller's buffer,
// for consumers such as exosh diff that walk a file step by step.
//
// # Validation
//
// Nothing in a file is trusted. Before libnetcdf opens a classic-family
// file, its header is parsed in Go and the file must be long enough for all
// the data it declares (libnetcdf would read zeros past a truncated end).
// Open then checks that every variable the model needs exists with the
// shape and type its dimensions imply (connect%d is num_el_in_blk by
// num_nod_per_el, every value array has one row per time step, truth tables
// are entities by variables, ...), that counts agree (block sizes add up to
// num_elem, ids are unique, assemblies match their names) and that the
// model's int32 indices can hold the file. Read checks every connectivity
// entry (1..num_nodes), node-set member (1..num_nodes), side-set element
// (1..num_elem) and side number (1..the side count of the element's
// topology, as libexodus numbers sides: HEX 6, TET 4, WEDGE 5, PYRAMID 5,
// QUAD 4, TRI 3 in 2-D or 5 as a 3-D shell, SHELL 6, TRISHELL 5 and
// QUADSHELL 6 in any dimension, BEAM/TRUSS 2, SPHERE 1; unknown topologies
// such as BEX are not checked; see topology.go). Every fault is a
// *FormatError naming the file, the variable and the problem, wrapping a
// sentinel (ErrNotExodus, ErrTruncated, ErrMissing, ErrShape, ErrRange,
// ErrUnsupported, ErrNotFound); Read never returns a partly filled model.
//
// # Writing
//
// Write stores a model the way current libexodus (9.06) does by default: a
// 64-bit offset (CDF-2) netCDF file with file_size=1, api_version and
// version 9.06, floating_point_word_size 8, maximum_name_length (the longest
// name stored), int64_status, the title (cut to 80 characters; "" for a model
// without one); len_name 256, len_string 33, len_line 81, four; status and id
// arrays (name="ID"), eb/ns/ss names and coor_names; coordx/y/z;
// connect%d with elem_type, attrib%d and attrib_name%d; node_ns%d,
// dist_fact_ns%d; elem_ss%d, side_ss%d, dist_fact_ss%d with num_df_ss%d;
// node_num_map and elem_num_map when the model has ids; extra properties;
// user attributes; assemblies and reduction variables; time_whole;
// vals_glo_var; vals_nod_var%d; element, node-set and side-set variables
// with their truth tables, each value array only where an entity has the
// field; qa_records and info_records exactly as the model holds them (the
// writer adds no QA record; strings longer than their field are cut).
// Empty blocks and sets become NULL entities (status 0, no arrays), as in
// libexodus; models without nodes, timesteps or variables give valid files.
//
// WriteOptions selects another container (Classic, CDF5, NetCDF4,
// NetCDF4Classic), 4-byte reals, 64-bit integers for ids, maps and bulk data
// (which needs CDF5 or NetCDF4 and selects NetCDF4 by default, as libexodus
// does; 64-bit ids or maps that do not fit 32 bits switch it on by
// themselves), zlib compression with shuffle on netCDF-4 (time-dependent
// arrays are chunked one step per chunk), and the name width.
//
// # Atomicity
//
// Write never leaves a partial file at its target. It writes to a temporary
// file ".<base>.exosh-*.tmp" in the target's directory, closes it, syncs it
// to disk and renames it over the target (following a symbolic link at the
// target). On any error the temporary file is removed and the previous
// target, if any, is left untouched. The model is validated before any file
// is created. While the data is written, the kernel is asked to start
// writing each finished variable's pages to disk (sync_file_range on
// Linux), so that the final sync waits only for the last ones.
//
// # What a round trip keeps
//
// A whole-file Read also fills Model.ElemFieldOrder, NodeSetFieldOrder and
// SideSetFieldOrder with the file's order of variable names (names no
// entity carries included), which Write lists first, and Model.Carried with
// every variable the model does not represent (edge and face blocks,
// element, edge and face sets, nodal and set attributes, blobs, coordinate
// frames, extra maps, Nemesis data, their variables, properties and
// attributes), grouped by feature with what each depends on (nodes,
// elements, timesteps), and the dimensions no variable uses. Write puts the
// carried variables back as read, after the model's own, with their text
// re-padded to the written string widths (names go over len_name); a
// feature that no longer fits the model (a dimension of another length, a
// timestep count that changed) is dropped whole, with a warning through
// Model.Warn. QA and info records are kept byte for byte (only their NUL
// padding goes). Bezier-extraction (BEX_*) connectivity may refer past the
// nodes to the blobs' control points (Model.ControlPoints, from
// bex_dense_cv_info); such blocks can only be read with every block.
//
// What still differs in the file: api_version/version (the writer's), the
// netCDF format and word size (unless chosen again), the name width, the
// topology string and fields of an empty block, and fields of empty sets
// (Exodus cannot store an array over zero entities). A partial read carries
// nothing beyond the model; Contents.Ignored lists the features a file has
// that the model does not represent, so callers can warn then. Blocks and
// sets get every extra property of their kind (0 where the file has none for
// them).
package exodus
