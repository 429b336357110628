//go:build !linux

package compute

import "unsafe"

// adviseHuge does nothing outside Linux.
func adviseHuge(p unsafe.Pointer, size uintptr) {}
