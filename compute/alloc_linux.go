package compute

import (
	"runtime"
	"syscall"
	"unsafe"
)

// adviseHuge marks the whole 2 MiB pages inside [p, p+size) MADV_HUGEPAGE.
// Errors (a kernel without transparent huge pages) are ignored.
func adviseHuge(p unsafe.Pointer, size uintptr) {
	const huge = 2 << 20
	lo := (uintptr(p) + huge - 1) &^ (huge - 1)
	hi := (uintptr(p) + size) &^ (huge - 1)
	if hi > lo {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, 14) // MADV_HUGEPAGE
	}
	runtime.KeepAlive(p)
}
