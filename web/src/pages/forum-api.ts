// Calls and types of the forum function (shared/forumapi and
// shared/inboxapi): forums and their threads and posts, the public help
// desk, the FAQ with its automatic replies, the staff queue, reports and
// statistics, the inbox and notification preferences (issue 10 contract).
// The calls go through apiFetch, so every request gets the language, the
// token with its refresh, and retries of idempotent requests on network
// errors like the rest of the app. The types are the generated schema's
// (docs/openapi.yaml).

import { ApiError, apiFetch, getApiBase, toApiError, type Schemas } from '../api/client';

export type Author = Schemas['ForumPerson'];
export type Attachment = Schemas['ForumAttachment'];
export type Thread = Schemas['ForumThread'];
export type ThreadStatus = Thread['status'];
export type Post = Schemas['ForumPost'];
export type Forum = Schemas['ForumList']['items'][number];
export type ThreadView = Schemas['ForumThreadDetail'];
export type FaqEntry = Schemas['FaqEntry'];
export type FaqSettings = Schemas['FaqSettings'];
export type Report = Schemas['ForumReportPage']['items'][number];
export type HelpdeskStats = Schemas['HelpdeskStats'];
export type NotificationEvent = Schemas['NotificationEvent'];
export type Notification = Schemas['Notification'];
export type NotificationPage = Schemas['NotificationPage'];
export type NotificationPrefs = Schemas['NotificationPreferences'];
export type NotificationPrefsInput = Schemas['NotificationPreferencesInput'];
/** GET .../notification-settings (the access token is never returned). */
export type TenantNotificationSettings = Schemas['NotificationSettings'];
/** PUT .../notification-settings: an absent accessToken keeps the stored one. */
export type TenantNotificationSettingsInput = Schemas['NotificationSettingsInput'];

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type Sort = 'newest' | 'activity';

export const HELPDESK = 'helpdesk';

