// Package exodiff compares two Exodus II results the way SEACAS exodiff
// does: the same options, defaults, command-file syntax, report lines,
// closing line and exit statuses, so that `exosh diff` can replace
// `exodiff` in a test harness. The script builtin compare() and the assert
// module's same_files() use the same engine.
//
// # What is compared
//
// In exodiff's order: the counts (dimension, nodes, elements, blocks; a
// mismatch ends the comparison as "Files are different", exit 2); the node
// and element matching (through the id maps by default, by position with
// -match_file_order, by coordinates with -map and -partial); the variable
// names of each kind (a variable on one side only is a difference); the
// mesh (coordinates under the coordinate tolerance, block ids, types with
// the short-name rule, sizes and connectivity, node- and side-set member
// lists for sets that carry variables or under -pedantic, assemblies under
// -pedantic), where a difference aborts with "Differences found in mesh
// (non-transient) data" and exit status 1; element attributes and side-set
// distribution factors; then, step by step, the time values and the
// global, nodal, element, node-set and side-set variables, each reported
// by its largest difference and where it lies (or every value beyond
// tolerance with -show_all_diffs). Any NaN is a difference, even the same
// NaN in both files. Title, QA and info records are never compared.
//
// # Streaming and parallelism
//
// Files are opened with the exodus package; the mesh of each is read once
// (no timesteps), then each step of each file is read into buffers reused
// from step to step (exodus.Reader's step readers), so memory is the two
// meshes plus one step of each (two with -interpolate). The variables of a
// step are compared in parallel over GOMAXPROCS workers and reported in
// order. In-memory models (compare() with models) are read in place.
//
// # Differences from exodiff
//
// The banner is exosh's. Edge and face blocks and change sets are not
// read. -map and -partial match elements by centroid and then their nodes
// by coordinates, within max(coordinate tolerance, 1e-6 of the model's
// size); exodiff's search differs in detail. Time values keep the
// documented floor of 1e-15 unless -Floor is given (exodiff's code resets
// it to the default floor). A diffs file is written at the end, with
// every compared step kept in memory until then.
package exodiff
