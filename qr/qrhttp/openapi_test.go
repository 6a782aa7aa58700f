package qrhttp_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

// TestOpenAPIServed checks that /openapi.json is an OpenAPI 3.1 document
// whose paths are exactly the routes of New, each method of each answered.
// tools/servicetest validates the document and the answers against it.
func TestOpenAPIServed(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	rec := serve(h, "GET", "/openapi.json", nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	routes := []string{"/api/generate", "/api/generate/batch", "/api/decode", "/healthz", "/readyz", "/metrics", "/openapi.json"}
	if len(doc.Paths) != len(routes) {
		t.Errorf("%d paths documented, want %d", len(doc.Paths), len(routes))
	}
	cors := qrhttp.New(qrhttp.Options{CORSOrigins: []string{"*"}})
	for _, path := range routes {
		ops := doc.Paths[path]
		if ops == nil {
			t.Errorf("%s is not documented", path)
		}
		for method := range ops {
			m := strings.ToUpper(method)
			header := []string{"Origin", "https://a.example", "Access-Control-Request-Method", "POST"}
			if rec := serve(cors, m, path, strings.NewReader("{}"), header...); rec.Code == 404 || rec.Code == 405 {
				t.Errorf("%s %s is documented but answers %d", m, path, rec.Code)
			}
		}
	}
	if rec := serve(h, "HEAD", "/openapi.json", nil); rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: status %d, %d body bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
}
