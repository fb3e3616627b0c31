// Quizzes, an assignment, grading and the gradebook: the learner takes the
// pre-test (scoring low) and reloads mid-attempt (answers and clock kept),
// reads the text page, submits the assignment with a PDF, takes the
// post-test at 360 px (scoring high); the instructor adds a question to the
// bank, grades the assignment in bulk and reads the gain in the gradebook.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const courseId = env('COURSE_ID');
const batchName = 'Angkatan I Pengukuran Gas 2026';
const courseTitle = 'Pengukuran Gas Tambang';
const learnerName = env('LEARNER_NAME');
const nik = env('LEARNER_NIK');

const browser = await launch();
const page = await browser.context.newPage();
page.on('dialog', (d) => void d.accept());
const heading = (name) => page.getByRole('heading', { level: 1, name });
const button = (name) => page.getByRole('button', { name, exact: true });
const question = (n) => page.getByRole('heading', { level: 2, name: new RegExp(`^Soal ${n} dari 5`) });

/** Do something that changes an answer, then wait until the server has it ("Tersimpan"). */
async function answer(fn) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && /\/attempts\/[0-9A-Z]{26}$/.test(r.url()) && r.status() === 200);
  await fn();
  await saved;
  await page.locator('[data-save="saved"]').waitFor();
}

