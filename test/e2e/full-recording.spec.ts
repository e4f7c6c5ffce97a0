import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCentral, type CentralHandle } from '../central/server';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import {
  OPERATOR,
  api,
  launchWithCamera,
  loginUi,
  setUpStation,
  writeCameraClip,
  type Operator,
} from './station-setup';
import { signOnSimulatedPad, typeAndSaveResident } from './recording-steps';

/**
 * One resident from the first field to the centre: the reference central server and the real
 * browser host (simulated scanner and pad); a technician connects the station to the centre
 * through the UI (URL, key file, fingerprint, one-time token); the operator records data,
 * photo (fake webcam), ten fingers and the signature, reviews, seals with the password and
 * hands over the receipt; the recording then shows "Diterima pusat" in Hari ini. The receipt
 * PDF is rendered with poppler (pdftoppm / pdftotext, Debian poppler-utils) and read back.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
// Screenshots of an earlier run would mix with this run's numbering.
for (const f of readdirSync(shots)) if (f.startsWith('full-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string, show?: Locator): Promise<void> {
  await show?.scrollIntoViewIfNeeded();
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `full-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

// Born 21 March 1993 (odd year → red background) in Kota Bandung; a woman: day 21 + 40 = 61.
const NIK = '3273016103930004';
const MASKED_NIK = '3273********0004';
const KK = '3273011203150007';
const NAME = 'RINA MARLINA';

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1' };
const TECHNICIAN: Operator = {
  username: 'teknisi',
  password: 'teknisi-rahasia-1',
  fullName: 'Joko Prasetyo',
};

const PRIVATE_KEY_PASTE = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIHDxV7P1k3yPZ0nL2nq0fJcL9Wn0e3xq1C3m8XkRzNhV
-----END PRIVATE KEY-----`;

/** pdftoppm and pdftotext come from Debian's poppler-utils. */
function requirePoppler(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'pdftotext/pdftoppm not found: install poppler-utils (apt-get install poppler-utils)',
    );
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'rekam-full-e2e-'));
let central: CentralHandle | undefined;
let host: RunningHost | undefined;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await central?.close();
  rmSync(work, { recursive: true, force: true });
});

