// Admin: the tenant's members (GET /tenants/{t}/users, paged, searched by
// name or NIK/NIP prefix, filtered by role and status), a member's role and
// status (PATCH .../users/{u}, a reason for suspending or banning),
// enrolling a member in a batch, new members (POST .../users, the temporary
// password shown once) and the CSV/XLSX import with its per-row report
// (POST .../users/import).

import { useState } from 'preact/hooks';
import { api, apiFetch, ApiError, call, getApiBase, toApiError, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { t, tk } from '../i18n';
import { describedBy, Field, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { Pager, useCursorPages } from './paging';
import { at, atk, type AdminKey } from './admin-i18n';

type Membership = Schemas['Membership'];
type Role = Schemas['Role'];
type MembershipStatus = Schemas['MembershipStatus'];
type ImportReport = Schemas['ImportReport'];
type CreatedAccount = Schemas['CreatedAccount'];

const roles: Role[] = ['learner', 'instructor', 'admin'];
const statuses: MembershipStatus[] = ['active', 'suspended', 'banned', 'pending', 'rejected'];

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST a CSV or XLSX file as the request body; the answer's JSON or an ApiError. */
export async function postFile<T>(path: string, file: File): Promise<T> {
  const res = await apiFetch(
    new Request(getApiBase() + path, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.name.toLowerCase().endsWith('.xlsx') ? xlsxType : 'text/csv' },
    }),
  ).catch(() => {
    throw new ApiError('network', 0, '', '');
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

export function UsersPage() {
  const { tenantId } = useApp();
  const pages = useCursorPages();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<MembershipStatus | ''>('');
  const [filter, setFilter] = useState({ q: '', role: '' as Role | '', status: '' as MembershipStatus | '' });
  const [load, retry] = useApi(
    () =>
      call(
        api.GET('/tenants/{tenantId}/users', {
          params: {
            path: { tenantId },
            query: {
              limit: 20,
              ...(filter.q ? { q: filter.q } : {}),
              ...(filter.role ? { role: filter.role } : {}),
              ...(filter.status ? { status: filter.status } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    [tenantId, pages.cursor, filter.q, filter.role, filter.status],
  );
  const reload = () => retry(true);
  return (
    <>
      <PageTitle sub={at('users.intro')}>{at('users.title')}</PageTitle>
      <form
        class="card form-inline search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          pages.reset();
          setFilter({ q: q.trim(), role, status });
        }}
      >
        <Field id="u-q" label={at('users.search')} hint={at('users.searchHint')}>
          <input id="u-q" type="search" maxLength={100} value={q} aria-describedby="u-q-hint" onInput={(e) => setQ(e.currentTarget.value)} />
        </Field>
        <Field id="u-role" label={at('users.role')}>
          <select id="u-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role | '')}>
            <option value="">{at('users.all')}</option>
            {roles.map((r) => (
              <option value={r}>{atk('role', r)}</option>
            ))}
          </select>
        </Field>
        <Field id="u-status" label={at('users.status')}>
          <select id="u-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as MembershipStatus | '')}>
            <option value="">{at('users.all')}</option>
            {statuses.map((s) => (
              <option value={s}>{atk('memberStatus', s)}</option>
            ))}
          </select>
        </Field>
        <button type="submit" class="btn">
          {t('search.submit')}
        </button>
      </form>
      <Loaded load={load} retry={retry} cards={1}>
        {(page) => (
          <section class="card" aria-labelledby="users-h">
            <h2 id="users-h">{filter.q || filter.role || filter.status ? at('users.found') : at('users.members')}</h2>
            {page.items.length === 0 ? (
              <p>{at('users.none')}</p>
            ) : (
              <ul class="member-list">
                {page.items.map((m) => (
                  <MemberRow key={m.userId} member={m} reload={reload} />
                ))}
              </ul>
            )}
            <Pager pages={pages} nextCursor={page.nextCursor} label={at('users.pages')} />
          </section>
        )}
      </Loaded>
      <NewUser onCreated={reload} />
      <ImportUsers onDone={reload} />
    </>
  );
}

function MemberRow({ member: m, reload }: { member: Membership; reload: () => void }) {
  const { tenantId, me } = useApp();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(m.role);
  const [status, setStatus] = useState<'active' | 'suspended' | 'banned'>(m.status === 'suspended' || m.status === 'banned' ? m.status : 'active');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const self = me?.state === 'ok' && me.data.user.id === m.userId;
  const decided = m.status === 'pending' || m.status === 'rejected'; // decided through registrations
  const fid = `m-${m.userId}`;
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const needsReason = status !== 'active' && status !== m.status;
  return (
    <li class="member">
      <div class="row">
        <div>
          <strong>{m.name}</strong> <span class="mono small">{m.username}</span>
          <br />
          <span class="small muted">
            {[m.institution, m.email, m.phone].filter(Boolean).join(' · ')}
          </span>
        </div>
        <div class="badges">
          <span class="badge">{atk('role', m.role)}</span>
          <span class={`badge badge-member-${m.status}`}>{atk('memberStatus', m.status)}</span>
          {!self ? (
            <button type="button" class="btn btn-secondary btn-small" aria-expanded={open} onClick={() => (setOpen(!open), setSaved(false))}>
              {t('staff.edit')}
              <span class="sr-only">: {m.name}</span>
            </button>
          ) : (
            <span class="small muted">{at('users.you')}</span>
          )}
        </div>
      </div>
      {m.statusReason ? <p class="small">{t('membership.reason', { reason: m.statusReason })}</p> : null}
      {open ? (
        <div class="member-edit">
          {decided ? (
            <p class="small">{at('users.viaRegistrations')}</p>
          ) : (
            <form
              class="form"
              onSubmit={(e) => {
                e.preventDefault();
                setSaved(false);
                void act.run(async () => {
                  const body: Schemas['UpdateUserRequest'] = {};
                  if (role !== m.role) body.role = role;
                  if (status !== m.status) {
                    body.status = status;
                    if (status !== 'active') body.reason = reason.trim();
                  }
                  if (!body.role && !body.status) return;
                  await call(api.PATCH('/tenants/{tenantId}/users/{userId}', { params: { path: { tenantId, userId: m.userId } }, body }));
                  setSaved(true);
                  reload();
                });
              }}
            >
              <Field id={`${fid}-role`} label={at('users.role')} error={fields.role}>
                <select id={`${fid}-role`} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                  {roles.map((r) => (
                    <option value={r}>{atk('role', r)}</option>
                  ))}
                </select>
              </Field>
              <Field id={`${fid}-status`} label={at('users.status')} error={fields.status}>
                <select id={`${fid}-status`} value={status} onChange={(e) => setStatus(e.currentTarget.value as 'active')}>
                  {(['active', 'suspended', 'banned'] as const).map((s) => (
                    <option value={s}>{atk('memberStatus', s)}</option>
                  ))}
                </select>
              </Field>
              {needsReason ? (
                <Field id={`${fid}-reason`} label={at('users.reason')} hint={at('users.reasonHint')} error={fields.reason}>
                  <input
                    id={`${fid}-reason`}
                    required
                    minLength={3}
                    maxLength={500}
                    value={reason}
                    aria-describedby={describedBy(`${fid}-reason`, true, fields.reason)}
                    onInput={(e) => setReason(e.currentTarget.value)}
                  />
                </Field>
              ) : null}
              <FormError error={act.error} />
              {saved ? (
                <p role="status" class="notice notice-ok">
                  {t('staff.saved')}
                </p>
              ) : null}
              <button type="submit" class="btn" disabled={act.busy}>
                {t('staff.save')}
              </button>
            </form>
          )}
          {m.status === 'active' ? <EnrollInBatch userId={m.userId} name={m.name} /> : null}
        </div>
      ) : null}
    </li>
  );
}

/** A button that opens EnrollInBatch (the batches are loaded only then). */
export function EnrollToggle({ userId, name }: { userId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-secondary btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {at('users.enrollToggle')}
        <span class="sr-only">: {name}</span>
      </button>
      {open ? <EnrollInBatch userId={userId} name={name} /> : null}
    </>
  );
}

/** Enroll one member in a draft, open or running batch (POST .../enrollments with userIds). */
export function EnrollInBatch({ userId, name }: { userId: string; name: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/batches', { params: { path: { tenantId }, query: { limit: 100 } } })),
    [tenantId],
  );
  const [batchId, setBatchId] = useState('');
  const [outcome, setOutcome] = useState('');
  const act = useAction();
  const fid = `enr-${userId}`;
  return (
    <Loaded load={load} retry={retry} cards={1}>
      {(page) => {
        const batches = page.items.filter((b) => b.status === 'draft' || b.status === 'open' || b.status === 'running');
        if (batches.length === 0) return <p class="small muted">{at('users.noBatches')}</p>;
        const chosen = batchId || batches[0]?.id || '';
        return (
          <form
            class="form-inline enroll-form"
            onSubmit={(e) => {
              e.preventDefault();
              setOutcome('');
              void act.run(async () => {
                // With userIds the answer is always the 200 result list.
                const res = (await call(
                  api.POST('/tenants/{tenantId}/batches/{batchId}/enrollments', {
                    params: { path: { tenantId, batchId: chosen } },
                    body: { userIds: [userId] },
                  }),
                )) as Schemas['EnrollMembersResult'];
                const r = res.results[0];
                const batch = batches.find((b) => b.id === chosen)?.name ?? '';
                setOutcome(
                  r?.status
                    ? at('users.enrolled', { name, batch, status: tk('enrollment', r.status) })
                    : at('users.enrollSkipped', { name, reason: atk('enrollError', r?.error ?? '') }),
                );
              });
            }}
          >
            <Field id={fid} label={at('users.enrollIn', { name })}>
              <select id={fid} value={chosen} onChange={(e) => setBatchId(e.currentTarget.value)}>
                {batches.map((b) => (
                  <option value={b.id}>{`${b.name} (${tk('batchStatus', b.status)})`}</option>
                ))}
              </select>
            </Field>
            <button type="submit" class="btn btn-secondary" disabled={act.busy}>
              {t('adm.enrollButton')}
            </button>
            <FormError error={act.error} />
            {outcome ? (
              <p role="status" class="notice notice-ok enroll-outcome">
                {outcome}
              </p>
            ) : null}
          </form>
        );
      }}
    </Loaded>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const { tenantId } = useApp();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [institution, setInstitution] = useState('');
  const [role, setRole] = useState<Role>('learner');
  const [created, setCreated] = useState<Schemas['CreateUserResponse'] | null>(null);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  return (
    <section class="card" aria-labelledby="nu-h">
      <h2 id="nu-h">{at('users.new')}</h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          void act.run(async () => {
            const res = await call(
              api.POST('/tenants/{tenantId}/users', {
                params: { path: { tenantId } },
                body: {
                  username: username.trim(),
                  name: name.trim(),
                  role,
                  ...(email.trim() ? { email: email.trim() } : {}),
                  ...(phone.trim() ? { phone: phone.trim() } : {}),
                  ...(institution.trim() ? { institution: institution.trim() } : {}),
                },
              }),
            );
            setCreated(res);
            setUsername('');
            setName('');
            setEmail('');
            setPhone('');
            setInstitution('');
            onCreated();
          });
        }}
      >
        <Field id="nu-username" label={t('login.username')} hint={t('login.usernameHint')} error={fields.username}>
          <input
            id="nu-username"
            inputMode="numeric"
            required
            value={username}
            aria-describedby={describedBy('nu-username', true, fields.username)}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field id="nu-name" label={at('field.name')} error={fields.name}>
          <input id="nu-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="nu-role" label={at('users.role')} error={fields.role}>
          <select id="nu-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {roles.map((r) => (
              <option value={r}>{atk('role', r)}</option>
            ))}
          </select>
        </Field>
        <Field id="nu-email" label={at('users.emailOptional')} hint={at('users.emailHint')} error={fields.email}>
          <input id="nu-email" type="email" maxLength={254} value={email} aria-describedby="nu-email-hint" onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field id="nu-phone" label={at('field.phone')} hint={at('field.phoneHint')} error={fields.phone}>
          <input id="nu-phone" type="tel" maxLength={20} value={phone} aria-describedby="nu-phone-hint" onInput={(e) => setPhone(e.currentTarget.value)} />
        </Field>
        <Field id="nu-inst" label={at('field.institution')} error={fields.institution}>
          <input id="nu-inst" maxLength={150} value={institution} onInput={(e) => setInstitution(e.currentTarget.value)} />
        </Field>
        <FormError error={act.error} />
        <button type="submit" class="btn" disabled={act.busy}>
          {at('users.add')}
        </button>
      </form>
      {created ? (
        <div role="status">
          <Notice kind="ok">
            <p>{at(created.account.newAccount ? 'users.createdNew' : 'users.createdLinked', { name: created.membership.name, username: created.membership.username })}</p>
          </Notice>
          {created.account.temporaryPassword ? (
            <p>
              {at('users.tempPassword')} <code class="temp-password">{created.account.temporaryPassword}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ImportUsers({ onDone }: { onDone: () => void }) {
  const { tenantId } = useApp();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [file, setFile] = useState('');
  const act = useAction();
  return (
    <section class="card" aria-labelledby="imp-h">
      <h2 id="imp-h">{at('users.import')}</h2>
      <p class="small">{at('users.importHint')}</p>
      <div class="field">
        <label for="imp-file">{at('users.importFile')}</label>
        <input
          id="imp-file"
          type={'file' as 'text'}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={act.busy}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const f = input.files?.[0];
            if (!f) return;
            setReport(null);
            setFile(f.name);
            void act.run(async () => {
              setReport(await postFile<ImportReport>(`/tenants/${encodeURIComponent(tenantId)}/users/import`, f));
              input.value = '';
              onDone();
            });
          }}
        />
      </div>
      {act.busy ? <p aria-live="polite">{at('users.importing', { file })}</p> : null}
      <FormError error={act.error} />
      {report ? <ImportReportView report={report} file={file} /> : null}
    </section>
  );
}

const columnKey: Record<string, AdminKey> = {
  nik_nip: 'users.colUsername',
  name: 'field.name',
  email: 'field.email',
  phone: 'field.phone',
  role: 'users.role',
  institution: 'field.institution',
};

function ImportReportView({ report, file }: { report: ImportReport; file: string }) {
  return (
    <div class="import-report" role="status">
      <Notice kind={report.failed ? 'warn' : 'ok'}>
        <p>
          {at('users.importSummary', {
            file,
            total: report.totalRows,
            created: report.created,
            linked: report.linked,
            unchanged: report.unchanged,
            failed: report.failed,
          })}
        </p>
      </Notice>
      {report.problems.length ? (
        <div class="table-wrap">
          <table>
            <caption>{at('users.problems')}</caption>
            <thead>
              <tr>
                <th scope="col">{at('users.row')}</th>
                <th scope="col">{at('users.column')}</th>
                <th scope="col">{at('users.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p) => (
                <tr>
                  <td>{p.row}</td>
                  <td>{p.field ? at(columnKey[p.field] ?? 'users.column') : at('users.wholeRow')}</td>
                  <td>
                    {p.message} <span class="mono small muted">{p.code}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.accounts.length ? <AccountsTable accounts={report.accounts} /> : null}
    </div>
  );
}

function AccountsTable({ accounts }: { accounts: CreatedAccount[] }) {
  const temp = accounts.filter((a) => a.temporaryPassword);
  return (
    <div class="table-wrap">
      <table>
        <caption>{at('users.accounts', { n: accounts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{at('users.colUsername')}</th>
            <th scope="col">{at('users.account')}</th>
            {temp.length ? <th scope="col">{at('users.tempPasswordCol')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr>
              <td class="mono">{a.username}</td>
              <td>{a.newAccount ? at('users.accountNew') : at('users.accountLinked')}</td>
              {temp.length ? <td class="mono">{a.temporaryPassword ?? '–'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {temp.length ? <p class="small">{at('users.tempPasswordNote')}</p> : null}
    </div>
  );
}
