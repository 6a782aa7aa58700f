package qrhttp

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Content negotiation of /api/generate.
//
// The answer is an image, PNG or SVG, either as it is or wrapped in JSON
// {"mime": "image/png", "data": "data:image/png;base64,…"} for clients that
// want to put it in a page or a JSON document. The "format" field (or
// ?format=) chooses when given: "png", "svg", or "json" (a PNG in JSON);
// otherwise the Accept header does (RFC 9110 §12.5.1), with PNG for no
// Accept header, "*/*" and "image/*". An explicit image format is wrapped in
// JSON when Accept prefers application/json to it, so Accept:
// application/json with format=svg gives an SVG in JSON.

// The media types generate answers with.
const (
	mimePNG  = "image/png"
	mimeSVG  = "image/svg+xml"
	mimeJSON = "application/json"
)

// Header values of negotiated answers, built once.
var (
	varyAccept = []string{"Accept"}
	// Content-Disposition of ?download=1, by answer type.
	disposePNG  = []string{`attachment; filename="qrcode.png"`}
	disposeSVG  = []string{`attachment; filename="qrcode.svg"`}
	disposeJSON = []string{`attachment; filename="qrcode.json"`}
)

var errNotAcceptable = &apiError{http.StatusNotAcceptable, "not_acceptable",
	`the Accept header allows none of image/png, image/svg+xml, application/json`, 0}

// negotiateAnswer chooses the answer to r (see negotiate) and sets the
// headers that go with it: Vary, and Content-Disposition for ?download=1.
func negotiateAnswer(w http.ResponseWriter, r *http.Request, format string, p *genParams) *apiError {
	if e := negotiate(r.Header["Accept"], format, p); e != nil {
		return e
	}
	download, e := wantsDownload(r.URL.RawQuery)
	if e != nil {
		return e
	}
	hdr := w.Header()
	addVary(hdr, varyAccept)
	if download {
		hdr["Content-Disposition"] = p.disposition()
	}
	return nil
}

// negotiate sets p.svg and p.json from the format the client asked for
// (format, already checked by validate) and its Accept header values.
func negotiate(accept []string, format string, p *genParams) *apiError {
	if len(accept) == 0 && format == "" {
		p.svg, p.json = false, false // the common case, without parsing
		return nil
	}
	var qPNG, qSVG, qJSON float64 = 1, 1, 1
	if len(accept) > 0 {
		qPNG, qSVG, qJSON = acceptQuality(accept, mimePNG), acceptQuality(accept, mimeSVG), acceptQuality(accept, mimeJSON)
	}
	switch strings.ToLower(format) {
	case "png":
		p.svg, p.json = false, qJSON > qPNG
	case "svg":
		p.svg, p.json = true, qJSON > qSVG
	case "json":
		p.svg, p.json = false, true
	default: // ties go to PNG, then SVG: the cheapest answer to use
		switch {
		case qPNG == 0 && qSVG == 0 && qJSON == 0:
			return errNotAcceptable
		case qPNG >= qSVG && qPNG >= qJSON:
			p.svg, p.json = false, false
		case qSVG >= qJSON:
			p.svg, p.json = true, false
		default:
			p.svg, p.json = false, true
		}
	}
	return nil
}

// acceptQuality returns the quality value (0 to 1) that the Accept header
// values give to the media type mime ("type/subtype", lower case): that of
// the most specific media range matching it (RFC 9110 §12.5.1), or 0 if none
// does. Malformed ranges are skipped. It allocates nothing.
func acceptQuality(accept []string, mime string) float64 {
	typ, _, _ := strings.Cut(mime, "/")
	best, bestSpec := 0.0, -1
	for _, v := range accept {
		for v != "" {
			var r string
			r, v, _ = strings.Cut(v, ",")
			rng, params, _ := strings.Cut(r, ";")
			rng = strings.TrimSpace(rng)
			spec := -1 // 2: type/subtype, 1: type/*, 0: */*
			switch {
			case strings.EqualFold(rng, mime):
				spec = 2
			case len(rng) == len(typ)+2 && strings.EqualFold(rng[:len(typ)], typ) && rng[len(typ):] == "/*":
				spec = 1
			case rng == "*/*":
				spec = 0
			}
			if spec > bestSpec {
				best, bestSpec = quality(params), spec
			}
		}
	}
	return best
}

// quality returns the q parameter among the parameters of a media range
// (";q=0.5;level=1"), 1 when there is none, 0 when it is malformed.
func quality(params string) float64 {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		name, val, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}

// wantsDownload reports whether the query string asks for the answer as a
// file to save (?download=1): Content-Disposition: attachment.
func wantsDownload(rawQuery string) (bool, *apiError) {
	if !strings.Contains(rawQuery, "download") {
		return false, nil // the common case, without parsing
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return false, badRequest("bad_query", "malformed query string")
	}
	v := q.Get("download")
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest("bad_download", "download must be 1, 0, true or false")
	}
	return b, nil
}

// disposition returns the Content-Disposition header value of a download of
// an answer of p's type.
func (p *genParams) disposition() []string {
	switch {
	case p.json:
		return disposeJSON
	case p.svg:
		return disposeSVG
	}
	return disposePNG
}

// appendDataJSON appends to dst the JSON answer that carries img, an image of
// type mime: {"mime": mime, "data": "data:<mime>;base64,<img>"} and a newline.
func appendDataJSON(dst []byte, mime string, img []byte) []byte {
	dst = append(dst, `{"mime":"`...)
	dst = append(dst, mime...)
	dst = append(dst, `","data":"data:`...)
	dst = append(dst, mime...)
	dst = append(dst, ";base64,"...)
	dst = base64.StdEncoding.AppendEncode(dst, img)
	return append(dst, "\"}\n"...)
}

// addVary adds the values v to the Vary header of hdr, sharing v when the
// header is empty so that the common case allocates nothing.
func addVary(hdr http.Header, v []string) {
	if old := hdr["Vary"]; len(old) > 0 {
		hdr["Vary"] = append(old[:len(old):len(old)], v...)
		return
	}
	hdr["Vary"] = v
}
