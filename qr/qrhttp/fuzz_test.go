package qrhttp_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// FuzzGenerate sends arbitrary bodies and queries to /api/generate: every
// answer is an image or a well-formed JSON client error, never a 5xx.
func FuzzGenerate(f *testing.F) {
	f.Add([]byte(`{"text":"`+w1+`"}`), "")
	f.Add([]byte(`{"text":"a","level":"L","scale":1,"quiet":0,"format":"svg","fg":"#f00","bg":"#00ff0080","eci":false}`), "")
	f.Add([]byte(`{"text":`), "text=a&scale=3")
	f.Add([]byte(nil), "text=%ff&level=q&fg=%23123")
	f.Add([]byte(`{"text":"a","modules":"dots","finders":"rounded","gradient":"#1a237e,#6a1b9a,45"}`), "")
	f.Add([]byte(`{"text":"a","logo":"data:image/gif;base64,R0lGODlhAQABAAAAACw=","logo_size":0.3}`), "")
	f.Add([]byte(nil), "text=a&gradient=radial,%23b71c1c,%23000&modules=rounded")
	f.Add([]byte(`{"text":"12345","symbol":"micro","level":"L"}`), "")
	f.Add([]byte(nil), "text=LOT+42&symbol=rmqr&max_height=9&format=svg")
	h := qrhttp.New(qrhttp.Options{MaxScale: 4, MaxTextBytes: 300})
	f.Fuzz(func(t *testing.T, body []byte, query string) {
		method := "POST"
		if len(body) == 0 {
			method = "GET"
		}
		req := httptest.NewRequest(method, "/api/generate", bytes.NewReader(body))
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case rec.Code == 200:
			if ct := rec.Header().Get("Content-Type"); ct != "image/png" && ct != "image/svg+xml" && ct != "application/json; charset=utf-8" {
				t.Fatalf("200 with Content-Type %q", ct)
			}
		case rec.Code == 400 || rec.Code == 413 || rec.Code == 415 || rec.Code == 422: // 415, 422: a bad logo, a refused styling
			var e struct{ Error, Code string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == "" {
				t.Fatalf("status %d with body %q", rec.Code, rec.Body)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}

// FuzzDecode sends arbitrary bodies, raw and as multipart, to /api/decode:
// every answer is a decoded result or a well-formed JSON client error.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("\x89PNG\r\n\x1a\n"), false)
	f.Add(pngBomb(100000, 100000), false)
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nGIF89a\r\n--b--\r\n"), true)
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n"), true)
	// Small limits keep each input fast: an image with no code runs every
	// fallback pass, and a slow input at the end of -fuzztime fails the run.
	h := qrhttp.New(qrhttp.Options{MaxUploadBytes: 64 << 10, MaxPixels: 1 << 16})
	f.Fuzz(func(t *testing.T, body []byte, multipart bool) {
		req := httptest.NewRequest("POST", "/api/decode", bytes.NewReader(body))
		if multipart {
			req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var answer struct {
			Codes   []json.RawMessage
			Results []json.RawMessage // of several files
			Error   string
			Code    string
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("status %d with non-JSON body %q", rec.Code, rec.Body)
		}
		switch rec.Code {
		case 200:
			if len(answer.Codes) == 0 && len(answer.Results) < 2 {
				t.Fatalf("200 without codes or results: %s", rec.Body)
			}
		case 400, 413, 415, 422:
			if answer.Code == "" {
				t.Fatalf("status %d without an error code: %s", rec.Code, rec.Body)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}

// FuzzBatch sends arbitrary JSON and CSV bodies to /api/generate/batch:
// every answer is a complete ZIP ending in errors.json that accounts for
// every item, or a well-formed JSON client error.
func FuzzBatch(f *testing.F) {
	f.Add([]byte(`{"items":[{"name":"a","text":"a"},{"name":"A","text":""}]}`), false, "")
	f.Add([]byte(`{"format":"svg","scale":2,"items":[{"text":"x"},{"name":"../x","text":"y"}]}`), false, "")
	f.Add([]byte("name,text\na,b\n\"c\",\"d,e\"\n"), true, "format=svg")
	f.Add([]byte("text\n\n"), true, "")
	h := qrhttp.New(qrhttp.Options{MaxScale: 4, MaxTextBytes: 300, MaxBatchItems: 20, MaxBatchBytes: 8 << 10})
	f.Fuzz(func(t *testing.T, body []byte, csv bool, query string) {
		req := httptest.NewRequest("POST", "/api/generate/batch", bytes.NewReader(body))
		req.URL.RawQuery = query
		if csv {
			req.Header.Set("Content-Type", "text/csv")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200:
			zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
			if err != nil || len(zr.File) == 0 || zr.File[len(zr.File)-1].Name != "errors.json" {
				t.Fatalf("200 without a complete ZIP: %v", err)
			}
			rc, err := zr.File[len(zr.File)-1].Open()
			if err != nil {
				t.Fatal(err)
			}
			var errs struct{ Items, Written int }
			if err := json.NewDecoder(rc).Decode(&errs); err != nil || errs.Written != len(zr.File)-1 || errs.Items < errs.Written {
				t.Fatalf("errors.json %+v (%v) for %d entries", errs, err, len(zr.File)-1)
			}
		case 400, 413, 415:
			var e struct{ Error, Code string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == "" {
				t.Fatalf("status %d with body %q", rec.Code, rec.Body)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}
