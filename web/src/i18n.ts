// Message catalogue. Bahasa Indonesia is the default language, English the
// second. Every user-facing string comes from here through t(); the English
// catalogue must have every key of the Indonesian one (checked by tsc).
// Dates and times are shown in Western Indonesian Time (WIB, Asia/Jakarta).

const id = {
  'app.name': 'LMS Diklat',
  'app.tagline': 'Platform pembelajaran untuk balai diklat dan instansi pemerintah',
  'lang.switch': 'EN',
  'lang.switchLabel': 'Ganti bahasa ke English',
  'nav.skip': 'Langsung ke konten utama',
  'nav.main': 'Navigasi utama',
  'nav.batches': 'Angkatan saya',
  'nav.jp': 'JP saya',
  'nav.certificates': 'Sertifikat',
  'nav.search': 'Cari',
  'nav.logout': 'Keluar',
  'nav.login': 'Masuk',
  'nav.catalog': 'Semua lembaga',
  'nav.verify': 'Verifikasi sertifikat',
  'nav.home': 'Beranda {name}',
  'nav.user': 'Akun: {name}',
  'common.loading': 'Memuat…',
  'common.wib': 'WIB',
  'common.jp': '{n} JP',
  'common.minutes': '{n} menit',
  'common.percent': '{n}%',
  'common.dateRange': '{start} – {end}',
  'common.progressLabel': 'Kemajuan: {n}%',
  'action.retry': 'Coba lagi',
  'action.back': 'Kembali',
  'error.title': 'Terjadi masalah',
  'error.network': 'Tidak dapat terhubung ke layanan. Periksa koneksi internet Anda, lalu coba lagi.',
  'error.http': 'Layanan mengembalikan galat (HTTP {status}).',
  'error.invalid': 'Jawaban layanan tidak dapat dibaca.',
  'error.sessionEnded': 'Sesi Anda telah berakhir. Silakan masuk lagi.',
  'error.tenantNotFound': 'Lembaga "{tenant}" tidak ditemukan.',
  'notFound.title': 'Halaman tidak ditemukan',
  'notFound.text': 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.',
  'notFound.home': 'Ke halaman utama',
  'footer.text': 'LMS Diklat · Waktu ditampilkan dalam WIB',
  'catalog.title': 'Pilih lembaga diklat',
  'catalog.intro': 'Masuk ke lembaga tempat Anda mengikuti pelatihan. Satu akun berlaku untuk semua lembaga.',
  'catalog.empty': 'Belum ada lembaga yang terdaftar.',
  'catalog.enter': 'Masuk',
  'catalog.enterLabel': 'Masuk ke {name}',
  'catalog.more': 'Tampilkan lebih banyak',
  'catalog.contact': 'Kontak',
  'login.title': 'Masuk',
  'login.subtitle': '{name}',
  'login.username': 'NIK atau NIP',
  'login.usernameHint': 'Peserta: NIK 16 digit. Pegawai: NIP 18 digit.',
  'login.password': 'Kata sandi',
  'login.showPassword': 'Tampilkan kata sandi',
  'login.submit': 'Masuk',
  'login.submitting': 'Sedang masuk…',
  'login.forgot': 'Lupa kata sandi?',
  'login.required': 'Wajib diisi.',
  'login.suspended': 'Lembaga ini sedang dinonaktifkan. Hubungi penyelenggara.',
  'challenge.title': 'Buat kata sandi baru',
  'challenge.intro': 'Ini pertama kali Anda masuk. Buat kata sandi Anda sendiri untuk melanjutkan.',
  'challenge.new': 'Kata sandi baru',
  'challenge.confirm': 'Ulangi kata sandi baru',
  'challenge.rules': 'Minimal 8 karakter, dengan huruf besar, huruf kecil, dan angka.',
  'challenge.weak': 'Kata sandi belum memenuhi syarat: minimal 8 karakter, dengan huruf besar, huruf kecil, dan angka.',
  'challenge.mismatch': 'Kedua kata sandi tidak sama.',
  'challenge.submit': 'Simpan dan masuk',
  'membership.none': 'Akun Anda belum terdaftar di {name}. Hubungi penyelenggara.',
  'membership.pending': 'Pendaftaran Anda di {name} masih menunggu persetujuan.',
  'membership.rejected': 'Pendaftaran Anda di {name} ditolak.',
  'membership.suspended': 'Akun Anda di {name} sedang ditangguhkan.',
  'membership.banned': 'Akun Anda di {name} diblokir.',
  'membership.reason': 'Alasan: {reason}',
  'membership.other': 'Lembaga Anda yang lain:',
  'forgot.title': 'Lupa kata sandi',
  'forgot.intro': 'Masukkan NIK atau NIP Anda. Jika akun Anda memiliki alamat surel, kami mengirim kode untuk membuat kata sandi baru.',
  'forgot.send': 'Kirim kode',
  'forgot.haveCode': 'Saya sudah punya kode',
  'forgot.code': 'Kode dari surel',
  'forgot.reset': 'Simpan kata sandi baru',
  'forgot.done': 'Kata sandi Anda sudah diganti. Silakan masuk dengan kata sandi baru.',
  'forgot.back': 'Kembali ke halaman masuk',
  'verify.title': 'Verifikasi sertifikat',
  'verify.intro': 'Periksa keaslian sertifikat dengan nomornya (tercetak di sertifikat dan pada kode QR).',
  'verify.number': 'Nomor sertifikat',
  'verify.numberHint': 'Contoh: BDTBT-2026-000123',
  'verify.check': 'Periksa',
  'verify.valid': 'Sertifikat ini SAH dan terdaftar.',
  'verify.revoked': 'Sertifikat ini telah DICABUT dan tidak berlaku lagi.',
  'verify.notFound': 'Nomor sertifikat {number} tidak terdaftar.',
  'verify.holder': 'Nama pemegang',
  'verify.training': 'Pelatihan',
  'verify.batch': 'Angkatan',
  'verify.jp': 'Jam pelajaran',
  'verify.dates': 'Tanggal pelatihan',
  'verify.issuedAt': 'Diterbitkan',
  'verify.revokedAt': 'Dicabut',
  'verify.tenant': 'Penerbit',
  'batches.title': 'Angkatan saya',
  'batches.current': 'Sedang diikuti',
  'batches.finished': 'Sudah selesai',
  'batches.other': 'Pendaftaran lain',
  'batches.empty': 'Anda belum terdaftar di angkatan mana pun.',
  'batches.noneCurrent': 'Tidak ada angkatan yang sedang diikuti.',
  'batches.completed': 'Lulus · {jp} JP',
  'batches.certificate': 'Sertifikat {number}',
  'batches.reason': 'Alasan: {reason}',
  'batches.staffNote': 'Halaman pengelolaan untuk admin dan widyaiswara sedang disiapkan.',
  'batches.jpCard': 'JP tahun {year}: {total} dari {duty}',
  'enrollment.enrolled': 'Terdaftar',
  'enrollment.pending': 'Menunggu persetujuan',
  'enrollment.reserve': 'Daftar cadangan',
  'enrollment.withdrawn': 'Mengundurkan diri',
  'enrollment.rejected': 'Ditolak',
  'batch.courses': 'Mata diklat',
  'batch.noCourses': 'Angkatan ini belum memiliki mata diklat.',
  'batch.mode': 'Bentuk',
  'batch.location': 'Lokasi',
  'batch.dates': 'Tanggal',
  'batch.totalJp': 'Total JP',
  'batch.mode.klasikal': 'Klasikal (tatap muka)',
  'batch.mode.non-klasikal': 'Non-klasikal (daring)',
  'batch.mode.blended': 'Blended (campuran)',
  'batch.locked': 'Mata diklat dapat dibuka setelah Anda terdaftar di angkatan ini.',
  'batch.notStarted': 'Belum dimulai',
  'course.progress': '{done} dari {total} materi wajib selesai',
  'course.completed': 'Selamat! Anda telah menyelesaikan semua materi wajib mata diklat ini.',
  'course.required': 'Wajib',
  'course.optional': 'Pilihan',
  'course.done': 'Selesai',
  'course.notDone': 'Belum selesai',
  'course.empty': 'Belum ada materi yang dapat dibuka.',
  'course.continue': 'Lanjutkan belajar',
  'course.start': 'Mulai belajar',
  'course.sections': 'Daftar materi',
  'course.timeSpent': 'Waktu belajar: {time}',
  'kind.video': 'Video',
  'kind.audio': 'Audio',
  'kind.pdf': 'PDF',
  'kind.presentation': 'Presentasi',
  'kind.document': 'Dokumen',
  'kind.image': 'Gambar',
  'kind.text': 'Bacaan',
  'kind.link': 'Tautan',
  'kind.quiz': 'Kuis',
  'item.back': 'Kembali ke {course}',
  'item.prev': 'Sebelumnya: {title}',
  'item.next': 'Berikutnya: {title}',
  'item.markDone': 'Tandai selesai',
  'item.done': 'Materi ini sudah selesai.',
  'item.saving': 'Menyimpan kemajuan…',
  'item.saveFailed': 'Kemajuan belum tersimpan. Periksa koneksi; akan dicoba lagi.',
  'item.openPdf': 'Buka PDF di tab baru',
  'item.pdfFrame': 'Dokumen: {title}',
  'item.pages': '{n} halaman',
  'item.download': 'Unduh berkas asli ({size})',
  'item.openLink': 'Buka tautan',
  'item.linkNote': 'Tautan dibuka di tab baru.',
  'item.resumeAt': 'Melanjutkan dari menit {time}.',
  'item.noPlayer': 'Peramban ini tidak dapat memutar video. Gunakan Chrome, Firefox, atau Edge versi terbaru.',
  'item.mediaError': 'Video tidak dapat diputar. Periksa koneksi, lalu coba lagi.',
  'item.videoLabel': 'Video: {title}',
  'item.audioLabel': 'Audio: {title}',
  'item.autoComplete': 'Materi ini selesai setelah diputar sampai akhir.',
  'item.expires': 'Tautan berlaku sampai {time}.',
  'item.unsupported': 'Jenis materi ini belum dapat dibuka di aplikasi web. Hubungi penyelenggara.',
  'jp.title': 'JP saya',
  'jp.year': 'Tahun',
  'jp.summary': '{total} dari {duty} JP',
  'jp.remaining': 'Kurang {n} JP untuk memenuhi kewajiban {duty} JP tahun {year}.',
  'jp.met': 'Kewajiban {duty} JP tahun {year} sudah terpenuhi.',
  'jp.empty': 'Belum ada JP yang tercatat pada tahun ini.',
  'jp.caption': 'Angkatan yang diselesaikan pada tahun {year}',
  'jp.colBatch': 'Angkatan',
  'jp.colJp': 'JP',
  'jp.colDate': 'Selesai',
  'certs.title': 'Sertifikat saya',
  'certs.empty': 'Belum ada sertifikat. Sertifikat diterbitkan penyelenggara setelah Anda lulus.',
  'certs.download': 'Unduh PDF',
  'certs.downloadLabel': 'Unduh PDF sertifikat {number}',
  'certs.verify': 'Halaman verifikasi',
  'certs.valid': 'Sah',
  'certs.revoked': 'Dicabut',
  'certs.issued': 'Diterbitkan {date}',
  'certs.more': 'Tampilkan lebih banyak',
  'search.title': 'Cari materi',
  'search.label': 'Kata kunci',
  'search.submit': 'Cari',
  'search.results': '{total} hasil untuk "{q}"',
  'search.none': 'Tidak ada hasil untuk "{q}".',
  'search.tooShort': 'Masukkan minimal 2 karakter.',
  'search.inCourse': 'Mata diklat: {course}',
  'search.more': 'Hasil berikutnya',
  'search.hint': 'Cari judul, isi bacaan, atau teks dalam berkas PDF dan dokumen.',
} as const;

