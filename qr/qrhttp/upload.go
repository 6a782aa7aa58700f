package qrhttp

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"
)

// multipartOverhead is the room allowed beyond the image bytes for the
// multipart envelope: boundaries, part headers, other small fields.
const multipartOverhead = 64 << 10

// maxFileName bounds the file name of a part echoed in the answer; longer
// names are cut (they only label the result).
const maxFileName = 255

// upload is one image of a decode request.
type upload struct {
	name string // the part's file name; "" for a raw body
	data []byte
	err  *apiError // the image is not usable (too large, empty), or nil
}

var errEmptyUpload = badRequest("empty_upload", "no image in the request")

// readUploads reads the images of a decode request, the first into first:
// the parts named "file" of a multipart/form-data body, in order, or else
// the whole body as one image. It returns at least one upload or an error.
// Each image is held to MaxUploadBytes (an image over it gets its own
// error), and a multipart body to MaxDecodeFiles images and MaxDecodeBytes
// in all.
func (h *Handler) readUploads(w http.ResponseWriter, r *http.Request, first []byte, start time.Time) ([]upload, *apiError) {
	limit := h.opts.MaxUploadBytes
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		if r.ContentLength > limit {
			// Refused from the header alone, before reading anything.
			return nil, h.uploadTooLarge()
		}
		setReadDeadline(w, r, start.Add(h.opts.Timeout))
		data, err := readLimited(first, r.Body, limit, r.ContentLength)
		if err != nil {
			return []upload{{data: data}}, bodyError(err, h.uploadTooLarge())
		}
		u := upload{data: data}
		if len(data) == 0 {
			u.err = errEmptyUpload
		}
		return []upload{u}, nil
	}
	total := max(limit, h.opts.MaxDecodeBytes)
	if r.ContentLength > total+multipartOverhead {
		return nil, h.uploadsTooLarge(total)
	}
	setReadDeadline(w, r, start.Add(h.opts.Timeout))
	r.Body = http.MaxBytesReader(w, r.Body, total+multipartOverhead)
	return h.readParts(r, first, total)
}

// readParts reads the parts named "file" of r's multipart body.
func (h *Handler) readParts(r *http.Request, first []byte, total int64) ([]upload, *apiError) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badRequest("bad_multipart", "malformed multipart body: "+err.Error())
	}
	var files []upload
	var sum int64
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if e := bodyError(err, h.uploadsTooLarge(total)); e != errBodyRead {
				return files, e
			}
			return files, badRequest("bad_multipart", "malformed multipart body: "+err.Error())
		}
		if part.FormName() != "file" {
			continue // NextPart skips the rest of this part
		}
		if len(files) == h.opts.MaxDecodeFiles {
			return files, tooLarge("too_many_files", "more than "+strconv.Itoa(h.opts.MaxDecodeFiles)+" files")
		}
		var dst []byte
		if len(files) == 0 {
			dst = first
		}
		u := upload{name: part.FileName()}
		if len(u.name) > maxFileName {
			u.name = u.name[:maxFileName]
		}
		u.data, err = readLimited(dst, part, min(h.opts.MaxUploadBytes, total-sum), 0)
		sum += int64(len(u.data))
		switch e := bodyError(err, nil); {
		case err == nil && len(u.data) == 0:
			u.err = errEmptyUpload
		case err == nil:
		case e == nil && sum > total:
			return append(files, u), h.uploadsTooLarge(total)
		case e == nil: // this image alone is over its limit: skip the rest of it
			u.err, u.data = h.uploadTooLarge(), u.data[:0]
		case e == errBodyRead:
			return append(files, u), badRequest("bad_multipart", "malformed multipart body: "+err.Error())
		default:
			return append(files, u), e
		}
		files = append(files, u)
	}
	if len(files) == 0 {
		return nil, badRequest("missing_file", `multipart body has no part named "file"`)
	}
	return files, nil
}

func (h *Handler) uploadTooLarge() *apiError {
	return tooLarge("upload_too_large", "upload over "+strconv.FormatInt(h.opts.MaxUploadBytes, 10)+" bytes")
}

func (h *Handler) uploadsTooLarge(total int64) *apiError {
	return tooLarge("upload_too_large", "uploads over "+strconv.FormatInt(total, 10)+" bytes in all")
}
