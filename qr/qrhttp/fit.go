package qrhttp

import (
	"net/http"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/qr"
)

// fitBody is the answer to a text that no QR code holds at the requested
// level: a valid request the content cannot satisfy, so 422 (413 is for
// bodies over the service's limits). Besides the message written for
// people, it carries the facts behind it, so that a client can show the
// capacity and offer a level that fits:
//
//	{"error":"data too long for a QR code at level H: 2000 bytes; level H holds at most 1273 bytes; it fits at level M",
//	 "code":"does_not_fit","length":2000,"unit":"bytes","level":"H",
//	 "capacity":{"L":2953,"M":2331,"Q":1663,"H":1273},"fits":"M"}
//
// capacity is what each level of the symbol type holds at the largest
// version (ISO/IEC 18004:2015 Table 7, in unit; Micro QR has no H, rMQR
// only M and H); fits is the highest lower level that holds the text,
// absent when none does.
type fitBody struct {
	errorBody
	Length   int            `json:"length"`
	Unit     string         `json:"unit"`
	Level    string         `json:"level"`
	Capacity map[string]int `json:"capacity"`
	Fits     string         `json:"fits,omitempty"`
}

// serveDoesNotFit answers 422 "does_not_fit" for tl.
func serveDoesNotFit(w http.ResponseWriter, tl *qr.TooLongError) int {
	e := &apiError{http.StatusUnprocessableEntity, "does_not_fit", tl.Message(), 0}
	body := fitBody{
		errorBody: errorBody{Error: e.msg, Code: e.code},
		Length:    tl.Length,
		Unit:      tl.Unit.String(),
		Level:     tl.Level.String(),
		Capacity:  make(map[string]int, 4),
	}
	for l := encode.L; l <= encode.H; l++ {
		if tl.Capacity[l] > 0 { // levels the format lacks are left out
			body.Capacity[l.String()] = tl.Capacity[l]
		}
	}
	if tl.Fits {
		body.Fits = tl.FitsLevel.String()
	}
	return writeError(w, e, body)
}
