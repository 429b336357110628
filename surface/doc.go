// Package surface writes triangulated exterior surfaces to the file formats
// of exomerge's export_stl_file and export_wrl_model: binary STL and VRML
// 2.0 with one colour per triangle. It is fed flat arrays (a
// meshobj.Surface or a WRL scene) prepared by package meshobj, which does
// the geometry; this package only encodes and writes.
//
// Every write is atomic: the file is written to a temporary file in the
// same directory, synced and renamed over the target, so a failed or
// interrupted write leaves any previous file as it was and never a
// half-written one.
package surface
