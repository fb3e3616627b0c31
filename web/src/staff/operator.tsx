// The platform operator's tenants page: the active tenants (GET /tenants,
// the public catalogue: the API has no operator list with suspended
// tenants yet) and "new tenant" with its first admin (POST /tenants),
// showing the first admin's temporary password once.

import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { t } from '../i18n';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';

export function OperatorPage() {
  const { me } = useApp();
  const [load, retry] = useApi(() => call(api.GET('/tenants', { params: { query: { limit: 100 } } })), []);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [nip, setNip] = useState('');
  const [adminName, setAdminName] = useState('');
  const [created, setCreated] = useState<Schemas['CreateTenantResponse'] | null>(null);
  const act = useAction();
  if (me?.state === 'ok' && !me.data.operator) return <Notice kind="warn">{t('op.notOperator')}</Notice>;
  return (
    <>
      <PageTitle>{t('op.title')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {(page) => (
          <div class="table-wrap card">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('op.id')}</th>
                  <th scope="col">{t('op.name')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((x) => (
                  <tr key={x.id}>
                    <td class="mono">{x.id}</td>
                    <td>
                      <a href={tenantPath(x.id, 'masuk')}>{x.name}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <form
        class="card form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            const r = await call(
              api.POST('/tenants', {
                body: { id, name, shortName, registrationPolicy: 'approval', firstAdmin: { nip, name: adminName } },
              }),
            );
            setCreated(r);
            retry(true);
          });
        }}
      >
        <h2>{t('op.new')}</h2>
        <Field id="op-id" label={t('op.id')} hint={t('op.idHint')}>
          <input id="op-id" required value={id} aria-describedby="op-id-hint" onInput={(e) => setId(e.currentTarget.value)} />
        </Field>
        <Field id="op-name" label={t('op.name')}>
          <input id="op-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="op-short" label={t('op.shortName')}>
          <input id="op-short" required value={shortName} onInput={(e) => setShortName(e.currentTarget.value)} />
        </Field>
        <Field id="op-nip" label={t('op.adminNip')}>
          <input id="op-nip" required inputMode="numeric" value={nip} onInput={(e) => setNip(e.currentTarget.value)} />
        </Field>
        <Field id="op-admin" label={t('op.adminName')}>
          <input id="op-admin" required value={adminName} onInput={(e) => setAdminName(e.currentTarget.value)} />
        </Field>
        <FormError error={act.error} />
        {created ? (
          <p role="status" class="notice notice-ok">
            {t('op.created', { name: created.tenant.name })}
            {created.firstAdmin.temporaryPassword ? ' ' + t('op.tempPassword', { password: created.firstAdmin.temporaryPassword }) : ''}
          </p>
        ) : null}
        <button type="submit" class="btn" disabled={act.busy}>
          {t('staff.create')}
        </button>
      </form>
    </>
  );
}
