package bench_test

import (
	"fmt"

	"github.com/qrworks/qrworks/bench"
)

// The check that gates timing: rsc.io/qr's W1 symbol decodes to the URL at
// level H, but it is version 6 (one mode for the whole text) and mask 0 (rsc
// never evaluates the masks).
func ExampleCheckCell() {
	rsc, _ := bench.LibraryByName("rsc")
	c := bench.CheckCell(rsc, bench.W1)
	fmt.Printf("%s %s: version %d-%v, mask %d, timed: %v\n", c.Library, c.Workload, c.Version, c.Level, c.Mask, c.Timed())
	// Output: rsc W1: version 6-H, mask 0, timed: true
}
