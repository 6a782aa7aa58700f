package decode_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

func TestFormatText(t *testing.T) {
	for _, c := range []struct {
		f          decode.Format
		text, name string
	}{{decode.QR, "qr", "QR"}, {decode.MicroQR, "micro", "Micro QR"}, {decode.RMQR, "rmqr", "rMQR"}} {
		b, err := json.Marshal(c.f)
		if err != nil || string(b) != `"`+c.text+`"` {
			t.Errorf("%v: JSON %s, %v", c.f, b, err)
		}
		var back decode.Format
		if err := json.Unmarshal(b, &back); err != nil || back != c.f {
			t.Errorf("%s: read back %v, %v", b, back, err)
		}
		if c.f.String() != c.name {
			t.Errorf("String %q, want %q", c.f.String(), c.name)
		}
	}
	var f decode.Format
	if err := f.UnmarshalText([]byte("aztec")); err == nil {
		t.Error("aztec read as a format")
	}
	if _, err := decode.Format(7).MarshalText(); err == nil {
		t.Error("format 7 marshalled")
	}
}

// TestFormatsOption restricts the search: a rendered symbol of each format
// is read with its own format allowed and not read without it.
func TestFormatsOption(t *testing.T) {
	for _, c := range []struct {
		text   string
		format qr.Format
		own    decode.Format
	}{{"https://example.com/formats", qr.QR, decode.QR}, {"12345", qr.MicroQR, decode.MicroQR}, {"CABLE 0042", qr.RMQR, decode.RMQR}} {
		code, err := qr.Encode(c.text, 0, qr.As(c.format))
		if err != nil {
			t.Fatal(err)
		}
		png, err := code.PNG(qr.Scale(5))
		if err != nil {
			t.Fatal(err)
		}
		for _, only := range []decode.Format{decode.QR, decode.MicroQR, decode.RMQR} {
			res, err := decode.Bytes(png, decode.Formats(only))
			read := err == nil && len(res) == 1 && res[0].Text == c.text && res[0].Format == c.own
			if read != (only == c.own) {
				t.Errorf("%v symbol with Formats(%v): %v, %v", c.own, only, res, err)
			}
			if !read && !errors.Is(err, decode.ErrNotFound) {
				t.Errorf("%v symbol with Formats(%v): error %v, want ErrNotFound", c.own, only, err)
			}
		}
		// No valid format given keeps them all.
		if res, err := decode.Bytes(png, decode.Formats(), decode.Formats(decode.Format(9))); err != nil || len(res) != 1 {
			t.Errorf("%v symbol with no valid format: %v, %v", c.own, res, err)
		}
	}
}

// The search reads every format unless told otherwise; Formats restricts
// it, here to the two small formats.
func ExampleFormats() {
	code, err := qr.Encode("12345", qr.M, qr.As(qr.MicroQR))
	if err != nil {
		panic(err)
	}
	png, err := code.PNG()
	if err != nil {
		panic(err)
	}
	results, err := decode.Bytes(png, decode.Formats(decode.MicroQR, decode.RMQR))
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Println(r.Format, r.Version, r.Level, r.Text)
	}
	// Output: Micro QR 2 M 12345
}
