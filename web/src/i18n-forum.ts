// Messages of the forum pages that the learner entry needs: the menu
// links, the bell in the header, the help desk link in the footer and the
// batch page's forum link. i18n.ts spreads both catalogues into its own;
// the pages' other messages are in their lazy chunk (pages/forum-i18n.ts).

export const forumId = {
  'nav.forum': 'Forum',
  'nav.helpdeskStaff': 'Meja bantuan',
  'nav.helpdesk': 'Pusat bantuan',
  'bell.label': 'Kotak masuk',
  'bell.unread': 'Kotak masuk: {n} belum dibaca',
  'batch.forum': 'Forum angkatan',
  'batch.forumHint': 'Tanya jawab dan pengumuman angkatan ini.',
} as const;

export const forumEn: Record<keyof typeof forumId, string> = {
  'nav.forum': 'Forums',
  'nav.helpdeskStaff': 'Help desk',
  'nav.helpdesk': 'Help desk',
  'bell.label': 'Inbox',
  'bell.unread': 'Inbox: {n} unread',
  'batch.forum': 'Batch forum',
  'batch.forumHint': 'Questions, answers and announcements of this batch.',
};
