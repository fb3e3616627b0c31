// A page in a chunk of its own, loaded when first shown (skeleton while it
// loads, the error with retry when it cannot be fetched), so pages few
// visitors open (self-registration) stay out of the learner entry.

import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorView, Loading } from '../ui';

export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): (props: P) => ComponentChildren {
  let loaded: FunctionComponent<P> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<FunctionComponent<P> | null>(() => loaded);
    const [failed, setFailed] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      load().then(
        (c) => {
          loaded = c;
          setPage(() => c);
        },
        (e: unknown) => setFailed(e),
      );
    }, [attempt]);
    if (failed) return <ErrorView error={failed} onRetry={() => (setFailed(null), setAttempt(attempt + 1))} />;
    if (!Page) return <Loading cards={1} />;
    return <Page {...props} />;
  };
}
