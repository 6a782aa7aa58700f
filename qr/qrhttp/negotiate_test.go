package qrhttp_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// firefoxAccept is what Firefox sends when it navigates to a URL.
const firefoxAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

// TestNegotiation checks which answer each Accept header and format give,
// for GET and POST alike.
func TestNegotiation(t *testing.T) {
	tests := []struct {
		accept, format string
		ctype          string // of the answer; "" for 406
		dataMime       string // of the image in a JSON answer
	}{
		{"", "", "image/png", ""},
		{"*/*", "", "image/png", ""},
		{"image/*", "", "image/png", ""},
		{firefoxAccept, "", "image/png", ""},
		{"image/svg+xml", "", "image/svg+xml", ""},
		{"image/png;q=0.5, image/svg+xml", "", "image/svg+xml", ""},
		{"IMAGE/SVG+XML", "", "image/svg+xml", ""},
		{"application/json", "", "application/json", "image/png"},
		{"application/json, image/*;q=0.1", "", "application/json", "image/png"},
		{"image/png;q=0, */*", "", "image/svg+xml", ""},
		{"image/svg+xml;q=0.9, application/*;q=0.9, image/png;q=0.9", "", "image/png", ""},
		{"text/plain", "", "", ""},
		{"image/png;q=0", "", "", ""},
		{"image/png;q=bad", "", "", ""},
		{"text/plain", "svg", "image/svg+xml", ""},
		{"image/png", "svg", "image/svg+xml", ""},
		{"application/json", "svg", "application/json", "image/svg+xml"},
		{"application/json", "PNG", "application/json", "image/png"},
		{"image/png, application/json;q=0.5", "png", "image/png", ""},
		{"", "json", "application/json", "image/png"},
		{"image/svg+xml", "json", "application/json", "image/png"},
	}
	h := qrhttp.New(qrhttp.Options{})
	for _, tt := range tests {
		for _, method := range []string{"GET", "POST"} {
			t.Run(method+" "+tt.accept+" format="+tt.format, func(t *testing.T) {
				target, body := "/api/generate?text="+url.QueryEscape(w1), ""
				if tt.format != "" {
					target += "&format=" + tt.format
				}
				if method == "POST" {
					target, body = "/api/generate", `{"text":"`+w1+`","format":"`+tt.format+`"}`
				}
				var header []string
				if tt.accept != "" {
					header = []string{"Accept", tt.accept}
				}
				rec := serve(h, method, target, strings.NewReader(body), header...)
				if tt.ctype == "" {
					errorAnswer(t, rec, 406, "not_acceptable")
					return
				}
				if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) {
					t.Fatalf("status %d, Content-Type %q; want 200, %s", rec.Code, rec.Header().Get("Content-Type"), tt.ctype)
				}
				if v := rec.Header().Values("Vary"); len(v) != 1 || v[0] != "Accept" {
					t.Errorf("Vary %q, want Accept", v)
				}
				if tt.dataMime != "" {
					checkImageJSON(t, rec.Body.Bytes(), tt.dataMime)
				}
			})
		}
	}
}

// checkImageJSON checks a JSON answer carrying an image of type mime, and
// for PNG that it is the same image as the plain answer.
func checkImageJSON(t *testing.T, body []byte, mime string) {
	t.Helper()
	var ans struct{ Mime, Data string }
	if err := json.Unmarshal(body, &ans); err != nil {
		t.Fatalf("JSON answer %q: %v", body, err)
	}
	prefix := "data:" + mime + ";base64,"
	if ans.Mime != mime || !strings.HasPrefix(ans.Data, prefix) {
		t.Fatalf("mime %q, data %.40q…; want %s", ans.Mime, ans.Data, prefix)
	}
	img, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(ans.Data, prefix))
	if err != nil {
		t.Fatal(err)
	}
	if mime == "image/png" && !bytes.Equal(img, w1PNG(t)) {
		t.Errorf("the PNG in the JSON answer is not the plain answer's")
	}
	if mime == "image/svg+xml" && !bytes.HasPrefix(img, []byte("<svg")) && !bytes.HasPrefix(img, []byte("<?xml")) {
		t.Errorf("the SVG in the JSON answer starts %.20q", img)
	}
}

