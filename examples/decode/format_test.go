package main

import (
	"testing"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/qr"
)

// TestFormatReported decodes a Micro QR and an rMQR file and checks that
// each report names the code's format.
func TestFormatReported(t *testing.T) {
	dir := t.TempDir()
	want := map[string]struct {
		text   string
		format decode.Format
	}{}
	for name, c := range map[string]struct {
		text string
		f    qr.Format
	}{"micro.png": {"12345", qr.MicroQR}, "rmqr.png": {"CABLE 0042", qr.RMQR}, "qr.png": {w1, qr.QR}} {
		code, err := qr.Encode(c.text, 0, qr.As(c.f))
		if err != nil {
			t.Fatal(err)
		}
		data, err := code.PNG(qr.Scale(6))
		if err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, dir, name, data)
		want[path] = struct {
			text   string
			format decode.Format
		}{c.text, map[qr.Format]decode.Format{qr.QR: decode.QR, qr.MicroQR: decode.MicroQR, qr.RMQR: decode.RMQR}[c.f]}
	}
	r := decodeCmd(t, dir)
	got := reports(t, r.Stdout)
	for path, w := range want {
		rep := got[path]
		if len(rep.Codes) != 1 || rep.Codes[0].Text != w.text || rep.Codes[0].Format != w.format {
			t.Errorf("%s: %+v, want one %v code %q", path, rep, w.format, w.text)
		}
	}
}
