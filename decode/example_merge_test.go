package decode_test

import (
	"fmt"
	"log/slog"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// Merge joins the parts of a sequence read from separate images — here
// four photos of one label, taken in any order — into the message.
func ExampleMerge() {
	label := "SHIP TO: ACME WAREHOUSE 7, DOCK 12, 4711 INDUSTRIAL PARKWAY, SPRINGFIELD"
	codes, err := qr.EncodeSequence(label, qr.Q, qr.MaxVersion(2))
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	var photos [][]byte
	for _, c := range codes {
		png, err := c.PNG()
		if err != nil {
			slog.Error("render PNG", "err", err)
			return
		}
		photos = append(photos, png)
	}
	var results []decode.Result
	for _, i := range []int{2, 0, 3, 1} { // the photos in another order
		rs, err := decode.Bytes(photos[i])
		if err != nil {
			slog.Error("decode", "err", err)
			return
		}
		fmt.Printf("photo %d: part %d of %d\n", i, rs[0].Sequence.Index, rs[0].Sequence.Total)
		results = append(results, rs...)
	}
	for _, r := range decode.Merge(results) {
		fmt.Println(r.Text)
		for _, p := range r.Parts {
			fmt.Printf("part %d was result %d, version %d\n", p.Index, p.Input, p.Version)
		}
	}
	// Output:
	// photo 2: part 2 of 4
	// photo 0: part 0 of 4
	// photo 3: part 3 of 4
	// photo 1: part 1 of 4
	// SHIP TO: ACME WAREHOUSE 7, DOCK 12, 4711 INDUSTRIAL PARKWAY, SPRINGFIELD
	// part 0 was result 1, version 2
	// part 1 was result 3, version 2
	// part 2 was result 0, version 2
	// part 3 was result 2, version 2
}
