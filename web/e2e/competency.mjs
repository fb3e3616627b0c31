// Competency development from a claim to the dashboard (issue 9): the
// leader reads the dashboard's figures; an employee files an external
// training claim (PSPKM) with its three documents uploaded through the
// page, at 360 px; the verifier finds it in the queue, opens a document
// and approves it; the employee's JP page shows the claim as its source;
// the leader's dashboard shows the share moving by one employee. Axe on
// the claim form (desktop and 360 px), the queue, the claim review and the
// dashboard; screenshots for the guides.
import { BASE, DESKTOP, MOBILE, axe, env, expect, expectNoOverflow, launch, run, shot } from './lib.mjs';

const tenant = env('TENANT');
const password = env('PASSWORD');
const filer = { nip: env('FILER_NIP'), name: env('FILER_NAME') };
const title = env('CLAIM_TITLE');
const employees = Number(env('BEFORE_EMPLOYEES'));
const reachedBefore = Number(env('BEFORE_REACHED'));
const unitUmum = env('UNIT_UMUM');
const unitReachedBefore = Number(env('UNIT_UMUM_REACHED'));
const year = Number(env('CLAIM_END').slice(0, 4));
// The page's percentages: id-ID, at most one decimal (competency-ui.tsx pct).
const pct = (r) => new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }).format(r);

const browser = await launch();
const page = await browser.context.newPage();
const heading = (name) => page.getByRole('heading', { level: 1, name });
const nav = () => page.getByRole('navigation', { name: 'Navigasi utama' });
const dashboardShown = {};

async function signIn(nip) {
  await page.goto(`${BASE}/${tenant}/masuk`);
  await page.getByLabel('NIK atau NIP').fill(nip);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await heading('Angkatan saya').waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await heading('Masuk').waitFor();
}

/** The leader's dashboard: the figures the page shows, by KPI. */
async function readDashboard() {
  await nav().getByRole('link', { name: 'Kompetensi' }).click();
  await heading('Pengembangan kompetensi').waitFor();
  await page.getByRole('link', { name: /^Dasbor pimpinan/ }).click();
  await heading(`Dasbor pimpinan ${year}`).waitFor();
  const kpi = async (key) => ({
    value: (await page.locator(`[data-kpi="${key}"] .kpi-value`).textContent()).trim(),
    detail: (await page.locator(`[data-kpi="${key}"] .kpi-detail`).textContent()).trim(),
  });
  const unitRow = page.locator(`tr[data-unit="${unitUmum}"] td`);
  return { employees: await kpi('employees'), share: await kpi('share'), unitReached: Number((await unitRow.nth(1).textContent()).trim()) };
}

