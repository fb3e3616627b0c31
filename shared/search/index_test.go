package search

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const tenant = "T1"

func newIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "idx"), tenant)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func item(id, course, title, body string, tags ...string) Document {
	return Document{ID: ItemDocID(id), TenantID: tenant, CourseID: course, ItemID: id, Kind: KindItem,
		Title: title, Body: body, Tags: tags, UpdatedAt: time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)}
}

func find(t *testing.T, ix *Index, q Query) Results {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func hitIDs(r Results) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func TestAnalyzers(t *testing.T) {
	ix := newIndex(t)
	err := ix.Upsert(
		item("1", "C1", "Modul 1", "Materi pembelajaran keselamatan kerja di tambang bawah tanah."),
		item("2", "C1", "Module 2", "Safety trainings for underground mining supervisors."),
		item("3", "C2", "Modul 3", "Peserta menyelesaikan tugas dan ujian akhir."),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"belajar", []string{"item#1"}},
		{"mempelajari", []string{"item#1"}},
		{"pelajaran", []string{"item#1"}},
		{"selamat", []string{"item#1"}},
		{"training", []string{"item#2"}},
		{"supervisor", []string{"item#2"}},
		{"mines", []string{"item#2"}},
		{"penyelesaian", []string{"item#3"}},
		{"PESERTA", []string{"item#3"}},
		// stop words alone match nothing, in either language
		{"dan", nil},
		{"yang di", nil},
		{"for the", nil},
		{"zzz", nil},
	} {
		res := find(t, ix, Query{Text: c.q})
		if got := hitIDs(res); !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("%q: got %v, want %v", c.q, got, c.want)
		}
		if int(res.Total) != len(c.want) {
			t.Errorf("%q: total %d, want %d", c.q, res.Total, len(c.want))
		}
	}
}

func TestTitleRanksAboveBody(t *testing.T) {
	ix := newIndex(t)
	if err := ix.Upsert(
		item("body", "C1", "Pengantar", "Bab ini membahas evaluasi pelatihan secara umum dan hal lain yang panjang sekali."),
		item("title", "C1", "Evaluasi Pelatihan", "Bab ini membahas banyak hal lain yang panjang sekali."),
	); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(find(t, ix, Query{Text: "evaluasi"})); !slices.Equal(got, []string{"item#title", "item#body"}) {
		t.Fatalf("order %v", got)
	}
}

