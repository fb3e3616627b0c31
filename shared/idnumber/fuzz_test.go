package idnumber

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"lms/shared/i18n"
)

// The fuzz targets check the parsers against invariants and against a
// deliberately naive reference implementation built on package time and
// strconv, so a disagreement points at a bug in one of the two.

var fuzzNow = now.Unix()

var nikSeeds = []string{
	"3273011508950001", "3273015508950002", "3273013102950001", "0073011508950001",
	"3273011508950000", "3200011508950001", "3273001508950001", "3273012902000001",
	"3273016902960001", "3273 0115 0895 0001", " 32.73.01-150895-0001 ", "3273011505260001",
	"9601017112990001", "", " ", "3273O11508950001", "327301150895000", "\xff", "1101014008950001",
}

var nipSeeds = []string{
	"198503122010011001", "197811052005012002", "19850312 201001 1 001", "198503121995031001",
	"198503122010013001", "198503122010011000", "198502302010011001", "200002292019022001",
	"202701012010011001", "198503122010131001", "198503312003032999", "000000000000000000", "",
}

// ymd orders dates as integers; unlike time.Time arithmetic it stays exact
// for the absurd years of fuzzed clocks (time.Unix(math.MaxInt64, 0) is in
// year 292277026596).
func ymd(y int, m time.Month, d int) int64 { return int64(y)*10000 + int64(m)*100 + int64(d) }

// nowFrom maps a fuzzed int64 to a reference time; it keeps extreme values so
// the parsers are exercised with absurd clocks too.
func nowFrom(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// assertError checks err is a registered *Error of the kind given.
func assertError(t *testing.T, err error, kind Kind) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, not *Error", err, err)
	}
	if e.Kind != kind {
		t.Fatalf("error kind %q, want %q", e.Kind, kind)
	}
	if msg := e.Message(i18n.Indonesian); msg == e.Code {
		t.Fatalf("error code %q is not registered", e.Code)
	}
	return e
}

func FuzzParseNIK(f *testing.F) {
	for _, s := range nikSeeds {
		f.Add(s, fuzzNow)
	}
	f.Add("3273012902000001", date(1999, 12, 31).Unix())
	f.Add("3273011508950001", date(1990, 1, 1).Unix())
	f.Add("3273011508950001", int64(-1<<63))
	f.Add("3273011508950001", int64(1<<63-1))
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		at := nowFrom(sec)
		n, err := ParseNIK(s, at)
		if ref, ok := refNIK(s, at); ok {
			code := ""
			if err != nil {
				code = err.(*Error).Code
			}
			if code != ref {
				t.Fatalf("ParseNIK(%q, %s): code %q, reference says %q", s, at, code, ref)
			}
		}
		if err != nil {
			assertError(t, err, KindNIK)
			if n != (NIK{}) {
				t.Fatalf("non-zero result on error: %+v", n)
			}
			return
		}
		checkNIK(t, s, at, n)
	})
}

func checkNIK(t *testing.T, s string, at time.Time, n NIK) {
	t.Helper()
	d := n.Number
	if len(d) != nikLen || strings.Trim(d, "0123456789") != "" {
		t.Fatalf("Number %q is not 16 digits", d)
	}
	if norm, err := Normalize(s); err != nil || norm != d {
		t.Fatalf("Number %q, Normalize(%q) = %q, %v", d, s, norm, err)
	}
	if n.ProvinceCode != d[0:2] || n.RegencyCode != d[2:4] || n.DistrictCode != d[4:6] || n.Sequence != d[12:16] {
		t.Fatalf("fields do not match digits: %+v", n)
	}
	if n.Sequence == "0000" || n.RegencyCode == "00" || n.DistrictCode == "00" {
		t.Fatalf("zero code accepted: %+v", n)
	}
	dd, _ := strconv.Atoi(d[6:8])
	if (n.Gender == Female) != (dd > 40) || (n.Gender != Female && n.Gender != Male) {
		t.Fatalf("gender %q but day field %02d", n.Gender, dd)
	}
	if dd > 40 {
		dd -= 40
	}
	b := n.BirthDate
	if b.Location() != time.UTC || b.Hour() != 0 || b.Minute() != 0 || b.Second() != 0 || b.Nanosecond() != 0 {
		t.Fatalf("BirthDate %v is not midnight UTC", b)
	}
	if b.Day() != dd || fmt.Sprintf("%02d", int(b.Month())) != d[8:10] || fmt.Sprintf("%02d", b.Year()%100) != d[10:12] {
		t.Fatalf("BirthDate %v does not match digits %s", b, d[6:12])
	}
	if b.Year() < 1900 || b.Year() > 2099 {
		t.Fatalf("BirthDate %v outside 1900-2099", b)
	}
	today := ymd(at.Date())
	if ymd(b.Date()) > today {
		t.Fatalf("BirthDate %v after today %v", b, at)
	}
	// The later century was chosen whenever it was not in the future.
	if later := b.AddDate(100, 0, 0); b.Year() < 2000 && later.Day() == b.Day() && ymd(later.Date()) <= today {
		t.Fatalf("BirthDate %v: %d would not be in the future (today %v)", b, b.Year()+100, at)
	}
	again, err := ParseNIK(d, at)
	if err != nil || again != n {
		t.Fatalf("re-parsing %q: %+v, %v; want %+v", d, again, err, n)
	}
	kind, number, err := Parse(s, at)
	if err != nil || kind != KindNIK || number != d {
		t.Fatalf("Parse(%q) = %q, %q, %v; want nik %q", s, kind, number, err, d)
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range nipSeeds {
		f.Add(s, fuzzNow)
	}
	f.Add("198503122010011001", date(2009, 12, 31).Unix())
	f.Add("198503122010011001", int64(-1<<63))
	f.Add("198503122010011001", int64(1<<63-1))
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		at := nowFrom(sec)
		n, err := ParseNIP(s, at)
		if ref, ok := refNIP(s, at); ok {
			code := ""
			if err != nil {
				code = err.(*Error).Code
			}
			if code != ref {
				t.Fatalf("ParseNIP(%q, %s): code %q, reference says %q", s, at, code, ref)
			}
		}
		if err != nil {
			assertError(t, err, KindNIP)
			if n != (NIP{}) {
				t.Fatalf("non-zero result on error: %+v", n)
			}
			return
		}
		checkNIP(t, s, at, n)
	})
}

