package qrhttp_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// w1 is the project's standard workload W1.
const w1 = "https://example.com/product/0123456789?batch=42"

// serve runs one request through h and returns the recorded answer.
func serve(h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// w1PNG returns W1 rendered with the service's defaults.
func w1PNG(t testing.TB) []byte {
	t.Helper()
	code, err := qr.Encode(w1, qr.H)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := code.WritePNG(&b, qr.Scale(10), qr.QuietZone(4)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkImage decodes a PNG answer and compares every module with the
// matrix of qr.Encode(text, level), at the given scale, quiet zone and
// colours.
func checkImage(t *testing.T, body []byte, text string, level qr.Level, scale, quiet int, fg, bg color.Color) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("answer is not a PNG: %v", err)
	}
	code, err := qr.Encode(text, level)
	if err != nil {
		t.Fatal(err)
	}
	n := (code.Size() + 2*quiet) * scale
	if b := img.Bounds(); b.Dx() != n || b.Dy() != n {
		t.Fatalf("image is %v, want %d×%d", b, n, n)
	}
	same := func(a, b color.Color) bool {
		r1, g1, b1, a1 := a.RGBA()
		r2, g2, b2, a2 := b.RGBA()
		return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			want := bg
			if code.Module(x/scale-quiet, y/scale-quiet) {
				want = fg
			}
			if !same(img.At(x, y), want) {
				t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, img.At(x, y), want)
			}
		}
	}
}

// errorAnswer checks that rec is a well-formed JSON error with the given
// status and code.
func errorAnswer(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON", ct)
	}
	var e struct{ Error, Code string }
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", rec.Body, err)
	}
	if e.Code != code || e.Error == "" {
		t.Fatalf("error body %s, want code %q and a message", rec.Body, code)
	}
	if (status == 429 || status == 503) && rec.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d without Retry-After", status)
	}
}

func TestGenerateDefaults(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	rec := serve(h, "POST", "/api/generate", strings.NewReader(`{"text":"`+w1+`"}`), "Content-Type", "application/json")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("status %d, Content-Type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	// The defaults: level H, scale 10, quiet zone 4, black on white.
	checkImage(t, rec.Body.Bytes(), w1, qr.H, 10, 4, color.Black, color.White)
	if !bytes.Equal(rec.Body.Bytes(), w1PNG(t)) {
		t.Error("answer differs from qr.Encode + WritePNG with the documented defaults")
	}
	res, err := decode.Bytes(rec.Body.Bytes())
	if err != nil || len(res) != 1 || res[0].Text != w1 {
		t.Fatalf("decoding the answer: %v, %+v", err, res)
	}
}

func TestGenerateOptions(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	tests := []struct {
		body         string
		level        qr.Level
		scale, quiet int
		fg, bg       color.Color
	}{
		{`{"text":"hello","level":"L","scale":3,"quiet":0}`, qr.L, 3, 0, color.Black, color.White},
		{`{"text":"hello","level":"m","scale":1,"quiet":1}`, qr.M, 1, 1, color.Black, color.White},
		{`{"text":"héllo wörld","level":"Q","fg":"#123456","bg":"#fed"}`, qr.Q, 10, 4,
			color.NRGBA{0x12, 0x34, 0x56, 0xff}, color.NRGBA{0xff, 0xee, 0xdd, 0xff}},
		{`{"text":"transparent","fg":"#ff000080","bg":"#ffffff00","scale":2}`, qr.H, 2, 4,
			color.NRGBA{0xff, 0, 0, 0x80}, color.NRGBA{0xff, 0xff, 0xff, 0}},
		{`{"text":"null fields keep defaults","level":null,"scale":null}`, qr.H, 10, 4, color.Black, color.White},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			rec := serve(h, "POST", "/api/generate", strings.NewReader(tt.body))
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var req struct{ Text string }
			json.Unmarshal([]byte(tt.body), &req)
			checkImage(t, rec.Body.Bytes(), req.Text, tt.level, tt.scale, tt.quiet, tt.fg, tt.bg)
		})
	}
}

