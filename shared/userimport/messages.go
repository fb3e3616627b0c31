package userimport

import "lms/shared/i18n"

// Problem and file-level error codes. Each is a message key registered with
// lms/shared/i18n in init and doubles as the machine-readable API code.
// Identity-number problems use the codes of lms/shared/idnumber instead
// (e.g. "nik_birthdate_invalid").
const (
	// File-level (returned as *FileError).
	CodeUnsupportedFormat = "import_unsupported_format"
	CodeLegacyXLS         = "import_legacy_xls"
	CodeUnreadable        = "import_unreadable"
	CodeEmptyFile         = "import_empty_file"
	CodeMissingColumn     = "import_missing_column"
	CodeTooManyRows       = "import_too_many_rows"

	// Row-level (reported as Problem).
	CodeNumberAsScientific = "import_number_as_scientific"
	CodeDuplicateInFile    = "import_duplicate_in_file"
	CodeNameRequired       = "import_name_required"
	CodeNameInvalid        = "import_name_invalid"
	CodeEmailInvalid       = "import_email_invalid"
	CodePhoneInvalid       = "import_phone_invalid"
	CodeRoleInvalid        = "import_role_invalid"
	CodeInstitutionTooLong = "import_institution_too_long"
)

// Column labels used inside import_missing_column, one key per column so the
// label is translated too.
const (
	labelIdentity = "import_column_nik_nip"
	labelName     = "import_column_name"
)

var messages = []i18n.Message{
	{Key: CodeUnsupportedFormat,
		Indonesian: "Format berkas tidak didukung. Unggah berkas CSV atau Excel (.xlsx).",
		English:    "Unsupported file format. Upload a CSV or Excel (.xlsx) file."},
	{Key: CodeLegacyXLS,
		Indonesian: "Berkas Excel lama (.xls) atau berkas yang dilindungi kata sandi tidak didukung. Simpan ulang sebagai .xlsx atau CSV tanpa kata sandi.",
		English:    "Old Excel files (.xls) and password-protected workbooks are not supported. Save the file again as .xlsx or CSV without a password."},
	{Key: CodeUnreadable,
		Indonesian: "Berkas tidak dapat dibaca. Pastikan berkas berformat CSV atau .xlsx yang valid dan tidak rusak.",
		English:    "The file could not be read. Make sure it is a valid, undamaged CSV or .xlsx file."},
	{Key: CodeEmptyFile,
		Indonesian: "Berkas kosong. Baris pertama harus berisi judul kolom, misalnya NIK/NIP dan Nama.",
		English:    "The file is empty. The first row must contain the column headings, for example NIK/NIP and Name."},
	{Key: CodeMissingColumn,
		Indonesian: "Kolom {{.Column}} tidak ditemukan di baris judul. Judul yang dikenali: {{.Aliases}}.",
		English:    "The {{.Column}} column was not found in the heading row. Accepted headings: {{.Aliases}}."},
	{Key: CodeTooManyRows,
		Indonesian: "Berkas berisi lebih dari {{.Max}} baris data. Bagi data menjadi beberapa berkas.",
		English:    "The file has more than {{.Max}} data rows. Split the data into several files."},
	{Key: labelIdentity, Indonesian: "NIK/NIP", English: "NIK/NIP"},
	{Key: labelName, Indonesian: "Nama", English: "Name"},

	{Key: CodeNumberAsScientific,
		Indonesian: "NIK/NIP tersimpan sebagai angka (misalnya 3,27301E+15) sehingga digit terakhirnya hilang. Ubah format kolom NIK/NIP menjadi Teks, ketik ulang nomornya, lalu unggah kembali.",
		English:    "The NIK/NIP was stored as a number (for example 3.27301E+15), so its last digits were lost. Format the NIK/NIP column as Text, re-enter the numbers and upload again."},
	{Key: CodeDuplicateInFile,
		Indonesian: "{{.Label}} ini sudah tercantum di baris {{.FirstLine}}.",
		English:    "This {{.Label}} already appears on row {{.FirstLine}}."},
	{Key: CodeNameRequired,
		Indonesian: "Nama wajib diisi.",
		English:    "The name is required."},
	{Key: CodeNameInvalid,
		Indonesian: "Nama harus 2–100 karakter dan hanya boleh berisi huruf, spasi, titik, koma, apostrof, atau tanda hubung.",
		English:    "The name must be 2–100 characters and may contain only letters, spaces, periods, commas, apostrophes or hyphens."},
	{Key: CodeEmailInvalid,
		Indonesian: "Email tidak valid.",
		English:    "The email address is not valid."},
	{Key: CodePhoneInvalid,
		Indonesian: "Nomor HP tidak valid. Gunakan nomor seluler Indonesia, misalnya 081234567890 atau +6281234567890.",
		English:    "The phone number is not valid. Use an Indonesian mobile number such as 081234567890 or +6281234567890."},
	{Key: CodeRoleInvalid,
		Indonesian: "Peran harus admin, instruktur, atau peserta.",
		English:    "The role must be admin, instructor or learner."},
	{Key: CodeInstitutionTooLong,
		Indonesian: "Nama instansi paling banyak 150 karakter.",
		English:    "The institution name may be at most 150 characters."},
}

func init() { i18n.Register(messages...) }
