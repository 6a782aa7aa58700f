package encode_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/qrworks/qrworks/encode"
)

func ExampleEncoder_EncodeTo() {
	var enc encode.Encoder // reuse it (one per goroutine, or from a sync.Pool)
	var sym encode.Symbol
	err := enc.EncodeTo(&sym, []byte("https://example.com/product/0123456789?batch=42"), nil)
	if err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("version %d, level %v, %d×%d modules\n", sym.Version(), sym.Level(), sym.Size(), sym.Size())
	// Output: version 5, level H, 37×37 modules
}

// The worked example of ISO/IEC 18004:2015 Annex I, drawn with two
// characters per module.
func ExampleSymbol_Module() {
	var enc encode.Encoder
	var sym encode.Symbol
	opts := encode.Options{Level: encode.M, Mask: encode.MaskPattern(2)}
	if err := enc.EncodeTo(&sym, []byte("01234567"), &opts); err != nil {
		slog.Error("encode", "err", err)
		return
	}
	for y := 0; y < sym.Size(); y++ {
		var b strings.Builder
		for x := 0; x < sym.Size(); x++ {
			if sym.Module(x, y) {
				b.WriteString("██")
			} else {
				b.WriteString("  ")
			}
		}
		fmt.Println(strings.TrimRight(b.String(), " "))
	}
	// Output:
	// ██████████████    ██  ████  ██████████████
	// ██          ██    ████████  ██          ██
	// ██  ██████  ██  ██          ██  ██████  ██
	// ██  ██████  ██  ████        ██  ██████  ██
	// ██  ██████  ██  ██  ██████  ██  ██████  ██
	// ██          ██  ██      ██  ██          ██
	// ██████████████  ██  ██  ██  ██████████████
	//                 ██    ████
	// ██  ██████████    ██    ██  ██████████
	//       ██  ██  ████  ██  ██    ██  ████
	//     ██      ████  ██  ██  ██    ██████████
	//         ██        ██          ████████
	//       ████████████    ██  ██    ██
	//                 ██  ██████████    ████
	// ██████████████    ████  ██  ████
	// ██          ██  ██  ██████████      ██  ██
	// ██  ██████  ██  ██      ██    ██  ████
	// ██  ██████  ██  ████    ██    ██
	// ██  ██████  ██  ██  ████  ██    ██  ██
	// ██          ██                ████  ████
	// ██████████████  ████████  ██    ██  ██
}

func ExampleTooLongError() {
	var enc encode.Encoder
	var sym encode.Symbol
	err := enc.EncodeTo(&sym, []byte(strings.Repeat("z", 100)), &encode.Options{MaxVersion: 3})
	var tooLong *encode.TooLongError
	if errors.As(err, &tooLong) {
		fmt.Printf("needs %d bits, version 3-H holds %d\n", tooLong.NeededBits, tooLong.AvailableBits)
	}
	fmt.Println(errors.Is(err, encode.ErrTooLong))
	// Output:
	// needs 812 bits, version 3-H holds 208
	// true
}

// Micro QR and rMQR: a short serial number in the smallest Micro QR symbol
// at level L, and a lot number in a rectangular symbol at most 7 modules
// high, for a narrow label.
func ExampleOptions_format() {
	var enc encode.Encoder
	var sym encode.Symbol
	if err := enc.EncodeTo(&sym, []byte("12345"), &encode.Options{Format: encode.MicroQR, Level: encode.L}); err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("%v M%d-%v, %d×%d modules\n", sym.Format(), sym.Version(), sym.Level(), sym.Width(), sym.Height())
	opts := encode.Options{Format: encode.RMQR, Level: encode.M, MaxHeight: 7}
	if err := enc.EncodeTo(&sym, []byte("LOT 2026-0042"), &opts); err != nil {
		slog.Error("encode", "err", err)
		return
	}
	fmt.Printf("%v version %d-%v, %d×%d modules\n", sym.Format(), sym.Version(), sym.Level(), sym.Width(), sym.Height())
	// Output:
	// Micro QR M1-L, 11×11 modules
	// rMQR version 2-M, 59×7 modules
}
