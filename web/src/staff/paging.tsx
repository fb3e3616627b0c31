// Cursor paging for the admin lists (users, registrations, audit log): the
// API answers one page and nextCursor; "previous" walks back through the
// cursors already seen.

import { useState } from 'preact/hooks';
import { at } from './admin-i18n';

export interface Pages {
  /** The cursor of the page shown ('' for the first). */
  cursor: string;
  /** 1-based number of the page shown. */
  number: number;
  next: (cursor: string) => void;
  prev: () => void;
  reset: () => void;
}

export function useCursorPages(): Pages {
  const [stack, setStack] = useState<string[]>(['']);
  return {
    cursor: stack[stack.length - 1] ?? '',
    number: stack.length,
    next: (c) => setStack([...stack, c]),
    prev: () => setStack(stack.length > 1 ? stack.slice(0, -1) : stack),
    reset: () => setStack(['']),
  };
}

export function Pager({ pages, nextCursor, label }: { pages: Pages; nextCursor: string | undefined; label: string }) {
  if (pages.number === 1 && !nextCursor) return null;
  return (
    <nav class="pager-nav" aria-label={label}>
      <button type="button" class="btn btn-secondary" disabled={pages.number === 1} onClick={pages.prev}>
        {at('adm.prevPage')}
      </button>
      <span aria-live="polite">{at('adm.pageN', { n: pages.number })}</span>
      <button type="button" class="btn btn-secondary" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {at('adm.nextPage')}
      </button>
    </nav>
  );
}
