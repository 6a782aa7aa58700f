// Package pngenc writes PNG images (PNG specification, third edition, W3C
// 2025) of grids of modules, such as QR symbols: each module becomes a
// square of scale×scale pixels, and a quiet zone of light modules frames
// the grid. The grid may be rectangular.
//
// The image has two colours, so it is a 1-bit image: 1 bit per pixel
// greyscale for black on opaque white, or a two-entry palette (with a tRNS
// chunk when a colour is not opaque) for other colours. Pixel value 1 is a
// light module in both, so one scanline builder serves both. Filter type 0
// (None) throughout: on these images Sub, Up, Average and Paeth all raise
// the entropy of the bytes.
//
// The image is highly redundant, and the writer knows where, so it chooses
// the DEFLATE tokens itself and leaves only the entropy coding to
// internal/deflate:
//
//   - Each module row becomes scale identical scanlines. Only the first is
//     parsed; the other scale-1 are one back-reference at distance = the
//     scanline length (three tokens at scale 10).
//   - Scanlines are built from a table of the pixels of each byte of
//     modules at the image's scale (scanline.go), when the modules start on
//     a byte boundary, as at the default quiet zone and an even scale.
//   - The first scanline is parsed lazily (lz77.go), by cost for a model
//     estimated from the image (cost.go), over three kinds of copy: from
//     the row above, runs of equal bytes, and strings of earlier rows found
//     by a small hash-chain matcher (match.go) that only looks at the
//     distinct scanlines (2.6 kB for a version 5 symbol at scale 10, not
//     26 kB). Quiet-zone rows and rows equal to the one above are a single
//     copy. A copy from the row above at either end of a scanline merges
//     with the repeats of the scanline before or after it, the same
//     distance, and costs nothing.
//   - internal/deflate codes the tokens with a Huffman table fitted to the
//     image's own symbol counts (a dynamic block), or the fixed table when
//     that is smaller.
//   - The zlib stream's Adler-32 (adler.go) is computed per distinct
//     scanline and extended in closed form over its repeats, so the pixels
//     are never summed byte by byte.
//
// Literals are what costs: at scale 10 a byte straddles module edges, so
// there are eight byte values at fixed phases and a literal costs about 2.5
// bits where the module it encodes carries 1. Copies of earlier rows are
// what makes the file smaller than a general-purpose compressor's. On a
// version 5 symbol at scale 10 (450×450 pixels) the writer gives 671 bytes
// where image/png at best compression gives 706. An optimal parse of the
// same candidates gives 660 bytes in more than twice the time; the
// measurements behind each choice and limit are in docs/performance.md,
// section "PNG writer".
package pngenc
