package stemmer

import (
	"sync"
	"testing"
)

// Examples from the brief, from the ECS and Nazief-Adriani papers'
// descriptions of their rules, and words that occur throughout training
// material of government institutions.
var examples = []struct{ word, root string }{
	// learning ("ajar") family, incl. the dictionary's lexicalised forms
	{"pembelajaran", "ajar"},
	{"belajar", "ajar"},
	{"mempelajari", "ajar"},
	{"pelajaran", "ajar"},
	{"pelajar", "ajar"},
	{"dipelajari", "ajar"},
	{"pengajar", "ajar"},
	{"mengajar", "ajar"},
	{"pengajaran", "ajar"},
	{"pembelajarannya", "ajar"},
	// the brief's list
	{"memperbaiki", "baik"},
	{"perekonomian", "ekonomi"},
	{"kebijakan", "bijak"},
	{"menyelesaikan", "selesai"},
	{"pengetahuan", "tahu"},
	{"berkemampuan", "mampu"},
	{"dipermasalahkan", "masalah"},
	{"penyuluhan", "suluh"},
	// roots stay
	{"makan", "makan"},
	{"bantu", "bantu"},
	{"aparatur", "aparatur"},
	{"pegawai", "pegawai"},
	{"perempuan", "perempuan"},
	{"masyarakat", "masyarakat"},
	// ber- (rules 1-5)
	{"berlari", "lari"},
	{"berakhir", "akhir"},
	{"bekerja", "kerja"},
	{"beserta", "serta"},
	{"bersekolah", "sekolah"},
	// ter- (rules 6-9, 34)
	{"tertentu", "tentu"},
	{"tersebut", "sebut"},
	{"terampil", "terampil"},
	{"keterampilan", "terampil"},
	// me- (rules 10-19)
	{"melayani", "layan"},
	{"membaca", "baca"},
	{"memfasilitasi", "fasilitas"},
	{"memukul", "pukul"},
	{"menanam", "tanam"},
	{"menulis", "tulis"},
	{"mencari", "cari"},
	{"mendengar", "dengar"},
	{"menghasilkan", "hasil"},
	{"mengkaji", "kaji"},
	{"mengambil", "ambil"},
	{"mengebom", "bom"},
	{"menyapu", "sapu"},
	{"menyanyi", "nyanyi"},
	{"menyikapi", "sikap"},
	{"mempunyai", "punya"},
	{"memproses", "proses"},
	{"mensyukuri", "syukur"},
	{"mensosialisasikan", "sosialisasi"},
	// pe- (rules 20-35)
	{"pelatihan", "latih"},
	{"peserta", "serta"},
	{"pekerja", "kerja"},
	{"petani", "tani"},
	{"pertanian", "tani"},
	{"pemukul", "pukul"},
	{"pembinaan", "bina"},
	{"pendidikan", "didik"},
	{"penulis", "tulis"},
	{"penanaman", "tanam"},
	{"pengkajian", "kaji"},
	{"pengembangan", "kembang"},
	{"pengeboman", "bom"},
	{"penyanyi", "nyanyi"},
	{"pemrograman", "program"},
	{"pemerintah", "perintah"},
	{"pemerintahan", "perintah"},
	{"pelaksanaan", "laksana"},
	{"penyelenggaraan", "selenggara"},
	{"peraturan", "atur"},
	// di-, ke-, se- and stacked prefixes
	{"dikembangkan", "kembang"},
	{"diselenggarakan", "selenggara"},
	{"ditetapkan", "tetap"},
	{"diketahui", "tahu"},
	{"ketahui", "tahu"},
	{"kemampuan", "mampu"},
	{"keselamatan", "selamat"},
	{"kepegawaian", "pegawai"},
	{"keberhasilan", "hasil"},
	{"kemasyarakatan", "masyarakat"},
	{"perkembangan", "kembang"},
	{"memperhatikan", "perhati"},
	// suffixes: possessives, particles, -kan after a root ending in k
	{"bukunya", "buku"},
	{"rumahku", "rumah"},
	{"bajumu", "baju"},
	{"makanlah", "makan"},
	{"siapakah", "siapa"},
	{"mempelajarinya", "ajar"},
	{"menggerakkan", "gerak"},
	{"memberikan", "beri"},
	// endings that look like particles
	{"melangkah", "langkah"},
	{"bersalah", "salah"},
	{"melangkahkan", "langkah"},
	// reduplication
	{"buku-buku", "buku"},
	{"buku-bukunya", "buku"},
	{"berbalas-balasan", "balas"},
	{"perundang-undangan", "undang"},
	{"sayur-mayur", "sayur-mayur"},
	// not Indonesian words: unchanged
	{"diklat", "diklat"},
	{"training", "training"},
	{"2024", "2024"},
	{"k3", "k3"},
	{"café", "café"},
	{"ab", "ab"},
	{"", ""},
	// case folding
	{"Pembelajaran", "ajar"},
}

func TestExamples(t *testing.T) {
	for _, e := range examples {
		if got := Stem(e.word); got != e.root {
			t.Errorf("Stem(%q) = %q, want %q", e.word, got, e.root)
		}
	}
}

func TestDictionary(t *testing.T) {
	s := Default()
	if s.Len() < 25000 {
		t.Fatalf("dictionary has %d words", s.Len())
	}
	for _, w := range []string{"ajar", "baik", "tahu", "selesai", "aparatur"} {
		if !s.IsRoot(w) {
			t.Errorf("%q is not in the dictionary", w)
		}
	}
	// The derived headwords genroots drops, and the one/two-letter entries.
	for _, w := range []string{"belajar", "pelajar", "ketahu", "ke", "pe"} {
		if s.IsRoot(w) {
			t.Errorf("%q is in the dictionary", w)
		}
	}
}

// Every root stems to itself: no dictionary word is cut further.
func TestRootsAreFixedPoints(t *testing.T) {
	s := Default()
	for _, w := range Roots() {
		if got := s.Stem(w); got != w {
			t.Fatalf("Stem(%q) = %q", w, got)
		}
	}
}

func TestCustomDictionary(t *testing.T) {
	s := New([]string{"tanam", "nanam"})
	// Rule 15 lists me-nV before me-tV: with both roots known the first wins.
	if got := s.Stem("menanam"); got != "nanam" {
		t.Errorf("Stem(menanam) = %q", got)
	}
	if got := New(nil).Stem("menanam"); got != "menanam" {
		t.Errorf("empty dictionary: %q", got)
	}
}

func TestConcurrent(t *testing.T) {
	s := Default()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, e := range examples {
				if got := s.Stem(e.word); got != e.root {
					t.Errorf("Stem(%q) = %q, want %q", e.word, got, e.root)
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkStem(b *testing.B) {
	s := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.Stem(examples[i%len(examples)].word)
	}
}

func BenchmarkStemRoot(b *testing.B) {
	s := Default()
	b.ReportAllocs()
	for b.Loop() {
		s.Stem("masyarakat")
	}
}
