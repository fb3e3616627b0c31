// After the admin generated certificates: the participant signs in again,
// downloads the certificate PDF from "my certificates", and the QR code's
// target (/verifikasi/{number}) shows it valid. Public pages at 360 px.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, BASE, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const number = env('CERT_NUMBER');

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });

await run(
  'certificate',
  [
    ['sign-in returns to the page asked for', async () => {
      await page.goto(`${BASE}/${tenant}/sertifikat`);
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(env('LEARNER_NIK'));
      // A wrong password: the server's message (error shape), focus on the alert.
      await page.getByLabel('Kata sandi', { exact: true }).fill('SalahSekali1');
      await page.getByRole('button', { name: 'Masuk' }).click();
      const alert = page.locator('.form-error[role="alert"]');
      await alert.waitFor();
      expect(/salah/i.test(await alert.textContent()), `error message: ${await alert.textContent()}`);
      await shot(page, 'login-error');
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('LEARNER_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Sertifikat saya').waitFor();
    }],
    // (After a normal sign-in: cognito-local does not keep the refresh token
    // it issues when the first-login challenge is answered.)
    ['an expired access token is refreshed without signing out', async () => {
      await page.evaluate(() => {
        const s = JSON.parse(localStorage.getItem('lms.session'));
        s.expiresAt = Date.now() - 1000;
        localStorage.setItem('lms.session', JSON.stringify(s));
      });
      const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh'));
      await page.reload();
      expect((await refreshed).status() === 200, 'refresh answered 200');
      await heading('Sertifikat saya').waitFor();
      const s = await page.evaluate(() => JSON.parse(localStorage.getItem('lms.session')));
      expect(s.expiresAt > Date.now() + 60_000, `a new expiry: ${new Date(s.expiresAt).toISOString()}`);
    }],
    ['my certificates lists the new certificate', async () => {
      await page.getByText(number, { exact: true }).waitFor();
      await page.getByText('Sah', { exact: true }).waitFor();
      await shot(page, 'certificates');
      await axe(page, 'certificates');
    }],
    ['the download is the certificate PDF', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Unduh PDF sertifikat ${number}` }).click(),
      ]);
      const file = join(ARTIFACTS, 'sertifikat.pdf');
      await download.saveAs(file);
      const pdf = readFileSync(file);
      expect(pdf.subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');
      expect(pdf.length > 1000, `PDF size ${pdf.length}`);
      expect(/\.pdf$/i.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
    }],
    ['the verification page (the QR target) shows the certificate valid', async () => {
      await page.getByRole('link', { name: 'Halaman verifikasi' }).click();
      await heading('Verifikasi sertifikat').waitFor();
      expect(new URL(page.url()).pathname === `/verifikasi/${number}`, `verify URL ${page.url()}`);
      await page.getByText('Sertifikat ini SAH dan terdaftar.').waitFor();
      await page.getByText(env('LEARNER_NAME')).waitFor();
      await shot(page, 'verify');
      await axe(page, 'verify');
    }],
    ['an unknown number is reported as not registered', async () => {
      await page.getByLabel('Nomor sertifikat').fill('BDTBT-2026-999999');
      await page.getByRole('button', { name: 'Periksa' }).click();
      await page.getByText('Nomor sertifikat BDTBT-2026-999999 tidak terdaftar.').waitFor();
    }],
    ['public and certificate pages at 360 px', async () => {
      await page.setViewportSize(MOBILE);
      const pages = [
        ['360-certificates', `${BASE}/${tenant}/sertifikat`, 'Sertifikat saya'],
        ['360-verify', `${BASE}/verifikasi/${number}`, 'Verifikasi sertifikat'],
        ['360-catalog', `${BASE}/`, 'Pilih lembaga diklat'],
        ['360-forgot', `${BASE}/${tenant}/lupa-sandi`, 'Lupa kata sandi'],
      ];
      for (const [name, url, title] of pages) {
        await page.goto(url);
        await heading(title).waitFor();
        if (name === '360-verify') await page.getByText('Sertifikat ini SAH dan terdaftar.').waitFor();
        if (name === '360-certificates') await page.getByText(number, { exact: true }).waitFor();
        await expectNoOverflow(page, name);
        await shot(page, name);
      }
      await axe(page, '360-forgot');
      await page.getByRole('button', { name: 'Keluar' }).click();
      await page.goto(`${BASE}/${tenant}/masuk`);
      await heading('Masuk').waitFor();
      await expectNoOverflow(page, '360-login');
      await shot(page, '360-login');
    }],
  ],
  { page: () => page, close: browser.close },
);
