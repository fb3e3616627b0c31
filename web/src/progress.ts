// Progress reporting (PUT .../items/{itemId}/progress). The API keeps the
// time per device as a running maximum, so this device keeps its own
// running total per item in localStorage and always sends the total;
// repeated or late reports are harmless. Reports go out periodically while
// the learner studies, on pause/end/completion, and when the page is hidden.

import { api, call, getApiBase, type Schemas } from './api/client';
import { getLang } from './i18n';
import { getSession } from './session';

export type ProgressAnswer = { item: Schemas['ItemProgress']; learning: Schemas['Learning'] };

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

let memoryDevice = '';

/** A stable id of this browser (1-64 characters). */
export function deviceId(): string {
  const s = storage();
  let id = s?.getItem('lms.device') ?? memoryDevice;
  if (!id) {
    id = 'web-' + (crypto.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36));
    s?.setItem('lms.device', id);
    memoryDevice = id;
  }
  return id;
}

const PERIOD = 30_000;

export class ProgressTracker {
  private seconds: number;
  private key: string;
  private position = 0;
  private completed = false;
  private active = false;
  private lastTick = 0;
  private timer: number | undefined;
  private sentSeconds = -1;
  private sentPosition = -1;
  private pending: Promise<ProgressAnswer | null> | null = null;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') {
      this.tick();
      this.beacon();
    }
    this.updateActive();
  };
  private wantActive = false;

  constructor(
    private readonly tenantId: string,
    private readonly courseId: string,
    private readonly itemId: string,
    private readonly onAnswer: (a: ProgressAnswer) => void,
    private readonly onFailure: (failed: boolean) => void,
  ) {
    this.key = `lms.t.${tenantId}.${itemId}`;
    this.seconds = Number(storage()?.getItem(this.key) ?? '0') || 0;
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
    this.timer = window.setInterval(() => {
      this.tick();
      if (this.changed()) void this.send();
    }, PERIOD);
  }

  /** Count time while the learner studies (the page visible; for media, while playing). */
  setActive(on: boolean): void {
    this.wantActive = on;
    this.updateActive();
  }

  private updateActive(): void {
    const on = this.wantActive && document.visibilityState === 'visible';
    if (on === this.active) return;
    this.tick();
    this.active = on;
    this.lastTick = Date.now();
  }

  private tick(): void {
    const now = Date.now();
    if (this.active) {
      this.seconds += Math.min((now - this.lastTick) / 1000, PERIOD / 1000 + 5);
      storage()?.setItem(this.key, String(Math.floor(this.seconds)));
    }
    this.lastTick = now;
  }

  setPosition(seconds: number): void {
    this.position = Math.max(0, Math.min(86400, Math.floor(seconds)));
  }

  private changed(): boolean {
    return Math.floor(this.seconds) !== this.sentSeconds || this.position !== this.sentPosition;
  }

  private body(): Schemas['ProgressReport'] {
    return {
      deviceId: deviceId(),
      sessionSeconds: Math.min(604800, Math.floor(this.seconds)),
      positionSeconds: this.position,
      completed: this.completed,
      at: new Date().toISOString(),
    };
  }

  /** Report now (pause, end, completion); completed never goes back to false. */
  async send(opts: { completed?: boolean } = {}): Promise<ProgressAnswer | null> {
    if (opts.completed) this.completed = true;
    this.tick();
    if (this.pending) await this.pending.catch(() => null);
    const body = this.body();
    this.pending = call(
      api.PUT('/tenants/{tenantId}/courses/{courseId}/items/{itemId}/progress', {
        params: { path: { tenantId: this.tenantId, courseId: this.courseId, itemId: this.itemId } },
        body,
      }),
    ).then(
      (a) => {
        this.sentSeconds = body.sessionSeconds;
        this.sentPosition = body.positionSeconds;
        this.onFailure(false);
        this.onAnswer(a);
        return a;
      },
      () => {
        this.onFailure(true);
        return null;
      },
    );
    const res = await this.pending;
    this.pending = null;
    return res;
  }

  /** A last report that survives the page closing. */
  private beacon(): void {
    const s = getSession();
    if (!s || !this.changed()) return;
    const body = this.body();
    const path = `/tenants/${encodeURIComponent(this.tenantId)}/courses/${this.courseId}/items/${this.itemId}/progress`;
    void fetch(getApiBase() + path, {
      method: 'PUT',
      keepalive: true,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.accessToken}`, 'Accept-Language': getLang() },
      body: JSON.stringify(body),
    }).then(
      () => {
        this.sentSeconds = body.sessionSeconds;
        this.sentPosition = body.positionSeconds;
      },
      () => undefined,
    );
  }

  /** Stop: a final report if anything changed. */
  close(): void {
    this.tick();
    window.clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onHide);
    if (this.changed()) void this.send();
  }
}
