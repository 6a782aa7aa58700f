package qrhttp_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/draw"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// decodedCodes posts img to /api/decode and returns the answer's codes.
func decodedCodes(t *testing.T, h http.Handler, img []byte) []map[string]any {
	t.Helper()
	rec := serve(h, "POST", "/api/decode", bytes.NewReader(img), "Content-Type", "image/png")
	if rec.Code != http.StatusOK {
		t.Fatalf("decode: %d %s", rec.Code, rec.Body)
	}
	var resp struct{ Codes []map[string]any }
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	return resp.Codes
}

// TestGenerateGS1 asks for GS1 and AIM codes by POST and GET, decodes the
// answers, and checks the errors of bad fields.
func TestGenerateGS1(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	hri := "(01)09506000134352(17)261231(10)ABC123"
	for _, c := range []struct {
		method, target, body string
		text, aim            string
		gs1                  bool
	}{
		{"POST", "/api/generate", `{"text": "` + hri + `", "gs1": true, "level": "M"}`, hri, "", true},
		{"GET", "/api/generate?gs1=true&text=" + strings.NewReplacer("(", "%28", ")", "%29").Replace(hri), "", hri, "", true},
		{"POST", "/api/generate", `{"text": "DATA 42", "aim": "37"}`, "DATA 42", "37", false},
		{"GET", "/api/generate?aim=b&text=xyz", "", "xyz", "b", false},
	} {
		rec := serve(h, c.method, c.target, strings.NewReader(c.body))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s %s: %d %s", c.method, c.target, rec.Code, rec.Body)
		}
		rs, err := decode.Bytes(rec.Body.Bytes())
		if err != nil || len(rs) != 1 || rs[0].Text != c.text || rs[0].GS1 != c.gs1 || rs[0].AIM != c.aim {
			t.Errorf("%s %s: read %+v, %v", c.method, c.target, rs, err)
		}
	}
	// The same text with and without gs1 are different images.
	a := serve(h, "GET", "/api/generate?text=%2801%2909506000134352", nil)
	b := serve(h, "GET", "/api/generate?gs1=1&text=%2801%2909506000134352", nil)
	if a.Header().Get("Etag") == b.Header().Get("Etag") || bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
		t.Error("gs1 does not change the entity tag or the image")
	}
	for _, c := range []struct{ body, code string }{
		{`{"text": "(01)09506000134353", "gs1": true}`, "bad_gs1"},
		{`{"text": "x", "gs1": true, "aim": "01"}`, "bad_option"},
		{`{"text": "x", "aim": "123"}`, "bad_aim"},
		{`{"text": "x", "sequence": {"max_version": 0}}`, "bad_sequence"},
		{`{"text": "x", "sequence": {"max_version": 41}}`, "bad_sequence"},
	} {
		rec := serve(h, "POST", "/api/generate", strings.NewReader(c.body))
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"code":"`+c.code+`"`) {
			t.Errorf("%s: %d %s, want 400 %s", c.body, rec.Code, rec.Body, c.code)
		}
	}
	if rec := serve(h, "GET", "/api/generate?gs1=maybe&text=x", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("gs1=maybe: %d", rec.Code)
	}
	rec := serve(h, "POST", "/api/generate", strings.NewReader(`{"text": "(01)09506000134353", "gs1": true}`))
	if !strings.Contains(rec.Body.String(), "check digit 3, want 2") {
		t.Errorf("bad GS1 message: %s", rec.Body)
	}
}

// TestGenerateSequence asks for a sequence: the answer is a ZIP of the
// codes, named in order, which decode and merge into the text; a text too
// long for 16 codes is 413.
func TestGenerateSequence(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	text := strings.Repeat("a long text over several codes ", 10)
	body, _ := json.Marshal(map[string]any{"text": text, "level": "M", "sequence": map[string]int{"max_version": 3}, "scale": 4})
	rec := serve(h, "POST", "/api/generate", bytes.NewReader(body))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("sequence: %d %q %.200s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var parts []decode.Result
	for i, f := range zr.File {
		want := "code-0" + string(rune('1'+i)) + "-of-0" + string(rune('0'+len(zr.File))) + ".png"
		if f.Name != want {
			t.Errorf("file %d named %s, want %s", i, f.Name, want)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		img, _ := io.ReadAll(rc)
		rs, err := decode.Bytes(img)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if rs[0].Version > 3 {
			t.Errorf("%s: version %d", f.Name, rs[0].Version)
		}
		parts = append(parts, rs...)
	}
	if len(zr.File) < 2 || len(zr.File) > 9 {
		t.Fatalf("%d files", len(zr.File))
	}
	if m := decode.Merge(parts); len(m) != 1 || m[0].Text != text {
		t.Errorf("the ZIP's codes merge to %d results", len(m))
	}
	body, _ = json.Marshal(map[string]any{"text": text, "symbol": "rmqr", "sequence": map[string]int{"max_version": 3}})
	if rec := serve(h, "POST", "/api/generate", bytes.NewReader(body)); rec.Code != http.StatusBadRequest {
		t.Errorf("an rMQR sequence: %d %s", rec.Code, rec.Body)
	}
	body, _ = json.Marshal(map[string]any{"text": strings.Repeat("x", 3000), "sequence": map[string]int{"max_version": 1}})
	if rec := serve(h, "POST", "/api/generate", bytes.NewReader(body)); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("too long a sequence: %d %s", rec.Code, rec.Body)
	}
}

// TestDecodeData checks what /api/decode reports of GS1, AIM and
// sequences, the last merged within one image.
func TestDecodeData(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	gs1, err := qr.Encode("(01)09506000134352(10)LOT7", qr.M, qr.GS1())
	if err != nil {
		t.Fatal(err)
	}
	img, _ := gs1.PNG()
	c := decodedCodes(t, h, img)[0]
	if c["gs1"] != true || c["symbology_id"] != "]Q3" || c["text"] != "(01)09506000134352(10)LOT7" {
		t.Errorf("GS1 code: %v", c)
	}
	if el, _ := json.Marshal(c["elements"]); string(el) != `[{"ai":"01","value":"09506000134352"},{"ai":"10","value":"LOT7"}]` {
		t.Errorf("elements %s", el)
	}

	codes, err := qr.EncodeSequence(strings.Repeat("sequence ", 20), qr.M, qr.MaxVersion(2))
	if err != nil {
		t.Fatal(err)
	}
	one, _ := codes[1].PNG()
	c = decodedCodes(t, h, one)[0]
	seq, _ := c["sequence"].(map[string]any)
	if c["gs1"] != false || seq["index"] != 1.0 || seq["total"] != float64(len(codes)) || seq["parity"] != 0.0 {
		t.Errorf("part: %v", c)
	}

	// The whole sequence in one image is one code with its parts.
	side := codes[0].Image().Bounds().Dx()
	page := image.NewGray(image.Rect(0, 0, side*len(codes), side))
	for i, code := range codes {
		draw.Draw(page, image.Rect(i*side, 0, (i+1)*side, side), code.Image(), image.Point{}, draw.Src)
	}
	var buf bytes.Buffer
	png.Encode(&buf, page)
	all := decodedCodes(t, h, buf.Bytes())
	if len(all) != 1 || all[0]["text"] != strings.Repeat("sequence ", 20) {
		t.Fatalf("one image of the sequence: %v", all)
	}
	if ps, _ := all[0]["parts"].([]any); len(ps) != len(codes) {
		t.Errorf("merged code has %d parts, want %d", len(ps), len(codes))
	}
}
