// The tenant's notification settings (admins; GET/PUT
// .../notification-settings): WhatsApp Business (on/off, phone number id,
// the access token, write-only: left empty it stays as stored) and the
// name email is sent from.

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle, describedBy } from '../ui';
import { FormError, useAction } from './form';
import {
  getTenantNotificationSettings,
  putTenantNotificationSettings,
  type TenantNotificationSettings,
  type TenantNotificationSettingsInput,
} from '../pages/forum-api';
import { ft } from '../pages/forum-i18n';
import { StaffOnly } from './faq';

export function NotificationSettingsPage() {
  const { tenantId, membership } = useApp();
  const [load, retry] = useApi(() => getTenantNotificationSettings(tenantId), [tenantId]);
  if (membership?.role !== 'admin') return <StaffOnly admin />;
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(tenantId, 'kelola', 'bantuan')}>{ft('queue.title')}</a>
      </p>
      <PageTitle sub={ft('tenantNotif.intro')}>{ft('tenantNotif.title')}</PageTitle>
      <Loaded load={load} retry={retry} cards={1}>
        {(s) => <SettingsForm settings={s} />}
      </Loaded>
    </>
  );
}

function SettingsForm({ settings }: { settings: TenantNotificationSettings }) {
  const { tenantId } = useApp();
  const [enabled, setEnabled] = useState(settings.whatsapp.enabled);
  const [phoneNumberId, setPhoneNumberId] = useState(settings.whatsapp.phoneNumberId ?? '');
  const [token, setToken] = useState('');
  const [hasToken, setHasToken] = useState(!!settings.whatsapp.hasAccessToken);
  const [fromName, setFromName] = useState(settings.emailFromName ?? '');
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const err = (k: string) => fields[`whatsapp.${k}`] ?? fields[k];
  return (
    <form
      class="card form"
      onInput={() => setSaved(false)}
      onChange={() => setSaved(false)}
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const body: TenantNotificationSettingsInput = {
            whatsapp: { enabled, phoneNumberId: phoneNumberId.trim(), ...(token ? { accessToken: token } : {}) },
            emailFromName: fromName.trim(),
          };
          const s = await putTenantNotificationSettings(tenantId, body);
          setToken('');
          setHasToken(!!s.whatsapp.hasAccessToken);
          setSaved(true);
        });
      }}
    >
      <fieldset class="fieldset">
        <legend>{ft('tenantNotif.whatsapp')}</legend>
        <label class="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          {ft('tenantNotif.enabled')}
        </label>
        <Field id="wa-phone-id" label={ft('tenantNotif.phoneNumberId')} hint={ft('tenantNotif.phoneNumberIdHint')} error={err('phoneNumberId')}>
          <input
            id="wa-phone-id"
            value={phoneNumberId}
            inputMode="numeric"
            required={enabled}
            aria-describedby={describedBy('wa-phone-id', true, err('phoneNumberId'))}
            onInput={(e) => setPhoneNumberId(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="wa-token"
          label={ft('tenantNotif.token')}
          hint={hasToken ? ft('tenantNotif.tokenKept') : ft('tenantNotif.tokenHint')}
          error={err('accessToken')}
        >
          <input
            id="wa-token"
            type="password"
            autoComplete="off"
            value={token}
            required={enabled && !hasToken}
            aria-describedby={describedBy('wa-token', true, err('accessToken'))}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </Field>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{ft('tenantNotif.email')}</legend>
        <Field id="email-from" label={ft('tenantNotif.fromName')} hint={ft('tenantNotif.fromNameHint')} error={err('emailFromName')}>
          <input
            id="email-from"
            value={fromName}
            maxLength={100}
            aria-describedby={describedBy('email-from', true, err('emailFromName'))}
            onInput={(e) => setFromName(e.currentTarget.value)}
          />
        </Field>
      </fieldset>
      <FormError error={act.error} />
      {saved ? (
        <Notice kind="ok">
          <p role="status">{ft('tenantNotif.saved')}</p>
        </Notice>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {act.busy ? ft('common.saving') : ft('common.save')}
      </button>
    </form>
  );
}