await run(
  'competency: from a claim to the dashboard',
  [
    ['the leader reads the dashboard before the claim', async () => {
      await signIn(env('LEADER_NIP'));
      const d = await readDashboard();
      console.log(`     before: ${d.share.value} (${d.share.detail}); ${unitUmum} reached ${d.unitReached}`);
      expect(d.employees.value === String(employees), `employees shown ${d.employees.value}, API ${employees}`);
      expect(d.share.value === pct(reachedBefore / employees), `share shown ${d.share.value}, API ${pct(reachedBefore / employees)}`);
      expect(d.share.detail === `${reachedBefore} dari ${employees} pegawai mencapai 20 JP`, `share detail ${d.share.detail}`);
      expect(d.unitReached === unitReachedBefore, `${unitUmum} reached ${d.unitReached}, API ${unitReachedBefore}`);
      dashboardShown.before = d;
      // The month chart is an image with its values as text.
      await page.getByRole('img', { name: `Persentase pegawai yang mencapai 20 JP di akhir setiap bulan ${year}` }).waitFor();
      await shot(page, 'dashboard-before');
      await axe(page, 'dashboard');
      await signOut();
    }],
    ['the employee opens competency development and the claim form', async () => {
      await signIn(filer.nip);
      await nav().getByRole('link', { name: 'Kompetensi' }).click();
      await heading('Pengembangan kompetensi').waitFor();
      await page.getByRole('heading', { name: 'Data kepegawaian saya' }).waitFor();
      await page.getByText(filer.nip).waitFor();
      await page.getByText('Belum ada pengajuan.').waitFor();
      expect((await page.getByRole('link', { name: /^Antrean verifikasi/ }).count()) === 0, 'no queue link without the verifier duty');
      await shot(page, 'competency-home');
      await page.getByRole('link', { name: /^Ajukan JP pelatihan mandiri/ }).click();
      await heading('Ajukan JP pelatihan mandiri').waitFor();
      await shot(page, 'claim-form');
      await axe(page, 'claim-form');
    }],
    ['at 360 px the employee fills the claim and uploads its three documents', async () => {
      await page.setViewportSize(MOBILE);
      await expectNoOverflow(page, 'claim form at 360 px');
      await page.getByLabel('Nama pelatihan').fill(title);
      await page.getByLabel('Penyelenggara').fill('Lembaga Administrasi Negara');
      await page.getByLabel('Tanggal mulai').fill(env('CLAIM_START'));
      await page.getByLabel('Tanggal selesai').fill(env('CLAIM_END'));
      expect(await page.getByLabel('Dalam jam').isChecked(), 'hours are the default');
      await page.getByLabel('Jumlah jam').fill('18');
      await page.getByText('Setara 24 JP.').waitFor();
      await page.getByLabel('Rumpun kompetensi').selectOption('teknis');
      await page.getByLabel('Bentuk pelatihan').selectOption('nonklasikal');
      const files = { assignment_letter: ['Surat tugas', env('DOC_LETTER')], certificate: ['Sertifikat', env('DOC_CERTIFICATE')], curriculum: ['Kurikulum atau jadwal', env('DOC_CURRICULUM')] };
      for (const [kind, [label, path]] of Object.entries(files)) {
        await page.getByLabel(`Pilih berkas ${label}`, { exact: true }).setInputFiles(path);
        // Uploaded, then checked by the server: "Siap" with the file's name.
        const ready = page.locator(`[data-doc="${kind}"] .doc-ready`);
        await ready.waitFor({ timeout: 60_000 });
        const text = await ready.textContent();
        expect(text.includes('Siap') && text.includes(path.split('/').pop()), `${kind}: ${text}`);
      }
      await expectNoOverflow(page, 'filled claim form at 360 px');
      await shot(page, '360-claim-form');
      await axe(page, '360-claim-form');
    }],
    ['the employee sends the claim for verification', async () => {
      await page.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
      await heading(title).waitFor();
      await page.getByText('Pengajuan terkirim dan menunggu verifikasi.').waitFor();
      await page.locator('.badge', { hasText: 'Menunggu verifikasi' }).first().waitFor();
      await page.getByText('24 JP', { exact: true }).first().waitFor();
      await expectNoOverflow(page, 'claim page at 360 px');
      await shot(page, '360-claim-submitted');
      await page.setViewportSize(DESKTOP);
      await signOut();
    }],
    ['the verifier finds the claim in the queue', async () => {
      await signIn(env('VERIFIER_NIP'));
      await nav().getByRole('link', { name: 'Kompetensi' }).click();
      await page.getByRole('link', { name: /^Antrean verifikasi/ }).click();
      await heading('Antrean verifikasi').waitFor();
      const row = page.locator('.claim-row', { hasText: title });
      await row.waitFor();
      const text = await row.textContent();
      expect(text.includes(filer.name) && text.includes('24 JP diajukan'), `queue row: ${text}`);
      await shot(page, 'verifier-queue');
      await axe(page, 'queue');
    }],
    ['the verifier opens the claim and one of its documents', async () => {
      await page.getByRole('link', { name: title }).click();
      await heading(title).waitFor();
      const links = page.locator('.doc-list a');
      expect((await links.count()) === 3, `three document links, got ${await links.count()}`);
      const href = await links.first().getAttribute('href');
      const res = await page.request.get(href);
      const body = await res.body();
      expect(res.status() === 200 && body.subarray(0, 5).toString() === '%PDF-', `the document link answered ${res.status()} ${body.subarray(0, 8)}`);
      expect(await page.getByLabel('Setujui', { exact: true }).isChecked(), 'approve is the default decision');
      expect((await page.getByLabel('JP yang diakui').inputValue()) === '24', 'the JP to credit defaults to the proposed 24');
      await shot(page, 'verifier-claim');
      await axe(page, 'claim-review');
    }],
    ['the verifier approves: 24 JP credited', async () => {
      await page.getByLabel('Catatan (tidak wajib)').fill('Dokumen lengkap dan sesuai.');
      await page.getByRole('button', { name: 'Setujui pengajuan' }).click();
      await page.getByText('Pengajuan disetujui: 24 JP dicatat.').waitFor();
      await page.locator('.badge', { hasText: 'Disetujui' }).first().waitFor();
      await page.locator('.history li[data-action="approved"]').waitFor();
      expect((await page.getByRole('button', { name: 'Setujui pengajuan' }).count()) === 0, 'no decision form once decided');
      await shot(page, 'verifier-approved');
      await signOut();
    }],
    ['the employee\'s JP page shows the claim as its source', async () => {
      await signIn(filer.nip);
      await page.setViewportSize(MOBILE);
      await nav().getByRole('link', { name: 'JP saya' }).click();
      await heading('JP saya').waitFor();
      await page.getByText('24 dari 20 JP').first().waitFor();
      const row = page.locator('tr[data-source="claim"]');
      await row.waitFor();
      const text = await row.textContent();
      expect(text.includes(title) && text.includes('Pelatihan mandiri (PSPKM)') && text.includes('24'), `JP row: ${text}`);
      await expectNoOverflow(page, 'JP page at 360 px');
      await shot(page, '360-jp-claim');
      await axe(page, '360-jp-claim');
      await page.setViewportSize(DESKTOP);
      await nav().getByRole('link', { name: 'Kompetensi' }).click();
      const mine = page.locator('.claim-row', { hasText: title });
      await mine.locator('.badge', { hasText: 'Disetujui' }).waitFor();
      expect((await mine.textContent()).includes('24 JP diakui'), 'my claims show the credited JP');
      await signOut();
    }],
    ['the leader\'s dashboard shows the share moving', async () => {
      await signIn(env('LEADER_NIP'));
      const d = await readDashboard();
      console.log(`     after: ${d.share.value} (${d.share.detail}); ${unitUmum} reached ${d.unitReached}`);
      expect(d.share.value === pct((reachedBefore + 1) / employees), `share shown ${d.share.value}, want ${pct((reachedBefore + 1) / employees)}`);
      expect(d.share.value !== dashboardShown.before.share.value, 'the share changed');
      expect(d.share.detail === `${reachedBefore + 1} dari ${employees} pegawai mencapai 20 JP`, `share detail ${d.share.detail}`);
      expect(d.unitReached === unitReachedBefore + 1, `${unitUmum} reached ${d.unitReached}`);
      await shot(page, 'dashboard-after');
    }],
  ],
  { page: () => page, close: browser.close },
);
