package testenv

import "testing"

// TestZXingBridge writes a Micro QR and an rMQR symbol with zxing-cpp and
// reads them back through the bridge: the bridge itself works.
func TestZXingBridge(t *testing.T) {
	z := StartZXing(t)
	for _, c := range []struct {
		format, options string
		w, h            int
	}{
		{"MicroQRCode", "ecLevel=M,version=3,dataMask=1", 15, 15},
		{"RMQRCode", "ecLevel=H", 43, 11},
	} {
		s, err := z.Write("HELLO 123", c.format, c.options)
		if err != nil {
			t.Fatalf("%s: %v", c.format, err)
		}
		if s.Width != c.w || s.Height != c.h {
			t.Errorf("%s: %d×%d, want %d×%d", c.format, s.Width, s.Height, c.w, c.h)
		}
		if !s.Dark(0, 0) || s.Dark(7, 7) {
			t.Errorf("%s: finder corner not where expected", c.format)
		}
		got, err := z.Read(s.PNG, ZXingRead{Formats: []string{c.format}, TryHarder: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Text != "HELLO 123" || got[0].Format != c.format {
			t.Errorf("%s: read back %+v", c.format, got)
		}
	}
}
