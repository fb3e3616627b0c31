// Messages of the self-registration page (register.tsx, lazily loaded with
// it). The language is the app's (getLang); the English catalogue must have
// every key of the Indonesian one (checked by tsc). The NIK messages mirror
// shared/idnumber's.

import { getLang } from '../i18n';

const id = {
  'register.title': 'Daftar sebagai peserta',
  'register.intro': 'Untuk peserta non-ASN (masyarakat umum, pekerja industri, konsultan). Gunakan NIK pada KTP Anda. Pegawai ASN didaftarkan oleh penyelenggara.',
  'register.haveAccount': 'Sudah punya akun?',
  'register.nik': 'NIK',
  'register.nikHint': '16 digit angka sesuai KTP. Spasi, titik, dan tanda hubung boleh dipakai.',
  'register.nikCount': '{n} dari 16 digit',
  'register.nikOk': 'Format NIK sesuai (tanggal lahir {date}).',
  'register.name': 'Nama lengkap',
  'register.nameHint': 'Sesuai KTP; dicetak pada sertifikat.',
  'register.nameRequired': 'Nama lengkap wajib diisi (minimal 2 huruf).',
  'register.email': 'Surel',
  'register.emailHint': 'Untuk pemberitahuan dan mengganti kata sandi yang terlupa.',
  'register.phone': 'Nomor HP (opsional)',
  'register.phoneHint': 'Contoh: 0812 3456 7890',
  'register.institution': 'Instansi atau perusahaan (opsional)',
  'register.institutionHint': 'Tempat Anda bekerja, jika ada.',
  'register.passwordHint': 'Jika NIK Anda sudah punya akun di lembaga lain, masukkan kata sandi akun itu.',
  'register.rules': 'Syarat kata sandi',
  'register.pwLength': 'Minimal 8 karakter',
  'register.pwUpper': 'Huruf besar (A–Z)',
  'register.pwLower': 'Huruf kecil (a–z)',
  'register.pwDigit': 'Angka (0–9)',
  'register.ruleMet': ': terpenuhi',
  'register.ruleNotMet': ': belum terpenuhi',
  'register.fix': 'Periksa kembali isian yang ditandai.',
  'register.submit': 'Kirim pendaftaran',
  'register.submitting': 'Mengirim…',
  'register.sentTitle': 'Pendaftaran terkirim',
  'register.sent': 'Terima kasih. Pendaftaran Anda di {name} sudah kami terima dan menunggu persetujuan admin.',
  'register.sentNext': 'Setelah disetujui, masuk dengan NIK dan kata sandi yang baru Anda buat. Sebelum itu, halaman lembaga akan menampilkan status "menunggu persetujuan".',
  'register.approvedTitle': 'Pendaftaran disetujui',
  'register.approved': 'Akun Anda di {name} sudah aktif. Silakan masuk dengan NIK dan kata sandi Anda.',
  'register.linked': 'NIK ini sudah memiliki akun; pendaftaran ditautkan ke akun tersebut (kata sandinya tetap).',
  'register.toLogin': 'Ke halaman masuk',
  'register.confirm': 'Ulangi kata sandi',

  'nik.idnumber_empty': 'NIK wajib diisi.',
  'nik.idnumber_not_digits': 'NIK hanya boleh berisi angka (spasi, titik, dan tanda hubung diabaikan).',
  'nik.nik_length': 'NIK harus terdiri dari 16 digit angka.',
  'nik.nik_province_invalid': 'Kode provinsi pada NIK (dua digit pertama) tidak dikenal.',
  'nik.nik_regency_invalid': 'Kode kabupaten/kota pada NIK (digit ke-3 dan ke-4) tidak valid.',
  'nik.nik_district_invalid': 'Kode kecamatan pada NIK (digit ke-5 dan ke-6) tidak valid.',
  'nik.nik_birthdate_invalid': 'Tanggal lahir pada NIK (digit ke-7 sampai ke-12, tanggal ditambah 40 untuk perempuan) tidak valid.',
  'nik.nik_birthdate_future': 'Tanggal lahir pada NIK tidak boleh melewati tanggal hari ini.',
  'nik.nik_sequence_invalid': 'Nomor urut pada NIK (empat digit terakhir) tidak boleh 0000.',
} as const;

export type RegisterKey = keyof typeof id;

const en: Record<RegisterKey, string> = {
  'register.title': 'Register as a participant',
  'register.intro': 'For non-civil-servant participants (the public, industry workers, consultants). Use the NIK on your ID card. Civil servants are registered by the organiser.',
  'register.haveAccount': 'Already have an account?',
  'register.nik': 'NIK',
  'register.nikHint': 'The 16 digits on your ID card. Spaces, dots and dashes are fine.',
  'register.nikCount': '{n} of 16 digits',
  'register.nikOk': 'The NIK is well formed (birth date {date}).',
  'register.name': 'Full name',
  'register.nameHint': 'As on your ID card; printed on certificates.',
  'register.nameRequired': 'Your full name is required (at least 2 letters).',
  'register.email': 'Email',
  'register.emailHint': 'For notices and for resetting a forgotten password.',
  'register.phone': 'Mobile number (optional)',
  'register.phoneHint': 'For example: 0812 3456 7890',
  'register.institution': 'Office or company (optional)',
  'register.institutionHint': 'Where you work, if anywhere.',
  'register.passwordHint': 'If your NIK already has an account at another institution, enter that account’s password.',
  'register.rules': 'Password rules',
  'register.pwLength': 'At least 8 characters',
  'register.pwUpper': 'An upper-case letter (A–Z)',
  'register.pwLower': 'A lower-case letter (a–z)',
  'register.pwDigit': 'A digit (0–9)',
  'register.ruleMet': ': met',
  'register.ruleNotMet': ': not met yet',
  'register.fix': 'Please check the marked fields.',
  'register.submit': 'Send registration',
  'register.submitting': 'Sending…',
  'register.sentTitle': 'Registration sent',
  'register.sent': 'Thank you. Your registration with {name} has been received and awaits an admin’s approval.',
  'register.sentNext': 'Once approved, sign in with your NIK and the password you just chose. Until then the institution’s pages show "awaiting approval".',
  'register.approvedTitle': 'Registration approved',
  'register.approved': 'Your account at {name} is active. Sign in with your NIK and password.',
  'register.linked': 'This NIK already had an account; the registration was linked to it (its password is unchanged).',
  'register.toLogin': 'Go to sign-in',
  'register.confirm': 'Repeat the password',

  'nik.idnumber_empty': 'The NIK is required.',
  'nik.idnumber_not_digits': 'The NIK may contain only digits (spaces, dots and dashes are ignored).',
  'nik.nik_length': 'The NIK must be exactly 16 digits.',
  'nik.nik_province_invalid': 'The province code in the NIK (first two digits) is not a known province.',
  'nik.nik_regency_invalid': 'The regency/city code in the NIK (digits 3 and 4) is not valid.',
  'nik.nik_district_invalid': 'The district code in the NIK (digits 5 and 6) is not valid.',
  'nik.nik_birthdate_invalid': 'The birth date in the NIK (digits 7 to 12, the day plus 40 for women) is not a valid date.',
  'nik.nik_birthdate_future': 'The birth date in the NIK cannot be in the future.',
  'nik.nik_sequence_invalid': 'The sequence number in the NIK (last four digits) cannot be 0000.',
};

/** Translate a registration page message, replacing {name} placeholders. */
export function rt(key: RegisterKey, params: Record<string, string | number> = {}): string {
  const text = (getLang() === 'en' ? en : id)[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
