// The bell in the header: a link to the inbox with the unread count
// (GET /me/notifications?unread=true&limit=1), read when signed in, every
// two minutes while the page is visible, and whenever the inbox page says
// the count changed (the "lms:inbox" event). A failure leaves the bell
// without a count.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { tenantPath } from '../router';
import { listNotifications } from './forum-api';

export function InboxBell({ tenantId, signedIn }: { tenantId: string; signedIn: string }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    const read = () => {
      if (document.visibilityState === 'hidden') return;
      listNotifications({ unread: true, limit: 1 }).then(
        (p) => live && setCount(p.unreadCount),
        () => undefined,
      );
    };
    const changed = (e: Event) => {
      const n = (e as CustomEvent<unknown>).detail;
      if (typeof n === 'number') setCount(n);
      else read();
    };
    read();
    const timer = window.setInterval(read, 120_000);
    window.addEventListener('lms:inbox', changed);
    document.addEventListener('visibilitychange', read);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('lms:inbox', changed);
      document.removeEventListener('visibilitychange', read);
    };
  }, [signedIn]);
  const n = count ?? 0;
  const label = n > 0 ? t('bell.unread', { n }) : t('bell.label');
  return (
    <a class="btn btn-ghost bell" href={tenantPath(tenantId, 'kotak-masuk')} aria-label={label} title={label} data-unread={n}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {n > 0 ? (
        <span class="bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      ) : null}
    </a>
  );
}
