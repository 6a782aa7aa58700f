package gs1

import (
	"errors"
	"fmt"
)

// ErrInvalid is the sentinel every error about an element string wraps.
var ErrInvalid = errors.New("invalid GS1 element string")

// Error says what is wrong with an element string and where.
type Error struct {
	// AI is the Application Identifier at fault, or empty when the fault
	// is in the string's syntax before any AI is known.
	AI string
	// Pos is the position of the fault in the input, counting characters
	// (bytes) from 1; 0 when it concerns the whole string.
	Pos int
	// Reason says what is wrong: "check digit 3, want 2".
	Reason string
}

// Error returns "invalid GS1 element string: (01): check digit 3, want 2
// (at character 17)".
func (e *Error) Error() string {
	msg := ErrInvalid.Error() + ": "
	if e.AI != "" {
		msg += "(" + e.AI + "): "
	}
	msg += e.Reason
	if e.Pos > 0 {
		msg += fmt.Sprintf(" (at character %d)", e.Pos)
	}
	return msg
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }

// describe names byte c for a message: 'A' for printable ASCII, else its
// value.
func describe(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02X", c)
}
