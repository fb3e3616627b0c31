// A course (GET .../courses/{c}): sections and items with my progress.

import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatDuration, t, tk } from '../i18n';
import { tenantPath } from '../router';
import { Loaded, Notice, PageTitle, ProgressBar } from '../ui';

export type Item = Schemas['Item'];
export type ItemProgress = Schemas['ItemProgress'];

export interface CourseView {
  course: Schemas['Course'];
  sections: Schemas['OutlineSection'][];
  learning: Schemas['Learning'] | null;
  progress: Record<string, ItemProgress>;
}

export async function loadCourse(tenantId: string, courseId: string): Promise<CourseView> {
  const o = await call(api.GET('/tenants/{tenantId}/courses/{courseId}', { params: { path: { tenantId, courseId } } }));
  if ('learning' in o) return { course: o.course, sections: o.sections, learning: o.learning, progress: o.progress };
  return { course: o.course, sections: o.sections, learning: null, progress: {} }; // staff: no progress
}

export function allItems(v: CourseView): Item[] {
  return v.sections.flatMap((s) => s.items);
}

/** Where to continue: the first required item not done, else the last opened, else the first. */
export function nextItem(v: CourseView): Item | undefined {
  const items = allItems(v);
  return (
    items.find((i) => i.required && !v.progress[i.id]?.completed) ??
    items.find((i) => i.id === v.learning?.lastItemId) ??
    items[0]
  );
}

/**
 * The learner's summary for display. Right after enrollment the API's
 * summary may still count 0 required items (it is refreshed by the first
 * progress report), so the counts then come from the outline itself.
 */
export function summary(v: CourseView): { done: number; total: number; percent: number } | null {
  const l = v.learning;
  if (!l) return null;
  if (l.requiredTotal > 0) return { done: l.requiredDone, total: l.requiredTotal, percent: l.percent };
  const required = allItems(v).filter((i) => i.required);
  const done = required.filter((i) => v.progress[i.id]?.completed).length;
  return { done, total: required.length, percent: required.length ? Math.floor((100 * done) / required.length) : 0 };
}

export function CoursePage({ courseId }: { courseId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(() => loadCourse(tenantId, courseId), [tenantId, courseId]);
  return (
    <Loaded load={load} retry={retry}>
      {(v) => {
        const items = allItems(v);
        const next = nextItem(v);
        const l = v.learning;
        const sum = summary(v);
        return (
          <>
            <PageTitle sub={`${v.course.code} · ${t('common.jp', { n: v.course.jp })}`}>{v.course.title}</PageTitle>
            {l && sum ? (
              <div class="card course-summary">
                <ProgressBar percent={sum.percent} />
                <p>{t('course.progress', { done: sum.done, total: sum.total })}</p>
                {l.timeSpentSeconds >= 60 ? <p class="muted small">{t('course.timeSpent', { time: formatDuration(l.timeSpentSeconds) })}</p> : null}
                {l.completedAt ? <Notice kind="ok">{t('course.completed')}</Notice> : null}
                {next && !l.completedAt ? (
                  <a class="btn" href={tenantPath(tenantId, 'kursus', courseId, 'materi', next.id)}>
                    {l.lastAccessAt ? t('course.continue') : t('course.start')}
                  </a>
                ) : null}
              </div>
            ) : null}
            {v.course.coverUrl ? <img class="cover" src={v.course.coverUrl} alt="" /> : null}
            {v.course.descriptionHtml ? <div class="card prose" dangerouslySetInnerHTML={{ __html: v.course.descriptionHtml }} /> : null}
            <section class="section" aria-labelledby="contents">
              <h2 id="contents">{t('course.sections')}</h2>
              {items.length === 0 ? <p class="muted">{t('course.empty')}</p> : null}
              {v.sections.map((s) =>
                s.items.length === 0 ? null : (
                  <div class="card outline-section">
                    <h3 class="h3">{s.title}</h3>
                    <ol class="outline">
                      {s.items.map((i) => {
                        const done = !!v.progress[i.id]?.completed;
                        return (
                          <li class={done ? 'outline-item done' : 'outline-item'}>
                            <span class={done ? 'tick tick-done' : 'tick'} aria-hidden="true">
                              {done ? '✓' : ''}
                            </span>
                            <a href={tenantPath(tenantId, 'kursus', courseId, 'materi', i.id)}>{i.title}</a>
                            <span class="outline-meta small muted">
                              {tk('kind', i.kind)}
                              {i.durationMinutes ? ` · ${t('common.minutes', { n: i.durationMinutes })}` : ''}
                              {' · '}
                              {i.required ? t('course.required') : t('course.optional')}
                              <span class="sr-only">, {done ? t('course.done') : t('course.notDone')}</span>
                            </span>
                          </li>
                        );
                      })}
                    </ol>
                  </div>
                ),
              )}
            </section>
          </>
        );
      }}
    </Loaded>
  );
}
