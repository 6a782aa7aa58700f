package decode

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// The bit streams in these tests are written out by hand from ISO/IEC
// 18004:2015 clause 7.4 (spaces separate fields), not made by the encoder.

// stream packs a string of '0' and '1' (spaces ignored) into codewords,
// most significant bit first, the last byte filled with 0 bits.
func stream(bits string) []byte {
	bits = strings.ReplaceAll(bits, " ", "")
	out := make([]byte, (len(bits)+7)/8)
	for i, c := range bits {
		if c == '1' {
			out[i/8] |= 0x80 >> (i % 8)
		}
	}
	return out
}

// parseQR parses codewords as the data of a QR Code of the given version,
// every bit of them: the payload bytes and the first ECI, or nil and −1
// with the error.
func parseQR(codewords []byte, version int) ([]byte, int, error) {
	p, err := parsePayload(codewords, 8*len(codewords), qrspec.QR, version)
	if err != nil {
		return nil, -1, err
	}
	return p.bytes, p.eci, nil
}

// field writes v in width bits.
func field(v, width int) string { return fmt.Sprintf("%0*b", width, v) }

// TestParsePayloadModes reads one stream per mode and feature.
func TestParsePayloadModes(t *testing.T) {
	for _, c := range []struct {
		name    string
		version int
		bits    string
		want    string
		eci     int
	}{
		// §7.4.3's example: groups 012, 345, tail 67.
		{"numeric tail 2", 1, "0001 0000001000 0000001100 0101011001 1000011 0000", "01234567", -1},
		{"numeric tail 1", 1, "0001 0000000100 0001111011 0100 0000", "1234", -1},
		{"numeric tail 3", 1, "0001 0000000011 0001111011 0000", "123", -1},
		{"numeric leading zeros", 1, "0001 0000000101 0000000000 0000111 0000", "00007", -1},
		// §7.4.4's example: AC, -4, tail 2.
		{"alphanumeric odd", 1, "0010 000000101 00111001110 11100111001 000010 0000", "AC-42", -1},
		{"alphanumeric even", 1, "0010 000000100 00111001110 11100111001 0000", "AC-4", -1},
		{"alphanumeric symbols", 1, "0010 000000010 " + field(36*45+44, 11) + " 0000", " :", -1},
		{"byte", 1, "0100 00000010 11000011 10101001 0000", "\xc3\xa9", -1},
		// §7.4.6's examples: 点 0x935F → 0xD9F, 茗 0xE4AA → 0x1AAA.
		{"kanji", 1, "1000 00000010 0110110011111 1101010101010 0000", "\x93\x5f\xe4\xaa", -1},
		// GB/T 18284: subset 0001 (GB 2312), 啊 0xB0A1 → 0x3C0.
		{"hanzi", 1, "1101 0001 00000001 0001111000000 0000", "\xb0\xa1", -1},
		{"ECI 1 byte", 1, "0111 00011010 0100 00000001 01100001 0000", "a", 26},
		{"ECI 2 bytes", 1, "0111 10000000 10000000 0100 00000001 01100001 0000", "a", 128},
		{"ECI 2 bytes max", 1, "0111 10111111 11111111 0000", "", 16383},
		{"ECI 3 bytes", 1, "0111 11000000 01000000 00000000 0100 00000001 01100001 0000", "a", 16384},
		{"ECI 3 bytes 999999", 1, "0111 11001111 01000010 00111111 0000", "", 999999},
		{"first ECI kept", 1, "0111 00000011 0100 00000001 01100001 0111 00011010 0100 00000001 01100010 0000", "ab", 3},
		{"FNC1 first", 1, "0101 0001 0000000010 0000001 0000", "01", -1},
		{"FNC1 second", 1, "1001 01000001 0010 000000001 001010 0000", "A", -1},
		{"structured append", 1, "0011 0000 0001 10101010 0001 0000000001 0111 0000", "7", -1},
		{"mixed segments", 1, "0001 0000000011 0001111011 0010 000000010 00111001110 0100 00000001 01111010 0000", "123ACz", -1},
		{"data after terminator ignored", 1, "0100 00000001 01100001 0000 0100 00000001 01100010", "a", -1},
		{"no terminator, full", 1, "0100 00000001 01100001 0001 0000000001 0101", "a5", -1},
		{"no terminator, 2 bits left", 1, "0100 00000010 01100001 01100010 0001 0000000001 0101 00", "ab5", -1},
		{"no terminator, 3 bits left", 1, "0010 000000001 001010 0100 00000001 01100001 0101 0001 0000000001 0101 101", "Aa5", -1},
		{"empty", 1, "", "", -1},
	} {
		got, eci, err := parseQR(stream(c.bits), c.version)
		if err != nil || string(got) != c.want || eci != c.eci {
			t.Errorf("%s: got %q, ECI %d, %v; want %q, ECI %d", c.name, got, eci, err, c.want, c.eci)
		}
	}
}

