package decode

import (
	"context"
	"time"

	"github.com/qrworks/qrworks/internal/imagein"
)

// Default limits.
const (
	// DefaultMaxPixels is the default pixel budget: 40 megapixels, a little
	// more than the largest phone cameras produce.
	DefaultMaxPixels = 40_000_000
	// DefaultMaxBytes is the default budget for encoded input: 32 MiB.
	DefaultMaxBytes = 32 << 20
)

// An Option changes how an image is decoded.
type Option func(*config)

type config struct {
	formats formatSet
	trace   *smallTrace // set by tests only
	fast    bool
	pure    bool
	limits  imagein.Limits
	timeout time.Duration   // 0: none
	ctx     context.Context // nil: none
}

func newConfig(opts []Option) config {
	c := config{formats: allFormats, limits: imagein.Limits{MaxBytes: DefaultMaxBytes, MaxPixels: DefaultMaxPixels}}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// Fast runs only the cheap first pass: one adaptive binarization and the
// normal finder search. Use it for live camera frames, where the next frame
// is a better retry than an expensive pass.
func Fast() Option { return setFast }

func setFast(c *config) { c.fast = true }

// Pure says the image is a clean, generated code (a screenshot or a file from
// an encoder): axis-aligned, unrotated, on a quiet background. The code is then
// sampled directly from its bounding box first, which is the quickest path;
// the normal passes still run if that fails.
//
// Without Pure the search already reads two-tone images this way first, but
// keeps the reading only if it needed no error correction at all (so that
// the image provably holds nothing else); Pure also accepts a corrected
// reading, and applies to images of more than two levels (anti-aliased
// screenshots), thresholded at the global level.
func Pure() Option { return setPure }

func setPure(c *config) { c.pure = true }

// MaxPixels sets the pixel budget (width × height) of an image; larger images
// return ErrImageTooLarge. n <= 0 keeps the default.
func MaxPixels(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.limits.MaxPixels = n
		}
	}
}

// MaxBytes sets the budget for encoded input given to Bytes and Reader;
// longer input returns ErrInputTooLarge. n <= 0 keeps the default.
func MaxBytes(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.limits.MaxBytes = n
		}
	}
}

// Timeout bounds the time spent on the fallback passes. The cheap first
// pass always runs; the harder passes after it stop once d has elapsed since
// the call began, and the call returns what was found so far, or an error
// wrapping both ErrNotFound and context.DeadlineExceeded. Without it, an
// image without any code costs every pass: about 2 s of one core for a
// 12-megapixel cluttered photo, 0.2 s for a VGA one (see docs/decoder.md). d <= 0
// keeps no time limit.
//
// The budget is checked between passes and between the candidate
// geometries of a search, so a call may overrun d by one pass (a few
// milliseconds to some tens on a large photo).
func Timeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// Context stops the fallback passes when ctx is done, as Timeout does for
// a duration: a server can tie the search to its request. The call then
// returns what was found so far, or an error wrapping both ErrNotFound and
// ctx.Err(). A nil ctx is ignored.
func Context(ctx context.Context) Option {
	return func(c *config) {
		if ctx != nil {
			c.ctx = ctx
		}
	}
}
