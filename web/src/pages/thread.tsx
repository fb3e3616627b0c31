// A thread (GET .../threads/{id}; opening it marks it read): the question
// or topic, its posts oldest first with "Muat lebih banyak", the automatic
// reply with "Apakah jawaban ini membantu? Ya / Tidak" for the asker, the
// reply box (Markdown and up to five attachments), accepting an answer, editing and deleting one's own
// posts within the rules, reporting a post, and the moderators' pin, lock
// and hide. Signed-out visitors read help desk threads through the public
// routes.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { useApp } from '../app';
import { formatDateTime } from '../i18n';
import { navigate, tenantPath } from '../router';
import { ErrorView, Field, Loading, Notice, PageTitle, describedBy, errorMessage } from '../ui';
import { FormError, useAction } from '../staff/form';
import {
  HELPDESK,
  accept,
  deletePost,
  deleteThread,
  editPost,
  editThread,
  feedback,
  getThread,
  hidePost,
  moderate,
  reply,
  reportPost,
  type Attachment,
  type Post,
  type Thread,
} from './forum-api';
import { ft } from './forum-i18n';
import { AttachmentField, MarkdownField, ThreadBadges, attachmentsWait, forumPath, useAttachments, useMyId } from './forum-ui';

interface View {
  thread: Thread;
  posts: Post[];
  next: string | null;
}

