// The FAQ editor (admins): the automatic-reply settings (on/off and the
// confidence threshold, 0.1–1.0), new entries (question, Markdown answer,
// tags), and the entries with search, edit (optimistic version) and
// delete. The help desk answers new questions from these entries.

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime, getLang } from '../i18n';
import { tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle, describedBy } from '../ui';
import { FormError, useAction } from './form';
import { createFaq, deleteFaq, editFaq, getFaqSettings, listFaq, putFaqSettings, type FaqEntry, type FaqSettings } from '../pages/forum-api';
import { ft } from '../pages/forum-i18n';
import { MarkdownField, PagedList, usePaged } from '../pages/forum-ui';

/** Tags typed as "a, b, c": trimmed, without empties and repeats. */
export function parseTags(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(',')) {
    const v = t.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

export function StaffOnly({ admin }: { admin?: boolean }) {
  return (
    <Notice kind="warn">
      <p role="alert">{admin ? ft('staff.adminOnly') : ft('staff.staffOnly')}</p>
    </Notice>
  );
}

export function FaqPage() {
  const { tenantId, membership } = useApp();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const paged = usePaged((cursor) => listFaq(tenantId, { q: search, cursor }), [tenantId, search]);
  if (membership?.role !== 'admin') return <StaffOnly admin />;
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(tenantId, 'kelola', 'bantuan')}>{ft('queue.title')}</a>
      </p>
      <PageTitle sub={ft('faq.intro')}>{ft('faq.title')}</PageTitle>
      <AutoReplySettings />
      <NewEntry onCreated={() => paged.reload(true)} />
      <section class="section" aria-labelledby="faq-list-h">
        <h2 id="faq-list-h">{ft('faq.entries')}</h2>
        <form
          class="form-inline search-form"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <div class="field">
            <label for="faq-q">{ft('faq.search')}</label>
            <input id="faq-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          </div>
          <button type="submit" class="btn btn-secondary">
            {ft('faq.searchButton')}
          </button>
        </form>
        <PagedList paged={paged} empty={search ? ft('faq.noMatch') : ft('faq.empty')} label={ft('faq.entries')}>
          {(entry) => (
            <EntryItem
              entry={entry}
              onChanged={(e) => paged.update((items) => items.map((x) => (x.id === e.id ? e : x)))}
              onDeleted={() => paged.update((items) => items.filter((x) => x.id !== entry.id))}
            />
          )}
        </PagedList>
      </section>
    </>
  );
}

function AutoReplySettings() {
  const { tenantId } = useApp();
  const [load, retry] = useApi(() => getFaqSettings(tenantId), [tenantId]);
  return (
    <section class="card" aria-labelledby="auto-h">
      <h2 id="auto-h" class="h3">
        {ft('faq.autoTitle')}
      </h2>
      <Loaded load={load} retry={retry} cards={1}>
        {(s) => <SettingsForm settings={s} />}
      </Loaded>
    </section>
  );
}

const fmt = (n: number) => new Intl.NumberFormat(getLang() === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

function SettingsForm({ settings }: { settings: FaqSettings }) {
  const { tenantId } = useApp();
  const [autoReply, setAutoReply] = useState(settings.autoReply);
  const [threshold, setThreshold] = useState(settings.threshold);
  const [saved, setSaved] = useState(false);
  const act = useAction();
  return (
    <form
      class="form"
      onInput={() => setSaved(false)}
      onChange={() => setSaved(false)}
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const s = await putFaqSettings(tenantId, { autoReply, threshold: Math.round(threshold * 100) / 100 });
          setAutoReply(s.autoReply);
          setThreshold(s.threshold);
          setSaved(true);
        });
      }}
    >
      <label class="check">
        <input type="checkbox" checked={autoReply} onChange={(e) => setAutoReply(e.currentTarget.checked)} />
        {ft('faq.autoReply')}
      </label>
      <div class="field">
        <label for="faq-threshold">{ft('faq.threshold')}</label>
        <p class="hint" id="faq-threshold-hint">
          {ft('faq.thresholdHint')}
        </p>
        <div class="range-row">
          <input
            id="faq-threshold"
            type="range"
            min={0.1}
            max={1}
            step={0.05}
            value={threshold}
            disabled={!autoReply}
            aria-describedby="faq-threshold-hint"
            aria-valuetext={fmt(threshold)}
            onInput={(e) => setThreshold(Number(e.currentTarget.value))}
          />
          <output for="faq-threshold" class="range-value">
            {fmt(threshold)}
          </output>
        </div>
      </div>
      <FormError error={act.error} />
      {saved ? (
        <Notice kind="ok">
          <p role="status">{ft('faq.settingsSaved')}</p>
        </Notice>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {act.busy ? ft('common.saving') : ft('faq.saveSettings')}
      </button>
    </form>
  );
}

