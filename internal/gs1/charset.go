package gs1

// The character sets of AI values (GS1 General Specifications §7.11).
type charset uint8

const (
	// setN is the digits 0–9.
	setN charset = iota
	// set82 is GS1 AI encodable character set 82 (Figure 7.11-1): the
	// invariant characters of ISO/IEC 646 that every GS1 carrier can hold.
	set82
	// set39 is GS1 AI encodable character set 39 (Figure 7.11-2), for the
	// component/part identifier of AI (8010).
	set39
	// set64 is GS1 AI encodable character set 64 (Figure 7.11-3), the
	// file-safe, URI-safe base64 alphabet with its padding character, for
	// the digital signature of AI (8030).
	set64
	numCharsets
)

// GS is the group separator, ASCII 29: the transmitted form's FNC1
// separator between elements (GS1 General Specifications §7.8.5).
const GS = 0x1D

var charsetNames = [numCharsets]string{"a digit", "in GS1 character set 82", "in GS1 character set 39", "in GS1 character set 64"}

// charsetMembers lists each set's characters.
var charsetMembers = [numCharsets]string{
	setN:  "0123456789",
	set82: "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
	set39: "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	set64: "-0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
}

// inSet[c] has bit s set when byte c belongs to charset s.
var inSet = func() (t [256]uint8) {
	for s, members := range charsetMembers {
		for i := range len(members) {
			t[members[i]] |= 1 << s
		}
	}
	return t
}()

// has reports whether c belongs to the set.
func (s charset) has(c byte) bool { return inSet[c]>>s&1 != 0 }

func isDigit(c byte) bool { return c-'0' <= 9 }
