package decode

import (
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// TestLooseTriples: three finder patterns seen at a steep angle, as in the
// corpus photograph qrcode-2/fix-finderpattern-order (module sizes 6.5 to
// 11, which gozxing's selection rejects; and the longest side is not the
// one opposite the corner pattern). The loose triples must include the
// true reading order, and leave out a triple already tried.
func TestLooseTriples(t *testing.T) {
	top := detector.NewFinderPattern(123, 32.5, 6.5, 4)
	left := detector.NewFinderPattern(48.25, 115, 8.75, 4)
	near := detector.NewFinderPattern(192.4, 168.1, 10.95, 9)
	far := detector.NewFinderPattern(400, 400, 30, 3) // too large to pair
	lone := detector.NewFinderPattern(10, 10, 7, 1)   // seen on one scan line only
	got := looseTriples([]*detector.FinderPattern{top, left, near, far, lone}, nil)
	want := [3]*detector.FinderPattern{near, left, top} // bottom-left, top-left, top-right
	found := false
	for _, info := range got {
		tr := [3]*detector.FinderPattern{info.GetBottomLeft(), info.GetTopLeft(), info.GetTopRight()}
		for _, p := range tr {
			if p == far || p == lone {
				t.Errorf("triple %v uses an implausible candidate", tr)
			}
		}
		if tr == want {
			found = true
		}
	}
	if !found {
		t.Fatalf("no triple in the reading order bottom-left %v, top-left %v, top-right %v among %d", near, left, top, len(got))
	}
	have := []*detector.FinderPatternInfo{detector.NewFinderPatternInfo(near, left, top)}
	for _, info := range looseTriples([]*detector.FinderPattern{top, left, near}, have) {
		if info.GetTopLeft() == left && info.GetBottomLeft() == near && info.GetTopRight() == top {
			t.Errorf("a triple already tried came back")
		}
	}
}
