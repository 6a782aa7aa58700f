package bench

import (
	"fmt"
	"image"
	_ "image/jpeg" // corpus photographs
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	goqr "github.com/piglig/go-qr"
	"github.com/qrworks/qrworks/decode"
	_ "golang.org/x/image/webp" // most corpus photographs are WebP
)

// DecodeInput is the image of one decode benchmark, decoded from its file
// before timing: the benchmarks time QR decoding, not PNG or WebP decoding.
type DecodeInput struct {
	ID   string // "D1", "D2": the benchmark name prefix
	Name string
	// Path is the image file: relative to the corpus directory when Corpus
	// is set, else to the bench module's directory.
	Path   string
	Corpus bool
	// Text is the expected text; for a corpus image it is read from the .txt
	// file beside the image (the corpus's own expected output).
	Text string
}

// The decode workloads.
var (
	// D1 is W1 as a clean PNG made by another encoder:
	// qrencode -l H -s 10 -m 4 -o testdata/w1-qrencode.png 'https://example.com/product/0123456789?batch=42'
	// (libqrencode 4.1.1, Debian's qrencode package: version 6, 490×490 pixels).
	D1 = DecodeInput{ID: "D1", Name: "clean W1 PNG (qrencode)", Path: "testdata/w1-qrencode.png", Text: URL}
	// D2 is a blurred phone photograph of a printed code, 358×310 pixels,
	// which gozxing decodes at its first pass.
	D2 = DecodeInput{ID: "D2", Name: "photo zxing/qrcode-1/1.webp", Path: "zxing/qrcode-1/1.webp", Corpus: true}
)

// DecodeInputs returns the decode workloads in table order.
func DecodeInputs() []DecodeInput { return []DecodeInput{D1, D2} }

// Load decodes the input's image and returns it with the expected text.
// corpusDir is the photo corpus (../shared/corpus); only corpus inputs use it.
func (d DecodeInput) Load(corpusDir string) (image.Image, string, error) {
	path := d.Path
	want := d.Text
	if d.Corpus {
		if corpusDir == "" {
			return nil, "", fmt.Errorf("%s needs the photo corpus", d.ID)
		}
		path = filepath.Join(corpusDir, d.Path)
		txt, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".txt")
		if err != nil {
			return nil, "", err
		}
		want = string(txt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return img, want, nil
}

// CorpusDir returns the photo corpus: $QRWORKS_SHARED/corpus if that is set,
// else ../../shared/corpus from the bench module's directory (the shared
// folder lies beside the repository root), as internal/testenv finds it.
func CorpusDir() (string, error) {
	shared := os.Getenv("QRWORKS_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "shared")
	}
	dir := filepath.Join(shared, "corpus")
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("the photo corpus is missing: %w", err)
	}
	return dir, nil
}

// DecodeFunc decodes one QR Code from img and returns its text.
type DecodeFunc func(img image.Image) (string, error)

// Decoder is one QR Code reader under test.
type Decoder struct {
	Name   string // benchmark name suffix: BenchmarkD1_<Name>
	Module string
	// Prepare returns the decode function, used the way the library's README
	// shows, or an error wrapping ErrNotAvailable.
	Prepare func() (DecodeFunc, error)
}

// Decoders returns the readers in table order, qrworks first.
func Decoders() []*Decoder { return []*Decoder{qrworksDecoder, gozxingReader, pigligDecoder} }

// DecoderByName returns the reader with the given benchmark name.
func DecoderByName(name string) (*Decoder, bool) {
	for _, d := range Decoders() {
		if d.Name == name {
			return d, true
		}
	}
	return nil, false
}

// qrworksDecoder is qrworks' decode.Image with default options (all codes in
// the image, fallback passes when the first finds nothing). The texts of
// all results are joined by newlines, so that an extra, wrong result fails
// the check.
var qrworksDecoder = &Decoder{
	Name:   "qrworks",
	Module: "github.com/qrworks/qrworks",
	Prepare: func() (DecodeFunc, error) {
		return func(img image.Image) (string, error) {
			res, err := decode.Image(img)
			if err != nil {
				return "", err
			}
			if len(res) == 1 {
				return res[0].Text, nil
			}
			texts := make([]string, len(res))
			for i, r := range res {
				texts[i] = r.Text
			}
			return strings.Join(texts, "\n"), nil
		}, nil
	},
}

// gozxingReader is gozxing used directly, as its README shows: a binary
// bitmap from the image (hybrid binarizer) and a new QR Code reader, no
// hints.
var gozxingReader = &Decoder{
	Name:   "gozxing",
	Module: "github.com/makiuchi-d/gozxing",
	Prepare: func() (DecodeFunc, error) {
		return func(img image.Image) (string, error) {
			bmp, err := gozxing.NewBinaryBitmapFromImage(img)
			if err != nil {
				return "", err
			}
			res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
			if err != nil {
				return "", err
			}
			return res.GetText(), nil
		}, nil
	},
}

// pigligDecoder is piglig/go-qr's own decoder with its defaults (a fast
// axis-aligned path, then a rotation-tolerant fallback).
var pigligDecoder = &Decoder{
	Name:    "piglig",
	Module:  "github.com/piglig/go-qr",
	Prepare: func() (DecodeFunc, error) { return goqr.Decode, nil },
}

// DecodeCheck is what the harness found about one decode cell before timing
// it. Err is nil when the cell is timed.
type DecodeCheck struct {
	Decoder, Input string
	Err            error
}

var decodeChecks sync.Map // "dec/input" → DecodeCheck

// VerifiedDecode checks dec on in once per process: the decoder must return
// the expected text for img.
func VerifiedDecode(dec *Decoder, in DecodeInput, img image.Image, want string) DecodeCheck {
	key := dec.Name + "/" + in.ID
	if c, ok := decodeChecks.Load(key); ok {
		return c.(DecodeCheck)
	}
	c := DecodeCheck{Decoder: dec.Name, Input: in.ID, Err: guard(func() error { return checkDecode(dec, img, want) })}
	got, _ := decodeChecks.LoadOrStore(key, c)
	return got.(DecodeCheck)
}

func checkDecode(dec *Decoder, img image.Image, want string) error {
	decode, err := dec.Prepare()
	if err != nil {
		return err
	}
	text, err := decode(img)
	if err != nil {
		return fmt.Errorf("%w: does not decode: %v", ErrMismatch, err)
	}
	if text != want {
		return fmt.Errorf("%w: decodes to %.40q…", ErrMismatch, text)
	}
	return nil
}

// Timed reports whether the cell passed the check and is timed.
func (c DecodeCheck) Timed() bool { return c.Err == nil }
