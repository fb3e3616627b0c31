// NIK (Nomor Induk Kependudukan) checks for live feedback while a
// participant types, mirroring shared/idnumber (ParseNIK) rule for rule and
// code for code. The server stays the judge: this only saves a round trip
// and explains a typing mistake before the form is sent. The end-to-end
// test compares these codes with the Go parser's on a table of numbers.

export type NikCode =
  | 'idnumber_empty'
  | 'idnumber_not_digits'
  | 'nik_length'
  | 'nik_province_invalid'
  | 'nik_regency_invalid'
  | 'nik_district_invalid'
  | 'nik_birthdate_invalid'
  | 'nik_birthdate_future'
  | 'nik_sequence_invalid';

export interface NikCheck {
  /** The digits typed so far (separators removed). */
  digits: string;
  /** The first rule the input breaks; '' when none is broken (yet). */
  code: NikCode | '';
  /** All 16 digits typed and valid. */
  valid: boolean;
  /** Encoded birth date (YYYY-MM-DD) once the first 12 digits are valid. */
  birthDate?: string;
}

export interface Day {
  y: number;
  m: number;
  d: number;
}

// The two-digit province codes in use (shared/idnumber provinces).
const provinceRanges: [number, number][] = [
  [11, 19],
  [21, 21],
  [31, 36],
  [51, 53],
  [61, 65],
  [71, 76],
  [81, 82],
  [91, 96],
];
const knownProvince = (c: number) => provinceRanges.some(([a, b]) => c >= a && c <= b);

function daysIn(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

// Go's unicode.IsSpace: JavaScript's \s plus NEL (U+0085), without the BOM.
const isSpace = (ch: string) => ch === '\u0085' || (ch !== '\ufeff' && /\s/u.test(ch));

const after = (a: Day, b: Day) => (a.y !== b.y ? a.y > b.y : a.m !== b.m ? a.m > b.m : a.d > b.d);

/** Today's date in Western Indonesian Time, the day the server checks against. */
export function todayJakarta(now = new Date()): Day {
  const s = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
}

/**
 * Check what has been typed. Rules are applied as soon as the digits they
 * read are there (the province after two digits, the birth date after
 * twelve), so a mistake shows while typing; the length only fails past 16
 * digits, or when complete is set (the field was left).
 */
export function checkNIK(input: string, today: Day, complete = false): NikCheck {
  const s = input.trim();
  let digits = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch === '.' || ch === '-' || isSpace(ch)) continue;
    else return { digits, code: 'idnumber_not_digits', valid: false };
  }
  const fail = (code: NikCode): NikCheck => ({ digits, code, valid: false });
  if (digits === '') return complete ? fail('idnumber_empty') : { digits, code: '', valid: false };
  // A whole number is judged in the server's order: the length first.
  if (digits.length > 16 || (complete && digits.length !== 16)) return fail('nik_length');
  const n = (a: number, b: number) => Number(digits.slice(a, b));
  if (digits.length >= 2 && !knownProvince(n(0, 2))) return fail('nik_province_invalid');
  if (digits.length >= 4 && n(2, 4) === 0) return fail('nik_regency_invalid');
  if (digits.length >= 6 && n(4, 6) === 0) return fail('nik_district_invalid');
  let birthDate: string | undefined;
  if (digits.length >= 12) {
    let day = n(6, 8);
    const month = n(8, 10);
    const yy = n(10, 12);
    if (day > 40) day -= 40; // women: 40 is added to the day
    if (day < 1 || day > 31 || month < 1 || month > 12) return fail('nik_birthdate_invalid');
    // 20YY unless that is after today, then 19YY.
    let year = 2000 + yy;
    if (after({ y: year, m: month, d: day }, today)) year = 1900 + yy;
    if (day > daysIn(year, month)) return fail('nik_birthdate_invalid');
    if (after({ y: year, m: month, d: day }, today)) return fail('nik_birthdate_future');
    birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  } else if (digits.length >= 8) {
    const day = n(6, 8) > 40 ? n(6, 8) - 40 : n(6, 8);
    if (day < 1 || day > 31) return fail('nik_birthdate_invalid');
    if (digits.length >= 10 && (n(8, 10) < 1 || n(8, 10) > 12)) return fail('nik_birthdate_invalid');
  }
  if (digits.length < 16) return { digits, code: '', valid: false, ...(birthDate ? { birthDate } : {}) };
  if (digits.slice(12, 16) === '0000') return fail('nik_sequence_invalid');
  return { digits, code: '', valid: true, ...(birthDate ? { birthDate } : {}) };
}
