// Staff pages (admins and instructors), one lazy chunk so the learner entry
// stays small: the course list with "new course", and the course editor
// (fields with the server's Markdown preview, sections and items with
// up/down ordering, text pages, material uploads with progress, publish
// and archive).

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { useApi } from '../hooks';
import { t, tk, formatSize } from '../i18n';
import { navigate, tenantPath } from '../router';
import { ErrorView, Field, Loaded, Notice, PageTitle, ProgressBar, describedBy } from '../ui';
import { Uploader, type Upload, type UploadState } from './upload';
import { FormError, useAction } from './form';
import { CourseAssessment } from './gradebook';
import { GradingLink, ItemSettingsFields, type KindFields } from './itemsettings';

export { MonitorPage } from './monitor';
export { BatchesAdminPage, BatchAdminPage } from './batches';
export { OperatorPage } from './operator';
export { QuestionBankPage } from './questions';
export { GradingPage } from './grading';
export { GradebookPage } from './gradebook';
export * from './admin';

type Outline = Schemas['Outline'];
type Item = Schemas['Item'];
type ItemKind = Schemas['ItemKind'];
type Section = Schemas['OutlineSection'];

const materialKinds: ItemKind[] = ['video', 'audio', 'pdf', 'presentation', 'document', 'image'];
const kinds: ItemKind[] = ['text', 'link', ...materialKinds, 'quiz', 'assignment'];
const assessed = (k: ItemKind) => k === 'quiz' || k === 'assignment';

// ---------------------------------------------------------------- courses

