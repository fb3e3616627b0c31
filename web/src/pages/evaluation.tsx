// The batch's post-training evaluation form for an enrolled participant
// (GET .../batches/{b}/evaluation, POST .../evaluation/responses): scale
// questions as five radio buttons, choice questions as radio buttons, text
// questions as a text area. Each participant answers once. The API does
// not tell a participant whether they have answered already, so the answer
// is remembered on this device and a second try's evaluation_answered is
// shown as "already answered".

import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { t } from '../i18n';
import { errorMessage, Notice } from '../ui';

type Form = Schemas['EvaluationForm'];
type Question = Schemas['EvaluationQuestion'];

const answeredKey = (tenantId: string, batchId: string, userId: string) => `lms.evaluated.${tenantId}.${batchId}.${userId}`;

function remembered(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function remember(key: string): void {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // storage unavailable: the server still refuses a second answer
  }
}

/** The evaluation card of the batch page; nothing when the batch has no form. */
export function EvaluationSection({ batchId }: { batchId: string }) {
  const { tenantId, me } = useApp();
  const userId = me?.state === 'ok' ? me.data.user.id : '';
  const key = answeredKey(tenantId, batchId, userId);
  const [answered, setAnswered] = useState(() => remembered(key));
  const [load, retry] = useApi<Form | null>(async () => {
    try {
      return await call(api.GET('/tenants/{tenantId}/batches/{batchId}/evaluation', { params: { path: { tenantId, batchId } } }));
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'evaluation_not_defined' || e.status === 403)) return null;
      throw e;
    }
  }, [tenantId, batchId]);

  if (load.state === 'loading') return null; // the batch page is already shown; no second skeleton
  if (load.state === 'error') {
    return (
      <section class="card" aria-labelledby="eval-h">
        <h2 id="eval-h">{t('eval.title')}</h2>
        <p role="alert">{errorMessage(load.error)}</p>
        <button type="button" class="btn btn-secondary" onClick={() => retry()}>
          {t('action.retry')}
        </button>
      </section>
    );
  }
  const form = load.data;
  if (!form) return null;
  return (
    <section class="card evaluation" aria-labelledby="eval-h">
      <h2 id="eval-h">{t('eval.title')}</h2>
      {answered ? (
        <Notice kind="ok">
          <p role="status">{t('eval.thanks')}</p>
        </Notice>
      ) : (
        <EvaluationForm
          form={form}
          path={{ tenantId, batchId }}
          onDone={() => {
            remember(key);
            setAnswered(true);
          }}
        />
      )}
    </section>
  );
}

function EvaluationForm({ form, path, onDone }: { form: Form; path: { tenantId: string; batchId: string }; onDone: () => void }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (id: string, v: string) => {
    setAnswers({ ...answers, [id]: v });
    if (missing[id]) {
      const { [id]: _, ...rest } = missing;
      setMissing(rest);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    for (const q of form.questions) if (q.required && !(answers[q.id] ?? '').trim()) m[q.id] = t('eval.required');
    setMissing(m);
    setError(Object.keys(m).length ? t('eval.fix') : '');
    if (Object.keys(m).length) {
      document.getElementById(`q-${Object.keys(m)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, string> = {};
      for (const [k, v] of Object.entries(answers)) if (v.trim()) body[k] = v.trim();
      await call(api.POST('/tenants/{tenantId}/batches/{batchId}/evaluation/responses', { params: { path }, body: { answers: body } }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'evaluation_answered') {
        onDone();
        return;
      }
      const fe: Record<string, string> = {};
      if (err instanceof ApiError) {
        for (const [f, msg] of Object.entries(err.fieldErrors())) fe[f.replace(/^answers\./, '')] = msg;
      }
      setMissing(fe);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <p>{t('eval.intro')}</p>
      <p class="small muted">{t('eval.requiredNote')}</p>
      {form.questions.map((q, i) => (
        <QuestionField key={q.id} q={q} n={i + 1} value={answers[q.id] ?? ''} error={missing[q.id]} onChange={(v) => set(q.id, v)} />
      ))}
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="btn" disabled={busy}>
        {busy ? t('eval.sending') : t('eval.submit')}
      </button>
    </form>
  );
}

function QuestionField({ q, n, value, error, onChange }: { q: Question; n: number; value: string; error: string | undefined; onChange: (v: string) => void }) {
  const id = `q-${q.id}`;
  const label = (
    <>
      {n}. {q.text}
      {q.required ? <span class="req"> ({t('eval.requiredMark')})</span> : null}
    </>
  );
  const err = error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
  if (q.kind === 'text') {
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>{label}</label>
        <textarea
          id={id}
          rows={4}
          maxLength={2000}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
        {err}
      </div>
    );
  }
  const options = q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : (q.options ?? []);
  return (
    <fieldset class={error ? 'field choice has-error' : 'field choice'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {q.kind === 'scale' ? <p class="hint">{t('eval.scaleHint')}</p> : null}
      <div class={q.kind === 'scale' ? 'scale-options' : 'choice-options'}>
        {options.map((o, i) => (
          <label class="option">
            <input
              type="radio"
              id={i === 0 ? id : undefined}
              name={id}
              value={o}
              checked={value === o}
              onChange={() => onChange(o)}
            />
            <span>{q.kind === 'scale' ? t('eval.scaleOption', { n: o, label: t(`eval.scale${o}` as 'eval.scale1') }) : o}</span>
          </label>
        ))}
      </div>
      {err}
    </fieldset>
  );
}
