// Competency development for every member (SIM Pionir's flow): the hub
// (my roster record, what my duties let me do, my claims), the claim form
// with its documents uploaded straight to storage (POST .../uploads with
// purpose claim, presigned PUT with progress, then waiting until the
// upload is checked), the claim page (history, fix and resubmit; for
// verifiers: documents, approve with an optional JP correction, ask for a
// revision, reject) and the verifiers' queue. A unit coordinator files a
// unit training (PSPKU) the same way and uploads its participant list.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, call } from '../api/client';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDate, formatDateTime, formatSize } from '../i18n';
import { navigate, tenantPath } from '../router';
import { describedBy, ErrorView, Field, Loaded, Notice, PageTitle, ProgressBar } from '../ui';
import { FormError, useAction } from '../staff/form';
import { Uploader, type UploadState } from '../staff/upload';
import {
  areas,
  jpFromHours,
  modes,
  proposedJP,
  listUnits,
  requiredDocs,
  sendSheet,
  sleep,
  tenantBase,
  myEmployee,
  type Claim,
  type Area,
  type ClaimKind,
  type ClaimStatus,
  type ClaimView,
  type DocumentKind,
  type Duty,
  type Employee,
  type Mode,
  type Page,
  type ParticipantsReport,
  type Unit,
} from './competency-api';
import { ct, ctk } from './competency-i18n';
import { ProblemsTable } from './competency-ui';
import './competency.css';

const home = (tenantId: string, ...rest: string[]) => tenantPath(tenantId, 'kompetensi', ...rest);

/** My roster record and the tenant's units (both small). */
function useRoster(tenantId: string) {
  return useApi(
    () => Promise.all([myEmployee(tenantId), listUnits(tenantId)]),
    [tenantId],
  );
}

const unitName = (units: Unit[], id: string) => units.find((u) => u.id === id)?.name ?? id;

// ------------------------------------------------------------------- hub

export function CompetencyHomePage() {
  const { tenantId, membership } = useApp();
  const [load, retry] = useRoster(tenantId);
  return (
    <>
      <PageTitle sub={ct('home.intro')}>{ct('home.title')}</PageTitle>
      <Loaded load={load} retry={retry} cards={2}>
        {([emp, units]) => <Hub emp={emp} units={units} admin={membership?.role === 'admin'} />}
      </Loaded>
    </>
  );
}