test('full recording: central setup, data → photo → fingers → signature → seal → received', async () => {
  test.setTimeout(180_000);
  requirePoppler();
  // ---- the centre, and a camera that shows a resident in front of a red wall ---------------
  const y4m = path.join(work, 'good.y4m');
  await writeCameraClip(y4m);
  const centralDir = path.join(work, 'central');
  mkdirSync(centralDir);
  central = await startCentral({ dataDir: centralDir, tls: true });
  const keyFile = path.join(work, 'pusat-kunci.pem');
  writeFileSync(keyFile, central.keyBundle);

  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '8', '--signature', 'simulated'],
  });
  await setUpStation(host);
  await api(host, 'auth.login', SUPERVISOR);
  await api(host, 'users.create', { ...TECHNICIAN, role: 'technician' });
  await api(host, 'auth.logout', {});

  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);

  // ---- technician: central URL, key from a file, fingerprint, token -------------------------
  await loginUi(page, TECHNICIAN);
  await expect(page.getByTestId('sync-indicator')).toContainText('belum diatur');
  await page.getByTestId('nav-central').click();
  await expect(page.getByTestId('central-state')).toContainText('Belum diatur');
  // A private key pasted by mistake never leaves the screen.
  await page.getByTestId('central-url').fill(central.url);
  await page.getByTestId('central-key').fill(PRIVATE_KEY_PASTE);
  await page.getByTestId('central-save').click();
  await expect(page.locator('#central-key-error')).toContainText('bukan kunci publik');
  await page.getByTestId('central-key-file').setInputFiles(keyFile);
  await expect(page.getByTestId('central-key')).toHaveValue(/BEGIN PUBLIC KEY/);
  // The centre serves HTTPS with its own certificate: the pin it printed is read out and typed
  // — first with a slip of the ear, which the station catches before sending anything.
  const spokenPin = central.tlsPin!.match(/.{4}/g)!.join(' ');
  await page.getByTestId('central-pin').fill('ab'.repeat(32));
  await page.getByTestId('central-save').click();
  await expect(page.getByTestId('central-banner')).toContainText('tersimpan');
  const fp = page.getByTestId('central-key-fingerprint');
  await expect(fp).toBeVisible();
  // What the technician reads aloud is what the centre has on its screen.
  const norm = (s: string) => s.replace(/[\s:]/g, '').toLowerCase();
  expect(norm((await fp.getAttribute('data-value')) ?? '')).toBe(norm(central.fingerprint));
  await shot(page, 'central-fingerprint', fp);
  await expect(page.getByTestId('central-register')).toBeDisabled();
  await page.getByTestId('central-compared').check();
  await page.getByTestId('central-token').fill('token-karangan-123');
  await page.getByTestId('central-register').click();
  await expect(page.getByTestId('central-banner')).toContainText('BERBEDA');
  const panel = page.getByTestId('central-pin-mismatch');
  await expect(panel).toBeVisible();
  const seen = page.getByTestId('central-seen-pin');
  await expect(seen).toHaveAttribute('data-value', spokenPin.toUpperCase());
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'central-pin-mismatch');
  // Re-pin: typed from the centre's printout (read aloud), audit-logged by the station.
  await page.getByTestId('central-repin').fill(spokenPin);
  await page.getByTestId('central-repin-save').click();
  await expect(page.getByTestId('central-banner')).toContainText('Pin TLS pusat diganti');
  await expect(panel).toHaveCount(0);
  await page.getByTestId('central-token').fill('token-karangan-123');
  await page.getByTestId('central-register').click();
  await expect(page.getByTestId('central-banner')).toContainText('menolak token pendaftaran');
  await expect(page.getByTestId('central-state')).toHaveAttribute('data-registered', 'false');
  await expect(page.getByTestId('central-tls-pin')).toHaveAttribute(
    'data-value',
    central.tlsPin!.toUpperCase().match(/.{4}/g)!.join(' '),
  );
  const stationId = await page.getByTestId('central-station-id').getAttribute('data-value');
  // Read out with spaces and in lower case, as people do: the centre normalises it.
  const spoken = central.issueToken(stationId!).toLowerCase().replace(/-/g, ' ');
  await page.getByTestId('central-token').fill(`${spoken}\n`);
  await page.getByTestId('central-register').click();
  await expect(page.getByTestId('central-state')).toHaveAttribute('data-registered', 'true');
  await expect(page.getByTestId('central-banner')).toContainText('terdaftar');
  await shot(page, 'central-registered');
  await page.getByTestId('logout').click();

  // ---- operator: data ------------------------------------------------------------------------
  await loginUi(page, OPERATOR);
  await expect(page.getByTestId('status-bar')).toContainText('Sidik jari: SIMULASI');
  await expect(page.getByTestId('status-bar')).toContainText('Tanda tangan: SIMULASI');
  await typeAndSaveResident(page, {
    nik: NIK,
    kk: KK,
    name: NAME,
    birthPlace: 'Bandung',
    birthDate: '21-03-1993',
    sex: 'PEREMPUAN',
    bloodType: 'O',
    address: 'Jl. Sukasari No. 12',
    rt: '1',
    rw: '3',
    religion: 'ISLAM',
    maritalStatus: 'BELUM KAWIN',
    occupation: 'PELAJAR/MAHASISWA',
  });
  await expect(page.getByTestId('workspace-nik')).toHaveText(`NIK ${MASKED_NIK}`);

  // The review step already says what is missing, with a way to each step.
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-missing')).toBeVisible();
  await expect(page.getByTestId('review-finish')).toBeDisabled();
  await shot(page, 'review-incomplete');
  await page.getByTestId('review-goto-photo').click();

  // ---- photo -----------------------------------------------------------------------------------
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('photo-capture')).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId('photo-capture').click();
  await expect(page.getByTestId('photo-attempt')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('no-glasses').check();
  await page.getByTestId('photo-accept').click();
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  await page.getByTestId('photo-next').click();

  // ---- ten fingers -------------------------------------------------------------------------------
  await expect(page.getByTestId('fingerprint-step')).toBeVisible();
  const fingers = [
    'JEMPOL KANAN',
    'JARI TELUNJUK KANAN',
    'JARI TENGAH KANAN',
    'JARI MANIS KANAN',
    'JARI KELINGKING KANAN',
    'JEMPOL KIRI',
    'JARI TELUNJUK KIRI',
    'JARI TENGAH KIRI',
    'JARI MANIS KIRI',
    'JARI KELINGKING KIRI',
  ];
  // One capture: each good image asks for the next finger by itself.
  await expect(page.getByTestId('fp-prompt')).toContainText(`Letakkan ${fingers[0]} di sensor`);
  await page.getByTestId('fp-capture').click();
  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.', {
    timeout: 30_000,
  });
  for (let n = 1; n <= 10; n++) {
    await expect(page.getByTestId(`fp-tile-${n}`)).toHaveAttribute('data-state', 'captured');
  }
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'true');

  // ---- signature ------------------------------------------------------------------------------------
  await signOnSimulatedPad(page, () => shot(page, 'signature-drawn'));
  await expect(page.getByTestId('step-signature')).toHaveAttribute('data-done', 'true');

  // ---- review, seal with the password -------------------------------------------------------------
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-step')).toBeVisible();
  await expect(page.getByTestId('review-ready')).toBeVisible();
  await expect(page.getByTestId('review-nik')).toHaveText(NIK);
  await expect(page.getByTestId('review-data')).toContainText(NAME);
  await expect(page.getByTestId('review-photo-checks')).toBeVisible();
  await expect(page.getByTestId('review-photo-forced')).toHaveCount(0);
  for (let n = 1; n <= 10; n++) {
    await expect(page.getByTestId(`review-finger-${n}`)).toHaveAttribute('data-state', 'captured');
  }
  await expect(page.getByTestId('review-signature-image')).toBeVisible();
  await shot(page, 'review-ready');
  await shot(page, 'review-fingers-signature', page.getByTestId('review-signature'));

  await page.getByTestId('review-finish').click();
  await expect(page.getByTestId('finish-password')).toBeFocused();
  await page.getByTestId('finish-password').fill('bukan-sandi-ini');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finish-error')).toBeVisible();
  await expect(page.getByTestId('finish-password')).toHaveValue('');
  await shot(page, 'seal-wrong-password');
  await page.getByTestId('finish-password').fill(OPERATOR.password);
  await page.keyboard.press('Enter');

  // ---- the receipt -------------------------------------------------------------------------------------
  await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('receipt-nik')).toHaveText(MASKED_NIK);
  await expect(page.getByTestId('receipt')).not.toContainText(NIK);
  await expect(page.getByTestId('receipt-free')).toContainText('GRATIS');
  await expect(page.getByTestId('step-data')).toBeDisabled();
  await shot(page, 'receipt');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('receipt-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^bukti-perekaman-\d{8}-[A-Za-z0-9]+\.pdf$/);
  const downloaded = path.join(work, 'downloaded.pdf');
  await download.saveAs(downloaded);
  expect(readFileSync(downloaded).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByTestId('receipt-saved')).toBeVisible();
  // The centre's answer reaches the receipt screen while the resident is still at the desk.
  await expect(page.getByTestId('receipt-central')).toHaveText('Diterima pusat', {
    timeout: 30_000,
  });

  // "Perekaman berikutnya": an empty form, the cursor in NIK.
  await page.getByTestId('next-recording').click();
  await expect(page.getByTestId('step-data')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('field-nik')).toHaveValue('');
  await expect(page.getByTestId('field-nik')).toBeFocused();

  // ---- Hari ini: the centre's answer arrives by itself ----------------------------------------------
  await page.getByTestId('nav-today').click();
  const row = page.getByTestId('today-row').filter({ hasText: NAME });
  await expect(row.getByTestId('today-central')).toHaveText('Diterima pusat', { timeout: 30_000 });
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByTestId('sync-panel')).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toContainText('0 paket');
  await expect(page.getByTestId('sync-last-success')).not.toHaveText('belum pernah');
  await shot(page, 'today-received');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-panel')).toHaveCount(0);
  // The receipt can be printed again from Hari ini (printer jam, resident comes back).
  const again = page.waitForEvent('download');
  await row.getByTestId('today-receipt').click();
  expect((await again).suggestedFilename()).toMatch(/^bukti-perekaman-.*\.pdf$/);

  // ---- what reached the centre, and the receipt as the resident gets it ---------------------------
  const today = await api(host, 'recordings.today', {});
  const rec = today.find((r) => r.name === NAME);
  expect(rec?.status).not.toBe('draft');
  expect(rec?.centralStatus).toBe('received');
  const packets = central.packets();
  expect(packets.length).toBe(1);

  const { pdfBase64 } = await api(host, 'recordings.receipt', { id: rec!.id });
  const pdf = path.join(work, 'bukti.pdf');
  writeFileSync(pdf, Buffer.from(pdfBase64, 'base64'));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('GRATIS');
  expect(text).toContain(MASKED_NIK);
  expect(text).not.toContain(NIK);
  expect(text).toContain(NAME);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-singlefile',
    pdf,
    path.join(shots, `full-${String(++shotNo).padStart(2, '0')}-receipt-pdf`),
  ]);

  // ---- a technician may pause sending (e.g. on a metered hotspot), and resume it ------------
  await page.getByTestId('logout').click();
  await loginUi(page, TECHNICIAN);
  await page.getByTestId('sync-indicator').click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('sync-pause').click();
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await expect(page.getByTestId('sync-indicator')).toContainText('dijeda');
  await shot(page, 'sync-paused');
  await page.getByTestId('sync-pause').click();
  await expect(page.getByTestId('sync-state')).not.toHaveAttribute('data-state', 'paused');
});
