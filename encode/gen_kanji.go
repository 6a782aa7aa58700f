//go:build ignore

// gen_kanji writes sjis.bin, the table that maps Unicode characters to the
// Shift JIS codes kanji mode can hold (ISO/IEC 18004:2015 §7.4.6: 0x8140 to
// 0x9FFC and 0xE040 to 0xEBBF). It asks golang.org/x/text's Shift JIS
// encoder, character by character, over the Basic Multilingual Plane (JIS X
// 0208 has nothing outside it). A character is kept only if the decoder
// maps its code back to it, so that readers return what was encoded: this
// drops the characters the encoder folds onto another's code.
//
// The file is a list of 4-byte records sorted by character: the character
// (uint16, big-endian) then its Shift JIS code (uint16, big-endian).
//
// Run from the encode directory: go run gen_kanji.go
package main

import (
	"encoding/binary"
	"log"
	"os"

	"golang.org/x/text/encoding/japanese"
)

func main() {
	enc := japanese.ShiftJIS.NewEncoder()
	dec := japanese.ShiftJIS.NewDecoder()
	var out []byte
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates are not characters
		}
		b, err := enc.Bytes([]byte(string(r)))
		if err != nil || len(b) != 2 {
			continue
		}
		if back, err := dec.Bytes(b); err != nil || string(back) != string(r) {
			continue
		}
		code := uint16(b[0])<<8 | uint16(b[1])
		if !(code >= 0x8140 && code <= 0x9FFC || code >= 0xE040 && code <= 0xEBBF) {
			continue
		}
		out = binary.BigEndian.AppendUint16(out, uint16(r))
		out = binary.BigEndian.AppendUint16(out, code)
	}
	if err := os.WriteFile("sjis.bin", out, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("sjis.bin: %d characters", len(out)/4)
}
