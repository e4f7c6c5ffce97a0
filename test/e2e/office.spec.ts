import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import {
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
} from '../../src-main/packets/index';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import {
  captureTenFingers,
  reviewAndSeal,
  signOnSimulatedPad,
  takePhoto,
  typeAndSaveResident,
} from './recording-steps';
import {
  OPERATOR,
  api,
  launchWithCamera,
  loginUi,
  setUpStation,
  writeCameraClip,
} from './station-setup';

/**
 * The office journey: a hub (the counter PC) and a desk, each its own process. The technicians
 * pair them on their Office screens; the counter issues a card; desk 2 calls it; the waiting-room
 * TV (another browser, with the board link only) shows "A-001 → Meja 2"; desk 2 records the
 * resident through every step (fake webcam, simulated scanner and pad) and seals; the card shows
 * "Direkam" at the counter and the hub's recap counts the sealed recording.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('office-')) rmSync(path.join(shots, f));
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `office-${name}.png`) });

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1' };
const TECHNICIAN = { username: 'teknisi', password: 'rahasia-teknisi-1', fullName: 'Agus Teknisi' };
const OFFICE_ARGS = ['--hub-port', '0', '--hub-host', '127.0.0.1'];

let hub: RunningHost | undefined;
let desk: RunningHost | undefined;
let browser: Browser | undefined;
let deskBrowser: Browser | undefined;
const work = mkdtempSync(path.join(tmpdir(), 'rekam-office-e2e-'));
test.afterAll(async () => {
  await browser?.close();
  await deskBrowser?.close();
  rmSync(work, { recursive: true, force: true });
  await Promise.all([hub?.stop(), desk?.stop()]);
});

async function prepare(host: RunningHost): Promise<void> {
  await setUpStation(host);
  await api(host, 'auth.login', SUPERVISOR);
  await api(host, 'users.create', { ...TECHNICIAN, role: 'technician' });
  await api(host, 'queue.setCapacity', {
    serviceDays: [0, 1, 2, 3, 4, 5, 6],
    opensAt: '00:00',
    closesAt: '23:59',
    recordingsPerDesk: 40,
    priorityShare: 0,
  });
  await api(host, 'auth.logout', {});
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
}

test('pair a desk, issue at the counter, desk 2 calls, the TV shows it, the desk records and seals, the hub counts it', async () => {
  test.setTimeout(480_000);
  const y4m = path.join(work, 'camera.y4m');
  await writeCameraClip(y4m);
  hub = await startBrowserHost({ extraArgs: [...OFFICE_ARGS, '--hub'] });
  desk = await startBrowserHost({
    extraArgs: [
      ...OFFICE_ARGS,
      ...['--fingerprint', 'simulated', '--sim-speed', '8', '--signature', 'simulated'],
    ],
  });
  await Promise.all([prepare(hub), prepare(desk)]);
  // The desk's technician installs the centre's keys (sealing needs them, not the link).
  await api(desk, 'auth.login', { username: TECHNICIAN.username, password: TECHNICIAN.password });
  await api(desk, 'central.setConfig', {
    url: 'http://127.0.0.1:9/',
    publicKey: formatCentralKeyBundle(
      generateCentralKeys().publicKeyPem,
      generateVerdictKeys().publicKeyPem,
    ),
  });
  await api(desk, 'auth.logout', {});

  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath() ?? undefined,
    args: chromiumArgs,
  });
  const open = async (url: string) => {
    const ctx = await browser!.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'id-ID',
    });
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  };
  const hubPage = await open(hub.url);
  // The desk's browser has the (fake) webcam the photo step uses.
  const launched = await launchWithCamera(y4m);
  deskBrowser = launched.browser;
  const deskPage = launched.page;
  await deskPage.goto(desk.url);

  // ---- pairing, as the two technicians do it -------------------------------------------------
  await loginUi(hubPage, TECHNICIAN);
  await hubPage.getByTestId('nav-office').click();
  await expect(hubPage.getByTestId('office-role')).toHaveText('Hub kantor');
  await hubPage.getByTestId('office-new-code').click();
  const code = (await hubPage.getByTestId('office-pairing-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  const hubAddress = (await hubPage.getByTestId('office-hub-urls').textContent())!.trim();
  const boardUrl = (await hubPage.getByTestId('office-board-url').textContent())!.trim();
  await shot(hubPage, 'hub-pairing-code');

  await loginUi(deskPage, TECHNICIAN);
  await deskPage.getByTestId('nav-office').click();
  await deskPage.getByTestId('office-url').fill(hubAddress);
  await deskPage.getByTestId('office-code').fill(code.toLowerCase());
  await deskPage.getByRole('button', { name: 'Pasangkan meja ini' }).click();
  await expect(deskPage.getByTestId('office-desk-link')).toContainText('Meja ini: Meja 2');
  await expect(deskPage.getByTestId('office-connected')).toBeVisible();
  // The fingerprint the desk shows is the hub's, as on the hub's screen.
  await expect(deskPage.getByTestId('office-desk-hub-fingerprint')).toHaveAttribute(
    'data-value',
    (await hubPage.getByTestId('office-hub-fingerprint').getAttribute('data-value'))!,
  );
  await shot(deskPage, 'desk-joined');

  await hubPage.getByTestId('nav-diagnostics').click();
  await hubPage.getByTestId('nav-office').click();
  await expect(hubPage.getByTestId('office-desk-2')).toContainText('Meja 1 Kecamatan Sukasari');
  await shot(hubPage, 'hub-desks');

  // ---- the counter issues a card; desk 2 calls it -----------------------------------------
  await logout(hubPage);
  await loginUi(hubPage);
  await hubPage.getByTestId('nav-queue').click();
  await hubPage.getByTestId('walkin-name').fill('Siti Rahmawati');
  await hubPage.getByTestId('walkin-issue').click();
  await expect(hubPage.getByTestId('walkin-result-number')).toHaveText('A-001');
  await shot(hubPage, 'counter');

  await logout(deskPage);
  await loginUi(deskPage);
  await deskPage.getByTestId('nav-queue').click();
  await expect(deskPage.getByTestId('office-queue-connected')).toContainText('Meja 2');
  await deskPage.getByTestId('queue-call-next').click();
  await expect(deskPage.getByTestId('queue-called-number')).toHaveText('A-001');
  await shot(deskPage, 'desk-called');

  // ---- the TV: another browser, the board link only ---------------------------------------
  const tvCtx = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    // The hub's certificate is its own (desks pin it); a TV browser accepts it once.
    ignoreHTTPSErrors: true,
  });
  const tv = await tvCtx.newPage();
  await tv.goto(boardUrl);
  await expect(tv.locator('#now-number')).toHaveText('A-001');
  await expect(tv.locator('#now-desk')).toHaveText('Meja 2');
  await expect(tv.getByTestId('board-now')).toContainText('→');
  await shot(tv, 'tv');
  // The same page without the token shows nothing but a plain message.
  const bare = await tvCtx.newPage();
  await bare.goto(boardUrl.split('#')[0]!);
  await expect(bare.locator('#error')).toContainText('Tautan papan tidak berlaku');
  await expect(bare.locator('#now-number')).toHaveText('—');

  // ---- desk 2 records the resident it called; the hub's recap counts it ---------------------
  await deskPage.getByTestId('queue-record').click();
  await expect(deskPage.getByTestId('field-nik')).toBeVisible();
  // Born in an odd year: the red wall of the desk's camera clip is the right background.
  await typeAndSaveResident(deskPage, {
    nik: '3273015505910002',
    kk: '3273011203150007',
    name: 'SITI RAHMAWATI',
    birthPlace: 'Bandung',
    birthDate: '15-05-1991',
    sex: 'PEREMPUAN',
    address: 'Jl. Merdeka No. 10',
    rt: '3',
    rw: '7',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    occupation: 'GURU',
  });
  await takePhoto(deskPage);
  await captureTenFingers(deskPage);
  await signOnSimulatedPad(deskPage);
  await reviewAndSeal(deskPage, OPERATOR.password);
  await shot(deskPage, 'desk-recorded');

  // The seal is reported to the hub at once: the card is "Direkam" at the counter.
  await expect(async () => {
    await hubPage.getByTestId('nav-today').click();
    await hubPage.getByTestId('nav-queue').click();
    const row = hubPage.getByTestId('queue-card-row').filter({ hasText: 'A-001' });
    await expect(row).toHaveAttribute('data-status', 'served', { timeout: 2_000 });
    await expect(row).toContainText('Direkam', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await shot(hubPage, 'counter-recorded');

  // The desk reports its day at its next hello (every 20 s): the recap on the hub counts it.
  await logout(hubPage);
  await loginUi(hubPage, { ...SUPERVISOR, fullName: '' });
  await expect(async () => {
    await hubPage.getByTestId('nav-today').click();
    await hubPage.getByTestId('nav-office-recap').click();
    await expect(hubPage.getByTestId('office-recap-total')).toHaveText('1 perekaman · 1 selesai', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(hubPage.getByTestId('office-recap-desks')).toContainText('Meja 2');
  await expect(hubPage.getByTestId('office-recap-recordings')).toContainText('3273********0002');
  await hubPage.getByTestId('office-report-print').click();
  await expect(hubPage.getByTestId('office-report-done')).toContainText('1 perekaman');
  await shot(hubPage, 'hub-recap');
});
