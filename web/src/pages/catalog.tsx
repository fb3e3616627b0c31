// The public catalog of tenants (GET /tenants): pick one to sign in.

import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApi } from '../hooks';
import { t } from '../i18n';
import { tenantPath } from '../router';
import { PageTitle, Loaded } from '../ui';
import { accentOf, textOn } from '../branding';

type Tenant = Schemas['Tenant'];

export function CatalogPage() {
  const [pages, setPages] = useState<string[]>(['']);
  const [load, retry] = useApi(async () => {
    const items: Tenant[] = [];
    let next: string | undefined;
    for (const cursor of pages) {
      const page = await call(api.GET('/tenants', { params: { query: cursor ? { cursor } : {} } }));
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, next };
  }, [pages.join(',')]);
  return (
    <>
      <PageTitle sub={t('catalog.intro')}>{t('catalog.title')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {({ items, next }) =>
          items.length === 0 ? (
            <p>{t('catalog.empty')}</p>
          ) : (
            <>
              <ul class="grid tenant-grid">
                {items.map((tn) => (
                  <li class="card tenant-card" style={{ borderTopColor: accentOf(tn.colors) }}>
                    <div class="tenant-head">
                      <span class="tenant-badge" aria-hidden="true" style={{ background: tn.colors.primary, color: textOn(tn.colors.primary) }}>
                        {tn.shortName.slice(0, 2).toUpperCase()}
                      </span>
                      <div>
                        <h2 class="h3">{tn.name}</h2>
                        <p class="muted small">{tn.shortName}</p>
                      </div>
                    </div>
                    {tn.contact.email || tn.contact.phone ? (
                      <p class="small muted">
                        {t('catalog.contact')}: {[tn.contact.email, tn.contact.phone].filter(Boolean).join(' · ')}
                      </p>
                    ) : null}
                    <a class="btn" href={tenantPath(tn.id, 'masuk')} aria-label={t('catalog.enterLabel', { name: tn.name })}>
                      {t('catalog.enter')}
                    </a>
                    <a class="small register-link" href={tenantPath(tn.id, 'daftar')} aria-label={t('register.linkLabel', { name: tn.name })}>
                      {t('register.link')}
                    </a>
                    <a class="small register-link" href={tenantPath(tn.id, 'kalender')} aria-label={t('catalog.calendarLabel', { name: tn.name })}>
                      {t('catalog.calendar')}
                    </a>
                  </li>
                ))}
              </ul>
              {next ? (
                <button type="button" class="btn btn-secondary" onClick={() => setPages([...pages, next as string])}>
                  {t('catalog.more')}
                </button>
              ) : null}
            </>
          )
        }
      </Loaded>
    </>
  );
}
