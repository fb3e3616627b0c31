// An assignment inside the item page (a lazy chunk): the instructions (the
// server's sanitised HTML), the due date in WIB and the late policy, the
// learner's submission with its grade and feedback once graded, and the
// form to submit or resubmit: a text answer and/or a file uploaded straight
// to storage (presigned PUT with a progress bar, the same uploader as the
// staff's materials) and checked by the server before it can be submitted.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, call, type Schemas } from '../api/client';
import { useApi } from '../hooks';
import { formatDateTime, formatSize, tk } from '../i18n';
import { Uploader, type Upload, type UploadState } from '../staff/upload';
import { ErrorView, Loading, Notice, ProgressBar, errorMessage } from '../ui';
import { fmtNum, qt, type QKey } from './quiz-i18n';
import './quiz.css';

export type AssignmentSettings = Schemas['AssignmentSettings'];
type Submission = Schemas['SubmissionView'];
type UploadClass = Schemas['UploadClass'];

export interface AssignmentContent {
  title: string;
  html?: string;
  assignment: AssignmentSettings;
}

interface ItemPath {
  tenantId: string;
  courseId: string;
  itemId: string;
}

/** File name endings the platform takes per class (shared/upload's allowlist). */
const extensions: Record<UploadClass, string[]> = {
  pdf: ['.pdf'],
  document: ['.docx', '.doc', '.xlsx'],
  presentation: ['.pptx', '.ppt'],
  image: ['.png', '.jpg', '.jpeg', '.webp'],
  video: ['.mp4', '.m4v', '.mov', '.webm'],
  audio: ['.mp3', '.m4a'],
};

/** Content types by ending, for files the browser leaves without one. */
const typeByExt: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
};

const ext = (name: string) => /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';

