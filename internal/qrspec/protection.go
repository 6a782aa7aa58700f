package qrspec

// QRMisdecodeProtection returns p, the number of misdecode protection
// codewords in each block of QR version v at level l: error correction
// codewords kept back from correcting, so that a reader still detects
// rather than miscorrects when damage is at the limit. A block of d error
// correction codewords then corrects up to (d−p)/2 errors. Only the
// smallest symbols have any: these are Table 9's footnoted entries of
// ISO/IEC 18004:2015, whose error correction capacity is below half their
// error correction codewords. Other arguments give 0.
func QRMisdecodeProtection(v int, l Level) int {
	switch {
	case v == 1 && l == L:
		return 3
	case v == 1 && l == M, v == 2 && l == L:
		return 2
	case v == 1, v == 3 && l == L: // 1-Q, 1-H and 3-L
		return 1
	}
	return 0
}
