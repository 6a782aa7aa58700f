// Package progress draws the one-line progress bar of the example commands
// on a terminal, and keeps quiet when its output is a file or a pipe.
//
// A Bar is safe for concurrent use: workers call Add while the bar redraws
// itself from its own goroutine, and log lines written through the Bar (it
// is an io.Writer) clear the bar first so the two never interleave.
package progress

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// IsTerminal reports whether f is a character device, which is how a
// terminal looks without a terminal library. /dev/null is a character device
// too; treating it as a terminal is harmless for the uses here (a progress
// bar drawn into /dev/null, or standard input that has nothing to read).
func IsTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// redrawEvery is how often a visible bar is redrawn: often enough to look
// live, rarely enough to cost nothing next to the work it measures.
const redrawEvery = 100 * time.Millisecond

// barWidth is the number of cells of the bar itself.
const barWidth = 30

// Bar counts finished items and, when drawing is enabled, shows the count,
// the share of the total and the rate on one line of its output.
type Bar struct {
	out   io.Writer
	label string
	start time.Time
	total atomic.Int64 // 0 when unknown
	done  atomic.Int64

	mu    sync.Mutex // guards out and drawn
	drawn bool       // the bar is on the current line of out

	stop    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

// Start returns a Bar counting towards total items (0 if unknown) that draws
// on out when draw is true; call Stop when the work is done. label names the
// items ("codes", "images").
func Start(out io.Writer, label string, total int64, draw bool) *Bar {
	b := &Bar{out: out, label: label, start: time.Now(),
		stop: make(chan struct{}), stopped: make(chan struct{})}
	b.total.Store(total)
	if !draw {
		close(b.stopped)
		return b
	}
	go b.loop()
	return b
}

// SetTotal sets the number of items, once it is known.
func (b *Bar) SetTotal(n int64) { b.total.Store(n) }

// Add records n more finished items.
func (b *Bar) Add(n int64) { b.done.Add(n) }

// Done returns the number of finished items.
func (b *Bar) Done() int64 { return b.done.Load() }

// Elapsed returns the time since Start.
func (b *Bar) Elapsed() time.Duration { return time.Since(b.start) }

// Rate returns the finished items per second since Start.
func (b *Bar) Rate() float64 {
	s := b.Elapsed().Seconds()
	if s <= 0 {
		return 0
	}
	return float64(b.Done()) / s
}

// Write writes p to the output, first clearing the bar if it is shown; the
// next redraw puts the bar back below p.
func (b *Bar) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clear()
	return b.out.Write(p)
}

// Logger returns a logger whose text lines go through b, so that they never
// interleave with the bar. The lines carry no time: the commands' logs are
// read by the person watching them, not collected.
func (b *Bar) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{ReplaceAttr: dropTime}))
}

// dropTime is a slog ReplaceAttr that removes the top-level time attribute.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// Stop stops redrawing and clears the bar, leaving the output as if no bar
// had been drawn. It is safe to call more than once.
func (b *Bar) Stop() {
	b.once.Do(func() { close(b.stop) })
	<-b.stopped
	b.mu.Lock()
	b.clear()
	b.mu.Unlock()
}

func (b *Bar) loop() {
	defer close(b.stopped)
	t := time.NewTicker(redrawEvery)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			b.mu.Lock()
			fmt.Fprint(b.out, "\r", b.line(), "\x1b[K")
			b.drawn = true
			b.mu.Unlock()
		}
	}
}

// clear erases the bar's line; b.mu is held. "\r" returns to the start of
// the line and "\x1b[K" (ANSI EL, erase in line) blanks it to the end.
func (b *Bar) clear() {
	if b.drawn {
		fmt.Fprint(b.out, "\r\x1b[K")
		b.drawn = false
	}
}

// line renders the bar, for example
// "[#########.....................] 3120/10000 31% 8231 codes/s".
func (b *Bar) line() string {
	done, total := b.Done(), b.total.Load()
	rate := fmt.Sprintf("%.0f %s/s", b.Rate(), b.label)
	if total <= 0 {
		return fmt.Sprintf("%d %s %s", done, b.label, rate)
	}
	frac := float64(done) / float64(total)
	frac = min(max(frac, 0), 1)
	full := int(frac * barWidth)
	return fmt.Sprintf("[%s%s] %d/%d %3.0f%% %s",
		strings.Repeat("#", full), strings.Repeat(".", barWidth-full),
		done, total, 100*frac, rate)
}
