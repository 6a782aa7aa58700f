package main

import (
	"syscall"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID of clock_gettime(2).
const clockThreadCPUTime = 3

// threadCPU returns the CPU time the calling thread has used, in
// nanoseconds, or 0 if the clock cannot be read. Read from a goroutine
// locked to its thread, it counts what that goroutine does (the collector's
// assists and sweeping that its allocations cause included) and nothing of
// the collector's background workers or of other programs.
func threadCPU() int64 {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return ts.Nano()
}
