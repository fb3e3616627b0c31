// The question bank of a course (bank soal): every question with a filter
// by type and tag, and a form per type to create or edit one (options with
// the correct ones marked, true/false, accepted short answers, a number
// with its tolerance, matching pairs, essays), points, feedback, tags and
// a picture (uploaded straight to storage, with its alt text); delete with
// a confirmation; export to CSV/XLSX and import with a per-row report (a
// dry run first if wanted). Edits send the version read (a question
// changed meanwhile answers conflict: reload and edit again).

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, apiFetch, call, getApiBase, toApiError, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { t } from '../i18n';
import { QuestionText } from '../pages/quiz';
import { fmtNum, qt, type QKey } from '../pages/quiz-i18n';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle, ProgressBar, describedBy, errorMessage } from '../ui';
import { FormError, useAction } from './form';
import { download } from './monitor';
import { Uploader, type UploadState } from './upload';
import '../pages/quiz.css';

export type Question = Schemas['Question'] & { image?: { url: string; alt?: string; width?: number; height?: number } };
type QType = Schemas['QuestionType'];
type Option = Schemas['QuestionOption'];
type Pair = Schemas['QuestionPair'];

export const questionTypes: QType[] = ['single', 'multiple', 'truefalse', 'short', 'numeric', 'matching', 'essay'];
export const typeLabel = (ty: string) => qt(`qtype.${ty}` as QKey);

