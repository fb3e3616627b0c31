// The annual training calendar (GET .../calendar?year=): a year view of
// twelve months with their number of trainings, then the plans listed by
// the month they start in. Admins create, edit and delete plans (dates,
// JP, quota, target units, mode, public or internal, status) and link a
// plan to the batch that runs it. The public calendar
// (GET .../calendar/public, no sign-in) shows the public plans to anyone.

import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDate } from '../i18n';
import { tenantPath } from '../router';
import { describedBy, Field, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from '../staff/form';
import { listUnits, modes, planStatuses, type Mode, type Plan, type PlanStatus, type Unit } from './competency-api';
import { ct, ctk } from './competency-i18n';
import { monthName, YearSelect } from './competency-ui';
import './competency.css';

type Batch = Schemas['Batch'];

function years(): number[] {
  const y = todayWIB().year;
  return [y + 1, y, y - 1, y - 2];
}

export function CalendarPage() {
  const { tenantId, membership } = useApp();
  const admin = membership?.role === 'admin';
  const [year, setYear] = useState(todayWIB().year);
  const [load, retry] = useApi(
    () =>
      Promise.all([
        call(api.GET('/tenants/{tenantId}/calendar', { params: { path: { tenantId }, query: { year } } })).then((r) => r.items),
        listUnits(tenantId),
        admin
          ? call(api.GET('/tenants/{tenantId}/batches', { params: { path: { tenantId }, query: { limit: 100 } } })).then((p) => p.items)
          : Promise.resolve([] as Batch[]),
      ]),
    [tenantId, year, admin],
  );
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState('');
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(tenantId, 'kompetensi')}>{ct('home.title')}</a>
      </p>
      <PageTitle sub={ct('cal.intro')}>{ct('cal.title', { year })}</PageTitle>
      <div class="row toolbar">
        <YearSelect id="cal-year" year={year} years={years()} onChange={setYear} />
        <a class="small" href={tenantPath(tenantId, 'kalender')}>
          {ct('cal.publicLink')}
        </a>
      </div>
      {flash ? (
        <div role="status">
          <Notice kind="ok">
            <p>{flash}</p>
          </Notice>
        </div>
      ) : null}
      <Loaded load={load} retry={retry} cards={2}>
        {([plans, units, batches]) => (
          <>
            {admin ? (
              adding ? (
                <section class="card" aria-labelledby="np-h">
                  <h2 id="np-h">{ct('cal.new')}</h2>
                  <PlanForm
                    units={units}
                    batches={batches}
                    year={year}
                    onCancel={() => setAdding(false)}
                    onSaved={(p) => {
                      setAdding(false);
                      setFlash(ct('cal.created', { title: p.title }));
                      if (p.year !== year) setYear(p.year);
                      else retry(true);
                    }}
                  />
                </section>
              ) : (
                <p>
                  <button type="button" class="btn" onClick={() => (setAdding(true), setFlash(''))}>
                    {ct('cal.new')}
                  </button>
                </p>
              )
            ) : null}
            <PlanCalendar
              plans={plans}
              year={year}
              units={units}
              batches={batches}
              admin={admin}
              onChange={(msg) => {
                setFlash(msg);
                retry(true);
              }}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

export function PublicCalendarPage() {
  const { tenantId, tenant } = useApp();
  const [year, setYear] = useState(todayWIB().year);
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/calendar/public', { params: { path: { tenantId }, query: { year } } })).then((r) => r.items),
    [tenantId, year],
  );
  return (
    <>
      <PageTitle sub={ct('cal.publicIntro')}>{ct('cal.publicTitle', { name: tenant?.shortName ?? tenantId, year })}</PageTitle>
      <YearSelect id="pcal-year" year={year} years={years()} onChange={setYear} />
      <Loaded load={load} retry={retry} cards={2}>
        {(plans) => <PlanCalendar plans={plans} year={year} units={[]} batches={[]} admin={false} publicView onChange={() => undefined} />}
      </Loaded>
    </>
  );
}

function PlanCalendar({
  plans,
  year,
  units,
  batches,
  admin,
  publicView = false,
  onChange,
}: {
  plans: Plan[];
  year: number;
  units: Unit[];
  batches: Batch[];
  admin: boolean;
  publicView?: boolean;
  onChange: (message: string) => void;
}) {
  const byMonth = new Map<number, Plan[]>();
  for (const p of [...plans].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const m = Number(p.startDate.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), p]);
  }
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <>
      <section class="card" aria-labelledby="yv-h">
        <h2 id="yv-h">{ct('cal.yearView', { year })}</h2>
        <ol class="cal-year">
          {months.map((m) => {
            const n = byMonth.get(m)?.length ?? 0;
            const label = `${monthName(m)}: ${ct('cal.count', { n })}`;
            return (
              <li class={n ? 'cal-month has-plans' : 'cal-month'}>
                {n ? (
                  <a href={`#bulan-${m}`} data-native>
                    <span class="cal-month-name" aria-hidden="true">
                      {monthName(m, 'short')}
                    </span>
                    <span class="cal-month-count" aria-hidden="true">
                      {n}
                    </span>
                    <span class="sr-only">{label}</span>
                  </a>
                ) : (
                  <span class="cal-month-box">
                    <span class="cal-month-name" aria-hidden="true">
                      {monthName(m, 'short')}
                    </span>
                    <span class="cal-month-count" aria-hidden="true">
                      –
                    </span>
                    <span class="sr-only">{label}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      {plans.length === 0 ? <p class="muted">{ct(publicView ? 'cal.emptyPublic' : 'cal.empty', { year })}</p> : null}
      {months
        .filter((m) => byMonth.has(m))
        .map((m) => (
          <section class="cal-section" id={`bulan-${m}`} aria-labelledby={`bulan-${m}-h`} tabIndex={-1}>
            <h2 id={`bulan-${m}-h`}>{`${monthName(m)} ${year}`}</h2>
            <ul class="plan-list">
              {(byMonth.get(m) ?? []).map((p) => (
                <PlanItem plan={p} units={units} batches={batches} admin={admin} publicView={publicView} onChange={onChange} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}

function PlanItem({
  plan: p,
  units,
  batches,
  admin,
  publicView,
  onChange,
}: {
  plan: Plan;
  units: Unit[];
  batches: Batch[];
  admin: boolean;
  publicView: boolean;
  onChange: (message: string) => void;
}) {
  const { tenantId } = useApp();
  const [editing, setEditing] = useState(false);
  const del = useAction();
  const targets = (p.targetUnits ?? []).map((id) => units.find((u) => u.id === id)?.name ?? id);
  const batch = p.batchId ? batches.find((b) => b.id === p.batchId) : undefined;
  return (
    <li class="card plan" data-plan={p.id}>
      <div class="row">
        <h3 class="h3">{p.title}</h3>
        <span class="badges">
          <span class={`badge badge-plan-${p.status}`}>{ctk('planStatus', p.status)}</span>
          {publicView ? null : <span class="badge">{p.public ? ct('cal.public') : ct('cal.internal')}</span>}
        </span>
      </div>
      <dl class="facts">
        <dt>{ct('field.dates')}</dt>
        <dd>{p.startDate === p.endDate ? formatDate(p.startDate) : `${formatDate(p.startDate)} – ${formatDate(p.endDate)}`}</dd>
        {p.jp ? (
          <>
            <dt>{ct('field.jp')}</dt>
            <dd>{ct('common.jp', { n: p.jp })}</dd>
          </>
        ) : null}
        {p.quota ? (
          <>
            <dt>{ct('cal.quota')}</dt>
            <dd>{ct('cal.people', { n: p.quota })}</dd>
          </>
        ) : null}
        {p.mode ? (
          <>
            <dt>{ct('field.mode')}</dt>
            <dd>{ctk('mode', p.mode)}</dd>
          </>
        ) : null}
        {targets.length ? (
          <>
            <dt>{ct('cal.targets')}</dt>
            <dd>{targets.join(', ')}</dd>
          </>
        ) : null}
        {p.batchId && !publicView ? (
          <>
            <dt>{ct('cal.batch')}</dt>
            <dd>
              <a href={admin ? tenantPath(tenantId, 'kelola', 'angkatan', p.batchId) : tenantPath(tenantId, 'angkatan', p.batchId)}>
                {batch?.name ?? ct('cal.batchLink')}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {p.description ? <p class="plan-desc">{p.description}</p> : null}
      {admin ? (
        editing ? (
          <PlanForm
            plan={p}
            units={units}
            batches={batches}
            year={p.year}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              onChange(ct('cal.saved', { title: saved.title }));
            }}
          />
        ) : (
          <div class="actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
              {ct('common.edit')}
              <span class="sr-only">: {p.title}</span>
            </button>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              disabled={del.busy}
              onClick={() => {
                if (!window.confirm(ct('cal.confirmDelete', { title: p.title }))) return;
                void del.run(async () => {
                  await call(api.DELETE('/tenants/{tenantId}/calendar/{planId}', { params: { path: { tenantId, planId: p.id } } }));
                  onChange(ct('cal.deleted', { title: p.title }));
                });
              }}
            >
              {ct('common.delete')}
              <span class="sr-only">: {p.title}</span>
            </button>
            <FormError error={del.error} />
          </div>
        )
      ) : null}
    </li>
  );
}

function PlanForm({
  plan,
  units,
  batches,
  year,
  onSaved,
  onCancel,
}: {
  plan?: Plan;
  units: Unit[];
  batches: Batch[];
  year: number;
  onSaved: (p: Plan) => void;
  onCancel: () => void;
}) {
  const { tenantId } = useApp();
  const [title, setTitle] = useState(plan?.title ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [start, setStart] = useState(plan?.startDate ?? '');
  const [end, setEnd] = useState(plan?.endDate ?? '');
  const [jp, setJp] = useState(plan?.jp ? String(plan.jp) : '');
  const [quota, setQuota] = useState(plan?.quota ? String(plan.quota) : '');
  const [mode, setMode] = useState<Mode | ''>(plan?.mode ?? '');
  const [status, setStatus] = useState<PlanStatus>(plan?.status ?? 'planned');
  const [pub, setPub] = useState(plan?.public ?? false);
  const [targets, setTargets] = useState<string[]>(plan?.targetUnits ?? []);
  const [batchId, setBatchId] = useState(plan?.batchId ?? '');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const fid = plan ? `pf-${plan.id}` : 'pf-new';
  return (
    <form
      class="form plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const body = {
            title: title.trim(),
            description: description.trim(),
            startDate: start,
            endDate: end,
            jp: Number(jp) || 0,
            quota: Number(quota) || 0,
            targetUnits: targets,
            mode,
            public: pub,
            status,
            batchId,
          };
          const saved = plan
            ? await call(api.PATCH('/tenants/{tenantId}/calendar/{planId}', { params: { path: { tenantId, planId: plan.id } }, body: { ...body, version: plan.version } }))
            : await call(api.POST('/tenants/{tenantId}/calendar', { params: { path: { tenantId } }, body }));
          onSaved(saved);
        });
      }}
    >
      <Field id={`${fid}-title`} label={ct('cal.planTitle')} error={fields.title}>
        <input id={`${fid}-title`} required minLength={3} maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-desc`} label={ct('cal.description')} hint={ct('cal.descriptionHint')} error={fields.description}>
        <textarea
          id={`${fid}-desc`}
          rows={3}
          maxLength={2000}
          value={description}
          aria-describedby={describedBy(`${fid}-desc`, true, fields.description)}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </Field>
      <div class="field-pair">
        <Field id={`${fid}-start`} label={ct('field.startDate')} error={fields.startDate}>
          <input
            id={`${fid}-start`}
            type={'date' as 'text'}
            required
            min={plan ? undefined : `${year - 1}-01-01`}
            value={start}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${fid}-end`} label={ct('field.endDate')} error={fields.endDate}>
          <input id={`${fid}-end`} type={'date' as 'text'} required min={start || undefined} value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
        </Field>
      </div>
      <div class="field-pair">
        <Field id={`${fid}-jp`} label={ct('field.jp')} error={fields.jp}>
          <input id={`${fid}-jp`} type={'number' as 'text'} min={0} max={500} step={1} value={jp} onInput={(e) => setJp(e.currentTarget.value)} />
        </Field>
        <Field id={`${fid}-quota`} label={ct('cal.quota')} error={fields.quota}>
          <input id={`${fid}-quota`} type={'number' as 'text'} min={0} max={100000} step={1} value={quota} onInput={(e) => setQuota(e.currentTarget.value)} />
        </Field>
      </div>
      <div class="field-pair">
        <Field id={`${fid}-mode`} label={ct('field.mode')} error={fields.mode}>
          <select id={`${fid}-mode`} value={mode} onChange={(e) => setMode(e.currentTarget.value as Mode | '')}>
            <option value="">{ct('cal.modeUnknown')}</option>
            {modes.map((m) => (
              <option value={m}>{ctk('mode', m)}</option>
            ))}
          </select>
        </Field>
        <Field id={`${fid}-status`} label={ct('cal.status')} error={fields.status}>
          <select id={`${fid}-status`} value={status} onChange={(e) => setStatus(e.currentTarget.value as PlanStatus)}>
            {planStatuses.map((s) => (
              <option value={s}>{ctk('planStatus', s)}</option>
            ))}
          </select>
        </Field>
      </div>
      <label class="check">
        <input type="checkbox" checked={pub} onChange={(e) => setPub(e.currentTarget.checked)} />
        {ct('cal.publicCheck')}
      </label>
      {units.length ? (
        <fieldset class="field unit-choices">
          <legend>{ct('cal.targets')}</legend>
          <p class="hint">{ct('cal.targetsHint')}</p>
          <div class="unit-choice-list">
            {units.map((u) => (
              <label class="option">
                <input
                  type="checkbox"
                  checked={targets.includes(u.id)}
                  onChange={(e) => setTargets(e.currentTarget.checked ? [...targets, u.id] : targets.filter((x) => x !== u.id))}
                />
                {u.name}
              </label>
            ))}
          </div>
          {fields.targetUnits ? <p class="field-error">{fields.targetUnits}</p> : null}
        </fieldset>
      ) : null}
      <Field id={`${fid}-batch`} label={ct('cal.batch')} hint={ct('cal.batchHint')} error={fields.batchId}>
        <select
          id={`${fid}-batch`}
          value={batchId}
          aria-describedby={describedBy(`${fid}-batch`, true, fields.batchId)}
          onChange={(e) => setBatchId(e.currentTarget.value)}
        >
          <option value="">{ct('cal.noBatch')}</option>
          {batches.map((b) => (
            <option value={b.id}>{`${b.name} (${formatDate(b.startDate)})`}</option>
          ))}
        </select>
      </Field>
      <FormError error={act.error} />
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {plan ? ct('common.save') : ct('cal.create')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {ct('common.cancel')}
        </button>
      </div>
    </form>
  );
}
