package qrhttp

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/qrworks/qrworks/decode"
)

// multipartOverhead is the room allowed beyond MaxUploadBytes for the
// multipart envelope: boundaries, part headers, other small fields.
const multipartOverhead = 64 << 10

// decodeResponse is the JSON answer of /api/decode.
type decodeResponse struct {
	Codes []decodedCode `json:"codes"`
}

type decodedCode struct {
	Text    string   `json:"text"`
	Version int      `json:"version"`
	Level   string   `json:"level"`
	Corners [4]point `json:"corners"` // top-left, top-right, bottom-right, bottom-left
	codeData
}

type point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

// uploads recycles upload buffers.
var uploads = sync.Pool{New: func() any { return new([]byte) }}

// decode serves /api/decode.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, start time.Time) int {
	if r.Method != http.MethodPost {
		return serveMethodNotAllowed(w, "POST")
	}
	if e := h.allowClient(r, start); e != nil {
		return serveError(w, e)
	}
	buf := uploads.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledBuffer {
			*buf = (*buf)[:0]
			uploads.Put(buf)
		}
	}()
	data, e := h.readUpload(w, r, (*buf)[:0], start)
	*buf = data
	if e != nil {
		return serveError(w, e)
	}
	if len(data) == 0 {
		return serveError(w, badRequest("empty_upload", "no image in the request"))
	}

	if e := h.acquire(r, start); e != nil {
		return serveError(w, e)
	}
	// The decoder's fallback passes (for photos) stop when the client goes
	// away or the request's time is up: an image without a code would
	// otherwise cost every pass, up to seconds of CPU for a large photo.
	left := max(time.Until(start.Add(h.opts.Timeout)), time.Millisecond)
	results, err := decode.Bytes(data, decode.MaxPixels(h.opts.MaxPixels), decode.MaxBytes(h.opts.MaxUploadBytes),
		decode.Context(r.Context()), decode.Timeout(left))
	h.slots.release()
	if err != nil {
		return serveError(w, h.decodeError(err))
	}

	resp := decodeResponse{Codes: make([]decodedCode, len(results))}
	for i, res := range results {
		c := &resp.Codes[i]
		c.Text, c.Version, c.Level = res.Text, res.Version, res.Level
		for j, p := range res.Corners {
			c.Corners[j] = point{p.X, p.Y}
		}
		c.codeData = newCodeData(&results[i])
	}
	body, err := json.Marshal(resp)
	if err != nil {
		return serveError(w, &apiError{http.StatusInternalServerError, "internal", "cannot encode the answer", 0})
	}
	hdr := w.Header()
	hdr["Content-Type"] = ctJSON
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	hdr["Content-Length"] = []string{strconv.Itoa(len(body) + 1)}
	w.WriteHeader(http.StatusOK)
	w.Write(append(body, '\n'))
	return http.StatusOK
}

// readUpload reads the image of a decode request into dst: the part named
// "file" of a multipart/form-data body, or else the whole body.
func (h *Handler) readUpload(w http.ResponseWriter, r *http.Request, dst []byte, start time.Time) ([]byte, *apiError) {
	limit := h.opts.MaxUploadBytes
	tooBig := tooLarge("upload_too_large", "upload over "+strconv.FormatInt(limit, 10)+" bytes")
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	multipart := mediaType == "multipart/form-data"
	if multipart && r.ContentLength > limit+multipartOverhead || !multipart && r.ContentLength > limit {
		// Refused from the header alone, before reading anything.
		return dst, tooBig
	}
	setReadDeadline(w, r, start.Add(h.opts.Timeout))
	if !multipart {
		data, err := readLimited(dst, r.Body, limit, r.ContentLength)
		if err != nil {
			return data, bodyError(err, tooBig)
		}
		return data, nil
	}

	r.Body = http.MaxBytesReader(w, r.Body, limit+multipartOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return dst, badRequest("bad_multipart", "malformed multipart body: "+err.Error())
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return dst, badRequest("missing_file", `multipart body has no part named "file"`)
		}
		if err != nil {
			if e := bodyError(err, tooBig); e != errBodyRead {
				return dst, e
			}
			return dst, badRequest("bad_multipart", "malformed multipart body: "+err.Error())
		}
		if part.FormName() != "file" {
			continue // NextPart skips the rest of this part
		}
		data, err := readLimited(dst, part, limit, 0)
		if err != nil {
			return data, bodyError(err, tooBig)
		}
		return data, nil
	}
}

// decodeError maps an error of the decoder to the answer.
func (h *Handler) decodeError(err error) *apiError {
	switch {
	case errors.Is(err, decode.ErrNotFound):
		return &apiError{http.StatusUnprocessableEntity, "not_found", "no QR code found in the image", 0}
	case errors.Is(err, decode.ErrImageTooLarge):
		return tooLarge("image_too_large", "image over "+strconv.FormatInt(h.opts.MaxPixels, 10)+" pixels")
	case errors.Is(err, decode.ErrInputTooLarge):
		return tooLarge("upload_too_large", "upload over "+strconv.FormatInt(h.opts.MaxUploadBytes, 10)+" bytes")
	case errors.Is(err, decode.ErrUnsupportedFormat):
		return &apiError{http.StatusUnsupportedMediaType, "unsupported_format",
			"not an image in a supported format (PNG, JPEG, GIF, BMP, TIFF, WebP)", 0}
	case errors.Is(err, decode.ErrCorrupt):
		return badRequest("corrupt_image", "the image is truncated or corrupt")
	}
	return &apiError{http.StatusInternalServerError, "internal", "cannot decode the image", 0}
}
