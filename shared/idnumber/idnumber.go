// Package idnumber parses and validates Indonesian identity numbers: the
// 16-digit NIK (Nomor Induk Kependudukan) on every resident's KTP and the
// 18-digit NIP (Nomor Induk Pegawai) of a PNS civil servant.
//
// Validation failures are *Error values whose Code is a message key
// registered in lms/shared/i18n, so handlers can show the user a specific
// message in Bahasa Indonesia or English.
//
// Every function takes the reference time "now" explicitly. Only its calendar
// date (and month) matters, read in now's own location: pass
// now.In(clock.Jakarta) if "today" should be the WIB date.
package idnumber

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"lms/shared/i18n"
)

// Kind names the type of identity number.
type Kind string

const (
	KindNIK Kind = "nik"
	KindNIP Kind = "nip"
)

// Gender as encoded in the number.
type Gender string

const (
	Male   Gender = "male"
	Female Gender = "female"
)

// Lengths of the two numbers, in digits.
const (
	nikLen = 16
	nipLen = 18
)

// NIK is a parsed, valid Nomor Induk Kependudukan.
type NIK struct {
	Number       string // the 16 digits, separators removed
	ProvinceCode string // digits 1-2, e.g. "32" (Jawa Barat)
	RegencyCode  string // digits 3-4, kabupaten/kota within the province
	DistrictCode string // digits 5-6, kecamatan within the regency
	// BirthDate is midnight UTC of the birth date. The two-digit year is
	// read as 20YY unless that date would be after now, then as 19YY.
	BirthDate time.Time
	Gender    Gender // Female when 40 was added to the day
	Sequence  string // digits 13-16, never "0000"
}

// NIP is a parsed, valid Nomor Induk Pegawai (PNS).
type NIP struct {
	Number         string    // the 18 digits, separators removed
	BirthDate      time.Time // digits 1-8 (YYYYMMDD), midnight UTC
	AppointedYear  int       // digits 9-12, year of TMT CPNS
	AppointedMonth time.Month
	Gender         Gender // digit 15: 1 male, 2 female
	Sequence       string // digits 16-18, never "000"
}

// Error is a validation failure. Code is a stable key registered in
// lms/shared/i18n (e.g. "nik_length", "nik_birthdate_invalid"); it doubles as
// the API error code. Kind is the kind of number being parsed, or "" when
// Parse could not tell (empty input, bad characters, wrong length).
type Error struct {
	Code string
	Kind Kind
}

// Error returns the English message.
func (e *Error) Error() string { return e.Message(i18n.English) }

// Message returns the user-facing message in lang.
func (e *Error) Message(lang i18n.Lang) string { return i18n.Text(lang, e.Code, nil) }

// Error codes. Each is registered with i18n in init.
const (
	CodeEmpty              = "idnumber_empty"
	CodeNotDigits          = "idnumber_not_digits"
	CodeLength             = "idnumber_length"
	CodeNIKLength          = "nik_length"
	CodeNIKProvince        = "nik_province_invalid"
	CodeNIKRegency         = "nik_regency_invalid"
	CodeNIKDistrict        = "nik_district_invalid"
	CodeNIKBirthDate       = "nik_birthdate_invalid"
	CodeNIKBirthDateFuture = "nik_birthdate_future"
	CodeNIKSequence        = "nik_sequence_invalid"
	CodeNIPLength          = "nip_length"
	CodeNIPBirthDate       = "nip_birthdate_invalid"
	CodeNIPBirthDateFuture = "nip_birthdate_future"
	CodeNIPAppointment     = "nip_appointment_invalid"
	CodeNIPGender          = "nip_gender_invalid"
	CodeNIPSequence        = "nip_sequence_invalid"
)

