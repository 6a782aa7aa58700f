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
//
// It tunes the runtime for a service that computes under many connections
// (see schedule and tuneGC): CPU work gets a slot per CPU and the scheduler
// one P more, and the garbage collector runs at GOGC 400 under a 64 MiB soft
// memory limit. -debug-addr serves net/http/pprof on a separate listener.
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
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/qrworks/qrworks/qr/qrhttp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	status := exitStatus(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(status)
}

// errUsage marks a bad command line; the flag package has already said
// what is wrong.
var errUsage = errors.New("bad command line")

// exitStatus runs the server and returns the process's exit status: 0
// after a graceful shutdown and for -h, 2 for a bad command line, 1 for
// any other error, which it writes to stderr.
func exitStatus(ctx context.Context, args []string, stderr io.Writer) int {
	err := run(ctx, args, stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "server:", err)
		return 2
	}
	fmt.Fprintln(stderr, "server:", err)
	return 1
}

// config is what the command line sets.
type config struct {
	addr            string
	debugAddr       string
	accessLog       bool
	shutdownDelay   time.Duration
	shutdownTimeout time.Duration
	gcPercent       int
	memoryLimit     int64
	api             qrhttp.Options
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var rateLimit float64
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address")
	fs.StringVar(&c.debugAddr, "debug-addr", "", "if set, serve net/http/pprof at this address (keep it on loopback)")
	fs.BoolVar(&c.accessLog, "access-log", true, "log every request (method, path, status, duration, bytes)")
	fs.DurationVar(&c.shutdownDelay, "shutdown-delay", 0, "time between /readyz turning 503 and closing the listener (set it to the probe period behind a load balancer)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "longest wait for in-flight requests on shutdown")
	fs.IntVar(&c.gcPercent, "gc-percent", 400, "garbage collector target percentage, as GOGC (the GOGC variable, if set, wins)")
	fs.Int64Var(&c.memoryLimit, "memory-limit", 64<<20, "soft memory limit in bytes, as GOMEMLIMIT (the GOMEMLIMIT variable, if set, wins)")
	fs.IntVar(&c.api.Concurrency, "concurrency", 0, "requests doing CPU work at once (0: the CPU count; GOMAXPROCS is set one above it unless the GOMAXPROCS variable is set)")
	fs.Int64Var(&c.api.MaxUploadBytes, "max-upload", 0, "largest image upload in bytes (0: 8 MiB)")
	fs.Int64Var(&c.api.MaxPixels, "max-pixels", 0, "largest uploaded image in pixels (0: 16 Mi)")
	fs.DurationVar(&c.api.Timeout, "timeout", 0, "time to read a request body and wait for a CPU slot (0: 10s)")
	fs.Int64Var(&c.api.CacheBytes, "cache-bytes", 0, "memory of the response cache of /api/generate in bytes (0: 16 MiB, negative: no cache)")
	fs.Float64Var(&rateLimit, "rate-limit", 0, "API requests per second per client IP (0: no limit)")
	fs.IntVar(&c.api.RateBurst, "rate-burst", 0, "burst of the per-client rate limit (0: the rate rounded up)")
	fs.Func("cors-origin", "let pages of this `origin` (https://example.com, or * for all) call the API from the browser; repeatable (default: none)", func(v string) error {
		if v != "*" && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
			return fmt.Errorf("%q is not an origin such as https://example.com, nor *", v)
		}
		c.api.CORSOrigins = append(c.api.CORSOrigins, v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
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
	cpus, procs := schedule(&c.api)
	tuneGC(c.gcPercent, c.memoryLimit)
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
	logger.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/",
		"cpus", cpus, "gomaxprocs", procs, "concurrency", c.api.Concurrency)
	out.flush() // at once, for whoever waits for this line

	if c.debugAddr != "" {
		dln, err := net.Listen("tcp", c.debugAddr)
		if err != nil {
			return err
		}
		defer dln.Close()
		go http.Serve(dln, debugHandler())
		logger.Info("profiling", "url", "http://"+dln.Addr().String()+"/debug/pprof/")
	}

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

// schedule sizes the CPU work and the Go scheduler. CPU work (encoding,
// rendering, decoding) gets one slot per CPU the runtime found (GOMAXPROCS
// by default follows the CPU count and the container's CPU limit), and the
// scheduler gets one P more than that, so that while every slot computes a
// P is still free to read new requests into qrhttp's first-in, first-out
// queue. Without the spare P, requests that arrive while all Ps compute
// wait in the scheduler's run queues in no fair order, and the latency
// tail grows several times longer (see Options.Concurrency). A GOMAXPROCS
// environment variable is left as it is.
func schedule(o *qrhttp.Options) (cpus, procs int) {
	cpus = runtimeProcs()
	if o.Concurrency == 0 {
		o.Concurrency = cpus
	}
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(o.Concurrency + 1)
	}
	return cpus, runtime.GOMAXPROCS(0)
}

// tuneGC sets the garbage collector's pace. A request allocates a few
// kilobytes (most of them in net/http) and keeps none of them, and the live
// heap is a few megabytes plus the response cache; at the default GOGC=100
// the collector then runs every 25 ms under load, and its pauses and
// assists show in the latency tail. A higher percentage collects several
// times less often; the soft memory limit keeps the heap, and so the
// RSS, bounded whatever the percentage would allow. Environment variables
// GOGC and GOMEMLIMIT are left to the runtime.
func tuneGC(percent int, limit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" && limit > 0 {
		debug.SetMemoryLimit(limit)
	}
}

// runtimeProcs is GOMAXPROCS as the runtime chose it, before schedule
// changed it.
var runtimeProcs = sync.OnceValue(func() int { return runtime.GOMAXPROCS(0) })

// debugHandler serves the runtime profiles of net/http/pprof, on their own
// listener so that they are never exposed with the API.
func debugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
