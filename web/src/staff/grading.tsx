// Grading of one quiz or assignment item (course staff). A quiz: every
// learner's submitted attempts, those with essays awaiting grading first;
// an attempt opens with each answer, the key, and for essays a score and a
// comment (comments on other answers too), saved in one request. An
// assignment: every submission in one table with a score and feedback per
// row, saved together in one bulk request whose per-row outcome is shown.

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime } from '../i18n';
import { ReviewList } from '../pages/quiz';
import { fmtNum, qt } from '../pages/quiz-i18n';
import { tenantPath } from '../router';
import { Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import '../pages/quiz.css';

type Outline = Schemas['Outline'];
type Item = Schemas['Item'];
type Attempt = Schemas['Attempt'];
type View = Schemas['AttemptView'];
type Submission = Schemas['SubmissionView'];

interface Person {
  name: string;
  username: string;
}

/** The course's learners by user id (names for the tables); empty when unavailable. */
async function people(tenantId: string, courseId: string): Promise<Record<string, Person>> {
  try {
    const m = await call(api.GET('/tenants/{tenantId}/courses/{courseId}/progress', { params: { path: { tenantId, courseId } } }));
    const out: Record<string, Person> = {};
    for (const l of (m as Schemas['CourseMonitoring']).learners) out[l.userId] = { name: l.name, username: l.username };
    return out;
  } catch {
    return {};
  }
}

export function GradingPage({ courseId, itemId }: { courseId: string; itemId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(async () => {
    const [outline, names] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/courses/{courseId}', { params: { path: { tenantId, courseId } } })) as Promise<Outline>,
      people(tenantId, courseId),
    ]);
    const item = outline.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
    return { outline, item, names };
  }, [tenantId, courseId, itemId]);
  return (
    <Loaded load={load} retry={retry}>
      {({ outline, item, names }) => {
        const path = { tenantId, courseId, itemId };
        const who = (id: string) => names[id] ?? { name: id, username: '' };
        return (
          <>
            <p class="crumb">
              <a href={tenantPath(tenantId, 'kelola', 'kursus', courseId)}>{outline.course.title}</a>
            </p>
            <PageTitle sub={item ? (item.kind === 'quiz' ? qt('grade.quizSub') : qt('grade.assignmentSub')) : ''}>
              {qt('grade.title', { title: item?.title ?? '' })}
            </PageTitle>
            {!item || (item.kind !== 'quiz' && item.kind !== 'assignment') ? (
              <Notice kind="warn">{qt('grade.notGradable')}</Notice>
            ) : item.kind === 'quiz' ? (
              <QuizGrading path={path} who={who} />
            ) : (
              <AssignmentGrading path={path} item={item} who={who} />
            )}
          </>
        );
      }}
    </Loaded>
  );
}

type ItemPath = { tenantId: string; courseId: string; itemId: string };

