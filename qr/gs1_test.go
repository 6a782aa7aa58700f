package qr_test

import (
	"bytes"
	"errors"
	"image/png"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// TestGS1AndAIMOptions checks the options' errors and that the later of
// GS1 and AIM applies.
func TestGS1AndAIMOptions(t *testing.T) {
	for _, c := range []struct {
		text string
		opts []qr.Option
		want error
	}{
		{"(01)09506000134352", []qr.Option{qr.GS1()}, nil},
		{"(01)09506000134353", []qr.Option{qr.GS1()}, qr.ErrInvalidGS1},
		{"01095060001343522", []qr.Option{qr.GS1()}, qr.ErrInvalidGS1},
		{"(01)09506000134352", []qr.Option{qr.AIM("01"), qr.GS1()}, nil},
		{"(01)09506000134353", []qr.Option{qr.GS1(), qr.AIM("01")}, nil}, // AIM data is not checked
		{"x", []qr.Option{qr.AIM("5")}, qr.ErrInvalidOption},
		{"x", []qr.Option{qr.AIM("5x")}, qr.ErrInvalidOption},
		{"x", []qr.Option{qr.AIM("")}, qr.ErrInvalidOption},
		{"x", []qr.Option{qr.AIM("é")}, qr.ErrInvalidOption},
		{"(01)09506000134352", []qr.Option{qr.GS1(), qr.As(qr.RMQR)}, nil},
		{"(01)09506000134353", []qr.Option{qr.GS1(), qr.As(qr.RMQR)}, qr.ErrInvalidGS1},
		{"x", []qr.Option{qr.AIM("01"), qr.As(qr.RMQR)}, nil},
		{"(01)09506000134352", []qr.Option{qr.GS1(), qr.As(qr.MicroQR)}, qr.ErrInvalidOption},
		{"x", []qr.Option{qr.AIM("01"), qr.As(qr.MicroQR)}, qr.ErrInvalidOption},
	} {
		_, err := qr.Encode(c.text, qr.M, c.opts...)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%q: %v, want %v", c.text, err, c.want)
		}
		_, err = qr.EncodeBytes([]byte(c.text), qr.M, c.opts...)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("EncodeBytes %q: %v, want %v", c.text, err, c.want)
		}
	}
}

// TestAIMRoundTrip reads AIM symbols back: the indicator apart, the text
// and bytes without it, ]Q5 (]Q6 with ECI).
func TestAIMRoundTrip(t *testing.T) {
	for _, c := range []struct {
		text, aim, id string
		opts          []qr.Option
	}{
		{"01234567", "01", "]Q5", nil},
		{"ABC%DEF\x1dGH 12", "37", "]Q5", nil},
		{"lower case\x1dand more", "a", "]Q5", nil},
		{"Grüße", "Z", "]Q6", nil},
		{"漢字とかな", "99", "]Q5", []qr.Option{qr.Kanji()}},
	} {
		code, err := qr.Encode(c.text, qr.M, append(c.opts, qr.AIM(c.aim))...)
		if err != nil {
			t.Fatal(err)
		}
		img, err := code.PNG()
		if err != nil {
			t.Fatal(err)
		}
		rs, err := qr.Decode(bytes.NewReader(img))
		if err != nil || len(rs) != 1 {
			t.Errorf("%q AIM %s: %d results, %v", c.text, c.aim, len(rs), err)
			continue
		}
		r := rs[0]
		if r.Text != c.text || r.AIM != c.aim || r.SymbologyID != c.id || r.GS1 {
			t.Errorf("%q AIM %s: read %q AIM %q %s GS1 %v", c.text, c.aim, r.Text, r.AIM, r.SymbologyID, r.GS1)
		}
	}
}

// TestEncodeSequenceFront checks the front door: every Code of a sequence
// keeps the render options, the versions agree, short text is one Code,
// and errors wrap the package's sentinels.
func TestEncodeSequenceFront(t *testing.T) {
	text := strings.Repeat("sequence ", 60)
	codes, err := qr.EncodeSequence(text, qr.L, qr.MaxVersion(4), qr.Scale(2), qr.QuietZone(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) < 2 {
		t.Fatalf("%d codes", len(codes))
	}
	for i, c := range codes {
		if c.Version() != codes[0].Version() || c.Version() > 4 || c.Level() != qr.L {
			t.Errorf("code %d: version %d level %v", i, c.Version(), c.Level())
		}
		b, err := c.PNG()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != (c.Size()+2)*2 {
			t.Errorf("code %d: image %d wide, want %d (%v)", i, cfg.Width, (c.Size()+2)*2, err)
		}
	}
	if codes, err := qr.EncodeSequence("short", qr.H); err != nil || len(codes) != 1 {
		t.Errorf("short text: %d codes, %v", len(codes), err)
	}
	var tooLong *qr.TooLongError
	if _, err := qr.EncodeSequence(strings.Repeat("x", 5000), qr.H, qr.MaxVersion(2)); !errors.As(err, &tooLong) {
		t.Errorf("too long: %v", err)
	}
	for _, c := range []struct {
		level qr.Level
		opts  []qr.Option
		want  error
	}{
		{qr.Level(9), nil, qr.ErrInvalidOption},
		{qr.H, []qr.Option{qr.Scale(0)}, qr.ErrInvalidOption},
		{qr.H, []qr.Option{qr.Scale(4000)}, qr.ErrInvalidOption},
		{qr.H, []qr.Option{qr.GS1()}, qr.ErrInvalidGS1},
		{qr.M, []qr.Option{qr.As(qr.RMQR)}, qr.ErrInvalidOption},
		{qr.M, []qr.Option{qr.As(qr.MicroQR)}, qr.ErrInvalidOption},
	} {
		if _, err := qr.EncodeSequence(text, c.level, c.opts...); !errors.Is(err, c.want) {
			t.Errorf("level %v: %v, want %v", c.level, err, c.want)
		}
	}
}
