// The item viewer: video/audio (HLS, hls.js loaded on demand), PDF and
// converted documents, images, text pages (the server's sanitised HTML),
// links, quizzes and assignments (each a lazy chunk of its own); progress
// reported as the learner studies.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, getApiBase, refreshSession, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { formatClock, formatDateTime, formatSize, t, tk } from '../i18n';
import { ProgressTracker, type ProgressAnswer } from '../progress';
import { tenantPath } from '../router';
import { getSession } from '../session';
import { ErrorView, Loaded, Loading, Notice, PageTitle } from '../ui';
import { allItems, loadCourse, type CourseView, type Item } from './course';
import type { AssignmentContent } from './assignment';
import type { QuizSettings } from './quiz';

type Content = Schemas['ItemContent'] | Schemas['Material'];
type Material = Schemas['Material'];
/** The content answer of a text page also carries the sanitised HTML (not in the document yet). */
type TextContent = Schemas['ItemContent'] & { html?: string };

export function ItemPage({ courseId, itemId }: { courseId: string; itemId: string }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(async () => {
    const [course, content] = await Promise.all([
      loadCourse(tenantId, courseId),
      call(
        api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/content', {
          params: { path: { tenantId, courseId, itemId } },
        }),
      ),
    ]);
    return { course, content: content as Content };
  }, [tenantId, courseId, itemId]);
  return (
    <Loaded load={load} retry={retry} cards={1}>
      {({ course, content }) => <ItemView key={itemId} course={course} content={content} itemId={itemId} onExpired={() => retry(true)} />}
    </Loaded>
  );
}

type SaveState = 'idle' | 'failed';

/** Kinds answered as a Material with links to files. */
const fileKinds: string[] = ['pdf', 'presentation', 'document', 'image'];

// Quizzes and assignments load their code when opened (the learner entry stays small).
const quizModule = () => import('./quiz');
const assignmentModule = () => import('./assignment');

function Lazy<M>({ load, render }: { load: () => Promise<M>; render: (m: M) => ComponentChildren }) {
  const [mod, setMod] = useState<M | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setMod(() => m),
      (e: unknown) => live && setFailed(e),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  if (failed) return <ErrorView error={failed} onRetry={() => (setFailed(null), setAttempt(attempt + 1))} />;
  if (!mod) return <Loading cards={1} />;
  return <>{render(mod)}</>;
}

