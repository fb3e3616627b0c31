// Pieces the forum, help desk, inbox and FAQ pages share: cursor pages
// with "Muat lebih banyak", the thread summary of a list, status badges,
// the Markdown text area, paths of forums and threads, and the
// attachments of a new thread or reply (uploads of purpose forum).

import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, call } from '../api/client';
import { useApp } from '../app';
import type { Load } from '../hooks';
import { formatDateTime, formatSize } from '../i18n';
import { tenantPath } from '../router';
import { Uploader, type UploadState } from '../staff/upload';
import { ErrorView, Field, ProgressBar, describedBy, errorMessage } from '../ui';
import { HELPDESK, type Page, type Thread } from './forum-api';
import { ft } from './forum-i18n';
import './forum.css';

/** The path of a forum's thread list (the help desk has its public page). */
export function forumPath(tenantId: string, forumId: string): string {
  return forumId === HELPDESK ? tenantPath(tenantId, 'bantuan') : tenantPath(tenantId, 'forum', forumId);
}

/** The path of a thread. */
export function threadPath(tenantId: string, forumId: string, threadId: string): string {
  return forumId === HELPDESK ? tenantPath(tenantId, 'bantuan', threadId) : tenantPath(tenantId, 'forum', forumId, threadId);
}

/** The signed-in person's user id ('' when signed out). */
export function useMyId(): string {
  const { me } = useApp();
  return me?.state === 'ok' ? me.data.user.id : '';
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('invalid', 0, '', ''));

export interface Paged<T> {
  load: Load<T[]>;
  next: string | null;
  more: () => void;
  moreBusy: boolean;
  moreError: unknown;
  reload: (quiet?: boolean) => void;
  /** Change the items shown (after an action answered the new state of one). */
  update: (fn: (items: T[]) => T[]) => void;
}

/** A list read a page at a time: the first page when deps change, then more on demand. */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [state, setState] = useState<{ load: Load<T[]>; next: string | null }>({ load: { state: 'loading' }, next: null });
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const seq = useRef(0);
  const reload = useCallback((quiet = false) => {
    const mine = ++seq.current;
    if (!quiet) setState((s) => ({ ...s, load: { state: 'loading' } }));
    setMoreError(null);
    fetchPage().then(
      (p) => {
        if (mine === seq.current) setState({ load: { state: 'ok', data: p.items }, next: p.nextCursor ?? null });
      },
      (e: unknown) => {
        if (mine === seq.current) setState({ load: { state: 'error', error: asApiError(e) }, next: null });
      },
    );
  }, deps);
  useEffect(() => {
    reload();
    return () => {
      seq.current++;
    };
  }, [reload]);
  const more = () => {
    const cursor = state.next;
    if (!cursor || moreBusy) return;
    const mine = seq.current;
    setMoreBusy(true);
    setMoreError(null);
    fetchPage(cursor)
      .then(
        (p) => {
          if (mine !== seq.current) return;
          setState((s) => ({
            load: s.load.state === 'ok' ? { state: 'ok', data: [...s.load.data, ...p.items] } : s.load,
            next: p.nextCursor ?? null,
          }));
        },
        (e: unknown) => setMoreError(e),
      )
      .finally(() => setMoreBusy(false));
  };
  const update = (fn: (items: T[]) => T[]) =>
    setState((s) => (s.load.state === 'ok' ? { ...s, load: { state: 'ok', data: fn(s.load.data) } } : s));
  return { load: state.load, next: state.next, more, moreBusy, moreError, reload, update };
}

/** "Muat lebih banyak" under a list with a further page, and the error of loading it. */
export function MoreButton<T>({ paged }: { paged: Paged<T> }) {
  if (!paged.next && !paged.moreError) return null;
  return (
    <div class="more">
      {paged.moreError ? <p class="form-error" role="alert">{errorMessage(paged.moreError)}</p> : null}
      {paged.next ? (
        <button type="button" class="btn btn-secondary" onClick={paged.more} disabled={paged.moreBusy} aria-busy={paged.moreBusy}>
          {paged.moreBusy ? ft('common.loading') : ft('common.more')}
        </button>
      ) : null}
    </div>
  );
}

/** A paged list: skeleton, error with retry, the empty text, or the items and "more". */
export function PagedList<T>({
  paged,
  empty,
  label,
  children,
}: {
  paged: Paged<T>;
  empty: string;
  label: string;
  children: (item: T) => ComponentChildren;
}) {
  const { load } = paged;
  if (load.state === 'loading') {
    return (
      <div aria-busy="true" aria-live="polite" class="card">
        <span class="sr-only">{ft('common.loading')}</span>
        <div class="skeleton" aria-hidden="true">
          <span class="sk-line" style={{ width: '80%' }} />
          <span class="sk-line" style={{ width: '60%' }} />
        </div>
      </div>
    );
  }
  if (load.state === 'error') return <ErrorView error={load.error} onRetry={() => paged.reload()} />;
  if (load.data.length === 0) return <p class="card empty muted">{empty}</p>;
  return (
    <>
      <ul class="plain-list" aria-label={label}>
        {load.data.map((item) => children(item))}
      </ul>
      <MoreButton paged={paged} />
    </>
  );
}

