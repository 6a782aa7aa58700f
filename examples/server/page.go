package main

import (
	_ "embed"
	"net/http"
)

// page is the web page of the service: generate a code with a live preview
// and downloads, read many images with each code outlined, make a ZIP of
// codes from a list or a CSV. It is one file, loaded in one request:
// styles, script and icon are inline, and it talks only to this server's
// API, so it works offline.
//
//go:embed page.html
var page []byte

func pageHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' blob: data:; connect-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
		w.Write(page)
	})
}