export function CoursesPage() {
  const { tenantId } = useApp();
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/courses', { params: { path: { tenantId }, query: { limit: 100 } } })),
    [tenantId],
  );
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [jp, setJp] = useState('2');
  const act = useAction();
  const fields = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const create = (e: Event) => {
    e.preventDefault();
    void act.run(async () => {
      const o = await call(
        api.POST('/tenants/{tenantId}/courses', { params: { path: { tenantId } }, body: { code, title, jp: Number(jp) || 0 } }),
      );
      navigate(tenantPath(tenantId, 'kelola', 'kursus', o.course.id));
    });
  };
  return (
    <>
      <PageTitle>{t('staff.courses')}</PageTitle>
      <Loaded load={load} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="card">{t('staff.noCourses')}</p>
          ) : (
            <div class="table-wrap card">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('staff.code')}</th>
                    <th scope="col">{t('staff.titleField')}</th>
                    <th scope="col">{t('staff.jp')}</th>
                    <th scope="col">{t('staff.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id}>
                      <td class="mono">{c.code}</td>
                      <td>
                        <a href={tenantPath(tenantId, 'kelola', 'kursus', c.id)}>{c.title}</a>
                      </td>
                      <td>{c.jp}</td>
                      <td>{tk('courseStatus', c.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <form class="card form" onSubmit={create}>
        <h2>{t('staff.newCourse')}</h2>
        <Field id="nc-code" label={t('staff.code')} error={fields.code}>
          <input id="nc-code" required maxLength={30} value={code} onInput={(e) => setCode(e.currentTarget.value)} aria-describedby={describedBy('nc-code', false, fields.code)} />
        </Field>
        <Field id="nc-title" label={t('staff.titleField')} error={fields.title}>
          <input id="nc-title" required value={title} onInput={(e) => setTitle(e.currentTarget.value)} aria-describedby={describedBy('nc-title', false, fields.title)} />
        </Field>
        <Field id="nc-jp" label={t('staff.jp')} error={fields.jp}>
          <input id="nc-jp" type={'number' as 'text'} min={0} required value={jp} onInput={(e) => setJp(e.currentTarget.value)} />
        </Field>
        <FormError error={act.error} />
        <button type="submit" class="btn" disabled={act.busy}>
          {t('staff.create')}
        </button>
      </form>
    </>
  );
}

// ----------------------------------------------------------------- editor

export function CourseEditorPage({ courseId }: { courseId: string }) {
  const { tenantId } = useApp();
  const path = { tenantId, courseId };
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/courses/{courseId}', { params: { path } })) as Promise<Outline>,
    [tenantId, courseId],
  );
  const [outline, setOutline] = useState<Outline | null>(null);
  useEffect(() => {
    if (load.state === 'ok') setOutline(load.data);
  }, [load]);
  const reload = () => retry(true);
  if (!outline) return <Loaded load={load} retry={retry}>{() => null}</Loaded>;
  // Changes answer the outline without the rendered Markdown (only GET has
  // descriptionHtml): show the answer, then reload quietly for the preview.
  const set = (o: Outline) => {
    setOutline(o);
    reload();
  };
  return <Editor outline={outline} set={set} reload={reload} path={path} />;
}

interface EditorProps {
  outline: Outline;
  set: (o: Outline) => void;
  reload: () => void;
  path: { tenantId: string; courseId: string };
}

function Editor({ outline, set, reload, path }: EditorProps) {
  const c = outline.course;
  const status = useAction();
  const order = useAction();
  const changeStatus = (to: 'publish' | 'archive') =>
    void status.run(async () => {
      const o =
        to === 'publish'
          ? await call(api.POST('/tenants/{tenantId}/courses/{courseId}/publish', { params: { path } }))
          : await call(api.POST('/tenants/{tenantId}/courses/{courseId}/archive', { params: { path } }));
      set(o);
    });
  /** Move a section (item undefined) or an item up (-1) or down (+1). */
  const move = (si: number, ii: number | undefined, dir: -1 | 1) =>
    void order.run(async () => {
      const secs = outline.sections.map((s) => ({ sectionId: s.id, itemIds: s.items.map((i) => i.id) }));
      if (ii === undefined) {
        const [s] = secs.splice(si, 1);
        if (s) secs.splice(si + dir, 0, s);
      } else {
        const ids = secs[si]?.itemIds ?? [];
        const [id] = ids.splice(ii, 1);
        if (id) ids.splice(ii + dir, 0, id);
      }
      set(await call(api.PUT('/tenants/{tenantId}/courses/{courseId}/order', { params: { path }, body: { sections: secs } })));
    });
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(path.tenantId, 'kelola')}>{t('staff.courses')}</a>
      </p>
      <PageTitle sub={`${c.code} · ${tk('courseStatus', c.status)}`}>{c.title}</PageTitle>
      <div class="actions">
        {c.status !== 'published' ? (
          <button type="button" class="btn" disabled={status.busy} onClick={() => changeStatus('publish')}>
            {t('staff.publish')}
          </button>
        ) : (
          <button type="button" class="btn btn-secondary" disabled={status.busy} onClick={() => changeStatus('archive')}>
            {t('staff.archive')}
          </button>
        )}
        <a class="btn btn-secondary" href={tenantPath(path.tenantId, 'kelola', 'kursus', c.id, 'pemantauan')}>
          {t('staff.monitor')}
        </a>
      </div>
      <FormError error={status.error} />
      <CourseFields outline={outline} set={set} path={path} />
      <CourseAssessment tenantId={path.tenantId} courseId={path.courseId} />
      <section aria-labelledby="outline-h">
        <h2 id="outline-h">{t('staff.outline')}</h2>
        <FormError error={order.error} />
        {outline.sections.map((s, si) => (
          <SectionEditor
            key={s.id}
            section={s}
            first={si === 0}
            last={si === outline.sections.length - 1}
            busy={order.busy}
            onMove={(dir, ii) => move(si, ii, dir)}
            reload={reload}
            path={path}
          />
        ))}
        <AddSection path={path} reload={reload} />
      </section>
    </>
  );
}

