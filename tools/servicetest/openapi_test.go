package servicetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/content"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// How a sample's request must fare against the description.
const (
	requestValid     = iota // it validates
	requestInvalid          // it does not: the server refuses it too
	requestUnchecked        // it cannot be checked (a body cut short on purpose)
)

// sample is one request to a running handler, the status it must get, and
// how its request must fare against the description. Its answer must
// always validate.
type sample struct {
	name    string
	server  string // key of servers
	method  string
	target  string   // path and query
	header  []string // name, value, …
	body    []byte
	status  int
	request int // requestValid, …
	// before, if set, runs first: priming a rate limit, taking a CPU slot.
	before func(t *testing.T)
	// slow sends the headers and part of the body, then waits for the
	// answer: for 408.
	slow bool
}

// spec is the served description, and the parts of it the tests read.
type spec struct {
	raw   []byte
	paths map[string]map[string]struct {
		Responses map[string]json.RawMessage `json:"responses"`
	}
	doc libopenapi.Document
	v   validator.Validator
}

func loadSpec(t *testing.T, url string) *spec {
	t.Helper()
	resp, err := http.Get(url + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	s := &spec{raw: raw}
	var top struct {
		Paths json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(top.Paths, &s.paths); err != nil {
		t.Fatal(err)
	}
	if s.doc, err = libopenapi.NewDocument(raw); err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(s.doc,
		config.WithStandardBodyDecoders(),
		config.WithBodyDecoder("image/*", content.BinaryDecoder()),
		config.WithZipBodyDecoder(content.ZipLimits{CompressedSize: 64 << 20, ExpandedSize: 256 << 20, Entries: 20000, ExpansionRatio: 100}),
		config.WithRejectUnsupportedBodyContent(),
		config.WithFormatAssertions())
	if len(errs) > 0 {
		t.Fatalf("building the validator: %v", errs)
	}
	s.v = v
	return s
}

// TestOpenAPIDocument validates the description against the OpenAPI 3.1
// schema, and checks that it describes the standard paths.
func TestOpenAPIDocument(t *testing.T) {
	srv := httptest.NewServer(qrhttp.New(qrhttp.Options{}))
	defer srv.Close()
	s := loadSpec(t, srv.URL)
	if v := s.doc.GetVersion(); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", v)
	}
	if ok, errs := s.v.ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("document: %v", e)
		}
	}
	for _, p := range []string{"/api/generate", "/api/generate/batch", "/api/decode", "/healthz", "/readyz", "/metrics", "/openapi.json"} {
		if s.paths[p] == nil {
			t.Errorf("%s is not described", p)
		}
	}
}

// TestOpenAPIAgainstHandler sends sample requests of every documented
// operation and status to running handlers: every answer validates against
// the description, every sample request valid for it validates and every
// one it should refuse does not, and every documented route and status has
// been answered.
func TestOpenAPIAgainstHandler(t *testing.T) {
	servers := startServers(t)
	s := loadSpec(t, servers["main"].URL)
	covered := map[string]bool{} // "path method status"
	for _, smp := range samples(t, servers) {
		t.Run(smp.name, func(t *testing.T) {
			if smp.before != nil {
				smp.before(t)
			}
			resp, body := send(t, servers[smp.server].URL, smp)
			if resp.StatusCode != smp.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, smp.status, body)
			}
			req := smp.validationRequest()
			checkRequest(t, s, req, smp)
			resp.Body = io.NopCloser(bytes.NewReader(body))
			if ok, errs := s.v.ValidateHttpResponse(req, resp); !ok {
				for _, e := range errs {
					t.Errorf("answer: %s: %s %v", e.Message, e.Reason, e.SchemaValidationErrors)
				}
				return
			}
			path, _, _ := strings.Cut(smp.target, "?")
			covered[path+" "+strings.ToLower(smp.method)+" "+strconv.Itoa(smp.status)] = true
			if smp.status == 200 && path == "/api/generate/batch" {
				checkBatchErrors(t, s, body)
			}
		})
	}
	var missing []string
	for path, ops := range s.paths {
		for method, op := range ops {
			for status := range op.Responses {
				if key := path + " " + method + " " + status; !covered[key] {
					missing = append(missing, key)
				}
			}
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("documented but no sample got it: %s", m)
	}
}

// checkRequest validates the request of smp, as smp.request says it must.
func checkRequest(t *testing.T, s *spec, req *http.Request, smp sample) {
	t.Helper()
	if smp.request == requestUnchecked {
		return
	}
	ok, errs := s.v.ValidateHttpRequestSync(req)
	switch {
	case smp.request == requestValid && !ok:
		for _, e := range errs {
			t.Errorf("request: %s: %s %v", e.Message, e.Reason, e.SchemaValidationErrors)
		}
	case smp.request == requestInvalid && ok:
		t.Errorf("the description accepts a request the server refuses with %d", smp.status)
	}
}

// validationRequest rebuilds smp's request for the validator, body included.
func (smp sample) validationRequest() *http.Request {
	req := httptest.NewRequest(smp.method, smp.target, bytes.NewReader(smp.body))
	for i := 0; i+1 < len(smp.header); i += 2 {
		req.Header.Set(smp.header[i], smp.header[i+1])
	}
	return req
}

// send sends smp to the server at url and returns the answer and its body.
func send(t *testing.T, url string, smp sample) (*http.Response, []byte) {
	t.Helper()
	if smp.slow {
		return sendSlow(t, url, smp)
	}
	req, err := http.NewRequest(smp.method, url+smp.target, bytes.NewReader(smp.body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(smp.header); i += 2 {
		req.Header.Set(smp.header[i], smp.header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// checkBatchErrors validates errors.json of a batch ZIP against the
// BatchErrors schema.
func checkBatchErrors(t *testing.T, s *spec, zipBody []byte) {
	t.Helper()
	data := zipEntry(t, zipBody, "errors.json")
	m, err := s.doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	proxy, ok := m.Model.Components.Schemas.Get("BatchErrors")
	if !ok {
		t.Fatal("no BatchErrors schema")
	}
	var schema *base.Schema = proxy.Schema()
	if ok, errs := schema_validation.NewSchemaValidator().ValidateSchemaBytes(schema, data); !ok {
		for _, e := range errs {
			t.Errorf("errors.json: %s: %s %v", e.Message, e.Reason, e.SchemaValidationErrors)
		}
	}
}

// waitForSlot polls the metrics at url until a CPU slot is in use.
func waitForSlot(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(b, []byte("\nqrhttp_cpu_slots_in_use 1\n")) {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("no CPU slot taken within 5 s")
}

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(fmt.Errorf("set-up: %w", err))
	}
}
