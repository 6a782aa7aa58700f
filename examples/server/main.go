// Command server runs the qrworks HTTP service: the qrhttp API, a small
// page to try it, access logs and graceful shutdown.
//
//	go run ./examples/server                 # http://127.0.0.1:8080
//	go run ./examples/server -addr :9000     # all interfaces, port 9000
//
// On SIGINT or SIGTERM the server turns /readyz to 503, waits
// -shutdown-delay so that load balancers notice, stops accepting
// connections, and lets in-flight requests finish (up to
// -shutdown-timeout) before it exits with status 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// config is what the command line sets.
type config struct {
	addr            string
	accessLog       bool
	shutdownDelay   time.Duration
	shutdownTimeout time.Duration
	api             qrhttp.Options
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var rateLimit float64
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address")
	fs.BoolVar(&c.accessLog, "access-log", true, "log every request (method, path, status, duration, bytes)")
	fs.DurationVar(&c.shutdownDelay, "shutdown-delay", 0, "time between /readyz turning 503 and closing the listener (set it to the probe period behind a load balancer)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "longest wait for in-flight requests on shutdown")
	fs.IntVar(&c.api.Concurrency, "concurrency", 0, "requests doing CPU work at once (0: GOMAXPROCS×2)")
	fs.Int64Var(&c.api.MaxUploadBytes, "max-upload", 0, "largest image upload in bytes (0: 8 MiB)")
	fs.Int64Var(&c.api.MaxPixels, "max-pixels", 0, "largest uploaded image in pixels (0: 16 Mi)")
	fs.DurationVar(&c.api.Timeout, "timeout", 0, "time to read a request body and wait for a CPU slot (0: 10s)")
	fs.Int64Var(&c.api.CacheBytes, "cache-bytes", 0, "memory of the response cache of /api/generate in bytes (0: 16 MiB, negative: no cache)")
	fs.Float64Var(&rateLimit, "rate-limit", 0, "API requests per second per client IP (0: no limit)")
	fs.IntVar(&c.api.RateBurst, "rate-burst", 0, "burst of the per-client rate limit (0: the rate rounded up)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	c.api.RateLimit = rate.Limit(rateLimit)
	return c, nil
}

// newHandler returns the server's routes: the page at /, the API
// everywhere else, wrapped in the access log if enabled.
func newHandler(api *qrhttp.Handler, logger *slog.Logger, accessLog bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", pageHandler())
	mux.Handle("/", api)
	if !accessLog {
		return mux
	}
	return logRequests(logger, mux)
}

// run serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	out := newBufferedLog(stderr)
	defer out.Close()
	logger := slog.New(slog.NewTextHandler(out, nil))
	api := qrhttp.New(c.api)
	srv := &http.Server{
		Handler:           newHandler(api, logger, c.accessLog),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")
	out.flush() // at once, for whoever waits for this line

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	logger.Info("shutting down", "delay", c.shutdownDelay, "timeout", c.shutdownTimeout)
	api.SetReady(false)
	time.Sleep(c.shutdownDelay)
	sctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}
