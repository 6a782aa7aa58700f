package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qrworks/qrworks/examples/internal/progress"
	"github.com/qrworks/qrworks/qr"
)

// batch is a bulk run: every good line of in becomes one image in dir.
type batch struct {
	in      string // the lines, or a CSV with a header
	dir     string // output directory, created if missing
	format  string // "png" or "svg"
	workers int
	level   qr.Level
	opts    []qr.Option
	// sequence writes each line as a structured append sequence,
	// 00042-01-of-03.png …
	sequence bool
	shard    shard // the part of the input this process writes

	written, blank atomic.Int64
}

// chunkSize is the number of jobs handed to a worker at a time. A code takes
// tens of microseconds, as long as a channel hand-off that wakes a sleeping
// goroutine: handing over one job at a time would spend the second core on
// scheduling. 64 jobs keep the hand-offs rare and the tail short.
const chunkSize = 64

// failure is a line that could not be written.
type failure struct {
	line int
	err  error
}

// run writes the images, counts them on bar, and reports failed lines and a
// summary through log. It returns the number of lines that failed; err is
// set only when the batch could not run at all (no input, no output
// directory, a read error).
func (b *batch) run(log *slog.Logger, bar *progress.Bar) (failed int, err error) {
	src, total, closer, err := openSource(b.in, "."+b.format)
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	src, total = b.shard.of(src), b.shard.count(total)
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		return 0, err
	}

	bar.SetTotal(total)
	chunks := make(chan []job, 2*b.workers)
	failures := make(chan failure, chunkSize)
	var wg sync.WaitGroup
	for range b.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.work(chunks, failures, bar)
		}()
	}

	var readErr error
	go func() {
		var buf []job
		readErr = src.run(func(j job) {
			buf = append(buf, j)
			if len(buf) == chunkSize {
				chunks <- buf
				buf = nil
			}
		})
		if len(buf) > 0 {
			chunks <- buf
		}
		close(chunks)
		wg.Wait()
		close(failures)
	}()

	for f := range failures {
		failed++
		log.Error("line not written", "line", f.line, "err", f.err)
	}
	bar.Stop()
	if readErr != nil {
		return failed, fmt.Errorf("reading %s: %w", b.in, readErr)
	}
	log.Info("batch done", "written", b.written.Load(), "failed", failed, "blank", b.blank.Load(),
		"dir", b.dir, "shard", b.shard, "workers", b.workers, "elapsed", bar.Elapsed().Round(time.Millisecond),
		"codes_per_sec", int(bar.Rate()))
	return failed, nil
}

// work encodes and writes chunks of jobs until chunks is closed. Each worker
// keeps one Code and one buffer for all its jobs, so encoding and rendering
// allocate nothing once they have grown to the largest symbol.
func (b *batch) work(chunks <-chan []job, failures chan<- failure, bar *progress.Bar) {
	var code qr.Code
	var buf bytes.Buffer
	for chunk := range chunks {
		for _, j := range chunk {
			err := j.err
			switch {
			case err != nil:
			case j.blank:
				b.blank.Add(1)
			default:
				if err = b.write(&code, &buf, j); err == nil {
					b.written.Add(1)
				}
			}
			if err != nil {
				failures <- failure{line: j.line, err: err}
			}
			bar.Add(1)
		}
	}
}

// write renders j and writes its file. The image is complete in memory
// before the file is created, and a failed write removes the file, so the
// directory never holds a partial image.
func (b *batch) write(code *qr.Code, buf *bytes.Buffer, j job) error {
	if b.sequence {
		_, err := writeSequence(filepath.Join(b.dir, j.file), b.format, j.text, b.level, b.opts)
		return err
	}
	if err := b.render(code, buf, j.text); err != nil {
		return err
	}
	path := filepath.Join(b.dir, j.file)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// render encodes text into code and renders the image into buf, replacing
// what buf held. With a reused code and buf it does not allocate.
func (b *batch) render(code *qr.Code, buf *bytes.Buffer, text string) error {
	if err := code.Encode(text, b.level, b.opts...); err != nil {
		return err
	}
	buf.Reset()
	if b.format == "svg" {
		return code.WriteSVG(buf, b.opts...)
	}
	return code.WritePNG(buf, b.opts...)
}
