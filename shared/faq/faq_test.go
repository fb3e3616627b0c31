package faq

import "testing"

func TestConfidence(t *testing.T) {
	faqQ := "Bagaimana cara mengunduh sertifikat setelah pelatihan selesai?"
	reworded := Score("Di mana saya bisa unduh sertifikat pelatihan saya?", "", faqQ)
	unrelated := Score("Berapa tarif parkir di gedung diklat?", "", faqQ)
	if reworded < DefaultThreshold || reworded > 1 {
		t.Errorf("reworded question: %v, want >= %v", reworded, DefaultThreshold)
	}
	if unrelated != 0 {
		t.Errorf("unrelated question: %v, want 0", unrelated)
	}
	if c := Confidence("sertifikat", faqQ); c >= 0.9 || c <= 0.5 {
		t.Errorf("one-word question: %v, want below full confidence", c)
	}
	if c := Confidence("Di mana", faqQ); c != 0 {
		t.Errorf("stop words only: %v", c)
	}
	// Thanks in the body do not dilute a good title.
	if got := Score("Cara unduh sertifikat pelatihan?", "Terima kasih banyak atas bantuannya, mohon dijawab segera ya", faqQ); got < DefaultThreshold {
		t.Errorf("title with chatty body: %v", got)
	}
}