/** A full-page screenshot from the top (the quiz's status bar sticks to the top while scrolled). */
async function shotTop(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

async function submitQuiz() {
  await button('Kumpulkan').click();
  const dialog = page.getByRole('alertdialog', { name: 'Kumpulkan jawaban?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Ya, kumpulkan' }).click();
  await page.getByRole('heading', { level: 2, name: /^Hasil percobaan ke-1/ }).waitFor();
}

await run(
  'quiz journey',
  [
    ['the learner signs in and opens the pre-test', async () => {
      await page.goto(`${BASE}/${tenant}/masuk`);
      await page.getByLabel('NIK atau NIP').fill(nik);
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('LEARNER_PASSWORD'));
      await button('Masuk').click();
      await heading('Angkatan saya').waitFor();
      await page.goto(`${BASE}/${tenant}/kursus/${courseId}`);
      await heading(courseTitle).waitFor();
      await page.getByText('0 dari 4 materi wajib selesai').waitFor();
      await page.getByRole('link', { name: 'Pre-test pengukuran gas' }).click();
      await heading('Pre-test pengukuran gas').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Ketentuan kuis' }).waitFor();
      await page.getByText('Sisa 1 dari 1 kali').waitFor();
      await page.getByText('10 menit', { exact: true }).waitFor();
    }],
    ['the pre-test starts; answers are saved as they are given', async () => {
      await button('Mulai mengerjakan').click();
      await question(1).waitFor();
      const timer = await page.getByRole('timer').textContent();
      expect(/^Sisa waktu (10:00|9:[0-5]\d)$/.test(timer.trim()), `the countdown starts from the server's 10 minutes: ${timer}`);
      await answer(() => page.getByLabel('Metanometer').check()); // right
      await page.getByText('1 dari 5 dijawab').waitFor();
      await button('Berikutnya').click();
      await question(2).waitFor();
      expect(new URL(page.url()).searchParams.get('soal') === '2', `the question is kept in the address: ${page.url()}`);
      await answer(() => page.getByLabel('Oksigen (O2) pada kadar normal').check()); // wrong
      await shotTop('quiz');
      await axe(page, 'quiz');
    }],
    ['a reload resumes the same attempt with its answers and the server clock', async () => {
      const before = await page.getByRole('timer').textContent();
      await page.reload();
      await heading('Pre-test pengukuran gas').waitFor();
      await question(2).waitFor();
      expect(await page.getByLabel('Oksigen (O2) pada kadar normal').isChecked(), 'the saved choice is checked after the reload');
      expect(!(await page.getByLabel('Metana (CH4)').isChecked()), 'no other choice is checked');
      await page.getByText('2 dari 5 dijawab').waitFor();
      const after = await page.getByRole('timer').textContent();
      const secs = (s) => s.replace(/[^\d:]/g, '').split(':').reduce((a, b) => a * 60 + Number(b), 0);
      expect(secs(after) <= secs(before) && secs(after) > 500, `the clock continues (${before} -> ${after})`);
      await page.getByRole('button', { name: 'Soal 1, sudah dijawab' }).click();
      await question(1).waitFor();
      expect(await page.getByLabel('Metanometer').isChecked(), 'the first answer is kept');
    }],
    ['the learner answers the rest wrongly and submits: 20 %', async () => {
      await page.getByRole('button', { name: 'Soal 3, belum dijawab' }).click();
      await question(3).waitFor();
      await answer(() => page.getByLabel('Benar', { exact: true }).check()); // wrong
      await button('Berikutnya').click();
      await question(4).waitFor();
      await answer(() => page.getByLabel('Jawaban Anda (angka)').fill('2')); // wrong
      await button('Berikutnya').click();
      await question(5).waitFor();
      await answer(() => page.getByLabel('Metana', { exact: true }).selectOption({ label: 'CO' })); // wrong
      await submitQuiz();
      expect((await page.getByTestId('quiz-percent').textContent()) === '20%', 'pre-test score 20%');
      await page.getByText('1 dari 5 poin').waitFor();
      await page.getByText('Lulus (nilai lulus 0%).').waitFor();
      // Review after submission: the key and the feedback.
      await page.getByRole('heading', { level: 2, name: 'Pembahasan' }).waitFor();
      await page.getByText('Metana lebih ringan daripada udara').waitFor();
      await page.getByText('Materi ini sudah selesai.').waitFor();
      await shot(page, 'quiz-result');
      await axe(page, 'quiz-result');
    }],
    ['the text page is read', async () => {
      await page.getByRole('link', { name: 'Berikutnya: Gas berbahaya di tambang' }).click();
      await heading('Gas berbahaya di tambang').waitFor();
      await button('Tandai selesai').click();
      await page.getByText('Materi ini sudah selesai.').waitFor();
    }],
    ['the assignment is submitted with text and a PDF uploaded through the page', async () => {
      await page.getByRole('link', { name: 'Berikutnya: Laporan pengukuran gas' }).click();
      await heading('Laporan pengukuran gas').waitFor();
      await page.locator('.prose strong', { hasText: 'tiga titik' }).waitFor();
      const due = await page.getByTestId('assignment-due').textContent();
      expect(due.trim().endsWith('WIB'), `the due date is shown in WIB: ${due}`);
      await page.getByText('Diterima, nilai dikurangi 10%').waitFor();
      await page.getByLabel('Jawaban teks').fill('Kadar CH4 di tiga titik di bawah 0,5%; ventilasi berjalan baik.');
      await page.getByLabel('Lampirkan berkas').setInputFiles(env('REPORT_FILE'));
      await page.locator('[data-file-status="ready"]').waitFor({ timeout: 60_000 });
      await button('Kumpulkan tugas').click();
      await page.getByText('Tugas terkumpul.').waitFor();
      await page.getByTestId('assignment-grade').getByText('Belum dinilai').waitFor();
      await page.getByRole('link', { name: 'laporan-gas.pdf' }).waitFor();
      await page.getByText('Materi ini sudah selesai.').waitFor();
      await shot(page, 'assignment');
      await axe(page, 'assignment');
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, '360-assignment');
      await shot(page, '360-assignment');
      await page.setViewportSize(DESKTOP);
    }],
    ['the post-test at 360 px: every answer right, 100 %', async () => {
      await page.setViewportSize(MOBILE);
      await page.getByRole('link', { name: 'Berikutnya: Post-test pengukuran gas' }).click();
      await heading('Post-test pengukuran gas').waitFor();
      await page.getByText('Sisa 2 dari 2 kali').waitFor();
      await expectNoOverflow(page, '360-quiz-intro');
      await shot(page, '360-quiz-intro');
      await button('Mulai mengerjakan').click();
      await question(1).waitFor();
      await answer(() => page.getByLabel('Metanometer').check());
      await expectNoOverflow(page, '360-quiz');
      await shotTop('360-quiz');
      await button('Berikutnya').click();
      await question(2).waitFor();
      await answer(() => page.getByLabel('Metana (CH4)').check());
      await answer(() => page.getByLabel('Karbon monoksida (CO)').check());
      await button('Berikutnya').click();
      await question(3).waitFor();
      await answer(() => page.getByLabel('Salah', { exact: true }).check());
      await button('Berikutnya').click();
      await question(4).waitFor();
      await answer(() => page.getByLabel('Jawaban Anda (angka)').fill('1,5')); // the Indonesian decimal comma
      await button('Berikutnya').click();
      await question(5).waitFor();
      await answer(() => page.getByLabel('Metana', { exact: true }).selectOption({ label: 'CH4' }));
      await answer(() => page.getByLabel('Karbon monoksida', { exact: true }).selectOption({ label: 'CO' }));
      await page.getByText('5 dari 5 dijawab').waitFor();
      await expectNoOverflow(page, '360-quiz-matching');
      await shotTop('360-quiz-matching');
      await axe(page, '360-quiz');
      await submitQuiz();
      expect((await page.getByTestId('quiz-percent').textContent()) === '100%', 'post-test score 100%');
      await page.getByText('Lulus (nilai lulus 70%).').waitFor();
      await expectNoOverflow(page, '360-quiz-result');
      await shot(page, '360-quiz-result');
    }],
    ['an essay in the practice quiz awaits grading', async () => {
      await page.setViewportSize(DESKTOP);
      await page.getByRole('link', { name: 'Berikutnya: Latihan esai ventilasi' }).click();
      await heading('Latihan esai ventilasi').waitFor();
      await button('Mulai mengerjakan').click();
      await page.getByRole('heading', { level: 2, name: /^Soal 1 dari 1/ }).waitFor();
      await answer(() => page.getByLabel('Jawaban Anda').fill('Ventilasi mengencerkan gas metana dan membawa udara segar bagi pekerja.'));
      await submitQuiz();
      await page.getByText('Jawaban esai Anda menunggu penilaian widyaiswara').waitFor();
    }],
    ['the course is complete', async () => {
      await page.goto(`${BASE}/${tenant}/kursus/${courseId}`);
      await heading(courseTitle).waitFor();
      await page.getByText('4 dari 4 materi wajib selesai').waitFor();
      await page.setViewportSize(DESKTOP);
      await button('Keluar').click();
      await heading('Masuk').waitFor();
    }],
    ['the instructor adds a short-answer question to the bank', async () => {
      await page.getByLabel('NIK atau NIP').fill(env('INSTRUCTOR_USERNAME'));
      await page.getByLabel('Kata sandi', { exact: true }).fill(env('INSTRUCTOR_PASSWORD'));
      await button('Masuk').click();
      await heading('Mata diklat').waitFor();
      await page.goto(`${BASE}/${tenant}/kelola/kursus/${courseId}`);
      await heading(courseTitle).waitFor();
      // The quiz item's settings in the course editor.
      await page.getByRole('button', { name: /^Ubah\s*: Pre-test pengukuran gas$/ }).click();
      const settings = page.locator('.editor-item', { hasText: 'Pre-test pengukuran gas' });
      await settings.getByRole('group', { name: 'Pengaturan kuis' }).waitFor();
      expect((await settings.getByLabel('Jenis kuis').inputValue()) === 'pretest', 'the quiz kind is shown');
      await settings.getByText('5 soal dipilih.').waitFor();
      await settings.screenshot({ path: join(ARTIFACTS, 'editor-quiz.png') });
      await axe(page, 'editor-quiz');
      await page.getByRole('link', { name: 'Bank soal' }).click();
      await heading('Bank soal').waitFor();
      await page.getByText('6 soal', { exact: true }).waitFor();
      await button('Soal baru').click();
      const form = page.locator('form.question-form');
      await form.getByLabel('Jenis soal').selectOption({ label: 'Isian singkat' });
      await form.getByLabel('Teks soal').fill('Apa singkatan dari alat pelindung diri?');
      await form.getByLabel('Jawaban yang diterima').fill('APD');
      await form.getByLabel('Tag', { exact: true }).fill('apd');
      // A picture through the upload function, with its alt text.
      await form.getByLabel('Unggah gambar').setInputFiles(env('QUESTION_IMAGE'));
      await form.getByText('Gambar siap; simpan soal untuk memakainya.').waitFor({ timeout: 60_000 });
      await form.getByLabel('Teks alternatif gambar').fill('Helm keselamatan kuning');
      await form.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('7 soal', { exact: true }).waitFor();
      const img = page.locator('.bank-list img.quiz-image[alt="Helm keselamatan kuning"]');
      await img.waitFor();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
      await page.locator('#bank-type').selectOption({ label: 'Isian singkat' });
      await page.getByText('Menampilkan 1 dari 7 soal.').waitFor();
      await page.locator('.bank-list .quiz-text', { hasText: 'Apa singkatan dari alat pelindung diri?' }).waitFor();
      await page.locator('#bank-type').selectOption({ label: 'Semua' });
      // The export holds the new question.
      const [file] = await Promise.all([page.waitForEvent('download'), button('Ekspor CSV').click()]);
      expect(/^bank-soal-.*\.csv$/.test(file.suggestedFilename()), `export file name ${file.suggestedFilename()}`);
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv.includes('Apa singkatan dari alat pelindung diri?') && csv.includes('Helm keselamatan kuning'), 'the export lists the new question and its picture');
      await shot(page, 'question-bank');
      await axe(page, 'question-bank');
    }],
    ['the instructor grades the assignment in the bulk table', async () => {
      await page.getByRole('link', { name: courseTitle }).click();
      await heading(courseTitle).waitFor();
      await page.getByRole('link', { name: 'Penilaian: Laporan pengukuran gas' }).click();
      await heading('Penilaian: Laporan pengukuran gas').waitFor();
      await page.getByRole('rowheader', { name: new RegExp(learnerName) }).waitFor();
      await page.getByRole('link', { name: 'laporan-gas.pdf' }).waitFor();
      await page.getByLabel(`Nilai untuk ${learnerName}`).fill('85');
      await page.getByLabel(`Catatan untuk ${learnerName}`).fill('Laporan lengkap; tambahkan denah titik ukur.');
      await button('Simpan nilai (1)').click();
      await page.getByText('1 dari 1 nilai tersimpan.').waitFor();
      await page.getByText('85 dari 100').waitFor();
      await shot(page, 'grading');
      await axe(page, 'grading');
    }],
    ['the instructor grades the essay', async () => {
      await page.getByRole('link', { name: courseTitle }).click();
      await heading(courseTitle).waitFor();
      await page.getByRole('link', { name: 'Penilaian: Latihan esai ventilasi' }).click();
      await heading('Penilaian: Latihan esai ventilasi').waitFor();
      await page.getByText('1 percobaan dikumpulkan, 1 menunggu penilaian esai').waitFor();
      await page.getByRole('button', { name: new RegExp(`^Nilai\\s*: ${learnerName}, percobaan ke-1$`) }).click();
      await page.getByText('Ventilasi mengencerkan gas metana').waitFor();
      await page.getByLabel('Nilai esai (0–5)').fill('4');
      await page.getByLabel('Catatan untuk peserta').fill('Baik; sebutkan juga pengendalian debu.');
      await button('Simpan penilaian').click();
      await page.getByText('Penilaian tersimpan.').waitFor();
      await page.getByText('4 dari 5 poin').waitFor();
      await page.getByText('1 percobaan dikumpulkan, 0 menunggu penilaian esai').waitFor();
      await shot(page, 'grading-essay');
      await axe(page, 'grading-essay');
    }],
    ['the gradebook shows the learner\'s gain and the batch means', async () => {
      await page.getByRole('link', { name: courseTitle }).click();
      await heading(courseTitle).waitFor();
      await page.getByRole('link', { name: `Buku nilai ${batchName}` }).click();
      await heading(`Buku nilai: ${batchName}`).waitFor();
      const row = page.locator(`tr[data-user="${nik}"]`);
      const cell = async (col) => (await row.locator(`td[data-col="${col}"]`).textContent()).trim();
      expect((await cell('pre')) === '20%', `pre-test ${await cell('pre')}`);
      expect((await cell('post')) === '100%', `post-test ${await cell('post')}`);
      expect((await cell('gain')) === '+80', `gain ${await cell('gain')}`);
      expect((await cell('average')) === '71,25%', `average ${await cell('average')}`);
      expect((await cell('passed')) === 'Lulus', `result ${await cell('passed')}`);
      const task = (await row.locator('td').nth(1).textContent()).trim();
      expect(task.startsWith('85%'), `the assignment column shows the grade: ${task}`);
      expect((await page.getByTestId('gb-mean-pre').textContent()) === '20%', 'batch mean pre-test');
      expect((await page.getByTestId('gb-mean-post').textContent()) === '100%', 'batch mean post-test');
      expect((await page.getByTestId('gb-mean-gain').textContent()) === '+80', 'batch mean gain');
      await button('Nilai CSV').waitFor();
      await button('Nilai XLSX').waitFor();
      await shot(page, 'gradebook');
      await axe(page, 'gradebook');
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, '360-gradebook');
      await shot(page, '360-gradebook');
      await page.setViewportSize(DESKTOP);
    }],
  ],
  { page: () => page, close: browser.close },
);
