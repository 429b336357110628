// Package render draws pictures of mesh surfaces: flat arrays of points
// and triangles, coloured by a scalar per point or per triangle through a
// colormap, seen from an orthographic camera, with a title, a colour bar
// and an axis triad. It knows nothing of Exodus or of models: package
// meshobj gathers the arrays and builtins hands them over.
//
// Drawing is a software z-buffer rasteriser with 2x2 supersampling. The
// picture is cut into square tiles, the triangles are binned to the tiles
// they touch, and the tiles are drawn in parallel, each worker reusing
// one small buffer, so that nothing is allocated per pixel.
package render
