// The gradebook of a batch (buku nilai): learners against every graded item
// of its courses (quizzes, pre-test, post-test, assignments) with the best
// percentage, pass/fail and essays awaiting grading, the pre-test and
// post-test and the gain per learner, the batch's means, and the CSV/XLSX
// downloads (fetched with the token: a plain link cannot carry it). Also
// the course editor's list of the batches a course is taught in, each with
// a link to its gradebook.

import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { isStaff, useApp } from '../app';
import { useApi } from '../hooks';
import { formatDate, t, tk } from '../i18n';
import { fmtNum, qt, type QKey } from '../pages/quiz-i18n';
import { tenantPath } from '../router';
import { ErrorView, Loaded, PageTitle } from '../ui';
import { download } from './monitor';
import '../pages/quiz.css';

type Book = Exclude<Awaited<ReturnType<typeof loadBook>>, string>;
type BookItem = Book['items'][number];

function loadBook(tenantId: string, batchId: string) {
  return call(api.GET('/tenants/{tenantId}/batches/{batchId}/gradebook', { params: { path: { tenantId, batchId } } }));
}

const pct = (v: number | undefined) => (v === undefined ? '–' : qt('quiz.percent', { n: fmtNum(v) }));
const gain = (v: number | undefined) => (v === undefined ? '–' : `${v > 0 ? '+' : ''}${fmtNum(v)}`);
/** The kind of a graded item (the API also lists assignments, kind assignment). */
const kindLabel = (k: string) => qt(`gb.kind.${k}` as QKey);

export function GradebookPage({ batchId }: { batchId: string }) {
  const { tenantId, membership } = useApp();
  const [load, retry] = useApi(() => loadBook(tenantId, batchId), [tenantId, batchId]);
  const admin = membership?.role === 'admin';
  return (
    <Loaded load={load} retry={retry}>
      {(raw) => {
        const book = raw as Book;
        return (
          <>
            <p class="crumb">
              {admin ? (
                <a href={tenantPath(tenantId, 'kelola', 'angkatan', batchId)}>{book.batch.name}</a>
              ) : (
                <a href={tenantPath(tenantId, 'kelola')}>{t('staff.courses')}</a>
              )}
            </p>
            <PageTitle sub={`${book.batch.code} · ${t('common.dateRange', { start: formatDate(book.batch.startDate), end: formatDate(book.batch.endDate) })} · ${tk('batchStatus', book.batch.status)}`}>
              {qt('gb.title', { name: book.batch.name })}
            </PageTitle>
            <GradebookSummary book={book} />
            <Downloads tenantId={tenantId} batchId={batchId} />
            <section class="card" aria-labelledby="gb-table-h">
              <h2 id="gb-table-h">{qt('gb.learners')}</h2>
              <GradebookTable book={book} />
            </section>
          </>
        );
      }}
    </Loaded>
  );
}

function Downloads({ tenantId, batchId }: { tenantId: string; batchId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = `/tenants/${encodeURIComponent(tenantId)}/batches/${encodeURIComponent(batchId)}/gradebook`;
  const get = (f: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    download(`${base}?format=${f}`, `nilai.${f}`).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <div>
      <div class="actions">
        {(['csv', 'xlsx'] as const).map((f) => (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => get(f)}>
            {t('adm.gradebookFile', { format: f.toUpperCase() })}
          </button>
        ))}
      </div>
      {error ? <ErrorView error={error} /> : null}
    </div>
  );
}

export function GradebookSummary({ book }: { book: Book }) {
  const s = book.summary;
  return (
    <dl class="gb-summary" aria-label={qt('gb.summary')}>
      <div class="card">
        <dt>{qt('gb.learnerCount')}</dt>
        <dd data-testid="gb-learners">{s.learners}</dd>
      </div>
      <div class="card">
        <dt>{qt('gb.passedCount')}</dt>
        <dd data-testid="gb-passed">{s.passed}</dd>
      </div>
      <div class="card">
        <dt>{qt('gb.meanPre')}</dt>
        <dd data-testid="gb-mean-pre">{pct(s.meanPre)}</dd>
      </div>
      <div class="card">
        <dt>{qt('gb.meanPost')}</dt>
        <dd data-testid="gb-mean-post">{pct(s.meanPost)}</dd>
      </div>
      <div class="card">
        <dt>{qt('gb.meanGain')}</dt>
        <dd data-testid="gb-mean-gain">{gain(s.meanGain)}</dd>
      </div>
    </dl>
  );
}

function Mark({ item, mark }: { item: BookItem; mark: Book['participants'][number]['marks'][string] | undefined }) {
  if (!mark || mark.attempts === 0) return <span class="muted">–</span>;
  // An assignment is pending until graded (a resubmission is ungraded again).
  if ((item.kind as string) === 'assignment' && mark.pending) return <span class="badge badge-reserve">{qt('gb.toGrade')}</span>;
  return (
    <>
      {pct(mark.best)}
      {mark.pending ? <span class="badge badge-reserve">{qt('gb.pending')}</span> : null}
      <span class="sr-only">, {mark.passed ? qt('quiz.passed') : qt('quiz.notPassed')}</span>
      {mark.passed ? null : <span aria-hidden="true" class="gb-fail"> ✗</span>}
    </>
  );
}

