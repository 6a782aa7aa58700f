//go:build chromium

package main

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qrworks/qrworks/decode"
	"github.com/qrworks/qrworks/internal/testenv"
	"github.com/qrworks/qrworks/qr"
	"github.com/qrworks/qrworks/qr/qrhttp"
)

// screenshotDir is where the test keeps its screenshots: the directory in
// $QRWORKS_SCREENSHOTS when set (created if missing), else a temporary one.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("QRWORKS_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageTab is one browser tab on the server's page.
type pageTab struct {
	t       *testing.T
	d       *devtools
	s       string // the session
	shots   string // screenshot directory
	dl      string // download directory
	baseURL string
}

// TestPageInChromium drives the page as a person would: it types a text and
// checks the preview, downloads the PNG and the SVG, copies the data URI,
// meets the too-long message and takes the level it offers, styles a code
// with shapes, a gradient and a logo and meets the refusal of a style that
// would not scan, uploads several
// images at once and checks the outlines and the texts, exports the results,
// makes a ZIP from a CSV, and looks at the page on a phone-sized screen.
// Screenshots of each step are kept (see screenshotDir).
func TestPageInChromium(t *testing.T) {
	srv := httptest.NewServer(newHandler(qrhttp.New(qrhttp.Options{}), nil, false))
	defer srv.Close()
	dir := t.TempDir()
	p := openPage(t, startChromium(t, dir), srv.URL, screenshotDir(t), filepath.Join(dir, "downloads"))
	t.Logf("screenshots in %s", p.shots)

	p.checkOneRequest()
	p.checkLabels()
	p.checkKeyboardTabs()
	p.generateAndDownload()
	p.symbolTypes()
	p.tooLong()
	p.styling(dir)
	p.readMany(dir)
	p.batchZIP()
	p.phone()
	p.d.call(t, "", "Browser.close", map[string]any{})
}

// openPage opens the page in a new tab of a 1280×900 window, with downloads
// going to dl and the clipboard allowed.
func openPage(t *testing.T, d *devtools, url, shots, dl string) *pageTab {
	var target struct{ TargetID string }
	json.Unmarshal(d.call(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}), &target)
	var attached struct{ SessionID string }
	json.Unmarshal(d.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}), &attached)
	p := &pageTab{t: t, d: d, s: attached.SessionID, shots: shots, dl: dl, baseURL: url}
	d.call(t, p.s, "Network.enable", map[string]any{})
	d.call(t, p.s, "Page.enable", map[string]any{})
	p.viewport(1280, 900, false)
	d.call(t, "", "Browser.setDownloadBehavior", map[string]any{"behavior": "allow", "downloadPath": dl, "eventsEnabled": true})
	d.call(t, "", "Browser.grantPermissions", map[string]any{"origin": url, "permissions": []string{"clipboardReadWrite", "clipboardSanitizedWrite"}})
	d.call(t, p.s, "Page.navigate", map[string]any{"url": url + "/"})
	d.waitFor(t, p.s, "the page", `document.readyState === "complete" && document.getElementById("text") ? "ok" : ""`)
	return p
}

