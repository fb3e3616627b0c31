// The inbox (issue 10): staff answered the learner's help desk question
// (through the API, in the Go test); the learner's bell shows the unread
// count the API has, the inbox lists the reply's notification as unread,
// its link opens the question with the staff's answer, and "Tandai semua
// sudah dibaca" empties the bell. The notification preferences page saves
// a muted event; the forums page lists the help desk. Axe on the inbox,
// the preferences and the forums.
import { BASE, axe, env, expect, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const learner = { user: env('LEARNER_USERNAME'), password: env('LEARNER_PASSWORD') };
const askTitle = env('ASK_TITLE');
const staffReply = env('STAFF_REPLY');
const notificationId = env('NOTIFICATION_ID');
const unread = Number(env('UNREAD'));

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const bell = () => page.locator('header a.bell');

await run(
  'forum: the inbox',
  [
    ['the bell shows the unread notifications', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByLabel('NIK atau NIP').fill(learner.user);
      await page.getByLabel('Kata sandi', { exact: true }).fill(learner.password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Angkatan saya').waitFor();
      await page.getByRole('link', { name: `Kotak masuk: ${unread} belum dibaca` }).waitFor();
    }],
    ['the inbox lists the reply as unread and its link opens the question', async () => {
      await bell().click();
      await heading('Kotak masuk').waitFor();
      await page.getByText(`${unread} belum dibaca`, { exact: true }).waitFor();
      const item = page.locator(`[data-notification="${notificationId}"]`);
      await item.waitFor();
      expect((await item.getAttribute('class')).includes('notification-unread'), 'the reply is unread');
      expect((await item.textContent()).includes('Balasan di forum'), 'the event is named');
      await shot(page, 'inbox');
      await axe(page, 'inbox');
      await item.getByRole('heading').getByRole('link').click();
      await heading(askTitle).waitFor();
      await page.locator('.post', { hasText: staffReply }).waitFor();
    }],
    ['opened, it is read; "Tandai semua sudah dibaca" empties the bell', async () => {
      await bell().click();
      await heading('Kotak masuk').waitFor();
      const item = page.locator(`[data-notification="${notificationId}"]`);
      await item.waitFor();
      expect(!(await item.getAttribute('class')).includes('notification-unread'), 'the opened notification is read');
      if (unread > 1) await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
      await page.getByText('Semua sudah dibaca', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Kotak masuk', exact: true }).waitFor();
    }],
    ['the learner mutes an event in the notification preferences', async () => {
      await page.getByRole('link', { name: 'Pengaturan pemberitahuan' }).click();
      await heading('Pengaturan pemberitahuan').waitFor();
      await page.getByText('Kotak masuk di aplikasi selalu aktif.').waitFor();
      await page.getByRole('group', { name: 'Bisukan pemberitahuan' }).getByLabel('Pengingat evaluasi').check();
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Pengaturan pemberitahuan tersimpan.').waitFor();
      await shot(page, 'notification-preferences');
      await axe(page, 'notification-preferences');
    }],
    ['the forums page lists the help desk', async () => {
      await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Forum' }).click();
      await heading('Forum').waitFor();
      await page.locator('[data-forum="helpdesk"]').getByRole('link').waitFor();
      await shot(page, 'forums');
      await axe(page, 'forums');
    }],
  ],
  { page: () => page, close: browser.close },
);
