package main

import (
	"image/color"
	"testing"
)

// TestParseColor checks the colour forms -fg and -bg take: those of the
// HTTP service (#rgb, #rrggbb, #rrggbbaa), and the same without the #.
func TestParseColor(t *testing.T) {
	red := color.NRGBA{0xff, 0, 0, 0xff}
	for in, want := range map[string]color.NRGBA{
		"#f00": red, "F00": red, "#ff0000": red, "#FF0000FF": red,
		"#12345678": {0x12, 0x34, 0x56, 0x78}, "#abc": {0xaa, 0xbb, 0xcc, 0xff},
	} {
		if got, err := parseColor(in); err != nil || got != want {
			t.Errorf("parseColor(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "#", "#ff", "#ff00", "#fffff", "#fffffff", "red", "#ggg", "#ff0000ff00"} {
		if got, err := parseColor(in); err == nil {
			t.Errorf("parseColor(%q) = %v, want an error", in, got)
		}
	}
}
