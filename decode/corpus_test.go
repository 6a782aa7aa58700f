package decode_test

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
)

// corpusImage is one photograph of the shared corpus with its expected text,
// which lies beside it as NAME.txt (NAME.result.txt files hold ZXing's
// metadata, not the text).
type corpusImage struct {
	set, name, path, want string
}

func loadCorpus(t *testing.T) []corpusImage {
	t.Helper()
	root := filepath.Join(testenv.Corpus(t), "zxing")
	sets, err := filepath.Glob(filepath.Join(root, "qrcode-*"))
	if err != nil || len(sets) == 0 {
		testenv.Missing(t, "the QR sets of the corpus under "+root, "../shared/corpus/zxing/qrcode-N")
	}
	var out []corpusImage
	for _, dir := range sets {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			ext := filepath.Ext(name)
			if ext == ".txt" || e.IsDir() {
				continue
			}
			want, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(name, ext)+".txt"))
			if err != nil {
				continue // an image without expected text is not part of the test
			}
			out = append(out, corpusImage{filepath.Base(dir), name, filepath.Join(dir, name), string(want)})
		}
	}
	return out
}

// gozxingAlone is the baseline: gozxing's own QR reader with TRY_HARDER.
func gozxingAlone(img image.Image) (string, bool) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", false
	}
	r, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "", false
	}
	return r.GetText(), true
}

// TestCorpus decodes the real photographs and compares with gozxing alone:
// decode must read every image gozxing reads, at least corpusFloor of the 82 in
// total, and never return a wrong text.
//
// A wrong text is any text that is neither the expected one nor listed in
// testdata/corpus-other-codes.txt, which names the few images that hold a
// second, genuine code besides the one their .txt expects.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus runs in the normal test run (slow under -race -short)")
	}
	images := loadCorpus(t)
	others := loadOtherCodes(t)
	type counts struct{ n, base, ours, wrong int }
	perSet := map[string]*counts{}
	var total counts
	for _, ci := range images {
		data, err := os.ReadFile(ci.path)
		if err != nil {
			t.Fatal(err)
		}
		c := perSet[ci.set]
		if c == nil {
			c = new(counts)
			perSet[ci.set] = c
		}
		c.n++
		img, err := decodeFile(data)
		if err != nil {
			t.Errorf("%s/%s: %v", ci.set, ci.name, err)
			continue
		}
		baseText, baseOK := gozxingAlone(img)
		baseOK = baseOK && baseText == ci.want
		if baseOK {
			c.base++
		}
		res, err := decode.Bytes(data)
		got, wrong := false, []string(nil)
		for _, r := range res {
			switch {
			// The corpus gives GS1 data in transmitted form (GS
			// separators); Text is its human-readable form, Bytes
			// keep the transmitted one.
			case r.Text == ci.want, r.GS1 && string(r.Bytes) == ci.want:
				got = true
			case others[ci.set+"/"+ci.name][r.Text]:
				t.Logf("%s/%s: also read its second code %q", ci.set, ci.name, r.Text)
			default:
				wrong = append(wrong, r.Text)
			}
		}
		if len(wrong) > 0 {
			c.wrong++
			t.Errorf("%s/%s: WRONG text %q, want %q", ci.set, ci.name, wrong, ci.want)
		}
		switch {
		case got:
			c.ours++
		case err != nil && !errors.Is(err, decode.ErrNotFound):
			t.Errorf("%s/%s: %v", ci.set, ci.name, err)
		case len(wrong) == 0:
			t.Logf("%s/%s: not decoded", ci.set, ci.name)
		}
		if baseOK && !got {
			t.Errorf("%s/%s: gozxing alone decodes it, decode does not", ci.set, ci.name)
		}
	}
	sets := make([]string, 0, len(perSet))
	for s := range perSet {
		sets = append(sets, s)
	}
	slices.Sort(sets)
	var b strings.Builder
	fmt.Fprintf(&b, "\n| set | images | gozxing alone | decode | wrong texts |\n|---|---|---|---|---|\n")
	for _, s := range sets {
		c := perSet[s]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", s, c.n, c.base, c.ours, c.wrong)
		total.n += c.n
		total.base += c.base
		total.ours += c.ours
		total.wrong += c.wrong
	}
	fmt.Fprintf(&b, "| total | %d | %d | %d | %d |\n", total.n, total.base, total.ours, total.wrong)
	t.Log(b.String())
	if total.ours < corpusFloor {
		t.Errorf("decode read %d of %d corpus images, want at least %d", total.ours, total.n, corpusFloor)
	}
}

// corpusFloor is the count decode reaches (the requirement is 64): a lower
// count is a regression. Not read: qrcode-2/#940 (damaged), qrcode-2/16
// (a tiny code inside a larger one, which is read), qrcode-2/qr-model-1
// (QR Code Model 1, not supported).
const corpusFloor = 79

// loadOtherCodes reads testdata/corpus-other-codes.txt.
func loadOtherCodes(t *testing.T) map[string]map[string]bool {
	data, err := os.ReadFile(filepath.Join("testdata", "corpus-other-codes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("corpus-other-codes.txt: bad line %q", line)
		}
		text = strings.NewReplacer(`\r`, "\r", `\n`, "\n").Replace(text)
		if out[name] == nil {
			out[name] = map[string]bool{}
		}
		out[name][text] = true
	}
	return out
}
