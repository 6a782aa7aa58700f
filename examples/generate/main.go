// Command generate makes QR Codes (or Micro QR and rMQR codes, with
// -symbol): one on the terminal or in a file, or one image per line of a
// batch file, in parallel.
//
// Usage:
//
//	generate [flags] [text...]
//	generate [flags] -batch lines.txt -out dir/
//
// With text arguments (joined by spaces) it prints the code as half-block
// text on standard output, or writes it to the -o file (.png or .svg). With
// no argument it reads the text from standard input when that is not a
// terminal, and otherwise shows a sample code.
//
// With -batch it writes one image per non-blank line of the file into the
// -out directory, named by line number zero-padded to the width of the
// line count (0042.png in a file of 1000 lines). With -shard K/N it
// writes only the lines whose 0-based index mod N is K, under the same
// names, so that N processes (a Kubernetes Indexed Job, where K defaults to
// $JOB_COMPLETION_INDEX) share one input and one output directory. A .csv
// batch must start with a header row naming a "text" column, encoded, and
// optionally a "name" column, naming the file (SKU-1.png); a file without
// one is refused, and names that are not plain file names are rejected. Lines
// that cannot be encoded are reported on standard error with their line
// number and the rest are still written. A progress bar is drawn on standard
// error when it is a terminal, and a summary ends the run.
//
// With -gs1 the texts are GS1 element strings in human-readable form,
// "(01)09506000134352(17)261231(10)ABC123", checked against the GS1 table of
// Application Identifiers and encoded with FNC1; -aim X marks them as data of
// an AIM-registered format instead. With -sequence a text too long for one
// code (of at most -max-version) is split over a structured append sequence
// of up to 16 codes, written as name-01-of-04.png … (for -batch, one
// sequence per line: 00042-01-of-03.png …).
//
// The styling flags (-modules, -finders, -gradient, -logo, -logo-size)
// draw styled images. The library checks each before it is written and
// raises the error correction level a logo needs; the log line of -o gives
// the grade, and an image that cannot be made reliable is not written.
//
// The exit status is 0 on success, 1 if any line or the single code failed,
// and 2 for bad flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/qrworks/qrworks/examples/internal/progress"
	"github.com/qrworks/qrworks/qr"
)

// sampleText is encoded when there is no argument and nothing is piped in,
// so that the command shows something on its defaults.
const sampleText = "https://github.com/qrworks/qrworks"

// maxStdin bounds the text read from standard input: far above the 7089
// characters of the largest QR Code (ISO/IEC 18004:2015 Table 7), so any
// input that can be encoded fits, and the encoder reports the rest as too
// long.
const maxStdin = 1 << 20

