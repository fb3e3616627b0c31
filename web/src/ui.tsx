// Small shared pieces: page title (focus on navigation), skeletons, error
// display in the API's error shape with retry, progress bar, form field.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api/client';
import { t } from './i18n';
import type { Load } from './hooks';

/** The page's h1; takes focus when the page opens so screen readers announce it. */
export function PageTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const text = ref.current?.textContent;
    if (text) document.title = `${text} · ${t('app.name')}`;
    // Only move focus after an in-app navigation (not on first load).
    if (document.body.dataset.navigated) ref.current?.focus({ preventScroll: true });
    document.body.dataset.navigated = '1';
  }, [typeof children === 'string' ? children : '']);
  return (
    <div class="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {sub ? <p class="muted">{sub}</p> : null}
    </div>
  );
}

export function Skeleton({ lines = 3, card = false }: { lines?: number; card?: boolean }) {
  return (
    <div class={card ? 'card skeleton' : 'skeleton'} aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span class="sk-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** A busy region: skeleton cards announced to screen readers as loading. */
export function Loading({ cards = 2, lines = 3 }: { cards?: number; lines?: number }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <span class="sr-only">{t('common.loading')}</span>
      {Array.from({ length: cards }, () => (
        <Skeleton card lines={lines} />
      ))}
    </div>
  );
}

export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.invalid');
  if (e.kind === 'network') return t('error.network');
  if (e.serverMessage) return e.serverMessage;
  if (e.kind === 'invalid') return t('error.invalid');
  return t('error.http', { status: e.status });
}

export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = error instanceof ApiError ? error.code : '';
  return (
    <div class="card error-card" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{errorMessage(error)}</p>
      {code ? <p class="muted small">{code}</p> : null}
      {onRetry ? (
        <button type="button" class="btn" onClick={onRetry}>
          {t('action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Render a Load: skeleton while loading, the error with retry, or the content. */
export function Loaded<T>({
  load,
  retry,
  children,
  cards,
}: {
  load: Load<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
  cards?: number;
}) {
  if (load.state === 'loading') return <Loading cards={cards ?? 2} />;
  if (load.state === 'error') return <ErrorView error={load.error} onRetry={() => retry()} />;
  return <>{children(load.data)}</>;
}

export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p}
        aria-label={label ?? t('common.progressLabel', { n: p })}
      >
        <div class="progress-fill" style={{ width: `${p}%` }} />
      </div>
      <span class="progress-text">{t('common.percent', { n: p })}</span>
    </div>
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** aria-describedby for a Field's input. */
export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'warn'; children: ComponentChildren }) {
  return <div class={`notice notice-${kind}`}>{children}</div>;
}
