// The help desk answering a question on its own (issue 10): a visitor
// reads the public help desk signed out; the admin adds an FAQ entry in
// the FAQ editor (automatic replies on, threshold 0.5); the learner asks
// the same question in other words, attaching two PDFs with "Lampirkan
// berkas" (a progress bar and status each, sending waits for the uploads)
// and removing one of them before sending; the question's page shows the
// remaining attachment as a link to the PDF, and the automatic reply at once,
// answers "Apakah jawaban ini membantu?" with "Ya", and the question is
// answered; signed out, the question and its answer are public. Axe on
// the public help desk, the staff's help desk, the FAQ editor, the question form and the
// question's page (also at 360 px).
import { BASE, MOBILE, DESKTOP, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const shortName = env('TENANT_SHORT');
const admin = { user: env('ADMIN_USERNAME'), password: env('ADMIN_PASSWORD') };
const learner = { user: env('LEARNER_USERNAME'), password: env('LEARNER_PASSWORD') };
const faqQuestion = env('FAQ_QUESTION');
const faqAnswer = env('FAQ_ANSWER');
const faqAnswerText = env('FAQ_ANSWER_TEXT');
const askTitle = env('ASK_TITLE');
const askBody = env('ASK_BODY');
const attachFile = env('ATTACH_FILE');
const extraFile = env('ATTACH_EXTRA');
const baseName = (path) => path.split('/').pop();

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const nav = () => page.getByRole('navigation', { name: 'Navigasi utama' });

async function signIn(who) {
  await page.goto(`${BASE}/${tenant}/masuk`);
  await page.getByLabel('NIK atau NIP').fill(who.user);
  await page.getByLabel('Kata sandi', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await nav().waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await heading('Masuk').waitFor();
}

await run(
  'forum: the help desk answers from the FAQ',
  [
    ['a visitor reads the public help desk signed out', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByRole('link', { name: 'Pusat bantuan' }).click();
      await heading(`Pusat bantuan ${shortName}`).waitFor();
      // Asking needs an account: the link goes to the sign-in page.
      const ask = page.getByRole('link', { name: 'Ajukan pertanyaan' });
      expect((await ask.getAttribute('href')).startsWith(`/${tenant}/masuk?next=`), 'ask links to the sign-in page');
      await page.getByText('Anda perlu masuk terlebih dahulu untuk mengajukan pertanyaan.').waitFor();
      await shot(page, 'helpdesk-public');
      await axe(page, 'helpdesk-public');
    }],
    ['the admin adds an FAQ entry in the FAQ editor', async () => {
      await signIn(admin);
      await nav().getByRole('link', { name: 'Meja bantuan' }).click();
      await heading('Meja bantuan').waitFor();
      await page.getByRole('heading', { name: 'Ringkasan pusat bantuan' }).waitFor();
      await page.locator('[data-stat="questions"] dd').waitFor();
      await shot(page, 'helpdesk-staff');
      await axe(page, 'helpdesk-staff');
      await page.getByRole('link', { name: 'FAQ dan jawaban otomatis' }).click();
      await heading('FAQ dan jawaban otomatis').waitFor();
      const auto = page.getByLabel('Jawab pertanyaan baru secara otomatis');
      if (!(await auto.isChecked())) await auto.check();
      await page.getByLabel('Ambang keyakinan').fill('0.5');
      await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await page.getByText('Pengaturan jawaban otomatis tersimpan.').waitFor();
      await page.getByRole('textbox', { name: 'Pertanyaan', exact: true }).fill(faqQuestion);
      await page.getByRole('textbox', { name: 'Jawaban', exact: true }).fill(faqAnswer);
      await page.getByRole('textbox', { name: 'Tag', exact: true }).fill('sertifikat, unduh');
      await page.getByRole('button', { name: 'Tambah ke FAQ' }).click();
      await page.getByText(`Entri "${faqQuestion}" ditambahkan.`).waitFor();
      const entry = page.locator('.faq-entry', { has: page.getByRole('heading', { name: faqQuestion }) });
      await entry.waitFor();
      expect((await entry.textContent()).includes(faqAnswerText), 'the entry shows its answer rendered');
      await shot(page, 'faq-editor');
      await axe(page, 'faq-editor');
      await signOut();
    }],
    ['the learner asks the question in other words', async () => {
      await signIn(learner);
      await page.getByRole('link', { name: 'Pusat bantuan' }).click();
      await heading(`Pusat bantuan ${shortName}`).waitFor();
      await page.getByRole('button', { name: 'Ajukan pertanyaan' }).click();
      await page.getByRole('textbox', { name: 'Pertanyaan', exact: true }).fill(askTitle);
      await page.getByRole('textbox', { name: 'Penjelasan' }).fill(askBody);
      await axe(page, 'helpdesk-ask');
    }],
    ['the learner attaches two PDFs, removes one, and sends the question', async () => {
      const send = page.getByRole('button', { name: 'Kirim pertanyaan' });
      await page.getByLabel('Lampirkan berkas').setInputFiles([attachFile, extraFile]);
      const item = (path) => page.locator(`[data-attachment="${baseName(path)}"]`);
      await item(attachFile).waitFor();
      await item(extraFile).waitFor();
      // While a file is still uploading or being checked, sending waits.
      const early = await page.evaluate(() => ({
        statuses: [...document.querySelectorAll('.attach-status')].map((e) => e.textContent),
        disabled: document.querySelector('form.new-thread button[type="submit"]').disabled,
      }));
      if (early.statuses.some((s) => !s.includes('Siap dilampirkan'))) {
        expect(early.disabled, `send is disabled while uploads run: ${JSON.stringify(early)}`);
      }
      for (const path of [attachFile, extraFile]) {
        await item(path).locator('.attach-status', { hasText: 'Siap dilampirkan' }).waitFor({ timeout: 60_000 });
      }
      expect(await send.isEnabled(), 'send is enabled once the files are ready');
      await shot(page, 'helpdesk-ask-attachments');
      await axe(page, 'helpdesk-ask-attachments');
      await item(extraFile).getByRole('button', { name: `Hapus ${baseName(extraFile)}` }).click();
      await item(extraFile).waitFor({ state: 'detached' });
      expect((await page.locator('.attach-item').count()) === 1, 'one attachment left after removing the other');
      await send.click();
      await heading(askTitle).waitFor();
    }],
    ['the question page shows the attachment as a link to the PDF', async () => {
      const links = page.locator('.thread-head .attachments a');
      await links.first().waitFor();
      expect((await links.count()) === 1, `one attachment link, got ${await links.count()}`);
      const name = (await links.first().textContent()).trim();
      expect(name === baseName(attachFile), `the attachment's name: ${name}`);
      const res = await page.request.get(await links.first().getAttribute('href'));
      const body = await res.body();
      expect(res.status() === 200 && body.subarray(0, 5).toString() === '%PDF-', `the attachment link answered ${res.status()} ${body.subarray(0, 8)}`);
    }],
    ['the automatic reply is there at once, with "Apakah jawaban ini membantu?"', async () => {
      await page.getByText('Pertanyaan Anda terkirim. Kami menemukan jawaban otomatis di bawah ini.').waitFor();
      const auto = page.locator('.post-auto');
      await auto.waitFor();
      const text = await auto.textContent();
      expect(text.includes('Jawaban otomatis'), `the reply is marked automatic: ${text}`);
      expect(text.includes(faqAnswerText), `the reply is the FAQ's answer: ${text}`);
      expect(text.includes(`Dari FAQ: ${faqQuestion}`), `the reply names its FAQ entry: ${text}`);
      await auto.getByText('Apakah jawaban ini membantu?').waitFor();
      await auto.getByRole('button', { name: 'Ya' }).waitFor();
      await auto.getByRole('button', { name: 'Tidak' }).waitFor();
      await shot(page, 'helpdesk-automatic-reply');
      await axe(page, 'helpdesk-thread');
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, 'question page at 360 px');
      await shot(page, '360-helpdesk-automatic-reply');
      await page.setViewportSize(DESKTOP);
    }],
    ['the learner marks it helpful and the question is answered', async () => {
      await page.locator('.post-auto').getByRole('button', { name: 'Ya' }).click();
      await page.getByText('Terima kasih! Pertanyaan Anda ditandai terjawab.').waitFor();
      await page.reload();
      await heading(askTitle).waitFor();
      await page.locator('.thread-head .badge', { hasText: 'Terjawab' }).waitFor();
      await page.getByText('Penanya menandai jawaban otomatis ini membantu.').waitFor();
      expect((await page.getByText('Apakah jawaban ini membantu?').count()) === 0, 'no second question once answered');
      await signOut();
    }],
    ['signed out, the question and its answer are public', async () => {
      await page.goto(`${BASE}/${tenant}/bantuan`);
      await heading(`Pusat bantuan ${shortName}`).waitFor();
      const item = page.locator('.thread-item', { hasText: askTitle });
      await item.locator('.badge', { hasText: 'Terjawab' }).waitFor();
      await item.getByRole('link', { name: askTitle }).click();
      await heading(askTitle).waitFor();
      expect((await page.locator('.post-auto').textContent()).includes(faqAnswerText), 'the public page shows the answer');
      expect((await page.getByRole('button', { name: 'Kirim balasan' }).count()) === 0, 'no reply box signed out');
      await page.getByRole('link', { name: 'Masuk untuk membalas atau mengajukan pertanyaan' }).waitFor();
      await axe(page, 'helpdesk-thread-public');
    }],
  ],
  { page: () => page, close: browser.close },
);