// errUsage marks errors in the command line; they exit with status 2.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is the whole command; it returns the exit status.
func run(args []string) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: generate [flags] [text...]\n       generate [flags] -batch lines.txt|names.csv -out dir/\n\nflags:\n")
		fs.PrintDefaults()
	}
	var (
		s     style
		sym   symbolFlags
		sty   styling
		level string
		out   = fs.String("o", "", "write the code to this `file` (.png or .svg) instead of the terminal")
		in    = fs.String("batch", "", "encode every line of this `file` (or CSV with name,text columns) into -out")
		dir   = fs.String("out", "", "output `directory` of -batch")
		form  = fs.String("format", "png", "image format of -batch: png or svg")
		jobs  = fs.Int("j", runtime.GOMAXPROCS(0), "parallel workers of -batch")
		part  = fs.String("shard", "", "write only part `K/N` of -batch: the lines whose 0-based index mod N is K (given N alone, K is $JOB_COMPLETION_INDEX)")
	)
	fs.StringVar(&level, "level", "H", "error correction level: L, M, Q or H (M for -symbol micro)")
	fs.IntVar(&s.scale, "scale", qr.DefaultScale, "pixels per module in images")
	fs.IntVar(&s.quiet, "quiet", qr.DefaultQuietZone, "quiet zone width in modules")
	fs.StringVar(&s.fg, "fg", "", "dark module `colour`, #rgb, #rrggbb or #rrggbbaa (default #000000)")
	fs.StringVar(&s.bg, "bg", "", "light module `colour`, #rgb, #rrggbb or #rrggbbaa (default #ffffff)")
	fs.BoolVar(&s.eci, "eci", true, "mark non-ASCII text as UTF-8 with an ECI (-eci=false for old scanners)")
	fs.BoolVar(&s.kanji, "kanji", false, "kanji mode (Shift JIS, 13 bits a character) when every non-ASCII character is a kanji; other text as without it")
	fs.BoolVar(&s.invert, "invert", false, "terminal output for a light background")
	sym.register(fs)
	var data dataFlags
	data.register(fs)
	sty.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}

	// Log lines go through the progress bar, which clears itself first. The
	// bar is drawn only for a batch, and only on a terminal.
	bar := progress.Start(os.Stderr, "codes", 0, *in != "" && progress.IsTerminal(os.Stderr))
	defer bar.Stop()
	log := bar.Logger()
	fail := func(err error) int {
		log.Error("generate failed", "err", err)
		if errors.Is(err, errUsage) || errors.Is(err, qr.ErrInvalidOption) {
			return 2
		}
		return 1
	}
	if err := sym.apply(fs, &level, &s); err != nil {
		return fail(fmt.Errorf("%w: %w", errUsage, err))
	}
	var err error
	if s.level, err = parseLevel(level); err != nil {
		return fail(fmt.Errorf("%w: -level: %w", errUsage, err))
	}
	opts, err := s.options()
	if err != nil {
		return fail(fmt.Errorf("%w: %w", errUsage, err))
	}
	opts = append(opts, sym.options()...)
	dataOpts, err := data.options()
	if err != nil {
		return fail(fmt.Errorf("%w: %w", errUsage, err))
	}
	opts = append(opts, dataOpts...)
	styleOpts, err := sty.options()
	if err != nil {
		return fail(fmt.Errorf("%w: %w", errUsage, err))
	}
	opts = append(opts, styleOpts...)
	if err := checkOptions(data.sample(), s.level, opts); err != nil {
		return fail(err)
	}

	if *in == "" {
		if *dir != "" {
			return fail(fmt.Errorf("%w: -out needs -batch (for one file use -o)", errUsage))
		}
		if *part != "" {
			return fail(fmt.Errorf("%w: -shard needs -batch", errUsage))
		}
		if err := single(fs.Args(), *out, s.level, opts, data.sequence, log); err != nil {
			return fail(err)
		}
		return 0
	}

	switch {
	case *dir == "":
		return fail(fmt.Errorf("%w: -batch needs -out dir", errUsage))
	case *out != "" || fs.NArg() > 0:
		return fail(fmt.Errorf("%w: -batch takes neither -o nor text arguments", errUsage))
	case *form != "png" && *form != "svg":
		return fail(fmt.Errorf("%w: -format %q is not png or svg", errUsage, *form))
	case *jobs < 1:
		return fail(fmt.Errorf("%w: -j %d is not positive", errUsage, *jobs))
	}
	sh, err := parseShard(*part)
	if err != nil {
		return fail(fmt.Errorf("%w: %w", errUsage, err))
	}
	b := &batch{in: *in, dir: *dir, format: *form, workers: *jobs, level: s.level, opts: opts, sequence: data.sequence, shard: sh}
	failed, err := b.run(log, bar)
	if err != nil {
		return fail(err)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// checkOptions makes one small code of sample with opts so that a bad
// option value (-scale 0, say) stops the command once, before any batch
// line is read.
func checkOptions(sample string, level qr.Level, opts []qr.Option) error {
	code, err := qr.Encode(sample, level, opts...)
	if err == nil {
		err = code.WritePNG(io.Discard, opts...)
	}
	if err != nil && errors.Is(err, qr.ErrInvalidOption) {
		return err
	}
	return nil
}

// single encodes one text, from args, standard input or the sample, and
// prints it or writes it to file; with sequence, as a structured append
// sequence.
func single(args []string, file string, level qr.Level, opts []qr.Option, sequence bool, log *slog.Logger) error {
	text, err := singleText(args)
	if err != nil {
		return err
	}
	if sequence && file == "" {
		return printSequence(os.Stdout, text, level, opts)
	}
	if sequence {
		files, err := writeSequence(file, "", text, level, opts)
		if err != nil {
			return err
		}
		log.Info("wrote", "files", files)
		return nil
	}
	if file != "" {
		if err := qr.WriteFile(file, text, level, opts...); err != nil {
			return err
		}
		attrs := []any{"file", file, "format", strings.TrimPrefix(filepath.Ext(file), "."), "text", text}
		log.Info("wrote", append(attrs, gradeAttrs(text, level, opts)...)...)
		return nil
	}
	code, err := qr.Encode(text, level, opts...)
	if err != nil {
		return err
	}
	if err := code.WriteText(os.Stdout, opts...); err != nil {
		return err
	}
	// Standard error says what the code holds, so that the sample shown
	// by a bare "generate" is not a mystery; standard output stays the
	// code alone.
	log.Info("encoded", "text", text, "version", code.Version(), "level", code.Level().String())
	return nil
}

// singleText is the text of a single code: the arguments joined by spaces,
// else standard input without its final newline when something is piped
// in, else the sample text.
func singleText(args []string) (string, error) {
	if len(args) > 0 {
		return strings.Join(args, " "), nil
	}
	if progress.IsTerminal(os.Stdin) {
		return sampleText, nil
	}
	b, err := io.ReadAll(io.LimitReader(os.Stdin, maxStdin+1))
	if err != nil {
		return "", fmt.Errorf("reading standard input: %w", err)
	}
	if len(b) > maxStdin {
		return "", fmt.Errorf("standard input is longer than %d bytes", maxStdin)
	}
	return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
}
