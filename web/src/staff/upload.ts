// Uploads of course files straight to storage (POST .../uploads): the file's
// SHA-256 (crypto.subtle), then one presigned PUT (up to 100 MB) or a
// multipart upload in 16 MiB parts, each a presigned PUT sent with
// XMLHttpRequest so upload.onprogress gives a real progress bar; pause stops
// sending further parts, resume continues with the next one, a failed part
// can be sent again. Then POST .../complete; the caller polls the upload.

import { api, call, type Schemas } from '../api/client';

export type Upload = Schemas['Upload'];
type Presigned = Schemas['Presigned'];

export interface UploadState {
  phase: 'hashing' | 'sending' | 'paused' | 'partFailed' | 'completing' | 'sent';
  sent: number;
  total: number;
  upload?: Upload;
  failedPart?: number | undefined;
}

/** The file's SHA-256 as lowercase hex. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Headers the browser sets itself (XMLHttpRequest refuses them).
const forbidden = new Set(['content-length', 'host']);

/** PUT body to a presigned request; resolves with the ETag header. */
function put(p: Presigned, body: Blob, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', p.url);
    for (const [k, v] of Object.entries(p.headers)) if (!forbidden.has(k.toLowerCase())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve(xhr.getResponseHeader('ETag') ?? '');
      } else reject(new Error(`HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body);
  });
}

/** One file's upload; the owner re-renders on every change(). */
export class Uploader {
  state: UploadState;
  private paused = false;
  private partSent = new Map<number, number>();
  private etags = new Map<number, string>();
  private urls = new Map<number, Presigned>();
  private running = false;

  constructor(
    private readonly tenantId: string,
    private readonly file: File,
    // purpose: a course file (material, the default) or a learner's assignment file (submission).
    private readonly target: { courseId: string; itemId: string; purpose?: Schemas['UploadPurpose'] },
    private readonly change: (s: UploadState) => void,
  ) {
    this.state = { phase: 'hashing', sent: 0, total: file.size };
  }

  private set(patch: Partial<UploadState>): void {
    this.state = { ...this.state, ...patch };
    this.change(this.state);
  }

  /** Hash, start the upload and send the bytes. Throws ApiError or Error. */
  async start(): Promise<void> {
    const sha256 = await sha256Hex(this.file);
    const started = await call(
      api.POST('/tenants/{tenantId}/uploads', {
        params: { path: { tenantId: this.tenantId } },
        body: {
          purpose: this.target.purpose ?? 'material',
          courseId: this.target.courseId,
          itemId: this.target.itemId,
          fileName: this.file.name,
          size: this.file.size,
          contentType: this.file.type || 'application/octet-stream',
          sha256,
        },
      }),
    );
    this.set({ phase: 'sending', upload: started.upload });
    if (!started.upload.multipart) {
      if (!started.put) throw new Error('no presigned PUT');
      await put(started.put, this.file, (loaded) => this.set({ sent: loaded }));
      await this.complete();
      return;
    }
    await this.sendParts();
  }

  pause(): void {
    this.paused = true;
  }

  /** Continue after pause or a failed part, from the next part not sent. */
  async resume(): Promise<void> {
    this.paused = false;
    await this.sendParts();
  }

  private async sendParts(): Promise<void> {
    const u = this.state.upload;
    if (!u || this.running) return;
    this.running = true;
    try {
      const partSize = u.partSize ?? 16777216;
      const count = u.partCount ?? Math.ceil(this.file.size / partSize);
      this.set({ phase: 'sending', failedPart: undefined });
      for (let n = 1; n <= count; n++) {
        if (this.etags.has(n)) continue;
        if (this.paused) {
          this.set({ phase: 'paused' });
          return;
        }
        let p = this.urls.get(n);
        if (!p || Date.parse(p.expiresAt) - Date.now() < 60_000) {
          const want: number[] = [];
          for (let k = n; k <= count && want.length < 100; k++) if (!this.etags.has(k)) want.push(k);
          const res = await call(
            api.POST('/tenants/{tenantId}/uploads/{uploadId}/parts', {
              params: { path: { tenantId: this.tenantId, uploadId: u.id } },
              body: { partNumbers: want },
            }),
          );
          for (const part of res.parts) this.urls.set(part.partNumber, part);
          p = this.urls.get(n);
          if (!p) throw new Error(`no URL for part ${n}`);
        }
        const body = this.file.slice((n - 1) * partSize, Math.min(n * partSize, this.file.size));
        try {
          const etag = await put(p, body, (loaded) => {
            this.partSent.set(n, loaded);
            this.set({ sent: this.sentBytes() });
          });
          this.etags.set(n, etag);
        } catch {
          this.partSent.delete(n);
          this.set({ phase: 'partFailed', failedPart: n, sent: this.sentBytes() });
          return;
        }
      }
      await this.complete();
    } finally {
      this.running = false;
    }
  }

  private sentBytes(): number {
    let s = 0;
    for (const v of this.partSent.values()) s += v;
    return s;
  }

  private async complete(): Promise<void> {
    const u = this.state.upload;
    if (!u) return;
    this.set({ phase: 'completing', sent: this.file.size });
    const parts = u.multipart ? [...this.etags].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag })) : undefined;
    const done = await call(
      api.POST('/tenants/{tenantId}/uploads/{uploadId}/complete', {
        params: { path: { tenantId: this.tenantId, uploadId: u.id } },
        body: parts ? { parts } : {},
      }),
    );
    this.set({ phase: 'sent', upload: done });
  }
}
