package qrhttp_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"strconv"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// filesBody returns a multipart/form-data body with one "file" part per
// name, in order, and its Content-Type.
func filesBody(t testing.TB, names []string, data [][]byte) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("note", "ignored")
	for i, name := range names {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data[i])
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// pngOf renders text at level M with the service's scale and quiet zone.
func pngOf(t testing.TB, text string) []byte {
	t.Helper()
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := code.WritePNG(&b, qr.Scale(4)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type manyAnswer struct {
	Results []struct {
		File  string
		Codes []struct{ Text string }
		Error *struct{ Error, Code string }
	}
}

// TestDecodeMany sends several files, some bad: each gets its result in
// upload order, codes always present, and /metrics counts them.
func TestDecodeMany(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxUploadBytes: 4000})
	names := []string{"a.png", "b.png", "notes.txt", "empty.png", "big.png", "c.png"}
	data := [][]byte{pngOf(t, "first"), pngOf(t, "second"), []byte("not an image"), nil, bytes.Repeat([]byte{1}, 4001), pngOf(t, "third")}
	body, ct := filesBody(t, names, data)
	rec := serve(h, "POST", "/api/decode", body, "Content-Type", ct)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if !strings.Contains(rec.Body.String(), `"codes":[]`) || !strings.Contains(rec.Body.String(), `"error":null`) {
		t.Errorf("codes must always be present and error null on success: %s", rec.Body)
	}
	var ans manyAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	want := []struct{ text, code string }{{"first", ""}, {"second", ""}, {"", "unsupported_format"}, {"", "empty_upload"}, {"", "upload_too_large"}, {"third", ""}}
	if len(ans.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(ans.Results), len(want))
	}
	for i, w := range want {
		r := ans.Results[i]
		switch {
		case r.File != names[i]:
			t.Errorf("result %d is of %q, want %q", i, r.File, names[i])
		case w.code == "" && (r.Error != nil || len(r.Codes) != 1 || r.Codes[0].Text != w.text):
			t.Errorf("%s: %+v, want the text %q", r.File, r, w.text)
		case w.code != "" && (r.Error == nil || r.Error.Code != w.code || r.Error.Error == "" || r.Codes == nil || len(r.Codes) != 0):
			t.Errorf("%s: %+v, want error %s and no codes", r.File, r, w.code)
		}
	}
	metrics := serve(h, "GET", "/metrics", nil).Body.String()
	for _, line := range []string{`qrhttp_items_total{endpoint="decode",result="ok"} 3`, `qrhttp_items_total{endpoint="decode",result="error"} 3`} {
		if !strings.Contains(metrics, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

// TestDecodeOneFileKeepsItsAnswer: one "file" part answers {"codes"} and
// its errors as statuses, as before multi-file decoding.
func TestDecodeOneFileKeepsItsAnswer(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxUploadBytes: 4000})
	body, ct := filesBody(t, []string{"a.png"}, [][]byte{pngOf(t, "only")})
	rec := serve(h, "POST", "/api/decode", body, "Content-Type", ct)
	if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), `{"codes":[{"text":"only"`) {
		t.Errorf("status %d: %s", rec.Code, rec.Body)
	}
	body, ct = filesBody(t, []string{"big.png"}, [][]byte{bytes.Repeat([]byte{1}, 4001)})
	errorAnswer(t, serve(h, "POST", "/api/decode", body, "Content-Type", ct), 413, "upload_too_large")
	body, ct = filesBody(t, []string{"empty.png"}, [][]byte{nil})
	errorAnswer(t, serve(h, "POST", "/api/decode", body, "Content-Type", ct), 400, "empty_upload")
}

// TestDecodeManyLimits checks the limits of a multi-file upload as a whole.
func TestDecodeManyLimits(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxDecodeFiles: 2, MaxUploadBytes: 4000, MaxDecodeBytes: 6000})
	img := pngOf(t, "x")
	body, ct := filesBody(t, []string{"a", "b", "c"}, [][]byte{img, img, img})
	errorAnswer(t, serve(h, "POST", "/api/decode", body, "Content-Type", ct), 413, "too_many_files")

	big := bytes.Repeat([]byte{1}, 3500)
	body, ct = filesBody(t, []string{"a", "b"}, [][]byte{big, big})
	errorAnswer(t, serve(h, "POST", "/api/decode", body, "Content-Type", ct), 413, "upload_too_large")

	req := strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n")
	rec := serve(h, "POST", "/api/decode", req, "Content-Type", "multipart/form-data; boundary=b")
	errorAnswer(t, rec, 400, "bad_multipart")
}

// TestDecodeManyMergesSequences uploads the codes of a structured append
// sequence one per file, with a stray code between them: each file reports
// its part, and "merged" holds the whole text, its parts naming their files.
func TestDecodeManyMergesSequences(t *testing.T) {
	text := strings.Repeat("sequence across files ", 6)
	codes, err := qr.EncodeSequence(text, qr.M, qr.MaxVersion(2))
	if err != nil || len(codes) < 2 {
		t.Fatalf("%d codes, %v", len(codes), err)
	}
	var names []string
	var data [][]byte
	for i, c := range codes {
		var b bytes.Buffer
		if err := c.WritePNG(&b, qr.Scale(4)); err != nil {
			t.Fatal(err)
		}
		names, data = append(names, "part"+strconv.Itoa(i)+".png"), append(data, b.Bytes())
		if i == 0 {
			names, data = append(names, "stray.png"), append(data, pngOf(t, "stray"))
		}
	}
	body, ct := filesBody(t, names, data)
	rec := serve(qrhttp.New(qrhttp.Options{}), "POST", "/api/decode", body, "Content-Type", ct)
	var ans struct {
		Results []struct{ File string }
		Merged  []struct {
			Text  string
			Parts []struct {
				File  string
				Index int
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil || rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if len(ans.Results) != len(names) || len(ans.Merged) != 1 || ans.Merged[0].Text != text || len(ans.Merged[0].Parts) != len(codes) {
		t.Fatalf("answer %s", rec.Body)
	}
	for _, p := range ans.Merged[0].Parts {
		if p.File != "part"+strconv.Itoa(p.Index)+".png" {
			t.Errorf("part %d from %q", p.Index, p.File)
		}
	}
	// Files without sequences merge nothing, and say so with [].
	body, ct = filesBody(t, []string{"a", "b"}, [][]byte{pngOf(t, "a"), pngOf(t, "b")})
	if rec := serve(qrhttp.New(qrhttp.Options{}), "POST", "/api/decode", body, "Content-Type", ct); !strings.Contains(rec.Body.String(), `"merged":[]`) {
		t.Errorf("no merged array: %s", rec.Body)
	}
}