function CourseFields({ outline, set, path }: { outline: Outline; set: (o: Outline) => void; path: EditorProps['path'] }) {
  const c = outline.course;
  const [title, setTitle] = useState(c.title);
  const [description, setDescription] = useState(c.description);
  const [jp, setJp] = useState(String(c.jp));
  const [tags, setTags] = useState(c.tags.join(', '));
  const [saved, setSaved] = useState(false);
  const act = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void act.run(async () => {
      const o = await call(
        api.PATCH('/tenants/{tenantId}/courses/{courseId}', {
          params: { path },
          body: {
            title,
            description,
            jp: Number(jp) || 0,
            tags: tags.split(',').map((x) => x.trim()).filter(Boolean),
          },
        }),
      );
      set(o);
      setSaved(true);
    });
  };
  return (
    <form class="card form" onSubmit={save}>
      <h2>{t('staff.courseData')}</h2>
      <Field id="c-title" label={t('staff.titleField')}>
        <input id="c-title" required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id="c-desc" label={t('staff.description')} hint={t('staff.markdownHint')}>
        <textarea id="c-desc" rows={6} value={description} aria-describedby="c-desc-hint" onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      {c.descriptionHtml ? (
        <div>
          <h3 class="h3">{t('staff.preview')}</h3>
          <div class="prose preview" dangerouslySetInnerHTML={{ __html: c.descriptionHtml }} />
        </div>
      ) : null}
      <Field id="c-jp" label={t('staff.jp')}>
        <input id="c-jp" type={'number' as 'text'} min={0} value={jp} onInput={(e) => setJp(e.currentTarget.value)} />
      </Field>
      <Field id="c-tags" label={t('staff.tags')} hint={t('staff.tagsHint')}>
        <input id="c-tags" value={tags} aria-describedby="c-tags-hint" onInput={(e) => setTags(e.currentTarget.value)} />
      </Field>
      <FormError error={act.error} />
      {saved ? (
        <p role="status" class="notice notice-ok">
          {t('staff.saved')}
        </p>
      ) : null}
      <button type="submit" class="btn" disabled={act.busy}>
        {t('staff.save')}
      </button>
    </form>
  );
}

function AddSection({ path, reload }: { path: EditorProps['path']; reload: () => void }) {
  const [title, setTitle] = useState('');
  const act = useAction();
  return (
    <form
      class="card form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          await call(api.POST('/tenants/{tenantId}/courses/{courseId}/sections', { params: { path }, body: { title } }));
          setTitle('');
          reload();
        });
      }}
    >
      <Field id="ns-title" label={t('staff.newSection')}>
        <input id="ns-title" required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <FormError error={act.error} />
      <button type="submit" class="btn" disabled={act.busy}>
        {t('staff.addSection')}
      </button>
    </form>
  );
}

function MoveButtons({ label, first, last, busy, onMove }: { label: string; first: boolean; last: boolean; busy: boolean; onMove: (d: -1 | 1) => void }) {
  return (
    <span class="move">
      <button type="button" class="btn btn-secondary btn-small" disabled={busy || first} onClick={() => onMove(-1)} aria-label={t('staff.moveUp', { name: label })}>
        ↑
      </button>
      <button type="button" class="btn btn-secondary btn-small" disabled={busy || last} onClick={() => onMove(1)} aria-label={t('staff.moveDown', { name: label })}>
        ↓
      </button>
    </span>
  );
}

