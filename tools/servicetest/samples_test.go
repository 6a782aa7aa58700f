package servicetest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// origin is the origin the main server allows cross-origin requests from.
const origin = "https://shop.example"

// startServers starts the handlers the samples need, each configured to
// give one kind of answer on demand.
func startServers(t *testing.T) map[string]*httptest.Server {
	t.Helper()
	notReady := qrhttp.New(qrhttp.Options{})
	notReady.SetReady(false)
	handlers := map[string]http.Handler{
		// The defaults, with CORS on for one origin.
		"main": qrhttp.New(qrhttp.Options{CORSOrigins: []string{origin}}),
		// One request per client, clients told apart by X-Client.
		"limited": qrhttp.New(qrhttp.Options{RateLimit: rate.Limit(0.001), RateBurst: 1,
			ClientKey: func(r *http.Request) string { return r.Header.Get("X-Client") }}),
		// One CPU slot, a millisecond of queueing, no cache: busy at once.
		"busy": qrhttp.New(qrhttp.Options{Concurrency: 1, QueueWait: time.Millisecond, CacheBytes: -1}),
		// Small limits, to pass them cheaply.
		"small": qrhttp.New(qrhttp.Options{MaxUploadBytes: 2000, MaxBatchItems: 2}),
		// A short time to read a body.
		"slow":     qrhttp.New(qrhttp.Options{Timeout: 300 * time.Millisecond}),
		"notready": notReady,
	}
	servers := map[string]*httptest.Server{}
	for name, h := range handlers {
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		servers[name] = srv
	}
	return servers
}

// Images for the samples.
var (
	w1       = "https://example.com/product/0123456789?batch=42"
	w1PNG    = encodePNG(qrImage(w1))
	blankPNG = encodePNG(white(100))
	// noisePNG has no code and takes the decoder over a second of fallback
	// passes: decoding it holds a CPU slot that long.
	noisePNG = encodePNG(noise(1000))
)

func qrImage(text string) image.Image {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		panic(err)
	}
	return code.Image(qr.Scale(4))
}

func white(side int) image.Image {
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	return img
}

