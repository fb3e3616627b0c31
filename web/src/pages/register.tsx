// Self-registration of a non-ASN participant with their NIK
// (POST /tenants/{t}/registrations): the NIK is checked while it is typed
// (./nik.ts mirrors the server's rules), the password against the user
// pool's policy; the answer says whether an admin still has to approve.

import { useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { formatDate, t } from '../i18n';
import { tenantPath } from '../router';
import { describedBy, errorMessage, Field, Notice, PageTitle } from '../ui';
import { checkNIK, todayJakarta, type NikCode } from './nik';
import { rt, type RegisterKey } from './register-i18n';

type Created = Schemas['RegistrationCreated'];

const nikMessage = (code: NikCode) => rt(`nik.${code}`);

/** The user pool's password policy, rule by rule (for the live checklist). */
export const passwordRules: [RegisterKey, (p: string) => boolean][] = [
  ['register.pwLength', (p) => p.length >= 8],
  ['register.pwUpper', (p) => /[A-Z]/.test(p)],
  ['register.pwLower', (p) => /[a-z]/.test(p)],
  ['register.pwDigit', (p) => /[0-9]/.test(p)],
];

export function RegisterPage() {
  const { tenantId, tenant } = useApp();
  const [nik, setNik] = useState('');
  const [nikLeft, setNikLeft] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [institution, setInstitution] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Created | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const today = useMemo(() => todayJakarta(), []);
  const check = checkNIK(nik, today, nikLeft);
  // The live message; a server's message for the NIK wins until the NIK changes.
  const nikError = fields.nik ?? (check.code ? nikMessage(check.code) : undefined);
  const nikStatus = check.valid
    ? rt('register.nikOk', { date: check.birthDate ? formatDate(check.birthDate) : '' })
    : check.digits.length > 0 && !check.code
    ? rt('register.nikCount', { n: check.digits.length })
    : '';
  const pwOk = passwordRules.every(([, ok]) => ok(password));

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const final = checkNIK(nik, today, true);
    const f: Record<string, string> = {};
    if (final.code) f.nik = nikMessage(final.code);
    if (name.trim().length < 2) f.name = rt('register.nameRequired');
    if (!email.trim()) f.email = t('login.required');
    if (!pwOk) f.password = t('challenge.weak');
    else if (password !== confirm) f.confirm = t('challenge.mismatch');
    setNikLeft(true);
    setFields(f);
    setError(Object.keys(f).length ? rt('register.fix') : '');
    if (Object.keys(f).length) {
      setTimeout(() => alertRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const res = await call(
        api.POST('/tenants/{tenantId}/registrations', {
          params: { path: { tenantId } },
          body: {
            nik: final.digits,
            name: name.trim(),
            email: email.trim(),
            password,
            ...(phone.trim() ? { phone: phone.trim() } : {}),
            ...(institution.trim() ? { institution: institution.trim() } : {}),
          },
        }),
      );
      setDone(res);
    } catch (e) {
      const fe = e instanceof ApiError ? e.fieldErrors() : {};
      setFields(fe);
      setError(errorMessage(e));
      setTimeout(() => alertRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const tenantName = tenant?.name ?? tenantId;
  if (done) {
    return (
      <div class="auth-page">
        <PageTitle sub={tenantName}>{done.status === 'approved' ? rt('register.approvedTitle') : rt('register.sentTitle')}</PageTitle>
        <div class="card" role="status">
          {done.status === 'approved' ? (
            <Notice kind="ok">
              <p>{rt('register.approved', { name: tenantName })}</p>
            </Notice>
          ) : (
            <>
              <Notice kind="ok">
                <p>{rt('register.sent', { name: tenantName })}</p>
              </Notice>
              <p>{rt('register.sentNext')}</p>
            </>
          )}
          {done.linked ? <p>{rt('register.linked')}</p> : null}
          <a class="btn btn-block" href={tenantPath(tenantId, 'masuk')}>
            {rt('register.toLogin')}
          </a>
        </div>
      </div>
    );
  }

  const input = (id: string, err: string | undefined, hint = false) => ({
    id,
    name: id,
    'aria-invalid': err ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, hint, err),
  });

  return (
    <div class="auth-page">
      <PageTitle sub={tenantName}>{rt('register.title')}</PageTitle>
      <p>{rt('register.intro')}</p>
      {tenant?.status === 'suspended' ? <Notice kind="warn">{t('login.suspended')}</Notice> : null}
      <form class="card form" onSubmit={submit} noValidate>
        <div ref={alertRef} tabIndex={-1} role="alert" class={error ? 'form-error' : 'sr-only'}>
          {error}
        </div>
        <Field id="reg-nik" label={rt('register.nik')} hint={rt('register.nikHint')} error={nikError}>
          <input
            {...input('reg-nik', nikError, true)}
            inputMode="numeric"
            autoComplete="username"
            maxLength={24}
            required
            value={nik}
            onInput={(e) => {
              setNik(e.currentTarget.value);
              setNikLeft(false); // judged as typed until the field is left again
              if (fields.nik) {
                const { nik: _, ...rest } = fields;
                setFields(rest);
              }
            }}
            onBlur={() => setNikLeft(true)}
            data-nik-code={check.code || (check.valid ? 'ok' : '')}
          />
        </Field>
        <p class={check.valid ? 'small nik-status nik-ok' : 'small nik-status muted'} aria-live="polite">
          {nikError ? '' : nikStatus}
        </p>
        <Field id="reg-name" label={rt('register.name')} hint={rt('register.nameHint')} error={fields.name}>
          <input {...input('reg-name', fields.name, true)} autoComplete="name" maxLength={100} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="reg-email" label={rt('register.email')} hint={rt('register.emailHint')} error={fields.email}>
          <input
            {...input('reg-email', fields.email, true)}
            type="email"
            autoComplete="email"
            maxLength={254}
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field id="reg-phone" label={rt('register.phone')} hint={rt('register.phoneHint')} error={fields.phone}>
          <input {...input('reg-phone', fields.phone, true)} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        </Field>
        <Field id="reg-inst" label={rt('register.institution')} hint={rt('register.institutionHint')} error={fields.institution}>
          <input {...input('reg-inst', fields.institution, true)} autoComplete="organization" maxLength={150} value={institution} onInput={(e) => setInstitution(e.currentTarget.value)} />
        </Field>
        <Field id="reg-password" label={t('login.password')} hint={rt('register.passwordHint')} error={fields.password}>
          <input
            {...input('reg-password', fields.password, true)}
            type={(show ? 'text' : 'password') as 'password'}
            autoComplete="new-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ul class="rules small" aria-label={rt('register.rules')}>
          {passwordRules.map(([key, ok]) => (
            <li class={ok(password) ? 'rule-ok' : 'rule-todo'}>
              <span aria-hidden="true">{ok(password) ? '✓' : '•'}</span> {rt(key)}
              <span class="sr-only">{ok(password) ? rt('register.ruleMet') : rt('register.ruleNotMet')}</span>
            </li>
          ))}
        </ul>
        <Field id="reg-confirm" label={rt('register.confirm')} error={fields.confirm}>
          <input
            {...input('reg-confirm', fields.confirm)}
            type={(show ? 'text' : 'password') as 'password'}
            autoComplete="new-password"
            required
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </Field>
        <div class="check">
          <input id="reg-show" type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} />
          <label for="reg-show">{t('login.showPassword')}</label>
        </div>
        <button type="submit" class="btn btn-block" disabled={busy}>
          {busy ? rt('register.submitting') : rt('register.submit')}
        </button>
        <p class="form-links">
          {rt('register.haveAccount')} <a href={tenantPath(tenantId, 'masuk')}>{t('nav.login')}</a>
        </p>
      </form>
    </div>
  );
}
