package encode

import (
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// checkSequence encodes data as a sequence and checks it: one version for
// all, at most maxV; headers numbered in order with the parity of the
// whole message; each symbol read by gozxing, the texts joined giving
// want (the data, or for GS1 its transmitted form); and the fewest
// symbols, each but the last holding as many characters as fit.
func checkSequence(t *testing.T, data, want string, o Options) []Symbol {
	t.Helper()
	var e Encoder
	syms, err := e.EncodeSequence([]byte(data), &o)
	if err != nil {
		t.Fatalf("%.40q %+v: %v", data, o, err)
	}
	var joined strings.Builder
	var parity byte
	for i := range want {
		parity ^= want[i]
	}
	for i := range syms {
		s := &syms[i]
		if s.Version() != syms[0].Version() || o.MaxVersion != 0 && s.Version() > o.MaxVersion {
			t.Fatalf("%.40q: symbol %d version %d, first %d, max %d", data, i, s.Version(), syms[0].Version(), o.MaxVersion)
		}
		r, err := zxingDecode(s)
		if err != nil {
			t.Fatalf("%.40q: symbol %d of %d: gozxing: %v", data, i, len(syms), err)
		}
		joined.WriteString(r.GetText())
		hdr, ok := streamHeader(r.GetRawBytes())
		if len(syms) == 1 && ok || len(syms) > 1 && (!ok || hdr != StructuredAppend{Index: i, Total: len(syms), Parity: parity}) {
			t.Fatalf("%.40q: symbol %d of %d has header %+v (%v), want parity %#x", data, i, len(syms), hdr, ok, parity)
		}
	}
	if joined.String() != want {
		t.Fatalf("%.40q: symbols read %.60q, want %.60q", data, joined.String(), want)
	}
	return syms
}

// streamHeader reads a structured append header at the start of a data
// codeword stream.
func streamHeader(s []byte) (StructuredAppend, bool) {
	if len(s) < 3 || s[0]>>4 != 0b0011 {
		return StructuredAppend{}, false
	}
	return StructuredAppend{Index: int(s[0] & 15), Total: int(s[1]>>4) + 1, Parity: s[1]<<4 | s[2]>>4}, true
}

// TestEncodeSequence splits texts of growing length over 1 to 16 symbols
// of versions 1 to 10, at every level, and checks the fewest-symbols and
// smallest-version rules.
func TestEncodeSequence(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	counts := map[int]bool{}
	for _, maxV := range []Version{1, 2, 3, 5, 10} {
		for l := L; l <= H; l++ {
			for _, n := range []int{10, 60, 150, 400, 900} {
				data := string(mixed(rng, n))
				o := Options{Level: l, MaxVersion: maxV}
				var e Encoder
				syms, err := e.EncodeSequence([]byte(data), &o)
				if errors.Is(err, ErrTooLong) {
					continue
				}
				syms = checkSequence(t, data, data, o)
				counts[len(syms)] = true
				if len(syms) > 1 {
					checkFewest(t, []byte(data), o, syms)
				}
			}
		}
	}
	for _, n := range []int{1, 2, 3, 9} {
		if !counts[n] {
			t.Errorf("no sequence of %d symbols among the cases", n)
		}
	}
}

// checkFewest checks, through the sequencer's own split, that the version
// below holds the data only in more symbols, and that every symbol but the
// last is full: one more character would not fit.
func checkFewest(t *testing.T, data []byte, o Options, syms []Symbol) {
	t.Helper()
	var e Encoder
	f, h := chooseModes(data, &o)
	h.sa = StructuredAppend{Total: maxSequence}
	sq := sequencer{e: &e, data: data, level: o.Level.Resolve(), f: f, h: h, cuts: runeStarts(data)}
	v := syms[0].Version()
	parts, ok := sq.split(v, len(syms))
	if !ok || len(parts)-1 != len(syms) {
		t.Fatalf("split at version %d: %v parts, want %d", v, parts, len(syms))
	}
	room := capacity(v, o.Level.Resolve()) - sq.h.bits(qrspec.QR, v)
	for i := 0; i+2 < len(parts); i++ {
		more := parts[i+1] + 1
		if n, _ := e.encodedBits(data[parts[i]:more], qrspec.QR, v, f); n <= room {
			t.Errorf("part %d of %d at version %d holds %d bytes, and one more fits (%d ≤ %d bits)", i, len(syms), v, parts[i+1]-parts[i], n, room)
		}
	}
	if v > 1 && (o.MinVersion == 0 || v > o.MinVersion) {
		if _, ok := sq.split(v-1, len(syms)); ok {
			t.Errorf("version %d also holds the data in %d symbols", v-1, len(syms))
		}
	}
}

// TestEncodeSequenceECI splits UTF-8 text between characters: every
// symbol carries the ECI 26 designator after its header and reads on its
// own as UTF-8.
func TestEncodeSequenceECI(t *testing.T) {
	data := strings.Repeat("Grüße, 日本語 — ", 12)
	syms := checkSequence(t, data, data, Options{Level: M, MaxVersion: 3})
	if len(syms) < 3 {
		t.Fatalf("%d symbols", len(syms))
	}
	for i := range syms {
		r, _ := zxingDecode(&syms[i])
		raw := r.GetRawBytes()
		// 0011 iiii tttt pppppppp, then 0111 00011010.
		if raw[2]&15 != 0b0111 || raw[3] != 0x1A {
			t.Errorf("symbol %d: no ECI 26 after the header: % x", i, raw[:4])
		}
	}
}

// TestEncodeSequenceGS1 splits a GS1 element string: every symbol has FNC1
// in first position, the joined texts are the transmitted form, and the
// parity is that of the transmitted form.
func TestEncodeSequenceGS1(t *testing.T) {
	hri := "(01)09506000134352(17)261231(10)ABCDEFGHIJKLMNOPQRST(21)12345678901234567890(400)ORDER-0001-XYZ(8200)https://example.com/abc"
	want := "010950600013435217261231" + "10ABCDEFGHIJKLMNOPQRST\x1d2112345678901234567890\x1d400ORDER-0001-XYZ\x1d8200https://example.com/abc"
	syms := checkSequence(t, hri, want, Options{GS1: true, Level: L, MaxVersion: 2})
	if len(syms) < 2 {
		t.Fatalf("%d symbols", len(syms))
	}
	for i := range syms {
		r, _ := zxingDecode(&syms[i])
		if raw := r.GetRawBytes(); raw[2]&15 != 0b0101 {
			t.Errorf("symbol %d: no FNC1 after the header: % x", i, raw[:3])
		}
	}
}

// TestEncodeSequenceKanjiParity checks that characters in kanji mode count
// in the parity as their Shift JIS bytes: 日 0x93FA, 本 0x967B, 語 0x8CEA.
func TestEncodeSequenceKanjiParity(t *testing.T) {
	text := strings.Repeat("日本語", 40)
	var e Encoder
	syms, err := e.EncodeSequence([]byte(text), &Options{Kanji: true, MaxVersion: 2, Level: L})
	if err != nil || len(syms) < 2 {
		t.Fatalf("%d symbols, %v", len(syms), err)
	}
	var want byte
	for range 40 {
		want ^= 0x93 ^ 0xFA ^ 0x96 ^ 0x7B ^ 0x8C ^ 0xEA
	}
	for i := range syms {
		r, err := zxingDecode(&syms[i])
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := streamHeader(r.GetRawBytes()); !ok || h.Parity != want {
			t.Errorf("symbol %d: header %+v, want parity %#x", i, h, want)
		}
	}
}

// TestEncodeSequenceLimits checks the edges: 16 symbols, more is
// ErrTooLong with the capacity of 16, Append given is an invalid option,
// and bad GS1 is ErrInvalidGS1.
func TestEncodeSequenceLimits(t *testing.T) {
	var e Encoder
	o := Options{Level: H, MaxVersion: 1}
	// Version 1-H holds 72 bits: 20 of header and 4 + 10 of numeric count
	// leave 38, 11 digits (37 bits); 16 symbols hold 176 digits.
	syms, err := e.EncodeSequence([]byte(strings.Repeat("7", 176)), &o)
	if err != nil || len(syms) != 16 {
		t.Fatalf("176 digits: %d symbols, %v", len(syms), err)
	}
	_, err = e.EncodeSequence([]byte(strings.Repeat("7", 177)), &o)
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.AvailableBits != 16*72 {
		t.Errorf("177 digits: %v", err)
	}
	_, err = e.EncodeSequence([]byte(strings.Repeat("7", 1<<21)), &o)
	if !errors.Is(err, ErrTooLong) {
		t.Errorf("2 MiB: %v", err)
	}
	if _, err := e.EncodeSequence([]byte("1"), &Options{Append: StructuredAppend{Index: 0, Total: 2}}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("Append given: %v", err)
	}
	for _, f := range []Format{MicroQR, RMQR} {
		if _, err := e.EncodeSequence([]byte("1"), &Options{Format: f, Level: L}); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%v sequence: %v", f, err)
		}
	}
	if _, err := e.EncodeSequence([]byte("(01)1"), &Options{GS1: true}); !errors.Is(err, ErrInvalidGS1) {
		t.Errorf("bad GS1: %v", err)
	}
	syms, err = e.EncodeSequence([]byte("short"), nil)
	if err != nil || len(syms) != 1 {
		t.Errorf("short text: %d symbols, %v", len(syms), err)
	}
}

// BenchmarkEncodeSequence splits 2 KB of text over version 10 symbols at
// level M (five symbols), and a GS1 element string over version 2 ones.
func BenchmarkEncodeSequence(b *testing.B) {
	for _, c := range []struct {
		name string
		data string
		o    Options
	}{
		{"text_2k_v10", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 45), Options{Level: M, MaxVersion: 10}},
		{"gs1_v2", "(01)09506000134352(17)261231(10)ABCDEFGHIJKLMNOPQRST(21)12345678901234567890(400)ORDER-0001", Options{GS1: true, Level: L, MaxVersion: 2}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var e Encoder
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.EncodeSequence([]byte(c.data), &c.o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncodeGS1 encodes a GS1 element string into one symbol: parsing
// and validation, then the usual encoding.
func BenchmarkEncodeGS1(b *testing.B) {
	var e Encoder
	var s Symbol
	data := []byte("(01)09506000134352(17)261231(10)ABC123")
	o := Options{GS1: true, Level: M}
	b.ReportAllocs()
	for b.Loop() {
		if err := e.EncodeTo(&s, data, &o); err != nil {
			b.Fatal(err)
		}
	}
}
