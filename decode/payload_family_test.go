package decode

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// payloadCase is one hand-written bit stream (fields separated by spaces,
// from the clauses cited) and what it holds.
type payloadCase struct {
	name    string
	family  qrspec.Family
	version int
	bits    string
	bytes   string
	text    string // "" means the same as bytes
}

// bitLen counts the bits of a hand-written stream.
func bitLen(bits string) int { return len(strings.ReplaceAll(bits, " ", "")) }

// TestParsePayloadFamilies reads streams of Micro QR (ISO/IEC 18004:2015
// Tables 2 and 3, Micro QR columns) and rMQR (ISO/IEC 23941:2022 Tables 2
// and 3), each exactly as long as written: mode indicators of 0 to 3 bits,
// count widths per version, terminators of 3 to 9 zero bits or none where
// the symbol is full.
func TestParsePayloadFamilies(t *testing.T) {
	for _, c := range []payloadCase{
		// M1: no mode indicator, numeric count in 3 bits, 20 data bits.
		{"M1 full", qrspec.MicroQR, 1, "101 0001111011 0101101", "12345", ""},
		{"M1 terminator", qrspec.MicroQR, 1, "010 0001100 000 0000000", "12", ""},
		{"M1 empty", qrspec.MicroQR, 1, "000 00000000000000000", "", ""},
		// M2: 1-bit indicator (0 numeric, 1 alphanumeric), counts 4 and 3.
		{"M2 numeric", qrspec.MicroQR, 2, "0 0011 0001111011 00000 0000", "123", ""},
		{"M2 alphanumeric", qrspec.MicroQR, 2, "1 010 00111001110 00000", "AC", ""},
		{"M2 two segments", qrspec.MicroQR, 2, "1 001 001010 0 0001 0111 00000", "A7", ""},
		// M3: 2-bit indicator, byte count 4 bits, kanji count 3 bits; the
		// terminator is 7 bits.
		{"M3 byte", qrspec.MicroQR, 3, "10 0010 01101000 01101001 0000000", "hi", ""},
		{"M3 kanji", qrspec.MicroQR, 3, "11 001 0110110011111 0000000", "\x93\x5f", "点"},
		{"M3 numeric", qrspec.MicroQR, 3, "00 00011 0001111011 0000000", "123", ""},
		// M4: 3-bit indicator, counts 6, 5, 5, 4; terminator 9 bits.
		{"M4 numeric", qrspec.MicroQR, 4, "000 000010 0101010 000000000", "42", ""},
		{"M4 alphanumeric", qrspec.MicroQR, 4, "001 00001 100011 000000000", "Z", ""},
		{"M4 byte", qrspec.MicroQR, 4, "010 00001 01111110 000000000", "~", ""},
		{"M4 kanji", qrspec.MicroQR, 4, "011 0001 0110110011111 000000000", "\x93\x5f", "点"},
		{"M4 terminator cut short", qrspec.MicroQR, 4, "010 00001 01111110 00000000", "~", ""},
		// rMQR R7x43 (version 1): 3-bit indicators, numeric count 4 bits,
		// alphanumeric 3, byte 3, kanji 2.
		{"R7x43 numeric", qrspec.RMQR, 1, "001 0011 0001111011 000", "123", ""},
		{"R7x43 alphanumeric", qrspec.RMQR, 1, "010 010 00111001110 000", "AC", ""},
		{"R7x43 byte", qrspec.RMQR, 1, "011 001 01111110 000", "~", ""},
		{"R7x43 kanji", qrspec.RMQR, 1, "100 01 0110110011111 000", "\x93\x5f", "点"},
		// R17x139 (version 32): counts 9, 8, 8, 7.
		{"R17x139 numeric", qrspec.RMQR, 32, "001 000000010 0101010 000", "42", ""},
		{"R17x139 byte", qrspec.RMQR, 32, "011 00000001 01111110 000", "~", ""},
		{"rMQR ECI", qrspec.RMQR, 32, "111 00000011 011 00000001 11101001 000", "\xe9", "é"},
		{"rMQR FNC1 first", qrspec.RMQR, 32, "101 010 00000011 " + field(10*45+38, 11) + " 010001 000", "A\x1dH", ""},
	} {
		p, err := parsePayload(stream(c.bits), bitLen(c.bits), c.family, c.version)
		want := c.text
		if want == "" {
			want = c.bytes
		}
		if err != nil || string(p.bytes) != c.bytes || p.text != want {
			t.Errorf("%s: got %q (text %q), %v; want %q (text %q)", c.name, p.bytes, p.text, err, c.bytes, want)
		}
	}
}

// TestParsePayloadFamiliesInvalid: mode indicators a version lacks, and
// values out of range, are errors in every family.
func TestParsePayloadFamiliesInvalid(t *testing.T) {
	for _, c := range []payloadCase{
		{name: "M4 indicator 100", family: qrspec.MicroQR, version: 4, bits: "100 0000 000000000"},
		{name: "M4 indicator 111", family: qrspec.MicroQR, version: 4, bits: "111 0000 000000000"},
		{name: "M1 digit 10", family: qrspec.MicroQR, version: 1, bits: "001 1010 0000000000000"},
		{name: "M2 segment past the end", family: qrspec.MicroQR, version: 2, bits: "0 1111 0001111011"},
		{name: "rMQR ECI over 999999", family: qrspec.RMQR, version: 5, bits: "111 11011111 11111111 11111111 000"},
		{name: "QR application indicator 100", family: qrspec.QR, version: 1, bits: "1001 01100100 0000"},
		{name: "QR application indicator '['", family: qrspec.QR, version: 1, bits: "1001 " + field('['+100, 8) + " 0000"},
		{name: "QR hanzi subset 2", family: qrspec.QR, version: 1, bits: "1101 0010 00000001 0001111000000 0000"},
	} {
		_, err := parsePayload(stream(c.bits), bitLen(c.bits), c.family, c.version)
		if !errors.Is(err, errPayload) {
			t.Errorf("%s: got %v, want errPayload", c.name, err)
		}
	}
}

