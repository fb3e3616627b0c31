// The forum pages every signed-in member (and, for the help desk, every
// visitor) may open, in one lazy chunk: forums and their threads, a
// thread, the public help desk, the inbox and the notification
// preferences. The staff's pages are in src/staff/forum.ts.
export { ForumsPage, ForumPage } from './forum';
export { ThreadPage } from './thread';
export { HelpdeskPage } from './helpdesk';
export { InboxPage } from './inbox';
export { NotificationPrefsPage } from './notification-prefs';