func TestGenerateSVG(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for _, rec := range []*httptest.ResponseRecorder{
		serve(h, "POST", "/api/generate", strings.NewReader(`{"text":"`+w1+`","format":"svg"}`)),
		serve(h, "GET", "/api/generate?format=svg&text="+w1, nil),
	} {
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var doc struct {
			XMLName xml.Name `xml:"svg"`
			ViewBox string   `xml:"viewBox,attr"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("answer is not SVG: %v", err)
		}
		code, _ := qr.Encode(w1, qr.H)
		if want := fmt.Sprintf("0 0 %d %d", code.Size()+8, code.Size()+8); doc.ViewBox != want {
			t.Errorf("viewBox %q, want %q (the symbol and a quiet zone of 4)", doc.ViewBox, want)
		}
	}
}

func TestGenerateGETCaching(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	base := "/api/generate?text=" + strings.ReplaceAll(w1, "?", "%3F")
	target := base + "&scale=4"
	rec := serve(h, "GET", target, nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	checkImage(t, rec.Body.Bytes(), w1, qr.H, 4, 4, color.Black, color.White)
	etag, cc := rec.Header().Get("ETag"), rec.Header().Get("Cache-Control")
	if !strings.HasPrefix(etag, `"`) || !strings.Contains(cc, "max-age=86400") {
		t.Fatalf("ETag %q, Cache-Control %q", etag, cc)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		rec := serve(h, "GET", target, nil, "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("If-None-Match %s: status %d, ETag %q, %d body bytes", inm, rec.Code, rec.Header().Get("ETag"), rec.Body.Len())
		}
	}
	if rec := serve(h, "GET", target, nil, "If-None-Match", `"nope"`); rec.Code != 200 {
		t.Errorf("non-matching If-None-Match: status %d", rec.Code)
	}
	// Every parameter is part of the tag.
	seen := map[string]string{etag: target}
	for _, q := range []string{"&scale=5", "&scale=4&level=M", "&scale=4&quiet=2", "&scale=4&format=svg",
		"&scale=4&fg=%23010101", "&scale=4&bg=%23fefefe", "&scale=4&eci=false"} {
		rec := serve(h, "GET", base+q, nil)
		tag := rec.Header().Get("ETag")
		if prev, dup := seen[tag]; dup {
			t.Errorf("%s and %s share ETag %s", prev, base+q, tag)
		}
		seen[tag] = base + q
	}
	if tag := serve(h, "GET", "/api/generate?text=other&scale=4", nil).Header().Get("ETag"); seen[tag] != "" {
		t.Errorf("another text shares ETag %s with %s", tag, seen[tag])
	}
	if rec := serve(h, "HEAD", target, nil); rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD: status %d, %d body bytes", rec.Code, rec.Body.Len())
	}
}

// multipartBody returns a multipart/form-data body with data in a field
// named field, and its Content-Type.
func multipartBody(t testing.TB, field string, data []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("note", "ignored")
	fw, err := mw.CreateFormFile(field, "code.png")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

type decodeAnswer struct {
	Codes []struct {
		Text    string
		Version int
		Level   string
		Corners []struct{ X, Y int }
	}
}

func TestDecode(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	data := w1PNG(t)
	mp, ct := multipartBody(t, "file", data)
	for name, rec := range map[string]*httptest.ResponseRecorder{
		"raw":       serve(h, "POST", "/api/decode", bytes.NewReader(data), "Content-Type", "image/png"),
		"untyped":   serve(h, "POST", "/api/decode", bytes.NewReader(data)),
		"multipart": serve(h, "POST", "/api/decode", mp, "Content-Type", ct),
	} {
		t.Run(name, func(t *testing.T) {
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var ans decodeAnswer
			if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
				t.Fatal(err)
			}
			if len(ans.Codes) != 1 {
				t.Fatalf("%d codes, want 1: %s", len(ans.Codes), rec.Body)
			}
			c := ans.Codes[0]
			if c.Text != w1 || c.Level != "H" || len(c.Corners) != 4 {
				t.Fatalf("got %+v", c)
			}
			// The symbol spans modules 4..41 of 45 at 10 px each.
			for _, p := range c.Corners {
				if p.X < 30 || p.X > 420 || p.Y < 30 || p.Y > 420 {
					t.Errorf("corner %v outside the symbol", p)
				}
			}
		})
	}
}

func TestHealth(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for _, path := range []string{"/healthz", "/readyz"} {
		if rec := serve(h, "GET", path, nil); rec.Code != 200 {
			t.Errorf("%s: status %d", path, rec.Code)
		}
	}
	h.SetReady(false)
	errorAnswer(t, serve(h, "GET", "/readyz", nil), 503, "not_ready")
	if rec := serve(h, "GET", "/healthz", nil); rec.Code != 200 {
		t.Errorf("healthz while not ready: status %d", rec.Code)
	}
	if rec := serve(h, "POST", "/api/generate", strings.NewReader(`{"text":"still served"}`)); rec.Code != 200 {
		t.Errorf("generate while not ready: status %d", rec.Code)
	}
	h.SetReady(true)
	if rec := serve(h, "GET", "/readyz", nil); rec.Code != 200 {
		t.Errorf("readyz after SetReady(true): status %d", rec.Code)
	}
}

