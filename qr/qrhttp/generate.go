package qrhttp

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/fnv"
	"image/color"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/qrworks/qrworks/encode"
	"github.com/qrworks/qrworks/qr"
)

// genRequest is the JSON body of POST /api/generate. Fields the client
// leaves out keep the defaults that setDefaults sets.
type genRequest struct {
	Text   string `json:"text"`
	Level  string `json:"level"`
	Scale  int    `json:"scale"`
	Quiet  int    `json:"quiet"`
	Format string `json:"format"`
	FG     string `json:"fg"`
	BG     string `json:"bg"`
	ECI    bool   `json:"eci"`
	// The symbol type (symbol.go).
	Symbol    string `json:"symbol"`
	MaxHeight int    `json:"max_height"`

	GS1      bool             `json:"gs1"`
	AIM      string           `json:"aim"`
	Sequence *sequenceRequest `json:"sequence"`

	// Styling: modules, finders, gradient, logo, logo_size (style.go).
	styleRequest
}

// The defaults of a generate request: those of the service qrhttp replaces.
const (
	defaultScale  = 10
	defaultQuiet  = 4
	defaultFormat = "" // negotiated: see negotiate
	defaultFG     = "#000000"
	defaultBG     = "#ffffff"
)

// setDefaults sets every field of g to its default, the text to "". The
// level and quiet zone are left for resolveSymbol, whose defaults depend on
// the symbol type.
func (g *genRequest) setDefaults() {
	*g = genRequest{Scale: defaultScale, Quiet: quietDefault,
		Format: defaultFormat, FG: defaultFG, BG: defaultBG, ECI: true, Symbol: "qr"}
}

// genParams is a validated generate request.
type genParams struct {
	text         string
	level        qr.Level
	scale, quiet int
	svg          bool // SVG, not PNG
	json         bool // the image in a JSON answer (see negotiate)
	fg, bg       color.NRGBA
	defaultColor bool // fg and bg are black on white: no Colors option needed
	eci          bool
	symbol       qr.Format
	maxHeight    int // 0, or 7..17 for rMQR

	gs1        bool   // the text is a GS1 element string
	aim        string // AIM application indicator, or ""
	sequence   bool   // answer a structured append sequence as a ZIP
	maxVersion int    // of a sequence's codes

	style styleParams // modules, finders, gradient, logo (style.go)
}

// genScratch is the per-request state of generate, pooled so that a
// request with default colours allocates almost nothing: the Code is
// re-encoded in place and the image written into a reused buffer.
type genScratch struct {
	code qr.Code
	out  bytes.Buffer
	body []byte
	wrap []byte // the JSON answer around out, if asked for
	key  []byte // the cache key of the request
	req  genRequest
	opts [6]qr.Option
}

var genScratches = sync.Pool{New: func() any { return new(genScratch) }}

// smallBody is the size up to which net/http computes Content-Length by
// itself (it buffers that much before choosing chunked encoding), saving an
// allocation on the typical 700-byte PNG.
const smallBody = 2048

// maxPooledBuffer is the largest buffer returned to a pool; bigger ones
// (a rare huge image) are left to the garbage collector so that one large
// request does not pin memory.
const maxPooledBuffer = 1 << 20

func putGenScratch(s *genScratch) {
	if s.out.Cap() > maxPooledBuffer {
		s.out = bytes.Buffer{}
	}
	if cap(s.body) > maxPooledBuffer {
		s.body = nil
	}
	if cap(s.key) > maxPooledBuffer {
		s.key = nil
	}
	if cap(s.wrap) > maxPooledBuffer {
		s.wrap = nil
	}
	s.req = genRequest{}
	clear(s.opts[:])
	genScratches.Put(s)
}

