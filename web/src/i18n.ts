// Message catalog. Bahasa Indonesia is the default language; English second.
// Rendering code must take every user-facing string from here through t().

const id = {
  'app.name': 'LMS Diklat',
  'app.intro': 'Platform pembelajaran untuk balai diklat dan instansi pemerintah',
  'lang.switch': 'EN',
  'lang.switchLabel': 'EN: ganti bahasa ke English',
  'status.title': 'Status layanan',
  'status.loading': 'Memuat…',
  'status.ok': 'Semua layanan berjalan normal.',
  'status.degraded': 'Layanan melaporkan status: {status}',
  'status.platform': 'Versi platform {version} ({commit})',
  'status.caption': 'Versi setiap fungsi layanan',
  'status.colFunction': 'Fungsi',
  'status.colVersion': 'Versi',
  'status.noFunctions': 'Tidak ada fungsi yang dilaporkan.',
  'error.network': 'Tidak dapat terhubung ke layanan. Periksa koneksi internet Anda.',
  'error.http': 'Layanan mengembalikan galat (HTTP {status}).',
  'error.invalid': 'Jawaban layanan tidak dapat dibaca.',
  'action.retry': 'Coba lagi',
} as const;

export type MessageKey = keyof typeof id;
type Catalog = Record<MessageKey, string>;

const en: Catalog = {
  'app.name': 'LMS Diklat',
  'app.intro': 'A learning platform for government training centres and agencies',
  'lang.switch': 'ID',
  'lang.switchLabel': 'ID: switch language to Bahasa Indonesia',
  'status.title': 'Service status',
  'status.loading': 'Loading…',
  'status.ok': 'All services are running normally.',
  'status.degraded': 'The service reports status: {status}',
  'status.platform': 'Platform version {version} ({commit})',
  'status.caption': 'Version of each service function',
  'status.colFunction': 'Function',
  'status.colVersion': 'Version',
  'status.noFunctions': 'No functions reported.',
  'error.network': 'Cannot reach the service. Check your internet connection.',
  'error.http': 'The service returned an error (HTTP {status}).',
  'error.invalid': 'The service response could not be read.',
  'action.retry': 'Try again',
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
  return catalogs[current][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}
