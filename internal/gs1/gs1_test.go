package gs1

import (
	"errors"
	"strings"
	"testing"
)

// Check digits of published GS1 examples: the GTIN and SSCC of the GS1
// General Specifications' worked examples, and a retail EAN-13.
func TestCheckDigit(t *testing.T) {
	for _, c := range []struct {
		digits string
		want   byte
	}{
		{"0950600013435", '2'},     // GTIN 09506000134352
		{"10614141123456789", '7'}, // SSCC 106141411234567897
		{"629104150021", '3'},      // EAN-13 6291041500213
		{"0000000000000", '0'},     // all zeros
		{"1", '7'},                 // 1×3 = 3, 10−3
		{"12345678901234567", '5'}, // a GSIN-length input
	} {
		if got := CheckDigit(c.digits); got != c.want {
			t.Errorf("CheckDigit(%s) = %c, want %c", c.digits, got, c.want)
		}
	}
}

// TestTable checks properties of the whole table: every AI is 2 to 4
// digits and found by Lookup; no AI is the start of another (which
// ParseTransmitted relies on); AIs of a predefined length prefix have one
// fixed length; decimal AIs end in their decimal position.
func TestTable(t *testing.T) {
	list := AIs()
	if len(list) < 300 {
		t.Fatalf("%d AIs, want the whole table", len(list))
	}
	for _, a := range list {
		if len(a.Code) < 2 || len(a.Code) > 4 || strings.Trim(a.Code, "0123456789") != "" {
			t.Errorf("AI %q is not 2 to 4 digits", a.Code)
		}
		if b, ok := Lookup(a.Code); !ok || b != a {
			t.Errorf("Lookup(%s) does not find it", a.Code)
		}
		for n := 2; n < len(a.Code); n++ {
			if _, ok := Lookup(a.Code[:n]); ok {
				t.Errorf("AI %s starts with AI %s", a.Code, a.Code[:n])
			}
		}
		if a.Predefined && !a.fixed() {
			t.Errorf("AI %s has a predefined length prefix but lengths %d..%d", a.Code, a.MinLen(), a.MaxLen())
		}
		if a.Decimals >= 0 && int(a.Code[len(a.Code)-1]-'0') != a.Decimals {
			t.Errorf("AI %s: %d decimals", a.Code, a.Decimals)
		}
	}
	for _, c := range []struct {
		code       string
		min, max   int
		predefined bool
		decimals   int
	}{
		{"00", 18, 18, true, -1},
		{"01", 14, 14, true, -1},
		{"10", 1, 20, false, -1},
		{"17", 6, 6, true, -1},
		{"20", 2, 2, true, -1},
		{"253", 13, 30, false, -1},
		{"3103", 6, 6, true, 3},
		{"3925", 1, 15, false, 5},
		{"3932", 4, 18, false, 2},
		{"402", 17, 17, false, -1}, // fixed length, but 40 is not a predefined prefix
		{"414", 13, 13, true, -1},
		{"4330", 6, 7, false, -1},
		{"7007", 6, 12, false, -1},
		{"8003", 14, 30, false, -1},
		{"8030", 1, 90, false, -1},
		{"99", 1, 90, false, -1},
	} {
		a, ok := Lookup(c.code)
		if !ok {
			t.Errorf("AI %s missing", c.code)
			continue
		}
		if a.MinLen() != c.min || a.MaxLen() != c.max || a.Predefined != c.predefined || a.Decimals != c.decimals {
			t.Errorf("AI %s: lengths %d..%d predefined %v decimals %d, want %d..%d %v %d",
				c.code, a.MinLen(), a.MaxLen(), a.Predefined, a.Decimals, c.min, c.max, c.predefined, c.decimals)
		}
	}
	for _, code := range []string{"03", "14", "18", "19", "23", "310", "3106", "3170", "3380", "3944", "3956", "4327", "7012", "8014", "89", "9"} {
		if _, ok := Lookup(code); ok {
			t.Errorf("Lookup(%s) finds an AI the table lacks", code)
		}
	}
}

