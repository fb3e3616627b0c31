// The help desk for staff (admins and instructors): the questions waiting
// for staff (oldest first), the reported posts with "hide", and for admins
// the statistics (answered automatically vs by staff, median time to the
// first answer) and the links to the FAQ editor and the notification
// settings.

import { useState } from 'preact/hooks';
import { isStaff, useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime, getLang } from '../i18n';
import { tenantPath } from '../router';
import { Loaded, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { helpdeskQueue, helpdeskStats, hidePost, listReports, type Report } from '../pages/forum-api';
import { ft } from '../pages/forum-i18n';
import { PagedList, StatusBadge, threadPath, usePaged } from '../pages/forum-ui';
import { StaffOnly } from './faq';

const num = (n: number) => new Intl.NumberFormat(getLang() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

export function HelpdeskQueuePage() {
  const { tenantId, membership } = useApp();
  const admin = membership?.role === 'admin';
  const queue = usePaged((cursor) => helpdeskQueue(tenantId, cursor), [tenantId]);
  const reports = usePaged((cursor) => listReports(tenantId, cursor), [tenantId]);
  if (!isStaff(membership)) return <StaffOnly />;
  return (
    <>
      <PageTitle sub={ft('queue.intro')}>{ft('queue.title')}</PageTitle>
      <nav aria-label={ft('queue.links')}>
        <ul class="link-row">
          <li>
            <a href={tenantPath(tenantId, 'bantuan')}>{ft('queue.public')}</a>
          </li>
          <li>
            <a href={tenantPath(tenantId, 'forum')}>{ft('queue.forums')}</a>
          </li>
          {admin ? (
            <>
              <li>
                <a href={tenantPath(tenantId, 'kelola', 'faq')}>{ft('faq.title')}</a>
              </li>
              <li>
                <a href={tenantPath(tenantId, 'kelola', 'notifikasi')}>{ft('tenantNotif.title')}</a>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      {admin ? <Stats /> : null}
      <section class="section" aria-labelledby="queue-h">
        <h2 id="queue-h">{ft('queue.waiting')}</h2>
        <PagedList paged={queue} empty={ft('queue.empty')} label={ft('queue.waiting')}>
          {(th) => (
            <li class="card thread-item" data-thread={th.id}>
              <h3 class="h3">
                <a href={threadPath(tenantId, th.forumId, th.id)}>{th.title}</a>
              </h3>
              <p class="badges">
                <StatusBadge status={th.status} />
                {th.automatic?.feedback === 'not_helpful' ? <span class="badge badge-pending">{ft('queue.autoNotHelpful')}</span> : null}
              </p>
              <p class="muted small">
                {ft('thread.meta', { name: th.author.name, at: formatDateTime(th.createdAt) })} · {ft('thread.replies', { n: th.replyCount })}
              </p>
            </li>
          )}
        </PagedList>
      </section>
      <section class="section" aria-labelledby="reports-h">
        <h2 id="reports-h">{ft('reports.title')}</h2>
        <PagedList paged={reports} empty={ft('reports.empty')} label={ft('reports.title')}>
          {(r) => <ReportItem report={r} onHidden={() => reports.update((items) => items.filter((x) => x !== r))} />}
        </PagedList>
      </section>
    </>
  );
}

function ReportItem({ report, onHidden }: { report: Report; onHidden: () => void }) {
  const { tenantId } = useApp();
  const act = useAction();
  return (
    <li class="card report" data-post={report.postId}>
      <blockquote class="excerpt">{report.excerpt}</blockquote>
      <p>
        <strong>{ft('reports.reason')}:</strong> {report.reason}
      </p>
      <p class="muted small">{ft('reports.by', { name: report.reporter.name, at: formatDateTime(report.createdAt) })}</p>
      <div class="actions">
        <a class="btn btn-secondary btn-small" href={threadPath(tenantId, report.forumId, report.threadId)}>
          {ft('reports.open')}
        </a>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          disabled={act.busy}
          onClick={() =>
            void act.run(async () => {
              await hidePost(tenantId, report.forumId, report.threadId, report.postId, true);
              onHidden();
            })
          }
        >
          {ft('mod.hidePost')}
        </button>
      </div>
      <FormError error={act.error} />
    </li>
  );
}

function Stats() {
  const { tenantId } = useApp();
  const [days, setDays] = useState(30);
  const [load, retry] = useApi(() => helpdeskStats(tenantId, days), [tenantId, days]);
  return (
    <section class="section" aria-labelledby="stats-h">
      <div class="list-head">
        <h2 id="stats-h">{ft('stats.title')}</h2>
        <div class="field field-inline">
          <label for="stats-days">{ft('stats.period')}</label>
          <select id="stats-days" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {[7, 30, 90].map((d) => (
              <option value={String(d)}>{ft('stats.days', { n: d })}</option>
            ))}
          </select>
        </div>
      </div>
      <Loaded load={load} retry={retry} cards={1}>
        {(s) => {
          const share = (n: number) => (s.questions ? ` (${num((n / s.questions) * 100)}%)` : '');
          return (
            <dl class="card stats">
              <div data-stat="questions">
                <dt>{ft('stats.questions')}</dt>
                <dd>{s.questions}</dd>
              </div>
              <div data-stat="auto">
                <dt>{ft('stats.auto')}</dt>
                <dd>
                  {s.answeredAutomatically}
                  {share(s.answeredAutomatically)}
                </dd>
              </div>
              <div data-stat="staff">
                <dt>{ft('stats.staff')}</dt>
                <dd>
                  {s.answeredByStaff}
                  {share(s.answeredByStaff)}
                </dd>
              </div>
              <div data-stat="unanswered">
                <dt>{ft('stats.unanswered')}</dt>
                <dd>{s.unanswered}</dd>
              </div>
              <div data-stat="median">
                <dt>{ft('stats.median')}</dt>
                <dd class={s.medianMinutesToFirstAnswer === null ? 'stat-none' : undefined}>
                  {s.medianMinutesToFirstAnswer === null ? ft('stats.none') : ft('stats.minutes', { n: num(s.medianMinutesToFirstAnswer) })}
                </dd>
              </div>
            </dl>
          );
        }}
      </Loaded>
    </section>
  );
}