export function StatusBadge({ status }: { status: Thread['status'] }) {
  return <span class={`badge forum-status-${status}`}>{ft(`status.${status}`)}</span>;
}

/** The flags of a thread as badges (pinned, announcement, locked, hidden, status, unread). */
export function ThreadBadges({ thread, status }: { thread: Thread; status: boolean }) {
  const badges: ComponentChildren[] = [];
  if (thread.unread) badges.push(<span class="badge badge-new">{ft('thread.unread')}</span>);
  if (thread.pinned) badges.push(<span class="badge badge-pinned">{ft('thread.pinned')}</span>);
  if (thread.announcement) badges.push(<span class="badge">{ft('thread.announcement')}</span>);
  if (thread.locked) badges.push(<span class="badge">{ft('thread.locked')}</span>);
  if (thread.hidden) badges.push(<span class="badge badge-rejected">{ft('thread.hidden')}</span>);
  if (status) badges.push(<StatusBadge status={thread.status} />);
  return badges.length ? <p class="badges">{badges}</p> : null;
}

/** A thread as a list item: title (bold when unread), badges, who and when. */
export function ThreadItem({ thread, tenantId, status }: { thread: Thread; tenantId: string; status: boolean }) {
  return (
    <li class={thread.unread ? 'card thread-item thread-unread' : 'card thread-item'} data-thread={thread.id}>
      <h3 class="h3">
        <a href={threadPath(tenantId, thread.forumId, thread.id)}>
          {thread.title}
          {thread.unread ? <span class="sr-only"> ({ft('thread.unreadLong')})</span> : null}
        </a>
      </h3>
      <ThreadBadges thread={thread} status={status} />
      <p class="muted small thread-meta">
        {ft('thread.meta', { name: thread.author.name, at: formatDateTime(thread.createdAt) })} ·{' '}
        {ft('thread.replies', { n: thread.replyCount })} · {ft('thread.activity', { at: formatDateTime(thread.lastActivityAt) })}
      </p>
    </li>
  );
}

/** A text area for Markdown with its label, hint and error. */
export function MarkdownField({
  id,
  label,
  value,
  onInput,
  error,
  rows = 6,
  required = true,
  maxLength = 20000,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string | undefined;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <Field id={id} label={label} hint={ft('md.hint')} error={error}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

/** The sort of a thread list. */
export function SortSelect({ id, value, onChange }: { id: string; value: 'newest' | 'activity'; onChange: (v: 'newest' | 'activity') => void }) {
  return (
    <div class="field field-inline">
      <label for={id}>{ft('list.sort')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value === 'newest' ? 'newest' : 'activity')}>
        <option value="activity">{ft('list.sortActivity')}</option>
        <option value="newest">{ft('list.sortNewest')}</option>
      </select>
    </div>
  );
}

// -------------------------------------------------------- attachments

/** At most this many attachments on a thread or post (the API's limit). */
export const MAX_ATTACHMENTS = 5;
const maxAttachmentBytes = 20 * 1024 * 1024;
// PDF, images and documents: the allowlist of a forum upload (shared/upload).
const acceptAttachments =
  '.pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xlsx,application/pdf,image/png,image/jpeg,image/webp,application/msword,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One chosen file: sending (with the Uploader's state), being checked, ready, or failed. */
export interface PendingFile {
  key: number;
  name: string;
  status: 'sending' | 'checking' | 'ready' | 'failed';
  progress: UploadState | null;
  uploadId: string;
  problem: string;
}

export interface Attachments {
  files: PendingFile[];
  /** Files still being sent or checked: the form waits for them. */
  busy: boolean;
  /** Files that failed: removed before sending. */
  failed: boolean;
  /** The ready uploads' ids, in the order chosen. */
  ids: string[];
  /** Files left out of the last choice (too many or too large). */
  notice: string;
  add: (chosen: File[]) => void;
  remove: (key: number) => void;
  clear: () => void;
}

/**
 * The attachments of a new thread or reply: each chosen file is sent with
 * the Uploader (POST .../uploads purpose forum, no course; the presigned
 * PUT with its progress), then polled until the transcode function has
 * checked it (status ready). A removed file's upload is forgotten.
 */