// TestParseValid parses good element strings of every class of AI: fixed
// numeric with check digit, dates with and without DD = 00, variable set
// 82, decimal measures, currency amounts, multi-part values with optional
// parts, set 39 and set 64, percent-encoding, and values holding '('.
func TestParseValid(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Element
	}{
		{"(01)09506000134352(17)261231(10)ABC123", []Element{{"01", "09506000134352"}, {"17", "261231"}, {"10", "ABC123"}}},
		{"(00)106141411234567897", []Element{{"00", "106141411234567897"}}},
		{"(01)09506000134352(15)261200", []Element{{"01", "09506000134352"}, {"15", "261200"}}},
		{"(01)09506000134352(11)240229", []Element{{"01", "09506000134352"}, {"11", "240229"}}},
		{"(01)09506000134352(3103)001250(21)12345", []Element{{"01", "09506000134352"}, {"3103", "001250"}, {"21", "12345"}}},
		{"(02)09506000134352(37)24(400)PO-1/2", []Element{{"02", "09506000134352"}, {"37", "24"}, {"400", "PO-1/2"}}},
		{"(3912)97812345", []Element{{"3912", "97812345"}}},
		{"(253)9506000134352ABC", []Element{{"253", "9506000134352ABC"}}},
		{"(255)9506000134352", []Element{{"255", "9506000134352"}}},
		{"(8003)09506000134352SERIAL", []Element{{"8003", "09506000134352SERIAL"}}},
		{"(8010)ABC-#/12", []Element{{"8010", "ABC-#/12"}}},
		{"(8030)AbC-_9=", []Element{{"8030", "AbC-_9="}}},
		{"(4300)ACME%20Corp", []Element{{"4300", "ACME%20Corp"}}},
		{"(4307)FR(4321)1", []Element{{"4307", "FR"}, {"4321", "1"}}},
		{"(4330)000440-", []Element{{"4330", "000440-"}}},
		{"(7007)240101240131", []Element{{"7007", "240101240131"}}},
		{"(7011)240101(7003)2401011230", []Element{{"7011", "240101"}, {"7003", "2401011230"}}},
		{"(423)250276", []Element{{"423", "250276"}}},
		{"(8001)12345678901231", []Element{{"8001", "12345678901231"}}},
		{"(8200)http://a.b/c?d=(e)", []Element{{"8200", "http://a.b/c?d=(e)"}}},
		{"(10)A(B)C(21)X", []Element{{"10", "A(B)C"}, {"21", "X"}}},
		{"(91)x(92)y(99)z", []Element{{"91", "x"}, {"92", "y"}, {"99", "z"}}},
	} {
		got, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if !sameElements(got, c.want) {
			t.Errorf("Parse(%q) = %q, want %q", c.in, got, c.want)
		}
		if hr := HumanReadable(got); hr != c.in {
			t.Errorf("HumanReadable(Parse(%q)) = %q", c.in, hr)
		}
	}
}

