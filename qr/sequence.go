package qr

import (
	"fmt"

	"github.com/qrworks/qrworks/encode"
)

// EncodeSequence encodes text, UTF-8, as a structured append sequence
// (ISO/IEC 18004:2015 clause 8) when it does not fit one symbol: the fewest
// symbols, 2 to 16, of one version no larger than MaxVersion (40 unless
// given), each with its position, the total and the parity of the whole
// message in its header and its own part of the text, optimally segmented.
// Scanners that support structured append join the parts in order
// (decode.Merge does). Text that fits one symbol gives one plain Code.
//
// Options are those of Encode and apply to every symbol: render options
// become each Code's render defaults, an ECI 26 designator (chosen once for
// the whole text) and GS1 or AIM are repeated in every symbol so that each
// reads on its own. UTF-8 text is cut between characters; a GS1 element
// string is cut in its transmitted form. Text that needs more than 16
// symbols is a *TooLongError; other errors are Encode's. Sequences are QR
// Code symbols: As(MicroQR) and As(RMQR), which have no structured append,
// are invalid options here.
func EncodeSequence(text string, level Level, opts ...Option) ([]*Code, error) {
	if level < 0 || level > H {
		return nil, fmt.Errorf("qr: %w: level %d", ErrInvalidOption, int(level))
	}
	st := encodeStates.Get().(*encodeState)
	defer encodeStates.Put(st)
	cfg := &st.cfg
	cfg.reset(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	cfg.enc.Level = encode.Level(level)
	cfg.enc.ECI = cfg.eciPolicy(encode.ECIAuto)
	syms, err := st.enc.EncodeSequence([]byte(text), &cfg.enc)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	// Every symbol has the same version, so one check covers them all.
	if _, _, err := cfg.imageSize(syms[0].Width(), syms[0].Height()); err != nil {
		return nil, err
	}
	codes := make([]*Code, len(syms))
	for i := range syms {
		codes[i] = &Code{sym: syms[i], render: cfg.rendering}
	}
	return codes, nil
}
