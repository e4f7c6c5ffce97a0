import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
} from '../../src-main/packets/index';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { cardsAtOffice } from '../helpers/handover-fixture';
import { openStore, seedCaptures } from '../helpers/sync-fixtures';
import { OPERATOR, SITI, api, launchWithCamera, loginUi, setUpStation } from './station-setup';
import { signUntilPenStill } from './recording-steps';

/**
 * Penyerahan KTP-el at the counter, end to end: a recording sealed at this station (its index
 * fingers captured by the simulated module over a pty, so the station kept the module's own
 * templates), its card arrived at the office. The clerk holds the resident's receipt to the
 * webcam (Chromium's fake camera plays a clip made with ffmpeg from the rendered receipt): the
 * QR code opens the right resident with the photo from recording. A wrong finger is refused;
 * the right one, captured anew, matches; the recipient signs on the simulated pad; the card is
 * handed over and the receipt downloaded. Bad searches say what is wrong in Bahasa Indonesia.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `handover-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

let host: RunningHost;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The receipt PDF rendered (pdftoppm), its QR held up in a 1280×720 frame, as a .y4m clip. */
async function receiptClip(pdf: Buffer, dir: string): Promise<string> {
  const pdfFile = path.join(dir, 'receipt.pdf');
  writeFileSync(pdfFile, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '150',
    '-singlefile',
    pdfFile,
    path.join(dir, 'receipt'),
  ]);
  const page = await sharp(path.join(dir, 'receipt.png')).resize({ height: 700 }).toBuffer();
  const frame = path.join(dir, 'frame.png');
  await sharp({
    create: { width: 1280, height: 720, channels: 3, background: { r: 96, g: 88, b: 80 } },
  })
    .composite([{ input: page, top: 10, left: 440 }])
    .png()
    .toFile(frame);
  const y4m = path.join(dir, 'receipt.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    frame,
    '-t',
    '2',
    '-r',
    '10',
    '-pix_fmt',
    'yuv420p',
    y4m,
  ]);
  return y4m;
}

