// A participant's first session: sign in (new-password step), my batches,
// the batch, the course, the video (HLS), the PDF, the text page, 100 %,
// my JP; the same pages at 360 px; the language switch; sign out.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const courseId = env('COURSE_ID');
const batchId = env('BATCH_ID');
const items = { video: env('VIDEO_ITEM'), pdf: env('PDF_ITEM'), text: env('TEXT_ITEM') };
const itemURL = (id) => `${BASE}/${tenant}/kursus/${courseId}/materi/${id}`;

const browser = await launch();
const page = await browser.context.newPage();
const mediaRequests = [];
page.on('request', (r) => {
  if (r.url().includes('/media/')) mediaRequests.push({ url: r.url(), auth: r.headers().authorization ?? '' });
});
const progressReports = [];
page.on('response', async (r) => {
  if (r.request().method() === 'PUT' && r.url().endsWith('/progress')) {
    const answer = await r.json().catch(() => ({}));
    progressReports.push({ status: r.status(), item: answer.item ?? {} });
  }
});

const heading = (name) => page.getByRole('heading', { level: 1, name });

await run(
  'learner journey',
  [
    ['the catalog lists the tenant and leads to its sign-in page', async () => {
      await page.goto(BASE + '/');
      await page.getByRole('link', { name: /Masuk ke Balai Diklat Tambang Bawah Tanah/ }).click();
      await heading('Masuk').waitFor();
      expect(page.url().endsWith(`/${tenant}/masuk`), `login URL ${page.url()}`);
      // The tenant's branding: its short name in the header, its colours applied.
      await page.locator('.brand-name', { hasText: 'BDTBT' }).waitFor();
      const primary = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim());
      expect(primary.toLowerCase() === '#f2b705', `primary colour ${primary}`);
      await shot(page, 'login');
      await axe(page, 'login');
    }],
    ['the participant signs in and lands on my batches', async () => {
      await page.getByLabel('NIK atau NIP').fill(env('LEARNER_NIK'));
      // A participant who registered chose a password; one an admin created
      // has a temporary one and sets their own first.
      if (!process.env.LEARNER_TEMP_PASSWORD) {
        await page.getByLabel('Kata sandi', { exact: true }).fill(env('LEARNER_PASSWORD'));
        await page.getByRole('button', { name: 'Masuk' }).click();
        await heading('Angkatan saya').waitFor();
        expect(new URL(page.url()).pathname === `/${tenant}`, `home URL ${page.url()}`);
        return;
      }
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('LEARNER_TEMP_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Buat kata sandi baru').waitFor();
      await page.getByLabel('Kata sandi baru', { exact: true }).fill('lemah');
      await page.getByRole('button', { name: 'Simpan dan masuk' }).click();
      await page.locator('#new-password-error').waitFor();
      await page.getByLabel('Kata sandi baru', { exact: true }).fill(env('LEARNER_PASSWORD'));
      await page.getByLabel('Ulangi kata sandi baru').fill(env('LEARNER_PASSWORD'));
      await shot(page, 'first-login');
      await page.getByRole('button', { name: 'Simpan dan masuk' }).click();
      await heading('Angkatan saya').waitFor();
      expect(new URL(page.url()).pathname === `/${tenant}`, `home URL ${page.url()}`);
    }],
    ['my batches shows the running batch and this year\'s JP', async () => {
      await page.getByRole('link', { name: 'Angkatan I K3 Tambang 2026' }).waitFor();
      await page.getByText('Terdaftar', { exact: true }).first().waitFor();
      await page.getByText(/JP tahun \d{4}: 0 dari 20/).waitFor();
      await shot(page, 'my-batches');
      await axe(page, 'my-batches');
    }],
    ['the batch page lists its course', async () => {
      await page.getByRole('link', { name: 'Angkatan I K3 Tambang 2026' }).click();
      await heading('Angkatan I K3 Tambang 2026').waitFor();
      await page.getByRole('definition').filter({ hasText: 'Non-klasikal (daring)' }).waitFor();
      await shot(page, 'batch');
      await page.getByRole('link', { name: 'Keselamatan Kerja Tambang Bawah Tanah' }).click();
    }],
    ['the course page shows sections, items and 0 %', async () => {
      await heading('Keselamatan Kerja Tambang Bawah Tanah').waitFor();
      await page.getByText('0 dari 3 materi wajib selesai').waitFor();
      for (const title of ['Video pengantar K3', 'Modul alat pelindung diri', 'Bahaya gas metana']) {
        await page.getByRole('link', { name: title }).waitFor();
      }
      const bar = page.getByRole('progressbar').first();
      expect((await bar.getAttribute('aria-valuenow')) === '0', 'progress 0');
      await shot(page, 'course');
      await axe(page, 'course');
    }],
    ['the video plays through hls.js with the token on playlist requests', async () => {
      await page.getByRole('link', { name: 'Mulai belajar' }).click();
      await heading('Video pengantar K3').waitFor();
      expect(page.url() === itemURL(items.video), `video URL ${page.url()}`);
      const video = page.locator('video');
      await video.waitFor();
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        return v && v.readyState >= 2;
      }, null, { timeout: 30_000 });
      await page.evaluate(() => {
        const v = document.querySelector('video');
        v.muted = true;
        return v.play();
      });
      await page.waitForFunction(() => document.querySelector('video').currentTime > 1.5, null, { timeout: 30_000 });
      const t1 = await video.evaluate((v) => v.currentTime);
      await page.waitForTimeout(700);
      const t2 = await video.evaluate((v) => v.currentTime);
      expect(t2 > t1, `currentTime advances (${t1} -> ${t2})`);
      const playlists = mediaRequests.filter((r) => r.url.includes('.m3u8'));
      expect(playlists.length >= 2, `master and variant playlists requested: ${JSON.stringify(playlists)}`);
      expect(playlists.every((r) => r.auth.startsWith('Bearer ')), 'every playlist request carries the token');
      await shot(page, 'video');
    }],
    ['pausing reports the position; the end completes the video', async () => {
      await page.evaluate(() => document.querySelector('video').pause());
      await page.waitForFunction(() => true);
      await page.waitForTimeout(300);
      const paused = progressReports.find((r) => r.item.positionSeconds >= 1);
      expect(paused && paused.status === 200, `a progress report with the position on pause: ${JSON.stringify(progressReports)}`);
      await page.evaluate(() => {
        const v = document.querySelector('video');
        v.currentTime = Math.max(0, v.duration - 1);
        return v.play();
      });
      await page.getByText('Materi ini sudah selesai.').waitFor({ timeout: 30_000 });
      expect(progressReports.some((r) => r.item.completed && r.status === 200), 'a completed report');
      await axe(page, 'video');
    }],
    ['the PDF opens in the viewer and as a signed link', async () => {
      await page.getByRole('link', { name: 'Berikutnya: Modul alat pelindung diri' }).click();
      await heading('Modul alat pelindung diri').waitFor();
      const frame = page.locator('iframe.pdf-frame');
      await frame.waitFor();
      const src = await frame.getAttribute('src');
      const res = await page.request.get(src);
      expect(res.status() === 200, `PDF link status ${res.status()}`);
      expect((await res.body()).subarray(0, 5).toString() === '%PDF-', 'the link is a PDF');
      const open = page.getByRole('link', { name: 'Buka PDF di tab baru' });
      expect((await open.getAttribute('target')) === '_blank', 'opens in a new tab');
      await page.getByText('Materi ini sudah selesai.').waitFor();
      await shot(page, 'pdf');
      await axe(page, 'pdf');
    }],
    ['the text page renders the server HTML and is marked done', async () => {
      await page.getByRole('link', { name: 'Berikutnya: Bahaya gas metana' }).click();
      await heading('Bahaya gas metana').waitFor();
      await page.locator('article.prose h2', { hasText: 'Gas metana' }).waitFor();
      await page.locator('article.prose strong', { hasText: 'mudah meledak' }).waitFor();
      await page.getByRole('button', { name: 'Tandai selesai' }).click();
      await page.getByText('Materi ini sudah selesai.').waitFor();
      await shot(page, 'text');
    }],
    ['the course reaches 100 %', async () => {
      await page.getByRole('link', { name: 'Kembali ke Keselamatan Kerja Tambang Bawah Tanah' }).first().click();
      await heading('Keselamatan Kerja Tambang Bawah Tanah').waitFor();
      await page.getByText('3 dari 3 materi wajib selesai').waitFor();
      const bar = page.getByRole('progressbar').first();
      expect((await bar.getAttribute('aria-valuenow')) === '100', 'progress 100');
      await page.getByText('Selamat! Anda telah menyelesaikan').waitFor();
      await shot(page, 'course-done');
    }],
    ['the batch page asks for the evaluation, which is sent once', async () => {
      await page.goto(`${BASE}/${tenant}/angkatan/${batchId}`);
      await heading('Angkatan I K3 Tambang 2026').waitFor();
      const form = page.locator('section.evaluation');
      await form.getByRole('heading', { level: 2, name: 'Evaluasi pelatihan' }).waitFor();
      const question = (n) => form.locator('fieldset, .field').filter({ hasText: new RegExp(`^${n}\\. `) }).first();
      // A required question left out is pointed at.
      await form.getByRole('button', { name: 'Kirim evaluasi' }).click();
      await form.getByText('Masih ada pertanyaan wajib yang belum dijawab.').waitFor();
      await question(1).getByText('Pertanyaan ini wajib dijawab.').waitFor();
      await shot(page, 'evaluation-form');
      await axe(page, 'evaluation-form');
      await question(1).getByLabel('5 – Sangat baik').check();
      await question(2).getByLabel('4 – Baik').check();
      await question(3).getByLabel('Non-klasikal (daring)').check();
      await question(4).getByRole('textbox').fill('Video diberi teks terjemahan.');
      await question(5).getByLabel('4 – Baik').check();
      await form.getByRole('button', { name: 'Kirim evaluasi' }).click();
      await form.getByText('Terima kasih, evaluasi Anda sudah terkirim.').waitFor();
      await page.reload();
      await page.locator('section.evaluation').getByText('Terima kasih, evaluasi Anda sudah terkirim.').waitFor();
    }],
    ['my JP counts the completed batch', async () => {
      await page.getByRole('link', { name: 'JP saya' }).click();
      await heading('JP saya').waitFor();
      await page.getByText('4 dari 20 JP').first().waitFor();
      await page.getByRole('rowheader', { name: 'Angkatan I K3 Tambang 2026' }).waitFor();
      await shot(page, 'jp');
      await axe(page, 'jp');
    }],
    ['search finds the text page by its root word', async () => {
      await page.getByRole('link', { name: 'Cari' }).click();
      await heading('Cari materi').waitFor();
      await page.getByLabel('Kata kunci').fill('ledakan metana');
      // Indexing is asynchronous (S3 event -> index function): search again
      // until the text page is in the index.
      const found = page.locator('.result').getByRole('link', { name: 'Bahaya gas metana' });
      for (let i = 0; ; i++) {
        await page.getByRole('button', { name: 'Cari' }).click();
        await page.getByRole('status').filter({ hasText: /hasil untuk/ }).waitFor();
        if (await found.isVisible()) break;
        expect(i < 30, 'the text page never appeared in the search results');
        await page.waitForTimeout(1000);
      }
      expect((await page.locator('.result mark').count()) > 0, 'the matched words are highlighted');
      await shot(page, 'search');
    }],
    ['the same pages at 360 px: no sideways scrolling', async () => {
      await page.setViewportSize(MOBILE);
      const pages = [
        ['360-my-batches', `${BASE}/${tenant}`, 'Angkatan saya'],
        ['360-batch', `${BASE}/${tenant}/angkatan/${batchId}`, 'Angkatan I K3 Tambang 2026'],
        ['360-course', `${BASE}/${tenant}/kursus/${courseId}`, 'Keselamatan Kerja Tambang Bawah Tanah'],
        ['360-video', itemURL(items.video), 'Video pengantar K3'],
        ['360-pdf', itemURL(items.pdf), 'Modul alat pelindung diri'],
        ['360-text', itemURL(items.text), 'Bahaya gas metana'],
        ['360-jp', `${BASE}/${tenant}/jp`, 'JP saya'],
      ];
      for (const [name, url, title] of pages) {
        await page.goto(url);
        await heading(title).waitFor();
        if (name === '360-video') await page.waitForFunction(() => document.querySelector('video')?.readyState >= 1, null, { timeout: 30_000 });
        await expectNoOverflow(page, name);
        await shot(page, name);
      }
      await axe(page, '360-jp');
      await page.setViewportSize(DESKTOP);
    }],
    ['the language switch turns the interface to English and back', async () => {
      await page.goto(`${BASE}/${tenant}`);
      await heading('Angkatan saya').waitFor();
      await page.getByRole('button', { name: /Ganti bahasa ke English/ }).click();
      await heading('My batches').waitFor();
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5_000 }).catch(() => {});
      expect((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang en');
      await page.getByRole('button', { name: /Switch language to Bahasa Indonesia/ }).click();
      await heading('Angkatan saya').waitFor();
    }],
    ['sign out ends the session', async () => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
      const stored = await page.evaluate(() => localStorage.getItem('lms.session'));
      expect(stored === null, 'no session kept');
      await page.goto(`${BASE}/${tenant}/jp`);
      await heading('Masuk').waitFor();
      expect(page.url().includes('next=%2F'), `back to sign-in with next: ${page.url()}`);
    }],
  ],
  { page: () => page, close: browser.close },
);
