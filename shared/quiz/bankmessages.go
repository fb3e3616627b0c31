package quiz

import "lms/shared/i18n"

// ColumnHeading is the heading an export writes for a column key ("id",
// "key", "A", ...), the name a report gives the column a problem is in.
func ColumnHeading(key string) string {
	for _, c := range layout {
		if c.key == key {
			return c.heading
		}
	}
	return key
}

// problemColumn maps a question field a Check problem names to its column.
func problemColumn(field string) string {
	switch field {
	case "text":
		return colText
	case "points":
		return colPoints
	case "options", "pairs":
		return optionKey(0)
	case "correct", "accepted", "value":
		return colKey
	case "image.alt":
		return colAlt
	case "image.uploadId":
		return colImage
	}
	return field
}

func init() {
	i18n.Register(
		i18n.Message{Key: "question_image_unknown", Indonesian: "Gambar tidak ditemukan. Unggah gambar (PNG, JPEG atau WebP) untuk mata diklat ini dengan tujuan question, lalu pakai ID unggahannya.", English: "Image not found. Upload an image (PNG, JPEG or WebP) for this course with purpose question, then use its upload id."},
		i18n.Message{Key: "question_image_not_ready", Indonesian: "Gambar belum siap (status: {{.Status}}). Tunggu sampai selesai diproses.", English: "The image is not ready (status: {{.Status}}). Wait until it is processed."},
		i18n.Message{Key: "question_image_alt", Indonesian: "Teks alternatif gambar wajib diisi (1 sampai 300 karakter): jelaskan isi gambar untuk peserta yang memakai pembaca layar.", English: "The image's alt text is required (1 to 300 characters): describe the picture for learners using a screen reader."},

		i18n.Message{Key: "question_import_unreadable", Indonesian: "Berkas tidak dapat dibaca. Pastikan berkas berformat CSV atau .xlsx yang valid dan tidak rusak.", English: "The file could not be read. Make sure it is a valid, undamaged CSV or .xlsx file."},
		i18n.Message{Key: "question_import_legacy_xls", Indonesian: "Berkas Excel lama (.xls) atau berkas yang dilindungi kata sandi tidak didukung. Simpan ulang sebagai .xlsx atau CSV tanpa kata sandi.", English: "Old Excel files (.xls) and password-protected workbooks are not supported. Save the file again as .xlsx or CSV without a password."},
		i18n.Message{Key: "question_import_empty", Indonesian: "Berkas kosong. Baris pertama harus berisi judul kolom, misalnya Jenis, Soal, Bobot dan Kunci.", English: "The file is empty. The first row must hold the column headings, for example Type, Question, Points and Key."},
		i18n.Message{Key: "question_import_missing_column", Indonesian: "Kolom {{.Column}} tidak ditemukan di baris judul. Judul yang dikenali: {{.Aliases}}.", English: "The {{.Column}} column was not found in the heading row. Accepted headings: {{.Aliases}}."},
		i18n.Message{Key: "question_import_too_many_rows", Indonesian: "Berkas berisi lebih dari {{.Max}} soal. Bagi menjadi beberapa berkas.", English: "The file has more than {{.Max}} questions. Split it into several files."},
		i18n.Message{Key: "question_import_id_invalid", Indonesian: "ID soal tidak valid. Kosongkan kolom ID untuk soal baru.", English: "The question id is not valid. Leave the ID column empty for a new question."},
		i18n.Message{Key: "question_import_id_repeated", Indonesian: "ID soal ini sudah dipakai di baris {{.Line}}.", English: "This question id is already used on row {{.Line}}."},
		i18n.Message{Key: "question_import_number", Indonesian: "{{.Column}} harus berupa angka, misalnya 2 atau 2,5 (tanpa pemisah ribuan).", English: "{{.Column}} must be a number, for example 2 or 2.5 (no thousands separators)."},
		i18n.Message{Key: "question_import_cell_unused", Indonesian: "Kolom {{.Column}} tidak dipakai untuk soal berjenis {{.Type}}; kosongkan.", English: "The {{.Column}} column is not used by questions of type {{.Type}}; leave it empty."},
		i18n.Message{Key: "question_import_key_letters", Indonesian: "Kunci berisi huruf kolom pilihan yang terisi, masing-masing sekali, misalnya B atau A, C.", English: "The key lists letters of filled option columns, each once, for example B or A, C."},
		i18n.Message{Key: "question_import_option_gap", Indonesian: "Isi kolom pilihan berurutan mulai Pilihan A, tanpa kolom kosong di antaranya.", English: "Fill the option columns in order from Option A, with no empty column between them."},
		i18n.Message{Key: "question_import_truefalse_key", Indonesian: "Kunci soal benar/salah: tulis benar atau salah.", English: "The key of a true/false question is benar (true) or salah (false)."},
		i18n.Message{Key: "question_import_pair", Indonesian: "Tulis pasangan di kolom {{.Column}} sebagai: kiri => kanan.", English: "Write the pair in column {{.Column}} as: left => right."},
		i18n.Message{Key: "question_import_alt_without_image", Indonesian: "Teks alternatif diisi tanpa gambar. Isi kolom Gambar dengan ID unggahan gambar, atau kosongkan keduanya.", English: "Alt text without an image. Put the image's upload id in the Image column, or leave both empty."},
		i18n.Message{Key: "question_import_bank_full", Indonesian: "Bank soal mata diklat ini sudah penuh ({{.Max}} soal); soal ini tidak disimpan.", English: "This course's question bank is full ({{.Max}} questions); this question was not stored."},
		i18n.Message{Key: "question_import_unchanged", Indonesian: "Tidak ada perubahan.", English: "Nothing changed."},
		i18n.Message{Key: "question_import_exists", Indonesian: "Soal yang sama persis sudah ada di bank soal; tidak dibuat lagi.", English: "The very same question is already in the bank; it was not created again."},
		i18n.Message{Key: "question_import_same_row", Indonesian: "Soal ini sama persis dengan baris {{.Line}}; tidak dibuat dua kali.", English: "This question is the same as row {{.Line}}; it was not created twice."},
		i18n.Message{Key: "question_import_new_id", Indonesian: "ID ini tidak ada di bank soal mata diklat ini (berkas dari mata diklat lain?); soal dibuat baru dengan ID baru.", English: "This id is not in this course's bank (a file from another course?); the question was created with a new id."},
		i18n.Message{Key: "question_import_conflict", Indonesian: "Soal ini diubah orang lain saat impor berjalan; tidak disimpan. Impor ulang berkas yang sama.", English: "Someone changed this question while the import ran; it was not stored. Import the same file again."},
		i18n.Message{Key: "question_import_write_failed", Indonesian: "Baris ini gagal disimpan. Impor ulang berkas yang sama.", English: "This row could not be stored. Import the same file again."},
	)
}