// TestNegotiationCacheAndETag checks that the response cache and the ETag
// tell the answer types apart: the same query as PNG and as JSON gives two
// entities.
func TestNegotiationCacheAndETag(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	target := "/api/generate?text=" + url.QueryEscape(w1)
	png := serve(h, "GET", target, nil)
	js := serve(h, "GET", target, nil, "Accept", "application/json")
	pngAgain := serve(h, "GET", target, nil)
	if png.Code != 200 || js.Code != 200 || pngAgain.Code != 200 {
		t.Fatalf("statuses %d, %d, %d", png.Code, js.Code, pngAgain.Code)
	}
	if js.Header().Get("Content-Type") != "application/json; charset=utf-8" || pngAgain.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("the cache mixed the types: %q then %q", js.Header().Get("Content-Type"), pngAgain.Header().Get("Content-Type"))
	}
	if !bytes.Equal(png.Body.Bytes(), pngAgain.Body.Bytes()) {
		t.Errorf("the cached PNG differs")
	}
	if png.Header().Get("Etag") == js.Header().Get("Etag") {
		t.Errorf("PNG and JSON share the ETag %s", png.Header().Get("Etag"))
	}
	// The ETag of one type does not validate the other.
	rec := serve(h, "GET", target, nil, "Accept", "application/json", "If-None-Match", png.Header().Get("Etag"))
	if rec.Code != 200 {
		t.Errorf("JSON with the PNG's ETag: status %d, want 200", rec.Code)
	}
	rec = serve(h, "GET", target, nil, "Accept", "application/json", "If-None-Match", js.Header().Get("Etag"))
	if rec.Code != 304 || rec.Header().Get("Vary") != "Accept" {
		t.Errorf("JSON with its ETag: status %d, Vary %q; want 304, Accept", rec.Code, rec.Header().Get("Vary"))
	}
}

// TestHeadContentLength checks that HEAD gives the Content-Length of the
// GET answer, small bodies included, and no body.
func TestHeadContentLength(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{CacheBytes: -1})
	for _, q := range []string{"text=a&scale=1", "text=" + url.QueryEscape(w1), "text=a&format=svg", "text=a&format=json"} {
		get := serve(h, "GET", "/api/generate?"+q, nil)
		head := serve(h, "HEAD", "/api/generate?"+q, nil)
		if get.Code != 200 || head.Code != 200 || head.Body.Len() != 0 {
			t.Fatalf("%s: GET %d, HEAD %d with %d body bytes", q, get.Code, head.Code, head.Body.Len())
		}
		if got, want := head.Header().Get("Content-Length"), strconv.Itoa(get.Body.Len()); got != want {
			t.Errorf("%s: HEAD Content-Length %q, want %s", q, got, want)
		}
	}
}

// TestDownload checks ?download=1 on GET and POST, and that errors do not
// carry it.
func TestDownload(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	tests := []struct{ method, target, body, accept, want string }{
		{"GET", "/api/generate?text=a&download=1", "", "", `attachment; filename="qrcode.png"`},
		{"GET", "/api/generate?text=a&download=true&format=svg", "", "", `attachment; filename="qrcode.svg"`},
		{"GET", "/api/generate?text=a&download=1", "", "application/json", `attachment; filename="qrcode.json"`},
		{"POST", "/api/generate?download=1", `{"text":"a","format":"svg"}`, "", `attachment; filename="qrcode.svg"`},
		{"GET", "/api/generate?text=a&download=0", "", "", ""},
		{"GET", "/api/generate?text=a", "", "", ""},
	}
	for _, tt := range tests {
		var header []string
		if tt.accept != "" {
			header = []string{"Accept", tt.accept}
		}
		rec := serve(h, tt.method, tt.target, strings.NewReader(tt.body), header...)
		if rec.Code != 200 || rec.Header().Get("Content-Disposition") != tt.want {
			t.Errorf("%s %s: status %d, Content-Disposition %q; want %q", tt.method, tt.target, rec.Code, rec.Header().Get("Content-Disposition"), tt.want)
		}
	}
	errorAnswer(t, serve(h, "GET", "/api/generate?text=a&download=maybe", nil), 400, "bad_download")
	rec := serve(h, "GET", "/api/generate?text=a&download=1&scale=0", nil)
	errorAnswer(t, rec, 400, "bad_scale")
	if rec.Header().Get("Content-Disposition") != "" {
		t.Errorf("an error answer carries Content-Disposition %q", rec.Header().Get("Content-Disposition"))
	}
}

