// Typed client for the platform API.

import { getLang } from './i18n';

export interface BuildInfo {
  version: string;
  commit: string;
  builtAt: string;
  goVersion: string;
}

export interface PlatformHealth {
  status: string;
  build: BuildInfo;
  functions: Record<string, BuildInfo>;
}

/** Why a request failed; message is the server's localized text when it sent one. */
export type ApiFailure =
  | { kind: 'network' }
  | { kind: 'invalid' }
  | { kind: 'http'; status: number; code?: string; message?: string };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind);
    this.name = 'ApiError';
  }
}

async function getJSON(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': getLang() } });
  } catch {
    throw new ApiError({ kind: 'network' });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.status !== 200) {
    const failure: ApiFailure = { kind: 'http', status: res.status };
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (typeof err?.code === 'string') failure.code = err.code;
    if (typeof err?.message === 'string' && err.message !== '') failure.message = err.message;
    throw new ApiError(failure);
  }
  if (body === undefined) throw new ApiError({ kind: 'invalid' });
  return body;
}

function isPlatformHealth(v: unknown): v is PlatformHealth {
  if (!v || typeof v !== 'object') return false;
  const o = v as Partial<PlatformHealth>;
  return typeof o.status === 'string' && !!o.build && typeof o.functions === 'object' && o.functions !== null;
}

export async function fetchHealth(apiBase: string): Promise<PlatformHealth> {
  const body = await getJSON(`${apiBase}/health`);
  if (!isPlatformHealth(body)) throw new ApiError({ kind: 'invalid' });
  return body;
}