function Hub({ emp, units, admin }: { emp: Employee | null; units: Unit[]; admin: boolean }) {
  const { tenantId } = useApp();
  const holds = (d: Duty) => admin || !!emp?.duties?.includes(d);
  const tiles: [string, string, string][] = [];
  if (emp) tiles.push([home(tenantId, 'pengajuan', 'baru'), ct('home.newClaim'), ct('home.newClaimHint')]);
  if (holds('coordinator')) tiles.push([home(tenantId, 'pengajuan', 'baru') + '?jenis=unit', ct('home.newUnit'), ct('home.newUnitHint')]);
  if (holds('verifier')) tiles.push([home(tenantId, 'verifikasi'), ct('home.queue'), ct('home.queueHint')]);
  if (holds('leader')) tiles.push([home(tenantId, 'dasbor'), ct('home.dashboard'), ct('home.dashboardHint')]);
  tiles.push([home(tenantId, 'kalender'), ct('home.calendar'), ct('home.calendarHint')]);
  if (admin) {
    tiles.push([home(tenantId, 'pegawai'), ct('home.employees'), ct('home.employeesHint')]);
    tiles.push([home(tenantId, 'unit'), ct('home.units'), ct('home.unitsHint')]);
  }
  return (
    <>
      {emp ? (
        <section class="card" aria-labelledby="me-h">
          <h2 id="me-h">{ct('home.me')}</h2>
          <dl class="facts">
            <dt>{ct('field.nip')}</dt>
            <dd class="mono">{emp.nip}</dd>
            <dt>{ct('field.unit')}</dt>
            <dd>{emp.unitId ? unitName(units, emp.unitId) : '–'}</dd>
            {emp.position ? (
              <>
                <dt>{ct('field.position')}</dt>
                <dd>{emp.position}</dd>
              </>
            ) : null}
            <dt>{ct('field.duties')}</dt>
            <dd>{emp.duties?.length ? emp.duties.map((d) => ctk('duty', d)).join(', ') : ct('home.noDuties')}</dd>
          </dl>
        </section>
      ) : (
        <Notice kind="info">
          <p>{ct(admin ? 'home.notEmployeeAdmin' : 'home.notEmployee')}</p>
        </Notice>
      )}
      <nav aria-label={ct('home.menu')}>
        <ul class="comp-tiles">
          {tiles.map(([href, title, hint]) => (
            <li>
              <a class="card comp-tile" href={href}>
                <span class="comp-tile-title">{title}</span>
                <span class="small muted">{hint}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {emp || admin ? <MyClaims /> : null}
    </>
  );
}

/** Pages of a cursor-paged list, accumulated ("show more"). */
function usePaged<T>(page: (cursor: string) => Promise<Page<T>>, deps: unknown[]) {
  const [cursors, setCursors] = useState<string[]>(['']);
  useEffect(() => setCursors(['']), deps);
  const [load, retry] = useApi(async () => {
    const items: T[] = [];
    let next: string | undefined;
    for (const c of cursors) {
      const p = await page(c);
      items.push(...p.items);
      next = p.nextCursor;
    }
    return { items, next };
  }, [...deps, cursors.join(',')]);
  const more = (next: string) => setCursors([...cursors, next]);
  return { load, retry, more };
}

function MyClaims() {
  const { tenantId } = useApp();
  const { load, retry, more } = usePaged<Claim>(
    (c) => call(api.GET('/tenants/{tenantId}/me/claims', { params: { path: { tenantId }, query: { limit: 20, ...(c ? { cursor: c } : {}) } } })),
    [tenantId],
  );
  return (
    <section class="card" aria-labelledby="mine-h">
      <h2 id="mine-h">{ct('home.mine')}</h2>
      <Loaded load={load} retry={retry} cards={1}>
        {({ items, next }) =>
          items.length === 0 ? (
            <p class="muted">{ct('home.mineEmpty')}</p>
          ) : (
            <>
              <ClaimList claims={items} showFiler={false} />
              {next ? (
                <button type="button" class="btn btn-secondary" onClick={() => more(next)}>
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

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return <span class={`badge badge-claim-${status}`}>{ctk('claimStatus', status)}</span>;
}

function ClaimList({ claims, showFiler }: { claims: Claim[]; showFiler: boolean }) {
  const { tenantId } = useApp();
  return (
    <ul class="claim-list">
      {claims.map((c) => {
        const jp = c.status === 'approved' && c.creditedJp ? c.creditedJp : proposedJP(c);
        return (
          <li class="claim-row" data-claim={c.id}>
            <div class="row">
              <a class="claim-title" href={home(tenantId, 'pengajuan', c.id)}>
                {c.title}
              </a>
              <span class="badges">
                <span class="badge">{ctk('kind', c.kind)}</span>
                <StatusBadge status={c.status} />
              </span>
            </div>
            <p class="small muted">
              {[
                showFiler ? `${c.userName}${c.nip ? ` (${c.nip})` : ''}` : '',
                c.organizer,
                c.startDate === c.endDate ? formatDate(c.startDate) : `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`,
                ct(c.status === 'approved' ? 'claim.jpCredited' : 'claim.jpProposed', { n: jp }),
                ct('claim.updated', { at: formatDateTime(c.updatedAt) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

// ------------------------------------------------------------ documents

type Doc = { kind: DocumentKind; uploadId: string; fileName: string };
const acceptDocs = '.pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,application/pdf,image/png,image/jpeg,image/webp';
const maxDocBytes = 20 * 1024 * 1024;

/**
 * One document of a claim: choose a file, upload it with a progress bar,
 * wait until it is checked (status ready), or see why it failed and choose
 * another. onChange gets the ready document, or null while there is none.
 */
function DocSlot({
  id,
  kind,
  required,
  doc,
  error,
  onChange,
  onBusy,
}: {
  id: string;
  kind: DocumentKind;
  required: boolean;
  doc: Doc | null;
  error?: string | undefined;
  onChange: (d: Doc | null) => void;
  onBusy: (busy: boolean) => void;
}) {
  const { tenantId } = useApp();
  const [state, setState] = useState<UploadState | null>(null);
  const [checking, setChecking] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const label = ctk('doc', kind);

  const choose = async (file: File) => {
    setFailure(null);
    setReason('');
    if (file.size > maxDocBytes) {
      setReason(ct('doc.tooLarge', { max: formatSize(maxDocBytes) }));
      return;
    }
    onBusy(true);
    onChange(null);
    try {
      // A claim's document belongs to no course (no course or item id).
      const up = new Uploader(tenantId, file, { courseId: '', itemId: '', purpose: 'claim' }, (s) => {
        if (alive.current) setState(s);
      });
      setState(up.state);
      await up.start();
      const uploadId = up.state.upload?.id ?? '';
      setChecking(uploadId);
      // The transcode function checks the bytes (type, checksum): wait for it.
      for (let i = 0; ; i++) {
        const u = await call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId, uploadId } } }));
        if (!alive.current) return;
        if (u.status === 'ready') {
          onChange({ kind, uploadId, fileName: u.fileName });
          break;
        }
        if (u.status === 'failed' || u.status === 'aborted') {
          setReason(u.reasonMessage ?? ct('doc.failed'));
          break;
        }
        await sleep(i < 10 ? 500 : 2000);
      }
    } catch (e) {
      if (alive.current) setFailure(e);
    } finally {
      if (alive.current) {
        setState(null);
        setChecking('');
        onBusy(false);
      }
    }
  };

  const busy = !!state || !!checking;
  const inputId = `${id}-file`;
  const problem = reason || error;
  return (
    <div class={problem ? 'doc-slot has-error' : 'doc-slot'} data-doc={kind}>
      <div class="row">
        <span class="doc-label" id={`${id}-label`}>
          {label} {required ? <span class="req">({ct('form.required')})</span> : <span class="req">({ct('form.optional')})</span>}
        </span>
        {doc && !busy ? (
          <span class="doc-ready" role="status">
            <span class="badge badge-claim-approved">{ct('doc.ready')}</span> <span class="break">{doc.fileName}</span>
          </span>
        ) : null}
      </div>
      {!busy ? (
        <div class="field">
          <label for={inputId}>{doc ? ct('doc.replace', { doc: label }) : ct('doc.choose', { doc: label })}</label>
          <input
            id={inputId}
            type={'file' as 'text'}
            accept={acceptDocs}
            aria-describedby={[`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const f = input.files?.[0];
              if (f) void choose(f);
              input.value = '';
            }}
          />
          <p class="hint" id={`${id}-hint`}>
            {ct('doc.hint', { max: formatSize(maxDocBytes) })}
          </p>
        </div>
      ) : null}
      {state ? (
        <div class="upload-progress">
          <ProgressBar percent={state.total ? (100 * state.sent) / state.total : 0} label={ct('doc.progress', { doc: label })} />
          <p class="small muted" aria-live="polite">
            {ctk('phase', state.phase)} · {formatSize(state.sent)} / {formatSize(state.total)}
          </p>
        </div>
      ) : checking ? (
        <p class="small" aria-live="polite">
          {ct('doc.checking')}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      ) : null}
      {failure ? <ErrorView error={failure} /> : null}
      {doc && !busy && !required ? (
        <button type="button" class="btn btn-ghost btn-small" onClick={() => onChange(null)}>
          {ct('doc.remove', { doc: label })}
        </button>
      ) : null}
    </div>
  );
}

// ------------------------------------------------------------ claim form

interface FormProps {
  kind: ClaimKind;
  emp: Employee | null;
  units: Unit[];
  admin: boolean;
  /** Editing: the claim as stored (draft or sent back for revision). */
  claim?: ClaimView;
  onSaved: (c: ClaimView, submitted: boolean) => void;
}

function ClaimForm({ kind, emp, units, admin, claim, onSaved }: FormProps) {
  const { tenantId } = useApp();
  const today = todayWIB().date;
  const [title, setTitle] = useState(claim?.title ?? '');
  const [organizer, setOrganizer] = useState(claim?.organizer ?? '');
  const [start, setStart] = useState(claim?.startDate ?? '');
  const [end, setEnd] = useState(claim?.endDate ?? '');
  const [unit, setUnit] = useState(claim?.unitId ?? (admin && !emp?.duties?.includes('coordinator') ? (units[0]?.id ?? '') : (emp?.unitId ?? '')));
  const [per, setPer] = useState<'hours' | 'jp'>(claim?.statedJp ? 'jp' : 'hours');
  const [amount, setAmount] = useState(claim ? String(claim.statedJp || claim.hours || '') : '');
  const [area, setArea] = useState<Area | ''>(claim?.area ?? '');
  const [mode, setMode] = useState<Mode | ''>(claim?.mode ?? '');
  const slots: DocumentKind[] = [...requiredDocs[kind], 'other'];
  const [docs, setDocs] = useState<Partial<Record<DocumentKind, Doc>>>(() => {
    const out: Partial<Record<DocumentKind, Doc>> = {};
    for (const d of claim?.documents ?? []) out[d.kind] = d;
    return out;
  });
  const [busyDocs, setBusyDocs] = useState<Set<DocumentKind>>(new Set());
  const [docErrors, setDocErrors] = useState<Partial<Record<DocumentKind, string>>>({});
  const [local, setLocal] = useState('');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const fid = claim ? `cf-${claim.id}` : 'cf';
  const amountNum = Number(amount.replace(',', '.'));
  const jpPreview = per === 'hours' ? jpFromHours(amountNum) : Math.floor(amountNum);
  const coordinator = !admin;
  // A new unit training is saved as a draft first: its participant list
  // is uploaded on the claim's page, then it is sent.
  const primarySubmit = !(kind === 'unit' && !claim);

  const order = slots.filter((k) => docs[k]);
  // Server errors on documents[i] belong to the i-th document sent.
  const serverDocError = (k: DocumentKind) => {
    const i = order.indexOf(k);
    return i >= 0 ? fields[`documents[${i}]`] : undefined;
  };

  const save = (submit: boolean) =>
    act.run(async () => {
      setLocal('');
      if (busyDocs.size > 0) {
        setLocal(ct('form.waitUploads'));
        return;
      }
      if (submit) {
        const missing: Partial<Record<DocumentKind, string>> = {};
        for (const k of requiredDocs[kind]) if (!docs[k]) missing[k] = ct('doc.missing', { doc: ctk('doc', k) });
        setDocErrors(missing);
        const first = Object.keys(missing)[0];
        if (first) {
          setLocal(ct('form.docsMissing'));
          document.getElementById(`${fid}-${first}-file`)?.focus();
          return;
        }
      } else setDocErrors({});
      const fieldsBody = {
        title: title.trim(),
        organizer: organizer.trim(),
        startDate: start,
        endDate: end,
        ...(per === 'hours' ? { hours: amountNum } : { jp: Math.floor(amountNum) }),
        // Both selects are required: the browser does not submit them empty.
        area: area as Area,
        mode: mode as Mode,
        documents: order.map((k) => ({ kind: k, uploadId: (docs[k] as Doc).uploadId })),
      };
      let saved: ClaimView;
      if (claim) {
        const path = { tenantId, claimId: claim.id };
        saved = await call(api.PATCH('/tenants/{tenantId}/claims/{claimId}', { params: { path }, body: { ...fieldsBody, version: claim.version } }));
        if (submit) saved = await call(api.POST('/tenants/{tenantId}/claims/{claimId}/submit', { params: { path }, body: { version: saved.version } }));
      } else {
        saved = await call(
          api.POST('/tenants/{tenantId}/claims', {
            params: { path: { tenantId } },
            body: { kind, ...(kind === 'unit' ? { unitId: unit } : {}), ...fieldsBody, submit },
          }),
        );
      }
      onSaved(saved, submit);
    });

  return (
    <form
      class="card form claim-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(primarySubmit);
      }}
    >
      {kind === 'unit' ? (
        <Field id={`${fid}-unit`} label={ct('field.unit')} error={fields.unitId}>
          {claim || coordinator ? (
            <input id={`${fid}-unit`} readOnly value={unitName(units, unit)} />
          ) : (
            <select id={`${fid}-unit`} required value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
              {units.map((u) => (
                <option value={u.id}>{`${u.name} (${u.id})`}</option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id={`${fid}-title`} label={ct('field.title')} hint={ct('field.titleHint')} error={fields.title}>
        <input
          id={`${fid}-title`}
          required
          minLength={3}
          maxLength={200}
          value={title}
          aria-describedby={describedBy(`${fid}-title`, true, fields.title)}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${fid}-org`} label={ct('field.organizer')} hint={ct('field.organizerHint')} error={fields.organizer}>
        <input
          id={`${fid}-org`}
          required
          minLength={2}
          maxLength={200}
          value={organizer}
          aria-describedby={describedBy(`${fid}-org`, true, fields.organizer)}
          onInput={(e) => setOrganizer(e.currentTarget.value)}
        />
      </Field>
      <div class="field-pair">
        <Field id={`${fid}-start`} label={ct('field.startDate')} error={fields.startDate}>
          <input
            id={`${fid}-start`}
            type={'date' as 'text'}
            required
            max={end || today}
            value={start}
            aria-describedby={describedBy(`${fid}-start`, false, fields.startDate)}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </Field>
        <Field id={`${fid}-end`} label={ct('field.endDate')} error={fields.endDate}>
          <input
            id={`${fid}-end`}
            type={'date' as 'text'}
            required
            min={start || undefined}
            max={today}
            value={end}
            aria-describedby={describedBy(`${fid}-end`, false, fields.endDate)}
            onInput={(e) => setEnd(e.currentTarget.value)}
          />
        </Field>
      </div>
      <fieldset class="field">
        <legend>{ct('field.duration')}</legend>
        <p class="hint" id={`${fid}-per-hint`}>
          {ct('field.durationHint')}
        </p>
        <div class="choice-row">
          <label class="option">
            <input type="radio" name={`${fid}-per`} checked={per === 'hours'} onChange={() => setPer('hours')} />
            {ct('field.perHours')}
          </label>
          <label class="option">
            <input type="radio" name={`${fid}-per`} checked={per === 'jp'} onChange={() => setPer('jp')} />
            {ct('field.perJp')}
          </label>
        </div>
        <label for={`${fid}-amount`} class="sub-label">
          {per === 'hours' ? ct('field.hours') : ct('field.jp')}
        </label>
        <input
          id={`${fid}-amount`}
          type={'number' as 'text'}
          inputMode="decimal"
          required
          min={per === 'hours' ? 0.75 : 1}
          max={per === 'hours' ? 2000 : 500}
          step={per === 'hours' ? 0.25 : 1}
          value={amount}
          aria-describedby={[`${fid}-per-hint`, `${fid}-jp-preview`, fields.hours || fields.jp ? `${fid}-amount-error` : ''].filter(Boolean).join(' ')}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <p class="small" id={`${fid}-jp-preview`} aria-live="polite">
          {per === 'hours' && amountNum > 0 ? ct('field.jpPreview', { n: jpPreview }) : ''}
        </p>
        {fields.hours || fields.jp ? (
          <p class="field-error" id={`${fid}-amount-error`}>
            {fields.hours ?? fields.jp}
          </p>
        ) : null}
      </fieldset>
      <div class="field-pair">
        <Field id={`${fid}-area`} label={ct('field.area')} error={fields.area}>
          <select id={`${fid}-area`} required value={area} onChange={(e) => setArea(e.currentTarget.value as Area | '')}>
            <option value="">{ct('form.choose')}</option>
            {areas.map((a) => (
              <option value={a}>{ctk('area', a)}</option>
            ))}
          </select>
        </Field>
        <Field id={`${fid}-mode`} label={ct('field.mode')} error={fields.mode}>
          <select id={`${fid}-mode`} required value={mode} onChange={(e) => setMode(e.currentTarget.value as Mode | '')}>
            <option value="">{ct('form.choose')}</option>
            {modes.map((m) => (
              <option value={m}>{ctk('mode', m)}</option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset class="field docs">
        <legend>{ct('form.documents')}</legend>
        <p class="hint">{ct(kind === 'unit' ? 'form.documentsUnitHint' : 'form.documentsHint')}</p>
        {slots.map((k) => (
          <DocSlot
            id={`${fid}-${k}`}
            kind={k}
            required={requiredDocs[kind].includes(k)}
            doc={docs[k] ?? null}
            error={docErrors[k] ?? serverDocError(k)}
            onChange={(d) => {
              setDocs((prev) => {
                const next = { ...prev };
                if (d) next[k] = d;
                else delete next[k];
                return next;
              });
              if (d) setDocErrors((prev) => ({ ...prev, [k]: undefined }));
            }}
            onBusy={(b) =>
              setBusyDocs((prev) => {
                const next = new Set(prev);
                if (b) next.add(k);
                else next.delete(k);
                return next;
              })
            }
          />
        ))}
        {fields.documents ? <p class="field-error">{fields.documents}</p> : null}
      </fieldset>
      {local ? (
        <p class="form-error" role="alert">
          {local}
        </p>
      ) : null}
      <FormError error={act.error} />
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {!primarySubmit ? ct('form.saveUnit') : claim?.status === 'revision' ? ct('form.resubmit') : ct('form.submit')}
        </button>
        {primarySubmit ? (
          <button
            type="button"
            class="btn btn-secondary"
            disabled={act.busy}
            onClick={(e) => {
              const form = (e.currentTarget as HTMLButtonElement).form;
              if (form && !form.reportValidity()) return;
              void save(false);
            }}
          >
            {ct('form.saveDraft')}
          </button>
        ) : null}
      </div>
      {act.busy ? (
        <p class="small muted" aria-live="polite">
          {ct('form.saving')}
        </p>
      ) : null}
    </form>
  );
}

export function ClaimFormPage() {
  const { tenantId, location, membership } = useApp();
  const kind: ClaimKind = location.query.get('jenis') === 'unit' ? 'unit' : 'external';
  const admin = membership?.role === 'admin';
  const [load, retry] = useRoster(tenantId);
  return (
    <>
      <p class="crumb">
        <a href={home(tenantId)}>{ct('home.title')}</a>
      </p>
      <PageTitle sub={ct(kind === 'unit' ? 'form.unitIntro' : 'form.externalIntro')}>
        {ct(kind === 'unit' ? 'form.unitTitle' : 'form.externalTitle')}
      </PageTitle>
      <Loaded load={load} retry={retry} cards={2}>
        {([emp, units]) => {
          if (kind === 'external' && !emp) return <Notice kind="warn">{ct('home.notEmployee')}</Notice>;
          if (kind === 'unit' && !admin && !emp?.duties?.includes('coordinator')) return <Notice kind="warn">{ct('form.coordinatorOnly')}</Notice>;
          if (kind === 'unit' && units.length === 0) return <Notice kind="warn">{ct('form.noUnits')}</Notice>;
          return (
            <ClaimForm
              kind={kind}
              emp={emp}
              units={units}
              admin={admin}
              onSaved={(c, submitted) => navigate(`${home(tenantId, 'pengajuan', c.id)}?${submitted ? 'terkirim' : 'disimpan'}=1`)}
            />
          );
        }}
      </Loaded>
    </>
  );
}

// ------------------------------------------------------------ claim page

export function ClaimPage({ claimId }: { claimId: string }) {
  const { tenantId, membership, me, location } = useApp();
  const [load, retry] = useApi(
    () =>
      Promise.all([
        call(api.GET('/tenants/{tenantId}/claims/{claimId}', { params: { path: { tenantId, claimId } } })),
        myEmployee(tenantId),
        listUnits(tenantId),
      ]),
    [tenantId, claimId],
  );
  const [flash, setFlash] = useState(
    location.query.get('terkirim') ? ct('claim.flashSubmitted') : location.query.get('disimpan') ? ct('claim.flashSaved') : '',
  );
  const userId = me?.state === 'ok' ? me.data.user.id : '';
  const admin = membership?.role === 'admin';
  return (
    <Loaded load={load} retry={retry} cards={3}>
      {([claim, emp, units]) => {
        const own = claim.userId === userId;
        const verifier = admin || !!emp?.duties?.includes('verifier');
        return (
          <>
            <p class="crumb">
              <a href={own ? home(tenantId) : home(tenantId, 'verifikasi')}>{own ? ct('home.title') : ct('queue.title')}</a>
            </p>
            <PageTitle sub={ctk('kind', claim.kind)}>{claim.title}</PageTitle>
            {flash ? (
              <div role="status">
                <Notice kind="ok">
                  <p>{flash}</p>
                </Notice>
              </div>
            ) : null}
            <ClaimSummary claim={claim} units={units} />
            <Documents claim={claim} onRefresh={() => retry(true)} />
            {claim.kind === 'unit' ? (
              <Participants claim={claim} editable={own && (claim.status === 'draft' || claim.status === 'revision')} onChange={() => retry(true)} />
            ) : null}
            <History claim={claim} />
            {own && (claim.status === 'draft' || claim.status === 'revision') ? (
              <section aria-labelledby="fix-h">
                <h2 id="fix-h">{claim.status === 'revision' ? ct('claim.fixTitle') : ct('claim.editTitle')}</h2>
                <ClaimForm
                  kind={claim.kind}
                  emp={emp}
                  units={units}
                  admin={admin}
                  claim={claim}
                  onSaved={(_, submitted) => {
                    setFlash(submitted ? ct('claim.flashSubmitted') : ct('claim.flashSaved'));
                    retry(true);
                    window.scrollTo(0, 0);
                  }}
                />
              </section>
            ) : null}
            {!own && verifier && claim.status === 'submitted' ? (
              <Decision
                claim={claim}
                onDone={(c) => {
                  setFlash(ct(`decision.done.${c.status}` as 'decision.done.approved', { jp: c.creditedJp ?? 0, name: c.userName }));
                  retry(true);
                  window.scrollTo(0, 0);
                }}
              />
            ) : null}
          </>
        );
      }}
    </Loaded>
  );
}

function ClaimSummary({ claim, units }: { claim: ClaimView; units: Unit[] }) {
  const revision = claim.status === 'revision' ? [...claim.history].reverse().find((h) => h.action === 'revision_requested') : undefined;
  const rejected = claim.status === 'rejected' ? [...claim.history].reverse().find((h) => h.action === 'rejected') : undefined;
  return (
    <section class="card" aria-labelledby="sum-h">
      <div class="row">
        <h2 id="sum-h">{ct('claim.summary')}</h2>
        <StatusBadge status={claim.status} />
      </div>
      {revision ? (
        <Notice kind="warn">
          <p>
            <strong>{ct('claim.revisionAsked', { name: revision.byName })}</strong> {revision.comment}
          </p>
        </Notice>
      ) : null}
      {rejected ? (
        <Notice kind="warn">
          <p>
            <strong>{ct('claim.rejectedBy', { name: rejected.byName })}</strong> {rejected.comment}
          </p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>{ct(claim.kind === 'unit' ? 'field.coordinator' : 'field.filer')}</dt>
        <dd>
          {claim.userName}
          {claim.nip ? <span class="mono small"> ({claim.nip})</span> : null}
        </dd>
        <dt>{ct('field.unit')}</dt>
        <dd>{claim.unitId ? unitName(units, claim.unitId) : '–'}</dd>
        <dt>{ct('field.organizer')}</dt>
        <dd>{claim.organizer}</dd>
        <dt>{ct('field.dates')}</dt>
        <dd>{claim.startDate === claim.endDate ? formatDate(claim.startDate) : `${formatDate(claim.startDate)} – ${formatDate(claim.endDate)}`}</dd>
        <dt>{ct('field.duration')}</dt>
        <dd>{claim.statedJp ? ct('claim.statedJp', { n: claim.statedJp }) : ct('claim.hours', { n: claim.hours ?? 0 })}</dd>
        <dt>{ct('field.proposedJp')}</dt>
        <dd>
          <strong>{ct('common.jp', { n: claim.proposedJp })}</strong>
        </dd>
        {claim.status === 'approved' ? (
          <>
            <dt>{ct('field.creditedJp')}</dt>
            <dd>
              <strong data-credited-jp>{ct('common.jp', { n: claim.creditedJp ?? 0 })}</strong>
              {claim.creditedAt ? null : <span class="small muted"> {ct('claim.crediting')}</span>}
            </dd>
          </>
        ) : null}
        <dt>{ct('field.area')}</dt>
        <dd>{ctk('area', claim.area)}</dd>
        <dt>{ct('field.mode')}</dt>
        <dd>{ctk('mode', claim.mode)}</dd>
      </dl>
    </section>
  );
}

function Documents({ claim, onRefresh }: { claim: ClaimView; onRefresh: () => void }) {
  return (
    <section class="card" aria-labelledby="docs-h">
      <h2 id="docs-h">{ct('form.documents')}</h2>
      {claim.documents.length === 0 ? (
        <p class="muted">{ct('claim.noDocuments')}</p>
      ) : (
        <>
          <ul class="doc-list">
            {claim.documents.map((d) => {
              const link = claim.documentLinks[d.uploadId];
              return (
                <li>
                  <span class="doc-kind">{ctk('doc', d.kind)}</span>{' '}
                  {link ? (
                    <a href={link} target="_blank" rel="noopener noreferrer" aria-label={ct('claim.openDoc', { doc: ctk('doc', d.kind), file: d.fileName })}>
                      {d.fileName}
                    </a>
                  ) : (
                    <span>
                      {d.fileName} <span class="small muted">({ct('claim.docGone')})</span>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <p class="small muted">
            {ct('claim.linksExpire')}{' '}
            <button type="button" class="link-button" onClick={onRefresh}>
              {ct('claim.refreshLinks')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function Participants({ claim, editable, onChange }: { claim: ClaimView; editable: boolean; onChange: () => void }) {
  const { tenantId } = useApp();
  const [report, setReport] = useState<ParticipantsReport | null>(null);
  const [file, setFile] = useState('');
  const act = useAction();
  const list = report?.participants ?? claim.participants ?? [];
  return (
    <section class="card" aria-labelledby="part-h">
      <h2 id="part-h">{ct('part.title', { n: list.length })}</h2>
      {editable ? (
        <div class="field">
          <label for="part-file">{ct('part.upload')}</label>
          <p class="hint" id="part-hint">
            {ct('part.hint')}
          </p>
          <input
            id="part-file"
            type={'file' as 'text'}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="part-hint"
            disabled={act.busy}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const f = input.files?.[0];
              if (!f) return;
              setFile(f.name);
              setReport(null);
              void act.run(async () => {
                const res = await sendSheet<ParticipantsReport>('PUT', `${tenantBase(tenantId)}/claims/${claim.id}/participants`, f);
                setReport(res.data);
                input.value = '';
                onChange();
              });
            }}
          />
        </div>
      ) : null}
      {act.busy ? <p aria-live="polite">{ct('part.reading', { file })}</p> : null}
      <FormError error={act.error} />
      {report ? (
        <div class="import-report" role="status">
          <Notice kind={report.failed ? 'warn' : 'ok'}>
            <p>{ct('part.summary', { file, total: report.totalRows, accepted: report.accepted, failed: report.failed })}</p>
          </Notice>
          <ProblemsTable problems={report.problems} />
        </div>
      ) : null}
      {list.length === 0 ? (
        <p class="muted">{ct('part.none')}</p>
      ) : (
        <div class="table-wrap part-table">
          <table>
            <caption>{ct('part.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{ct('field.nip')}</th>
                <th scope="col">{ct('field.name')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr>
                  <td class="mono">{p.nip}</td>
                  <td>{p.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function History({ claim }: { claim: ClaimView }) {
  return (
    <section class="card" aria-labelledby="hist-h">
      <h2 id="hist-h">{ct('claim.history')}</h2>
      <ol class="history">
        <li>
          <span class="small muted">{formatDateTime(claim.createdAt)}</span> · {ct('history.created', { name: claim.userName })}
        </li>
        {claim.history.map((h) => (
          <li data-action={h.action}>
            <span class="small muted">{formatDateTime(h.at)}</span> · {ct(`history.${h.action}` as 'history.submitted', { name: h.byName, jp: h.jp ?? 0 })}
            {h.comment ? <blockquote class="history-comment">{h.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Decision({ claim, onDone }: { claim: ClaimView; onDone: (c: ClaimView) => void }) {
  const { tenantId } = useApp();
  const [decision, setDecision] = useState<'approve' | 'revise' | 'reject'>('approve');
  const [jp, setJp] = useState(String(claim.proposedJp));
  const [comment, setComment] = useState('');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const needsComment = decision !== 'approve';
  const choices: ['approve' | 'revise' | 'reject', string][] = [
    ['approve', ct('decision.approve')],
    ['revise', ct('decision.revise')],
    ['reject', ct('decision.reject')],
  ];
  return (
    <section class="card decision" aria-labelledby="dec-h">
      <h2 id="dec-h">{ct('decision.title')}</h2>
      <p class="small">{ct('decision.intro')}</p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            const n = Number(jp);
            const body = {
              decision,
              version: claim.version,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
              ...(decision === 'approve' && n !== claim.proposedJp ? { jp: n } : {}),
            };
            onDone(await call(api.POST('/tenants/{tenantId}/claims/{claimId}/decision', { params: { path: { tenantId, claimId: claim.id } }, body })));
          });
        }}
      >
        <fieldset class="field">
          <legend>{ct('decision.choice')}</legend>
          {choices.map(([v, label]) => (
            <label class="option">
              <input type="radio" name="decision" value={v} checked={decision === v} onChange={() => setDecision(v)} />
              {label}
            </label>
          ))}
        </fieldset>
        {decision === 'approve' ? (
          <Field id="dec-jp" label={ct('decision.jp')} hint={ct('decision.jpHint', { n: claim.proposedJp })} error={fields.jp}>
            <input
              id="dec-jp"
              type={'number' as 'text'}
              min={1}
              max={500}
              step={1}
              required
              value={jp}
              aria-describedby={describedBy('dec-jp', true, fields.jp)}
              onInput={(e) => setJp(e.currentTarget.value)}
            />
          </Field>
        ) : null}
        <Field
          id="dec-comment"
          label={decision === 'reject' ? ct('decision.reason') : decision === 'revise' ? ct('decision.comment') : ct('decision.note')}
          hint={needsComment ? ct('decision.commentHint') : ct('decision.noteHint')}
          error={fields.comment}
        >
          <textarea
            id="dec-comment"
            rows={3}
            maxLength={1000}
            required={needsComment}
            value={comment}
            aria-describedby={describedBy('dec-comment', true, fields.comment)}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </Field>
        <FormError error={act.error} />
        <button type="submit" class="btn" disabled={act.busy}>
          {ct(`decision.send.${decision}` as 'decision.send.approve')}
        </button>
      </form>
    </section>
  );
}

// ----------------------------------------------------------------- queue

type QueueStatus = Exclude<ClaimStatus, 'draft'>;
const queueStatuses: QueueStatus[] = ['submitted', 'revision', 'approved', 'rejected'];

export function QueuePage() {
  const { tenantId, location } = useApp();
  const raw = location.query.get('status') ?? 'submitted';
  const status: QueueStatus = (queueStatuses as string[]).includes(raw) ? (raw as QueueStatus) : 'submitted';
  const { load, retry, more } = usePaged<Claim>(
    (c) => call(api.GET('/tenants/{tenantId}/claims', { params: { path: { tenantId }, query: { status, limit: 25, ...(c ? { cursor: c } : {}) } } })),
    [tenantId, status],
  );
  return (
    <>
      <p class="crumb">
        <a href={home(tenantId)}>{ct('home.title')}</a>
      </p>
      <PageTitle sub={ct('queue.intro')}>{ct('queue.title')}</PageTitle>
      <nav aria-label={ct('queue.statuses')}>
        <ul class="tabs" role="list">
          {queueStatuses.map((s) => (
            <li>
              <a href={`${home(tenantId, 'verifikasi')}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {ctk('queueTab', s)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="card" aria-labelledby="queue-h">
        <h2 id="queue-h">{ctk('queueTab', status)}</h2>
        <Loaded load={load} retry={retry} cards={1}>
          {({ items, next }) =>
            items.length === 0 ? (
              <p class="muted">{ct('queue.empty')}</p>
            ) : (
              <>
                <ClaimList claims={items} showFiler />
                {next ? (
                  <button type="button" class="btn btn-secondary" onClick={() => more(next)}>
                    {ct('common.more')}
                  </button>
                ) : null}
              </>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