/** Every question of a course's bank (all pages). */
export async function loadBank(tenantId: string, courseId: string): Promise<Question[]> {
  const out: Question[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await call(
      api.GET('/tenants/{tenantId}/courses/{courseId}/questions', { params: { path: { tenantId, courseId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    out.push(...(page.items as Question[]));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

export function QuestionBankPage({ courseId }: { courseId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(async () => {
    const [outline, bank] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/courses/{courseId}', { params: { path: { tenantId, courseId } } })),
      loadBank(tenantId, courseId),
    ]);
    return { title: outline.course.title, bank };
  }, [tenantId, courseId]);
  const [type, setType] = useState('');
  const [tag, setTag] = useState('');
  const [editing, setEditing] = useState('');
  const [creating, setCreating] = useState(false);
  const reload = () => retry(true);
  return (
    <Loaded load={load} retry={retry}>
      {({ title, bank }) => {
        const tags = [...new Set(bank.flatMap((q) => q.tags))].sort();
        const shown = bank.filter((q) => (!type || q.type === type) && (!tag || q.tags.includes(tag)));
        return (
          <>
            <p class="crumb">
              <a href={tenantPath(tenantId, 'kelola', 'kursus', courseId)}>{title}</a>
            </p>
            <PageTitle sub={qt('bank.count', { n: bank.length })}>{qt('bank.title')}</PageTitle>
            <div class="actions">
              <button type="button" class="btn" aria-expanded={creating} onClick={() => setCreating(!creating)}>
                {qt('bank.new')}
              </button>
            </div>
            <BankFiles tenantId={tenantId} courseId={courseId} onImported={reload} />
            {creating ? (
              <QuestionForm
                path={{ tenantId, courseId }}
                onSaved={() => {
                  setCreating(false);
                  reload();
                }}
                onCancel={() => setCreating(false)}
              />
            ) : null}
            <div class="card form-inline bank-filter" role="search" aria-label={qt('bank.filter')}>
              <Field id="bank-type" label={qt('bank.type')}>
                <select id="bank-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
                  <option value="">{qt('bank.all')}</option>
                  {questionTypes.map((ty) => (
                    <option value={ty}>{typeLabel(ty)}</option>
                  ))}
                </select>
              </Field>
              <Field id="bank-tag" label={qt('bank.tag')}>
                <select id="bank-tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
                  <option value="">{qt('bank.all')}</option>
                  {tags.map((x) => (
                    <option value={x}>{x}</option>
                  ))}
                </select>
              </Field>
            </div>
            <p class="muted small" role="status">
              {qt('bank.shown', { n: shown.length, total: bank.length })}
            </p>
            {shown.length === 0 ? <p class="card">{bank.length ? qt('bank.noMatch') : qt('bank.empty')}</p> : null}
            <ol class="bank-list">
              {shown.map((q) => (
                <li class="card" key={q.id}>
                  <div class="row">
                    <span>
                      <span class="badge">{typeLabel(q.type)}</span> <span class="small muted">{qt('quiz.points', { n: fmtNum(q.points) })}</span>
                      {q.tags.map((x) => (
                        <span class="badge badge-tag">{x}</span>
                      ))}
                    </span>
                    <span class="row">
                      <button type="button" class="btn btn-secondary btn-small" aria-expanded={editing === q.id} onClick={() => setEditing(editing === q.id ? '' : q.id)}>
                        {t('staff.edit')}
                        <span class="sr-only">: {q.text.slice(0, 60)}</span>
                      </button>
                      <DeleteQuestion path={{ tenantId, courseId, questionId: q.id }} text={q.text} onDone={reload} />
                    </span>
                  </div>
                  <p class="quiz-legend">
                    <QuestionText question={q} />
                  </p>
                  {editing === q.id ? (
                    <QuestionForm
                      path={{ tenantId, courseId }}
                      question={q}
                      onSaved={() => {
                        setEditing('');
                        reload();
                      }}
                      onCancel={() => setEditing('')}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        );
      }}
    </Loaded>
  );
}

function DeleteQuestion({ path, text, onDone }: { path: { tenantId: string; courseId: string; questionId: string }; text: string; onDone: () => void }) {
  const act = useAction();
  return (
    <>
      <button
        type="button"
        class="btn btn-secondary btn-small"
        disabled={act.busy}
        onClick={() => {
          if (!confirm(qt('bank.confirmDelete', { text: text.slice(0, 80) }))) return;
          void act.run(async () => {
            await call(api.DELETE('/tenants/{tenantId}/courses/{courseId}/questions/{questionId}', { params: { path } }));
            onDone();
          });
        }}
      >
        {t('staff.delete')}
        <span class="sr-only">: {text.slice(0, 60)}</span>
      </button>
      <FormError error={act.error} />
    </>
  );
}

type ImportReport = Schemas['QuestionImportReport'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Export the bank (CSV/XLSX) and import a file back, with the per-row report. */
function BankFiles({ tenantId, courseId, onImported }: { tenantId: string; courseId: string; onImported: () => void }) {
  const [dry, setDry] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const act = useAction();
  const base = `/tenants/${encodeURIComponent(tenantId)}/courses/${encodeURIComponent(courseId)}/questions`;
  return (
    <section class="card" aria-labelledby="bank-files-h">
      <h2 id="bank-files-h" class="h3">
        {qt('bank.files')}
      </h2>
      <div class="actions">
        {(['xlsx', 'csv'] as const).map((f) => (
          <button type="button" class="btn btn-secondary" disabled={act.busy} onClick={() => void act.run(() => download(`${base}/export?format=${f}`, `bank-soal.${f}`))}>
            {qt('bank.export', { format: f.toUpperCase() })}
          </button>
        ))}
      </div>
      <label class="check">
        <input type="checkbox" checked={dry} onChange={(e) => setDry(e.currentTarget.checked)} />
        {qt('bank.dryRun')}
      </label>
      <div class="field">
        <label for="bank-import">{qt('bank.import')}</label>
        <p class="hint" id="bank-import-hint">
          {qt('bank.importHint')}
        </p>
        <input
          id="bank-import"
          type={'file' as 'text'}
          accept={`.csv,.xlsx,text/csv,${xlsxType}`}
          aria-describedby="bank-import-hint"
          disabled={act.busy}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const f = input.files?.[0];
            if (!f) return;
            setReport(null);
            void act.run(async () => {
              const res = await apiFetch(
                new Request(`${getApiBase()}${base}/import${dry ? '?dryRun=true' : ''}`, {
                  method: 'POST',
                  body: f,
                  headers: { 'Content-Type': f.name.toLowerCase().endsWith('.xlsx') ? xlsxType : 'text/csv' },
                }),
              );
              const body: unknown = await res.json().catch(() => undefined);
              input.value = '';
              if (!res.ok) throw toApiError(res.status, body);
              setReport(body as ImportReport);
              if (!dry) onImported();
            });
          }}
        />
      </div>
      <FormError error={act.error} />
      {report ? (
        <div role="status">
          <Notice kind={report.failed ? 'warn' : 'ok'}>
            {qt(report.dryRun ? 'bank.importDry' : 'bank.importDone', {
              total: report.totalRows,
              created: report.created,
              updated: report.updated,
              skipped: report.skipped,
              failed: report.failed,
            })}
          </Notice>
          {report.failed ? (
            <ul>
              {report.rows
                .filter((r) => r.status === 'error')
                .map((r) => (
                  <li>{qt('bank.importRow', { row: r.row, message: r.message })}</li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

type Picture =
  | { phase: 'none' }
  | { phase: 'sending'; state: UploadState }
  | { phase: 'processing'; id: string }
  | { phase: 'ready'; id: string }
  | { phase: 'failed'; message: string };

const imageTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** A question's picture: upload (purpose question) until processed, then its id goes with the question. */
function usePicture(tenantId: string, courseId: string) {
  const [pic, setPic] = useState<Picture>({ phase: 'none' });
  const processing = pic.phase === 'processing' ? pic.id : '';
  useEffect(() => {
    if (!processing) return;
    let stop = false;
    let timer = 0;
    const tick = async () => {
      try {
        const u = await call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId, uploadId: processing } } }));
        if (stop) return;
        if (u.status === 'ready') return setPic({ phase: 'ready', id: u.id });
        if (u.status === 'failed' || u.status === 'aborted') return setPic({ phase: 'failed', message: u.reasonMessage ?? t('upload.failed') });
      } catch (e) {
        if (stop) return;
        if (e instanceof ApiError && e.kind === 'http' && e.status < 500 && e.status !== 429) return setPic({ phase: 'failed', message: errorMessage(e) });
      }
      if (!stop) timer = window.setTimeout(() => void tick(), 1000);
    };
    timer = window.setTimeout(() => void tick(), 700);
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [processing]);
  const choose = (f: File) => {
    const ext = /\.[^.]+$/.exec(f.name.toLowerCase())?.[0] ?? '';
    const type = imageTypes[ext];
    if (!type) return setPic({ phase: 'failed', message: qt('bank.imageType') });
    const file = f.type === type ? f : new File([f], f.name, { type });
    const u = new Uploader(tenantId, file, { courseId, itemId: '', purpose: 'question' }, (s) => {
      if (s.phase === 'sent' && s.upload) setPic({ phase: 'processing', id: s.upload.id });
      else setPic({ phase: 'sending', state: s });
    });
    setPic({ phase: 'sending', state: u.state });
    u.start().catch((e: unknown) => setPic({ phase: 'failed', message: errorMessage(e instanceof ApiError ? e : new ApiError('network', 0, '', '')) }));
  };
  return { pic, choose, reset: () => setPic({ phase: 'none' }) };
}

const letters = 'abcdefghijklmnopqrstuvwxyz';
const nextId = (used: string[], make: (i: number) => string) => {
  for (let i = 0; ; i++) if (!used.includes(make(i))) return make(i);
};

function QuestionForm({ path, question, onSaved, onCancel }: { path: { tenantId: string; courseId: string }; question?: Question; onSaved: () => void; onCancel: () => void }) {
  const q = question;
  const [type, setType] = useState<QType>(q?.type ?? 'single');
  const [text, setText] = useState(q?.text ?? '');
  const [points, setPoints] = useState(q ? String(q.points) : '1');
  const [feedback, setFeedback] = useState(q?.feedback ?? '');
  const [tags, setTags] = useState(q?.tags.join(', ') ?? '');
  const [options, setOptions] = useState<Option[]>(q?.options?.length ? q.options : [{ id: 'a', text: '' }, { id: 'b', text: '' }]);
  const [correct, setCorrect] = useState<string[]>(q?.correct ?? []);
  const [accepted, setAccepted] = useState((q?.accepted ?? []).join('\n'));
  const [value, setValue] = useState(q?.value === undefined ? '' : String(q.value));
  const [tolerance, setTolerance] = useState(q?.tolerance === undefined ? '0' : String(q.tolerance));
  const [pairs, setPairs] = useState<Pair[]>(q?.pairs?.length ? q.pairs : [{ id: 'p1', left: '', right: '' }, { id: 'p2', left: '', right: '' }]);
  const picture = usePicture(path.tenantId, path.courseId);
  const [alt, setAlt] = useState(q?.image?.alt ?? '');
  const [removeImage, setRemoveImage] = useState(false);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const fid = `qf-${q?.id ?? 'new'}`;
  const pic = picture.pic;
  const hasImage = pic.phase === 'ready' || (!!q?.image && !removeImage);
  const tf = correct[0] === 'true' || correct[0] === 'false' ? correct[0] : '';

  const num = (s: string) => Number(s.trim().replace(',', '.'));
  // The picture: a new upload, the current one (its alt text may change), or none.
  const image = (): Record<string, unknown> => {
    if (pic.phase === 'ready') return { image: { uploadId: pic.id, alt } };
    if (q?.image && removeImage) return { image: null };
    if (q?.image?.uploadId && alt !== q.image.alt) return { image: { uploadId: q.image.uploadId, alt } };
    return {};
  };
  const body = (): Record<string, unknown> => {
    const common = {
      type,
      text,
      points: num(points),
      feedback,
      tags: tags.split(',').map((x) => x.trim()).filter(Boolean),
      ...image(),
    };
    switch (type) {
      case 'single':
      case 'multiple':
        return { ...common, options, correct: correct.filter((c) => options.some((o) => o.id === c)) };
      case 'truefalse':
        // A true/false question has no options (a left-over list would be refused).
        return { ...common, options: [], correct: tf ? [tf] : [] };
      case 'short':
        return { ...common, accepted: accepted.split('\n').map((x) => x.trim()).filter(Boolean) };
      case 'numeric':
        return { ...common, ...(value.trim() ? { value: num(value) } : {}), tolerance: num(tolerance || '0') };
      case 'matching':
        return { ...common, pairs };
      case 'essay':
        return common;
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      if (q) {
        await call(
          api.PATCH('/tenants/{tenantId}/courses/{courseId}/questions/{questionId}', {
            params: { path: { ...path, questionId: q.id } },
            body: { ...body(), version: q.version } as Schemas['UpdateQuestionRequest'],
          }),
        );
      } else {
        await call(api.POST('/tenants/{tenantId}/courses/{courseId}/questions', { params: { path }, body: body() as Schemas['CreateQuestionRequest'] }));
      }
      onSaved();
    });
  };
  const optionField = (f: string) => fields[f];
  return (
    <form class="form question-form" onSubmit={save} aria-label={q ? qt('bank.editTitle') : qt('bank.newTitle')}>
      <h2 class="h3">{q ? qt('bank.editTitle') : qt('bank.newTitle')}</h2>
      <Field id={`${fid}-type`} label={qt('bank.type')} error={fields.type}>
        <select id={`${fid}-type`} value={type} onChange={(e) => setType(e.currentTarget.value as QType)}>
          {questionTypes.map((ty) => (
            <option value={ty}>{typeLabel(ty)}</option>
          ))}
        </select>
      </Field>
      <Field id={`${fid}-text`} label={qt('bank.text')} error={fields.text}>
        <textarea id={`${fid}-text`} rows={4} required minLength={3} maxLength={10000} value={text} aria-describedby={describedBy(`${fid}-text`, false, fields.text)} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-points`} label={qt('bank.points')} error={fields.points}>
        <input id={`${fid}-points`} inputMode="decimal" required value={points} aria-describedby={describedBy(`${fid}-points`, false, fields.points)} onInput={(e) => setPoints(e.currentTarget.value)} />
      </Field>

      {type === 'single' || type === 'multiple' ? (
        <fieldset class="bank-fieldset">
          <legend>{type === 'single' ? qt('bank.optionsSingle') : qt('bank.optionsMultiple')}</legend>
          {optionField('options') || optionField('correct') ? (
            <p class="field-error">{[optionField('options'), optionField('correct')].filter(Boolean).join(' ')}</p>
          ) : null}
          {options.map((o, i) => (
            <div class="bank-option" key={o.id}>
              <input
                type={type === 'single' ? 'radio' : 'checkbox'}
                name={`${fid}-correct`}
                id={`${fid}-c-${o.id}`}
                checked={correct.includes(o.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setCorrect(type === 'single' ? [o.id] : on ? [...correct, o.id] : correct.filter((c) => c !== o.id));
                }}
              />
              <label for={`${fid}-c-${o.id}`} class="sr-only">
                {qt('bank.markCorrect', { n: i + 1 })}
              </label>
              <label for={`${fid}-o-${o.id}`} class="sr-only">
                {qt('bank.optionText', { n: i + 1 })}
              </label>
              <input
                id={`${fid}-o-${o.id}`}
                required
                value={o.text}
                placeholder={qt('bank.optionText', { n: i + 1 })}
                onInput={(e) => {
                  const v = e.currentTarget.value;
                  setOptions(options.map((x) => (x.id === o.id ? { ...x, text: v } : x)));
                }}
              />
              <button
                type="button"
                class="btn btn-secondary btn-small"
                disabled={options.length <= 2}
                onClick={() => {
                  setOptions(options.filter((x) => x.id !== o.id));
                  setCorrect(correct.filter((c) => c !== o.id));
                }}
              >
                {t('staff.delete')}
                <span class="sr-only">: {qt('bank.optionText', { n: i + 1 })}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-secondary btn-small"
            disabled={options.length >= 10}
            onClick={() => setOptions([...options, { id: nextId(options.map((o) => o.id), (i) => letters[i] ?? `o${i}`), text: '' }])}
          >
            {qt('bank.addOption')}
          </button>
        </fieldset>
      ) : null}

      {type === 'truefalse' ? (
        <fieldset class="bank-fieldset">
          <legend>{qt('bank.key')}</legend>
          {fields.correct ? <p class="field-error">{fields.correct}</p> : null}
          {(['true', 'false'] as const).map((v) => (
            <label class="check">
              <input type="radio" name={`${fid}-tf`} checked={tf === v} onChange={() => setCorrect([v])} />
              {v === 'true' ? qt('quiz.true') : qt('quiz.false')}
            </label>
          ))}
        </fieldset>
      ) : null}

      {type === 'short' ? (
        <Field id={`${fid}-acc`} label={qt('bank.accepted')} hint={qt('bank.acceptedHint')} error={fields.accepted}>
          <textarea id={`${fid}-acc`} rows={3} value={accepted} aria-describedby={describedBy(`${fid}-acc`, true, fields.accepted)} onInput={(e) => setAccepted(e.currentTarget.value)} />
        </Field>
      ) : null}

      {type === 'numeric' ? (
        <>
          <Field id={`${fid}-value`} label={qt('bank.value')} error={fields.value}>
            <input id={`${fid}-value`} inputMode="decimal" required value={value} aria-describedby={describedBy(`${fid}-value`, false, fields.value)} onInput={(e) => setValue(e.currentTarget.value)} />
          </Field>
          <Field id={`${fid}-tol`} label={qt('bank.tolerance')} hint={qt('bank.toleranceHint')}>
            <input id={`${fid}-tol`} inputMode="decimal" value={tolerance} aria-describedby={`${fid}-tol-hint`} onInput={(e) => setTolerance(e.currentTarget.value)} />
          </Field>
        </>
      ) : null}

      {type === 'matching' ? (
        <fieldset class="bank-fieldset">
          <legend>{qt('bank.pairs')}</legend>
          {fields.pairs ? <p class="field-error">{fields.pairs}</p> : null}
          {pairs.map((p, i) => (
            <div class="bank-pair" key={p.id}>
              <div class="field">
                <label for={`${fid}-l-${p.id}`}>{qt('bank.left', { n: i + 1 })}</label>
                <input id={`${fid}-l-${p.id}`} required value={p.left} onInput={(e) => { const v = e.currentTarget.value; setPairs(pairs.map((x) => (x.id === p.id ? { ...x, left: v } : x))); }} />
              </div>
              <div class="field">
                <label for={`${fid}-r-${p.id}`}>{qt('bank.right', { n: i + 1 })}</label>
                <input id={`${fid}-r-${p.id}`} required value={p.right} onInput={(e) => { const v = e.currentTarget.value; setPairs(pairs.map((x) => (x.id === p.id ? { ...x, right: v } : x))); }} />
              </div>
              <button type="button" class="btn btn-secondary btn-small" disabled={pairs.length <= 2} onClick={() => setPairs(pairs.filter((x) => x.id !== p.id))}>
                {t('staff.delete')}
                <span class="sr-only">: {qt('bank.pairN', { n: i + 1 })}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-secondary btn-small"
            disabled={pairs.length >= 12}
            onClick={() => setPairs([...pairs, { id: nextId(pairs.map((p) => p.id), (i) => `p${i + 1}`), left: '', right: '' }])}
          >
            {qt('bank.addPair')}
          </button>
        </fieldset>
      ) : null}

      {type === 'essay' ? <p class="muted small">{qt('bank.essayNote')}</p> : null}

      <fieldset class="bank-fieldset">
        <legend>{qt('bank.image')}</legend>
        {q?.image?.url && !removeImage && pic.phase !== 'ready' ? (
          <div>
            <img class="bank-thumb" src={q.image.url} alt={q.image.alt} width={q.image.width} height={q.image.height} />
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setRemoveImage(true)}>
              {qt('bank.removeImage')}
            </button>
          </div>
        ) : null}
        {removeImage ? <p class="small">{qt('bank.imageRemoved')}</p> : null}
        <div class="field">
          <label for={`${fid}-img`}>{q?.image ? qt('bank.replaceImage') : qt('bank.addImage')}</label>
          <p class="hint" id={`${fid}-img-hint`}>
            {qt('bank.imageHint')}
          </p>
          <input
            id={`${fid}-img`}
            type={'file' as 'text'}
            accept=".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp"
            aria-describedby={`${fid}-img-hint`}
            disabled={pic.phase === 'sending' || pic.phase === 'processing'}
            onChange={(e) => {
              const f = (e.currentTarget as HTMLInputElement).files?.[0];
              if (f) {
                setRemoveImage(false);
                picture.choose(f);
              }
            }}
          />
          {pic.phase === 'sending' ? (
            <ProgressBar percent={pic.state.total ? (100 * pic.state.sent) / pic.state.total : 0} label={qt('bank.imageProgress')} />
          ) : pic.phase === 'processing' ? (
            <p class="small" role="status">
              {qt('bank.imageProcessing')}
            </p>
          ) : pic.phase === 'ready' ? (
            <p class="small" role="status">
              {qt('bank.imageReady')}
            </p>
          ) : pic.phase === 'failed' ? (
            <p class="field-error" role="alert">
              {pic.message}
            </p>
          ) : null}
        </div>
        {hasImage ? (
          <Field id={`${fid}-alt`} label={qt('bank.imageAlt')} hint={qt('bank.imageAltHint')} error={fields['image.alt'] ?? fields['image.uploadId'] ?? fields.image}>
            <input id={`${fid}-alt`} required maxLength={300} value={alt} aria-describedby={describedBy(`${fid}-alt`, true, fields['image.alt'])} onInput={(e) => setAlt(e.currentTarget.value)} />
          </Field>
        ) : null}
      </fieldset>

      <Field id={`${fid}-fb`} label={qt('bank.feedback')} hint={qt('bank.feedbackHint')} error={fields.feedback}>
        <textarea id={`${fid}-fb`} rows={2} maxLength={5000} value={feedback} aria-describedby={describedBy(`${fid}-fb`, true, fields.feedback)} onInput={(e) => setFeedback(e.currentTarget.value)} />
      </Field>
      <Field id={`${fid}-tags`} label={t('staff.tags')} hint={t('staff.tagsHint')} error={fields.tags}>
        <input id={`${fid}-tags`} value={tags} aria-describedby={describedBy(`${fid}-tags`, true, fields.tags)} onInput={(e) => setTags(e.currentTarget.value)} />
      </Field>
      <FormError error={act.error} />
      {act.error instanceof ApiError && act.error.code === 'conflict' ? <p class="small">{qt('bank.conflict')}</p> : null}
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy || pic.phase === 'sending' || pic.phase === 'processing'}>
          {t('staff.save')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {qt('common.cancel')}
        </button>
      </div>
    </form>
  );
}
