package pngenc

import (
	"encoding/binary"
	"hash/crc32"
)

// signature is the 8-byte PNG signature (PNG spec §5.2).
var signature = [8]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// startChunk appends a chunk's length placeholder and type and returns the
// chunk's start; endChunk fills in the length and appends the CRC (§5.3),
// which covers the type and the data.
func startChunk(out *[]byte, typ string) int {
	start := len(*out)
	*out = append(*out, 0, 0, 0, 0)
	*out = append(*out, typ...)
	return start
}

func endChunk(out *[]byte, start int) {
	b := *out
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start-8))
	*out = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start+4:]))
}
