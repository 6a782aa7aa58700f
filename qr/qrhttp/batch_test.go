package qrhttp_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// batchErrors is errors.json.
type batchErrors struct {
	Items, Written int
	Errors         []struct {
		Item       int
		Name, Code string
		Error      string
	}
}

// readZip returns the entries of a ZIP answer in order, checking that
// errors.json is the last one, and the errors.
func readZip(t *testing.T, body []byte) ([]*zip.File, batchErrors) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("answer is not a ZIP: %v", err)
	}
	n := len(zr.File)
	if n == 0 || zr.File[n-1].Name != "errors.json" {
		t.Fatalf("errors.json is not the last entry")
	}
	var errs batchErrors
	if err := json.Unmarshal(zipData(t, zr.File[n-1]), &errs); err != nil {
		t.Fatal(err)
	}
	return zr.File[:n-1], errs
}

func zipData(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc) // checks the CRC-32 at the end
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b
}

// TestBatchJSON sends good and bad items: the good ones are in the ZIP in
// order and decode to their texts, the bad ones are in errors.json, and
// /metrics counts both.
func TestBatchJSON(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxTextBytes: 100})
	body := `{"level":"M","scale":2,"items":[
		{"name":"SKU-1","text":"first"},
		{"name":"SKU-2","text":"` + strings.Repeat("x", 101) + `"},
		{"name":"../etc/passwd","text":"path"},
		{"name":"sku-1","text":"same name, other case"},
		{"name":"empty","text":""},
		{"text":"no name"},
		{"name":"SKU-3.png","text":"has the extension"},
		{"name":"bad\u0000name","text":"control"}
	]}`
	rec := serve(h, "POST", "/api/generate/batch", strings.NewReader(body), "Content-Type", "application/json")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/zip" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="qrcodes.zip"` {
		t.Fatalf("status %d, headers %v: %.200s", rec.Code, rec.Header(), rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	want := []struct{ name, text string }{{"SKU-1.png", "first"}, {"6.png", "no name"}, {"SKU-3.png", "has the extension"}}
	if len(files) != len(want) {
		t.Fatalf("%d entries, want %d", len(files), len(want))
	}
	for i, w := range want {
		if files[i].Name != w.name || files[i].Method != zip.Store {
			t.Errorf("entry %d is %s (method %d), want %s stored", i, files[i].Name, files[i].Method, w.name)
		}
		res, err := decode.Bytes(zipData(t, files[i]))
		if err != nil || len(res) != 1 || res[0].Text != w.text || res[0].Level != "M" {
			t.Errorf("%s decodes to %v, %v; want %q at M", w.name, res, err, w.text)
		}
	}
	wantErrs := map[int]string{2: "text_too_long", 3: "bad_name", 4: "duplicate_name", 5: "missing_text", 8: "bad_name"}
	if errs.Items != 8 || errs.Written != 3 || len(errs.Errors) != len(wantErrs) {
		t.Fatalf("errors.json %+v", errs)
	}
	for _, e := range errs.Errors {
		if wantErrs[e.Item] != e.Code || e.Error == "" {
			t.Errorf("item %d (%q): code %q, want %q", e.Item, e.Name, e.Code, wantErrs[e.Item])
		}
	}
	metrics := serve(h, "GET", "/metrics", nil).Body.String()
	for _, line := range []string{
		`qrhttp_items_total{endpoint="batch",result="ok"} 3`,
		`qrhttp_items_total{endpoint="batch",result="error"} 5`,
		`qrhttp_requests_total{endpoint="batch",code="200"} 1`,
	} {
		if !strings.Contains(metrics, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

// TestBatchSVGAndCSV sends a CSV batch with its fields in the query string:
// SVG entries, deflated, named by the name column.
func TestBatchSVGAndCSV(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	csv := "\ufeffName,Text\r\nA,\"one, with a comma\"\r\nB,\"two\nlines\"\r\nC\r\n"
	rec := serve(h, "POST", "/api/generate/batch?format=svg&level=L", strings.NewReader(csv), "Content-Type", "text/csv; charset=utf-8")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 2 || files[0].Name != "A.svg" || files[1].Name != "B.svg" {
		t.Fatalf("entries %v", files)
	}
	for _, f := range files {
		if f.Method != zip.Deflate || !bytes.Contains(zipData(t, f), []byte("<svg")) {
			t.Errorf("%s: method %d, not a deflated SVG", f.Name, f.Method)
		}
	}
	if len(errs.Errors) != 1 || errs.Errors[0].Item != 3 || errs.Errors[0].Code != "bad_row" {
		t.Errorf("errors.json %+v, want item 3 bad_row", errs)
	}
}

// TestBatchRequestErrors checks the errors that fail a whole batch, before
// the ZIP starts: all JSON with their status.
func TestBatchRequestErrors(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{MaxBatchItems: 3, MaxBatchBytes: 1000})
	item := `{"name":"a","text":"a"}`
	tests := []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"too many items", "application/json", `{"items":[` + strings.Repeat(item+",", 3) + item + `]}`, 413, "too_many_items"},
		{"too many rows", "text/csv", "name,text\n" + strings.Repeat("a,b\n", 4), 413, "too_many_items"},
		{"body too large", "application/json", `{"items":[{"text":"` + strings.Repeat("a", 1000) + `"}]}`, 413, "body_too_large"},
		{"no items", "application/json", `{"items":[]}`, 400, "missing_items"},
		{"items not an array", "application/json", `{"items":{}}`, 400, "bad_json"},
		{"not JSON", "application/json", `{"items":[`, 400, "bad_json"},
		{"bad level", "application/json", `{"level":"X","items":[` + item + `]}`, 400, "bad_level"},
		{"bad scale", "text/csv", "name,text\na,b\n", 400, "bad_scale"},
		{"format json", "application/json", `{"format":"json","items":[` + item + `]}`, 400, "bad_format"},
		{"CSV without text column", "text/csv", "name,value\na,b\n", 400, "bad_csv"},
		{"malformed CSV", "text/csv", "name,text\n\"a,b\n", 400, "bad_csv"},
		{"other type", "application/xml", `<items/>`, 415, "unsupported_media_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := "/api/generate/batch"
			if tt.name == "bad scale" {
				target += "?scale=0"
			}
			errorAnswer(t, serve(h, "POST", target, strings.NewReader(tt.body), "Content-Type", tt.ctype), tt.status, tt.code)
		})
	}
	errorAnswer(t, serve(h, "GET", "/api/generate/batch", nil), 405, "method_not_allowed")
}