function ItemView({ course, content, itemId, onExpired }: { course: CourseView; content: Content; itemId: string; onExpired: () => void }) {
  const { tenantId } = useApp();
  const items = allItems(course);
  const index = items.findIndex((i) => i.id === itemId);
  const item = items[index];
  const prev = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 && index < items.length - 1 ? items[index + 1] : undefined;
  const learner = course.learning !== null;
  const [done, setDone] = useState(!!course.progress[itemId]?.completed);
  const [save, setSave] = useState<SaveState>('idle');
  // One tracker per item view (the view is keyed by item), made at once so
  // the viewers below can use it from their first effect.
  const [tracker] = useState(() =>
    learner
      ? new ProgressTracker(
          tenantId,
          course.course.id,
          itemId,
          (a: ProgressAnswer) => {
            if (a.item.completed) setDone(true);
          },
          (failed) => setSave(failed ? 'failed' : 'idle'),
        )
      : null,
  );
  useEffect(() => () => tracker?.close(), []);

  const complete = () => {
    setDone(true);
    void tracker?.send({ completed: true });
  };

  if (!item) return null;
  const back = tenantPath(tenantId, 'kursus', course.course.id);
  const link = (i: Item) => tenantPath(tenantId, 'kursus', course.course.id, 'materi', i.id);
  const startAt = course.progress[itemId]?.positionSeconds ?? 0;
  const isMedia = content.kind === 'video' || content.kind === 'audio';
  const kind: string = content.kind;
  const itemPath = { tenantId, courseId: course.course.id, itemId };
  const gradingHref = tenantPath(tenantId, 'kelola', 'kursus', course.course.id, 'materi', itemId, 'penilaian');

  return (
    <>
      <p class="crumb">
        <a href={back}>
          <span aria-hidden="true">← </span>
          {t('item.back', { course: course.course.title })}
        </a>
      </p>
      <PageTitle
        sub={[tk('kind', item.kind), item.required ? t('course.required') : t('course.optional'), item.durationMinutes ? t('common.minutes', { n: item.durationMinutes }) : '']
          .filter(Boolean)
          .join(' · ')}
      >
        {item.title}
      </PageTitle>
      {item.descriptionHtml ? <div class="prose item-description" dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} /> : null}
      <div class="viewer">
        {isMedia ? (
          <MediaViewer material={content as Material} startAt={startAt} tracker={tracker} onEnded={complete} />
        ) : content.kind === 'text' ? (
          <TextViewer html={(content as TextContent).html ?? item.html ?? ''} tracker={tracker} />
        ) : content.kind === 'link' ? (
          <LinkViewer url={(content as Schemas['ItemContent']).url ?? ''} onOpen={complete} tracker={tracker} />
        ) : fileKinds.includes(content.kind) ? (
          <FileViewer material={content as Material} title={item.title} tracker={tracker} onOpen={complete} onExpired={onExpired} />
        ) : kind === 'quiz' ? (
          <Lazy
            load={quizModule}
            render={(m) => (
              <m.QuizView
                path={itemPath}
                settings={(content as unknown as { quiz: QuizSettings }).quiz}
                staff={!learner}
                gradingHref={gradingHref}
                onPassed={() => setDone(true)}
              />
            )}
          />
        ) : kind === 'assignment' ? (
          <Lazy
            load={assignmentModule}
            render={(m) => (
              <m.AssignmentView
                path={itemPath}
                content={content as unknown as AssignmentContent}
                staff={!learner}
                gradingHref={gradingHref}
                onSubmitted={() => setDone(true)}
              />
            )}
          />
        ) : (
          <Notice>{t('item.unsupported')}</Notice>
        )}
      </div>
      {learner ? (
        <div class="item-status" aria-live="polite">
          {done ? (
            <Notice kind="ok">
              <span aria-hidden="true">✓ </span>
              {t('item.done')}
            </Notice>
          ) : content.kind === 'text' ? (
            <button type="button" class="btn" onClick={complete}>
              {t('item.markDone')}
            </button>
          ) : isMedia ? (
            <p class="muted small">{t('item.autoComplete')}</p>
          ) : null}
          {save === 'failed' ? <p class="form-error">{t('item.saveFailed')}</p> : null}
        </div>
      ) : null}
      <nav class="pager" aria-label={t('course.sections')}>
        {prev ? (
          <a class="btn btn-secondary" href={link(prev)}>
            {t('item.prev', { title: prev.title })}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a class={done ? 'btn' : 'btn btn-secondary'} href={link(next)}>
            {t('item.next', { title: next.title })}
          </a>
        ) : (
          <a class="btn btn-secondary" href={back}>
            {t('item.back', { course: course.course.title })}
          </a>
        )}
      </nav>
    </>
  );
}

type TrackerRef = ProgressTracker | null;

/** Count time while the page is open (text, documents, links). */
function useStudyTime(tracker: TrackerRef) {
  useEffect(() => {
    tracker?.setActive(true);
    return () => tracker?.setActive(false);
  }, [tracker]);
}

