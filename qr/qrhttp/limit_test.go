package qrhttp

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestClientTableBounded(t *testing.T) {
	c := newClientLimiter(rate.Limit(1), 1, 100)
	now := time.Now()
	for i := range 10000 {
		if ok, _ := c.allow(fmt.Sprint("client", i), now); !ok {
			t.Fatalf("new client %d refused", i)
		}
		if n := c.clients(); n > 100 {
			t.Fatalf("%d clients in a table bounded to 100", n)
		}
	}
	// A recent client is still remembered, and still limited.
	if ok, wait := c.allow("client9999", now); ok || wait <= 0 {
		t.Errorf("second request of a remembered client: ok=%v wait=%v", ok, wait)
	}
}

func TestSlots(t *testing.T) {
	s := newSlots(2, 1, time.Hour)
	ctx := context.Background()
	for range 2 {
		if e := s.acquire(ctx, 0); e != nil {
			t.Fatalf("free slot refused: %v", e)
		}
	}
	// Full: one request may wait, and is shed after the wait.
	start := time.Now()
	done := make(chan *apiError)
	go func() { done <- s.acquire(ctx, 200*time.Millisecond) }()
	for s.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	// The queue (length 1) is full: the next is shed at once.
	if e := s.acquire(ctx, time.Hour); e != errQueueFull {
		t.Errorf("queue full: got %v", e)
	}
	if e := <-done; e != errQueueTimeout || time.Since(start) < 200*time.Millisecond {
		t.Errorf("after the wait: got %v after %v", e, time.Since(start))
	}
	// A waiter gets a slot as soon as one is released.
	go func() { done <- s.acquire(ctx, time.Hour) }()
	for s.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	s.release()
	if e := <-done; e != nil {
		t.Errorf("waiter after release: %v", e)
	}
	// A cancelled request leaves the queue.
	cctx, cancel := context.WithCancel(ctx)
	go func() { done <- s.acquire(cctx, time.Hour) }()
	for s.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if e := <-done; e != errCanceled || s.waiting.Load() != 0 {
		t.Errorf("cancelled waiter: %v, %d waiting", e, s.waiting.Load())
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]string{
		"#000": "{0 0 0 255}", "#fFf": "{255 255 255 255}", "#123456": "{18 52 86 255}",
		"#12345678": "{18 52 86 120}", "#": "bad", "000000": "bad", "#00000": "bad", "#0000000g": "bad", "": "bad",
		"#123456789": "bad",
	} {
		c, ok := parseColor(in)
		got := fmt.Sprint(c)
		if !ok {
			got = "bad"
		}
		if got != want {
			t.Errorf("parseColor(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"#000", "#ffffff", "#12345678", "#", "red"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := parseColor(s)
		if !ok {
			return
		}
		// Whatever parses must print back in a form that parses the same.
		back := fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
		if c2, ok := parseColor(back); !ok || c2 != c {
			t.Fatalf("%q → %v → %q → %v", s, c, back, c2)
		}
	})
}

// TestSlotsExpectedWait: the queue admits a request while the wait it can
// expect (the requests ahead times the recent slot time, over the slots) is
// within the bound, and sheds the next one at once; the estimate follows
// the observed times.
func TestSlotsExpectedWait(t *testing.T) {
	s := newSlots(2, 1000, 100*time.Millisecond)
	for range 200 {
		s.observe(40 * time.Millisecond) // the average converges on 40 ms
	}
	if got := time.Duration(s.hold.Load()); got < 39*time.Millisecond || got > 40*time.Millisecond {
		t.Fatalf("hold average %v after 200 times 40 ms", got)
	}
	// One very long request counts as the wait bound.
	before := s.hold.Load()
	s.observe(time.Minute)
	if got, want := s.hold.Load()-before, int64(100*time.Millisecond-40*time.Millisecond)/holdSmoothing; got > want+int64(time.Millisecond) {
		t.Errorf("a one-minute hold moved the average by %v, want at most about %v", time.Duration(got), time.Duration(want))
	}
	s.hold.Store(before)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range 2 {
		if e := s.acquire(ctx, 0); e != nil {
			t.Fatalf("free slot refused: %v", e)
		}
	}
	// 2 slots of 40 ms: the 1st to 5th in the queue expect 20..100 ms.
	done := make(chan *apiError, 5)
	for i := 1; i <= 5; i++ {
		go func() { done <- s.acquire(ctx, time.Hour) }()
		for s.waiting.Load() != int64(i) {
			time.Sleep(time.Millisecond)
		}
	}
	start := time.Now()
	if e := s.acquire(ctx, time.Hour); e != errQueueFull || time.Since(start) > 50*time.Millisecond {
		t.Errorf("6th in the queue, expecting 120 ms: got %v after %v, want errQueueFull at once", e, time.Since(start))
	}
	// Faster requests of late let the queue admit more.
	for range 200 {
		s.observe(time.Millisecond)
	}
	go func() { done <- s.acquire(ctx, time.Hour) }()
	for s.waiting.Load() != 6 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	for range 6 {
		if e := <-done; e != errCanceled {
			t.Errorf("queued request: %v, want errCanceled", e)
		}
	}
}
