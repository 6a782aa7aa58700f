// Package decode finds and reads every QR Code, Micro QR and rMQR symbol
// in an image (Result.Format says which; Formats restricts the search).
//
// It wraps the ZXing port github.com/makiuchi-d/gozxing for QR finder-pattern
// detection and grid sampling, reads Micro QR and rMQR with a search of its
// own, corrects errors with the project's own Reed–Solomon decoder
// (internal/rs) and reads the data bit stream with its own parser, and adds
// what a service that reads user uploads needs around it. A reading runs in
// the standard's order, image → luminance → binarize → detect → sample →
// decode payload:
//
//   - image input (the internal package imagein): PNG, JPEG, GIF, BMP,
//     TIFF and WebP sniffed from the content, with size limits checked
//     from the header before any pixel buffer is allocated; common PNGs
//     read by a built-in reader into pooled buffers, 1-bit ones kept
//     packed; luminance without image.At. Bytes and Reader map its errors
//     to this package's sentinels (input.go);
//   - its own binarizers writing straight into pooled bit matrices, and a
//     packed 1-bit image read as a matrix with no byte per pixel
//     (binarize.go, packed.go);
//   - for two-tone pictures (1-bit files, two-colour palettes, luminance of
//     exactly two levels), a reading as a rendered code first: the grid is
//     sampled from the bounding box of the dark pixels, with no finder
//     search, and kept only if no Reed–Solomon block needs a correction;
//     the symbol then fills the box of every dark pixel, so it is the only
//     code in the image (pure.go);
//   - a ladder of strategy passes: a cheap first pass, and only when it finds
//     nothing, harder ones (exhaustive finder search, inverted colours, a
//     global threshold, reduced copies, a perspective search for tilted
//     codes, contrast stretching, enlarged, padded, smoothed and rotated
//     copies), the expensive ones on a copy of at most 2 megapixels
//     (decode.go, variants.go);
//   - for large symbols (version 7 on) that gozxing's single transform
//     misreads, a piecewise sampling over all alignment patterns, which
//     follows paper that is curved or bent, with the dimension read from
//     the version information (grid.go);
//   - for steep tilts, finder triples gozxing's selection rejects, and the
//     fourth corner predicted from the finders' apparent sizes
//     (perspective.go);
//   - a bound on the chance that error correction turned garbage into a
//     reading, for the passes that sample many candidates (margin.go);
//   - an optional budget for the harder passes (Timeout, Context);
//   - on every matrix the ladder binarizes, after its QR search, the
//     Micro QR and rMQR search: finder patterns, their outlines, the
//     orientation from the timing pattern and the format information,
//     the symbol located anchor by anchor, read and checked by an
//     acceptance bound (small.go and the files it names; docs/decoder.md);
//   - Reed–Solomon correction of every block (codewords.go, internal/rs),
//     and the data bit stream read segment by segment with the tables of
//     internal/qrspec, for every family: payload bytes, text in the
//     segments' charsets, ECI, FNC1 and its application indicator,
//     structured append header (payload.go, segment.go);
//   - results with metadata (version, level, mask, ECI, corners in image
//     coordinates) for every code in the image (result.go).
//
// Every call into gozxing's algorithms goes through zxing.go, which turns
// a panic inside gozxing into the failure of that one call; nothing else
// in the package recovers, so a bug of ours fails the tests and fuzzers
// rather than reading as "not found".
//
// Every function in this package is safe for concurrent use by multiple
// goroutines; pooled scratch is never shared between calls in flight.
package decode