func TestCourseFilter(t *testing.T) {
	ix := newIndex(t)
	var docs []Document
	for i := range 30 {
		course := []string{"A", "B", "C"}[i%3]
		docs = append(docs, item(string(rune('a'+i%26))+strings.Repeat("x", i/26), course, "Pelatihan", "materi pelatihan ke "+course))
	}
	if err := ix.Upsert(docs...); err != nil {
		t.Fatal(err)
	}
	if res := find(t, ix, Query{Text: "pelatihan"}); res.Total != 30 {
		t.Fatalf("unfiltered total %d", res.Total)
	}
	// Only A and C; paging through returns exactly their 20 hits.
	seen := map[string]bool{}
	for from := 0; from < 40; from += 7 {
		res := find(t, ix, Query{Text: "pelatihan", CourseIDs: []string{"A", "C", "Z"}, From: from, Size: 7})
		if res.Total != 20 {
			t.Fatalf("filtered total %d", res.Total)
		}
		for _, h := range res.Hits {
			if h.CourseID != "A" && h.CourseID != "C" {
				t.Fatalf("hit %s of course %s", h.ID, h.CourseID)
			}
			if seen[h.ID] {
				t.Fatalf("hit %s twice", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 20 {
		t.Fatalf("paged through %d hits", len(seen))
	}
	if res := find(t, ix, Query{Text: "pelatihan", CourseIDs: []string{}}); res.Total != 0 || len(res.Hits) != 0 {
		t.Fatalf("empty filter: %+v", res)
	}
	if res := find(t, ix, Query{Text: "pelatihan", CourseIDs: []string{"nope"}}); res.Total != 0 {
		t.Fatalf("unknown course: %+v", res)
	}
}

func TestHitFieldsAndHighlight(t *testing.T) {
	ix := newIndex(t)
	body := "Pendahuluan.\n\nPembelajaran <b>jarak jauh</b> & mandiri: peserta mempelajari modul " +
		strings.Repeat("lain-lain ", 40) + "lalu belajar lagi di akhir."
	if err := ix.Upsert(item("1", "C1", "Modul <1>", body, "k3")); err != nil {
		t.Fatal(err)
	}
	res := find(t, ix, Query{Text: "belajar"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", res.Hits)
	}
	h := res.Hits[0]
	if h.Kind != KindItem || h.CourseID != "C1" || h.ItemID != "1" || h.Title != "Modul <1>" || h.Score <= 0 ||
		!h.UpdatedAt.Equal(time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)) {
		t.Fatalf("hit %+v", h)
	}
	if len(h.Snippets) != 2 {
		t.Fatalf("snippets %q", h.Snippets)
	}
	first := h.Snippets[0]
	for _, want := range []string{"<mark>Pembelajaran</mark>", "&lt;b&gt;jarak jauh&lt;/b&gt; &amp; mandiri", "<mark>mempelajari</mark>", "Pendahuluan. <mark>"} {
		if !strings.Contains(first, want) {
			t.Errorf("snippet %q lacks %q", first, want)
		}
	}
	if strings.Contains(first, "<b>") || strings.Contains(first, "\n") {
		t.Errorf("snippet %q not escaped or folded", first)
	}
	if !strings.HasPrefix(h.Snippets[1], "…") || !strings.Contains(h.Snippets[1], "<mark>belajar</mark> lagi di akhir.") {
		t.Errorf("second snippet %q", h.Snippets[1])
	}
	// English terms highlight through the same stored text.
	if err := ix.Upsert(item("2", "C1", "x", "Two trainings on safety.")); err != nil {
		t.Fatal(err)
	}
	res = find(t, ix, Query{Text: "training"})
	if len(res.Hits) != 1 || len(res.Hits[0].Snippets) != 1 || res.Hits[0].Snippets[0] != "Two <mark>trainings</mark> on safety." {
		t.Fatalf("english snippet %+v", res.Hits)
	}
}

func TestUpsertReplaceDeleteAndChecks(t *testing.T) {
	ix := newIndex(t)
	if err := ix.Upsert(item("1", "C1", "Geologi", "batuan")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Upsert(item("1", "C1", "Geologi", "mineral")); err != nil {
		t.Fatal(err)
	}
	if n := find(t, ix, Query{Text: "batuan"}).Total; n != 0 {
		t.Fatalf("old body still found")
	}
	if n := find(t, ix, Query{Text: "mineral"}).Total; n != 1 {
		t.Fatalf("new body not found")
	}
	if err := ix.Delete(ItemDocID("1"), "unknown"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Fatalf("count %d", n)
	}
	other := item("2", "C1", "x", "y")
	other.TenantID = "T2"
	for _, d := range []Document{other, {ID: "", TenantID: tenant, CourseID: "C", Kind: KindCourse},
		{ID: "x", TenantID: tenant, Kind: KindCourse}, {ID: "x", TenantID: tenant, CourseID: "C", Kind: "video"},
		{ID: "x", TenantID: tenant, CourseID: "C", Kind: KindItem}, {ID: "x", TenantID: tenant, CourseID: "C", ItemID: "i", Kind: KindCourse}} {
		if err := ix.Upsert(d); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: err %v", d, err)
		}
	}
	course := Document{ID: CourseDocID("C9"), TenantID: tenant, CourseID: "C9", Kind: KindCourse, Title: "Diklat Kepemimpinan"}
	if err := ix.Upsert(course); err != nil {
		t.Fatal(err)
	}
	if res := find(t, ix, Query{Text: "pemimpin"}); len(res.Hits) != 1 || res.Hits[0].Kind != KindCourse || res.Hits[0].ItemID != "" || res.Hits[0].Snippets != nil {
		t.Fatalf("course hit %+v", res.Hits)
	}
}

func TestReopenChecksTenantAndSchema(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, tenant)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Upsert(item("1", "C1", "Kurikulum", "isi")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, "T2", true); !errors.Is(err, ErrWrongTenant) {
		t.Fatalf("wrong tenant: %v", err)
	}
	ro, err := Open(dir, tenant, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if res := find(t, ro, Query{Text: "kurikulum"}); res.Total != 1 {
		t.Fatalf("reopened: %+v", res)
	}
}

func TestQueryBounds(t *testing.T) {
	ix := newIndex(t)
	var docs []Document
	for i := range 120 {
		docs = append(docs, item(strings.Repeat("i", i+1), "C1", "Ujian", "soal ujian"))
	}
	if err := ix.Upsert(docs...); err != nil {
		t.Fatal(err)
	}
	if n := len(find(t, ix, Query{Text: "ujian"}).Hits); n != DefaultSize {
		t.Errorf("default size %d", n)
	}
	if n := len(find(t, ix, Query{Text: "ujian", Size: 1000}).Hits); n != MaxSize {
		t.Errorf("max size %d", n)
	}
	if n := len(find(t, ix, Query{Text: "ujian", Size: 50, From: 100}).Hits); n != 20 {
		t.Errorf("last page %d", n)
	}
	if res := find(t, ix, Query{Text: "  "}); res.Total != 0 {
		t.Errorf("blank query %+v", res)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Query{Text: "ujian"}); err == nil {
		t.Errorf("cancelled context: no error")
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("aé", 2); got != "a" {
		t.Errorf("truncate %q", got)
	}
	if got := truncate("abc", 5); got != "abc" {
		t.Errorf("truncate %q", got)
	}
}

func TestTermsAndKinds(t *testing.T) {
	got := Terms("Bagaimana cara mengunduh sertifikat setelah pelatihan selesai?")
	t.Logf("faq terms: %v", got)
	q := Terms("Di mana saya bisa unduh sertifikat pelatihan saya?")
	t.Logf("question terms: %v", q)
	t.Logf("unrelated terms: %v", Terms("Berapa tarif parkir di gedung diklat?"))
	for _, w := range []string{"unduh", "sertifikat", "latih"} {
		if !slices.Contains(q, w) || !slices.Contains(got, w) {
			t.Errorf("%q missing from %v or %v", w, q, got)
		}
	}
	ix, err := Create(t.TempDir(), "t1")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Upsert(
		Document{ID: "faq#1", TenantID: "t1", Kind: KindFAQ, Title: "Bagaimana cara mengunduh sertifikat?"},
		Document{ID: "course#c", TenantID: "t1", CourseID: "c", Kind: KindCourse, Title: "Sertifikat kompetensi"},
	); err != nil {
		t.Fatal(err)
	}
	if err := ix.Upsert(Document{ID: "faq#2", TenantID: "t1", CourseID: "c", Kind: KindFAQ, Title: "x"}); err == nil {
		t.Error("faq document with a course accepted")
	}
	res, err := ix.Search(context.Background(), Query{Text: "sertifikat"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "course#c" {
		t.Errorf("course search = %+v, %v; want the course alone", res.Hits, err)
	}
	res, err = ix.Search(context.Background(), Query{Text: "unduh sertifikat", Kinds: []string{KindFAQ, KindAnswer}})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != "faq#1" {
		t.Errorf("faq search = %+v, %v; want the faq alone", res.Hits, err)
	}
}
