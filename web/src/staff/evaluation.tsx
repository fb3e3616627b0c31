// Admin: a batch's post-training evaluation form (PUT .../evaluation: scale,
// choice and text questions, in order, locked once answered) and its
// results (GET .../evaluation: per question the mean, the distribution as
// bars drawn with CSS beside their numbers, and the comments). Instructors
// and PICs of the batch who open the page see the results only.

import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { at, atk } from './admin-i18n';

type Form = Schemas['EvaluationForm'];
type Kind = Schemas['QuestionKind'];
type Result = Schemas['EvaluationQuestionResult'];

interface Draft {
  key: number;
  id?: string;
  kind: Kind;
  text: string;
  required: boolean;
  options: string;
}

let nextKey = 1;
const draftOf = (q: { id?: string; kind: Kind; text: string; required: boolean; options?: string[] }): Draft => ({
  key: nextKey++,
  ...(q.id ? { id: q.id } : {}),
  kind: q.kind,
  text: q.text,
  required: q.required,
  options: (q.options ?? []).join('\n'),
});

/** A starting form (reaction, Kirkpatrick level 1) the admin can edit. */
const sample = (): Draft[] => [
  draftOf({ kind: 'scale', text: at('evalAdm.sample1'), required: true }),
  draftOf({ kind: 'scale', text: at('evalAdm.sample2'), required: true }),
  draftOf({ kind: 'choice', text: at('evalAdm.sample3'), required: false, options: [at('evalAdm.sample3a'), at('evalAdm.sample3b'), at('evalAdm.sample3c')] }),
  draftOf({ kind: 'text', text: at('evalAdm.sample4'), required: false }),
];

export function EvaluationAdminPage({ batchId }: { batchId: string }) {
  const { tenantId, membership } = useApp();
  const path = { tenantId, batchId };
  const [load, retry] = useApi(async () => {
    const batch = await call(api.GET('/tenants/{tenantId}/batches/{batchId}', { params: { path } }));
    let form: Form | null = null;
    try {
      form = await call(api.GET('/tenants/{tenantId}/batches/{batchId}/evaluation', { params: { path } }));
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'evaluation_not_defined')) throw e;
    }
    return { batch, form };
  }, [tenantId, batchId]);
  const admin = membership?.role === 'admin';
  return (
    <Loaded load={load} retry={retry}>
      {({ batch, form }) => (
        <>
          <p class="crumb">
            <a href={tenantPath(tenantId, 'kelola', 'angkatan', batchId)}>{batch.name}</a>
          </p>
          <PageTitle sub={batch.name}>{at('evalAdm.title')}</PageTitle>
          {form && form.responses > 0 ? (
            <Results form={form} />
          ) : form ? (
            <p class="card">{at('evalAdm.noResponses')}</p>
          ) : null}
          {admin ? <Editor form={form} path={path} onSaved={() => retry(true)} /> : null}
        </>
      )}
    </Loaded>
  );
}

