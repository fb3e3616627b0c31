// Admin: the tenant's branding and settings (PATCH /tenants/{t}): name,
// short name, logo address, the three theme colours with their contrast
// checked as the app will use them (src/branding.ts) and a live preview,
// contact, and whether self-registrations wait for approval.

import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { accentOf, contrast, defaultColors, textOn, type BrandColors } from '../branding';
import { t } from '../i18n';
import { describedBy, Field, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { at, type AdminKey } from './admin-i18n';

type Tenant = Schemas['Tenant'];
type Policy = Schemas['RegistrationPolicy'];

const hexRE = /^#[0-9a-fA-F]{6}$/;
const AA = 4.5;

const colorNames: [keyof BrandColors, AdminKey, AdminKey][] = [
  ['primary', 'brand.primary', 'brand.primaryUse'],
  ['secondary', 'brand.secondary', 'brand.secondaryUse'],
  ['tertiary', 'brand.tertiary', 'brand.tertiaryUse'],
];

/** What the app will do with these colours, and what to warn about. */
export function contrastReport(c: BrandColors) {
  const accent = accentOf(c);
  const onPrimary = textOn(c.primary);
  const onTertiary = textOn(c.tertiary);
  const rows = colorNames.map(([k]) => ({
    key: k,
    onWhite: contrast(c[k], '#ffffff'),
    text: textOn(c[k]),
    withText: contrast(c[k], textOn(c[k])),
  }));
  const warnings: string[] = [];
  if (![c.primary, c.secondary, c.tertiary].some((v) => contrast(v, '#ffffff') >= AA)) {
    warnings.push(at('brand.warnAccent', { color: accent, ratio: contrast(accent, '#ffffff').toFixed(1) }));
  }
  if (contrast(c.primary, onPrimary) < AA) warnings.push(at('brand.warnPrimary', { ratio: contrast(c.primary, onPrimary).toFixed(1) }));
  if (contrast(c.tertiary, onTertiary) < AA) warnings.push(at('brand.warnTertiary', { ratio: contrast(c.tertiary, onTertiary).toFixed(1) }));
  return { accent, onPrimary, onTertiary, rows, warnings };
}

export function BrandingPage() {
  const { tenant } = useApp();
  if (!tenant) return null; // the shell shows the tenant's loading state
  return <BrandingForm key={tenant.id} tenant={tenant} />;
}

function BrandingForm({ tenant }: { tenant: Tenant }) {
  const app = useApp();
  const [name, setName] = useState(tenant.name);
  const [shortName, setShortName] = useState(tenant.shortName);
  const [logoUrl, setLogoUrl] = useState(tenant.logoUrl ?? '');
  const [colors, setColors] = useState<BrandColors>({ ...tenant.colors });
  const [email, setEmail] = useState(tenant.contact.email ?? '');
  const [phone, setPhone] = useState(tenant.contact.phone ?? '');
  const [address, setAddress] = useState(tenant.contact.address ?? '');
  const [policy, setPolicy] = useState<Policy>(tenant.registrationPolicy);
  const [saved, setSaved] = useState(false);
  const [logoBroken, setLogoBroken] = useState(false);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};

  const valid = hexRE.test(colors.primary) && hexRE.test(colors.secondary) && hexRE.test(colors.tertiary);
  const shown: BrandColors = valid ? colors : tenant.colors;
  const report = contrastReport(shown);
  const logoOk = /^https:\/\/[^ "'<>]+$/.test(logoUrl) && !logoBroken;
  const setColor = (k: keyof BrandColors, v: string) => {
    setSaved(false);
    setColors({ ...colors, [k]: v.startsWith('#') ? v : `#${v}` });
  };

  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void act.run(async () => {
      const contact: Schemas['Contact'] = {
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
      };
      await call(
        api.PATCH('/tenants/{tenantId}', {
          params: { path: { tenantId: tenant.id } },
          body: {
            name: name.trim(),
            shortName: shortName.trim(),
            logoUrl: logoUrl.trim(),
            colors: { primary: colors.primary.toUpperCase(), secondary: colors.secondary.toUpperCase(), tertiary: colors.tertiary.toUpperCase() },
            contact,
            registrationPolicy: policy,
          },
        }),
      );
      setSaved(true);
      app.reloadTenant();
    });
  };

  return (
    <>
      <PageTitle sub={at('brand.intro')}>{at('brand.title')}</PageTitle>
      <form class="branding" onSubmit={save} noValidate>
        <section class="card form" aria-labelledby="b-id-h">
          <h2 id="b-id-h">{at('brand.identity')}</h2>
          <Field id="b-name" label={t('op.name')} error={fields.name}>
            <input id="b-name" required minLength={3} maxLength={150} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="b-short" label={t('op.shortName')} hint={at('brand.shortHint')} error={fields.shortName}>
            <input
              id="b-short"
              required
              minLength={2}
              maxLength={20}
              value={shortName}
              aria-describedby={describedBy('b-short', true, fields.shortName)}
              onInput={(e) => setShortName(e.currentTarget.value)}
            />
          </Field>
          <Field id="b-logo" label={at('brand.logo')} hint={at('brand.logoHint')} error={fields.logoUrl}>
            <input
              id="b-logo"
              type="url"
              maxLength={500}
              placeholder="https://"
              value={logoUrl}
              aria-describedby={describedBy('b-logo', true, fields.logoUrl)}
              onInput={(e) => {
                setLogoUrl(e.currentTarget.value);
                setLogoBroken(false);
              }}
            />
          </Field>
          {logoUrl && !/^https:\/\/[^ "'<>]+$/.test(logoUrl) ? <p class="field-error">{at('brand.logoHttps')}</p> : null}
          {logoUrl && logoBroken ? <p class="field-error">{at('brand.logoBroken')}</p> : null}
        </section>

        <section class="card form" aria-labelledby="b-col-h">
          <h2 id="b-col-h">{at('brand.colors')}</h2>
          <p class="small">{at('brand.colorsHint')}</p>
          <div class="color-grid">
            {colorNames.map(([k, label, use]) => {
              const id = `b-${k}`;
              const err = fields[`colors.${k}`] ?? (hexRE.test(colors[k]) ? undefined : at('brand.hexInvalid'));
              return (
                <div class={err ? 'field has-error' : 'field'}>
                  <label for={id}>{at(label)}</label>
                  <p class="hint" id={`${id}-hint`}>
                    {at(use)}
                  </p>
                  <div class="color-pair">
                    <input
                      type="color"
                      aria-label={at('brand.picker', { name: at(label) })}
                      value={hexRE.test(colors[k]) ? colors[k].toLowerCase() : '#000000'}
                      onInput={(e) => setColor(k, e.currentTarget.value)}
                    />
                    <input
                      id={id}
                      class="mono"
                      maxLength={7}
                      value={colors[k]}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={describedBy(id, true, err)}
                      onInput={(e) => setColor(k, e.currentTarget.value.trim())}
                    />
                  </div>
                  {err ? (
                    <p class="field-error" id={`${id}-error`}>
                      {err}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
          <button type="button" class="link-button" onClick={() => setColors({ ...defaultColors })}>
            {at('brand.reset')}
          </button>

          <div class="table-wrap">
            <table class="contrast-table">
              <caption>{at('brand.contrast')}</caption>
              <thead>
                <tr>
                  <th scope="col">{at('brand.color')}</th>
                  <th scope="col">{at('brand.onWhite')}</th>
                  <th scope="col">{at('brand.withText')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => {
                  const label = colorNames.find(([k]) => k === r.key)?.[1] ?? 'brand.primary';
                  return (
                    <tr>
                      <th scope="row">
                        <span class="swatch" aria-hidden="true" style={{ background: shown[r.key] }} /> {at(label)} <span class="mono small">{shown[r.key]}</span>
                      </th>
                      <td>
                        {at('brand.ratio', { ratio: r.onWhite.toFixed(1) })} {r.onWhite >= AA ? at('brand.pass') : at('brand.fail')}
                      </td>
                      <td>
                        {at('brand.ratioWith', { ratio: r.withText.toFixed(1), text: r.text === '#ffffff' ? at('brand.white') : at('brand.black') })}{' '}
                        {r.withText >= AA ? at('brand.pass') : at('brand.fail')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {report.warnings.length ? (
            <div class="notice notice-warn contrast-warning" role="status">
              <p>
                <strong>{at('brand.warnTitle')}</strong>
              </p>
              <ul>
                {report.warnings.map((w) => (
                  <li>{w}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="small" role="status">
              {at('brand.allGood')}
            </p>
          )}

          <h3 class="h3">{at('brand.preview')}</h3>
          <div class="brand-preview" aria-label={at('brand.preview')} role="group">
            <div class="bp-header" style={{ background: shown.tertiary, color: report.onTertiary }}>
              {logoOk ? <img src={logoUrl} alt="" width={28} height={28} onError={() => setLogoBroken(true)} /> : null}
              <strong>{shortName || tenant.shortName}</strong>
            </div>
            <div class="bp-nav">
              <span style={{ borderBottomColor: report.accent, color: report.accent }}>{t('nav.batches')}</span>
              <span>{t('nav.jp')}</span>
            </div>
            <div class="bp-body">
              <p>
                <span class="bp-badge" style={{ background: shown.primary, color: report.onPrimary }}>
                  {t('enrollment.enrolled')}
                </span>
              </p>
              <p>
                <span class="bp-link" style={{ color: report.accent }}>
                  {at('brand.sampleLink')}
                </span>
              </p>
              <span class="bp-button" style={{ background: report.accent, color: textOn(report.accent), borderColor: report.accent }}>
                {t('course.continue')}
              </span>
              <span class="bp-button bp-secondary" style={{ color: report.accent, borderColor: report.accent }}>
                {t('action.back')}
              </span>
            </div>
          </div>
        </section>

        <section class="card form" aria-labelledby="b-contact-h">
          <h2 id="b-contact-h">{at('brand.contact')}</h2>
          <Field id="b-email" label={at('field.email')} error={fields['contact.email']}>
            <input id="b-email" type="email" maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </Field>
          <Field id="b-phone" label={at('field.phone')} hint={at('field.phoneHint')} error={fields['contact.phone']}>
            <input id="b-phone" type="tel" maxLength={30} value={phone} aria-describedby="b-phone-hint" onInput={(e) => setPhone(e.currentTarget.value)} />
          </Field>
          <Field id="b-address" label={at('brand.address')} error={fields['contact.address']}>
            <textarea id="b-address" rows={2} maxLength={300} value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
          </Field>
        </section>

        <section class="card form" aria-labelledby="b-reg-h">
          <h2 id="b-reg-h">{at('brand.registration')}</h2>
          <fieldset class="field choice">
            <legend>{at('brand.policy')}</legend>
            {(['approval', 'auto'] as const).map((p) => (
              <label class="option">
                <input type="radio" name="b-policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} />
                <span>{at(p === 'auto' ? 'brand.policyAuto' : 'brand.policyApproval')}</span>
              </label>
            ))}
          </fieldset>
        </section>

        <div class="card">
          <FormError error={act.error} />
          {saved ? (
            <Notice kind="ok">
              <p role="status">{at('brand.saved')}</p>
            </Notice>
          ) : null}
          <button type="submit" class="btn" disabled={act.busy || !valid}>
            {at('brand.save')}
          </button>
        </div>
      </form>
    </>
  );
}
