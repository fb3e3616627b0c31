// Pieces the forum, help desk, inbox and FAQ pages share: cursor pages
// with "Muat lebih banyak", the thread summary of a list, status badges,
// the Markdown text area, and paths of forums and threads.

import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../app';
import type { Load } from '../hooks';
import { formatDateTime } from '../i18n';
import { tenantPath } from '../router';
import { ErrorView, Field, describedBy, errorMessage } from '../ui';
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
