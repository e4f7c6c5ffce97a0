import { expect, test, type Browser, type Page } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatCentralKeyBundle } from '../../src-main/packets/keys';
import { validResident } from '../helpers/station';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { openStore, seedCaptures } from '../helpers/sync-fixtures';
import {
  OPERATOR,
  api,
  launchWithCamera,
  loginUi,
  setUpStation,
  writeCameraClip,
  type Operator,
} from './station-setup';
import { signUntilPenStill } from './recording-steps';

/**
 * The operator's minute at a 1366×768 desk: a whole recording with the keyboard only (one key
 * moves on at every step), a reload mid-recording that offers the work back, "Keluar" that
 * asks first and keeps the draft, and the seal step that counts attempts and is unlocked on the
 * spot by a supervisor instead of a timed lockout.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('desk-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `desk-${String(shotNo).padStart(2, '0')}-${name}.png`),
  });
}

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1' };
const TECHNICIAN: Operator = {
  username: 'teknisi',
  password: 'teknisi-rahasia-1',
  fullName: 'Joko Prasetyo',
};
const work = mkdtempSync(path.join(tmpdir(), 'rekam-desk-e2e-'));
let host: RunningHost | undefined;
let browser: Browser | undefined;

test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await host?.stop();
  host = undefined;
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A station whose packets can be sealed (the centre's key is installed; no upload needed). */
async function stationWithCentralKey(h: RunningHost): Promise<void> {
  await setUpStation(h);
  await api(h, 'auth.login', SUPERVISOR);
  await api(h, 'users.create', { ...TECHNICIAN, role: 'technician' });
  await api(h, 'auth.login', { username: TECHNICIAN.username, password: TECHNICIAN.password });
  const pem = (k: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
    k.export({ type: 'spki', format: 'pem' }).toString();
  await api(h, 'central.setConfig', {
    url: 'http://127.0.0.1:9',
    publicKey: formatCentralKeyBundle(
      pem(generateKeyPairSync('x25519').publicKey),
      pem(generateKeyPairSync('ed25519').publicKey),
    ),
  });
  await api(h, 'auth.logout', {});
}

/** Tab (forward) until the focused element matches; keyboard only, whatever the tab order. */
async function tabTo(page: Page, match: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const hit = await page.locator(`${match}:focus`).count();
    if (hit) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${match}`);
}

const FINGERS = [
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

test('a whole recording with the keyboard only, every step moving on with one key', async () => {
  test.setTimeout(240_000);
  const y4m = path.join(work, 'good.y4m');
  await writeCameraClip(y4m);
  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '8', '--signature', 'simulated'],
  });
  await stationWithCentralKey(host);
  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);

  // ---- login ----
  await expect(page.getByTestId('login-username')).toBeFocused();
  await page.keyboard.type(OPERATOR.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(OPERATOR.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-nik')).toBeFocused();

  // ---- data: born 21-03-1993, a woman (day + 40), Kec. Sukasari ----
  await page.keyboard.type('3273016103930004');
  await tabTo(page, '[data-testid="field-kk"]');
  await page.keyboard.type('3273011203150007');
  await tabTo(page, '[data-testid="field-name"]');
  await page.keyboard.type('Rina Marlina');
  await tabTo(page, '[data-testid="field-birthPlace"]');
  await page.keyboard.type('Bandung');
  await tabTo(page, '[data-testid="field-birthDate"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('21031993');
  await expect(page.getByTestId('field-birthDate')).toHaveValue('21-03-1993');
  await expect(page.getByTestId('field-sex')).toHaveValue('PEREMPUAN');
  await tabTo(page, '[data-testid="field-bloodType"]');
  await page.keyboard.type('O');
  await tabTo(page, '[data-testid="field-address"]');
  await page.keyboard.type('Jl. Sukasari No. 12');
  await tabTo(page, '[data-testid="field-rt"]');
  await page.keyboard.type('1');
  await tabTo(page, '[data-testid="field-rw"]');
  await page.keyboard.type('3');
  await tabTo(page, '[data-testid="field-villageCode"]');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('field-villageCode')).not.toHaveValue('');
  await tabTo(page, '[data-testid="field-religion"]');
  await page.keyboard.type('ISLAM');
  await tabTo(page, '[data-testid="field-maritalStatus"]');
  await page.keyboard.type('BELUM');
  await tabTo(page, 'input[aria-controls="field-occupation"]');
  await page.keyboard.type('PELAJAR');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('field-occupation')).toHaveValue('PELAJAR/MAHASISWA');
  await shot(page, 'data-filled');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('save-ok')).toBeVisible();
  // One key moves on: focus sits on "Lanjut ke Foto".
  await expect(page.getByTestId('continue-photo')).toBeFocused();
  await shot(page, 'data-saved');
  await page.keyboard.press('Enter');

  // ---- photo: focus on "Ambil foto", then on the verdict (never back on capture) ----
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('photo-capture')).toBeFocused({ timeout: 15_000 });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('photo-attempt')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('no-glasses')).toBeFocused();
  await expect(page.getByTestId('no-glasses')).toBeInViewport();
  await expect(page.getByTestId('photo-accept')).toBeInViewport();
  await shot(page, 'photo-verdict');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  await expect(page.getByTestId('photo-next')).toBeFocused();
  await shot(page, 'photo-accepted');
  await page.keyboard.press('Enter');

  // ---- ten fingers: one Enter captures; each good image asks for the next finger by itself ----
  await expect(page.getByTestId('fingerprint-step')).toBeVisible();
  await expect(page.getByTestId('fp-prompt')).toContainText(`Letakkan ${FINGERS[0]} di sensor`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'accepted', {
    timeout: 20_000,
  });
  await shot(page, 'finger-accepted');
  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'true');
  await shot(page, 'fingers-complete');

  // ---- signature: Enter on "Selesai — sidik jari lengkap"; Alt+S lets the simulated resident
  // sign; Enter accepts; Enter goes on ----
  await expect(page.getByTestId('fp-finish')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signature-step')).toBeVisible();
  await expect(page.getByTestId('sig-simulate')).toBeVisible({ timeout: 10_000 });
  await signUntilPenStill(page, () => page.keyboard.press('Alt+S'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sig-image')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('sig-next')).toBeFocused();
  await shot(page, 'signature-accepted');
  await page.keyboard.press('Enter');

  // ---- review: fits one screen; Enter opens "Selesai & segel"; the password; Enter seals ----
  await expect(page.getByTestId('review-step')).toBeVisible();
  await expect(page.getByTestId('review-finish')).toBeFocused({ timeout: 10_000 });
  await expect(page.getByTestId('review-finish')).toBeInViewport();
  await expect(page.getByTestId('review-signature')).toBeInViewport();
  await shot(page, 'review');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finish-password')).toBeFocused();
  await page.keyboard.type(OPERATOR.password);
  await shot(page, 'seal-dialog');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });
  await shot(page, 'receipt');
  // The sealed recording is no longer work in progress.
  await expect.poll(() => api(host!, 'desk.draft', {})).toBeNull();
});

test('a reload mid-recording offers the work back; "Keluar" asks first and keeps the draft', async () => {
  test.setTimeout(180_000);
  const y4m = path.join(work, 'good.y4m');
  await writeCameraClip(y4m);
  host = await startBrowserHost({ extraArgs: ['--fingerprint', 'simulated'] });
  await setUpStation(host);
  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);
  await loginUi(page);

  // Typed, never saved: still offered back after a reload.
  await page.getByTestId('field-nik').fill('3273015508920002');
  await page.getByTestId('field-name').fill('SITI RAHMAWATI');
  await page.getByTestId('field-address').fill('JL. SUKASARI NO. 7');
  await expect
    .poll(async () => (await api(host!, 'desk.draft', {}))?.form.address ?? null)
    .toBe('JL. SUKASARI NO. 7');
  await page.reload();
  await expect(page.getByTestId('resume-title')).toHaveText('Lanjutkan perekaman SITI RAHMAWATI?');
  await expect(page.getByTestId('resume-continue')).toBeFocused();
  await shot(page, 'resume-offer');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
  await expect(page.getByTestId('field-nik')).toHaveValue('3273015508920002');
  await expect(page.getByTestId('field-address')).toHaveValue('JL. SUKASARI NO. 7');

  // Completed and saved, on to the photo step; a reload comes back to that step.
  await page.getByTestId('field-kk').fill('3273011203150007');
  await page.getByTestId('field-birthPlace').fill('BANDUNG');
  await page.getByTestId('field-birthDate').fill('15-08-1992');
  await page.getByTestId('field-bloodType').selectOption('A');
  await page.getByTestId('field-rt').fill('3');
  await page.getByTestId('field-rw').fill('5');
  await page.getByTestId('field-villageCode').selectOption({ index: 1 });
  await page.getByTestId('field-religion').selectOption('ISLAM');
  await page.getByTestId('field-maritalStatus').selectOption('KAWIN');
  await page.getByTestId('field-occupation').selectOption('WIRASWASTA');
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('continue-photo')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect.poll(async () => (await api(host!, 'desk.draft', {}))?.step).toBe('photo');
  await page.reload();
  await expect(page.getByTestId('resume-title')).toHaveText('Lanjutkan perekaman SITI RAHMAWATI?');
  // The offer takes the keyboard once it is shown; Enter before that would go nowhere.
  await expect(page.getByTestId('resume-continue')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('workspace-name')).toHaveText('SITI RAHMAWATI');

  // An unsaved change, then "Keluar": it asks first, and the change is still there afterwards.
  await page.keyboard.press('Alt+1');
  await page.getByTestId('field-address').fill('JL. SUKASARI NO. 9');
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('leave-confirm')).toBeVisible();
  await expect(page.getByTestId('leave-confirm')).toContainText('SITI RAHMAWATI');
  await shot(page, 'logout-confirm');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('leave-confirm')).toHaveCount(0);
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await page.getByTestId('logout').click();
  await page.getByTestId('leave-confirm-yes').click();
  await loginUi(page);
  await expect(page.getByTestId('resume-title')).toHaveText('Lanjutkan perekaman SITI RAHMAWATI?');
  await expect(page.getByTestId('resume-continue')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
  await expect(page.getByTestId('field-address')).toHaveValue('JL. SUKASARI NO. 9');
});

test('seal step: attempts left, then a supervisor unlocks at the desk (no timed lockout)', async () => {
  test.setTimeout(180_000);
  host = await startBrowserHost();
  await stationWithCentralKey(host);
  const op = (await (async () => {
    await api(host!, 'auth.login', SUPERVISOR);
    return (await api(host!, 'users.list', {})).find((u) => u.username === OPERATOR.username)!;
  })())!;
  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const rec = await api(host, 'recordings.saveDraft', {
    resident: validResident({
      nik: '3273011205900001',
      name: 'AGUS SETIAWAN',
      kk: '3273011203150007',
      villageCode: '32.73.01.1001',
    }),
  });
  const db = openStore(host.dataDir);
  try {
    await seedCaptures(db, rec.id, op.id);
  } finally {
    db.close();
  }
  await api(host, 'auth.logout', {});

  const launched = await launchWithCamera(path.join(work, 'good.y4m'));
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);
  await loginUi(page);
  await page.keyboard.press('Alt+H');
  await page
    .getByTestId('today-row')
    .filter({ hasText: 'AGUS SETIAWAN' })
    .getByTestId('today-open')
    .click();
  await expect(page.getByTestId('step-review')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('review-finish')).toBeFocused({ timeout: 10_000 });
  await shot(page, 'review-seeded');
  // Review fits one 1366×768 screen: nothing under the sticky stepper, the seal button in view.
  const stepper = (await page.getByTestId('step-review').boundingBox())!;
  const data = (await page.getByTestId('review-data').boundingBox())!;
  expect(data.y).toBeGreaterThanOrEqual(stepper.y + stepper.height);
  await expect(page.getByTestId('review-finish')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('review-signature')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Enter');
  for (const left of [4, 3, 2]) {
    await page.getByTestId('finish-password').fill('salah-ketik');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('finish-error')).toContainText(`Sisa ${left} percobaan`);
  }
  await page.getByTestId('finish-password').fill('salah-ketik');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finish-error')).toContainText('Sisa 1 percobaan terakhir');
  await shot(page, 'seal-last-attempt');
  await page.getByTestId('finish-password').fill('salah-ketik');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('seal-locked')).toBeVisible();
  await expect(page.getByTestId('seal-sup-user')).toBeFocused();
  await shot(page, 'seal-locked');

  // A wrong supervisor password is refused; the right one unlocks on the spot.
  await page.getByTestId('seal-sup-user').fill(SUPERVISOR.username);
  await page.getByTestId('seal-sup-password').fill('bukan-sandinya');
  await expect(page.getByTestId('seal-sup-password')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#finish-error')).toContainText('supervisor salah');
  await page.getByTestId('seal-sup-password').fill(SUPERVISOR.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finish-password')).toBeFocused();
  await page.keyboard.type(OPERATOR.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });

  // The operator was never locked out of the account, and the unlock is in the audit log.
  await api(host, 'auth.login', SUPERVISOR);
  const audit = await api(host, 'audit.list', {});
  expect(audit.find((a) => a.action === 'seal.unlocked')).toMatchObject({
    username: SUPERVISOR.username,
    target: OPERATOR.username,
  });
  expect(audit.some((a) => a.action === 'account.locked')).toBe(false);
});