function EntryFields({
  prefix,
  question,
  answer,
  tags,
  setQuestion,
  setAnswer,
  setTags,
  error,
}: {
  prefix: string;
  question: string;
  answer: string;
  tags: string;
  setQuestion: (v: string) => void;
  setAnswer: (v: string) => void;
  setTags: (v: string) => void;
  error: unknown;
}) {
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const qId = `${prefix}-question`;
  const tId = `${prefix}-tags`;
  return (
    <>
      <Field id={qId} label={ft('faq.question')} hint={ft('faq.questionHint')} error={fields.question}>
        <input
          id={qId}
          value={question}
          required
          minLength={5}
          maxLength={300}
          aria-describedby={describedBy(qId, true, fields.question)}
          onInput={(e) => setQuestion(e.currentTarget.value)}
        />
      </Field>
      <MarkdownField id={`${prefix}-answer`} label={ft('faq.answer')} value={answer} onInput={setAnswer} error={fields.answer} maxLength={5000} />
      <Field id={tId} label={ft('faq.tags')} hint={ft('faq.tagsHint')} error={fields.tags}>
        <input id={tId} value={tags} aria-describedby={describedBy(tId, true, fields.tags)} onInput={(e) => setTags(e.currentTarget.value)} />
      </Field>
    </>
  );
}

function NewEntry({ onCreated }: { onCreated: (e: FaqEntry) => void }) {
  const { tenantId } = useApp();
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [tags, setTags] = useState('');
  const [added, setAdded] = useState('');
  const act = useAction();
  return (
    <form
      class="card form"
      aria-labelledby="faq-new-h"
      onSubmit={(e) => {
        e.preventDefault();
        setAdded('');
        void act.run(async () => {
          const entry = await createFaq(tenantId, { question: question.trim(), answer, tags: parseTags(tags) });
          setQuestion('');
          setAnswer('');
          setTags('');
          setAdded(entry.question);
          onCreated(entry);
        });
      }}
    >
      <h2 id="faq-new-h" class="h3">
        {ft('faq.new')}
      </h2>
      <EntryFields prefix="faq-new" {...{ question, answer, tags, setQuestion, setAnswer, setTags }} error={act.error} />
      <FormError error={act.error} />
      {added ? (
        <Notice kind="ok">
          <p role="status">{ft('faq.added', { question: added })}</p>
        </Notice>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {act.busy ? ft('common.saving') : ft('faq.add')}
      </button>
    </form>
  );
}

function EntryItem({ entry, onChanged, onDeleted }: { entry: FaqEntry; onChanged: (e: FaqEntry) => void; onDeleted: () => void }) {
  const { tenantId } = useApp();
  const [editing, setEditing] = useState(false);
  const [question, setQuestion] = useState(entry.question);
  const [answer, setAnswer] = useState(entry.answer);
  const [tags, setTags] = useState(entry.tags.join(', '));
  const act = useAction();
  const start = () => {
    setQuestion(entry.question);
    setAnswer(entry.answer);
    setTags(entry.tags.join(', '));
    setEditing(true);
  };
  if (editing) {
    return (
      <li class="card faq-entry" data-faq={entry.id}>
        <form
          class="form"
          aria-label={ft('faq.editLabel', { question: entry.question })}
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              onChanged(await editFaq(tenantId, entry.id, { question: question.trim(), answer, tags: parseTags(tags), version: entry.version }));
              setEditing(false);
            });
          }}
        >
          <EntryFields prefix={`faq-${entry.id}`} {...{ question, answer, tags, setQuestion, setAnswer, setTags }} error={act.error} />
          <FormError error={act.error} />
          <div class="actions">
            <button type="submit" class="btn" disabled={act.busy}>
              {ft('common.save')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setEditing(false)}>
              {ft('common.cancel')}
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li class="card faq-entry" data-faq={entry.id}>
      <h3 class="h3">{entry.question}</h3>
      {entry.answerHtml ? <div class="prose" dangerouslySetInnerHTML={{ __html: entry.answerHtml }} /> : <p class="prose">{entry.answer}</p>}
      {entry.tags.length ? (
        <p class="badges">
          {entry.tags.map((tag) => (
            <span class="badge">{tag}</span>
          ))}
        </p>
      ) : null}
      <p class="muted small">{ft('faq.updated', { at: formatDateTime(entry.updatedAt) })}</p>
      <div class="actions">
        <button type="button" class="btn btn-secondary btn-small" onClick={start}>
          {ft('common.edit')}
          <span class="sr-only">: {entry.question}</span>
        </button>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          disabled={act.busy}
          onClick={() => {
            if (!confirm(ft('faq.confirmDelete', { question: entry.question }))) return;
            void act.run(async () => {
              await deleteFaq(tenantId, entry.id);
              onDeleted();
            });
          }}
        >
          {ft('common.delete')}
          <span class="sr-only">: {entry.question}</span>
        </button>
      </div>
      <FormError error={act.error} />
    </li>
  );
}
