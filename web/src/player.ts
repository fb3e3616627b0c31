// The HLS player, loaded only on video and audio pages (its own chunk):
// hls.js with the Authorization header on playlist requests (they go
// through the API), a low first rendition on slow or data-saving links, the
// rendition capped to the player's size, and resume at a position.

import Hls from 'hls.js/light';

interface NetworkInformation {
  effectiveType?: string;
  saveData?: boolean;
}

export interface PlayerOptions {
  /** Absolute or root-relative URL of the master playlist (through the API). */
  src: string;
  /** Where to start, in seconds. */
  startPosition: number;
  /** The current access token (read for every playlist request). */
  token: () => string;
  /** Requests to URLs under this prefix carry the token (the API); segment links are signed and get none. */
  apiPrefix: string;
  onFatal: () => void;
}

export interface Player {
  destroy(): void;
}

/** How slow the link looks: 2 = very slow or data saver, 1 = slow, 0 = fine or unknown. */
export function linkSlowness(): 0 | 1 | 2 {
  const c = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  if (!c) return 0;
  if (c.saveData || c.effectiveType === 'slow-2g' || c.effectiveType === '2g') return 2;
  if (c.effectiveType === '3g') return 1;
  return 0;
}

export function supported(): boolean {
  return Hls.isSupported();
}

export function attach(media: HTMLMediaElement, o: PlayerOptions): Player {
  const apiPrefix = new URL(o.apiPrefix, window.location.href).href;
  const slow = linkSlowness();
  const hls = new Hls({
    capLevelToPlayerSize: true,
    startLevel: slow > 0 ? 0 : -1,
    startPosition: o.startPosition > 0 ? o.startPosition : -1,
    // Modest buffers: government office links are often slow and shared.
    maxBufferLength: slow > 0 ? 20 : 30,
    xhrSetup: (xhr, url) => {
      if (new URL(url, window.location.href).href.startsWith(apiPrefix)) {
        xhr.setRequestHeader('Authorization', `Bearer ${o.token()}`);
      }
    },
  });
  if (slow === 2) hls.autoLevelCapping = 0;
  let recovered = false;
  hls.on(Hls.Events.ERROR, (_e, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
      recovered = true;
      hls.recoverMediaError();
      return;
    }
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && !recovered) {
      recovered = true;
      hls.startLoad();
      return;
    }
    o.onFatal();
  });
  hls.loadSource(new URL(o.src, window.location.href).href);
  hls.attachMedia(media);
  return { destroy: () => hls.destroy() };
}
