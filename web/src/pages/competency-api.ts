// Calls and types of the competency function (shared/competencyapi): the
// roster (units, employees, HR import jobs), claims (PSPKM external claims
// and PSPKU unit trainings) with their verification, the training calendar
// and the leadership dashboard. The types are the generated schema's
// (docs/openapi.yaml); JSON calls go through the typed client, files
// (CSV/XLSX bodies, exports) through apiFetch, so every request gets the
// language, the token with its refresh, and retries of idempotent requests
// on network errors like the rest of the app.

import { api, ApiError, apiFetch, call, getApiBase, toApiError, type Schemas } from '../api/client';

export type Duty = Schemas['Duty'];
export type ClaimKind = Schemas['ClaimKind'];
export type ClaimStatus = Schemas['ClaimStatus'];
export type DocumentKind = Schemas['ClaimDocumentKind'];
export type Area = Schemas['ClaimArea'];
export type Mode = Schemas['ClaimMode'];
export type PlanStatus = Schemas['PlanStatus'];
export type Unit = Schemas['Unit'];
export type Employee = Schemas['Employee'];
export type Claim = Schemas['Claim'];
/** A claim as GET/POST/PATCH .../claims/{id} answer it: proposed JP and document links. */
export type ClaimView = Schemas['ClaimView'];
export type Problem = Schemas['HRImportProblem'];
export type ParticipantsReport = Schemas['ParticipantsReport'];
export type HRImportReport = Schemas['HRImportReport'];
export type HRImportJob = Schemas['HRImportJob'];
export type Plan = Schemas['Plan'];
export type Dashboard = Schemas['Dashboard'];
export type MonthlyReport = Schemas['DashboardReport'];

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const duties: Duty[] = ['verifier', 'coordinator', 'leader'];
export const areas: Area[] = ['manajerial', 'teknis', 'sosial_kultural', 'pemerintahan'];
export const modes: Mode[] = ['klasikal', 'nonklasikal', 'blended'];
export const planStatuses: PlanStatus[] = ['planned', 'open', 'held', 'cancelled'];
/** The documents each kind of claim must carry (shared/claim.Required). */
export const requiredDocs: Record<ClaimKind, DocumentKind[]> = {
  external: ['assignment_letter', 'certificate', 'curriculum'],
  unit: ['assignment_letter', 'curriculum'],
};
/** The yearly duty of every civil servant. */
export const DUTY_JP = 20;

/** JP from hours as shared/jp.FromHours counts them: whole minutes, then whole 45-minute JP (rounded down). */
export function jpFromHours(hours: number): number {
  if (!(hours > 0) || !Number.isFinite(hours)) return 0;
  return Math.floor(Math.round(hours * 60) / 45);
}

/** The JP a claim's figures give (Claim.ProposedJP). */
export function proposedJP(c: Pick<Claim, 'statedJp' | 'hours'>): number {
  return c.statedJp && c.statedJp > 0 ? c.statedJp : jpFromHours(c.hours ?? 0);
}

export const tenantBase = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`;

/** The tenant's work units (a few hundred at most). */
export function listUnits(tenantId: string): Promise<Unit[]> {
  return call(api.GET('/tenants/{tenantId}/units', { params: { path: { tenantId } } })).then((r) => r.items);
}

/** Query string from the defined, non-empty values. */
export function query(q: Record<string, string | number | boolean | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function send(method: string, path: string, body?: BodyInit, type?: string): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = body;
    init.headers = { 'Content-Type': type ?? 'application/json' };
  }
  try {
    return await apiFetch(new Request(getApiBase() + path, init));
  } catch {
    throw new ApiError('network', 0, '', '');
  }
}

async function answer<T>(res: Response): Promise<T> {
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res.status, data);
  if (res.status !== 204 && data === undefined) throw new ApiError('invalid', res.status, '', '');
  return data as T;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Send a CSV or XLSX file as the request body (HR import, participant list). */
export async function sendSheet<T>(method: 'POST' | 'PUT', path: string, file: File): Promise<{ status: number; data: T }> {
  const res = await send(method, path, file, file.name.toLowerCase().endsWith('.xlsx') ? xlsxType : 'text/csv');
  return { status: res.status, data: await answer<T>(res) };
}

/** GET an API path with the token and save the answer as a file (a plain link cannot carry the token). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path);
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined));
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The caller's roster record, or null for members who are not employees (404). */
export async function myEmployee(tenantId: string): Promise<Employee | null> {
  try {
    return await call(api.GET('/tenants/{tenantId}/me/employee', { params: { path: { tenantId } } }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