export function GradebookTable({ book }: { book: Book }) {
  if (book.items.length === 0) return <p>{t('adm.noQuizzes')}</p>;
  if (book.participants.length === 0) return <p>{t('adm.noEnrollments')}</p>;
  return (
    // Wider than a phone: the region scrolls sideways, so it takes keyboard focus.
    <div class="table-wrap" role="region" aria-label={qt('gb.table')} tabIndex={0}>
      <table class="gb-table">
        <caption class="sr-only">{qt('gb.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitor.learner')}</th>
            {book.items.map((i) => (
              <th scope="col" key={i.itemId}>
                {i.title}
                <span class="small muted gb-kind"> {kindLabel(i.kind)}</span>
              </th>
            ))}
            <th scope="col">{qt('gb.pre')}</th>
            <th scope="col">{qt('gb.post')}</th>
            <th scope="col">{qt('gb.gain')}</th>
            <th scope="col">{t('adm.average')}</th>
            <th scope="col">{qt('gb.result')}</th>
          </tr>
        </thead>
        <tbody>
          {book.participants.map((p) => (
            <tr key={p.userId} data-user={p.username}>
              <th scope="row">
                {p.name}
                <br />
                <span class="mono small">{p.username}</span>
              </th>
              {book.items.map((i) => (
                <td key={i.itemId}>
                  <Mark item={i} mark={p.marks[i.itemId]} />
                </td>
              ))}
              <td data-col="pre">{pct(p.pre)}</td>
              <td data-col="post">{pct(p.post)}</td>
              <td data-col="gain">{gain(p.gain)}</td>
              <td data-col="average">{pct(p.average)}</td>
              <td data-col="passed">{p.passed ? <span class="badge badge-enrolled">{qt('quiz.passed')}</span> : <span class="badge badge-withdrawn">{qt('quiz.notPassed')}</span>}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{qt('gb.batchMean')}</th>
            {book.items.map((i) => (
              <td key={i.itemId} />
            ))}
            <td data-col="mean-pre">{pct(book.summary.meanPre)}</td>
            <td data-col="mean-post">{pct(book.summary.meanPost)}</td>
            <td data-col="mean-gain">{gain(book.summary.meanGain)}</td>
            <td />
            <td>{qt('gb.passedOf', { n: book.summary.passed, total: book.summary.learners })}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The batch admin page's gradebook section: the summary, the table and a link to the full page. */
export function Gradebook({ path }: { path: { tenantId: string; batchId: string } }) {
  const [load, retry] = useApi(() => loadBook(path.tenantId, path.batchId), [path.tenantId, path.batchId]);
  return (
    <section class="card" aria-labelledby="gb-h">
      <h2 id="gb-h">{t('adm.gradebook')}</h2>
      <p>
        <a href={tenantPath(path.tenantId, 'kelola', 'angkatan', path.batchId, 'nilai')}>{qt('gb.open')}</a>
      </p>
      <Loaded load={load} retry={retry} cards={1}>
        {(raw) => <GradebookTable book={raw as Book} />}
      </Loaded>
    </section>
  );
}

/** The course editor's assessment links: the question bank, and the gradebooks of the batches teaching the course. */
export function CourseAssessment({ tenantId, courseId }: { tenantId: string; courseId: string }) {
  const { me, membership } = useApp();
  const myId = me?.state === 'ok' ? me.data.user.id : '';
  const [load] = useApi(async () => {
    const out: Schemas['Batch'][] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await call(api.GET('/tenants/{tenantId}/batches', { params: { path: { tenantId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
      out.push(...page.items);
      if (!page.nextCursor || out.length >= 500) return out;
      cursor = page.nextCursor;
    }
  }, [tenantId]);
  const admin = membership?.role === 'admin';
  // Instructors read the gradebooks of the batches they teach or are PIC of.
  const batches =
    load.state === 'ok'
      ? load.data.filter((b) => b.courses.some((c) => c.id === courseId) && (admin || b.instructorIds.includes(myId) || b.picIds.includes(myId)))
      : [];
  if (!isStaff(membership)) return null;
  return (
    <section class="card" aria-labelledby="assess-h">
      <h2 id="assess-h">{qt('gb.assessment')}</h2>
      <p>
        <a class="btn btn-secondary" href={tenantPath(tenantId, 'kelola', 'kursus', courseId, 'soal')}>
          {qt('bank.title')}
        </a>
      </p>
      <h3 class="h3">{qt('gb.batchesOfCourse')}</h3>
      {load.state === 'loading' ? (
        <p class="muted small">{t('common.loading')}</p>
      ) : batches.length === 0 ? (
        <p class="muted small">{qt('gb.noBatches')}</p>
      ) : (
        <ul>
          {batches.map((b) => (
            <li key={b.id}>
              <a href={tenantPath(tenantId, 'kelola', 'angkatan', b.id, 'nilai')}>{qt('gb.linkFor', { name: b.name })}</a>{' '}
              <span class="small muted">({tk('batchStatus', b.status)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
