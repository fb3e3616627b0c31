// The staff's forum pages (one lazy chunk): the FAQ editor with the
// automatic-reply settings, the help desk queue with the reports and the
// statistics, and the tenant's WhatsApp and email settings.
export { FaqPage } from './faq';
export { HelpdeskQueuePage } from './helpdesk-queue';
export { NotificationSettingsPage } from './notification-settings';
