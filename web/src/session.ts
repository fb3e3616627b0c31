// The signed-in session: Cognito tokens kept in localStorage so a learner
// stays signed in across visits, refreshed before the access token expires
// (single flight), ended by logout or when the refresh token is refused.

export interface Session {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

const storageKey = 'lms.session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' && typeof s.expiresAt === 'number') {
      return { accessToken: s.accessToken, idToken: s.idToken ?? '', refreshToken: s.refreshToken, expiresAt: s.expiresAt };
    }
  } catch {
    // unreadable: treat as signed out
  }
  return null;
}

let current: Session | null = load();

export function getSession(): Session | null {
  return current;
}

export function setSession(s: Session | null): void {
  current = s;
  try {
    if (s) localStorage.setItem(storageKey, JSON.stringify(s));
    else localStorage.removeItem(storageKey);
  } catch {
    // storage unavailable: the session lasts for this page only
  }
  for (const l of listeners) l(s);
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tokens as the API answers them (POST /auth/login, /auth/challenge, /auth/refresh). */
export interface TokenAnswer {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
}

/** The exp claim (epoch ms) of a JWT, or null. */
function jwtExpiry(token: string): number | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function sessionFromTokens(t: TokenAnswer, refreshToken?: string): Session {
  // The token's own exp claim is authoritative (expiresIn may be missing or
  // 0 from some user directories); expiresIn, then one hour, are fallbacks.
  const expiresAt = jwtExpiry(t.accessToken) ?? (t.expiresIn > 0 ? Date.now() + t.expiresIn * 1000 : Date.now() + 3600_000);
  return {
    accessToken: t.accessToken,
    idToken: t.idToken,
    refreshToken: t.refreshToken ?? refreshToken ?? '',
    expiresAt,
  };
}

// Another tab signed in or out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== storageKey) return;
    current = load();
    for (const l of listeners) l(current);
  });
}
