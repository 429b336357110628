package compute

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// arenaBytes is the size and alignment of the Go heap's arenas on 64-bit
// Linux. Advising a whole arena lets the allocations that later reuse it
// fault in huge pages too.
const arenaBytes = 64 << 20

// madvHugepage is MADV_HUGEPAGE.
const madvHugepage = 14

// AdviseHuge asks the kernel to back the memory of a bulk array of the
// given bytes at p with huge pages (madvise MADV_HUGEPAGE over the Go heap
// arenas it lies in). Arrays under 1 MiB are left alone. It only advises:
// a kernel without transparent huge pages, or one out of them, gives 4 KiB
// pages as before, and errors are ignored.
func AdviseHuge(p unsafe.Pointer, bytes int) {
	if bytes < hugeMin || p == nil {
		return
	}
	b := uintptr(p) &^ (arenaBytes - 1)
	e := (uintptr(p) + uintptr(bytes) + arenaBytes - 1) &^ (arenaBytes - 1)
	syscall.Syscall(syscall.SYS_MADVISE, b, e-b, madvHugepage)
}

// AdviseHeapHuge advises as huge pages every private anonymous read-write
// mapping of the process of at least 64 MiB (the Go heap's arenas, and
// large C allocations): memory the Go heap maps or frees and later hands
// out again then faults in 2 MiB at a time. It reads /proc/self/maps, so
// call it between operations, not inside them.
func AdviseHeapHuge() {
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		// "start-end perms offset dev inode [path]"
		f := strings.Fields(line)
		if len(f) != 5 || f[1] != "rw-p" {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		if !ok {
			continue
		}
		s, err1 := strconv.ParseUint(lo, 16, 64)
		e, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || e-s < arenaBytes {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(s), uintptr(e-s), madvHugepage)
	}
}

// madvDontneed is MADV_DONTNEED.
const madvDontneed = 4

// release gives the whole pages of [p, p+bytes) back to the kernel; they
// read as zero when next touched.
func release(p unsafe.Pointer, bytes int) {
	const page = 4096
	b := (uintptr(p) + page - 1) &^ (page - 1)
	e := (uintptr(p) + uintptr(bytes)) &^ (page - 1)
	if e > b {
		syscall.Syscall(syscall.SYS_MADVISE, b, e-b, madvDontneed)
	}
}