// TestParsePayloadCountWidths reads one segment of each mode at both ends
// of Table 3's three version ranges, with the count in the width the
// standard gives there.
func TestParsePayloadCountWidths(t *testing.T) {
	widths := []struct {
		first, last int
		numeric     int
		alnum       int
		byte        int
		kanji       int
	}{
		{1, 9, 10, 9, 8, 8},
		{10, 26, 12, 11, 16, 10},
		{27, 40, 14, 13, 16, 12},
	}
	for _, w := range widths {
		for _, v := range []int{w.first, w.last} {
			for _, c := range []struct {
				mode string
				bits string
				want string
			}{
				{"numeric", "0001 " + field(2, w.numeric) + " 0101010", "42"},
				{"alphanumeric", "0010 " + field(1, w.alnum) + " 100011", "Z"},
				{"byte", "0100 " + field(1, w.byte) + " 01111110", "~"},
				{"kanji", "1000 " + field(1, w.kanji) + " 0110110011111", "\x93\x5f"},
				{"hanzi", "1101 0001 " + field(1, w.kanji) + " 0001111000000", "\xb0\xa1"},
			} {
				got, _, err := parseQR(stream(c.bits+" 0000"), v)
				if err != nil || string(got) != c.want {
					t.Errorf("version %d %s: got %q, %v; want %q", v, c.mode, got, err, c.want)
				}
			}
		}
	}
}

// TestParsePayloadInvalid checks that streams with values the standard
// does not allow are errors.
func TestParsePayloadInvalid(t *testing.T) {
	for _, c := range []struct {
		name string
		bits string
	}{
		{"alphanumeric pair 45·45", "0010 000000010 " + field(45*45, 11)},
		{"alphanumeric pair 2047", "0010 000000010 11111111111"},
		{"alphanumeric single 45", "0010 000000001 101101"},
		{"alphanumeric single 63", "0010 000000001 111111"},
		{"numeric group 1000", "0001 0000000011 " + field(1000, 10)},
		{"numeric group 1023", "0001 0000000011 1111111111"},
		{"numeric pair 100", "0001 0000000010 " + field(100, 7)},
		{"numeric single 10", "0001 0000000001 1010"},
		{"ECI prefix 111", "0111 11100000 00000000 00000000"},
		{"mode 0110", "0110 0000"},
		{"mode 1010", "1010 0000"},
		{"mode 1011", "1011 0000"},
		{"mode 1100", "1100 0000"},
		{"mode 1110", "1110 0000"},
		{"mode 1111", "1111 0000"},
		{"byte count beyond the data", "0100 11111111 01100001 0000"},
	} {
		got, eci, err := parseQR(stream(c.bits+" 0000"), 1)
		if !errors.Is(err, errPayload) || got != nil || eci != -1 {
			t.Errorf("%s: got %q, ECI %d, %v; want errPayload", c.name, got, eci, err)
		}
	}
}

