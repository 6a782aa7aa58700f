package qrspec

// AlphanumericChars lists the 45 characters of alphanumeric mode in the
// order of their values 0 to 44, ISO/IEC 18004:2015 §7.4.4, Table 5.
const AlphanumericChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// AlphanumericValue returns the Table 5 value of byte c, or −1 if
// alphanumeric mode cannot hold it.
func AlphanumericValue(c byte) int { return int(alphanumericValues[c]) }

var alphanumericValues = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(AlphanumericChars) {
		t[AlphanumericChars[i]] = int8(i)
	}
	return t
}()
