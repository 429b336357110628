package exodus

import (
	"os"
	"syscall"
)

// syncFileRangeWrite is SYNC_FILE_RANGE_WRITE: start writeback of the
// range's dirty pages without waiting for it.
const syncFileRangeWrite = 2

// startWriteback asks the kernel to begin writing f's dirty pages to disk
// now, so that the fsync that makes the finished file durable waits only
// for the last ones. Errors are ignored: the fsync still reports them.
func startWriteback(f *os.File) {
	syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), 0, 0, syncFileRangeWrite, 0, 0)
}
