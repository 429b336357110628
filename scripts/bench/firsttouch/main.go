// Command firsttouch measures what the first touch of fresh memory costs
// on this machine, the floor under every byte an exosh method creates.
//
//	firsttouch [-mib 1024] [-pause 5s]
//
// It maps the given MiB of anonymous memory, advises it as huge pages (as
// compute.Float64s does for the model's arrays), writes one byte in every
// 4 KiB page and reports the rate, twice: once after the pause, and once
// at once after unmapping the first block. On a virtual machine whose
// kernel reports free pages to its host (virtio-balloon free page
// reporting, shown by /sys/module/page_reporting) memory freed a few
// seconds ago is back with the host and costs a fault there on its next
// touch, while memory freed a moment ago is still backed: the two rates
// can differ twenty-fold, and with them the time of any step that grows
// the process. `make bench-chain` prints this line before the chain.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	mib := flag.Int("mib", 1024, "MiB of memory to touch in each pass")
	pause := flag.Duration("pause", 5*time.Second, "idle time before the first pass")
	flag.Parse()
	if *mib <= 0 {
		fmt.Fprintln(os.Stderr, "firsttouch: -mib must be positive")
		os.Exit(2)
	}
	time.Sleep(*pause)
	idle, err := touchRate(*mib)
	if err != nil {
		fmt.Fprintln(os.Stderr, "firsttouch:", err)
		os.Exit(1)
	}
	again, err := touchRate(*mib)
	if err != nil {
		fmt.Fprintln(os.Stderr, "firsttouch:", err)
		os.Exit(1)
	}
	fmt.Printf("first touch of fresh memory (%d MiB, huge-page advice): %.2f GB/s after %v idle, %.2f GB/s right after a free%s\n",
		*mib, idle, *pause, again, reporting())
}

// reporting describes the kernel's free page reporting, or returns "" when
// the machine has none.
func reporting() string {
	const dir = "/sys/module/page_reporting/parameters/"
	order, err := os.ReadFile(dir + "page_reporting_order")
	if err != nil {
		return ""
	}
	s := "; free page reporting to the host from order " + strings.TrimSpace(string(order))
	if ms, err := os.ReadFile(dir + "min_free_ms"); err == nil {
		s += ", after " + strings.TrimSpace(string(ms)) + " ms free"
	}
	return s
}