function SectionEditor({
  section,
  first,
  last,
  busy,
  onMove,
  reload,
  path,
}: {
  section: Section;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (dir: -1 | 1, item?: number) => void;
  reload: () => void;
  path: EditorProps['path'];
}) {
  const [title, setTitle] = useState(section.title);
  const act = useAction();
  const sp = { ...path, sectionId: section.id };
  return (
    <div class="card section-editor">
      <div class="row">
        <h3 class="h3">{section.title}</h3>
        <MoveButtons label={section.title} first={first} last={last} busy={busy} onMove={(d) => onMove(d)} />
      </div>
      <form
        class="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            await call(api.PATCH('/tenants/{tenantId}/courses/{courseId}/sections/{sectionId}', { params: { path: sp }, body: { title } }));
            reload();
          });
        }}
      >
        <label for={`st-${section.id}`}>{t('staff.sectionTitle')}</label>
        <input id={`st-${section.id}`} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <button type="submit" class="btn btn-secondary" disabled={act.busy}>
          {t('staff.rename')}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={act.busy}
          onClick={() => {
            if (!confirm(t('staff.confirmDeleteSection', { name: section.title }))) return;
            void act.run(async () => {
              await call(api.DELETE('/tenants/{tenantId}/courses/{courseId}/sections/{sectionId}', { params: { path: sp } }));
              reload();
            });
          }}
        >
          {t('staff.delete')}
        </button>
      </form>
      <FormError error={act.error} />
      <ol class="editor-items">
        {section.items.map((it, ii) => (
          <ItemEditor
            key={it.id}
            item={it}
            first={ii === 0}
            last={ii === section.items.length - 1}
            busy={busy}
            onMove={(d) => onMove(d, ii)}
            reload={reload}
            path={path}
          />
        ))}
      </ol>
      <AddItem sectionId={section.id} path={path} reload={reload} />
    </div>
  );
}

function AddItem({ sectionId, path, reload }: { sectionId: string; path: EditorProps['path']; reload: () => void }) {
  const [kind, setKind] = useState<ItemKind>('text');
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [content, setContent] = useState('');
  const [extra, setExtra] = useState<KindFields>({});
  const act = useAction();
  const id = `ni-${sectionId}`;
  return (
    <form
      class="form add-item"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          await call(
            api.POST('/tenants/{tenantId}/courses/{courseId}/items', {
              params: { path },
              body: {
                sectionId,
                kind,
                title,
                required: true,
                durationMinutes: Number(minutes) || 0,
                ...(kind === 'text' ? { body: content } : {}),
                ...(kind === 'link' ? { url: content } : {}),
                ...(assessed(kind) ? extra : {}),
              },
            }),
          );
          setTitle('');
          setContent('');
          reload();
        });
      }}
    >
      <h4>{t('staff.newItem')}</h4>
      <Field id={`${id}-kind`} label={t('staff.kind')}>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as ItemKind)}>
          {kinds.map((k) => (
            <option value={k}>{tk('kind', k)}</option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-title`} label={t('staff.itemTitle')}>
        <input id={`${id}-title`} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-min`} label={t('staff.minutes')}>
        <input id={`${id}-min`} type={'number' as 'text'} min={0} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      {kind === 'text' ? (
        <Field id={`${id}-body`} label={t('staff.body')} hint={t('staff.markdownHint')}>
          <textarea id={`${id}-body`} rows={5} required value={content} aria-describedby={`${id}-body-hint`} onInput={(e) => setContent(e.currentTarget.value)} />
        </Field>
      ) : kind === 'link' ? (
        <Field id={`${id}-url`} label={t('staff.url')}>
          <input id={`${id}-url`} type={'url' as 'text'} required value={content} onInput={(e) => setContent(e.currentTarget.value)} />
        </Field>
      ) : null}
      {assessed(kind) ? <ItemSettingsFields key={kind} kind={kind} path={path} onChange={setExtra} /> : null}
      <FormError error={act.error} />
      <button type="submit" class="btn" disabled={act.busy}>
        {t('staff.addItem')}
      </button>
    </form>
  );
}