function TextViewer({ html, tracker }: { html: string; tracker: TrackerRef }) {
  useStudyTime(tracker);
  return <article class="card prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

function LinkViewer({ url, onOpen, tracker }: { url: string; onOpen: () => void; tracker: TrackerRef }) {
  useStudyTime(tracker);
  return (
    <div class="card">
      <p class="mono break">{url}</p>
      <a class="btn" href={url} target="_blank" rel="noopener noreferrer" onClick={onOpen}>
        {t('item.openLink')}
      </a>
      <p class="muted small">{t('item.linkNote')}</p>
    </div>
  );
}

const wide = () => window.matchMedia('(min-width: 48rem)').matches;

function FileViewer({
  material,
  title,
  tracker,
  onOpen,
  onExpired,
}: {
  material: Material;
  title: string;
  tracker: TrackerRef;
  onOpen: () => void;
  onExpired: () => void;
}) {
  useStudyTime(tracker);
  // Opening a document counts as studying it.
  useEffect(() => {
    onOpen();
  }, []);
  // Signed links last 2 hours: fetch fresh ones when they expire.
  useEffect(() => {
    const ms = new Date(material.expiresAt).getTime() - Date.now() - 60_000;
    if (!(ms > 0)) return;
    const id = window.setTimeout(onExpired, Math.min(ms, 2 ** 31 - 1));
    return () => window.clearTimeout(id);
  }, [material.expiresAt]);
  const pdf = material.pdf;
  return (
    <div class="card file-viewer">
      {material.kind === 'image' && material.images?.length ? (
        <img
          class="material-image"
          src={material.images[material.images.length - 1]?.url}
          srcset={material.images.map((im) => `${im.url} ${/(\d+)w?\.webp$/.exec(im.path)?.[1] ?? ''}w`).join(', ')}
          sizes="(min-width: 60rem) 60rem, 100vw"
          alt={title}
        />
      ) : null}
      {pdf ? (
        wide() ? (
          <iframe class="pdf-frame" src={pdf} title={t('item.pdfFrame', { title })} />
        ) : material.preview ? (
          <a href={pdf} target="_blank" rel="noopener">
            <img class="pdf-preview" src={material.preview} alt={t('item.pdfFrame', { title })} />
          </a>
        ) : null
      ) : null}
      <p class="file-meta muted small">
        {material.fileName}
        {material.pages ? ` · ${t('item.pages', { n: material.pages })}` : ''}
      </p>
      <div class="actions">
        {pdf ? (
          <a class="btn" href={pdf} target="_blank" rel="noopener" data-testid="open-pdf">
            {t('item.openPdf')}
          </a>
        ) : null}
        {material.download ? (
          <a class="btn btn-secondary" href={material.download} download={material.fileName}>
            {t('item.download', { size: formatSize(material.size) })}
          </a>
        ) : null}
      </div>
      <p class="muted small">{t('item.expires', { time: formatDateTime(material.expiresAt) })}</p>
    </div>
  );
}

function MediaViewer({
  material,
  startAt,
  tracker,
  onEnded,
}: {
  material: Material;
  startAt: number;
  tracker: TrackerRef;
  onEnded: () => void;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [problem, setProblem] = useState('');
  const [attempt, setAttempt] = useState(0);
  const resume = material.durationSeconds && startAt > 0 && startAt < material.durationSeconds - 5 ? startAt : 0;

  useEffect(() => {
    const media = ref.current;
    if (!media || !material.hls) return;
    let player: { destroy(): void } | null = null;
    let cancelled = false;
    setProblem('');
    void (async () => {
      // A fresh token before the player starts (its requests cannot wait for a refresh).
      const s = getSession();
      if (s && s.expiresAt - Date.now() < 10 * 60_000) await refreshSession().catch(() => null);
      const mod = await import('../player');
      if (cancelled) return;
      if (!mod.supported()) {
        setProblem(t('item.noPlayer'));
        return;
      }
      player = mod.attach(media, {
        src: getApiBase() + material.hls,
        startPosition: resume,
        token: () => getSession()?.accessToken ?? '',
        apiPrefix: getApiBase() + '/',
        onFatal: () => setProblem(t('item.mediaError')),
      });
    })().catch(() => setProblem(t('item.mediaError')));

    const tr = () => tracker;
    const onPlay = () => tr()?.setActive(true);
    const onPause = () => {
      tr()?.setActive(false);
      tr()?.setPosition(media.currentTime);
      void tr()?.send();
    };
    const onTime = () => tr()?.setPosition(media.currentTime);
    const onEnd = () => {
      tr()?.setActive(false);
      tr()?.setPosition(0);
      onEnded();
    };
    media.addEventListener('play', onPlay);
    media.addEventListener('pause', onPause);
    media.addEventListener('timeupdate', onTime);
    media.addEventListener('ended', onEnd);
    return () => {
      cancelled = true;
      media.removeEventListener('play', onPlay);
      media.removeEventListener('pause', onPause);
      media.removeEventListener('timeupdate', onTime);
      media.removeEventListener('ended', onEnd);
      tr()?.setActive(false);
      player?.destroy();
    };
  }, [material.hls, attempt]);

  const label = material.kind === 'audio' ? t('item.audioLabel', { title: material.title }) : t('item.videoLabel', { title: material.title });
  return (
    <div class="media">
      {material.kind === 'audio' ? (
        <audio ref={ref} controls preload="metadata" aria-label={label} />
      ) : (
        <video ref={ref} controls playsInline preload="metadata" poster={material.poster} aria-label={label} />
      )}
      {resume > 0 ? <p class="muted small">{t('item.resumeAt', { time: formatClock(resume) })}</p> : null}
      {problem ? (
        <div class="form-error" role="alert">
          <p>{problem}</p>
          <button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>
            {t('action.retry')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
