package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

// dataFlags are the flags about what the texts are and how they are split:
// GS1 element strings, AIM data, structured append sequences.
type dataFlags struct {
	gs1        bool
	aim        string
	sequence   bool
	maxVersion int
}

// register adds the flags to fs.
func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&d.gs1, "gs1", false, "the texts are GS1 element strings in human-readable form, (01)09506000134352(17)261231…:\nchecked, and encoded with FNC1 for GS1 scanners")
	fs.StringVar(&d.aim, "aim", "", "mark the data as an AIM-registered format with this application `indicator` (two digits or a letter)")
	fs.BoolVar(&d.sequence, "sequence", false, "split a text too long for one code over a structured append sequence of up to 16 codes,\nwritten as name-01-of-04.png … (a text that fits one code is name-01-of-01.png)")
	fs.IntVar(&d.maxVersion, "max-version", 40, "largest QR version, 1 to 40; with -sequence, every code of a sequence has one version up to it")
}

// options returns the encoding options the flags ask for.
func (d *dataFlags) options() ([]qr.Option, error) {
	var opts []qr.Option
	switch {
	case d.gs1 && d.aim != "":
		return nil, fmt.Errorf("-gs1 and -aim exclude each other")
	case d.gs1:
		opts = append(opts, qr.GS1())
	case d.aim != "":
		opts = append(opts, qr.AIM(d.aim))
	}
	if d.maxVersion != 40 {
		opts = append(opts, qr.MaxVersion(d.maxVersion))
	}
	return opts, nil
}

// sample is a text the flags accept, for checking the other options once.
func (d *dataFlags) sample() string {
	if d.gs1 {
		return "(01)09506000134352"
	}
	return "0"
}

// sequenceFile names code i (from 0) of n written for file:
// "label.png" → "label-02-of-04.png".
func sequenceFile(file string, i, n int) string {
	ext := filepath.Ext(file)
	return fmt.Sprintf("%s-%02d-of-%02d%s", strings.TrimSuffix(file, ext), i+1, n, ext)
}

// writeSequence encodes text as a sequence and writes each code to the file
// sequenceFile names, as PNG or SVG by file's extension (format, if not
// empty, overrides it). Every image is rendered before the first file is
// written. It returns the files written.
func writeSequence(file, format, text string, level qr.Level, opts []qr.Option) ([]string, error) {
	if format == "" {
		format = strings.ToLower(strings.TrimPrefix(filepath.Ext(file), "."))
	}
	if format != "png" && format != "svg" {
		return nil, fmt.Errorf("%w: %s: extension is not .png or .svg", errUsage, file)
	}
	codes, err := qr.EncodeSequence(text, level, opts...)
	if err != nil {
		return nil, err
	}
	images := make([][]byte, len(codes))
	for i, c := range codes {
		var buf bytes.Buffer
		if format == "svg" {
			err = c.WriteSVG(&buf)
		} else {
			err = c.WritePNG(&buf)
		}
		if err != nil {
			return nil, err
		}
		images[i] = buf.Bytes()
	}
	var files []string
	for i, img := range images {
		name := sequenceFile(file, i, len(codes))
		if err := os.WriteFile(name, img, 0o644); err != nil {
			os.Remove(name)
			return files, err
		}
		files = append(files, name)
	}
	return files, nil
}

// printSequence prints the codes of text's sequence on w, one after the
// other, each under a line saying which it is.
func printSequence(w io.Writer, text string, level qr.Level, opts []qr.Option) error {
	codes, err := qr.EncodeSequence(text, level, opts...)
	if err != nil {
		return err
	}
	for i, c := range codes {
		fmt.Fprintf(w, "%d of %d\n", i+1, len(codes))
		if err := c.WriteText(w); err != nil {
			return err
		}
	}
	return nil
}
