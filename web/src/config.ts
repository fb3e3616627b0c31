// Runtime configuration, read from /config.json when the host provides one
// (so one build can be deployed behind any API base URL).

export interface AppConfig {
  apiBase: string;
}

const defaults: AppConfig = { apiBase: '/api' };

export async function loadConfig(): Promise<AppConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-cache' });
    if (!res.ok) return defaults;
    const body: unknown = await res.json();
    if (body && typeof body === 'object' && 'apiBase' in body) {
      const apiBase = (body as { apiBase: unknown }).apiBase;
      if (typeof apiBase === 'string' && apiBase !== '') {
        return { apiBase: apiBase.replace(/\/+$/, '') };
      }
    }
  } catch {
    // missing or invalid config: fall back to defaults
  }
  return defaults;
}
