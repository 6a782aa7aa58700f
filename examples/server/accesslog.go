package main

import (
	"log/slog"
	"net/http"
	"time"
)

// logRequests logs every request after it is served: method, path, status,
// duration and response bytes.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &responseLog{ResponseWriter: w}
		next.ServeHTTP(rw, r)
		if rw.status == 0 {
			rw.status = http.StatusOK
		}
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rw.status),
			slog.Duration("duration", time.Since(start)),
			slog.Int64("bytes", rw.bytes),
			slog.String("remote", r.RemoteAddr),
		)
	})
}

// responseLog records the status and size of a response.
type responseLog struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (l *responseLog) WriteHeader(status int) {
	if l.status == 0 {
		l.status = status
	}
	l.ResponseWriter.WriteHeader(status)
}

func (l *responseLog) Write(p []byte) (int, error) {
	if l.status == 0 {
		l.status = http.StatusOK
	}
	n, err := l.ResponseWriter.Write(p)
	l.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the server's writer (for the
// read deadlines qrhttp sets).
func (l *responseLog) Unwrap() http.ResponseWriter { return l.ResponseWriter }
