package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A CSV batch (RFC 4180) starts with a header row that names a "text"
// column and, optionally, a "name" column, in any order and any letter case:
//
//	name,text
//	SKU-1,https://example.com/p/1
//
// The header is required, never guessed: a file whose first row is data
// ("SKU-1,https://…") would otherwise have that row taken for a header and
// the wrong column encoded. A quoted field may span lines (a vCard, say);
// a record whose quotes do not balance within maxLine bytes, or that does
// not parse, is reported on its first line and reading starts again on the
// next line, so one stray quote costs one line, not the rest of the file.

// The column names a CSV header must use.
const (
	textColumn = "text"
	nameColumn = "name"
)

// csvSource reads the records of a CSV batch, after its header.
type csvSource struct {
	records    recordReader
	headerLine int // the line of the header row, 1 unless blank lines precede it
	textCol    int
	nameCol    int         // -1 when files are named by line number
	numbers    numberNames // names files when there is no name column
	seen       map[string]int
}

// newCSVSource reads the header of the CSV batch in r. It returns an error
// naming the header's line when the header is missing, does not parse or
// names no "text" column.
func newCSVSource(r *bufio.Reader, numbers numberNames) (*csvSource, error) {
	s := &csvSource{records: recordReader{r: r}, textCol: -1, nameCol: -1, numbers: numbers, seen: make(map[string]int)}
	var header csvRecord
	for {
		var err error
		header, err = s.records.read()
		if err == io.EOF {
			return nil, errors.New(`the file is empty: a CSV batch starts with a header row such as "name,text"`)
		}
		if err != nil {
			return nil, err
		}
		if !header.blank {
			break
		}
	}
	s.headerLine = header.line
	if header.err != nil {
		return nil, fmt.Errorf("line %d, the header: %w", header.line, header.err)
	}
	for i, h := range header.fields {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case nameColumn:
			s.nameCol = i
		case textColumn:
			s.textCol = i
		}
	}
	if s.textCol < 0 {
		return nil, fmt.Errorf(`line %d is not a CSV header: the first row must name a %q column (and may name %q), as in "name,text"; it reads %q. For one text per line, use a file whose name does not end in .csv`,
			header.line, textColumn, nameColumn, header.fields)
	}
	return s, nil
}

func (s *csvSource) run(emit func(job)) error {
	for {
		rec, err := s.records.read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		emit(s.job(rec))
	}
}

// job turns one record into the job for its first line.
func (s *csvSource) job(rec csvRecord) job {
	j := job{line: rec.line}
	switch {
	case rec.blank:
		j.blank = true
	case rec.err != nil:
		j.err = rec.err
	case s.textCol >= len(rec.fields) || s.nameCol >= len(rec.fields):
		j.err = fmt.Errorf("row has %d fields, too few for the header", len(rec.fields))
	case rec.fields[s.textCol] == "":
		j.err = errors.New("text is empty")
	case s.nameCol < 0:
		j.file, j.text = s.numbers.file(rec.line), rec.fields[s.textCol]
	default:
		j.text = rec.fields[s.textCol]
		j.file, j.err = s.claim(rec.fields[s.nameCol], rec.line)
	}
	return j
}

// csvRecord is one record of a CSV file: its fields, or why it is bad.
type csvRecord struct {
	line   int // the line the record starts on, 1-based
	fields []string
	blank  bool  // an empty line outside quotes
	err    error // the record does not parse; fields is nil
}

// numberedLine is one line of the input, without its line ending.
type numberedLine struct {
	n    int
	text string
	err  error // errLineTooLong
}

// recordReader cuts a CSV file into records: a record is a line, joined to
// the lines after it while a quoted field is open (an odd number of quote
// characters so far: RFC 4180 escapes a quote inside a quoted field as
// two). Lines that a bad record spanned are read again as records of their
// own.
type recordReader struct {
	r     *bufio.Reader
	lines int            // lines read from r so far
	again []numberedLine // lines to read again before reading r
	buf   []byte
}

// line returns the next line, or io.EOF.
func (rr *recordReader) line() (numberedLine, error) {
	if len(rr.again) > 0 {
		l := rr.again[0]
		rr.again = rr.again[1:]
		return l, nil
	}
	var err error
	rr.buf, err = readLine(rr.r, rr.buf[:0])
	switch {
	case err == io.EOF:
		return numberedLine{}, io.EOF
	case errors.Is(err, errLineTooLong):
		rr.lines++
		return numberedLine{n: rr.lines, err: err}, nil
	case err != nil:
		return numberedLine{}, err
	}
	rr.lines++
	return numberedLine{n: rr.lines, text: string(rr.buf)}, nil
}

// read returns the next record, or io.EOF after the last one. A record
// whose error it reports (rec.err) is not fatal; err is set only when the
// input cannot be read.
func (rr *recordReader) read() (rec csvRecord, err error) {
	first, err := rr.line()
	if err != nil {
		return rec, err
	}
	rec.line = first.n
	switch {
	case first.err != nil:
		rec.err = first.err
		return rec, nil
	case first.text == "":
		rec.blank = true
		return rec, nil
	}
	text := first.text
	var spanned []numberedLine // the lines after the first that the record takes
	for strings.Count(text, `"`)%2 == 1 {
		next, err := rr.line()
		if err != nil && err != io.EOF {
			return rec, err
		}
		if err == io.EOF || next.err != nil || len(text)+1+len(next.text) > maxLine {
			if err == nil {
				spanned = append(spanned, next)
			}
			rr.readAgain(spanned)
			rec.err = fmt.Errorf("a quoted field opens on line %d and does not close (within %d bytes)", first.n, maxLine)
			return rec, nil
		}
		spanned = append(spanned, next)
		text += "\n" + next.text
	}
	rec.fields, rec.err = parseRecord(text, first.n)
	if rec.err != nil {
		rr.readAgain(spanned)
	}
	return rec, nil
}

// readAgain puts lines back, in order, before any lines already put back.
func (rr *recordReader) readAgain(lines []numberedLine) {
	if len(lines) > 0 {
		rr.again = append(lines, rr.again...)
	}
}

// parseRecord splits the text of one record, which starts on line first,
// into fields.
func parseRecord(text string, first int) ([]string, error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	fields, err := cr.Read()
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return nil, fmt.Errorf("CSV: %w (line %d, column %d)", perr.Err, first+perr.Line-1, perr.Column)
	}
	if err != nil {
		return nil, fmt.Errorf("CSV: %w", err)
	}
	return fields, nil
}
