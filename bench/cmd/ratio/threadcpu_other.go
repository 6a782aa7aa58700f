//go:build !linux

package main

// threadCPU returns 0: the thread's CPU clock is read on Linux only, and the
// report shows no thread-CPU figures elsewhere.
func threadCPU() int64 { return 0 }