// TestParseInvalid checks each error and its message.
func TestParseInvalid(t *testing.T) {
	for _, c := range []struct{ in, msg string }{
		{"", "empty element string"},
		{"01095060001343522", "'0' where an AI in parentheses should start (at character 1)"},
		{"(01)09506000134353", "(01): check digit 3, want 2 (at character 18)"},
		{"(01)0950600013435", "(01): 13 digits, want 14 (at character 18)"},
		{"(01)095060001343520", "(01): 15 digits, want 14 (at character 19)"},
		{"(01)0950600013435A", "(01): 'A' is not a digit (at character 18)"},
		{"(17)261232", "(17): day 32 in date 261232 (at character 9)"},
		{"(17)261331", "(17): month 13 in date 261331 (at character 7)"},
		{"(11)250229", "(11): day 29 in date 250229 (at character 9)"},
		{"(7006)240100", "(7006): day 00 in date 240100 (at character 11)"},
		{"(7003)2401012460", "(7003): time 2460 is not HHMM (at character 13)"},
		{"(10)ABC#123", "(10): '#' is not in GS1 character set 82 (at character 8)"},
		{"(10)ÄB", "(10): byte 0xC3 is not in GS1 character set 82 (at character 5)"},
		{"(10)" + strings.Repeat("A", 21), "(10): 21 characters, want at most 20 (at character 25)"},
		{"(10)(21)X", "(10): empty value (at character 5)"},
		{"(8010)abc", "(8010): 'a' is not in GS1 character set 39 (at character 7)"},
		{"(8030)a+b", "(8030): '+' is not in GS1 character set 64 (at character 8)"},
		{"(253)950600013435", "(253): 12 characters, want 13 to 30 (at character 18)"},
		{"(7007)2401012401", "(7007): 10 digits, want 6 or 12 (at character 17)"},
		{"(4300)A%2", "(4300): '%' not followed by two hexadecimal digits (at character 8)"},
		{"(4307)fr", "(4307): \"fr\" is not a two-letter country code (at character 7)"},
		{"(4321)2", "(4321): \"2\" is neither 0 nor 1 (at character 7)"},
		{"(4330)000440+", "(4330): \"+\" is not the sign '-' (at character 13)"},
		{"(4330)000440 ", "(4330): ' ' is not in GS1 character set 82 (at character 13)"},
		{"(4330)000440A", "(4330): \"A\" is not the sign '-' (at character 13)"},
		{"(8003)19506000134352", "(8003): \"1\" must be 0 (at character 7)"},
		{"(423)2502", "(423): 4 digits are not a list of three-digit codes (at character 6)"},
		{"(01", "'(' without ')' (at character 1)"},
		{"(0A)1", "AI \"0A\" is not 2 to 4 digits (at character 3)"},
		{"(12345)1", "AI \"12345\" is not 2 to 4 digits (at character 2)"},
		{"(23)1", "(23): unknown AI (at character 2)"},
		{"(01)09506000134352(01)09506000134352(01)00000000000000", "(01): appears twice with different values (at character 38)"},
		{"(02)09506000134352", "(02): requires (37) (at character 2)"},
		{"(37)5", "(37): requires (02) or (8026) (at character 2)"},
		{"(01)09506000134352(02)09506000134352(37)1", "(01): cannot be used with (02) (at character 2)"},
	} {
		_, err := Parse(c.in)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) = %v, want an *Error", c.in, err)
			continue
		}
		if got := strings.TrimPrefix(err.Error(), "invalid GS1 element string: "); got != c.msg {
			t.Errorf("Parse(%q):\n got  %s\n want %s", c.in, got, c.msg)
		}
	}
}

// TestValidate counts positions in the human-readable form.
func TestValidate(t *testing.T) {
	err := Validate([]Element{{"01", "09506000134352"}, {"17", "261232"}})
	if err == nil || !strings.HasSuffix(err.Error(), "(17): day 32 in date 261232 (at character 27)") {
		t.Errorf("Validate = %v", err)
	}
	if err := Validate(nil); err == nil {
		t.Error("Validate(nil) = nil")
	}
	if err := Validate([]Element{{"01", "09506000134352"}}); err != nil {
		t.Errorf("Validate(valid) = %v", err)
	}
}

