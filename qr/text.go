package qr

import (
	"fmt"
	"io"
	"strings"
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

// Text returns c as terminal text (see WriteText), or "" if the options are
// invalid or c is empty.
func (c *Code) Text(opts ...Option) string {
	cfg, err := c.textConfig(opts)
	if err != nil {
		return ""
	}
	return renderText(&c.sym, cfg.quiet, cfg.invert)
}

// String returns c.Text() with the default options: for a dark terminal,
// with a quiet zone of 4 modules.
func (c *Code) String() string { return c.Text() }

// WriteText writes c as lines of Unicode half blocks, two module rows per
// line, quiet zone included, each line ending in "\n". By default light
// modules and the quiet zone are printed, which is right on a dark
// terminal; Invert prints dark modules, for light terminals. Options
// QuietZone and Invert apply. Invalid options, a side over MaxTextSide
// modules, or a nil w give an error wrapping ErrInvalidOption before
// anything is written. The text is written with a single write, whose error
// is returned wrapped.
func (c *Code) WriteText(w io.Writer, opts ...Option) error {
	cfg, err := c.textConfig(opts)
	if err != nil {
		return err
	}
	if w == nil {
		return errNilWriter
	}
	if _, err := io.WriteString(w, renderText(&c.sym, cfg.quiet, cfg.invert)); err != nil {
		return fmt.Errorf("qr: writing text: %w", err)
	}
	return nil
}

func (c *Code) textConfig(opts []Option) (*config, error) {
	cfg := new(config)
	cfg.reset(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	n := c.Size()
	if n == 0 {
		return nil, ErrEmptyCode
	}
	if cfg.quiet > MaxTextSide || n+2*cfg.quiet > MaxTextSide {
		return nil, fmt.Errorf("qr: %w: text of %d+2·%d modules a side exceeds %d",
			ErrInvalidOption, n, cfg.quiet, MaxTextSide)
	}
	return cfg, nil
}

// printed reports whether module (x, y), in coordinates that include the
// quiet zone, is printed: light modules and the quiet zone normally, dark
// modules when inverted. Cells below the last row are never printed.
func printed(m moduleRows, x, y, quiet, total int, invert bool) bool {
	if y >= total {
		return false
	}
	n := m.Size()
	mx, my := x-quiet, y-quiet
	dark := false
	if mx >= 0 && my >= 0 && mx < n && my < n {
		dark = darkAt(m.Row(my), mx)
	}
	return dark == invert
}

func renderText(m moduleRows, quiet int, invert bool) string {
	total := m.Size() + 2*quiet
	var sb strings.Builder
	// Each cell is 1 byte (space) or 3 bytes (a block), plus newlines.
	sb.Grow((total + 1) / 2 * (3*total + 1))
	for y := 0; y < total; y += 2 {
		for x := 0; x < total; x++ {
			i := 0
			if printed(m, x, y, quiet, total, invert) {
				i |= 2
			}
			if printed(m, x, y+1, quiet, total, invert) {
				i |= 1
			}
			sb.WriteString(halfBlocks[i])
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