// pngBomb returns a PNG signature and a valid IHDR chunk declaring a
// width×height greyscale image, and nothing else.
func pngBomb(width, height uint32) []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	h := b.Bytes()[:8+8+13+4] // signature, IHDR length+type, IHDR data, CRC
	ihdr := make([]byte, len(h))
	copy(ihdr, h)
	putU32 := func(p []byte, v uint32) { p[0], p[1], p[2], p[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v) }
	putU32(ihdr[16:], width)
	putU32(ihdr[20:], height)
	putU32(ihdr[29:], crc32.ChecksumIEEE(ihdr[12:29]))
	return ihdr
}

func TestErrors(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxBodyBytes: 1000, MaxTextBytes: 500, MaxUploadBytes: 100 << 10, MaxScale: 20})
	blank := new(bytes.Buffer)
	png.Encode(blank, image.NewGray(image.Rect(0, 0, 200, 200)))
	truncated := w1PNG(t)[:300]
	huge := fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 2000))
	tests := []struct {
		name, method, target, body string
		header                     []string
		status                     int
		code                       string
	}{
		{"bad json", "POST", "/api/generate", `{"text":`, nil, 400, "bad_json"},
		{"wrong json type", "POST", "/api/generate", `{"text":42}`, nil, 400, "bad_json"},
		{"missing text", "POST", "/api/generate", `{"level":"H"}`, nil, 400, "missing_text"},
		{"empty text", "POST", "/api/generate", `{"text":""}`, nil, 400, "missing_text"},
		{"missing text GET", "GET", "/api/generate?scale=3", "", nil, 400, "missing_text"},
		{"bad colour", "POST", "/api/generate", `{"text":"a","fg":"red"}`, nil, 400, "bad_color"},
		{"bad colour digits", "POST", "/api/generate", `{"text":"a","bg":"#12345g"}`, nil, 400, "bad_color"},
		{"bad colour length", "POST", "/api/generate", `{"text":"a","bg":"#12345"}`, nil, 400, "bad_color"},
		{"no contrast", "POST", "/api/generate", `{"text":"a","fg":"#fff","bg":"#ffffff"}`, nil, 400, "bad_option"},
		{"grey on grey", "GET", "/api/generate?text=a&fg=%23777&bg=%23888", "", nil, 400, "bad_option"},
		{"bad level", "POST", "/api/generate", `{"text":"a","level":"X"}`, nil, 400, "bad_level"},
		{"scale zero", "POST", "/api/generate", `{"text":"a","scale":0}`, nil, 400, "bad_scale"},
		{"scale over ceiling", "POST", "/api/generate", `{"text":"a","scale":21}`, nil, 400, "bad_scale"},
		{"scale not a number", "GET", "/api/generate?text=a&scale=big", "", nil, 400, "bad_scale"},
		{"negative quiet", "POST", "/api/generate", `{"text":"a","quiet":-1}`, nil, 400, "bad_quiet"},
		{"bad format", "POST", "/api/generate", `{"text":"a","format":"gif"}`, nil, 400, "bad_format"},
		{"bad eci", "GET", "/api/generate?text=a&eci=maybe", "", nil, 400, "bad_eci"},
		{"invalid utf-8", "GET", "/api/generate?text=%ff", "", nil, 400, "bad_text"},
		{"body too large", "POST", "/api/generate", huge, nil, 413, "body_too_large"},
		{"text over limit", "GET", "/api/generate?text=" + strings.Repeat("x", 501), "", nil, 413, "text_too_long"},
		{"generate PUT", "PUT", "/api/generate", `{"text":"a"}`, nil, 405, "method_not_allowed"},
		{"decode GET", "GET", "/api/decode", "", nil, 405, "method_not_allowed"},
		{"healthz POST", "POST", "/healthz", "", nil, 405, "method_not_allowed"},
		{"metrics DELETE", "DELETE", "/metrics", "", nil, 405, "method_not_allowed"},
		{"unknown path", "GET", "/api/nope", "", nil, 404, "no_route"},
		{"empty upload", "POST", "/api/decode", "", nil, 400, "empty_upload"},
		{"garbage upload", "POST", "/api/decode", "this is not an image at all", nil, 415, "unsupported_format"},
		{"truncated png", "POST", "/api/decode", string(truncated), nil, 400, "corrupt_image"},
		{"no code in image", "POST", "/api/decode", blank.String(), nil, 422, "not_found"},
		{"upload too large", "POST", "/api/decode", strings.Repeat("x", 100<<10+1), nil, 413, "upload_too_large"},
		{"png bomb", "POST", "/api/decode", string(pngBomb(100000, 100000)), nil, 413, "image_too_large"},
		{"multipart without file", "POST", "/api/decode", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n",
			[]string{"Content-Type", "multipart/form-data; boundary=b"}, 400, "missing_file"},
		{"malformed multipart", "POST", "/api/decode", "garbage", []string{"Content-Type", "multipart/form-data; boundary=b"}, 400, "bad_multipart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(h, tt.method, tt.target, strings.NewReader(tt.body), tt.header...)
			errorAnswer(t, rec, tt.status, tt.code)
			if tt.status == 405 && rec.Header().Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

// TestTextTooLongForQR: text within MaxTextBytes that no QR code holds at
// the requested level is 422, a valid request the content cannot satisfy,
// with the message written for people: length, capacity, a level that fits.
func TestTextTooLongForQR(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	// Version 40-H holds 1273 bytes of byte-mode data (ISO/IEC 18004:2015 Table 7).
	body := fmt.Sprintf(`{"text":%q,"level":"H"}`, strings.Repeat("~", 1274))
	rec := serve(h, "POST", "/api/generate", strings.NewReader(body))
	errorAnswer(t, rec, 422, "does_not_fit")
	if want := "1274 bytes; level H holds at most 1273 bytes; it fits at level Q"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("body %s, want the message %q", rec.Body, want)
	}
	rec = serve(h, "GET", "/api/generate?text="+strings.Repeat("9", 6000), nil)
	errorAnswer(t, rec, 422, "does_not_fit")
	if want := "6000 digits; level H holds at most 3057 digits; it fits at level L"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("body %s, want the message %q", rec.Body, want)
	}
	// The facts behind the message, for a client that offers a level.
	var fit struct {
		Length   int
		Unit     string
		Level    string
		Capacity map[string]int
		Fits     string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &fit); err != nil || fit.Length != 6000 || fit.Unit != "digits" ||
		fit.Level != "H" || fit.Fits != "L" || fit.Capacity["L"] != 7089 || fit.Capacity["H"] != 3057 {
		t.Errorf("body %s: %+v, %v", rec.Body, fit, err)
	}
	body = fmt.Sprintf(`{"text":%q,"level":"L"}`, strings.Repeat("~", 3000))
	rec = serve(h, "POST", "/api/generate", strings.NewReader(body))
	errorAnswer(t, rec, 422, "does_not_fit")
	if strings.Contains(rec.Body.String(), `"fits"`) {
		t.Errorf("body %s names a level that fits", rec.Body)
	}
	body = fmt.Sprintf(`{"text":%q,"level":"L"}`, strings.Repeat("~", 1274))
	if rec := serve(h, "POST", "/api/generate", strings.NewReader(body)); rec.Code != 200 {
		t.Errorf("1274 bytes at level L: status %d, want 200", rec.Code)
	}
}

