// Admins: the roster. The HR import (POST .../employees/import, CSV or
// XLSX; ?dryRun=true checks the file and answers its report at once, a
// real import answers 202 with a job whose progress GET
// .../employees/import/{jobId} reports until its per-row report is
// ready), the employees by unit with their duties (verifier, unit
// coordinator, leader; PATCH .../employees/{nip}), and the work units
// (GET/POST/PATCH .../units).

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, call } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime } from '../i18n';
import { tenantPath } from '../router';
import { describedBy, ErrorView, Field, Loaded, Notice, PageTitle, ProgressBar } from '../ui';
import { FormError, useAction } from './form';
import {
  duties as allDuties,
  listUnits,
  query,
  sendSheet,
  tenantBase,
  type Duty,
  type Employee,
  type HRImportJob,
  type HRImportReport,
  type Unit,
} from '../pages/competency-api';
import { ct, ctk } from '../pages/competency-i18n';
import { ProblemsTable } from '../pages/competency-ui';
import '../pages/competency.css';

function Crumb() {
  const { tenantId } = useApp();
  return (
    <p class="crumb">
      <a href={tenantPath(tenantId, 'kompetensi')}>{ct('home.title')}</a>
    </p>
  );
}

function useUnits() {
  const { tenantId } = useApp();
  return useApi(() => listUnits(tenantId), [tenantId]);
}

// -------------------------------------------------------------- employees

export function EmployeesPage() {
  const [units, retryUnits] = useUnits();
  const [version, setVersion] = useState(0);
  return (
    <>
      <Crumb />
      <PageTitle sub={ct('emp.intro')}>{ct('emp.title')}</PageTitle>
      <HRImport
        onDone={() => {
          retryUnits(true);
          setVersion(version + 1);
        }}
      />
      <Loaded load={units} retry={retryUnits} cards={2}>
        {(list) => <EmployeeList units={list} version={version} />}
      </Loaded>
    </>
  );
}

