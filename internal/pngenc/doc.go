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
//   - The first scanline is parsed optimally (lz77.go) for a cost model
//     estimated from the image (cost.go), over three kinds of copy: from
//     the row above, runs of equal bytes, and strings of earlier rows found
//     by a small hash-chain matcher (match.go) that only looks at the
//     distinct scanlines (2.6 kB for a version 5 symbol at scale 10, not
//     26 kB). Quiet-zone rows and rows equal to the one above are a single
//     copy.
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
// version 5 symbol at scale 10 (450×450 pixels) the writer gives 699 bytes
// where image/png at best compression gives 706; copies from the row above
// and runs alone give 829. Searching more (longer chains, all copy lengths)
// buys a byte or two at a high price in time; the measurements behind each
// limit are in docs/performance.md, section "PNG writer".
package pngenc
