// Small pieces the competency pages share: the per-row problems of an HR
// file or participant list, a year picker, and the numbers formatted for
// the caller's language.

import { getLang } from '../i18n';
import type { Problem } from './competency-api';
import { ct, ctk } from './competency-i18n';

const locale = () => (getLang() === 'id' ? 'id-ID' : 'en-GB');

/** A ratio 0..1 as a percentage with at most one decimal (45,5%). */
export function pct(ratio: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A number with at most `digits` decimals in the caller's language. */
export function num(n: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

/** A month's name (1-12) in the caller's language. */
export function monthName(month: number, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale(), { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 15)));
}

export function ProblemsTable({ problems }: { problems: Problem[] | null }) {
  if (!problems?.length) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{ct('import.problems', { n: problems.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{ct('import.row')}</th>
            <th scope="col">{ct('import.column')}</th>
            <th scope="col">{ct('import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr>
              <td>{p.row}</td>
              <td>{p.field ? ctk('column', p.field) : ct('import.wholeRow')}</td>
              <td>
                {p.message} <span class="mono small muted">{p.code}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function YearSelect({ id, year, years, onChange }: { id: string; year: number; years: number[]; onChange: (y: number) => void }) {
  return (
    <div class="field field-inline">
      <label for={id}>{ct('common.year')}</label>
      <select id={id} value={String(year)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {years.map((y) => (
          <option value={String(y)}>{y}</option>
        ))}
      </select>
    </div>
  );
}