// TestParsePayloadHeaders reads what the GS1, AIM and sequence features
// need: FNC1 in first and second position with the application indicator
// (ISO/IEC 18004:2015 §7.4.8), the structured append header (clause 8),
// and the ECI.
func TestParsePayloadHeaders(t *testing.T) {
	for _, c := range []struct {
		name   string
		bits   string
		fnc1   fnc1Position
		ai     string
		header Sequence
		bytes  string
		eci    int
	}{
		{"plain", "0001 0000000010 0101010 0000", noFNC1, "", Sequence{}, "42", -1},
		{"FNC1 first, % as GS", "0101 0010 000000101 " + field(10*45+38, 11) + " " + field(11*45+38, 11) + " 100110 0000",
			fnc1First, "", Sequence{}, "A\x1dB%", -1},
		{"FNC1 second, digits", "1001 00110111 0001 0000000010 0101010 0000", fnc1Second, "55", Sequence{}, "42", -1},
		{"FNC1 second, letter a", "1001 " + field('a'+100, 8) + " 0001 0000000001 0101 0000", fnc1Second, "a", Sequence{}, "5", -1},
		{"FNC1 second, letter Z", "1001 " + field('Z'+100, 8) + " 0000", fnc1Second, "Z", Sequence{}, "", -1},
		{"structured append 3 of 4", "0011 0010 0011 10100101 0001 0000000001 0111 0000", noFNC1, "", Sequence{2, 4, 0xA5}, "7", -1},
		{"first header counts", "0011 0000 0001 00000001 0011 0001 0001 00000010 0000", noFNC1, "", Sequence{0, 2, 1}, "", -1},
		{"ECI and FNC1", "0111 00011010 0101 0100 00000001 01100001 0000", fnc1First, "", Sequence{}, "a", 26},
	} {
		p, err := parsePayload(stream(c.bits), bitLen(c.bits), qrspec.QR, 1)
		if err != nil || p.fnc1 != c.fnc1 || p.appIndicator != c.ai || p.header != c.header || string(p.bytes) != c.bytes || p.eci != c.eci {
			t.Errorf("%s: got FNC1 %d %q, header %+v, %q, ECI %d, %v", c.name, p.fnc1, p.appIndicator, p.header, p.bytes, p.eci, err)
		}
	}
}

// TestParsePayloadText checks the conversion of each kind of segment to
// text: byte segments in the charset of the ECI in force, or guessed; kanji
// from Shift JIS; hanzi from GB 2312; an ECI without a known charset read
// as none.
func TestParsePayloadText(t *testing.T) {
	for _, c := range []struct {
		name, bits, text string
	}{
		{"UTF-8 guessed", "0100 00000010 11000011 10101001 0000", "é"},
		{"ISO-8859-1 by ECI 3", "0111 00000011 0100 00000001 11101001 0000", "é"},
		{"UTF-8 by ECI 26", "0111 00011010 0100 00000010 11000011 10101001 0000", "é"},
		{"ECI changes mid-stream", "0111 00000011 0100 00000001 11101001 0111 00011010 0100 00000010 11000011 10101001 0000", "éé"},
		{"Shift JIS guessed", "0100 00000100 10000010 10100000 10000010 10100010 0000", "あい"},
		{"kanji", "1000 00000010 0110110011111 1101010101010 0000", "点茗"},
		{"hanzi", "1101 0001 00000001 0001111000000 0000", "啊"},
		{"unknown ECI 899 guessed", "0111 10000011 10000011 0100 00000010 11000011 10101001 0000", "é"},
		{"digits after bytes", "0100 00000001 01100001 0001 0000000010 0101010 0000", "a42"},
	} {
		p, err := parsePayload(stream(c.bits), bitLen(c.bits), qrspec.QR, 1)
		if err != nil || p.text != c.text {
			t.Errorf("%s: got %q, %v; want %q", c.name, p.text, err, c.text)
		}
	}
}

// FuzzParsePayloadFamilies checks that any data bits, for any family and
// version, either parse or fail with errPayload, never longer than the
// bits allow (3 digits per 10 bits at most, and one count of empty
// segments), with text in valid UTF-8.
func FuzzParsePayloadFamilies(f *testing.F) {
	f.Add(stream("101 0001111011 0101101"), uint8(1), uint8(1), uint16(20))
	f.Add(stream("011 0001 0110110011111 000000000"), uint8(1), uint8(4), uint16(128))
	f.Add(stream("101 010 00000011 00111101010 010001 000"), uint8(2), uint8(32), uint16(64))
	f.Add(stream("0011 0010 0011 10100101 1001 00110111 0000"), uint8(0), uint8(1), uint16(40))
	f.Fuzz(func(t *testing.T, data []byte, fam, v uint8, n uint16) {
		family := qrspec.Family(fam % 3)
		first, last := family.Versions()
		version := first + int(v)%(last-first+1)
		bits := min(int(n), 8*len(data))
		p, err := parsePayload(data, bits, family, version)
		if err != nil {
			if !errors.Is(err, errPayload) {
				t.Fatalf("error %v does not wrap errPayload", err)
			}
			return
		}
		if len(p.bytes) > bits*3/10+3 {
			t.Fatalf("%d bits gave %d payload bytes", bits, len(p.bytes))
		}
		if !utf8.ValidString(p.text) {
			t.Fatalf("text %q is not UTF-8", p.text)
		}
	})
}
