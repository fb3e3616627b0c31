// Notification preferences (GET/PUT /me/notification-preferences): email,
// WhatsApp with its number (E.164, +62…; offered when a tenant of the user
// has WhatsApp on), and the events the user mutes. The in-app inbox is
// always on.

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle, describedBy } from '../ui';
import { FormError, useAction } from '../staff/form';
import { getPrefs, putPrefs, type NotificationEvent, type NotificationPrefs } from './forum-api';
import { ft, ftk } from './forum-i18n';

/** +62 and 8 to 13 more digits; spaces, dashes and a leading 0 (08…) are tidied first. */
export function normalizePhone(raw: string): string {
  let s = raw.replace(/[\s\-().]/g, '');
  if (s.startsWith('08')) s = '+62' + s.slice(1);
  else if (s.startsWith('62')) s = '+' + s;
  return s;
}
export const validPhone = (s: string) => /^\+62\d{8,13}$/.test(s);

export function NotificationPrefsPage() {
  const { tenantId } = useApp();
  const [load, retry] = useApi(() => getPrefs(), []);
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(tenantId, 'kotak-masuk')}>{ft('inbox.title')}</a>
      </p>
      <PageTitle sub={ft('prefs.intro')}>{ft('prefs.title')}</PageTitle>
      <Loaded load={load} retry={retry} cards={1}>
        {(p) => <PrefsForm prefs={p} />}
      </Loaded>
    </>
  );
}

function PrefsForm({ prefs }: { prefs: NotificationPrefs }) {
  const [email, setEmail] = useState(prefs.email);
  const [whatsapp, setWhatsapp] = useState(prefs.whatsapp);
  const [number, setNumber] = useState(prefs.whatsappNumber ?? '');
  const [muted, setMuted] = useState<NotificationEvent[]>(prefs.muted);
  const [saved, setSaved] = useState(false);
  const [numberError, setNumberError] = useState('');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const submit = (e: Event) => {
    e.preventDefault();
    const n = normalizePhone(number);
    if ((whatsapp || n) && !validPhone(n)) {
      setNumberError(ft('prefs.numberInvalid'));
      document.getElementById('wa-number')?.focus();
      return;
    }
    setNumberError('');
    void act.run(async () => {
      const next = await putPrefs({ email, whatsapp, whatsappNumber: n || null, muted });
      setNumber(next.whatsappNumber ?? '');
      setMuted(next.muted);
      setSaved(true);
    });
  };
  const numErr = numberError || fields.whatsappNumber;
  return (
    <form class="card form" onSubmit={submit} onInput={() => setSaved(false)} onChange={() => setSaved(false)}>
      <Notice>{ft('prefs.inboxAlways')}</Notice>
      <fieldset class="fieldset">
        <legend>{ft('prefs.channels')}</legend>
        <label class="check">
          <input type="checkbox" checked={email} onChange={(e) => setEmail(e.currentTarget.checked)} />
          {ft('prefs.email')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={whatsapp}
            disabled={!prefs.whatsappAvailable && !prefs.whatsapp}
            aria-describedby={!prefs.whatsappAvailable ? 'wa-unavailable' : undefined}
            onChange={(e) => setWhatsapp(e.currentTarget.checked)}
          />
          {ft('prefs.whatsapp')}
        </label>
        {!prefs.whatsappAvailable ? (
          <p class="hint muted small" id="wa-unavailable">
            {ft('prefs.whatsappUnavailable')}
          </p>
        ) : null}
        <Field id="wa-number" label={ft('prefs.number')} hint={ft('prefs.numberHint')} error={numErr}>
          <input
            id="wa-number"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={number}
            required={whatsapp}
            aria-invalid={numErr ? true : undefined}
            aria-describedby={describedBy('wa-number', true, numErr)}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
        </Field>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{ft('prefs.muted')}</legend>
        <p class="hint muted small">{ft('prefs.mutedHint')}</p>
        {prefs.events.map((ev) => (
          <label class="check">
            <input
              type="checkbox"
              checked={muted.includes(ev)}
              onChange={(e) => setMuted(e.currentTarget.checked ? [...muted, ev] : muted.filter((m) => m !== ev))}
            />
            {ftk('event', ev)}
          </label>
        ))}
      </fieldset>
      <FormError error={act.error} />
      {saved ? (
        <Notice kind="ok">
          <p role="status">{ft('prefs.saved')}</p>
        </Notice>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {act.busy ? ft('common.saving') : ft('common.save')}
      </button>
    </form>
  );
}
