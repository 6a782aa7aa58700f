package qrhttp_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// logoPNG returns a w×h orange PNG.
func logoPNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 0xef, 0x6c, 0x00, 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func dataURI(b []byte) string { return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b) }

// readsAs decodes an image answer and checks its text, and that the grade
// headers are set, returning the level chosen.
func readsAs(t *testing.T, body []byte, hdr http.Header, text string) string {
	t.Helper()
	res, err := decode.Bytes(body)
	if err != nil || len(res) != 1 || res[0].Text != text {
		t.Fatalf("decoded %v, %v; want %q", res, err, text)
	}
	grade := hdr.Get("X-Qr-Grade")
	if !strings.Contains("ABCD", grade) || len(grade) != 1 || hdr.Get("X-Qr-Level") != res[0].Level || hdr.Get("X-Qr-Version") == "" {
		t.Errorf("grade headers %q %q %q for a level %s code", grade, hdr.Get("X-Qr-Level"), hdr.Get("X-Qr-Version"), res[0].Level)
	}
	return res[0].Level
}

func TestGenerateStyled(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	const text = "https://example.com/menu?table=12"
	body := func(fields map[string]any) *bytes.Reader {
		fields["text"] = text
		b, _ := json.Marshal(fields)
		return bytes.NewReader(b)
	}
	logo := logoPNG(t, 40, 40)

	rec := serve(h, "POST", "/api/generate", body(map[string]any{"modules": "dots", "finders": "rounded", "gradient": "#1a237e,#6a1b9a,45"}))
	if rec.Code != 200 {
		t.Fatalf("shapes and gradient: %d %s", rec.Code, rec.Body)
	}
	readsAs(t, rec.Body.Bytes(), rec.Header(), text)

	rec = serve(h, "POST", "/api/generate", body(map[string]any{"level": "M", "logo": dataURI(logo), "logo_size": 0.3}))
	if rec.Code != 200 {
		t.Fatalf("logo data URI: %d %s", rec.Code, rec.Body)
	}
	if level := readsAs(t, rec.Body.Bytes(), rec.Header(), text); level == "L" || level == "M" {
		t.Errorf("a 0.3 logo asked at M came out at %s", level)
	}

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("text", text)
	mw.WriteField("modules", "rounded")
	mw.WriteField("logo_size", "0.25")
	fw, _ := mw.CreateFormFile("logo", "logo.png")
	fw.Write(logo)
	mw.Close()
	rec = serve(h, "POST", "/api/generate", &form, "Content-Type", mw.FormDataContentType())
	if rec.Code != 200 {
		t.Fatalf("multipart logo: %d %s", rec.Code, rec.Body)
	}
	readsAs(t, rec.Body.Bytes(), rec.Header(), text)

	q := url.Values{"text": {text}, "modules": {"dots"}, "gradient": {"radial,#b71c1c,#000000"}}
	rec = serve(h, "GET", "/api/generate?"+q.Encode(), nil)
	if rec.Code != 200 || rec.Header().Get("Etag") == "" {
		t.Fatalf("GET styled: %d, ETag %q, %s", rec.Code, rec.Header().Get("Etag"), rec.Body)
	}
	readsAs(t, rec.Body.Bytes(), rec.Header(), text)
	plain := serve(h, "GET", "/api/generate?"+url.Values{"text": {text}}.Encode(), nil)
	if plain.Header().Get("Etag") == rec.Header().Get("Etag") || plain.Header().Get("X-Qr-Grade") != "" {
		t.Errorf("the plain and the styled code share the ETag %q, or the plain one has a grade", rec.Header().Get("Etag"))
	}

	q.Set("format", "svg")
	rec = serve(h, "GET", "/api/generate?"+q.Encode(), nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<radialGradient") || rec.Header().Get("X-Qr-Grade") == "" {
		t.Errorf("styled SVG: %d, grade %q", rec.Code, rec.Header().Get("X-Qr-Grade"))
	}
}

func TestGenerateStyledErrors(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxPixels: 1 << 20})
	logo := dataURI(logoPNG(t, 40, 40))
	big := dataURI(logoPNG(t, 1100, 1000))
	for _, tc := range []struct {
		name   string
		fields map[string]any
		status int
		code   string
	}{
		{"bad modules", map[string]any{"modules": "star"}, 400, "bad_modules"},
		{"bad finders", map[string]any{"finders": 3}, 400, "bad_json"},
		{"bad gradient", map[string]any{"gradient": "#000,blue"}, 400, "bad_gradient"},
		{"gradient NaN", map[string]any{"gradient": "#000000,#222222,NaN"}, 400, "bad_gradient"},
		{"logo not a data URI", map[string]any{"logo": "https://example.com/logo.png"}, 400, "bad_logo"},
		{"logo bad base64", map[string]any{"logo": "data:image/png;base64,@@@"}, 400, "bad_logo"},
		{"logo not an image", map[string]any{"logo": "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("hello"))}, 415, "bad_logo"},
		{"logo too many pixels", map[string]any{"logo": big}, 413, "logo_too_large"},
		{"logo size", map[string]any{"logo": logo, "logo_size": 0.7}, 400, "bad_logo_size"},
		{"logo no level carries", map[string]any{"logo": logo, "logo_size": 0.5}, 422, "not_scannable"},
		{"light gradient", map[string]any{"gradient": "#ffeb3b,#fff59d"}, 422, "not_scannable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.fields["text"] = "https://example.com/menu?table=12"
			b, _ := json.Marshal(tc.fields)
			errorAnswer(t, serve(h, "POST", "/api/generate", bytes.NewReader(b)), tc.status, tc.code)
		})
	}
}
