package qrhttp

import (
	_ "embed"
	"net/http"
	"strconv"
	"time"
)

// openAPI is the OpenAPI 3.1 description of the standard paths, written by
// hand beside the handlers it describes. tools/servicetest checks it
// against a running Handler: every documented route and status is
// answered, and sample requests and answers validate against its schemas.
//
//go:embed openapi.json
var openAPI []byte

var openAPILength = []string{strconv.Itoa(len(openAPI))}

// serveOpenAPI answers /openapi.json.
func serveOpenAPI(w http.ResponseWriter, r *http.Request, _ time.Time) int {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return serveMethodNotAllowed(w, "GET, HEAD")
	}
	hdr := w.Header()
	hdr["Content-Type"] = ctJSON
	hdr["Content-Length"] = openAPILength
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(openAPI)
	}
	return http.StatusOK
}
