// Admin: self-registrations of participants (GET /tenants/{t}/registrations
// by status, paged), approved (POST .../approve) or rejected with a reason
// shown to the participant (POST .../reject). An approved participant can be
// enrolled in a batch right away.

import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime, t } from '../i18n';
import { tenantPath } from '../router';
import { describedBy, Field, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { Pager, useCursorPages } from './paging';
import { EnrollInBatch, EnrollToggle } from './users';
import { at, atk } from './admin-i18n';

type Registration = Schemas['Registration'];
type RegistrationStatus = Schemas['RegistrationStatus'];

const tabs: RegistrationStatus[] = ['pending', 'approved', 'rejected'];

export function RegistrationsPage() {
  const { tenantId, location } = useApp();
  const q = location.query.get('status');
  const status: RegistrationStatus = q === 'approved' || q === 'rejected' ? q : 'pending';
  const href = (s: RegistrationStatus) => `${tenantPath(tenantId, 'kelola', 'pendaftaran')}${s === 'pending' ? '' : `?status=${s}`}`;
  return (
    <>
      <PageTitle sub={at('regs.intro')}>{at('regs.title')}</PageTitle>
      <nav class="tabs" aria-label={at('regs.tabs')}>
        {tabs.map((s) => (
          <a href={href(s)} aria-current={s === status ? 'page' : undefined}>
            {atk('regStatus', s)}
          </a>
        ))}
      </nav>
      <RegistrationList key={status} status={status} />
    </>
  );
}

function RegistrationList({ status }: { status: RegistrationStatus }) {
  const { tenantId } = useApp();
  const pages = useCursorPages();
  const [load, retry] = useApi(
    () =>
      call(
        api.GET('/tenants/{tenantId}/registrations', {
          params: { path: { tenantId }, query: { status, limit: 20, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    [tenantId, status, pages.cursor],
  );
  // Decisions made here stay in the list (with "enroll") until the page is left.
  const [decided, setDecided] = useState<Record<string, Registration>>({});
  return (
    <Loaded load={load} retry={retry} cards={1}>
      {(page) => (
        <section class="card" aria-labelledby="regs-h">
          <h2 id="regs-h">{at('regs.listTitle', { status: atk('regStatus', status) })}</h2>
          {page.items.length === 0 ? (
            <p>{status === 'pending' ? at('regs.nonePending') : at('regs.none')}</p>
          ) : (
            <ul class="member-list">
              {page.items.map((r) => (
                <RegistrationRow
                  key={r.id}
                  reg={decided[r.id] ?? r}
                  fresh={!!decided[r.id]}
                  onDecided={(x) => setDecided({ ...decided, [x.id]: x })}
                />
              ))}
            </ul>
          )}
          <Pager pages={pages} nextCursor={page.nextCursor} label={at('regs.pages')} />
        </section>
      )}
    </Loaded>
  );
}

function RegistrationRow({ reg: r, fresh, onDecided }: { reg: Registration; fresh: boolean; onDecided: (r: Registration) => void }) {
  const { tenantId } = useApp();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAction();
  const path = { tenantId, registrationId: r.id };
  const fid = `rj-${r.id}`;
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  return (
    <li class="member registration" data-registration={r.username}>
      <div class="row">
        <div>
          <strong>{r.name}</strong> <span class="mono small">{r.username}</span>
          <br />
          <span class="small muted">{[r.institution, r.email, r.phone].filter(Boolean).join(' · ')}</span>
          <br />
          <span class="small muted">
            {at('regs.at', { time: formatDateTime(r.createdAt) })}
            {r.linked ? ` · ${at('regs.linked')}` : ''}
          </span>
        </div>
        <span class={`badge badge-reg-${r.status}`}>{atk('regStatus', r.status)}</span>
      </div>
      {r.reason ? <p class="small">{t('membership.reason', { reason: r.reason })}</p> : null}
      {r.status === 'pending' ? (
        <>
          <div class="actions">
            <button
              type="button"
              class="btn"
              disabled={act.busy}
              onClick={() =>
                void act.run(async () => {
                  onDecided(await call(api.POST('/tenants/{tenantId}/registrations/{registrationId}/approve', { params: { path } })));
                })
              }
            >
              {t('adm.approve')}
              <span class="sr-only">: {r.name}</span>
            </button>
            <button type="button" class="btn btn-secondary" aria-expanded={rejecting} disabled={act.busy} onClick={() => setRejecting(!rejecting)}>
              {t('adm.reject')}
              <span class="sr-only">: {r.name}</span>
            </button>
          </div>
          {rejecting ? (
            <form
              class="form reject-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act.run(async () => {
                  onDecided(
                    await call(api.POST('/tenants/{tenantId}/registrations/{registrationId}/reject', { params: { path }, body: { reason: reason.trim() } })),
                  );
                });
              }}
            >
              <Field id={fid} label={at('regs.reason')} hint={at('regs.reasonHint')} error={fields.reason}>
                <input
                  id={fid}
                  required
                  minLength={3}
                  maxLength={500}
                  value={reason}
                  aria-describedby={describedBy(fid, true, fields.reason)}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </Field>
              <button type="submit" class="btn" disabled={act.busy}>
                {at('regs.confirmReject')}
              </button>
            </form>
          ) : null}
          <FormError error={act.error} />
        </>
      ) : r.status === 'approved' ? (
        <>
          {fresh ? (
            <Notice kind="ok">
              <p role="status">{at('regs.approved', { name: r.name })}</p>
            </Notice>
          ) : r.decidedAt ? (
            <p class="small muted">{at('regs.decidedAt', { time: formatDateTime(r.decidedAt) })}</p>
          ) : null}
          {fresh ? <EnrollInBatch userId={r.userId} name={r.name} /> : <EnrollToggle userId={r.userId} name={r.name} />}
        </>
      ) : r.decidedAt ? (
        <p class="small muted">{at('regs.decidedAt', { time: formatDateTime(r.decidedAt) })}</p>
      ) : null}
    </li>
  );
}
