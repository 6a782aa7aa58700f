package qr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/decode"
)

const menuURL = "https://example.com/menu?table=12"

// readsBack decodes img with this package's decoder and checks the text.
func readsBack(t *testing.T, img image.Image, want string) {
	t.Helper()
	res, err := decode.Image(img)
	if err != nil || len(res) != 1 || res[0].Text != want {
		t.Errorf("decoded %v, %v; want %q", res, err, want)
	}
}

func TestEncodeStyledRaisesLevel(t *testing.T) {
	logo := flatLogo(60, 60)
	tests := []struct {
		ratio   float64
		asked   Level
		atLeast Level
	}{
		{0.1, M, M},
		{0.25, M, Q},
		{0.3, L, Q},
		{0.35, M, H},
	}
	for _, tt := range tests {
		code, err := Encode(menuURL, tt.asked, Logo(logo, tt.ratio))
		if err != nil {
			t.Errorf("logo %.2f at %v: %v", tt.ratio, tt.asked, err)
			continue
		}
		if code.Level() < tt.atLeast {
			t.Errorf("logo %.2f at %v: level %v, want at least %v", tt.ratio, tt.asked, code.Level(), tt.atLeast)
		}
		rep, err := code.Check()
		if err != nil || !rep.OK() || rep.Level != code.Level() {
			t.Errorf("logo %.2f: check of the encoded code: %v, %v", tt.ratio, rep, err)
		}
		img, err := code.Raster()
		if err != nil {
			t.Fatal(err)
		}
		readsBack(t, img, menuURL)
		// The lowest passing level: one level down, the smallest version
		// fails.
		if code.Level() > tt.asked {
			below, err := Encode(menuURL, code.Level()-1)
			if err != nil {
				t.Fatal(err)
			}
			if rep, err := below.Check(Logo(logo, tt.ratio)); err == nil {
				t.Errorf("logo %.2f: level %v passes (%v), yet %v was chosen", tt.ratio, below.Level(), rep, code.Level())
			}
		}
	}
}

func TestEncodeStyledRefusal(t *testing.T) {
	logo := flatLogo(60, 60)
	tests := []struct {
		name    string
		opts    []Option
		invalid bool // also ErrInvalidOption
	}{
		{"logo of half the width", []Option{Logo(logo, 0.5)}, false},
		{"light gradient", []Option{Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.RGBA{0xff, 0xe0, 0x82, 0xff}, 45)}, true},
		{"light dots", []Option{Modules(Dots), Colors(color.Gray{0xd0}, color.White)}, true},
	}
	for _, tt := range tests {
		c, err := Encode("before", H)
		if err != nil {
			t.Fatal(err)
		}
		before := snapCode(c)
		err = c.Encode(menuURL, M, tt.opts...)
		var ns *NotScannableError
		if !errors.Is(err, ErrNotScannable) || !errors.As(err, &ns) || errors.Is(err, ErrInvalidOption) != tt.invalid {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if ns.Report.OK() || len(ns.Report.Problems()) == 0 || !strings.Contains(err.Error(), ns.Report.Problems()[0]) {
			t.Errorf("%s: the report %v does not say why", tt.name, ns.Report)
		}
		if now := snapCode(c); !reflect.DeepEqual(now.sym, before.sym) || now.payload != before.payload {
			t.Errorf("%s: a refused Encode changed the Code", tt.name)
		}
	}
}

func TestEncodeStyledLimits(t *testing.T) {
	logo := flatLogo(60, 60)
	long := strings.Repeat("0123456789", 400)
	if _, err := Encode(long, H, Logo(logo, 0.2)); !errors.Is(err, ErrTooLong) {
		t.Errorf("too long: %v", err)
	}
	code, err := Encode(menuURL, Q, Logo(logo, 0.3), MaxVersion(5))
	if err == nil && code.Version() > 5 {
		t.Errorf("version %d over MaxVersion(5)", code.Version())
	}
	if err != nil && !errors.Is(err, ErrNotScannable) {
		t.Errorf("MaxVersion(5): %v", err)
	}
	if _, err := Encode(menuURL, Q, Modules(Dots), Scale(100)); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("a styled image over MaxStyledSide: %v", err)
	}
}

// TestStyledRenderDefaults checks that the styling given to Encode is the
// Code's default, that a render call can override or remove it, and that
// renders refuse what fails the check.
func TestStyledRenderDefaults(t *testing.T) {
	opts := []Option{Modules(Dots), Finders(Rounded), Gradient(color.RGBA{0x1a, 0x23, 0x7e, 0xff}, color.Black, 30)}
	code, err := Encode(menuURL, Q, opts...)
	if err != nil {
		t.Fatal(err)
	}
	fromDefaults, err := code.PNG()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Encode(menuURL, code.Level(), MinVersion(code.Version()))
	if err != nil {
		t.Fatal(err)
	}
	fromOptions, err := plain.PNG(opts...) // checked here
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fromDefaults, fromOptions) {
		t.Error("a styled Code's defaults and the same options on a plain Code render differently")
	}
	unstyled, err := code.PNG(Modules(Square), Finders(Square), Gradient(nil, nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := plain.PNG(); !bytes.Equal(unstyled, want) {
		t.Error("removing every styling option does not give the plain PNG")
	}
	if _, err := code.PNG(Logo(flatLogo(10, 10), 0.5)); !errors.Is(err, ErrNotScannable) {
		t.Errorf("a render with a logo no level carries: %v", err)
	}
	if _, ok := code.Image().(*codeImage); !ok {
		t.Error("Image of a styled Code is not the plain image")
	}
}

func TestCodeReport(t *testing.T) {
	plain, err := Encode(menuURL, M)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := plain.Report(); ok {
		t.Error("a plain Code has a report")
	}
	styled, err := Encode(menuURL, M, Modules(Dots), Logo(flatLogo(50, 50), 0.2))
	if err != nil {
		t.Fatal(err)
	}
	rep, ok := styled.Report()
	check, err := styled.Check()
	if !ok || err != nil || rep != check {
		t.Errorf("Report %v (%v), Check %v (%v)", rep, ok, check, err)
	}
	if err := styled.Encode(menuURL, M); err != nil {
		t.Fatal(err)
	}
	if _, ok := styled.Report(); ok {
		t.Error("re-encoded without styling, the Code keeps its report")
	}
}

// TestStyledOtherFormats: styling is for QR Code; Micro QR and rMQR
// refuse it, at Encode and at render.
func TestStyledOtherFormats(t *testing.T) {
	for _, f := range []Format{MicroQR, RMQR} {
		if _, err := Encode("12345", M, As(f), Modules(Dots)); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%v styled at Encode: %v", f, err)
		}
		code, err := Encode("12345", M, As(f))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := code.PNG(Logo(flatLogo(10, 10), 0.2)); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%v styled at render: %v", f, err)
		}
		if _, err := code.Check(); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%v checked: %v", f, err)
		}
	}
}
