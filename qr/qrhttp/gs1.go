package qrhttp

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// GS1, AIM and structured append in the service: the generate request's
// "gs1", "aim" and "sequence" fields, and what /api/decode reports of a
// code's data.

// sequenceRequest is the "sequence" field of a generate request: split a
// text too long for one code over a structured append sequence of codes of
// at most MaxVersion.
type sequenceRequest struct {
	MaxVersion int `json:"max_version"`
}

// ctZip is the Content-Type of a sequence's archive.
var ctZip = []string{"application/zip"}

// validateData checks the data fields of g into p: gs1 and aim exclude
// each other, aim is two digits or a letter, a sequence's max_version is
// 1 to 40.
func (p *genParams) validateData(g *genRequest) *apiError {
	p.gs1, p.aim = g.GS1, g.AIM
	if g.GS1 && g.AIM != "" {
		return badRequest("bad_option", `"gs1" and "aim" exclude each other`)
	}
	if g.AIM != "" && !validAIM(g.AIM) {
		return badRequest("bad_aim", `"aim" must be two digits or one letter`)
	}
	if g.Sequence != nil {
		if v := g.Sequence.MaxVersion; v < 1 || v > 40 {
			return badRequest("bad_sequence", `"sequence": {"max_version": N} needs N from 1 to 40`)
		}
		p.sequence, p.maxVersion = true, g.Sequence.MaxVersion
	}
	return nil
}

// validAIM reports whether s is an AIM application indicator: two digits or
// one ASCII letter.
func validAIM(s string) bool {
	switch len(s) {
	case 1:
		return 'a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z'
	case 2:
		return '0' <= s[0] && s[0] <= '9' && '0' <= s[1] && s[1] <= '9'
	}
	return false
}

// appendDataOptions appends the options of p's data fields.
func (p *genParams) appendDataOptions(opts []qr.Option) []qr.Option {
	switch {
	case p.gs1:
		opts = append(opts, qr.GS1())
	case p.aim != "":
		opts = append(opts, qr.AIM(p.aim))
	}
	return opts
}

// appendDataKey appends to a cache key or entity tag input the data fields
// that change the image: gs1, and aim with its length so that the text
// that follows stays apart.
func (p *genParams) appendDataKey(dst []byte) []byte {
	return append(append(dst, boolByte(p.gs1), byte(len(p.aim))), p.aim...)
}

// generateSequence answers a sequence request with a ZIP archive of the
// codes, code-01-of-04.png …, stored without compression (PNG and small
// SVG gain nothing). Sequences are not cached: each is a set of images.
func (h *Handler) generateSequence(w http.ResponseWriter, r *http.Request, p *genParams, start time.Time) int {
	if e := h.acquire(r, start); e != nil {
		return serveError(w, e)
	}
	body, err := renderSequence(p)
	h.slots.release()
	if err != nil {
		return serveError(w, encodeError(err))
	}
	hdr := w.Header()
	hdr["Content-Type"] = ctZip
	hdr["Content-Disposition"] = []string{`attachment; filename="sequence.zip"`}
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	hdr["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	return http.StatusOK
}

// renderSequence encodes p's text as a sequence and returns the archive of
// its images.
func renderSequence(p *genParams) ([]byte, error) {
	opts := []qr.Option{qr.Scale(p.scale), qr.QuietZone(p.quiet), qr.MaxVersion(p.maxVersion)}
	if !p.defaultColor {
		opts = append(opts, qr.Colors(p.fg, p.bg))
	}
	if !p.eci {
		opts = append(opts, qr.NoECI())
	}
	codes, err := qr.EncodeSequence(p.text, p.level, p.appendDataOptions(p.appendSymbolOpts(opts))...)
	if err != nil {
		return nil, err
	}
	ext := "png"
	if p.svg {
		ext = "svg"
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for i, c := range codes {
		f, err := zw.CreateHeader(&zip.FileHeader{
			Name:   fmt.Sprintf("code-%02d-of-%02d.%s", i+1, len(codes), ext),
			Method: zip.Store,
		})
		if err == nil {
			if p.svg {
				err = c.WriteSVG(f)
			} else {
				err = c.WritePNG(f)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// codeData is what /api/decode reports of a code's data beyond its text:
// the symbology identifier, GS1 and its elements, AIM, and structured
// append.
type codeData struct {
	SymbologyID string         `json:"symbology_id"`
	GS1         bool           `json:"gs1"`
	Elements    []element      `json:"elements,omitempty"`
	AIM         string         `json:"aim,omitempty"`
	Sequence    *sequenceField `json:"sequence,omitempty"`
	Parts       []partField    `json:"parts,omitempty"`
}

type element struct {
	AI    string `json:"ai"`
	Value string `json:"value"`
}

// sequenceField places a code in a structured append sequence; for a
// sequence merged within the upload, index is 0 and parts lists the codes.
type sequenceField struct {
	Index  int  `json:"index"`
	Total  int  `json:"total"`
	Parity byte `json:"parity"`
}

// partField is one code of a merged sequence; File is set for a sequence
// merged across the files of a multi-file decode.
type partField struct {
	File    string   `json:"file,omitempty"`
	Index   int      `json:"index"`
	Version int      `json:"version"`
	Level   string   `json:"level"`
	Corners [4]point `json:"corners"`
}

// newCodeData describes res's data.
func newCodeData(res *decode.Result) codeData {
	d := codeData{SymbologyID: res.SymbologyID, GS1: res.GS1, AIM: res.AIM}
	for _, e := range res.Elements() {
		d.Elements = append(d.Elements, element{e.AI, e.Value})
	}
	if res.Sequence.Total != 0 {
		d.Sequence = &sequenceField{res.Sequence.Index, res.Sequence.Total, res.Sequence.Parity}
	}
	for _, pt := range res.Parts {
		pf := partField{Index: pt.Index, Version: pt.Version, Level: pt.Level}
		for j, c := range pt.Corners {
			pf.Corners[j] = point{c.X, c.Y}
		}
		d.Parts = append(d.Parts, pf)
	}
	return d
}