func checkNIP(t *testing.T, s string, at time.Time, n NIP) {
	t.Helper()
	d := n.Number
	if len(d) != nipLen || strings.Trim(d, "0123456789") != "" {
		t.Fatalf("Number %q is not 18 digits", d)
	}
	if norm, err := Normalize(s); err != nil || norm != d {
		t.Fatalf("Number %q, Normalize(%q) = %q, %v", d, s, norm, err)
	}
	b := n.BirthDate
	if b.Location() != time.UTC || b.Format("20060102") != d[0:8] || b.Format("150405.000000000") != "000000.000000000" {
		t.Fatalf("BirthDate %v does not match digits %s", b, d[0:8])
	}
	if fmt.Sprintf("%04d%02d", n.AppointedYear, int(n.AppointedMonth)) != d[8:14] {
		t.Fatalf("appointment %d-%02d does not match digits %s", n.AppointedYear, n.AppointedMonth, d[8:14])
	}
	if n.AppointedMonth < time.January || n.AppointedMonth > time.December {
		t.Fatalf("appointment month %d", n.AppointedMonth)
	}
	switch {
	case d[14] == '1' && n.Gender == Male, d[14] == '2' && n.Gender == Female:
	default:
		t.Fatalf("gender %q but digit %c", n.Gender, d[14])
	}
	if n.Sequence != d[15:18] || n.Sequence == "000" {
		t.Fatalf("sequence %q, digits %s", n.Sequence, d[15:18])
	}
	if ymd(b.Date()) > ymd(at.Date()) {
		t.Fatalf("BirthDate %v after today %v", b, at)
	}
	appointed := ymd(n.AppointedYear, n.AppointedMonth, 1)
	if appointed < ymd(b.Year()+18, b.Month(), 1) {
		t.Fatalf("appointed %d before age 18 (born %v)", appointed, b)
	}
	if y, m, _ := at.Date(); appointed > ymd(y, m, 1) {
		t.Fatalf("appointed %d after the current month (%v)", appointed, at)
	}
	again, err := ParseNIP(d, at)
	if err != nil || again != n {
		t.Fatalf("re-parsing %q: %+v, %v; want %+v", d, again, err, n)
	}
	kind, number, err := Parse(s, at)
	if err != nil || kind != KindNIP || number != d {
		t.Fatalf("Parse(%q) = %q, %q, %v; want nip %q", s, kind, number, err, d)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range append(append([]string{"12345", "1985031220100110011"}, nikSeeds...), nipSeeds...) {
		f.Add(s, fuzzNow)
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		at := nowFrom(sec)
		kind, number, err := Parse(s, at)
		norm, nerr := Normalize(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, not *Error", err, err)
			}
			if number != "" {
				t.Fatalf("number %q returned with error %v", number, err)
			}
			if e.Kind != kind {
				t.Fatalf("kind %q but error kind %q", kind, e.Kind)
			}
			switch {
			case nerr != nil:
				if kind != "" || e.Code != nerr.(*Error).Code {
					t.Fatalf("Parse error %+v, Normalize error %+v", e, nerr)
				}
			case len(norm) == nikLen:
				_, perr := ParseNIK(s, at)
				if kind != KindNIK || perr == nil || perr.(*Error).Code != e.Code {
					t.Fatalf("Parse: %q %+v; ParseNIK: %v", kind, e, perr)
				}
			case len(norm) == nipLen:
				_, perr := ParseNIP(s, at)
				if kind != KindNIP || perr == nil || perr.(*Error).Code != e.Code {
					t.Fatalf("Parse: %q %+v; ParseNIP: %v", kind, e, perr)
				}
			default:
				if kind != "" || e.Code != CodeLength {
					t.Fatalf("length %d: Parse error %+v", len(norm), e)
				}
			}
			return
		}
		if nerr != nil || number != norm {
			t.Fatalf("Parse(%q) = %q but Normalize = %q, %v", s, number, norm, nerr)
		}
		switch kind {
		case KindNIK:
			n, err := ParseNIK(number, at)
			if err != nil {
				t.Fatalf("Parse accepted NIK %q, ParseNIK: %v", number, err)
			}
			checkNIK(t, s, at, n)
		case KindNIP:
			n, err := ParseNIP(number, at)
			if err != nil {
				t.Fatalf("Parse accepted NIP %q, ParseNIP: %v", number, err)
			}
			checkNIP(t, s, at, n)
		default:
			t.Fatalf("kind %q on success", kind)
		}
		k2, n2, err := Parse(number, at)
		if err != nil || k2 != kind || n2 != number {
			t.Fatalf("re-parse %q = %q, %q, %v", number, k2, n2, err)
		}
	})
}

