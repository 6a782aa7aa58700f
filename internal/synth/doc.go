// Package synth draws deterministic synthetic photographs of 2-D symbols
// for decoder tests: any module grid (QR, Micro QR, rMQR) printed on paper,
// placed in a scene by rotation, perspective tilt and bending, lit
// unevenly, blurred, noisy and JPEG-compressed, with the true corners of
// every symbol in image coordinates.
//
// A Scene is a plain value; Render draws it. The same Scene (seed
// included) gives the same pixels on every machine: the pixel arithmetic is
// integer, the geometry is float64 written so that the compiler cannot
// fuse multiplications and additions (the Go specification allows fusing
// unless an explicit conversion rounds the product), random numbers come
// from math/rand/v2's PCG, and the only math functions used are those
// computed in Go itself on amd64 and arm64 (Sin, Cos, Atan2, Sqrt).
//
// The drawing runs in this order, as a camera sees a print:
//
//  1. the background: a plain surface, or clutter (rectangles, discs,
//     lines, text-like rows of glyphs, stripes and checkerboards);
//  2. each symbol by supersampled inverse mapping: every sample of a pixel
//     is traced back through barrel distortion, in-plane rotation, the
//     perspective of a tilted (and possibly cylindrical) sheet and
//     mirroring to a module, a stain, the quiet zone or the background;
//  3. uneven light (a linear fall-off across the scene) and glare spots;
//  4. Gaussian blur (three box passes) and motion blur, in module units;
//  5. Gaussian-like sensor noise and JPEG compression.
//
// Render is safe for concurrent use; a Scene is not modified.
package synth