/** Query string from the defined, non-empty values. */
export function query(q: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

/** Call the API: JSON in and out, the error shape as an ApiError. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await apiFetch(new Request(getApiBase() + path, init));
  } catch {
    throw new ApiError('network', 0, '', '');
  }
  const data: unknown = res.status === 204 || res.status === 202 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res.status, data);
  return data as T;
}

// ------------------------------------------------------------- forums

const tenantBase = (tenantId: string) => `/tenants/${enc(tenantId)}`;
const forumBase = (tenantId: string, forumId: string) => `${tenantBase(tenantId)}/forums/${enc(forumId)}`;
const threadBase = (tenantId: string, forumId: string, threadId: string) =>
  `${forumBase(tenantId, forumId)}/threads/${enc(threadId)}`;

export const listForums = (tenantId: string) => request<{ items: Forum[] }>('GET', `${tenantBase(tenantId)}/forums`);

/** A page of threads; signed-out callers read the help desk through its public routes. */
export function listThreads(
  tenantId: string,
  forumId: string,
  opts: { sort: Sort; cursor?: string | undefined; limit?: number; anonymous?: boolean },
): Promise<Page<Thread>> {
  const q = query({ sort: opts.sort, cursor: opts.cursor, limit: opts.limit ?? 20 });
  if (opts.anonymous && forumId === HELPDESK) return request('GET', `${tenantBase(tenantId)}/helpdesk/public/threads${q}`);
  return request('GET', `${forumBase(tenantId, forumId)}/threads${q}`);
}

export function getThread(
  tenantId: string,
  forumId: string,
  threadId: string,
  opts: { cursor?: string | undefined; anonymous?: boolean } = {},
): Promise<ThreadView> {
  const q = query({ cursor: opts.cursor, limit: 50 });
  if (opts.anonymous && forumId === HELPDESK) {
    return request('GET', `${tenantBase(tenantId)}/helpdesk/public/threads/${enc(threadId)}${q}`);
  }
  return request('GET', `${threadBase(tenantId, forumId, threadId)}${q}`);
}

export const createThread = (tenantId: string, forumId: string, body: { title: string; body: string; attachments?: string[] }) =>
  request<Thread>('POST', `${forumBase(tenantId, forumId)}/threads`, body);

/** An announcement in a batch's forum (admins and instructors): pinned, every member notified. */
export const announce = (tenantId: string, batchId: string, body: { title: string; body: string }) =>
  request<Thread>('POST', `${tenantBase(tenantId)}/batches/${enc(batchId)}/announcements`, body);

export const editThread = (tenantId: string, forumId: string, threadId: string, body: { title?: string; body?: string; version: number }) =>
  request<Thread>('PATCH', threadBase(tenantId, forumId, threadId), body);

export const deleteThread = (tenantId: string, forumId: string, threadId: string) =>
  request<void>('DELETE', threadBase(tenantId, forumId, threadId));

export const reply = (tenantId: string, forumId: string, threadId: string, body: { body: string; attachments?: string[] }) =>
  request<Post>('POST', `${threadBase(tenantId, forumId, threadId)}/posts`, body);

export const editPost = (tenantId: string, forumId: string, threadId: string, postId: string, body: { body: string; version: number }) =>
  request<Post>('PATCH', `${threadBase(tenantId, forumId, threadId)}/posts/${enc(postId)}`, body);

export const deletePost = (tenantId: string, forumId: string, threadId: string, postId: string) =>
  request<void>('DELETE', `${threadBase(tenantId, forumId, threadId)}/posts/${enc(postId)}`);

export const accept = (tenantId: string, forumId: string, threadId: string, postId: string | null) =>
  request<Thread>('POST', `${threadBase(tenantId, forumId, threadId)}/accept`, { postId });

export type ThreadFlag = 'pin' | 'lock' | 'hide';
const flagField: Record<ThreadFlag, string> = { pin: 'pinned', lock: 'locked', hide: 'hidden' };

export const moderate = (tenantId: string, forumId: string, threadId: string, flag: ThreadFlag, on: boolean) =>
  request<Thread>('POST', `${threadBase(tenantId, forumId, threadId)}/${flag}`, { [flagField[flag]]: on });

export const hidePost = (tenantId: string, forumId: string, threadId: string, postId: string, hidden: boolean) =>
  request<Post>('POST', `${threadBase(tenantId, forumId, threadId)}/posts/${enc(postId)}/hide`, { hidden });

export const reportPost = (tenantId: string, forumId: string, threadId: string, postId: string, reason: string) =>
  request<void>('POST', `${threadBase(tenantId, forumId, threadId)}/posts/${enc(postId)}/report`, { reason });

export const feedback = (tenantId: string, forumId: string, threadId: string, helpful: boolean) =>
  request<Thread>('POST', `${threadBase(tenantId, forumId, threadId)}/feedback`, { helpful });

export const listReports = (tenantId: string, cursor?: string) =>
  request<Page<Report>>('GET', `${tenantBase(tenantId)}/forums/reports${query({ cursor, limit: 20 })}`);

export const helpdeskQueue = (tenantId: string, cursor?: string) =>
  request<Page<Thread>>('GET', `${tenantBase(tenantId)}/helpdesk/queue${query({ cursor, limit: 20 })}`);

export const helpdeskStats = (tenantId: string, days: number) =>
  request<HelpdeskStats>('GET', `${tenantBase(tenantId)}/helpdesk/stats${query({ days })}`);

// ---------------------------------------------------------------- FAQ

export const listFaq = (tenantId: string, opts: { q?: string; cursor?: string | undefined } = {}) =>
  request<Page<FaqEntry>>('GET', `${tenantBase(tenantId)}/faq${query({ q: opts.q, cursor: opts.cursor, limit: 20 })}`);

export const createFaq = (tenantId: string, body: { question: string; answer: string; tags: string[] }) =>
  request<FaqEntry>('POST', `${tenantBase(tenantId)}/faq`, body);

export const editFaq = (tenantId: string, faqId: string, body: { question?: string; answer?: string; tags?: string[]; version: number }) =>
  request<FaqEntry>('PATCH', `${tenantBase(tenantId)}/faq/${enc(faqId)}`, body);

export const deleteFaq = (tenantId: string, faqId: string) => request<void>('DELETE', `${tenantBase(tenantId)}/faq/${enc(faqId)}`);

export const getFaqSettings = (tenantId: string) => request<FaqSettings>('GET', `${tenantBase(tenantId)}/faq/settings`);

export const putFaqSettings = (tenantId: string, s: FaqSettings) => request<FaqSettings>('PUT', `${tenantBase(tenantId)}/faq/settings`, s);

// -------------------------------------------------------------- inbox

export const listNotifications = (opts: { cursor?: string | undefined; unread?: boolean; limit?: number } = {}) =>
  request<NotificationPage>('GET', `/me/notifications${query({ cursor: opts.cursor, limit: opts.limit ?? 20, unread: opts.unread ? 'true' : undefined })}`);

export const markRead = (body: { ids?: string[]; all?: boolean }) =>
  request<{ unreadCount: number }>('POST', '/me/notifications/read', body);

export const getPrefs = () => request<NotificationPrefs>('GET', '/me/notification-preferences');

export const putPrefs = (body: NotificationPrefsInput) =>
  request<NotificationPrefs>('PUT', '/me/notification-preferences', body);

export const getTenantNotificationSettings = (tenantId: string) =>
  request<TenantNotificationSettings>('GET', `${tenantBase(tenantId)}/notification-settings`);

export const putTenantNotificationSettings = (tenantId: string, body: TenantNotificationSettingsInput) =>
  request<TenantNotificationSettings>('PUT', `${tenantBase(tenantId)}/notification-settings`, body);

/** Tell the bell in the header that the unread count changed. */
export function inboxChanged(unreadCount?: number): void {
  window.dispatchEvent(new CustomEvent('lms:inbox', { detail: unreadCount }));
}

/**
 * A notification's link as a path of this app (producers write app paths
 * such as "/{tenant}/angkatan/{batch}"); anything that is not a path of
 * this origin gives '' (no link).
 */
export function appLink(link: string): string {
  return link.startsWith('/') && !link.startsWith('//') ? link : '';
}
