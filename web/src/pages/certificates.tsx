// My certificates (GET .../me/certificates) with their PDFs. Download links
// last 5 minutes: an older list is fetched again before downloading.

import { useRef, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDate, formatDay, t } from '../i18n';
import { Loaded, PageTitle } from '../ui';

type Cert = Schemas['IssuedCertificate'];
const FRESH_MS = 4 * 60_000;

export function CertificatesPage() {
  const { tenantId } = useApp();
  const [pages, setPages] = useState<string[]>(['']);
  const fetchedAt = useRef(0);
  const fetchAll = async () => {
    const items: Cert[] = [];
    let next: string | undefined;
    for (const cursor of pages) {
      const page = await call(
        api.GET('/tenants/{tenantId}/me/certificates', { params: { path: { tenantId }, query: cursor ? { cursor } : {} } }),
      );
      items.push(...page.items);
      next = page.nextCursor;
    }
    fetchedAt.current = Date.now();
    return { items, next };
  };
  const [load, retry] = useApi(fetchAll, [tenantId, pages.join(',')]);

  const download = async (ev: MouseEvent, number: string) => {
    if (Date.now() - fetchedAt.current < FRESH_MS) return; // the link is still valid
    ev.preventDefault();
    const fresh = await fetchAll().catch(() => null);
    const url = fresh?.items.find((c) => c.number === number)?.downloadUrl;
    if (url) window.location.assign(url);
    retry(true);
  };

  return (
    <>
      <PageTitle>{t('certs.title')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {({ items, next }) =>
          items.length === 0 ? (
            <p class="card">{t('certs.empty')}</p>
          ) : (
            <>
              <ul class="grid">
                {items.map((c) => (
                  <li class="card cert-card">
                    <h2 class="h3">{c.batchName}</h2>
                    <p class="mono">{c.number}</p>
                    <p class="badges">
                      <span class={c.status === 'valid' ? 'badge badge-ok' : 'badge badge-rejected'}>
                        {c.status === 'valid' ? t('certs.valid') : t('certs.revoked')}
                      </span>
                      <span class="badge">{t('common.jp', { n: c.jp })}</span>
                    </p>
                    <p class="small muted">
                      {c.training}
                      <br />
                      {t('common.dateRange', { start: formatDate(c.startDate), end: formatDate(c.endDate) })}
                      <br />
                      {t('certs.issued', { date: formatDay(c.issuedAt) })}
                    </p>
                    <div class="actions">
                      {c.status === 'valid' ? (
                        <a class="btn" href={c.downloadUrl} aria-label={t('certs.downloadLabel', { number: c.number })} onClick={(e) => void download(e, c.number)} data-native>
                          {t('certs.download')}
                        </a>
                      ) : null}
                      <a class="btn btn-secondary" href={`/verifikasi/${encodeURIComponent(c.number)}`}>
                        {t('certs.verify')}
                      </a>
                    </div>
                  </li>
                ))}
              </ul>
              {next ? (
                <button type="button" class="btn btn-secondary" onClick={() => setPages([...pages, next as string])}>
                  {t('certs.more')}
                </button>
              ) : null}
            </>
          )
        }
      </Loaded>
    </>
  );
}