export type MessageKey = keyof typeof id;
type Catalog = Record<MessageKey, string>;

const en: Catalog = {
  'app.name': 'LMS Diklat',
  'app.tagline': 'A learning platform for government training centres and agencies',
  'lang.switch': 'ID',
  'lang.switchLabel': 'Switch language to Bahasa Indonesia',
  'nav.skip': 'Skip to main content',
  'nav.main': 'Main navigation',
  'nav.batches': 'My batches',
  'nav.jp': 'My JP',
  'nav.certificates': 'Certificates',
  'nav.search': 'Search',
  'nav.logout': 'Sign out',
  'nav.login': 'Sign in',
  'nav.catalog': 'All institutions',
  'nav.verify': 'Verify a certificate',
  'nav.home': '{name} home',
  'nav.user': 'Account: {name}',
  'common.loading': 'Loading…',
  'common.wib': 'WIB',
  'common.jp': '{n} JP',
  'common.minutes': '{n} min',
  'common.percent': '{n}%',
  'common.dateRange': '{start} – {end}',
  'common.progressLabel': 'Progress: {n}%',
  'action.retry': 'Try again',
  'action.back': 'Back',
  'error.title': 'Something went wrong',
  'error.network': 'Cannot reach the service. Check your internet connection, then try again.',
  'error.http': 'The service returned an error (HTTP {status}).',
  'error.invalid': 'The service response could not be read.',
  'error.sessionEnded': 'Your session has ended. Please sign in again.',
  'error.tenantNotFound': 'Institution "{tenant}" was not found.',
  'notFound.title': 'Page not found',
  'notFound.text': 'The address you opened does not exist or has moved.',
  'notFound.home': 'Go to the home page',
  'footer.text': 'LMS Diklat · Times shown in WIB (Jakarta)',
  'catalog.title': 'Choose a training institution',
  'catalog.intro': 'Sign in to the institution where you take your training. One account works for every institution.',
  'catalog.empty': 'No institutions yet.',
  'catalog.enter': 'Sign in',
  'catalog.enterLabel': 'Sign in to {name}',
  'catalog.more': 'Show more',
  'catalog.contact': 'Contact',
  'login.title': 'Sign in',
  'login.subtitle': '{name}',
  'login.username': 'NIK or NIP',
  'login.usernameHint': 'Participants: 16-digit NIK. Staff: 18-digit NIP.',
  'login.password': 'Password',
  'login.showPassword': 'Show password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.forgot': 'Forgot your password?',
  'login.required': 'Required.',
  'login.suspended': 'This institution is suspended. Contact the organiser.',
  'challenge.title': 'Create a new password',
  'challenge.intro': 'This is your first sign-in. Create your own password to continue.',
  'challenge.new': 'New password',
  'challenge.confirm': 'Repeat the new password',
  'challenge.rules': 'At least 8 characters, with an upper-case letter, a lower-case letter and a digit.',
  'challenge.weak': 'The password does not meet the rules: at least 8 characters, with an upper-case letter, a lower-case letter and a digit.',
  'challenge.mismatch': 'The two passwords differ.',
  'challenge.submit': 'Save and sign in',
  'membership.none': 'Your account is not registered at {name}. Contact the organiser.',
  'membership.pending': 'Your registration at {name} is awaiting approval.',
  'membership.rejected': 'Your registration at {name} was rejected.',
  'membership.suspended': 'Your account at {name} is suspended.',
  'membership.banned': 'Your account at {name} is blocked.',
  'membership.reason': 'Reason: {reason}',
  'membership.other': 'Your other institutions:',
  'forgot.title': 'Forgot password',
  'forgot.intro': 'Enter your NIK or NIP. If your account has an email address, we send it a code to set a new password.',
  'forgot.send': 'Send the code',
  'forgot.haveCode': 'I already have a code',
  'forgot.code': 'Code from the email',
  'forgot.reset': 'Save the new password',
  'forgot.done': 'Your password is changed. Sign in with the new password.',
  'forgot.back': 'Back to sign-in',
  'verify.title': 'Certificate verification',
  'verify.intro': 'Check that a certificate is genuine by its number (printed on the certificate and in its QR code).',
  'verify.number': 'Certificate number',
  'verify.numberHint': 'For example: BDTBT-2026-000123',
  'verify.check': 'Check',
  'verify.valid': 'This certificate is VALID and registered.',
  'verify.revoked': 'This certificate has been REVOKED and is no longer valid.',
  'verify.notFound': 'Certificate number {number} is not registered.',
  'verify.holder': 'Holder',
  'verify.training': 'Training',
  'verify.batch': 'Batch',
  'verify.jp': 'Lesson hours (JP)',
  'verify.dates': 'Training dates',
  'verify.issuedAt': 'Issued',
  'verify.revokedAt': 'Revoked',
  'verify.tenant': 'Issuer',
  'batches.title': 'My batches',
  'batches.current': 'In progress',
  'batches.finished': 'Finished',
  'batches.other': 'Other registrations',
  'batches.empty': 'You are not enrolled in any batch yet.',
  'batches.noneCurrent': 'No batch in progress.',
  'batches.completed': 'Passed · {jp} JP',
  'batches.certificate': 'Certificate {number}',
  'batches.reason': 'Reason: {reason}',
  'batches.staffNote': 'Management pages for admins and instructors are on their way.',
  'batches.jpCard': 'JP in {year}: {total} of {duty}',
  'enrollment.enrolled': 'Enrolled',
  'enrollment.pending': 'Awaiting approval',
  'enrollment.reserve': 'Reserve list',
  'enrollment.withdrawn': 'Withdrawn',
  'enrollment.rejected': 'Rejected',
  'batch.courses': 'Courses',
  'batch.noCourses': 'This batch has no courses yet.',
  'batch.mode': 'Delivery',
  'batch.location': 'Location',
  'batch.dates': 'Dates',
  'batch.totalJp': 'Total JP',
  'batch.mode.klasikal': 'Classroom',
  'batch.mode.non-klasikal': 'Online',
  'batch.mode.blended': 'Blended',
  'batch.locked': 'Courses open once you are enrolled in this batch.',
  'batch.notStarted': 'Not started',
  'course.progress': '{done} of {total} required items done',
  'course.completed': 'Congratulations! You have completed every required item of this course.',
  'course.required': 'Required',
  'course.optional': 'Optional',
  'course.done': 'Done',
  'course.notDone': 'Not done',
  'course.empty': 'No items to open yet.',
  'course.continue': 'Continue learning',
  'course.start': 'Start learning',
  'course.sections': 'Contents',
  'course.timeSpent': 'Time spent: {time}',
  'kind.video': 'Video',
  'kind.audio': 'Audio',
  'kind.pdf': 'PDF',
  'kind.presentation': 'Presentation',
  'kind.document': 'Document',
  'kind.image': 'Image',
  'kind.text': 'Reading',
  'kind.link': 'Link',
  'kind.quiz': 'Quiz',
  'item.back': 'Back to {course}',
  'item.prev': 'Previous: {title}',
  'item.next': 'Next: {title}',
  'item.markDone': 'Mark as done',
  'item.done': 'This item is done.',
  'item.saving': 'Saving progress…',
  'item.saveFailed': 'Progress not saved yet. Check your connection; it will be retried.',
  'item.openPdf': 'Open the PDF in a new tab',
  'item.pdfFrame': 'Document: {title}',
  'item.pages': '{n} pages',
  'item.download': 'Download the original file ({size})',
  'item.openLink': 'Open the link',
  'item.linkNote': 'The link opens in a new tab.',
  'item.resumeAt': 'Resuming at minute {time}.',
  'item.noPlayer': 'This browser cannot play the video. Use a recent Chrome, Firefox or Edge.',
  'item.mediaError': 'The video cannot be played. Check your connection, then try again.',
  'item.videoLabel': 'Video: {title}',
  'item.audioLabel': 'Audio: {title}',
  'item.autoComplete': 'This item is done once played to the end.',
  'item.expires': 'Links valid until {time}.',
  'item.unsupported': 'This kind of item cannot be opened in the web app yet. Contact the organiser.',
  'jp.title': 'My JP',
  'jp.year': 'Year',
  'jp.summary': '{total} of {duty} JP',
  'jp.remaining': '{n} JP still needed to meet the {duty} JP duty of {year}.',
  'jp.met': 'The {duty} JP duty of {year} is met.',
  'jp.empty': 'No JP recorded in this year yet.',
  'jp.caption': 'Batches completed in {year}',
  'jp.colBatch': 'Batch',
  'jp.colJp': 'JP',
  'jp.colDate': 'Completed',
  'certs.title': 'My certificates',
  'certs.empty': 'No certificates yet. The organiser issues certificates once you pass.',
  'certs.download': 'Download PDF',
  'certs.downloadLabel': 'Download PDF of certificate {number}',
  'certs.verify': 'Verification page',
  'certs.valid': 'Valid',
  'certs.revoked': 'Revoked',
  'certs.issued': 'Issued {date}',
  'certs.more': 'Show more',
  'search.title': 'Search materials',
  'search.label': 'Keywords',
  'search.submit': 'Search',
  'search.results': '{total} results for "{q}"',
  'search.none': 'No results for "{q}".',
  'search.tooShort': 'Enter at least 2 characters.',
  'search.inCourse': 'Course: {course}',
  'search.more': 'Next results',
  'search.hint': 'Search titles, readings, and the text inside PDF files and documents.',
};

