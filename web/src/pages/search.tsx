// Search the courses and materials I may open (GET .../search?q=).

import { useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { t, tk } from '../i18n';
import { navigate, tenantPath } from '../router';
import { ErrorView, Field, Loading, PageTitle } from '../ui';
import type { ApiError } from '../api/client';

const PAGE = 10;

type State = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ok'; data: Schemas['SearchResults']; hits: Schemas['SearchHit'][] };

export function SearchPage() {
  const { tenantId, location } = useApp();
  const q = location.query.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [hint, setHint] = useState('');
  const [res, setRes] = useState<State>({ state: 'idle' });

  const run = async (offset: number, previous: Schemas['SearchHit'][]) => {
    if (q.trim().length < 2) {
      setRes({ state: 'idle' });
      return;
    }
    if (offset === 0) setRes({ state: 'loading' });
    try {
      const data = await call(api.GET('/tenants/{tenantId}/search', { params: { path: { tenantId }, query: { q, limit: PAGE, offset } } }));
      setRes({ state: 'ok', data, hits: [...previous, ...data.items] });
    } catch (e) {
      setRes({ state: 'error', error: e as ApiError });
    }
  };

  useEffect(() => {
    setInput(q);
    void run(0, []);
  }, [tenantId, q]);

  const submit = (ev: Event) => {
    ev.preventDefault();
    const v = input.trim();
    if (v.length < 2) {
      setHint(t('search.tooShort'));
      return;
    }
    setHint('');
    navigate(`${tenantPath(tenantId, 'cari')}?q=${encodeURIComponent(v)}`);
  };

  return (
    <>
      <PageTitle sub={t('search.hint')}>{t('search.title')}</PageTitle>
      <form class="card form form-inline" role="search" onSubmit={submit}>
        <Field id="search-q" label={t('search.label')} error={hint}>
          <input id="search-q" type="search" value={input} onInput={(e) => setInput(e.currentTarget.value)} aria-describedby={hint ? 'search-q-error' : undefined} />
        </Field>
        <button type="submit" class="btn">
          {t('search.submit')}
        </button>
      </form>
      {res.state === 'loading' ? <Loading cards={2} lines={2} /> : null}
      {res.state === 'error' ? <ErrorView error={res.error} onRetry={() => void run(0, [])} /> : null}
      {res.state === 'ok' ? (
        <section aria-live="polite">
          <p role="status">{res.hits.length ? t('search.results', { total: res.data.total, q: res.data.query }) : t('search.none', { q: res.data.query })}</p>
          <ol class="results">
            {res.hits.map((h) => (
              <li class="card result">
                <h2 class="h3">
                  <a href={h.itemId ? tenantPath(tenantId, 'kursus', h.courseId, 'materi', h.itemId) : tenantPath(tenantId, 'kursus', h.courseId)}>{h.title}</a>
                </h2>
                <p class="small muted">
                  {h.itemKind ? `${tk('kind', h.itemKind)} · ${t('search.inCourse', { course: h.courseTitle })}` : t('search.inCourse', { course: h.courseTitle })}
                </p>
                {h.snippets.map((s) => (
                  // Snippets are HTML-escaped by the API, with only <mark> added.
                  <p class="snippet" dangerouslySetInnerHTML={{ __html: s }} />
                ))}
              </li>
            ))}
          </ol>
          {res.data.offset + PAGE < res.data.total && res.data.items.length > 0 ? (
            <button type="button" class="btn btn-secondary" onClick={() => void run(res.data.offset + PAGE, res.hits)}>
              {t('search.more')}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
