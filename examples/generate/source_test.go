package main

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCountLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"", 0},
		{"a", 1},
		{"a\n", 1},
		{"a\nb", 2},
		{"\n\n\n", 3},
		{strings.Repeat("x\n", 100000), 100000},
	} {
		got, err := countLines(strings.NewReader(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("countLines(%.20q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// collectJobs runs a source over in and returns its jobs.
func collectJobs(t *testing.T, name, in string) []job {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	src, _, closer, err := openSource(path, ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	var jobs []job
	if err := src.run(func(j job) { jobs = append(jobs, j) }); err != nil {
		t.Fatal(err)
	}
	return jobs
}

func TestLineSource(t *testing.T) {
	huge := strings.Repeat("y", maxLine+1)
	jobs := collectJobs(t, "in.txt", "one\r\n\n"+huge+"\nfour\n"+strings.Repeat("z", 5000)+"\nsix\n7\n8\n9\nten")
	want := []job{
		{line: 1, file: "01.png", text: "one"},
		{line: 2, blank: true},
		{line: 3, err: errLineTooLong},
		{line: 4, file: "04.png", text: "four"},
		{line: 5, file: "05.png", text: strings.Repeat("z", 5000)},
		{line: 6, file: "06.png", text: "six"},
		{line: 7, file: "07.png", text: "7"},
		{line: 8, file: "08.png", text: "8"},
		{line: 9, file: "09.png", text: "9"},
		{line: 10, file: "10.png", text: "ten"},
	}
	if !reflect.DeepEqual(jobs, want) {
		t.Errorf("jobs:\n%+v\nwant:\n%+v", jobs, want)
	}
}

func TestReadLineLong(t *testing.T) {
	// A long line spans several ReadLine chunks of a small reader; the line
	// after it must still be read whole.
	r := bufio.NewReaderSize(strings.NewReader(strings.Repeat("a", maxLine)+"\n"+strings.Repeat("b", maxLine+5)+"\nc"), 16)
	got, err := readLine(r, nil)
	if err != nil || len(got) != maxLine {
		t.Fatalf("line 1: %d bytes, %v; want %d bytes", len(got), err, maxLine)
	}
	if _, err := readLine(r, nil); !errors.Is(err, errLineTooLong) {
		t.Fatalf("line 2: %v, want errLineTooLong", err)
	}
	if got, err := readLine(r, nil); err != nil || string(got) != "c" {
		t.Fatalf("line 3: %q, %v; want c", got, err)
	}
}

func TestCSVSource(t *testing.T) {
	jobs := collectJobs(t, "in.CSV", "text,name\nhello,a\n\nworld,b.PNG\n")
	want := []job{
		{line: 2, file: "a.png", text: "hello"},
		{line: 3, blank: true},
		{line: 4, file: "b.PNG", text: "world"},
	}
	if !reflect.DeepEqual(jobs, want) {
		t.Errorf("jobs %+v, want %+v", jobs, want)
	}
	// Without a name column, files are named by line number.
	jobs = collectJobs(t, "in.csv", "\nTEXT\nhttps://a/\nhttps://b/\n")
	want = []job{
		{line: 3, file: "3.png", text: "https://a/"},
		{line: 4, file: "4.png", text: "https://b/"},
	}
	if !reflect.DeepEqual(jobs, want) {
		t.Errorf("jobs %+v, want %+v", jobs, want)
	}
}

// TestCSVHeaderRequired checks that a CSV whose first row is not a header
// naming a text column is refused as a whole, with the line number, instead
// of having its first row taken for a header and another column encoded.
func TestCSVHeaderRequired(t *testing.T) {
	for _, in := range []string{
		"SKU-1,https://example.com/p/1\nSKU-2,https://example.com/p/2\n",
		"url\nhttps://a/\n",
		"\n\nname,url\nx,https://a/\n",
		"",
		"\"name,text\n",
	} {
		path := filepath.Join(t.TempDir(), "a.csv")
		if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		src, _, closer, err := openSource(path, ".png")
		if err == nil {
			closer.Close()
			t.Errorf("%q: read as %+v, want an error", in, src)
			continue
		}
		if !strings.Contains(err.Error(), "line ") && !strings.Contains(err.Error(), "empty") {
			t.Errorf("%q: error %q names no line", in, err)
		}
	}
}

// TestCSVQuoteErrors checks that a bad quote costs its own line only: the
// lines after it are read, written and counted, and a quoted field that
// spans lines on purpose is still one record.
func TestCSVQuoteErrors(t *testing.T) {
	in := strings.Join([]string{
		"name,text",     // 1
		`a,"unbalanced`, // 2: never closes
		"b,two",         // 3
		`c,say "hi"`,    // 4: bare quote in an unquoted field
		"d,four",        // 5
		`e,"multi`,      // 6-7: one field over two lines
		`line"`,         //
		`f,"x"y`,        // 8: text after a closing quote
		`g,""""`,        // 9: an escaped quote
	}, "\n") + "\n"
	jobs := collectJobs(t, "in.csv", in)
	var lines []int
	for _, j := range jobs {
		lines = append(lines, j.line)
		wantErr := j.line == 2 || j.line == 4 || j.line == 8
		if (j.err != nil) != wantErr {
			t.Errorf("line %d: err %v, want an error: %v", j.line, j.err, wantErr)
		}
	}
	if want := []int{2, 3, 4, 5, 6, 8, 9}; !reflect.DeepEqual(lines, want) {
		t.Errorf("jobs for lines %v, want %v", lines, want)
	}
	texts := map[int]string{}
	for _, j := range jobs {
		texts[j.line] = j.text
	}
	if texts[3] != "two" || texts[6] != "multi\nline" || texts[9] != `"` {
		t.Errorf("texts %v", texts)
	}
}

func TestCheckName(t *testing.T) {
	for _, name := range []string{"SKU-1", "a b", "café", "x.y", "日本", "a..b"} {
		if err := checkName(name); err != nil {
			t.Errorf("checkName(%q) = %v, want nil", name, err)
		}
	}
	for _, name := range []string{
		"", ".", "..", "../x", "a/b", `a\b`, "/abs", ".hidden", "a\x00b", "a\nb",
		"c:x", "a*b", "a?b", `a"b`, "a<b", "a>b", "a|b", strings.Repeat("n", 201),
	} {
		if err := checkName(name); err == nil {
			t.Errorf("checkName(%q) = nil, want an error", name)
		}
	}
}
