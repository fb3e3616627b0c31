// Tenant-branded sign-in with NIK/NIP and password (POST /auth/login), and
// the first sign-in's own-password step (POST /auth/challenge).

import { useRef, useState } from 'preact/hooks';
import { api, ApiError, call } from '../api/client';
import { useApp } from '../app';
import { t } from '../i18n';
import { navigate, tenantPath } from '../router';
import { sessionFromTokens, setSession } from '../session';
import { Field, describedBy, errorMessage, PageTitle, Notice } from '../ui';

export const passwordOK = (p: string) => p.length >= 8 && /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p);

interface Challenge {
  session: string;
  username: string;
}

export function LoginPage() {
  const app = useApp();
  const { tenantId, tenant } = app;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const next = app.location.query.get('next');
  const done = () => navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : tenantPath(tenantId), { replace: true });

  const fail = (e: unknown) => {
    const f = e instanceof ApiError ? e.fieldErrors() : {};
    setFields(f);
    setError(Object.keys(f).length ? '' : errorMessage(e));
    setTimeout(() => alertRef.current?.focus(), 0);
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t('login.required');
    if (!password) missing.password = t('login.required');
    setFields(missing);
    setError('');
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const res = await call(api.POST('/auth/login', { body: { username: username.trim(), password } }));
      if ('challenge' in res) {
        setChallenge({ session: res.session, username: res.username });
        setPassword('');
      } else {
        setSession(sessionFromTokens(res));
        done();
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  if (challenge) return <ChallengeForm challenge={challenge} onDone={done} onExpired={() => setChallenge(null)} />;

  return (
    <div class="auth-page">
      <PageTitle sub={tenant?.name}>{t('login.title')}</PageTitle>
      {tenant?.status === 'suspended' ? <Notice kind="warn">{t('login.suspended')}</Notice> : null}
      <form class="card form" onSubmit={submit} noValidate>
        <div ref={alertRef} tabIndex={-1} role="alert" class={error ? 'form-error' : 'sr-only'}>
          {error}
        </div>
        <Field id="username" label={t('login.username')} hint={t('login.usernameHint')} error={fields.username}>
          <input
            id="username"
            name="username"
            inputMode="numeric"
            autoComplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            aria-invalid={fields.username ? 'true' : undefined}
            aria-describedby={describedBy('username', true, fields.username)}
            required
          />
        </Field>
        <Field id="password" label={t('login.password')} error={fields.password}>
          <input
            id="password"
            name="password"
            type={(show ? 'text' : 'password') as 'password'}
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={fields.password ? 'true' : undefined}
            aria-describedby={describedBy('password', false, fields.password)}
            required
          />
        </Field>
        <div class="check">
          <input id="show-password" type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />
          <label for="show-password">{t('login.showPassword')}</label>
        </div>
        <button type="submit" class="btn btn-block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p class="form-links">
          <a href={tenantPath(tenantId, 'lupa-sandi')}>{t('login.forgot')}</a>
        </p>
        <p class="form-links">
          {t('register.noAccount')} <a href={tenantPath(tenantId, 'daftar')}>{t('register.link')}</a>
        </p>
      </form>
    </div>
  );
}

function ChallengeForm({ challenge, onDone, onExpired }: { challenge: Challenge; onDone: () => void; onExpired: () => void }) {
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const alertRef = useRef<HTMLDivElement>(null);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const f: Record<string, string> = {};
    if (!passwordOK(pw)) f.newPassword = t('challenge.weak');
    else if (pw !== pw2) f.confirm = t('challenge.mismatch');
    setFields(f);
    setError('');
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      const res = await call(api.POST('/auth/challenge', { body: { username: challenge.username, session: challenge.session, newPassword: pw } }));
      setSession(sessionFromTokens(res));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'challenge_expired') {
        onExpired();
        return;
      }
      const fe = e instanceof ApiError ? e.fieldErrors() : {};
      setFields(fe);
      setError(Object.keys(fe).length ? '' : errorMessage(e));
      setTimeout(() => alertRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="auth-page">
      <PageTitle sub={t('challenge.intro')}>{t('challenge.title')}</PageTitle>
      <form class="card form" onSubmit={submit} noValidate>
        <div ref={alertRef} tabIndex={-1} role="alert" class={error ? 'form-error' : 'sr-only'}>
          {error}
        </div>
        <input type="text" name="username" autoComplete="username" value={challenge.username} hidden readOnly />
        <Field id="new-password" label={t('challenge.new')} hint={t('challenge.rules')} error={fields.newPassword}>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={pw}
            onInput={(e) => setPw(e.currentTarget.value)}
            aria-invalid={fields.newPassword ? 'true' : undefined}
            aria-describedby={describedBy('new-password', true, fields.newPassword)}
            required
          />
        </Field>
        <Field id="confirm-password" label={t('challenge.confirm')} error={fields.confirm}>
          <input
            id="confirm-password"
            type="password"
            autoComplete="new-password"
            value={pw2}
            onInput={(e) => setPw2(e.currentTarget.value)}
            aria-invalid={fields.confirm ? 'true' : undefined}
            aria-describedby={describedBy('confirm-password', false, fields.confirm)}
            required
          />
        </Field>
        <button type="submit" class="btn btn-block" disabled={busy}>
          {busy ? t('login.submitting') : t('challenge.submit')}
        </button>
      </form>
    </div>
  );
}
