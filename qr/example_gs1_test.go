package qr_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// A GS1 element string in human-readable form: checked, encoded with FNC1,
// and read back as the same text with its elements. The bytes hold the
// transmitted form, with a GS separator after the batch number, whose
// length varies.
func ExampleGS1() {
	code, err := qr.Encode("(01)09506000134352(10)ABC123(17)261231", qr.M, qr.GS1())
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	png, err := code.PNG()
	if err != nil {
		slog.Error("render PNG", "err", err)
		return
	}
	results, err := qr.Decode(bytes.NewReader(png))
	if err != nil {
		slog.Error("decode", "err", err)
		return
	}
	r := results[0]
	fmt.Println(r.Text, r.SymbologyID)
	fmt.Printf("%q\n", r.Bytes)
	for _, e := range r.Elements() {
		fmt.Printf("AI %s: %s\n", e.AI, e.Value)
	}
	// Output:
	// (01)09506000134352(10)ABC123(17)261231 ]Q3
	// "010950600013435210ABC123\x1d17261231"
	// AI 01: 09506000134352
	// AI 10: ABC123
	// AI 17: 261231
}

// An invalid element string is refused, with the AI, the fault and where.
func ExampleGS1_invalid() {
	_, err := qr.Encode("(01)09506000134353(17)261231", qr.M, qr.GS1())
	fmt.Println(err)
	var gs1Err *qr.GS1Error
	if errors.As(err, &gs1Err) {
		fmt.Println(gs1Err.AI, gs1Err.Pos, errors.Is(err, qr.ErrInvalidGS1))
	}
	// Output:
	// qr: encode: invalid GS1 element string: (01): check digit 3, want 2 (at character 18)
	// 01 18 true
}

// A text too long for one code of version 5 is split over a structured
// append sequence; the decoder joins the parts again.
func ExampleEncodeSequence() {
	text := strings.Repeat("Structured append splits long data over several symbols. ", 8)
	codes, err := qr.EncodeSequence(text, qr.M, qr.MaxVersion(5))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	var parts []decode.Result
	for i, c := range codes {
		png, err := c.PNG()
		if err != nil {
			slog.Error("render PNG", "err", err)
			return
		}
		// Each image read on its own gives its part of the sequence.
		results, err := qr.Decode(bytes.NewReader(png))
		if err != nil {
			slog.Error("decode", "err", err)
			return
		}
		fmt.Printf("code %d: version %d, part %d of %d\n", i+1, c.Version(), results[0].Sequence.Index+1, results[0].Sequence.Total)
		parts = append(parts, results...)
	}
	merged := decode.Merge(parts)
	fmt.Println(len(merged), "message,", len(merged[0].Parts), "parts, the same text:", merged[0].Text == text)
	// Output:
	// code 1: version 5, part 1 of 6
	// code 2: version 5, part 2 of 6
	// code 3: version 5, part 3 of 6
	// code 4: version 5, part 4 of 6
	// code 5: version 5, part 5 of 6
	// code 6: version 5, part 6 of 6
	// 1 message, 6 parts, the same text: true
}