function HRImport({ onDone }: { onDone: () => void }) {
  const { tenantId } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<HRImportJob | null>(null);
  const [report, setReport] = useState<HRImportReport | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const [poll, setPoll] = useState(0);
  const act = useAction();
  const running = !!job && (job.status === 'queued' || job.status === 'running');

  // Follow the queued job until it is done (or failed); a network failure
  // stops the polling with a retry button.
  useEffect(() => {
    if (!job || !running || pollError) return;
    let stop = false;
    const timer = setTimeout(() => {
      call(api.GET('/tenants/{tenantId}/employees/import/{jobId}', { params: { path: { tenantId, jobId: job.id } } })).then(
        (j) => {
          if (stop) return;
          setJob(j);
          if (j.status === 'done') {
            setReport(j.report ?? null);
            onDone();
          }
        },
        (e: unknown) => {
          if (!stop) setPollError(e);
        },
      );
    }, 800);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [job, running, pollError, poll]);

  const send = (dryRun: boolean) =>
    act.run(async () => {
      if (!file) return;
      setReport(null);
      setJob(null);
      setPollError(null);
      const res = await sendSheet<HRImportReport | HRImportJob>('POST', `${tenantBase(tenantId)}/employees/import${query({ dryRun: dryRun || undefined })}`, file);
      if (res.status === 202) setJob(res.data as HRImportJob);
      else setReport(res.data as HRImportReport);
    });

  const percent = job ? (job.rows ? (100 * job.processed) / job.rows : job.status === 'done' ? 100 : 0) : 0;
  return (
    <section class="card" aria-labelledby="hr-h">
      <h2 id="hr-h">{ct('hr.title')}</h2>
      <p class="small">{ct('hr.intro')}</p>
      <div class="field">
        <label for="hr-file">{ct('hr.file')}</label>
        <p class="hint" id="hr-file-hint">
          {ct('hr.fileHint')}
        </p>
        <input
          id="hr-file"
          type={'file' as 'text'}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="hr-file-hint"
          disabled={act.busy || running}
          onChange={(e) => {
            setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
            setReport(null);
            setJob(null);
          }}
        />
      </div>
      <div class="actions">
        <button type="button" class="btn btn-secondary" disabled={!file || act.busy || running} onClick={() => void send(true)}>
          {ct('hr.dryRun')}
        </button>
        <button type="button" class="btn" disabled={!file || act.busy || running} onClick={() => void send(false)}>
          {ct('hr.run')}
        </button>
      </div>
      {act.busy ? <p aria-live="polite">{ct('hr.sending', { file: file?.name ?? '' })}</p> : null}
      <FormError error={act.error} />
      {job ? (
        <div class="hr-job" data-job-status={job.status}>
          <ProgressBar percent={percent} label={ct('hr.progressLabel')} />
          <p class="small" aria-live="polite">
            {ct(`hr.status.${job.status}` as 'hr.status.running', { processed: job.processed, rows: job.rows, total: job.totalRows })}
          </p>
          {job.status === 'failed' ? (
            <Notice kind="warn">
              <p>{job.error || ct('hr.failed')}</p>
            </Notice>
          ) : null}
          {pollError ? (
            <>
              <ErrorView error={pollError} onRetry={() => (setPollError(null), setPoll(poll + 1))} />
            </>
          ) : null}
        </div>
      ) : null}
      {report ? <ReportView report={report} file={file?.name ?? ''} /> : null}
    </section>
  );
}

function ReportView({ report, file }: { report: HRImportReport; file: string }) {
  const accounts = report.accounts ?? [];
  const temp = accounts.filter((a) => a.temporaryPassword);
  return (
    <div class="import-report" role="status">
      <Notice kind={report.failed ? 'warn' : 'ok'}>
        <p>
          {report.dryRun ? <strong>{ct('hr.dryRunNote')} </strong> : null}
          {ct('hr.summary', {
            file,
            total: report.totalRows,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            failed: report.failed,
          })}
        </p>
        {report.unitsCreated?.length ? <p>{ct('hr.unitsCreated', { units: report.unitsCreated.join(', ') })}</p> : null}
      </Notice>
      <ProblemsTable problems={report.problems} />
      {accounts.length ? (
        <div class="table-wrap">
          <table>
            <caption>{ct('hr.accounts', { n: accounts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{ct('field.nip')}</th>
                <th scope="col">{ct('hr.account')}</th>
                {temp.length ? <th scope="col">{ct('hr.tempPassword')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr>
                  <td class="mono">{a.username}</td>
                  <td>{a.newAccount ? ct('hr.accountNew') : ct('hr.accountLinked')}</td>
                  {temp.length ? <td class="mono">{a.temporaryPassword ?? '–'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          {temp.length ? <p class="small">{ct('hr.tempNote')}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

function EmployeeList({ units, version }: { units: Unit[]; version: number }) {
  const { tenantId } = useApp();
  const [unit, setUnit] = useState('');
  const [cursors, setCursors] = useState<string[]>(['']);
  useEffect(() => setCursors(['']), [unit, version]);
  const [load, retry] = useApi(async () => {
    const items: Employee[] = [];
    let next: string | undefined;
    for (const c of cursors) {
      const page = await call(
        api.GET('/tenants/{tenantId}/employees', { params: { path: { tenantId }, query: { limit: 50, ...(unit ? { unit } : {}), ...(c ? { cursor: c } : {}) } } }),
      );
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, next };
  }, [tenantId, unit, version, cursors.join(',')]);
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  return (
    <section class="card" aria-labelledby="emps-h">
      <h2 id="emps-h">{ct('emp.list')}</h2>
      <div class="field field-inline">
        <label for="emp-unit">{ct('field.unit')}</label>
        <select id="emp-unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
          <option value="">{ct('emp.allUnits')}</option>
          {units.map((u) => (
            <option value={u.id}>{u.name}</option>
          ))}
        </select>
      </div>
      <Loaded load={load} retry={retry} cards={1}>
        {({ items, next }) =>
          items.length === 0 ? (
            <p class="muted">{ct('emp.none')}</p>
          ) : (
            <>
              <ul class="member-list emp-list">
                {items.map((e) => (
                  <EmployeeRow key={e.nip} employee={e} unitName={name(e.unitId)} />
                ))}
              </ul>
              {next ? (
                <button type="button" class="btn btn-secondary" onClick={() => setCursors([...cursors, next])}>
                  {ct('common.more')}
                </button>
              ) : null}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function EmployeeRow({ employee, unitName }: { employee: Employee; unitName: string }) {
  const { tenantId } = useApp();
  const [e, setE] = useState(employee);
  useEffect(() => setE(employee), [employee]);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Duty[]>(e.duties ?? []);
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const fid = `emp-${e.nip}`;
  return (
    <li class="member" data-employee={e.nip}>
      <div class="row">
        <div>
          <strong>{e.name}</strong> <span class="mono small">{e.nip}</span>
          <br />
          <span class="small muted">{[unitName, e.position, e.rank].filter(Boolean).join(' · ')}</span>
        </div>
        <div class="badges">
          {(e.duties ?? []).map((d) => (
            <span class="badge badge-duty">{ctk('duty', d)}</span>
          ))}
          <button
            type="button"
            class="btn btn-secondary btn-small"
            aria-expanded={open}
            onClick={() => {
              setOpen(!open);
              setSaved(false);
              setChosen(e.duties ?? []);
            }}
          >
            {ct('emp.editDuties')}
            <span class="sr-only">: {e.name}</span>
          </button>
        </div>
      </div>
      {open ? (
        <form
          class="member-edit"
          onSubmit={(ev) => {
            ev.preventDefault();
            setSaved(false);
            void act.run(async () => {
              const next = await call(
                api.PATCH('/tenants/{tenantId}/employees/{nip}', { params: { path: { tenantId, nip: e.nip } }, body: { duties: chosen, version: e.version } }),
              );
              setE(next);
              setSaved(true);
            });
          }}
        >
          <fieldset class="field">
            <legend>{ct('emp.dutiesOf', { name: e.name })}</legend>
            {allDuties.map((d) => (
              <label class="option">
                <input
                  type="checkbox"
                  name={`${fid}-duty`}
                  value={d}
                  checked={chosen.includes(d)}
                  onChange={(ev) => setChosen(ev.currentTarget.checked ? [...chosen, d] : chosen.filter((x) => x !== d))}
                />
                <span>
                  {ctk('duty', d)} <span class="small muted">– {ctk('dutyHint', d)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FormError error={act.error} />
          {saved ? (
            <p role="status" class="notice notice-ok">
              {ct('emp.dutiesSaved', { name: e.name })}
            </p>
          ) : null}
          <button type="submit" class="btn" disabled={act.busy}>
            {ct('common.save')}
          </button>
        </form>
      ) : null}
    </li>
  );
}

// ------------------------------------------------------------------ units

export function UnitsPage() {
  const [units, retry] = useUnits();
  return (
    <>
      <Crumb />
      <PageTitle sub={ct('units.intro')}>{ct('units.title')}</PageTitle>
      <NewUnit onCreated={() => retry(true)} />
      <Loaded load={units} retry={retry} cards={1}>
        {(list) => (
          <section class="card" aria-labelledby="units-h">
            <h2 id="units-h">{ct('units.list', { n: list.length })}</h2>
            {list.length === 0 ? (
              <p class="muted">{ct('units.none')}</p>
            ) : (
              <ul class="member-list">
                {list.map((u) => (
                  <UnitRow key={u.id} unit={u} onSaved={() => retry(true)} />
                ))}
              </ul>
            )}
          </section>
        )}
      </Loaded>
    </>
  );
}

function NewUnit({ onCreated }: { onCreated: () => void }) {
  const { tenantId } = useApp();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState('');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const first = useRef<HTMLInputElement>(null);
  return (
    <section class="card" aria-labelledby="nu-h">
      <h2 id="nu-h">{ct('units.new')}</h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated('');
          void act.run(async () => {
            const u = await call(api.POST('/tenants/{tenantId}/units', { params: { path: { tenantId } }, body: { id: id.trim(), name: name.trim() } }));
            setCreated(ct('units.created', { name: u.name, id: u.id }));
            setId('');
            setName('');
            first.current?.focus();
            onCreated();
          });
        }}
      >
        <Field id="nu-code" label={ct('units.code')} hint={ct('units.codeHint')} error={fields.id}>
          <input
            id="nu-code"
            ref={first}
            required
            maxLength={32}
            value={id}
            aria-describedby={describedBy('nu-code', true, fields.id)}
            onInput={(e) => setId(e.currentTarget.value.toUpperCase())}
          />
        </Field>
        <Field id="nu-name" label={ct('units.name')} error={fields.name}>
          <input id="nu-name" required minLength={2} maxLength={150} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <FormError error={act.error} />
        {created ? (
          <p role="status" class="notice notice-ok">
            {created}
          </p>
        ) : null}
        <button type="submit" class="btn" disabled={act.busy}>
          {ct('units.add')}
        </button>
      </form>
    </section>
  );
}

function UnitRow({ unit, onSaved }: { unit: Unit; onSaved: () => void }) {
  const { tenantId } = useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(unit.name);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const fid = `unit-${unit.id}`;
  return (
    <li class="member" data-unit={unit.id}>
      <div class="row">
        <div>
          <strong>{unit.name}</strong> <span class="mono small">{unit.id}</span>
          <br />
          <span class="small muted">{ct('units.updated', { at: formatDateTime(unit.updatedAt) })}</span>
        </div>
        <button type="button" class="btn btn-secondary btn-small" aria-expanded={open} onClick={() => (setOpen(!open), setName(unit.name))}>
          {ct('units.rename')}
          <span class="sr-only">: {unit.name}</span>
        </button>
      </div>
      {open ? (
        <form
          class="member-edit form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              await call(
                api.PATCH('/tenants/{tenantId}/units/{unitId}', { params: { path: { tenantId, unitId: unit.id } }, body: { name: name.trim(), version: unit.version } }),
              );
              setOpen(false);
              onSaved();
            });
          }}
        >
          <Field id={fid} label={ct('units.nameOf', { id: unit.id })} error={fields.name}>
            <input id={fid} required minLength={2} maxLength={150} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <button type="submit" class="btn" disabled={act.busy}>
            {ct('common.save')}
          </button>
          <FormError error={act.error} />
        </form>
      ) : null}
    </li>
  );
}
