// The forums a member can see (GET .../forums: the help desk and the
// forums of their batches), and one forum's threads: newest or by last
// activity, pinned threads first, unread marked, "Muat lebih banyak",
// and a new thread (title, Markdown body and up to five attachments).

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { isStaff, useApp } from '../app';
import { useApi } from '../hooks';
import { navigate, tenantPath } from '../router';
import { Field, Loaded, Notice, PageTitle, describedBy } from '../ui';
import { FormError, useAction } from '../staff/form';
import { announce, createThread, listForums, listThreads, type Sort } from './forum-api';
import { ft } from './forum-i18n';
import {
  AttachmentField,
  MarkdownField,
  PagedList,
  SortSelect,
  ThreadItem,
  attachmentsWait,
  forumPath,
  threadPath,
  useAttachments,
  usePaged,
} from './forum-ui';

export function ForumsPage() {
  const { tenantId, tenant } = useApp();
  const [load, retry] = useApi(() => listForums(tenantId), [tenantId]);
  return (
    <>
      <PageTitle sub={ft('forums.intro')}>{ft('forums.title')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="card muted">{ft('forums.empty')}</p>
          ) : (
            <ul class="plain-list" aria-label={ft('forums.title')}>
              {items.map((f) => (
                <li class="card forum-item" data-forum={f.id}>
                  <h2 class="h3">
                    <a href={forumPath(tenantId, f.id)}>
                      {f.kind === 'helpdesk' ? ft('helpdesk.title', { name: tenant?.shortName ?? tenant?.name ?? tenantId }) : f.title}
                    </a>
                  </h2>
                  <p class="muted small">
                    {ft('forums.threads', { n: f.threadCount })}
                    {f.unreadCount > 0 ? (
                      <>
                        {' · '}
                        <span class="badge badge-new">{ft('forums.unread', { n: f.unreadCount })}</span>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

/** One forum (a batch's): its threads and a new thread. The help desk has its own page (app.tsx routes it). */
export function ForumPage({ forumId }: { forumId: string }) {
  const { tenantId } = useApp();
  const [forums, retryForums] = useApi(() => listForums(tenantId), [tenantId]);
  const forum = forums.state === 'ok' ? forums.data.items.find((f) => f.id === forumId) : undefined;
  const [sort, setSort] = useState<Sort>('activity');
  const paged = usePaged((cursor) => listThreads(tenantId, forumId, { sort, cursor }), [tenantId, forumId, sort]);
  const [writing, setWriting] = useState(false);
  return (
    <Loaded load={forums} retry={retryForums} cards={1}>
      {() =>
        !forum ? (
          <>
            <PageTitle>{ft('forum.notFound')}</PageTitle>
            <p>
              <a href={tenantPath(tenantId, 'forum')}>{ft('forums.back')}</a>
            </p>
          </>
        ) : (
          <>
            <p class="crumb">
              <a href={tenantPath(tenantId, 'forum')}>{ft('forums.title')}</a>
            </p>
            <PageTitle sub={ft('forum.intro')}>{ft('forum.title', { name: forum.title })}</PageTitle>
            <p class="crumb">
              <a href={tenantPath(tenantId, 'angkatan', forumId)}>{ft('forum.batchLink')}</a>
            </p>
            {writing ? (
              <NewThreadForm forumId={forumId} onCancel={() => setWriting(false)} />
            ) : (
              <p>
                <button type="button" class="btn" aria-expanded="false" onClick={() => setWriting(true)}>
                  {ft('forum.newThread')}
                </button>
              </p>
            )}
            <section class="section" aria-labelledby="threads-h">
              <div class="list-head">
                <h2 id="threads-h">{ft('forum.threads')}</h2>
                <SortSelect id="thread-sort" value={sort} onChange={setSort} />
              </div>
              <PagedList paged={paged} empty={ft('forum.empty')} label={ft('forum.threads')}>
                {(th) => <ThreadItem thread={th} tenantId={tenantId} status={false} />}
              </PagedList>
            </section>
          </>
        )
      }
    </Loaded>
  );
}

/** A new thread: title, Markdown body and attachments, then its page. */
export function NewThreadForm({
  forumId,
  onCancel,
  question,
}: {
  forumId: string;
  onCancel?: () => void;
  /** The help desk's wording: a question and its details. */
  question?: boolean;
}) {
  const { tenantId, membership } = useApp();
  const [title, setTitle] = useState('');
  const [announcement, setAnnouncement] = useState(false);
  const canAnnounce = !question && isStaff(membership);
  const [body, setBody] = useState('');
  const att = useAttachments();
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const tooShort = title.trim().length > 0 && title.trim().length < 3;
  // An announcement (POST .../announcements) takes no attachments.
  const asAnnouncement = announcement && canAnnounce;
  const wait = asAnnouncement ? '' : attachmentsWait(att);
  const submit = (e: Event) => {
    e.preventDefault();
    if (wait) return;
    void act.run(async () => {
      const input = { title: title.trim(), body };
      const th = asAnnouncement
        ? await announce(tenantId, forumId, input)
        : await createThread(tenantId, forumId, att.ids.length ? { ...input, attachments: att.ids } : input);
      navigate(threadPath(tenantId, forumId, th.id) + '?baru=1');
    });
  };
  const titleError = fields.title ?? (tooShort ? ft('thread.titleShort') : undefined);
  return (
    <form class="card form new-thread" onSubmit={submit} aria-labelledby="new-thread-h" noValidate={false}>
      <h2 id="new-thread-h" class="h3">
        {question ? ft('helpdesk.askTitle') : ft('forum.newThread')}
      </h2>
      <Field id="thread-title" label={question ? ft('helpdesk.question') : ft('thread.title')} {...(question ? { hint: ft('helpdesk.questionHint') } : {})} error={titleError}>
        <input
          id="thread-title"
          value={title}
          required
          minLength={3}
          maxLength={150}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={describedBy('thread-title', !!question, titleError)}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <MarkdownField
        id="thread-body"
        label={question ? ft('helpdesk.details') : ft('thread.body')}
        value={body}
        onInput={setBody}
        error={fields.body}
      />
      {asAnnouncement ? (
        att.files.length ? (
          <Notice kind="warn">{ft('attach.announcementNote')}</Notice>
        ) : null
      ) : (
        <AttachmentField id="thread-files" att={att} error={fields.attachments} />
      )}
      {question ? <Notice>{ft('helpdesk.autoNote')}</Notice> : null}
      {canAnnounce ? (
        <label class="check">
          <input type="checkbox" checked={announcement} onChange={(e) => setAnnouncement(e.currentTarget.checked)} />
          {ft('forum.asAnnouncement')}
        </label>
      ) : null}
      <FormError error={act.error} />
      {wait ? (
        <p class="small muted" id="thread-send-wait">
          {wait}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy || !!wait} aria-describedby={wait ? 'thread-send-wait' : undefined}>
          {act.busy ? ft('common.sending') : question ? ft('helpdesk.send') : ft('forum.post')}
        </button>
        {onCancel ? (
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            {ft('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