// generate serves /api/generate.
func (h *Handler) generate(w http.ResponseWriter, r *http.Request, start time.Time) int {
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	if !get && r.Method != http.MethodPost {
		return serveMethodNotAllowed(w, "GET, HEAD, POST")
	}
	if e := h.allowClient(r, start); e != nil {
		return serveError(w, e)
	}
	s := genScratches.Get().(*genScratch)
	defer putGenScratch(s)

	if e := h.readRequest(w, r, s, get, start); e != nil {
		return serveError(w, e)
	}
	var p genParams
	if e := h.validate(&s.req, &p); e != nil {
		return serveError(w, e)
	}
	if p.sequence {
		return h.generateSequence(w, r, &p, start)
	}
	if e := negotiateAnswer(w, r, s.req.Format, &p); e != nil {
		return serveError(w, e)
	}

	hdr := w.Header()
	var cached *cacheEntry
	useCache := h.cache != nil && !p.style.styled() // see styleParams.styled
	if useCache {
		s.key = p.appendKey(s.key[:0])
		cached = h.cache.get(s.key)
	}
	var etag []string // the entity tag header value, computed at most once
	if get && p.style.logo == nil {
		if cached != nil {
			etag = cached.etag
		} else {
			etag = []string{p.etag()}
		}
		hdr["Etag"] = etag
		hdr["Cache-Control"] = h.cacheControl
		if etagMatch(r.Header.Get("If-None-Match"), etag[0]) {
			w.WriteHeader(http.StatusNotModified)
			return http.StatusNotModified
		}
	}

	if cached == nil {
		if e := h.acquire(r, start); e != nil {
			return serveError(w, e)
		}
		held := time.Now()
		err := h.render(s, &p)
		h.release(held)
		if err != nil {
			return serveEncodeError(w, err)
		}
		body, ctype := s.answer(&p)
		setGradeHeaders(hdr, &s.code) // styled codes only
		if !useCache || !h.cache.admit(s.key) {
			return writeImage(w, r, body, ctype, nil)
		}
		// POST answers carry no ETag, but the entry keeps one for GETs.
		if etag == nil {
			etag = []string{p.etag()}
		}
		cached = h.cache.put(newCacheEntry(s.key, body, etag, ctype))
	}
	return writeImage(w, r, cached.body, cached.ctype, cached.clen)
}

// answer returns the body and Content-Type of the answer to p, the image
// rendered into s.out: the image itself, or the JSON answer around it.
func (s *genScratch) answer(p *genParams) ([]byte, []string) {
	switch {
	case p.json && p.svg:
		s.wrap = appendDataJSON(s.wrap[:0], mimeSVG, s.out.Bytes())
		return s.wrap, ctJSON
	case p.json:
		s.wrap = appendDataJSON(s.wrap[:0], mimePNG, s.out.Bytes())
		return s.wrap, ctJSON
	case p.svg:
		return s.out.Bytes(), ctSVG
	}
	return s.out.Bytes(), ctPNG
}

// readRequest fills s.req from the query string of a GET or HEAD, or from
// the JSON body of a POST, read under the body limit and the deadline, or
// from a multipart/form-data POST (a logo upload, style.go).
func (h *Handler) readRequest(w http.ResponseWriter, r *http.Request, s *genScratch, get bool, start time.Time) *apiError {
	s.req.setDefaults()
	if get {
		return queryRequest(&s.req, r.URL.RawQuery)
	}
	if isMultipart(r) {
		return h.readForm(w, r, &s.req, start)
	}
	if r.ContentLength > h.opts.MaxBodyBytes {
		return h.bodyTooLarge()
	}
	setReadDeadline(w, r, start.Add(h.opts.Timeout))
	var err error
	s.body, err = readLimited(s.body[:0], r.Body, h.opts.MaxBodyBytes, r.ContentLength)
	if err != nil {
		return bodyError(err, h.bodyTooLarge())
	}
	if err := json.Unmarshal(s.body, &s.req); err != nil {
		return badRequest("bad_json", "request body is not the expected JSON: "+err.Error())
	}
	return nil
}

