// The admin's competency pages: the HR import (a dry run first, then the
// queued import with its progress bar and per-row report), duties given in
// the roster, a new work unit, a unit training (PSPKU) with its uploaded
// participant list and per-row report, a public plan in the training calendar,
// the dashboard's CSV export and this month's report; then a visitor opens
// the public calendar from the catalogue without signing in. Axe on every
// page; screenshots at desktop and 360 px.
import { readFileSync } from 'node:fs';
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const rosterSize = Number(env('ROSTER_SIZE'));
const colleague = { nip: env('COLLEAGUE_NIP'), name: env('COLLEAGUE_NAME') };
const plan = { title: env('PLAN_TITLE'), start: env('PLAN_START'), end: env('PLAN_END') };
const year = Number(plan.start.slice(0, 4));
const monthNames = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const month = Number(plan.start.slice(5, 7));
const unitTraining = env('UNIT_TRAINING');

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const nav = () => page.getByRole('navigation', { name: 'Navigasi utama' });
const hub = async () => {
  await nav().getByRole('link', { name: 'Kompetensi' }).click();
  await heading('Pengembangan kompetensi').waitFor();
};

await run(
  'competency: admin pages and the public calendar',
  [
    ['the admin opens competency development', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByLabel('NIK atau NIP').fill(env('ADMIN_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('ADMIN_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Mata diklat').waitFor();
      await hub();
      // Not an employee, yet every admin tile is there.
      await page.getByText(/Anda tidak tercatat sebagai pegawai/).waitFor();
      for (const name of [/^Antrean verifikasi/, /^Dasbor pimpinan/, /^Kalender pelatihan/, /^Pegawai dan impor/, /^Unit kerja/, /^Ajukan pelatihan unit kerja/]) {
        await page.getByRole('link', { name }).waitFor();
      }
      await axe(page, 'competency-hub');
    }],
    ['the roster lists the imported employees with their duties', async () => {
      await page.getByRole('link', { name: /^Pegawai dan impor/ }).click();
      await heading('Pegawai').waitFor();
      const list = page.locator('.emp-list');
      await list.waitFor();
      expect((await list.locator('[data-employee]').count()) >= rosterSize, 'every imported employee is listed');
      await list.locator('.badge', { hasText: 'Verifikator' }).waitFor();
      await list.locator('.badge', { hasText: 'Pimpinan' }).waitFor();
    }],
    ['a dry run of the HR file reports every row and saves nothing', async () => {
      await page.getByLabel('Berkas data kepegawaian').setInputFiles(env('HR_FILE'));
      await page.getByRole('button', { name: 'Periksa dulu (tanpa menyimpan)' }).click();
      const report = page.locator('.import-report');
      await report.waitFor();
      const summary = (await report.locator('.notice').textContent()).trim();
      console.log(`     ${summary}`);
      expect(summary.startsWith('Pemeriksaan saja'), `dry-run note: ${summary}`);
      expect(summary.includes(`${rosterSize + 1} baris dibaca. 0 pegawai baru, 0 diperbarui, ${rosterSize} tetap, 1 baris gagal.`), `dry-run summary: ${summary}`);
      const rows = await report.getByRole('table', { name: /Masalah per baris/ }).locator('tbody tr').allTextContents();
      expect(rows.length === 1 && rows[0].startsWith(String(rosterSize + 2)) && rows[0].includes('NIP'), `problem rows: ${rows}`);
    }],
    ['the import runs as a job with a progress bar, then shows its report', async () => {
      const seen = [];
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      const job = page.locator('.hr-job');
      await job.waitFor();
      for (;;) {
        const v = await job.getByRole('progressbar').getAttribute('aria-valuenow').catch(() => null);
        if (v !== null && seen[seen.length - 1] !== Number(v)) seen.push(Number(v));
        if ((await job.getAttribute('data-job-status')) === 'done') break;
        await page.waitForTimeout(100);
      }
      const final = Number(await job.getByRole('progressbar').getAttribute('aria-valuenow'));
      console.log(`     progress values seen: ${seen.join(', ')}; final ${final}`);
      expect(final === 100, `the bar ends at 100, not ${final}`);
      await job.getByText(`Selesai: ${rosterSize} dari ${rosterSize} baris diproses.`).waitFor();
      const summary = (await page.locator('.import-report .notice').textContent()).trim();
      expect(!summary.includes('Pemeriksaan saja') && summary.includes(`0 pegawai baru, 0 diperbarui, ${rosterSize} tetap, 1 baris gagal.`), `import summary: ${summary}`);
      await shot(page, 'admin-hr-import');
      await axe(page, 'employees');
    }],
    ['the admin makes a colleague their unit\'s coordinator', async () => {
      const item = page.locator(`[data-employee="${colleague.nip}"]`);
      // The name is "Atur tugas" and the visually hidden ": <name>" (computed with a space before the colon).
      await item.getByRole('button', { name: new RegExp(`^Atur tugas\\s*: ${colleague.name}$`) }).click();
      await item.getByLabel(/^Koordinator unit/).check();
      await item.getByRole('button', { name: 'Simpan' }).click();
      await item.getByText(`Tugas ${colleague.name} tersimpan.`).waitFor();
      await item.locator('.badge', { hasText: 'Koordinator unit' }).waitFor();
      await shot(page, 'admin-duties');
    }],
    ['a new work unit', async () => {
      await hub();
      await page.getByRole('link', { name: /^Unit kerja/ }).click();
      await heading('Unit kerja').waitFor();
      await page.locator('[data-unit="BAGIAN-UMUM"]').waitFor();
      await page.getByLabel('Kode unit').fill('bag-keu');
      await page.getByLabel('Nama unit', { exact: true }).fill('Bagian Keuangan');
      await page.getByRole('button', { name: 'Tambah unit' }).click();
      await page.getByText('Unit Bagian Keuangan (BAG-KEU) ditambahkan.').waitFor();
      await page.locator('[data-unit="BAG-KEU"]').waitFor();
      await axe(page, 'units');
    }],
    ['the admin files a unit training (PSPKU) with its participant list', async () => {
      await hub();
      await page.getByRole('link', { name: /^Ajukan pelatihan unit kerja/ }).click();
      await heading('Ajukan pelatihan unit kerja').waitFor();
      await page.getByLabel('Unit kerja').selectOption('BAGIAN-UMUM');
      await page.getByLabel('Nama pelatihan').fill(unitTraining);
      await page.getByLabel('Penyelenggara').fill('Bagian Umum');
      await page.getByLabel('Tanggal mulai').fill(env('CLAIM_START'));
      await page.getByLabel('Tanggal selesai').fill(env('CLAIM_END'));
      await page.getByLabel('Dalam JP').check();
      await page.getByLabel('JP', { exact: true }).fill('8');
      await page.getByLabel('Rumpun kompetensi').selectOption('teknis');
      await page.getByLabel('Bentuk pelatihan').selectOption('klasikal');
      for (const [kind, label, path] of [['assignment_letter', 'Surat tugas', env('DOC_LETTER')], ['curriculum', 'Kurikulum atau jadwal', env('DOC_CURRICULUM')]]) {
        await page.getByLabel(`Pilih berkas ${label}`, { exact: true }).setInputFiles(path);
        await page.locator(`[data-doc="${kind}"] .doc-ready`).waitFor({ timeout: 60_000 });
      }
      await page.getByRole('button', { name: 'Simpan, lalu unggah daftar peserta' }).click();
      await heading(unitTraining).waitFor();
      await page.getByText('Pengajuan tersimpan sebagai draf.').waitFor();
      await page.getByLabel('Unggah daftar peserta (CSV atau XLSX)').setInputFiles(env('PARTICIPANTS_FILE'));
      const report = page.locator('.import-report');
      await report.waitFor();
      const summary = (await report.locator('.notice').textContent()).trim();
      console.log(`     ${summary}`);
      expect(summary.endsWith('3 baris dibaca, 2 peserta diterima, 1 baris gagal.'), `participant list summary: ${summary}`);
      const rows = await report.getByRole('table', { name: /Masalah per baris/ }).locator('tbody tr').allTextContents();
      expect(rows.length === 1 && rows[0].startsWith('4'), `participant problems: ${rows}`);
      await page.getByRole('heading', { level: 2, name: 'Daftar peserta (2)' }).waitFor();
      await shot(page, 'unit-training-participants');
      await axe(page, 'unit-training');
      await page.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
      await page.getByText('Pengajuan terkirim dan menunggu verifikasi.').waitFor();
      await page.locator('.badge', { hasText: 'Menunggu verifikasi' }).first().waitFor();
    }],
    ['the admin plans a public training in the calendar', async () => {
      await hub();
      await page.getByRole('link', { name: /^Kalender pelatihan/ }).click();
      await heading(`Kalender pelatihan ${year}`).waitFor();
      await page.getByRole('button', { name: 'Rencana pelatihan baru' }).click();
      const form = page.locator('form.plan-form');
      await form.getByLabel('Nama pelatihan').fill(plan.title);
      await form.getByLabel('Keterangan').fill('Untuk pejabat pengawas yang baru dilantik.');
      await form.getByLabel('Tanggal mulai').fill(plan.start);
      await form.getByLabel('Tanggal selesai').fill(plan.end);
      await form.getByLabel('JP', { exact: true }).fill('40');
      await form.getByLabel('Kuota').fill('30');
      await form.getByLabel('Bentuk pelatihan').selectOption('blended');
      await form.getByLabel(/^Tampilkan di kalender publik/).check();
      await form.getByLabel('Bagian Umum', { exact: true }).check();
      await form.getByRole('button', { name: 'Tambahkan ke kalender' }).click();
      await page.getByText(`"${plan.title}" ditambahkan ke kalender.`).waitFor();
      const item = page.locator('.plan', { hasText: plan.title });
      await item.waitFor();
      const text = await item.textContent();
      expect(text.includes('40 JP') && text.includes('30 orang') && text.includes('Publik') && text.includes('Bagian Umum'), `plan: ${text}`);
      await page.getByRole('heading', { level: 2, name: `${monthNames[month - 1]} ${year}` }).waitFor();
      await page.locator('.cal-month.has-plans').getByText(`${monthNames[month - 1]}: 1 pelatihan`).waitFor({ state: 'attached' });
      await shot(page, 'calendar');
      await axe(page, 'calendar');
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, 'calendar at 360 px');
      await shot(page, '360-calendar');
      await page.setViewportSize(DESKTOP);
    }],
    ['the dashboard exports a table as CSV and makes this month\'s report', async () => {
      await hub();
      await page.getByRole('link', { name: /^Dasbor pimpinan/ }).click();
      await heading(`Dasbor pimpinan ${year}`).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="unit"]').click()]);
      const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      expect(download.suggestedFilename().endsWith('-unit.csv') && csv.startsWith('Kode unit'), `CSV ${download.suggestedFilename()}: ${csv.slice(0, 40)}`);
      expect(csv.includes('BAGIAN-UMUM'), 'the unit table has the unit');
      await page.getByRole('button', { name: 'Buat laporan bulan ini' }).click();
      await page.getByText(`Laporan ${monthNames[month - 1]} ${year} sudah dibuat.`).waitFor();
      const row = page.locator(`tr[data-period="${plan.start.slice(0, 7)}"]`);
      await row.waitFor();
      expect((await row.textContent()).includes('oleh admin'), 'the report row says it was made by an admin');
      await shot(page, 'dashboard-reports');
      await axe(page, 'dashboard-admin');
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
    }],
    ['a visitor opens the public calendar from the catalogue', async () => {
      await page.setViewportSize(MOBILE);
      await page.goto(`${BASE}/`);
      await page.getByRole('link', { name: `Kalender pelatihan ${env('TENANT_NAME')}` }).click();
      await heading(`Kalender pelatihan BDTBT ${year}`).waitFor();
      const item = page.locator('.plan', { hasText: plan.title });
      await item.waitFor();
      expect(!(await item.textContent()).includes('Publik'), 'no visibility badge in the public view');
      expect((await page.getByRole('button', { name: 'Ubah' }).count()) === 0, 'no editing in the public view');
      await expectNoOverflow(page, 'public calendar at 360 px');
      await shot(page, '360-public-calendar');
      await axe(page, 'public-calendar');
    }],
  ],
  { page: () => page, close: browser.close },
);