export function ThreadPage({ forumId, threadId }: { forumId: string; threadId: string }) {
  const { tenantId, session, location } = useApp();
  const anonymous = !session;
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const isNew = location.query.get('baru') === '1';

  useEffect(() => {
    let live = true;
    setError(null);
    getThread(tenantId, forumId, threadId, { anonymous }).then(
      (v) => live && setView({ thread: v.thread, posts: v.posts.items, next: v.posts.nextCursor ?? null }),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [tenantId, forumId, threadId, anonymous, attempt]);

  if (error) {
    if (error instanceof ApiError && error.status === 404) {
      return (
        <>
          <PageTitle>{ft('thread.notFound')}</PageTitle>
          <p>
            <a href={forumPath(tenantId, forumId)}>{ft('thread.backToList')}</a>
          </p>
        </>
      );
    }
    return <ErrorView error={error} onRetry={() => setAttempt(attempt + 1)} />;
  }
  if (!view) return <Loading cards={2} />;

  const { thread, posts } = view;
  const setThread = (t: Thread) => setView((v) => (v ? { ...v, thread: t } : v));
  const setPost = (p: Post) => setView((v) => (v ? { ...v, posts: v.posts.map((x) => (x.id === p.id ? p : x)) } : v));
  const reload = () => setAttempt(attempt + 1);
  const more = () => {
    if (!view.next) return;
    setMoreBusy(true);
    setMoreError(null);
    getThread(tenantId, forumId, threadId, { anonymous, cursor: view.next })
      .then(
        (v) => setView((cur) => (cur ? { thread: v.thread, posts: [...cur.posts, ...v.posts.items], next: v.posts.nextCursor ?? null } : cur)),
        (e: unknown) => setMoreError(e),
      )
      .finally(() => setMoreBusy(false));
  };
  const helpdesk = forumId === HELPDESK;

  return (
    <>
      <p class="crumb">
        <a href={forumPath(tenantId, forumId)}>{helpdesk ? ft('helpdesk.back') : ft('thread.backToList')}</a>
      </p>
      {isNew && session ? (
        <Notice kind="ok">
          <p role="status">{thread.automatic ? ft('helpdesk.sentAuto') : helpdesk ? ft('helpdesk.sentWait') : ft('thread.sent')}</p>
        </Notice>
      ) : null}
      <ThreadHead thread={thread} forumId={forumId} onThread={setThread} />
      <section class="section" aria-labelledby="posts-h">
        <h2 id="posts-h">{ft('thread.repliesTitle', { n: thread.replyCount })}</h2>
        {posts.length === 0 ? (
          <p class="card muted">{helpdesk ? ft('thread.noRepliesHelpdesk') : ft('thread.noReplies')}</p>
        ) : (
          <ol class="plain-list posts">
            {posts.map((p) => (
              <PostItem key={p.id} post={p} thread={thread} forumId={forumId} onPost={setPost} onThread={setThread} onGone={reload} />
            ))}
          </ol>
        )}
        {moreError ? <p class="form-error" role="alert">{errorMessage(moreError)}</p> : null}
        {view.next ? (
          <div class="more">
            <button type="button" class="btn btn-secondary" onClick={more} disabled={moreBusy}>
              {moreBusy ? ft('common.loading') : ft('common.more')}
            </button>
          </div>
        ) : null}
      </section>
      <ReplyBox thread={thread} forumId={forumId} onPosted={(p) => setView((v) => (v ? { ...v, posts: v.next ? v.posts : [...v.posts, p], thread: { ...v.thread, replyCount: v.thread.replyCount + 1 } } : v))} />
    </>
  );
}

function Attachments({ items }: { items: Attachment[] | undefined }) {
  if (!items?.length) return null;
  return (
    <ul class="attachments" aria-label={ft('thread.attachments')}>
      {items.map((a) => (
        <li>{a.url ? <a href={a.url} data-native target="_blank" rel="noopener">{a.fileName}</a> : a.fileName}</li>
      ))}
    </ul>
  );
}

/** The thread's title, body, flags, and the actions on the thread itself. */
function ThreadHead({ thread, forumId, onThread }: { thread: Thread; forumId: string; onThread: (t: Thread) => void }) {
  const { tenantId, session } = useApp();
  const [editing, setEditing] = useState(false);
  const act = useAction();
  const helpdesk = forumId === HELPDESK;
  const flag = (f: 'pin' | 'lock' | 'hide', on: boolean) => void act.run(async () => onThread(await moderate(tenantId, forumId, thread.id, f, on)));
  const remove = () => {
    if (!confirm(ft('thread.confirmDelete', { title: thread.title }))) return;
    void act.run(async () => {
      await deleteThread(tenantId, forumId, thread.id);
      navigate(forumPath(tenantId, forumId));
    });
  };
  return (
    <article class="card thread-head">
      {editing ? (
        <ThreadEditor thread={thread} forumId={forumId} onDone={(t) => (t && onThread(t), setEditing(false))} />
      ) : (
        <>
          <PageTitle>{thread.title}</PageTitle>
          <ThreadBadges thread={{ ...thread, unread: false }} status={helpdesk} />
          <p class="muted small">
            {ft('thread.meta', { name: thread.author.name, at: formatDateTime(thread.createdAt) })}
            {thread.editedAt ? ` · ${ft('post.edited', { at: formatDateTime(thread.editedAt) })}` : ''}
          </p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: thread.bodyHtml }} />
          <Attachments items={thread.attachments} />
        </>
      )}
      {session && !editing && (thread.canEdit || thread.canModerate) ? (
        <div class="actions" role="group" aria-label={ft('thread.actions')}>
          {thread.canEdit ? (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
              {ft('common.edit')}
            </button>
          ) : null}
          {thread.canModerate ? (
            <>
              <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={() => flag('pin', !thread.pinned)}>
                {thread.pinned ? ft('mod.unpin') : ft('mod.pin')}
              </button>
              <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={() => flag('lock', !thread.locked)}>
                {thread.locked ? ft('mod.unlock') : ft('mod.lock')}
              </button>
              <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={() => flag('hide', !thread.hidden)}>
                {thread.hidden ? ft('mod.unhide') : ft('mod.hide')}
              </button>
            </>
          ) : null}
          {thread.canEdit || thread.canModerate ? (
            <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={remove}>
              {ft('common.delete')}
            </button>
          ) : null}
        </div>
      ) : null}
      <FormError error={act.error} />
      {!session && helpdesk ? (
        <p class="muted small">
          <a href={`${tenantPath(tenantId, 'masuk')}?next=${encodeURIComponent(location.pathname)}`}>{ft('thread.signInToReply')}</a>
        </p>
      ) : null}
    </article>
  );
}

