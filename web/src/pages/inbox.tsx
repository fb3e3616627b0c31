// The inbox (GET /me/notifications, across tenants, newest first): unread
// ones marked, mark one or all read, the link of each, only unread on
// demand, "Muat lebih banyak", and the way to the notification
// preferences.

import { useState } from 'preact/hooks';
import { useApp } from '../app';
import { formatDateTime } from '../i18n';
import { tenantPath } from '../router';
import { PageTitle } from '../ui';
import { FormError, useAction } from '../staff/form';
import { appLink, inboxChanged, listNotifications, markRead, type Notification } from './forum-api';
import { ft, ftk } from './forum-i18n';
import { PagedList, usePaged } from './forum-ui';

export function InboxPage() {
  const { tenantId } = useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [unreadCount, setUnreadCount] = useState<number | null>(null);
  const paged = usePaged(
    (cursor) =>
      listNotifications({ cursor, unread: unreadOnly }).then((p) => {
        setUnreadCount(p.unreadCount);
        inboxChanged(p.unreadCount);
        return p;
      }),
    [unreadOnly],
  );
  const act = useAction();
  const read = (ids: string[] | 'all') =>
    act.run(async () => {
      const r = await markRead(ids === 'all' ? { all: true } : { ids });
      setUnreadCount(r.unreadCount);
      inboxChanged(r.unreadCount);
      paged.update((items) => items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)));
    });
  return (
    <>
      <PageTitle sub={ft('inbox.intro')}>{ft('inbox.title')}</PageTitle>
      <div class="list-head">
        <p class="inbox-count" aria-live="polite">
          {unreadCount === null ? '' : unreadCount === 0 ? ft('inbox.allRead') : ft('inbox.unreadCount', { n: unreadCount })}
        </p>
        <div class="actions">
          <button type="button" class="btn btn-secondary" disabled={act.busy || !unreadCount} onClick={() => void read('all')}>
            {ft('inbox.markAll')}
          </button>
          <a class="btn btn-secondary" href={tenantPath(tenantId, 'kotak-masuk', 'pengaturan')}>
            {ft('inbox.prefs')}
          </a>
        </div>
      </div>
      <label class="check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
        {ft('inbox.unreadOnly')}
      </label>
      <FormError error={act.error} />
      <PagedList paged={paged} empty={unreadOnly ? ft('inbox.emptyUnread') : ft('inbox.empty')} label={ft('inbox.title')}>
        {(n) => <Item n={n} onRead={() => void read([n.id])} busy={act.busy} />}
      </PagedList>
    </>
  );
}

function Item({ n, onRead, busy }: { n: Notification; onRead: () => void; busy: boolean }) {
  const href = appLink(n.link);
  return (
    <li class={n.read ? 'card notification' : 'card notification notification-unread'} data-notification={n.id}>
      <p class="notification-head">
        {!n.read ? <span class="badge badge-new">{ft('inbox.unread')}</span> : null}
        <span class="muted small">
          {ftk('event', n.event)} · {n.tenantName} · {formatDateTime(n.createdAt)}
        </span>
      </p>
      <h2 class="h3">
        {href ? (
          <a
            href={href}
            onClick={() => {
              if (!n.read) void markRead({ ids: [n.id] }).then((r) => inboxChanged(r.unreadCount), () => undefined);
            }}
          >
            {n.title}
          </a>
        ) : (
          n.title
        )}
      </h2>
      {n.body ? <p>{n.body}</p> : null}
      {!n.read ? (
        <button type="button" class="btn btn-secondary btn-small" disabled={busy} onClick={onRead}>
          {ft('inbox.markRead')}
          <span class="sr-only">: {n.title}</span>
        </button>
      ) : null}
    </li>
  );
}
