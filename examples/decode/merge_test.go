package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/qrworks/qrworks/qr"
)

// TestMergeAcrossFiles decodes the codes of a sequence saved one per file,
// and a GS1 code: each file's line reports its part or its elements, and
// one more line holds the merged message with the files of its parts.
func TestMergeAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("one label, many codes ", 6)
	codes, err := qr.EncodeSequence(text, qr.M, qr.MaxVersion(2))
	if err != nil || len(codes) < 3 {
		t.Fatalf("%d codes, %v", len(codes), err)
	}
	for i, c := range codes {
		b, err := c.PNG()
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "part"+string(rune('a'+i))+".png", b)
	}
	gs1, err := qr.Encode("(01)09506000134352(10)LOT7(17)261231", qr.M, qr.GS1())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := gs1.PNG()
	writeFile(t, dir, "gs1.png", b)

	r := decodeCmd(t, dir)
	if r.Status != 0 {
		t.Fatalf("decode: %v", r)
	}
	var merged []codeReport
	parts := 0
	sc := bufio.NewScanner(strings.NewReader(r.Stdout))
	for sc.Scan() {
		var line struct {
			File   string       `json:"file"`
			Codes  []codeReport `json:"codes"`
			Merged *codeReport  `json:"merged"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		switch {
		case line.Merged != nil:
			merged = append(merged, *line.Merged)
		case strings.HasSuffix(line.File, "gs1.png"):
			c := line.Codes[0]
			if !c.GS1 || c.SymbologyID != "]Q3" || len(c.Elements) != 3 || c.Elements[1] != (elementReport{"10", "LOT7"}) {
				t.Errorf("GS1 code: %+v", c)
			}
		default:
			c := line.Codes[0]
			if c.Sequence == nil || c.Sequence.Total != len(codes) || c.SymbologyID != "]Q1" {
				t.Errorf("%s: %+v", line.File, c)
			}
			parts++
		}
	}
	if parts != len(codes) || len(merged) != 1 {
		t.Fatalf("%d part lines and %d merged lines", parts, len(merged))
	}
	m := merged[0]
	if m.Text != text || len(m.Parts) != len(codes) || m.Sequence == nil || m.Sequence.Total != len(codes) {
		t.Errorf("merged: %+v", m)
	}
	for i, p := range m.Parts {
		if p.Index != i || !strings.HasSuffix(p.File, "part"+string(rune('a'+i))+".png") {
			t.Errorf("part %d: %+v", i, p)
		}
	}

	r = decodeCmd(t, "-text", dir)
	if !strings.Contains(r.Stdout, "merged: "+text+"\n") || !strings.Contains(r.Stdout, "(01)09506000134352(10)LOT7(17)261231") {
		t.Errorf("-text: %v", r)
	}
}
