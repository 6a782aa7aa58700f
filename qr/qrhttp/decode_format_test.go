package qrhttp_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// TestDecodeFormat posts a QR Code, a Micro QR and an rMQR symbol and
// checks the "format" of each code in the answer.
func TestDecodeFormat(t *testing.T) {
	h := qrhttp.New(qrhttp.Options{})
	for _, c := range []struct {
		text   string
		format qr.Format
		want   string
	}{{"https://example.com/qr", qr.QR, "qr"}, {"12345", qr.MicroQR, "micro"}, {"CABLE 0042", qr.RMQR, "rmqr"}} {
		code, err := qr.Encode(c.text, 0, qr.As(c.format))
		if err != nil {
			t.Fatal(err)
		}
		data, err := code.PNG(qr.Scale(6))
		if err != nil {
			t.Fatal(err)
		}
		rec := serve(h, "POST", "/api/decode", bytes.NewReader(data), "Content-Type", "image/png")
		var ans struct {
			Codes []struct{ Format, Text string }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &ans); err != nil || rec.Code != 200 {
			t.Fatalf("%s: status %d, %v: %s", c.want, rec.Code, err, rec.Body)
		}
		if len(ans.Codes) != 1 || ans.Codes[0].Format != c.want || ans.Codes[0].Text != c.text {
			t.Errorf("got %+v, want one %s code %q", ans.Codes, c.want, c.text)
		}
	}
}
