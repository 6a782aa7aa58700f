package qrhttp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/qrworks/qrworks/decode"
)

// decodeResponse is the JSON answer of /api/decode.
type decodeResponse struct {
	Codes []decodedCode `json:"codes"`
}

type decodedCode struct {
	Text    string        `json:"text"`
	Format  decode.Format `json:"format"` // "qr", "micro" or "rmqr"
	Version int           `json:"version"`
	Level   string        `json:"level"`
	Corners [4]point      `json:"corners"` // top-left, top-right, bottom-right, bottom-left
	codeData
}

type point struct {
	X int `json:"x"`
	Y int `json:"y"`
}

// uploads recycles upload buffers.
var uploads = sync.Pool{New: func() any { return new([]byte) }}

// decode serves /api/decode: one image answers {"codes": [...]} as it is,
// several (multipart parts named "file") answer per file (see decodeMany).
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
	files, e := h.readUploads(w, r, (*buf)[:0], start)
	if len(files) > 0 && cap(files[0].data) > 0 {
		*buf = files[0].data
	}
	if e != nil {
		return serveError(w, e)
	}
	if len(files) > 1 {
		return h.decodeMany(w, r, start, files)
	}
	if files[0].err != nil {
		return serveError(w, files[0].err)
	}

	if e := h.acquire(r, start); e != nil {
		return serveError(w, e)
	}
	held := time.Now()
	// The decoder's fallback passes (for photos) stop when the client goes
	// away or the request's time is up: an image without a code would
	// otherwise cost every pass, up to seconds of CPU for a large photo.
	left := max(time.Until(start.Add(h.opts.Timeout)), time.Millisecond)
	results, e := h.decodeImage(r.Context(), files[0].data, left)
	h.release(held)
	if e != nil {
		return serveError(w, e)
	}
	return writeJSON(w, decodeResponse{Codes: toCodes(results)})
}

// decodeImage finds the codes in one image within the time budget.
func (h *Handler) decodeImage(ctx context.Context, data []byte, budget time.Duration) ([]decode.Result, *apiError) {
	results, err := decode.Bytes(data, decode.MaxPixels(h.opts.MaxPixels), decode.MaxBytes(h.opts.MaxUploadBytes),
		decode.Context(ctx), decode.Timeout(budget))
	if err != nil {
		return nil, h.decodeError(err)
	}
	return results, nil
}

// toCodes describes results as the answer does.
func toCodes(results []decode.Result) []decodedCode {
	codes := make([]decodedCode, len(results))
	for i, res := range results {
		c := &codes[i]
		c.Format, c.Text, c.Version, c.Level = res.Format, res.Text, res.Version, res.Level
		for j, p := range res.Corners {
			c.Corners[j] = point{p.X, p.Y}
		}
		c.codeData = newCodeData(&results[i])
	}
	return codes
}

// writeJSON answers 200 with v as JSON.
func writeJSON(w http.ResponseWriter, v any) int {
	body, err := json.Marshal(v)
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
