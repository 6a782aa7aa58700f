//go:build race

package qrhttp_test

// raceEnabled reports a -race build, whose instrumentation allocates.
const raceEnabled = true
