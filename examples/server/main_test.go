package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

const w1 = "https://example.com/product/0123456789?batch=42"

func w1PNG(t testing.TB) []byte {
	t.Helper()
	code, err := qr.Encode(w1, qr.H)
	if err != nil {
		t.Fatal(err)
	}
	b, err := code.PNG(qr.Scale(10))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoutesAndAccessLog(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	srv := httptest.NewServer(newHandler(qrhttp.New(qrhttp.Options{}), logger, true))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: status %d, %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, id := range []string{`id="text"`, `id="code"`, `id="file"`, `id="results"`, `id="batch-text"`} {
		if !bytes.Contains(body, []byte(id)) {
			t.Errorf("page lacks %s", id)
		}
	}
	if external := regexp.MustCompile(`(src|href)\s*=\s*["']?(https?:)?//|url\(`); external.Match(body) {
		t.Error("page refers to external assets")
	}

	resp, err = http.Get(srv.URL + "/api/generate?text=hi")
	if err != nil {
		t.Fatal(err)
	}
	png, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("generate through the server: status %d", resp.StatusCode)
	}
	resp, _ = http.Get(srv.URL + "/nope")
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("/nope: status %d", resp.StatusCode)
	}

	want := regexp.MustCompile(`msg=request method=GET path=/api/generate status=200 duration=\S+ bytes=` +
		regexp.QuoteMeta(itoa(len(png))) + ` `)
	if !want.Match(logs.Bytes()) {
		t.Errorf("access log lacks the generate request:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "path=/nope status=404") {
		t.Errorf("access log lacks the 404:\n%s", logs.String())
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestFlags(t *testing.T) {
	c, err := parseFlags([]string{"-addr", ":0", "-rate-limit", "2.5", "-concurrency", "3"}, io.Discard)
	if err != nil || c.addr != ":0" || c.api.RateLimit != 2.5 || c.api.Concurrency != 3 || !c.accessLog {
		t.Errorf("got %+v, %v", c, err)
	}
	if _, err := parseFlags([]string{"extra"}, io.Discard); err == nil {
		t.Error("stray argument accepted")
	}
	if c, _ := parseFlags(nil, io.Discard); c.addr != "127.0.0.1:8080" || c.api.CORSOrigins != nil {
		t.Errorf("default address %q, CORS origins %q", c.addr, c.api.CORSOrigins)
	}
	c, err = parseFlags([]string{"-cors-origin", "https://a.example", "-cors-origin=*"}, io.Discard)
	if err != nil || strings.Join(c.api.CORSOrigins, " ") != "https://a.example *" {
		t.Errorf("-cors-origin twice: %q, %v", c.api.CORSOrigins, err)
	}
	if _, err := parseFlags([]string{"-cors-origin", "a.example"}, io.Discard); err == nil {
		t.Error("-cors-origin without a scheme accepted")
	}
}

// TestExitStatus checks the exit status of the command line's mistakes
// and of -h, which prints the flags and is not an error.
func TestExitStatus(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"-h"}, 0},
		{[]string{"-help"}, 0},
		{[]string{"-no-such-flag"}, 2},
		{[]string{"stray"}, 2},
		{[]string{"-addr", "256.0.0.1:0"}, 1},
	} {
		var stderr bytes.Buffer
		if got := exitStatus(context.Background(), c.args, &stderr); got != c.want {
			t.Errorf("%q: exit status %d, want %d; stderr:\n%s", c.args, got, c.want, &stderr)
		}
		if c.want == 0 && (!strings.Contains(stderr.String(), "-addr") || strings.Contains(stderr.String(), "server: ")) {
			t.Errorf("%q: stderr\n%s\nwant the flags and no error", c.args, &stderr)
		}
	}
}

// TestRunShutdown runs the server in-process and cancels it: run returns
// nil once the server has stopped.
func TestRunShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, pw) }()
	addr := listenAddr(t, bufio.NewScanner(pr))
	go io.Copy(io.Discard, pr)
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

var listenLine = regexp.MustCompile(`msg=listening addr=(\S+)`)

// listenAddr reads log lines until the server says where it listens.
func listenAddr(t *testing.T, sc *bufio.Scanner) string {
	t.Helper()
	for sc.Scan() {
		if m := listenLine.FindStringSubmatch(sc.Text()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("server exited before listening: %v", sc.Err())
	return ""
}

// slowUpload posts img to /api/decode in pieces spread over d, as a slow
// phone connection would, and returns the decoded text.
func slowUpload(url string, img []byte, d time.Duration) (string, error) {
	pr, pw := io.Pipe()
	go func() {
		const pieces = 10
		step := (len(img) + pieces - 1) / pieces
		for i := 0; i < len(img); i += step {
			time.Sleep(d / pieces)
			if _, err := pw.Write(img[i:min(i+step, len(img))]); err != nil {
				return
			}
		}
		pw.Close()
	}()
	resp, err := http.Post(url+"/api/decode", "image/png", pr)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var ans struct{ Codes []struct{ Text string } }
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		return "", err
	}
	if resp.StatusCode != 200 || len(ans.Codes) != 1 {
		return "", errors.New(resp.Status)
	}
	return ans.Codes[0].Text, nil
}

// TestBinarySIGTERM builds the real server, puts it under load, sends
// SIGTERM while requests are in flight, and checks that /readyz turns 503,
// every in-flight request completes, and the process exits 0.
func TestBinarySIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary; skipped in short mode")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the server")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-shutdown-delay", "500ms", "-shutdown-timeout", "10s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	url := "http://" + listenAddr(t, sc)
	var logs bytes.Buffer
	logsDone := make(chan struct{})
	go func() {
		for sc.Scan() {
			logs.WriteString(sc.Text() + "\n")
		}
		close(logsDone)
	}()

	// Background load: generate requests until the server goes away.
	var served atomic.Int64
	stop := make(chan struct{})
	var load sync.WaitGroup
	for range 4 {
		load.Add(1)
		go func() {
			defer load.Done()
			client := &http.Client{Timeout: 5 * time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(url + "/api/generate?text=load")
				if err != nil {
					return // the listener is closed: shutdown has begun
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					served.Add(1)
				} else {
					t.Errorf("under load: status %d", resp.StatusCode)
				}
			}
		}()
	}

	// In-flight requests: uploads that take 1.5 s to arrive, begun before
	// the signal.
	img := w1PNG(t)
	results := make(chan error, 3)
	for range 3 {
		go func() {
			text, err := slowUpload(url, img, 1500*time.Millisecond)
			if err == nil && text != w1 {
				err = errors.New("decoded " + text)
			}
			results <- err
		}()
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()

	// During the shutdown delay the listener is open and /readyz is 503.
	time.Sleep(150 * time.Millisecond)
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatalf("readyz during shutdown delay: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz during shutdown: status %d, want 503", resp.StatusCode)
	}

	for range 3 {
		if err := <-results; err != nil {
			t.Errorf("in-flight upload: %v", err)
		}
	}
	close(stop)
	load.Wait()
	// Read stderr to its end before Wait: Wait closes the pipe, and a read
	// still in progress would lose the last lines (the "stopped" line).
	<-logsDone
	if err := cmd.Wait(); err != nil {
		t.Errorf("server exit: %v, want status 0", err)
	}
	t.Logf("%d generate requests served under load; exited %v after SIGTERM", served.Load(), time.Since(signalled).Round(time.Millisecond))
	if served.Load() == 0 {
		t.Error("no request served under load")
	}
	for _, want := range []string{"msg=\"shutting down\"", "msg=stopped", "path=/api/decode status=200"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, lastLines(logs.String(), 20))
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
