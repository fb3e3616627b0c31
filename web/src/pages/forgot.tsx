// Forgot password: ask for a code (POST /auth/password/forgot), then set a
// new password with it (POST /auth/password/reset).

import { useRef, useState } from 'preact/hooks';
import { api, ApiError, call } from '../api/client';
import { useApp } from '../app';
import { t } from '../i18n';
import { tenantPath } from '../router';
import { Field, describedBy, errorMessage, Notice, PageTitle } from '../ui';
import { passwordOK } from './login';

export function ForgotPage() {
  const { tenantId, tenant } = useApp();
  const [step, setStep] = useState<'ask' | 'reset' | 'done'>('ask');
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [pw, setPw] = useState('');
  const [sent, setSent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const alertRef = useRef<HTMLDivElement>(null);

  const fail = (e: unknown) => {
    const f = e instanceof ApiError ? e.fieldErrors() : {};
    setFields(f);
    setError(Object.keys(f).length ? '' : errorMessage(e));
    setTimeout(() => alertRef.current?.focus(), 0);
  };

  const ask = async (ev: Event) => {
    ev.preventDefault();
    setError('');
    if (!username.trim()) {
      setFields({ username: t('login.required') });
      return;
    }
    setFields({});
    setBusy(true);
    try {
      const res = await call(api.POST('/auth/password/forgot', { body: { username: username.trim() } }));
      setSent(res.message);
      setStep('reset');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const reset = async (ev: Event) => {
    ev.preventDefault();
    setError('');
    const f: Record<string, string> = {};
    if (!username.trim()) f.username = t('login.required');
    if (!code.trim()) f.code = t('login.required');
    if (!passwordOK(pw)) f.newPassword = t('challenge.weak');
    setFields(f);
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      await call(api.POST('/auth/password/reset', { body: { username: username.trim(), code: code.trim(), newPassword: pw } }));
      setStep('done');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p class="form-links">
      <a href={tenantPath(tenantId, 'masuk')}>{t('forgot.back')}</a>
    </p>
  );

  if (step === 'done') {
    return (
      <div class="auth-page">
        <PageTitle sub={tenant?.name}>{t('forgot.title')}</PageTitle>
        <Notice kind="ok">
          <p role="status">{t('forgot.done')}</p>
        </Notice>
        {back}
      </div>
    );
  }

  const usernameField = (
    <Field id="username" label={t('login.username')} hint={t('login.usernameHint')} error={fields.username}>
      <input
        id="username"
        inputMode="numeric"
        autoComplete="username"
        value={username}
        onInput={(e) => setUsername(e.currentTarget.value)}
        aria-invalid={fields.username ? 'true' : undefined}
        aria-describedby={describedBy('username', true, fields.username)}
      />
    </Field>
  );

  return (
    <div class="auth-page">
      <PageTitle sub={tenant?.name}>{t('forgot.title')}</PageTitle>
      {step === 'ask' ? (
        <form class="card form" onSubmit={ask} noValidate>
          <p>{t('forgot.intro')}</p>
          <div ref={alertRef} tabIndex={-1} role="alert" class={error ? 'form-error' : 'sr-only'}>
            {error}
          </div>
          {usernameField}
          <button type="submit" class="btn btn-block" disabled={busy}>
            {t('forgot.send')}
          </button>
          <p class="form-links">
            <button type="button" class="link-button" onClick={() => setStep('reset')}>
              {t('forgot.haveCode')}
            </button>
          </p>
          {back}
        </form>
      ) : (
        <form class="card form" onSubmit={reset} noValidate>
          {sent ? (
            <Notice kind="ok">
              <p role="status">{sent}</p>
            </Notice>
          ) : null}
          <div ref={alertRef} tabIndex={-1} role="alert" class={error ? 'form-error' : 'sr-only'}>
            {error}
          </div>
          {usernameField}
          <Field id="code" label={t('forgot.code')} error={fields.code}>
            <input
              id="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
              aria-invalid={fields.code ? 'true' : undefined}
              aria-describedby={describedBy('code', false, fields.code)}
            />
          </Field>
          <Field id="new-password" label={t('challenge.new')} hint={t('challenge.rules')} error={fields.newPassword}>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={pw}
              onInput={(e) => setPw(e.currentTarget.value)}
              aria-invalid={fields.newPassword ? 'true' : undefined}
              aria-describedby={describedBy('new-password', true, fields.newPassword)}
            />
          </Field>
          <button type="submit" class="btn btn-block" disabled={busy}>
            {t('forgot.reset')}
          </button>
          {back}
        </form>
      )}
    </div>
  );
}
