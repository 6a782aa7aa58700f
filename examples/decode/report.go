package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"image"

	"github.com/qrworks/qrworks/decode"
)

// fileReport is the JSON object printed for each file.
type fileReport struct {
	File  string       `json:"file"`
	Codes []codeReport `json:"codes"` // [] when none was found
	Error *string      `json:"error"` // null when the file decoded
}

// codeReport is one code found in a file, in the shape of the HTTP
// service's answer: its format ("qr", "micro" or "rmqr"), text, version
// within the format and level. Corners are the pixel positions of the
// symbol's top-left, top-right, bottom-right and bottom-left corners.
type codeReport struct {
	Text    string        `json:"text"`
	Format  decode.Format `json:"format"` // "qr", "micro" or "rmqr"
	Version int           `json:"version"`
	Level   string        `json:"level"`
	Corners [4]point      `json:"corners"`
	dataReport
}

// point is a pixel position, {"x":…,"y":…} as qrhttp writes it.
type point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

// newCodeReport describes r; files names the file of each of Merge's
// inputs, or is nil.
func newCodeReport(r *decode.Result, files []string) codeReport {
	return codeReport{Format: r.Format, Text: r.Text, Version: r.Version, Level: r.Level, Corners: corners(r.Corners), dataReport: newDataReport(r, files)}
}

// corners turns image points into {x, y} points.
func corners(pts [4]image.Point) (c [4]point) {
	for i, pt := range pts {
		c[i] = point{pt.X, pt.Y}
	}
	return c
}

// outcome is what became of one file.
type outcome struct {
	path    string
	results []decode.Result
	err     error
}

// tally counts outcomes for the summary.
type tally struct {
	decoded, notFound, errors, codes int
}

func (t *tally) add(o outcome) {
	switch {
	case o.err == nil:
		t.decoded++
		t.codes += len(o.results)
	case errors.Is(o.err, decode.ErrNotFound):
		t.notFound++
	default:
		t.errors++
	}
}

func (t *tally) failed() int { return t.notFound + t.errors }

// printer writes outcomes to standard output, as JSON lines or as text.
type printer struct {
	w        *bufio.Writer
	text     bool // -text: decoded texts only
	withName bool // -text: prefix each text with its file name
	enc      *json.Encoder
}

func newPrinter(w *bufio.Writer, text, withName bool) *printer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // URLs keep their & and < as they are
	return &printer{w: w, text: text, withName: withName, enc: enc}
}

func (p *printer) print(o outcome) error {
	if p.text {
		for _, r := range o.results {
			if p.withName {
				fmt.Fprintf(p.w, "%s: ", o.path)
			}
			fmt.Fprintln(p.w, r.Text)
		}
		return nil
	}
	rep := fileReport{File: o.path, Codes: make([]codeReport, 0, len(o.results))}
	if o.err != nil {
		msg := o.err.Error()
		rep.Error = &msg
	}
	for i := range o.results {
		rep.Codes = append(rep.Codes, newCodeReport(&o.results[i], nil))
	}
	return p.enc.Encode(rep)
}
