package bits

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	for _, c := range []struct {
		name   string
		writes [][2]uint32 // value, bit count
		want   []byte
		n      int
	}{
		{"empty", nil, []byte{}, 0},
		{"nibble", [][2]uint32{{0b0001, 4}}, []byte{0x10}, 4},
		// Annex I's stream: numeric mode, count 8, then 012 3456 7 (10, 10, 7 bits).
		{"annexI", [][2]uint32{{1, 4}, {8, 10}, {12, 10}, {345, 10}, {67, 7}}, []byte{0x10, 0x20, 0x0C, 0x56, 0x61, 0x80}, 41},
		{"high bits ignored", [][2]uint32{{0xFFF1, 4}}, []byte{0x10}, 4},
		{"32 bits", [][2]uint32{{0xDEADBEEF, 32}}, []byte{0xDE, 0xAD, 0xBE, 0xEF}, 32},
		{"zero width", [][2]uint32{{1, 0}, {1, 1}}, []byte{0x80}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b Buffer
			b.Reset(make([]byte, 8))
			for _, w := range c.writes {
				b.Write(w[0], int(w[1]))
			}
			if b.Len() != c.n || !bytes.Equal(b.Bytes(), c.want) || b.Overflow() {
				t.Fatalf("got %d bits % X overflow %v, want %d bits % X", b.Len(), b.Bytes(), b.Overflow(), c.n, c.want)
			}
		})
	}
}

func TestOverflowAndReset(t *testing.T) {
	buf := []byte{0xFF, 0xFF}
	var b Buffer
	b.Reset(buf)
	if buf[0] != 0 || b.Cap() != 16 {
		t.Fatal("Reset must clear the buffer")
	}
	b.Write(0xABC, 12)
	b.Write(0xFF, 8) // does not fit: dropped
	if !b.Overflow() || b.Len() != 12 || !bytes.Equal(b.Bytes(), []byte{0xAB, 0xC0}) {
		t.Fatalf("overflow %v len %d bytes % X", b.Overflow(), b.Len(), b.Bytes())
	}
	var zero Buffer
	zero.Write(1, 1) // no room, no panic
	if !zero.Overflow() {
		t.Fatal("zero Buffer must report overflow")
	}
}

// TestWriteBytes compares WriteBytes with Write at every alignment.
func TestWriteBytes(t *testing.T) {
	p := []byte{0xA5, 0x00, 0xFF, 0x3C, 0x81}
	for lead := 0; lead < 16; lead++ {
		var a, b Buffer
		a.Reset(make([]byte, 8))
		b.Reset(make([]byte, 8))
		a.Write(0x5555, lead)
		b.Write(0x5555, lead)
		a.WriteBytes(p)
		for _, c := range p {
			b.Write(uint32(c), 8)
		}
		if a.Len() != b.Len() || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("lead %d: WriteBytes % X, Write % X", lead, a.Bytes(), b.Bytes())
		}
	}
	var c Buffer
	c.Reset(make([]byte, 2))
	c.WriteBytes([]byte{1, 2, 3})
	if !c.Overflow() || c.Len() != 0 {
		t.Fatal("WriteBytes past the end must drop the bytes and report overflow")
	}
}
