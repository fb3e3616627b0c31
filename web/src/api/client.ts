// The API client: openapi-fetch typed by the types generated from
// docs/openapi.yaml (npm run gen:api), with one fetch wrapper that adds the
// language and the access token, refreshes the token before it expires (or
// once after a 401), and retries idempotent requests on network errors.

import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { getLang } from '../i18n';
import { getSession, sessionFromTokens, setSession, type Session, type TokenAnswer } from '../session';

export type Schemas = components['schemas'];

/** A failed call: the error shape {"error":{"code","message","details"}} or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'invalid',
    readonly status: number,
    readonly code: string,
    /** The server's message, already in the caller's language; empty when it sent none. */
    readonly serverMessage: string,
    readonly details?: unknown,
  ) {
    super(code || kind);
    this.name = 'ApiError';
  }

  /** Field errors of a validation_failed answer, by field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as unknown[]) {
        const f = d as { field?: unknown; message?: unknown };
        if (typeof f.field === 'string' && typeof f.message === 'string') out[f.field] = f.message;
      }
    }
    return out;
  }
}

let apiBase = '/api';

export function getApiBase(): string {
  return apiBase;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- refresh

let refreshing: Promise<Session | null> | null = null;

/** Trade the refresh token for new tokens; null when the session has ended. */
export function refreshSession(): Promise<Session | null> {
  const s = getSession();
  if (!s || !s.refreshToken) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${apiBase}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': getLang() },
        body: JSON.stringify({ refreshToken: s.refreshToken }),
      });
      if (res.status === 200) {
        const next = sessionFromTokens((await res.json()) as TokenAnswer, s.refreshToken);
        setSession(next);
        return next;
      }
      if (res.status === 401 || res.status === 400) {
        setSession(null); // session_ended: sign in again
        return null;
      }
      return s; // throttled or a server error: keep the session, let the call fail
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ------------------------------------------------------------ the fetch

const publicAuth = /\/auth\/(login|challenge|refresh|logout|password\/(forgot|reset))$/;

async function send(request: Request, token: string | undefined): Promise<Response> {
  const req = new Request(request);
  req.headers.set('Accept-Language', getLang());
  if (token) req.headers.set('Authorization', `Bearer ${token}`);
  const idempotent = req.method === 'GET' || req.method === 'HEAD' || req.method === 'PUT';
  const waits = idempotent ? [400, 1500] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(attempt === 0 ? req : req.clone());
    } catch (e) {
      const wait = waits[attempt];
      if (wait === undefined) throw e;
      await sleep(wait);
    }
  }
}

/** fetch with language, token, refresh and retries (openapi-fetch's fetch option). */
export async function apiFetch(request: Request): Promise<Response> {
  const anonymous = publicAuth.test(new URL(request.url).pathname);
  let session = anonymous ? null : getSession();
  if (session && session.expiresAt - Date.now() < 60_000) {
    session = (await refreshSession().catch(() => session)) ?? null;
  }
  const copy = session ? request.clone() : null;
  const res = await send(request, session?.accessToken);
  if (res.status === 401 && session && copy) {
    const fresh = await refreshSession().catch(() => null);
    if (fresh && fresh.accessToken !== session.accessToken) return send(copy, fresh.accessToken);
  }
  return res;
}

function newClient(base: string) {
  return createClient<paths>({ baseUrl: base, fetch: apiFetch });
}

/** The typed client (replaced once /config.json names another API base). */
export let api = newClient(apiBase);

export function setApiBase(base: string): void {
  apiBase = base;
  api = newClient(base);
}

// ----------------------------------------------------------- unwrapping

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call: its data, or an ApiError. */
export async function call<R extends FetchResult>(p: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  let r: R;
  try {
    r = await p;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('network', 0, '', '');
  }
  if (r.response.ok) return r.data as Exclude<R['data'], undefined>;
  throw toApiError(r.response.status, r.error);
}

export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError('http', status, err.code, typeof err.message === 'string' ? err.message : '', err.details);
  }
  const gw = (body as { message?: unknown } | undefined)?.message; // API Gateway's own refusals
  return new ApiError('http', status, '', typeof gw === 'string' ? gw : '');
}
