package qrhttp

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// apiError is an error answered to the client: its HTTP status, a stable
// machine-readable code and a message for people.
type apiError struct {
	status     int
	code       string
	msg        string
	retryAfter int // seconds; 0 means no Retry-After header
}

func (e *apiError) Error() string { return e.msg }

// The errors that do not depend on the request.
var (
	errNoRoute      = &apiError{http.StatusNotFound, "no_route", "no such endpoint", 0}
	errNotReady     = &apiError{http.StatusServiceUnavailable, "not_ready", "shutting down", 1}
	errQueueFull    = &apiError{http.StatusServiceUnavailable, "overloaded", "server overloaded: wait queue full", 1}
	errQueueTimeout = &apiError{http.StatusServiceUnavailable, "overloaded", "server overloaded: no capacity within the queue wait", 1}
	errCanceled     = &apiError{http.StatusServiceUnavailable, "canceled", "request canceled or timed out while queued", 1}
	errSlowBody     = &apiError{http.StatusRequestTimeout, "timeout", "request body not received in time", 0}
	errBodyRead     = &apiError{http.StatusBadRequest, "bad_body", "cannot read request body", 0}
)

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// serveError writes e as JSON and returns its status.
func serveError(w http.ResponseWriter, e *apiError) int {
	return writeError(w, e, errorBody{Error: e.msg, Code: e.code})
}

// writeError answers e with body, errorBody or a type that extends it, as
// JSON, and returns e's status.
func writeError(w http.ResponseWriter, e *apiError, body any) int {
	hdr := w.Header()
	hdr["Content-Type"] = ctJSON
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	delete(hdr, "Etag")
	delete(hdr, "Content-Disposition") // the error is not the file asked for
	if e.retryAfter > 0 {
		hdr["Retry-After"] = []string{strconv.Itoa(e.retryAfter)}
	}
	b, _ := json.Marshal(body) // cannot fail: strings and numbers
	w.WriteHeader(e.status)
	w.Write(append(b, '\n'))
	return e.status
}

// serveMethodNotAllowed answers 405 with the Allow header.
func serveMethodNotAllowed(w http.ResponseWriter, allow string) int {
	w.Header()["Allow"] = []string{allow}
	return serveError(w, &apiError{http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed; use " + allow, 0})
}

// badRequest returns a 400 error with the given code and message.
func badRequest(code, msg string) *apiError {
	return &apiError{http.StatusBadRequest, code, msg, 0}
}

// tooLarge returns a 413 error with the given code and message.
func tooLarge(code, msg string) *apiError {
	return &apiError{http.StatusRequestEntityTooLarge, code, msg, 0}
}
