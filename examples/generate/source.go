package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// job is one line of a batch: the text to encode and the file to write it
// to, or the reason the line cannot be encoded.
type job struct {
	line  int    // 1-based line number in the input file
	file  string // file name in the output directory, extension included
	text  string
	blank bool  // a blank line: nothing to write, counted for the summary
	err   error // set when the line is bad before any encoding
}

// maxLine bounds the bytes read for one line. No QR Code holds more than
// 7089 characters (version 40-L, numeric; ISO/IEC 18004:2015 Table 7), so a
// longer line cannot be encoded and is not worth keeping in memory.
const maxLine = 16 << 10

// errLineTooLong reports a line over maxLine bytes.
var errLineTooLong = fmt.Errorf("line is longer than %d bytes", maxLine)

// source reads a batch file and passes its jobs, in file order, to emit.
type source interface {
	run(emit func(job)) error
}

// openSource opens path as a CSV batch when it ends in .csv and as a plain
// list of lines otherwise; the files it names end in ext (".png", ".svg").
// total is the number of lines, for the progress bar.
func openSource(path, ext string) (src source, total int64, closer io.Closer, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, err
	}
	lines, err := countLines(f)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, 0, nil, err
	}
	r := bufio.NewReaderSize(f, 64<<10)
	names := numberNames{width: len(strconv.FormatInt(lines, 10)), ext: ext}
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		src, err := newCSVSource(r, names)
		if err != nil {
			f.Close()
			return nil, 0, nil, fmt.Errorf("%s: %w", path, err)
		}
		return src, max(lines-int64(src.headerLine), 0), f, nil
	}
	return &lineSource{r: r, names: names}, lines, f, nil
}

// numberNames names files by line number, zero-padded to width digits so
// that they sort in line order.
type numberNames struct {
	width int
	ext   string
}

func (n numberNames) file(line int) string { return fmt.Sprintf("%0*d%s", n.width, line, n.ext) }

// countLines counts the lines of r, a last line without a newline included.
func countLines(r io.Reader) (int64, error) {
	buf := make([]byte, 64<<10)
	var n int64
	last := byte('\n')
	for {
		k, err := r.Read(buf)
		if k > 0 {
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			last = buf[k-1]
		}
		if err == io.EOF {
			if last != '\n' {
				n++
			}
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// lineSource reads one text per line, named by its line number. Blank
// lines are skipped.
type lineSource struct {
	r     *bufio.Reader
	names numberNames
}

func (s *lineSource) run(emit func(job)) error {
	var buf []byte
	for n := 1; ; n++ {
		var err error
		buf, err = readLine(s.r, buf[:0])
		if err == io.EOF {
			return nil
		}
		j := job{line: n}
		switch {
		case errors.Is(err, errLineTooLong):
			j.err = err
		case err != nil:
			return err
		case len(buf) == 0:
			j.blank = true
		default:
			j.file, j.text = s.names.file(n), string(buf)
		}
		emit(j)
	}
}

// readLine appends the next line of r to buf, without its "\n" or "\r\n".
// A line over maxLine bytes is consumed to its end and reported as
// errLineTooLong. At the end of the input it returns io.EOF.
func readLine(r *bufio.Reader, buf []byte) ([]byte, error) {
	started, tooLong := false, false
	for {
		chunk, more, err := r.ReadLine()
		if err != nil {
			if err == io.EOF && started {
				break
			}
			return buf, err
		}
		started = true
		if len(buf)+len(chunk) > maxLine {
			tooLong = true
		} else {
			buf = append(buf, chunk...)
		}
		if !more {
			break
		}
	}
	if tooLong {
		return buf[:0], errLineTooLong
	}
	return buf, nil
}

// claim returns the file for name, checking that name is a safe file name
// and that no earlier row has the same file. A name that already ends in the
// output extension keeps it rather than getting a second one.
func (s *csvSource) claim(name string, line int) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	file := name
	if !strings.EqualFold(filepath.Ext(name), s.numbers.ext) {
		file += s.numbers.ext
	}
	key := strings.ToLower(file) // case-insensitive file systems would merge these
	if first, ok := s.seen[key]; ok {
		return "", fmt.Errorf("name %q gives the file of line %d", name, first)
	}
	s.seen[key] = line
	return file, nil
}

// maxName bounds a name from the batch file. Common file systems (ext4,
// XFS, APFS) cap a file name at 255 bytes; 200 leaves room for the ".png" or
// ".svg" extension with a wide margin.
const maxName = 200

// checkName accepts a name only if it is one plain file name: no path
// separators, no "." or "..", no leading dot (hidden files), no control
// characters and none of the characters Windows forbids. Rejecting rather
// than rewriting keeps one file per row: two rewritten names could collide.
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("name is empty")
	case len(name) > maxName:
		return fmt.Errorf("name %.20q… is longer than %d bytes", name, maxName)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("name %q starts with a dot", name)
	case strings.ContainsFunc(name, func(r rune) bool {
		return r < ' ' || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r)
	}):
		return fmt.Errorf("name %q is not a plain file name", name)
	case !filepath.IsLocal(name) || filepath.Base(name) != name:
		return fmt.Errorf("name %q is not a plain file name", name)
	}
	return nil
}