// messages is the catalog this package owns, registered from init.
var messages = []i18n.Message{
	{Key: CodeEmpty,
		Indonesian: "Nomor identitas wajib diisi.",
		English:    "The identity number is required."},
	{Key: CodeNotDigits,
		Indonesian: "Nomor identitas hanya boleh berisi angka (spasi, titik, dan tanda hubung diabaikan).",
		English:    "The identity number may contain only digits (spaces, dots and dashes are ignored)."},
	{Key: CodeLength,
		Indonesian: "Nomor identitas harus berupa NIK 16 digit atau NIP 18 digit.",
		English:    "The identity number must be a 16-digit NIK or an 18-digit NIP."},
	{Key: CodeNIKLength,
		Indonesian: "NIK harus terdiri dari 16 digit angka.",
		English:    "The NIK must be exactly 16 digits."},
	{Key: CodeNIKProvince,
		Indonesian: "Kode provinsi pada NIK (dua digit pertama) tidak dikenal.",
		English:    "The province code in the NIK (first two digits) is not a known province."},
	{Key: CodeNIKRegency,
		Indonesian: "Kode kabupaten/kota pada NIK (digit ke-3 dan ke-4) tidak valid.",
		English:    "The regency/city code in the NIK (digits 3 and 4) is not valid."},
	{Key: CodeNIKDistrict,
		Indonesian: "Kode kecamatan pada NIK (digit ke-5 dan ke-6) tidak valid.",
		English:    "The district (kecamatan) code in the NIK (digits 5 and 6) is not valid."},
	{Key: CodeNIKBirthDate,
		Indonesian: "Tanggal lahir pada NIK tidak valid.",
		English:    "The birth date in the NIK is not a valid date."},
	{Key: CodeNIKBirthDateFuture,
		Indonesian: "Tanggal lahir pada NIK tidak boleh melewati tanggal hari ini.",
		English:    "The birth date in the NIK cannot be in the future."},
	{Key: CodeNIKSequence,
		Indonesian: "Nomor urut pada NIK (empat digit terakhir) tidak boleh 0000.",
		English:    "The sequence number in the NIK (last four digits) cannot be 0000."},
	{Key: CodeNIPLength,
		Indonesian: "NIP harus terdiri dari 18 digit angka.",
		English:    "The NIP must be exactly 18 digits."},
	{Key: CodeNIPBirthDate,
		Indonesian: "Tanggal lahir pada NIP (delapan digit pertama) tidak valid.",
		English:    "The birth date in the NIP (first eight digits) is not a valid date."},
	{Key: CodeNIPBirthDateFuture,
		Indonesian: "Tanggal lahir pada NIP tidak boleh melewati tanggal hari ini.",
		English:    "The birth date in the NIP cannot be in the future."},
	{Key: CodeNIPAppointment,
		Indonesian: "TMT CPNS pada NIP (digit ke-9 sampai ke-14) tidak valid: bulan harus 01–12, pegawai harus sudah berusia 18 tahun, dan tidak boleh melewati bulan ini.",
		English:    "The CPNS appointment date in the NIP (digits 9 to 14) is not valid: the month must be 01–12, the employee must have been at least 18, and it cannot be after the current month."},
	{Key: CodeNIPGender,
		Indonesian: "Kode jenis kelamin pada NIP (digit ke-15) harus 1 (laki-laki) atau 2 (perempuan).",
		English:    "The gender digit in the NIP (digit 15) must be 1 (male) or 2 (female)."},
	{Key: CodeNIPSequence,
		Indonesian: "Nomor urut pada NIP (tiga digit terakhir) tidak boleh 000.",
		English:    "The sequence number in the NIP (last three digits) cannot be 000."},
}

func init() { i18n.Register(messages...) }

// provinces marks the two-digit province codes in use.
var provinces = func() (p [100]bool) {
	for _, r := range [][2]int{
		{11, 19}, // Sumatra: Aceh .. Kepulauan Bangka Belitung
		{21, 21}, // Kepulauan Riau
		{31, 36}, // Java: DKI Jakarta .. Banten
		{51, 53}, // Bali, NTB, NTT
		{61, 65}, // Kalimantan
		{71, 76}, // Sulawesi
		{81, 82}, // Maluku, Maluku Utara
		{91, 96}, // Papua, Papua Barat and the 2022 Papua provinces
	} {
		for c := r[0]; c <= r[1]; c++ {
			p[c] = true
		}
	}
	return p
}()

// minNIPBirthYear bounds NIP birth years from below: the 18-digit NIP dates
// from the 2000s, so nobody holding one was born before 1900.
const minNIPBirthYear = 1900

// Normalize trims surrounding white space and removes the separators people
// type inside the number (white space, '.' and '-'), returning only the
// digits. It fails with idnumber_empty when nothing is left and
// idnumber_not_digits on any other character. It does not check the length.
func Normalize(s string) (string, error) {
	d, err := normalize(s, "")
	if err != nil {
		return "", err
	}
	return d, nil
}

func normalize(s string, kind Kind) (string, *Error) {
	s = strings.TrimSpace(s)
	// Fast path: already only digits.
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			clean = false
			break
		}
	}
	if clean {
		if s == "" {
			return "", &Error{Code: CodeEmpty, Kind: kind}
		}
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			i++
		case c == '.' || c == '-' || c == ' ' || c == '\t':
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || !unicode.IsSpace(r) {
				return "", &Error{Code: CodeNotDigits, Kind: kind}
			}
			i += size
		}
	}
	if b.Len() == 0 {
		return "", &Error{Code: CodeEmpty, Kind: kind}
	}
	return b.String(), nil
}

// ParseNIK normalises s and validates it as a NIK against the reference time
// now. The error, if any, is an *Error with Kind KindNIK.
func ParseNIK(s string, now time.Time) (NIK, error) {
	n, err := parseNIK(s, now)
	if err != nil {
		return NIK{}, err
	}
	return n, nil
}

