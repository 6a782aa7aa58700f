package testenv

import (
	"bufio"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// zxing-cpp 3.1, the strongest open reader and a writer of Micro QR, rMQR
// and GS1 symbols, runs in node as the npm package zxing-wasm. .ci/run
// installs it into a cache folder; tests find it through ZXingWasmDir.

// ZXingWasmVersion is the zxing-wasm release the tests are written against.
const ZXingWasmVersion = "3.1.6"

//go:embed zxing.mjs
var zxingBridge []byte

// ZXingWasmDir returns the folder of the zxing-wasm npm package:
// $QRWORKS_ZXING_WASM if set, else
// $HOME/.cache/qrworks/npm/node_modules/zxing-wasm, where .ci/run installs
// it. It skips (fails when strict) if node or the package is missing.
func ZXingWasmDir(t testing.TB) string {
	t.Helper()
	Tool(t, "node", "nodejs")
	dir := os.Getenv("QRWORKS_ZXING_WASM")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "qrworks", "npm", "node_modules", "zxing-wasm")
	}
	if _, err := os.Stat(filepath.Join(dir, "dist", "full", "zxing_full.wasm")); err != nil {
		Missing(t, "zxing-wasm "+ZXingWasmVersion+" at "+dir,
			"npm install --prefix ~/.cache/qrworks/npm zxing-wasm@"+ZXingWasmVersion+", or set QRWORKS_ZXING_WASM")
	}
	return dir
}

// ZXing is a running zxing-cpp bridge: one node process answering read and
// write requests in order. Its methods are safe for concurrent use (calls
// are serialised).
type ZXing struct {
	mu  sync.Mutex
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// StartZXing starts the bridge for the duration of t (stopped by
// t.Cleanup). It skips (fails when strict) where node or zxing-wasm is
// missing.
func StartZXing(t testing.TB) *ZXing {
	t.Helper()
	dir := ZXingWasmDir(t)
	script := filepath.Join(t.TempDir(), "zxing.mjs")
	if err := os.WriteFile(script, zxingBridge, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, dir)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting node: %v", err)
	}
	z := &ZXing{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}
	t.Cleanup(func() {
		in.Close()
		cmd.Wait()
	})
	return z
}

// call sends one request and decodes the answer into v.
func (z *ZXing) call(req any, v any) error {
	line, err := json.Marshal(req)
	if err != nil {
		return err
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	if _, err := z.in.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("zxing bridge: %w", err)
	}
	answer, err := z.out.ReadBytes('\n')
	if err != nil {
		return fmt.Errorf("zxing bridge: %w", err)
	}
	var e struct{ Error string }
	if json.Unmarshal(answer, &e) == nil && e.Error != "" {
		return fmt.Errorf("zxing: %s", e.Error)
	}
	return json.Unmarshal(answer, v)
}

// ZXingRead asks for a reading: Formats names zxing's formats ("QRCode",
// "MicroQRCode", "RMQRCode", …; empty for all), as readBarcodes takes them.
type ZXingRead struct {
	Formats   []string
	TryHarder bool
	Pure      bool
}

// ZXingResult is one symbol zxing-cpp read.
type ZXingResult struct {
	Format        string    `json:"format"`
	Text          string    `json:"text"`
	Bytes         []byte    `json:"bytes"` // base64 in the bridge's JSON
	Version       string    `json:"version"`
	ECLevel       string    `json:"ecLevel"`
	SymbologyID   string    `json:"symbologyId"`
	ContentType   string    `json:"contentType"`
	HasECI        bool      `json:"hasECI"`
	Mirrored      bool      `json:"mirrored"`
	Inverted      bool      `json:"inverted"`
	SequenceSize  int       `json:"sequenceSize"`
	SequenceIndex int       `json:"sequenceIndex"`
	SequenceID    string    `json:"sequenceId"`
	Position      [4][2]int `json:"position"` // top-left, top-right, bottom-right, bottom-left
}

// Read decodes an encoded image (PNG, JPEG, …) with zxing-cpp and returns
// every symbol found (none is not an error).
func (z *ZXing) Read(image []byte, opt ZXingRead) ([]ZXingResult, error) {
	req := map[string]any{
		"op": "read", "image": base64.StdEncoding.EncodeToString(image),
		"formats": opt.Formats, "tryHarder": opt.TryHarder, "pure": opt.Pure, "maxSymbols": 255,
	}
	var answer struct{ Results []ZXingResult }
	if err := z.call(req, &answer); err != nil {
		return nil, err
	}
	return answer.Results, nil
}

// ZXingSymbol is a symbol zxing-cpp's writer made.
type ZXingSymbol struct {
	Width, Height int    // modules, quiet zone excluded
	Modules       []byte // Width×Height, row by row, as grey levels: 0 is dark, 255 light
	PNG           []byte // zxing's own rendering
	SVG           string
}

// Dark reports whether module (x, y) is dark.
func (s *ZXingSymbol) Dark(x, y int) bool { return s.Modules[y*s.Width+x] < 128 }

// Write encodes text with zxing-cpp's writer. format is zxing's name
// ("QRCode", "MicroQRCode", "RMQRCode"); options its option string, e.g.
// "ecLevel=M,version=3,dataMask=1".
func (z *ZXing) Write(text, format, options string) (*ZXingSymbol, error) {
	req := map[string]any{"op": "write", "text": text, "format": format, "options": options}
	var answer struct {
		Symbol struct {
			Width, Height int
			Modules, PNG  []byte
			SVG           string
		}
	}
	if err := z.call(req, &answer); err != nil {
		return nil, err
	}
	s := answer.Symbol
	if s.Width*s.Height != len(s.Modules) {
		return nil, fmt.Errorf("zxing writer: %d×%d symbol with %d modules", s.Width, s.Height, len(s.Modules))
	}
	return &ZXingSymbol{Width: s.Width, Height: s.Height, Modules: s.Modules, PNG: s.PNG, SVG: s.SVG}, nil
}
