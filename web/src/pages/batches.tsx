// My batches (GET .../me/batches), current and finished, with this year's JP.

import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDate, t, tk } from '../i18n';
import { tenantPath } from '../router';
import { Loaded, Notice, PageTitle, ProgressBar } from '../ui';

type Enrollment = Schemas['Enrollment'];

export function BatchesPage() {
  const { tenantId, membership } = useApp();
  const [load, retry] = useApi(async () => {
    const path = { tenantId };
    const [batches, jp] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/me/batches', { params: { path } })),
      call(api.GET('/tenants/{tenantId}/me/jp', { params: { path } })),
    ]);
    return { batches: batches.items, jp };
  }, [tenantId]);
  const today = todayWIB().date;
  return (
    <>
      <PageTitle>{t('batches.title')}</PageTitle>
      {membership && membership.role !== 'learner' ? <Notice>{t('batches.staffNote')}</Notice> : null}
      <Loaded load={load} retry={retry}>
        {({ batches, jp }) => {
          const seated = batches.filter((b) => b.status === 'enrolled');
          const finished = seated.filter((b) => b.completed || b.endDate < today).reverse();
          const current = seated.filter((b) => !finished.includes(b)).reverse();
          const other = batches.filter((b) => b.status !== 'enrolled').reverse();
          return (
            <>
              <a class="card jp-card" href={tenantPath(tenantId, 'jp')}>
                <span class="jp-card-title">{t('batches.jpCard', { year: jp.year, total: jp.totalJp, duty: jp.duty })}</span>
                <ProgressBar percent={(100 * jp.totalJp) / jp.duty} label={t('jp.summary', { total: jp.totalJp, duty: jp.duty })} />
              </a>
              {batches.length === 0 ? (
                <p class="card">{t('batches.empty')}</p>
              ) : (
                <>
                  <BatchList title={t('batches.current')} items={current} empty={t('batches.noneCurrent')} />
                  {finished.length ? <BatchList title={t('batches.finished')} items={finished} /> : null}
                  {other.length ? <BatchList title={t('batches.other')} items={other} /> : null}
                </>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function BatchList({ title, items, empty }: { title: string; items: Enrollment[]; empty?: string }) {
  const { tenantId } = useApp();
  return (
    <section class="section">
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul class="grid">
          {items.map((e) => (
            <li class="card batch-card">
              <h3 class="h3">
                <a href={tenantPath(tenantId, 'angkatan', e.batchId)}>{e.batchName}</a>
              </h3>
              <p class="muted small">{t('common.dateRange', { start: formatDate(e.startDate), end: formatDate(e.endDate) })}</p>
              <p class="badges">
                <span class={`badge badge-${e.status}`}>{tk('enrollment', e.status)}</span>
                {e.completed ? <span class="badge badge-ok">{t('batches.completed', { jp: e.jpEarned })}</span> : null}
                {e.certificateNumber ? <span class="badge">{t('batches.certificate', { number: e.certificateNumber })}</span> : null}
              </p>
              {e.reason ? <p class="small">{t('batches.reason', { reason: e.reason })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