func TestUploadTooLargeByHeader(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxUploadBytes: 1 << 20})
	req := httptest.NewRequest("POST", "/api/decode", strings.NewReader("short"))
	req.ContentLength = 1<<20 + 1 // announced, never read
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	errorAnswer(t, rec, 413, "upload_too_large")
}

func TestRateLimit(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{RateLimit: 1, RateBurst: 3})
	var statuses []int
	for range 5 {
		req := httptest.NewRequest("POST", "/api/generate", strings.NewReader(`{"text":"a"}`))
		req.RemoteAddr = "192.0.2.1:1234"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		statuses = append(statuses, rec.Code)
		if rec.Code == 429 {
			errorAnswer(t, rec, 429, "rate_limited")
		}
	}
	if fmt.Sprint(statuses) != "[200 200 200 429 429]" {
		t.Fatalf("statuses %v, want the burst of 3 then 429s", statuses)
	}
	// Another client has its own bucket; health checks are never limited.
	req := httptest.NewRequest("POST", "/api/generate", strings.NewReader(`{"text":"a"}`))
	req.RemoteAddr = "192.0.2.2:1234"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("second client: status %d", rec.Code)
	}
	req = httptest.NewRequest("GET", "/healthz", nil)
	req.RemoteAddr = "192.0.2.1:1234"
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("healthz of a limited client: status %d", rec.Code)
	}
}
