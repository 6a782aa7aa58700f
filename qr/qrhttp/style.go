package qrhttp

import (
	"encoding/base64"
	"errors"
	"hash"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/qrworks/qrworks/internal/imagein"
	"github.com/qrworks/qrworks/qr"
)

// styleRequest is the styling part of a generate request: JSON fields,
// query parameters and multipart form fields of the same names.
type styleRequest struct {
	Modules  string  `json:"modules"`   // "square", "rounded" or "dots"
	Finders  string  `json:"finders"`   // the same, for the finder patterns
	Gradient string  `json:"gradient"`  // "from,to[,angle]" or "radial,inner,outer"
	Logo     string  `json:"logo"`      // a data URI: data:image/png;base64,…
	LogoSize float64 `json:"logo_size"` // the logo's width over the code's; 0 means defaultLogoSize

	logoPart []byte // the "logo" part of a multipart request
}

// defaultLogoSize is the logo width of a request that gives none: a fifth
// of the code, which every level from L up carries (docs/styling.md).
const defaultLogoSize = 0.2

// maxLogoPixels bounds the logo image, width × height, below
// Options.MaxPixels: scaling a logo costs in proportion to its pixels, and
// a styled image is at most qr.MaxStyledSide wide, so its logo at most half
// that; a megapixel is more than that needs. The logo is decoded by
// internal/imagein, as uploads to the decoder are: the header's dimensions
// checked before any pixel is decoded, codec panics recovered there.
const maxLogoPixels = 1 << 20

// styleParams is a validated styleRequest.
type styleParams struct {
	modules, finders qr.Shape
	gradient         string // as given, validated; "" for none
	grad             qr.Option
	logo             []byte // the logo file, not yet decoded
	logoSize         float64
}

// styled reports whether p asks for more than the plain squares. Styled
// images are not kept in the response cache: they carry their grade in
// headers, and a logo would make the key as large as the upload.
func (p *styleParams) styled() bool {
	return p.modules != qr.Square || p.finders != qr.Square || p.grad != nil || p.logo != nil
}

// queryStyle fills g's styling fields from query or form values.
func queryStyle(g *styleRequest, q url.Values) *apiError {
	for _, f := range []struct {
		name string
		dst  *string
	}{{"modules", &g.Modules}, {"finders", &g.Finders}, {"gradient", &g.Gradient}, {"logo", &g.Logo}} {
		if v := q.Get(f.name); v != "" {
			*f.dst = v
		}
	}
	if v := q.Get("logo_size"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return badRequest("bad_logo_size", "logo_size must be a number")
		}
		g.LogoSize = f
	}
	return nil
}

// validateStyle checks g and fills p.
func (h *Handler) validateStyle(g *styleRequest, p *styleParams) *apiError {
	*p = styleParams{}
	for _, f := range []struct {
		name, value string
		dst         *qr.Shape
	}{{"modules", g.Modules, &p.modules}, {"finders", g.Finders, &p.finders}} {
		if f.value == "" {
			continue
		}
		s, ok := qr.ParseShape(strings.ToLower(f.value))
		if !ok {
			return badRequest("bad_"+f.name, f.name+` must be "square", "rounded" or "dots"`)
		}
		*f.dst = s
	}
	if g.Gradient != "" {
		grad, ok := parseGradient(g.Gradient)
		if !ok {
			return badRequest("bad_gradient", `gradient must be "from,to[,angle]" or "radial,inner,outer", colours as "#rrggbb"`)
		}
		p.gradient, p.grad = g.Gradient, grad
	}
	return h.validateLogo(g, p)
}

// validateLogo takes the logo from the data URI or the multipart part,
// checking its size in bytes; its pixels are checked when it is decoded.
func (h *Handler) validateLogo(g *styleRequest, p *styleParams) *apiError {
	switch {
	case g.Logo != "" && g.logoPart != nil:
		return badRequest("bad_logo", "give the logo once: as a data URI or as a multipart part")
	case g.logoPart != nil:
		p.logo = g.logoPart
	case g.Logo != "":
		mediaType, data, ok := strings.Cut(strings.TrimPrefix(g.Logo, "data:"), ",")
		if !ok || !strings.HasPrefix(g.Logo, "data:") || !strings.HasSuffix(mediaType, ";base64") {
			return badRequest("bad_logo", "logo must be a data URI: data:image/png;base64,…")
		}
		if int64(base64.StdEncoding.DecodedLen(len(data))) > h.opts.MaxUploadBytes {
			return tooLarge("logo_too_large", "logo over "+strconv.FormatInt(h.opts.MaxUploadBytes, 10)+" bytes")
		}
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return badRequest("bad_logo", "logo data URI is not valid base64")
		}
		p.logo = b
	default:
		return nil
	}
	p.logoSize = g.LogoSize
	if p.logoSize == 0 {
		p.logoSize = defaultLogoSize
	}
	if !(p.logoSize > 0 && p.logoSize <= qr.MaxLogoRatio) {
		return badRequest("bad_logo_size", "logo_size must be above 0 and at most "+strconv.FormatFloat(qr.MaxLogoRatio, 'g', -1, 64))
	}
	return nil
}