func (p *pageTab) viewport(w, h int, mobile bool) {
	p.d.call(p.t, p.s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
}

func (p *pageTab) eval(expr string) string { return p.d.evalString(p.t, p.s, expr) }

func (p *pageTab) waitFor(what, expr string) string { return p.d.waitFor(p.t, p.s, what, expr) }

func (p *pageTab) click(id string) {
	p.d.eval(p.t, p.s, `document.getElementById(`+strconv.Quote(id)+`).click()`)
}

func (p *pageTab) shot(name string) { p.d.screenshot(p.t, p.s, p.shots, name) }

// setValue replaces the value of a field and fires its input event, as
// typing does.
func (p *pageTab) setValue(id, value string) {
	p.d.eval(p.t, p.s, `(() => { const e = document.getElementById(`+strconv.Quote(id)+`); e.value = `+strconv.Quote(value)+
		`; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

// checkOneRequest checks that loading the page took one request: styles,
// script and icon are inline.
func (p *pageTab) checkOneRequest() {
	var urls []string
	for _, raw := range p.d.eventsNamed("Network.requestWillBeSent") {
		var e struct{ Request struct{ URL string } }
		json.Unmarshal(raw, &e)
		if strings.HasPrefix(e.Request.URL, "http") {
			urls = append(urls, e.Request.URL)
		}
	}
	if len(urls) != 1 || urls[0] != p.baseURL+"/" {
		p.t.Errorf("loading the page made the requests %q, want only the page", urls)
	}
}

// checkLabels checks that every control can be named by a screen reader:
// a label, an aria-label, or its own text.
func (p *pageTab) checkLabels() {
	unnamed := p.eval(`[...document.querySelectorAll("input, select, textarea, button")]
		.filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim())
		.map(e => e.id || e.outerHTML).join(", ")`)
	if unnamed != "" {
		p.t.Errorf("controls without a name: %s", unnamed)
	}
}

// checkKeyboardTabs moves between the tabs with the arrow keys, as the
// WAI-ARIA tabs pattern has it, and back.
func (p *pageTab) checkKeyboardTabs() {
	key := func(name string, code int) {
		for _, typ := range []string{"keyDown", "keyUp"} {
			p.d.call(p.t, p.s, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": name, "code": name, "windowsVirtualKeyCode": code})
		}
	}
	p.d.eval(p.t, p.s, `document.getElementById("tab-make").focus()`)
	key("ArrowRight", 39)
	if got := p.eval(`document.activeElement.id + " " + !document.getElementById("panel-read").hidden`); got != "tab-read true" {
		p.t.Errorf("after ArrowRight on the first tab: %q, want the Read tab focused and shown", got)
	}
	key("ArrowLeft", 37)
	if got := p.eval(`document.activeElement.id + " " + !document.getElementById("panel-make").hidden`); got != "tab-make true" {
		p.t.Errorf("after ArrowLeft: %q, want the Generate tab back", got)
	}
}

// previewText returns the text the preview image decodes to, once the
// preview shows an image made for want.
func (p *pageTab) previewText(want string) string {
	return decodePNG(p.t, p.previewPNG(want))
}

// previewPNG returns the preview, drawn over white, as a PNG, once the
// preview shows an image made for want.
func (p *pageTab) previewPNG(want string) []byte {
	p.waitFor("the preview of "+want, `(() => { const i = document.getElementById("code");
		return !i.hidden && i.complete && i.naturalWidth > 0 && i.alt === "QR code of: " + `+strconv.Quote(want)+` ? "ok" : ""; })()`)
	dataURL := p.eval(`(() => { const i = document.getElementById("code"), c = document.createElement("canvas");
		c.width = i.naturalWidth; c.height = i.naturalHeight; const g = c.getContext("2d");
		g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height); g.drawImage(i, 0, 0); return c.toDataURL("image/png"); })()`)
	return dataURI(p.t, dataURL)
}

// generateAndDownload types a text, checks the preview, downloads it as PNG
// and SVG and copies it as a data URI.
func (p *pageTab) generateAndDownload() {
	t := p.t
	const typed = "typed in chromium: ünïcode ✓"
	p.d.eval(t, p.s, `document.getElementById("text").focus()`)
	p.d.call(t, p.s, "Input.insertText", map[string]any{"text": typed})
	if got := p.previewText(typed); got != typed {
		t.Fatalf("the preview decodes to %q, want %q", got, typed)
	}
	p.waitFor("the image facts", `document.getElementById("gen-status").textContent.includes("PNG") ? "ok" : ""`)
	p.shot("1-generate.png")

	p.click("download-png")
	pngFile := waitForFile(t, p.dl, ".png")
	b, _ := os.ReadFile(pngFile)
	if got := decodePNG(t, b); got != typed {
		t.Errorf("the downloaded %s decodes to %q", filepath.Base(pngFile), got)
	}
	p.click("download-svg")
	svgFile := waitForFile(t, p.dl, ".svg")
	if b, _ := os.ReadFile(svgFile); !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("the downloaded %s is not SVG: %.80q", filepath.Base(svgFile), b)
	}

	p.click("copy-uri")
	p.waitFor("the copy", `document.getElementById("gen-status").textContent.startsWith("Copied") ? "ok" : ""`)
	uri := p.eval(`navigator.clipboard.readText()`)
	if got := decodePNG(t, dataURI(t, uri)); got != typed {
		t.Errorf("the copied data URI decodes to %q", got)
	}
}

// symbolTypes makes a Micro QR and an rMQR code on the page and reads the
// previews with zxing-cpp, which reads both: the levels offered follow the
// symbol type, and the too-long message speaks of the symbol.
func (p *pageTab) symbolTypes() {
	t := p.t
	zx := testenv.StartZXing(t)
	read := func(want string) testenv.ZXingResult {
		t.Helper()
		img := p.previewPNG(want)
		res, err := zx.Read(img, testenv.ZXingRead{Formats: []string{"MicroQRCode", "RMQRCode"}})
		if err != nil || len(res) != 1 || res[0].Text != want {
			t.Fatalf("zxing-cpp reads the preview of %q as %+v, %v", want, res, err)
		}
		return res[0]
	}
	p.setValue("text", "12345")
	p.click("symbol-micro")
	if lv := p.eval(`[...document.querySelectorAll("input[name=level]")].filter(e => !e.disabled).map(e => e.value).join("") + " " + document.querySelector("input[name=level]:checked").value`); lv != "LMQ M" {
		t.Errorf("Micro QR offers levels %q, want LMQ with M chosen", lv)
	}
	if r := read("12345"); r.Format != "MicroQRCode" {
		t.Errorf("the Micro QR preview is a %s", r.Format)
	}
	p.shot("1b-micro.png")
	p.click("symbol-rmqr")
	p.setValue("max-height", "9")
	p.setValue("text", "https://example.com/p/42")
	if r := read("https://example.com/p/42"); r.Format != "RMQRCode" || !strings.HasPrefix(r.Version, "R9x") {
		t.Errorf("the rMQR preview is a %s of version %s, want R9x…", r.Format, r.Version)
	}
	p.setValue("text", strings.Repeat("z", 100))
	msg := p.waitFor("the rMQR too-long message", `(t => t.includes("100 bytes") ? t : "")(document.getElementById("gen-error").textContent)`)
	if !strings.Contains(msg, "rMQR code") || !strings.Contains(msg, "R9x139") || strings.Contains(msg, "L:") {
		t.Errorf("rMQR too-long message %q", msg)
	}
	p.click("symbol-qr")
	if lv := p.eval(`document.querySelector("input[name=level]:checked").value + document.getElementById("quiet").value`); lv != "H4" {
		t.Errorf("back to QR: level and quiet zone %q, want H4", lv)
	}
	p.setValue("text", "back to QR")
	p.previewText("back to QR")
}

// tooLong types a text no code holds at level H and takes the level the
// page offers.
func (p *pageTab) tooLong() {
	t := p.t
	long := strings.Repeat("z", 2000)
	p.setValue("text", long)
	msg := p.waitFor("the too-long message", `(t => t.includes("2000 bytes") ? t : "")(document.getElementById("gen-error").textContent)`)
	for _, want := range []string{"2000 bytes", "level H holds at most 1273 bytes", "Use level M"} {
		if !strings.Contains(msg, want) {
			t.Errorf("too-long message %q lacks %q", msg, want)
		}
	}
	p.shot("2-too-long.png")
	p.click("use-level")
	if got := p.previewText(long); got != long {
		t.Errorf("after Use level M the preview decodes to %.20q…", got)
	}
	if lv := p.eval(`document.querySelector("input[name=level]:checked").value`); lv != "M" {
		t.Errorf("level %q after Use level M", lv)
	}
	// Colours without contrast are refused with both named.
	p.setValue("text", "contrast")
	p.setValue("fg", "#ffffff")
	msg = p.waitFor("the contrast message", `(t => t.includes("(dark)") ? t : "")(document.getElementById("gen-error").textContent)`)
	if !strings.Contains(msg, "#ffffff (dark) and #ffffff (light)") || !strings.Contains(msg, "too close in brightness") {
		t.Errorf("contrast message %q", msg)
	}
	p.setValue("fg", "#000000")
	p.previewText("contrast")
}

// styling gives the code dots, rounded corner squares, a gradient and a
// logo: the preview must scan (our reader and zxing-cpp) and show its
// grade. Then colours too light for a scanner: the refusal must say so in
// plain words. The style is reset at the end.
func (p *pageTab) styling(dir string) {
	t := p.t
	const text = "https://example.com/styled"
	logoPath := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(logoPath, logoPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	p.setValue("text", text)
	p.click("modules-dots")
	p.click("finders-rounded")
	p.setValue("fg", "#1a237e")
	p.setValue("fg2", "#6a1b9a")
	p.setValue("fill", "linear")
	p.setFiles("logo", logoPath)
	status := p.waitFor("the styled preview", `(() => { const s = document.getElementById("gen-status").textContent;
		return s.includes("a logo 20% wide") && !document.getElementById("grade").hidden ? s : ""; })()`)
	for _, want := range []string{"dots modules", "rounded corner squares", "a gradient"} {
		if !strings.Contains(status, want) {
			t.Errorf("status %q lacks %q", status, want)
		}
	}
	grade := p.eval(`document.getElementById("grade-text").textContent`)
	if !strings.HasPrefix(grade, "Scan check: grade ") || !strings.Contains(grade, "level raised from H") && !strings.Contains(grade, "version") {
		t.Errorf("grade line %q", grade)
	}
	img := p.previewPNG(text)
	if got := decodePNG(t, img); got != text {
		t.Errorf("the styled preview decodes to %q", got)
	}
	zx := testenv.StartZXing(t)
	if res, err := zx.Read(img, testenv.ZXingRead{Formats: []string{"QRCode"}}); err != nil || len(res) != 1 || res[0].Text != text {
		t.Errorf("zxing-cpp reads the styled preview as %+v, %v", res, err)
	}
	p.d.eval(t, p.s, `document.getElementById("preview-title").scrollIntoView()`)
	p.shot("2b-styled.png")
	p.d.eval(t, p.s, `document.getElementById("style-fields").scrollIntoView()`)
	p.shot("2b-style-fields.png")

	p.setValue("fg", "#ffeb3b")
	p.setValue("fg2", "#fff59d")
	msg := p.waitFor("the refusal", `(t => t.includes("would not scan") ? t : "")(document.getElementById("gen-error").textContent)`)
	if !strings.Contains(msg, "too close in brightness") || !strings.Contains(msg, "contrast 0.") {
		t.Errorf("refusal %q, want the contrast in plain words and the check's finding", msg)
	}
	if hidden := p.eval(`String(document.getElementById("code").hidden && document.getElementById("grade").hidden)`); hidden != "true" {
		t.Errorf("after the refusal the preview or the grade is still shown")
	}
	p.shot("2c-not-scannable.png")

	// Micro QR has no styling: the fields are disabled and the code plain.
	p.click("symbol-micro")
	if off := p.eval(`String(document.getElementById("style-fields").disabled)`); off != "true" {
		t.Errorf("the style fields are enabled for Micro QR")
	}
	p.click("symbol-qr")
	p.click("logo-remove")
	p.setValue("fill", "solid")
	p.setValue("fg", "#000000")
	p.click("modules-square")
	p.click("finders-square")
	p.setValue("text", "plain again")
	p.previewText("plain again")
	if hidden := p.eval(`String(document.getElementById("grade").hidden)`); hidden != "true" {
		t.Errorf("a plain code shows a grade")
	}
}

// setFiles chooses files in a file input, as the file dialog does.
func (p *pageTab) setFiles(id string, paths ...string) {
	var r struct {
		Result struct {
			ObjectID string `json:"objectId"`
		}
	}
	json.Unmarshal(p.d.call(p.t, p.s, "Runtime.evaluate", map[string]any{"expression": `document.getElementById(` + strconv.Quote(id) + `)`}), &r)
	p.d.call(p.t, p.s, "DOM.setFileInputFiles", map[string]any{"files": paths, "objectId": r.Result.ObjectID})
}

// logoPNG is a small logo: a red disc on a white square.
func logoPNG(t *testing.T) []byte {
	const side = 64
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			c := color.NRGBA{0xff, 0xff, 0xff, 0xff}
			if dx, dy := x-side/2, y-side/2; dx*dx+dy*dy < (side/3)*(side/3) {
				c = color.NRGBA{0xd3, 0x2f, 0x2f, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readMany drops several images on the Read tab at once and checks each
// card: outlines drawn where the API says the codes are, texts listed, and
// the error of a file that is no image; then exports the results.
func (p *pageTab) readMany(dir string) {
	t := p.t
	p.click("tab-read")
	two := twoCodes(t, "left code", "right code")
	files := map[string][]byte{"w1.png": w1PNG(t), "two.png": two.img, "notes.txt": []byte("not an image")}
	var paths []string
	for _, name := range []string{"w1.png", "two.png", "notes.txt"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, files[name], 0o644)
		paths = append(paths, path)
	}
	p.drop(paths)
	p.waitFor("three results", `document.querySelectorAll("#results > li[data-state]").length === 3 ? "ok" : ""`)
	p.d.eval(t, p.s, `window.scrollTo(0, 0)`)
	p.shot("3-read.png")

	var cards []struct {
		File, State, Outlines, Status string
		Texts                         []string
	}
	json.Unmarshal(p.d.eval(t, p.s, `[...document.querySelectorAll("#results > li")].map(li => ({
		file: li.querySelector("h3").textContent, state: li.dataset.state,
		outlines: li.querySelector("canvas").dataset.outlines || "",
		status: li.querySelector(".status-line, .error-text").textContent,
		texts: [...li.querySelectorAll(".code-text")].map(e => e.textContent) }))`), &cards)
	want := map[string][]string{"w1.png": {w1}, "two.png": {"left code", "right code"}, "notes.txt": nil}
	for _, c := range cards {
		texts := slices.Clone(c.Texts)
		slices.Sort(texts)
		switch {
		case c.File == "notes.txt":
			if c.State != "error" || !strings.Contains(c.Status, "not an image") {
				t.Errorf("notes.txt: state %q, status %q; want an error", c.State, c.Status)
			}
		case !slices.Equal(texts, want[c.File]) || c.Outlines != strconv.Itoa(len(want[c.File])):
			t.Errorf("%s: texts %q, %s outlines; want %q", c.File, c.Texts, c.Outlines, want[c.File])
		}
	}
	// The outline of each code of two.png is drawn through its corners.
	for _, pt := range two.corners {
		px := p.eval(`(() => { const c = [...document.querySelectorAll("#results canvas")].find(c => c.getAttribute("aria-label").startsWith("two.png"));
			return [...c.getContext("2d").getImageData(` + strconv.Itoa(pt.X) + `, ` + strconv.Itoa(pt.Y) + `, 1, 1).data].join(","); })()`)
		if px != "232,89,12,255" {
			t.Errorf("two.png at the corner (%d,%d): pixel %s, want the outline colour", pt.X, pt.Y, px)
		}
	}
	p.click("export-json")
	var exported []struct {
		File  string
		Codes []struct{ Text string }
		Error *string
	}
	b, _ := os.ReadFile(waitForFile(t, p.dl, "qr-results.json"))
	if err := json.Unmarshal(b, &exported); err != nil || len(exported) != 3 {
		t.Errorf("exported JSON %s: %v", b, err)
	}
	p.click("export-csv")
	b, _ = os.ReadFile(waitForFile(t, p.dl, "qr-results.csv"))
	if lines := strings.Split(strings.TrimSpace(string(b)), "\r\n"); len(lines) != 5 || lines[0] != "file,code,format,text,version,level,corners,error" {
		t.Errorf("exported CSV:\n%s", b)
	}
}

// drop drags files onto the drop zone of the Read tab, as a person does
// from a file manager.
func (p *pageTab) drop(paths []string) {
	var at struct{ X, Y float64 }
	json.Unmarshal(p.d.eval(p.t, p.s, `(() => { const r = document.getElementById("drop").getBoundingClientRect();
		return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`), &at)
	data := map[string]any{"items": []any{}, "files": paths, "dragOperationsMask": 1}
	for _, typ := range []string{"dragEnter", "dragOver", "drop"} {
		p.d.call(p.t, p.s, "Input.dispatchDragEvent", map[string]any{"type": typ, "x": at.X, "y": at.Y, "data": data})
	}
}

// batchZIP pastes a CSV on the Batch tab and checks the ZIP it downloads:
// one image per good row, named by the name column, and errors.json for
// the bad row. A CSV without its header is refused with the line.
func (p *pageTab) batchZIP() {
	t := p.t
	p.click("tab-batch")
	p.setValue("batch-text", "SKU-1,https://example.com/p/1\nSKU-2,https://example.com/p/2\n")
	if s := p.eval(`document.getElementById("batch-summary").textContent`); !strings.Contains(s, "2 images to make from lines") {
		t.Errorf("lines without a header: %q", s)
	}
	p.setValue("batch-text", "name,text\nSKU-1,https://example.com/p/1\nSKU-2,\"https://example.com/p/2?a=1,b=2\"\n../bad,https://example.com/x\n")
	if s := p.eval(`document.getElementById("batch-summary").textContent`); !strings.Contains(s, "2 images to make from CSV rows, 1 line with errors") {
		t.Errorf("batch summary %q", s)
	}
	p.click("batch-go")
	p.waitFor("the ZIP", `document.getElementById("batch-summary").textContent.startsWith("Downloaded") ? "ok" : ""`)
	p.shot("4-batch.png")
	if by := p.eval(`document.getElementById("batch-summary").dataset.madeBy`); by != "server" {
		t.Errorf("the ZIP was made by the %q, want the server's batch endpoint", by)
	}
	if errs := p.eval(`document.getElementById("batch-errors").textContent`); !strings.Contains(errs, "line 4:") {
		t.Errorf("listed errors %q, want line 4's", errs)
	}
	b, _ := os.ReadFile(waitForFile(t, p.dl, "qrcodes.zip"))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the batch ZIP: %v", err)
	}
	want := map[string]string{"SKU-1.png": "https://example.com/p/1", "SKU-2.png": "https://example.com/p/2?a=1,b=2"}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		switch {
		case f.Name == "errors.json":
			if !bytes.Contains(data, []byte(`"bad_name"`)) {
				t.Errorf("errors.json: %s", data)
			}
		case decodePNG(t, data) != want[f.Name]:
			t.Errorf("%s in the ZIP does not decode to %q", f.Name, want[f.Name])
		}
	}
	if !slices.Equal(names, []string{"SKU-1.png", "SKU-2.png", "errors.json"}) {
		t.Errorf("ZIP entries %q", names)
	}

	// Against a server without the batch endpoint, the page makes the same
	// ZIP itself from /api/generate.
	inPage := p.eval(`(async () => { const r = await batchInPage(planBatch(), params(), document.getElementById("batch-progress"));
		return r.by + " " + r.made + " " + (await blobToDataURI(r.blob)); })()`)
	fields := strings.SplitN(inPage, " ", 3)
	if len(fields) != 3 {
		t.Fatalf("the ZIP made in the page: %.60q", inPage)
	}
	by, made, uri := fields[0], fields[1], fields[2]
	b, err = base64.StdEncoding.DecodeString(uri[strings.Index(uri, ",")+1:])
	if err != nil || by != "page" || made != "2" {
		t.Fatalf("the ZIP made in the page: %q, %v", inPage[:min(len(inPage), 60)], err)
	}
	zr, err = zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(zr.File) != 3 || zr.File[0].Name != "SKU-1.png" || zr.File[2].Name != "errors.json" {
		t.Fatalf("the ZIP made in the page: %v", err)
	}
	rc, _ := zr.File[1].Open()
	data, _ := io.ReadAll(rc)
	if decodePNG(t, data) != want["SKU-2.png"] {
		t.Errorf("SKU-2.png of the ZIP made in the page does not decode to %q", want["SKU-2.png"])
	}
}

// phone looks at the Generate tab on a phone-sized screen: nothing wider
// than the screen.
func (p *pageTab) phone() {
	p.click("tab-make")
	p.setValue("text", "https://example.com/on/a/phone")
	p.viewport(390, 844, true)
	p.previewText("https://example.com/on/a/phone")
	if w := p.eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		wide := p.eval(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 391)
			.map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(", ")`)
		p.t.Errorf("on a 390-pixel screen the page is %s pixels wide: %s", w, wide)
	}
	p.shot("5-phone.png")
	p.viewport(1280, 900, false)
	// The dark colour scheme: the text is light on dark.
	p.d.call(p.t, p.s, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": "dark"}}})
	if bg := p.eval(`getComputedStyle(document.documentElement).backgroundColor`); bg != "rgb(13, 17, 23)" {
		p.t.Errorf("dark scheme: background %s", bg)
	}
	time.Sleep(300 * time.Millisecond) // the buttons' colour transition
	p.shot("6-dark.png")
}

// twoCodeImage is an image with two codes side by side and the corners of
// the first, in image pixels.
type twoCodeImage struct {
	img     []byte
	corners []image.Point
}

// twoCodes draws the codes of a and b side by side on a white image, each
// at scale 6 with its quiet zone.
func twoCodes(t *testing.T, a, b string) twoCodeImage {
	var imgs []image.Image
	for _, text := range []string{a, b} {
		code, err := qr.Encode(text, qr.M, qr.Scale(6))
		if err != nil {
			t.Fatal(err)
		}
		img, err := code.Raster()
		if err != nil {
			t.Fatal(err)
		}
		imgs = append(imgs, img)
	}
	w := imgs[0].Bounds().Dx()
	out := image.NewGray(image.Rect(0, 0, 2*w+40, w))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, imgs[0].Bounds(), imgs[0], image.Point{}, draw.Src)
	draw.Draw(out, imgs[1].Bounds().Add(image.Pt(w+40, 0)), imgs[1], image.Point{}, draw.Src)
	var buf bytes.Buffer
	png.Encode(&buf, out)
	res, err := decode.Bytes(buf.Bytes())
	if err != nil || len(res) != 2 {
		t.Fatalf("the two-code image decodes to %+v, %v", res, err)
	}
	var corners []image.Point
	for _, r := range res {
		// Top-right and bottom-left: away from the numbered badge on the
		// top-left corner.
		corners = append(corners, r.Corners[1], r.Corners[3])
	}
	return twoCodeImage{img: buf.Bytes(), corners: corners}
}

func dataURI(t *testing.T, uri string) []byte {
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(uri, "data:image/png;base64,"))
	if err != nil {
		t.Fatalf("%.40q… is not a PNG data URI: %v", uri, err)
	}
	return b
}

// decodePNG returns the text of the one code in a PNG, or "" with the
// error logged.
func decodePNG(t *testing.T, b []byte) string {
	res, err := decode.Bytes(b)
	if err != nil || len(res) != 1 {
		t.Errorf("decoding %d bytes: %+v, %v", len(b), res, err)
		return ""
	}
	return res[0].Text
}