// TestBatchTimeout: items not encoded within BatchTimeout are listed in
// errors.json with code "timeout", and the ZIP is still complete.
func TestBatchTimeout(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{BatchTimeout: time.Nanosecond})
	rec := serve(h, "POST", "/api/generate/batch", strings.NewReader(`{"items":[{"text":"a"},{"text":"b"}]}`))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 0 || errs.Written != 0 || len(errs.Errors) != 2 || errs.Errors[0].Code != "timeout" || errs.Errors[1].Code != "timeout" {
		t.Errorf("%d entries, errors.json %+v; want every item timed out", len(files), errs)
	}
}

// bigBatch is a batch of n items slow enough to watch: large symbols at a
// large scale.
func bigBatch(n int) string {
	var b strings.Builder
	b.WriteString(`{"level":"H","scale":16,"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"text":"%d %s"}`, i, strings.Repeat("batch item ", 40))
	}
	b.WriteString("]}")
	return b.String()
}

// metricValue returns the value of the metric line with the given name and
// labels, or -1.
func metricValue(t *testing.T, srv *httptest.Server, series string) int {
	t.Helper()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\d+)$`).FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestBatchClientGoesAway: a client that closes the connection after the
// first entries stops the work; the handler returns and no more items are
// encoded.
func TestBatchClientGoesAway(t *testing.T) {
	const items = 2000
	h := qrhttp.New(qrhttp.Options{Concurrency: 1})
	srv := httptest.NewServer(h)
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/generate/batch", strings.NewReader(bigBatch(items)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if _, err := io.ReadFull(resp.Body, make([]byte, 4096)); err != nil {
		t.Fatal(err)
	}
	cancel()
	resp.Body.Close()

	deadline := time.Now().Add(10 * time.Second)
	for metricValue(t, srv, `qrhttp_requests_total{endpoint="batch",code="200"}`) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the batch handler did not return after the client went away")
		}
		time.Sleep(10 * time.Millisecond)
	}
	done := metricValue(t, srv, `qrhttp_items_total{endpoint="batch",result="ok"}`)
	if done >= items/2 {
		t.Errorf("%d of %d items written after the client went away", done, items)
	}
	if n := metricValue(t, srv, "qrhttp_cpu_slots_in_use"); n != 0 {
		t.Errorf("%d CPU slots still in use", n)
	}
}

// TestBatchSharesSlots: with one CPU slot, a single request sent while a
// long batch runs is answered long before the batch ends, because the batch
// gives its slot back between chunks.
func TestBatchSharesSlots(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of encoding")
	}
	h := qrhttp.New(qrhttp.Options{Concurrency: 1, CacheBytes: -1, QueueWait: 5 * time.Second})
	srv := httptest.NewServer(h)
	defer srv.Close()
	batchDone := make(chan time.Time, 1)
	go func() {
		resp, err := http.Post(srv.URL+"/api/generate/batch", "application/json", strings.NewReader(bigBatch(400)))
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		batchDone <- time.Now()
	}()
	for metricValue(t, srv, `qrhttp_items_total{endpoint="batch",result="ok"}`) < 8 {
		time.Sleep(time.Millisecond)
	}
	resp, err := http.Get(srv.URL + "/api/generate?text=single")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("single request during a batch: %v, %v", resp, err)
	}
	resp.Body.Close()
	answered := time.Now()
	if end := <-batchDone; !answered.Before(end) {
		t.Errorf("the single request was answered after the batch ended")
	}
}

// plainWriter hides every optional interface of the ResponseWriter it
// wraps (Flush, deadlines), as the wrappers of many middlewares do.
type plainWriter struct{ w http.ResponseWriter }

func (p plainWriter) Header() http.Header         { return p.w.Header() }
func (p plainWriter) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p plainWriter) WriteHeader(code int)        { p.w.WriteHeader(code) }

// TestBatchBehindMiddleware: a ResponseWriter that cannot flush still gets
// the whole ZIP.
func TestBatchBehindMiddleware(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	var body strings.Builder
	body.WriteString(`{"scale":1,"items":[`)
	for i := range 30 {
		if i > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `{"text":"item %d"}`, i)
	}
	body.WriteString("]}")
	rec := httptest.NewRecorder()
	h.ServeHTTP(plainWriter{rec}, httptest.NewRequest("POST", "/api/generate/batch", strings.NewReader(body.String())))
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 30 || errs.Written != 30 {
		t.Errorf("%d entries, errors.json %+v; want all 30 items", len(files), errs)
	}
}

// TestBatchGS1: the generate fields of other issues apply to every item; a
// bad GS1 first item is that item's error, not the batch's; sequences are
// refused.
func TestBatchGS1(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	body := `{"gs1":true,"items":[{"name":"bad","text":"(01)09506000134353"},{"name":"good","text":"(01)09506000134352(17)261231"}]}`
	rec := serve(h, "POST", "/api/generate/batch", strings.NewReader(body))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 1 || files[0].Name != "good.png" || len(errs.Errors) != 1 || errs.Errors[0].Code != "bad_gs1" {
		t.Fatalf("entries %v, errors.json %+v", files, errs)
	}
	res, err := decode.Bytes(zipData(t, files[0]))
	if err != nil || len(res) != 1 || !res[0].GS1 || res[0].Text != "(01)09506000134352(17)261231" {
		t.Errorf("good.png decodes to %+v, %v", res, err)
	}
	errorAnswer(t, serve(h, "POST", "/api/generate/batch", strings.NewReader(`{"sequence":{"max_version":2},"items":[{"text":"a"}]}`)), 400, "bad_sequence")
}

// TestBatchDoesNotFit: an item no code holds at the level is that item's
// error in errors.json (does_not_fit, with the message), not the batch's.
func TestBatchDoesNotFit(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	body := `{"level":"H","items":[{"name":"a","text":"fits"},{"name":"b","text":"` + strings.Repeat("z", 2000) + `"}]}`
	rec := serve(h, "POST", "/api/generate/batch", strings.NewReader(body), "Content-Type", "application/json")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 1 || files[0].Name != "a.png" || len(errs.Errors) != 1 {
		t.Fatalf("%d files, errors %+v", len(files), errs)
	}
	if e := errs.Errors[0]; e.Item != 2 || e.Code != "does_not_fit" || !strings.Contains(e.Error, "it fits at level M") {
		t.Errorf("error %+v, want item 2 does_not_fit with the level that fits", e)
	}
}

// TestBatchStyled: a batch takes the styling fields of generate, a logo as
// a data URI among them (the web page's batch sends its style so); every
// image is checked, and a style that cannot scan is each item's error.
func TestBatchStyled(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	items := `"items":[{"name":"a","text":"https://example.com/1"},{"name":"b","text":"https://example.com/2"}]`
	styled := `{"modules":"dots","finders":"rounded","gradient":"#1a237e,#6a1b9a,45","logo":"` + dataURI(logoPNG(t, 40, 40)) + `","logo_size":0.2,` + items + `}`
	rec := serve(h, "POST", "/api/generate/batch", strings.NewReader(styled), "Content-Type", "application/json")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	files, errs := readZip(t, rec.Body.Bytes())
	if len(files) != 2 || len(errs.Errors) != 0 {
		t.Fatalf("%d files, errors %+v", len(files), errs)
	}
	for i, f := range files {
		res, err := decode.Bytes(zipData(t, f))
		if want := "https://example.com/" + string(rune('1'+i)); err != nil || len(res) != 1 || res[0].Text != want {
			t.Errorf("%s decodes to %+v, %v; want %q", f.Name, res, err, want)
		}
	}
	light := `{"gradient":"#ffeb3b,#fff59d",` + items + `}`
	rec = serve(h, "POST", "/api/generate/batch", strings.NewReader(light), "Content-Type", "application/json")
	files, errs = readZip(t, rec.Body.Bytes())
	if rec.Code != 200 || len(files) != 0 || len(errs.Errors) != 2 || errs.Errors[0].Code != "not_scannable" {
		t.Errorf("a light gradient: status %d, %d files, errors %+v; want every item not_scannable", rec.Code, len(files), errs)
	}
}
