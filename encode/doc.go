// Package encode turns bytes into a QR Code, Micro QR Code (ISO/IEC
// 18004:2015) or rectangular Micro QR Code (rMQR, ISO/IEC 23941:2022)
// symbol, chosen by Options.Format. For QR it follows ISO/IEC 18004:2015
// step by step:
//
//  1. Segmentation (segment.go): optimal segmentation over numeric,
//     alphanumeric and byte mode, and kanji mode when Options.Kanji asks for
//     it, by dynamic programming over the input, for each of Table 3's three
//     version ranges (the count fields differ); an ECI 26 designator first
//     when the text is not ASCII (§7.4.2).
//  2. Version and level (encoder.go): the smallest version in range that
//     holds the bits at the level (Table 7, Table 9), then, with BoostLevel,
//     the highest level that still fits.
//  3. Bit stream (header.go, segment.go, encoder.go): the header — a
//     structured append header (clause 8), the ECI designator, FNC1 in
//     first or second position (§7.4.8) — then mode indicators, count
//     fields, data, terminator and pad codewords (§7.4.9, §7.4.10). In
//     FNC1 mode alphanumeric segments write GS as '%' and '%' as "%%",
//     and the segmenter costs that.
//  4. Error correction (encoder.go, internal/rs): blocks of Table 9,
//     Reed–Solomon codewords (§7.5.2), interleaved (§7.6).
//  5. Placement (plan.go, encoder.go): function patterns and the order of
//     data modules are computed once per version and shared; per symbol only
//     the codeword bits are dropped into place, two modules at a time.
//  6. Masking (mask.go): all eight patterns of Table 10 are scored by the
//     four penalty rules of §7.8.3 on packed 64-bit words, rows and (on a
//     transposed copy) columns, with each candidate's format information in
//     place; the lowest score wins, the lowest pattern on ties, as in ZXing.
//  7. Format and version information (encoder.go, plan.go): the BCH code
//     words of Annex C and Annex D, drawn in their places.
//
// GS1 element strings (gs1.go) are read in human-readable form, validated
// against the Application Identifier table of internal/gs1 and written in
// transmitted form after FNC1 in first position. EncodeSequence
// (sequence.go) splits data that does not fit one symbol over a structured
// append sequence of up to 16 symbols of one version.
//
// The standard's tables and formulas (mode indicators, count widths, the
// alphanumeric set, codeword counts and blocks, alignment positions, the
// format and version BCH codes) live in internal/qrspec, shared with the
// decoder; this package keeps the steps that use them.
//
// Micro QR and rMQR (family.go) take the same steps with the differences
// of their standards: the modes and count widths of each version, so the
// segmentation is redone for each candidate version (Micro QR from M1 up,
// rMQR by increasing area, within Options.MaxHeight); Micro QR's 4-bit last
// data codeword in M1 and M3 (§7.4.10); its four masks chosen by the edge
// rule of §7.8.3.2, the highest score winning (micromask.go); rMQR's one
// fixed mask; their format information; and their layouts (layout.go),
// taken from internal/qrspec, where the decoder finds them too.
//
// Encoder.EncodeTo does all of this into a caller's Symbol without
// allocating once the shared per-version tables exist. Its output equals
// gozxing's encoder (ZXing's algorithm) module for module when the mode,
// version and mask agree, and libqrencode's for the golden symbols in
// testdata; its Micro QR and rMQR symbols equal zxing-cpp's writer's and
// libqrencode's (testdata/zxing_micro_rmqr.golden,
// testdata/qrencode_micro.golden).
package encode