function ThreadEditor({ thread, forumId, onDone }: { thread: Thread; forumId: string; onDone: (t?: Thread) => void }) {
  const { tenantId } = useApp();
  const [title, setTitle] = useState(thread.title);
  const [body, setBody] = useState(thread.body);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const save = (e: Event) => {
    e.preventDefault();
    void act.run(async () => onDone(await editThread(tenantId, forumId, thread.id, { title: title.trim(), body, version: thread.version })));
  };
  return (
    <form class="form" onSubmit={save}>
      <h1 class="h3">{ft('thread.editTitle')}</h1>
      <Field id="edit-thread-title" label={ft('thread.title')} error={fields.title}>
        <input
          id="edit-thread-title"
          value={title}
          required
          minLength={3}
          maxLength={150}
          aria-describedby={describedBy('edit-thread-title', false, fields.title)}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <MarkdownField id="edit-thread-body" label={ft('thread.body')} value={body} onInput={setBody} error={fields.body} />
      <FormError error={act.error} />
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {ft('common.save')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => onDone()}>
          {ft('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PostItem({
  post,
  thread,
  forumId,
  onPost,
  onThread,
  onGone,
}: {
  post: Post;
  thread: Thread;
  forumId: string;
  onPost: (p: Post) => void;
  onThread: (t: Thread) => void;
  onGone: () => void;
}) {
  const { tenantId, session } = useApp();
  const myId = useMyId();
  const [mode, setMode] = useState<'' | 'edit' | 'report'>('');
  const [reported, setReported] = useState(false);
  const act = useAction();
  const asker = !!myId && thread.author.id === myId;
  const mine = !!myId && post.author?.id === myId;
  const canAccept = !!session && (asker || !!thread.canModerate) && !post.hidden;
  const isAuto = post.automatic;
  const autoOfThread = thread.automatic && thread.automatic.postId === post.id;
  const label = post.author ? post.author.name : ft('post.automatic');
  const remove = () => {
    if (!confirm(ft('post.confirmDelete'))) return;
    void act.run(async () => {
      await deletePost(tenantId, forumId, thread.id, post.id);
      onGone();
    });
  };
  const toggleAccept = () =>
    void act.run(async () => {
      const t = await accept(tenantId, forumId, thread.id, post.accepted ? null : post.id);
      onThread(t);
      onGone(); // the other posts' accepted flags change too
    });
  return (
    <li
      class={`card post${isAuto ? ' post-auto' : ''}${post.accepted ? ' post-accepted' : ''}${post.hidden ? ' post-hidden' : ''}`}
      data-post={post.id}
      aria-label={ft('post.label', { name: label })}
    >
      <p class="post-head">
        <strong>{label}</strong>
        {isAuto ? <span class="badge badge-auto">{ft('post.automaticBadge')}</span> : null}
        {post.accepted ? <span class="badge badge-ok">{ft('post.accepted')}</span> : null}
        {post.hidden ? <span class="badge badge-rejected">{ft('post.hidden')}</span> : null}
        <span class="muted small">
          {formatDateTime(post.createdAt)}
          {post.editedAt ? ` · ${ft('post.edited', { at: formatDateTime(post.editedAt) })}` : ''}
        </span>
      </p>
      {isAuto && post.source ? (
        <p class="muted small">{ft(post.source.kind === 'faq' ? 'post.sourceFaq' : 'post.sourceAnswer', { title: post.source.title })}</p>
      ) : null}
      {mode === 'edit' ? (
        <PostEditor post={post} thread={thread} forumId={forumId} onDone={(p) => (p && onPost(p), setMode(''))} />
      ) : (
        <>
          <div class="prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          <Attachments items={post.attachments} />
        </>
      )}
      {autoOfThread && thread.automatic ? <FeedbackBox thread={thread} forumId={forumId} asker={asker} onThread={onThread} /> : null}
      {session && mode === '' ? (
        <div class="actions" role="group" aria-label={ft('post.actions', { name: label })}>
          {canAccept && !isAuto ? (
            <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={toggleAccept}>
              {post.accepted ? ft('post.unaccept') : ft('post.accept')}
            </button>
          ) : null}
          {post.canEdit ? (
            <>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode('edit')}>
                {ft('common.edit')}
              </button>
              <button type="button" class="btn btn-secondary btn-small" disabled={act.busy} onClick={remove}>
                {ft('common.delete')}
              </button>
            </>
          ) : null}
          {thread.canModerate ? (
            <button
              type="button"
              class="btn btn-secondary btn-small"
              disabled={act.busy}
              onClick={() => void act.run(async () => onPost(await hidePost(tenantId, forumId, thread.id, post.id, !post.hidden)))}
            >
              {post.hidden ? ft('mod.unhidePost') : ft('mod.hidePost')}
            </button>
          ) : null}
          {!mine && !reported ? (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode('report')}>
              {ft('report.open')}
            </button>
          ) : null}
        </div>
      ) : null}
      {reported ? <p class="muted small" role="status">{ft('report.sent')}</p> : null}
      {mode === 'report' ? (
        <ReportForm
          postId={post.id}
          thread={thread}
          forumId={forumId}
          onDone={(sent) => {
            setMode('');
            if (sent) setReported(true);
          }}
        />
      ) : null}
      <FormError error={act.error} />
    </li>
  );
}

