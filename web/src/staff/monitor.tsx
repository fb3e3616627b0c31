// Monitoring of a course (GET .../courses/{c}/progress): a table of the
// learners and their progress, and the CSV export (fetched with the token,
// then saved from a blob: a plain link cannot carry the Authorization header).

import { useState } from 'preact/hooks';
import { api, apiFetch, call, getApiBase, toApiError, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDateTime, formatDuration, t } from '../i18n';
import { tenantPath } from '../router';
import { ErrorView, Loaded, PageTitle, ProgressBar } from '../ui';

/** GET an API path (with the token) and save the answer as a file. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await apiFetch(new Request(getApiBase() + path));
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined));
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MonitorPage({ courseId }: { courseId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(
    () =>
      call(api.GET('/tenants/{tenantId}/courses/{courseId}/progress', { params: { path: { tenantId, courseId } } })) as Promise<
        Schemas['CourseMonitoring']
      >,
    [tenantId, courseId],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const csv = async () => {
    setBusy(true);
    setError(null);
    try {
      await download(`/tenants/${encodeURIComponent(tenantId)}/courses/${encodeURIComponent(courseId)}/progress?format=csv`, 'pemantauan.csv');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Loaded load={load} retry={retry}>
      {(m) => (
        <>
          <p class="crumb">
            <a href={tenantPath(tenantId, 'kelola', 'kursus', courseId)}>{m.course.title}</a>
          </p>
          <PageTitle sub={t('monitor.required', { n: m.requiredTotal })}>{t('monitor.title')}</PageTitle>
          <div class="actions">
            <button type="button" class="btn" disabled={busy} onClick={() => void csv()}>
              {t('monitor.csv')}
            </button>
          </div>
          {error ? <ErrorView error={error} /> : null}
          {m.learners.length === 0 ? (
            <p class="card">{t('monitor.empty')}</p>
          ) : (
            <div class="table-wrap card">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('monitor.learner')}</th>
                    <th scope="col">{t('monitor.progress')}</th>
                    <th scope="col">{t('monitor.time')}</th>
                    <th scope="col">{t('monitor.last')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.learners.map((l) => (
                    <tr key={l.userId}>
                      <td>
                        {l.name}
                        <br />
                        <span class="mono small">{l.username}</span>
                      </td>
                      <td>
                        <ProgressBar percent={l.percent} label={t('monitor.progressOf', { name: l.name, n: l.percent })} />
                        <span class="small">{t('monitor.done', { done: l.requiredDone, total: m.requiredTotal })}</span>
                      </td>
                      <td>{formatDuration(l.timeSpentSeconds)}</td>
                      <td>{l.lastAccessAt ? formatDateTime(l.lastAccessAt) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}