// TestParsePayloadTruncated cuts a stream of every kind of segment at every
// byte, shifted by empty segments in front so that the cuts fall at every
// bit position of it. A cut inside a segment is an error; a cut that leaves
// fewer than 4 bits after a segment's end reads the segments before it.
func TestParsePayloadTruncated(t *testing.T) {
	type segment struct{ bits, payload string }
	body := []segment{
		{"0111 10000000 10000000", ""},  // ECI 128
		{"0011 0000 0001 10101010", ""}, // structured append
		{"1001 01000001", ""},           // FNC1 second, indicator 'A'
		{"0001 0000000100 0001111011 0100", "1234"},
		{"0010 000000011 00111001110 000010", "AC2"},
		{"0100 00000010 11000011 10101001", "\xc3\xa9"},
		{"1000 00000001 0110110011111", "\x93\x5f"},
		{"1101 0001 00000001 0001111000000", "\xb0\xa1"},
		{"0101", ""}, // FNC1 first
		{"0001 0000000010 0101010", "42"},
		{"0000", ""}, // terminator
	}
	// Empty segments of 12 (byte), 13 (alphanumeric) and 14 (numeric)
	// bits, combined to shift the body by 0 to 7 bits modulo 8.
	empty := map[int]string{12: "0100 00000000", 13: "0010 000000000", 14: "0001 0000000000"}
	shifts := [8][]int{{}, {12, 13}, {13, 13}, {13, 14}, {12}, {13}, {14}, {13, 13, 13}}
	var read, failed int
	for shift, lengths := range shifts {
		var segs []segment
		for _, n := range lengths {
			segs = append(segs, segment{empty[n], ""})
		}
		segs = append(segs, body...)
		var all strings.Builder
		var ends []int
		for _, s := range segs {
			all.WriteString(strings.ReplaceAll(s.bits, " ", ""))
			ends = append(ends, all.Len())
		}
		full := stream(all.String())
		for k := 0; k <= len(full); k++ {
			cut := 8 * k
			// The last segment that ends within the cut.
			j, end := -1, 0
			for i, e := range ends {
				if e <= cut {
					j, end = i, e
				}
			}
			ended := j == len(segs)-1 // the terminator is in
			wantOK := ended || cut-end < 4
			var want strings.Builder
			for _, s := range segs[:j+1] {
				want.WriteString(s.payload)
			}
			got, eci, err := parseQR(full[:k], 1)
			if err == nil {
				read++
			} else {
				failed++
			}
			switch {
			case wantOK && (err != nil || string(got) != want.String()):
				t.Errorf("shift %d, cut at byte %d (bit %d): got %q, %v; want %q", shift, k, cut, got, err, want.String())
			case !wantOK && (!errors.Is(err, errPayload) || got != nil || eci != -1):
				t.Errorf("shift %d, cut at byte %d (bit %d) inside a segment: got %q, ECI %d, %v; want errPayload", shift, k, cut, got, eci, err)
			}
		}
	}
	if read < 8 || failed < 8*len(body) {
		t.Errorf("%d cuts read, %d failed: the cuts do not cover both outcomes", read, failed)
	}
}

// FuzzParsePayload checks that any codewords, in any version, either parse
// or fail with errPayload, and that a parsed payload is never longer than
// the codewords allow: 3 digits per 10 bits at most.
func FuzzParsePayload(f *testing.F) {
	f.Add(stream("0001 0000001000 0000001100 0101011001 1000011 0000"), uint8(1))
	f.Add(stream("0111 11000000 01000000 00000000 0100 00000001 01100001 0000"), uint8(10))
	f.Add(stream("1101 0001 00000001 0001111000000 0000"), uint8(27))
	f.Fuzz(func(t *testing.T, data []byte, v uint8) {
		version := 1 + int(v)%40
		payload, eci, err := parseQR(data, version)
		if err != nil {
			if !errors.Is(err, errPayload) || payload != nil || eci != -1 {
				t.Fatalf("error %v with payload %q, ECI %d", err, payload, eci)
			}
			return
		}
		if len(payload) > 8*len(data)*3/10+3 {
			t.Fatalf("%d codewords gave %d payload bytes", len(data), len(payload))
		}
	})
}

// TestParsePayloadMixed reads an ECI, a byte and a numeric segment in one
// stream, and refuses a byte segment longer than the data.
func TestParsePayloadMixed(t *testing.T) {
	// ECI 26 (UTF-8), then byte mode "é" (C3 A9), then numeric "123", in a
	// version 1 bit stream: 0111 00011010 | 0100 00000010 11000011 10101001 |
	// 0001 0000000011 0001111011 | 0000.
	bits := "0111" + "00011010" + "0100" + "00000010" + "11000011" + "10101001" + "0001" + "0000000011" + "0001111011" + "0000"
	for len(bits)%8 != 0 {
		bits += "0"
	}
	data := make([]byte, len(bits)/8)
	for i, c := range bits {
		if c == '1' {
			data[i/8] |= 0x80 >> (i % 8)
		}
	}
	payload, eci, err := parseQR(data, 1)
	if err != nil || string(payload) != "é123" || eci != 26 {
		t.Fatalf("got %q, ECI %d, %v", payload, eci, err)
	}
	if _, _, err := parseQR([]byte{0x40, 0xFF}, 1); err == nil {
		t.Error("a byte segment longer than the data parsed without error")
	}
}
