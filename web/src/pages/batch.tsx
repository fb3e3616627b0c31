// A batch (GET .../batches/{b}) with its courses and my progress in each
// (GET .../me/learning).

import { api, call } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDate, t, tk } from '../i18n';
import { tenantPath } from '../router';
import { Loaded, Notice, PageTitle, ProgressBar } from '../ui';
import { EvaluationSection } from './evaluation';

export function BatchPage({ batchId }: { batchId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(async () => {
    const path = { tenantId };
    const [batch, learning, mine] = await Promise.all([
      call(api.GET('/tenants/{tenantId}/batches/{batchId}', { params: { path: { tenantId, batchId } } })),
      call(api.GET('/tenants/{tenantId}/me/learning', { params: { path } })),
      call(api.GET('/tenants/{tenantId}/me/batches', { params: { path } })),
    ]);
    return { batch, learning: learning.items, enrollment: mine.items.find((e) => e.batchId === batchId) };
  }, [tenantId, batchId]);
  return (
    <Loaded load={load} retry={retry}>
      {({ batch, learning, enrollment }) => {
        const seated = enrollment?.status === 'enrolled';
        return (
          <>
            <PageTitle sub={batch.code}>{batch.name}</PageTitle>
            <div class="card">
              <dl class="facts">
                <dt>{t('batch.dates')}</dt>
                <dd>{t('common.dateRange', { start: formatDate(batch.startDate), end: formatDate(batch.endDate) })}</dd>
                <dt>{t('batch.mode')}</dt>
                <dd>{tk('batch.mode', batch.mode)}</dd>
                {batch.location ? (
                  <>
                    <dt>{t('batch.location')}</dt>
                    <dd>{batch.location}</dd>
                  </>
                ) : null}
                <dt>{t('batch.totalJp')}</dt>
                <dd>{t('common.jp', { n: batch.totalJp })}</dd>
              </dl>
              {enrollment ? (
                <p class="badges">
                  <span class={`badge badge-${enrollment.status}`}>{tk('enrollment', enrollment.status)}</span>
                  {enrollment.completed ? <span class="badge badge-ok">{t('batches.completed', { jp: enrollment.jpEarned })}</span> : null}
                </p>
              ) : null}
              {batch.description ? <p>{batch.description}</p> : null}
              {seated ? (
                <p>
                  <a href={tenantPath(tenantId, 'forum', batch.id)}>{t('batch.forum')}</a>
                  <span class="muted small"> · {t('batch.forumHint')}</span>
                </p>
              ) : null}
            </div>
            <section class="section">
              <h2>{t('batch.courses')}</h2>
              {!seated ? <Notice>{t('batch.locked')}</Notice> : null}
              {batch.courses.length === 0 ? (
                <p class="muted">{t('batch.noCourses')}</p>
              ) : (
                <ul class="grid">
                  {batch.courses.map((c) => {
                    const l = learning.find((x) => x.courseId === c.id);
                    return (
                      <li class="card course-card">
                        <h3 class="h3">{seated && l ? <a href={tenantPath(tenantId, 'kursus', c.id)}>{c.title}</a> : c.title}</h3>
                        <p class="muted small">
                          {c.code} · {t('common.jp', { n: c.jp })}
                        </p>
                        {l ? <ProgressBar percent={l.percent} label={`${c.title}: ${t('common.progressLabel', { n: l.percent })}`} /> : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            {seated ? <EvaluationSection batchId={batch.id} /> : null}
          </>
        );
      }}
    </Loaded>
  );
}
