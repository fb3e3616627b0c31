package idnumber

import (
	"errors"
	"testing"
	"time"

	"lms/shared/i18n"
)

// now is the reference date of the unit tests: Thursday 14 May 2026.
var now = time.Date(2026, time.May, 14, 10, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// wantCode fails the test unless err is an *Error with the given code and kind.
func wantCode(t *testing.T, err error, code string, kind Kind) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *Error %s", err, err, code)
	}
	if e.Code != code || e.Kind != kind {
		t.Fatalf("error = {Code:%q Kind:%q}, want {Code:%q Kind:%q}", e.Code, e.Kind, code, kind)
	}
}

func TestParseNIKValid(t *testing.T) {
	cases := []struct {
		name, in string
		now      time.Time
		want     NIK
	}{
		{"Bandung male 1995", "3273011508950001", now, NIK{Number: "3273011508950001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Male, Sequence: "0001"}},
		{"Bandung female 1995", "3273015508950002", now, NIK{Number: "3273015508950002", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Female, Sequence: "0002"}},
		{"Aceh female day 71", "1101017112800123", now, NIK{Number: "1101017112800123", ProvinceCode: "11", RegencyCode: "01", DistrictCode: "01",
			BirthDate: date(1980, time.December, 31), Gender: Female, Sequence: "0123"}},
		{"male day 1", "3171990101019999", now, NIK{Number: "3171990101019999", ProvinceCode: "31", RegencyCode: "71", DistrictCode: "99",
			BirthDate: date(2001, time.January, 1), Gender: Male, Sequence: "9999"}},
		{"Papua Barat Daya 96", "9601011508950001", now, NIK{Number: "9601011508950001", ProvinceCode: "96", RegencyCode: "01", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Male, Sequence: "0001"}},
		{"Kepri 21", "2171011508950001", now, NIK{Number: "2171011508950001", ProvinceCode: "21", RegencyCode: "71", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Male, Sequence: "0001"}},

		// Leap years.
		{"29 Feb 2004 male", "3273012902040001", now, NIK{Number: "3273012902040001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(2004, time.February, 29), Gender: Male, Sequence: "0001"}},
		{"29 Feb 1996 female", "3273016902960001", now, NIK{Number: "3273016902960001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1996, time.February, 29), Gender: Female, Sequence: "0001"}},
		{"29 Feb 2000 (divisible by 400)", "3273012902000001", now, NIK{Number: "3273012902000001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(2000, time.February, 29), Gender: Male, Sequence: "0001"}},

		// Century choice.
		{"YY=05 is 2005", "3273010103050001", now, NIK{Number: "3273010103050001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(2005, time.March, 1), Gender: Male, Sequence: "0001"}},
		{"YY=05 before 2005 is 1905", "3273010103050001", date(2004, time.December, 31), NIK{Number: "3273010103050001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1905, time.March, 1), Gender: Male, Sequence: "0001"}},
		{"born today is 2026", "3273011405260001", now, NIK{Number: "3273011405260001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(2026, time.May, 14), Gender: Male, Sequence: "0001"}},
		{"tomorrow in YY=26 is 1926", "3273011505260001", now, NIK{Number: "3273011505260001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1926, time.May, 15), Gender: Male, Sequence: "0001"}},
		{"earlier month this year is 2026", "3273010101260001", now, NIK{Number: "3273010101260001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(2026, time.January, 1), Gender: Male, Sequence: "0001"}},
		{"later month of YY=26 is 1926", "3273010112260001", now, NIK{Number: "3273010112260001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1926, time.December, 1), Gender: Male, Sequence: "0001"}},
		{"YY=99 is 1999", "3273011212990001", now, NIK{Number: "3273011212990001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1999, time.December, 12), Gender: Male, Sequence: "0001"}},
		{"only now's calendar date counts", "3273011405260001", time.Date(2026, time.May, 14, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600)),
			NIK{Number: "3273011405260001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
				BirthDate: date(2026, time.May, 14), Gender: Male, Sequence: "0001"}},

		// Separators people type.
		{"spaces", "3273 0115 0895 0001", now, NIK{Number: "3273011508950001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Male, Sequence: "0001"}},
		{"dots, dashes, padding", "  32.73.01-150895-0001\t", now, NIK{Number: "3273011508950001", ProvinceCode: "32", RegencyCode: "73", DistrictCode: "01",
			BirthDate: date(1995, time.August, 15), Gender: Male, Sequence: "0001"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNIK(c.in, c.now)
			if err != nil {
				t.Fatalf("ParseNIK(%q) error: %v", c.in, err)
			}
			if got != c.want {
				t.Fatalf("ParseNIK(%q)\n got %+v\nwant %+v", c.in, got, c.want)
			}
		})
	}
}

func TestParseNIKInvalid(t *testing.T) {
	cases := []struct {
		name, in string
		now      time.Time
		code     string
	}{
		{"empty", "", now, CodeEmpty},
		{"blank", "   ", now, CodeEmpty},
		{"separators only", " -.- ", now, CodeEmpty},
		{"letter O", "3273O11508950001", now, CodeNotDigits},
		{"underscore", "3273_011508950001", now, CodeNotDigits},
		{"plus sign", "+3273011508950001", now, CodeNotDigits},
		{"full-width digit", "327301150895000１", now, CodeNotDigits},
		{"invalid UTF-8", "3273011508950001\xff", now, CodeNotDigits},
		{"15 digits", "327301150895000", now, CodeNIKLength},
		{"17 digits", "32730115089500011", now, CodeNIKLength},
		{"NIP given", "198503122010011001", now, CodeNIKLength},
		{"province 00", "0073011508950001", now, CodeNIKProvince},
		{"province 10", "1073011508950001", now, CodeNIKProvince},
		{"province 20", "2073011508950001", now, CodeNIKProvince},
		{"province 37", "3773011508950001", now, CodeNIKProvince},
		{"province 54", "5473011508950001", now, CodeNIKProvince},
		{"province 97", "9773011508950001", now, CodeNIKProvince},
		{"regency 00", "3200011508950001", now, CodeNIKRegency},
		{"district 00", "3273001508950001", now, CodeNIKDistrict},
		{"31 Feb", "3273013102950001", now, CodeNIKBirthDate},
		{"31 Apr female", "3273017104950001", now, CodeNIKBirthDate},
		{"day 00", "3273010008950001", now, CodeNIKBirthDate},
		{"day 32", "3273013208950001", now, CodeNIKBirthDate},
		{"day 40", "3273014008950001", now, CodeNIKBirthDate},
		{"day 72", "3273017208950001", now, CodeNIKBirthDate},
		{"month 00", "3273011500950001", now, CodeNIKBirthDate},
		{"month 13", "3273011513950001", now, CodeNIKBirthDate},
		{"29 Feb 2001 (not leap)", "3273012902010001", now, CodeNIKBirthDate},
		{"29 Feb 1900 (YY=00 before 2000)", "3273012902000001", date(1999, time.December, 31), CodeNIKBirthDate},
		{"future in both centuries", "3273011508950001", date(1990, time.January, 1), CodeNIKBirthDateFuture},
		{"sequence 0000", "3273011508950000", now, CodeNIKSequence},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNIK(c.in, c.now)
			wantCode(t, err, c.code, KindNIK)
			if got != (NIK{}) {
				t.Errorf("result on error = %+v, want zero", got)
			}
		})
	}
}

func TestParseNIPValid(t *testing.T) {
	cases := []struct {
		name, in string
		want     NIP
	}{
		{"male", "198503122010011001", NIP{Number: "198503122010011001", BirthDate: date(1985, time.March, 12),
			AppointedYear: 2010, AppointedMonth: time.January, Gender: Male, Sequence: "001"}},
		{"female", "197811052005012002", NIP{Number: "197811052005012002", BirthDate: date(1978, time.November, 5),
			AppointedYear: 2005, AppointedMonth: time.January, Gender: Female, Sequence: "002"}},
		{"separators", "19850312 201001 1 001", NIP{Number: "198503122010011001", BirthDate: date(1985, time.March, 12),
			AppointedYear: 2010, AppointedMonth: time.January, Gender: Male, Sequence: "001"}},
		{"dots and dashes", " 19850312.201001-1-001 ", NIP{Number: "198503122010011001", BirthDate: date(1985, time.March, 12),
			AppointedYear: 2010, AppointedMonth: time.January, Gender: Male, Sequence: "001"}},
		{"appointed the month of 18th birthday", "198503312003032999", NIP{Number: "198503312003032999", BirthDate: date(1985, time.March, 31),
			AppointedYear: 2003, AppointedMonth: time.March, Gender: Female, Sequence: "999"}},
		{"appointed this month", "199001012026051001", NIP{Number: "199001012026051001", BirthDate: date(1990, time.January, 1),
			AppointedYear: 2026, AppointedMonth: time.May, Gender: Male, Sequence: "001"}},
		{"born 29 Feb 1988", "198802292010121001", NIP{Number: "198802292010121001", BirthDate: date(1988, time.February, 29),
			AppointedYear: 2010, AppointedMonth: time.December, Gender: Male, Sequence: "001"}},
		{"born 29 Feb 2000", "200002292019022001", NIP{Number: "200002292019022001", BirthDate: date(2000, time.February, 29),
			AppointedYear: 2019, AppointedMonth: time.February, Gender: Female, Sequence: "001"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNIP(c.in, now)
			if err != nil {
				t.Fatalf("ParseNIP(%q) error: %v", c.in, err)
			}
			if got != c.want {
				t.Fatalf("ParseNIP(%q)\n got %+v\nwant %+v", c.in, got, c.want)
			}
		})
	}
}

func TestParseNIPInvalid(t *testing.T) {
	cases := []struct{ name, in, code string }{
		{"empty", "", CodeEmpty},
		{"letters", "19850312A010011001", CodeNotDigits},
		{"slash", "19850312/201001/1/001", CodeNotDigits},
		{"17 digits", "19850312201001100", CodeNIPLength},
		{"NIK given", "3273011508950001", CodeNIPLength},
		{"30 Feb", "198502302010011001", CodeNIPBirthDate},
		{"29 Feb 1989", "198902292010011001", CodeNIPBirthDate},
		{"29 Feb 1900", "190002291950011001", CodeNIPBirthDate},
		{"month 13", "198513122010011001", CodeNIPBirthDate},
		{"day 00", "198503002010011001", CodeNIPBirthDate},
		{"year 0000", "000001012010011001", CodeNIPBirthDate},
		{"before 1900", "189912312010011001", CodeNIPBirthDate},
		{"born tomorrow", "202605152026051001", CodeNIPBirthDateFuture},
		{"born 2027", "202701012010011001", CodeNIPBirthDateFuture},
		{"appointed at age 10", "198503121995031001", CodeNIPAppointment},
		{"appointed a month before 18", "198503312003022001", CodeNIPAppointment},
		{"appointed before birth", "198503121980011001", CodeNIPAppointment},
		{"appointment month 00", "198503122010001001", CodeNIPAppointment},
		{"appointment month 13", "198503122010131001", CodeNIPAppointment},
		{"appointed next month", "198503122026061001", CodeNIPAppointment},
		{"gender 3", "198503122010013001", CodeNIPGender},
		{"gender 0", "198503122010010001", CodeNIPGender},
		{"sequence 000", "198503122010011000", CodeNIPSequence},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNIP(c.in, now)
			wantCode(t, err, c.code, KindNIP)
			if got != (NIP{}) {
				t.Errorf("result on error = %+v, want zero", got)
			}
		})
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		name, in   string
		kind       Kind
		number     string
		code       string
		codeKind   Kind
		wantNumber bool
	}{
		{name: "NIK", in: "3273011508950001", kind: KindNIK, number: "3273011508950001"},
		{name: "NIK with spaces", in: "3273 0115 0895 0001", kind: KindNIK, number: "3273011508950001"},
		{name: "NIP", in: "198503122010011001", kind: KindNIP, number: "198503122010011001"},
		{name: "NIP with spaces", in: "19850312 201001 1 001", kind: KindNIP, number: "198503122010011001"},
		{name: "empty", in: " ", code: CodeEmpty},
		{name: "not digits", in: "NIK3273011508950001", code: CodeNotDigits},
		{name: "15 digits", in: "327301150895000", code: CodeLength},
		{name: "17 digits", in: "32730115089500011", code: CodeLength},
		{name: "19 digits", in: "1985031220100110011", code: CodeLength},
		{name: "bad NIK", in: "3273013102950001", kind: KindNIK, code: CodeNIKBirthDate, codeKind: KindNIK},
		{name: "bad NIP", in: "198503122010013001", kind: KindNIP, code: CodeNIPGender, codeKind: KindNIP},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, number, err := Parse(c.in, now)
			if kind != c.kind || number != c.number {
				t.Errorf("Parse(%q) = %q, %q; want %q, %q", c.in, kind, number, c.kind, c.number)
			}
			if c.code == "" {
				if err != nil {
					t.Fatalf("Parse(%q) error: %v", c.in, err)
				}
				return
			}
			wantCode(t, err, c.code, c.codeKind)
		})
	}
}

func TestNormalize(t *testing.T) {
	ok := map[string]string{
		"3273011508950001":          "3273011508950001",
		"3273 0115 0895 0001":       "3273011508950001",
		"19850312 201001 1 001":     "198503122010011001",
		" 32.73.01.150895.0001 ":    "3273011508950001",
		"3273-0115-0895-0001":       "3273011508950001",
		"\u00a03273\u00a00115\n":    "32730115",
		"1985 03 12 - 2010 01 - 1.": "198503122010011",
		"1":                         "1",
	}
	for in, want := range ok {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                      CodeEmpty,
		" \t ":                  CodeEmpty,
		"..--":                  CodeEmpty,
		"3273/0115":             CodeNotDigits,
		"3273,0115":             CodeNotDigits,
		"٣٢٧٣":                  CodeNotDigits, // Arabic-Indic digits
		"NIK: 3273011508950001": CodeNotDigits,
	}
	for in, code := range bad {
		got, err := Normalize(in)
		if got != "" {
			t.Errorf("Normalize(%q) = %q on error", in, got)
		}
		wantCode(t, err, code, "")
	}
}

func TestMessages(t *testing.T) {
	codes := []string{
		CodeEmpty, CodeNotDigits, CodeLength,
		CodeNIKLength, CodeNIKProvince, CodeNIKRegency, CodeNIKDistrict, CodeNIKBirthDate, CodeNIKBirthDateFuture, CodeNIKSequence,
		CodeNIPLength, CodeNIPBirthDate, CodeNIPBirthDateFuture, CodeNIPAppointment, CodeNIPGender, CodeNIPSequence,
	}
	if len(messages) != len(codes) {
		t.Errorf("catalog has %d messages, want %d", len(messages), len(codes))
	}
	for _, code := range codes {
		e := &Error{Code: code}
		id, en := e.Message(i18n.Indonesian), e.Message(i18n.English)
		if id == code || en == code || id == "" || en == "" {
			t.Errorf("%s not registered: id=%q en=%q", code, id, en)
		}
		if id == en {
			t.Errorf("%s: Indonesian and English texts are the same: %q", code, id)
		}
		if e.Error() != en {
			t.Errorf("%s: Error() = %q, want the English text %q", code, e.Error(), en)
		}
	}

	_, err := ParseNIK("3273013102950001", now)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("not an *Error: %v", err)
	}
	if got, want := e.Message(i18n.Indonesian), "Tanggal lahir pada NIK tidak valid."; got != want {
		t.Errorf("id: %q, want %q", got, want)
	}
	if got, want := e.Message(i18n.English), "The birth date in the NIK is not a valid date."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got, want := err.Error(), "The birth date in the NIK is not a valid date."; got != want {
		t.Errorf("Error(): %q, want %q", got, want)
	}

	_, err = ParseNIP("198503122010013001", now)
	if !errors.As(err, &e) {
		t.Fatalf("not an *Error: %v", err)
	}
	if got, want := e.Message(i18n.Indonesian), "Kode jenis kelamin pada NIP (digit ke-15) harus 1 (laki-laki) atau 2 (perempuan)."; got != want {
		t.Errorf("id: %q, want %q", got, want)
	}
	if got, want := e.Message(i18n.English), "The gender digit in the NIP (digit 15) must be 1 (male) or 2 (female)."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}

	_, _, err = Parse("12345", now)
	if !errors.As(err, &e) {
		t.Fatalf("not an *Error: %v", err)
	}
	if got, want := e.Message(i18n.Indonesian), "Nomor identitas harus berupa NIK 16 digit atau NIP 18 digit."; got != want {
		t.Errorf("id: %q, want %q", got, want)
	}
}

func TestProvinces(t *testing.T) {
	want := map[int]bool{}
	for _, c := range []int{11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
		61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96} {
		want[c] = true
	}
	for c := 0; c < 100; c++ {
		if provinces[c] != want[c] {
			t.Errorf("province %02d: valid = %v, want %v", c, provinces[c], want[c])
		}
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"3273011508950001", "3273 0115 0895 0001", "198503122010011001", "19850312 201001 1 001"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := Parse(inputs[i%len(inputs)], now); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