export function useAttachments(): Attachments {
  const { tenantId } = useApp();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [notice, setNotice] = useState('');
  const nextKey = useRef(1);
  const live = useRef(new Set<number>());
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const patch = (key: number, p: Partial<PendingFile>) => {
    if (!mounted.current || !live.current.has(key)) return;
    setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...p } : f)));
  };

  const send = async (key: number, file: File) => {
    try {
      const up = new Uploader(tenantId, file, { courseId: '', itemId: '', purpose: 'forum' }, (s) => patch(key, { progress: s }));
      patch(key, { progress: up.state });
      await up.start();
      const uploadId = up.state.upload?.id ?? '';
      patch(key, { status: 'checking', progress: null, uploadId });
      for (let i = 0; ; i++) {
        if (!mounted.current || !live.current.has(key)) return;
        const u = await call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId, uploadId } } }));
        if (u.status === 'ready') {
          patch(key, { status: 'ready' });
          return;
        }
        if (u.status === 'failed' || u.status === 'aborted') {
          patch(key, { status: 'failed', problem: u.reasonMessage ?? ft('attach.checkFailed') });
          return;
        }
        await pause(i < 10 ? 500 : 2000);
      }
    } catch (e) {
      patch(key, { status: 'failed', progress: null, problem: e instanceof ApiError ? errorMessage(e) : ft('attach.sendFailed') });
    }
  };

  const add = (chosen: File[]) => {
    const room = MAX_ATTACHMENTS - files.length;
    const skipped: string[] = [];
    if (chosen.length > room) skipped.push(ft('attach.tooMany', { n: MAX_ATTACHMENTS, skipped: chosen.length - Math.max(room, 0) }));
    const fresh: PendingFile[] = [];
    for (const file of chosen.slice(0, Math.max(room, 0))) {
      if (file.size > maxAttachmentBytes) {
        skipped.push(ft('attach.tooLarge', { name: file.name, max: formatSize(maxAttachmentBytes) }));
        continue;
      }
      const key = nextKey.current++;
      live.current.add(key);
      fresh.push({ key, name: file.name, status: 'sending', progress: null, uploadId: '', problem: '' });
      void send(key, file);
    }
    setNotice(skipped.join(' '));
    if (fresh.length) setFiles((fs) => [...fs, ...fresh]);
  };
  const remove = (key: number) => {
    live.current.delete(key);
    setFiles((fs) => fs.filter((f) => f.key !== key));
    setNotice('');
  };
  const clear = () => {
    live.current.clear();
    setFiles([]);
    setNotice('');
  };
  return {
    files,
    busy: files.some((f) => f.status === 'sending' || f.status === 'checking'),
    failed: files.some((f) => f.status === 'failed'),
    ids: files.filter((f) => f.status === 'ready').map((f) => f.uploadId),
    notice,
    add,
    remove,
    clear,
  };
}

/** Why the send button waits ('' when it does not), for its aria-describedby. */
export function attachmentsWait(att: Attachments): string {
  return att.busy ? ft('attach.wait') : att.failed ? ft('attach.removeFailed') : '';
}

/**
 * "Lampirkan berkas": the file input (several at once, up to five), then
 * each file with its progress bar and status, and a button to remove it.
 */
export function AttachmentField({ id, att, error }: { id: string; att: Attachments; error?: string | undefined }) {
  const full = att.files.length >= MAX_ATTACHMENTS;
  const hintId = `${id}-hint`;
  return (
    <div class={error ? 'field attach-field has-error' : 'field attach-field'}>
      <label for={id}>{ft('attach.label')}</label>
      <p class="hint" id={hintId}>
        {full ? ft('attach.full', { n: MAX_ATTACHMENTS }) : ft('attach.hint', { n: MAX_ATTACHMENTS, max: formatSize(maxAttachmentBytes) })}
      </p>
      <input
        id={id}
        type={'file' as 'text'}
        multiple
        accept={acceptAttachments}
        disabled={full}
        aria-describedby={[hintId, error ? `${id}-error` : '', att.notice ? `${id}-notice` : ''].filter(Boolean).join(' ')}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const chosen = input.files ? Array.from(input.files) : [];
          input.value = '';
          if (chosen.length) att.add(chosen);
        }}
      />
      {att.notice ? (
        <p class="field-error" id={`${id}-notice`} role="alert">
          {att.notice}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {att.files.length ? (
        <ul class="plain-list attach-list" aria-label={ft('attach.list')}>
          {att.files.map((f) => (
            <li class={`attach-item attach-${f.status}`} key={f.key} data-attachment={f.name}>
              <div class="attach-row">
                <span class="break attach-name">{f.name}</span>
                <button type="button" class="btn btn-secondary btn-small" onClick={() => att.remove(f.key)}>
                  {ft('attach.remove')}
                  <span class="sr-only"> {f.name}</span>
                </button>
              </div>
              {f.status === 'sending' && f.progress ? (
                <ProgressBar percent={f.progress.total ? (100 * f.progress.sent) / f.progress.total : 0} label={ft('attach.progress', { name: f.name })} />
              ) : null}
              <p class={f.status === 'failed' ? 'field-error small attach-status' : 'small muted attach-status'} aria-live="polite">
                {f.status === 'sending'
                  ? f.progress
                    ? `${ft(`attach.phase.${f.progress.phase}`)} · ${formatSize(f.progress.sent)} / ${formatSize(f.progress.total)}`
                    : ft('attach.phase.hashing')
                  : f.status === 'checking'
                    ? ft('attach.checking')
                    : f.status === 'ready'
                      ? ft('attach.ready')
                      : `${ft('attach.failed')}: ${f.problem}`}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
