// Command decode reads every QR Code in image files (PNG, JPEG, GIF, BMP,
// TIFF, WebP) and prints what it finds.
//
// Usage:
//
//	decode [flags] path...
//
// Each path is a file or a directory, read recursively (names starting with
// a dot are skipped), or "-" for standard input. Files are decoded in
// parallel by -j workers. For each file one JSON object is printed on
// standard output:
//
//	{"file":"a.png","codes":[{"text":"…","version":5,"level":"H","corners":[{"x":40,"y":40},{"x":330,"y":40},{"x":330,"y":330},{"x":40,"y":330}]}],"error":null}
//
// or, with -text, the decoded texts one per line (prefixed with the file name
// when there may be several files), files without a code logged as warnings
// and files that cannot be read as errors on standard error. A code also
// reports its symbology identifier ("symbology_id": "]Q1"), "gs1" and, for
// GS1 data, "elements" ([{"ai":"01","value":"09506000134352"}, …]), "aim"
// for AIM data, and "sequence" ({"index","total","parity"}) for a part of a
// structured append sequence; a sequence complete in one image is one code
// with its "parts". The parts of sequences spread over several files are
// merged once every file is read, each complete sequence printed as one more
// line {"merged": {"text": …, "parts": [{"file": …, "index": 0, …}, …]}}
// (with -text, "merged: " and its text). A file that holds no code or
// cannot be read (empty, not an image, a broken symbolic link) gets an
// "error" and the run goes on. A progress bar is drawn on
// standard error when it is a terminal, and a summary ends the run.
//
// The exit status is 0 if every file held at least one code, 1 otherwise,
// and 2 for bad flags.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/examples/internal/progress"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is the whole command; it returns the exit status.
func run(args []string) int {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: decode [flags] path...   (files, directories, or - for standard input)\n\nflags:\n")
		fs.PrintDefaults()
	}
	var (
		text    = fs.Bool("text", false, "print the decoded texts instead of JSON")
		fast    = fs.Bool("fast", false, "try only the cheap first pass (clean images)")
		workers = fs.Int("j", runtime.GOMAXPROCS(0), "parallel workers")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 || *workers < 1 {
		fs.Usage()
		return 2
	}
	if stdins := countOf(fs.Args(), stdinPath); stdins > 1 {
		fmt.Fprintln(fs.Output(), "decode: standard input (-) can be named once")
		return 2
	}
	var opts []decode.Option
	if *fast {
		opts = append(opts, decode.Fast())
	}

	inputs := collect(fs.Args())
	bar := progress.Start(os.Stderr, "images", int64(len(inputs)), progress.IsTerminal(os.Stderr))
	log := bar.Logger()

	// Inputs flow to the workers and outcomes back, in the order the
	// workers finish; each JSON object names its file.
	todo := make(chan input, *workers)
	outcomes := make(chan outcome, *workers)
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range todo {
				outcomes <- decodeFile(in, opts)
			}
		}()
	}
	go func() {
		for _, in := range inputs {
			todo <- in
		}
		close(todo)
		wg.Wait()
		close(outcomes)
	}()

	out := bufio.NewWriter(os.Stdout)
	withName := len(inputs) != 1 || inputs[0].path != fs.Arg(0)
	p := newPrinter(out, *text, withName)
	var t tally
	var seqs sequenceParts
	var writeErr error
	for o := range outcomes {
		bar.Add(1)
		t.add(o)
		seqs.add(o)
		if *text {
			logOutcome(log, o)
		}
		if err := p.print(o); err != nil && writeErr == nil {
			writeErr = err
		}
	}
	for _, r := range seqs.merged() {
		if err := p.printMerged(r, seqs.files); err != nil && writeErr == nil {
			writeErr = err
		}
	}
	if err := out.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	bar.Stop()
	log.Info("decode done", "files", len(inputs), "decoded", t.decoded, "codes", t.codes,
		"not_found", t.notFound, "errors", t.errors, "workers", *workers,
		"elapsed", bar.Elapsed().Round(time.Millisecond), "images_per_sec", int(bar.Rate()))
	if writeErr != nil {
		log.Error("writing standard output", "err", writeErr)
		return 1
	}
	if t.failed() > 0 {
		return 1
	}
	return 0
}

// errEmpty reports a file or standard input with nothing in it, which
// the decoder would call an unsupported format.
var errEmpty = errors.New("empty file")

// decodeFile decodes every code in one file, or in standard input for
// the path "-". decode.Reader checks the image's declared size before
// decoding its pixels, so a hostile file costs no more than the decoder's
// limits allow.
func decodeFile(in input, opts []decode.Option) outcome {
	if in.err != nil {
		return outcome{path: in.path, err: in.err}
	}
	var r io.Reader = os.Stdin
	if in.path != stdinPath {
		f, err := os.Open(in.path)
		if err != nil {
			return outcome{path: in.path, err: err}
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if _, err := br.Peek(1); err == io.EOF {
		return outcome{path: in.path, err: errEmpty}
	}
	results, err := decode.Reader(br, opts...)
	return outcome{path: in.path, results: results, err: err}
}

// countOf returns how many times s occurs in list.
func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// logOutcome reports a file that gave no text, for -text, whose standard
// output has only texts: no code is a warning, a file that cannot be read
// an error.
func logOutcome(log *slog.Logger, o outcome) {
	switch {
	case o.err == nil:
	case errors.Is(o.err, decode.ErrNotFound):
		log.Warn("no code found", "file", o.path)
	default:
		log.Error("cannot read", "file", o.path, "err", o.err)
	}
}