export const languages = ['id', 'en'] as const;
export type Lang = (typeof languages)[number];

const catalogs: Record<Lang, Catalog> = { id, en };
const storageKey = 'lms.lang';

function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(storageKey);
    return isLang(v) ? v : 'id';
  } catch {
    return 'id'; // storage may be unavailable (privacy mode)
  }
}

let current: Lang = storedLang();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // ignore: the choice just won't persist
  }
}

/** Translate key, replacing {name} placeholders with params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[current][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A key built at run time (enum values), checked against the catalogue. */
export function tk(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in id ? t(key as MessageKey) : value;
}

// ------------------------------------------------------------ formatting

const tz = 'Asia/Jakarta';
const locale = () => (current === 'id' ? 'id-ID' : 'en-GB');

/** A calendar date (YYYY-MM-DD, no time zone), e.g. 1 Desember 2026. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An instant (RFC 3339) as a date in WIB. */
export function formatDay(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: tz }).format(d);
}

/** An instant (RFC 3339) as date and time in WIB, e.g. 23 Nov 2026 13.45 WIB. */
export function formatDateTime(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const s = new Intl.DateTimeFormat(locale(), {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: tz,
  }).format(d);
  return `${s} ${t('common.wib')}`;
}

/** Seconds as h:mm:ss or m:ss. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A duration in seconds for people: 1 j 5 m / 1 h 5 min. */
export function formatDuration(seconds: number): string {
  const m = Math.round(seconds / 60);
  if (m < 60) return t('common.minutes', { n: m });
  const h = Math.floor(m / 60);
  return current === 'id' ? `${h} jam ${m % 60} menit` : `${h} h ${m % 60} min`;
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}