test('counter handover: receipt QR from the webcam, wrong finger refused, right finger, signature, receipt', async () => {
  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '8', '--signature', 'simulated'],
  });
  await setUpStation(host);
  // The technician installs the centre's keys (no link needed to seal).
  await api(host, 'auth.login', { username: 'kepala', password: 'rahasia-kepala-1' });
  await api(host, 'users.create', {
    username: 'teknisi',
    fullName: 'Teknisi Kecamatan',
    role: 'technician',
    password: 'teknisi-rahasia-1',
  });
  await api(host, 'auth.login', { username: 'teknisi', password: 'teknisi-rahasia-1' });
  await api(host, 'central.setConfig', {
    url: 'http://127.0.0.1:9/',
    publicKey: formatCentralKeyBundle(
      generateCentralKeys().publicKeyPem,
      generateVerdictKeys().publicKeyPem,
    ),
  });
  // Recorded earlier: captures from the fixtures, the index fingers from the module itself.
  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const villages = await api(host, 'regions.children', { parent: '32.73.01' });
  const rec = await api(host, 'recordings.saveDraft', {
    resident: { ...SITI, villageCode: villages[0]!.code },
  });
  const db = openStore(host.dataDir);
  const operatorId = (
    db.prepare('SELECT id FROM users WHERE username = ?').get(OPERATOR.username) as { id: string }
  ).id;
  await seedCaptures(db, rec.id, operatorId);
  // The simulated scanner starts on its pty beside the host: wait until it answers.
  await expect
    .poll(async () => (await api(host!, 'fingerprint.device', {})).state, { timeout: 30_000 })
    .toBe('simulated');
  for (const finger of [2, 7]) {
    await api(host, 'fingerprint.clear', { recordingId: rec.id, finger });
    await api(host, 'fingerprint.capture', { recordingId: rec.id, finger });
  }
  const sealed = await api(host, 'recordings.finish', { id: rec.id, password: OPERATOR.password });
  await api(host, 'auth.logout', {});
  cardsAtOffice(db, 'CETAK-3273-0007', [{ recordingId: rec.id, villageCode: villages[0]!.code }]);
  db.close();

  const work = mkdtempSync(path.join(tmpdir(), 'rekam-handover-'));
  const y4m = await receiptClip(Buffer.from(sealed.receiptPdfBase64, 'base64'), work);
  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);
  await loginUi(page);
  await page.getByTestId('nav-handover').click();
  await expect(page.getByTestId('handover-screen')).toBeVisible();

  // ---- bad input: a NIK with no card here, a code that is not a receipt -------------------
  await page.getByTestId('ho-search').fill('3273014101900001');
  await page.getByTestId('ho-search').press('Enter');
  await expect(page.getByTestId('ho-error')).toContainText(
    'Tidak ada KTP-el di kantor untuk "3273014101900001"',
  );
  await shot(page, 'unknown-nik');
  // A barcode scanner "types" fast and ends with Enter: an unknown code says so.
  await page.getByTestId('ho-search').fill('');
  await page.getByTestId('ho-search').pressSequentially('X-BUKAN-BUKTI-12345', { delay: 0 });
  await page.getByTestId('ho-search').press('Enter');
  await expect(page.getByTestId('ho-error')).toContainText('Kode QR ini tidak dikenal');

  // ---- the receipt's QR from the webcam opens the right resident ---------------------------
  await page.getByTestId('ho-search').fill('');
  await page.getByTestId('ho-qr-toggle').click();
  await expect(page.getByTestId('ho-qr')).toBeVisible();
  await expect(page.getByTestId('ho-name')).toHaveText('SITI RAHMAWATI', { timeout: 20_000 });
  await expect(page.getByTestId('ho-nik')).toContainText('3273 0155 0892 0002');
  await expect(page.getByTestId('ho-photo')).toBeVisible();
  await expect(page.getByTestId('ho-sim-badge')).toBeVisible();
  await shot(page, 'opened-by-qr');

  // ---- a wrong finger is refused, with the score and what to do ---------------------------
  await page.getByTestId('ho-sim-finger').selectOption('5');
  await page.getByTestId('ho-finger-2').click();
  await expect(page.getByTestId('ho-finger-result')).toContainText('TIDAK cocok', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('ho-finger-result')).toContainText('Sisa 2 kali');
  await expect(page.getByTestId('ho-complete')).toBeDisabled();
  await shot(page, 'wrong-finger');

  // ---- the right finger, captured anew, matches ----------------------------------------
  await page.getByTestId('ho-finger-2').click();
  await expect(page.getByTestId('ho-finger-result')).toContainText('cocok (skor', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('ho-verified')).toContainText('JARI TELUNJUK KANAN cocok');

  // ---- the recipient signs on the pad -------------------------------------------------------
  await page.getByTestId('ho-sign-start').click();
  await signUntilPenStill(
    page,
    () => page.getByTestId('ho-sign-simulate').click(),
    'ho-sign-stats',
  );
  await shot(page, 'signing');
  await page.getByTestId('ho-sign-accept').click();
  await expect(page.getByTestId('ho-signed')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('ho-complete')).toBeEnabled();
  await shot(page, 'ready');

  // ---- handed over: the receipt downloads ---------------------------------------------------
  const download = page.waitForEvent('download');
  await page.getByTestId('ho-complete').click();
  const file = await (await download).path();
  expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', [file!, '-']).toString();
  expect(text).toContain('TANDA TERIMA KTP-el');
  expect(text).toContain('SITI RAHMAWATI');
  expect(text).toContain('JARI TELUNJUK KANAN cocok');
  await expect(page.getByTestId('ho-done')).toContainText('KTP-el diserahkan');
  await shot(page, 'done');

  // ---- the same card again: already handed over --------------------------------------------
  await page.getByTestId('ho-next').click();
  await page.getByTestId('ho-search').fill(SITI.nik);
  await page.getByTestId('ho-search').press('Enter');
  await expect(page.getByTestId('ho-results')).toContainText('Sudah diserahkan');
  await page.getByTestId('ho-open').click();
  await expect(page.getByTestId('ho-error')).toContainText('sudah diserahkan');
  await shot(page, 'already-handed-over');
});
