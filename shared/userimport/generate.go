package userimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// Generate returns a CSV upload (comma-separated, UTF-8, heading row
// "NIK/NIP,Nama Lengkap,Email,No HP,Peran,Instansi") with n data rows, of
// which bad rows (at most n) are invalid in one way each, cycling through: a
// NIK with an impossible birth date, a malformed email, a missing name, an
// unknown role, and a repeat of an earlier row's identity number. The other
// rows carry unique, valid NIKs (about 80%) and NIPs whose dates lie well in
// the past, so Parse with any date from 2021 on yields exactly n-bad rows
// and bad problem rows. The output depends only on the arguments.
//
// It exists for tests and load tests of the import flow.
func Generate(n, bad int, seed int64) []byte {
	n = max(n, 0)
	bad = min(max(bad, 0), n)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5EED1D))

	isBad := make([]bool, n)
	for _, i := range rng.Perm(n)[:bad] {
		isBad[i] = true
	}

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"NIK/NIP", "Nama Lengkap", "Email", "No HP", "Peran", "Instansi"})

	used := map[string]bool{}
	var good []string // identity numbers of valid rows so far
	badKind := 0
	for i := range n {
		id, nip := genIdentity(rng, used)
		first := firstNames[rng.IntN(len(firstNames))]
		last := lastNames[rng.IntN(len(lastNames))]
		name := first + " " + last
		switch rng.IntN(10) {
		case 0:
			if nip {
				name += ", S.Kom."
			} else {
				name = "Dr. " + name
			}
		case 1:
			name = strings.ToUpper(name)
		}
		email := ""
		if rng.IntN(5) != 0 {
			email = fmt.Sprintf("%s.%s%d@%s", emailPart(first), emailPart(last), i+1,
				emailDomains[rng.IntN(len(emailDomains))])
			if rng.IntN(4) == 0 {
				email = strings.ToUpper(email[:1]) + email[1:]
			}
		}
		phone := genPhone(rng)
		role := roles[rng.IntN(len(roles))]
		if nip && rng.IntN(3) == 0 {
			role = "Widyaiswara"
		}
		inst := institutions[rng.IntN(len(institutions))]

		if isBad[i] {
			kind := badKind % 5
			badKind++
			if kind == 4 && len(good) == 0 {
				kind = 1 // nothing to duplicate yet
			}
			switch kind {
			case 0: // NIK with month 13: nik_birthdate_invalid
				delete(used, id)
				id = fmt.Sprintf("3273%02d%02d13%02d%04d", 1+rng.IntN(30), 1+rng.IntN(28), rng.IntN(100), 1+rng.IntN(9999))
			case 1:
				email = fmt.Sprintf("%s%d@@contoh", emailPart(last), i+1)
			case 2:
				name = ""
			case 3:
				role = "kepala"
			case 4:
				delete(used, id)
				id = good[rng.IntN(len(good))]
			}
		} else {
			good = append(good, id)
		}
		_ = w.Write([]string{id, name, email, phone, role, inst})
	}
	w.Flush()
	return buf.Bytes()
}

// emailPart lower-cases s and keeps only its letters.
func emailPart(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

var nikProvinces = []int{11, 12, 13, 14, 16, 18, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 63, 64, 71, 73, 74, 81, 91, 94}

// genIdentity returns a fresh valid NIK (80%) or NIP, and whether it is a NIP.
func genIdentity(rng *rand.Rand, used map[string]bool) (string, bool) {
	for {
		var id string
		nip := rng.IntN(5) == 0
		if nip {
			by := 1965 + rng.IntN(35) // 1965-1999
			bm, bd := 1+rng.IntN(12), 1+rng.IntN(28)
			ay := min(by+20+rng.IntN(8), 2020) // appointed at 20-27, by 2020 at the latest
			id = fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ay, 1+rng.IntN(12), 1+rng.IntN(2), 1+rng.IntN(999))
		} else {
			day := 1 + rng.IntN(28)
			if rng.IntN(2) == 0 {
				day += 40
			}
			year := 1960 + rng.IntN(45) // 1960-2004
			id = fmt.Sprintf("%02d%02d%02d%02d%02d%02d%04d",
				nikProvinces[rng.IntN(len(nikProvinces))], 1+rng.IntN(30), 1+rng.IntN(40),
				day, 1+rng.IntN(12), year%100, 1+rng.IntN(9999))
		}
		if !used[id] {
			used[id] = true
			return id, nip
		}
	}
}

func genPhone(rng *rand.Rand) string {
	sub := fmt.Sprintf("8%d%d%07d", 1+rng.IntN(9), rng.IntN(10), rng.IntN(10_000_000))
	switch rng.IntN(5) {
	case 0:
		return ""
	case 1:
		return "0" + sub
	case 2:
		return "+62 " + sub[:3] + "-" + sub[3:7] + "-" + sub[7:]
	case 3:
		return "62" + sub
	default:
		return "0" + sub[:3] + " " + sub[3:7] + " " + sub[7:]
	}
}

var (
	firstNames = []string{"Budi", "Siti", "Agus", "Dewi", "Rina", "Andi", "Ahmad", "Nur", "Putri", "Eko",
		"Sri", "Wahyu", "Fitri", "Yusuf", "Ma'ruf", "I Gede", "Ni Luh", "Made", "Teuku", "Cut", "Maria", "Yohanes"}
	lastNames = []string{"Santoso", "Rahayu", "Pratama", "Wijaya", "Hidayat", "Lestari", "Saputra", "Kurniawan",
		"Nasution", "Siregar", "Harahap", "Simanjuntak", "Wulandari", "Setiawan", "Putra", "Sari", "Hutapea", "Manurung"}
	emailDomains = []string{"gmail.com", "yahoo.co.id", "kemenkeu.go.id", "jabarprov.go.id", "pu.go.id", "bkn.go.id"}
	roles        = []string{"", "", "", "peserta", "learner", "Peserta", "instruktur", "pengajar", "admin", "penyelenggara"}
	institutions = []string{"", "Badan Kepegawaian Negara", "Pemerintah Provinsi Jawa Barat", "Kementerian Keuangan",
		"BPSDM Provinsi Jawa Timur", "Dinas Pendidikan Kota Bandung", "Kementerian PUPR", "RSUD Dr. Soetomo",
		"Pemerintah Kabupaten Sleman", "Badan Pusat Statistik"}
)
