// Admin pages for batches: the list with "new batch", and one batch: status
// transitions, enrolling members by user id or from a CSV/XLSX file (with
// the per-row report), enrollments with approve/reject/complete, the
// certificate job with its progress, report and gradebook downloads and the
// gradebook table.

import { useEffect, useState } from 'preact/hooks';
import { api, apiFetch, call, getApiBase, toApiError, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDate, t, tk } from '../i18n';
import { navigate, tenantPath } from '../router';
import { ErrorView, Field, Loaded, Notice, PageTitle, ProgressBar } from '../ui';
import { FormError, useAction } from './form';
import { download } from './monitor';
import { Gradebook } from './gradebook';

type Batch = Schemas['Batch'];
type BatchStatus = Schemas['BatchStatus'];
type BatchMode = Schemas['BatchMode'];
type Job = Schemas['CertificateJob'];
type ImportReport = Schemas['EnrollmentImportReport'];



export function BatchesAdminPage() {
  const { tenantId } = useApp();
  const path = { tenantId };
  const [load, retry] = useApi(async () => {
    const [batches, courses] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/batches', { params: { path } })),
      call(api.GET('/tenants/{tenantId}/courses', { params: { path, query: { limit: 100 } } })),
    ]);
    return { batches: batches.items, courses: courses.items };
  }, [tenantId]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [courseId, setCourseId] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [mode, setMode] = useState<BatchMode>('non-klasikal');
  const [capacity, setCapacity] = useState('30');
  const act = useAction();
  return (
    <>
      <PageTitle>{t('adm.batches')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {({ batches, courses }) => (
          <>
            {batches.length === 0 ? (
              <p class="card">{t('adm.noBatches')}</p>
            ) : (
              <div class="table-wrap card">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('adm.batchName')}</th>
                      <th scope="col">{t('adm.dates')}</th>
                      <th scope="col">{t('staff.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {batches.map((b) => (
                      <tr key={b.id}>
                        <td>
                          <a href={tenantPath(tenantId, 'kelola', 'angkatan', b.id)}>{b.name}</a>
                          <br />
                          <span class="mono small">{b.code}</span>
                        </td>
                        <td>{t('common.dateRange', { start: formatDate(b.startDate), end: formatDate(b.endDate) })}</td>
                        <td>{tk('batchStatus', b.status)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <form
              class="card form"
              onSubmit={(e) => {
                e.preventDefault();
                void act.run(async () => {
                  const b = await call(
                    api.POST('/tenants/{tenantId}/batches', {
                      params: { path },
                      body: {
                        name,
                        code,
                        courseIds: [courseId || courses[0]?.id || ''],
                        startDate: start,
                        endDate: end,
                        mode,
                        capacity: Number(capacity) || 1,
                        enrollmentPolicy: 'admin',
                      } as Schemas['CreateBatchRequest'],
                    }),
                  );
                  navigate(tenantPath(tenantId, 'kelola', 'angkatan', b.id));
                });
              }}
            >
              <h2>{t('adm.newBatch')}</h2>
              <Field id="nb-name" label={t('adm.batchName')}>
                <input id="nb-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
              </Field>
              <Field id="nb-code" label={t('staff.code')}>
                <input id="nb-code" required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
              </Field>
              <Field id="nb-course" label={t('staff.courses')}>
                <select id="nb-course" value={courseId} onChange={(e) => setCourseId(e.currentTarget.value)}>
                  {courses.map((c) => (
                    <option value={c.id}>{`${c.code} – ${c.title}`}</option>
                  ))}
                </select>
              </Field>
              <Field id="nb-start" label={t('adm.start')}>
                <input id="nb-start" type={'date' as 'text'} required value={start} onInput={(e) => setStart(e.currentTarget.value)} />
              </Field>
              <Field id="nb-end" label={t('adm.end')}>
                <input id="nb-end" type={'date' as 'text'} required value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
              </Field>
              <Field id="nb-mode" label={t('adm.mode')}>
                <select id="nb-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as BatchMode)}>
                  {(['klasikal', 'non-klasikal', 'blended'] as const).map((m) => (
                    <option value={m}>{m}</option>
                  ))}
                </select>
              </Field>
              <Field id="nb-cap" label={t('adm.capacity')}>
                <input id="nb-cap" type={'number' as 'text'} min={1} value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} />
              </Field>
              <FormError error={act.error} />
              <button type="submit" class="btn" disabled={act.busy}>
                {t('staff.create')}
              </button>
            </form>
          </>
        )}
      </Loaded>
    </>
  );
}

const nextStatus: Record<BatchStatus, BatchStatus[]> = {
  draft: ['open'],
  open: ['running', 'draft'],
  running: ['finished'],
  finished: ['archived'],
  archived: [],
};

export function BatchAdminPage({ batchId }: { batchId: string }) {
  const { tenantId } = useApp();
  const path = { tenantId, batchId };
  const [load, retry] = useApi(async () => {
    const [batch, enrollments] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/batches/{batchId}', { params: { path } })) as Promise<Batch>,
      call(api.GET('/tenants/{tenantId}/batches/{batchId}/enrollments', { params: { path } })),
    ]);
    return { batch, enrollments: enrollments.items };
  }, [tenantId, batchId]);
  const reload = () => retry(true);
  const act = useAction();
  const [userIds, setUserIds] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const base = `/tenants/${encodeURIComponent(tenantId)}/batches/${encodeURIComponent(batchId)}`;
  return (
    <Loaded load={load} retry={retry}>
      {({ batch, enrollments }) => (
        <>
          <p class="crumb">
            <a href={tenantPath(tenantId, 'kelola', 'angkatan')}>{t('adm.batches')}</a>
          </p>
          <PageTitle sub={`${batch.code} · ${tk('batchStatus', batch.status)}`}>{batch.name}</PageTitle>
          <div class="actions">
            {nextStatus[batch.status].map((s) => (
              <button
                type="button"
                class="btn btn-secondary"
                disabled={act.busy}
                onClick={() =>
                  void act.run(async () => {
                    await call(api.PATCH('/tenants/{tenantId}/batches/{batchId}', { params: { path }, body: { status: s } as Schemas['UpdateBatchRequest'] }));
                    reload();
                  })
                }
              >
                {t('adm.setStatus', { status: tk('batchStatus', s) })}
              </button>
            ))}
          </div>
          <p>
            <a href={tenantPath(tenantId, 'kelola', 'angkatan', batchId, 'evaluasi')}>{t('evalAdm.link')}</a>
          </p>
          <FormError error={act.error} />

          <section class="card" aria-labelledby="enroll-h">
            <h2 id="enroll-h">{t('adm.enroll')}</h2>
            <form
              class="form"
              onSubmit={(e) => {
                e.preventDefault();
                void act.run(async () => {
                  const ids = userIds.split(/[\s,]+/).filter(Boolean);
                  await call(api.POST('/tenants/{tenantId}/batches/{batchId}/enrollments', { params: { path }, body: { userIds: ids } }));
                  setUserIds('');
                  reload();
                });
              }}
            >
              <Field id="en-ids" label={t('adm.userIds')} hint={t('adm.userIdsHint')}>
                <textarea id="en-ids" rows={3} value={userIds} aria-describedby="en-ids-hint" onInput={(e) => setUserIds(e.currentTarget.value)} />
              </Field>
              <button type="submit" class="btn" disabled={act.busy}>
                {t('adm.enrollButton')}
              </button>
            </form>
            <div class="field">
              <label for="en-file">{t('adm.import')}</label>
              <input
                id="en-file"
                type={'file' as 'text'}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const f = (e.currentTarget as HTMLInputElement).files?.[0];
                  if (!f) return;
                  void act.run(async () => {
                    const res = await apiFetch(
                      new Request(getApiBase() + base + '/enrollments/import', {
                        method: 'POST',
                        body: f,
                        headers: { 'Content-Type': f.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' },
                      }),
                    );
                    const body: unknown = await res.json().catch(() => undefined);
                    if (!res.ok) throw toApiError(res.status, body);
                    setReport(body as ImportReport);
                    reload();
                  });
                }}
              />
            </div>
            {report ? (
              <div role="status">
                <Notice kind={report.failed ? 'warn' : 'ok'}>
                  {t('adm.importReport', { total: report.totalRows, enrolled: report.enrolled, reserve: report.reserve, unchanged: report.unchanged, failed: report.failed })}
                </Notice>
                {report.problems.length ? (
                  <ul>
                    {report.problems.map((p) => (
                      <li>{t('adm.importProblem', { row: p.row, message: p.message })}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </section>

          <section class="card" aria-labelledby="enr-h">
            <h2 id="enr-h">{t('adm.enrollments')}</h2>
            {enrollments.length === 0 ? (
              <p>{t('adm.noEnrollments')}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitor.learner')}</th>
                      <th scope="col">{t('staff.status')}</th>
                      <th scope="col">{t('adm.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {enrollments.map((en) => {
                      const ep = { ...path, userId: en.userId };
                      const doIt = (fn: () => Promise<unknown>) =>
                        void act.run(async () => {
                          await fn();
                          reload();
                        });
                      return (
                        <tr key={en.userId}>
                          <td>
                            {en.name}
                            <br />
                            <span class="mono small">{en.username}</span>
                          </td>
                          <td>{tk('enrollment', en.status)}</td>
                          <td class="row">
                            {en.status === 'pending' ? (
                              <>
                                <button type="button" class="btn btn-small" onClick={() => doIt(() => call(api.POST('/tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/approve', { params: { path: ep } })))}>
                                  {t('adm.approve')}
                                  <span class="sr-only">: {en.name}</span>
                                </button>
                                <button
                                  type="button"
                                  class="btn btn-secondary btn-small"
                                  onClick={() => {
                                    const reason = prompt(t('adm.rejectReason')) ?? '';
                                    if (reason) doIt(() => call(api.POST('/tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/reject', { params: { path: ep }, body: { reason } })));
                                  }}
                                >
                                  {t('adm.reject')}
                                  <span class="sr-only">: {en.name}</span>
                                </button>
                              </>
                            ) : null}
                            {en.status === 'enrolled' ? (
                              <button
                                type="button"
                                class="btn btn-secondary btn-small"
                                onClick={() => {
                                  const reason = prompt(t('adm.completeReason')) ?? '';
                                  if (reason) doIt(() => call(api.POST('/tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/complete', { params: { path: ep }, body: { completed: true, reason } })));
                                }}
                              >
                                {t('adm.complete')}
                                <span class="sr-only">: {en.name}</span>
                              </button>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <Certificates path={path} />
          <section class="card" aria-labelledby="dl-h">
            <h2 id="dl-h">{t('adm.downloads')}</h2>
            <div class="actions">
              {(['csv', 'xlsx'] as const).map((f) => (
                <button type="button" class="btn btn-secondary" onClick={() => void act.run(() => download(`${base}/report?format=${f}`, `laporan.${f}`))}>
                  {t('adm.report', { format: f.toUpperCase() })}
                </button>
              ))}
              {(['csv', 'xlsx'] as const).map((f) => (
                <button type="button" class="btn btn-secondary" onClick={() => void act.run(() => download(`${base}/gradebook?format=${f}`, `nilai.${f}`))}>
                  {t('adm.gradebookFile', { format: f.toUpperCase() })}
                </button>
              ))}
            </div>
          </section>
          <Gradebook path={path} />
        </>
      )}
    </Loaded>
  );
}

function Certificates({ path }: { path: { tenantId: string; batchId: string } }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const running = job?.status === 'queued' || job?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      call(api.GET('/tenants/{tenantId}/batches/{batchId}/certificates/job', { params: { path } })).then(setJob, setError);
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);
  return (
    <section class="card" aria-labelledby="cert-h">
      <h2 id="cert-h">{t('adm.certificates')}</h2>
      <button
        type="button"
        class="btn"
        disabled={running}
        onClick={() => {
          setError(null);
          call(api.POST('/tenants/{tenantId}/batches/{batchId}/certificates', { params: { path } })).then(setJob, setError);
        }}
      >
        {t('adm.generate')}
      </button>
      {job ? (
        <>
          <ProgressBar percent={job.total ? (100 * job.processed) / job.total : job.status === 'done' ? 100 : 0} label={t('adm.certProgress')} />
          <p role="status">
            {t('adm.certStatus', { status: job.status, processed: job.processed, total: job.total, issued: job.issued, failed: job.failed })}
          </p>
        </>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
    </section>
  );
}
