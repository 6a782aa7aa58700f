package qrspec

// Data masks (ISO/IEC 18004:2015 §7.8.2, Table 10; ISO/IEC 23941:2022
// §7.8): a data module (i, j), i its row and j its column, is inverted
// where the pattern's condition holds. Micro QR uses four of QR's eight
// patterns, numbered 0 to 3 in its format information; rMQR one fixed
// pattern.

// MaskPatterns is the number of QR data mask patterns, 000 to 111.
const MaskPatterns = 8

// MaskDark reports whether QR data mask pattern p, 0 to 7, inverts the
// module in row i, column j (Table 10):
//
//	000 (i + j) mod 2 = 0           100 ((i div 2) + (j div 3)) mod 2 = 0
//	001 i mod 2 = 0                 101 (i j) mod 2 + (i j) mod 3 = 0
//	010 j mod 3 = 0                 110 ((i j) mod 2 + (i j) mod 3) mod 2 = 0
//	011 (i + j) mod 3 = 0           111 ((i + j) mod 2 + (i j) mod 3) mod 2 = 0
//
// Any other p inverts nothing.
func MaskDark(p, i, j int) bool {
	switch p {
	case 0:
		return (i+j)%2 == 0
	case 1:
		return i%2 == 0
	case 2:
		return j%3 == 0
	case 3:
		return (i+j)%3 == 0
	case 4:
		return (i/2+j/3)%2 == 0
	case 5:
		return i*j%2+i*j%3 == 0
	case 6:
		return (i*j%2+i*j%3)%2 == 0
	case 7:
		return ((i+j)%2+i*j%3)%2 == 0
	}
	return false
}

// MicroMaskPattern returns the QR pattern (MaskDark) that Micro QR's data
// mask m, 0 to 3, equals (Table 10's Micro QR column): 00 is i mod 2 = 0,
// 01 ((i div 2) + (j div 3)) mod 2 = 0, 10 ((i j) mod 2 + (i j) mod 3)
// mod 2 = 0, 11 ((i + j) mod 2 + (i j) mod 3) mod 2 = 0: QR's 1, 4, 6, 7.
func MicroMaskPattern(m int) int { return microMaskPatterns[m&3] }

var microMaskPatterns = [4]int{1, 4, 6, 7}

// RMQRMaskPattern is the QR pattern (MaskDark) that rMQR's one data mask
// equals, ((i div 2) + (j div 3)) mod 2 = 0 (ISO/IEC 23941:2022 §7.8).
const RMQRMaskPattern = 4