export function AssignmentView({ path, content, staff, gradingHref, onSubmitted }: { path: ItemPath; content: AssignmentContent; staff: boolean; gradingHref?: string; onSubmitted: () => void }) {
  const a = content.assignment;
  const [load, retry] = useApi(
    () => (staff ? Promise.resolve(null) : call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/submissions', { params: { path } })).then((p) => p.items[0] ?? null)),
    [path.itemId, staff],
  );
  const [mine, setMine] = useState<Submission | null>(null);
  useEffect(() => {
    if (load.state === 'ok') setMine(load.data);
  }, [load]);
  const due = a.dueAt ? Date.parse(a.dueAt) : null;
  const late = due !== null && Date.now() > due;
  const kinds = a.fileKinds?.length ? a.fileKinds : (['pdf', 'document'] as UploadClass[]);
  return (
    <div class="assignment">
      {content.html ? (
        <section class="card" aria-labelledby="as-instr">
          <h2 id="as-instr">{qt('as.instructions')}</h2>
          <div class="prose" dangerouslySetInnerHTML={{ __html: content.html }} />
        </section>
      ) : null}
      <section class="card" aria-labelledby="as-rules">
        <h2 id="as-rules">{qt('as.rules')}</h2>
        <dl class="facts">
          <dt>{qt('as.due')}</dt>
          <dd data-testid="assignment-due">{a.dueAt ? formatDateTime(a.dueAt) : qt('as.noDue')}</dd>
          <dt>{qt('as.latePolicy')}</dt>
          <dd>{a.latePolicy === 'penalty' ? qt('as.late.penalty', { n: a.penaltyPercent ?? 0 }) : qt(`as.late.${a.latePolicy}` as QKey)}</dd>
          <dt>{qt('as.answerForm')}</dt>
          <dd>{a.allowText && a.allowFile ? qt('as.textAndFile') : a.allowText ? qt('as.textOnly') : qt('as.fileOnly')}</dd>
          {a.allowFile ? (
            <>
              <dt>{qt('as.files')}</dt>
              <dd>{qt('as.filesValue', { kinds: kinds.map((k) => tk('kind', k)).join(', '), size: a.maxSizeMb ?? 20 })}</dd>
            </>
          ) : null}
          <dt>{qt('as.maxScore')}</dt>
          <dd>{a.maxScore}</dd>
        </dl>
        {staff && gradingHref ? (
          <div class="actions">
            <a class="btn btn-secondary" href={gradingHref}>
              {qt('as.grading')}
            </a>
          </div>
        ) : null}
      </section>
      {staff ? null : load.state === 'loading' ? (
        <Loading cards={1} />
      ) : load.state === 'error' ? (
        <ErrorView error={load.error} onRetry={() => retry()} />
      ) : (
        <>
          {mine ? <MySubmission s={mine} maxScore={a.maxScore} /> : null}
          <SubmitForm
            path={path}
            a={a}
            kinds={kinds}
            mine={mine}
            late={late}
            onDone={(s) => {
              setMine(s);
              onSubmitted();
            }}
          />
        </>
      )}
    </div>
  );
}

function MySubmission({ s, maxScore }: { s: Submission; maxScore: number }) {
  const graded = s.grade !== undefined;
  return (
    <section class="card" aria-labelledby="as-mine">
      <h2 id="as-mine">{qt('as.mine')}</h2>
      <dl class="facts">
        <dt>{qt('as.submittedAt')}</dt>
        <dd>
          {formatDateTime(s.submittedAt)}
          {s.late ? <span class="badge badge-withdrawn">{qt('as.lateBadge')}</span> : null}
        </dd>
        <dt>{qt('as.count')}</dt>
        <dd>{s.count}</dd>
        {s.fileName ? (
          <>
            <dt>{qt('as.file')}</dt>
            <dd>{s.fileUrl ? <a href={s.fileUrl} data-native download={s.fileName}>{s.fileName}</a> : s.fileName}</dd>
          </>
        ) : null}
        <dt>{qt('as.gradeLabel')}</dt>
        <dd data-testid="assignment-grade">
          {graded ? (
            <strong>{qt('as.gradeValue', { grade: fmtNum(s.grade ?? 0), max: maxScore })}</strong>
          ) : (
            <span class="badge badge-reserve">{qt('as.notGraded')}</span>
          )}
          {graded && s.penalty ? <span class="small muted"> {qt('as.penaltyNote', { score: fmtNum(s.score ?? 0), penalty: fmtNum(s.penalty) })}</span> : null}
        </dd>
      </dl>
      {s.text ? (
        <>
          <h3 class="h3">{qt('as.textAnswer')}</h3>
          <p class="quiz-essay">{s.text}</p>
        </>
      ) : null}
      {s.feedback ? (
        <p class="quiz-feedback">
          <strong>{qt('as.feedback')}</strong> {s.feedback}
        </p>
      ) : null}
    </section>
  );
}

type FileState =
  | { phase: 'none' }
  | { phase: 'uploading'; name: string; state: UploadState }
  | { phase: 'checking'; name: string; upload: Upload }
  | { phase: 'ready'; name: string; upload: Upload }
  | { phase: 'failed'; name: string; message: string };

function SubmitForm({
  path,
  a,
  kinds,
  mine,
  late,
  onDone,
}: {
  path: ItemPath;
  a: AssignmentSettings;
  kinds: UploadClass[];
  mine: Submission | null;
  late: boolean;
  onDone: (s: Submission) => void;
}) {
  const [text, setText] = useState(mine?.text ?? '');
  const [file, setFile] = useState<FileState>({ phase: 'none' });
  const [keepFile, setKeepFile] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const uploader = useRef<Uploader | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // A sent file is checked by the server (type, checksum): poll until ready.
  const checking = file.phase === 'checking' ? file.upload.id : '';
  useEffect(() => {
    if (!checking || file.phase !== 'checking') return;
    const name = file.name;
    let stop = false;
    let timer = 0;
    const tick = async () => {
      try {
        const u = await call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId: path.tenantId, uploadId: checking } } }));
        if (stop) return;
        if (u.status === 'ready') return setFile({ phase: 'ready', name, upload: u });
        if (u.status === 'failed' || u.status === 'aborted') return setFile({ phase: 'failed', name, message: u.reasonMessage ?? qt('as.fileFailed') });
      } catch (e) {
        if (stop) return;
        if (e instanceof ApiError && e.kind === 'http' && e.status !== 429 && e.status < 500) return setFile({ phase: 'failed', name, message: errorMessage(e) });
      }
      if (!stop) timer = window.setTimeout(() => void tick(), 1000);
    };
    timer = window.setTimeout(() => void tick(), 500);
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [checking]);

  const graded = mine?.grade !== undefined;
  if (late && a.latePolicy === 'refuse') return <Notice kind="warn">{qt('as.closed')}</Notice>;
  if (late && graded) return <Notice>{qt('as.gradedClosed')}</Notice>;

  const allowed = kinds.flatMap((k) => extensions[k]);
  const maxBytes = (a.maxSizeMb ?? 20) * 1024 * 1024;
  const choose = (f: File) => {
    setError(null);
    const e = ext(f.name);
    if (!allowed.includes(e)) return setFile({ phase: 'failed', name: f.name, message: qt('as.wrongType', { types: allowed.join(', ') }) });
    if (f.size > maxBytes) return setFile({ phase: 'failed', name: f.name, message: qt('as.tooBig', { size: a.maxSizeMb ?? 20 }) });
    // Browsers leave some types empty (or guess oddly) and the server wants the
    // name and the type to agree: the type follows the name's ending.
    const want = typeByExt[e] ?? 'application/octet-stream';
    const typed = f.type === want ? f : new File([f], f.name, { type: want });
    const u = new Uploader(path.tenantId, typed, { courseId: path.courseId, itemId: path.itemId, purpose: 'submission' }, (s) => {
      if (s.phase === 'sent' && s.upload) setFile({ phase: 'checking', name: f.name, upload: s.upload });
      else setFile({ phase: 'uploading', name: f.name, state: s });
    });
    uploader.current = u;
    setFile({ phase: 'uploading', name: f.name, state: u.state });
    u.start().catch((err: unknown) => setFile({ phase: 'failed', name: f.name, message: errorMessage(err instanceof ApiError ? err : new ApiError('network', 0, '', '')) }));
  };

  const uploadId = file.phase === 'ready' ? file.upload.id : keepFile && mine?.uploadId ? mine.uploadId : '';
  const waiting = file.phase === 'uploading' || file.phase === 'checking';
  const empty = !text.trim() && !uploadId;
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    setBusy(true);
    call(
      api.PUT('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/submission', {
        params: { path },
        body: { ...(a.allowText ? { text } : {}), ...(a.allowFile && uploadId ? { uploadId } : {}) },
      }),
    ).then(
      (s) => {
        setBusy(false);
        setDone(true);
        setFile({ phase: 'none' });
        if (fileInput.current) fileInput.current.value = '';
        onDone(s as Submission);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="as-form-h">
      <h2 id="as-form-h">{mine ? qt('as.resubmitTitle') : qt('as.submitTitle')}</h2>
      {late ? <Notice kind="warn">{a.latePolicy === 'penalty' ? qt('as.lateWarnPenalty', { n: a.penaltyPercent ?? 0 }) : qt('as.lateWarn')}</Notice> : null}
      {mine && graded ? <Notice kind="warn">{qt('as.regradeWarn')}</Notice> : null}
      {a.allowText ? (
        <div class="field">
          <label for="as-text">{qt('as.textLabel')}</label>
          <textarea id="as-text" rows={8} maxLength={50000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
      ) : null}
      {a.allowFile ? (
        <div class="field">
          <label for="as-file">{mine?.fileName ? qt('as.replaceFile') : qt('as.chooseFile')}</label>
          <p class="hint" id="as-file-hint">
            {qt('as.fileHint', { types: allowed.join(', '), size: a.maxSizeMb ?? 20 })}
          </p>
          <input
            id="as-file"
            ref={fileInput}
            type={'file' as 'text'}
            accept={allowed.join(',')}
            aria-describedby="as-file-hint"
            disabled={waiting || busy}
            onChange={(e) => {
              const f = (e.currentTarget as HTMLInputElement).files?.[0];
              if (f) choose(f);
            }}
          />
          <FileProgress file={file} />
        </div>
      ) : null}
      {a.allowFile && mine?.fileName && file.phase === 'none' ? (
        <label class="check">
          <input type="checkbox" checked={keepFile} onChange={(e) => setKeepFile(e.currentTarget.checked)} />
          {qt('as.keepFile', { name: mine.fileName })}
        </label>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
      {done ? (
        <p class="notice notice-ok" role="status">
          {qt('as.submitted')}
        </p>
      ) : null}
      <button type="submit" class="btn" disabled={busy || waiting || empty}>
        {mine ? qt('as.resubmit') : qt('as.submit')}
      </button>
    </form>
  );
}

function FileProgress({ file }: { file: FileState }) {
  if (file.phase === 'none') return null;
  if (file.phase === 'failed') {
    return (
      <p class="field-error" role="alert">
        {file.name}: {file.message}
      </p>
    );
  }
  if (file.phase === 'uploading') {
    const s = file.state;
    return (
      <div class="upload-progress">
        <ProgressBar percent={s.total ? (100 * s.sent) / s.total : 0} label={qt('as.uploadLabel', { name: file.name })} />
        <p class="small muted" aria-live="polite">
          {tk('upload.phase', s.phase)} · {formatSize(s.sent)} / {formatSize(s.total)}
        </p>
      </div>
    );
  }
  return (
    <p class="small" role="status" data-file-status={file.phase}>
      {file.phase === 'checking' ? qt('as.fileChecking', { name: file.name }) : qt('as.fileReady', { name: file.name })}
    </p>
  );
}
