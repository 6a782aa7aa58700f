package decode_test

import (
	"context"
	"errors"
	"image"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/synth"
)

// invertedCode is a code that the first pass cannot read: light on dark
// needs a fallback pass.
func invertedCode(t testing.TB) *image.Gray {
	img := render(refSymbol(t, w1, "H"), 6, 4)
	for i := range img.Pix {
		img.Pix[i] = 255 - img.Pix[i]
	}
	return img
}

// TestBudget: Timeout and Context stop the fallback passes, never the
// first one, and say why in the error.
func TestBudget(t *testing.T) {
	clean := render(refSymbol(t, w1, "H"), 6, 4)
	inverted := invertedCode(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name  string
		img   image.Image
		opts  []decode.Option
		cause error // nil: the code is read
	}{
		{"clean, spent timeout", clean, []decode.Option{decode.Timeout(time.Nanosecond)}, nil},
		{"clean, cancelled context", clean, []decode.Option{decode.Context(cancelled)}, nil},
		{"inverted, spent timeout", inverted, []decode.Option{decode.Timeout(time.Nanosecond)}, context.DeadlineExceeded},
		{"inverted, cancelled context", inverted, []decode.Option{decode.Context(cancelled)}, context.Canceled},
		{"inverted, ample timeout", inverted, []decode.Option{decode.Timeout(time.Minute)}, nil},
		{"inverted, live context", inverted, []decode.Option{decode.Context(context.Background())}, nil},
		{"inverted, no-op options", inverted, []decode.Option{decode.Timeout(0), decode.Context(nil)}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := decode.Image(c.img, c.opts...)
			if c.cause == nil {
				wantTexts(t, res, err, w1)
				return
			}
			if !errors.Is(err, decode.ErrNotFound) || !errors.Is(err, c.cause) {
				t.Fatalf("got %v, %v; want an error wrapping ErrNotFound and %v", res, err, c.cause)
			}
		})
	}
}

// clutterPhoto is a w×h picture without any code: the worst case, which
// runs every pass.
func clutterPhoto(w, h int) *image.Gray {
	return shoot(synth.Scene{Width: w, Height: h, Seed: 1, Background: 180, Clutter: 60, Noise: 17})
}

// BenchmarkNoCode measures the worst case, a large photo without any code,
// with and without a Timeout.
func BenchmarkNoCode(b *testing.B) {
	img := clutterPhoto(4000, 3000)
	for _, c := range []struct {
		name string
		opts []decode.Option
	}{
		{"12MP/default", nil},
		{"12MP/Timeout100ms", []decode.Option{decode.Timeout(100 * time.Millisecond)}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decode.Image(img, c.opts...); !errors.Is(err, decode.ErrNotFound) {
					b.Fatal(err)
				}
			}
		})
	}
}