// --- reference implementation -------------------------------------------

// refNormalize is Normalize written the obvious way.
func refNormalize(s string) (string, string) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '.' || r == '-' || unicode.IsSpace(r):
		default:
			return "", CodeNotDigits
		}
	}
	if b.Len() == 0 {
		return "", CodeEmpty
	}
	return b.String(), ""
}

// realDate reports whether y-m-d exists, using time.Date's normalisation.
func realDate(y, m, d int) bool {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// refNIK returns the expected error code ("" for valid). ok is false when
// the reference cannot judge (today outside years 1000-9999, where its
// string comparison of dates breaks down).
func refNIK(s string, at time.Time) (code string, ok bool) {
	if y := at.Year(); y < 1000 || y > 9999 {
		return "", false
	}
	today := at.Format("20060102")
	d, code := refNormalize(s)
	if code != "" {
		return code, true
	}
	if len(d) != 16 {
		return CodeNIKLength, true
	}
	valid := []string{"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
		"51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
		"91", "92", "93", "94", "95", "96"}
	switch {
	case !slices.Contains(valid, d[0:2]):
		return CodeNIKProvince, true
	case d[2:4] == "00":
		return CodeNIKRegency, true
	case d[4:6] == "00":
		return CodeNIKDistrict, true
	}
	day, _ := strconv.Atoi(d[6:8])
	month, _ := strconv.Atoi(d[8:10])
	yy, _ := strconv.Atoi(d[10:12])
	if day >= 41 && day <= 71 {
		day -= 40
	} else if day < 1 || day > 31 {
		return CodeNIKBirthDate, true
	}
	if month < 1 || month > 12 {
		return CodeNIKBirthDate, true
	}
	year := 2000 + yy
	if fmt.Sprintf("%04d%02d%02d", year, month, day) > today {
		year = 1900 + yy
	}
	if !realDate(year, month, day) {
		return CodeNIKBirthDate, true
	}
	if fmt.Sprintf("%04d%02d%02d", year, month, day) > today {
		return CodeNIKBirthDateFuture, true
	}
	if d[12:16] == "0000" {
		return CodeNIKSequence, true
	}
	return "", true
}

// refNIP is the NIP counterpart of refNIK.
func refNIP(s string, at time.Time) (code string, ok bool) {
	if y := at.Year(); y < 1000 || y > 9999 {
		return "", false
	}
	d, code := refNormalize(s)
	if code != "" {
		return code, true
	}
	if len(d) != 18 {
		return CodeNIPLength, true
	}
	by, _ := strconv.Atoi(d[0:4])
	bm, _ := strconv.Atoi(d[4:6])
	bd, _ := strconv.Atoi(d[6:8])
	if by < 1900 || !realDate(by, bm, bd) {
		return CodeNIPBirthDate, true
	}
	if d[0:8] > at.Format("20060102") {
		return CodeNIPBirthDateFuture, true
	}
	ay, _ := strconv.Atoi(d[8:12])
	am, _ := strconv.Atoi(d[12:14])
	if am < 1 || am > 12 || ay*100+am < (by+18)*100+bm || d[8:14] > at.Format("200601") {
		return CodeNIPAppointment, true
	}
	if d[14] != '1' && d[14] != '2' {
		return CodeNIPGender, true
	}
	if d[15:18] == "000" {
		return CodeNIPSequence, true
	}
	return "", true
}
