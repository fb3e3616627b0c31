// Quiz taking inside the item page (a lazy chunk: the learner entry stays
// small). The intro shows the quiz's rules and the learner's attempts; an
// attempt shows one question per screen (usable at 360 px) with a
// navigator, saves every answer to the server as it is given (debounced,
// kept in localStorage until the server has it, so a reload or a closed tab
// loses nothing), counts down from the server's deadline and submits once
// after a confirmation. A reload resumes the same attempt: its answers and
// the server's remaining time come back from the API, and the question
// shown is kept in the address (?soal=n).

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, call, getApiBase, type Schemas } from '../api/client';
import { useApi } from '../hooks';
import { formatClock, formatDateTime, getLang } from '../i18n';
import { getSession } from '../session';
import { ErrorView, Loading, Notice } from '../ui';
import { fmtNum, qt, type QKey } from './quiz-i18n';
import './quiz.css';

export type QuizSettings = Schemas['QuizSettings'];
type View = Schemas['AttemptView'];
type Attempt = Schemas['Attempt'];
type Answer = Schemas['Answer'];
type Review = Schemas['AttemptReviewEntry'];

/** An image on a question (or option), when the API sends one. */
export interface QuestionImage {
  url: string;
  alt?: string;
  width?: number;
  height?: number;
}
type Question = Schemas['QuizQuestion'] & { image?: QuestionImage };

export interface QuizPath {
  tenantId: string;
  courseId: string;
  itemId: string;
}

type Phase = { phase: 'intro' } | { phase: 'taking'; view: View } | { phase: 'result'; view: View; timeUp?: boolean };

export function QuizView({
  path,
  settings,
  staff,
  gradingHref,
  onPassed,
}: {
  path: QuizPath;
  settings: QuizSettings;
  staff: boolean;
  gradingHref?: string;
  onPassed: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ phase: 'intro' });
  const finished = (view: View, timeUp = false) => {
    if (view.passed) onPassed();
    setPhase({ phase: 'result', view, timeUp });
    setQuestionInURL(0);
  };
  if (phase.phase === 'taking') {
    return <AttemptRunner key={phase.view.id} path={path} initial={phase.view} onFinished={finished} />;
  }
  if (phase.phase === 'result') {
    return <QuizResult view={phase.view} settings={settings} timeUp={!!phase.timeUp} onBack={() => setPhase({ phase: 'intro' })} />;
  }
  return (
    <QuizIntro
      path={path}
      settings={settings}
      staff={staff}
      gradingHref={gradingHref}
      onAttempt={(view) => (view.status === 'in-progress' ? setPhase({ phase: 'taking', view }) : finished(view, true))}
      onShow={(view) => setPhase({ phase: 'result', view })}
    />
  );
}

const attemptsPath = (p: QuizPath) => ({ params: { path: p } });
const attemptPath = (p: QuizPath, attemptId: string) => ({ params: { path: { ...p, attemptId } } });

// ------------------------------------------------------------------ intro