func parseNIK(s string, now time.Time) (NIK, *Error) {
	d, e := normalize(s, KindNIK)
	if e != nil {
		return NIK{}, e
	}
	fail := func(code string) (NIK, *Error) { return NIK{}, &Error{Code: code, Kind: KindNIK} }
	if len(d) != nikLen {
		return fail(CodeNIKLength)
	}
	if !provinces[num(d[0:2])] {
		return fail(CodeNIKProvince)
	}
	if num(d[2:4]) == 0 {
		return fail(CodeNIKRegency)
	}
	if num(d[4:6]) == 0 {
		return fail(CodeNIKDistrict)
	}

	day, month, yy := num(d[6:8]), num(d[8:10]), num(d[10:12])
	gender := Male
	if day > 40 {
		day -= 40
		gender = Female
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return fail(CodeNIKBirthDate)
	}
	// Century: 20YY unless that is after today, else 19YY.
	ny, nm, nd := now.Date()
	year := 2000 + yy
	if dateAfter(year, month, day, ny, int(nm), nd) {
		year = 1900 + yy
	}
	if day > daysIn(year, month) {
		return fail(CodeNIKBirthDate)
	}
	if dateAfter(year, month, day, ny, int(nm), nd) {
		return fail(CodeNIKBirthDateFuture)
	}
	if d[12:16] == "0000" {
		return fail(CodeNIKSequence)
	}
	return NIK{
		Number:       d,
		ProvinceCode: d[0:2],
		RegencyCode:  d[2:4],
		DistrictCode: d[4:6],
		BirthDate:    time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC),
		Gender:       gender,
		Sequence:     d[12:16],
	}, nil
}

// ParseNIP normalises s and validates it as a PNS NIP against the reference
// time now. The error, if any, is an *Error with Kind KindNIP.
func ParseNIP(s string, now time.Time) (NIP, error) {
	n, err := parseNIP(s, now)
	if err != nil {
		return NIP{}, err
	}
	return n, nil
}

func parseNIP(s string, now time.Time) (NIP, *Error) {
	d, e := normalize(s, KindNIP)
	if e != nil {
		return NIP{}, e
	}
	fail := func(code string) (NIP, *Error) { return NIP{}, &Error{Code: code, Kind: KindNIP} }
	if len(d) != nipLen {
		return fail(CodeNIPLength)
	}

	by, bm, bd := num(d[0:4]), num(d[4:6]), num(d[6:8])
	if by < minNIPBirthYear || bm < 1 || bm > 12 || bd < 1 || bd > daysIn(by, bm) {
		return fail(CodeNIPBirthDate)
	}
	ny, nm, nd := now.Date()
	if dateAfter(by, bm, bd, ny, int(nm), nd) {
		return fail(CodeNIPBirthDateFuture)
	}

	ay, am := num(d[8:12]), num(d[12:14])
	if am < 1 || am > 12 ||
		ay*12+am < (by+18)*12+bm || // younger than 18 at appointment
		ay*12+am > ny*12+int(nm) { // appointed after the current month
		return fail(CodeNIPAppointment)
	}

	var gender Gender
	switch d[14] {
	case '1':
		gender = Male
	case '2':
		gender = Female
	default:
		return fail(CodeNIPGender)
	}
	if d[15:18] == "000" {
		return fail(CodeNIPSequence)
	}
	return NIP{
		Number:         d,
		BirthDate:      time.Date(by, time.Month(bm), bd, 0, 0, 0, 0, time.UTC),
		AppointedYear:  ay,
		AppointedMonth: time.Month(am),
		Gender:         gender,
		Sequence:       d[15:18],
	}, nil
}

// Parse normalises s and decides the kind by its length: 16 digits are
// parsed as a NIK, 18 as a NIP, anything else fails with idnumber_length. It
// returns the normalised number on success. On a validation failure of a
// NIK or NIP it still returns that kind (with an empty number) so callers
// can tell which rules applied; the error is always an *Error.
func Parse(s string, now time.Time) (kind Kind, number string, err error) {
	d, e := normalize(s, "")
	if e != nil {
		return "", "", e
	}
	switch len(d) {
	case nikLen:
		n, e := parseNIK(d, now)
		if e != nil {
			return KindNIK, "", e
		}
		return KindNIK, n.Number, nil
	case nipLen:
		n, e := parseNIP(d, now)
		if e != nil {
			return KindNIP, "", e
		}
		return KindNIP, n.Number, nil
	default:
		return "", "", &Error{Code: CodeLength}
	}
}

// num converts a short all-digit string to an int.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// dateAfter reports whether y1-m1-d1 is after y2-m2-d2.
func dateAfter(y1, m1, d1, y2, m2, d2 int) bool {
	if y1 != y2 {
		return y1 > y2
	}
	if m1 != m2 {
		return m1 > m2
	}
	return d1 > d2
}

// daysIn returns the number of days in month m (1-12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	default:
		return 31
	}
}
