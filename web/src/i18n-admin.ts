// Messages of the registration link, the admin menu and the participant's
// evaluation form (on the batch page). i18n.ts spreads both catalogues into
// its own. The registration page and the admin pages carry the rest of
// their messages in their lazy chunks (pages/register-i18n.ts,
// staff/admin-i18n.ts), so the learner entry stays small.

export const adminId = {
  'nav.users': 'Pengguna',
  'nav.registrations': 'Pendaftaran',
  'nav.branding': 'Lembaga',
  'nav.audit': 'Log audit',

  'register.link': 'Daftar sebagai peserta',
  'register.linkLabel': 'Daftar sebagai peserta di {name}',
  'register.noAccount': 'Belum punya akun?',

  'eval.title': 'Evaluasi pelatihan',
  'eval.intro': 'Bantu kami memperbaiki pelatihan ini. Jawaban Anda dirangkum tanpa nama dan hanya dapat dikirim satu kali.',
  'eval.requiredNote': 'Pertanyaan bertanda "wajib" harus dijawab.',
  'eval.requiredMark': 'wajib',
  'eval.required': 'Pertanyaan ini wajib dijawab.',
  'eval.fix': 'Masih ada pertanyaan wajib yang belum dijawab.',
  'eval.scaleHint': '1 = sangat kurang, 5 = sangat baik',
  'eval.scaleOption': '{n} – {label}',
  'eval.scale1': 'Sangat kurang',
  'eval.scale2': 'Kurang',
  'eval.scale3': 'Cukup',
  'eval.scale4': 'Baik',
  'eval.scale5': 'Sangat baik',
  'eval.submit': 'Kirim evaluasi',
  'eval.sending': 'Mengirim…',
  'eval.thanks': 'Terima kasih, evaluasi Anda sudah terkirim.',
  'evalAdm.link': 'Formulir dan hasil evaluasi',
} as const;

export const adminEn: Record<keyof typeof adminId, string> = {
  'nav.users': 'Users',
  'nav.registrations': 'Registrations',
  'nav.branding': 'Institution',
  'nav.audit': 'Audit log',

  'register.link': 'Register as a participant',
  'register.linkLabel': 'Register as a participant at {name}',
  'register.noAccount': 'No account yet?',

  'eval.title': 'Training evaluation',
  'eval.intro': 'Help us improve this training. Answers are summarised without names and can be sent only once.',
  'eval.requiredNote': 'Questions marked "required" must be answered.',
  'eval.requiredMark': 'required',
  'eval.required': 'This question must be answered.',
  'eval.fix': 'Some required questions are not answered yet.',
  'eval.scaleHint': '1 = very poor, 5 = very good',
  'eval.scaleOption': '{n} – {label}',
  'eval.scale1': 'Very poor',
  'eval.scale2': 'Poor',
  'eval.scale3': 'Fair',
  'eval.scale4': 'Good',
  'eval.scale5': 'Very good',
  'eval.submit': 'Send evaluation',
  'eval.sending': 'Sending…',
  'eval.thanks': 'Thank you, your evaluation has been sent.',
  'evalAdm.link': 'Evaluation form and results',
};