function ItemEditor({
  item,
  first,
  last,
  busy,
  onMove,
  reload,
  path,
}: {
  item: Item;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (d: -1 | 1) => void;
  reload: () => void;
  path: EditorProps['path'];
}) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(item.title);
  const [minutes, setMinutes] = useState(String(item.durationMinutes));
  const [body, setBody] = useState(item.body ?? '');
  const [url, setUrl] = useState(item.url ?? '');
  const [extra, setExtra] = useState<KindFields>({});
  const act = useAction();
  const ip = { ...path, itemId: item.id };
  const material = materialKinds.includes(item.kind);
  const fid = `it-${item.id}`;
  return (
    <li class="editor-item">
      <div class="row">
        <span>
          <strong>{item.title}</strong> <span class="muted small">{tk('kind', item.kind)}</span>{' '}
          {material ? <span class="badge" data-item-status={item.materialStatus}>{tk('materialStatus', item.materialStatus ?? 'uploading')}</span> : null}
        </span>
        <span class="row">
          <MoveButtons label={item.title} first={first} last={last} busy={busy} onMove={onMove} />
          <button type="button" class="btn btn-secondary btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('staff.edit')}
            <span class="sr-only">: {item.title}</span>
          </button>
        </span>
      </div>
      {material ? <MaterialUpload item={item} path={path} reload={reload} /> : null}
      <GradingLink item={item} path={path} />
      {open ? (
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              await call(
                api.PATCH('/tenants/{tenantId}/courses/{courseId}/items/{itemId}', {
                  params: { path: ip },
                  body: {
                    title,
                    durationMinutes: Number(minutes) || 0,
                    ...(item.kind === 'text' ? { body } : {}),
                    ...(item.kind === 'link' ? { url } : {}),
                    ...(assessed(item.kind) ? extra : {}),
                  },
                }),
              );
              reload();
            });
          }}
        >
          <Field id={`${fid}-title`} label={t('staff.itemTitle')}>
            <input id={`${fid}-title`} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </Field>
          <Field id={`${fid}-min`} label={t('staff.minutes')}>
            <input id={`${fid}-min`} type={'number' as 'text'} min={0} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </Field>
          {item.kind === 'text' ? (
            <>
              <Field id={`${fid}-body`} label={t('staff.body')} hint={t('staff.markdownHint')}>
                <textarea id={`${fid}-body`} rows={10} value={body} aria-describedby={`${fid}-body-hint`} onInput={(e) => setBody(e.currentTarget.value)} />
              </Field>
              <TextPreview path={ip} version={item.updatedAt} />
            </>
          ) : null}
          {item.kind === 'link' ? (
            <Field id={`${fid}-url`} label={t('staff.url')}>
              <input id={`${fid}-url`} type={'url' as 'text'} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
            </Field>
          ) : null}
          {assessed(item.kind) ? <ItemSettingsFields kind={item.kind} item={item} path={path} onChange={setExtra} /> : null}
          <FormError error={act.error} />
          <div class="actions">
            <button type="submit" class="btn" disabled={act.busy}>
              {t('staff.save')}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={act.busy}
              onClick={() => {
                if (!confirm(t('staff.confirmDeleteItem', { name: item.title }))) return;
                void act.run(async () => {
                  await call(api.DELETE('/tenants/{tenantId}/courses/{courseId}/items/{itemId}', { params: { path: ip } }));
                  reload();
                });
              }}
            >
              {t('staff.delete')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

/** A text page as the server renders it (GET .../items/{i}/content html). */
function TextPreview({ path, version }: { path: EditorProps['path'] & { itemId: string }; version: string }) {
  const [load] = useApi(
    () => call(api.GET('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/content', { params: { path } })),
    [path.itemId, version],
  );
  if (load.state !== 'ok') return null;
  const html = (load.data as { html?: string }).html;
  return html ? (
    <div>
      <h4>{t('staff.preview')}</h4>
      <div class="prose preview" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  ) : null;
}

// ---------------------------------------------------------------- uploads

function MaterialUpload({ item, path, reload }: { item: Item; path: EditorProps['path']; reload: () => void }) {
  const [state, setState] = useState<UploadState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const uploader = useRef<Uploader | null>(null);
  const uploadId = upload?.id ?? item.uploadId;
  const fid = `up-${item.id}`;

  // Poll the upload every 2 s while it is being processed.
  const processing = !!uploadId && (state?.phase === 'sent' || (!state && (item.materialStatus === 'processing')) || upload?.status === 'processing');
  useEffect(() => {
    if (!processing || !uploadId) return;
    let stop = false;
    const tick = async () => {
      try {
        const u = await call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId: path.tenantId, uploadId } } }));
        if (stop) return;
        setUpload(u);
        if (u.status === 'ready' || u.status === 'failed') {
          setState(null);
          reload();
          return;
        }
      } catch (e) {
        if (!stop) setError(e);
      }
      if (!stop) timer = setTimeout(() => void tick(), 2000);
    };
    let timer = setTimeout(() => void tick(), 2000);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [processing, uploadId]);

  // A failed material: load its upload for the reason.
  useEffect(() => {
    if (item.materialStatus !== 'failed' || !item.uploadId || upload) return;
    call(api.GET('/tenants/{tenantId}/uploads/{uploadId}', { params: { path: { tenantId: path.tenantId, uploadId: item.uploadId } } })).then(
      setUpload,
      () => undefined,
    );
  }, [item.materialStatus, item.uploadId]);

  const choose = (file: File) => {
    setError(null);
    setUpload(null);
    const u = new Uploader(path.tenantId, file, { courseId: path.courseId, itemId: item.id }, (s) => {
      setState(s);
      if (s.upload) setUpload(s.upload);
    });
    uploader.current = u;
    setState(u.state);
    u.start().catch((e: unknown) => {
      setError(e);
      setState(null);
    });
  };
  const retryProcessing = async () => {
    if (!uploadId) return;
    setError(null);
    try {
      await call(api.POST('/tenants/{tenantId}/uploads/{uploadId}/retry', { params: { path: { tenantId: path.tenantId, uploadId } } }));
      setUpload({ ...(upload as Upload), status: 'processing' });
    } catch (e) {
      setError(e);
    }
  };

  const status = upload?.status ?? item.materialStatus;
  const busy = !!state && state.phase !== 'sent';
  return (
    <div class="upload">
      {!busy ? (
        <div class="field">
          <label for={fid}>{item.uploadId ? t('upload.replace') : t('upload.choose')}</label>
          <input
            id={fid}
            type={'file' as 'text'}
            onChange={(e) => {
              const f = (e.currentTarget as HTMLInputElement).files?.[0];
              if (f) choose(f);
            }}
          />
        </div>
      ) : null}
      {state ? (
        <div class="upload-progress">
          <ProgressBar percent={state.total ? (100 * state.sent) / state.total : 0} label={t('upload.progress', { name: item.title })} />
          <p class="small muted" aria-live="polite">
            {tk('upload.phase', state.phase)} · {formatSize(state.sent)} / {formatSize(state.total)}
            {state.failedPart ? ' · ' + t('upload.partFailed', { n: state.failedPart }) : ''}
          </p>
          {state.upload?.multipart ? (
            <div class="actions">
              {state.phase === 'sending' ? (
                <button type="button" class="btn btn-secondary" onClick={() => uploader.current?.pause()}>
                  {t('upload.pause')}
                </button>
              ) : null}
              {state.phase === 'paused' || state.phase === 'partFailed' ? (
                <button type="button" class="btn" onClick={() => void uploader.current?.resume().catch(setError)}>
                  {state.phase === 'paused' ? t('upload.resume') : t('upload.retryPart')}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {status && !busy ? (
        <p class="small" role="status" data-upload-status={status}>
          {t('upload.status', { status: tk('materialStatus', status) })}
        </p>
      ) : null}
      {status === 'failed' ? (
        <Notice kind="warn">
          <p>{upload?.reasonMessage ?? t('upload.failed')}</p>
          {uploadId ? (
            <button type="button" class="btn" onClick={() => void retryProcessing()}>
              {t('upload.retryProcessing')}
            </button>
          ) : null}
        </Notice>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
    </div>
  );
}