// TestQueryTooLong checks that every endpoint answers an oversized query
// string with 414 in JSON.
func TestQueryTooLong(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxQueryBytes: 100})
	long := "text=" + strings.Repeat("a", 100)
	for _, path := range []string{"/api/generate", "/api/generate/batch", "/api/decode", "/healthz", "/metrics", "/nowhere"} {
		errorAnswer(t, serve(h, "GET", path+"?"+long, nil), 414, "query_too_long")
	}
	if rec := serve(h, "GET", "/api/generate?"+long[:100], nil); rec.Code != 200 {
		t.Errorf("a query string at the limit: status %d", rec.Code)
	}
	// The default admits the longest text, percent-encoded.
	h = qrhttp.New(qrhttp.Options{})
	text := strings.Repeat("é", 1400) // 2,800 bytes (version 40-L holds 2,953), 8,400 percent-encoded
	if rec := serve(h, "GET", "/api/generate?level=L&text="+url.QueryEscape(text), nil); rec.Code != 200 {
		t.Errorf("a long text by default: status %d: %s", rec.Code, rec.Body)
	}
}

// TestCORS checks preflight and actual requests with CORS off, on for one
// origin, and on for every origin.
func TestCORS(t *testing.T) {
	const origin = "https://shop.example"
	preflight := []string{"Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"}

	off := qrhttp.New(qrhttp.Options{})
	errorAnswer(t, serve(off, "OPTIONS", "/api/generate", nil, preflight...), 405, "method_not_allowed")
	if rec := serve(off, "GET", "/api/generate?text=a", nil, "Origin", origin); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS off, yet Access-Control-Allow-Origin %q", rec.Header().Get("Access-Control-Allow-Origin"))
	}

	one := qrhttp.New(qrhttp.Options{CORSOrigins: []string{"HTTPS://Shop.Example/"}})
	for path, methods := range map[string]string{"/api/generate": "GET, HEAD, POST", "/api/generate/batch": "POST", "/api/decode": "POST"} {
		rec := serve(one, "OPTIONS", path, nil, preflight...)
		hdr := rec.Header()
		if rec.Code != 204 || hdr.Get("Access-Control-Allow-Origin") != origin || hdr.Get("Access-Control-Allow-Methods") != methods ||
			hdr.Get("Access-Control-Allow-Headers") != "content-type" || hdr.Get("Access-Control-Max-Age") == "" || hdr.Get("Vary") != "Origin" {
			t.Errorf("preflight of %s: status %d, headers %v", path, rec.Code, hdr)
		}
	}
	errorAnswer(t, serve(one, "OPTIONS", "/api/generate", nil, "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"), 403, "origin_not_allowed")
	rec := serve(one, "GET", "/api/generate?text=a", nil, "Origin", origin)
	if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "Content-Disposition") ||
		!strings.Contains(rec.Header().Get("Access-Control-Expose-Headers"), "X-QR-Grade") {
		t.Errorf("allowed GET: status %d, headers %v", rec.Code, rec.Header())
	}
	if v := rec.Header().Values("Vary"); strings.Join(v, ",") != "Origin,Accept" {
		t.Errorf("Vary %q, want Origin and Accept", v)
	}
	rec = serve(one, "GET", "/api/generate?text=a", nil, "Origin", "https://evil.example")
	if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("GET from another origin: status %d, Access-Control-Allow-Origin %q", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	if rec := serve(one, "GET", "/healthz", nil, "Origin", origin); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("probes answer CORS")
	}

	all := qrhttp.New(qrhttp.Options{CORSOrigins: []string{"*"}})
	rec = serve(all, "OPTIONS", "/api/decode", nil, "Origin", "https://any.example", "Access-Control-Request-Method", "POST")
	if rec.Code != 204 || rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Vary") != "" {
		t.Errorf("preflight with *: status %d, headers %v", rec.Code, rec.Header())
	}
}
