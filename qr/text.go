package qr

import (
	"fmt"
	"io"
	"slices"
	"sync"
)

// Terminal rendering: each character cell shows two module rows with the
// Unicode half blocks ▀ (upper), ▄ (lower) and █ (full), or a space.
//
// A terminal can only print cells in its foreground colour on its
// background. A QR Code needs dark modules on a light field, so on the
// usual dark terminal the light modules and the quiet zone are what gets
// printed (the foreground is light) and dark modules are left blank. Invert
// prints the dark modules instead, for terminals with a light background.

// halfBlocks indexes the cell glyph by top<<1 | bottom, where 1 = printed.
var halfBlocks = [4]string{" ", "▄", "▀", "█"}

// Text returns c as terminal text (see WriteText). It predates the error
// results of the other renderers and is kept for them: on an invalid
// option, text over MaxTextSide or an empty Code it returns "", where
// AppendText and WriteText return the error.
func (c *Code) Text(opts ...Option) string {
	r, err := c.textSettings(opts)
	if err != nil {
		return ""
	}
	return renderText(&c.sym, r.quiet, r.invert)
}

// String returns c.Text(): terminal text with c's render defaults, for a
// dark terminal with a quiet zone of 4 modules unless Encode was given other
// options.
func (c *Code) String() string { return c.Text() }

// AppendText appends c as terminal text (see WriteText) to dst and returns
// the extended slice. It is the error-returning form of Text, named like
// fmt.Append and strconv.AppendInt beside Text and WriteText: string, writer
// and caller's buffer. Appending to a buffer with room does not allocate.
// Options QuietZone and Invert apply, over c's render defaults. Invalid
// options or a side over MaxTextSide modules give an error wrapping
// ErrInvalidOption, an empty Code gives ErrEmptyCode; on error dst is
// returned unchanged.
//
// Because of its options, AppendText does not have the signature of
// encoding.TextAppender, and a Code does not implement that interface: the
// drawing is not a textual form to parse back.
func (c *Code) AppendText(dst []byte, opts ...Option) ([]byte, error) {
	r, err := c.textSettings(opts)
	if err != nil {
		return dst, err
	}
	return appendText(dst, &c.sym, r.quiet, r.invert), nil
}

// textBuffers holds the output buffers of WriteText between calls.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// WriteText writes c as lines of Unicode half blocks, two module rows per
// line, quiet zone included, each line ending in "\n". By default light
// modules and the quiet zone are printed, which is right on a dark
// terminal; Invert prints dark modules, for light terminals. Options
// QuietZone and Invert apply, over c's render defaults. Invalid options, a
// side over MaxTextSide modules, or a nil w give an error wrapping
// ErrInvalidOption, and an empty Code gives ErrEmptyCode, before anything
// is written. The text is written with a single write, whose error is
// returned wrapped.
func (c *Code) WriteText(w io.Writer, opts ...Option) error {
	r, err := c.textSettings(opts)
	if err != nil {
		return err
	}
	bp := textBuffers.Get().(*[]byte)
	defer textBuffers.Put(bp)
	*bp = appendText((*bp)[:0], &c.sym, r.quiet, r.invert)
	return write(w, *bp, "text")
}

// textSettings returns the text rendering settings of a call on c with
// opts, checked.
func (c *Code) textSettings(opts []Option) (rendering, error) {
	r, err := c.settings(opts)
	if err != nil {
		return r, err
	}
	n := max(c.Width(), c.Height())
	if n == 0 {
		return r, ErrEmptyCode
	}
	if r.quiet > MaxTextSide || n+2*r.quiet > MaxTextSide {
		return r, fmt.Errorf("qr: %w: text of %d+2·%d modules a side exceeds %d",
			ErrInvalidOption, n, r.quiet, MaxTextSide)
	}
	return r, nil
}

// printed reports whether module (x, y), in coordinates that include the
// quiet zone, is printed: light modules and the quiet zone normally, dark
// modules when inverted. Cells below the last row, totalH, are never
// printed.
func printed(m moduleRows, x, y, quiet, totalH int, invert bool) bool {
	if y >= totalH {
		return false
	}
	mx, my := x-quiet, y-quiet
	dark := false
	if mx >= 0 && my >= 0 && mx < m.Width() && my < m.Height() {
		dark = darkAt(m.Row(my), mx)
	}
	return dark == invert
}

// textBytes is the length of the text of m with the given quiet zone: each
// cell is 1 byte (space) or 3 bytes (a block), plus a newline per line, so
// this bounds it from above.
func textBytes(m moduleRows, quiet int) int {
	totalW, totalH := m.Width()+2*quiet, m.Height()+2*quiet
	return (totalH + 1) / 2 * (3*totalW + 1)
}

// renderText returns the text of m.
func renderText(m moduleRows, quiet int, invert bool) string {
	return string(appendText(make([]byte, 0, textBytes(m, quiet)), m, quiet, invert))
}

// appendText appends the text of m to b, one line per two module rows.
func appendText(b []byte, m moduleRows, quiet int, invert bool) []byte {
	totalW, totalH := m.Width()+2*quiet, m.Height()+2*quiet
	b = slices.Grow(b, textBytes(m, quiet))
	for y := 0; y < totalH; y += 2 {
		for x := 0; x < totalW; x++ {
			i := 0
			if printed(m, x, y, quiet, totalH, invert) {
				i |= 2
			}
			if printed(m, x, y+1, quiet, totalH, invert) {
				i |= 1
			}
			b = append(b, halfBlocks[i]...)
		}
		b = append(b, '\n')
	}
	return b
}
