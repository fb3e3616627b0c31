// A non-ASN participant registers with their NIK: the sign-in page leads to
// the registration page; the NIK is checked while typed, with the same
// verdict as the server's parser on a table of numbers (NIK_CASES, made by
// the Go test with shared/idnumber); the password rules tick off; the
// registration is sent and the page says an admin will approve it; signing
// in before that shows "awaiting approval". Desktop and 360 px, axe.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const nik = env('LEARNER_NIK');
const password = env('LEARNER_PASSWORD');
const cases = JSON.parse(env('NIK_CASES'));

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const nikField = () => page.getByLabel('NIK', { exact: true });

await run(
  'registration',
  [
    ['the sign-in page links to the registration page', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await heading('Masuk').waitFor();
      await page.getByRole('link', { name: 'Daftar sebagai peserta' }).click();
      await heading('Daftar sebagai peserta').waitFor();
      expect(new URL(page.url()).pathname === `/${tenant}/daftar`, `registration URL ${page.url()}`);
      await axe(page, 'register');
    }],
    ['the NIK is judged while typed, in Indonesian', async () => {
      // An unknown province shows after two digits, before the NIK is complete.
      await nikField().pressSequentially('99');
      const error = page.locator('#reg-nik-error');
      await error.waitFor();
      expect((await error.textContent()).includes('Kode provinsi'), `province message: ${await error.textContent()}`);
      expect((await nikField().getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
      // A woman's NIK (day + 40): the birth date is decoded once valid.
      await nikField().fill('');
      await nikField().pressSequentially('3273 0145 0692');
      await page.getByText('12 dari 16 digit').waitFor();
      await nikField().pressSequentially(' 0001');
      await page.getByText('Format NIK sesuai (tanggal lahir 5 Juni 1992).').waitFor();
      // The 31st of February.
      await nikField().fill('3273013102950001');
      await error.waitFor();
      expect((await error.textContent()).includes('Tanggal lahir'), `birth date message: ${await error.textContent()}`);
      await shot(page, 'register-nik-error');
    }],
    ['the live check agrees with the server\'s parser on every sample', async () => {
      const wrong = [];
      for (const c of cases) {
        await nikField().fill(c.nik);
        await nikField().blur();
        const got = await nikField().getAttribute('data-nik-code');
        if (got !== c.code) wrong.push(`${JSON.stringify(c.nik)}: page ${got}, server ${c.code}`);
      }
      console.log(`     ${cases.length} NIK samples compared with shared/idnumber`);
      expect(wrong.length === 0, `the page and the server disagree:\n${wrong.join('\n')}`);
    }],
    ['password rules tick off and a mismatch is refused', async () => {
      await nikField().fill(nik);
      await page.getByLabel('Nama lengkap').fill(env('LEARNER_NAME'));
      await page.getByLabel('Surel').fill('rina.marlina@example.com');
      await page.getByLabel('Nomor HP (opsional)').fill('0812 3456 7890');
      await page.getByLabel('Instansi atau perusahaan (opsional)').fill('PT Tambang Sejahtera');
      await page.getByLabel('Kata sandi', { exact: true }).fill('lemah');
      const rules = page.getByRole('list', { name: 'Syarat kata sandi' });
      expect((await rules.locator('.rule-ok').count()) === 1, 'only "a lower-case letter" is met by "lemah"');
      await page.getByLabel('Kata sandi', { exact: true }).fill(password);
      expect((await rules.locator('.rule-ok').count()) === 4, 'every rule met');
      await page.getByLabel('Ulangi kata sandi', { exact: true }).fill(password + 'x');
      await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
      await page.locator('#reg-confirm-error').waitFor();
      await page.getByRole('alert').filter({ hasText: 'Periksa kembali' }).waitFor();
      await shot(page, 'register-form');
    }],
    ['the registration is sent and awaits approval', async () => {
      await page.getByLabel('Ulangi kata sandi', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
      await heading('Pendaftaran terkirim').waitFor();
      await page.getByText('menunggu persetujuan admin').waitFor();
      await shot(page, 'register-sent');
      await axe(page, 'register-sent');
    }],
    ['signing in before the approval says it is pending', async () => {
      await page.getByRole('link', { name: 'Ke halaman masuk' }).click();
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(nik);
      await page.getByLabel('Kata sandi', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByText(/masih menunggu persetujuan/).waitFor();
      await page.getByRole('button', { name: 'Keluar' }).first().click();
      await heading('Masuk').waitFor();
    }],
    ['the registration page at 360 px', async () => {
      await page.setViewportSize(MOBILE);
      await page.goto(`${BASE}/${tenant}/daftar`);
      await heading('Daftar sebagai peserta').waitFor();
      await nikField().fill('3273011508950000');
      await nikField().blur();
      await page.locator('#reg-nik-error').waitFor();
      await expectNoOverflow(page, '360-register');
      await shot(page, '360-register');
      await axe(page, '360-register');
      await page.setViewportSize(DESKTOP);
    }],
  ],
  { page: () => page, close: browser.close },
);