async function allPages<T>(get: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>): Promise<T[]> {
  const out: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await get(cursor);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

// ------------------------------------------------------------------ quiz

function QuizGrading({ path, who }: { path: ItemPath; who: (id: string) => Person }) {
  const [load, retry] = useApi(
    () =>
      allPages<Attempt>((cursor) =>
        call(
          api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts', { params: { path, query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
        ),
      ),
    [path.itemId],
  );
  const [open, setOpen] = useState('');
  const [onlyPending, setOnlyPending] = useState(false);
  return (
    <Loaded load={load} retry={retry}>
      {(all) => {
        const done = all.filter((a) => a.status !== 'in-progress');
        const pending = done.filter((a) => a.status === 'submitted').length;
        const rows = done
          .filter((a) => !onlyPending || a.status === 'submitted')
          .sort((a, b) => (a.status === 'submitted' ? 0 : 1) - (b.status === 'submitted' ? 0 : 1) || (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
        return (
          <>
            <p role="status">{qt('grade.attemptsSummary', { n: done.length, pending, running: all.length - done.length })}</p>
            <label class="check">
              <input type="checkbox" checked={onlyPending} onChange={(e) => setOnlyPending(e.currentTarget.checked)} />
              {qt('grade.onlyPending')}
            </label>
            {rows.length === 0 ? (
              <p class="card">{qt('grade.noAttempts')}</p>
            ) : (
              <div class="table-wrap card" role="region" aria-label={qt('grade.attemptsTable')} tabIndex={0}>
                <table class="attempts-table">
                  <thead>
                    <tr>
                      <th scope="col">{qt('grade.learner')}</th>
                      <th scope="col">{qt('quiz.attemptNo')}</th>
                      <th scope="col">{qt('quiz.submittedAt')}</th>
                      <th scope="col">{qt('quiz.score')}</th>
                      <th scope="col">
                        <span class="sr-only">{qt('quiz.details')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((a) => {
                      const p = who(a.userId);
                      return (
                        <tr key={a.id}>
                          <td>
                            {p.name}
                            {p.username ? (
                              <>
                                <br />
                                <span class="mono small">{p.username}</span>
                              </>
                            ) : null}
                          </td>
                          <td>{a.number}</td>
                          <td>{a.submittedAt ? formatDateTime(a.submittedAt) : '–'}</td>
                          <td>
                            {qt('quiz.percent', { n: fmtNum(a.percent) })}{' '}
                            {a.status === 'submitted' ? (
                              <span class="badge badge-reserve">{qt('quiz.pending')}</span>
                            ) : a.passed ? (
                              <span class="badge badge-enrolled">{qt('quiz.passed')}</span>
                            ) : (
                              <span class="badge badge-withdrawn">{qt('quiz.notPassed')}</span>
                            )}
                          </td>
                          <td>
                            <button type="button" class="btn btn-secondary btn-small" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? '' : a.id)}>
                              {a.status === 'submitted' ? qt('grade.grade') : qt('quiz.show')}
                              <span class="sr-only">
                                : {p.name}, {qt('quiz.attemptN', { n: a.number })}
                              </span>
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {open ? <AttemptGrader key={open} path={{ ...path, attemptId: open }} who={who} onSaved={() => retry(true)} /> : null}
          </>
        );
      }}
    </Loaded>
  );
}

function AttemptGrader({ path, who, onSaved }: { path: ItemPath & { attemptId: string }; who: (id: string) => Person; onSaved: () => void }) {
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}', { params: { path } })),
    [path.attemptId],
  );
  const [view, setView] = useState<View | null>(null);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const act = useAction();
  useEffect(() => {
    if (load.state !== 'ok') return;
    const v = load.data;
    setView(v);
    const s: Record<string, string> = {};
    const c: Record<string, string> = {};
    for (const q of v.questions) {
      const r = v.results?.[q.id];
      if (q.type === 'essay' && r?.graded) s[q.id] = String(r.score);
      if (r?.feedback) c[q.id] = r.feedback;
    }
    setScores(s);
    setComments(c);
  }, [load]);
  if (!view) return <Loaded load={load} retry={retry}>{() => null}</Loaded>;
  const p = who(view.userId);
  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void act.run(async () => {
      // An essay is graded with whatever score is sent (none would be 0):
      // essays go only with a score; other answers take a comment (their
      // score is the server's own and what is sent here is ignored).
      const results: Record<string, { score: number; feedback: string }> = {};
      for (const q of view.questions) {
        const raw = scores[q.id]?.trim().replace(',', '.');
        const feedback = comments[q.id] ?? '';
        if (q.type === 'essay') {
          if (raw) results[q.id] = { score: Number(raw), feedback };
        } else if (feedback || view.results?.[q.id]?.feedback) results[q.id] = { score: 0, feedback };
      }
      const v = await call(
        api.POST('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}/grade', { params: { path }, body: { results } }),
      );
      setView(v);
      setSaved(true);
      onSaved();
    });
  };
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  return (
    <form class="grader" onSubmit={save} aria-labelledby="grader-h">
      <h2 id="grader-h">{qt('grade.attemptOf', { name: p.name, n: view.number })}</h2>
      <p>
        {qt('quiz.scoreOf', { score: fmtNum(view.score), max: fmtNum(view.maxScore) })} · {qt('quiz.percent', { n: fmtNum(view.percent) })}
      </p>
      <ReviewList
        view={view}
        extra={(q) => {
          const fid = `gr-${q.id}`;
          return (
            <div class="grader-fields">
              {q.type === 'essay' ? (
                <div class={fields[`results.${q.id}`] ? 'field has-error' : 'field'}>
                  <label for={`${fid}-score`}>{qt('grade.essayScore', { max: fmtNum(q.points) })}</label>
                  <input
                    id={`${fid}-score`}
                    inputMode="decimal"
                    value={scores[q.id] ?? ''}
                    onInput={(e) => {
                      const v = e.currentTarget.value;
                      setScores((s) => ({ ...s, [q.id]: v }));
                    }}
                  />
                  {fields[`results.${q.id}`] ? <p class="field-error">{fields[`results.${q.id}`]}</p> : null}
                </div>
              ) : null}
              <div class="field">
                <label for={`${fid}-fb`}>{qt('grade.comment')}</label>
                <textarea
                  id={`${fid}-fb`}
                  rows={2}
                  maxLength={5000}
                  value={comments[q.id] ?? ''}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setComments((c) => ({ ...c, [q.id]: v }));
                  }}
                />
              </div>
            </div>
          );
        }}
      />
      <FormError error={act.error} />
      {saved ? (
        <p class="notice notice-ok" role="status">
          {qt('grade.saved')}
        </p>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {qt('grade.save')}
      </button>
    </form>
  );
}

// ------------------------------------------------------------ assignment

interface Row {
  score: string;
  feedback: string;
}

function AssignmentGrading({ path, item, who }: { path: ItemPath; item: Item; who: (id: string) => Person }) {
  const [load, retry] = useApi(
    () =>
      allPages<Submission>((cursor) =>
        call(
          api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/submissions', { params: { path, query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
        ),
      ),
    [path.itemId],
  );
  const max = item.assignment?.maxScore ?? 100;
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const act = useAction();
  useEffect(() => {
    if (load.state !== 'ok') return;
    const r: Record<string, Row> = {};
    for (const s of load.data) r[s.userId] = { score: s.score === undefined ? '' : String(s.score), feedback: s.feedback ?? '' };
    setRows(r);
  }, [load]);
  return (
    <Loaded load={load} retry={retry}>
      {(subs) => {
        const changed = subs.filter((s) => {
          const r = rows[s.userId];
          if (!r || !r.score.trim()) return false;
          return r.score.trim() !== (s.score === undefined ? '' : String(s.score)) || r.feedback !== (s.feedback ?? '');
        });
        const save = (e: Event) => {
          e.preventDefault();
          setNote('');
          void act.run(async () => {
            const grades = changed.map((s) => {
              const r = rows[s.userId] as Row;
              return { userId: s.userId, score: Number(r.score.trim().replace(',', '.')), feedback: r.feedback };
            });
            const res = await call(api.POST('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/submissions/grades', { params: { path }, body: { grades } }));
            const out: Record<string, string> = {};
            let ok = 0;
            for (const r of res.results) {
              if (r.code) out[r.userId] = r.code === 'conflict' ? qt('grade.rowConflict') : qt('grade.rowNoSubmission');
              else {
                out[r.userId] = qt('grade.rowSaved');
                ok++;
              }
            }
            setOutcome(out);
            setNote(qt('grade.bulkSaved', { ok, total: res.results.length }));
            retry(true);
          });
        };
        const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
        return subs.length === 0 ? (
          <p class="card">{qt('grade.noSubmissions')}</p>
        ) : (
          <form onSubmit={save} aria-labelledby="subs-h">
            <h2 id="subs-h">{qt('grade.submissions', { n: subs.length, graded: subs.filter((s) => s.grade !== undefined).length })}</h2>
            <p class="muted small">{qt('grade.bulkHint', { max })}</p>
            <div class="table-wrap card" role="region" aria-labelledby="subs-h" tabIndex={0}>
              <table class="grade-table">
                <thead>
                  <tr>
                    <th scope="col">{qt('grade.learner')}</th>
                    <th scope="col">{qt('grade.work')}</th>
                    <th scope="col">{qt('grade.scoreCol', { max })}</th>
                    <th scope="col">{qt('grade.feedbackCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {subs.map((s, i) => {
                    const p = who(s.userId);
                    const r = rows[s.userId] ?? { score: '', feedback: '' };
                    const set = (patch: Partial<Row>) => setRows((all) => ({ ...all, [s.userId]: { ...r, ...all[s.userId], ...patch } }));
                    const err = fields[`grades[${changed.indexOf(s)}].score`];
                    return (
                      <tr key={s.userId}>
                        <th scope="row">
                          {p.name}
                          {p.username ? (
                            <>
                              <br />
                              <span class="mono small">{p.username}</span>
                            </>
                          ) : null}
                        </th>
                        <td>
                          <span class="small">{formatDateTime(s.submittedAt)}</span>
                          {s.late ? <span class="badge badge-withdrawn">{qt('as.lateBadge')}</span> : null}
                          {s.count > 1 ? <span class="small muted"> · {qt('grade.times', { n: s.count })}</span> : null}
                          {s.fileUrl ? (
                            <p class="small">
                              <a href={s.fileUrl} data-native download={s.fileName}>
                                {s.fileName ?? qt('as.file')}
                              </a>
                            </p>
                          ) : null}
                          {s.text ? (
                            <details>
                              <summary>{qt('grade.readText')}</summary>
                              <p class="quiz-essay">{s.text}</p>
                            </details>
                          ) : null}
                          {s.grade !== undefined ? (
                            <p class="small">
                              {qt('as.gradeValue', { grade: fmtNum(s.grade), max })}
                              {s.penalty ? ` (${qt('as.penaltyNote', { score: fmtNum(s.score ?? 0), penalty: fmtNum(s.penalty) })})` : ''}
                            </p>
                          ) : null}
                          {outcome[s.userId] ? <p class="small" data-row-outcome>{outcome[s.userId]}</p> : null}
                        </td>
                        <td>
                          <label class="sr-only" for={`gs-${i}`}>
                            {qt('grade.scoreFor', { name: p.name })}
                          </label>
                          <input
                            id={`gs-${i}`}
                            class={err ? 'grade-input has-error' : 'grade-input'}
                            inputMode="decimal"
                            value={r.score}
                            aria-invalid={err ? true : undefined}
                            onInput={(e) => set({ score: e.currentTarget.value })}
                          />
                          {err ? <p class="field-error small">{err}</p> : null}
                        </td>
                        <td>
                          <label class="sr-only" for={`gf-${i}`}>
                            {qt('grade.feedbackFor', { name: p.name })}
                          </label>
                          <textarea id={`gf-${i}`} rows={2} maxLength={5000} value={r.feedback} onInput={(e) => set({ feedback: e.currentTarget.value })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <FormError error={act.error} />
            {note ? (
              <p class="notice notice-ok" role="status">
                {note}
              </p>
            ) : null}
            <button type="submit" class="btn" disabled={act.busy || changed.length === 0}>
              {qt('grade.saveAll', { n: changed.length })}
            </button>
          </form>
        );
      }}
    </Loaded>
  );
}

