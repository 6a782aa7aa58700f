package main

import (
	"fmt"

	"github.com/qrworks/qrworks/decode"
)

// The fields a code's JSON gains for GS1, AIM and structured append data.
type (
	// dataReport tells how a code's data is marked.
	dataReport struct {
		SymbologyID string          `json:"symbology_id"`
		GS1         bool            `json:"gs1"`
		AIM         string          `json:"aim,omitempty"`
		Elements    []elementReport `json:"elements,omitempty"`
		Sequence    *sequenceReport `json:"sequence,omitempty"`
		Parts       []partReport    `json:"parts,omitempty"`
	}
	// elementReport is one GS1 Application Identifier and its value.
	elementReport struct {
		AI    string `json:"ai"`
		Value string `json:"value"`
	}
	// sequenceReport places a code in a structured append sequence; for a
	// merged sequence, Index is 0 and Parts lists its codes.
	sequenceReport struct {
		Index  int  `json:"index"`
		Total  int  `json:"total"`
		Parity byte `json:"parity"`
	}
	// partReport is one code of a merged sequence; File is set for a
	// sequence merged across files.
	partReport struct {
		File    string   `json:"file,omitempty"`
		Index   int      `json:"index"`
		Version int      `json:"version"`
		Level   string   `json:"level"`
		Corners [4]point `json:"corners"`
	}
)

// newDataReport describes r's data; files, if not nil, names the file of
// each of Merge's inputs.
func newDataReport(r *decode.Result, files []string) dataReport {
	d := dataReport{SymbologyID: r.SymbologyID, GS1: r.GS1, AIM: r.AIM}
	for _, e := range r.Elements() {
		d.Elements = append(d.Elements, elementReport{AI: e.AI, Value: e.Value})
	}
	if r.Sequence.Total != 0 {
		d.Sequence = &sequenceReport{Index: r.Sequence.Index, Total: r.Sequence.Total, Parity: r.Sequence.Parity}
	}
	for _, p := range r.Parts {
		pr := partReport{Index: p.Index, Version: p.Version, Level: p.Level, Corners: corners(p.Corners)}
		if files != nil && p.Input >= 0 {
			pr.File = files[p.Input]
		}
		d.Parts = append(d.Parts, pr)
	}
	return d
}

// mergedReport is the JSON line printed for a sequence merged across files.
type mergedReport struct {
	Merged codeReport `json:"merged"`
}

// sequenceParts gathers the codes of the run that belong to structured
// append sequences not complete in their own file, to merge them across
// files once every file is read.
type sequenceParts struct {
	results []decode.Result
	files   []string // the file of each result
}

// add keeps o's codes that are parts of a sequence.
func (s *sequenceParts) add(o outcome) {
	for _, r := range o.results {
		if r.Sequence.Total != 0 && r.Parts == nil {
			s.results = append(s.results, r)
			s.files = append(s.files, o.path)
		}
	}
}

// merged returns the sequences that the parts complete.
func (s *sequenceParts) merged() []decode.Result {
	var out []decode.Result
	for _, r := range decode.Merge(s.results) {
		if r.Parts != nil {
			out = append(out, r)
		}
	}
	return out
}

// printMerged prints a sequence merged across files: its text, or a JSON
// line {"merged": {…, "parts": [{"file": …}, …]}}.
func (p *printer) printMerged(r decode.Result, files []string) error {
	if p.text {
		if p.withName {
			fmt.Fprint(p.w, "merged: ")
		}
		_, err := fmt.Fprintln(p.w, r.Text)
		return err
	}
	return p.enc.Encode(mergedReport{Merged: newCodeReport(&r, files)})
}
