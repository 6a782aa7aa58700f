// Package imagein is the decoder's image input: it turns what a caller
// uploads into pixels the search can read, within limits.
//
//   - Decode and Read recognise PNG, JPEG, GIF, BMP, TIFF and WebP from the
//     first bytes, check the header's dimensions against Limits
//     (image.DecodeConfig) before any pixel buffer is allocated, and only
//     then decode. A panic inside a standard codec becomes an ErrCorrupt
//     error (input.go).
//   - Non-interlaced greyscale and palette PNGs of depth 1 to 8 — what
//     encoders write — are read by a built-in reader into pooled buffers,
//     with the same colours as image/png, and 1-bit ones are kept packed
//     as a *Packed, eight pixels a byte (png.go, packed.go).
//   - LuminanceOf gives the 8-bit luminance of any image.Image: the Y plane
//     of an *image.YCbCr and the Pix of an *image.Gray in place, the other
//     common types converted in tight loops into pooled planes
//     (luminance.go, pool.go).
//
// The errors wrap this package's sentinels; the decoder maps them to its
// own. Every function is safe for concurrent use by multiple goroutines;
// a Decoded image or a Luminance belongs to one caller until released.
package imagein
