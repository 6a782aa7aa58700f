package qrhttp

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// slots is the concurrency limit on CPU work: a counting semaphore with a
// first-in, first-out queue that admits a request only if the wait it can
// expect is short.
//
// The expected wait of the k-th request in the queue is k times the time a
// request recently held a slot, over the number of slots: while that is
// within maxWait the request queues, and past it, or past maxQueue
// requests, it is shed at once. So a load the CPU serves is never shed,
// however many requests it keeps queued (100 connections of new texts
// queue a few milliseconds each), while a load it cannot serve is shed as
// soon as the queue it builds would take maxWait to drain — in
// microseconds, without holding the client. A queued request is shed too
// if, against expectation, its wait reaches the bound acquire is given.
type slots struct {
	free     chan struct{} // holds a token per busy slot
	waiting  atomic.Int64  // requests queued for a slot
	maxQueue int64
	maxWait  time.Duration // the longest expected wait admitted (Options.QueueWait)
	// hold is the recent time a request held a slot, in nanoseconds: an
	// exponential moving average of what observe is told.
	hold atomic.Int64
}

func newSlots(n, queue int, maxWait time.Duration) slots {
	return slots{free: make(chan struct{}, n), maxQueue: int64(queue), maxWait: maxWait}
}

// holdSmoothing is the weight of the past in the moving average of hold
// times: each new time counts for 1/holdSmoothing, so the estimate follows
// a change of load within a few dozen requests and one slow request moves
// it little.
const holdSmoothing = 16

// observe records that a request held a slot for d, counted as at most
// maxWait: a rare long request (a large photo to decode) then moves the
// average by maxWait/holdSmoothing at most, instead of shedding the queue
// for a while. Concurrent calls may lose an update, which an average of
// many does not miss.
func (s *slots) observe(d time.Duration) {
	d = min(d, s.maxWait)
	old := s.hold.Load()
	s.hold.Store(old + (int64(d)-old)/holdSmoothing)
}

// expectedWait returns the wait of a request with ahead-1 requests before
// it in the queue: ahead slot times, cap(free) slots at a time.
func (s *slots) expectedWait(ahead int64) time.Duration {
	return time.Duration(ahead * s.hold.Load() / int64(cap(s.free)))
}

// timers recycles the timers of bounded waits; since Go 1.23 a stopped
// timer can be reset with no stale tick in its channel.
var timers = sync.Pool{New: func() any {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}}

// acquire takes a slot: at once if one is free, otherwise after waiting in
// the queue if the queue admits the request (see slots), at most wait (and
// not past ctx). It returns nil with the slot held, or the error to answer;
// release gives the slot back.
func (s *slots) acquire(ctx context.Context, wait time.Duration) *apiError {
	select {
	case s.free <- struct{}{}:
		return nil
	default:
	}
	if ahead := s.waiting.Add(1); ahead > s.maxQueue || s.expectedWait(ahead) > s.maxWait {
		s.waiting.Add(-1)
		return errQueueFull
	}
	defer s.waiting.Add(-1)
	if wait <= 0 {
		return errQueueTimeout
	}
	t := timers.Get().(*time.Timer)
	t.Reset(wait)
	defer func() {
		t.Stop()
		timers.Put(t)
	}()
	select {
	case s.free <- struct{}{}:
		return nil
	case <-t.C:
		return errQueueTimeout
	case <-ctx.Done():
		return errCanceled
	}
}

func (s *slots) release() { <-s.free }

// wait takes a slot for work already admitted (the further items of a batch
// or a multi-file upload): it waits its turn in the same first-in,
// first-out queue as every request, for as long as ctx allows, and is never
// shed. The waiters it adds are at most Concurrency per admitted request.
func (s *slots) wait(ctx context.Context) error {
	select {
	case s.free <- struct{}{}:
		return nil
	default:
	}
	s.waiting.Add(1)
	defer s.waiting.Add(-1)
	select {
	case s.free <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// inUse returns the number of busy slots.
func (s *slots) inUse() int { return len(s.free) }

// clientLimiter is a token bucket per client, in a table of at most max
// clients. The table has two generations: when the current one holds max/2
// clients it becomes the previous one and the older is dropped, so clients
// unseen for the longest are forgotten first (and start again with a full
// bucket) and memory stays bounded whatever the number of addresses.
type clientLimiter struct {
	limit rate.Limit
	burst int
	half  int

	mu        sync.Mutex
	cur, prev map[string]*rate.Limiter
}

func newClientLimiter(limit rate.Limit, burst, maxClients int) *clientLimiter {
	half := max(1, maxClients/2)
	return &clientLimiter{limit: limit, burst: burst, half: half, cur: make(map[string]*rate.Limiter)}
}

// allow takes a token for client at now. If the bucket is empty it returns
// false and how long until a token is available.
func (c *clientLimiter) allow(client string, now time.Time) (bool, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.cur[client]
	if l == nil {
		if l = c.prev[client]; l != nil {
			delete(c.prev, client)
		} else {
			l = rate.NewLimiter(c.limit, c.burst)
		}
		if len(c.cur) >= c.half {
			c.prev, c.cur = c.cur, make(map[string]*rate.Limiter, c.half)
		}
		c.cur[client] = l
	}
	r := l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// clients returns the number of clients in the table.
func (c *clientLimiter) clients() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.prev)
}