function Editor({ form, path, onSaved }: { form: Form | null; path: { tenantId: string; batchId: string }; onSaved: () => void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => (form ? form.questions.map(draftOf) : sample()));
  const [kind, setKind] = useState<Kind>('scale');
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const update = (i: number, d: Partial<Draft>) => {
    setSaved(false);
    setDrafts(drafts.map((x, j) => (j === i ? { ...x, ...d } : x)));
  };
  const move = (i: number, dir: -1 | 1) => {
    const next = [...drafts];
    const [d] = next.splice(i, 1);
    if (d) next.splice(i + dir, 0, d);
    setDrafts(next);
    setSaved(false);
  };
  if (form && form.responses > 0) {
    return (
      <section class="card" aria-labelledby="ev-form-h">
        <h2 id="ev-form-h">{at('evalAdm.form')}</h2>
        <Notice>
          <p>{at('evalAdm.locked', { n: form.responses })}</p>
        </Notice>
        <ol class="eval-questions">
          {form.questions.map((q) => (
            <li>
              {q.text} <span class="small muted">({atk('qkind', q.kind)}{q.required ? `, ${t('eval.requiredMark')}` : ''})</span>
              {q.options ? <span class="small muted"> · {q.options.join(' / ')}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    );
  }
  return (
    <form
      class="card form"
      aria-labelledby="ev-form-h"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void act.run(async () => {
          const questions = drafts.map((d) => ({
            ...(d.id ? { id: d.id } : {}),
            kind: d.kind,
            text: d.text.trim(),
            required: d.required,
            ...(d.kind === 'choice'
              ? {
                  options: d.options
                    .split('\n')
                    .map((o) => o.trim())
                    .filter(Boolean),
                }
              : {}),
          }));
          const stored = await call(api.PUT('/tenants/{tenantId}/batches/{batchId}/evaluation', { params: { path }, body: { questions } }));
          setDrafts(stored.questions.map(draftOf));
          setSaved(true);
          onSaved();
        });
      }}
    >
      <h2 id="ev-form-h">{at('evalAdm.form')}</h2>
      <p class="small">{form ? at('evalAdm.editIntro', { time: formatDateTime(form.updatedAt) }) : at('evalAdm.newIntro')}</p>
      {fields.questions ? <p class="field-error">{fields.questions}</p> : null}
      <ol class="eval-editor">
        {drafts.map((d, i) => {
          const id = `evq-${d.key}`;
          const err = (f: string) => fields[`questions[${i}].${f}`];
          return (
            <li class="eval-draft" key={d.key}>
              <fieldset>
                <legend>{at('evalAdm.question', { n: i + 1 })}</legend>
                <Field id={`${id}-text`} label={at('evalAdm.text')} error={err('text')}>
                  <input id={`${id}-text`} required minLength={3} maxLength={300} value={d.text} onInput={(e) => update(i, { text: e.currentTarget.value })} />
                </Field>
                <Field id={`${id}-kind`} label={at('evalAdm.kind')} error={err('kind')}>
                  <select id={`${id}-kind`} value={d.kind} onChange={(e) => update(i, { kind: e.currentTarget.value as Kind })}>
                    {(['scale', 'choice', 'text'] as const).map((k) => (
                      <option value={k}>{atk('qkind', k)}</option>
                    ))}
                  </select>
                </Field>
                {d.kind === 'choice' ? (
                  <Field id={`${id}-opts`} label={at('evalAdm.options')} hint={at('evalAdm.optionsHint')} error={err('options')}>
                    <textarea id={`${id}-opts`} rows={4} value={d.options} aria-describedby={`${id}-opts-hint`} onInput={(e) => update(i, { options: e.currentTarget.value })} />
                  </Field>
                ) : null}
                <div class="check">
                  <input id={`${id}-req`} type="checkbox" checked={d.required} onChange={(e) => update(i, { required: e.currentTarget.checked })} />
                  <label for={`${id}-req`}>{at('evalAdm.required')}</label>
                </div>
                <div class="row">
                  <span class="move">
                    <button type="button" class="btn btn-secondary btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                      ↑<span class="sr-only">{t('staff.moveUp', { name: at('evalAdm.question', { n: i + 1 }) })}</span>
                    </button>
                    <button type="button" class="btn btn-secondary btn-small" disabled={i === drafts.length - 1} onClick={() => move(i, 1)}>
                      ↓<span class="sr-only">{t('staff.moveDown', { name: at('evalAdm.question', { n: i + 1 }) })}</span>
                    </button>
                  </span>
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    disabled={drafts.length === 1}
                    onClick={() => {
                      setDrafts(drafts.filter((_, j) => j !== i));
                      setSaved(false);
                    }}
                  >
                    {t('staff.delete')}
                    <span class="sr-only">: {at('evalAdm.question', { n: i + 1 })}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div class="form-inline">
        <Field id="ev-add-kind" label={at('evalAdm.newKind')}>
          <select id="ev-add-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {(['scale', 'choice', 'text'] as const).map((k) => (
              <option value={k}>{atk('qkind', k)}</option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={drafts.length >= 30}
          onClick={() => {
            setDrafts([...drafts, draftOf({ kind, text: '', required: false, ...(kind === 'choice' ? { options: [] } : {}) })]);
            setSaved(false);
            setTimeout(() => document.getElementById(`evq-${nextKey - 1}-text`)?.focus(), 0);
          }}
        >
          {at('evalAdm.add')}
        </button>
      </div>
      <FormError error={act.error} />
      {saved ? (
        <Notice kind="ok">
          <p role="status">{at('evalAdm.saved')}</p>
        </Notice>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {at('evalAdm.save')}
        </button>
      </div>
    </form>
  );
}

const scaleLabel = (k: string) => t(`eval.scale${k}` as MessageKey);
const fmt = (n: number, digits = 1) => new Intl.NumberFormat(at('evalAdm.locale'), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

function Results({ form }: { form: Form }) {
  const results = form.results ?? [];
  return (
    <section class="card" aria-labelledby="ev-res-h">
      <h2 id="ev-res-h">{at('evalAdm.results')}</h2>
      <p>{at('evalAdm.responses', { n: form.responses })}</p>
      <ol class="eval-results">
        {results.map((r, i) => (
          <li class="eval-result" data-question={r.id}>
            <h3 class="h3">
              {i + 1}. {r.text}
            </h3>
            <p class="small muted">
              {atk('qkind', r.kind)} · {at('evalAdm.answered', { n: r.answered, total: form.responses })}
            </p>
            {r.kind === 'scale' && r.mean !== undefined ? (
              <p class="big-mean">
                {at('evalAdm.mean', { mean: fmt(r.mean), max: 5 })}
                <span class="mean-bar" aria-hidden="true">
                  <span style={{ width: `${((r.mean - 1) / 4) * 100}%` }} />
                </span>
              </p>
            ) : null}
            {r.distribution ? <Distribution result={r} /> : null}
            {r.kind === 'text' ? (
              r.comments?.length ? (
                <ul class="comments">
                  {r.comments.map((c) => (
                    <li>{c}</li>
                  ))}
                </ul>
              ) : (
                <p class="muted">{at('evalAdm.noComments')}</p>
              )
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A bar chart as a table: each answer, its bar (decoration) and its count and share as text. */
function Distribution({ result: r }: { result: Result }) {
  const dist = r.distribution ?? {};
  const keys = r.kind === 'scale' ? ['5', '4', '3', '2', '1'] : (r.options ?? Object.keys(dist));
  const total = keys.reduce((s, k) => s + (dist[k] ?? 0), 0);
  return (
    <table class="bars">
      <caption class="sr-only">{at('evalAdm.distribution', { question: r.text })}</caption>
      <thead class="sr-only">
        <tr>
          <th scope="col">{at('evalAdm.answer')}</th>
          <th scope="col">{at('evalAdm.count')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const n = dist[k] ?? 0;
          const pct = total ? Math.round((100 * n) / total) : 0;
          return (
            <tr>
              <th scope="row">{r.kind === 'scale' ? `${k} – ${scaleLabel(k)}` : k}</th>
              <td>
                <span class="bar" aria-hidden="true">
                  <span style={{ width: `${pct}%` }} />
                </span>
                <span class="bar-value">{at('evalAdm.countPct', { n, pct })}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