// TestTransmitted writes the transmitted form, with separators after
// variable and non-predefined values that are not last, and reads it back.
func TestTransmitted(t *testing.T) {
	for _, c := range []struct{ hri, data string }{
		{"(01)09506000134352(17)261231(10)ABC123", "010950600013435217261231" + "10ABC123"},
		{"(10)ABC123(01)09506000134352", "10ABC123\x1d0109506000134352"},
		{"(402)12345678901234560(3103)001250", "40212345678901234560\x1d3103001250"},
		{"(3103)001250(402)12345678901234560", "310300125040212345678901234560"},
		{"(21)A(22)B(10)C", "21A\x1d22B\x1d10C"},
		{"(414)9506000134352(254)X", "4149506000134352254X"},
	} {
		elems, err := Parse(c.hri)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.hri, err)
		}
		data := AppendTransmitted(nil, elems)
		if string(data) != c.data {
			t.Errorf("transmitted %q = %q, want %q", c.hri, data, c.data)
		}
		back, err := ParseTransmitted(data)
		if err != nil {
			t.Errorf("ParseTransmitted(%q): %v", data, err)
			continue
		}
		if hr := HumanReadable(back); hr != c.hri {
			t.Errorf("ParseTransmitted(%q) = %q, want %q", data, hr, c.hri)
		}
	}
}

// TestParseTransmittedInvalid covers data read from a symbol that is not
// a well-formed element string.
func TestParseTransmittedInvalid(t *testing.T) {
	for _, c := range []struct{ data, msg string }{
		{"", "no element"},
		{"AB", "no known AI starts here (at character 1)"},
		{"0109506000134", "(01): 11 digits, want 14 (at character 13)"},
		{"10" + strings.Repeat("A", 21), "(10): 21 characters, want at most 20 (at character 3)"},
		{"10\x1d21X", "(10): 0 characters, want 1 to 20 (at character 3)"},
		{"01095060001\x1d3520", "(01): separator inside a value of 14 characters (at character 12)"},
		{"0109506000134352\x1d\x1d", "no known AI starts here (at character 18)"},
	} {
		_, err := ParseTransmitted([]byte(c.data))
		if err == nil || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseTransmitted(%q) = %v", c.data, err)
			continue
		}
		if got := strings.TrimPrefix(err.Error(), "invalid GS1 element string: "); got != c.msg {
			t.Errorf("ParseTransmitted(%q):\n got  %s\n want %s", c.data, got, c.msg)
		}
	}
	// A separator after a predefined value, or at the end, is tolerated.
	for _, d := range []string{"0109506000134352\x1d10A", "10A\x1d"} {
		if _, err := ParseTransmitted([]byte(d)); err != nil {
			t.Errorf("ParseTransmitted(%q): %v", d, err)
		}
	}
}

func sameElements(a, b []Element) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzParse: any string either parses into elements whose human-readable
// form is the input, and whose transmitted form reads back the same, or
// gives an *Error wrapping ErrInvalid with a position inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"(01)09506000134352(17)261231(10)ABC123", "(10)A(B)C(21)X", "(4300)A%20", "(7007)240101", "(", "(01)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		elems, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Parse(%q): error %v is not an *Error", s, err)
			}
			if e.Pos < 0 || e.Pos > len(s)+1 {
				t.Fatalf("Parse(%q): position %d outside the input", s, e.Pos)
			}
			return
		}
		if hr := HumanReadable(elems); hr != s {
			t.Fatalf("Parse(%q) gives back %q", s, hr)
		}
		back, err := ParseTransmitted(AppendTransmitted(nil, elems))
		if err != nil || !sameElements(back, elems) {
			t.Fatalf("transmitted form of %q reads back %q, %v", s, back, err)
		}
	})
}

// FuzzParseTransmitted: data from a symbol never panics, and what parses
// writes back to the same data up to tolerated separators.
func FuzzParseTransmitted(f *testing.F) {
	f.Add([]byte("010950600013435217261231" + "10ABC123"))
	f.Add([]byte("10A\x1d21B"))
	f.Fuzz(func(t *testing.T, data []byte) {
		elems, err := ParseTransmitted(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		again, err := ParseTransmitted(AppendTransmitted(nil, elems))
		if err != nil || !sameElements(again, elems) {
			t.Fatalf("%q: written back reads %q, %v", data, again, err)
		}
	})
}
