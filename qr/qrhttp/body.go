package qrhttp

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"time"
)

// errTooBig reports a body over its limit.
var errTooBig = errors.New("body over limit")

// minReadRoom is the least room a read of a body is given: a body without
// Content-Length starts there, and the buffer doubles from it.
const minReadRoom = 512

// readLimited appends what r yields to dst until EOF, failing with errTooBig
// as soon as more than limit bytes have come. sizeHint, if positive, is the
// expected size.
func readLimited(dst []byte, r io.Reader, limit, sizeHint int64) ([]byte, error) {
	if sizeHint > 0 && sizeHint <= limit {
		// One byte more than announced, so that EOF is seen without growing.
		dst = slices.Grow(dst, int(sizeHint)+1)
	}
	for {
		if len(dst) == cap(dst) {
			dst = slices.Grow(dst, max(minReadRoom, len(dst)))
		}
		room := dst[len(dst):cap(dst)]
		if rest := limit + 1 - int64(len(dst)); int64(len(room)) > rest {
			room = room[:rest]
		}
		n, err := r.Read(room)
		dst = dst[:len(dst)+n]
		if int64(len(dst)) > limit {
			return dst, errTooBig
		}
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}

// setReadDeadline bounds the time left to read r's body. Servers that cannot
// set deadlines (httptest.ResponseRecorder) are left as they are; the
// http.Server's own ReadTimeout still applies.
func setReadDeadline(w http.ResponseWriter, r *http.Request, deadline time.Time) {
	if r.ContentLength == 0 {
		// No body to read: leave the connection alone (net/http is
		// already watching it for the client going away).
		return
	}
	_ = http.NewResponseController(w).SetReadDeadline(deadline)
}

// bodyError turns an error from reading a request body into the answer.
func bodyError(err error, tooBig *apiError) *apiError {
	var maxErr *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.Is(err, errTooBig), errors.As(err, &maxErr):
		return tooBig
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return errSlowBody
	}
	return errBodyRead
}

// allowClient applies the per-client rate limit; it returns nil or the 429
// to answer.
func (h *Handler) allowClient(r *http.Request, now time.Time) *apiError {
	if h.limiter == nil {
		return nil
	}
	ok, wait := h.limiter.allow(h.opts.ClientKey(r), now)
	if ok {
		return nil
	}
	h.metrics.shed[shedRateLimited].Add(1)
	return &apiError{http.StatusTooManyRequests, "rate_limited", "too many requests from this client",
		max(1, int((wait+time.Second-1)/time.Second))}
}

// queueWaitSlack bounds the wait of a request the queue admitted, as a
// multiple of Options.QueueWait: ten times the wait it expected absorbs a
// pause of the process (a collection, a busy neighbour on the machine)
// without keeping a client much longer than it would wait for a shed answer
// and its retry.
const queueWaitSlack = 10

// acquire takes a CPU slot for a request that started at start, counting
// sheds in the metrics. The caller gives it back with release.
func (h *Handler) acquire(r *http.Request, start time.Time) *apiError {
	wait := min(queueWaitSlack*h.opts.QueueWait, time.Until(start.Add(h.opts.Timeout)))
	e := h.slots.acquire(r.Context(), wait)
	switch e {
	case nil:
	case errQueueFull:
		h.metrics.shed[shedQueueFull].Add(1)
	default:
		h.metrics.shed[shedQueueTimeout].Add(1)
	}
	return e
}

// release gives back the slot acquire took at held, and tells the queue how
// long it was held.
func (h *Handler) release(held time.Time) {
	h.slots.release()
	h.slots.observe(time.Since(held))
}