function QuizIntro({
  path,
  settings,
  staff,
  gradingHref,
  onAttempt,
  onShow,
}: {
  path: QuizPath;
  settings: QuizSettings;
  staff: boolean;
  gradingHref?: string | undefined;
  onAttempt: (v: View) => void;
  onShow: (v: View) => void;
}) {
  // A learner's own attempts (staff get everyone's: not shown here).
  const [load, retry] = useApi(
    () => (staff ? Promise.resolve([] as Attempt[]) : call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts', attemptsPath(path))).then((p) => p.items)),
    [path.itemId, staff],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = (v: Promise<View>) => {
    setBusy(true);
    setError(null);
    v.then(onAttempt, (e: unknown) => {
      setError(e);
      setBusy(false);
    });
  };
  const resume = (id: string) => open(call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}', attemptPath(path, id))));
  const start = () => open(call(api.POST('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts', attemptsPath(path))));

  // An attempt in progress (a reload, another device): straight back into it.
  const inProgress = load.state === 'ok' ? load.data.find((a) => a.status === 'in-progress') : undefined;
  const resumed = useRef(false);
  useEffect(() => {
    if (inProgress && !resumed.current) {
      resumed.current = true;
      resume(inProgress.id);
    }
  }, [inProgress?.id]);

  if (load.state === 'loading' || (inProgress && !error)) return <Loading cards={1} />;
  if (load.state === 'error') return <ErrorView error={load.error} onRetry={() => retry()} />;
  const mine = load.data.filter((a) => a.status !== 'in-progress').sort((a, b) => b.number - a.number);
  const now = Date.now();
  const notYet = settings.opensAt && now < Date.parse(settings.opensAt);
  const closed = settings.closesAt && now >= Date.parse(settings.closesAt);
  const left = settings.maxAttempts ? Math.max(0, settings.maxAttempts - load.data.length) : Infinity;
  const kindKey = `quiz.kind.${settings.kind}` as QKey;
  return (
    <div class="quiz">
      <section class="card" aria-labelledby="quiz-rules">
        <h2 id="quiz-rules">{qt('quiz.rules')}</h2>
        <dl class="facts">
          <dt>{qt('quiz.kindLabel')}</dt>
          <dd>{qt(kindKey)}</dd>
          <dt>{qt('quiz.timeLimit')}</dt>
          <dd>{settings.timeLimitMinutes ? qt('quiz.minutes', { n: settings.timeLimitMinutes }) : qt('quiz.noTimeLimit')}</dd>
          <dt>{qt('quiz.attempts')}</dt>
          <dd data-testid="quiz-attempts-left">
            {settings.maxAttempts
              ? staff
                ? qt('quiz.attemptsMax', { max: settings.maxAttempts })
                : qt('quiz.attemptsLeft', { left: left === Infinity ? 0 : left, max: settings.maxAttempts })
              : qt('quiz.attemptsUnlimited')}
          </dd>
          <dt>{qt('quiz.passPercent')}</dt>
          <dd>{qt('quiz.percent', { n: settings.passPercent })}</dd>
          {settings.opensAt ? (
            <>
              <dt>{qt('quiz.opensAt')}</dt>
              <dd>{formatDateTime(settings.opensAt)}</dd>
            </>
          ) : null}
          {settings.closesAt ? (
            <>
              <dt>{qt('quiz.closesAt')}</dt>
              <dd>{formatDateTime(settings.closesAt)}</dd>
            </>
          ) : null}
          <dt>{qt('quiz.review')}</dt>
          <dd>{qt(`quiz.review.${settings.review}` as QKey)}</dd>
        </dl>
        {settings.timeLimitMinutes ? <p class="small muted">{qt('quiz.timerNote')}</p> : null}
        {notYet ? <Notice kind="warn">{qt('quiz.notOpen')}</Notice> : closed ? <Notice kind="warn">{qt('quiz.closed')}</Notice> : null}
        {!notYet && !closed && left === 0 ? <Notice kind="warn">{qt('quiz.noAttemptLeft')}</Notice> : null}
        {error ? <ErrorView error={error} /> : null}
        <div class="actions">
          {!notYet && !closed && left > 0 ? (
            <button type="button" class="btn" disabled={busy} onClick={start}>
              {mine.length ? qt('quiz.startAgain') : qt('quiz.start')}
            </button>
          ) : null}
          {staff && gradingHref ? (
            <a class="btn btn-secondary" href={gradingHref}>
              {qt('quiz.grading')}
            </a>
          ) : null}
        </div>
      </section>
      {mine.length ? (
        <section class="card" aria-labelledby="quiz-mine">
          <h2 id="quiz-mine">{qt('quiz.myAttempts')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{qt('quiz.attemptNo')}</th>
                  <th scope="col">{qt('quiz.submittedAt')}</th>
                  <th scope="col">{qt('quiz.score')}</th>
                  <th scope="col">
                    <span class="sr-only">{qt('quiz.details')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mine.map((a) => (
                  <tr key={a.id}>
                    <td>{a.number}</td>
                    <td>{a.submittedAt ? formatDateTime(a.submittedAt) : '–'}</td>
                    <td>
                      {qt('quiz.percent', { n: fmtNum(a.percent) })} · <AttemptVerdict attempt={a} />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        disabled={busy}
                        onClick={() => {
                          setError(null);
                          call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}', attemptPath(path, a.id))).then(onShow, setError);
                        }}
                      >
                        {qt('quiz.show')}
                        <span class="sr-only"> {qt('quiz.attemptN', { n: a.number })}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function AttemptVerdict({ attempt }: { attempt: Pick<Attempt, 'status' | 'passed'> }) {
  if (attempt.status === 'submitted') return <span class="badge badge-reserve">{qt('quiz.pending')}</span>;
  return attempt.passed ? <span class="badge badge-enrolled">{qt('quiz.passed')}</span> : <span class="badge badge-withdrawn">{qt('quiz.notPassed')}</span>;
}

// ------------------------------------------------------------- the saver

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

function store(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/**
 * Sends answers to the server: debounced, the latest answer per question,
 * retried until the server has it. What is not saved yet is kept in
 * localStorage (a reload sends it) and sent with keepalive when the page
 * goes away.
 */
class AnswerSaver {
  private pending: Record<string, Answer>;
  private timer: number | undefined;
  private running: Promise<void> | null = null;
  private readonly key: string;
  closed = false;
  private readonly onHide = (e: Event) => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') this.beacon();
  };

  constructor(
    private readonly path: QuizPath & { attemptId: string },
    private readonly onStatus: (s: SaveStatus) => void,
    private readonly onSaved: (v: View) => void,
    private readonly onClosed: (code: string) => void,
  ) {
    this.key = `lms.quiz.${path.tenantId}.${path.attemptId}`;
    let kept: Record<string, Answer> = {};
    try {
      kept = JSON.parse(store()?.getItem(this.key) ?? '{}') as Record<string, Answer>;
    } catch {
      kept = {};
    }
    this.pending = kept && typeof kept === 'object' ? kept : {};
    window.addEventListener('pagehide', this.onHide);
    document.addEventListener('visibilitychange', this.onHide);
    if (Object.keys(this.pending).length) this.schedule(0);
  }

  /** Answers kept from before a reload, not yet on the server. */
  unsaved(): Record<string, Answer> {
    return { ...this.pending };
  }

  set(questionId: string, a: Answer): void {
    if (this.closed) return;
    this.pending[questionId] = a;
    this.persist();
    this.onStatus('pending');
    this.schedule(400);
  }

  private persist(): void {
    const s = store();
    if (!s) return;
    if (Object.keys(this.pending).length) s.setItem(this.key, JSON.stringify(this.pending));
    else s.removeItem(this.key);
  }

  private schedule(ms: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.flush(), ms);
  }

  /** Send what is pending now; true once the server has every answer. */
  async flush(): Promise<boolean> {
    window.clearTimeout(this.timer);
    while (this.running) await this.running;
    if (this.closed) return false;
    const sent = { ...this.pending };
    if (!Object.keys(sent).length) {
      this.onStatus('saved');
      return true;
    }
    this.onStatus('saving');
    let ok = false;
    this.running = call(
      api.PUT('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}', { params: { path: this.path }, body: { answers: sent } }),
    ).then(
      (view) => {
        // Keep what changed while the request was out.
        for (const [q, a] of Object.entries(sent)) if (this.pending[q] === a) delete this.pending[q];
        this.persist();
        ok = true;
        this.onSaved(view);
        if (Object.keys(this.pending).length) {
          this.onStatus('pending');
          this.schedule(0);
        } else this.onStatus('saved');
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 409) {
          // Submitted or out of time: nothing more is taken.
          this.close(true);
          this.onClosed(e.code);
          return;
        }
        if (e instanceof ApiError && e.status === 400) {
          // An answer the server refuses will never be taken: drop it.
          for (const q of Object.keys(e.fieldErrors())) delete this.pending[q.replace(/^answers\./, '')];
          this.persist();
        }
        this.onStatus('failed');
        this.schedule(3000);
      },
    );
    await this.running;
    this.running = null;
    return ok;
  }

  /** A last send that survives the page closing. */
  private beacon(): void {
    const s = getSession();
    if (this.closed || !s || !Object.keys(this.pending).length) return;
    const p = this.path;
    const url = `${getApiBase()}/tenants/${encodeURIComponent(p.tenantId)}/courses/${p.courseId}/items/${p.itemId}/attempts/${p.attemptId}`;
    void fetch(url, {
      method: 'PUT',
      keepalive: true,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.accessToken}`, 'Accept-Language': getLang() },
      body: JSON.stringify({ answers: this.pending }),
    }).catch(() => undefined);
  }

  /**
   * Stop: on leaving the page (an in-app link), send what is pending one
   * last time; when the attempt is over, forget what was kept.
   */
  close(forget = false): void {
    window.clearTimeout(this.timer);
    window.removeEventListener('pagehide', this.onHide);
    document.removeEventListener('visibilitychange', this.onHide);
    if (forget) {
      this.closed = true;
      this.pending = {};
      this.persist();
    } else this.beacon();
  }
}

// ---------------------------------------------------------- the attempt

function questionFromURL(): number {
  const n = Number(new URLSearchParams(window.location.search).get('soal'));
  return Number.isInteger(n) && n > 0 ? n - 1 : 0;
}

/** Keep the question shown in the address (a reload opens it again). */
function setQuestionInURL(index: number): void {
  const url = new URL(window.location.href);
  if (index > 0) url.searchParams.set('soal', String(index + 1));
  else url.searchParams.delete('soal');
  history.replaceState(history.state, '', url.pathname + url.search);
}

export function answered(q: Question, a: Answer | undefined): boolean {
  if (!a) return false;
  switch (q.type) {
    case 'single':
    case 'multiple':
    case 'truefalse':
      return (a.choices?.length ?? 0) > 0;
    case 'short':
    case 'essay':
      return !!a.text?.trim();
    case 'numeric':
      return typeof a.number === 'number';
    case 'matching':
      return (q.lefts ?? []).every((l) => !!a.matches?.[l.id]);
  }
}

function AttemptRunner({ path, initial, onFinished }: { path: QuizPath; initial: View; onFinished: (v: View, timeUp?: boolean) => void }) {
  const questions = initial.questions as Question[];
  const ap = { ...path, attemptId: initial.id };
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [deadline, setDeadline] = useState<number | null>(() => (initial.secondsLeft === undefined ? null : Date.now() + initial.secondsLeft * 1000));
  const over = useRef(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [unsaved, setUnsaved] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const fetchFinal = (timeUp: boolean) =>
    call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}', { params: { path: ap } })).then(
      (v) => onFinished(v, timeUp),
      setProblem,
    );

  const [saver] = useState(
    () =>
      new AnswerSaver(
        ap,
        setStatus,
        (v) => {
          if (v.secondsLeft !== undefined) setDeadline(Date.now() + v.secondsLeft * 1000);
        },
        (code) => {
          if (over.current) return;
          over.current = true;
          void fetchFinal(code === 'attempt_time_up');
        },
      ),
  );
  useEffect(() => () => saver.close(), []);
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => ({ ...(initial.answers ?? {}), ...saver.unsaved() }));
  const [index, setIndexState] = useState(() => Math.min(questionFromURL(), Math.max(0, questions.length - 1)));
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const setIndex = (i: number) => {
    setConfirming(false);
    setIndexState(i);
    setQuestionInURL(i);
    moved.current = true;
  };
  useEffect(() => {
    if (!moved.current) return;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, [index]);

  const answer = (qid: string, a: Answer) => {
    setAnswers((prev) => ({ ...prev, [qid]: a }));
    saver.set(qid, a);
  };

  const submit = async (timeUp: boolean) => {
    if (over.current) return;
    setSubmitting(true);
    setProblem(null);
    setUnsaved(false);
    const saved = await saver.flush();
    if (over.current) return; // the saver found it closed
    // Submitting with answers still on this device would lose them; when
    // time is up the server takes what it has anyway.
    if (!saved && !timeUp) {
      setUnsaved(true);
      setSubmitting(false);
      return;
    }
    try {
      const v = await call(api.POST('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}/submit', { params: { path: ap } }));
      over.current = true;
      saver.close(true);
      onFinished(v, timeUp);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        over.current = true;
        saver.close(true);
        await fetchFinal(timeUp);
        return;
      }
      setProblem(e);
      setSubmitting(false);
    }
  };

  const q = questions[index];
  const count = questions.filter((x) => answered(x, answers[x.id])).length;
  return (
    <div class="quiz quiz-attempt">
      <div class="quiz-bar" role="group" aria-label={qt('quiz.status')}>
        <span class="quiz-count">{qt('quiz.answeredCount', { n: count, total: questions.length })}</span>
        <SaveBadge status={status} />
        {deadline !== null ? <Countdown deadline={deadline} onZero={() => void submit(true)} /> : null}
      </div>
      {questions.length > 1 ? (
        <nav class="quiz-nav" aria-label={qt('quiz.navigator')}>
          <ol>
            {questions.map((x, i) => {
              const done = answered(x, answers[x.id]);
              return (
                <li>
                  <button
                    type="button"
                    class={`quiz-nav-btn${done ? ' is-answered' : ''}${i === index ? ' is-current' : ''}`}
                    aria-current={i === index ? 'step' : undefined}
                    aria-label={qt(done ? 'quiz.navAnswered' : 'quiz.navOpen', { n: i + 1 })}
                    onClick={() => setIndex(i)}
                  >
                    {i + 1}
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      ) : null}
      {q ? (
        <div class="card quiz-question" key={q.id}>
          <h2 class="h3 quiz-qno" ref={headingRef} tabIndex={-1}>
            {qt('quiz.questionOf', { n: index + 1, total: questions.length })}
            <span class="muted small"> · {qt('quiz.points', { n: fmtNum(q.points) })}</span>
          </h2>
          <QuestionInput question={q} answer={answers[q.id]} onAnswer={(a) => answer(q.id, a)} disabled={submitting} />
        </div>
      ) : null}
      <div class="pager quiz-pager">
        {index > 0 ? (
          <button type="button" class="btn btn-secondary" onClick={() => setIndex(index - 1)}>
            {qt('quiz.prev')}
          </button>
        ) : (
          <span />
        )}
        {index < questions.length - 1 ? (
          <button type="button" class="btn" onClick={() => setIndex(index + 1)}>
            {qt('quiz.next')}
          </button>
        ) : (
          <button type="button" class="btn" disabled={submitting} onClick={() => setConfirming(true)}>
            {qt('quiz.finish')}
          </button>
        )}
      </div>
      {confirming ? (
        <ConfirmSubmit
          unanswered={questions.length - count}
          busy={submitting}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit(false)}
        />
      ) : index < questions.length - 1 ? (
        <p class="quiz-finish-early">
          <button type="button" class="link-button" onClick={() => setConfirming(true)}>
            {qt('quiz.finishNow')}
          </button>
        </p>
      ) : null}
      {unsaved ? (
        <p class="form-error" role="alert">
          {qt('quiz.unsavedSubmit')}
        </p>
      ) : null}
      {problem ? <ErrorView error={problem} /> : null}
    </div>
  );
}

function SaveBadge({ status }: { status: SaveStatus }) {
  const text = status === 'saved' ? qt('quiz.saved') : status === 'failed' ? qt('quiz.saveFailed') : qt('quiz.saving');
  return (
    <span class={`quiz-save quiz-save-${status}`} role="status" data-save={status}>
      <span aria-hidden="true">{status === 'saved' ? '✓ ' : status === 'failed' ? '! ' : '… '}</span>
      {text}
    </span>
  );
}

function Countdown({ deadline, onZero }: { deadline: number; onZero: () => void }) {
  const left = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  const [secs, setSecs] = useState(left);
  const fired = useRef(false);
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    const tick = () => {
      const s = left();
      setSecs(s);
      // Spoken warnings at 5 and 1 minutes (the timer itself is not read out every second).
      if (s === 300 || s === 60) setAnnounce(qt('quiz.timeWarning', { n: s / 60 }));
      if (s === 0 && !fired.current) {
        fired.current = true;
        onZero();
      }
    };
    tick();
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [deadline]);
  return (
    <span class={secs <= 60 ? 'quiz-timer quiz-timer-low' : 'quiz-timer'}>
      <span role="timer">{qt('quiz.timeLeftLabel', { time: formatClock(secs) })}</span>
      <span class="sr-only" aria-live="assertive">
        {announce}
      </span>
    </span>
  );
}

function ConfirmSubmit({ unanswered, busy, onCancel, onConfirm }: { unanswered: number; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="card quiz-confirm" role="alertdialog" aria-modal="false" aria-labelledby="quiz-confirm-h" aria-describedby="quiz-confirm-d" tabIndex={-1} ref={ref}>
      <h2 id="quiz-confirm-h" class="h3">
        {qt('quiz.confirmTitle')}
      </h2>
      <p id="quiz-confirm-d">
        {unanswered > 0 ? qt('quiz.confirmUnanswered', { n: unanswered }) + ' ' : ''}
        {qt('quiz.confirmText')}
      </p>
      <div class="actions">
        <button type="button" class="btn" disabled={busy} onClick={onConfirm}>
          {qt('quiz.confirmYes')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={onCancel}>
          {qt('quiz.confirmNo')}
        </button>
      </div>
    </div>
  );
}

// ------------------------------------------------------------ questions

export function QuestionText({ question }: { question: Pick<Question, 'text' | 'image'> }) {
  return (
    <>
      <span class="quiz-text">{question.text}</span>
      {question.image?.url ? (
        <img class="quiz-image" src={question.image.url} alt={question.image.alt ?? ''} width={question.image.width} height={question.image.height} loading="lazy" />
      ) : null}
    </>
  );
}

function QuestionInput({ question: q, answer, onAnswer, disabled }: { question: Question; answer: Answer | undefined; onAnswer: (a: Answer) => void; disabled: boolean }) {
  const name = `q-${q.id}`;
  const legend = (
    <legend class="quiz-legend">
      <QuestionText question={q} />
    </legend>
  );
  const choices = answer?.choices ?? [];
  switch (q.type) {
    case 'single':
    case 'truefalse': {
      const opts = q.type === 'truefalse' ? [{ id: 'true', text: qt('quiz.true') }, { id: 'false', text: qt('quiz.false') }] : (q.options ?? []);
      return (
        <fieldset class="quiz-fieldset" disabled={disabled}>
          {legend}
          {opts.map((o) => (
            <label class="quiz-option">
              <input type="radio" name={name} value={o.id} checked={choices[0] === o.id} onChange={() => onAnswer({ choices: [o.id] })} />
              <span>{o.text}</span>
            </label>
          ))}
          {choices.length ? (
            <button type="button" class="link-button small" onClick={() => onAnswer({})}>
              {qt('quiz.clear')}
            </button>
          ) : null}
        </fieldset>
      );
    }
    case 'multiple':
      return (
        <fieldset class="quiz-fieldset" disabled={disabled}>
          {legend}
          <p class="hint small muted">{qt('quiz.multipleHint')}</p>
          {(q.options ?? []).map((o) => (
            <label class="quiz-option">
              <input
                type="checkbox"
                name={name}
                value={o.id}
                checked={choices.includes(o.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const next = (q.options ?? []).map((x) => x.id).filter((id) => (id === o.id ? on : choices.includes(id)));
                  onAnswer(next.length ? { choices: next } : {});
                }}
              />
              <span>{o.text}</span>
            </label>
          ))}
        </fieldset>
      );
    case 'short':
    case 'essay':
      return (
        <fieldset class="quiz-fieldset" disabled={disabled}>
          {legend}
          <div class="field">
            <label for={`${name}-text`}>{qt('quiz.yourAnswer')}</label>
            {q.type === 'short' ? (
              <input id={`${name}-text`} type="text" autoComplete="off" maxLength={500} value={answer?.text ?? ''} onInput={(e) => onAnswer(e.currentTarget.value ? { text: e.currentTarget.value } : {})} />
            ) : (
              <textarea id={`${name}-text`} rows={8} maxLength={20000} value={answer?.text ?? ''} onInput={(e) => onAnswer(e.currentTarget.value ? { text: e.currentTarget.value } : {})} />
            )}
          </div>
        </fieldset>
      );
    case 'numeric':
      return <NumericInput name={name} legend={legend} answer={answer} onAnswer={onAnswer} disabled={disabled} />;
    case 'matching':
      return (
        <fieldset class="quiz-fieldset" disabled={disabled}>
          {legend}
          <p class="hint small muted">{qt('quiz.matchingHint')}</p>
          {(q.lefts ?? []).map((l) => (
            <div class="field quiz-match">
              <label for={`${name}-${l.id}`}>{l.text}</label>
              <select
                id={`${name}-${l.id}`}
                value={answer?.matches?.[l.id] ?? ''}
                onChange={(e) => {
                  const matches = { ...(answer?.matches ?? {}) };
                  if (e.currentTarget.value) matches[l.id] = e.currentTarget.value;
                  else delete matches[l.id];
                  onAnswer(Object.keys(matches).length ? { matches } : {});
                }}
              >
                <option value="">{qt('quiz.choose')}</option>
                {(q.rights ?? []).map((r) => (
                  <option value={r.id}>{r.text}</option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      );
  }
}

/** Indonesian decimals take a comma: 2,5 and 2.5 are both read as 2.5. */
export function parseNumber(s: string): number | null {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function NumericInput({ name, legend, answer, onAnswer, disabled }: { name: string; legend: ComponentChildren; answer: Answer | undefined; onAnswer: (a: Answer) => void; disabled: boolean }) {
  const [raw, setRaw] = useState(answer?.number === undefined ? '' : fmtNum(answer.number, 10));
  const [bad, setBad] = useState(false);
  const id = `${name}-number`;
  return (
    <fieldset class="quiz-fieldset" disabled={disabled}>
      {legend}
      <div class={bad ? 'field has-error' : 'field'}>
        <label for={id}>{qt('quiz.yourNumber')}</label>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={raw}
          aria-invalid={bad || undefined}
          aria-describedby={bad ? `${id}-error` : undefined}
          onInput={(e) => {
            const s = e.currentTarget.value;
            setRaw(s);
            if (!s.trim()) {
              setBad(false);
              onAnswer({});
              return;
            }
            const n = parseNumber(s);
            setBad(n === null);
            if (n !== null) onAnswer({ number: n });
          }}
        />
        {bad ? (
          <p class="field-error" id={`${id}-error`}>
            {qt('quiz.notANumber')}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

// --------------------------------------------------------------- result

function QuizResult({ view, settings, timeUp, onBack }: { view: View; settings: QuizSettings; timeUp: boolean; onBack: () => void }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const pending = view.status === 'submitted';
  return (
    <div class="quiz">
      <section class="card quiz-result" aria-labelledby="quiz-result-h">
        <h2 id="quiz-result-h" ref={ref} tabIndex={-1}>
          {qt('quiz.resultTitle', { n: view.number })}
        </h2>
        {timeUp ? <Notice kind="warn">{qt('quiz.timeUp')}</Notice> : null}
        <p class="big-number" data-testid="quiz-percent">
          {qt('quiz.percent', { n: fmtNum(view.percent) })}
        </p>
        <p>{qt('quiz.scoreOf', { score: fmtNum(view.score), max: fmtNum(view.maxScore) })}</p>
        {pending ? (
          <Notice>{qt('quiz.pendingNote')}</Notice>
        ) : view.passed ? (
          <Notice kind="ok">{qt('quiz.passedNote', { pass: view.passPercent })}</Notice>
        ) : (
          <Notice kind="warn">{qt('quiz.notPassedNote', { pass: view.passPercent })}</Notice>
        )}
        {!view.reviewAvailable ? (
          <p class="muted">
            {settings.review === 'after-close' && settings.closesAt
              ? qt('quiz.reviewLater', { time: formatDateTime(settings.closesAt) })
              : qt('quiz.reviewNever')}
          </p>
        ) : null}
        <div class="actions">
          <button type="button" class="btn btn-secondary" onClick={onBack}>
            {qt('quiz.backToIntro')}
          </button>
        </div>
      </section>
      {view.reviewAvailable ? <ReviewList view={view} /> : null}
    </div>
  );
}

/** Each question with the answer given, the key and the feedback (staff grading reuses it, with extra fields). */
export function ReviewList({ view, extra }: { view: View; extra?: (q: Question) => ComponentChildren }) {
  const staff = !!extra;
  return (
    <section aria-labelledby="quiz-review-h">
      <h2 id="quiz-review-h">{qt('quiz.reviewTitle')}</h2>
      <ol class="quiz-review">
        {(view.questions as Question[]).map((q, i) => {
          const r = view.results?.[q.id];
          const key = view.review?.[q.id];
          const right = r && r.graded && r.score >= r.max;
          return (
            <li class="card" key={q.id}>
              <h3 class="h3">
                {qt('quiz.questionN', { n: i + 1 })}
                {r ? (
                  <span class={`badge ${!r.graded ? 'badge-reserve' : right ? 'badge-enrolled' : 'badge-withdrawn'}`}>
                    {r.graded ? qt('quiz.scoreShort', { score: fmtNum(r.score), max: fmtNum(r.max) }) : qt('quiz.pending')}
                  </span>
                ) : null}
              </h3>
              <p class="quiz-legend">
                <QuestionText question={q} />
              </p>
              <AnswerReview question={q} answer={view.answers?.[q.id]} review={key} staff={staff} />
              {key?.feedback ? (
                <p class="quiz-feedback">
                  <strong>{qt('quiz.explanation')}</strong> {key.feedback}
                </p>
              ) : null}
              {r?.feedback ? (
                <p class="quiz-feedback">
                  <strong>{qt('quiz.graderComment')}</strong> {r.feedback}
                </p>
              ) : null}
              {extra ? extra(q) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function AnswerReview({ question: q, answer, review, staff }: { question: Question; answer: Answer | undefined; review: Review | undefined; staff: boolean }) {
  const none = <em class="muted">{qt('quiz.noAnswer')}</em>;
  const given = staff ? qt('quiz.learnerAnswerLabel') : qt('quiz.yourAnswerLabel');
  const row = (label: string, value: ComponentChildren) => (
    <p class="quiz-answer-row">
      <strong>{label}</strong> {value}
    </p>
  );
  switch (q.type) {
    case 'single':
    case 'multiple':
    case 'truefalse': {
      const opts = q.type === 'truefalse' ? [{ id: 'true', text: qt('quiz.true') }, { id: 'false', text: qt('quiz.false') }] : (q.options ?? []);
      const chosen = answer?.choices ?? [];
      return (
        <ul class="quiz-options-review">
          {opts.map((o) => {
            const mine = chosen.includes(o.id);
            const correct = review?.correct?.includes(o.id);
            return (
              <li class={correct ? 'is-correct' : mine ? 'is-wrong' : ''}>
                <span aria-hidden="true">{mine ? '●' : '○'} </span>
                {o.text}
                {mine ? <span class="tag-note">{staff ? qt('quiz.learnerChoice') : qt('quiz.yourChoice')}</span> : null}
                {correct ? <span class="tag-note tag-ok">{qt('quiz.key')}</span> : null}
              </li>
            );
          })}
        </ul>
      );
    }
    case 'short':
      return (
        <>
          {row(given, answer?.text ? answer.text : none)}
          {review?.accepted ? row(qt('quiz.keyLabel'), review.accepted.join(' / ')) : null}
        </>
      );
    case 'numeric':
      return (
        <>
          {row(given, typeof answer?.number === 'number' ? fmtNum(answer.number, 10) : none)}
          {review?.value !== undefined ? row(qt('quiz.keyLabel'), fmtNum(review.value, 10)) : null}
        </>
      );
    case 'matching':
      return (
        <ul class="quiz-options-review">
          {(q.lefts ?? []).map((l) => {
            const chosen = (q.rights ?? []).find((r) => r.id === answer?.matches?.[l.id])?.text;
            const correct = review?.pairs?.find((p) => p.id === l.id)?.right;
            return (
              <li class={correct === undefined ? '' : correct === chosen ? 'is-correct' : 'is-wrong'}>
                {l.text} → {chosen ?? none}
                {correct !== undefined && correct !== chosen ? <span class="tag-note tag-ok">{qt('quiz.keyIs', { text: correct })}</span> : null}
              </li>
            );
          })}
        </ul>
      );
    case 'essay':
      return row(given, answer?.text ? <span class="quiz-essay">{answer.text}</span> : none);
  }
}
