// Package qrspec holds, once, the tables and formulas of the QR family of
// symbologies that both the encoder and the decoder need: mode indicators
// and character count widths, the alphanumeric character set, ECI
// designators, codeword counts and error correction blocks, alignment
// pattern positions, and the BCH codes of format and version information.
// Three families share it: QR Code and Micro QR (ISO/IEC 18004:2015) and
// rectangular Micro QR (rMQR, ISO/IEC 23941:2022).
//
// # Layout
//
// Facts that every family has, each with its own values, are methods on
// Family and take a version numbered within the family:
// Family.CountBits(version, mode), Family.ModeIndicator(version, mode),
// Family.DataCodewords(version, level), Family.Blocks(version, level),
// Family.Size(version) (width and height) and so on. Facts whose shape
// belongs to one family carry its name: QRAlignment, QRFormatInfo,
// QRVersionInfo, MicroFormatInfo, RMQRFormatInfo and their
// nearest-codeword decoders; MicroSymbolNumber; RMQRAlignment. The module
// layouts of Micro QR and rMQR (layout.go: MicroFunctionPatterns,
// RMQRFunctionPatterns, the format information positions and the data
// placement order) are here too, so that encoder and decoder walk the
// same modules; QR's layout is the encoder's plan. Facts that no family
// changes are plain: AlphanumericChars, ECIDesignator, PackKanji.
//
// Only what cannot be computed is stored, laid out like the standard's
// table (qr.go: one row per level, one column per version, a header
// comment naming the versions) and citing its clause; everything else is a
// formula whose comment states its range. When the package is initialised
// each family's tables and formulas are expanded into per-version arrays
// (facts.go), so that every Family method is one array read the compiler
// inlines on the encoder's hot path. Nothing changes afterwards: everything
// here is safe for concurrent use.
//
// # Adding a family
//
// Versions are ints numbered within their family (QR 1–40; Micro QR 1–4
// for M1–M4; rMQR 1–32 in the order of ISO/IEC 23941 Table 1), sizes have
// a width and a height, and mode indicators, terminators and count widths
// have a width per version, so no signature assumes a square symbol,
// 4-bit indicators or versions 1–40. A family joins as:
//
//  1. a Family constant and a file of its tables and formulas, shaped like
//     its standard's tables (qr.go is the model), ending in a function that
//     fills its facts (qrFacts) and an entry in the families array;
//  2. family-named functions for what only it has, built on the bch type
//     of bch.go where they are format information (micro.go, rmqr.go,
//     format.go and layout.go show the shape);
//  3. tests in the layers of qr_test.go: known answers from the standard's
//     tables, an independent implementation where one exists, properties
//     over every version and level.
package qrspec