// parseGradient reads "from,to[,angle]" or "radial,inner,outer".
func parseGradient(s string) (qr.Option, bool) {
	parts := strings.Split(s, ",")
	if len(parts) == 3 && strings.EqualFold(parts[0], "radial") {
		inner, ok1 := parseColor(parts[1])
		outer, ok2 := parseColor(parts[2])
		return qr.RadialGradient(inner, outer), ok1 && ok2
	}
	if len(parts) != 2 && len(parts) != 3 {
		return nil, false
	}
	from, ok1 := parseColor(parts[0])
	to, ok2 := parseColor(parts[1])
	angle := 0.0
	if len(parts) == 3 {
		var err error
		if angle, err = strconv.ParseFloat(parts[2], 64); err != nil || math.IsNaN(angle) || math.IsInf(angle, 0) {
			return nil, false
		}
	}
	return qr.Gradient(from, to, angle), ok1 && ok2
}

// options returns the qr options of p, decoding the logo (CPU work, done
// under a slot), and a function that releases the logo's pixels once the
// code is rendered.
func (p *styleParams) options(h *Handler) ([]qr.Option, func(), error) {
	opts := []qr.Option{qr.Modules(p.modules), qr.Finders(p.finders)}
	if p.grad != nil {
		opts = append(opts, p.grad)
	}
	if p.logo == nil {
		return opts, func() {}, nil
	}
	d, err := imagein.Decode(p.logo, imagein.Limits{MaxBytes: h.opts.MaxUploadBytes, MaxPixels: min(maxLogoPixels, h.opts.MaxPixels)})
	if err != nil {
		return nil, nil, logoError(err)
	}
	return append(opts, qr.Logo(d.Image, p.logoSize)), d.Release, nil
}

// logoError maps an error of decoding the logo to the answer.
func logoError(err error) *apiError {
	switch {
	case errors.Is(err, imagein.ErrImageTooLarge), errors.Is(err, imagein.ErrInputTooLarge):
		return tooLarge("logo_too_large", "logo too large: "+err.Error())
	case errors.Is(err, imagein.ErrUnsupportedFormat):
		return &apiError{http.StatusUnsupportedMediaType, "bad_logo", "the logo is not an image in a supported format (PNG, JPEG, GIF, BMP, TIFF, WebP)", 0}
	}
	return badRequest("bad_logo", "the logo image is truncated or corrupt")
}

// writeKey writes what of p changes the image into an entity tag's hash.
// Requests with a logo are not cached and carry no entity tag.
func (p *styleParams) writeKey(f hash.Hash64) {
	if !p.styled() {
		return
	}
	f.Write([]byte{0xff, byte(p.modules), byte(p.finders)})
	f.Write([]byte(p.gradient))
}

// Response headers of a styled image: the outcome of its check.
const (
	hdrGrade   = "X-Qr-Grade"   // A to D, in the manner of ISO/IEC 15415
	hdrLevel   = "X-Qr-Level"   // the error correction level chosen, which may be above the one asked
	hdrVersion = "X-Qr-Version" // the version chosen
)

// setGradeHeaders sets the headers of a styled code's check; a plain code
// has none.
func setGradeHeaders(hdr http.Header, code *qr.Code) {
	rep, ok := code.Report()
	if !ok {
		return
	}
	hdr[hdrGrade] = []string{rep.Grade.String()}
	hdr[hdrLevel] = []string{code.Level().String()}
	hdr[hdrVersion] = []string{strconv.Itoa(code.Version())}
}

// isMultipart reports whether r's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mediaType == "multipart/form-data"
}

// readForm fills g from a multipart/form-data generate request: the logo
// as the part named "logo", every other parameter as a form field named as
// in the JSON body. The body is bounded by Options.MaxUploadBytes and the
// multipart envelope.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request, g *genRequest, start time.Time) *apiError {
	limit := h.opts.MaxUploadBytes
	tooBig := tooLarge("body_too_large", "request body over "+strconv.FormatInt(limit+multipartOverhead, 10)+" bytes")
	if r.ContentLength > limit+multipartOverhead {
		return tooBig
	}
	setReadDeadline(w, r, start.Add(h.opts.Timeout))
	r.Body = http.MaxBytesReader(w, r.Body, limit+multipartOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return badRequest("bad_multipart", "malformed multipart body: "+err.Error())
	}
	fields := url.Values{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if e := bodyError(err, tooBig); e != errBodyRead {
				return e
			}
			return badRequest("bad_multipart", "malformed multipart body: "+err.Error())
		}
		// A field holds at most the text; the logo at most an upload.
		max := int64(h.opts.MaxTextBytes) + minReadRoom
		if part.FormName() == "logo" {
			max = limit
		}
		data, err := readLimited(nil, part, max, 0)
		if err != nil {
			return bodyError(err, tooLarge("field_too_large", "form field "+strconv.Quote(part.FormName())+" too large"))
		}
		if part.FormName() == "logo" {
			g.logoPart = data
		} else {
			fields.Add(part.FormName(), string(data))
		}
	}
	return queryRequest(g, fields.Encode())
}