func noise(side int) image.Image {
	img := image.NewGray(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	return img
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// gs1PNG is a GS1 code: decoding it reports its elements.
var gs1PNG = func() []byte {
	code, err := qr.Encode("(01)09506000134352(17)261231", qr.M, qr.GS1())
	if err != nil {
		panic(err)
	}
	return encodePNG(code.Image(qr.Scale(4)))
}()

// sequenceFiles returns a multipart body with the codes of a structured
// append sequence, one per part: decoding it merges them across files.
func sequenceFiles() ([]byte, string) {
	codes, err := qr.EncodeSequence(strings.Repeat("a sequence over files ", 8), qr.M, qr.MaxVersion(2))
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i, c := range codes {
		fw, _ := mw.CreateFormFile("file", fmt.Sprintf("part-%d.png", i))
		fw.Write(encodePNG(c.Image(qr.Scale(4))))
	}
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// multipartFiles returns a multipart body with a "file" part per name, all
// holding data, and its Content-Type.
func multipartFiles(data []byte, names ...string) ([]byte, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, n := range names {
		fw, _ := mw.CreateFormFile("file", n)
		fw.Write(data)
	}
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// samples returns the requests of TestOpenAPIAgainstHandler: at least one
// per documented path, method and status.
func samples(t *testing.T, servers map[string]*httptest.Server) []sample {
	etag := etagOf(t, servers["main"].URL+"/api/generate?text=a")
	long := "/api/generate?text=" + strings.Repeat("a", 33<<10)
	var out []sample
	out = append(out, generateSamples(etag, long)...)
	out = append(out, batchSamples(long)...)
	out = append(out, decodeSamples(long)...)
	out = append(out, operationSamples()...)
	out = append(out, limitedSamples(t, servers["limited"].URL)...)
	out = append(out, busySamples(t, servers["busy"].URL)...)
	return out
}

func etagOf(t *testing.T, url string) string {
	resp, err := http.Get(url)
	must(t, err)
	resp.Body.Close()
	return resp.Header.Get("Etag")
}

var (
	jsonCT    = []string{"Content-Type", "application/json"}
	preflight = []string{"Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"}
)

func generateSamples(etag, long string) []sample {
	const q = "/api/generate?text=hello&level=q&scale=3&quiet=2&fg=%23123&bg=%23ffffff80&eci=false"
	textTooLong := "/api/generate?text=" + strings.Repeat("1", 7090)
	// Within the limits, but more than version 40 holds at level H.
	doesNotFit := "/api/generate?text=" + strings.Repeat("z", 2000)
	post := func(body string) []byte { return []byte(body) }
	return []sample{
		{name: "generate GET PNG", server: "main", method: "GET", target: q, status: 200},
		{name: "generate GET SVG by Accept", server: "main", method: "GET", target: q, header: []string{"Accept", "image/svg+xml"}, status: 200},
		{name: "generate GET JSON by Accept, download", server: "main", method: "GET", target: q + "&download=1", header: []string{"Accept", "application/json"}, status: 200},
		{name: "generate GET SVG in JSON", server: "main", method: "GET", target: q + "&format=svg", header: []string{"Accept", "application/json"}, status: 200},
		{name: "generate GET Micro QR", server: "main", method: "GET", target: "/api/generate?text=12345&symbol=micro", status: 200},
		{name: "generate GET rMQR with AIM", server: "main", method: "GET", target: "/api/generate?text=12345&symbol=rmqr&aim=37&max_height=99", status: 200},
		{name: "generate GET not modified", server: "main", method: "GET", target: "/api/generate?text=a", header: []string{"If-None-Match", etag}, status: 304},
		{name: "generate GET no text", server: "main", method: "GET", target: "/api/generate?scale=3", status: 400, request: requestInvalid},
		{name: "generate GET bad level", server: "main", method: "GET", target: "/api/generate?text=a&level=X", status: 400, request: requestInvalid},
		{name: "generate GET not acceptable", server: "main", method: "GET", target: q, header: []string{"Accept", "text/plain"}, status: 406},
		{name: "generate GET text too long", server: "main", method: "GET", target: textTooLong, status: 413},
		{name: "generate GET query too long", server: "main", method: "GET", target: long, status: 414},
		{name: "generate GET does not fit", server: "main", method: "GET", target: doesNotFit, status: 422},
		{name: "generate HEAD", server: "main", method: "HEAD", target: q, status: 200},
		{name: "generate HEAD not modified", server: "main", method: "HEAD", target: "/api/generate?text=a", header: []string{"If-None-Match", etag}, status: 304},
		{name: "generate HEAD bad scale", server: "main", method: "HEAD", target: "/api/generate?text=a&scale=99", status: 400, request: requestInvalid},
		{name: "generate HEAD not acceptable", server: "main", method: "HEAD", target: q, header: []string{"Accept", "text/plain"}, status: 406},
		{name: "generate HEAD text too long", server: "main", method: "HEAD", target: textTooLong, status: 413},
		{name: "generate HEAD query too long", server: "main", method: "HEAD", target: long, status: 414},
		{name: "generate HEAD does not fit", server: "main", method: "HEAD", target: doesNotFit, status: 422},
		{name: "generate POST PNG", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + w1 + `"}`), status: 200},
		{name: "generate POST JSON", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a","format":"json","level":"L","scale":1,"quiet":0,"fg":"#000","bg":"#fff","eci":true}`), status: 200},
		{name: "generate POST SVG by Accept", server: "main", method: "POST", target: "/api/generate?download=true", header: []string{"Content-Type", "application/json", "Accept", "image/svg+xml"}, body: post(`{"text":"a"}`), status: 200},
		{name: "generate POST GS1 rMQR", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"(01)09506000134352(17)261231","gs1":true,"symbol":"rmqr","max_height":13}`), status: 200},
		{name: "generate POST sequence", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + strings.Repeat("a sequence ", 20) + `","level":"M","sequence":{"max_version":2}}`), status: 200},
		{name: "generate POST bad AIM", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a","aim":"123"}`), status: 400, request: requestInvalid},
		{name: "generate POST bad JSON", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":`), status: 400, request: requestInvalid},
		{name: "generate POST bad colour", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a","fg":"red"}`), status: 400, request: requestInvalid},
		{name: "generate POST not acceptable", server: "main", method: "POST", target: "/api/generate", header: []string{"Content-Type", "application/json", "Accept", "text/html"}, body: post(`{"text":"a"}`), status: 406},
		{name: "generate POST body too slow", server: "slow", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a"}`), status: 408, request: requestUnchecked, slow: true},
		{name: "generate POST body too large", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + strings.Repeat("1", 70000) + `"}`), status: 413},
		{name: "generate POST query too long", server: "main", method: "POST", target: long, header: jsonCT, body: post(`{"text":"a"}`), status: 414},
		{name: "generate POST Micro QR does not fit", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + strings.Repeat("x", 40) + `","symbol":"micro"}`), status: 422},
		{name: "generate POST sequence does not fit", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + strings.Repeat("x", 3000) + `","sequence":{"max_version":1}}`), status: 422},
		{name: "generate POST styled", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"` + w1 + `","modules":"dots","finders":"rounded","gradient":"#1a237e,#6a1b9a,45","logo":"` + logoURI + `","logo_size":0.25}`), status: 200},
		{name: "generate POST logo not an image", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a","logo":"data:image/png;base64,aGVsbG8="}`), status: 415},
		{name: "generate POST not scannable", server: "main", method: "POST", target: "/api/generate", header: jsonCT, body: post(`{"text":"a","gradient":"#ffeb3b,#fff59d"}`), status: 422},
		{name: "generate GET styled", server: "main", method: "GET", target: "/api/generate?text=a&modules=rounded&gradient=radial,%23b71c1c,%23000000", status: 200},
		{name: "generate GET logo not an image", server: "main", method: "GET", target: "/api/generate?text=a&logo=data:image/png%3Bbase64,aGVsbG8%3D", status: 415},
		{name: "generate GET not scannable", server: "main", method: "GET", target: "/api/generate?text=a&gradient=%23ffeb3b,%23fff59d", status: 422},
		{name: "generate preflight", server: "main", method: "OPTIONS", target: "/api/generate", header: preflight, status: 204},
		{name: "generate preflight refused", server: "main", method: "OPTIONS", target: "/api/generate", header: []string{"Origin", "https://evil.example", "Access-Control-Request-Method", "GET"}, status: 403},
	}
}

// logoURI is a data URI of a 2×2 orange PNG, a logo for the styled samples.
const logoURI = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGN4n8MARAwQCgApvgVtkQWwwQAAAABJRU5ErkJggg=="

func batchSamples(long string) []sample {
	const items = `"items":[{"name":"SKU-1","text":"https://example.com/1"},{"name":"SKU-1","text":"dup"},{"text":"no name"},{"name":"../x","text":"bad name"}]`
	csvBody := []byte("name,text\nA,one\nB,\"two, three\"\nC,\n")
	csvCT := []string{"Content-Type", "text/csv"}
	return []sample{
		{name: "batch JSON", server: "main", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"level":"M","scale":2,` + items + `}`), status: 200},
		{name: "batch JSON SVG", server: "main", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"format":"svg",` + items + `}`), status: 200},
		{name: "batch CSV", server: "main", method: "POST", target: "/api/generate/batch?format=svg&scale=2", header: csvCT, body: csvBody, status: 200},
		{name: "batch bad level", server: "main", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"level":"X",` + items + `}`), status: 400, request: requestInvalid},
		{name: "batch no items", server: "main", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"items":[]}`), status: 400, request: requestInvalid},
		{name: "batch body too slow", server: "slow", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{` + items + `}`), status: 408, request: requestUnchecked, slow: true},
		{name: "batch too many items", server: "small", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{` + items + `}`), status: 413},
		{name: "batch query too long", server: "main", method: "POST", target: strings.Replace(long, "/api/generate", "/api/generate/batch", 1), header: jsonCT, body: []byte(`{` + items + `}`), status: 414},
		{name: "batch XML", server: "main", method: "POST", target: "/api/generate/batch", header: []string{"Content-Type", "application/xml"}, body: []byte(`<items/>`), status: 415, request: requestInvalid},
		{name: "batch preflight", server: "main", method: "OPTIONS", target: "/api/generate/batch", header: preflight, status: 204},
		{name: "batch preflight refused", server: "main", method: "OPTIONS", target: "/api/generate/batch", header: []string{"Origin", "null", "Access-Control-Request-Method", "POST"}, status: 403},
	}
}

