package decode

import "testing"

func TestParsePayload(t *testing.T) {
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
	payload, eci, err := parsePayload(data, 1)
	if err != nil || string(payload) != "é123" || eci != 26 {
		t.Fatalf("got %q, ECI %d, %v", payload, eci, err)
	}
	if _, _, err := parsePayload([]byte{0x40, 0xFF}, 1); err == nil {
		t.Error("a byte segment longer than the data parsed without error")
	}
}
