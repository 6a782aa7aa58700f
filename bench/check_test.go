package bench

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// fake returns a library that encodes with rsc.io/qr but may misbehave.
func fake(symbol func(w Workload) (*Matrix, error), op Op) *Library {
	return &Library{
		Name:    "fake",
		Prepare: func(Workload) (Op, error) { return op, nil },
		Symbol:  symbol,
	}
}

func noop(*bytes.Buffer) error { return nil }

// TestCheckCatches shows that the check before timing fails on every kind of
// output that is not like for like.
func TestCheckCatches(t *testing.T) {
	otherText := func(w Workload) (*Matrix, error) {
		w.Text = strings.ToUpper(w.Text)
		return rsc.Symbol(w)
	}
	otherLevel := func(w Workload) (*Matrix, error) {
		w.Level = L
		return rsc.Symbol(w)
	}
	blank := func(Workload) (*Matrix, error) { return NewMatrix(41), nil }
	tests := []struct {
		name string
		lib  *Library
		w    Workload
		want string
	}{
		{"wrong text", fake(otherText, noop), W1, "decodes to"},
		{"wrong level", fake(otherLevel, noop), W1, "level L, not H"},
		{"no format information", fake(blank, noop), W1, "no valid format information"},
		{"wrong version", fake(rsc.Symbol, noop), Workload{ID: "X", Text: URL, Level: H, Version: 7}, "version 6, not 7"},
		{"panic", fake(rsc.Symbol, func(*bytes.Buffer) error { panic("boom") }), W1, "panicked: boom"},
		{"PNG not written", fake(rsc.Symbol, noop), W4, "PNG does not decode"},
		{"PNG of other text", fake(rsc.Symbol, func(dst *bytes.Buffer) error {
			op, _ := rsc.Prepare(Workload{Text: "other", Level: H, PNG: true, Scale: 4, Quiet: 4})
			return op(dst)
		}), W4, "PNG decodes to"},
	}
	for _, tc := range tests {
		c := CheckCell(tc.lib, tc.w)
		if !errors.Is(c.Err, ErrMismatch) || !strings.Contains(c.Err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want ErrMismatch with %q", tc.name, c.Err, tc.want)
		}
	}
}

func TestCheckPasses(t *testing.T) {
	c := CheckCell(rsc, W4)
	if c.Err != nil || c.Version != 6 || c.Level != H || c.Mask != 0 || c.PNGWidth != 490 || c.PNGFormat != "1-bit grey" {
		t.Errorf("rsc W4: %+v", c)
	}
}