/** "Apakah jawaban ini membantu? Ya / Tidak" under the automatic reply, for the asker. */
function FeedbackBox({ thread, forumId, asker, onThread }: { thread: Thread; forumId: string; asker: boolean; onThread: (t: Thread) => void }) {
  const { tenantId } = useApp();
  const act = useAction();
  const [answered, setAnswered] = useState<'' | 'helpful' | 'not_helpful'>('');
  const fb = thread.automatic?.feedback ?? 'pending';
  const send = (helpful: boolean) =>
    void act.run(async () => {
      onThread(await feedback(tenantId, forumId, thread.id, helpful));
      setAnswered(helpful ? 'helpful' : 'not_helpful');
    });
  if (answered) {
    return (
      <Notice kind="ok">
        <p role="status">{answered === 'helpful' ? ft('feedback.thanksHelpful') : ft('feedback.thanksNot')}</p>
      </Notice>
    );
  }
  if (fb !== 'pending') return <p class="muted small">{fb === 'helpful' ? ft('feedback.wasHelpful') : ft('feedback.wasNot')}</p>;
  if (!asker) return null;
  return (
    <div class="feedback" role="group" aria-labelledby={`fb-${thread.id}`}>
      <p id={`fb-${thread.id}`} class="feedback-q">
        {ft('feedback.question')}
      </p>
      <div class="actions">
        <button type="button" class="btn" disabled={act.busy} onClick={() => send(true)}>
          {ft('feedback.yes')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={act.busy} onClick={() => send(false)}>
          {ft('feedback.no')}
        </button>
      </div>
      <FormError error={act.error} />
    </div>
  );
}

function PostEditor({ post, thread, forumId, onDone }: { post: Post; thread: Thread; forumId: string; onDone: (p?: Post) => void }) {
  const { tenantId } = useApp();
  const [body, setBody] = useState(post.body);
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const id = `edit-post-${post.id}`;
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => onDone(await editPost(tenantId, forumId, thread.id, post.id, { body, version: post.version })));
      }}
    >
      <MarkdownField id={id} label={ft('post.editLabel')} value={body} onInput={setBody} error={fields.body} />
      <FormError error={act.error} />
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {ft('common.save')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => onDone()}>
          {ft('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReportForm({ postId, thread, forumId, onDone }: { postId: string; thread: Thread; forumId: string; onDone: (sent: boolean) => void }) {
  const { tenantId } = useApp();
  const [reason, setReason] = useState('');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const id = `report-${postId}`;
  return (
    <form
      class="form report-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          await reportPost(tenantId, forumId, thread.id, postId, reason.trim());
          onDone(true);
        });
      }}
    >
      <Field id={id} label={ft('report.reason')} hint={ft('report.hint')} error={fields.reason}>
        <textarea
          id={id}
          rows={3}
          value={reason}
          required
          minLength={3}
          maxLength={500}
          aria-describedby={describedBy(id, true, fields.reason)}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <FormError error={act.error} />
      <div class="actions">
        <button type="submit" class="btn" disabled={act.busy}>
          {ft('report.send')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => onDone(false)}>
          {ft('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The reply box: Markdown and attachments; a locked thread takes replies from moderators only. */
function ReplyBox({ thread, forumId, onPosted }: { thread: Thread; forumId: string; onPosted: (p: Post) => void }) {
  const { tenantId, session } = useApp();
  const [body, setBody] = useState('');
  const att = useAttachments();
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const wait = attachmentsWait(att);
  if (!session) return null;
  if (thread.locked && !thread.canModerate) return <Notice>{ft('thread.lockedNote')}</Notice>;
  return (
    <form
      class="card form reply-box"
      aria-labelledby="reply-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (wait) return;
        void act.run(async () => {
          const p = await reply(tenantId, forumId, thread.id, att.ids.length ? { body, attachments: att.ids } : { body });
          setBody('');
          att.clear();
          onPosted(p);
        });
      }}
    >
      <h2 id="reply-h" class="h3">
        {ft('reply.title')}
      </h2>
      {thread.locked ? <Notice kind="warn">{ft('thread.lockedModNote')}</Notice> : null}
      <MarkdownField id="reply-body" label={ft('reply.label')} value={body} onInput={setBody} error={fields.body} rows={5} />
      <AttachmentField id="reply-files" att={att} error={fields.attachments} />
      <FormError error={act.error} />
      {wait ? (
        <p class="small muted" id="reply-send-wait">
          {wait}
        </p>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy || !body.trim() || !!wait} aria-describedby={wait ? 'reply-send-wait' : undefined}>
        {act.busy ? ft('common.sending') : ft('reply.send')}
      </button>
    </form>
  );
}
