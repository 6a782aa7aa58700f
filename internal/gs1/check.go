package gs1

import "fmt"

// A check is a rule a component's value must follow beyond its character
// set and length (the "linters" of the GS1 Barcode Syntax Dictionary).
type check uint8

const (
	checkNone     check = iota
	checkCsum           // GS1 mod-10 check digit in the last position (§7.9.1)
	checkDate0          // YYMMDD, a valid date, or DD = 00 for "the end of the month" (§7.12)
	checkDate           // YYMMDD, a valid date
	checkTime           // HHMM, hours 00–23 and minutes 00–59
	checkPcenc          // percent-encoding: '%' only as the start of %hh (§7.8.4 AIs 4300–4316)
	checkYesNo          // the digit 0 or 1 (AIs 4321–4323)
	checkHyphen         // the character '-' (the negative sign of AIs 4330–4333)
	checkAlpha2         // two capital letters (an ISO 3166-1 alpha-2 code, AIs 4307 and 4317)
	checkZero           // the digit 0 (the first digit of AI (8003))
	checkCodeList       // a list of three-digit country codes (AIs 423 and 425)
	numChecks
)

// checkNames are the names the table's specifications use.
var checkNames = [numChecks]string{"", "csum", "yymmd0", "yymmdd", "hhmm", "pcenc", "yesno", "hyphen", "alpha2", "zero", "list3"}

// apply returns why v breaks the check, and the offset in v of the first
// character at fault; ok is true when v follows it. v has the component's
// length and character set already.
func (c check) apply(v string) (reason string, at int, ok bool) {
	switch c {
	case checkCsum:
		want := CheckDigit(v[:len(v)-1])
		if got := v[len(v)-1]; got != want {
			return fmt.Sprintf("check digit %c, want %c", got, want), len(v) - 1, false
		}
	case checkDate0, checkDate:
		return checkYYMMDD(v, c == checkDate0)
	case checkTime:
		if h, m := twoDigits(v, 0), twoDigits(v, 2); h > 23 || m > 59 {
			return fmt.Sprintf("time %s is not HHMM", v), 0, false
		}
	case checkPcenc:
		return checkPercent(v)
	case checkYesNo:
		if v != "0" && v != "1" {
			return fmt.Sprintf("%q is neither 0 nor 1", v), 0, false
		}
	case checkHyphen:
		if v != "-" {
			return fmt.Sprintf("%q is not the sign '-'", v), 0, false
		}
	case checkAlpha2:
		for i := range len(v) {
			if v[i] < 'A' || v[i] > 'Z' {
				return fmt.Sprintf("%q is not a two-letter country code", v), i, false
			}
		}
	case checkZero:
		if v != "0" {
			return fmt.Sprintf("%q must be 0", v), 0, false
		}
	case checkCodeList:
		if len(v)%3 != 0 {
			return fmt.Sprintf("%d digits are not a list of three-digit codes", len(v)), 0, false
		}
	}
	return "", 0, true
}

// CheckDigit returns the GS1 mod-10 check digit of the digits s (GS1
// General Specifications §7.9.1): weights 3, 1, 3, 1, … from the right,
// and the digit that brings the weighted sum to a multiple of 10.
func CheckDigit(s string) byte {
	sum := 0
	for i := range len(s) {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// twoDigits returns the number of the two digits of s at i.
func twoDigits(s string, i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }

// checkYYMMDD checks a date YYMMDD (GS1 General Specifications §7.12). With
// dayZero, DD = 00 stands for the last day of the month and is valid. The
// century does not matter for validity: February has 29 days in years YY
// divisible by 4, true of every year from 1901 to 2099, which covers the
// sliding window of §7.12 (the current year −49 to +50) until 2049.
func checkYYMMDD(v string, dayZero bool) (string, int, bool) {
	yy, mm, dd := twoDigits(v, 0), twoDigits(v, 2), twoDigits(v, 4)
	if mm < 1 || mm > 12 {
		return fmt.Sprintf("month %02d in date %s", mm, v), 2, false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mm]
	if mm == 2 && yy%4 == 0 {
		days = 29
	}
	if dd > days || dd == 0 && !dayZero {
		return fmt.Sprintf("day %02d in date %s", dd, v), 4, false
	}
	return "", 0, true
}

// checkPercent checks percent-encoding: every '%' starts an escape of two
// hexadecimal digits.
func checkPercent(v string) (string, int, bool) {
	for i := 0; i < len(v); i++ {
		if v[i] != '%' {
			continue
		}
		if i+2 >= len(v) || !isHex(v[i+1]) || !isHex(v[i+2]) {
			return "'%' not followed by two hexadecimal digits", i, false
		}
		i += 2
	}
	return "", 0, true
}

func isHex(c byte) bool { return isDigit(c) || 'A' <= c && c <= 'F' || 'a' <= c && c <= 'f' }
