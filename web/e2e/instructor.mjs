// An instructor builds a course: sign in (staff navigation), new course, a
// section, a video item, the upload through the page with its progress bar,
// processing to ready, the description with the server's preview, moving
// an item up, publishing; the editor at 360 px; axe scans.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const videoFile = env('VIDEO_FILE');
const courseTitle = 'Ventilasi Tambang Bawah Tanah';
const sectionTitle = 'Bab 1: Dasar ventilasi';
const videoTitle = 'Video pembuka ventilasi';

const browser = await launch();
const page = await browser.context.newPage();
page.on('dialog', (d) => void d.accept());
const heading = (name) => page.getByRole('heading', { level: 1, name });
const puts = [];
page.on('request', (r) => {
  if (r.method() === 'PUT' && !r.url().includes('/api/')) puts.push(r.url());
});

await run(
  'instructor journey',
  [
    ['the instructor signs in and gets the staff menu and course list', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByLabel('NIK atau NIP').fill(env('INSTRUCTOR_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('INSTRUCTOR_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Mata diklat').waitFor();
      const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
      await nav.getByRole('link', { name: 'Kelola mata diklat' }).waitFor();
      expect((await nav.getByRole('link', { name: 'JP saya' }).count()) === 0, 'the learner menu is shown to an instructor');
      await shot(page, 'staff-courses');
      await axe(page, 'staff-courses');
    }],
    ['a new course opens in the editor', async () => {
      await page.getByLabel('Kode').fill('E2E-VENT-1');
      await page.getByLabel('Judul', { exact: true }).fill(courseTitle);
      await page.getByLabel('JP').fill('3');
      await page.getByRole('button', { name: 'Buat' }).click();
      await heading(courseTitle).waitFor();
      expect(/\/kelola\/kursus\/[0-9A-Z]{26}$/.test(new URL(page.url()).pathname), `editor URL ${page.url()}`);
      await page.getByText('Draf', { exact: false }).first().waitFor();
    }],
    ['a section and a video item are added', async () => {
      await page.getByLabel('Judul bagian baru').fill(sectionTitle);
      await page.getByRole('button', { name: 'Tambah bagian' }).click();
      await page.getByRole('heading', { level: 3, name: sectionTitle }).waitFor();
      await page.getByLabel('Jenis').selectOption('video');
      await page.getByLabel('Judul materi').fill(videoTitle);
      await page.getByLabel('Durasi (menit)').fill('1');
      await page.getByRole('button', { name: 'Tambah materi' }).click();
      await page.locator('.editor-item strong', { hasText: videoTitle }).waitFor();
      await page.locator('.editor-item .badge', { hasText: 'Menunggu unggahan' }).waitFor();
    }],
    ['the video uploads with a progress bar that reaches 100 and becomes ready', async () => {
      await page.evaluate(() => {
        window.__progress = [];
        const record = () => {
          const bar = document.querySelector('.upload-progress [role="progressbar"]');
          if (!bar) return;
          const v = Number(bar.getAttribute('aria-valuenow'));
          if (window.__progress.at(-1) !== v) window.__progress.push(v);
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      });
      // A slow uplink (as in a regional office) so the bar has steps to show.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
      await page.getByLabel('Unggah berkas').setInputFiles(videoFile);
      await page.locator('.upload-progress [role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 60_000 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await page.locator('[data-upload-status="ready"]').waitFor({ timeout: 150_000 });
      await page.getByText('Status berkas: Siap').waitFor();
      const values = await page.evaluate(() => window.__progress);
      console.log(`     progress values: ${values.join(', ')}`);
      expect(values.length >= 2, `the bar did not move: ${values}`);
      expect(values.at(-1) === 100 && values[0] < 100, `the bar did not go up to 100: ${values}`);
      expect(values.some((v) => v > 0 && v < 100), `no step between 0 and 100: ${values}`);
      expect(values.every((v, i) => i === 0 || v >= values[i - 1]), `the bar went back: ${values}`);
      expect(puts.length === 1 && puts[0].includes('X-Amz-Signature'), `presigned PUTs: ${puts}`);
      await page.locator('.editor-item .badge', { hasText: 'Siap' }).waitFor();
      await shot(page, 'editor-video-ready');
    }],
    ['a file above 100 MB goes in parts, pauses and resumes; a processing failure shows its reason', async () => {
      await page.getByLabel('Jenis').selectOption('video');
      await page.getByLabel('Judul materi').fill('Video besar');
      await page.getByRole('button', { name: 'Tambah materi' }).click();
      const big = page.locator('.editor-item', { hasText: 'Video besar' });
      await big.locator('strong', { hasText: 'Video besar' }).waitFor();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 24 * 1024 * 1024 });
      await big.getByLabel('Unggah berkas').setInputFiles(env('BIG_FILE'));
      await big.getByRole('button', { name: 'Jeda' }).click();
      await big.getByRole('button', { name: 'Lanjutkan' }).waitFor({ timeout: 30_000 });
      const paused = Number(await big.getByRole('progressbar').getAttribute('aria-valuenow'));
      await page.waitForTimeout(1500);
      const still = Number(await big.getByRole('progressbar').getAttribute('aria-valuenow'));
      console.log(`     paused at ${paused} %, ${still} % after 1.5 s`);
      expect(paused < 100 && still === paused, `paused at ${paused}, then ${still}`);
      await big.getByRole('button', { name: 'Lanjutkan' }).click();
      await big.locator('[data-upload-status="failed"], [data-upload-status="ready"]').waitFor({ timeout: 150_000 });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      const status = await big.locator('[data-upload-status]').getAttribute('data-upload-status');
      console.log(`     big upload: ${status}: ${await big.locator('.notice').textContent().catch(() => '')}`);
      expect(status === 'failed', `a file of zeros named .mp4 was ${status}`);
      await big.getByRole('button', { name: 'Proses ulang' }).waitFor();
      await big.getByRole('button', { name: /^Ubah/ }).click();
      await big.getByRole('button', { name: 'Hapus' }).click();
      await big.waitFor({ state: 'detached' });
    }],
    ['the description is saved and previewed as the server renders it', async () => {
      await page.getByLabel('Deskripsi').fill('Pengaturan **aliran udara** di tambang.');
      await page.getByRole('button', { name: 'Simpan', exact: true }).first().click();
      await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
      await page.locator('.preview strong', { hasText: 'aliran udara' }).waitFor();
    }],
    ['a text item is added and moved above the video', async () => {
      await page.getByLabel('Jenis').selectOption('text');
      await page.getByLabel('Judul materi').fill('Bacaan ventilasi');
      await page.locator('.add-item').getByLabel('Isi bacaan').fill('Ventilasi menjaga kadar oksigen.');
      await page.getByRole('button', { name: 'Tambah materi' }).click();
      await page.locator('.editor-item strong', { hasText: 'Bacaan ventilasi' }).waitFor();
      await page.getByRole('button', { name: 'Naikkan Bacaan ventilasi' }).click();
      await page.waitForFunction(() => document.querySelector('.editor-item strong')?.textContent === 'Bacaan ventilasi');
    }],
    ['the text page is written in Markdown and previewed', async () => {
      await page.getByRole('button', { name: /^Ubah\W+Bacaan ventilasi$/ }).click();
      await page.locator('.editor-item').getByLabel('Isi bacaan').fill('## Kipas utama\n\nKipas harus **selalu menyala**.');
      await page.locator('.editor-item form').getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.locator('.editor-item .preview strong', { hasText: 'selalu menyala' }).waitFor();
    }],
    ['the course is published', async () => {
      await page.getByRole('button', { name: 'Terbitkan' }).click();
      await page.getByRole('button', { name: 'Arsipkan' }).waitFor();
      await page.getByText(/E2E-VENT-1 · Terbit/).waitFor();
      await shot(page, 'editor');
      await axe(page, 'course-editor');
    }],
    ['the editor at 360 px', async () => {
      await page.setViewportSize(MOBILE);
      await page.reload();
      await heading(courseTitle).waitFor();
      await page.getByText('Status berkas: Siap').waitFor();
      await shot(page, '360-editor');
      await expectNoOverflow(page, 'course editor');
      await axe(page, 'course-editor-360');
      await page.goto(`${BASE}/${tenant}/kelola/kursus/${new URL(page.url()).pathname.split('/').pop()}/pemantauan`);
      await heading('Pemantauan peserta').waitFor();
      await expectNoOverflow(page, 'monitoring');
      await page.setViewportSize(DESKTOP);
    }],
    ['the admin creates a batch with the course and opens it', async () => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(env('ADMIN_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('ADMIN_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Mata diklat').waitFor();
      await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kelola angkatan' }).click();
      await heading('Angkatan').waitFor();
      await page.getByLabel('Nama angkatan').fill('Angkatan I Ventilasi 2026');
      await page.getByLabel('Kode').fill('E2E-VENT-I');
      await page.getByLabel('Mata diklat').selectOption({ label: `E2E-VENT-1 – ${courseTitle}` });
      await page.getByLabel('Tanggal mulai').fill('2026-12-01');
      await page.getByLabel('Tanggal selesai').fill('2026-12-12');
      await page.getByRole('button', { name: 'Buat' }).click();
      await heading('Angkatan I Ventilasi 2026').waitFor();
      await page.getByRole('button', { name: 'Ubah status ke Pendaftaran dibuka' }).click();
      await page.getByText('E2E-VENT-I · Pendaftaran dibuka').waitFor();
      await shot(page, 'batch-admin');
      await axe(page, 'batch-admin');
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, 'batch page');
      await axe(page, 'batch-admin-360');
      await page.setViewportSize(DESKTOP);
    }],
    ['the platform operator gets the tenants page', async () => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(env('OPERATOR_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('OPERATOR_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Lembaga (operator platform)').waitFor();
      expect(new URL(page.url()).pathname === '/operator', `operator URL ${page.url()}`);
      await page.getByRole('cell', { name: tenant, exact: true }).waitFor();
      await shot(page, 'operator');
      await axe(page, 'operator');
    }],
  ],
  { page: () => page, close: browser.close },
);
