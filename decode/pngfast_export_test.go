package decode

// FastPNGTaken reports whether data takes the fast PNG path; for external
// tests.
func FastPNGTaken(data []byte) bool {
	_, pix, ok := fastPNG(data)
	putBytes(pix)
	return ok
}
