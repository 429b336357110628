package builtins

import "slices"

// topologyArea is area D of exomerge's API: the methods that change the
// elements themselves (conversions, thresholds, cohesive zones) and the
// exports to surface formats. Its methods are defined in elemconv.go,
// cut.go and surface.go.
var topologyArea = area{
	title: "Topology changes and other exports",
	intro: "Element conversions replace the elements of a block by new ones; new nodes (edge midpoints, face and body centres) are created once however many elements share them, and node fields, node sets, element fields and side sets follow. " +
		"The exterior of a set of element blocks is found by a parallel sort of face keys (exomerge's rule: a face no other face matches, shells counting their two sides apart).",
	methods: slices.Concat(elemConvMethods, cutMethods, surfaceMethods),
}