// writeImage answers 200 with an image; clen, if not nil, is the
// Content-Length header value, which net/http computes by itself for bodies
// up to smallBody (but not for HEAD, which writes no body).
func writeImage(w http.ResponseWriter, r *http.Request, body []byte, ctype, clen []string) int {
	hdr := w.Header()
	hdr["Content-Type"] = ctype
	hdr["X-Content-Type-Options"] = nosniff
	if len(body) > smallBody || r.Method == http.MethodHead {
		if clen == nil {
			clen = []string{strconv.Itoa(len(body))}
		}
		hdr["Content-Length"] = clen
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	return http.StatusOK
}

// render encodes p into s.code and writes the image into s.out. The render
// options go to Encode only: they become the Code's render defaults.
func (h *Handler) render(s *genScratch, p *genParams) error {
	opts := append(s.opts[:0], h.scaleOpts[p.scale], h.quietOpts[p.quiet])
	if !p.defaultColor {
		opts = append(opts, qr.Colors(p.fg, p.bg))
	}
	if !p.eci {
		opts = append(opts, h.noECI)
	}
	opts = p.appendSymbolOpts(opts)
	opts = p.appendDataOptions(opts)
	if p.style.styled() {
		more, release, err := p.style.options(h)
		if err != nil {
			return err
		}
		defer release()
		opts = append(opts, more...)
	}
	if err := s.code.Encode(p.text, p.level, opts...); err != nil {
		return err
	}
	s.out.Reset()
	if p.svg {
		return s.code.WriteSVG(&s.out)
	}
	return s.code.WritePNG(&s.out)
}

// serveEncodeError answers an error of encoding or rendering. (A function
// of its own: the *TooLongError it declares would otherwise escape to the
// heap on every request.)
func serveEncodeError(w http.ResponseWriter, err error) int {
	var tooLong *qr.TooLongError
	if errors.As(err, &tooLong) && tooLong.Level != encode.LevelDefault {
		return serveDoesNotFit(w, tooLong)
	}
	return serveError(w, encodeError(err))
}

// encodeError maps an error of encoding or rendering to the answer.
func encodeError(err error) *apiError {
	var ae *apiError
	var tooLong *qr.TooLongError
	switch {
	case errors.As(err, &ae): // a bad logo, from styleParams.options
		return ae
	case errors.Is(err, qr.ErrNotScannable):
		return &apiError{http.StatusUnprocessableEntity, "not_scannable", err.Error(), 0}
	case errors.As(err, &tooLong):
		// A valid request the content cannot satisfy: 422. A sequence's
		// error carries no capacities, only its message.
		return &apiError{http.StatusUnprocessableEntity, "does_not_fit", tooLong.Message(), 0}
	case errors.Is(err, qr.ErrInvalidGS1):
		return badRequest("bad_gs1", err.Error())
	case errors.Is(err, qr.ErrInvalidOption):
		return badRequest("bad_option", err.Error())
	}
	return &apiError{http.StatusInternalServerError, "internal", "cannot generate the image", 0}
}

func (h *Handler) bodyTooLarge() *apiError {
	return tooLarge("body_too_large", "request body over "+strconv.FormatInt(h.opts.MaxBodyBytes, 10)+" bytes")
}

// queryRequest fills g from the query string of GET /api/generate.
func queryRequest(g *genRequest, rawQuery string) *apiError {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return badRequest("bad_query", "malformed query string")
	}
	if v, ok := q["text"]; ok {
		g.Text = v[0]
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"level", &g.Level}, {"format", &g.Format}, {"fg", &g.FG}, {"bg", &g.BG}} {
		if v := q.Get(f.name); v != "" {
			*f.dst = v
		}
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"scale", &g.Scale}, {"quiet", &g.Quiet}} {
		if v := q.Get(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return badRequest("bad_"+f.name, f.name+" must be an integer")
			}
			*f.dst = n
		}
	}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"eci", &g.ECI}, {"gs1", &g.GS1}} {
		if v := q.Get(f.name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return badRequest("bad_"+f.name, f.name+" must be true or false")
			}
			*f.dst = b
		}
	}
	g.AIM = q.Get("aim")
	if e := symbolQuery(g, q.Get); e != nil {
		return e
	}
	return queryStyle(&g.styleRequest, q)
}

