//go:build !linux

package compute

import "unsafe"

// AdviseHuge does nothing outside Linux; see the Linux version.
func AdviseHuge(p unsafe.Pointer, bytes int) {}

// AdviseHeapHuge does nothing outside Linux; see the Linux version.
func AdviseHeapHuge() {}

// release does nothing outside Linux.
func release(p unsafe.Pointer, bytes int) {}
