// The admin's pages: the registrations queue (the participant who just
// registered is approved and enrolled in the batch from there), users
// (search, a new user with the temporary password shown once, a CSV import
// with its per-row report), the institution's branding (a contrast warning
// for unreadable colours, a saved contact change), the batch's evaluation
// form, and the audit log showing those actions. The new user then signs in
// for the first time (own-password step). Axe on every page, screenshots
// at desktop and 360 px.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const learnerNik = env('LEARNER_NIK');
const learnerName = env('LEARNER_NAME');
const batchName = env('BATCH_NAME');
const batchId = env('BATCH_ID');
const importFile = env('IMPORT_FILE');
const newUser = { nik: env('NEW_USER_NIK'), name: 'Dedi Kurniawan' };

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const nav = () => page.getByRole('navigation', { name: 'Navigasi utama' });
let tempPassword = '';

await run(
  'admin pages',
  [
    ['the admin signs in and has the admin menu', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByLabel('NIK atau NIP').fill(env('ADMIN_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('ADMIN_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Mata diklat').waitFor();
      for (const name of ['Pengguna', 'Pendaftaran', 'Lembaga', 'Log audit']) await nav().getByRole('link', { name }).waitFor();
    }],
    ['the registrations queue shows the participant; the admin approves', async () => {
      await nav().getByRole('link', { name: 'Pendaftaran' }).click();
      await heading('Pendaftaran peserta').waitFor();
      const row = page.locator(`[data-registration="${learnerNik}"]`);
      await row.waitFor();
      expect((await row.textContent()).includes(learnerName), 'the participant\'s name is listed');
      expect((await row.textContent()).includes('PT Tambang Sejahtera'), 'the institution is listed');
      await shot(page, 'admin-registrations');
      await axe(page, 'admin-registrations');
      await row.getByRole('button', { name: new RegExp(`^Setujui\\W+${learnerName}$`) }).click();
      await row.getByText(`Pendaftaran ${learnerName} disetujui`).waitFor();
    }],
    ['the approved participant is enrolled in the batch from the queue', async () => {
      const row = page.locator(`[data-registration="${learnerNik}"]`);
      await row.getByLabel(`Daftarkan ${learnerName} ke angkatan`).selectOption({ label: `${batchName} (Pendaftaran dibuka)` });
      await row.getByRole('button', { name: 'Daftarkan' }).click();
      await row.getByText(`${learnerName} didaftarkan ke ${batchName}: Terdaftar.`).waitFor();
      await shot(page, 'admin-registration-enrolled');
      await axe(page, 'admin-registration-enrolled');
      await page.getByRole('link', { name: 'Disetujui' }).click();
      await page.getByRole('heading', { level: 2, name: 'Pendaftaran: Disetujui' }).waitFor();
      await page.locator(`[data-registration="${learnerNik}"]`).waitFor();
    }],
    ['users: search by NIK prefix finds the participant', async () => {
      await nav().getByRole('link', { name: 'Pengguna' }).click();
      await heading('Pengguna').waitFor();
      await page.getByLabel('Cari nama atau NIK/NIP').fill(learnerNik.slice(0, 10));
      await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
      await page.getByRole('heading', { level: 2, name: 'Hasil pencarian' }).waitFor();
      const list = page.locator('.member-list');
      await list.getByText(learnerName, { exact: true }).waitFor();
      await list.getByText('Aktif', { exact: true }).first().waitFor();
      await shot(page, 'admin-users');
      await axe(page, 'admin-users');
    }],
    ['users: a new user gets a temporary password shown once', async () => {
      const form = page.locator('section', { has: page.getByRole('heading', { name: 'Tambah pengguna' }) });
      await form.getByLabel('NIK atau NIP').fill(newUser.nik);
      await form.getByLabel('Nama lengkap').fill(newUser.name);
      await form.getByLabel('Peran').selectOption('learner');
      await form.getByRole('button', { name: 'Tambah' }).click();
      await form.getByText(`${newUser.name} (${newUser.nik}) ditambahkan dengan akun baru.`).waitFor();
      tempPassword = (await form.locator('.temp-password').textContent()).trim();
      expect(tempPassword.length >= 8, `temporary password shown: ${tempPassword}`);
    }],
    ['users: the CSV import shows what happened to every row', async () => {
      await page.getByLabel('Pilih berkas CSV atau XLSX').setInputFiles(importFile);
      const report = page.locator('.import-report');
      await report.waitFor({ timeout: 30_000 });
      const summary = await report.locator('.notice').textContent();
      console.log(`     ${summary.trim()}`);
      expect(/4 baris dibaca\. 2 akun baru, 0 akun ditautkan, 0 sudah anggota, 2 baris gagal\./.test(summary), `import summary: ${summary}`);
      const problems = report.getByRole('table', { name: /Masalah per baris/ });
      await problems.waitFor();
      const rows = await problems.locator('tbody tr').allTextContents();
      console.log(`     problems: ${rows.join(' | ')}`);
      expect(rows.some((r) => r.startsWith('3') && r.includes('NIK/NIP')), `row 3's NIK problem is reported: ${rows}`);
      expect(rows.some((r) => r.startsWith('5') && r.includes('Surel')), `row 5's email problem is reported: ${rows}`);
      const accounts = report.getByRole('table', { name: /Akun dari impor ini/ });
      expect((await accounts.locator('tbody tr').count()) === 2, 'two accounts created');
      await shot(page, 'admin-users-import');
      await axe(page, 'admin-users-import');
    }],
    ['users: a member is suspended with a reason, then reactivated', async () => {
      await page.getByLabel('Cari nama atau NIK/NIP').fill('Sari');
      await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
      const item = page.locator('.member', { hasText: 'Sari Wulandari' });
      await item.waitFor();
      await item.getByRole('button', { name: /^Ubah\W+Sari Wulandari$/ }).click();
      await item.getByLabel('Status').selectOption('suspended');
      await item.getByLabel('Alasan').fill('Data kepegawaian sedang diperiksa');
      await item.getByRole('button', { name: 'Simpan' }).click();
      await item.locator('.badge', { hasText: 'Ditangguhkan' }).waitFor();
      await item.getByText('Alasan: Data kepegawaian sedang diperiksa').waitFor();
      await item.getByLabel('Status').selectOption('active');
      await item.getByRole('button', { name: 'Simpan' }).click();
      await item.locator('.badge', { hasText: 'Aktif' }).waitFor();
    }],
    ['branding: unreadable colours are warned about; a contact change is saved', async () => {
      await nav().getByRole('link', { name: 'Lembaga' }).click();
      await heading('Tampilan dan pengaturan lembaga').waitFor();
      expect((await page.getByLabel('Warna utama', { exact: true }).inputValue()).toUpperCase() === '#F2B705', 'the current primary colour');
      await page.getByLabel('Warna utama', { exact: true }).fill('#FFFF66');
      await page.getByLabel('Warna kedua', { exact: true }).fill('#CCFF00');
      await page.getByLabel('Warna ketiga', { exact: true }).fill('#EEEEEE');
      const warning = page.locator('.contrast-warning');
      await warning.waitFor();
      expect((await warning.textContent()).includes('Tidak ada warna yang cukup kontras'), `warning: ${await warning.textContent()}`);
      await shot(page, 'admin-branding-warning');
      await axe(page, 'admin-branding');
      // Put the colours back as they were and change only the phone.
      await page.getByLabel('Warna utama', { exact: true }).fill('#F2B705');
      await page.getByLabel('Warna kedua', { exact: true }).fill('#1F4E9C');
      await page.getByLabel('Warna ketiga', { exact: true }).fill('#111111');
      await warning.waitFor({ state: 'detached' });
      await page.getByLabel('Nomor HP (opsional)').fill('0812 8000 2026');
      await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await page.getByText('Pengaturan lembaga tersimpan.').waitFor();
      await page.locator('.brand-name', { hasText: 'BDTBT' }).waitFor();
    }],
    ['the batch\'s evaluation form is defined from the sample questions', async () => {
      await page.goto(`${BASE}/${tenant}/kelola/angkatan/${batchId}`);
      await heading(batchName).waitFor();
      await page.getByRole('link', { name: 'Formulir dan hasil evaluasi' }).click();
      await heading('Evaluasi pelatihan').waitFor();
      await page.getByText('Angkatan ini belum memiliki formulir.').waitFor();
      expect((await page.locator('.eval-draft').count()) === 4, 'four sample questions');
      await page.getByLabel('Jenis pertanyaan baru').selectOption('scale');
      await page.getByRole('button', { name: 'Tambah pertanyaan' }).click();
      await page.locator('.eval-draft').nth(4).getByLabel('Teks pertanyaan').fill('Fasilitas belajar daring mudah digunakan.');
      await page.locator('.eval-draft').nth(4).getByLabel('Wajib dijawab').check();
      await page.getByRole('button', { name: 'Simpan formulir' }).click();
      await page.getByText('Formulir evaluasi tersimpan.').waitFor();
      await page.getByText('Belum ada peserta yang mengisi evaluasi.').waitFor();
      await shot(page, 'admin-evaluation-form');
      await axe(page, 'admin-evaluation-form');
    }],
    ['the audit log lists the approval, the new user and the settings change', async () => {
      await nav().getByRole('link', { name: 'Log audit' }).click();
      await heading('Log audit').waitFor();
      for (const action of ['registration.approve', 'user.create', 'user.import', 'user.suspend', 'tenant.update']) {
        await page.locator(`.audit-entry[data-action="${action}"]`).first().waitFor();
      }
      const approval = page.locator('.audit-entry[data-action="registration.approve"]').first();
      expect((await approval.textContent()).includes('Pendaftaran disetujui'), 'the action in Indonesian');
      const update = page.locator('.audit-entry[data-action="tenant.update"]').first();
      await update.getByText(/Perubahan/).click();
      await update.getByRole('rowheader', { name: 'contact.phone' }).waitFor();
      await shot(page, 'admin-audit');
      await axe(page, 'admin-audit');
    }],
    ['the admin pages at 360 px: no sideways scrolling', async () => {
      await page.setViewportSize(MOBILE);
      for (const [name, path, title] of [
        ['360-admin-registrations', 'kelola/pendaftaran?status=approved', 'Pendaftaran peserta'],
        ['360-admin-users', 'kelola/pengguna', 'Pengguna'],
        ['360-admin-branding', 'kelola/lembaga', 'Tampilan dan pengaturan lembaga'],
        ['360-admin-audit', 'kelola/audit', 'Log audit'],
        ['360-admin-evaluation', `kelola/angkatan/${batchId}/evaluasi`, 'Evaluasi pelatihan'],
      ]) {
        await page.goto(`${BASE}/${tenant}/${path}`);
        await heading(title).waitFor();
        await expectNoOverflow(page, name);
        await shot(page, name);
      }
      await axe(page, '360-admin-evaluation');
      await page.setViewportSize(DESKTOP);
    }],
    ['the new user signs in for the first time with the temporary password', async () => {
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(newUser.nik);
      await page.getByLabel('Kata sandi', { exact: true }).fill(tempPassword);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Buat kata sandi baru').waitFor();
      await page.getByLabel('Kata sandi baru', { exact: true }).fill('lemah');
      await page.getByRole('button', { name: 'Simpan dan masuk' }).click();
      await page.locator('#new-password-error').waitFor();
      await page.getByLabel('Kata sandi baru', { exact: true }).fill('PesertaBaru2026');
      await page.getByLabel('Ulangi kata sandi baru').fill('PesertaBaru2026');
      await shot(page, 'first-login');
      await page.getByRole('button', { name: 'Simpan dan masuk' }).click();
      await heading('Angkatan saya').waitFor();
      await page.getByText('Anda belum terdaftar di angkatan mana pun.').waitFor();
      await page.getByRole('button', { name: 'Keluar' }).click();
      await heading('Masuk').waitFor();
    }],
  ],
  { page: () => page, close: browser.close },
);