// validate checks g against the limits and fills p.
func (h *Handler) validate(g *genRequest, p *genParams) *apiError {
	if g.Text == "" {
		return badRequest("missing_text", `"text" is required and must not be empty`)
	}
	if len(g.Text) > h.opts.MaxTextBytes {
		return tooLarge("text_too_long", "text over "+strconv.Itoa(h.opts.MaxTextBytes)+" bytes")
	}
	if !utf8.ValidString(g.Text) {
		return badRequest("bad_text", "text is not valid UTF-8")
	}
	p.text = g.Text
	if e := resolveSymbol(g, p); e != nil {
		return e
	}
	switch strings.ToUpper(g.Level) {
	case "L":
		p.level = qr.L
	case "M":
		p.level = qr.M
	case "Q":
		p.level = qr.Q
	case "H":
		p.level = qr.H
	default:
		return badRequest("bad_level", `level must be one of "L", "M", "Q", "H"`)
	}
	if g.Scale < 1 || g.Scale > h.opts.MaxScale {
		return badRequest("bad_scale", "scale must be 1.."+strconv.Itoa(h.opts.MaxScale))
	}
	if g.Quiet < 0 || g.Quiet > h.opts.MaxQuietZone {
		return badRequest("bad_quiet", "quiet must be 0.."+strconv.Itoa(h.opts.MaxQuietZone))
	}
	p.scale, p.quiet = g.Scale, g.Quiet
	switch strings.ToLower(g.Format) {
	case "", "png", "svg", "json": // negotiate chooses from these and Accept
	default:
		return badRequest("bad_format", `format must be "png", "svg" or "json"`)
	}
	var ok1, ok2 bool
	p.fg, ok1 = parseColor(g.FG)
	p.bg, ok2 = parseColor(g.BG)
	if !ok1 || !ok2 {
		return badRequest("bad_color", `fg and bg must be colours "#rgb", "#rrggbb" or "#rrggbbaa"`)
	}
	p.defaultColor = p.fg == color.NRGBA{0, 0, 0, 0xff} && p.bg == color.NRGBA{0xff, 0xff, 0xff, 0xff}
	p.eci = g.ECI
	if e := p.validateData(g); e != nil {
		return e
	}
	return h.validateStyle(&g.styleRequest, &p.style)
}

// parseColor parses "#rgb", "#rrggbb" or "#rrggbbaa" (CSS hex notation).
func parseColor(s string) (color.NRGBA, bool) {
	if len(s) == 0 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	s = s[1:]
	var v [8]byte
	for i := 0; i < len(s) && i < len(v); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v[i] = c - '0'
		case 'a' <= c && c <= 'f':
			v[i] = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v[i] = c - 'A' + 10
		default:
			return color.NRGBA{}, false
		}
	}
	switch len(s) {
	case 3: // each digit doubled: #abc is #aabbcc
		return color.NRGBA{v[0] * 17, v[1] * 17, v[2] * 17, 0xff}, true
	case 6:
		return color.NRGBA{v[0]<<4 | v[1], v[2]<<4 | v[3], v[4]<<4 | v[5], 0xff}, true
	case 8:
		return color.NRGBA{v[0]<<4 | v[1], v[2]<<4 | v[3], v[4]<<4 | v[5], v[6]<<4 | v[7]}, true
	}
	return color.NRGBA{}, false
}

// etagVersion changes whenever the images for the same parameters may change.
const etagVersion = "qrworks-1"

// etag is a strong entity tag for the image p produces: a hash of the
// normalized parameters.
func (p *genParams) etag() string {
	f := fnv.New64a()
	var b [32]byte
	f.Write([]byte(etagVersion))
	f.Write([]byte(p.text))
	n := copy(b[:], []byte{0, byte(p.level), byte(p.scale), byte(p.quiet), boolByte(p.svg), boolByte(p.eci), boolByte(p.json),
		p.fg.R, p.fg.G, p.fg.B, p.fg.A, p.bg.R, p.bg.G, p.bg.B, p.bg.A, byte(p.symbol), byte(p.maxHeight)})
	f.Write(b[:n])
	f.Write(p.appendDataKey(b[:0]))
	p.style.writeKey(f)
	var tag [18]byte
	tag[0], tag[17] = '"', '"'
	const hex = "0123456789abcdef"
	sum := f.Sum64()
	for i := 16; i >= 1; i-- {
		tag[i] = hex[sum&15]
		sum >>= 4
	}
	return string(tag[:])
}

// appendKey appends to dst the cache key of p: every parameter that
// affects the image, then the text.
func (p *genParams) appendKey(dst []byte) []byte {
	dst = append(dst, byte(p.level), boolByte(p.svg), boolByte(p.eci), boolByte(p.json),
		p.fg.R, p.fg.G, p.fg.B, p.fg.A, p.bg.R, p.bg.G, p.bg.B, p.bg.A, byte(p.symbol), byte(p.maxHeight))
	// Scale and quiet zone are bounded by options that may exceed a byte.
	dst = binary.AppendUvarint(dst, uint64(p.scale))
	dst = binary.AppendUvarint(dst, uint64(p.quiet))
	dst = p.appendDataKey(dst)
	return append(dst, p.text...)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// etagMatch reports whether an If-None-Match header value matches etag,
// with the weak comparison RFC 9110 §13.1.2 prescribes.
func etagMatch(header, etag string) bool {
	for header != "" {
		var t string
		t, header, _ = strings.Cut(header, ",")
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
