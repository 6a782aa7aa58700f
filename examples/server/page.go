package main

import (
	_ "embed"
	"net/http"
)

// page is the try-it page: type text and see its code, upload an image and
// see what it says. Everything is inline: no external assets.
//
//go:embed page.html
var page []byte

func pageHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
		w.Write(page)
	})
}
