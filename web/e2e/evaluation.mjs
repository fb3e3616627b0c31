// After the participant answered the batch's evaluation: the admin opens
// the results: the number of responses, each scale question's mean with its
// distribution as bars whose numbers are text, the choice question's
// counts, the comments; the form is locked. Desktop and 360 px, axe.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const batchId = env('BATCH_ID');

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });

await run(
  'evaluation results',
  [
    ['the admin opens the batch\'s evaluation results', async () => {
      await page.goto(`${BASE}/${tenant}/kelola/angkatan/${batchId}/evaluasi`);
      await heading('Masuk').waitFor();
      await page.getByLabel('NIK atau NIP').fill(env('ADMIN_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('ADMIN_PASSWORD'));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await heading('Evaluasi pelatihan').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Hasil evaluasi' }).waitFor();
      await page.getByText('1 peserta telah mengisi.').waitFor();
    }],
    ['scale questions show their mean and a distribution with numbers', async () => {
      const first = page.locator('.eval-result').first();
      await first.getByText('Rata-rata 5,0 dari 5').waitFor();
      const table = first.getByRole('table', { name: /Sebaran jawaban/ });
      const five = table.getByRole('row', { name: /5 – Sangat baik/ });
      expect((await five.textContent()).includes('1 (100%)'), `the "5" row: ${await five.textContent()}`);
      const one = table.getByRole('row', { name: /1 – Sangat kurang/ });
      expect((await one.textContent()).includes('0 (0%)'), `the "1" row: ${await one.textContent()}`);
      const second = page.locator('.eval-result').nth(1);
      await second.getByText('Rata-rata 4,0 dari 5').waitFor();
    }],
    ['the choice question counts its options; the comment is listed; the form is locked', async () => {
      const choice = page.locator('.eval-result').nth(2);
      const row = choice.getByRole('row', { name: /Non-klasikal \(daring\)/ });
      expect((await row.textContent()).includes('1 (100%)'), `the chosen option: ${await row.textContent()}`);
      await page.locator('.comments').getByText('Video diberi teks terjemahan.').waitFor();
      await page.getByText('Sudah ada 1 jawaban; formulir tidak dapat diubah lagi.').waitFor();
      expect((await page.getByRole('button', { name: 'Simpan formulir' }).count()) === 0, 'no save button on a locked form');
      await shot(page, 'admin-evaluation-results');
      await axe(page, 'admin-evaluation-results');
    }],
    ['the results at 360 px', async () => {
      await page.setViewportSize(MOBILE);
      await page.reload();
      await heading('Evaluasi pelatihan').waitFor();
      await page.getByText('1 peserta telah mengisi.').waitFor();
      await expectNoOverflow(page, '360-admin-evaluation-results');
      await shot(page, '360-admin-evaluation-results');
      await axe(page, '360-admin-evaluation-results');
      await page.setViewportSize(DESKTOP);
    }],
  ],
  { page: () => page, close: browser.close },
);
