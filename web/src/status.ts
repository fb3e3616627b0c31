// The "Status layanan" card: calls GET {apiBase}/health and shows the build of
// each function, with loading and error states.

import { ApiError, fetchHealth, type PlatformHealth } from './api';
import { h } from './dom';
import { t } from './i18n';

type State =
  | { kind: 'loading' }
  | { kind: 'ok'; data: PlatformHealth }
  | { kind: 'error'; error: unknown };

export class StatusCard {
  readonly el: HTMLElement;
  private readonly region: HTMLElement;
  private state: State = { kind: 'loading' };
  private seq = 0;

  constructor(private readonly apiBase: string) {
    this.region = h('div', { class: 'status-body', 'aria-live': 'polite', 'aria-busy': 'false' });
    this.el = h('section', { class: 'card', 'aria-labelledby': 'status-title' });
  }

  /** Fetch the health document; the latest call wins. */
  async load(): Promise<void> {
    const seq = ++this.seq;
    this.set({ kind: 'loading' });
    try {
      const data = await fetchHealth(this.apiBase);
      if (seq === this.seq) this.set({ kind: 'ok', data });
    } catch (error) {
      if (seq === this.seq) this.set({ kind: 'error', error });
    }
  }

  /** Retry after an error, keeping keyboard focus inside the card. */
  private retry(): void {
    this.el.querySelector<HTMLElement>('h2')?.focus();
    void this.load();
  }

  private set(state: State): void {
    this.state = state;
    this.renderBody();
  }

  /** Render everything in the current language (called on language change). */
  render(): void {
    this.el.replaceChildren(h('h2', { id: 'status-title', tabindex: '-1' }, t('status.title')), this.region);
    this.renderBody();
  }

  private renderBody(): void {
    const s = this.state;
    this.region.setAttribute('aria-busy', String(s.kind === 'loading'));
    if (s.kind === 'loading') {
      this.region.replaceChildren(h('p', { class: 'muted' }, t('status.loading')));
    } else if (s.kind === 'error') {
      this.region.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, errorText(s.error)),
        h('button', { type: 'button', class: 'btn', onclick: () => this.retry() }, t('action.retry')),
      );
    } else {
      this.region.replaceChildren(...healthView(s.data));
    }
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.invalid');
  const f = error.failure;
  switch (f.kind) {
    case 'network':
      return t('error.network');
    case 'invalid':
      return t('error.invalid');
    case 'http':
      return f.message ?? t('error.http', { status: f.status });
  }
}

function healthView(data: PlatformHealth): Node[] {
  const ok = data.status === 'ok';
  const names = Object.keys(data.functions);
  const summary = h(
    'p',
    { class: ok ? 'ok' : 'error' },
    ok ? t('status.ok') : t('status.degraded', { status: data.status }),
  );
  const platform = h(
    'p',
    { class: 'muted' },
    t('status.platform', { version: data.build.version, commit: data.build.commit.slice(0, 12) }),
  );
  if (names.length === 0) return [summary, platform, h('p', {}, t('status.noFunctions'))];
  const rows = names.map((name) =>
    h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, data.functions[name]?.version ?? '—')),
  );
  const table = h(
    'table',
    {},
    h('caption', {}, t('status.caption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('status.colFunction')), h('th', { scope: 'col' }, t('status.colVersion')))),
    h('tbody', {}, ...rows),
  );
  return [summary, platform, h('div', { class: 'table-wrap' }, table)];
}
