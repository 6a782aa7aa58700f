package qrspec_test

import (
	"fmt"

	"github.com/qrworks/qrworks/internal/qrspec"
)

// A version's capacity and segment headers, as the encoder fits a bit
// stream: version 1-M holds 16 data codewords (Table 7); a byte segment
// costs a 4-bit indicator and an 8-bit count there, a 16-bit count from
// version 10 on (Table 3).
func ExampleFamily() {
	f := qrspec.QR
	w, h := f.Size(1)
	fmt.Println(w, h, f.DataCodewords(1, qrspec.M))
	fmt.Println(f.ModeBits(1), f.CountBits(1, qrspec.Byte), f.CountBits(10, qrspec.Byte))
	b := f.Blocks(5, qrspec.Q)
	fmt.Printf("%d blocks of %d+%d data codewords, %d EC codewords each\n", b.Count, b.ShortData, b.ShortData+1, b.ECPerBlock)
	// Output:
	// 21 21 16
	// 4 8 16
	// 4 blocks of 15+16 data codewords, 18 EC codewords each
}

// Reading the format information of Annex I's example symbol (level M,
// mask 2) with two bits misread.
func ExampleDecodeQRFormatInfo() {
	word := qrspec.QRFormatInfo(qrspec.M, 2)
	fmt.Printf("%015b\n", word)
	l, mask, distance := qrspec.DecodeQRFormatInfo(word ^ 0b000000100000001)
	fmt.Println(l, mask, distance)
	// Output:
	// 101111001111100
	// M 2 2
}

// Micro QR and rMQR: sizes, capacities and format information. M2 at
// level M holds 4 data codewords; R7x43 is version 1 of rMQR, 43 modules
// wide and 7 high, and carries its format information twice, each copy
// with its own mask.
func ExampleRMQRFormatInfo() {
	w, h := qrspec.MicroQR.Size(2)
	fmt.Println(w, h, qrspec.MicroQR.DataCodewords(2, qrspec.M), qrspec.MicroQR.DataBits(3, qrspec.L))
	fmt.Printf("%015b\n", qrspec.MicroFormatInfo(2, qrspec.M, 1))
	w, h = qrspec.RMQR.Size(1)
	fmt.Println(w, h, qrspec.RMQR.DataCodewords(1, qrspec.H))
	fmt.Printf("%018b\n", qrspec.RMQRFormatInfo(qrspec.RMQRFinderSide, 1, qrspec.H))
	v, l, distance := qrspec.DecodeRMQRFormatInfo(qrspec.RMQRSubFinderSide, qrspec.RMQRFormatInfo(qrspec.RMQRSubFinderSide, 1, qrspec.H)^0b101)
	fmt.Println(v, l, distance)
	// Output:
	// 13 13 4 84
	// 110001010100100
	// 43 7 3
	// 111111001101100111
	// 1 H 2
}
