// Package gs1 reads, checks and writes GS1 element strings, the data of GS1
// symbols: a sequence of Application Identifiers (AIs), each followed by its
// value (GS1 General Specifications, section 3 and section 7.8).
//
// An element string has two forms:
//
//   - the human-readable form (HRI), each AI in parentheses before its
//     value: "(01)09506000134352(17)261231(10)ABC123";
//   - the transmitted form, the AIs and values run together, with a group
//     separator (GS, 0x1D, which a symbol writes as FNC1) after every value
//     whose AI does not have a predefined length, unless it is the last:
//     "010950600013435217261231" + "10ABC123".
//
// Parse reads the human-readable form, Validate checks the elements
// against the table of Application Identifiers (table.go), AppendTransmitted
// writes the transmitted form, and ParseTransmitted and HumanReadable turn
// data read from a symbol back into elements and text. The encoder and the
// decoder both use it.
//
// Everything here is safe for concurrent use: the table is built when the
// package is initialised and read-only afterwards.
package gs1