func decodeSamples(long string) []sample {
	one, oneCT := multipartFiles(w1PNG, "w1.png")
	many, manyCT := multipartFiles(w1PNG, "a.png", "b.png")
	seq, seqCT := sequenceFiles()
	mixed, mixedCT := multipartFiles(blankPNG, "blank.png", "blank2.png")
	none, noneCT := multipartFiles(nil)
	pngCT := []string{"Content-Type", "image/png"}
	return []sample{
		{name: "decode raw PNG", server: "main", method: "POST", target: "/api/decode", header: pngCT, body: w1PNG, status: 200},
		{name: "decode one file", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", oneCT}, body: one, status: 200},
		{name: "decode two files", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", manyCT}, body: many, status: 200},
		{name: "decode a GS1 code", server: "main", method: "POST", target: "/api/decode", header: pngCT, body: gs1PNG, status: 200},
		{name: "decode a sequence over files", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", seqCT}, body: seq, status: 200},
		{name: "decode two files without codes", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", mixedCT}, body: mixed, status: 200},
		{name: "decode no file part", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", noneCT}, body: none, status: 400, request: requestInvalid},
		{name: "decode body too slow", server: "slow", method: "POST", target: "/api/decode", header: pngCT, body: w1PNG[:100], status: 408, request: requestUnchecked, slow: true},
		{name: "decode upload too large", server: "small", method: "POST", target: "/api/decode", header: pngCT, body: noisePNG[:3000], status: 413},
		{name: "decode query too long", server: "main", method: "POST", target: strings.Replace(long, "/api/generate", "/api/decode", 1), header: pngCT, body: w1PNG, status: 414},
		{name: "decode not an image", server: "main", method: "POST", target: "/api/decode", header: []string{"Content-Type", "application/octet-stream"}, body: []byte("not an image"), status: 415},
		{name: "decode no code", server: "main", method: "POST", target: "/api/decode", header: pngCT, body: blankPNG, status: 422},
		{name: "decode preflight", server: "main", method: "OPTIONS", target: "/api/decode", header: preflight, status: 204},
		{name: "decode preflight refused", server: "main", method: "OPTIONS", target: "/api/decode", header: []string{"Origin", "http://shop.example", "Access-Control-Request-Method", "POST"}, status: 403},
	}
}

func operationSamples() []sample {
	return []sample{
		{name: "liveness", server: "main", method: "GET", target: "/healthz", status: 200},
		{name: "readiness", server: "main", method: "GET", target: "/readyz", status: 200},
		{name: "readiness when shutting down", server: "notready", method: "GET", target: "/readyz", status: 503},
		{name: "metrics", server: "main", method: "GET", target: "/metrics", status: 200},
		{name: "openapi", server: "main", method: "GET", target: "/openapi.json", status: 200},
	}
}

// limitedSamples are the 429s: each sample's client has spent its one
// request in before.
func limitedSamples(t *testing.T, url string) []sample {
	var out []sample
	for i, s := range []sample{
		{name: "generate GET rate limited", method: "GET", target: "/api/generate?text=a"},
		{name: "generate HEAD rate limited", method: "HEAD", target: "/api/generate?text=a"},
		{name: "generate POST rate limited", method: "POST", target: "/api/generate", header: jsonCT, body: []byte(`{"text":"a"}`)},
		{name: "batch rate limited", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"items":[{"text":"a"}]}`)},
		{name: "decode rate limited", method: "POST", target: "/api/decode", header: []string{"Content-Type", "image/png"}, body: w1PNG},
	} {
		client := "client-" + strconv.Itoa(i)
		s.server, s.status = "limited", 429
		s.header = append(s.header, "X-Client", client)
		s.before = func(t *testing.T) {
			req, _ := http.NewRequest("GET", url+"/api/generate?text=prime", nil)
			req.Header.Set("X-Client", client)
			resp, err := http.DefaultClient.Do(req)
			must(t, err)
			resp.Body.Close()
		}
		out = append(out, s)
	}
	return out
}

// busySamples are the 503s of overload: before each, a decode that takes
// over a second holds the busy server's only CPU slot.
func busySamples(t *testing.T, url string) []sample {
	hold := func(t *testing.T) {
		go func() {
			resp, err := http.Post(url+"/api/decode", "image/png", bytes.NewReader(noisePNG))
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
		waitForSlot(t, url)
	}
	var out []sample
	for i, s := range []sample{
		{name: "generate GET overloaded", method: "GET", target: "/api/generate?text=a"},
		{name: "generate HEAD overloaded", method: "HEAD", target: "/api/generate?text=a"},
		{name: "generate POST overloaded", method: "POST", target: "/api/generate", header: jsonCT, body: []byte(`{"text":"a"}`)},
		{name: "batch overloaded", method: "POST", target: "/api/generate/batch", header: jsonCT, body: []byte(`{"items":[{"text":"a"}]}`)},
		{name: "decode overloaded", method: "POST", target: "/api/decode", header: []string{"Content-Type", "image/png"}, body: w1PNG},
	} {
		s.name = fmt.Sprint(s.name, " ", i)
		s.server, s.status, s.before = "busy", 503, hold
		out = append(out, s)
	}
	return out
}

// sendSlow sends smp's headers, announcing 100 bytes more body than it
// then sends, and reads the answer the server gives when its read deadline
// passes.
func sendSlow(t *testing.T, srvURL string, smp sample) (*http.Response, []byte) {
	t.Helper()
	u, err := url.Parse(srvURL)
	must(t, err)
	conn, err := net.Dial("tcp", u.Host)
	must(t, err)
	defer conn.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", smp.method, smp.target, u.Host, len(smp.body)+100)
	for i := 0; i+1 < len(smp.header); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", smp.header[i], smp.header[i+1])
	}
	b.WriteString("\r\n")
	_, err = io.WriteString(conn, b.String())
	must(t, err)
	_, err = conn.Write(smp.body)
	must(t, err)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	must(t, err)
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, body
}

// zipEntry returns the data of the entry name of a ZIP.
func zipEntry(t *testing.T, zipBody []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(zipBody), int64(len(zipBody)))
	must(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			must(t, err)
			defer rc.Close()
			b, err := io.ReadAll(rc)
			must(t, err)
			return b
		}
	}
	t.Fatalf("no %s in the ZIP", name)
	return nil
}
