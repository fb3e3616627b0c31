// Admin: the tenant's audit log (GET /tenants/{t}/audit), newest first, a
// page at a time, each entry with what changed (its before and after). The
// API has no filter; the action filter narrows the page shown.

import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime } from '../i18n';
import { Field, Loaded, PageTitle } from '../ui';
import { Pager, useCursorPages } from './paging';
import { at, atk } from './admin-i18n';

type Entry = Schemas['AuditEntry'];

// Bookkeeping fields that change with every write; not worth showing.
const skip = new Set(['createdAt', 'updatedAt', 'version', 'tenantId', 'userId', 'id']);

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '–';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** One level of nesting flattened (contact.phone, colors.primary), bookkeeping fields left out. */
function flatten(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (skip.has(k)) continue;
    if (isObject(x)) for (const [k2, y] of Object.entries(x)) out[`${k}.${k2}`] = y;
    else out[k] = x;
  }
  return out;
}

/** The fields an entry changed: [field, before, after]. */
export function changes(e: Entry): [string, string, string][] {
  const before = flatten((e.before ?? {}) as Record<string, unknown>);
  const after = flatten((e.after ?? {}) as Record<string, unknown>);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => [k, e.before ? show(before[k]) : '', show(after[k])]);
}

export function AuditPage() {
  const { tenantId } = useApp();
  const pages = useCursorPages();
  const [action, setAction] = useState('');
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/audit', { params: { path: { tenantId }, query: { limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
    [tenantId, pages.cursor],
  );
  return (
    <>
      <PageTitle sub={at('audit.intro')}>{at('audit.title')}</PageTitle>
      <Loaded load={load} retry={retry} cards={1}>
        {(page) => {
          const actions = [...new Set(page.items.map((e) => e.action))].sort();
          const items = action ? page.items.filter((e) => e.action === action) : page.items;
          return (
            <section class="card" aria-labelledby="audit-h">
              <h2 id="audit-h" class="sr-only">
                {at('audit.entries')}
              </h2>
              {actions.length > 1 ? (
                <div class="field-inline">
                  <Field id="audit-action" label={at('audit.filter')}>
                    <select id="audit-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
                      <option value="">{at('users.all')}</option>
                      {actions.map((a) => (
                        <option value={a}>{atk('audit', a)}</option>
                      ))}
                    </select>
                  </Field>
                </div>
              ) : null}
              {items.length === 0 ? (
                <p>{at('audit.none')}</p>
              ) : (
                <ol class="audit-list">
                  {items.map((e) => (
                    <AuditItem key={e.id} entry={e} />
                  ))}
                </ol>
              )}
              <Pager pages={pages} nextCursor={page.nextCursor} label={at('audit.pages')} />
            </section>
          );
        }}
      </Loaded>
    </>
  );
}

function AuditItem({ entry: e }: { entry: Entry }) {
  const diff = changes(e);
  const target = (e.after ?? e.before ?? {}) as { name?: unknown; username?: unknown };
  const who = [target.name, target.username].filter((x) => typeof x === 'string' && x).join(' · ');
  return (
    <li class="audit-entry" data-action={e.action}>
      <div class="row">
        <strong>{atk('audit', e.action)}</strong>
        <time class="small muted" dateTime={e.at}>
          {formatDateTime(e.at)}
        </time>
      </div>
      <p class="small">
        {at('audit.by', { name: e.actorName || e.actorId })} · {atk('auditTarget', e.targetType)}
        {who ? `: ${who}` : ''} <span class="mono muted">{e.targetId}</span>
      </p>
      {diff.length ? (
        <details>
          <summary>{at('audit.changes', { n: diff.length })}</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{at('audit.field')}</th>
                  {e.before ? <th scope="col">{at('audit.before')}</th> : null}
                  <th scope="col">{at('audit.after')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.map(([k, b, a]) => (
                  <tr>
                    <th scope="row" class="mono">
                      {k}
                    </th>
                    {e.before ? <td class="break">{b}</td> : null}
                    <td class="break">{a}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </li>
  );
}
